"""Shared fixtures: every test sees only the built-in formulations, and an empty configuration
folder (no pharmacy profile), unless it asks otherwise: what is on the machine running the
tests never changes their outcome."""

from __future__ import annotations

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


@pytest.fixture(autouse=True)
def _log_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every label or record a test issues registers in a log of its own, never the user's."""
    monkeypatch.setenv("LDNCALC_LOG", str(tmp_path_factory.mktemp("log") / "log.sqlite3"))
