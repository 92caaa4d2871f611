"""The words of reading files a pharmacy writes: master formulation records, catalogs and
titration protocols (ldncalc/formulations.py, ldncalc/titration/protocols.py), and what
pydantic finds wrong in them or in the pharmacy profile (ldncalc/checks.py
``validation_problem``).

pydantic's own English messages are kept word for word for an English reader; a French reader
reads them by their kind (``missing``, ``string_type``…), with the figures pydantic gives.
"""

from decimal import Decimal

from ldncalc.locale import Params, Voice, render_error, words
from ldncalc.locale._fixed import fixed
from ldncalc.locale.common import catalog_text, kind_name
from ldncalc.locale.prescriptions import type_of

_FOLDER_FIX = ("give a folder of .toml files", "donnez un dossier de fichiers .toml")


def _french_kind(kind: str, c: dict[str, object], v: Voice) -> str | None:
    """pydantic's message of ``kind`` in French, from its context ``c``; None if unknown."""

    def n(name: str) -> str:
        value = c[name]
        return v.n(Decimal(str(value)) if isinstance(value, float) else value)  # type: ignore[arg-type]

    def count(name: str, noun: str) -> str:
        value = c[name]
        return f"{n(name)} {noun}{'s' if isinstance(value, int) and value > 1 else ''}"

    simple = {
        "missing": "champ obligatoire manquant",
        "extra_forbidden": "champ inconnu : il n'est pas permis",
        "string_type": "doit être du texte",
        "int_type": "doit être un nombre entier",
        "int_parsing": "doit être un nombre entier",
        "int_from_float": "doit être un nombre entier",
        "float_type": "doit être un nombre",
        "float_parsing": "doit être un nombre",
        "decimal_type": "doit être un nombre",
        "decimal_parsing": "doit être un nombre",
        "bool_type": "doit être true ou false",
        "bool_parsing": "doit être true ou false",
        "list_type": "doit être une liste",
        "tuple_type": "doit être une liste",
        "dict_type": "doit être une table",
        "model_type": "doit être une table",
        "model_attributes_type": "doit être une table",
        "date_type": "doit être une date (AAAA-MM-JJ)",
        "date_parsing": "doit être une date (AAAA-MM-JJ)",
        "date_from_datetime_parsing": "doit être une date (AAAA-MM-JJ)",
    }
    if kind in simple:
        return simple[kind]
    if kind == "literal_error" and "expected" in c:
        return f"doit être {str(c['expected']).replace(' or ', ' ou ')}"
    if kind == "string_too_short" and "min_length" in c:
        if c["min_length"] == 1:
            return "ne doit pas être vide"
        return f"doit avoir au moins {count('min_length', 'caractère')}"
    if kind == "string_too_long" and "max_length" in c:
        return f"doit avoir au plus {count('max_length', 'caractère')}"
    if kind == "too_short" and "min_length" in c:
        return f"doit avoir au moins {count('min_length', 'élément')}"
    if kind == "too_long" and "max_length" in c:
        return f"doit avoir au plus {count('max_length', 'élément')}"
    comparisons = {
        "greater_than": ("gt", "supérieur à"),
        "greater_than_equal": ("ge", "supérieur ou égal à"),
        "less_than": ("lt", "inférieur à"),
        "less_than_equal": ("le", "inférieur ou égal à"),
    }
    if kind in comparisons and comparisons[kind][0] in c:
        name, words_ = comparisons[kind]
        return f"doit être {words_} {n(name)}"
    return None


@words("validation-message")
def _validation_message(p: Params, v: Voice) -> tuple[str, str]:
    # what pydantic found in a file: English word for word, French by its kind (a message of
    # a kind without French words stays pydantic's, which names the field and the rule)
    if v.fr:
        french = _french_kind(p["kind"], dict(p["context"]), v)
        if french is not None:
            return french, ""
    return str(p["message"]), ""


