"""Message codes are documented: README's tables list exactly the codes that have words."""

import re
from pathlib import Path

from ldncalc.locale import LANGS, codes

README = Path(__file__).parents[1] / "README.md"


def _documented() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Message codes") : text.index("## Speed")]
    return re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE)


def test_every_code_with_words_is_in_readme_and_every_documented_code_has_words() -> None:
    documented = _documented()
    assert len(documented) == len(set(documented)), "a code is documented twice"
    assert sorted(documented) == list(codes())


def test_there_are_two_languages() -> None:
    assert LANGS == ("en", "fr")


def test_the_list_of_which_module_has_each_codes_words_is_up_to_date() -> None:
    # a reader imports only the word modules of the codes it renders; a code missing from the
    # list still has its words (every module is then imported), but the start-up pays for it.
    # Write it again with: python tests/test_message_codes.py
    from ldncalc.locale._modules import MODULES

    assert _modules_of_codes() == MODULES


def _modules_of_codes() -> dict[str, str]:
    """Which word module registers each code, found in a fresh process."""
    import ast
    import subprocess
    import sys

    found = subprocess.run(
        [sys.executable, "-c", "import ldncalc.locale as l; print(l.module_of_each_code())"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    modules: dict[str, str] = ast.literal_eval(found)
    return modules


def test_a_plain_liquid_screen_imports_only_the_word_modules_it_uses() -> None:
    import ast
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from ldncalc.cli import main\n"
        "main(['liquid', '--target', '4.5mg'])\n"
        "words = [m for m in sys.modules if m.startswith('ldncalc.locale.')]\n"
        "print(sorted(words), file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    loaded = ast.literal_eval(run.stderr.strip().splitlines()[-1])
    assert "ldncalc.locale.liquid" in loaded
    assert not {"ldncalc.locale.log", "ldncalc.locale.batch", "ldncalc.locale.cream"} & set(loaded)


if __name__ == "__main__":  # write ldncalc/locale/_modules.py again
    import pprint
    from pathlib import Path

    import ldncalc.locale._modules as listed

    here = Path(listed.__file__)
    head = here.read_text(encoding="utf-8").partition("MODULES: dict[str, str] = ")[0]
    body = pprint.pformat(_modules_of_codes(), width=96, sort_dicts=True)
    here.write_text(f"{head}MODULES: dict[str, str] = {body}\n", encoding="utf-8")
