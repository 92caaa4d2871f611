"""``ldncalc log …`` and ``ldncalc config …`` in French (``--lang fr``, or the profile's
``lang = "fr"``): every screen in French words with French figures, every refusal in French,
no English word left, and ``--json`` the same data whatever the language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_log_cli import PHARMACY, _capsule_lot, _issue, _run

pytestmark = pytest.mark.usefixtures("printed_on_22_nov_2026")  # labels print on 22 Nov 2026

NBSP = "\xa0"  # French thousands: 4 588 mg
# English words that are not French words too ("lot", "patient", "capsules", "audit" are)
ENGLISH = (
    "the", "by", "of", "for", "to", "at", "and", "is", "read", "made", "entry", "entries",
    "awaiting", "completion", "completed", "released", "rejected", "quarantined", "registered",
    "reason", "ingredient", "expires", "strength", "passed", "failed", "weighed", "shell",
    "outside", "tolerance", "count", "instead", "prescriber", "compounded",
    "prepared", "verified", "recorded", "matches", "hash", "chain", "reprinted",
    "label", "record", "written", "profile", "pharmacy", "tablets", "water", "purified",
    "cellulose microcrystalline", "hydrochloride", "ok", "out", "preparation", "status", "rx",
)  # fmt: skip


def _no_english(text: str, *typed: str) -> None:
    """``text`` holds no English word, once what was typed or stored as is (names, lots,
    formulation ids, paths, timestamps) is taken out."""
    for value in typed:
        text = text.replace(value, " ")
    found = [word for word in ENGLISH if re.search(rf"\b{word}\b", text, re.IGNORECASE)]
    assert not found, (found, text)


def _timeless(text: str) -> str:
    """``text`` with each entry's time (``le 06 déc. 2026 à 16 h 33 min 17 s UTC``) as TIME."""
    iso = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
    french = r"le \d\d \S+ \d{4} à \d\d h \d\d min \d\d s UTC"
    return re.sub(f"{iso}|{french}", "TIME", text)


def test_a_lot_in_french_from_list_to_audit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = str(tmp_path / "log.sqlite3")
    assert _issue(capsys, tmp_path, url, "LDN-0001", "--ingredient-lot", "water=PW-0412")[0] == 0
    log = ["--log", url, "--lang", "fr"]
    said = []  # every French screen, for the English words
    code, out, _ = _run(capsys, "log", "list", *log)
    assert (code, out.splitlines()) == (
        0,
        [
            "LOT       PRÉPARÉ LE  PATIENT   ORDONNANCE  PRÉPARATION       STATUT",
            "LDN-0001  2026-11-22  Jane Doe  1234567     100 mL à 1 mg/mL  en attente des "
            "quantités pesées",
        ],
    )
    said.append(out)
    # 2 × 50 mg in 120 mL = 0.833 mg/mL: 83.3 % of 1 mg/mL, below 90 %; water +20 %, over 5 %
    code, out, _ = _run(
        capsys, "log", "complete", "LDN-0001", "--actual", "naltrexone=2",
        "--actual", "water=120mL", *log,
    )  # fmt: skip
    assert (code, out.splitlines()) == (
        0,
        [
            "Lot LDN-0001 complété (entrée no 2)",
            "  Comprimés de naltrexone HCl 50 mg : 2 pour 2 (0 %, tolérance nulle, compte exact) "
            "conforme",
            "  Eau purifiée : 120 mL pour 100 mL (+20 %, tolérance ±5 %) HORS TOLÉRANCE",
            "  Teneur obtenue : 0,833 mg/mL (83,3 % de la teneur étiquetée)",
            "NON CONFORME : Eau purifiée : 120 mL au lieu de 100 mL (+20 %, tolérance ±5 %); la "
            "teneur obtenue, 0,833 mg/mL, est de 83,3 % de la teneur étiquetée, hors de "
            "l'intervalle de 90 à 110 %",
        ],
    )
    said.append(out)
    code, out, _ = _run(
        capsys, "log", "complete", "LDN-0001", "--actual", "naltrexone=2",
        "--actual", "water=101mL", "--correction", "eau repesée", *log,
    )  # fmt: skip
    assert code == 0
    assert out.splitlines()[-2:] == [
        "  Teneur obtenue : 0,99 mg/mL (99 % de la teneur étiquetée)",
        "CONFORME : prêt pour la vérification par un pharmacien",
    ]
    said.append(out)
    code, _, err = _run(capsys, "log", "verify", "LDN-0001", "--pharmacist", "A. Martin", *log)
    assert (code, err) == (
        2,
        'ldncalc: --pharmacist: "A. Martin" a préparé ce lot et ne peut pas le vérifier; '
        "faites-le vérifier par un autre pharmacien (une pharmacie où un seul pharmacien "
        "travaille inscrit single_pharmacist = true sous [log] dans son profil)\n",
    )
    code, out, _ = _run(capsys, "log", "verify", "LDN-0001", "--pharmacist", "B. Chen", *log)
    assert (code, _timeless(out).splitlines()) == (
        0,
        ["Lot LDN-0001 libéré par B. Chen (entrée no 4)", "  Inscrit TIME"],
    )
    said.append(out)
    code, out, _ = _run(capsys, "log", "show", "LDN-0001", *log)
    assert (code, _timeless(out).splitlines()) == (
        0,
        [
            "Lot LDN-0001 : libéré",
            "  Préparation : 100 mL à 1 mg/mL (ldn-liquid-water v1)",
            "  Patient :     Jane Doe   Ordonnance 1234567   Prescripteur Dr. Ann Smith",
            "  Préparé le :  2026-11-22, par A. Martin",
            "  Ingrédient :  Comprimés de naltrexone HCl 50 mg : lot NX2291, date de péremption "
            "2027-05-31",
            "  Ingrédient :  Eau purifiée : lot PW-0412",
            "  Vérifié par : B. Chen",
            "Entrées :",
            "  no 1 TIME, inscrit par A. Martin",
            "  no 2 TIME, complété par A. Martin : NON CONFORME : Eau purifiée : 120 mL au lieu de "
            "100 mL (+20 %, tolérance ±5 %); la teneur obtenue, 0,833 mg/mL, est de 83,3 % de "
            "la teneur étiquetée, hors de l'intervalle de 90 à 110 %, teneur obtenue 0,833 mg/mL",
            "  no 3 TIME, complété par A. Martin (corrige l'entrée no 2) : conforme, teneur "
            "obtenue 0,99 mg/mL",
            "  no 4 TIME, libéré par B. Chen",
        ],
    )
    said.append(out)
    code, out, _ = _run(capsys, "log", "recall", "--ingredient-lot", "NX2291", *log)
    assert out.splitlines()[1].endswith("  100 mL à 1 mg/mL  libéré")
    said.append(out)
    code, out, _ = _run(capsys, "log", "audit", *log)
    assert (code, out) == (
        0,
        f"Audit de {url} : 4 entrées, la chaîne de hachage est intacte.\n",
    )
    said.append(out)
    reprinted = str(tmp_path / "reprint.txt")
    code, out, _ = _run(capsys, "log", "reprint", "LDN-0001", "--label", reprinted, *log)
    assert (code, out) == (0, f"étiquette réimprimée : {reprinted} (lot LDN-0001)\n")
    said.append(out)
    code, out, _ = _run(capsys, "log", "list", "--patient", "Nobody", *log)
    assert out == "Aucun lot ne correspond.\n"
    said.append(out)
    typed = (url, reprinted, "ldn-liquid-water", "Jane Doe", "Dr. Ann Smith", "B. Chen")
    _no_english("\n".join(said), *typed)


