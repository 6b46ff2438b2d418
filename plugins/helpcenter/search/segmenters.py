"""Word segmentation for locales written without spaces: jieba for Chinese, MeCab (IPA dictionary) for Japanese.

The index holds the words a segmenter finds plus the compounds they form ("二段階" + "認証" -> also
"二段階認証"), so a query segmented by longest known words (search-analysis.js) finds them. A segmenter
that is missing or does not split text fails the build: an unsegmented index cannot be searched.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from contextlib import contextmanager
from functools import lru_cache

from .. import engine
from .jieba_cut import JiebaCut
from .text import CJK_RUN

log = engine.logger("plugins.helpcenter.search")

# Sentences each segmenter must split; if it returns them whole, the index would be unsearchable.
_SELF_TEST = {"jieba": "我们的帮助中心可以搜索", "mecab": "出金の申請方法を確認する"}
PINS = {"jieba": "jieba==0.42.1", "fugashi": "fugashi==1.5.2", "ipadic": "ipadic==1.0.0"}
MAX_COMPOUND = 3
CACHE_FORMAT = "words and cuts"  # what a cache file holds per run; part of its name


class SegmentationError(Exception):
    """Text of a locale cannot be split into words; the message says what to install or fix."""


class Segmenter:
    """Subclasses split text in `_words`; results are remembered per run of text, and `save`/`load` keep them
    between builds, e.g. under `mkdocs serve`."""

    name = ""
    packages: tuple[str, ...] = ()
    user_words: tuple[str, ...] = ()

    def pins(self) -> str:
        """The packages this segmenter needs, as `pip install` arguments."""
        return " ".join(PINS[package] for package in self.packages)

    def words(self, run: str) -> list[str]:
        """Index words for one run of CJK text: words and compounds, possibly overlapping."""
        cache = self.__dict__.setdefault("_cache", {})
        self.__dict__.setdefault("_used", set()).add(run)
        found = cache.get(run)
        if found is None:
            found = cache[run] = self._words(run)
            self.__dict__["_dirty"] = True
        return found

    def _words(self, run: str) -> list[str]:
        raise NotImplementedError

    def _tokenize(self, run: str) -> list[tuple[str, str]]:
        """(word, part of speech or "") for the words that cover the run."""
        raise NotImplementedError

    def _tokens(self, run: str) -> list[tuple[str, str]]:
        # Index words and display text both need the tokens of a run: tokenize it once.
        cache = self.__dict__.setdefault("_token_cache", {})
        tokens = cache.get(run)
        if tokens is None:
            if not self.__dict__.get("_tested"):  # before the first run segmented (not needed for cached runs)
                self.__dict__["_tested"] = True
                self._self_test()
            tokens = cache[run] = self._tokenize(run)
        return tokens

    def _self_test(self) -> None:
        sample = _SELF_TEST[self.name]
        if len(self._tokenize(sample)) < 2:
            raise SegmentationError(
                f"{self.name} returned '{sample}' as a single word, so it does not segment text and the search "
                f"index would find nothing. Fix: reinstall it with `pip install --force-reinstall {self.pins()}`.")

    def cache_file(self, folder: str) -> str:
        from importlib.metadata import version
        versions = tuple(f"{package} {version(package)}" for package in self.packages)
        key = hashlib.sha256("\n".join((CACHE_FORMAT,) + versions + self.user_words).encode("utf-8")).hexdigest()[:12]
        return os.path.join(folder, f"{self.name}-{key}.json")

    def load(self, folder: str) -> None:
        self.__dict__["_used"] = set()
        try:
            with open(self.cache_file(folder), encoding="utf-8") as handle:
                saved = json.load(handle)
            self.__dict__.setdefault("_cache", {}).update(saved["words"])
            self.__dict__.setdefault("_cuts", {}).update(saved["cuts"])
        except (OSError, ValueError, KeyError, TypeError):
            pass

    def save(self, folder: str, keep_unused: bool = False) -> None:
        """Write the runs this build segmented (and with keep_unused, every run known: a build that reused
        pages' index words did not look at their runs)."""
        if not self.__dict__.get("_dirty"):
            return
        os.makedirs(folder, exist_ok=True)
        path = self.cache_file(folder)
        temporary = f"{path}.{os.getpid()}.tmp"  # another process (segment_ahead) may be saving too
        with open(temporary, "w", encoding="utf-8") as handle:
            # Text that was deleted or changed leaves the cache, unless this build did not look at every run.
            used = self.__dict__.get("_used", set())
            saved = {part: {run: value for run, value in self.__dict__.get(name, {}).items()
                            if keep_unused or run in used}
                     for part, name in (("words", "_cache"), ("cuts", "_cuts"))}
            # dumps, not dump: only a one-shot encode uses json's C encoder, two to three times faster here.
            handle.write(json.dumps(saved, ensure_ascii=False, separators=(",", ":")))
        os.replace(temporary, path)
        self.__dict__["_dirty"] = False

    def cut(self, run: str) -> list[str]:
        """Non-overlapping words covering the run, for zero-width-space separated display text."""
        cuts = self.__dict__.setdefault("_cuts", {})
        self.__dict__.setdefault("_used", set()).add(run)
        found = cuts.get(run)
        if found is None:
            found = cuts[run] = [surface for surface, _ in self._tokens(run)]
            self.__dict__["_dirty"] = True
        return found


class JiebaSegmenter(Segmenter):
    name = "jieba"
    packages = ("jieba",)

    def __init__(self, user_words: tuple[str, ...]):
        self.user_words = user_words
        self._jieba = _import("jieba")
        self._jieba.setLogLevel(logging.WARNING)
        self._tokenizer = None  # made at the first run not in the cache

    def _prepare(self) -> None:
        # jieba loads its dictionary once per process (about half a second: not at all if every run is
        # cached); each segmenter cuts with a copy that holds its own user words only, so one locale's
        # words never change how another's text is cut, whichever locale was segmented first.
        shared = self._jieba.dt
        shared.check_initialized()
        tokenizer = self._jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(shared.FREQ), shared.total, True
        for word in self.user_words:
            for part in CJK_RUN.findall(word):
                if len(part) > 1:
                    tokenizer.add_word(part)
        self._tokenizer = tokenizer
        self._cut = JiebaCut(tokenizer, self._jieba).cut

    def _tokenize(self, run: str) -> list[tuple[str, str]]:
        if self._tokenizer is None:
            self._prepare()
        return [(w, "") for w in self._cut(run) if w]

    def _words(self, run: str) -> list[str]:
        # What jieba's cut_for_search yields, from the tokens `cut` already made: each word, preceded by
        # the dictionary's two- and three-character words inside it.
        tokens = self._tokens(run)
        known = self._tokenizer.FREQ  # made by _tokens
        result = []
        for word, _ in tokens:
            for size in (2, 3):
                if len(word) > size:
                    result.extend(w for w in (word[i:i + size] for i in range(len(word) - size + 1)) if known.get(w))
            result.append(word)
        return [w for w in result if w.strip()]


class MecabSegmenter(Segmenter):
    """Japanese with MeCab (through fugashi) and the IPA dictionary."""

    name = "mecab"
    packages = ("fugashi", "ipadic")
    USER_WORD = "カスタム名詞"

    def __init__(self, user_words: tuple[str, ...]):
        self.user_words = user_words
        self._fugashi = _import("fugashi")
        self._ipadic = _import("ipadic")
        self._plain = self._tagger = None  # made at the first run not in the cache

    def _prepare(self) -> None:
        fugashi, ipadic = self._fugashi, self._ipadic
        words = sorted({run for w in self.user_words for run in CJK_RUN.findall(w) if len(run) > 1})
        self._plain = self._tagger = fugashi.GenericTagger(ipadic.MECAB_ARGS)
        if words:
            with tempfile.TemporaryDirectory() as folder:
                # MeCab keeps the loaded dictionary in memory; the compiled file can go once the tagger has it.
                dictionary = _compile_user_dictionary(fugashi, ipadic.DICDIR, words, folder)
                self._tagger = fugashi.GenericTagger(f'{ipadic.MECAB_ARGS} -u "{dictionary}"')

    def _tokenize(self, run: str) -> list[tuple[str, str]]:
        if self._tagger is None:
            self._prepare()
        # MeCab's own output, a line "word<TAB>part of speech,…" per word and then EOS, reads about twice as
        # fast as a node object per word (tests/search/test_segmenters.py compares the two).
        tokens = []
        for line in self._tagger.parse(run).split("\n"):
            surface, tab, feature = line.partition("\t")
            if tab:
                tokens.append((surface, feature.split(",", 1)[0]))
        return tokens

    def _words(self, run: str) -> list[str]:
        tokens = self._tokens(run)
        result = [surface for surface, _ in tokens]
        for surface, pos in tokens:
            if pos == self.USER_WORD:
                result.extend(node.surface for node in self._plain(surface))
        # Compounds of adjacent nouns, as readers type them: 二段階 + 認証 -> 二段階認証.
        nouns: list[str] = []
        for surface, pos in tokens + [("", "")]:
            if pos in ("名詞", self.USER_WORD):
                nouns.append(surface)
                continue
            for size in range(2, MAX_COMPOUND + 1):
                for start in range(len(nouns) - size + 1):
                    result.append("".join(nouns[start:start + size]))
            nouns = []
        return result


# Context id of a common noun in the IPA dictionary (its left-id.def), and a cost low enough that a
# writer's word always wins over the dictionary's split of it.
_IPADIC_NOUN_ID = 1285
_USER_WORD_COST = -20000


def _compile_user_dictionary(fugashi, system_folder: str, words: list[str], folder: str) -> str:
    source = os.path.join(folder, "user.csv")
    with open(source, "w", encoding="utf-8") as out:
        out.writelines(f"{w},{_IPADIC_NOUN_ID},{_IPADIC_NOUN_ID},{_USER_WORD_COST},{MecabSegmenter.USER_WORD},"
                       f"*,*,*,*,*,{w},*,*\n" for w in words)
    target = os.path.join(folder, "user.dic")
    # The compiler reports progress on the process's own stdout/stderr; keep it out of the build log.
    with open(os.path.join(folder, "compiler.log"), "w+", encoding="utf-8") as log_file:
        try:
            with _redirected_output(log_file.fileno()):
                fugashi.build_dictionary(
                    f'mecab-dict-index -d "{system_folder}" -u "{target}" -f utf-8 -t utf-8 "{source}"')
        except Exception as error:
            log_file.seek(0)
            raise SegmentationError(
                f"MeCab could not compile the search synonyms' Japanese words into a user dictionary ({error}): "
                f"{log_file.read().strip()[-500:]} Fix: check the ja words in docs/search-synonyms.yml, or "
                f"reinstall `pip install --force-reinstall {PINS['fugashi']} {PINS['ipadic']}`.") from None
    return target


@contextmanager
def _redirected_output(target_fd: int):
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    try:
        os.dup2(target_fd, 1)
        os.dup2(target_fd, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved:
            os.close(fd)


def _import(module: str, package: str | None = None):
    package = package or module
    try:
        return __import__(module, fromlist=["_"])
    except ImportError as error:
        raise SegmentationError(
            f"{package} cannot be imported ({error}), so the text of this locale cannot be split into words "
            f"and its search index would find nothing. Fix: install helpcenter's Chinese and Japanese extra, "
            f"`pip install 'helpcenter[cjk]'`.") from None


_SEGMENTERS = {"zh": JiebaSegmenter, "zh-TW": JiebaSegmenter, "ja": MecabSegmenter}


@lru_cache(maxsize=None)
def _segmenter(kind: type, user_words: tuple[str, ...]) -> Segmenter:
    return kind(user_words)


def segmenter_for(locale: str, user_words: list[str] | tuple[str, ...] = ()) -> Segmenter | None:
    """The segmenter of a locale written without spaces, or None (words are split at spaces)."""
    kind = _SEGMENTERS.get(locale)
    return _segmenter(kind, tuple(sorted(set(user_words)))) if kind else None


def segment_ahead(texts: dict[str, list[str]], user_words: dict[str, list[str]], folder: str) -> None:
    """Segment the CJK runs of each locale's texts and add them to the locale's segmenter cache in `folder`:
    the index words of the normalised text and the display cuts of the text, as build_locale_index asks
    for them. A build that reads the cache later segments only what the texts did not hold."""
    from .text import normalize

    used: list[Segmenter] = []  # locales with the same user words share a segmenter and its cache file
    for locale, locale_texts in texts.items():
        segmenter = segmenter_for(locale, user_words.get(locale, ()))
        if segmenter is None:
            continue
        if segmenter not in used:
            used.append(segmenter)
            segmenter.load(folder)
        for text in locale_texts:
            for run in CJK_RUN.findall(normalize(text, locale)):
                segmenter.words(run)
            for run in CJK_RUN.findall(text):
                segmenter.cut(run)
    for segmenter in used:
        segmenter.save(folder, keep_unused=True)
