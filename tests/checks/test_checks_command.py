"""`helpcenter check` on the shipped content and on a copy of the docs with faults planted in it.

Each planted fault must come back as `<file>:<line>: [<gate>] …`, the way a writer's editor can jump to it.
"""

from __future__ import annotations

import contextlib
import io

import pytest

from conftest import copy_project
from helpcenter.cli import main

from checks_helpers import ROOT, line_of


def run(capsys, *args) -> tuple[int, str, str]:
    code = main(["check", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_shipped_content_passes(capsys):
    code, out, err = run(capsys, "--config", str(ROOT / "mkdocs.yml"))
    assert (code, out) == (0, ""), out
    assert "helpcenter check: no problems in" in err and "External links:" in err


def first_article(docs, locale):
    return sorted(p for p in (docs / locale).rglob("*.md") if p.name != "index.md" and p.parent != docs / locale)[0]


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text, encoding="utf-8")


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """A copy of the project with one fault of each kind, and the line each fault is on."""
    root = tmp_path_factory.mktemp("planted")
    config = copy_project(root)
    docs = root / "docs"
    faults = {}

    def plant(path, text, needle, gate):
        append(path, text)
        faults[needle] = (path.relative_to(root).as_posix(), line_of(path, needle), gate)

    plant(docs / "en" / "trading" / "order-types.md", "See [the fees](trading-fee.md) first.\n", "trading-fee.md", "links")
    plant(docs / "en" / "security" / "withdrawal-allowlist.md",
          "Turn on [2FA](enable-2fa.md#no-such-section) first.\n", "#no-such-section", "links")
    plant(docs / "zh" / "security" / "enable-2fa.md", "请注意<script>alert(document.cookie)</script>。\n", "<script>", "safety")
    plant(first_article(docs, "ja"), "画面：\n\n![](../../assets/images/logo.svg)\n", "![](", "safety")
    plant(first_article(docs, "ko"), "## 단계\n\n#### 세부 단계\n\n내용.\n", "#### 세부 단계", "structure")
    plant(docs / "en" / "getting-started" / "create-account.md", "<div class=\"note\">\nNever closed.\n",
          "<div class=\"note\">", "html")
    plant(docs / "ru" / "index.md", "[Оплата](javascript:pay())\n", "javascript:pay()", "safety")
    es = first_article(docs, "es")
    es.write_text(es.read_text(encoding="utf-8").replace("\ndescription:", "\nsummary:", 1), encoding="utf-8")
    faults["description"] = (es.relative_to(root).as_posix(), 1, "structure")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--config", str(config)])
    return code, out.getvalue(), err.getvalue(), faults


def test_each_planted_fault_is_named_with_file_and_line(planted):
    code, out, err, faults = planted
    assert code == 1
    for needle, (path, line, gate) in faults.items():
        assert f"{path}:{line}: [{gate}]" in out, f"{needle}: {path}:{line} [{gate}] not reported:\n{out}"
    assert len(out.strip().split("\n")) == len(faults), out
    assert f"{len(faults)} problems" in err


def test_messages_say_how_to_fix(planted):
    _, out, _, faults = planted
    by_needle = {needle: next(line for line in out.split("\n") if line.startswith(f"{path}:{number}:"))
                 for needle, (path, number, _) in faults.items()}
    assert "did you mean trading-fees.md?" in by_needle["trading-fee.md"]
    assert "Sections of docs/en/security/enable-2fa.md: #choose-a-method" in by_needle["#no-such-section"]
    assert "fenced code block" in by_needle["<script>"]
    assert "![What the image shows]" in by_needle["![]("]
    assert "make it H3" in by_needle["#### 세부 단계"]
    assert "add the missing </div>" in by_needle["<div class=\"note\">"]
    assert "add 'description: …'" in by_needle["description"]


def test_a11y_needs_a_built_site(capsys):
    code, _, err = run(capsys, "--a11y")
    assert code == 2 and "--site DIR" in err
