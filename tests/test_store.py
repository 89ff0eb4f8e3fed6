"""The store: one named graph per page, build afresh, add and re-add, exports from it."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from newsgraph.cli import main
from newsgraph.rdf import Minter
from newsgraph.store import Manifest, named_quad_count, open_store, store_path

PAGES = Path(__file__).parent / "data" / "pages"
SAMPLES = Path(__file__).parent.parent / "src" / "newsgraph" / "samples"


def build(out: Path, *pages: str, date: str | None = None) -> int:
    args = ["build", "-q", "-o", str(out), *pages]
    return main(args + (["--date", date] if date else []))


def add(out: Path, *pages: str, date: str | None = None) -> int:
    return main(["add", "-q", "-o", str(out), *pages] + (["--date", date] if date else []))


def graphs(out: Path) -> set[str]:
    return {g.value for g in open_store(out).named_graphs()}


def quads(out: Path) -> set[str]:
    store = open_store(out)
    return {str(q) for q in store}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    assert build(out) == 0
    return out


def test_build_writes_the_store_beside_the_exports(sample: Path) -> None:
    assert (store_path(sample) / "corpus.json").exists()
    assert {p.name for p in sample.iterdir()} >= {"store", "graph.ttl", "graph.html",
                                                  "report.json"}
    man = Manifest.load(store_path(sample))
    assert len(man.pages) == 5 and man.pending == []
    assert len(list((store_path(sample) / "pages").glob("*.json.gz"))) == 5


def _max_open_files(folder: Path) -> set[str]:
    """RocksDB's max_open_files, as the OPTIONS files of a store record it."""
    return {line.split("=", 1)[1].strip() for options in folder.glob("OPTIONS-*")
            for line in options.read_text().splitlines()
            if line.strip().startswith("max_open_files=")}


def test_a_build_and_an_add_keep_few_table_files_open(sample: Path, tmp_path: Path) -> None:
    resource = pytest.importorskip("resource")  # POSIX: Oxigraph counts descriptors there
    from newsgraph.store import WRITER_OPEN_FILES, writable_store

    # a build's store: every open table file would keep its index blocks in memory
    assert _max_open_files(store_path(sample)) == {str(WRITER_OPEN_FILES)}
    limits = resource.getrlimit(resource.RLIMIT_NOFILE)
    store = writable_store(tmp_path / "s", open_files=100)
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == limits  # put back
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"),
                      ox.Literal("o"), ox.DefaultGraph()))
    store.flush()
    del store
    assert _max_open_files(tmp_path / "s") == {"100"}
    # an add opens the store the same way
    out = tmp_path / "added"
    shutil.copytree(sample, out)
    for options in store_path(out).glob("OPTIONS-*"):
        options.unlink()
    assert add(out, str(PAGES / sorted(p.name for p in PAGES.glob("*.txt"))[0])) == 0
    assert _max_open_files(store_path(out)) == {str(WRITER_OPEN_FILES)}


def test_a_writable_store_lowers_its_compaction_threads_priority(tmp_path: Path) -> None:
    """In a fresh process (the threads are RocksDB's, shared by every store it opens):
    compaction threads start at the process's priority; writable_store nices them, and
    only them."""
    import subprocess
    import sys

    from conftest import need

    need(Path("/proc/self/task").is_dir(), "Linux's /proc (the threads are its tasks)")
    script = """
import json, os, sys
from pathlib import Path
import pyoxigraph as ox
from newsgraph.store import COMPACTION_THREAD, writable_store

def nices():
    tasks = Path("/proc/self/task")
    return [((tasks / t / "comm").read_text().strip() == COMPACTION_THREAD,
             os.getpriority(os.PRIO_PROCESS, int(t))) for t in sorted(os.listdir(tasks))]

plain = ox.Store(sys.argv[1] + "/plain")
before = nices()
store = writable_store(sys.argv[1] + "/s")
print(json.dumps([before, nices(), os.getpriority(os.PRIO_PROCESS, 0)]))
"""
    run = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True,
                         text=True, check=True)
    before, after, own = json.loads(run.stdout)
    assert any(low for low, _ in before) and all(n == own for _, n in before)
    assert [n for low, n in after if low] == [19] * sum(low for low, _ in before)
    assert all(n == own for low, n in after if not low)


