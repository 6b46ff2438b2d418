"""One locale's search index: the pages it holds, their words per field, and the files the browser loads.

Files written under `<locale>/search/` (English at `search/`), all UTF-8:
- search_index.json   Material's format (config + docs with location/title/text), for other readers of
                      the index such as the contact page. Locations are relative to the site root.
- helpcenter_index.json  the prebuilt lunr index (lunr.py, loads in lunr.js 2.3.9) and what results show.
- helpcenter_docs.json   the same words per field, for the browser to build the index itself (written
                         instead of helpcenter_index.json when `prebuilt_index: false`).
"""

from __future__ import annotations

import html
import json
import math
import os
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from lunr import __TARGET_JS_VERSION__ as LUNR_JS_VERSION
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from .query import prefix_boost
from .segmenters import Segmenter, SegmentationError
from .synonyms import SynonymGroup, matching_tokens
from .text import (BIGRAM_LOCALES, CJK_RUN, KO_PARTICLES, SEGMENTED_LOCALES, SNOWBALL, STEMMED_LOCALES, STOP_WORDS,
                   bigrams, fold, is_stop_word, lower, normalize, pieces, stem_terms, stems, strip_particle,
                   strips_particles)

FORMAT_VERSION = 2
INDEX_FILE = "helpcenter_index.json"
DOCS_FILE = "helpcenter_docs.json"
MATERIAL_FILE = "search_index.json"
# Field name -> boost. Title, tags and description weigh more than headings, headings more than text.
FIELDS = {"t": 10.0, "g": 6.0, "d": 4.0, "h": 3.0, "b": 1.0}
ZWSP = "\u200b"
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Section:
    anchor: str | None  # None for the text before the first heading
    title: str  # HTML-escaped, as Material's parser gives it
    text: str  # HTML with the few tags Material keeps (p, li, code, …)


@dataclass
class SearchPage:
    location: str  # relative to the locale's root (Material's `base` on its pages), e.g. "security/enable-2fa/"
    title: str
    description: str
    tags: list[str]
    sections: list[Section] = field(default_factory=list)
    article_id: int | None = None
    category: str = ""  # the title of the article's category, in the locale
    fallback: bool = False  # the default locale's article, shown where no translation exists


def plain(markup: str) -> str:
    return html.unescape(_TAG.sub(" ", markup))


# -- words ------------------------------------------------------------------------------------------

def words(text: str, locale: str, segmenter: Segmenter | None, groups: list[SynonymGroup]) -> list[str]:
    """The index terms of a text (before lunr's pipeline): words, CJK words and synonym group tokens; the
    locale's function words left out (Korean particles come off later, in `without_particles`)."""
    text_pieces = pieces(normalize(text, locale))
    result: list[str] = []
    if stems(locale):
        # The stemmer reads the words before their accents are folded (the synonyms match folded words).
        for kind, value in pieces(lower(text, locale)):
            if kind == "word" and not is_stop_word(fold(value, locale), locale):
                result.extend(stem_terms(value, locale))
            elif kind == "cjk":
                result.append(value)
        return result + matching_tokens(groups, text_pieces)
    for kind, value in text_pieces:
        if kind == "cjk" and segmenter is not None:
            result.extend(w for w in segmenter.words(value) if not is_stop_word(w, locale))
        elif not is_stop_word(value, locale):
            result.append(value)
    if locale in BIGRAM_LOCALES:
        result += bigrams([value for kind, value in text_pieces if kind == "word"])
    return result + matching_tokens(groups, text_pieces)


def without_particles(fields_per_page: list[dict[str, list[str]]], locale: str) -> list[dict[str, list[str]]]:
    """Korean: each word without its particle when the rest is a word of the locale's pages too (계정을 ->
    계정). The browser cuts a query's words back the same way against the index's words."""
    if not strips_particles(locale):
        return fields_per_page
    known = {w for fields in fields_per_page for field_words in fields.values() for w in field_words}
    cut = {w: strip_particle(w, known) for w in known}
    return [{name: [cut[w] for w in field_words] for name, field_words in fields.items()} for fields in fields_per_page]


