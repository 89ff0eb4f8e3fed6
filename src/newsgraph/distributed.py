"""``newsgraph build --scheduler``: the same build, one Dask task per page.

Each task reads its page (a file path the worker opens itself, or the bytes of standard
input shipped with the task), runs :func:`~newsgraph.pipeline.process_page`, resolves the
page on its own and assembles its named graph: the page's N-Quads shard,
``DIR/shards/<page_id>.nq``. A page's graph depends on that page alone (IRIs are minted
from canonical keys), so shards are independent; any triple store can bulk-load them.
The shard is returned to the client, which writes it, or, with ``shards_on_workers``,
written by the worker itself into ``DIR/shards`` (the workers must then see ``DIR`` at
the same path as the client).

The client then does what needs the whole corpus, as :func:`newsgraph.store.build_store`
does: it decides homonym splits from every page's posts (the few pages whose people are
split are assembled again, by a second round of tasks) and computes the corpus graph
(each membership's ``org:memberDuring``, with the store's own SPARQL update over the
memberships the pages state), written as ``DIR/shards/_corpus.nq``. Unless told not to,
it bulk-loads the shards into ``DIR/store`` and writes ``graph.ttl``, ``graph.html`` and
``report.json`` as the single-process build does, byte for byte.

Dask is an optional dependency (``pip install 'newsgraph[dask]'``), imported only here and
only when a build asks for it.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF

from newsgraph.errors import PageError, UsageError
from newsgraph.export.turtle import nquads
from newsgraph.fsutil import atomic_write, locked
from newsgraph.pipeline import (
    DEFAULT_HOME_CITY,
    PageResult,
    Processed,
    Skipped,
    Source,
    build_corpus,
    process_page,
)
from newsgraph.rdf import Minter
from newsgraph.rdf.namespaces import DEFAULT_BASE, ORG, SCHEMA
from newsgraph.read import DEFAULT_MAX_BYTES

SHARDS = "shards"
CORPUS_SHARD = "_corpus.nq"
INSTALL_HINT = "pip install 'newsgraph[dask]'"


# the task: one page, on a worker ---------------------------------------------------------
def page_id_of(name: str) -> str:
    """The page id :class:`~newsgraph.model.Page` derives from a source name."""
    name = name.rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


def _membership_quads(quads: Iterable[tuple]) -> str:
    """The quads the corpus graph is computed from: each membership, the articles it is
    derived from and their publication dates, and the mentions and page links the
    per-entity counts come from (N-Quads)."""
    quads = list(quads)
    members = {(s, g) for s, p, o, g in quads if p == RDF.type and o == ORG.Membership}
    sources = {(o, g) for s, p, o, g in quads if p == PROV.wasDerivedFrom and (s, g) in members}
    return nquads(q for q in quads if (q[0], q[3]) in members and q[1] in (RDF.type,
                                                                            PROV.wasDerivedFrom)
                  or q[1] == SCHEMA.datePublished and (q[0], q[3]) in sources
                  or q[1] in (SCHEMA.mentions, SCHEMA.isPartOf))


def _as_stored(quads: list[tuple]) -> list[tuple]:
    """The quads as the store gives them back (literals in canonical form, e.g. decimals),
    so that the shards hold exactly what the single-process build's store holds."""
    from newsgraph.ingest import nquads_lines
    from newsgraph.store import store_quads

    mem = ox.Store()
    mem.load(input=nquads_lines(quads).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return list(store_quads(mem))


def page_task(src: Source, options: dict, base: str, shard_dir: str | None,
              splits: list[str] | None = None, saved: bytes | None = None) -> dict:
    """Extract one page (or, given ``saved``, reassemble an extracted one with homonym
    ``splits``) and produce its shard. Runs on a worker; returns plain data."""
    from newsgraph.store import dump_result, evidence, load_result, page_corpus, page_quads

    if saved is None:
        try:
            result = process_page(src.read(), src.name, **options)
        except PageError as exc:
            return {"skipped": Skipped(src.name, exc.reason, str(exc))}
    else:
        result = load_result(saved)
    pid = result.page.page_id
    corpus = page_corpus(result, options["home_city"], splits or ())
    quads = _as_stored(page_quads(corpus, Minter(base)))
    text = nquads(quads)
    out = {"page_id": pid, "members": _membership_quads(quads), "shard": None}
    if saved is None:
        out["result"] = dump_result(result)
        out["posts"] = evidence(corpus)
    if shard_dir is None:
        out["shard"] = text
    else:
        atomic_write(Path(shard_dir) / f"{pid}.nq", text)
    return out


def _worker_version() -> str:
    from newsgraph import __version__

    return __version__


# connecting ------------------------------------------------------------------------------
def _dask():
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(f"--scheduler needs Dask distributed: {INSTALL_HINT}") from exc
    return distributed


class _Cluster:
    """A client on ``scheduler`` (an address, or ``local`` for a cluster of this machine's
    processes, started and stopped here)."""

    def __init__(self, scheduler: str, workers: int) -> None:
        self.scheduler, self.workers = scheduler, workers
        self.cluster = self.client = None

    def __enter__(self):
        dd = _dask()
        try:
            if self.scheduler == "local":
                self.cluster = dd.LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True,
                    dashboard_address=":0")
                self.client = dd.Client(self.cluster)
            else:
                self.client = dd.Client(self.scheduler, timeout=30)
        except (OSError, TimeoutError, ValueError) as exc:
            self.__exit__(None, None, None)
            raise UsageError(f"cannot reach the Dask scheduler {self.scheduler}: {exc}") from exc
        self._check_workers()
        return self.client

    def _check_workers(self) -> None:
        from newsgraph import __version__

        try:
            versions = self.client.run(_worker_version)
        except Exception as exc:  # noqa: BLE001 - any failure to import on a worker
            raise UsageError(f"the Dask workers cannot run newsgraph ({exc}); install "
                             f"newsgraph {__version__} on every worker") from exc
        wrong = {w: v for w, v in versions.items() if v != __version__}
        if wrong:
            raise UsageError(f"Dask workers run another newsgraph than {__version__}: "
                             + ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items())))

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _gather(client, futures: list, progress: bool) -> Iterator[tuple[int, dict]]:
    """(index, result) of each future as it completes; a failed task raises here."""
    dd = _dask()
    index = {f.key: i for i, f in enumerate(futures)}
    done = dd.as_completed(futures)
    if progress and len(futures) > 1:
        from tqdm import tqdm

        done = tqdm(done, total=len(futures), desc="pages", unit="page", file=sys.stderr,
                    leave=False)
    for fut in done:
        yield index[fut.key], fut.result()
        fut.release()


