"""A pharmacy's formulations folder is read once per process and checked at each call at a
cost that does not grow with the folder (issue 11 §4): the folders (a file added, removed or
renamed changes its folder) and the catalog files at each load, the file of a record when it
is served. What changed is read again, and only that: an edited file is never served stale."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import ldncalc.formulation_index as formulation_index
import ldncalc.formulations as formulations
from ldncalc import FormulationError, FormulationNotFoundError, liquid, load
from ldncalc.cli import main
from ldncalc.formulations import builtin_folder
from ldncalc.formulations_check import check_folder

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


# The index of files already checked, kept between runs (ldncalc/formulation_index.py): a new
# command trusts a file the index knew in the state it is in now, and reads only the record it
# serves, checked again; any other file is read and checked as if there were no index.


@pytest.fixture
def new_command(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Forget what this process has read, as a new ``ldncalc`` command starts with nothing
    but the index on disk; files written now count as settled (not written again within a
    tick of the file system's clock, which the tests wait out where they edit)."""
    monkeypatch.setattr(formulation_index, "SETTLED", 0)
    monkeypatch.setattr(formulation_index, "SETTLED_FINE", 0)

    def start() -> None:
        monkeypatch.setattr(formulations, "_LOADED", {})
        monkeypatch.setattr(formulations, "_READ", {})

    return start


def _tick() -> None:
    """Wait out the file system clock's tick, so that a write after this one changes the time
    the file carries (ext4 and tmpfs keep the kernel's coarse clock: a few milliseconds)."""
    time.sleep(0.05)


def _folder(where: Path, records: int = 20) -> list[Path]:
    return [_record(where, f"r{i:02}.toml", f"ours-{i:02}") for i in range(records)]


BUILTIN = set(load().formulations)


def _index_files() -> list[Path]:
    return sorted(Path(os.environ["LDNCALC_CACHE_DIR"]).glob("formulations-*.json"))


def test_a_new_command_reads_only_the_record_it_serves(
    tmp_path: Path, reads: list[Path], new_command: Callable[[], None]
) -> None:
    paths = _folder(tmp_path)
    load(tmp_path)
    assert len(reads) == 20
    new_command()
    library = load(tmp_path)
    assert reads[20:] == []  # ids, kinds and BUDs from the index
    assert library.ids("liquid")[:3] == ["ldn-liquid-preserved", "ldn-liquid-water", "ours-00"]
    assert ("ours-07", 14) in library.buds["liquid"]
    result = liquid(target="4.5mg", formulation="ours-07", formulations_dir=tmp_path)
    assert reads[20:] == [paths[7]]  # the record served, read and checked
    assert result.formulation.path == str(paths[7])


def test_a_record_edited_in_place_to_the_same_size_is_read_again_by_a_new_command(
    tmp_path: Path, reads: list[Path], new_command: Callable[[], None]
) -> None:
    paths = _folder(tmp_path)
    _record(tmp_path, "served.toml", "served", "Our suspension")
    load(tmp_path)
    _tick()
    size = paths[3].stat().st_size
    _edit_in_place(paths[3], "days = 14", "days = 13")  # the same size, another BUD
    _edit_in_place(tmp_path / "served.toml", "Our suspension", "Our Suspension")
    assert paths[3].stat().st_size == size
    new_command()
    del reads[:]
    result = liquid(target="4.5mg", formulation="served", formulations_dir=tmp_path)
    assert result.formulation.name == "Our Suspension"
    assert reads == [paths[3], tmp_path / "served.toml"]  # the files that changed
    assert ("ours-03", 13) in load(tmp_path).buds["liquid"]


def test_an_edit_whose_modification_time_is_set_back_is_still_seen(
    tmp_path: Path, new_command: Callable[[], None]
) -> None:
    path = _record(tmp_path, "ours.toml", "ours", "First")
    load(tmp_path)
    before = path.stat()
    _tick()
    _edit_in_place(path, "First", "Other")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as touch -r or a copy tool
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (before.st_mtime_ns, before.st_size)
    new_command()
    assert load(tmp_path).get("ours").name == "Other"  # its change time moved


def test_a_file_just_written_is_not_indexed_until_it_has_settled(
    tmp_path: Path, reads: list[Path], new_command: Callable[[], None]
) -> None:
    path = _record(tmp_path, "ours.toml", "ours")
    new_command()
    formulation_index.SETTLED = formulation_index.SETTLED_FINE = 60 * 10**9  # undone after
    load(tmp_path)
    new_command()
    load(tmp_path)
    assert reads == [path, path]  # written within the minute: read again, as without an index


