"""The example query each locale's home search box shows in its placeholder finds the article it is about,
in every locale where that article is translated (typed into the home page's box, as a reader would)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from helpcenter.i18n.strings import all_strings
from search_page import article_ids, site_path
from test_search import entries, hero_results

QUERIES = yaml.safe_load((Path(__file__).parents[1] / "search" / "relevance_queries.yml").read_text(encoding="utf-8"))
# The quoted example inside a placeholder: "…", “…”, «…», 「…」.
QUOTED = re.compile(r'["“«「]\s*([^"”»」]+?)\s*["”»」]')


def example(locale: str) -> str:
    placeholder = all_strings()[locale]["home.search_placeholder"]
    found = QUOTED.search(placeholder)
    assert found, f"{locale}: no quoted example in the placeholder {placeholder!r}"
    return found.group(1)


def test_every_locales_example_finds_its_article_where_translated(built_site, serve, page):
    # The article the example is about: the one the relevance suite expects for the English example.
    wanted = next(case["ids"] for case in QUERIES["en"] if case["q"] == example("en"))
    ids = article_ids(built_site)
    base = serve(built_site)
    checked = []
    for locale in all_strings():
        translated = {e["id"] for e in entries(built_site, locale).values() if e["state"] != "fallback"} \
            if locale != "en" else set(wanted)
        if not set(wanted) & translated:
            continue
        page.goto(base + ("" if locale == "en" else f"{locale}/"))
        found = [ids.get(site_path(link)) for link in hero_results(page, example(locale))]
        assert set(found[:3]) & set(wanted), f"{locale}: {example(locale)!r} found {found[:5]}, want {wanted}"
        checked.append(locale)
    assert "en" in checked and "zh" in checked, checked
