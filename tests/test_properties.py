"""Property-based tests: any Unicode text reads, segments and becomes a graph that parses
back to the same triples."""

from __future__ import annotations

import pyoxigraph
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from conftest import spans_agree
from newsgraph.errors import PageError
from newsgraph.export.turtle import nquads, turtle
from newsgraph.pipeline import build_corpus, process_page
from newsgraph.rdf import Minter, assemble
from newsgraph.read import read_bytes
from newsgraph.segment import segment

# Text that looks like a page: Chinese, punctuation, bylines, breaks, and anything at all.
PIECES = ["本报讯（记者 张三）", "市委书记王五", "在大同市召开会议。", "\n\n", "\n",
          "（下转第三版）", "本报记者 李四摄", "□本报记者 赵六", "2023年10月11日",
          "昨日", "“", "”", "<script>", "\\", '"', "\x00", "\r\n", "　", "——", "、",
          "项目", "大会"]
page_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=40).map(
    "".join)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(text=page_text)
def test_properties_reader_keeps_offsets_or_refuses(text):
    try:
        page = read_bytes(text.encode("utf-8", "surrogatepass"), "p.txt")
    except PageError as exc:
        assert exc.reason in {"empty", "binary", "undecodable", "not-chinese", "too-large"}
        return
    assert len(page.origin) == len(page.text)
    for i, ch in enumerate(page.text):
        if ch not in "\n":
            assert 0 <= page.origin[i] < len(page.raw)


@SETTINGS
@given(text=page_text)
def test_properties_segmenter_articles_lie_inside_the_page(text):
    try:
        page = read_bytes(text.encode("utf-8", "surrogatepass"), "p.txt")
    except PageError:
        return
    arts = segment(page)
    for art in arts:
        assert 0 <= art.start <= art.end <= len(page.text)
        assert art.kind in {"news", "photo", "commentary", "notice", "feature"}
    spans_agree(page, arts)


@SETTINGS
@given(text=page_text)
def test_properties_any_page_gives_a_graph_that_parses_back(text):
    try:
        result = process_page(text.encode("utf-8", "surrogatepass"), "p.txt")
    except PageError:
        return
    quads = assemble(build_corpus([result]), Minter())
    data = turtle(quads)
    parsed = rdflib.Graph().parse(data=data, format="turtle")
    expected = rdflib.Graph()
    for s, p, o, _ in quads:
        expected.add((s, p, o))
    assert isomorphic(parsed, expected)
    ox = list(pyoxigraph.parse(nquads(quads).encode(), format=pyoxigraph.RdfFormat.N_QUADS))
    assert len({(q.subject, q.predicate, q.object) for q in ox}) == len(expected)
