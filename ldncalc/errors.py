"""Every error ldncalc raises on purpose, in one tree.

::

    LdnCalcError                      base: code, parameter, value, params
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

import datetime
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ldncalc.locale import Voice

EXIT_OK = 0
EXIT_INPUT = 2  # any bad or unsafe input, formulation file errors included
EXIT_BUG = 70  # an unexpected error inside ldncalc (BSD EX_SOFTWARE): a bug to report
EXIT_OUTPUT = 74  # the output could not be written, e.g. a full disk (BSD EX_IOERR)
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as a shell reports a command it interrupted)
# A value longer than this is shown shortened in a message: its start, its end and its length
SHOWN_MAXIMUM = 400


class LdnCalcError(Exception):
    """Base of every ldncalc error: a record, rendered for its reader.

    ``code`` is the stable code of the refusal (``decimal-comma``; README lists them),
    ``parameter`` the input it concerns, named as the library names it (``target``; the CLI
    shows ``--target``), or the place it was found (a file and field), ``value`` what was
    read, and ``params`` the figures the words are written from (``place=True``: the parameter
    is a place even if it reads like an input, e.g. a profile's field ``name``).
    :meth:`render` writes it for a :class:`~ldncalc.locale.Voice` (English or French, CLI or
    library); ``str()`` is the library's English. ``problem`` and ``fix`` are the two halves
    of that text.
    """

    exit_code = EXIT_INPUT  # what the command line exits with

    def __init__(
        self,
        parameter: str,
        value: object = None,
        *,
        code: str,
        place: bool = False,
        **params: Any,
    ) -> None:
        self.code = code
        # an input (``target``, or ``--target`` as the CLI writes it) or a place (``x.toml:
        # limits``), shown as it is on every surface; ``place``: a field named like an input
        self.is_input = not place and _is_input(parameter)
        self.parameter = _library_name(parameter) if self.is_input else parameter
        self.value = value
        self.params = params
        super().__init__(self.render())

    @property
    def option(self) -> str:
        """The input as the CLI names it (``--target``), or the place (a file and field)."""
        return "--" + self.parameter.replace("_", "-") if self.is_input else self.parameter

    @property
    def problem(self) -> str:
        """What is wrong, in the library's English."""
        return self._words(None)[0]

    @property
    def fix(self) -> str:
        """What would be accepted, in the library's English."""
        return self._words(None)[1]

    def _words(self, voice: Voice | None) -> tuple[str, str]:
        from ldncalc.locale import render_error

        return render_error(self, voice)

    def render(self, lang: str = "en", surface: str = "library") -> str:
        """The one-line message for a reader: ``--target: "4,5mg" uses a decimal comma; write
        4.5mg`` on the CLI, ``target="4,5mg": uses a decimal comma; write 4.5mg`` in the
        library."""
        from ldncalc.locale import Voice

        voice = Voice.of(lang, surface)
        problem, fix = self._words(voice)
        # `is`/isinstance, not `in`: comparing a pint Quantity with "" can itself raise
        shown = self.value is not None and not (isinstance(self.value, str) and not self.value)
        value = f'"{_one_line(_shown(self.value))}"' if shown else ""
        # French numbers group thousands with no-break spaces (CLDR); English ones never do,
        # so in English any such space is one that was typed, and shown as its escape
        keep = _NUMBER_SPACES if voice.lang == "fr" else ""
        words = _one_line(f"{problem}; {fix}" if fix else problem, keep=keep)
        if surface == "cli" or not self.is_input:
            where = _one_line(self.option if surface == "cli" else self.parameter)
            return f"{where}:{' ' + value if value else ''} {words}"
        return f"{_one_line(self.parameter)}={value}: {words}"

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.parameter!r}, {_shown(self.value)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # pickle and copy: the state as plain data (a library caller's value may be anything)
        state = dict(self.__dict__)
        state["value"] = _plain(self.value)
        state["params"] = {name: _plain(item) for name, item in self.params.items()}
        return (_rebuild, (type(self), state))


def _rebuild(cls: type[LdnCalcError], state: dict[str, Any]) -> LdnCalcError:
    error = cls.__new__(cls)
    state["value"] = _unplain(state["value"])
    state["params"] = {name: _unplain(item) for name, item in state["params"].items()}
    error.__dict__.update(state)
    Exception.__init__(error, error.render())
    return error


_INPUT = re.compile(r"(?:--)?[a-z][a-z0-9_-]*")


def _is_input(name: str) -> bool:
    """Whether ``name`` names an input (``target``, ``--doses-per-day``), not a place."""
    return _INPUT.fullmatch(name) is not None


def _library_name(name: str) -> str:
    """``--doses-per-day`` → ``doses_per_day``."""
    return name.removeprefix("--").replace("-", "_")


class _PickledQuantity(NamedTuple):
    magnitude: str
    units: tuple[tuple[str, Any], ...]


def _plain(value: object) -> object:
    """``value`` as something pickle always takes: a Quantity as its magnitude and unit
    names, a date or number as it is, anything else as its text."""
    from ldncalc.units import Quantity

    if isinstance(value, Quantity):
        return _PickledQuantity(str(value.magnitude), tuple(value.unit_items()))
    if value is None or isinstance(value, str | int | float | Decimal | datetime.date):
        return value
    if isinstance(value, LdnCalcError):  # a problem inside a file's error: pickles itself
        return value
    if isinstance(value, tuple | list):
        return tuple(_plain(item) for item in value)
    return _shown(value)


def _unplain(value: object) -> object:
    if isinstance(value, _PickledQuantity):
        from ldncalc.units import Quantity, ureg

        magnitude = Decimal(value.magnitude)
        return Quantity(magnitude, ureg.Unit(ureg.UnitsContainer(dict(value.units))))
    if isinstance(value, tuple):  # e.g. the concentrations a fix names
        return tuple(_unplain(item) for item in value)
    return value


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


def _one_line(text: str, keep: str = "") -> str:
    """``text`` with line breaks and invisible characters written as escapes (``\\n``,
    ``\\u200b``): a message stays one line and shows exactly what was read. Characters in
    ``keep`` stay as they are (the no-break spaces of French numbers, in the words)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else repr(c)[1:-1] for c in text)


_NUMBER_SPACES = "\u00a0\u202f"  # CLDR's group separators (fr_CA), inside our own words


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
