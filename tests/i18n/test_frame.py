"""The page frame in the page's language: palette toggles, permalinks, header and footer links."""

from __future__ import annotations

import pytest

from helpcenter.i18n.frame import (FrameConfigError, footer_links, header_contact,
                                   localize_permalinks, localized_palette,
                                   permalink_title)
from helpcenter.i18n.strings import strings_for

PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default",
     "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
     "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"}},
]


def test_each_toggle_is_named_after_the_palette_it_switches_to():
    named = localized_palette(PALETTE, strings_for("ja"))
    assert [p["toggle"]["name"] for p in named] == ["ダークモードに切り替え", "ライトモードに切り替え"]
    assert PALETTE[0]["toggle"]["name"] == "Switch to dark mode"  # mkdocs.yml's value is left for the next locale
    system = [{"media": "(prefers-color-scheme)", "toggle": {"icon": "x", "name": "Auto"}}] + PALETTE
    assert localized_palette(system, strings_for("fr"))[2]["toggle"]["name"] == "Suivre le réglage du système"


def test_a_single_palette_or_a_custom_scheme_is_left_alone():
    assert localized_palette({"scheme": "slate"}, strings_for("zh")) == {"scheme": "slate"}
    custom = [dict(PALETTE[0]), {"scheme": "brand", "toggle": {"icon": "x", "name": "Brand"}}]
    assert localized_palette(custom, strings_for("zh"))[0]["toggle"]["name"] == "Switch to dark mode"


def test_permalinks_get_the_locale_title_and_nothing_else_changes():
    html = ('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>'
            '<a href="#b" title="Permanent link">b</a>')
    assert permalink_title({"toc": {"permalink": True}}) == "Permanent link"
    assert permalink_title({"toc": {"permalink": True, "permalink_title": "Link"}}) == "Link"
    assert permalink_title({"toc": {}}) is None
    out = localize_permalinks(html, "Permanent link", "本节链接")
    assert out.count('title="本节链接"') == 1 and 'href="#b" title="Permanent link"' in out


def _pages(path):
    return {"contact.md": "zh/contact/", "security/official-channels.md": "zh/security/official-channels/"}.get(path)


def test_footer_links_from_strings_keys_words_per_locale_pages_and_addresses():
    entries = [{"label": "frame.footer.contact", "url": "contact.md"},
               {"label": {"en": "Blog", "zh": "博客"}, "url": "https://www.example.com/{locale}/blog"},
               {"label": {"en": "Status"}, "url": {"en": "https://status.example.com/", "zh": "https://status.example.cn/"}},
               {"label": "frame.footer.official_channels", "url": "security/official-channels.md#verify"}]
    links = footer_links(entries, "zh", "en", strings_for("zh"), _pages)
    assert [(link.label, link.url, link.external) for link in links] == [
        ("联系客服", "zh/contact/", False), ("博客", "https://www.example.com/zh/blog", True),
        ("Status", "https://status.example.cn/", True), ("官方渠道", "zh/security/official-channels/#verify", False)]


@pytest.mark.parametrize("entries,message", [
    ([{"label": "frame.footer.nope", "url": "contact.md"}], "extra.footer[0].label: 'frame.footer.nope' is not a key"),
    ([{"label": {"zh": "博客"}, "url": "contact.md"}], "extra.footer[0].label: the words per locale have none for the default locale 'en'"),
    ([{"label": "frame.footer.contact", "url": "missing.md"}], "extra.footer[0].url: no page 'missing.md' in the docs"),
    ([{"label": "frame.footer.contact"}], "extra.footer[0]: expected {label: …, url: …}"),
    ({"label": "x"}, "extra.footer: expected a list"),
    ([{"label": "frame.footer.contact", "url": "javascript:alert(1)"}], "extra.footer[0].url: 'javascript:alert(1)' is not"),
])
def test_footer_mistakes_name_the_entry(entries, message):
    with pytest.raises(FrameConfigError) as error:
        footer_links(entries, "zh", "en", strings_for("zh"), _pages)
    assert str(error.value).startswith("mkdocs.yml: " + message)
    if "expected" not in message:
        assert "Fix: " in str(error.value)


