"""Run jobs in forked worker processes, a bounded number at once, and collect what each returns.

Forking (not spawning) lets a worker start from everything the parent already holds: the loaded article
model, the default locale's renders, compiled templates. A worker sends back a picklable result, or its
error message; the first failure stops the others and is raised in the parent with the job's name.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass


class WorkerFailed(Exception):
    """A job failed in its worker process; the message names the job and says what went wrong."""

    def __init__(self, name: str, message: str):
        self.name = name
        self.message = message
        super().__init__(f"{name}: {message}")


@dataclass
class _Running:
    name: str
    pid: int
    reader: int
    chunks: list[bytes]


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class WorkerPool:
    """pool.start(name, job) forks a worker for job() (waiting for a free slot first); pool.wait() waits for
    all and returns {name: result}. The results come back in the order the jobs were started."""

    def __init__(self, workers: int | None = None):
        self.workers = max(1, workers or default_workers())
        self._running: list[_Running] = []
        self._order: list[str] = []
        self._results: dict[str, object] = {}

    @property
    def busy(self) -> int:
        return len(self._running)

    def start(self, name: str, job: Callable[[], object]) -> None:
        while len(self._running) >= self.workers:
            self._reap(block=True)
        reader, writer = os.pipe()
        _flush_streams()
        pid = os.fork()
        if pid == 0:  # the worker
            os.close(reader)
            _run_in_worker(job, writer)
        os.close(writer)
        self._order.append(name)
        self._running.append(_Running(name, pid, reader, []))

    def wait(self) -> dict[str, object]:
        while self._running:
            self._reap(block=True)
        results = {name: self._results[name] for name in self._order if name in self._results}
        self._order, self._results = [], {}
        return results

    def stop(self) -> None:
        """End every running worker (after a failure, or when the parent gives up)."""
        for running in self._running:
            try:
                os.kill(running.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for running in self._running:
            os.waitpid(running.pid, 0)
            os.close(running.reader)
        self._running = []

    def _reap(self, block: bool) -> None:
        """Read the workers' pipes until one finishes; raise WorkerFailed if it failed."""
        readers = {r.reader: r for r in self._running}
        ready, _, _ = select.select(list(readers), [], [], None if block else 0)
        for fd in ready:
            running = readers[fd]
            chunk = os.read(fd, 1 << 16)
            if chunk:
                running.chunks.append(chunk)
                continue
            os.close(fd)
            self._running.remove(running)
            _, status = os.waitpid(running.pid, 0)
            ok, value = _decode(b"".join(running.chunks), status)
            if not ok:
                self.stop()
                raise WorkerFailed(running.name, value)
            self._results[running.name] = value


def _run_in_worker(job: Callable[[], object], writer: int) -> None:
    code = 0
    try:
        payload = pickle.dumps((True, job()))
    except BaseException as error:  # report everything, including SystemExit from click's Abort
        code = 1
        message = str(error) or type(error).__name__
        if not isinstance(error, Exception) or type(error).__module__.startswith(("builtins", "jinja2")):
            message = "".join(traceback.format_exception_only(type(error), error)).strip()
        payload = pickle.dumps((False, message))
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(payload)
        _flush_streams()
    finally:
        # Leave without the parent's cleanup (atexit handlers, temporary folders, open files).
        os._exit(code)


def _decode(data: bytes, status: int) -> tuple[bool, object]:
    if data:
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a truncated payload is reported below
            pass
    if os.WIFSIGNALED(status):
        return False, f"worker process was killed by signal {os.WTERMSIG(status)}"
    return False, f"worker process exited with status {os.waitstatus_to_exitcode(status)} without a result"


def _flush_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
