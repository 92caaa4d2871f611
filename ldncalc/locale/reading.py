"""The words of reading input: the refusals of the one parser (ldncalc/units.py), in English
and in French (Canada).

An error's words are its problem and its fix. A fix that suggests what to type gives it as
typed (``4.5mg``: what a person writes on a command line or in a file, in every language).
"""

from ldncalc.locale import Params, Voice, words

# What each kind of amount is called, and the units it is written in (ldncalc/units.py Kind)
_KIND_NAMES = {
    "mass": ("a mass", "une masse"),
    "volume": ("a volume", "un volume"),
    "concentration": ("a concentration", "une concentration"),
    "percentage": ("a percentage", "un pourcentage"),
    "duration": ("a duration", "une durée"),
    "molar mass": ("a molar mass", "une masse molaire"),
    "length": ("a length", "une longueur"),
    "strength": ("a strength", "une teneur"),
}
_KIND_UNITS = {
    "mass": ("mg, mcg or g", "mg, mcg ou g"),
    "volume": ("mL or L", "mL ou L"),
    "concentration": ("mg/mL or mcg/mL", "mg/mL ou mcg/mL"),
    "percentage": ("%", "%"),
    "duration": ("d (days) or w (weeks)", "d (jours) ou w (semaines)"),
    "molar mass": ("g/mol", "g/mol"),
    "length": ("in or mm", "in ou mm"),
    "strength": ("mg/g", "mg/g"),
}
# Why a unit is refused by name, and what to write instead (docs/basis.md §6, ISMP)
_REFUSED: dict[str, tuple[str, str, str, str]] = {
    "cc": (
        "cc is misread as u or 00 (ISMP)",
        "write mL",
        "cc se lit à tort u ou 00 (ISMP)",
        "écrivez mL",
    ),
    "gr": (
        "gr (grain) is confused with g (gram)",
        "write mg or g",
        "gr (grain) se confond avec g (gramme)",
        "écrivez mg ou g",
    ),
    "grain": (
        "grains are not used",
        "write mg or g",
        "le grain n'est pas employé",
        "écrivez mg ou g",
    ),
    "tsp": (
        "household measures are not accurate",
        "write mL",
        "les mesures ménagères ne sont pas exactes",
        "écrivez mL",
    ),
    "oz": ("ounces are not used", "write mL or g", "l'once n'est pas employée", "écrivez mL ou g"),
    "floz": ("ounces are not used", "write mL", "l'once n'est pas employée", "écrivez mL"),
    "dr": (
        "drams are not used",
        "write mL or g",
        "le drachme n'est pas employé",
        "écrivez mL ou g",
    ),
    "gtt": ("drops are not a measure", "write mL", "la goutte n'est pas une mesure", "écrivez mL"),
    "minim": ("minims are not used", "write mL", "le minim n'est pas employé", "écrivez mL"),
}
_UNITS_REFUSAL = (
    "naltrexone is not dosed in units",
    "write mg or mcg",
    "la naltrexone ne se dose pas en unités",
    "écrivez mg ou mcg",
)
for _unit in ("iu", "u", "unit", "units"):
    _REFUSED[_unit] = _UNITS_REFUSAL
_REFUSED["tbsp"] = _REFUSED["tsp"]
_REFUSED["drop"] = _REFUSED["drops"] = _REFUSED["gtt"]


def _or(v: Voice, items: list[str]) -> str:
    return (" ou " if v.fr else " or ").join(items)


def _names(p: Params, v: Voice) -> str:
    """``a mass or a volume`` (French ``une masse ou un volume``)."""
    return _or(v, [_KIND_NAMES[kind][v.fr] for kind in p["kinds"]])


def _units(p: Params, v: Voice) -> str:
    """The units ``kinds`` are written in: ``mg, mcg or g``."""
    return _or(v, [_KIND_UNITS[kind][v.fr] for kind in p["kinds"]])


def _write(v: Voice) -> str:
    return "écrivez" if v.fr else "write"


def _fix(p: Params, v: Voice) -> str:
    """``write 4.5mg`` (or ``write 1000mg or 1mg``) for what to type, else ``write e.g.
    4.5mg``."""
    if p.get("written"):
        return f"{_write(v)} {_or(v, list(p['written']))}"
    if "example" not in p:  # none of its suggestions accepted: its ``instead`` says the range
        return ""
    return f"{_write(v)} {'par exemple' if v.fr else 'e.g.'} {p['example']}"


