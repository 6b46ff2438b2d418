"""Python-Markdown's inline processor, leaving alone the text in which no inline pattern can match.

The inline processor tries every inline pattern (14 with our extensions), one Python call each, on every
piece of text: each paragraph, list item, heading and table cell, and the text after each link or bold
word. Every pattern of Python-Markdown needs a certain character in the text: a backtick, a backslash, `[`,
`<`, `&`, two spaces before a line break, or one of the emphasis delimiters (`*`, `_`). In a help article
about nine pieces of text in ten hold none of them; one search for all of them finds those pieces, and they
come out of the patterns unchanged anyway.

A pattern that is not known here (an extension's own) turns the shortcut off for that conversion, and every
piece goes through every pattern as before. tests/build/test_adapter.py renders every shipped page both
ways.
"""

from __future__ import annotations

import re

from markdown import inlinepatterns, treeprocessors, util

# A regular expression of Python-Markdown's inline patterns -> text each of its matches needs in the string.
_NEEDS = {
    inlinepatterns.BACKTICK_RE: ("`",),  # also when it matches the backslashes before one
    inlinepatterns.ESCAPE_RE: ("\\",),
    inlinepatterns.LINK_RE: ("[",),  # and REFERENCE_RE, the same
    inlinepatterns.IMAGE_LINK_RE: ("[",),  # and IMAGE_REFERENCE_RE
    inlinepatterns.AUTOLINK_RE: ("<",),
    inlinepatterns.AUTOMAIL_RE: ("<",),
    inlinepatterns.HTML_RE: ("<",),
    inlinepatterns.ENTITY_RE: ("&",),
    inlinepatterns.LINE_BREAK_RE: ("  \n",),
}


def needed_text(patterns) -> re.Pattern | None:
    """A search that finds, in a piece of text, what at least one of the patterns needs in order to match;
    None when one of them is not known."""
    needs: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, inlinepatterns.DelimiterProcessor):
            needs.update(pattern.tokens)  # it searches for its delimiters and nothing else
        elif isinstance(pattern, inlinepatterns.InlineProcessor) and pattern.pattern in _NEEDS:
            needs.update(_NEEDS[pattern.pattern])
        else:
            return None
    return re.compile("|".join(re.escape(text) for text in sorted(needs))) if needs else None


class QuickInlineProcessor(treeprocessors.InlineProcessor):
    """The inline processor, returning at once the pieces of text no pattern can match."""

    _needed: re.Pattern | None = None

    def run(self, tree, ancestors=None):
        self._needed = needed_text(self.inlinePatterns)  # extensions may register patterns between pages
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        # The name Python gives InlineProcessor.__handleInline, which run() and the patterns' nested
        # pieces call.
        if self._needed is not None and not isinstance(data, util.AtomicString) and not self._needed.search(data):
            return data
        return treeprocessors.InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


def skip_text_without_patterns(converter) -> None:
    """Make the converter's inline processor a QuickInlineProcessor, unless an extension replaced it."""
    processor = converter.treeprocessors["inline"] if "inline" in converter.treeprocessors else None
    if type(processor) is treeprocessors.InlineProcessor:
        processor.__class__ = QuickInlineProcessor
