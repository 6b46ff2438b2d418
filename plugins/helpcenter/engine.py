"""The build engine that runs the plugins: MkDocs, or ProperDocs, the maintained fork that runs MkDocs plugins and
themes by answering every `mkdocs.*` import with its own `properdocs.*` module.

Loggers are named after the engine that runs, so our messages reach its handlers and count towards its --strict
(a logger under "mkdocs." is unheard while ProperDocs builds). Commands that run without a build (`helpcenter
check`) import whichever engine is installed.
"""

from __future__ import annotations

import logging

try:
    import mkdocs
except ImportError:  # ProperDocs alone: its aliases make `mkdocs.*` imports work
    import properdocs.replacement  # noqa: F401
    import mkdocs

NAME = mkdocs.__name__  # "mkdocs", or "properdocs" under ProperDocs


def logger(name: str = "") -> logging.Logger:
    """The engine's logger `name` (e.g. "plugins.helpcenter.search"); the engine's root logger without a name."""
    return logging.getLogger(f"{NAME}.{name}" if name else NAME)
