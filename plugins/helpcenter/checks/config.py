from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ChecksConfig(Config):
    enabled = c.Type(bool, default=True)
    # Hosts whose pages content may embed with <iframe> (https only), e.g. www.youtube-nocookie.com.
    iframe_hosts = c.ListOfItems(c.Type(str), default=[])
    # Fail every build (also `mkdocs serve`) on content that would run code in readers' browsers.
    safety_on_build = c.Type(bool, default=True)
    # Seconds to wait for each external link with `helpcenter check --external`.
    external_timeout = c.Type(int, default=10)
