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


# --- review of the French output (s5-french) ------------------------------------------------


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_cream_step_names_each_excipient_as_the_record_does_in_french(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 0.5 g and 5 g per 100 g of a 30 g cream: 150 mg and 1.5 g (the record's [fr.ingredients])
    code, out, err = run(
        capsys,
        f"cream --strength 10mg/g --quantity 30g --lang fr --record {tmp_path}/r.txt "
        f"--pharmacy {pharmacy} {PATIENT} --no-log",
    )
    assert code == 0, err
    record = (tmp_path / "r.txt").read_text(encoding="utf-8")
    for text in (out, record):
        flat = " ".join(text.split())
        assert "4. Acide hyaluronique hydrolysé = quantité pour 100 g × quantité" in flat
        assert "5. Glycérine = quantité pour 100 g × quantité ÷ 100 g = 5 g × 30 g" in flat
        assert "Glycerin" not in text
        assert "Hydrolyzed" not in text
    code, _, err = run(
        capsys,
        f"cream --strength 10mg/g --quantity 30g --lang fr --record {tmp_path}/r.pdf "
        f"--pharmacy {pharmacy} {PATIENT} --no-log",
    )
    assert code == 0, err
    pdf = _pdf_text(tmp_path / "r.pdf")
    assert "Glycérine = quantité pour 100 g" in pdf
    assert "Glycerin" not in pdf
    # English as it was
    assert main(shlex.split("cream --strength 10mg/g --quantity 30g")) == 0
    assert "  5. Glycerin = amount per 100 g × quantity ÷ 100 g = 5 g × 30 g ÷ 100 g =" in (
        capsys.readouterr().out.splitlines()
    )


def test_a_cream_step_read_back_from_json_keeps_its_french_name() -> None:
    from ldncalc.models import CreamResult
    from ldncalc.preparations.cream import cream

    result = cream(strength="10mg/g", quantity="30g")
    again = CreamResult.model_validate_json(result.model_dump_json())
    assert [s.text("fr") for s in again.steps] == [s.text("fr") for s in result.steps]
    assert again.steps[4].parts("fr")[0] == "Glycérine"


def test_a_protocol_is_named_in_french_on_the_screen_and_in_the_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "titrate --protocol ldnrt-1mg-weekly --lang fr")
    assert code == 0
    assert (
        "Protocole    ldnrt-1mg-weekly : LDN Research Trust : 1,5 mg, +1 mg tous les 7 jours, "
        "jusqu'à 4,5 mg"
    ) in out.splitlines()
    code, out, _ = run(capsys, "titrate --list-protocols --lang fr")
    assert out.splitlines()[-1] == (
        "three-step-1-5mg       Trois paliers : 1,5 mg pendant 14 jours, 3 mg pendant 14 jours, "
        "puis 4,5 mg"
    )
    assert all(english_words(line) == [] for line in out.splitlines()), out
    code, out, _ = run(capsys, "titrate --list-protocols")  # English as it was
    assert out.splitlines()[0] == (
        "ldnrt-1mg-weekly       LDN Research Trust: 1.5 mg, +1 mg every 7 days, to 4.5 mg"
    )


def test_every_builtin_protocol_has_its_french() -> None:
    from ldncalc.formulations import builtin_folder
    from ldncalc.titration.protocols import (
        missing_protocol_translations,
        protocol_files,
        read_protocol,
    )

    for path in protocol_files(builtin_folder()):
        protocol = read_protocol(path)
        assert protocol.languages == ("en", "fr"), path
        assert missing_protocol_translations(protocol) == (), path


def test_formulations_check_reports_a_protocols_missing_french_and_its_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ldncalc.formulations import builtin_folder

    (tmp_path / "protocols").mkdir()
    text = (builtin_folder() / "protocols" / "ldnrt-1mg-weekly.toml").read_text(encoding="utf-8")
    text = text.replace('id = "ldnrt-1mg-weekly"', 'id = "my-weekly"')
    note = next(line for line in text.splitlines() if line.startswith('note = "Si les'))
    mine = text.replace("LDN Research Trust : 1,5 mg", "LDN Research Trust : 1.5 mg")
    mine = mine.replace(note + "\n", "")
    (tmp_path / "protocols" / "my-weekly.toml").write_text(mine, encoding="utf-8")
    code, out, _ = run(capsys, f"formulations check {tmp_path}")
    assert code == 2
    assert out.splitlines() == [
        "INVALID protocols/my-weekly.toml: fr.note: missing (languages declares 'fr')",
        'INVALID protocols/my-weekly.toml: fr.name: does not write 1.5 as "1,5"; write 1,5',
    ]
    code, out, _ = run(capsys, f"formulations check {tmp_path} --lang fr")
    assert out.splitlines() == [
        "INVALIDE protocols/my-weekly.toml : fr.note: manquant (languages déclare 'fr')",
        "INVALIDE protocols/my-weekly.toml : fr.name: n'écrit pas 1.5 comme « 1,5 »; écrivez 1,5",
    ]


@pytest.mark.parametrize(
    ("form", "names"),
    [
        (
            "cream --strength 10mg/g --quantity 30g",
            {"Poudre de naltrexone HCl", "Acide hyaluronique hydrolysé", "Glycérine",
             "Base XemaTop (PCCA)"},
        ),
        ("liquid --target 4.5mg", {"Comprimés de naltrexone HCl 50 mg", "Eau purifiée"}),
        (
            "capsule --strength 4.5mg --quantity 30",
            {"Chlorhydrate de naltrexone (anhydre)", "Cellulose microcristalline (Avicel PH-102)"},
        ),
    ],
)  # fmt: skip
def test_a_french_fhir_file_names_the_ingredients_in_french(
    form: str, names: set[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    def ingredients(lang: str) -> set[str]:
        path = tmp_path / f"{lang}.json"
        assert run(capsys, f"{form} --lang {lang} --fhir {path}")[0] == 0
        bundle = json.loads(path.read_text(encoding="utf-8"))
        medication = next(
            e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Medication"
        )
        return {i["item"]["concept"]["text"] for i in medication["ingredient"]}

    assert ingredients("fr") == names
    assert ingredients("en") != names  # English as the record writes it


def test_formulations_list_and_show_speak_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "formulations list --lang fr")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "TYPE", "À", "PARTIR", "DE", "DLU", "ORIGINE", "NOM"]
    assert lines[3].split()[:5] == ["ldn-cream-xematop", "crème", "poudre", "35", "jours"]
    assert english_words(out) == [], out
    for record in ("ldn-liquid-water", "ldn-capsule-api-mcc", "ldn-cream-xematop"):
        code, out, err = run(capsys, f"formulations show {record} --lang fr")
        assert (code, err) == (0, ""), record
        assert "Méthode" in out.splitlines()
        # what is left in English is quoted as published: the references
        body = out.split("\nRéférences\n")[0]
        assert english_words(body) == [], (record, body)
    code, out, _ = run(capsys, "formulations show ldn-liquid-water --lang fr")
    assert (
        "Réserve le plus grand de 1 dose et de 5 % du volume des doses, en plus de celles-ci"
        in (out.splitlines())
    )


def test_a_formulation_of_the_wrong_kind_is_named_in_french_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "liquid --target 4.5mg --lang fr --formulation ldn-cream-xematop") == (
        2, "", 'ldncalc: --formulation: "ldn-cream-xematop" est une préparation de type crème; '
        "utilisez une préparation de type liquide : ldn-liquid-preserved, ldn-liquid-water\n",
    )  # fmt: skip
    assert run(capsys, "liquid --target 4.5mg --formulation ldn-cream-xematop")[2] == (
        'ldncalc: --formulation: "ldn-cream-xematop" is a cream formulation; use a liquid '
        "formulation: ldn-liquid-preserved, ldn-liquid-water\n"
    )


