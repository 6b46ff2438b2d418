"""A built site served on loopback, for tests and benchmarks (the preview server for people is `make serve`).

With `site_rules=True` it answers as the project's server does (`helpcenter feedback serve --serve-site`): the
locale's 404 page, Cache-Control, and the security headers with the site's Content-Security-Policy.
"""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.parse
from pathlib import Path

from .feedback.site_app import SiteRules


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    rules: SiteRules | None = None

    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.rules is not None:
            for name, value in self.rules.headers(urllib.parse.urlsplit(self.path).path).items():
                self.send_header(name, value)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = self.rules.not_found_page(urllib.parse.urlsplit(self.path).path) if self.rules and code == 404 else None
        if page is None:
            return super().send_error(code, message, explain)
        body = page.read_bytes()
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
