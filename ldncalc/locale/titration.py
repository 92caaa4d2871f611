"""The words of a titration (``ldncalc titrate``): its warnings, notes, calculation steps and
refusals, in English and in French (Canada).

French after the Office québécois de la langue française: a titration step is a « palier »,
a fill a « préparation », the BUD the « date limite d'utilisation » (DLU), a capsule strength
a « dosage ».
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ldncalc.formatting import format_count_in
from ldncalc.locale import Params, Voice, words
from ldncalc.units import MCG, MG, Quantity

# Counted nouns of this area only, (singular, plural) in each language
_FILL = {"en": ("fill", "fills"), "fr": ("préparation", "préparations")}
_STRENGTH = {"en": ("capsule strength", "capsule strengths"), "fr": ("dosage", "dosages")}


def _count(v: Voice, number: int, noun: dict[str, tuple[str, str]]) -> str:
    return format_count_in(number, noun[v.lang], v.lang)


def _capsules(v: Voice, pairs: Sequence[Any], joiner: str = " + ") -> str:
    """``1 × 3 mg + 1 × 1.5 mg``: (count, strength) pairs."""
    return joiner.join(f"{v.n(count)} × {v.q(strength)}" for count, strength in pairs)


# -- capsules ----------------------------------------------------------------------------------


@words("titration-capsule-strengths")
def _strengths(p: Params, v: Voice) -> tuple[str, str, str]:
    shown = ", ".join(v.q(s) for s in p["strengths"])
    most, single = p["most_a_dose"], p["single"]
    if v.fr:
        rule = f"le moins de dosages donnant chaque dose en au plus {v.n(most)} capsules"
        if single is not None:
            rule += (
                f"; la dose cible de {v.q(single)} en une seule capsule quand un des plus "
                "petits ensembles le permet"
            )
        return "Dosages des capsules", rule, shown
    rule = f"fewest strengths making every dose with at most {v.n(most)} capsules"
    if single is not None:
        rule += f"; the target {v.q(single)} as one capsule when a set of the fewest can"
    return "Capsule strengths", rule, shown


@words("titration-step-capsules")
def _step_capsules(p: Params, v: Voice) -> tuple[str, str, str]:
    made = f"{v.q(p['dose'])} = {_capsules(v, p['capsules'])}"
    if v.fr:
        return f"Capsules du palier {v.n(p['step'])}", "capsules formant la dose", made
    return f"Step {v.n(p['step'])} capsules", "capsules making the dose", made


@words("titration-strength-capsules")
def _strength_capsules(p: Params, v: Voice) -> tuple[str, str, str]:
    used = " + ".join(f"{v.n(count)} × {v.n(days)}" for count, days in p["uses"])
    made = f"{used} = {v.n(p['capsules'])}"
    if v.fr:
        return (
            f"Capsules de {v.q(p['strength'])}",
            "capsules par dose × jours, additionnées sur les paliers",
            made,
        )
    return (
        f"{v.q(p['strength'])} capsules",
        "capsules a dose × days, summed over the steps",
        made,
    )


@words("titration-fill-capsules")
def _fill_capsules(p: Params, v: Voice) -> tuple[str, str, str]:
    made = _capsules(v, p["capsules"], ", ")
    if v.fr:
        return (
            f"Capsules de la préparation {v.n(p['fill'])}",
            "capsules par dose × jours, sur les jours de la préparation",
            made,
        )
    return (
        f"Fill {v.n(p['fill'])} capsules",
        "capsules a dose × days, over the days of the fill",
        made,
    )


@words("titration-target-one-capsule")
def _target_one_capsule(p: Params, v: Voice) -> str:
    days, total = v.counted(p["days"], "day"), v.counted(p["total_days"], "day")
    if v.fr:
        target = v.q(p["target"])
        return (
            f"La dose cible de {target} est une seule capsule : elle est prise {days} sur {total}."
        )
    return f"The target {v.q(p['target'])} is one capsule: it is taken {days} of {total}."


@words("titration-strengths-not-proven-fewest")
def _not_fewest(p: Params, v: Voice) -> str:
    if v.fr:
        return (
            f"Ces {_count(v, p['strengths'], _STRENGTH)} donnent chaque dose, mais ldncalc n'a "
            "pas pu prouver qu'il n'en faut pas moins : les doses sont trop irrégulières pour "
            "essayer chaque ensemble en un temps raisonnable. Solution : des doses multiples "
            f"de {v.q(p['multiple'])}, ou moins de paliers"
        )
    return (
        f"These {_count(v, p['strengths'], _STRENGTH)} make every dose, but ldncalc could not "
        "prove them the fewest: the doses are too irregular to search every set in reasonable "
        f"time. Fix: doses in multiples of {v.q(p['multiple'])}, or fewer steps"
    )


@words("titration-capsule-fills")
def _capsule_fills(p: Params, v: Voice) -> str:
    days, bud = v.counted(p["days"], "day"), v.counted(p["bud"], "day")
    fills = _count(v, p["fills"], _FILL)
    if v.fr:
        return (
            f"Le calendrier dure {days} et la DLU est de {bud} : {fills}, chacune préparée à "
            "sa date de préparation, pas avant."
        )
    return (
        f"The schedule lasts {days} and the BUD is {bud}: {fills}, each compounded on its "
        "compounding date, not earlier."
    )


@words("titration-batch-commands")
def _batch_commands(p: Params, v: Voice) -> str:
    if v.fr:
        return (
            "Préparez les capsules de chaque préparation à sa date de préparation, un lot par "
            "dosage, avec la commande donnée pour ce lot (chaque lot ajoute l'excédent de la "
            "formule)."
        )
    return (
        "Compound each fill's capsules on its compounding date, one batch a strength, with "
        "the command given for it (each batch adds the formulation's overage)."
    )


@words("titration-batch-net-fill-weight")
def _net_fill_weight(p: Params, v: Voice) -> str:
    shell = v.option("shell_weight")
    if v.fr:
        return (
            "Le contrôle du poids de chaque lot est son poids net de remplissage : la poudre "
            "seule, sur une balance tarée avec une capsule vide; une capsule remplie pèse en "
            "plus sa capsule vide (chaque commande donne cet intervalle brut : ajoutez "
            f"{shell} avec la moyenne de 10 capsules vides du lot)."
        )
    return (
        "Each batch's weight check is its net fill weight: the powder alone, on a balance "
        "tared with an empty shell; a filled capsule weighs its shell more (each command gives "
        f"that gross range: add {shell} with the average of 10 empty shells of the lot)."
    )


@words("titration-batch-tablet-weight")
def _tablet_weight(p: Params, v: Voice) -> str:
    strength = v.q(p["tablet_strength"])
    if v.fr:
        return (
            f"MASS dans chaque commande : le poids moyen d'un comprimé de {strength} (pesez "
            "10 comprimés et divisez par 10)."
        )
    return (
        f"MASS in each command: the average weight of one {strength} tablet "
        "(weigh 10 tablets and divide by 10)."
    )


# -- refusals ----------------------------------------------------------------------------------


def _or(v: Voice) -> str:
    return " ou " if v.fr else " or "


def _named(v: Voice, parameter: str) -> str:
    """An input named in a sentence: ``--start`` on the CLI, ``start`` in the library."""
    return v.option(parameter) if v.surface == "cli" else parameter


def _either(v: Voice, parameter: str, values: Sequence[Any]) -> str:
    """Values to give an input: ``--step 0.2mg or 0.25mg`` on the CLI, ``step="0.2mg" or
    step="0.25mg"`` in the library."""
    if v.surface == "cli":
        rest = "".join(_or(v) + v.option(parameter, x).split(" ", 1)[1] for x in values[1:])
        return v.option(parameter, values[0]) + rest
    return _or(v).join(v.option(parameter, x) for x in values)


def _listed(v: Voice, quantities: Sequence[Any]) -> str:
    return ", ".join(v.q(c) for c in quantities)


def _dose(v: Voice, dose: Any) -> str:
    """A dose as a person reads it: in mcg below 0.1 mg (25 mcg, not 0.025 mg), else mg."""
    return v.q(dose, unit=MCG if dose < Quantity(Decimal("0.1"), MG) else MG)


def _step_fix(p: Params, v: Voice) -> str:
    """The fix for a step too small, or for doses off a syringe's marks (``remedy`` in params)."""
    fix = p["remedy"]
    if fix == "least":
        more = "ou plus" if v.fr else "or more"
        return f"{'utilisez' if v.fr else 'use'} {v.option('step', p['suggested'][0])} {more}"
    if fix == "marks":
        marks = "chaque dose sur les graduations" if v.fr else "every dose on the marks"
        return f"{'utilisez' if v.fr else 'use'} {_either(v, 'step', p['suggested'])} ({marks})"
    if fix == "dilution":
        command = f"ldncalc liquid --target {_dose(v, p['dose']).replace(' ', '')}"
        if p["dilution_formulation"] is not None:
            command += f" --formulation {p['dilution_formulation']}"
        if v.fr:
            return (
                f"une dose aussi petite demande une dilution en série ({command}); commencez le "
                "titrage à une dose mesurable"
            )
        return (
            f"a dose this small needs a serial dilution ({command}); start the titration at a "
            "measurable dose"
        )
    if fix == "round":
        if v.fr:
            return (
                "arrondissez-la à une dose sur les graduations, p. ex. un multiple de "
                f"{v.q(p['multiple'])}"
            )
        return f"round it to a dose on the marks, e.g. a multiple of {v.q(p['multiple'])}"
    if v.fr:
        return (
            "changez le départ, le palier ou la cible pour que chaque dose tombe sur les "
            "graduations d'une seringue"
        )
    return "change the start, step or target so every dose is on a syringe's marks"


