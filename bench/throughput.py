"""Build throughput, measured: a whole ``newsgraph build`` against bare ``jieba.lcut``.

Generates deterministic synthetic pages (bench/synth.py) into a temporary folder and, for
each size, prints in one table: characters per second of a whole build with each worker
count, of bare ``jieba.lcut`` over the same text (the tokenizer's floor) and their ratio;
the speed-up of the most workers over one; peak RSS (the largest process of the build,
and the sampled sum over the build and its workers); CPU-seconds of each build and the
speed-up the machine's cores allow at most, and the cores it kept busy until its last
page was made and after (report.json's ``stages``); graph.ttl and store sizes; how time
and memory grow from one size to the next; and, for the largest size, the time of
``newsgraph add`` of 10 new pages. The CPU-seconds also give the highest ratio to jieba
a build could reach on the machine's cores, were every core busy from start to end. Each
build runs as its own subprocess.

    python bench/throughput.py [--sizes 1000,10000,100000] [--workers 1,2] [--repeat N]
                               [--keep DIR]

``--repeat N`` measures each size in N rounds, each round timing jieba and then every
worker count, one after another; the table gives the median of the rounds and, after it,
their range. A machine shared with others (a cloud VM) runs 10-15% faster or slower from
one minute to the next: a ratio is taken within a round (the build against the jieba run
just before it) and a speed-up from one round's builds, so that drift between rounds
cancels out of them.

A size whose outputs would not fit on the disk (estimated from the size before) is not
built, and the table says so. Only the last build of each size is kept until the next
size is built, and the largest one for the add.

``--jieba-pages N`` times jieba over the first N pages only (jieba's speed per character
does not depend on the corpus size; the default times it over every page).

``--shards`` builds on Dask instead (``newsgraph build --scheduler local --dask-workers W
--no-store``, docs/distributed.md): the path for a corpus that outgrows one machine, each
page's graph an N-Quads shard and no store, graph.ttl or add; the table gives the shards'
size. Dask's worker processes are the client's children, so the peak RSS of the tree and
the CPU-seconds include them. It needs ``pip install 'newsgraph[dask]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))


def _tree(pid: int, name: str) -> Iterator[str]:
    """The /proc file ``name`` (statm, stat) of ``pid`` and of each of its descendants,
    read as each is found; processes that end meanwhile are left out."""
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/{name}") as fh:
                yield fh.read()
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and its descendants, from /proc."""
    return sum(int(t.split()[1]) for t in _tree(pid, "statm")) * os.sysconf("SC_PAGE_SIZE")


def _tree_cpu(pid: int) -> float:
    """CPU-seconds used so far by ``pid`` and its descendants (and the children they
    waited for), from /proc: utime, stime, cutime and cstime of each."""
    ticks = sum(sum(int(x) for x in t.rpartition(")")[2].split()[11:15])
                for t in _tree(pid, "stat"))
    return ticks / os.sysconf("SC_CLK_TCK")