# the corpus-wide part, on the client ------------------------------------------------------
def corpus_shard(members: Iterable[str], base: str) -> str:
    """The corpus graph as N-Quads, from the pages' membership quads, by the very update
    the store runs (:func:`newsgraph.store.corpus_graph_update`)."""
    from newsgraph.store import _PROLOGUE, corpus_graph_update, from_ox

    minter = Minter(base)
    mini = ox.Store()
    for text in members:
        if text:
            mini.load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    mini.update(_PROLOGUE + corpus_graph_update(minter))
    graph = ox.NamedNode(str(minter.graph("corpus")))
    quads = []
    for q in mini.quads_for_pattern(None, None, None, graph):
        p = q.predicate.value
        quads.append((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object, p),
                      from_ox(q.graph_name)))
    return nquads(quads)


def _swap(tmp: Path, final: Path) -> None:
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    if old.exists():
        shutil.rmtree(old)


def load_shards(shards: list[Path], results: dict[str, bytes], manifest, out_dir: Path) -> int:
    """Bulk-load N-Quads shards into a fresh ``DIR/store`` laid out as
    :func:`newsgraph.store.build_store` lays it out (each triple also in the default graph,
    the union; ``pages/<page_id>.json.gz``; ``corpus.json`` written last), then swap it in.
    Returns the number of quads in named graphs."""
    from newsgraph.store import STORE, _recover, named_quad_count, writable_store

    _recover(out_dir)
    tmp = out_dir / f"{STORE}.tmp"
    (tmp / "pages").mkdir(parents=True)
    for pid, raw in sorted(results.items()):
        (tmp / "pages" / f"{pid}.json.gz").write_bytes(raw)
    store = writable_store(tmp)

    def quads() -> Iterator[ox.Quad]:
        default = ox.DefaultGraph()
        for path in shards:
            for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
                yield q
                yield ox.Quad(q.subject, q.predicate, q.object, default)

    store.bulk_extend(quads())
    store.flush()
    count = named_quad_count(store)
    del store
    manifest.save(tmp)  # written last: marks store.tmp complete
    _swap(tmp, out_dir / STORE)
    return count


