"""The ``ldncalc`` console script and ``python -m ldncalc``: one command, then exit.

This module imports nothing heavy: it sets the process up for a single short run *before*
the CLI, typer, pydantic and pint are imported, then hands over to :func:`ldncalc.cli.run`.
A program that imports ldncalc as a library never comes here.

It also makes the process safe to run anywhere (issue 9 §8):

- **Any output encoding.** A Windows pipe (cp1252) or a Latin-1 locale cannot encode ≤, –, →
  or a narrow no-break space: each is written as a readable equivalent (``<=``, ``-``, ``->``,
  a space) and any other character as a JSON-style escape (``\\u4e2d``), never dropped or
  turned into ``?``, so every digit and every number stays exactly as computed.
- **Closed streams.** With standard output or standard error closed, a result or a warning
  would be lost without a word: the run stops at once with exit 74 (output error).
- **Ctrl-C at any moment**, imports included, ends the run with exit 130 and one line,
  never a traceback.
"""

import atexit
import codecs
import contextlib
import gc
import io
import os
import signal
import sys
import unicodedata
from types import FrameType
from typing import NoReturn

from ldncalc.errors import EXIT_INTERRUPTED, EXIT_OUTPUT

# What an encoding that lacks them gets instead of the characters ldncalc itself writes.
READABLE = {
    "\u2264": "<=",  # ≤
    "\u2265": ">=",  # ≥
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash: 2–8 °C
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\u00d7": "x",  # ×
    "\u00f7": "/",  # ÷
    "\u2192": "->",  # →
    "\u2026": "...",  # …
    "\u00b7": ".",  # ·
    "\u2022": "*",  # •
    "\u00b0": "deg",  # °
    "\u00b1": "+/-",  # ±
    "\u00b5": "u",  # µ (micro sign)
    "\u03bc": "u",  # μ (Greek mu)
    "\u00a7": "section ",  # §
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space: the French thousands separator (1 000)
    "\u2009": " ",  # thin space
    "\u00ab": '"',  # «
    "\u00bb": '"',  # »
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2500": "-",  # ─ box drawing (the error tree, tables)
    "\u2502": "|",  # │
    "\u251c": "|",  # ├
    "\u2514": "`",  # └
    "\u2610": "[ ]",  # ☐ a box to tick
}
ERROR_HANDLER = "ldncalc-readable"


def readable(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler: what cannot be encoded, as :data:`READABLE` says, else a
    letter without its accent (é as e) or a ``\\uXXXX`` escape (JSON's, so JSON stays JSON)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(map(_readable, error.object[error.start : error.end])), error.end


def _readable(character: str) -> str:
    if character in READABLE:
        return READABLE[character]
    decomposed = unicodedata.normalize("NFD", character)
    letter, marks = decomposed[0], decomposed[1:]
    if letter.isascii() and letter.isalpha() and all(map(unicodedata.combining, marks)):
        return letter  # é as e; never a digit: ４ (full width) is escaped below
    code = ord(character)
    if code > 0xFFFF:  # as JSON writes it: a UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def run() -> None:
    """Console-script entry point."""
    global _raise
    signal.signal(signal.SIGINT, _on_interrupt)
    code: str | int | None = 0
    try:
        try:
            _set_up_streams()
            # pydantic scans every installed distribution's entry points for plugins when it
            # builds its first validator (~5 ms); plugins are for a library user's own
            # program, not this one.
            os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
            # This process runs one command and ends: the cyclic garbage collector only costs
            # time here, walking typer's, pydantic's and pint's objects again and again as
            # they are imported (~14 ms) and all of them once more at exit (~20 ms more than
            # the teardown).
            gc.disable()
            from ldncalc.cli import run as run_command

            run_command()
        except SystemExit as done:
            code = done.code
        _raise = False  # the command has ended: a Ctrl-C from here on ends the process at once
    except KeyboardInterrupt:  # before the CLI could catch it (during the imports, say)
        _interrupted()
    _exit(code)


def _exit(code: str | int | None) -> NoReturn:
    """End the process with ``code`` once the command has ended, without the interpreter's
    teardown when nothing can need it.

    By now the command has written and closed every file it made (each is written whole, then
    renamed), committed to the log, and flushed standard output. What remains of a normal exit
    is the exit handlers (run here, as at any exit) and then freeing every module and object
    one by one: some 4 ms of a 200 ms command, spent on memory the system frees at once. That
    is skipped only when the run is alone in the process (no other thread, an integer code)
    and both streams are open and flush. Otherwise, or where Python gives no way to run the
    exit handlers first, the process exits as any Python program does."""
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    threading = sys.modules.get("threading")
    alone = threading is None or threading.active_count() == 1
    streams = (sys.stdout, sys.stderr)  # None: closed when the process started (exit 74)
    if run_handlers and alone and None not in streams and (code is None or isinstance(code, int)):
        try:
            for stream in streams:
                stream.flush()
        except (OSError, ValueError):
            sys.exit(code)  # as before: Python's own exit says what it could not write
        run_handlers()
        os._exit(code or 0)
    sys.exit(code)


_raise = True  # whether a Ctrl-C raises KeyboardInterrupt (only the first, during the run)


def _on_interrupt(number: int, frame: FrameType | None) -> None:
    """SIGINT: the first raises KeyboardInterrupt, so that the command stops cleanly (a file
    being written is removed, not left half-written); a second, or one after the command
    ended, exits at once."""
    global _raise
    if not _raise:
        _interrupted()
    _raise = False
    raise KeyboardInterrupt


def _interrupted() -> NoReturn:
    with contextlib.suppress(OSError):
        os.write(2, b"ldncalc: interrupted\n")
    os._exit(EXIT_INTERRUPTED)


def _set_up_streams() -> None:
    """Standard output and error: both open (else exit 74), and writing what their encoding
    lacks as :func:`readable` does (in UTF-8 too: a lone surrogate from a badly encoded
    argument is escaped, not an error)."""
    codecs.register_error(ERROR_HANDLER, readable)
    closed = [
        what
        for name, what in (("stdout", "output"), ("stderr", "error"))
        if getattr(sys, name) is None
    ]
    if closed:
        if sys.stderr is not None:
            sys.stderr.write(f"ldncalc: cannot write the output (standard {closed[0]} is closed)\n")
        sys.exit(EXIT_OUTPUT)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors=ERROR_HANDLER)