@words("titration-form-unknown")
def _form_unknown(p: Params, v: Voice) -> tuple[str, str]:
    forms = _or(v).join(p["forms"])
    if v.fr:
        if p.get("dosage_form"):  # drops or a cream: made by ldncalc, never titrated
            return "n'est pas une forme offerte pour la titration", f"utilisez {forms}"
        return "n'est pas une forme", f"utilisez {forms}"
    return "is not a form", f"use {forms}"


@words("titration-option-with-protocol")
def _with_protocol(p: Params, v: Voice) -> tuple[str, str]:
    protocol, option = v.option("protocol"), v.option(p["option"])
    if v.fr:
        return f"ne peut pas être donnée avec {protocol}", f"retirez {option} ou {protocol}"
    return f"cannot be given with {protocol}", f"drop {option} or {protocol}"


@words("titration-option-required")
def _required(p: Params, v: Voice) -> tuple[str, str]:
    example = v.option(p["option"], p["example"])
    if v.fr:
        fix = f"écrivez par exemple {example}"
        if p["protocol"]:
            fix += f", ou donnez {v.option('protocol', 'NOM')}"
        return "est obligatoire", fix
    fix = f"write e.g. {example}"
    if p["protocol"]:
        fix += f", or give {v.option('protocol', 'NAME')}"
    return "is required", fix


