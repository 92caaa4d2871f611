"""What a label and a compounding record say, built from a result, the prescription details and
the pharmacy profile. Renderers (``pdf``, ``zpl``, ``text``) only lay this out.

Every number is written here, through :mod:`ldncalc.formatting` in the label's language, and
every date through :func:`ldncalc.bud.format_date` (``06 Dec 2026``). Each piece of label text
remembers the option it came from, so text that cannot fit names what to shorten.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from ldncalc import forms
from ldncalc.bud import BudDate, bud_date, format_date
from ldncalc.errors import InputError, UnsafeInputError
from ldncalc.fonts import check_printable
from ldncalc.formatting import format_quantity
from ldncalc.locale import Voice, render, render_step
from ldncalc.locale.common import record_texts
from ldncalc.locale.phrases import Lang, Phrases, phrases
from ldncalc.messages import Message
from ldncalc.prescriptions import Prescription, directions_for, expiry_dates, ingredient_names
from ldncalc.units import DAY, MCG, MG, Qty, Quantity

if TYPE_CHECKING:
    from pint import Unit

    from ldncalc.dosage_form import Grid
    from ldncalc.models import Amount, Result
    from ldncalc.profile import LabelStock, Profile

BLANK = ""  # a cell or line left empty, to fill in by hand
# A compounding date more than this many days before the label is printed is warned about:
# labels are printed the day a lot is made, and a week is long enough for a batch made ahead
# or a weekend; older, it is more likely a mistyped --date, and the BUD counts from it
# (docs/basis.md §5, USP <795>). A future date is warned about too.
LONG_AGO_DAYS = 7


@dataclass(frozen=True)
class Item:
    """One piece of label text and the option (or profile field) it came from."""

    text: str
    option: str = "label"
    typed: str | None = None  # the option's value, when the label adds words (Rx 1234567)

    @property
    def given(self) -> str:
        """What the person wrote: the value of the option, else the text."""
        return self.text if self.typed is None else self.typed


@dataclass(frozen=True)
class LabelContent:
    """A dispensing label (USP <17>): the first three items are the critical ones, printed on
    top in the largest type; the rest follow in this order."""

    lang: Lang
    stock: LabelStock
    patient: Item
    drug: Item
    directions: Item
    quantity: Item
    rx: Item
    prescriber: Item
    date: Item
    lot: Item
    discard: Item
    storage: Item
    compounded: Item
    warnings: tuple[Item, ...]
    pharmacy: Item
    address: Item
    phone: Item

    def items(self) -> tuple[Item, ...]:
        """Every piece of text on the label, top to bottom."""
        found: list[Item] = []
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, Item):
                found.append(value)
            elif isinstance(value, tuple):
                found.extend(value)
        return tuple(found)


@dataclass(frozen=True)
class Fields:
    """Label: value rows; an empty value is a line to fill in by hand."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``widths`` are relative column widths."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]


