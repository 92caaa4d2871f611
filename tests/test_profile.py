"""The pharmacy profile: `ldncalc config init` / `config show`, loading, validation, errors."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ldncalc.cli import main
from ldncalc.errors import InputError
from ldncalc.profile import (
    Length,
    Profile,
    config_dir,
    default_path,
    load_profile,
    make_profile,
    profile_toml,
    read_label_size,
)

INIT = [
    "config", "init",
    "--name", "Pharmacie du Quartier",
    "--address", "12, rue Principale",
    "--address", "Québec (Québec) G1A 1A1",
    "--phone", "418 555-0100",
    "--pharmacist", "Hélène Côté, pharm.",
    "--lang", "fr",
    "--paper", "a4",
    "--label-size", "102x51mm",
    "--balance", "Balance de classe A",
    "--sensitivity", "6mg",
]  # fmt: skip


MINIMAL: dict[str, Any] = {
    "name": "Pharmacie Côté",
    "address": ["1 rue de l'Église"],
    "phone": "418 555-0100",
}


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("LDNCALC_CONFIG_DIR", str(folder))
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_config_init_writes_a_profile_that_loads_back(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *INIT)
    assert (code, err) == (0, "")
    path = config / "pharmacy.toml"
    # said in the profile's language (INIT writes a French profile)
    assert out == f"profil de pharmacie écrit : {path}\n"
    profile = load_profile()
    assert profile.name == "Pharmacie du Quartier"
    assert profile.address == ("12, rue Principale", "Québec (Québec) G1A 1A1")
    assert (profile.lang, profile.paper) == ("fr", "a4")
    assert profile.label.width == Length(Decimal(102), "mm")
    assert str(profile.label) == "102 × 51 mm"
    assert profile.balance is not None
    assert profile.balance.name == "Balance de classe A"
    assert tomllib.loads(path.read_text(encoding="utf-8"))["label"] == {
        "width": "102mm",
        "height": "51mm",
    }
    code, out, _ = run(capsys, "config", "show")
    assert code == 0
    assert out.startswith(f"# {path}\n# ldncalc pharmacy profile")
    assert 'sensitivity = "6 mg"' in out


def test_config_init_does_not_replace_a_profile_without_force(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *INIT)[0] == 0
    code, out, err = run(capsys, *INIT)
    path = config / "pharmacy.toml"
    assert (code, out) == (2, "")
    assert err == (
        f'ldncalc: --pharmacy: "{path}" already exists; add --force to replace it, or edit it\n'
    )
    code, _, err = run(capsys, *INIT[:3], "Other", *INIT[4:], "--force")
    assert code == 0, err
    assert load_profile().name == "Other"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ["--name", ""],
            'ldncalc: --name: is required; write e.g. "Main Street Pharmacy"\n',
        ),
        (
            ["--label-size", "4 by 2"],
            'ldncalc: --label-size: "4 by 2" is not a label size; write WIDTHxHEIGHT, e.g. 4x2in\n',
        ),
        (
            ["--label-size", "12x2in"],
            'ldncalc: --label-size: "12x2in" width: 12 in is outside 1 to 8 in; give a size '
            "from 1x0.75in to 8x8in\n",
        ),
        (
            ["--lang", "es"],
            'ldncalc: --lang: "es" is not a label language; write en or fr\n',
        ),
        (
            ["--paper", "legal"],
            'ldncalc: --paper: "legal" is not a record paper size; write letter or a4\n',
        ),
        (
            ["--sensitivity", "6"],
            'ldncalc: --sensitivity: "6" has no unit; write 6mg (units: mg, mcg or g)\n',
        ),
        (
            ["--sensitivity", "500mg"],
            "ldncalc: --sensitivity: 500 mg is outside 0.001 mg to 100 mg, the range of a "
            "balance's sensitivity; give it in mg, e.g. 6mg\n",
        ),
        (
            ["--phone", "613\n555"],
            'ldncalc: --phone: "613\\n555" must be one line of printable text\n',
        ),
        (
            # review: accepted here, then refused by every label
            ["--name", "王"],
            'ldncalc: --name: "王" has characters the label font cannot print (王); write it in '
            "Latin, Greek or Cyrillic letters\n",
        ),
        (
            ["--address", "12 Main St ☎"],
            'ldncalc: --address: "12 Main St ☎" has characters the label font cannot print (☎); '
            "write it in Latin, Greek or Cyrillic letters\n",
        ),
        (
            ["--pharmacist", "王秀英"],
            'ldncalc: --pharmacist: "王秀英" has characters the label font cannot print '
            "(王 秀 英); write it in Latin, Greek or Cyrillic letters\n",
        ),
        (
            ["--balance", "天平"],
            'ldncalc: --balance: "天平" has characters the label font cannot print (天 平); '
            "write it in Latin, Greek or Cyrillic letters\n",
        ),
    ],
)
def test_config_init_errors_name_the_option(
    change: list[str], expected: str, config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = list(INIT)
    index = argv.index(change[0])
    argv[index + 1] = change[1]
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (2, "", expected)
    assert not (config / "pharmacy.toml").exists()


def test_config_init_with_too_many_address_lines_says_how_many_are_accepted(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [f"Line {n}" for n in range(1, 7)]
    argv = [*INIT, *(part for line in lines for part in ("--address", line))]
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    # review: "Tuple should have at most 4 items after validation, not 6"
    assert err == (
        'ldncalc: --address: "12, rue Principale; Québec (Québec) G1A 1A1; Line 1; Line 2; '
        'Line 3; Line 4; Line 5; Line 6" has 8 lines; give 1 to 4 lines\n'
    )
    assert not (config / "pharmacy.toml").exists()


def test_config_init_quotes_a_choice_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    argv = list(INIT)
    argv[argv.index("--lang") + 1] = "DE"
    assert run(capsys, *argv)[2] == (
        'ldncalc: --lang: "DE" is not a label language; write en or fr\n'
    )
    argv[argv.index("--lang") + 1] = " FR "  # the one check, in the model, forgives case
    assert run(capsys, *argv)[0] == 0
    assert load_profile().lang == "fr"


def test_every_problem_of_a_profile_file_is_said_in_ldncalc_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pharmacy.toml"
    path.write_text(
        'name = "Pharmacie"\naddress = ["1", "2", "3", "4", "5", "6"]\nphone = 613\n'
        'lang = "de"\npaper = "B5"\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "config", "show", "--pharmacy", str(path))
    assert (code, out) == (2, "")
    # review: "lang: Input should be 'en' or 'fr' (and 2 more)" hid the others
    assert err == (
        f'ldncalc: {path}: address: "1; 2; 3; 4; 5; 6" has 6 lines; give 1 to 4 lines · '
        'phone: is not text; write it in quotes: "…" · lang: "de" is not a label language; '
        'write en or fr · paper: "B5" is not a record paper size; write letter or a4; fix it, '
        "or run 'ldncalc config init'\n"
    )


def test_a_given_profile_path_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load_profile(tmp_path)
    assert str(error.value) == (
        f'pharmacy="{tmp_path}": is a folder; give the path of a profile written by '
        "'ldncalc config init'"
    )


def test_a_profile_file_with_what_labels_cannot_print_is_refused_by_config_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the same check as the label's (one validator): show says what --label would say
    path = tmp_path / "pharmacy.toml"
    path.write_text(
        profile_toml(make_profile(**MINIMAL)).replace("Pharmacie Côté", "王"), encoding="utf-8"
    )
    code, out, err = run(capsys, "config", "show", "--pharmacy", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(
        f'ldncalc: {path}: name: "王" has characters the label font cannot print (王); '
    )
    label = tmp_path / "label.pdf"
    code, _, again = run(
        capsys, "liquid", "--target", "4.5mg", "--label", str(label), "--patient", "J",
        "--prescriber", "P", "--rx", "1", "--pharmacy", str(path),
    )  # fmt: skip
    assert (code, again) == (2, err)
    assert not label.exists()


def test_config_show_without_a_profile_says_how_to_make_one(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "config", "show")
    assert (code, out) == (2, "")
    assert err == (
        f'ldncalc: --pharmacy: "{config / "pharmacy.toml"}" does not exist: labels and records '
        "need a pharmacy profile; create one with 'ldncalc config init --name NAME "
        "--address LINE --phone PHONE'\n"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('name = "A"\nphone = "1"\n', "address: Field required"),
        ('name = "A"\naddress = []\nphone = "1"\n', "address: Tuple should have at least 1 item"),
        ('name = "A"\naddress = "x"\nphone = "1"\ncolour = "red"\n', "colour: Extra inputs"),
        (
            'name = "A"\naddress = "x"\nphone = "1"\n[label]\nwidth = "4cm"\n',
            'label.width: "4cm" has unit "cm", which ldncalc does not accept; write 4 with in '
            "or mm",
        ),
        (
            'name = "A"\naddress = "x"\nphone = "1"\n[label]\nheight = "0.5in"\n',
            "label.height: 0.5 in is outside 0.75 to 8 in",
        ),
        ('name = "A\n', "is not valid TOML"),
    ],
)
def test_an_invalid_profile_file_names_the_field(text: str, problem: str, tmp_path: Path) -> None:
    path = tmp_path / "pharmacy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_profile(path)
    assert str(error.value).startswith(f"{path}: ")
    assert problem in str(error.value)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\xff\xfe", "it looks like UTF-16"),  # review: Windows "Unicode", an empty one
        ('name = "Pharmacie"\naddress = ["a"]\n'.encode("utf-16"), "it looks like UTF-16"),
        ('name = "A"\naddress = ["Québec"]\n'.encode("latin-1"), "byte 0xE9 on line 2"),
    ],
    ids=["utf-16-empty", "utf-16", "latin-1"],
)
def test_a_profile_that_is_not_utf8_is_one_line_naming_the_file(
    data: bytes, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p5.toml"
    path.write_bytes(data)
    problem = f"is not UTF-8 text ({why}); save it as UTF-8"
    with pytest.raises(InputError) as error:
        load_profile(path)
    assert str(error.value) == f'pharmacy="{path}": {problem}'  # the library's words
    expected = f'--pharmacy: "{path}" {problem}'  # the command line's
    code, out, err = run(
        capsys, "liquid", "--target", "4.5mg", "--label", str(tmp_path / "out.pdf"),
        "--pharmacy", str(path),
    )  # fmt: skip
    assert (code, out, err) == (2, "", f"ldncalc: {expected}\n")
    assert run(capsys, "config", "show", "--pharmacy", str(path))[2] == f"ldncalc: {expected}\n"


def test_a_utf8_profile_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "pharmacy.toml"  # as Windows Notepad may save it
    path.write_bytes(b"\xef\xbb\xbf" + profile_toml(make_profile(**MINIMAL)).encode("utf-8"))
    assert load_profile(path).name == "Pharmacie Côté"


def test_a_given_profile_file_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        load_profile(tmp_path / "nope.toml")
    assert str(error.value) == (
        # review: it said "is not a pharmacy profile file" of a file that does not exist
        f'pharmacy="{tmp_path / "nope.toml"}": does not exist; give the path '
        "of a profile written by 'ldncalc config init'"
    )


def test_the_written_toml_survives_quotes_and_accents() -> None:
    profile = make_profile(
        name='Pharmacie "Le Mortier" \\ Côté',
        address=["1 rue de l'Église"],
        phone="418 555-0100",
    )
    again = Profile.model_validate(tomllib.loads(profile_toml(profile)))
    assert again == profile
    assert again.label.width == Length(Decimal(4), "in")  # 4 × 2 in stock by default


def test_label_sizes() -> None:
    assert read_label_size("4x2in") == (Length(Decimal(4), "in"), Length(Decimal(2), "in"))
    assert read_label_size("4 in × 2.5 in")[1] == Length(Decimal("2.5"), "in")
    assert read_label_size("102X51MM")[0].points == pytest.approx(289.13, abs=0.01)
    assert read_label_size("4inx51mm") == (Length(Decimal(4), "in"), Length(Decimal(51), "mm"))
    assert read_label_size("101.6x50.8mm")[0].points == pytest.approx(288, abs=1e-9)


@pytest.mark.parametrize(
    ("size", "message"),
    [
        # read by ldncalc.units.parse_quantity, like every amount: the same refusals
        ("4,5x2in", 'label_size="4,5x2in": uses a decimal comma; write 4.5in'),
        ("4x.5in", 'label_size="4x.5in": has no leading zero (ISMP); write 0.5in'),
        ("\uff14x2in", 'label_size="\uff14x2in": has digits other than 0-9; write 4in'),
        (
            "4x2cm",
            'label_size="4x2cm": has unit "cm", which ldncalc does not accept; write 2 with '
            "in or mm",
        ),
        ("4x2", 'label_size="4x2": has no unit; write 2in (units: in or mm)'),
        ("4x2x1in", 'label_size="4x2x1in": is not a label size; write WIDTHxHEIGHT, e.g. 4x2in'),
        ("x2in", 'label_size="x2in": is not a label size; write WIDTHxHEIGHT, e.g. 4x2in'),
    ],
)
def test_label_sizes_are_read_by_the_one_quantity_parser(size: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        read_label_size(size)
    assert str(error.value) == message


def test_the_config_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LDNCALC_CONFIG_DIR", str(tmp_path / "mine"))
    assert default_path() == tmp_path / "mine" / "pharmacy.toml"
    monkeypatch.delenv("LDNCALC_CONFIG_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("sys.platform", "linux")
    assert config_dir() == tmp_path / "xdg" / "ldncalc"


def test_the_platform_config_folder_is_asked_of_platformdirs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Where each system keeps a user's settings is platformdirs' knowledge, not ldncalc's."""
    import platformdirs

    monkeypatch.delenv("LDNCALC_CONFIG_DIR")
    asked: list[tuple[object, ...]] = []

    def user_config_path(appname: str, appauthor: object, roaming: bool) -> Path:
        asked.append((appname, appauthor, roaming))
        return tmp_path / "theirs"

    monkeypatch.setattr(platformdirs, "user_config_path", user_config_path)
    assert config_dir() == tmp_path / "theirs"
    assert asked == [("ldncalc", False, True)]


