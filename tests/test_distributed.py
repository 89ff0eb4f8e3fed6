"""`newsgraph build --scheduler`: the build on Dask (a local cluster of two worker processes)
gives the graph the single-process build gives, and N-Quads shards whose union is it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
import rdflib

from conftest import ROOT, need
from newsgraph.cli import main

SAMPLES = sorted((ROOT / "src" / "newsgraph" / "samples").glob("*.txt"))


@pytest.fixture(scope="module")
def scheduler():
    """One local cluster of two single-threaded worker processes for the module: the
    workers load the extractors' models once."""
    need(importlib.util.find_spec("distributed") is not None,
         "dask distributed (pip install 'newsgraph[dask]')")
    from newsgraph.distributed import _Cluster

    with _Cluster("local", 2) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        yield client.scheduler.address


def _shard_lines(folder: Path) -> list[str]:
    """The lines of every shard, sorted; each shard states each quad once, and a page's
    shard is sorted."""
    lines = set()
    for f in (folder / "shards").glob("*.nq"):
        mine = f.read_text(encoding="utf-8").splitlines(keepends=True)
        assert len(set(mine)) == len(mine), f.name
        assert f.name == "_corpus.nq" or mine == sorted(mine), f.name
        lines |= set(mine)
    return sorted(lines)


def _store_nquads(folder: Path) -> str:
    from newsgraph.store import open_store, serialize, store_quads

    return serialize(list(store_quads(open_store(folder))), "nquads")


def _report(folder: Path) -> dict:
    rep = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    rep.pop("seconds")
    rep.pop("stages", None)  # timings, which only the ordinary build writes
    return rep


@pytest.mark.filterwarnings("ignore:Dataset.default_context:DeprecationWarning")  # rdflib's
def test_dask_build_equals_the_single_process_build(scheduler, sample_build, tmp_path):
    out = tmp_path / "dask"
    assert main(["build", "-q", "--scheduler", scheduler, "-o", str(out),
                 *map(str, SAMPLES)]) == 0
    # a shard per page, and the corpus graph
    assert sorted(f.name for f in (out / "shards").glob("*.nq")) == sorted(
        [f"{p.stem}.nq" for p in SAMPLES] + ["_corpus.nq"])
    # the union of the shards is the single-process store, quad for quad
    assert "".join(_shard_lines(out)) == _store_nquads(sample_build)
    union = rdflib.Dataset()
    for f in (out / "shards").glob("*.nq"):
        union.parse(f, format="nquads")
    single = rdflib.Graph().parse(sample_build / "graph.ttl", format="turtle")
    assert {(s, p, o) for s, p, o, _ in union.quads()} == set(single)
    # and loaded into the store, every export is the same, byte for byte
    for name in ("graph.ttl", "graph.html"):
        assert (out / name).read_bytes() == (sample_build / name).read_bytes(), name
    assert _report(out) == _report(sample_build)
    assert (json.loads((out / "store" / "corpus.json").read_text()) ==
            json.loads((sample_build / "store" / "corpus.json").read_text()))


@pytest.mark.parametrize("store", [True, False], ids=["store", "no-store"])
def test_homonym_splits_reassemble_pages_and_workers_write_shards(scheduler, tmp_path,
                                                                  monkeypatch, store):
    """A homonym split decided over the corpus re-assembles the pages of that person (on
    the client, from their saved results) and rewrites their shards; here the workers
    write the shards themselves."""
    import newsgraph.resolve
    import newsgraph.store
    from newsgraph.build import build
    from newsgraph.distributed import build_distributed
    from newsgraph.pipeline import sample_sources

    def split_zhang(posts):  # as if another 张强 held the same post elsewhere that day
        list(posts)
        return {"person:张强"}

    monkeypatch.setattr(newsgraph.resolve, "conflicting_people", split_zhang)
    build(sample_sources(), tmp_path / "one")
    build_distributed(sample_sources(), tmp_path / "dask", scheduler=scheduler,
                      shards_on_workers=True, store=store)
    shards = "".join(_shard_lines(tmp_path / "dask"))
    assert "person/张强%40大同市>" in shards and "person/张强>" not in shards
    assert shards == _store_nquads(tmp_path / "one")
    assert _report(tmp_path / "dask") == _report(tmp_path / "one")
    if store:
        ttl = (tmp_path / "dask" / "graph.ttl").read_text(encoding="utf-8")
        assert ttl == (tmp_path / "one" / "graph.ttl").read_text(encoding="utf-8")
    else:
        assert not (tmp_path / "dask" / "store").exists()
    # no temporaries left: shards.tmp, store.tmp, the tally's folder
    assert sorted(f.name for f in (tmp_path / "dask").iterdir()) == (
        [".lock", "graph.html", "graph.ttl", "report.json", "shards", "store"] if store
        else [".lock", "report.json", "shards"])


