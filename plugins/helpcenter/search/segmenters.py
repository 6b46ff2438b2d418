"""Word segmentation for locales written without spaces: jieba for Chinese, janome for Japanese.

The index holds the words a segmenter finds plus the compounds they form ("二段階" + "認証" -> also
"二段階認証"), so a query segmented by longest known words (search-analysis.js) finds them. A segmenter
that is missing or does not split text fails the build: an unsegmented index cannot be searched.
"""

from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache

from .text import CJK_RUN

log = logging.getLogger("mkdocs.plugins.helpcenter.search")

# Sentences each segmenter must split; if it returns them whole, the index would be unsearchable.
_SELF_TEST = {"jieba": "我们的帮助中心可以搜索", "janome": "出金の申請方法を確認する"}
PINS = {"jieba": "jieba==0.42.1", "janome": "janome==0.5.1"}
MAX_COMPOUND = 3


class SegmentationError(Exception):
    """Text of a locale cannot be split into words; the message says what to install or fix."""


class Segmenter:
    name = ""

    def words(self, run: str) -> list[str]:
        """Index words for one run of CJK text: words and compounds, possibly overlapping."""
        raise NotImplementedError

    def cut(self, run: str) -> list[str]:
        """Non-overlapping words covering the run, for zero-width-space separated display text."""
        raise NotImplementedError


class JiebaSegmenter(Segmenter):
    name = "jieba"

    def __init__(self, user_words: tuple[str, ...]):
        jieba = _import("jieba")
        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba
        for word in user_words:
            for run in CJK_RUN.findall(word):
                if len(run) > 1:
                    jieba.add_word(run)

    def words(self, run: str) -> list[str]:
        return [w for w in self._jieba.cut_for_search(run) if w.strip()]

    def cut(self, run: str) -> list[str]:
        return [w for w in self._jieba.cut(run) if w]


class JanomeSegmenter(Segmenter):
    name = "janome"

    def __init__(self, user_words: tuple[str, ...]):
        tokenizer_module = _import("janome.tokenizer", "janome")
        words = sorted({run for w in user_words for run in CJK_RUN.findall(w) if len(run) > 1})
        if words:
            # janome reads a user dictionary only from a file ("surface,part of speech,reading").
            handle, path = tempfile.mkstemp(suffix=".csv", text=True)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write("".join(f"{w},カスタム名詞,{w}\n" for w in words))
            try:
                self._tokenizer = tokenizer_module.Tokenizer(path, udic_type="simpledic", udic_enc="utf8")
            finally:
                os.unlink(path)
        else:
            self._tokenizer = tokenizer_module.Tokenizer()
        # Words of the user dictionary are also indexed by their parts (二段階認証 -> 二段階, 認証).
        self._plain = tokenizer_module.Tokenizer() if words else None

    def _tokens(self, run: str):
        return [(t.surface, t.part_of_speech.split(",")[0]) for t in self._tokenizer.tokenize(run)]

    def words(self, run: str) -> list[str]:
        tokens = self._tokens(run)
        result = [surface for surface, _ in tokens]
        for surface, pos in tokens:
            if pos == "カスタム名詞" and self._plain is not None:
                result.extend(t.surface for t in self._plain.tokenize(surface))
        # Compounds of adjacent nouns, as readers type them: 二段階 + 認証 -> 二段階認証.
        nouns: list[str] = []
        for surface, pos in tokens + [("", "")]:
            if pos in ("名詞", "カスタム名詞"):
                nouns.append(surface)
                continue
            for size in range(2, MAX_COMPOUND + 1):
                for start in range(len(nouns) - size + 1):
                    result.append("".join(nouns[start:start + size]))
            nouns = []
        return result

    def cut(self, run: str) -> list[str]:
        return [surface for surface, _ in self._tokens(run)]


def _import(module: str, package: str | None = None):
    package = package or module
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as error:
        raise SegmentationError(
            f"{package} cannot be imported ({error}), so the text of this locale cannot be split into words "
            f"and its search index would find nothing. Fix: install it with `pip install {PINS[package]}` "
            f"(it is a dependency of helpcenter: `pip install -e .`).") from None


_SEGMENTERS = {"zh": JiebaSegmenter, "zh-TW": JiebaSegmenter, "ja": JanomeSegmenter}


@lru_cache(maxsize=None)
def _segmenter(kind: type, user_words: tuple[str, ...]) -> Segmenter:
    segmenter = kind(user_words)
    sample = _SELF_TEST[segmenter.name]
    if len(segmenter.cut(sample)) < 2:
        raise SegmentationError(
            f"{segmenter.name} returned '{sample}' as a single word, so it does not segment text and the search "
            f"index would find nothing. Fix: reinstall it with `pip install --force-reinstall {PINS[segmenter.name]}`.")
    return segmenter


def segmenter_for(locale: str, user_words: list[str] | tuple[str, ...] = ()) -> Segmenter | None:
    """The segmenter of a locale written without spaces, or None (words are split at spaces)."""
    kind = _SEGMENTERS.get(locale)
    return _segmenter(kind, tuple(sorted(set(user_words)))) if kind else None
