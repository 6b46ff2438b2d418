"""The real server as a subprocess, on both stores: every acknowledged vote survives kill -9 (of the only
collector, or of one of two sharing a store); concurrent posts are never lost."""

from __future__ import annotations

import http.client
import json
import threading
import time

import pytest

from helpcenter.feedback.process import CollectorProcess
from helpcenter.feedback.store import SQLiteVoteStore, open_store, read_records
from helpcenter.feedback.votes import Vote

from feedback_helpers import vote_db  # noqa: F401  (fixture: the test runs on SQLite and on PostgreSQL)

VOTE = {"article": 1001, "locale": "zh", "helpful": False, "reason": "unclear"}


def _post_until_failure(port: int, worker: int, acknowledged: list, stop: threading.Event) -> None:
    """Post votes on one keep-alive connection until the server goes away; record what was acknowledged."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    n = 0
    while not stop.is_set() and n < 5000:
        comment = f"w{worker}-n{n}"
        try:
            connection.request("POST", "/api/feedback", json.dumps({**VOTE, "comment": comment}),
                               {"Content-Type": "application/json"})
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            return  # the server died: this vote was never acknowledged
        if response.status == 201:
            acknowledged.append((json.loads(body)["id"], comment))
        n += 1


def test_kill_9_mid_load_loses_no_acknowledged_vote(vote_db):
    db = vote_db
    server = CollectorProcess(db, "--rate-limit", "0").start()
    acknowledged: list = []
    stop = threading.Event()
    workers = [threading.Thread(target=_post_until_failure, args=(server.port, i, acknowledged, stop))
               for i in range(8)]
    try:
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 300 and time.monotonic() < deadline:
            time.sleep(0.01)
        server.kill()  # SIGKILL while the workers are still posting
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=10)
        server.kill()
    assert len(acknowledged) >= 300, "the server acknowledged too few votes before the kill to test anything"
    stored = {r["id"]: r["comment"] for r in read_records(db)}
    missing = [(vote_id, comment) for vote_id, comment in acknowledged if stored.get(vote_id) != comment]
    assert missing == [], f"{len(missing)} acknowledged votes are not in the database after kill -9"
    # The database is consistent and the server starts again on it.
    with CollectorProcess(db) as again:
        connection = http.client.HTTPConnection("127.0.0.1", again.port, timeout=5)
        connection.request("POST", "/api/feedback", json.dumps(VOTE), {"Content-Type": "application/json"})
        response = connection.getresponse()
        assert response.status == 201
        assert json.loads(response.read())["id"] > max(stored)


def test_concurrent_posts_to_the_server_are_all_stored(vote_db):
    db = vote_db
    acknowledged: list = []
    with CollectorProcess(db, "--rate-limit", "0") as server:
        def post(worker):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            for n in range(50):
                connection.request("POST", "/api/feedback", json.dumps({**VOTE, "comment": f"{worker}-{n}"}),
                                   {"Content-Type": "application/json"})
                response = connection.getresponse()
                assert response.status == 201
                acknowledged.append(json.loads(response.read())["id"])

        workers = [threading.Thread(target=post, args=(i,)) for i in range(16)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert len(acknowledged) == 800 and len(set(acknowledged)) == 800
    records = read_records(db)
    assert sorted(r["id"] for r in records) == sorted(acknowledged)
    assert len({r["comment"] for r in records}) == 800


def test_two_writers_on_one_database_lose_nothing(vote_db):
    """Two collector processes (or uvicorn workers) may share one store."""
    db = vote_db
    stores = [open_store(db), open_store(db)]
    ids: list = []

    def write(store, name):
        for n in range(200):
            ids.extend(store.add_many([(Vote(article=1, locale="en", helpful=True, comment=f"{name}{n}"), None,
                                        "2026-11-23T10:00:00.000000Z")]))

    threads = [threading.Thread(target=write, args=(s, f"s{i}-")) for i, s in enumerate(stores)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    assert len(set(ids)) == 400 and len(read_records(db)) == 400


def test_the_log_is_append_only(vote_db):
    store = open_store(vote_db)
    store.add(Vote(article=1, locale="en", helpful=True))
    store.add(Vote(article=1, locale="en", helpful=False))  # a repeat vote is a row of its own
    assert store.count() == 2
    store.close()
    from feedback_helpers import query

    for statement in ("UPDATE votes SET helpful = NOT helpful", "DELETE FROM votes"):
        with pytest.raises(Exception, match="append-only"):
            query(vote_db, statement)
    assert len(read_records(vote_db)) == 2


def test_two_collectors_on_one_store_lose_nothing_when_one_is_killed(vote_db):
    """Two collector processes share the store; 16 clients post to them; one is killed (SIGKILL) mid-burst.
    Every acknowledged vote, of either process, is stored; the survivor keeps acknowledging."""
    servers = [CollectorProcess(vote_db, "--rate-limit", "0").start() for _ in range(2)]
    acknowledged: list = []
    stop = threading.Event()
    workers = [threading.Thread(target=_post_until_failure, args=(servers[i % 2].port, i, acknowledged, stop))
               for i in range(16)]
    try:
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < 400 and time.monotonic() < deadline:
            time.sleep(0.01)
        servers[0].kill()
        before = len(acknowledged)
        while len(acknowledged) < before + 200 and time.monotonic() < deadline + 30:  # the other one goes on
            time.sleep(0.01)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=10)
        for server in servers:
            server.kill()
    assert len(acknowledged) >= before + 200, "the surviving collector stopped acknowledging votes"
    stored = {r["id"]: r["comment"] for r in read_records(vote_db)}
    missing = [(vote_id, comment) for vote_id, comment in acknowledged if stored.get(vote_id) != comment]
    assert missing == [], f"{len(missing)} acknowledged votes are not in the store after kill -9 of one collector"
    assert len({vote_id for vote_id, _ in acknowledged}) == len(acknowledged)


def test_storage_targets(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    store.close()
    assert (tmp_path / "a.sqlite3").exists()
    with pytest.raises(ValueError, match=r"postgresql://feedback:\*\*\*@127.0.0.1:1/feedback: .*Fix: check the server"):
        open_store("postgresql://feedback:secret@127.0.0.1:1/feedback")  # nothing listens there; no password shown
    with pytest.raises(ValueError, match="not a storage target"):
        open_store("redis://localhost")


def test_an_old_sqlite_file_is_migrated_in_place(tmp_path):
    """A file written by the first schema (PRAGMA user_version 1, no health_probe) gets the later steps."""
    import sqlite3

    from helpcenter.feedback.store import SCHEMA_VERSION, SQLITE_MIGRATIONS

    db = sqlite3.connect(tmp_path / "old.sqlite3")
    db.executescript(SQLITE_MIGRATIONS[1])
    db.execute("INSERT INTO votes (received_at, article, locale, helpful) VALUES ('2026-01-01T00:00:00.000000Z', 1, 'en', 1)")
    db.execute("PRAGMA user_version=1")
    db.commit()
    db.close()
    store = SQLiteVoteStore(tmp_path / "old.sqlite3")
    assert store.schema_version() == SCHEMA_VERSION
    store.probe()
    assert store.count() == 1
    store.close()


def test_the_schema_version_is_recorded_and_a_newer_one_refused(vote_db):
    from feedback_helpers import query
    from helpcenter.feedback.store import SCHEMA_VERSION, StoreError

    store = open_store(vote_db)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    if vote_db.startswith("postgresql://"):
        query(vote_db, "UPDATE helpcenter_schema SET version = 99")
    else:
        query(vote_db, "PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer helpcenter"):
        open_store(vote_db)


def test_a_failed_write_is_an_error_for_every_waiting_request_never_an_id():
    import asyncio

    from helpcenter.feedback.collector import BatchWriter

    class FullDisk:
        def add_many(self, entries):
            raise OSError("database or disk is full")

    writer = BatchWriter(FullDisk())

    async def post_three():
        return await asyncio.gather(*(writer.add(Vote(article=1, locale="en", helpful=True), None) for _ in range(3)),
                                    return_exceptions=True)

    # A thread of its own: Playwright's sync API may already run an event loop in this one.
    from concurrent.futures import ThreadPoolExecutor

    try:
        with ThreadPoolExecutor(1) as pool:
            results = pool.submit(lambda: asyncio.run(post_three())).result()
    finally:
        writer.close()
    assert all(isinstance(result, OSError) for result in results)


def test_serve_site_needs_a_site(capsys):
    from helpcenter.cli import main

    assert main(["feedback", "serve", "--serve-site"]) == 2
    assert "--serve-site needs --site" in capsys.readouterr().err
