"""Contact settings in mkdocs.yml: the shipped ones are valid; each mistake names the line, the option and the fix."""

import copy
from pathlib import Path

import pytest

from helpcenter.articles.model import ContentErrors
from helpcenter.contact.presets import ZENDESK_LOCALES
from helpcenter.contact.settings import check_against_model, config_line, parse_settings
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
SHIPPED = PROJECT.plugin_options("helpcenter-contact")
LOCALES = PROJECT.locales


@pytest.fixture(scope="module")
def hc():
    return load_model(PROJECT)


def problems(options, **kwargs):
    with pytest.raises(ContentErrors) as errors:
        parse_settings(options, LOCALES, **kwargs)
    return errors.value.errors


def with_channel(**changes):
    options = copy.deepcopy(SHIPPED)
    options["channels"][0].update(changes)
    return options


def test_the_shipped_settings_are_valid(hc):
    settings = parse_settings(SHIPPED, LOCALES)
    check_against_model(settings, hc, site_url="https://help.quillfeather.example/")
    assert [c.id for c in settings.channels] == ["chat", "ticket", "email", "community", "social"]
    chat, ticket, email = settings.channels[:3]
    assert chat.hours_for("zh") == "24/7" and chat.hours_for("ja") == "08:00-20:00 UTC"
    assert chat.response_for("ja") == 5 and email.response_for("fr") == 48 * 60
    assert ticket.response_for("en") == 12 * 60 and ticket.response_for("ko") == 24 * 60
    assert not ticket.hours and not email.hours  # answered at any hour: a response time, no opening hours
    assert [c.id for c in settings.channels if not c.reaches_person] == ["social"]
    assert settings.urgent.url == "https://www.quillfeather.example/freeze" and settings.urgent.article == 5002
    assert settings.page == "contact.md"
    assert hc.source(5002).path == "security/account-compromised.md"


@pytest.mark.parametrize("changes, field, message", [
    ({"kind": "fax"}, "channels[0].kind", "'fax' is not a channel kind"),
    ({"url": "support@quillfeather.example"}, "channels[0].url", "is not an https://, http:// or mailto: URL"),
    ({"url": "https://x.example/?q={message}"}, "channels[0].url", "'{message}' is not a placeholder"),
    ({"id": "Live Chat"}, "channels[0].id", "is not a channel id"),
    ({"respone_time": "5m"}, "channels[0].respone_time", "'respone_time' is not a channel option"),
    ({"hours": "9 to 5"}, "channels[0].hours", "is not opening hours"),
    ({"hours": {"default": "24/7", "jp": "24/7"}}, "channels[0].hours.jp", "'jp' is not a locale"),
    ({"response_time": "soon"}, "channels[0].response_time", "is not a duration"),
    ({"languages": ["en", "cn"]}, "channels[0].languages", "is not a list of this site's locales"),
    ({"categories": "security"}, "channels[0].categories", "is not a list of category ids"),
    ({"locale_map": {"zh": 1}}, "channels[0].locale_map", "must map this site's locales"),
    ({"preset": "zendesk"}, "channels[0].url", "is given together with 'preset'"),
])
def test_channel_mistakes(changes, field, message):
    found = problems(with_channel(**changes))
    assert len(found) == 1
    error = found[0]
    assert error.field == f"helpcenter-contact.{field}"
    assert message in error.message
    assert error.fix


