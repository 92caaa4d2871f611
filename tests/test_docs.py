"""The README cannot rot: every `$ ldncalc …` example in it runs, and shows what it prints.

An example's shown output must be the start of what the command prints (stdout, then stderr),
line for line; an example shown without output must exit 0. The Python example runs too, and
every `# comment` after a print() is the line it prints.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import re
import shlex
from pathlib import Path

import pytest

from ldncalc.cli import main

README = Path(__file__).parent.parent / "README.md"


LOG_SECTION = re.compile(r"^## Compounding log\n.*?(?=^## )", re.S | re.M)


def console_examples(log_section: bool = False) -> list[tuple[str, list[str]]]:
    """The README's console examples: outside the compounding log's section, each on its own;
    or (``log_section``) that section's, which are one walk-through on one log."""
    text = README.read_text()
    section = LOG_SECTION.search(text)
    assert section is not None
    text = section.group(0) if log_section else text.replace(section.group(0), "")
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line[2:], []))
            elif examples:
                examples[-1][1].append(line)
    return examples


@pytest.mark.parametrize(("command", "shown"), console_examples(), ids=lambda x: str(x)[:60])
def test_readme_console_example(
    command: str, shown: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = shlex.split(command)
    assert argv[0] == "ldncalc"
    with contextlib.chdir(README.parent):
        _check_example(argv, shown, capsys)


def _check_example(argv: list[str], shown: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(argv[1:])
    captured = capsys.readouterr()
    printed = (captured.out + captured.err).splitlines()
    if shown and shown[0].startswith("ldncalc: "):
        assert code == 2
    else:
        assert code == 0, captured.err
    assert printed[: len(shown)] == shown, argv


def test_readme_compounding_log_walkthrough(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The compounding log's examples, in order, on one log, in a folder of their own."""
    (tmp_path / "docs").symlink_to(README.parent / "docs")
    monkeypatch.setenv("LDNCALC_LOG", "compounding.sqlite3")
    # the label is printed on the day it is compounded, whatever day the tests run
    monkeypatch.setattr(
        "ldncalc.prescriptions.clock", lambda: datetime.datetime(2026, 12, 6, 9, 30)
    )
    examples = console_examples(log_section=True)
    assert len(examples) >= 8
    with contextlib.chdir(tmp_path):
        for command, shown in examples:
            argv = shlex.split(command)
            assert argv[0] == "ldncalc"
            _check_example(argv, shown, capsys)


def test_readme_has_the_two_setup_commands_first() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README.read_text(), re.S)
    assert first_block is not None
    lines = first_block.group(1).splitlines()
    assert lines[0].endswith("ldncalc liquid --target 4.5mg")
    assert lines[1].endswith("-m pytest")
    assert "[test]" in lines[1]
    ci = (README.parent / ".ci" / "run").read_text()
    assert lines[1] in ci.splitlines()


def test_readme_python_example_prints_what_its_comments_say() -> None:
    code = re.search(r"```python\n(.*?)```", README.read_text(), re.S)
    assert code is not None
    source = code.group(1)
    expected = [
        line.split("# ", 1)[1] for line in source.splitlines() if "print(" in line and "# " in line
    ]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == expected
