"""Words of batch orders (:mod:`ldncalc.batch`, ``ldncalc batch``)."""

from ldncalc.locale import Params, Voice, words


def _either(v: Voice, items: tuple[str, ...]) -> str:
    """``liquid, capsule, drops or cream``."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])}{' ou ' if v.fr else ' or '}{items[-1]}"


@words("batch-orders")
def _batch_orders(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "est obligatoire", (
            "donnez le fichier de commandes, par exemple ldncalc batch commandes.csv --out "
            "aujourdhui/ (ldncalc batch --template commandes.csv en écrit un exemple)"
        )
    return "is required", (
        "give the orders file, e.g. ldncalc batch orders.csv --out today/ "
        "(ldncalc batch --template orders.csv writes an example)"
    )


@words("batch-file")
def _batch_file(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            "n'est pas un fichier de commandes lisible par son nom",
            "donnez un fichier .csv, .jsonl ou .json (un Bundle FHIR)",
        )
    return "is not an orders file by its name", "give a .csv, .jsonl or .json (FHIR Bundle) file"


@words("batch-unreadable")
def _batch_unreadable(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"ne peut pas être lu ({p['reason']})", "vérifiez le chemin et l'encodage (UTF-8)"
    return f"cannot be read ({p['reason']})", "check the path and that it is UTF-8 text"


@words("batch-cells")
def _batch_cells(p: Params, v: Voice) -> tuple[str, str]:
    columns = v.n(p["count"])
    if v.fr:
        return f"a plus de cellules que l'en-tête n'a de colonnes ({columns})", (
            "retirez les cellules en trop ou mettez entre guillemets un texte qui contient "
            "une virgule"
        )
    return f"has more cells than the header has columns ({columns})", (
        "remove the extra cells, or quote a text that holds a comma"
    )


@words("batch-json")
def _batch_json(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"n'est pas un objet JSON ({p['reason']})", (
            'écrivez une commande par ligne, par exemple {"kind": "liquid", "target": "4.5mg"}'
        )
    return f"is not a JSON object ({p['reason']})", (
        'write one order a line, e.g. {"kind": "liquid", "target": "4.5mg"}'
    )


@words("batch-kind")
def _batch_kind(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "n'est pas une préparation connue", f"écrivez {_either(v, p['kinds'])}"
    return "is not a preparation ldncalc makes", f"write {_either(v, p['kinds'])}"


@words("batch-column")
def _batch_column(p: Params, v: Voice) -> tuple[str, str]:
    command = f"ldncalc {p['kind']} --help"
    if v.fr:
        return (
            f"n'est pas une option d'une commande {p['kind']}",
            f"nommez la colonne comme une option de « {command} », ou retirez-la",
        )
    return (
        f"is not an option of a {p['kind']} order",
        f"name the column as an option of '{command}', or leave it out",
    )


@words("batch-out")
def _batch_out(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return "n'est pas un dossier existant", "créez le dossier d'abord"
    return "is not a folder that exists", "create the folder first"


@words("batch-exists")
def _batch_exists(p: Params, v: Voice) -> tuple[str, str]:
    # an order's folder holds a label and a record: legal records, never replaced
    if v.fr:
        return "existe déjà (une commande déjà préparée)", "choisissez un autre dossier de sortie"
    return "already exists (an order already prepared)", "give another output folder"


@words("batch-unwritable")
def _batch_unwritable(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return f"ne peut pas recevoir de fichier ({p['reason']})", "vérifiez le dossier"
    return f"cannot be written in ({p['reason']})", "check the folder"


@words("batch-fhir")
def _batch_fhir(p: Params, v: Voice) -> tuple[str, str]:
    what = p["what"]
    if v.fr:
        return f"ne se lit pas comme une commande ({what})", (
            "donnez la dose en mg (doseQuantity) ou la Medication et sa concentration"
        )
    return f"cannot be read as an order ({what})", (
        "give the dose in mg (doseQuantity), or the Medication with its strength"
    )


@words("batch-fhir-form")
def _batch_fhir_form(p: Params, v: Voice) -> tuple[str, str]:
    kind = p["kind"]
    if v.fr:
        form = "des gouttes sublinguales" if kind == "drops" else "une crème"
        return (
            f"désigne {form}, et les commandes FHIR ne sont lues que pour les liquides oraux "
            "et les capsules",
            f"donnez-la dans un fichier de commandes CSV ou JSON Lines, kind {kind}",
        )
    form = "sublingual drops" if kind == "drops" else "a cream"
    return (
        f"names {form}, and FHIR orders are read for oral liquids and capsules only",
        f"give it in a CSV or JSON Lines orders file, kind {kind}",
    )


# the screen of `ldncalc batch`
SCREEN = {
    "heads": ("LINE|STATUS|KIND|RX|LOT|BUD|PROBLEM", "LIGNE|ÉTAT|TYPE|RX|LOT|DLU|PROBLÈME"),
    "issued": ("issued", "émise"),
    "calculated": ("calculated", "calculée"),
    "checked": ("checked", "vérifiée"),
    "failed": ("failed", "refusée"),
    "done": (
        "{ok} of {total} orders done; {failed} failed",
        "commandes traitées : {ok} sur {total}; refusées : {failed}",  # no agreement with 1
    ),
    "summary": ("summary written: {path}", "résumé écrit : {path}"),
    "progress": ("Orders", "Commandes"),
    "template": ("example orders written: {path}", "exemple de commandes écrit : {path}"),
}


def batch_say(v: Voice, key: str, **values: object) -> str:
    english, french = SCREEN[key]
    return (french if v.fr else english).format(**values)
