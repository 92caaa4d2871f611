"""The checks every preparation shares (ldncalc/checks.py): their refusals and warnings are
coded records, in English as before and in French (issue 10)."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_units import assert_french

from ldncalc.checks import (
    control_characters,
    read_count,
    read_date,
    read_days,
    read_dose,
    read_tablet_strength,
)
from ldncalc.errors import LdnCalcError
from ldncalc.limits import Limits

LIMITS = Limits()


def _dose(value: str, per_day: int = 1) -> object:
    return read_dose(value, option="--target", limits=LIMITS, doses_per_day=per_day)


@pytest.mark.parametrize(
    ("call", "code", "english", "french"),
    [
        (
            lambda: _dose("0.0001mg"),
            "dose-below-minimum",
            '--target: "0.0001mg" is below 1 mcg; write a dose from 1 mcg to 10 mg',
            '--target: "0.0001mg" est inférieur à 1 mcg; écrivez une dose de 1 mcg à 10 mg',
        ),
        (
            lambda: _dose("3mg", per_day=4),
            "daily-dose-above-maximum",
            '--doses-per-day: "4" gives 12 mg a day with 3 mg a dose, above the 10 mg a day of '
            "low-dose naltrexone; lower the dose or the doses a day",
            '--doses-per-day: "4" donne 12 mg par jour à 3 mg par dose, au-delà des 10 mg par '
            "jour de la naltrexone à faible dose; réduisez la dose ou le nombre de doses par jour",
        ),
        (
            lambda: read_days("1.5d", LIMITS),
            "days-not-whole",
            '--days: "1.5d" is not a whole number of days; write 1d or 2d',
            '--days: "1.5d" n\'est pas un nombre entier de jours; écrivez 1d ou 2d',
        ),
        (
            lambda: read_date("11/12/2026", "--start-date"),
            "date-not-iso",
            '--start-date: "11/12/2026" is not an ISO 8601 date; write YYYY-MM-DD, e.g. '
            "2026-11-22 (11/12/2026 reads as two different days)",
            '--start-date: "11/12/2026" n\'est pas une date ISO 8601; écrivez AAAA-MM-JJ, par '
            "exemple 2026-11-22 (11/12/2026 se lit comme deux jours différents)",
        ),
        (
            lambda: read_date("1999-12-31", "--start-date"),
            "date-out-of-range",
            '--start-date: "1999-12-31" is not between 2000 and 2099; check the year; write '
            "YYYY-MM-DD",
            "--start-date: \"1999-12-31\" n'est pas entre 2000 et 2099; vérifiez l'année; "
            "écrivez AAAA-MM-JJ",
        ),
    ],
)
def test_a_check_refuses_with_a_code_in_english_and_french(
    call: Callable[[], object], code: str, english: str, french: str
) -> None:
    with pytest.raises(LdnCalcError) as caught:
        call()
    assert caught.value.code == code
    assert caught.value.render("en", "cli") == english
    assert caught.value.render("fr", "cli") == french


@pytest.mark.parametrize(
    "call",
    [
        lambda: _dose("0.0001mg"),
        lambda: _dose("60mg"),
        lambda: _dose("3mg", per_day=4),
        lambda: read_days("1.5", LIMITS),
        lambda: read_days("1.5d", LIMITS),
        lambda: read_days("2000d", LIMITS),
        lambda: read_days("99999.5", LIMITS),
        lambda: read_count(None, "--quantity", 1, 1000),
        lambda: read_count(30.0, "--quantity", 1, 1000),
        lambda: read_count([1], "--quantity", 1, 1000),
        lambda: read_tablet_strength("1mg", None, LIMITS),
        lambda: read_date("2026-02-30", "--start-date"),
        lambda: read_date(20261122, "--start-date"),
        lambda: read_date(datetime.date(2100, 1, 1), "--start-date"),
    ],
)
def test_every_refusal_of_a_check_is_coded_and_has_french_words(
    call: Callable[[], object],
) -> None:
    with pytest.raises(LdnCalcError) as caught:
        call()
    assert_french(caught.value)


@pytest.mark.parametrize(
    ("target", "code", "english", "french"),
    [
        (
            "0.4mg",
            "dose-below-usual-range",
            "0.4 mg is below the usual LDN range (0.5 mg–4.5 mg): check the prescription "
            "(very low dose?)",
            "0,4 mg est sous l'intervalle habituel de la naltrexone à faible dose "
            "(0,5 mg–4,5 mg) : vérifiez l'ordonnance (dose très faible?)",
        ),
        (
            "5mg",
            "dose-above-usual-range",
            "5 mg is above the usual LDN maximum of 4.5 mg: check the prescription",
            "5 mg dépasse le maximum habituel de la naltrexone à faible dose (4,5 mg) : "
            "vérifiez l'ordonnance",
        ),
    ],
)
def test_a_dose_outside_the_usual_range_warns_with_a_code(
    target: str, code: str, english: str, french: str
) -> None:
    _, warnings = read_dose(target, option="--target", limits=LIMITS, doses_per_day=1)
    (warning,) = warnings
    assert (warning.code, warning.concerns) == (code, "target")
    assert warning.text("en", "cli") == english
    assert warning.text("fr", "cli") == french


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@example("a\tb")  # a tab reads as a space
@example("4,5\u202fmg")  # French numbers: a narrow no-break space (not printable, not control)
@example("x\u202ey\u2028z\x1b[31m")  # a bidirectional override, a line separator, an escape
@settings(max_examples=500)
def test_control_characters_finds_exactly_the_unicode_categories(text: str) -> None:
    # the fast path (str.isprintable) finds what the full scan by category finds
    scan = "".join(
        c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c != "\t"
    )
    assert control_characters(text) == scan
