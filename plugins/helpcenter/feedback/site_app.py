"""The built site as the project's server serves it (`helpcenter feedback serve --serve-site`).

What the plain static server lacks: a missing page gets the 404 page of its own locale (chosen by the path's first
segment), responses carry `Cache-Control` (hashed assets cached for good, everything else revalidated) and security
headers, and the Content-Security-Policy allows exactly the inline scripts and style attributes the built pages
contain, found by reading them at start (and again when a rebuild changes articles.json). `SiteRules` is plain data and functions, so the loopback server of
the tests (`helpcenter.static_server`) applies the same rules.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import mimetypes
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Receive, Scope, Send

# Material's bundles and our own scripts and stylesheets (build/assets.py) carry an 8-digit content hash: a new
# release is a new name, so a copy never goes stale.
HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.(?:js|css)(?:\.map)?$")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # HTML, JSON and unhashed assets: kept, but checked with the server before each use

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_STYLE_ATTRIBUTE = re.compile(r"""<[a-zA-Z][^>]*?\sstyle=(?:"([^"]*)"|'([^']*)')""")
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass
class InlineCode:
    """CSP hash sources of the inline code of pages: scripts a browser runs, <style> elements, style attributes."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)

    def add(self, other: InlineCode) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes


def inline_hashes(html_text: str) -> InlineCode:
    """The hashes of a page's inline code (JSON and other data blocks are not code and need none)."""
    code = InlineCode()
    for match in _INLINE_SCRIPT.finditer(html_text):
        attributes = match.group(1)
        if re.search(r"\ssrc\s*=", attributes, re.I):
            continue
        kind = _SCRIPT_TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _EXECUTABLE_TYPES:
            code.scripts.add(_sha256(match.group(2)))
    code.styles = {_sha256(m.group(1)) for m in _STYLE_ELEMENT.finditer(html_text)}
    # A browser hashes the attribute's value after decoding character references; a script's text is not decoded.
    code.style_attributes = {_sha256(html.unescape(m.group(1) if m.group(1) is not None else m.group(2)))
                             for m in _STYLE_ATTRIBUTE.finditer(html_text)}
    return code


