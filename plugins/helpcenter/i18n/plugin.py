"""MkDocs wiring of translation state: report problems once per build and add the team's status page; and
of the sitemaps (a small one per locale for browsers, the hreflang one for search engines, see sitemaps.py).

The state itself is computed once per build with the article model (helpcenter.articles.views.collect_build_data
calls helpcenter.i18n.translation); this plugin only passes it on.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File

from .. import engine, theming
from ..adapters import static_i18n
from ..build.outputs import gzip_as, read_text
from .admonitions import admonition_titles, with_default_titles
from .config import I18nConfig
from .frame import (FrameConfigError, footer_links, header_contact, localize_permalinks, localized_palette,
                    material_translator, permalink_title)
from .sitemaps import (HREFLANG_SITEMAP, ROBOTS, SITEMAP, fallback_addresses, locale_addresses, locale_sitemaps,
                       robots_txt, without_addresses, without_hreflang_links)
from .status_page import status_page_markdown
from .strings import StringsError, missing_strings_error, strings_for, use_project_strings

log = engine.logger("plugins.helpcenter.i18n")

ARTICLES_PLUGIN = "helpcenter-articles"
CONTACT_PLUGIN = "helpcenter-contact"
HEAD_FILTER = "hc_without_hreflang_links"
FRAME_GLOBAL = "hc_frame"  # the header's contact entry, the footer's links and the frame's strings
MATERIAL_TRANSLATE_GLOBAL = "hc_material_t"  # the theme's partials/language.html translates with it


class I18nPlugin(BasePlugin[I18nConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self._reported = None
        self._permalink_title: str | None = None
        self._permalink_titles: dict[str, object] = {}  # language -> permalink title

    def _register(self, config):
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

    @event_priority(-110)  # after static-i18n (-100) has set up the locale being built and its overrides
    def _localize_theme(self, config):
        """Material's palette toggle names in the locale's words, for each locale build (static-i18n builds
        them one after another with the same config). Names set per language in mkdocs.yml are replaced too:
        the strings files hold every locale's."""
        if not self.config.enabled:
            return config
        strings = self._strings(config)
        config.theme["palette"] = localized_palette(config.theme.get("palette"), strings)
        self._permalink_title = permalink_title(config.mdx_configs)
        self._permalink_titles = {}
        return config

    on_config = CombinedEvent(_register, _localize_theme)

    def on_page_content(self, html, *, page, config, files):
        """Heading permalinks titled in the language of the page's body: the locale's, or the default locale's for
        the English body of a fallback page (marked lang="en")."""
        if not (self.config.enabled and self._permalink_title):
            return html
        language = static_i18n.file_locale(page.file) or static_i18n.current_locale(config)
        if language not in self._permalink_titles:
            strings = strings_for(language, static_i18n.default_locale(config))
            self._permalink_titles[language] = strings.get("frame.permalink")
        permalink = self._permalink_titles[language]
        return localize_permalinks(html, self._permalink_title, str(permalink)) if permalink else html

    def _strings(self, config):
        return strings_for(static_i18n.current_locale(config), static_i18n.default_locale(config))

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

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.config.enabled and self.config.admonition_titles:
            # The language of the page's text: a fallback page shows the default locale's text.
            locale = static_i18n.file_locale(page.file) or static_i18n.current_locale(config)
            titles = admonition_titles(strings_for(locale, static_i18n.default_locale(config)))
            markdown = with_default_titles(markdown, titles)
        return markdown

    def on_env(self, env, *, config, files):
        if self.config.enabled:
            # Before any template of this locale's build: templates outside the pages (the 404 page) would
            # otherwise show the switcher of the page the previous locale build rendered last.
            static_i18n.point_language_switcher_at_homes(config)
            # The theme's main.html drops Material's hreflang links with it: this plugin's sitemap lists them.
            env.filters[HEAD_FILTER] = without_hreflang_links
            env.globals[FRAME_GLOBAL] = self._frame(config, files)
            env.globals[MATERIAL_TRANSLATE_GLOBAL] = material_translator(
                env, config.theme.get("language") or "en", self._strings(config))
        return env

    def _frame(self, config, files) -> dict:
        """What the header and footer partials show in this locale build."""
        locale, default = static_i18n.current_locale(config), static_i18n.default_locale(config)
        strings = self._strings(config)
        pages = {}
        for file in files.documentation_pages():
            path = static_i18n.locale_relative_path(file)
            # A locale build may list the default locale's file next to the locale's own: keep the locale's.
            if path not in pages or static_i18n.file_locale(file) == locale:
                pages[path] = file.url
        contact = config.plugins.get(CONTACT_PLUGIN)
        contact_page = getattr(getattr(contact, "settings", None), "page", None)
        try:
            return {
                "strings": strings,
                "contact": header_contact(config.extra.get("header"), contact_page, locale, default, strings, pages.get),
                "footer": footer_links(config.extra.get("footer"), locale, default, strings, pages.get),
            }
        except FrameConfigError as error:
            raise PluginError(str(error)) from None

    @event_priority(-300)  # after static-i18n (-100) and helpcenter-build (-200) have written the whole sitemap
    def on_post_build(self, *, config):
        if not self.config.enabled or static_i18n.is_building_other_locales(config):
            return
        site_dir = Path(config.site_dir)
        sitemap = read_text(site_dir / SITEMAP)
        if not sitemap:
            return
        locales, default = static_i18n.locales(config), static_i18n.default_locale(config)
        site_url = config.site_url or ""
        # Private pages are in no sitemap; fallback copies only in the browsers' (see sitemaps.py).
        articles = config.plugins.get(ARTICLES_PLUGIN)
        data = getattr(articles, "data", None)
        for_browsers = without_addresses(
            sitemap, locale_addresses(getattr(articles, "private_urls", []), site_url, locales, default))
        sitemaps = locale_sitemaps(for_browsers, site_url, locales, default)
        if sitemaps is None:  # one locale (no alternates), or sitemaps written already
            if for_browsers != sitemap:
                (site_dir / SITEMAP).write_text(for_browsers, encoding="utf-8")
                self._gzip_sitemap(site_dir, for_browsers)
            return
        for_search_engines = without_addresses(for_browsers, fallback_addresses(data.hc, site_url) if data is not None else ())
        (site_dir / HREFLANG_SITEMAP).write_text(for_search_engines, encoding="utf-8")
        for path, text in sitemaps.items():
            (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / path).write_text(text, encoding="utf-8")
        self._gzip_sitemap(site_dir, sitemaps[SITEMAP])
        if config.site_url:
            (site_dir / ROBOTS).write_text(robots_txt(read_text(site_dir / ROBOTS), config.site_url), encoding="utf-8")

    @staticmethod
    def _gzip_sitemap(site_dir: Path, sitemap: str) -> None:
        gz = site_dir / (SITEMAP + ".gz")
        if gz.is_file():
            gz.write_bytes(gzip_as(sitemap, gz.read_bytes(), str(gz)))
