"""Fails loudly when MkDocs or static-i18n change what helpcenter.adapters.mkdocs_build relies on."""

import inspect
from importlib.metadata import version

from mkdocs.commands import build as mkdocs_build_module
from mkdocs.structure.pages import Page
import mkdocs_static_i18n.plugin as i18n_plugin_module

from helpcenter.adapters import mkdocs_build


def test_pinned_versions():
    assert version("mkdocs") == "1.6.1", "re-check helpcenter/adapters/mkdocs_build.py"
    assert version("mkdocs-static-i18n").startswith("1.3."), "re-check helpcenter/adapters/mkdocs_build.py"


def test_static_i18n_builds_each_locale_through_its_module_name_build():
    assert i18n_plugin_module.build is mkdocs_build_module.build or i18n_plugin_module.build.__module__.startswith(
        "helpcenter.")
    assert mkdocs_build.static_i18n_builds_locales_in_a_loop()
    assert hasattr(i18n_plugin_module.I18n(), "search_entries")


def test_replacing_and_restoring_the_locale_build():
    def ours(config, dirty=False):
        pass

    mkdocs_build.replace_locale_build(ours)
    try:
        assert mkdocs_build.static_i18n_locale_build() is ours
    finally:
        mkdocs_build.restore_locale_build()
    assert mkdocs_build.static_i18n_locale_build() is mkdocs_build_module.build


def test_page_render_sets_the_attributes_we_copy():
    source = inspect.getsource(Page.render)
    for name in mkdocs_build.RENDER_RESULTS:
        assert f"self.{name} =" in source, f"Page.render no longer sets {name}"
    assert list(inspect.signature(Page.render).parameters) == ["self", "config", "files"]


def test_wrapping_page_render():
    calls = []
    mkdocs_build.wrap_page_render(lambda render, page, config, files: calls.append(render))
    try:
        Page.render("page", "config", "files")
    finally:
        mkdocs_build.unwrap_page_render()
    assert calls and calls[0].__qualname__ == "Page.render"
    assert Page.render.__qualname__ == "Page.render"


def test_static_i18n_files_carry_norm_src_uri():
    from mkdocs_static_i18n import folder
    assert "file.norm_src_uri =" in inspect.getsource(folder.create_i18n_file)


def test_build_only_some_locales(tmp_path):
    from mkdocs.config import load_config

    from conftest import ROOT
    from helpcenter.adapters import static_i18n

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    try:
        assert mkdocs_build.build_only_locales(config, {"zh", "ja"}) == ["en", "zh", "ja"]
        assert static_i18n.locales(config) == ["en", "zh", "ja"]
    finally:
        config.plugins.on_shutdown()


def test_theme_files_listed_once_are_the_ones_mkdocs_adds():
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    from conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    env = config.theme.get_env()
    docs_file = File("assets/stylesheets/helpcenter.css", str(ROOT / "docs"), config.site_dir, True)

    def added(files):
        return [(f.src_uri, f.abs_src_path, f.dest_uri) for f in files]

    expected = Files([docs_file])
    mkdocs_build._original_add_files_from_theme(expected, env, config)
    mkdocs_build.list_theme_files_once()
    try:
        first, second = Files([docs_file]), Files([docs_file])
        Files.add_files_from_theme(first, env, config)
        Files.add_files_from_theme(second, env, config)  # from the list
    finally:
        mkdocs_build.restore_theme_files()
    assert Files.add_files_from_theme is mkdocs_build._original_add_files_from_theme
    assert len(added(expected)) > 20
    assert added(first) == added(expected) == added(second)


def _render_both(file, config, files, converter):
    """The page rendered with one converter (ours) and by MkDocs' Page.render (theirs)."""
    ours, theirs = Page(None, file, config), Page(None, file, config)
    for page in (ours, theirs):
        page.read_source(config)
    mkdocs_build.render_page(ours, config, files, converter)
    mkdocs_build._original_render(theirs, config, files)
    return ours, theirs


def _toc(items):
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def test_one_converter_renders_every_shipped_page_as_mkdocs_does():
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from conftest import ROOT

    config = load_config(str(ROOT / "mkdocs.yml"))
    files = get_files(config)
    converter = mkdocs_build.markdown_converter(config)
    documents = files.documentation_pages()
    assert len(documents) > 100
    for file in documents:
        ours, theirs = _render_both(file, config, files, converter)
        for name in ("content", "_title_from_render", "present_anchor_ids", "links_to_anchors"):
            assert getattr(ours, name) == getattr(theirs, name), (file.src_uri, name)
        assert _toc(ours.toc) == _toc(theirs.toc), file.src_uri


