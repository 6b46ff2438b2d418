"""MkDocs wiring of the article model: validate, order navigation, give templates their data, write
the catalogue and redirects. The logic lives in the sibling modules; this class only passes data."""

from __future__ import annotations

import os

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from .. import engine, theming
from ..adapters import static_i18n
from ..i18n.strings import strings_for, translate
from .catalogue import catalogue, write_catalogue
from .config import ArticlesConfig
from .facts import Facts, fill, load_project_facts, with_facts
from .history import renames
from .model import ContentErrors, load_help_center
from .navigation import is_private, mark_content_language, order_navigation, page_navigation
from .notfound import place_not_found_page
from .redirects import private_page_redirects, redirects_for_locale, write_redirects
from .views import BuildData, collect_build_data, page_kind, page_view

log = engine.logger("plugins.helpcenter.articles")

_PAGE_TEMPLATES = {"home": "hc-home.html", "category": "hc-category.html"}


class ArticlesPlugin(BasePlugin[ArticlesConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.data: BuildData | None = None
        self._signature = None
        self._default_not_found: bytes | None = None
        self._moves: list[tuple[str, str]] = []
        # Site-relative URLs of the private pages, found in the default locale's build (the only one with them).
        self.private_urls: list[str] = []
        self.facts = Facts()

    def _load(self, config) -> BuildData:
        """The model is read once per build (all locales): the locale builds of the same build reuse it, and
        a later build (under `mkdocs serve`) reads it again only if a Markdown file changed."""
        if self.data is not None and static_i18n.is_building_other_locales(config):
            return self.data
        docs_dir = config.docs_dir
        facts_file = os.path.join(docs_dir, self.config.facts)
        signature = (docs_dir, tuple(
            (entry.path, entry.stat().st_mtime_ns) for entry in _walk_markdown(docs_dir)),
            os.stat(facts_file).st_mtime_ns if os.path.isfile(facts_file) else None)
        if self.data is None or signature != self._signature:
            try:
                hc = load_help_center(docs_dir, static_i18n.all_locales(config), static_i18n.default_locale(config),
                                      [*self.config.other_pages, *self.config.private_pages],
                                      display_root=_display_root(docs_dir))
                self.facts = load_project_facts(docs_dir, self.config.facts, _display_root(docs_dir),
                                                static_i18n.default_locale(config))
                hc = with_facts(hc, self.facts, docs_dir)
            except ContentErrors as errors:
                raise PluginError("Content errors (fix these and build again):\n" + str(errors)) from None
            self.data = collect_build_data(hc, docs_dir, static_i18n.language_names(config), self.config.related_limit)
            self._signature = signature
            # Moves in the docs' git history, for the short links' redirects of every locale.
            self._moves = renames(docs_dir) if self.config.short_links else []
        return self.data

    def on_config(self, config):
        static_i18n.silence_instant_navigation_warning()
        if self.config.enabled:
            theming.register(config, stylesheets=["assets/stylesheets/helpcenter.css",
                                                  "assets/stylesheets/fallback.css"],
                             scripts=["assets/javascripts/accessibility.js"])
        return config

    def _read_articles(self, files, *, config):
        if self.config.enabled:
            self._load(config)
            # The facts file lives next to the articles that use it, but is not a file of the site.
            facts_file = os.path.abspath(os.path.join(config.docs_dir, self.config.facts))
            for file in list(files):
                if os.path.abspath(file.abs_src_path or "") == facts_file:
                    files.remove(file)
        return files

    @event_priority(-120)  # after static-i18n (-100) and helpcenter-i18n's status page (-110)
    def _keep_private_pages_in_default_locale(self, files, *, config):
        """Private pages exist once, in the default locale: other locales' builds drop their fallback copies
        (and redirect those addresses to the default locale's page, see on_post_build)."""
        if not self.config.enabled:
            return files
        private = [file for file in files if file.is_documentation_page()
                   and is_private(static_i18n.locale_relative_path(file), self.config.private_pages)]
        if static_i18n.current_locale(config) == static_i18n.default_locale(config):
            self.private_urls = sorted(file.url for file in private)
        else:
            for file in private:
                files.remove(file)
        return files

    on_files = CombinedEvent(_read_articles, _keep_private_pages_in_default_locale)

    @event_priority(-90)  # before static-i18n's on_nav (-100)
    def _name_locale_sections(self, nav, *, config, files):
        if self.config.enabled:
            static_i18n.name_locale_sections(nav, config)
        return nav

    @event_priority(-150)  # after static-i18n has reduced the navigation to the current locale
    def _order_navigation(self, nav, *, config, files):
        if self.config.enabled and self.data:
            order_navigation(nav, self.data.hc, static_i18n.current_locale(config), self.config.private_pages)
        return nav

    on_nav = CombinedEvent(_name_locale_sections, _order_navigation)

    def on_page_markdown(self, markdown, *, page, config, files):
        if self.config.enabled and self.data:
            kind = page_kind(static_i18n.locale_relative_path(page.file), self.data.hc)
            if kind in _PAGE_TEMPLATES:
                page.meta.setdefault("template", _PAGE_TEMPLATES[kind])
            if kind == "home":
                page.meta.setdefault("hide", ["navigation", "toc"])
            markdown = self._fill_facts(markdown, page, config)
        return markdown

    def _fill_facts(self, markdown, page, config):
        if "{{" not in markdown:
            return markdown
        locale = static_i18n.file_locale(page.file) or static_i18n.current_locale(config)
        src = _display_root(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri
        first_line = 1 + (page.file.content_string.count("\n") - markdown.count("\n"))  # after the front matter
        markdown, problems = fill(markdown, self.facts, locale, src, first_line)
        if problems:
            raise PluginError("Content errors (fix these and build again):\n" + "\n".join(map(str, problems)))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        # Every page's content is read before any is drawn: the sidebars of all pages see the mark. Only
        # articles: other pages copied from the default locale (the contact page) are localized by their plugins.
        if self.config.enabled and self.data:
            locale = static_i18n.current_locale(config)
            article = self.data.hc.by_path(static_i18n.locale_relative_path(page.file))
            if article is not None and self.data.hc.state(article.id, locale) == "fallback":
                mark_content_language(page, self.data.hc.article(article.id, locale).locale)
        return html

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled and self.data:
            locale = static_i18n.current_locale(config)
            strings = self._strings(config)
            path = static_i18n.locale_relative_path(page.file)
            private = is_private(path, self.config.private_pages)
            context["hc"] = page_view(self.data, locale, path, strings, self.config.promoted_limit,
                                      site_url=config.site_url or "", private=private)
            if private:  # it exists in this locale only: the language switcher leads to each locale's home
                static_i18n.point_language_switcher_at_homes(config)
            if context.get("nav") is not None:
                context["nav"] = page_navigation(
                    context["nav"], page, self.config.sidebar_limit,
                    lambda count: translate(strings, "category.all_articles", count=count))
        return context

    def on_template_context(self, context, *, template_name, config):
        if self.config.enabled and self.data and template_name == "404.html":
            locale = static_i18n.current_locale(config)
            context["hc"] = page_view(self.data, locale, "index.md", self._strings(config), self.config.promoted_limit)
        return context

    def _strings(self, config):
        return strings_for(static_i18n.current_locale(config), static_i18n.default_locale(config))

    def on_post_build(self, *, config):
        if not (self.config.enabled and self.data):
            return
        hc = self.data.hc
        locale = static_i18n.current_locale(config)
        self._default_not_found = place_not_found_page(config.site_dir, hc.locale_prefix(locale), self._default_not_found)
        if self.config.short_links:
            write_redirects(config.site_dir, redirects_for_locale(hc, locale, self._moves), locale)
        if locale != hc.default_locale:
            write_redirects(config.site_dir, private_page_redirects(self.private_urls, hc.locale_prefix(locale)), locale)
        if locale == hc.default_locale:
            write_catalogue(os.path.join(config.site_dir, self.config.catalogue),
                            catalogue(hc, self.data.updated, self.data.states))


def _walk_markdown(docs_dir):
    stack = [docs_dir]
    while stack:
        with os.scandir(stack.pop()) as it:
            for entry in it:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.name.endswith(".md"):
                    yield entry


def _display_root(docs_dir: str) -> str:
    rel = os.path.relpath(docs_dir)
    return docs_dir if rel.startswith("..") else rel
