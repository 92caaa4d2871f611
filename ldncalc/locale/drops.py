"""The words of sublingual drops (``ldncalc drops``): steps, notes, refusals and the parts of
the label, record and screen only drops have, English and French (Canada) side by side. The
records are made by :mod:`ldncalc.preparations.drops`."""

from __future__ import annotations

from ldncalc.formatting import FACTOR_PLACES
from ldncalc.locale import Params, Voice, render_error, words
from ldncalc.locale.common import times_a_day


def _when(p: Params, v: Voice) -> str:
    return times_a_day(int(p["per_day"]), v)


def _drops(p: Params, v: Voice, key: str = "drops") -> str:
    return v.counted(int(p[key]), "drop")


# -- steps ------------------------------------------------------------------------------------


@words("drops-concentration")
def _concentration(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['dose'], 6)} ÷ ({v.n(p['drops'])} × {v.q(p['drop'])}) = {v.q(p['concentration'])}"
    )
    if v.fr:
        return "Concentration", "dose ÷ (gouttes × volume d'une goutte)", calculation
    return "Concentration", "dose ÷ (drops × drop volume)", calculation


@words("drops-count")
def _count(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['dose'], 6)} ÷ ({v.q(p['concentration'])} × {v.q(p['drop'])}) = "
        f"{v.n(p['exact'])} → {v.n(p['drops'])}"
    )
    if v.fr:
        return "Gouttes par dose", "dose ÷ (concentration × volume d'une goutte)", calculation
    return "Drops a dose", "dose ÷ (concentration × drop volume)", calculation


@words("drops-dose")
def _dose(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.n(p['drops'])} × {v.q(p['drop'])} × {v.q(p['concentration'])} = "
    exact, dose = p.get("exact", p["dose"]), p["dose"]
    # rounded to the concentration's 3 figures: say from what (1.0005 mg → 1 mg)
    calculation += f"{v.q(exact, 6)} → {v.q(dose)}" if exact != dose else v.q(dose, 6)
    if v.fr:
        return (
            "Dose mesurée",
            "gouttes × volume d'une goutte × concentration (3 chiffres significatifs)",
            calculation,
        )
    return (
        "Dose measured",
        "drops × drop volume × concentration (3 significant figures)",
        calculation,
    )


@words("drops-for-doses")
def _for_doses(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['dose_volume'])} × {v.n(p['per_day'])} × {v.n(p['days'])} = {v.q(p['volume'])}"
    )
    if v.fr:
        return (
            "Volume des doses demandées",
            "volume d'une dose × doses par jour × jours",
            calculation,
        )
    return "Volume for the doses asked", "dose volume × doses a day × days", calculation


@words("drops-spare")
def _spare(p: Params, v: Voice) -> tuple[str, str, str]:
    doses, percent = v.n(p["doses"]), v.n(p["percent"])
    calculation = (
        f"max({doses} × {v.q(p['dose_volume'])}, {percent} % × {v.q(p['for_doses'])}) = "
        f"{v.q(p['spare'])}"
    )
    if v.fr:
        return (
            "Volume de réserve",
            f"le plus grand de {doses} dose et {percent} % du volume des doses demandées",
            calculation,
        )
    return (
        "Spare volume",
        f"the greater of {doses} dose and {percent} % of the volume for the doses asked",
        calculation,
    )


@words("drops-dispensed")
def _dispensed(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['for_doses'])} + {v.q(p['spare'])} → {v.q(p['volume'])}"
    step = v.q(p["step"])
    if v.fr:
        formula = f"volume des doses demandées + réserve, arrondi au multiple de {step} supérieur"
        return "Volume remis", formula, calculation
    formula = f"volume for the doses asked + spare, up to a multiple of {step}"
    return "Volume dispensed", formula, calculation


@words("drops-batch")
def _batch(p: Params, v: Voice) -> tuple[str, str, str]:
    factor = v.n(p["factor"], FACTOR_PLACES)
    calculation = f"{v.q(p['minimum'])} × {factor} ÷ {v.q(p['concentration'])} → {v.q(p['volume'])}"
    step = v.q(p["step"])
    if v.fr:
        return (
            "Volume du lot",
            "quantité minimale pesable × facteur ÷ concentration, arrondi au multiple de "
            f"{step} supérieur",
            calculation,
        )
    return (
        "Batch volume",
        f"minimum weighable quantity × factor ÷ concentration, up to a multiple of {step}",
        calculation,
    )


@words("drops-drug")
def _drug(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['volume'])} × {v.q(p['concentration'])} = {v.q(p['drug'])}"
    if v.fr:
        return "Naltrexone HCl", "volume du lot × concentration", calculation
    return "Naltrexone HCl", "batch volume × concentration", calculation


