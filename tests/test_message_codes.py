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
