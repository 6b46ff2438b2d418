"""The vote collector: a small ASGI app (Starlette) that checks posted votes and stores them.

Votes are written by one thread in batches (group commit): every request waits until the transaction
holding its vote is committed, then gets 201 and the vote's id. Many concurrent posts share one disk
sync, so throughput stays high while no acknowledged vote can be lost. A batch that fails is retried vote
by vote, so one vote the store refuses never takes its neighbours down with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ipaddress
import json
import logging
import queue
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .site_app import create_site_app
from .store import VoteStore, open_store, utc_now
from .votes import DEFAULT_RATE_LIMIT, MAX_BODY_BYTES, SiteCatalogue, Vote, VoteError, parse_vote

API_HEADERS = {"Cache-Control": "no-store"}
LOOPBACK = ("127.0.0.1/32", "::1/128")
logger = logging.getLogger("helpcenter.feedback")


class StoreErrorLog:
    """A storage failure is logged once with its cause (and traceback); repeats are only counted, and a
    summary line follows at most once a minute while they go on, plus one line when writes work again."""

    def __init__(self, log: logging.Logger = logger, every: float = 60.0, clock=time.monotonic):
        self.log, self.every, self.clock = log, every, clock
        self._seen: set[tuple[str, str]] = set()
        self._repeats = 0
        self._failing = 0
        self._last_summary = clock()
        self._last_recovery = float("-inf")
        self.last_error: str | None = None

    def failed(self, error: BaseException, votes: int) -> None:
        # One cause, one key: the first line of the message, without the position some drivers add.
        first_line = (str(error).splitlines() or [""])[0]
        key = (type(error).__name__, re.sub(r"\s+at character \d+$", "", first_line))
        self._failing += 1
        self.last_error = f"{key[0]}: {key[1]}"
        if key not in self._seen:
            if len(self._seen) > 1000:  # messages that embed changing values: keep memory bounded
                self._seen.clear()
            self._seen.add(key)
            self.log.error("the vote store could not write %d vote(s): %s", votes, self.last_error, exc_info=error)
            return
        self._repeats += 1
        now = self.clock()
        if now - self._last_summary >= self.every:
            self.log.error("the vote store failed %d more time(s) in the last %.0f s; last: %s",
                           self._repeats, now - self._last_summary, self.last_error)
            self._repeats, self._last_summary = 0, now

    def succeeded(self) -> None:
        """A whole batch was committed."""
        if self._failing and self.clock() - self._last_recovery >= self.every:
            self._last_recovery = self.clock()
            self.log.warning("the vote store writes again, after %d failed transaction(s)", self._failing)
            self._failing = 0


class CollectorMetrics:
    """Counters and a latency histogram in Prometheus' text format (GET /api/metrics). Each app has its own
    registry, so several apps in one process (tests) do not share numbers."""

    def __init__(self):
        from prometheus_client import CollectorRegistry, Counter, Histogram

        self.registry = CollectorRegistry()
        self.accepted = Counter("helpcenter_feedback_votes_accepted", "Votes stored and acknowledged with 201.",
                                registry=self.registry)
        self.rejected = Counter("helpcenter_feedback_votes_rejected", "Posts answered without storing a vote, by reason.",
                                ["reason"], registry=self.registry)
        self.store_errors = Counter("helpcenter_feedback_store_errors", "Store transactions that failed (batches "
                                    "and single votes).", registry=self.registry)
        self.latency = Histogram("helpcenter_feedback_request_seconds", "Time to answer POST /api/feedback.",
                                 buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
                                 registry=self.registry)

    def render(self) -> tuple[bytes, str]:
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


_PROBE = object()


class BatchWriter:
    """Writes votes from one thread, a batch per transaction; `await add(...)` returns once committed.

    If a batch's transaction fails, each of its votes is tried again in a transaction of its own: only the
    votes the store refuses fail. Health probes go through the same thread, between batches."""

    def __init__(self, store: VoteStore, max_batch: int = 512, errors: StoreErrorLog | None = None,
                 metrics: CollectorMetrics | None = None):
        self.store = store
        self.max_batch = max_batch
        self.errors = errors or StoreErrorLog()
        self.metrics = metrics
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="vote-writer", daemon=True)
        self._thread.start()

    async def add(self, vote: Vote, client: str | None) -> int:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self._queue.put(((vote, client, utc_now()), done, loop))
        # shield: a client that disconnects does not cancel a vote already on its way to the disk.
        return await asyncio.shield(done)

    async def probe(self) -> None:
        """Raises the store's error if it cannot commit a write now."""
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self._queue.put((_PROBE, done, loop))
        await asyncio.shield(done)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch, probes, stop = [], [], False
            (probes if first[0] is _PROBE else batch).append(first)
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                (probes if item[0] is _PROBE else batch).append(item)
            outcomes = self._write(batch) if batch else []
            for _, done, loop in probes:
                try:
                    self.store.probe()
                    outcomes.append((done, loop, None, None))
                except Exception as error:
                    outcomes.append((done, loop, None, error))
            by_loop: dict = {}
            for done, loop, vote_id, error in outcomes:
                by_loop.setdefault(loop, []).append((done, vote_id, error))
            for loop, results in by_loop.items():
                with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits any more
                    loop.call_soon_threadsafe(_resolve, results)
            if stop:
                return

    def _write(self, batch: list, alone: bool = False) -> list:
        try:
            ids = self.store.add_many([entry for entry, _, _ in batch])
        except Exception as error:
            self._failed(error, len(batch))
            if alone or len(batch) == 1:
                (_, done, loop), = batch
                return [(done, loop, None, error)]
            # Nothing of the batch was committed: find the faulty votes by writing each on its own.
            return [outcome for item in batch for outcome in self._write([item], alone=True)]
        if not alone:
            self.errors.succeeded()
        return [(done, loop, vote_id, None) for (_, done, loop), vote_id in zip(batch, ids)]

    def _failed(self, error: BaseException, votes: int) -> None:
        if self.metrics is not None:
            self.metrics.store_errors.inc()
        self.errors.failed(error, votes)