def _hint(s: Skipped) -> Skipped:
    if s.reason != "unreadable":
        return s
    return Skipped(s.source, s.reason, f"{s.message} [read by a Dask worker: the workers "
                   "must see the input files at the same paths as this machine]")


# the build -------------------------------------------------------------------------------
def _ship(src: Source) -> Source:
    """What a task gets: standard input's bytes, or the absolute path to read."""
    if src.data is not None or src.path is None:
        return src
    return Source(src.name, Path(src.path).absolute())


def build_distributed(
    sources: list[Source], out_dir: Path, *, scheduler: str = "local", dask_workers: int = 2,
    home_city: str = DEFAULT_HOME_CITY, issue_date: date | None = None,
    base: str = DEFAULT_BASE, progress: bool = False, max_bytes: int | None = DEFAULT_MAX_BYTES,
    shards_on_workers: bool = False, store: bool = True,
) -> dict:
    """Build ``sources`` into ``out_dir`` on Dask: ``shards/`` always; ``store/``,
    ``graph.ttl`` and ``graph.html`` unless ``store`` is false; ``report.json``. Returns the
    report, as :func:`newsgraph.build.build` does."""
    from newsgraph.build import report
    from newsgraph.resolve import conflicting_people
    from newsgraph.store import Manifest, load_result
    from newsgraph.store import write_exports as _write_exports

    _dask()  # fail early, before taking the lock, if Dask is not installed
    if scheduler == "local" and dask_workers < 1:
        raise UsageError("--dask-workers must be at least 1")
    started = time.perf_counter()
    out_dir = Path(out_dir).absolute()
    options = {"home_city": home_city, "issue_date": issue_date, "max_bytes": max_bytes}
    counts: dict[str, int] = {}
    for src in sources:
        counts[page_id_of(src.name)] = counts.get(page_id_of(src.name), 0) + 1
    with locked(out_dir):
        tmp = out_dir / f"{SHARDS}.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()

        def where(pid: str) -> str | None:
            # a page id given twice: the client writes the one that wins (the last)
            return str(tmp) if shards_on_workers and counts[pid] == 1 else None

        outs: list[dict] = [{}] * len(sources)
        with _Cluster(scheduler, dask_workers) as client:
            futures = [client.submit(page_task, _ship(src), options, base,
                                     where(page_id_of(src.name)),
                                     pure=False) for src in sources]
            for i, out in _gather(client, futures, progress):
                if out.get("shard") is not None and counts[out["page_id"]] == 1:
                    atomic_write(tmp / f"{out['page_id']}.nq", out.pop("shard"))
                outs[i] = out
            winners: dict[str, dict] = {}  # page id -> its last good page in input order
            for out in outs:
                if "page_id" in out:
                    winners[out["page_id"]] = out
            man = Manifest(base, home_city)
            for pid, out in winners.items():
                man.pages[pid] = {"posts": out["posts"], "splits": []}
            conflicted = conflicting_people(man.posts())
            redo = {}
            for pid in sorted(winners):
                man.pages[pid]["splits"] = man.splits_for(pid, conflicted)
                if man.pages[pid]["splits"]:
                    redo[pid] = man.pages[pid]["splits"]
            futures = [client.submit(page_task, Source(pid), options, base, where(pid),
                                     splits, winners[pid]["result"], pure=False)
                       for pid, splits in sorted(redo.items())]
            for _, out in _gather(client, futures, False):
                winners[out["page_id"]].update(shard=out["shard"], members=out["members"])
        for pid, out in winners.items():
            if out.get("shard") is not None:
                atomic_write(tmp / f"{pid}.nq", out.pop("shard"))
        atomic_write(tmp / CORPUS_SHARD,
                     corpus_shard((winners[p]["members"] for p in sorted(winners)), base))
        shard_dir = out_dir / SHARDS
        _swap(tmp, shard_dir)

        good = [o for o in outs if "page_id" in o]
        if good and store:
            shards = [shard_dir / f"{pid}.nq" for pid in sorted(winners)]
            load_shards([*shards, shard_dir / CORPUS_SHARD],
                        {pid: out["result"] for pid, out in winners.items()}, man, out_dir)
            _write_exports(out_dir)
        results: list[PageResult] = [load_result(o["result"]) for o in good]
        processed = Processed(results, [_hint(o["skipped"]) for o in outs if "skipped" in o])
        corpus = build_corpus(results, home_city=home_city)
        rep = report(corpus, processed, time.perf_counter() - started)
        atomic_write(out_dir / "report.json",
                     json.dumps(rep, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return rep
