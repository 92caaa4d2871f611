"""``ldncalc log reprint LOT --leaflet FILE``: the patient leaflet reprinted from what the log
holds (the result, the prescription and the pharmacy profile stored when the lot was issued),
never recalculated, marked REPRINT with the day's date."""

from __future__ import annotations

import datetime
import shlex
import stat
from pathlib import Path

import pytest
from test_leaflet import PHARMACY, text

from ldncalc.cli import main
from ldncalc.profile import profile_toml

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")


def run(argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(shlex.split(argv))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_leaflet_is_reprinted_from_the_log(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "pharmacy.toml"
    profile.write_text(profile_toml(PHARMACY), encoding="utf-8")
    log = tmp_path / "log.sqlite3"
    code, err = run(
        f"liquid --target 4.5mg --label {tmp_path}/l.txt --leaflet {tmp_path}/first.pdf "
        f"--pharmacy {profile} --patient 'Jane Doe' --prescriber 'Dr. A' --rx 12 --lot LDN-7 "
        f"--date 2026-11-22 --log {log} --lang {lang}",
        capsys,
    )
    assert code == 0, err
    code, err = run(f"log reprint LDN-7 --leaflet {tmp_path}/again.pdf --log {log}", capsys)
    assert code == 0, err
    again = (tmp_path / "again.pdf").read_bytes()
    assert stat.S_IMODE((tmp_path / "again.pdf").stat().st_mode) == 0o600  # the patient's name
    first = text((tmp_path / "first.pdf").read_bytes())
    reprinted = text(again)
    # the same leaflet, in the label's language, with the reprint mark under its title
    word = "RÉIMPRESSION" if lang == "fr" else "REPRINT"  # the leaflet's language (review fix)
    mark = f"{word} {datetime.date.today().isoformat()}"
    assert mark in reprinted
    assert reprinted.replace(f" {mark}", "", 1) == first
    assert ("Votre dose" if lang == "fr" else "Your dose") in reprinted


def test_reprint_says_what_it_wrote_and_what_it_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "pharmacy.toml"
    profile.write_text(profile_toml(PHARMACY), encoding="utf-8")
    log = tmp_path / "log.sqlite3"
    assert (
        run(
            f"capsule --strength 4.5mg --quantity 30 --label {tmp_path}/l.txt --pharmacy {profile} "
            f"--patient 'Jane Doe' --prescriber 'Dr. A' --rx 12 --lot LDN-8 --log {log}",
            capsys,
        )[0]
        == 0
    )
    code = main(shlex.split(f"log reprint LDN-8 --leaflet {tmp_path}/f.pdf --log {log}"))
    assert (code, capsys.readouterr().out) == (
        0, f"leaflet reprinted: {tmp_path}/f.pdf (lot LDN-8)\n"
    )  # fmt: skip
    code = main(shlex.split(f"log reprint LDN-8 --leaflet {tmp_path}/g.pdf --log {log} --lang fr"))
    assert (code, capsys.readouterr().out) == (
        0, f"feuille d'information réimprimée : {tmp_path}/g.pdf (lot LDN-8)\n"
    )  # fmt: skip
    assert run(f"log reprint LDN-8 --log {log}", capsys) == (
        2,
        "ldncalc: --label: or --record or --leaflet is required; give --label FILE, --record "
        "FILE or --leaflet FILE\n",
    )
    assert run(f"log reprint LDN-8 --leaflet {tmp_path}/f.txt --log {log}", capsys) == (
        2, f'ldncalc: --leaflet: "{tmp_path}/f.txt" has no known format; name the file .pdf\n'
    )  # fmt: skip
