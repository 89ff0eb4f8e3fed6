"""``newsgraph build``: pages in; the store (``store/``), ``graph.ttl``, ``graph.html`` and
``report.json`` out. Starts the corpus afresh; ``newsgraph add`` adds to it."""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from newsgraph import heap
from newsgraph.fsutil import locked
from newsgraph.ingest import (
    DEFAULT_BATCH_PAGES,
    StreamStats,
    Tally,
    imap_ordered,
    page_work,
    stream_store,
    worker_pool,
)
from newsgraph.model import ENTITY_KINDS, Corpus
from newsgraph.pipeline import DEFAULT_HOME_CITY, Processed, Source, _progress
from newsgraph.rdf.namespaces import DEFAULT_BASE
from newsgraph.read import DEFAULT_MAX_BYTES
from newsgraph.store import DEFAULT_VIEW_PAGES, write_exports


def report(corpus: Corpus, processed: Processed, seconds: float) -> dict:
    """What a build did, for people and scripts, from a whole resolved corpus (the
    streaming :func:`build` adds the same figures up page by page: :class:`Tally`)."""
    kinds = Counter(e.kind for e in corpus.entities.values())
    subtypes = Counter(e.subtype for e in corpus.entities.values() if e.kind == "person")
    warnings = [w for r in processed.results for w in r.page.warnings]
    return {
        "pages": len(processed.results),
        "articles": len(corpus.articles),
        "entities": {k: kinds.get(k, 0) for k in ENTITY_KINDS},
        "officials": subtypes.get("official", 0),
        "journalists": subtypes.get("journalist", 0),
        "facts": len(corpus.facts),
        "skipped": [{"source": s.source, "reason": s.reason, "message": s.message}
                    for s in processed.skipped],
        "warnings": warnings,
        "seconds": round(seconds, 3),
        "page_details": [
            {"source": r.page.source, "encoding": r.page.encoding,
             "issue_date": r.page.issue_date.isoformat() if r.page.issue_date else None,
             "articles": len(r.articles), "characters": len(r.page.text),
             "duplicates_removed": r.page.duplicates_removed,
             "continuations": [m.text for m in r.page.continuations]}
            for r in sorted(processed.results, key=lambda r: r.page.page_id)
        ],
    }


class ViewJob:
    """graph.html of a corpus of more pages than it draws (:func:`~newsgraph.store.view_pages`),
    drawn in a worker of the build's pool from the last pages' blocks while this process
    finishes the store, makes the corpus graph and writes graph.ttl
    (:func:`~newsgraph.store.html_of_blocks`): the same file
    :func:`~newsgraph.store.write_exports` draws from the store afterwards, the workers
    being idle by then. :meth:`start` is :func:`~newsgraph.ingest.stream_store`'s
    ``on_pages``, told once the last page's block is written, and again if the homonym
    splits made pages again; :meth:`write` writes the file once the store is in place."""

    def __init__(self, pool, base: str, max_pages: int | None = DEFAULT_VIEW_PAGES) -> None:
        self.pool, self.base, self.max_pages = pool, base, max_pages
        self.future = None

    def start(self, pages_dir: Path, page_ids: list[str],
              changed: list[str] | None = None) -> None:
        """Draw the view of ``page_ids``' last pages, unless it is being drawn and none of
        the ``changed`` pages (whose blocks were written again) is among them."""
        from newsgraph.store import html_of_blocks, view_blocks, view_pages

        drawn = view_pages(page_ids, self.base, self.max_pages)
        if self.future is not None and changed is not None and not set(changed) & set(drawn):
            return  # (the same pages: page_ids do not change between the calls)
        if self.future is not None:
            self.future.cancel()  # drawn from blocks since rewritten
        self.future = None
        if drawn is None:  # the whole corpus, its corpus graph with it: from the store
            return
        self.future = self.pool.submit(html_of_blocks, view_blocks(pages_dir, drawn))

    def write(self, out_dir: Path) -> None:
        from newsgraph.fsutil import atomic_write

        atomic_write(Path(out_dir) / "graph.html", self.future.result())


def _timed(outs: Iterable, stages: dict[str, float], started: float) -> Iterator:
    """``outs``, noting in ``stages["pages"]`` the seconds since ``started`` at which the
    last of them was taken."""
    yield from outs
    stages["pages"] = time.perf_counter() - started


def build(
    sources: list[Source], out_dir: Path, *, home_city: str = DEFAULT_HOME_CITY,
    issue_date: date | None = None, base: str = DEFAULT_BASE, progress: bool = False,
    max_bytes: int | None = DEFAULT_MAX_BYTES, workers: int = 1,
    batch_pages: int = DEFAULT_BATCH_PAGES, stats: StreamStats | None = None,
    view_pages: int | None = DEFAULT_VIEW_PAGES,
) -> dict:
    """Build ``sources`` into ``out_dir``; return the report's figures (report.json has
    them, and every page's details and warnings).

    Streams: pages are processed in ``workers`` processes (each page read, extracted,
    resolved and assembled in one task) and loaded into the store ``batch_pages`` at a
    time; the report is added up as they come. The outputs do not depend on ``workers``.
    graph.html draws the last ``view_pages`` pages of a bigger corpus (:class:`ViewJob`)."""
    started = time.perf_counter()
    heap.limit_arenas()  # before the workers fork and the loader's threads start
    options = {"home_city": home_city, "issue_date": issue_date, "max_bytes": max_bytes}
    pool = worker_pool(workers) if len(sources) > 1 else None  # forked before the lock
    try:
        with locked(out_dir), tempfile.TemporaryDirectory(prefix=".tally.", dir=out_dir) as tmp:
            tally = Tally(Path(tmp) / "tally.sqlite")
            outs = imap_ordered(page_work, sources, (options, base), workers=workers,
                                pool=pool)
            view = ViewJob(pool, base, view_pages) if pool is not None else None
            stages: dict[str, float] = {}
            store = stream_store(_timed(_progress(outs, progress, len(sources)), stages,
                                        started), out_dir,
                                 base=base, home_city=home_city, tally=tally,
                                 batch_pages=batch_pages, stats=stats,
                                 on_pages=view.start if view is not None else None,
                                 turtle=True)
            stages["store"] = time.perf_counter() - started - stages["pages"]
            if store is not None and view is not None and view.future is not None:
                view.write(out_dir)
            elif store is not None:
                write_exports(out_dir, ("html",), max_pages=view_pages)
            seconds = time.perf_counter() - started
            stages["html"] = seconds - stages["pages"] - stages["store"]
            rep = tally.write_report(out_dir / "report.json", seconds, stages)
            tally.db.close()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return rep
