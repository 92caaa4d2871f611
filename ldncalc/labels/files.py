"""Writing labels, records and calendars: every file whole, and all of them or none.

The bytes are rendered completely before anything is written. Each file goes to a temporary file
in its destination folder, which is flushed to disk; only when every temporary file is complete
are they renamed over their destinations (an atomic step on every platform ldncalc runs on). A
failure at any point removes the temporary files, leaves the previous files untouched, and says
why: a label is never left behind without the record that was asked for with it.

Labels, records and calendars are legal records (docs/basis.md §6; USP <795> compounding
records): an existing file is replaced only with ``force`` (``--force``), and a read-only one
never. The renames of one run hold an exclusive lock on each destination folder, so that two
runs writing the same label and record at once cannot leave one patient's label beside another
patient's record: the pair on disk always comes from one run.

They hold a patient's name and prescription, which stay on this machine: every file is owner-only
(0600, read and written by its owner alone) whatever the umask, and a file replaced with
``--force`` becomes owner-only too.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from ldncalc.errors import InputError, OutputError

OWNER_ONLY = 0o600  # the mode of every label, record and calendar: patient data


def check_destination(path: str | os.PathLike[str], *, option: str, force: bool = False) -> Path:
    """``path`` as a place to write a file: new, or with ``force`` an ordinary file that may
    be written, in a folder that exists and that this user may write in. Anything else is
    refused (:class:`InputError` naming ``option``; :class:`OutputError` for a folder this user
    may not write in): the rename would put an ordinary file in place of a device
    (``/dev/full``), a pipe, or a symbolic link and whatever file it pointed to would no longer
    be the one written. Checked before anything is written, so that one file is not written
    and another refused (root passes the folder check; its writes can still fail, and
    :func:`write_all` then leaves nothing behind either)."""
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(option, str(target), code="file-folder-missing")
    try:
        mode: int | None = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        reason = error.strerror
        raise InputError(option, str(target), code="file-cannot-check", reason=reason) from None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISLNK(mode):
            code = "file-is-link"
        elif stat.S_ISDIR(mode):
            code = "file-is-folder"
        else:
            code = "file-not-ordinary"
        raise InputError(option, str(target), code=code)
    if mode is not None:
        _refuse_replacing(target, mode, option=option, force=force)
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise _unwritable(option, target, PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    return target


def _refuse_replacing(target: Path, mode: int, *, option: str, force: bool) -> None:
    """Refuse to replace the existing file ``target``: always when it is read-only (to this
    user, or to everyone: root may write anything), else unless ``force``."""
    if not stat.S_IMODE(mode) & 0o222 or not os.access(target, os.W_OK):
        raise InputError(option, str(target), code="file-read-only")
    if not force:
        raise InputError(option, str(target), code="file-exists")


def write_atomic(
    path: str | os.PathLike[str], data: bytes, *, option: str, force: bool = False
) -> Path:
    """Write ``data`` to ``path`` atomically; :class:`OutputError` naming ``option`` if the
    file cannot be written, :class:`InputError` if ``path`` is not a new file (or with
    ``force`` an ordinary one: see :func:`check_destination`)."""
    return write_all([(path, data, option)], force=force)[0]


def write_all(
    files: Sequence[tuple[str | os.PathLike[str], bytes, str]], *, force: bool = False
) -> list[Path]:
    """Write every ``(path, data, option)`` atomically, all of them or none: each is checked
    (:func:`check_destination`) and written whole to a temporary file beside it before the
    first is renamed into place. :class:`OutputError` names the option of the file that could
    not be written; every temporary file is removed.

    The renames come last, with every destination folder locked, and each destination checked
    again first: another run may have written it since. They fail only if a folder changes
    under ldncalc's feet (each already holds a temporary file). If one does, the files this
    call had created are removed again; a file that replaced an older one stays the new
    version.
    """
    targets = [check_destination(path, option=option, force=force) for path, _, option in files]
    temporaries: list[Path] = []
    created: list[Path] = []
    try:
        for target, (_, data, option) in zip(targets, files, strict=True):
            temporaries.append(_write_temporary(target, data, option))
        with _locked({target.parent for target in targets}):
            for path, _, option in files:
                check_destination(path, option=option, force=force)
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
        temporary.chmod(OWNER_ONLY)  # whatever the umask: mkstemp's 0600, said where it matters
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _unwritable(option, target, error) from None
        raise
    return temporary


@contextlib.contextmanager
def _locked(folders: set[Path]) -> Iterator[None]:
    """Hold an exclusive lock (``flock``) on each of ``folders``, taken in one order so that
    two runs cannot each wait for the other. Where there is no ``flock`` (Windows), no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with contextlib.ExitStack() as stack:
        for folder in sorted(folders, key=lambda f: str(f.resolve())):
            handle = os.open(folder, os.O_RDONLY)
            stack.callback(os.close, handle)
            fcntl.flock(handle, fcntl.LOCK_EX)  # released when the handle is closed
        yield


def _unwritable(option: str, target: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    return OutputError(option, str(target), code="file-cannot-write", reason=reason)
