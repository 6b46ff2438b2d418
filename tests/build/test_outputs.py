"""Putting the locale workers' outputs together as a sequential build leaves them."""

import gzip
import io

from helpcenter.build.outputs import gzip_as, merge_tree, stitch_sitemaps

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset>'
EN = "\n    <url><loc>/</loc></url>"
END = "\n</urlset>"


def test_sitemaps_are_stitched_in_build_order():
    zh, ja = "\n    <url><loc>/zh/</loc></url>", "\n    <url><loc>/ja/</loc></url>"
    stitched = stitch_sitemaps(HEAD + EN + END, [HEAD + EN + zh + END, HEAD + EN + ja + END])
    assert stitched == HEAD + EN + zh + ja + END


def test_an_unexpected_sitemap_is_not_stitched():
    assert stitch_sitemaps(HEAD + EN + END, ["<urlset>other</urlset>"]) is None
    assert stitch_sitemaps("no sitemap", [HEAD + END]) is None


def test_gzip_matches_the_reference_header_and_content(tmp_path):
    reference = io.BytesIO()
    with gzip.GzipFile(fileobj=reference, filename=str(tmp_path / "sitemap.xml.gz"), mode="wb", mtime=1234567) as gz:
        gz.write("<urlset/>".encode())
    assert gzip_as("<urlset/>", reference.getvalue(), str(tmp_path / "sitemap.xml.gz")) == reference.getvalue()


def test_merge_moves_files_and_replaces_existing_ones(tmp_path):
    site, part = tmp_path / "site", tmp_path / "part"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "a.css").write_text("old")
    (site / "index.html").write_text("en")
    (part / "assets").mkdir(parents=True)
    (part / "assets" / "a.css").write_text("new")
    (part / "zh" / "x").mkdir(parents=True)
    (part / "zh" / "x" / "index.html").write_text("zh")
    merge_tree(part, site)
    assert (site / "assets" / "a.css").read_text() == "new"
    assert (site / "index.html").read_text() == "en"
    assert (site / "zh" / "x" / "index.html").read_text() == "zh"
    assert not part.exists()
