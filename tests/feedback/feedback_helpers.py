"""Helpers of the feedback tests (imported by name: a conftest.py here would shadow tests/conftest.py): a tiny
built-site catalogue and the collector app in process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from helpcenter.feedback.collector import CollectorSettings, create_app

ARTICLES = [(1001, "en"), (1001, "zh"), (1002, "en"), (1002, "zh"), (1002, "zh-TW")]


def write_site(directory: Path, reasons=("outdated", "unclear", "not_solved", "translation"), comment_limit=2000) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    catalogue = {"default_locale": "en", "locales": ["en", "zh", "zh-TW"], "categories": [],
                 "articles": [{"id": i, "locale": loc, "title": f"Article {i} ({loc})",
                               "url": f"{'' if loc == 'en' else loc + '/'}security/a{i}/"} for i, loc in ARTICLES]}
    (directory / "articles.json").write_text(json.dumps(catalogue), encoding="utf-8")
    (directory / "feedback.json").write_text(json.dumps({"reasons": list(reasons), "comment_limit": comment_limit}))
    (directory / "index.html").write_text("<!doctype html><title>home</title><p>site home</p>", encoding="utf-8")
    return directory


@pytest.fixture
def tiny_site(tmp_path) -> Path:
    return write_site(tmp_path / "site")


@pytest.fixture(params=["sqlite", "postgres"])
def vote_db(request, tmp_path) -> str:
    """Where a test's votes go: a SQLite file, or a fresh schema on the test run's PostgreSQL server. Tests that
    take this fixture (or make_client) run on both stores."""
    if request.param == "sqlite":
        return str(tmp_path / "votes.sqlite3")
    from postgres_cluster import cluster

    return cluster().new_schema()


def query(target: str, sql: str) -> list[tuple]:
    """Rows of a query on either store (SQL both understand)."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as connection:
            cursor = connection.execute(sql)
            return [tuple(row) for row in cursor] if cursor.description else []
    import sqlite3

    connection = sqlite3.connect(target)
    try:
        rows = connection.execute(sql).fetchall()
        connection.commit()
        return rows
    finally:
        connection.close()


def store_text(target: str) -> str:
    """Everything a store holds, as text (to show what is and is not stored)."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as connection:
            rows = [*connection.execute("SELECT * FROM votes"), *connection.execute("SELECT * FROM health_probe")]
        return "\n".join(repr(row) for row in rows)
    import sqlite3

    connection = sqlite3.connect(target)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def make_client(vote_db):
    """make_client(**settings) -> a TestClient of a collector writing to the test's store (vote_db)."""
    clients = []

    def make(**options) -> TestClient:
        settings = CollectorSettings(db=str(options.pop("db", vote_db)), **options)
        client = TestClient(create_app(settings))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
