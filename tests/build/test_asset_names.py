"""Our scripts and stylesheets under content-hashed names (build/assets.py): the names follow the content, a worker's
importScripts follow its helpers' names, a project's own copy of one of our files is the one hashed, and in the
built site every page names only hashed files of ours that exist."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from helpcenter.build.assets import HashedAssets, hashed_assets, minified, package_assets, write_hashed_assets
from helpcenter.feedback.site_app import cache_control
from helpcenter.theming import THEME_DIR

HASHED = re.compile(r"\.[0-9a-f]{8}\.(?:js|css)$")


def theme(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_names_follow_the_content_and_workers_follow_their_helpers(tmp_path):
    files = {"assets/javascripts/worker.js": 'importScripts("vendor/lib.js", "helper.js", "other.js");\n',
             "assets/javascripts/vendor/lib.js": "var lib = 1;\n",
             "assets/javascripts/helper.js": "var helper = 1;\n",
             "assets/stylesheets/site.css": "p { margin: 0 }\n"}
    folder = theme(tmp_path / "theme", files)
    first = hashed_assets([str(folder)], paths=list(files))
    assert set(first.names) == set(files)
    assert all(HASHED.search(name) for name in first.names.values())
    worker = first.contents[first.names["assets/javascripts/worker.js"]].decode()
    lib, helper = first.names["assets/javascripts/vendor/lib.js"], first.names["assets/javascripts/helper.js"]
    assert worker == (f'importScripts("{lib.removeprefix("assets/javascripts/")}", '
                      f'"{helper.removeprefix("assets/javascripts/")}", "other.js");\n')
    (folder / "assets/javascripts/helper.js").write_text("var helper = 2;\n", encoding="utf-8")
    second = hashed_assets([str(folder)], paths=list(files))
    changed = {path for path in files if first.names[path] != second.names[path]}
    assert changed == {"assets/javascripts/helper.js", "assets/javascripts/worker.js"}


def test_a_projects_own_copy_is_the_one_hashed(tmp_path):
    ours = theme(tmp_path / "ours", {"assets/stylesheets/site.css": "p { margin: 0 }"})
    custom = theme(tmp_path / "custom", {"assets/stylesheets/site.css": "p { margin: 1em }"})
    assets = hashed_assets([str(custom), str(ours)], paths=["assets/stylesheets/site.css"])
    assert list(assets.contents.values()) == [b"p { margin: 1em }"]


def test_transform_and_written_files(tmp_path):
    folder = theme(tmp_path / "theme", {"assets/javascripts/a.js": "var  a = 1;"})
    assets = hashed_assets([str(folder)], transform=lambda path, data: data.replace(b"  ", b" "),
                           paths=["assets/javascripts/a.js"])
    site = theme(tmp_path / "site", {"assets/javascripts/a.js": "var  a = 1;"})
    write_hashed_assets(site, assets)
    written = [str(p.relative_to(site)) for p in site.rglob("*.js")]
    assert written == [assets.names["assets/javascripts/a.js"]]
    assert (site / written[0]).read_bytes() == b"var a = 1;"


def test_registered_lists_get_the_hashed_names_once():
    assets = HashedAssets(names={"assets/x.js": "assets/x.0123abcd.js"})
    listed = ["assets/x.js", "extra/own.js", "assets/x.0123abcd.js", "assets/x.js"]
    assets.rewrite(listed)
    assert listed == ["assets/x.0123abcd.js", "extra/own.js"]
    assert assets.url("assets/x.js") == "assets/x.0123abcd.js" and assets.url("other.js") == "other.js"


_ON_DEMAND = re.compile(r"""\sdata-scripts='([^']*)'""")
_REFERENCE = re.compile(r"""\s(?:src|href|data-worker)="([^"]+\.(?:js|css))(?:\?[^"]*)?\"""")


def test_pages_name_only_hashed_assets_of_ours_that_exist(built_site):
    ours = {Path(path).name for path in package_assets()}
    stems = {name.rsplit(".", 1)[0] for name in ours}
    pages = 0
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        base = "http://site/" + page.relative_to(built_site).as_posix()
        on_demand = [url for match in _ON_DEMAND.findall(text) for url, _ in json.loads(match)]
        for reference in _REFERENCE.findall(text) + on_demand:
            path = urlsplit(urljoin(base, reference)).path.lstrip("/")
            name = Path(path).name
            assert name not in ours, f"{page} names {reference}, not its hashed name"
            if name.split(".", 1)[0] in stems and path.startswith("assets/"):
                assert HASHED.search(name), f"{page}: {reference}"
                assert (built_site / path).is_file(), f"{page} names {reference}, which was not written"
                assert cache_control(path) == "public, max-age=31536000, immutable"
        pages += 1
    assert pages > 500
    for path in package_assets():
        assert not (built_site / path).exists(), f"{path} was published under its unhashed name"
        assert any(p.suffix == Path(path).suffix for p in (built_site / path).parent.glob(Path(path).stem + ".*"))


def test_minified_keeps_licence_headers_and_drops_comments():
    script = b"/**\n * lib 1.0\n * @license MIT\n */\n// a note\nvar  answer = 42;  /* why */\n"
    assert minified("assets/javascripts/lib.js", script) == b"/**\n * lib 1.0\n * @license MIT\n */\nvar answer=42;"
    assert minified("assets/stylesheets/a.css", b"/* note */\np {\n  margin: 0;\n}\n") == b"p{margin:0}"
    ours = [path for path in package_assets() if path.endswith(".js")]
    assert all(b"\n// " not in minified(path, (Path(THEME_DIR) / path).read_bytes()) for path in ours)
