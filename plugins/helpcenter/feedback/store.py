"""Where votes are kept: one small interface (`VoteStore`) and its SQLite implementation.

The log is append-only: every acknowledged vote is its own row, never updated or deleted here (the
report folds repeat votes). A PostgreSQL store implements the same three methods; `open_store` picks
the implementation from the target.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path
from typing import Iterator, Protocol

from .votes import COLUMNS, Vote

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS votes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at TEXT NOT NULL,
  article INTEGER NOT NULL,
  locale TEXT NOT NULL,
  helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  reason TEXT,
  comment TEXT,
  revision TEXT,
  search TEXT,
  client TEXT
);
CREATE INDEX IF NOT EXISTS votes_article_locale ON votes (article, locale);
CREATE TRIGGER IF NOT EXISTS votes_no_update BEFORE UPDATE ON votes
  BEGIN SELECT RAISE(ABORT, 'votes are an append-only log'); END;
CREATE TRIGGER IF NOT EXISTS votes_no_delete BEFORE DELETE ON votes
  BEGIN SELECT RAISE(ABORT, 'votes are an append-only log'); END;
"""


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


class VoteStore(Protocol):
    def add_many(self, entries: list[tuple[Vote, str | None, str]]) -> list[int]:
        """Store (vote, client hash, received_at) entries in one transaction, durably; return their ids."""

    def records(self) -> Iterator[dict]:
        """Every stored vote as a dict of COLUMNS, oldest first."""

    def close(self) -> None: ...


class SQLiteVoteStore:
    """SQLite in WAL mode with synchronous=FULL: a commit is on disk before `add_many` returns, so a
    crash of the server (even kill -9) loses no acknowledged vote."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection, used by one writer thread at a time (the collector's batch writer).
        self._db = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=30000")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ValueError(f"{path} was written by a newer helpcenter (schema {version}); upgrade helpcenter")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def add_many(self, entries: list[tuple[Vote, str | None, str]]) -> list[int]:
        ids = []
        cursor = self._db.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            for vote, client, received_at in entries:
                cursor.execute(
                    "INSERT INTO votes (received_at, article, locale, helpful, reason, comment, revision, search, client)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (received_at, vote.article, vote.locale, int(vote.helpful), vote.reason, vote.comment,
                     vote.revision, vote.search, client))
                ids.append(cursor.lastrowid)
            cursor.execute("COMMIT")
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        return ids

    def add(self, vote: Vote, client: str | None = None, received_at: str | None = None) -> int:
        return self.add_many([(vote, client, received_at or utc_now())])[0]

    def records(self) -> Iterator[dict]:
        cursor = self._db.execute(f"SELECT {', '.join(COLUMNS)} FROM votes ORDER BY id")
        for row in cursor:
            record = dict(zip(COLUMNS, row))
            record["helpful"] = bool(record["helpful"])
            yield record

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM votes").fetchone()[0]

    def close(self) -> None:
        self._db.close()


def open_store(target: str | Path) -> VoteStore:
    """A store for a file path (SQLite) or a URL. `sqlite:///path` is SQLite too."""
    text = str(target)
    if text.startswith("sqlite:///"):
        return SQLiteVoteStore(text[len("sqlite:///"):])
    if text.startswith(("postgres://", "postgresql://")):
        raise ValueError("PostgreSQL storage is not part of this version: pass a SQLite file path with --db. "
                         "A PostgreSQL store implements VoteStore (helpcenter/feedback/store.py) and is chosen here.")
    if "://" in text:
        raise ValueError(f"'{text}' is not a storage target: pass a SQLite file path, e.g. --db feedback.sqlite3")
    return SQLiteVoteStore(text)


def read_records(target: str | Path) -> list[dict]:
    """Every vote in a store, for export and report."""
    path = str(target)
    if "://" not in path and not Path(path).exists():
        raise FileNotFoundError(f"{path} does not exist: pass the --db file the collector writes to")
    store = open_store(target)
    try:
        return list(store.records())
    finally:
        store.close()


