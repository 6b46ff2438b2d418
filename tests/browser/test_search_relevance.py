"""Relevance as readers get it: each query is typed into the search box of the built site in Chromium.

The queries come from tests/search/relevance_queries.yml (locale -> list) and from one file per locale,
tests/search/relevance/<locale>.yml (a list), merged (a query in both counts once). Each locale's recall@3
and MRR are printed as one table at the end of the module.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from search_page import article_ids, result_ids, type_query

SEARCH_TESTS = Path(__file__).parents[1] / "search"
MIN_RECALL_AT_3 = 0.9
# A locale's recall@3 must reach the bar once it has this many queries; a locale with its own file of
# queries must have at least this many.
BAR_FROM = 15
# Locales whose suites already held the bar with fewer queries keep it.
MIN_QUERIES = {"en": 20, "zh": 20, "ja": 20, "ko": 10, "es": 10}


def _cases(data, source: str) -> list[dict]:
    if not isinstance(data, list):
        raise ValueError(f"{source}: must be a list of {{q: ..., ids: [...]}} entries")
    for number, case in enumerate(data, 1):
        if not (isinstance(case, dict) and isinstance(case.get("q"), str) and case["q"].strip()
                and isinstance(case.get("ids"), list) and case["ids"]
                and all(isinstance(i, int) for i in case["ids"])):
            raise ValueError(f"{source}: entry {number} ({case!r}) needs a query q and a list of article ids, "
                             "e.g. {q: \"retiro pendiente\", ids: [2004]}")
    return data


def relevance_queries(folder: Path = SEARCH_TESTS) -> dict[str, list[dict]]:
    """locale -> [{q, ids}], from relevance_queries.yml and relevance/<locale>.yml merged."""
    merged: dict[str, list[dict]] = {}
    old = yaml.safe_load((folder / "relevance_queries.yml").read_text(encoding="utf-8")) or {}
    for locale, cases in old.items():
        merged[locale] = list(_cases(cases, f"relevance_queries.yml, {locale}"))
    for path in sorted((folder / "relevance").glob("*.yml")):
        cases = _cases(yaml.safe_load(path.read_text(encoding="utf-8")) or [], f"relevance/{path.name}")
        known = {case["q"] for case in merged.get(path.stem, [])}
        merged.setdefault(path.stem, []).extend(case for case in cases if case["q"] not in known)
    return merged


def locale_files(folder: Path = SEARCH_TESTS) -> list[str]:
    return sorted(path.stem for path in (folder / "relevance").glob("*.yml"))


def gated(locale: str, queries: dict[str, list[dict]]) -> bool:
    return len(queries.get(locale, [])) >= BAR_FROM or locale in MIN_QUERIES


QUERIES = relevance_queries()


def test_the_suite_has_enough_queries_per_locale():
    for locale, minimum in MIN_QUERIES.items():
        assert len(QUERIES[locale]) >= minimum, f"{locale}: {len(QUERIES[locale])} queries, need {minimum}"
    for locale in locale_files():
        assert len(QUERIES[locale]) >= BAR_FROM, \
            f"relevance/{locale}.yml: {len(QUERIES[locale])} queries, need {BAR_FROM}"


def test_the_files_merge(tmp_path):
    (tmp_path / "relevance").mkdir()
    (tmp_path / "relevance_queries.yml").write_text(
        'fr:\n  - {q: "retrait en attente", ids: [2004]}\n', encoding="utf-8")
    (tmp_path / "relevance" / "fr.yml").write_text(
        '- {q: "retrait en attente", ids: [2004]}\n- {q: "mot de passe oublié", ids: [1005]}\n', encoding="utf-8")
    (tmp_path / "relevance" / "pt.yml").write_text('- {q: "saque pendente", ids: [2004]}\n', encoding="utf-8")
    merged = relevance_queries(tmp_path)
    assert [c["q"] for c in merged["fr"]] == ["retrait en attente", "mot de passe oublié"]
    assert [c["q"] for c in merged["pt"]] == ["saque pendente"]
    (tmp_path / "relevance" / "pt.yml").write_text('- {q: "saque pendente"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="pt.yml: entry 1"):
        relevance_queries(tmp_path)


@pytest.fixture(scope="module")
def table(request):
    rows: dict[str, tuple] = {}
    yield rows
    lines = ["", "search relevance per locale", f"{'locale':<7} {'queries':>7} {'recall@3':>8} {'MRR':>5}  bar"]
    for locale in sorted(rows):
        count, recall, mrr, bar = rows[locale]
        lines.append(f"{locale:<7} {count:>7} {recall:>8.2f} {mrr:>5.2f}  {'yes' if bar else f'no (<{BAR_FROM})'}")
    # Printed past pytest's output capture, so the table shows in every run, passing or not.
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n".join(lines), flush=True)


@pytest.mark.parametrize("locale", sorted(QUERIES))
def test_relevance(locale, built_site, serve, page, table):
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
    bar = gated(locale, QUERIES)
    table[locale] = (count, recall, mrr, bar)
    print(f"\nsearch relevance {locale}: recall@3 {recall:.2f}  MRR {mrr:.2f}  ({count} queries)")
    for line in misses:
        print(line)
    if bar:
        assert recall >= MIN_RECALL_AT_3, f"{locale}: recall@3 {recall:.2f} < {MIN_RECALL_AT_3}\n" + "\n".join(misses)


def test_every_placeholder_example_is_in_the_suite():
    from helpcenter.i18n.strings import all_strings
    from test_search_examples import example

    for locale in all_strings():
        assert example(locale) in {case["q"] for case in QUERIES.get(locale, [])}, \
            f"{locale}: add the search box's example {example(locale)!r} to tests/search/relevance_queries.yml"
