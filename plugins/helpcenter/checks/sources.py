"""Every Markdown file of every locale, rendered with the project's Markdown extensions, without a build.

The rendered HTML is what readers would get (so the gates judge it, not a guess from the Markdown); the
source lines say where a writer finds each problem.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import markdown

from .htmlparse import ParsedHtml, parse_html

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_ATX_HEADING = re.compile(r"^\s*#{1,6}(\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HTML_HEADING = re.compile(r"<h[1-6][\s>]", re.IGNORECASE)


class SourceLines:
    """A Markdown file's lines as a finder sees them: code blocks and code spans blanked out, because what is
    written there is shown as text and is never a link, a heading or markup."""

    def __init__(self, text: str, first_line: int):
        self.first_line = first_line  # file line number of lines[0]
        self.lines: list[str] = []
        fence: str | None = None
        for line in text.split("\n"):
            match = _FENCE.match(line)
            if fence is None and match:
                fence = match.group(1)
                self.lines.append("")
            elif fence is not None:
                if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                    fence = None
                self.lines.append("")
            else:
                self.lines.append(_INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
        self._folded = [line.casefold() for line in self.lines]

    def find(self, needles) -> int | None:
        """File line of the first needle found (trying needles in order), from the top."""
        return self.locator().find(needles)

    def locator(self) -> "Locator":
        return Locator(self)

    def heading_lines(self) -> list[int]:
        """File lines of headings, in order: '# …' lines, setext underlines' text lines and <hN> tags."""
        result = []
        for index, line in enumerate(self.lines):
            if _ATX_HEADING.match(line) or _HTML_HEADING.search(line):
                result.append(index + self.first_line)
            elif (_SETEXT_UNDERLINE.match(line) and index > 0 and self.lines[index - 1].strip()
                  and not _ATX_HEADING.match(self.lines[index - 1])):
                result.append(index - 1 + self.first_line)
        return result


class Locator:
    """Finds the lines of things met in document order: the n-th search for the same text finds its n-th
    occurrence (two identical links on two lines get two lines); past the last, the search starts at the top
    again (a reference-style link's URL is written once, below the text that uses it)."""

    def __init__(self, lines: SourceLines):
        self.lines = lines
        self._next: dict[str, tuple[int, int]] = {}  # needle -> (line index, column) to search from

    def _search(self, needle: str, line: int, column: int) -> tuple[int, int] | None:
        folded_lines = self.lines._folded
        for index in range(line, len(folded_lines)):
            found = folded_lines[index].find(needle, column if index == line else 0)
            if found >= 0:
                return index, found
        return None

    def find(self, needles) -> int | None:
        for needle in needles:
            if not needle:
                continue
            folded = needle.casefold()
            start = self._next.get(folded, (0, 0))
            hit = self._search(folded, *start) or (self._search(folded, 0, 0) if start != (0, 0) else None)
            if hit is not None:
                self._next[folded] = (hit[0], hit[1] + 1)
                return hit[0] + self.lines.first_line
        return None


@dataclass
class SourcePage:
    locale: str
    path: str  # relative to the locale folder, e.g. "security/enable-2fa.md"
    src: str  # as writers see it, e.g. "docs/zh/security/enable-2fa.md"
    lines: SourceLines
    html: str
    parsed: ParsedHtml

    @property
    def src_uri(self) -> str:
        """Path relative to docs/, as MkDocs names the file: 'zh/security/enable-2fa.md'."""
        return f"{self.locale}/{self.path}"

    def heading_line(self, position: int) -> int | None:
        """File line of the position-th heading of the rendered page."""
        lines = self.lines.heading_lines()
        if len(lines) == len(self.parsed.headings):
            return lines[position]
        heading = self.parsed.headings[position]
        return self.lines.find([heading.element.raw, heading.text])


@dataclass
class Sources:
    """The docs folder as the gates see it."""

    docs_dir: Path
    display_root: str  # how paths are shown, e.g. "docs"
    locales: list[str]
    default_locale: str
    pages: dict[tuple[str, str], SourcePage] = field(default_factory=dict)  # (locale, path) -> page
    static_files: set[str] = field(default_factory=set)  # docs-relative paths of files that are not Markdown

    def page(self, locale: str, path: str, fallback: bool = True) -> SourcePage | None:
        """The page readers of `locale` get at `path`: the translation, or (static-i18n's fallback) the English."""
        found = self.pages.get((locale, path))
        if found is None and fallback:
            found = self.pages.get((self.default_locale, path))
        return found

    def paths(self) -> set[str]:
        return {path for _, path in self.pages}


class MarkdownRenderer:
    """Python-Markdown with the extensions and options of mkdocs.yml, reused for every file."""

    def __init__(self, extensions: list, extension_configs: dict):
        self._md = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)

    def render(self, body: str) -> str:
        self._md.reset()
        return self._md.convert(body)


def _is_hidden(relative: PurePosixPath) -> bool:
    return any(part.startswith((".", "_")) for part in relative.parts)


def split_body(text: str) -> tuple[str, int]:
    """The Markdown body after the front matter and the file line it starts on. The article model reads and
    validates the front matter itself; here only its closing fence is looked for."""
    lines = text.lstrip("\ufeff").split("\n")
    if lines and lines[0].rstrip() == "---":
        for end in range(1, len(lines)):
            if lines[end].rstrip() in ("---", "..."):
                return "\n".join(lines[end + 1:]), end + 2
    return "\n".join(lines), 1


def read_page(file: Path, locale: str, path: str, src: str, renderer: MarkdownRenderer) -> SourcePage:
    body, body_line = split_body(file.read_text(encoding="utf-8"))
    html = renderer.render(body)
    return SourcePage(locale=locale, path=path, src=src, lines=SourceLines(body, body_line), html=html,
                      parsed=parse_html(html))


def load_sources(docs_dir: str | os.PathLike, locales: list[str], default_locale: str,
                 renderer: MarkdownRenderer, display_root: str = "docs") -> Sources:
    docs = Path(docs_dir)
    sources = Sources(docs_dir=docs, display_root=display_root.rstrip("/"), locales=list(locales),
                      default_locale=default_locale)
    for file in sorted(docs.rglob("*")):
        relative = PurePosixPath(file.relative_to(docs).as_posix())
        if not file.is_file() or _is_hidden(relative):
            continue
        if file.suffix != ".md":
            sources.static_files.add(str(relative))
            continue
        locale, path = relative.parts[0], "/".join(relative.parts[1:])
        if locale not in locales or not path:
            continue  # the model reports Markdown outside the locale folders
        src = f"{sources.display_root}/{relative}"
        sources.pages[(locale, path)] = read_page(file, locale, path, src, renderer)
    return sources
