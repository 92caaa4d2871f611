"""The screens in the reader's language: ``--lang fr`` makes everything a command prints French
(screen, --json text, refusal line); English stays as it was, byte for byte."""

import json
import re
from pathlib import Path

import pytest

import ldncalc.render
import ldncalc.screen.titration
from ldncalc.cli import main
from ldncalc.locale import Voice, codes
from ldncalc.locale.screen import SCREEN
from ldncalc.messages import Message, record_text
from ldncalc.render import json_text
from ldncalc.schema import result_schema

# English that must not appear in a French screen (words, with their spaces)
STOP = (
    *(" the ", " and ", " of ", " is ", " with ", " to ", " at ", " in a ", " for ", " from "),
    *(" spare", " holds ", " dose volume", "Take and weigh", "Make ", "Supply", "WARNINGS"),
    *("Calculation", "Method", "Quality checks", "BUD", "Labels ", "Fill ", "Totals"),
    *(" once a day", " a day", "capsules, size", "untared", "mixture", "Into the"),
)

SCREENS = {
    "liquid": "liquid --target 4.5mg",
    "capsule": "capsule --strength 4.5mg --quantity 30",
    "serial dilution": "liquid --target 25mcg",
    "aliquot": "capsule --strength 0.5mg --quantity 30",
    "titration": "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg "
    "--start-date 2025-03-03",
    "titration, capsules": "titrate --start 0.5mg --step 0.5mg --every 7d --target 4.5mg "
    "--start-date 2025-03-03 --form capsule",
}


