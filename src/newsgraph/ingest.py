"""The streaming build: pages -> (worker processes) -> the store, a batch at a time.

Each page is read, segmented, extracted, resolved on its own and assembled into its named
graph in one task (:func:`page_work`), in ``workers`` processes; a task returns plain data
(the page's N-Quads, its saved result, its post evidence and what the report counts), so
the main process only loads batches of N-Quads into the store and adds up the report.
Memory holds the pages in flight and one batch, never the corpus. What needs the whole
corpus stays small: the homonym decision (from every page's post evidence, the few pages
it splits are reassembled from their saved results and their graphs replaced) and the
corpus graph (one SPARQL update in the store).

The store is a set, so what it holds (and every export made from it) does not depend on
the number of workers or the order pages arrive in.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsgraph.errors import PageError
from newsgraph.model import ENTITY_KINDS
from newsgraph.pipeline import DEFAULT_HOME_CITY, Skipped, Source, process_page
from newsgraph.rdf import Minter

DEFAULT_BATCH_PAGES = 64
_RANK = {"official": 1, "journalist": 2}  # index into the per-entity counts


# a page's work ---------------------------------------------------------------------------
@dataclass
class PageOut:
    """What one page contributes to the build, as plain picklable data."""

    page_id: str
    saved: bytes  # the page's result as stored in store/pages/<page_id>.json.gz
    posts: list  # its post evidence (corpus.json)
    nquads: bytes  # its named graph, each triple also in the default graph
    turtle: bytes  # its block of graph.ttl (store.page_block)
    detail: dict  # its entry in report.json's page_details
    warnings: list[str]
    articles: int
    facts: int
    entities: list[tuple[str, str]]  # (key, subtype) of every entity it names
    mentioned: list[tuple[str, int]]  # (key, articles mentioning it): stats.mention_counts
    spans: dict[str, tuple[str, str]]  # membership IRI -> first, last date (rdf.nt_quads)
    characters: int = 0


def nquads_lines(quads: Iterable[tuple[str, str, str, str]]) -> str:
    """Quads of N-Triples terms (:func:`newsgraph.store.page_quads`) as N-Quads, each also
    as a triple of the default graph (the union)."""
    return "".join(f"{s} {p} {o} {g} .\n{s} {p} {o} .\n" for s, p, o, g in quads)


def page_out(result, base: str, home_city: str, splits: Iterable[str] = ()) -> PageOut:
    """Resolve and assemble one processed page (:class:`~newsgraph.pipeline.PageResult`)."""
    from newsgraph.stats import mention_counts
    from newsgraph.store import dump_result, evidence, page_block, page_corpus, page_quads

    corpus = page_corpus(result, home_city, splits)
    spans: dict[str, tuple[str, str]] = {}
    quads = page_quads(corpus, Minter(base, nt=True), spans)
    p = result.page
    detail = {"source": p.source, "encoding": p.encoding,
              "issue_date": p.issue_date.isoformat() if p.issue_date else None,
              "articles": len(result.articles), "characters": len(p.text),
              "duplicates_removed": p.duplicates_removed,
              "continuations": [m.text for m in p.continuations]}
    return PageOut(
        page_id=p.page_id, saved=dump_result(result), posts=evidence(corpus),
        nquads=nquads_lines(quads).encode("utf-8"), turtle=page_block(quads), detail=detail,
        warnings=list(p.warnings),
        articles=len(corpus.articles), facts=len(corpus.facts),
        entities=sorted((e.key, e.subtype) for e in corpus.entities.values()),
        mentioned=mention_counts(corpus), spans=spans,
        characters=len(p.text))


def page_work(src: Source, options: dict, base: str) -> PageOut | Skipped:
    """One page, start to graph: the task a worker runs."""
    try:
        result = process_page(src.read(), src.name, **options)
    except PageError as exc:
        return Skipped(src.name, exc.reason, str(exc))
    return page_out(result, base, options.get("home_city") or DEFAULT_HOME_CITY)


# running tasks in worker processes -------------------------------------------------------
def _run_chunk(fn: Callable, items: list, args: tuple) -> list:
    return [fn(item, *args) for item in items]


def _die_with_parent(parent: int) -> None:
    """In a worker: end when the build process ends, even by SIGKILL (Linux asks the
    kernel; elsewhere a killed build's idle workers end when their pipe closes)."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the call took effect
        os._exit(1)


def worker_pool(workers: int):
    """A started pool of ``workers`` processes, or None for one. Start it before taking the
    output folder's lock: forked workers would inherit the lock's descriptor and hold the
    folder if the main process were killed."""
    if workers <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from newsgraph.extract import warm_up

    warm_up()  # models and lexicons loaded once, shared by the forked workers

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                               initializer=_die_with_parent, initargs=(os.getpid(),))
    for f in [pool.submit(int) for _ in range(workers)]:
        f.result()
    return pool


