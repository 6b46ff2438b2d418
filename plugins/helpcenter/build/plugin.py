"""MkDocs wiring of the build speed-ups. The logic lives in the sibling modules; this class passes data."""

from __future__ import annotations

import functools
import gc
import logging
import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from .. import engine, theming
from ..adapters import mkdocs_build, static_i18n
from .assets import HashedAssets, hashed_assets, minified, write_hashed_assets
from .compress import default_cache_dir, precompress_site
from .config import BuildConfig
from .navigation import page_navigation
from .outputs import SITEMAP, gzip_as, merge_tree, read_text, stitch_sitemaps
from .renders import Render, RenderCache, markdown_settings, relative_targets, render_key, site_urls
from .templates import MemoryBytecodeCache, compile_ahead, keep_macro_results, page_templates, use_quick_lookups
from .workers import WorkerFailed, WorkerPool

log = engine.logger("plugins.helpcenter.build")

PLUGIN_NAME = "helpcenter-build"
# A build makes millions of small objects, most of which live until its end; Python's default thresholds
# (a young collection every 700 new objects, a full one every 100 of those) spent a tenth of the build on them.
GARBAGE_THRESHOLDS = (10_000, 20, 20)
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
        self._converters: dict = {}  # Markdown settings -> the converter every page with them uses
        self._urls: set[str] = set()
        self._files_by_url: dict = {}
        self._keep_renders = False
        self._dirty = False
        self._order: list[str] = []  # the non-default locales, in static-i18n's build order
        self._folders: dict[str, Path] = {}  # locale -> its worker's output folder
        self._thresholds: tuple[int, int, int] | None = None  # Python's, restored when MkDocs is done
        self._trimmed: dict = {}  # top-level sections trimmed for pruned navigation, per locale build
        self._assets = HashedAssets()  # our scripts' and stylesheets' content-hashed names
        self._page_scripts: list[tuple[str, str]] = []  # scripts loaded only on pages with their elements

    def on_startup(self, *, command, dirty):
        self.command = command
        self._dirty = dirty
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(*GARBAGE_THRESHOLDS)

    @event_priority(100)
    def _configure(self, config):
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
            mkdocs_build.forget_theme_files()
            if self.command == "serve":
                # Rebuilds after an edit reuse what did not change: templates (checked against their
                # source) and renders (checked against their Markdown, settings and link targets).
                self.renders.next_build()
            else:
                self.templates.clear()
                self.renders.clear()
            self._keep_renders = self.config.reuse_fallback_renders and (
                self.command == "serve" or len(static_i18n.locales(config)) > 1)
            if (self.command == "build" and not self._dirty and self.config.parallel_locales
                    and len(static_i18n.locales(config)) > 2):
                self._pool = WorkerPool(self.config.workers or None)
                mkdocs_build.replace_locale_build(self._build_locale)
        if len(static_i18n.locales(config)) > 1:
            static_i18n.handle_locale_files_quickly(config)
            mkdocs_build.list_theme_files_once()
        if self.config.reuse_fallback_renders:
            mkdocs_build.wrap_page_render(self._render)
        self._markdown_settings = markdown_settings(config)
        return config

    @event_priority(-500)  # after every plugin has registered its stylesheets and scripts
    def _arrange_assets(self, config):
        self._page_scripts = []
        if self.config.enabled and self.config.load_scripts_on_demand:
            self._page_scripts = theming.take_on_demand_scripts(config.extra_javascript)
        if not (self.config.enabled and self.config.hash_asset_names):
            self._assets = HashedAssets()
            return config
        if not static_i18n.is_building_other_locales(config):
            self._assets = hashed_assets(config.theme.dirs, minified if self.config.minify_assets else None)
        self._assets.rewrite(config.extra_css)
        self._assets.rewrite(config.extra_javascript)
        return config

    on_config = CombinedEvent(_configure, _arrange_assets)

    @event_priority(-200)  # after static-i18n (-100) has chosen the locale's files
    def on_files(self, files, *, config):
        if self.config.enabled and self._keep_renders:
            self._urls = site_urls(files)
            self._files_by_url = {file.url: file for file in files}
        return files

    def on_page_context(self, context, *, page, config, nav):
        return self._trim_navigation(context, config)

    def on_template_context(self, context, *, template_name, config):
        return self._trim_navigation(context, config)  # the 404 page: no section is active

    def _trim_navigation(self, context, config):
        if self.config.enabled and self.config.trim_pruned_navigation and context.get("nav") is not None:
            context["nav"] = page_navigation(context["nav"], config.theme.get("features") or [], self._trimmed)
        return context

    @event_priority(-200)  # the last of the default build's on_env: the workers fork from here
    def on_env(self, env, *, config, files):
        env.globals["hc_asset"] = self._assets.url  # templates name our scripts and stylesheets through it
        env.globals["hc_page_scripts"] = [(self._assets.url(path), when) for path, when in self._page_scripts]
        env.globals["hc_page_scripts_loader"] = self._assets.url(theming.PAGE_SCRIPTS_LOADER)
        if self.config.enabled and self.config.share_compiled_templates:
            env.bytecode_cache = self.templates
        if self.config.enabled and self.config.quick_template_lookups:
            use_quick_lookups(env)
        if self.config.enabled and self.config.keep_macro_results:
            keep_macro_results(env)
        self._trimmed = {}  # one locale build's navigation
        if self._pool is not None and not static_i18n.is_building_other_locales(config):
            if self.config.share_compiled_templates:  # this process renders with them too: no work lost
                compile_ahead(env, ["main.html", *sorted(config.theme.static_templates), *page_templates(files)])
            self._start_locale_builds(config)
        return env

    @event_priority(-200)  # after static-i18n's on_post_build (-100), which runs the other locales' builds
    def _finish_locale_builds(self, *, config):
        if not self.config.enabled or static_i18n.is_building_other_locales(config):
            return
        self._finish()
        if self.renders.reused:
            log.debug(f"{self.renders.reused} pages reused an earlier render, {self.renders.converted} were converted")

    @event_priority(-900)  # after every plugin's files, before the copies are compressed
    def _publish_hashed_assets(self, *, config):
        if self._assets.names and not static_i18n.is_building_other_locales(config):
            write_hashed_assets(config.site_dir, self._assets)

    @event_priority(-1000)  # the very last: every plugin has written its files (helpcenter-i18n's sitemaps at -300)
    def _precompress(self, *, config):
        if (not self.config.enabled or not self.config.precompress or self.command == "serve"
                or static_i18n.is_building_other_locales(config)):
            return
        cache = self.config.compress_cache_dir
        if cache is None:
            cache = default_cache_dir()
        elif cache:
            cache = os.path.join(os.path.dirname(config.config_file_path or "."), os.path.expanduser(cache))
        report = precompress_site(config.site_dir, brotli_quality=self.config.brotli_quality,
                                  page_brotli_quality=self.config.page_brotli_quality, cache_dir=cache or None)
        if report.original_bytes:
            log.info(f"Precompressed {report.files} files: {report.original_bytes / 1e6:.1f} MB, "
                     f"{report.gzip_bytes / 1e6:.1f} MB gzip, {report.brotli_bytes / 1e6:.1f} MB Brotli")

    on_post_build = CombinedEvent(_finish_locale_builds, _publish_hashed_assets, _precompress)

    def on_build_error(self, *, error):
        if self._pool is not None:
            self._pool.stop()
        self._remove_folders()
        self._finish()

    def on_shutdown(self):
        mkdocs_build.unwrap_page_render()
        mkdocs_build.restore_locale_build()
        mkdocs_build.restore_theme_files()
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def _finish(self):
        mkdocs_build.restore_locale_build()
        self._pool = None

    # -- parallel locale builds ------------------------------------------------------------------------------
    def _start_locale_builds(self, config) -> None:
        """Once the default locale's Markdown is converted (its renders are what fallback pages reuse), fork
        the workers that build the other locales, while this process goes on with the default locale's pages.
        Each locale build writes into a folder of its own."""
        default = static_i18n.default_locale(config)
        self._order = [code for code in static_i18n.locales(config) if code != default]
        site_dir = Path(config.site_dir)
        site_dir.parent.mkdir(parents=True, exist_ok=True)  # MkDocs makes the site's folders as it writes
        self._folders = {code: Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{code}-", dir=site_dir.parent))
                         for code in self._order}
        self._pool.run([(code, functools.partial(self._build_in_worker, config, code, self._folders[code]))
                        for code in self._order],
                       together=locale_groups(self._order, static_i18n.source_page_counts(config)))

    def _build_locale(self, config, dirty=False):
        """Called by static-i18n for each non-default locale in turn, after the default build: the workers
        build them; at the last one, wait for all and put their outputs in the site, so static-i18n goes on
        only when every locale is written. Without workers (`mkdocs serve`, --dirty), build here, in order."""
        if not self._folders:
            return mkdocs_build.run_locale_build(config, dirty=dirty)
        if static_i18n.current_locale(config) != self._order[-1]:
            return None
        try:
            results = self._pool.wait()
        except WorkerFailed as failure:
            self._remove_folders()
            raise PluginError(f"Building the '{failure.name}' locale failed: {failure.message}") from None
        entries = mkdocs_build.merged_search_entries(config)
        if entries is not None:  # Material's search entries go back to static-i18n, in its order
            for code in self._order:
                entries.extend(results.get(code) or [])
        self._collect_outputs(Path(config.site_dir))
        return None

    def _build_in_worker(self, config, locale: str, folder: Path):
        """One locale's build in a worker process; returns its Material search entries (when Material's search
        plugin is on) for static-i18n. The pool and the other folders are the parent's: a failing build here
        leaves them alone."""
        self._pool, self._folders = None, {}
        errors = _ErrorRecorder()
        logger = engine.logger()
        logger.addHandler(errors)
        config.site_dir = str(folder)
        mkdocs_build.enter_locale_build(config, locale)
        entries = mkdocs_build.merged_search_entries(config)
        known = len(entries) if entries is not None else 0
        try:
            mkdocs_build.run_locale_build(config)
        except BaseException as error:
            raise RuntimeError("; ".join(errors.messages + [str(error) or type(error).__name__])) from None
        finally:
            logger.removeHandler(errors)
        return entries[known:] if entries is not None else None

    def _collect_outputs(self, site_dir: Path) -> None:
        folders = [self._folders[code] for code in self._order]
        sitemaps = [read_text(folder / SITEMAP) for folder in folders]
        default_sitemap = read_text(site_dir / SITEMAP)
        last_gz = folders[-1] / (SITEMAP + ".gz")
        reference = last_gz.read_bytes() if last_gz.is_file() else b""
        for folder in folders:
            merge_tree(folder, site_dir)
        self._folders = {}
        if default_sitemap is None or None in sitemaps:
            return
        sitemap = stitch_sitemaps(default_sitemap, sitemaps)
        if sitemap is None:
            log.warning("sitemap.xml has an unexpected shape; it lists the last locale built with the default one")
            return
        (site_dir / SITEMAP).write_text(sitemap, encoding="utf-8")
        if reference:
            gz = site_dir / (SITEMAP + ".gz")
            gz.write_bytes(gzip_as(sitemap, reference, str(gz)))

    def _remove_folders(self) -> None:
        for folder in self._folders.values():
            shutil.rmtree(folder, ignore_errors=True)
        self._folders = {}

    # -- fallback pages reuse the default locale's render --------------------------------------------------
    def _render(self, render, page, config, files):
        if config.plugins.get(PLUGIN_NAME) is not self or not self.config.enabled:
            return render(page, config, files)
        default = static_i18n.default_locale(config)
        serving = self.command == "serve"
        if not (serving or mkdocs_build.file_locale(page.file) == default):
            return self._convert(render, page, config, files)
        key = render_key(mkdocs_build.norm_src_uri(page.file), page.markdown, self._markdown_settings)
        cached = self.renders.find(key, page.url, self._urls) if self._keep_renders else None
        links = cached and _remap_anchor_links(cached, page.url, self._files_by_url)
        if cached is None or links is False:
            self.renders.converted += 1
            self._convert(render, page, config, files)
            # Fallback pages find the default locale's renders; under `mkdocs serve` the next rebuild finds all.
            if self._keep_renders and (serving or static_i18n.current_locale(config) == default):
                self.renders.store(key, Render(page_url=page.url, results=mkdocs_build.render_results(page),
                                               targets=relative_targets(page.content, page.url)))
            return None
        mkdocs_build.apply_render_results(page, dict(cached.results, links_to_anchors=links))
        self.renders.reused += 1
        return None

    def _convert(self, render, page, config, files):
        if not self.config.one_markdown_converter:
            return render(page, config, files)
        converter = self._converters.get(self._markdown_settings)
        if converter is None:
            converter = self._converters[self._markdown_settings] = mkdocs_build.markdown_converter(config)
        return mkdocs_build.render_page(page, config, files, converter)


def locale_groups(locales: list[str], own_pages: dict[str, int]) -> list[list[int]]:
    """Positions in `locales` of the locale builds a worker runs one after another: the variants of a
    language (zh, zh-TW) together, as they load the same dictionaries, e.g. for word segmentation. The
    groups with the most pages of their own (whose Markdown is converted) first, so that no worker is left
    with a big one at the end."""
    groups: dict[str, list[int]] = {}
    for position, code in enumerate(locales):
        groups.setdefault(code.split("-")[0].lower(), []).append(position)
    return sorted(groups.values(), key=lambda group: -sum(own_pages.get(locales[p], 0) for p in group))


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
