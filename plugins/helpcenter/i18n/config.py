from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class I18nConfig(Config):
    enabled = c.Type(bool, default=True)
    # Where the team's translation-status page is built in the default locale ('' for none).
    status_page = c.Type(str, default="team/translation-status.md")
    # Untitled admonitions (`!!! note`) get their title in the page's language (UI strings `admonition.*`).
    admonition_titles = c.Type(bool, default=True)
    # The project's own reader-visible strings, `<locale>.yml` files (key: text) that add to and override the
    # package's; relative to mkdocs.yml. Not published.
    strings_dir = c.Type(str, default="docs/strings")
