"""The words of reading a prescription's details (ldncalc/prescriptions.py: patient, Rx and lot
numbers, expiry dates, directions) and the pharmacy profile (ldncalc/profile.py).

Text a person must type (``INGREDIENT=YYYY-MM-DD``, ``"4.5 mg"``) is given as typed. Directions
are quoted in the label's language, as the prescriber wrote them.
"""

from collections.abc import Sequence
from decimal import Decimal

from ldncalc.locale import NOUNS, Params, Voice, words
from ldncalc.locale._fixed import fixed
from ldncalc.units import Qty

_EXPIRY_FIX = (
    "write INGREDIENT=YYYY-MM-DD, e.g. {--expiry naltrexone=2027-05-31}",
    "écrivez INGRÉDIENT=AAAA-MM-JJ, par exemple {--expiry naltrexone=2027-05-31}",
)
_TEXT_FIX = ("write the text or leave the option out", "écrivez le texte ou omettez l'option")
_PROFILE_FIX = (
    "give the path of a profile written by 'ldncalc config init'",
    "donnez le chemin d'un profil écrit par 'ldncalc config init'",
)

for _code, _english, _french in (
    (
        "lang-unknown",
        ("is not a label language", "write en or fr"),
        ("n'est pas une langue d'étiquette", "écrivez en ou fr"),
    ),
    (
        "expiry-unnamed",
        ("does not name an ingredient", _EXPIRY_FIX[0]),
        ("ne nomme aucun ingrédient", _EXPIRY_FIX[1]),
    ),
    (
        "expiry-twice",
        ("is a second expiry for {name}", "give one per ingredient"),
        ("est une deuxième date de péremption de {name}", "donnez-en une par ingrédient"),
    ),
    (
        "text-control-characters",
        ("holds control characters (a line break?)", "write it on one line"),
        ("contient des caractères de contrôle (un saut de ligne?)", "écrivez-le sur une ligne"),
    ),
    ("text-empty", ("is empty", _TEXT_FIX[0]), ("est vide", _TEXT_FIX[1])),
    (
        "ingredient-ambiguous",
        ("matches several ingredients ({matches})", "write more of the name"),
        ("correspond à plusieurs ingrédients ({matches})", "écrivez une plus grande partie du nom"),
    ),
    (
        "ingredient-unknown",
        ("names no ingredient of this preparation", "write part of one of: {known}"),
        (
            "ne nomme aucun ingrédient de cette préparation",
            "écrivez une partie de l'un de : {known}",
        ),
    ),
    (
        "directions-vague",
        (
            'says "{said}", which leaves the patient to guess (USP <17>: explicit directions)',
            "write how much to take, how and when (no abbreviations), or leave {--directions} "
            "out: the default directions say all three",
        ),
        (
            "dit « {said} », ce qui laisse le patient deviner (USP <17> : un mode d'emploi "
            "explicite)",
            "écrivez quelle quantité prendre, comment et quand (sans abréviation), ou omettez "
            "{--directions} : le mode d'emploi par défaut dit les trois",
        ),
    ),
    (
        "directions-abbreviation",
        ('uses "{abbreviation}", an error-prone abbreviation (ISMP)', 'write "{written}"'),
        (
            "emploie « {abbreviation} », une abréviation source d'erreurs (ISMP)",
            "écrivez « {written} »",
        ),
    ),
    (
        "directions-trailing-zero",
        (
            'has the trailing zero "{number}" (ISMP: read as ten times the dose)',
            'write "{written}"',
        ),
        (
            "a le zéro final « {number} » (ISMP : lu comme dix fois la dose)",
            "écrivez « {written} »",
        ),
    ),
    (
        "directions-naked-decimal",
        ('has a decimal without a leading zero "{said}" (ISMP)', 'write "0{said}"'),
        ("a une décimale sans zéro avant la virgule « {said} » (ISMP)", "écrivez « 0{said} »"),
    ),
    (
        "directions-not-a-number",
        ('has "{said}", which is not a number', "write the amount in figures"),
        ("contient « {said} », qui n'est pas un nombre", "écrivez la quantité en chiffres"),
    ),
    # --- the pharmacy profile ----------------------------------------------------------------
    (
        "profile-not-found",
        (
            "does not exist: labels and records need a pharmacy profile",
            "create one with 'ldncalc config init --name NAME --address LINE --phone PHONE'",
        ),
        (
            "n'existe pas : les étiquettes et les fiches ont besoin d'un profil de pharmacie",
            "créez-en un avec 'ldncalc config init --name NOM --address LIGNE --phone TÉLÉPHONE'",
        ),
    ),
    ("profile-missing", ("does not exist", _PROFILE_FIX[0]), ("n'existe pas", _PROFILE_FIX[1])),
    ("profile-is-folder", ("is a folder", _PROFILE_FIX[0]), ("est un dossier", _PROFILE_FIX[1])),
    (
        "profile-not-a-file",
        ("is not a pharmacy profile file", _PROFILE_FIX[0]),
        ("n'est pas un fichier de profil de pharmacie", _PROFILE_FIX[1]),
    ),
    (
        "label-size-unknown",
        ("is not a label size", "write WIDTHxHEIGHT, e.g. 4x2in"),
        ("n'est pas une taille d'étiquette", "écrivez LARGEURxHAUTEUR, par exemple 4x2in"),
    ),
    (
        "sensitivity-needs-balance",
        ("needs {--balance}", 'add e.g. {--balance "Class A"}'),
        ("exige {--balance}", 'ajoutez par exemple {--balance "Classe A"}'),
    ),
):
    fixed(_code, _english, _french)


