"""MkDocs wiring of translation state: report problems once per build and add the team's status page.

The state itself is computed once per build with the article model (helpcenter.articles.views.collect_build_data
calls helpcenter.i18n.translation); this plugin only passes it on.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from ..adapters import static_i18n
from .config import I18nConfig
from .status_page import status_page_markdown

log = logging.getLogger("mkdocs.plugins.helpcenter.i18n")

ARTICLES_PLUGIN = "helpcenter-articles"


class I18nPlugin(BasePlugin[I18nConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self._reported = None

    @event_priority(-110)  # after static-i18n (-100) has chosen the files of the locale being built
    def on_files(self, files, *, config):
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
