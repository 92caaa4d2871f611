"""Shared fixtures: every test sees only the built-in formulations, and an empty configuration
folder (no pharmacy profile), unless it asks otherwise: what is on the machine running the
tests never changes their outcome."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _no_pharmacy_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LDNCALC_FORMULATIONS", raising=False)


@pytest.fixture(autouse=True)
def _empty_config_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    config: Path = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("LDNCALC_CONFIG_DIR", str(config))
    monkeypatch.delenv("LDNCALC_DEBUG", raising=False)


PRINTED = datetime.datetime(2026, 11, 22, 9, 30)  # the compounding date the label tests give


@pytest.fixture
def printed_on_22_nov_2026(monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    """Labels and records printed on 22 Nov 2026 (``ldncalc.prescriptions.clock``): a lot
    whose BUD has passed is refused (issue 9), so tests that compound on a fixed date print on
    it, whatever day they run."""
    monkeypatch.setattr("ldncalc.prescriptions.clock", lambda: PRINTED)
    return PRINTED
