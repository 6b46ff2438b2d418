"""Driving the search box of the built site the way a reader does (shared by the search browser tests)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urlsplit

RESULT_LINKS = ".md-search-result__item > a:first-child"


def article_ids(site: Path) -> dict[str, int]:
    """Site-relative URL of every article page (every locale, fallbacks included) -> article id."""
    catalogue = json.loads((site / "articles.json").read_text(encoding="utf-8"))
    return {entry["url"]: entry["id"] for entry in catalogue["articles"]}


def site_path(href: str) -> str:
    return urlsplit(href).path.lstrip("/")


def _links(page) -> list[str]:
    return page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")


def type_query(page, query: str, timeout: float = 15.0) -> list[str]:
    """Clear the search box, type the query, and return the result links once they stop changing."""
    box = page.locator("input.md-search__input")
    box.click()
    if box.input_value():
        box.fill("")
        page.keyboard.press("End")  # Material reads the box on keyup
        page.wait_for_function(f"document.querySelectorAll('{RESULT_LINKS}').length === 0", timeout=timeout * 1000)
    # insert_text is how an input method commits CJK text; the key press after it is what Material listens to.
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    deadline = time.monotonic() + timeout
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:
        links = _links(page)
        meta = page.inner_text(".md-search-result__meta")
        if links != last:
            last, stable_since = links, time.monotonic()
        elif (links or _says_no_results(page, meta)) and time.monotonic() - stable_since > 0.4:
            return links
        time.sleep(0.05)
    raise AssertionError(f"no search results settled for {query!r} within {timeout} s")


def _says_no_results(page, meta: str) -> bool:
    none = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.none']")
    return meta.strip() == none.strip()


def result_ids(links: list[str], ids: dict[str, int]) -> list[int | None]:
    return [ids.get(site_path(href)) for href in links]
