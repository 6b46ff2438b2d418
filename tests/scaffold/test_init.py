"""`helpcenter init`: a new company's help center, in languages of its own, from the package alone."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpcenter.cli import main
from helpcenter.scaffold import InitError, plan

ROOT = Path(__file__).resolve().parents[2]
# Words of the help center this repository ships, and of its trade, that a generic package must not bring along.
FOREIGN_WORDS = re.compile(r"quillfeather|withdraw|deposit|crypto|wallet|exchange|freez|trading|提币|充值", re.I)


def run(*args: str, cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, env=env)


@pytest.mark.parametrize("arguments, message", [
    (dict(locales="en,Deutsch"), "not a locale code"),
    (dict(locales="en,en"), "names a locale twice"),
    (dict(site_url="help.acme.example"), "not an http(s) address"),
    (dict(name="  "), "--name is empty"),
])
def test_init_refuses_what_it_cannot_use(tmp_path, arguments, message):
    given = dict(name="Acme Help Center", locales="en,de", site_url="https://help.acme.example/") | arguments
    with pytest.raises(InitError, match=re.escape(message)):
        plan(tmp_path / "acme", **given)


def test_init_never_writes_into_a_folder_with_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path)]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


@pytest.fixture(scope="module")
def acme(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("company") / "acme"
    assert main(["init", str(folder), "--name", "Acme Help Center", "--locales", "en,de,ja",
                 "--site-url", "https://help.acme.example/"]) == 0
    return folder


def test_a_locale_without_strings_stops_the_build_naming_the_keys_and_the_file(acme, tmp_path):
    result = run("mkdocs", "build", "--strict", "-d", str(tmp_path / "site"), cwd=acme)
    assert result.returncode != 0
    assert re.search(r"locale 'de' has no text for \d+ reader-visible string\(s\): [a-z]+\.", result.stderr)
    assert "locale 'ja'" not in result.stderr  # the package has Japanese
    assert "docs/strings/de.yml" in result.stderr and "helpcenter i18n strings de" in result.stderr


def test_the_new_help_center_builds_with_the_projects_own_strings_and_passes_the_checks(acme):
    strings = run("helpcenter.cli", "i18n", "strings", "de", cwd=acme)
    assert strings.returncode == 0, strings.stderr
    german = strings.stdout.replace("feedback.question: Was this article helpful?",
                                    "feedback.question: War dieser Artikel hilfreich?")
    assert german != strings.stdout
    (acme / "docs" / "strings").mkdir()
    (acme / "docs" / "strings" / "de.yml").write_text(german, encoding="utf-8")

    for engine in ("mkdocs", "properdocs"):
        site = acme.parent / f"site-{engine}"
        result = run(engine, "build", "--strict", "-d", str(site), cwd=acme)
        assert result.returncode == 0, result.stdout + result.stderr
        for locale in ("", "de/", "ja/"):
            assert (site / locale / "index.html").is_file()
            assert (site / locale / "getting-started" / "index.html").is_file()
            assert (site / locale / "getting-started" / "find-answers" / "index.html").is_file()
            assert (site / locale / "contact" / "index.html").is_file()
            assert (site / locale / "search" / "helpcenter_index.json").is_file()
        article = (site / "de" / "getting-started" / "find-answers" / "index.html").read_text(encoding="utf-8")
        assert "War dieser Artikel hilfreich?" in article  # the project's string, not the package's
        # The widgets' scripts, by their content-hashed names, loaded where their blocks are (page-scripts.js).
        assert re.search(r"assets/javascripts/feedback\.[0-9a-f]{8}\.js", article)
        assert re.search(r"assets/javascripts/contact\.[0-9a-f]{8}\.js", article)
        assert not (site / "strings").exists()  # the project's strings are not published
        catalogue = json.loads((site / "articles.json").read_text(encoding="utf-8"))
        assert {entry["locale"] for entry in catalogue["articles"]} == {"en", "de", "ja"}
        for page in site.rglob("*.html"):
            found = FOREIGN_WORDS.search(page.read_text(encoding="utf-8"))
            assert found is None, f"{page.relative_to(site)}: '{found.group(0)}'"

    check = run("helpcenter.cli", "check", cwd=acme)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_wheel_carries_the_theme_and_builds_a_new_help_center_alone(acme, tmp_path):
    """Built from this repository, unpacked, and first on the path: the build uses its templates and assets."""
    wheel_dir = tmp_path / "wheel"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(ROOT)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheel_dir.glob("helpcenter-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for part in ("helpcenter/theme/main.html", "helpcenter/theme/partials/hc-feedback.html",
                 "helpcenter/theme/assets/javascripts/search-worker.js",
                 "helpcenter/theme/assets/stylesheets/helpcenter.css", "helpcenter/i18n/strings/site.yml"):
        assert part in names, part
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    where = run("helpcenter.cli", "init", "--help", cwd=tmp_path, pythonpath=unpacked)
    assert where.returncode == 0
    site = tmp_path / "site"
    result = run("mkdocs", "build", "--strict", "-d", str(site), cwd=acme, pythonpath=unpacked)
    assert result.returncode == 0, result.stdout + result.stderr
    probe = run("helpcenter.theming", cwd=tmp_path, pythonpath=unpacked)  # importable from the wheel alone
    assert probe.returncode == 0, probe.stderr
    assert list((site / "assets" / "javascripts").glob("search-worker.*.js"))
