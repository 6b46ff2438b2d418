"""Translation state from git: English edits and their Translation-Impact turn translations outdated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from i18n_project import commit, edit, git, repo, report_for, state  # noqa: F401 (repo is a fixture)

from helpcenter.articles.history import dates_from_log, docs_log, last_changed
from helpcenter.articles.views import collect_build_data, notices, page_view
from helpcenter.i18n.strings import strings_for
from helpcenter.i18n.translation import (impact_of, new_translation_text, with_front_matter_field,
                                         without_front_matter_fields)
from helpcenter.project import load_model, load_project

ROOT_CONFIG = Path(__file__).resolve().parents[2] / "mkdocs.yml"


def build_data(root):
    project = load_project(root / "mkdocs.yml")
    return collect_build_data(load_model(project), str(project.docs_dir), {"en": "English", "zh": "简体中文", "es": "Español"})


def test_marked_translations_are_current_and_missing_ones_missing(repo):
    report = report_for(repo)
    assert report.history and report.problems() == []
    assert {key: s.state for key, s in report.statuses.items()} == {
        ("zh", 5001): "translated", ("zh", 5003): "translated", ("zh", 5006): "missing",
        ("es", 5001): "missing", ("es", 5003): "missing", ("es", 5006): "translated"}
    recorded = report.statuses[("zh", 5001)].translation.source_revision
    assert recorded == git(repo, "log", "-1", "--format=%H", "--", "docs/en/security/enable-2fa.md").strip()


def test_a_minor_edit_makes_the_translation_outdated_for_translators_only(repo):
    edit(repo, "en/security/enable-2fa.md", "2. Choose **Authenticator app**.", "2. Choose **Passkey** or **Authenticator app**.")
    edited = commit(repo, "Mention passkeys", date="2026-02-10")
    status = state(repo, "zh", 5001)
    assert status.state == "outdated" and status.impact == "minor" and not status.reader_notice
    assert [c.commit for c in status.changes] == [edited]
    assert state(repo, "zh", 5003).state == "translated"  # other files are not affected
    data = build_data(repo)
    assert data.states[("zh", 5001)] == "outdated"
    kinds = [n["kind"] for n in notices(data, data.hc.article(5001, "zh"), "zh", strings_for("zh"))]
    assert "outdated" not in kinds


def test_a_none_impact_edit_leaves_the_translation_current(repo):
    edit(repo, "en/security/enable-2fa.md", "protects your account.", "protects your account!")
    commit(repo, "Fix punctuation\n\nTranslation-Impact: none")
    status = state(repo, "zh", 5001)
    assert status.state == "translated" and status.impact == "none" and len(status.changes) == 1
    assert ("zh", 5001) not in build_data(repo).states


def test_a_major_edit_shows_readers_a_dated_notice_with_a_link_to_english(repo):
    edit(repo, "en/security/enable-2fa.md", "1. Open **Security**.", "1. Open **Account** > **Security**.")
    commit(repo, "New security menu\n\nTranslation-Impact: major", date="2026-03-07")
    edit(repo, "en/security/enable-2fa.md", "protects your account.", "protects your account!")
    commit(repo, "Typo\n\nTranslation-Impact: none", date="2026-03-09")
    status = state(repo, "zh", 5001)
    assert status.state == "outdated" and status.impact == "major" and status.reader_notice
    assert status.source_updated == dt.date(2026, 3, 7)
    data = build_data(repo)
    view = page_view(data, "zh", "security/enable-2fa.md", strings_for("zh"))
    assert view["state"] == "outdated"
    outdated = [n for n in view["notices"] if n["kind"] == "outdated"]
    assert outdated == [{"kind": "outdated", "text": "本文的英文版已于 2026年3月7日 更新，此译文可能已过时。",
                         "link": {"url": "security/enable-2fa/", "title": "阅读英文版"}}]


def test_the_strongest_impact_since_the_translation_wins(repo):
    edit(repo, "en/security/enable-2fa.md", "1. Open **Security**.", "1. Open **Account** > **Security**.")
    commit(repo, "Menu moved\n\nTranslation-Impact: major")
    edit(repo, "en/security/enable-2fa.md", "protects your account.", "protects your account!")
    commit(repo, "Typo\n\nTranslation-Impact: none")
    assert state(repo, "zh", 5001).impact == "major"


def test_a_change_merged_from_a_branch_started_before_the_mark_counts(repo):
    base = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    git(repo, "checkout", "-q", "-b", "old-branch", base)
    edit(repo, "en/security/enable-2fa.md", "1. Open **Security**.", "1. Open **Settings**.")
    branch_commit = commit(repo, "Rename menu on a branch\n\nTranslation-Impact: major", date="2026-01-04")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge old-branch", "old-branch")
    status = state(repo, "zh", 5001)
    assert status.state == "outdated" and [c.commit for c in status.changes] == [branch_commit]


def test_machine_translations_show_a_notice(repo):
    data = build_data(repo)
    view = page_view(data, "es", "security/devices.md", strings_for("es"))
    assert [n["kind"] for n in view["notices"]] == ["machine"]
    assert view["notices"][0]["text"] == "Este artículo se tradujo automáticamente y puede contener errores."
    fallback = page_view(data, "es", "security/enable-2fa.md", strings_for("es"))
    assert [n["kind"] for n in fallback["notices"]] == ["fallback"]
    assert page_view(data, "en", "security/devices.md", strings_for("en"))["notices"] == []


def test_an_abbreviated_revision_is_understood(repo):
    path = repo / "docs" / "zh" / "security" / "enable-2fa.md"
    full = state(repo, "zh", 5001).translation.source_revision
    path.write_text(path.read_text(encoding="utf-8").replace(full, full[:8]), encoding="utf-8")
    status = state(repo, "zh", 5001)
    assert status.problem is None and status.state == "translated"


def test_a_revision_that_does_not_exist_is_reported_with_file_line_and_fix(repo):
    path = repo / "docs" / "zh" / "security" / "enable-2fa.md"
    full = state(repo, "zh", 5001).translation.source_revision
    path.write_text(path.read_text(encoding="utf-8").replace(full, "0123456789abcdef0123456789abcdef01234567"),
                    encoding="utf-8")
    status = state(repo, "zh", 5001)
    assert status.state == "outdated"
    message = str(status.problem)
    assert message.startswith("docs/zh/security/enable-2fa.md:8: field 'source_revision': commit "
                              "'0123456789abcdef0123456789abcdef01234567' does not exist in this repository")
    assert "helpcenter i18n mark zh security/enable-2fa.md" in message


def test_a_revision_that_is_not_a_hash_is_reported(repo):
    path = repo / "docs" / "zh" / "security" / "strong-passwords.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("source_revision: ", "source_revision: last-week #"), encoding="utf-8")
    problem = state(repo, "zh", 5003).problem
    assert problem is not None and "'last-week' is neither a commit hash nor 'sha256:…'" in str(problem)


def test_an_unknown_impact_counts_as_minor_with_a_note(repo):
    edit(repo, "en/security/enable-2fa.md", "protects your account.", "protects your account well.")
    commit(repo, "Wording\n\nTranslation-Impact: huge")
    report = report_for(repo)
    assert report.statuses[("zh", 5001)].impact == "minor"
    assert any("'Translation-Impact: huge' is not one of none, minor, major" in note for note in report.notes)


def test_impact_trailer_values():
    assert impact_of(None) == ("minor", True)
    assert impact_of("None") == ("none", True)
    assert impact_of("minor,major") == ("major", True)
    assert impact_of("typo") == ("minor", False)


def test_without_git_a_content_hash_is_recorded_and_compared(tmp_path):
    from i18n_project import write_project

    from helpcenter.cli import main
    config = write_project(tmp_path / "plain")
    assert main(["i18n", "mark", "zh", "security/enable-2fa.md", "--config", str(config)]) == 0
    status = state(tmp_path / "plain", "zh", 5001)
    assert status.translation.source_revision.startswith("sha256:") and status.state == "translated"
    assert not report_for(tmp_path / "plain").history
    edit(tmp_path / "plain", "en/security/enable-2fa.md", "Open **Security**", "Open **Settings**")
    status = state(tmp_path / "plain", "zh", 5001)
    assert status.state == "outdated" and status.impact == "minor"


def test_one_git_log_gives_dates_parents_trailers_and_files(repo):
    edit(repo, "en/security/enable-2fa.md", "protects your account.", "protects your account!")
    commit(repo, "Typo\n\nTranslation-Impact: none", date="2026-04-01")
    log = docs_log(repo / "docs")
    newest = log.commits[0]
    assert newest.subject == "Typo" and newest.trailers == {"Translation-Impact": "none"}
    assert newest.files == ("en/security/enable-2fa.md",) and newest.parents == (log.commits[1].hash,)
    assert dates_from_log(log) == last_changed(repo / "docs")
    assert last_changed(repo / "docs")["en/security/enable-2fa.md"] == dt.date(2026, 4, 1)


def test_front_matter_edits_touch_only_their_field():
    text = "---\nid: 1\ntitle: A\ntags:\n  - x\n  - y\nsource_revision: old\n---\n\nBody\n"
    assert with_front_matter_field(text, "source_revision", "abc123", "a.md") == text.replace("old", "abc123")
    added = with_front_matter_field("---\nid: 1\ntags:\n  - x\n---\nBody\n", "source_revision", "0123", "a.md")
    assert added == "---\nid: 1\ntags:\n  - x\nsource_revision: '0123'\n---\nBody\n"  # quoted: stays a string
    assert without_front_matter_fields(text, ("tags",), "a.md") == "---\nid: 1\ntitle: A\nsource_revision: old\n---\n\nBody\n"
    started = new_translation_text("---\nid: 1\nupdated: 2026-01-01\nredirect_from: [a]\ntitle: A\n---\nBody\n", "a.md", "f00d")
    assert started == "---\nid: 1\ntitle: A\nsource_revision: f00d\n---\nBody\n"


def test_the_notices_are_translated_into_every_locale_with_the_date():
    from helpcenter.i18n.strings import all_strings
    locales = load_project(ROOT_CONFIG).locales
    table = all_strings()
    for key in ("i18n.notice.outdated", "i18n.notice.machine", "i18n.notice.read_english", "notice.fallback"):
        texts = {locale: table[locale][key] for locale in locales}
        assert len(set(texts.values())) == len(locales), key  # no locale copies another's text
    assert all("{date}" in table[locale]["i18n.notice.outdated"] for locale in locales)
