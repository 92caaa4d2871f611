"""Words shared by the plug-in dosage forms (:mod:`ldncalc.forms`: drops, cream, a liquid
from API powder): the rows of a record's factors, the screen's supply and make lines, the
record's measured checks, and the refusal of days beyond the BUD. A form's own words are in
``ldncalc/locale/<kind>.py``."""

from __future__ import annotations

from ldncalc.formatting import FACTOR_PLACES
from ldncalc.locale import Params, Voice, words
from ldncalc.locale.common import catalog_text

_HEADINGS = {
    "drop-volume": ("Drop volume (calibrated)", "Volume d'une goutte (étalonné)"),
    "drops": ("Drops a dose", "Gouttes par dose"),
    "strength": ("Strength", "Teneur"),
    "concentration": ("Concentration", "Concentration"),
    "dose": ("Dose", "Dose"),
    "api": ("API powder", "Substance active en poudre"),
    "factor": ("Factor (certificate of analysis)", "Facteur (certificat d'analyse)"),
    "minimum-weighable": ("Minimum weighable quantity", "Quantité minimale pesable"),
    "applications": ("Applications", "Applications"),
    # the doses the bottle holds, not those asked for (the step "Volume for the doses asked")
    "for-doses": ("Volume of the doses held", "Volume des doses contenues"),
    "spare": ("Spare volume", "Volume de réserve"),
    "dispensed": ("Volume dispensed", "Volume remis"),
    "batch": ("Batch volume", "Volume du lot"),
    "total": ("Total weight", "Poids total"),
}


@words("form-heading")
def _heading(p: Params, v: Voice) -> str:
    english, french = _HEADINGS[str(p["name"])]
    return french if v.fr else english


@words("form-value")
def _value(p: Params, v: Voice) -> str:
    """A factor's value: a quantity (``value``), a count, or the API powder and its assay."""
    name = p["name"]
    if name == "api":
        form = catalog_text(str(p["form"]), v)
        return f"{form}, {'titre' if v.fr else 'assay'} {v.q(p['assay'])}"
    if name == "for-doses":
        return f"{v.q(p['value'])} ({v.counted(int(p['doses']), 'dose')})"
    if name == "factor":  # the certificate's factor, to the places every step shows
        return v.n(p["count"], FACTOR_PLACES)
    if "count" in p:
        return v.n(p["count"])
    return v.q(p["value"])


@words("form-supply")
def _supply(p: Params, v: Voice) -> str:
    days, doses = v.counted(int(p["days"]), "day"), v.counted(int(p["doses"]), "dose")
    per_day = v.n(p["per_day"])
    if v.fr:
        return f"Durée       {days} à {per_day} par jour (le flacon contient {doses})"
    return f"Supply   {days} at {per_day} a day (the bottle holds {doses})"


@words("form-make")
def _make(p: Params, v: Voice) -> str:
    batch, conc, powder = v.q(p["batch"]), v.q(p["concentration"]), v.q(p["powder"], 1)
    drug, dispensed = v.q(p["drug"]), v.q(p["dispensed"])
    if v.fr:
        return (
            f"Préparer    {batch} à {conc} ({powder} de poudre, {drug} de chlorhydrate de "
            f"naltrexone); remettre {dispensed}"
        )
    return (
        f"Make     {batch} at {conc} ({powder} powder, {drug} naltrexone HCl); dispense {dispensed}"
    )


@words("form-check")
def _check(p: Params, v: Voice) -> str:
    """A measured check of the record: the batch's volume, the total weight, the dropper's
    calibration, the appearance."""
    name = p["name"]
    if name == "batch":
        volume = v.q(p["value"])
        return f"Volume du lot ({volume})" if v.fr else f"Batch volume ({volume})"
    if name == "total":
        weight = v.q(p["value"])
        return f"Poids total ({weight})" if v.fr else f"Total weight ({weight})"
    if name == "calibration":
        drop = p["value"]
        expected = v.n(p["expected"], 1)
        if v.fr:
            return f"Gouttes dans 1 mL (attendu : 1 mL ÷ {v.q(drop)} = {expected})"
        return f"Drops in 1 mL (expected: 1 mL ÷ {v.q(drop)} = {expected})"
    return "Apparence" if v.fr else "Appearance"


@words("days-beyond-bud")
def _days_beyond_bud(p: Params, v: Voice) -> tuple[str, str]:
    bud = int(p["bud"])
    if v.fr:
        return (
            f"dépasse la date limite d'utilisation de {v.counted(bud, 'day')}",
            f"donnez {v.option('days', bud)} ou moins",
        )
    return f"is beyond the BUD of {v.counted(bud, 'day')}", f"give {v.option('days', bud)} or fewer"
