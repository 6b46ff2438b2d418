"""`mkdocs serve --dirty`: a rebuild renders only the edited page, and the search index keeps every page."""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
import urllib.request

from conftest import copy_project


def _wait_for(output: queue.Queue, text: str, lines: list[str], timeout: float = 120) -> None:
    while True:
        try:
            line = output.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no '{text}' within {timeout:.0f} s:\n" + "".join(lines[-20:])) from None
        if line is None:
            raise AssertionError("mkdocs serve stopped:\n" + "".join(lines[-20:]))
        lines.append(line)
        if text in line:
            return


def _read_lines(stream, output: queue.Queue) -> None:
    for line in stream:
        output.put(line)
    output.put(None)


def _index(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.load(response)


def test_a_dirty_rebuild_keeps_every_page_in_the_search_index(tmp_path):
    config_file = copy_project(tmp_path)
    article = tmp_path / "docs" / "en" / "security" / "enable-2fa.md"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1", HELPCENTER_SERVE_LOCALES="zh")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config_file),
                                "-a", f"127.0.0.1:{port}"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path)
    output: queue.Queue = queue.Queue()
    threading.Thread(target=_read_lines, args=(process.stdout, output), daemon=True).start()
    lines: list[str] = []
    try:
        _wait_for(output, "Serving on http", lines)
        base = f"http://127.0.0.1:{port}/"
        before = {path: _index(base, path) for path in ("search/helpcenter_index.json", "zh/search/helpcenter_index.json")}
        article.write_text(article.read_text(encoding="utf-8") + "\nA sentence added while serving.\n", encoding="utf-8")
        _wait_for(output, "Reloading browsers", lines)
        assert "dirty" in "".join(lines)
        for path, index in before.items():
            after = _index(base, path)
            assert [d[0] for d in after["docs"]] == [d[0] for d in index["docs"]], path
        material = json.dumps(_index(base, "search/search_index.json"), ensure_ascii=False)
        assert "A sentence added while serving." in material
    finally:
        process.terminate()
        process.wait(timeout=30)
