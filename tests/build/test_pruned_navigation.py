from mkdocs.structure.nav import Navigation, Section

from helpcenter.build.navigation import page_navigation


class _Page:
    is_section = False
    is_page = True
    is_homepage = False

    def __init__(self, title):
        self.title = title
        self.parent = None


def _nav():
    sections = [Section(name, [_Page(f"{name} index")] + [_Page(f"{name} {n}") for n in range(3)])
                for name in ("deposits", "security")]
    for section in sections:
        section.parent = None
        for child in section.children:
            child.parent = section
    home = _Page("home")
    return Navigation([home] + sections, [home]), sections


def test_inactive_sections_keep_their_first_page_under_pruning():
    nav, (deposits, security) = _nav()
    security.active = True
    shown = page_navigation(nav, ["navigation.prune", "navigation.indexes"])
    assert [item.title for item in shown] == ["home", "deposits", "security"]
    assert [page.title for page in shown.items[1].children] == ["deposits index"]
    assert shown.items[2] is security and len(security.children) == 4
    assert len(deposits.children) == 4, "the shared navigation is left whole for the other pages"


def test_without_pruning_every_section_is_drawn_whole():
    nav, _ = _nav()
    for features in (["navigation.indexes"], ["navigation.prune", "navigation.sections"]):
        assert page_navigation(nav, features) is nav
