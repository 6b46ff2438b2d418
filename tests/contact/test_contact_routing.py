"""Which channels an article or topic gets, when the freeze step comes first, and what the partials show."""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from helpcenter.contact.routing import channels_for, is_urgent, official_channels
from helpcenter.contact.settings import Channel, UrgentRoute, parse_settings
from helpcenter.contact.views import (article_contact_view, channel_facts, contact_page_view, hours_text,
                                      languages_text, response_text, sent_words)
from helpcenter.i18n.locales import LOCALE_NAMES
from helpcenter.i18n.strings import strings_for
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
SETTINGS = parse_settings(PROJECT.plugin_options("helpcenter-contact"), PROJECT.locales)
SITE = "https://help.quillfeather.example/"


@pytest.fixture(scope="module")
def hc():
    return load_model(PROJECT)


def ids(channels):
    return [c.id if hasattr(c, "id") else c["id"] for c in channels]


def test_channels_follow_the_category_and_keep_their_order():
    assert ids(channels_for(SETTINGS, "security")) == ["chat", "ticket", "email"]
    assert ids(channels_for(SETTINGS, "trading")) == ["chat", "ticket", "email", "community"]
    assert ids(channels_for(SETTINGS, None)) == ["chat", "ticket", "email", "community"]


def test_official_accounts_are_never_a_way_to_reach_a_person(hc):
    assert ids(official_channels(SETTINGS)) == ["social"]
    for category in [None] + [c.id for c in hc.ordered_categories("en")]:
        assert "social" not in ids(channels_for(SETTINGS, category))
    view = contact_page_view(SETTINGS, hc, "zh", strings_for("zh"), LOCALE_NAMES, SITE)
    assert "social" not in ids(view["channels"]) and "social" not in ids(view["script"]["channels"])
    assert view["official"] == [{"id": "social", "name": strings_for("zh")["contact.kind.social.name"],
                                 "hint": strings_for("zh")["contact.kind.social.hint"],
                                 "action": strings_for("zh")["contact.kind.social.action"],
                                 "href": "https://www.quillfeather.example/verify"}]


def test_urgent_by_category_or_by_article_priority():
    urgent = UrgentRoute(categories=("security",), priorities=("urgent",), url="https://x.example/freeze")
    assert is_urgent(urgent, "security", "normal")
    assert is_urgent(urgent, "trading", "urgent")
    assert not is_urgent(urgent, "trading", "critical")
    assert not is_urgent(urgent, None, None)
    assert not is_urgent(None, "security", "urgent")


def test_compromised_account_article_puts_the_freeze_step_first(hc):
    article = hc.article(5002, "zh")
    view = article_contact_view(SETTINGS, hc, article, "zh", strings_for("zh"), LOCALE_NAMES, SITE)
    assert view["urgent"]["url"] == "https://www.quillfeather.example/freeze"
    assert view["urgent"]["title"] == strings_for("zh")["contact.urgent.title"]
    assert view["urgent"]["article"] is None  # the reader is on that article already
    assert ids(view["channels"]) == ["chat", "ticket", "email"]
    assert view["page_url"] == "zh/contact/#article=5002"
    ticket = next(c for c in view["channels"] if c["id"] == "ticket")
    query = parse_qs(urlsplit(ticket["href"]).query)
    assert urlsplit(ticket["href"]).path == "/hc/zh/requests/new"
    assert query["tf_subject"] == [article.title]
    assert query["tf_article"] == [SITE + "zh/security/account-compromised/"]
    assert query["tf_topic"] == ["security"]
    assert "tf_description" not in query  # nothing typed on an article page
    assert {f["name"]: f["value"] for f in ticket["sends"]} == {
        "locale": "zh", "subject": article.title, "category": "security",
        "article_url": SITE + "zh/security/account-compromised/"}
    # Shown to the reader in words, never as codes ("security", "5002", "zh").
    assert ticket["sends_words"] == ["语言：简体中文", f"标题：{article.title}", "主题：账户安全", "本文"]
    chat = next(c for c in view["channels"] if c["id"] == "chat")
    assert chat["sends_words"] == ["语言：简体中文", "主题：账户安全", "本文"]
    assert chat["action"] == "开始聊天" and ticket["action"] == "提交工单"


