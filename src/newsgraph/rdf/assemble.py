"""Turn a resolved :class:`~newsgraph.model.Corpus` into quads.

Every statement a page attests goes into that page's named graph (its provenance), so
re-adding a page replaces exactly what it said. Statements drawn from several pages
(a post held over time) go into the corpus graph. See ontology/newsgraph.ttl for the terms.

The assembler writes each term as N-Triples text (:mod:`newsgraph.rdf.terms`), what the
store loads: :func:`page_nquads` is the build's path. :func:`assemble` gives the same quads
as rdflib terms, with the corpus graph's counts, for code that wants rdflib's API.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import TIME as _TIME
from rdflib.namespace import XSD as _XSD

from newsgraph.model import EVENT, ORGANIZATION, PERSON, PLACE, PROJECT, Corpus, Entity
from newsgraph.rdf import vocab as _vocab
from newsgraph.rdf.iris import Minter
from newsgraph.rdf.namespaces import GEO as _GEO
from newsgraph.rdf.namespaces import ITSRDF as _ITSRDF
from newsgraph.rdf.namespaces import NG as _NG
from newsgraph.rdf.namespaces import NIF as _NIF
from newsgraph.rdf.namespaces import ORG as _ORG
from newsgraph.rdf.namespaces import SCHEMA as _SCHEMA
from newsgraph.rdf.terms import NTNamespace, integer, iri, literal, to_rdflib, typed
from newsgraph.resolve import entity_key

Quad = tuple[str, str, str, str]  # N-Triples terms: subject, predicate, object, graph
ZH = "zh"


# the vocabularies, their terms as N-Triples text (``SCHEMA.name`` is ``<http://schema.org/name>``)
GEO, ITSRDF, NG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, TIME, XSD = (
    NTNamespace(ns) for ns in (_GEO, _ITSRDF, _NG, _NIF, _ORG, _PROV, _RDF, _RDFS, _SCHEMA,
                               _TIME, _XSD))
ORG_CLASSES = {k: iri(v) for k, v in _vocab.ORG_CLASSES.items()}
PLACE_CLASSES = {k: iri(v) for k, v in _vocab.PLACE_CLASSES.items()}
EVENT_CLASSES = {k: iri(v) for k, v in _vocab.EVENT_CLASSES.items()}
PARTICIPANT_PROPERTIES = {k: iri(v) for k, v in _vocab.PARTICIPANT_PROPERTIES.items()}
_PERSON_CLASSES = {sub: [iri(c) for c in _vocab.person_classes(sub)]
                   for sub in ("", "official", "journalist")}


def person_classes(subtype: str) -> list[str]:
    return _PERSON_CLASSES.get(subtype) or [iri(c) for c in _vocab.person_classes(subtype)]


def _zh(text: str) -> str:
    return literal(text, ZH)


def _date(text: str) -> str:
    return typed(text, {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(text), "date"))


def _decimal(value, places: int) -> str:
    """An xsd:decimal rounded to ``places``, in canonical form (no trailing zeros: what
    the store keeps, so every export of a triple reads the same)."""
    text = f"{float(value):.{places}f}".rstrip("0").rstrip(".")
    return typed("0" if text in ("-0", "") else text, "decimal")


def _index(value: int) -> str:
    return f'"{value}"^^{XSD.nonNegativeInteger}'


class _Assembler:
    def __init__(self, corpus: Corpus, minter: Minter) -> None:
        self.c = corpus
        self.m = minter
        self.articles = {a.article_id: a for a in corpus.articles}
        self.corpus_graph = minter.graph("corpus")
        self._graphs = {a.article_id: minter.graph(a.page_id) for a in corpus.articles}
        self._iris = {a.article_id: minter.article(a.article_id) for a in corpus.articles}
        self.spans: dict[str, tuple[str, str]] = {}
        self.spans_only = False  # True: membership spans kept in .spans, not as quads

    def graph_of(self, article_id: str) -> str:
        return self._graphs[article_id]

    def article_iri(self, article_id: str) -> str:
        return self._iris[article_id]

    # pages and articles -------------------------------------------------------------
    def pages(self) -> Iterator[Quad]:
        for page in self.c.pages:
            g, p = self.m.graph(page.page_id), self.m.page(page.page_id)
            yield p, RDF.type, NG.Page, g
            yield p, NG.sourceFile, literal(page.source), g
            yield p, NG.encoding, literal(page.encoding), g
            if page.issue_date:
                yield p, NG.issueDate, typed(page.issue_date.isoformat(), "date"), g
            for mark in page.continuations:
                prop = NG.continuesOn if mark.direction == "to" else NG.continuedFrom
                yield p, prop, literal(mark.page), g

    def articles_(self) -> Iterator[Quad]:
        for a in self.c.articles:
            g, s = self.m.graph(a.page_id), self.m.article(a.article_id)
            yield s, RDF.type, SCHEMA.NewsArticle, g
            yield s, RDF.type, NIF.Context, g
            yield s, SCHEMA.headline, _zh(a.headline), g
            yield s, NG.articleKind, literal(a.kind), g
            yield s, SCHEMA.isPartOf, self.m.page(a.page_id), g
            yield s, SCHEMA.articleBody, _zh(a.body or a.text), g
            yield s, NIF.isString, literal(a.text), g
            yield s, NG.pageStart, integer(a.start), g
            yield s, NG.pageEnd, integer(a.end), g
            if a.date:
                yield s, SCHEMA.datePublished, typed(a.date.isoformat(), "date"), g
            for prop, value in ((NG.kicker, a.kicker), (NG.subtitle, a.subtitle),
                                (NG.byline, a.byline), (NG.dateline, a.dateline)):
                if value:
                    yield s, prop, _zh(value), g

    # entities -----------------------------------------------------------------------
    def _fact_graphs(self) -> dict[str, set[str]]:
        """The graphs of the facts each entity takes part in (for entities no article
        names, such as the body a post belongs to)."""
        out: dict[str, set[str]] = defaultdict(set)
        for f in self.c.facts:
            if f.article_id in self.articles:
                g = self.graph_of(f.article_id)
                for key in (f.subject, f.object, f.attrs.get("org_key")):
                    if isinstance(key, str) and key in self.c.entities:
                        out[key].add(g)
        return out

    def entities(self) -> Iterator[Quad]:
        fact_graphs = self._fact_graphs()
        for ent in self.c.entities.values():
            s = self.m.entity(ent.key)
            graphs = sorted({self.graph_of(a) for a, *_ in ent.mentions if a in self.articles})
            if not graphs:
                graphs = sorted(fact_graphs.get(ent.key, ()))
            for g in graphs:
                yield from ((s, p, o, g) for p, o in self.describe(ent))
                if ent.kind == PLACE:
                    yield from ((a, p, o, g) for a, p, o in self._ancestors(s, ent))
            for art_id, start, end, text in ent.mentions:
                if art_id not in self.articles:
                    continue
                g, a = self._graphs[art_id], self._iris[art_id]
                mi = self.m.mention(art_id, start, end, article=a)
                yield a, SCHEMA.mentions, s, g
                yield mi, RDF.type, NIF.Phrase, g
                yield mi, NIF.referenceContext, a, g
                yield mi, NIF.beginIndex, _index(start), g
                yield mi, NIF.endIndex, _index(end), g
                yield mi, NIF.anchorOf, literal(text), g
                yield mi, ITSRDF.taIdentRef, s, g

    def describe(self, ent: Entity) -> Iterator[tuple[str, object]]:
        yield SCHEMA.name, _zh(ent.name)
        yield RDFS.label, _zh(ent.name)
        for alt in sorted(ent.alt_names):
            yield SCHEMA.alternateName, _zh(alt)
        if ent.kind == PERSON:
            for cls in person_classes(ent.subtype):
                yield RDF.type, cls
        elif ent.kind == ORGANIZATION:
            yield RDF.type, ORG_CLASSES.get(ent.subtype, SCHEMA.Organization)
            yield RDF.type, ORG.Organization
            if ent.attrs.get("level"):
                yield NG.orgLevel, literal(ent.attrs["level"])
        elif ent.kind == PLACE:
            yield from self._place(ent)
        elif ent.kind == PROJECT:
            yield RDF.type, NG.Project
        elif ent.kind == EVENT:
            yield RDF.type, EVENT_CLASSES.get(ent.subtype, SCHEMA.Event)
            if ent.subtype:
                yield NG.eventKind, literal(ent.subtype)

    def _place(self, ent: Entity) -> Iterator[tuple[str, object]]:
        level = ent.attrs.get("level") or ent.subtype
        yield RDF.type, PLACE_CLASSES.get(level, SCHEMA.Place)
        if level:
            yield NG.placeLevel, literal(level)
        if ent.attrs.get("code"):
            yield NG.adminCode, literal(str(ent.attrs["code"]))
        lat, lon = ent.attrs.get("lat"), ent.attrs.get("lon")
        if lat not in (None, "") and lon not in (None, ""):
            yield GEO.lat, _decimal(lat, 6)
            yield GEO.long, _decimal(lon, 6)

    def _ancestors(self, s: str, ent: Entity) -> Iterator[tuple]:
        """schema:containedInPlace up the gazetteer's hierarchy (灵丘县 -> 大同市 -> 山西省),
        each enclosing division described with its code, level and coordinates."""
        child = s
        for item in ent.attrs.get("ancestors") or ():
            name, code, level, lat, lon = (list(item) + [None] * 5)[:5]
            if not name:
                break
            node = self.m.entity(entity_key(PLACE, name))
            yield child, SCHEMA.containedInPlace, node
            anc = Entity(PLACE, entity_key(PLACE, name), name, subtype=level or "",
                         attrs={"level": level, "code": code, "lat": lat, "lon": lon})
            yield from ((node, p, o) for p, o in self.describe(anc))
            child = node

    # facts --------------------------------------------------------------------------
    def facts(self) -> Iterator[Quad]:
        during: dict[str, list[str]] = defaultdict(list)
        for f in self.c.facts:
            if f.article_id not in self.articles or f.subject not in self.c.entities:
                continue
            g, s = self.graph_of(f.article_id), self.m.entity(f.subject)
            src = self._iris[f.article_id]
            obj = self.m.entity(f.object) if f.object in self.c.entities else None
            if f.kind == "author":
                yield src, SCHEMA.author, s, g
            elif f.kind == "holds_title":
                yield from self._post(f, s, src, g, during)
            elif f.kind == "participant" and obj is not None:
                prop = PARTICIPANT_PROPERTIES.get(f.attrs.get("role", ""), NG.participant)
                yield s, prop, obj, g
                yield s, SCHEMA.attendee, obj, g
            elif f.kind == "located_in" and obj is not None:
                subj_kind = self.c.entities[f.subject].kind
                prop = SCHEMA.containedInPlace if subj_kind == PLACE else SCHEMA.location
                yield s, prop, obj, g
            elif f.kind == "within" and obj is not None:
                yield s, SCHEMA.containedInPlace, obj, g
            elif f.kind == "organizer" and obj is not None:
                yield s, SCHEMA.organizer, obj, g
            elif f.kind == "behind" and obj is not None:
                yield s, NG.sponsor, obj, g
                yield s, SCHEMA.sponsor, obj, g
            elif f.kind == "sub_org_of" and obj is not None:
                yield s, ORG.subOrganizationOf, obj, g
            elif f.kind == "date":
                start = f.attrs.get("start")
                if start:
                    yield s, SCHEMA.startDate, _date(start), g
                    yield s, SCHEMA.endDate, _date(f.attrs.get("end") or start), g
            elif f.kind == "amount":
                yield from self._amount(f, s, g)
        yield from self._during(during)

    def _post(self, f, s, src, g, during) -> Iterator[Quad]:
        title = f.attrs.get("text") or f.object
        yield s, SCHEMA.jobTitle, _zh(title), g
        org_key = f.attrs.get("org_key")
        role = f.attrs.get("role") or title
        if not org_key or org_key not in self.c.entities:
            return
        ms = self.m.membership(f.subject, org_key, role)
        r = self.m.role(role)
        yield ms, RDF.type, ORG.Membership, g
        yield ms, ORG.member, s, g
        yield ms, ORG.organization, self.m.entity(org_key), g
        yield ms, ORG.role, r, g
        yield ms, NG.postTitle, _zh(title), g
        yield ms, PROV.wasDerivedFrom, src, g
        yield r, RDF.type, ORG.Role, g
        yield r, RDFS.label, _zh(role), g
        if f.attrs.get("level"):
            yield ms, NG.roleLevel, literal(f.attrs["level"]), g
        day = self.articles[f.article_id].date
        if day:
            during[ms].append(day.isoformat())

    def _during(self, during: dict[str, list[str]]) -> Iterator[Quad]:
        self.spans = {ms: (min(days), max(days)) for ms, days in during.items()}
        if not self.spans_only:
            yield from during_quads(self.spans.items(), self.m)

    def _amount(self, f, s, g) -> Iterator[Quad]:
        value = f.attrs.get("value")
        if value is None:
            return
        node = self.m.amount(s, str(f.object))
        yield s, NG.amount, node, g
        yield node, RDF.type, SCHEMA.MonetaryAmount, g
        yield node, SCHEMA.value, _decimal(value, 2), g
        yield node, SCHEMA.currency, literal(f.attrs.get("currency", "CNY")), g
        yield node, SCHEMA.description, _zh(str(f.attrs.get("text") or f.object)), g


def during_quads(spans: Iterable[tuple[str, tuple[str, str]]],
                 minter: Minter) -> Iterator[Quad]:
    """The corpus graph: each membership's ``org:memberDuring``, an interval from the first
    to the last date (ISO) of the articles that attest it, whatever pages they are on
    (``spans``: membership, (first, last) pairs)."""
    g = minter.graph("corpus")
    days: set[str] = set()  # each day's instant once, however many spans use it
    for ms, (first, last) in spans:
        iv = minter.interval(ms)
        yield ms, ORG.memberDuring, iv, g
        yield iv, RDF.type, TIME.Interval, g
        for prop, day in ((TIME.hasBeginning, first), (TIME.hasEnd, last)):
            inst = minter.instant(day)
            yield iv, prop, inst, g
            if day not in days:
                days.add(day)
                yield inst, RDF.type, TIME.Instant, g
                yield inst, TIME.inXSDDate, typed(day, "date"), g


def nt_quads(corpus: Corpus, minter: Minter, *,
             spans: dict[str, tuple[str, str]] | None = None) -> list[Quad]:
    """The quads of ``corpus`` in its pages' graphs and the corpus graph's membership spans
    (not its counts), as N-Triples terms; ``minter`` must mint N-Triples (``nt=True``).
    Given ``spans``, the memberships' spans go there instead (membership IRI -> first and
    last ISO date of the articles it is derived from), and no corpus-graph quad is made."""
    if not minter.nt:
        raise ValueError("nt_quads needs a Minter(nt=True)")
    a = _Assembler(corpus, minter)
    a.spans_only = spans is not None
    quads: dict[Quad, None] = {}  # each once, in the order made (a page restates some)
    for part in (a.pages(), a.articles_(), a.entities(), a.facts()):
        quads.update(dict.fromkeys(part))
    if spans is not None:
        spans.update(a.spans)
    return list(quads)


def assemble(corpus: Corpus, minter: Minter | None = None) -> list[tuple]:
    """All quads of the corpus as rdflib terms, the corpus graph's counts included,
    unsorted (writers sort)."""
    base = (minter or Minter()).base
    quads = [tuple(to_rdflib(t) for t in q) for q in nt_quads(corpus, Minter(base, nt=True))]
    from newsgraph.stats import statistics_quads  # here: stats imports this package

    quads.extend(statistics_quads(quads, Minter(base)))  # the corpus graph's counts
    return quads
