"""Words of the command line's usage errors: an option that does not exist, a value or an
argument missing, a command that does not exist; and of an output that could not be written
or a bug (:func:`ldncalc.cli.main`).

click (inside typer) finds these and writes them in English; the command line reads what it
found into a code and its params, and writes it in the reader's language. The English words
are click's own, word for word: the command line checks that they are (any message of click
it does not know, or that a click version words differently, is shown as click wrote it).
"""

from __future__ import annotations

from typing import Any

from ldncalc.locale import Params, TextWords, Voice, words

# key: (English, French)
USAGE: dict[str, tuple[str, str]] = {
    "see-help": ("{message} (see '{command} --help')", "{message} (voir '{command} --help')"),
    # the reason is the system's own words (a full disk)
    "output-failed": (
        "cannot write the output ({reason})",
        "impossible d'écrire la sortie ({reason})",
    ),
    "internal-error": (
        "internal error ({name}: {what}). This is a bug in ldncalc: please report the command "
        "(LDNCALC_DEBUG=1 shows the traceback)",
        "erreur interne ({name}: {what}). C'est un bogue de ldncalc : veuillez signaler la "
        "commande (LDNCALC_DEBUG=1 affiche la trace)",
    ),
}


def usage_say(v: Voice, key: str, **values: Any) -> str:
    """The words ``key`` of :data:`USAGE` in ``v``'s language, filled with ``values``."""
    english, french = USAGE[key]
    return (french if v.fr else english).format(**values)


@words("usage-no-such-option")
def _no_such_option(p: Params, v: Voice) -> str:
    # a misspelt option: the command's options that come close, when click found some
    possible = ", ".join(sorted(p["possibilities"]))
    if v.fr:
        return f"Option inconnue : {p['option']}" + (
            f" (options possibles : {possible})" if possible else ""
        )
    return f"No such option: {p['option']}" + (
        f" (Possible options: {possible})" if possible else ""
    )


@words("usage-missing")
def _missing(p: Params, v: Voice) -> str:
    # an argument (a lot, a folder) or an option that the command needs
    if v.fr:
        kind = "l'argument" if p["kind"] == "argument" else "l'option"
        return f"Il manque {kind} {p['hint']}."
    return f"Missing {p['kind']} {p['hint']}."


@words("usage-not-an-integer")
def _not_an_integer(p: Params, v: Voice) -> str:
    # an option that takes a whole number (log recall --formulation-version)
    if v.fr:
        return f"Valeur non valide pour {p['hint']} : un nombre entier est attendu"
    return (
        f"Invalid value for {p['hint']}: Input should be a valid integer, unable to parse "
        "string as an integer"
    )


# codes whose words are one sentence with names in it: (English, French) templates
_TEMPLATES: dict[str, tuple[str, str]] = {
    # `--target` last on the line, or followed by another option that click took as its value
    "usage-option-needs-value": (
        "Option '{option}' requires an argument.",
        "L'option '{option}' demande une valeur.",
    ),
    # a flag given a value: --json=yes
    "usage-option-takes-no-value": (
        "Option '{option}' does not take a value.",
        "L'option '{option}' ne prend pas de valeur.",
    ),
    # words after the options that no option takes (a value without its option)
    "usage-extra-arguments": (
        "Got unexpected extra argument(s) ({arguments})",
        "Argument(s) en trop ({arguments})",
    ),
    "usage-no-such-command": ("No such command {name!r}.", "Commande inconnue : {name!r}."),
    # a group (ldncalc log) given options but no command
    "usage-missing-command": ("Missing command.", "Commande manquante."),
}


def _template(english: str, french: str) -> TextWords:
    def said(p: Params, v: Voice) -> str:
        return (french if v.fr else english).format(**p)

    return said


for _code, (_english, _french) in _TEMPLATES.items():
    words(_code)(_template(_english, _french))


@words("usage-split-at-space")
def _split_at_space(p: Params, v: Voice) -> tuple[str, str]:
    # --target 4.5 mg: the shell split the amount at the space
    typed = p["typed"]
    if v.fr:
        return (
            "a été coupée en deux à l'espace",
            f'écrivez {typed.replace(" ", "")} ou mettez-la entre guillemets : "{typed}"',
        )
    return (
        "was split in two at the space",
        f'write {typed.replace(" ", "")} or put it in quotes: "{typed}"',
    )
