"""``ldncalc log`` for every dosage form, in English and French: a lot of each form is
completed (a cream's base "to" a weight as a liquid's water "to" a volume), the ingredients
are named and typed in either language, a reprint takes every option its messages suggest,
``--ingredient-lot`` is read the same whether the lot is logged or not, and French shows the
time of an entry the French way."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from test_log_cli import PHARMACY, _run

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")  # labels print on 22 Nov 2026

RX = ["--pharmacy", PHARMACY, "--patient", "P", "--prescriber", "Q", "--rx", "1"]
# a lot of each form, as the README's examples make it
FORMS = {
    "liquid": ["liquid", "--target", "4.5mg"],
    "api": ["liquid", "--source", "api", "--target", "4.5mg"],
    "capsule": ["capsule", "--strength", "4.5mg", "--quantity", "30"],
    "drops": ["drops", "--target", "0.5mg", "--drop-volume", "0.05mL"],
    "cream": ["cream", "--strength", "10mg/g", "--quantity", "30g"],
}
BUG = "This is a bug in ldncalc: please report the command (LDNCALC_DEBUG=1 shows the traceback)"


def _lot(capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str, lot: str) -> list[str]:
    """A lot of ``form`` registered in a new log by its label; the log options."""
    log = ["--log", str(tmp_path / "log.sqlite3")]
    label = str(tmp_path / f"{lot}.txt")
    code, _, err = _run(capsys, *FORMS[form], *RX, "--label", label, "--lot", lot, *log)
    assert code == 0, err
    return log


def _actual(*typed: str) -> list[str]:
    return [arg for text in typed for arg in ("--actual", text)]


@pytest.mark.parametrize(
    ("form", "typed", "expected"),
    [
        # 2 × 50 mg tablets in water to 100 mL: 1 mg/mL
        ("liquid", ["naltrexone=2", "water=100mL"], [
            "  Naltrexone HCl 50 mg tablets: 2 for 2 (0 %, tolerance exact count) ok",
            "  Purified water: 100 mL for 100 mL (0 %, tolerance ±5 %) ok",
            "  Strength made: 1 mg/mL (100 % of the label)",
        ]),
        # 120 mg powder in water to 120 mL (the batch, docs/basis.md §8): 1 mg/mL; made up to
        # 126 mL instead, 120 mg ÷ 126 mL = 0.952 mg/mL, 95.2 %; water +5 %, at the tolerance
        ("api", ["powder=120mg", "water=126mL"], [
            "  Naltrexone HCl powder: 120 mg for 120 mg (0 %, tolerance ±5 %) ok",
            "  Purified water: 126 mL for 120 mL (+5 %, tolerance ±5 %) ok",
            "  Strength made: 0.952 mg/mL (95.2 % of the label)",
        ]),
        # 139.5 mg naltrexone HCl + 4588 mg cellulose in size 1 shells of 75.2 mg (the
        # profile's); filled 230 and 232 mg: net 154.8 and 156.8 mg, mean 155.8 mg for a fill of
        # 152.5 mg = 102.16 %: 4.5 mg × 1.0216 = 4.597 mg
        ("capsule", ["naltrexone=139.5mg", "cellulose=4588mg", "--capsule-weight", "230mg",
                     "--capsule-weight", "232mg"], [
            "  Naltrexone hydrochloride (anhydrous): 139.5 mg for 139.5 mg (0 %, tolerance ±5 %) "
            "ok",
            "  Microcrystalline cellulose (Avicel PH-102): 4,588 mg for 4,588 mg (0 %, tolerance "
            "±5 %) ok",
            "  Capsules: 2 weighed, shell 75.2 mg, 0 outside 137.3 mg to 167.7 mg",
            "  Strength made: 4.597 mg (102.2 % of the label)",
        ]),
        # 120 mg powder in water to 12 mL: 10 mg/mL; to 12.5 mL, 9.6 mg/mL (96 %), water +4.2 %
        ("drops", ["naltrexone=120mg", "water=12.5mL"], [
            "  Naltrexone HCl powder: 120 mg for 120 mg (0 %, tolerance ±5 %) ok",
            "  Purified water: 12.5 mL for 12 mL (+4.2 %, tolerance ±5 %) ok",
            "  Strength made: 9.6 mg/mL (96 % of the label)",
        ]),
        # by weight: 300 mg in a cream made up to 31 g instead of 30 g: 300 mg ÷ 31 g = 9.677
        # mg/g, 96.8 % of 10 mg/g; the base's total +3.3 %
        ("cream", ["naltrexone=300mg", "hyaluronic=150mg", "glycerin=1.5g", "xematop=31g"], [
            "  Naltrexone HCl powder: 300 mg for 300 mg (0 %, tolerance ±5 %) ok",
            "  Hydrolyzed hyaluronic acid: 150 mg for 150 mg (0 %, tolerance ±5 %) ok",
            "  Glycerin: 1.5 g for 1.5 g (0 %, tolerance ±5 %) ok",
            "  XemaTop base (PCCA): 31 g for 30 g (+3.3 %, tolerance ±5 %) ok",
            "  Strength made: 9.677 mg/g (96.8 % of the label)",
        ]),
    ],
)  # fmt: skip
def test_a_lot_of_every_form_is_completed(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    form: str,
    typed: list[str],
    expected: list[str],
) -> None:
    log = _lot(capsys, tmp_path, form, "F1")
    args = list(typed)
    actual = []
    while args:  # INGREDIENT=QTY texts become --actual; other options pass as they are
        text = args.pop(0)
        actual += [text, args.pop(0)] if text.startswith("--") else ["--actual", text]
    code, out, err = _run(capsys, "log", "complete", "F1", *actual, *log)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Lot F1 completed (entry #2)",
        *expected,
        "PASSED: ready for a pharmacist's verification",
    ]


def test_a_cream_base_typed_as_what_was_weighed_alone_fails_as_short_of_the_total(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the base is made up "to" 30 g, as water "to" 100 mL: its actual is the total weight.
    # 28.05 g (the base alone) for 30 g: −6.5 %, outside 5 %; 300 mg ÷ 28.05 g = 10.695 mg/g
    log = _lot(capsys, tmp_path, "cream", "C9")
    typed = _actual(
        "naltrexone=300mg", "hydrolyzed hyaluronic acid=150mg", "glycerin=1.5g", "xematop=28.05g"
    )
    code, out, err = _run(capsys, "log", "complete", "C9", *typed, *log)
    assert (code, err) == (0, "")
    assert out.splitlines()[-3:] == [
        "  XemaTop base (PCCA): 28.05 g for 30 g (−6.5 %, tolerance ±5 %) OUT",
        "  Strength made: 10.695 mg/g (107 % of the label)",
        "FAILED: XemaTop base (PCCA): 28.05 g instead of 30 g (−6.5 %, tolerance ±5 %)",
    ]
    # the fix the refusal of a second completion suggests is accepted
    code, _, err = _run(capsys, "log", "complete", "C9", *typed, *log)
    assert (code, err) == (
        2,
        'ldncalc: LOT: "C9" is already completed (entry 2); to correct it, complete it again '
        'with --correction "REASON"\n',
    )
    typed[-1] = "xematop=30g"
    code, out, err = _run(capsys, "log", "complete", "C9", *typed, "--correction", "total", *log)
    assert (code, out.splitlines()[-1]) == (0, "PASSED: ready for a pharmacist's verification")


def test_a_stored_result_that_does_not_read_is_a_bug_not_an_input_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = _lot(capsys, tmp_path, "cream", "C1")
    from ldncalc.log import lots

    # as before the fix: a total made up "to" read as a volume only, a cream's is a weight
    monkeypatch.setattr(lots, "_MADE_UP_TO", ("volume",))
    typed = _actual("naltrexone=300mg", "hyaluronic=150mg", "glycerin=1.5g", "xematop=30g")
    code, out, err = _run(capsys, "log", "complete", "C1", *typed, *log)
    assert (code, out, err) == (
        70,
        "",
        "ldncalc: internal error (RuntimeError: the lot's registered result holds '30g' where "
        f"volume was expected). {BUG}\n",
    )


def test_a_capsule_weight_for_a_cream_is_refused_with_a_fix_that_fits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = _lot(capsys, tmp_path, "cream", "C1")
    typed = _actual("naltrexone=300mg", "hyaluronic=150mg", "glycerin=1.5g", "xematop=30g")
    code, _, err = _run(capsys, "log", "complete", "C1", *typed, "--capsule-weight", "3mg", *log)
    assert (code, err) == (
        2,
        "ldncalc: --capsule-weight: is for capsules only; leave it out: this lot is not capsules\n",
    )
    code, _, err = _run(
        capsys, "log", "complete", "C1", *typed, "--capsule-weight", "3mg", *log, "--lang", "fr"
    )
    assert err == (
        "ldncalc: --capsule-weight: ne vaut que pour les capsules; omettez-la : ce lot n'est pas "
        "en capsules\n"
    )
    code, _, err = _run(capsys, "log", "complete", "C1", *typed, *log)
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("form", "typed", "english", "french"),
    [
        ("drops", ["naltrexone=120mg"],
         "--actual: is missing for Purified water; give the quantity actually weighed or "
         "measured of every ingredient",
         "--actual: manque pour Eau purifiée; donnez la quantité réellement pesée ou mesurée de "
         "chaque ingrédient"),
        ("cream", ["naltrexone=300mg"],
         "--actual: is missing for Hydrolyzed hyaluronic acid; Glycerin; XemaTop base (PCCA); "
         "give the quantity actually weighed or measured of every ingredient",
         "--actual: manque pour Acide hyaluronique hydrolysé; Glycérine; Base XemaTop (PCCA); "
         "donnez la quantité réellement pesée ou mesurée de chaque ingrédient"),
        ("cream", ["zinc=1g"],
         '--actual: "zinc=1g" names no ingredient of this preparation; write part of one of: '
         "Naltrexone HCl powder; Hydrolyzed hyaluronic acid; Glycerin; XemaTop base (PCCA)",
         '--actual: "zinc=1g" ne nomme aucun ingrédient de cette préparation; écrivez une '
         "partie de l'un de : Poudre de naltrexone HCl; Acide hyaluronique hydrolysé; "
         "Glycérine; Base XemaTop (PCCA)"),
        ("cream", ["glycérine=1.5g", "glycerin=1.5g"],
         '--actual: "glycerin=1.5g" is a second quantity for Glycerin; give one',
         '--actual: "glycerin=1.5g" est une deuxième quantité de Glycérine; donnez-en une '
         "seule"),
        ("cream", ["a=1g"],
         '--actual: "a=1g" matches several ingredients (Naltrexone HCl powder; Hydrolyzed '
         "hyaluronic acid; XemaTop base (PCCA)); write more of the name",
         '--actual: "a=1g" correspond à plusieurs ingrédients (Poudre de naltrexone HCl; '
         "Acide hyaluronique hydrolysé; Base XemaTop (PCCA)); écrivez une plus grande partie "
         "du nom"),
        ("cream", ["naltrexone=300mg", "hyaluronic=150mg", "glycerin=1.5g", "base=30mL"],
         '--actual XemaTop base (PCCA): "30mL" is a volume, not a mass; write a mass in mg, '
         "mcg or g, e.g. 4.5mg",
         '--actual Base XemaTop (PCCA): "30mL" est un volume, pas une masse; écrivez une masse '
         "en mg, mcg ou g, par exemple 4.5mg"),
    ],
)  # fmt: skip
def test_a_refusal_names_the_ingredients_in_the_readers_language(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    form: str,
    typed: list[str],
    english: str,
    french: str,
) -> None:
    log = _lot(capsys, tmp_path, form, "L1")
    for lang, expected in (("en", english), ("fr", french)):
        code, _, err = _run(capsys, "log", "complete", "L1", *_actual(*typed), *log, "--lang", lang)
        assert (code, err) == (2, f"ldncalc: {expected}\n")


def test_the_ingredients_are_typed_by_their_french_names_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = _lot(capsys, tmp_path, "cream", "L1")
    # any part of the French name, any accent: glycérine, glycerine; "acide" is in the French
    # name only, "poudre" too; the base by its French name
    typed = _actual("poudre=300mg", "acide=150mg", "glycerine=1.5g", "base xematop=30g")
    code, out, err = _run(capsys, "log", "complete", "L1", *typed, *log, "--lang", "fr")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Lot L1 complété (entrée no 2)",
        "  Poudre de naltrexone HCl : 300 mg pour 300 mg (0 %, tolérance ±5 %) conforme",
        "  Acide hyaluronique hydrolysé : 150 mg pour 150 mg (0 %, tolérance ±5 %) conforme",
        "  Glycérine : 1,5 g pour 1,5 g (0 %, tolérance ±5 %) conforme",
        "  Base XemaTop (PCCA) : 30 g pour 30 g (0 %, tolérance ±5 %) conforme",
        "  Teneur obtenue : 10 mg/g (100 % de la teneur étiquetée)",
        "CONFORME : prêt pour la vérification par un pharmacien",
    ]


def test_a_reprint_takes_every_option_its_messages_suggest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = _lot(capsys, tmp_path, "liquid", "L1")
    # standard output, as when the lot was issued: the label there, the line on stderr
    code, out, err = _run(capsys, "log", "reprint", "L1", "--label", "-", *log, "--lang", "fr")
    assert (code, err) == (0, "étiquette réimprimée : sortie standard (lot L1)\n")
    assert "Lot L1 REPRINT 2026-" in out
    code, out, err = _run(capsys, "log", "reprint", "L1", "--label", "-", *log)
    assert (code, err) == (0, "label reprinted: standard output (lot L1)\n")
    # a name that does not say the format: --label-format, as the message says
    label = str(tmp_path / "reprint.lbl")
    for lang, expected in (
        ("en", f'--label: "{label}" has no known format; name the file .pdf, .zpl or .txt or '
               "give --label-format"),
        ("fr", f'--label: "{label}" n\'a pas de format connu; nommez le fichier .pdf, .zpl ou '
               ".txt ou donnez --label-format"),
    ):  # fmt: skip
        code, _, err = _run(capsys, "log", "reprint", "L1", "--label", label, *log, "--lang", lang)
        assert (code, err) == (2, f"ldncalc: {expected}\n")
    code, out, err = _run(
        capsys, "log", "reprint", "L1", "--label", label, "--label-format", "zpl", *log
    )
    assert (code, out, err) == (0, f"label reprinted: {label} (lot L1)\n", "")
    assert Path(label).read_text().startswith("^XA")
    # an existing file: --force, as the message says
    code, _, err = _run(capsys, "log", "reprint", "L1", "--label", label, "--label-format", "zpl",
                        *log)  # fmt: skip
    assert (code, err) == (
        2,
        f'ldncalc: --label: "{label}" already exists (labels, records and calendars are not '
        "replaced silently); give another file name, or add --force to replace it\n",
    )
    code, out, _ = _run(capsys, "log", "reprint", "L1", "--label", label, "--label-format", "txt",
                        "--force", *log)  # fmt: skip
    assert (code, out) == (0, f"label reprinted: {label} (lot L1)\n")
    assert "Lot L1 REPRINT 2026-" in Path(label).read_text()
    # one document at most on standard output; a format that contradicts the name
    for args, expected in (
        (["--label", "-", "--record", "-"], '--record: "-" is standard output, which --label '
         "already writes to; give the record a file name"),
        (["--label", "x.pdf", "--label-format", "zpl"], '--label-format: "zpl" does not match '
         'the file name "x.pdf"; name the file .zpl, or leave --label-format out'),
        (["--record", "r.txt", "--label-format", "zpl"], '--label-format: "zpl" needs --label; '
         "add --label FILE"),
    ):  # fmt: skip
        code, _, err = _run(capsys, "log", "reprint", "L1", *args, *log)
        assert (code, err) == (2, f"ldncalc: {expected}\n")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("abc", '"abc" does not name an ingredient; write INGREDIENT=LOT, e.g. --ingredient-lot '
         "naltrexone=NX2291"),
        ("", "does not name an ingredient; write INGREDIENT=LOT, e.g. --ingredient-lot "
         "naltrexone=NX2291"),
        ("naltrexone=NX 1", '"NX 1" is not a lot or Rx number; use letters, digits and . _ / - '
         "only, at most 30 characters"),
        ("zinc=Z1", '"zinc=Z1" names no ingredient of this preparation; write part of one of: '
         "Naltrexone HCl 50 mg tablets; Purified water"),
    ],
)  # fmt: skip
def test_an_ingredient_lot_is_read_the_same_whether_the_lot_is_logged_or_not(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, typed: str, expected: str
) -> None:
    label = tmp_path / "label.txt"
    base = ["liquid", "--target", "4.5mg", *RX, "--label", str(label), "--ingredient-lot", typed]
    for logged in (["--log", str(tmp_path / "log.sqlite3")], ["--no-log"]):
        code, out, err = _run(capsys, *base, *logged)
        assert (code, out, err) == (2, "", f"ldncalc: --ingredient-lot: {expected}\n")
        assert not label.exists()
    # the example the message gives is accepted, logged or not
    code, _, err = _run(capsys, *base[:-1], "naltrexone=NX2291", "--no-log")
    assert (code, err) == (0, f"label written: {label} (lot {err.split('(lot ')[-1][:-2]})\n")


def test_french_shows_when_an_entry_was_recorded_the_french_way(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from ldncalc.locale import Voice
    from ldncalc.log.render import _moment

    stamp = "2026-12-06T16:33:17Z"  # as the log stores it, in UTC
    assert _moment(stamp, Voice("en", "cli")) == stamp
    assert _moment(stamp, Voice("fr", "cli")) == "le 06 déc. 2026 à 16 h 33 min 17 s UTC"
    assert _moment("2027-01-02T06:03:07Z", Voice("fr", "cli")) == (
        "le 02 janv. 2027 à 06 h 03 min 07 s UTC"
    )
    log = _lot(capsys, tmp_path, "liquid", "L1")
    code, out, _ = _run(capsys, "log", "verify", "L1", "--pharmacist", "B. Chen", "--reject",
                        "renversé", *log, "--lang", "fr")  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == [
        "Lot L1 mis en quarantaine par B. Chen (entrée no 2)",
        "  Motif : renversé",
    ]
    french_time = r"le \d\d \S+ \d{4} à \d\d h \d\d min \d\d s UTC"  # now, in UTC
    assert re.fullmatch(f"  Inscrit {french_time}", lines[2]), lines[2]
    code, out, _ = _run(capsys, "log", "show", "L1", *log, "--lang", "fr")
    entries = out.splitlines()[-2:]
    assert re.fullmatch(f"  no 1 {french_time}, inscrit par A. Martin, RPh", entries[0])
    assert re.fullmatch(
        f"  no 2 {french_time}, mis en quarantaine par B. Chen : renversé", entries[1]
    )
    code, out, _ = _run(capsys, "log", "show", "L1", *log)
    assert out.splitlines()[-1].startswith("  #2 2026-")  # English: as stored, ISO 8601


def test_a_failed_lot_is_refused_with_fixes_that_are_accepted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = _lot(capsys, tmp_path, "cream", "C1")
    # the base's total 28.05 g for 30 g: −6.5 %, outside 5 %
    typed = _actual("naltrexone=300mg", "hyaluronic=150mg", "glycerin=1.5g", "xematop=28.05g")
    assert _run(capsys, "log", "complete", "C1", *typed, *log)[0] == 0
    verify = ["log", "verify", "C1", "--pharmacist", "B. Chen", *log]
    for lang, expected in (
        ("en", 'LOT: "C1" failed its checks (XemaTop base (PCCA): 28.05 g instead of 30 g '
               "(−6.5 %, tolerance ±5 %)): it cannot be released; quarantine it: ldncalc log "
               'verify C1 --pharmacist NAME --reject "REASON" (or, if a quantity was typed wrong, '
               'complete it again with --correction "REASON")'),
        ("fr", 'LOT: "C1" n\'a pas réussi ses contrôles (Base XemaTop (PCCA) : 28,05 g au lieu '
               "de 30 g (−6,5 %, tolérance ±5 %)) : il ne peut pas être libéré; mettez-le en "
               'quarantaine : ldncalc log verify C1 --pharmacist NOM --reject "MOTIF" (ou, si une '
               "quantité a été mal tapée, complétez-le de nouveau avec --correction \"MOTIF\")"),
    ):  # fmt: skip
        code, _, err = _run(capsys, *verify, "--lang", lang)
        assert (code, err) == (2, f"ldncalc: {expected}\n")
    # either fix is accepted: a correction (then released), or a quarantine
    typed[-1] = "xematop=30g"
    code, _, err = _run(capsys, "log", "complete", "C1", *typed, "--correction", "typo", *log)
    assert (code, err) == (0, "")
    code, out, _ = _run(capsys, *verify)
    assert (code, out.splitlines()[0]) == (0, "Lot C1 released by B. Chen (entry #4)")
    assert _lot(capsys, tmp_path, "cream", "C2") == log  # the same log: entry #5
    assert _run(capsys, "log", "complete", "C2", *typed[:-1], "xematop=28.05g", *log)[0] == 0
    code, out, _ = _run(capsys, "log", "verify", "C2", "--pharmacist", "B. Chen", "--reject",
                        "base short", *log)  # fmt: skip
    assert (code, out.splitlines()[0]) == (0, "Lot C2 quarantined by B. Chen (entry #7)")


def test_a_french_lot_is_reprinted_with_a_french_mark(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # review: a lot issued in French was reprinted "REPRINT …" on its French label
    log = ["--log", str(tmp_path / "log.sqlite3")]
    label = str(tmp_path / "L2.txt")
    code, _, err = _run(
        capsys, *FORMS["liquid"], *RX, "--label", label, "--lot", "L2", "--lang", "fr", *log
    )
    assert code == 0, err
    code, out, err = _run(capsys, "log", "reprint", "L2", "--label", "-", *log)
    assert (code, err) == (0, "label reprinted: standard output (lot L2)\n")
    day = datetime.date.today().isoformat()
    assert f"Lot L2 RÉIMPRESSION {day}" in out
    assert "REPRINT" not in out
