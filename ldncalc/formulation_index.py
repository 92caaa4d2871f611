"""The index of a pharmacy's formulation files already checked, kept between runs (issue 11 §4).

A command given a folder of 500 records would otherwise read and validate every one of them
at each start, to serve one. The index remembers, for each file that was read and passed
every check, the state of the file then (modification and change times, size, inode, device,
type: the change time moves with any write and cannot be set back) and what the checks across
files need without reading it: its id, kind and BUD in days. An index is kept for one set of
folders, one program and one catalog: its name carries a hash of the folders, of ldncalc's
version and source files, of Python's, pydantic's and pint's versions, and of the state of
every catalog file in effect, so a new program or an edited catalog checks every file again.

What the index says is never served: the record a calculation uses is read and checked when
it is asked for (:class:`ldncalc.formulations.Records`). A file whose state is not the one
indexed is read as if there were no index: an invalid file is refused as before. The index is
not patient data; it is kept in the user's cache folder (:func:`ldncalc.config_paths.cache_dir`),
owner-only, written whole or not at all. A cache folder that cannot be read or written, or an
index that cannot be read as one, is as if there were none: never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from ldncalc.config_paths import cache_dir
from ldncalc.version import __version__

FORMAT = 1
KEPT = 8  # index files kept (one per program, catalog and folders), the last written
# A file written in the last SETTLED nanoseconds is not indexed yet: written again within the
# same tick of the file system's clock, it would keep the state indexed. A file system that
# keeps times in whole seconds (FAT: 2 s; some network servers: 1 s) gets the longer wait; one
# that keeps finer times (ext4, XFS, Btrfs, APFS, NTFS) ticks every few milliseconds at most.
SETTLED = 2_000_000_000
SETTLED_FINE = 100_000_000


class Entry(NamedTuple):
    """What the index knows of one file that passed every check."""

    state: tuple[int, ...]
    id: str
    kind: str
    days: int


@cache
def _program() -> bytes:
    """What checks a record: ldncalc's version and the state of its source files (a checkout
    edited without a new version), Python's, pydantic's and pint's versions."""
    import pint  # both imported already: a record's quantities are read with them
    import pydantic

    package = Path(str(resources.files("ldncalc")))  # its modules' folder
    found = [__version__, sys.version, pydantic.VERSION, str(pint.__version__)]
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                state = os.stat(os.path.join(folder, name))  # noqa: PTH116, PTH118
                found.append(f"{folder}/{name} {state.st_mtime_ns} {state.st_size}")
    return "\n".join(found).encode()


def index_key(folders: list[str], catalogs: list[tuple[str, tuple[int, ...]]]) -> str:
    """The key of the index of ``folders`` (in order) for ``catalogs``: every catalog file
    in effect, in order, with its state (as a record's: an edited catalog is another)."""
    digest = hashlib.sha256(_program())
    digest.update(repr((folders, catalogs)).encode())
    return digest.hexdigest()


def settled(modified: int, changed: int) -> bool:
    """Whether a file last modified and changed at these times (nanoseconds) may be indexed."""
    coarse = modified % 1_000_000_000 == 0 and changed % 1_000_000_000 == 0
    return max(modified, changed) <= time.time_ns() - (SETTLED if coarse else SETTLED_FINE)


class Index:
    """The index of one program, catalog and set of folders (:func:`index_key`): read once,
    written again only if what it knows changed."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.path: Path | None = None
        self.entries: dict[str, Entry] = {}
        with contextlib.suppress(OSError, ValueError, RecursionError):
            self.path = cache_dir() / f"formulations-{key[:32]}.json"
            self.entries = _read(self.path, key)

    def trusted(self, path: str, state: tuple[int, ...]) -> Entry | None:
        """The entry of the file ``path`` if it was indexed in the state it is in now."""
        entry = self.entries.get(path)
        return entry if entry is not None and state and entry.state == state else None

    def save(self, now: dict[str, Entry]) -> None:
        """Keep ``now``, every checked file of the folders, in place of what the index knew;
        written only if that changed, and never an error."""
        if self.path is None or self.entries == now:
            return
        self.entries = now
        files = {p: [e.state, e.id, e.kind, e.days] for p, e in now.items()}
        text = json.dumps({"format": FORMAT, "key": self.key, "files": files})
        with contextlib.suppress(OSError, ValueError):
            _write(self.path, text.encode())
            _prune(self.path.parent)


def _read(path: Path, key: str) -> dict[str, Entry]:
    """The entries of the index at ``path``: none if it is not there, not the user's own, or
    not an index of ``key``; an entry that is not one is left out."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        return {}
    with os.fdopen(descriptor, "rb") as file:
        found = os.fstat(file.fileno())
        if hasattr(os, "getuid") and found.st_uid != os.getuid():
            return {}
        data = json.loads(file.read())
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return {}
    files = data.get("files")
    entries: dict[str, Entry] = {}
    for name, value in files.items() if isinstance(files, dict) else ():
        if type(value) is not list or len(value) != 4:  # exactly: no bool for an int
            continue
        state, record_id, kind, days = value
        if (
            type(state) is list
            and state
            and all(type(n) is int for n in state)
            and (type(record_id), type(kind), type(days)) == (str, str, int)
        ):
            entries[name] = Entry(tuple(state), record_id, kind, days)
    return entries


def _write(path: Path, content: bytes) -> None:
    """Write ``path`` owner-only and whole (a new file renamed over the old), in an
    owner-only folder."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _prune(folder: Path) -> None:
    """Keep the :data:`KEPT` index files last written (an old program's or catalog's go)."""
    indexes = sorted(folder.glob("formulations-*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in indexes[:-KEPT]:
        old.unlink()
