"""Load the corpus in DIR's store into another triple store, a named graph per page, with
the SPARQL 1.1 Graph Store Protocol (HTTP PUT of each graph, so pushing again is safe;
the graphs pushed before that the corpus no longer has are deleted: DIR/pushed.json).

ENDPOINT is the store's Graph Store Protocol URL: http://HOST:7878/store for Oxigraph,
http://HOST:3030/DATASET/data for Fuseki, …/rdf-graph-store for Virtuoso."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ORDER = 40
HELP = "push every graph to a triple store (SPARQL 1.1 Graph Store Protocol)"
EXAMPLES = """examples:
  oxigraph serve --location remote-db &
  newsgraph push -o output --endpoint http://localhost:7878/store
  NEWSGRAPH_PASSWORD=… newsgraph push --endpoint https://fuseki.example/news/data --user me"""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--out", default="output", type=Path, metavar="DIR",
                   help="the corpus folder (default: output)")
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store Protocol endpoint")
    p.add_argument("--user", default=None,
                   help="HTTP basic auth user (password from $NEWSGRAPH_PASSWORD)")
    p.add_argument("--timeout", default=60.0, type=float, metavar="SECONDS",
                   help="per request (default: 60)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary")


def run(args: argparse.Namespace) -> int:
    from newsgraph.sparql.gsp import push

    rep = push(args.out, args.endpoint, timeout=args.timeout, user=args.user,
               password=os.environ.get("NEWSGRAPH_PASSWORD"))
    if not args.quiet:
        gone = f"; deleted {len(rep.deleted)} graphs pushed before" if rep.deleted else ""
        print(f"pushed {rep.graphs} graphs, {rep.triples} triples to {args.endpoint}{gone}",
              file=sys.stderr)
    return 0
