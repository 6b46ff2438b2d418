"""The article model: validation errors name the file, the line, the field and the fix."""

from pathlib import Path

import pytest

from helpcenter.articles.model import ContentErrors, load_help_center, page_url

LOCALES = ["en", "zh", "ja"]


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def article(id_="1001", title="Enable 2FA", category="security", extra="") -> str:
    return (f"---\nid: {id_}\ntitle: {title}\ndescription: Protect your account.\ncategory: {category}\n"
            f"tags: [2fa]\n{extra}---\n\nBody text.\n")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    write(tmp_path, "en/index.md", "---\ntitle: Home\n---\n")
    write(tmp_path, "en/security/index.md", "---\ntitle: Security\norder: 2\n---\n")
    write(tmp_path, "en/trading/index.md", "---\ntitle: Trading\norder: 1\n---\n")
    write(tmp_path, "zh/security/index.md", "---\ntitle: 账户安全\norder: 2\n---\n")
    write(tmp_path, "en/security/enable-2fa.md", article(extra="priority: critical\n"))
    write(tmp_path, "en/trading/order-types.md", article("3001", "Order types", "trading"))
    write(tmp_path, "zh/security/enable-2fa.md", article(title="开启双重验证"))
    return tmp_path


def errors_of(docs: Path) -> list[str]:
    with pytest.raises(ContentErrors) as info:
        load_help_center(docs, LOCALES, "en", display_root="docs")
    return [str(e) for e in info.value.errors]


def test_model_lookups(docs):
    hc = load_help_center(docs, LOCALES, "en", display_root="docs")
    assert hc.ids() == [1001, 3001]
    assert hc.article(1001, "zh").title == "开启双重验证"
    assert hc.state(1001, "zh") == "translated"
    assert hc.state(3001, "zh") == "fallback"
    assert hc.article(3001, "ja").locale == "en"
    assert hc.url(hc.article(1001, "zh"), "zh") == "zh/security/enable-2fa/"
    assert hc.url(hc.article(3001, "en"), "en") == "trading/order-types/"
    assert [c.id for c in hc.ordered_categories("zh")] == ["trading", "security"]
    assert hc.category("security", "zh").title == "账户安全"
    assert hc.category("trading", "zh").title == "Trading"  # falls back to English
    assert hc.articles_for("en")[0].id == 1001  # critical before normal
    assert hc.next_free_id() == 3002


def test_missing_id_names_file_field_and_fix(docs):
    write(docs, "en/security/no-id.md", "---\ntitle: T\ndescription: D\ncategory: security\n---\n")
    [message] = errors_of(docs)
    assert message.startswith("docs/en/security/no-id.md:1: field 'id': is missing")
    assert "Fix: add 'id: …'" in message


def test_duplicate_id_names_both_files(docs):
    write(docs, "en/security/copy.md", article())
    [message] = errors_of(docs)
    # Files are read in path order, so the later one is reported, naming the first.
    assert "docs/en/security/enable-2fa.md:2: field 'id'" in message
    assert "already used by docs/en/security/copy.md" in message
    assert "next free one" in message


def test_unknown_category_lists_known_ones(docs):
    write(docs, "en/security/x.md", article("1002", category="securty"))
    [message] = errors_of(docs)
    assert "docs/en/security/x.md:5: field 'category': 'securty' is not a category" in message
    assert "use one of: security, trading" in message


def test_malformed_date(docs):
    write(docs, "en/security/x.md", article("1002", extra="updated: 2026-13-45\n"))
    [message] = errors_of(docs)
    assert "docs/en/security/x.md:7: field 'updated': '2026-13-45' is not a date" in message
    assert "YYYY-MM-DD" in message


def test_yaml_error_points_at_the_line(docs):
    write(docs, "en/security/x.md", "---\nid: 1002\ntitle: Withdraw: step by step\ndescription: D\ncategory: security\n---\n")
    [message] = errors_of(docs)
    assert message.startswith("docs/en/security/x.md:3: invalid YAML in front matter")
    assert "quote values" in message


def test_unclosed_front_matter(docs):
    write(docs, "en/security/x.md", "---\nid: 1002\ntitle: T\n")
    [message] = errors_of(docs)
    assert message.startswith("docs/en/security/x.md:1: front matter is not closed")


def test_bad_priority_and_tags(docs):
    write(docs, "en/security/x.md", article("1002", extra="priority: high\n"))
    write(docs, "en/security/y.md", "---\nid: 1003\ntitle: T\ndescription: D\ncategory: security\ntags: {a: 1}\n---\n")
    messages = errors_of(docs)
    assert any("x.md:7: field 'priority': 'high' is not a priority" in m and "normal, promoted, critical, urgent" in m
               for m in messages)
    assert any("y.md:6: field 'tags'" in m for m in messages)


def test_translation_rules(docs):
    write(docs, "zh/security/orphan.md", article("1009"))
    write(docs, "ja/security/enable-2fa.md", article("1005"))
    messages = errors_of(docs)
    assert any(m.startswith("docs/zh/security/orphan.md: this translation has no English source") for m in messages)
    assert any("docs/ja/security/enable-2fa.md:1: field 'id': is 1005 but the English article has id 1001" in m
               for m in messages)


def test_unconfigured_locale_folder(docs):
    write(docs, "de/security/enable-2fa.md", article())
    [message] = errors_of(docs)
    assert message.startswith("docs/de/: folder 'de' is not a configured locale")


def test_all_errors_reported_at_once(docs):
    write(docs, "en/security/a.md", "---\ntitle: T\ndescription: D\ncategory: security\n---\n")
    write(docs, "en/security/b.md", article("1002", category="nope"))
    assert len(errors_of(docs)) == 2


@pytest.mark.parametrize("path,url", [
    ("index.md", ""), ("security/index.md", "security/"), ("security/enable-2fa.md", "security/enable-2fa/"),
])
def test_page_url(path, url):
    assert page_url(path) == url
    assert page_url(path, "zh/") == "zh/" + url
