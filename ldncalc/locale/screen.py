"""The fixed words of the pharmacist's screens (``ldncalc liquid|capsule|titrate``), English
and French (Canada) side by side.

Each entry is a template whose fields are filled by the renderers (:mod:`ldncalc.render`,
:mod:`ldncalc.screen.titration`) with numbers, quantities, counts and dates already written by
the reader's :class:`~ldncalc.locale.Voice`: this module holds words only. French after the
Office québécois de la langue française: « DLU » (date limite d'utilisation), « seringue
orale », « comprimé », « pilulier ». The column heads of the bench screen are padded to the
width of the language's longest head (9 in English, 12 in French).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ldncalc.locale import Params, Voice, words
from ldncalc.locale.common import de

# key: (English, French)
SCREEN: dict[str, tuple[str, str]] = {
    # -- bench screen (liquid, capsule) ------------------------------------------------------
    "formulation": (
        "Formulation  {id} (v{version}): {name}",
        "Formulation  {id} (v{version}) : {name}",
    ),
    "syringe": ("{name}", "seringue orale de {capacity}, graduée à {graduation}"),
    "supply": ("Supply   {days} at {per_day} a day", "Durée       {days} à {per_day} par jour"),
    "supply-cut": (
        " (the BUD; the {container} holds {holds})",
        " (la DLU; {container} contient {holds})",
    ),
    "bottle": ("bottle", "le flacon"),
    "vial": ("vial", "le pilulier"),
    "weigh": ("Take and weigh", "Prélever et peser"),
    "bud": ("BUD      {days}; {storage}", "DLU         {days}; {storage}"),
    "bud-basis": ("         basis: {basis}", "            fondement : {basis}"),
    "this-lot": (
        "         this lot: compounded {compounded}, discard after {date}",
        "            ce lot : préparé le {compounded}, à jeter après le {date}",
    ),
    "limited-by": (
        "         ({days}: {ingredient} expires then)",
        "            ({days} : {ingredient} expire alors)",
    ),
    "labels": ("Labels   {labels}", "Étiquettes  {labels}"),
    "warnings": ("WARNINGS", "AVERTISSEMENTS"),
    "notes": ("Notes", "Remarques"),
    "calculation": ("Calculation", "Calcul"),
    "method": ("Method", "Méthode"),
    "quality-checks": ("Quality checks", "Contrôles de la qualité"),
    "bud-references": ("BUD references", "Références de la DLU"),
    "diluent": ("{name} (diluent)", "{name} (diluant)"),
    "crush-weigh": (
        "{tablets} × {name}: crush, then weigh {powder} of the powder",
        "{tablets} × {name} : écraser, puis peser {powder} de la poudre",
    ),
    "drug-held": (" ({drug} naltrexone HCl)", " ({drug} de chlorhydrate de naltrexone)"),
    "tablets-held": (
        "{tablets} × {name} ({mass} naltrexone HCl)",
        "{tablets} × {name} ({mass} de chlorhydrate de naltrexone)",
    ),
    "tablets-reach": (
        "{tablets} × {name} ({mass} naltrexone HCl;\n    {reaches} of it reaches the bottle)",
        "{tablets} × {name} ({mass} de chlorhydrate de naltrexone;\n    dont {reaches} "
        "arrivent dans le flacon)",
    ),
    "mass-of": ("{mass} {name}", "{mass} {name}"),  # French: the name with its "de" (mass_of)
    "qs-to": ("{name} to {volume}", "{name} qsp {volume}"),
    # -- titration screen --------------------------------------------------------------------
    "t-title": (
        "Naltrexone HCl {what}: {start} to {target} {directions}",
        "Chlorhydrate de naltrexone, {what} : de {start} à {target} {directions}",
    ),
    "t-capsules": ("capsules", "capsules"),
    "t-liquid": ("{conc} {form}", "{form} à {conc}"),
    "t-protocol": ("Protocol     {id}: {name}", "Protocole    {id} : {name}"),
    "t-schedule": (
        "Schedule     {steps}, {days}: {first} to {last}",
        "Calendrier   {steps}, {days} : du {first} au {last}",
    ),
    "t-measure-liquid": ("{volume} ({syringe})", "{volume} ({syringe})"),
    "t-measure-capsules": ("{capsules}: {which}", "{capsules} : {which}"),
    "t-head-steps": ("Step|From|To|Days|Dose|Take", "Palier|Du|Au|Jours|Dose|Prendre"),
    "t-capsules-to-make": (
        "Capsules to compound: a batch of each strength for each fill, on its compounding date",
        "Capsules à préparer : un lot de chaque teneur pour chaque préparation, à sa date",
    ),
    "t-head-batches": (
        "Fill|Compound on|Capsules|Command",
        "Préparation|Préparer le|Capsules|Commande",
    ),
    "t-fills": ("Fills (BUD {days}; {storage})", "Préparations (DLU {days}; {storage})"),
    "t-head-fills": (
        "Fill|Compound on|BUD|Doses from|Make",
        "Préparation|Préparer le|DLU|Doses du|À préparer",
    ),
    "t-span": ("{first} to {last}", "{first} au {last}"),
    "t-fill-liquid": (
        "{tablets} to {volume} ({taken} taken{spare})",
        "{tablets} qsp {volume} ({taken} pris{spare})",
    ),
    "t-spare": (" + {spare} spare", " + {spare} de réserve"),
    "t-fill-line": (
        "  Fill {number}: {take}. Dispense with: {syringes}",
        "  Préparation {number} : {take}. Servir avec : {syringes}",
    ),
    "t-totals-liquid": (
        "Totals   {tablets} × {strength} tablets ({drug}), {volume} in {fills}; {taken} taken",
        "Totaux   {tablets} comprimés × {strength} ({drug}), {volume} en {fills}; {taken} pris",
    ),
    "t-totals-capsules": (
        "Totals   {counts} capsules in {fills}; {taken} taken",
        "Totaux   capsules {counts} en {fills}; {taken} pris",
    ),
    "t-drug": ("{drug} naltrexone HCl", "{drug} de chlorhydrate de naltrexone"),
    "t-bud-basis": ("BUD      basis: {basis}", "DLU      fondement : {basis}"),
    "t-labels": ("Labels   {labels}", "Étiquettes {labels}"),
    "t-method": ("Method (each fill)", "Méthode (chaque préparation)"),
    "t-bedtime": ("at bedtime", "au coucher"),
    "calendar-written": ("calendar written: {path}", "calendrier écrit : {path}"),
    "interrupted": ("interrupted", "interrompu"),
    "t-protocol-references": ("Protocol references", "Références du protocole"),
    # -- ldncalc formulations list|show (ldncalc.screen.formulations) -------------------------
    "f-heads": ("ID|KIND|FROM|BUD|ORIGIN|NAME", "ID|TYPE|À PARTIR DE|DLU|ORIGINE|NOM"),
    "f-builtin": ("built-in", "intégrée"),
    "f-id": (
        "Id {id}, version {version}: {form} ({kind}, from {source})",
        "Id {id}, version {version} : {form} ({kind}, à partir de : {source})",
    ),
    "f-file": ("File {path}", "Fichier {path}"),
    "f-tablets": ("Tablets {strength} naltrexone HCl", "Comprimés {strength} de naltrexone HCl"),
    "f-concentration": (
        "Concentration {default} by default; listed {listed}; range {low} to {high}",
        "Concentration {default} par défaut; offertes {listed}; de {low} à {high}",
    ),
    "f-spare": (
        "Spare the greater of {doses} and {percent} % of the volume of the doses, on top of them",
        "Réserve le plus grand de {doses} et de {percent} % du volume des doses, en plus de "
        "celles-ci",
    ),
    "f-capsule": (
        "Capsule size {size}, filler {filler}, overage {overage}",
        "Capsule taille {size}, diluant {filler}, excédent {overage}",
    ),
    "f-doses": (
        "Doses {low} to {high} (a warning below {below} and above {above})",
        "Doses de {low} à {high} (avertissement sous {below} et au-dessus de {above})",
    ),
    "f-doses-cream": (
        "Doses at most {high} of naltrexone HCl an application and a day, from at least "
        "{least} of cream (no usual-dose warning: {below} to {above} is an oral dose)",
        "Doses d'au plus {high} de chlorhydrate de naltrexone par application et par jour, à "
        "partir d'au moins {least} de crème (sans avertissement de dose usuelle : de {below} à "
        "{above} est une dose orale)",
    ),
    "f-per": (" (per {per})", " (pour {per})"),
    "f-ingredients": ("Ingredients{per}", "Ingrédients{per}"),
    "f-qs": ("qs", "qsp"),
    "f-calculated": ("calculated", "calculée"),
    "f-role-active": ("active", "actif"),
    "f-role-excipient": ("excipient", "excipient"),
    "f-role-filler": ("filler", "diluant"),
    "f-role-vehicle": ("vehicle", "véhicule"),
    "f-container": ("Container  {container}", "Contenant  {container}"),
    "f-equipment": ("Equipment  {equipment}", "Matériel  {equipment}"),
    "f-bud": ("BUD {days}; {storage}", "DLU {days}; {storage}"),
    "f-basis": ("  basis: {basis}", "  fondement : {basis}"),
    "f-labels": ("Labels  {labels}", "Étiquettes  {labels}"),
    "f-method": ("Method", "Méthode"),
    "f-quality": ("Quality checks", "Contrôles de la qualité"),
    "f-references": ("References", "Références"),
}

# The storage conditions of docs/basis.md §5 (USP <795>), in words.
STORAGE: dict[str, tuple[str, str]] = {
    "refrigerate": ("Refrigerate at 2–8 °C", "Réfrigérer entre 2 et 8 °C"),
    "room-temperature": (
        "Store at controlled room temperature, 20–25 °C",
        "Conserver à la température ambiante contrôlée, entre 20 et 25 °C",
    ),
    "room-temperature-or-refrigerate": (
        "Store at 20–25 °C or in a refrigerator at 2–8 °C",
        "Conserver entre 20 et 25 °C ou au réfrigérateur entre 2 et 8 °C",
    ),
}

# "Mon 03 Mar 2025": the weekday before a date, in each language.
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
}


def say(v: Voice, key: str, **values: Any) -> str:
    """The screen's words ``key`` in ``v``'s language, its fields filled with ``values``."""
    english, french = SCREEN[key]
    return (french if v.fr else english).format(**values)


def mass_of(v: Voice, mass: str, name: str) -> str:
    """``150 mg Glycerin``; French ``150 mg de glycérine``, ``150 mg d'acide hyaluronique``."""
    return say(v, "mass-of", mass=mass, name=de(name) if v.fr else name)


