"""The widget's settings, per-page choice, contact link and strings, without a build; then one planted build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from helpcenter.feedback.config import FeedbackConfig
from helpcenter.feedback.widget import (SCRIPT_STRINGS, SettingsError, check_settings, contact_url, page_setting,
                                        shows_widget, widget_view)
from helpcenter.i18n.strings import all_strings, strings_for
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
DEFAULT_REASONS = FeedbackConfig.reasons.default
CATEGORIES = sorted(p.parent.name for p in (PROJECT.docs_dir / "en").glob("*/index.md"))


@pytest.fixture(scope="module")
def hc():
    return load_model(PROJECT)


def check(**changes):
    options = dict(reasons=list(DEFAULT_REASONS), comment_limit=2000, exclude_categories=[], endpoint="/api/feedback",
                   strings_by_locale=all_strings(), locales=PROJECT.locales, categories=CATEGORIES)
    options.update(changes)
    check_settings(**options)


def test_default_settings_are_valid():
    check()
    check(endpoint="https://feedback.quillfeather.example/api/feedback", exclude_categories=["support"], comment_limit=500)


@pytest.mark.parametrize("changes, message", [
    ({"reasons": ["too_slow"]}, "'too_slow' has no label in en, zh"),
    ({"reasons": ["Bad Code"]}, "'Bad Code' is not a reason code"),
    ({"reasons": []}, "the list is empty"),
    ({"reasons": ["unclear", "unclear"]}, "listed twice"),
    ({"comment_limit": 5000}, "comment_limit: 5000 is outside 1…2000"),
    ({"exclude_categories": ["nope"]}, "'nope' is not a category. Fix: use one of: deposits-withdrawals"),
    ({"endpoint": "api/feedback"}, "endpoint: 'api/feedback' is neither"),
    ({"endpoint": "//evil.example/x"}, "is neither"),
])
def test_wrong_settings_name_the_option_and_the_fix(changes, message):
    with pytest.raises(SettingsError, match=re.escape(message)) as error:
        check(**changes)
    assert str(error.value).startswith("mkdocs.yml, plugins → helpcenter-feedback")
    assert "Fix:" in str(error.value)


def test_page_front_matter_choice():
    assert page_setting({}, "docs/en/a.md") is None
    assert page_setting({"feedback": False}, "docs/en/a.md") is False
    with pytest.raises(SettingsError, match=r"docs/zh/a.md: field 'feedback': must be true or false, not 'no'. Fix:"):
        page_setting({"feedback": "no"}, "docs/zh/a.md")
    assert shows_widget("security", None, []) is True
    assert shows_widget("support", None, ["support"]) is False
    assert shows_widget("support", True, ["support"]) is True  # the page's own choice wins
    assert shows_widget("security", False, []) is False


def test_contact_link_prefers_the_contact_page_then_the_locale_article(hc):
    assert contact_url(hc, "zh", set(), "support/contact-support.md") == "zh/support/contact-support/"
    assert contact_url(hc, "en", set(), "support/contact-support.md") == "support/contact-support/"
    assert contact_url(hc, "zh", {"zh/contact/", "contact/"}, "support/contact-support.md") == "zh/contact/"
    assert contact_url(hc, "en", {"zh/contact/"}, "support/contact-support.md") == "support/contact-support/"
    assert contact_url(hc, "en", set(), "support/missing.md") is None


def test_widget_view_is_translated():
    view = widget_view(strings_for("ja"), ["outdated", "translation"], 1500, "/api/feedback", "ja/contact/")
    assert view["reasons"] == [{"code": "outdated", "label": "情報が古い"}, {"code": "translation", "label": "翻訳に問題がある"}]
    assert "1500" in view["comment_hint"]
    assert set(view["script_strings"]) == set(SCRIPT_STRINGS)
    assert all(view["script_strings"].values())


def test_every_locale_has_every_feedback_string():
    table = all_strings()
    english = {k for k in table["en"] if k.startswith("feedback.")}
    for locale in PROJECT.locales:
        assert {k for k in table[locale] if k.startswith("feedback.")} == english, locale
        for key in ("feedback.not_support", "feedback.contact_prompt"):
            assert table[locale][key].count("{link}") == 1, (locale, key)
        assert "{limit}" in table[locale]["feedback.comment_hint"], locale
        assert table[locale]["feedback.counter"].count("{count}") == 1, locale
        for code in DEFAULT_REASONS:
            assert table[locale][f"feedback.reason.{code}"], (locale, code)
        for key in ("feedback.report.summary",):
            assert {"{votes}", "{share}", "{start}", "{end}"} <= set(re.findall(r"\{\w+\}", table[locale][key])), locale
    # Translated, not copied: the question differs from English in every other locale.
    assert len({table[loc]["feedback.question"] for loc in PROJECT.locales}) == len(PROJECT.locales)


def test_the_built_site_has_the_widget_on_every_article(built_site):
    catalogue = json.loads((built_site / "articles.json").read_text(encoding="utf-8"))
    for entry in catalogue["articles"]:
        page = (built_site / entry["url"] / "index.html").read_text(encoding="utf-8")
        assert page.count("data-hc-feedback ") == 1, entry["url"]
        assert 'data-hc-feedback hidden' in page  # shown only by the script
        assert f'data-article="{entry["id"]}"' in page and f'data-revision="{entry["revision"]}"' in page
    home = (built_site / "zh" / "index.html").read_text(encoding="utf-8")
    assert "data-hc-feedback " not in home  # no widget (page-scripts.js names the selector on every page)
    assert json.loads((built_site / "feedback.json").read_text()) == {"reasons": list(DEFAULT_REASONS), "comment_limit": 2000}


def test_category_and_front_matter_switches_in_a_build(tmp_path):
    from conftest import copy_project, mkdocs_build

    config_file = copy_project(tmp_path)
    text = config_file.read_text(encoding="utf-8")
    text = text.replace("  - helpcenter-feedback\n",
                        "  - helpcenter-feedback:\n      exclude_categories: [support]\n      reasons: [outdated, unclear]\n")
    config_file.write_text(text, encoding="utf-8")
    faq = tmp_path / "docs/en/support/faq.md"
    faq.write_text(faq.read_text(encoding="utf-8").replace("---\n", "---\nfeedback: true\n", 1), encoding="utf-8")
    (tmp_path / "docs/ru/support/faq.md").unlink(missing_ok=True)  # Russian readers get the English page
    twofa = tmp_path / "docs/en/security/enable-2fa.md"
    twofa.write_text(twofa.read_text(encoding="utf-8").replace("---\n", "---\nfeedback: false\n", 1), encoding="utf-8")
    result = mkdocs_build(config_file, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    has = lambda url: "data-hc-feedback " in (site / url / "index.html").read_text(encoding="utf-8")
    assert not has("support/contact-support") and not has("zh/support/ticket-status")
    assert has("support/faq") and has("ru/support/faq")  # a fallback page follows the English file's front matter
    assert not has("zh/support/faq")  # a translation is a file of its own: its front matter decides
    assert not has("security/enable-2fa")
    assert has("security/strong-passwords")
    page = (site / "zh/security/strong-passwords/index.html").read_text(encoding="utf-8")
    assert 'value="unclear"' in page and 'value="not_solved"' not in page
    assert json.loads((site / "feedback.json").read_text())["reasons"] == ["outdated", "unclear"]

    text = config_file.read_text(encoding="utf-8").replace("reasons: [outdated, unclear]", "reasons: [outdated, slow]")
    config_file.write_text(text, encoding="utf-8")
    result = mkdocs_build(config_file, tmp_path / "site2")
    assert result.returncode != 0
    assert "reasons: 'slow' has no label" in result.stdout + result.stderr
