from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    # Ship the lunr index prebuilt at build time (true) or let each reader's browser build it (false).
    # scripts/bench_search.py measures both; prebuilt shows the first result sooner.
    prebuilt_index = c.Type(bool, default=True)
    # Synonyms writers edit, relative to mkdocs.yml.
    synonyms = c.Type(str, default="docs/search-synonyms.yml")
    # Words found by the Chinese and Japanese segmenters, kept between builds (relative to mkdocs.yml;
    # empty: none). Japanese segmentation is slow; with the cache only changed text is segmented again.
    cache_dir = c.Type(str, default=".cache/helpcenter/search")
