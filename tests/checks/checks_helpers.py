"""Helpers for the gates' tests: the project's settings, Markdown rendered the way the site renders it
(fixtures: import them into a test module), small docs trees and the lines faults are planted on."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.checks.htmlparse import parse_html
from helpcenter.checks.run import load_settings
from helpcenter.checks.sources import MarkdownRenderer, SourceLines, SourcePage, split_body

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def settings():
    """The shipped project's settings (Markdown extensions, site_url, checks options)."""
    return load_settings(ROOT / "mkdocs.yml")


@pytest.fixture(scope="session")
def renderer(settings) -> MarkdownRenderer:
    return MarkdownRenderer(settings.markdown_extensions, settings.markdown_options)


@pytest.fixture
def page_of(renderer):
    """page_of(text, locale='en', path='security/x.md') -> SourcePage rendered like the real site."""

    def make(text: str, locale: str = "en", path: str = "security/x.md") -> SourcePage:
        body, body_line = split_body(text)
        html = renderer.render(body)
        return SourcePage(locale=locale, path=path, src=f"docs/{locale}/{path}", lines=SourceLines(body, body_line),
                          html=html, parsed=parse_html(html))

    return make


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def article(article_id: int, title: str, category: str = "security", body: str = "Body text.\n") -> str:
    return (f"---\nid: {article_id}\ntitle: \"{title}\"\ndescription: About {title}.\ncategory: {category}\n"
            f"tags: []\n---\n\n{body}")


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing `needle` (tests assert the gates report that line)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