def test_other_security_articles_link_the_guide_and_trading_articles_get_no_freeze_step(hc):
    two_factor = hc.by_path("security/enable-2fa.md")
    view = article_contact_view(SETTINGS, hc, hc.article(two_factor.id, "ja"), "ja", strings_for("ja"), LOCALE_NAMES, SITE)
    assert view["urgent"]["article"]["url"] == hc.url(hc.article(5002, "ja"), "ja")
    trading = hc.articles_for("en", "trading")[0]
    view = article_contact_view(SETTINGS, hc, trading, "en", strings_for("en"), LOCALE_NAMES, SITE)
    assert view["urgent"] is None
    assert "community" in ids(view["channels"])


def test_channel_facts_in_the_readers_language(hc):
    trading = hc.articles_for("fr", "trading")[0]
    view = article_contact_view(SETTINGS, hc, trading, "fr", strings_for("fr"), LOCALE_NAMES, SITE)
    chat, ticket, email, community = view["channels"]
    assert chat["name"] == "Chat en direct" and chat["action"] == "Démarrer le chat"
    assert chat["facts"] == ["Tous les jours de 08:00 à 20:00 (UTC)", "Première réponse en 5 min environ"]
    # Tickets and e-mail are answered at any hour: a response time, never "open 24/7".
    assert ticket["facts"] == ["Première réponse sous 24 heures"]
    assert email["facts"] == ["Première réponse sous 48 heures"]
    assert community["facts"] == ["Réponses d'autres utilisateurs", "Réponses en\u00a0: English, 简体中文"]
    assert chat["sends_words"] == ["Langue\u00a0: Français", "Sujet\u00a0: Trading spot", "Cet article"]


def test_expected_replies_follow_the_readers_locale(hc):
    article = hc.article(5002, "en")
    en = article_contact_view(SETTINGS, hc, article, "en", strings_for("en"), LOCALE_NAMES, SITE)["channels"]
    assert [c["facts"] for c in en] == [["Open 24/7", "First reply in about 5 min"], ["First reply within 12 hours"],
                                        ["First reply within 48 hours"]]
    ja = article_contact_view(SETTINGS, hc, hc.article(5002, "ja"), "ja", strings_for("ja"), LOCALE_NAMES, SITE)
    assert ja["channels"][0]["facts"][0] == strings_for("ja")["contact.hours.range"].format(
        start="08:00", end="20:00", zone="UTC")
    assert ja["channels"][1]["facts"] == [strings_for("ja")["contact.response.hours"].format(count=24)]


def test_no_kind_shows_hours_it_does_not_keep():
    en = strings_for("en")
    email = Channel(id="e", kind="email", url="mailto:a@x.example", hours={"default": "24/7"}, response_minutes={"default": 60})
    assert hours_text(email, "en", en) is None
    assert channel_facts(email, "en", en, LOCALE_NAMES) == ["First reply in about 60 min"]
    phone = Channel(id="p", kind="phone", url="https://x.example/", hours={"default": "09:00-17:00 UTC+1"},
                    response_minutes={"default": 3, "ja": None})
    assert channel_facts(phone, "en", en, LOCALE_NAMES) == ["Open daily 09:00–17:00 UTC+1", "First reply in about 3 min"]
    assert channel_facts(phone, "ja", en, LOCALE_NAMES) == ["Open daily 09:00–17:00 UTC+1", "No set response time"]


def test_what_a_link_carries_in_words():
    en = strings_for("en")
    words = {"language": "English", "topic": "Security", "article_title": "Turn on 2FA", "on_article": True}
    sent = [("locale", "en-us"), ("category", "security"), ("topic", "Security"), ("article_id", "5001"),
            ("article_url", "https://help.example/a/"), ("subject", "Turn on 2FA"), ("query", "hacked")]
    assert sent_words(sent, en, words) == ["Language: English", "Topic: Security", "This article",
                                           "Subject: Turn on 2FA", "Your description"]
    assert sent_words([("article_id", "5001")], en, dict(words, on_article=False)) == ["Article: Turn on 2FA"]
    assert sent_words([], en, words) == []
    for phrase in sent_words(sent, strings_for("ja"), dict(words, language="日本語", topic="セキュリティ")):
        assert "5001" not in phrase and "security" not in phrase and "en-us" not in phrase and ":" not in phrase


