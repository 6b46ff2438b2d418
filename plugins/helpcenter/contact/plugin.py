"""MkDocs wiring of the contact handoff: check the settings, give the article foot and the contact page
their data. The logic lives in the sibling modules; this class only passes data."""

from __future__ import annotations

import fnmatch
import os
from functools import partial

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .. import theming
from ..adapters import static_i18n
from ..articles.model import ContentErrors
from ..i18n.strings import strings_for
from .config import ContactConfig
from .settings import ContactSettings, check_against_model, config_line, parse_settings
from .views import article_contact_view, contact_page_view

ARTICLES_PLUGIN = "helpcenter-articles"
PAGE_TEMPLATE = "hc-contact-page.html"


class ContactPlugin(BasePlugin[ContactConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.settings: ContactSettings | None = None
        self._page_views: dict[str, dict] = {}

    def _where(self, config):
        path = config.config_file_path or "mkdocs.yml"
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path, partial(config_line, path)

    def on_config(self, config):
        if not self.config.enabled:
            return config
        theming.register(config, stylesheets=["assets/stylesheets/contact.css"],
                         scripts=["assets/javascripts/contact.js"])
        where, locate = self._where(config)
        try:
            self.settings = parse_settings(dict(self.config), static_i18n.all_locales(config), where=where, locate=locate)
        except ContentErrors as errors:
            raise PluginError("Contact settings errors (fix these and build again):\n" + str(errors)) from None
        articles = config.plugins.get(ARTICLES_PLUGIN)
        if articles is None:
            raise PluginError(f"{where}: the '{ARTICLES_PLUGIN}' plugin must be listed before 'helpcenter-contact'.")
        if not any(fnmatch.fnmatch(self.settings.page, p) for p in articles.config.other_pages):
            raise PluginError(f"{where}:{locate((('page',))) or ''}: the contact page '{self.settings.page}' would be read "
                              f"as an article. Fix: add '{self.settings.page}' to {ARTICLES_PLUGIN} other_pages, e.g. "
                              f"'other_pages: [\"team/*\", \"{self.settings.page}\"]'.")
        self._page_views = {}
        return config

    def _articles_data(self, config):
        articles = config.plugins.get(ARTICLES_PLUGIN)
        return getattr(articles, "data", None)

    def on_files(self, files, *, config):
        data = self._articles_data(config)
        if self.settings and data:
            where, locate = self._where(config)
            try:
                check_against_model(self.settings, data.hc, where=where, locate=locate, site_url=config.site_url)
            except ContentErrors as errors:
                raise PluginError("Contact settings errors (fix these and build again):\n" + str(errors)) from None
        return files

    def _is_contact_page(self, page) -> bool:
        return static_i18n.locale_relative_path(page.file) == self.settings.page

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.settings and self._is_contact_page(page):
            strings = self._strings(config)
            page.meta["template"] = PAGE_TEMPLATE
            page.meta["title"] = strings["contact.title"]
            page.meta.setdefault("hide", ["toc"])
        return markdown

    def on_page_context(self, context, *, page, config, nav):
        data = self._articles_data(config)
        view = context.get("hc")
        if not (self.settings and data and view):
            return context
        locale = static_i18n.current_locale(config)
        if view.get("kind") == "article":
            article = data.hc.article(view["article_id"], locale)
            view["contact"] = article_contact_view(self.settings, data.hc, article, locale, self._strings(config),
                                                   data.language_names, config.site_url)
        elif self._is_contact_page(page):
            if locale not in self._page_views:
                self._page_views[locale] = contact_page_view(self.settings, data.hc, locale, self._strings(config),
                                                             data.language_names, config.site_url)
            view["contact"] = self._page_views[locale]
        return context

    def _strings(self, config):
        return strings_for(static_i18n.current_locale(config), static_i18n.default_locale(config))
