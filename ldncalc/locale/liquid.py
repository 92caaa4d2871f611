"""The words of an oral liquid (``ldncalc liquid``): its steps, warnings, notes and refusals,
English and French (Canada) side by side. The records are made by
:mod:`ldncalc.preparations.liquid.describe`, :mod:`~ldncalc.preparations.liquid.read` and
:mod:`~ldncalc.preparations.liquid.dilution`."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ldncalc.formatting import typed
from ldncalc.locale import Params, Voice, words
from ldncalc.locale.common import de, ingredient_name, record_texts, recorded, times_a_day
from ldncalc.messages import Message
from ldncalc.units import DAY, MCG, MG, Qty, Quantity

# -- pieces shared by several codes -----------------------------------------------------------


def _syringe(p: Params, v: Voice, prefix: str = "") -> str:
    """A syringe or cylinder: its catalog name in English; in French, what it is and its size
    (``seringue orale de 5 mL graduée à 0,1 mL``)."""
    name = str(p[f"{prefix}syringe"])
    if not v.fr:
        return name
    kind = "éprouvette graduée" if "cylinder" in name else "seringue orale"
    graduation = p.get(f"{prefix}graduation")
    marks = f" graduée à {v.q(graduation)}" if graduation is not None else ""
    return f"{kind} de {v.q(p[f'{prefix}capacity'])}{marks}"


def _device(device: Any, v: Voice) -> str:
    """A dilution's measuring device (a plan's ``Device``) as :func:`_syringe` says it: a
    syringe with its marks (two 5 mL syringes differ only by them), a cylinder by its size."""
    params = {"syringe": device.name, "capacity": device.capacity}
    if "cylinder" not in device.name:
        params["graduation"] = device.graduation
    return _syringe(params, v)


def _uses(v: Voice, parameter: str, values: Sequence[Qty]) -> str:
    """Inputs that would be accepted: ``--concentration 0.5mg/mL or 2mg/mL`` on the CLI,
    ``concentration="0.5mg/mL" or "2mg/mL"`` in the library."""
    first, *others = values
    quote = "" if v.surface == "cli" else '"'
    joiner = " ou " if v.fr else " or "
    return v.option(parameter, first) + "".join(f"{joiner}{quote}{typed(o)}{quote}" for o in others)


def _signed(v: Voice, deviation: object) -> str:
    """A deviation in % with its sign; one that rounds to 0.0 % is still said to be there."""
    if deviation == 0:
        return "moins de 0,1 %" if v.fr else "under 0.1 %"
    sign = "+" if deviation > 0 else ""  # type: ignore[operator]
    return f"{sign}{v.n(deviation, 1)} %"  # type: ignore[arg-type]


def _i(v: Voice, number: int) -> str:
    """A whole number inside a calculation: as it is in English (``1000``), French through
    CLDR (``1 000``)."""
    return v.n(number) if v.fr else str(number)


def _record(value: object, v: Voice) -> str:
    """A formulation record's own text (an ingredient's name) in the reader's language."""
    return value.text(v.lang, v.surface) if isinstance(value, Message) else str(value)


# -- warnings ---------------------------------------------------------------------------------


@words("dose-off-syringe-marks")
def _off_marks(p: Params, v: Voice) -> str:
    calculated, measured = v.q(p["calculated"], 6), v.q(p["measured"])
    signed = _signed(v, p["deviation"])
    if v.fr:
        return (
            f"{calculated} ne tombe pas sur une graduation de la {_syringe(p, v)} : mesurez "
            f"{measured} ({signed} de la dose)"
        )
    return (
        f"{calculated} is not on the marks of the {_syringe(p, v)}: measure {measured} "
        f"({signed} of the dose)"
    )


@words("dose-volume-unreliable")
def _unreliable(p: Params, v: Voice) -> str:
    volume, least, better = v.q(p["volume"]), v.q(p["minimum"]), p["better"]
    # a serial dilution is made from tablets: from API powder, leave out --source api too
    powder = p.get("source") == "api"
    if v.fr:
        fix = (
            f"utilisez {_uses(v, 'concentration', better)}"
            if better
            else f"omettez {v.option('source')} et {v.option('concentration')} pour obtenir un "
            "plan de dilution en série à partir de comprimés"
            if powder
            else f"omettez {v.option('concentration')} pour obtenir un plan de dilution en série"
        )
        return (
            f"{volume} est sous les {least} qu'une {_syringe(p, v)} mesure de façon fiable "
            f"(pratique USP <1176> : pas moins de 20 % de la capacité d'une seringue). "
            f"Solution : {fix}"
        )
    fix = (
        f"use {_uses(v, 'concentration', better)}"
        if better
        else f"leave out {v.option('source')} and {v.option('concentration')} for a serial "
        "dilution plan from tablets"
        if powder
        else f"leave out {v.option('concentration')} for a serial dilution plan"
    )
    return (
        f"{volume} is below the {least} a {_syringe(p, v)} measures reliably (USP <1176> "
        f"practice: not below 20 % of a syringe's capacity). Fix: {fix}"
    )


@words("volume-spare-short")
def _spare_short(p: Params, v: Voice) -> str:
    volume, dose, left, least = (v.q(p[k]) for k in ("volume", "dose_volume", "left", "least"))
    full, doses, add = v.counted(p["full"], "dose"), v.counted(p["doses"], "dose"), v.q(p["add"])
    days = v.option("days", p["days"])
    if v.fr:
        return (
            f"Le flacon de {volume} contient {full} de {dose} seulement avec {left} "
            f"de réserve, moins que les {least} que demande la fiche maîtresse (ce qui reste "
            f"dans le flacon, l'adaptateur et l'embout de la seringue n'est jamais pris) : il "
            f"compte pour {doses}. Solution : ajoutez {add} pour {full} : omettez "
            f"{v.option('volume')} et indiquez {days}"
        )
    return (
        f"The {volume} bottle holds {full} of {dose} only with {left} spare, less than the "
        f"{least} the formulation record asks for (what stays in the bottle, the adapter and "
        f"the syringe tip is never taken): it is counted as {doses}. Fix: add {add} for {full}: "
        f"leave out {v.option('volume')} and give {days}"
    )


