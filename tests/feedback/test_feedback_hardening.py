"""What production needs of the collector: votes the store cannot hold are refused up front, one bad vote never
fails its neighbours, the rate limiter's cost is bounded, storage failures are visible (log, health, metrics),
and readers behind a trusted proxy stay distinct."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

import pytest
from starlette.testclient import TestClient

from helpcenter.feedback.collector import (BatchWriter, ClientAddress, CollectorSettings, RateLimiter, StoreErrorLog,
                                           create_app, parse_trusted_proxy)
from helpcenter.feedback.store import open_store, read_records
from helpcenter.feedback.votes import Vote

from feedback_helpers import make_client, query, store_text, vote_db, write_site  # noqa: F401  (fixtures)

VALID = {"article": 1001, "locale": "zh", "helpful": False, "reason": "outdated", "comment": "ok",
         "revision": "0123456789ab"}


def post_raw(client, text: str):
    return client.post("/api/feedback", content=text.encode("utf-8", "surrogatepass"),
                       headers={"Content-Type": "application/json"})


@pytest.mark.parametrize("raw, field", [
    ('{"article": 1001, "locale": "zh", "helpful": false, "comment": "a\\ud800b"}', "comment"),  # lone surrogate
    ('{"article": 1001, "locale": "zh", "helpful": true, "search": "\\udfff"}', "search"),
    ('{"article": 1001, "locale": "zh", "helpful": false, "comment": "nul\\u0000here"}', "comment"),
    ('{"article": 1001, "locale": "zh", "helpful": false, "comment": "bell\\u0007"}', "comment"),
    ('{"article": 1001, "locale": "zh", "helpful": false, "comment": "c1\\u009b[31m"}', "comment"),
    ('{"article": 1001, "locale": "zh", "helpful": true, "search": "two\\nlines"}', "search"),
    ('{"article": 9223372036854775808, "locale": "en", "helpful": true}', "article"),  # 2^63
    ('{"article": 1001, "locale": "en\\n", "helpful": true}', "locale"),  # `$` would accept this
    ('{"article": 1001, "locale": "zh", "helpful": false, "reason": "unclear\\n"}', "reason"),
    ('{"article": 1001, "locale": "zh", "helpful": true, "revision": "abcdef\\n"}', "revision"),
    ('{"article": 1001, "locale": "zh", "helpful": true, "website": 0}', "website"),
    ('{"article": 1001, "locale": "zh", "helpful": true, "website": []}', "website"),
    ('{"article": 1001, "locale": "zh", "helpful": true, "website": false}', "website"),
    ('{"article": 1001, "locale": "zh", "helpful": true, "tab": "short"}', "tab"),
    ('{"article": 1001, "locale": "zh", "helpful": true, "tab": "has space in it"}', "tab"),
])
def test_what_storage_cannot_hold_is_refused_with_422(make_client, vote_db, raw, field):
    response = post_raw(make_client(), raw)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert read_records(vote_db) == []


def test_comments_keep_their_line_breaks_and_tabs(make_client, vote_db):
    client = make_client()
    assert client.post("/api/feedback", json={**VALID, "comment": "step 3:\r\n\tthe button\ris gone"}).status_code == 201
    assert client.post("/api/feedback", json={**VALID, "article": 2**63 - 1, "website": ""}).status_code == 201
    comments = [r["comment"] for r in read_records(vote_db)]
    assert comments == ["step 3:\n\tthe button\nis gone", "ok"]


def test_the_sites_comment_limit_applies(make_client, tmp_path):
    site = write_site(tmp_path / "short", comment_limit=10)
    client = make_client(site=str(site))
    assert client.post("/api/feedback", json={**VALID, "comment": "x" * 10}).status_code == 201
    response = client.post("/api/feedback", json={**VALID, "comment": "x" * 11})
    assert response.status_code == 422 and response.json()["field"] == "comment"
    assert "10 characters" in response.json()["error"]


def test_deeply_nested_json_is_400_not_a_crash(make_client):
    client = make_client()
    for depth in (1200, 4000):
        response = post_raw(client, "[" * depth + "]" * depth)
        assert response.status_code in (400, 422), response.text
    assert client.post("/api/feedback", json=VALID).status_code == 201


def _run_async(coroutine_factory):
    # A thread of its own: Playwright's sync API may already run an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_factory())).result()


def test_a_vote_the_store_refuses_fails_alone_in_its_batch(vote_db, caplog):
    """Votes made past the checks (an id no store can hold) share batches with good ones: only they fail."""
    store = open_store(vote_db)
    writer = BatchWriter(store, errors=StoreErrorLog(logging.getLogger("test.store")))
    votes = [Vote(article=2**64 if n % 7 == 3 else 1000 + n, locale="en", helpful=True, comment=f"n{n}")
             for n in range(300)]

    async def post_all():
        return await asyncio.gather(*(writer.add(vote, None) for vote in votes), return_exceptions=True)

    try:
        with caplog.at_level(logging.ERROR, logger="test.store"):
            results = _run_async(post_all)
    finally:
        writer.close()
    good = {vote.comment: result for vote, result in zip(votes, results) if vote.article < 2**63}
    bad = [result for vote, result in zip(votes, results) if vote.article >= 2**63]
    assert all(isinstance(result, int) for result in good.values())
    assert bad and all(isinstance(result, Exception) for result in bad)
    stored = {r["comment"]: r["id"] for r in read_records(vote_db)}
    assert stored == good
    # Logged once, with its cause, however many votes failed the same way.
    assert len([r for r in caplog.records if "could not write" in r.getMessage()]) == 1
    assert type(bad[0]).__name__ in caplog.text


def test_store_errors_are_logged_once_then_summarized():
    clock = [0.0]
    records = []

    class Capture(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    log = logging.getLogger("test.summary")
    log.addHandler(Capture())
    errors = StoreErrorLog(log, every=60.0, clock=lambda: clock[0])
    for n in range(100):
        clock[0] = n
        errors.failed(OSError("database or disk is full"), 1)
    assert records[0].startswith("the vote store could not write 1 vote(s): OSError: database or disk is full")
    assert len(records) == 2 and "failed 60 more time(s)" in records[1]
    errors.succeeded()
    assert "writes again, after 100 failed" in records[-1]


class BrokenStore:
    """A store whose disk is full: every write fails."""

    def add_many(self, entries):
        raise OSError("database or disk is full")

    def probe(self):
        raise OSError("database or disk is full")

    def records(self):
        return iter(())

    def close(self):
        pass


def test_a_store_that_cannot_write_fails_health_and_is_counted(caplog):
    app = create_app(CollectorSettings(db=":memory:"), store=BrokenStore())
    with caplog.at_level(logging.ERROR, logger="helpcenter.feedback"), TestClient(app) as client:
        assert [client.post("/api/feedback", json=VALID).status_code for _ in range(3)] == [503] * 3
        health = client.get("/api/health")
        assert health.status_code == 503
        assert health.json()["status"] == "error" and "disk is full" in health.json()["reason"]
        metrics = client.get("/api/metrics").text
    assert "helpcenter_feedback_store_errors_total 3.0" in metrics
    assert 'helpcenter_feedback_votes_rejected_total{reason="store_error"} 3.0' in metrics
    assert len([r for r in caplog.records if "could not write" in r.getMessage()]) == 1
    assert "disk is full" in caplog.text


def test_health_probes_the_real_store(make_client, vote_db):
    client = make_client()
    assert query(vote_db, "SELECT COUNT(*) FROM health_probe") == [(0,)]
    assert client.get("/api/health").json() == {"status": "ok"}
    assert query(vote_db, "SELECT COUNT(*) FROM health_probe") == [(1,)]  # the probe's committed write


def test_metrics_in_prometheus_text_format(make_client):
    client = make_client(rate_limit=3)
    client.post("/api/feedback", json=VALID)
    client.post("/api/feedback", json={**VALID, "locale": 7})
    client.post("/api/feedback", content=b"{", headers={"Content-Type": "application/json"})
    client.post("/api/feedback", json=VALID)  # the fourth in a minute
    response = client.get("/api/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert "helpcenter_feedback_votes_accepted_total 1.0" in text
    assert 'helpcenter_feedback_votes_rejected_total{reason="invalid"} 1.0' in text
    assert 'helpcenter_feedback_votes_rejected_total{reason="bad_json"} 1.0' in text
    assert 'helpcenter_feedback_votes_rejected_total{reason="rate_limited"} 1.0' in text
    assert "helpcenter_feedback_request_seconds_count 4.0" in text
    assert 'helpcenter_feedback_request_seconds_bucket{le="+Inf"} 4.0' in text


def test_rate_limit_is_on_by_default(make_client, tmp_path):
    from helpcenter.feedback.votes import DEFAULT_RATE_LIMIT

    client = make_client()
    statuses = [client.post("/api/feedback", json=VALID).status_code for _ in range(DEFAULT_RATE_LIMIT + 1)]
    assert statuses == [201] * DEFAULT_RATE_LIMIT + [429]


def test_rate_limiter_memory_is_bounded_and_idle_buckets_expire():
    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0], max_clients=1000)
    for n in range(5000):
        assert limiter.allow(f"client-{n}")[0]
        assert len(limiter) <= 1001
    # Busy clients are kept; the least recently seen go first.
    assert limiter.allow("client-4999")[0] and not limiter.allow("client-4999")[0]
    now[0] = 61.0  # a minute later every bucket is full again: each call drops idle ones
    for n in range(600):
        limiter.allow(f"late-{n}")
    assert len(limiter) == 600  # only the clients seen in the last minute are left


def test_trusted_proxy_addresses():
    address = ClientAddress(["127.0.0.1/32", parse_trusted_proxy("10.0.0.0/8")])
    assert address("10.1.2.3", "198.51.100.7") == "198.51.100.7"
    assert address("10.1.2.3", "203.0.113.1, 198.51.100.7, 10.9.9.9") == "198.51.100.7"  # nearest untrusted hop
    assert address("192.0.2.50", "198.51.100.7") == "192.0.2.50"  # not a trusted proxy: the header is ignored
    assert address("10.1.2.3", None) == "10.1.2.3"
    with pytest.raises(ValueError, match="--trusted-proxy"):
        parse_trusted_proxy("10.0.0.0/33")


@pytest.mark.parametrize("trusted, second", [(["10.0.0.0/8"], 201), ([], 429)])
def test_readers_behind_a_trusted_proxy_are_distinct_clients(tmp_path, trusted, second):
    settings = CollectorSettings(db=str(tmp_path / "votes.sqlite3"), rate_limit=1, trusted_proxies=trusted)
    with TestClient(create_app(settings), client=("10.0.0.5", 40000)) as client:
        def post(reader):
            return client.post("/api/feedback", json=VALID, headers={"X-Forwarded-For": reader}).status_code
        assert post("198.51.100.7") == 201
        assert post("198.51.100.8") == second
        assert post("198.51.100.7") == 429


def test_a_tab_id_tells_readers_behind_one_address_apart_and_is_never_stored(make_client, vote_db):
    client = make_client()
    for tab in ("tab-aaaaaaaa", "tab-bbbbbbbb", "tab-aaaaaaaa"):
        assert client.post("/api/feedback", json={**VALID, "tab": tab}).status_code == 201
    assert client.post("/api/feedback", json=VALID).status_code == 201
    hashes = [r["client"] for r in read_records(vote_db)]
    assert hashes[0] == hashes[2] and len(set(hashes)) == 3
    dump = store_text(vote_db)
    assert "tab-aaaaaaaa" not in dump and hashes[0] in dump


def test_a_locked_store_fails_health_with_the_reason(vote_db):
    """Another program holds the write lock: health says so (503) instead of 200, without waiting for the lock."""
    import time

    if vote_db.startswith("postgresql://"):
        import psycopg

        other = psycopg.connect(vote_db)
        lock, release = "LOCK TABLE health_probe IN ACCESS EXCLUSIVE MODE", other.rollback
    else:
        import sqlite3

        other = sqlite3.connect(vote_db, isolation_level=None)
        lock, release = "BEGIN IMMEDIATE", lambda: other.execute("ROLLBACK")
    def health_until(client, status):
        deadline = time.monotonic() + 15
        while (response := client.get("/api/health")).status_code != status and time.monotonic() < deadline:
            time.sleep(0.1)  # probes run in the background, at most one a second
        return response

    with TestClient(create_app(CollectorSettings(db=vote_db))) as client:
        assert client.get("/api/health").status_code == 200
        other.execute(lock)
        try:
            locked = health_until(client, 503)
        finally:
            release()
            other.close()
        assert locked.status_code == 503
        assert "did not commit a test write" in locked.json()["reason"]
        assert health_until(client, 200).json() == {"status": "ok"}  # the lock is gone: healthy again


def test_health_answers_from_the_last_probe_while_the_next_one_runs():
    """Only the first check waits for the store; later ones never do, and a probe stuck past the timeout is the answer."""
    from helpcenter.feedback.collector import HealthProbe

    now = [0.0]
    calls = []

    class Writer:
        async def probe(self):
            calls.append(now[0])
            if len(calls) > 1:
                await asyncio.Event().wait()  # the store hangs from the second probe on

    async def scenario():
        health = HealthProbe(lambda: Writer(), timeout=2.0, every=1.0, clock=lambda: now[0])
        first = await health.check()
        now[0] = 1.5
        second = await asyncio.wait_for(health.check(), 5)  # starts probe 2 in the background, answers at once
        await asyncio.sleep(0)
        now[0] = 4.0
        third = await asyncio.wait_for(health.check(), 5)
        return first, second, third

    first, second, third = _run_async(scenario)
    assert (first, second) == (None, None) and calls == [0.0, 1.5]
    assert "did not commit a test write within 2 s" in third


def test_one_cause_worded_two_ways_is_logged_once():
    records = []

    class Capture(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    log = logging.getLogger("test.wording")
    log.addHandler(Capture())
    errors = StoreErrorLog(log)
    errors.failed(LookupError('relation "votes" does not exist at character 13'), 512)
    errors.failed(LookupError('relation "votes" does not exist\nLINE 1: INSERT INTO votes (received_at, …'), 1)
    errors.failed(OSError("disk I/O error"), 1)
    assert records == ['the vote store could not write 512 vote(s): LookupError: relation "votes" does not exist',
                       "the vote store could not write 1 vote(s): OSError: disk I/O error"]