def imap_ordered(fn: Callable, items: Sequence, args: tuple = (), *, workers: int = 1,
                 window: int | None = None, pool=None) -> Iterator:
    """``fn(item, *args)`` for each item, in ``workers`` processes (``pool``, a started
    :func:`worker_pool`, or one of its own), results in input order.

    At most ``window`` chunks are in flight, so results waiting for a slow consumer never
    pile up (``ProcessPoolExecutor.map`` submits everything at once)."""
    if workers <= 1 or len(items) < 2:
        yield from (fn(item, *args) for item in items)
        return
    from collections import deque

    own = pool is None
    pool = worker_pool(workers) if own else pool
    chunk = max(1, min(8, len(items) // (workers * 8)))
    window = window or workers * 4
    chunks = (list(items[i:i + chunk]) for i in range(0, len(items), chunk))
    pending: deque = deque()
    try:
        for part in chunks:
            pending.append(pool.submit(_run_chunk, fn, part, args))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()
        if own:
            pool.shutdown()


# the report, added up as pages come ------------------------------------------------------
@dataclass
class Tally:
    """What report.json says, added up page by page (the corpus is never held)."""

    pages: int = 0
    articles: int = 0
    facts: int = 0
    characters: int = 0
    # entity key -> [pages naming it, pages calling it an official, … a journalist,
    #                articles mentioning it, pages of those articles]
    entities: dict[str, list[int]] = field(default_factory=dict)
    # membership IRI -> [first, last] date of the articles it is derived from
    spans: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[tuple[str, list[str]]] = field(default_factory=list)
    details: list[tuple[str, dict]] = field(default_factory=list)

    def add(self, out: PageOut) -> None:
        self.pages += 1
        self.articles += out.articles
        self.facts += out.facts
        self.characters += out.characters
        self.count(out.entities, +1)
        for key, n in out.mentioned:
            row = self.entities[key]
            row[3] += n
            row[4] += 1
        for ms, (first, last) in out.spans.items():
            span = self.spans.get(ms)
            if span is None:
                self.spans[ms] = [first, last]
            else:
                span[0], span[1] = min(span[0], first), max(span[1], last)
        self.warnings.append((out.page_id, out.warnings))
        self.details.append((out.page_id, out.detail))

    def count(self, entities: Iterable[tuple[str, str]], sign: int) -> None:
        for key, subtype in entities:
            row = self.entities.setdefault(key, [0, 0, 0, 0, 0])
            row[0] += sign
            if subtype in _RANK:
                row[_RANK[subtype]] += sign
            if row[0] <= 0:
                del self.entities[key]

    def report(self, seconds: float) -> dict:
        kinds = dict.fromkeys(ENTITY_KINDS, 0)
        officials = journalists = 0
        for key, (_n, off, jour, *_) in self.entities.items():
            kind = key.partition(":")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
            if kind == "person":
                officials += off > 0
                journalists += off == 0 and jour > 0
        return {
            "pages": self.pages,
            "articles": self.articles,
            "entities": {k: kinds.get(k, 0) for k in ENTITY_KINDS},
            "officials": officials,
            "journalists": journalists,
            "facts": self.facts,
            "skipped": [{"source": s.source, "reason": s.reason, "message": s.message}
                        for s in self.skipped],
            # by page, as page_details: the same whatever order the pages came in
            "warnings": [w for _, ws in sorted(self.warnings, key=lambda x: x[0]) for w in ws],
            "seconds": round(seconds, 3),
            "page_details": [d for _, d in sorted(self.details, key=lambda x: x[0])],
        }


# the store, filled a batch at a time -----------------------------------------------------
@dataclass
class StreamStats:
    batches: int = 0
    max_batch_pages: int = 0
    redone: list[str] = field(default_factory=list)


def stream_store(outs: Iterable[PageOut | Skipped], out_dir, *, base: str, home_city: str,
                 tally: Tally, batch_pages: int = DEFAULT_BATCH_PAGES,
                 stats: StreamStats | None = None):
    """Fill ``DIR/store.tmp`` from page outputs as they come, a batch of pages per bulk
    load; then the homonym splits and the corpus graph; swap it in. Returns the
    :class:`~newsgraph.store.StoreReport`, or None when no page was good (nothing is
    swapped in). The caller holds the folder's lock."""
    from pathlib import Path

    import pyoxigraph as ox

    from newsgraph.resolve import conflicting_people
    from newsgraph.stats import corpus_quads
    from newsgraph.store import (
        _PROLOGUE,
        STORE,
        Manifest,
        StoreReport,
        _recover,
        _replace_graphs_update,
        corpus_graph_update,
        load_result,
        page_block,
        page_corpus,
        page_quads,
        store_path,
    )

    stats = stats if stats is not None else StreamStats()
    out_dir = Path(out_dir)
    _recover(out_dir)
    tmp = out_dir / f"{STORE}.tmp"
    man, minter = Manifest(base, home_city), Minter(base)
    store = None
    pages_dir = tmp / "pages"
    batch: list[bytes] = []
    batch_n = 0
    seen: dict[str, int] = {}
    written = 0

    def flush() -> None:
        nonlocal store, batch_n
        if not batch_n:
            return
        if store is None:  # opened late: worker processes are forked before RocksDB runs
            store = ox.Store(str(tmp))
        # lenient: the N-Quads are ours (IRIs minted and escaped by newsgraph.rdf)
        store.bulk_load(input=b"".join(batch), format=ox.RdfFormat.N_QUADS, lenient=True)
        stats.batches += 1
        stats.max_batch_pages = max(stats.max_batch_pages, batch_n)
        batch.clear()
        batch_n = 0

    for out in outs:
        if isinstance(out, Skipped):
            tally.skipped.append(out)
            continue
        if not seen:
            tmp.mkdir(parents=True)
            pages_dir.mkdir()
        seen[out.page_id] = seen.get(out.page_id, 0) + 1
        tally.add(out)
        man.pages[out.page_id] = {"posts": out.posts, "splits": []}
        (pages_dir / f"{out.page_id}.json.gz").write_bytes(out.saved)
        (pages_dir / f"{out.page_id}.ttl").write_bytes(out.turtle)
        batch.append(out.nquads)
        written += out.nquads.count(b"\n") // 2  # each quad is also a default-graph triple
        batch_n += 1
        if batch_n >= batch_pages:
            flush()
    flush()
    if store is None:
        if tmp.exists():
            shutil.rmtree(tmp)
        return None

    # corpus-wide: homonyms split from every page's posts; a page id given twice keeps its
    # last page (its graph holds both until replaced here)
    conflicted = conflicting_people(man.posts())
    graphs: dict = {}
    for pid in sorted(man.pages):
        splits = man.splits_for(pid, conflicted)
        man.pages[pid]["splits"] = splits
        if not splits and seen[pid] == 1:
            continue
        saved = load_result((pages_dir / f"{pid}.json.gz").read_bytes())
        corpus = page_corpus(saved, home_city, splits)
        graphs[minter.graph(pid)] = quads = page_quads(corpus, minter)
        (pages_dir / f"{pid}.ttl").write_bytes(page_block(quads))
        if splits:
            tally.count(((e.key, e.subtype) for e in
                         page_corpus(saved, home_city).entities.values()), -1)
            tally.count(((e.key, e.subtype) for e in corpus.entities.values()), +1)
        stats.redone.append(pid)
    if graphs:  # pages redone: their shares of the counts and spans are gone, so recount
        store.update(_PROLOGUE + _replace_graphs_update(graphs, ()) + " ;\n"
                     + corpus_graph_update(minter))
    else:  # the corpus graph from what the pages' shares add up to
        counts = ((key, row[3], row[4]) for key, row in sorted(tally.entities.items()))
        quads = corpus_quads(counts, tally.spans, minter)
        store.bulk_load(input=nquads_lines(quads).encode("utf-8"),
                        format=ox.RdfFormat.N_QUADS, lenient=True)
    store.flush()
    rep = StoreReport(pages_added=sorted(man.pages), graphs_rewritten=len(man.pages))
    rep.quads = written  # counted as loaded: a count of the store would scan it all
    del store
    man.save(tmp)  # written last: marks store.tmp complete
    final, old = store_path(out_dir), out_dir / f"{STORE}.old"
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    if old.exists():
        shutil.rmtree(old)
    return rep