@words("liquid-excipient-below-minimum-weighable")
def _below_weighable(p: Params, v: Voice) -> str:
    mass, least = v.q(p["mass"], unit=MG), v.q(p["minimum"])
    sensitivity, error = v.q(p["sensitivity"]), v.q(p["error"])
    name = _record(p["name"], v)
    if v.fr:
        diluent = " (diluant)" if p["diluent"] else ""
        return (
            f"{mass} {de(name)}{diluent} est sous la quantité minimale pesable de {least} "
            f"(sensibilité de la balance {sensitivity}, erreur de {error}). Solution : pesez "
            f"{least} ou plus, dissolvez-le dans un volume mesuré du véhicule et prélevez "
            f"l'aliquote qui en contient {mass}, ou préparez un plus grand volume"
        )
    diluent = " (diluent)" if p["diluent"] else ""
    return (
        f"{mass} of {name}{diluent} is below the minimum weighable quantity {least} (balance "
        f"sensitivity {sensitivity}, {error} error). Fix: weigh {least} or more, dissolve it "
        f"in a measured volume of the vehicle and take the aliquot that holds {mass}, or make "
        f"a larger volume"
    )


_SUPPLY_FIXES = {
    # what to do about doses past the BUD: (English, French)
    "discard": (
        "discard the rest at the BUD (whole tablets cannot make less)",
        "jetez le reste à la date limite d'utilisation (des comprimés entiers ne peuvent en "
        "faire moins)",
    ),
    "discard-dilution": (
        "discard the rest at the BUD (the last dilution is the least that volumes measured on "
        "marks make)",
        "jetez le reste à la date limite d'utilisation (la dernière dilution est le moins que "
        "permettent des volumes mesurés sur les graduations)",
    ),
}


def _supply_fix(p: Params, v: Voice) -> str:
    fix = p["fix"]
    if fix == "smaller-volume":
        first = f"un plus petit {v.option('volume')}" if v.fr else f"a smaller {v.option('volume')}"
    elif fix == "fewer-days":
        first = v.option("days", p["bud"])
    elif fix == "fewer-days-dilution":
        days = v.option("days", p["bud"])
        first = f"demandez au plus {days}" if v.fr else f"ask for at most {days}"
    elif fix == "discard-step":  # drops: the bottle is filled to a multiple of a volume
        step = v.q(p["step"])
        first = (
            f"jetez le reste à la date limite d'utilisation (le flacon est rempli par "
            f"multiples de {step})"
            if v.fr
            else f"discard the rest at the BUD (the bottle is filled in multiples of {step})"
        )
    else:
        first = _SUPPLY_FIXES[fix][v.fr]
    others = [
        f"{v.option('formulation', name)} "
        + (f"(date limite de {v.counted(days, 'day')})" if v.fr else f"({days}-day BUD)")
        for name, days in p["alternatives"]
    ]
    return (", ou " if v.fr else ", or ").join([first, *others])


@words("liquid-supply-outlasts-bud")
def _supply(p: Params, v: Voice) -> str:
    doses, per_day, bud = p["doses"], p["doses_per_day"], p["bud"]
    extra = doses - bud * per_day
    held, lasting = v.counted(doses, "dose"), v.counted(doses // per_day, "day")
    if v.fr:
        lost = "sera jetée" if extra < 2 else "seront jetées"
        return (
            f"Le flacon contient {held} ({lasting} à {_i(v, per_day)} par jour), mais la date "
            f"limite d'utilisation est de {v.counted(bud, 'day')} : "
            f"{v.counted(extra, 'dose')} {lost}. Solution : {_supply_fix(p, v)}"
        )
    return (
        f"The bottle holds {held} ({lasting} at {_i(v, per_day)} a day) but the BUD is "
        f"{v.counted(bud, 'day')}: {v.counted(extra, 'dose')} will be discarded. "
        f"Fix: {_supply_fix(p, v)}"
    )


# -- notes ------------------------------------------------------------------------------------


@words("concentration-chosen")
def _chosen(p: Params, v: Voice) -> str:
    chosen, default, volume = v.q(p["concentration"]), v.q(p["default"]), v.q(p["volume"], 4)
    why = p["why"]
    if v.fr:
        if why == "no-syringe":
            reason = "qu'aucune seringue orale ne mesure"
        elif why == "unreliable":
            reason = f"sous les {v.q(p['minimum'])} qu'une {_syringe(p, v)} mesure de façon fiable"
        else:
            reason = f"qu'une seringue ne mesure qu'à {v.q(p['measured'])}"
        return (
            f"{chosen} est utilisée : à la concentration par défaut de {default}, la dose "
            f"serait de {volume}, {reason}"
        )
    if why == "no-syringe":
        reason = "which no oral syringe measures"
    elif why == "unreliable":
        reason = f"below the {v.q(p['minimum'])} a {_syringe(p, v)} measures reliably"
    else:
        reason = f"which a syringe measures only as {v.q(p['measured'])}"
    return f"{chosen} is used: at the default {default} the dose would be {volume}, {reason}"


@words("final-volume-made-up")
def _made_up(p: Params, v: Voice) -> str:
    exact, rounded, made = v.q(p["exact"], 4), v.q(p["rounded"]), v.q(p["concentration"], 4)
    if v.fr:
        return (
            f"Le volume final de {exact} est complété à {rounded}; la concentration est alors "
            f"de {made}"
        )
    return f"The final volume {exact} is made up to {rounded}; the concentration is then {made}"


@words("dilution-needed")
def _dilution_needed(p: Params, v: Voice) -> str:
    dose, conc, record = v.q(p["dose"]), v.q(p["concentration"]), p["formulation"]
    if v.fr:
        return (
            f"{dose} est sous ce qu'une seringue orale mesure à chaque concentration inscrite "
            f"de {record} : la solution mère est diluée en "
            f"{v.counted(p['steps'], 'dilution')} successives jusqu'à {conc}"
            if p["steps"] > 1
            else f"{dose} est sous ce qu'une seringue orale mesure à chaque concentration "
            f"inscrite de {record} : la solution mère est diluée une fois jusqu'à {conc}"
        )
    return (
        f"{dose} is below what an oral syringe measures at every listed concentration of "
        f"{record}: the stock is diluted in {v.counted(p['steps'], 'step')} to {conc}"
    )


@words("dilution-same-day")
def _same_day(p: Params, v: Voice) -> str:
    volume, number = v.q(p["volume"]), _i(v, p["dilution"])
    if v.fr:
        others = " et des autres dilutions" if p["several"] else ""
        return (
            "Préparez la solution mère et chaque dilution le même jour et étiquetez chacune "
            f"avec sa concentration; les {volume} de la dilution {number} vont tous dans le "
            f"flacon, et le reste de la solution mère{others} est jeté une fois le flacon "
            "rempli"
        )
    others = " and of the other dilutions" if p["several"] else ""
    return (
        "Make the stock and every dilution on the same day and label each with its "
        f"concentration; all {volume} of dilution {number} go into the bottle, and what is "
        f"left of the stock{others} is discarded once the bottle is filled"
    )


# -- calculation steps ------------------------------------------------------------------------


@words("dose-volume")
def _dose_volume(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['dose'], 6)} ÷ {v.q(p['concentration'])} = {v.q(p['dose_volume'], 6)}"
    if v.fr:
        return "Volume d'une dose", "dose ÷ concentration", calculation
    return "Dose volume", "dose ÷ concentration", calculation


