"""``ldncalc log …`` and the registration of every label and record, on SQLite and PostgreSQL:
a lot made, completed, verified, found by an ingredient lot, reprinted, and the log audited;
every refusal one line with its exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ldncalc.cli import main

PHARMACY = str(Path(__file__).parent.parent / "docs" / "pharmacy.example.toml")
pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")  # labels print on 22 Nov 2026


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _issue(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log_url: str, lot: str, *extra: str
) -> tuple[int, str, str]:
    return _run(
        capsys,
        "liquid",
        "--target",
        "4.5mg",
        "--label",
        str(tmp_path / f"{lot}.txt"),
        "--pharmacy",
        PHARMACY,
        "--patient",
        "Jane Doe",
        "--prescriber",
        "Dr. Ann Smith",
        "--rx",
        "1234567",
        "--lot",
        lot,
        "--date",
        "2026-11-22",
        "--expiry",
        "naltrexone=2027-05-31",
        "--ingredient-lot",
        "naltrexone=NX2291",
        "--prepared-by",
        "A. Martin",
        "--log",
        log_url,
        *extra,
    )


def test_a_lot_made_completed_verified_recalled_reprinted_and_audited(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log_url: str
) -> None:
    code, _, err = _issue(capsys, tmp_path, log_url, "LDN-0001")
    assert code == 0, err
    assert err.splitlines()[-1].startswith("lot LDN-0001 registered in ")
    code, out, _ = _run(capsys, "log", "list", "--log", log_url)
    assert out.splitlines()[1].split() == [
        "LDN-0001", "2026-11-22", "Jane", "Doe", "1234567", "100", "mL", "1", "mg/mL",
        "awaiting", "completion",
    ]  # fmt: skip
    code, out, _ = _run(
        capsys, "log", "complete", "LDN-0001", "--actual", "naltrexone=2",
        "--actual", "water=101mL", "--log", log_url,
    )  # fmt: skip
    # 2 × 50 mg in 101 mL = 0.990 mg/mL: 99 % of 1 mg/mL; water +1 %, inside 5 %
    assert out.splitlines()[1:] == [
        "  Naltrexone HCl 50 mg tablets: 2 for 2 (0 %, tolerance exact count) ok",
        "  Purified water: 101 mL for 100 mL (+1 %, tolerance ±5 %) ok",
        "  Strength made: 0.99 mg/mL (99 % of the label)",
        "PASSED: ready for a pharmacist's verification",
    ]
    code, _, err = _run(capsys, "log", "verify", "LDN-0001", "--pharmacist", "A. Martin",
                        "--log", log_url)  # fmt: skip
    assert (code, err) == (
        2,
        'ldncalc: --pharmacist: "A. Martin" prepared this lot and cannot verify it; have '
        "another pharmacist verify it (a single-pharmacist pharmacy sets single_pharmacist = "
        "true under [log] in its profile)\n",
    )
    code, out, _ = _run(capsys, "log", "verify", "LDN-0001", "--pharmacist", "B. Chen",
                        "--log", log_url, "--json")  # fmt: skip
    assert json.loads(out)["kind"] == "released"
    code, _, err = _run(capsys, "log", "verify", "LDN-0001", "--pharmacist", "B. Chen",
                        "--log", log_url)  # fmt: skip
    assert code == 2
    assert "was already released by B. Chen" in err
    code, out, _ = _run(capsys, "log", "recall", "--ingredient-lot", "NX2291", "--log", log_url,
                        "--json")  # fmt: skip
    (found,) = json.loads(out)
    assert (found["lot"], found["patient"], found["rx"], found["status"]) == (
        "LDN-0001", "Jane Doe", "1234567", "released",
    )  # fmt: skip
    reprinted = tmp_path / "reprint.txt"
    code, out, _ = _run(capsys, "log", "reprint", "LDN-0001", "--label", str(reprinted),
                        "--log", log_url)  # fmt: skip
    assert code == 0
    original = (tmp_path / "LDN-0001.txt").read_text().splitlines()
    again = reprinted.read_text().splitlines()
    changed = [(a, b) for a, b in zip(original, again, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1].startswith("Lot LDN-0001 REPRINT ")
    code, out, _ = _run(capsys, "log", "audit", "--log", log_url)
    assert code == 0
    assert out.endswith(": 3 entries, the hash chain is intact.\n")
    code, out, _ = _run(capsys, "log", "export", "--format", "csv", "--log", log_url)
    assert out.splitlines()[0] == (
        "seq,lot,kind,recorded_at,actor,corrects,patient,rx,formulation_id,formulation_version,"
        "compounded,hash,body"
    )
    assert len(out.splitlines()) == 4


def test_a_label_and_its_log_entry_succeed_together_or_not_at_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = str(tmp_path / "log.sqlite3")
    assert _issue(capsys, tmp_path, url, "A1")[0] == 0
    # the log refuses (the lot is already in it): no label is written
    again = tmp_path / "again"
    again.mkdir()
    code, _, err = _issue(capsys, again, url, "A1")
    assert (code, err) == (
        2,
        'ldncalc: --lot: "A1" is already in the compounding log; give a new lot number, or '
        "leave --lot out for a new one\n",
    )
    assert list(again.iterdir()) == []
    # the label cannot be written: no log entry
    from ldncalc.labels import files

    def full_disk(*args: object, **kwargs: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.tempfile, "mkstemp", full_disk)
    code, _, err = _issue(capsys, tmp_path, url, "A2")
    assert code == 74
    assert "cannot be written (No space left on device)" in err
    code, out, _ = _run(capsys, "log", "list", "--log", url, "--json")
    assert [lot["lot"] for lot in json.loads(out)] == ["A1"]


def test_no_log_registers_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = str(tmp_path / "log.sqlite3")
    code, _, err = _issue(capsys, tmp_path, url, "N1", "--no-log")
    assert (code, err.splitlines()[0]) == (
        2,
        'ldncalc: --log: "' + url + '" cannot be given with --no-log; give one',
    )
    code, _, err = _run(
        capsys, "liquid", "--target", "4.5mg", "--record", str(tmp_path / "r.txt"), "--no-log"
        , "--pharmacy", PHARMACY,
    )  # fmt: skip
    assert code == 0, err
    assert "registered" not in err


@pytest.mark.parametrize(
    ("argv", "expected", "exit_code"),
    [
        (["log", "show", "NOPE"], 'LOT: "NOPE" is not in the compounding log; see '
         "'ldncalc log list'", 2),
        (["log", "list", "--log", "mysql://db/log"], '--log: "mysql://db/log" is a "mysql:" URL,'
         " not a log ldncalc can keep; give a file path or postgresql://USER@HOST/DATABASE", 2),
        (["log", "list", "--log", "postgresql://ldn:pw@127.0.0.1:1/log"],
         '--log: "postgresql://ldn:***@127.0.0.1:1/log" cannot be reached (connection failed: '
         'connection to server at "127.0.0.1", port 1 failed: Connection refused); check that '
         "the server runs and the URL is right", 74),
        (["log", "list", "--log", "/nonexistent/log.sqlite3"], '--log: "/nonexistent/log.'
         'sqlite3" does not exist; check the path (a log is created by the first label or '
         "record issued)", 2),
        (["log", "list", "--status", "lost"], '--status: "lost" is not a status; use one of: '
         "awaiting completion, completed, failed, released, quarantined", 2),
        (["log", "complete", "X", "--actual", "naltrexone=2"], 'LOT: "X" is not in the '
         "compounding log; see 'ldncalc log list'", 2),
    ],
)  # fmt: skip
def test_log_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str, exit_code: int
) -> None:
    from ldncalc.log import open_log

    open_log().close()  # an empty log at $LDNCALC_LOG
    code, _, err = _run(capsys, *argv)
    assert (code, err) == (exit_code, f"ldncalc: {expected}\n")


def test_a_file_that_is_not_a_log_and_a_shared_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("groceries " * 500)
    notes.chmod(0o600)
    code, _, err = _run(capsys, "log", "list", "--log", str(notes))
    assert (code, err) == (
        2,
        f'ldncalc: --log: "{notes}" is not an ldncalc compounding log (not an SQLite '
        "database); give the path of a log, or a new file\n",
    )


def test_the_audit_fails_with_exit_1_naming_the_entry_in_english_and_french(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import sqlite3

    url = str(tmp_path / "log.sqlite3")
    for lot in ("B1", "B2"):
        assert _issue(capsys, tmp_path, url, lot)[0] == 0
    connection = sqlite3.connect(url)
    connection.execute("DROP TRIGGER entries_no_update")
    connection.execute("UPDATE entries SET rx = '7654321' WHERE seq = 2")
    connection.commit()
    connection.close()
    code, out, _ = _run(capsys, "log", "audit", "--log", url)
    assert (code, out) == (
        1,
        f"Audit of {url}: entry #2 (lot B2) does not match its hash: its content was changed; "
        "2 entries read\n",
    )
    code, out, _ = _run(capsys, "log", "audit", "--log", url, "--lang", "fr")
    assert (code, out) == (
        1,
        f"Audit de {url} : l'entrée no 2 (lot B2) ne correspond pas à son hachage : son "
        "contenu a été modifié; entrées lues : 2\n",
    )


def _capsule_lot(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, log_url: str, lot: str
) -> dict[str, Any]:
    """A lot of 30 capsules of 4.5 mg registered by its record; its result."""
    code, out, err = _run(
        capsys, "capsule", "--strength", "4.5mg", "--quantity", "30", "--record",
        str(tmp_path / "r.txt"), "--pharmacy", PHARMACY, "--lot", lot, "--log", log_url, "--json",
    )  # fmt: skip
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def test_a_capsule_lot_is_completed_with_a_sample_of_capsule_weights(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = str(tmp_path / "log.sqlite3")
    result = _capsule_lot(capsys, tmp_path, url, "C1")
    code, out, _ = _run(capsys, "log", "show", "C1", "--log", url, "--json")
    # the inputs as typed (the defaults, such as --doses-per-day 1, left out)
    assert json.loads(out)["entries"][0]["body"]["inputs"] == {
        "strength": "4.5mg",
        "quantity": "30",
        "json": True,
    }
    actual = []
    for item in result["ingredients"]:
        if item["tablets"] is not None and item["powder"] is None:
            actual.append(f"{item['name']}={item['tablets']}")
        else:
            amount = item["powder"] or item["mass"]
            actual.append(f"{item['name']}={amount['value']}{amount['unit']}")
    fill = result["fill_weight"]["value"]
    args = ["log", "complete", "C1", "--log", url, "--shell-weight", "48mg", "--json"]
    for text in actual:
        args += ["--actual", text]
    for gross in (fill + 48, fill + 48, fill * 1.2 + 48):  # the third is 120 % of its fill
        args += ["--capsule-weight", f"{round(gross, 1)}mg"]
    code, out, err = _run(capsys, *args)
    assert code == 0, err
    body = json.loads(out)["body"]
    assert body["capsules"]["outside_range"] == 1
    assert body["passed"] is False
    assert body["failures"][-1].startswith("1 of 3 capsules outside the net fill range")
    # corrected, weighed again, with the shell weight the record was calculated with
    shell = result["shell_weight"]["value"]
    args = ["log", "complete", "C1", "--log", url, "--json"]
    for text in actual:
        args += ["--actual", text]
    args += ["--correction", "third capsule refilled"]
    for gross in (fill + shell, fill + shell):
        args += ["--capsule-weight", f"{round(gross, 1)}mg"]
    code, out, err = _run(capsys, *args)
    assert code == 0, err
    body = json.loads(out)["body"]
    assert (body["passed"], body["capsules"]["shell_weight_source"]) == (
        True,
        "the record's (profile)",  # docs/pharmacy.example.toml weighs its shells
    )


def test_a_plain_calculation_imports_no_log_and_no_database_driver() -> None:
    probe = (
        "import sys\n"
        "from ldncalc.cli import main\n"
        "assert main(['liquid', '--target', '4.5mg']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ldncalc.log', 'sqlite3', "
        "'_sqlite3', 'psycopg'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines()[-1] == "[]"


def test_the_profile_chooses_the_log_and_may_allow_a_single_pharmacist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LDNCALC_LOG")
    url = tmp_path / "pharmacy-log.sqlite3"
    profile = tmp_path / "pharmacy.toml"
    profile.write_text(
        Path(PHARMACY).read_text() + f'\n[log]\nurl = "{url}"\nsingle_pharmacist = true\n'
    )
    code, _, err = _run(
        capsys, "liquid", "--target", "4.5mg", "--record", str(tmp_path / "r.txt"),
        "--pharmacy", str(profile), "--lot", "S1",
    )  # fmt: skip
    assert code == 0, err
    assert err.splitlines()[-1] == f"lot S1 registered in {url}"
    log = ["--pharmacy", str(profile)]
    assert _run(capsys, "log", "complete", "S1", "--actual", "naltrexone=2",
                "--actual", "water=100mL", *log)[0] == 0  # fmt: skip
    # prepared by the profile's pharmacist, verified by the same: allowed here, and recorded
    code, out, err = _run(capsys, "log", "verify", "S1", "--pharmacist", "A. Martin, RPh", *log)
    assert (code, out.splitlines()[:2]) == (
        0,
        [
            "Lot S1 released by A. Martin, RPh (entry #3)",
            "  Single-pharmacist pharmacy: verified by the preparer",
        ],
    ), err
    code, out, _ = _run(capsys, "config", "show", "--pharmacy", str(profile))
    assert out.endswith(f'[log]  # the compounding log: a file or postgresql://…\nurl = "{url}"\n'
                        "single_pharmacist = true\n")  # fmt: skip


# The GS1 element string on a container of naltrexone: GTIN 07032069804988 (check digit 8),
# expiry 31 Dec 2027 (AI 17: 271231), lot NX2291 (AI 10), as a scanner types it (FNC1 as GS)
# and as printed under the barcode.
SCANNED = "0107032069804988172712311" + "0NX2291"
PRINTED = "(01)07032069804988(17)271231(10)NX2291"


@pytest.mark.parametrize("scan", [SCANNED, f"]d2{SCANNED}", PRINTED])
def test_a_scanned_gs1_barcode_fills_the_ingredient_lot_and_expiry(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, scan: str
) -> None:
    url = str(tmp_path / "log.sqlite3")
    code, _, err = _run(
        capsys, "liquid", "--target", "4.5mg", "--record", str(tmp_path / "r.txt"),
        "--pharmacy", PHARMACY, "--lot", "G1", "--date", "2026-11-22", "--log", url,
        "--ingredient-lot", f"naltrexone={scan}",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = _run(capsys, "log", "show", "G1", "--log", url)
    assert "  Ingredient:   Naltrexone HCl 50 mg tablets: lot NX2291, expires 2027-12-31" in (
        out.splitlines()
    )
    code, out, _ = _run(capsys, "log", "recall", "--ingredient-lot", "NX2291", "--log", url)
    assert out.splitlines()[1].startswith("G1 ")


@pytest.mark.parametrize(
    ("scan", "problem"),
    [
        (
            "(01)07032069804988(17)271331(10)NX2291",
            "is not a valid GS1 element string (Failed to match '17271331' with GS1 AI (17) "
            "pattern '^17(\\d{2}(?:0\\d|1[0-2])(?:[0-2]\\d|3[01]))$'.)",
        ),
        ("(01)07032069804988(17)271231", "holds no lot (GS1 AI 10)"),
    ],
)
def test_a_bad_gs1_scan_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, scan: str, problem: str
) -> None:
    code, _, err = _run(
        capsys, "liquid", "--target", "4.5mg", "--record", str(tmp_path / "r.txt"),
        "--pharmacy", PHARMACY, "--ingredient-lot", f"naltrexone={scan}",
    )  # fmt: skip
    assert (code, err) == (
        2,
        f'ldncalc: --ingredient-lot: "naltrexone={scan}" {problem}; scan the GS1 barcode '
        "again, or type the lot itself: INGREDIENT=LOT\n",
    )


def test_a_record_carries_its_lot_as_a_code_128_barcode(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import pypdfium2
    from barcode.codex import Code128

    from ldncalc.labels.pdf import BAR_HEIGHT, BAR_MODULE, PAGE_MARGIN

    record = tmp_path / "record.pdf"
    code, _, err = _run(
        capsys, "liquid", "--target", "4.5mg", "--record", str(record), "--pharmacy", PHARMACY,
        "--lot", "20261206-1121-2A53", "--no-log",
    )  # fmt: skip
    assert code == 0, err
    modules = Code128("20261206-1121-2A53").build()[0]
    scale = 4  # 3 pixels a module
    document = pypdfium2.PdfDocument(record)
    try:
        for page in document:
            image = page.render(scale=scale).to_pil().convert("L")
            width = page.get_width()
            right = (width - PAGE_MARGIN) * scale
            left = right - len(modules) * BAR_MODULE * scale
            row = round((PAGE_MARGIN - 30 + BAR_HEIGHT / 2) * scale)
            pixels = [image.getpixel((x, row)) for x in range(round(left), round(right))]
            seen = "".join("1" if value < 128 else "0" for value in pixels)  # type: ignore[operator]
            # each module is 3 pixels: read the middle one
            read = "".join(seen[round((n + 0.5) * BAR_MODULE * scale)] for n in range(len(modules)))
            assert read == modules
    finally:
        document.close()


def test_a_bad_gs1_scan_is_refused_with_a_code_in_english_and_french() -> None:
    from ldncalc.errors import InputError
    from ldncalc.log.gs1 import read_gs1

    scan = "naltrexone=(01)07032069804988(17)271231"
    with pytest.raises(InputError) as caught:
        read_gs1(scan, "(01)07032069804988(17)271231")
    assert caught.value.code == "gs1-no-lot"
    assert caught.value.render("fr", "cli") == (
        f'--ingredient-lot: "{scan}" ne contient aucun lot (IA GS1 10); balayez de nouveau le '
        "code-barres GS1, ou tapez le lot lui-même : INGRÉDIENT=LOT"
    )


# s5 review: a reprint over an existing file said "add --force to replace it", an option
# log reprint did not have
def test_a_reprint_replaces_an_existing_file_only_with_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log_url = str(tmp_path / "log.sqlite3")
    code, _, err = _issue(capsys, tmp_path, log_url, "LDN-0002")
    assert code == 0, err
    path = tmp_path / "reprint.txt"
    path.write_text("old", encoding="utf-8")
    argv = ("log", "reprint", "LDN-0002", "--record", str(path), "--log", log_url)
    code, _, err = _run(capsys, *argv)
    assert (code, err) == (
        2,
        f'ldncalc: --record: "{path}" already exists (labels, records and calendars are not '
        "replaced silently); give another file name, or add --force to replace it\n",
    )
    code, _, err = _run(capsys, *argv, "--force")
    assert code == 0, err
    assert "REPRINT" in path.read_text(encoding="utf-8")
