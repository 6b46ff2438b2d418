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
    # `mkdocs build`: write a gzip and a Brotli copy next to each text file of the site (build/compress.py), for
    # servers that send them as they are: Brotli quality 11 for scripts, stylesheets and indexes, page_brotli_quality
    # for pages. Brotli copies are kept by their source's content in compress_cache_dir (relative to mkdocs.yml;
    # default: the user's cache folder, ~/.cache/helpcenter/compressed; "" for none), as quality 11 is slow.
    precompress = c.Type(bool, default=True)
    brotli_quality = c.Type(int, default=11)
    page_brotli_quality = c.Type(int, default=9)
    compress_cache_dir = c.Optional(c.Type(str))
    # The package's scripts and stylesheets are written under content-hashed names (build/assets.py), which pages
    # use; servers can then let browsers keep them for a year.
    hash_asset_names = c.Type(bool, default=True)
    # With hashed names, minify them first (rJSmin, rCSSmin; these make no source maps).
    minify_assets = c.Type(bool, default=True)
    # Scripts only some pages need (theming.ON_DEMAND_SCRIPTS: contact, feedback) load on the pages that have
    # their elements, through assets/javascripts/page-scripts.js, instead of on every page.
    load_scripts_on_demand = c.Type(bool, default=True)
