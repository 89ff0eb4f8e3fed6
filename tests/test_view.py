"""The HTML network view, from triples: what it shows, escaping, determinism, bounds.

The corpus here is made by hand and assembled into quads with newsgraph.rdf, so these
tests read the same triples a build writes without depending on the extractors.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newsgraph.export import html as view_html
from newsgraph.export import network as nw
from newsgraph.model import Article, Corpus, Entity, Fact, Page
from newsgraph.rdf import Minter, assemble

HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">王"五\'</script>'
HOSTILE_HEADLINE = "<script>window.__pwned=2</script>恶意标题 & \"quotes\" '"
TEXTS = {
    "p1/a00": ("张强主持召开全市经济工作会议",
               "张强主持召开全市经济工作会议\n"
               "本报讯（记者李明）10月12日，市委副书记、市长张强在大同主持召开全市经济工作会议。"
               "大同市发展和改革委员会负责人作了发言。\n"
               "张强强调，要加快推进云冈文旅项目建设，确保项目早日竣工。"),
    "p1/a01": ("云冈文旅项目开工",
               "云冈文旅项目开工\n云冈文旅项目由大同市发展和改革委员会推进，总投资5亿元。"
               "张强出席开工仪式。"),
    "p2/a00": (HOSTILE_HEADLINE,
               HOSTILE_HEADLINE + "\n" + HOSTILE_NAME + "在大同参加会议。张强会见了他。"),
}
ENTITIES = [
    ("person", "张强", "official"), ("person", "李明", "journalist"),
    ("person", HOSTILE_NAME, ""), ("place", "大同", "city"),
    ("organization", "大同市发展和改革委员会", "government"),
    ("event", "全市经济工作会议", "meeting"), ("project", "云冈文旅项目", ""),
]


def sample_corpus() -> Corpus:
    pages = [Page(source=f"{p}.txt", raw="", text="", origin=[], encoding="utf-8",
                  issue_date=date(2023, 10, 12)) for p in ("p1", "p2")]
    articles = []
    for aid, (headline, text) in TEXTS.items():
        page, _, idx = aid.partition("/a")
        articles.append(Article(page_id=page, index=int(idx), headline=headline, text=text,
                                start=0, end=len(text), date=date(2023, 10, 12 + int(idx))))
    entities = {}
    for kind, name, sub in ENTITIES:
        mentions = []
        for aid, (_h, text) in TEXTS.items():
            start = text.find(name)
            while start >= 0:
                mentions.append((aid, start, start + len(name), name))
                start = text.find(name, start + len(name))
        attrs = {"lat": 40.08, "lon": 113.3} if kind == "place" else {}
        entities[f"{kind}:{name}"] = Entity(kind=kind, key=f"{kind}:{name}", name=name,
                                            subtype=sub, attrs=attrs, mentions=mentions)
    entities["person:张强"].alt_names = {"张市长"}
    facts = [
        Fact("holds_title", "person:张强", "市长", "p1/a00",
             {"text": "市长", "org_key": "organization:大同市发展和改革委员会", "role": "市长"}),
        Fact("participant", "event:全市经济工作会议", "person:张强", "p1/a00", {"role": "chairs"}),
        Fact("located_in", "event:全市经济工作会议", "place:大同", "p1/a00"),
        Fact("behind", "project:云冈文旅项目", "organization:大同市发展和改革委员会", "p1/a01"),
        Fact("date", "event:全市经济工作会议", "", "p1/a00", {"start": "2023-10-12"}),
        Fact("amount", "project:云冈文旅项目", "5亿元", "p1/a01",
             {"value": 5e8, "text": "总投资5亿元"}),
        Fact("author", "person:李明", "", "p1/a00"),
        Fact("participant", "event:全市经济工作会议", f"person:{HOSTILE_NAME}", "p2/a00",
             {"role": "attends"}),
    ]
    return Corpus(pages=pages, articles=articles, entities=entities, facts=facts)


def sample_quads() -> list[tuple]:
    return assemble(sample_corpus(), Minter())


def _tags(page: str) -> list[tuple[str, list]]:
    """Every start tag the way a browser tokenises the page (script bodies are not markup)."""
    from html.parser import HTMLParser

    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Tags().feed(page)
    return found


def page_data(page: str) -> dict:
    m = re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def page() -> str:
    return view_html.view(sample_quads())


def by_name(data: dict) -> dict:
    return {n["n"]: n for n in data["nodes"]}


def test_nodes_are_entities_with_kinds_and_sizes(page: str) -> None:
    data = page_data(page)
    nodes = by_name(data)
    assert set(nodes) == {name for _k, name, _s in ENTITIES}
    assert {n: nodes[n]["k"] for n in ("张强", "大同", "全市经济工作会议", "云冈文旅项目")} == {
        "张强": "person", "大同": "place", "全市经济工作会议": "event", "云冈文旅项目": "project"}
    assert nodes["张强"]["t"] == "official" and nodes["张强"]["a"] == ["张市长"]
    assert nodes["张强"]["m"] == 5  # mentions: 3 + 1 + 1
    assert nodes["张强"]["m"] > nodes["李明"]["m"]
    assert [k["key"] for k in data["kinds"]] == list(view_html.KIND_STYLE)


def test_edges_carry_the_relations_an_analyst_reads(page: str) -> None:
    data = page_data(page)
    names = [n["n"] for n in data["nodes"]]
    rels = {(names[r[2]], r[1], names[e["b"] if r[2] == e["a"] else e["a"]])
            for e in data["edges"] for r in e["r"]}
    assert ("张强", "市长", "大同市发展和改革委员会") in rels
    assert ("张强", "chaired", "全市经济工作会议") in rels
    assert ("全市经济工作会议", "located in", "大同") in rels
    assert ("大同市发展和改革委员会", "behind", "云冈文旅项目") in rels
    assert ("李明", "wrote about", "张强") in rels
    assert any(label == "mentioned together" for _a, label, _b in rels)
    for e in data["edges"]:
        assert e["w"] == sum(r[3] for r in e["r"]) and e["w"] >= 1


def test_panel_data_traces_each_mention_to_its_sentence(page: str) -> None:
    data = page_data(page)
    zq = by_name(data)["张强"]
    assert [data["articles"][a]["h"] for a in zq["ar"]] == [
        "张强主持召开全市经济工作会议", HOSTILE_HEADLINE, "云冈文旅项目开工"]  # by date
    assert zq["po"][0][0] == "市长"
    for si, begin, end in zq["s"]:
        _art, _no, lo, text, *_ = data["sentences"][si]
        assert text[begin - lo:end - lo] == "张强"
    article = data["articles"][zq["ar"][0]]
    assert article["d"] == "2023-10-12" and article["p"] == "p1.txt"
    assert by_name(data)["全市经济工作会议"]["d"] == "2023-10-12"
    assert by_name(data)["云冈文旅项目"]["am"] == ["总投资5亿元"]
    assert data["dates"] == ["2023-10-12", "2023-10-13"]


def test_hostile_strings_stay_data(page: str) -> None:
    assert [a for a, _n in _tags(page) if a == "script"] == ["script"] * 3  # data, vis, view
    data_block = page.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    for bad in ("<", ">", "&"):
        assert bad not in data_block
    assert "<img" not in page and "window.__pwned" in page  # only as escaped JSON
    data = page_data(page)
    assert HOSTILE_NAME in by_name(data)
    assert HOSTILE_HEADLINE in [a["h"] for a in data["articles"]]
    title_page = view_html.view(sample_quads(), title="<b>x</b>")
    assert "<title>&lt;b&gt;x&lt;/b&gt;</title>" in title_page


def test_no_network_references_and_strict_csp(page: str) -> None:
    assert not [attrs for _t, attrs in _tags(page) if {"src", "href"} & set(dict(attrs))]
    assert set(re.findall(r"url\(\s*[\"']?([a-z]+):", page)) == {"data"}
    assert "sourceMappingURL" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert csp.count("'sha256-") == 2


def test_same_triples_give_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    here = str(Path(__file__).parent)
    code = (f"import sys; sys.path.insert(0, {here!r}); from test_view import sample_quads;"
            "from newsgraph.export.html import view;"
            "q = sample_quads(); q.reverse(); sys.stdout.write(view(q))")
    outs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        outs.add(subprocess.run([sys.executable, "-c", code], env=env, check=True,
                                capture_output=True).stdout)
    outs.add(view_html.view(sample_quads()).encode())
    assert len(outs) == 1


def test_max_nodes_keeps_the_most_connected_and_says_what_it_left_out() -> None:
    data = page_data(view_html.view(sample_quads(), max_nodes=3))
    assert len(data["nodes"]) == 3
    assert "张强" in by_name(data)
    om = data["omitted"]
    assert om["nodes"] == len(ENTITIES) - 3 and om["total_nodes"] == len(ENTITIES)
    assert sum(om["kinds"].values()) == om["nodes"] and om["edges"] > 0
    assert len(om["examples"]) == om["nodes"]


def test_focus_depth_and_kinds() -> None:
    g = nw.entity_graph(nw.read(sample_quads()))
    focus = nw.find(g, "张")  # part of a name
    assert [g.nodes[n]["name"] for n in focus] == ["张强"]
    assert nw.find(g, "张市长") == focus
    one, _ = nw.select(g, focus=focus, depth=1, kinds=["person", "event"])
    assert {g.nodes[n]["kind"] for n in one} == {"person", "event"}
    data = page_data(view_html.view(sample_quads(), focus="张强", depth=1, kinds=["event"]))
    assert sorted(n["n"] for n in data["nodes"]) == ["全市经济工作会议", "张强"]
    assert data["focus"]["names"] == ["张强"] and data["focus"]["depth"] == 1


def test_unknown_focus_is_a_usage_error() -> None:
    from newsgraph.errors import UsageError

    with pytest.raises(UsageError):
        view_html.view(sample_quads(), focus="不存在的人")


def test_layout_is_seeded_and_spreads_large_components() -> None:
    import networkx as nx

    g = nx.relabel_nodes(nx.barabasi_albert_graph(600, 2, seed=1), str)
    pos = nw.layout(g)
    assert pos == nw.layout(g)
    xs = sorted({p for p in pos.values()})
    assert len(xs) == 600  # no two nodes on one spot


def test_view_command_writes_a_focused_page(tmp_path: Path) -> None:
    from newsgraph.cli import main
    from newsgraph.export.turtle import turtle

    (tmp_path / "graph.ttl").write_text(turtle(sample_quads()), encoding="utf-8")
    assert main(["view", "-o", str(tmp_path), "--focus", "张强", "--depth", "1",
                 "--kinds", "person,event"]) == 0
    data = page_data((tmp_path / "view.html").read_text(encoding="utf-8"))
    assert "张强" in by_name(data)
    assert {n["k"] for n in data["nodes"]} <= {"person", "event"}
    assert main(["view", "-o", str(tmp_path / "missing")]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["view", "-o", str(tmp_path), "--kinds", "dragon"])
    assert exc.value.code == 2


def _ox_store(quads: list[tuple]):
    """An in-memory store as the build fills it: each page graph, and their union."""
    import pyoxigraph as ox

    from newsgraph.export.turtle import term_n3

    lines = "".join(f"{term_n3(s)} {term_n3(p)} {term_n3(o)} {term_n3(g)} .\n"
                    f"{term_n3(s)} {term_n3(p)} {term_n3(o)} .\n" for s, p, o, g in quads)
    store = ox.Store()
    store.load(input=lines.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def test_read_store_reads_what_read_reads_from_the_same_triples() -> None:
    from rdflib import RDFS, Literal, URIRef

    from newsgraph.rdf.namespaces import NIF, SCHEMA

    quads = sample_quads()
    assert nw.read_store(_ox_store(quads)) == nw.read(quads)
    m = Minter()
    one = [q for q in quads if q[3] == m.graph("p1")]
    assert nw.read_store(_ox_store(quads), [str(m.graph("p1"))]) == nw.read(one)
    # odd triples: an entity with a label but no name, a phrase with two begins, a
    # mention of a literal; read_store then falls back to reading the phrases' triples
    zq, g = m.entity("person:张强"), m.graph("p1")
    phrase = next(s for s, p, _o, _g in quads if p == NIF.beginIndex)
    odd = [q for q in quads if not (q[0] == zq and q[1] in (SCHEMA.name, RDFS.label))] + [
        (zq, RDFS.label, Literal("张强（标签）"), g),
        (phrase, NIF.beginIndex, Literal(99), g),
        (URIRef(str(m.article("p1/a00"))), SCHEMA.mentions, Literal("x"), g)]
    data = nw.read_store(_ox_store(odd))
    assert data == nw.read(odd)
    assert nw.read_store(_ox_store(odd[:-2] + odd[-1:])) == nw.read(odd[:-2] + odd[-1:])
    assert data.entities[str(zq)]["name"] == "张强（标签）"


def test_communities_are_networkx_louvain_partition() -> None:
    """communities() is a port of networkx's Louvain: the same partition, bit for bit."""
    import random

    import networkx as nx

    def louvain(g, seed: int = 7) -> dict:
        nodes = sorted(g)
        h = nx.relabel_nodes(g, {n: i for i, n in enumerate(nodes)})
        found = nx.community.louvain_communities(h, weight="weight", seed=seed)
        found = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
        return {nodes[i]: k for k, c in enumerate(found) for i in c}

    graphs = [nw.entity_graph(nw.read(sample_quads())), nx.les_miserables_graph(),
              nx.connected_caveman_graph(6, 5), nx.empty_graph(3)]
    for i in range(6):
        rng = random.Random(i)
        g = nx.gnm_random_graph(rng.randint(2, 120), rng.randint(1, 300), seed=i)
        for u, v in g.edges:
            g[u][v]["weight"] = rng.randint(1, 5) if i % 2 else rng.random()
        g.add_edge(0, 0, weight=2)
        graphs.append(nx.relabel_nodes(g, {n: f"n{rng.random()}" for n in g}))
    for g in graphs:
        for seed in (7, 11):
            assert nw.communities(g, seed) == louvain(g, seed)
