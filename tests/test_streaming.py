"""The streaming build: workers, batches, the external-sort Turtle writer."""

from __future__ import annotations

import json
import math
import shutil
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from newsgraph.cli import main

SAMPLES = ROOT / "src" / "newsgraph" / "samples"


def _outputs(folder: Path) -> dict:
    rep = json.loads((folder / "report.json").read_text())
    rep.pop("seconds")
    rep.pop("stages")  # timings
    return {"graph.ttl": (folder / "graph.ttl").read_bytes(),
            "graph.html": (folder / "graph.html").read_bytes(), "report": rep}


def test_workers_give_the_outputs_of_one_worker(sample_build, tmp_path):
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    assert main(["build", "-q", "--workers", "2", "-o", str(tmp_path / "w2"),
                 *reversed(files)]) == 0
    assert _outputs(tmp_path / "w2") == _outputs(sample_build)


def test_workers_option_must_be_positive(tmp_path, capsys):
    try:
        main(["build", "-q", "--workers", "0", "-o", str(tmp_path)])
    except SystemExit as exc:
        assert exc.code == 2
    assert "--workers" in capsys.readouterr().err


def _square(x: int, k: int) -> int:
    return x * x + k


def test_imap_ordered_keeps_input_order_in_processes():
    from newsgraph.ingest import imap_ordered

    items = list(range(200))
    assert list(imap_ordered(_square, items, (1,), workers=2, window=3)) == \
        [x * x + 1 for x in items]


def test_a_tally_is_saved_whole_over_what_a_killed_save_left(tmp_path):
    from newsgraph.ingest import Tally

    tally = Tally()
    tally.add(_page_out("p1", ["一"]))
    tally.add(_page_out("p1", ["二"]), again=True)  # a page id given twice keeps its last
    (tmp_path / "tally.sqlite.part").write_bytes(b"half a database")
    tally.save(tmp_path / "tally.sqlite")
    assert [p.name for p in tmp_path.iterdir()] == ["tally.sqlite"]
    saved = Tally(tmp_path / "tally.sqlite")
    assert saved.report(0) == tally.report(0) and saved.report(0)["pages"] == 1
    saved.write_report(tmp_path / "report.json", 0)
    assert json.loads((tmp_path / "report.json").read_text())["warnings"] == ["二"]


def _pid(x: int) -> tuple[int, int]:
    import os

    return x, os.getpid()


def test_one_worker_is_a_process_of_its_own_given_a_pool():
    """A build starts a pool of one for --workers 1: its pages are made in the worker while
    the main process loads; without a pool one worker is the calling process."""
    import os

    from newsgraph.ingest import imap_ordered, worker_pool

    pool = worker_pool(1)
    try:
        got = list(imap_ordered(_pid, range(20), workers=1, pool=pool))
    finally:
        pool.shutdown()
    assert [x for x, _ in got] == list(range(20))
    assert len({pid for _, pid in got}) == 1 and got[0][1] != os.getpid()
    assert {pid for _, pid in imap_ordered(_pid, range(5), workers=1)} == {os.getpid()}


def test_workers_leave_what_they_inherit_out_of_the_collector():
    """A worker freezes the objects it was forked with (the lexicons and models warm_up
    loaded): the garbage collector's passes in it skip them."""
    import gc
    import multiprocessing

    from newsgraph.ingest import worker_pool

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("workers are forked only where the platform can fork")
    pool = worker_pool(1)
    try:
        frozen = pool.submit(gc.get_freeze_count).result()
    finally:
        pool.shutdown()
    assert frozen > 100_000  # the gazetteer's and the dictionaries' objects among them


