"""Refusals whose words are fixed sentences with a few names in them, registered from a table.

Each language's (problem, fix) is a template: ``{name}`` is the parameter ``name`` as it is (a
lot number, an ingredient's name, a file), ``{--option}`` or ``{--option VALUE}`` an input as
the reader's surface names it (the CLI's ``--lot``, ``--reject "REASON"``; the library's
``lot=``, ``reject="REASON"``). Numbers and quantities are not in templates: a message that
shows one has its own function, and writes it through the voice.
"""

from __future__ import annotations

from typing import Any

from ldncalc.locale import Params, Voice, words


class _Fill(dict[str, Any]):
    """The values a template is filled from: ``params``, and inputs named for ``voice``."""

    def __init__(self, params: Params, voice: Voice) -> None:
        super().__init__(params)
        self.voice = voice

    def __missing__(self, key: str) -> str:
        if not key.startswith("--"):
            raise KeyError(key)
        if self.voice.surface == "cli":
            return key  # as a person types it
        name, _, value = key.partition(" ")
        parameter = name[2:].replace("-", "_")
        if not value:
            return f"{parameter}="
        quoted = value.startswith('"') or value.isdigit()
        return f"{parameter}={value if quoted else chr(34) + value + chr(34)}"


def fill(template: str, params: Params, voice: Voice) -> str:
    """``template`` with its names and inputs filled in for ``voice``."""
    return template.format_map(_Fill(params, voice))


def fixed(code: str, english: tuple[str, str], french: tuple[str, str]) -> None:
    """Register ``code``'s (problem, fix) templates in English and French."""

    @words(code)
    def _(p: Params, v: Voice) -> tuple[str, str]:
        problem, fix = french if v.fr else english
        return fill(problem, p, v), fill(fix, p, v)
