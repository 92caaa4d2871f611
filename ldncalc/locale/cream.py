"""The words of a topical cream (``ldncalc cream``): steps, warnings, refusals and the parts
of the label, record and screen only a cream has, English and French (Canada) side by side.
The records are made by :mod:`ldncalc.preparations.cream`."""

from __future__ import annotations

from ldncalc.formatting import FACTOR_PLACES
from ldncalc.locale import Params, Voice, render_error, words
from ldncalc.locale.common import record_name, times_a_day


def _when(p: Params, v: Voice) -> str:
    return times_a_day(int(p["per_day"]), v)


def _amount(p: Params, v: Voice) -> str:
    """What is applied: ``2 pumps of 0.5 mL (1 g, 10 mg)`` or ``1 g (10 mg)``."""
    dose, drug = v.q(p["dose"]), v.q(p["drug"])
    if p.get("pumps"):
        pumps, volume = v.counted(int(p["pumps"]), "pump"), v.q(p["pump_volume"])
        if v.fr:
            return f"{pumps} de pompe de {volume} ({dose}, {drug})"
        return f"{pumps} of {volume} ({dose}, {drug})"
    return f"{dose} ({drug})"


# -- steps ------------------------------------------------------------------------------------


@words("cream-drug")
def _drug(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['quantity'])} × {v.q(p['strength'])} = {v.q(p['drug'])}"
    if v.fr:
        return "Naltrexone HCl", "quantité × teneur", calculation
    return "Naltrexone HCl", "quantity × strength", calculation


@words("cream-powder")
def _powder(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['drug'])} ÷ {v.n(p['factor'], FACTOR_PLACES)} = {v.q(p['powder'], 1)}"
    if v.fr:
        return "Poudre à peser", "naltrexone HCl ÷ facteur (à 0,1 mg près)", calculation
    return "Powder to weigh", "naltrexone HCl ÷ factor (to 0.1 mg)", calculation


@words("cream-excipient")
def _excipient(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['amount'])} × {v.q(p['quantity'])} ÷ {v.q(p['per'])} = {v.q(p['mass'])}"
    name = record_name(p["name"], v)
    if v.fr:
        return name, f"quantité pour {v.q(p['per'])} × quantité ÷ {v.q(p['per'])}", calculation
    return name, f"amount per {v.q(p['per'])} × quantity ÷ {v.q(p['per'])}", calculation


@words("cream-base")
def _base(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['quantity'])} − {v.q(p['others'])} = {v.q(p['base'])}"
    if v.fr:
        return "Base", "quantité − les autres ingrédients (base qsp le poids total)", calculation
    return "Base", "quantity − the other ingredients (base to the total weight)", calculation


@words("cream-applications")
def _applications(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['quantity'])} ÷ {v.q(p['dose'])} = {v.n(p['applications'])}"
    if v.fr:
        return "Applications", "quantité ÷ dose appliquée", calculation
    return "Applications", "quantity ÷ dose applied", calculation


# -- warnings ---------------------------------------------------------------------------------


@words("cream-supply-outlasts-bud")
def _outlasts(p: Params, v: Voice) -> str:
    held = v.counted(int(p["applications"]), "application")
    bud, per_day = v.counted(int(p["bud"]), "day"), v.n(p["per_day"])
    used = int(p["bud"]) * int(p["per_day"])  # the applications used before the BUD
    if p.get("fix") is None:  # already the least quantity that can be made
        lost = v.counted(int(p["applications"]) - used, "application")
        if v.fr:
            return (
                f"La crème contient {held} à {per_day} par jour, plus que la date limite "
                f"d'utilisation de {bud} : {lost} seront jetées ; on ne peut pas en préparer "
                "moins"
            )
        return (
            f"The cream holds {held} at {per_day} a day, more than its BUD of {bud}: {lost} "
            "will be discarded; no smaller quantity can be made"
        )
    fix = v.option("quantity", p["fix"])
    kept = p.get("kept")
    still = int(kept) - used if kept is not None else 0
    if v.fr:
        more = (
            f", la plus petite quantité qu'on peut préparer ({v.counted(still, 'application')} "
            "seront encore jetées)"
            if still > 0
            else ""
        )
        return (
            f"La crème contient {held} à {per_day} par jour, plus que la date limite "
            f"d'utilisation de {bud}. Solution : {fix}{more}"
        )
    more = (
        f", the least quantity that can be made ({v.counted(still, 'application')} will still "
        "be discarded)"
        if still > 0
        else ""
    )
    return (
        f"The cream holds {held} at {per_day} a day, more than its BUD of {bud}. Fix: {fix}{more}"
    )


# -- refusals ---------------------------------------------------------------------------------


