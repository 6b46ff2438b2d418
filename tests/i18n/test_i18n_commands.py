"""`helpcenter i18n status|mark|diff|new` in a temporary git repository."""

from __future__ import annotations

import json

from i18n_project import commit, edit, repo, state  # noqa: F401 (repo is a fixture)

from helpcenter.cli import main


def run(root, *args):
    return main(["i18n", *args, "--config", str(root / "mkdocs.yml")])


def status_json(root, capsys, *args):
    capsys.readouterr()
    assert run(root, "status", "--format", "json", *args) == 0
    return json.loads(capsys.readouterr().out)


def test_status_counts_and_percentages_per_locale(repo, capsys):
    data = status_json(repo, capsys)
    zh = next(s for s in data["locales"] if s["locale"] == "zh")
    assert zh["total"] == 3 and (zh["translated"], zh["outdated"], zh["missing"]) == (2, 0, 1)
    assert zh["percent"] == {"translated": 66.7, "outdated": 0.0, "missing": 33.3}
    assert data["articles"][0]["critical"]  # security-critical first
    assert run(repo, "status") == 0
    table = capsys.readouterr().out
    assert "zh      3         2 (66.7%)   0 (0.0%)  1 (33.3%)" in table


def test_edit_outdated_diff_mark_and_ci_gate(repo, capsys):
    """The whole loop: English changes, the translation turns outdated, CI fails, diff shows it, mark clears it."""
    assert run(repo, "status", "--fail-on", "outdated-critical") == 0
    edit(repo, "en/security/enable-2fa.md", "2. Choose **Authenticator app**.",
         "2. Choose **Passkey** (recommended) or **Authenticator app**.")
    commit(repo, "Recommend passkeys\n\nTranslation-Impact: major")
    capsys.readouterr()

    assert run(repo, "status", "--fail-on", "outdated-critical") == 1
    captured = capsys.readouterr()
    assert "FAILED --fail-on: zh: 1 security-critical article(s) outdated" in captured.err
    assert "Security-critical articles out of date:" in captured.out and "security/enable-2fa.md" in captured.out

    assert run(repo, "diff", "zh", "security/enable-2fa.md") == 0
    diff = capsys.readouterr().out
    assert "major Recommend passkeys" in diff
    assert "-2. Choose **Authenticator app**." in diff
    assert "+2. Choose **Passkey** (recommended) or **Authenticator app**." in diff
    assert run(repo, "diff", "zh", "docs/zh/security/enable-2fa.md", "--words") == 0
    assert "{+**Passkey** (recommended) or+}" in capsys.readouterr().out

    # --all leaves outdated translations alone: marking must follow translating.
    assert run(repo, "mark", "zh", "--all") == 0
    assert "skipped docs/zh/security/enable-2fa.md: outdated (major change in English)" in capsys.readouterr().err
    assert state(repo, "zh", 5001).state == "outdated"

    assert run(repo, "mark", "zh", "security/enable-2fa.md") == 0
    assert state(repo, "zh", 5001).state == "translated"
    assert run(repo, "status", "--fail-on", "outdated-critical") == 0
    assert run(repo, "diff", "zh", "security/enable-2fa.md") == 0
    assert "No changes in docs/en/security/enable-2fa.md" in capsys.readouterr().out


def test_mark_changes_only_the_source_revision_line(repo, capsys):
    path = repo / "docs" / "zh" / "security" / "enable-2fa.md"
    before = path.read_text(encoding="utf-8").splitlines()
    edit(repo, "en/security/enable-2fa.md", "protects your account.", "keeps your account safe.")
    commit(repo, "Wording")
    assert run(repo, "mark", "zh", "security/enable-2fa") == 0
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1 and changed[0][1].startswith("source_revision: ")


def test_a_minor_change_fails_only_the_outdated_gate(repo, capsys):
    edit(repo, "en/security/strong-passwords.md", "long, unique", "long and unique")
    commit(repo, "Wording")
    assert run(repo, "status", "--fail-on", "outdated-critical") == 0
    assert run(repo, "status", "--fail-on", "outdated") == 1


def test_status_formats_list_articles_on_request(repo, capsys):
    capsys.readouterr()
    assert run(repo, "status", "--format", "md", "--articles", "--locale", "zh") == 0
    md = capsys.readouterr().out
    assert "| `zh` | 简体中文 | 3 | 2 (66.7%) | 0 (0.0%) | 1 (33.3%) | 0 | 0 |" in md
    assert "[Manage devices](https://help.example/zh/security/devices/)" in md  # missing: links to the fallback
    assert "Español" not in md


