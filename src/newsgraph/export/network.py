"""The entity network the view draws, read from the graph's triples (networkx).

:func:`read` collects what the view shows from any iterable of triples or quads (so the
view can be regenerated from a store), :func:`read_store` the same straight from a
pyoxigraph store (strings, not term objects); :func:`entity_graph` turns it into a networkx
graph whose nodes are entities (never literals, articles, mentions or other internal
nodes) and whose edges are the relations an analyst reads: a post held in an
organisation, taking part in an event, located in a place, behind a project, writing
about something, and being mentioned together in one sentence. :func:`select` narrows
the graph (focus, kinds, a node bound), :func:`layout` and :func:`communities` are
seeded, so the same triples always give the same picture.
"""

from __future__ import annotations

import bisect
import functools
import gc
import itertools
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from rdflib import Literal

from newsgraph.rdf.namespaces import GEO, ITSRDF, NG, NIF, ORG, SCHEMA

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
KINDS = ("person", "organization", "place", "event", "project")

_S, _N = str(SCHEMA), str(NG)
_KIND_OF: dict[str, tuple[str, str]] = {
    _S + "Person": ("person", ""), _N + "Official": ("person", "official"),
    _N + "Journalist": ("person", "journalist"),
    _S + "Organization": ("organization", ""), str(ORG.Organization): ("organization", ""),
    _N + "PartyOrganization": ("organization", "party"), _S + "NGO": ("organization", "ngo"),
    _S + "GovernmentOrganization": ("organization", "government"),
    _S + "Corporation": ("organization", "corporation"),
    _S + "Hospital": ("organization", "hospital"),
    _S + "EducationalOrganization": ("organization", "school"),
    _S + "NewsMediaOrganization": ("organization", "media"),
    _S + "Place": ("place", ""), _S + "Country": ("place", "country"),
    _N + "AdministrativeArea": ("place", ""), _N + "Zone": ("place", "zone"),
    _N + "Landmark": ("place", "landmark"), _N + "NaturalPlace": ("place", "natural"),
    _N + "Region": ("place", "region"),
    _S + "Event": ("event", ""), _S + "Festival": ("event", "festival"),
    _N + "Project": ("project", ""),
}
for _e in ("Meeting", "Conference", "Forum", "Training", "Inspection", "Ceremony", "Launch",
           "Contest", "Campaign"):
    _KIND_OF[_N + _e] = ("event", _e.lower())

# predicate -> (relation key, label, True when the edge reads object -> subject)
RELATIONS: dict[str, tuple[str, str, bool]] = {
    str(NG.chair): ("event", "chaired", True), str(NG.speaker): ("event", "spoke at", True),
    str(NG.leader): ("event", "led", True), str(NG.accompanier): ("event", "accompanied", True),
    str(NG.participant): ("event", "took part in", True),
    str(SCHEMA.attendee): ("event", "took part in", True),
    str(SCHEMA.organizer): ("event", "organised", True),
    str(SCHEMA.sponsor): ("project", "behind", True), str(NG.sponsor): ("project", "behind", True),
    str(SCHEMA.location): ("place", "located in", False),
    str(SCHEMA.containedInPlace): ("place", "located in", False),
    str(ORG.subOrganizationOf): ("org", "part of", False),
}
# which relation names an edge when a pair has several (most specific first)
PRIORITY = ("post", "event", "project", "org", "place", "wrote", "co")
_P = {k: str(v) for k, v in {
    "name": SCHEMA.name, "alt": SCHEMA.alternateName, "job": SCHEMA.jobTitle,
    "headline": SCHEMA.headline, "published": SCHEMA.datePublished, "part": SCHEMA.isPartOf,
    "text": NIF.isString, "mentions": SCHEMA.mentions, "author": SCHEMA.author,
    "start": SCHEMA.startDate, "end": SCHEMA.endDate, "lat": GEO.lat, "long": GEO.long,
    "ref": ITSRDF.taIdentRef, "ctx": NIF.referenceContext, "begin": NIF.beginIndex,
    "endi": NIF.endIndex, "anchor": NIF.anchorOf, "member": ORG.member,
    "org": ORG.organization, "post": NG.postTitle, "amount": NG.amount,
    "desc": SCHEMA.description, "issue": NG.issueDate, "source": NG.sourceFile,
    "article": SCHEMA.NewsArticle, "label": RDFS_LABEL,
}.items()}
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


