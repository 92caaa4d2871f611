"""Errors are records rendered per surface (issue 10 §2): the library names ``target=``, the
command line ``--target``, and an error survives pickle and copy with its fields."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

import ldncalc
from ldncalc.cli import main
from ldncalc.errors import InputError, LdnCalcError, UnsafeInputError
from ldncalc.units import Quantity


def _refusal(call: Callable[[], object]) -> LdnCalcError:
    with pytest.raises(LdnCalcError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize(
    "twin",
    [lambda e: pickle.loads(pickle.dumps(e)), copy.copy, copy.deepcopy],
    ids=["pickle", "copy", "deepcopy"],
)
def test_an_error_with_a_quantity_value_survives_pickle_and_copy(
    twin: Callable[[LdnCalcError], LdnCalcError],
) -> None:
    # a library caller passes a pint Quantity of the wrong kind: a volume for a mass
    given = Quantity(Decimal("4.5"), "milliliter")
    error = _refusal(lambda: ldncalc.liquid(target=given))
    assert type(error) is InputError
    assert str(error) == 'target="4.5 milliliter": has unit milliliter; use mg, mcg or g'
    again = twin(error)
    assert type(again) is InputError
    assert again is not error
    assert str(again) == str(error)
    assert again.args == error.args == (str(error),)
    assert (again.code, again.parameter, again.option) == (
        "unit-not-accepted",
        "target",
        "--target",
    )
    assert again.value == given
    assert again.value.magnitude == Decimal("4.5")  # exact: still a Decimal, not a float
    assert isinstance(again.value.magnitude, Decimal)
    assert again.params == error.params
    cli = '--target: "4.5 milliliter" has unit milliliter; use mg, mcg or g'
    assert again.render(surface="cli") == cli


def test_a_deep_copy_does_not_share_the_quantity() -> None:
    given = Quantity(Decimal("4.5"), "milliliter")
    error = InputError(
        "target", given, code="unit-not-accepted", unit="milliliter", kinds=("mass",)
    )
    again = copy.deepcopy(error)
    assert again.value == given
    assert again.value is not error.value


@pytest.mark.parametrize(
    ("call", "argv", "library", "cli"),
    [
        (
            lambda: ldncalc.liquid(target="4,5mg"),
            ["liquid", "--target", "4,5mg"],
            'target="4,5mg": uses a decimal comma; write 4.5mg',
            '--target: "4,5mg" uses a decimal comma; write 4.5mg',
        ),
        (
            # a hyphenated option: doses_per_day= in the library, --doses-per-day on the CLI
            lambda: ldncalc.liquid(target="4.5mg", doses_per_day="9"),
            ["liquid", "--target", "4.5mg", "--doses-per-day", "9"],
            'doses_per_day="9": is out of range; write a whole number from 1 to 4',
            '--doses-per-day: "9" is out of range; write a whole number from 1 to 4',
        ),
    ],
    ids=["target", "doses-per-day"],
)
def test_the_same_bad_input_names_the_keyword_in_the_library_and_the_option_on_the_cli(
    call: Callable[[], object],
    argv: list[str],
    library: str,
    cli: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    error = _refusal(call)
    assert isinstance(error, InputError | UnsafeInputError)
    assert str(error) == error.args[0] == library
    assert error.render(surface="cli") == cli
    assert error.option == cli.split(":", 1)[0]
    assert error.parameter == library.split("=", 1)[0]
    code = main(argv)
    captured = capsys.readouterr()
    assert (code, captured.out, captured.err) == (2, "", f"ldncalc: {cli}\n")


def test_a_place_reads_the_same_on_both_surfaces() -> None:
    # a file and field is not an input: neither --x nor x= fits it
    error = InputError("clinic.toml: schedule.step", "", code="empty", example="0.5mg")
    expected = "clinic.toml: schedule.step: is empty; write e.g. 0.5mg"
    assert str(error) == error.render(surface="cli") == expected
    assert error.option == error.parameter == "clinic.toml: schedule.step"


# --- no error is English-only any more (issue 10 §2) ------------------------------------------

_ERRORS = {
    "LdnCalcError",
    "InputError",
    "UnsafeInputError",
    "OutputError",
    "FormulationError",
    "FormulationNotFoundError",
    "LogError",
    "LogAccessError",
}


def test_every_error_ldncalc_raises_has_a_code() -> None:
    # every construction of an ldncalc error in the package names its code and passes no
    # English words (the legacy form LdnCalcError(option, value, problem, fix) is gone)
    import ast
    from pathlib import Path

    package = Path(ldncalc.__file__).parent
    legacy = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            if name not in _ERRORS:
                continue
            keywords = {keyword.arg for keyword in node.keywords}
            if len(node.args) > 2 or "code" not in keywords or keywords & {"problem", "fix"}:
                legacy.append(f"{path.relative_to(package)}:{node.lineno}")
    assert legacy == []


def test_the_english_only_form_is_refused() -> None:
    with pytest.raises(TypeError):
        InputError("target", "4,5mg", "uses a decimal comma", "write 4.5mg")  # type: ignore[misc]
    with pytest.raises(TypeError):
        InputError("target", "4,5mg")  # type: ignore[call-arg]


# --- converted refusals: CLI English, library naming, French -----------------------------------


def _log_verify(**kwargs: object) -> None:
    from ldncalc.log.lots import verify

    verify(None, "20261206-0930-7F3A", **kwargs)  # type: ignore[arg-type]  # refused first


def _prescription(**kwargs: object) -> None:
    from ldncalc.prescriptions import prescription

    prescription(**kwargs)  # type: ignore[arg-type]


def _locate() -> None:
    from ldncalc.log import locate

    locate("ftp://example.org/log")


def _destination(tmp: str) -> None:
    from ldncalc.labels.files import check_destination

    check_destination(tmp, option="--label")


@pytest.mark.parametrize(
    ("call", "code", "cli", "library", "french"),
    [
        (
            lambda: _prescription(lang="de"),
            "lang-unknown",
            '--lang: "de" is not a label language; write en or fr',
            'lang="de": is not a label language; write en or fr',
            "--lang: \"de\" n'est pas une langue d'étiquette; écrivez en ou fr",
        ),
        (
            lambda: _prescription(expiry=["=2027-05-31"]),
            "expiry-unnamed",
            '--expiry: "=2027-05-31" does not name an ingredient; write INGREDIENT=YYYY-MM-DD, '
            "e.g. --expiry naltrexone=2027-05-31",
            'expiry="=2027-05-31": does not name an ingredient; write INGREDIENT=YYYY-MM-DD, '
            'e.g. expiry="naltrexone=2027-05-31"',
            '--expiry: "=2027-05-31" ne nomme aucun ingrédient; écrivez INGRÉDIENT=AAAA-MM-JJ, '
            "par exemple --expiry naltrexone=2027-05-31",
        ),
        (
            lambda: _prescription(lang=1),
            "value-not-text",
            '--lang: "1" is an int, not text; write en or fr',
            'lang="1": is an int, not text; write en or fr',
            '--lang: "1" est de type int, et non du texte; écrivez en ou fr',
        ),
        (
            lambda: _log_verify(pharmacist=" "),
            "pharmacist-required",
            "--pharmacist: is required; give --pharmacist NAME",
            'pharmacist=: is required; give pharmacist="NAME"',
            "--pharmacist: est obligatoire; donnez --pharmacist NOM",
        ),
        (
            lambda: _log_verify(pharmacist="A. Martin", reject=" "),
            "reject-empty",
            '--reject: " " is empty; give the reason: --reject "REASON"',
            'reject=" ": is empty; give the reason: reject="REASON"',
            '--reject: " " est vide; donnez le motif : --reject "MOTIF"',
        ),
        (
            _locate,
            "log-location-scheme",
            '--log: "ftp://example.org/log" is a "ftp:" URL, not a log ldncalc can keep; give a '
            "file path or postgresql://USER@HOST/DATABASE",
            'log="ftp://example.org/log": is a "ftp:" URL, not a log ldncalc can keep; give a '
            "file path or postgresql://USER@HOST/DATABASE",
            '--log: "ftp://example.org/log" est une URL « ftp: », pas un registre qu\'ldncalc '
            "peut tenir; donnez un chemin de fichier ou postgresql://UTILISATEUR@HÔTE/BASE",
        ),
    ],
    ids=["lang", "expiry", "not-text", "pharmacist", "reject", "log-url"],
)
def test_a_converted_refusal_reads_the_same_on_the_cli_and_in_french(
    call: Callable[[], object], code: str, cli: str, library: str, french: str
) -> None:
    error = _refusal(call)
    assert error.code == code
    assert error.render(surface="cli") == cli  # the English the CLI printed before codes
    assert str(error) == library  # the library names its keyword
    assert error.render("fr", "cli") == french
    assert pickle.loads(pickle.dumps(error)).render("fr", "cli") == french


_ENGLISH = (" the ", " and ", " of ", " is ", " with ", " not ", " give ", " write ")


def test_a_file_refused_on_the_cli_names_the_option_and_reads_in_french(tmp_path: Path) -> None:
    target = tmp_path / "label.pdf"
    target.write_bytes(b"")
    error = _refusal(lambda: _destination(str(target)))
    assert error.code == "file-exists"
    assert error.render(surface="cli") == (
        f'--label: "{target}" already exists (labels, records and calendars are not replaced '
        "silently); give another file name, or add --force to replace it"
    )
    assert error.render("fr", "cli") == (
        f'--label: "{target}" existe déjà (étiquettes, fiches et calendriers ne sont pas '
        "remplacés sans le dire); donnez un autre nom de fichier, ou ajoutez --force pour le "
        "remplacer"
    )


def test_a_profile_file_is_refused_in_the_readers_language(tmp_path: Path) -> None:
    from ldncalc.profile import load_profile

    path = tmp_path / "pharmacy.toml"
    path.write_text('name = "Main Street"\naddress = ["12 Main Street"]\nlang = "de"\nfax = "1"\n')
    error = _refusal(lambda: load_profile(path))
    assert error.code == "profile-invalid"
    assert error.render(surface="cli") == (
        f'{path}: phone: Field required; add it · lang: "de" is not a label language; write en '
        "or fr · fax: Extra inputs are not permitted; remove it, or check its spelling; fix it, "
        "or run 'ldncalc config init'"
    )
    french = error.render("fr", "cli")
    assert french == (
        f'{path}: phone: champ obligatoire manquant; ajoutez-le · lang: "de" n\'est pas une '
        "langue d'étiquette; écrivez en ou fr · fax: champ inconnu; retirez-le, ou vérifiez "
        "son orthographe; corrigez-le, ou lancez 'ldncalc config init'"
    )
    again = pickle.loads(pickle.dumps(error))  # the problems inside pickle with it
    assert again.render("fr", "cli") == french
    assert again.render() == str(error)


def test_pydantics_own_messages_are_french_for_a_french_reader(tmp_path: Path) -> None:
    from ldncalc.formulations import read_formulation

    path = tmp_path / "mine.toml"
    path.write_text('id = "mine"\nversion = "two"\n')
    error = _refusal(lambda: read_formulation(path))
    english = error.render(surface="cli")
    french = error.render("fr", "cli")
    assert english == f"{path}: name: Field required (and 9 more)"  # pydantic's words
    assert french == f"{path}: name: champ obligatoire manquant (et 9 autres)"
    problems = {problem.parameter: problem for problem in error.params["problems"]}
    assert str(problems["version"]).startswith("version: Input should be a valid integer")
    assert problems["version"].render("fr") == "version: doit être un nombre entier"
    assert not [word for word in _ENGLISH if word in f" {french} "]


def test_the_frenchs_of_the_sample_hold_no_english_words() -> None:
    sample = [
        InputError("pharmacist", None, code="pharmacist-required"),
        InputError("lot", "x", code="log-lot-exists"),
        InputError("label", "x.pdf", code="file-read-only"),
        InputError(
            "directions",
            "Take 4.5 mL qd",
            code="directions-abbreviation",
            abbreviation="qd",
            written="once a day",
        ),
        InputError("formulation", "x", code="formulation-unknown", known="a, b"),
        InputError("label_size", "9x9in", code="label-size-unknown"),
    ]
    for error in sample:
        french = f" {error.render('fr', 'cli')} "
        assert not [word for word in _ENGLISH if word in french], french


def test_a_records_own_check_is_french_for_a_french_reader(tmp_path: Path) -> None:
    from ldncalc.formulations import builtin_folder, read_formulation

    text = (builtin_folder() / "ldn-liquid-water.toml").read_text(encoding="utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(
        text.replace('category = "aqueous-nonpreserved"', 'category = "nonaqueous-solid"')
    )
    error = _refusal(lambda: read_formulation(path))
    assert error.render(surface="cli") == (
        f'{path}: (record): bud.category "nonaqueous-solid" does not fit a liquid: use '
        '"aqueous-nonpreserved" or "aqueous-preserved", or "nonaqueous-liquid" with the '
        "measured bud.water_activity below 0.6 (USP <795>)"
    )
    assert error.render("fr", "cli") == (
        f"{path}: (record): bud.category « nonaqueous-solid » ne convient pas à un liquide : "
        'utilisez "aqueous-nonpreserved" ou "aqueous-preserved", ou "nonaqueous-liquid" avec '
        "la bud.water_activity mesurée sous 0,6 (USP <795>)"
    )


def test_a_quantity_written_wrong_in_a_record_is_refused_in_french(tmp_path: Path) -> None:
    from ldncalc.formulations import builtin_folder, read_formulation

    text = (builtin_folder() / "ldn-liquid-water.toml").read_text(encoding="utf-8")
    path = tmp_path / "mine.toml"
    path.write_text(text.replace('default = "1mg/mL"', 'default = "1,5mg/mL"'))
    error = _refusal(lambda: read_formulation(path))
    where = f'{path}: concentration.default: "1,5mg/mL"'
    assert error.render(surface="cli") == f"{where} uses a decimal comma; write 1.5mg/mL"
    assert error.render("fr", "cli") == f"{where} utilise une virgule décimale; écrivez 1.5mg/mL"
