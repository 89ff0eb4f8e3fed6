"""Corpus statistics, precomputed into the corpus graph.

Some questions an analyst asks of the whole corpus ("which entities are met on more than
one page?", "the most mentioned places") need every ``schema:mentions`` triple, far too
many to aggregate at query time on a large corpus. The store keeps, per mentioned entity,
two small counts in the corpus graph ``<base>graph/corpus`` (and so in the default graph,
the union, and in graph.ttl):

- ``ng:articleCount``: how many articles mention it (``?article schema:mentions ?entity``);
- ``ng:pageCount``: how many pages those articles are part of (``schema:isPartOf``).

They are recomputed from the page graphs by one SPARQL update, :func:`statistics_update`,
which the store runs in the same request as the rest of the corpus graph
(:func:`newsgraph.store.corpus_graph_update`), after the page graphs changed: a build or an
add never leaves them stale. :func:`statistics_quads` gives the same quads from quads in
memory (:func:`newsgraph.rdf.assemble`). A build adds the counts up page by page
(:func:`mention_counts`) and writes the corpus graph itself (:func:`corpus_quads`), which
is many times faster than the update on a store of many pages. An add changes the counts
of the entities the pages it replaces touch by those pages' shares, old and new
(:func:`count_changes`), without reading the rest of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef

from newsgraph.export.turtle import iri
from newsgraph.rdf.iris import Minter
from newsgraph.rdf.namespaces import NG, SCHEMA
from newsgraph.rdf.terms import integer

STATISTICS = (NG.articleCount, NG.pageCount)


def statistics_update(minter: Minter, entities: Iterable[str] | None = None) -> str:
    """SPARQL update recomputing the corpus statistics (``ng:articleCount``,
    ``ng:pageCount`` of every mentioned entity) in the corpus graph and the default graph.

    Reads the named graphs (``GRAPH ?g``), as the rest of the corpus graph does, so it
    runs as well on a scratch store holding only page graphs. Full IRIs only, no prologue:
    it is meant to be appended (``" ;\\n"``) to the store's other updates, after the page
    graphs are up to date. Old counts are removed first, so it may also run on its own.
    ``entities`` (IRIs as N-Triples): recount these only."""
    graph = iri(minter.graph("corpus"))
    articles, pages = (iri(t) for t in STATISTICS)
    mentions, part_of = iri(SCHEMA.mentions), iri(SCHEMA.isPartOf)
    if entities is None:
        stats = f"VALUES ?stat {{ {articles} {pages} }}"
        drop = f"""DELETE {{ ?e ?stat ?n }} WHERE {{ {stats} GRAPH {graph} {{ ?e ?stat ?n }}
  FILTER NOT EXISTS {{ GRAPH ?h {{ ?e ?stat ?n }} FILTER (?h != {graph}) }} }} ;
DELETE {{ GRAPH {graph} {{ ?e ?stat ?n }} }} WHERE {{ {stats} GRAPH {graph} {{ ?e ?stat ?n }} }}"""
        # Each property is read in its own subquery, so Oxigraph scans it once and
        # hash-joins (one index lookup per mention is ten times slower).
        where = f"""{{ SELECT ?a ?e WHERE {{ GRAPH ?g {{ ?a {mentions} ?e }} }} }}
    {{ SELECT ?a ?page WHERE {{ GRAPH ?h {{ ?a {part_of} ?page }} }} }}"""
    else:  # a few entities: index lookups from each (one VALUES: two make Oxigraph scan)
        only = f"VALUES ?e {{ {' '.join(sorted(entities))} }}"
        drop = f"""DELETE {{ GRAPH {graph} {{ ?e ?stat ?n }} ?e ?stat ?n }}
WHERE {{ {only} GRAPH {graph} {{ ?e ?stat ?n }} FILTER (?stat IN ({articles}, {pages})) }}"""
        where = f"{only} GRAPH ?g {{ ?a {mentions} ?e }} GRAPH ?h {{ ?a {part_of} ?page }}"
    return f"""{drop} ;
INSERT {{ GRAPH {graph} {{ ?e {articles} ?articles ; {pages} ?pages }}
         ?e {articles} ?articles ; {pages} ?pages }}
