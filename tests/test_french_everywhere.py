"""A French run says everything in French (issue 10): the screen, the label, the record and
the calendar of every dosage form, the lines said once documents are written, click's usage
errors and ``formulations check``; an English run says exactly what it always said."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from ldncalc.cli import main
from ldncalc.errors import FormulationError
from ldncalc.formulations import load
from ldncalc.locale import Voice
from ldncalc.profile import Profile, profile_toml

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")

PHARMACY = Profile(name="Pharmacie Côté", address=("1 rue de l'Église",), phone="418 555-0100")
PATIENT = "--patient 'Jeanne Tremblay' --prescriber 'Dre Gagnon' --rx 1234 --date 2026-11-22"

# English words that are not French words: none may be left in a French sentence
_ENGLISH_ONLY = """
the and of with is are to from for by at take shake store keep discard after before each drop
drops cream apply measure weigh syringe bottle water purified tablet tablets mix spare written
registered warning warnings calculation method quality checks references prepared checked
expiry prescriber pharmacist refrigerate protect light week weeks once daily bedtime day days
marks must missing exceeds required invalid such command value see
"""
ENGLISH_ONLY = frozenset(_ENGLISH_ONLY.split())


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are English only, leaving out what is quoted (a name, a
    value as typed) and identifiers (``ldn-drops-water``, ``--fill-weight``)."""
    text = re.sub(r"«[^»]*»|\"[^\"]*\"|'[^']*'", " ", text)
    text = re.sub(r"\S*[-_/]\S*", " ", text)
    return [w for w in re.findall(r"[A-Za-zÀ-ÿ]+", text) if w.lower() in ENGLISH_ONLY]


def run(capsys: pytest.CaptureFixture[str], command: str) -> tuple[int, str, str]:
    code = main(shlex.split(command))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pharmacy(tmp_path: Path) -> Path:
    path = tmp_path / "pharmacy.toml"
    path.write_text(profile_toml(PHARMACY), encoding="utf-8")
    return path


# --- every dosage form: screen, label, record, calendar --------------------------------------

FORMS = [
    "liquid --target 4.5mg",
    "liquid --target 4.5mg --source api",
    "capsule --strength 4.5mg --quantity 30",
    "drops --target 0.5mg --drop-volume 0.05mL",
    "cream --strength 10mg/g --quantity 30g",
]