def _resolve(results) -> None:
    for done, vote_id, error in results:
        if done.done():
            continue
        if error is None:
            done.set_result(vote_id)
        else:
            done.set_exception(error)


class ClientHasher:
    """A salted hash of the client's address (and of the widget's per-tab reader id, when sent). The salt is
    random, kept only in memory and replaced every UTC day, so stored hashes link repeat votes of one day
    but can never be turned back into addresses."""

    def __init__(self):
        self._day = None
        self._salt = b""

    def __call__(self, address: str | None, tab: str | None = None) -> str | None:
        if not address:
            return None
        day = time.gmtime()[:3]
        if day != self._day:
            self._day, self._salt = day, secrets.token_bytes(16)
        text = address if tab is None else f"{address}\x00{tab}"
        return hashlib.sha256(self._salt + text.encode()).hexdigest()[:16]


class RateLimiter:
    """At most `per_minute` posts per client in any minute (a token bucket refilled continuously).

    O(1) per request and bounded memory: buckets are kept least recently used first; each call drops at most
    two that have been idle for a minute (full again, the same as no bucket), and the oldest when more than
    `max_clients` are kept (that client then starts again with a full bucket)."""

    def __init__(self, per_minute: int, clock=time.monotonic, max_clients: int = 100_000):
        self.per_minute = per_minute
        self.clock = clock
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def allow(self, client: str) -> tuple[bool, int]:
        """(allowed, seconds until the next post is allowed)."""
        if self.per_minute <= 0:
            return True, 0
        now = self.clock()
        rate = self.per_minute / 60.0
        bucket = self._buckets.get(client)
        if bucket is None:
            tokens = float(self.per_minute)
        else:
            tokens = min(float(self.per_minute), bucket[0] + (now - bucket[1]) * rate)
        for _ in range(2):
            if not self._buckets:
                break
            oldest, (_, last) = next(iter(self._buckets.items()))
            if now - last < 60.0 and len(self._buckets) <= self.max_clients:
                break
            del self._buckets[oldest]
        allowed = tokens >= 1.0
        self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
        self._buckets.move_to_end(client)
        if allowed:
            return True, 0
        return False, max(1, int((1.0 - tokens) / rate + 0.999))


