"""capsule(), before and after a change: every figure, text and exit code, byte for byte.

    python bench/compare_capsule.py dump OUT.jsonl [--count 900]
    python bench/compare_capsule.py diff OLD.jsonl NEW.jsonl
    python bench/compare_capsule.py speed OLD_CHECKOUT NEW_CHECKOUT [--windows 20] [--order JSON]

``dump`` runs a fixed, generated set of inputs (strengths in mg and mcg, quantities, overage,
doses a day, capsule sizes, shells and shell weights, fillers and fill weights, API and
tablet formulations, the certificate options --salt/--assay/--assay-as/--assay-basis/--water,
balance sensitivities, both languages, and inputs that are refused) through the library
(``ldncalc.capsule``: the JSON in English and French, the result's repr, which pins the
types of every field, or the error's class, code and words) and through the command line
(typer's CliRunner: the screen or ``--json``, stderr and the exit code), one JSON line per
input. The inputs depend only on the seed, so the dump of the code before a change and the
dump after it compare line by line: ``diff`` prints the first differences and exits 1 if any.
The JSON Schema of CapsuleResult is the first line.

``speed`` measures ``capsule(strength="4.5 mg", quantity=30)`` (or ``--order``) in two
checkouts (each in a
process of its own, importing ldncalc from that folder), one 0.25 s window in each in turn so
that both see the same machine load: the best window of each, and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

# Each option: values accepted, then values refused (or refused in some combinations).
STRENGTHS = (
    ["4.5mg", "1.5mg", "3mg", "0.5mg", "1mg", "2.25mg", "6mg", "4500mcg", "750mcg", "250mcg",
     "100mcg", "0.1mg", "12mg", "16mg", "0.05mg", "50mcg", "1.75mg", "4mg"],
    ["4,5mg", "5mL", "0mg", "4.5", ".5mg", "1g"],
)  # fmt: skip
QUANTITIES = (["30", "60", "90", "1", "7", "14", "100", "500", "1000", "45"], ["0", "1001", "x"])
OVERAGES = (["0", "2", "5%", "10%", "0%", "25%", "3", "1"], ["50%", "abc", "200", "-1"])
PER_DAY = (["1", "2", "3"], ["0", "x"])
SOURCES = (["api", "tablets"], ["pills"])
SIZES = (["0", "1", "3", "00", "000", "4", "5", "#2", "2"], ["9", ""])
SHELLS = (["gelatin", "hpmc", "HPMC"], ["plastic"])
SHELL_WEIGHTS = (["76mg", "96mg", "40mg", "48mg", "120mg"], ["300mg", "76mcg"])
FILLERS = (["mcc", "lactose", "mcc-ph301"], ["calcium-carbonate", "talc"])
FILL_WEIGHTS = (["300mg", "250mg", "180mg", "400mg", "120mg"], ["150mcg", "99999mg"])
SENSITIVITIES = (["1mg", "0.1mg", "6mg", "10mg", "0.01mg", "2mg"], ["6g", "200mg"])
TABLET_WEIGHTS = (["250mg", "180mg", "100mg", "300mg", "120mg"], ["40mg", "3000mg", "4mg"])
TABLET_STRENGTHS = (["50mg", "25mg"], ["4.5mg", "0mg"])
# certificates as a pharmacist types them, then ones that are refused
CERTIFICATES = (
    [{}, {"assay": "98.5%"}, {"assay": "101%"}, {"salt": "hcl", "assay": "99.2%"},
     {"salt": "hcl-dihydrate", "assay_as": "hcl-dihydrate", "assay": "99%"},
     {"salt": "hcl-dihydrate", "assay_as": "hcl"},
     {"salt": "hcl-dihydrate", "assay": "98.5%", "assay_basis": "anhydrous", "water": "8.6%"},
     {"salt": "hcl-dihydrate", "assay": "99%", "assay_basis": "dried", "water": "6%"},
     {"salt": "base", "assay": "99.2%"}, {"salt": "base"},
     {"assay_basis": "anhydrous", "water": "0.5%"}, {"assay_basis": "anhydrous", "water": "0%"},
     {"assay": "99%", "assay_basis": "anhydrous", "water": "6%"},
     {"salt": "base", "assay_basis": "anhydrous", "water": "1.2%", "assay": "98%"},
     {"assay": "98%", "assay_basis": "as-is"}],
    [{"assay": "0.985"}, {"assay": "98.5"}, {"assay": "120%"},
     {"salt": "hcl-dihydrate", "assay": "99%"}, {"water": "0.5%"},
     {"assay_basis": "anhydrous"}, {"salt": "sulfate"}, {"assay_basis": "wet"},
     {"salt": "hcl-dihydrate", "assay": "99%", "assay_as": "hcl"},
     {"salt": "hcl-dihydrate", "assay_basis": "anhydrous", "assay_as": "hcl-dihydrate",
      "water": "8%"},
     {"water": "20%", "assay_basis": "anhydrous"}, {"assay_as": "base"}],
)  # fmt: skip

OPTIONS = {
    "strength": "--strength",
    "quantity": "--quantity",
    "overage": "--overage",
    "doses_per_day": "--doses-per-day",
    "source": "--source",
    "size": "--size",
    "shell": "--shell",
    "shell_weight": "--shell-weight",
    "filler": "--filler",
    "fill_weight": "--fill-weight",
    "balance_sensitivity": "--balance-sensitivity",
    "tablet_weight": "--tablet-weight",
    "tablet_strength": "--tablet-strength",
    "salt": "--salt",
    "assay": "--assay",
    "assay_as": "--assay-as",
    "assay_basis": "--assay-basis",
    "water": "--water",
}


def inputs(count: int, seed: int = 11) -> list[dict[str, Any]]:
    """``count`` inputs: hand-picked ones first, then random draws (mostly valid ones: most
    options keep their default in most draws, so refusals do not drown the figures)."""
    picked: list[dict[str, Any]] = [
        {"strength": "4.5mg", "quantity": "30"},
        {"strength": "4.5mg", "quantity": "30", "source": "tablets", "tablet_weight": "250mg"},
        {"strength": "1.5mg", "quantity": "60", "balance_sensitivity": "1mg"},
        {"strength": "0.5mg", "quantity": "30", "source": "tablets", "tablet_weight": "250mg"},
        {"strength": "4.5mg", "quantity": "30", "salt": "hcl-dihydrate", "assay_as": "hcl"},
        {"strength": "4.5mg", "quantity": "30", "salt": "hcl-dihydrate", "assay": "98.5%",
         "assay_basis": "anhydrous", "water": "8.6%"},
        {"strength": "4.5mg", "quantity": "30", "salt": "base", "assay": "99.2%"},
        {"strength": "4.5mg", "quantity": "30", "assay_basis": "anhydrous", "water": "0.5%"},
        {"strength": "4.5mg", "quantity": "30", "overage": "5%", "size": "0", "shell": "hpmc"},
        {"strength": "250mcg", "quantity": "30", "fill_weight": "150mcg"},
    ]  # fmt: skip
    rng = random.Random(seed)
    out = [dict(p) for p in picked]
    while len(out) < count:
        refuse = rng.random() < 0.3  # about a third refused: one option given a bad value
        source = rng.choice(SOURCES[0]) if rng.random() < 0.6 else None
        tablets = source == "tablets"
        draws: dict[str, tuple[list[Any], list[Any]]] = {
            "strength": STRENGTHS,
            "quantity": QUANTITIES,
            "overage": OVERAGES,
            "doses_per_day": PER_DAY,
            "size": SIZES,
            "shell": SHELLS,
            "shell_weight": SHELL_WEIGHTS,
            "filler": FILLERS,
            "fill_weight": FILL_WEIGHTS,
            "balance_sensitivity": SENSITIVITIES,
        }
        if tablets:
            draws |= {"tablet_weight": TABLET_WEIGHTS, "tablet_strength": TABLET_STRENGTHS}
        case: dict[str, Any] = {"strength": rng.choice(STRENGTHS[0]), "quantity": "30"}
        if rng.random() < 0.5:
            case["quantity"] = rng.choice(QUANTITIES[0])
        for name, (good, _) in draws.items():
            if name not in case and rng.random() < 0.25:
                case[name] = rng.choice(good)
        if tablets and "tablet_weight" not in case and rng.random() < 0.9:
            case["tablet_weight"] = rng.choice(TABLET_WEIGHTS[0])
        if not tablets and rng.random() < 0.5:
            case |= rng.choice(CERTIFICATES[0])
        if source is not None:
            case["source"] = source
        if refuse:
            what = rng.choice([*draws, "certificate", "certificate", "source", "mixed"])
            if what == "certificate" and not tablets:
                case |= rng.choice(CERTIFICATES[1])
            elif what == "source":
                case["source"] = SOURCES[1][0]
            elif what == "mixed":  # an option of the other source
                case |= {"assay": "99%"} if tablets else {"tablet_weight": "250mg"}
            elif what in draws:
                case[what] = rng.choice(draws[what][1])
        out.append(case)
    return out


def library(case: dict[str, Any]) -> dict[str, Any]:
    from ldncalc import LdnCalcError, capsule

    try:
        result = capsule(**case)
    except LdnCalcError as error:
        return {
            "error": type(error).__name__,
            "code": error.code,
            "text": str(error),
            "fr": error.render("fr", surface="library"),
            "cli": error.render("en", surface="cli"),
        }
    return {
        "json": result.model_dump_json(),
        "json_fr": result.model_dump_json(context={"lang": "fr", "surface": "cli"}),
        "repr": repr(result),
    }


def command_line(case: dict[str, Any], lang: str, json_: bool) -> dict[str, Any]:
    from typer.testing import CliRunner

    from ldncalc.cli import main

    args = ["capsule"]
    for name, value in case.items():
        args += [OPTIONS[name], value]
    if lang == "fr":
        args += ["--lang", "fr"]
    if json_:
        args.append("--json")
    runner = CliRunner()
    with runner.isolation() as (out, err, *_):
        code = main(args)
        sys.stdout.flush()
        sys.stderr.flush()
        return {"code": code, "out": out.getvalue().decode(), "err": err.getvalue().decode()}


def dump(path: str, count: int) -> None:
    os.environ.pop("LDNCALC_FORMULATIONS", None)
    os.environ["LDNCALC_CONFIG_DIR"] = tempfile.mkdtemp(prefix="ldncalc-config-")
    os.environ["LDNCALC_LOG"] = str(Path(tempfile.mkdtemp(prefix="ldncalc-log-")) / "log.db")
    os.environ["NO_COLOR"] = "1"
    os.environ["COLUMNS"] = "100"
    import ldncalc
    from ldncalc.models import CapsuleResult

    print(f"ldncalc from {Path(ldncalc.__file__).parent}", file=sys.stderr)
    root = json.dumps(str(Path(ldncalc.__file__).parent.parent))[1:-1]

    rng = random.Random(5)
    with Path(path).open("w", encoding="utf-8") as file:
        schema = CapsuleResult.model_json_schema(mode="serialization")
        file.write(json.dumps({"schema": schema}, sort_keys=True) + "\n")
        for number, case in enumerate(inputs(count)):
            lang = rng.choice(["en", "fr"])
            line = {
                "n": number,
                "input": case,
                "library": library(case),
                "cli": command_line(case, lang, json_=False),
                "cli_json": command_line(case, lang, json_=rng.random() < 0.5),
                "lang": lang,
            }
            text = json.dumps(line, sort_keys=True, ensure_ascii=False)
            # a result names its formulation's file: the same file in either checkout
            file.write(text.replace(root, "<checkout>") + "\n")


def diff(old: str, new: str) -> int:
    before = Path(old).read_text(encoding="utf-8").splitlines()
    after = Path(new).read_text(encoding="utf-8").splitlines()
    if len(before) != len(after):
        print(f"{len(before)} lines before, {len(after)} after")
        return 1
    differ = [(x, y) for x, y in zip(before, after, strict=True) if x != y]
    for x, y in differ[:5]:
        old_line, new_line = json.loads(x), json.loads(y)
        print("input:", old_line.get("input", "schema"))
        for key in old_line:
            a = json.dumps(old_line[key], ensure_ascii=False)
            b = json.dumps(new_line.get(key), ensure_ascii=False)
            if a != b:  # the first difference, with some context
                at = next((i for i, (p, q) in enumerate(zip(a, b, strict=False)) if p != q), 0)
                print(f"  {key} before: …{a[max(0, at - 300) : at + 300]}…")
                print(f"  {key} after:  …{b[max(0, at - 300) : at + 300]}…")
    kinds: dict[str, int] = {}
    for x, _ in zip(before[1:], before[1:], strict=True):
        data = json.loads(x)
        key = "refused" if "error" in data["library"] else "computed"
        kinds[key] = kinds.get(key, 0) + 1
    print(f"{len(before) - 1} inputs ({kinds}); {len(differ)} lines differ")
    return 1 if differ else 0


_WORKER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from ldncalc import capsule
order = eval(sys.argv[2])  # the keyword arguments, as the parent wrote them
calls = [lambda: capsule(**order)]
calls[0]()
for line in sys.stdin:
    n, start, cpu = 0, time.perf_counter(), time.process_time()
    while (now := time.perf_counter()) - start < float(line):
        calls[0]()
        n += 1
    print(n / (now - start), n / (time.process_time() - cpu), flush=True)
"""


