"""The words of an oral liquid from API powder (``ldncalc liquid --source api``): steps,
notes, refusals and its parts of the label, record and screen, English and French (Canada)
side by side. The records are made by :mod:`ldncalc.preparations.liquid.api`."""

from __future__ import annotations

from ldncalc.formatting import FACTOR_PLACES
from ldncalc.locale import Params, Voice, words
from ldncalc.locale.common import times_a_day


def _syringe(p: Params, v: Voice) -> str:
    """The oral syringe: its catalog name; in French, what it is, its size and marks."""
    if not v.fr:
        return str(p["syringe"])
    return f"seringue orale de {v.q(p['capacity'])} graduée à {v.q(p['graduation'])}"


def _form(p: Params, v: Voice) -> str:
    form = str(p["form"])
    from ldncalc.locale.phrases import phrases  # the label's tables: loaded when used

    return phrases(v.lang).dosage_forms.get(form, "solution orale" if v.fr else form)


# -- steps ------------------------------------------------------------------------------------


@words("liquid-api-dose-volume")
def _dose_volume(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['dose'], 6)} ÷ {v.q(p['concentration'])} = {v.q(p['volume'])}"
    if v.fr:
        return "Volume d'une dose", "dose ÷ concentration", calculation
    return "Dose volume", "dose ÷ concentration", calculation


@words("liquid-api-dispensed")
def _dispensed(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['dose_volume'])} × {v.n(p['doses'])} + {v.q(p['spare'])} = "
        f"{v.q(p['for_doses'] + p['spare'])} → {v.q(p['volume'])}"
    )
    if v.fr:
        return (
            "Volume remis",
            "volume d'une dose × doses + réserve, arrondi au mL supérieur",
            calculation,
        )
    return "Volume dispensed", "dose volume × doses + spare, up to whole mL", calculation


@words("liquid-api-stock")
def _stock(p: Params, v: Voice) -> tuple[str, str, str]:
    factor = v.n(p["factor"], FACTOR_PLACES)
    calculation = f"{v.q(p['minimum'])} × {factor} ÷ {v.q(p['concentration'])} → {v.q(p['volume'])}"
    if v.fr:
        return (
            "Solution mère",
            "quantité minimale pesable × facteur ÷ concentration, arrondi au multiple de 5 mL "
            "supérieur",
            calculation,
        )
    return (
        "Stock solution",
        "minimum weighable quantity × factor ÷ concentration, up to a multiple of 5 mL",
        calculation,
    )


@words("liquid-api-drug")
def _drug(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['volume'])} × {v.q(p['concentration'])} = {v.q(p['drug'])}"
    if v.fr:
        return "Naltrexone HCl", "volume du lot × concentration", calculation
    return "Naltrexone HCl", "batch volume × concentration", calculation


@words("liquid-api-powder")
def _powder(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['drug'])} ÷ {v.n(p['factor'], FACTOR_PLACES)} = {v.q(p['powder'], 1)}"
    if v.fr:
        return "Poudre à peser", "naltrexone HCl ÷ facteur (à 0,1 mg près)", calculation
    return "Powder to weigh", "naltrexone HCl ÷ factor (to 0.1 mg)", calculation


# -- notes and refusals -----------------------------------------------------------------------


@words("liquid-api-stock-larger")
def _stock_larger(p: Params, v: Voice) -> str:
    batch, dispensed, least = v.q(p["batch"]), v.q(p["dispensed"]), v.q(p["minimum"])
    if v.fr:
        return (
            f"La poudre pour {dispensed} seulement pèserait moins que la quantité minimale "
            f"pesable ({least}) : préparez {batch} de solution mère, remettez-en {dispensed} et "
            "jetez le reste"
        )
    return (
        f"The powder for {dispensed} alone would weigh less than the minimum weighable "
        f"quantity ({least}): make {batch} of stock solution, dispense {dispensed} of it and "
        "discard the rest"
    )


# -- the label, the record and the screen -----------------------------------------------------


@words("liquid-api-title")
def _title(p: Params, v: Voice) -> str:
    conc, target, when = v.q(p["concentration"]), v.q(p["target"]), times_a_day(p["per_day"], v)
    if v.fr:
        return f"Chlorhydrate de naltrexone {conc}, {_form(p, v)} : {target} {when}"
    return f"Naltrexone HCl {conc} {_form(p, v)}: {target} {when}"


@words("liquid-api-label-drug")
def _label_drug(p: Params, v: Voice) -> str:
    conc = v.q(p["concentration"])
    if v.fr:
        return f"Naltrexone HCl {conc}, {_form(p, v)} (LDN)"
    return f"Naltrexone HCl {conc} {_form(p, v)} (LDN)"


@words("liquid-api-quantity")
def _quantity(p: Params, v: Voice) -> str:
    return v.q(p["volume"])


@words("liquid-api-directions")
def _directions(p: Params, v: Voice) -> str:
    from ldncalc.locale.phrases import phrases  # the label's tables: loaded when used

    return phrases(v.lang).take_liquid.format(
        volume=v.q(p["volume"]), dose=v.q(p["dose"]), when=times_a_day(p["per_day"], v)
    )


@words("liquid-api-dose-line")
def _dose_line(p: Params, v: Voice) -> str:
    target, volume, dose = v.q(p["target"]), v.q(p["volume"]), v.q(p["dose"])
    if v.fr:
        return f"Dose        {target} = {volume} ({dose}) à la {_syringe(p, v)}"
    return f"Dose     {target} = {volume} ({dose}) in a {_syringe(p, v)}"


@words("liquid-api-value")
def _value(p: Params, v: Voice) -> str:
    """The record's rows only a liquid has: the dose and its syringe, the spare."""
    if p["name"] == "dose":
        return f"{v.q(p['volume'])} ({v.q(p['dose'])}), {_syringe(p, v)}"
    return f"{v.q(p['volume'])} (minimum {v.q(p['minimum'])})"


@words("liquid-source-unknown")
def _source_unknown(p: Params, v: Voice) -> tuple[str, str]:
    choices = " ou ".join(p["sources"]) if v.fr else " or ".join(p["sources"])
    if v.fr:
        return "n'est pas une provenance connue", f"utilisez {choices}"
    return "is not a known source", f"use {choices}"


@words("liquid-source-option")
def _source_option(p: Params, v: Voice) -> tuple[str, str]:
    source = v.option("source", p["source"])
    if v.fr:
        return f"ne sert qu'avec {source}", f"retirez-la ou donnez {source}"
    return f"is only for {source}", f"drop it or give {source}"
