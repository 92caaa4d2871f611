"""Writing a label or a record: whole, or not at all.

The bytes are rendered completely before anything is written; they go to a temporary file in
the destination folder, which is flushed to disk and renamed over the destination (an atomic
step on every platform ldncalc runs on). A failure at any point leaves no file behind, or the
previous file untouched, and says why.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ldncalc.errors import InputError


def write_atomic(path: str | os.PathLike[str], data: bytes, *, option: str) -> Path:
    """Write ``data`` to ``path`` atomically; :class:`InputError` naming ``option`` if the
    file cannot be written."""
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise InputError(
            option, str(target), "is in a folder that does not exist", "create the folder first"
        )
    if target.is_dir():
        raise InputError(option, str(target), "is a folder", "give a file name")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(
            option, str(target), f"cannot be written ({error.strerror})", "check the folder"
        ) from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).chmod(0o666 & ~_umask())  # mkstemp makes it private (0600)
        Path(temporary).replace(target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(
                option, str(target), f"cannot be written ({error.strerror})", "check the folder"
            ) from None
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask
