"""The build's Snowball stemmer (snowballstemmer) and the browser's (lunr-languages, from Material's bundle,
as the search worker loads it) give the same stem for every word of each shipped index, and for the word
lists in tests/search/stemming_words/ (locales whose articles are not translated yet, and languages the
package supports without a locale here).

snowballstemmer is pinned to the Snowball release lunr-languages was generated from (newer releases stem
Spanish words written without accents, "actualizacion", and French "mauvais" differently). The one known
difference, Portuguese "-ução/-uções" (lunr-languages lacks that step), is cut the browser's way at build
time (text.BROWSER_ENDINGS); the word list holds such words so the test sees them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpcenter.search.text import SNOWBALL, fold, lower, pieces, snowball_stem, stem_terms

WORD_LISTS = Path(__file__).parents[1] / "search" / "stemming_words"
_TAG = re.compile(r"<[^>]+>")


def listed_words(locale: str) -> set[str]:
    path = WORD_LISTS / f"{locale}.txt"
    if not path.exists():
        return set()
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return {value for kind, value in pieces(lower(text, locale)) if kind == "word"}


def shipped_words(site: Path, locale: str) -> set[str]:
    """Every word of the locale's shipped pages (Material's index holds their text), lower case, unfolded:
    what the build stemmed."""
    import json

    path = site / locale / "search" / "search_index.json"
    if not path.exists():
        return set()
    data = json.loads(path.read_text(encoding="utf-8"))
    found = set()
    for doc in data["docs"]:
        text = " ".join([_TAG.sub(" ", doc.get("title", "")), _TAG.sub(" ", doc.get("text", ""))] + doc.get("tags", []))
        found.update(value for kind, value in pieces(lower(text, locale)) if kind == "word")
    return found


@pytest.fixture(scope="module")
def stemmer_page(built_site, serve, browser):
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(serve(built_site) + "404.html")
    # Our scripts from the package's sources (the site has them under content-hashed names); Material's
    # lunr-languages stemmers from the site, as the worker loads them.
    scripts = Path(__file__).resolve().parents[2] / "plugins" / "helpcenter" / "theme" / "assets" / "javascripts"
    tab.add_script_tag(path=str(scripts / "vendor" / "lunr.js"))
    tab.add_script_tag(path=str(scripts / "search-analysis.js"))
    tab.add_script_tag(url="/assets/javascripts/lunr/min/lunr.stemmer.support.min.js")
    for _, name in SNOWBALL.values():
        tab.add_script_tag(url=f"/assets/javascripts/lunr/min/lunr.{name}.min.js")
    yield tab
    context.close()


def browser_stems(tab, name: str, words: list[str]) -> list[str]:
    return tab.evaluate("([name, words]) => words.map(w => lunr[name].stemmer(new lunr.Token(w)).toString())",
                        [name, words])


@pytest.mark.parametrize("locale", sorted(SNOWBALL))
def test_build_and_browser_stem_alike(stemmer_page, built_site, locale):
    name = SNOWBALL[locale][1]
    shipped = shipped_words(built_site, locale)
    words = sorted(shipped | listed_words(locale))
    minimum = 100 if locale in ("es", "fr", "pt", "ru", "tr") else 40
    assert len(words) >= minimum, f"{locale}: only {len(words)} words to compare; add to {WORD_LISTS}/{locale}.txt"
    js = browser_stems(stemmer_page, name, words)
    differ = [(w, b, snowball_stem(w, locale)) for w, b in zip(words, js) if b != snowball_stem(w, locale)]
    assert not differ, f"{locale}: build and browser stem differently (word, browser, build): {differ[:20]}"
    # Folded words too: a query typed without accents is stemmed as typed.
    folded = sorted({fold(w, locale) for w in words})
    js_folded = browser_stems(stemmer_page, name, folded)
    assert js_folded == [snowball_stem(w, locale) for w in folded], locale
    print(f"\n{locale}: {len(words)} words ({len(shipped)} from the shipped index) stem alike")


def test_the_worker_stems_queries_like_the_build(stemmer_page):
    """The query side (search-analysis.js) gives a query word the first of the build's terms for it."""
    cases = [("es", "Retiros"), ("es", "comisión"), ("ru", "выводу"), ("ru", "Ещё"), ("tr", "HESABIMA"),
             ("tr", "İşlemler"), ("pt", "saques"), ("fr", "Mauvais")]
    js = stemmer_page.evaluate("""cases => cases.map(([l, w]) => { const A = HelpcenterSearchAnalysis;
        const name = {es: "es", ru: "ru", tr: "tr", pt: "pt", fr: "fr"}[l];
        return A.stemTerm(A.lower(w, l), l, x => lunr[name].stemmer(new lunr.Token(x)).toString()); })""", cases)
    assert js == [stem_terms(lower(w, l), l)[0] for l, w in cases]
    assert js[0] == stem_terms("retiro", "es")[0] and js[2] == stem_terms("вывод", "ru")[0]
