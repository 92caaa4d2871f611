"""Checks shared by every preparation: the dose range, the days of supply against the BUD,
reading the options that are counts or durations, and text free of control characters."""

from __future__ import annotations

import datetime
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, ParamSpec, TypeVar

from pydantic import AfterValidator, StringConstraints, ValidationError

from ldncalc.errors import InputError, LdnCalcError, UnsafeInputError
from ldncalc.formatting import typed
from ldncalc.limits import Limits
from ldncalc.messages import Message
from ldncalc.units import (
    DAY,
    DIMENSIONLESS,
    DURATION,
    MASS,
    MCG,
    MG,
    OVERAGE_PERCENT,
    TABLET_STRENGTH,
    Kind,
    Qty,
    Quantity,
    as_quantity,
    converted,
    parse_count,
)

P = ParamSpec("P")
R = TypeVar("R")


def only_accepted_fixes(calculate: Callable[P, R]) -> Callable[P, R]:
    """``calculate`` (a preparation, called with keyword arguments) whose refusals suggest
    only what it accepts. The parser suggests what to write from the text alone ("1,000d":
    write 1000d or 1d), not knowing the option's range, the BUD or the other options: each
    suggestion (``written``) is tried in the input's place, those refused again are dropped,
    and when none is left, ``instead`` is the first one's refusal, whose fix (the range) is
    shown. Every fix a message suggests must itself be accepted (the project's rule 4)."""

    @functools.wraps(calculate)
    def checked(*args: P.args, **inputs: P.kwargs) -> R:
        try:
            return calculate(*args, **inputs)
        except InputError as error:
            raise _accepted_only(error, functools.partial(calculate, *args), inputs) from None

    return checked


def _accepted_only(
    error: InputError, calculate: Callable[..., object], inputs: dict[str, Any]
) -> InputError:
    written = error.params.get("written")
    name = error.parameter
    if written is None or not isinstance(inputs.get(name), str):
        return error
    several = isinstance(written, tuple | list)
    kept, refusals = [], []
    for fix in written if several else (written,):
        try:
            calculate(**{**inputs, name: typed(fix) if isinstance(fix, Quantity) else str(fix)})
        except LdnCalcError as refused:
            if refused.is_input and refused.parameter == name:
                refusals.append(refused)
                continue
        kept.append(fix)
    if not refusals:
        return error
    params = {**error.params, "written": tuple(kept) if several else (kept or [None])[0]}
    if not kept:
        params["instead"] = refusals[0]
    return type(error)(name, error.value, code=error.code, **params)


def require_text(
    value: object, option: str, fix: str = "", *, code: str | None = None, **params: Any
) -> str:
    """``value`` when it is text; else the :class:`InputError` a library caller gets for a
    number, a list, ``None``… where the option takes text. Its fix is the one of the refusal
    ``code`` (with ``params``), the option's refusal of text it cannot read; ``fix``, English
    words, is the form from before codes."""
    if isinstance(value, str):
        return value
    raise InputError(
        option, value, code="value-not-text", type=type_name(value), fix_code=code, fix_text=fix,
        **params,
    )  # fmt: skip


def validation_problem(
    item: Any, where: str, error_type: type[LdnCalcError] = InputError, *, strip_field: bool = False
) -> LdnCalcError:
    """One problem pydantic found in a file (an item of :meth:`ValidationError.errors`) as an
    ldncalc error placed at ``where`` (the field), so that it is said in the reader's language:
    a refusal of ldncalc's own by its code, pydantic's by its kind (its English message kept
    for the English reader, word for word). ``strip_field``: a message starting with the
    field's name (a quantity's) does not name it twice."""
    context = item.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, LdnCalcError):
        return error_type(where, cause.value, code=cause.code, place=True, **cause.params)
    inner = cause.__context__ if isinstance(cause, ValueError) else None
    if isinstance(inner, LdnCalcError):  # a quantity field's refusal, given to pydantic as text
        if strip_field or not item["loc"]:
            return error_type(where, inner.value, code=inner.code, place=True, **inner.params)
        field = str(item["loc"][-1])  # its message names the field after the place: kept
        named = error_type(field, inner.value, code=inner.code, place=True, **inner.params)
        return error_type(where, None, code="validation-field-error", place=True, error=named)
    message = item["msg"].removeprefix("Value error, ")
    if strip_field and item["loc"]:
        message = message.removeprefix(f"{item['loc'][-1]}: ")
    details = tuple(
        (name, value)
        for name, value in context.items()
        if isinstance(value, str | int | float | Decimal) and not isinstance(value, bool)
    )
    return error_type(
        where, None, code="validation-message", place=True,
        kind=item["type"], message=message, context=details,
    )  # fmt: skip


