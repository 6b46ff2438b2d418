"""Run `helpcenter feedback serve` as a separate process on a free loopback port and wait until it answers.

Used by the crash and browser tests and by scripts/bench_feedback.py, which need the real server, not an
in-process app."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class CollectorProcess:
    """`with CollectorProcess(db, "--site", dir) as server: server.url` — stopped (or killed) on exit."""

    def __init__(self, db, *args: str, host: str = "127.0.0.1", timeout: float = 30.0):
        self.db = str(db)
        self.args = [str(a) for a in args]
        self.host = host
        self.timeout = timeout
        self.port = None
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "CollectorProcess":
        self.port = free_port(self.host)
        command = [sys.executable, "-m", "helpcenter.cli", "feedback", "serve", "--db", self.db,
                   "--host", self.host, "--port", str(self.port), "--log-level", "warning", *self.args]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the collector exited with {self.process.returncode}:\n{self.process.stdout.read()}")
            try:
                with urllib.request.urlopen(self.url + "/api/health", timeout=1) as response:
                    if json.load(response).get("status") == "ok":
                        return self
            except OSError:
                time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"the collector did not answer on {self.url} within {self.timeout} s")

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to flush or close anything."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> "CollectorProcess":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
