"""The words of ldncalc: every message record rendered for one reader.

A reader is a :class:`Voice`: a language (``en``, or ``fr`` for French as written in Canada)
and a surface (``cli``, whose inputs are options such as ``--target``, or ``library``, whose
inputs are keyword arguments such as ``target=``). The engine hands over records
(:class:`~ldncalc.messages.Message`, :class:`~ldncalc.messages.Step`,
:class:`~ldncalc.errors.LdnCalcError`); this package chooses their words.

Each module of this package holds the words of one area (``liquid``, ``capsule``…): one
function per message code, registered with :func:`words`, that writes the message in both
languages from its parameters, so a translation sits beside its English and a code without
French cannot be written. Numbers, quantities, counts and dates go through the voice, which
uses the one ISMP formatter (:mod:`ldncalc.formatting`; French numbers, dates and plurals
from CLDR through Babel).

A module here is imported only when a message is first rendered.
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeVar

from ldncalc.formatting import (
    MAX_PLACES,
    format_count_in,
    format_date,
    format_number,
    format_quantity,
    typed,
)

if TYPE_CHECKING:
    import pint

    from ldncalc.errors import LdnCalcError
    from ldncalc.messages import Message, Step
    from ldncalc.units import Qty

Lang = Literal["en", "fr"]
Surface = Literal["cli", "library"]
LANGS: tuple[Lang, ...] = ("en", "fr")


class Voice(NamedTuple):
    """Who a message is written for: a language and a surface (CLI or library)."""

    lang: Lang = "en"
    surface: Surface = "library"

    @classmethod
    def of(cls, lang: str, surface: str) -> Voice:
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
        if surface not in ("cli", "library"):
            raise ValueError(f"surface must be cli or library, not {surface!r}")
        return cls(lang, surface)  # type: ignore[arg-type]

    @property
    def fr(self) -> bool:
        """Whether this voice writes French."""
        return self.lang == "fr"

    def q(self, quantity: Qty, places: int = MAX_PLACES, *, unit: pint.Unit | None = None) -> str:
        """A quantity in this language (``4.5 mg``; French ``4,5 mg``)."""
        return format_quantity(quantity, places, unit=unit, lang=self.lang)

    def n(self, number: Decimal | int, places: int = MAX_PLACES) -> str:
        """A number in this language (``1,000``; French ``1 000``)."""
        return format_number(number, places, lang=self.lang)

    def counted(self, number: int, noun: str) -> str:
        """A count and its noun, in this language and its plural rule (``22 doses``, ``1
        dose``; French ``1 comprimé``, ``0 comprimé``, ``2 comprimés``). ``noun`` is a key
        of :data:`NOUNS`."""
        return format_count_in(number, NOUNS[noun][self.lang], self.lang)

    def date(self, day: datetime.date) -> str:
        """A date as a label prints it: ``06 Dec 2026`` (French ``06 déc. 2026``)."""
        return format_date(day, self.lang)

    def option(self, parameter: str, value: object = None) -> str:
        """An input as this surface names it, with a value to give it if any: ``--days 14``
        on the CLI, ``days=14`` in the library (text quoted: ``concentration="0.5mg/mL"``)."""
        if parameter.startswith("--"):  # already written the CLI's way
            parameter = parameter[2:].replace("-", "_")
        if self.surface == "cli":
            name = "--" + parameter.replace("_", "-")
            return name if value is None else f"{name} {_typed_value(value)}"
        if value is None:
            return f"{parameter}="
        shown = _typed_value(value)
        return f"{parameter}={shown}" if isinstance(value, int) else f'{parameter}="{shown}"'

    def typed(self, quantity: Qty) -> str:
        """A quantity as a person types it (``0.5mg/mL``, ``14d``)."""
        return typed(quantity)


ENGLISH = Voice()  # a library caller's, the default


def _typed_value(value: object) -> str:
    from ldncalc.units import Quantity

    return typed(value) if isinstance(value, Quantity) else str(value)


# Counted nouns in each language, (singular, plural). French after the Office québécois de la
# langue française: the singular for 0 and 1 (CLDR's plural rule for fr), plural from 2.
NOUNS: dict[str, dict[Lang, tuple[str, str]]] = {
    "tablet": {"en": ("tablet", "tablets"), "fr": ("comprimé", "comprimés")},
    "capsule": {"en": ("capsule", "capsules"), "fr": ("capsule", "capsules")},
    "dose": {"en": ("dose", "doses"), "fr": ("dose", "doses")},
    "day": {"en": ("day", "days"), "fr": ("jour", "jours")},
    "week": {"en": ("week", "weeks"), "fr": ("semaine", "semaines")},
    "step": {"en": ("step", "steps"), "fr": ("palier", "paliers")},
    "dilution": {"en": ("dilution", "dilutions"), "fr": ("dilution", "dilutions")},
    "shell": {"en": ("shell", "shells"), "fr": ("capsule vide", "capsules vides")},
    "time": {"en": ("time", "times"), "fr": ("fois", "fois")},
    "fill": {"en": ("fill", "fills"), "fr": ("préparation", "préparations")},
    "drop": {"en": ("drop", "drops"), "fr": ("goutte", "gouttes")},
    "pump": {"en": ("pump", "pumps"), "fr": ("pression", "pressions")},
    "application": {"en": ("application", "applications"), "fr": ("application", "applications")},
}

# -- the words of each code -------------------------------------------------------------------

Params = Mapping[str, Any]
TextWords = Callable[[Params, Voice], str]
StepWords = Callable[[Params, Voice], tuple[str, str, str]]
ErrorWords = Callable[[Params, Voice], tuple[str, str]]
W = TypeVar("W", bound=Callable[..., Any])

_WORDS: dict[str, Callable[..., Any]] = {}
_loaded = False
# the fixed phrase tables of labels and records: no codes, imported by the documents alone
# (some 6 ms that a plain calculation's screen does not pay)
_NO_WORDS = frozenset({"phrases"})


def words(code: str) -> Callable[[W], W]:
    """Register the function that writes ``code``'s words from its parameters and a voice.

    A message's function returns its text; a step's, its (name, formula, calculation); an
    error's, its (problem, fix). A code is registered once."""

    def register(function: W) -> W:
        if code in _WORDS:
            raise RuntimeError(f"message code {code!r} has words twice")
        _WORDS[code] = function
        return function

    return register


