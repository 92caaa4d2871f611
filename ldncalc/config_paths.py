"""Where ldncalc keeps its configuration: kept apart from :mod:`ldncalc.profile` so that a
command can ask whether a profile exists without building the profile's models."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Literal

from ldncalc.errors import InputError

ENVIRONMENT_VARIABLE = "LDNCALC_CONFIG_DIR"
CACHE_VARIABLE = "LDNCALC_CACHE_DIR"


def without_password(url: str) -> str:
    """``url`` as it may be printed: a PostgreSQL URL's password written ``***``."""
    import re

    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


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


def cache_dir() -> Path:
    """The folder of what ldncalc keeps to start faster (the index of formulation files
    already checked; no patient data): ``$LDNCALC_CACHE_DIR``, else the platform's, as
    platformdirs knows it (``$XDG_CACHE_HOME/ldncalc`` or ``~/.cache/ldncalc``,
    ``~/Library/Caches/ldncalc``, ``%LOCALAPPDATA%\\ldncalc\\Cache``)."""
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE])
    import platformdirs  # here: only a command given a pharmacy folder needs it

    return platformdirs.user_cache_path("ldncalc", appauthor=False)


def default_path() -> Path:
    """Where ``ldncalc config init`` writes the profile and where commands look for it."""
    return config_dir() / PROFILE_FILE


def profile_option(pharmacy: object = None) -> str:
    """What names the profile's path in a message: ``--pharmacy`` when it was given, else
    ``$LDNCALC_CONFIG_DIR`` when that is set (the path comes from there)."""
    if pharmacy is None and os.environ.get(ENVIRONMENT_VARIABLE):
        return ENVIRONMENT_VARIABLE
    return "--pharmacy"


def has_default_profile() -> bool:
    """Whether :func:`default_path` is a file (an :class:`InputError` if it cannot be read)."""
    return path_kind(default_path(), profile_option()) == "file"


def path_kind(path: Path, option: str) -> Literal["folder", "file", "missing", "other"]:
    """What is at an input ``path``: a folder, a regular file, nothing, or something else (a
    FIFO, a device). A path that cannot even be looked at (a name too long, a folder on the
    way that cannot be read, a loop of links) is bad input: an :class:`InputError` naming
    ``option`` and the path, never an error writing the output."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as failure:
        reason = failure.strerror or str(failure)  # the system's own words
        raise InputError(option, str(path), code="path-unreadable", reason=reason) from None
    except ValueError:  # a NUL character, from a library caller (a shell cannot pass one)
        raise InputError(option, str(path), code="not-a-path") from None
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"
