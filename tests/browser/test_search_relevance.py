"""Relevance as readers get it: each query is typed into the search box of the built site in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from search_page import article_ids, result_ids, type_query

QUERIES = yaml.safe_load((Path(__file__).parents[1] / "search" / "relevance_queries.yml").read_text(encoding="utf-8"))
MIN_RECALL_AT_3 = 0.9
MIN_QUERIES = {"en": 20, "zh": 20, "ja": 20, "ko": 10, "es": 10}


def test_the_suite_has_enough_queries_per_locale():
    for locale, minimum in MIN_QUERIES.items():
        assert len(QUERIES[locale]) >= minimum, f"{locale}: {len(QUERIES[locale])} queries, need {minimum}"


@pytest.mark.parametrize("locale", list(MIN_QUERIES))
def test_relevance(locale, built_site, serve, page):
    ids = article_ids(built_site)
    base = serve(built_site)
    page.goto(base + ("" if locale == "en" else f"{locale}/"))
    hits, reciprocal, misses = 0, 0.0, []
    for case in QUERIES[locale]:
        found = result_ids(type_query(page, case["q"]), ids)
        rank = next((i + 1 for i, article in enumerate(found) if article in case["ids"]), None)
        if rank is not None and rank <= 3:
            hits += 1
        reciprocal += 1 / rank if rank else 0
        if rank is None or rank > 3:
            misses.append(f"  {case['q']!r}: want {case['ids']}, got {found[:5]} (rank {rank})")
    count = len(QUERIES[locale])
    recall, mrr = hits / count, reciprocal / count
    print(f"\nsearch relevance {locale}: recall@3 {recall:.2f}  MRR {mrr:.2f}  ({count} queries)")
    for line in misses:
        print(line)
    assert recall >= MIN_RECALL_AT_3, f"{locale}: recall@3 {recall:.2f} < {MIN_RECALL_AT_3}\n" + "\n".join(misses)
