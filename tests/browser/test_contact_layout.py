"""How "Still need help?" and the contact page look: one phone screen, lines that do not touch, words instead of
codes, the channels brought into view, and no screen-reader text on screen."""

import re
from pathlib import Path

import pytest

from helpcenter.i18n.strings import strings_for
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
HC = load_model(PROJECT)
LANGUAGE_NAMES = {"en": "English", "zh": "简体中文", "ja": "日本語"}

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def open_page(browser, viewport, url, at=None):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    if at:
        page.clock.set_fixed_time(at)
    # Nothing outside the help center is needed to lay out these pages.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url.split("/", 3)[0] + "//127.0.0.1")
               else route.abort())
    page.goto(url)
    return context, page


def boxes(locator):
    return [locator.nth(i).bounding_box() for i in range(locator.count())]


@pytest.mark.parametrize("locale", PROJECT.locales)
def test_still_need_help_fits_one_phone_screen_with_the_freeze_step(built_site, serve, browser, locale):
    prefix = "" if locale == "en" else f"{locale}/"
    # At night in UTC, where chat says it is closed: the longest the lines get.
    context, page = open_page(browser, PHONE, serve(built_site) + prefix + "security/enable-2fa/",
                              at="2026-03-02T03:30:00Z")
    foot = page.locator(".hc-contact-foot")
    assert foot.locator("[data-hc-urgent]").is_visible()  # the tallest case: a security article
    header = page.locator(".md-header").bounding_box()["height"]
    height = foot.bounding_box()["height"]
    assert height + header <= PHONE["height"], f"{locale}: {height:.0f} px under a {header:.0f} px header"
    # One line per channel: the action button sits beside the channel's name, not below it.
    for channel in foot.locator("[data-hc-channel]").all():
        name, action = channel.locator(".hc-channel__name").bounding_box(), channel.locator("a").bounding_box()
        assert action["x"] > name["x"] + name["width"] - 1 and action["y"] < name["y"] + 60, locale
    # Channel lines do not touch.
    lines = boxes(foot.locator("[data-hc-channel]"))
    assert len(lines) == 3
    for above, below in zip(lines, lines[1:]):
        assert below["y"] - (above["y"] + above["height"]) >= 4, locale
    context.close()


def test_still_need_help_on_desktop_is_short(built_site, serve, browser):
    context, page = open_page(browser, DESKTOP, serve(built_site) + "security/enable-2fa/")
    assert page.locator(".hc-contact-foot").bounding_box()["height"] < 600
    context.close()


@pytest.mark.parametrize("locale", ["en", "zh", "ja"])
def test_what_links_carry_is_told_in_words_behind_a_disclosure(built_site, serve, browser, locale):
    strings = strings_for(locale)
    prefix = "" if locale == "en" else f"{locale}/"
    context, page = open_page(browser, PHONE, serve(built_site) + prefix + "security/enable-2fa/")
    foot = page.locator(".hc-contact-foot")
    details = foot.locator("details.hc-channels__sends")
    assert details.locator("dl").is_hidden()  # behind the disclosure until asked for
    details.locator("summary").click()
    assert details.locator("dl").is_visible()
    text = foot.inner_text()
    for code in ("5001", "security", "Topic code", "Article number", strings["contact.field.article_id"],
                 strings["contact.field.category"]):
        assert code not in text, (locale, code)
    assert not re.search(rf"(^|\s){re.escape(locale)}(\s|$)", text), locale
    chat = details.locator("[data-hc-sends=chat] li").all_inner_texts()
    assert chat == [strings["contact.sent.language"].format(value=LANGUAGE_NAMES[locale]),
                    strings["contact.sent.topic"].format(value=HC.category("security", locale).title),
                    strings["contact.sent.this_article"]]
    # Hours only where someone answers live: tickets and e-mail give a reply time, never "open 24/7".
    for kind in ("ticket", "email"):
        line = foot.locator(f"[data-hc-channel={kind}]").inner_text()
        assert strings["contact.hours.always"] not in line and strings["contact.kind.%s.action" % kind] in line
    assert foot.locator("[data-hc-channel=chat]").inner_text().count(strings["contact.kind.chat.action"]) == 1
    assert foot.get_by_text(strings["contact.kind.social.name"]).count() == 0  # not a way to reach a person
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_contact_options_come_into_view(built_site, serve, browser, viewport):
    en = strings_for("en")
    context, page = open_page(browser, viewport, serve(built_site) + "contact/")
    page.emulate_media(reduced_motion="reduce")
    button = page.locator("[data-hc-show-channels]")
    assert button.inner_text() == en["contact.show_options"]  # nothing suggested yet
    page.get_by_label("Spot trading").check()
    page.locator("#hc-contact-query").fill("stop-limit order not filled")
    page.locator("[data-hc-suggestions] li a").first.wait_for()
    assert button.inner_text() == en["contact.show_channels"]  # "none of these help" now refers to something
    page.locator("#hc-contact-query").fill("qwxz")
    page.wait_for_function("!document.querySelector('[data-hc-suggestions] li')")
    assert button.inner_text() == en["contact.show_options"]
    assert page.locator("[data-hc-suggestions-box]").is_hidden()  # no heading over an empty list
    button.click()
    header = page.locator(".md-header").bounding_box()["height"]
    # The channels' heading comes up under the header (or as far as the end of the page allows).
    page.wait_for_function("""header => {
        const top = document.querySelector('[data-hc-contact-channels]').getBoundingClientRect().top;
        const end = Math.ceil(window.scrollY + window.innerHeight) >= document.documentElement.scrollHeight - 1;
        return top >= header - 1 && (top < header + 80 || end);
    }""", arg=header)
    first = page.locator("[data-hc-contact-channels] [data-hc-channel] a").first.bounding_box()
    assert first["y"] >= header and first["y"] + first["height"] <= viewport["height"]
    assert page.evaluate("document.activeElement.id") == "hc-contact-channels-title"
    context.close()


