"""Write the interactive network view of a built graph: DIR/view.html.

Reads the graph's triples (the store in DIR/store, else DIR/graph.ttl, or --graph FILE in
any RDF syntax rdflib reads)
and writes one self-contained HTML page that opens from a file with no network. Narrow it
to an entity and its neighbours (--focus, --depth), to some kinds (--kinds), or to the
most connected nodes (--max-nodes); the page says what it left out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ORDER = 20
HELP = "write the interactive HTML network view (focus, kinds, node bound)"
EXAMPLES = """examples:
  newsgraph view -o output                         output/graph.ttl -> output/view.html
  newsgraph view -o output --focus 张强 --depth 2   张强 and everything two steps away
  newsgraph view -o output --kinds person,event --max-nodes 2000
exit status: 0 written; 1 the graph could not be read; 2 usage error (no graph, no
entity of that name, unknown kind)."""


def _kinds(text: str) -> list[str]:
    from newsgraph.export.network import KINDS

    kinds = [k.strip() for k in text.split(",") if k.strip()]
    bad = [k for k in kinds if k not in KINDS]
    if bad or not kinds:
        raise argparse.ArgumentTypeError(
            f"unknown kind {', '.join(bad) or text!r}; choose from {', '.join(KINDS)}")
    return kinds


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"not a whole number >= 0: {text!r}")
    return value


def configure(p: argparse.ArgumentParser) -> None:
    from newsgraph.export import DEFAULT_MAX_NODES

    p.add_argument("-o", "--out", default="output", type=Path, metavar="DIR",
                   help="the build folder: reads DIR/store (or DIR/graph.ttl), writes "
                   "DIR/view.html (default: output)")
    p.add_argument("--graph", type=Path, metavar="FILE",
                   help="read the triples from FILE instead (Turtle, N-Triples, N-Quads, TriG)")
    p.add_argument("--name", default="view.html", help="file name of the page in DIR "
                   "(default: view.html)")
    p.add_argument("--focus", metavar="NAME", help="show this entity (its name, another "
                   "name, or part of a name) and its neighbours")
    p.add_argument("--depth", type=_positive, default=2,
                   help="with --focus: how many steps away to go (default: 2)")
    p.add_argument("--kinds", type=_kinds, metavar="KIND,…",
                   help="only these kinds: person, organization, place, event, project")
    p.add_argument("--max-nodes", type=_positive, default=DEFAULT_MAX_NODES, metavar="N",
                   help=f"keep the N most connected entities (default: {DEFAULT_MAX_NODES})")
    p.add_argument("--title", default=None, help="the page's title (default: newsgraph)")
    p.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")


def _read_file(source: Path):
    import rdflib
    from rdflib.util import guess_format

    from newsgraph.errors import NewsgraphError, UsageError

    if not source.is_file():
        raise UsageError(f"{source}: no such graph (run newsgraph build first, or give --graph)")
    fmt = guess_format(str(source)) or "turtle"
    store = rdflib.Dataset() if fmt in ("nquads", "trig") else rdflib.Graph()
    try:
        store.parse(source, format=fmt)
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise NewsgraphError(f"{source}: cannot read the graph ({exc})") from exc
    return store.quads() if isinstance(store, rdflib.Dataset) else store


def run(args: argparse.Namespace) -> int:
    from newsgraph.export.html import view
    from newsgraph.fsutil import atomic_write

    if args.graph is None and (args.out / "store" / "corpus.json").is_file():
        from newsgraph.export.network import read_store
        from newsgraph.store import open_store

        store = open_store(args.out)  # read-only: no lock needed
        triples = read_store(store)  # what the view needs, straight from the store
        del store
    else:
        triples = _read_file(args.graph or args.out / "graph.ttl")
    page = view(triples, focus=args.focus, depth=args.depth, kinds=args.kinds,
                max_nodes=args.max_nodes, title=args.title or "newsgraph")
    target = args.out / args.name
    atomic_write(target, page)
    if not args.quiet:
        print(f"wrote {target}", file=sys.stderr)
    return 0
