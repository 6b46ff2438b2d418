"""How a reader's query becomes lunr clauses: the Python twin of search-analysis.js.

The browser runs search-analysis.js; this module does the same for the build's self-check and for tests,
and a browser test compares the two on the same queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .synonyms import SynonymGroup, matching_tokens
from .text import (BIGRAM_LOCALES, CJK_RUN, SEGMENTED_LOCALES, STOP_WORDS, bigrams, fold, is_stop_word, lower,
                   normalize, pieces, stem_terms, stems, strip_particle, strips_particles)

MAX_WORD = 8  # longest word (in characters) looked up when segmenting a query
UNKNOWN_COST = 2  # a character that is no known word costs more than a word, so known words win

# Clause boosts: whole words count most; parts of words, prefixes and synonyms help ranking without
# outweighing them.
BOOST_WORD = 1.0
BOOST_PART = 0.3
BOOST_PREFIX = 0.3
BOOST_SYNONYM = 1.0
BOOST_ALTERNATIVE = 0.6
BOOST_BIGRAM = 1.0  # two Vietnamese syllables in a row, as written in the page
# Korean words carry their endings (문의 -> 문의하기, 계정 -> 계정을): a word's completions count in full.
PREFIX_BOOSTS = {"ko": 1.0}


def prefix_boost(locale: str) -> float:
    return PREFIX_BOOSTS.get(locale, BOOST_PREFIX)


@dataclass
class QueryWord:
    text: str
    parts: list[str] = field(default_factory=list)  # known shorter words inside a CJK word
    prefix: bool = False  # also match index terms that start with it
    cjk: bool = False
    alternatives: list[str] = field(default_factory=list)  # words of its synonyms (提现 -> 提币, 出金)


@dataclass
class AnalyzedQuery:
    words: list[QueryWord]
    synonyms: list[str]  # synonym group tokens
    bigrams: list[str] = field(default_factory=list)  # Vietnamese: syllables in a row (text.bigrams)


def segment_query(run: str, lexicon: set[str] | frozenset[str]) -> list[str]:
    """Fewest known words covering a CJK run (a character no word covers stands alone)."""
    size = len(run)
    best = [0] + [float("inf")] * size
    back = [0] * (size + 1)
    for end in range(1, size + 1):
        for length in range(min(MAX_WORD, end), 0, -1):
            word = run[end - length:end]
            known = word in lexicon
            if length > 1 and not known:
                continue
            cost = best[end - length] + (1 if known else UNKNOWN_COST)
            if cost < best[end]:
                best[end] = cost
                back[end] = length
    words = []
    end = size
    while end > 0:
        words.append(run[end - back[end]:end])
        end -= back[end]
    return words[::-1]


def parts_of(word: str, lexicon) -> list[str]:
    """Known words inside a longer word (验证 in 二次验证), in order."""
    found = []
    for length in range(len(word) - 1, 1, -1):
        for start in range(len(word) - length + 1):
            part = word[start:start + length]
            if part in lexicon and part not in found:
                found.append(part)
    return found


def query_lexicon(index_terms, groups: list[SynonymGroup], locale: str) -> set[str]:
    """What a query's words are looked up in. Segmented locales: the words a query's CJK text is split
    into (the index's CJK words, the synonyms' CJK phrases, and the locale's function words, so that
    those are recognised and dropped). Korean: every index word, which a word with a particle is cut
    back to. Other locales: nothing."""
    if strips_particles(locale):
        return set(index_terms)
    if locale not in SEGMENTED_LOCALES:
        return set()
    lexicon = {t for t in index_terms if CJK_RUN.fullmatch(t)}
    lexicon.update(value for g in groups for phrase in g.phrases for kind, value in phrase if kind == "cjk")
    lexicon.update(STOP_WORDS.get(locale, ()))
    return lexicon


def _phrase_words(phrase, lexicon, segmented: bool, locale: str) -> list[str]:
    result = []
    for kind, value in phrase:
        if kind == "cjk" and segmented:
            result.extend(w for w in segment_query(value, lexicon) if w in lexicon and not is_stop_word(w, locale))
        elif kind == "word" and stems(locale):
            result.append(stem_terms(value, locale)[0])
        else:
            result.append(value)
    return result


def analyze_query(query: str, locale: str, lexicon, groups: list[SynonymGroup]) -> AnalyzedQuery:
    segmented = locale in SEGMENTED_LOCALES
    normalized = normalize(query, locale)
    text_pieces = pieces(normalized)
    words: list[QueryWord] = []
    forms: list[str] = []  # each word as typed (normalised, not stemmed), to find it among the synonyms
    particles = strips_particles(locale)
    if stems(locale):
        for kind, value in pieces(lower(query, locale)):
            form = fold(value, locale)
            if is_stop_word(form, locale):
                continue
            text = stem_terms(value, locale)[0] if kind == "word" else value
            words.append(QueryWord(text, cjk=kind == "cjk", prefix=kind != "cjk" and len(text) >= 3))
            forms.append(form)
    for kind, value in text_pieces if not stems(locale) else ():
        if kind == "cjk" and segmented:
            for word in segment_query(value, lexicon):
                if not is_stop_word(word, locale):
                    parts = [part for part in parts_of(word, lexicon) if not is_stop_word(part, locale)]
                    words.append(QueryWord(word, parts, cjk=True))
                    forms.append(word)
        elif not is_stop_word(value, locale):
            if particles and kind == "word":
                value = strip_particle(value, lexicon)
            words.append(QueryWord(value, cjk=kind == "cjk", prefix=kind != "cjk" and len(value) >= 3))
            forms.append(value)
    # The word being typed (no space after it yet) may be unfinished: match it as a prefix too.
    if words and query == query.rstrip():
        words[-1].prefix = len(words[-1].text) >= (1 if words[-1].cjk else 2)
    tokens = matching_tokens(groups, text_pieces)
    # A word that is itself a synonym also looks for the words of the group's other phrases.
    for group in groups:
        if group.token not in tokens:
            continue
        singles = {phrase[0][1] for phrase in group.phrases if len(phrase) == 1}
        for word, form in zip(words, forms):
            if form in singles:
                for phrase in group.phrases:
                    for alternative in _phrase_words(phrase, lexicon, segmented, locale):
                        if alternative != word.text and alternative not in word.alternatives:
                            word.alternatives.append(alternative)
    pairs = bigrams([value for kind, value in text_pieces if kind == "word"]) if locale in BIGRAM_LOCALES else []
    return AnalyzedQuery(words, tokens, pairs)


def lunr_search(index, analyzed: AnalyzedQuery, stop_words=frozenset(), prefix: float = BOOST_PREFIX):
    """Run an analysed query on a lunr.py index: results best first, as lunr.js would order them."""
    from lunr.query import Query

    query = index.create_query()
    for word in analyzed.words:
        if word.text in stop_words:
            continue
        query.term(word.text, boost=BOOST_WORD, use_pipeline=True)
        for part in word.parts:
            query.term(part, boost=BOOST_PART, use_pipeline=True)
        for alternative in word.alternatives:
            query.term(alternative, boost=BOOST_ALTERNATIVE, use_pipeline=True)
        if word.prefix:
            query.term(word.text, boost=prefix, use_pipeline=False, wildcard=Query.WILDCARD_TRAILING)
    for token in analyzed.synonyms:
        query.term(token, boost=BOOST_SYNONYM, use_pipeline=False)
    for pair in analyzed.bigrams:
        query.term(pair, boost=BOOST_BIGRAM, use_pipeline=False)
    return index.query(query)