def test_one_converter_keeps_no_state_from_page_to_page(tmp_path):
    """Tabs, details, fences, HTML blocks and heading ids as a new converter per page makes them."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from conftest import ROOT

    docs = tmp_path / "docs"
    docs.mkdir()
    page = """# Withdraw

## Steps

=== "App"

    Open **Assets**.

=== "Web"

    Open *Wallet*.

??? note "Fees"
    A fee applies.

```python
print("x")
```

<div markdown>
Inside **HTML**.
</div>

Term
:   Definition {: .hc-term }

| a | b |
|---|---|
| 1 | 2 |

## Steps
"""
    for name in ("a", "b", "c"):
        (docs / f"{name}.md").write_text(page, encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), plugins=[])
    files = get_files(config)
    converter = mkdocs_build.markdown_converter(config)
    for file in files.documentation_pages():
        ours, theirs = _render_both(file, config, files, converter)
        assert ours.content == theirs.content and 'id="steps_1"' in ours.content
        assert "tabbed-set" in ours.content and "<details" in ours.content
        assert _toc(ours.toc) == _toc(theirs.toc)


def test_theme_files_are_listed_once_although_static_i18n_repeats_its_folder(monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from conftest import ROOT

    import jinja2

    config = load_config(str(ROOT / "mkdocs.yml"))
    listings = []
    original = jinja2.Environment.list_templates
    monkeypatch.setattr(jinja2.Environment, "list_templates",
                        lambda env, *args, **kwargs: (listings.append(1), original(env, *args, **kwargs))[1])
    mkdocs_build.list_theme_files_once()
    try:
        first = Files([])
        Files.add_files_from_theme(first, config.theme.get_env(), config)
        config.theme.dirs.insert(0, config.theme.dirs[0])  # as static-i18n does in each locale's build
        second = Files([])
        Files.add_files_from_theme(second, config.theme.get_env(), config)
    finally:
        mkdocs_build.restore_theme_files()
    assert len(listings) == 1
    assert [f.abs_src_path for f in first] == [f.abs_src_path for f in second]


def test_the_converters_inline_patterns_by_position_follow_registrations():
    import types

    from helpcenter.adapters import mkdocs_build

    converter = mkdocs_build.markdown_converter({"markdown_extensions": ["toc"], "mdx_configs": {}})
    patterns = converter.inlinePatterns
    names = [type(patterns[i]).__name__ for i in range(len(patterns))]
    assert names == [type(p).__name__ for p in patterns] and len(names) > 10
    extra = types.SimpleNamespace()
    patterns.register(extra, "first", 1000)
    assert patterns[0] is extra and patterns[-1] is list(patterns)[-1]
    patterns.deregister("first")
    assert patterns[0] is not extra and [type(patterns[i]).__name__ for i in range(len(patterns))] == names
    assert patterns["backtick"] is patterns[0]


def test_text_without_pattern_characters_skips_the_inline_patterns_with_the_same_html():
    import markdown
    from markdown.inlinepatterns import InlineProcessor

    from helpcenter.adapters.markdown_inline import QuickInlineProcessor, needed_text

    settings = {"markdown_extensions": ["toc", "attr_list", "tables", "def_list", "admonition"], "mdx_configs": {}}
    converter = mkdocs_build.markdown_converter(settings)
    assert type(converter.treeprocessors["inline"]) is QuickInlineProcessor
    assert needed_text(converter.inlinePatterns) is not None
    pieces = ["Plain words only.", "A `code` span.", "An escaped \\# sign.", "[A link](x.md).", "![An image](i.png).",
              "<https://example.com>", "<help@example.com>", "Fish &amp; chips.", "<b>Bold</b>.", "A break  \nhere.",
              "*Em*.", "__Strong__.", "A snake_case_name.", "Term\n:   Definition with `code`",
              "| a | b |\n|---|---|\n| plain | *x* |", "!!! note \"Title\"\n    Inside plain text.",
              "# Heading *em* {: #h }"]
    text = "\n\n".join(pieces) + "\n"
    expected = markdown.Markdown(extensions=settings["markdown_extensions"]).convert(text)
    assert converter.reset().convert(text) == expected

    class Plus(InlineProcessor):  # an extension's own pattern: every piece of text goes through the patterns
        def handleMatch(self, m, data):
            return "PLUS", m.start(0), m.end(0)

    converter.inlinePatterns.register(Plus(r"\+\+"), "plus", 1)
    assert needed_text(converter.inlinePatterns) is None
    assert "PLUS" in converter.reset().convert("Plain ++ text")