def test_a_failed_capsule_lot_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = str(tmp_path / "log.sqlite3")
    result = _capsule_lot(capsys, tmp_path, url, "C1")
    args = ["log", "complete", "C1", "--log", url, "--shell-weight", "48mg", "--lang", "fr"]
    for item in result["ingredients"]:
        amount = item["powder"] or item["mass"]
        args += ["--actual", f"{item['name']}={amount['value']}{amount['unit']}"]
    # ldn-capsule-api-mcc: 139.5 mg of the API and 4,588 mg of cellulose; a 152.5 mg fill
    # (137.3 to 167.7 mg, 90–110 %): 152.5 + 48 = 200.5 mg, the third 1.2 × 152.5 + 48 = 231 mg
    assert result["fill_weight"] == {"value": 152.5, "unit": "mg"}
    for gross in ("200.5mg", "200.5mg", "231mg"):
        args += ["--capsule-weight", gross]
    code, out, err = _run(capsys, *args)
    assert (code, out.splitlines()) == (
        0,
        [
            "Lot C1 complété (entrée no 2)",
            "  Chlorhydrate de naltrexone (anhydre) : 139,5 mg pour 139,5 mg (0 %, tolérance "
            "±5 %) conforme",
            f"  Cellulose microcristalline (Avicel PH-102) : 4{NBSP}588 mg pour 4{NBSP}588 mg "
            "(0 %, tolérance ±5 %) conforme",
            "  Capsules : échantillon de 3, capsule vide 48 mg, 1 hors de l'intervalle de 137,3 mg "
            "à 167,7 mg",
            # the mean net fill (152.5 + 152.5 + 183) / 3 = 162.67 mg is 106.7 % of 152.5 mg
            "  Teneur obtenue : 4,8 mg (106,7 % de la teneur étiquetée)",
            "NON CONFORME : 1 capsule sur 3 hors de l'intervalle de poids net de remplissage de "
            "137,3 mg à 167,7 mg (90–110 %)",
        ],
    ), err
    code, show, _ = _run(capsys, "log", "show", "C1", "--log", url, "--lang", "fr")
    assert show.splitlines()[:5] == [
        "Lot C1 : non conforme",
        "  Préparation : 30 capsules de 4,5 mg (ldn-capsule-api-mcc v2)",
        "  Patient :     -   Ordonnance -   Prescripteur -",
        "  Préparé le :  2026-11-22, par A. Martin, RPh",
        "  Motif :       1 capsule sur 3 hors de l'intervalle de poids net de remplissage de "
        "137,3 mg à 167,7 mg (90–110 %)",
    ]
    _no_english(out + show, "ldn-capsule-api-mcc", "Avicel PH-102")
    # the same completion in English, as stored
    code, out, _ = _run(capsys, "log", "show", "C1", "--log", url)
    assert out.splitlines()[4] == (
        "  Reason:       1 of 3 capsules outside the net fill range 137.3 mg to 167.7 mg (90–110 %)"
    )