def run(command: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(command.split())
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def english_in(text: str) -> list[str]:
    return [word for word in STOP if word.lower() in f" {text} ".lower()]


def test_every_french_word_of_the_screen_is_french() -> None:
    # the screen's shared words, and those only a liquid or capsules have (their own modules)
    from ldncalc.locale import capsule, liquid

    for key, (_, french) in (*SCREEN.items(), *capsule._SCREEN.items(), *liquid._SCREEN.items()):
        assert not english_in(re.sub(r"\{\w+\}", "", french)), key


@pytest.mark.parametrize("command", SCREENS.values(), ids=SCREENS.keys())
def test_english_is_the_default_and_lang_en_changes_nothing(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(command, capsys) == run(f"{command} --lang en", capsys)


@pytest.mark.parametrize("command", SCREENS.values(), ids=SCREENS.keys())
def test_a_french_screen_writes_its_own_words_in_french(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # what the engine and the formulation record write (warnings, steps, method, names) comes
    # from the other areas' words: held aside here, tested by the next test
    def aside(*args: object) -> str:
        return "«»"

    for module in (ldncalc.render, ldncalc.screen.titration):
        monkeypatch.setattr(module, "render", aside)
        monkeypatch.setattr(module, "render_step", lambda *args: ("«»",))
    code, out, err = run(f"{command} --lang fr", capsys)
    assert (code, err) == (0, "")
    assert not english_in(out), out


@pytest.mark.parametrize("command", SCREENS.values(), ids=SCREENS.keys())
def test_a_french_screen_has_no_english_sentence(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(f"{command} --lang fr", capsys)
    assert (code, err) == (0, "")
    assert not english_in(out), out


def test_french_liquid_screen(capsys: pytest.CaptureFixture[str]) -> None:
    # the same figures as README's English screen, in French: 4.5 mg ÷ 1 mg/mL = 4.5 mL a
    # dose; 21 doses × 4.5 mL = 94.5 mL; 100 mL − 94.5 mL = 5.5 mL spare
    code, out, _ = run("liquid --target 4.5mg --lang fr", capsys)
    lines = out.splitlines()
    assert code == 0
    assert lines[8:15] == [
        "Préparer    100 mL à 1 mg/mL (100 mg de chlorhydrate de naltrexone)",
        "              94,5 mL pour 21 doses de 4,5 mL",
        "            + 5,5 mL de réserve (la fiche en demande au moins 4,8 mL)",
        "            = 100 mL, volume final",
        "Dose        4,5 mg = 4,5 mL dans une seringue orale de 5 mL, graduée à 0,1 mL",
        "Durée       14 jours à 1 par jour (la DLU; le flacon contient 21 doses)",
        "DLU         14 jours; Réfrigérer entre 2 et 8 °C",
    ]
    assert {"AVERTISSEMENTS", "Calcul", "Méthode"} <= set(lines)


def test_french_titration_dates_and_weekdays(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(f"{SCREENS['titration']} --lang fr", capsys)
    assert code == 0
    # 9 steps of 7 days from Monday 3 March 2025: the last day is Sunday 4 May 2025
    assert "Calendrier   9 paliers, 63 jours : du lun. 03 mars 2025 au dim. 04 mai 2025" in out
    assert "Palier  Du                 Au                 Jours  Dose    Prendre" in out


# -- refusals in the chosen language ---------------------------------------------------------

REFUSALS = [
    (
        "liquid",
        "ldncalc: --target: is required; write e.g. --target 4.5mg",
        "ldncalc: --target: est obligatoire; écrivez par exemple --target 4.5mg",
    ),
    (
        "liquid --target 4.5mg --target 3mg",
        'ldncalc: --target: is given 2 times ("4.5mg" and "3mg"); give it once',
        'ldncalc: --target: est donnée 2 fois ("4.5mg" et "3mg"); donnez-la une seule fois',
    ),
    (
        "liquid --target 4.5mg --patient X",
        "ldncalc: --patient: is only used with --label or --record; add --label FILE or "
        "--record FILE, or leave it out",
        "ldncalc: --patient: ne sert qu'avec --label ou --record; ajoutez --label FILE ou "
        "--record FILE, ou retirez-la",
    ),
    (
        "titrate --force",
        "ldncalc: --force: is only used with --pdf, --ics or --fhir; add --pdf FILE, --ics FILE "
        "or --fhir FILE, or leave it out",
        "ldncalc: --force: ne sert qu'avec --pdf, --ics ou --fhir; ajoutez --pdf FILE, --ics FILE "
        "ou --fhir FILE, ou retirez-la",
    ),
    (
        "liquid --target 4.5mg --label x.txt --record x.txt",
        'ldncalc: --record: "x.txt" is also the --label file; give two file names',
        'ldncalc: --record: "x.txt" est aussi le fichier de --label; donnez deux noms de fichier',
    ),
]


@pytest.mark.parametrize(("command", "english", "french"), REFUSALS)
def test_a_refusal_speaks_the_chosen_language(
    command: str,
    english: str,
    french: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(command, capsys) == (2, "", english + "\n")
    assert run(f"{command} --lang fr", capsys) == (2, "", french + "\n")


def test_lang_is_refused_unless_en_or_fr(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("liquid --target 4.5mg --lang de", capsys) == (
        2,
        "",
        'ldncalc: --lang: "de" is not a label language; write en or fr\n',
    )


def test_the_screen_speaks_the_profiles_language_when_a_profile_is_in_use(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    profile = tmp_path / "pharmacy.toml"
    init = ["config", "init", "--pharmacy", str(profile), "--name", "Pharmacie Test"]
    init += ["--address", "1 rue Test", "--phone", "514-555-0100", "--lang", "fr"]
    assert main(init) == 0
    capsys.readouterr()
    base = f"liquid --target 4.5mg --pharmacy {profile} --no-log"
    base += " --patient Jeanne --prescriber Dre.Roy --rx 1234567"
    code, out, _ = run(f"{base} --label a.txt", capsys)
    assert (code, out[:26]) == (0, "Chlorhydrate de naltrexone")
    code, out, _ = run(f"{base} --label b.txt --lang en", capsys)  # --lang over the profile
    assert (code, out[:22]) == (0, "Naltrexone HCl 1 mg/mL")


# -- JSON and the schema ---------------------------------------------------------------------


def test_json_carries_each_records_text_in_the_chosen_language() -> None:
    from ldncalc import liquid

    result = liquid(target="4.5mg").model_copy(
        update={"notes": (record_text("Shake well", "Bien agiter"),)}
    )
    french = json.loads(json_text(result, {"lang": "fr", "surface": "cli"}))
    english = json.loads(json_text(result))
    assert french["notes"][0] == {
        "code": "record-text",
        "params": {"en": "Shake well", "fr": "Bien agiter"},
        "concerns": None,
        "text": "Bien agiter",
    }
    assert english["notes"][0]["text"] == "Shake well"
    # the figures are the same in both
    assert french["dose_volume"] == english["dose_volume"] == {"value": 4.5, "unit": "mL"}


def test_json_with_lang_fr_keeps_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    english = json.loads(run("liquid --target 4.5mg --json", capsys)[1])
    french = json.loads(run("liquid --target 4.5mg --json --lang fr", capsys)[1])

    def figures(data: object) -> object:  # everything but words
        if isinstance(data, dict):
            return {k: figures(v) for k, v in data.items() if k not in ("text", "name",
                    "formula", "calculation")}  # fmt: skip
        if isinstance(data, list):
            return [figures(v) for v in data if not isinstance(v, str)]
        return data

    assert figures(french) == figures(english)


def test_schema_documents_the_message_codes() -> None:
    definitions = result_schema()["$defs"]
    assert definitions["Message"]["properties"]["code"]["enum"] == list(codes())
    step = definitions["Step"]  # the one Step: a calculation step as a record
    assert step["properties"]["code"]["enum"] == list(codes())
    assert {"name", "formula", "calculation", "text"} <= set(step["required"])


def test_lang_help_says_it_is_the_language_of_everything_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for command in ("liquid", "capsule", "titrate"):
        main([command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert re.search(r"--lang LANG Language of everything the command prints", text), command


# -- the words of this area's codes ------------------------------------------------------------


def test_cli_refusals_are_coded_and_have_french() -> None:
    from ldncalc.errors import InputError

    fr = Voice("fr", "cli")
    error = InputError("--target", None, code="option-required", option="target", example="4.5mg")
    assert error.render(surface="cli") == "--target: is required; write e.g. --target 4.5mg"
    assert str(error) == 'target=: is required; write e.g. target="4.5mg"'
    assert error.render("fr", "cli") == (
        "--target: est obligatoire; écrivez par exemple --target 4.5mg"
    )
    assert Message(code="record-text", params={"en": "x"}).text(fr.lang) == "x"


def test_what_titrate_says_on_stderr_speaks_the_chosen_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "calendrier.pdf"
    command = f"titrate --protocol ldnrt-weekly --start-date 2025-03-03 --pdf {path} --lang fr"
    code, _, err = run(command, capsys)
    assert (code, err) == (0, f"calendrier écrit : {path}\n")
