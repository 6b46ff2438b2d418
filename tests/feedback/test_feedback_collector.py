"""The collector's HTTP contract: 201 with the stored id, a JSON error and no row for everything else."""

from __future__ import annotations

import json

import pytest

from helpcenter.feedback.store import read_records

from feedback_helpers import make_client, store_text, tiny_site, vote_db  # noqa: F401  (fixtures)

VALID = {"article": 1001, "locale": "zh", "helpful": False, "reason": "outdated", "comment": "步骤截图过时了",
         "revision": "0123456789ab"}


def rows(target):
    return read_records(target)


def test_a_vote_is_stored_and_its_id_returned(make_client, tiny_site, vote_db):
    client = make_client(site=str(tiny_site))
    response = client.post("/api/feedback", json=VALID)
    assert response.status_code == 201
    assert response.headers["content-type"] == "application/json"
    vote_id = response.json()["id"]
    [row] = rows(vote_db)
    assert row["id"] == vote_id
    assert (row["article"], row["locale"], row["helpful"], row["reason"], row["comment"], row["revision"]) == \
           (1001, "zh", False, "outdated", "步骤截图过时了", "0123456789ab")
    assert row["received_at"].endswith("Z")


def test_minimal_yes_vote_and_search_terms(make_client, tiny_site, vote_db):
    client = make_client(site=str(tiny_site))
    assert client.post("/api/feedback", json={"article": 1002, "locale": "zh-TW", "helpful": True}).status_code == 201
    assert client.post("/api/feedback", json={"article": 1002, "locale": "en", "helpful": True,
                                              "search": "withdrawal pending"}).status_code == 201
    assert [r["search"] for r in rows(vote_db)] == [None, "withdrawal pending"]


def test_health(make_client):
    response = make_client().get("/api/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize("change, status, field", [
    ({"article": "1001"}, 422, "article"),
    ({"article": True}, 422, "article"),
    ({"article": -3}, 422, "article"),
    ({"article": None}, 422, "article"),
    ({"locale": 7}, 422, "locale"),
    ({"locale": "../etc"}, 422, "locale"),
    ({"helpful": "no"}, 422, "helpful"),
    ({"helpful": 0}, 422, "helpful"),
    ({"reason": 3}, 422, "reason"),
    ({"reason": "Not A Code"}, 422, "reason"),
    ({"comment": ["x"]}, 422, "comment"),
    ({"comment": "x" * 2001}, 422, "comment"),
    ({"revision": "not-hex!"}, 422, "revision"),
    ({"search": "q" * 201}, 422, "search"),
    ({"extra": 1}, 422, "extra"),
    ({"website": "http://spam.example"}, 422, "website"),
])
def test_wrong_fields_and_types_are_refused(make_client, vote_db, change, status, field):
    client = make_client()
    body = {**VALID, **change}
    body = {k: v for k, v in body.items() if not (k == "article" and v is None)}
    response = client.post("/api/feedback", json=body)
    assert response.status_code == status, response.text
    assert response.json()["field"] == field
    assert "error" in response.json()
    assert rows(vote_db) == []


def test_a_comment_of_exactly_the_limit_is_accepted(make_client, tmp_path):
    assert make_client().post("/api/feedback", json={**VALID, "comment": "x" * 2000}).status_code == 201


def test_reason_with_a_yes_vote_is_refused(make_client, tmp_path):
    response = make_client().post("/api/feedback", json={**VALID, "helpful": True})
    assert response.status_code == 422 and response.json()["field"] == "reason"


@pytest.mark.parametrize("change, field", [
    ({"article": 9999}, "article"),
    ({"article": 1001, "locale": "zh-TW"}, "article"),  # the article exists, but not for this locale
    ({"locale": "de"}, "locale"),
    ({"reason": "too_long"}, "reason"),  # a well-formed code the built site does not offer
])
def test_unknown_article_locale_or_reason_of_the_site_is_refused(make_client, tiny_site, vote_db, change, field):
    response = make_client(site=str(tiny_site)).post("/api/feedback", json={**VALID, **change})
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert rows(vote_db) == []


def test_a_rebuilt_site_is_picked_up(make_client, tiny_site, tmp_path, monkeypatch):
    import time as _time
    client = make_client(site=str(tiny_site))
    assert client.post("/api/feedback", json={**VALID, "article": 1003, "locale": "en"}).status_code == 422
    catalogue = json.loads((tiny_site / "articles.json").read_text())
    catalogue["articles"].append({"id": 1003, "locale": "en", "title": "New", "url": "security/new/"})
    (tiny_site / "articles.json").write_text(json.dumps(catalogue))
    real = _time.monotonic
    monkeypatch.setattr(_time, "monotonic", lambda: real() + 5)  # past the once-a-second check
    assert client.post("/api/feedback", json={**VALID, "article": 1003, "locale": "en"}).status_code == 201


