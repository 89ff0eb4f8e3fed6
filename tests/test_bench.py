"""The throughput benchmark runs end to end (tiny sizes: its figures are not checked)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

from conftest import ROOT, need


def test_throughput_bench_prints_every_figure(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "throughput.py"), "--sizes", "3,6",
         "--workers", "1,2", "--jieba-pages", "2", "--repeat", "2", "--keep", str(tmp_path)],
        capture_output=True, text=True, timeout=600, check=True).stdout
    table = [line for line in out.splitlines() if line.startswith("| ")]
    assert table[0].startswith("| pages | chars | jieba.lcut c/s | build w=1 s")
    assert [row.split(" | ")[0] for row in table[1:]] == ["| 3", "| 6"]
    assert "medians of 2 rounds, ranges in brackets" in out
    # a build's time: the median of its rounds, then their range
    assert all(re.fullmatch(r"\d+\.\d \(\d+\.\d-\d+\.\d\)", row.split(" | ")[3])
               for row in table[1:])
    assert "growth 3 -> 6 pages (x2): time w=1 x" in out
    assert "peak RSS of the largest process x" in out
    assert "newsgraph add of 10 new pages to the 6-page corpus" in out
    assert "6 pages, 2 worker(s): " in out and " cores busy" in out
    # the ratio to jieba the build's CPU-seconds allow on this machine's cores
    ceilings = re.findall(r"ratio (\d+\.\d\d) to jieba\.lcut's one core; at most "
                          r"(\d+\.\d\d) on (\d+) cores", out)
    assert len(ceilings) == 4
    assert all(float(top) >= float(ratio) for ratio, top, _ in ceilings)
    assert "6 pages: on " in out and " worker(s) is at most " in out
    # each build's page phase and what comes after it (report.json's stages)
    tails = re.findall(r"  pages made in the first (\d+\.\d)s at (\d+\.\d\d) cores busy; "
                       r"then (\d+\.\d)s \((\d+)% of the build", out)
    assert len(tails) == 4  # two sizes, two worker counts
    assert all(float(first) > 0 and 0 < int(share) < 100 for first, _, _, share in tails)
    kept = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out-"))
    assert kept == ["out-6-w2"]  # the other builds were removed as the bench went


def test_throughput_bench_on_dask_shards(tmp_path):
    """``--shards``: the same figures for builds on a local Dask cluster into N-Quads
    shards (no store, so no add)."""
    need(importlib.util.find_spec("distributed") is not None,
         "dask distributed (pip install 'newsgraph[dask]')")
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "throughput.py"), "--sizes", "2,4",
         "--workers", "1,2", "--jieba-pages", "2", "--shards", "--keep", str(tmp_path)],
        capture_output=True, text=True, timeout=600, check=True).stdout
    table = [line for line in out.splitlines() if line.startswith("| ")]
    assert "on a local Dask cluster, N-Quads shards, no store" in out
    assert table[0].endswith("| shards | store |")
    assert all(row.endswith(" MB | none |") for row in table[1:])
    assert "growth 2 -> 4 pages (x2): time w=1 x" in out and "shards x" in out
    assert "newsgraph add" not in out
    assert "pages made in the first" not in out  # the Dask build reports no stages
    shards = sorted(p.name for p in (tmp_path / "out-4-w2" / "shards").iterdir())
    assert len(shards) == 5 and shards[0] == "_corpus.nq"
