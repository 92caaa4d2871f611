"""Batch orders of the plug-in forms (issue 14 §5, issue 13 §2): ``kind`` drops and cream, and
a liquid with ``source=api``; good orders issued with their label, record and result, bad ones
reported by line, field and message while the others run."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from test_batch import run

from ldncalc.batch import COLUMNS, KINDS, Settings, read_orders, run_batch

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

GOOD = (
    "kind,target,drop_volume,drops,strength,quantity,source,assay,patient,prescriber,rx,lot,date\n"
    "drops,0.5mg,0.05mL,2,,,,,Jim Low,Dr. Ann Smith,3001,LOT-D,2026-11-22\n"
    "cream,,,,10mg/g,30g,,,Eve Moe,Dr. Ann Smith,3002,LOT-C,2026-11-22\n"
    "liquid,4.5mg,,,,,api,99%,Ann Poe,Dr. Ann Smith,3003,LOT-A,2026-11-22\n"
)

BAD = """kind,target,drop_volume,concentration,strength,quantity,source,assay,volume,rx
drops,0.5mg,,,,,,,,2001
cream,,0.05mL,,10mg/g,30g,,,,2002
liquid,4.5mg,,,,,tablets,99%,,2003
liquid,4.5mg,,,,,powder,,,2004
liquid,4.5mg,,,,,api,,100mL,2005
cream,,,,20mg/g,30g,,,,2006
drops,0.5mg,0.05mL,3mg/mL,,,,,,2007
drops,0.5mg,0.05mL,10mg/mL,,,,,,2008
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    from test_batch import PHARMACY

    from ldncalc.profile import profile_toml

    (tmp_path / "pharmacy.toml").write_text(profile_toml(PHARMACY), encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "good.csv").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.csv").write_text(BAD, encoding="utf-8")
    return tmp_path


def label_text(order: Path) -> str:
    return " ".join((order / "label.txt").read_text(encoding="utf-8").split())


def test_drops_cream_and_a_liquid_from_powder_are_issued(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        f"batch {folder}/good.csv --out {folder}/out --pharmacy {folder}/pharmacy.toml "
        "--no-log --label-format txt --record-format txt",
        capsys,
    )
    assert code == 0, out + err
    # BUDs from 22 Nov 2026 (docs/basis.md §5, USP <795>): drops and the powder liquid
    # nonpreserved aqueous, 14 days; the cream aqueous preserved, 35 days
    assert out.splitlines() == [
        "LINE  STATUS  KIND    RX    LOT    BUD         PROBLEM",
        "2     issued  drops   3001  LOT-D  2026-12-06",
        "3     issued  cream   3002  LOT-C  2026-12-27",
        "4     issued  liquid  3003  LOT-A  2026-12-06",
        "3 of 3 orders done; 0 failed",
    ]
    out_dir = folder / "out"
    drops = json.loads((out_dir / "order-2" / "result.json").read_text(encoding="utf-8"))
    # 0.5 mg in 2 drops of 0.05 mL: 0.5 mg ÷ (2 × 0.05 mL) = 5 mg/mL
    assert (drops["kind"], drops["drops"], drops["concentration"]) == (
        "drops",
        2,
        {"value": 5, "unit": "mg/mL"},
    )
    cream = json.loads((out_dir / "order-3" / "result.json").read_text(encoding="utf-8"))
    # 30 g × 10 mg/g = 300 mg of naltrexone HCl
    assert (cream["kind"], cream["drug"]) == ("cream", {"value": 300, "unit": "mg"})
    liquid = json.loads((out_dir / "order-4" / "result.json").read_text(encoding="utf-8"))
    # the certificate's 99 % assay: 120 mg (the least weighable, a 120 mL stock) ÷ 0.99
    assert (liquid["kind"], liquid["api_weight"]) == (
        "liquid-api",
        {"value": 121.2, "unit": "mg"},
    )
    assert "For external use only" in label_text(out_dir / "order-3")
    assert "Place 2 drops (0.5 mg) under the tongue at bedtime" in label_text(out_dir / "order-2")
    with (out_dir / "summary.csv").open(encoding="utf-8") as summary:
        assert [row["kind"] for row in csv.DictReader(summary)] == ["drops", "cream", "liquid"]