def test_the_screen_reader_line_is_not_on_screen(built_site, serve, browser):
    context, page = open_page(browser, DESKTOP, serve(built_site) + "contact/")
    page.locator("#hc-contact-query").fill("withdrawal pending")
    status = page.locator("[data-hc-suggestions-status]")
    page.wait_for_function("document.querySelector('[data-hc-suggestions-status]').textContent !== ''")
    assert re.fullmatch(r"Suggested articles: \d", status.text_content()) or \
        status.text_content() == strings_for("en")["contact.suggestions.none"]
    box = status.bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1  # read aloud, never shown
    assert page.evaluate("""() => {
        const style = getComputedStyle(document.querySelector('[data-hc-suggestions-status]'));
        return style.position === 'absolute' && style.overflow === 'hidden' && style.clipPath === 'inset(50%)';
    }""")
    context.close()


@pytest.mark.parametrize("locale", ["zh", "zh-TW", "ja"])
def test_full_width_colons_in_the_freeze_step(built_site, serve, browser, locale):
    context, page = open_page(browser, DESKTOP, serve(built_site) + f"{locale}/security/enable-2fa/")
    guide = page.locator(".hc-contact-foot .hc-urgent__guide").inner_text()
    assert "：" in guide and ":" not in guide, guide
    context.close()


@pytest.mark.parametrize("utc, closed", [("2026-03-02T03:30:00Z", True), ("2026-03-02T10:00:00Z", False),
                                         ("2026-03-02T20:00:00Z", True)])
def test_chat_says_when_it_is_closed_by_the_readers_clock(built_site, serve, browser, utc, closed):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.clock.set_fixed_time(utc)
    page.goto(serve(built_site) + "ja/security/enable-2fa/")
    note = page.locator(".hc-contact-foot [data-hc-channel=chat] [data-hc-closed]")
    assert note.is_visible() is closed
    assert note.text_content() == strings_for("ja")["contact.hours.closed"]
    assert page.locator(".hc-contact-foot [data-hc-channel=ticket] [data-hc-closed]").count() == 0
    page.goto(serve(built_site) + "security/enable-2fa/")  # open 24/7 in English
    assert page.locator(".hc-contact-foot [data-hc-closed]").count() == 0
    context.close()


def test_opening_hours_with_offsets_and_overnight_ranges(page):
    page.set_content("<!doctype html><title>t</title>")
    page.add_script_tag(path=str(ROOT / "plugins" / "helpcenter" / "theme" / "assets" / "javascripts" / "contact.js"))
    cases = [("09:30-18:00 UTC+8", "2026-03-02T01:29:00Z", False), ("09:30-18:00 UTC+8", "2026-03-02T01:30:00Z", True),
             ("09:30-18:00 UTC+8", "2026-03-02T10:00:00Z", False), ("22:00-06:00 UTC", "2026-03-02T23:00:00Z", True),
             ("22:00-06:00 UTC", "2026-03-02T05:59:00Z", True), ("22:00-06:00 UTC", "2026-03-02T12:00:00Z", False),
             ("08:00-24:00 UTC-5", "2026-03-02T04:59:00Z", True), ("08:00-24:00 UTC-5", "2026-03-02T05:00:00Z", False)]
    results = page.evaluate("cases => cases.map(([hours, at]) => hcContact.isOpen(hours, new Date(at)))",
                            [[h, t] for h, t, _ in cases])
    assert results == [expected for _, _, expected in cases]