def _positive(p: Params, v: Voice) -> str:
    if v.fr:
        return f"écrivez une quantité positive, par exemple {p['example']}"
    return f"write a positive amount, e.g. {p['example']}"


def _error(code: str, english: str, french: str) -> None:
    """Register a refusal whose fix is :func:`_fix`."""

    @words(code)
    def _(p: Params, v: Voice) -> tuple[str, str]:
        return (french if v.fr else english).format_map(p), _fix(p, v)


for _code, _english, _french in (
    ("not-text", "is not text", "n'est pas du texte"),
    ("empty", "is empty", "est vide"),
    ("non-ascii-digits", "has digits other than 0-9", "contient des chiffres autres que 0 à 9"),
    ("no-leading-zero", "has no leading zero (ISMP)", "n'a pas de zéro avant la virgule (ISMP)"),
    ("not-a-number", "does not start with a number", "ne commence pas par un nombre"),
    ("amount-too-large", "is larger than any amount", "dépasse toute quantité"),
    ("amount-too-small", "is smaller than any amount", "est plus petit que toute quantité"),
    ("two-decimal-points", "has more than one decimal point", "a plus d'un point décimal"),
    (
        "trailing-decimal-point",
        "has a decimal point with no digit after it",
        "a un point décimal sans chiffre après",
    ),
    ("extra-leading-zero", "has an extra leading zero", "a un zéro de trop en tête"),
    ("space-in-number", "has a space inside the number", "a une espace dans le nombre"),
    ("thousands-separator", "has a thousands separator", "a un séparateur de milliers"),
    (
        "ambiguous-comma",
        "has a comma, which can be a decimal or a thousands separator",
        "a une virgule, qui peut être décimale ou séparer les milliers",
    ),
    ("decimal-comma", "uses a decimal comma", "utilise une virgule décimale"),
    ("comma", "has a comma", "contient une virgule"),
    ("not-finite", "is not a finite number", "n'est pas un nombre fini"),
    ("not-positive", "is not positive", "n'est pas positif"),
    ("not-text-or-quantity", "is neither text nor a quantity", "n'est ni du texte ni une quantité"),
    ("incomplete-unit", 'has an incomplete unit "{unit}"', "a une unité incomplète « {unit} »"),
):
    _error(_code, _english, _french)


