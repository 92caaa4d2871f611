"""Words of issuing a lot's documents (:mod:`ldncalc.issuing`): standard output as a file."""

from ldncalc.locale import Params, Voice, words

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
