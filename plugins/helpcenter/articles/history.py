"""What git knows about the docs: when each file last changed, and which files were moved."""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from pathlib import Path


def _git(repo_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(repo_dir), *args], capture_output=True, text=True,
                                encoding="utf-8", check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def git_root(path: str | os.PathLike) -> Path | None:
    out = _git(Path(path), "rev-parse", "--show-toplevel")
    return Path(out.strip()) if out else None


def last_changed(docs_dir: str | os.PathLike) -> dict[str, _dt.date]:
    """Date of the last commit touching each file, keyed by path relative to docs_dir (one git call).

    Files git does not know (new, uncommitted) are missing; callers fall back to the file's mtime.
    """
    docs = Path(docs_dir).resolve()
    root = git_root(docs)
    if root is None:
        return {}
    out = _git(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", str(docs))
    if not out:
        return {}
    prefix = docs.relative_to(root).as_posix().rstrip("/") + "/"
    dates: dict[str, _dt.date] = {}
    current: _dt.date | None = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            current = _dt.date.fromisoformat(line[1:].strip())
        elif line and current is not None and line.startswith(prefix):
            dates.setdefault(line[len(prefix):], current)
    return dates


def renames(docs_dir: str | os.PathLike) -> list[tuple[str, str]]:
    """(old, new) paths relative to docs_dir for every file git saw moved, oldest move first."""
    docs = Path(docs_dir).resolve()
    root = git_root(docs)
    if root is None:
        return []
    out = _git(root, "log", "--reverse", "--format=", "--name-status", "-M", "--diff-filter=R", "--", str(docs))
    if not out:
        return []
    prefix = docs.relative_to(root).as_posix().rstrip("/") + "/"
    moves = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].startswith("R") and parts[1].startswith(prefix) and parts[2].startswith(prefix):
            moves.append((parts[1][len(prefix):], parts[2][len(prefix):]))
    return moves


def file_date(path: str | os.PathLike) -> _dt.date:
    return _dt.date.fromtimestamp(os.path.getmtime(path))
