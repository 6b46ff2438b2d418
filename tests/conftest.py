"""Shared fixtures: the real site built once per test run, a loopback web server, headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpcenter.i18n.strings import use_project_strings
from helpcenter.static_server import serve_directory

ROOT = Path(__file__).resolve().parents[1]
# The shipped help center's own interface words (docs/strings/) over the package's defaults, as its build has them.
use_project_strings(ROOT / "docs" / "strings")
CHROMIUM = os.environ.get("HELPCENTER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def mkdocs_build(config_file: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` the way writers and CI do; returns the finished process."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file),
                           "-d", str(site_dir), *extra], capture_output=True, text=True, env=env, cwd=config_file.parent)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped help center, built once with --strict."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


def copy_project(destination: Path) -> Path:
    """A throwaway copy of the project (config, docs, overrides) to plant faults in; returns its mkdocs.yml."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, destination / name)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination / "mkdocs.yml"


# The translations the fallback project lacks, so that it has English fallback pages whichever locales the shipped
# help center has finished translating: in fr every article of one category (its index.md stays: a translated
# category page over English articles) and one security article; in ja a whole category with its index.md (a category
# the locale has not translated at all).
FALLBACK_REMOVALS = {
    "fr": ["earn/redeem.md", "earn/rewards.md", "earn/risks.md", "earn/savings-and-staking.md", "earn/staking.md",
           "security/enable-2fa.md"],
    "ja": ["derivatives"],
}


@dataclass
class FallbackProject:
    """A copy of the project with FALLBACK_REMOVALS taken out, its model, and (for `fallback_site`) its build."""
    config: Path
    project: object  # helpcenter.project.Project
    hc: object  # helpcenter.articles.model.HelpCenter
    site: Path | None = None

    def fallbacks(self, locale: str) -> list:
        """The articles `locale` shows in English, in the model's order."""
        return [self.hc.article(i, locale) for i in self.hc.ids() if self.hc.state(i, locale) == "fallback"]


def _make_fallback_project(destination: Path) -> FallbackProject:
    from helpcenter.project import load_model, load_project

    config = copy_project(destination)
    for locale, paths in FALLBACK_REMOVALS.items():
        for relative in paths:
            target = destination / "docs" / locale / relative
            assert target.exists(), f"{target} is gone from the shipped docs: choose other FALLBACK_REMOVALS"
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    project = load_project(config)
    return FallbackProject(config=config, project=project, hc=load_model(project))


@pytest.fixture(scope="session")
def fallback_project(tmp_path_factory) -> FallbackProject:
    """The project with fallbacks in fr and ja (see FALLBACK_REMOVALS) and its model, not built."""
    return _make_fallback_project(tmp_path_factory.mktemp("fallback-project"))


@pytest.fixture(scope="session")
def fallback_site(fallback_project) -> FallbackProject:
    """`fallback_project` built once with --strict: fr and ja show English fallback pages."""
    site = fallback_project.config.parent / "site"
    result = mkdocs_build(fallback_project.config, site)
    assert result.returncode == 0, f"mkdocs build --strict of the fallback project failed:\n{result.stdout}\n{result.stderr}"
    fallback_project.site = site
    return fallback_project


@pytest.fixture(scope="session")
def serve():
    """serve(directory) -> base URL of a loopback HTTP server for that directory (stopped at the end)."""
    servers = []

    def start(directory: Path) -> str:
        base, server = serve_directory(directory)
        servers.append(server)
        return base

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright. Missing Chromium fails the run: it is never skipped."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: run `make test` (it installs Debian's chromium) or "
                    "`apt-get install chromium fonts-noto-cjk`.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="module")
def search_scripts_page(built_site, serve, browser):
    """A page of the built site with lunr.js and our search scripts loaded, to call them directly."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(serve(built_site) + "404.html")
    for script in ("vendor/lunr.js", "search-analysis.js", "search-engine.js"):
        tab.add_script_tag(path=str(ROOT / "plugins/helpcenter/theme/assets/javascripts" / script))
    yield tab
    context.close()
