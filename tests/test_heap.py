"""The C heap helpers a build uses to keep its memory flat (newsgraph.heap)."""

import platform
import threading

import pytest

from newsgraph import heap

glibc = pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                           reason="malloc_trim and mallopt are glibc's")


def _resident() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096


@glibc
def test_trim_hands_freed_heap_memory_back():
    pinned = []

    def churn():  # a thread's arena, as Oxigraph's loading threads leave theirs
        made = [b"x" * 64_000 for _ in range(1_500)]  # below the mmap threshold: heap
        pinned.append(made[-1])  # the last block holds the heap's top: no automatic trim
        made.clear()

    t = threading.Thread(target=churn)
    t.start()
    t.join()
    before = _resident()
    assert heap.trim() is True
    assert _resident() < before - 50_000_000


_FREED = """
import sys
from newsgraph import heap
def resident():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096
assert heap.tune() if sys.argv[1] == "tune" else True
big = b"x" * 8_000_000
del big  # glibc alone now carves blocks under 8 MB from the heap
blocks = [b"x" * 1_000_000 for _ in range(60)]
pin = b"y" * 4_000  # a small block after them holds the heap's top
before = resident()
del blocks
print(before - resident())
"""


@glibc
def test_tune_maps_big_blocks_whatever_was_freed_before():
    import subprocess
    import sys

    def freed(mode: str) -> int:
        run = subprocess.run([sys.executable, "-c", _FREED, mode], capture_output=True,
                             text=True, check=True)
        return int(run.stdout)

    assert freed("tune") > 50_000_000  # each block mapped on its own, unmapped when freed
    assert freed("glibc") < 10_000_000  # carved from the heap, kept there


def test_the_helpers_answer_without_glibc(monkeypatch):
    monkeypatch.setattr(heap, "_glibc", lambda: None)
    assert heap.trim() is False and heap.tune() is False
