"""Add pages to the corpus in DIR: its store, graph.ttl and graph.html.

A page already in the corpus (same file name) is replaced, so adding a page again changes
nothing. With no store in DIR yet, starts one. Use newsgraph build to start afresh."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from newsgraph.errors import UsageError

ORDER = 12
HELP = "add pages to an existing corpus (a page added again replaces itself)"
EXAMPLES = """examples:
  newsgraph add new-pages/ -o output      every page file below new-pages/
  newsgraph add 2023-10-13-p1.txt -o output --date 2023-10-13
exit status: 0 every page added; 1 some pages skipped; 2 usage error or nothing added."""


def configure(p: argparse.ArgumentParser) -> None:
    from newsgraph.cli.build import _date, _workers

    p.add_argument("inputs", nargs="+", metavar="PAGE",
                   help="page files, folders of them (*.txt, *.html, *.htm), or - for "
                   "standard input")
    p.add_argument("-o", "--out", default="output", type=Path, metavar="DIR",
                   help="the corpus folder (default: output)")
    p.add_argument("--date", type=_date, help="the issue date of the pages (YYYY-MM-DD)")
    p.add_argument("--home-city", default=None,
                   help="the paper's home city (default: the corpus's own)")
    p.add_argument("--base", default=None, help="base IRI (default: the corpus's own)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument("--workers", type=_workers, default=None, metavar="N",
                   help="pages processed in N processes (default: the machine's cores)")


def run(args: argparse.Namespace) -> int:
    from newsgraph.pipeline import collect_sources
    from newsgraph.store import add

    sources = collect_sources(args.inputs)
    if not sources:
        raise UsageError("no pages to add (no *.txt or *.html found in the inputs)")
    rep = add(sources, args.out, home_city=args.home_city, issue_date=args.date,
              base=args.base, progress=not args.quiet,
              workers=args.workers or os.cpu_count() or 1)
    for s in rep["skipped"]:
        print(f"newsgraph: skipped {s['message']}", file=sys.stderr)
    if not args.quiet:
        print(f"added {len(rep['pages_added'])} pages, replaced {len(rep['pages_replaced'])}; "
              f"{rep['graphs_rewritten']} page graphs rewritten, {rep['quads']} quads written in "
              f"{rep['seconds']:.2f}s -> {args.out}/store, graph.ttl, graph.html",
              file=sys.stderr)
    if not rep["pages_added"] and not rep["pages_replaced"]:
        return 2
    return 1 if rep["skipped"] else 0