@pytest.mark.parametrize("channel, field, message, fix", [
    ({"id": "t", "kind": "ticket", "url": "https://x.example/", "hours": "24/7"}, "channels[0].hours",
     "does not apply to a ticket channel", "give 'response_time'"),
    ({"id": "e", "preset": "email", "address": "a@x.example", "hours": "08:00-20:00 UTC"}, "channels[0].hours",
     "does not apply to a email channel", "remove 'hours'"),
    ({"id": "f", "kind": "community", "url": "https://x.example/", "response_time": "2d"}, "channels[0].response_time",
     "does not apply to a community channel", "remove 'response_time'"),
    ({"id": "s", "kind": "social", "url": "https://x.example/", "hours": "24/7"}, "channels[0].hours",
     "it is not a way to reach a person", "remove 'hours'"),
    ({"id": "t", "kind": "ticket", "url": "https://x.example/", "response_time": {"default": "24h", "jp": "12h"}},
     "channels[0].response_time.jp", "'jp' is not a locale", "use 'default' or one of"),
    ({"id": "t", "kind": "ticket", "url": "https://x.example/", "response_time": {"default": "a day"}},
     "channels[0].response_time.default", "is not a duration", "per language"),
])
def test_each_kind_takes_only_the_options_that_mean_something_for_it(channel, field, message, fix):
    found = problems({"channels": [channel]})
    assert [e.field for e in found] == [f"helpcenter-contact.{field}"]
    assert message in found[0].message and fix in found[0].fix


def test_response_time_per_language():
    settings = parse_settings({"channels": [{"id": "t", "kind": "ticket", "url": "https://x.example/",
                                             "response_time": {"default": "24h", "ja": "2d", "ko": "none"}}]}, LOCALES)
    ticket = settings.channels[0]
    assert (ticket.response_for("en"), ticket.response_for("ja"), ticket.response_for("ko")) == (24 * 60, 2880, None)


def test_every_problem_is_reported_at_once():
    options = copy.deepcopy(SHIPPED)
    options["channels"][0]["kind"] = "fax"
    options["channels"][1]["response_time"] = "soon"
    options["channels"][2]["id"] = "chat"
    options["urgent"]["url"] = "https://www.quillfeather.example/freeze?{query}"
    found = problems(options)
    assert [e.field for e in found] == ["helpcenter-contact.channels[0].kind", "helpcenter-contact.channels[1].response_time",
                                        "helpcenter-contact.channels[2].id", "helpcenter-contact.urgent.url"]
    assert "nothing about the reader's problem" in found[3].fix


@pytest.mark.parametrize("options, field, message", [
    ({"channels": []}, "channels", "lists no channels"),
    ({"urgent": {"categories": ["security"]}}, "urgent", "has neither 'url' nor 'article'"),
    ({"urgent": {"article": "5002"}}, "urgent.article", "is not an article id"),
    ({"urgent": {"url": "https://x.example/freeze", "priorities": ["high"]}}, "urgent.priorities", "is not a list of article priorities"),
    ({"urgent": {"url": "https://x.example/freeze", "when": "always"}}, "urgent.when", "is not an urgent route option"),
    ({"status_url": "javascript:alert(1)"}, "status_url", "is not a JSON address"),
    ({"status_url": "/status.json"}, "status_url", "is not a JSON address"),
    ({"query_limit": 5}, "query_limit", "is too small"),
    ({"page": "contact.html"}, "page", "is not a Markdown page"),
])
def test_other_mistakes(options, field, message):
    merged = dict(copy.deepcopy(SHIPPED), **options)
    found = problems(merged)
    assert [e.field for e in found] == [f"helpcenter-contact.{field}"]
    assert message in found[0].message and found[0].fix


def test_model_checks_name_unknown_categories_and_articles(hc):
    options = copy.deepcopy(SHIPPED)
    options["channels"][3]["categories"] = ["trading", "futures"]
    options["urgent"]["categories"] = ["secruity"]
    options["urgent"]["article"] = 9999
    settings = parse_settings(options, LOCALES)
    with pytest.raises(ContentErrors) as errors:
        check_against_model(settings, hc, site_url="https://help.quillfeather.example/")
    messages = [(e.field, e.message) for e in errors.value.errors]
    assert messages == [("helpcenter-contact.channels[3].categories", "'futures' is not a category"),
                        ("helpcenter-contact.urgent.categories", "'secruity' is not a category"),
                        ("helpcenter-contact.urgent.article", "no article has id 9999")]
    assert "security" in errors.value.errors[0].fix


