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


@glibc
def test_limit_arenas_is_taken_by_glibc():
    assert heap.limit_arenas() is True


def test_the_helpers_answer_without_glibc(monkeypatch):
    monkeypatch.setattr(heap, "_glibc", lambda: None)
    assert heap.trim() is False and heap.limit_arenas() is False
