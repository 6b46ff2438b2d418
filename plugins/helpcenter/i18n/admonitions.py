"""Default admonition titles in the page's language.

Python-Markdown's admonitions (`!!! note`) and pymdownx.details (`??? note`) title a block without a quoted
title with its type in English ("Note"). Before the Markdown is converted, such a line gets the title of
the page's language from the UI strings (`admonition.<type>`), so a translated page never shows English
titles. A quoted title, including an empty one (`!!! note ""`: no title), is left as written; so are
lines inside fenced code blocks, which show Markdown as text.
"""

from __future__ import annotations

import re

# Material's aliases share the title string of their type; an alias's English default is its own word,
# and the translated title is that of the type it stands for.
ALIASES = {
    "summary": "abstract", "tldr": "abstract", "todo": "info", "hint": "tip", "important": "tip",
    "check": "success", "done": "success", "help": "question", "faq": "question", "caution": "warning",
    "attention": "warning", "fail": "failure", "missing": "failure", "error": "danger", "cite": "quote",
}
TYPES = ("note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug",
         "example", "quote")
STRING_PREFIX = "admonition."

_UNTITLED = re.compile(r"^(?P<head>[ \t]*(?:!!!|\?\?\?\+?) ?(?P<types>[\w\-]+(?: +[\w\-]+)*))[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def admonition_titles(strings: dict[str, object]) -> dict[str, str]:
    """Type (and alias) -> title, from the UI strings of one locale."""
    titles = {}
    for kind in TYPES:
        title = strings.get(STRING_PREFIX + kind)
        if title:
            titles[kind] = str(title)
    for alias, kind in ALIASES.items():
        if kind in titles:
            titles[alias] = titles[kind]
    return titles


def with_default_titles(markdown: str, titles: dict[str, str]) -> str:
    """`markdown` with a title from `titles` on every untitled admonition or details block of a known type."""
    if not titles or ("!!!" not in markdown and "???" not in markdown):
        return markdown
    lines = markdown.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        match = _UNTITLED.match(line)
        if match:
            kind = match.group("types").split()[0].lower()
            title = titles.get(kind)
            if title:
                lines[number] = f'{match.group("head")} "{title}"'
    return "\n".join(lines)
