"""Helpers for the i18n tests: a small help center in a temporary git repository: English, Chinese and Spanish, three articles."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpcenter.articles.history import docs_log
from helpcenter.i18n.translation import translation_report
from helpcenter.project import load_model, load_project

ROOT = Path(__file__).resolve().parents[2]

MKDOCS_YML = """\
site_name: Test Help Center
site_url: https://help.example/
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
  language: en
  font: false
  features: [navigation.instant]
markdown_extensions: [admonition, attr_list, toc, pymdownx.details, pymdownx.superfences]
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: true
      reconfigure_material: true
      reconfigure_search: true
      languages:
        - {locale: en, name: English, build: true, default: true}
        - {locale: zh, name: 简体中文, build: true}
        - {locale: es, name: Español, build: true}
  - helpcenter-articles
  - helpcenter-i18n
"""

ENABLE_2FA = """\
---
id: 5001
title: Turn on two-factor authentication
description: Protect your account with a second step at sign-in.
category: security
tags: [2fa]
priority: critical
updated: 2026-01-05
---

Two-factor authentication protects your account.

## Steps

1. Open **Security**.
2. Choose **Authenticator app**.
"""

ZH_2FA = """\
---
id: 5001
title: 开启双重验证
description: 登录时增加第二步验证，保护你的账户。
category: security
tags: [2fa]
priority: critical
---

双重验证可以保护你的账户。

## 步骤

1. 打开 **安全**。
2. 选择 **身份验证器应用**。
"""

FILES = {
    "en/index.md": "---\ntitle: Help\n---\n\nWelcome.\n",
    "zh/index.md": "---\ntitle: 帮助\n---\n\n欢迎。\n",
    "es/index.md": "---\ntitle: Ayuda\n---\n\nBienvenido.\n",
    "en/security/index.md": "---\ntitle: Security\norder: 1\n---\n\nKeep your account safe.\n",
    "en/security/enable-2fa.md": ENABLE_2FA,
    "en/security/strong-passwords.md": ("---\nid: 5003\ntitle: Strong passwords\ndescription: Pick a long password.\n"
                                         "category: security\n---\n\nUse a long, unique password.\n"),
    "en/security/devices.md": ("---\nid: 5006\ntitle: Manage devices\ndescription: See where you are signed in.\n"
                               "category: security\n---\n\nOpen **Devices** to see your sessions.\n"),
    "zh/security/enable-2fa.md": ZH_2FA,
    "zh/security/strong-passwords.md": ("---\nid: 5003\ntitle: 强密码\ndescription: 选择一个长密码。\ncategory: security\n"
                                         "---\n\n使用一个又长又独特的密码。\n"),
    "es/security/devices.md": ("---\nid: 5006\ntitle: Gestionar dispositivos\ndescription: Mira dónde has iniciado sesión.\n"
                               "category: security\nmachine_translated: true\n---\n\nAbre **Dispositivos**.\n"),
}


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Writer", GIT_AUTHOR_EMAIL="writer@example.com",
               GIT_COMMITTER_NAME="Writer", GIT_COMMITTER_EMAIL="writer@example.com")
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env).stdout


def commit(repo: Path, message: str, date: str | None = None) -> str:
    """Commit everything; `date` (YYYY-MM-DD) sets the commit date. Returns the commit hash."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / "docs" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_project(root: Path) -> Path:
    for rel, text in FILES.items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture
def repo(tmp_path) -> Path:
    """The project, committed, with every translation marked (`helpcenter i18n mark --all`), committed again."""
    from helpcenter.cli import main

    root = tmp_path / "project"
    write_project(root)
    git(root, "init", "-q", "-b", "main")
    commit(root, "Articles and translations", date="2026-01-05")
    assert main(["i18n", "mark", "--all", "--config", str(root / "mkdocs.yml")]) == 0
    commit(root, "Record source revisions", date="2026-01-06")
    return root


def report_for(root: Path):
    project = load_project(root / "mkdocs.yml")
    return translation_report(load_model(project), docs_log(project.docs_dir), project.docs_dir)


def state(root: Path, locale: str, article_id: int):
    return report_for(root).statuses[(locale, article_id)]