def page_fields(page: SearchPage, locale: str, segmenter, groups) -> dict[str, list[str]]:
    headings = [plain(s.title) for s in page.sections if s.anchor]
    body = " ".join(plain(s.text) for s in page.sections)
    return {
        "t": words(page.title, locale, segmenter, groups),
        "g": words(" ".join(page.tags), locale, segmenter, groups),
        "d": words(page.description, locale, segmenter, groups),
        "h": words(" \n ".join(headings), locale, segmenter, groups),
        "b": words(body, locale, segmenter, groups),
    }


def display_docs(pages: list[SearchPage]) -> list[list]:
    """What a result shows: [location, title, description, [[anchor, heading], …], category, fallback (1:
    the default locale's text, 0: the locale's own)] per page."""
    return [[p.location, p.title, p.description,
             [[s.anchor, plain(s.title).strip()] for s in p.sections if s.anchor],
             p.category, 1 if p.fallback else 0] for p in pages]


def query_config(locale: str, groups: list[SynonymGroup]) -> dict:
    return {
        "locale": locale,
        "stem": locale in STEMMED_LOCALES,
        # lunr-languages' stemmer the browser loads from Material's bundle (text.SNOWBALL), or none.
        "snowball": SNOWBALL[locale][1] if stems(locale) else None,
        "bigrams": locale in BIGRAM_LOCALES,
        "segment": locale in SEGMENTED_LOCALES,
        "fields": FIELDS,
        "prefix_boost": prefix_boost(locale),
        "stop_words": sorted(STOP_WORDS.get(locale, ())),
        "particles": list(KO_PARTICLES) if strips_particles(locale) else [],
        "synonyms": [[g.token, [[list(p) for p in phrase] for phrase in g.phrases]] for g in groups],
    }


# -- the index ---------------------------------------------------------------------------------------

# lunr's BM25 parameters (lunr.Builder's k1 and b).
K1, B = 1.2, 0.75


def index_pipelines(locale: str) -> tuple[Pipeline, Pipeline]:
    """lunr's pipelines for the locale's words: at build time (stop words, stemmer) and at query time."""
    build, search = Pipeline(), Pipeline()
    if locale in STEMMED_LOCALES:
        build.add(stop_word_filter, stemmer)
        search.add(stemmer)
    return build, search


def build_index(fields_per_page: list[dict[str, list[str]]], locale: str) -> dict:
    """The index of the pages (ref = position) as the browser reads it (search-engine.js): what `compact`
    makes of the index lunr.Builder would build from the same words, without term positions (results need
    none), computed directly. Each distinct word goes through the pipeline once (its functions look at one
    word at a time), and no lunr objects are made per word, page or field."""
    pipeline, search_pipeline = index_pipelines(locale)
    empty_pipeline = not pipeline.serialize()  # each word is its own term
    names = list(FIELDS)
    terms_of: dict[tuple[str, str], list[str]] = {}
    numbers: dict[str, int] = {}  # term -> its index, in the order lunr meets the terms
    fields_with_term: dict[str, int] = defaultdict(int)  # term -> (page, field) pairs that hold it
    total_length = dict.fromkeys(names, 0)
    pages = []
    for fields in fields_per_page:
        page = []
        for name in names:
            frequencies: dict[str, int] = {}
            length = 0
            for word in fields[name]:
                if empty_pipeline:
                    terms = (word.lower(),)
                else:
                    terms = terms_of.get((word, name))
                    if terms is None:
                        terms = terms_of[(word, name)] = [str(t) for t in pipeline.run([Token(word.lower(), {})], name)]
                for term in terms:
                    length += 1
                    if term in frequencies:
                        frequencies[term] += 1
                        continue
                    frequencies[term] = 1
                    fields_with_term[term] += 1
                    if term not in numbers:
                        numbers[term] = len(numbers)
            total_length[name] += length
            page.append((name, frequencies, length))
        pages.append(page)
    count = len(pages)
    idf = {term: math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))
           for term, with_term in fields_with_term.items()}
    # (term, field) -> [last page, steps], in the order the pairs are first met.
    steps_of: dict[tuple[str, str], list] = {}
    for number, page in enumerate(pages):
        for name, frequencies, length in page:
            if not frequencies:
                continue
            # lunr's BM25 weight of each term in the field, to three decimals, in thousandths.
            norm = K1 * (1 - B + B * (length / (total_length[name] / count)))
            boost = FIELDS[name]
            for term, tf in frequencies.items():
                score = idf[term] * ((K1 + 1) * tf) / (norm + tf) * boost
                entry = steps_of.get((term, name))
                if entry is None:
                    entry = steps_of[(term, name)] = [0, []]
                entry[1] += (number - entry[0], round(round(score, 3) * 1000))
                entry[0] = number
    postings: dict[str, dict[str, list[int]]] = {term: {} for term in numbers}
    for (term, name), (_, steps) in steps_of.items():
        postings[term][name] = steps
    return {
        "version": LUNR_JS_VERSION,
        "fields": names,
        "pipeline": search_pipeline.serialize(),
        "pages": count,
        "invertedIndex": [[term, numbers[term], postings[term]] for term in sorted(numbers)],
    }


