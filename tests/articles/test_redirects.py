"""Moving an article keeps its old URL working; short links follow the article."""

import subprocess
from pathlib import Path

from helpcenter.articles.history import last_changed, renames
from helpcenter.articles.model import load_help_center
from helpcenter.articles.redirects import redirects_for_locale, relative


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Writer", "-c", "user.email=w@example.org", *args],
                   check=True, capture_output=True)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_moved_article_redirects_from_its_old_url(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "en/security/index.md", "---\ntitle: Security\n---\n")
    write(docs / "en/security/2fa.md", "---\nid: 7\ntitle: 2FA\ndescription: D\ncategory: security\n---\nBody\n")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "first")
    git(tmp_path, "mv", "docs/en/security/2fa.md", "docs/en/security/enable-2fa.md")
    git(tmp_path, "commit", "-qm", "rename")
    assert renames(docs) == [("en/security/2fa.md", "en/security/enable-2fa.md")]
    assert "en/security/enable-2fa.md" in last_changed(docs)

    hc = load_help_center(docs, ["en", "zh"], "en")
    redirects = redirects_for_locale(hc, "zh", renames(docs))
    assert redirects["zh/security/2fa/"] == ("zh/security/enable-2fa/", "2FA")
    assert redirects["zh/a/7/"] == ("zh/security/enable-2fa/", "2FA")
    assert redirects_for_locale(hc, "en", renames(docs))["security/2fa/"][0] == "security/enable-2fa/"


def test_redirect_from_front_matter(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "en/security/index.md", "---\ntitle: Security\n---\n")
    write(docs / "en/security/x.md",
          "---\nid: 7\ntitle: X\ndescription: D\ncategory: security\nredirect_from: [old/place]\n---\n")
    hc = load_help_center(docs, ["en"], "en")
    assert redirects_for_locale(hc, "en", [])["old/place/"] == ("security/x/", "X")


def test_relative_links_between_site_directories():
    assert relative("zh/a/5/", "zh/security/x/") == "../../security/x/"
    assert relative("a/5/", "security/x/") == "../../security/x/"


def test_each_locale_keeps_its_own_404_page(tmp_path):
    from helpcenter.articles.notfound import place_not_found_page

    (tmp_path / "404.html").write_text("en")
    stash = place_not_found_page(tmp_path, "", None)
    for locale in ("zh", "ja"):
        (tmp_path / "404.html").write_text(locale)  # the next locale's build overwrites the root page
        stash = place_not_found_page(tmp_path, f"{locale}/", stash)
    assert (tmp_path / "404.html").read_text() == "en"
    assert (tmp_path / "zh" / "404.html").read_text() == "zh"
    assert (tmp_path / "ja" / "404.html").read_text() == "ja"
