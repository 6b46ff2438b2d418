"""No English interface strings on the pages of the other locales (Material's and ours), and no ASCII colon glued
to Chinese or Japanese text: the checker on planted pages, then on every page of the built site."""

from __future__ import annotations

from collections import defaultdict

from helpcenter.i18n.strings import all_strings
from helpcenter.i18n.ui_language import english_ui_strings, known_english, site_english_ui_strings
from helpcenter.project import load_model, load_project

from conftest import ROOT


def test_the_checker_finds_english_in_text_and_attributes_but_not_in_english_parts():
    known = known_english(all_strings(), "zh")
    html = ('<html lang="zh"><body><label title="Switch to dark mode"></label>'
            '<input aria-label="搜索" placeholder="Search"><a class="headerlink" title="Permanent link">¶</a>'
            '<nav aria-label="Site links"></nav><p>Back to top</p><p>Back to top of the page</p>'
            '<article lang="en"><p class="admonition-title">Warning</p><a title="Permanent link">¶</a></article>'
            '<p>详细步骤: 冻结账户</p><p>时间 08:00</p><a href="https://x">网址 https://x</a>'
            '<script>var s = "Search";</script>'
            '<script id="__config" type="application/json">{"translations": {"clipboard.copy": "Copy to clipboard"}}'
            '</script></body></html>')
    found = {(f.string, f.where) for f in english_ui_strings(html, "zh/x.html", "zh", known)}
    assert found == {("Switch to dark mode", "title"), ("Search", "placeholder"), ("Permanent link", "title"),
                     ("Site links", "aria-label"), ("Back to top", "text"),
                     ("Copy to clipboard", "script translations"),
                     ("详细步骤: 冻结账户", "ASCII colon after CJK text; write '：'")}


def test_words_a_locale_shares_with_english_are_not_reported():
    known = known_english(all_strings(), "fr")
    assert "Navigation" not in known and "Danger" not in known and "Switch to dark mode" in known
    assert "Contact us" in known and "1 article" not in known  # French writes "1 article" too


def test_no_english_interface_strings_on_the_other_locales_pages(built_site):
    hc = load_model(load_project(ROOT / "mkdocs.yml"))
    locales = {locale: hc.locale_prefix(locale) for locale in hc.locales}
    assert len(locales) == 11
    found = site_english_ui_strings(built_site, locales, all_strings(), hc.default_locale)
    pages = defaultdict(set)
    for item in found:
        pages[(item.string, item.where)].add(item.page)
    report = [f"'{string}' ({where}) on {len(shown)} pages, e.g. {', '.join(sorted(shown)[:3])}"
              for (string, where), shown in sorted(pages.items(), key=lambda kv: -len(kv[1]))]
    assert not report, "English interface strings on other locales' pages:\n" + "\n".join(report)
