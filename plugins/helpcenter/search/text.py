"""Text analysis shared by the index (here, at build time) and the query (search-analysis.js, in the browser).

Both sides normalise and split text the same way; a browser test runs the JavaScript twin over the same
inputs and compares. Change one side only together with the other.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Locales whose readers often type Latin letters without accents: fold "comisión" to "comision".
FOLD_LOCALES = frozenset({"en", "es", "fr", "pt", "tr", "vi"})
# Locales whose text has no spaces between words and is segmented into words (jieba / MeCab).
SEGMENTED_LOCALES = frozenset({"zh", "zh-TW", "ja"})
# English gets lunr's stemmer and stop word filter (in lunr's pipeline, on both sides).
STEMMED_LOCALES = frozenset({"en"})
# Inflected languages get Snowball stemmers before lunr sees the words: snowballstemmer's algorithm here,
# the same algorithm from lunr-languages (bundled with Material, assets/javascripts/lunr/min/) in the browser.
# locale -> (snowballstemmer's name, lunr-languages' name). tests/browser/test_search_stemming.py runs both on
# every word of the shipped indexes and compares.
SNOWBALL = {
    "es": ("spanish", "es"), "pt": ("portuguese", "pt"), "fr": ("french", "fr"), "ru": ("russian", "ru"),
    "tr": ("turkish", "tr"), "it": ("italian", "it"), "de": ("german", "de"), "nl": ("dutch", "du"),
}
# snowballstemmer 2.2 is generated from the Snowball release lunr-languages' stemmers match word for word;
# Snowball 3 changed Spanish (unaccented "-acion" endings) and French ("mauvais"), so the dependency is pinned
# below 2.3 (pyproject.toml) and the comparison test catches any drift.
# One difference remains, in Portuguese: lunr-languages' stemmer never applies Snowball's "-ução/-uções -> -u"
# step (devolução -> devolu); it only takes off the final vowel or "-es" (devoluçã, devoluçõ). The build cuts
# those words the browser's way: (ending, characters the browser removes).
BROWSER_ENDINGS = {"pt": (("uções", 2), ("ução", 1))}
# Vietnamese writes a word as syllables separated by spaces (rút tiền, xác minh danh tính): two syllables
# in a row are indexed and asked for as one more term, so pages with the whole word rank first.
BIGRAM_LOCALES = frozenset({"vi"})
BIGRAM_JOINER = "_"  # never inside a word (pieces split on it), so a bigram term cannot meet a typed word

_CJK = "\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
CJK_RUN = re.compile(f"[{_CJK}]+")
_TOKEN = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>[^\\W_{_CJK}]+)")
_LATIN = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")
_EXTRA_FOLDS = {"đ": "d", "ı": "i", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe"}


def _fold_char(match: re.Match) -> str:
    char = match.group(0)
    if char in _EXTRA_FOLDS:
        return _EXTRA_FOLDS[char]
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))


def lower(text: str, locale: str) -> str:
    """NFKC (full-width '２ＦＡ' -> '2fa') and lower case: Turkish's (İ -> i, I -> ı, so a Turkish word keeps
    the letters its stemmer reads), and Russian ё written as е, as most readers type it."""
    text = unicodedata.normalize("NFKC", text)
    if locale == "tr":
        text = text.replace("İ", "i").replace("I", "ı")
    return text.lower().replace("ё", "е")


def fold(text: str, locale: str) -> str:
    """Accents folded in FOLD_LOCALES ('comisión' -> 'comision'; Turkish ı -> i, so 'IBAN' and 'iban' meet)."""
    if locale in FOLD_LOCALES:
        text = _LATIN.sub(_fold_char, text)
    return text


def normalize(text: str, locale: str) -> str:
    """Lower case (`lower`) and accents folded (`fold`)."""
    return fold(lower(text, locale), locale)


@lru_cache(maxsize=None)
def _snowball(locale: str):
    return snowballstemmer.stemmer(SNOWBALL[locale][0])


def snowball_stem(word: str, locale: str) -> str:
    """The Snowball stem of a lower-case word (`lower`), as the browser's lunr-languages stemmer makes it."""
    for ending, cut in BROWSER_ENDINGS.get(locale, ()):
        if word.endswith(ending):
            return word[:-cut]
    return _snowball(locale).stemWord(word)


