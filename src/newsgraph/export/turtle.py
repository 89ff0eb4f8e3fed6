"""A deterministic, streaming Turtle and N-Quads writer.

Subjects sorted by IRI, ``rdf:type`` first then predicates sorted, objects sorted: the
same triples always give the same bytes, whatever the order they arrive in. Literals are
escaped so any text a page holds (quotes, backslashes, control characters) round-trips.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from newsgraph.rdf.namespaces import PREFIXES

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}
_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(i) for i in range(0x21)}
# fast paths: most text needs no escaping, most IRIs no percent-encoding
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f\ud800-\udfff]')
_IRI_BAD = re.compile('[<>"{}|^`\\\\\x00-\x20]')


def _escape_char(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return "\\uFFFD"  # a lone surrogate cannot be written in UTF-8
    return f"\\u{ord(ch):04X}"


def _escape_string(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _escape_char(m.group()), text)


def iri(term: URIRef) -> str:
    text = str(term)
    if _IRI_BAD.search(text):
        text = "".join(f"%{ord(ch):02X}" if ch in _IRI_FORBIDDEN else ch for ch in text)
    return f"<{text}>"


class _Abbrev:
    def __init__(self, prefixes: dict[str, str]) -> None:
        self.items = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def __call__(self, term: URIRef) -> str:
        text = str(term)
        for prefix, ns in self.items:
            if text.startswith(ns):
                local = text[len(ns):]
                if local and all(c.isascii() and (c.isalnum() or c in "_-") for c in local) \
                        and local[0].isalpha():
                    return f"{prefix}:{local}"
        return iri(term)


def literal(term: Literal, abbrev=None) -> str:
    body = f'"{_escape_string(str(term))}"'
    if term.language:
        return f"{body}@{term.language}"
    if term.datatype and term.datatype != XSD.string:
        return f"{body}^^{abbrev(term.datatype) if abbrev else iri(term.datatype)}"
    return body


def term_n3(term, abbrev=None) -> str:
    if isinstance(term, Literal):
        return literal(term, abbrev)
    if isinstance(term, BNode):
        return f"_:{term}"
    return abbrev(term) if abbrev else iri(term)


def _sort_key(term) -> tuple:
    if isinstance(term, Literal):
        return (1, str(term), term.language or "", str(term.datatype or ""))
    return (0, str(term), "", "")


def turtle(triples: Iterable[tuple], prefixes: dict[str, str] | None = None) -> str:
    """Serialise ``triples`` as deterministic Turtle."""
    prefixes = PREFIXES if prefixes is None else prefixes
    abbrev = _Abbrev(prefixes)
    by_subject: dict = defaultdict(lambda: defaultdict(set))
    for s, p, o, *_ in triples:
        by_subject[s][p].add(o)
    lines = [f"@prefix {k}: <{v}> ." for k, v in sorted(prefixes.items())]
    lines.append("")
    for s in sorted(by_subject, key=_sort_key):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p != RDF.type, str(p)))
        parts = []
        for p in order:
            objs = sorted(preds[p], key=_sort_key)
            pname = "a" if p == RDF.type else abbrev(p)
            parts.append(f"    {pname} " + " ,\n        ".join(term_n3(o, abbrev) for o in objs))
        lines.append(term_n3(s, abbrev) + "\n" + " ;\n".join(parts) + " .\n")
    return "\n".join(lines)


def nquads(quads: Iterable[tuple]) -> str:
    """Serialise quads as sorted, de-duplicated N-Quads."""
    rows = {
        f"{term_n3(s)} {term_n3(p)} {term_n3(o)} {term_n3(g)} .\n" if g is not None
        else f"{term_n3(s)} {term_n3(p)} {term_n3(o)} .\n"
        for s, p, o, g in quads
    }
    return "".join(sorted(rows))