@dataclass(frozen=True)
class Items:
    """A list, numbered (steps) or not."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: bool = False  # a small heading inside a section


@dataclass(frozen=True)
class Signatures:
    """Who signs, each with a signature line and a date line."""

    roles: tuple[str, ...]
    signature: str
    date: str


Block = Fields | Table | Items | Paragraph | Signatures


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class RecordContent:
    """A compounding record: one lot, its ingredients, working, checks, BUD and signatures,
    with a copy of the label."""

    lang: Lang
    paper: str
    title: str
    subtitle: str
    pharmacy: tuple[str, ...]
    lot: str
    footer: tuple[str, ...]  # printed at the foot of every page
    page: str  # "Page {n} of {total}"
    sections: tuple[Section, ...]
    label_title: str
    label: LabelContent


def label_content(
    result: Result, details: Prescription, profile: Profile, *, dispensing: bool = True
) -> LabelContent:
    """The label of ``result``. A dispensing label needs ``patient``, ``prescriber`` and ``rx``
    (USP <17>); the copy on a batch record (``dispensing=False``) leaves them as blanks."""
    if dispensing:
        _all_given(details)
    words = phrases(details.lang)
    lang = details.lang
    bud = dated_bud(result, details)
    voice = Voice.of(lang, "cli")
    own = forms.documents(result)  # the form's own label text (ldncalc.forms)
    drug = render(own.drug, voice)
    quantity = render(own.quantity, voice)
    storage_key = result.bud.storage_condition
    content = LabelContent(
        lang=lang,
        stock=profile.label,
        patient=Item(_required(details.patient, "--patient", dispensing), "--patient"),
        drug=Item(drug),
        # the default directions are no option's text: a label they do not fit names another
        directions=Item(
            directions_for(result, details), "--directions" if details.directions else "label"
        ),
        quantity=Item(f"{words.quantity} {quantity}"),
        rx=Item(f"{words.rx} {_required(details.rx, '--rx', dispensing)}", "--rx", details.rx),
        prescriber=Item(
            f"{words.prescriber} {_required(details.prescriber, '--prescriber', dispensing)}",
            "--prescriber",
            details.prescriber,
        ),
        date=Item(
            f"{words.date} {format_date(details.compounded, lang)}",
            "--date",
            details.compounded.isoformat(),
        ),
        lot=Item(f"{words.lot} {details.lot}", "--lot", details.lot),
        discard=Item(words.discard_after.format(date=format_date(bud.date, lang))),
        storage=Item(words.storage[storage_key]),
        compounded=Item(words.compounded_preparation),
        # the opioid warning first: what matters most to an LDN patient (docs/basis.md §6;
        # DailyMed naltrexone labelling), then the formulation's auxiliary warnings
        warnings=(
            Item(words.opioid_warning),
            *(Item(render(w, voice)) for w in own.warnings),
            *(
                Item(words.auxiliary.get(w, w))
                for w in result.auxiliary_labels
                # the storage line already says "Refrigerate at 2–8 °C": not twice on one label
                if not (w == "Refrigerate" and storage_key == "refrigerate")
            ),
        ),
        pharmacy=Item(profile.name, f"{_where(profile)}: name"),
        address=Item(", ".join(profile.address), f"{_where(profile)}: address"),
        phone=Item(f"{words.phone} {profile.phone}", f"{_where(profile)}: phone", profile.phone),
    )
    for item in content.items():
        check_printable(item.text, item.option)
    return content


def record_content(result: Result, details: Prescription, profile: Profile) -> RecordContent:
    """The compounding record of one lot of ``result`` (docs/basis.md §6: the master formulation
    record plus date, lot, actual quantities, ingredient lots, balance, factors, yield and who
    prepared and checked it)."""
    from ldncalc.version import __version__

    lang = details.lang
    words = phrases(lang)
    say = RecordWords.of(result, lang)
    result = lot_result(result, details)
    label = label_content(result, details, profile, dispensing=False)
    bud = dated_bud(result, details)
    expiries = expiry_dates(details, ingredient_names(result, lang))
    sections = [
        _preparation(result, details, profile, label, bud, words, say),
        _ingredients(result, expiries, words, say),
    ]
    for grid in forms.documents(result).sections:  # the form's own (a serial dilution)
        note = (Paragraph(say(grid.note)),) if grid.note is not None else ()
        title = say(grid.heading) if grid.heading is not None else ""
        sections.append(Section(title, (*note, _grid(grid, say))))
    sections += [
        Section(words.factors, (Fields(_factors(result, profile, words, say)),)),
        _calculation(result, words, say),
        _method(result, words, say),
        _quality(result, words, say),
    ]
    warnings = tuple(say(w) for w in result.warnings) + bud_warnings(result, details)
    if warnings or result.notes:
        blocks: list[Block] = []
        if warnings:
            blocks += [Paragraph(words.warnings, strong=True), Items(warnings)]
        if result.notes:
            notes = tuple(say(note) for note in result.notes)
            blocks += [Paragraph(words.notes, strong=True), Items(notes)]
        sections.append(Section(f"{words.warnings} / {words.notes}", tuple(blocks)))
    sections.append(_beyond_use(result, bud, label, words, say))
    sections.append(
        Section(
            words.signatures,
            (Signatures((words.prepared_by, words.checked_by), words.signature, words.date),),
        )
    )
    record = RecordContent(
        lang=lang,
        paper=profile.paper,
        title=words.record_title,
        subtitle=say(result.formulation.name),
        pharmacy=(profile.name, ", ".join(profile.address), f"{words.phone} {profile.phone}"),
        lot=details.lot,
        footer=(f"{words.lot} {details.lot}", words.calculated_by.format(version=__version__)),
        page=words.page,
        sections=tuple(sections),
        label_title=words.label_copy,
        label=label,
    )
    for text in _texts(record):
        check_printable(text, "--record")
    return record


def _texts(record: RecordContent) -> list[str]:
    """Every string a record prints outside its copy of the label."""
    texts = [record.title, record.subtitle, *record.pharmacy, *record.footer]
    for section in record.sections:
        texts.append(section.title)
        for block in section.blocks:
            if isinstance(block, Fields):
                texts += [text for row in block.rows for text in row]
            elif isinstance(block, Table):
                texts += [text for row in (block.header, *block.rows) for text in row]
            elif isinstance(block, Items):
                texts += block.items
            elif isinstance(block, Paragraph):
                texts.append(block.text)
            else:
                texts += [*block.roles, block.signature, block.date]
    return texts


def bud_warnings(result: Result, details: Prescription) -> tuple[str, ...]:
    """A warning when an ingredient's expiry brings the BUD before the supply runs out
    (the engine warns already when the formulation's BUD does), and when the compounding
    date is after the day the label is printed or more than :data:`LONG_AGO_DAYS` before it
    (the BUD would count from a day the preparation was not made)."""
    bud = dated_bud(result, details)
    lang = details.lang
    found = []
    if details.compounded > details.printed:
        found.append(
            phrases(lang).compounded_later.format(date=format_date(details.compounded, lang))
        )
    elif (details.printed - details.compounded).days > LONG_AGO_DAYS:
        found.append(
            phrases(lang).compounded_long_ago.format(
                date=format_date(details.compounded, lang),
                days=_days((details.printed - details.compounded).days, lang),
            )
        )
    if bud.limited_by is not None and result.days_supply > bud.days:
        found.append(
            phrases(lang).bud_short.format(
                ingredient=RecordWords.of(result, lang)(bud.limited_by),
                date=format_date(bud.date, lang),
                days=_days(bud.days, lang),
                supply=_days(result.days_supply, lang),
            )
        )
    return tuple(found)


def dated_bud(result: Result, details: Prescription) -> BudDate:
    """The BUD date of this lot: the compounding date + the result's BUD days, never after
    the earliest ``--expiry`` of its ingredients. A lot whose BUD has passed on the day it is
    printed is not labelled (:class:`UnsafeInputError` naming ``--date``, or ``--expiry`` when
    the expiry alone brought the BUD before that day)."""
    expiries = expiry_dates(details, ingredient_names(result, details.lang))
    bud = bud_date(details.compounded, result.bud.days, expiries)
    if bud.date > details.printed:
        return bud
    dated = details.compounded + datetime.timedelta(days=bud.formulation_days)
    if bud.date == details.printed:
        # less than one day left: not a supply for a patient (docs/basis.md §5, USP <795>)
        by_expiry = dated > details.printed
        raise UnsafeInputError(
            "expiry" if by_expiry else "date",
            next(f"{n}={d.isoformat()}" for n, d in details.expiries if d == bud.date)
            if by_expiry
            else details.compounded.isoformat(),
            code="label-bud-today",
            bud=bud.date,
            expiry=by_expiry,
        )
    if dated < details.printed:
        raise UnsafeInputError(
            "date",
            details.compounded.isoformat(),
            code="label-bud-passed",
            bud=dated,
            days=bud.formulation_days,
            today=details.printed,
        )
    typed = next(f"{name}={day.isoformat()}" for name, day in details.expiries if day == bud.date)
    raise UnsafeInputError(
        "expiry", typed, code="label-expiry-passed", bud=bud.date, today=details.printed
    )


_R = TypeVar("_R", bound="Result")


def lot_result(result: _R, details: Prescription) -> _R:
    """``result`` as this dated lot supplies it: its days of supply never more than the whole
    days left between the day the label is printed and the lot's BUD date (a lot compounded
    10 days ago with a 14-day BUD has 4 days left), on its label, record and screen."""
    left = (dated_bud(result, details).date - details.printed).days
    if result.days_supply <= left:
        return result
    shorter: _R = result.model_copy(update={"days_supply": left})  # type: ignore[assignment]
    return shorter


_EXAMPLES = {"--patient": "Jane Doe", "--prescriber": "Dr. A. Smith", "--rx": "1234567"}


def _all_given(details: Prescription) -> None:
    """A dispensing label needs the patient, the prescriber and the Rx number: every one
    missing is named in the one error."""
    given = {"--patient": details.patient, "--prescriber": details.prescriber, "--rx": details.rx}
    missing = [option.removeprefix("--") for option, value in given.items() if not value]
    if missing:
        examples = tuple((name, _EXAMPLES[f"--{name}"]) for name in missing)
        raise InputError(missing[0], None, code="label-needs", missing=examples)


def _required(value: str, option: str, dispensing: bool) -> str:
    """``value``, or a blank line to fill in on the copy of the label on a record."""
    assert value or not dispensing  # checked first, all at once (_all_given)
    return value or "____________"


def _where(profile: Profile) -> str:
    return profile.path or "pharmacy profile"


def _days(days: int, lang: Lang) -> str:
    return format_quantity(Quantity(Decimal(days), DAY), lang=lang)


@dataclass(frozen=True)
class RecordWords:
    """What a label or record says in ``voice``'s language that is not a fixed phrase: a
    message record in its words (a warning, a note, a calculation step: their code chooses
    them), and text of the master formulation record (its name, method, quality checks, BUD
    references, ingredient names) from the record's own translation (its ``[fr]`` table),
    found by its English. Text the record does not translate (a pharmacy's record without
    ``[fr]``, a name the prescription gives) is printed as written.

    Legacy text: a warning, note or step the engine still writes as English text (before it
    is a message record) is printed as it is; that fallback goes once every module gives
    records (issue 10)."""

    voice: Voice
    record: dict[str, Message]

    @classmethod
    def of(cls, result: Result, lang: Lang) -> RecordWords:
        return cls(
            Voice(lang, "cli"), record_texts(result.formulation.path) if lang != "en" else {}
        )

    def __call__(self, item: Message | str) -> str:
        """``item`` in words: a message by its code, record text in the reader's language."""
        if isinstance(item, str):
            found = self.record.get(item)
            return item if found is None else render(found, self.voice)
        return render(item, self.voice)

    @property
    def lang(self) -> Lang:
        return self.voice.lang

    def step(self, step: Any) -> tuple[str, str, str]:
        """A calculation step's name, formula and calculation in words."""
        return render_step(step, self.voice)

    def dosage_form(self, form: str, words: Phrases) -> str:
        """The dosage form: the record's translation, else the phrase table's."""
        return self(form) if form in self.record else words.dosage_forms.get(form, form)


