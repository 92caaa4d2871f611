"""Writing labels, records and calendars: every file whole, and all of them or none.

The bytes are rendered completely before anything is written. Each file goes to a temporary file
in its destination folder, which is flushed to disk; only when every temporary file is complete
are they renamed over their destinations (an atomic step on every platform ldncalc runs on). A
failure at any point removes the temporary files, leaves the previous files untouched, and says
why: a label is never left behind without the record that was asked for with it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ldncalc.errors import InputError


def check_destination(path: str | os.PathLike[str], *, option: str) -> Path:
    """``path`` as a place to write a file: new or an ordinary file, in a folder that exists
    and that this user may write in. Anything else is refused (:class:`InputError` naming
    ``option``): the rename would put an ordinary file in place of a device (``/dev/full``), a
    pipe, or a symbolic link and whatever file it pointed to would no longer be the one
    written. Checked before anything is written, so that one file is not written and another
    refused (root passes the folder check; its writes can still fail, and :func:`write_all`
    then leaves nothing behind either)."""
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(
            option, str(target), "is in a folder that does not exist", "create the folder first"
        )
    try:
        mode: int | None = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise InputError(
            option, str(target), f"cannot be checked ({error.strerror})", "check the path"
        ) from None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISLNK(mode):
            problem, fix = "is a symbolic link", "give the path of the file itself, or a new file"
        elif stat.S_ISDIR(mode):
            problem, fix = "is a folder", "give a file name"
        else:
            problem, fix = "is not an ordinary file (a device or a pipe)", "give a new file name"
        raise InputError(option, str(target), problem, fix)
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise _unwritable(option, target, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes, *, option: str) -> Path:
    """Write ``data`` to ``path`` atomically; :class:`InputError` naming ``option`` if the
    file cannot be written or ``path`` is not a new or ordinary file (see
    :func:`check_destination`)."""
    return write_all([(path, data, option)])[0]


def write_all(files: Sequence[tuple[str | os.PathLike[str], bytes, str]]) -> list[Path]:
    """Write every ``(path, data, option)`` atomically, all of them or none: each is checked
    (:func:`check_destination`) and written whole to a temporary file beside it before the
    first is renamed into place. :class:`InputError` names the option of the file that
    failed; every temporary file is removed.

    The renames come last: they fail only if a folder changes under ldncalc's feet (each
    already holds a temporary file). If one does, the files this call had created are removed
    again; a file that replaced an older one stays the new version.
    """
    targets = [check_destination(path, option=option) for path, _, option in files]
    temporaries: list[Path] = []
    created: list[Path] = []
    try:
        for target, (_, data, option) in zip(targets, files, strict=True):
            temporaries.append(_write_temporary(target, data, option))
        for target, temporary, (_, _, option) in zip(targets, temporaries, files, strict=True):
            new = not target.exists()
            try:
                temporary.replace(target)
            except OSError as error:
                raise _unwritable(option, target, error) from None
            if new:
                created.append(target)
    except BaseException:
        for path in (*temporaries, *created):
            path.unlink(missing_ok=True)
        raise
    return targets


def _write_temporary(target: Path, data: bytes, option: str) -> Path:
    """``data`` in a new temporary file in ``target``'s folder, on disk; nothing left behind
    if it fails."""
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise _unwritable(option, target, error) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        temporary.chmod(0o666 & ~_umask())  # mkstemp makes it private (0600)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _unwritable(option, target, error) from None
        raise
    return temporary


def _unwritable(option: str, target: Path, error: OSError) -> InputError:
    reason = error.strerror or str(error)
    return InputError(option, str(target), f"cannot be written ({reason})", "check the folder")


def _umask() -> int:
    mask = os.umask(0)  # reading the umask means setting it; put it straight back
    os.umask(mask)
    return mask