def heads(v: Voice, key: str) -> tuple[str, ...]:
    """A table's column heads."""
    return tuple(say(v, key).split("|"))


def storage(v: Voice, condition: str, english: str) -> str:
    """A storage condition in words (``english`` as the result gives it, for a condition
    this table does not know)."""
    words = STORAGE.get(condition)
    return english if words is None or not v.fr else words[1]


# -- the refusals of the command line itself (ldncalc/cli) -----------------------------------


def _either(v: Voice, options: Sequence[Sequence[str]]) -> str:
    """``--label FILE or --record FILE``, ``--calendar, --pdf FILE or --ics FILE``: inputs,
    each with what to give it if anything."""
    named = [v.option(option[0], *option[1:]) for option in options]
    if len(named) < 3:
        return (" ou " if v.fr else " or ").join(named)
    return f"{', '.join(named[:-1])}{' ou ' if v.fr else ' or '}{named[-1]}"


@words("option-required")
def _option_required(p: Params, v: Voice) -> tuple[str, str]:
    example = v.option(p["option"], p["example"])
    if v.fr:
        return "est obligatoire", f"écrivez par exemple {example}"
    return "is required", f"write e.g. {example}"


@words("option-repeated")
def _option_repeated(p: Params, v: Voice) -> tuple[str, str]:
    given = (" et " if v.fr else " and ").join(f'"{value}"' for value in p["given"])
    times = v.counted(len(p["given"]), "time")
    if v.fr:
        return f"est donnée {times} ({given})", "donnez-la une seule fois"
    return f"is given {times} ({given})", "give it once"


