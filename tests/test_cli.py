"""The command line (issue 2 §7): every error path prints exactly one line on stderr, exits 2,
prints nothing on stdout and never a traceback; success screens carry what a pharmacist needs;
``--json`` follows the published schema; every command and option has help text."""

from __future__ import annotations

import ast
import contextlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from ldncalc.cli import app, main

LIQUID = "liquid --target 4.5mg"
CAPSULE = "capsule --strength 4.5mg --quantity 30"
TABLETS = "capsule --strength 4.5mg --quantity 30 --source tablets"


def flat(text: str) -> str:
    """``text`` with every run of whitespace as one space (the screen wraps long lines)."""
    return " ".join(text.split())


def run(argv: str | list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    args = shlex.split(argv) if isinstance(argv, str) else argv
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LDNCALC_FORMULATIONS"}
    env["NO_COLOR"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "ldncalc", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


# --------------------------------------------------------------------------------------------
# Every error path: the exact line, exit 2, nothing on stdout, no traceback
# --------------------------------------------------------------------------------------------

USAGE_ERRORS = [
    # click suggests the closest option: --log (the compounding log) since issue 12
    (
        "liquid --bogus",
        "No such option: --bogus (Possible options: --log) (see 'ldncalc liquid --help')",
    ),
    (f"{CAPSULE} --xyzzy 1", "No such option: --xyzzy (see 'ldncalc capsule --help')"),
    ("schema --bogus", "No such option: --bogus (see 'ldncalc schema --help')"),
    ("liquid 4.5mg", "Got unexpected extra argument(s) (4.5mg) (see 'ldncalc liquid --help')"),
    ("nosuch", "No such command 'nosuch'. (see 'ldncalc --help')"),
    ("formulations nosuch", "No such command 'nosuch'. (see 'ldncalc formulations --help')"),
    ("formulations show", "Missing argument 'ID'. (see 'ldncalc formulations show --help')"),
    ("formulations check", "Missing argument 'DIR'. (see 'ldncalc formulations check --help')"),
    ("liquid", "--target: is required; write e.g. --target 4.5mg"),
    ("liquid --concentration 1mg/mL", "--target: is required; write e.g. --target 4.5mg"),
    ("capsule --quantity 30", "--strength: is required; write e.g. --strength 4.5mg"),
    ("capsule --strength 4.5mg", "--quantity: is required; write e.g. --quantity 30"),
]

TARGET_ERRORS = [
    ("4,5mg", '--target: "4,5mg" uses a decimal comma; write 4.5mg'),
    ("4.5", '--target: "4.5" has no unit; write 4.5mg (units: mg, mcg or g)'),
    ("4.5cc", '--target: "4.5cc" uses "cc": cc is misread as u or 00 (ISMP); write mL'),
    (
        "4.5mL",
        '--target: "4.5mL" is a volume, not a mass; write a mass in mg, mcg or g, e.g. 4.5mg',
    ),
    (
        "4.5gr",
        '--target: "4.5gr" uses "gr": gr (grain) is confused with g (gram); write mg or g',
    ),
    ("4.5IU", '--target: "4.5IU" uses "IU": naltrexone is not dosed in units; write mg or mcg'),
    (
        "1e3mcg",
        '--target: "1e3mcg" uses exponent notation; write the number in full, e.g. 4.5mg',
    ),
    (".5mg", '--target: ".5mg" has no leading zero (ISMP); write 0.5mg'),
    ("-4.5mg", '--target: "-4.5mg" is negative; write a positive amount, e.g. 4.5mg'),
    ("0mg", '--target: "0mg" is zero; write a positive amount, e.g. 4.5mg'),
    ("nan", '--target: "nan" does not start with a number; write e.g. 4.5mg'),
    ("inf", '--target: "inf" does not start with a number; write e.g. 4.5mg'),
    ("0.5mcg", '--target: "0.5mcg" is below 1 mcg; write a dose from 1 mcg to 10 mg'),
    (
        "11mg",
        '--target: "11mg" is above 10 mg: that is not low-dose naltrexone; '
        "write a dose up to 10 mg",
    ),
]

LIQUID_ERRORS = [
    (
        "--concentration 1mg/cc",
        '--concentration: "1mg/cc" has unit "mg/cc", which ldncalc does not accept; '
        "write 1 with mg/mL or mcg/mL",
    ),
    (
        "--concentration 1mg",
        '--concentration: "1mg" is a mass, not a concentration; write a concentration in '
        "mg/mL or mcg/mL, e.g. 1mg/mL",
    ),
    (
        "--concentration 1",
        '--concentration: "1" has no unit; write 1mg/mL (units: mg/mL or mcg/mL)',
    ),
    (
        # 1.5 mg/mL, the one reading, is not a listed concentration: why, and what is
        "--concentration 1,5mg/mL",
        '--concentration: "1,5mg/mL" uses a decimal comma; "1.5mg/mL" is not one of '
        "ldn-liquid-water's listed concentrations (0.5 mg/mL, 1 mg/mL, 5 mg/mL); use "
        "--concentration 0.5mg/mL or 1mg/mL or 5mg/mL",
    ),
    (
        "--concentration 1g/L",
        '--concentration: "1g/L" has unit "g/L", which ldncalc does not accept; '
        "write 1 with mg/mL or mcg/mL",
    ),
    (
        "--concentration 200mg/mL",
        '--concentration: "200mg/mL" is above the solubility of naltrexone HCl (100 mg/mL); '
        "use --concentration 0.5mg/mL or 1mg/mL or 5mg/mL",
    ),
    (
        "--concentration 6mg/mL",
        '--concentration: "6mg/mL" is not one of ldn-liquid-water\'s listed concentrations '
        "(0.5 mg/mL, 1 mg/mL, 5 mg/mL); use --concentration 0.5mg/mL or 1mg/mL or 5mg/mL",
    ),
    ("--volume 100cc", '--volume: "100cc" uses "cc": cc is misread as u or 00 (ISMP); write mL'),
    ("--volume 100", '--volume: "100" has no unit; write 100mL (units: mL or L)'),
    (
        "--volume 100mg",
        '--volume: "100mg" is a mass, not a volume; write a volume in mL or L, e.g. 100mL',
    ),
    (
        "--volume 3.5tsp",
        '--volume: "3.5tsp" uses "tsp": household measures are not accurate; write mL',
    ),
    (  # 100.5 mL needs 2.01 tablets: not offered, the whole tablets' volumes are
        "--volume 100,5mL",
        '--volume: "100,5mL" uses a decimal comma; "100.5mL" needs 2.01 tablets of 50 mg at '
        "1 mg/mL; use whole tablets: --volume 100mL or 150mL",
    ),
    (
        "--volume 75mL",
        '--volume: "75mL" needs 1.5 tablets of 50 mg at 1 mg/mL; '
        "use whole tablets: --volume 50mL or 100mL",
    ),
    (
        "--volume 100mL --days 14",
        '--volume: "100mL" cannot be given with --days; give one of them',
    ),
    (
        "--days 2mo",
        '--days: "2mo" has unit "mo", which ldncalc does not accept; '
        "write 2 with d (days) or w (weeks)",
    ),
    (
        "--days 14mg",
        '--days: "14mg" is a mass, not a duration; write a duration in d (days) or w (weeks), '
        "e.g. 14d",
    ),
    ("--days -1", '--days: "-1" is negative; write a positive amount, e.g. 14d'),
    ("--days 1.5d", '--days: "1.5d" is not a whole number of days; write 1d or 2d'),
    # was "write 14 or 15" and "write 1 or 1"
    ("--days 14.0", '--days: "14.0" is not a whole number of days; write 14'),
    ("--days 0.5", '--days: "0.5" is not a whole number of days; write 1'),
    ("--days 14.5", '--days: "14.5" is not a whole number of days; write 14 or 15'),
    (  # 365 days of 4.5 mL do not fit one bottle: not offered
        "--days 365.5",
        '--days: "365.5" is not a whole number of days; "365" needs 1,750 mL at 1 mg/mL, more '
        "than 1,000 mL in one bottle; give fewer --days or a higher --concentration",
    ),
    ("--days abc", '--days: "abc" does not start with a number; write e.g. 14d'),
    ("--days 0", '--days: "0" is out of range; write a whole number from 1 to 365'),
    ("--days 366", '--days: "366" is out of range; write a whole number from 1 to 365'),
    (
        "--doses-per-day 5",
        '--doses-per-day: "5" is out of range; write a whole number from 1 to 4',
    ),
    (
        "--doses-per-day 1.5",
        '--doses-per-day: "1.5" is not a whole number; write a whole number from 1 to 4',
    ),
    (
        "--doses-per-day two",
        '--doses-per-day: "two" is not a whole number; write a whole number from 1 to 4',
    ),
    (  # was "is not a whole number"
        "--doses-per-day -1",
        '--doses-per-day: "-1" is negative; write a whole number from 1 to 4',
    ),
    (
        "--doses-per-day 3",
        '--doses-per-day: "3" gives 13.5 mg a day with 4.5 mg a dose, above the 10 mg a day '
        "of low-dose naltrexone; lower the dose or the doses a day",
    ),
    (
        "--tablet-strength 50",
        '--tablet-strength: "50" has no unit; write 50mg (units: mg, mcg or g)',
    ),
    # the example was 4.5mg, itself refused as a tablet strength
    ("--tablet-strength ''", "--tablet-strength: is empty; write e.g. 50mg"),
    (
        "--tablet-strength 50cc",
        '--tablet-strength: "50cc" uses "cc": cc is misread as u or 00 (ISMP); write mL',
    ),
    # only the liquids from tablets: the others would be refused as the wrong kind (s5 review)
    (
        "--formulation nope",
        '--formulation: "nope" is not a known formulation; use one of: ldn-liquid-preserved, '
        "ldn-liquid-water",
    ),
    (
        "--formulation ldn-capsule-api-mcc",
        '--formulation: "ldn-capsule-api-mcc" is a capsule formulation; use a liquid '
        "formulation: ldn-liquid-preserved, ldn-liquid-water",
    ),
    (
        "--formulations-dir /nonexistent-ldncalc",
        '--formulations-dir: "/nonexistent-ldncalc" is not a folder; give a folder of .toml files',
    ),
    (  # "" read the current folder and failed on an unrelated file
        "--formulations-dir ''",
        "--formulations-dir: is empty; give a folder of .toml files, or leave the option out",
    ),
]

CAPSULE_ERRORS = [
    ("--strength 4,5mg", '--strength: "4,5mg" uses a decimal comma; write 4.5mg'),
    ("--strength 4.5", '--strength: "4.5" has no unit; write 4.5mg (units: mg, mcg or g)'),
    (
        "--strength 4.5cc",
        '--strength: "4.5cc" uses "cc": cc is misread as u or 00 (ISMP); write mL',
    ),
    (
        "--strength 4.5mL",
        '--strength: "4.5mL" is a volume, not a mass; write a mass in mg, mcg or g, e.g. 4.5mg',
    ),
    (
        "--strength 11mg",
        '--strength: "11mg" is above 10 mg: that is not low-dose naltrexone; '
        "write a dose up to 10 mg",
    ),
    (
        "--quantity 30.5",
        '--quantity: "30.5" is not a whole number; write a whole number from 1 to 1,000',
    ),
    ("--quantity 0", '--quantity: "0" is out of range; write a whole number from 1 to 1,000'),
    ("--quantity -1", '--quantity: "-1" is negative; write a whole number from 1 to 1,000'),
    ("--quantity 1001", '--quantity: "1001" is out of range; write a whole number from 1 to 1,000'),
    (
        "--quantity 30caps",
        '--quantity: "30caps" is not a whole number; write a whole number from 1 to 1,000',
    ),
    ("--assay 98,5%", '--assay: "98,5%" uses a decimal comma; write 98.5%'),
    ("--assay 98.5", '--assay: "98.5" has no unit; write 98.5% (units: %)'),
    # the suggestion was "0.985%", itself outside 90 % to 110 %
    (
        "--assay 0.985",
        '--assay: "0.985" has no unit; write 98.5% (units: %), reading 0.985 as a fraction',
    ),
    (
        "--assay 50",
        '--assay: "50" has no unit; write a percentage from 90 % to 110 %, e.g. 98.5%',
    ),
    (
        "--assay 98.5mg",
        '--assay: "98.5mg" is a mass, not a percentage; write a percentage in %, e.g. 98.5%',
    ),
    (
        "--assay 120%",
        '--assay: "120%" is outside 90 % to 110 %; check the certificate of analysis; '
        "write e.g. 98.5%",
    ),
    (
        "--assay 89%",
        '--assay: "89%" is outside 90 % to 110 %; check the certificate of analysis; '
        "write e.g. 98.5%",
    ),
    ("--overage 101", '--overage: "101" is out of range; write a whole number from 0 to 100'),
    (
        "--overage 60%",
        '--overage: "60%" is above 50 %; write a count (e.g. 2) or a smaller percentage (e.g. 5%)',
    ),
    ("--overage 2.5", '--overage: "2.5" has no unit; write 2.5% (units: %)'),
    ("--overage 5,5%", '--overage: "5,5%" uses a decimal comma; write 5.5%'),
    ("--size 6", '--size: "6" is not a capsule size; use one of 000, 00, 0, 1, 2, 3, 4, 5'),
    # "" for --size and --filler silently became the defaults
    ("--size ''", "--size: is empty; use one of 000, 00, 0, 1, 2, 3, 4, 5"),
    ("--filler ''", "--filler: is empty; use mcc, mcc-ph301, lactose"),
    ("--salt ''", "--salt: is empty; use one of hcl, hcl-dihydrate, base"),
    (  # was "a powder of 0 mg/mL"
        "--fill-weight 150mcg",
        '--fill-weight: "150mcg" in a size 1 capsule (0.5 mL) means a powder of 0.3 mg/mL, '
        "outside 100 mg/mL to 1,500 mg/mL; weigh the filler that fills one size 1 capsule "
        "(about 152.5 mg of Microcrystalline cellulose (Avicel PH-102)); 150 mcg is 0.15 mg: "
        "for 150 mg write 150mg",
    ),
    (
        "--fill-weight 2g",
        '--fill-weight: "2g" in a size 1 capsule (0.5 mL) means a powder of 4,000 mg/mL, '
        "outside 100 mg/mL to 1,500 mg/mL; weigh the filler that fills one size 1 capsule "
        "(about 152.5 mg of Microcrystalline cellulose (Avicel PH-102))",
    ),
    ("--fill-weight ''", "--fill-weight: is empty; write e.g. 150mg"),
    (
        "--source tablets --tablet-weight ''",
        "--tablet-weight: is empty; write e.g. 250mg",
    ),
    ("--size 0.5mL", '--size: "0.5mL" is not a capsule size; use one of 000, 00, 0, 1, 2, 3, 4, 5'),
    (
        "--filler sugar",
        '--filler: "sugar" is not a filler in the catalog; use mcc, mcc-ph301, lactose',
    ),
    (
        "--filler calcium-carbonate",
        '--filler: "calcium-carbonate" must not be used: calcium carbonate is reported to '
        "reduce naltrexone absorption; use mcc, mcc-ph301, lactose",
    ),
    (
        "--filler methylcellulose",
        '--filler: "methylcellulose" must not be used: methylcellulose derivatives slow the '
        "release; LDN needs immediate release; use mcc, mcc-ph301, lactose",
    ),
    ("--salt sulfate", '--salt: "sulfate" is not an API form; use one of hcl, hcl-dihydrate, base'),
    ("--source powder", '--source: "powder" is not a source; use api or tablets'),
    (
        "--source tablets",
        "--tablet-weight: is needed with --source tablets; weigh 10 tablets and give the "
        "average, e.g. --tablet-weight 250mg",
    ),
    (
        "--source tablets --tablet-weight 250",
        '--tablet-weight: "250" has no unit; write 250mg (units: mg, mcg or g)',
    ),
    (
        "--source tablets --tablet-weight 40mg",
        '--tablet-weight: "40mg" is less than the 50 mg of drug a tablet holds; give the '
        "average weight of one whole tablet",
    ),
    (
        "--source tablets --tablet-weight 3g",
        '--tablet-weight: "3g" is more than 2,000 mg; give the weight of one tablet in mg, '
        "e.g. 250mg",
    ),
    (
        "--source tablets --tablet-weight 250mg --salt base",
        '--salt: "base" applies to API powder only; drop it with --source tablets '
        "(tablets are labelled as HCl)",
    ),
    (
        "--source tablets --tablet-weight 250mg --assay 99%",
        '--assay: "99%" applies to API powder only; drop it with --source tablets '
        "(tablets are labelled as HCl)",
    ),
    (
        "--fill-weight 150",
        '--fill-weight: "150" has no unit; write 150mg (units: mg, mcg or g)',
    ),
    (
        "--fill-weight 150mL",  # the example was 4.5mg, itself refused as a fill weight
        '--fill-weight: "150mL" is a volume, not a mass; write a mass in mg, mcg or g, e.g. 150mg',
    ),
    (
        "--formulation ldn-liquid-water",
        '--formulation: "ldn-liquid-water" is a liquid formulation; use a capsule '
        "formulation: ldn-capsule-api-mcc, ldn-capsule-tablets-mcc",
    ),
    (
        "--formulation ldn-capsule-tablets-mcc --source api",
        '--source: "api" does not match ldn-capsule-tablets-mcc (made from tablets); '
        "drop --source or use --source tablets",
    ),
    # both capsule records: without --source, either is used
    (
        "--formulation nope",
        '--formulation: "nope" is not a known formulation; use one of: ldn-capsule-api-mcc, '
        "ldn-capsule-tablets-mcc",
    ),
    (
        "--formulation nope --source tablets",
        '--formulation: "nope" is not a known formulation; use one of: ldn-capsule-tablets-mcc',
    ),
    (
        "--formulations-dir /nonexistent-ldncalc",
        '--formulations-dir: "/nonexistent-ldncalc" is not a folder; give a folder of .toml files',
    ),
    (
        "--doses-per-day 3",
        '--doses-per-day: "3" gives 13.5 mg a day with 4.5 mg a dose, above the 10 mg a day '
        "of low-dose naltrexone; lower the dose or the doses a day",
    ),
]

FORMULATIONS_ERRORS = [
    (
        "formulations show nope",
        'ID: "nope" is not a known formulation; use one of: ldn-capsule-api-mcc, '
        "ldn-capsule-tablets-mcc, ldn-cream-xematop, ldn-drops-water, ldn-liquid-api-preserved, "
        "ldn-liquid-api-water, ldn-liquid-preserved, "
        "ldn-liquid-water",
    ),
    (
        "formulations list --formulations-dir /nonexistent-ldncalc",
        '--formulations-dir: "/nonexistent-ldncalc" is not a folder; give a folder of .toml files',
    ),
    (
        "formulations check /nonexistent-ldncalc",
        'DIR: "/nonexistent-ldncalc" is not a folder; give a folder of .toml files',
    ),
    # "" was the current folder: its pyproject.toml was checked as a formulation
    ("formulations check ''", "DIR: is empty; give a folder of .toml files"),
    (
        "formulations list --formulations-dir ''",
        "--formulations-dir: is empty; give a folder of .toml files, or leave the option out",
    ),
]

ERRORS = (
    USAGE_ERRORS
    + [(f"liquid --target {value}", message) for value, message in TARGET_ERRORS]
    + [(f"{LIQUID} {options}", message) for options, message in LIQUID_ERRORS]
    + [
        (
            f"capsule --quantity 30 {o}"
            if o.startswith("--strength")
            else f"capsule --strength 4.5mg {o}"
            if o.startswith("--quantity")
            else f"{CAPSULE} {o}",
            m,
        )
        for o, m in CAPSULE_ERRORS
    ]
    + FORMULATIONS_ERRORS
)


@pytest.mark.parametrize(("argv", "message"), ERRORS, ids=[a for a, _ in ERRORS])
def test_every_error_is_one_exact_line_on_stderr_with_exit_code_2(
    argv: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert err == f"ldncalc: {message}\n"
    assert code == 2
    assert out == ""
    assert "Traceback" not in err


def test_a_file_given_as_formulations_dir_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = tmp_path / "records.toml"
    afile.write_text("", encoding="utf-8")
    code, out, err = run(["liquid", "--target", "4.5mg", "--formulations-dir", str(afile)], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f'ldncalc: --formulations-dir: "{afile}" is not a folder; give a folder of .toml files\n'
    )


def test_a_bad_environment_folder_is_named_as_the_environment_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LDNCALC_FORMULATIONS", "/nonexistent-ldncalc")
    code, out, err = run(LIQUID, capsys)
    assert (code, out) == (2, "")
    assert err.startswith('ldncalc: LDNCALC_FORMULATIONS: "/nonexistent-ldncalc" is not a folder')


@pytest.mark.parametrize(
    ("argv", "command"),
    [("liquid --target", "liquid"), ("capsule --strength 4.5mg --quantity", "capsule")],
)
def test_a_missing_value_points_at_the_commands_help(
    argv: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err.endswith(f"(see 'ldncalc {command} --help')\n")


@pytest.mark.parametrize(
    ("argv", "option"),
    [("liquid --target", "--target"), ("capsule --strength 4.5mg --quantity", "--quantity")],
)
def test_a_missing_value_is_one_line_naming_the_option(
    argv: str, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"ldncalc: Option '{option}' requires an argument.")
    assert err.count("\n") == 1


def test_days_in_weeks_out_of_range_quotes_what_was_typed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(f"{LIQUID} --days 53w", capsys)
    assert code == 2
    assert err.startswith('ldncalc: --days: "53w"')


@pytest.mark.parametrize("value", ["5mg", "-1"])
def test_an_overage_error_never_suggests_a_refused_overage(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the example once was the assay's 98.5 %, which --overage refuses (above 50 %)
    code, _, err = run([*shlex.split(CAPSULE), "--overage", value], capsys)
    assert code == 2
    assert "98.5%" not in err
    suggested = re.search(r"e\.g\. (\S+)$", err.strip())
    assert suggested is not None
    assert main([*shlex.split(CAPSULE), "--overage", suggested.group(1)]) == 0


# --------------------------------------------------------------------------------------------
# A real process: exit codes, no traceback, python -m ldncalc
# --------------------------------------------------------------------------------------------


def test_python_m_ldncalc_runs_the_main_job() -> None:
    done = run_process("liquid", "--target", "4.5mg")
    assert done.returncode == 0, done.stderr
    assert "4.5 mL" in done.stdout
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["liquid", "--target", "4,5mg"],
            'ldncalc: --target: "4,5mg" uses a decimal comma; write 4.5mg',
        ),
        (
            ["liquid", "--bogus"],
            "ldncalc: No such option: --bogus (Possible options: --log) "
            "(see 'ldncalc liquid --help')",
        ),
        (
            ["capsule", "--strength", "4.5mg", "--quantity", "30", "--filler", "calcium-carbonate"],
            'ldncalc: --filler: "calcium-carbonate" must not be used: calcium carbonate is '
            "reported to reduce naltrexone absorption; use mcc, mcc-ph301, lactose",
        ),
        (
            ["formulations", "check", "/nonexistent-ldncalc"],
            'ldncalc: DIR: "/nonexistent-ldncalc" is not a folder; give a folder of .toml files',
        ),
    ],
)
def test_a_real_process_exits_2_with_one_line_and_no_traceback(args: list[str], line: str) -> None:
    done = run_process(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == line + "\n"


def test_microgram_capsules_never_print_a_traceback() -> None:
    done = run_process("capsule", "--strength", "1mcg", "--quantity", "30")
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 2)


def test_no_arguments_prints_help_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([], capsys)
    assert code == 0
    assert "liquid" in out
    assert "capsule" in out
    assert "formulations" in out
    assert err == ""


# --------------------------------------------------------------------------------------------
# Help for every command and every option
# --------------------------------------------------------------------------------------------


def commands() -> list[tuple[list[str], Any]]:
    """Every (sub)command path of the app with its click command."""
    found: list[tuple[list[str], Any]] = []

    def walk(path: list[str], command: Any) -> None:
        found.append((path, command))
        for name, sub in getattr(command, "commands", {}).items():
            walk([*path, name], sub)

    walk([], typer.main.get_command(app))
    return found


COMMANDS = commands()


def test_every_command_is_reachable() -> None:
    paths = {" ".join(path) for path, _ in COMMANDS}
    assert {
        "liquid",
        "capsule",
        "schema",
        "formulations",
        "formulations list",
        "formulations show",
        "formulations check",
    } <= paths


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "ldncalc" for p, _ in COMMANDS]
)
def test_help_for_every_command_shows_every_option(
    path: list[str], command: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([*path, "--help"], capsys)
    assert code == 0
    assert err == ""
    assert out.startswith("Usage: ldncalc")
    assert command.help, f"{' '.join(path)} has no help text"
    for param in command.params:
        if param.name == "help":
            continue
        assert param.help, f"{' '.join(path)}: {param.name} has no help text"
        shown = param.opts[0] if param.param_type_name == "option" else param.metavar
        assert shown in out, f"{shown} missing from {' '.join(path)} --help"
        # click wraps long help at spaces and after hyphens ("--list-\nprotocols")
        assert re.sub(r"\s+", "", param.help) in re.sub(r"\s+", "", out)


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "ldncalc")
def test_h_is_help_on_every_command(path: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    long = run([*path, "--help"], capsys)
    assert run([*path, "-h"], capsys) == long
    assert "-h, --help" in long[1]


def help_examples(path: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The commands under "Example:" in ``ldncalc <path> --help``."""
    code, out, _ = run([*path, "--help"], capsys)
    assert code == 0
    block = re.search(r"\n  Example:\n((?:    ldncalc .*\n)+)", out)
    assert block is not None, f"no Example in 'ldncalc {' '.join(path)} --help'"
    return [line.strip() for line in block.group(1).splitlines()]


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "ldncalc")
def test_every_help_shows_an_example_that_runs(
    path: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # what an example may rely on: a pharmacy profile (written by the config init example)
    # and the pharmacy's own formulation folder that the check example names
    (tmp_path / "pharmacy-formulations").mkdir()
    profile = Path(os.environ["LDNCALC_CONFIG_DIR"]) / "pharmacy.toml"
    example_profile = Path(__file__).parent.parent / "docs" / "pharmacy.example.toml"
    for example in help_examples(path, capsys):
        argv = shlex.split(example)
        assert argv[0] == "ldncalc"
        profile.unlink(missing_ok=True)
        if argv[1:3] != ["config", "init"]:
            profile.write_bytes(example_profile.read_bytes())
        with contextlib.chdir(tmp_path):
            code, out, err = run(argv[1:], capsys)
        assert code == 0, f"{example}: {err}"
        assert out


def test_ldncalc_uses_no_private_module_of_typer() -> None:
    """typer's private modules (typer._click from 0.26) change without notice: the declared
    floor, typer 0.16, has none of them (tests/test_install.py runs it)."""

    def private(node: ast.AST) -> bool:
        if isinstance(node, ast.ImportFrom):
            return (node.module or "").startswith("typer._")
        if isinstance(node, ast.Import):
            return any(alias.name.startswith("typer._") for alias in node.names)
        return (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "typer"
            and node.attr.startswith("_")
        )

    root = Path(__file__).resolve().parent.parent / "ldncalc"
    found = [
        f"{path.relative_to(root)}:{node.lineno}"
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if private(node)
    ]
    assert found == []


def test_version_prints_the_version_of_the_package(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert run("--version", capsys) == (0, f"ldncalc {version('ldncalc')}\n", "")


def test_the_version_is_written_once() -> None:
    """ldncalc/version.py holds the version (a leaf any module may import: the layer contract
    forbids importing the package __init__); pyproject.toml reads it from there (hatch)."""
    import tomllib

    import ldncalc

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"] == {"path": "ldncalc/version.py"}
    copies = [
        path
        for path in (root / "ldncalc").rglob("*.py")
        if f'"{ldncalc.__version__}"' in path.read_text(encoding="utf-8")
    ]
    assert copies == [root / "ldncalc" / "version.py"]


# Shell completion (typer's): the script, and what the shell gets back when it asks


def test_show_completion_prints_a_bash_script(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run("--show-completion bash", capsys)
    assert (code, err) == (0, "")
    assert "complete -o default -F _ldncalc_completion ldncalc" in out
    assert "_LDNCALC_COMPLETE=complete_bash" in out


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("ldncalc li", ["liquid"]),
        ("ldncalc formulations s", ["show"]),
        ("ldncalc liquid --ta", ["--target", "--tablet-strength"]),
    ],
)
def test_completion_completes_commands_and_options(words: str, expected: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LDNCALC_FORMULATIONS"}
    env |= {
        "_LDNCALC_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    done = subprocess.run(
        [sys.executable, "-c", "from ldncalc.console import run; run()"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.split() == expected


def test_install_completion_writes_the_script_for_the_shell(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LDNCALC_FORMULATIONS"}
    env |= {"HOME": str(tmp_path), "SHELL": "/bin/bash"}
    done = subprocess.run(
        [sys.executable, "-c", "from ldncalc.console import run; run()", "--install-completion"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "bash completion installed in" in done.stdout
    script = tmp_path / ".bash_completions" / "ldncalc.sh"
    assert "_LDNCALC_COMPLETE" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Success screens: what a pharmacist needs at the bench
# --------------------------------------------------------------------------------------------


def test_liquid_screen_has_tablets_volume_dose_syringe_bud_and_numbered_steps(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(LIQUID, capsys)
    assert code == 0
    assert err == ""
    screen = flat(out)
    assert "2 × Naltrexone HCl 50 mg tablets" in screen
    assert "Purified water to 100 mL" in screen
    assert "100 mL at 1 mg/mL" in screen
    assert "4.5 mg = 4.5 mL in a 5 mL oral syringe, 0.1 mL marks" in screen
    # 14 doses of 4.5 mL = 63 mL + 4.5 mL spare → 67.5 mg → 2 tablets → 100 mL, which holds
    # 21 doses with their spare (94.5 mL + 4.725 → 4.8 mL ≤ 100 mL): 14 days of supply (the BUD)
    assert "94.5 mL for 21 doses of 4.5 mL + 5.5 mL spare" in screen
    assert "= 100 mL final volume" in screen
    assert "Supply 14 days at 1 a day (the BUD; the bottle holds 21 doses)" in screen
    assert "Refrigerate at 2–8 °C" in screen
    assert "USP <795>" in screen
    assert "7 doses will be discarded" in screen
    calculation = flat(out.split("\nCalculation\n", 1)[1].split("\nMethod\n")[0])
    numbers = re.findall(r"(?:^| )(\d+)\. [A-Z]", calculation)
    assert [int(n) for n in numbers] == list(range(1, 8))
    assert "1. Dose volume = dose ÷ concentration = 4.5 mg ÷ 1 mg/mL = 4.5 mL" in calculation
    assert "4.5 mL × 1 × 14 = 63 mL" in calculation
    assert "(63 mL + 4.5 mL) × 1 mg/mL = 67.5 mg" in calculation
    assert "67.5 mg ÷ 50 mg = 1.35 → 2 tablets" in calculation
    assert "2 × 50 mg ÷ 1 mg/mL = 100 mL" in calculation
    assert "21 × 4.5 mL + 4.8 mL = 99.3 mL ≤ 100 mL → 21 doses" in calculation


def test_capsule_screen_has_weights_fill_weight_range_and_bud(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(CAPSULE, capsys)
    assert code == 0
    out = flat(out)
    assert "139.5 mg Naltrexone hydrochloride (anhydrous)" in out
    assert "4,588 mg Microcrystalline cellulose" in out
    assert "31 capsules" in out
    assert "fill weight 152.5 mg" in out
    assert "180 days" in out
    assert "31 × 152.5 mg − 139.5 mg = 4,588 mg" in out


def test_tablets_screen_says_how_many_to_crush_and_what_to_weigh(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(f"{TABLETS} --tablet-weight 250mg", capsys)
    assert code == 0
    out = flat(out)
    assert "3 × Naltrexone HCl 50 mg tablets: crush, then weigh 697.5 mg of the powder" in out
    assert "4,030 mg Microcrystalline cellulose" in out


ISMP_VIOLATIONS = [
    re.compile(r"(?<![\d.])\.\d"),  # a naked decimal: .5 mg
    re.compile(r"\d\.\d*0 (?:mg|mcg|g|mL|mg/mL|%)\b"),  # a trailing zero: 1.0 mg, 4.50 mL
    re.compile(r"µg|μg|\bug\b|\bcc\b"),
    re.compile(r"\d(?:mg|mcg|mL)\b(?!/)"),  # no space before the unit (CLI examples aside)
]


@pytest.mark.parametrize(
    "argv",
    [
        LIQUID,
        "liquid --target 0.05mg",
        "liquid --target 2.37mg --concentration 1mg/mL",
        "liquid --target 4.5mg --formulation ldn-liquid-preserved --volume 150mL",
        CAPSULE,
        f"{CAPSULE} --salt hcl-dihydrate --assay 98.5% --assay-as hcl-dihydrate",
        f"{CAPSULE} --salt hcl-dihydrate --assay 99.5% --assay-basis anhydrous --water 8.6%",
        f"{TABLETS} --tablet-weight 250mg",
        "capsule --strength 0.5mg --quantity 10 --filler lactose",
    ],
)
def test_screen_numbers_follow_ismp(argv: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(argv, capsys)
    assert code == 0
    # CLI suggestions such as "--volume 50mL" are written the way they are typed
    text = re.sub(r"--[a-z-]+ \S+", "", flat(out))
    for pattern in ISMP_VIOLATIONS:
        assert pattern.search(text) is None, (pattern.pattern, pattern.search(text))


@pytest.mark.parametrize(
    ("argv", "title", "dose", "json_dose"),
    [
        # a dose typed in g was echoed in g: "0.0045 g once a day", "Dose 0.0045 g = 4.5 mL"
        (
            "liquid --target 0.0045g",
            "4.5 mg once a day",
            "Dose 4.5 mg = 4.5 mL",
            {"value": 4.5, "unit": "mg"},
        ),
        (
            "liquid --target 4500mcg",
            "4.5 mg once a day",
            "Dose 4.5 mg = 4.5 mL",
            {"value": 4.5, "unit": "mg"},
        ),
        (
            "liquid --target 0.0005g",
            "500 mcg once a day",
            "Dose 500 mcg = 0.5 mL",
            {"value": 500, "unit": "mcg"},
        ),
        # a microgram dose typed in mcg, or a dose typed in mg, is shown as typed
        ("liquid --target 25mcg", "25 mcg once a day", "Dose 25 mcg = 0.5 mL", None),
        ("liquid --target 0.5mg", "0.5 mg once a day", "Dose 0.5 mg = 0.5 mL", None),
        (
            "capsule --strength 0.0045g --quantity 30",
            "Naltrexone HCl 4.5 mg capsules",
            "",
            {"value": 4.5, "unit": "mg"},
        ),
    ],
)
def test_a_dose_is_shown_in_mg_or_mcg_never_in_g(
    argv: str,
    title: str,
    dose: str,
    json_dose: dict[str, object] | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(argv, capsys)
    assert code == 0
    screen = flat(out)
    assert title in screen
    assert dose in screen
    assert not re.search(r"\d g\b(?!/mol)", screen)  # a molar mass is in g/mol
    if json_dose is not None:
        code, out, _ = run(f"{argv} --json", capsys)
        data = json.loads(out)
        assert data["target" if "liquid" in argv else "strength"] == json_dose


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        # 0.05 mg at 0.5 mg/mL = 0.1 mL; 200 mL holds 1,904 doses with the spare:
        # 1,904 × 0.1 mL + 5 % = 199.92 mL ≤ 200 mL (1,905 doses need 200.025 mL)
        ("liquid --target 0.05mg --concentration 0.5mg/mL --volume 200mL", "1,904 doses"),
        ("capsule --strength 1mg --quantity 1000", "1,001 capsules"),
    ],
)
def test_screen_counts_have_thousands_separators(
    argv: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(argv, capsys)
    assert code == 0
    summary = out.split("\nCalculation\n")[0]
    summary = re.sub(r"\((?:19|20)\d\d\)", "", summary)  # years: USP <795> (2023)
    summary = re.sub(r"<\d+>", "", summary)  # USP chapters: <1176>
    assert re.search(r"\b\d{4,}\b", summary) is None, re.search(r"\b\d{4,}\b", summary)
    assert expected in out


# --------------------------------------------------------------------------------------------
# --json and the published schema
# --------------------------------------------------------------------------------------------

LIQUID_QUANTITIES = ("dose_volume", "concentration", "final_volume")
CAPSULE_QUANTITIES = ("filler_weight", "fill_weight")


def json_of(argv: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out, err = run(f"{argv} --json", capsys)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def quantities_in(value: Any, where: str = "") -> list[tuple[str, Any]]:
    """Every object in the JSON that carries a unit, with where it is."""
    found: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        if "unit" in value:
            found.append((where, value))
        for key, item in value.items():
            found += quantities_in(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += quantities_in(item, f"{where}[{i}]")
    return found


SIGNED_QUANTITIES = {".dose_deviation"}  # a deviation is 0, or above or below the dose


def assert_quantity(value: Any, unit: str | None = None, *, where: str = "") -> None:
    assert isinstance(value, dict), (where, value)
    assert set(value) == {"value", "unit"}, (where, value)
    assert isinstance(value["value"], int | float)
    assert not isinstance(value["value"], bool)
    assert value["value"] > 0 or where in SIGNED_QUANTITIES
    if unit is not None:
        assert value["unit"] == unit


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        # 400 capsules at 1 a day would last 400 days; the BUD is 180 days
        (
            "capsule --strength 0.5mg --quantity 400",
            "Supply 180 days at 1 a day (the BUD; the vial holds 400 capsules)",
        ),
        ("capsule --strength 0.5mg --quantity 30", "Supply 30 days at 1 a day BUD"),
        # 31 capsules at 2 a day: 15 whole days, the odd capsule is not the BUD's doing
        (
            "capsule --strength 0.5mg --quantity 31 --doses-per-day 2",
            "Supply 15 days at 2 a day BUD",
        ),
        # 47 doses at 2 a day = 23 whole days, well within the 35-day BUD: the odd dose left
        # over was blamed on the BUD ("(the BUD; the bottle holds 47 doses)")
        (
            "liquid --target 1mg --days 3 --doses-per-day 2 --formulation ldn-liquid-preserved",
            "Supply 23 days at 2 a day BUD",
        ),
    ],
)
def test_capsule_supply_says_the_days_as_liquids_do_never_beyond_the_bud(
    argv: str, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert line in flat(out)


def test_capsule_json_days_supply_never_exceeds_the_bud(capsys: pytest.CaptureFixture[str]) -> None:
    data = json_of("capsule --strength 0.5mg --quantity 400", capsys)
    assert data["days_supply"] == 180  # not 400: the BUD is 180 days
    assert data["bud"]["days"] == 180


# issue 9 §7: each option's example, as a refusal shows it, is itself accepted for that option
# (--balance-sensitivity said "e.g. 4.5mg", the example of a dose, and --start too)
EXAMPLE_RUNS = [
    *[
        ("capsule --strength 4.5mg --quantity 30", option)
        for option in (
            "--overage", "--assay", "--fill-weight", "--shell-weight", "--balance-sensitivity",
        )
    ],
    (
        "capsule --strength 4.5mg --quantity 30 --salt hcl-dihydrate --assay 99.5% "
        "--assay-basis anhydrous",
        "--water",
    ),
    ("capsule --strength 1.5mg --quantity 60 --source tablets", "--tablet-weight"),
    ("capsule --quantity 30", "--strength"),
    *[("liquid --target 4.5mg", o) for o in ("--concentration", "--volume", "--days")],
    ("liquid", "--target"),
    ("titrate --step 0.5mg --every 7d --target 4.5mg", "--start"),
    ("titrate --start 0.5mg --every 7d --target 4.5mg", "--step"),
    ("titrate --start 0.5mg --step 0.5mg --target 4.5mg", "--every"),
    ("titrate --start 0.5mg --step 0.5mg --every 7d", "--target"),
    ("titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg", "--maintenance-days"),
    ("titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg", "--concentration"),
]  # fmt: skip


@pytest.mark.parametrize("bad", ["abc", "-1"])
@pytest.mark.parametrize(("base", "option"), EXAMPLE_RUNS)
def test_the_example_a_refusal_gives_is_accepted_for_its_option(
    base: str, option: str, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run([*base.split(), option, bad], capsys)
    assert code == 2
    example = re.findall(r"e\.g\. (\S+?)[;,)]?$", err.strip())
    assert example, err
    code, _, err = run([*base.split(), option, example[-1]], capsys)
    assert code == 0, err


# "use --size 2", "or use --source tablets", "e.g. --tablet-weight 250mg", or "e.g. 6mg" for
# the option refused
SUGGESTION = re.compile(r"(?:use|give|add|write|e\.g\.) (--[a-z-]+) ([^\s,;()]+)")
EXAMPLE = re.compile(r"e\.g\. ([^\s,;()]+)")


@pytest.mark.parametrize(
    "argv",
    [
        "liquid --target 4.5mg --concentration 2mg/mL",
        "capsule --strength 10mg --quantity 30 --source tablets --tablet-weight 500mg --size 5",
        "capsule --strength 4.5mg --quantity 30 --formulation ldn-capsule-tablets-mcc --source api",
        "capsule --strength 1.5mg --quantity 60 --source tablets",
        "titrate --protocol ldnrt-liquid-5mg-ml --form capsule",
        "titrate --start 0.5mg --step 0.75mg --every 7d --target 1.25mg --concentration 1mg/mL",
        "titrate --start 0.5mg --step 0.01mg --every 7d --target 4.5mg",
        "titrate --start 0.5mg --step 0.01mg --every 7d --target 4.5mg --form capsule",
        "capsule --strength 0.5mg --quantity 30 --balance-sensitivity 6g",
    ],
)
def test_the_option_a_refusal_suggests_runs_as_printed(
    argv: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # issue 9 §7: each refusal's first suggestion, typed as printed (in place of the option
    # refused, or added), until the command is accepted: a suggestion that is itself refused
    # for the same option fails
    words, fixed = argv.split(), None
    for _ in range(3):
        code, _, err = run(words, capsys)
        if code == 0:
            return
        assert not err.startswith(f"ldncalc: {fixed}:"), f"{' '.join(words)}: {err}"
        fix = err.rsplit("; ", 1)[-1]
        if match := SUGGESTION.search(fix):
            option, value = match.groups()
        else:
            match = EXAMPLE.search(fix)
            assert match, err
            option, value = err.split(":")[1].strip(), match.group(1)
        if option in words:
            words[words.index(option) + 1] = value
        else:
            words += [option, value]
        fixed = option
    pytest.fail(f"still refused after 3 suggestions: {' '.join(words)}")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            "capsule --strength 0.5mg --quantity 30 --balance-sensitivity abc",
            '--balance-sensitivity: "abc" does not start with a number; write e.g. 6mg',
        ),
        (
            "titrate --start abc --step 0.5mg --every 7d --target 4.5mg",
            '--start: "abc" does not start with a number; write e.g. 0.5mg',
        ),
    ],
)
def test_a_balance_and_a_first_dose_have_examples_of_their_own(
    argv: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the generic mass example was 4.5mg: a dose, not a balance's sensitivity (6 mg, a class
    # III prescription balance) nor where a titration starts
    code, _, err = run(argv, capsys)
    assert (code, err) == (2, f"ldncalc: {message}\n")


def test_liquid_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = json_of(LIQUID, capsys)
    assert data["kind"] == "liquid"
    assert_quantity(data["dose_volume"], "mL")
    assert data["dose_volume"]["value"] == 4.5
    assert_quantity(data["concentration"], "mg/mL")
    assert data["concentration"]["value"] == 1
    assert_quantity(data["final_volume"], "mL")
    assert data["final_volume"]["value"] == 100
    assert data["tablets"] == 2
    assert data["doses"] == 21  # with their spare: 21 × 4.5 mL + 4.725 → 4.8 mL ≤ 100 mL
    assert data["days_supply"] == 14  # never more than the BUD
    assert data["doses_volume"] == {"value": 94.5, "unit": "mL"}
    assert data["spare"] == {"value": 5.5, "unit": "mL"}
    assert data["spare_minimum"] == {"value": 4.8, "unit": "mL"}  # to the cylinder's 0.1 mL
    assert data["ingredients"][0]["drug_dispensed"] == {"value": 100, "unit": "mg"}
    assert data["bud"]["days"] == 14
    assert isinstance(data["warnings"], list)
    assert len(data["warnings"]) == 1
    assert [s["name"] for s in data["steps"]][:3] == [
        "Dose volume",
        "Volume for the doses asked",
        "Spare",
    ]
    assert all(set(s) >= {"name", "formula", "calculation"} for s in data["steps"])
    assert data["formulation"]["id"] == "ldn-liquid-water"
    # was a bare number (0): every quantity carries its unit, a percentage too
    assert data["dose_deviation"] == {"value": 0, "unit": "%"}
    for where, quantity in quantities_in(data):
        assert_quantity(quantity, where=where)


@pytest.mark.parametrize(
    ("argv", "deviation"),
    [
        # 2.37 mg at 1 mg/mL = 2.37 mL, measured as 2.4 mL in the 3 mL syringe: +1.3 %
        ("liquid --target 2.37mg", 1.3),
        # 4.41 mg → 4.41 mL, measured as 4.4 mL in the 5 mL syringe (0.2 mL marks): −0.2 %
        ("liquid --target 4.41mg", -0.2),
    ],
)
def test_a_dose_rounded_to_a_mark_gives_its_deviation_as_a_signed_percentage(
    argv: str, deviation: float, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json_of(argv, capsys)
    assert data["dose_deviation"] == {"value": deviation, "unit": "%"}


@pytest.mark.parametrize(
    ("argv", "source"),
    [(CAPSULE, "api"), (f"{TABLETS} --tablet-weight 250mg", "tablets")],
)
def test_capsule_json_has_the_contract_keys(
    argv: str, source: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json_of(argv, capsys)
    assert data["kind"] == "capsule"
    assert data["batch"] == 31
    assert data["capsule_size"] == "1"
    for key in CAPSULE_QUANTITIES:
        assert_quantity(data[key], "mg")
    assert data["fill_weight"]["value"] == 152.5
    assert data["bud"]["days"] == 180
    assert isinstance(data["warnings"], list)
    assert isinstance(data["steps"], list)
    assert data["steps"]
    if source == "api":
        assert_quantity(data["api_weight"], "mg")
        assert data["api_weight"]["value"] == 139.5
        assert data["filler_weight"]["value"] == 4588
    else:
        assert data["tablets"] == 3
        assert_quantity(data["powder_weight"], "mg")
        assert data["powder_weight"]["value"] == 697.5
        assert data["filler_weight"]["value"] == 4030
    for where, quantity in quantities_in(data):
        assert_quantity(quantity, where=where)


def test_library_json_is_the_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    from ldncalc import capsule, liquid

    # the same JSON, the messages' words written for the command line (--fill-weight, not
    # fill_weight=)
    cli = {"lang": "en", "surface": "cli"}
    assert json_of(LIQUID, capsys) == json.loads(
        liquid(target="4.5mg").model_dump_json(context=cli)
    )
    assert json_of(CAPSULE, capsys) == json.loads(
        capsule(strength="4.5mg", quantity=30).model_dump_json(context=cli)
    )


# A small validator for the JSON Schema keywords ldncalc's schema uses. (jsonschema is not a
# dependency; an unknown keyword fails the test rather than being skipped silently.)
ANNOTATIONS = {"title", "description", "default", "$schema", "examples", "$defs"}
TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": int | float,
    "boolean": bool,
    "null": type(None),
}


def validate(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "$") -> None:
    for keyword in schema:
        assert keyword in ANNOTATIONS or keyword in {
            "$ref",
            "anyOf",
            "oneOf",
            "type",
            "properties",
            "required",
            "additionalProperties",
            "items",
            "enum",
            "const",
            "exclusiveMinimum",
            "minimum",
        }, f"the test's validator does not know {keyword!r} (at {where})"
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/"), ref
        validate(value, root["$defs"][ref.removeprefix("#/$defs/")], root, where)
    for combinator in ("anyOf", "oneOf"):
        if combinator in schema:
            passed = 0
            for option in schema[combinator]:
                try:
                    validate(value, option, root, where)
                    passed += 1
                except AssertionError:
                    pass
            assert passed >= 1 if combinator == "anyOf" else passed == 1, (where, combinator)
    if "type" in schema:
        kind = TYPES[schema["type"]]
        assert isinstance(value, kind), (where, schema["type"], value)
        # JSON true/false are not numbers, whatever Python's bool says
        assert schema["type"] == "boolean" or not isinstance(value, bool), (where, value)
    if "enum" in schema:
        assert value in schema["enum"], (where, value)
    if "const" in schema:
        assert value == schema["const"], (where, value)
    if "exclusiveMinimum" in schema:
        assert value > schema["exclusiveMinimum"], (where, value)
    if "minimum" in schema:
        assert value >= schema["minimum"], (where, value)
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", ()):
            assert key in value, f"{where}: required key {key!r} missing"
        for key, item in value.items():
            if key in properties:
                validate(item, properties[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                raise AssertionError(f"{where}: key {key!r} is not in the schema")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            validate(item, schema["items"], root, f"{where}[{i}]")


@pytest.fixture(scope="module")
def published_schema() -> dict[str, Any]:
    done = run_process("schema")
    assert done.returncode == 0, done.stderr
    schema: dict[str, Any] = json.loads(done.stdout)
    return schema


def test_the_validator_rejects_what_the_schema_forbids(published_schema: dict[str, Any]) -> None:
    good = json.loads(
        __import__("ldncalc").liquid(target="4.5mg").model_dump_json()  # a known-good result
    )
    validate(good, published_schema, published_schema)
    broken = {**good, "dose_volume": 4.5}  # a quantity without its unit
    with pytest.raises(AssertionError):
        validate(broken, published_schema, published_schema)
    missing = {k: v for k, v in good.items() if k != "bud"}
    with pytest.raises(AssertionError):
        validate(missing, published_schema, published_schema)


@pytest.mark.parametrize(
    "argv",
    [
        LIQUID,
        "liquid --target 0.05mg",
        "liquid --target 4.5mg --volume 150mL --formulation ldn-liquid-preserved",
        "liquid --target 2.37mg --concentration 1mg/mL --doses-per-day 2 --days 2w",
        "liquid --target 4.41mg",  # a negative deviation
        CAPSULE,
        f"{CAPSULE} --salt base --assay 99.2% --overage 5% --size 0 --filler mcc-ph301",
        f"{CAPSULE} --fill-weight 160mg --filler lactose",
        f"{TABLETS} --tablet-weight 250mg",
    ],
)
def test_json_validates_against_the_published_schema(
    argv: str, published_schema: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data = json_of(argv, capsys)
    validate(data, published_schema, published_schema)
    required = published_schema["$defs"][
        "LiquidResult" if data["kind"] == "liquid" else "CapsuleResult"
    ]["required"]
    contract = (
        {"dose_volume", "concentration", "tablets", "final_volume", "doses", "bud", "warnings"}
        if data["kind"] == "liquid"
        else {"batch", "capsule_size", "filler_weight", "fill_weight", "bud", "warnings"}
    )
    assert contract | {"steps"} <= set(required)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["liquid", "--target", "4.5", "mg"],
            'ldncalc: --target: "4.5 mg" was split in two at the space; write 4.5mg or put it '
            'in quotes: "4.5 mg"\n',
        ),
        (
            ["liquid", "--target", "4.5mg", "extra"],
            "ldncalc: Got unexpected extra argument(s) (extra) (see 'ldncalc liquid --help')\n",
        ),
    ],
)
def test_an_amount_split_by_the_shell_is_named(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err == message


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_on_stdout_is_one_line_and_exit_74() -> None:
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "ldncalc", "liquid", "--target", "4.5mg", "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 74
    assert done.stderr == "ldncalc: cannot write the output (No space left on device)\n"


def test_a_broken_default_profile_says_why_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # no label is asked for: the profile is read only for its balance sensitivity
    (tmp_path / "pharmacy.toml").write_text("name = \n", encoding="utf-8")
    monkeypatch.setenv("LDNCALC_CONFIG_DIR", str(tmp_path))
    assert main(["liquid", "--target", "4.5mg"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "ldncalc: --balance-sensitivity: defaults to the balance in the pharmacy profile "
        f"{tmp_path / 'pharmacy.toml'}, which cannot be read ("
    )
    assert err.endswith("; fix the profile ('ldncalc config show') or give --balance-sensitivity\n")
    # the way out it names works
    assert main(["liquid", "--target", "4.5mg", "--balance-sensitivity", "6mg"]) == 0


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            "liquid --target 4.5mg --target 3mg",
            'ldncalc: --target: is given 2 times ("4.5mg" and "3mg"); give it once',
        ),
        (
            "capsule --strength=4.5mg --quantity 30 --strength 1.5mg",
            'ldncalc: --strength: is given 2 times ("4.5mg" and "1.5mg"); give it once',
        ),
    ],
)
def test_an_option_given_twice_is_refused_not_guessed(
    argv: str, line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # review: the last value was kept silently (click's way): a dose must not be a guess
    assert run(argv, capsys) == (2, "", line + "\n")


def test_repeatable_options_and_flags_may_be_repeated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run("liquid --target 4.5mg --json --json", capsys)
    assert code == 0
    assert out.startswith("{")
    code, _, err = run(
        "capsule --strength 4.5mg --quantity 30 --expiry naltrexone=2030-01-01 "
        "--expiry cellulose=2030-01-01",
        capsys,
    )
    assert "given 2 times" not in err  # refused for another reason: no --label


# --------------------------------------------------------------------------------------------
# Hostile input, files and streams (issue 9 §8)
# --------------------------------------------------------------------------------------------

NINES = "9" * 5000
TITRATE = "titrate --start 0.5mg --step 0.5mg --target 4.5mg"


def shown(text: str) -> str:
    """How a message quotes a value of more than 400 characters: its start, its end, its length."""
    return f"{text[:60]}...{text[-30:]} ({len(text):,} characters)"


AMOUNT = "more than any amount needs (20); write e.g."
RANGE = "it is out of range; write a whole number from"


@pytest.mark.parametrize(
    ("argv", "option", "value", "problem"),
    [
        ("liquid --target {N}mg", "--target", "{N}mg", f"{AMOUNT} 4.5mg"),
        (f"{LIQUID} --days {{N}}", "--days", "{N}", f"{RANGE} 1 to 365"),
        (f"{LIQUID} --days {{N}}d", "--days", "{N}d", f"{AMOUNT} 14d"),
        (f"{LIQUID} --volume {{N}}mL", "--volume", "{N}mL", f"{AMOUNT} 100mL"),
        (f"{LIQUID} --doses-per-day {{N}}", "--doses-per-day", "{N}", f"{RANGE} 1 to 4"),
        ("capsule --strength 4.5mg --quantity {N}", "--quantity", "{N}", f"{RANGE} 1 to 1,000"),
        (f"{CAPSULE} --fill-weight {{N}}mg", "--fill-weight", "{N}mg", f"{AMOUNT} 150mg"),
        (f"{CAPSULE} --assay {{N}}%", "--assay", "{N}%", f"{AMOUNT} 98.5%"),
        (f"{CAPSULE} --overage {{N}}", "--overage", "{N}", f"{RANGE} 0 to 100"),
        (f"{TITRATE} --every {{N}}", "--every", "{N}", f"{RANGE} 1 to 365"),
        ("titrate --start 0.5mg --step {N}mg --every 7 --target 4.5mg", "--step", "{N}mg",
         f"{AMOUNT} 0.5mg"),
    ],
)  # fmt: skip
def test_a_number_of_absurd_length_is_refused_in_one_line(
    argv: str, option: str, value: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # before issue 9 §8: exit 70 (ValueError or decimal.InvalidOperation) for most of them
    value = value.format(N=NINES)
    code, out, err = run(argv.format(N=NINES), capsys)
    digits = "5,000 digits, " if "amount" in problem else "5,000 digits: "
    assert (code, out) == (2, "")
    assert err == f'ldncalc: {option}: "{shown(value)}" has {digits}{problem}\n'


def long_name(tmp_path: Path) -> Path:
    """A path whose last name is longer than any file system allows (ENAMETOOLONG)."""
    return tmp_path / ("a" * 300)


CANNOT_BE_READ = (
    "cannot be read (File name too long); give a path that exists and that you can read"
)
LABEL = f"{LIQUID} --label l.txt --patient A --prescriber B --rx 1"
INIT = "config init --name P --address A --phone 1"
CONFIG_DIR = {"LDNCALC_CONFIG_DIR": "{path}"}


@pytest.mark.parametrize(
    ("argv", "environment", "option", "suffix"),
    [
        (f"{LIQUID} --formulations-dir {{path}}", {}, "--formulations-dir", ""),
        (LIQUID, {"LDNCALC_FORMULATIONS": "{path}"}, "LDNCALC_FORMULATIONS", ""),
        ("titrate --protocol ldnrt-weekly --formulations-dir {path}", {}, "--formulations-dir", ""),
        ("formulations check {path}", {}, "DIR", ""),
        (f"{LABEL} --pharmacy {{path}}", {}, "--pharmacy", ""),
        (LIQUID, CONFIG_DIR, "LDNCALC_CONFIG_DIR", "/pharmacy.toml"),
        (INIT, CONFIG_DIR, "LDNCALC_CONFIG_DIR", "/pharmacy.toml"),
        (f"{INIT} --pharmacy {{path}}", {}, "--pharmacy", ""),
    ],
)  # fmt: skip
def test_an_input_path_that_cannot_be_read_is_an_input_error_naming_it(
    argv: str,
    environment: dict[str, str],
    option: str,
    suffix: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # before issue 9 §8: "cannot write the output (File name too long)", exit 74
    path = long_name(tmp_path)
    monkeypatch.chdir(tmp_path)
    for name, value in environment.items():
        monkeypatch.setenv(name, value.format(path=path))
    code, out, err = run(shlex.split(argv.format(path=path)), capsys)
    assert (code, out) == (2, "")
    assert err == f'ldncalc: {option}: "{path}{suffix}" {CANNOT_BE_READ}\n'


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_that_cannot_be_searched_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    (locked / "formulations").mkdir(parents=True)
    locked.chmod(0)
    try:
        code, out, err = run(
            [*LIQUID.split(), "--formulations-dir", f"{locked}/formulations"], capsys
        )
    finally:
        locked.chmod(0o700)
    assert (code, out) == (2, "")
    assert err == (
        f'ldncalc: --formulations-dir: "{locked}/formulations" cannot be read (Permission '
        "denied); give a path that exists and that you can read\n"
    )


def test_a_formulations_folder_that_cannot_be_listed_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # what a folder without read permission gives, for a test that may run as root; before
    # issue 9 §8: "cannot write the output (Permission denied)", exit 74
    import ldncalc.formulations

    def refuse(path: object) -> Any:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(ldncalc.formulations.os, "scandir", refuse)
    code, out, err = run([*LIQUID.split(), "--formulations-dir", str(tmp_path)], capsys)
    assert (code, out) == (2, "")
    assert err == (
        f"ldncalc: {tmp_path}: cannot be read (Permission denied); give a folder that you can "
        "read\n"
    )


# --- streams: real processes ------------------------------------------------------------------


def ldncalc_process(
    *args: str, environment: dict[str, str] | None = None, **options: Any
) -> subprocess.CompletedProcess[bytes]:
    """``python -m ldncalc ARGS`` (the console script's code) with its output as bytes."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LDNCALC_", "PYTHONIO"))}
    env.update({"NO_COLOR": "1", **(environment or {})})
    options.setdefault("capture_output", "stdout" not in options and "stderr" not in options)
    return subprocess.run([sys.executable, "-m", "ldncalc", *args], env=env, check=False, **options)


def readable_in(encoding: str, text: str) -> str:
    """``text`` as ldncalc writes it to a stream in ``encoding``: each character the encoding
    lacks as its readable equivalent (a KeyError here is a character ldncalc would escape)."""
    from ldncalc.console import READABLE

    def fits(character: str) -> bool:
        try:
            character.encode(encoding)
        except UnicodeEncodeError:
            return False
        return True

    return "".join(c if fits(c) else READABLE[c] for c in text)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
@pytest.mark.parametrize(
    "argv",
    [
        LIQUID,
        "liquid --target 0.25mg",  # warnings, with an en dash in a range
        CAPSULE,
        "titrate --start 0.5mg --step 0.5mg --every 7 --target 4.5mg --start-date 2026-03-02",
    ],
)
def test_any_output_encoding_prints_every_number_exactly(encoding: str, argv: str) -> None:
    # before issue 9 §8: exit 70 and no output (UnicodeEncodeError on →, ≤ or –); --json is
    # written ASCII-only instead (the test below)
    utf8 = ldncalc_process(*argv.split(), environment={"PYTHONIOENCODING": "utf-8"})
    done = ldncalc_process(*argv.split(), environment={"PYTHONIOENCODING": encoding})
    assert (done.returncode, done.stderr) == (0, b"")
    text = done.stdout.decode(encoding)
    assert text == readable_in(encoding, utf8.stdout.decode("utf-8"))
    assert re.findall(r"[0-9][0-9.,]*", text) == re.findall(r"[0-9][0-9.,]*", utf8.stdout.decode())


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
@pytest.mark.parametrize(
    "argv",
    [
        f"{CAPSULE} --json",  # "90–110 %", "20–25 °C", "×"
        f"{LIQUID} --json --lang fr",  # French words: accents, narrow no-break spaces
        "titrate --start 0.5mg --step 0.5mg --every 7 --target 4.5mg --start-date 2026-03-02 "
        "--json",
        "formulations show ldn-liquid-water --json",
        "schema",
    ],
)
def test_json_on_a_stream_that_is_not_utf8_is_ascii_and_the_same_json(
    encoding: str, argv: str
) -> None:
    # review defect 8: under cp1252 the en dash of "90–110 %" went out as byte 0x96, which no
    # JSON reader (UTF-8, RFC 8259) decodes. Now ASCII with \u escapes: the same JSON value.
    utf8 = ldncalc_process(*argv.split(), environment={"PYTHONIOENCODING": "utf-8"})
    done = ldncalc_process(*argv.split(), environment={"PYTHONIOENCODING": encoding})
    assert (done.returncode, done.stderr, utf8.returncode) == (0, b"", 0)
    assert done.stdout.isascii()
    assert not utf8.stdout.isascii()  # UTF-8 unchanged: the characters themselves
    assert json.loads(done.stdout.decode("utf-8")) == json.loads(utf8.stdout.decode("utf-8"))


def test_json_on_a_utf8_stream_is_written_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    from ldncalc import liquid
    from ldncalc.render import json_text

    assert main([*LIQUID.split(), "--json"]) == 0
    out = capsys.readouterr().out
    assert out == json_text(liquid(target="4.5mg"), {"lang": "en", "surface": "cli"}) + "\n"
    assert "2–8 °C" in out


@given(st.recursive(st.text() | st.integers(), lambda inner: st.dictionaries(st.text(), inner)))
def test_ascii_json_is_the_same_json_value(value: Any) -> None:
    from ldncalc.cli.output import ascii_json

    written = ascii_json(json.dumps(value, ensure_ascii=False, indent=2))
    assert written.isascii()
    assert json.loads(written) == value


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_less_than_or_equal_is_written_as_plain_ascii_where_the_encoding_lacks_it(
    encoding: str,
) -> None:
    # README: "≤ as <=", plain ASCII, never a look-alike (cp1252 has ‹, U+2039, at 0x8B)
    done = ldncalc_process(*LIQUID.split(), environment={"PYTHONIOENCODING": encoding})
    assert done.returncode == 0
    text = done.stdout.decode(encoding)
    joined = " ".join(text.split())
    assert "dose volume + spare <= final volume" in joined
    assert "99.3 mL <= 100 mL" in joined
    assert not {"\u2264", "\u2039"} & set(text)


def test_the_readable_equivalents_keep_json_and_digits() -> None:
    import codecs

    from ldncalc.console import ERROR_HANDLER, readable

    codecs.register_error(ERROR_HANDLER, readable)
    text = "2–8 °C, ≤ 1\u202f000, 63 mg ÷ 50 mg = 1.26 → 2, é, \uff14, \U0001f600"
    assert text.encode("ascii", ERROR_HANDLER).decode("ascii") == (
        "2-8 degC, <= 1 000, 63 mg / 50 mg = 1.26 -> 2, e, \\uff14, \\ud83d\\ude00"
    )
    # an escape is JSON's own: a JSON string stays the same string
    assert json.loads(json.dumps("\uff14\U0001f600", ensure_ascii=False).encode(
        "ascii", ERROR_HANDLER
    )) == "\uff14\U0001f600"  # fmt: skip


def test_a_path_in_an_error_is_readable_in_a_latin1_stream(tmp_path: Path) -> None:
    folder = tmp_path / "no→such"
    done = ldncalc_process(
        *LIQUID.split(),
        "--formulations-dir",
        str(folder),
        environment={"PYTHONIOENCODING": "latin-1"},
    )
    assert (done.returncode, done.stdout) == (2, b"")
    assert done.stderr.decode("latin-1") == (
        f'ldncalc: --formulations-dir: "{tmp_path}/no->such" is not a folder; give a folder of '
        ".toml files\n"
    )


def _closing(fd: int) -> Any:
    return lambda: os.close(fd)


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor in the child")
def test_a_closed_stdout_is_an_output_error() -> None:
    # before issue 9 §8: a traceback (AttributeError: 'NoneType' object has no attribute 'flush')
    done = ldncalc_process(*LIQUID.split(), preexec_fn=_closing(1), stderr=subprocess.PIPE)
    assert done.returncode == 74
    assert done.stderr == b"ldncalc: cannot write the output (standard output is closed)\n"


@pytest.mark.skipif(os.name != "posix", reason="closes a file descriptor in the child")
def test_a_closed_stderr_is_an_output_error_before_anything_is_printed() -> None:
    # before issue 9 §8: exit 0, and every warning and error lost without a word
    done = ldncalc_process(*LIQUID.split(), preexec_fn=_closing(2), stdout=subprocess.PIPE)
    assert (done.returncode, done.stdout) == (74, b"")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_an_error_that_cannot_be_written_is_an_output_error() -> None:
    # before issue 9 §8: exit 1 (the error line itself raised OSError)
    with Path("/dev/full").open("wb") as full:
        done = ldncalc_process(
            *LIQUID.split(), "--days", "abc", stdout=subprocess.PIPE, stderr=full
        )
    assert (done.returncode, done.stdout) == (74, b"")


def test_a_reader_that_stops_reading_is_not_an_error() -> None:
    # | head -c 0: the pipe is closed before ldncalc writes anything
    with subprocess.Popen(
        [sys.executable, "-m", "ldncalc", *LIQUID.split(), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()
        err = process.stderr.read()
    assert (process.returncode, err) == (0, b"")


# A real SIGINT, sent by the process to itself when it starts to import `module` (`times`
# times: a second Ctrl-C while the first is being handled).
_INTERRUPTED = """
import os, signal, sys

MODULE, TIMES = sys.argv[1], int(sys.argv[2])

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == MODULE:
            for _ in range(TIMES):
                os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv = ["ldncalc", "liquid", "--target", "4.5mg"]
from ldncalc.console import run
run()
"""


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
@pytest.mark.parametrize(
    ("module", "times"),
    [
        ("typer", 1),  # start-up: the dependencies
        ("pint", 1),
        ("pydantic", 1),
        ("pydantic", 2),
        ("ldncalc.cli", 1),
        ("ldncalc.preparations.liquid", 1),  # the command itself
        ("ldncalc.preparations.liquid", 2),
    ],
)
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(module: str, times: int) -> None:
    # before issue 9 §8: a traceback and death by SIGINT during the imports, exit 130 without
    # a word during the command
    done = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED, module, str(times)],
        capture_output=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (130, b"", b"ldncalc: interrupted\n")


_EXIT_HANDLER = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("exit handler ran\\n"))
sys.argv = ["ldncalc", *sys.argv[1:]]
from ldncalc.console import run
run()
"""


def test_the_console_script_ends_as_a_whole_process_does(tmp_path: Path) -> None:
    # the console script skips the interpreter's teardown once the command has ended: the exit
    # handlers still run, the files it wrote are whole (the same as the command writes in this
    # process), the output is all there and the exit code is the command's
    pharmacy = Path(__file__).parent.parent / "docs" / "pharmacy.example.toml"
    args = [*LIQUID.split(), "--label", "l.txt", "--record", "r.txt", "--json", "--lot", "A1"]
    args += ["--patient", "A", "--prescriber", "B", "--rx", "1", "--pharmacy", str(pharmacy)]
    (tmp_path / "process").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _EXIT_HANDLER, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path / "process",
        check=False,
    )
    assert (done.returncode, done.stderr.splitlines()[-1]) == (0, "exit handler ran")
    assert json.loads(done.stdout)["kind"] == "liquid"
    (tmp_path / "here").mkdir()
    with contextlib.chdir(tmp_path / "here"):
        assert main([*args, "--no-log"]) == 0
    for name in ("l.txt", "r.txt"):
        written = (tmp_path / "process" / name).read_text()
        assert written == (tmp_path / "here" / name).read_text()
    refused = subprocess.run(
        [sys.executable, "-c", _EXIT_HANDLER, "liquid", "--target", "4,5mg"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (refused.returncode, refused.stderr.splitlines()[-1]) == (2, "exit handler ran")
