"""A throw-away PostgreSQL server for the feedback tests: `initdb` in a temporary folder, started with `pg_ctl`
on a free loopback port, as an unprivileged user (PostgreSQL refuses to run as root), stopped at exit.

The server is Debian's `postgresql` package (`make test` installs it, scripts/ensure_postgres.sh). Its absence
is a failure, never a skip: the store would otherwise go untested. Each test gets a schema of its own in one
database (fast), selected through the URL's search_path.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

from helpcenter.feedback.process import free_port

TEST_USER = "nobody"  # runs the server when the tests run as root


def find_bindir() -> Path:
    for candidate in [os.environ.get("HELPCENTER_PG_BINDIR", ""),
                      *sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)]:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise RuntimeError("PostgreSQL is not installed: the feedback store tests need a real server. Fix: run "
                       "`make test` (it installs Debian's postgresql package) or `sh scripts/ensure_postgres.sh`.")


class PostgresCluster:
    def __init__(self):
        self.bindir = find_bindir()
        self.folder = Path(tempfile.mkdtemp(prefix="helpcenter-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, TEST_USER)
            os.chmod(self.folder, 0o700)
        self._run("initdb", "-D", str(self.data), "-U", "helpcenter", "--auth=trust", "-E", "UTF8", "--no-locale")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=200",
                  "start")
        self.url = f"postgresql://helpcenter@127.0.0.1:{self.port}/postgres"
        atexit.register(self.stop)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.as_root:
            command = ["runuser", "-u", TEST_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            log = (self.folder / "server.log")
            raise RuntimeError(f"{program} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}\n"
                               f"{log.read_text() if log.exists() else ''}")

    def new_schema(self) -> str:
        """A URL whose tables live in a new, empty schema."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {name}")
        return f"{self.url}?options=-csearch_path%3D{name}"

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*(["runuser", "-u", TEST_USER, "--"] if self.as_root else []),
                            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                           capture_output=True)
            shutil.rmtree(self.folder, ignore_errors=True)


_cluster: PostgresCluster | None = None


def cluster() -> PostgresCluster:
    """The test run's one server, started on first use."""
    global _cluster
    if _cluster is None:
        _cluster = PostgresCluster()
    return _cluster
