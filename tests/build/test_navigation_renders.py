"""Navigation items kept from one page to the next give every page the HTML Material would draw for it:
on a site whose pages sit in each other's folders (foo.md and foo/bar.md), in several depths, with an
external link, under the navigation features that draw sections differently, with and without directory URLs."""

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from helpcenter.build.templates import LANGUAGE_TEMPLATE, NAV_ITEM_MACRO, NAV_ITEM_TEMPLATE, TRANSLATE_MACRO

PAGES = ["index.md", "foo.md", "foo/bar.md", "foo/baz.md", "sec/index.md", "sec/a.md", "sec/b.md", "sec/c.md",
         "deep/a/b/c.md", "deep/a/d.md", "deep/e.md", "other/x.md", "other/y.md"]
NAV = [{"Home": "index.md"}, {"Foo": "foo.md"},
       {"Foo pages": ["foo/bar.md", "foo/baz.md", {"Elsewhere": "https://example.com/help/"}]},
       {"Section": ["sec/index.md", "sec/a.md", "sec/b.md", "sec/c.md"]},
       {"Deep": ["deep/e.md", {"A": ["deep/a/d.md", "deep/a/b/c.md"]}]},
       {"Other": ["other/x.md", "other/y.md"]}]

HOOK = '''
import json, os
from helpcenter.build.templates import keep_macro_results
environments = []

def on_env(env, config, files):
    keep_macro_results(env)
    environments.append(env)
    return env

def on_post_build(config):
    with open(os.environ["KEPT_RENDERS_FILE"], "w") as out:
        json.dump(sum(len(env.kept_navigation) for env in environments), out)
'''


def _site(tmp_path, name, features, directory_urls, keep):
    docs = tmp_path / "docs"
    for page in PAGES:
        path = docs / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {page}\n\nText of {page}.\n\n## First part\n\nMore.\n\n## Second part\n\nEnd.\n")
    config = {"site_name": "Navigation", "docs_dir": str(docs), "site_dir": str(tmp_path / name),
              "use_directory_urls": directory_urls, "nav": NAV,
              "theme": {"name": "material", "features": features}}
    if keep:
        (tmp_path / "hook.py").write_text(HOOK)
        config["hooks"] = [str(tmp_path / "hook.py")]
    path = tmp_path / f"{name}.yml"
    path.write_text(yaml.safe_dump(config))
    build(load_config(str(path)))
    return {p.relative_to(tmp_path / name).as_posix(): p.read_text(encoding="utf-8")
            for p in (tmp_path / name).rglob("*.html")}


@pytest.mark.parametrize("features", [["navigation.prune", "navigation.indexes"],
                                      ["navigation.sections", "navigation.expand"],
                                      ["navigation.tabs", "navigation.sections", "navigation.indexes"]])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_kept_navigation_items_give_the_html_material_draws(tmp_path, monkeypatch, features, directory_urls):
    monkeypatch.setenv("KEPT_RENDERS_FILE", str(tmp_path / "kept.json"))
    drawn = _site(tmp_path, "drawn", features, directory_urls, keep=False)
    kept = _site(tmp_path, "kept", features, directory_urls, keep=True)
    assert sorted(kept) == sorted(drawn) and len(drawn) >= len(PAGES)
    assert [name for name in drawn if kept[name] != drawn[name]] == []
    assert int((tmp_path / "kept.json").read_text()) > 0, "no navigation item was kept"


def test_the_kept_macro_is_materials():
    import jinja2

    source = open(NAV_ITEM_TEMPLATE, encoding="utf-8").read()
    assert "{% macro " + NAV_ITEM_MACRO[0] + "(" + ", ".join(NAV_ITEM_MACRO[1]) + ") %}" in source
    # What an inactive item's HTML may depend on: these names only (features and config hold for a build).
    module = jinja2.Environment().parse(source)
    names = {node.name for node in module.find_all(jinja2.nodes.Name) if node.ctx == "load"}
    assert names - set(NAV_ITEM_MACRO[1]) - {"render", "render_content", "render_title", "render_status",
                                              "render_pruned", "namespace", "item", "loop", "_", "index",
                                              "class", "is_section", "is_pruned", "checked", "indeterminate",
                                              "tabindex", "toc", "first", "ref", "type"} \
        == {"page", "features", "config"}


def test_the_kept_translation_depends_on_the_key_and_the_language_only():
    source = open(LANGUAGE_TEMPLATE, encoding="utf-8").read()
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith(("{#", "  This", "-#}"))]
    assert lines == ['{% import "partials/languages/" ~ config.theme.language ~ ".html" as lang %}',
                     '{% import "partials/languages/en.html" as fallback %}',
                     "{% macro " + TRANSLATE_MACRO[0] + "(" + ", ".join(TRANSLATE_MACRO[1]) + ") %}"
                     "{{ lang.t(key) or fallback.t(key) or key }}{% endmacro %}"]
