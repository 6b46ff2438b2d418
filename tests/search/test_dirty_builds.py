"""Dirty builds render only edited pages; the search index still holds every page."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from helpcenter.search.index import SearchPage
from helpcenter.search.plugin import dirty_build_pages


def entry(location: str) -> SearchPage:
    return SearchPage(location, location.title(), "", [], [])


def test_pages_not_rendered_again_keep_their_entries_in_document_order():
    entries = {("en", "a.md"): entry("a/"), ("en", "index.md"): None, ("en", "b.md"): entry("b/"),
               ("zh", "a.md"): entry("zh-a/"), ("en", "deleted.md"): entry("deleted/")}
    pages = dirty_build_pages("en", ["index.md", "b.md", "a.md"], entries, "docs")
    assert [p.location for p in pages] == ["b/", "a/"]


def test_a_page_never_rendered_in_this_process_fails_the_build_with_the_fix():
    with pytest.raises(PluginError, match=r"1 pages of 'en' \(e\.g\. docs/b\.md\).*Fix: build without --dirty"):
        dirty_build_pages("en", ["a.md", "b.md"], {("en", "a.md"): entry("a/")}, "docs")
