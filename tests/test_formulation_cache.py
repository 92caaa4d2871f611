"""A pharmacy's formulations folder is read once per process and checked at each call at a
cost that does not grow with the folder (issue 11 §4): the folders (a file added, removed or
renamed changes its folder) and the catalog files at each load, the file of a record when it
is served. What changed is read again, and only that: an edited file is never served stale."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import ldncalc.formulations as formulations
from ldncalc import liquid, load
from ldncalc.formulations import builtin_folder

NAME = 'name = "Naltrexone HCl oral suspension, nonpreserved (purified water)"'


def _record(folder: Path, file: str, record_id: str, name: str = "") -> Path:
    """A copy of ldn-liquid-water with the id ``record_id`` (and the name ``name``)."""
    text = (builtin_folder() / "ldn-liquid-water.toml").read_text(encoding="utf-8")
    text = text.replace('id = "ldn-liquid-water"', f'id = "{record_id}"', 1)
    if name:
        text = text.replace(NAME, f'name = "{name}"', 1)
    path = folder / file
    path.write_text(text, encoding="utf-8")
    return path


def _edit_in_place(path: Path, old: str, new: str) -> None:
    """Rewrite ``path`` through the same inode, as an editor that saves in place does (its
    folder's modification time does not change)."""
    text = path.read_text(encoding="utf-8")
    with path.open("r+", encoding="utf-8") as file:
        file.write(text.replace(old, new, 1))
        file.truncate()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every pharmacy record file read from now on."""
    read: list[Path] = []
    original = formulations.read_formulation

    def counted(path: Path, *, builtin: bool = False) -> formulations.Formulation:
        if not builtin:
            read.append(path)
        return original(path, builtin=builtin)

    monkeypatch.setattr(formulations, "read_formulation", counted)
    return read


def test_a_record_edited_in_place_is_served_as_edited(tmp_path: Path) -> None:
    path = _record(tmp_path, "ours.toml", "ours", "Our suspension")
    assert liquid(target="4.5mg", formulation="ours", formulations_dir=tmp_path).formulation.name
    folder_state = tmp_path.stat().st_mtime_ns
    _edit_in_place(path, "Our suspension", "Our suspension, edited")
    assert tmp_path.stat().st_mtime_ns == folder_state  # the folder does not say so
    result = liquid(target="4.5mg", formulation="ours", formulations_dir=tmp_path)
    assert result.formulation.name == "Our suspension, edited"
    assert load(tmp_path).get("ours").name == "Our suspension, edited"


def test_a_replacement_of_a_builtin_record_edited_in_place_is_served_as_edited(
    tmp_path: Path,
) -> None:
    path = _record(tmp_path, "water.toml", "ldn-liquid-water", "Our water suspension")
    assert liquid(target="4.5mg", formulations_dir=tmp_path).formulation.path == str(path)
    _edit_in_place(path, "Our water suspension", "Our water suspension v2")
    result = liquid(target="4.5mg", formulations_dir=tmp_path)
    assert result.formulation.name == "Our water suspension v2"


def test_a_record_added_removed_or_renamed_is_seen(tmp_path: Path) -> None:
    _record(tmp_path, "a.toml", "ours-a")
    assert "ours-a" in load(tmp_path).formulations
    added = _record(tmp_path, "b.toml", "ours-b")
    assert {"ours-a", "ours-b"} <= set(load(tmp_path).formulations)
    added.rename(tmp_path / "b.txt")  # no longer a record
    assert "ours-b" not in load(tmp_path).formulations
    (tmp_path / "a.toml").unlink()
    assert "ours-a" not in load(tmp_path).formulations


def test_a_record_saved_by_renaming_over_it_is_seen(tmp_path: Path) -> None:
    path = _record(tmp_path, "ours.toml", "ours", "First")
    assert load(tmp_path).get("ours").name == "First"
    _record(tmp_path, "new.tmp", "ours", "Second").replace(path)  # an atomic save
    assert load(tmp_path).get("ours").name == "Second"


def test_a_catalog_edited_in_place_is_read_again(tmp_path: Path) -> None:
    shutil.copytree(Path(__file__).parent / "data" / "syringes", tmp_path / "folder")
    folder = tmp_path / "folder"
    (one_ml,) = [s for s in load(folder).catalog.syringes if s.name == "1 mL oral syringe"]
    assert str(one_ml.minimum) == "0.2 milliliter"
    _edit_in_place(folder / "catalogs" / "syringes.toml", 'minimum = "0.2mL"', 'minimum = "0.3mL"')
    (one_ml,) = [s for s in load(folder).catalog.syringes if s.name == "1 mL oral syringe"]
    assert str(one_ml.minimum) == "0.3 milliliter"


def test_an_unchanged_folder_is_not_read_again_and_an_edit_reads_one_file(
    tmp_path: Path, reads: list[Path]
) -> None:
    paths = [_record(tmp_path, f"r{i:02}.toml", f"ours-{i:02}") for i in range(20)]
    load(tmp_path)
    assert len(reads) == 20
    for _ in range(3):
        liquid(target="4.5mg", formulation="ours-07", formulations_dir=tmp_path)
    assert len(reads) == 20  # nothing read again
    _edit_in_place(paths[7], "Purified water", "Purified water (Ph. Eur.)")
    liquid(target="4.5mg", formulation="ours-07", formulations_dir=tmp_path)
    assert reads[20:] == [paths[7]]  # only the file that changed


@pytest.mark.parametrize("records", [5, 60])
def test_a_call_looks_at_the_same_few_files_whatever_the_folder_holds(
    tmp_path: Path, records: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(records):
        _record(tmp_path, f"r{i:02}.toml", f"ours-{i:02}")
    _record(tmp_path, "served.toml", "served")
    liquid(target="4.5mg", formulation="served", formulations_dir=str(tmp_path))
    looked: list[object] = []
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: looked.append(path) or real_stat(path))
    monkeypatch.setattr(os, "scandir", lambda *a, **k: pytest.fail("the folder was listed"))
    liquid(target="4.5mg", formulation="served", formulations_dir=str(tmp_path))
    # the folder named (it has no catalogs folder) and the file of the record served
    assert looked == [str(tmp_path), str(tmp_path / "served.toml")]


def test_a_supply_warning_names_the_records_that_keep_longer_from_one_gathering(
    tmp_path: Path,
) -> None:
    _record(tmp_path, "a.toml", "ours-a")
    library = load(tmp_path)
    assert library.buds is library.buds  # gathered once per library
    assert ("ldn-liquid-preserved", 35) in library.buds["liquid"]
    assert [i for i, _ in library.buds["liquid"]] == library.ids("liquid")


def test_a_catalogs_folder_made_later_is_read(tmp_path: Path) -> None:
    _record(tmp_path, "a.toml", "ours-a")
    minimum = {s.name: str(s.minimum) for s in load(tmp_path).catalog.syringes}
    assert minimum["1 mL oral syringe"] == "0.1 milliliter"
    shutil.copytree(Path(__file__).parent / "data" / "syringes" / "catalogs", tmp_path / "catalogs")
    minimum = {s.name: str(s.minimum) for s in load(tmp_path).catalog.syringes}
    assert minimum["1 mL oral syringe"] == "0.2 milliliter"


def test_a_link_pointed_at_another_folder_is_followed(tmp_path: Path) -> None:
    for name, record_id in (("one", "ours-one"), ("two", "ours-two")):
        (tmp_path / name).mkdir()
        _record(tmp_path / name, "r.toml", record_id)
    link = tmp_path / "current"
    link.symlink_to(tmp_path / "one")
    assert "ours-one" in load(str(link)).formulations
    link.unlink()
    link.symlink_to(tmp_path / "two")
    now = load(str(link)).formulations
    assert "ours-two" in now
    assert "ours-one" not in now