def test_one_named_graph_per_page_and_the_corpus_graph(sample: Path) -> None:
    m = Minter()
    ids = Manifest.load(store_path(sample)).pages
    assert graphs(sample) == {str(m.graph(p)) for p in ids} | {str(m.graph("corpus"))}


def test_default_graph_is_the_union_of_the_page_graphs_as_a_set(sample: Path) -> None:
    store = open_store(sample)
    union = {(q.subject, q.predicate, q.object) for q in store
             if not isinstance(q.graph_name, ox.DefaultGraph)}
    default = [(q.subject, q.predicate, q.object)
               for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    assert len(default) == len(set(default)) == len(union)
    assert set(default) == union


def test_graph_ttl_is_regenerated_from_the_store_and_byte_identical(sample, tmp_path) -> None:
    assert build(tmp_path) == 0
    assert (tmp_path / "graph.ttl").read_bytes() == (sample / "graph.ttl").read_bytes()
    assert (tmp_path / "graph.html").read_bytes() == (sample / "graph.html").read_bytes()
    g = rdflib.Graph().parse(sample / "graph.ttl")
    store = open_store(sample)
    assert len(g) == sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_exports_keep_the_declared_datatypes(sample: Path) -> None:
    text = (sample / "graph.ttl").read_text(encoding="utf-8")
    assert "nif:beginIndex \"" in text and "^^xsd:nonNegativeInteger" in text
    assert "^^xsd:integer" not in "\n".join(x for x in text.splitlines() if "Index" in x)


def test_corpus_graph_from_the_store_equals_the_assembled_one(sample: Path) -> None:
    from newsgraph.pipeline import build_corpus, process_all, sample_sources
    from newsgraph.rdf import assemble
    from newsgraph.store import store_quads

    corpus_graph = Minter().graph("corpus")
    corpus = build_corpus(process_all(sample_sources()).results)
    expected = {q[:3] for q in assemble(corpus) if q[3] == corpus_graph}
    got = {q[:3] for q in store_quads(open_store(sample)) if q[3] == corpus_graph}
    assert expected and got == expected


def test_add_pages_then_re_add_changes_nothing(tmp_path: Path) -> None:
    a, b = str(PAGES / "fixture-a.txt"), str(PAGES / "fixture-b.txt")
    assert build(tmp_path, a, date="2023-03-01") == 0
    assert add(tmp_path, b, date="2023-05-10") == 0
    assert str(Minter().graph("fixture-b")) in graphs(tmp_path)
    before, ttl = quads(tmp_path), (tmp_path / "graph.ttl").read_bytes()
    assert add(tmp_path, b, date="2023-05-10") == 0
    assert quads(tmp_path) == before
    assert (tmp_path / "graph.ttl").read_bytes() == ttl
    # the same two pages built at once give the same store
    other = tmp_path / "other"
    assert build(other, a, date="2023-03-01") == 0 and add(other, b, date="2023-05-10") == 0
    assert (other / "graph.ttl").read_bytes() == ttl


def test_add_spans_a_post_across_pages(tmp_path: Path) -> None:
    assert build(tmp_path, str(PAGES / "fixture-a.txt"), date="2023-03-01") == 0
    assert add(tmp_path, str(PAGES / "fixture-b.txt"), date="2023-05-10") == 0
    rows = list(open_store(tmp_path).query("""SELECT ?from ?to WHERE {
        ?ms org:member id:person\\/张强 ; org:role/rdfs:label "市长"@zh ; org:memberDuring ?i .
        ?i time:hasBeginning/time:inXSDDate ?from ; time:hasEnd/time:inXSDDate ?to }""",
        prefixes={"org": "http://www.w3.org/ns/org#", "id": "https://w3id.org/newsgraph/id/",
                  "time": "http://www.w3.org/2006/time#",
                  "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}))
    assert [(r["from"].value, r["to"].value) for r in rows] == [("2023-03-01", "2023-05-10")]


def test_re_adding_a_changed_page_replaces_its_graph(tmp_path: Path) -> None:
    page = tmp_path / "pages" / "fixture-a.txt"
    page.parent.mkdir()
    shutil.copy(PAGES / "fixture-a.txt", page)
    out = tmp_path / "out"
    assert build(out, str(page), date="2023-03-01") == 0
    assert "王刚" in (out / "graph.ttl").read_text(encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace("副市长王刚陪同调研。", ""),
                    encoding="utf-8")
    assert add(out, str(page), date="2023-03-01") == 0
    assert "王刚" not in (out / "graph.ttl").read_text(encoding="utf-8")
    assert len(graphs(out)) == 2


def test_add_of_an_issue_folder_keeps_a_page_of_the_same_name_in_another(
        tmp_path: Path) -> None:
    """Issues as folders (01.txt in each): adding the next issue adds its page beside the
    one of the same name; of two files that would be one page, the last is read."""
    first, batch = tmp_path / "first" / "2023-03-01", tmp_path / "batch" / "2023-05-10"
    first.mkdir(parents=True)
    batch.mkdir(parents=True)
    shutil.copy(PAGES / "fixture-a.txt", first / "01.txt")
    text = (PAGES / "fixture-b.txt").read_text(encoding="utf-8")
    (batch / "01.htm").write_text("<html><body><p>本报讯 会议召开。</p></body></html>",
                                  encoding="utf-8")
    (batch / "01.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert build(out, str(first.parent), date="2023-03-01") == 0
    assert add(out, str(batch.parent), date="2023-05-10") == 1
    rep = json.loads((out / "report.json").read_text())
    assert [(s["source"], s["reason"]) for s in rep["skipped"]] == [
        ("batch/2023-05-10/01.htm", "duplicate")]
    assert graphs(out) == {str(Minter().graph(p)) for p in
                           ("2023-03-01_01", "2023-05-10_01", "corpus")}
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "王刚" in ttl and "李明" in ttl


def test_adds_touching_part_of_the_corpus_give_the_store_of_one_build(tmp_path: Path) -> None:
    """add recomputes only the counts and spans the changed pages touch (a scoped update):
    pages added in steps, one of them then changed, end as one build of the final pages."""
    samples = sorted((Path(__file__).parent.parent / "src" / "newsgraph" / "samples")
                     .glob("*.txt"))
    pages = tmp_path / "pages"
    pages.mkdir()
    for f in samples:
        shutil.copy(f, pages / f.name)
    names = [str(pages / f.name) for f in samples]
    steps = tmp_path / "steps"
    assert build(steps, *names[:2]) == 0
    assert add(steps, *names[2:]) == 0
    changed = pages / samples[0].name
    text = changed.read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if len(p) > 80]
    changed.write_text(text.replace(paragraphs[1], "").replace(paragraphs[-1], ""),
                       encoding="utf-8")
    assert add(steps, str(changed)) == 0
    once = tmp_path / "once"
    assert build(once, *names) == 0
    assert quads(steps) == quads(once)
    assert (steps / "graph.ttl").read_bytes() == (once / "graph.ttl").read_bytes()
    # and report.json: every page's details and the corpus's figures, not the last add's
    assert report(steps) == report(once)
    assert report(steps)["pages"] == len(names)


def test_an_add_copies_unchanged_blocks_from_graph_ttl_never_from_another_file(
        tmp_path: Path, monkeypatch) -> None:
    """graph.ttl is written again by copying the blocks of the pages an add did not change
    from the graph.ttl before (store/graph.ttl.map says where they stand), a run of
    neighbours at once; a graph.ttl that is not the one the map describes (replaced, or
    touched) is not copied from. The bytes are those of one build either way."""
    import os

    import newsgraph.store as st

    samples = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    copied: list[str] = []
    real = st.append_file

    def append_file(src, out, *args):
        copied.append(Path(src).name)
        real(src, out, *args)

    monkeypatch.setattr(st, "append_file", append_file)
    steps, once = tmp_path / "steps", tmp_path / "once"
    assert build(steps, *samples[:3]) == 0
    copied.clear()
    assert add(steps, samples[3]) == 0
    new = Path(samples[3]).stem
    assert copied == ["graph.ttl", f"{new}.ttl", "corpus.ttl"]
    assert build(once, *samples[:4]) == 0
    assert (steps / "graph.ttl").read_bytes() == (once / "graph.ttl").read_bytes()
    # a graph.ttl replaced by hand: the blocks come from their files
    (steps / "graph.ttl").write_bytes(b"# not the graph\n")
    copied.clear()
    assert add(steps, samples[3]) == 0
    assert "graph.ttl" not in copied and len(copied) == 5
    assert (steps / "graph.ttl").read_bytes() == (once / "graph.ttl").read_bytes()
    # a graph.ttl changed since (its modification time moved): the same
    os.utime(steps / "graph.ttl", ns=(1, 1))
    copied.clear()
    assert add(steps, samples[3]) == 0
    assert "graph.ttl" not in copied
    assert (steps / "graph.ttl").read_bytes() == (once / "graph.ttl").read_bytes()


def report(out: Path) -> dict:
    """report.json without the seconds its run took (and a build's stages)."""
    rep = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert isinstance(rep.pop("seconds"), float)
    rep.pop("stages", None)
    return rep


def test_add_reports_what_it_could_not_read_until_it_reads_it(tmp_path: Path) -> None:
    a, b = str(PAGES / "fixture-a.txt"), tmp_path / "fixture-b.txt"
    b.write_bytes(b"")
    assert build(tmp_path / "out", a, date="2023-03-01") == 0
    assert report(tmp_path / "out")["skipped"] == []
    c = tmp_path / "c.txt"
    shutil.copy(PAGES / "fixture-b.txt", c)
    assert add(tmp_path / "out", str(b), str(c), date="2023-03-01") == 1  # one skipped
    rep = report(tmp_path / "out")
    assert [s["source"] for s in rep["skipped"]] == ["fixture-b.txt"]
    assert rep["pages"] == 2 and [d["source"] for d in rep["page_details"]] == [
        "c.txt", "fixture-a.txt"]
    shutil.copy(PAGES / "fixture-b.txt", b)  # mended: it is read, and no longer skipped
    assert add(tmp_path / "out", str(b), date="2023-03-01") == 0
    rep = report(tmp_path / "out")
    assert rep["skipped"] == [] and rep["pages"] == 3


def test_add_to_a_store_without_its_tally_says_so(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert build(out, str(PAGES / "fixture-a.txt"), date="2023-03-01") == 0
    before = quads(out)
    (store_path(out) / "tally.sqlite").unlink()
    assert add(out, str(PAGES / "fixture-b.txt"), date="2023-03-01") == 2
    assert "tally.sqlite: missing" in capsys.readouterr().err
    assert quads(out) == before


def test_add_patches_the_corpus_block_and_never_uses_a_stale_one(tmp_path: Path) -> None:
    """graph.ttl's corpus block is kept in store/corpus.ttl and patched by each add; a
    block an add killed mid-way set aside (corpus.ttl.old) is never patched again."""
    a, b = str(PAGES / "fixture-a.txt"), str(PAGES / "fixture-b.txt")
    once = tmp_path / "once"
    assert build(once, a, b, date="2023-03-01") == 0
    steps = tmp_path / "steps"
    assert build(steps, a, date="2023-03-01") == 0
    block = store_path(steps) / "corpus.ttl"
    assert block.exists()
    block.replace(block.with_name("corpus.ttl.old"))  # as if killed after the update
    block.with_name("corpus.ttl.old").write_text("\nschema:Stale\n    a schema:Thing .\n")
    assert add(steps, b, date="2023-03-01") == 0
    assert not block.with_name("corpus.ttl.old").exists()
    assert (steps / "graph.ttl").read_bytes() == (once / "graph.ttl").read_bytes()
    assert block.read_bytes() == (store_path(once) / "corpus.ttl").read_bytes()


def test_build_starts_afresh(tmp_path: Path) -> None:
    assert build(tmp_path, str(PAGES / "fixture-a.txt"), date="2023-03-01") == 0
    assert build(tmp_path, str(PAGES / "fixture-b.txt"), date="2023-05-10") == 0
    m = Minter()
    assert graphs(tmp_path) == {str(m.graph("fixture-b")), str(m.graph("corpus"))}
    assert not (tmp_path / "store.tmp").exists() and not (tmp_path / "store.old").exists()


def test_an_interrupted_add_is_finished_by_the_next(tmp_path: Path) -> None:
    from newsgraph.store import add_results

    assert build(tmp_path, str(PAGES / "fixture-a.txt"), date="2023-03-01") == 0
    expected = quads(tmp_path)
    folder = store_path(tmp_path)
    man = Manifest.load(folder)
    man.pending = ["fixture-a"]  # as if killed after recording, before the transaction
    man.save(folder)
    store = open_store(tmp_path, read_only=False)
    store.update(f"DROP GRAPH <{Minter().graph('fixture-a')}>")
    del store
    add_results([], tmp_path)
    assert quads(tmp_path) == expected
    assert Manifest.load(folder).pending == []


def test_corpus_json_is_read_a_page_at_a_time(sample: Path, tmp_path: Path) -> None:
    from newsgraph.errors import UsageError
    from newsgraph.store import FORMAT_VERSION

    full = Manifest.load(store_path(sample))
    full.pending = ["p-pending"]  # written after the pages: read at the end
    full.save(tmp_path)
    seen: list = []
    man = Manifest.scan(tmp_path, lambda pid, entry: seen.append((pid, entry)))
    assert seen == sorted(full.pages.items()) and len(seen) == 5
    assert (man.base, man.home_city, man.pending, man.pages) == (
        full.base, full.home_city, ["p-pending"], {})
    # a corpus.json written whole on a line (older stores) reads the same
    (tmp_path / "corpus.json").write_text(json.dumps(
        {"base": full.base, "home_city": full.home_city, "pages": full.pages,
         "pending": [], "version": FORMAT_VERSION}, ensure_ascii=False), encoding="utf-8")
    again: list = []
    assert Manifest.scan(tmp_path, lambda pid, entry: again.append((pid, entry))).pending == []
    assert again == seen
    # another format says so
    full.save(tmp_path)
    text = (tmp_path / "corpus.json").read_text(encoding="utf-8")
    other = text.replace(f'"version": {FORMAT_VERSION}}}', '"version": 9}')
    (tmp_path / "corpus.json").write_text(other, encoding="utf-8")
    with pytest.raises(UsageError, match="store format 9"):
        Manifest.scan(tmp_path)


def test_export_formats(sample: Path) -> None:
    store = open_store(sample)
    n = named_quad_count(store)
    del store
    assert main(["export", "-o", str(sample), "--format", "nquads"]) == 0
    ds = rdflib.Dataset()
    ds.parse(sample / "graph.nq", format="nquads")
    assert len(list(ds.quads((None, None, None, None)))) == n
    assert main(["export", "-o", str(sample), "--format", "jsonld"]) == 0
    data = json.loads((sample / "graph.jsonld").read_text(encoding="utf-8"))
    assert {g["@id"] for g in data if "@graph" in g} == graphs(sample)
    ttl = (sample / "graph.ttl").read_bytes()
    assert main(["export", "-o", str(sample), "--format", "turtle"]) == 0
    assert (sample / "graph.ttl").read_bytes() == ttl


def test_saved_page_results_round_trip(sample: Path) -> None:
    from newsgraph.rdf import assemble
    from newsgraph.store import load_result, page_corpus

    raw = (store_path(sample) / "pages" / "000_b1d7836084e76c7f.json.gz").read_bytes()
    assert json.loads(gzip.decompress(raw))["page"]["source"].startswith("000_")
    r = load_result(raw)
    from newsgraph.pipeline import process_page, sample_sources

    src = sample_sources()[0]
    fresh = process_page(src.read(), src.name)
    assert set(assemble(page_corpus(r, "大同市"))) == set(assemble(page_corpus(fresh, "大同市")))


def test_a_page_graph_in_the_store_holds_its_assembled_quads_each_once(sample: Path) -> None:
    from newsgraph.store import load_result, page_corpus, page_quads

    pid = "000_b1d7836084e76c7f"
    saved = load_result((store_path(sample) / "pages" / f"{pid}.json.gz").read_bytes())
    made = page_quads(page_corpus(saved, "大同市"), Minter(nt=True))
    assert len(made) == len(set(made)) > 100  # a page restates triples: stated once here
    graph = ox.NamedNode(str(Minter().graph(pid)))
    assert sum(1 for _ in open_store(sample).quads_for_pattern(None, None, None, graph)) \
        == len(made)


def test_commands_without_a_store_say_so(tmp_path: Path, capsys) -> None:
    assert main(["query", "-o", str(tmp_path), "ASK {}"]) == 2
    assert "newsgraph build" in capsys.readouterr().err
