"""Stable IRIs, minted from canonical keys, never from counters or run order.

``Minter(base).entity("person", "张强")`` gives ``<base>person/张强``. Letters and digits
of any script stay readable; every other character is percent-encoded (UTF-8), so an IRI
is valid whatever text a page holds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from rdflib import URIRef

from newsgraph.rdf.namespaces import DEFAULT_BASE
from newsgraph.rdf.terms import iri

# an event key's name and its date, ISO, its issue's or its page (resolve.event_key)
_DATED = re.compile(r"(.+)@((?:issue-)?\d{4}(?:-\d\d){0,2}|page-.+)")


@lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """Percent-encode all but letters, digits and ``-._~`` (IRI-safe, reversible)."""
    out = []
    for ch in text:
        if (ch.isalnum() and ch.isprintable() and not 0xE000 <= ord(ch) <= 0xF8FF) or ch in "-._~":
            out.append(ch)
        else:
            out.append(quote(ch.encode("utf-8", "surrogatepass"), safe=""))
    return "".join(out) or "_"


class Minter:
    """Mints every IRI of the graph under one base IRI: rdflib ``URIRef``s, or with
    ``nt=True`` the same IRIs as N-Triples text (``<…>``, :mod:`newsgraph.rdf.terms`),
    what the assembler writes."""

    def __init__(self, base: str = DEFAULT_BASE, *, nt: bool = False) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base
        self.nt = nt
        self._wrap = iri if nt else URIRef

    def _iri(self, *parts: str) -> URIRef:
        return self._wrap(self.base + "/".join(slug(p) for p in parts))

    def _suffixed(self, of: URIRef | str, suffix: str) -> URIRef:
        """``of`` (an IRI this minter made) with ``suffix`` appended."""
        return self._wrap((of[1:-1] if self.nt else str(of)) + suffix)

    def page(self, page_id: str) -> URIRef:
        return self._iri("page", page_id)

    def graph(self, page_id: str) -> URIRef:
        return self._iri("graph", page_id)

    def article(self, article_id: str) -> URIRef:
        page_id, _, index = article_id.rpartition("/")
        return self._iri("article", page_id, index)

    def mention(self, article_id: str, start: int, end: int, *,
                article: URIRef | None = None) -> URIRef:
        """NIF 2.0 / RFC 5147 style fragment on the article IRI (``article``: that IRI,
        when the caller has it already)."""
        return self._suffixed(article or self.article(article_id), f"#char={start},{end}")

    def entity(self, key: str) -> URIRef:
        """``<base>kind/name``; an event's key with its date (``event:name@date``,
        ``…@issue-date`` or ``…@page-id``, :func:`newsgraph.resolve.event_key`) gives
        ``<base>event/name/date`` (``…/issue-date``, ``…/page-id``)."""
        kind, _, name = key.partition(":")
        if kind == "event":
            dated = _DATED.fullmatch(name)
            if dated:
                return self._iri(kind, dated[1], dated[2])
        return self._iri(kind, name)

    def role(self, role: str) -> URIRef:
        return self._iri("role", role)

    def membership(self, person_key: str, org_key: str, role: str) -> URIRef:
        return self._iri("membership", person_key, org_key, role)

    def interval(self, of: URIRef) -> URIRef:
        return self._suffixed(of, "#during")

    def instant(self, day: str) -> URIRef:
        return self._iri("day", day)

    def amount(self, of: URIRef, text: str) -> URIRef:
        return self._suffixed(of, f"#amount-{slug(text)}")

