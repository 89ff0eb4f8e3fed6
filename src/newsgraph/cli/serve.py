"""Serve the corpus in DIR's store as a read-only SPARQL 1.1 endpoint at /sparql.

GET and POST per the SPARQL 1.1 Protocol; results as JSON, XML, CSV or TSV by content
negotiation (or ?format=json|xml|csv|tsv), CONSTRUCT as Turtle. Updates are refused.
Each query runs in a worker process under a time limit and a result size limit. Open the
address in a browser for a small query page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ORDER = 35
HELP = "serve the store as a read-only SPARQL endpoint (and a query page)"
EXAMPLES = """examples:
  newsgraph serve -o output                     http://127.0.0.1:7878/sparql
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 3' \\
       http://127.0.0.1:7878/sparql
Bound to 127.0.0.1 unless --host says otherwise; it has no authentication."""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--out", default="output", type=Path, metavar="DIR",
                   help="the corpus folder (default: output)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    p.add_argument("--port", default=7878, type=int, help="port (default: 7878; 0: any free)")
    p.add_argument("--timeout", default=10.0, type=float, metavar="SECONDS",
                   help="stop a query after this long (default: 10)")
    p.add_argument("--max-rows", default=10_000, type=int, metavar="N",
                   help="refuse results with more rows or triples (default: 10000)")
    p.add_argument("--workers", default=2, type=int,
                   help="queries run at once, each in its own process (default: 2)")
    p.add_argument("-v", "--verbose", action="store_true", help="log every request")


def run(args: argparse.Namespace) -> int:
    from newsgraph.errors import UsageError
    from newsgraph.sparql.server import Limits, SparqlServer
    from newsgraph.store import open_store, store_path

    open_store(args.out)  # fails early, with a clear message, when there is no store
    if args.timeout <= 0 or args.max_rows < 1 or args.workers < 1:
        raise UsageError("--timeout, --max-rows and --workers must be positive")
    limits = Limits(timeout=args.timeout, max_rows=args.max_rows, workers=args.workers)
    try:
        server = SparqlServer(store_path(args.out), args.host, args.port, limits,
                              verbose=args.verbose)
    except OSError as exc:
        raise UsageError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from exc
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"newsgraph: warning: listening on {args.host}, reachable from other machines; "
              "the endpoint has no authentication", file=sys.stderr)
    print(f"serving {args.out}/store at {server.url} (Ctrl-C stops)", file=sys.stderr,
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
