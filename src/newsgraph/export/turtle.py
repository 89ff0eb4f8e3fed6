"""Deterministic Turtle and N-Quads of rdflib terms in memory.

Subjects sorted by IRI, ``rdf:type`` first then predicates sorted, objects sorted: the
same triples always give the same bytes, whatever the order they arrive in. Literals are
escaped so any text a page holds (quotes, backslashes, control characters) round-trips.
graph.ttl of a whole corpus is written from the store by
:mod:`newsgraph.export.sorted_turtle`, through the same records.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Literal
from rdflib.namespace import XSD

from newsgraph.rdf.namespaces import PREFIXES
from newsgraph.rdf.terms import escape_string, iri

__all__ = ["iri", "literal", "nquads", "term_n3", "turtle"]


def literal(term: Literal) -> str:
    body = f'"{escape_string(str(term))}"'
    if term.language:
        return f"{body}@{term.language}"
    if term.datatype and term.datatype != XSD.string:
        return f"{body}^^{iri(term.datatype)}"
    return body


def term_n3(term) -> str:
    if isinstance(term, Literal):
        return literal(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return iri(term)


def turtle(triples: Iterable[tuple], prefixes: dict[str, str] | None = None) -> str:
    """Serialise ``triples`` (rdflib terms) as deterministic Turtle: the bytes
    :func:`newsgraph.export.sorted_turtle.write_turtle` writes for the same triples."""
    import io
    import sys

    from newsgraph.export.sorted_turtle import write_records

    out = io.StringIO()
    lines = (f"{term_n3(s)} {term_n3(p)} {term_n3(o)} .\n" for s, p, o, *_ in triples)
    write_records(out, lines, PREFIXES if prefixes is None else prefixes, "", sys.maxsize)
    return out.getvalue()


def nquads(quads: Iterable[tuple]) -> str:
    """Serialise quads as sorted, de-duplicated N-Quads."""
    rows = {
        f"{term_n3(s)} {term_n3(p)} {term_n3(o)} {term_n3(g)} .\n" if g is not None
        else f"{term_n3(s)} {term_n3(p)} {term_n3(o)} .\n"
        for s, p, o, g in quads
    }
    return "".join(sorted(rows))