@words("signed-amount")
def _signed(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return ("est négatif" if p["negative"] else "porte un signe"), _positive(p, v)
    return ("is negative" if p["negative"] else "is signed"), _positive(p, v)


@words("zero-amount")
def _zero(p: Params, v: Voice) -> tuple[str, str]:
    return ("est zéro" if v.fr else "is zero"), _positive(p, v)


@words("amount-too-many-digits")
def _many_digits(p: Params, v: Voice) -> tuple[str, str]:
    digits, maximum = v.n(p["digits"]), v.n(p["maximum"])
    if v.fr:
        return f"a {digits} chiffres, plus qu'aucune quantité n'en demande ({maximum})", _fix(p, v)
    return f"has {digits} digits, more than any amount needs ({maximum})", _fix(p, v)


@words("exponent-notation")
def _exponent(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "utilise la notation exponentielle", (
            f"écrivez le nombre en entier, par exemple {p['example']}"
        )
    return "uses exponent notation", f"write the number in full, e.g. {p['example']}"


@words("no-unit")
def _no_unit(p: Params, v: Voice) -> tuple[str, str]:
    # an example where the number is out of range; neither when no fix is accepted (the
    # refusal's ``instead`` says why: render_error)
    written = p["written"] or p.get("example", "")
    par, eg = ("", "") if p["written"] else ("par exemple ", "e.g. ")
    if v.fr:
        fix = f"écrivez {par}{written} (unités : {_units(p, v)})"
        if p.get("fraction"):
            fix += f", ou {p['fraction']} si {p['number']} est une fraction"
        return "n'a pas d'unité", fix
    fix = f"write {eg}{written} (units: {_units(p, v)})"
    if p.get("fraction"):
        fix += f", or {p['fraction']} if {p['number']} is a fraction"
    return "has no unit", fix


@words("unit-not-accepted")
def _unit_not_accepted(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"a l'unité {p['unit']}", f"employez {_units(p, v)}"
    return f"has unit {p['unit']}", f"use {_units(p, v)}"


@words("refused-unit")
def _refused_unit(p: Params, v: Voice) -> tuple[str, str]:
    english, english_fix, french, french_fix = _REFUSED[p["refused"]]
    if v.fr:
        return f"emploie « {p['unit']} » : {french}", french_fix
    return f'uses "{p["unit"]}": {english}', english_fix


@words("wrong-kind")
def _wrong_kind(p: Params, v: Voice) -> tuple[str, str]:
    kind = _KIND_NAMES[p["kind"]][v.fr]
    if v.fr:
        return f"est {kind}, pas {_names(p, v)}", (
            f"écrivez {_names(p, v)} en {_units(p, v)}, par exemple {p['example']}"
        )
    return f"is {kind}, not {_names(p, v)}", (
        f"write {_names(p, v)} in {_units(p, v)}, e.g. {p['example']}"
    )


@words("non-ascii-unit")
def _non_ascii_unit(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        # the character's Unicode name is English: French names it by its code point
        code_point = f"U+{ord(p['character']):04X}"
        return f"a le caractère non ASCII « {p['character']} » ({code_point}) dans son unité", (
            f"écrivez {p['number']} avec {_units(p, v)}"
        )
    return f'has the non-ASCII character "{p["character"]}" ({p["name"]}) in its unit', (
        f"write {p['number']} with {_units(p, v)}"
    )


@words("unknown-unit")
def _unknown_unit(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"a l'unité « {p['unit']} », que ldncalc n'accepte pas", (
            f"écrivez {p['number']} avec {_units(p, v)}"
        )
    return f'has unit "{p["unit"]}", which ldncalc does not accept', (
        f"write {p['number']} with {_units(p, v)}"
    )


@words("more-than-one-number")
def _two_numbers(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "a plus d'un nombre", f"écrivez une seule quantité, par exemple {p['example']}"
    return "has more than one number", f"write one amount, e.g. {p['example']}"


@words("amount-per-volume")
def _per_volume(p: Params, v: Voice) -> tuple[str, str]:
    written = f": {p['written']}" if p.get("written") else ""
    if v.fr:
        written = written.replace(":", " :")
        return f"donne la quantité dans {p['per']} mL", f"écrivez la quantité dans 1 mL{written}"
    return f"gives the amount in {p['per']} mL", f"write the amount in 1 mL{written}"


# -- counts (parse_count) -------------------------------------------------------------------


def _count_fix(p: Params, v: Voice) -> str:
    """``write 30``, ``write e.g. 1``, or ``write a whole number from 1 to 1,000``."""
    if p.get("written") is not None:
        return f"{_write(v)} {p['written']}"
    if p.get("example") is not None:
        return f"{_write(v)} {'par exemple' if v.fr else 'e.g.'} {p['example']}"
    low, high = v.n(p["minimum"]), v.n(p["maximum"])
    if v.fr:
        return f"écrivez un nombre entier de {low} à {high}"
    return f"write a whole number from {low} to {high}"


def _count_error(code: str, english: str, french: str) -> None:
    @words(code)
    def _(p: Params, v: Voice) -> tuple[str, str]:
        return (french if v.fr else english), _count_fix(p, v)


for _code, _english, _french in (
    ("count-not-whole", "is not a whole number", "n'est pas un nombre entier"),
    ("count-negative", "is negative", "est négatif"),
    ("count-out-of-range", "is out of range", "est hors des limites"),
):
    _count_error(_code, _english, _french)


@words("count-too-many-digits")
def _count_digits(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"a {v.n(p['digits'])} chiffres : il est hors des limites", _count_fix(p, v)
    return f"has {v.n(p['digits'])} digits: it is out of range", _count_fix(p, v)


@words("count-comma")
def _count_comma(p: Params, v: Voice) -> tuple[str, str]:
    # without the comma, the digits out of range are not suggested: the range is (1,000 for
    # --doses-per-day: write a whole number from 1 to 4)
    digits = p.get("digits")
    if v.fr:
        return "a une virgule, qui peut séparer les milliers ou être décimale", (
            f"écrivez {digits} sans elle" if digits is not None else _count_fix(p, v)
        )
    return "has a comma, which could be a thousands separator or a decimal comma", (
        f"write {digits} without it" if digits is not None else _count_fix(p, v)
    )


# -- checks shared by every preparation (ldncalc/checks.py) ------------------------------------


@words("count-not-int")
def _count_not_int(p: Params, v: Voice) -> tuple[str, str]:
    # a library caller's value that is not text or an int (None, a float, a list…)
    name = p["type"]
    if v.fr:
        what = "None" if name is None else f"de type {name}"
        return f"est {what}, pas un nombre entier", _count_fix(p, v)
    what = "None" if name is None else f"{'an' if name[0] in 'aeiou' else 'a'} {name}"
    return f"is {what}, not a whole number", _count_fix(p, v)


@words("dose-below-minimum")
def _dose_below_minimum(p: Params, v: Voice) -> tuple[str, str]:
    low, high = v.q(p["minimum"]), v.q(p["maximum"])
    if v.fr:
        return f"est inférieur à {low}", f"écrivez une dose de {low} à {high}"
    return f"is below {low}", f"write a dose from {low} to {high}"


@words("dose-above-maximum")
def _dose_above_maximum(p: Params, v: Voice) -> tuple[str, str]:
    high = v.q(p["maximum"])
    if v.fr:
        return f"est supérieur à {high} : ce n'est plus de la naltrexone à faible dose", (
            f"écrivez une dose d'au plus {high}"
        )
    return f"is above {high}: that is not low-dose naltrexone", f"write a dose up to {high}"


@words("daily-dose-above-maximum")
def _daily_dose(p: Params, v: Voice) -> tuple[str, str]:
    daily, dose, high = v.q(p["daily"]), v.q(p["dose"]), v.q(p["maximum"])
    if v.fr:
        return (
            f"donne {daily} par jour à {dose} par dose, au-delà des {high} par jour de la "
            "naltrexone à faible dose",
            "réduisez la dose ou le nombre de doses par jour",
        )
    return (
        f"gives {daily} a day with {dose} a dose, above the {high} a day of low-dose naltrexone",
        "lower the dose or the doses a day",
    )


@words("dose-below-usual-range")
def _dose_below_usual(p: Params, v: Voice) -> str:
    dose, low, high = v.q(p["dose"]), v.q(p["low"]), v.q(p["high"])
    if v.fr:
        return (
            f"{dose} est sous l'intervalle habituel de la naltrexone à faible dose ({low}–{high}) "
            ": vérifiez l'ordonnance (dose très faible?)"
        )
    return (
        f"{dose} is below the usual LDN range ({low}–{high}): "
        "check the prescription (very low dose?)"
    )


@words("dose-above-usual-range")
def _dose_above_usual(p: Params, v: Voice) -> str:
    dose, high = v.q(p["dose"]), v.q(p["high"])
    if v.fr:
        return (
            f"{dose} dépasse le maximum habituel de la naltrexone à faible dose ({high}) : "
            "vérifiez l'ordonnance"
        )
    return f"{dose} is above the usual LDN maximum of {high}: check the prescription"


@words("days-not-whole")
def _days_not_whole(p: Params, v: Voice) -> tuple[str, str]:
    # a whole count of days as typed (14), or a duration in days as typed (14d)
    written = [f"{d.magnitude}d" if hasattr(d, "units") else str(d) for d in p["written"]]
    if v.fr:
        fix = (
            f"écrivez {_or(v, written)}"
            if written
            else f"écrivez un nombre entier de jours de 1 à {v.n(p['maximum'])}"
        )
        return "n'est pas un nombre entier de jours", fix
    fix = (
        f"write {_or(v, written)}"
        if written
        else f"write a whole number of days from 1 to {v.n(p['maximum'])}"
    )
    return "is not a whole number of days", fix


@words("days-out-of-range")
def _days_out_of_range(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"est de {v.counted(p['days'], 'day')}", f"écrivez de 1 à {v.n(p['maximum'])} jours"
    return f"is {v.counted(p['days'], 'day')}", f"write from 1 to {v.n(p['maximum'])} days"


@words("tablet-strength-outside")
def _tablet_strength(p: Params, v: Voice) -> tuple[str, str]:
    low, high = v.q(p["low"]), v.q(p["high"])
    if v.fr:
        return (
            f"est hors de {low} à {high}, les teneurs des comprimés de chlorhydrate de naltrexone",
            "indiquez la teneur inscrite sur l'étiquette des comprimés, par exemple 50mg",
        )
    return (
        f"is outside {low} to {high}, the strengths naltrexone HCl tablets are made in",
        "give the strength on the tablet label, e.g. 50mg",
    )


@words("date-not-iso")
def _date_not_iso(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "n'est pas une date ISO 8601", (
            "écrivez AAAA-MM-JJ, par exemple 2026-11-22 (11/12/2026 se lit comme deux jours "
            "différents)"
        )
    return "is not an ISO 8601 date", (
        "write YYYY-MM-DD, e.g. 2026-11-22 (11/12/2026 reads as two different days)"
    )


@words("date-not-real")
def _date_not_real(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "n'est pas une date réelle", "écrivez AAAA-MM-JJ, par exemple 2026-11-22"
    return "is not a real date", "write YYYY-MM-DD, e.g. 2026-11-22"


@words("date-out-of-range")
def _date_out_of_range(p: Params, v: Voice) -> tuple[str, str]:
    # years as written, never grouped (2000, not 2 000)
    if v.fr:
        return f"n'est pas entre {p['earliest']} et {p['latest']}", (
            "vérifiez l'année; écrivez AAAA-MM-JJ"
        )
    return f"is not between {p['earliest']} and {p['latest']}", "check the year; write YYYY-MM-DD"


# -- beyond-use dating (ldncalc/bud.py; docs/basis.md §5, USP <795> 2023) ----------------------

# Each USP <795> category as the basis of a BUD states it (English, French)
_BUD_CATEGORIES = {
    "aqueous-nonpreserved": (
        "aqueous preparation, nonpreserved",
        "préparation aqueuse sans agent de conservation",
    ),
    "aqueous-preserved": (
        "aqueous preparation, preserved",
        "préparation aqueuse avec agent de conservation",
    ),
    "nonaqueous-liquid": ("nonaqueous oral liquid", "liquide oral non aqueux"),
    "nonaqueous-solid": ("nonaqueous solid (capsules)", "solide non aqueux (capsules)"),
}


@words("bud-basis")
def _bud_basis(p: Params, v: Voice) -> str:
    # USP <795>'s maximum for the category; a shorter BUD; a longer one with its study
    category = _BUD_CATEGORIES[p["category"]][v.fr]
    usp = f"USP <795> (2023) : {category}" if v.fr else f"USP <795> (2023): {category}"
    usp += f", {v.counted(p['maximum'], 'day')}"
    days = v.counted(p["days"], "day")
    if p["days"] == p["maximum"]:
        return usp
    if p.get("evidence") is not None:
        return f"{days} : {p['evidence']}" if v.fr else f"{days}: {p['evidence']}"
    return f"{days}, moins que {usp}" if v.fr else f"{days}, shorter than {usp}"


@words("ingredient-expired")
def _ingredient_expired(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"expire au plus tard à la date de préparation, {v.date(p['compounded'])}", (
            "employez un lot de cet ingrédient qui n'est pas expiré"
        )
    return f"expires on or before the compounding date {p['compounded'].isoformat()}", (
        "use a lot of that ingredient that has not expired"
    )


# -- paths of input files (ldncalc/config_paths.py) --------------------------------------------


@words("path-unreadable")
def _path_unreadable(p: Params, v: Voice) -> tuple[str, str]:
    # the reason is the system's own words (strerror), as it gives them
    if v.fr:
        return f"ne peut pas être lu ({p['reason']})", (
            "indiquez un chemin qui existe et que vous pouvez lire"
        )
    return f"cannot be read ({p['reason']})", "give a path that exists and that you can read"


@words("not-a-path")
def _not_a_path(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "n'est pas un chemin", "indiquez le chemin d'un fichier"
    return "is not a path", "give the path of a file"


# -- the compounding log: a scanned GS1 barcode (ldncalc/log/gs1.py) --------------------------


def _scan_again(v: Voice) -> str:
    if v.fr:
        return "balayez de nouveau le code-barres GS1, ou tapez le lot lui-même : INGRÉDIENT=LOT"
    return "scan the GS1 barcode again, or type the lot itself: INGREDIENT=LOT"


@words("gs1-invalid")
def _gs1_invalid(p: Params, v: Voice) -> tuple[str, str]:
    # the reason, if any, is the barcode reader's own words (biip)
    reason = f" ({p['reason']})" if p.get("reason") else ""
    if v.fr:
        return f"n'est pas une chaîne d'éléments GS1 valide{reason}", _scan_again(v)
    return f"is not a valid GS1 element string{reason}", _scan_again(v)


@words("gs1-no-lot")
def _gs1_no_lot(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "ne contient aucun lot (IA GS1 10)", _scan_again(v)
    return "holds no lot (GS1 AI 10)", _scan_again(v)


@words("gs1-invalid-gtin")
def _gs1_invalid_gtin(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"a un GTIN non valide ({p['reason']})", _scan_again(v)
    return f"has an invalid GTIN ({p['reason']})", _scan_again(v)