def test_new_starts_a_translation_and_refuses_to_overwrite(repo, capsys):
    assert run(repo, "new", "es", "security/enable-2fa.md") == 0
    created = repo / "docs" / "es" / "security" / "enable-2fa.md"
    text = created.read_text(encoding="utf-8")
    assert text.startswith("---\nid: 5001\ntitle: Turn on two-factor authentication\n")
    assert "updated:" not in text and "source_revision: " in text and "1. Open **Security**." in text
    assert state(repo, "es", 5001).state == "translated"
    capsys.readouterr()
    created.write_text(text.replace("Turn on", "Activa"), encoding="utf-8")
    assert run(repo, "new", "es", "security/enable-2fa.md") == 1
    err = capsys.readouterr().err
    assert "docs/es/security/enable-2fa.md already exists" in err
    assert "Activa" in created.read_text(encoding="utf-8")


def test_bad_locale_and_paths_are_clear_errors(repo, capsys):
    capsys.readouterr()
    assert run(repo, "status", "--locale", "de") == 1
    assert "locale 'de' is not configured in " in capsys.readouterr().err
    assert run(repo, "new", "en", "security/devices.md") == 1
    assert "'en' is the default locale" in capsys.readouterr().err
    assert run(repo, "new", "zh", "security/no-such-article.md") == 1
    assert "docs/en/security/no-such-article.md is not an English article" in capsys.readouterr().err
    assert run(repo, "mark", "es", "security/enable-2fa.md") == 1
    assert "docs/es/security/enable-2fa.md does not exist: start it with 'helpcenter i18n new es" in capsys.readouterr().err
    assert run(repo, "mark") == 1
    assert "or use --all" in capsys.readouterr().err


def test_a_translation_without_english_source_is_named(repo, capsys):
    orphan = repo / "docs" / "zh" / "security" / "old-article.md"
    orphan.write_text("---\nid: 5999\ntitle: 旧文章\ndescription: 旧。\ncategory: security\n---\n\n旧。\n", encoding="utf-8")
    capsys.readouterr()
    assert run(repo, "status") == 1
    err = capsys.readouterr().err
    assert "docs/zh/security/old-article.md: this translation has no English source" in err


def test_a_locale_folder_missing_from_mkdocs_yml_is_named(repo, capsys):
    folder = repo / "docs" / "de" / "security"
    folder.mkdir(parents=True)
    (folder / "devices.md").write_text("---\nid: 5006\ntitle: Geräte\ndescription: x\ncategory: security\n---\n", encoding="utf-8")
    capsys.readouterr()
    assert run(repo, "status") == 1
    err = capsys.readouterr().err
    assert "docs/de/: folder 'de' is not a configured locale" in err and "mkdocs.yml" in err


def test_a_missing_revision_fails_the_ci_gate_and_names_the_file(repo, capsys):
    path = repo / "docs" / "zh" / "security" / "strong-passwords.md"
    revision = state(repo, "zh", 5003).translation.source_revision
    path.write_text(path.read_text(encoding="utf-8").replace(revision, "deadbeefdeadbeef"), encoding="utf-8")
    capsys.readouterr()
    assert run(repo, "status") == 0
    assert "docs/zh/security/strong-passwords.md:6: field 'source_revision': commit 'deadbeefdeadbeef' does not exist" \
        in capsys.readouterr().out
    assert run(repo, "status", "--fail-on", "outdated-critical") == 1
    assert "FAILED: docs/zh/security/strong-passwords.md:6" in capsys.readouterr().err
    assert run(repo, "diff", "zh", "security/strong-passwords.md") == 1
    assert "does not exist in this repository" in capsys.readouterr().err


def test_mark_records_a_content_hash_while_the_english_file_is_not_committed(repo, capsys):
    edit(repo, "en/security/enable-2fa.md", "protects your account.", "keeps your account safe.")
    capsys.readouterr()
    assert run(repo, "mark", "zh", "security/enable-2fa.md") == 0
    assert "content hash: docs/en/security/enable-2fa.md is not committed as it is" in capsys.readouterr().out
    recorded = state(repo, "zh", 5001).translation.source_revision
    assert recorded.startswith("sha256:") and state(repo, "zh", 5001).state == "translated"
    commit(repo, "Wording")  # the same text, now committed: still what the translation was made from
    assert state(repo, "zh", 5001).state == "translated"
    assert run(repo, "diff", "zh", "security/enable-2fa.md") == 0
    assert "The English file is unchanged since." in capsys.readouterr().out
    edit(repo, "en/security/enable-2fa.md", "keeps your account safe.", "keeps your account safer.")
    commit(repo, "More wording")
    assert state(repo, "zh", 5001).state == "outdated"
