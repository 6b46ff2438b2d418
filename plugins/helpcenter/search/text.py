"""Text analysis shared by the index (here, at build time) and the query (search-analysis.js, in the browser).

Both sides normalise and split text the same way; a browser test runs the JavaScript twin over the same
inputs and compares. Change one side only together with the other.
"""

from __future__ import annotations

import re
import unicodedata

# Locales whose readers often type Latin letters without accents: fold "comisión" to "comision".
FOLD_LOCALES = frozenset({"en", "es", "fr", "pt", "tr", "vi"})
# Locales whose text has no spaces between words and is segmented into words (jieba / MeCab).
SEGMENTED_LOCALES = frozenset({"zh", "zh-TW", "ja"})
# English gets lunr's stemmer and stop word filter; other locales match whole words and prefixes.
STEMMED_LOCALES = frozenset({"en"})

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


def normalize(text: str, locale: str) -> str:
    """NFKC (full-width '２ＦＡ' -> '2fa'), lower case, and accents folded in FOLD_LOCALES."""
    text = unicodedata.normalize("NFKC", text).lower()
    if locale in FOLD_LOCALES:
        text = _LATIN.sub(_fold_char, text)
    return text


def pieces(normalized: str) -> list[tuple[str, str]]:
    """Split normalised text into ('cjk', run) and ('word', word) pieces; everything else separates."""
    return [("cjk", cjk) if cjk else ("word", word) for cjk, word in _TOKEN.findall(normalized)]


def has_cjk(text: str) -> bool:
    return bool(CJK_RUN.search(text))