def validation_problems(
    error: ValidationError, root: str, error_type: type[LdnCalcError], *, strip_field: bool = False
) -> tuple[LdnCalcError, ...]:
    """Every problem of ``error``, each placed at its field (``root`` for the file as a whole)."""
    return tuple(
        validation_problem(
            item,
            ".".join(str(part) for part in item["loc"]) or root,
            error_type,
            strip_field=strip_field,
        )
        for item in error.errors()
    )


def control_characters(text: str) -> str:
    """The characters of ``text`` that make it print other than it reads: line breaks and
    other control characters (a terminal escape code starts with ESC, U+001B) and format
    characters (a bidirectional override such as U+202E, a zero-width space). A tab is not
    one of them: it reads as a space."""
    if text.isprintable():  # no "Other" and no separator but the space: nothing to find
        return ""
    return "".join(
        c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c != "\t"
    )


def _plain(text: str) -> str:
    if control_characters(text):
        raise InputError("text", None, code="text-control-characters-plain", place=True)
    return text


# Text in a formulation record, catalog or protocol (names, method, quality checks…): it is
# printed on screens, labels and records as a patient's name is, and refused as one is when it
# holds control characters (issue 9 §8). ``Text`` may not be empty; ``PlainText`` may.
PlainText = Annotated[str, AfterValidator(_plain)]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(_plain)
]


def type_name(value: object) -> str | None:
    """The name of ``value``'s type, for a message (None for ``None``)."""
    return None if value is None else type(value).__name__


def read_dose(
    value: object, *, option: str, limits: Limits, doses_per_day: int, kind: Kind = MASS
) -> tuple[Qty, list[Message]]:
    """A dose (or capsule strength) inside the low-dose range, in the unit it is shown in
    (:func:`dose_unit`), and the warnings it earns. ``kind`` gives the example a refusal
    shows (a first dose: 0.5mg, not the usual target 4.5mg)."""
    dose = dose_unit(as_quantity(value, option=option, kinds=(kind,)))
    low, high = limits.dose_minimum, limits.dose_maximum
    if dose < low:
        raise UnsafeInputError(option, value, code="dose-below-minimum", minimum=low, maximum=high)
    if dose > high:
        raise UnsafeInputError(option, value, code="dose-above-maximum", maximum=high)
    daily = dose * doses_per_day if doses_per_day > 1 else dose
    if daily > high:
        raise UnsafeInputError(
            "doses_per_day", doses_per_day, code="daily-dose-above-maximum",
            daily=daily, dose=dose, maximum=high,
        )  # fmt: skip
    warnings: list[Message] = []
    usual = {"dose": dose, "low": limits.dose_warn_below, "high": limits.dose_warn_above}
    concerns = option.removeprefix("--").replace("-", "_")
    if dose < limits.dose_warn_below:
        warnings.append(Message(code="dose-below-usual-range", params=usual, concerns=concerns))
    elif dose > limits.dose_warn_above:
        warnings.append(Message(code="dose-above-usual-range", params=usual, concerns=concerns))
    return dose, warnings


def dose_unit(dose: Qty) -> Qty:
    """``dose`` in the unit a dose is shown in: mg, or mcg below 1 mg unless it was written in
    mg (25 mcg stays 25 mcg, 0.5 mg stays 0.5 mg); never in g (ISMP: 0.0045 g is a misread
    waiting to happen), and 4500 mcg is 4.5 mg."""
    if dose.units == MG:
        return dose
    return converted(dose, MG if dose >= _ONE_MG else MCG)


_ONE_MG = Quantity(1, MG)


def read_doses_per_day(value: object, limits: Limits) -> int:
    return read_count(value, "--doses-per-day", 1, limits.doses_per_day_maximum)


def read_days(value: object, limits: Limits, *, option: str = "--days") -> int:
    """Days of supply: a whole number of days (``30``) or a duration (``30d``, ``4w``)."""
    try:
        return _read_days(value, limits, option)
    except InputError as error:
        if error.code != "decimal-comma" or not isinstance(value, str):
            raise
        # the parser would suggest 2.5d for 2,5: a fraction of a day, itself refused; say so
        # with the whole days to write instead
        try:
            _read_days(value.replace(",", "."), limits, option)
        except InputError as meant:
            if meant.code == "days-not-whole":
                raise InputError(option, value, code=meant.code, **meant.params) from None
        raise error from None


