"""The streaming build: pages -> (worker processes) -> the store, a batch at a time.

Each page is read, segmented, extracted, resolved on its own and assembled into its named
graph in one task (:func:`page_work`), in ``workers`` processes; a task returns plain data
(its block of graph.ttl, its saved result, its post evidence and what the report counts),
so the main process only hands batches of those blocks, as TriG, to a loader thread
(:class:`Loader`: the store loads one batch while the next pages are made) and adds up
the report, the corpus graph's counts and spans and the pages' post evidence in an SQLite
file (:class:`Tally`).
Memory holds the pages in flight and two batches, never the corpus. What needs the whole
corpus is decided from that file at the end: the homonym splits (one person's posts at a
time; the few pages they split are reassembled from their saved results, their graphs
and shares replaced), the corpus graph with its block of graph.ttl, and corpus.json, all
streamed out of it.

The store is a set, so what it holds (and every export made from it) does not depend on
the number of workers or the order pages arrive in. The build on Dask
(:mod:`newsgraph.distributed`) feeds its tasks' outputs to the same :func:`stream_store`.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph import heap
from newsgraph.errors import PageError
from newsgraph.model import ENTITY_KINDS
from newsgraph.pipeline import DEFAULT_HOME_CITY, Skipped, Source, process_source
from newsgraph.rdf import Minter
from newsgraph.rdf.terms import iri

# pages per bulk load: a load's memory grows with its batch; bigger loads leave RocksDB less
# to compact (a 1,000-page build, one worker, compaction niced: 50.8-53.0 s and 510 MB
# peak RSS at 32 pages, 49.5-50.0 s and 560 MB at 64, 49.3-51.3 s and 730 MB at 96)
DEFAULT_BATCH_PAGES = 64
CORPUS_CHUNK = 25_000  # quads of the corpus graph per bulk load


# a page's work ---------------------------------------------------------------------------
@dataclass
class PageOut:
    """What one page contributes to the build, as plain picklable data."""

    page_id: str
    saved: bytes  # the page's result as stored in store/pages/<page_id>.json.gz
    posts: list  # its post evidence (store.evidence)
    turtle: bytes  # its block of graph.ttl (store.page_block): what the store loads
    quads: int  # the quads of its named graph
    detail: dict  # its entry in report.json's page_details
    warnings: list[str]
    articles: int
    facts: int
    entities: list[tuple[str, str]]  # (key, subtype) of every entity it names
    mentioned: list[tuple[str, int]]  # (key, articles mentioning it): stats.mention_counts
    spans: dict[str, tuple[str, str]]  # membership IRI -> first, last date (rdf.nt_quads)
    nquads: bytes = b""  # its named graph as N-Quads, when asked for (Dask's shards)


def quad_lines(quads: Iterable[tuple[str, str, str, str]]) -> str:
    """Quads of N-Triples terms as N-Quads lines."""
    return "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in quads)


def triple_lines(quads: Iterable[tuple[str, str, str, str]]) -> str:
    """The triples of quads of N-Triples terms as N-Triples lines (the graph left out)."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o, _g in quads)


def page_out(result, base: str, home_city: str, splits: Iterable[str] = (), *,
             nquads: bool = False) -> PageOut:
    """Resolve and assemble one processed page (:class:`~newsgraph.pipeline.PageResult`);
    with ``nquads``, its named graph as N-Quads too."""
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
        turtle=page_block(quads), quads=len(quads), detail=detail,
        warnings=list(p.warnings),
        articles=len(corpus.articles), facts=len(corpus.facts),
        entities=sorted((e.key, e.subtype) for e in corpus.entities.values()),
        mentioned=mention_counts(corpus), spans=spans,
        nquads=quad_lines(quads).encode("utf-8") if nquads else b"")


def page_work(src: Source, options: dict, base: str, nquads: bool = False
              ) -> PageOut | Skipped:
    """One page, start to graph: the task a worker runs (``nquads``: :func:`page_out`)."""
    try:
        result = process_source(src, options)
    except PageError as exc:
        return Skipped(src.name, exc.reason, str(exc))
    return page_out(result, base, options.get("home_city") or DEFAULT_HOME_CITY,
                    nquads=nquads)


# running tasks in worker processes -------------------------------------------------------
def _run_chunk(fn: Callable, items: list, args: tuple) -> list:
    return [fn(item, *args) for item in items]