def test_a_build_streams_in_batches_of_pages(tmp_path):
    """200 synthetic pages in batches of 32: the store never takes more than a batch at
    a time, and the result is the one a single batch gives (checked on a subset)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from newsgraph.build import build
    from newsgraph.ingest import StreamStats
    from newsgraph.pipeline import collect_sources
    from synth import pages

    src = tmp_path / "pages"
    src.mkdir()
    for name, text in pages(200):
        (src / name).write_text(text, encoding="utf-8")
    stats = StreamStats()
    rep = build(collect_sources([str(src)]), tmp_path / "out", workers=2, batch_pages=32,
                stats=stats)
    assert rep["pages"] == 200 and not rep["skipped"]
    assert stats.max_batch_pages <= 32
    assert stats.batches == math.ceil(200 / 32)
    # the same pages in one batch, one worker: the same graph
    few = sorted(src.glob("*.txt"))[:24]
    a = build(collect_sources([str(p) for p in few]), tmp_path / "a", batch_pages=5)
    b = build(collect_sources([str(p) for p in reversed(few)]), tmp_path / "b",
              batch_pages=100)
    assert a["pages"] == b["pages"] == 24
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")


def test_graph_ttl_is_the_union_in_page_blocks(sample_build, tmp_path):
    import io
    import shutil

    import pyoxigraph as ox
    import rdflib

    from newsgraph.export.sorted_turtle import (
        SPILL_CHUNK,
        block,
        graph_lines,
        header,
        write_block,
    )
    from newsgraph.export.turtle import turtle
    from newsgraph.store import open_store, store_quads, write_exports

    store = open_store(sample_build)
    union = {q[:3] for q in store_quads(store)}
    text = (sample_build / "graph.ttl").read_text(encoding="utf-8")
    assert set(rdflib.Graph().parse(data=text, format="turtle")) == union
    pages = sorted(p.stem for p in (sample_build / "store" / "pages").glob("*.ttl"))
    assert len(pages) == 5 and [line for line in text.splitlines()
                                if line.startswith("# ")][:5] == [
        f"# <https://w3id.org/newsgraph/id/graph/{p}>" for p in pages]
    # the external sort, spilling small runs, writes what the in-memory sort does; the
    # rdflib writer goes through the same records
    lines = list(graph_lines(store, ox.DefaultGraph(), str(tmp_path)))
    out = io.StringIO()
    assert write_block(out, lines, str(tmp_path), run_size=500) == len(lines) == len(union)
    assert out.getvalue() == block(lines)
    # runs of several pickled chunks each (the merge reads a chunk of a run at a time)
    assert len(lines) > 2 * (SPILL_CHUNK * 2 + 7)
    out = io.StringIO()
    write_block(out, lines, str(tmp_path), run_size=SPILL_CHUNK * 2 + 7)
    assert out.getvalue() == block(lines)
    assert turtle(store_quads(store)) == header() + block(lines)
    del store
    # blocks rendered from the store (none saved) are the bytes the build rendered
    copy = tmp_path / "copy"
    shutil.copytree(sample_build, copy)
    for saved in (copy / "store" / "pages").glob("*.ttl"):
        saved.unlink()
    write_exports(copy, ["turtle"])
    assert (copy / "graph.ttl").read_text(encoding="utf-8") == text


def test_exports_written_together_are_the_builds_and_a_failed_copy_raises(
        sample_build, tmp_path, monkeypatch):
    """write_exports copies graph.ttl in a thread while it draws graph.html: the files are
    the build's; an error of the copy is raised by write_exports and leaves graph.ttl as
    it was."""
    import newsgraph.store as store_mod

    copy = tmp_path / "copy"
    shutil.copytree(sample_build, copy)
    ttl, html = (copy / "graph.ttl").read_bytes(), (copy / "graph.html").read_bytes()
    (copy / "graph.ttl").unlink()
    (copy / "graph.html").unlink()
    assert store_mod.write_exports(copy) == [copy / "graph.ttl", copy / "graph.html"]
    assert (copy / "graph.ttl").read_bytes() == ttl
    assert (copy / "graph.html").read_bytes() == html

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_mod, "write_ttl", full_disk)
    with pytest.raises(OSError, match="No space"):
        store_mod.write_exports(copy)
    assert (copy / "graph.ttl").read_bytes() == ttl
    assert not list(copy.glob(".*.tmp"))  # no half-written file left



def test_the_loader_loads_in_the_background_and_raises_a_failed_load(tmp_path):
    import pyoxigraph as ox
    import pytest

    from newsgraph.ingest import Loader, trig_batch

    block = '\n<http://x/a>\n    schema:name "张强"@zh .\n'.encode()  # as page_block writes
    data = trig_batch([(b"<http://x/g1>", block), (b"<http://x/g2>", block)])
    loader = Loader(lambda: ox.Store(str(tmp_path / "s")))
    loader.put(data)
    loader.close()
    name = ox.Literal("张强", language="zh")
    assert sorted(str(q.graph_name) for q in loader.store) == [
        "<http://x/g1>", "<http://x/g2>", "DEFAULT"]  # the triple both pages state: once
    assert all(q.object == name for q in loader.store)
    bad = Loader(ox.Store)
    bad.put(b"<http://x/a> <http://x/p> .\n")
    with pytest.raises(SyntaxError):
        bad.close()


def _page_out(page_id: str, warnings: list[str]):
    from newsgraph.ingest import PageOut

    return PageOut(page_id=page_id, saved=b"", posts=[], turtle=b"", quads=0,
                   detail={"source": f"{page_id}.txt", "continuations": ["下转第三版"],
                           "articles": 2},
                   warnings=warnings, articles=2, facts=1,
                   entities=[("person:张强", "official")], mentioned=[("person:张强", 2)],
                   spans={})


def test_the_report_is_streamed_from_the_tally_with_json_dumps_bytes(tmp_path):
    """report.json is written a page at a time, by page id, and reads as json.dumps wrote
    it: with lists of pages empty or not, and warnings in page order."""
    from newsgraph.ingest import Tally
    from newsgraph.pipeline import Skipped

    for outs in ([], [_page_out("p2", ["二：断行"]), _page_out("p1", []),
                      _page_out("p3", ["三", "四"])]):
        tally = Tally()
        tally.skip(Skipped("bad.txt", "empty", "bad.txt: empty page"))
        for out in outs:
            tally.add(out)
        rep = tally.write_report(tmp_path / "report.json", 1.5)
        text = (tmp_path / "report.json").read_text(encoding="utf-8")
        data = json.loads(text)
        assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        assert data == rep | {
            "page_details": [o.detail for o in sorted(outs, key=lambda o: o.page_id)],
            "warnings": ["二：断行", "三", "四"] if outs else []}
        assert rep["pages"] == len(outs) and "page_details" not in rep


def test_the_view_of_the_last_pages_is_drawn_by_a_worker_as_the_store_draws_it(tmp_path,
                                                                               monkeypatch):
    """A corpus of more pages than graph.html draws: a worker draws the last pages from
    their blocks while the build goes on (build.ViewJob); the file is the one
    write_exports draws from the finished store, and not the whole corpus's view."""
    from newsgraph.build import ViewJob, build
    from newsgraph.export.html import view
    from newsgraph.pipeline import collect_sources
    from newsgraph.store import open_store, view_triples, write_exports

    started = []
    start = ViewJob.start

    def spy(self, pages_dir, page_ids, changed=None):
        start(self, pages_dir, page_ids, changed)
        started.append(self.future is not None)

    sources = collect_sources([str(SAMPLES)])
    out = tmp_path / "out"
    monkeypatch.setattr(ViewJob, "start", spy)
    build(sources, out, workers=2, view_pages=3)
    assert started == [True]
    drawn = (out / "graph.html").read_bytes()
    with_store = open_store(out)
    assert view(view_triples(with_store, 3)).encode("utf-8") == drawn  # as from the store
    del with_store
    write_exports(out, ("html",), max_pages=3)  # from the blocks again
    assert (out / "graph.html").read_bytes() == drawn
    blocks = sorted((out / "store" / "pages").glob("*.ttl"))
    blocks[-1].unlink()  # a block missing: drawn from the store, the same page
    write_exports(out, ("html",), max_pages=3)
    assert (out / "graph.html").read_bytes() == drawn
    write_exports(out, ("html",), max_pages=None)
    assert (out / "graph.html").read_bytes() != drawn


