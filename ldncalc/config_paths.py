"""Where ldncalc keeps its configuration: kept apart from :mod:`ldncalc.profile` so that a
command can ask whether a profile exists without building the profile's models."""

from __future__ import annotations

import os
from pathlib import Path

ENVIRONMENT_VARIABLE = "LDNCALC_CONFIG_DIR"
PROFILE_FILE = "pharmacy.toml"


def config_dir() -> Path:
    """The folder of ldncalc's configuration: ``$LDNCALC_CONFIG_DIR``, else the platform's, as
    platformdirs knows it (``$XDG_CONFIG_HOME/ldncalc`` or ``~/.config/ldncalc``,
    ``~/Library/Application Support/ldncalc``, ``%APPDATA%\\ldncalc``)."""
    if os.environ.get(ENVIRONMENT_VARIABLE):
        return Path(os.environ[ENVIRONMENT_VARIABLE])
    import platformdirs  # here: only a command that looks for the profile needs it

    # no vendor folder on Windows (appauthor=False); roaming: the profile follows the user
    return platformdirs.user_config_path("ldncalc", appauthor=False, roaming=True)


def default_path() -> Path:
    """Where ``ldncalc config init`` writes the profile and where commands look for it."""
    return config_dir() / PROFILE_FILE