@words("tablets-for-volume")
def _tablets_for_volume(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['final_volume'])} × {v.q(p['concentration'])} ÷ "
        f"{v.q(p['tablet_strength'])} = {_i(v, p['tablets'])}"
    )
    if v.fr:
        return "Comprimés", "volume final × concentration ÷ teneur du comprimé", calculation
    return "Tablets", "final volume × concentration ÷ tablet strength", calculation


@words("volume-for-doses")
def _volume_for_doses(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['dose_volume'])} × {_i(v, p['doses_per_day'])} × {_i(v, p['days'])} = "
        f"{v.q(p['volume'])}"
    )
    if v.fr:
        return (
            "Volume des doses demandées",
            "volume d'une dose × doses par jour × jours",
            calculation,
        )
    return "Volume for the doses asked", "dose volume × doses a day × days", calculation


@words("spare")
def _spare(p: Params, v: Voice) -> tuple[str, str, str]:
    doses = v.counted(p["spare_doses"], "dose")
    of_doses, percent = v.q(p["spare_doses_volume"]), v.n(p["percent"])
    for_doses, share, least = v.q(p["for_doses"]), v.q(p["share"]), v.q(p["spare"])
    # up to the graduated cylinder's 0.1 mL: "→" where that rounds (4.725 mL → 4.8 mL)
    rounded = p["spare"] > max(p["spare_doses_volume"], p["share"])
    sign = "→" if rounded else "="
    if v.fr:
        return (
            "Réserve",
            "la réserve de la fiche maîtresse : le plus grand de ses doses et de son "
            "pourcentage du volume des doses demandées, arrondi au 0,1 mL supérieur",
            f"le plus grand de {doses} ({of_doses}) et de {percent} % de {for_doses} "
            f"({share}) {sign} {least}",
        )
    return (
        "Spare",
        "the formulation record's spare: the greater of its doses and its percent of the "
        "volume for the doses asked, up to 0.1 mL",
        f"greater of {doses} ({of_doses}) and {percent} % of {for_doses} ({share}) {sign} {least}",
    )


@words("drug-needed")
def _drug_needed(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"({v.q(p['for_doses'])} + {v.q(p['spare'])}) × {v.q(p['concentration'])} = "
        f"{v.q(p['drug'])}"
    )
    if v.fr:
        return (
            "Médicament requis",
            "(volume des doses demandées + réserve) × concentration",
            calculation,
        )
    return "Drug needed", "(volume for the doses asked + spare) × concentration", calculation


@words("tablets-needed")
def _tablets_needed(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['drug'])} ÷ {v.q(p['tablet_strength'])} = {v.n(p['exact'])} → "
        f"{v.counted(p['tablets'], 'tablet')}"
    )
    if v.fr:
        return (
            "Comprimés",
            "médicament requis ÷ teneur du comprimé, arrondi à l'unité supérieure",
            calculation,
        )
    return "Tablets", "drug needed ÷ tablet strength, rounded up", calculation


@words("final-volume")
def _final_volume(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{_i(v, p['tablets'])} × {v.q(p['tablet_strength'])} ÷ {v.q(p['concentration'])} = "
        f"{v.q(p['final_volume'])}"
    )
    if v.fr:
        return "Volume final", "comprimés × teneur du comprimé ÷ concentration", calculation
    return "Final volume", "tablets × tablet strength ÷ concentration", calculation


