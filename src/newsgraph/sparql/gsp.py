"""Loading the corpus into any triple store with the SPARQL 1.1 Graph Store Protocol.

Every named graph of the store (one per page, plus the corpus graph) is sent with
``PUT <endpoint>?graph=<graph IRI>`` as N-Triples: PUT replaces the graph, so pushing again
changes nothing and a re-added page replaces its old graph on the remote store too.
Standard library HTTP only.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

import pyoxigraph as ox

from newsgraph.errors import NewsgraphError, UsageError
from newsgraph.store import open_store


class PushError(NewsgraphError):
    """The remote store refused a graph or could not be reached."""


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    graph_iris: list[str] = field(default_factory=list)


def graph_url(endpoint: str, graph: str) -> str:
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def push(out_dir: Path, endpoint: str, *, timeout: float = 60.0, user: str | None = None,
         password: str | None = None) -> PushReport:
    """PUT every named graph of ``out_dir``'s store to the Graph Store ``endpoint``."""
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise UsageError(f"{endpoint}: the endpoint must be an http(s) URL, e.g. "
                         "http://localhost:7878/store")
    headers = {"Content-Type": "application/n-triples"}
    if user:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    store = open_store(out_dir)
    rep = PushReport()
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, graph)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        req = Request(graph_url(endpoint, graph.value), data=body, method="PUT",
                      headers=headers)
        try:
            with urlopen(req, timeout=timeout) as resp:
                resp.read()
        except HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:500]
            raise PushError(f"{endpoint}: {exc.code} {exc.reason} for graph {graph.value}: "
                            f"{detail}") from exc
        except (URLError, OSError) as exc:
            raise PushError(f"{endpoint}: cannot reach the store: "
                            f"{getattr(exc, 'reason', exc)}") from exc
        rep.graphs += 1
        rep.triples += len(triples)
        rep.graph_iris.append(graph.value)
    return rep
