"""A throwaway PostgreSQL cluster on a free loopback port, for tests and benchmarks.

    python tools/pgcluster.py run -- COMMAND ...

starts a cluster in a new temporary folder, runs COMMAND with DATABASE_URL (the runtime role)
and DATABASE_OWNER_URL (the owner role) pointing at it, then stops the cluster and deletes the
folder, whatever COMMAND did.

    eval "$(python tools/pgcluster.py start)"    # ... work with $DATABASE_URL ...
    python tools/pgcluster.py stop

keeps one cluster up between commands (for benchmarks on a large synthetic county); where
it lives is recorded in var/pgcluster.json, and `url` prints the export line again.

Every cluster has the two roles production uses (see README.md, "Database roles"):
``onestory_owner`` owns the database and runs migrations; ``onestory_app`` serves, owns
nothing, is no superuser, may only read and add to the audit log, and reads and writes the
other tables through default privileges, so tables later migrations make are granted too.
The default privileges are set in ``template1`` as well, so a database made from it (the
test database pytest-django creates) has them. ``postgres`` stays the superuser.

From Python, ``start_cluster`` and ``stop_cluster`` make and remove a cluster, and
``stop_server`` and ``start_server`` stop and start its server in between, as a test of a
database restart needs.

The server runs as the ``postgres`` user when this is run as root (initdb refuses root).
The socket folder is kept short because Unix socket paths are limited to about 100 characters.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DATABASE = "onestory"
SUPERUSER = "postgres"
OWNER = "onestory_owner"
RUNTIME = "onestory_app"
STATE_FILE = Path(__file__).resolve().parent.parent / "var" / "pgcluster.json"
START_HINT = "python tools/pgcluster.py start"
STOP_HINT = "python tools/pgcluster.py stop"


def find_bin_dir() -> Path:
    override = os.environ.get("PG_BIN")
    candidates = [override] if override else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    raise SystemExit(
        "PostgreSQL server binaries not found: install PostgreSQL 15 or set PG_BIN to "
        "the folder holding initdb and pg_ctl."
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        # Start in "/": the postgres user may not enter the caller's working folder.
        return ["runuser", "-u", "postgres", "--", "env", "--chdir=/", *command]
    return command


@dataclass
class Cluster:
    """A started cluster: where it lives, how to reach it, and how its server is set up."""

    folder: Path
    port: int
    bin_dir: Path
    shared_buffers: str = "512MB"
    # Off, a commit may be answered before it is written out, so an immediate stop (a crash)
    # can lose the last commits; on, as in production, it loses none.
    synchronous_commit: bool = False

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _url(self, role: str) -> str:
        return f"postgres://{role}@127.0.0.1:{self.port}/{DATABASE}"

    @property
    def url(self) -> str:
        """The runtime role's URL: what the server uses (DATABASE_URL)."""
        return self._url(RUNTIME)

    @property
    def owner_url(self) -> str:
        """The owner role's URL: what migrations use (DATABASE_OWNER_URL)."""
        return self._url(OWNER)

    @property
    def superuser_url(self) -> str:
        """The cluster superuser's URL, for tests that must stand outside the application."""
        return self._url(SUPERUSER)

    def environment(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url, "DATABASE_OWNER_URL": self.owner_url}

    def server_options(self) -> str:
        # fsync is off throughout: a stopped or killed server loses nothing written to the
        # operating system, and these clusters never outlive a machine's crash.
        synchronous = "on" if self.synchronous_commit else "off"
        return (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            f"-c fsync=off -c synchronous_commit={synchronous} -c full_page_writes=off "
            f"-c max_connections=200 -c shared_buffers={self.shared_buffers}"
        )


# Run in template1 and then in the new database, by the superuser.
ROLE_SETUP = f"""
ALTER DEFAULT PRIVILEGES FOR ROLE {OWNER} IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {RUNTIME};
ALTER DEFAULT PRIVILEGES FOR ROLE {OWNER} IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO {RUNTIME};
GRANT USAGE ON SCHEMA public TO {RUNTIME};
"""
ROLES = f"""
CREATE ROLE {OWNER} LOGIN CREATEDB NOSUPERUSER NOCREATEROLE;
CREATE ROLE {RUNTIME} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
"""


