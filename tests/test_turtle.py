"""The deterministic Turtle writer: any text round-trips."""

from __future__ import annotations

import pyoxigraph
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from newsgraph.export.turtle import nquads, turtle
from newsgraph.rdf.iris import Minter, slug
from newsgraph.rdf.namespaces import PREFIXES

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


def _parse(data: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format="turtle")


@settings(max_examples=150, deadline=None)
@given(name=text, literal=text)
def test_turtle_any_text_round_trips(name, literal):
    m = Minter()
    s = m.entity(f"person:{name}")
    triples = [(s, URIRef("http://schema.org/name"), Literal(literal, lang="zh")),
               (s, URIRef("http://schema.org/description"), Literal(literal))]
    data = turtle(triples)
    g = _parse(data)
    expected = rdflib.Graph()
    for t in triples:
        expected.add(t)
    assert isomorphic(g, expected)
    assert len(list(pyoxigraph.parse(data.encode(), format=pyoxigraph.RdfFormat.TURTLE))) == 2


def test_turtle_is_independent_of_input_order():
    s = URIRef("http://example.org/s")
    triples = [(s, URIRef(f"http://example.org/p{i}"), Literal(str(i))) for i in range(20)]
    assert turtle(triples) == turtle(list(reversed(triples)))


def test_turtle_escapes_hostile_literals():
    s = URIRef("http://example.org/s")
    hostile = 'a "quote" \\ back <script>\n\x00\x07 end'
    data = turtle([(s, URIRef("http://example.org/p"), Literal(hostile))])
    assert str(next(iter(_parse(data).objects()))) == hostile


def test_nquads_sorted_and_parsable():
    g = URIRef("http://example.org/g")
    quads = [(URIRef("http://example.org/b"), URIRef("http://example.org/p"), Literal("x"), g),
             (URIRef("http://example.org/a"), URIRef("http://example.org/p"), Literal("y"), g)]
    data = nquads(quads)
    assert data.splitlines()[0].startswith("<http://example.org/a>")
    assert len(list(pyoxigraph.parse(data.encode(), format=pyoxigraph.RdfFormat.N_QUADS))) == 2


def test_iris_are_stable_and_readable():
    m = Minter("https://example.org/id/")
    assert str(m.entity("person:张强")) == "https://example.org/id/person/张强"
    assert m.entity("person:张强") == Minter("https://example.org/id").entity("person:张强")
    assert slug("a b<>") == "a%20b%3C%3E"
    assert str(m.article("000_x/a03")) == "https://example.org/id/article/000_x/a03"


def _abbrev_pair():
    from newsgraph.export.sorted_turtle import Abbrev

    fast, general = Abbrev(PREFIXES), Abbrev(PREFIXES)
    general.by_ns = None  # the namespaces tried one by one, longest first
    assert fast.by_ns is not None
    return fast, general


@given(st.sampled_from(sorted(PREFIXES.values())), st.text(alphabet="aZ09_-/#.:é%", max_size=8))
def test_prefixed_names_found_by_namespace_look_up_are_the_longest_match(ns, local):
    fast, general = _abbrev_pair()
    assert fast(ns + local) == general(ns + local)


def test_prefixed_names_of_the_sample_graph_are_the_longest_match(sample_build):
    fast, general = _abbrev_pair()
    names = set()
    for line in (sample_build / "store" / "pages").glob("*.ttl"):
        names.update(t[1:-1] for t in line.read_text().split() if t.startswith("<"))
    iris = [f"http://schema.org/{n}" for n in ("name", "a/b", "", "1x")] + sorted(names)
    assert [fast(i) for i in iris] == [general(i) for i in iris]


def test_a_block_patched_in_its_file_is_the_block_of_the_graph_so_changed(tmp_path):
    """patch_block_file leaves out the statements of the subjects given (by key, and by
    a prefix: the corpus graph's days) and merges new ones in, bisecting the old block's
    file: the bytes are those of block() of the changed graph, wherever the changes fall
    (first statement, last, none, every one; blank nodes and prefixed names kept)."""
    import random

    from newsgraph.export.sorted_turtle import block, patch_block_file

    base = "https://w3id.org/newsgraph/id/"
    day = f"{base}day/"
    pool = ([f"{day}2023-{m:02d}-{d:02d}" for m in (1, 5, 12) for d in (3, 17)]
            + [f"{base}person/{n}" for n in ("张伟", "李娜", "王刚", "赵敏")]
            + [f"{base}organization/{n}" for n in ("大同市委", "市政府")]
            + ["http://schema.org/Person", "_:b1", "_:b2"])

    def triples(subject: str, tag: str, rng: random.Random) -> list[str]:
        s = subject if subject.startswith("_:") else f"<{subject}>"
        return [f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "{tag}{k}" .\n'
                for k in range(rng.randint(1, 3))]

    for seed in range(40):
        rng = random.Random(seed)
        old = [t for s in rng.sample(pool, rng.randint(0, len(pool)))
               for t in triples(s, "old", rng)]
        iris = [s for s in pool if not s.startswith("_:")]
        keys = set(rng.sample(iris, rng.randint(0, len(iris))))
        prefix = day if rng.random() < 0.7 else f"{base}none/"
        # the new statements are of subjects left out, as an add's are
        out_subjects = [s for s in pool if s in keys or s.startswith(prefix)]
        new = [t for s in rng.sample(out_subjects, rng.randint(0, len(out_subjects)))
               for t in triples(s, "new", rng)]
        path = tmp_path / f"old-{seed}.ttl"
        path.write_bytes(block(old).encode("utf-8"))
        with open(tmp_path / f"new-{seed}.ttl", "wb") as out:
            patch_block_file(out, path, keys, prefix, block(new))
        kept = [t for t in old if t.split(" ", 1)[0].strip("<>") not in keys
                and not t.split(" ", 1)[0].strip("<>").startswith(prefix)]
        assert (tmp_path / f"new-{seed}.ttl").read_bytes() == \
            block(kept + new).encode("utf-8"), seed
