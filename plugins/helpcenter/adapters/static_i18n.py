"""The one place that reaches into mkdocs-static-i18n (1.3.x): which locale a build is for, and more.

tests/adapters/test_static_i18n.py fails loudly when a new version changes what we rely on.
"""

from __future__ import annotations

import copy
import functools
import inspect
import os
import types
from pathlib import PurePath

from .. import engine

PLUGIN_NAME = "i18n"


def i18n_plugin(config):
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise LookupError("the 'i18n' plugin (mkdocs-static-i18n) must be enabled in mkdocs.yml")
    return plugin


def locales(config) -> list[str]:
    return list(i18n_plugin(config).build_languages)


def all_locales(config) -> list[str]:
    return [lang.locale for lang in i18n_plugin(config).config.languages if lang.locale != "null"]


def default_locale(config) -> str:
    return i18n_plugin(config).default_language


def current_locale(config) -> str:
    plugin = i18n_plugin(config)
    return plugin.current_language or plugin.default_language


def language_names(config) -> dict[str, str]:
    return {lang.locale: lang.name for lang in i18n_plugin(config).config.languages}


def source_page_counts(config) -> dict[str, int]:
    """Markdown files in each locale's folder (docs_structure: folder; otherwise none are counted). A locale's
    own pages cost more to build than the fallback copies of the default locale's."""
    plugin = i18n_plugin(config)
    if plugin.config.docs_structure != "folder":
        return {}
    counts = {}
    for locale in all_locales(config):
        folder = os.path.join(config.docs_dir, locale)
        counts[locale] = sum(name.endswith(".md") for _, _, names in os.walk(folder) for name in names)
    return counts


def is_building_other_locales(config) -> bool:
    """True while static-i18n runs the builds of the non-default locales (nested in the default build)."""
    return bool(i18n_plugin(config).building)


def file_locale(file) -> str | None:
    """The locale whose folder a page's source came from (differs from the build's for fallback pages)."""
    return getattr(file, "locale", None)


def locale_relative_path(file) -> str:
    """'zh/security/x.md' -> 'security/x.md' for a file in a locale folder."""
    src = file.src_uri
    locale = file_locale(file)
    if locale and src.startswith(locale + "/"):
        return src[len(locale) + 1:]
    return src


class _InstantSwitcherFilter:
    """static-i18n warns that Material's language switcher goes stale under instant navigation.
    Our language-switcher.js refreshes the switcher's links on every page, so the warning does not apply
    (and would fail `mkdocs build --strict`)."""

    def filter(self, record) -> bool:
        return "not compatible with theme.features = navigation.instant" not in record.getMessage()


def silence_instant_navigation_warning() -> None:
    logger = engine.logger("plugins.mkdocs_static_i18n.reconfigure")
    if not any(isinstance(f, _InstantSwitcherFilter) for f in logger.filters):
        logger.addFilter(_InstantSwitcherFilter())


def point_language_switcher_at_homes(config) -> None:
    """static-i18n points the language switcher at the current page's versions as each page is rendered, in
    the attribute `config.extra.alternate`, which templates read before the item `config.extra["alternate"]`
    it resets for each locale build. So a template rendered outside the pages, such as the 404 page, of a
    locale built after another would link to the versions of the page rendered last. Point it at each
    locale's home page, as static-i18n sets it up."""
    plugin = i18n_plugin(config)
    if plugin.extra_alternate:
        config.extra.alternate = copy.deepcopy(plugin.extra_alternate)


def name_locale_sections(nav, config) -> None:
    """static-i18n 1.3 keeps the navigation section whose title equals `locale.capitalize()`, but MkDocs
    titles a folder 'zh-TW' as 'zh TW', so that locale would lose its navigation and home page.
    Title each locale folder's section the way static-i18n looks for it (run before its on_nav)."""
    names = {locale.lower(): locale for locale in all_locales(config)}
    for item in nav.items:
        children = getattr(item, "children", None)
        if not getattr(item, "is_section", False) or not children:
            continue
        first = next((c for c in _pages(children)), None)
        if first is None:
            continue
        folder = first.file.src_uri.split("/", 1)[0]
        if folder.lower() in names:
            item.title = names[folder.lower()].capitalize()