def speed(old: str, new: str, windows: int, order: dict[str, Any]) -> None:
    import subprocess

    workers = {
        name: subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(Path(path).resolve()), repr(order)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, path in (("old", old), ("new", new))
    }
    best = dict.fromkeys(workers, 0.0)
    cpu = dict.fromkeys(workers, 0.0)  # per second of CPU time: less hurt by a busy machine
    for _ in range(windows):
        for name, worker in workers.items():
            assert worker.stdin is not None
            assert worker.stdout is not None
            worker.stdin.write("0.25\n")
            worker.stdin.flush()
            wall, on_cpu = map(float, worker.stdout.readline().split())
            best[name] = max(best[name], wall)
            cpu[name] = max(cpu[name], on_cpu)
    for worker in workers.values():
        assert worker.stdin is not None
        worker.stdin.close()
        worker.wait()
    for what, rates in (("wall time", best), ("CPU time", cpu)):
        old_rate, new_rate = rates["old"], rates["new"]
        print(f"{what}: old {old_rate:,.0f}/s, new {new_rate:,.0f}/s: {new_rate / old_rate:.2f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out")
    d.add_argument("--count", type=int, default=900)
    c = sub.add_parser("diff")
    c.add_argument("old")
    c.add_argument("new")
    s = sub.add_parser("speed")
    s.add_argument("old")
    s.add_argument("new")
    s.add_argument("--windows", type=int, default=20)
    s.add_argument("--order", default='{"strength": "4.5 mg", "quantity": 30}', help="JSON")
    args = parser.parse_args()
    if args.command == "speed":
        speed(args.old, args.new, args.windows, json.loads(args.order))
        return 0
    if args.command == "dump":
        dump(args.out, args.count)
        return 0
    return diff(args.old, args.new)


if __name__ == "__main__":
    sys.exit(main())
