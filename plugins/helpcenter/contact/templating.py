"""Channel URL templates: `https://…?subject={subject}&body={query}` filled with the reader's context.

The same algorithm runs in the browser (helpcenter/theme/assets/javascripts/contact.js, `fillTemplate`); the shared
cases in tests/contact/cases/templating.json hold both to the same results.

Rules:
- a placeholder is `{name}` with a name from PLACEHOLDERS; a value is percent-encoded as a URI component
  (RFC 3986 unreserved characters stay, everything else is UTF-8 percent-encoded, quotes included);
- placeholders may not appear in the scheme, host or e-mail address, so nothing the reader types can
  change where the link goes;
- a query parameter whose placeholders are all empty is left out (`&article={article_id}` vanishes off articles);
- values are single-line except `query`; newlines become CRLF in `mailto:` links (RFC 6068);
- the typed text is cut at `query_limit` characters (never inside a character), then shortened further
  until the whole URL fits in `url_limit` characters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

# Every value a channel URL can carry. None of them identifies the reader: the reader types `query`
# and sees every value before leaving the page.
PLACEHOLDERS = ("locale", "category", "topic", "article_id", "article_title", "article_url", "query", "subject")
SCHEMES = ("https://", "http://", "mailto:")
ELLIPSIS = "\u2026"
SUBJECT_LIMIT = 80

_TOKEN = re.compile(r"\{([^{}]*)\}")
# Whitespace as both Python and JavaScript trim it (their own definitions differ at the edges).
_WS = "[ \t\n\u000b\u000c\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
_LINE_BREAK = re.compile(f"{_WS}*\n{_WS}*")
_TRAILING_WS = re.compile(f"{_WS}+\\Z")
_LEADING_WS = re.compile(f"\\A{_WS}+")


class TemplateError(ValueError):
    """A channel URL template that cannot be used, with how to fix it."""

    def __init__(self, message: str, fix: str = ""):
        self.message = message
        self.fix = fix
        super().__init__(message + (f" Fix: {fix}" if fix else ""))


@dataclass(frozen=True)
class Limits:
    query: int = 500  # characters of typed text carried at most
    url: int = 2000  # characters of the whole URL at most (older browsers and help desks cut longer ones)


@dataclass(frozen=True)
class FilledUrl:
    url: str
    sent: tuple[tuple[str, str], ...]  # (placeholder, value) actually carried, in template order


def placeholders(template: str) -> list[str]:
    """The placeholder names a template uses, in order; raises TemplateError for an unusable template."""
    return list(_checked_placeholders(template) if isinstance(template, str) else _placeholders(template))


@functools.lru_cache(maxsize=256)  # every page fills the same few templates
def _checked_placeholders(template: str) -> tuple[str, ...]:
    return tuple(_placeholders(template))


def _placeholders(template) -> list[str]:
    if not isinstance(template, str) or not template.strip():
        raise TemplateError("is empty", "write a URL such as 'https://support.example.com/new?subject={subject}'.")
    if template != template.strip() or any(ch.isspace() for ch in template):
        raise TemplateError(f"'{template}' contains spaces",
                            "remove them; write a space inside a fixed text as %20.")
    if not template.lower().startswith(SCHEMES):
        raise TemplateError(f"'{template}' is not an https://, http:// or mailto: URL",
                            "start it with https:// (or mailto: for an e-mail address).")
    names = []
    for match in _TOKEN.finditer(template):
        name = match.group(1)
        if name not in PLACEHOLDERS:
            raise TemplateError(f"'{{{name}}}' is not a placeholder",
                                f"use one of: {', '.join('{' + p + '}' for p in PLACEHOLDERS)}.")
        names.append(name)
    rest = _TOKEN.sub("", template)
    if "{" in rest or "}" in rest:
        raise TemplateError(f"'{template}' has an unmatched brace",
                            "write each placeholder as {name}; write a literal brace as %7B or %7D.")
    fixed = template[:_fixed_part_end(template)]
    if _TOKEN.search(fixed):
        raise TemplateError(f"'{template}' has a placeholder in its address",
                            "keep the host (or e-mail address) fixed; put placeholders in the path or after '?'.")
    return names


def _fixed_part_end(template: str) -> int:
    """Where the part that must not vary ends: after the host of a web URL, after the address of mailto:."""
    lower = template.lower()
    if lower.startswith("mailto:"):
        end = template.find("?")
        return len(template) if end < 0 else end
    start = template.index("//") + 2
    ends = [i for i in (template.find(c, start) for c in "/?#") if i >= 0]
    return min(ends) if ends else len(template)


def encode_component(value: str) -> str:
    """Percent-encode a value for any part of a URL (like encodeURIComponent, and quotes too)."""
    return quote(value, safe="-_.~")


def clean_value(value, multiline: bool = False) -> str:
    """Text as it may travel: NFC, no control characters, '\\n' line ends (or one line), trimmed."""
    return _clean_text("" if value is None else str(value), multiline)


@functools.lru_cache(maxsize=4096)  # every channel of every page cleans the same titles, topics and locales
def _clean_text(text: str, multiline: bool) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = _LINE_BREAK.sub(" ", text)
    text = _CONTROL.sub("", text.replace("\t", " "))
    return _strip(text)


def _strip(text: str, start: bool = True) -> str:
    text = _TRAILING_WS.sub("", text)
    return _LEADING_WS.sub("", text) if start else text


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters (code points), ending with '…' when cut; cut at a space when one is near."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= (limit - 1) * 0.8:
        cut = cut[:space]
    return _strip(cut, start=False) + ELLIPSIS


def subject_for(query: str, context: dict) -> str:
    """A one-line subject: the first line of what the reader typed, else the article's title, else the topic."""
    first_line = next((_strip(line) for line in query.split("\n") if _strip(line)), "")
    return truncate(first_line or clean_value(context.get("article_title")) or clean_value(context.get("topic")),
                    SUBJECT_LIMIT)


