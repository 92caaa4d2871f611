"""Where the compounding log is kept: SQLite (embedded, the default) or PostgreSQL.

Both engines are used through their own drivers (the standard library's ``sqlite3``,
``psycopg`` 3) with the versioned migrations below, not through an ORM: the log is two
append-only tables, the SQL fits on a page, and a command that does not touch the log imports
neither driver. ``psycopg`` is imported only for a ``postgresql://`` log (``ldncalc[postgres]``).

The database itself keeps the log append-only: triggers refuse every UPDATE and DELETE (and
TRUNCATE on PostgreSQL). Appending is serialised (SQLite ``BEGIN IMMEDIATE`` with a busy
timeout, in WAL mode; PostgreSQL a transaction-scoped advisory lock), so that processes
appending at once each see the entry before theirs and the hash chain stays one line.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import sqlite3
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from ldncalc.config_paths import without_password
from ldncalc.errors import LogAccessError, LogError
from ldncalc.log.chain import GENESIS, HEADER, canonical, entry_hash

ENVIRONMENT_VARIABLE = "LDNCALC_LOG"
DEFAULT_FILE = "log.sqlite3"
SCHEMA_VERSION = 2
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another's append before giving up
_ADVISORY_LOCK = 0x6C646E63  # "ldnc": the PostgreSQL lock that serialises appends

# Each migration moves the schema from the version before it to its own; an older log is
# brought up to SCHEMA_VERSION when it is opened, inside the append lock.
_TABLES = """
CREATE TABLE ldncalc_log_schema (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL,
    program TEXT NOT NULL
);
CREATE TABLE entries (
    seq {bigint} PRIMARY KEY,
    lot TEXT NOT NULL,
    kind TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor TEXT NOT NULL,
    corrects {bigint} REFERENCES entries(seq),
    patient TEXT NOT NULL,
    rx TEXT NOT NULL,
    formulation_id TEXT NOT NULL,
    formulation_version INTEGER NOT NULL,
    compounded TEXT NOT NULL,
    body TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);