class ClientAddress:
    """The reader's address: the connection's peer, or, when the peer is a trusted proxy, the nearest address
    in X-Forwarded-For that is not one (a client can prepend anything, so the list is read from the right)."""

    def __init__(self, trusted_proxies=LOOPBACK):
        self.networks = [ipaddress.ip_network(cidr, strict=False) for cidr in trusted_proxies]
        self._cache: dict[str, bool] = {}

    def trusted(self, host: str) -> bool:
        known = self._cache.get(host)
        if known is None:
            try:
                address = ipaddress.ip_address(host)
                known = any(address in network for network in self.networks)
            except ValueError:
                known = False
            if len(self._cache) > 1024:  # peers are proxies or readers: keep only a few
                self._cache.clear()
            self._cache[host] = known
        return known

    def __call__(self, peer: str | None, forwarded_for: str | None) -> str | None:
        if not peer or not forwarded_for or not self.trusted(peer):
            return peer
        hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
        for hop in reversed(hops):
            if not self.trusted(hop):
                return hop
        return hops[0] if hops else peer


def parse_trusted_proxy(text: str) -> str:
    """`--trusted-proxy` values: an address or a network in CIDR notation."""
    try:
        return str(ipaddress.ip_network(text.strip(), strict=False))
    except ValueError:
        raise ValueError(f"--trusted-proxy {text!r} is not an address or a network such as 10.0.0.0/8 or "
                         "fd00::/8") from None


class HealthProbe:
    """GET /api/health: the store must commit a tiny write. The answer never waits for the disk: it is the last
    probe's result, while a new probe (at most one a second) runs in the background; a probe still unfinished
    after `timeout` seconds is itself the answer (a locked or stalled store). Only the very first check waits.
    So a flood of votes or of health checks neither slows the answer nor loads the store."""

    def __init__(self, writer_of, timeout: float = 2.0, every: float = 1.0, clock=time.monotonic):
        self.writer_of = writer_of
        self.timeout = timeout
        self.every = every
        self.clock = clock
        self._reason: str | None = None
        self._finished: float | None = None  # when the last probe finished
        self._started = 0.0
        self._running: asyncio.Future | None = None

    async def check(self) -> str | None:
        """None when the store can write, else the reason it cannot."""
        now = self.clock()
        idle = self._running is None or self._running.done()
        if idle and (self._finished is None or now - self._finished >= self.every):
            self._started = now
            self._running = asyncio.ensure_future(self._probe())
            idle = False
        if self._finished is None:
            return await asyncio.shield(self._running)
        if not idle and now - self._started > self.timeout:
            return self._stalled()
        return self._reason

    def _stalled(self) -> str:
        return f"the store did not commit a test write within {self.timeout:g} s (locked, stalled or overloaded)"

    async def _probe(self) -> str | None:
        try:
            await asyncio.wait_for(self.writer_of().probe(), self.timeout)
            reason = None
        except asyncio.TimeoutError:
            reason = self._stalled()
        except Exception as error:
            reason = f"the store cannot write: {type(error).__name__}: {error}"
        self._reason, self._finished = reason, self.clock()
        return reason


class CatalogueSource:
    """The built site's catalogue, re-read when a new build replaces articles.json."""

    def __init__(self, site_dir: str | Path | None):
        self.site_dir = Path(site_dir) if site_dir else None
        self._stamp = None
        self._checked = 0.0
        self.current: SiteCatalogue | None = None
        if self.site_dir is not None:
            self.current = SiteCatalogue.from_site(self.site_dir)
            self._stamp = self._read_stamp()

    def _read_stamp(self):
        return tuple(_mtime(self.site_dir / name) for name in ("articles.json", "feedback.json"))

    def get(self) -> SiteCatalogue | None:
        if self.site_dir is None:
            return None
        now = time.monotonic()
        if now - self._checked >= 1.0:
            self._checked = now
            stamp = self._read_stamp()
            if stamp != self._stamp:
                with contextlib.suppress(ValueError):  # a build in progress: keep the last good catalogue
                    self.current = SiteCatalogue.from_site(self.site_dir)
                    self._stamp = stamp
        return self.current


