"""Issue 9 §6 and §8: the dates a label may carry, and how its files are written.

A lot whose BUD has passed on the day it is printed is refused; a compounding date far in the
past is warned about, as a future one is. A file that cannot be written exits 74. An existing
label, record or calendar is a legal record: replaced only with --force, never when read-only.
A label and its record on disk come from the same run, even when runs write them at once.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ldncalc.cli import main

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

WHO = ("--patient", "Jane Doe", "--prescriber", "Dr. A", "--rx", "1")


@pytest.fixture
def pharmacy() -> str:
    return str(Path(__file__).parent.parent / "docs" / "pharmacy.example.toml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- Dates ------------------------------------------------------------------------------------


def test_a_label_whose_bud_has_passed_is_refused_and_the_fix_is_accepted(
    tmp_path: Path, pharmacy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # printed 22 Nov 2026: compounded 01 Nov, the 14-day BUD of the water liquid was 15 Nov
    label = tmp_path / "label.txt"
    base = ("liquid", "--target", "4.5mg", "--label", str(label), *WHO, "--pharmacy", pharmacy)
    code, out, err = run(capsys, *base, "--date", "2026-11-01")
    assert (code, out) == (2, "")
    assert err == (
        'ldncalc: --date: "2026-11-01" puts the BUD of this lot on 15 Nov 2026 (14 days), '
        "which has passed (today is 22 Nov 2026): it may not be labelled or dispensed; "
        "compound a new lot and leave --date out (today)\n"
    )
    assert not label.exists()
    code, _, err = run(capsys, *base)  # the fix: --date left out
    assert code == 0, err
    assert "Discard after 06 Dec 2026" in label.read_text(encoding="utf-8")


def test_a_lot_whose_bud_is_today_is_refused_and_the_fix_is_accepted(
    tmp_path: Path, pharmacy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # compounded 08 Nov + 14 days = 22 Nov, the day it is printed: less than one day of supply
    # is left (defect 4; this was labelled "Discard after 22 Nov 2026" with 14 days of supply)
    record = tmp_path / "record.txt"
    base = ("liquid", "--target", "4.5mg", "--record", str(record), "--pharmacy", pharmacy)
    code, out, err = run(capsys, *base, "--date", "2026-11-08")
    assert (code, out) == (2, "")
    assert err == (
        'ldncalc: --date: "2026-11-08" puts the BUD of this lot on today (22 Nov 2026), '
        "leaving less than one day: it may not be labelled or dispensed; compound a new lot "
        "and leave --date out (today)\n"
    )
    assert not record.exists()
    code, _, err = run(capsys, *base, "--lang", "fr", "--date", "2026-11-08")
    assert code == 2
    assert err == (
        'ldncalc: --date: "2026-11-08" place la date limite d\'utilisation de ce lot à '
        "aujourd'hui (22 nov. 2026), soit moins d'un jour : elle ne peut être ni étiquetée ni "
        "servie; préparez un nouveau lot et omettez --date (aujourd'hui)\n"
    )
    code, _, err = run(capsys, *base)  # the fix: --date left out
    assert code == 0, err
    assert "Discard after 06 Dec 2026: 14 days" in record.read_text(encoding="utf-8")


def test_a_lot_made_days_ago_supplies_only_the_days_left_before_its_bud(
    tmp_path: Path, pharmacy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # compounded 12 Nov, 14-day BUD: discard after 26 Nov; printed 22 Nov, so 26 - 22 = 4 days
    # are left, not the 14 a lot made today supplies (21 doses of 4.5 mL at 1 a day)
    record = tmp_path / "record.txt"
    code, out, err = run(
        capsys, "liquid", "--target", "4.5mg", "--record", str(record), "--date", "2026-11-12",
        "--pharmacy", pharmacy,
    )  # fmt: skip
    assert code == 0, err
    assert "Supply   4 days at 1 a day (the BUD; the bottle holds 21 doses)" in out
    text = record.read_text(encoding="utf-8")
    assert "21 doses, 4 days of supply" in text
    assert "Discard after 26 Nov 2026: 14 days" in text


def test_an_expiry_on_the_day_printed_is_refused_naming_the_expiry(
    tmp_path: Path, pharmacy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # capsules compounded 20 Nov, naltrexone expires 22 Nov, the day the record is printed
    record = tmp_path / "record.txt"
    base = ("capsule", "--strength", "4.5mg", "--quantity", "30", "--record", str(record),
            "--pharmacy", pharmacy, "--date", "2026-11-20")  # fmt: skip
    code, out, err = run(capsys, *base, "--expiry", "naltrexone=2026-11-22")
    assert (code, out) == (2, "")
    assert err == (
        'ldncalc: --expiry: "naltrexone=2026-11-22" brings the BUD of this lot on today '
        "(22 Nov 2026), leaving less than one day: it may not be labelled or dispensed; use a "
        "lot of that ingredient that has not expired\n"
    )
    code, _, err = run(capsys, *base, "--expiry", "naltrexone=2027-11-30")
    assert code == 0, err


def test_a_record_whose_bud_an_expiry_has_passed_names_the_expiry(
    tmp_path: Path, pharmacy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # capsules compounded 10 Nov (180 days: 09 May 2027), naltrexone expired 20 Nov
    record = tmp_path / "record.txt"
    base = ("capsule", "--strength", "4.5mg", "--quantity", "30", "--record", str(record),
            "--pharmacy", pharmacy)  # fmt: skip
    code, out, err = run(capsys, *base, "--date", "2026-11-10", "--expiry", "naltrexone=2026-11-20")
    assert (code, out) == (2, "")
    assert err == (
        'ldncalc: --expiry: "naltrexone=2026-11-20" brings the BUD of this lot to 20 Nov 2026, '
        "which has passed (today is 22 Nov 2026): it may not be labelled or dispensed; use a "
        "lot of that ingredient that has not expired\n"
    )
    code, _, err = run(capsys, *base, "--date", "2026-11-10", "--expiry", "naltrexone=2027-11-30")
    assert code == 0, err
    assert "Discard after 09 May 2027" in record.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("date", "lang", "warning"),
    [
        # 22 Nov - 14 Nov = 8 days: more than LONG_AGO_DAYS (7)
        (
            "2026-11-14",
            "en",
            "WARNING: The compounding date 14 Nov 2026 is 8 days before today: the BUD counts "
            "from it, so check --date (the day compounding started)",
        ),
        (
            "2026-11-14",
            "fr",
            "AVERTISSEMENT : La date de préparation 14 nov. 2026 est 8 jours avant aujourd'hui "
            ": la date limite compte à partir d'elle; vérifiez --date (le jour où la "
            "préparation a commencé)",
        ),
        ("2026-11-15", "en", None),  # 7 days: a batch made ahead, a weekend
    ],
)
def test_a_compounding_date_far_in_the_past_is_warned(
    date: str,
    lang: str,
    warning: str | None,
    tmp_path: Path,
    pharmacy: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    record = tmp_path / "record.txt"
    code, _, err = run(
        capsys, "capsule", "--strength", "4.5mg", "--quantity", "30",
        "--record", str(record), "--date", date, "--lang", lang, "--pharmacy", pharmacy,
    )  # fmt: skip
    assert code == 0, err
    if warning is None:
        assert "WARNING" not in err
    else:
        assert f"{warning}\n" in err
        said = warning.removeprefix("WARNING: ").removeprefix("AVERTISSEMENT : ")
        assert said in " ".join(record.read_text(encoding="utf-8").split())


# --- Files that cannot be written: exit 74 ----------------------------------------------------


def test_a_full_disk_exits_74_and_leaves_nothing(
    tmp_path: Path,
    pharmacy: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)
    label, record = tmp_path / "label.pdf", tmp_path / "record.pdf"
    code, out, err = run(
        capsys, "liquid", "--target", "4.5mg", "--label", str(label), "--record", str(record),
        *WHO, "--pharmacy", pharmacy,
    )  # fmt: skip
    assert (code, out) == (74, "")  # README: 74, the output could not be written (it was 2)
    assert err == (
        f'ldncalc: --label: "{label}" cannot be written (No space left on device); '
        "check the folder\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_calendar_that_cannot_be_written_exits_74(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("os.fsync", broken)
    path = tmp_path / "calendar.pdf"
    code, _, err = run(capsys, "titrate", "--protocol", "ldnrt-weekly", "--pdf", str(path))
    assert code == 74
    assert (
        err
        == f'ldncalc: --pdf: "{path}" cannot be written (Input/output error); check the folder\n'
    )
    assert list(tmp_path.iterdir()) == []


# --- Patient data is owner-only ----------------------------------------------------------------


@pytest.fixture(params=[0o000, 0o022])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """A permissive umask (0000: files would be 0666) and the usual one (0022: 0644)."""
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_labels_records_and_calendars_are_owner_only_whatever_the_umask(
    umask: int, tmp_path: Path, pharmacy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # they were written 0666 minus the umask: 0644 (or 0666), readable by every user
    replaced = tmp_path / "old.txt"
    replaced.write_text("yesterday's label\n", encoding="utf-8")
    replaced.chmod(0o644)
    pairs = [("l.txt", "r.txt"), ("l.pdf", "r.pdf"), ("l.zpl", "r2.txt"), ("old.txt", "r3.pdf")]
    for label, record in pairs:
        code, _, err = run(
            capsys, "liquid", "--target", "4.5mg", "--label", str(tmp_path / label),
            "--record", str(tmp_path / record), *WHO, "--pharmacy", pharmacy, "--force",
        )  # fmt: skip
        assert code == 0, err
    calendar = tmp_path / "c.pdf"
    code, _, err = run(capsys, "titrate", "--protocol", "ldnrt-weekly", "--pdf", str(calendar))
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*sum(pairs, ()), "c.pdf"])
    for path in tmp_path.iterdir():  # the one replaced with --force included
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


# --- Legal records are not replaced silently ---------------------------------------------------


@pytest.mark.parametrize("option", ["--label", "--record"])
def test_an_existing_label_or_record_is_replaced_only_with_force(
    option: str, tmp_path: Path, pharmacy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.txt"
    path.write_text("yesterday's label\n", encoding="utf-8")
    base = ("liquid", "--target", "4.5mg", option, str(path), *WHO, "--pharmacy", pharmacy)
    code, out, err = run(capsys, *base)
    assert (code, out) == (2, "")  # refused before anything is calculated
    assert err == (
        f'ldncalc: {option}: "{path}" already exists (labels, records and calendars are not '
        "replaced silently); give another file name, or add --force to replace it\n"
    )
    assert path.read_text(encoding="utf-8") == "yesterday's label\n"
    code, _, err = run(capsys, *base, "--force")  # the fix
    assert code == 0, err
    assert "Jane Doe" in path.read_text(encoding="utf-8")


def test_a_read_only_label_is_never_replaced_even_with_force(
    tmp_path: Path, pharmacy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    label, record = tmp_path / "label.txt", tmp_path / "record.txt"
    label.write_text("signed label\n", encoding="utf-8")
    label.chmod(0o444)  # root may still write it: the mode is what counts
    code, out, err = run(
        capsys, "liquid", "--target", "4.5mg", "--label", str(label), "--record", str(record),
        *WHO, "--pharmacy", pharmacy, "--force",
    )  # fmt: skip
    assert (code, out) == (2, "")
    assert err == (
        f'ldncalc: --label: "{label}" is read-only: it is not replaced, even with --force; '
        "give another file name\n"
    )
    assert label.read_text(encoding="utf-8") == "signed label\n"
    assert not record.exists()


def test_an_existing_calendar_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "calendar.pdf"
    path.write_bytes(b"%PDF old")
    base = ("titrate", "--protocol", "ldnrt-weekly", "--pdf", str(path))
    code, out, err = run(capsys, *base)
    assert (code, out) == (2, "")
    assert err == (
        f'ldncalc: --pdf: "{path}" already exists (labels, records and calendars are not '
        "replaced silently); give another file name, or add --force to replace it\n"
    )
    assert path.read_bytes() == b"%PDF old"
    code, _, err = run(capsys, *base, "--force")
    assert code == 0, err
    assert path.read_bytes() != b"%PDF old"
    code, _, err = run(capsys, "titrate", "--protocol", "ldnrt-weekly", "--force")
    assert (code, err) == (
        2,
        "ldncalc: --force: is only used with --pdf, --ics or --fhir; add --pdf FILE, --ics FILE "
        "or --fhir FILE, or leave it out\n",
    )


def test_force_alone_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "liquid", "--target", "4.5mg", "--force")
    assert (code, err) == (
        2,
        "ldncalc: --force: is only used with --label, --record, --leaflet or --fhir; add "
        "--label FILE, --record FILE, --leaflet FILE or --fhir FILE, or leave it out\n",
    )
    code, _, err = run(capsys, "liquid", "--target", "4.5mg", "--force", "--lang", "fr")
    assert (code, err) == (
        2,
        "ldncalc: --force: ne sert qu'avec --label, --record, --leaflet ou --fhir; ajoutez "
        "--label FILE, --record FILE, --leaflet FILE ou --fhir FILE, ou retirez-la\n",
    )


# s5 review: a second --fhir run said "add --force to replace it", and --force was then refused
# as "only used with --label or --record"
@pytest.mark.parametrize(
    "command",
    [
        "liquid --target 4.5mg",
        "liquid --target 4.5mg --source api",
        "capsule --strength 4.5mg --quantity 30",
        "drops --target 0.5mg --drop-volume 0.05mL",
        "cream --strength 10mg/g --quantity 30g",
    ],
)
@pytest.mark.parametrize(("lang", "said"), [("en", "add --force"), ("fr", "ajoutez --force")])
def test_force_replaces_an_existing_fhir_file(
    command: str, lang: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "order.json"
    path.write_text("{}", encoding="utf-8")
    base = [*command.split(), "--fhir", str(path), "--lang", lang]
    code, _, err = run(capsys, *base)
    assert code == 2
    assert said in err  # the fix the refusal gives…
    assert path.read_text(encoding="utf-8") == "{}"
    code, _, err = run(capsys, *base, "--force")  # …is accepted and does what it says
    assert code == 0, err
    assert '"resourceType": "Bundle"' in path.read_text(encoding="utf-8")


def test_force_replaces_an_existing_batch_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("old", encoding="utf-8")
    code, _, err = run(capsys, "batch", "--template", str(path))
    assert (code, err) == (
        2,
        f'ldncalc: --template: "{path}" already exists (labels, records and calendars are not '
        "replaced silently); give another file name, or add --force to replace it\n",
    )
    code, _, err = run(capsys, "batch", "--template", str(path), "--force")
    assert code == 0, err
    assert path.read_text(encoding="utf-8").startswith("kind,")
    code, _, err = run(capsys, "batch", str(path), "--out", str(tmp_path), "--force")
    assert (code, err) == (
        2,
        "ldncalc: --force: is only used with --template; add --template FILE, or leave it out\n",
    )


# --- The calendar prints what its font has -----------------------------------------------------


@pytest.mark.parametrize("output", [["--calendar"], ["--pdf", "calendar.pdf"]])
def test_the_calendar_refuses_a_name_its_font_cannot_print(
    output: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # it printed "For:" and a blank (issue 9 §6), where a label refuses the name
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        capsys, "titrate", "--protocol", "ldnrt-weekly", *output, "--patient", "王秀英"
    )
    assert (code, out) == (2, "")
    assert err == (
        'ldncalc: --patient: "王秀英" has characters the label font cannot print (王 秀 英); '
        "write it in Latin, Greek or Cyrillic letters\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_calendar_library_refuses_it_too() -> None:
    from ldncalc.errors import InputError
    from ldncalc.labels.calendar import calendar_pdf, calendar_text
    from ldncalc.titration import titrate

    result = titrate(protocol="ldnrt-weekly")
    for render in (calendar_text, calendar_pdf):
        with pytest.raises(
            InputError, match=r'^patient="Ἀθηνᾶ 王": has characters the label font cannot print'
        ):
            render(result, patient="Ἀθηνᾶ 王")


# --- A label and its record come from one run (issue 9 §8) -------------------------------------

# One process writes a label and a record with write_all; with SLOW set, it waits after
# renaming its label into place (and says so in the file MARK), as a loaded machine may.
WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from ldncalc.labels.files import write_all

    folder, name, slow = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "slow"
    real_replace = Path.replace

    def replace(self, target):
        moved = real_replace(self, target)
        if slow and Path(target).name == "label.txt":
            (folder / "MARK").write_text("label in place")
            time.sleep(3)
        return moved

    Path.replace = replace
    write_all(
        [(folder / "label.txt", f"label of {name}".encode(), "--label"),
         (folder / "record.txt", f"record of {name}".encode(), "--record")],
        force=True,
    )
    """
)


