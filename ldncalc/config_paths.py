"""Where ldncalc keeps its configuration: kept apart from :mod:`ldncalc.profile` so that a
command can ask whether a profile exists without building the profile's models."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENVIRONMENT_VARIABLE = "LDNCALC_CONFIG_DIR"
PROFILE_FILE = "pharmacy.toml"


def config_dir() -> Path:
    """The folder of ldncalc's configuration: ``$LDNCALC_CONFIG_DIR``, else the platform's
    (``~/.config/ldncalc``, ``~/Library/Application Support/ldncalc``, ``%APPDATA%\\ldncalc``)."""
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(os.environ[ENVIRONMENT_VARIABLE])
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "ldncalc"


def default_path() -> Path:
    """Where ``ldncalc config init`` writes the profile and where commands look for it."""
    return config_dir() / PROFILE_FILE
