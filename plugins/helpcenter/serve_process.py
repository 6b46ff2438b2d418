"""`mkdocs serve` as a child process whose log lines can be awaited, for tests and benchmarks."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path


class ServeProcess:
    """`mkdocs serve -f config_file` on a free loopback port. Its log is read by a thread, so waiting for a
    line gives up after its timeout even when the server prints nothing."""

    def __init__(self, config_file: Path, *args: str, env: dict[str, str] | None = None):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.started = time.perf_counter()
        self.lines: list[str] = []
        environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1", **(env or {}))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}", *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment, cwd=config_file.parent)
        self._output: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._output.put((time.perf_counter(), line))
        self._output.put((time.perf_counter(), None))

    def wait_for(self, text: str, timeout: float) -> float:
        """perf_counter() when a log line containing `text` arrived; RuntimeError with the last lines of the
        log if the server stops or `timeout` seconds pass first."""
        deadline = time.perf_counter() + timeout
        while True:
            try:
                arrived, line = self._output.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                raise RuntimeError(f"mkdocs serve: no '{text}' within {timeout:.0f} s:\n"
                                   + "".join(self.lines[-20:])) from None
            if line is None:
                raise RuntimeError("mkdocs serve stopped:\n" + "".join(self.lines[-20:]))
            self.lines.append(line)
            if text in line:
                return arrived

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
