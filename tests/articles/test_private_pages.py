"""Pages for the team (`private_pages`, e.g. docs/en/team/ and the translation-status page): one location, in
the default locale, that every locale's address reaches; out of the navigation and the sitemaps; noindex."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from helpcenter.articles.redirects import private_page_redirects
from helpcenter.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT / "mkdocs.yml")
TEAM_PAGES = ["team/build-performance/", "team/translation-status/"]


def test_each_locale_redirects_its_addresses_of_the_private_pages():
    assert private_page_redirects(TEAM_PAGES, "zh/") == {
        "zh/team/build-performance/": ("team/build-performance/", "team/build-performance/"),
        "zh/team/translation-status/": ("team/translation-status/", "team/translation-status/")}


def test_team_pages_are_private_and_reachable_from_every_locale(built_site):
    for url in TEAM_PAGES:
        page = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in page, url
        # The language switcher leads to each locale's home, not to a copy of the page.
        switcher = dict((lang, href) for href, lang in re.findall(
            r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link"', page))
        assert switcher == {locale: "/" + ("" if locale == PROJECT.default_locale else f"{locale}/")
                            for locale in PROJECT.locales}, url
        for locale in PROJECT.locales:
            if locale == PROJECT.default_locale:
                continue
            directory = f"{locale}/{url}"
            redirect = (built_site / directory / "index.html").read_text(encoding="utf-8")
            target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', redirect).group(1)
            assert urlparse(urljoin("https://h.example/" + directory, target)).path == "/" + url, directory
            assert 'name="robots" content="noindex"' in redirect and "md-content" not in redirect, directory


def test_no_readers_page_links_to_a_team_page_and_no_sitemap_lists_one(built_site):
    for html in built_site.rglob("index.html"):
        rel = html.relative_to(built_site).as_posix()
        if "/team/" in "/" + rel:
            continue
        text = html.read_text(encoding="utf-8")
        assert not re.search(r'href="[^"]*team/', text), rel
        assert '<meta name="robots" content="noindex">' not in text or "http-equiv=\"refresh\"" in text, rel
    for sitemap in [built_site / "sitemap-hreflang.xml", *built_site.rglob("sitemap.xml")]:
        assert "/team/" not in sitemap.read_text(encoding="utf-8"), sitemap


def test_the_readme_links_the_translation_status_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"\]\([^)]*team/translation-status/?\)", readme)


def test_a_one_locale_build_keeps_the_private_pages_out_of_its_sitemap(tmp_path):
    from conftest import copy_project, mkdocs_build

    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      docs_structure: folder", "      docs_structure: folder\n      build_only_locale: en"),
                      encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://help.quillfeather.example/security/enable-2fa/</loc>" in sitemap and "/team/" not in sitemap
    page = (tmp_path / "site" / "team" / "build-performance" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page