def _read_days(value: object, limits: Limits, option: str) -> int:
    maximum = limits.days_maximum
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        return read_count(value, option, 1, limits.days_maximum)
    if isinstance(value, str) and re.fullmatch(r"[0-9]+\.[0-9]+", value.strip(), re.ASCII):
        number = Decimal(value.strip())
        near = [n for n in dict.fromkeys((int(number), math.ceil(number))) if 1 <= n <= maximum]
        raise InputError(option, value, code="days-not-whole", written=tuple(near), maximum=maximum)
    duration = as_quantity(value, option=option, kinds=(DURATION,))
    days = duration.to(DAY).magnitude
    if days != days.to_integral():
        below, above = max(1, int(days)), int(days) + 1
        written = tuple(Quantity(n, DAY) for n in dict.fromkeys((below, above)))
        raise InputError(option, value, code="days-not-whole", written=written, maximum=maximum)
    if not 1 <= days <= limits.days_maximum:
        raise UnsafeInputError(
            option, value, code="days-out-of-range", days=int(days), maximum=maximum
        )
    return int(days)


def read_count(value: object, option: str, minimum: int, maximum: int) -> int:
    """A whole number from ``minimum`` to ``maximum`` given as text or an int."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        written = int(value) if isinstance(value, float) and value.is_integer() else None
        raise InputError(
            option, value, code="count-not-int", type=type(value).__name__ if value is not None
            else None, written=written, minimum=minimum, maximum=maximum,
        )  # fmt: skip
    return parse_count(value, option=option, minimum=minimum, maximum=maximum)


def read_overage(
    value: str | int, count: int, limits: Limits
) -> tuple[int, Qty | None, Decimal | None]:
    """Extra capsules: a count (``2``) or a percentage of the quantity, rounded up (``5%``),
    within ``limits`` (the extra count, the percentage and its exact value). Read alike from
    ``--overage`` and from a formulation record's default."""
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        extra = read_count(value, "--overage", 0, limits.overage_count_maximum)
        return extra, None, None
    if isinstance(value, str) and re.fullmatch(r"0+(\.0+)?\s*%", value.strip()):
        return 0, None, None
    percent = as_quantity(value, option="--overage", kinds=(OVERAGE_PERCENT,))
    if percent > limits.overage_percent_maximum:
        raise UnsafeInputError(
            "overage",
            value,
            code="capsule-overage-too-high",
            maximum=limits.overage_percent_maximum,
        )
    exact = count * percent.to(DIMENSIONLESS).magnitude
    extra = math.ceil(exact)
    return extra, percent, exact


def read_tablet_strength(value: object, default: Qty | None, limits: Limits) -> Qty:
    """The tablets' strength as naltrexone HCl: ``value`` if given, else the record's."""
    if value is None:
        assert default is not None  # a record made from tablets has one (checked on load)
        return converted(default, MG)
    strength = converted(
        as_quantity(value, option="--tablet-strength", kinds=(TABLET_STRENGTH,)), MG
    )
    low, high = limits.tablet_strength_minimum, limits.tablet_strength_maximum
    if not low <= strength <= high:
        raise UnsafeInputError(
            "tablet_strength", value, code="tablet-strength-outside", low=low, high=high
        )
    return strength


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# Any date read is in this century: 0001-01-01 or 9999-12-25 is a typo, and a BUD added to
# the latter would overflow the calendar.
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)


def read_date(value: object, option: str) -> datetime.date:
    """An ISO 8601 calendar date (``YYYY-MM-DD``) and nothing else: ``11/12/2026`` is two
    different days in Canada and in the United States. Every date is between 2000 and 2099."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        day = value
    else:
        text = value.strip() if isinstance(value, str) else ""
        if not _ISO_DATE.fullmatch(text):
            raise InputError(option, value, code="date-not-iso")
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            raise InputError(option, value, code="date-not-real") from None
    if not EARLIEST <= day <= LATEST:
        raise UnsafeInputError(
            option, value, code="date-out-of-range", earliest=EARLIEST.year, latest=LATEST.year
        )
    return day


def days_of_supply(doses: int, doses_per_day: int, bud_days: int) -> int:
    """The days of supply of a container of ``doses`` whole doses (its spare left out): the
    whole days they last, never more than the BUD. The one definition for every path (a plain
    liquid, a serial dilution, capsules and so each titration capsule batch; a titration fill
    lasts at most the BUD by construction), on screen, label, record and JSON."""
    return min(doses // doses_per_day, bud_days)
