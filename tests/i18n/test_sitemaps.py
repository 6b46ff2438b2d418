"""The lean sitemap for browsers and robots.txt naming the hreflang sitemap for search engines."""

from __future__ import annotations

from helpcenter.i18n.sitemaps import HREFLANG_SITEMAP, lean_sitemap, robots_txt

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


def test_lean_sitemap_keeps_every_location_and_nothing_else():
    lean = lean_sitemap(I18N_SITEMAP)
    assert lean == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<url><loc>https://help.example.com/</loc></url>\n"
        "<url><loc>https://help.example.com/zh/security/enable-2fa/?a=1&amp;b=2</loc></url>\n"
        "</urlset>\n")


def test_a_sitemap_without_alternates_is_left_alone():
    assert lean_sitemap(lean_sitemap(I18N_SITEMAP)) is None
    assert lean_sitemap('<sitemapindex><sitemap><loc>x</loc></sitemap></sitemapindex>') is None


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
