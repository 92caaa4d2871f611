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


def auxiliary_label(text: str, lang: str) -> str:
    """An auxiliary label in ``lang``: its translation, else as the record writes it."""
    return AUXILIARY[lang].get(text, text)
