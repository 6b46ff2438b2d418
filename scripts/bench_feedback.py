#!/usr/bin/env python3
"""Sustained votes/second and latency of `helpcenter feedback serve` on loopback.

Starts the real collector (a separate process, SQLite with synchronous=FULL) on a free 127.0.0.1 port,
sends POST /api/feedback over keep-alive connections from one asyncio client for a bounded number of
requests and time, then checks that every acknowledged vote is in the database.

    .venv/bin/python scripts/bench_feedback.py [--requests 20000] [--seconds 30] [--connections 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from helpcenter.feedback.process import CollectorProcess
from helpcenter.feedback.store import read_records

HOST = "127.0.0.1"  # loopback only


def request_bytes(n: int) -> bytes:
    body = json.dumps({"article": 1000 + n % 50, "locale": ("en", "zh", "ja", "es")[n % 4], "helpful": n % 3 != 0,
                       **({"reason": "unclear", "comment": f"bench {n}"} if n % 3 == 0 else {}),
                       "revision": "0123456789ab"}).encode()
    return (b"POST /api/feedback HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return status, await reader.readexactly(length)


async def client(port: int, counter: list, total: int, deadline: float, latencies: list, acked: list, errors: list):
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while time.monotonic() < deadline:
            n = counter[0]
            if n >= total:
                return
            counter[0] += 1
            start = time.perf_counter()
            writer.write(request_bytes(n))
            status, body = await read_response(reader)
            latencies.append(time.perf_counter() - start)
            if status == 201:
                acked.append(json.loads(body)["id"])
            else:
                errors.append(status)
    finally:
        writer.close()


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to tell the server's cost from the machine's load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def run(port: int, total: int, seconds: float, connections: int):
    counter, latencies, acked, errors = [0], [], [], []
    start = time.monotonic()
    await asyncio.gather(*(client(port, counter, total, start + seconds, latencies, acked, errors)
                           for _ in range(connections)))
    return time.monotonic() - start, latencies, acked, errors


def run_client(coroutine):
    """The client shares the 2 cores with the server: uvloop (pinned for uvicorn) keeps its own cost low."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000, help="at most this many votes (default 20000)")
    parser.add_argument("--seconds", type=float, default=30.0, help="at most this long (default 30)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent keep-alive connections (default 32)")
    parser.add_argument("--warmup", type=int, default=500, help="votes sent first and not measured (default 500)")
    args = parser.parse_args()

    load_before = f"{os.getloadavg()[0]:.2f}"  # the cores are shared: say how busy they were
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        with CollectorProcess(db) as server:
            run_client(run(server.port, args.warmup, args.seconds, min(args.connections, args.warmup or 1)))
            cpu_before = process_cpu_seconds(server.process.pid)
            elapsed, latencies, acked, errors = run_client(run(server.port, args.requests, args.seconds, args.connections))
            server_cpu = process_cpu_seconds(server.process.pid) - cpu_before
        stored = {r["id"] for r in read_records(db)}
    lost = [i for i in acked if i not in stored]
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    print(f"collector: uvicorn + Starlette, SQLite WAL synchronous=FULL, group commit; client: {args.connections} "
          f"keep-alive connections on {HOST}; machine load average before/after: {load_before} / {os.getloadavg()[0]:.2f}")
    print(f"votes acknowledged: {len(acked)} in {elapsed:.2f} s")
    print(f"sustained votes/s:  {len(acked) / elapsed:.0f}")
    print(f"latency ms:         p50 {p(0.50):.2f}  p90 {p(0.90):.2f}  p99 {p(0.99):.2f}  max {latencies[-1] * 1000:.2f}"
          f"  mean {statistics.fmean(latencies) * 1000:.2f}")
    print(f"server CPU:         {server_cpu:.2f} s = {server_cpu / max(1, len(acked)) * 1e6:.0f} µs per vote "
          f"(≈{len(acked) / server_cpu if server_cpu else 0:.0f} votes/s per fully used core)")
    print(f"errors:             {len(errors)} {sorted(set(errors)) if errors else ''}")
    print(f"lost (acknowledged but not stored): {len(lost)}")
    return 1 if lost or errors else 0


if __name__ == "__main__":
    sys.exit(main())
