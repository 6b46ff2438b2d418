"""Run jobs in forked worker processes that share one queue, and collect what each job returns.

Forking (not spawning) lets a worker start from everything the parent already holds: the loaded article
model, the default locale's renders, compiled templates. The parent goes on with its own work while the
workers run. Each worker takes the next job from the queue until none is left, then sends back its jobs'
picklable results, or the first error message; a failure stops the other workers and is raised in the
parent, named after its job.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

# A job's number in the queue pipe: reads of a few bytes from a pipe are atomic, so two workers never
# take the same job.
_JOB = struct.Struct("=I")
# What a worker sends the parent: each job's number as it starts it (so a worker that dies is reported with
# its job's name), then once, its results.
_STARTED, _RESULTS = b"J", b"R"


class WorkerFailed(Exception):
    """A job failed in its worker process; the message names the job and says what went wrong."""

    def __init__(self, name: str, message: str):
        self.name = name
        self.message = message
        super().__init__(f"{name}: {message}")


@dataclass
class _Worker:
    pid: int
    reader: int
    chunks: list[bytes] = field(default_factory=list)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class WorkerPool:
    """pool.run([(name, job), ...]) forks the workers and returns at once; pool.wait() waits for every job
    and returns {name: result} in the order the jobs were given. Jobs are taken in that order too, so put
    the longest first. With `together`, a list of groups of job numbers, a worker takes a group at a time
    and runs its jobs one after another (jobs that share what they load: one loads it, the next reuses it)."""

    def __init__(self, workers: int | None = None):
        self.workers = max(1, workers or default_workers())
        self._workers: list[_Worker] = []
        self._names: list[str] = []
        self._results: dict[str, object] = {}

    @property
    def running(self) -> int:
        return len(self._workers)

    def run(self, jobs: list[tuple[str, Callable[[], object]]], together: list[list[int]] | None = None) -> None:
        if self._workers:
            raise RuntimeError("the pool is still running jobs: wait() for them first")
        groups = together if together is not None else [[number] for number in range(len(jobs))]
        if sorted(number for group in groups for number in group) != list(range(len(jobs))):
            raise ValueError("each job must be in exactly one group")
        self._names = [name for name, _ in jobs]
        queue_reader, queue_writer = os.pipe()
        os.write(queue_writer, b"".join(_JOB.pack(number) for number in range(len(groups))))
        os.close(queue_writer)
        _flush_streams()
        # The workers never collect what the parent holds: collecting would write to every object's
        # header, copying the pages the workers share with the parent.
        gc.freeze()
        for _ in range(min(self.workers, len(groups))):
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: its siblings are the parent's to stop
                self._workers = []
                os.close(reader)
                _work(jobs, groups, queue_reader, writer)
            os.close(writer)
            self._workers.append(_Worker(pid, reader))
        gc.unfreeze()
        os.close(queue_reader)

    def wait(self) -> dict[str, object]:
        while self._workers:
            self._reap()
        results = {name: self._results[name] for name in self._names if name in self._results}
        self._names, self._results = [], {}
        return results

    def stop(self) -> None:
        """End every running worker (after a failure, or when the parent gives up)."""
        for worker in self._workers:
            try:
                os.kill(worker.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for worker in self._workers:
            os.waitpid(worker.pid, 0)
            os.close(worker.reader)
        self._workers = []

    def _reap(self) -> None:
        """Read the workers' pipes until one finishes; raise WorkerFailed if one of its jobs failed."""
        readers = {worker.reader: worker for worker in self._workers}
        ready, _, _ = select.select(list(readers), [], [])
        for fd in ready:
            worker = readers[fd]
            chunk = os.read(fd, 1 << 16)
            if chunk:
                worker.chunks.append(chunk)
                continue
            os.close(fd)
            self._workers.remove(worker)
            _, status = os.waitpid(worker.pid, 0)
            results, failure = _decode(b"".join(worker.chunks), status, self._names)
            self._results.update(results)
            if failure is not None:
                self.stop()
                raise WorkerFailed(*failure)


def _work(jobs: list[tuple[str, Callable[[], object]]], groups: list[list[int]], queue: int, writer: int) -> None:
    """A worker's life: take groups of jobs until the queue is empty (or a job fails), send the results, leave."""
    code = 0
    results: dict[str, object] = {}
    failure = None
    name = "worker"
    try:
        while True:
            record = os.read(queue, _JOB.size)
            if not record:
                break
            for number in groups[_JOB.unpack(record)[0]]:
                os.write(writer, _STARTED + _JOB.pack(number))
                name, job = jobs[number]
                results[name] = job()
    except BaseException as error:  # report everything, including SystemExit from click's Abort
        code = 1
        message = str(error) or type(error).__name__
        if not isinstance(error, Exception) or type(error).__module__.startswith(("builtins", "jinja2")):
            message = "".join(traceback.format_exception_only(type(error), error)).strip()
        failure = (name, message)
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(_RESULTS + pickle.dumps((results, failure)))
        _flush_streams()
    finally:
        # Leave without the parent's cleanup (atexit handlers, temporary folders, open files).
        os._exit(code)


def _decode(data: bytes, status: int, names: list[str]) -> tuple[dict[str, object], tuple[str, str] | None]:
    """A finished worker's (results, failure) from all it sent."""
    name = "worker"
    step = len(_STARTED) + _JOB.size
    while data.startswith(_STARTED):
        name = names[_JOB.unpack(data[len(_STARTED):step])[0]]
        data = data[step:]
    if data.startswith(_RESULTS):
        try:
            return pickle.loads(data[len(_RESULTS):])
        except Exception:  # noqa: BLE001 - a truncated payload is reported below
            pass
    if os.WIFSIGNALED(status):
        return {}, (name, f"worker process was killed by signal {os.WTERMSIG(status)}")
    return {}, (name, f"worker process exited with status {os.waitstatus_to_exitcode(status)} without a result")


def _flush_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