def _worker_start(parent: int) -> None:
    """In a new worker: leave what it inherited out of the garbage collector's passes, and
    end with the build process."""
    gc.freeze()
    _die_with_parent(parent)


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
    """A started pool of ``workers`` processes (at least one). Start it before taking the
    output folder's lock: forked workers would inherit the lock's descriptor and hold the
    folder if the main process were killed.

    A build runs its pages in a pool even with one worker: the main process then tallies,
    writes and feeds the store's loader while the worker makes the next pages (a 1,000-page
    build, four interleaved pairs: 57.9-68.5 s, median 61.5, against 59.9-65.2 s, median
    62.9, with the pages made in the main process; peak RSS 506-517 MB against 523-553)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from newsgraph.extract import warm_up

    warm_up()  # models and lexicons loaded once, shared by the forked workers

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    workers = max(1, workers)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                               initializer=_worker_start, initargs=(os.getpid(),))
    for f in [pool.submit(int) for _ in range(workers)]:
        f.result()
    return pool


def in_order(submit: Callable, calls: Iterable[tuple], window: int) -> Iterator:
    """``submit(*call)`` for each call (an executor's or a Dask client's ``submit``),
    the futures' results in input order. At most ``window`` are submitted ahead of the one
    awaited, so neither the pool nor the consumer holds a task per item of a big input;
    those still pending are cancelled when the consumer stops. A failed task raises here."""
    from collections import deque

    pending: deque = deque()
    try:
        for call in calls:
            pending.append(submit(*call))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for f in pending:
            f.cancel()


def imap_ordered(fn: Callable, items: Sequence, args: tuple = (), *, workers: int = 1,
                 window: int | None = None, pool=None) -> Iterator:
    """``fn(item, *args)`` for each item, in ``workers`` processes (``pool``, a started
    :func:`worker_pool`, or one of its own; without a pool, one worker is this process),
    results in input order.

    At most ``window`` chunks are in flight (:func:`in_order`), so results waiting for a
    slow consumer never pile up (``ProcessPoolExecutor.map`` submits everything at once)."""
    if pool is None and workers <= 1 or len(items) < 2:
        yield from (fn(item, *args) for item in items)
        return
    workers = max(1, workers)
    own = pool is None
    pool = worker_pool(workers) if own else pool
    chunk = max(1, min(8, len(items) // (workers * 8)))
    calls = ((_run_chunk, fn, items[i:i + chunk], args) for i in range(0, len(items), chunk))
    try:
        for part in in_order(pool.submit, calls, window or workers * 4):
            yield from part
    finally:
        if own:
            pool.shutdown()


# the report, added up as pages come ------------------------------------------------------
class Tally:
    """What report.json, the corpus graph's counts and the homonym decision need, a row
    per page, kept in an SQLite file (``path``; the default keeps it in memory) and summed
    there, so a build holds neither the corpus nor a row of every entity, post or page it
    has seen. A page's rows are replaced when it comes again. The store keeps the tally of
    its corpus (``store/tally.sqlite``: :meth:`save`), which ``newsgraph add`` opens to
    change the rows of the pages it adds and write report.json again.

    report.json's entity figures are saved with it, counted once (:meth:`save`); a tally
    opened from such a file moves them by the entities whose rows change, looked up by key,
    so an add does not count the entities of the whole corpus again.

    With ``journal``, the file is changed in place in one transaction, which SQLite's
    rollback journal undoes if it is not committed (:meth:`save` with no path): an add
    changes the store's tally itself, and one killed before its commit leaves the tally as
    it was. Without, nothing is journaled (a build's tally, in a file of its own, is
    saved whole into the store)."""

    def __init__(self, path: str | os.PathLike = ":memory:", *, journal: bool = False
                 ) -> None:
        import sqlite3

        self.db = sqlite3.connect(str(path))
        if journal:
            self.db.executescript("PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;")
        else:
            self.db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        self.db.executescript("""
            -- a page's entry in report.json (page_details, warnings, as JSON), its figures
            -- and the people its graph splits as homonyms (a JSON list)
            CREATE TABLE IF NOT EXISTS page (page TEXT PRIMARY KEY, detail TEXT,
                                             warnings TEXT, articles INT, facts INT,
                                             splits TEXT DEFAULT '[]');
            -- an entity a page names, with the subtypes it gives it
            CREATE TABLE IF NOT EXISTS named (page TEXT, key TEXT, official INT,
                                              journalist INT);
            CREATE INDEX IF NOT EXISTS named_page ON named (page);
            -- a page's share of an entity's counts: articles mentioning it, one page
            CREATE TABLE IF NOT EXISTS mentioned (page TEXT, key TEXT, articles INT);
            CREATE INDEX IF NOT EXISTS mentioned_page ON mentioned (page);
            -- the dates a page attests a membership on
            CREATE TABLE IF NOT EXISTS span (page TEXT, membership TEXT, first TEXT,
                                             last TEXT);
            CREATE INDEX IF NOT EXISTS span_page ON span (page);
            -- a page's post evidence (store.evidence), in its order
            CREATE TABLE IF NOT EXISTS post (page TEXT, person TEXT, day TEXT, role TEXT,
                                             level TEXT, place TEXT);
            CREATE INDEX IF NOT EXISTS post_page ON post (page);
            -- a source that gave no page, and why
            CREATE TABLE IF NOT EXISTS skipped (source TEXT PRIMARY KEY, reason TEXT,
                                                message TEXT);
            -- the entity figures of report.json as of the last save (Tally.figures)
            CREATE TABLE IF NOT EXISTS figure (name TEXT PRIMARY KEY, n INT);""")
        # key -> what it counted in before this tally changed its rows (_entity), while
        # the figures saved (with the index on named's keys: save) are moved, not counted
        saved = self.db.execute("SELECT 1 FROM figure LIMIT 1").fetchone()
        self._before: dict[str, tuple[str, ...]] | None = {} if saved else None

    def add(self, out: PageOut, *, again: bool = False) -> None:
        """Add a page's rows; ``again``: its id came before, and they replace the earlier
        page's (a page id given twice keeps its last page)."""
        if again:
            self.drop(out.page_id)
        self.db.execute("INSERT INTO page (page, detail, warnings, articles, facts) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (out.page_id, json.dumps(out.detail, ensure_ascii=False),
                         json.dumps(out.warnings, ensure_ascii=False), out.articles,
                         out.facts))
        self.db.execute("DELETE FROM skipped WHERE source = ?", (out.detail.get("source"),))
        self._name(out.page_id, out.entities)
        self.shares(out.page_id, out.mentioned, out.spans)
        self.set_posts(out.page_id, out.posts, again=False)

    def drop(self, page_id: str) -> None:
        """Take a page's rows out."""
        self._unname(page_id)
        for table in ("page", "named", "mentioned", "span", "post"):
            self.db.execute(f"DELETE FROM {table} WHERE page = ?", (page_id,))

    def skip(self, skipped: Skipped) -> None:
        """Record a source that gave no page (the last reason, if it comes again)."""
        self.db.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?)",
                        (skipped.source, skipped.reason, skipped.message))

    def _name(self, page_id: str, entities: Iterable[tuple[str, str]]) -> None:
        """The (key, subtype) of every entity a page names."""
        rows = [(page_id, key, subtype == "official", subtype == "journalist")
                for key, subtype in entities]
        self._touch(r[1] for r in rows)
        self.db.executemany("INSERT INTO named VALUES (?, ?, ?, ?)", rows)

    def _unname(self, page_id: str) -> None:
        """Take out the entities a page names."""
        if self._before is not None:
            self._touch(k for (k,) in self.db.execute("SELECT key FROM named WHERE page = ?",
                                                      (page_id,)).fetchall())
        self.db.execute("DELETE FROM named WHERE page = ?", (page_id,))

    def _touch(self, keys: Iterable[str]) -> None:
        """Before the rows of ``keys`` change: what each counted in, if not known yet."""
        if self._before is None:
            return
        for key in keys:
            if key not in self._before:
                self._before[key] = self._entity(key)

    def _entity(self, key: str) -> tuple[str, ...]:
        """The figures the entity ``key`` counts in, as its rows in ``named`` stand."""
        return _counted_in(key, *self.db.execute(
            "SELECT COUNT(*), MAX(official), MAX(journalist) FROM named WHERE key = ?",
            (key,)).fetchone())

    def figures(self) -> dict[str, int]:
        """report.json's entity figures: entities of each kind (``kind:<kind>``),
        ``officials`` and ``journalists``. Those :meth:`save` stored, moved by the entities
        this tally changed since; else counted from every row."""
        if self._before is None:
            out = dict.fromkeys([f"kind:{k}" for k in ENTITY_KINDS]
                                + ["officials", "journalists"], 0)
            for key, off, jour in self.db.execute(
                    "SELECT key, MAX(official), MAX(journalist) FROM named GROUP BY key"):
                for name in _counted_in(key, 1, off, jour):
                    out[name] = out.get(name, 0) + 1
            return out
        out = dict(self.db.execute("SELECT name, n FROM figure"))
        for key, before in self._before.items():
            for name in before:
                out[name] -= 1
            for name in self._entity(key):
                out[name] = out.get(name, 0) + 1
        return out

    def regraph(self, page_id: str, corpus, spans: dict[str, tuple[str, str]],
                splits: list[str]) -> None:
        """A page's rows once its graph is made again (:class:`~newsgraph.model.Corpus`
        ``corpus``, its memberships' ``spans``), splitting the people ``splits``: its
        shares, the entities it names and its splits replace what it had. Its posts stay:
        they are the evidence the splits are decided from."""
        from newsgraph.stats import mention_counts

        self.shares(page_id, mention_counts(corpus), spans, again=True)
        self._unname(page_id)
        self._name(page_id, ((e.key, e.subtype) for e in corpus.entities.values()))
        self.db.execute("UPDATE page SET splits = ? WHERE page = ?",
                        (json.dumps(splits, ensure_ascii=False), page_id))

    def page_splits(self) -> dict[str, list[str]]:
        """page id -> the people its graph splits (pages that split none left out)."""
        return {page: json.loads(people) for page, people in self.db.execute(
            "SELECT page, splits FROM page WHERE splits != '[]'")}

    def save(self, path: str | os.PathLike | None = None) -> None:
        """Write the tally to the SQLite file ``path``, whole or not at all, with its
        entity figures and the index that finds an entity's rows (a build saves while the
        store's last writes are flushed: counting them costs its wall time nothing). With
        no ``path``, commit them to the tally's own file (opened with ``journal``)."""
        import sqlite3

        figures = self.figures()
        self.db.execute("DELETE FROM figure")
        self.db.executemany("INSERT INTO figure VALUES (?, ?)", sorted(figures.items()))
        self.db.execute("CREATE INDEX IF NOT EXISTS named_key ON named (key, official, "
                        "journalist)")
        self.db.execute(_POST_PERSON_INDEX)
        self._before = {}
        self.db.commit()
        if path is None:
            return
        part = f"{path}.part"
        if os.path.exists(part):  # a killed run's, half written
            os.remove(part)
        target = sqlite3.connect(part)
        try:
            self.db.backup(target)
        finally:
            target.close()
        os.replace(part, path)

    def shares(self, page_id: str, mentioned: Iterable[tuple[str, int]],
               spans: dict[str, tuple[str, str]], *, again: bool = False) -> None:
        """A page's shares of the corpus graph: (entity key, articles mentioning it) and
        its memberships' spans; ``again``: they replace the page's earlier shares."""
        if again:
            self.db.execute("DELETE FROM mentioned WHERE page = ?", (page_id,))
            self.db.execute("DELETE FROM span WHERE page = ?", (page_id,))
        self.db.executemany("INSERT INTO mentioned VALUES (?, ?, ?)",
                            ((page_id, key, n) for key, n in mentioned))
        self.db.executemany("INSERT INTO span VALUES (?, ?, ?, ?)",
                            ((page_id, ms, first, last) for ms, (first, last) in spans.items()))

    def set_posts(self, page_id: str, rows: Iterable[list[str]], *, again: bool = True
                  ) -> None:
        """A page's post evidence (:func:`newsgraph.store.evidence`), in its order;
        ``again``: it replaces what the page had."""
        if again:
            self.db.execute("DELETE FROM post WHERE page = ?", (page_id,))
        self.db.executemany("INSERT INTO post VALUES (?, ?, ?, ?, ?, ?)",
                            ((page_id, *row) for row in rows))

    def counts(self) -> Iterator[tuple[str, int, int]]:
        """(entity key, articles mentioning it, pages of those), by key."""
        yield from self.db.execute("SELECT key, SUM(articles), COUNT(*) FROM mentioned "
                                   "GROUP BY key ORDER BY key")

    def spans(self) -> Iterator[tuple[str, tuple[str, str]]]:
        """(membership IRI, (first date, last date)) of every membership, by IRI."""
        rows = self.db.execute("SELECT membership, MIN(first), MAX(last) FROM span "
                               "GROUP BY membership ORDER BY membership")
        return ((ms, (first, last)) for ms, first, last in rows)

    def report(self, seconds: float, stages: dict[str, float] | None = None) -> dict:
        """report.json's figures, without its lists of every page (page_details,
        warnings), which :meth:`write_report` streams out of the file; ``stages``: the
        seconds of each stage of a build, where it was timed."""
        figures = self.figures()
        pages, articles, facts = self.db.execute(
            "SELECT COUNT(*), TOTAL(articles), TOTAL(facts) FROM page").fetchone()
        return {
            "pages": pages,
            "articles": int(articles),
            "entities": {k: figures[f"kind:{k}"] for k in ENTITY_KINDS},
            "officials": figures["officials"],
            "journalists": figures["journalists"],
            "facts": int(facts),
            "skipped": [{"source": s, "reason": r, "message": m} for s, r, m in
                        self.db.execute("SELECT * FROM skipped ORDER BY source")],
            "seconds": round(seconds, 3),
        } | ({"stages": {k: round(v, 3) for k, v in stages.items()}} if stages else {})

    def write_report(self, path: str | os.PathLike, seconds: float,
                     stages: dict[str, float] | None = None) -> dict:
        """Write report.json: :meth:`report` with every page's details and warnings, by
        page id (the same whatever order the pages came in), streamed a page at a time;
        the bytes of ``json.dumps(indent=2, sort_keys=True)``. Returns :meth:`report`."""
        from newsgraph.fsutil import atomic_writer

        def rows(column: str) -> Iterator:
            return (json.loads(v) for (v,) in self.db.execute(
                f"SELECT {column} FROM page ORDER BY page"))

        lists = {"page_details": lambda: rows("detail"),
                 "warnings": lambda: (w for ws in rows("warnings") for w in ws)}
        rep = self.report(seconds, stages)
        # each list stands in the report as a marker string, replaced by its items
        markers = {json.dumps(f"\0{k}"): k for k in lists}
        head = json.dumps(rep | {k: f"\0{k}" for k in lists}, ensure_ascii=False, indent=2,
                          sort_keys=True)
        with atomic_writer(path, "w") as fh:
            for line in head.split("\n"):
                name, _, value = line.partition(": ")
                key = markers.get(value.rstrip(","))
                if key is None:
                    fh.write(line + "\n")
                    continue
                fh.write(f"{name}: ")
                first = True
                for item in lists[key]():
                    text = json.dumps(item, ensure_ascii=False, indent=2, sort_keys=True)
                    fh.write(("[\n    " if first else ",\n    ") + text.replace("\n", "\n    "))
                    first = False
                fh.write(("[]" if first else "\n  ]") + value[len(value.rstrip(",")):] + "\n")
        return rep

    def splits(self, people: Iterable[str] | None = None) -> dict[str, list[str]]:
        """page id -> the people of its posts the corpus splits as homonyms
        (:func:`newsgraph.resolve.conflicting_people`, asked one person at a time, so
        memory holds one person's posts).

        ``people``: only they are decided again, the others as :meth:`page_splits`
        holds them. An add names the people whose posts it changes (on the pages it adds,
        replaces or drops, whose splits it resets): its cost grows with theirs, not with
        the corpus's posts."""
        from newsgraph import resolve

        if people is not None:
            return self._resplit(people)
        # (not executescript, which would commit a journaled tally's changes first)
        self.db.execute("DROP TABLE IF EXISTS temp.conflicted")
        self.db.execute("CREATE TEMP TABLE conflicted (person TEXT PRIMARY KEY)")
        rows = self.db.execute(f"{_POSTS} ORDER BY person")
        for _person, group in itertools.groupby(rows, key=lambda r: r[0]):
            people = resolve.conflicting_people(resolve.Post(*r) for r in group)
            self.db.executemany("INSERT OR IGNORE INTO conflicted VALUES (?)",
                                ((p,) for p in people))
        out: dict[str, list[str]] = {}
        for page, person in self.db.execute(
                "SELECT DISTINCT page, person FROM post JOIN conflicted USING (person) "
                "ORDER BY page, person"):
            out.setdefault(page, []).append(person)
        return out

    def _resplit(self, people: Iterable[str]) -> dict[str, list[str]]:
        from newsgraph import resolve

        self.db.execute(_POST_PERSON_INDEX)
        out = {page: set(split) for page, split in self.page_splits().items()}
        for person in sorted(set(people)):
            rows = self.db.execute(f"{_POSTS} WHERE person = ?", (person,)).fetchall()
            conflicted = resolve.conflicting_people(resolve.Post(*r) for r in rows)
            for page in {r[5] for r in rows}:
                if conflicted:
                    out.setdefault(page, set()).add(person)
                elif page in out:
                    out[page].discard(person)
        return {page: sorted(split) for page, split in sorted(out.items()) if split}

    def people(self, page_ids: Iterable[str]) -> set[str]:
        """The people the posts of ``page_ids`` name."""
        out: set[str] = set()
        for pid in page_ids:
            out.update(p for (p,) in self.db.execute(
                "SELECT DISTINCT person FROM post WHERE page = ?", (pid,)))
        return out

    @staticmethod
    def entries(page_ids: Iterable[str], splits: dict[str, list[str]]
                ) -> Iterator[tuple[str, dict]]:
        """corpus.json's entries (store.Manifest) of ``page_ids`` (sorted), streamed: the
        people each page's graph splits. (The post evidence they were decided from stays
        in the tally: corpus.json is written twice by every add, and repeating every
        page's posts in it cost an add 1.2 s at 20,000 pages.)"""
        for pid in page_ids:
            yield pid, {"splits": splits.get(pid, [])}