@words("titration-protocol-too-many-steps")
def _protocol_steps(p: Params, v: Voice) -> tuple[str, str]:
    steps, most = v.counted(p["steps"], "step"), v.n(p["most"])
    if v.fr:
        return f"compte {steps}, plus de {most}", "utilisez un protocole comptant moins de paliers"
    return f"has {steps}, more than {most}", "use a protocol with fewer steps"


@words("titration-schedule-too-long")
def _too_long(p: Params, v: Voice) -> tuple[str, str]:
    days, most = v.counted(p["days"], "day"), v.n(p["most"])
    if v.fr:
        return (
            f"donne un calendrier de {days}, plus long que {most}",
            "raccourcissez le calendrier (moins de paliers ou des paliers plus courts, ou moins "
            "de jours d'entretien)",
        )
    return (
        f"gives a schedule of {days}, longer than {most}",
        "shorten the schedule (fewer or shorter steps, or fewer maintenance days)",
    )


@words("titration-concentration-for-liquids")
def _for_liquids(p: Params, v: Voice) -> tuple[str, str]:
    form = v.option("form", "capsule")
    if v.fr:
        return "s'applique aux liquides", f"retirez-la avec {form}"
    return "is for liquids", f"drop it with {form}"


@words("titration-protocol-concentration")
def _protocol_concentration(p: Params, v: Voice) -> str:
    if v.fr:
        return f"{v.q(p['concentration'])} : la concentration du protocole {p['protocol']}"
    return f"{v.q(p['concentration'])}: the concentration of protocol {p['protocol']}"


@words("titration-target-below-start")
def _below_start(p: Params, v: Voice) -> tuple[str, str]:
    start = f"{_named(v, 'start')} {v.q(p['start'])}"
    if v.fr:
        return (
            f"est inférieure à {start}",
            "un titrage augmente la dose : donnez une cible supérieure au départ",
        )
    return f"is below {start}", "a titration steps up: give a target above the start"


@words("titration-target-is-start")
def _is_start(p: Params, v: Voice) -> tuple[str, str]:
    start = f"{_named(v, 'start')} {v.q(p['start'])}"
    if v.fr:
        return (
            f"est identique à {start} : il n'y a rien à titrer",
            "donnez une cible plus élevée, ou utilisez 'ldncalc liquid' ou 'ldncalc capsule' "
            "pour une seule dose",
        )
    return (
        f"is the same as {start}: there is nothing to titrate",
        "give a higher target, or use 'ldncalc liquid' or 'ldncalc capsule' for one dose",
    )


