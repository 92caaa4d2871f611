"""The pharmacy profile: who prints the labels, on which label stock, in which language.

Stored once, as TOML, in the user's configuration folder (``ldncalc config init`` writes it,
``ldncalc config show`` checks and shows it) or given per command with ``--pharmacy FILE``::

    name = "Main Street Compounding Pharmacy"
    address = ["12 Main Street", "Springfield, ON K1A 0B1"]
    phone = "613-555-0100"
    pharmacist = "A. Martin, RPh"
    lang = "en"         # label language by default: en or fr (--lang overrides)
    paper = "letter"    # compounding record paper: letter or a4

    [label]             # label stock: in or mm
    width = "4in"
    height = "2in"

    [balance]           # the balance named on compounding records
    name = "Class A prescription balance"
    sensitivity = "6mg"

    [shell_weights.gelatin]  # empty capsule shells weighed: the average of 10, by size
    "1" = "75.2mg"

The folder is ``$LDNCALC_CONFIG_DIR`` when set, else the platform's: ``$XDG_CONFIG_HOME/ldncalc``
(``~/.config/ldncalc``) on Linux, ``~/Library/Application Support/ldncalc`` on macOS,
``%APPDATA%\\ldncalc`` on Windows.
"""

import json
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)

from ldncalc.checks import only_accepted_fixes, type_name, validation_problem
from ldncalc.config_paths import (  # re-exported: where the profile lives
    ENVIRONMENT_VARIABLE as ENVIRONMENT_VARIABLE,
)
from ldncalc.config_paths import PROFILE_FILE as PROFILE_FILE
from ldncalc.config_paths import config_dir as config_dir
from ldncalc.config_paths import default_path as default_path
from ldncalc.config_paths import path_kind, profile_option, without_password
from ldncalc.errors import InputError, LdnCalcError
from ldncalc.formatting import format_number, format_quantity, typed
from ldncalc.quantities import Mass
from ldncalc.toml_files import read_toml
from ldncalc.units import BALANCE_SENSITIVITY, INCH, LENGTH, MG, MM, Quantity, parse_quantity

POINTS_PER_INCH = Decimal(72)  # PDF points
# Label stock from a 1 × 0.75 in vial label to a 8 × 8 in sheet; the layout refuses a label
# whose text does not fit, whatever its size.
MINIMUM_POINTS = (Decimal(72), Decimal(54))
MAXIMUM_POINTS = Decimal(8 * 72)
MAXIMUM_LINES = 4  # of the address
_TIMES = re.compile(r"[x×]", re.IGNORECASE)  # between width and height: 4x2in, 4 in × 2 in


@dataclass(frozen=True)
class Length:
    """A length of label stock, as written: ``4 in``, ``102 mm``."""

    value: Decimal
    unit: Literal["in", "mm"]

    @property
    def points(self) -> float:
        """The length in PDF points (1/72 in)."""
        inches = Quantity(self.value, _UNITS[self.unit]).to(INCH).magnitude
        return float(inches * POINTS_PER_INCH)

    def __str__(self) -> str:
        return f"{format_number(self.value)} {self.unit}"


_UNITS = {"in": INCH, "mm": MM}


def read_length(text: object, option: str = "length") -> Length:
    """``4in``, ``4 in``, ``101.6mm``: a length of label stock in inches or millimetres, read
    by :func:`ldncalc.units.parse_quantity` (so ``4,5in`` and ``.5in`` are refused as any
    amount is)."""
    if isinstance(text, Length):
        return text
    if not isinstance(text, str):
        raise InputError(option, text, code="length-not-text", place=not option.startswith("--"))
    length = parse_quantity(text, option=option, kinds=(LENGTH,))
    unit: Literal["in", "mm"] = "in" if length.units == INCH else "mm"
    return Length(length.magnitude, unit)


def read_label_size(text: str, option: str = "--label-size") -> tuple[Length, Length]:
    """``4x2in``, ``4in x 2in``, ``102x51mm``: width × height of the label stock; a width
    written without a unit takes the height's."""
    parts = _TIMES.split(text)
    if len(parts) != 2 or not all(part.strip() for part in parts):
        raise InputError(option, text, code="label-size-unknown")
    try:
        height = read_length(parts[1], option)
        width = parts[0].strip()
        if width[-1:].isdigit():  # 4x2in: the width's unit is the height's
            width += height.unit
        return read_length(width, option), height
    except InputError as error:  # quote the size as typed, not the half of it
        raise InputError(option, text, code=error.code, **error.params) from None


