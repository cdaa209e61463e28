"""A real OneStory server process on a free loopback port, for the benchmark to talk to."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

LOOPBACK = "127.0.0.1"
START_SECONDS = 60


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The URL of the database this process uses (the test database, under the tests)."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user = quote(db.get("USER") or "")
    password = quote(db.get("PASSWORD") or "")
    login = f"{user}:{password}@" if password else f"{user}@" if user else ""
    return f"postgres://{login}{db.get('HOST') or ''}:{db.get('PORT') or 5432}/{db['NAME']}"


KEEP_ALIVE_SECONDS = 30
UNLIMITED = ("ONESTORY_THROTTLE_API_ADDRESS", "ONESTORY_THROTTLE_API_TOKEN")


class Server:
    """``with Server(kind="gunicorn", workers=2, threads=8) as server:`` ... ``server.port``.

    The server runs with this process's environment, so it uses the same database unless
    ``database`` names another. It is stopped (and killed if it will not stop) when the
    block ends.
    """

    def __init__(
        self,
        *,
        kind: str = "gunicorn",
        workers: int = 2,
        threads: int = 8,
        database: str | None = None,
    ) -> None:
        self.kind, self.workers, self.threads = kind, workers, threads
        self.database = database
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.log = Path(tempfile.mkstemp(prefix="onestory-bench-server-", suffix=".log")[1])

    def command(self) -> list[str]:
        address = f"{LOOPBACK}:{self.port}"
        if self.kind == "runserver":
            return [sys.executable, "-m", "onestory.cli", "runserver", "--noreload", address]
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "onestory.wsgi:application",
            "--bind",
            address,
            "--workers",
            str(self.workers),
            "--threads",
            str(self.threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
            "--timeout",
            "120",
            # Clients pausing between pages keep their connection, as browsers do.
            "--keep-alive",
            str(KEEP_ALIVE_SECONDS),
        ]

    def __enter__(self) -> Server:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "onestory.settings",
            "DATABASE_URL": self.database or database_url(),
        }
        # The benchmark's clients and partners send far more than one real client would;
        # the limits are still counted on every request, so their cost is measured.
        for name in UNLIMITED:
            env.setdefault(name, "1000000/minute")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own server, fixed arguments)
                self.command(), env=env, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_until_serving()
        return self

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The server stopped while starting:\n{self.tail()}")
            connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=5)
            try:
                connection.request("GET", "/")
                if connection.getresponse().status < 500:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"The server did not start in {START_SECONDS} s:\n{self.tail()}")

    def tail(self, lines: int = 20) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.unlink(missing_ok=True)
