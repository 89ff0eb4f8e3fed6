"""The RDF contract integrators rely on (see ontology/ and the pipeline issue)."""

from __future__ import annotations

from collections import Counter

import pyoxigraph
import pytest
import rdflib
from rdflib import BNode, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

from conftest import ROOT
from newsgraph.rdf.namespaces import NG, NG_IRI

SCHEMA = "http://schema.org/"
ONTOLOGY = ROOT / "ontology" / "newsgraph.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"


@pytest.fixture(scope="module")
def ontology():
    g = rdflib.Graph()
    g.parse(ONTOLOGY)
    return g


def test_contract_graph_conforms_to_shapes(sample_graph, ontology):
    pyshacl = pytest.importorskip("pyshacl")
    shapes = rdflib.Graph().parse(SHAPES)
    conforms, _, text = pyshacl.validate(sample_graph, shacl_graph=shapes, ont_graph=ontology,
                                         inference="none", allow_warnings=True)
    assert conforms, text[:3000]


def test_contract_every_class_used_has_a_shape(sample_graph):
    shapes = rdflib.Graph().parse(SHAPES)
    targeted = set(shapes.objects(None, URIRef("http://www.w3.org/ns/shacl#targetClass")))
    used = set(sample_graph.objects(None, RDF.type))
    assert used - targeted == set()


def test_contract_every_ng_term_is_defined_with_labels(sample_graph, ontology):
    terms = {t for triple in sample_graph for t in triple
             if isinstance(t, URIRef) and str(t).startswith(NG_IRI)}
    terms |= {URIRef(NG_IRI + n) for n in NG.__annotations__}
    for t in terms:
        langs = {lbl.language for lbl in ontology.objects(t, RDFS.label)}
        assert {"en", "zh"} <= langs, t
        assert any(True for _ in ontology.objects(t, RDFS.comment)), t


def _reaches_schema(cls, ontology, seen=()) -> bool:
    if str(cls).startswith(SCHEMA):
        return True
    return any(_reaches_schema(p, ontology, seen + (cls,))
               for p in ontology.objects(cls, RDFS.subClassOf) if p not in seen)


def test_contract_every_entity_type_reaches_schema_org(sample_graph, ontology):
    entity_types = set()
    for s in set(sample_graph.subjects(URIRef(SCHEMA + "name"), None)):
        types = set(sample_graph.objects(s, RDF.type))
        assert types, s
        assert any(_reaches_schema(t, ontology) for t in types), (s, types)
        entity_types |= types
    kinds = {str(t).rsplit("/", 1)[-1] for t in entity_types}
    assert {"Person", "NewsArticle"} & kinds or "Person" in kinds


def test_contract_no_blank_nodes(sample_graph):
    assert not any(isinstance(t, BNode) for triple in sample_graph for t in triple)


def test_contract_pyoxigraph_reads_the_same_triples(sample_build, sample_graph):
    data = (sample_build / "graph.ttl").read_bytes()
    ox = list(pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TURTLE))
    assert len(set(map(str, ox))) == len(sample_graph)
    ox_graph = rdflib.Graph()
    nt = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in ox)
    ox_graph.parse(data=nt, format="nt")
    assert isomorphic(ox_graph, sample_graph)


def test_contract_articles_have_headline_date_page_and_mentions(sample_graph):
    schema = rdflib.Namespace(SCHEMA)
    articles = set(sample_graph.subjects(RDF.type, schema.NewsArticle))
    assert len(articles) >= 30
    for a in articles:
        assert sample_graph.value(a, schema.headline) is not None
        assert sample_graph.value(a, schema.isPartOf) is not None
    mentioned = Counter(o for _, o in sample_graph.subject_objects(schema.mentions))
    assert mentioned, "articles mention entities"


def test_contract_ontology_is_owl(ontology):
    assert (URIRef(NG_IRI.rstrip("#")), RDF.type, OWL.Ontology) in ontology
