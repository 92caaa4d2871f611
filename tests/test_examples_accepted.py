"""Non-negotiable 4: every example a refusal gives is itself accepted.

A refusal of a value it cannot read ends with an example ("write e.g. 4.5mg"), taken from the
:class:`~ldncalc.units.Kind` of the option. The s5 review found examples the same option then
refused: drops ``--drop-volume`` said ``e.g. 100mL`` (a drop is 0.02 to 0.1 mL), ``--target``
``e.g. 4.5mg`` (90 mg/mL in a drop) and ``--concentration`` ``e.g. 1mg/mL`` (10 drops a dose).
Here EVERY option of every calculating command is given "abc"; where the refusal names that
option and gives an example, the same command is run again with the example, and must not
be refused for that option.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from ldncalc.cli import app, main

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

# each command (and liquid's second source) with the inputs it needs; an option given here is
# replaced by the one tried
COMMANDS = {
    "liquid": "liquid --target 4.5mg",
    "liquid --source api": "liquid --target 4.5mg --source api",
    "capsule": "capsule --strength 4.5mg --quantity 30",
    "capsule --source tablets": (
        "capsule --strength 1.5mg --quantity 60 --source tablets --tablet-weight 250mg"
    ),
    "drops": "drops --target 0.5mg --drop-volume 0.05mL",
    "cream": "cream --strength 10mg/g --quantity 30g",
    "titrate": "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg",
}
# an option that only applies with another: --water corrects an anhydrous-basis assay
NEEDS = {"--water": "--salt hcl-dihydrate --assay 99% --assay-basis anhydrous"}
# the options that take a quantity (or a date): each must give an example the test then runs
QUANTITIES = {
    "liquid": {"--target", "--concentration", "--days", "--volume", "--tablet-strength",
               "--balance-sensitivity"},
    "liquid --source api": {"--target", "--concentration", "--days", "--assay", "--water",
                            "--balance-sensitivity"},
    "capsule": {"--strength", "--overage", "--assay", "--water", "--shell-weight",
                "--fill-weight", "--balance-sensitivity"},
    "capsule --source tablets": {"--strength", "--overage", "--fill-weight", "--shell-weight",
                                 "--tablet-weight",
                                 "--tablet-strength", "--balance-sensitivity"},
    "drops": {"--target", "--drop-volume", "--concentration", "--days", "--assay", "--water",
              "--balance-sensitivity"},
    "cream": {"--strength", "--quantity", "--dose", "--pump-volume", "--assay", "--water",
              "--balance-sensitivity"},
    "titrate": {"--start", "--step", "--every", "--target", "--maintenance-days",
                "--concentration", "--start-date"},
}  # fmt: skip
EXAMPLE = re.compile(r"(?:e\.g\.|p\. ex\.|par exemple) (?:--[a-z-]+ )?([^\s,;()]+)")


def options(command: str) -> list[str]:
    """The options of ``command`` that take a value."""
    sub = typer.main.get_command(app).commands[command.split()[0]]  # type: ignore[attr-defined]
    return [
        param.opts[0]
        for param in sub.params
        if param.opts[0].startswith("--") and not getattr(param, "is_flag", False)
    ]


def argv(base: str, option: str, value: str) -> list[str]:
    """``base`` with ``option value`` in place of any value it gives ``option``."""
    words = [*base.split(), *NEEDS.get(option, "").split()]
    while option in words:
        at = words.index(option)
        del words[at : at + 2]
    return [*words, option, value]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_example_a_refusal_gives_is_accepted_for_its_option(
    name: str,
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # "abc" as a file name lands here
    base = f"{COMMANDS[name]} --lang {lang}"
    tried = set()
    for option in options(name):
        if option == "--lang":
            continue
        code, err = run(argv(base, option, "abc"), capsys)
        found = EXAMPLE.findall(err) if err.startswith(f"ldncalc: {option}:") else []
        if not found:
            continue
        tried.add(option)
        code, again = run(argv(base, option, found[-1]), capsys)
        assert not again.startswith(f"ldncalc: {option}:"), (err, again)
        assert code == 0, again
    assert tried == QUANTITIES[name]


DROPS = "drops --target 0.5mg --drop-volume 0.05mL"
CREAM = "cream --strength 10mg/g --quantity 30g"  # --water: with NEEDS
EXACT = [
    # a drop of a USP medicine dropper, 0.05 mL; 0.5 mg in it is 10 mg/mL, 1 drop a dose
    (DROPS, "--drop-volume", "abc", 'does not start with a number; write e.g. 0.05mL'),
    (DROPS, "--target", "abc", "does not start with a number; write e.g. 0.5mg"),
    (DROPS, "--concentration", "abc", "does not start with a number; write e.g. 10mg/mL"),
    (DROPS, "--concentration", "1mg", "is a mass, not a concentration; write a concentration "
     "in mg/mL or mcg/mL, e.g. 10mg/mL"),
    # a lot's water is 0 to 15 % (docs/basis.md §1): 0.5 is read as 0.5 %, never as the
    # fraction 50 % (it said "or 50% if 0.5 is a fraction"); 0.086 as 0.086 % or 8.6 %; 20 %
    # is beyond 15 %: an example instead
    (CREAM, "--water", "0.5", "has no unit; write 0.5% (units: %)"),
    (CREAM, "--water", "0.086", "has no unit; write 0.086% (units: %), or 8.6% if 0.086 is a "
     "fraction"),
    (CREAM, "--water", "20", "has no unit; write e.g. 8.6% (units: %)"),
]  # fmt: skip


@pytest.mark.parametrize(("base", "option", "value", "line"), EXACT)
def test_the_refusals_give_examples_that_fit(
    base: str, option: str, value: str, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    said = run(argv(base, option, value), capsys)
    assert said == (2, f'ldncalc: {option}: "{value}" {line}\n')
    fixed = re.findall(r"(?:e\.g\.|write) ([0-9][^\s,;()]*)", line)[-1]
    assert run(argv(base, option, fixed), capsys)[0] == 0  # the fix is accepted
