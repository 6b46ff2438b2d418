"""MkDocs wiring of the feedback widget: checks the options, gives article pages `hc.feedback`, writes
feedback.json for the collector. The logic lives in widget.py; this class only passes data."""

from __future__ import annotations

import json
import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import theming
from ..adapters import static_i18n
from ..i18n.strings import all_strings, strings_for
from .config import FeedbackConfig
from .widget import (SettingsError, check_settings, contact_url, page_setting, settings_document, shows_widget,
                     widget_view)

ARTICLES_PLUGIN = "helpcenter-articles"


class FeedbackPlugin(BasePlugin[FeedbackConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self._site_urls: set[str] = set()
        self._checked = False

    def _build_data(self, config):
        articles = config.plugins.get(ARTICLES_PLUGIN)
        if articles is None:
            raise PluginError("helpcenter-feedback needs the helpcenter-articles plugin: list it before "
                              "helpcenter-feedback under plugins in mkdocs.yml.")
        return articles.data

    def on_config(self, config):
        if self.config.enabled:
            theming.register(config, stylesheets=["assets/stylesheets/feedback.css"],
                             scripts=["assets/javascripts/feedback.js"])
        return config

    @event_priority(-200)  # after every plugin that adds pages (e.g. a contact page), and after static-i18n
    def on_files(self, files, *, config):
        if self.config.enabled:
            self._site_urls.update(f.url for f in files)
        return files

    def on_nav(self, nav, *, config, files):
        if self.config.enabled and not self._checked:
            data = self._build_data(config)
            categories = sorted({c.id for c in data.hc.ordered_categories(data.hc.default_locale)})
            try:
                check_settings(self.config.reasons, self.config.comment_limit, self.config.exclude_categories,
                               self.config.endpoint, all_strings(), data.hc.locales, categories)
            except SettingsError as error:
                raise PluginError(str(error)) from None
            self._checked = True
        return nav

    @event_priority(-50)  # after the articles plugin has put `hc` into the context
    def on_page_context(self, context, *, page, config, nav):
        hc_view = context.get("hc")
        if not (self.config.enabled and hc_view and hc_view.get("kind") == "article"):
            return context
        try:
            choice = page_setting(page.meta, os.path.join(os.path.relpath(config.docs_dir), page.file.src_uri))
        except SettingsError as error:
            raise PluginError(str(error)) from None
        if not shows_widget(hc_view["category"]["id"], choice, self.config.exclude_categories):
            return context
        data = self._build_data(config)
        locale = static_i18n.current_locale(config)
        strings = strings_for(locale, static_i18n.default_locale(config))
        contact = contact_url(data.hc, locale, self._site_urls, self.config.contact_article)
        hc_view["feedback"] = widget_view(strings, self.config.reasons, self.config.comment_limit,
                                          self.config.endpoint, contact)
        return context

    def on_post_build(self, *, config):
        if self.config.enabled and static_i18n.current_locale(config) == static_i18n.default_locale(config):
            with open(os.path.join(config.site_dir, self.config.settings_file), "w", encoding="utf-8") as f:
                json.dump(settings_document(self.config.reasons, self.config.comment_limit), f)