@dataclass
class ViewData:
    """What the view needs from the triples, keyed by IRI (plain strings)."""

    entities: dict[str, dict] = field(default_factory=dict)
    articles: dict[str, dict] = field(default_factory=dict)
    # (article, entity, begin, end): where the article's text names the entity
    mentions: list[tuple[str, str, int, int]] = field(default_factory=list)
    # (from, to, relation key, label)
    relations: list[tuple[str, str, str, str]] = field(default_factory=list)
    # article -> start offsets of its sentences (see sentence_starts)
    starts: dict[str, list[int]] = field(default_factory=dict, repr=False, compare=False)

    def sentence_starts(self, article: str) -> list[int]:
        """:func:`sentences` of the article's text, worked out once."""
        found = self.starts.get(article)
        if found is None:
            found = self.starts[article] = sentences(self.articles[article]["text"])
        return found


def without_gc(func):
    """``func`` with the cyclic garbage collector paused: the view is made of hundreds of
    thousands of small containers in no cycle, which each full collection would walk."""
    @functools.wraps(func)
    def paused(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused


def _local(iri: str) -> str:
    from urllib.parse import unquote

    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


# what read() keeps: literal values and references of these predicates, and these types
_LIT_KEYS = ("name", "label", "alt", "job", "headline", "published", "text", "start", "end",
             "lat", "long", "post", "desc", "issue", "source", "begin", "endi")
_REF_KEYS = ("part", "amount", "member", "org", "mentions", "author", "ref", "ctx")
_LIT_PREDS = frozenset(_P[k] for k in _LIT_KEYS)
_REF_PREDS = frozenset([*(_P[k] for k in _REF_KEYS), *RELATIONS])
_TYPES = frozenset([*_KIND_OF, _P["article"]])


class _Nodes:
    """The relevant types of each node; the literal values and the references of each
    (node, predicate IRI), as sets of strings; ``mentions``, when a store has worked them
    out already: (article, entity, begin, end), -1 for an article-level schema:mentions."""

    def __init__(self) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        self.lits: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.refs: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.mentions: list[tuple[str, str, int, int]] | None = None

    def lit(self, node: str, key: str) -> list[str]:  # a triple stated by many pages counts once
        found = self.lits.get((node, _P[key]))
        return sorted(found) if found else []

    def ref(self, node: str, key: str) -> list[str]:
        found = self.refs.get((node, _P[key]))
        return sorted(found) if found else []

    def mention_rows(self) -> list[tuple[str, str, int, int]]:
        if self.mentions is not None:
            return self.mentions
        refs, ref, ctx, mentions = self.refs, _P["ref"], _P["ctx"], _P["mentions"]
        found = []
        for (node, p), values in refs.items():
            if p == mentions:
                found += [(node, ent, -1, -1) for ent in values]
            elif p == ref and (node, ctx) in refs:  # a nif:Phrase: its first begin and end
                begin, end = self.lit(node, "begin"), self.lit(node, "endi")  # as strings sort
                if begin and end:
                    b, e = int(begin[0]), int(end[0])
                    found += [(art, ent, b, e) for art in refs[node, ctx] for ent in values]
        return found


@without_gc
def read(triples: Iterable[tuple]) -> ViewData:
    """Collect entities, articles, mentions and relations from triples (or quads); a
    :class:`ViewData` (what :func:`read_store` returns) is taken as it is."""
    if isinstance(triples, ViewData):
        return triples
    nodes = _Nodes()
    types, lits, refs = nodes.types, nodes.lits, nodes.refs
    for s, p, o, *_ in triples:
        p = str(p)
        if p == RDF_TYPE:
            if (o := str(o)) in _TYPES:
                types[str(s)].add(o)
        elif isinstance(o, Literal):
            if p in _LIT_PREDS:
                lits[str(s), p].add(str(o))
        elif p in _REF_PREDS:
            refs[str(s), p].add(str(o))
    return _collect(nodes)


def _collect(nodes: _Nodes) -> ViewData:
    lit, ref = nodes.lit, nodes.ref
    data = ViewData()
    for node, ts in nodes.types.items():
        if _P["article"] in ts:
            page = (ref(node, "part") or [""])[0]
            data.articles[node] = {
                "headline": (lit(node, "headline") or [""])[0],
                "date": (lit(node, "published") or lit(page, "issue") or [""])[0],
                "page": (lit(page, "source") or [_local(page)] if page else [""])[0],
                "text": (lit(node, "text") or [""])[0]}
        kinds = sorted(_KIND_OF[t] for t in ts if t in _KIND_OF)
        if not kinds:
            continue
        names = lit(node, "name") or lit(node, "label") or [_local(node)]
        kind = kinds[0][0]
        ent = {"kind": kind, "subtype": max(k[1] for k in kinds if k[0] == kind),
               "name": names[0], "alt": sorted(set(lit(node, "alt") + names[1:]) - {names[0]}),
               "titles": lit(node, "job"), "posts": [], "date": "",
               "amounts": sorted(d for a in ref(node, "amount") for d in lit(a, "desc"))}
        start, end = lit(node, "start"), lit(node, "end")
        if start:
            ent["date"] = start[0] + (f"/{end[-1]}" if end and end[-1] != start[0] else "")
        lat, long = lit(node, "lat"), lit(node, "long")
        if lat and long:
            ent["geo"] = [float(lat[0]), float(long[0])]
        data.entities[node] = ent
    relations = set()
    refs, member, org, author = nodes.refs, _P["member"], _P["org"], _P["author"]
    for (node, p), values in refs.items():
        if p in RELATIONS:
            key, label, back = RELATIONS[p]
            relations.update((v, node, key, label) if back else (node, v, key, label)
                             for v in values)
        elif p == member and (node, org) in refs:  # an org:Membership
            title = (lit(node, "post") or [_local(node)])[0]
            for person in values:
                for o in refs[node, org]:
                    relations.add((person, o, "post", title))
                    if person in data.entities:
                        data.entities[person]["posts"].append((title, o))
        elif p == author:
            relations.update((person, node, "wrote", "wrote about") for person in values)
    # an article-level mention says nothing a phrase of the same pair does not
    mentions = set(nodes.mention_rows())
    placed = {(a, e) for a, e, begin, _end in mentions if begin >= 0}
    data.mentions = sorted(m for m in mentions if m[2] >= 0 or (m[0], m[1]) not in placed)
    # schema:attendee repeats each participant role: keep "took part in" only when alone
    roles = {(a, b) for a, b, key, label in relations
             if key == "event" and label not in ("took part in", "organised")}
    data.relations = sorted(r for r in relations
                            if not (r[3] == "took part in" and (r[0], r[1]) in roles))
    for ent in data.entities.values():
        ent["posts"] = [list(x) for x in sorted(set(ent["posts"]))]
    return data


_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\"}


def _tsv_term(v: str) -> tuple[bool, str]:
    """A term of a SPARQL TSV result: (is a literal, str() of its rdflib term)."""
    if v[:1] == "<":
        return False, v[1:-1]
    if v[:2] == "_:":
        return False, v[2:]
    if v[:1] == '"':  # "…", "…"@lang or "…"^^<datatype>
        v = v[1:v.rindex('"')]
        return True, re.sub(r"\\(.)", lambda m: _TSV_ESCAPES[m[1]], v) if "\\" in v else v
    return True, v  # a number or a boolean, written bare


@without_gc
def read_store(store, graphs: Iterable[str] | None = None) -> ViewData:
    """:func:`read` of a pyoxigraph store's default graph (the union of its named graphs),
    or of the union of the named ``graphs``: the same result, from two SPARQL queries
    answered as TSV (strings; no term objects; phrases joined and grouped in the store)."""
    import pyoxigraph as ox

    # the union of some named graphs: each pattern matches once per graph stating it
    default = None if graphs is None else {"default_graph": [ox.NamedNode(g) for g in graphs]}

    def rows(query: str, distinct: bool = True) -> str:  # TSV lines, without the header
        if default is not None and distinct:
            query = query.replace("SELECT", "SELECT DISTINCT", 1)
        text = store.query(query, **(default or {})).serialize(
            format=ox.QueryResultsFormat.TSV).decode()
        return text[text.index("\n") + 1:]

    def table(var: str, iris: list[str], first: int) -> str:
        return f"VALUES (?{var} ?k) {{ " + " ".join(
            f"(<{v}> {first + i})" for i, v in enumerate(iris)) + " }"

    def fill(nodes: _Nodes, text: str, keys: list[str], n_types: int) -> None:
        """Rows ``k``, subject, object: a type (k < n_types), a literal or a reference."""
        role = {str(k): (key, 0 if k < n_types else 1 if key in _LIT_PREDS else 2)
                for k, key in enumerate(keys)}
        types, lits, refs = nodes.types, nodes.lits, nodes.refs
        lines = text.split("\n")
        lines.pop()
        for line in lines:
            k, s, o = line.split("\t")
            s = s[1:-1] if s[0] == "<" else _tsv_term(s)[1]
            key, kind = role[k]
            if kind == 0:
                types[s].add(key)
            elif o[0] == "<":
                if kind == 2:
                    refs[s, key].add(o[1:-1])
            elif o[0] == '"' and kind == 1 and "\\" not in o:  # most literals
                lits[s, key].add(o[1:o.rindex('"')])
            else:
                is_lit, o = _tsv_term(o)
                if is_lit == (kind == 1):
                    (lits if is_lit else refs)[s, key].add(o)

    nodes = _Nodes()
    phrase = {_P[k] for k in ("ref", "ctx", "begin", "endi", "mentions")}
    types, preds = sorted(_TYPES), sorted((_LIT_PREDS | _REF_PREDS) - phrase - {RDFS_LABEL})
    fill(nodes, rows("SELECT ?k ?s ?o WHERE { { " + table("t", types, 0) + " ?s a ?t } UNION { " +
                     table("p", preds, len(types)) + " ?s ?p ?o } }"),
         [*types, *preds], len(types))
    if any((n, _P["name"]) not in nodes.lits for n, ts in nodes.types.items()
           if ts - {_P["article"]}):  # rdfs:label names what has no schema:name
        fill(nodes, rows(f"SELECT (0 AS ?k) ?s ?o WHERE {{ ?s <{RDFS_LABEL}> ?o }}"),
             [RDFS_LABEL], 0)
    # each (article, entity) pair once: its phrases' "begin,end", and how many rows and
    # phrases gave them (more rows than phrases: a phrase with several begins or ends, or a
    # triple of it in several of the graphs: then the phrases are read as read() does)
    part = " ".join(f"{{ SELECT ?ph ?{v} WHERE {{ ?ph <{_P[k]}> ?{v} }} }}"
                    for v, k in (("e", "ref"), ("c", "ctx"), ("b", "begin"), ("n", "endi")))
    found = rows(
        "SELECT ?c ?e (GROUP_CONCAT(?span) AS ?spans) (COUNT(?ph) AS ?rows) "
        f"(COUNT(DISTINCT ?ph) AS ?phrases) WHERE {{ {{ {part} "
        "BIND(CONCAT(STR(?b), ',', STR(?n)) AS ?span) } UNION { "
        f"?c <{_P['mentions']}> ?e BIND('' AS ?span) }} }} GROUP BY ?c ?e", distinct=False)
    try:
        mentions = []
        lines = found.split("\n")
        lines.pop()
        for line in lines:
            c, e, spans, n_rows, n_phrases = line.split("\t")
            if c[0] == "<" and e[0] == "<":
                c, e = c[1:-1], e[1:-1]
            else:  # blank nodes (named as rdflib names them); a literal refers to nothing
                (c_lit, c), (e_lit, e) = _tsv_term(c), _tsv_term(e)
                if c_lit or e_lit:
                    continue
            spans = spans[1:-1].split() if spans[:1] == '"' else []
            if n_rows != n_phrases or len(spans) != int(n_rows):
                raise ValueError("a phrase with several offsets, or not literals")
            if not spans:
                mentions.append((c, e, -1, -1))
            for span in spans:
                b, n = span.split(",")
                mentions.append((c, e, int(b), int(n)))
        nodes.mentions = mentions
    except ValueError:  # as read() does it, from the triples themselves
        keys = sorted(phrase)
        fill(nodes, rows("SELECT ?k ?s ?o WHERE { " + table("p", keys, 0) + " ?s ?p ?o }"),
             keys, 0)
    return _collect(nodes)


def sentences(text: str) -> list[int]:
    """Start offsets of the sentences of ``text``."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text)]


def entity_graph(data: ViewData) -> nx.Graph:
    """Entities as nodes, relations as edges (``rels``: {(key, label, from): count})."""
    count = Counter(ent for _art, ent, begin, _end in data.mentions if begin >= 0)
    attrs = {iri: {**data.entities[iri], "mentions": count[iri], "articles": set()}
             for iri in sorted(data.entities)}
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    starts = {a: data.sentence_starts(a) for a in data.articles}
    for art, ent, begin, _end in data.mentions:
        d = attrs.get(ent)
        if d is None or art not in starts:
            continue
        d["articles"].add(art)
        if begin >= 0:
            by_sentence[art, bisect.bisect_right(starts[art], begin)].add(ent)
    for d in attrs.values():
        d["mentions"] = max(d["mentions"], len(d["articles"]))
    rels: dict[tuple[str, str], dict] = {}  # each pair once, in the order first seen

    def add(a: str, b: str, rel: tuple) -> None:
        if a != b and a in attrs and b in attrs:
            r = rels.setdefault((a, b) if a < b else (b, a), {})
            r[rel] = r.get(rel, 0) + 1

    subjects: dict[str, list[str]] = {}
    for a, b, key, label in data.relations:
        if key == "wrote":  # a reporter and what the story is about
            if b not in subjects:
                subjects[b] = _subjects(data, b)
            for ent in subjects[b]:
                add(a, ent, ("wrote", label, a))
        else:
            add(a, b, (key, label, a))
    for place in sorted(by_sentence):
        for a, b in itertools.combinations(sorted(by_sentence[place]), 2):  # a < b
            r = rels.get((a, b))
            if r is None:
                r = rels[a, b] = {}
            rel = ("co", "mentioned together", a)
            r[rel] = r.get(rel, 0) + 1
    # each node's neighbours as a copy of the graph would list them (see _subgraph)
    first: dict[str, list[str]] = {n: [] for n in attrs}  # in the order first linked
    for a, b in rels:
        first[a].append(b)
        first[b].append(a)
    g = nx.Graph()
    g.add_nodes_from(attrs.items())
    g.add_edges_from((a, b, {"rels": (r := rels[a, b]), "weight": sum(r.values())})
                     for a, nbrs in first.items() for b in nbrs if b > a)
    return g


def _subjects(data: ViewData, article: str) -> list[str]:
    """What an article is about: the entities of its headline, its events and projects."""
    art = data.articles.get(article)
    if art is None:
        return []
    lo = bisect.bisect_left(data.mentions, (article,))
    hi = bisect.bisect_left(data.mentions, (article + "\0",))
    head = art["text"].find(art["headline"]) if art["headline"] else -1
    found = set()
    for _a, ent, begin, _end in data.mentions[lo:hi]:
        kind = data.entities.get(ent, {}).get("kind")
        if kind in ("event", "project") or (head >= 0 and head <= begin < head + len(
                art["headline"])):
            found.add(ent)
    return sorted(found)


def find(g: nx.Graph, name: str) -> list[str]:
    """Nodes named ``name`` (or any of its other names); else those whose names hold it."""
    exact = [n for n, d in g.nodes(data=True) if name == d["name"] or name in d["alt"]]
    return sorted(exact or [n for n, d in g.nodes(data=True)
                            if any(name in x for x in [d["name"], *d["alt"]])])


def select(g: nx.Graph, *, focus: list[str] | None = None, depth: int = 1,
           kinds: Iterable[str] | None = None, max_nodes: int | None = None
           ) -> tuple[nx.Graph, dict]:
    """Narrow ``g``: around ``focus`` to ``depth``, to ``kinds``, then to the ``max_nodes``
    most connected nodes. Returns the subgraph (``g`` itself when it keeps every node) and
    what was left out."""
    keep = set(g)
    if focus:
        keep = set().union(*(nx.ego_graph(g, f, radius=depth) for f in focus))
    if kinds:
        kinds = set(kinds)
        keep = {n for n in keep if g.nodes[n]["kind"] in kinds or n in (focus or ())}
    adj, node = g._adj, g.nodes  # no g.degree or g.edges: views that hold g in a cycle
    degree = {n: len(nbrs) + (n in nbrs) for n, nbrs in adj.items()}
    ranked = sorted(keep, key=lambda n: (-degree[n], -node[n]["mentions"], n))
    cut = ranked[max_nodes:] if max_nodes is not None and len(ranked) > max_nodes else []
    if len(keep) == len(g) and not cut:
        sub = g  # nothing left out: g itself (entity_graph lists neighbours as a copy does)
    else:
        sub = _subgraph(g, set(ranked[:len(ranked) - len(cut)]))
    dropped_edges = _edges_within(g, keep) - _size(sub)
    omitted = {"nodes": len(cut), "edges": dropped_edges,
               "kinds": dict(sorted(Counter(node[n]["kind"] for n in cut).items())),
               "examples": [node[n]["name"] for n in cut[:12]],
               "total_nodes": len(g), "total_edges": _size(g)}
    return sub, omitted


def _size(g: nx.Graph) -> int:
    """g.number_of_edges(), without the degree view (it would hold g in a cycle)."""
    return sum(len(nbrs) + (u in nbrs) for u, nbrs in g._adj.items()) // 2


def _edges_within(g: nx.Graph, nodes: set) -> int:
    """g.subgraph(nodes).number_of_edges(), without the views."""
    if len(nodes) == len(g):
        return _size(g)
    return sum(1 + (v == u) for u in nodes for v in g._adj[u] if v in nodes) // 2


def _subgraph(g: nx.Graph, nodes: set) -> nx.Graph:
    """g.subgraph(nodes).copy(), down to the order of each node's neighbours (a copy lists
    first the neighbours before a node, in node order, then the others as ``g`` does),
    adding each edge once rather than through the views."""
    sub = nx.Graph()
    sub.graph.update(g.graph)
    sub.add_nodes_from((n, d.copy()) for n, d in g._node.items() if n in nodes)
    done: set = set()
    edges = []
    for u, nbrs in g._adj.items():
        if u in nodes:
            edges += [(u, v, d.copy()) for v, d in nbrs.items() if v in nodes and v not in done]
            done.add(u)
    sub.add_edges_from(edges)
    return sub


def communities(g: nx.Graph, seed: int = 7) -> dict[str, int]:
    """Community number of each node (0 = largest): Louvain on integer ids, seeded — the
    partition networkx's louvain_communities(weight="weight", seed=seed) finds (integer
    weights), on plain dicts and lists."""
    nodes = sorted(g)
    if not nodes:
        return {}
    index = {n: i for i, n in enumerate(nodes)}
    found = _louvain([index[n] for n in g], _edges_of(g, index), random.Random(seed))
    found = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {nodes[i]: k for k, c in enumerate(found) for i in c}


def _edges_of(g: nx.Graph, index: dict) -> list[tuple[int, int, float]]:
    """``g``'s edges as networkx lists them, by integer id, with their weights."""
    seen, out = set(), []
    for n, nbrs in g._adj.items():
        a = index[n]
        out += [(a, index[nbr], d.get("weight", 1)) for nbr, d in nbrs.items()
                if nbr not in seen]
        seen.add(n)
    return out


