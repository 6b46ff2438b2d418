"""Fails loudly when mkdocs-static-i18n changes what helpcenter.adapters.static_i18n relies on."""

import inspect
from importlib.metadata import version

from mkdocs_static_i18n import folder, reconfigure
from mkdocs_static_i18n.plugin import I18n


def test_pinned_version():
    assert version("mkdocs-static-i18n").startswith("1.3."), "re-check helpcenter/adapters/static_i18n.py"


def test_plugin_attributes_we_read():
    plugin = I18n()
    for name in ("current_language", "building", "extra_alternate", "i18n_files_per_language"):
        assert hasattr(plugin, name)
    for name in ("default_language", "build_languages", "all_languages"):
        assert isinstance(getattr(I18n, name), property)


def test_files_carry_their_locale():
    assert "file.locale = file_locale" in inspect.getsource(folder.create_i18n_file)


def test_warning_we_filter_still_exists():
    assert "compatible with theme.features = navigation.instant" in inspect.getsource(reconfigure)


def test_locale_sections_are_still_found_by_capitalized_title():
    # name_locale_sections() titles each locale folder's section the way this code looks for it.
    assert "current_language.capitalize()" in inspect.getsource(folder.reconfigure_navigation)


def _alternates(implementation, current):
    """Alternates chosen for every page of the `current` locale's build of a small four-locale site."""
    import types

    from mkdocs.structure.files import File

    config = types.SimpleNamespace(docs_dir="/docs", site_dir="/site", use_directory_urls=True)
    sources = ["index.md", "a.md", "b.md", "c.md", "zh/index.md", "zh/a.md", "ja/b.md", "ja/a.md", "fr/c.md"]
    plugin = types.SimpleNamespace(build_languages=["en", "zh", "ja", "fr"], default_language="en",
                                   all_languages=["en", "zh", "ja", "fr"],
                                   config=types.SimpleNamespace(fallback_to_default=True))
    chosen, candidates = {}, {}
    for src in sources:
        i18n_file = folder.create_i18n_file(File(src, "/docs", "/site", True), current, "en",
                                            plugin.all_languages, config)
        if i18n_file.locale == current or (i18n_file.locale == "en" and i18n_file.norm_src_uri not in chosen):
            if i18n_file.norm_src_uri in chosen:
                candidates.setdefault(i18n_file.norm_src_uri, []).append(chosen[i18n_file.norm_src_uri].file)
            chosen[i18n_file.norm_src_uri] = types.SimpleNamespace(i18n=i18n_file, file=File(src, "/docs", "/site", True))
        else:
            candidates.setdefault(i18n_file.norm_src_uri, []).append(File(src, "/docs", "/site", True))
    i18n_src_uris = {uri: entry.i18n for uri, entry in chosen.items()}
    implementation(plugin, i18n_src_uris, candidates, config, folder.create_i18n_file)
    return {uri: {lang: (f.src_uri, f.url, f.locale) for lang, f in sorted(file.alternates.items())}
            for uri, file in i18n_src_uris.items()}


def test_alternates_found_once_are_the_alternates_static_i18n_finds():
    from helpcenter.adapters.static_i18n import _reconfigure_files_alternates

    for current in ("en", "zh", "ja", "fr"):
        ours = _alternates(_reconfigure_files_alternates, current)
        assert ours == _alternates(I18n.reconfigure_files_alternates, current)
    assert ours["a.md"]["zh"] == ("zh/a.md", "zh/a/", "zh")
    assert ours["c.md"]["ja"] == ("c.md", "ja/c/", "en")  # no ja translation: the English page stands in


def _made(create, file, current, config):
    made = create(file, current, "en", ["en", "zh", "zh-TW", "ja"], config)
    assert made.alternates == {current: made} and type(made) is type(file)
    names = ("src_uri", "src_path", "src_dir", "dest_dir", "use_directory_urls", "dest_uri", "dest_path",
             "inclusion", "abs_src_path", "abs_dest_path", "url", "name", "locale", "locale_alternate_of",
             "localization", "norm_src_uri", "generated_by", "edit_uri")
    return {name: getattr(made, name) for name in names}


def test_files_made_with_strings_are_the_files_static_i18n_makes():
    import types

    from mkdocs.structure.files import File, InclusionLevel

    from helpcenter.adapters.static_i18n import ORIGINALS, create_i18n_file

    original = ORIGINALS.get("create_i18n_file", folder.create_i18n_file)
    assert original is not create_i18n_file
    sources = ["index.md", "README.md", "a.md", "security/2fa.md", "security/README.md", "zh/index.md",
               "zh/security/2fa.md", "zh-TW/a/b/c.md", "ja/README.md", "en/index.md", "en/x/y.md",
               "fr/unconfigured.md", "pt_BR/a.md", "assets/logo.png", "zh/assets/logo.png", "en/img.svg",
               "security/FOOREADME.md", "docs.md", "ja/sub/index.md"]
    compared = 0
    for directory_urls in (True, False):
        config = types.SimpleNamespace(docs_dir="/docs", site_dir="/site/out", use_directory_urls=directory_urls)
        for src in sources:
            for inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.NOT_IN_NAV):
                for current in ("en", "zh", "zh-TW", "ja", "ko"):
                    file = File(src, "/docs", "/site", directory_urls, inclusion=inclusion)
                    assert _made(create_i18n_file, file, current, config) == _made(original, file, current, config)
                    compared += 1
    assert compared == 2 * len(sources) * 2 * 5
    zh = create_i18n_file(File("zh/security/README.md", "/docs", "/site", True), "zh", "en", ["en", "zh"],
                          types.SimpleNamespace(docs_dir="/docs", site_dir="/s", use_directory_urls=True))
    assert (zh.dest_uri, zh.url, zh.norm_src_uri, zh.abs_dest_path) == (
        "zh/security/index.html", "zh/security/", "security/README.md", "/s/zh/security/index.html")