def test_a_run_that_writes_while_another_is_renaming_waits_for_it(tmp_path: Path) -> None:
    # Without the lock: A puts its label in place, B puts its label and its record, then A
    # its record: B's label beside A's record (one patient's label, another's record).
    folder = tmp_path / "out"
    folder.mkdir()
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")

    def start(name: str, slow: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, str(script), str(folder), name, slow])

    first = start("A", "slow")
    for _ in range(400):  # up to 20 s for A to start and put its label in place
        if (folder / "MARK").exists() or first.poll() is not None:
            break
        time.sleep(0.05)
    assert (folder / "MARK").exists(), first.poll()
    second = start("B", "fast")
    assert second.wait(30) == 0
    assert first.wait(30) == 0
    label = (folder / "label.txt").read_text().removeprefix("label of ")
    record = (folder / "record.txt").read_text().removeprefix("record of ")
    assert label == record == "B"  # B waited for A, then replaced both


def test_concurrent_commands_leave_a_label_and_record_of_one_run(
    tmp_path: Path, pharmacy: str
) -> None:
    label, record = tmp_path / "label.txt", tmp_path / "record.txt"
    for _round in range(2):
        runs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "ldncalc",
                    "liquid",
                    "--target",
                    "4.5mg",
                    "--label",
                    str(label),
                    "--record",
                    str(record),
                    "--force",
                    "--patient",
                    f"Patient {n}",
                    "--prescriber",
                    "Dr. A",
                    "--rx",
                    str(n),
                    "--lot",  # a lot is issued once (the compounding log, issue 12)
                    f"LOT-{_round}{n}",
                    "--pharmacy",
                    pharmacy,
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for n in range(6)
        ]
        for process in runs:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        on_label = label.read_text(encoding="utf-8")
        on_record = record.read_text(encoding="utf-8")
        lots = [n for n in range(6) if f"Lot LOT-{_round}{n}" in on_label]
        assert len(lots) == 1, on_label
        assert f"Patient {lots[0]}" in on_label
        assert f"LOT-{_round}{lots[0]}" in on_record
        assert f"Patient {lots[0]}" in on_record
