"""Shared fixtures: every test sees only the built-in formulations, and an empty configuration
folder (no pharmacy profile), unless it asks otherwise: what is on the machine running the
tests never changes their outcome."""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_cluster import ENVIRONMENT_VARIABLE, new_database, server_binaries, throwaway_cluster


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
def _cache_in_tmp(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The index of formulation files already checked is kept apart for each test."""
    monkeypatch.setenv("LDNCALC_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _log_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every label or record a test issues registers in a log of its own, never the user's."""
    monkeypatch.setenv("LDNCALC_LOG", str(tmp_path_factory.mktemp("log") / "log.sqlite3"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server: .ci/run's, else a throwaway cluster of this session's."""
    if os.environ.get(ENVIRONMENT_VARIABLE):
        yield os.environ[ENVIRONMENT_VARIABLE]
        return
    binaries = server_binaries()
    if binaries is None:
        pytest.skip(
            f"no PostgreSQL server binaries (/usr/lib/postgresql/*/bin) and no "
            f"{ENVIRONMENT_VARIABLE}: the PostgreSQL log tests need a server"
        )
    with throwaway_cluster(binaries) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def log_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty log on each engine."""
    if request.param == "sqlite":
        yield str(tmp_path / "log.sqlite3")
        return
    server = request.getfixturevalue("postgres_server")
    with new_database(server) as url:
        yield url


PRINTED = datetime.datetime(2026, 11, 22, 9, 30)  # the compounding date the label tests give


@pytest.fixture
def printed_on_22_nov_2026(monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    """Labels and records printed on 22 Nov 2026 (``ldncalc.prescriptions.clock``): a lot
    whose BUD has passed is refused (issue 9), so tests that compound on a fixed date print on
    it, whatever day they run."""
    monkeypatch.setattr("ldncalc.prescriptions.clock", lambda: PRINTED)
    return PRINTED