def _adjacency(order: list[int], edges) -> dict[int, dict[int, float]]:
    """Adjacency (neighbours in networkx's insertion order) of a graph built from edges."""
    adj: dict[int, dict[int, float]] = {u: {} for u in order}
    for a, b, w in edges:
        adj[a][b] = adj[b][a] = w
    return adj


def _listed_edges(order: list[int], adj: dict) -> list[tuple[int, int, float]]:
    seen, out = set(), []
    for u in order:
        out += [(u, v, w) for v, w in adj[u].items() if v not in seen]
        seen.add(u)
    return out


def _degree(adj: dict, u: int) -> float:
    nbrs = adj[u]
    return sum(nbrs.values()) + nbrs.get(u, 0)  # a self-loop counts twice


def _modularity(adj: dict, order: list[int], parts: list[set[int]]) -> float:
    degree = {u: _degree(adj, u) for u in order}
    deg_sum = sum(degree.values())
    m, norm = deg_sum / 2, 1 / deg_sum ** 2

    def contribution(part: set[int]) -> float:  # in networkx's order, to the last bit
        if len(part) == 1:
            (u,) = part
            return adj[u].get(u, 0) / m - 1 * degree[u] * degree[u] * norm
        comm, seen, inner = set(part), set(), 0
        for u in comm:
            for v, w in adj[u].items():
                if v not in seen and v in comm:
                    inner += w
            seen.add(u)
        total = sum(degree[u] for u in comm)
        return inner / m - 1 * total * total * norm

    return sum(map(contribution, parts))


