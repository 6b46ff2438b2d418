"""Links and anchors resolve in every locale build; each dead one is reported with its file, line and a fix."""

import pytest

from helpcenter.checks.links import SiteSpace, link_findings
from helpcenter.checks.sources import load_sources

from checks_helpers import article, renderer, settings, write  # noqa: F401 (fixtures)

SITE_URL = "https://help.quillfeather.example/"


@pytest.fixture
def docs(tmp_path):
    root = tmp_path / "docs"
    write(root, "en/index.md", "---\ntitle: Home\n---\n\nStart with [2FA](security/enable-2fa.md).\n")
    write(root, "en/security/index.md", "---\ntitle: Security\n---\n\nKeep your account safe.\n")
    write(root, "zh/security/index.md", "---\ntitle: 安全\n---\n\n保护账户。\n")
    write(root, "en/security/account-compromised.md",
          article(5002, "Account compromised", body="## Freeze your account\n\nDo it now.\n"))
    write(root, "zh/security/account-compromised.md",
          article(5002, "账户被盗", body="## 冻结账户\n\n立即冻结。\n"))
    write(root, "en/security/enable-2fa.md", article(5001, "Enable 2FA"))
    write(root, "en/img/screen.png", "png")
    return root


def check(docs, renderer, text, path="en/security/enable-2fa.md"):
    """Write `text` as the body of an article and return (findings, external links)."""
    write(docs, path, article(5001, "Enable 2FA", body=text))
    sources = load_sources(docs, ["en", "zh", "ja"], "en", renderer, "docs")
    space = SiteSpace(sources, site_url=SITE_URL, theme_files={"assets/images/logo.svg"})
    return link_findings(space)


def where(found):
    return [(f.path, f.line) for f in found]


# The article body starts on line 9 (7 lines of front matter, then a blank line).

def test_good_links_pass(docs, renderer):
    body = ("[Freeze](account-compromised.md) [home](../index.md) [topic](index.md#topic=security)\n"
            "[self](#choose) ![Screen](../img/screen.png) ![Logo](../../assets/images/logo.svg)\n\n"
            "## Choose\n\n[ja page](/ja/security/enable-2fa/) [zh topic](/zh/security/) "
            f"[full]({SITE_URL}ja/) [mail](mailto:help@quillfeather.example)\n")
    found, external = check(docs, renderer, body)
    assert found == [] and external == []


def test_dead_link_names_file_line_and_a_close_name(docs, renderer):
    found, _ = check(docs, renderer, "Text.\n\nSee [freeze](account-compromized.md).\n")
    assert where(found) == [("docs/en/security/enable-2fa.md", 11)]
    assert "there is no docs/en/security/account-compromized.md" in found[0].message
    assert found[0].fix == "did you mean account-compromised.md?"


def test_dead_anchor_lists_the_target_sections(docs, renderer):
    found, _ = check(docs, renderer, "See [freeze](account-compromised.md#freeze).\n")
    assert where(found) == [("docs/en/security/enable-2fa.md", 9)]
    assert "anchor '#freeze' is not on docs/en/security/account-compromised.md" in found[0].message
    assert "#freeze-your-account" in found[0].fix


def test_anchor_missing_in_a_translation_is_reported_for_that_locale(docs, renderer):
    # The English article stands in for zh and ja; in zh its link lands on the zh translation, whose ids differ.
    found, _ = check(docs, renderer, "Then [freeze](account-compromised.md#freeze-your-account).\n")
    assert where(found) == [("docs/en/security/enable-2fa.md", 9)]
    assert found[0].message.startswith("in the zh site")
    assert "docs/zh/security/account-compromised.md" in found[0].message and "#_1 (冻结账户)" in found[0].fix


def test_dead_link_written_in_a_translation(docs, renderer):
    found, _ = check(docs, renderer, "先看[这里](account-compromise.md)。\n", path="zh/security/enable-2fa.md")
    assert where(found) == [("docs/zh/security/enable-2fa.md", 9)]


def test_link_to_another_locales_markdown_gives_the_address_to_use(docs, renderer):
    found, _ = check(docs, renderer, "日本語: [ja](../../ja/security/account-compromised.md)\n",
                     path="zh/security/enable-2fa.md")
    assert where(found) == [("docs/zh/security/enable-2fa.md", 9)]
    assert "not part of the zh site" in found[0].message
    assert found[0].fix.endswith(" /ja/security/account-compromised/")
    fixed, _ = check(docs, renderer, "日本語: [ja](../../../ja/security/account-compromised/)\n",
                     path="zh/security/enable-2fa.md")
    assert fixed == []


@pytest.mark.parametrize("link", ["/zh/nothing/", "../../../ko/security/", "../no-such-topic/",
                                  f"{SITE_URL}zh/security/missing/", "../img/missing.png"])
def test_dead_addresses(docs, renderer, link):
    found, _ = check(docs, renderer, f"Go [there]({link}).\n")
    assert where(found) == [("docs/en/security/enable-2fa.md", 9)], found


def test_relative_address_of_another_locale_breaks_where_an_english_page_stands_in(docs, renderer):
    # From /security/enable-2fa/ the address works; from the zh copy (/zh/security/enable-2fa/) it does not.
    found, _ = check(docs, renderer, "Japanese: [ja](../../ja/security/)\n")
    assert [f.message.split(" (")[0] for f in found] == ["in the zh site", "in the ja site"]
    assert check(docs, renderer, "Japanese: [ja](/ja/security/)\n")[0] == []


def test_reference_links_and_repeated_links_get_their_own_lines(docs, renderer):
    body = "[a][gone] and [b](gone.md)\n\nAgain [b](gone.md).\n\n[gone]: missing.md\n"
    found, _ = check(docs, renderer, body)
    assert sorted(f.line for f in found) == [9, 11, 13]


def test_links_inside_code_are_not_links(docs, renderer):
    found, _ = check(docs, renderer, "Write `[x](gone.md)`:\n\n```markdown\n[x](gone.md)\n```\n")
    assert found == []


def test_external_links_are_listed_not_fetched(docs, renderer):
    found, external = check(docs, renderer, "Text.\n\nSee [status](https://status.quillfeather.example/).\n")
    assert found == []
    assert [(e.url, e.src, e.line) for e in external] == [
        ("https://status.quillfeather.example/", "docs/en/security/enable-2fa.md", 11)]
