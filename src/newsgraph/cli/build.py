"""Build pages into a graph: DIR/graph.ttl, DIR/graph.html and DIR/report.json.

With no INPUT, builds the sample pages shipped with newsgraph."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from newsgraph.errors import UsageError

ORDER = 10
HELP = "build pages into graph.ttl, graph.html and report.json"
EXAMPLES = """examples:
  newsgraph build                          the bundled sample pages into output/
  newsgraph build pages/ extra.txt -o out  a folder (every page file below it) and a file
  cat page.txt | newsgraph build - --date 2023-10-12
exit status: 0 every page built; 1 some pages skipped (named on stderr and in
report.json); 2 usage error or nothing could be built."""


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from exc


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a number of processes (1 or more): {text!r}")
    return n


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="page files, folders of them (*.txt, *.html, *.htm), or - for "
                   "standard input")
    p.add_argument("-o", "--out", default="output", type=Path, metavar="DIR",
                   help="output folder (default: output)")
    p.add_argument("--date", type=_date, help="the issue date of the pages (YYYY-MM-DD); "
                   "inferred from the text when not given")
    p.add_argument("--home-city", default="大同市",
                   help="the paper's home city, what 我市/本市 mean (default: 大同市)")
    p.add_argument("--base", default=None, help="base IRI for minted entities")
    p.add_argument("--max-bytes", type=int, default=5 * 1024 * 1024, metavar="N",
                   help="skip pages larger than N bytes (default: 5 MiB)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("--workers", type=_workers, default=None, metavar="N",
                   help="pages processed in N processes (default: the machine's cores, "
                   f"{os.cpu_count() or 1} here); the outputs are the same for any N")
    d = p.add_argument_group("on Dask (docs/distributed.md; needs pip install 'newsgraph[dask]')")
    d.add_argument("--scheduler", metavar="ADDRESS|local", help="run one task per page on "
                   "the Dask scheduler at ADDRESS (tcp://HOST:PORT), or on a cluster of local "
                   "processes; also writes DIR/shards/*.nq, a named graph per page")
    d.add_argument("--dask-workers", type=int, default=2, metavar="N",
                   help="worker processes of --scheduler local (default: 2)")
    d.add_argument("--shards-on-workers", action="store_true", help="workers write the "
                   "shards themselves (they must see DIR at the same path); by default they "
                   "return them and this machine writes them")
    d.add_argument("--no-store", action="store_true", help="with --scheduler: write the "
                   "shards and report.json only, no store/, graph.ttl or graph.html")


def run(args: argparse.Namespace) -> int:
    from newsgraph.build import build
    from newsgraph.pipeline import collect_sources, sample_sources
    from newsgraph.rdf.namespaces import DEFAULT_BASE

    sources = collect_sources(args.inputs) if args.inputs else sample_sources()
    if not sources:
        raise UsageError("no pages to build (no *.txt or *.html found in the inputs)")
    if args.scheduler:
        from newsgraph.distributed import build_distributed

        rep = build_distributed(
            sources, args.out, scheduler=args.scheduler, dask_workers=args.dask_workers,
            home_city=args.home_city, issue_date=args.date, base=args.base or DEFAULT_BASE,
            progress=not args.quiet, max_bytes=args.max_bytes,
            shards_on_workers=args.shards_on_workers, store=not args.no_store)
    elif args.no_store or args.shards_on_workers:
        raise UsageError("--no-store and --shards-on-workers go with --scheduler")
    else:
        rep = build(sources, args.out, home_city=args.home_city, issue_date=args.date,
                    base=args.base or DEFAULT_BASE, progress=not args.quiet,
                    max_bytes=args.max_bytes, workers=args.workers or os.cpu_count() or 1)
    for s in rep["skipped"]:
        print(f"newsgraph: skipped {s['message']}", file=sys.stderr)
    if not args.quiet:
        ents = ", ".join(f"{v} {k}s" for k, v in rep["entities"].items())
        print(f"built {rep['pages']} pages, {rep['articles']} articles: {ents} "
              f"in {rep['seconds']:.2f}s -> {args.out}/graph.ttl, graph.html, report.json",
              file=sys.stderr)
    if rep["pages"] == 0:
        return 2
    return 1 if rep["skipped"] else 0
