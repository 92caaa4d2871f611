"""The built-in folder's table of files already parsed (``formulations/parsed.json``): up to
date, giving back exactly what parsing gives, and never what an edited file does not say."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ldncalc import liquid
from ldncalc.errors import FormulationError
from ldncalc.formulations import builtin_folder
from ldncalc.toml_files import PARSED, parsed_table, read_parsed, read_toml, write_parsed

FOLDER = builtin_folder()
FILES = sorted(FOLDER.rglob("*.toml"))


def test_the_table_is_up_to_date() -> None:
    # after editing a built-in file: python tests/test_toml_files.py
    assert (FOLDER / PARSED).read_text(encoding="utf-8") == parsed_table(FOLDER)


def _in_order(value: object) -> object:
    """``value`` with each table as the list of its items: equal only in the same order."""
    if isinstance(value, dict):
        return [(k, _in_order(v)) for k, v in value.items()]
    if isinstance(value, list):
        return [_in_order(v) for v in value]
    return (type(value), value)  # 1 and 1.0 and True are not the same value of a file


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_built_in_file_is_served_as_parsing_gives_it(path: Path) -> None:
    table = read_parsed(FOLDER / PARSED)
    assert len(table) == len(FILES)  # none left out: no built-in file holds a date
    served = read_toml(path, FormulationError, parsed=table)
    assert _in_order(served) == _in_order(tomllib.loads(path.read_text(encoding="utf-8")))
    again = read_toml(path, FormulationError, parsed=table)
    again.clear()  # a caller may edit what it is given: the next read is whole
    assert read_toml(path, FormulationError, parsed=table) == served


def test_an_edited_file_is_parsed_not_served(tmp_path: Path) -> None:
    original = FOLDER / "ldn-liquid-water.toml"
    text = original.read_text(encoding="utf-8")
    assert 'name = "Naltrexone HCl oral suspension, nonpreserved (purified water)"' in text
    edited = tmp_path / original.name
    edited.write_text(text.replace("nonpreserved (purified water)", "edited"), encoding="utf-8")
    table = read_parsed(FOLDER / PARSED)
    assert read_toml(edited, FormulationError, parsed=table)["name"].endswith(", edited")
    broken = tmp_path / "broken.toml"
    broken.write_bytes(original.read_bytes() + b"\n= 1\n")
    with pytest.raises(FormulationError, match="is not valid TOML"):
        read_toml(broken, FormulationError, parsed=table)


def test_a_damaged_or_foreign_table_is_as_none(tmp_path: Path) -> None:
    original = FOLDER / "ldn-liquid-water.toml"
    expected = tomllib.loads(original.read_text(encoding="utf-8"))
    for content in ("", "not json", "[]", '{"format": 2, "files": {}}', '{"format": 1}'):
        (tmp_path / PARSED).write_text(content, encoding="utf-8")
        assert read_parsed(tmp_path / PARSED) == {}
    digest = next(iter(json.loads((FOLDER / PARSED).read_text())["files"]))
    damaged = {digest: "{not json", **dict.fromkeys(read_parsed(FOLDER / PARSED), "[1]")}
    assert read_toml(original, FormulationError, parsed=damaged) == expected
    assert read_parsed(tmp_path / "missing.json") == {}


def test_a_file_with_a_date_is_left_to_be_parsed(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('name = "a"\nwhen = 2026-12-06\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('name = "b"\nsize = 1.0\ncount = 1\n', encoding="utf-8")
    write_parsed(tmp_path)
    table = read_parsed(tmp_path / PARSED)
    assert len(table) == 1
    assert json.loads(next(iter(table.values()))) == {"name": "b", "size": 1.0, "count": 1}
    assert read_toml(tmp_path / "a.toml", FormulationError, parsed=table)["when"].day == 6


def test_a_command_on_built_in_files_does_not_parse_toml() -> None:
    liquid(target="4.5mg")  # the records and catalogs are read in this process too
    done = subprocess.run(
        [sys.executable, "-c", "import sys, ldncalc; ldncalc.liquid(target='4.5mg'); "
         "ldncalc.titrate(protocol='ldnrt-weekly'); print('tomllib' in sys.modules)"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout == "False\n"


if __name__ == "__main__":  # write formulations/parsed.json again
    write_parsed(FOLDER)
