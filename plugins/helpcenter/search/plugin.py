"""MkDocs wiring of search: collect each locale build's articles, write that locale's index.

Replaces Material's search plugin (`- search` in mkdocs.yml). static-i18n builds every locale in turn;
each build writes only its own `<locale>/search/` folder. The logic lives in the sibling modules.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import engine, pagehtml, theming
from ..adapters import material_search, static_i18n
from ..articles.frontmatter import ContentError
from .config import SearchConfig
from .index import INDEX_FILE, DOCS_FILE, SearchPage, Section, build_locale_index, search_dir, write_json
from .segmenters import SegmentationError, segment_ahead, segmenter_for
from .synonyms import dictionary_words, groups_for, read_synonyms
from .text import SEGMENTED_LOCALES

log = engine.logger("plugins.helpcenter.search")

ARTICLES_PLUGIN = "helpcenter-articles"


class SearchPlugin(BasePlugin[SearchConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.pages: list[SearchPage] = []
        self.synonyms: dict[str, list[list[str]]] = {}
        self._fields_cache: dict | None = None  # under `mkdocs serve`: pages' index words, kept between rebuilds
        # Page HTML -> its sections: the default locale's, for the fallback pages of the other locales (the
        # same HTML), and under `mkdocs serve` every page's, for the next rebuild (the previous build's kept
        # until this one is done).
        self._sections: dict[str, list[Section]] = {}
        self._sections_before: dict[str, list[Section]] = {}
        # Dirty builds: (locale, source path) -> the page's entry (None: not indexed), from every build of this
        # process; a dirty build renders only edited pages, and the others' entries come from here.
        self._entries: dict[tuple[str, str], SearchPage | None] | None = None
        self._documents: list[str] = []
        self._may_segment_ahead = False
        self._segmenting_ahead: tuple[int, int] | None = None  # (the build's process, the segmenting one)

    def on_startup(self, *, command, dirty):
        """`mkdocs serve` keeps this instance between rebuilds; rebuilds reuse the index words of unchanged pages."""
        self._fields_cache = {} if command == "serve" else None
        self._entries = {} if dirty else None
        self._may_segment_ahead = command == "build" and not dirty

    @event_priority(100)  # before static-i18n's on_config, which looks for a search plugin
    def on_config(self, config):
        if not self.config.enabled:
            return config
        # The search scripts come with the theme's partials; the stylesheet of the result lists is ours.
        theming.register(config, stylesheets=["assets/stylesheets/search.css"])
        if not static_i18n.is_building_other_locales(config):  # a new build starts with the default locale
            self._sections_before = self._sections if self._fields_cache is not None else {}
            self._sections = {}
        static_i18n.stop_search_index_merging(config)
        material_search.show_search_box(config, self)
        path = self._synonyms_path(config)
        try:
            synonyms = read_synonyms(path, static_i18n.all_locales(config), _shown(path, config))
        except ContentError as error:
            raise PluginError(f"Search synonyms: {error}") from None
        if synonyms != self.synonyms and self._fields_cache:
            self._fields_cache.clear()  # index words depend on the synonyms
        self.synonyms = synonyms
        return config

    def on_pre_build(self, *, config):
        self.pages = []

    @event_priority(-50)  # after helpcenter-articles has read the articles; before static-i18n (-100)
    def on_files(self, files, *, config):
        # The synonyms file lives next to the docs writers edit, but is not a page of the site.
        path = self._synonyms_path(config)
        for file in list(files):
            if os.path.abspath(file.abs_src_path or "") == str(path):
                files.remove(file)
        if (self.config.enabled and self._may_segment_ahead and self._segmenting_ahead is None
                and not static_i18n.is_building_other_locales(config)):
            self._segmenting_ahead = self._segment_ahead(config)
        return files

    def on_env(self, env, *, config, files):
        if self._entries is not None:
            self._documents = [file.src_uri for file in files.documentation_pages()]
        return env

    @event_priority(-100)  # the page's final HTML, after other plugins' on_page_content
    def on_page_content(self, html, *, page, config, files):
        # Here, not at on_page_context: the default locale's sections are then known before the other
        # locales' builds start (helpcenter-build forks them after the default locale's Markdown), and
        # their fallback pages, with the same HTML, reuse them.
        if self.config.enabled:
            entry = self._search_page(page, html, config)
            if entry is not None:
                self.pages.append(entry)
            if self._entries is not None:
                self._entries[(static_i18n.current_locale(config), page.file.src_uri)] = entry
        return html

    def on_page_context(self, context, *, page, config, nav):
        if self.config.enabled:
            context["hc_search"] = self._template_data(config)
        return context

    def on_template_context(self, context, *, template_name, config):
        if self.config.enabled:
            context["hc_search"] = self._template_data(config)
        return context

    def on_post_build(self, *, config):
        if not static_i18n.is_building_other_locales(config):
            self._stop_segmenting_ahead(wait=True)
        if not self.config.enabled:
            return
        locale = static_i18n.current_locale(config)
        if self._entries is not None:
            self.pages = dirty_build_pages(locale, self._documents, self._entries, config.docs_dir)
        cache = self._cache_dir(config)
        try:
            segmenter = segmenter_for(locale, dictionary_words(self.synonyms, locale))
            if segmenter is not None and self.config.cache_dir:
                segmenter.load(cache)
            files = build_locale_index(self.pages, locale, segmenter, groups_for(self.synonyms, locale),
                                       self.config.prebuilt_index, self._fields_cache)
        except SegmentationError as error:
            raise PluginError(f"Search index for '{locale}': {error}") from None
        if segmenter is not None and self.config.cache_dir:
            segmenter.save(cache, keep_unused=self._fields_cache is not None)
        folder = search_dir(config.site_dir, _locale_prefix(locale, config))
        for name, data in files.items():
            write_json(os.path.join(folder, name), data)
        log.debug(f"search: {len(self.pages)} pages indexed for '{locale}'")

    def on_build_error(self, *, error):
        self._stop_segmenting_ahead(wait=False)

    # -- segmenting ahead -----------------------------------------------------------------------------
    def _segment_ahead(self, config) -> tuple[int, int] | None:
        """While this process converts the default locale's Markdown (one core), a forked process segments
        the text of the articles translated into Chinese and Japanese into the segmenters' cache, which those
        locales' builds read when they make their index: segmenting is most of their search work.
        Returns (this process, the forked one)."""
        data = getattr(config.plugins.get(ARTICLES_PLUGIN), "data", None)
        locales = [code for code in static_i18n.locales(config) if code in SEGMENTED_LOCALES]
        if data is None or not locales or not self.config.cache_dir or not hasattr(os, "fork"):
            return None
        texts = {code: [text for (locale, _), article in data.hc.articles.items() if locale == code
                        for text in (article.title, article.description, " ".join(article.tags), article.body)]
                 for code in locales}
        words = {code: dictionary_words(self.synonyms, code) for code in locales}
        cache = self._cache_dir(config)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            gc.freeze()  # never collect what is shared with the build: that would copy its memory
            try:
                segment_ahead(texts, words, cache)
            finally:
                os._exit(0)  # a failure here shows again, with its fix, in the locale's own build
        return os.getpid(), pid

    def _stop_segmenting_ahead(self, wait: bool) -> None:
        if self._segmenting_ahead is None:
            return
        parent, pid = self._segmenting_ahead
        self._segmenting_ahead = None
        if os.getpid() != parent:  # a locale build's worker: the process is its parent's
            return
        if not wait:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        os.waitpid(pid, 0)

    # -- helpers ----------------------------------------------------------------------------------
    def _cache_dir(self, config) -> str:
        return os.path.join(os.path.dirname(config.config_file_path or "."), self.config.cache_dir)

    def _synonyms_path(self, config) -> Path:
        return (Path(config.config_file_path or ".").parent / self.config.synonyms).resolve()

    def _template_data(self, config) -> dict:
        locale = static_i18n.current_locale(config)
        name = INDEX_FILE if self.config.prebuilt_index else DOCS_FILE
        root = _locale_prefix(locale, config)
        data = getattr(config.plugins.get(ARTICLES_PLUGIN), "data", None)
        hc = getattr(data, "hc", None)
        # Where a search that found nothing sends the reader: the locale's contact page, and the default
        # locale's search when this locale shows some of its articles untranslated.
        fallbacks = hc is not None and any(hc.state(i, locale) == "fallback" for i in hc.ids())
        return {"locale": locale, "root": root, "index": f"{root}search/{name}", "contact": f"{root}contact/",
                "default_root": "" if fallbacks else None}

    def _search_page(self, page, html: str, config) -> SearchPage | None:
        plugin = config.plugins.get(ARTICLES_PLUGIN)
        data = getattr(plugin, "data", None)
        if data is None:
            raise PluginError("helpcenter-search needs the helpcenter-articles plugin (add it to `plugins:`)")
        if (page.meta.get("search") or {}).get("exclude"):
            return None
        article = data.hc.by_path(static_i18n.locale_relative_path(page.file),
                                  static_i18n.file_locale(page.file) or static_i18n.current_locale(config))
        if article is None:
            return None  # home, category and team pages: readers search for articles
        sections = self._page_sections(html or "", config)
        locale = static_i18n.current_locale(config)
        root = _locale_prefix(locale, config)
        location = page.url[len(root):] if page.url.startswith(root) else page.url
        return SearchPage(location=location, title=article.title, description=article.description,
                          tags=list(article.tags), sections=sections, article_id=article.id,
                          category=data.hc.category(article.category, locale).title,
                          fallback=data.hc.state(article.id, locale) == "fallback")

    def _page_sections(self, html: str, config) -> list[Section]:
        sections = self._sections.get(html)
        if sections is None:
            sections = self._sections_before.get(html)
            if sections is None:
                sections = [Section(*section) for section in pagehtml.search_sections(html)]
            serving = self._fields_cache is not None
            if serving or static_i18n.current_locale(config) == static_i18n.default_locale(config):
                self._sections[html] = sections
        return list(sections)


def dirty_build_pages(locale: str, documents: list[str], entries: dict, docs_dir: str) -> list[SearchPage]:
    """The pages of a locale's index in a dirty build, which renders only the pages edited since the last
    build: each document's entry from this build or an earlier one of the same process (`mkdocs serve
    --dirty` renders every page in its first build)."""
    missing = [uri for uri in documents if (locale, uri) not in entries]
    if missing:
        raise PluginError(
            f"helpcenter-search: this dirty build did not render {len(missing)} pages of '{locale}' (e.g. "
            f"{os.path.join(os.path.relpath(docs_dir), missing[0])}), so the search index would leave them out. "
            f"Fix: build without --dirty; `mkdocs serve --dirty` works, as its first build renders every page.")
    return [entries[(locale, uri)] for uri in documents if entries[(locale, uri)] is not None]


def _locale_prefix(locale: str, config) -> str:
    return "" if locale == static_i18n.default_locale(config) else f"{locale}/"


def _shown(path: Path, config) -> str:
    root = Path(config.config_file_path or ".").parent.resolve()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