@words("drops-powder")
def _powder(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['drug'])} ÷ {v.n(p['factor'], FACTOR_PLACES)} = {v.q(p['powder'], 1)}"
    if v.fr:
        return "Poudre à peser", "naltrexone HCl ÷ facteur (à 0,1 mg près)", calculation
    return "Powder to weigh", "naltrexone HCl ÷ factor (to 0.1 mg)", calculation


# -- notes ------------------------------------------------------------------------------------


@words("drops-batch-larger")
def _batch_larger(p: Params, v: Voice) -> str:
    batch, dispensed, least = v.q(p["batch"]), v.q(p["dispensed"]), v.q(p["minimum"])
    if v.fr:
        return (
            f"La poudre pour {dispensed} seulement pèserait moins que la quantité minimale "
            f"pesable ({least}) : préparez {batch}, remettez {dispensed} et jetez le reste"
        )
    return (
        f"The powder for {dispensed} alone would weigh less than the minimum weighable "
        f"quantity ({least}): make {batch}, dispense {dispensed} and discard the rest"
    )


# -- refusals ---------------------------------------------------------------------------------


@words("drops-drop-volume-outside")
def _drop_volume_outside(p: Params, v: Voice) -> tuple[str, str]:
    low, high = v.q(p["minimum"]), v.q(p["maximum"])
    if v.fr:
        return (
            f"n'est pas un volume de goutte de {low} à {high}",
            "donnez le volume d'une goutte du compte-gouttes remis, étalonné par la "
            "pharmacie (un compte-gouttes USP : 20 gouttes d'eau par mL, 0,05mL)",
        )
    return (
        f"is not a drop volume from {low} to {high}",
        "give the volume of one drop of the dropper dispensed, as the pharmacy calibrated it "
        "(a USP medicine dropper: 20 drops of water per mL, 0.05mL)",
    )


@words("drops-not-whole")
def _not_whole(p: Params, v: Voice) -> tuple[str, str]:
    dose, drop, conc = v.q(p["dose"], 6), v.q(p["drop"]), v.q(p["concentration"])
    exact = v.n(p["exact"])
    if v.fr:
        return (
            f"donne {dose} en {exact} gouttes de {drop} à {conc}, pas un nombre entier de "
            "gouttes à 5 % près",
            _concentration_fix(p, v),
        )
    return (
        f"gives {dose} in {exact} drops of {drop} at {conc}, not a whole number of drops "
        "within 5 %",
        _concentration_fix(p, v),
    )


def _concentration_fix(p: Params, v: Voice) -> str:
    """The fix of a refusal with ``--concentration`` (``drops/__init__._fix``): the
    concentration for whole drops (and those drops when the ones asked for change), else a
    more sensitive balance or a dropper with larger drops."""
    if p.get("better") is None:
        if p.get("balance"):
            if v.fr:
                return f"utilisez une balance plus sensible ({v.option('balance_sensitivity')})"
            return f"use a more sensitive balance ({v.option('balance_sensitivity')})"
        if v.fr:
            return "utilisez un compte-gouttes à plus grosses gouttes"
        return "use a dropper with larger drops"
    better, nearest = v.option("concentration", p["better"]), _drops(p, v, "nearest")
    if p.get("with_drops"):
        better = f"{v.option('drops', p['nearest'])} {better}"
    if v.fr:
        return f"donnez {better} ({nearest} par dose)"
    return f"give {better} ({nearest} a dose)"


@words("drops-too-many")
def _too_many(p: Params, v: Voice) -> tuple[str, str]:
    dose, drop, conc = v.q(p["dose"], 6), v.q(p["drop"]), v.q(p["concentration"])
    exact, most = v.n(p["exact"]), v.n(p["maximum"])
    if v.fr:
        return (
            f"donne {dose} en {exact} gouttes de {drop} à {conc}, plus que le maximum de la "
            f"fiche, {most} gouttes par dose",
            _concentration_fix(p, v),
        )
    return (
        f"gives {dose} in {exact} drops of {drop} at {conc}, more than the record's maximum "
        f"of {most} drops a dose",
        _concentration_fix(p, v),
    )


@words("drops-dose-mismatch")
def _dose_mismatch(p: Params, v: Voice) -> tuple[str, str]:
    dose, drop, conc = v.q(p["dose"], 6), v.q(p["drop"]), v.q(p["concentration"])
    measured, drops = v.q(p["measured"], 6), _drops(p, v)
    if v.fr:
        return (
            f"donne {measured} en {drops} de {drop} à {conc}, pas {dose} à 5 % près",
            _concentration_fix(p, v),
        )
    return (
        f"gives {measured} in {drops} of {drop} at {conc}, not {dose} within 5 %",
        _concentration_fix(p, v),
    )


