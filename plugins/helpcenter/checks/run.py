"""Run the gates on a project: the source checks (no build) and, given a built site, the site checks."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import engine
from ..articles.model import ContentErrors, HelpCenter
from ..articles.views import page_kind
from ..project import Project, load_model, load_project
from ..theming import THEME_DIR
from .config import ChecksConfig
from .findings import Finding, sort_findings
from .links import ExternalLink, SiteSpace, link_findings
from .markup import markup_findings
from .safety import safety_findings
from .site import BuiltSite
from .sources import MarkdownRenderer, SourcePage, Sources, load_sources
from .structure import heading_findings, model_findings

PLUGIN_NAME = "helpcenter-checks"


@dataclass
class Settings:
    """What the gates need from mkdocs.yml, read without building."""

    project: Project
    markdown_extensions: list
    markdown_options: dict
    site_url: str
    options: ChecksConfig
    theme_files: set[str] = field(default_factory=set)  # custom_dir files copied to the site ('assets/…')
    fallback: bool = True  # static-i18n fallback_to_default

    @property
    def display_root(self) -> str:
        docs, root = self.project.docs_dir, self.project.root
        return docs.relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs)


@dataclass
class Report:
    findings: list[Finding]
    external: list[ExternalLink]
    files: int  # Markdown files checked
    locales: int
    hc: HelpCenter | None = None
    space: SiteSpace | None = None


def load_settings(config_file: str | os.PathLike = "mkdocs.yml") -> Settings:
    from mkdocs.config import load_config

    logger = engine.logger()
    level = logger.level
    logger.setLevel(logging.ERROR)  # config notices are the build's business
    try:
        config = load_config(str(config_file))
    finally:
        logger.setLevel(level)
    project = load_project(config_file)
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is not None:
        options = plugin.config
    else:
        options = ChecksConfig()
        options.load_dict({})
        options.validate()
    theme_files = set()
    for folder in filter(None, (config.theme.custom_dir, THEME_DIR)):  # the project's brand, the package's theme
        for file in Path(folder).rglob("*"):
            if file.is_file() and file.suffix != ".html":
                theme_files.add(file.relative_to(folder).as_posix())
    return Settings(project=project, markdown_extensions=list(config.markdown_extensions),
                    markdown_options=dict(config.mdx_configs), site_url=config.site_url or "", options=options,
                    theme_files=theme_files,
                    fallback=bool(project.plugin_options("i18n").get("fallback_to_default", True)))


def title_is_h1(page: SourcePage, hc: HelpCenter | None) -> bool:
    """True where the page's H1 comes from front matter or our template (home, categories, articles)."""
    if hc is not None:
        if page_kind(page.path, hc) in ("home", "category"):
            return True
        return (page.locale, page.path) not in hc.pages or page.path == "index.md"
    return True  # without the model (its errors are reported) every page is held to the article rule


def check_sources(settings: Settings) -> Report:
    project = settings.project
    findings: list[Finding] = []
    hc = None
    try:
        hc = load_model(project)
    except ContentErrors as errors:
        findings += model_findings(errors)
    renderer = MarkdownRenderer(settings.markdown_extensions, settings.markdown_options)
    sources = load_sources(project.docs_dir, project.locales, project.default_locale, renderer,
                           settings.display_root)
    for page in sources.pages.values():
        findings += heading_findings(page, title_is_h1(page, hc))
        findings += safety_findings(page.src, page.parsed, page.lines, settings.options.iframe_hosts)
        findings += markup_findings(page)
    space = SiteSpace(sources, site_url=settings.site_url, fallback=settings.fallback,
                      theme_files=settings.theme_files)
    dead, external = link_findings(space)
    findings += dead
    return Report(sort_findings(findings), external, files=len(sources.pages), locales=len(project.locales),
                  hc=hc, space=space)


def check_site(settings: Settings, site_dir: str | os.PathLike, space: SiteSpace | None = None) -> tuple[list[Finding], int]:
    """Findings in a built site's HTML, and how many pages were read."""
    shown = os.path.relpath(site_dir)
    shown = str(site_dir) if shown.startswith("..") else shown

    def source_of(site_path: str) -> str | None:
        page = space.lookup(site_path) if space is not None else None
        return page.src if isinstance(page, SourcePage) else None

    site = BuiltSite(site_dir, settings.site_url, shown, source_of)
    return sort_findings(site.findings()), len(site.pages)