def content_security_policy(code: InlineCode) -> str:
    """Same-origin everything; inline code only where its hash is listed; no plugins, frames or foreign forms."""
    def sources(first: str, hashes: set[str]) -> str:
        return " ".join([first, *sorted(hashes)])

    directives = [
        "default-src 'self'",
        "script-src " + sources("'self'", code.scripts),
        "style-src " + sources("'self'", code.styles),
        # Markdown tables align their cells with style attributes; only those exact values are allowed.
        "style-src-attr " + (sources("'unsafe-hashes'", code.style_attributes) if code.style_attributes else "'none'"),
        # Material's icons are data: URIs in its stylesheet (mask images).
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def cache_control(path: str) -> str:
    return IMMUTABLE if HASHED_ASSET.search(path) else REVALIDATE


# The precompressed copies the build writes next to text files (build/compress.py), by preference.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(accept_encoding: str | None) -> set[str]:
    """The content codings an Accept-Encoding header allows (q=0 refuses one; "*" stands for any not named)."""
    allowed, refused, any_other = set(), set(), False
    for item in (accept_encoding or "").split(","):
        name, _, params = item.strip().partition(";")
        name = name.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if not name:
            continue
        if name == "*":
            any_other = quality > 0
        elif quality > 0:
            allowed.add(name)
        else:
            refused.add(name)
    if any_other:
        allowed |= {coding for coding, _ in PRECOMPRESSED if coding not in refused}
    return allowed


def precompressed_variant(file: str | Path, accept_encoding: str | None) -> tuple[Path, str | None, bool]:
    """(the file to send, its Content-Encoding or None, whether the response varies by Accept-Encoding) for a
    request of `file`: its .br or .gz copy when the client takes that coding, else the file itself."""
    file = Path(file)
    copies = [(coding, file.with_name(file.name + suffix)) for coding, suffix in PRECOMPRESSED]
    copies = [(coding, path) for coding, path in copies if path.is_file()]
    if not copies:
        return file, None, False
    allowed = accepted_encodings(accept_encoding)
    for coding, path in copies:
        if coding in allowed:
            return path, coding, True
    return file, None, True


def site_locales(site_dir: Path) -> list[str]:
    """The locales of a built site, from its articles.json; without a catalogue, the folders that hold a 404 page."""
    catalogue = site_dir / "articles.json"
    if catalogue.is_file():
        data = json.loads(catalogue.read_text(encoding="utf-8"))
        return [str(locale) for locale in data.get("locales", [])]
    return sorted(p.parent.name for p in site_dir.glob("*/404.html"))


@dataclass(frozen=True)
class SiteRules:
    site_dir: Path
    locales: tuple[str, ...]
    content_security_policy: str

    @classmethod
    def for_site(cls, site_dir: str | Path) -> SiteRules:
        """Read the built site once: its locales and the inline code its pages carry."""
        root = Path(site_dir)
        if not root.is_dir():
            raise ValueError(f"{root} is not a folder: pass the built site (mkdocs build writes site/)")
        code = InlineCode()
        for page in root.rglob("*.html"):
            code.add(inline_hashes(page.read_text(encoding="utf-8", errors="replace")))
        return cls(root, tuple(site_locales(root)), content_security_policy(code))

    def locale_of(self, url_path: str) -> str | None:
        """The locale whose folder the path is in (by its first segment), None for the default locale's pages."""
        first = url_path.lstrip("/").split("/", 1)[0]
        return first if first in self.locales else None

    def not_found_page(self, url_path: str) -> Path | None:
        """The 404 page for a missing `url_path`: its locale's, else the site's own."""
        locale = self.locale_of(url_path)
        for candidate in ([self.site_dir / locale / "404.html"] if locale else []) + [self.site_dir / "404.html"]:
            if candidate.is_file():
                return candidate
        return None

    def headers(self, url_path: str) -> dict[str, str]:
        """Headers of every response for `url_path` (found or not)."""
        return {
            "Cache-Control": cache_control(url_path),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "strict-origin-when-cross-origin",
            "Content-Security-Policy": self.content_security_policy,
        }


class SiteFiles(StaticFiles):
    """Starlette's StaticFiles in HTML mode (index.html for folders) with the locale's 404 page, the headers
    of SiteRules, and a file's precompressed copy for clients that take it. A rebuilt site (a new articles.json)
    is read again, as the collector reads its catalogue again."""

    def __init__(self, site_dir: str | Path):
        super().__init__(directory=site_dir, html=True)
        self._site_dir = Path(site_dir)
        self._stamp = self._catalogue_stamp()
        self.rules = SiteRules.for_site(site_dir)

    def _catalogue_stamp(self) -> float | None:
        try:
            return (self._site_dir / "articles.json").stat().st_mtime
        except OSError:
            return None

    def _current_rules(self) -> SiteRules:
        stamp = self._catalogue_stamp()
        if stamp != self._stamp:
            self._stamp, self.rules = stamp, SiteRules.for_site(self._site_dir)
        return self.rules

    async def get_response(self, path: str, scope: Scope) -> Response:
        try:
            response = await super().get_response(path, scope)
        except HTTPException as error:
            if error.status_code != 404:
                raise
            response = None
        if response is None or response.status_code == 404:  # StaticFiles' own answer is the root 404.html
            page = self.rules.not_found_page(path)
            if page is None:
                raise HTTPException(status_code=404)
            response = self._encoded_file(page, scope, status_code=404, media_type="text/html")
        return response

    def file_response(self, full_path, stat_result, scope: Scope, status_code: int = 200) -> Response:
        return self._encoded_file(Path(full_path), scope, status_code=status_code)

    def _encoded_file(self, file: Path, scope: Scope, *, status_code: int, media_type: str | None = None) -> Response:
        request_headers = Headers(scope=scope)
        sent, coding, varies = precompressed_variant(file, request_headers.get("accept-encoding"))
        headers = {}
        if coding:
            headers["Content-Encoding"] = coding
        if varies:
            headers["Vary"] = "Accept-Encoding"
        # The media type is the file's, not its copy's; the copy's own ETag keeps a cached plain copy apart.
        # With stat_result the ETag and Last-Modified are set now, for the If-None-Match check below.
        response = FileResponse(sent, status_code=status_code, headers=headers, stat_result=os.stat(sent),
                                media_type=media_type or mimetypes.guess_type(file.name)[0] or "text/plain")
        if status_code == 200 and self.is_not_modified(response.headers, request_headers):
            return NotModifiedResponse(response.headers)
        return response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = self._current_rules().headers(scope.get("path", "/"))

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = Headers(raw=message.get("headers", []))
                extra = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()
                         if k.lower() not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await super().__call__(scope, receive, send_with_headers)


def create_site_app(site_dir: str | Path) -> SiteFiles:
    return SiteFiles(site_dir)
