"""The interactive network view: one self-contained HTML file, no network needed.

Reads the graph's triples (so it can be regenerated from the store), builds a networkx
graph of entities, and draws it with vis-network (the copy that pyvis ships, inlined).
Every string from a page goes into the page as JSON data, never as markup.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from newsgraph.rdf.namespaces import NG, SCHEMA

KIND_OF_CLASS = {
    SCHEMA.Person: "person", NG.Official: "person", NG.Journalist: "person",
    SCHEMA.Place: "place", SCHEMA.Country: "place", NG.AdministrativeArea: "place",
    NG.Zone: "place", NG.Landmark: "place", NG.NaturalPlace: "place", NG.Region: "place",
    NG.Project: "project",
}
COLORS = {"person": "#e15759", "place": "#59a14f", "organization": "#4e79a7",
          "project": "#f28e2b", "event": "#b07aa1"}
SHAPES = {"person": "dot", "place": "triangle", "organization": "square",
          "project": "diamond", "event": "star"}
EDGE_PROPS = {
    SCHEMA.location: "located in", SCHEMA.containedInPlace: "inside",
    SCHEMA.attendee: "took part", SCHEMA.organizer: "organised", SCHEMA.sponsor: "behind",
    NG.chair: "chaired", NG.leader: "led", NG.speaker: "spoke", NG.accompanier: "accompanied",
}


def _kind(types: set) -> str | None:
    for t in types:
        if t in KIND_OF_CLASS:
            return KIND_OF_CLASS[t]
    s = {str(t) for t in types}
    if any("Organization" in t or "Corporation" in t or "Hospital" in t or "NGO" in t
           for t in s):
        return "organization"
    if any(t.endswith(("Event", "Festival", "Meeting", "Conference", "Forum", "Training",
                       "Inspection", "Ceremony", "Launch", "Contest", "Campaign")) for t in s):
        return "event"
    return None


def network(triples: Iterable[tuple]) -> nx.Graph:
    """The entity network: entities as nodes, relations and co-mentions as edges."""
    types: dict = defaultdict(set)
    names: dict = {}
    mentions: dict = defaultdict(set)
    edges: list[tuple] = []
    headlines: dict = {}
    for s, p, o, *_ in triples:
        if p == RDF.type:
            types[s].add(o)
        elif p == SCHEMA.name and isinstance(o, Literal):
            names[s] = str(o)
        elif p == SCHEMA.mentions:
            mentions[s].add(o)
        elif p == SCHEMA.headline:
            headlines[s] = str(o)
        elif p in EDGE_PROPS and isinstance(o, URIRef):
            edges.append((s, o, EDGE_PROPS[p]))
        elif p == SCHEMA.author and isinstance(o, URIRef):
            edges.append((o, s, "wrote"))
    g = nx.Graph()
    count: Counter = Counter()
    for art, ents in mentions.items():
        for e in ents:
            count[e] += 1
    for node, ts in types.items():
        kind = _kind(ts)
        if kind and node in names:
            g.add_node(str(node), label=names[node], kind=kind, mentions=count[node])
    for art, ents in mentions.items():
        ents = sorted(str(e) for e in ents if str(e) in g)
        for i, a in enumerate(ents):
            for b in ents[i + 1:]:
                if g.has_edge(a, b):
                    g[a][b]["weight"] += 1
                else:
                    g.add_edge(a, b, label="mentioned together", weight=1)
    for a, b, label in edges:
        a, b = str(a), str(b)
        if a in g and b in g:
            g.add_edge(a, b, label=label, weight=g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1)
    return g


def _asset(name: str) -> str:
    return resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text("utf-8")


def _json_for_script(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render(g: nx.Graph, *, title: str = "newsgraph") -> str:
    """The HTML page for network ``g`` (deterministic: same graph, same bytes)."""
    pos = nx.spring_layout(g, seed=7, iterations=60) if len(g) else {}
    nodes = []
    for n in sorted(g.nodes):
        d = g.nodes[n]
        x, y = pos.get(n, (0.0, 0.0))
        nodes.append({"id": n, "label": d["label"], "group": d["kind"],
                      "color": COLORS[d["kind"]], "shape": SHAPES[d["kind"]],
                      "value": 1 + d.get("mentions", 0), "title": f"{d['label']} ({d['kind']})",
                      "x": round(float(x) * 1000, 1), "y": round(float(y) * 1000, 1)})
    edges = [{"from": a, "to": b, "label": d["label"] if d["label"] != "mentioned together"
              else "", "title": d["label"], "value": d["weight"]}
             for a, b, d in sorted(g.edges(data=True))]
    data = _json_for_script({"nodes": nodes, "edges": edges})
    legend = "".join(
        f'<span class="key"><i style="background:{c}"></i>{k}</span>' for k, c in COLORS.items())
    template = resources.files("newsgraph.export").joinpath("view.html").read_text("utf-8")
    return (template.replace("{{TITLE}}", title)
            .replace("{{CSS}}", _asset("vis-network.css"))
            .replace("{{JS}}", _asset("vis-network.min.js"))
            .replace("{{LEGEND}}", legend)
            .replace("{{DATA}}", data))


def write_html(triples: Iterable[tuple], path: Path) -> None:
    from newsgraph.fsutil import atomic_write

    atomic_write(path, render(network(triples)))