CREATE UNIQUE INDEX entries_one_registration ON entries (lot) WHERE kind = 'registered';
CREATE TABLE ingredient_lots (
    seq {bigint} NOT NULL REFERENCES entries(seq),
    ingredient TEXT NOT NULL,
    ingredient_lot TEXT NOT NULL,
    expiry TEXT NOT NULL
);
"""
_SQLITE_APPEND_ONLY = """
CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
BEGIN SELECT RAISE(ABORT, 'the compounding log is append-only: add a correction'); END;
CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
BEGIN SELECT RAISE(ABORT, 'the compounding log is append-only: add a correction'); END;
"""
_POSTGRES_APPEND_ONLY_FUNCTION = """
CREATE FUNCTION ldncalc_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the compounding log is append-only: add a correction';
END $$;
"""
_POSTGRES_APPEND_ONLY = """
CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
FOR EACH ROW EXECUTE FUNCTION ldncalc_append_only();
CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION ldncalc_append_only();
"""
_APPEND_ONLY_TABLES = ("ldncalc_log_schema", "entries", "ingredient_lots")
_INDEXES = """
CREATE INDEX entries_lot ON entries (lot);
CREATE INDEX entries_patient ON entries (patient);
CREATE INDEX entries_formulation ON entries (formulation_id, formulation_version);
CREATE INDEX entries_compounded ON entries (compounded);
CREATE INDEX ingredient_lots_lot ON ingredient_lots (ingredient_lot);
"""


def _migrations(engine: Engine) -> dict[int, str]:
    if engine == "sqlite":
        tables = _TABLES.format(bigint="INTEGER")
        guards = "".join(_SQLITE_APPEND_ONLY.format(table=t) for t in _APPEND_ONLY_TABLES)
    else:
        tables = _TABLES.format(bigint="BIGINT")
        guards = _POSTGRES_APPEND_ONLY_FUNCTION + "".join(
            _POSTGRES_APPEND_ONLY.format(table=t) for t in _APPEND_ONLY_TABLES
        )
    return {1: tables + guards, 2: _INDEXES}


Engine = Literal["sqlite", "postgresql"]


@dataclass(frozen=True)
class Location:
    """Where a log is: ``engine``, ``target`` (a file path or a PostgreSQL URL) and ``option``,
    what chose it (``--log``, ``LDNCALC_LOG``, the profile's ``[log]``, or the default)."""

    engine: Engine
    target: str
    option: str

    def __str__(self) -> str:
        # a password in a PostgreSQL URL is never printed
        return without_password(self.target)


def default_file() -> Path:
    """The default SQLite log: ``log.sqlite3`` in the user's data folder (platformdirs:
    ``~/.local/share/ldncalc`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("ldncalc", appauthor=False)) / DEFAULT_FILE


def locate(url: str | None = None, *, profile_url: str | None = None) -> Location:
    """The log to use: ``url`` (``--log``), else ``$LDNCALC_LOG``, else the pharmacy profile's
    ``[log] url``, else the default SQLite file. A path (or ``sqlite:///path``) is an SQLite
    log; ``postgresql://…`` a PostgreSQL one; anything else is refused."""
    for option, value in (
        ("--log", url),
        (ENVIRONMENT_VARIABLE, os.environ.get(ENVIRONMENT_VARIABLE) or None),
        ("[log] url", profile_url or None),
    ):
        if value is not None:
            return _read_location(value, option)
    return Location("sqlite", str(default_file()), "the default log")


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _read_location(text: str, option: str) -> Location:
    text = text.strip()
    if not text:
        raise LogError(option, text, code="log-location-empty")
    scheme = _SCHEME.match(text)
    if scheme and len(scheme.group(1)) > 1:  # C:\… is a Windows path, not a scheme
        name = scheme.group(1).lower()
        if name in ("postgresql", "postgres"):
            if not text.startswith(f"{scheme.group(1)}://"):
                raise LogError(option, text, code="log-location-not-postgresql")
            return Location("postgresql", text, option)
        if name == "sqlite":
            path = text.removeprefix(f"{scheme.group(1)}://")
            if not path.startswith("/"):
                raise LogError(option, text, code="log-location-not-sqlite")
            return Location("sqlite", path, option)
        raise LogError(option, text, code="log-location-scheme", scheme=name)
    return Location("sqlite", text, option)


@dataclass(frozen=True)
class Entry:
    """One entry of the log, as stored: never changed once written."""

    seq: int
    lot: str
    kind: str
    recorded_at: str
    actor: str
    corrects: int | None
    patient: str
    rx: str
    formulation_id: str
    formulation_version: int
    compounded: str
    body: Mapping[str, Any] = field(repr=False)
    hash: str = field(repr=False)


_COLUMNS = (*HEADER, "body", "prev_hash", "hash")

# What the state of a lot is read from (ldncalc.log.lots.lot_of), as paths into entry bodies.
SUMMARY_FIELDS = (
    ("prescription", "prescriber"),
    ("result", "kind"),
    ("result", "quantity"),
    ("result", "strength"),
    ("result", "final_volume"),
    ("result", "concentration"),
    ("passed",),
    ("failures",),
    ("reason",),
    ("single_pharmacist",),
)

_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM entries"


def _entry(row: Sequence[Any]) -> Entry:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["body"] = json.loads(values["body"])
    del values["prev_hash"]
    values["seq"] = int(values["seq"])
    return Entry(**values)


@dataclass(frozen=True)
class Draft:
    """An entry to append: the chain fields (seq, time, hashes) are added by :meth:`Log.append`."""

    lot: str
    kind: str
    actor: str
    body: Mapping[str, Any]
    patient: str = ""
    rx: str = ""
    formulation_id: str = ""
    formulation_version: int = 0
    compounded: str = ""
    corrects: int | None = None
    ingredient_lots: tuple[tuple[str, str, str], ...] = ()  # (ingredient, lot, expiry or "")


class Log:
    """An open compounding log. Open with :func:`open_log`; close (or use as a context
    manager) when done."""

    def __init__(self, location: Location, connection: Any) -> None:
        self.location = location
        self._connection = connection
        self._postgres = location.engine == "postgresql"

    def __enter__(self) -> Log:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    # --- reading ---------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self._postgres else sql

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query (``?`` placeholders in either engine)."""
        with self._guard():
            return list(self._connection.execute(self._sql(sql), tuple(params)).fetchall())

    def entries(self, where: str = "", params: Sequence[Any] = ()) -> list[Entry]:
        """Entries in order, those matching the SQL ``where`` clause when given."""
        clause = f" WHERE {where}" if where else ""
        return [_entry(row) for row in self.query(f"{_SELECT}{clause} ORDER BY seq", params)]

    def summaries(self, where: str, params: Sequence[Any] = ()) -> list[Entry]:
        """Entries matching ``where``, in order, each body holding only what a lot's state
        needs (:data:`SUMMARY_FIELDS`, read by the database): a list of thousands of lots
        does not parse every stored result."""
        if self._postgres:
            fields = ", ".join(f"b #> '{{{','.join(path)}}}'" for path in SUMMARY_FIELDS)
            extract = f"jsonb_build_array({fields})::text FROM (SELECT *, body::jsonb AS b"
            sql = f"SELECT {', '.join(HEADER)}, {extract} FROM entries) AS e"
        else:
            # json_extract with several paths reads the body once and gives a JSON array
            paths = ", ".join("'$." + ".".join(path) + "'" for path in SUMMARY_FIELDS)
            sql = f"SELECT {', '.join(HEADER)}, json_extract(body, {paths}) FROM entries"
        rows = self.query(f"{sql} WHERE {where} ORDER BY seq", params)
        found = []
        for row in rows:
            values = dict(zip(HEADER, row, strict=False))
            body: dict[str, Any] = {}
            for path, value in zip(SUMMARY_FIELDS, json.loads(row[-1]), strict=True):
                if value is not None:
                    node = body
                    for key in path[:-1]:
                        node = node.setdefault(key, {})
                    node[path[-1]] = value
            values["seq"] = int(values["seq"])
            found.append(Entry(**values, body=body, hash=""))
        return found

    def chain_rows(self, batch: int = 5000) -> Iterator[dict[str, Any]]:
        """Every entry's stored columns, in order, for the audit (read in batches)."""
        last = 0
        while True:
            rows = self.query(f"{_SELECT} WHERE seq > ? ORDER BY seq LIMIT {batch}", (last,))
            for row in rows:
                yield dict(zip(_COLUMNS, row, strict=True))
            if len(rows) < batch:
                return
            last = int(rows[-1][0])

    # --- appending -------------------------------------------------------------------------

    @contextlib.contextmanager
    def appending(self) -> Iterator[Appender]:
        """A transaction holding the append lock: what is read in it is what the append sees,
        and it commits when the block ends (nothing is kept if the block raises). Inside
        another ``appending`` block (a batch's one transaction) it is a savepoint: what it
        appends is kept only if the block ends well, and commits with the outer one."""
        with self._guard():
            if self._postgres:
                with self._connection.transaction():  # psycopg: a savepoint when nested
                    self._connection.execute(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK})")
                    yield Appender(self)
            elif self._connection.in_transaction:
                self._connection.execute("SAVEPOINT ldncalc_entry")
                try:
                    yield Appender(self)
                except BaseException:
                    self._connection.execute("ROLLBACK TO ldncalc_entry")
                    self._connection.execute("RELEASE ldncalc_entry")
                    raise
                self._connection.execute("RELEASE ldncalc_entry")
            else:
                self._connection.execute("BEGIN IMMEDIATE")
                try:
                    yield Appender(self)
                except BaseException:
                    self._connection.execute("ROLLBACK")
                    raise
                self._connection.execute("COMMIT")

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Driver errors as one-line ldncalc errors."""
        try:
            yield
        except sqlite3.Error as error:
            raise _sqlite_error(self.location, error) from None
        except Exception as error:
            if self._postgres and _is_psycopg_error(error):
                raise _postgres_error(self.location, error) from None
            raise


class Appender:
    """Reads and appends inside :meth:`Log.appending`."""

    def __init__(self, log: Log) -> None:
        self._log = log

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor = self._log._connection.execute(self._log._sql(sql), tuple(params))
        return list(cursor.fetchall()) if cursor.description else []

    def entries_of(self, lot: str) -> list[Entry]:
        rows = self._execute(f"{_SELECT} WHERE lot = ? ORDER BY seq", (lot,))
        return [_entry(row) for row in rows]

    def append(self, draft: Draft, now: datetime.datetime | None = None) -> Entry:
        last = self._execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1")
        seq, previous = (int(last[0][0]) + 1, str(last[0][1])) if last else (1, GENESIS)
        moment = now if now is not None else datetime.datetime.now(datetime.UTC)
        header = {
            "seq": seq,
            "lot": draft.lot,
            "kind": draft.kind,
            "recorded_at": moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "actor": draft.actor,
            "corrects": draft.corrects,
            "patient": draft.patient,
            "rx": draft.rx,
            "formulation_id": draft.formulation_id,
            "formulation_version": draft.formulation_version,
            "compounded": draft.compounded,
        }
        body = canonical(draft.body)
        digest = entry_hash(previous, header, body)
        values = [*(header[name] for name in HEADER), body, previous, digest]
        marks = ", ".join("?" * len(values))
        self._execute(f"INSERT INTO entries ({', '.join(_COLUMNS)}) VALUES ({marks})", values)
        for ingredient, lot, expiry in draft.ingredient_lots:
            self._execute(
                "INSERT INTO ingredient_lots (seq, ingredient, ingredient_lot, expiry) "
                "VALUES (?, ?, ?, ?)",
                (seq, ingredient, lot, expiry),
            )
        return Entry(**{**header, "body": json.loads(body), "hash": digest})


def open_log(location: Location, *, create: bool = True) -> Log:
    """Open (creating it if needed and ``create``, upgrading an older schema) the log at
    ``location``.

    :class:`~ldncalc.errors.LogError` (exit 2) for what is not a log, a newer schema, a file
    others may read; :class:`~ldncalc.errors.LogAccessError` (exit 74) when it cannot be
    read, written or reached."""
    if location.engine == "sqlite":
        connection: Any = _connect_sqlite(location, create)
    else:
        connection = _connect_postgres(location)
    log = Log(location, connection)
    try:
        _migrate(log)
    except BaseException:
        log.close()
        raise
    return log


def _connect_sqlite(location: Location, create: bool) -> sqlite3.Connection:
    path = Path(location.target).expanduser()
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _access(location, error) from None
    if mode is None and not create:
        raise LogError(location.option, str(location), code="log-file-missing")
    if mode is None:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # patient data: the file is the owner's alone from its first byte (SQLite gives
            # its -wal and -shm files the same permissions)
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass  # another process made it just now
        except OSError as error:
            raise _access(location, error) from None
    elif not stat.S_ISREG(mode):
        raise LogError(location.option, str(location), code="log-not-a-file")
    elif os.name == "posix" and mode & 0o077:
        raise LogError(
            location.option, str(location), code="log-file-shared",
            permissions=stat.filemode(mode)[1:], path=str(path),
        )  # fmt: skip
    if not os.access(path, os.R_OK | os.W_OK):
        raise _access(location, PermissionError(13, "Permission denied"))
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    except sqlite3.Error as error:
        raise _sqlite_error(location, error) from None
    try:
        connection.execute("PRAGMA journal_mode=WAL").fetchall()
        connection.execute("PRAGMA synchronous=FULL")  # a released lot survives a power cut
        connection.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as error:
        connection.close()
        raise _sqlite_error(location, error) from None
    return connection


def _connect_postgres(location: Location) -> Any:
    try:
        import psycopg
    except ImportError:
        raise LogError(location.option, str(location), code="log-no-psycopg") from None
    try:
        psycopg.conninfo.conninfo_to_dict(location.target)
    except psycopg.Error as error:
        raise LogError(
            location.option, str(location), code="log-postgresql-url-invalid", reason=_first(error)
        ) from None
    try:
        return psycopg.connect(location.target, connect_timeout=10, autocommit=True)
    except psycopg.Error as error:
        raise _postgres_error(location, error) from None


def _migrate(log: Log) -> None:
    version = _schema_version(log)
    if version == SCHEMA_VERSION:
        return
    _refuse_newer(log, version)
    with log.appending() as appender:
        version = _schema_version(log, appender)  # another process may have done it
        _refuse_newer(log, version)
        for number, script in sorted(_migrations(log.location.engine).items()):
            if number <= version:
                continue
            if log.location.engine == "sqlite":
                for statement in _statements(script):
                    appender._execute(statement)
            else:
                appender._execute(script)
            from ldncalc.version import __version__

            appender._execute(
                "INSERT INTO ldncalc_log_schema (version, applied_at, program) VALUES (?, ?, ?)",
                (number, datetime.datetime.now(datetime.UTC).isoformat(), f"ldncalc {__version__}"),
            )


def _statements(script: str) -> list[str]:
    """The statements of an SQLite script (a trigger's body keeps its own semicolons)."""
    statements: list[str] = []
    current = ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def _schema_version(log: Log, appender: Appender | None = None) -> int:
    run = appender._execute if appender is not None else log.query
    if log.location.engine == "sqlite":
        tables = {row[0] for row in run("SELECT name FROM sqlite_master WHERE type = 'table'")}
    else:
        tables = {
            row[0]
            for row in run("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        }
    if "ldncalc_log_schema" not in tables:
        if "entries" in tables or (log.location.engine == "sqlite" and tables):
            raise LogError(log.location.option, str(log.location), code="log-not-a-log")
        return 0
    return int(run("SELECT max(version) FROM ldncalc_log_schema")[0][0] or 0)


def _refuse_newer(log: Log, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise LogError(
            log.location.option, str(log.location), code="log-schema-newer",
            version=version, supported=SCHEMA_VERSION,
        )  # fmt: skip


def _first(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _access(location: Location, error: OSError) -> LogAccessError:
    reason = error.strerror or str(error)
    return LogAccessError(location.option, str(location), code="log-cannot-open", reason=reason)


def _sqlite_error(location: Location, error: sqlite3.Error) -> LdnCalcErrorType:
    text = _first(error)
    if "not a database" in text or "disk image is malformed" in text:
        return LogError(location.option, str(location), code="log-not-sqlite")
    if "append-only" in text:
        return LogError(location.option, str(location), code="log-append-only", text=text)
    if "locked" in text or "busy" in text:
        seconds = Decimal(f"{BUSY_TIMEOUT:g}")
        return LogAccessError(location.option, str(location), code="log-busy", seconds=seconds)
    return LogAccessError(location.option, str(location), code="log-cannot-use", reason=text)


def _is_psycopg_error(error: BaseException) -> bool:
    return type(error).__module__.startswith("psycopg")


def _postgres_error(location: Location, error: BaseException) -> LdnCalcErrorType:
    import psycopg

    text = _first(error)
    if isinstance(error, psycopg.OperationalError):
        return LogAccessError(location.option, str(location), code="log-unreachable", reason=text)
    if "append-only" in text:
        return LogError(location.option, str(location), code="log-append-only", text=text)
    return LogAccessError(location.option, str(location), code="log-cannot-use", reason=text)


LdnCalcErrorType = LogError | LogAccessError