def test_platformdirs_puts_the_macos_folder_where_the_readme_says() -> None:
    """pyproject's floor, platformdirs 3.0, is the first to use Application Support on macOS
    (Preferences before)."""
    from platformdirs.macos import MacOS

    mac = MacOS("ldncalc", appauthor=False, roaming=True).user_config_path
    assert mac == Path.home() / "Library" / "Application Support" / "ldncalc"


def test_a_path_that_cannot_be_looked_at_is_refused_with_a_code(tmp_path: Path) -> None:
    from test_units import assert_french

    from ldncalc.config_paths import path_kind

    with pytest.raises(InputError) as caught:
        path_kind(tmp_path / ("x" * 300), "--profile")
    error = caught.value
    assert error.code == "path-unreadable"
    assert error.params == {"reason": "File name too long"}
    assert error.render("en", "cli").endswith(
        '" cannot be read (File name too long); give a path that exists and that you can read'
    )
    assert error.render("fr", "cli").endswith(
        '" ne peut pas être lu (File name too long); indiquez un chemin qui existe et que vous '
        "pouvez lire"
    )
    with pytest.raises(InputError) as caught:
        path_kind(Path("a\0b"), "profile")
    assert str(caught.value) == 'profile="a\\x00b": is not a path; give the path of a file'
    assert caught.value.code == "not-a-path"
    assert_french(caught.value)


def test_config_show_never_prints_the_log_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a PostgreSQL URL's password is a secret: the screen shows ***, the file keeps it
    path = tmp_path / "pharmacy.toml"
    url = "postgresql://ldncalc:s3cret@db.example/ldn"
    text = profile_toml(make_profile(**MINIMAL)) + f'\n[log]\nurl = "{url}"\n'
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "config", "show", "--pharmacy", str(path))
    assert code == 0
    assert "s3cret" not in out
    assert 'url = "postgresql://ldncalc:***@db.example/ldn"' in out
    assert url in path.read_text(encoding="utf-8")
