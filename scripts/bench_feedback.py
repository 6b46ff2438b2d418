#!/usr/bin/env python3
"""Votes/second, latency and durability of `helpcenter feedback serve` on loopback, on both stores, and its
health under a flood of distinct clients.

Three parts, each bounded in requests and time (the machine is shared):

1. SQLite, one collector process: sustained votes/s and latency with keep-alive clients; then a burst during
   which the process is killed (SIGKILL), and every acknowledged vote is looked up in the store.
2. PostgreSQL, two collector processes on one database (a throw-away server, or --postgres URL): the same,
   the clients split between the processes, one process killed mid-burst.
3. Flood: --flood-clients distinct clients (distinct X-Forwarded-For from a trusted loopback proxy) post one
   vote each, while one honest reader posts steadily and a monitor calls GET /api/health.

    .venv/bin/python scripts/bench_feedback.py [--parts sqlite,postgres,flood] [--requests 20000] [--seconds 15]
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
ROOT = Path(__file__).resolve().parents[1]


def request_bytes(n: int, forwarded_for: str | None = None) -> bytes:
    body = json.dumps({"article": 1000 + n % 50, "locale": ("en", "zh", "ja", "es")[n % 4], "helpful": n % 3 != 0,
                       **({"reason": "unclear", "comment": f"bench {n}"} if n % 3 == 0 else {}),
                       "revision": "0123456789ab", "tab": f"bench-tab-{n % 997:04d}"}).encode()
    extra = b"X-Forwarded-For: " + forwarded_for.encode() + b"\r\n" if forwarded_for else b""
    return (b"POST /api/feedback HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n" + extra +
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


HEALTH = b"GET /api/health HTTP/1.1\r\nHost: bench\r\n\r\n"


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
    return status, await reader.readexactly(length)


class Tally:
    def __init__(self):
        self.next = 0
        self.latencies: list[float] = []
        self.acked: list[int] = []
        self.errors: list[int] = []
        self.broken = 0  # connections the server closed (killed)


async def client(port: int, tally: Tally, total: int, deadline: float, forwarded=None):
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
    except OSError:
        tally.broken += 1
        return
    try:
        while time.monotonic() < deadline:
            n = tally.next
            if n >= total:
                return
            tally.next += 1
            start = time.perf_counter()
            try:
                writer.write(request_bytes(n, forwarded(n) if forwarded else None))
                status, body = await read_response(reader)
            except (OSError, asyncio.IncompleteReadError):
                tally.broken += 1
                return  # the server died: this vote was never acknowledged
            tally.latencies.append(time.perf_counter() - start)
            if status == 201:
                tally.acked.append(json.loads(body)["id"])
            else:
                tally.errors.append(status)
    finally:
        writer.close()


async def load(ports: list[int], total: int, seconds: float, connections: int, forwarded=None) -> tuple[float, Tally]:
    tally = Tally()
    start = time.monotonic()
    await asyncio.gather(*(client(ports[i % len(ports)], tally, total, start + seconds, forwarded)
                           for i in range(connections)))
    return time.monotonic() - start, tally


async def burst_and_kill(servers: list[CollectorProcess], connections: int, kill_after: int) -> Tally:
    """Clients post until the first server is killed (after `kill_after` acknowledgements) and a little beyond."""
    tally = Tally()
    ports = [server.port for server in servers]
    deadline = time.monotonic() + 30

    async def killer():
        while len(tally.acked) < kill_after and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        servers[0].kill()
        await asyncio.sleep(0.5)  # the survivors (if any) go on acknowledging
        tally.next = 10**9  # stop

    await asyncio.gather(killer(), *(client(ports[i % len(ports)], tally, 10**8, deadline) for i in range(connections)))
    return tally


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to tell the server's cost from the machine's load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_client(coroutine):
    """The client shares the 2 cores with the server: uvloop (pinned for uvicorn) keeps its own cost low."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def throughput_and_kill(name: str, db: str, processes: int, args) -> dict:
    servers = [CollectorProcess(db, "--rate-limit", "0").start() for _ in range(processes)]
    try:
        ports = [server.port for server in servers]
        run_client(load(ports, args.warmup, args.seconds, min(args.connections, args.warmup or 1)))
        cpu_before = sum(process_cpu_seconds(s.process.pid) for s in servers)
        elapsed, tally = run_client(load(ports, args.requests, args.seconds, args.connections))
        cpu = sum(process_cpu_seconds(s.process.pid) for s in servers) - cpu_before
        burst = run_client(burst_and_kill(servers, args.connections, kill_after=args.kill_after))
    finally:
        for server in servers:
            server.kill()
    stored = {r["id"] for r in read_records(db)}
    acked = tally.acked + burst.acked
    lost = [i for i in acked if i not in stored]
    return {"store": name, "processes": processes, "acked": len(tally.acked), "seconds": elapsed,
            "votes_per_s": len(tally.acked) / elapsed, "p50": percentile(tally.latencies, 0.5),
            "p99": percentile(tally.latencies, 0.99), "max": max(tally.latencies) * 1000,
            "mean": statistics.fmean(tally.latencies) * 1000, "errors": len(tally.errors),
            "cpu_us_per_vote": cpu / max(1, len(tally.acked)) * 1e6,
            "burst_acked": len(burst.acked), "lost": len(lost)}


