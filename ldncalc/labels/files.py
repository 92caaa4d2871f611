"""Writing a label or a record: whole, or not at all.

The bytes are rendered completely before anything is written; they go to a temporary file in
the destination folder, which is flushed to disk and renamed over the destination (an atomic
step on every platform ldncalc runs on). A failure at any point leaves no file behind, or the
previous file untouched, and says why.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ldncalc.errors import InputError


def check_destination(path: str | os.PathLike[str], *, option: str) -> Path:
    """``path`` as a place to write a file: in a folder that exists, and either new or an
    ordinary file. Anything else is refused (:class:`InputError` naming ``option``): the rename
    would put an ordinary file in place of a device (``/dev/full``), a pipe, or a symbolic link
    and whatever file it pointed to would no longer be the one written."""
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(
            option, str(target), "is in a folder that does not exist", "create the folder first"
        )
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return target
    except OSError as error:
        raise InputError(
            option, str(target), f"cannot be checked ({error.strerror})", "check the path"
        ) from None
    if stat.S_ISREG(mode):
        return target
    if stat.S_ISLNK(mode):
        problem, fix = "is a symbolic link", "give the path of the file itself, or a new file"
    elif stat.S_ISDIR(mode):
        problem, fix = "is a folder", "give a file name"
    else:
        problem, fix = "is not an ordinary file (a device or a pipe)", "give a new file name"
    raise InputError(option, str(target), problem, fix)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, option: str) -> Path:
    """Write ``data`` to ``path`` atomically; :class:`InputError` naming ``option`` if the
    file cannot be written or ``path`` is not a new or ordinary file (see
    :func:`check_destination`)."""
    target = check_destination(path, option=option)
    folder = target.parent
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
