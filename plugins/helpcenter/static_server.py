"""A built site served on loopback, for tests and benchmarks (the preview server for people is `make serve`).

With `site_rules=True` it answers as the project's server does (`helpcenter feedback serve --serve-site`): the
locale's 404 page, Cache-Control, precompressed copies (Content-Encoding), and the security headers with
the site's Content-Security-Policy.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import urllib.parse
from pathlib import Path

from .feedback.site_app import SiteRules, precompressed_variant


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    rules: SiteRules | None = None
    _coding: str | None = None  # the Content-Encoding of the precompressed copy being sent
    _varies = False
    _original = ""

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        """With the site's rules, a file's precompressed copy for a client that takes its coding."""
        full = super().translate_path(path)
        self._coding, self._varies = None, False
        if self.rules is None:
            return full
        target = full
        if os.path.isdir(full):
            if not urllib.parse.urlsplit(path).path.endswith("/"):
                return full  # send_head redirects to the folder's address
            target = os.path.join(full, "index.html")
        if not os.path.isfile(target):
            return full
        sent, self._coding, self._varies = precompressed_variant(target, self.headers.get("Accept-Encoding"))
        self._original = target
        return str(sent)

    def guess_type(self, path):
        return super().guess_type(self._original if self._coding else path)

    def end_headers(self):
        if self.rules is not None:
            if self._coding:
                self.send_header("Content-Encoding", self._coding)
            if self._varies:
                self.send_header("Vary", "Accept-Encoding")
            for name, value in self.rules.headers(urllib.parse.urlsplit(self.path).path).items():
                self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        self._coding, self._varies = None, False
        page = self.rules.not_found_page(urllib.parse.urlsplit(self.path).path) if self.rules and code == 404 else None
        if page is None:
            return super().send_error(code, message, explain)
        sent, self._coding, self._varies = precompressed_variant(page, self.headers.get("Accept-Encoding"))
        body = sent.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve_directory(directory: str | Path, site_rules: bool = False) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve `directory` on a free loopback port in a background thread; returns (base URL, server)."""
    rules = SiteRules.for_site(directory) if site_rules else None
    handler_class = type("SiteHandler", (_QuietHandler,), {"rules": rules})
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server
