"""The capsule calculation's messages are records (issue 10): every step, warning, note and
refusal has a code, its figures as parameters, and words in English and French (Canada)."""

from __future__ import annotations

import copy
import pickle
import re
from decimal import Decimal
from typing import Any

import pytest
from form_parts import messages

from ldncalc import LdnCalcError, capsule, forms
from ldncalc.locale import codes
from ldncalc.messages import Message
from ldncalc.preparations.capsule.aliquot import plan_aliquot
from ldncalc.units import Quantity

# inputs that, between them, make every step, warning and note of the capsule calculation
RUNS: dict[str, dict[str, Any]] = {
    "api": {"strength": "4.5mg", "quantity": 30, "overage": "5%"},
    "no overage": {"strength": "4.5mg", "quantity": 30, "overage": 0},
    "dihydrate": {"strength": "4.5mg", "quantity": 30, "salt": "hcl-dihydrate"},
    "hydrate's water": {
        "strength": "4.5mg",
        "quantity": 30,
        "assay": "99.5%",
        "assay_basis": "anhydrous",
        "water": "8.6%",
    },
    "dihydrate's water far from its own": {
        "strength": "4.5mg",
        "quantity": 30,
        "salt": "hcl-dihydrate",
        "assay": "99%",
        "assay_basis": "anhydrous",
        "water": "0.5%",
    },
    "tablets, crushed for losses": {
        "strength": "2.5mg",
        "quantity": 59,
        "source": "tablets",
        "tablet_weight": "250mg",
    },
    "aliquot": {"strength": "0.5mg", "quantity": 30},
    "tablets by aliquot": {
        "strength": "0.5mg",
        "quantity": 30,
        "source": "tablets",
        "tablet_weight": "100mg",
    },
    "fill weight": {"strength": "4.5mg", "quantity": 30, "fill_weight": "190mg"},
    "shell weight": {"strength": "4.5mg", "quantity": 30, "shell_weight": "120mg"},
    "lactose": {"strength": "4.5mg", "quantity": 30, "filler": "lactose"},
    "supply": {"strength": "4.5mg", "quantity": 400},
}

# inputs refused, one for each refusal of the capsule calculation
REFUSED: list[dict[str, Any]] = [
    {"source": "syrup"},
    {"salt": " "},
    {"size": 0},
    {"size": ""},
    {"size": "12"},
    {"tablet_weight": "200mg"},
    {"source": "tablets", "tablet_weight": "250mg", "assay": "99%"},
    {
        "quantity": 3,
        "strength": "0.1mg",
        "size": "3",
        "source": "tablets",
        "tablet_weight": "150mg",
        "fill_weight": "30mg",
    },
    {"overage": "150%"},
    {"filler": ""},
    {"filler": "chalk"},
    {"filler": "calcium-carbonate"},
    {"source": "tablets"},
    {"source": "tablets", "tablet_weight": "40mg"},
    {"source": "tablets", "tablet_weight": "3000mg"},
    {"fill_weight": "150mcg"},
    {"shell": "glass"},
    {"shell_weight": "5mg"},
    {"shell_weight": {"x": 1}},
    {"strength": "10mg", "source": "tablets", "tablet_weight": "500mg", "size": "5"},
    {"balance_sensitivity": "200mg"},
    {"assay_basis": "wet"},
    {"assay_as": "hcl-dihydrate"},
    {"salt": "hcl-dihydrate", "assay_as": "hcl-dihydrate", "assay_basis": "anhydrous"},
    {"water": "8.6%"},
    {"assay_basis": "anhydrous"},
    {"salt": "hcl-dihydrate", "assay": "99.5%"},
    {"salt": "hcl-dihydrate", "assay": "99%", "assay_as": "hcl"},
    {"assay": "98.5"},
    {"assay": "80%"},
    {"assay": "99.5%", "assay_basis": "anhydrous", "water": "20%"},
    {"strength": "1mcg", "quantity": 1},
]

# records the built-in catalog cannot make (a size without a shell weight; filler too light
# to weigh): rendered from their parameters
MADE: list[Message] = [
    Message(code="capsule-no-shell-weight", params={"size": "0el", "shell": "gelatin"}),
    Message(
        code="capsule-filler-below-minimum-weighable",
        params={
            "filler": Quantity(Decimal("95.5"), "mg"),
            "minimum_weighable": Quantity(120, "mg"),
            "sensitivity": Quantity(6, "mg"),
            "error": Quantity(5, "percent"),
        },
    ),
]

# English words that must not appear in a French sentence
ENGLISH = (" the ", " and ", " of ", " is ", " with ", " weigh ", " filler", " shell", " powder")
# parameters that are a catalog's own text, English only for now (a filler's name, its caution)
CATALOG_TEXT = re.compile(r"Microcrystalline cellulose \(Avicel PH-102\)|Lactose[^:]*: .*")


def _records() -> list[Message]:
    found = list(MADE)
    for kwargs in RUNS.values():
        result = capsule(**kwargs)
        found += [*result.warnings, *result.notes, *result.steps]  # type: ignore[list-item]
        found.append(forms.get("capsule").drug(result))  # the drug line (DosageForm.drug)
        if result.aliquot is not None:  # the aliquot method's lines are records too
            found += [m for m in result.aliquot.method if isinstance(m, Message)]
        # the screen's, label's and record's capsule parts (DosageForm.documents)
        found += messages(forms.get("capsule").documents(result))
    return found


