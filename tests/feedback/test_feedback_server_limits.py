"""The real server under abuse: a flood of bad votes among good ones, slow or idle connections, too many of them,
clients that leave mid-body, and start-up errors that name the file."""

from __future__ import annotations

import http.client
import json
import socket
import sqlite3
import threading

from helpcenter.cli import main
from helpcenter.feedback.process import CollectorProcess
from helpcenter.feedback.store import read_records

GOOD = {"article": 1001, "locale": "zh", "helpful": False, "reason": "unclear"}
BAD_BODIES = [
    '{"article": 1001, "locale": "zh", "helpful": false, "comment": "x\\ud800"}',
    '{"article": 1001, "locale": "zh", "helpful": true, "search": "\\udc00"}',
    '{"article": 9223372036854775808, "locale": "zh", "helpful": true}',
    '{"article": 1001, "locale": "zh", "helpful": false, "comment": "nul\\u0000"}',
    '{"article": 1001, "locale": "en\\n", "helpful": true}',
]


def _post(connection, body: str) -> tuple[int, bytes]:
    connection.request("POST", "/api/feedback", body.encode("utf-8", "surrogatepass"), {"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, response.read()


def test_a_flood_of_bad_votes_never_fails_a_good_one(tmp_path):
    db = tmp_path / "votes.sqlite3"
    acknowledged, good_statuses, bad_statuses = [], [], []
    with CollectorProcess(db, "--rate-limit", "0") as server:
        def honest(worker):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            for n in range(60):
                status, body = _post(connection, json.dumps({**GOOD, "comment": f"{worker}-{n}"}))
                good_statuses.append(status)
                if status == 201:
                    acknowledged.append((json.loads(body)["id"], f"{worker}-{n}"))

        def attacker():
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
            for n in range(300):
                bad_statuses.append(_post(connection, BAD_BODIES[n % len(BAD_BODIES)])[0])

        threads = [threading.Thread(target=honest, args=(i,)) for i in range(8)]
        threads += [threading.Thread(target=attacker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert set(good_statuses) == {201} and len(acknowledged) == 480
    assert set(bad_statuses) == {422} and len(bad_statuses) == 600
    stored = {r["id"]: r["comment"] for r in read_records(db)}
    assert stored == dict(acknowledged)


def _read_all(sock: socket.socket) -> bytes:
    data = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            return data
        data += chunk


def test_slow_headers_slow_bodies_and_too_many_connections_are_cut(tmp_path):
    with CollectorProcess(tmp_path / "votes.sqlite3", "--header-timeout", "1", "--body-timeout", "1",
                          "--max-connections", "4") as server:
        # Headers that never finish: 408 and the connection is closed.
        slow = socket.create_connection(("127.0.0.1", server.port), timeout=15)
        slow.sendall(b"POST /api/feedback HTTP/1.1\r\nHost: x\r\n")
        assert _read_all(slow).startswith(b"HTTP/1.1 408")
        # A body that trickles: 408 from the app, then closed.
        trickle = socket.create_connection(("127.0.0.1", server.port), timeout=15)
        trickle.sendall(b"POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 50\r\n\r\n{\"article\"")
        answer = _read_all(trickle)
        assert answer.startswith(b"HTTP/1.1 408") and b"did not arrive" in answer
        # Headers larger than 16 KiB: refused.
        huge = socket.create_connection(("127.0.0.1", server.port), timeout=15)
        huge.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 20000 + b"\r\n\r\n")
        assert _read_all(huge).startswith(b"HTTP/1.1 431")
        # Connections up to the cap are served, the next one is refused at once.
        idle = [socket.create_connection(("127.0.0.1", server.port), timeout=15) for _ in range(3)]
        honest = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        assert _post(honest, json.dumps(GOOD))[0] == 201  # the fourth of four
        extra = socket.create_connection(("127.0.0.1", server.port), timeout=15)
        assert _read_all(extra).startswith(b"HTTP/1.1 503")
        for sock in idle:  # and the idle ones are closed by the header deadline
            assert _read_all(sock).startswith(b"HTTP/1.1 408")
        honest.close()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        assert _post(connection, json.dumps(GOOD))[0] == 201
        for sock in [slow, trickle, huge, extra, *idle]:
            sock.close()


def test_a_client_leaving_mid_body_costs_no_traceback(tmp_path):
    server = CollectorProcess(tmp_path / "votes.sqlite3").start()
    try:
        for _ in range(20):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            sock.sendall(b"POST /api/feedback HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 60\r\n\r\n{\"article\": 10")
            sock.close()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        assert _post(connection, json.dumps(GOOD))[0] == 201
    finally:
        server.stop()
    output = server.process.stdout.read()
    assert "Traceback" not in output and "Exception" not in output, output[:2000]


def test_another_applications_database_is_refused_untouched(tmp_path, capsys):
    other = tmp_path / "crm.sqlite3"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE customers (name TEXT)")
    db.commit()
    db.close()
    before = other.read_bytes()
    assert main(["feedback", "serve", "--db", str(other)]) == 2
    err = capsys.readouterr().err
    assert str(other) in err and "another application's" in err and "Traceback" not in err
    assert other.read_bytes() == before  # not switched to WAL, no table added
    assert not (tmp_path / "crm.sqlite3-wal").exists()


def test_a_file_that_is_not_a_database_is_named_in_one_line(tmp_path, capsys):
    junk = tmp_path / "notes.txt"
    junk.write_text("these are notes, not a database\n" * 100)
    assert main(["feedback", "serve", "--db", str(junk)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(junk) in err and "Traceback" not in err
    assert main(["feedback", "serve", "--db", str(tmp_path / "x.sqlite3"), "--trusted-proxy", "not-a-net"]) == 2
    assert "--trusted-proxy" in capsys.readouterr().err


def test_one_address_cannot_take_every_connection(tmp_path):
    """127.0.0.2 is not a trusted proxy: its third connection is refused; loopback's proxy connections are not capped."""
    with CollectorProcess(tmp_path / "votes.sqlite3", "--max-connections-per-client", "2") as server:
        mine = [socket.create_connection(("127.0.0.1", server.port), timeout=15, source_address=("127.0.0.2", 0))
                for _ in range(3)]
        assert _read_all(mine[2]).startswith(b"HTTP/1.1 503")
        mine[0].sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert _read_all(mine[0]).startswith(b"HTTP/1.1 200")
        proxy = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=10) for _ in range(4)]
        assert [_post(connection, json.dumps(GOOD))[0] for connection in proxy] == [201] * 4
        again = socket.create_connection(("127.0.0.1", server.port), timeout=15, source_address=("127.0.0.2", 0))
        again.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert _read_all(again).startswith(b"HTTP/1.1 200")  # a closed connection frees its place
        for sock in [*mine, again]:
            sock.close()
        for connection in proxy:
            connection.close()