@words("doses-in-bottle")
def _doses_in_bottle(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{_i(v, p['doses'])} × {v.q(p['dose_volume'])} + {v.q(p['spare'])} = {v.q(p['used'])} "
        f"≤ {v.q(p['volume'])} → {v.counted(p['doses'], 'dose')}"
    )
    if v.fr:
        return (
            "Doses dans le flacon",
            "doses entières qui laissent leur réserve (celle de la fiche pour ces doses, "
            "arrondie au 0,1 mL supérieur) : doses × volume d'une dose + réserve ≤ volume final",
            calculation,
        )
    return (
        "Doses in the bottle",
        "whole doses that leave their spare (the record's for these doses, up to 0.1 mL): "
        "doses × dose volume + spare ≤ final volume",
        calculation,
    )


@words("dilution-dose-volume")
def _dilution_dose_volume(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = f"{v.q(p['dose'])} ÷ {v.q(p['concentration'])} = {v.q(p['dose_volume'])}"
    if v.fr:
        return "Volume d'une dose", "dose ÷ concentration finale", calculation
    return "Dose volume", "dose ÷ final concentration", calculation


@words("dilution-stock")
def _stock(p: Params, v: Voice) -> tuple[str, str, str]:
    head = (
        f"{_i(v, p['tablets'])} × {v.q(p['tablet_strength'])} ÷ {v.q(p['concentration'])} = "
        f"{v.q(p['volume'])}"
    )
    drawn, reserve = v.q(p["drawn"]), v.q(p["reserve"])
    if v.fr:
        return (
            "Solution mère",
            "comprimés × teneur du comprimé ÷ concentration de la solution mère",
            f"{head} (dont {drawn} pour la dilution 1 et {reserve} en réserve)",
        )
    return (
        "Stock",
        "tablets × tablet strength ÷ stock concentration",
        f"{head} ({drawn} drawn for dilution 1, {reserve} kept in reserve)",
    )


@words("dilution-step")
def _dilution_step(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['from_concentration'])} × {v.q(p['aliquot'])} = {v.q(p['concentration'])} "
        f"× {v.q(p['final_volume'])} = {v.q(p['drug'])}"
    )
    return f"Dilution {_i(v, p['number'])} (1:{p['factor']})", "C1 × V1 = C2 × V2", calculation


@words("dilution-dispensed")
def _dispensed(p: Params, v: Voice) -> tuple[str, str, str]:
    calculation = (
        f"{v.q(p['volume'])} ≥ {v.q(p['for_doses'])} + {v.q(p['spare'])} = {v.q(p['least'])}"
    )
    if v.fr:
        return (
            "Volume servi",
            "toute la dernière dilution, au moins le volume pour les doses + la réserve",
            calculation,
        )
    return (
        "Dispensed",
        "all of the last dilution, at least the volume for the doses + spare",
        calculation,
    )


# -- refusals: (problem, fix) -----------------------------------------------------------------


