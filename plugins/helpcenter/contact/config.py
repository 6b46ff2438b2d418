from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ContactConfig(Config):
    enabled = c.Type(bool, default=True)
    # The contact page, relative to a locale folder; list it in helpcenter-articles `other_pages` too.
    page = c.Type(str, default="contact.md")
    # Channels in the order readers see them; checked by settings.parse_settings (see README).
    channels = c.Type(list, default=[])
    # The step shown before every channel when an account may be compromised.
    urgent = c.Optional(c.Type(dict))
    # JSON with the current wait per channel id, read by the page; without it the expected times are shown.
    status_url = c.Optional(c.Type(str))
    query_limit = c.Type(int, default=500)
    url_limit = c.Type(int, default=2000)
