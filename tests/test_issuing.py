"""Issuing a lot as a library call (ldncalc.issuing, issue 10 §5): the label and record written
both or neither, the BUD capped by ingredient expiry, the lot registered in the log, and ``-``
as a file name for standard output. The CLI's --label/--record make this same call."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from ldncalc import Issued, issue, liquid
from ldncalc.cli import main
from ldncalc.errors import InputError, OutputError
from ldncalc.issuing import order
from ldncalc.log import open_log, show
from ldncalc.prescriptions import Prescription, prescription
from ldncalc.profile import Profile, profile_toml

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

PHARMACY = Profile(
    name="Lakeside Pharmacy",
    address=("4 Lake Road",),
    pharmacist="A. Martin, RPh",
    phone="613-555-0199",
)
LOT = "20261122-0930-7F3A"


def details(**changes: object) -> Prescription:
    options: dict[str, object] = {
        "patient": "Jane Doe",
        "prescriber": "Dr. Ann Smith",
        "rx": "1234567",
        "lot": LOT,
        "date": "2026-11-22",
    }
    options.update(changes)
    return prescription(**options)  # type: ignore[arg-type]


@pytest.fixture
def pharmacy_file(tmp_path: Path) -> Path:
    path = tmp_path / "pharmacy.toml"
    path.write_text(profile_toml(PHARMACY), encoding="utf-8")
    return path


def test_issue_writes_the_label_and_the_record_owner_only(tmp_path: Path) -> None:
    label, record = tmp_path / "label.txt", tmp_path / "record.txt"
    issued = issue(
        liquid(target="4.5mg", days="14"),
        details(),
        profile=PHARMACY,
        label=str(label),
        record=str(record),
    )
    assert isinstance(issued, Issued)
    assert issued.lot == LOT
    assert [(d.kind, d.format) for d in issued.documents] == [("label", "txt"), ("record", "txt")]
    assert issued.log is None  # no log given: not registered
    # compounded 22 Nov 2026 + the formulation's 14 days (docs/basis.md §5, USP <795>)
    assert issued.bud.date.isoformat() == "2026-12-06"
    assert "Discard after 06 Dec 2026" in label.read_text(encoding="utf-8")
    assert "Discard after 06 Dec 2026: 14 days" in record.read_text(encoding="utf-8")
    for path in (label, record):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # patient data: owner-only


def test_the_bud_is_capped_by_an_ingredient_expiry_and_warned_about(tmp_path: Path) -> None:
    # 22 Nov + 14 days = 06 Dec, but the naltrexone lot expires 30 Nov: the BUD is 30 Nov,
    # 8 days, short of the 14 days of supply
    issued = issue(
        liquid(target="4.5mg", days="14"),
        details(expiry=["naltrexone=2026-11-30"]),
        profile=PHARMACY,
        record=str(tmp_path / "record.txt"),
    )
    assert issued.bud.date.isoformat() == "2026-11-30"
    assert issued.bud.limited_by is not None
    assert len(issued.warnings) == 1
    assert "30 Nov 2026" in str(issued.warnings[0])


def test_a_record_that_cannot_be_written_leaves_no_label(tmp_path: Path) -> None:
    label, record = tmp_path / "label.txt", tmp_path / "record.txt"
    record.write_text("an older record", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        issue(
            liquid(target="4.5mg"),
            details(),
            profile=PHARMACY,
            label=str(label),
            record=str(record),
        )
    assert raised.value.option == "--record"
    assert not label.exists()
    assert record.read_text(encoding="utf-8") == "an older record"


def test_issue_registers_the_lot_in_the_log(tmp_path: Path) -> None:
    book = tmp_path / "log.sqlite3"
    issued = issue(
        liquid(target="4.5mg"),
        details(),
        profile=PHARMACY,
        record=str(tmp_path / "record.txt"),
        log=str(book),
        inputs={"target": "4.5mg"},
    )
    assert issued.log is not None
    with open_log(str(book)) as opened:
        _, entries = show(opened, LOT)
    body = entries[0].body
    assert body["inputs"] == {"target": "4.5mg"}
    assert body["documents"] == {"record": "txt"}
    assert body["prepared_by"] == "A. Martin, RPh"  # the profile's pharmacist by default


def test_a_log_that_cannot_commit_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        kwargs["while_open"]()  # type: ignore[operator]  # the files are written, then…
        raise OSError("the disk is full")  # …the commit fails

    monkeypatch.setattr("ldncalc.log.register", refuse)
    label = tmp_path / "label.txt"
    with pytest.raises(OSError, match="the disk is full"):
        issue(
            liquid(target="4.5mg"),
            details(),
            profile=PHARMACY,
            label=str(label),
            log=str(tmp_path / "log.sqlite3"),
        )
    assert not label.exists()


# --- "-": standard output -------------------------------------------------------------------


def test_a_label_named_dash_goes_to_the_stream_given_and_no_file_is_made(tmp_path: Path) -> None:
    out = io.BytesIO()
    issued = issue(
        liquid(target="4.5mg"),
        details(),
        profile=PHARMACY,
        label="-",
        label_format="zpl",
        record=str(tmp_path / "record.txt"),
        stdout=out,
    )
    zpl = out.getvalue()
    assert zpl.startswith(b"^XA")
    assert zpl.rstrip().endswith(b"^XZ")
    assert issued.documents[0].to_stdout
    assert not (tmp_path / "-").exists()
    assert (tmp_path / "record.txt").exists()


def test_dash_without_a_format_is_text() -> None:
    checked = order(label="-", record=None)
    assert [(d.path, d.format) for d in checked.documents] == [("-", "txt")]
    assert order(record="-").documents[0].format == "txt"


def test_dash_for_both_documents_is_refused() -> None:
    with pytest.raises(InputError) as raised:
        order(label="-", record="-")
    assert raised.value.code == "stdout-taken"
    assert str(raised.value) == (
        'record="-": is standard output, which label= already writes to; '
        "give the record a file name"
    )
    assert raised.value.render("fr", "cli") == (
        '--record: "-" est la sortie standard, où --label écrit déjà; '
        "donnez un nom de fichier à la fiche de préparation"
    )


class _Terminal(io.BytesIO):
    def isatty(self) -> bool:
        return True


def test_a_pdf_for_standard_output_is_refused_on_a_terminal() -> None:
    with pytest.raises(InputError) as raised:
        order(label="-", label_format="pdf", stdout=_Terminal())
    assert raised.value.render("en", "cli") == (
        '--label: "-" would print a PDF on the terminal; '
        "pipe it to a command (| lp) or redirect it to a file (> label.pdf)"
    )
    # piped or redirected, it is written
    assert order(label="-", label_format="pdf", stdout=io.BytesIO()).documents[0].format == "pdf"


class _ClosedPipe(io.BytesIO):
    def write(self, data: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_is_an_output_error_and_the_files_of_the_run_are_removed(
    tmp_path: Path,
) -> None:
    record = tmp_path / "record.txt"
    with pytest.raises(OutputError) as raised:
        issue(
            liquid(target="4.5mg"),
            details(),
            profile=PHARMACY,
            label="-",
            record=str(record),
            stdout=_ClosedPipe(),
        )
    assert raised.value.render("en", "cli") == (
        '--label: "-" cannot be written to standard output (Broken pipe); '
        "check the command it is piped to"
    )
    assert raised.value.exit_code == 74
    assert not record.exists()


def test_cli_label_dash_pipes_zpl_and_moves_the_screen_to_stderr(
    pharmacy_file: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    # ldncalc liquid ... --label - --label-format zpl | lp -d zebra
    code = main(
        [
            "liquid", "--target", "4.5mg", "--label", "-", "--label-format", "zpl",
            "--patient", "Jane Doe", "--prescriber", "Dr. Ann Smith", "--rx", "1234567",
            "--date", "2026-11-22", "--lot", LOT, "--pharmacy", str(pharmacy_file), "--no-log",
        ]
    )  # fmt: skip
    out, err = capsysbinary.readouterr()
    assert code == 0, err
    assert out.startswith(b"^XA")  # nothing but the label on stdout
    assert out.rstrip().endswith(b"^XZ")
    assert err.decode().startswith("label written: standard output (lot 20261122-0930-7F3A)\n")
    assert "Naltrexone HCl 1 mg/mL oral suspension" in err.decode()


def test_cli_refuses_dash_for_both(pharmacy_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["liquid", "--target", "4.5mg", "--label", "-", "--record", "-", "--no-log"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err == (
        'ldncalc: --record: "-" is standard output, which --label already writes to; '
        "give the record a file name\n"
    )


def test_the_readme_example_issues_a_lot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from ldncalc.config_paths import default_path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```py\n(from ldncalc import issue.*?)```", readme, re.S)
    assert found is not None
    default_path().parent.mkdir(parents=True, exist_ok=True)
    default_path().write_text(profile_toml(PHARMACY), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(found.group(1), namespace)
    issued = namespace["issued"]
    assert isinstance(issued, Issued)
    assert [d.path for d in issued.documents] == ["label.zpl", "record.pdf"]
    assert (tmp_path / "label.zpl").read_bytes().startswith(b"^XA")
    assert (tmp_path / "record.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "compounding.sqlite3").exists()


@pytest.mark.parametrize(
    "error",
    [
        InputError("record", "-", code="stdout-taken", kind="record", other="label"),
        InputError("label", "-", code="stdout-terminal", format="pdf"),
        OutputError("label", "-", code="stdout-unwritable", reason="EPIPE"),
    ],
    ids=lambda error: error.code,
)
def test_every_refusal_of_issuing_reads_in_french(error: InputError) -> None:
    text = error.render("fr", "cli")
    for english in (" the ", " and ", " of ", " is ", " to ", " write", " give ", " file "):
        assert english not in f" {text} ", text
    assert "sortie standard" in text or "terminal" in text