@pytest.mark.parametrize("form", FORMS)
def test_a_french_screen_label_and_record_hold_no_english_word(
    form: str, tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    label, record = tmp_path / "label.txt", tmp_path / "record.txt"
    code, out, err = run(
        capsys,
        f"{form} --lang fr --label {label} --record {record} --pharmacy {pharmacy} {PATIENT}",
    )
    assert code == 0, err
    for name, text in (
        ("screen", out),
        ("stderr", err),
        ("label", label.read_text(encoding="utf-8")),
        ("record", record.read_text(encoding="utf-8")),
    ):
        assert english_words(text) == [], (name, text)


def test_a_french_titration_screen_and_calendar_hold_no_english_word(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    titrate = "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg --lang fr"
    code, screen, err = run(capsys, titrate)
    assert code == 0, err
    # the syringe of each step in French: what it is, its size and its marks
    assert (
        "  1. Volume du palier 1 = dose ÷ concentration = 0,5 mg ÷ 1 mg/mL = 0,5 mL (seringue "
        "orale de 1 mL graduée à 0,01 mL)"
    ) in screen.splitlines()
    pdf = tmp_path / "cal.pdf"
    code, calendar, err = run(
        capsys, f"{titrate} --calendar --pdf {pdf} --patient Jeanne --pharmacy {pharmacy}"
    )
    assert code == 0, err
    assert err == f"calendrier écrit : {pdf}\n"
    assert calendar.startswith("Votre calendrier des doses : ")
    assert calendar.splitlines()[-7].startswith("Vos flacons (n'utilisez pas un flacon après")
    for text in (screen, calendar):
        assert english_words(text) == [], text


def test_the_english_steps_still_name_the_syringe_as_the_catalog_does(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg")
    assert code == 0
    assert (
        "  1. Step 1 volume = dose ÷ concentration = 0.5 mg ÷ 1 mg/mL = 0.5 mL (1 mL oral syringe)"
    ) in out.splitlines()


# --- what is said once the documents are written ---------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            [
                "label written: {d}/l.txt (lot L-1)",
                "record written: {d}/r.txt (lot L-1)",
                "leaflet written: {d}/f.pdf (lot L-1)",
                "lot L-1 registered in {log}",
            ],
        ),
        (
            "fr",
            [
                "étiquette écrite : {d}/l.txt (lot L-1)",
                "fiche de préparation écrite : {d}/r.txt (lot L-1)",
                "feuillet d'information écrit : {d}/f.pdf (lot L-1)",
                "lot L-1 inscrit au registre : {log}",
            ],
        ),
    ],
)
def test_the_lines_said_once_documents_are_written_are_in_the_commands_language(
    lang: str,
    said: list[str],
    tmp_path: Path,
    pharmacy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    log = tmp_path / "log.sqlite3"
    code, _, err = run(
        capsys,
        f"liquid --target 4.5mg --lang {lang} --label {tmp_path}/l.txt --record {tmp_path}/r.txt "
        f"--leaflet {tmp_path}/f.pdf --lot L-1 --log {log} --pharmacy {pharmacy} {PATIENT}",
    )
    assert code == 0, err
    assert err.splitlines() == [line.format(d=tmp_path, log=log) for line in said]


def test_a_warning_said_on_stderr_is_in_the_commands_language(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # compounded on 14 Nov, printed on 22 Nov: 8 days, more than a week before today
    code, _, err = run(
        capsys,
        f"capsule --strength 4.5mg --quantity 30 --lang fr --record {tmp_path}/r.txt --no-log "
        f"--pharmacy {pharmacy} --date 2026-11-14",
    )
    assert code == 0, err
    assert err.startswith("AVERTISSEMENT : La date de préparation 14 nov. 2026 est 8 jours ")


def test_config_init_confirms_in_the_profiles_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang, said in (("en", "pharmacy profile written"), ("fr", "profil de pharmacie écrit")):
        path = tmp_path / f"{lang}.toml"
        code, out, err = run(
            capsys,
            f"config init --name P --address A --phone 1 --lang {lang} --pharmacy {path}",
        )
        assert (code, err) == (0, "")
        assert out == f"{said}{' :' if lang == 'fr' else ':'} {path}\n"


# --- click's usage errors --------------------------------------------------------------------

USAGE = [
    (
        "liquid --targt 4.5mg",
        "No such option: --targt (Possible options: --lang, --salt, --target) "
        "(see 'ldncalc liquid --help')",
        "Option inconnue : --targt (options possibles : --lang, --salt, --target) "
        "(voir 'ldncalc liquid --help')",
    ),
    (
        "capsule --xyzzy 1",
        "No such option: --xyzzy (see 'ldncalc capsule --help')",
        "Option inconnue : --xyzzy (voir 'ldncalc capsule --help')",
    ),
    (
        "drops --target",
        "Option '--target' requires an argument. (see 'ldncalc drops --help')",
        "L'option '--target' demande une valeur. (voir 'ldncalc drops --help')",
    ),
    (
        "cream --strength 10mg/g --json=1",
        "Option '--json' does not take a value. (see 'ldncalc cream --help')",
        "L'option '--json' ne prend pas de valeur. (voir 'ldncalc cream --help')",
    ),
    (
        "log show",
        "Missing argument 'LOT'. (see 'ldncalc log show --help')",
        "Il manque l'argument 'LOT'. (voir 'ldncalc log show --help')",
    ),
    (
        "formulations check",
        "Missing argument 'DIR'. (see 'ldncalc formulations check --help')",
        "Il manque l'argument 'DIR'. (voir 'ldncalc formulations check --help')",
    ),
    (
        "log recall --formulation-version abc",
        "Invalid value for '--formulation-version': Input should be a valid integer, unable to "
        "parse string as an integer (see 'ldncalc log recall --help')",
        "Valeur non valide pour '--formulation-version' : un nombre entier est attendu "
        "(voir 'ldncalc log recall --help')",
    ),
    (
        "liquid --target 4.5mg extra",
        "Got unexpected extra argument(s) (extra) (see 'ldncalc liquid --help')",
        "Argument(s) en trop (extra) (voir 'ldncalc liquid --help')",
    ),
    (
        "titrate --target 4.5 mg",
        '--target: "4.5 mg" was split in two at the space; write 4.5mg or put it in quotes: '
        '"4.5 mg"',
        '--target: "4.5 mg" a été coupée en deux à l\'espace; écrivez 4.5mg ou mettez-la entre '
        'guillemets : "4.5 mg"',
    ),
    (
        "batch --target 4.5mg",
        "No such option: --target (see 'ldncalc batch --help')",
        "Option inconnue : --target (voir 'ldncalc batch --help')",
    ),
]


@pytest.mark.parametrize(("command", "english", "french"), USAGE)
def test_a_usage_error_is_in_the_commands_language(
    command: str, english: str, french: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, command) == (2, "", f"ldncalc: {english}\n")
    words = command.split()
    at = 2 if words[0] in ("log", "formulations") else 1  # just after the command
    in_french = " ".join([*words[:at], "--lang", "fr", *words[at:]])
    assert run(capsys, in_french) == (2, "", f"ldncalc: {french}\n")


def test_an_unknown_command_is_said_in_french_when_the_language_is_known(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "log nosuch --lang fr") == (
        2, "", "ldncalc: Commande inconnue : 'nosuch'. (voir 'ldncalc log --help')\n"
    )  # fmt: skip
    # `formulations` has no --lang: the language is not known, English as ever
    assert run(capsys, "formulations nosuch --lang fr") == (
        2, "", "ldncalc: No such command 'nosuch'. (see 'ldncalc formulations --help')\n"
    )  # fmt: skip


# --- formulations check ------------------------------------------------------------------------


def _own_water(folder: Path, *changes: tuple[str, str]) -> None:
    """The built-in water suspension as a pharmacy's own record, with ``changes`` made."""
    text = Path(load().formulations["ldn-liquid-water"].path).read_text(encoding="utf-8")
    for old, new in (('id = "ldn-liquid-water"', 'id = "my-water"'), *changes):
        assert old in text
        text = text.replace(old, new, 1)
    (folder / "my-water.toml").write_text(text, encoding="utf-8")


def test_formulations_check_reports_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, f"formulations check {tmp_path} --lang fr")
    assert (code, out, err) == (0, "valide   8 formulations en vigueur avec ce dossier\n", "")
    # a BUD beyond USP <795>'s 14 days for a water suspension, with no study cited
    _own_water(tmp_path, ("days = 14", "days = 30"))
    code, out, err = run(capsys, f"formulations check {tmp_path} --lang fr")
    assert code == 2
    assert out.splitlines() == [
        "INVALIDE my-water.toml : bud: 30 jours dépasse le maximum de l'USP <795>, 14 jours, "
        "pour aqueous-nonpreserved; citez une étude propre à la préparation dans bud.evidence",
    ]
    assert err == (
        f"ldncalc: {tmp_path}: compte 1 fichier(s) invalide(s) sur 1; corrigez les problèmes "
        "indiqués ci-dessus\n"
    )
    # the French method one line short, water and the vehicle left untranslated
    _own_water(
        tmp_path,
        ('    "Broyer les comprimés au mortier en une poudre fine et homogène.",\n', ""),
        ('"Purified water" = "Eau purifiée"\n', ""),
        ('"vehicle" = "véhicule"\n', ""),
    )
    code, out, _ = run(capsys, f"formulations check {tmp_path} --lang fr")
    assert out.splitlines() == [
        "INVALIDE my-water.toml : fr.method: a 4 lignes, l'anglais 5",
        "INVALIDE my-water.toml : fr.ingredients: manque « Purified water »",
        "INVALIDE my-water.toml : fr.functions: manque « vehicle »",
    ]
    code, out, _ = run(capsys, f"formulations check {tmp_path}")
    assert out.splitlines() == [  # English as it always was
        "INVALID my-water.toml: fr.method: has 4 lines, the English 5",
        'INVALID my-water.toml: fr.ingredients: missing "Purified water"',
        'INVALID my-water.toml: fr.functions: missing "vehicle"',
    ]


def test_the_bud_refusals_of_a_record_have_codes_in_both_languages() -> None:
    from decimal import Decimal

    water = FormulationError(
        "bud", None, code="bud-water-activity-contradicts", place=True,
        category="nonaqueous-liquid", water_activity=Decimal("0.98"), aqueous=True,
        limit=Decimal("0.6"),
    )  # fmt: skip
    assert str(water) == (
        'bud: category "nonaqueous-liquid" contradicts water_activity 0.98: USP <795> counts '
        "0.6 or more as aqueous; use an aqueous category"
    )
    assert water.render("fr") == (
        "bud: category « nonaqueous-liquid » contredit water_activity 0,98 : l'USP <795> "
        "compte 0,6 ou plus comme aqueux; utilisez une catégorie aqueuse"
    )
    cold = FormulationError(
        "bud", None, code="bud-must-refrigerate", place=True, category="aqueous-nonpreserved"
    )
    assert str(cold) == "bud: aqueous-nonpreserved preparations must be stored: refrigerate"
    assert cold.render("fr") == (
        "bud: les préparations aqueous-nonpreserved doivent être conservées au réfrigérateur"
    )
    lines = FormulationError(
        "fr.method", None, code="translation-lines", place=True, lines=5, english=6
    )
    assert str(lines) == "fr.method: has 5 lines, the English 6"
    assert lines.render("fr") == "fr.method: a 5 lignes, l'anglais 6"


def test_every_usage_code_has_french_words() -> None:
    from ldncalc.locale import codes
    from ldncalc.messages import Message

    usage = [c for c in codes() if c.startswith("usage-") and c != "usage-split-at-space"]
    params = {
        "option": "--x", "possibilities": ("--y",), "kind": "argument", "hint": "'X'",
        "arguments": "x", "name": "x",
    }  # fmt: skip
    for code in usage:
        french = Message(code=code, params=params).text("fr", "cli")
        assert english_words(french) == [], (code, french)
        assert french != Message(code=code, params=params).text("en", "cli"), code
    assert Voice("fr", "cli").fr


# --- an output that cannot be written, a bug ---------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_said_in_french() -> None:
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "ldncalc", "liquid", "--target", "4.5mg", "--lang", "fr"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 74
    # the reason is the system's own words
    assert done.stderr == "ldncalc: impossible d'écrire la sortie (No space left on device)\n"


def test_a_bug_is_said_in_french(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ldncalc.render

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(ldncalc.render, "bench_text", broken)
    monkeypatch.delenv("LDNCALC_DEBUG", raising=False)
    assert run(capsys, "liquid --target 4.5mg --lang fr") == (
        70, "", "ldncalc: erreur interne (RuntimeError: boom). C'est un bogue de ldncalc : "
        "veuillez signaler la commande (LDNCALC_DEBUG=1 affiche la trace)\n",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "joined"),
    [
        # elision before a vowel or a mute h; the common noun lowercased after "de"
        ("Acide hyaluronique hydrolysé", "d'acide hyaluronique hydrolysé"),
        ("Eau purifiée", "d'eau purifiée"),
        ("Huile d'amande douce", "d'huile d'amande douce"),
        ("Poudre de naltrexone HCl", "de poudre de naltrexone HCl"),
        ("Glycérine", "de glycérine"),
        ("Éthanol", "d'éthanol"),
        # a brand or a symbol keeps its capitals
        ("XemaTop (PCCA)", "de XemaTop (PCCA)"),
    ],
)
def test_de_elides_and_lowercases(name: str, joined: str) -> None:
    from ldncalc.locale.common import de

    assert de(name) == joined


def test_french_cream_screen_says_d_acide_and_de_poudre(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(shlex.split("cream --strength 10mg/g --quantity 30g --lang fr")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  300 mg de poudre de naltrexone HCl" in lines
    assert "  150 mg d'acide hyaluronique hydrolysé — humectant" in lines
    assert "  1,5 g de glycérine — humectant, solvant" in lines
    # English is as it was
    assert main(shlex.split("cream --strength 10mg/g --quantity 30g")) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  150 mg Hydrolyzed hyaluronic acid — humectant" in lines
    assert "  300 mg Naltrexone HCl powder" in lines
