"""The words of a titration (``ldncalc titrate``): its warnings, notes, calculation steps and
refusals, in English and in French (Canada).

French after the Office québécois de la langue française: a titration step is a « palier »,
a fill a « préparation », the BUD the « date limite d'utilisation » (DLU), a capsule strength
a « dosage ».
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ldncalc.formatting import format_count_in
from ldncalc.locale import Params, Voice, words

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
            "seule, sur une balance tarée avec une enveloppe vide; une capsule remplie pèse en "
            "plus son enveloppe (chaque commande donne cet intervalle brut : ajoutez "
            f"{shell} avec la moyenne de 10 enveloppes vides du lot)."
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
