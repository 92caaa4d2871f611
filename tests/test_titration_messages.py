"""A titration's warnings, notes, calculation steps and refusals are records with codes (issue
10): each renders in English (as the screen always printed it) and in French (Canada), and
none is left as English text (``code="text"``)."""

from __future__ import annotations

import pickle
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from ldncalc.errors import LdnCalcError
from ldncalc.messages import Message
from ldncalc.titration import TitrationResult, titrate

MONDAY = "2025-03-03"
# English words that never belong in a French sentence
ENGLISH = re.compile(r"\b(?:the|and|of|is|with|each|dose volume|fill|step|take|days?)\b")


def _records(result: TitrationResult) -> Iterator[Message]:
    for item in (*result.warnings, *result.notes, *result.steps):
        assert isinstance(item, Message), item
        yield item


def _titration_codes(result: TitrationResult) -> list[Message]:
    return [m for m in _records(result) if m.code.startswith("titration-")]


CAPSULES = {
    "protocol": titrate(protocol="three-step-1-5mg", form="capsule", start_date=MONDAY),
    "long": titrate(
        protocol="ldnrt-weekly", form="capsule", maintenance_days=200, start_date=MONDAY
    ),
    "tablets": titrate(
        protocol="three-step-1-5mg",
        form="capsule",
        formulation="ldn-capsule-tablets-mcc",
        start_date=MONDAY,
    ),
}


@pytest.mark.parametrize("name", sorted(CAPSULES))
def test_a_capsule_titration_says_everything_in_records(name: str) -> None:
    result = CAPSULES[name]
    assert not [m for m in _records(result) if m.code == "text"]
    for message in _titration_codes(result):
        french = message.text("fr", "cli")
        assert not ENGLISH.search(french), (message.code, french)
        assert message.text("en", "cli") != french


def test_capsule_steps_and_notes_in_english_and_french() -> None:
    # ldnrt-weekly + 200 days: 263 days, the BUD 180: 2 fills; the target 4.5 mg one capsule
    # (207 days of 263); the 2 mg strength: 1 × 7 (2 mg) + 1 × 7 (2.5) + 1 × 7 (3.5) + 2 × 7
    # (4 mg) = 35
    result = CAPSULES["long"]
    by_code = {}
    for m in _records(result):
        by_code.setdefault(m.code, []).append(m)
    (one,) = by_code["titration-target-one-capsule"]
    assert one.text() == "The target 4.5 mg is one capsule: it is taken 207 days of 263 days."
    assert one.text("fr") == (
        "La dose cible de 4,5 mg est une seule capsule : elle est prise 207 jours sur 263 jours."
    )
    (fills,) = by_code["titration-capsule-fills"]
    assert fills.text("fr") == (
        "Le calendrier dure 263 jours et la DLU est de 180 jours : 2 préparations, chacune "
        "préparée à sa date de préparation, pas avant."
    )
    two = next(s for s in by_code["titration-strength-capsules"] if s.params["capsules"] == 35)
    assert two.text() == (
        "2 mg capsules = capsules a dose × days, summed over the steps = "
        "1 × 7 + 1 × 7 + 1 × 7 + 2 × 7 = 35"
    )
    assert two.text("fr") == (
        "Capsules de 2 mg = capsules par dose × jours, additionnées sur les paliers = "
        "1 × 7 + 1 × 7 + 1 × 7 + 2 × 7 = 35"
    )
    (net,) = by_code["titration-batch-net-fill-weight"]
    assert "add --shell-weight with" in net.text("en", "cli")
    assert "add shell_weight= with" in net.text()  # the library names capsule()'s input
    assert "ajoutez --shell-weight avec" in net.text("fr", "cli")


REFUSALS = [
    {"form": "tablet"},
    {"protocol": "ldnrt-weekly", "start": "1mg"},
    {"step": "0.5mg", "every": "7d", "target": "4.5mg"},
    {"start": "0.5mg", "step": "0.5mg", "every": "7d"},
    {"start": "1.5mg", "step": "0.5mg", "every": "7d", "target": "0.5mg"},
    {"start": "1.5mg", "step": "0.5mg", "every": "7d", "target": "1.5mg"},
    {"start": "0.5mg", "step": "5mg", "every": "7d", "target": "4.5mg"},
    {"start": "0.5mg", "step": "0.01mg", "every": "7d", "target": "4.5mg"},
    {"start": "0.5mg", "step": "0.01mg", "every": "7d", "target": "4.5mg", "form": "capsule"},
    {"start": "0.5mg", "step": "0.125mg", "every": "7d", "target": "1mg"},
    {"start": "0.5mg", "step": "0.5mg", "every": "60d", "target": "4.5mg"},
    {"protocol": "ldnrt-weekly", "form": "capsule", "concentration": "1mg/mL"},
    {"protocol": "no-such-protocol"},
    {"protocol": "ldnrt-liquid-5mg-ml", "form": "capsule"},
    {"protocol": "ldnrt-weekly", "concentration": "0.6mg/mL"},
    # 1.25 mg at 1 mg/mL is 1.25 mL: the 3 mL syringe has 0.1 mL marks
    {
        "start": "0.5mg",
        "step": "0.75mg",
        "every": "7d",
        "target": "1.25mg",
        "concentration": "1mg/mL",
    },
]


