"""Words of issuing a lot's documents (:mod:`ldncalc.issuing`): standard output as a file,
and what the command line says on stderr once they are written."""

from typing import Any

from ldncalc.locale import Params, Voice, words

# key: (English, French); the document kinds of ldncalc.issuing as a person reads them
ISSUED: dict[str, tuple[str, str]] = {
    "written": ("{document} written: {where} (lot {lot})", "{document} : {where} (lot {lot})"),
    "label": ("label", "étiquette écrite"),
    "record": ("record", "fiche de préparation écrite"),
    "leaflet": ("leaflet", "feuillet d'information écrit"),
    "stdout": ("standard output", "sortie standard"),
    "registered": ("lot {lot} registered in {log}", "lot {lot} inscrit au registre : {log}"),
    "warning": ("WARNING: {warning}", "AVERTISSEMENT : {warning}"),
}


def issued(v: Voice, key: str, **values: Any) -> str:
    """The words ``key`` of :data:`ISSUED` in ``v``'s language, filled with ``values``."""
    english, french = ISSUED[key]
    return (french if v.fr else english).format(**values)


_DOCUMENT = {
    "label": {"en": "the label", "fr": "l'étiquette"},
    "record": {"en": "the record", "fr": "la fiche de préparation"},
}


@words("stdout-taken")
def _stdout_taken(p: Params, v: Voice) -> tuple[str, str]:
    # two documents cannot share standard output: a printer queue would get both
    document = _DOCUMENT[p["kind"]][v.lang]
    if v.fr:
        return (
            f"est la sortie standard, où {v.option(p['other'])} écrit déjà",
            f"donnez un nom de fichier à {document}",
        )
    return (
        f"is standard output, which {v.option(p['other'])} already writes to",
        f"give {document} a file name",
    )


@words("stdout-unwritable")
def _stdout_unwritable(p: Params, v: Voice) -> tuple[str, str]:
    if v.fr:
        return (
            f"ne peut pas être écrit sur la sortie standard ({p['reason']})",
            "vérifiez la commande qui la reçoit",
        )
    return (
        f"cannot be written to standard output ({p['reason']})",
        "check the command it is piped to",
    )


@words("stdout-terminal")
def _stdout_terminal(p: Params, v: Voice) -> tuple[str, str]:
    # a PDF's bytes on a terminal are unreadable and can garble it
    if v.fr:
        return (
            "écrirait un PDF dans le terminal",
            "dirigez la sortie vers une commande (| lp) ou un fichier (> etiquette.pdf)",
        )
    return (
        "would print a PDF on the terminal",
        "pipe it to a command (| lp) or redirect it to a file (> label.pdf)",
    )