@words("volume-with-days")
def _volume_with_days(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"ne peut pas être donné avec {v.option('days')}", "donnez l'un ou l'autre"
    return f"cannot be given with {v.option('days')}", "give one of them"


@words("volume-below-one-dose")
def _below_one_dose(p: Params, v: Voice) -> tuple[str, str]:
    dose, least = v.q(p["dose_volume"]), v.q(p["least"])
    if v.fr:
        return f"contient moins d'une dose de {dose} et la réserve", f"donnez au moins {least}"
    return f"holds less than one dose of {dose} and the spare", f"give at least {least}"


@words("dose-not-measurable")
def _not_measurable(p: Params, v: Voice) -> tuple[str, str]:
    volume, conc, reason = v.q(p["volume"], 4), v.q(p["concentration"]), p["reason"]
    dose, record, working = v.q(p["dose"]), p["formulation"], p["working"]
    if v.fr:
        gives = f"donne une dose de {volume} à {conc}"
        if reason == "below":
            problem = f"{gives}, sous les {v.q(p['minimum'])} que mesure une {_syringe(p, v)}"
        elif reason == "above":
            problem = f"{gives}, plus que ne contient une {_syringe(p, v)}"
        else:
            problem = f"{gives}, qu'aucune seringue orale ne mesure à {v.n(p['deviation'])} % près"
        if working:
            return problem, f"utilisez {_uses(v, 'concentration', working)}"
        fix = f"aucune concentration inscrite de {record} ne mesure {dose}"
        if reason == "below":
            fix += (
                "; une dose aussi petite demande une dilution en série : omettez "
                f"{v.option('concentration')} pour obtenir le plan"
            )
        return problem, fix
    gives = f"gives {volume} a dose at {conc}"
    if reason == "below":
        problem = f"{gives}, below the {v.q(p['minimum'])} a {_syringe(p, v)} measures"
    elif reason == "above":
        problem = f"{gives}, more than a {_syringe(p, v)} holds"
    else:
        problem = f"{gives}, which no oral syringe measures within {v.n(p['deviation'])} %"
    if working:
        return problem, f"use {_uses(v, 'concentration', working)}"
    fix = f"no listed concentration of {record} measures {dose}"
    if reason == "below":
        fix += (
            "; a dose this small needs a serial dilution: leave out "
            f"{v.option('concentration')} for the plan"
        )
    return problem, fix


@words("concentration-above-solubility")
def _above_solubility(p: Params, v: Voice) -> tuple[str, str]:
    most, uses = v.q(p["maximum"]), _uses(v, "concentration", p["working"])
    if v.fr:
        return f"dépasse la solubilité du chlorhydrate de naltrexone ({most})", f"utilisez {uses}"
    return f"is above the solubility of naltrexone HCl ({most})", f"use {uses}"


@words("concentration-not-listed")
def _not_listed(p: Params, v: Voice) -> tuple[str, str]:
    listed = ", ".join(v.q(c) for c in p["listed"])
    uses = _uses(v, "concentration", p["working"])
    if v.fr:
        return (
            f"n'est pas une des concentrations inscrites de {p['formulation']} ({listed})",
            f"utilisez {uses}",
        )
    return f"is not one of {p['formulation']}'s listed concentrations ({listed})", f"use {uses}"


@words("volume-above-maximum")
def _volume_above(p: Params, v: Voice) -> tuple[str, str]:
    most = v.q(p["maximum"])
    if v.fr:
        return f"dépasse {most}", f"préparez au plus {most} par flacon"
    return f"is more than {most}", f"make at most {most} in one bottle"


@words("volume-not-whole-tablets")
def _not_whole(p: Params, v: Voice) -> tuple[str, str]:
    tablets = v.n(p["tablets"], 6)
    strength, conc = v.q(p["tablet_strength"]), v.q(p["concentration"])
    uses = _uses(v, "volume", p["volumes"])
    if v.fr:
        # French: the singular below 2 (OQLF), 1,5 comprimé
        noun = "comprimé" if p["tablets"] < 2 else "comprimés"
        return (
            f"demande {tablets} {noun} de {strength} à {conc}",
            f"utilisez des comprimés entiers : {uses}",
        )
    return f"needs {tablets} tablets of {strength} at {conc}", f"use whole tablets: {uses}"


@words("days-volume-above-maximum")
def _days_above(p: Params, v: Voice) -> tuple[str, str]:
    volume, conc, most = v.q(p["volume"]), v.q(p["concentration"]), v.q(p["maximum"])
    days, concentration = v.option("days"), v.option("concentration")
    if v.fr:
        return (
            f"demande {volume} à {conc}, plus que {most} par flacon",
            f"donnez moins de jours ({days}) ou une concentration plus élevée ({concentration})",
        )
    return (
        f"needs {volume} at {conc}, more than {most} in one bottle",
        f"give fewer {days} or a higher {concentration}",
    )


@words("dilution-not-whole-fraction")
def _not_fraction(p: Params, v: Voice) -> tuple[str, str]:
    stock, tenth = v.q(p["stock"]), v.q(p["tenth"])
    if v.fr:
        return (
            f"n'est pas {stock} divisé par un nombre entier",
            f"diluez à {tenth} ou à une autre fraction entière de {stock}",
        )
    return (
        f"is not {stock} divided by a whole number",
        f"dilute to {tenth} or another whole fraction of {stock}",
    )


@words("dilution-too-many-steps")
def _too_many(p: Params, v: Voice) -> tuple[str, str]:
    ratio, stock, steps = v.n(p["ratio"]), v.q(p["stock"]), v.n(p["steps"])
    if v.fr:
        return (
            f"est {ratio} fois plus faible que {stock} : plus de {steps} étapes d'au plus "
            f"1:{p['max_factor']}",
            "diluez moins, ou à partir d'une solution mère plus faible",
        )
    return (
        f"is {ratio} times weaker than {stock}: more than {steps} steps of at most "
        f"1:{p['max_factor']}",
        "dilute less, or from a weaker stock",
    )


@words("dilution-volume-not-measurable")
def _volume_unmakeable(p: Params, v: Voice) -> tuple[str, str]:
    factors = " then 1:".join(map(str, p["factors"]))
    stock, most = v.q(p["stock"]), v.q(p["maximum"])
    if v.fr:
        factors = " puis 1:".join(map(str, p["factors"]))
        return (
            f"ne peut pas être préparé par des dilutions 1:{factors} de {stock} avec des "
            "volumes sur les graduations d'une seringue ou d'une éprouvette",
            f"préparez au plus {most}",
        )
    return (
        f"cannot be made by 1:{factors} dilutions of {stock} with volumes on the marks of a "
        "syringe or cylinder",
        f"make at most {most}",
    )


@words("dose-not-dilutable")
def _not_dilutable(p: Params, v: Voice) -> tuple[str, str]:
    steps, rounded = v.n(p["steps"]), p["rounded"]
    if v.fr:
        fix = f"arrondissez-la, p. ex. à {v.q(rounded)}" if rounded else "vérifiez la dose"
        return (
            "ne tombe exactement sur les graduations d'aucune seringue orale après une "
            f"dilution en série d'au plus {steps} étapes de 1:2 à 1:{p['max_factor']}",
            fix,
        )
    fix = f"round it, e.g. to {v.q(rounded)}" if rounded else "check the dose"
    return (
        "is not measured exactly on an oral syringe's marks after any serial dilution of at "
        f"most {steps} steps of 1:2 to 1:{p['max_factor']}",
        fix,
    )


@words("volume-with-dilution")
def _volume_with_dilution(p: Params, v: Voice) -> tuple[str, str]:
    dose, days = v.q(p["dose"]), v.option("days")
    if v.fr:
        return (
            f"ne peut pas être choisi pour {dose}, qui demande une dilution en série",
            f"donnez plutôt {days}",
        )
    return f"cannot be chosen for {dose}, which needs a serial dilution", f"give {days} instead"


# -- the method lines of a serial dilution (describe.diluted_method) --------------------------


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def _own(p: Params, v: Voice, name: str) -> str:
    """A record's own text (its diluent, its container): the reader's language if the record
    gives it, else its English."""
    french = p.get(f"{name}_fr")
    return str(french) if v.fr and french else str(p[name])


def _de(text: str) -> str:
    """« de » before a noun, elided before a vowel or a mute h (« d'eau purifiée »)."""
    return f"d'{text}" if text[:1].lower() in "aeéèêiouyh" else f"de {text}"


@words("liquid-method-keep-stock")
def _keep_stock(p: Params, v: Voice) -> str:
    if v.fr:
        return (
            "Conserver cette solution mère pour les dilutions ci-dessous : elle n'est pas servie."
        )
    return "Keep this stock for the dilutions below: it is not dispensed."


@words("liquid-method-make-diluent")
def _make_diluent(p: Params, v: Voice) -> str:
    if v.fr:
        return (
            f"Préparer {v.q(p['volume'])} de diluant : le véhicule de la formule sans les "
            "comprimés (les quantités marquées diluant)."
        )
    return (
        f"Make {v.q(p['volume'])} of the diluent: the vehicle of the formula without the "
        "tablets (the amounts marked diluent)."
    )


@words("liquid-method-dilution")
def _dilution_line(p: Params, v: Voice) -> str:
    diluent = _lower_first(_own(p, v, "diluent"))
    aliquot, diluent_volume = v.q(p["aliquot"]), v.q(p["diluent_volume"])
    made = f"{v.q(p['final_volume'])} {'à' if v.fr else 'at'} {v.q(p['concentration'])}"
    if v.fr:
        if p["without_tablets"]:
            diluent = f"{diluent}, préparée sans les comprimés"
        return (
            f"Dilution {p['number']} : prélever {aliquot} du liquide à "
            f"{v.q(p['from_concentration'])} ({_syringe(p, v, 'aliquot_')}), ajouter "
            f"{diluent_volume} {_de(diluent)} ({_syringe(p, v, 'diluent_')}) et bien mélanger : "
            f"{made}."
        )
    if p["without_tablets"]:
        diluent = f"{diluent}, made without the tablets"
    return (
        f"Dilution {p['number']}: draw {aliquot} of the {v.q(p['from_concentration'])} liquid "
        f"({_syringe(p, v, 'aliquot_')}), add {diluent_volume} of {diluent} "
        f"({_syringe(p, v, 'diluent_')}) and mix well: {made}."
    )


@words("liquid-diluent-without-tablets")
def _without_tablets(p: Params, v: Voice) -> str:
    # a serial dilution's diluent: the record's whole vehicle, its name the record's own text
    if v.fr:
        return f"{_record(p['name'], v)}, préparée sans les comprimés"
    return f"{_record(p['name'], v)}, made without the tablets"


def _diluent(p: Params, v: Voice) -> str:
    """A serial dilution's diluent (``diluent``: a record in every language the formulation
    record gives; the English of a result read back from JSON, looked up in the record at
    ``path``)."""
    diluent = p["diluent"]
    if isinstance(diluent, Message):
        return diluent.text(v.lang, v.surface)
    return ingredient_name(str(diluent), str(p["path"]), v)


@words("liquid-method-fill")
def _fill(p: Params, v: Voice) -> str:
    container = _lower_first(_own(p, v, "container"))
    volume, number, concentration = v.q(p["volume"]), p["number"], v.q(p["concentration"])
    if v.fr:
        return (
            f"Remplir le contenant ({container}) avec les {volume} de la dilution {number} "
            f"({concentration}) et l'étiqueter avec cette concentration, et non celle de la "
            "solution mère."
        )
    return (
        f"Fill the container ({container}) with all {volume} of dilution {number} "
        f"({concentration}) and label it with that concentration, not the stock's."
    )


@words("liquid-label-drug")
def _label_drug(p: Params, v: Voice) -> str:
    """The drug line FHIR and the leaflet name a liquid from tablets by."""
    from ldncalc.locale.phrases import phrases  # the label's tables: loaded when used

    said = phrases(v.lang)
    form = str(p["form"])
    own = record_texts(str(p["path"])).get(form) if v.fr and p.get("path") else None
    # the dosage form as the formulation record translates it (a pharmacy's own record can
    # differ), else as the label's table does
    form = own.text(v.lang, v.surface) if own is not None else said.dosage_forms.get(form, form)
    return said.drug_liquid.format(concentration=v.q(p["concentration"]), form=form)


# -- the parts of the screen, label and record only liquids from tablets have ----------------
# (ldncalc.preparations.liquid.describe.documents; the record's fixed phrases are the label
# and record tables', ldncalc.locale.phrases; the screen's, ldncalc.locale.screen)


# The fixed phrases of the label and record only liquids from tablets have, (English, French);
# ``{name}`` fields are filled with ``str.format``. The phrases every form's record
# shares are the label and record tables' (:mod:`ldncalc.locale.phrases`).
_PHRASES: dict[str, tuple[Any, Any]] = {
    "dose_prescribed": (
        "Dose prescribed",
        "Dose prescrite",
    ),
    "dose_rounded": (
        "{dose}, measured as {measured} ({deviation}): the nearest syringe mark",
        "{dose}, mesurée {measured} ({deviation}) : la graduation la plus proche",
    ),
    "volume_for_doses": (
        "Volume for the doses",
        "Volume des doses",
    ),
    "volume_for_doses_value": (
        "{volume} ({doses} of {dose})",
        "{volume} ({doses} de {dose})",
    ),
    "spare_value": (
        "{volume} (the formulation record asks at least {minimum})",
        "{volume} (la fiche maîtresse en demande au moins {minimum})",
    ),
    "volume_check": (
        "Final volume measured (expected {volume})",
        "Volume final mesuré (attendu {volume})",
    ),
    "serial_dilution": (
        "Serial dilution",
        "Dilution en série",
    ),
    "dilution_header": (
        ("Dilution", "Draw", "Actual", "Add diluent", "Actual", "Makes"),
        ("Dilution", "Prélever", "Réel", "Ajouter du diluant", "Réel", "Donne"),
    ),
    "dilution_row": (
        "Dilution {n} (1:{factor}) of the {concentration} liquid",
        "Dilution {n} (1:{factor}) du liquide à {concentration}",
    ),
    "fill_row": (
        "Fill the bottle from the {concentration} dilution",
        "Remplir le flacon avec la dilution à {concentration}",
    ),
    "at_concentration": (
        "{volume} at {concentration}",
        "{volume} à {concentration}",
    ),
    "with_device": (
        "{volume} ({device})",
        "{volume} ({device})",
    ),
    "not_applicable": (
        "—",
        "—",
    ),
    "stock_made": (
        "Stock made",
        "Préparation mère",
    ),
    "last_dilution": (
        "Last dilution made",
        "Dernière dilution préparée",
    ),
    "dispensed_dilution": (
        "{volume} of the {concentration} dilution (all of it), holding {drug} naltrexone HCl",
        "{volume} de la dilution à {concentration} (la totalité), soit {drug} de naltrexone HCl",
    ),
    "expected_measured": (
        ("Check", "Expected", "Measured"),
        ("Contrôle", "Attendu", "Mesuré"),
    ),
    "stock_volume": (
        "Stock made up to",
        "Préparation mère complétée à",
    ),
    "volume_dispensed": (
        "Volume in the bottle",
        "Volume dans le flacon",
    ),
    "labelled_dilutions": (
        "The stock and every dilution labelled with its concentration",
        "La préparation mère et chaque dilution étiquetées avec leur concentration",
    ),
}


def _phrases(v: Voice) -> Any:
    from ldncalc.locale.phrases import with_own  # the label's tables: loaded when used

    return with_own(v.lang, _PHRASES)


# The bench screen's words only a liquid from tablets has, (English, French), its fields
# filled with ``str.format``; the heads of its lines are padded as the screen's
# (:mod:`ldncalc.locale.screen`: 9 characters in English, 12 in French), whose shared words
# (the supply, the syringe) the screen's other lines use.
_SCREEN: dict[str, tuple[str, str]] = {
    "title-liquid": (
        "Naltrexone HCl {conc} {form}: {target} {times}",
        "Chlorhydrate de naltrexone {conc}, {form} : {target} {times}",
    ),
    "once-a-day": ("once a day", "une fois par jour"),
    "times-a-day": ("{n} times a day", "{n} fois par jour"),
    "make-liquid": (
        "Make     {volume} at {conc} ({drug} naltrexone HCl)",
        "Préparer    {volume} à {conc} ({drug} de chlorhydrate de naltrexone)",
    ),
    "doses-volume": (
        "           {volume} for {doses} of {dose}",
        "              {volume} pour {doses} de {dose}",
    ),
    "spare": (
        "         + {spare} spare (the record asks at least {minimum})",
        "            + {spare} de réserve (la fiche en demande au moins {minimum})",
    ),
    "final-volume": ("         = {volume} final volume", "            = {volume}, volume final"),
    "dose-exact": (
        "Dose     {target} = {volume} in a {syringe}",
        "Dose        {target} = {volume} dans une {syringe}",
    ),
    "dose-measure": (
        "Dose     {target}: measure {volume} ({measured}) in a {syringe}",
        "Dose        {target} : mesurer {volume} ({measured}) dans une {syringe}",
    ),
    "dilution-step": (
        "",
        "Dilution {number} (1:{factor}) : {aliquot} du liquide à {source} ({device}) + "
        "{diluent} de diluant ({diluent_device}) = {volume} à {conc}",
    ),
    "into-bottle": ("Into the bottle", "Dans le flacon"),
    "into-bottle-line": (
        "  {volume} of dilution {number} ({conc}), holding {drug} naltrexone HCl",
        "  {volume} de la dilution {number} ({conc}), contenant {drug} de chlorhydrate de "
        "naltrexone",
    ),
    "weigh-stock": (
        "Take and weigh, to make the stock (not dispensed) and any diluent",
        "Prélever et peser, pour la solution mère (non servie) et le diluant s'il y a lieu",
    ),
    "dilute": (
        "Dilute the stock above with {diluent}, all on the same day",
        "Diluer la solution mère ci-dessus avec {diluent}, le tout le même jour",
    ),
}


def _say(v: Voice, key: str, **values: Any) -> str:
    own = _SCREEN.get(key)
    if own is not None:
        return (own[1] if v.fr else own[0]).format(**values)
    from ldncalc.locale import screen  # the bench screen's words: loaded when used

    return screen.say(v, key, **values)


def _mass(v: Voice, mass: Qty) -> str:
    """mcg below 1 mg (ISMP: 500 mcg, not 0.5 mg), else mg."""
    return v.q(mass, unit=MCG if mass < Quantity(1, MG) else MG)


@words("liquid-title")
def _title(p: Params, v: Voice) -> str:
    per_day = int(p["per_day"])
    times = _say(v, "once-a-day") if per_day == 1 else _say(v, "times-a-day", n=v.n(per_day))
    return _say(
        v,
        "title-liquid",
        conc=v.q(p["concentration"]),
        form=recorded(str(p["form"]), str(p["path"]), v),
        target=v.q(p["target"]),
        times=times,
    )


@words("liquid-make")
def _make(p: Params, v: Voice) -> str:
    volume, conc = v.q(p["volume"]), v.q(p["concentration"])
    return _say(v, "make-liquid", volume=volume, conc=conc, drug=_mass(v, p["drug"]))


@words("liquid-bottle")
def _bottle(p: Params, v: Voice) -> str:
    """The bottle's volume in three lines (``line``): the doses, the spare, the final volume."""
    if p["line"] == "doses":
        doses, dose = v.counted(int(p["doses"]), "dose"), v.q(p["dose"])
        return _say(v, "doses-volume", volume=v.q(p["volume"]), doses=doses, dose=dose)
    if p["line"] == "spare":
        return _say(v, "spare", spare=v.q(p["spare"]), minimum=v.q(p["minimum"]))
    return _say(v, "final-volume", volume=v.q(p["volume"]))


@words("liquid-dose-line")
def _dose_line(p: Params, v: Voice) -> str:
    """The screen's dose: its volume in the syringe, and the dose measured when the syringe's
    marks round it."""
    syringe = _say(
        v, "syringe", name=p["syringe"], capacity=v.q(p["capacity"]),
        graduation=v.q(p["graduation"]),
    )  # fmt: skip
    target, volume, measured = p["target"], v.q(p["volume"]), p["measured"]
    if measured == target:
        return _say(v, "dose-exact", target=v.q(target), volume=volume, syringe=syringe)
    return _say(
        v, "dose-measure", target=v.q(target), volume=volume, measured=v.q(measured),
        syringe=syringe,
    )  # fmt: skip


@words("liquid-screen-heading")
def _screen_heading(p: Params, v: Voice) -> str:
    """A heading of the screen's serial dilution: into the bottle, the stock, the dilutions."""
    if p["name"] == "dilute":
        return _say(v, "dilute", diluent=_diluent(p, v))
    return _say(v, str(p["name"]))


@words("liquid-into-bottle")
def _into_bottle(p: Params, v: Voice) -> str:
    return _say(
        v,
        "into-bottle-line",
        volume=v.q(p["volume"]),
        number=p["number"],
        conc=v.q(p["concentration"]),
        drug=_mass(v, p["drug"]),
    ).removeprefix("  ")


@words("liquid-dilution-step")
def _screen_dilution(p: Params, v: Voice) -> str:
    """One dilution of a serial dilution (``step``, a DilutionStep) on the screen."""
    step = p["step"]
    if not v.fr:
        return str(step)
    return _say(
        v,
        "dilution-step",
        number=step.number,
        factor=step.factor,
        aliquot=v.q(step.aliquot),
        source=v.q(step.from_concentration),
        device=_device(step.aliquot_device, v),
        diluent=v.q(step.diluent_volume),
        diluent_device=_device(step.diluent_device, v),
        volume=v.q(step.final_volume),
        conc=v.q(step.concentration),
    )


@words("liquid-quantity")
def _quantity(p: Params, v: Voice) -> str:
    """A quantity on the label or record: the volume dispensed or made, a factor."""
    return v.q(p["value"])


@words("liquid-directions")
def _directions(p: Params, v: Voice) -> str:
    """``Take 4.5 mL (4.5 mg) by mouth at bedtime``: the mg the syringe delivers at its marks
    (never HS or QHS: docs/basis.md §2, ISMP)."""
    return str(
        _phrases(v).take_liquid.format(
            volume=v.q(p["volume"]),
            dose=v.q(p["dose"]),
            when=times_a_day(int(p["per_day"]), v),
        )
    )


@words("liquid-phrase")
def _phrase(p: Params, v: Voice) -> str:
    """A fixed phrase of the record's liquid parts: a heading, a column's (``index`` of a
    table's header), a check."""
    found = getattr(_phrases(v), str(p["name"]))
    return str(found if p.get("index") is None else found[int(p["index"])])


def _at(v: Voice, volume: Qty, concentration: Qty) -> str:
    """``10 mL at 0.05 mg/mL``."""
    return str(
        _phrases(v).at_concentration.format(volume=v.q(volume), concentration=v.q(concentration))
    )


@words("liquid-record")
def _record_figure(p: Params, v: Voice) -> str:
    """A figure of the record's liquid parts that is more than a quantity (``name``)."""
    said, name = _phrases(v), p["name"]
    if name == "at":
        return _at(v, p["volume"], p["concentration"])
    if name == "dispensed":  # all of the last dilution
        return str(
            said.dispensed_dilution.format(
                volume=v.q(p["volume"]),
                concentration=v.q(p["concentration"]),
                drug=_mass(v, p["drug"]),
            )
        )
    if name == "stock":
        return str(
            said.stock_drawn.format(
                made=v.q(p["volume"]),
                concentration=v.q(p["concentration"]),
                drawn=v.q(p["drawn"]),
            )
        )
    if name == "diluent":
        return str(said.diluent.format(name=_diluent(p, v)))
    if name == "dilution":
        return str(
            said.dilution_row.format(
                n=p["number"], factor=p["factor"], concentration=v.q(p["concentration"])
            )
        )
    if name == "device":  # a volume and what measures it
        device = Message(
            code="measuring-device",
            params={
                "name": p["device"],
                "kind": p["kind"],
                "capacity": p["capacity"],
                "graduation": p.get("graduation"),
            },
        )
        return str(
            said.with_device.format(volume=v.q(p["volume"]), device=device.text(v.lang, v.surface))
        )
    if name == "fill":
        return str(said.fill_row.format(concentration=v.q(p["concentration"])))
    if name == "doses":
        return str(said.count(int(p["doses"]), "dose"))
    if name == "rounded":  # the dose rounded to a syringe mark, and from what
        deviation = p["deviation"]
        return str(
            said.dose_rounded.format(
                dose=v.q(p["dose"], 6),
                measured=v.q(p["measured"], 6),
                deviation=("+" if deviation.magnitude > 0 else "") + v.q(deviation),
            )
        )
    if name == "dose":
        return str(said.dose_volume.format(volume=v.q(p["volume"]), dose=v.q(p["dose"])))
    if name == "supply":
        days = v.q(Quantity(Decimal(int(p["days"])), DAY))
        return str(said.doses.format(doses=said.count(int(p["doses"]), "dose"), days=days))
    if name == "for-doses":
        return str(
            said.volume_for_doses_value.format(
                volume=v.q(p["volume"]),
                doses=said.count(int(p["doses"]), "dose"),
                dose=v.q(p["dose"]),
            )
        )
    if name == "spare":
        return str(said.spare_value.format(volume=v.q(p["volume"]), minimum=v.q(p["minimum"])))
    return str(said.volume_check.format(volume=v.q(p["volume"])))  # volume-check
