"""Words shared by every area: text a person wrote in a formulation record."""

import functools

from ldncalc.locale import Params, Voice, words
from ldncalc.messages import Message


@words("record-text")
def _record_text(p: Params, v: Voice) -> str:
    # a record's own text: the reader's language if the record gives it, else its English
    # (ldncalc formulations check reports what a record's declared languages lack)
    translated = p.get(v.lang)
    return str(translated) if translated else str(p["en"])


@functools.cache
def builtin_catalog_texts() -> dict[str, Message]:
    """The built-in catalog's text, by its English, in every language it gives."""
    from ldncalc.catalogs import catalog_texts  # only a French reader needs the catalog
    from ldncalc.formulations import builtin_folder, read_catalog

    return catalog_texts(read_catalog([builtin_folder()]))


def catalog_text(text: str, v: Voice) -> str:
    """A reference catalog's text (a filler's or API form's name, caution, reason to avoid),
    written in English in results, in the reader's language as the built-in catalog gives it."""
    if not v.fr:
        return text
    found = builtin_catalog_texts().get(text)
    return text if found is None else _record_text(found.params, v)


# French elides "de" before a vowel or a mute h (d'acide, d'eau, d'huile); ldncalc's names
# hold no aspirated h.
_ELIDED = frozenset("aàâäeéèêëiîïoôöuùûüh")


def de(name: str) -> str:
    """French "de" and an ingredient's name in running text: ``d'acide hyaluronique``, ``de
    poudre de naltrexone HCl``. The name's first word, a common noun capitalised as a name
    starts, is lowercased; a brand or a symbol (XemaTop, HCl) is kept as it is written."""
    first = name.split(" ", 1)[0]
    if first[1:] == first[1:].lower() and first[1:2].isalpha():
        name = name[0].lower() + name[1:]
    return f"d'{name}" if name[:1].lower() in _ELIDED else f"de {name}"


def times_a_day(per_day: int, v: Voice) -> str:
    """``at bedtime``, ``twice a day``: the label's words for doses a day (never HS or QHS)."""
    from ldncalc.locale.phrases import phrases

    table = phrases(v.lang)
    return table.times_a_day.get(per_day, table.times_a_day_n.format(n=v.n(per_day)))
