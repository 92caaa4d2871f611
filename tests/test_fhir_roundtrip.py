"""A FHIR export read back as a batch order gives the same order (issue: a liquid from API
powder came back as one from tablets; drops and a cream were refused).

ldncalc's ``--fhir`` writes, beside FHIR's own elements, its order extension (the kind, the
source, the formulation record, the dose prescribed, a drop's or a pump's volume); ``ldncalc
batch`` reads it back, and the order calculates to the same result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ldncalc import fhir_json, prescription
from ldncalc.batch import Settings, read_orders, run_batch
from ldncalc.exchange.fhir import ORDER_EXTENSION
from ldncalc.preparations.capsule import capsule
from ldncalc.preparations.cream import cream
from ldncalc.preparations.drops import drops
from ldncalc.preparations.liquid import liquid
from ldncalc.preparations.liquid.api import api_liquid
from ldncalc.render import json_text

DETAILS = {"patient": "Jane Doe", "prescriber": "Dr. B", "rx": "R-1"}

# (what is calculated, the order read back: its fields beside the prescription's)
ROUND_TRIPS: list[tuple[Any, dict[str, str]]] = [
    # 4.41 mg is measured as 4.4 mL of 1 mg/mL (the syringe's marks): the order is 4.41 mg
    (
        lambda: liquid(target="4.41mg"),
        {"kind": "liquid", "source": "tablets", "formulation": "ldn-liquid-water",
         "target": "4.41mg", "tablet_strength": "50mg", "concentration": "1mg/mL",
         "days": "14"},
    ),
    (
        lambda: api_liquid(target="4.5mg"),
        {"kind": "liquid", "source": "api", "formulation": "ldn-liquid-api-water",
         "target": "4.5mg", "concentration": "1mg/mL", "days": "14"},
    ),
    (
        lambda: capsule(strength="1.5mg", quantity=60),
        {"kind": "capsule", "source": "api", "formulation": "ldn-capsule-api-mcc",
         "strength": "1.5mg", "quantity": "60"},
    ),
    (
        lambda: capsule(strength="4.5mg", quantity=30, source="tablets", tablet_weight="250mg"),
        {"kind": "capsule", "source": "tablets", "formulation": "ldn-capsule-tablets-mcc",
         "tablet_strength": "50mg", "tablet_weight": "250mg", "strength": "4.5mg",
         "quantity": "30"},
    ),
    # 1 mg in 3 drops at 7 mg/mL (1.05 mg measured): the drops and the concentration kept
    (
        lambda: drops(target="1mg", drop_volume="0.05mL", concentration="7mg/mL"),
        {"kind": "drops", "formulation": "ldn-drops-water", "target": "1mg",
         "drop_volume": "0.05mL", "drops": "3", "concentration": "7mg/mL", "days": "14"},
    ),
    (
        lambda: cream(strength="10mg/g", quantity="30g", pump_volume="0.25mL"),
        {"kind": "cream", "formulation": "ldn-cream-xematop", "dose": "1g",
         "pump_volume": "0.25mL", "strength": "10mg/g", "quantity": "30g"},
    ),
]  # fmt: skip


@pytest.mark.parametrize("version", ["R5", "R4B"])
@pytest.mark.parametrize(("calculate", "order"), ROUND_TRIPS)
def test_a_fhir_export_read_back_is_the_same_order(
    calculate: Any, order: dict[str, str], version: str, tmp_path: Path
) -> None:
    result = calculate()
    bundle = fhir_json(result, fhir_version=version, details=prescription(**DETAILS))
    (tmp_path / "bundle.json").write_text(bundle, encoding="utf-8")
    (read,) = read_orders(tmp_path / "bundle.json")
    assert read.problem is None
    fields = {name: value for name, value in read.fields.items() if name not in DETAILS}
    assert fields == {"doses_per_day": "1", **order}
    assert {name: read.fields[name] for name in DETAILS} == DETAILS
    # the order calculates to the same result
    (tmp_path / "out").mkdir()
    report = run_batch([read], Settings(out=str(tmp_path / "out"), results_only=True))
    assert [outcome.status for outcome in report.outcomes] == ["calculated"]
    (folder,) = (tmp_path / "out").glob("order-*")
    assert json.loads((folder / "result.json").read_text(encoding="utf-8")) == json.loads(
        json_text(result)
    )


def test_a_request_for_drops_without_ldncalcs_order_is_still_refused(tmp_path: Path) -> None:
    # another system's request for drops: no drop volume, so never read as a liquid
    bundle = json.loads(fhir_json(drops(target="0.5mg", drop_volume="0.05mL")))
    request = bundle["entry"][2]["resource"]
    assert [e["url"] for e in request.pop("extension")] == [ORDER_EXTENSION]
    (tmp_path / "bundle.json").write_text(json.dumps(bundle), encoding="utf-8")
    (read,) = read_orders(tmp_path / "bundle.json")
    assert read.problem is not None
    assert read.problem.code == "batch-fhir-form"


# --fhir on the command line carries the options as typed: the very order comes back
TYPED = [
    ("liquid --target 4.5mg --days 7", {"kind": "liquid", "source": "tablets",
     "formulation": "ldn-liquid-water", "target": "4.5mg", "days": "7"}),
    ("liquid --target 4.5mg --concentration 5mg/mL --volume 50mL", {"kind": "liquid",
     "source": "tablets", "formulation": "ldn-liquid-water", "target": "4.5mg",
     "concentration": "5mg/mL", "volume": "50mL"}),
    ("liquid --target 4.5mg --source api --assay 99% --days 10", {"kind": "liquid",
     "source": "api", "formulation": "ldn-liquid-api-water", "target": "4.5mg",
     "assay": "99%", "days": "10"}),
    ("capsule --strength 1.5mg --quantity 45 --overage 3", {"kind": "capsule", "source": "api",
     "formulation": "ldn-capsule-api-mcc", "strength": "1.5mg", "quantity": "45",
     "overage": "3"}),
    ("drops --target 1mg --drop-volume 0.05mL --concentration 7mg/mL --days 10",
     {"kind": "drops", "formulation": "ldn-drops-water", "target": "1mg",
      "drop_volume": "0.05mL", "concentration": "7mg/mL", "days": "10"}),
    ("cream --strength 10mg/g --quantity 60g --pump-volume 0.25g --dose 0.5g --doses-per-day 2",
     {"kind": "cream", "formulation": "ldn-cream-xematop", "strength": "10mg/g",
      "quantity": "60g", "pump_volume": "0.25g", "dose": "0.5g", "doses_per_day": "2"}),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "order"), TYPED)
def test_fhir_written_by_the_command_line_reads_back_as_typed(
    argv: str, order: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ldncalc.cli import main

    bundle = tmp_path / "bundle.json"
    assert main([*argv.split(), "--json", "--fhir", str(bundle)]) == 0
    printed = json.loads(capsys.readouterr().out)
    (read,) = read_orders(bundle)
    assert read.problem is None
    assert {"doses_per_day": "1", **order} == read.fields
    (tmp_path / "out").mkdir()
    report = run_batch([read], Settings(out=str(tmp_path / "out"), results_only=True))
    assert [outcome.status for outcome in report.outcomes] == ["calculated"]
    (folder,) = (tmp_path / "out").glob("order-*")
    # the same figures and codes; a message's words name options as a batch does (volume=)
    written = json.loads((folder / "result.json").read_text(encoding="utf-8"))
    assert without_text(written) == without_text(printed)


def without_text(item: Any) -> Any:
    """A result's JSON without its messages' words (``text``)."""
    if isinstance(item, dict):
        return {key: without_text(value) for key, value in item.items() if key != "text"}
    if isinstance(item, list):
        return [without_text(value) for value in item]
    return item
