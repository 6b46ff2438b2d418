"""A small sitemap per locale for browsers, and robots.txt naming the hreflang sitemap for search engines."""

from __future__ import annotations

from helpcenter.i18n.sitemaps import HREFLANG_SITEMAP, locale_sitemaps, robots_txt

I18N_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
    <url>
        <loc>https://help.example.com/</loc>
        <lastmod>2026-11-23</lastmod>
        <changefreq>daily</changefreq>
        <xhtml:link rel="alternate" hreflang="en" href="https://help.example.com/"/>
        <xhtml:link rel="alternate" hreflang="zh" href="https://help.example.com/zh/"/>
    </url>
    <url>
         <loc>https://help.example.com/zh/security/enable-2fa/?a=1&amp;b=2</loc>
        <xhtml:link rel="alternate" hreflang="en" href="https://help.example.com/security/enable-2fa/"/>
    </url>
</urlset>
"""


def lean(*locations: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "".join(f"<url><loc>{loc}</loc></url>\n" for loc in locations) + "</urlset>\n")


def test_each_locale_gets_its_own_addresses_and_nothing_else():
    sitemaps = locale_sitemaps(I18N_SITEMAP, "https://help.example.com", ["en", "zh", "zh-TW"], "en")
    assert sitemaps == {
        "sitemap.xml": lean("https://help.example.com/"),
        "zh/sitemap.xml": lean("https://help.example.com/zh/security/enable-2fa/?a=1&amp;b=2"),
        "zh-TW/sitemap.xml": lean(),
    }


def test_addresses_under_no_locale_folder_belong_to_the_default_locale():
    sitemap = I18N_SITEMAP.replace("https://help.example.com/", "https://example.com/help/")
    sitemap = sitemap.replace("<loc>https://example.com/help/</loc>", "<loc>https://example.com/help/zhong/x/</loc>")
    sitemaps = locale_sitemaps(sitemap, "https://example.com/help/", ["en", "zh"], "en")
    assert sitemaps["sitemap.xml"] == lean("https://example.com/help/zhong/x/")
    assert sitemaps["zh/sitemap.xml"] == lean("https://example.com/help/zh/security/enable-2fa/?a=1&amp;b=2")


def test_a_sitemap_without_alternates_is_left_alone():
    sitemaps = locale_sitemaps(I18N_SITEMAP, "https://help.example.com/", ["en", "zh"], "en")
    assert locale_sitemaps(sitemaps["sitemap.xml"], "https://help.example.com/", ["en", "zh"], "en") is None
    assert locale_sitemaps("<sitemapindex><sitemap><loc>x</loc></sitemap></sitemapindex>",
                           "https://help.example.com/", ["en"], "en") is None


def test_robots_txt_names_the_hreflang_sitemap():
    assert robots_txt(None, "https://help.example.com") == (
        f"User-agent: *\nAllow: /\n\nSitemap: https://help.example.com/{HREFLANG_SITEMAP}\n")
    assert robots_txt(None, "https://example.com/help/").endswith(f"Sitemap: https://example.com/help/{HREFLANG_SITEMAP}\n")


def test_a_written_robots_txt_keeps_its_lines():
    own = "User-agent: *\nDisallow: /team/\n"
    assert robots_txt(own, "https://help.example.com/") == (
        own + f"\nSitemap: https://help.example.com/{HREFLANG_SITEMAP}\n")
    with_sitemap = own + "Sitemap: https://help.example.com/other.xml\n"
    assert robots_txt(with_sitemap, "https://help.example.com/") == with_sitemap


def test_page_heads_lose_materials_hreflang_links_and_blank_lines_only():
    from helpcenter.i18n.sitemaps import without_hreflang_links

    head = ('\n      <meta charset="utf-8">\n\n      <link rel="canonical" href="https://help.example.com/a/">\n'
            '          <link rel="alternate" href="../zh/a/" hreflang="zh">\n'
            '      <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">\n   \n')
    assert without_hreflang_links(head) == (
        '\n      <meta charset="utf-8">\n      <link rel="canonical" href="https://help.example.com/a/">'
        '\n      <link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">')


SITEMAP_WITH_COPIES = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
    <url>
        <loc>https://help.example.com/a/?x=1&amp;y=2</loc>
        <changefreq>daily</changefreq>
        <xhtml:link rel="alternate" hreflang="en" href="https://help.example.com/a/?x=1&amp;y=2"/>
        <xhtml:link rel="alternate" hreflang="fr" href="https://help.example.com/fr/a/?x=1&amp;y=2"/>
        <xhtml:link rel="alternate" hreflang="zh" href="https://help.example.com/zh/a/?x=1&amp;y=2"/>
    </url>
    <url>
        <loc>https://help.example.com/fr/a/?x=1&amp;y=2</loc>
        <xhtml:link rel="alternate" hreflang="fr" href="https://help.example.com/fr/a/?x=1&amp;y=2"/>
    </url>
    <url>
        <loc>https://help.example.com/zh/a/?x=1&amp;y=2</loc>
        <xhtml:link rel="alternate" hreflang="zh" href="https://help.example.com/zh/a/?x=1&amp;y=2"/>
    </url>
</urlset>
"""


def test_excluded_addresses_lose_their_entry_and_every_alternate_pointing_to_them():
    from helpcenter.i18n.sitemaps import without_addresses

    kept = without_addresses(SITEMAP_WITH_COPIES, {"https://help.example.com/fr/a/?x=1&y=2"})
    assert kept == """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
    <url>
        <loc>https://help.example.com/a/?x=1&amp;y=2</loc>
        <changefreq>daily</changefreq>
        <xhtml:link rel="alternate" hreflang="en" href="https://help.example.com/a/?x=1&amp;y=2"/>
        <xhtml:link rel="alternate" hreflang="zh" href="https://help.example.com/zh/a/?x=1&amp;y=2"/>
    </url>
    <url>
        <loc>https://help.example.com/zh/a/?x=1&amp;y=2</loc>
        <xhtml:link rel="alternate" hreflang="zh" href="https://help.example.com/zh/a/?x=1&amp;y=2"/>
    </url>
</urlset>
"""
    assert "fr/" not in kept and kept.count("<url>") == 2 and 'hreflang="zh"' in kept
    assert without_addresses(SITEMAP_WITH_COPIES, ()) == SITEMAP_WITH_COPIES


def test_fallback_and_locale_addresses():
    from helpcenter.articles.model import HelpCenter, Article, page_url
    from helpcenter.i18n.sitemaps import fallback_addresses, locale_addresses

    def article(locale):
        return Article(id=1, locale=locale, path="security/a.md", src=f"docs/{locale}/security/a.md", title="A",
                       description="", category="security", tags=(), priority="normal", updated=None,
                       machine_translated=False, source_revision=None, redirect_from=(), revision="r", body="")

    hc = HelpCenter(["en", "zh", "fr"], "en", articles={("en", 1): article("en"), ("zh", 1): article("zh")})
    assert page_url("security/a.md") == "security/a/"
    assert fallback_addresses(hc, "https://help.example.com") == {"https://help.example.com/fr/security/a/"}
    assert locale_addresses(["team/x/"], "https://help.example.com/", ["en", "zh"], "en") == {
        "https://help.example.com/team/x/", "https://help.example.com/zh/team/x/"}
