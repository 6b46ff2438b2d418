"""Where votes are kept: one small interface (`VoteStore`) and two implementations, SQLite (one machine) and
PostgreSQL (any number of collector processes on any number of machines).

The log is append-only: every acknowledged vote is its own row, never updated or deleted here (the
report folds repeat votes). Both stores have the same schema, built by the same numbered migrations;
`open_store` picks the implementation from the target.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path
from typing import Iterator, Protocol

from .votes import COLUMNS, Vote

_INSERT_COLUMNS = "received_at, article, locale, helpful, reason, comment, revision, search, client"

# Numbered migrations, applied in order, each in its own transaction; a store records the last one applied
# (SQLite: PRAGMA user_version; PostgreSQL: the helpcenter_schema table). Never edit a released step: add one.
SQLITE_MIGRATIONS: dict[int, str] = {
    1: """
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
""",
    # The health check writes here to prove the store can still commit (disk full, read-only, locked).
    2: "CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TEXT NOT NULL);",
}
POSTGRES_MIGRATIONS: dict[int, str] = {
    1: """
CREATE TABLE IF NOT EXISTS votes (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at TIMESTAMPTZ NOT NULL,
  article BIGINT NOT NULL,
  locale TEXT NOT NULL,
  helpful BOOLEAN NOT NULL,
  reason TEXT,
  comment TEXT,
  revision TEXT,
  search TEXT,
  client TEXT
);
CREATE INDEX IF NOT EXISTS votes_article_locale ON votes (article, locale);
CREATE OR REPLACE FUNCTION votes_append_only() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'votes are an append-only log'; END $$;
CREATE TRIGGER votes_no_update BEFORE UPDATE ON votes FOR EACH ROW EXECUTE FUNCTION votes_append_only();
CREATE TRIGGER votes_no_delete BEFORE DELETE ON votes FOR EACH ROW EXECUTE FUNCTION votes_append_only();
""",
    2: "CREATE TABLE IF NOT EXISTS health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), checked_at TIMESTAMPTZ NOT NULL);",
}
SCHEMA_VERSION = max(SQLITE_MIGRATIONS)
assert set(SQLITE_MIGRATIONS) == set(POSTGRES_MIGRATIONS), "both stores share the schema's versions"


class StoreError(ValueError):
    """A store that cannot be opened, with the target named and the fix."""


def utc_now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


class VoteStore(Protocol):
    def add_many(self, entries: list[tuple[Vote, str | None, str]]) -> list[int]:
        """Store (vote, client hash, received_at) entries in one transaction, durably; return their ids."""

    def probe(self) -> None:
        """Commit a tiny write, or raise the reason the store cannot write."""

    def records(self) -> Iterator[dict]:
        """Every stored vote as a dict of COLUMNS, oldest first."""

    def close(self) -> None: ...


def _row(vote: Vote, client: str | None, received_at: str) -> tuple:
    return (received_at, vote.article, vote.locale, vote.helpful, vote.reason, vote.comment, vote.revision,
            vote.search, client)


class SQLiteVoteStore:
    """SQLite in WAL mode with synchronous=FULL: a commit is on disk before `add_many` returns, so a
    crash of the server (even kill -9) loses no acknowledged vote."""

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        memory = str(path) == ":memory:"
        if not memory:
            if not create and not self.path.exists():
                raise FileNotFoundError(f"{path} does not exist: pass the --db file the collector writes to")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # One connection, used by one writer thread at a time (the collector's batch writer).
        self._db = sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
        try:
            # Look before changing anything: another application's database must stay exactly as it was.
            self._check_is_ours()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=30000")
            self._migrate()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StoreError(f"{path}: {error}. Fix: pass the SQLite file of the feedback collector with --db "
                             "(a new file name creates one).") from None
        except StoreError:
            self._db.close()
            raise

    def _check_is_ours(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        tables = {name for (name,) in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables.discard("sqlite_sequence")
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} was written by a newer helpcenter (schema {version}, this one knows "
                             f"{SCHEMA_VERSION}). Fix: upgrade helpcenter.")
        if (version == 0 and tables) or (version > 0 and "votes" not in tables):
            raise StoreError(f"{self.path} is another application's SQLite database (tables: "
                             f"{', '.join(sorted(tables)) or 'none'}); it was left unchanged. Fix: pass a new or "
                             "existing feedback file with --db.")

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version + 1, SCHEMA_VERSION + 1):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have applied it while this one waited for the lock.
                if self._db.execute("PRAGMA user_version").fetchone()[0] >= step:
                    self._db.execute("COMMIT")
                    continue
                for statement in _statements(SQLITE_MIGRATIONS[step]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={step}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def add_many(self, entries: list[tuple[Vote, str | None, str]]) -> list[int]:
        ids = []
        cursor = self._db.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            for vote, client, received_at in entries:
                cursor.execute(f"INSERT INTO votes ({_INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               _row(vote, client, received_at))
                ids.append(cursor.lastrowid)
            cursor.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                cursor.execute("ROLLBACK")
            raise
        return ids

    def add(self, vote: Vote, client: str | None = None, received_at: str | None = None) -> int:
        return self.add_many([(vote, client, received_at or utc_now())])[0]

    def probe(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("INSERT OR REPLACE INTO health_probe (id, checked_at) VALUES (1, ?)", (utc_now(),))
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def records(self) -> Iterator[dict]:
        cursor = self._db.execute(f"SELECT {', '.join(COLUMNS)} FROM votes ORDER BY id")
        for row in cursor:
            record = dict(zip(COLUMNS, row))
            record["helpful"] = bool(record["helpful"])
            yield record

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM votes").fetchone()[0]

    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self._db.close()


def _statements(script: str) -> list[str]:
    """A migration's statements (SQLite's execute takes one at a time; triggers contain ';' inside BEGIN…END)."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith(";") and sqlite3.complete_statement(text):
            statements.append(text)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current))
    return statements


