"""Fails loudly when mkdocs-static-i18n changes what helpcenter.adapters.static_i18n relies on."""

import inspect
from importlib.metadata import version

from mkdocs_static_i18n import folder, reconfigure
from mkdocs_static_i18n.plugin import I18n


def test_pinned_version():
    assert version("mkdocs-static-i18n").startswith("1.3."), "re-check helpcenter/adapters/static_i18n.py"


def test_plugin_attributes_we_read():
    plugin = I18n()
    for name in ("current_language", "building"):
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