@words("titration-step-above-distance")
def _above_distance(p: Params, v: Voice) -> tuple[str, str]:
    start = f"{_named(v, 'start')} {v.q(p['start'])}"
    target = f"{_named(v, 'target')} {v.q(p['target'])}"
    distance, fix = v.q(p["distance"]), v.option("step", p["distance"])
    if v.fr:
        return f"dépasse l'écart de {start} à {target} ({distance})", f"écrivez {fix} ou moins"
    return (
        f"is larger than the distance from {start} to {target} ({distance})",
        f"write {fix} or less",
    )


@words("titration-too-many-steps")
def _too_many_steps(p: Params, v: Voice) -> tuple[str, str]:
    steps, most = v.counted(p["steps"], "step"), v.n(p["most"])
    start, target = v.q(p["start"]), v.q(p["target"])
    if v.fr:
        return f"donne {steps} de {start} à {target}, plus de {most}", _step_fix(p, v)
    return f"gives {steps} from {start} to {target}, more than {most}", _step_fix(p, v)


@words("titration-step-below-minimum")
def _below_minimum(p: Params, v: Voice) -> tuple[str, str]:
    minimum = v.q(p["minimum"])
    if v.fr:
        return f"est inférieur à {minimum}, la plus petite dose que ldncalc prépare", _step_fix(
            p, v
        )
    return f"is below {minimum}, the smallest dose ldncalc prepares", _step_fix(p, v)


@words("titration-dose-off-marks")
def _dose_off_marks(p: Params, v: Voice) -> tuple[str, str]:
    dose, listed = _dose(v, p["dose"]), _listed(v, p["listed"])
    volumes = ", ".join(v.q(x, 4) for x in p["volumes"])
    if v.fr:
        return (
            f"donne une dose de {dose} qu'aucune concentration inscrite de {p['formulation']} "
            f"({listed}) ne mesure exactement sur les graduations d'une seringue ({volumes})",
            _step_fix(p, v),
        )
    return (
        f"gives a dose of {dose} that no listed concentration of {p['formulation']} ({listed}) "
        f"measures exactly on a syringe's marks ({volumes})",
        _step_fix(p, v),
    )


@words("titration-no-concentration-for-schedule")
def _no_concentration(p: Params, v: Voice) -> tuple[str, str]:
    listed = _listed(v, p["listed"])
    if v.fr:
        return (
            f"commence un calendrier qu'aucune concentration inscrite de {p['formulation']} "
            f"({listed}) ne mesure seule exactement à chaque palier",
            _step_fix(p, v),
        )
    return (
        f"starts a schedule that no single listed concentration of {p['formulation']} "
        f"({listed}) measures exactly at every step",
        _step_fix(p, v),
    )


@words("titration-fill-too-large")
def _fill_too_large(p: Params, v: Voice) -> tuple[str, str]:
    volume, most = v.q(p["volume"]), v.q(p["most"])
    higher = v.option("concentration")
    if v.fr:
        return (
            f"demande {volume} pour la préparation {v.n(p['fill'])}, plus de {most} dans un "
            "seul flacon",
            f"utilisez une {higher} plus élevée",
        )
    return (
        f"needs {volume} for fill {v.n(p['fill'])}, more than {most} in one bottle",
        f"use a higher {higher}",
    )


@words("titration-concentration-not-listed")
def _not_listed(p: Params, v: Voice) -> tuple[str, str]:
    listed, fix = _listed(v, p["listed"]), _either(v, "concentration", p["working"])
    if v.fr:
        return (
            f"n'est pas une des concentrations inscrites de {p['formulation']} ({listed})",
            f"utilisez {fix}",
        )
    return f"is not one of {p['formulation']}'s listed concentrations ({listed})", f"use {fix}"


@words("titration-concentration-off-marks")
def _off_marks(p: Params, v: Voice) -> tuple[str, str]:
    volume, dose = v.q(p["volume"], 4), v.q(p["dose"])
    working = p["working"]
    if v.fr:
        fix = (
            f"utilisez {_either(v, 'concentration', working)}"
            if working
            else "changez le calendrier pour que chaque dose tombe sur les graduations d'une "
            "seringue"
        )
        return (
            f"donne {volume} pour le palier de {dose}, ce qui ne tombe pas exactement sur les "
            "graduations d'une seringue orale qui le mesure",
            fix,
        )
    fix = (
        f"use {_either(v, 'concentration', working)}"
        if working
        else "change the schedule so every dose is on a syringe's marks"
    )
    return (
        f"gives {volume} for the {dose} step, which is not exactly on the marks of an oral "
        "syringe that measures it",
        fix,
    )


