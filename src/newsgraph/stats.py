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
is many times faster than the update on a store of many pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef

from newsgraph.export.turtle import iri
from newsgraph.rdf.iris import Minter
from newsgraph.rdf.namespaces import NG, SCHEMA

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
                 spans: dict[str, tuple[str, str]], minter: Minter) -> Iterator[tuple]:
    """The corpus graph's quads (N-Triples terms), from the counts added up over the pages,
    ``(entity key, articles, pages)``, and the memberships' spans (membership IRI as
    N-Triples -> first and last ISO date): what :func:`newsgraph.store.corpus_graph_update`
    computes in the store."""
    from newsgraph.rdf.assemble import during_quads
    from newsgraph.rdf.terms import integer

    nt = minter if minter.nt else Minter(minter.base, nt=True)
    graph = nt.graph("corpus")
    articles, pages = (iri(t) for t in STATISTICS)
    for key, n_articles, n_pages in counts:
        if n_articles > 0:
            e = nt.entity(key)
            yield e, articles, integer(n_articles), graph
            yield e, pages, integer(n_pages), graph
    yield from during_quads(spans, nt)
