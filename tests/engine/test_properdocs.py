"""The shipped site builds with ProperDocs, the maintained MkDocs fork, as it does with MkDocs: --strict passes and
every file is the same apart from the generator tag. The commands work with ProperDocs alone."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def comparable(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)  # compared as what they hold: pages differ in their generator tag
    elif path.suffix == ".br":
        import brotli

        data = brotli.decompress(data)
    return GENERATOR.sub(b"", data)


def files(site: Path) -> set[Path]:
    return {path.relative_to(site) for path in site.rglob("*") if path.is_file()}


def test_properdocs_builds_the_shipped_site_as_mkdocs_does(built_site, tmp_path):
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(site)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert files(site) == files(built_site)
    different = sorted(str(name) for name in files(site) if comparable(site / name) != comparable(built_site / name))
    assert different == []
    page = (site / "fr" / "index.html").read_bytes()
    assert b"ProperDocs" in GENERATOR.search(page).group(0)  # the build above really ran on ProperDocs


def test_the_commands_work_with_properdocs_alone():
    """`mkdocs` blocked: helpcenter imports ProperDocs' aliases and `helpcenter check` runs the gates."""
    program = ("import sys; sys.modules['mkdocs'] = None\n"
               "from helpcenter.cli import main\n"
               "import mkdocs; assert mkdocs.__name__ == 'properdocs', mkdocs.__name__\n"
               "sys.exit(main(['check']))")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_command_names_the_extra_it_needs():
    from helpcenter.cli import missing_extra

    assert missing_extra(ModuleNotFoundError("gone", name="matplotlib.pyplot"), "feedback") == (
        "error: `helpcenter feedback` needs matplotlib.pyplot, which comes with helpcenter's report extra. "
        "Fix: pip install 'helpcenter[report]'")
    assert "helpcenter[cjk]" in missing_extra(ModuleNotFoundError("gone", name="jieba"), "check")
    assert missing_extra(ModuleNotFoundError("gone", name="yaml"), "check") is None  # not ours to name