def _preparation(
    result: Result,
    details: Prescription,
    profile: Profile,
    label: LabelContent,
    bud: BudDate,
    words: Phrases,
    say: RecordWords,
) -> Section:
    lang = details.lang
    used = result.formulation
    origin = words.builtin if used.builtin else used.path
    dispensed = label.quantity.text.removeprefix(words.quantity).strip()
    own = forms.documents(result)
    if own.dispensed is not None:  # more than the label says (all of a last dilution)
        dispensed = say(own.dispensed)
    # the form's rows in place of its quantity made (a stock and its last dilution), if any
    made = [(say(heading), say(value)) for heading, value in own.made_rows]
    if not made:
        made = [(words.quantity_made, say(own.made))]
    rows = (
        (words.formulation, say(used.name)),
        ("", f"{words.formulation_version.format(id=used.id, version=used.version)} ({origin})"),
        (words.dosage_form, say.dosage_form(result.dosage_form, words)),
        (words.quantity_dispensed, dispensed),
        *made,
        (words.lot, details.lot),
        (words.compounding_date, format_date(details.compounded, lang)),
        (words.beyond_use_date, format_date(bud.date, lang)),
        (words.patient, details.patient),
        (words.prescriber, details.prescriber),
        (words.rx_number, details.rx),
        (words.pharmacist, profile.pharmacist),
        (words.container, say(result.container)),
    )
    return Section(words.preparation, (Fields(rows),))


