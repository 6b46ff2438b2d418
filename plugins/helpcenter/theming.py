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