def _refusals() -> list[LdnCalcError]:
    errors = []
    # the aliquot method's own guards, which capsule() never reaches: nothing to weigh, and
    # an amount the balance weighs directly
    for needed in (Quantity(0, "mg"), Quantity(130, "mg")):
        with pytest.raises(LdnCalcError) as raised:
            plan_aliquot(
                needed,
                sensitivity=Quantity(6, "mg"),
                error=Quantity(5, "percent"),
                powder="naltrexone HCl",
                filler_name="mcc",
            )
        errors.append(raised.value)
    for kwargs in REFUSED:
        with pytest.raises(LdnCalcError) as raised:
            capsule(**{"strength": "4.5mg", "quantity": 30, **kwargs})
        errors.append(raised.value)
    return errors


def test_every_capsule_code_is_made_and_none_is_text() -> None:
    records, errors = _records(), _refusals()
    made = {r.code for r in records} | {e.code for e in errors}
    assert "text" not in made  # nothing written before message codes is left
    ours = ("capsule-", "aliquot-")
    assert {code for code in made if code.startswith(ours)} == {
        code for code in codes() if code.startswith(ours)
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_capsule_record_renders_and_french_has_no_english(lang: str) -> None:
    for record in _records():
        text = record.text(lang, "cli")
        assert text, record
        assert "{" not in text, record
        if lang == "fr":
            french = CATALOG_TEXT.sub("", f" {text} ")
            assert not [w for w in ENGLISH if w in french], (record.code, text)


def test_every_capsule_refusal_renders_in_french_without_english() -> None:
    for error in _refusals():
        assert error.code.startswith(("capsule-", "aliquot-")), error
        text = CATALOG_TEXT.sub("", f" {error.render('fr', 'cli')} ")
        if error.code != "capsule-filler-avoided":  # its reason is the catalog's English
            assert not [w for w in ENGLISH if w in text], (error.code, text)


def test_a_warning_names_the_input_as_each_surface_does() -> None:
    (warning,) = capsule(strength="4.5mg", quantity=30, overage=0).warnings[:1]
    assert warning.code == "capsule-no-overage"
    assert warning.concerns == "overage"
    assert warning.text("en", "cli") == (
        "No extra capsule is made for losses (overage 0): powder lost in the mortar and the "
        "capsule filling leaves the last capsules short. Fix: --overage 1 or more (make at "
        "least one extra capsule, UNC punch method)"
    )
    assert "Fix: overage=1 or more" in warning.text()
    assert warning.text("fr", "cli") == (
        "Aucune capsule supplémentaire n'est préparée pour les pertes (excédent 0) : la poudre "
        "perdue dans le mortier et au remplissage laisse les dernières capsules incomplètes. "
        "Solution : --overage 1 ou plus (préparer au moins une capsule de plus, méthode UNC "
        "par arasement)"
    )


def test_the_steps_in_french() -> None:
    # 30 + 5 % of 30 (1.5 → 2) = 32 capsules; 4.5 mg × 32 ÷ 1 = 144 mg of API
    steps = {s.code: s for s in capsule(strength="4.5mg", quantity=30, overage="5%").steps}
    assert steps["capsule-batch"].text("fr") == (
        "Nombre à préparer = quantité + excédent = 30 + 5 % de 30 (1,5 → 2) = 32 capsules"
    )
    assert steps["capsule-api-to-weigh"].text("fr") == (
        "Substance active à peser = teneur × nombre ÷ facteur = 4,5 mg × 32 ÷ 1 = 144 mg"
    )
    assert steps["capsule-batch"].params["percent"] == Quantity(5, "percent")


def test_the_same_refusal_names_size_in_the_library_and_size_on_the_cli() -> None:
    # 10 mg from 500 mg tablets: 100 mg of powder a capsule; size 2 holds 0.37 × 305 = 112.9 mg
    with pytest.raises(LdnCalcError) as raised:
        capsule(strength="10mg", quantity=30, source="tablets", tablet_weight="500mg", size="5")
    error = raised.value
    assert (error.code, error.parameter, error.value) == ("capsule-does-not-fit", "size", "5")
    assert error.params["fits"] == "2"
    assert str(error).endswith('; use size="2" (holds about 112.9 mg)')
    assert error.render("en", "cli").startswith('--size: "5" does not fit: 100 mg of powder')
    assert error.render("en", "cli").endswith("; use --size 2 (holds about 112.9 mg)")
    assert error.render("fr", "cli") == (
        '--size: "5" ne tient pas : 100 mg de poudre par capsule, mais une capsule de taille 5 '
        "contient 39,7 mg de cellulose microcristalline (Avicel PH-102); utilisez --size 2 "
        "(contient environ 112,9 mg)"
    )


def test_a_capsule_refusal_survives_pickle_and_copy() -> None:
    with pytest.raises(LdnCalcError) as raised:
        capsule(strength="4.5mg", quantity=30, fill_weight="150mcg")
    error = raised.value
    for again in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(again) is type(error)
        assert (again.code, again.parameter, again.value) == (
            error.code,
            error.parameter,
            error.value,
        )
        assert again.render("fr", "cli") == error.render("fr", "cli")
        assert str(again) == str(error)


def test_json_carries_code_params_and_text() -> None:
    result = capsule(strength="4.5mg", quantity=400)
    data = result.model_dump(mode="json", context={"lang": "fr", "surface": "cli"})
    (supply,) = [w for w in data["warnings"] if w["code"] == "capsule-supply-outlasts-bud"]
    # 400 capsules at 1 a day, BUD 180 days: 220 doses discarded
    assert supply["params"] == {"doses": 400, "doses_per_day": 1, "bud_days": 180}
    assert supply["concerns"] == "quantity"
    assert "220 doses seront jetées" in supply["text"]
