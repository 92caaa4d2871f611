"""How ``--json`` reaches standard output (or standard error), whatever its encoding.

JSON is UTF-8 (RFC 8259). On a stream that encodes otherwise (a Windows pipe in cp1252, a
Latin-1 locale), the en dash of "2–8 °C" would go out as a cp1252 byte (0x96) that no JSON
reader decodes, or be rewritten as a plain "-" by the console's fallback (:mod:`ldncalc.console`),
changing the data. There every character outside ASCII is written as its JSON escape
(``\\u2013``): ASCII bytes are the same in UTF-8, so any reader gets exactly the same JSON.
On a UTF-8 stream the text is written unchanged.
"""

from __future__ import annotations

import codecs
import json
import re
import sys

import typer

_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def echo_json(text: str, *, err: bool = False) -> None:
    """Print the JSON ``text`` on standard output (standard error with ``err``): as is when
    the stream encodes UTF-8, else ASCII-only (:func:`ascii_json`)."""
    stream = sys.stderr if err else sys.stdout
    typer.echo(text if _utf8(stream) else ascii_json(text), err=err)


def ascii_json(text: str) -> str:
    """JSON ``text`` with every character outside ASCII as its ``\\uXXXX`` escape (a pair of
    them beyond U+FFFF), as ``json.dumps`` writes it: the same JSON value. Outside strings,
    JSON text is ASCII, so only strings change."""
    return _NOT_ASCII.sub(lambda found: json.dumps(found.group())[1:-1], text)


def _utf8(stream: object) -> bool:
    """Whether ``stream`` encodes UTF-8 (one without an encoding, such as a StringIO, holds
    text, not bytes: written as is)."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False
