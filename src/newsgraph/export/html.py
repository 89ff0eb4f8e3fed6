"""The interactive network view: one self-contained HTML file that needs no network.

Reads the graph's triples (so it can be regenerated from a store), builds the entity
network (:mod:`newsgraph.export.network`) and draws it with vis-network — the copy pyvis
ships, inlined, so the page makes no request at all. Every string from a page travels as
JSON data inside a ``<script type="application/json">`` block and is put on screen with
``textContent``; the Content-Security-Policy only lets the two scripts of the page run (by
hash) and forbids every fetch. Output is deterministic: same triples, same bytes.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import networkx as nx

from newsgraph.export import DEFAULT_MAX_NODES
from newsgraph.export import network as nw

KIND_STYLE = {  # label, colour, vis-network shape
    "person": ("person", "#e15759", "dot"),
    "organization": ("organisation", "#4e79a7", "square"),
    "place": ("place", "#59a14f", "triangle"),
    "event": ("event", "#b07aa1", "star"),
    "project": ("project", "#f28e2b", "diamond"),
}
COMMUNITY_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
                    "#b07aa1", "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c6d31")
SNIPPET = 120  # characters of context kept on each side of a mention, at most


def _asset(name: str) -> str:
    """vis-network's script or style as pyvis ships it, minus the source-map pointer (read
    from where pyvis is installed, without importing it: that alone would take longer)."""
    from importlib.util import find_spec

    spec = find_spec("pyvis")
    roots = list(spec.submodule_search_locations or []) if spec else []
    path = Path(roots[0], "lib", "vis-9.1.2", name) if roots else None
    if path is not None and path.is_file():
        text = path.read_text("utf-8")
    else:
        text = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text("utf-8")
    return re.sub(r"\n//# sourceMappingURL=\S*\s*$|/\*# sourceMappingURL=\S* \*/", "", text)


def json_for_script(data) -> str:
    """JSON that cannot end its ``<script>`` block or open markup, whatever the strings."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _sentence(text: str, starts: list[int], begin: int) -> tuple[int, int, bool, bool]:
    """The sentence of ``text`` holding offset ``begin``, trimmed to SNIPPET characters
    each side: start, end, and whether it was cut on the left, on the right."""
    i = bisect.bisect_right(starts, begin) - 1
    lo, hi = starts[i], starts[i + 1] if i + 1 < len(starts) else len(text)
    return max(lo, begin - SNIPPET), min(hi, begin + SNIPPET), begin - SNIPPET > lo, \
        begin + SNIPPET < hi


