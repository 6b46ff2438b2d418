"""`helpcenter new` starts an article with the next free id and valid front matter."""

import shutil
from pathlib import Path

from helpcenter.cli import main
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]


def project_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path / "mkdocs.yml"


def test_new_creates_a_valid_article_with_the_next_free_id(tmp_path, capsys):
    config = project_copy(tmp_path)
    before = load_model(load_project(config))
    assert main(["new", "--category", "security", "Use a hardware security key", "--config", str(config)]) == 0
    created = tmp_path / "docs" / "en" / "security" / "use-a-hardware-security-key.md"
    assert created.exists()
    after = load_model(load_project(config))
    article = after.by_path("security/use-a-hardware-security-key.md")
    assert article.id == before.next_free_id()
    assert article.title == "Use a hardware security key" and article.category == "security"
    assert f"id {article.id}" in capsys.readouterr().out


def test_new_refuses_an_unknown_category_and_an_existing_file(tmp_path, capsys):
    config = project_copy(tmp_path)
    assert main(["new", "--category", "secruity", "X", "--config", str(config)]) == 1
    assert "'secruity' is not a category" in capsys.readouterr().err
    assert main(["new", "--category", "security", "Enable 2FA", "--slug", "enable-2fa", "--config", str(config)]) == 1
    assert "already exists" in capsys.readouterr().err
