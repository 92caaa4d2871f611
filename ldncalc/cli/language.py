"""The language of everything one command prints: its screen, its ``--json`` text and its
refusal line (``--lang en|fr``; the pharmacy profile's language when a profile is in use;
else English).

Chosen once, as the command starts reading its options, and read by the one place that prints
refusals (:func:`ldncalc.cli.main`) as well as by the renderers."""

from __future__ import annotations

from ldncalc.locale import Lang, Voice

_chosen: list[Lang] = ["en"]


def choose(lang: str | None, default: str | None = None) -> Lang:
    """Set the language from ``--lang`` as typed (refused unless en or fr), else ``default``
    (the profile's); return it."""
    if lang is not None:
        from ldncalc.prescriptions import read_lang

        _chosen[0] = read_lang(lang)
    elif default in ("en", "fr"):
        _chosen[0] = "fr" if default == "fr" else "en"
    return _chosen[0]


def chosen() -> Lang:
    """The language chosen for this command (English until one is)."""
    return _chosen[0]


def reset() -> None:
    """Back to English, for the next command run in the same process."""
    _chosen[0] = "en"


def voice() -> Voice:
    """The command line's voice in the chosen language."""
    return Voice(chosen(), "cli")


def json_context() -> dict[str, str]:
    """The pydantic serialization context of ``--json``: each record's text in the chosen
    language, inputs named as the command line names them."""
    return {"lang": chosen(), "surface": "cli"}
