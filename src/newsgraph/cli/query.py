"""Run a SPARQL query on the corpus in DIR's store and print the results.

Queries see the union of all page graphs (GRAPH ?g reaches one page's graph) and may use
the prefixes ng:, schema:, org:, prov:, time:, geo:, nif:, itsrdf:, skos:, owl:, rdf:,
rdfs:, xsd: and id: (the entity base) without declaring them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsgraph.errors import NewsgraphError, UsageError

ORDER = 30
HELP = "run a SPARQL query on the store (table, CSV, TSV or JSON)"
EXAMPLES = """examples:
  newsgraph query 'SELECT ?name WHERE { ?p a ng:Official ; schema:name ?name }'
  newsgraph query -f queries/officials-posts.rq --format csv > posts.csv
  newsgraph query -f queries/person-timeline.rq --bind name=张强
CONSTRUCT and DESCRIBE print Turtle. exit status: 0 ok; 1 the query failed; 2 usage."""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", metavar="QUERY", help="the SPARQL query text")
    p.add_argument("-f", "--file", type=Path, metavar="FILE.rq", help="read the query here")
    p.add_argument("-o", "--out", default="output", type=Path, metavar="DIR",
                   help="the corpus folder (default: output)")
    p.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json"),
                   help="how to print solutions (default: table)")
    p.add_argument("--bind", action="append", default=[], metavar="VAR=VALUE",
                   help="give ?VAR a value before the query runs: <IRI>, a literal in "
                   'N-Triples syntax ("2023-10-12"^^<http://www.w3.org/2001/XMLSchema#date>) '
                   "or plain text, read as a Chinese literal (张强 is \"张强\"@zh); repeatable")


def run(args: argparse.Namespace) -> int:
    from newsgraph.sparql import formats
    from newsgraph.store import open_store

    if (args.query is None) == (args.file is None):
        raise UsageError("give a QUERY or -f FILE.rq (one of them)")
    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.file}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise UsageError(f"{args.file}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x}"
                             f" at byte {exc.start + 1})") from exc
    else:
        text = args.query
    bindings = dict(formats.parse_binding(b) for b in args.bind)
    store = open_store(args.out)
    try:
        result = formats.run(store, text, substitutions=bindings)
    except formats.QueryError as exc:
        raise NewsgraphError(str(exc)) from exc
    fmt = "turtle" if result.kind == "graph" else args.format
    sys.stdout.write(formats.write(result, fmt))
    return 0
