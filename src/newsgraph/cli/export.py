"""Write the corpus in DIR's store as a file: graph.ttl (Turtle), graph.nq (N-Quads, a
named graph per page), graph.jsonld (JSON-LD) or graph.html (the network view).

Output is deterministic: the same store gives the same bytes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ORDER = 15
HELP = "write the store as Turtle, N-Quads, JSON-LD or the HTML view"
EXAMPLES = """examples:
  newsgraph export -o output --format nquads     output/graph.nq, one graph per page
  newsgraph export -o output --format jsonld     output/graph.jsonld"""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--out", default="output", type=Path, metavar="DIR",
                   help="the corpus folder (default: output)")
    p.add_argument("--format", default="turtle",
                   choices=("turtle", "nquads", "jsonld", "html"), help="default: turtle")


def run(args: argparse.Namespace) -> int:
    from newsgraph.store import export

    path = export(args.out, args.format)
    print(f"wrote {path}", file=sys.stderr)
    return 0
