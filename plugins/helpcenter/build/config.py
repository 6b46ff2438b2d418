from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class BuildConfig(Config):
    enabled = c.Type(bool, default=True)
    # `mkdocs build` only: build the non-default locales in worker processes, this many at once
    # (0: one per CPU core). `mkdocs serve` always builds them one after another.
    parallel_locales = c.Type(bool, default=True)
    workers = c.Type(int, default=0)
    # A fallback page (a locale without its own translation shows the default locale's article) reuses
    # the default locale's Markdown render when that render would come out the same.
    reuse_fallback_renders = c.Type(bool, default=True)
    # Pages are converted with one Markdown converter, reset for each page (MkDocs makes one per page).
    one_markdown_converter = c.Type(bool, default=True)
    # Compile the theme's templates once per build; the locale builds load the compiled code.
    share_compiled_templates = c.Type(bool, default=True)
    # Templates read `x.name` without raising exceptions for dict keys and missing attributes (same results).
    quick_template_lookups = c.Type(bool, default=True)
    # With navigation.prune, each page's template gets the other sections with their first page only (same HTML).
    trim_pruned_navigation = c.Type(bool, default=True)
    # Navigation items that are not the page's (or its section's) are drawn once per folder, not per page,
    # and the theme's words translated once per build (same HTML).
    keep_macro_results = c.Type(bool, default=True)