def compact(serialized: dict) -> dict:
    """lunr's serialized index as the browser reads it (search-engine.js); `build_index` makes the same
    from the words, and search-engine.js's compact() from an index lunr.js builds. lunr scores a page's field by
    the weights its field vector gives the query's terms, so each posting carries those weights and the
    field vectors themselves are not shipped. A term's entry is [term, term index, {field: [page step,
    weight, page step, weight, ...]}]: pages ascending (the order lunr reads a posting in), each given as
    the step from the one before; weights in thousandths (lunr keeps three decimals); empty fields left
    out."""
    fields = serialized["fields"]
    inverted = [[term, posting["_index"], {}] for term, posting in serialized["invertedIndex"]]
    by_number = {entry[1]: entry[2] for entry in inverted}
    previous: dict[tuple[int, str], int] = {}
    # Field vectors come page by page (pages are numbered in the order they were added), so each posting
    # gets its pages in ascending order.
    for field_ref, vector in serialized["fieldVectors"]:
        field, ref = field_ref.split("/", 1)
        page = int(ref)
        for i in range(0, len(vector), 2):
            key = (vector[i], field)
            steps = by_number[vector[i]].setdefault(field, [])
            steps += [page - previous.get(key, 0), round(vector[i + 1] * 1000)]
            previous[key] = page
    return {
        "version": serialized["version"],
        "fields": fields,
        "pipeline": serialized["pipeline"],
        "pages": len(serialized["fieldVectors"]) // len(fields),
        "invertedIndex": inverted,
    }


def expand(compacted: dict) -> dict:
    """The inverse of `compact`: lunr's serialized index, for tests (lunr's Python query reads it)."""
    fields = compacted["fields"]
    vectors: dict[str, list[tuple[int, float]]] = {
        f"{f}/{ref}": [] for ref in range(compacted["pages"]) for f in fields}
    inverted = []
    for term, number, postings in compacted["invertedIndex"]:
        posting = {f: {} for f in fields}
        for f, steps in postings.items():
            ref = 0
            for i in range(0, len(steps), 2):
                ref += steps[i]
                posting[f][str(ref)] = {}
                vectors[f"{f}/{ref}"].append((number, steps[i + 1] / 1000))
        posting["_index"] = number
        inverted.append([term, posting])
    field_vectors = [[ref, [x for pair in sorted(pairs) for x in pair]] for ref, pairs in vectors.items()]
    return {"version": compacted["version"], "fields": fields, "fieldVectors": field_vectors,
            "invertedIndex": inverted, "pipeline": compacted["pipeline"]}


# -- checks ------------------------------------------------------------------------------------------