WHERE {{
  SELECT ?e (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?page) AS ?pages) WHERE {{
    {where}
  }} GROUP BY ?e
}}"""


def statistics_quads(quads: Iterable[tuple], minter: Minter) -> Iterator[tuple]:
    """The quads :func:`statistics_update` puts in the corpus graph, from quads in memory
    (the same counts: articles that mention an entity and are part of a page; pages)."""
    mentioned: dict[URIRef, set[URIRef]] = defaultdict(set)
    pages_of: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, p, o, *_ in quads:
        if p == SCHEMA.mentions:
            mentioned[o].add(s)
        elif p == SCHEMA.isPartOf:
            pages_of[s].add(o)
    graph = minter.graph("corpus")
    for entity in sorted(mentioned):
        articles = {a for a in mentioned[entity] if pages_of.get(a)}
        if articles:
            pages = set().union(*(pages_of[a] for a in articles))
            yield entity, NG.articleCount, Literal(len(articles)), graph
            yield entity, NG.pageCount, Literal(len(pages)), graph


def mention_counts(corpus) -> list[tuple[str, int]]:
    """(entity key, number of articles mentioning it) for every entity the articles of a
    resolved page (:class:`~newsgraph.model.Corpus`) mention: its share of the counts."""
    ids = {a.article_id for a in corpus.articles}
    out = []
    for ent in corpus.entities.values():
        n = len({a for a, *_ in ent.mentions if a in ids})
        if n:
            out.append((ent.key, n))
    return sorted(out)


def corpus_quads(counts: Iterable[tuple[str, int, int]],
                 spans: Iterable[tuple[str, tuple[str, str]]],
                 minter: Minter) -> Iterator[tuple]:
    """The corpus graph's quads (N-Triples terms), from the counts added up over the pages,
    ``(entity key, articles, pages)``, and the memberships' spans (membership IRI as
    N-Triples, (first, last ISO date)): what :func:`newsgraph.store.corpus_graph_update`
    computes in the store."""
    from newsgraph.rdf.assemble import during_quads

    nt = minter if minter.nt else Minter(minter.base, nt=True)
    graph = nt.graph("corpus")
    articles, pages = (iri(t) for t in STATISTICS)
    for key, n_articles, n_pages in counts:
        if n_articles > 0:
            e = nt.entity(key)
            yield e, articles, integer(n_articles), graph
            yield e, pages, integer(n_pages), graph
    yield from during_quads(spans, nt)


def shares(quads: Iterable[tuple[str, str, str, str]]) -> dict[str, list[int]]:
    """Page graphs' shares of the counts, from their quads (N-Triples terms): entity IRI
    -> [articles that mention it and are part of a page, pages of those articles]. An
    article is part of the page of its graph, so shares add up over graphs."""
    mentions, part_of = iri(SCHEMA.mentions), iri(SCHEMA.isPartOf)
    mentioned: dict[tuple[str, str], set[str]] = defaultdict(set)  # (graph, entity)
    placed: set[tuple[str, str]] = set()  # (graph, article)
    for s, p, o, g in quads:
        if p == mentions:
            mentioned[g, o].add(s)
        elif p == part_of:
            placed.add((g, s))
    out: dict[str, list[int]] = {}
    for (g, entity), articles in mentioned.items():
        n = sum((g, a) in placed for a in articles)
        if n:
            row = out.setdefault(entity, [0, 0])
            row[0] += n
            row[1] += 1
    return out


def stored_shares(store, graphs: Iterable[str]) -> dict[str, list[int]]:
    """:func:`shares` of page graphs of a pyoxigraph store (IRIs as N-Triples), as the
    store holds them: one query, index lookups from each graph."""
    graphs = sorted(graphs)
    out: dict[str, list[int]] = {}
    if not graphs:
        return out
    rows = store.query(f"""SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {{
  VALUES ?g {{ {' '.join(graphs)} }}
  GRAPH ?g {{ ?a {iri(SCHEMA.mentions)} ?e . ?a {iri(SCHEMA.isPartOf)} ?page }}
}} GROUP BY ?g ?e""")
    for row in rows:
        entity = str(row["e"])
        entry = out.setdefault(entity, [0, 0])
        entry[0] += int(row["n"].value)
        entry[1] += 1
    return out


def count_changes(store, minter: Minter, old: dict[str, list[int]],
                  new: dict[str, list[int]]) -> str:
    """SPARQL update moving the counts in the store's corpus graph (and default graph) of
    the entities page graphs touch from their ``old`` shares (:func:`stored_shares`, read
    before the graphs change) to their ``new`` ones (:func:`shares`): the counts a
    recount (:func:`statistics_update`) would give, from index lookups only."""
    entities = sorted({*old, *new})
    if not entities:
        return ""
    graph = iri(minter.graph("corpus"))
    articles, pages = (iri(t) for t in STATISTICS)
    only = f"VALUES ?e {{ {' '.join(entities)} }}"
    counts: dict[str, list[int]] = {e: [0, 0] for e in entities}
    rows = store.query(f"SELECT ?e ?stat ?n WHERE {{ {only} GRAPH {graph} {{ ?e ?stat ?n }} "
                       f"FILTER (?stat IN ({articles}, {pages})) }}")
    for row in rows:
        counts[str(row["e"])][0 if str(row["stat"]) == articles else 1] = int(row["n"].value)
    lines = []
    for e in entities:
        before, after = old.get(e, (0, 0)), new.get(e, (0, 0))
        n_articles = counts[e][0] - before[0] + after[0]
        n_pages = counts[e][1] - before[1] + after[1]
        if n_articles > 0:
            lines.append(f"{e} {articles} {integer(n_articles)} ; {pages} {integer(n_pages)} .")
    body = "\n".join(lines)
    return f"""DELETE {{ GRAPH {graph} {{ ?e ?stat ?n }} ?e ?stat ?n }}
WHERE {{ {only} GRAPH {graph} {{ ?e ?stat ?n }} FILTER (?stat IN ({articles}, {pages})) }} ;
INSERT DATA {{ GRAPH {graph} {{
{body}
}}
{body}
}}"""
