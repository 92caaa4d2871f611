"""Batch orders (issue 13 §2): CSV, JSON Lines and FHIR in; per order the result JSON, label,
record and log entry, whole or not at all; bad orders reported with their line, field and
message while the others run; the exit code; --dry-run writes nothing; both cores."""

from __future__ import annotations

import csv
import json
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ldncalc import capsule, fhir_json, liquid, prescription
from ldncalc.batch import Order, Settings, read_orders, run_batch
from ldncalc.cli import main
from ldncalc.log import open_log, show
from ldncalc.profile import Profile, profile_toml

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

PHARMACY = Profile(name="Lakeside Pharmacy", address=("4 Lake Road",), phone="613-555-0199")

CSV = """kind,target,days,strength,quantity,doses-per-day,patient,prescriber,rx,lot,date
liquid,4.5mg,14,,,,Jane Doe,Dr. Ann Smith,1001,LOT-1,2026-11-22
capsule,,,1.5mg,60,2,John Roe,Dr. Ann Smith,1002,LOT-2,2026-11-22
liquid,"4,5mg",,,,,Ann Poe,Dr. Ann Smith,1003,LOT-3,2026-11-22
tablet,4.5mg,,,,,Ann Poe,Dr. Ann Smith,1004,LOT-4,2026-11-22
liquid,3mg,,,,,,Dr. Ann Smith,1005,LOT-5,2026-11-22
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "pharmacy.toml").write_text(profile_toml(PHARMACY), encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "orders.csv").write_text(CSV, encoding="utf-8")
    return tmp_path


def run(argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(shlex.split(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_good_orders_are_issued_and_bad_ones_reported_by_line_field_and_message(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = folder / "log.sqlite3"
    code, out, err = run(
        f"batch {folder}/orders.csv --out {folder}/out --pharmacy {folder}/pharmacy.toml "
        f"--log {log} --label-format txt --record-format txt",
        capsys,
    )
    assert code == 2  # not every order succeeded
    assert out.splitlines() == [
        "LINE  STATUS  KIND     RX    LOT    BUD         PROBLEM",
        "2     issued  liquid   1001  LOT-1  2026-12-06",
        "3     issued  capsule  1002  LOT-2  2027-05-21",
        '4     failed  liquid   1003                     target: "4,5mg" uses a decimal comma; '
        "write 4.5mg",
        '5     failed  tablet   1004                     kind: "tablet" is not a preparation '
        "ldncalc makes; write liquid, capsule, drops or cream",
        "6     failed  liquid   1005                     patient: is required for a label; "
        'write e.g. patient="Jane Doe"',
        "2 of 5 orders done; 3 failed",
    ]
    assert err == f"summary written: {folder}/out/summary.csv\n"
    # each order's folder, whole; nothing of the failed ones, no hidden staging left
    assert sorted(p.name for p in (folder / "out").iterdir()) == [
        "order-2",
        "order-3",
        "summary.csv",
    ]
    order = folder / "out" / "order-2"
    assert sorted(p.name for p in order.iterdir()) == ["label.txt", "record.txt", "result.json"]
    for path in (order, *order.iterdir(), folder / "out" / "summary.csv"):
        assert stat.S_IMODE(path.stat().st_mode) in (0o600, 0o700)  # patient data: owner-only
    result = json.loads((order / "result.json").read_text(encoding="utf-8"))
    # 4.5 mg at 1 mg/mL: 4.5 mL a dose (docs/basis.md §3)
    assert result["dose_volume"] == {"value": 4.5, "unit": "mL"}
    assert "Jane Doe" in (order / "label.txt").read_text(encoding="utf-8")
    capsules = json.loads((folder / "out/order-3/result.json").read_text(encoding="utf-8"))
    assert (capsules["strength"]["value"], capsules["quantity"], capsules["doses_per_day"]) == (
        1.5,
        60,
        2,
    )
    with open_log(str(log)) as book:  # each issued lot registered in the log
        assert show(book, "LOT-1")[0].rx == "1001"
        assert show(book, "LOT-2")[0].rx == "1002"
    summary = (folder / "out/summary.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(summary.splitlines()))
    assert [(r["line"], r["status"], r["field"]) for r in rows] == [
        ("2", "issued", ""),
        ("3", "issued", ""),
        ("4", "failed", "target"),
        ("5", "failed", "kind"),
        ("6", "failed", "patient"),
    ]
    assert rows[0]["folder"] == "order-2"


def test_dry_run_checks_every_order_and_writes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        f"batch {folder}/orders.csv --out {folder}/out --pharmacy {folder}/pharmacy.toml --dry-run",
        capsys,
    )
    assert code == 2
    assert "2     checked  liquid" in out
    assert "2 of 5 orders done; 3 failed" in out
    assert err == ""
    assert list((folder / "out").iterdir()) == []


def test_all_good_orders_exit_0_and_results_only_writes_just_the_json(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "orders.jsonl").write_text(
        '{"kind": "liquid", "target": "4.5mg"}\n'
        "\n"
        '{"kind": "capsule", "strength": "4.5mg", "quantity": 30}\n',
        encoding="utf-8",
    )
    code, out, _ = run(f"batch {folder}/orders.jsonl --out {folder}/out --results-only", capsys)
    assert code == 0
    assert out.splitlines()[-1] == "2 of 2 orders done; 0 failed"
    assert sorted(p.name for p in (folder / "out").iterdir()) == [
        "order-1",
        "order-3",
        "summary.csv",
    ]
    assert [p.name for p in (folder / "out/order-3").iterdir()] == ["result.json"]


def test_json_lines_with_a_broken_line_and_an_unknown_column(folder: Path) -> None:
    (folder / "orders.jsonl").write_text(
        '{"kind": "liquid", "target": "4.5mg"}\n'
        '{"kind": "liquid", "target": 4.5mg}\n'
        '{"kind": "liquid", "target": "4.5mg", "colour": "red"}\n'
        '["liquid"]\n',
        encoding="utf-8",
    )
    report = run_batch(
        read_orders(folder / "orders.jsonl"), Settings(out=str(folder / "out"), results_only=True)
    )
    assert [(o.line, o.status, o.field, o.message) for o in report.outcomes] == [
        (1, "calculated", "", ""),
        (
            2,
            "failed",
            "line",
            "is not a JSON object (Expecting ',' delimiter); write one order a line, e.g. "
            '{"kind": "liquid", "target": "4.5mg"}',
        ),
        (
            3,
            "failed",
            "colour",
            '"red" is not an option of a liquid order; name the column as an option of '
            "'ldncalc liquid --help', or leave it out",
        ),
        (
            4,
            "failed",
            "line",
            "is not a JSON object (a JSON list); write one order a line, e.g. "
            '{"kind": "liquid", "target": "4.5mg"}',
        ),
    ]
    assert not report.ok


def test_a_fhir_bundle_of_medication_requests_is_read_as_orders(folder: Path) -> None:
    # another system's requests: ldncalc's export without its order extension (read back
    # whole in test_fhir_roundtrip.py); a liquid's dose in mL × its 1 mg/mL strength = 3 mg
    first = json.loads(
        fhir_json(
            liquid(target="3mg", days=14),
            details=prescription(patient="Jane Doe", prescriber="Dr. B", rx="R-1"),
        )
    )
    second = json.loads(
        fhir_json(
            capsule(strength="1.5mg", quantity=60),
            fhir_version="R4B",
            details=prescription(patient="Jim Doe", prescriber="Dr. B", rx="R-2"),
        )
    )
    for bundle in (first, second):
        del bundle["entry"][2]["resource"]["extension"]
    (folder / "r5.json").write_text(json.dumps(first), encoding="utf-8")
    (folder / "r4b.json").write_text(json.dumps(second), encoding="utf-8")
    assert read_orders(folder / "r5.json") == [
        Order(
            3,
            {
                "rx": "R-1",
                "prescriber": "Dr. B",
                "patient": "Jane Doe",
                "doses_per_day": "1",
                "kind": "liquid",
                "target": "3mg",
                "concentration": "1mg/mL",
                "days": "14",
            },
        )
    ]
    assert read_orders(folder / "r4b.json") == [
        Order(
            3,
            {
                "rx": "R-2",
                "prescriber": "Dr. B",
                "patient": "Jim Doe",
                "doses_per_day": "1",
                "kind": "capsule",
                "strength": "1.5mg",
                "quantity": "60",
            },
        )
    ]


def _record_fails_for_john_roe(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    import ldncalc.labels

    original = ldncalc.labels.render_record

    def failing(result, details, profile, output):  # type: ignore[no-untyped-def]
        if details.patient == "John Roe":
            raise error
        return original(result, details, profile, output)

    monkeypatch.setattr(ldncalc.labels, "render_record", failing)


def test_an_order_whose_documents_fail_leaves_nothing_and_the_others_run(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _record_fails_for_john_roe(monkeypatch, OSError("disk full"))
    settings = Settings(
        out=str(folder / "out"),
        pharmacy=str(folder / "pharmacy.toml"),
        no_log=True,
        label_format="txt",
        record_format="txt",
    )
    report = run_batch(read_orders(folder / "orders.csv"), settings)
    assert [(o.line, o.status) for o in report.outcomes][:2] == [(2, "issued"), (3, "failed")]
    assert "disk full" in report.outcomes[1].message
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["order-2", "summary.csv"]


def test_an_order_already_in_the_folder_is_not_replaced(folder: Path) -> None:
    (folder / "out" / "order-2").mkdir()
    settings = Settings(out=str(folder / "out"), results_only=True)
    outcomes = run_batch(read_orders(folder / "orders.csv"), settings).outcomes
    assert outcomes[0].status == "failed"
    assert outcomes[0].message.endswith(
        "already exists (an order already prepared); give another output folder"
    )
    assert outcomes[1].status == "calculated"


def test_the_template_is_a_batch_that_runs(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(f"batch --template {folder}/t.csv", capsys)
    assert (code, out) == (0, f"example orders written: {folder}/t.csv\n")
    code, out, _ = run(
        f"batch {folder}/t.csv --out {folder}/out --pharmacy {folder}/pharmacy.toml --dry-run",
        capsys,
    )
    assert code == 0
    # one order of each kind: a liquid, capsules, a liquid from powder, drops, a cream
    assert out.splitlines()[-1] == "5 of 5 orders done; 0 failed"
    assert main(shlex.split(f"batch --template {folder}/t.csv")) == 2  # never replaced


def test_both_cores_give_the_same_outcomes_in_the_files_order(folder: Path) -> None:
    orders = [
        Order(n, {"kind": "liquid", "target": f"{n % 9 + 1}mg"})
        if n % 2
        else Order(n, {"kind": "capsule", "strength": "1.5mg", "quantity": str(n)})
        for n in range(1, 61)
    ]
    orders[10] = Order(11, {"kind": "liquid", "target": "0mg"})
    settings = Settings(out=str(folder / "out"), results_only=True)
    report = run_batch(orders, settings, workers=2)
    assert [o.line for o in report.outcomes] == list(range(1, 61))
    assert [o.line for o in report.outcomes if not o.ok] == [11]
    assert len(list((folder / "out").iterdir())) == 60  # 59 orders + summary.csv


def test_no_progress_bar_when_piped(folder: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "ldncalc", "batch", str(folder / "orders.csv")),
            *("--out", str(folder / "out"), "--results-only"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "\x1b" not in done.stdout + done.stderr
    assert done.stderr == f"summary written: {folder}/out/summary.csv\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            "batch {d}/orders.txt --out {d}/out",
            'ldncalc: ORDERS: "{d}/orders.txt" is not an '
            "orders file by its name; give a .csv, .jsonl or .json (FHIR Bundle) file",
        ),
        (
            "batch {d}/orders.csv --out {d}/nowhere",
            'ldncalc: --out: "{d}/nowhere" is not a folder that exists; create the folder first',
        ),
        ("batch {d}/orders.csv", "ldncalc: --out: is required; write e.g. --out today/"),
        (
            "batch --out {d}/out",
            "ldncalc: ORDERS: is required; give the orders file, e.g. ldncalc batch orders.csv "
            "--out today/ (ldncalc batch --template orders.csv writes an example)",
        ),
    ],
)
def test_batch_refusals(
    argv: str, message: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv.format(d=folder), capsys)
    assert (code, out) == (2, "")
    assert err == message.format(d=folder) + "\n"


def _issuing(folder: Path) -> Settings:
    return Settings(
        out=str(folder / "out"),
        pharmacy=str(folder / "pharmacy.toml"),
        log=str(folder / "log.sqlite3"),
        label_format="txt",
        record_format="txt",
    )


GOOD = [
    Order(
        2,
        {
            "kind": "liquid",
            "target": "4.5mg",
            "patient": "Jane Doe",
            "prescriber": "Dr. Ann Smith",
            "rx": "1001",
        },
    ),
    Order(
        3,
        {
            "kind": "liquid",
            "target": "3mg",
            "patient": "John Roe",
            "prescriber": "Dr. Ann Smith",
            "rx": "1002",
        },
    ),
]


def test_an_order_given_no_lot_gets_another_when_its_new_lot_is_already_in_the_log(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 4 random hex digits a minute: 1,000 orders in one minute draw the same lot about 8 times
    # (1000² / 2 / 65536); the second draw is registered under another new lot, not refused
    drawn = iter(["20261122-0930-AAAA", "20261122-0930-AAAA", "20261122-0930-BBBB"])
    monkeypatch.setattr("ldncalc.prescriptions.new_lot", lambda compounded, now: next(drawn))
    report = run_batch(GOOD, _issuing(folder))
    assert [(o.status, o.lot) for o in report.outcomes] == [
        ("issued", "20261122-0930-AAAA"),
        ("issued", "20261122-0930-BBBB"),
    ]
    record = (folder / "out/order-3/record.txt").read_text(encoding="utf-8")
    assert "20261122-0930-BBBB" in record  # the documents print the lot registered
    assert "20261122-0930-AAAA" not in record
    with open_log(str(folder / "log.sqlite3")) as book:
        assert show(book, "20261122-0930-BBBB")[0].rx == "1002"


def test_an_order_the_log_refuses_leaves_no_folder_and_the_chunk_goes_on(folder: Path) -> None:
    orders = [Order(n, {**o.fields, "lot": "LOT-1"}) for n, o in enumerate(GOOD, start=2)]
    orders.append(Order(4, {**GOOD[0].fields, "lot": "LOT-4"}))
    report = run_batch(orders, _issuing(folder))
    assert [o.status for o in report.outcomes] == ["issued", "failed", "issued"]
    assert report.outcomes[1].field == "lot"
    assert sorted(p.name for p in (folder / "out").iterdir()) == [
        "order-2",
        "order-4",
        "summary.csv",
    ]  # order-3's folder removed with its entry, no hidden folder left
    with open_log(str(folder / "log.sqlite3")) as book:
        assert [e.rx for e in book.entries()] == ["1001", "1001"]


def test_a_log_that_cannot_commit_leaves_no_folder_of_its_chunk(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    import ldncalc.log.store as store

    settings = _issuing(folder)
    run_batch([], settings)  # the log made and its location read before the commits fail
    opened = store.open_log

    class FullDisk:  # a connection whose commit fails
        def __init__(self, connection: sqlite3.Connection) -> None:
            self._connection = connection

        def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
            if sql == "COMMIT":
                raise sqlite3.OperationalError("disk I/O error")
            return self._connection.execute(sql, *args)

        def __getattr__(self, name: str) -> object:
            return getattr(self._connection, name)

    def failing(location: store.Location, **options: bool) -> store.Log:
        log = opened(location, **options)
        log._connection = FullDisk(log._connection)
        return log

    monkeypatch.setattr(store, "open_log", failing)
    report = run_batch(GOOD, settings)
    assert [(o.status, o.field) for o in report.outcomes] == [("failed", "log")] * 2
    assert "disk I/O error" in report.outcomes[0].message
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["summary.csv"]
    with open_log(str(folder / "log.sqlite3")) as book:
        assert book.entries() == []


def test_chunks_are_even_shares_of_at_most_100_orders() -> None:
    from ldncalc.batch import chunk_size

    assert chunk_size(60, 2) == 10  # at least 10
    assert chunk_size(1000, 2) == 63  # about 8 a worker
    assert chunk_size(10000, 2) == 100  # at most 100: the progress bar moves


def test_a_batch_renders_each_distinct_message_once_and_writes_the_same_json() -> None:
    from decimal import Decimal

    from ldncalc.messages import Message, _memo_key
    from ldncalc.render import json_text
    from ldncalc.units import MG, ML, Quantity

    memo: dict[tuple[object, ...], object] = {}
    results = [liquid(target=f"{n}mg", days=str(7 + n)) for n in range(1, 5)]
    results += [capsule(strength="1.5mg", quantity=str(q)) for q in (30, 60, 30)]
    for lang in ("en", "fr"):
        for result in results:
            plain = json_text(result, {"lang": lang, "surface": "library"})
            assert json_text(result, {"lang": lang, "surface": "library", "memo": memo}) == plain
    messages = sum(len(r.steps) + len(r.warnings) + len(r.notes) for r in results) * 2
    assert 0 < len(memo) < messages  # the same step of two results: rendered once
    # told apart exactly: a figure as written, its unit, its type, the language
    keys = {
        _memo_key(Message(code="x", params={"dose": value}), {"lang": lang})
        for value in (Decimal("4.5"), Decimal("4.50"), 4, "4.5", Quantity(Decimal("4.5"), MG))
        for lang in ("en", "fr")
    }
    keys.add(_memo_key(Message(code="x", params={"dose": Quantity(Decimal("4.5"), ML)}), {}))
    assert len(keys) == 11


def test_ctrl_c_in_a_chunk_leaves_no_hidden_folder(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _record_fails_for_john_roe(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        run_batch(GOOD, _issuing(folder))  # order 2 staged when order 3 is interrupted
    assert list((folder / "out").iterdir()) == []


def test_lots_drawn_for_a_batch_never_repeat_one_the_batch_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # worker processes drawing 4 random hex digits a minute would repeat about 8 times in
    # 1,000 orders, and with --no-log nothing else would catch it: the batch draws them once
    import datetime

    from ldncalc import batch, prescriptions

    draws = iter(["20261206-0930-AAAA", "20261206-0930-AAAA", "20261206-0930-BBBB",
                  "20261206-0930-CCCC"])  # fmt: skip
    monkeypatch.setattr(prescriptions, "new_lot", lambda day, now: next(draws))
    orders = [
        batch.Order(2, {"kind": "liquid", "target": "4.5mg", "lot": "20261206-0930-BBBB"}),
        batch.Order(3, {"kind": "liquid", "target": "4.5mg"}),
        batch.Order(4, {"kind": "liquid", "target": "4.5mg"}),
        batch.Order(5, {"kind": "liquid", "target": "4.5mg", "date": "12/06/2026"}),
    ]
    now = datetime.datetime(2026, 12, 6, 9, 30)
    drawn = batch.draw_lots(orders, now)
    assert [order.lot for order in drawn] == ["", "20261206-0930-AAAA", "20261206-0930-CCCC", ""]


def test_two_thousand_lots_drawn_in_one_minute_are_all_different() -> None:
    import datetime

    from ldncalc import batch

    orders = [batch.Order(n, {"kind": "liquid", "target": "4.5mg"}) for n in range(2, 2002)]
    drawn = batch.draw_lots(orders, datetime.datetime(2026, 12, 6, 9, 30))
    assert len({order.lot for order in drawn}) == 2000