def check_segmented(terms, locale: str, segmenter: Segmenter | None) -> None:
    """Fail when a locale written without spaces would be indexed as whole sentences."""
    if locale not in SEGMENTED_LOCALES:
        return
    cjk_terms = [t for t in terms if CJK_RUN.fullmatch(t)]
    if not cjk_terms:
        return
    if segmenter is None:
        raise SegmentationError(f"no segmenter for locale '{locale}'")
    long_terms = [t for t in cjk_terms if len(t) > 6]
    if statistics.median(len(t) for t in cjk_terms) > 4 or len(long_terms) > 0.3 * len(cjk_terms):
        sample = "', '".join(sorted(long_terms, key=len, reverse=True)[:3])
        raise SegmentationError(
            f"the '{locale}' search index holds whole phrases instead of words (e.g. '{sample}'): "
            f"{segmenter.name} did not segment the text, and readers' queries would find nothing. "
            f"Fix: reinstall it (`pip install --force-reinstall {segmenter.pins()}`).")


# -- Material's format --------------------------------------------------------------------------------

def _separated(markup: str, segmenter: Segmenter | None) -> str:
    """CJK words separated by zero-width spaces, as Material's index expects (its separator has U+200B)."""
    if segmenter is None:
        return markup
    return CJK_RUN.sub(lambda m: ZWSP.join(segmenter.cut(m.group(0))), markup)


def material_index(pages: list[SearchPage], locale: str, segmenter: Segmenter | None) -> dict:
    separator = r"[\s\u200b\u3000\-、。，．？！；]+" if locale in SEGMENTED_LOCALES or locale == "ko" else r"[\s\-]+"
    docs = []
    for page in pages:
        for number, section in enumerate(page.sections):  # the first section is the page itself
            entry = {
                "location": page.location + (f"#{section.anchor}" if section.anchor else ""),
                "title": _separated(section.title.strip() or html.escape(page.title, quote=False), segmenter),
                "text": _separated(section.text.strip(), segmenter),
            }
            if number == 0 and page.tags:
                entry["tags"] = list(page.tags)
            docs.append(entry)
    return {
        "config": {"lang": [locale.split("-")[0]], "separator": separator,
                   "pipeline": ["stopWordFilter"] if locale == "en" else [],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}},
        "docs": docs,
    }


# -- writing -------------------------------------------------------------------------------------------

def write_json(path: str, data) -> int:
    """UTF-8 JSON without \\uXXXX escapes (CJK text stays 1 character = 3 bytes, not 6)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(path, "wb") as out:
        out.write(payload)
    return len(payload)


def search_dir(site_dir: str, locale_prefix: str) -> str:
    return os.path.join(site_dir, locale_prefix, "search")


def build_locale_index(pages: list[SearchPage], locale: str, segmenter: Segmenter | None,
                       groups: list[SynonymGroup], prebuilt: bool,
                       fields_cache: dict | None = None) -> dict[str, object]:
    """file name -> JSON data for one locale's search folder. `fields_cache` keeps each page's index words
    for the next build with the same synonyms (under `mkdocs serve`, most pages have not changed)."""
    if fields_cache is None:
        fields = [page_fields(p, locale, segmenter, groups) for p in pages]
    else:
        fields = []
        for p in pages:
            key = (locale, p.title, p.description, tuple(p.tags), tuple((s.anchor, s.title, s.text) for s in p.sections))
            if key not in fields_cache:
                fields_cache[key] = page_fields(p, locale, segmenter, groups)
            fields.append(fields_cache[key])
    fields = without_particles(fields, locale)
    files: dict[str, object] = {MATERIAL_FILE: material_index(pages, locale, segmenter)}
    common = {"format": FORMAT_VERSION, "query": query_config(locale, groups), "docs": display_docs(pages)}
    if prebuilt:
        index = build_index(fields, locale)
        check_segmented([entry[0] for entry in index["invertedIndex"]], locale, segmenter)
        files[INDEX_FILE] = {**common, "index": index}
    else:
        check_segmented({w for f in fields for words_ in f.values() for w in words_}, locale, segmenter)
        files[DOCS_FILE] = {**common, "fields": fields}
    return files