def _mtime(path: Path):
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


@dataclass
class CollectorSettings:
    db: str
    site: str | None = None
    allow_origins: list[str] = field(default_factory=list)
    rate_limit: int = DEFAULT_RATE_LIMIT
    serve_site: bool = False
    trusted_proxies: list[str] = field(default_factory=list)
    body_timeout: float = 10.0  # the whole body within this, however slowly it trickles in
    header_timeout: float = 10.0
    keep_alive_timeout: float = 5.0
    max_connections: int = 1000
    max_connections_per_client: int = 50  # per peer address, trusted proxies excepted


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=API_HEADERS)


async def _read_body(request: Request) -> bytes:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise VoteError(f"the body is larger than {MAX_BODY_BYTES} bytes", status=413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise VoteError(f"the body is larger than {MAX_BODY_BYTES} bytes", status=413)
        chunks.append(chunk)
    return b"".join(chunks)


def _rejected(metrics: CollectorMetrics, reason: str, response: Response) -> Response:
    metrics.rejected.labels(reason).inc()
    return response


_REJECT_REASONS = {400: "bad_json", 408: "body_timeout", 413: "too_large", 415: "not_json", 422: "invalid"}


def create_app(settings: CollectorSettings, store: VoteStore | None = None) -> Starlette:
    """The collector's app. `store` is used (and closed on shutdown) when given, else opened from settings.db."""
    catalogue = CatalogueSource(settings.site)
    hasher = ClientHasher()
    limiter = RateLimiter(settings.rate_limit)
    address_of = ClientAddress([*LOOPBACK, *settings.trusted_proxies])
    metrics = CollectorMetrics()
    state: dict = {}
    health_probe = HealthProbe(lambda: state["writer"])

    @contextlib.asynccontextmanager
    async def lifespan(app):
        opened = store if store is not None else open_store(settings.db)
        state["writer"] = BatchWriter(opened, metrics=metrics)
        try:
            yield
        finally:
            state.pop("writer").close()
            opened.close()

    async def post_feedback(request: Request) -> Response:
        started = time.perf_counter()
        try:
            return await _post_feedback(request)
        finally:
            metrics.latency.observe(time.perf_counter() - started)

    async def _post_feedback(request: Request) -> Response:
        address = address_of(request.client.host if request.client else None,
                             request.headers.get("x-forwarded-for"))
        allowed, wait = limiter.allow(hasher(address) or "")
        if not allowed:
            return _rejected(metrics, "rate_limited", JSONResponse(
                {"error": "too many votes from this client; try again later", "retry_after": wait},
                status_code=429, headers={**API_HEADERS, "Retry-After": str(wait)}))
        try:
            media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media_type != "application/json":
                raise VoteError("send the vote as JSON with 'Content-Type: application/json'", status=415)
            try:
                async with asyncio.timeout(settings.body_timeout):
                    body = await _read_body(request)
            except TimeoutError:
                raise VoteError(f"the body did not arrive within {settings.body_timeout:g} s", status=408) from None
            try:
                data = json.loads(body)
            except RecursionError:
                raise VoteError("the JSON is nested too deeply; a vote is a flat object", status=400) from None
            except (ValueError, UnicodeDecodeError):
                raise VoteError("the body is not valid JSON", status=400) from None
            vote = parse_vote(data, catalogue.get())
        except VoteError as error:
            headers = {**API_HEADERS, "Connection": "close"} if error.status == 408 else API_HEADERS
            return _rejected(metrics, _REJECT_REASONS.get(error.status, "invalid"),
                             JSONResponse(error.as_json(), status_code=error.status, headers=headers))
        except ClientDisconnect:  # the reader left mid-body: nothing to answer, nothing to log
            return _rejected(metrics, "client_gone", Response(status_code=400))
        try:
            vote_id = await state["writer"].add(vote, hasher(address, vote.tab))
        except Exception:  # logged by the writer (StoreErrorLog), with its cause
            return _rejected(metrics, "store_error", _error(503, "the vote could not be stored; try again"))
        metrics.accepted.inc()
        return JSONResponse({"id": vote_id}, status_code=201, headers=API_HEADERS)

    async def health(request: Request) -> JSONResponse:
        reason = await health_probe.check()
        if reason is not None:
            return JSONResponse({"status": "error", "reason": reason}, status_code=503, headers=API_HEADERS)
        return JSONResponse({"status": "ok"}, headers=API_HEADERS)

    async def metrics_page(request: Request) -> Response:
        body, media_type = metrics.render()
        return Response(body, headers={**API_HEADERS, "Content-Type": media_type})

    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse({"error": error.detail}, status_code=error.status_code,
                            headers={**API_HEADERS, **(error.headers or {})})

    routes = [
        Route("/api/feedback", post_feedback, methods=["POST"]),
        Route("/api/health", health, methods=["GET"]),
        Route("/api/metrics", metrics_page, methods=["GET"]),
    ]
    if settings.serve_site:
        if not settings.site:
            raise ValueError("--serve-site needs --site DIR (the built site to serve)")
        routes.append(Mount("/", app=create_site_app(settings.site)))
    middleware = []
    if settings.allow_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=settings.allow_origins,
                                     allow_methods=["POST", "GET"], allow_headers=["Content-Type"], max_age=86400))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={HTTPException: http_error})


