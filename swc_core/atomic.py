"""Atomic file writes: a reader (or a crash) never sees a half-written file.

Write to a temporary file in the same folder, flush it to disk, then rename
it over the target; rename within one file system is atomic.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Iterator

from .errors import InputError
from .messages import text


def _not_writable(folder: Path, exc: OSError, where: Path) -> InputError:
    return InputError(
        text("files.not_writable", folder=folder, reason=exc.strerror or exc),
        where=str(where),
        hint=text("files.not_writable_hint"),
    )


def check_writable(folder: Path) -> None:
    """InputError unless ``folder`` exists or can be created, and can be written; creates nothing.

    For commands that check their output folder before they open the store
    or start work, so a mistake there costs nothing and leaves nothing.
    """
    folder = Path(folder).absolute()
    level = next(p for p in [folder, *folder.parents] if p.exists())
    if not level.is_dir():
        raise _not_writable(
            folder, NotADirectoryError(text("files.not_a_folder", folder=level)), folder
        )
    if not os.access(level, os.W_OK | os.X_OK):
        raise _not_writable(
            folder, PermissionError(text("files.no_write_permission", folder=level)), folder
        )


def private_dir(folder: Path) -> Path:
    """``folder``, created with every missing parent readable by the owner only (0700), and writable.

    ``mkdir(parents=True, mode=...)`` gives the mode to the last level only,
    and the umask may narrow it; each new level is created and chmodded here.
    """
    folder = Path(folder)
    try:
        for level in reversed([folder, *folder.parents]):
            if not level.is_dir():
                level.mkdir(mode=0o700, exist_ok=True)
                os.chmod(level, 0o700)
        fd, probe = tempfile.mkstemp(prefix=".swc-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise _not_writable(folder, exc, folder) from None
    return folder


@contextlib.contextmanager
def atomic_path(target: Path, mode: int = 0o600) -> Iterator[Path]:
    """Yield a temporary path to write to; it replaces ``target`` on success."""
    target = Path(target)
    private_dir(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _not_writable(target.parent, exc, target) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp_path, mode)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes, mode: int = 0o600) -> None:
    with atomic_path(target, mode) as tmp:
        tmp.write_bytes(data)