@words("cream-record-invalid")
def _record_invalid(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"n'est pas valide ({render_error(p['error'], v)[0]})",
            "corrigez la table [form] de la fiche (voir formulations/ldn-cream-xematop.toml)",
        )
    return (
        f"is not valid ({render_error(p['error'], v)[0]})",
        "correct the record's [form] table (see formulations/ldn-cream-xematop.toml)",
    )


@words("cream-pump-needs-measures")
def _pump_needs_measures(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            "donne le mode d'emploi en pressions de pompe sans pump_volume ni pump_mass",
            "ajoutez pump_volume (mL) et pump_mass (g) d'une pression à la table [form]",
        )
    return (
        "gives directions in pump actuations without pump_volume and pump_mass",
        "add pump_volume (mL) and pump_mass (g) of one actuation to the [form] table",
    )


@words("cream-pump-volume-outside")
def _pump_volume_outside(p: Params, v: Voice) -> tuple[str, str]:
    volume, low, high = v.q(p["volume"]), v.q(p["minimum"]), v.q(p["maximum"])
    if v.fr:
        return (
            f"donne {volume} par pression, hors de {low} à {high}",
            "donnez le volume d'une pression de la pompe doseuse remise, de "
            f"{low} à {high} (p. ex. 0.5mL), ou ce qu'elle délivre, pesé (p. ex. 0.5g)",
        )
    return (
        f"gives {volume} an actuation, not from {low} to {high}",
        f"give the volume of one actuation of the metered pump dispensed, from {low} to "
        f"{high} (e.g. 0.5mL), or what it delivers, weighed (e.g. 0.5g)",
    )


@words("cream-pump-not-used")
def _pump_not_used(p: Params, v: Voice) -> tuple[str, str]:
    record = p["record"]
    if v.fr:
        return (
            f"ne sert pas : la fiche {record} donne le mode d'emploi en grammes",
            f"retirez {v.option('pump_volume')}, ou choisissez une fiche avec pompe doseuse",
        )
    return (
        f"is not used: record {record} gives directions in grams",
        f"leave out {v.option('pump_volume')}, or use a record with a metered pump",
    )


@words("cream-strength-not-listed")
def _not_listed(p: Params, v: Voice) -> tuple[str, str]:
    listed = p["listed"]
    joiner = " ou " if v.fr else " or "
    options = joiner.join(v.option("strength", s) for s in listed)
    if v.fr:
        return "n'est pas une teneur de la fiche", f"donnez {options}"
    return "is not a strength the record lists", f"give {options}"


@words("cream-quantity-outside")
def _quantity_outside(p: Params, v: Voice) -> tuple[str, str]:
    low, high = v.q(p["minimum"]), v.q(p["maximum"])
    if v.fr:
        return f"n'est pas de {low} à {high}", f"donnez une quantité de {low} à {high}"
    return f"is not from {low} to {high}", f"give a quantity from {low} to {high}"


@words("cream-dose-not-pumps")
def _not_pumps(p: Params, v: Voice) -> tuple[str, str]:
    mass, volume = v.q(p["pump_mass"]), v.q(p["pump_volume"])
    better = v.option("dose", p["better"])
    if p.get("dose") is not None:  # the pump typed, the record's dose: that dose is refused
        dose = v.q(p["dose"])
        if v.fr:
            return (
                f"ne donne pas la dose de la fiche, {dose}, en un nombre entier de pressions "
                f"({mass} par pression)",
                f"donnez aussi {better}",
            )
        return (
            f"does not give the record's dose of {dose} in whole pumps ({mass} a pump)",
            f"give {better} too",
        )
    if v.fr:
        return (
            f"n'est pas un nombre entier de pressions de la pompe ({volume}, {mass} par pression)",
            f"donnez {better}",
        )
    return (
        f"is not a whole number of pumps ({volume}, {mass} a pump)",
        f"give {better}",
    )


@words("cream-dose-above-quantity")
def _above_quantity(p: Params, v: Voice) -> tuple[str, str]:
    quantity = v.q(p["quantity"])
    if v.fr:
        return f"dépasse la quantité préparée, {quantity}", "donnez une dose plus petite"
    return f"is more than the quantity made, {quantity}", "give a smaller dose"


@words("cream-dose-too-little")
def _too_little(p: Params, v: Voice) -> tuple[str, str]:
    example, amount = v.option("dose", p["example"]), v.q(p["amount"])
    if v.fr:
        return (
            f"est un poids de crème; {amount} de crème, c'est trop peu pour une application",
            f"donnez le poids de crème en g, p. ex. {example}",
        )
    return (
        f"is a weight of cream; {amount} of cream is too little to apply",
        f"give the cream's weight in g, e.g. {example}",
    )


def _dose_fix(p: Params, v: Voice) -> str:
    """``--dose 1g`` (with ``--doses-per-day 1`` when only once a day fits), or a lower
    strength when no whole application fits."""
    better = p.get("better")
    if better is None:
        return "donnez une teneur plus faible" if v.fr else "give a lower strength"
    fix = f"donnez {v.option('dose', better)}" if v.fr else f"give {v.option('dose', better)}"
    if p.get("per_day"):
        fix += f" {v.option('doses_per_day', int(p['per_day']))}"
    return fix