@words("titration-protocol-unknown")
def _protocol_unknown(p: Params, v: Voice) -> tuple[str, str]:
    known = ", ".join(p["known"])
    if v.fr:
        return "n'est pas un protocole connu", f"utilisez l'un de ceux-ci : {known}"
    return "is not a known protocol", f"use one of: {known}"


@words("titration-protocol-form")
def _protocol_form(p: Params, v: Voice) -> tuple[str, str]:
    forms = _either(v, "form", p["forms"])
    if v.fr:
        return f"n'est pas une forme du protocole {p['protocol']}", f"utilisez {forms}"
    return f"is not a form of protocol {p['protocol']}", f"use {forms}"


# -- liquid ------------------------------------------------------------------------------------


@words("titration-step-volume")
def _step_volume(p: Params, v: Voice) -> tuple[str, str, str]:
    from ldncalc.locale.liquid import _syringe  # its catalog name; in French, what it is

    syringe = _syringe(p, v) if "capacity" in p else p["syringe"]  # read back from old JSON
    made = f"{v.q(p['dose'])} ÷ {v.q(p['concentration'])} = {v.q(p['volume'])} ({syringe})"
    if v.fr:
        return f"Volume du palier {v.n(p['step'])}", "dose ÷ concentration", made
    return f"Step {v.n(p['step'])} volume", "dose ÷ concentration", made


@words("titration-fill-drug")
def _fill_drug(p: Params, v: Voice) -> tuple[str, str, str]:
    doses = " + ".join(f"{v.q(dose)} × {v.n(days)}" for dose, days in p["doses"])
    made = f"{doses} = {v.q(p['drug'])}"
    if v.fr:
        return (
            f"Médicament de la préparation {v.n(p['fill'])}",
            "somme des doses quotidiennes qui y sont prises",
            made,
        )
    return f"Fill {v.n(p['fill'])} drug", "sum of the daily doses taken from it", made


@words("titration-fill-spare")
def _fill_spare(p: Params, v: Voice) -> tuple[str, str, str]:
    doses, percent = v.counted(p["doses"], "dose"), v.n(p["percent"])
    by_doses, by_percent = v.q(p["by_doses"]), v.q(p["by_percent"])
    taken, spare = v.q(p["taken"]), v.q(p["spare"])
    # up to the graduated cylinder's 0.1 mL, as a liquid's spare: "→" where that rounds
    sign = "→" if p["spare"] > max(p["by_doses"], p["by_percent"]) else "="
    if v.fr:
        return (
            f"Réserve de la préparation {v.n(p['fill'])}",
            f"le plus grand de {doses} de la plus grande et de {percent} % du volume pris "
            "(fiche maîtresse), arrondi au 0,1 mL supérieur",
            f"plus grand de {by_doses} et de {by_percent} de {taken} {sign} {spare}",
        )
    return (
        f"Fill {v.n(p['fill'])} spare",
        f"the greater of {doses} of the largest and {percent} % of the volume taken "
        "(formulation record), up to 0.1 mL",
        f"greater of {by_doses} and {by_percent} of {taken} {sign} {spare}",
    )


@words("titration-fill-tablets")
def _fill_tablets(p: Params, v: Voice) -> tuple[str, str, str]:
    made = (
        f"({v.q(p['taken'])} + {v.q(p['spare'])}) × {v.q(p['concentration'])} ÷ "
        f"{v.q(p['tablet_strength'])} = {v.q(p['exact'])} → {v.counted(p['tablets'], 'tablet')}"
    )
    if v.fr:
        return (
            f"Comprimés de la préparation {v.n(p['fill'])}",
            "(volume pris + réserve) × concentration ÷ teneur du comprimé, arrondi à l'unité "
            "supérieure",
            made,
        )
    return (
        f"Fill {v.n(p['fill'])} tablets",
        "(volume taken + spare) × concentration ÷ tablet strength, rounded up",
        made,
    )


