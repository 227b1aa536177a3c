"""A throwaway PostgreSQL server for the tests, and one fresh database per test.

``server_url()`` starts (once per process) a cluster of its own: ``initdb`` into a temporary
folder, ``pg_ctl start`` on a free port of 127.0.0.1 with its unix socket in that folder, trust
authentication, no fsync (nothing here needs to survive a crash). Tests run as root in CI and
``initdb`` refuses root, so the server runs as the ``postgres`` OS user (``runuser``) and the
folder belongs to it. ``stop_server()`` stops it and removes the folder (also done at exit).

With ``ASSISTANT_TEST_PG_URL=postgresql://user@host:port/`` an existing server is used instead
(the user must be allowed to CREATE DATABASE).

PostgreSQL itself comes from Debian: ``apt-get install -y postgresql`` (``.ci/run`` does it).
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import psycopg
import sqlalchemy as sa
from psycopg import sql

ENV_URL = "ASSISTANT_TEST_PG_URL"
INSTALL_HINT = (
    "PostgreSQL is not installed, and the store tests need a real server: run "
    "`apt-get install -y postgresql` (Debian/Ubuntu; .ci/run does it), or set "
    f"{ENV_URL}=postgresql://user@host:port/ to use a server you already have."
)


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL binaries, or the throwaway server did not start."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_bin_dir() -> Path:
    """Debian's /usr/lib/postgresql/<version>/bin (newest first), else initdb on the PATH."""

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.name
        return tuple(int(x) for x in name.split(".") if x.isdigit())

    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).resolve().parent))
    for c in candidates:
        if (Path(c) / "initdb").is_file() and (Path(c) / "pg_ctl").is_file():
            return Path(c)
    raise PostgresUnavailable(INSTALL_HINT)


class Cluster:
    """One PostgreSQL cluster in a temporary folder, listening on 127.0.0.1:``port``."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="assistant-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError as err:
                raise PostgresUnavailable(
                    "Running as root, the test server must run as the 'postgres' OS user, "
                    "which does not exist. " + INSTALL_HINT
                ) from err
            os.chown(self.root, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(
            cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root, check=False
        )

    def _fail(self, what: str, proc: subprocess.CompletedProcess) -> PostgresUnavailable:
        log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
        return PostgresUnavailable(
            f"{what} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}"
        )

    def start(self) -> str:
        proc = self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-sync",
        )
        if proc.returncode:
            raise self._fail("initdb", proc)
        for _ in range(3):  # the free port can be taken meanwhile: try another one
            self.port = free_port()
            options = (
                f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=100"
            )
            proc = self._run(
                "pg_ctl",
                "start",
                "-w",
                "-t",
                "60",
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-o",
                options,
            )
            if proc.returncode == 0:
                return self.url
        raise self._fail("pg_ctl start", proc)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "stop", "-m", "immediate", "-w", "-D", str(self.data), timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


_cluster: Cluster | None = None


def server_url() -> str:
    """Base URL of the test server, like ``postgresql://postgres@127.0.0.1:PORT/``.

    ``ASSISTANT_TEST_PG_URL`` when set; otherwise a throwaway cluster started on first call.
    Raises :class:`PostgresUnavailable` (saying to run apt-get install -y postgresql)."""
    global _cluster
    env = os.environ.get(ENV_URL)
    if env:
        return env
    if _cluster is None:
        cluster = Cluster(find_bin_dir())
        try:
            cluster.start()
        except BaseException:
            cluster.stop()
            raise
        _cluster = cluster
        atexit.register(stop_server)
    return _cluster.url


def stop_server() -> None:
    global _cluster
    if _cluster is not None:
        _cluster.stop()
        _cluster = None


def _admin_conninfo(base_url: str) -> str:
    u = sa.engine.make_url(base_url).set(drivername="postgresql", database="postgres")
    return u.render_as_string(hide_password=False)


def create_database(base_url: str | None = None, prefix: str = "assistant_test") -> str:
    """CREATE DATABASE with a unique name on the server; return its URL (postgresql://…)."""
    base = base_url or server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(_admin_conninfo(base), autocommit=True, connect_timeout=10) as c:
                c.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            break
        except psycopg.errors.ObjectInUse:  # template1 busy: another CREATE DATABASE
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    u = sa.engine.make_url(base).set(drivername="postgresql", database=name)
    return u.render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """DROP DATABASE (closing any connection left open to it)."""
    name = sa.engine.make_url(url).database
    with psycopg.connect(_admin_conninfo(url), autocommit=True, connect_timeout=10) as c:
        c.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
