"""The words of the auxiliary labels: a formulation record names them in English ("Shake
well"); the label, the record, the screens and the calendar print them in the reader's
language (French after the Office québécois de la langue française).

Kept apart from :mod:`ldncalc.locale.phrases` (every fixed phrase of a label and a record, some
6 ms to import) so that the bench screen, which prints them, does not import the label's words.
"""

AUXILIARY: dict[str, dict[str, str]] = {
    "en": {},  # as the record writes them
    "fr": {
        "Shake well": "Bien agiter",
        "Refrigerate": "Garder au réfrigérateur",
        "Protect from light": "Protéger de la lumière",
        "Note strength": "Noter la teneur",
        "Do not freeze": "Ne pas congeler",
        "Keep out of reach of children": "Garder hors de la portée des enfants",
    },
}


# Where a patient's document has room (the dose calendar), a label said unambiguously: the
# label's "Noter la teneur" (its width fits the 4 × 2 in label) could read as a pharmacist's
# "write the strength down"; "Note strength" asks the patient to check the strength.
IN_FULL: dict[str, dict[str, str]] = {
    "en": {},
    "fr": {"Note strength": "Vérifier la teneur"},
}


def auxiliary_label(text: str, lang: str) -> str:
    """An auxiliary label in ``lang``: its translation, else as the record writes it."""
    return AUXILIARY[lang].get(text, text)


def auxiliary_in_full(text: str, lang: str) -> str:
    """An auxiliary label as a patient's document with room for it says it."""
    return IN_FULL[lang].get(text) or auxiliary_label(text, lang)