@words("titration-fill-volume")
def _fill_volume(p: Params, v: Voice) -> tuple[str, str, str]:
    product = (
        f"{v.n(p['tablets'])} × {v.q(p['tablet_strength'])} ÷ {v.q(p['concentration'])} = "
        f"{v.q(p['volume'])}"
    )
    taken, spare = v.q(p["taken"]), v.q(p["spare"])
    if v.fr:
        return (
            f"Volume de la préparation {v.n(p['fill'])}",
            "comprimés × teneur du comprimé ÷ concentration",
            f"{product} ({taken} pris, {spare} de réserve)",
        )
    return (
        f"Fill {v.n(p['fill'])} volume",
        "tablets × tablet strength ÷ concentration",
        f"{product} ({taken} taken, {spare} spare)",
    )


@words("titration-totals")
def _totals(p: Params, v: Voice) -> tuple[str, str, str]:
    tablets, volume = v.counted(p["tablets"], "tablet"), v.q(p["volume"])
    drug, days = v.q(p["drug"]), v.counted(p["days"], "day")
    if v.fr:
        return "Totaux", "somme sur les préparations", f"{tablets}, {volume}; {drug} pris en {days}"
    return "Totals", "sum over the fills", f"{tablets}, {volume}; {drug} taken over {days}"


@words("titration-liquid-fills")
def _liquid_fills(p: Params, v: Voice) -> str:
    days, bud = v.counted(p["days"], "day"), v.counted(p["bud"], "day")
    fills = _count(v, p["fills"], _FILL)
    if v.fr:
        return (
            f"Le calendrier dure {days} et la DLU est de {bud} : {fills}. Préparez chacune à "
            "sa date de préparation, pas avant : une préparation faite plus tôt atteint sa DLU "
            "avant sa dernière dose."
        )
    return (
        f"The schedule lasts {days} and the BUD is {bud}: {fills}. Compound each fill on its "
        "compounding date, not earlier: a fill made earlier reaches its BUD before its last "
        "dose."
    )


@words("titration-concentration-chosen")
def _concentration_chosen(p: Params, v: Voice) -> str:
    conc, default, unreliable = v.q(p["concentration"]), v.q(p["default"]), p["unreliable"]
    if v.fr:
        why = (
            "les paliers ne tombent pas tous sur les graduations d'une seringue"
            if unreliable is None
            else f"{v.counted(unreliable, 'step')} seraient sous ce que la seringue mesure de "
            "façon fiable"
        )
        return f"{conc} est utilisée : à la concentration par défaut de {default}, {why}"
    why = (
        "not every step is on a syringe's marks"
        if unreliable is None
        else f"{v.counted(unreliable, 'step')} would be below what the syringe measures reliably"
    )
    return f"{conc} is used: at the default {default} {why}"


@words("titration-volume-unreliable")
def _volume_unreliable(p: Params, v: Voice) -> str:
    volumes, conc = ", ".join(v.q(x) for x in p["volumes"]), v.q(p["concentration"])
    formulation = f" --formulation {p['formulation']}" if p["formulation"] else ""
    commands = []
    for dose, days, dilution in p["own"]:
        command = f"ldncalc liquid --target {v.typed(dose)} --days {days}{formulation}"
        if v.fr:
            how = "une dilution en série" if dilution else "son propre liquide"
            commands.append(f"préparez le palier de {v.q(dose)} comme {how} : {command}")
        else:
            how = "a serial dilution" if dilution else "its own liquid"
            commands.append(f"make the {v.q(dose)} step as {how}: {command}")
    fix = _either(v, "concentration", p["better"]) if p["better"] else "; ".join(commands)
    if v.fr:
        return (
            f"{volumes} à {conc} est sous ce que la seringue mesure de façon fiable (pratique "
            "USP <1176> : pas moins de 20 % de la capacité d'une seringue, 0,2 mL dans une "
            f"seringue de 1 mL). Solution : {fix}"
        )
    return (
        f"{volumes} at {conc} is below what the syringe measures reliably (USP <1176> "
        "practice: not below 20 % of a syringe's capacity, 0.2 mL in a 1 mL syringe). "
        f"Fix: {fix}"
    )


@words("titration-fill-note")
def _fill_note(p: Params, v: Voice) -> str:
    # a fill's own note (its code and parameters after the fill's number): "Fill 2: ..."
    from ldncalc.messages import Message

    params = {name: value for name, value in p.items() if name not in ("fill", "note")}
    note = Message(code=p["note"], params=params).text(v.lang, v.surface)
    if v.fr:
        return f"Préparation {v.n(p['fill'])} : {note}"
    return f"Fill {v.n(p['fill'])}: {note}"
