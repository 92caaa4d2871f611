"""Reading a TOML file a person wrote: a pharmacy profile, a formulation record, a catalog or
a protocol. One reader, so that each of them refuses the same problems in the same words.

TOML is UTF-8 text. A file saved in another encoding (UTF-16 by Windows "Unicode", Latin-1 by
an old editor) is refused with the line of the first byte that is not UTF-8, never read as
something else; a UTF-8 byte order mark, which Windows Notepad may write, is skipped.

A folder of such files is untrusted input: only a regular file is read (a symbolic link is
followed to one; a FIFO, a device such as ``/dev/zero`` or a folder named ``x.toml`` is
refused, never waited on), and no more than :data:`MAXIMUM_BYTES` of it. What the TOML parser
itself cannot take (arrays nested thousands deep, an integer of thousands of digits) is refused
as a problem with the file, like a syntax error.

Parsing TOML is pure Python and costs a command some 4 ms at every start (the parser's
import and the five files a liquid reads). The built-in folder therefore ships what its files
parse to (:data:`PARSED`, written by :func:`write_parsed`, a test checks it is up to date),
keyed by the SHA-256 of each file's bytes: a file read whose bytes are exactly those is
not parsed again, since the same bytes parse to the same tables. Any other file, a built-in
one edited included, is parsed as it is; the table can make a command faster, never different.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ldncalc.errors import LdnCalcError

_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# A record, catalog, protocol or profile is a few kB (the largest built-in file is under 4 kB);
# a file of more than 1 MB is not one of them: no more than that is read before it is refused.
MAXIMUM_BYTES = 1_000_000


def read_toml(
    path: Path,
    error: type[LdnCalcError],
    *,
    option: str | None = None,
    parsed: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The tables of the TOML file at ``path``, or ``error`` saying why it cannot be read;
    from ``parsed`` (:func:`read_parsed`) when it knows the file's bytes.

    A file that cannot be opened or is not UTF-8 is a problem with the file named by
    ``option`` (``--pharmacy: "p.toml" is not UTF-8 text…``); without ``option``, and for a
    TOML syntax error, the file itself is named first (``p.toml: is not valid TOML…``).
    """

    def refuse(code: str, **params: Any) -> LdnCalcError:
        if option is not None:
            return error(option, str(path), code=code, **params)
        return error(str(path), None, code=code, place=True, **params)

    def invalid(**params: Any) -> LdnCalcError:
        return error(str(path), None, code="toml-invalid", place=True, **params)

    try:
        data = _read_regular_file(path)
    except OSError as failure:
        raise refuse("toml-unreadable", reason=failure.strerror) from None
    except _NotRegular as failure:
        raise refuse("toml-not-regular", kind=failure.args[0]) from None
    except _TooLarge:
        raise refuse("toml-too-large", maximum=MAXIMUM_BYTES) from None
    known = parsed.get(_digest(data)) if parsed else None
    if known is not None:
        with contextlib.suppress(ValueError):  # not JSON: a damaged table, the file is parsed
            tables = json.loads(known)  # new tables at each read: callers edit them
            if isinstance(tables, dict):
                return tables
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        if data.startswith(_UTF16):
            raise refuse("toml-not-utf8", byte=None, line=None) from None
        line = data.count(b"\n", 0, failure.start) + 1
        raise refuse("toml-not-utf8", byte=f"0x{data[failure.start]:02X}", line=line) from None
    import tomllib  # here: a command whose files are all in the shipped table never imports it

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as failure:
        raise invalid(reason=str(failure), digits=None) from None
    except RecursionError:  # arrays or inline tables nested too deep for the parser
        raise invalid(reason=None, digits=None) from None
    except ValueError:  # an integer longer than Python converts (4,300 digits)
        raise invalid(reason=None, digits=sys.get_int_max_str_digits()) from None


PARSED = "parsed.json"  # in the built-in formulations folder: its files, parsed
_FORMAT = 1


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_parsed(path: Path) -> dict[str, str]:
    """The table of files already parsed at ``path`` (:data:`PARSED`): each file's tables as
    JSON, by the SHA-256 of its bytes. Empty when there is none, or it is not one: then every
    file is parsed, as without it."""
    try:
        table = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    files = (
        table.get("files") if isinstance(table, dict) and table.get("format") == _FORMAT else None
    )
    if not isinstance(files, dict):
        return {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}


def parsed_table(folder: Path) -> str:
    """:data:`PARSED` for ``folder``: what each of its TOML files (subfolders included) parses
    to, as JSON that gives back exactly those tables (strings, integers, floats, booleans,
    arrays and tables; a file holding a date or time is left out, to be parsed)."""
    import tomllib

    files: dict[str, str] = {}
    for path in sorted(folder.rglob("*.toml")):
        data = path.read_bytes()
        tables = tomllib.loads(data.decode("utf-8-sig"))
        if _plain(tables):
            files[_digest(data)] = json.dumps(tables, ensure_ascii=False)  # in the file's order
    return json.dumps({"format": _FORMAT, "files": files}, ensure_ascii=False, indent=0) + "\n"


def _plain(value: object) -> bool:
    """Whether ``value`` holds only what JSON gives back as it was (no date, no time)."""
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return isinstance(value, str | int | float | bool)


def write_parsed(folder: Path) -> None:
    """Write :data:`PARSED` in ``folder`` again (after a built-in file is edited)."""
    (folder / PARSED).write_text(parsed_table(folder), encoding="utf-8")


class _NotRegular(Exception):
    pass


class _TooLarge(Exception):
    pass


def _read_regular_file(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` (a symbolic link is followed), at most
    :data:`MAXIMUM_BYTES` of them. Opened without blocking, so that a FIFO is refused at once
    rather than waited on; a file that grows past the limit while it is read is refused too."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(file.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise _NotRegular(_what(mode))
        data = file.read(MAXIMUM_BYTES + 1)
    if len(data) > MAXIMUM_BYTES:
        raise _TooLarge
    return data


def _what(mode: int) -> str:
    """What a file that is not a regular one is (words: locale/records.py toml-not-regular)."""
    kinds = {
        stat.S_ISDIR: "folder",
        stat.S_ISFIFO: "fifo",
        stat.S_ISCHR: "device",
        stat.S_ISBLK: "device",
        stat.S_ISSOCK: "socket",
    }
    return next((kind for test, kind in kinds.items() if test(mode)), "other")
