"""The pharmacy basis travels with the project (issue 10 §7): code, data files, README and tests
cite the project's own page, docs/basis.md, and every "docs/basis.md §N" they write names a
section that page has. Nothing cites the reference document that users never receive."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASIS = ROOT / "docs" / "basis.md"
# where citations are written: the package, the data files, the README, the docs and the tests
CITING = ("ldncalc", "formulations", "docs", "tests", "bench", "README.md")

# "## 5. Beyond-use dates: ..." is section 5
SECTION = re.compile(r"^## (\d+)\. \S", re.M)
# "docs/basis.md §4, §1 and §8", also across a line break inside a comment ("#") or a link ("]")
CITATION = re.compile(r"docs/basis\.md((?:[\s#,;)\]]|and|§\d+)*)")
SECTION_NUMBER = re.compile(r"§(\d+)")
# The old citations: the reference document by name (".md", "§4", ":") or by its folder. Built
# from parts so that this file does not cite it itself.
OLD_CITATION = re.compile(r"\b" + "REFER" + r"ENCE\b|" + "shared" + "/domain")


def text_files() -> list[Path]:
    """Every text file under :data:`CITING` (fonts and images are skipped)."""
    files: list[Path] = []
    for name in CITING:
        top = ROOT / name
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in candidates:
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            try:
                path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            files.append(path)
    return files


def where(path: Path, text: str, offset: int) -> str:
    return f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, offset) + 1}"


def sections() -> set[int]:
    return {int(n) for n in SECTION.findall(BASIS.read_text(encoding="utf-8"))}


def test_basis_has_the_nine_sections_in_order() -> None:
    # the numbering the citations rely on: §1 Naltrexone ... §9 Other LDN dosage forms
    numbers = [int(n) for n in SECTION.findall(BASIS.read_text(encoding="utf-8"))]
    assert numbers == list(range(1, 10))


def test_basis_has_a_references_list() -> None:
    text = BASIS.read_text(encoding="utf-8")
    assert "\n## References\n" in text
    for source in ("USP General Chapter <795>", "Fawcett JP", "Cote B", "Toljan K"):
        assert source in text


def test_every_citation_names_a_section_that_exists() -> None:
    known = sections()
    cited: list[tuple[str, int]] = []
    for path in text_files():
        text = path.read_text(encoding="utf-8")
        for match in CITATION.finditer(text):
            cited += [
                (where(path, text, match.start()), int(n))
                for n in SECTION_NUMBER.findall(match.group(1))
            ]
    assert cited, "no 'docs/basis.md §N' citation found: has the citation pattern changed?"
    assert [(place, n) for place, n in cited if n not in known] == []


def test_basis_cross_references_exist() -> None:
    # "(§6)", "the CoA factor of §1": the page's references to its own sections
    text = BASIS.read_text(encoding="utf-8")
    assert {int(n) for n in SECTION_NUMBER.findall(text)} <= sections()


def test_nothing_cites_the_reference_document_users_never_receive() -> None:
    found = [
        f"{where(path, text, match.start())}: {match.group(0)}"
        for path in text_files()
        for text in [path.read_text(encoding="utf-8")]
        for match in OLD_CITATION.finditer(text)
    ]
    assert found == []