@words("option-only-with")
def _option_only_with(p: Params, v: Voice) -> tuple[str, str]:
    bare = _either(v, [(option,) for option, *_ in p["with_"]])
    add = _either(v, p["with_"])
    if v.fr:
        return f"ne sert qu'avec {bare}", f"ajoutez {add}, ou retirez-la"
    return f"is only used with {bare}", f"add {add}, or leave it out"


@words("option-needs")
def _option_needs(p: Params, v: Voice) -> tuple[str, str]:
    needed, add = v.option(p["needs"]), v.option(p["needs"], p["metavar"])
    if v.fr:
        return f"exige {needed}", f"ajoutez {add}"
    return f"needs {needed}", f"add {add}"


@words("options-exclusive")
def _options_exclusive(p: Params, v: Voice) -> tuple[str, str]:
    other = v.option(p["other"])
    recall = p.get("recall", False)
    if v.fr:
        return f"ne peut être donnée avec {other}", (
            "rappelez selon un seul critère" if recall else "donnez-en une seule"
        )
    return f"cannot be given with {other}", "recall by one" if recall else "give one"


@words("options-one-of")
def _options_one_of(p: Params, v: Voice) -> tuple[str, str]:
    _, *others = [option for option, *_ in p["options"]]
    rest = _either(v, [(option,) for option in others])
    if v.fr:
        return f"ou {rest} est obligatoire", f"donnez {_either(v, p['options'])}"
    return f"or {rest} is required", f"give {_either(v, p['options'])}"