def _length(value: object) -> Length:
    try:
        return read_length(value)
    except InputError as error:  # placed at its field by _problems
        shown = value if isinstance(value, str) else None
        raise InputError("length", shown, code=error.code, place=True, **error.params) from None


LengthField = Annotated[
    Length,
    PlainValidator(_length),
    PlainSerializer(lambda length: f"{length.value:f}{length.unit}", return_type=str),
    WithJsonSchema({"type": "string", "examples": ["4in", "102mm"]}),
]


def _one_line(value: str) -> str:
    if any(c in value for c in "\r\n\t\x00") or not value.isprintable():
        raise InputError("text", None, code="profile-not-one-line", place=True)
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    BeforeValidator(lambda v: _one_line(v) if isinstance(v, str) else v),
]


class _Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _printable(value: Any, info: ValidationInfo) -> Any:
    """What the profile prints, refused as a label refuses it: the same check
    (:func:`~ldncalc.fonts.check_printable`) when the profile is written, shown or
    used, so that ``config init`` never accepts a name that every label would refuse."""
    from ldncalc.fonts import check_printable  # its font is read only for non-ASCII text

    for text in value if isinstance(value, tuple) else (value,):
        check_printable(text, str(info.field_name))
    return value


class LabelStock(_Profile):
    """The label the printer is loaded with (default 4 × 2 in, common pharmacy stock)."""

    width: LengthField = Length(Decimal(4), "in")
    height: LengthField = Length(Decimal(2), "in")

    @field_validator("width", "height")
    @classmethod
    def _in_range(cls, length: Length, info: Any) -> Length:
        smallest = MINIMUM_POINTS[0 if info.field_name == "width" else 1]
        if not smallest <= Decimal(str(length.points)) <= MAXIMUM_POINTS:
            raise InputError(
                str(info.field_name), None, code="label-stock-out-of-range", place=True,
                length=length.value, unit=length.unit, smallest=smallest / 72,
                largest=MAXIMUM_POINTS / 72,
            )  # fmt: skip
        return length

    def __str__(self) -> str:
        if self.width.unit == self.height.unit:
            return f"{format_number(self.width.value)} × {self.height}"
        return f"{self.width} × {self.height}"


class Balance(_Profile):
    """The pharmacy's usual balance, printed on compounding records."""

    name: Text
    sensitivity: Mass | None = None

    _check_printable = field_validator("name")(_printable)

    @field_validator("sensitivity")
    @classmethod
    def _plausible(cls, sensitivity: Any) -> Any:
        if sensitivity is not None and not 0.001 <= sensitivity.to(MG).magnitude <= 100:
            raise InputError(
                "sensitivity", None, code="balance-sensitivity-out-of-range", place=True,
                sensitivity=sensitivity,
            )  # fmt: skip
        return sensitivity


class LogSettings(_Profile):
    """``[log]``: where the compounding log is kept (a file path or ``postgresql://…``), and
    whether one pharmacist may verify the lots they prepared (a single-pharmacist pharmacy)."""

    url: str = ""
    single_pharmacist: bool = False


# An empty hard capsule weighs about 28 mg (size 5) to 163 mg (size 000): docs/basis.md §4
SHELL_WEIGHT_RANGE = (Decimal(10), Decimal(250))


def _shell_weights(value: Any) -> Any:
    """Each weighed shell in mg within :data:`SHELL_WEIGHT_RANGE` (76g or 76mcg is a typo),
    for a capsule size the built-in catalog has (docs/basis.md §4, Capsuline size chart): a
    weight for a size that does not exist would never be used, silently."""
    from ldncalc.formulations import builtin_folder, read_catalog  # imports this module

    low, high = SHELL_WEIGHT_RANGE
    known = tuple(s.name for s in read_catalog((builtin_folder(),)).capsule_sizes)
    for material, sizes in value.items():
        for size, weight in sizes.items():
            if size not in known:
                raise InputError(
                    "shell_weights", None, code="shell-size-unknown", place=True,
                    material=material, size=size, known=known,
                )  # fmt: skip
            if not low <= weight.to(MG).magnitude <= high:
                raise InputError(
                    "shell_weights", None, code="shell-weight-out-of-range", place=True,
                    material=material, size=size, weight=weight,
                    low=Quantity(low, MG), high=Quantity(high, MG),
                )  # fmt: skip
    return value


