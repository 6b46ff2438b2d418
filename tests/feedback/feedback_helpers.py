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


@pytest.fixture
def make_client(tmp_path):
    """make_client(**settings) -> a TestClient of a collector writing to tmp_path/votes.sqlite3."""
    clients = []

    def make(**options) -> TestClient:
        settings = CollectorSettings(db=str(options.pop("db", tmp_path / "votes.sqlite3")), **options)
        client = TestClient(create_app(settings))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
