"""Words of ``ldncalc formulations check`` (:mod:`ldncalc.formulations_check`): its report, a
line a file, in English and French (Canada)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ldncalc.locale import Voice, render_error
from ldncalc.locale.common import SOURCES, kind_name, source_name

if TYPE_CHECKING:
    from ldncalc.errors import LdnCalcError
    from ldncalc.formulations_check import CheckReport

# key: (English, French); the two states padded to one width in each language
CHECK: dict[str, tuple[str, str]] = {
    "ok": ("ok      {name}: {described}", "valide   {name} : {described}"),
    "invalid": ("INVALID {name}: {problem}", "INVALIDE {name} : {problem}"),
    "invalid-folder": ("INVALID {problem}", "INVALIDE {problem}"),
    "count": (
        "ok      {count} formulations in effect with this folder",
        "valide   {count} en vigueur avec ce dossier",
    ),
}


def _say(v: Voice, key: str, **values: object) -> str:
    english, french = CHECK[key]
    return (french if v.fr else english).format(**values)


def check_lines(report: CheckReport, v: Voice) -> list[str]:
    """The report of ``formulations check`` in ``v``'s language: a line a valid file, a line
    each problem of an invalid one, and the formulations in effect if every file is valid."""
    lines = []
    for line in report.lines:
        if line.in_effect is not None:
            count = line.in_effect
            # French: the singular for 0 and 1; English as it has always written it, bare
            shown = f"{v.n(count)} formulation{'s' if count > 1 else ''}" if v.fr else f"{count}"
            lines.append(_say(v, "count", count=shown))
        elif line.error is None:
            assert line.described is not None  # a valid file says what it holds
            found, holds = line.described
            words = ", ".join(source_name(w, v) if w in SOURCES else kind_name(w, v) for w in holds)
            lines.append(_say(v, "ok", name=line.name, described=f"{found} ({words})"))
        elif not line.name:  # the folder's catalog, read whole
            lines.append(_say(v, "invalid-folder", problem=line.error.render(v.lang)))
        else:
            lines += [
                _say(v, "invalid", name=line.name, problem=p) for p in problems(line.error, v)
            ]
    return lines


def problems(error: LdnCalcError, v: Voice) -> list[str]:
    """Every problem of a file's ``error``, a line each, each at its field."""
    nested = error.params.get("problems") or error.params.get("lacking")
    if isinstance(nested, tuple) and nested:  # a file's problems, or a record's translations
        return [problem.render(v.lang) for problem in nested]
    problem = render_error(error, v)[0]
    if getattr(error, "problems", ()):  # one field of a record: `capsule.size: "00" ...`
        field = error.parameter.rpartition(": ")[2]
        return [f'{field}: "{error.value}" {problem}']
    return [problem]