def _pages(items):
    for item in items:
        if getattr(item, "is_page", False):
            yield item
        elif getattr(item, "children", None):
            yield from _pages(item.children)


# Methods static-i18n uses to merge every locale's search entries into one site-wide index.
_SEARCH_MERGING = ("reconfigure_search_plugin", "extend_search_entries", "reconfigure_search_index")


def stop_search_index_merging(config) -> None:
    """helpcenter-search writes one index per locale; static-i18n would merge them all into one file
    (and, with reconfigure_search, expects Material's search plugin). Switch that merging off."""
    plugin = i18n_plugin(config)
    for name in _SEARCH_MERGING:
        if not callable(getattr(type(plugin), name, None)):
            raise LookupError(f"mkdocs-static-i18n no longer has '{name}': check how this version merges "
                              "search indexes before upgrading it")
        setattr(plugin, name, _no_search_merging)


def _no_search_merging(*args, **kwargs):
    return args[0] if args and not kwargs else kwargs.get("config")


def handle_locale_files_quickly(config) -> None:
    """static-i18n remakes every file for every locale's build, with the same results as the code here:

    - It gives every page its alternates (the same page in each locale, for the language switcher and the
      sitemap) by creating a File for every locale x page x candidate just to read the candidate's locale:
      quadratic in locales. Make the same choice reading each candidate's locale once, and create Files
      only for the alternates chosen.
    - It makes each locale's File with several pathlib objects per file; use string operations."""
    from mkdocs_static_i18n import folder, reconfigure

    plugin = i18n_plugin(config)
    if not callable(getattr(type(plugin), "reconfigure_files_alternates", None)):
        raise LookupError("mkdocs-static-i18n no longer has 'reconfigure_files_alternates': check how this "
                          "version finds a page's alternates before upgrading it")
    plugin.reconfigure_files_alternates = types.MethodType(_reconfigure_files_alternates, plugin)
    # A pure path comparison, asked the same questions for every file in every locale's build.
    for module in (folder, reconfigure):
        if not hasattr(module.is_relative_to, "cache_info"):
            module.is_relative_to = functools.lru_cache(maxsize=65536)(module.is_relative_to)
    # static-i18n looks the function up in its module at every locale's build.
    if folder.create_i18n_file is not create_i18n_file:
        if "file.locale = file_locale" not in inspect.getsource(folder.create_i18n_file):
            raise LookupError("mkdocs-static-i18n's folder.create_i18n_file changed: check create_i18n_file "
                              "in helpcenter/adapters/static_i18n.py against it before upgrading")
        ORIGINALS["create_i18n_file"] = folder.create_i18n_file
        folder.create_i18n_file = create_i18n_file


# What handle_locale_files_quickly replaced in static-i18n, for tests that compare the two.
ORIGINALS: dict[str, object] = {}


@functools.lru_cache(maxsize=None)
def _path_parts(path: str) -> tuple[str, ...]:
    return PurePath(os.path.normpath(path)).parts


