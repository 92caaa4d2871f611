"""The liquid's messages are records (issue 10): every warning, note, step and refusal of
``liquid()`` and the serial dilution has a code, words in English and French (Canada), and
names its input as the reader does (``--days`` on the command line, ``days=`` in the library).
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from form_parts import messages

from ldncalc import forms, liquid
from ldncalc.bud import beyond_use
from ldncalc.errors import LdnCalcError, UnsafeInputError
from ldncalc.formulations import load
from ldncalc.locale import _WORDS, codes
from ldncalc.messages import Message, Step
from ldncalc.preparations.liquid.describe import final_volume
from ldncalc.preparations.liquid.dilution import dilution_steps, factors_between
from ldncalc.units import MG, MG_PER_ML, ML, Quantity

# what liquid() is asked, chosen so that every warning, note and step of the area appears
RESULTS: list[dict[str, object]] = [
    {"target": "4.5mg"},  # plain: dose volume, volume for the doses, spare, tablets…
    {"target": "4.5mg", "volume": "50mL"},  # no spare: volume-spare-short, tablets-for-volume
    {"target": "4.5mg", "days": 30},  # past the 14-day BUD: fewer days
    {"target": "4.5mg", "volume": "100mL"},  # a volume past the BUD: a smaller volume
    {"target": "0.15mg"},  # another concentration chosen (concentration-chosen, rounded)
    {"target": "0.1mg"},  # another concentration chosen (unreliable at the default)
    {"target": "0.5mg", "concentration": "5mg/mL"},  # below 20 % of the syringe
    {"target": "1.23mg", "concentration": "5mg/mL"},  # off the syringe's marks
    {"target": "25mcg"},  # a serial dilution
    {"target": "25mcg", "days": 30},  # a serial dilution past its BUD
    {"target": "3mcg"},  # a dilution in several steps
    {"target": "25mcg", "formulation": "ldn-liquid-preserved"},  # a diluent made (method)
    {"target": "4.5mg", "formulation": "ldn-liquid-preserved", "balance_sensitivity": "100mg"},
]

# what liquid() refuses, one of each refusal of the area
REFUSALS: list[dict[str, object]] = [
    {"target": "4.5mg", "volume": "100mL", "days": 3},
    {"target": "4.5mg", "volume": "3mL", "concentration": "5mg/mL"},
    {"target": "0.04mg", "concentration": "0.5mg/mL"},
    {"target": "4.5mg", "concentration": "200mg/mL"},
    {"target": "4.5mg", "concentration": "0.75mg/mL"},
    {"target": "4.5mg", "volume": "2L"},
    {"target": "4.5mg", "volume": "75mL"},
    {"target": "4.5mg", "days": 365, "concentration": "0.5mg/mL"},
    {"target": "12.34mcg"},
    {"target": "25mcg", "volume": "10mL"},
]

# English words that have no place in a French sentence
ENGLISH = (" the ", " and ", " of ", " is ", " with ", " dose volume", " bottle", " use ", " give ")


def _liquid_codes() -> set[str]:
    codes()  # loads every words module
    return {code for code, words in _WORDS.items() if words.__module__ == "ldncalc.locale.liquid"}


def _records() -> Iterator[Message]:
    # no built-in record's concentration leaves a final volume off the cylinder's 0.1 mL
    # (50 mg ÷ 0.5, 1 or 5 mg/mL); a titration fill at 0.6 mg/mL does: 83.3333 mL → 83.3 mL
    _, made_up = final_volume(1, Quantity(50, MG), Quantity(Decimal("0.6"), MG_PER_ML))
    assert made_up is not None
    yield made_up
    for kwargs in RESULTS:
        result = liquid(**kwargs)  # type: ignore[arg-type]
        for item in (*result.warnings, *result.notes, *result.steps, *result.method):
            if isinstance(item, Message):
                yield item
        yield forms.get("liquid").drug(result)  # the drug line (DosageForm.drug)
        if result.dilution is not None and result.dilution.diluent_text is not None:
            yield result.dilution.diluent_text  # the diluent, inside the screen's heading
        # the screen's, label's and record's liquid parts (DosageForm.documents)
        yield from messages(forms.get("liquid").documents(result))


def _errors() -> Iterator[LdnCalcError]:
    # a guard that whole 50 mg tablets at a listed concentration never reach (they hold more
    # than one dose of at most 10 mg with its spare): the error as liquid() would raise it
    yield UnsafeInputError(
        "volume",
        "10mL",
        code="volume-below-one-dose",
        dose_volume=Quantity(9, ML),
        least=Quantity(18, ML),
    )
    for kwargs in REFUSALS:
        with pytest.raises(LdnCalcError) as caught:
            liquid(**kwargs)  # type: ignore[arg-type]
        yield caught.value
    mg_per_ml = Quantity(Decimal(1), MG_PER_ML)
    for final in ("0.3", "1e-7"):
        with pytest.raises(LdnCalcError) as caught:
            factors_between(mg_per_ml, Quantity(Decimal(final), MG_PER_ML))
        yield caught.value
    library = load()
    bud = library.formulations["ldn-liquid-water"].bud

    with pytest.raises(LdnCalcError) as caught:
        dilution_steps(
            mg_per_ml,
            (10,),
            volume=Quantity(Decimal(5000), ML),
            catalog=library.catalog,
            max_deviation=Decimal(5),
            stock_bud=beyond_use(bud),
            diluent_bud=beyond_use(bud),
        )
    yield caught.value


def test_every_message_of_a_liquid_has_a_code_of_the_area_and_none_is_legacy_text() -> None:
    seen = {m.code for m in _records()} | {e.code for e in _errors()}
    assert "text" not in seen
    # every code of the area appears for some input here, and words exist for each seen
    assert _liquid_codes() <= seen | {"record-text"}, _liquid_codes() - seen
    assert all(
        isinstance(item, Message) and item.code != "text"
        for kwargs in RESULTS
        for result in [liquid(**kwargs)]  # type: ignore[arg-type]
        for item in (*result.notes, *result.steps)
    )


def test_every_message_reads_in_french_with_no_english_sentence() -> None:
    for message in _records():
        french = message.text("fr", "cli")
        assert not any(word in f" {french} " for word in ENGLISH), (message.code, french)
        # a quantity, a heading, a syringe's name or a count of doses can read the same in both
        same = ("dilution-step", "liquid-quantity", "liquid-phrase", "measuring-device")
        alike = message.code in same or message.params.get("name") == "doses"
        assert french != message.text("en", "cli") or alike
    for error in _errors():
        french = error.render("fr", "cli")
        assert not any(word in f" {french} " for word in ENGLISH), (error.code, french)


def test_a_warning_names_the_option_on_the_cli_and_the_argument_in_the_library() -> None:
    (warning,) = [
        w for w in liquid(target="4.5mg", volume="50mL").warnings if not isinstance(w, str)
    ]
    assert warning.code == "volume-spare-short"
    assert warning.concerns == "volume"
    assert warning.text(surface="cli").endswith(
        "Fix: add 4 mL for 11 doses: leave out --volume and give --days 11"
    )
    assert str(warning).endswith("Fix: add 4 mL for 11 doses: leave out volume= and give days=11")
    # hand-checked: 50 mL ÷ 4.5 mL = 11.1 doses with 0.5 mL left, less than the 1-dose spare
    assert warning.text("fr", "cli") == (
        "Le flacon de 50 mL contient 11 doses de 4,5 mL seulement avec 0,5 mL de réserve, moins "
        "que les 4,5 mL que demande la fiche maîtresse (ce qui reste dans le flacon, l'adaptateur "
        "et l'embout de la seringue n'est jamais pris) : il compte pour 10 doses. Solution : "
        "ajoutez 4 mL pour 11 doses : omettez --volume et indiquez --days 11"
    )


def test_the_steps_read_in_french_with_french_numbers() -> None:
    # 4.5 mg ÷ 1 mg/mL = 4.5 mL; 30 days at the 14-day BUD: 14 doses, 63 mL + 4.5 mL spare
    steps = liquid(target="4.5mg").steps
    assert [s.code for s in steps if isinstance(s, Step)] == [
        "dose-volume",
        "volume-for-doses",
        "spare",
        "drug-needed",
        "tablets-needed",
        "final-volume",
        "doses-in-bottle",
    ]
    assert steps[0].text("fr") == (
        "Volume d'une dose = dose ÷ concentration = 4,5 mg ÷ 1 mg/mL = 4,5 mL"
    )
    assert steps[1].text("fr") == (
        "Volume des doses demandées = volume d'une dose × doses par jour × jours = "
        "4,5 mL × 1 × 14 = 63 mL"
    )
    assert steps[0].text() == "Dose volume = dose ÷ concentration = 4.5 mg ÷ 1 mg/mL = 4.5 mL"


def test_a_refusal_names_target_in_the_library_and_on_the_cli_in_both_languages() -> None:
    with pytest.raises(LdnCalcError) as caught:
        liquid(target="12.34mcg")
    error = caught.value
    assert error.code == "dose-not-dilutable"
    assert str(error) == (
        'target="12.34 mcg": is not measured exactly on an oral syringe\'s marks after any '
        "serial dilution of at most 6 steps of 1:2 to 1:10; round it, e.g. to 12 mcg"
    )
    assert error.render(surface="cli") == (
        '--target: "12.34 mcg" is not measured exactly on an oral syringe\'s marks after any '
        "serial dilution of at most 6 steps of 1:2 to 1:10; round it, e.g. to 12 mcg"
    )
    assert error.render("fr", "cli") == (
        '--target: "12.34 mcg" ne tombe exactement sur les graduations d\'aucune seringue '
        "orale après une dilution en série d'au plus 6 étapes de 1:2 à 1:10; arrondissez-la, "
        "p. ex. à 12 mcg"
    )


@pytest.mark.parametrize("kwargs", REFUSALS, ids=lambda k: " ".join(map(str, k.values())))
def test_a_refusal_survives_pickle_with_its_code_and_words(kwargs: dict[str, object]) -> None:
    with pytest.raises(LdnCalcError) as caught:
        liquid(**kwargs)  # type: ignore[arg-type]
    error = caught.value
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.code, copy.parameter) == (type(error), error.code, error.parameter)
    assert str(copy) == str(error)
    assert copy.render("fr", "cli") == error.render("fr", "cli")
    assert re.match(r"^--[a-z-]+: ", error.render(surface="cli"))


def test_part_of_a_tablet_is_counted_the_french_way() -> None:
    # 75 mL × 1 mg/mL ÷ 50 mg = 1.5 tablets: French takes the singular below 2 (OQLF)
    with pytest.raises(LdnCalcError) as caught:
        liquid(target="4.5mg", volume="75mL")
    assert caught.value.render("fr", "cli") == (
        '--volume: "75mL" demande 1,5 comprimé de 50 mg à 1 mg/mL; utilisez des comprimés '
        "entiers : --volume 50mL ou 100mL"
    )
    assert caught.value.render(surface="cli") == (
        '--volume: "75mL" needs 1.5 tablets of 50 mg at 1 mg/mL; use whole tablets: '
        "--volume 50mL or 100mL"
    )


def test_a_serial_dilutions_method_lines_are_records_in_english_and_french() -> None:
    # 25 mcg: stock 50 mg in 100 mL = 0.5 mg/mL; 1 mL + 9 mL = 10 mL at 0.05 mg/mL (1:10)
    result = liquid(target="25mcg")
    engine = [m for m in result.method if isinstance(m, Message)]
    assert [m.code for m in engine] == [
        "liquid-method-keep-stock",
        "liquid-method-dilution",
        "liquid-method-fill",
    ]
    keep, dilution, fill = engine
    assert dilution.text() == (
        "Dilution 1: draw 1 mL of the 0.5 mg/mL liquid (1 mL oral syringe), add 9 mL of "
        "purified water (10 mL oral syringe) and mix well: 10 mL at 0.05 mg/mL."
    )
    assert keep.text("fr") == (
        "Conserver cette solution mère pour les dilutions ci-dessous : elle n'est pas servie."
    )
    assert dilution.text("fr") == (
        # each syringe with its marks, as in English (review fix)
        "Dilution 1 : prélever 1 mL du liquide à 0,5 mg/mL (seringue orale de 1 mL graduée à "
        "0,01 mL), ajouter 9 mL d'eau purifiée (seringue orale de 10 mL graduée à 0,2 mL) et "
        "bien mélanger : 10 mL à 0,05 mg/mL."
    )
    assert fill.text("fr").startswith("Remplir le contenant (flacon oral ambré")
    preserved = liquid(target="25mcg", formulation="ldn-liquid-preserved")
    french = [m.text("fr") for m in preserved.method if isinstance(m, Message)]
    assert french[1] == (
        "Préparer 100 mL de diluant : le véhicule de la formule sans les comprimés (les "
        "quantités marquées diluant)."
    )
    assert "de suspension orale de naltrexone HCl, avec agent de conservation" in french[2]
    for text in french:
        for word in (" the ", " and ", " of ", " with ", " is ", "syringe", "made without"):
            assert word not in text, (word, text)
