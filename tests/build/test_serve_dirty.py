"""`mkdocs serve --dirty`: a rebuild renders only the edited page, and the search index keeps every page."""

from __future__ import annotations

import json
import urllib.request

from conftest import copy_project
from helpcenter.serve_process import ServeProcess


def _index(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.load(response)


def test_a_dirty_rebuild_keeps_every_page_in_the_search_index(tmp_path):
    config_file = copy_project(tmp_path)
    article = tmp_path / "docs" / "en" / "security" / "enable-2fa.md"
    with ServeProcess(config_file, "--dirty", env={"HELPCENTER_SERVE_LOCALES": "zh"}) as server:
        server.wait_for("Serving on http", 120)
        base = server.url
        indexes = ("search/helpcenter_index.json", "zh/search/helpcenter_index.json")
        before = {path: _index(base, path) for path in indexes}
        text = article.read_text(encoding="utf-8")
        article.write_text(text + "\nA sentence added while serving.\n", encoding="utf-8")
        server.wait_for("Reloading browsers", 120)
        assert "dirty" in "".join(server.lines)
        for path, index in before.items():
            after = _index(base, path)
            assert [d[0] for d in after["docs"]] == [d[0] for d in index["docs"]], path
        material = json.dumps(_index(base, "search/search_index.json"), ensure_ascii=False)
        assert "A sentence added while serving." in material