def test_an_invalid_file_added_is_refused_as_without_an_index(
    tmp_path: Path, new_command: Callable[[], None], capsys: pytest.CaptureFixture[str]
) -> None:
    _folder(tmp_path)
    load(tmp_path)
    bad = _record(tmp_path, "zz.toml", "ours-zz")
    _edit_in_place(bad, "days = 14", 'days = "fourteen"')
    new_command()
    expected = (
        f"{bad}: bud.days: Input should be a valid integer, unable to parse string as an integer"
    )
    with pytest.raises(FormulationError) as raised:
        liquid(target="4.5mg", formulations_dir=tmp_path)
    assert str(raised.value) == expected
    new_command()
    code = main(["liquid", "--target", "4.5mg", "--formulations-dir", str(tmp_path)])
    assert (code, capsys.readouterr()) == (2, ("", f"ldncalc: {expected}\n"))


def test_an_indexed_record_edited_to_be_invalid_is_refused(
    tmp_path: Path, new_command: Callable[[], None]
) -> None:
    paths = _folder(tmp_path)
    load(tmp_path)
    _tick()
    _edit_in_place(paths[5], "days = 14", 'days = "14d"')
    new_command()
    with pytest.raises(FormulationError, match=r"r05\.toml: bud\.days: Input should be"):
        liquid(target="4.5mg", formulations_dir=tmp_path)


def test_an_id_given_twice_is_refused_when_one_file_is_indexed(
    tmp_path: Path, new_command: Callable[[], None]
) -> None:
    _folder(tmp_path)
    load(tmp_path)
    _record(tmp_path, "zz.toml", "ours-04")
    new_command()
    with pytest.raises(FormulationError) as raised:
        load(tmp_path)
    assert str(raised.value).startswith(f'{tmp_path / "zz.toml"}: id: "ours-04" ')
    assert str(tmp_path / "r04.toml") in str(raised.value)


@pytest.mark.parametrize("change", ["version", "catalog"])
def test_a_new_program_or_catalog_checks_every_file_again(
    tmp_path: Path,
    reads: list[Path],
    new_command: Callable[[], None],
    monkeypatch: pytest.MonkeyPatch,
    change: str,
) -> None:
    _folder(tmp_path)
    load(tmp_path)
    new_command()
    load(tmp_path)
    assert len(reads) == 20  # the index was used
    if change == "version":
        monkeypatch.setattr(formulation_index, "__version__", "99.0")
        formulation_index._program.cache_clear()
        monkeypatch.setattr(formulation_index, "_program", formulation_index._program)
    else:
        shutil.copytree(
            Path(__file__).parent / "data" / "syringes" / "catalogs", tmp_path / "catalogs"
        )
    new_command()
    load(tmp_path)
    assert len(reads) == 40
    if change == "version":
        formulation_index._program.cache_clear()


def test_a_record_the_catalog_no_longer_accepts_is_refused(
    tmp_path: Path, new_command: Callable[[], None]
) -> None:
    text = (builtin_folder() / "ldn-capsule-api-mcc.toml").read_text(encoding="utf-8")
    text = text.replace('"ldn-capsule-api-mcc"', '"caps"', 1)
    (tmp_path / "caps.toml").write_text(text.replace('filler = "mcc"', 'filler = "mcc-ph301"'))
    load(tmp_path)
    # the pharmacy's catalog marks the record's filler as one to avoid (docs/basis.md §4)
    fillers = (builtin_folder() / "catalogs" / "fillers.toml").read_text(encoding="utf-8")
    start = fillers.index('id = "mcc-ph301"')
    ph301 = "[[filler]]\n" + fillers[start : fillers.index("[[filler]]", start)]
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "fillers.toml").write_text(
        ph301.replace('bulk_density = "395mg/mL"', 'avoid = "test"\nbulk_density = "395mg/mL"')
    )
    new_command()
    with pytest.raises(FormulationError, match=r"caps\.toml: capsule\.filler: \"mcc-ph301\" must"):
        load(tmp_path)


def test_the_index_is_owner_only_and_a_corrupt_one_is_ignored(
    tmp_path: Path, reads: list[Path], new_command: Callable[[], None]
) -> None:
    _folder(tmp_path, 5)
    load(tmp_path)
    (index,) = _index_files()
    assert stat.S_IMODE(index.stat().st_mode) == 0o600
    assert stat.S_IMODE(index.parent.stat().st_mode) == 0o700
    for corrupt in (b"\x00\xff{", b'{"format": 1, "key": 3}', b"[1, 2]", b'{"files": []}'):
        index.write_bytes(corrupt)
        new_command()
        before = len(reads)
        load(tmp_path)
        assert len(reads) == before + 5  # read and checked again
        assert json.loads(index.read_bytes())["format"] == 1  # and written anew