TYPOGRAPHY = [
    *FORMS,
    "capsule --strength 0.1mg --quantity 30",  # the aliquot warning
    "liquid --target 0.05mg",  # the dilution note
]


@pytest.mark.parametrize("form", TYPOGRAPHY)
def test_french_puts_no_space_before_a_semicolon(
    form: str, tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # fr-CA (OQLF): no space before ";" anywhere (label, record, leaflet, screen)
    outputs = f"--label {tmp_path}/l.txt --record {tmp_path}/r.txt --leaflet {tmp_path}/f.pdf"
    code, out, err = run(
        capsys, f"{form} --lang fr {outputs} --pharmacy {pharmacy} {PATIENT} --no-log"
    )
    assert code == 0, err
    texts = [
        out,
        err,
        *(Path(tmp_path / n).read_text(encoding="utf-8") for n in ("l.txt", "r.txt")),
    ]
    texts.append(_pdf_text(tmp_path / "f.pdf"))
    for text in texts:
        assert " ;" not in text, text
        assert "\u202f;" not in text, text
    assert any(";" in text for text in texts)


def test_a_french_calendar_and_ics_put_no_space_before_a_semicolon(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys,
        "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg --lang fr --calendar "
        f"--pdf {tmp_path}/c.pdf --ics {tmp_path}/c.ics --patient Jeanne --pharmacy {pharmacy}",
    )
    assert code == 0, err
    pdf = _pdf_text(tmp_path / "c.pdf")
    ics = (tmp_path / "c.ics").read_text(encoding="utf-8")
    assert "pharmacien; gardez cette information sur vous" in out
    for text in (out, pdf, ics):
        assert " ;" not in text
    # "Note strength" asks the patient to check the strength (the label's "Noter la teneur"
    # could read as "write it down")
    assert "Protéger de la lumière. Vérifier la teneur." in out


def test_the_french_words_are_one_term_each(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def said(command: str) -> str:
        code, out, err = run(capsys, command)
        assert code == 0, err
        return out

    # the spare of a liquid is "réserve" everywhere; a capsule batch's overage "excédent"
    out = said(
        f"liquid --target 4.5mg --lang fr --record {tmp_path}/r.txt --no-log "
        f"--pharmacy {pharmacy} {PATIENT}"
    )
    record = (tmp_path / "r.txt").read_text(encoding="utf-8")
    for text in (out, record):
        assert "réserve" in text.lower()
        assert "excédent" not in text.lower()
        assert "surplus" not in text.lower()
        assert "graduée au" not in text
    assert "3. Réserve = la réserve de la fiche maîtresse : le plus grand de ses doses et de" in (
        " ".join(out.split())
    )
    out = said("titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg --lang fr")
    assert "surplus" not in out.lower()
    assert "arrondi au-dessus" not in out  # "arrondi à l'unité supérieure", as a liquid's
    assert "graduée au" not in out
    out = said("capsule --strength 4.5mg --quantity 30 --lang fr")
    lines = out.splitlines()
    # the size is "taille" (as the refusals say it); the filler's name in running text
    assert lines[0].startswith("Capsules de chlorhydrate de naltrexone 4,5 mg, taille 1 : ")
    assert "format" not in out
    assert "enveloppe" not in out  # the shell is "capsule vide", as the record's method says
    assert "sur une balance tarée avec une capsule vide :" in out
    assert "  1. Nombre à préparer = quantité + excédent = 30 + 1 = 31 capsules" in lines
    assert "apparente de cellulose microcristalline (Avicel PH-102); pesez" in " ".join(out.split())
    out = said("liquid --target 0.5mg --source api --lang fr")
    assert "arrondi au multiple de 5 mL supérieur = 120 mg × 1 ÷ 1 mg/mL" in " ".join(out.split())


def test_the_french_leaflet_of_a_cream_says_use_not_take(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for form, said in (
        ("cream --strength 10mg/g --quantity 30g", "Ne l'utilisez pas si vous prenez des"),
        ("liquid --target 4.5mg", "Ne la prenez pas si vous utilisez des"),
    ):
        leaflet = tmp_path / f"{form.split()[0]}.pdf"
        code, _, err = run(
            capsys, f"{form} --lang fr --leaflet {leaflet} --pharmacy {pharmacy} {PATIENT} --no-log"
        )
        assert code == 0, err
        text = " ".join(_pdf_text(leaflet).split())
        assert f"{said} médicaments opioïdes" in text
        assert "De quoi s'agit-il?" in text


def test_titration_says_drops_and_a_cream_are_not_titrated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "titrate --protocol ldnrt-weekly --form drops --lang fr")[2] == (
        'ldncalc: --form: "drops" n\'est pas une forme offerte pour la titration; utilisez '
        "liquid ou capsule\n"
    )
    assert run(capsys, "titrate --protocol ldnrt-weekly --form syrup --lang fr")[2] == (
        'ldncalc: --form: "syrup" n\'est pas une forme; utilisez liquid ou capsule\n'
    )
    assert run(capsys, "titrate --protocol ldnrt-weekly --form drops")[2] == (
        'ldncalc: --form: "drops" is not a form; use liquid or capsule\n'  # English as it was
    )


def test_the_french_drops_label_has_one_pair_of_parentheses(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys,
        f"drops --target 0.5mg --drop-volume 0.05mL --lang fr --label {tmp_path}/l.txt "
        f"--pharmacy {pharmacy} {PATIENT} --no-log",
    )
    assert code == 0, err
    label = " ".join((tmp_path / "l.txt").read_text(encoding="utf-8").split())
    assert "Naltrexone HCl 10 mg/mL, gouttes sublinguales (LDN), 0,5 mg par goutte" in label
    assert ") (" not in label


def test_a_french_batch_screen_names_the_kinds_in_french_and_agrees_with_one(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text(
        "kind,target,strength,quantity,lang,patient,prescriber,rx\n"
        "liquid,4.5mg,,,fr,Jeanne,Dre G,1\n"
        "capsule,,4.5mg,30,fr,Jeanne,Dre G,2\n"
        "liquid,45mg,,,fr,Jeanne,Dre G,3\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, _ = run(
        capsys,
        f"batch {orders} --out {out_dir} --label-format txt --record-format txt --no-log "
        f"--pharmacy {pharmacy} --lang fr",
    )
    lines = out.splitlines()
    assert code == 2  # one order refused, reported on its line
    assert [line.split()[2] for line in lines[1:4]] == ["liquide", "capsules", "liquide"]
    assert "commandes traitées : 2 sur 3; refusées : 1" in lines


def test_formulations_check_says_what_a_file_holds_in_french_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from ldncalc.formulations import builtin_folder

    code, out, _ = run(capsys, f"formulations check {builtin_folder()} --lang fr")
    assert code == 0
    lines = out.splitlines()
    assert "valide   ldn-cream-xematop.toml : ldn-cream-xematop (crème, poudre)" in lines
    assert "valide   ldn-liquid-water.toml : ldn-liquid-water (liquide, comprimés)" in lines
    assert "valide   protocols/ldnrt-weekly.toml : ldnrt-weekly (liquide, capsules)" in lines
    code, out, _ = run(capsys, f"formulations check {builtin_folder()}")
    assert "ok      ldn-liquid-water.toml: ldn-liquid-water (liquid, tablets)" in out.splitlines()


# --- a serial dilution in French (issue 10) ---------------------------------------------------

# English that was left in a French serial dilution: a device's catalog name, the diluent's
# record name and the diluent's ingredient functions. Bare "oral" is not here: the French
# container is a « flacon oral ambré ».
DILUTION_ENGLISH = (
    "syringe",
    "cylinder",
    "oral syringe",
    "oral suspension",
    "made without",
    "preserved",
    "antioxidant",
    "preservative",
    "co-solvent",
    "marks",
)


def _dilution_in_french(
    formulation: str, tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str]:
    """The screen and the text record of 0.05 mg (50 mcg) in French, from ``formulation``."""
    record = tmp_path / "record.txt"
    code, out, err = run(
        capsys,
        f"liquid --formulation {formulation} --target 0.05mg --lang fr --record {record} "
        f"--pharmacy {pharmacy} {PATIENT} --no-log",
    )
    assert code == 0, err
    text = record.read_text(encoding="utf-8")
    for name, said in (("screen", out), ("record", text)):
        bare = said.replace(formulation, "").lower()  # the record's id is not a word
        left = [word for word in DILUTION_ENGLISH if word in bare]
        assert left == [], (name, left, said)
    return out, text


def test_a_french_serial_dilution_names_its_syringe_and_cylinder_in_french(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 50 mcg at 0.5 mg/mL is 0.1 mL, under the 1 mL syringe's reliable 0.2 mL: the stock is
    # diluted 1:10 to 0.05 mg/mL, 1 mL a dose. 14 doses + 1 mL spare = 15 mL: 1.5 mL of the
    # stock (3 mL syringe, 0.1 mL marks) + 13.5 mL of water (25 mL cylinder, 0.5 mL marks)
    screen, record = _dilution_in_french("ldn-liquid-water", tmp_path, pharmacy, capsys)
    assert (
        "  1. Dilution 1 (1:10) : 1,5 mL du liquide à 0,5 mg/mL (seringue orale de 3 mL\n"
        "     graduée à 0,1 mL) + 13,5 mL de diluant (éprouvette graduée de 25 mL) =\n"
        "     15 mL à 0,05 mg/mL\n"
    ) in screen
    # the spare is the master formulation record's (« fiche maîtresse »), as step 3 says
    assert (
        "Réserve (jamais prise)      1 mL (la fiche maîtresse en demande au moins 1 mL)"
    ) in record.splitlines()


def test_a_french_serial_dilution_names_its_preserved_diluent_in_french(
    tmp_path: Path, pharmacy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the preserved formula is diluted with its own vehicle made without the tablets: its
    # name and its ingredients' functions as the record translates them
    screen, record = _dilution_in_french("ldn-liquid-preserved", tmp_path, pharmacy, capsys)
    lines = screen.splitlines()
    assert "  0,5 g d'acide ascorbique (diluant) — antioxydant" in lines
    assert "  0,1 g de benzoate de sodium (diluant) — agent de conservation" in lines
    assert "  20 mL de glycérol (diluant) — cosolvant, goût" in lines
    assert (
        "Diluer la solution mère ci-dessus avec Suspension orale de naltrexone HCl, avec agent "
        "de conservation (Fawcett 1997), préparée sans les comprimés, le tout le même jour"
    ) in lines
    # 30 days of 1 mL + 1.5 mL spare: 4 mL of the stock (the 5 mL syringe of 0.1 mL marks,
    # not the one of 0.2 mL: the marks tell them apart) + 36 mL (50 mL cylinder) = 40 mL
    assert (
        "  1. Dilution 1 (1:10) : 4 mL du liquide à 0,5 mg/mL (seringue orale de 5 mL\n"
        "     graduée à 0,1 mL) + 36 mL de diluant (éprouvette graduée de 50 mL) =\n"
        "     40 mL à 0,05 mg/mL\n"
    ) in screen
    assert (
        "Diluant : Suspension orale de naltrexone HCl, avec agent de conservation (Fawcett 1997),\n"
        "préparée sans les comprimés. Préparer la préparation mère et chaque dilution le même jour."
    ) in record
    assert (
        "Réserve (jamais prise)      2 mL (la fiche maîtresse en demande au moins 1,9 mL)"
    ) in record.splitlines()


def test_a_french_titration_fill_spare_is_the_master_formulation_record_s(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # step 11: fill 1's spare, the greater of 1 dose of the largest (1 mL) and 5 % of the
    # 10.5 mL taken (0.525 mL), as the master formulation record (« fiche maîtresse ») asks
    code, screen, err = run(
        capsys, "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg --lang fr"
    )
    assert code == 0, err
    assert "fiche de préparation" not in screen
    assert (
        "  11. Réserve de la préparation 1 = le plus grand de 1 dose de la plus grande et de 5 % "
        "du volume pris (fiche maîtresse), arrondi au 0,1 mL supérieur = plus grand de 1 mL et "
        "de 0,525 mL de 10,5 mL = 1 mL"
    ) in screen.splitlines()