async def flood(port: int, clients: int, connections: int, seconds: float):
    """`clients` distinct addresses post once each; an honest reader posts every 20 ms; health every 100 ms."""
    stop = asyncio.Event()
    health_ms, health_status, honest = [], [], Tally()

    async def monitor():
        reader, writer = await asyncio.open_connection(HOST, port)
        while not stop.is_set():
            start = time.perf_counter()
            writer.write(HEALTH)
            status, _ = await read_response(reader)
            health_ms.append((time.perf_counter() - start))
            health_status.append(status)
            await asyncio.sleep(0.1)
        writer.close()

    async def honest_reader():
        reader, writer = await asyncio.open_connection(HOST, port)
        n = 0
        while not stop.is_set():
            start = time.perf_counter()
            writer.write(request_bytes(n, "192.0.2.1"))  # one address, well under the rate limit's pace
            status, body = await read_response(reader)
            honest.latencies.append(time.perf_counter() - start)
            (honest.acked.append(1) if status == 201 else honest.errors.append(status))
            n += 1
            await asyncio.sleep(2.5)  # 24 a minute: under the default limit of 30
        writer.close()

    def address(n: int) -> str:
        return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"

    # Health without the flood first: on a shared machine its tail is the machine's, not the collector's.
    baseline = []
    reader, writer = await asyncio.open_connection(HOST, port)
    for _ in range(50):
        start = time.perf_counter()
        writer.write(HEALTH)
        await read_response(reader)
        baseline.append(time.perf_counter() - start)
        await asyncio.sleep(0.05)
    writer.close()
    tasks = [asyncio.ensure_future(monitor()), asyncio.ensure_future(honest_reader())]
    elapsed, tally = await load([port], clients, seconds, connections, forwarded=address)
    stop.set()
    await asyncio.gather(*tasks)
    return elapsed, tally, health_ms, health_status, honest, baseline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="sqlite,postgres,flood", help="which parts to run (default all three)")
    parser.add_argument("--requests", type=int, default=20000, help="at most this many votes per throughput part")
    parser.add_argument("--seconds", type=float, default=15.0, help="at most this long per part (default 15)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent keep-alive clients (default 16)")
    parser.add_argument("--warmup", type=int, default=500, help="votes sent first and not measured (default 500)")
    parser.add_argument("--kill-after", type=int, default=1000, help="acknowledged votes of the burst before kill -9")
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to use (default: a throw-away server)")
    parser.add_argument("--flood-clients", type=int, default=100_000, help="distinct clients of the flood")
    parser.add_argument("--flood-seconds", type=float, default=90.0, help="at most this long for the flood")
    args = parser.parse_args()
    parts = set(args.parts.split(","))

    print(f"machine load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores, shared)")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        if "sqlite" in parts:
            results.append(throughput_and_kill("SQLite", str(Path(tmp) / "bench.sqlite3"), 1, args))
        if "postgres" in parts:
            url = args.postgres
            if url is None:
                sys.path.insert(0, str(ROOT / "tests" / "feedback"))
                from postgres_cluster import cluster
                url = cluster().new_schema()
            results.append(throughput_and_kill("PostgreSQL", url, 2, args))
        if results:
            print(f"\n{args.connections} keep-alive clients on {HOST}; latency in ms; then a burst with kill -9 of "
                  "one process\n")
            print("| store | processes | votes acked | votes/s | p50 | p99 | max | µs CPU/vote | errors | "
                  "burst acked | lost after kill -9 |")
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
            for r in results:
                print(f"| {r['store']} | {r['processes']} | {r['acked']} | {r['votes_per_s']:.0f} | {r['p50']:.1f} | "
                      f"{r['p99']:.1f} | {r['max']:.1f} | {r['cpu_us_per_vote']:.0f} | {r['errors']} | "
                      f"{r['burst_acked']} | {r['lost']} |")
        failed = any(r["lost"] or r["errors"] for r in results)
        if "flood" in parts:
            db = str(Path(tmp) / "flood.sqlite3")
            with CollectorProcess(db) as server:  # the default settings: rate limit on
                elapsed, tally, health_ms, health_status, honest, baseline = run_client(
                    flood(server.port, args.flood_clients, 64, args.flood_seconds))
            print(f"\nflood: {tally.next} distinct clients in {elapsed:.1f} s over 64 connections "
                  f"({len(tally.acked) / elapsed:.0f} votes/s acknowledged, {len(tally.errors)} refused "
                  f"{sorted(set(tally.errors)) if tally.errors else ''})")
            print(f"health before the flood: ms p50 {percentile(baseline, 0.5):.1f}  p99 {percentile(baseline, 0.99):.1f}")
            print(f"health during the flood: {len(health_ms)} checks, status {sorted(set(health_status))}, ms p50 "
                  f"{percentile(health_ms, 0.5):.1f}  p99 {percentile(health_ms, 0.99):.1f}  max "
                  f"{max(health_ms) * 1000:.1f}")
            print(f"honest reader: {len(honest.acked)} acknowledged, {len(honest.errors)} refused, ms p50 "
                  f"{percentile(honest.latencies, 0.5):.1f}  max {max(honest.latencies) * 1000:.1f}")
            failed = failed or bool(honest.errors) or set(health_status) != {200}
    print(f"\nmachine load average after: {os.getloadavg()[0]:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
