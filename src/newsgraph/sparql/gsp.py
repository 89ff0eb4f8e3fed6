"""Loading the corpus into any triple store with the SPARQL 1.1 Graph Store Protocol.

Every named graph of the store (one per page, plus the corpus graph) is sent with
``PUT <endpoint>?graph=<graph IRI>`` as N-Triples: PUT replaces the graph, so pushing again
changes nothing and a re-added page replaces its old graph on the remote store too.
``DIR/pushed.json`` records, for each endpoint, the graphs last pushed there; a graph
pushed before that the store no longer has (its page left the corpus with a new build) is
deleted from the remote store (``DELETE``), and nothing else there is touched.
Standard library HTTP only.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit
from urllib.request import Request, urlopen

import pyoxigraph as ox

from newsgraph.errors import NewsgraphError, UsageError
from newsgraph.fsutil import atomic_write
from newsgraph.store import open_store

PUSHED = "pushed.json"  # endpoint -> the graph IRIs last pushed there


class PushError(NewsgraphError):
    """The remote store refused a graph or could not be reached."""


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0
    graph_iris: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # graphs pushed before, now gone


def graph_url(endpoint: str, graph: str) -> str:
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def push(out_dir: Path, endpoint: str, *, timeout: float = 60.0, user: str | None = None,
         password: str | None = None) -> PushReport:
    """PUT every named graph of ``out_dir``'s store to the Graph Store ``endpoint``; DELETE
    the graphs last pushed there that the store no longer has."""
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise UsageError(f"{endpoint}: the endpoint must be an http(s) URL, e.g. "
                         "http://localhost:7878/store")
    headers = {}
    if user:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    record = Path(out_dir) / PUSHED
    pushed = _read_record(record)
    store = open_store(out_dir)
    rep = PushReport()
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, graph)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        _send(Request(graph_url(endpoint, graph.value), data=body, method="PUT",
                      headers=headers | {"Content-Type": "application/n-triples"}),
              endpoint, graph.value, timeout)
        rep.graphs += 1
        rep.triples += len(triples)
        rep.graph_iris.append(graph.value)
    have = set(rep.graph_iris)
    for gone in sorted(set(pushed.get(endpoint, ())) - have):
        _send(Request(graph_url(endpoint, gone), method="DELETE", headers=headers),
              endpoint, gone, timeout, missing_ok=True)
        rep.deleted.append(gone)
    pushed[endpoint] = rep.graph_iris
    atomic_write(record, json.dumps(pushed, ensure_ascii=False, indent=1, sort_keys=True)
                 + "\n")
    return rep


def _read_record(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a record of pushed graphs ({exc}); remove it to "
                         "push without deleting the graphs pushed before") from exc
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise UsageError(f"{path}: not a record of pushed graphs (an object of lists); "
                         "remove it to push without deleting the graphs pushed before")
    return data


def _send(req: Request, endpoint: str, graph: str, timeout: float, *,
          missing_ok: bool = False) -> None:
    try:
        with urlopen(req, timeout=timeout) as resp:
            resp.read()
    except HTTPError as exc:
        if missing_ok and exc.code == 404:  # deleted there already
            return
        detail = exc.read().decode("utf-8", "replace")[:500]
        raise PushError(f"{endpoint}: {exc.code} {exc.reason} for graph {graph}: "
                        f"{detail}") from exc
    except (URLError, OSError) as exc:
        raise PushError(f"{endpoint}: cannot reach the store: "
                        f"{getattr(exc, 'reason', exc)}") from exc
