"""A French label, compounding record and patient calendar say everything in French (issue 10):
the fixed phrases, the master formulation record's own text (its ``[fr]`` table), the warnings,
notes and calculation steps (message records worded by ldncalc.locale), the BUD and its basis.
The English ones stay as they were (tests/test_labels.py pins them)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from test_labels import norm, pdf_text

from ldncalc import capsule, liquid
from ldncalc.cli import main
from ldncalc.formulations import load, missing_translations
from ldncalc.labels import render_label, render_record
from ldncalc.labels.content import record_content
from ldncalc.models import Result
from ldncalc.prescriptions import Prescription, prescription
from ldncalc.profile import Profile

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

# a Québec pharmacy: its own name and address are its data, in its language
PHARMACIE = Profile(
    name="Pharmacie du Plateau",
    address=("1200, rue Saint-Denis", "Montréal (Québec) H2X 3J6"),
    phone="514-555-0100",
    pharmacist="A. Martin, pharmacienne",
    balance={"name": "Balance de classe A", "sensitivity": "6mg"},
)
LOT = "20261122-0930-7F3A"

# English words that are not French words too: one of them in a French document is an English
# sentence left untranslated ("the", "with", "Discard after", "tablets", "Fix")
STOP = (
    "the",
    "and",
    "of",
    "is",
    "with",
    "to",
    "from",
    "for",
    "by",
    "at",
    "be",
    "will",
    "day",
    "days",
    "tablet",
    "tablets",
    "take",
    "discard",
    "fix",
    "bottle",
    "syringe",
    "weigh",
    "weight",
    "filler",
    "shake",
    "refrigerate",
    "record",
    "check",
    "mix",
    "well",
    "water",
    "cylinder",
    "marks",
    "nonpreserved",
    "preserved",
    "aqueous",
    "preparation",
    "preparations",
    "capsules from",
)
ENGLISH = re.compile(r"(?<![\w'-])(?:" + "|".join(STOP) + r")(?![\w'-])", re.IGNORECASE)


def english_words(text: str) -> list[str]:
    return ENGLISH.findall(text)


def details(**changes: object) -> Prescription:
    options: dict[str, object] = {
        "patient": "Élodie Bérubé",
        "prescriber": "Dre Hélène Côté",
        "rx": "1234567",
        "lot": LOT,
        "date": "2026-11-22",
        "lang": "fr",
    }
    options.update(changes)
    return prescription(**options)


def without_legacy(text: str, result: Result) -> str:
    """``text`` less what a module of the engine still writes as English text rather than a
    message record (issue 10 converts them): its warnings, notes and steps, the method lines it
    adds to the record's (a serial dilution's, the aliquot method's) and the BUD basis while
    they are text are printed as written until then; every record-coded one must be French."""
    record = load().formulations[result.formulation.id]
    added = tuple(line for line in result.method if line not in record.procedure)
    aliquot = result.aliquot.method if result.kind == "capsule" and result.aliquot else ()
    for item in (*result.warnings, *result.notes, result.bud.basis, *added, *aliquot):
        if not hasattr(item, "code") or item.code == "text":
            text = text.replace(norm(str(item)), "")
    for step in result.steps:
        if not hasattr(step, "code"):  # the factor row prints its formula and figures alone
            text = text.replace(norm(str(step)), "")
            text = text.replace(norm(f"{step.formula} = {step.calculation}"), "")
    return text


# every kind of preparation: water and preserved liquids, a serial dilution, capsules from the
# API (with the aliquot method at a low strength) and from tablets
MAKERS: list[Callable[[], Result]] = [
    lambda: liquid(target="4.5mg"),
    lambda: liquid(target="1.5mg", days=28, formulation="ldn-liquid-preserved"),
    lambda: liquid(target="25mcg", days=14),
    lambda: capsule(strength="4.5mg", quantity=30),
    lambda: capsule(strength="0.25mg", quantity=30),
    lambda: capsule(strength="4.5mg", quantity=30, source="tablets", tablet_weight="250mg"),
]


@pytest.mark.parametrize("make", MAKERS)
def test_a_french_record_has_no_english_sentence(make: Callable[[], Result]) -> None:
    result = make()
    text = pdf_text(render_record(result, details(), PHARMACIE, "pdf"))
    assert english_words(without_legacy(text, result)) == []


@pytest.mark.parametrize("make", MAKERS)
def test_a_french_label_has_no_english_sentence(make: Callable[[], Result]) -> None:
    result = make()
    for kind in ("pdf", "text"):
        data = render_label(result, details(), PHARMACIE, kind)
        text = pdf_text(data) if kind == "pdf" else norm(data.decode())
        assert english_words(text) == [], kind


def test_a_french_record_prints_the_formulation_record_in_french() -> None:
    result = liquid(target="4.5mg")
    text = pdf_text(render_record(result, details(), PHARMACIE, "pdf"))
    for element in [
        "Suspension orale de naltrexone HCl, sans agent de conservation (eau purifiée)",
        "Flacon oral ambré à bouchon de sécurité pour enfants, avec adaptateur pour seringue",
        "Comprimés de naltrexone HCl 50 mg",
        "Eau purifiée",
        "Broyer les comprimés au mortier en une poudre fine et homogène.",
        "Verser dans le flacon ambré, poser l'adaptateur pour seringue et étiqueter.",
        "Apparence : suspension homogène, blanche à blanc cassé après agitation; aucun grumeau",
        "Seringue orale seringue orale de 5 mL",
        "préparations aqueuses sans agent de conservation : 14 jours au réfrigérateur",
    ]:
        assert norm(element) in text, element
    # the English of the record is not printed beside it
    assert "Crush the tablets" not in text
    assert "Purified water" not in text


def test_an_english_record_keeps_the_english_text() -> None:
    result = liquid(target="4.5mg")
    record = record_content(result, details(lang="en"), PHARMACIE)
    method = next(s for s in record.sections if s.title == "Method")
    assert method.blocks[0].items[1] == "Crush the tablets to a fine, even powder in the mortar."  # type: ignore[union-attr]
    text = pdf_text(render_record(result, details(lang="en"), PHARMACIE, "pdf"))
    assert "5 mL oral syringe, 0.1 mL marks" in text
    assert "Naltrexone HCl oral suspension, nonpreserved (purified water)" in text


def test_every_built_in_record_is_translated_into_every_language_it_declares() -> None:
    for record in load().formulations.values():
        assert record.languages == ("en", "fr"), record.id
        assert missing_translations(record) == (), record.id


def test_formulations_check_reports_a_record_lacking_its_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    builtin = Path(load().formulations["ldn-liquid-water"].path).read_text(encoding="utf-8")
    mine = builtin.replace('id = "ldn-liquid-water"', 'id = "my-water"')
    # the French table without its quality checks, and one ingredient left untranslated
    start = mine.index("[fr]")
    checks = mine.index("quality_checks = [", start)
    mine = mine[:checks] + mine[mine.index("]\n", checks) + 2 :]
    mine = mine.replace('"Purified water" = "Eau purifiée"\n', "")
    (tmp_path / "my-water.toml").write_text(mine, encoding="utf-8")
    code = main(["formulations", "check", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out.splitlines() == [
        "INVALID my-water.toml: fr.quality_checks: missing (languages declares 'fr')",
        'INVALID my-water.toml: fr.ingredients: missing "Purified water"',
    ]
    assert "has 1 invalid file(s) of 1" in err


TITRATIONS = [
    {"form": "liquid"},
    {"form": "capsule"},
    {"form": "liquid", "protocol": "ldnrt-liquid-5mg-ml"},
]


@pytest.mark.parametrize("options", TITRATIONS)
def test_a_french_calendar_has_no_english_sentence(options: dict[str, str]) -> None:
    from ldncalc import titrate
    from ldncalc.labels.calendar import calendar_pdf, calendar_text

    given = {"start": "0.5mg", "step": "0.5mg", "every": "7d", "target": "4.5mg"}
    schedule = {} if "protocol" in options else given
    result = titrate(**schedule, start_date="2026-11-23", **options)  # type: ignore[arg-type]
    text = calendar_text(result, patient="Élodie Bérubé", pharmacy=PHARMACIE, lang="fr")
    pdf = pdf_text(calendar_pdf(result, patient="Élodie Bérubé", pharmacy=PHARMACIE, lang="fr"))
    for shown in (text, pdf):
        assert english_words(shown) == []
        assert "La naltrexone bloque les opioïdes" in shown
    assert text.startswith("Votre calendrier des doses : Naltrexone HCl")
    assert "Prendre une fois par jour, au coucher." in text
    assert "Page 1 de" in pdf


def test_the_french_calendar_reads_as_a_pharmacist_writes_it() -> None:
    from ldncalc import titrate
    from ldncalc.labels.calendar import calendar_text

    result = titrate(
        start="0.5mg", step="0.5mg", every="7d", target="1.5mg", start_date="2026-11-23"
    )
    lines = calendar_text(result, lang="fr").splitlines()
    assert lines[0] == (
        "Votre calendrier des doses : Naltrexone HCl 1 mg/mL, suspension orale : de 0,5 mg à "
        "1,5 mg au coucher"
    )
    # 0.5 mg at 1 mg/mL = 0.5 mL, on the 1 mL syringe; 1.5 mL needs the 3 mL one
    # the syringe with its marks, as in English (review fix)
    assert (
        "lun. 23 nov. 2026  dim. 29 nov. 2026  0,5 mg  0,5 mL (seringue orale de 1 mL graduée à "
        "0,01 mL)"
    ) in lines
    assert (
        "lun. 07 déc. 2026  dim. 13 déc. 2026  1,5 mg  1,5 mL (seringue orale de 3 mL graduée à "
        "0,1 mL)"
    ) in lines
    assert lines[-1] == "Des questions sur vos doses? Consultez votre pharmacien."


def test_a_lot_whose_bud_has_passed_is_refused_in_the_readers_words() -> None:
    from ldncalc.errors import UnsafeInputError

    # printed 22 Nov 2026: compounded 01 Nov + 14 days = 15 Nov, passed
    with pytest.raises(UnsafeInputError) as error:
        render_label(liquid(target="4.5mg"), details(date="2026-11-01"), PHARMACIE, "txt")
    assert error.value.code == "label-bud-passed"
    assert error.value.render("fr", "cli") == (
        '--date: "2026-11-01" place la date limite d\'utilisation de ce lot au 15 nov. 2026 '
        "(14 jours), qui est passée (nous sommes le 22 nov. 2026) : elle ne peut être ni "
        "étiquetée ni servie; préparez un nouveau lot et omettez --date (aujourd'hui)"
    )
    assert str(error.value) == (
        'date="2026-11-01": puts the BUD of this lot on 15 Nov 2026 (14 days), which has '
        "passed (today is 22 Nov 2026): it may not be labelled or dispensed; compound a new "
        "lot and leave date= out (today)"
    )
    # capsules compounded 10 Nov (180 days), naltrexone expired 20 Nov
    late = details(date="2026-11-10", expiry=["naltrexone=2026-11-20"])
    with pytest.raises(UnsafeInputError) as error:
        render_record(capsule(strength="4.5mg", quantity=30), late, PHARMACIE, "txt")
    assert error.value.code == "label-expiry-passed"
    assert error.value.render("fr", "cli") == (
        '--expiry: "naltrexone=2026-11-20" ramène la date limite d\'utilisation de ce lot au '
        "20 nov. 2026, qui est passée (nous sommes le 22 nov. 2026) : elle ne peut être ni "
        "étiquetée ni servie; utilisez un lot de cet ingrédient qui n'est pas périmé"
    )


def test_a_french_text_record_sets_a_space_before_each_colon() -> None:
    # French typography: "Calculé : 120 mg", never "Calculé: 120 mg" (the English form)
    text = render_record(capsule(strength="4.5mg", quantity=30), details(), PHARMACIE, "txt")
    lines = text.decode().splitlines()
    assert any(re.match(r"Calculé[\u00a0 ]: ", line.strip()) for line in lines)
    assert re.findall(r"\w: ", text.decode()) == []