def _amount(amount: Amount, words: Phrases, lang: Lang) -> str:
    if amount.tablets is not None:
        tablets = words.count(amount.tablets, "tablet")
        if amount.powder is not None:
            return words.tablets_powder.format(
                tablets=tablets, powder=format_quantity(amount.powder, lang=lang)
            )
        mass = format_quantity(amount.mass, lang=lang) if amount.mass is not None else ""
        reaching = amount.drug_dispensed
        if reaching is not None and reaching != amount.mass:  # part of a stock: say how much
            return words.tablets_reaching.format(
                tablets=tablets,
                mass=mass,
                reaching=format_quantity(reaching, unit=_mass_unit(reaching), lang=lang),
            )
        return words.tablets_amount.format(tablets=tablets, mass=mass)
    if amount.qs_to is not None:
        return words.qs_to.format(volume=format_quantity(amount.qs_to, lang=lang))
    quantity = amount.mass if amount.mass is not None else amount.volume
    return format_quantity(quantity, lang=lang) if quantity is not None else BLANK


def _ingredients(
    result: Result, expiries: dict[str, datetime.date], words: Phrases, say: RecordWords
) -> Section:
    lang = say.lang

    def expiry(name: str) -> str:
        return format_date(expiries[name], lang) if name in expiries else BLANK

    own = forms.documents(result)
    cells = own.cells
    rows = []
    for index, item in enumerate(result.ingredients):
        calculated, actual = _amount(item, words, lang), BLANK
        cell = cells[index] if index < len(cells) else None
        if cell is not None:  # the form's own (what reaches an aliquot, a powder's drug)
            calculated, actual = say(cell[0]), say(cell[1]) if cell[1] is not None else BLANK
        name = words.as_diluent.format(name=say(item.name)) if item.diluent else say(item.name)
        rows.append((name, calculated, actual, BLANK, BLANK, expiry(item.name)))
    for row in own.rows:  # the form's own (the capsule shells)
        named = say(row[0])
        rows.append((named, say(row[1]), BLANK, BLANK, BLANK, expiry(named)))
    header = (
        words.ingredient,
        words.calculated,
        words.actual,
        words.manufacturer,
        words.manufacturer_lot,
        words.expiry,
    )
    blocks: list[Block] = [Table(header, tuple(rows), (30, 22, 13, 13, 11, 11))]
    for grid in own.tables:  # the form's own (the weighings)
        if grid.heading is not None:
            blocks.append(Paragraph(say(grid.heading), strong=True))
        blocks.append(_grid(grid, say))
    return Section(words.ingredients, tuple(blocks))


