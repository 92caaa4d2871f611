"""The README cannot rot: every `$ ldncalc …` example in it runs, and shows what it prints.

An example's shown output must be the start of what the command prints (stdout, then stderr),
line for line; an example shown without output must exit 0. The Python example runs too, and
every `# comment` after a print() is the line it prints.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from ldncalc.cli import main

README = Path(__file__).parent.parent / "README.md"


def console_examples() -> list[tuple[str, list[str]]]:
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(), re.S):
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
        code = main(argv[1:])
    captured = capsys.readouterr()
    printed = (captured.out + captured.err).splitlines()
    if shown and shown[0].startswith("ldncalc: "):
        assert code == 2
    else:
        assert code == 0, captured.err
    assert printed[: len(shown)] == shown


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