class PostgresVoteStore:
    """PostgreSQL through psycopg 3 and a connection pool. Every collector process keeps its own pool; the
    database serializes the writers, so any number of processes may add votes at once. A commit returns
    only once PostgreSQL has flushed it (synchronous_commit is forced on for these transactions)."""

    def __init__(self, url: str, min_size: int = 1, max_size: int = 4, create: bool = True):
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError:
            raise StoreError("PostgreSQL storage needs psycopg 3 and psycopg_pool. Fix: pip install "
                             "'helpcenter[postgres]' (psycopg[binary] and psycopg_pool).") from None
        self.url = url
        try:
            # One plain connection first: its error names the cause (a pool would only say it timed out).
            with psycopg.connect(url, connect_timeout=10) as connection:
                self._migrate(connection, create)
        except psycopg.Error as error:
            raise StoreError(f"{_safe_url(url)}: {' '.join(str(error).split()) or type(error).__name__}. Fix: check the "
                             "server, the database name and the credentials in --db.") from None
        self._pool = ConnectionPool(url, min_size=min_size, max_size=max_size, open=False,
                                    kwargs={"autocommit": False}, configure=self._configure)
        self._pool.open(wait=True, timeout=10)

    @staticmethod
    def _configure(connection) -> None:
        # Durable commits whatever the server's default, and no statement may hang a request forever.
        connection.execute("SET synchronous_commit = on")
        connection.execute("SET statement_timeout = '10s'")
        connection.commit()

    def _migrate(self, connection, create: bool) -> None:
        with connection.transaction():
            # One migrating process at a time; the others wait, then find the steps applied.
            connection.execute("SELECT pg_advisory_xact_lock(4242021)")
            exists = connection.execute("SELECT to_regclass('helpcenter_schema')").fetchone()[0]
            if exists is None:
                if not create:
                    raise StoreError(f"{_safe_url(self.url)} holds no feedback votes (no helpcenter_schema "
                                     "table). Fix: pass the database the collector writes to.")
                connection.execute("CREATE TABLE helpcenter_schema (version INTEGER NOT NULL)")
                connection.execute("INSERT INTO helpcenter_schema VALUES (0)")
            version = connection.execute("SELECT version FROM helpcenter_schema").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{_safe_url(self.url)} was written by a newer helpcenter (schema {version}, "
                                 f"this one knows {SCHEMA_VERSION}). Fix: upgrade helpcenter.")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                connection.execute(POSTGRES_MIGRATIONS[step])
                connection.execute("UPDATE helpcenter_schema SET version = %s", (step,))

    def add_many(self, entries: list[tuple[Vote, str | None, str]]) -> list[int]:
        with self._pool.connection() as connection:
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO votes ({_INSERT_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                    [_row(*entry) for entry in entries], returning=True)
                ids = []
                while True:
                    ids.append(cursor.fetchone()[0])
                    if not cursor.nextset():
                        break
            connection.commit()  # the pool would roll back an uncommitted transaction
        return ids

    def add(self, vote: Vote, client: str | None = None, received_at: str | None = None) -> int:
        return self.add_many([(vote, client, received_at or utc_now())])[0]

    def probe(self) -> None:
        with self._pool.connection(timeout=5) as connection:
            connection.execute("INSERT INTO health_probe (id, checked_at) VALUES (1, now()) "
                               "ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at")
            connection.commit()

    def records(self) -> Iterator[dict]:
        columns = ", ".join("to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
                            if name == "received_at" else name for name in COLUMNS)
        with self._pool.connection() as connection:
            # A server-side cursor: the export of a large log does not load it into memory at once.
            with connection.cursor(name="helpcenter_records") as cursor:
                cursor.execute(f"SELECT {columns} FROM votes ORDER BY id")
                for row in cursor:
                    yield dict(zip(COLUMNS, row))
            connection.commit()

    def count(self) -> int:
        with self._pool.connection() as connection:
            return connection.execute("SELECT COUNT(*) FROM votes").fetchone()[0]

    def schema_version(self) -> int:
        with self._pool.connection() as connection:
            return connection.execute("SELECT version FROM helpcenter_schema").fetchone()[0]

    def close(self) -> None:
        self._pool.close()


def _safe_url(url: str) -> str:
    """The target without its password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def is_postgres(target: str | Path) -> bool:
    return str(target).startswith(("postgres://", "postgresql://"))


def open_store(target: str | Path, create: bool = True) -> VoteStore:
    """A store for a file path (SQLite), `sqlite:///path`, or a `postgresql://` URL."""
    text = str(target)
    if text.startswith("sqlite:///"):
        return SQLiteVoteStore(text[len("sqlite:///"):], create=create)
    if is_postgres(text):
        return PostgresVoteStore(text, create=create)
    if "://" in text:
        raise StoreError(f"'{text}' is not a storage target: pass a SQLite file path (--db feedback.sqlite3) or a "
                         "PostgreSQL URL (--db postgresql://user@host/dbname)")
    return SQLiteVoteStore(text, create=create)


def read_records(target: str | Path) -> list[dict]:
    """Every vote in a store, for export and report."""
    store = open_store(target, create=False)
    try:
        return list(store.records())
    finally:
        store.close()