def _grid(grid: Grid, say: RecordWords) -> Table:
    """A form's table in the reader's words, a cell of ``None`` left blank."""
    rows = tuple(tuple(BLANK if cell is None else say(cell) for cell in row) for row in grid.rows)
    return Table(tuple(say(head) for head in grid.header), rows, grid.widths)


def _mass_unit(mass: Qty) -> Unit:
    """mcg below 1 mg (ISMP: 500 mcg, not 0.5 mg), else mg."""
    return MCG if mass < Quantity(1, MG) else MG


def _factors(
    result: Result, profile: Profile, words: Phrases, say: RecordWords
) -> tuple[tuple[str, str], ...]:
    lang = say.lang
    # the form's own, heading and value in turn
    said = [render(m, Voice.of(lang, "cli")) for m in forms.documents(result).factors]
    rows = list(zip(said[::2], said[1::2], strict=True))
    balance = profile.balance
    if balance is not None:
        sensitivity = (
            f" ({words.sensitivity.format(mass=format_quantity(balance.sensitivity, lang=lang))})"
            if balance.sensitivity is not None
            else ""
        )
        rows.append((words.balance, f"{balance.name}{sensitivity}"))
    rows.append((words.balance_used, BLANK))
    return tuple(rows)


def _calculation(result: Result, words: Phrases, say: RecordWords) -> Section:
    steps = tuple(" = ".join(say.step(step)) for step in result.steps)
    return Section(words.calculation, (Items(steps, numbered=True),))


