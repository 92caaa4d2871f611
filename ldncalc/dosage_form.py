"""The dosage-form interface (:mod:`ldncalc.forms` holds the registry): what every form
implements, and the parts of a label, a record and the screen every form gives as message
records (:class:`FormDocuments`; its :class:`Block`, :class:`Grid` and :class:`Preface` are
the parts some forms have: a serial dilution's, an aliquot's). Imported only by the forms
themselves and for type checking, so that the documents' modules that ask the registry do not
pay for building these classes.

A form's results are its own class (``result``: a :class:`~ldncalc.models.Preparation`
defined in the form's package, with the form's ``kind``); the interface takes and returns any
``Preparation``, and a form narrows it to its own class (``isinstance``), so that no list of
every form's results is needed to add one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ldncalc.messages import Message
    from ldncalc.models import Amount, Preparation
    from ldncalc.units import Qty


class Block(NamedTuple):
    """A block of the bench screen: a heading, its lines (an ingredient's amount, written as
    every form's is, or a message), indented, then numbered steps."""

    heading: Message
    lines: tuple[Amount | Message, ...] = ()
    steps: tuple[Message | str, ...] = ()


class Grid(NamedTuple):
    """A table of a compounding record: its heading (if any), its header, its rows
    (``None``: a cell left blank, filled in by hand), the relative widths of its columns, and
    a paragraph before it (a section's)."""

    heading: Message | None
    header: tuple[Message, ...]
    rows: tuple[tuple[Message | None, ...], ...]
    widths: tuple[int, ...]
    note: Message | None = None


class Preface(NamedTuple):
    """Steps of a record's method done before the formulation's own (an aliquot weighed):
    their heading, the steps, and the heading of the formulation's method after them."""

    heading: Message
    steps: tuple[Message | str, ...]
    then: Message


class FormDocuments(NamedTuple):
    """What a label, a compounding record and the bench screen say that only the form knows,
    as records (their words are in ``ldncalc/locale/<kind>.py``). The fields after
    ``warnings`` are parts some forms have (a serial dilution, an aliquot): empty, the
    documents print what every form has."""

    title: Message  # the screen's title: "Naltrexone HCl 10 mg/mL sublingual drops: ..."
    drug: Message  # the label's drug line: "Naltrexone HCl 10 mg/mL sublingual drops (LDN)"
    quantity: Message  # the label's quantity dispensed: "5 mL"
    made: Message  # the record's quantity made
    directions: Message  # the default directions: "Place 1 drop under the tongue at bedtime"
    lines: tuple[Message, ...]  # the screen's lines on what to make and the dose
    factors: tuple[Message, ...]  # the record's rows of factors: heading and value each
    measured: tuple[Message, ...]  # the record's measured checks, a blank cell under each
    warnings: tuple[Message, ...] = ()  # the label's warnings of the form ("For external use")
    # the screen's blocks in place of "Take and weigh" and the ingredients (an aliquot's)
    weigh: tuple[Block, ...] = ()
    # the record's ingredients: (calculated, actual) in place of an ingredient's amount and
    # blank, by its place in the result's ingredients (None: as every form's; an actual of
    # None: blank); rows after them (the capsule shells: name and calculated); tables after
    # the ingredients'
    cells: tuple[tuple[Message, Message | None] | None, ...] = ()
    rows: tuple[tuple[Message, Message], ...] = ()
    tables: tuple[Grid, ...] = ()
    # the record's quantity dispensed, when it is more than the label's (all of a dilution);
    # rows in place of its quantity made (a stock and its last dilution)
    dispensed: Message | None = None
    made_rows: tuple[tuple[Message, Message], ...] = ()
    sections: tuple[Grid, ...] = ()  # the record's sections after the ingredients (dilutions)
    preface: Preface | None = None  # the record's method: steps before the formulation's
    # the record's quality: paragraphs and tables before the measured checks; the measured
    # checks' relative widths (else even); checks passed or failed before the record's own
    checks: tuple[Message | Grid, ...] = ()
    widths: tuple[int, ...] = ()
    passes: tuple[Message, ...] = ()


class Supply(NamedTuple):
    """What the patient is given and takes of one preparation, as quantities (no words): what
    the FHIR export (:mod:`ldncalc.exchange.fhir`) and the patient leaflet
    (:mod:`ldncalc.labels.leaflet`) need of every form.

    A form given as counted units (capsules) gives ``dispensed`` and ``made`` as counts of
    ``counted``, its ``strength`` and ``dose`` as naltrexone HCl in one unit and ``number``
    1; a form measured by volume or weight gives them as quantities."""

    route: Literal["oral", "sublingual", "topical"]
    dispensed: Qty | int  # what the patient is given: 5 mL, 30 g, 30 (capsules)
    made: Qty | int  # the batch the ingredients' amounts are in (a stock can exceed what is given)
    strength: Qty  # naltrexone HCl per mL, per g or in one capsule: 10 mg/mL, 10 mg/g, 4.5 mg
    dose: Qty  # measured each time: 0.05 mL, 1 g (a capsule: its strength)
    drug: Qty  # naltrexone HCl in one dose: 0.5 mg
    number: int | None = None  # the dose counted in ``counted``: 1 drop, 2 pumps, 1 capsule
    counted: Literal["drop", "pump", "capsule"] | None = None
    syringe: Qty | None = None  # the capacity of the oral syringe that measures ``dose``
    # the active's powder in one counted unit as weighed (crushed tablets, the base), when
    # that is not ``strength``: the FHIR ingredient's strength
    powder: Qty | None = None


class DosageForm(Protocol):
    """One dosage form of the engine (see the module's text)."""

    @property
    def kind(self) -> str:
        """The ``kind`` of its results and of its master formulation records."""

    @property
    def titration(self) -> bool:
        """Whether ``ldncalc titrate`` makes a titration in this form."""

    @property
    def result(self) -> type[Preparation]:
        """The class of its results (a :class:`~ldncalc.models.Preparation` defined in the
        form's package, whose ``kind`` is the form's): what a result of this form read back
        from JSON is validated as (:func:`ldncalc.forms.result_adapter`)."""

    def calculate(self, **inputs: Any) -> Preparation:
        """Read the inputs (refusing anything doubtful with a coded
        :class:`~ldncalc.LdnCalcError`), compute, describe: the result."""

    def dose_amounts(self, result: Preparation) -> tuple[Qty, ...]:
        """The amounts directions may name for one dose of ``result`` (``--directions`` is
        checked against them)."""

    def directions_counts(self, result: Preparation) -> Mapping[str, int]:
        """Counted units directions may name for one dose, by noun (``{"drop": 2}``);
        empty when the form's directions count nothing."""

    def drug(self, result: Preparation) -> Message:
        """The drug line: ``Naltrexone HCl 1 mg/mL oral suspension (LDN)``, as the FHIR
        export and the leaflet name the preparation."""

    def documents(self, result: Preparation) -> FormDocuments:
        """The form's own parts of the label, record and screen."""

    def supply(self, result: Preparation) -> Supply:
        """What the patient is given and takes of ``result`` (FHIR, the leaflet); directions
        must state its dose so (``number`` ``counted``, else ``dose``: ``--directions``)."""