def test_no_store_bad_pages_and_standard_input(scheduler, tmp_path, monkeypatch):
    import io

    (tmp_path / "empty.txt").write_bytes(b"")
    page = SAMPLES[3].read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    out = tmp_path / "out"
    (out / "shards").mkdir(parents=True)
    (out / "shards" / "stale.nq").write_text("")  # a previous build's shard goes
    assert main(["build", "-q", "--scheduler", scheduler, "--no-store", "-o", str(out),
                 "-", str(tmp_path / "empty.txt")]) == 1
    assert sorted(f.name for f in (out / "shards").iterdir()) == ["-.nq", "_corpus.nq"]
    assert "卢东亮" in (out / "shards" / "-.nq").read_text(encoding="utf-8")
    assert not (out / "store").exists() and not (out / "graph.ttl").exists()
    rep = json.loads((out / "report.json").read_text())
    assert rep["pages"] == 1
    assert [(s["source"], s["reason"]) for s in rep["skipped"]] == [("empty.txt", "empty")]


def test_tasks_are_submitted_a_window_ahead_and_come_back_in_input_order():
    """The client never holds a task per page: it submits a window ahead of the task it
    waits for, and hands the outputs on in input order."""
    from newsgraph.ingest import in_order

    class Future:
        def __init__(self, client, value):
            self.client, self.value = client, value

        def result(self):
            self.client.live -= 1
            return self.value

        def cancel(self):
            self.client.live -= 1

    class Client:
        def __init__(self):
            self.live = self.most = 0

        def submit(self, fn, *args, pure=True):
            assert pure is False  # every page is run, even the same text twice
            self.live += 1
            self.most = max(self.most, self.live)
            return Future(self, fn(*args))

    client = Client()
    submit = lambda *call: client.submit(*call, pure=False)  # noqa: E731 - as the build does
    got = list(in_order(submit, ((lambda a, b: a * b, i, 2) for i in range(50)), 6))
    assert got == [i * 2 for i in range(50)]
    assert client.most == 6 and client.live == 0


def test_unreadable_paths_name_the_shared_filesystem(scheduler, tmp_path):
    from newsgraph.distributed import build_distributed
    from newsgraph.pipeline import Source

    rep = build_distributed([Source("gone.txt", tmp_path / "gone.txt")], tmp_path / "out",
                            scheduler=scheduler)
    assert rep["pages"] == 0 and rep["skipped"][0]["reason"] == "unreadable"
    assert "same paths" in rep["skipped"][0]["message"]


def test_without_dask_the_error_names_the_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails
    assert main(["build", "-q", "--scheduler", "local", "-o", str(tmp_path),
                 str(SAMPLES[0])]) == 2
    assert "pip install 'newsgraph[dask]'" in capsys.readouterr().err


def test_dask_options_need_a_scheduler(tmp_path, capsys):
    assert main(["build", "-q", "--no-store", "-o", str(tmp_path), str(SAMPLES[0])]) == 2
    assert "--scheduler" in capsys.readouterr().err


def test_a_page_id_given_twice_keeps_the_last_as_the_ordinary_build(scheduler, tmp_path):
    """Two inputs that would be one page: both builds read the last and skip the other."""
    from newsgraph.build import build
    from newsgraph.pipeline import collect_sources

    for folder, sample in (("a", SAMPLES[3]), ("b", SAMPLES[4])):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p.txt").write_bytes(sample.read_bytes())
    inputs = [str(tmp_path / "a"), str(tmp_path / "b")]
    build(collect_sources(inputs), tmp_path / "one")
    assert main(["build", "-q", "--scheduler", scheduler, "--shards-on-workers", "-o",
                 str(tmp_path / "dask"), *inputs]) == 1
    assert "".join(_shard_lines(tmp_path / "dask")) == _store_nquads(tmp_path / "one")
    assert _report(tmp_path / "dask") == _report(tmp_path / "one")
    assert [s["reason"] for s in _report(tmp_path / "one")["skipped"]] == ["duplicate"]


def test_a_worker_loads_and_freezes_what_every_page_needs_before_its_first_page():
    """A Dask worker is not forked from a process that loaded the models: before its first
    task it loads them and leaves them out of the garbage collector's passes (as the
    ordinary build's workers leave what they inherit), once."""
    import subprocess

    code = f"""
import gc
from pathlib import Path
from newsgraph.distributed import page_task
from newsgraph.pipeline import Source
src = Source("a.txt", Path({str(SAMPLES[0])!r}))
assert gc.get_freeze_count() == 0
first = page_task(src, {{}}, "https://x/", None, True)
frozen = gc.get_freeze_count()
page_task(src, {{}}, "https://x/", None, True)
print(frozen, gc.get_freeze_count(), first.quads > 0)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert int(out[0]) > 10_000 and out[1] == out[0] and out[2] == "True"