def run(cmd: list[str]) -> dict:
    """Run ``cmd``; wall time, peak RSS of its largest process (wait4's ru_maxrss covers
    the process and its waited-for children), the sampled peak of the tree's sum, and the
    tree's CPU-seconds sampled as it runs ((seconds since the start, CPU-seconds) pairs)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    cpu: list[tuple[float, float]] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            cpu.append((time.perf_counter() - started, _tree_cpu(proc.pid)))

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    t.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return {"seconds": seconds, "maxrss": usage.ru_maxrss * 1024, "treerss": peak[0],
            "cpu": usage.ru_utime + usage.ru_stime,  # with its workers (waited for)
            "cpu_samples": cpu}


def stages(r: dict, report: Path) -> dict:
    """From a build's run (:func:`run`) and its report.json's stages: the seconds after
    its last page was made (the store's end, graph.ttl, graph.html) and how many cores the
    build kept busy before and after that moment (placed back from the run's end)."""
    rep = json.loads(report.read_text(encoding="utf-8"))
    if "stages" not in rep:
        return {}
    tail = rep["seconds"] - rep["stages"]["pages"]
    cut = max(r["seconds"] - tail, 1e-9)
    before = [c for t, c in r["cpu_samples"] if t <= cut]
    at = before[-1] if before else 0.0
    return {"tail": tail, "page_cores": at / cut, "tail_cores": (r["cpu"] - at) / max(tail, 1e-9)}


def jieba_rate(files: list[Path]) -> tuple[int, float]:
    """Characters and seconds of bare jieba.lcut over ``files`` (dictionary load excluded)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    chars, seconds = 0, 0.0
    for f in files:
        text = f.read_text(encoding="utf-8")
        t = time.perf_counter()
        jieba.lcut(text)
        seconds += time.perf_counter() - t
        chars += len(text)
    return chars, seconds


def median_of(runs: list[dict]) -> dict:
    """The rounds of one build, as one: the median of each timing (and its range), the
    largest memory and sizes."""
    out = {k: statistics.median(r[k] for r in runs) for k in ("seconds", "cpu", "rate")}
    out["range"] = (min(r["seconds"] for r in runs), max(r["seconds"] for r in runs))
    out["rounds"] = len(runs)
    out |= {k: max(r[k] for r in runs) for k in ("maxrss", "treerss", "ttl", "store")}
    out |= {k: statistics.median(r[k] for r in runs) for k in ("tail", "page_cores",
                                                               "tail_cores") if k in runs[0]}
    return out


def seconds_cell(b: dict) -> str:
    low, high = b["range"]
    return f"{b['seconds']:.1f}" + (f" ({low:.1f}-{high:.1f})" if b["rounds"] > 1 else "")


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="page counts (default 1000,10000)")
    ap.add_argument("--workers", default="1,2", help="worker counts (default 1,2)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--jieba-pages", type=int, default=None, metavar="N")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="rounds of each size (default 1); figures are their medians")
    ap.add_argument("--keep", type=Path, default=None, metavar="DIR",
                    help="work in DIR and keep it (default: a temporary folder)")
    ap.add_argument("--shards", action="store_true",
                    help="build on a local Dask cluster into N-Quads shards, no store")
    args = ap.parse_args()
    sizes = sorted(int(x) for x in args.sizes.split(","))
    workers = sorted(int(x) for x in args.workers.split(","))
    from synth import pages

    work = args.keep or Path(tempfile.mkdtemp(prefix="newsgraph-throughput-"))
    work.mkdir(parents=True, exist_ok=True)
    newsgraph = [sys.executable, "-m", "newsgraph"]
    print(f"# {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
          f"{sys.executable}")
    all_dir = work / "all"
    all_dir.mkdir(exist_ok=True)
    t = time.perf_counter()
    for i, (name, text) in enumerate(pages(sizes[-1] + 10, args.seed)):
        path = all_dir / name
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        if i % 10000 == 9999:
            print(f"# generated {i + 1} pages", file=sys.stderr)
    print(f"# generated {sizes[-1] + 10} synthetic pages in {time.perf_counter() - t:.1f}s")
    files = sorted(all_dir.glob("*.txt"))
    rows, skipped = [], []
    per_page = 0.0  # disk a build's outputs take per page, from the last size built
    for n in sizes:
        free = shutil.disk_usage(work).free
        if per_page and per_page * n * 1.1 > free:
            skipped.append(f"{n:,} pages not built: its outputs would take about "
                           f"{per_page * n / 1e9:,.0f} GB of disk and {free / 1e9:,.0f} GB "
                           f"are free")
            print(f"# {skipped[-1]}", file=sys.stderr)
            continue
        src = work / f"pages-{n}"
        if not src.exists():
            src.mkdir()
            for f in files[:n]:
                os.link(f, src / f.name)
        chars = sum(len(f.read_text(encoding="utf-8")) for f in files[:n])
        jfiles = files[:args.jieba_pages or n]
        rounds: dict[int, list[dict]] = {w: [] for w in workers}
        jieba: list[float] = []
        for k in range(args.repeat):
            jchars, jsec = jieba_rate(jfiles)
            jieba.append(jchars / jsec)
            for w in workers:
                out = work / f"out-{n}-w{w}"
                shutil.rmtree(out, ignore_errors=True)
                how = (["--scheduler", "local", "--dask-workers", str(w), "--no-store"]
                       if args.shards else ["--workers", str(w)])
                r = run([*newsgraph, "build", "-q", str(src), "-o", str(out), *how])
                r["rate"] = chars / r["seconds"]
                r |= stages(r, out / "report.json")
                if args.shards:  # the shards in the graph.ttl column; no store
                    r["ttl"], r["store"] = du(out / "shards"), 0
                else:
                    r["ttl"] = (out / "graph.ttl").stat().st_size
                    r["store"] = du(out / "store")
                rounds[w].append(r)
                per_page = (r["ttl"] + r["store"]) / n
                print(f"# {n} pages, round {k + 1}, {w} worker(s): {r['seconds']:.1f}s",
                      file=sys.stderr)
                if w != workers[-1] or k < args.repeat - 1:  # only the last build is kept
                    shutil.rmtree(out, ignore_errors=True)
        row = {"pages": n, "chars": chars, "jieba": statistics.median(jieba),
               "builds": {w: median_of(rounds[w]) for w in workers},
               # within a round: each build against that round's jieba and first build
               "ratio": {w: statistics.median(r["rate"] / j for r, j in
                                              zip(rounds[w], jieba, strict=True))
                         for w in workers},
               "speedup": statistics.median(
                   a["seconds"] / b["seconds"]
                   for a, b in zip(rounds[workers[0]], rounds[workers[-1]], strict=True))}
        if rows:
            shutil.rmtree(work / f"out-{rows[-1]['pages']}-w{workers[-1]}", ignore_errors=True)
        rows.append(row)
    # adding 10 new pages to the largest corpus built (with the most workers)
    n, w = rows[-1]["pages"], workers[-1]
    added = None
    if not args.shards:  # shards have no store to add to
        new = work / "new-10"
        shutil.rmtree(new, ignore_errors=True)
        new.mkdir()
        for f in files[n:n + 10]:
            os.link(f, new / f.name)
        added = run([*newsgraph, "add", "-q", str(new), "-o", str(work / f"out-{n}-w{w}"),
                     "--workers", str(w)])

    print(f"\n## throughput ({time.strftime('%Y-%m-%d %H:%M')}, load average "
          f"{os.getloadavg()[0]:.2f} at the end"
          + (f"; medians of {args.repeat} rounds, ranges in brackets" if args.repeat > 1
             else "")
          + ("; on a local Dask cluster, N-Quads shards, no store)" if args.shards else ")"))
    head = ["pages", "chars", "jieba.lcut c/s"]
    for w in workers:
        head += [f"build w={w} s", f"c/s w={w}", f"ratio w={w}"]
    head += [f"speed-up {workers[-1]}/{workers[0]}", "peak RSS max process", "peak RSS tree",
             "shards" if args.shards else "graph.ttl", "store"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        b = row["builds"]
        cells = [f"{row['pages']:,}", f"{row['chars']:,}", f"{row['jieba']:,.0f}"]
        for w in workers:
            cells += [seconds_cell(b[w]), f"{b[w]['rate']:,.0f}", f"{row['ratio'][w]:.2f}"]
        last = b[workers[-1]]
        cells += [f"{row['speedup']:.2f}x",
                  mb(max(x["maxrss"] for x in b.values())),
                  mb(max(x["treerss"] for x in b.values())), mb(last["ttl"]),
                  mb(last["store"]) if last["store"] else "none"]
        print("| " + " | ".join(cells) + " |")
    for a, b in zip(rows, rows[1:], strict=False):
        k = b["pages"] / a["pages"]
        parts = []
        for w in workers:
            parts.append(f"time w={w} x{b['builds'][w]['seconds'] / a['builds'][w]['seconds']:.2f}")
        ba, bb = a["builds"][workers[-1]], b["builds"][workers[-1]]
        parts += [f"peak RSS of the largest process x{bb['maxrss'] / ba['maxrss']:.2f}",
                  f"peak RSS of the tree x{bb['treerss'] / ba['treerss']:.2f}",
                  f"{'shards' if args.shards else 'graph.ttl'} x{bb['ttl'] / ba['ttl']:.2f}"]
        if not args.shards:
            parts.append(f"store x{bb['store'] / ba['store']:.2f}")
        print(f"growth {a['pages']:,} -> {b['pages']:,} pages (x{k:g}): " + ", ".join(parts))
    if added is not None:
        print(f"newsgraph add of 10 new pages to the {n:,}-page corpus: "
              f"{added['seconds']:.1f}s (peak RSS {mb(added['maxrss'])})")
    # the speed-up more workers can give: a build of one worker already keeps more than one
    # core busy (the store loads in a thread of its own, RocksDB compacts in others)
    cores = os.cpu_count() or 1
    for row in rows:
        for w in workers:
            b = row["builds"][w]
            per_cpu = row["chars"] / b["cpu"]
            print(f"{row['pages']:,} pages, {w} worker(s): {b['cpu']:.1f} CPU-seconds, "
                  f"{b['cpu'] / b['seconds']:.2f} cores busy, {per_cpu:,.0f} chars per "
                  f"CPU-second (ratio {per_cpu / row['jieba']:.2f} to jieba.lcut's one core; "
                  f"at most {cores * per_cpu / row['jieba']:.2f} on {cores} cores, every "
                  f"core busy from start to end)")
            if "tail" in b:
                print(f"  pages made in the first {b['seconds'] - b['tail']:.1f}s at "
                      f"{b['page_cores']:.2f} cores busy; then {b['tail']:.1f}s "
                      f"({b['tail'] / b['seconds']:.0%} of the build: the store's end, "
                      f"graph.ttl, graph.html) at {b['tail_cores']:.2f}")
        one = row["builds"][workers[0]]
        print(f"{row['pages']:,} pages: on {cores} cores the speed-up over {workers[0]} "
              f"worker(s) is at most {cores * one['seconds'] / one['cpu']:.2f}x "
              f"(its CPU-seconds spread over every core)")
    for line in skipped:
        print(line)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
