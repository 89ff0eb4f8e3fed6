"""Turn a resolved :class:`~newsgraph.model.Corpus` into quads.

Every statement a page attests goes into that page's named graph (its provenance), so
re-adding a page replaces exactly what it said. Statements drawn from several pages
(a post held over time) go into the corpus graph. See ontology/newsgraph.ttl for the terms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, TIME, XSD

from newsgraph.model import EVENT, ORGANIZATION, PERSON, PLACE, PROJECT, Corpus, Entity
from newsgraph.rdf.iris import Minter
from newsgraph.rdf.namespaces import GEO, ITSRDF, NG, NIF, ORG, SCHEMA
from newsgraph.rdf.vocab import (
    EVENT_CLASSES,
    ORG_CLASSES,
    PARTICIPANT_PROPERTIES,
    PLACE_CLASSES,
    person_classes,
)
from newsgraph.resolve import entity_key

Quad = tuple[URIRef, URIRef, object, URIRef]
ZH = "zh"


def _zh(text: str) -> Literal:
    return Literal(text, lang=ZH)


def _date(text: str) -> Literal:
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(text), XSD.date)
    return Literal(text, datatype=kind)


class _Assembler:
    def __init__(self, corpus: Corpus, minter: Minter) -> None:
        self.c = corpus
        self.m = minter
        self.articles = {a.article_id: a for a in corpus.articles}
        self.corpus_graph = minter.graph("corpus")

    def graph_of(self, article_id: str) -> URIRef:
        return self.m.graph(self.articles[article_id].page_id)

    # pages and articles -------------------------------------------------------------
    def pages(self) -> Iterator[Quad]:
        for page in self.c.pages:
            g, p = self.m.graph(page.page_id), self.m.page(page.page_id)
            yield p, RDF.type, NG.Page, g
            yield p, NG.sourceFile, Literal(page.source), g
            yield p, NG.encoding, Literal(page.encoding), g
            if page.issue_date:
                yield p, NG.issueDate, Literal(page.issue_date.isoformat(), datatype=XSD.date), g
            for mark in page.continuations:
                prop = NG.continuesOn if mark.direction == "to" else NG.continuedFrom
                yield p, prop, Literal(mark.page), g

    def articles_(self) -> Iterator[Quad]:
        for a in self.c.articles:
            g, s = self.m.graph(a.page_id), self.m.article(a.article_id)
            yield s, RDF.type, SCHEMA.NewsArticle, g
            yield s, RDF.type, NIF.Context, g
            yield s, SCHEMA.headline, _zh(a.headline), g
            yield s, NG.articleKind, Literal(a.kind), g
            yield s, SCHEMA.isPartOf, self.m.page(a.page_id), g
            yield s, SCHEMA.articleBody, _zh(a.body or a.text), g
            yield s, NIF.isString, Literal(a.text), g
            yield s, NG.pageStart, Literal(a.start), g
            yield s, NG.pageEnd, Literal(a.end), g
            if a.date:
                yield s, SCHEMA.datePublished, Literal(a.date.isoformat(), datatype=XSD.date), g
            for prop, value in ((NG.kicker, a.kicker), (NG.subtitle, a.subtitle),
                                (NG.byline, a.byline), (NG.dateline, a.dateline)):
                if value:
                    yield s, prop, _zh(value), g

    # entities -----------------------------------------------------------------------
    def _fact_graphs(self) -> dict[str, set[URIRef]]:
        """The graphs of the facts each entity takes part in (for entities no article
        names, such as the body a post belongs to)."""
        out: dict[str, set[URIRef]] = defaultdict(set)
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
                g, a, mi = self.graph_of(art_id), self.m.article(art_id), self.m.mention(
                    art_id, start, end)
                yield a, SCHEMA.mentions, s, g
                yield mi, RDF.type, NIF.Phrase, g
                yield mi, NIF.referenceContext, a, g
                yield mi, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger), g
                yield mi, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger), g
                yield mi, NIF.anchorOf, Literal(text), g
                yield mi, ITSRDF.taIdentRef, s, g

    def describe(self, ent: Entity) -> Iterator[tuple[URIRef, object]]:
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
                yield NG.orgLevel, Literal(ent.attrs["level"])
        elif ent.kind == PLACE:
            yield from self._place(ent)
        elif ent.kind == PROJECT:
            yield RDF.type, NG.Project
        elif ent.kind == EVENT:
            yield RDF.type, EVENT_CLASSES.get(ent.subtype, SCHEMA.Event)
            if ent.subtype:
                yield NG.eventKind, Literal(ent.subtype)

    def _place(self, ent: Entity) -> Iterator[tuple[URIRef, object]]:
        level = ent.attrs.get("level") or ent.subtype
        yield RDF.type, PLACE_CLASSES.get(level, SCHEMA.Place)
        if level:
            yield NG.placeLevel, Literal(level)
        if ent.attrs.get("code"):
            yield NG.adminCode, Literal(str(ent.attrs["code"]))
        lat, lon = ent.attrs.get("lat"), ent.attrs.get("lon")
        if lat not in (None, "") and lon not in (None, ""):
            yield GEO.lat, Literal(f"{float(lat):.6f}", datatype=XSD.decimal)
            yield GEO.long, Literal(f"{float(lon):.6f}", datatype=XSD.decimal)

    def _ancestors(self, s: URIRef, ent: Entity) -> Iterator[tuple]:
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
        during: dict[URIRef, list[str]] = defaultdict(list)
        for f in self.c.facts:
            if f.article_id not in self.articles or f.subject not in self.c.entities:
                continue
            g, s = self.graph_of(f.article_id), self.m.entity(f.subject)
            src = self.m.article(f.article_id)
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
            yield ms, NG.roleLevel, Literal(f.attrs["level"]), g
        day = self.articles[f.article_id].date
        if day:
            during[ms].append(day.isoformat())

    def _during(self, during: dict[URIRef, list[str]]) -> Iterator[Quad]:
        spans = {ms: (min(days), max(days)) for ms, days in during.items()}
        yield from during_quads(spans, self.m)

    def _amount(self, f, s, g) -> Iterator[Quad]:
        value = f.attrs.get("value")
        if value is None:
            return
        node = self.m.amount(s, str(f.object))
        yield s, NG.amount, node, g
        yield node, RDF.type, SCHEMA.MonetaryAmount, g
        yield node, SCHEMA.value, Literal(f"{float(value):.2f}", datatype=XSD.decimal), g
        yield node, SCHEMA.currency, Literal(f.attrs.get("currency", "CNY")), g
        yield node, SCHEMA.description, _zh(str(f.attrs.get("text") or f.object)), g


def during_quads(spans: dict[URIRef, tuple[str, str]], minter: Minter) -> Iterator[Quad]:
    """The corpus graph: each membership's ``org:memberDuring``, an interval from the first
    to the last date (ISO) of the articles that attest it, whatever pages they are on."""
    g = minter.graph("corpus")
    for ms, (first, last) in spans.items():
        iv = minter.interval(ms)
        yield ms, ORG.memberDuring, iv, g
        yield iv, RDF.type, TIME.Interval, g
        for prop, day in ((TIME.hasBeginning, first), (TIME.hasEnd, last)):
            inst = minter.instant(day)
            yield iv, prop, inst, g
            yield inst, RDF.type, TIME.Instant, g
            yield inst, TIME.inXSDDate, Literal(day, datatype=XSD.date), g


def assemble(corpus: Corpus, minter: Minter | None = None) -> list[Quad]:
    """All quads of the corpus, unsorted (writers sort)."""
    a = _Assembler(corpus, minter or Minter())
    quads: list[Quad] = []
    for part in (a.pages(), a.articles_(), a.entities(), a.facts()):
        quads.extend(part)
    from newsgraph.stats import statistics_quads  # here: stats imports this package

    quads.extend(statistics_quads(quads, a.m))  # the corpus graph's counts, as the store's
    return quads