def test_bad_orders_of_the_new_forms_are_reported_and_the_others_run(folder: Path) -> None:
    settings = Settings(out=str(folder / "out"), results_only=True)
    report = run_batch(read_orders(folder / "bad.csv"), settings)
    assert [(o.line, o.status, o.field, o.message) for o in report.outcomes] == [
        (2, "failed", "drop_volume", 'is required; write e.g. drop_volume="0.05mL"'),
        (
            3,
            "failed",
            "drop_volume",
            '"0.05mL" is not an option of a cream order; name the column as an option of '
            "'ldncalc cream --help', or leave it out",
        ),
        (4, "failed", "assay", '"99%" is only for source="api"; drop it or give source="api"'),
        (5, "failed", "source", '"powder" is not a known source; use tablets or api'),
        (
            6,
            "failed",
            "volume",
            '"100mL" is only for source="tablets"; drop it or give source="tablets"',
        ),
        (
            7,
            "failed",
            "strength",
            '"20mg/g" is not a strength the record lists; give strength="10mg/g"',
        ),
        (
            # 0.5 mg ÷ (3 mg/mL × 0.05 mL) = 3.33 drops: not whole within 5 %
            8,
            "failed",
            "concentration",
            '"3mg/mL" gives 0.5 mg in 3.33 drops of 0.05 mL at 3 mg/mL, not a whole number '
            'of drops within 5 %; give concentration="3.33mg/mL" (3 drops a dose)',
        ),
        (9, "calculated", "", ""),  # 0.5 mg ÷ (10 mg/mL × 0.05 mL) = 1 drop
    ]
    assert not report.ok
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["order-9", "summary.csv"]


def test_every_kind_has_its_columns() -> None:
    assert set(KINDS) == set(COLUMNS) == {"liquid", "capsule", "drops", "cream"}
    assert {"source", "salt", "assay", "assay_as", "assay_basis", "water"} <= set(COLUMNS["liquid"])
    assert {"drop_volume", "drops", "concentration"} <= set(COLUMNS["drops"])
    assert {"strength", "quantity", "dose"} <= set(COLUMNS["cream"])


def test_fhir_orders_for_drops_or_a_cream_are_refused_never_read_as_a_liquid(
    tmp_path: Path,
) -> None:
    from ldncalc import fhir_json
    from ldncalc.preparations.cream import cream
    from ldncalc.preparations.drops import drops

    def foreign(text: str) -> dict[str, Any]:
        """Another system's request: ldncalc's export without its order extension (with it,
        drops and a cream are read back: test_fhir_roundtrip.py)."""
        bundle: dict[str, Any] = json.loads(text)
        del bundle["entry"][2]["resource"]["extension"]
        return bundle

    drops_bundle = foreign(fhir_json(drops(target="0.5mg", drop_volume="0.05mL")))
    # the same request with its dose in mg: by its name it is still drops, not a liquid
    mg = json.loads(json.dumps(drops_bundle))
    mg["entry"][2]["resource"]["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"] = {
        "value": 0.5, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"
    }  # fmt: skip
    for name, bundle in (
        ("drops", drops_bundle),
        ("mg", mg),
        ("cream", foreign(fhir_json(cream(strength="10mg/g", quantity="30g")))),
    ):
        (tmp_path / f"{name}.json").write_text(json.dumps(bundle), encoding="utf-8")
    found = [(o.line, o.problem) for name in ("drops", "mg", "cream")
             for o in read_orders(tmp_path / f"{name}.json")]  # fmt: skip
    assert [(line, str(problem)) for line, problem in found] == [
        (3, "doseForm: names sublingual drops, and FHIR orders are read for oral liquids and "
            "capsules only; give it in a CSV or JSON Lines orders file, kind drops"),
        (3, "doseForm: names sublingual drops, and FHIR orders are read for oral liquids and "
            "capsules only; give it in a CSV or JSON Lines orders file, kind drops"),
        (3, "doseForm: names a cream, and FHIR orders are read for oral liquids and capsules "
            "only; give it in a CSV or JSON Lines orders file, kind cream"),
    ]  # fmt: skip
    (_, problem) = found[2]
    assert problem is not None
    assert problem.render("fr", "cli") == (
        "doseForm: désigne une crème, et les commandes FHIR ne sont lues que pour les liquides "
        "oraux et les capsules; donnez-la dans un fichier de commandes CSV ou JSON Lines, "
        "kind cream"
    )