def type_of(p: Params, v: Voice) -> str:
    """What a value a library caller gave is: ``an int``, ``None`` (French ``de type int``)."""
    name = p["type"]
    if name is None:
        return "None"
    if v.fr:
        return f"de type {name}"
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


@words("value-not-text")
def _value_not_text(p: Params, v: Voice) -> tuple[str, str]:
    # a number, a list, None… where the option takes text; the fix is the one the option's own
    # refusal gives (``fix_code``), else text as written before fixes had codes
    from ldncalc.locale import _words_of

    fix = _words_of(p["fix_code"])(p, v)[1] if p.get("fix_code") else str(p["fix_text"])
    if v.fr:
        return f"est {type_of(p, v)}, et non du texte", fix
    return f"is {type_of(p, v)}, not text", fix


@words("now-not-datetime")
def _now_not_datetime(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"est {type_of(p, v)}, et non un datetime", "donnez un datetime.datetime"
    return f"is {type_of(p, v)}, not a datetime", "give a datetime.datetime"


@words("expiry-not-list")
def _expiry_not_list(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"est {type_of(p, v)}, et non une liste de textes INGRÉDIENT=AAAA-MM-JJ",
            'donnez une liste, par exemple ["naltrexone=2027-05-31"]',
        )
    return (
        f"is {type_of(p, v)}, not a list of INGREDIENT=YYYY-MM-DD texts",
        'give a list, e.g. ["naltrexone=2027-05-31"]',
    )


@words("expiry-before-compounding")
def _expiry_before_compounding(p: Params, v: Voice) -> tuple[str, str]:
    # the compounding date as typed (ISO 8601): what --date takes
    day = p["compounded"].isoformat()
    if v.fr:
        return (
            f"expire le jour de la préparation ({day}) ou avant",
            "utilisez un lot de cet ingrédient qui n'est pas périmé",
        )
    return (
        f"expires on or before the compounding date {day}",
        "use a lot of that ingredient that has not expired",
    )


@words("text-too-long")
def _text_too_long(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"dépasse {v.n(p['maximum'])} caractères", "raccourcissez-le"
    return f"is longer than {v.n(p['maximum'])} characters", "shorten it"


@words("lot-or-rx-invalid")
def _lot_or_rx_invalid(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            "n'est pas un numéro de lot ou d'ordonnance",
            f"n'utilisez que des lettres, des chiffres et . _ / -, au plus "
            f"{v.n(p['maximum'])} caractères",
        )
    return (
        "is not a lot or Rx number",
        f"use letters, digits and . _ / - only, at most {v.n(p['maximum'])} characters",
    )


def _either(v: Voice, written: Sequence[str]) -> str:
    """``"4,500 mcg" or "4.5 mg"``: what to write, quoted as the label's language writes it."""
    quoted = [f"« {w} »" if v.fr else f'"{w}"' for w in written]
    return f" {'ou' if v.fr else 'or'} ".join(quoted)


@words("directions-amount-in-words")
def _directions_amount_in_words(p: Params, v: Voice) -> tuple[str, str]:
    figures = f": {_either(v, p['written'])}" if p["written"] else ""
    if v.fr:
        figures = figures.replace(":", " :", 1)
        return (
            f"contient « {p['said']} », une quantité en lettres",
            f"écrivez-la en chiffres{figures}",
        )
    return f'has "{p["said"]}", an amount in words', f"write it in figures{figures}"


# the decimal mark the directions used, and the label's language that writes the other one
_MARKS = {
    ".": ("a decimal point", "un point décimal"),
    ",": ("a decimal comma", "une virgule décimale"),
}
_LABELS = {
    "en": ("an English label", "une étiquette en anglais"),
    "fr": ("a French label", "une étiquette en français"),
}


@words("directions-other-notation")
def _directions_other_notation(p: Params, v: Voice) -> tuple[str, str]:
    mark, label = _MARKS[p["mark"]][v.fr], _LABELS[p["label_lang"]][v.fr]
    if v.fr:
        return (
            f"contient « {p['said']} », avec {mark} sur {label}",
            f"écrivez {_either(v, p['written'])}",
        )
    return f'has "{p["said"]}", with {mark} on {label}', f"write {_either(v, p['written'])}"


@words("directions-no-space")
def _directions_no_space(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"contient « {p['said']} » sans espace avant l'unité (ISMP : l'unité peut se lire "
            "comme des chiffres)",
            f"écrivez {_either(v, p['written'])}",
        )
    return (
        f'has "{p["said"]}" with no space before the unit (ISMP: the unit can be misread as '
        "digits)",
        f"write {_either(v, p['written'])}",
    )


@words("directions-no-thousands-separator")
def _directions_no_thousands_separator(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"contient « {p['said']} » sans séparateur de milliers (ISMP : facile à lire dix "
            "fois trop grand ou trop petit)",
            f"écrivez {_either(v, p['written'])}",
        )
    return (
        f'has "{p["said"]}" with no thousands separator (ISMP: easily misread by a factor of ten)',
        f"write {_either(v, p['written'])}",
    )


def _and(v: Voice, said: Sequence[str]) -> str:
    """``"matin" et "soir"``: what directions said, quoted, joined as the language joins."""
    quoted = [f"« {text} »" if v.fr else f'"{text}"' for text in said]
    return f" {'et' if v.fr else 'and'} ".join(
        [", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted
    )


def _unit(v: Voice, quantity: Qty) -> str:
    """The unit of ``quantity`` as it is printed: ``mL``, ``g``."""
    return v.q(quantity).split()[-1]


def dose_is(p: Params, v: Voice) -> str:
    """What one dose is, in its form's own terms (ldncalc.prescriptions._dose_params): "a dose
    of the 1 mg/mL liquid is 4.5 mL (4.5 mg)", "a dose is 1 capsule of 4.5 mg", "a dose of the
    10 mg/g cream is 2 pumps (1 g, 10 mg)", "a dose of the 10 mg/mL sublingual drops is 1 drop
    (0.5 mg)"."""
    from ldncalc.locale.phrases import phrases

    strength, measure, drug = v.q(p["strength"]), v.q(p["measure"]), v.q(p["drug"])
    if p["counted"] is not None and p["measure"] == p["drug"]:  # a capsule of its strength
        one = v.counted(int(p["number"]), p["counted"])
        return f"une dose est {one} de {drug}" if v.fr else f"a dose is {one} of {drug}"
    if p["counted"] is None and p["syringe"]:  # an oral liquid, measured with the syringe
        if v.fr:
            return f"une dose du liquide à {strength} est de {measure} ({drug})"
        return f"a dose of the {strength} liquid is {measure} ({drug})"
    amount = measure if p["counted"] is None else v.counted(int(p["number"]), p["counted"])
    inside = ", ".join([measure, drug] if p["shown"] else [drug])
    if v.fr:
        form = phrases("fr").dosage_forms.get(p["form"], p["form"])
        return f"une dose de {form} à {strength} est de {amount} ({inside})"
    return f"a dose of the {strength} {p['form']} is {amount} ({inside})"


def _measured_in(p: Params, v: Voice) -> str:
    """What a dose is written in: ``capsules``, ``drops``, ``mL``, ``g``."""
    if p["counted"] is None:
        return _unit(v, p["measure"])
    return NOUNS[p["counted"]][v.lang][1]


# how the patient measures a counted dose, after "write the dose in drops"
_COUNTED_WITH = {
    "drop": (", counted with the dropper dispensed", ", comptées avec le compte-gouttes remis"),
    "pump": (" of the pump dispensed", " de la pompe remise"),
}


@words("directions-household-measure")
def _directions_household_measure(p: Params, v: Voice) -> tuple[str, str]:
    # a spoon, a dropperful, or a drop on any form but drops (docs/basis.md §7); the message
    # names the form's own measure: mL and the oral syringe for a liquid (ISMP)
    if p["counted"] is None and p["syringe"]:
        if v.fr:
            return (
                f"emploie « {p['said']} », une mesure ménagère (ISMP : doses orales en mL "
                "seulement)",
                "écrivez la dose en mL, mesurée avec la seringue orale remise",
            )
        return (
            f'uses "{p["said"]}", a household measure (ISMP: oral doses in mL only)',
            "write the dose in mL, measured with the oral syringe dispensed",
        )
    if v.fr:
        problem = f"emploie « {p['said']} », une mesure ménagère (ISMP) : {dose_is(p, v)}"
    else:
        problem = f'uses "{p["said"]}", a household measure (ISMP): {dose_is(p, v)}'
    return problem, _in_the_measure(p, v)


def _in_the_measure(p: Params, v: Voice) -> str:
    """Write the dose in drops, counted with the dropper dispensed, e.g. "…"."""
    with_ = _COUNTED_WITH.get(p["counted"] or "", ("", ""))[v.fr]
    if v.fr:
        return f"écrivez la dose en {_measured_in(p, v)}{with_}, par exemple « {p['example']} »"
    return f'write the dose in {_measured_in(p, v)}{with_}, e.g. "{p["example"]}"'


@words("directions-unmeasured")
def _directions_unmeasured(p: Params, v: Voice) -> tuple[str, str]:
    # the dose's volume on a form whose doses are counted (0.05 mL of drops): the patient has a
    # dropper, not a syringe (docs/basis.md §7)
    if v.fr:
        problem = (
            f"indique « {p['said']} », le volume d'une dose, que le patient ne mesure pas : "
            f"{dose_is(p, v)}"
        )
    else:
        problem = (
            f'says "{p["said"]}", the volume of a dose, which the patient does not measure: '
            f"{dose_is(p, v)}"
        )
    return problem, _in_the_measure(p, v)


@words("directions-no-dose")
def _directions_no_dose(p: Params, v: Voice) -> tuple[str, str]:
    # directions that state no dose ("Take by mouth", "-1"), or state it only in another
    # measure than the patient's ("4.5 mg" of a liquid, "1 g" of a cream given with a pump)
    if p["said"]:
        said, measured = _and(v, p["said"]), _measured_in(p, v)
        problem = (
            f"n'indique la dose que par {said}, et non en {measured}"
            if v.fr
            else f"gives the dose only as {said}, not in {measured}"
        )
    else:
        problem = "n'indique aucune dose" if v.fr else "states no dose"
    if v.fr:
        return (
            f"{problem} : {dose_is(p, v)}",
            f"écrivez le mode d'emploi de cette dose, par exemple « {p['example']} »",
        )
    return (
        f"{problem}: {dose_is(p, v)}",
        f'write the directions for that dose, e.g. "{p["example"]}"',
    )


def _per_day(doses: Decimal, v: Voice) -> str:
    """``2 doses a day``, ``1 dose every 2 days`` (French ``2 doses par jour``, ``1 dose tous
    les 2 jours``)."""
    if doses < 1:
        every = v.n(1 / doses)
        return f"1 dose tous les {every} jours" if v.fr else f"1 dose every {every} days"
    noun = "dose" if doses == 1 else "doses"
    return f"{v.n(doses)} {noun} {'par jour' if v.fr else 'a day'}"


@words("directions-wrong-frequency")
def _directions_wrong_frequency(p: Params, v: Voice) -> tuple[str, str]:
    # a frequency, or the times of the day named, that is not the doses a day calculated
    joined = _and(v, p["said"])
    wanted = _per_day(Decimal(p["doses_per_day"]), v)
    option = v.option("doses_per_day", p["doses_per_day"])
    if v.fr:
        return (
            f"dit {joined} ({_per_day(p['doses_a_day'], v)}), mais le calcul est pour {wanted} "
            f"({option})",
            f"écrivez-le pour {wanted}, par exemple « {p['example']} »",
        )
    return (
        f"says {joined} ({_per_day(p['doses_a_day'], v)}), but the calculation is for {wanted} "
        f"({option})",
        f'write them for {wanted}, e.g. "{p["example"]}"',
    )


@words("length-not-text")
def _length_not_text(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "n'est pas une longueur", "écrivez des pouces ou des mm, par exemple « 4in »"
    return "is not a length", 'write inches or mm, e.g. "4in"'


@words("profile-option-required")
def _profile_option_required(p: Params, v: Voice) -> tuple[str, str]:
    # config init's --name, --address and --phone; the example as typed on a command line
    example = p["example"]
    if v.fr:
        return "est obligatoire", f"écrivez par exemple {example}"
    return "is required", f"write e.g. {example}"


# --- the pharmacy profile (ldncalc/profile.py) -----------------------------------------------

for _code, _english, _french in (
    (
        "profile-field-empty",
        ("is empty", "write the text"),
        ("est vide", "écrivez le texte"),
    ),
    (
        "profile-field-not-text",
        ("is not text", 'write it in quotes: "…"'),
        ("n'est pas du texte", 'écrivez-le entre guillemets : "…"'),
    ),
    # pydantic's own words for the English reader ("Field required")
    (
        "profile-field-missing",
        ("{message}", "add it"),
        ("champ obligatoire manquant", "ajoutez-le"),
    ),
    (
        "profile-field-unknown",
        ("{message}", "remove it, or check its spelling"),
        ("champ inconnu", "retirez-le, ou vérifiez son orthographe"),
    ),
    (
        "profile-not-one-line",
        ("must be one line of printable text", ""),
        ("doit tenir sur une ligne de texte imprimable", ""),
    ),
):
    fixed(_code, _english, _french)

# what a field with a fixed set of values takes: (what it is, the values), in each language
_CHOICES = {
    "lang": (("a label language", "une langue d'étiquette"), ("en", "fr")),
    "paper": (("a record paper size", "un format de papier de fiche"), ("letter", "a4")),
}


@words("profile-choice")
def _profile_choice(p: Params, v: Voice) -> tuple[str, str]:
    what, accepted = _CHOICES[p["field"]]
    if v.fr:
        return f"n'est pas {what[1]}", f"écrivez {' ou '.join(accepted)}"
    return f"is not {what[0]}", f"write {' or '.join(accepted)}"


@words("profile-address-lines")
def _profile_address_lines(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"a {v.n(p['lines'])} lignes", f"donnez de 1 à {v.n(p['maximum'])} lignes"
    return f"has {v.n(p['lines'])} lines", f"give 1 to {v.n(p['maximum'])} lines"


@words("profile-invalid")
def _profile_invalid(p: Params, v: Voice) -> tuple[str, str]:
    # every problem of the profile file, on one line
    problems = " · ".join(problem.render(v.lang, v.surface) for problem in p["problems"])
    if v.fr:
        return problems, "corrigez-le, ou lancez 'ldncalc config init'"
    return problems, "fix it, or run 'ldncalc config init'"


@words("config-sensitivity")
def _config_sensitivity(p: Params, v: Voice) -> tuple[str, str]:
    from ldncalc.locale import render_error

    problem = render_error(p["error"], v)[0]
    return problem, "donnez-la en mg, par exemple 6mg" if v.fr else "give it in mg, e.g. 6mg"


@words("config-label-size")
def _config_label_size(p: Params, v: Voice) -> tuple[str, str]:
    from ldncalc.locale import render_error

    problem = f"{p['side']}: {render_error(p['error'], v)[0]}"
    if v.fr:
        return problem.replace(":", " :", 1), "donnez une taille de 1x0.75in à 8x8in"
    return problem, "give a size from 1x0.75in to 8x8in"


@words("pharmacy-not-a-path")
def _pharmacy_not_a_path(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"est {type_of(p, v)}, et non un chemin", _PROFILE_FIX[1]
    return f"is {type_of(p, v)}, not a path", _PROFILE_FIX[0]


@words("label-stock-out-of-range")
def _label_stock_out_of_range(p: Params, v: Voice) -> tuple[str, str]:
    # a label's width or height, in the unit it was written in; the range in inches
    length = f"{v.n(p['length'])} {p['unit']}"
    bounds = f"{v.n(p['smallest'])} {'à' if v.fr else 'to'} {v.n(p['largest'])} in"
    if v.fr:
        return f"{length} est hors de l'intervalle de {bounds}", ""
    return f"{length} is outside {bounds}", ""


@words("balance-sensitivity-out-of-range")
def _balance_sensitivity_out_of_range(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"{v.q(p['sensitivity'])} est hors de l'intervalle de {v.n(Decimal('0.001'))} mg à "
            "100 mg, celui de la sensibilité d'une balance",
            "",
        )
    return (
        f"{v.q(p['sensitivity'])} is outside 0.001 mg to 100 mg, the range of a balance's "
        "sensitivity",
        "",
    )


@words("shell-size-unknown")
def _shell_size_unknown(p: Params, v: Voice) -> tuple[str, str]:
    # [shell_weights.MATERIAL] names a capsule size the catalog does not have
    known = ", ".join(p["known"])
    if v.fr:
        return (
            f"{p['material']} : la taille « {p['size']} » n'est pas une taille de capsule",
            f"utilisez l'une de {known}",
        )
    return f'{p["material"]} size "{p["size"]}" is not a capsule size', f"use one of {known}"


@words("shell-weight-out-of-range")
def _shell_weight_out_of_range(p: Params, v: Voice) -> tuple[str, str]:
    weight, low, high = v.q(p["weight"]), v.q(p["low"]), v.q(p["high"])
    if v.fr:
        return (
            f"{p['material']}, taille {p['size']} : {weight} est hors de l'intervalle de {low} "
            f"à {high}, le poids d'une capsule dure vide",
            "",
        )
    return (
        f"{p['material']} size {p['size']}: {weight} is outside {low} to {high}, the weight of "
        "one empty hard capsule",
        "",
    )
