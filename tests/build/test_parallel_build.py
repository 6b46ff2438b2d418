"""A build with helpcenter-build's speed-ups (locale builds in worker processes, reused renders, trimmed
navigation, ...) leaves exactly the site a plain one-after-another build leaves, and a failing locale fails
the build with its message."""

import gzip
import importlib.util
import sys

import yaml

from conftest import ROOT, mkdocs_build


def _bench():
    spec = importlib.util.spec_from_file_location("bench_build", ROOT / "scripts" / "bench_build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_build", module)
    spec.loader.exec_module(module)
    return module


def _config(root, locales, build_options):
    bench = _bench()
    config = bench.our_config(root, locales)
    config["plugins"] = [{"helpcenter-build": build_options} if entry == "helpcenter-build" else entry
                         for entry in config["plugins"]]
    path = root / f"mkdocs-{len(list(root.glob('mkdocs-*.yml')))}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _files(site):
    return {p.relative_to(site).as_posix(): _content(p) for p in site.rglob("*") if p.is_file()}


def _content(path):
    # Pages may differ in blank lines only: the trimmed navigation skips loops that print nothing but indentation.
    data = path.read_bytes()
    if path.suffix == ".html":
        return b"\n".join(line for line in data.split(b"\n") if line.strip())
    return data


def _corpus(tmp_path):
    corpus = _bench().write_corpus(tmp_path, 12, 4)
    return corpus.locales


def test_parallel_locale_builds_write_the_same_site(tmp_path):
    locales = _corpus(tmp_path)
    # Into a folder whose parent does not exist yet, as `mkdocs build -d` allows.
    # The delivery steps (hashed names, minified and precompressed copies, scripts on demand) are off: the
    # comparison is of the parallel build with MkDocs' own.
    delivery_off = {"precompress": False, "hash_asset_names": False, "minify_assets": False,
                    "load_scripts_on_demand": False}
    parallel = mkdocs_build(_config(tmp_path, locales, {"workers": 2, **delivery_off}), tmp_path / "new" / "parallel")
    assert parallel.returncode == 0, parallel.stderr
    plain = mkdocs_build(_config(tmp_path, locales, {"enabled": False}), tmp_path / "plain")
    assert plain.returncode == 0, plain.stderr
    ours, theirs = _files(tmp_path / "new" / "parallel"), _files(tmp_path / "plain")
    assert sorted(ours) == sorted(theirs)
    different = [name for name in ours if ours[name] != theirs[name]]
    assert different == []
    # Every locale's pages and per-locale outputs are in the site, and the sitemap stitched together from the
    # workers' (sitemap-hreflang.xml) lists every locale.
    sitemap = ours["sitemap-hreflang.xml"].decode()
    assert gzip.decompress(ours["sitemap.xml.gz"]).decode() == ours["sitemap.xml"].decode()
    for locale in locales[1:]:
        assert f"{locale}/index.html" in ours and f"{locale}/404.html" in ours
        assert f"/{locale}/getting-started/" in sitemap
        assert f"/{locale}/getting-started/" in ours[f"{locale}/sitemap.xml"].decode()
    assert not list((tmp_path / "new").glob(".parallel-*")), "worker folders are left behind"


def test_a_failing_locale_fails_the_build_with_its_message(tmp_path):
    locales = _corpus(tmp_path)
    page = tmp_path / "docs" / "ja" / "getting-started" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\ntemplate: no-such-template.html\n", 1),
                    encoding="utf-8")
    result = mkdocs_build(_config(tmp_path, locales, {"workers": 2}), tmp_path / "site")
    assert result.returncode != 0
    assert "Building the 'ja' locale failed" in result.stderr
    assert "no-such-template.html" in result.stderr
    assert not list(tmp_path.glob(".site-*")), "worker folders are left behind"


def test_variants_of_a_language_build_in_one_worker_and_big_locales_first():
    from helpcenter.build.plugin import locale_groups

    locales = ["zh", "ja", "ko", "es", "zh-TW", "pt-BR", "pt"]
    own = {"zh": 300, "ja": 180, "ko": 150, "es": 300, "zh-TW": 90, "pt-BR": 10, "pt": 240}
    groups = locale_groups(locales, own)
    assert [[locales[p] for p in group] for group in groups] == [
        ["zh", "zh-TW"], ["es"], ["pt-BR", "pt"], ["ja"], ["ko"]]