@words("file-invalid")
def _file_invalid(p: Params, v: Voice) -> tuple[str, str]:
    # every problem of one file: the first, and how many more (`formulations check` lists all)
    problems = p["problems"]
    first = problems[0].render(v.lang, v.surface)
    more = len(problems) - 1
    if not more:
        return first, ""
    if v.fr:
        return f"{first} (et {v.n(more)} {'autre' if more == 1 else 'autres'})", ""
    return f"{first} (and {v.n(more)} more)", ""


for _code, _english, _french in (
    (
        "formulation-not-a-folder",
        ("is not a folder", _FOLDER_FIX[0]),
        ("n'est pas un dossier", _FOLDER_FIX[1]),
    ),
    (
        "folder-unreadable",
        ("cannot be read ({reason})", "give a folder that you can read"),
        ("ne peut pas être lu ({reason})", "donnez un dossier que vous pouvez lire"),
    ),
    (
        "catalog-table-unknown",
        ("is not a catalog table", "use {tables}"),
        ("n'est pas une table de catalogue", "utilisez {tables}"),
    ),
    (
        "catalog-not-tables",
        ("is not a list of tables", "write [[{table}]] above each entry, with two brackets"),
        (
            "n'est pas une liste de tables",
            "écrivez [[{table}]] au-dessus de chaque entrée, avec deux crochets",
        ),
    ),
    (
        "catalog-one-table",
        ("is one table [{table}]", "write [[{table}]] above each entry, with two brackets"),
        (
            "est une seule table [{table}]",
            "écrivez [[{table}]] au-dessus de chaque entrée, avec deux crochets",
        ),
    ),
    (
        "formulation-unknown",
        ("is not a known formulation", "use one of: {known}"),
        ("n'est pas une préparation connue", "utilisez l'une de : {known}"),
    ),
    (
        "formulation-capsule-size-unknown",
        ("is not in the capsule catalog", ""),
        ("ne figure pas dans le catalogue des capsules", ""),
    ),
    (
        "formulation-filler-unknown",
        ("is not in the filler catalog", ""),
        ("ne figure pas dans le catalogue des excipients de remplissage", ""),
    ),
):
    fixed(_code, _english, _french)


@words("formulation-wrong-kind")
def _formulation_wrong_kind(p: Params, v: Voice) -> tuple[str, str]:
    # --formulation naming a record of another dosage form (a cream for ldncalc liquid)
    kind, wanted = kind_name(p["kind"], v), kind_name(p["wanted"], v)
    if v.fr:
        return (
            f"est une préparation de type {kind}",
            f"utilisez une préparation de type {wanted} : {p['ids']}",
        )
    return f"is a {kind} formulation", f"use a {wanted} formulation: {p['ids']}"


@words("formulation-wrong-source")
def _formulation_wrong_source(p: Params, v: Voice) -> tuple[str, str]:
    # --source api with a record made from tablets
    use = v.option("source", p["source"])
    if v.fr:
        return (
            f"ne correspond pas à {p['formulation']} (préparée à partir de {p['source']})",
            f"omettez {v.option('source')} ou utilisez {use}",
        )
    return (
        f"does not match {p['formulation']} (made from {p['source']})",
        f"drop {v.option('source')} or use {use}",
    )


