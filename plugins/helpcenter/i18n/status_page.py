"""The translation-status page for the team, generated at build time by the code behind `helpcenter i18n status`."""

from __future__ import annotations

import html
import os
from pathlib import PurePosixPath

from .report import render_markdown, summarize
from .translation import TranslationReport


def _html_anchor(title: str, href: str) -> str:
    """Links to built pages, not to Markdown files, so MkDocs has nothing to validate in them."""
    return f'<a href="{html.escape(href)}">{html.escape(title).replace("|", "&#124;")}</a>'


def status_page_markdown(report: TranslationReport, language_names: dict[str, str], page_path: str) -> str:
    """Markdown of the page at `page_path` (relative to the site root, e.g. 'team/translation-status.md')."""
    hc = report.hc
    locales = [locale for locale in hc.locales if locale != hc.default_locale]
    page_dir = "/" + str(PurePosixPath(page_path).with_suffix(""))  # its directory URL with use_directory_urls

    def link(url: str) -> str:
        return os.path.relpath("/" + url, page_dir).rstrip("/") + "/" if url else os.path.relpath("/", page_dir) + "/"

    body = render_markdown(report, summarize(report, locales, language_names), articles=True, link=link,
                           anchor=_html_anchor)
    return ("---\ntitle: Translation status\nsearch:\n  exclude: true\n---\n\n# Translation status\n\n"
            "Translated articles match their English source; outdated ones were translated from an older English "
            "revision (`helpcenter i18n diff LOCALE PATH` shows what changed); missing ones show readers the English "
            "article. The same report is `helpcenter i18n status --articles --format md`.\n\n" + body)
