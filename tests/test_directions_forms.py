"""Directions state the dose in the form's own measure, for every form (review of 2cc9660).

docs/basis.md §6 and §7 (ISMP, USP <17>): the dose a patient reads is the one calculated, in
what they measure it with: mL of an oral liquid (the oral syringe), capsules, drops (the
calibrated dropper), pumps of a cream given with a metered pump, grams of a cream in a tube.
A drop is a household measure on every form but drops, where it is THE measure.

The doses below, by hand:
- liquid 4.5 mg at 1 mg/mL: 4.5 mg ÷ 1 mg/mL = 4.5 mL;
- capsules of 4.5 mg: 1 capsule;
- drops of 0.5 mg with a 0.05 mL drop: 1 drop is 0.5 mg ÷ 0.05 mL = 10 mg/mL; with 2 drops a
  dose, 0.5 mg ÷ (2 × 0.05 mL) = 5 mg/mL;
- cream 10 mg/g, the record's 1 g a dose: 1 g × 10 mg/g = 10 mg; its pump delivers 0.5 g an
  actuation, so 1 g ÷ 0.5 g = 2 pumps (of 0.5 mL); in grams (a tube), 1 g (10 mg).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_cream import grams_record
from test_labels import run

from ldncalc import capsule, fhir_json, forms, liquid
from ldncalc.errors import InputError, LdnCalcError
from ldncalc.formatting import format_quantity
from ldncalc.locale.phrases import Lang
from ldncalc.models import Result
from ldncalc.preparations.cream import cream
from ldncalc.preparations.drops import drops
from ldncalc.preparations.liquid.api import api_liquid
from ldncalc.prescriptions import (
    Prescription,
    check_directions,
    default_directions,
    prescription,
    read_directions,
)

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

PHARMACY = str(Path(__file__).parent.parent / "docs" / "pharmacy.example.toml")
LIQUID_45 = liquid(target="4.5mg")
CAPSULE_45 = capsule(strength="4.5mg", quantity=30)
DROPS_1 = drops(target="0.5mg", drop_volume="0.05mL")  # 10 mg/mL, 1 drop
DROPS_2 = drops(target="0.5mg", drop_volume="0.05mL", drops=2)  # 5 mg/mL, 2 drops
CREAM = cream(strength="10mg/g", quantity="30g")  # 2 pumps of 0.5 mL (1 g, 10 mg)
API_45 = api_liquid(target="4.5mg")

CREAM_EN = "a dose of the 10 mg/g cream is 2 pumps (1 g, 10 mg)"
CREAM_FR = "une dose de crème à 10 mg/g est de 2 pressions (1 g, 10 mg)"
CREAM_DEFAULT_EN = "Apply 2 pumps of 0.5 mL (1 g, 10 mg) to the skin at bedtime"
CREAM_DEFAULT_FR = "Appliquer 2 pressions de pompe de 0,5 mL (1 g, 10 mg) sur la peau au coucher"
LIQUID_EN = "a dose of the 1 mg/mL liquid is 4.5 mL (4.5 mg)"
LIQUID_FR = "une dose du liquide à 1 mg/mL est de 4,5 mL (4,5 mg)"
LIQUID_DEFAULT_EN = "Take 4.5 mL (4.5 mg) by mouth at bedtime"
LIQUID_DEFAULT_FR = "Prendre 4,5 mL (4,5 mg) par la bouche au coucher"
DROPS_EN = "a dose of the 10 mg/mL sublingual drops is 1 drop (0.5 mg)"
DROPS_FR = "une dose de gouttes sublinguales à 10 mg/mL est de 1 goutte (0,5 mg)"
DROPS_DEFAULT_EN = "Place 1 drop (0.5 mg) under the tongue at bedtime"
DROPS_DEFAULT_FR = "Déposer 1 goutte (0,5 mg) sous la langue au coucher"
UNMEASURED_EN = "the volume of a dose, which the patient does not measure"
UNMEASURED_FR = "le volume d'une dose, que le patient ne mesure pas"
IN_DROPS_EN = "write the dose in drops, counted with the dropper dispensed, e.g."
IN_DROPS_FR = "écrivez la dose en gouttes, comptées avec le compte-gouttes remis, par exemple"
FIX_EN = "write the directions for that dose, e.g."
FIX_FR = "écrivez le mode d'emploi de cette dose, par exemple"


def refusal(result: Result, directions: str, lang: Lang) -> str:
    """The one line the CLI prints for ``directions`` on ``result``, in the label's
    language."""
    with pytest.raises(InputError) as error:
        check_directions(result, read_directions(directions, lang), lang)
    return error.value.render(lang, "cli")


# --- 1. directions that state no dose ---------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "directions", "expected"),
    [
        *(
            (
                ["cream", "--strength", "10mg/g", "--quantity", "30g"],
                text,
                f'ldncalc: --directions: "{text}" states no dose: {CREAM_EN}; {FIX_EN} '
                f'"{CREAM_DEFAULT_EN}"\n',
            )
            for text in ("-1", "nan", "1kg", "2026-13-01")
        ),
        (
            ["cream", "--strength", "10mg/g", "--quantity", "30g", "--lang", "fr"],
            "-1",
            f'ldncalc: --directions: "-1" n\'indique aucune dose : {CREAM_FR}; {FIX_FR} '
            f"« {CREAM_DEFAULT_FR} »\n",
        ),
        (
            ["liquid", "--target", "4.5mg"],
            "Take by mouth",
            f'ldncalc: --directions: "Take by mouth" states no dose: {LIQUID_EN}; {FIX_EN} '
            f'"{LIQUID_DEFAULT_EN}"\n',
        ),
        (
            ["liquid", "--target", "4.5mg", "--lang", "fr"],
            "Prendre par la bouche",
            f'ldncalc: --directions: "Prendre par la bouche" n\'indique aucune dose : '
            f"{LIQUID_FR}; {FIX_FR} « {LIQUID_DEFAULT_FR} »\n",
        ),
    ],
)
def test_directions_with_no_dose_are_refused_and_the_fix_is_accepted(
    argv: list[str],
    directions: str,
    expected: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    label = tmp_path / "label.txt"
    base = (*argv, "--label", str(label), "--pharmacy", PHARMACY,
            "--patient", "P", "--prescriber", "Q", "--rx", "1")  # fmt: skip
    assert run(capsys, *base, "--directions", directions) == (2, "", expected)
    assert not label.exists()
    # the fix suggested: the default directions, given back, are written on the label
    found = re.search(r'(?:e\.g\. "|par exemple « )(.+)(?:"| »)$', expected.strip())
    assert found is not None
    suggested = found[1]
    code, _, err = run(capsys, *base, "--directions", suggested)
    assert code == 0, err
    assert " ".join(label.read_text(encoding="utf-8").split()).count(suggested) == 1


@pytest.mark.parametrize(
    ("result", "directions", "lang", "expected"),
    [
        # the dose only in mg: the patient measures mL, capsules, pumps
        (
            LIQUID_45,
            "Take 4.5 mg by mouth at bedtime",
            "en",
            f'gives the dose only as "4.5 mg", not in mL: {LIQUID_EN}; {FIX_EN} '
            f'"{LIQUID_DEFAULT_EN}"',
        ),
        (
            LIQUID_45,
            "Prendre 4 500 mcg (4,5 mg) au coucher",
            "fr",
            f"n'indique la dose que par « 4 500 mcg » et « 4,5 mg », et non en mL : {LIQUID_FR}; "
            f"{FIX_FR} « {LIQUID_DEFAULT_FR} »",
        ),
        (
            CAPSULE_45,
            "Take 4.5 mg by mouth at bedtime",
            "en",
            'gives the dose only as "4.5 mg", not in capsules: a dose is 1 capsule of 4.5 mg; '
            f'{FIX_EN} "Take 1 capsule by mouth at bedtime"',
        ),
        (
            CREAM,
            "Apply 1 g to the skin at bedtime",
            "en",
            f'gives the dose only as "1 g", not in pumps: {CREAM_EN}; {FIX_EN} '
            f'"{CREAM_DEFAULT_EN}"',
        ),
        (
            CREAM,
            "Appliquer 1 g sur la peau au coucher",
            "fr",
            f"n'indique la dose que par « 1 g », et non en pressions : {CREAM_FR}; {FIX_FR} "
            f"« {CREAM_DEFAULT_FR} »",
        ),
        (
            API_45,
            "Take by mouth at bedtime",
            "en",
            f'states no dose: {LIQUID_EN}; {FIX_EN} "{LIQUID_DEFAULT_EN}"',
        ),
    ],
)
def test_the_dose_in_another_measure_only_is_refused(
    result: Result, directions: str, lang: Lang, expected: str
) -> None:
    assert refusal(result, directions, lang) == f'--directions: "{directions}" {expected}'


# --- 2. drops: counted in drops, never in mL --------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "lang", "directions"),
    [
        ([], "en", DROPS_DEFAULT_EN),
        (["--lang", "fr"], "fr", DROPS_DEFAULT_FR),
        (["--drops", "2"], "en", "Place 2 drops (0.5 mg) under the tongue at bedtime"),
        (
            ["--drops", "2", "--lang", "fr"],
            "fr",
            "Déposer 2 gouttes (0,5 mg) sous la langue au coucher",
        ),
        ([], "en", "Place 1 drop with the dropper under the tongue at bedtime"),
        ([], "fr", "Déposer 1 goutte avec le compte-gouttes sous la langue au coucher"),
    ],
)
def test_directions_in_drops_are_written_on_the_drops_label(
    argv: list[str], lang: Lang, directions: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    label = tmp_path / "label.txt"
    code, _, err = run(
        capsys, "drops", "--target", "0.5mg", "--drop-volume", "0.05mL", *argv,
        "--label", str(label), "--pharmacy", PHARMACY, "--patient", "P", "--prescriber", "Q",
        "--rx", "1", "--directions", directions,
    )  # fmt: skip
    assert code == 0, err
    assert directions in " ".join(label.read_text(encoding="utf-8").split())


@pytest.mark.parametrize(
    ("result", "directions", "lang", "expected"),
    [
        (
            DROPS_1,
            "Place 0.05 mL under the tongue at bedtime",
            "en",
            f'says "0.05 mL", {UNMEASURED_EN}: {DROPS_EN}; {IN_DROPS_EN} "{DROPS_DEFAULT_EN}"',
        ),
        (  # mL beside the drops: refused too (the patient has a dropper, not a syringe)
            DROPS_1,
            "Place 1 drop (0.05 mL) under the tongue at bedtime",
            "en",
            f'says "0.05 mL", {UNMEASURED_EN}: {DROPS_EN}; {IN_DROPS_EN} "{DROPS_DEFAULT_EN}"',
        ),
        (
            DROPS_1,
            "Déposer 0,05 mL sous la langue au coucher",
            "fr",
            f"indique « 0,05 mL », {UNMEASURED_FR} : {DROPS_FR}; {IN_DROPS_FR} "
            f"« {DROPS_DEFAULT_FR} »",
        ),
        (  # 0.05 mL is one drop, not the dose of two
            DROPS_2,
            "Place 0.05 mL under the tongue at bedtime",
            "en",
            'says "0.05 mL", but a dose of the 5 mg/mL sublingual drops is 2 drops (0.5 mg); '
            f'{FIX_EN} "Place 2 drops (0.5 mg) under the tongue at bedtime"',
        ),
        (
            DROPS_2,
            "Déposer 1 goutte sous la langue au coucher",
            "fr",
            "indique « 1 goutte », mais une dose de gouttes sublinguales à 5 mg/mL est de "
            f"2 gouttes (0,5 mg); {FIX_FR} « Déposer 2 gouttes (0,5 mg) sous la langue au "
            "coucher »",
        ),
        (
            DROPS_1,
            "Place 1 dropper under the tongue at bedtime",
            "en",
            f'says "1 dropper", but {DROPS_EN}; {FIX_EN} "{DROPS_DEFAULT_EN}"',
        ),
        (
            DROPS_1,
            "Place 1 dropperful under the tongue at bedtime",
            "en",
            f'uses "dropperful", a household measure (ISMP): {DROPS_EN}; {IN_DROPS_EN} '
            f'"{DROPS_DEFAULT_EN}"',
        ),
        (
            DROPS_1,
            "Déposer 1 c. à thé sous la langue au coucher",
            "fr",
            f"emploie « c. à thé », une mesure ménagère (ISMP) : {DROPS_FR}; {IN_DROPS_FR} "
            f"« {DROPS_DEFAULT_FR} »",
        ),
        (
            DROPS_1,
            "Place under the tongue at bedtime",
            "en",
            f'states no dose: {DROPS_EN}; {FIX_EN} "{DROPS_DEFAULT_EN}"',
        ),
    ],
)
def test_drops_are_counted_in_drops_not_measured_in_ml(
    result: Result, directions: str, lang: Lang, expected: str
) -> None:
    assert refusal(result, directions, lang) == f'--directions: "{directions}" {expected}'


def test_a_drop_stays_a_household_measure_on_an_oral_liquid() -> None:
    household = (
        'uses "drop", a household measure (ISMP: oral doses in mL only); write the dose in mL, '
        "measured with the oral syringe dispensed"
    )
    for result in (LIQUID_45, API_45):
        message = refusal(result, "Take 1 drop by mouth at bedtime", "en")
        assert message == f'--directions: "Take 1 drop by mouth at bedtime" {household}'


# --- 3. cream: the dose in the cream's terms; a household measure for a topical form ----------


@pytest.mark.parametrize(
    ("directions", "lang", "expected"),
    [
        (
            "Apply 5 g to the skin at bedtime",
            "en",
            f'says "5 g", but {CREAM_EN}; {FIX_EN} "{CREAM_DEFAULT_EN}"',
        ),
        (
            "Appliquer 5 g sur la peau au coucher",
            "fr",
            f"indique « 5 g », mais {CREAM_FR}; {FIX_FR} « {CREAM_DEFAULT_FR} »",
        ),
        (
            "Apply 1 drop",
            "en",
            f'uses "drop", a household measure (ISMP): {CREAM_EN}; write the dose in pumps of the '
            f'pump dispensed, e.g. "{CREAM_DEFAULT_EN}"',
        ),
        (
            "Appliquer 1 goutte",
            "fr",
            f"emploie « goutte », une mesure ménagère (ISMP) : {CREAM_FR}; écrivez la dose en "
            f"pressions de la pompe remise, par exemple « {CREAM_DEFAULT_FR} »",
        ),
        (
            "Apply 3 pumps to the skin at bedtime",
            "en",
            f'says "3 pumps", but {CREAM_EN}; {FIX_EN} "{CREAM_DEFAULT_EN}"',
        ),
    ],
)
def test_a_cream_dose_is_said_in_pumps_and_grams(
    directions: str, lang: Lang, expected: str
) -> None:
    assert refusal(CREAM, directions, lang) == f'--directions: "{directions}" {expected}'


def test_a_cream_in_grams_is_dosed_in_grams(tmp_path: Path) -> None:
    result = cream(strength="10mg/g", quantity="30g", formulations_dir=grams_record(tmp_path))
    assert default_directions(result, "en") == "Apply 1 g (10 mg) to the skin at bedtime"
    check_directions(result, "Apply 1 g (10 mg) to the skin at bedtime", "en")
    assert refusal(result, "Apply 1 drop to the skin at bedtime", "en") == (
        '--directions: "Apply 1 drop to the skin at bedtime" uses "drop", a household measure '
        "(ISMP): a dose of the 10 mg/g cream is 1 g (10 mg); write the dose in g, e.g. "
        '"Apply 1 g (10 mg) to the skin at bedtime"'
    )
    assert refusal(result, "Appliquer 2 pressions au coucher", "fr") == (
        '--directions: "Appliquer 2 pressions au coucher" indique « 2 pressions », mais une dose '
        f"de crème à 10 mg/g est de 1 g (10 mg); {FIX_FR} « Appliquer 1 g (10 mg) sur la peau "
        "au coucher »"
    )


def test_the_fhir_export_checks_the_directions_as_the_label_does() -> None:
    details = prescription(directions="Apply 5 g to the skin at bedtime")
    with pytest.raises(InputError, match=r'^directions="Apply 5 g to the skin at bedtime": says'):
        fhir_json(CREAM, details=details)
    given_back = Prescription(directions=CREAM_DEFAULT_EN, lot="L1", compounded=details.compounded)
    assert CREAM_DEFAULT_EN in fhir_json(CREAM, details=given_back)


# --- every form: its default directions pass; no dose, or a wrong one, is refused -------------


@st.composite
def any_form(draw: st.DrawFn) -> Result:
    """A result of every registered form: liquid, capsules, drops, cream, liquid from API."""
    kind = draw(st.sampled_from(forms.kinds()))
    mg = draw(st.decimals(Decimal("0.1"), Decimal("5"), places=1))
    doses_per_day = draw(st.integers(1, 2))
    try:
        if kind == "liquid":
            return liquid(target=f"{mg}mg", doses_per_day=doses_per_day)
        if kind == "capsule":
            return capsule(strength=f"{mg}mg", quantity=60, doses_per_day=doses_per_day)
        if kind == "drops":
            return drops(
                target=f"{mg}mg", drop_volume="0.05mL", drops=draw(st.integers(1, 3)),
                doses_per_day=doses_per_day,
            )  # fmt: skip
        if kind == "cream":
            strength = draw(st.sampled_from(["5mg/g", "10mg/g", "20mg/g"]))
            return cream(strength=strength, quantity="30g", doses_per_day=doses_per_day)
        return api_liquid(target=f"{mg}mg", doses_per_day=doses_per_day)
    except LdnCalcError:  # a dose the engine refuses (not measurable): not a valid result
        assume(False)
        raise


def code_of(result: Result, directions: str, lang: Lang) -> str | None:
    try:
        check_directions(result, read_directions(directions, lang), lang)
    except InputError as error:
        return error.code
    return None


@settings(max_examples=80, deadline=None)
@given(any_form(), st.sampled_from(["en", "fr"]))
def test_every_forms_default_directions_given_back_are_accepted(result: Result, lang: Lang) -> None:
    assert code_of(result, default_directions(result, lang), lang) is None


@settings(max_examples=80, deadline=None)
@given(
    any_form(),
    st.sampled_from(["en", "fr"]),
    st.sampled_from(["-1", "nan", "1kg", "2026-13-01", "Take by mouth", "Prendre", "Apply"]),
)
def test_directions_with_no_amount_are_refused_on_every_form(
    result: Result, lang: Lang, directions: str
) -> None:
    assert code_of(result, directions, lang) == "directions-no-dose"


@settings(max_examples=80, deadline=None)
@given(any_form(), st.sampled_from(["en", "fr"]), st.integers(2, 5), st.booleans())
def test_directions_with_a_wrong_amount_are_refused_on_every_form(
    result: Result, lang: Lang, times: int, measure: bool
) -> None:
    # the default directions with the dose's mg, or what is measured, times 2 to 5 added
    supply = forms.get(result.kind).supply(result)
    wrong = (supply.dose if measure else supply.drug) * times
    directions = f"{default_directions(result, lang)} ({format_quantity(wrong, lang=lang)})"
    assert code_of(result, directions, lang) == "directions-wrong-dose"
