"""The build-time safety gate: a page that would run code stops the build, naming the file and line."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from helpcenter.checks.plugin import ChecksPlugin

from checks_helpers import article, line_of, renderer, settings, write  # noqa: F401 (fixtures)


def plugin(**options) -> ChecksPlugin:
    instance = ChecksPlugin()
    errors, warnings = instance.load_config(options)
    assert errors == [] and warnings == []
    return instance


def render_page(docs, renderer, rel, body):
    path = write(docs, rel, article(5001, "Enable 2FA", body=body))
    html = renderer.render(path.read_text(encoding="utf-8").split("---\n", 2)[2])
    return path, html, SimpleNamespace(file=SimpleNamespace(abs_src_path=str(path)))


def test_unsafe_page_stops_the_build(tmp_path, renderer):
    docs = tmp_path / "docs"
    path, html, page = render_page(docs, renderer, "zh/security/enable-2fa.md",
                                   "说明。\n\n<img src=\"x.png\" onerror=\"steal()\" alt=\"x\">\n")
    with pytest.raises(PluginError) as info:
        plugin().on_page_content(html, page=page, config=SimpleNamespace(docs_dir=str(docs)), files=None)
    assert f"zh/security/enable-2fa.md:{line_of(path, 'onerror')}: [safety] the onerror= attribute" in str(info.value)


def test_safe_pages_and_allowed_iframes_pass(tmp_path, renderer):
    docs = tmp_path / "docs"
    body = "Watch:\n\n<iframe src=\"https://video.example/embed/1\" title=\"Setup video\"></iframe>\n"
    _, html, page = render_page(docs, renderer, "en/security/enable-2fa.md", body)
    config = SimpleNamespace(docs_dir=str(docs))
    with pytest.raises(PluginError):
        plugin().on_page_content(html, page=page, config=config, files=None)
    allowed = plugin(iframe_hosts=["video.example"])
    assert allowed.on_page_content(html, page=page, config=config, files=None) == html
    assert plugin(safety_on_build=False).on_page_content("<script></script>", page=page, config=config, files=None)