@words("folder-not-text")
def _folder_not_text(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"est {type_of(p, v)}, et non un dossier", _FOLDER_FIX[1]
    return f"is {type_of(p, v)}, not a folder", _FOLDER_FIX[0]


@words("folder-empty-name")
def _folder_empty_name(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "est vide", _FOLDER_FIX[1] + (", ou omettez l'option" if p["optional"] else "")
    return "is empty", _FOLDER_FIX[0] + (", or leave the option out" if p["optional"] else "")


@words("id-given-twice")
def _id_given_twice(p: Params, v: Voice) -> tuple[str, str]:
    # an id (or a catalog entry's name) given twice in one folder: the second would win
    if v.fr:
        where = "deux fois dans ce fichier" if p["first"] is None else f"aussi dans {p['first']}"
        return f"figure {where}", "gardez-en un : un dossier définit chacun une seule fois"
    where = "twice in this file" if p["first"] is None else f"also in {p['first']}"
    return f"is {where}", "keep one of them: a folder defines each once"


@words("formulation-filler-avoided")
def _formulation_filler_avoided(p: Params, v: Voice) -> tuple[str, str]:
    # the catalog's reason to avoid the filler, in the reader's language when it gives it
    if v.fr:
        return f"ne doit pas être employé : {catalog_text(p['avoid'], v)}", ""
    return f"must not be used: {p['avoid']}", ""


@words("formulation-overage-invalid")
def _formulation_overage_invalid(p: Params, v: Voice) -> tuple[str, str]:
    # the record's default overage, refused as --overage would be
    problem, fix = render_error(p["error"], v)
    return (f"{problem}; {fix}" if fix else problem), ""


@words("formulation-translation-missing")
def _formulation_translation_missing(p: Params, v: Voice) -> tuple[str, str]:
    # the first of what a record lacks (`formulations check` lists them all), at its field
    first = p["lacking"][0].render(v.lang, v.surface)
    if v.fr:
        return f"traduction incomplète : {first}", ""
    return first, ""


@words("bud-water-activity-contradicts")
def _bud_water_activity_contradicts(p: Params, v: Voice) -> tuple[str, str]:
    # USP <795>: a water activity of 0.6 or more is an aqueous preparation (docs/basis.md §5)
    aw, limit = v.n(p["water_activity"]), v.n(p["limit"])
    if v.fr:
        kind = "une catégorie aqueuse" if p["aqueous"] else "une catégorie non aqueuse"
        return (
            f"category « {p['category']} » contredit water_activity {aw} : l'USP <795> "
            f"compte {limit} ou plus comme aqueux",
            f"utilisez {kind}",
        )
    kind = "an aqueous" if p["aqueous"] else "a nonaqueous"
    return (
        f'category "{p["category"]}" contradicts water_activity {aw}: USP <795> counts '
        f"{limit} or more as aqueous",
        f"use {kind} category",
    )


@words("bud-above-usp-795")
def _bud_above_usp_795(p: Params, v: Voice) -> tuple[str, str]:
    # a BUD beyond USP <795>'s for its category needs a study of this preparation
    days, maximum = v.counted(p["days"], "day"), v.counted(p["maximum"], "day")
    if v.fr:
        return (
            f"{days} dépasse le maximum de l'USP <795>, {maximum}, pour {p['category']}",
            "citez une étude propre à la préparation dans bud.evidence",
        )
    return (
        f"{days} exceeds the USP <795> maximum of {maximum} for {p['category']}",
        "cite a preparation-specific study in bud.evidence",
    )


@words("bud-must-refrigerate")
def _bud_must_refrigerate(p: Params, v: Voice) -> tuple[str, str]:
    # USP <795>: an aqueous preparation without a preservative is kept in the refrigerator
    if v.fr:
        return f"les préparations {p['category']} doivent être conservées au réfrigérateur", ""
    return f"{p['category']} preparations must be stored: refrigerate", ""


@words("translation-missing")
def _translation_missing(p: Params, v: Voice) -> tuple[str, str]:
    # a language, or a field of it, that the record's `languages` declares but does not give
    if v.fr:
        return f"manquant (languages déclare {p['lang']!r})", ""
    return f"missing (languages declares {p['lang']!r})", ""


@words("translation-lines")
def _translation_lines(p: Params, v: Voice) -> tuple[str, str]:
    # a list (method, quality checks) translated line for line: a line missing or split
    if v.fr:
        lines = f"{v.n(p['lines'])} ligne{'s' if p['lines'] > 1 else ''}"
        return f"a {lines}, l'anglais {v.n(p['english'])}", ""
    return f"has {p['lines']} lines, the English {p['english']}", ""


@words("translation-name-missing")
def _translation_name_missing(p: Params, v: Voice) -> tuple[str, str]:
    # an ingredient's name (or its function) that the language's table does not translate
    if v.fr:
        return f"manque « {p['name']} »", ""
    return f'missing "{p["name"]}"', ""


@words("translation-number")
def _translation_number(p: Params, v: Voice) -> tuple[str, str]:
    # a number of a protocol's English name that its translation writes otherwise than the
    # one formatter does in that language (1.5 is 1,5 in French)
    if v.fr:
        return f"n'écrit pas {p['english']} comme « {p['written']} »", f"écrivez {p['written']}"
    return f'does not write {p["english"]} as "{p["written"]}"', f"write {p['written']}"


# --- reading a TOML file (ldncalc/toml_files.py) -----------------------------------------------

fixed(
    "toml-unreadable",
    ("cannot be read ({reason})", ""),
    ("ne peut pas être lu ({reason})", ""),
)

_NOT_REGULAR = {
    "folder": ("a folder", "un dossier"),
    "fifo": ("a FIFO", "un tube nommé (FIFO)"),
    "device": ("a device", "un périphérique"),
    "socket": ("a socket", "un socket"),
    "other": ("not a file", "autre chose qu'un fichier"),
}


@words("toml-not-regular")
def _toml_not_regular(p: Params, v: Voice) -> tuple[str, str]:
    # a FIFO or a device is refused at once, never waited on or read without end
    what = _NOT_REGULAR[p["kind"]][v.fr]
    if v.fr:
        return (
            f"n'est pas un fichier ordinaire (c'est {what})",
            "utilisez un fichier .toml ordinaire",
        )
    return f"is not a regular file (it is {what})", "use a regular .toml file"


@words("toml-too-large")
def _toml_too_large(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"dépasse {v.n(p['maximum'])} octets : aucune fiche, aucun catalogue, protocole ou "
            "profil n'est aussi grand",
            "vérifiez que c'est bien le fichier voulu",
        )
    return (
        f"is larger than {v.n(p['maximum'])} bytes: no record, catalog, protocol or profile is "
        "that large",
        "check that it is the file meant",
    )


@words("toml-not-utf8")
def _toml_not_utf8(p: Params, v: Voice) -> tuple[str, str]:
    # the first byte that is not UTF-8 and its line; none: a UTF-16 byte order mark
    if v.fr:
        where = (
            "il semble être en UTF-16"
            if p["byte"] is None
            else f"octet {p['byte']} à la ligne {v.n(p['line'])}"
        )
        return f"n'est pas du texte UTF-8 ({where})", "enregistrez-le en UTF-8"
    where = "it looks like UTF-16" if p["byte"] is None else f"byte {p['byte']} on line {p['line']}"
    return f"is not UTF-8 text ({where})", "save it as UTF-8"


@words("toml-invalid")
def _toml_invalid(p: Params, v: Voice) -> tuple[str, str]:
    # the TOML parser's own reason (English, with its line and column), or what it cannot take
    if p["reason"] is not None:
        why = p["reason"]
    elif p["digits"] is not None:
        why = (
            f"un nombre de plus de {v.n(p['digits'])} chiffres"
            if v.fr
            else f"a number of more than {v.n(p['digits'])} digits"
        )
    else:
        why = "imbrication trop profonde" if v.fr else "nested too deep"
    return (f"n'est pas du TOML valide ({why})" if v.fr else f"is not valid TOML ({why})"), ""


# --- a record's own checks (ldncalc/formulations.py) and a text field's (ldncalc/checks.py) ----

for _code, _english, _french in (
    (
        "formulation-excipient-amount",
        ("an excipient needs exactly one of mass or volume", ""),
        ("un excipient exige soit mass, soit volume, et un seul des deux", ""),
    ),
    (
        "formulation-amount-calculated",
        ("the {role}'s amount is calculated", "remove mass/volume"),
        ("la quantité de l'ingrédient de rôle {role} est calculée", "retirez mass/volume"),
    ),
    (
        "formulation-qs-role",
        ("qs = true is for the vehicle or filler, and only for them", ""),
        ("qs = true est réservé au véhicule et à l'excipient de remplissage", ""),
    ),
    (
        "concentration-default-outside",
        ("default must lie between minimum and maximum", ""),
        ("default doit se situer entre minimum et maximum", ""),
    ),
    (
        "concentration-listed-outside",
        ("every listed concentration must lie between minimum and maximum", ""),
        ("chaque concentration de listed doit se situer entre minimum et maximum", ""),
    ),
    (
        "concentration-default-unlisted",
        ("default must be one of the listed concentrations", ""),
        ("default doit être l'une des concentrations de listed", ""),
    ),
    (
        "formulation-one-active",
        ("needs exactly one ingredient with role = active", ""),
        ("exige exactement un ingrédient de role = active", ""),
    ),
    (
        "formulation-tablet-strength-needed",
        ("source = tablets needs tablet_strength", ""),
        ("source = tablets exige tablet_strength", ""),
    ),
    (
        "formulation-liquid-needs-concentration",
        ("a liquid needs [concentration] and per", ""),
        ("un liquide exige [concentration] et per", ""),
    ),
    (
        "formulation-liquid-from-tablets",
        (
            "liquids are made from tablets (source = tablets); from API powder, "
            'kind = "liquid-api" and source = "api"',
            "",
        ),
        (
            "les liquides se préparent à partir de comprimés (source = tablets); à partir de "
            'poudre d\'API, kind = "liquid-api" et source = "api"',
            "",
        ),
    ),
    (
        "formulation-concentration-above-limit",
        ("concentration.maximum is above limits.concentration_maximum", ""),
        ("concentration.maximum dépasse limits.concentration_maximum", ""),
    ),
    (
        "formulation-capsule-needs-defaults",
        ("a capsule record needs [capsule] with size and filler", ""),
        ("une fiche de capsules exige [capsule] avec size et filler", ""),
    ),
    (
        "bud-category-capsule",
        (
            'bud.category "{category}" does not fit a capsule: USP <795> dates capsules as '
            "nonaqueous solids",
            'use category = "nonaqueous-solid"',
        ),
        (
            "bud.category « {category} » ne convient pas à une capsule : l'USP <795> date les "
            "capsules comme des solides non aqueux",
            'utilisez category = "nonaqueous-solid"',
        ),
    ),
    (
        "bud-category-liquid",
        (
            'bud.category "nonaqueous-solid" does not fit a liquid: use "aqueous-nonpreserved" '
            'or "aqueous-preserved", or "nonaqueous-liquid" with the measured '
            "bud.water_activity below 0.6 (USP <795>)",
            "",
        ),
        (
            "bud.category « nonaqueous-solid » ne convient pas à un liquide : utilisez "
            '"aqueous-nonpreserved" ou "aqueous-preserved", ou "nonaqueous-liquid" avec la '
            "bud.water_activity mesurée sous 0,6 (USP <795>)",
            "",
        ),
    ),
    (
        "bud-water-activity-needed",
        (
            'bud.category "nonaqueous-liquid" needs the liquid\'s measured water activity: '
            "give bud.water_activity, below 0.6 (USP <795>)",
            "",
        ),
        (
            "bud.category « nonaqueous-liquid » exige l'activité de l'eau mesurée du liquide : "
            "donnez bud.water_activity, sous 0,6 (USP <795>)",
            "",
        ),
    ),
    (
        "text-control-characters-plain",
        (
            "holds control characters (a line break, a terminal escape code or a bidirectional "
            "override?)",
            "write plain text on one line",
        ),
        (
            "contient des caractères de contrôle (un saut de ligne, une séquence d'échappement "
            "de terminal ou un forçage bidirectionnel?)",
            "écrivez du texte simple sur une ligne",
        ),
    ),
):
    fixed(_code, _english, _french)


@words("formulation-tablet-strength-outside")
def _formulation_tablet_strength_outside(p: Params, v: Voice) -> tuple[str, str]:
    strength, low, high = v.q(p["strength"]), v.q(p["low"]), v.q(p["high"])
    if v.fr:
        return (
            f"tablet_strength {strength} est hors de l'intervalle de {low} à {high}, les "
            "teneurs des comprimés de chlorhydrate de naltrexone",
            "",
        )
    return (
        f"tablet_strength {strength} is outside {low} to {high}, the strengths naltrexone HCl "
        "tablets are made in",
        "",
    )


@words("validation-field-error")
def _validation_field_error(p: Params, v: Voice) -> tuple[str, str]:
    # a field's own refusal (a quantity's), which names the field: "step: "0mg" is zero…"
    return p["error"].render(v.lang, v.surface), ""