def test_the_chain_problems_in_french() -> None:
    from ldncalc.locale import Voice
    from ldncalc.locale.log_screen import chain_problem

    french = Voice("fr", "cli")
    assert chain_problem(french, "follows entry 41: an entry is missing") == (
        "suit l'entrée no 41 : une entrée manque"
    )
    assert chain_problem(french, "does not follow the previous entry's hash") == (
        "ne suit pas le hachage de l'entrée précédente"
    )
    assert chain_problem(Voice("en", "cli"), "does not follow the previous entry's hash") == (
        "does not follow the previous entry's hash"
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["log", "show", "NOPE"],
            'LOT: "NOPE" ne figure pas dans le registre des préparations; voyez '
            "'ldncalc log list'",
        ),
        (
            ["log", "list", "--since", "2026-13-01"],
            '--since: "2026-13-01" n\'est pas une date réelle; écrivez AAAA-MM-JJ, par exemple '
            "2026-11-22",
        ),
        (
            ["log", "recall", "--lot", "A", "--formulation", "x"],
            "--lot: ne peut être donnée avec --formulation; rappelez selon un seul critère",
        ),
        (
            ["log", "reprint", "X"],  # a leaflet can be reprinted too
            "--label: ou --record ou --leaflet est obligatoire; donnez --label FILE, --record "
            "FILE ou --leaflet FILE",
        ),
        (  # refused before the command reads its options
            ["log", "show", "X", "--log", "a.sqlite3", "--log", "b.sqlite3"],
            '--log: est donnée 2 fois ("a.sqlite3" et "b.sqlite3"); donnez-la une seule fois',
        ),
        (
            ["log", "export", "--format", "xml"],
            "--format: \"xml\" n'est pas un format d'exportation; utilisez csv ou jsonl",
        ),
    ],
)
def test_log_refusals_in_french(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    from ldncalc.log import open_log

    open_log().close()  # an empty log at $LDNCALC_LOG
    code, _, err = _run(capsys, *argv, "--lang", "fr")
    assert (code, err) == (2, f"ldncalc: {expected}\n")


def test_the_profile_speaks_its_language_unless_lang_says_otherwise(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = str(tmp_path / "log.sqlite3")
    assert _issue(capsys, tmp_path, url, "P1")[0] == 0
    profile = tmp_path / "pharmacy.toml"
    profile.write_text(Path(PHARMACY).read_text().replace('lang = "en"', 'lang = "fr"'))
    log = ["--log", url, "--pharmacy", str(profile)]
    assert _run(capsys, "log", "list", *log)[1].startswith("LOT  PRÉPARÉ LE  PATIENT")
    assert _run(capsys, "log", "list", *log, "--lang", "en")[1].startswith(
        "LOT  COMPOUNDED  PATIENT"
    )
    code, _, err = _run(capsys, "log", "show", "NOPE", *log)
    assert (code, err) == (
        2,
        'ldncalc: LOT: "NOPE" ne figure pas dans le registre des préparations; voyez '
        "'ldncalc log list'\n",
    )


def test_json_is_the_same_data_in_either_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = str(tmp_path / "log.sqlite3")
    assert _issue(capsys, tmp_path, url, "J1")[0] == 0
    for command in (["list"], ["show", "J1"], ["audit"], ["recall", "--lot", "J1"]):
        english = _run(capsys, "log", *command, "--log", url, "--json")[1]
        french = _run(capsys, "log", *command, "--log", url, "--json", "--lang", "fr")[1]
        assert json.loads(english) == json.loads(french)


def test_config_show_refuses_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "none.toml")
    code, _, err = _run(capsys, "config", "show", "--pharmacy", missing, "--lang", "fr")
    assert (code, err) == (
        2,
        f"ldncalc: --pharmacy: \"{missing}\" n'existe pas; donnez le chemin d'un profil écrit "
        "par 'ldncalc config init'\n",
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(Path(PHARMACY).read_text().replace('paper = "letter"', 'paper = "legal"'))
    code, _, err = _run(capsys, "config", "show", "--pharmacy", str(bad), "--lang", "fr")
    assert code == 2
    _no_english(err.split(": ", 2)[2], str(bad), "paper", "legal", "letter", "a4")
