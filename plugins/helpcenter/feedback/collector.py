"""The vote collector: a small ASGI app (Starlette) that checks posted votes and stores them.

Votes are written by one thread in batches (group commit): every request waits until the transaction
holding its vote is committed, then gets 201 and the vote's id. Many concurrent posts share one disk
sync, so throughput stays high while no acknowledged vote can be lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import queue
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .site_app import create_site_app
from .store import VoteStore, open_store, utc_now
from .votes import MAX_BODY_BYTES, SiteCatalogue, Vote, VoteError, parse_vote

API_HEADERS = {"Cache-Control": "no-store"}


class BatchWriter:
    """Writes votes from one thread, a batch per transaction; `await add(...)` returns once committed."""

    def __init__(self, store: VoteStore, max_batch: int = 512):
        self.store = store
        self.max_batch = max_batch
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="vote-writer", daemon=True)
        self._thread.start()

    async def add(self, vote: Vote, client: str | None) -> int:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self._queue.put(((vote, client, utc_now()), done, loop))
        # shield: a client that disconnects does not cancel a vote already on its way to the disk.
        return await asyncio.shield(done)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch, stop = [first], False
            while len(batch) < self.max_batch:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stop = True
                    break
                batch.append(item)
            try:
                ids = self.store.add_many([entry for entry, _, _ in batch])
                outcomes = [(done, loop, vote_id, None) for (_, done, loop), vote_id in zip(batch, ids)]
            except Exception as error:  # the requests answer 503; nothing was committed
                outcomes = [(done, loop, None, error) for _, done, loop in batch]
            by_loop: dict = {}
            for done, loop, vote_id, error in outcomes:
                by_loop.setdefault(loop, []).append((done, vote_id, error))
            for loop, results in by_loop.items():
                with contextlib.suppress(RuntimeError):  # the loop has closed: nobody waits any more
                    loop.call_soon_threadsafe(_resolve, results)
            if stop:
                return


def _resolve(results) -> None:
    for done, vote_id, error in results:
        if done.done():
            continue
        if error is None:
            done.set_result(vote_id)
        else:
            done.set_exception(error)


class ClientHasher:
    """A salted hash of the client's address. The salt is random, kept only in memory and replaced every
    UTC day, so stored hashes link repeat votes of one day but can never be turned back into addresses."""

    def __init__(self):
        self._day = None
        self._salt = b""

    def __call__(self, address: str | None) -> str | None:
        if not address:
            return None
        day = time.gmtime()[:3]
        if day != self._day:
            self._day, self._salt = day, secrets.token_bytes(16)
        return hashlib.sha256(self._salt + address.encode()).hexdigest()[:16]


class RateLimiter:
    """At most `per_minute` posts per client in any minute (a token bucket refilled continuously)."""

    def __init__(self, per_minute: int, clock=time.monotonic):
        self.per_minute = per_minute
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, client: str) -> tuple[bool, int]:
        """(allowed, seconds until the next post is allowed)."""
        if self.per_minute <= 0:
            return True, 0
        now = self.clock()
        rate = self.per_minute / 60.0
        tokens, last = self._buckets.get(client, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - last) * rate)
        if len(self._buckets) > 100_000:  # forget clients whose buckets are full again
            self._buckets = {k: v for k, v in self._buckets.items() if v[0] + (now - v[1]) * rate < self.per_minute}
        if tokens < 1.0:
            self._buckets[client] = (tokens, now)
            return False, max(1, int((1.0 - tokens) / rate + 0.999))
        self._buckets[client] = (tokens - 1.0, now)
        return True, 0


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
    rate_limit: int = 0
    serve_site: bool = False


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


def create_app(settings: CollectorSettings) -> Starlette:
    catalogue = CatalogueSource(settings.site)
    hasher = ClientHasher()
    limiter = RateLimiter(settings.rate_limit)
    state: dict = {}

    @contextlib.asynccontextmanager
    async def lifespan(app):
        store = open_store(settings.db)
        state["writer"] = BatchWriter(store)
        try:
            yield
        finally:
            state.pop("writer").close()
            store.close()

    async def post_feedback(request: Request) -> JSONResponse:
        client = hasher(request.client.host if request.client else None)
        allowed, wait = limiter.allow(client or "")
        if not allowed:
            return JSONResponse({"error": "too many votes from this client; try again later", "retry_after": wait},
                                status_code=429, headers={**API_HEADERS, "Retry-After": str(wait)})
        try:
            media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media_type != "application/json":
                raise VoteError("send the vote as JSON with 'Content-Type: application/json'", status=415)
            body = await _read_body(request)
            try:
                data = json.loads(body)
            except (ValueError, UnicodeDecodeError):
                raise VoteError("the body is not valid JSON", status=400) from None
            vote = parse_vote(data, catalogue.get())
        except VoteError as error:
            return JSONResponse(error.as_json(), status_code=error.status, headers=API_HEADERS)
        try:
            vote_id = await state["writer"].add(vote, client)
        except Exception:
            return _error(503, "the vote could not be stored; try again")
        return JSONResponse({"id": vote_id}, status_code=201, headers=API_HEADERS)

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"}, headers=API_HEADERS)

    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse({"error": error.detail}, status_code=error.status_code,
                            headers={**API_HEADERS, **(error.headers or {})})

    routes = [
        Route("/api/feedback", post_feedback, methods=["POST"]),
        Route("/api/health", health, methods=["GET"]),
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
    import uvicorn

    app = create_app(settings)
    # No access log: it would write every reader's raw IP address to disk.
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False, server_header=False,
                proxy_headers=True, forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