def serve(settings: CollectorSettings, host: str = "127.0.0.1", port: int = 8001, log_level: str = "info") -> None:
    """Run the collector with uvicorn. Opening the store first turns a wrong --db into one clear error
    (raised as ValueError) instead of a traceback from the server's start-up."""
    import uvicorn

    from ..adapters.uvicorn_limits import limited_protocol

    store = open_store(settings.db)
    try:
        app = create_app(settings, store=store)
    except BaseException:
        store.close()
        raise
    logging.basicConfig(level=log_level.upper(), format="%(levelname)s:     %(name)s: %(message)s")
    max_connections = _fit_file_limit(settings.max_connections)
    config = uvicorn.Config(
        app, host=host, port=port, log_level=log_level,
        # No access log: it would write every reader's raw IP address to disk.
        access_log=False, server_header=False,
        # Proxies are trusted by ClientAddress (--trusted-proxy), not by uvicorn's own header rewriting.
        proxy_headers=False,
        http=limited_protocol(settings.header_timeout, max_connections, settings.max_connections_per_client,
                              exempt_peer=ClientAddress([*LOOPBACK, *settings.trusted_proxies]).trusted),
        timeout_keep_alive=settings.keep_alive_timeout,
        # The protocol already refuses connections past the cap; uvicorn's own check (>=) would refuse the
        # requests of the connections within it, so it only bounds running requests here.
        limit_concurrency=max_connections + 1,
        h11_max_incomplete_event_size=16 * 1024,
        backlog=min(2048, max_connections),
    )
    uvicorn.Server(config).run()


def _fit_file_limit(max_connections: int, reserve: int = 64) -> int:
    """Each connection is a file descriptor: raise the soft limit to fit the cap (up to the hard limit), or
    lower the cap to fit, so running out of descriptors can't block the process (the store needs some too)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = max_connections + reserve
    if soft != resource.RLIM_INFINITY and soft < wanted:
        new_soft = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (new_soft, hard))
            soft = new_soft
        if soft < wanted:
            logger.warning("--max-connections %d lowered to %d to fit the file limit (ulimit -n %d)",
                           max_connections, max(1, soft - reserve), soft)
            return max(1, soft - reserve)
    return max_connections
