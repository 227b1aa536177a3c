"""The connection to the database: engines, transactions, migrations, and what "unavailable"
means.

SQLite by default (a file in the data folder, nothing to set up); PostgreSQL with one URL. Both
run the same SQL through SQLAlchemy Core. When the database cannot be reached, is read-only or
has vanished, every method raises :class:`StoreUnavailable` (a clear message in English and
French): the chat still answers, and a handoff request is spooled to disk instead of lost.

Migrations run once even when several servers (or threads) start on a fresh database together:
PostgreSQL takes an advisory lock, SQLite a file lock plus an immediate transaction, and a process
marks itself migrated only once the migration has committed.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import NullPool

from ..errors import AssistantError, UsageError
from .schema import LATEST, MIGRATIONS, meta, schema_version

PARIS = ZoneInfo("Europe/Paris")
#: PostgreSQL advisory lock key of the migrations (any constant shared by every server)
MIGRATION_LOCK = 4242


def utcnow() -> datetime:
    """Naive UTC: both back-ends store it the same way."""
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def paris_time(dt: datetime) -> datetime:
    """A stored (naive UTC) time as people in France read it; overseas users see Paris time too,
    which pages and e-mails say ("heure de Paris")."""
    return dt.replace(tzinfo=UTC).astimezone(PARIS)


class StoreUnavailable(AssistantError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            f"The database cannot be reached ({detail}). Check ASSISTANT_DATABASE_URL and that "
            "the server is running.",
            "La base de données est momentanément indisponible. Réessayez dans quelques minutes.",
        )


def rows(result) -> list[dict]:
    return [dict(r._mapping) for r in result]


def _sqlite_path(url: sa.engine.URL) -> Path | None:
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database)
    return None


def _writable(path: Path) -> bool:
    """The database file (and its WAL files) can be written: checked before SQLite maps them in
    memory, because writing a mapped file that the system refuses to extend (made immutable,
    its disk gone) kills the process with SIGBUS instead of raising an error."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            fd = os.open(p, os.O_RDWR)
        except FileNotFoundError:
            # absent, or just removed: the last connection to close deletes the WAL files,
            # which another server may do between a check and the open
            continue
        except OSError:
            return False
        os.close(fd)
    return os.access(path.parent, os.W_OK) if path.parent.exists() else True


class Core:
    """Engine, transactions and migrations; the store's concerns are mixins over this."""

    def __init__(self, url: str | None = None, spool_dir: Path | None = None) -> None:
        from ..settings import settings

        s = settings()
        self.url = url or s.database_url
        self.spool_dir = Path(spool_dir) if spool_dir else Path(s.spool)
        self.engine: Engine = self._create_engine(self.url)
        self._sqlite = _sqlite_path(self.engine.url)
        #: migrate on first use (the chat server may start while the database is down)
        self.auto_migrate = False
        self._migrated = False
        self._migrate_lock = threading.Lock()

    @classmethod
    def open(cls, url: str | None = None, spool_dir: Path | None = None):
        """Open and migrate: what the CLI uses."""
        store = cls(url, spool_dir)
        store.migrate()
        store._migrated = True
        return store

    @classmethod
    def lazy(cls, url: str | None = None, spool_dir: Path | None = None):
        """A store that connects and migrates on first use: never fails at start-up."""
        store = cls(url, spool_dir)
        store.auto_migrate = True
        return store

    @staticmethod
    def _create_engine(url: str) -> Engine:
        try:
            u = sa.engine.make_url(url)
        except sa.exc.ArgumentError as err:
            raise UsageError(
                f"ASSISTANT_DATABASE_URL is not a database URL: {url!r} ({err}). "
                "Examples: sqlite:///var/assistant.db, postgresql://user:pass@localhost/assistant"
            ) from err
        backend = u.get_backend_name()
        if backend == "sqlite":
            path = _sqlite_path(u)
            if path is not None:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError:
                    pass  # not creatable: the first query raises StoreUnavailable, not this
            # a connection per transaction: the file is checked each time (see _writable)
            engine = sa.create_engine(u, connect_args={"timeout": 15}, poolclass=NullPool)

            @sa.event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn, _record):  # noqa: ANN001
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA mmap_size=0")
                cur.close()

            return engine
        if backend == "postgresql":
            if u.drivername == "postgresql":
                u = u.set(drivername="postgresql+psycopg")
            return sa.create_engine(u, pool_pre_ping=True, connect_args={"connect_timeout": 5})
        raise UsageError(
            f"Unsupported database {backend!r}: use sqlite:///path or postgresql://...",
        )

    def _ensure_migrated(self) -> None:
        if not self.auto_migrate or self._migrated:
            return
        with self._migrate_lock:
            if not self._migrated:
                self.migrate()
                self._migrated = True  # only once the migration has committed

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        self._ensure_migrated()
        with self._connect() as conn:
            yield conn

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        if self._sqlite is not None and not _writable(self._sqlite):
            raise StoreUnavailable(f"{self._sqlite} cannot be written")
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa.exc.IntegrityError:
            raise  # a constraint the caller expects (a request stored twice): not an outage
        except sa.exc.OperationalError as err:
            raise StoreUnavailable(str(err.orig).strip().splitlines()[0]) from err
        except sa.exc.InterfaceError as err:
            raise StoreUnavailable(str(err.orig)) from err
        except sa.exc.DatabaseError as err:  # a damaged file, a database that vanished
            raise StoreUnavailable(str(err.orig).strip().splitlines()[0]) from err

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    # -- schema ------------------------------------------------------------------------------
    def version(self) -> int:
        with self._connect() as conn:
            if not sa.inspect(conn).has_table("schema_version"):
                return 0
            v = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
            return int(v or 0)

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        """SQLite: one process migrates at a time (the others wait, then find it done)."""
        if self._sqlite is None:
            yield
            return
        lock = Path(f"{self._sqlite}.migrate.lock")
        try:
            fh = open(lock, "a+")  # noqa: SIM115 - held for the duration of the lock
        except OSError as err:
            raise StoreUnavailable(f"{lock}: {err}") from err
        with fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def migrate(self, target: int = LATEST) -> list[int]:
        """Bring the database to ``target``: a new one from the metadata, an older one by the
        missing migrations. Return the versions applied."""
        auto = "SERIAL PRIMARY KEY" if self.backend == "postgresql" else (
            "INTEGER PRIMARY KEY AUTOINCREMENT"
        )
        applied: list[int] = []
        with self._file_lock(), self._connect() as conn:
            if self.backend == "postgresql":  # two servers starting together: one migrates
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            else:
                # pysqlite runs DDL outside any transaction unless one is begun explicitly: a
                # migration failing halfway would stay half-applied. IMMEDIATE also serialises.
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            inspector = sa.inspect(conn)
            fresh = not inspector.has_table("schema_version")
            if fresh and not inspector.get_table_names() and target == LATEST:
                meta.create_all(conn)
                conn.execute(schema_version.insert().values(version=LATEST, applied_at=utcnow()))
                return [LATEST]
            if fresh:
                schema_version.create(conn)
            current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
            current = int(current or 0)
            if current > LATEST:
                raise AssistantError(
                    f"The database schema is version {current}, newer than this program "
                    f"({LATEST}): update the program."
                )
            for version, _title, steps in MIGRATIONS:
                if current < version <= target:
                    for step in steps:
                        if callable(step):
                            step(conn)
                        else:
                            conn.exec_driver_sql(step.replace("{id}", auto))
                    conn.execute(
                        schema_version.insert().values(version=version, applied_at=utcnow())
                    )
                    applied.append(version)
        return applied
