"""``newsgraph build --scheduler``: the same build, one Dask task per page.

Each task reads its page (a file path the worker opens itself, or the bytes of standard
input shipped with the task) and does what a worker process of the ordinary build does
(:func:`newsgraph.ingest.page_work`): extracts the page, resolves it on its own and
assembles its named graph. A page's graph depends on that page alone (IRIs are minted
from canonical keys), so the graphs are independent: each is written as an N-Quads shard,
``DIR/shards/<page_id>.nq``, that any triple store can bulk-load, by the client or, with
``shards_on_workers``, by the worker itself (the workers must then see ``DIR`` at the same
path as the client).

The client takes the tasks' outputs in input order, a bounded window of tasks at a time,
and hands them to the ordinary build's streaming stage (:func:`newsgraph.ingest.
stream_store`): the same tally in an SQLite file, the same homonym splits (the few pages
they split are reassembled on the client from their saved results, and their shards
rewritten), the same corpus graph (``DIR/shards/_corpus.nq``), the same store, exports and
report, byte for byte. Its memory holds the pages in flight, never the corpus.

Dask is an optional dependency (``pip install 'newsgraph[dask]'``), imported only here and
only when a build asks for it.
"""

from __future__ import annotations

import dataclasses
import gc
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from newsgraph.errors import UsageError
from newsgraph.fsutil import atomic_write, locked
from newsgraph.ingest import PageOut, Tally, in_order, page_work, stream_store
from newsgraph.pipeline import DEFAULT_HOME_CITY, Skipped, Source, _progress
from newsgraph.rdf.namespaces import DEFAULT_BASE
from newsgraph.read import DEFAULT_MAX_BYTES

SHARDS = "shards"
CORPUS_SHARD = "_corpus.nq"
INSTALL_HINT = "pip install 'newsgraph[dask]'"


# the task: one page, on a worker ---------------------------------------------------------
def page_id_of(name: str) -> str:
    """The page id :class:`~newsgraph.model.Page` derives from a source name."""
    name = name.rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".txt") else name


def shard_bytes(nquads: bytes) -> bytes:
    """A shard's content: N-Quads lines sorted, each once."""
    return b"".join(sorted(set(nquads.splitlines(keepends=True))))


def page_task(src: Source, options: dict, base: str, shard_dir: str | None,
              lean: bool) -> PageOut | Skipped:
    """One page, start to graph (:func:`~newsgraph.ingest.page_work`); with
    ``shard_dir``, its shard is written here. ``lean`` (no store on the client): what only
    the store needs is not sent back. Runs on a worker; returns plain data."""
    if not _SETTLED:
        _settle()
    out = page_work(src, options, base, nquads=True)
    if isinstance(out, Skipped):
        return out
    if shard_dir is not None:
        atomic_write(Path(shard_dir) / f"{out.page_id}.nq", shard_bytes(out.nquads))
    if lean:
        out = dataclasses.replace(out, turtle=b"",
                                  nquads=b"" if shard_dir is not None else out.nquads)
    return out


_SETTLED = False  # this worker process has loaded what every page needs, and frozen it


def _settle() -> None:
    """On a worker, before its first page: load the models and lexicons
    (:func:`newsgraph.extract.warm_up`) and leave them out of the garbage collector's
    passes from then on, as a worker process of the ordinary build leaves what it
    inherits (:func:`newsgraph.ingest.worker_pool`)."""
    global _SETTLED
    from newsgraph.extract import warm_up

    warm_up()
    gc.freeze()
    _SETTLED = True


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


# the build -------------------------------------------------------------------------------
def _swap(tmp: Path, final: Path) -> None:
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    if old.exists():
        shutil.rmtree(old)


def _hint(s: Skipped) -> Skipped:
    if s.reason != "unreadable":
        return s
    return Skipped(s.source, s.reason, f"{s.message} [read by a Dask worker: the workers "
                   "must see the input files at the same paths as this machine]")


def _ship(src: Source) -> Source:
    """What a task gets: standard input's bytes, or the absolute path to read."""
    if src.data is not None or src.path is None:
        return src
    return dataclasses.replace(src, path=Path(src.path).absolute())


def build_distributed(
    sources: list[Source], out_dir: Path, *, scheduler: str = "local", dask_workers: int = 2,
    home_city: str = DEFAULT_HOME_CITY, issue_date: date | None = None,
    base: str = DEFAULT_BASE, progress: bool = False, max_bytes: int | None = DEFAULT_MAX_BYTES,
    shards_on_workers: bool = False, store: bool = True,
) -> dict:
    """Build ``sources`` into ``out_dir`` on Dask: ``shards/`` always; ``store/``,
    ``graph.ttl`` and ``graph.html`` unless ``store`` is false; ``report.json``. Returns the
    report, as :func:`newsgraph.build.build` does."""
    from newsgraph.store import write_exports

    _dask()  # fail early, before taking the lock, if Dask is not installed
    if scheduler == "local" and dask_workers < 1:
        raise UsageError("--dask-workers must be at least 1")
    started = time.perf_counter()
    out_dir = Path(out_dir).absolute()
    options = {"home_city": home_city, "issue_date": issue_date, "max_bytes": max_bytes}
    counts = Counter(page_id_of(src.name) for src in sources)
    with locked(out_dir), tempfile.TemporaryDirectory(prefix=".tally.", dir=out_dir) as db:
        tmp = out_dir / f"{SHARDS}.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()

        def on_worker(pid: str) -> bool:
            # a page id given twice: the client writes the one that wins (the last)
            return shards_on_workers and counts[pid] == 1

        def graphs(pid: str | None, nquads: bytes) -> None:
            if pid is None:  # the corpus graph, a chunk at a time
                with open(tmp / CORPUS_SHARD, "ab") as fh:
                    fh.write(nquads)
            else:
                atomic_write(tmp / f"{pid}.nq", shard_bytes(nquads))

        def written(outs: Iterable[PageOut | Skipped]) -> Iterator[PageOut | Skipped]:
            for out in outs:
                if isinstance(out, Skipped):
                    out = _hint(out)
                elif not on_worker(out.page_id):
                    graphs(out.page_id, out.nquads)
                yield out

        tally = Tally(Path(db) / "tally.sqlite")
        with _Cluster(scheduler, dask_workers) as client:
            window = max(8, 4 * sum(client.nthreads().values()))
            tasks = ((_ship(src), options, base,
                      str(tmp) if on_worker(page_id_of(src.name)) else None, not store)
                     for src in sources)
            # Dask releases a task's result when its future is dropped, after it is taken
            outs = in_order(lambda *task: client.submit(page_task, *task, pure=False),
                            tasks, window)
            made = stream_store(written(_progress(outs, progress, len(sources))), out_dir,
                                base=base, home_city=home_city, tally=tally, load=store,
                                graphs=graphs)
        (tmp / CORPUS_SHARD).touch()  # empty when no page was good
        _swap(tmp, out_dir / SHARDS)
        if made is not None and store:
            write_exports(out_dir)
        rep = tally.write_report(out_dir / "report.json", time.perf_counter() - started)
        tally.db.close()
    return rep