def create_i18n_file(file, current_language, default_language, all_languages, config):
    """What static-i18n 1.3.1's folder.create_i18n_file makes of a docs file for one locale's build, with
    string operations on path parts (remembered per path) instead of several pathlib objects per file: it
    runs for every file in every locale's build. tests/adapters/test_static_i18n.py compares the two."""
    from mkdocs.structure.files import File
    from mkdocs_static_i18n.config import RE_LOCALE

    made = File.__new__(File)
    source = _path_parts(file.src_uri)
    made.src_uri = "/".join(source)
    made.src_dir = config.docs_dir
    made.dest_dir = file.dest_path  # as static-i18n passes it; abs_dest_path is set below
    made.use_directory_urls = config.use_directory_urls
    made.dest_uri = file.dest_uri
    made.inclusion = file.inclusion

    # static-i18n compares the first folder with the first configured language, or takes any folder
    # named like a locale.
    if all_languages and (source[0] == all_languages[0] or RE_LOCALE.match(source[0])):
        locale = localization = source[0]
    else:
        locale, localization = default_language, None

    dest = list(_path_parts(file.dest_uri))
    if dest[-1].endswith("README.html"):
        dest[-1] = "index.html"
    in_locale_folder = dest[0] == locale
    if locale != current_language:
        if in_locale_folder:
            made.dest_uri = _joined([current_language] + dest[1:])
        elif current_language != default_language:
            made.dest_uri = _joined([current_language] + dest)
    elif locale == default_language and in_locale_folder:
        made.dest_uri = _joined(dest[1:])
    made.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, os.path.normpath(made.dest_uri)))
    made.url = made._get_url(config.use_directory_urls)

    made.alternates = {current_language: made}
    made.locale = locale
    made.locale_alternate_of = current_language
    made.localization = localization
    made.norm_src_uri = _joined(list(source[1:])) if localization else made.src_uri
    return made


def _joined(parts: list[str]) -> str:
    return "/".join(parts) or "."


# What static-i18n's create_i18n_file makes of a file depends on the file, the locale asked for and the
# configuration, not on the locale being built; kept for the whole build (forked locale builds inherit them),
# per configuration: {setting: {source: locale}} and {setting: {(source, ..., locale): File}}.
_LOCALES_BY_SOURCE: dict[tuple, dict[str, str]] = {}
_ALTERNATES: dict[tuple, dict[tuple, object]] = {}


def _reconfigure_files_alternates(self, i18n_src_uris, i18n_alternate_src_uris, mkdocs_config, create_i18n_file):
    # The choice static-i18n 1.3.1 makes in I18n.reconfigure_files_alternates, in the same order.
    # static-i18n's properties, read once: each makes its list anew.
    default, all_languages = self.default_language, self.all_languages
    setting = (default, tuple(all_languages), mkdocs_config.docs_dir, mkdocs_config.use_directory_urls)
    locales = _LOCALES_BY_SOURCE.setdefault(setting, {})
    alternates = _ALTERNATES.setdefault(setting, {})
    site_dir = mkdocs_config.site_dir

    def locale_of(file) -> str:  # a file's locale follows from its source path alone
        locale = locales.get(file.src_uri)
        if locale is None:
            locale = locales[file.src_uri] = create_i18n_file(
                file, default, default, all_languages, mkdocs_config).locale
        return locale

    def alternate(file, build_lang):
        key = (file.src_uri, file.dest_uri, file.inclusion, build_lang)
        made = alternates.get(key)
        if made is None:
            made = alternates[key] = create_i18n_file(file, build_lang, default, all_languages, mkdocs_config)
        # A copy, as create_i18n_file would make, placed under this build's site_dir.
        result = object.__new__(type(made))
        result.__dict__.update(made.__dict__)
        result.abs_dest_path = os.path.normpath(os.path.join(site_dir, result.dest_path))
        result.alternates = {build_lang: result}
        return result

    fallback = self.config.fallback_to_default is True
    for build_lang in sorted(self.build_languages):
        for src_uri, i18n_file in i18n_src_uris.items():
            if build_lang in i18n_file.alternates:
                continue
            candidates = i18n_alternate_src_uris.get(src_uri, [])
            chosen = next((f for f in candidates if locale_of(f) == build_lang), None)
            if chosen is None and fallback:
                chosen = next((f for f in candidates if locale_of(f) == default), None)
                if chosen is None and locale_of(i18n_file) == default:
                    chosen = i18n_file
            if chosen is not None:
                i18n_file.alternates[build_lang] = alternate(chosen, build_lang)