def _louvain(order: list[int], edges: list, rng: random.Random,
             threshold: float = 0.0000001) -> list[set[int]]:
    """networkx's louvain_partitions (resolution 1), its last partition."""
    h = _adjacency(order, edges)
    partition = [{u} for u in order]
    if not edges:
        return partition
    mod = _modularity(h, order, partition)
    adj = _adjacency(order, _listed_edges(order, h))  # louvain's copy of the graph
    members: list[set[int]] | None = None  # what each node of a coarse graph stands for
    m = sum(_degree(adj, u) for u in order) / 2
    partition, inner, _ = _one_level(adj, order, members, m, partition, rng)
    improvement = True
    while improvement:
        last = [s.copy() for s in partition]
        new_mod = _modularity(adj, order, inner)
        if new_mod - mod <= threshold:
            return last
        mod = new_mod
        adj, order, members = _coarse(adj, order, members, inner)
        partition, inner, improvement = _one_level(adj, order, members, m, partition, rng)
    return last


def _coarse(adj: dict, order: list[int], members, inner: list[set[int]]):
    """networkx's _gen_graph: a node per community, edges summing the weights."""
    com, new_members = {}, []
    for i, part in enumerate(inner):
        nodes = set()
        for u in part:
            com[u] = i
            nodes.update(members[u] if members else {u})
        new_members.append(nodes)
    new_order = list(range(len(inner)))
    new: dict[int, dict[int, float]] = {i: {} for i in new_order}
    for u, v, w in _listed_edges(order, adj):
        a, b = com[u], com[v]
        new[a][b] = new[b][a] = w + new[a].get(b, 0)
    return new, new_order, new_members


