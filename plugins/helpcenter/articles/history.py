"""What git knows about the docs: when each file last changed, and which files were moved."""

from __future__ import annotations

import datetime as _dt
import os
import subprocess
from dataclasses import dataclass
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


# Trailers read from commit messages, e.g. "Translation-Impact: none" (see helpcenter.i18n.translation).
LOG_TRAILERS = ("Translation-Impact",)


@dataclass(frozen=True)
class Commit:
    """One commit that touched the docs, as `git log` over docs_dir reports it."""

    hash: str
    parents: tuple[str, ...]  # rewritten to the nearest ancestors that touched the docs
    date: _dt.date
    subject: str
    trailers: dict[str, str]  # trailer key (as in LOG_TRAILERS) -> value; missing keys are absent
    files: tuple[str, ...]  # paths relative to docs_dir (merges list none)


@dataclass
class DocsLog:
    """The docs' history, newest commit first, read with one git call."""

    commits: list[Commit]
    repo_root: Path
    docs_prefix: str  # docs_dir relative to the repository root, e.g. "docs/"

    def by_hash(self) -> dict[str, Commit]:
        return {c.hash: c for c in self.commits}


def docs_log(docs_dir: str | os.PathLike, trailers: tuple[str, ...] = LOG_TRAILERS) -> DocsLog | None:
    """Every commit that touched docs_dir with its parents, date, subject, trailers and files (one git call).

    None when docs_dir is not in a git repository (or git is missing).
    """
    docs = Path(docs_dir).resolve()
    root = git_root(docs)
    if root is None:
        return None
    fields = ["%H", "%P", "%cs", "%s"] + [f"%(trailers:key={key},valueonly,separator=%x2C)" for key in trailers]
    out = _git(root, "log", "--parents", "--no-renames", "--name-only",
               "--format=%x1e" + "%x1f".join(fields), "--", str(docs))
    prefix = docs.relative_to(root).as_posix().rstrip("/") + "/"
    if prefix == "./":
        prefix = ""
    commits: list[Commit] = []
    for record in (out or "").split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        parts = header.split("\x1f")
        values = {key: value.strip() for key, value in zip(trailers, parts[4:]) if value.strip()}
        commits.append(Commit(
            hash=parts[0], parents=tuple(parts[1].split()), date=_dt.date.fromisoformat(parts[2]), subject=parts[3],
            trailers=values,
            files=tuple(n[len(prefix):] for n in names.splitlines() if n and n.startswith(prefix)),
        ))
    return DocsLog(commits=commits, repo_root=root, docs_prefix=prefix)


def dates_from_log(log: DocsLog | None) -> dict[str, _dt.date]:
    """Date of the last commit touching each file, keyed by path relative to docs_dir."""
    dates: dict[str, _dt.date] = {}
    for commit in log.commits if log else []:
        for name in commit.files:
            dates.setdefault(name, commit.date)
    return dates


def last_changed(docs_dir: str | os.PathLike) -> dict[str, _dt.date]:
    """Date of the last commit touching each file, keyed by path relative to docs_dir (one git call).

    Files git does not know (new, uncommitted) are missing; callers fall back to the file's mtime.
    """
    return dates_from_log(docs_log(docs_dir))


def uncommitted(docs_dir: str | os.PathLike) -> set[str] | None:
    """Files under docs_dir whose content differs from the last commit (changed, staged or untracked),
    relative to docs_dir; None outside a git repository."""
    docs = Path(docs_dir).resolve()
    root = git_root(docs)
    if root is None:
        return None
    out = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", "--", str(docs))
    prefix = docs.relative_to(root).as_posix().rstrip("/") + "/"
    names = {entry[3:] for entry in (out or "").split("\0") if len(entry) > 3}
    return {n[len(prefix):] for n in names if n.startswith(prefix)}


def resolve_commit(repo_dir: str | os.PathLike, revision: str) -> str | None:
    """The full hash of `revision` if it names a commit in the repository, else None."""
    out = _git(Path(repo_dir), "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    return out.strip() if out else None


def commits_between(repo_dir: str | os.PathLike, since: str, path: str | os.PathLike) -> list[str] | None:
    """Hashes of the commits reachable from HEAD but not from `since` that touched `path`; None if git fails."""
    out = _git(Path(repo_dir), "log", "--format=%H", "--no-renames", f"{since}..HEAD", "--", str(path))
    return None if out is None else out.split()


def is_shallow(repo_dir: str | os.PathLike) -> bool:
    out = _git(Path(repo_dir), "rev-parse", "--is-shallow-repository")
    return (out or "").strip() == "true"


def diff_since(repo_dir: str | os.PathLike, revision: str, path: str | os.PathLike, words: bool = False) -> str | None:
    """What changed in `path` from `revision` to the working tree, as a unified diff; None if git fails."""
    args = ["diff", "--no-color", "--no-ext-diff"] + (["--word-diff=plain"] if words else []) + [revision, "--", str(path)]
    return _git(Path(repo_dir), *args)


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
