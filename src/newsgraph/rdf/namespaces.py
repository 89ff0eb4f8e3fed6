"""The vocabularies the graph uses. ``NG`` is closed: a misspelt term raises."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace
from rdflib.namespace import URIRef as _URIRef

NG_IRI = "https://w3id.org/newsgraph/ontology#"
DEFAULT_BASE = "https://w3id.org/newsgraph/id/"


class NG(DefinedNamespace):
    """newsgraph's own terms (ontology/newsgraph.ttl defines each of them)."""

    _NS = Namespace(NG_IRI)
    _fail = True

    # classes
    Official: _URIRef
    Journalist: _URIRef
    Project: _URIRef
    Page: _URIRef
    PartyOrganization: _URIRef
    AdministrativeArea: _URIRef
    Zone: _URIRef
    Landmark: _URIRef
    NaturalPlace: _URIRef
    Region: _URIRef
    Meeting: _URIRef
    Conference: _URIRef
    Forum: _URIRef
    Training: _URIRef
    Inspection: _URIRef
    Ceremony: _URIRef
    Launch: _URIRef
    Contest: _URIRef
    Campaign: _URIRef
    # properties
    articleKind: _URIRef
    sourceFile: _URIRef
    encoding: _URIRef
    issueDate: _URIRef
    pageStart: _URIRef
    pageEnd: _URIRef
    kicker: _URIRef
    subtitle: _URIRef
    byline: _URIRef
    dateline: _URIRef
    placeLevel: _URIRef
    adminCode: _URIRef
    orgLevel: _URIRef
    roleLevel: _URIRef
    postTitle: _URIRef
    eventKind: _URIRef
    chair: _URIRef
    speaker: _URIRef
    accompanier: _URIRef
    leader: _URIRef
    participant: _URIRef
    sponsor: _URIRef
    amount: _URIRef
    continuesOn: _URIRef
    continuedFrom: _URIRef
    # corpus statistics (src/newsgraph/stats.py)
    articleCount: _URIRef
    pageCount: _URIRef


SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES = {
    "ng": NG_IRI,
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "time": str(TIME),
    "geo": str(GEO),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}
