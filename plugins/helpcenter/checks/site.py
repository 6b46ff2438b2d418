"""Checks of a built site's HTML: every internal link and anchor resolves to a file and an id, no page repeats
an id or leaves an element open, and each page has one H1 with no skipped heading level.

This sees what the Markdown checks cannot: template markup, the language switcher, navigation and the links
MkDocs rewrote. Findings name the built file and line, and the Markdown file the page was made from.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from .findings import Finding
from .htmlparse import ParsedHtml, parse_html
from .links import names_an_element

# Where each element keeps the address it loads or links to.
_URL_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src",
                   "video": "src", "audio": "src"}
_NOT_FETCHED = {"preconnect", "dns-prefetch"}


def _is_redirect(parsed: ParsedHtml) -> bool:
    return any(e.tag == "meta" and e.attrs.get("http-equiv", "").lower() == "refresh" for e in parsed.elements)


class BuiltSite:
    def __init__(self, site_dir: str | os.PathLike, site_url: str = "", shown_root: str | None = None,
                 source_of: Callable[[str], str | None] | None = None):
        self.root = Path(site_dir)
        self.site_url = site_url
        self.shown_root = (shown_root or str(site_dir)).rstrip("/")
        self.source_of = source_of or (lambda site_path: None)
        self.pages: dict[str, ParsedHtml] = {}
        for file in sorted(self.root.rglob("*.html")):
            self.pages[file.relative_to(self.root).as_posix()] = parse_html(file.read_text(encoding="utf-8"))

    @property
    def site_path(self) -> str:
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def _shown(self, name: str) -> str:
        return f"{self.shown_root}/{name}"

    def _fix_source(self, name: str, fix: str) -> str:
        page_path = name[: -len("index.html")] if name.endswith("index.html") else name
        source = self.source_of(page_path)
        return fix + (f" (the page is made from {source})" if source else "")

    # -- links -------------------------------------------------------------------------------------------------
    def _target(self, name: str, url: str) -> tuple[str | None, str, str] | None:
        """(file in the site or None, fragment, path as resolved) for an internal URL; None for other sites."""
        parts = urlsplit(url)
        site = urlsplit(self.site_url)
        if parts.scheme or parts.netloc:
            if not (parts.netloc and parts.netloc == site.netloc and parts.scheme in ("http", "https")):
                return None
        if parts.scheme or parts.netloc or parts.path.startswith("/"):
            if not parts.path.startswith(self.site_path):
                return (None, parts.fragment, parts.path)
            path = parts.path[len(self.site_path):]
        elif not parts.path:
            return (name, parts.fragment, name)
        else:
            base = "" if name == "404.html" else posixpath.dirname(name)  # 404.html is served at any address
            path = posixpath.join(base, unquote(parts.path))
        resolved = posixpath.normpath(path) if path else "."
        shown = resolved + ("/" if path.endswith("/") and resolved != "." else "")
        if resolved.startswith(".."):
            return (None, parts.fragment, shown)
        candidate = self.root / resolved
        if candidate.is_dir():
            index = posixpath.join(resolved, "index.html") if resolved != "." else "index.html"
            return (index if (self.root / index).is_file() else None, parts.fragment, shown)
        return (resolved if candidate.is_file() else None, parts.fragment, shown)

    def link_findings(self) -> list[Finding]:
        findings = []
        for name, parsed in self.pages.items():
            for element in parsed.elements:
                attribute = _URL_ATTRIBUTES.get(element.tag)
                url = element.attrs.get(attribute or "", "").strip()
                if not url or (element.tag == "link" and _NOT_FETCHED & set(element.attrs.get("rel", "").split())):
                    continue
                target = self._target(name, url)
                if target is None:
                    continue
                file, fragment, resolved = target
                if file is None:
                    findings.append(Finding("links", self._shown(name), f"<{element.tag} {attribute}=\"{url}\">: "
                                            f"nothing is published at {resolved}.", element.line,
                                            self._fix_source(name, "correct or remove the link")))
                elif names_an_element(unquote(fragment)) and file.endswith(".html"):
                    ids = self.pages[file].ids() if file in self.pages else set()
                    if unquote(fragment) not in ids:
                        findings.append(Finding("links", self._shown(name), f"<a href=\"{url}\">: {file} has no "
                                                f"id '{unquote(fragment)}'.", element.line,
                                                self._fix_source(name, "link to an existing section")))
        return findings

    # -- page markup and structure -----------------------------------------------------------------------------
    def page_findings(self) -> list[Finding]:
        findings = []
        for name, parsed in self.pages.items():
            shown = self._shown(name)
            for problem in parsed.problems:
                findings.append(Finding("html", shown, problem.message, problem.line,
                                        self._fix_source(name, "close the element in the Markdown or template")))
            for identifier, elements in parsed.duplicate_ids().items():
                lines = ", ".join(str(e.line) for e in elements)
                findings.append(Finding("html", shown, f"id '{identifier}' is used {len(elements)} times "
                                        f"(lines {lines}).", elements[1].line,
                                        self._fix_source(name, "give each element its own id")))
            if _is_redirect(parsed):
                continue  # a short link's redirect page has no content of its own
            h1 = [h for h in parsed.headings if h.level == 1]
            if len(h1) != 1:
                findings.append(Finding("structure", shown, f"the page has {len(h1)} H1 headings; it needs exactly one.",
                                        h1[1].element.line if len(h1) > 1 else None,
                                        self._fix_source(name, "keep one H1 (the page title)")))
            previous = 0
            for heading in parsed.headings:
                if previous and heading.level > previous + 1:
                    findings.append(Finding("structure", shown, f"H{heading.level} '{heading.text}' follows "
                                            f"H{previous}: it skips a level.", heading.element.line,
                                            self._fix_source(name, f"make it H{previous + 1}")))
                previous = heading.level
        return findings

    def findings(self) -> list[Finding]:
        return self.page_findings() + self.link_findings()
