"""Files written whole or not at all, and one run at a time per output folder."""

from __future__ import annotations

import fcntl
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from newsgraph.errors import LockedError


def atomic_write(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it, rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def clean_temporaries(folder: Path) -> None:
    """Remove temporaries a killed run left behind."""
    for tmp in folder.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


@contextmanager
def locked(folder: Path):
    """Hold the output folder's lock, or raise :class:`LockedError` if another run has it."""
    folder.mkdir(parents=True, exist_ok=True)
    fh = open(folder / ".lock", "a+")
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LockedError(
                f"{folder}: another newsgraph run is writing to this folder; "
                "wait for it to finish"
            ) from exc
        clean_temporaries(folder)
        yield
    finally:
        fh.close()
