"""The one place that reaches into Material for MkDocs (9.8.x) for search.

- Material's header shows the search box only while a plugin named "material/search" is enabled; our
  search plugin replaces Material's, so it is listed under that name too (without running twice).
- Material's HTML parser splits a page into sections the way Material's index does; we reuse it so
  `search_index.json` keeps Material's format.
- Material's bundle fetches `search/search_index.json` from the site root and starts the worker named in
  `#__config`; search.js (loaded before the bundle) points both at the locale's own index and worker.

tests/search/test_adapters.py fails loudly when a new Material version changes what we rely on.
"""

from __future__ import annotations

from pathlib import Path

from material.plugins.search.plugin import Parser

MATERIAL_SEARCH = "material/search"


def show_search_box(config, plugin) -> None:
    """Make Material's header render its search box for `plugin` (it checks config.plugins[MATERIAL_SEARCH]).

    dict.__setitem__ skips PluginCollection's event registration, so the plugin's events still run once."""
    plugins = config.plugins
    existing = plugins.get(MATERIAL_SEARCH)
    if existing is not None and existing is not plugin:
        raise LookupError("Material's search plugin is enabled next to helpcenter-search: remove `- search` "
                          "from `plugins:` in mkdocs.yml (helpcenter-search replaces it).")
    dict.__setitem__(plugins, MATERIAL_SEARCH, plugin)


def html_sections(html: str) -> list[tuple[str | None, str, str]]:
    """(anchor or None, title HTML, text HTML) per section, as Material's search plugin splits a page."""
    parser = section_reader()
    parser.feed(html)
    parser.close()
    return read_sections(parser)


def section_reader() -> Parser:
    """Material's parser, to be fed a page or to get its events from another parser's pass over it
    (it handles start tags, end tags and text only)."""
    return Parser()


def read_sections(parser: Parser) -> list[tuple[str | None, str, str]]:
    return [(section.id, "".join(section.title), "".join(section.text))
            for section in parser.data if not section.is_excluded()]


def material_templates() -> Path:
    import material
    return Path(material.__file__).parent / "templates"


def worker_source_map() -> Path:
    """Material's bundled search worker's source map (it holds the lunr.js Material ships)."""
    matches = sorted((material_templates() / "assets/javascripts/workers").glob("search.*.min.js.map"))
    if not matches:
        raise LookupError("Material's search worker source map was not found")
    return matches[0]
