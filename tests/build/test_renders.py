"""Fallback pages reuse the default locale's render only when its relative links move with the page."""

from helpcenter.build.renders import Render, RenderCache, moves_with_page, relative_targets, render_key, site_urls


def test_relative_targets_resolve_from_the_page():
    html = ('<a href="../y/">y</a> <a href="z/#part">z</a> <img src="../img/shot.png"> <a href="#top">top</a>'
            '<a href="https://example.com/x">ext</a> <a href="/abs/">abs</a> <a href="mailto:a@b.c">mail</a>'
            '<a href="../../">home</a>')
    assert relative_targets(html, "security/x/") == {"security/y/", "security/x/z/", "security/img/shot.png", ""}


def test_relative_targets_from_the_home_page():
    assert relative_targets('<a href="security/">s</a>', "") == {"security/"}


def test_links_that_move_with_the_page_allow_reuse():
    urls = {"zh/", "zh/security/y/", "security/img/shot.png", "security/y/"}
    assert moves_with_page(frozenset({"security/y/", ""}), "zh/", urls)
    # The image stays at the default locale's place, so zh's copy of the page links it differently.
    assert not moves_with_page(frozenset({"security/y/", "security/img/shot.png"}), "zh/", urls)


def test_site_urls_match_target_form():
    class F:
        def __init__(self, url):
            self.url = url
    assert site_urls([F("./"), F("zh/"), F("zh/security/y/"), F("assets/a.css"), F("x/index.html")]) == \
        {"", "zh/", "zh/security/y/", "assets/a.css", "x/"}


def test_cache_finds_a_render_for_the_same_markdown_and_a_moved_page():
    cache = RenderCache()
    key = render_key("security/x.md", "# X\n\n[y](y.md)", "settings")
    cache.store(key, Render(page_url="security/x/", results={"content": "<h1>X</h1>"},
                            targets=frozenset({"security/y/"})))
    assert cache.find(key, "zh/security/x/", {"zh/security/y/"}).results["content"] == "<h1>X</h1>"
    assert cache.find(key, "zh/security/x/", {"security/y/"}) is None  # zh has no copy of y
    assert cache.find(render_key("security/x.md", "# X changed", "settings"), "zh/security/x/", {"zh/security/y/"}) is None
    assert cache.find(render_key("security/x.md", "# X\n\n[y](y.md)", "other settings"), "zh/security/x/",
                      {"zh/security/y/"}) is None


def test_a_rebuild_finds_the_last_builds_render_of_an_unchanged_page_only_once_more():
    cache = RenderCache()
    key = render_key("zh/security/x.md", "# X\n\n[y](y.md)", "settings")
    cache.store(key, Render(page_url="zh/security/x/", results={"content": "<h1>X</h1>"},
                            targets=frozenset({"zh/security/y/"})))
    cache.next_build()
    assert cache.find(key, "zh/security/x/", {"zh/security/y/"}).results["content"] == "<h1>X</h1>"
    assert cache.find(key, "zh/security/x/", {"zh/security/z/"}) is None  # y was deleted: convert again
    cache.next_build()  # found in the build before, so kept
    assert cache.find(key, "zh/security/x/", {"zh/security/y/"}) is not None
    cache.next_build()
    cache.next_build()  # a build that did not use it drops it
    assert cache.find(key, "zh/security/x/", {"zh/security/y/"}) is None and len(cache) == 0