@words("drops-above-solubility")
def _above_solubility(p: Params, v: Voice) -> tuple[str, str]:
    conc, most = v.q(p["concentration"]), v.q(p["maximum"])
    fewest = p.get("drops")
    if v.fr:
        problem = (
            f"demande {conc} ({_drops(p, v, 'count')} par dose), au-dessus du maximum de la "
            f"fiche, {most} (sous la solubilité du chlorhydrate de naltrexone, environ 100 mg/mL)"
        )
        if "better" in p:
            return problem, _concentration_fix(p, v)
        fix = (
            f"donnez {v.option('drops', fewest)} ou plus"
            if fewest is not None
            else "utilisez un compte-gouttes à plus grosses gouttes"
        )
        return problem, fix
    problem = (
        f"needs {conc} ({_drops(p, v, 'count')} a dose), above the record's maximum of {most} "
        "(below the solubility of naltrexone HCl, about 100 mg/mL)"
    )
    if "better" in p:
        return problem, _concentration_fix(p, v)
    fix = (
        f"give {v.option('drops', fewest)} or more"
        if fewest is not None
        else "use a dropper with larger drops"
    )
    return problem, fix


@words("drops-batch-too-large")
def _batch_too_large(p: Params, v: Voice) -> tuple[str, str]:
    batch, most, least = v.q(p["batch"]), v.q(p["maximum"]), v.q(p["minimum"])
    fewer = p.get("drops")
    if v.fr:
        problem = (
            f"demande un lot de {batch} pour peser la quantité minimale pesable ({least}), "
            f"plus que le maximum de la fiche, {most}"
        )
        if "better" in p:
            return problem, _concentration_fix(p, v)
        if fewer is not None:
            more = " ou moins" if fewer > 1 else ""
            return problem, f"donnez {v.option('drops', fewer)}{more}"
        return problem, f"utilisez une balance plus sensible ({v.option('balance_sensitivity')})"
    problem = (
        f"needs a batch of {batch} to weigh the minimum weighable quantity ({least}), more than "
        f"the record's maximum of {most}"
    )
    if "better" in p:
        return problem, _concentration_fix(p, v)
    if fewer is not None:
        more = " or fewer" if fewer > 1 else ""
        return problem, f"give {v.option('drops', fewer)}{more}"
    return problem, f"use a more sensitive balance ({v.option('balance_sensitivity')})"


@words("drops-record-invalid")
def _record_invalid(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"n'est pas valide ({render_error(p['error'], v)[0]})",
            "corrigez la table [form] de la fiche (voir formulations/ldn-drops-water.toml)",
        )
    return (
        f"is not valid ({render_error(p['error'], v)[0]})",
        "correct the record's [form] table (see formulations/ldn-drops-water.toml)",
    )


# -- the label, the record and the screen -----------------------------------------------------


@words("drops-title")
def _title(p: Params, v: Voice) -> str:
    conc, target = v.q(p["concentration"]), v.q(p["target"])
    drops = _drops(p, v)
    if v.fr:
        return (
            f"Gouttes sublinguales de chlorhydrate de naltrexone {conc} : {target} "
            f"({drops}) {_when(p, v)}"
        )
    return f"Naltrexone HCl {conc} sublingual drops: {target} ({drops}) {_when(p, v)}"


@words("drops-label-drug")
def _label_drug(p: Params, v: Voice) -> str:
    conc, per_drop = v.q(p["concentration"]), v.q(p["per_drop"])
    if v.fr:
        return f"Naltrexone HCl {conc}, gouttes sublinguales (LDN), {per_drop} par goutte"
    return f"Naltrexone HCl {conc} sublingual drops ({per_drop} a drop) (LDN)"


@words("drops-quantity")
def _quantity(p: Params, v: Voice) -> str:
    return v.q(p["volume"])


@words("drops-directions")
def _directions(p: Params, v: Voice) -> str:
    drops, dose = _drops(p, v), v.q(p["dose"])
    if v.fr:
        return f"Déposer {drops} ({dose}) sous la langue {_when(p, v)}"
    return f"Place {drops} ({dose}) under the tongue {_when(p, v)}"


@words("drops-dose-line")
def _dose_line(p: Params, v: Voice) -> str:
    target, dose, drop = v.q(p["target"]), v.q(p["dose"]), v.q(p["drop"])
    drops = _drops(p, v)
    if v.fr:
        return f"Dose        {target} = {drops} de {drop} ({dose})"
    return f"Dose     {target} = {drops} of {drop} ({dose})"


@words("drops-value")
def _value(p: Params, v: Voice) -> str:
    """The record's rows only drops have: drops a dose, the concentration and its maximum,
    the dose measured for the dose prescribed."""
    name = p["name"]
    if name == "drops":
        return _drops(p, v)
    if name == "concentration":
        conc, most = v.q(p["concentration"]), v.q(p["maximum"])
        return f"{conc} (maximum {most})"
    target, dose = v.q(p["target"], 6), v.q(p["dose"], 6)
    deviation = v.n(p["deviation"], 1)
    if v.fr:
        return f"{dose} mesurée pour {target} prescrite ({deviation} %)"
    return f"{dose} measured for {target} prescribed ({deviation} %)"