def _one_level(adj: dict, order: list[int], members, m: float, partition: list[set[int]],
               rng: random.Random):
    """networkx's _one_level (undirected, resolution 1): move nodes while it gains. Nodes
    are 0 … n-1 (in ``order``), so lists stand for networkx's dicts; same arithmetic."""
    node2com = [0] * len(order)
    for i, u in enumerate(order):
        node2com[u] = i
    inner = [{u} for u in order]
    degrees = [0] * len(order)
    nbrs: list[list] = [[]] * len(order)
    for u in order:
        degrees[u] = _degree(adj, u)
        nbrs[u] = [(v, w) for v, w in adj[u].items() if v != u]
    stot = [degrees[u] for u in order]
    rand_nodes = list(order)
    rng.shuffle(rand_nodes)
    two_m2 = 2 * m ** 2
    nb_moves, improvement = 1, False
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            best_mod = 0
            best_com = here = node2com[u]
            weights2com: dict[int, float] = {}
            for v, wt in nbrs[u]:
                c = node2com[v]
                weights2com[c] = weights2com.get(c, 0.0) + wt
            if here not in weights2com:  # as a defaultdict read adds it, last
                weights2com[here] = 0.0
            degree = degrees[u]
            stot[here] -= degree
            remove_cost = -weights2com[here] / m + (stot[here] * degree) / two_m2
            for c, wt in weights2com.items():
                gain = remove_cost + wt / m - (stot[c] * degree) / two_m2
                if gain > best_mod:
                    best_mod = gain
                    best_com = c
            stot[best_com] += degree
            if best_com != here:
                com = members[u] if members else {u}
                partition[here].difference_update(com)
                inner[here].remove(u)
                partition[best_com].update(com)
                inner[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    return list(filter(len, partition)), list(filter(len, inner)), improvement


def layout(g: nx.Graph, seed: int = 7, spacing: float = 100.0) -> dict[str, tuple[float, float]]:
    """Seeded positions in pixels: each component laid out alone, then packed in rows."""
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    adj = g.adj
    shapes: dict[tuple, tuple[list, float]] = {}  # a layout depends on the edges only
    placed = []
    for comp in comps:
        if len(comp) == 1:
            placed.append((comp, [[0.0, 0.0]], 0.0))
            continue
        index = {v: i for i, v in enumerate(comp)}
        edges = sorted((index[a], j) for a in comp for b in adj[a] if (j := index[b]) >= index[a])
        key = (len(comp), tuple(edges))
        if key not in shapes:
            if len(comp) <= 400:
                sub = nx.Graph()  # nodes in sorted order: the seeded start depends on it
                sub.add_nodes_from(range(len(comp)))
                sub.add_edges_from(edges)
                p = nx.spring_layout(sub, seed=seed, iterations=80, weight=None)
                pts = np.array([p[i] for i in range(len(comp))])
            else:
                pair = np.array(edges, dtype=np.int64).reshape(-1, 2)
                pts = _force_layout(len(comp), pair[:, 0], pair[:, 1], seed)
            pts = pts - pts.mean(axis=0)
            radius = float(np.percentile(np.sqrt((pts ** 2).sum(axis=1)), 90)) or 1.0
            want = spacing * 0.6 * math.sqrt(len(comp))
            shapes[key] = ((pts * (want / radius)).tolist(), want)
        placed.append((comp, *shapes[key]))
    width = max(spacing * 4, 2.2 * math.sqrt(sum((r + spacing) ** 2 for *_, r in placed)))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for comp, pts, r in placed:
        d = 2 * r + spacing
        if x + d > width and x > 0:
            x, y, row = 0.0, y + row, 0.0
        cx, cy = x + d / 2, y + d / 2
        for n, (px, py) in zip(comp, pts, strict=True):
            pos[n] = (round(cx + px, 1), round(cy + py, 1))
        x, row = x + d, max(row, d)
    return pos


def _near_pairs(x: np.ndarray, y: np.ndarray, r: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (i, j) of points closer than ``r``, found in a grid of cells ``r`` wide."""
    n = len(x)
    w = int((y.max() - y.min()) / r) + 3
    key = (((x - x.min()) / r).astype(np.int64) + 1) * w + ((y - y.min()) / r).astype(np.int64) + 1
    order = np.argsort(key, kind="stable")
    skey = key[order]
    found_i, found_j = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for off in (0, 1, w - 1, w, w + 1):  # the cell itself (j after i), half its neighbours
        lo = np.arange(1, n + 1) if off == 0 else np.searchsorted(skey, skey + off, "left")
        cnt = np.searchsorted(skey, skey + off, "right") - lo
        total = int(cnt.sum())
        if total:
            found_i.append(np.repeat(order, cnt))
            found_j.append(order[np.repeat(lo - np.cumsum(cnt) + cnt, cnt) + np.arange(total)])
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    dx, dy = x[i] - x[j], y[i] - y[j]
    keep = dx * dx + dy * dy < r * r
    return i[keep], j[keep]


def _smooth(n: int) -> int:
    """The least number >= ``n`` with no prime factor but 2, 3 and 5."""
    while True:
        m = n
        for p in (2, 3, 5):
            while m % p == 0:
                m //= p
        if m == 1:
            return n
        n += 1


def _force_layout(n: int, src: np.ndarray, dst: np.ndarray, seed: int,
                  iterations: int = 50) -> np.ndarray:
    """Fruchterman-Reingold for large components in O(n log n) a step, numpy only: the
    repulsion of all nodes from a grid of their masses convolved (FFT) with k²/r (a finer
    grid in the last steps, sharpened by exact repulsion between nodes closer than a
    cell)."""
    pos = np.random.default_rng(seed).random((n, 2))
    x, y = pos[:, 0].copy(), pos[:, 1].copy()
    k2 = 1.0 / n
    k = math.sqrt(k2)

    def grid(side: float) -> tuple:
        size = _smooth(max(32, int(side)))  # FFTs are fast on 2, 3 and 5
        off = np.fft.fftfreq(size, 1 / size)
        ox, oy = np.meshgrid(off, off, indexing="ij")
        r2 = ox * ox + oy * oy + 0.5  # softened inside a cell
        # the other half of the grid zeros: the convolution does not wrap around
        return size, size // 2, np.fft.rfft2(ox / r2), np.fft.rfft2(oy / r2)

    rough, fine = grid(2 * math.sqrt(n)), grid(4 * math.sqrt(n))  # the shape, then details
    both = np.concatenate([dst, src])
    temp = 0.1
    for step in range(iterations):
        late = step >= iterations * 0.6
        size, cells, kx, ky = fine if late else rough
        x0, y0 = x.min(), y.min()
        h = max(x.max() - x0, y.max() - y0, 1e-9) / (cells - 1)
        u, v = (x - x0) / h, (y - y0) / h
        iu = np.minimum(u.astype(np.int64), cells - 2)
        iv = np.minimum(v.astype(np.int64), cells - 2)
        fu, fv = u - iu, v - iv
        gu, gv = 1 - fu, 1 - fv
        weight = np.concatenate([gu * gv, fu * gv, gu * fv, fu * fv])  # cloud in cell
        c = iu * size + iv
        at = np.concatenate([c, c + size, c + 1, c + size + 1])
        mass = np.fft.rfft2(np.bincount(at, weight, size * size).reshape(size, size))
        fx = np.fft.irfft2(mass * kx, s=(size, size)).ravel()
        fy = np.fft.irfft2(mass * ky, s=(size, size)).ravel()
        dx = (fx[at] * weight).reshape(4, n).sum(axis=0) * (k2 / h)
        dy = (fy[at] * weight).reshape(4, n).sum(axis=0) * (k2 / h)
        if late:
            a, b = _near_pairs(x, y, h)
            ex, ey = x[a] - x[b], y[a] - y[b]
            f = k2 / np.maximum(ex * ex + ey * ey, 1e-12)
            ab = np.concatenate([a, b])
            dx += np.bincount(ab, np.concatenate([ex * f, -ex * f]), n)
            dy += np.bincount(ab, np.concatenate([ey * f, -ey * f]), n)
        ex, ey = x[src] - x[dst], y[src] - y[dst]
        f = np.sqrt(ex * ex + ey * ey) / k
        dx += np.bincount(both, np.concatenate([ex * f, -ex * f]), n)
        dy += np.bincount(both, np.concatenate([ey * f, -ey * f]), n)
        length = np.maximum(np.sqrt(dx * dx + dy * dy), 1e-9)
        move = np.minimum(length, temp) / length
        x += dx * move
        y += dy * move
        temp = max(temp * 0.95, 0.002)
    return np.stack([x, y], axis=1)
