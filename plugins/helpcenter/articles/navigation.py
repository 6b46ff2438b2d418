"""Navigation generated from the article model: categories in their order with their localized titles,
each category's landing page first and its articles most important first; one entry per folder, whether its
pages are the locale's own or the default locale's fallbacks; no private pages."""

from __future__ import annotations

import copy
import fnmatch
import html
from typing import Callable, Iterable

from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page

from ..adapters.static_i18n import file_locale, locale_relative_path
from .model import HelpCenter


def _walk_pages(items):
    for item in items:
        if isinstance(item, Page):
            yield item
        elif isinstance(item, Section):
            yield from _walk_pages(item.children)


def is_private(path: str, private_pages: Iterable[str]) -> bool:
    """A page for the team (a glob of `private_pages` matches its path relative to the locale folder)."""
    return any(fnmatch.fnmatch(path, pattern) for pattern in private_pages)


def merge_folder_sections(items: list, locale: str, depth: int = 0) -> list:
    """One section per folder. static-i18n builds a locale's navigation from two trees, the locale's own
    folder and the default locale's (for the pages it falls back to), and puts their top-level items side
    by side: a folder with both a translated page (its index) and fallback pages became two sections of the
    same title, one with the landing page and one with the English articles. Merge them, at every level;
    the merged section keeps the title of the locale's own copy."""
    merged: list = []
    by_folder: dict[tuple[str, ...], Section] = {}
    for item in items:
        folder = _section_folder(item, depth) if isinstance(item, Section) else None
        if folder is None:
            merged.append(item)
            continue
        kept = by_folder.get(folder)
        if kept is None:
            by_folder[folder] = item
            merged.append(item)
            continue
        if _is_own(item, locale) and not _is_own(kept, locale):
            kept.title = item.title
        for child in item.children:
            child.parent = kept
        kept.children.extend(item.children)
    for section in by_folder.values():
        section.children = merge_folder_sections(section.children, locale, depth + 1)
    return merged


def _section_folder(section: Section, depth: int) -> tuple[str, ...] | None:
    page = next(_walk_pages(section.children), None)
    if page is None:
        return None
    parts = tuple(locale_relative_path(page.file).split("/"))
    return parts[:depth + 1] if len(parts) > depth + 1 else None


def _is_own(section: Section, locale: str) -> bool:
    return any(file_locale(page.file) in (locale, None) for page in _walk_pages(section.children))


def without_private_pages(items: list, private_pages: Iterable[str]) -> list:
    """`items` without the pages for the team, and without the sections left empty."""
    patterns = list(private_pages)
    kept = []
    for item in items:
        if isinstance(item, Page) and is_private(locale_relative_path(item.file), patterns):
            continue
        if isinstance(item, Section):
            item.children = without_private_pages(item.children, patterns)
            if not item.children:
                continue
        kept.append(item)
    return kept


def order_navigation(nav, hc: HelpCenter, locale: str, private_pages: Iterable[str] = ()) -> None:
    nav.items[:] = without_private_pages(merge_folder_sections(nav.items, locale), private_pages)
    categories = {c.id: c for c in hc.ordered_categories(locale)}

    def page_rank(page: Page):
        path = locale_relative_path(page.file)
        if path.endswith("/index.md") or path == "index.md":
            return (0, 0, "")
        article = hc.by_path(path)
        if article is None:
            return (2, 0, path)
        shown = hc.article(article.id, locale)
        return (1, -shown.rank, shown.title.casefold())

    def item_rank(item):
        if isinstance(item, Page):
            return (0, 0, "") if locale_relative_path(item.file) == "index.md" else (3, 0, item.title or "")
        if isinstance(item, Section):
            pages = list(_walk_pages(item.children))
            category_id = locale_relative_path(pages[0].file).split("/")[0] if pages else None
            if category_id in categories:
                category = categories[category_id]
                item.title = category.title
                item.children.sort(key=page_rank)
                return (1, category.order, category.id)
        return (2, 0, getattr(item, "title", "") or "")

    nav.items.sort(key=item_rank)
    nav.pages[:] = list(_walk_pages(nav.items))
    for previous, current in zip([None] + nav.pages[:-1], nav.pages):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if nav.pages:
        nav.pages[-1].next_page = None


def mark_content_language(page, lang: str) -> None:
    """Give a page's navigation entry and table-of-contents entries the language of its text (a fallback page
    in another locale's build). Material draws an entry's `typeset.title`, when it has one, as HTML in place of
    its title (Material's typeset plugin sets it the same way), so screen readers read the English titles of
    fallback articles in the sidebar with an English voice."""
    page.typeset = {"title": f'<span lang="{html.escape(lang)}">{html.escape(page.title or "")}</span>'}
    stack = list(page.toc or [])
    while stack:
        item = stack.pop()
        # A heading's title is HTML already (Material prints it as it is).
        item.typeset = {"title": f'<span lang="{html.escape(lang)}">{item.title}</span>'}
        stack.extend(item.children or [])


def page_navigation(nav, page, limit: int, all_articles_title: Callable[[int], str]):
    """The navigation as `page` shows it. Its category lists its first `limit` articles (most important
    first), the page itself if it comes later, and a link to the category page, which lists them all.
    A category of hundreds of articles stays a short sidebar, and a page costs the same to build however
    large its category grows. `limit` 0 lists every article."""
    if limit <= 0:
        return nav
    items = list(nav.items)
    for position, item in enumerate(items):
        if not (isinstance(item, Section) and item.active):
            continue
        landing = item.children[:1] if item.children and _is_landing_page(item.children[0]) else []
        articles = item.children[len(landing):]
        if len(articles) <= limit:
            return nav
        shown = articles[:limit] + [child for child in articles[limit:] if child is page]
        link_target = landing[0].url if landing else None
        section = copy.copy(item)
        section.children = landing + shown
        if link_target is not None:
            section.children.append(Link(all_articles_title(len(articles)), link_target))
        items[position] = section
        view = copy.copy(nav)
        view.items = items
        return view
    return nav


def _is_landing_page(item) -> bool:
    path = locale_relative_path(item.file) if isinstance(item, Page) else ""
    return path == "index.md" or path.endswith("/index.md")
