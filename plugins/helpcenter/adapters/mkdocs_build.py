"""The one place that reaches into MkDocs' and static-i18n's build internals (MkDocs 1.6, static-i18n 1.3).

- static-i18n builds each non-default locale by calling `mkdocs.commands.build.build(config)` in a loop in
  its on_post_build, through the name `build` imported into `mkdocs_static_i18n.plugin`. We swap that name
  for a function of ours, and build the locales in processes forked from the default locale's build
  before it reaches that loop (parallel locale builds): `enter_locale_build` sets up such a process as the
  loop would.
- MkDocs adds the theme's static files to every build with `Files.add_files_from_theme(env, config)`, which
  walks every theme folder (Material's holds thousands of icons); we list them once per build of all locales.
- MkDocs converts a page's Markdown in `Page.render(config, files)`, which sets `content`, `toc`,
  `_title_from_render`, `present_anchor_ids` and `links_to_anchors`. We wrap it (fallback pages reuse the
  default locale's render), and `render_page` does what it does with a Markdown converter made once.

tests/build/test_adapter.py fails loudly when a new version changes any of this.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable

import markdown
import mkdocs_static_i18n.plugin as _i18n_plugin_module
from mkdocs.commands import build as _mkdocs_build_module
from mkdocs.structure import pages as _pages
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs_static_i18n.utils import I18nLoggingFilter

from .. import engine
from .markdown_inline import skip_text_without_patterns
from .static_i18n import i18n_plugin

# -- static-i18n's locale builds ---------------------------------------------------------------------------

_original_build = _mkdocs_build_module.build


def static_i18n_locale_build() -> Callable:
    """The function static-i18n calls for each non-default locale build."""
    return _i18n_plugin_module.build


def replace_locale_build(function: Callable) -> None:
    """Make static-i18n call function(config, dirty=…) for each non-default locale instead of MkDocs' build."""
    _i18n_plugin_module.build = function


def restore_locale_build() -> None:
    _i18n_plugin_module.build = _original_build


def run_locale_build(config, dirty: bool = False) -> None:
    """One locale build, exactly as static-i18n would run it."""
    _original_build(config, dirty=dirty)


def enter_locale_build(config, locale: str) -> None:
    """Make a process forked from the default locale's build ready to build `locale` the way static-i18n's
    loop would after the default build: the locale chosen, static-i18n's "building other locales" state
    and its filter of repeated log lines. static-i18n's sitemap lists the pages of every locale built so
    far; here it lists the default locale's and this locale's, whichever locales this process built before
    (the parent puts the sitemaps together in static-i18n's order)."""
    plugin = i18n_plugin(config)
    default = plugin.default_language
    plugin.i18n_files_per_language = {default: plugin.i18n_files_per_language[default]}
    plugin.current_language = locale
    if not plugin.building:
        plugin.building = True
        quiet = I18nLoggingFilter()
        quiet.filtered_prefixes.update(("Documentation built in", "Building documentation to directory"))
        engine.logger("commands.build").addFilter(quiet)


def merged_search_entries(config) -> list | None:
    """static-i18n's list of Material search entries from every locale build, which it merges into one index
    after the loop; None when Material's search plugin is off (nothing to merge)."""
    if not any(name in ("search", "material/search") for name in config.plugins):
        return None
    return i18n_plugin(config).search_entries


def build_only_locales(config, wanted: set[str]) -> list[str]:
    """Turn off static-i18n's build of every locale not in wanted (its documented `languages[].build`
    option); the default locale always builds. Returns the locales that build."""
    plugin = i18n_plugin(config)
    for language in plugin.config.languages:
        if language.locale != plugin.default_language and language.locale != "null":
            language.build = language.locale in wanted
    return list(plugin.build_languages)


def static_i18n_builds_locales_in_a_loop() -> bool:
    """What replace_locale_build relies on: a loop over build_languages calling `build(config, dirty=…)`."""
    source = inspect.getsource(_i18n_plugin_module.I18n.on_post_build)
    return "for locale in self.build_languages" in source and "build(config, dirty=dirty)" in source


# -- the theme's files --------------------------------------------------------------------------------------

_original_add_files_from_theme = Files.add_files_from_theme
# (theme folders, static templates) -> the theme's static files as (path, folder), in MkDocs' order.
_THEME_FILES: dict[tuple, list[tuple[str, str]]] = {}