def _psql(cluster: Cluster, database: str, script: str) -> None:
    subprocess.run(
        [
            str(cluster.bin_dir / "psql"),
            "-X", "-q", "-v", "ON_ERROR_STOP=1",
            "-h", "127.0.0.1", "-p", str(cluster.port), "-U", SUPERUSER,
            "-d", database, "-c", script,
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def _pg_ctl(cluster: Cluster, *arguments: str, quiet: bool = True, check: bool = True) -> None:
    subprocess.run(
        _as_server_user([str(cluster.bin_dir / "pg_ctl"), "-D", str(cluster.data), *arguments]),
        check=check,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def start_server(cluster: Cluster, *, quiet: bool = True) -> None:
    """Start the cluster's server and wait until it takes connections."""
    _pg_ctl(
        cluster,
        "-l", str(cluster.folder / "log"),
        "-w",
        "-o", cluster.server_options(),
        "start",
        quiet=quiet,
    )  # fmt: skip


def stop_server(cluster: Cluster, *, mode: str = "fast", check: bool = True) -> None:
    """Stop the cluster's server and wait until it has gone; its files stay.

    ``fast`` rolls back open transactions and shuts down cleanly; ``immediate`` ends every
    server process at once, as a crash would, so the next start recovers from the log.
    """
    _pg_ctl(cluster, "-m", mode, "-w", "stop", check=check)


def start_cluster(
    *, quiet: bool = True, shared_buffers: str = "512MB", synchronous_commit: bool = False
) -> Cluster:
    """Make and start a cluster in a new temporary folder; remove it again if that fails."""
    bin_dir = find_bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="ospg", dir="/tmp"))
    if os.geteuid() == 0:
        shutil.chown(folder, user="postgres", group="postgres")
    folder.chmod(0o700)
    cluster = Cluster(folder, free_port(), bin_dir, shared_buffers, synchronous_commit)
    started = False
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "initdb"),
                    "-D", str(cluster.data),
                    "-U", "postgres",
                    "-A", "trust",
                    "-E", "UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL if quiet else None,
        )  # fmt: skip
        start_server(cluster, quiet=quiet)
        started = True
        _psql(cluster, "postgres", ROLES)
        _psql(cluster, "template1", ROLE_SETUP)
        _psql(cluster, "postgres", f"CREATE DATABASE {DATABASE} OWNER {OWNER}")
        _psql(cluster, DATABASE, f"GRANT CONNECT ON DATABASE {DATABASE} TO {RUNTIME}")
    except BaseException:
        stop_cluster(cluster, started=started)
        raise
    return cluster


def stop_cluster(cluster: Cluster, *, started: bool = True) -> None:
    """Stop the cluster (if it was started) and delete its folder."""
    if started:
        stop_server(cluster, check=False)
    shutil.rmtree(cluster.folder, ignore_errors=True)


@contextlib.contextmanager
def running_cluster(*, quiet: bool = True) -> Iterator[Cluster]:
    """Start a cluster, yield it, and always stop and remove it afterwards."""
    cluster = start_cluster(quiet=quiet)
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


def _exports(cluster: Cluster) -> str:
    return "\n".join(f"export {name}={value}" for name, value in cluster.environment().items())


def _read_state(state: Path) -> Cluster | None:
    if not state.exists():
        return None
    saved = json.loads(state.read_text(encoding="utf-8"))
    return Cluster(Path(saved["folder"]), int(saved["port"]), Path(saved["bin_dir"]))


def start_kept(state: Path, *, shared_buffers: str) -> int:
    """Start a cluster that stays up until ``stop``, and remember it in ``state``."""
    running = _read_state(state)
    if running is not None and running.data.exists():
        print(f"A cluster is already running: {running.url}", file=sys.stderr)
        print(_exports(running))
        return 0
    cluster = start_cluster(shared_buffers=shared_buffers)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(
        json.dumps(
            {"folder": str(cluster.folder), "port": cluster.port, "bin_dir": str(cluster.bin_dir)}
        ),
        encoding="utf-8",
    )
    print(
        f"PostgreSQL cluster started at {cluster.url}; stop it with: {STOP_HINT}", file=sys.stderr
    )
    print(_exports(cluster))
    return 0


def stop_kept(state: Path) -> int:
    running = _read_state(state)
    if running is None:
        print("No kept cluster is recorded; nothing to stop.", file=sys.stderr)
        return 0
    stop_cluster(running)
    state.unlink(missing_ok=True)
    print(f"PostgreSQL cluster at {running.url} stopped and removed.", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    run = sub.add_parser("run", help="run a command with DATABASE_URL set to a fresh cluster")
    run.add_argument("command", nargs=argparse.REMAINDER)
    for name, text in (
        ("start", "start a cluster that stays up; prints DATABASE_URL and DATABASE_OWNER_URL"),
        ("stop", "stop the cluster that start began, and delete it"),
        ("url", "print the export line for the cluster that start began"),
    ):
        mode = sub.add_parser(name, help=text)
        mode.add_argument("--state", type=Path, default=STATE_FILE, help="where it is recorded")
        if name == "start":
            mode.add_argument("--shared-buffers", default="2GB", help="PostgreSQL shared_buffers")
    args = parser.parse_args(argv)
    if args.action == "start":
        return start_kept(args.state, shared_buffers=args.shared_buffers)
    if args.action == "stop":
        return stop_kept(args.state)
    if args.action == "url":
        running = _read_state(args.state)
        if running is None:
            print(f"No kept cluster is recorded; start one with: {START_HINT}", file=sys.stderr)
            return 1
        print(_exports(running))
        return 0
    command = [part for part in args.command if part != "--"] if args.command else []
    if not command:
        parser.error("give a command to run, after --")
    with running_cluster() as cluster:
        print(f"PostgreSQL cluster ready at {cluster.url}", file=sys.stderr, flush=True)
        child = subprocess.Popen(command, env={**os.environ, **cluster.environment()})
        try:
            return child.wait()
        except KeyboardInterrupt:
            child.send_signal(signal.SIGINT)
            return child.wait()


if __name__ == "__main__":
    sys.exit(main())