def _load() -> None:
    """Import every module of this package: each registers the words of its codes."""
    global _loaded
    if _loaded:
        return
    for module in _word_modules():
        importlib.import_module(f"{__name__}.{module}")
    _loaded = True


def _word_modules() -> list[str]:
    return [
        module.name
        for module in pkgutil.iter_modules(__path__)
        if not module.name.startswith("_") and module.name not in _NO_WORDS
    ]


def module_of_each_code() -> dict[str, str]:
    """Which module of this package registers each code, found by importing them one by one
    in a fresh process (``python -m ldncalc.locale._modules`` writes it down)."""
    found: dict[str, str] = {}
    for module in _word_modules():
        before = set(_WORDS)
        importlib.import_module(f"{__name__}.{module}")
        found.update(dict.fromkeys(sorted(set(_WORDS) - before), module))
    return found


def _words_of(code: str) -> Callable[..., Any]:
    words = _WORDS.get(code)
    if words is None:  # the one module that has them (the rest are not needed), else all
        from ldncalc.locale._modules import MODULES

        if code in MODULES:
            importlib.import_module(f"{__name__}.{MODULES[code]}")
        if code not in _WORDS:
            _load()
        words = _WORDS.get(code)
    if words is None:
        raise LookupError(f"message code {code!r} has no words")
    return words


def codes() -> tuple[str, ...]:
    """Every code that has words, sorted."""
    _load()
    return tuple(sorted(_WORDS))


def render_text(message: Message, voice: Voice | None = None) -> str:
    """A warning or note in words."""
    text: str = _words_of(message.code)(message.params, voice or ENGLISH)
    return text


def render_step(step: Step, voice: Voice | None = None) -> tuple[str, str, str]:
    """A calculation step's name, formula and calculation in words."""
    parts: tuple[str, str, str] = _words_of(step.code)(step.params, voice or ENGLISH)
    return parts


def render_error(error: LdnCalcError, voice: Voice | None = None) -> tuple[str, str]:
    """An error's problem and fix in words."""
    parts: tuple[str, str] = _words_of(error.code)(error.params, voice or ENGLISH)
    instead = error.params.get("instead")
    if instead is not None:
        # none of the fixes it would suggest is accepted: why the first is not, and the range
        problem, fix = render_error(instead, voice)
        value = f'"{instead.value}" ' if instead.value is not None else ""  # else in its words
        return parts[0], f"{value}{problem}; {fix}"

    return parts


def render(item: Message | str, voice: Voice | None = None) -> str:
    """A message in words; text that is already words (a formulation record's) as it is."""
    voice = voice or ENGLISH
    return item if isinstance(item, str) else item.text(voice.lang, voice.surface)
