"""The theme parts the package ships (helpcenter/theme/: templates, partials, scripts, stylesheets), registered by
the plugins themselves so that a project's mkdocs.yml names the plugins and nothing else.

The package's theme folder sits between the project's `custom_dir` (its brand: logo, colours, its own overrides)
and Material's templates, so a project can still override any of our partials the way Material intends.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

THEME_DIR = str(Path(__file__).parent / "theme")


# Scripts a page needs only when it has their elements: the page-scripts loader (assets/javascripts/page-scripts.js)
# fetches them then, at the first page and after instant navigation, instead of every page loading them.
ON_DEMAND_SCRIPTS = {
    # Opening hours (data-hc-closed), the contact page's form, an article's contact block with its status.
    "assets/javascripts/contact.js": "[data-hc-closed], [data-hc-contact], [data-hc-contact-status]",
    "assets/javascripts/feedback.js": "[data-hc-feedback]",
}
PAGE_SCRIPTS_LOADER = "assets/javascripts/page-scripts.js"


def take_on_demand_scripts(listed: list) -> list[tuple[str, str]]:
    """Removes the scripts of ON_DEMAND_SCRIPTS from extra_javascript; returns them with their selectors."""
    taken, kept = [], []
    for item in listed:
        path = str(getattr(item, "path", item))
        if path in ON_DEMAND_SCRIPTS:
            if path not in (p for p, _ in taken):
                taken.append((path, ON_DEMAND_SCRIPTS[path]))
        else:
            kept.append(item)
    listed[:] = kept
    return taken


def add_theme_dir(dirs: list[str]) -> None:
    """Inserts the package's theme folder before the first folder that belongs to the theme itself (the one with a
    mkdocs_theme.yml: Material's), so folders put first (custom_dir, static-i18n's sitemap template) stay first."""
    if THEME_DIR in dirs:
        return
    for index, folder in enumerate(dirs):
        if os.path.isfile(os.path.join(folder, "mkdocs_theme.yml")):
            dirs.insert(index, THEME_DIR)
            return
    dirs.append(THEME_DIR)


def add_assets(listed: list, wanted: Iterable[str]) -> None:
    """Appends each asset path once: mkdocs.yml may already name it, and static-i18n runs on_config per locale."""
    present = {str(item) for item in listed}
    for path in wanted:
        if path not in present:
            listed.append(path)
            present.add(path)


def register(config, *, stylesheets: Iterable[str] = (), scripts: Iterable[str] = ()) -> None:
    """What a plugin's on_config calls: the theme folder, then the stylesheets and scripts that plugin needs."""
    add_theme_dir(config.theme.dirs)
    add_assets(config.extra_css, stylesheets)
    add_assets(config.extra_javascript, scripts)
