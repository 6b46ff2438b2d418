"""Fails loudly when a new Material or static-i18n version changes what search relies on."""

import json
import types
from pathlib import Path

from mkdocs.plugins import PluginCollection

from helpcenter.adapters import material_search, static_i18n

ROOT = Path(__file__).resolve().parents[2]


def _worker_sources():
    data = json.loads(material_search.worker_source_map().read_text(encoding="utf-8"))
    return dict(zip(data["sources"], data["sourcesContent"]))


def _bundle_source(suffix):
    path = next((material_search.material_templates() / "assets/javascripts").glob("bundle.*.min.js.map"))
    data = json.loads(path.read_text(encoding="utf-8"))
    return next(c for s, c in zip(data["sources"], data["sourcesContent"]) if s.endswith(suffix))


def test_materials_header_shows_search_only_for_a_plugin_named_material_search():
    header = (material_search.material_templates() / "partials/header.html").read_text(encoding="utf-8")
    assert f'"{material_search.MATERIAL_SEARCH}" in config.plugins' in header
    assert "search.enabled" in header


def test_show_search_box_lists_the_plugin_without_registering_its_events_twice():
    plugins = PluginCollection()
    plugin = types.SimpleNamespace(config=types.SimpleNamespace(enabled=True), on_post_build=lambda **kw: None)
    config = types.SimpleNamespace(plugins=plugins)
    material_search.show_search_box(config, plugin)
    assert plugins[material_search.MATERIAL_SEARCH] is plugin
    assert plugins.events["post_build"] == []


def test_materials_parser_splits_pages_into_sections():
    html = '<p>Intro <code>x</code></p><h2 id="set-up">Set up <a class="headerlink" href="#set-up">¶</a></h2><p>Scan</p>'
    sections = material_search.html_sections(html)
    assert sections[0][0] is None and "Intro" in sections[0][2]
    assert sections[1][0] == "set-up" and sections[1][1].strip() == "Set up" and "Scan" in sections[1][2]


def test_one_pass_gives_the_gate_and_search_what_their_own_passes_give(built_site):
    from helpcenter import pagehtml
    from helpcenter.checks.htmlparse import parse_html

    pages = sorted(built_site.glob("*/*/index.html")) + sorted(built_site.glob("zh/*/*/index.html"))
    pages += [built_site / "404.html", built_site / "index.html"]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert pagehtml.parse_for_gate(html) == parse_html(html), path
        assert pagehtml.search_sections(html) == material_search.html_sections(html), path
        assert pagehtml.search_sections(html) is pagehtml.search_sections(html)  # the gate's, not read again
    assert len(pages) > 60
    assert "a" in [anchor for anchor, _, _ in pagehtml.search_sections("<h2 id=a>Other</h2><p>page</p>")]


def test_materials_bundle_loads_the_index_and_worker_as_search_js_expects():
    bundle = _bundle_source("src/templates/assets/javascripts/bundle.ts")
    assert 'document.forms.namedItem("search")' in bundle  # search.js removes that name
    assert 'new URL("search/search_index.json", config.base)' in bundle
    worker = _bundle_source("integrations/search/worker/_/index.ts")
    assert "watchWorker<SearchMessage>(url)" in worker
    messages = _bundle_source("integrations/search/worker/message/index.ts")
    assert "SETUP," in messages and "READY," in messages and "QUERY," in messages and "RESULT" in messages
    base = (material_search.material_templates() / "base.html").read_text(encoding="utf-8")
    assert '"search": "assets/javascripts/workers/search.' in base and 'id="__config"' in base


def test_vendored_lunr_is_the_lunr_material_bundles():
    bundled = next(c for s, c in _worker_sources().items() if s.endswith("node_modules/lunr/lunr.js"))
    vendored = (ROOT / "plugins/helpcenter/theme/assets/javascripts/vendor/lunr.js").read_text(encoding="utf-8")
    assert vendored == bundled and "2.3.9" in vendored.splitlines()[1]
    import lunr
    assert lunr.__TARGET_JS_VERSION__ == "2.3.9"


def test_static_i18n_search_merging_can_be_switched_off():
    from mkdocs_static_i18n.plugin import I18n

    search = types.SimpleNamespace(search_index=types.SimpleNamespace(entries=[{"location": "zh/a/"}]))
    merging, ours = I18n(), I18n()
    for plugin in (merging, ours):
        plugin.search_entries = []
    static_i18n.stop_search_index_merging(types.SimpleNamespace(plugins={"i18n": ours}))
    config = types.SimpleNamespace(plugins={"material/search": search})
    merging.extend_search_entries(config)
    ours.extend_search_entries(config)
    assert merging.search_entries == [{"location": "zh/a/"}]  # what this version does by itself
    assert ours.search_entries == []
    assert ours.reconfigure_search_plugin(config, "material/search", search) is config