class Profile(_Profile):
    """A validated pharmacy profile."""

    name: Text
    address: tuple[Text, ...] = Field(min_length=1, max_length=MAXIMUM_LINES)
    phone: Text
    pharmacist: str = ""
    lang: Literal["en", "fr"] = "en"  # _CHOICES says so in words
    paper: Literal["letter", "a4"] = "letter"
    label: LabelStock = LabelStock()
    balance: Balance | None = None
    # the pharmacy's own empty-shell weights (the average of 10 weighed) by material, then
    # size: the gross weight of a filled capsule uses them before the catalog's typical ones
    shell_weights: Annotated[
        dict[Literal["gelatin", "hpmc"], dict[str, Mass]], AfterValidator(_shell_weights)
    ] = {}
    log: LogSettings | None = None
    path: str = Field(default="", exclude=True)  # the file it was read from

    @field_validator("address", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        return tuple(value.splitlines()) if isinstance(value, str) else value

    @field_validator("lang", "paper", mode="before")
    @classmethod
    def _choice(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("pharmacist")
    @classmethod
    def _pharmacist(cls, value: str) -> str:
        return _one_line(value.strip())

    _check_printable = field_validator("name", "address", "phone", "pharmacist")(_printable)


def load_profile(path: str | os.PathLike[str] | None = None) -> Profile:
    """The profile at ``path`` (default :func:`default_path`), validated.

    A missing profile is an :class:`InputError` on ``--pharmacy`` that says how to make one;
    an invalid one names the file, the field and the problem.
    """
    if path is not None and not isinstance(path, str | os.PathLike):
        raise InputError("pharmacy", path, code="pharmacy-not-a-path", type=type_name(path))
    file = Path(path) if path is not None else default_path()
    kind = path_kind(file, profile_option(path))
    if path is None and kind == "missing":
        raise InputError("pharmacy", str(file), code="profile-not-found")
    if kind != "file":
        code = (
            "profile-missing"
            if kind == "missing"
            else "profile-is-folder"
            if kind == "folder"
            else "profile-not-a-file"
        )
        raise InputError("pharmacy", str(file), code=code)
    data = read_toml(file, InputError, option="--pharmacy")
    try:
        return Profile.model_validate({**data, "path": str(file)})
    except ValidationError as error:
        raise _profile_error(str(file), error, data) from None


_OPTIONS = {  # profile field -> the `ldncalc config init` option that sets it
    "name": "--name",
    "address": "--address",
    "phone": "--phone",
    "pharmacist": "--pharmacist",
    "lang": "--lang",
    "paper": "--paper",
    "label": "--label-size",
    "balance": "--balance",
}


@only_accepted_fixes  # "--sensitivity 1,000mg": 1000 mg is no balance's sensitivity
def make_profile(
    *,
    name: str | None,
    address: list[str] | tuple[str, ...],
    phone: str | None,
    pharmacist: str = "",
    lang: str = "en",
    paper: str = "letter",
    label_size: str = "4x2in",
    balance: str | None = None,
    sensitivity: str | None = None,
) -> Profile:
    """A profile from ``ldncalc config init``'s options; errors name the option."""
    for option, value in (("--name", name), ("--address", address), ("--phone", phone)):
        if not value:
            example = _EXAMPLES[option]
            raise InputError(option, None, code="profile-option-required", example=example)
    if sensitivity is not None and balance is None:
        raise InputError("sensitivity", sensitivity, code="sensitivity-needs-balance")
    width, height = read_label_size(label_size)
    data: dict[str, Any] = {
        "name": name,
        "address": tuple(address),
        "phone": phone,
        "pharmacist": pharmacist,
        "lang": lang,
        "paper": paper,
        "label": {"width": width, "height": height},
    }
    if balance is not None:
        mass = None
        if sensitivity is not None:
            mass = parse_quantity(sensitivity, option="--sensitivity", kinds=(BALANCE_SENSITIVITY,))
        data["balance"] = {"name": balance, "sensitivity": mass}
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        raise _option_error(error, data, label_size) from None


_EXAMPLES = {
    "--name": '"Main Street Pharmacy"',
    "--address": '"12 Main Street" --address "Springfield, ON K1A 0B1"',
    "--phone": '"613-555-0100"',
}


def _option_error(error: ValidationError, data: dict[str, Any], label_size: str) -> InputError:
    """The first problem of ``config init``'s options, named by the option that set it."""
    first = _problems(error, data)[0]
    field = first.where[0] if first.where else ""
    if first.where[:2] == ("balance", "sensitivity"):
        return InputError("sensitivity", None, code="config-sensitivity", error=first.error)
    if field == "label" and len(first.where) > 1:
        return InputError(
            "label_size", label_size, code="config-label-size",
            side=first.where[1], error=first.error,
        )  # fmt: skip
    if first.where[:1] == ("balance",):
        field = "balance"
    typed = data.get(field)
    value = typed if isinstance(typed, str) else first.error.value  # as typed: " ES ", not "es"
    return InputError(
        _OPTIONS.get(field, field), value, code=first.error.code, **first.error.params
    )


@dataclass(frozen=True)
class _Problem:
    """One problem of a profile: ``where`` (field, then line or key), and the error placed
    there (its value as written, or ``None``: not shown; its code says what is wrong and
    what would be accepted, in the reader's language)."""

    where: tuple[str, ...]
    error: LdnCalcError

    def __str__(self) -> str:
        return str(self.error)


# fields with a fixed set of values (what each takes: locale/prescriptions.py profile-choice)
_CHOICES = ("lang", "paper")
_FIELD_CODES = {
    "string_too_short": "profile-field-empty",
    "string_type": "profile-field-not-text",
    "missing": "profile-field-missing",
    "extra_forbidden": "profile-field-unknown",
}


def _problems(error: ValidationError, data: dict[str, Any]) -> list[_Problem]:
    """Every problem ``error`` found in ``data``, each said as ldncalc says it: the checks of
    ldncalc's own in their words, pydantic's in words of the profile (its choices, its
    lines)."""
    problems = []
    for item in error.errors():
        where = tuple(str(part) for part in item["loc"])
        place = ".".join(where) or "(profile)"
        field = where[0] if where else ""
        given = item.get("input")
        context = item.get("ctx") or {}
        kind = item["type"]
        problem: LdnCalcError
        if kind == "literal_error" and field in _CHOICES:
            typed = data.get(field, given)  # as written, before it was put in lower case
            problem = InputError(place, typed, code="profile-choice", place=True, field=field)
        elif kind == "too_long" and field == "address" and isinstance(given, list | tuple):
            problem = InputError(
                place, "; ".join(map(str, given)), code="profile-address-lines", place=True,
                lines=len(given), maximum=MAXIMUM_LINES,
            )  # fmt: skip
        elif kind == "string_too_long":
            limit = context.get("max_length")
            problem = InputError(place, given, code="text-too-long", place=True, maximum=limit)
        elif kind in ("string_too_short", "string_type", "missing", "extra_forbidden"):
            # pydantic's words say what is missing or unknown (for an English reader): kept
            code = _FIELD_CODES[kind]
            problem = InputError(place, None, code=code, place=True, message=item["msg"])
        else:  # ldncalc's own checks in their words, anything else as pydantic says it
            problem = validation_problem(item, place)
        problems.append(_Problem(where, problem))
    return problems


def profile_toml(profile: Profile, *, hide_password: bool = False) -> str:
    """The profile as the TOML file ``ldncalc config init`` writes (comments included)."""

    def string(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string

    lines = [
        "# ldncalc pharmacy profile: printed on every label and compounding record.",
        "# Edit freely; 'ldncalc config show' checks it.",
        f"name = {string(profile.name)}",
        f"address = [{', '.join(string(line) for line in profile.address)}]",
        f"phone = {string(profile.phone)}",
        f"pharmacist = {string(profile.pharmacist)}",
        f'lang = "{profile.lang}"  # label language by default: en or fr (--lang overrides)',
        f'paper = "{profile.paper}"  # compounding record paper: letter or a4',
        "",
        "[label]  # label stock, in in or mm",
        f'width = "{profile.label.width.value:f}{profile.label.width.unit}"',
        f'height = "{profile.label.height.value:f}{profile.label.height.unit}"',
    ]
    if profile.balance is not None:
        lines += ["", "[balance]  # named on compounding records"]
        lines.append(f"name = {string(profile.balance.name)}")
        if profile.balance.sensitivity is not None:
            lines.append(f'sensitivity = "{format_quantity(profile.balance.sensitivity)}"')
    for material, sizes in profile.shell_weights.items():
        lines += ["", f"[shell_weights.{material}]  # empty shells: the average of 10 weighed"]
        lines += [f"{string(size)} = {string(typed(weight))}" for size, weight in sizes.items()]
    if profile.log is not None:
        lines += ["", "[log]  # the compounding log: a file or postgresql://…"]
        url = profile.log.url
        if hide_password:  # shown on a screen: a PostgreSQL password is never printed
            url = without_password(url)
        lines.append(f"url = {string(url)}")
        lines.append(f"single_pharmacist = {str(profile.log.single_pharmacist).lower()}")
    return "\n".join(lines) + "\n"


def _profile_error(path: str, error: ValidationError, data: dict[str, Any]) -> InputError:
    """Every problem of the profile file at ``path``, on one line."""
    problems = tuple(problem.error for problem in _problems(error, data))
    return InputError(path, None, code="profile-invalid", place=True, problems=problems)
