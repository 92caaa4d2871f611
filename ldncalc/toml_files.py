"""Reading a TOML file a person wrote: a pharmacy profile, a formulation record, a catalog or
a protocol. One reader, so that each of them refuses the same problems in the same words.

TOML is UTF-8 text. A file saved in another encoding (UTF-16 by Windows "Unicode", Latin-1 by
an old editor) is refused with the line of the first byte that is not UTF-8, never read as
something else; a UTF-8 byte order mark, which Windows Notepad may write, is skipped.
"""

from __future__ import annotations

import codecs
import tomllib
from pathlib import Path
from typing import Any

from ldncalc.errors import LdnCalcError

_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_toml(
    path: Path, error: type[LdnCalcError], *, option: str | None = None
) -> dict[str, Any]:
    """The tables of the TOML file at ``path``, or ``error`` saying why it cannot be read.

    A file that cannot be opened or is not UTF-8 is a problem with the file named by
    ``option`` (``--pharmacy: "p.toml" is not UTF-8 text…``); without ``option``, and for a
    TOML syntax error, the file itself is named first (``p.toml: is not valid TOML…``).
    """

    def refuse(problem: str, fix: str = "") -> LdnCalcError:
        if option is not None:
            return error(option, str(path), problem, fix)
        return error(str(path), None, problem, fix)

    try:
        data = path.read_bytes()
    except OSError as failure:
        raise refuse(f"cannot be read ({failure.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        if data.startswith(_UTF16):
            where = "it looks like UTF-16"
        else:
            line = data.count(b"\n", 0, failure.start) + 1
            where = f"byte 0x{data[failure.start]:02X} on line {line}"
        raise refuse(f"is not UTF-8 text ({where})", "save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as failure:
        raise error(str(path), None, f"is not valid TOML ({failure})") from None