def test_header_contact_defaults_to_the_contact_plugins_page_and_can_be_turned_off():
    link = header_contact(None, "contact.md", "zh", "en", strings_for("zh"), _pages)
    assert (link.label, link.url, link.external) == ("联系我们", "zh/contact/", False)
    assert header_contact({"contact": ""}, "contact.md", "zh", "en", strings_for("zh"), _pages) is None
    assert header_contact(None, None, "zh", "en", strings_for("zh"), _pages) is None
    assert header_contact({"contact": "https://x.example/{locale}"}, None, "zh", "en", strings_for("zh"), _pages).url \
        == "https://x.example/zh"
    with pytest.raises(FrameConfigError, match="extra.header: expected"):
        header_contact({"phone": "1"}, None, "zh", "en", strings_for("zh"), _pages)


def test_every_page_of_every_locale_has_the_contact_entry_the_footer_and_localized_toggles(built_site):
    import posixpath
    import re

    from helpcenter.project import load_model, load_project

    from conftest import ROOT

    hc = load_model(load_project(ROOT / "mkdocs.yml"))
    checked = 0
    for locale in hc.locales:
        strings = strings_for(locale)
        prefix = hc.locale_prefix(locale)
        folder = built_site / prefix
        others = [built_site / hc.locale_prefix(o) for o in hc.locales if o != locale and hc.locale_prefix(o)]
        for path in folder.rglob("*.html"):
            if any(other != folder and path.is_relative_to(other) for other in others):
                continue  # the default locale's folder holds the others
            html = path.read_text(encoding="utf-8")
            if 'http-equiv="refresh"' in html:
                continue  # a short link's redirect
            page = path.relative_to(built_site).as_posix()
            where = posixpath.dirname(page)
            contact = re.search(r'class="md-header__button hc-header-contact__link" href="([^"]*)"', html)
            assert contact, f"{page}: no header contact entry"
            if not contact.group(1).startswith("/"):  # the 404 pages link from the site root
                assert posixpath.normpath(posixpath.join(where, contact.group(1))) == prefix + "contact", page
            assert f'<span class="hc-header-contact__label">{strings["frame.header.contact"]}</span>' in html, page
            footer = html[html.index('<footer class="md-footer hc-footer">'):]
            labels = re.findall(r'class="hc-footer__link"[^>]*>([^<]*)</a>', footer)
            assert labels == [strings[f"frame.footer.{k}"].replace("'", "&#39;") for k in
                              ("contact", "status", "official_channels", "terms", "privacy", "main_site")], page
            assert f'title="{strings["frame.palette.to_dark"]}"' in html, page
            checked += 1
    assert checked > 11 * 40


def test_permalinks_admonitions_and_materials_missing_translations_in_the_built_pages(built_site):
    translated = (built_site / "zh" / "security" / "enable-2fa" / "index.html").read_text(encoding="utf-8")
    assert 'title="本节链接"' in translated and "Permanent link" not in translated
    assert '<p class="admonition-title">警告</p>' in translated
    english = (built_site / "security" / "enable-2fa" / "index.html").read_text(encoding="utf-8")
    assert 'title="Link to this section"' in english and '<p class="admonition-title">Warning</p>' in english
    # Material's Vietnamese has "Initializing search" in English; frame.yml's material.* comes first.
    vietnamese = (built_site / "vi" / "index.html").read_text(encoding="utf-8")
    assert "Đang khởi tạo tìm kiếm" in vietnamese and "Initializing search" not in vietnamese


def test_a_fallback_pages_english_body_keeps_the_english_permalinks_and_admonition_titles(fallback_site):
    # Its lang="en" part is English throughout (fr has no translation of this article in the fallback project).
    assert fallback_site.hc.state(fallback_site.hc.by_path("security/enable-2fa.md").id, "fr") == "fallback"
    fallback = (fallback_site.site / "fr" / "security" / "enable-2fa" / "index.html").read_text(encoding="utf-8")
    assert 'title="Link to this section"' in fallback and '<p class="admonition-title">Warning</p>' in fallback


def test_a_footer_mistake_stops_the_build_naming_the_entry(tmp_path):
    from conftest import copy_project, mkdocs_build

    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    assert "{label: frame.footer.status," in text
    config.write_text(text.replace("{label: frame.footer.status,", "{label: frame.footer.weather,"), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "mkdocs.yml: extra.footer[1].label: 'frame.footer.weather' is not a key of the strings files" in result.stderr
