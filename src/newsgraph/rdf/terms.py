"""RDF terms as N-Triples text, the form the assembler emits.

A page's graph goes to the store as N-Quads, so the assembler writes each term once, as
the text N-Quads holds (``<iri>``, ``"text"@zh``, ``"12"^^<…#integer>``), instead of
building rdflib terms and formatting them afterwards: term objects cost many times more
than the strings, on the build's hot path. :func:`to_rdflib` turns a term back into
rdflib's, for code that wants rdflib's API (:func:`newsgraph.rdf.assemble`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}
_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(i) for i in range(0x21)}
# fast paths: most text needs no escaping, most IRIs no percent-encoding
_NEEDS_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f\ud800-\udfff]')
_IRI_BAD = re.compile('[<>"{}|^`\\\\\x00-\x20]')
_XSD = str(XSD)


def _escape_char(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return "\\uFFFD"  # a lone surrogate cannot be written in UTF-8
    return f"\\u{ord(ch):04X}"


def escape_string(text: str) -> str:
    """``text`` escaped for the inside of an N-Triples/Turtle string."""
    return _NEEDS_ESCAPE.sub(lambda m: _escape_char(m.group()), text)


def iri(term: str) -> str:
    """``<term>``, characters an IRI may not hold percent-encoded."""
    text = str(term)
    if _IRI_BAD.search(text):
        text = "".join(f"%{ord(ch):02X}" if ch in _IRI_FORBIDDEN else ch for ch in text)
    return f"<{text}>"


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal: a language-tagged string, a typed value, or a plain string."""
    body = f'"{escape_string(text)}"' if _NEEDS_ESCAPE.search(text) else f'"{text}"'
    if lang:
        return f"{body}@{lang}"
    if datatype and datatype != _XSD + "string":
        return f"{body}^^{iri(datatype)}"
    return body


def integer(value: int) -> str:
    return f'"{value}"^^<{_XSD}integer>'


def typed(text: str, datatype: str) -> str:
    """A literal of an XSD datatype given by its local name (``date``, ``decimal`` …)."""
    return f'"{escape_string(text)}"^^<{_XSD}{datatype}>'


class NTNamespace:
    """A vocabulary's terms as N-Triples text: ``NTNamespace(SCHEMA).name`` is
    ``<http://schema.org/name>`` (each made once, then a plain attribute)."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        value = iri(getattr(self._namespace, name))
        setattr(self, name, value)
        return value


_LITERAL = re.compile(r'^"(.*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$', re.S)
_UNESCAPE = re.compile(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)', re.S)
_SIMPLE = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f",
           "'": "'"}


def _unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        esc = m.group(1)
        return chr(int(esc[1:], 16)) if esc[0] in "uU" and len(esc) > 1 else _SIMPLE[esc]

    return _UNESCAPE.sub(one, text) if "\\" in text else text


@lru_cache(maxsize=1 << 16)
def to_rdflib(term: str):
    """The rdflib term of an N-Triples term this module wrote."""
    if term.startswith("<"):
        return URIRef(term[1:-1])
    if term.startswith("_:"):
        return BNode(term[2:])
    m = _LITERAL.match(term)
    if m is None:
        raise ValueError(f"not an N-Triples term: {term!r}")
    text, lang, datatype = m.groups()
    return Literal(_unescape(text), lang=lang, datatype=URIRef(datatype) if datatype else None)
