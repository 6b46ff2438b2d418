"""The home page's important articles: most important first, and no category takes more than a third of the
places while other categories have important articles left."""

from helpcenter.articles.model import Article, HelpCenter


def _article(article_id, category, priority):
    return Article(id=article_id, locale="en", path=f"{category}/a{article_id:03d}.md", src=f"docs/en/{category}/a{article_id}.md",
                   title=f"A{article_id}", description="d", category=category, tags=(), priority=priority, updated=None,
                   machine_translated=False, source_revision=None, redirect_from=(), revision="r", body="b")


def _help_center(articles):
    hc = HelpCenter(locales=["en"], default_locale="en")
    hc.articles = {("en", a.id): a for a in articles}
    return hc


def test_one_category_of_critical_articles_leaves_room_for_everyday_questions():
    security = [_article(1, "security", "urgent")] + [_article(i, "security", "critical") for i in range(2, 9)]
    everyday = [_article(20, "deposits", "promoted"), _article(21, "deposits", "promoted"),
                _article(22, "deposits", "promoted"), _article(23, "deposits", "promoted"),
                _article(30, "account", "promoted"), _article(31, "account", "promoted")]
    chosen = _help_center(security + everyday + [_article(40, "trading", "normal")]).promoted("en", 8)
    assert [a.id for a in chosen] == [1, 2, 3, 30, 31, 20, 21, 22]  # same rank: by path


def test_places_left_over_go_to_the_most_important_remaining_articles():
    security = [_article(1, "security", "urgent")] + [_article(i, "security", "critical") for i in range(2, 9)]
    chosen = _help_center(security + [_article(20, "deposits", "promoted")]).promoted("en", 8)
    assert [a.id for a in chosen] == [1, 2, 3, 4, 5, 6, 7, 20]
    assert [a.id for a in _help_center(security).promoted("en", 4)] == [1, 2, 3, 4]
