"""The C heap of a long build: fewer malloc arenas, big blocks mapped, free memory
handed back.

Oxigraph's bulk loads run RocksDB in several threads; glibc gives each thread an arena
of its own and keeps what they free. And once a big block is freed, glibc raises the size
from which it maps blocks (up to 32 MB), so the next batches' big buffers (N-Quads, page
blocks, RocksDB's files being built) are carved from the heap and leave it fragmented. A
build of many pages then holds that free memory as resident: measured at 10,000 pages,
80-110 MB between two loads, and some 90 MB more that trimming could not give back.
:func:`tune` (called before the threads start) caps the arenas and fixes the mapping size;
:func:`trim` hands the free pages back (``malloc_trim``). Both do nothing where the C
library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_ARENA_MAX, M_MMAP_THRESHOLD = -8, -3  # mallopt parameters (malloc.h)
ARENAS = 2
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, kept from then on


@functools.lru_cache(maxsize=1)
def _glibc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    except (OSError, AttributeError, TypeError):
        return None
    return libc


def tune(arenas: int = ARENAS, mmap_threshold: int = MMAP_THRESHOLD) -> bool:
    """From now on, at most ``arenas`` malloc arenas, and blocks of ``mmap_threshold``
    bytes or more mapped on their own (given back when freed); True if the C library
    took both."""
    libc = _glibc()
    return bool(libc is not None and libc.mallopt(M_ARENA_MAX, arenas)
                and libc.mallopt(M_MMAP_THRESHOLD, mmap_threshold))


def trim() -> bool:
    """Hand the heap's free pages back to the system; True if some were."""
    libc = _glibc()
    return bool(libc is not None and libc.malloc_trim(0))
