"""A throwaway PostgreSQL server for the log's tests.

``$LDNCALC_TEST_POSTGRES`` (set by .ci/run, which starts a cluster of its own) names a server
to use; otherwise :func:`throwaway_cluster` starts one from the PostgreSQL server binaries on
this machine (as the unprivileged ``postgres`` user when the tests run as root), in a temporary
folder, on a free local port, with trust authentication on the loopback address only, and
removes it afterwards. Where no server binary exists the PostgreSQL tests are skipped.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

ENVIRONMENT_VARIABLE = "LDNCALC_TEST_POSTGRES"


def server_binaries() -> Path | None:
    """The folder of initdb and pg_ctl (PostgreSQL 15 first), or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3] != "15"
    )
    return found[0].parent if found else None


def _as_server_user() -> list[str]:
    # PostgreSQL refuses to run as root: CI runs as root, so the server runs as `postgres`
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def throwaway_cluster(binaries: Path) -> Iterator[str]:
    """Start a cluster, yield its URL (database ``postgres``), stop it and remove it."""
    folder = Path(tempfile.mkdtemp(prefix="ldncalc-pg-"))
    prefix = _as_server_user()
    if prefix:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    data, port = folder / "data", _free_port()
    quiet = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    try:
        subprocess.run(
            [
                *prefix,
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            ],
            **quiet,  # type: ignore[call-overload]
        )
        subprocess.run(
            [
                *prefix,
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "server.log"),
                "-w",
                "-o",
                f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ],
            **quiet,  # type: ignore[call-overload]
        )
        try:
            yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                [*prefix, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def new_database(server: str) -> Iterator[str]:
    """A new empty database on ``server``, dropped afterwards: its URL."""
    import psycopg

    name = f"ldncalc_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
