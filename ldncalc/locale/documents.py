"""The words of labels, compounding records and the patient's calendar that come from a
record rather than a fixed phrase (:mod:`ldncalc.locale.phrases` holds the fixed ones)."""

from ldncalc.locale import Params, Voice, words


@words("measuring-device")
def _measuring_device(p: Params, v: Voice) -> str:
    # an oral syringe or a graduated cylinder, as the catalog names it; in French from what it
    # is and holds (« seringue orale de 5 mL », « éprouvette graduée de 50 mL »)
    if v.fr:
        what = "éprouvette graduée" if p["kind"] == "cylinder" else "seringue orale"
        return f"{what} de {v.q(p['capacity'])}"
    return str(p["name"])


def _not_labelled(v: Voice) -> str:
    if v.fr:
        return "elle ne peut être ni étiquetée ni servie"
    return "it may not be labelled or dispensed"


@words("label-bud-passed")
def _label_bud_passed(p: Params, v: Voice) -> tuple[str, str]:
    # the compounding date puts the lot's BUD before the day the label is printed
    if v.fr:
        return (
            f"place la date limite d'utilisation de ce lot au {v.date(p['bud'])} "
            f"({v.counted(p['days'], 'day')}), qui est passée (nous sommes le "
            f"{v.date(p['today'])}) : {_not_labelled(v)}",
            f"préparez un nouveau lot et omettez {v.option('date')} (aujourd'hui)",
        )
    return (
        f"puts the BUD of this lot on {v.date(p['bud'])} ({v.counted(p['days'], 'day')}), "
        f"which has passed (today is {v.date(p['today'])}): {_not_labelled(v)}",
        f"compound a new lot and leave {v.option('date')} out (today)",
    )


@words("label-bud-today")
def _label_bud_today(p: Params, v: Voice) -> tuple[str, str]:
    # the lot's BUD date is the day the label is printed: less than one day of supply left
    if v.fr:
        cause = "ramène" if p["expiry"] else "place"
        fix = (
            "utilisez un lot de cet ingrédient qui n'est pas périmé"
            if p["expiry"]
            else f"préparez un nouveau lot et omettez {v.option('date')} (aujourd'hui)"
        )
        return (
            f"{cause} la date limite d'utilisation de ce lot à aujourd'hui "
            f"({v.date(p['bud'])}), soit moins d'un jour : {_not_labelled(v)}",
            fix,
        )
    fix = (
        "use a lot of that ingredient that has not expired"
        if p["expiry"]
        else f"compound a new lot and leave {v.option('date')} out (today)"
    )
    return (
        f"{'brings' if p['expiry'] else 'puts'} the BUD of this lot on today "
        f"({v.date(p['bud'])}), leaving less than one day: {_not_labelled(v)}",
        fix,
    )


@words("label-expiry-passed")
def _label_expiry_passed(p: Params, v: Voice) -> tuple[str, str]:
    # an ingredient's expiry brings the lot's BUD before the day the label is printed
    if v.fr:
        return (
            f"ramène la date limite d'utilisation de ce lot au {v.date(p['bud'])}, qui est "
            f"passée (nous sommes le {v.date(p['today'])}) : {_not_labelled(v)}",
            "utilisez un lot de cet ingrédient qui n'est pas périmé",
        )
    return (
        f"brings the BUD of this lot to {v.date(p['bud'])}, which has passed (today is "
        f"{v.date(p['today'])}): {_not_labelled(v)}",
        "use a lot of that ingredient that has not expired",
    )


@words("label-needs")
def _label_needs(p: Params, v: Voice) -> tuple[str, str]:
    # a dispensing label needs the patient, the prescriber and the Rx number (USP <17>)
    missing = p["missing"]
    others = [v.option(name) for name, _ in missing[1:]]
    if v.surface == "cli":
        example = " ".join(
            f"{v.option(name)} {value if name == 'rx' else chr(34) + value + chr(34)}"
            for name, value in missing
        )
    else:
        example = " ".join(f'{v.option(name)}"{value}"' for name, value in missing)
    if v.fr:
        also = f" ({' et '.join(others)} aussi)" if others else ""
        return f"est obligatoire sur une étiquette{also}", f"écrivez par exemple {example}"
    verb = "is" if len(others) == 1 else "are"
    also = f" (so {verb} {' and '.join(others)})" if others else ""
    return f"is required for a label{also}", f"write e.g. {example}"


@words("directions-wrong-dose")
def _directions_wrong_dose(p: Params, v: Voice) -> tuple[str, str]:
    # an amount, count, fraction or multiplier in --directions that is not the dose measured
    # (docs/basis.md §6): "Take 45 mL" on a 1 mg/mL liquid made for 4.5 mg is ten times it
    if p["volume"] is not None:
        dose = (
            f"une dose du liquide à {v.q(p['concentration'])} est de {v.q(p['volume'])} "
            f"({v.q(p['dose'])})"
            if v.fr
            else f"a dose of the {v.q(p['concentration'])} liquid is {v.q(p['volume'])} "
            f"({v.q(p['dose'])})"
        )
    else:
        dose = (
            f"une dose est 1 capsule de {v.q(p['dose'])}"
            if v.fr
            else f"a dose is 1 capsule of {v.q(p['dose'])}"
        )
    if v.fr:
        return (
            f"indique « {p['said']} », mais {dose}",
            f"écrivez le mode d'emploi de cette dose, par exemple « {p['example']} »",
        )
    return (
        f'says "{p["said"]}", but {dose}',
        f'write the directions for that dose, e.g. "{p["example"]}"',
    )