@words("cream-dose-above-maximum")
def _dose_above_maximum(p: Params, v: Voice) -> tuple[str, str]:
    drug, high = v.q(p["drug"]), v.q(p["maximum"])
    if v.fr:
        return (
            f"donne {drug} de naltrexone HCl par application, au-delà des {high} de la "
            "naltrexone à faible dose",
            _dose_fix(p, v),
        )
    return (
        f"gives {drug} of naltrexone HCl an application, above the {high} of low-dose naltrexone",
        _dose_fix(p, v),
    )


@words("cream-daily-dose-above-maximum")
def _daily_above_maximum(p: Params, v: Voice) -> tuple[str, str]:
    daily, drug, high = v.q(p["daily"]), v.q(p["drug"]), v.q(p["maximum"])
    fewer = v.option("doses_per_day", int(p["most"]))
    smaller = p.get("better")
    if v.fr:
        fix = f"donnez {fewer}" + (f" ou {v.option('dose', smaller)}" if smaller else "")
        return (
            f"donne {daily} de naltrexone HCl par jour à {drug} par application, au-delà des "
            f"{high} par jour de la naltrexone à faible dose",
            fix,
        )
    fix = f"give {fewer}" + (f" or {v.option('dose', smaller)}" if smaller else "")
    return (
        f"gives {daily} of naltrexone HCl a day at {drug} an application, above the {high} a "
        "day of low-dose naltrexone",
        fix,
    )


@words("cream-below-weighable")
def _below_weighable(p: Params, v: Voice) -> tuple[str, str]:
    least, at_least = v.q(p["minimum"]), p.get("least")
    if v.fr:
        problem = f"demande une pesée sous la quantité minimale pesable ({least})"
        if at_least is None:
            return problem, "utilisez une balance plus sensible"
        return problem, f"donnez {v.option('quantity', at_least)} ou plus"
    problem = f"needs a weighing below the minimum weighable quantity ({least})"
    if at_least is None:
        return problem, "use a more sensitive balance"
    return problem, f"give {v.option('quantity', at_least)} or more"


# -- the label, the record and the screen -----------------------------------------------------


@words("cream-title")
def _title(p: Params, v: Voice) -> str:
    strength, quantity = v.q(p["strength"]), v.q(p["quantity"])
    if v.fr:
        return (
            f"Crème de chlorhydrate de naltrexone {strength} : {quantity}, {_amount(p, v)} "
            f"{_when(p, v)}"
        )
    return f"Naltrexone HCl {strength} cream: {quantity}, {_amount(p, v)} {_when(p, v)}"


@words("cream-label-drug")
def _label_drug(p: Params, v: Voice) -> str:
    strength = v.q(p["strength"])
    if v.fr:
        return f"Naltrexone HCl {strength}, crème (LDN)"
    return f"Naltrexone HCl {strength} cream (LDN)"


@words("cream-quantity")
def _quantity(p: Params, v: Voice) -> str:
    return v.q(p["quantity"])


@words("cream-directions")
def _directions(p: Params, v: Voice) -> str:
    if v.fr:
        return f"Appliquer {_amount(p, v)} sur la peau {_when(p, v)}"
    return f"Apply {_amount(p, v)} to the skin {_when(p, v)}"


@words("cream-make")
def _make(p: Params, v: Voice) -> str:
    quantity, strength = v.q(p["quantity"]), v.q(p["strength"])
    powder, drug = v.q(p["powder"], 1), v.q(p["drug"])
    if v.fr:
        return (
            f"Préparer    {quantity} à {strength} ({powder} de poudre, {drug} de chlorhydrate "
            "de naltrexone), tout pesé"
        )
    return f"Make     {quantity} at {strength} ({powder} powder, {drug} naltrexone HCl), by weight"


@words("cream-dose-line")
def _dose_line(p: Params, v: Voice) -> str:
    if v.fr:
        return f"Dose        {_amount(p, v)}"
    return f"Dose     {_amount(p, v)}"


@words("cream-supply")
def _supply(p: Params, v: Voice) -> str:
    days = v.counted(int(p["days"]), "day")
    held = v.counted(int(p["applications"]), "application")
    per_day = v.n(p["per_day"])
    if v.fr:
        return f"Durée       {days} à {per_day} par jour (la crème contient {held})"
    return f"Supply   {days} at {per_day} a day (the cream holds {held})"


@words("cream-value")
def _value(p: Params, v: Voice) -> str:
    """The record's dose row: what is applied, in grams or pumps."""
    return _amount(p, v)


@words("cream-external")
def _external(p: Params, v: Voice) -> str:
    return "Usage externe seulement" if v.fr else "For external use only"
