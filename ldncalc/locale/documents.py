"""The words of labels, compounding records and the patient's calendar that come from a
record rather than a fixed phrase (:mod:`ldncalc.locale.phrases` holds the fixed ones)."""

from collections.abc import Sequence

from ldncalc.locale import Params, Voice, words
from ldncalc.locale._fixed import fixed


@words("measuring-device")
def _measuring_device(p: Params, v: Voice) -> str:
    # an oral syringe or a graduated cylinder, as the catalog names it; in French from what it
    # is and holds, a syringe with its marks as the English name gives them (« seringue orale
    # de 5 mL graduée à 0,1 mL », « éprouvette graduée de 50 mL »)
    if v.fr:
        if p["kind"] == "cylinder":
            return f"éprouvette graduée de {v.q(p['capacity'])}"
        marks = p.get("graduation")
        graduated = f" graduée à {v.q(marks)}" if marks is not None else ""
        return f"seringue orale de {v.q(p['capacity'])}{graduated}"
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
    # (docs/basis.md §6): "Take 45 mL" on a 1 mg/mL liquid made for 4.5 mg is ten times it.
    # The dose is said in its form's own terms: mL of a liquid, capsules, drops, pumps, g.
    from ldncalc.locale.prescriptions import dose_is

    dose = dose_is(p, v)
    if v.fr:
        return (
            f"indique « {p['said']} », mais {dose}",
            f"écrivez le mode d'emploi de cette dose, par exemple « {p['example']} »",
        )
    return (
        f'says "{p["said"]}", but {dose}',
        f'write the directions for that dose, e.g. "{p["example"]}"',
    )


# --- writing a label, record or calendar file (ldncalc/labels/files.py) ----------------------

fixed(
    "file-folder-missing",
    ("is in a folder that does not exist", "create the folder first"),
    ("est dans un dossier qui n'existe pas", "créez d'abord le dossier"),
)
fixed(
    "file-cannot-check",
    ("cannot be checked ({reason})", "check the path"),
    ("ne peut pas être vérifié ({reason})", "vérifiez le chemin"),
)
fixed(
    "file-is-link",
    ("is a symbolic link", "give the path of the file itself, or a new file"),
    ("est un lien symbolique", "donnez le chemin du fichier lui-même, ou un nouveau fichier"),
)
fixed(
    "file-is-folder",
    ("is a folder", "give a file name"),
    ("est un dossier", "donnez un nom de fichier"),
)
fixed(
    "file-not-ordinary",
    ("is not an ordinary file (a device or a pipe)", "give a new file name"),
    (
        "n'est pas un fichier ordinaire (un périphérique ou un tube)",
        "donnez un nouveau nom de fichier",
    ),
)
fixed(
    "file-read-only",
    ("is read-only: it is not replaced, even with {--force}", "give another file name"),
    (
        "est en lecture seule : il n'est pas remplacé, même avec {--force}",
        "donnez un autre nom de fichier",
    ),
)
fixed(
    "file-exists",
    (
        "already exists (labels, records and calendars are not replaced silently)",
        "give another file name, or add {--force} to replace it",
    ),
    (
        "existe déjà (étiquettes, fiches et calendriers ne sont pas remplacés sans le dire)",
        "donnez un autre nom de fichier, ou ajoutez {--force} pour le remplacer",
    ),
)
fixed(
    "file-cannot-write",
    ("cannot be written ({reason})", "check the folder"),
    ("ne peut pas être écrit ({reason})", "vérifiez le dossier"),
)
fixed(
    "record-format-unknown",
    ("is not a record format", "use pdf or txt"),
    ("n'est pas un format de fiche", "utilisez pdf ou txt"),
)


def _choices(v: Voice, formats: Sequence[str], dot: bool = False) -> str:
    """``pdf, zpl or txt`` (French ``pdf, zpl ou txt``)."""
    names = [f".{f}" if dot else f for f in formats]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {'ou' if v.fr else 'or'} {names[-1]}"


@words("format-unknown")
def _format_unknown(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "n'est pas un format", f"utilisez {_choices(v, p['formats'])}"
    return "is not a format", f"use {_choices(v, p['formats'])}"


@words("format-mismatch")
def _format_mismatch(p: Params, v: Voice) -> tuple[str, str]:
    # --label-format pdf with --label x.zpl
    option = v.option(f"{p['option']}-format")
    if v.fr:
        return (
            f"ne correspond pas au nom de fichier « {p['path']} »",
            f"nommez le fichier .{p['chosen']}, ou omettez {option}",
        )
    return (
        f'does not match the file name "{p["path"]}"',
        f"name the file .{p['chosen']}, or leave {option} out",
    )


@words("format-from-name-unknown")
def _format_from_name_unknown(p: Params, v: Voice) -> tuple[str, str]:
    names = _choices(v, p["formats"], dot=True)
    if v.fr:
        hint = f" ou donnez {v.option(p['option'] + '-format')}" if p["hint"] else ""
        return "n'a pas de format connu", f"nommez le fichier {names}{hint}"
    hint = f" or give {v.option(p['option'] + '-format')}" if p["hint"] else ""
    return "has no known format", f"name the file {names}{hint}"


@words("font-cannot-print")
def _font_cannot_print(p: Params, v: Voice) -> tuple[str, str]:
    missing = " ".join(p["missing"])
    if v.fr:
        return (
            f"contient des caractères que la police de l'étiquette ne peut pas imprimer "
            f"({missing})",
            "écrivez-le en lettres latines, grecques ou cyrilliques",
        )
    return (
        f"has characters the label font cannot print ({missing})",
        "write it in Latin, Greek or Cyrillic letters",
    )


@words("zpl-cannot-print")
def _zpl_cannot_print(p: Params, v: Voice) -> tuple[str, str]:
    missing = " ".join(p["missing"])
    if v.fr:
        return (
            f"contient des caractères que la police de l'imprimante d'étiquettes ne peut pas "
            f"imprimer ({missing})",
            f"écrivez-le en lettres latines, ou écrivez l'étiquette en PDF "
            f"({v.option('label', 'FICHIER.pdf')})",
        )
    return (
        f"has characters the label printer's font cannot print ({missing})",
        f"write it in Latin letters, or write the label as a PDF ({v.option('label', 'FILE.pdf')})",
    )


@words("record-row-too-tall")
def _record_row_too_tall(p: Params, v: Voice) -> tuple[str, str]:
    # a text in a table of the record longer than a page can hold
    if v.fr:
        return (
            f"ne peut pas imprimer sur une seule page la ligne de tableau qui commence par "
            f"« {p['text']} »",
            "raccourcissez ce texte (fiche maîtresse ou détails de l'ordonnance)",
        )
    return (
        f'cannot print the table row starting "{p["text"]}" on one page',
        "shorten that text (in the formulation record or the prescription details)",
    )


@words("label-does-not-fit")
def _label_does_not_fit(p: Params, v: Voice) -> tuple[str, str]:
    # the smallest type tried, in points (Decimal)
    sizes = f"{v.n(p['critical'])} pt {'et' if v.fr else 'and'} {v.n(p['detail'])} pt"
    if v.fr:
        return (
            f"ne tient pas sur l'étiquette de {p['stock']}, même dans le plus petit caractère "
            f"({sizes})",
            "raccourcissez-le, ou donnez une étiquette plus grande ([label] dans le profil de "
            "la pharmacie)",
        )
    return (
        f"does not fit on the {p['stock']} label, even in the smallest type ({sizes})",
        "shorten it, or give a larger label size ([label] in the pharmacy profile)",
    )