def _render(template: str, values: dict[str, str], mailto: bool) -> FilledUrl:
    base, hash_mark, fragment = template.partition("#")
    path, question, query_string = base.partition("?")
    if question:
        kept = []
        for pair in query_string.split("&"):
            _, equals, value = pair.partition("=")
            names = _TOKEN.findall(value) if equals else []
            if names and not any(values.get(name) for name in names):
                continue  # it would carry nothing from the reader's context
            kept.append(pair)
        base = path + ("?" + "&".join(kept) if kept else "")
    template = base + hash_mark + fragment
    sent: dict[str, str] = {}

    def substitute(match: re.Match) -> str:
        name = match.group(1)
        value = values.get(name, "")
        if value:
            sent.setdefault(name, value)
        if mailto:
            value = value.replace("\n", "\r\n")
        return encode_component(value)

    url = _TOKEN.sub(substitute, template)
    return FilledUrl(url=url, sent=tuple(sent.items()))


def fill(template: str, context: dict, limits: Limits = Limits()) -> FilledUrl:
    """The channel URL for this context. `context` maps placeholder names to values (missing = empty);
    `query` is the reader's typed text, `subject` is derived from it unless given."""
    names = placeholders(template)
    mailto = template.lower().startswith("mailto:")
    base = {name: clean_value(context.get(name)) for name in PLACEHOLDERS if name not in ("query", "subject")}
    typed = clean_value(context.get("query"), multiline=True)

    def attempt(query_limit: int) -> FilledUrl:
        query = truncate(typed, query_limit)
        subject = clean_value(context["subject"]) if context.get("subject") else subject_for(query, base)
        return _render(template, dict(base, query=query, subject=truncate(subject, SUBJECT_LIMIT)), mailto)

    longest = min(len(typed), limits.query)
    result = attempt(longest)
    if len(result.url) <= limits.url or not {"query", "subject"} & set(names):
        return result
    # Too long: the longest cut of the typed text that fits (binary search; cutting never grows the URL).
    low, high = 0, longest
    while low < high:
        middle = (low + high + 1) // 2
        if len(attempt(middle).url) <= limits.url:
            low = middle
        else:
            high = middle - 1
    return attempt(low)