def _method(result: Result, words: Phrases, say: RecordWords) -> Section:
    method = Items(tuple(say(m) for m in result.method), numbered=True)
    preface = forms.documents(result).preface
    if preface is None:
        return Section(words.method, (method,))
    # steps before the formulation's method starts (the drug powder weighed by an aliquot)
    return Section(
        words.method,
        (
            Paragraph(say(preface.heading), strong=True),
            Items(tuple(say(m) for m in preface.steps), numbered=True),
            Paragraph(say(preface.then), strong=True),
            method,
        ),
    )


def _quality(result: Result, words: Phrases, say: RecordWords) -> Section:
    blocks: list[Block] = []
    own = forms.documents(result)
    for check in own.checks:  # the form's own (a capsule's weights, a dilution's volumes)
        blocks.append(Paragraph(say(check)) if isinstance(check, Message) else _grid(check, say))
    measured = tuple(say(m) for m in own.measured)
    widths = own.widths or tuple(100 // len(measured) for _ in measured)
    if measured:
        blocks.append(Table(measured, ((BLANK,) * len(measured),), widths))
    checks = (*(say(check) for check in own.passes), *(say(c) for c in result.quality_checks))
    if checks:
        rows = tuple((check, words.pass_fail) for check in checks)
        blocks.append(Table((words.check, words.check_result), rows, (72, 28)))
    return Section(words.quality_checks, tuple(blocks))


def _beyond_use(
    result: Result, bud: BudDate, label: LabelContent, words: Phrases, say: RecordWords
) -> Section:
    lang = say.lang
    rows = [
        (
            words.beyond_use_date,
            words.bud_line.format(
                date=format_date(bud.date, lang),
                days=_days(bud.days, lang),
                compounded=format_date(bud.compounded, lang),
            ),
        )
    ]
    if bud.limited_by is not None:
        rows.append(
            (
                "",
                words.bud_limited.format(
                    days=_days(bud.formulation_days, lang),
                    ingredient=say(bud.limited_by),
                    date=format_date(bud.date, lang),
                ),
            )
        )
    rows += [
        (words.storage_heading, label.storage.text),
        (words.basis, say(result.bud.basis)),
    ]
    return Section(
        words.beyond_use_date,
        (
            Fields(tuple(rows)),
            Paragraph(words.references, strong=True),
            Items(tuple(say(reference) for reference in result.bud.references)),
        ),
    )


def marked(label: LabelContent, mark: str | None) -> LabelContent:
    """``label`` with ``mark`` (a reprint's) after its lot number."""
    if mark is None:
        return label
    return dataclasses.replace(
        label, lot=dataclasses.replace(label.lot, text=f"{label.lot.text} {mark}")
    )


def marked_record(record: RecordContent, mark: str | None) -> RecordContent:
    """``record`` with ``mark`` in its title, footer and label copy."""
    if mark is None:
        return record
    return dataclasses.replace(
        record,
        title=f"{record.title} ({mark})",
        footer=(*record.footer, mark),
        label=marked(record.label, mark),
    )
