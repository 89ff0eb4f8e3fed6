"""Files written whole or not at all, and one run at a time per output folder."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from newsgraph.errors import LockedError


@contextmanager
def atomic_writer(path: Path | str, mode: str = "wb"):
    """A file handle on a temporary file beside ``path``; when the block ends normally the
    file is flushed, synced and renamed into place, else removed. Readers see the old file
    or the new one, never a part."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        text = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
        with os.fdopen(fd, mode, **text) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :func:`atomic_writer`)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, "wb") as fh:
        fh.write(raw)


def append_file(src: Path | str, out, offset: int = 0, count: int | None = None) -> None:
    """Write the bytes of the file ``src`` (``count`` of them from ``offset``; by default
    all) to the binary file ``out`` at its end: in the kernel (``os.copy_file_range``)
    where the system and the file systems allow, without reading them into Python or
    holding the GIL; else through a buffer."""
    out.flush()
    with open(src, "rb") as fh:
        left = os.fstat(fh.fileno()).st_size - offset if count is None else count
        at, kernel = offset, True
        try:
            while left > 0 and (n := os.copy_file_range(fh.fileno(), out.fileno(), left, at)):
                left -= n
                at += n
        except OSError as exc:
            # not between these files: nothing was copied, and the buffer does it
            if exc.errno not in _NO_KERNEL_COPY or at > offset:
                raise
            kernel = False
        except AttributeError:  # no such call here
            kernel = False
        if kernel:
            out.seek(0, os.SEEK_END)  # where the kernel left the file
        else:
            fh.seek(offset)
            while left > 0 and (chunk := fh.read(min(left, 1 << 20))):
                out.write(chunk)
                left -= len(chunk)
        if left > 0:
            raise OSError(errno.EIO, f"{src}: ended {left} bytes early")


_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF}


def clean_temporaries(folder: Path) -> None:
    """Remove temporaries a killed run left behind."""
    for tmp in folder.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)
    for runs in folder.glob(".turtle-runs.*"):
        shutil.rmtree(runs, ignore_errors=True)


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
