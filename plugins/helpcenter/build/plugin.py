"""MkDocs wiring of the build speed-ups. The logic lives in the sibling modules; this class passes data."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..adapters import mkdocs_build, static_i18n
from .config import BuildConfig
from .navigation import page_navigation
from .outputs import SITEMAP, gzip_as, merge_tree, read_text, stitch_sitemaps
from .renders import Render, RenderCache, markdown_settings, relative_targets, render_key, site_urls
from .templates import MemoryBytecodeCache
from .workers import WorkerFailed, WorkerPool

log = logging.getLogger("mkdocs.plugins.helpcenter.build")

PLUGIN_NAME = "helpcenter-build"
# `mkdocs serve` builds only these locales (comma-separated) and the default one, for quick rebuilds;
# "all" (or no value) builds every locale. `make serve` sets it from LOCALES (default: the default locale).
SERVE_LOCALES = "HELPCENTER_SERVE_LOCALES"


class BuildPlugin(BasePlugin[BuildConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.command: str | None = None
        self.templates = MemoryBytecodeCache()
        self.renders = RenderCache()
        self._pool: WorkerPool | None = None
        self._markdown_settings = ""
        self._urls: set[str] = set()
        self._files_by_url: dict = {}
        self._keep_renders = False
        self._folders: list[Path] = []  # the locale workers' output folders, in build order
        self._default_sitemap: str | None = None

    def on_startup(self, *, command, dirty):
        self.command = command

    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        if not static_i18n.is_building_other_locales(config):  # a new build starts with the default locale
            wanted = {code.strip() for code in os.environ.get(SERVE_LOCALES, "").split(",") if code.strip()}
            if self.command == "serve" and wanted and wanted != {"all"}:
                unknown = wanted - set(static_i18n.all_locales(config))
                if unknown:
                    raise PluginError(f"{SERVE_LOCALES}={os.environ[SERVE_LOCALES]}: no locale "
                                      f"{', '.join(sorted(unknown))} in mkdocs.yml. Fix: use some of "
                                      f"{', '.join(static_i18n.all_locales(config))}, or 'all'")
                built = mkdocs_build.build_only_locales(config, wanted)
                log.info(f"Building only {', '.join(built)} ({SERVE_LOCALES}); "
                         f"`make serve LOCALES=all` builds every locale")
            if self.command == "serve":
                # Rebuilds after an edit reuse what did not change: templates (checked against their
                # source) and renders (checked against their Markdown, settings and link targets).
                self.renders.next_build()
            else:
                self.templates.clear()
                self.renders.clear()
            self._keep_renders = self.config.reuse_fallback_renders and (
                self.command == "serve" or len(static_i18n.locales(config)) > 1)
            if self.command == "build" and self.config.parallel_locales and len(static_i18n.locales(config)) > 2:
                self._pool = WorkerPool(self.config.workers or None)
                mkdocs_build.replace_locale_build(self._build_locale)
        if len(static_i18n.locales(config)) > 1:
            static_i18n.find_alternates_once(config)
        if self.config.reuse_fallback_renders:
            mkdocs_build.wrap_page_render(self._render)
        self._markdown_settings = markdown_settings(config)
        return config

    @event_priority(-200)  # after static-i18n (-100) has chosen the locale's files
    def on_files(self, files, *, config):
        if self.config.enabled and self._keep_renders:
            self._urls = site_urls(files)
            self._files_by_url = {file.url: file for file in files}
        return files

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled and self.config.trim_pruned_navigation and context.get("nav") is not None:
            context["nav"] = page_navigation(context["nav"], config.theme.get("features") or [])
        return context

    def on_env(self, env, *, config, files):
        if self.config.enabled and self.config.share_compiled_templates:
            env.bytecode_cache = self.templates
        return env

    @event_priority(-200)  # after static-i18n's on_post_build (-100), which runs the other locales' builds
    def on_post_build(self, *, config):
        if not self.config.enabled or static_i18n.is_building_other_locales(config):
            return
        self._finish()
        if self.renders.reused:
            log.debug(f"{self.renders.reused} pages reused an earlier render, {self.renders.converted} were converted")

    def on_build_error(self, *, error):
        if self._pool is not None:
            self._pool.stop()
        self._remove_folders()
        self._finish()

    def on_shutdown(self):
        mkdocs_build.unwrap_page_render()
        mkdocs_build.restore_locale_build()

    def _finish(self):
        mkdocs_build.restore_locale_build()
        self._pool = None

    # -- parallel locale builds ------------------------------------------------------------------------------
    def _build_locale(self, config, dirty=False):
        """Called by static-i18n for each non-default locale in turn: start its build in a worker, and after
        the last one wait for all and put their outputs in the site, so static-i18n goes on only when every
        locale is written."""
        if dirty:  # a dirty build compares with the pages already in the site: build here, in order
            return mkdocs_build.run_locale_build(config, dirty=dirty)
        locale = static_i18n.current_locale(config)
        others = [code for code in static_i18n.locales(config) if code != static_i18n.default_locale(config)]
        site_dir = Path(config.site_dir)
        if not self._folders:
            self._default_sitemap = read_text(site_dir / SITEMAP)
        folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{locale}-", dir=site_dir.parent))
        self._folders.append(folder)
        entries = mkdocs_build.merged_search_entries(config)
        known = len(entries) if entries is not None else 0

        def job():
            errors = _ErrorRecorder()
            logging.getLogger("mkdocs").addHandler(errors)
            config.site_dir = str(folder)
            try:
                mkdocs_build.run_locale_build(config, dirty=dirty)
            except BaseException as error:
                raise RuntimeError("; ".join(errors.messages + [str(error) or type(error).__name__])) from None
            # Material's search entries (when Material's search plugin is on) go back to static-i18n.
            return entries[known:] if entries is not None else None

        try:
            self._pool.start(locale, job)
            if locale != others[-1]:
                return None
            results = self._pool.wait()
        except WorkerFailed as failure:
            self._remove_folders()
            raise PluginError(f"Building the '{failure.name}' locale failed: {failure.message}") from None
        for result in results.values():
            if entries is not None and result:
                entries.extend(result)
        self._collect_outputs(site_dir)
        return None

    def _collect_outputs(self, site_dir: Path) -> None:
        sitemaps = [read_text(folder / SITEMAP) for folder in self._folders]
        last_gz = self._folders[-1] / (SITEMAP + ".gz")
        reference = last_gz.read_bytes() if last_gz.is_file() else b""
        for folder in self._folders:
            merge_tree(folder, site_dir)
        self._folders = []
        if self._default_sitemap is None or None in sitemaps:
            return
        sitemap = stitch_sitemaps(self._default_sitemap, sitemaps)
        if sitemap is None:
            log.warning("sitemap.xml has an unexpected shape; it lists the last locale built with the default one")
            return
        (site_dir / SITEMAP).write_text(sitemap, encoding="utf-8")
        if reference:
            gz = site_dir / (SITEMAP + ".gz")
            gz.write_bytes(gzip_as(sitemap, reference, str(gz)))

    def _remove_folders(self) -> None:
        for folder in self._folders:
            shutil.rmtree(folder, ignore_errors=True)
        self._folders = []

    # -- fallback pages reuse the default locale's render --------------------------------------------------
    def _render(self, render, page, config, files):
        if config.plugins.get(PLUGIN_NAME) is not self or not self.config.enabled:
            return render(page, config, files)
        default = static_i18n.default_locale(config)
        serving = self.command == "serve"
        if not (serving or mkdocs_build.file_locale(page.file) == default):
            return render(page, config, files)
        key = render_key(mkdocs_build.norm_src_uri(page.file), page.markdown, self._markdown_settings)
        cached = self.renders.find(key, page.url, self._urls) if self._keep_renders else None
        links = cached and _remap_anchor_links(cached, page.url, self._files_by_url)
        if cached is None or links is False:
            self.renders.converted += 1
            render(page, config, files)
            # Fallback pages find the default locale's renders; under `mkdocs serve` the next rebuild finds all.
            if self._keep_renders and (serving or static_i18n.current_locale(config) == default):
                self.renders.store(key, Render(page_url=page.url, results=mkdocs_build.render_results(page),
                                               targets=relative_targets(page.content, page.url)))
            return None
        mkdocs_build.apply_render_results(page, dict(cached.results, links_to_anchors=links))
        self.renders.reused += 1
        return None


def _remap_anchor_links(render: Render, page_url: str, files_by_url: dict):
    """links_to_anchors names the default locale's files; point it at this locale's copies (False: one is missing)."""
    links = render.results.get("links_to_anchors")
    if not links:
        return links
    prefix = page_url[:len(page_url) - len(render.page_url)]
    remapped = {}
    for file, anchors in links.items():
        counterpart = files_by_url.get(prefix + file.url)
        if counterpart is None:
            return False
        remapped[counterpart] = anchors
    return remapped


class _ErrorRecorder(logging.Handler):
    """Keeps a worker's error messages, so the parent's failure says what went wrong."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())