def test_exports_with_a_pool_draw_the_view_in_a_worker_and_write_the_same_files(
        sample_build, tmp_path):
    """newsgraph add hands write_exports its idle pool: a view of part of the corpus is
    drawn there, from the pages' blocks, while graph.ttl is written; the same files."""
    from newsgraph.ingest import worker_pool
    from newsgraph.store import write_exports

    copy = tmp_path / "copy"
    shutil.copytree(sample_build, copy)
    write_exports(copy, max_pages=3)
    want = {name: (copy / name).read_bytes() for name in ("graph.ttl", "graph.html")}
    for name in want:
        (copy / name).unlink()
    pool = worker_pool(1)
    drawn = []
    submit = pool.submit

    def spy(fn, *args):
        drawn.append(fn.__name__)
        return submit(fn, *args)

    pool.submit = spy
    try:
        assert write_exports(copy, max_pages=3, pool=pool) == [copy / "graph.ttl",
                                                                copy / "graph.html"]
    finally:
        pool.shutdown()
    assert drawn == ["html_of_blocks"]
    assert {name: (copy / name).read_bytes() for name in want} == want
    assert want["graph.ttl"] == (sample_build / "graph.ttl").read_bytes()


@pytest.mark.parametrize("kernel", ["copy_file_range", "unsupported", "absent"])
def test_append_file_writes_a_file_at_the_end_of_another(tmp_path, monkeypatch, kernel):
    """graph.ttl is made of the pages' blocks appended in the kernel where it can, else
    through a buffer: the same bytes, and writes after it go after them."""
    import errno
    import os

    from newsgraph.fsutil import append_file

    if kernel == "unsupported":
        def refuse(*_args):
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        monkeypatch.setattr(os, "copy_file_range", refuse)
    elif kernel == "absent":
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    block = tmp_path / "block.ttl"
    block.write_bytes("".join(f"<s{i}> <p> \"块{i}\" .\n" for i in range(5000)).encode())
    (tmp_path / "empty").write_bytes(b"")
    with open(tmp_path / "out.ttl", "wb") as out:
        out.write(b"# head\n")
        append_file(block, out)
        append_file(tmp_path / "empty", out)
        out.write(b"# tail\n")
        append_file(block, out)
        append_file(block, out, 7, 30_000)  # a part of it (graph.ttl's unchanged blocks)
        out.write(b"# end\n")
    data = block.read_bytes()
    assert (tmp_path / "out.ttl").read_bytes() == \
        b"# head\n" + data + b"# tail\n" + data + data[7:30_007] + b"# end\n"
    with open(tmp_path / "out.ttl", "ab") as out, pytest.raises(OSError, match="early"):
        append_file(block, out, len(data) - 10, 20)  # past its end: an error, not a part


