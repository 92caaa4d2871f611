"""Shared fixtures: every test sees only the built-in formulations unless it asks otherwise."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_pharmacy_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LDNCALC_FORMULATIONS", raising=False)
