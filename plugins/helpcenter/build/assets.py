"""Content-hashed names for the package's own scripts and stylesheets, as Material's bundle has
(`assets/javascripts/feedback.js` is written as `assets/javascripts/feedback.3f2a1b4c.js`): a changed file is a new
name, so servers can let browsers keep each one for a year (see feedback/site_app.py and the README's nginx example).

`hashed_assets` works out the names and the bytes to write from the theme folders before pages are rendered;
templates ask `hc_asset(path)` for a name, the registered extra_css/extra_javascript lists are rewritten, and
`write_hashed_assets` replaces the unhashed copies MkDocs wrote with the hashed files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import rcssmin
import rjsmin

from ..theming import THEME_DIR

ASSET_FOLDER = "assets"
ASSET_SUFFIXES = (".js", ".css")
# A worker loads its helpers by their names relative to itself: importScripts("vendor/lunr.js", "helper.js").
_IMPORT_SCRIPTS = re.compile(r"importScripts\(([^)]*)\)")
_QUOTED = re.compile(r"""(["'])([^"']+)\1""")


@dataclass
class HashedAssets:
    names: dict[str, str] = field(default_factory=dict)  # "assets/javascripts/x.js" -> "assets/javascripts/x.1a2b3c4d.js"
    contents: dict[str, bytes] = field(default_factory=dict)  # hashed name -> bytes to write

    def url(self, path: str) -> str:
        """The hashed name of one of our assets; any other path as it is."""
        return self.names.get(str(path), str(path))

    def rewrite(self, listed: list) -> None:
        """extra_css / extra_javascript with our assets' hashed names, each once."""
        seen: set[str] = set()
        kept = []
        for item in listed:
            path = str(getattr(item, "path", item))
            hashed = self.names.get(path, path)
            if hashed in seen:
                continue
            seen.add(hashed)
            if hasattr(item, "path"):
                item.path = hashed
                kept.append(item)
            else:
                kept.append(hashed)
        listed[:] = kept


_LEADING_COMMENT = re.compile(r"\A\s*(/\*.*?\*/)", re.S)


def minified(path: str, content: bytes) -> bytes:
    """A script or stylesheet without comments and needless whitespace (rJSmin, rCSSmin: no source maps).
    A file's leading comment is kept when it carries a licence or copyright (the vendored lunr.js)."""
    text = content.decode("utf-8")
    if path.endswith(".js"):
        result = rjsmin.jsmin(text, keep_bang_comments=True)
    elif path.endswith(".css"):
        result = rcssmin.cssmin(text, keep_bang_comments=True)
    else:
        return content
    leading = _LEADING_COMMENT.match(text)
    if leading and re.search(r"@license|copyright", leading.group(1), re.I) and leading.group(1) not in result:
        result = leading.group(1) + "\n" + result
    return result.encode("utf-8")


def hashed_name(path: str, content: bytes) -> str:
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:8]}{dot}{suffix}"


def package_assets(theme_dir: str | Path = THEME_DIR) -> list[str]:
    """The package's scripts and stylesheets, as site paths ("assets/javascripts/feedback.js")."""
    root = Path(theme_dir)
    return sorted(str(p.relative_to(root).as_posix()) for p in (root / ASSET_FOLDER).rglob("*")
                  if p.is_file() and p.suffix in ASSET_SUFFIXES)


def effective_file(path: str, theme_dirs: Iterable[str]) -> Path | None:
    """The file MkDocs copies for `path`: the first theme folder's (a project's custom_dir can override ours)."""
    for folder in theme_dirs:
        candidate = Path(folder) / path
        if candidate.is_file():
            return candidate
    return None


def hashed_assets(theme_dirs: Iterable[str], transform=None, paths: Iterable[str] | None = None) -> HashedAssets:
    """Names and contents of our assets, `transform(path, bytes) -> bytes` applied (the minifier). A worker's
    importScripts names are rewritten to its helpers' hashed names, so helpers are hashed before workers."""
    theme_dirs = list(theme_dirs)
    wanted = list(paths if paths is not None else package_assets())
    sources = {path: effective_file(path, theme_dirs) for path in wanted}
    result = HashedAssets()
    ordered = sorted((p for p in wanted if sources[p] is not None), key=lambda p: _imports_scripts(sources[p]))
    for path in ordered:
        content = sources[path].read_bytes()
        if path.endswith(".js"):
            content = _rewrite_imports(path, content, result.names)
        if transform is not None:
            content = transform(path, content)
        name = hashed_name(path, content)
        result.names[path] = name
        result.contents[name] = content
    return result


def write_hashed_assets(site_dir: str | Path, assets: HashedAssets) -> None:
    """Writes each hashed file and removes the unhashed copy MkDocs wrote: only hashed names are published."""
    root = Path(site_dir)
    for path, name in assets.names.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(assets.contents[name])
        if name != path:
            (root / path).unlink(missing_ok=True)


def _imports_scripts(source: Path) -> bool:
    return source.suffix == ".js" and b"importScripts(" in source.read_bytes()


def _rewrite_imports(path: str, content: bytes, names: dict[str, str]) -> bytes:
    folder = path.rpartition("/")[0]
    text = content.decode("utf-8")

    def one_call(call: re.Match) -> str:
        def one_name(quoted: re.Match) -> str:
            site_path = f"{folder}/{quoted.group(2)}"
            hashed = names.get(site_path)
            if hashed is None:
                return quoted.group(0)
            return quoted.group(1) + hashed[len(folder) + 1:] + quoted.group(1)
        return "importScripts(" + _QUOTED.sub(one_name, call.group(1)) + ")"

    return _IMPORT_SCRIPTS.sub(one_call, text).encode("utf-8")
