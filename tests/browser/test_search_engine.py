"""search-engine.js ranks and scores what lunr.Index.query does, on every locale's index of the built site,
from the prebuilt index and from an index lunr builds in the browser."""

from __future__ import annotations

import json

import pytest

from helpcenter.search.index import expand

LOCALES = ["en", "zh", "zh-TW", "ja", "ko", "es", "ru"]


def clause_lists(terms: list[str]) -> list[list[dict]]:
    """Queries as the worker makes them: words through the pipeline, completions of what is typed, lower
    boosts for parts and alternatives, a word given twice."""
    step = max(1, len(terms) // 40)
    queries = []
    for i in range(0, len(terms), step):
        word, other = terms[i], terms[(i * 7 + 3) % len(terms)]
        queries.append([
            {"term": word, "boost": 1, "usePipeline": True, "prefix": False},
            {"term": other[:2], "boost": 0.3, "usePipeline": False, "prefix": True},
            {"term": other, "boost": 0.6, "usePipeline": True, "prefix": False},
            {"term": word, "boost": 1, "usePipeline": False, "prefix": False},
        ])
    queries.append([{"term": "no-such-term", "boost": 1, "usePipeline": True, "prefix": False}])
    return queries


@pytest.mark.parametrize("locale", LOCALES)
def test_the_engine_scores_as_lunr_does(search_scripts_page, built_site, locale):
    prefix = "" if locale == "en" else f"{locale}/"
    index_file = built_site / prefix / "search" / "helpcenter_index.json"
    compacted = json.loads(index_file.read_text(encoding="utf-8"))["index"]
    queries = clause_lists([entry[0] for entry in compacted["invertedIndex"]])
    lunr_results, prebuilt, built_here = search_scripts_page.evaluate("""([compacted, serialized, queries]) => {
        const E = HelpcenterSearchEngine;
        const reference = lunr.Index.load(serialized);
        const loaded = E.load(compacted), fromLunr = E.load(E.compact(reference));
        const ours = (index) => queries.map(clauses => E.query(index, clauses).map(
            r => [r.ref, r.score, r.terms.slice().sort()]));
        const theirs = queries.map(clauses => reference.query(q => clauses.forEach(c => q.term(c.term, {
            boost: c.boost, usePipeline: c.usePipeline,
            wildcard: c.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE}))).map(
            r => [r.ref, r.score, Object.keys(r.matchData.metadata).sort()]));
        return [theirs, ours(loaded), ours(fromLunr)];
    }""", [compacted, expand(compacted), queries])
    assert any(lunr_results), "the queries find pages"
    for expected, ours in [(lunr_results, prebuilt), (lunr_results, built_here)]:
        for clauses, want, got in zip(queries, expected, ours):
            # Scores are sums in lunr's order; a completion's terms may come in another order, which can
            # change the last bit of a sum, never the ranking beyond ties.
            assert len(got) == len(want), clauses
            scores = {ref: (score, terms) for ref, score, terms in want}
            for position, (ref, score, terms) in enumerate(got):
                assert scores[ref][0] == pytest.approx(score, rel=1e-12) and scores[ref][1] == terms, clauses
                assert want[position][1] == pytest.approx(score, rel=1e-12), clauses
