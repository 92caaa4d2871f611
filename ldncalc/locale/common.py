"""Words shared by every area: text a person wrote in a formulation record."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldncalc.locale import Params, Voice, words
from ldncalc.messages import Message

if TYPE_CHECKING:
    pass


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


@functools.lru_cache(maxsize=16)
def record_texts(path: str) -> dict[str, Message]:
    """The text of the formulation record at ``path``, by its English, as records carrying
    every language the record gives (its own text, ingredients and their functions, then the
    built-in catalog's: the API form and filler weighed); nothing when the file cannot be read
    any more."""
    from ldncalc.errors import LdnCalcError
    from ldncalc.formulations import TRANSLATED, read_formulation  # only a record needs it

    if not path:
        return {}
    try:
        record = read_formulation(Path(path))
    except LdnCalcError:
        return {}
    found: dict[str, Message] = {}
    for field in TRANSLATED:
        for text in record.texts(field):
            found.setdefault(text.params["en"], text)
    for ingredient in record.ingredients:
        found.setdefault(ingredient.name, record.ingredient_text(ingredient.name))
        if ingredient.function:
            found.setdefault(ingredient.function, record.function_text(ingredient.function))
    for english, text in builtin_catalog_texts().items():
        found.setdefault(english, text)
    return found


def recorded(text: str, path: str, v: Voice) -> str:
    """``text`` (an ingredient's name, the API form) in ``v``'s language as the formulation
    record at ``path`` gives it, else the built-in catalog; as written when neither does."""
    if not v.fr:
        return text
    found = record_texts(path).get(text)
    return text if found is None else _record_text(found.params, v)


@functools.lru_cache(maxsize=16)
def _formulation(path: str) -> Any:
    from ldncalc.errors import LdnCalcError
    from ldncalc.formulations import read_formulation

    try:
        return read_formulation(Path(path)) if path else None
    except LdnCalcError:
        return None


def ingredient_name(name: str, path: str, v: Voice) -> str:
    """An ingredient's name as the bench screen writes it in ``v``'s language: as the
    formulation record at ``path`` translates it, else as the built-in catalog does (the API
    form or filler a capsule batch weighs)."""
    return ingredient_in(name, _formulation(path) if v.fr else None, v)


def ingredient_in(name: str, record: Any, v: Voice) -> str:
    """An ingredient's name in ``v``'s language as ``record`` (a formulation record, or
    ``None``) translates it, else as the built-in catalog does."""
    if not v.fr:
        return name
    if record is not None and record.fr is not None and name in record.fr.ingredients:
        return _record_text(record.ingredient_text(name).params, v)
    return catalog_text(name, v)


@words("record-word")
def _record_word(p: Params, v: Voice) -> str:
    # text of the formulation record at ``path`` (or of the catalog), in the reader's language
    return recorded(str(p["text"]), str(p["path"]), v)


def catalog_text(text: str, v: Voice) -> str:
    """A reference catalog's text (a filler's or API form's name, caution, reason to avoid),
    written in English in results, in the reader's language as the built-in catalog gives it."""
    if not v.fr:
        return text
    found = builtin_catalog_texts().get(text)
    return text if found is None else _record_text(found.params, v)


def record_name(value: object, v: Voice) -> str:
    """An ingredient's name as a record gives it (a ``record-text`` message, or its JSON read
    back), in the reader's language; a bare name as the built-in catalog translates it."""
    if isinstance(value, Message):
        return value.text(v.lang, v.surface)
    if isinstance(value, Mapping) and isinstance(value.get("params"), Mapping):
        return _record_text(value["params"], v)
    return catalog_text(str(value), v)


# A record's kind (its ``kind`` key) in words: French says what the preparation is
KINDS: dict[str, tuple[str, str]] = {
    "liquid": ("liquid", "liquide"),
    "liquid-api": ("liquid-api", "liquide (substance active en poudre)"),
    "capsule": ("capsule", "capsules"),
    "drops": ("drops", "gouttes"),
    "cream": ("cream", "crème"),
}


# What a record is made from (its ``source`` key), in words
SOURCES: dict[str, tuple[str, str]] = {
    "api": ("api", "poudre"),
    "tablets": ("tablets", "comprimés"),
}


def kind_name(kind: str, v: Voice) -> str:
    """A record's kind as the reader reads it: the key itself in English (``liquid-api``),
    the French word in French (``crème``); a kind not known here as it is written."""
    english, french = KINDS.get(kind, (kind, kind))
    return french if v.fr else english


def source_name(source: str, v: Voice) -> str:
    """What a record is made from, as :func:`kind_name` says its kind (``api``; ``poudre``)."""
    english, french = SOURCES.get(source, (source, source))
    return french if v.fr else english


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
