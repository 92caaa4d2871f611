"""Compare every output of ``liquid()`` between two versions of ldncalc, byte for byte.

    python bench/compare_liquid.py dump OUT.jsonl      # with the code to compare
    python bench/compare_liquid.py diff OLD.jsonl NEW.jsonl

``dump`` runs a fixed, generated set of inputs (targets in mg and mcg, days, volumes,
concentrations, doses a day, tablet strengths, balance sensitivities, the formulations, a
formulations folder with other spares and limits, both languages, refusals) through the
library (``liquid()``: its ``model_dump_json`` in English and in French for the command line,
its steps, warnings and notes in words, or the refusal) and through the command line (typer's
CliRunner: the screen and ``--json``, with the exit code), one JSON line per input. ``diff``
says how many inputs differ and shows the first differences. The set is the same on every run
(a seeded generator), so a dump of the old code and one of the new compare input by input.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

FORMULATIONS = Path(__file__).resolve().parent.parent / "formulations"

TARGETS_MG = [
    "0.5mg",
    "1mg",
    "1.5mg",
    "2mg",
    "2.25mg",
    "3mg",
    "3.5mg",
    "4mg",
    "4.5mg",
    "5mg",
    "6mg",
    "7.5mg",
    "10mg",
    "0.1mg",
    "0.25mg",
    "0.75mg",
    "1.75mg",
    "2.4mg",
    "3.3mg",
    "4.75mg",
    "0.05mg",
    "8mg",
    "9.9mg",
    "0.333mg",
    "1.234mg",
    "0.01mg",
    "4.5 mg",
]
TARGETS_MCG = [
    "500mcg",
    "250mcg",
    "100mcg",
    "50mcg",
    "25mcg",
    "10mcg",
    "5mcg",
    "1mcg",
    "750mcg",
    "12.34mcg",
    "2mcg",
    "125mcg",
    "333mcg",
    "1500mcg",
    "40mcg",
    "3mcg",
]
TARGETS_BAD = ["4,5mg", "abc", "-1mg", "0mg", "11mg", "4.5", "4.5mL", "0.5mcg", "1e3mcg", ""]
DAYS = [
    None,
    None,
    None,
    "7",
    "14",
    "14d",
    "2w",
    "28",
    "30",
    "35",
    "60",
    "90",
    "1",
    "3",
    "0",
    "abc",
    "10000",
]
CONCENTRATIONS = [
    None,
    None,
    None,
    "0.5mg/mL",
    "1mg/mL",
    "5mg/mL",
    "0.75mg/mL",
    "20mg/mL",
    "500mcg/mL",
    "1 mg/mL",
    "2mg",
]
VOLUMES = [
    None,
    None,
    None,
    None,
    "30mL",
    "50mL",
    "100mL",
    "45mL",
    "1000mL",
    "25mL",
    "10mL",
    "150mL",
    "0.5L",
    "abc",
    "5mL",
]
PER_DAY = ["1", "1", "1", "2", "3", "4", "0", "x"]
STRENGTHS = [None, None, None, None, "50mg", "25mg", "10mg", "abc"]
SENSITIVITIES = [None, None, None, "1mg", "10mg", "0.1mg", "100mg"]
FORMS = [
    None,
    None,
    "ldn-liquid-water",
    "ldn-liquid-preserved",
    "ldn-liquid-spare",
    "ldn-liquid-nospare",
    "ldn-liquid-odd",
    "nosuch",
]


def custom_folder() -> Path:
    """A formulations folder with three more records: another spare (2 doses or 12.5 %), a
    spare of 1 dose or 0 % with another default concentration, and concentrations (0.3, 0.7,
    3 mg/mL) whose final volumes are made up to a tenth of a mL."""
    folder = Path(tempfile.mkdtemp(prefix="ldncalc-compare-"))
    water = (FORMULATIONS / "ldn-liquid-water.toml").read_text(encoding="utf-8")
    spare = water.replace('id = "ldn-liquid-water"', 'id = "ldn-liquid-spare"')
    spare = spare.replace("[spare]\ndoses = 1\npercent = 5", "[spare]\ndoses = 2\npercent = 12.5")
    nospare = water.replace('id = "ldn-liquid-water"', 'id = "ldn-liquid-nospare"')
    nospare = nospare.replace("[spare]\ndoses = 1\npercent = 5", "[spare]\ndoses = 1\npercent = 0")
    nospare = nospare.replace('default = "1mg/mL"', 'default = "0.5mg/mL"')
    # concentrations whose volumes are not whole tenths of a mL: the final volume is made up
    odd = water.replace('id = "ldn-liquid-water"', 'id = "ldn-liquid-odd"')
    odd = odd.replace('default = "1mg/mL"', 'default = "0.3mg/mL"')
    odd = odd.replace(
        'listed = ["0.5mg/mL", "1mg/mL", "5mg/mL"]', 'listed = ["0.3mg/mL", "0.7mg/mL", "3mg/mL"]'
    )
    odd = odd.replace('minimum = "0.5mg/mL"', 'minimum = "0.3mg/mL"')
    records = (
        ("ldn-liquid-spare", spare),
        ("ldn-liquid-nospare", nospare),
        ("ldn-liquid-odd", odd),
    )
    for name, text in records:
        assert text != water
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def inputs() -> list[dict[str, Any]]:
    """The generated inputs: a grid of the common options, then random combinations."""
    cases: list[dict[str, Any]] = []
    for target in TARGETS_MG + TARGETS_MCG + TARGETS_BAD:
        for lang in ("en", "fr"):
            cases.append({"target": target, "lang": lang})
    for target in ["4.5mg", "1.5mg", "25mcg", "3mg", "0.5mg"]:
        for days in DAYS:
            cases.append({"target": target, "days": days, "lang": "en"})
        for volume in VOLUMES:
            cases.append({"target": target, "volume": volume, "lang": "fr"})
        for conc in CONCENTRATIONS:
            cases.append({"target": target, "concentration": conc, "lang": "en"})
    for target in ["4.5mg", "1.5mg", "0.1mg", "2.1mg", "25mcg", "7mg"]:
        for days in [None, "7", "13", "28"]:
            case = {"target": target, "formulation": "ldn-liquid-odd", "lang": "en"}
            cases.append(case if days is None else {**case, "days": days})
    rng = random.Random(11)
    while len(cases) < 1100:
        wild = rng.random() < 0.25  # any option may be a bad one; else the usable ones
        case: dict[str, Any] = {
            "target": rng.choice(TARGETS_MG + TARGETS_MCG + TARGETS_MG + TARGETS_BAD[:3] * wild),
            "lang": rng.choice(["en", "fr"]),
            "concentration": rng.choice(CONCENTRATIONS[: None if wild else 7]),
            "days": rng.choice(DAYS[: None if wild else 12]),
            "volume": rng.choice(VOLUMES) if rng.random() < 0.3 else None,
            "doses_per_day": rng.choice(PER_DAY[: None if wild else 5]),
            "tablet_strength": rng.choice(STRENGTHS[: None if wild else 6]),
            "balance_sensitivity": rng.choice(SENSITIVITIES),
            "formulation": rng.choice(FORMS[: None if wild else 7]),
        }
        if case["volume"] is not None and rng.random() < 0.8:
            case["days"] = None
        cases.append({k: v for k, v in case.items() if v is not None})
    return cases


def _options(case: dict[str, Any], folder: Path) -> list[str]:
    args = ["liquid"]
    for name, value in case.items():
        if name != "lang":
            args += ["--" + name.replace("_", "-"), value]
    args += ["--formulations-dir", str(folder), "--lang", case["lang"]]
    return args


def run_one(case: dict[str, Any], folder: Path, runner: Any, app: Any) -> dict[str, Any]:
    from ldncalc import LdnCalcError, liquid

    out: dict[str, Any] = {"input": case}
    kwargs = {k: v for k, v in case.items() if k != "lang"}
    try:
        result = liquid(**kwargs, formulations_dir=folder)
    except LdnCalcError as error:
        out["library"] = f"{type(error).__name__}: {error}"
        out["library_fr"] = error.render(case["lang"], surface="cli")
    except Exception as error:  # a bug: kept as it is, to be compared too
        out["library"] = f"{type(error).__name__}: {error}"
    else:
        out["library"] = result.model_dump_json()
        out["library_fr"] = result.model_dump_json(context={"lang": "fr", "surface": "cli"})
        out["words"] = [
            [str(m) for m in result.warnings],
            [str(m) for m in result.notes],
            [s.text() for s in result.steps],
            [s.text("fr", "cli") for s in result.steps],
        ]
    for mode in ("screen", "json"):
        args = _options(case, folder) + (["--json"] if mode == "json" else [])
        got = runner.invoke(app, args)
        out[mode] = [got.exit_code, got.stdout, got.stderr]
    return out


def dump(path: str) -> None:
    from typer.testing import CliRunner

    import ldncalc
    from ldncalc.cli import app

    root = str(Path(ldncalc.__file__).resolve().parent.parent)  # the builtin records' folder
    folder = custom_folder()
    try:
        runner = CliRunner()
        with Path(path).open("w", encoding="utf-8") as file:
            for case in inputs():
                line = json.dumps(run_one(case, folder, runner, app), ensure_ascii=False)
                file.write(line.replace(root, "ROOT"))
                file.write("\n")
    finally:
        shutil.rmtree(folder)


def _normal(line: dict[str, Any]) -> dict[str, Any]:
    # the temporary folder's name differs from run to run
    text = json.dumps(line, ensure_ascii=False)
    for prefix in ("/tmp/ldncalc-compare-",):
        while prefix in text:
            start = text.index(prefix)
            end = start + len(prefix)
            while end < len(text) and (text[end].isalnum() or text[end] == "_"):
                end += 1
            text = text[:start] + "FOLDER" + text[end:]
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def diff(old_path: str, new_path: str) -> int:
    old_lines = [
        _normal(json.loads(line))
        for line in Path(old_path).read_text(encoding="utf-8").splitlines()
    ]
    new_lines = [
        _normal(json.loads(line))
        for line in Path(new_path).read_text(encoding="utf-8").splitlines()
    ]
    assert len(old_lines) == len(new_lines), (len(old_lines), len(new_lines))
    differing = 0
    results = sum(1 for line in old_lines if "words" in line)
    for old, new_line in zip(old_lines, new_lines, strict=True):
        if old != new_line:
            differing += 1
            if differing <= 5:
                print("input:", old["input"])
                for key in old:
                    if old[key] != new_line.get(key):
                        a, b = str(old[key]), str(new_line.get(key))
                        at = next(
                            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), 0
                        )
                        print(f"  {key}:\n    old …{a[max(0, at - 200) : at + 300]}")
                        print(f"    new …{b[max(0, at - 200) : at + 300]}")
    print(
        f"{len(old_lines)} inputs ({results} results, {len(old_lines) - results} refusals): "
        f"{differing} differ"
    )
    return 1 if differing else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["dump"] and len(sys.argv) == 3:
        dump(sys.argv[2])
    elif sys.argv[1:2] == ["diff"] and len(sys.argv) == 4:
        sys.exit(diff(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
