"""Fuzz: random and mutated pages for a bounded time: no crash, no invalid output.

The time budget is NEWSGRAPH_FUZZ_SECONDS (default 20); the seed is fixed so a failure
can be replayed, and printed with the input that caused it.
"""

from __future__ import annotations

import os
import random
import time

import pyoxigraph

from conftest import ROOT
from newsgraph.errors import PageError
from newsgraph.export.turtle import turtle
from newsgraph.pipeline import build_corpus, process_page
from newsgraph.rdf import Minter, assemble

SAMPLES = sorted((ROOT / "src" / "newsgraph" / "samples").glob("*.txt"))
BUDGET = float(os.environ.get("NEWSGRAPH_FUZZ_SECONDS", "20"))
INSERTS = [b"\x00", b"\xff\xfe", "（下转第三版）".encode(), b"\r\n\r\n", b"<script>",
           "本报讯（记者 ".encode(), "摄".encode(), b"\\", b'"', "\u3000".encode(),
           "\ud800".encode("utf-8", "surrogatepass"), b"\xe4\xb8", "2月30日".encode()]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        op = rng.random()
        pos = rng.randrange(len(data) + 1)
        if op < 0.3 and data:
            del data[pos:pos + rng.randint(1, 200)]
        elif op < 0.6:
            data[pos:pos] = rng.choice(INSERTS)
        elif op < 0.8 and data:
            data[pos % len(data)] = rng.randrange(256)
        else:
            start = rng.randrange(len(data) + 1)
            data[pos:pos] = data[start:start + rng.randint(1, 300)]
    return bytes(data)


def _check(data: bytes) -> None:
    try:
        result = process_page(data, "fuzz.txt")
    except PageError:
        return
    quads = assemble(build_corpus([result]), Minter())
    pyoxigraph.parse(turtle(quads).encode(), format=pyoxigraph.RdfFormat.TURTLE)


def test_fuzz_random_and_mutated_pages():
    rng = random.Random(20231012)
    pages = [p.read_bytes() for p in SAMPLES]
    deadline = time.monotonic() + BUDGET
    runs = 0
    while time.monotonic() < deadline:
        if rng.random() < 0.2:
            data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 2000)))
        else:
            data = _mutate(rng.choice(pages), rng)
        try:
            _check(data)
        except Exception as exc:  # report the input that broke it
            raise AssertionError(f"run {runs}: {exc!r} on input {data[:300]!r}…") from exc
        runs += 1
    assert runs > 0
