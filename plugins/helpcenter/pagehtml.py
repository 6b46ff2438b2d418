"""A page's rendered HTML is read once for both plugins that read it: the safety gate of helpcenter-checks
(on_page_content, priority 100, first) and the sections of helpcenter-search (priority -100, last). The gate's
pass also splits the page into Material's search sections, kept for the page until search asks for them."""

from __future__ import annotations

from .adapters import material_search
from .checks.htmlparse import ParsedHtml, parse_html

# (html, its search sections) of the page the gate read last.
_last_sections: tuple[str, list] | None = None


def parse_for_gate(html: str) -> ParsedHtml:
    global _last_sections
    reader = material_search.section_reader()
    parsed = parse_html(html, listeners=[reader])
    _last_sections = (html, material_search.read_sections(reader))
    return parsed


def search_sections(html: str) -> list[tuple[str | None, str, str]]:
    """Material's sections of a page: from the gate's pass when it read this same HTML, else read now."""
    if _last_sections is not None and _last_sections[0] == html:
        return _last_sections[1]
    return material_search.html_sections(html)
