"""External links are listed by every check and fetched only with --external (loopback servers here)."""

from __future__ import annotations

import contextlib
import http.server
import io
import threading

import pytest

from conftest import copy_project
from helpcenter.checks.external import external_findings
from helpcenter.checks.links import ExternalLink
from helpcenter.cli import main

from checks_helpers import line_of


@pytest.fixture
def link_server():
    """A loopback server: /ok answers 200, anything else 404; it records the paths asked for."""
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self, body: bool):
            asked.append((self.command, self.path))
            self.send_response(200 if self.path == "/ok" else 404)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if body:
                self.wfile.write(b"ok")

        def do_HEAD(self):
            self._answer(False)

        def do_GET(self):
            self._answer(True)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()


def test_broken_external_links_are_reported_with_their_lines(link_server):
    base, _ = link_server
    links = [ExternalLink(f"{base}/ok", "docs/en/a.md", 3), ExternalLink(f"{base}/gone#part", "docs/zh/a.md", 7),
             ExternalLink("http://127.0.0.1:9/refused", "docs/ja/a.md", 9)]
    found = external_findings(links, timeout=5)
    assert [(f.path, f.line) for f in found] == [("docs/zh/a.md", 7), ("docs/ja/a.md", 9)]
    assert "404" in found[0].message


def test_the_command_lists_external_links_and_fetches_them_only_on_request(tmp_path, link_server):
    base, asked = link_server
    config = copy_project(tmp_path)
    page = tmp_path / "docs" / "en" / "support" / "response-times.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\nSee [our status]({base}/gone).\n", encoding="utf-8")
    line = line_of(page, f"{base}/gone")

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["check", "--config", str(config), "--list-external"]) == 0
    assert f"docs/en/support/response-times.md:{line}: {base}/gone" in out.getvalue()
    assert asked == []

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["check", "--config", str(config), "--external"]) == 1
    assert f"docs/en/support/response-times.md:{line}: [links] external link {base}/gone does not work (404" in out.getvalue()
    assert ("HEAD", "/gone") in asked