def list_theme_files_once() -> None:
    """Files.add_files_from_theme lists the theme's files the first time, and reuses the list until
    forget_theme_files() (call it when a new build of every locale starts: theme files may have changed)."""

    def add_files_from_theme(files, env, config):
        # static-i18n adds its sitemap folder to the theme's folders again in every locale's build; a folder
        # met twice adds nothing, as the first of the folders that hold a file is the one it is taken from.
        key = (tuple(dict.fromkeys(config.theme.dirs)), tuple(config.theme.static_templates))
        listed = _THEME_FILES.get(key)
        if listed is None:
            found = Files([])
            _original_add_files_from_theme(found, env, config)
            listed = _THEME_FILES[key] = [(file.src_uri, file.src_dir) for file in found]
        for path, folder in listed:
            if files.get_file_from_path(path) is None:  # as MkDocs: theme files do not override docs files
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme.__wrapped__ = _original_add_files_from_theme
    Files.add_files_from_theme = add_files_from_theme


def forget_theme_files() -> None:
    _THEME_FILES.clear()


def restore_theme_files() -> None:
    Files.add_files_from_theme = _original_add_files_from_theme
    _THEME_FILES.clear()


# -- Page.render --------------------------------------------------------------------------------------------

_original_render = Page.render

RENDER_RESULTS = ("content", "toc", "_title_from_render", "present_anchor_ids", "links_to_anchors")


def wrap_page_render(wrapper: Callable) -> None:
    """Page.render(page, config, files) becomes wrapper(render, page, config, files), render being MkDocs' own."""

    def render(page, config, files):
        return wrapper(_original_render, page, config, files)

    render.__wrapped__ = _original_render
    Page.render = render


def unwrap_page_render() -> None:
    Page.render = _original_render


def markdown_converter(config) -> markdown.Markdown:
    """The converter Page.render makes for every page, made once: `render_page` resets it before each page
    (Python-Markdown's way to reuse one; every extension resets its own state)."""
    converter = markdown.Markdown(extensions=config["markdown_extensions"],
                                  extension_configs=config["mdx_configs"] or {})
    converter.inlinePatterns.__class__ = _PositionedRegistry
    skip_text_without_patterns(converter)
    return converter


class _PositionedRegistry(markdown.util.Registry):
    """Python-Markdown's registry, with its items also kept in a list: the inline processor asks for every
    pattern by position for every piece of text, and the registry sorts and looks up names at each ask."""

    _by_position: list | None = None

    def __getitem__(self, key):
        if type(key) is int:
            if self._by_position is None:
                self._by_position = list(self)  # in priority order, as the registry sorts them
            return self._by_position[key]
        return super().__getitem__(key)

    def register(self, *args, **kwargs) -> None:
        self._by_position = None
        super().register(*args, **kwargs)

    def deregister(self, *args, **kwargs) -> None:
        self._by_position = None
        super().deregister(*args, **kwargs)


def render_page(page, config, files, converter: markdown.Markdown) -> None:
    """Page.render(config, files) of MkDocs 1.6.1, converting with `converter` instead of a new Markdown."""
    if page.markdown is None:
        raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
    md = converter.reset()
    # MkDocs' own processors for this page; registering one replaces the previous page's of the same name.
    raw_html_ext = _pages._RawHTMLPreprocessor()
    raw_html_ext._register(md)
    extract_anchors_ext = _pages._ExtractAnchorsTreeprocessor(page.file, files, config)
    extract_anchors_ext._register(md)
    relative_path_ext = _pages._RelativePathTreeprocessor(page.file, files, config)
    relative_path_ext._register(md)
    extract_title_ext = _pages._ExtractTitleTreeprocessor()
    extract_title_ext._register(md)
    page.content = md.convert(page.markdown)
    page.toc = get_toc(getattr(md, "toc_tokens", []))
    page._title_from_render = extract_title_ext.title
    page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
    if _pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = relative_path_ext.links_to_anchors


def render_results(page) -> dict:
    return {name: getattr(page, name, None) for name in RENDER_RESULTS}


def apply_render_results(page, results: dict) -> None:
    for name, value in results.items():
        setattr(page, name, value)


def file_locale(file) -> str | None:
    """The locale folder a page's source came from (static-i18n sets it on each File)."""
    return getattr(file, "locale", None)


def norm_src_uri(file) -> str:
    """A page's source path inside its locale folder, the same for a page and its fallback copies."""
    return getattr(file, "norm_src_uri", file.src_uri)
