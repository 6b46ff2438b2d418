"""jieba's accurate mode (`Tokenizer.cut(text)`, with its HMM for unknown words), giving the same words faster.

Segmenting is most of a Chinese locale's search work. jieba computes `log(frequency)` for every candidate
word at every position and runs its HMM (Viterbi) again for every unknown stretch of characters, although
both repeat throughout a help center: names of networks, coins and products come back on every page.
`JiebaCut` keeps each word's weight and each unknown stretch's words. The steps and the arithmetic are
jieba 0.42.1's (`Tokenizer.get_DAG`, `calc`, `__cut_DAG` and `cut`); tests/search/test_jieba_cut.py
compares the words with jieba's own on the shipped articles and on generated text.
"""

from __future__ import annotations

from math import log


class JiebaCut:
    """Cuts text the way `tokenizer.cut(text)` does, with the tokenizer's dictionary as it is now; words
    added to the tokenizer later are not seen. `jieba` is the module, for its HMM and its patterns."""

    def __init__(self, tokenizer, jieba):
        tokenizer.check_initialized()
        self._hmm_cut = jieba.finalseg.cut
        self._blocks, self._spaces = jieba.re_han_default, jieba.re_skip_default
        self._frequencies = tokenizer.FREQ
        self._weights = _Weights(tokenizer.FREQ, log(tokenizer.total))
        self._unknown: dict[str, list[str]] = {}  # a stretch of characters not in the dictionary -> its words

    def cut(self, text: str) -> list[str]:
        words: list[str] = []
        for block in self._blocks.split(text):
            if not block:
                continue
            if self._blocks.match(block):
                self._cut_block(block, words)
            else:
                for part in self._spaces.split(block):
                    if self._spaces.match(part):
                        words.append(part)
                    else:
                        words.extend(part)  # one word per character
        return words

    def _cut_block(self, sentence: str, words: list[str]) -> None:
        frequencies, weights = self._frequencies, self._weights
        size = len(sentence)
        # The ends of the dictionary words that start at each position (get_DAG).
        ends_at: list[list[int]] = []
        for start in range(size):
            ends = []
            end = start
            fragment = sentence[start]
            while end < size and fragment in frequencies:
                if frequencies[fragment]:
                    ends.append(end)
                end += 1
                fragment = sentence[start:end + 1]
            ends_at.append(ends or [start])
        # The most probable way on from each position (calc): (log probability, end of the first word).
        route: list[tuple[float, int]] = [(0, 0)] * (size + 1)
        for start in range(size - 1, -1, -1):
            ends = ends_at[start]
            if len(ends) == 1:
                end = ends[0]
                route[start] = (weights[sentence[start:end + 1]] + route[end + 1][0], end)
            else:
                route[start] = max((weights[sentence[start:end + 1]] + route[end + 1][0], end) for end in ends)
        # Single characters in a row go to the HMM unless they form a known word (__cut_DAG).
        start, pending = 0, ""
        while start < size:
            end = route[start][1] + 1
            if end - start == 1:
                pending += sentence[start]
            else:
                if pending:
                    self._add_pending(pending, words)
                    pending = ""
                words.append(sentence[start:end])
            start = end
        if pending:
            self._add_pending(pending, words)

    def _add_pending(self, pending: str, words: list[str]) -> None:
        if len(pending) == 1:
            words.append(pending)
        elif not self._frequencies.get(pending):
            found = self._unknown.get(pending)
            if found is None:
                found = self._unknown[pending] = list(self._hmm_cut(pending))
            words.extend(found)
        else:
            words.extend(pending)


class _Weights(dict):
    """word -> log(frequency or 1) - log(total): jieba's weight of a word, computed once per word."""

    def __init__(self, frequencies: dict[str, int], log_total: float):
        super().__init__()
        self._frequencies, self._log_total = frequencies, log_total

    def __missing__(self, word: str) -> float:
        weight = self[word] = log(self._frequencies.get(word) or 1) - self._log_total
        return weight
