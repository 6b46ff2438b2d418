"""What the built site shows: reader notices, the `outdated` state in articles.json, the team's status page."""

from __future__ import annotations

import json

from conftest import mkdocs_build
from i18n_project import commit, edit, repo, state  # noqa: F401 (repo is a fixture)


def test_site_shows_notices_states_and_the_status_page(repo, tmp_path):
    edit(repo, "en/security/enable-2fa.md", "1. Open **Security**.", "1. Open **Account** > **Security**.")
    commit(repo, "The security menu moved\n\nTranslation-Impact: major", date="2026-03-07")
    edit(repo, "en/security/strong-passwords.md", "long, unique", "long and unique")
    commit(repo, "Wording", date="2026-03-08")
    site = tmp_path / "site"
    result = mkdocs_build(repo / "mkdocs.yml", site)
    assert result.returncode == 0, result.stdout + result.stderr

    major = (site / "zh" / "security" / "enable-2fa" / "index.html").read_text(encoding="utf-8")
    assert 'class="hc-notice hc-notice--outdated"' in major
    assert '本文的英文版已于 2026年3月7日 更新，此译文可能已过时。 <a href="../../../security/enable-2fa/">阅读英文版</a>' in major
    assert 'data-state="outdated"' in major
    minor = (site / "zh" / "security" / "strong-passwords" / "index.html").read_text(encoding="utf-8")
    assert "hc-notice--outdated" not in minor and 'data-state="outdated"' in minor  # translators only
    machine = (site / "es" / "security" / "devices" / "index.html").read_text(encoding="utf-8")
    assert "hc-notice--machine" in machine and "Este artículo se tradujo automáticamente" in machine
    fallback = (site / "es" / "security" / "enable-2fa" / "index.html").read_text(encoding="utf-8")
    assert "hc-notice--fallback" in fallback and "hc-notice--outdated" not in fallback
    english = (site / "security" / "enable-2fa" / "index.html").read_text(encoding="utf-8")
    assert "hc-notice" not in english

    states = {(a["locale"], a["id"]): a["state"] for a in json.loads((site / "articles.json").read_text())["articles"]}
    assert states[("zh", 5001)] == "outdated" and states[("zh", 5003)] == "outdated"
    assert states[("zh", 5006)] == "fallback" and states[("es", 5006)] == "translated"

    page = (site / "team" / "translation-status" / "index.html").read_text(encoding="utf-8")
    assert "Security-critical translations out of date" in page
    assert '<a href="../../zh/security/enable-2fa/">Turn on two-factor authentication</a>' in page
    assert "2026-03-07 major: The security menu moved" in page
    # The team page is built in the default locale only; other locales' addresses redirect to it.
    redirect = (site / "zh" / "team" / "translation-status" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../../../team/translation-status/"' in redirect
    search = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "translation-status" not in search  # readers do not find it


def test_a_revision_that_does_not_exist_fails_the_strict_build_naming_the_file(repo, tmp_path):
    path = repo / "docs" / "zh" / "security" / "enable-2fa.md"
    revision = state(repo, "zh", 5001).translation.source_revision
    path.write_text(path.read_text(encoding="utf-8").replace(revision, "abcdef1234567"), encoding="utf-8")
    result = mkdocs_build(repo / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/zh/security/enable-2fa.md:8: field 'source_revision': commit 'abcdef1234567' does not exist" in output
