"""Every error ldncalc raises on purpose, in one tree.

::

    LdnCalcError                      base: option, value, problem, fix
    ├── InputError(ValueError)        a value could not be read as written
    ├── UnsafeInputError(ValueError)  read fine, but out of range or not preparable safely
    ├── OutputError(OSError)          a file could not be written (a full disk, an I/O error)
    ├── FormulationError(ValueError)  a formulation or catalog file is invalid
    │   └── FormulationNotFoundError(LookupError)
    ├── LogError(ValueError)          the compounding log refuses: not a log, unknown lot…
    └── LogAccessError(OSError)       the log cannot be opened, written or reached (exit 74)

Each error also inherits a builtin, so ``except ValueError`` in a caller that does not know
ldncalc still catches it. The message is built in one place (:meth:`LdnCalcError.__str__`):
``--target: "4,5mg" uses a decimal comma; write 4.5mg``. The command line prints exactly that
line and exits with the error's :attr:`~LdnCalcError.exit_code` (:data:`EXIT_INPUT`, or
:data:`EXIT_OUTPUT` for an :class:`OutputError`); a person never sees a traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INPUT = 2  # any bad or unsafe input, formulation file errors included
EXIT_BUG = 70  # an unexpected error inside ldncalc (BSD EX_SOFTWARE): a bug to report
EXIT_OUTPUT = 74  # the output could not be written, e.g. a full disk (BSD EX_IOERR)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as a shell reports a command it interrupted)
# A value longer than this is shown shortened in a message: its start, its end and its length
SHOWN_MAXIMUM = 400


class LdnCalcError(Exception):
    """Base of every ldncalc error.

    ``option`` names what was wrong (a CLI option such as ``--target``, or a file and field),
    ``value`` is the text that was read, ``problem`` says what is wrong with it and ``fix``
    says what would be accepted.
    """

    exit_code = EXIT_INPUT  # what the command line exits with

    def __init__(self, option: str, value: object, problem: str, fix: str = "") -> None:
        self.option = option
        self.value = value
        self.problem = problem
        self.fix = fix
        super().__init__(str(self))

    def __str__(self) -> str:
        # `is`/isinstance, not `in`: comparing a pint Quantity with "" can itself raise
        shown = self.value is not None and not (isinstance(self.value, str) and not self.value)
        value = f' "{_shown(self.value)}"' if shown else ""
        fix = f"; {self.fix}" if self.fix else ""
        return _one_line(f"{self.option}:{value} {self.problem}{fix}")


def _shown(value: object) -> str:
    """``value`` as text for a message, shortened when very long (a library caller may pass
    anything: an int of 5,000 digits cannot even be turned into text)."""
    try:
        text = str(value)
    except Exception:  # e.g. an int beyond Python's limit for integer-to-text conversion
        name = type(value).__name__
        return f"{'an' if name[:1] in tuple('aeiou') else 'a'} {name} that cannot be shown"
    if len(text) <= SHOWN_MAXIMUM:
        return text
    return f"{text[:60]}...{text[-30:]} ({len(text):,} characters)"


def _one_line(text: str) -> str:
    """``text`` with line breaks and invisible characters written as escapes (``\\n``,
    ``\\u200b``): a message stays one line and shows exactly what was read."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class InputError(LdnCalcError, ValueError):
    """A value that cannot be read exactly as the person meant it (unit, comma, syntax)."""


class UnsafeInputError(LdnCalcError, ValueError):
    """A value that was read, but is out of range or gives a preparation that is not safe."""


class OutputError(LdnCalcError, OSError):
    """A file that was asked for could not be written: a full disk, an I/O error, a folder
    that refuses it. Nothing is left half-written (:mod:`ldncalc.labels.files`)."""

    exit_code = EXIT_OUTPUT


class FormulationError(LdnCalcError, ValueError):
    """A formulation record or reference catalog that is missing, malformed or inconsistent.

    ``problems`` lists every problem found in the file (the message shows the first)."""

    problems: tuple[str, ...] = ()


class FormulationNotFoundError(FormulationError, LookupError):
    """No formulation has the requested id."""


class LogError(LdnCalcError, ValueError):
    """The compounding log refuses what was asked (an unknown lot, a lot released twice, a
    file that is not a log, a log from a newer ldncalc)."""


class LogAccessError(LdnCalcError, OSError):
    """The compounding log cannot be read, written or reached: exit :data:`EXIT_OUTPUT`."""

    exit_code = EXIT_OUTPUT
