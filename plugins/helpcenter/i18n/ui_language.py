"""Find the frame's English on a page of another locale: Material's UI strings and ours left in English (in text,
title, aria-label and placeholder, and in Material's script translations), and a translated text glued to an
ASCII colon where the locale writes a full-width one.

The English parts of a page (a fallback article's body, marked lang="en") are English on purpose and skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

# Material for MkDocs' English interface strings (partials/languages/en.html and what its scripts show), and the
# default titles of Python-Markdown's toc permalinks and admonitions.
MATERIAL_ENGLISH = (
    "Skip to content", "Back to top", "Search", "Share", "Clear", "Copy to clipboard", "Copied to clipboard",
    "Table of contents", "Navigation", "Header", "Footer", "Select language", "Initializing search",
    "Type to start searching", "No matching documents", "Switch to dark mode", "Switch to light mode",
    "Permanent link", "Don't show this again", "Previous", "Next", "Edit this page", "View source of this page",
    "Go to repository", "Tabs", "Last update", "Note", "Tip", "Info", "Warning", "Danger", "Important",
)
# Words of that list a locale writes the same way (Material's French "Navigation").
SAME_IN_LOCALE = {"fr": {"Navigation", "Important", "Danger", "Information"}}
CHECKED_ATTRIBUTES = ("title", "aria-label", "placeholder")
FULL_WIDTH_COLON_LOCALES = ("zh", "zh-TW", "ja")
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_GLUED_COLON = re.compile(_CJK + r"\s*:(?!//)")
_SKIPPED_ELEMENTS = ("style", "svg", "template", "noscript")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class EnglishString:
    page: str
    string: str
    where: str  # "text", an attribute's name, or "script translations"

    def __str__(self) -> str:
        return f"{self.page}: '{self.string}' ({self.where})"


def known_english(strings: Mapping[str, Mapping[str, object]], locale: str, default_locale: str = "en") -> set[str]:
    """The English strings that must not appear on a page of `locale`: Material's, and the English value of each
    of our strings that the locale words differently (a French "Danger" is French too). Strings with
    placeholders are left out: they never appear as they are written."""
    ours = strings.get(default_locale, {})
    own = strings.get(locale, {})
    known = set(MATERIAL_ENGLISH)
    for key, english in ours.items():
        if isinstance(english, str) and "{" not in english and english.strip() and own.get(key) != english:
            known.add(english.strip())
    # Whatever the locale itself says is not foreign to it.
    return known - {str(v).strip() for v in own.values() if isinstance(v, str)} - SAME_IN_LOCALE.get(locale, set())


class _Scanner(HTMLParser):
    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.texts: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self.config: str | None = None
        self._config_parts: list[str] | None = None

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "html":
            self.page_lang = values.get("lang") or self.page_lang
        # A language switcher's entry names its language in that language (hreflang): "English" is no UI string.
        lang = values.get("lang") or values.get("hreflang")
        foreign = lang is not None and lang.split("-")[0].lower() != self.page_lang.split("-")[0].lower()
        skipped = self.skipping or foreign or tag in _SKIPPED_ELEMENTS or (tag == "script" and values.get("id") != "__config")
        if tag == "script" and values.get("id") == "__config":
            self._config_parts = []
        if not skipped:
            for name in CHECKED_ATTRIBUTES:
                if values.get(name):
                    self.attributes.append((name, values[name]))
        if tag not in _VOID:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "script" and self._config_parts is not None:
            self.config, self._config_parts = "".join(self._config_parts), None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if self._config_parts is not None:
            self._config_parts.append(data)
        elif not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def english_ui_strings(html: str, page: str, locale: str, known: Iterable[str]) -> list[EnglishString]:
    """Every known English string the page shows or names outside its English parts, and in zh/zh-TW/ja every
    translated text glued to an ASCII colon."""
    known = set(known)
    scanner = _Scanner(locale)
    scanner.feed(html)
    scanner.close()
    found = [EnglishString(page, text, "text") for text in scanner.texts if text in known]
    found += [EnglishString(page, " ".join(value.split()), name) for name, value in scanner.attributes
              if " ".join(value.split()) in known]
    if scanner.config:
        try:
            translations = json.loads(scanner.config).get("translations") or {}
        except ValueError:
            translations = {}
        found += [EnglishString(page, str(value), "script translations") for value in translations.values()
                  if str(value) in known]
    if locale in FULL_WIDTH_COLON_LOCALES:
        for text in scanner.texts + [value for _, value in scanner.attributes]:
            for match in _GLUED_COLON.finditer(text):
                around = text[max(0, match.start() - 12):match.end() + 12]
                found.append(EnglishString(page, around, "ASCII colon after CJK text; write '：'"))
    return found


def site_english_ui_strings(site_dir: str | Path, locales: Mapping[str, str],
                            strings: Mapping[str, Mapping[str, object]], default_locale: str = "en") -> list[EnglishString]:
    """english_ui_strings on every HTML page of every non-default locale: `locales` maps each locale to its folder
    in the site ("zh" -> "zh/")."""
    site = Path(site_dir)
    found = []
    for locale, prefix in locales.items():
        if locale == default_locale:
            continue
        known = known_english(strings, locale, default_locale)
        for path in sorted((site / prefix).rglob("*.html")):
            found += english_ui_strings(path.read_text(encoding="utf-8"), path.relative_to(site).as_posix(),
                                        locale, known)
    return found
