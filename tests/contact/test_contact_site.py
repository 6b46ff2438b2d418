"""The built site: a contact page in every locale, "Still need help?" under articles, clear build errors."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs_build
from helpcenter.i18n.strings import strings_for
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
LANGUAGE_NAMES = {lang["locale"]: lang["name"] for lang in PROJECT.config["plugins"][
    next(i for i, e in enumerate(PROJECT.config["plugins"]) if isinstance(e, dict) and "i18n" in e)]["i18n"]["languages"]}


@pytest.fixture(scope="module")
def hc():
    return load_model(PROJECT)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def contact_data(page: str) -> dict:
    return json.loads(html.unescape(re.search(r"data-hc-contact='([^']*)'", page).group(1)))


def test_every_locale_has_a_translated_contact_page(built_site, hc):
    for locale in PROJECT.locales:
        strings = strings_for(locale)
        page = read(built_site, f"{hc.locale_prefix(locale)}contact")
        assert f"<h1>{strings['contact.title']}</h1>" in html.unescape(page), locale
        assert f"<title>{strings['contact.title']} - " in html.unescape(page), locale
        assert f'<html lang="{locale}"' in page or f"<html lang={locale}" in page, locale
        data = contact_data(page)
        assert data["locale"] == locale
        assert [a["url"] for a in data["articles"]] == [hc.url(a, locale) for a in hc.articles_for(locale)]
        # Without JavaScript: the form stays hidden and each channel is a plain link.
        assert re.search(r'<form class="hc-contact__form" data-hc-contact-form hidden', page)
        links = re.findall(r'data-hc-channel-link href="([^"]+)"', page)
        assert links[0] == f"https://www.quillfeather.example/support/chat?lang={locale}", locale
        assert len(links) == 4  # chat, ticket, email, community: official accounts are not a way to reach a person
        official = re.search(r'<p class="hc-official" data-hc-official="social">(.*?)</p>', page, re.S).group(1)
        assert 'href="https://www.quillfeather.example/verify"' in official
        assert strings["contact.kind.social.action"] in html.unescape(official)
        # The screen-reader line uses our own class (Material 9 defines no visually-hidden class).
        assert '<p class="hc-visually-hidden" role="status" data-hc-suggestions-status>' in page
        (stylesheet,) = (built_site / "assets/stylesheets").glob("contact.*.css")  # its content-hashed name
        assert ".hc-visually-hidden" in stylesheet.read_text(encoding="utf-8")
        button = re.search(r"data-hc-show-channels>(.*?)</button>", page, re.S).group(1)
        assert html.unescape(button) == strings["contact.show_options"], locale
        assert 'id="hc-page"' in page and 'data-kind="page"' in page


def test_the_contact_page_is_not_an_article(built_site):
    catalogue = json.loads((built_site / "articles.json").read_text(encoding="utf-8"))
    assert not any(entry["url"].endswith("contact/") and "support/" not in entry["url"] for entry in catalogue["articles"])


def test_still_need_help_under_every_article(built_site, hc):
    for locale in ("en", "zh", "fr"):
        for article in hc.articles_for(locale):
            page = read(built_site, hc.url(article, locale))
            foot = page[page.index('class="hc-contact-foot"'):]
            assert strings_for(locale)["contact.still_need_help"] in html.unescape(foot)
            urgent = article.category == "security" or article.priority == "urgent"
            assert ("data-hc-urgent" in foot) is urgent, (locale, article.path)
            assert ('data-hc-channel="community"' in foot) is (article.category in ("getting-started", "trading", "derivatives"))
            assert f'contact/#article={article.id}"' in foot  # "describe your problem first", with the article
            assert 'data-hc-channel="social"' not in foot


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)))


def test_the_foot_names_what_links_carry_in_words_never_codes(built_site, hc):
    for locale in PROJECT.locales:
        strings = strings_for(locale)
        article = hc.article(5001, locale)
        page = read(built_site, hc.url(article, locale))
        foot = page[page.index('class="hc-contact-foot"'):page.index("</section>", page.rindex("hc-channels__sends"))]
        text = visible_text(foot)
        for code in ("5001", "Topic code", "Article number", strings["contact.field.category"],
                     strings["contact.field.article_id"]):
            assert code not in text, (locale, code)
        assert not re.search(rf">\s*(security|{re.escape(locale)})\s*<", foot), locale  # bare codes as values
        details = re.search(r'<details class="hc-channels__sends">(.*?)</details>', foot, re.S).group(1)
        chat = " ".join(visible_text(re.search(r'data-hc-sends="chat">(.*?)</div>', details, re.S).group(1)).split())
        expected = [strings["contact.sent.language"].format(value=LANGUAGE_NAMES[locale]),
                    strings["contact.sent.topic"].format(value=hc.category("security", locale).title),
                    strings["contact.sent.this_article"]]
        assert chat == " ".join(f"{strings['contact.kind.chat.name']} {' '.join(expected)}".split()), locale
        if locale in ("zh", "zh-TW", "ja"):
            assert ":" not in " ".join(visible_text(details).split()).replace("https:", ""), locale


def test_tickets_and_email_never_claim_opening_hours(built_site, hc):
    for locale in PROJECT.locales:
        strings = strings_for(locale)
        page = read(built_site, hc.url(hc.article(5001, locale), locale))
        for channel in ("ticket", "email"):
            line = visible_text(re.search(rf'data-hc-channel="{channel}">(.*?)</a>', page, re.S).group(1))
            assert strings["contact.hours.always"] not in line, (locale, channel)
            assert strings[f"contact.kind.{channel}.action"] in line, (locale, channel)


def test_the_freeze_step_comes_before_the_channels(built_site, hc):
    page = read(built_site, hc.url(hc.article(5002, "zh"), "zh"))
    foot = page[page.index('class="hc-contact-foot"'):]
    assert foot.index("https://www.quillfeather.example/freeze") < foot.index("data-hc-channel=")


def test_a_bad_channel_stops_the_build_with_the_line_and_the_fix(tmp_path):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("          kind: ticket\n", "          kind: tickets\n", 1), encoding="utf-8")
    line = next(n for n, l in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "kind: tickets" in l)
    result = mkdocs_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"mkdocs.yml:{line}: field 'helpcenter-contact.channels[1].kind': 'tickets' is not a channel kind" in output
    assert "Fix: use one of: chat, ticket, email" in output


def test_a_contact_page_read_as_an_article_is_explained(tmp_path):
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('other_pages: ["team/*", "contact.md"]', 'other_pages: ["team/*"]'), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "the contact page 'contact.md' would be read as an article" in output
    assert "add 'contact.md' to helpcenter-articles other_pages" in output