def test_article_url_needs_site_url(hc):
    settings = parse_settings(SHIPPED, LOCALES)
    with pytest.raises(ContentErrors) as errors:
        check_against_model(settings, hc, site_url=None)
    assert all("site_url" in e.message for e in errors.value.errors)
    assert {e.field for e in errors.value.errors} == {"helpcenter-contact.channels[1].url", "helpcenter-contact.channels[2].url"}


def test_a_missing_contact_page_is_named(hc):
    settings = parse_settings(dict(SHIPPED, page="help/contact.md"), LOCALES)
    with pytest.raises(ContentErrors) as errors:
        check_against_model(settings, hc, site_url="https://help.quillfeather.example/")
    assert "the contact page en/help/contact.md is missing" in str(errors.value)


def test_errors_point_at_the_line_in_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\nplugins:\n  - search\n  - helpcenter-contact:\n      channels:\n"
                      "        - id: chat\n          kind: fax\n          url: https://x.example/\n", encoding="utf-8")
    assert config_line(config, ("channels", 0, "kind")) == 7
    assert config_line(config, ("channels", 0, "missing")) == 6  # the nearest parent
    found = problems({"channels": [{"id": "chat", "kind": "fax", "url": "https://x.example/"}]},
                     where="mkdocs.yml", locate=lambda path: config_line(config, path))
    assert str(found[0]).startswith("mkdocs.yml:7: field 'helpcenter-contact.channels[0].kind': 'fax' is not a channel kind")


def test_zendesk_preset():
    settings = parse_settings({"channels": [{"id": "ticket", "preset": "zendesk", "host": "support.quillfeather.example",
                                             "form_id": 360001, "fields": {"subject": "{subject}", "description": "{query}",
                                                                           "360002": "{category}"}}]}, LOCALES)
    channel = settings.channels[0]
    assert channel.kind == "ticket"
    assert channel.url == ("https://support.quillfeather.example/hc/{locale}/requests/new?ticket_form_id=360001"
                           "&tf_subject={subject}&tf_description={query}&tf_360002={category}")
    assert channel.locale_value("zh") == "zh-cn" and channel.locale_value("pt") == "pt-br"
    assert set(ZENDESK_LOCALES) == set(LOCALES)


def test_freshdesk_and_email_presets():
    settings = parse_settings({"channels": [
        {"id": "desk", "preset": "freshdesk", "host": "quillfeather.freshdesk.com"},
        {"id": "mail", "preset": "email", "address": "support@quillfeather.example", "body": "{query}"},
    ]}, LOCALES)
    desk, mail = settings.channels
    assert desk.url == ("https://quillfeather.freshdesk.com/widgets/feedback_widget/new?widgetType=embedded"
                        "&helpdesk_ticket%5Bsubject%5D={subject}&helpdesk_ticket%5Bdescription%5D={query}")
    assert mail.kind == "email" and mail.url == "mailto:support@quillfeather.example?subject={subject}&body={query}"


@pytest.mark.parametrize("channel, field, message", [
    ({"id": "t", "preset": "zendesk"}, "channels[0].host", "is not a host name"),
    ({"id": "t", "preset": "zendesk", "host": "https://support.example.com"}, "channels[0].host", "is not a host name"),
    ({"id": "t", "preset": "zendesk", "host": "support.example.com", "form_id": "abc"}, "channels[0].form_id", "is not a ticket form number"),
    ({"id": "t", "preset": "email", "address": "support"}, "channels[0].address", "is not an e-mail address"),
    ({"id": "t", "preset": "helpscout"}, "channels[0].preset", "'helpscout' is not a preset"),
])
def test_preset_mistakes(channel, field, message):
    found = problems({"channels": [channel]})
    assert [e.field for e in found] == [f"helpcenter-contact.{field}"]
    assert message in found[0].message
