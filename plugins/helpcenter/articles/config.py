from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ArticlesConfig(Config):
    enabled = c.Type(bool, default=True)
    # Pages (globs relative to a locale folder) that are not articles, e.g. pages for the team.
    other_pages = c.ListOfItems(c.Type(str), default=["team/*"])
    # Pages for the team (globs relative to a locale folder; they are `other_pages` too): built in the default
    # locale only (other locales' addresses redirect there), out of the navigation and the sitemaps, noindex.
    private_pages = c.ListOfItems(c.Type(str), default=["team/*"])
    promoted_limit = c.Type(int, default=8)
    # Articles a category lists in the sidebar of its pages (then a link to the category page); 0: all.
    sidebar_limit = c.Type(int, default=12)
    related_limit = c.Type(int, default=5)
    catalogue = c.Type(str, default="articles.json")
    short_links = c.Type(bool, default=True)
    # Facts several articles state (docs folder relative); articles write {{ fact.name }} (see facts.py).
    facts = c.Type(str, default="facts.yml")
