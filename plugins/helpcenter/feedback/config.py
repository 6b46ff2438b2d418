from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class FeedbackConfig(Config):
    enabled = c.Type(bool, default=True)
    # Where the widget posts votes: a path on the site's origin, or an absolute URL (collector on its own origin).
    endpoint = c.Type(str, default="/api/feedback")
    # Reason codes offered after "No"; each needs a `feedback.reason.<code>` label in every locale.
    reasons = c.ListOfItems(c.Type(str), default=["outdated", "unclear", "not_solved", "translation"])
    comment_limit = c.Type(int, default=2000)
    # Categories whose articles have no widget; a page's front matter `feedback: true|false` overrides this.
    exclude_categories = c.ListOfItems(c.Type(str), default=[])
    # Linked after a "No" vote when the site has no contact page at <locale>/contact/.
    contact_article = c.Type(str, default="support/contact-support.md")
    # The collector reads this file from the built site to reject unknown reason codes.
    settings_file = c.Type(str, default="feedback.json")
