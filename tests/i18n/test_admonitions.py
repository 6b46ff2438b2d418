"""Untitled admonitions get their title in the page's language, from the UI strings."""

from pathlib import Path

import pytest

from helpcenter.i18n.admonitions import TYPES, admonition_titles, with_default_titles
from helpcenter.i18n.strings import all_strings, strings_for
from helpcenter.project import load_project

LOCALES = load_project(Path(__file__).resolve().parents[2] / "mkdocs.yml").locales
ZH = admonition_titles(strings_for("zh"))


def test_every_locale_titles_every_type_and_translates_it():
    table = all_strings()
    for locale in LOCALES:
        titles = admonition_titles(strings_for(locale))
        assert set(TYPES) <= set(titles), locale
        if locale != "en":
            english = admonition_titles(strings_for("en"))
            assert titles["note"] != english["note"], locale
            assert titles["warning"] != english["warning"], locale
        assert all(f"admonition.{kind}" in table[locale] for kind in TYPES), locale


def test_untitled_admonitions_and_details_get_the_locale_title():
    source = "Intro\n\n!!! note\n    Text.\n\n??? tip\n    More.\n\n???+ warning inline end\n    Open.\n"
    result = with_default_titles(source, ZH)
    assert '!!! note "注意"' in result
    assert '??? tip "提示"' in result
    assert '???+ warning inline end "警告"' in result
    assert result.count("\n") == source.count("\n")  # line numbers stay where the writer put them


def test_nested_and_alias_types():
    result = with_default_titles("!!! danger\n    !!! caution\n        Careful.\n", ZH)
    assert result.splitlines()[:2] == ['!!! danger "危险"', '    !!! caution "警告"']


@pytest.mark.parametrize("line", ['!!! note "自定义标题"', '!!! note ""', '!!! note "Say \\"hi\\""'])
def test_written_titles_are_kept(line):
    assert with_default_titles(line + "\n    Body.\n", ZH).splitlines()[0] == line


def test_fenced_code_is_left_as_written():
    source = "```markdown\n!!! note\n    Example.\n```\n\n~~~~\n!!! tip\n~~~~\n\n!!! tip\n    Real.\n"
    lines = with_default_titles(source, ZH).splitlines()
    assert lines[1] == "!!! note" and lines[6] == "!!! tip"
    assert lines[9] == '!!! tip "提示"'


def test_unknown_types_keep_the_default_title():
    assert with_default_titles("!!! custom-box\n    Body.\n", ZH).startswith("!!! custom-box\n")


def test_built_pages_show_titles_in_their_language(built_site):
    zh = (built_site / "zh/security/enable-2fa/index.html").read_text(encoding="utf-8")
    en = (built_site / "security/enable-2fa/index.html").read_text(encoding="utf-8")
    english_titles = {t for t in admonition_titles(strings_for("en")).values()}
    zh_titles = [t for t in _titles(zh)]
    assert zh_titles and not set(zh_titles) & english_titles, zh_titles
    assert set(_titles(en)) & english_titles


def test_a_fallback_page_keeps_the_default_languages_titles(fallback_site):
    """A page shown in the default language where a locale has no translation keeps the default's titles."""
    assert "hc-fallback-content" in (fallback_site.site / "fr/security/enable-2fa/index.html").read_text(encoding="utf-8")
    fallback = (fallback_site.site / "fr/security/enable-2fa/index.html").read_text(encoding="utf-8")
    english_titles = {t for t in admonition_titles(strings_for("en")).values()}
    assert set(_titles(fallback)) & english_titles


def _titles(html: str) -> list[str]:
    import re
    return re.findall(r'<p class="admonition-title">([^<]*)</p>', html)