def stem_terms(word: str, locale: str) -> list[str]:
    """The index terms of a lower-case word of a Snowball locale: its stem, accents folded, and the folded
    stem of the word written without accents when that differs ('hesabını' and 'hesabini' stem differently),
    so a query typed either way finds it. A query word gets only the first (`stem_terms(w)[0]`)."""
    first = fold(snowball_stem(word, locale), locale)
    second = fold(snowball_stem(fold(word, locale), locale), locale)
    return [first] if first == second else [first, second]


def stems(locale: str) -> bool:
    return locale in SNOWBALL


def bigrams(words: list[str]) -> list[str]:
    return [a + BIGRAM_JOINER + b for a, b in zip(words, words[1:])]


def pieces(normalized: str) -> list[tuple[str, str]]:
    """Split normalised text into ('cjk', run) and ('word', word) pieces; everything else separates."""
    return [("cjk", cjk) if cjk else ("word", word) for cjk, word in _TOKEN.findall(normalized)]


def has_cjk(text: str) -> bool:
    return bool(CJK_RUN.search(text))


# Function words that carry no topic: they neither match nor rank, in the index or in a query, and are
# never highlighted (「入金が反映されない」 must not rank a page by が). search-analysis.js holds the same lists.
STOP_WORDS: dict[str, frozenset[str]] = {
    "ja": frozenset("""
        は が を に で の と も へ や か な ね よ わ さ れ せ た だ て し ず ぬ
        から まで より など ので のに けど けれど けれども でも ても って という といった
        です ます でした ました ません ない なかった ある あり いる い おり おる する し します した して
        され される させ させる せる れる られる たい ください こと もの よう ため とき ところ
        この その あの どの これ それ あれ どれ ここ そこ どこ なに なん どう どうして どうやって
        でき できる できない ように について における によって における
    """.split()),
    "zh": frozenset("""
        的 了 吗 呢 吧 啊 呀 嘛 着 过 地 得 之 是 在 我 我的 我们 你 您 你的 您的 他 她 它 和 与 及 或 或者
        就 都 也 还 又 把 被 让 给 对 从 到 向 为 为什么 什么 怎么 怎么办 怎样 如何 哪 哪里 哪个 这 那 这个 那个
        一个 有 没 没有 不 能 可以 要 想 会 应该 请问 一下
    """.split()),
    "zh-TW": frozenset("""
        的 了 嗎 呢 吧 啊 呀 嘛 著 過 地 得 之 是 在 我 我的 我們 你 您 你的 您的 他 她 它 和 與 及 或 或者
        就 都 也 還 又 把 被 讓 給 對 從 到 向 為 為什麼 什麼 怎麼 怎麼辦 怎樣 如何 哪 哪裡 哪個 這 那 這個 那個
        一個 有 沒 沒有 不 能 可以 要 想 會 應該 請問 一下
    """.split()),
}
# Korean writes particles attached to the noun before them (계정을, 출금이): they come off a word when what
# is left (two syllables or more) is itself a known word, so 한도 (limit) keeps its 도. Longest first.
KO_PARTICLES = ("에서는", "으로는", "에서", "에게", "으로", "까지", "부터", "보다", "처럼", "이나", "이랑",
                "은", "는", "이", "가", "을", "를", "에", "의", "로", "와", "과", "도", "만", "나", "랑")
KO_MIN_STEM = 2


def is_stop_word(word: str, locale: str) -> bool:
    return word in STOP_WORDS.get(locale, ())


def strips_particles(locale: str) -> bool:
    return locale == "ko"


def strip_particle(word: str, known) -> str:
    """A Korean word without the particle at its end, when the rest is a known word; else the word."""
    for particle in KO_PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= KO_MIN_STEM:
            stem = word[:-len(particle)]
            if stem in known:
                return stem
    return word
