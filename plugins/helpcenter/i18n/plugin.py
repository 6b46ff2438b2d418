"""MkDocs wiring of translation state: report problems once per build and add the team's status page; and
of the sitemaps (a small one per locale for browsers, the hreflang one for search engines, see sitemaps.py).

The state itself is computed once per build with the article model (helpcenter.articles.views.collect_build_data
calls helpcenter.i18n.translation); this plugin only passes it on.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .. import engine, theming
from ..adapters import static_i18n
from ..build.outputs import gzip_as, read_text
from .config import I18nConfig
from .sitemaps import HREFLANG_SITEMAP, ROBOTS, SITEMAP, locale_sitemaps, robots_txt, without_hreflang_links
from .status_page import status_page_markdown
from .strings import StringsError, missing_strings_error, use_project_strings

log = engine.logger("plugins.helpcenter.i18n")

ARTICLES_PLUGIN = "helpcenter-articles"
HEAD_FILTER = "hc_without_hreflang_links"


class I18nPlugin(BasePlugin[I18nConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self._reported = None

    def on_config(self, config):
        if self.config.enabled:
            theming.register(config, scripts=["assets/javascripts/language-switcher.js"])
            folder = self._strings_folder(config)
            use_project_strings(folder)
            try:
                problem = missing_strings_error(static_i18n.all_locales(config), folder)
            except StringsError as error:
                raise PluginError(str(error)) from None
            if problem:
                raise PluginError(problem)
        return config

    def _strings_folder(self, config) -> Path:
        return Path(config.config_file_path or ".").parent / self.config.strings_dir

    @event_priority(-110)  # after static-i18n (-100) has chosen the files of the locale being built
    def on_files(self, files, *, config):
        if self.config.enabled:  # the project's strings sit beside the docs but are not part of the site
            folder = str(self._strings_folder(config).resolve())
            for file in list(files):
                if file.abs_src_path and str(Path(file.abs_src_path).resolve()).startswith(folder + os.sep):
                    files.remove(file)
        articles = config.plugins.get(ARTICLES_PLUGIN)
        data = getattr(articles, "data", None)
        if not self.config.enabled or data is None or data.translations is None:
            return files
        report = data.translations
        if report is not self._reported:  # the locale builds of one build share the report
            self._reported = report
            for problem in report.problems():
                log.warning(str(problem))
            for note in report.notes:
                log.info(note)
        if self.config.status_page and static_i18n.current_locale(config) == data.hc.default_locale:
            markdown = status_page_markdown(report, data.language_names, self.config.status_page)
            files.append(File.generated(config, self.config.status_page, content=markdown))
        return files

    def on_env(self, env, *, config, files):
        if self.config.enabled:
            # Before any template of this locale's build: templates outside the pages (the 404 page) would
            # otherwise show the switcher of the page the previous locale build rendered last.
            static_i18n.point_language_switcher_at_homes(config)
            # The theme's main.html drops Material's hreflang links with it: this plugin's sitemap lists them.
            env.filters[HEAD_FILTER] = without_hreflang_links
        return env

    @event_priority(-300)  # after static-i18n (-100) and helpcenter-build (-200) have written the whole sitemap
    def on_post_build(self, *, config):
        if not self.config.enabled or static_i18n.is_building_other_locales(config):
            return
        site_dir = Path(config.site_dir)
        sitemap = read_text(site_dir / SITEMAP)
        sitemaps = sitemap and locale_sitemaps(sitemap, config.site_url or "", static_i18n.locales(config),
                                               static_i18n.default_locale(config))
        if not sitemaps:
            return
        (site_dir / HREFLANG_SITEMAP).write_text(sitemap, encoding="utf-8")
        for path, text in sitemaps.items():
            (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / path).write_text(text, encoding="utf-8")
        gz = site_dir / (SITEMAP + ".gz")
        if gz.is_file():
            gz.write_bytes(gzip_as(sitemaps[SITEMAP], gz.read_bytes(), str(gz)))
        if config.site_url:
            (site_dir / ROBOTS).write_text(robots_txt(read_text(site_dir / ROBOTS), config.site_url), encoding="utf-8")