def test_durations_and_hours():
    en = strings_for("en")
    assert response_text(5, en) == "First reply in about 5 min"
    assert response_text(24 * 60, en) == "First reply within 24 hours"
    assert response_text(90, en) == "First reply in about 90 min"
    assert response_text(4 * 1440, en) == "First reply within 4 days"
    channel = Channel(id="c", kind="chat", url="https://x.example/", hours={"default": "09:30-18:00 UTC+8", "zh": "24/7"},
                      languages=("zh",))
    assert hours_text(channel, "en", en) == "Open daily 09:30–18:00 UTC+8"
    assert hours_text(channel, "zh", strings_for("zh")) == "7×24 小时服务"
    assert languages_text(channel, "zh", en, LOCALE_NAMES) is None  # the reader's own language goes without saying
    assert languages_text(channel, "en", en, LOCALE_NAMES) == "Answers in: 简体中文"
    assert hours_text(Channel(id="c", kind="chat", url="https://x.example/"), "en", en) is None


def test_contact_page_view_has_topics_plain_links_and_the_data_for_suggestions(hc):
    view = contact_page_view(SETTINGS, hc, "ja", strings_for("ja"), LOCALE_NAMES, SITE)
    assert [t["id"] for t in view["topics"]] == [c.id for c in hc.ordered_categories("ja")]
    assert view["urgent"]["article"]["url"] == hc.url(hc.article(5002, "ja"), "ja")
    assert [c["href"] for c in view["channels"]][:2] == ["https://www.quillfeather.example/support/chat?lang=ja",
                                                         "https://support.quillfeather.example/hc/ja/requests/new"]
    script = view["script"]
    assert script["search_indexes"] == ["ja/search/search_index.json", "search/search_index.json"]
    assert script["urgent"] == {"categories": ["security"], "priorities": ["urgent"]}
    articles = {a["id"]: a for a in script["articles"]}
    assert set(articles) == set(hc.ids())
    assert all(("source_url" in a) == (hc.state(i, "ja") == "fallback") for i, a in articles.items())
    assert all("source_url" not in a for a in contact_page_view(SETTINGS, hc, "en", strings_for("en"), LOCALE_NAMES,
                                                               SITE)["script"]["articles"])
    assert set(script["strings"]) >= {"contact.sent.query", "contact.sent.topic", "contact.suggestions.count",
                                      "contact.show_options", "contact.show_channels"}
    assert script["language"] == LOCALE_NAMES["ja"]


def test_a_channel_open_part_of_the_day_can_say_it_is_closed(hc):
    ja = article_contact_view(SETTINGS, hc, hc.article(5001, "ja"), "ja", strings_for("ja"), LOCALE_NAMES, SITE)
    chat, ticket, email = ja["channels"]
    assert chat["closed"] == {"hours": "08:00-20:00 UTC", "text": "現在は受付時間外"}
    assert ticket["closed"] is None and email["closed"] is None  # answered at any hour
    en = article_contact_view(SETTINGS, hc, hc.article(5001, "en"), "en", strings_for("en"), LOCALE_NAMES, SITE)
    assert en["channels"][0]["closed"] is None  # open 24/7 for English readers


def test_contact_page_suggestions_point_a_fallback_at_the_locales_page_and_the_english_index(fallback_project):
    # The shipped help center may translate every article: the fallback project's ja lacks its derivatives.
    hc = fallback_project.hc
    view = contact_page_view(SETTINGS, hc, "ja", strings_for("ja"), LOCALE_NAMES, SITE)
    articles = {a["id"]: a for a in view["script"]["articles"]}
    fallbacks = [a.id for a in fallback_project.fallbacks("ja")]
    assert fallbacks and set(articles) == set(hc.ids())
    for fallback in fallbacks:
        assert articles[fallback]["url"].startswith("ja/")
        assert articles[fallback]["source_url"] == hc.url(hc.source(fallback), "en")
    assert all("source_url" not in a for i, a in articles.items() if i not in fallbacks)