def test_append_file_raises_what_is_not_a_missing_kernel_copy(tmp_path, monkeypatch):
    import errno
    import os

    from newsgraph.fsutil import append_file

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "copy_file_range", full)
    (tmp_path / "block").write_bytes(b"x" * 100)
    with open(tmp_path / "out", "wb") as out, pytest.raises(OSError, match="No space"):
        append_file(tmp_path / "block", out)


def test_the_view_is_drawn_again_when_a_drawn_page_is_made_again(tmp_path, monkeypatch):
    """The worker starts drawing graph.html once the last page's block is written; a page
    made again at the end (here: given twice, so its graph is assembled from its last
    copy) and among those drawn makes it start again: the file is still the one drawn
    from the finished store."""
    from newsgraph.build import ViewJob, build
    from newsgraph.export.html import view
    from newsgraph.pipeline import collect_sources
    from newsgraph.store import open_store, view_triples

    calls = []
    start = ViewJob.start

    def spy(self, pages_dir, page_ids, changed=None):
        before = self.future
        start(self, pages_dir, page_ids, changed)
        calls.append((changed, self.future is not before))

    sources = collect_sources([str(SAMPLES)])
    out = tmp_path / "out"
    monkeypatch.setattr(ViewJob, "start", spy)
    last = sources[-1]
    build([*sources, last], out, workers=2, view_pages=3)
    assert calls[0] == (None, True)
    assert calls[1] == ([Path(last.name).stem], True)
    with_store = open_store(out)
    assert (out / "graph.html").read_bytes() == view(view_triples(with_store, 3)).encode()
    del with_store
    # a page made again that is not drawn leaves the drawing going
    calls.clear()
    build([*sources, sources[0]], out, workers=2, view_pages=3)
    assert calls[0] == (None, True) and calls[1][1] is False


def _named_out(page_id: str, entities: list[tuple[str, str]]):
    out = _page_out(page_id, [])
    out.entities = entities
    return out


def test_a_saved_tally_moves_its_entity_figures_by_the_pages_changed(tmp_path):
    """A tally saves report.json's entity figures; opened again (as newsgraph add opens
    the store's), pages added, given again and dropped move them, and they stay what
    counting every row of the final pages gives."""
    import random

    from newsgraph.ingest import Tally

    keys = [f"{kind}:{i}" for kind in ("person", "place", "organization") for i in range(6)]
    subtypes = ["official", "journalist", ""]
    for seed in range(20):
        rnd = random.Random(seed)

        def page(pid: str, rnd: random.Random = rnd):
            return _named_out(pid, [(k, rnd.choice(subtypes))
                                    for k in rnd.sample(keys, rnd.randint(0, 5))])

        pages = {f"p{i}": page(f"p{i}") for i in range(6)}
        first = Tally()
        for out in pages.values():
            first.add(out)
        first.save(tmp_path / f"{seed}.sqlite")
        assert first.db.execute("SELECT COUNT(*) FROM figure").fetchone()[0] > 0
        tally = Tally(tmp_path / f"{seed}.sqlite")
        for step in range(8):
            pid = f"p{rnd.randint(0, 8)}"
            if pid in pages and rnd.random() < 0.4:
                tally.drop(pid)
                del pages[pid]
            else:
                pages[pid] = page(pid)
                tally.add(pages[pid], again=True)
            if step == 4:  # saved halfway, and opened again
                tally.save(tmp_path / f"{seed}.sqlite")
                tally = Tally(tmp_path / f"{seed}.sqlite")
        counted = Tally()
        for out in pages.values():
            counted.add(out)
        want = counted.report(0)
        got = tally.report(0)
        for figure in ("entities", "officials", "journalists", "pages"):
            assert got[figure] == want[figure], (seed, figure)
        tally.save(tmp_path / f"{seed}.sqlite")
        assert Tally(tmp_path / f"{seed}.sqlite").report(0) == got
