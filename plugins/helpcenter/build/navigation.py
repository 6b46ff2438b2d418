"""The navigation a page's template walks. With `navigation.prune`, Material shows every section other than the
page's own as one link (to its first page), yet its template still loops over all of that section's pages on
every page, so the work grows with articles x pages. The template gets those sections with their first page
only: the HTML is the same, and a help center's navigation no longer costs more per page as it grows."""

from __future__ import annotations

import copy

# Features under which Material draws an inactive top-level section as a link to its first page.
PRUNING = "navigation.prune"
UNPRUNED_SECTIONS = ("navigation.sections", "navigation.tabs")


def prunes_inactive_sections(features) -> bool:
    return PRUNING in features and not any(feature in features for feature in UNPRUNED_SECTIONS)


def page_navigation(nav, features, trimmed: dict | None = None):
    """`nav` as the current page's template needs it: inactive top-level sections keep their first child.
    `trimmed` keeps each section's trimmed copy for the next pages (id -> (section, copy))."""
    if not prunes_inactive_sections(features):
        return nav
    trimmed = {} if trimmed is None else trimmed
    items = []
    for item in nav.items:
        children = getattr(item, "children", None)
        if getattr(item, "is_section", False) and not item.active and children and len(children) > 1:
            kept = trimmed.get(id(item))
            if kept is None or kept[0] is not item or kept[1].children[0] is not children[0]:
                shown = copy.copy(item)
                shown.children = children[:1]
                kept = trimmed[id(item)] = (item, shown)
            items.append(kept[1])
        else:
            items.append(item)
    view = copy.copy(nav)
    view.items = items
    return view
