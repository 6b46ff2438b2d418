"""Bad front matter stops `mkdocs build --strict` with one clear message."""

from conftest import copy_project, mkdocs_build


def test_build_fails_with_file_field_and_fix(tmp_path):
    config = copy_project(tmp_path)
    article = tmp_path / "docs" / "zh" / "security" / "enable-2fa.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("category: security", "category: secruity", 1), encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "docs/zh/security/enable-2fa.md:" in output
    assert "field 'category': 'secruity' is not a category" in output
    assert "Fix: use one of:" in output