def test_an_index_entry_that_does_not_match_its_file_is_not_served(
    tmp_path: Path, new_command: Callable[[], None]
) -> None:
    _record(tmp_path, "ours.toml", "ours", "Ours")
    load(tmp_path)
    (index,) = _index_files()
    data = json.loads(index.read_bytes())
    entry = data["files"][str(tmp_path / "ours.toml")]
    data["files"][str(tmp_path / "ours.toml")] = [entry[0], "theirs", "liquid", 14]
    index.write_text(json.dumps(data), encoding="utf-8")
    new_command()
    library = load(tmp_path)
    assert "theirs" in library.formulations  # the index's word, until the file is read
    with pytest.raises(FormulationNotFoundError):
        library.get("theirs")  # read: it is "ours", and the folder is read again
    assert load(tmp_path).get("ours").name == "Ours"
    new_command()
    assert set(load(tmp_path).formulations) - BUILTIN == {"ours"}  # the index learned


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_command: Callable[[], None]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("LDNCALC_CACHE_DIR", str(blocker / "cache"))
    (tmp_path / "records").mkdir()
    _record(tmp_path / "records", "ours.toml", "ours", "Ours")
    for _ in range(2):
        new_command()
        result = liquid(target="4.5mg", formulation="ours", formulations_dir=tmp_path / "records")
        assert result.formulation.name == "Ours"


def test_formulations_check_reads_every_file_and_writes_no_index(
    tmp_path: Path, reads: list[Path], new_command: Callable[[], None]
) -> None:
    _folder(tmp_path, 5)
    new_command()
    assert check_folder(tmp_path).failed == 0
    assert _index_files() == []
    load(tmp_path)
    new_command()
    del reads[:]
    assert check_folder(tmp_path).failed == 0
    # the folder as a whole, read without the index (each file on its own is read by the
    # check's own reader, which never looked at one)
    assert len(reads) == 5


def test_the_records_keeping_longer_are_worked_out_once_per_library(tmp_path: Path) -> None:
    _record(tmp_path, "a.toml", "ours-a")
    library = load(tmp_path)
    longer = library.keeping_longer("liquid", 14, "ldn-liquid-water")
    # the built-in preserved suspension keeps 35 days (USP <795>, docs/basis.md §5); the
    # 14-day water suspension and the pharmacy's copy of it do not keep longer
    assert longer == (("ldn-liquid-preserved", 35),)
    assert library.keeping_longer("liquid", 14, "ldn-liquid-water") is longer
    assert library.keeping_longer("liquid", 14, "ldn-liquid-preserved") == ()
    assert library.keeping_longer("liquid", 35, "ldn-liquid-water") == ()


def test_each_set_of_folders_has_its_own_index_and_the_last_eight_are_kept(
    tmp_path: Path, new_command: Callable[[], None]
) -> None:
    for number in range(10):
        folder = tmp_path / f"f{number}"
        folder.mkdir()
        _record(folder, "a.toml", f"ours-{number}")
        new_command()
        load(folder)
        time.sleep(0.01)  # the index files' times differ
    indexes = _index_files()
    assert len(indexes) == 8
    for index in indexes:  # one folder's files each (and the built-in ones)
        paths = json.loads(index.read_bytes())["files"]
        assert len({Path(p).parent for p in paths} - {builtin_folder()}) == 1


def test_a_file_is_indexed_once_the_file_systems_clock_has_ticked_past_it() -> None:
    now = time.time_ns()
    second = now // 10**9 * 10**9
    # times of a file system that keeps nanoseconds: a tenth of a second is past a tick
    assert formulation_index.settled(now - 500_000_001, now - 500_000_001)
    assert not formulation_index.settled(now - 10_000_001, now - 10_000_001)
    # whole seconds (FAT keeps 2 s): two seconds
    assert not formulation_index.settled(second - 10**9, second - 10**9)
    assert formulation_index.settled(second - 5 * 10**9, second - 5 * 10**9)


def test_a_record_removed_after_the_folder_was_read_is_unknown_as_without_an_index(
    tmp_path: Path, new_command: Callable[[], None]
) -> None:
    path = _record(tmp_path, "ours.toml", "ours")
    load(tmp_path)
    new_command()
    library = load(tmp_path)  # "ours" vouched for by the index, not read
    path.unlink()
    with pytest.raises(FormulationNotFoundError, match='formulation="ours": is not a known'):
        library.get("ours")