@pytest.mark.parametrize("options", REFUSALS)
def test_every_titration_refusal_is_a_coded_error_in_both_languages(
    options: dict[str, str],
) -> None:
    with pytest.raises(LdnCalcError) as caught:
        titrate(start_date=MONDAY, **options)
    error = caught.value
    assert error.code.startswith("titration-"), error
    french = error.render("fr", "cli")
    # the words, without options, ids and values (--step, ldnrt-weekly, "0.5mg")
    words = re.sub(r'"[^"]*"|\S*-\S*', "", french.split(":", 1)[1])
    assert not ENGLISH.search(words), french
    assert error.render("en", "cli").startswith(f"{error.option}:")
    again = pickle.loads(pickle.dumps(error))
    assert (again.code, again.render("fr", "cli")) == (error.code, french)


def test_a_refusal_names_the_input_as_each_surface_does() -> None:
    with pytest.raises(LdnCalcError) as caught:
        titrate(start="0.5mg", step="5mg", every="7d", target="4.5mg", start_date=MONDAY)
    error = caught.value
    # distance 4.5 mg − 0.5 mg = 4 mg
    assert error.render("en", "cli") == (
        '--step: "5mg" is larger than the distance from --start 0.5 mg to --target 4.5 mg '
        "(4 mg); write --step 4mg or less"
    )
    assert str(error) == (
        'step="5mg": is larger than the distance from start 0.5 mg to target 4.5 mg (4 mg); '
        'write step="4mg" or less'
    )
    assert error.render("fr", "cli") == (
        '--step: "5mg" dépasse l\'écart de --start 0,5 mg à --target 4,5 mg (4 mg); '
        "écrivez --step 4mg ou moins"
    )


LIQUIDS = {
    "weekly": titrate(protocol="ldnrt-weekly", start_date=MONDAY),  # 5 fills
    # 0.1 mL at 5 mg/mL: below 20 % of the 1 mL syringe; 0.5 mg/mL chosen over the default
    "small": titrate(start="0.5mg", step="0.5mg", every="7d", target="1mg", start_date=MONDAY),
    "unreliable": titrate(
        start="50mcg", step="50mcg", every="7d", target="200mcg", start_date=MONDAY
    ),
}


@pytest.mark.parametrize("name", sorted(LIQUIDS))
def test_a_liquid_titration_says_its_own_messages_in_records(name: str) -> None:
    result = LIQUIDS[name]
    for item in (*result.warnings, *result.notes, *result.steps):
        if isinstance(item, str):  # still text: read_dose's range warnings, final_volume's note
            assert not item.startswith(("The schedule", "Step ", "Totals")), item
            continue
        if item.code.startswith("titration-"):
            french = item.text("fr", "cli")
            words = re.sub(r'"[^"]*"|\S*-\S*|\([^)]*syringe\)', "", french)
            assert not ENGLISH.search(words), (item.code, french)


def test_liquid_steps_in_english_and_french() -> None:
    # ldnrt-weekly, fill 1 (the BUD 14 days: days 1-14): 0.5 mg × 7 + 1 mg × 7 = 10.5 mg
    steps = [s for s in LIQUIDS["weekly"].steps if isinstance(s, Message)]
    drug = next(s for s in steps if s.code == "titration-fill-drug")
    assert drug.text() == (
        "Fill 1 drug = sum of the daily doses taken from it = 0.5 mg × 7 + 1 mg × 7 = 10.5 mg"
    )
    assert drug.text("fr") == (
        "Médicament de la préparation 1 = somme des doses quotidiennes qui y sont prises = "
        "0,5 mg × 7 + 1 mg × 7 = 10,5 mg"
    )


def test_a_fill_note_names_its_fill_in_the_readers_language() -> None:
    # a fill whose volume is made up to the cylinder's 0.1 mL: 3 × 50 mg at 3 mg/mL is 50 mL
    # exactly, 2 × 50 mg at 3 mg/mL is 33.333… mL, made up to 33.3 mL (3.003 mg/mL)
    from ldncalc.preparations.liquid.describe import final_volume
    from ldncalc.units import MG, MG_PER_ML, ML, Quantity

    volume, made_up = final_volume(2, Quantity(Decimal(50), MG), Quantity(Decimal(3), MG_PER_ML))
    assert made_up is not None
    assert volume == Quantity(Decimal("33.3"), ML)
    params = {"fill": 2, "note": made_up.code, **made_up.params}
    note = Message(code="titration-fill-note", params=params)
    assert note.text("en", "cli") == (
        "Fill 2: The final volume 33.3333 mL is made up to 33.3 mL; the concentration is then "
        "3.003 mg/mL"
    )
    assert note.text("fr", "cli") == (
        "Préparation 2 : Le volume final de 33,3333 mL est complété à 33,3 mL; la "
        "concentration est alors de 3,003 mg/mL"
    )
