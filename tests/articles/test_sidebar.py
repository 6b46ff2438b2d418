from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from helpcenter.articles.navigation import page_navigation


def _page(src):
    config = MkDocsConfig()
    config.load_dict({"site_name": "Help", "docs_dir": "/docs", "site_dir": "/site"})
    page = Page(None, File(src, "/docs", "/site", True), config)
    page.file.locale = "zh"
    return page


def _nav(articles):
    sections = []
    for name in ("deposits", "security"):
        children = [_page(f"zh/{name}/index.md")] + [_page(f"zh/{name}/a{n}.md") for n in range(articles)]
        section = Section(name, children)
        for child in children:
            child.parent = section
        sections.append(section)
    return Navigation(sections, [p for s in sections for p in s.children]), sections


def _titles(section):
    return [child.file.src_uri if not isinstance(child, Link) else (child.title, child.url) for child in section.children]


def test_a_long_category_lists_its_first_articles_and_links_to_all_of_them():
    nav, (deposits, security) = _nav(30)
    page = security.children[20]
    page.active = True
    shown = page_navigation(nav, page, 12, lambda count: f"All articles ({count})")
    section = shown.items[1]
    assert _titles(section)[:13] == [c.file.src_uri for c in security.children[:13]]
    assert _titles(section)[13:] == ["zh/security/a19.md", ("All articles (30)", "zh/security/")]
    assert shown.items[0] is deposits and len(security.children) == 31, "other pages see the whole navigation"


def test_short_categories_and_no_limit_leave_the_navigation_as_it_is():
    nav, (_, security) = _nav(5)
    security.children[2].active = True
    assert page_navigation(nav, security.children[2], 12, str) is nav
    nav, (_, security) = _nav(30)
    security.children[2].active = True
    assert page_navigation(nav, security.children[2], 0, str) is nav