# a post row as resolve.Post takes it, and the index that finds one person's
_POSTS = "SELECT person, day, role, level, place, page FROM post"
_POST_PERSON_INDEX = "CREATE INDEX IF NOT EXISTS post_person ON post (person)"


def _counted_in(key: str, pages: int, official: int | None, journalist: int | None
                ) -> tuple[str, ...]:
    """The figures of report.json an entity counts in, from the number of its rows in the
    tally's ``named`` and whether one names it an official, or a journalist."""
    if not pages:
        return ()
    kind = key.partition(":")[0]
    if kind != "person":
        return (f"kind:{kind}",)
    if official:
        return ("kind:person", "officials")
    return ("kind:person", "journalists") if journalist else ("kind:person",)


# the store, filled a batch at a time -----------------------------------------------------
class Loader:
    """Bulk loads of TriG into a store, run one after another in a background thread
    while pages go on being made: oxigraph lets go of the GIL while it loads, so a build
    of one worker extracts and loads at once. At most one batch waits (memory stays a
    few batches); an error of a load is raised by the next :meth:`put` or :meth:`close`.
    The store is opened by the first batch (worker processes are forked before RocksDB
    runs), unless one is given already open (``store``)."""

    def __init__(self, open_store: Callable[[], object] | None = None, *,
                 store: object | None = None) -> None:
        self._open = open_store
        self.store = store
        self._queue: queue.Queue = queue.Queue(maxsize=1)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def put(self, data: bytes) -> None:
        self._check()
        if self._thread is None:
            if self.store is None:
                self.store = self._open()
            self._thread = threading.Thread(target=self._run, name="newsgraph-loader",
                                            daemon=True)
            self._thread.start()
        self._queue.put(data)

    def _run(self) -> None:
        import pyoxigraph as ox

        while (data := self._queue.get()) is not None:
            if self._error is None:
                try:  # lenient: the TriG is ours (IRIs minted and escaped by rdf.terms)
                    self.store.bulk_load(input=data, format=ox.RdfFormat.TRIG, lenient=True)
                except BaseException as exc:  # raised in the main thread
                    self._error = exc
            del data
            heap.trim()  # what the load freed goes back: the build's memory stays flat

    def close(self, *, check: bool = True) -> None:
        """Wait for the loads queued; raise the first one's error (with ``check``)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if check:
            self._check()

    def _check(self) -> None:
        if self._error is not None:
            raise self._error


def trig_batch(blocks: list[tuple[bytes, bytes]]) -> bytes:
    """One bulk load's TriG, from (graph IRI in N-Triples, block of graph.ttl) pairs: each
    block as its page's named graph, then all of them as the default graph (the union;
    the loader keeps a triple once). The blocks are a third the size of the same graphs
    in N-Quads, which keep the graph's IRI on every line, and already made."""
    from newsgraph.export.sorted_turtle import header

    named = b"".join(b"%s {\n%s}\n" % (graph, block) for graph, block in blocks)
    return b"".join((header().encode("utf-8"), named, b"{\n",
                     *(block for _graph, block in blocks), b"}\n"))


