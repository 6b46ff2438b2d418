"""Small two-locale help centers built for real: where the index files go, and that a build whose Chinese
text cannot be segmented fails instead of shipping an index that finds nothing."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, mkdocs_build

ARTICLES = {
    "en": [("security", "enable-2fa", 5001, "Turn on two-factor authentication",
            "Add an authenticator app.", "Open **Security** and scan the QR code with your authenticator app."),
           ("security", "phishing", 5002, "Recognise phishing", "Spot fake sites.", "Check the address bar.")],
    "zh": [("security", "enable-2fa", 5001, "开启双重验证", "为账户添加身份验证器。",
            "进入安全设置，用身份验证器扫描二维码。请妥善保管恢复码，手机丢失时可以用它登录。")],
}


def write_project(root: Path) -> Path:
    for locale in ("en", "zh"):
        title = {"en": "Security", "zh": "账户安全"}[locale]
        (root / "docs" / locale / "security").mkdir(parents=True)
        (root / "docs" / locale / "index.md").write_text(f"---\ntitle: {title}\ndescription: x\n---\n\nHome\n",
                                                          encoding="utf-8")
        (root / "docs" / locale / "security" / "index.md").write_text(
            f"---\ntitle: {title}\ndescription: x\norder: 1\n---\n\n{title}\n", encoding="utf-8")
        for category, slug, number, name, description, body in ARTICLES[locale]:
            front = yaml.safe_dump({"id": number, "title": name, "description": description, "category": category,
                                    "tags": ["2fa"]}, allow_unicode=True)
            (root / "docs" / locale / category / f"{slug}.md").write_text(
                f"---\n{front}---\n\n{body}\n\n## Recovery codes\n\n{body}\n", encoding="utf-8")
    (root / "docs" / "search-synonyms.yml").write_text("zh:\n  - [双重验证, 二次验证]\n", encoding="utf-8")
    shipped = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(e["i18n"] for e in shipped["plugins"] if isinstance(e, dict) and "i18n" in e)
    i18n = {**i18n, "languages": [lang for lang in i18n["languages"] if lang["locale"] in ("en", "zh")]}
    config = {
        "site_name": "Test", "site_url": "https://help.example/", "docs_dir": "docs", "use_directory_urls": True,
        "theme": {**shipped["theme"], "custom_dir": str(ROOT / "overrides")},
        "markdown_extensions": shipped["markdown_extensions"],
        "plugins": [{"i18n": i18n}, "helpcenter-articles", "helpcenter-search"],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("small")
    result = mkdocs_build(write_project(root), root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def test_each_locale_has_its_own_index_folder(small_site):
    en = json.loads((small_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    zh = json.loads((small_site / "zh" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {d["location"].split("#")[0] for d in en["docs"]} == {"security/enable-2fa/", "security/phishing/"}
    # zh: its translation, and the English page only where no translation exists (as a zh/ page). Locations
    # are relative to the locale's root, which zh pages give Material as `base`.
    assert {d["location"].split("#")[0] for d in zh["docs"]} == {"security/enable-2fa/", "security/phishing/"}
    assert any("开启" in d["title"] for d in zh["docs"]) and not any("Turn on" in d["title"] for d in zh["docs"])
    assert (small_site / "zh" / "search" / "helpcenter_index.json").is_file()
    assert not (small_site / "search-synonyms.yml").exists()


def test_index_files_are_utf8_without_escapes(small_site):
    raw = (small_site / "zh" / "search" / "helpcenter_index.json").read_bytes()
    assert "双重".encode("utf-8") in raw and b"\\u" not in raw


def test_pages_point_search_at_their_locales_index(small_site):
    page = (small_site / "zh" / "security" / "enable-2fa" / "index.html").read_text(encoding="utf-8")
    assert 'data-index="../../search/helpcenter_index.json"' in page
    assert page.index("assets/javascripts/search.js") < page.index("assets/javascripts/bundle.")


@pytest.mark.parametrize("fault, message", [
    ("raise ImportError('jieba was removed')", "pip install 'helpcenter[cjk]'"),
    # An empty dictionary and an HMM that returns text whole.
    ("import re, types\nre_han_default, re_skip_default = re.compile('([\\w]+)'), re.compile('(\\s)')\n"
     "finalseg = types.SimpleNamespace(cut=lambda text: iter([text]))\n"
     "add_word = setLogLevel = lambda *a, **k: None\n"
     "class Tokenizer:\n    FREQ, total = {}, 1\n    add_word = staticmethod(add_word)\n"
     "    check_initialized = staticmethod(setLogLevel)\ndt = Tokenizer()",
     "single word"),
])
def test_a_build_without_working_chinese_segmentation_fails(tmp_path, monkeypatch, fault, message):
    fake = tmp_path / "fake"
    (fake / "jieba").mkdir(parents=True)
    (fake / "jieba" / "__init__.py").write_text(textwrap.dedent(fault) + "\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(fake) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    project = tmp_path / "project"
    project.mkdir()
    result = mkdocs_build(write_project(project), project / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Search index for 'zh'" in output and message in output, output[-2000:]