@words("same-file")
def _same_file(p: Params, v: Voice) -> tuple[str, str]:
    other = v.option(p["other"])
    if v.fr:
        return f"est aussi le fichier de {other}", "donnez deux noms de fichier"
    return f"is also the {other} file", "give two file names"


@words("profile-exists")
def _profile_exists(p: Params, v: Voice) -> tuple[str, str]:
    force = v.option("force")
    if v.fr:
        return "existe déjà", f"ajoutez {force} pour le remplacer, ou modifiez-le"
    return "already exists", f"add {force} to replace it, or edit it"


@words("folder-invalid")
def _folder_invalid(p: Params, v: Voice) -> tuple[str, str]:
    failed, checked = v.n(p["failed"]), v.n(p["checked"])
    if v.fr:
        return (
            f"compte {failed} fichier(s) invalide(s) sur {checked}",
            "corrigez les problèmes indiqués ci-dessus",
        )
    return f"has {failed} invalid file(s) of {checked}", "fix the problems listed above"


_DEFAULTS = {  # what a profile gives as an option's default
    "balance": ("balance", "la balance"),
    "shell-weights": ("empty-shell weights", "les poids de capsules vides"),
}


@words("profile-unreadable")
def _profile_unreadable(p: Params, v: Voice) -> tuple[str, str]:
    cause = p["cause"]
    why = cause.render(v.lang, v.surface) if hasattr(cause, "render") else str(cause)
    what = _DEFAULTS[p["what"]][1 if v.fr else 0]
    option = v.option(p["option"])
    if v.fr:
        return (
            f"prend par défaut {what} du profil de la pharmacie {p['path']}, qui ne peut être "
            f"lu ({why})",
            f"corrigez le profil ('ldncalc config show') ou donnez {option}",
        )
    return (
        f"defaults to the {what} in the pharmacy profile {p['path']}, which cannot be read ({why})",
        f"fix the profile ('ldncalc config show') or give {option}",
    )


@words("supply-line")
def _supply_line(p: Params, v: Voice) -> str:
    """The bench screen's Supply line: the days of supply (never more than the BUD,
    checks.days_of_supply) and, when the BUD cuts them short, what the ``container`` holds
    (``count`` of ``noun``)."""
    days, per_day, count = int(p["days"]), int(p["per_day"]), int(p["count"])
    line = say(v, "supply", days=v.counted(days, "day"), per_day=v.n(per_day))
    if days < count // per_day:  # the BUD, not an odd dose, cut them
        holds = v.counted(count, str(p["noun"]))
        line += say(v, "supply-cut", container=say(v, str(p["container"])), holds=holds)
    return line