@dataclass
class StreamStats:
    batches: int = 0
    max_batch_pages: int = 0
    redone: list[str] = field(default_factory=list)


def stream_store(outs: Iterable[PageOut | Skipped], out_dir, *, base: str, home_city: str,
                 tally: Tally, batch_pages: int = DEFAULT_BATCH_PAGES,
                 stats: StreamStats | None = None, load: bool = True,
                 graphs: Callable[[str | None, bytes], None] | None = None,
                 on_pages: Callable[[Path, list[str], list[str] | None], None] | None = None,
                 turtle: bool = False):
    """Fill ``DIR/store.tmp`` from page outputs as they come, a batch of pages per bulk
    load; then the homonym splits and the corpus graph; swap it in. Returns the
    :class:`~newsgraph.store.StoreReport`, or None when no page was good (nothing is
    swapped in). The caller holds the folder's lock.

    ``graphs`` is told each named graph made here rather than by a page's task, as
    N-Quads: the graph of a page reassembled at the end (a homonym split, or its id given
    twice) with the page id, and the corpus graph, a chunk at a time, with None. With
    ``load`` false no store is made: the pages are tallied, split and handed to
    ``graphs`` all the same, and ``store.tmp`` is removed at the end.

    ``on_pages`` is told, once every page's block is written, the folder of the pages'
    blocks (``<page_id>.ttl``), the page ids and None (:class:`~newsgraph.build.ViewJob`
    starts drawing graph.html from them); then, if the homonym splits made some pages
    again, the same with the ids of those pages, whose blocks changed. With
    ``turtle``, graph.ttl is written too (:func:`~newsgraph.store.write_ttl`), while
    the store's last writes are flushed."""
    from newsgraph.export.sorted_turtle import write_block
    from newsgraph.fsutil import atomic_writer
    from newsgraph.stats import corpus_quads
    from newsgraph.store import (
        _PROLOGUE,
        CORPUS_BLOCK,
        EXPORTS,
        STORE,
        TALLY,
        Manifest,
        StoreReport,
        _recover,
        _replace_graphs_update,
        _Utf8,
        load_result,
        page_block,
        page_corpus,
        page_quads,
        store_path,
        writable_store,
        write_ttl,
    )

    stats = stats if stats is not None else StreamStats()
    out_dir = Path(out_dir)
    _recover(out_dir)
    tmp = out_dir / f"{STORE}.tmp"
    minter = Minter(base)
    loader = Loader(lambda: writable_store(tmp)) if load else None
    pages_dir = tmp / "pages"
    batch: list[tuple[bytes, bytes]] = []
    seen: dict[str, int] = {}
    written = 0

    def flush() -> None:
        if not batch:
            return
        loader.put(trig_batch(batch))
        stats.batches += 1
        stats.max_batch_pages = max(stats.max_batch_pages, len(batch))
        batch.clear()

    try:
        for out in outs:
            if isinstance(out, Skipped):
                tally.skip(out)
                continue
            if not seen:
                tmp.mkdir(parents=True)
                pages_dir.mkdir()
            seen[out.page_id] = seen.get(out.page_id, 0) + 1
            tally.add(out, again=seen[out.page_id] > 1)
            (pages_dir / f"{out.page_id}.json.gz").write_bytes(out.saved)
            if loader is None:
                continue
            (pages_dir / f"{out.page_id}.ttl").write_bytes(out.turtle)
            batch.append((iri(minter.graph(out.page_id)).encode("utf-8"), out.turtle))
            written += out.quads
            if len(batch) >= batch_pages:
                flush()
        flush()
        if on_pages is not None and loader is not None and seen:  # while the last loads go
            on_pages(pages_dir, sorted(seen), None)
    except BaseException:
        if loader is not None:
            loader.close(check=False)  # the loads queued end before the error goes up
        raise
    store = None
    if loader is not None:
        loader.close()
        store, loader.store = loader.store, None  # `del store` below closes it
    if not seen:
        if tmp.exists():
            shutil.rmtree(tmp)
        return None

    # corpus-wide: homonyms split from every page's posts; a page id given twice keeps its
    # last page (its graph holds both until replaced here)
    split = tally.splits()
    for pid in sorted(seen):
        splits = split.get(pid, [])
        if not splits and seen[pid] == 1:
            continue
        saved = load_result((pages_dir / f"{pid}.json.gz").read_bytes())
        corpus, spans = page_corpus(saved, home_city, splits), {}
        quads = page_quads(corpus, minter, spans)
        if store is not None:
            store.update(_PROLOGUE + _replace_graphs_update({minter.graph(pid): quads}, ()))
            (pages_dir / f"{pid}.ttl").write_bytes(page_block(quads))
        if graphs is not None:
            graphs(pid, quad_lines(quads).encode("utf-8"))
        tally.regraph(pid, corpus, spans, splits)
        stats.redone.append(pid)
    if on_pages is not None and store is not None and stats.redone:
        on_pages(pages_dir, sorted(seen), list(stats.redone))
    # the corpus graph, from what the pages' shares add up to: loaded a chunk at a time,
    # and its block of graph.ttl rendered from the same quads (reading it back from the
    # store would decode every term of it)
    quads = iter(corpus_quads(tally.counts(), tally.spans(), minter))
    corpus = iri(minter.graph("corpus")).encode("utf-8")

    def corpus_lines(into: Loader | None) -> Iterator[str]:
        """The corpus graph's lines, a chunk at a time (memory: a chunk's), each chunk
        loaded by ``into`` (a loader thread: loads and rendering go on at once)."""
        while part := list(itertools.islice(quads, CORPUS_CHUNK)):
            triples = triple_lines(part)
            if into is not None:  # N-Triples lines are a block of Turtle
                into.put(trig_batch([(corpus, triples.encode("utf-8"))]))
            if graphs is not None:
                graphs(None, quad_lines(part).encode("utf-8"))
            yield from triples.splitlines(keepends=True)

    rep = StoreReport(pages_added=sorted(seen), graphs_rewritten=len(seen))
    rep.quads = written  # counted as loaded: a count of the store would scan it all
    if store is None:  # nothing to load: the corpus graph goes to `graphs` only
        for _ in corpus_lines(None):
            pass
        shutil.rmtree(tmp)
        return rep
    loader = Loader(store=store)
    try:
        with atomic_writer(tmp / CORPUS_BLOCK, "wb") as raw, \
                tempfile.TemporaryDirectory(prefix=".turtle-runs.", dir=out_dir) as runs:
            write_block(_Utf8(raw), corpus_lines(loader), runs)
    except BaseException:
        loader.close(check=False)  # the loads queued end before the error goes up
        raise
    loader.close()
    loader.store = None
    # The flush waits for RocksDB to compact what the loads left (niced, compaction falls
    # behind while pages are made: some 40 s on one core at 10,000 pages); it lets go of
    # the GIL, so graph.ttl is written meanwhile, into store.tmp, moved out once in place.
    flushed = in_thread(store.flush, "newsgraph-flush")
    try:
        if turtle:
            write_ttl(tmp / EXPORTS["turtle"], tmp, base, sorted(seen), store)
        tally.save(tmp / TALLY)
    finally:
        flushed()
    heap.trim()
    del store
    # written last, streamed from the tally: marks store.tmp complete
    Manifest(base, home_city).save(tmp, tally.entries(sorted(seen), split))
    final, old = store_path(out_dir), out_dir / f"{STORE}.old"
    if final.exists():
        final.rename(old)
    tmp.rename(final)
    if old.exists():
        shutil.rmtree(old)
    if turtle:
        os.replace(final / EXPORTS["turtle"], out_dir / EXPORTS["turtle"])
    return rep


def in_thread(fn: Callable[[], object], name: str) -> Callable[[], None]:
    """Start ``fn()`` in a thread; the function returned waits for it and raises what it
    raised."""
    error: list[BaseException] = []

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # raised by the waiter
            error.append(exc)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()

    def wait() -> None:
        thread.join()
        if error:
            raise error[0]

    return wait