@pytest.mark.parametrize("body", [b"{not json", b"", b"\xff\xfe", b'{"article": 1001,}'])
def test_malformed_json_is_400(make_client, vote_db, body):
    response = make_client().post("/api/feedback", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "error" in response.json()
    assert rows(vote_db) == []


@pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"42", b"null"])
def test_json_that_is_not_an_object_is_422(make_client, vote_db, body):
    response = make_client().post("/api/feedback", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert rows(vote_db) == []


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None])
def test_non_json_body_is_415(make_client, vote_db, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = make_client().post("/api/feedback", content=json.dumps(VALID).encode(), headers=headers)
    assert response.status_code == 415
    assert "JSON" in response.json()["error"]
    assert rows(vote_db) == []


def test_json_with_a_charset_is_accepted(make_client):
    response = make_client().post("/api/feedback", content=json.dumps(VALID).encode(),
                                  headers={"Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 201


def test_a_body_over_8_kib_is_413(make_client, vote_db):
    body = json.dumps({**VALID, "comment": "x" * 9000}).encode()
    response = make_client().post("/api/feedback", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "error" in response.json()
    assert rows(vote_db) == []


def test_a_chunked_body_over_8_kib_is_413(make_client, vote_db):
    def chunks():  # no Content-Length: the limit is enforced while reading
        yield b'{"article": 1001, "locale": "zh", "helpful": false, "comment": "'
        for _ in range(20):
            yield b"y" * 1024
        yield b'"}'

    response = make_client().post("/api/feedback", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert rows(vote_db) == []


def test_the_longest_chinese_comment_fits_in_the_body_limit(make_client):
    # The widget sends UTF-8 JSON: 2,000 CJK characters are 6,000 bytes, within 8 KiB with every other field.
    body = json.dumps({**VALID, "comment": "过" * 2000, "search": "提" * 200}, ensure_ascii=False).encode()
    assert 6000 < len(body) < 8192
    assert make_client().post("/api/feedback", content=body, headers={"Content-Type": "application/json"}).status_code == 201


def test_other_methods_and_paths_get_json_errors(make_client):
    client = make_client()
    response = client.get("/api/feedback")
    assert response.status_code == 405 and "error" in response.json()
    response = client.get("/api/nothing")
    assert response.status_code == 404 and "error" in response.json()


def test_rate_limit_per_client(make_client, vote_db):
    client = make_client(rate_limit=3)
    statuses = [client.post("/api/feedback", json=VALID).status_code for _ in range(5)]
    assert statuses == [201, 201, 201, 429, 429]
    response = client.post("/api/feedback", json=VALID)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 1
    assert response.json()["retry_after"] >= 1
    assert len(rows(vote_db)) == 3


def test_rate_limit_zero_means_off(make_client, tmp_path):
    client = make_client(rate_limit=0)
    assert {client.post("/api/feedback", json=VALID).status_code for _ in range(30)} == {201}


def test_rate_limiter_refills_over_time():
    from helpcenter.feedback.collector import RateLimiter

    now = [0.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert [limiter.allow("a")[0] for _ in range(3)] == [True, True, False]
    assert limiter.allow("b")[0] is True  # another client has its own budget
    allowed, wait = limiter.allow("a")
    assert not allowed and wait == 30
    now[0] = 30.0
    assert limiter.allow("a")[0] is True
    assert limiter.allow("a")[0] is False


def test_no_raw_address_is_stored(make_client, vote_db):
    client = make_client()
    client.post("/api/feedback", json=VALID)
    dump = store_text(vote_db)
    assert "testclient" not in dump and "127.0.0.1" not in dump
    [row] = read_records(vote_db)
    assert len(row["client"]) == 16


def test_client_hash_is_salted_and_rotates_daily(monkeypatch):
    from helpcenter.feedback import collector

    day = [(2026, 11, 23)]
    monkeypatch.setattr(collector.time, "gmtime", lambda: tuple(day[0]) + (0, 0, 0, 0, 0, 0))
    one, two = collector.ClientHasher(), collector.ClientHasher()
    first = one("203.0.113.9")
    assert first == one("203.0.113.9") != one("203.0.113.10")
    assert two("203.0.113.9") != first  # a salt of its own, never derived from the address
    day[0] = (2026, 11, 24)
    assert one("203.0.113.9") != first


def test_cors_allows_only_the_given_origin(make_client):
    client = make_client(allow_origins=["https://help.example.com"])
    preflight = client.options("/api/feedback", headers={
        "Origin": "https://help.example.com", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://help.example.com"
    response = client.post("/api/feedback", json=VALID, headers={"Origin": "https://help.example.com"})
    assert response.status_code == 201
    assert response.headers["access-control-allow-origin"] == "https://help.example.com"
    other = client.options("/api/feedback", headers={"Origin": "https://evil.example",
                                                     "Access-Control-Request-Method": "POST"})
    assert other.status_code == 400
    assert "access-control-allow-origin" not in other.headers


def test_without_allow_origin_there_are_no_cors_headers(make_client):
    response = make_client().post("/api/feedback", json=VALID, headers={"Origin": "https://other.example"})
    assert "access-control-allow-origin" not in response.headers


def test_serve_site_serves_the_built_site_beside_the_api(make_client, tiny_site):
    client = make_client(site=str(tiny_site), serve_site=True)
    assert "site home" in client.get("/").text
    assert client.get("/articles.json").json()["default_locale"] == "en"
    assert client.post("/api/feedback", json=VALID).status_code == 201
    assert client.get("/api/health").json() == {"status": "ok"}


def test_serve_site_without_site_is_an_error():
    from helpcenter.feedback.collector import CollectorSettings, create_app

    with pytest.raises(ValueError, match="--site"):
        create_app(CollectorSettings(db=":memory:", serve_site=True))


def test_a_site_without_a_catalogue_is_a_clear_error(tmp_path):
    from helpcenter.feedback.collector import CollectorSettings, create_app

    with pytest.raises(ValueError, match="articles.json does not exist"):
        create_app(CollectorSettings(db=":memory:", site=str(tmp_path)))