def payload(g: nx.Graph, data: nw.ViewData, omitted: dict | None = None, *,
            title: str = "newsgraph", focus: list[str] | None = None, depth: int = 1) -> dict:
    """Everything the page draws, as plain sorted data."""
    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    attrs = g.nodes
    pos, comm = nw.layout(g), nw.communities(g)
    sizes = Counter(comm.values())
    articles = data.articles
    used = sorted({a for n in nodes for a in attrs[n]["articles"]},
                  key=lambda a: (articles[a]["date"], a))
    art_index = {a: i for i, a in enumerate(used)}
    starts = {a: data.sentence_starts(a) for a in used}
    sent_index: dict[tuple[str, int, int], int] = {}
    sents: list[list] = []
    per_node: dict[str, list[list[int]]] = {n: [] for n in nodes}
    for art, ent, begin, end in data.mentions:
        if begin < 0 or ent not in index or art not in art_index:
            continue
        text = articles[art]["text"]
        if not 0 <= begin < end <= len(text):
            continue
        lo, hi, cut_left, cut_right = _sentence(text, starts[art], begin)
        at = sent_index.get((art, lo, hi))
        if at is None:
            at = sent_index[art, lo, hi] = len(sents)
            number = bisect.bisect_right(starts[art], begin) - 1
            sents.append([art_index[art], number, lo, text[lo:hi].rstrip(), cut_left, cut_right])
        per_node[ent].append([at, begin, min(end, hi)])

    def name_of(iri: str):
        return index.get(iri, data.entities.get(iri, {}).get("name", nw._local(iri)))

    out_nodes = []
    for n in nodes:
        d = attrs[n]
        x, y = pos[n]
        out_nodes.append({
            "id": n, "n": d["name"], "k": d["kind"], "t": d["subtype"], "a": d["alt"],
            "m": d["mentions"], "x": x, "y": y, "c": comm[n] if sizes[comm[n]] > 2 else -1,
            "ti": d["titles"], "po": [[t, name_of(o)] for t, o in d["posts"]],
            "d": d["date"], "geo": d.get("geo"), "am": d["amounts"],
            "ar": sorted([art_index[a] for a in d["articles"]]), "s": sorted(per_node[n])})
    order = {k: i for i, k in enumerate(nw.PRIORITY)}
    edges = []
    seen = set()  # g.edges(data=True), without the view (it would hold g in a cycle)
    for a, nbrs in g._adj.items():
        seen.add(a)
        for b, d in nbrs.items():
            if b in seen and b != a:
                continue
            edges.append(_edge(d, index, a, b, order))
    edges.sort(key=lambda e: (e["a"], e["b"]))
    dates = sorted({x["date"] for x in articles.values() if x["date"]} |
                   {d["date"].split("/")[0] for d in map(attrs.get, nodes) if d["date"]})
    counts = {k: 0 for k in KIND_STYLE}
    for n in nodes:
        counts[attrs[n]["kind"]] += 1
    return {
        "title": title,
        "kinds": [{"key": k, "label": lab, "color": c, "shape": s, "count": counts[k]}
                  for k, (lab, c, s) in KIND_STYLE.items()],
        "communityColors": list(COMMUNITY_COLORS),
        "nodes": out_nodes, "edges": edges,
        "articles": [{"id": a, "h": articles[a]["headline"], "d": articles[a]["date"],
                      "p": articles[a]["page"]} for a in used],
        "sentences": sents,
        "dates": [dates[0], dates[-1]] if dates else [],
        "omitted": omitted or {},
        "focus": {"names": [attrs[f]["name"] for f in focus or () if f in g],
                  "ids": [index[f] for f in focus or () if f in g], "depth": depth},
    }


def _edge(d: dict, index: dict, a: str, b: str, order: dict) -> dict:
    """An edge for the page: relations by priority, from the node the first one is from."""
    if len(d["rels"]) == 1:  # most pairs: one relation
        ((k, label, frm), c), = d["rels"].items()
        rels = [[k, label, index[frm], c]]
    else:
        rels = sorted(([k, label, index[frm], c] for (k, label, frm), c in d["rels"].items()),
                      key=lambda r: (order[r[0]], r[1], r[2]))
    frm, ia = rels[0][2], index[a]
    return {"a": frm, "b": index[b] if frm == ia else ia, "w": d["weight"], "r": rels}


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def render(page: dict) -> str:
    """The HTML page for a :func:`payload` (deterministic: same payload, same bytes)."""
    template = resources.files("newsgraph.export").joinpath("view.html").read_text("utf-8")
    vis = _asset("vis-network.min.js")
    scripts = [vis] + [m for m in re.findall(r"<script>(.*?)</script>", template, re.S)
                       if m != "{{VIS}}"]
    values = {
        "TITLE": html.escape(page["title"]),
        "CSS": _asset("vis-network.css"),
        "VIS": vis,
        "CSP": " ".join(_csp_hash(s) for s in scripts),
        "DATA": json_for_script(page),
    }
    return re.sub(r"\{\{([A-Z]+)\}\}", lambda m: values[m.group(1)], template)


@nw.without_gc
def view(triples: Iterable[tuple] | nw.ViewData, *, focus: str | None = None, depth: int = 1,
         kinds: Iterable[str] | None = None, max_nodes: int | None = DEFAULT_MAX_NODES,
         title: str = "newsgraph") -> str:
    """The HTML page of ``triples`` (or of what :func:`network.read_store` read), narrowed
    as :func:`network.select` does."""
    data = nw.read(triples)
    g = nw.entity_graph(data)
    targets = nw.find(g, focus) if focus else None
    if focus and not targets:
        from newsgraph.errors import UsageError

        raise UsageError(f"--focus: no entity is named {focus!r}")
    sub, omitted = nw.select(g, focus=targets, depth=depth, kinds=kinds, max_nodes=max_nodes)
    return render(payload(sub, data, omitted, title=title, focus=targets, depth=depth))


def write_html(triples: Iterable[tuple] | nw.ViewData, path: Path, **options) -> None:
    from newsgraph.fsutil import atomic_write

    atomic_write(path, view(triples, **options))
