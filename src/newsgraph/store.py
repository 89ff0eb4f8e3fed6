"""The corpus store: an embedded pyoxigraph (RocksDB) store in ``DIR/store/``, no server.

Every page is one named graph, ``<base>graph/<page_id>``, computed from that page alone:
entity IRIs come from canonical keys, so a page's graph does not depend on the others,
and the union of the page graphs is the corpus (an entity's names are all the names the
pages give it). Two things need the whole corpus:

- homonym splits (:mod:`newsgraph.resolve.people`): decided from the posts of every page,
  kept in ``corpus.json``; an add decides again only the people whose posts it changes,
  and a page is rebuilt only when the decision about one of its people changes;
- the corpus graph ``<base>graph/corpus``: each membership's ``org:memberDuring`` span and
  each entity's counts (:mod:`newsgraph.stats`). A build adds them up page by page; an add
  recomputes the spans of the memberships its pages touch and moves the counts of the
  entities they touch by the pages' shares, old and new.

The store's default graph holds the union of all named graphs as a set (each triple once,
however many pages state it), kept up to date with them. Queries read it by default: with
Oxigraph's union-of-graphs mode a triple stated by five pages would match five times and
joins would multiply.

Layout of ``DIR/store/``: the RocksDB files; ``pages/<page_id>.json.gz``, each page's
extraction result, so its graph can be rebuilt without the source file;
``pages/<page_id>.ttl``, its block of graph.ttl; ``corpus.ttl``, the corpus graph's block
(patched by each add where it touched it); ``graph.ttl.map``, where each block stands in
graph.ttl; ``corpus.json``, the base IRI, the home city and the people each page's graph
splits as homonyms; ``tally.sqlite``, what report.json, the corpus graph and the homonym
decisions are made from (:class:`newsgraph.ingest.Tally`: every page's post evidence among
it).

Writes are all-or-nothing. ``build`` fills ``DIR/store.tmp`` and swaps it in; ``add``
replaces graphs in one SPARQL update (one transaction), after recording in
``corpus.json`` which pages are pending, so an interrupted ``add`` is finished by the
next one. Exports (``graph.ttl``, ``graph.html``) are regenerated from the store.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import TIME, XSD

from newsgraph.errors import UsageError
from newsgraph.export.sorted_turtle import DECLARED_DATATYPES
from newsgraph.export.turtle import iri, nquads, turtle
from newsgraph.fsutil import append_file, atomic_write, atomic_writer, locked
from newsgraph.model import Article, ContinuationMark, Corpus, Doc, Mention, Page, Relation
from newsgraph.pipeline import DEFAULT_HOME_CITY, PageResult, Source, process_all
from newsgraph.rdf import Minter, nt_quads
from newsgraph.rdf.namespaces import DEFAULT_BASE, ORG, RDF, SCHEMA
from newsgraph.resolve import post_rows, resolve
from newsgraph.stats import count_changes, shares, statistics_update, stored_shares

STORE = "store"
FORMAT_VERSION = 2  # 2: the store keeps its tally (tally.sqlite)
TALLY = "tally.sqlite"  # the corpus's report.json rows and post evidence (ingest.Tally)
EXPORTS = {"turtle": "graph.ttl", "nquads": "graph.nq", "jsonld": "graph.jsonld"}
DEFAULT_VIEW_PAGES = 200  # graph.html of a bigger corpus draws its last pages only
CORPUS_BLOCK = "corpus.ttl"  # the corpus graph's block of graph.ttl, kept in the store folder
TTL_MAP = "graph.ttl.map"  # where each page's block stands in graph.ttl (write_ttl)

# page results on disk --------------------------------------------------------------------
def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def dump_result(r: PageResult) -> bytes:
    """A page's extraction result as gzipped JSON (the raw bytes are not kept)."""
    p = r.page
    data = {
        "page": {"source": p.source, "encoding": p.encoding, "text": p.text,
                 "continuations": [[c.text, c.start, c.direction, c.page]
                                   for c in p.continuations],
                 "duplicates_removed": p.duplicates_removed,
                 "issue_date": p.issue_date.isoformat() if p.issue_date else None,
                 "warnings": p.warnings, "id": p.id},
        "articles": [{**vars(a), "date": a.date.isoformat() if a.date else None,
                      "reporters": [list(x) for x in a.reporters]} for a in r.articles],
        "docs": [_dump_doc(d) for d in r.docs],
    }
    return gzip.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), compresslevel=1,
                         mtime=0)


def _dump_doc(d: Doc) -> dict:
    index = {id(m): i for i, m in enumerate(d.mentions)}

    def ref(m: Mention):
        return index.get(id(m), [m.start, m.end, m.type, m.text, m.attrs])

    return {"text": d.text, "issue_date": d.issue_date.isoformat() if d.issue_date else None,
            "home_city": d.home_city,
            "mentions": [[m.start, m.end, m.type, m.text, m.attrs] for m in d.mentions],
            "relations": [[r.kind, ref(r.subject), ref(r.object), r.attrs]
                          for r in d.relations]}


def load_result(raw: bytes) -> PageResult:
    data = json.loads(gzip.decompress(raw))
    p = data["page"]
    page = Page(source=p["source"], raw="", text=p["text"], origin=[], encoding=p["encoding"],
                continuations=[ContinuationMark(*c) for c in p["continuations"]],
                duplicates_removed=p["duplicates_removed"], issue_date=_day(p["issue_date"]),
                warnings=p["warnings"], id=p.get("id", ""))
    articles = [Article(**{**a, "date": _day(a["date"]),
                           "reporters": [tuple(x) for x in a["reporters"]]})
                for a in data["articles"]]
    docs = []
    for d in data["docs"]:
        mentions = [Mention(*m) for m in d["mentions"]]

        def deref(x, mentions=mentions):
            return mentions[x] if isinstance(x, int) else Mention(*x)

        doc = Doc(text=d["text"], issue_date=_day(d["issue_date"]), home_city=d["home_city"],
                  mentions=mentions)
        doc.relations = [Relation(k, deref(s), deref(o), attrs) for k, s, o, attrs in
                         d["relations"]]
        docs.append(doc)
    return PageResult(page, articles, docs)


# corpus.json -----------------------------------------------------------------------------
_PAGES_OPEN = '"pages": {'


@dataclass
class Manifest:
    """What the store needs to know about the whole corpus without opening every page."""

    base: str
    home_city: str
    # page_id -> {"splits": [person, …]}: the people the page's graph splits as homonyms
    pages: dict[str, dict] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        data = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
        if data.get("version") != FORMAT_VERSION:
            raise UsageError(f"{folder}: store format {data.get('version')} is not "
                             f"{FORMAT_VERSION}; rebuild it with newsgraph build")
        return cls(data["base"], data["home_city"], data["pages"], data.get("pending", []))

    def save(self, folder: Path, pages: Iterable[tuple[str, dict]] | None = None) -> None:
        """Write corpus.json: one JSON object, keys sorted, a page a line (so the page ids
        can be read without parsing the rest: :meth:`page_ids`). ``pages``: (page id,
        entry) by page id, streamed in place of :attr:`pages` (a build never holds them
        all)."""
        def dumps(value) -> str:
            return json.dumps(value, ensure_ascii=False, sort_keys=True)

        if pages is None:
            pages = ((k, self.pages[k]) for k in sorted(self.pages))
        with atomic_writer(folder / "corpus.json", "w") as fh:
            fh.write(f'{{"base": {dumps(self.base)}, "home_city": {dumps(self.home_city)}, '
                     f'{_PAGES_OPEN}\n')
            for i, (pid, entry) in enumerate(pages):
                fh.write((",\n" if i else "") + f"{dumps(pid)}: {dumps(entry)}")
            fh.write(f'\n}}, "pending": {dumps(sorted(self.pending))}, '
                     f'"version": {dumps(FORMAT_VERSION)}}}\n')

    @classmethod
    def scan(cls, folder: Path, page: Callable[[str, dict], None] | None = None) -> Manifest:
        """corpus.json read a line at a time: ``page(page_id, entry)`` for each page, by
        page id; returns the rest (base IRI, home city, pending pages), :attr:`pages`
        left empty. A corpus of any size, one page's entry in memory."""
        decoder = json.JSONDecoder()
        with open(folder / "corpus.json", encoding="utf-8") as fh:
            first = fh.readline()
            if not first.endswith(_PAGES_OPEN + "\n"):  # written whole on a line
                man = cls.load(folder)
                for pid in sorted(man.pages) if page else ():
                    page(pid, man.pages[pid])
                man.pages = {}
                return man
            last = "}"
            for line in fh:
                if line.startswith("}"):
                    last = line
                    break
                if page is not None and line.strip():
                    pid, end = decoder.raw_decode(line)
                    page(pid, decoder.raw_decode(line, line.index(":", end) + 2)[0])
        data = json.loads(first + "}}") | json.loads("{" + last[1:].lstrip(", "))
        if data.get("version") != FORMAT_VERSION:
            raise UsageError(f"{folder}: store format {data.get('version')} is not "
                             f"{FORMAT_VERSION}; rebuild it with newsgraph build")
        return cls(data["base"], data["home_city"], {}, data.get("pending", []))

    @classmethod
    def page_ids(cls, folder: Path) -> tuple[str, list[str]]:
        """The base IRI and the page ids (in order) of corpus.json (:meth:`scan`)."""
        ids: list[str] = []
        man = cls.scan(folder, lambda pid, _entry: ids.append(pid))
        return man.base, ids


# one page's graph ------------------------------------------------------------------------
def page_corpus(r: PageResult, home_city: str, splits: Iterable[str] = ()) -> Corpus:
    """Resolve one page on its own, splitting the homonyms the corpus decided on."""
    triples = ((r.page, a, d) for a, d in zip(r.articles, r.docs, strict=True))
    return resolve(triples, home_city=home_city, conflicted=splits)


def evidence(corpus: Corpus) -> list[list[str]]:
    """The posts that can make homonyms conflict (dated, placed, with role and level)."""
    rows = {(p.person, p.day, p.role, p.level, p.where)
            for p in post_rows(corpus) if p.where and p.role and p.level}
    return [list(row) for row in sorted(rows)]


def page_quads(corpus: Corpus, minter: Minter,
               spans: dict[str, tuple[str, str]] | None = None) -> list[tuple[str, str, str, str]]:
    """The page's own quads, everything assembled but the corpus graph, as N-Triples
    terms (:mod:`newsgraph.rdf.terms`); ``spans`` receives its memberships' date spans
    (:func:`newsgraph.rdf.nt_quads`)."""
    nt = minter if minter.nt else Minter(minter.base, nt=True)
    return nt_quads(corpus, nt, spans={} if spans is None else spans)


# terms -----------------------------------------------------------------------------------
def from_ox(t, predicate: str | None = None):
    """pyoxigraph term -> rdflib term (as the writers in :mod:`newsgraph.export` expect)."""
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        if dt == str(XSD.string):
            return Literal(t.value)
        if predicate in DECLARED_DATATYPES and dt == str(XSD.integer):
            return Literal(t.value, datatype=URIRef(DECLARED_DATATYPES[predicate]))
        return Literal(t.value, datatype=URIRef(dt))
    raise TypeError(f"unsupported term {t!r}")


def store_quads(store: ox.Store) -> Iterator[tuple]:
    """Every quad of the store's named graphs as rdflib terms (the default graph is their
    union, so it is left out)."""
    for q in store:
        if isinstance(q.graph_name, ox.DefaultGraph):
            continue
        p = q.predicate.value
        yield from_ox(q.subject), URIRef(p), from_ox(q.object, p), from_ox(q.graph_name)


def named_quad_count(store: ox.Store) -> int:
    """Quads in named graphs (counted by the store, not in Python)."""
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(rows))["n"].value)


# the corpus graph ------------------------------------------------------------------------
# prologue of the store's updates (oxigraph takes PREFIX only at the start of a request)
_PROLOGUE = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX time: <http://www.w3.org/2006/time#>
"""


def _unshare_default(graph: str) -> str:
    """Update removing from the default graph what only ``graph`` states (run before
    dropping ``graph``)."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {graph}) }} }} ;\n"
            f"DROP SILENT GRAPH {graph}")


_SPAN = """?ms org:memberDuring ?iv . ?iv a time:Interval ; time:hasBeginning ?b ;
    time:hasEnd ?e . ?b a time:Instant ; time:inXSDDate ?first .
    ?e a time:Instant ; time:inXSDDate ?last ."""


def _values(var: str, iris: Iterable[str] | None) -> str:
    return "" if iris is None else f"VALUES ?{var} {{ {' '.join(sorted(iris))} }}"


def corpus_graph_update(minter: Minter, scope: Scope | None = None) -> str:
    """SPARQL update recomputing the corpus graph: every membership's org:memberDuring runs
    from the first to the last publication date of the articles it is derived from, on
    whatever pages; and the counts (:func:`newsgraph.stats.statistics_update`). IRIs are
    minted as :class:`Minter` mints them (interval, instant). With ``scope``, only the
    spans of the memberships it names are recomputed (what changed pages touch), and the
    counts are left to :func:`newsgraph.stats.count_changes`, so adding pages to a large
    corpus costs what they touch, not the corpus."""
    graph = iri(minter.graph("corpus"))
    day_prefix = str(minter.instant("D"))[:-1]
    during = str(minter.interval(URIRef("")))
    if scope is None:
        drop, members = _unshare_default(graph), ""
    elif not scope.memberships:
        return ""
    else:  # the spans of these memberships only; days no span uses any more are dropped
        members = _values("ms", scope.memberships)
        drop = f"""DELETE {{ GRAPH {graph} {{ ?ms org:memberDuring ?iv . ?iv ?p ?o }}
         ?ms org:memberDuring ?iv . ?iv ?p ?o }}
WHERE {{ {members} GRAPH {graph} {{ ?ms org:memberDuring ?iv . ?iv ?p ?o }} }}"""
    insert = f"""INSERT {{ GRAPH {graph} {{ {_SPAN} }} {_SPAN} }}
WHERE {{
  {{ SELECT ?ms (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{ {members}
      GRAPH ?g {{ ?ms a org:Membership ; prov:wasDerivedFrom ?a . ?a schema:datePublished ?d }}
    }} GROUP BY ?ms }}
  BIND(IRI(CONCAT(STR(?ms), "{during}")) AS ?iv)
  BIND(IRI(CONCAT("{day_prefix}", STR(?first))) AS ?b)
  BIND(IRI(CONCAT("{day_prefix}", STR(?last))) AS ?e)
}}"""
    parts = [drop, insert]
    if scope is not None:
        parts.append(f"""DELETE {{ GRAPH {graph} {{ ?day ?p ?o }} ?day ?p ?o }}
WHERE {{ GRAPH {graph} {{ ?day a time:Instant ; ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH {graph} {{ ?iv time:hasBeginning|time:hasEnd ?day }} }} }}""")
    else:
        parts.append(statistics_update(minter))
    return " ;\n".join(parts)


@dataclass
class Scope:
    """What a change of some page graphs touches in the corpus graph: the entities their
    articles mention and their memberships (IRIs as N-Triples), before and after."""

    entities: set[str] = field(default_factory=set)
    memberships: set[str] = field(default_factory=set)

    _MENTIONS = iri(str(SCHEMA.mentions))
    _TYPE = iri(str(RDF.type))
    _MEMBERSHIP = iri(str(ORG.Membership))

    def add_quads(self, quads: Iterable[tuple[str, str, str, str]]) -> None:
        """What new page graphs (:func:`page_quads`) touch."""
        for s, p, o, _g in quads:
            if p == self._MENTIONS:
                self.entities.add(o)
            elif p == self._TYPE and o == self._MEMBERSHIP:
                self.memberships.add(s)

    def add_stored(self, store: ox.Store, graphs: Iterable[str]) -> None:
        """What graphs in the store (IRIs as N-Triples) touch, before they change."""
        graphs = list(graphs)
        if not graphs:
            return
        values = _values("g", graphs)
        rows = store.query(f"SELECT DISTINCT ?x ?k WHERE {{ {values} {{ GRAPH ?g {{ "
                           f"?a {self._MENTIONS} ?x }} BIND(1 AS ?k) }} UNION {{ GRAPH ?g "
                           f"{{ ?x a {self._MEMBERSHIP} }} BIND(2 AS ?k) }} }}")
        for row in rows:
            (self.entities if row["k"].value == "1" else self.memberships).add(str(row["x"]))


def _replace_graphs_update(graphs: dict[URIRef, list[tuple]], dropped: Iterable[URIRef]) -> str:
    """Update replacing (or dropping) page graphs, and the default graph with them;
    ``graphs``: graph IRI -> its quads as N-Triples terms (:func:`page_quads`)."""
    parts = [_unshare_default(iri(g)) for g in sorted({*graphs, *dropped})]
    body, union = [], set()
    for g, quads in sorted(graphs.items()):
        triples = {f"{s} {p} {o} ." for s, p, o, *_ in quads}
        union |= triples
        body.append(f"GRAPH {iri(g)} {{\n" + "\n".join(sorted(triples)) + "\n}")
    if body:
        parts.append("INSERT DATA {\n" + "\n".join([*sorted(union), *body]) + "\n}")
    return " ;\n".join(parts)


# opening ---------------------------------------------------------------------------------
def store_path(out_dir: Path) -> Path:
    return Path(out_dir) / STORE


def _recover(out_dir: Path) -> None:
    """Finish or undo a build that was interrupted while swapping store.tmp in."""
    final, tmp, old = (store_path(out_dir), out_dir / f"{STORE}.tmp", out_dir / f"{STORE}.old")
    if not final.exists():
        if (tmp / "corpus.json").exists():
            tmp.rename(final)
        elif old.exists():
            old.rename(final)
    for leftover in (tmp, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    made = final / EXPORTS["turtle"]  # a build's graph.ttl, made before its store was closed
    if made.exists():
        os.replace(made, out_dir / EXPORTS["turtle"])


def open_store(out_dir: Path, *, read_only: bool = True) -> ox.Store:
    """The store of ``out_dir``; read-only unless told (readers never take the lock)."""
    path = store_path(out_dir)
    if not (path / "corpus.json").exists():
        raise UsageError(f"{out_dir}: no store here; build one with: newsgraph build -o {out_dir}")
    try:
        return ox.Store.read_only(str(path)) if read_only else writable_store(path)
    except OSError as exc:
        raise UsageError(f"{path}: cannot open the store: {exc}") from exc


WRITER_OPEN_FILES = 256  # RocksDB table files a build or an add keeps open at once


def writable_store(path: str | os.PathLike, open_files: int = WRITER_OPEN_FILES) -> ox.Store:
    """A read-write store at ``path`` whose RocksDB keeps at most ``open_files`` table
    files open. Each open table file keeps its index blocks in memory, and bulk loads make
    a file per 15 MB or so: a build that kept every file open grew by 5 MB per 1,000
    pages (about 500 MB at 100,000). Oxigraph sizes RocksDB's ``max_open_files`` from the
    process's file-descriptor limit when the store opens (the limit less 48), so the
    limit is lowered while it opens, then put back."""
    try:
        import resource
    except ImportError:  # not POSIX: Oxigraph does not count descriptors there
        return ox.Store(str(path))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    capped = open_files + 48
    if soft != resource.RLIM_INFINITY and soft <= capped:
        store = ox.Store(str(path))
    else:
        resource.setrlimit(resource.RLIMIT_NOFILE, (capped, hard))
        try:
            store = ox.Store(str(path))
        finally:
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    lower_compaction_priority()
    return store


COMPACTION_THREAD = "rocksdb:low"  # RocksDB's name for its compaction threads
COMPACTION_NICE = 19


def lower_compaction_priority(nice: int = COMPACTION_NICE) -> int:
    """Give RocksDB's compaction threads the CPU priority ``nice``, so they yield the cores
    to the page work; returns the threads changed. RocksDB has this for its embedders
    (``Env::LowerThreadPoolCPUPriority``), which Oxigraph does not call. Compaction is
    work a bulk load leaves behind: niced, it runs when a core is free and merges more
    files at a time. A 1,000-page build, one worker, 64 pages a load: 49.5-50.0 s and
    16 CPU-s of compaction against 54.5 s and 23 CPU-s, with a store of the same files,
    size and query times. The threads are Linux's tasks of this process (the pool is
    started when a store opens); elsewhere nothing changes."""
    tasks = Path("/proc/self/task")
    try:
        tids = os.listdir(tasks)
    except OSError:
        return 0
    changed = 0
    for tid in tids:
        try:
            if (tasks / tid / "comm").read_text().strip() != COMPACTION_THREAD:
                continue
            os.setpriority(os.PRIO_PROCESS, int(tid), nice)
            changed += 1
        except (OSError, ValueError):  # the thread ended; or not allowed: leave it
            continue
    return changed


# build and add ---------------------------------------------------------------------------
@dataclass
class StoreReport:
    pages_added: list[str] = field(default_factory=list)
    pages_replaced: list[str] = field(default_factory=list)
    graphs_rewritten: int = 0
    quads: int = 0  # quads written into page graphs

    def as_dict(self) -> dict:
        return {"pages_added": self.pages_added, "pages_replaced": self.pages_replaced,
                "graphs_rewritten": self.graphs_rewritten, "quads": self.quads}


def build_store(results: list[PageResult], out_dir: Path, *, base: str = DEFAULT_BASE,
                home_city: str = DEFAULT_HOME_CITY, skipped: Iterable = ()) -> StoreReport:
    """Start the corpus afresh with ``results``: fill DIR/store.tmp, then swap it in.
    The caller holds the folder's lock. (:func:`newsgraph.ingest.stream_store` does the
    work, a batch of pages at a time; ``newsgraph build`` streams pages into it.)"""
    from newsgraph.ingest import Tally, page_out, stream_store

    outs = (page_out(r, base, home_city) for r in results)
    tally = Tally()
    for item in skipped:
        tally.skip(item)
    rep = stream_store(outs, Path(out_dir), base=base, home_city=home_city, tally=tally)
    return rep if rep is not None else StoreReport()


def add_results(results: list[PageResult], out_dir: Path, *, base: str | None = None,
                home_city: str | None = None, skipped: Iterable = ()) -> StoreReport:
    """Add pages to the corpus in ``out_dir`` (a page already there is replaced). Pages
    whose homonym decisions change are rebuilt too; the corpus graph is recomputed. One
    transaction. The caller holds the folder's lock. The corpus's tally (its report.json
    rows and post evidence: :class:`newsgraph.ingest.Tally`) is changed in place, in one
    SQLite transaction committed once the store is changed (what an add costs does not
    grow with a copy of the corpus's rows); ``skipped``: sources this add could not read,
    for report.json."""
    from newsgraph.ingest import Tally

    out_dir = Path(out_dir)
    _recover(out_dir)
    folder = store_path(out_dir)
    if not (folder / "corpus.json").exists():
        return build_store(results, out_dir, base=base or DEFAULT_BASE,
                           home_city=home_city or DEFAULT_HOME_CITY, skipped=skipped)
    ids: list[str] = []
    man = Manifest.scan(folder, lambda pid, _entry: ids.append(pid))  # checks the format
    if not (folder / TALLY).is_file():
        raise UsageError(f"{folder / TALLY}: missing, so the corpus's report and homonym "
                         "evidence are lost; rebuild it with newsgraph build")
    tally = Tally(folder / TALLY, journal=True)
    try:
        for item in skipped:
            tally.skip(item)
        return _add_results(results, out_dir, folder, man, ids, tally, base, home_city)
    finally:
        tally.db.close()  # what was not committed is rolled back


def _add_results(results, out_dir: Path, folder: Path, man: Manifest, ids: list[str], tally,
                 base: str | None, home_city: str | None) -> StoreReport:
    from newsgraph.ingest import page_out

    # the splits each page's graph was made with, as the tally last saved knows them
    # (an interrupted add's corpus.json may tell splits its store never got)
    decided = tally.page_splits()
    for name, given, have in (("base IRI", base, man.base), ("home city", home_city,
                                                             man.home_city)):
        if given is not None and given != have:
            raise UsageError(f"{out_dir}: the corpus was built with {name} {have!r}, not "
                             f"{given!r}; use newsgraph build to start afresh")
    minter, pages_dir = Minter(man.base), folder / "pages"
    by_id = {r.page.page_id: r for r in results}
    interrupted = bool(man.pending)
    # pages an interrupted add left pending are redone from their saved results
    for pid in man.pending:
        if pid not in by_id and (pages_dir / f"{pid}.json.gz").exists():
            by_id[pid] = load_result((pages_dir / f"{pid}.json.gz").read_bytes())
    dropped_ids = [p for p in man.pending
                   if p not in by_id and not (pages_dir / f"{p}.json.gz").exists()]
    dropped = [minter.graph(p) for p in dropped_ids]
    # the people whose posts the add changes: on the pages it drops, replaces or adds
    people = tally.people([*dropped_ids, *by_id])
    for pid in dropped_ids:
        tally.drop(pid)
        decided.pop(pid, None)
    known = set(ids) - set(dropped_ids)
    rep = StoreReport(pages_added=sorted(set(by_id) - known),
                      pages_replaced=sorted(set(by_id) & known))
    # the new pages resolved alone, their rows tallied; homonyms decided corpus-wide
    for r in by_id.values():
        tally.add(page_out(r, man.base, man.home_city), again=True)
    ids = sorted(known | set(by_id))
    split = tally.splits(people | tally.people(by_id))
    graphs: dict[URIRef, list[tuple]] = {}
    blocks: dict[str, list[tuple]] = {}
    for pid in ids:
        splits = split.get(pid, [])
        if pid not in by_id and splits == decided.get(pid, []):
            continue
        saved = by_id.get(pid) or load_result((pages_dir / f"{pid}.json.gz").read_bytes())
        corpus, spans = page_corpus(saved, man.home_city, splits), {}
        graphs[minter.graph(pid)] = blocks[pid] = page_quads(corpus, minter, spans)
        tally.regraph(pid, corpus, spans, splits)
    man.pending = sorted(by_id)
    man.save(folder, tally.entries(ids, split))
    for pid, r in by_id.items():
        atomic_write(pages_dir / f"{pid}.json.gz", dump_result(r))
    for pid, quads in blocks.items():
        atomic_write(pages_dir / f"{pid}.ttl", page_block(quads))
    for pid in dropped_ids:
        (pages_dir / f"{pid}.ttl").unlink(missing_ok=True)
    store = open_store(out_dir, read_only=False)
    scope = Scope()  # what the changed graphs touch in the corpus graph, before and after
    changed = [iri(g) for g in {*graphs, *dropped}]
    scope.add_stored(store, changed)
    for quads in graphs.values():
        scope.add_quads(quads)
    if interrupted:  # what the store holds may be half an add: recount from the graphs
        counts = statistics_update(minter, scope.entities) if scope.entities else ""
    else:  # each count moved by the changed pages' shares, old and new
        counts = count_changes(store, minter, stored_shares(store, changed),
                               shares(q for quads in graphs.values() for q in quads))
    parts = [_replace_graphs_update(graphs, dropped), corpus_graph_update(minter, scope),
             counts]
    block, stale = folder / CORPUS_BLOCK, folder / f"{CORPUS_BLOCK}.old"
    stale.unlink(missing_ok=True)  # an interrupted add's: older than the store
    if block.exists():  # set aside: a block absent is rendered again from the store
        block.replace(stale)
    store.update(_PROLOGUE + " ;\n".join(x for x in parts if x))
    store.flush()
    if stale.exists():
        _patch_corpus_block(folder, store, minter, scope, stale)
        stale.unlink()
    rep.graphs_rewritten = len(graphs)
    rep.quads = sum(len(quads) for quads in graphs.values())  # written (a count of the
    del store                                                 # store would scan it all)
    tally.save()  # committed before the pending pages are cleared: they redo it
    man.pending = []
    man.save(folder, tally.entries(ids, split))
    return rep


# exports ---------------------------------------------------------------------------------
def view_triples(store: ox.Store, max_pages: int | None = DEFAULT_VIEW_PAGES):
    """What graph.html is drawn from: the whole corpus when it has at most ``max_pages``
    pages, else the graphs of the last ``max_pages`` pages (by page id), so the view of a
    huge corpus costs a bounded time and memory (``newsgraph view`` draws any part).
    Returns the view's data (:class:`newsgraph.export.network.ViewData`) read straight from
    the store by :func:`newsgraph.export.network.read_store`: what
    :func:`newsgraph.export.network.read` makes of those triples, without rdflib terms."""
    from newsgraph.export.network import read_store

    pages = sorted(g.value for g in store.named_graphs()
                   if isinstance(g, ox.NamedNode) and not g.value.endswith("/graph/corpus"))
    if max_pages is None or len(pages) <= max_pages:
        return read_store(store)
    return read_store(store, pages[-max_pages:])


def view_pages(page_ids: Iterable[str], base: str,
               max_pages: int | None = DEFAULT_VIEW_PAGES) -> list[str] | None:
    """The pages whose graphs graph.html draws (:func:`view_triples`): the last
    ``max_pages`` by graph IRI, or None when there are no more (the whole corpus is
    drawn, its corpus graph with it)."""
    page_ids = list(page_ids)
    if max_pages is None or len(page_ids) <= max_pages:
        return None
    minter = Minter(base)
    return sorted(page_ids, key=lambda pid: str(minter.graph(pid)))[-max_pages:]


def view_blocks(pages_dir: Path, page_ids: Iterable[str]) -> bytes:
    """The blocks of graph.ttl of ``page_ids`` (in ``pages_dir``), the prefixes first: one
    Turtle document, what :func:`html_of_blocks` draws."""
    from newsgraph.export.sorted_turtle import header

    return b"".join([header().encode("utf-8"),
                     *((pages_dir / f"{pid}.ttl").read_bytes() for pid in page_ids)])


def html_of_blocks(blocks: bytes, max_nodes: int | None = None) -> bytes:
    """graph.html drawn from pages' blocks of graph.ttl (Turtle, the prefixes first): the
    same page :func:`write_exports` draws from the store's graphs of those pages
    (:func:`view_triples`), made without the store, so that a worker process can draw it
    while the build makes the corpus graph."""
    from newsgraph.export.html import DEFAULT_MAX_NODES, view
    from newsgraph.export.network import read_store

    pages = ox.Store()  # in memory: the union of the blocks, each triple once
    pages.bulk_load(input=blocks, format=ox.RdfFormat.TURTLE, lenient=True)
    return view(read_store(pages),
                max_nodes=DEFAULT_MAX_NODES if max_nodes is None else max_nodes).encode("utf-8")


def page_block(quads: Iterable[tuple[str, str, str, str]]) -> bytes:
    """A page's graph (:func:`page_quads`) as its block of graph.ttl."""
    from newsgraph.export.sorted_turtle import block_of_triples

    return block_of_triples(quads).encode("utf-8")


class _Utf8:
    """Text written to a binary file as UTF-8."""

    def __init__(self, raw) -> None:
        self.raw = raw

    def write(self, text: str) -> None:
        self.raw.write(text.encode("utf-8"))


def write_ttl(path: Path, folder: Path, base: str, page_ids: Iterable[str],
              store: ox.Store) -> None:
    """graph.ttl of the store in ``folder`` (its base IRI and page ids given) to ``path``,
    whole or not at all: the prefixes, then each page's graph as a block of sorted
    Turtle, pages in page-id order, then the corpus graph's block. The blocks make one
    Turtle document whose graph is the corpus (a triple stated by several pages is in each
    of their blocks: the page it comes from stays visible). A page's block is the one its
    build rendered (``store/pages/<page_id>.ttl``), or rendered from the store when there
    is none, so adding pages copies the others' blocks instead of rendering them again.

    ``store/graph.ttl.map`` tells where each block stands in the graph.ttl written last
    (:class:`_TtlMap`). The blocks of the pages that have not changed since are copied
    from it, a run of neighbours at a time: one file read in order instead of a small
    file a page (a 20,000-page graph.ttl, 2.5 GB, not in the page cache: 12.6 s copied
    a block file at a time, 3.7 s copied whole)."""
    from newsgraph.export.sorted_turtle import graph_lines, header, write_block

    minter = Minter(base)
    old = _TtlMap.read(folder, path, base)
    new = _TtlMap(base)
    run: list[int] = []  # [start, end) of the old graph.ttl, to copy next

    def copy_run() -> None:
        if run:
            append_file(old.path, raw, run[0], run[1] - run[0])
            run.clear()

    with atomic_writer(path, "wb") as raw, \
            tempfile.TemporaryDirectory(prefix=".turtle-runs.", dir=folder.parent) as runs:
        fh = _Utf8(raw)
        fh.write(header())
        at = raw.tell()  # where the next block starts in the new file
        for pid in page_ids:
            saved = folder / "pages" / f"{pid}.ttl"
            try:
                st = saved.stat()
                stamp = (st.st_size, st.st_mtime_ns)
            except FileNotFoundError:
                stamp = None
            was = old.find(pid, stamp)
            if was is not None:  # its block, unchanged, where graph.ttl has it
                if run and run[1] == was[0]:
                    run[1] = was[1]
                else:
                    copy_run()
                    run[:] = was
                new.add(pid, at, at + was[1] - was[0], stamp)
                at += was[1] - was[0]
                continue
            copy_run()
            graph = minter.graph(pid)
            fh.write(f"\n# {iri(graph)}\n")
            if stamp is not None:  # bytes as the build rendered them
                append_file(saved, raw)
            else:
                write_block(fh, graph_lines(store, ox.NamedNode(str(graph)), runs), runs)
            end = raw.tell()
            if stamp is not None:
                new.add(pid, at, end, stamp)
            at = end
        copy_run()
        corpus = minter.graph("corpus")
        fh.write(f"\n# {iri(corpus)}\n")
        cached = folder / CORPUS_BLOCK
        if not cached.exists():  # rendered once, then patched by each add
            with atomic_writer(cached, "wb") as out:
                write_block(_Utf8(out), graph_lines(store, ox.NamedNode(str(corpus)), runs),
                            runs)
        append_file(cached, raw)
    new.write(folder, path)


class _TtlMap:
    """Where each page's block stands in a graph.ttl (``store/graph.ttl.map``): the
    graph.ttl it describes (size, modification time, inode), then a line a page in its
    order: page id, start and end of the block with its heading line, and the size and
    modification time its block file had. A graph.ttl that is not the one described (a
    write killed between the two files, a file replaced by hand) is not read, nor is the
    block of a page whose file changed since (a page added again)."""

    def __init__(self, base: str, path: Path | None = None,
                 lines: Iterable[str] = ()) -> None:
        self.base, self.path = base, path
        self._rows = (line.split("\t") for line in lines)
        self._ahead = self._next()
        self._new: list[str] = []

    def _next(self) -> tuple[str, int, int, int, int] | None:
        row = next(self._rows, None)
        return None if row is None else (row[0], *map(int, row[1:]))

    @classmethod
    def read(cls, folder: Path, ttl: Path, base: str) -> _TtlMap:
        try:
            fh = open(folder / TTL_MAP, encoding="utf-8")
        except FileNotFoundError:
            return cls(base)
        with fh:
            head = json.loads(fh.readline() or "{}")
            try:
                st = ttl.stat()
            except FileNotFoundError:
                return cls(base)
            if head.get("base") != base or head.get("ttl") != [st.st_size, st.st_mtime_ns,
                                                              st.st_ino]:
                return cls(base)
            return cls(base, ttl, fh.read().splitlines())

    def find(self, pid: str, stamp: tuple[int, int] | None) -> list[int] | None:
        """[start, end) of the block of ``pid`` (asked in page-id order), when the graph.ttl
        described holds it as its block file now stands (``stamp``: size, mtime)."""
        while self._ahead is not None and self._ahead[0] < pid:
            self._ahead = self._next()
        row = self._ahead
        if row is None or row[0] != pid or stamp is None or row[3:] != stamp:
            return None
        return [row[1], row[2]]

    def add(self, pid: str, start: int, end: int, stamp: tuple[int, int]) -> None:
        self._new.append(f"{pid}\t{start}\t{end}\t{stamp[0]}\t{stamp[1]}\n")

    def write(self, folder: Path, ttl: Path) -> None:
        """The map of the graph.ttl just written at ``ttl``."""
        st = ttl.stat()
        head = json.dumps({"base": self.base, "ttl": [st.st_size, st.st_mtime_ns, st.st_ino]})
        with atomic_writer(folder / TTL_MAP, "w") as fh:
            fh.write(head + "\n")
            fh.writelines(self._new)


def _patch_corpus_block(folder: Path, store: ox.Store, minter: Minter, scope: Scope,
                        old: Path) -> None:
    """``store/corpus.ttl``, the corpus graph's block of graph.ttl, from the one before an
    add (``old``): the statements of the subjects the add touched (``scope``: entities
    and memberships, the memberships' intervals, and every day) rendered again from the
    store, the others kept, so an add does not render the whole corpus graph again."""
    from newsgraph.export.sorted_turtle import block, patch_block_file

    graph = iri(minter.graph("corpus"))
    day_prefix = str(minter.instant("D"))[:-1]
    during = str(minter.interval(URIRef("")))
    touched = set(scope.entities) | set(scope.memberships)
    touched |= {ms[:-1] + during + ">" for ms in scope.memberships}
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ {{ {_values('s', touched)} GRAPH {graph} "
                       f"{{ ?s ?p ?o }} }} UNION {{ GRAPH {graph} {{ ?s a "
                       f"{iri(TIME.Instant)} ; ?p ?o }} }} }}")
    new = block(f"{r['s']} {r['p']} {r['o']} .\n" for r in rows)
    with atomic_writer(folder / CORPUS_BLOCK, "wb") as out:
        patch_block_file(out, old, {t[1:-1] for t in touched}, day_prefix, new)


def write_exports(out_dir: Path, formats: Iterable[str] = ("turtle", "html"), *,
                  max_nodes: int | None = None,
                  max_pages: int | None = DEFAULT_VIEW_PAGES, pool=None) -> list[Path]:
    """Regenerate export files from the store; deterministic bytes. Caller holds the lock.

    graph.ttl is made of the pages' blocks (:func:`write_ttl`), copied while the view is
    drawn: in a worker of ``pool`` (an idle process pool), from the last pages' blocks,
    where the view draws part of the corpus, else in a thread. The view of a corpus of
    more than ``max_pages`` pages draws the last ``max_pages`` (:func:`view_html`) with at
    most ``max_nodes`` nodes. (Where graph.ttl is copied a page's file at a time, between
    two files the copy waits for the GIL, which a thread drawing the view in Python holds:
    10,000 pages took 2.8 s to copy alone, 7.0 s beside a busy thread.)"""
    from newsgraph.fsutil import atomic_write
    from newsgraph.ingest import in_thread

    out_dir = Path(out_dir)
    folder = store_path(out_dir)
    store = open_store(out_dir)
    base, page_ids = Manifest.page_ids(folder)
    ttl = functools.partial(write_ttl, out_dir / EXPORTS["turtle"], folder, base, page_ids,
                            store)
    written, formats = [], list(formats)
    drawing = copied = None
    if pool is not None and "html" in formats:
        blocks = _view_of_blocks(folder, base, page_ids, max_pages)
        if blocks is not None:
            drawing = pool.submit(html_of_blocks, blocks, max_nodes)
    if "turtle" in formats and "html" in formats and drawing is None:
        copied = in_thread(ttl, "newsgraph-ttl")  # the copy mostly waits on the disk
    try:
        for fmt in formats:
            if fmt == "html":
                path = out_dir / "graph.html"
                atomic_write(path, drawing.result() if drawing is not None else
                             view_html(folder, base, page_ids, store, max_pages, max_nodes))
            elif fmt == "turtle":
                path = out_dir / EXPORTS["turtle"]
                if copied is None:
                    ttl()
            else:
                path = out_dir / EXPORTS[fmt]
                atomic_write(path, serialize(list(store_quads(store)), fmt))
            written.append(path)
    finally:
        if copied is not None:
            copied()
    del store
    return written


def view_html(folder: Path, base: str, page_ids: list[str], store: ox.Store,
              max_pages: int | None = DEFAULT_VIEW_PAGES, max_nodes: int | None = None
              ) -> bytes:
    """graph.html of the corpus in the store ``folder`` (its base IRI and page ids given,
    as :meth:`Manifest.page_ids` reads them): of a corpus of more than ``max_pages``
    pages, drawn from the last pages' blocks of graph.ttl (:func:`html_of_blocks`, as the
    build draws it: the store is not read while graph.ttl is copied), else (or when a
    block is missing) from the store (:func:`view_triples`); the same bytes either way."""
    from newsgraph.export import DEFAULT_MAX_NODES
    from newsgraph.export.html import view

    blocks = _view_of_blocks(folder, base, page_ids, max_pages)
    if blocks is not None:
        return html_of_blocks(blocks, max_nodes)
    return view(view_triples(store, max_pages),
                max_nodes=DEFAULT_MAX_NODES if max_nodes is None else max_nodes).encode("utf-8")


def _view_of_blocks(folder: Path, base: str, page_ids: list[str],
                    max_pages: int | None) -> bytes | None:
    """What :func:`html_of_blocks` draws the view from (:func:`view_blocks`), when the
    view draws part of the corpus and every block of it is there; else None."""
    drawn = view_pages(page_ids, base, max_pages)
    if drawn is not None and all((folder / "pages" / f"{pid}.ttl").is_file() for pid in drawn):
        return view_blocks(folder / "pages", drawn)
    return None


def serialize(quads: list[tuple], fmt: str) -> str:
    if fmt == "turtle":
        return turtle(quads)
    if fmt == "nquads":
        return nquads(quads)
    if fmt == "jsonld":
        lines = nquads(quads).encode("utf-8")
        data = ox.serialize(ox.parse(lines, format=ox.RdfFormat.N_QUADS),
                            format=ox.RdfFormat.JSON_LD)
        return json.dumps(json.loads(data), ensure_ascii=False, indent=1) + "\n"
    raise UsageError(f"unknown export format {fmt!r}; choose from {', '.join(EXPORTS)}")


def add(sources: list[Source], out_dir: Path, *, home_city: str | None = None,
        issue_date: date | None = None, base: str | None = None,
        progress: bool = False, workers: int = 1) -> dict:
    """``newsgraph add``: read the pages, add them to the store, regenerate the exports."""
    from newsgraph import heap
    from newsgraph.ingest import worker_pool

    started = time.perf_counter()
    heap.limit_arenas()  # before the workers fork and Oxigraph's threads start
    out_dir = Path(out_dir)
    # forked before the lock; an add's few pages are made in this process for one worker
    pool = worker_pool(workers) if len(sources) > 1 and workers > 1 else None
    try:
        rep, processed = _add_locked(sources, out_dir, home_city, issue_date, base, progress,
                                     workers, pool, started)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    out = rep.as_dict()
    out["skipped"] = [{"source": s.source, "reason": s.reason, "message": s.message}
                      for s in processed.skipped]
    out["seconds"] = round(time.perf_counter() - started, 3)
    return out


def _add_locked(sources, out_dir, home_city, issue_date, base, progress, workers, pool,
                started):
    from newsgraph.ingest import Tally

    with locked(out_dir):
        city = home_city
        if city is None and (store_path(out_dir) / "corpus.json").exists():
            city = Manifest.scan(store_path(out_dir)).home_city
        processed = process_all(sources, progress=progress, workers=workers, pool=pool,
                                home_city=city or DEFAULT_HOME_CITY, issue_date=issue_date)
        rep = StoreReport()
        if processed.results:  # an add that reads no page changes nothing
            rep = add_results(processed.results, out_dir, base=base, home_city=home_city,
                              skipped=processed.skipped)
            write_exports(out_dir, pool=pool)
            tally = Tally(store_path(out_dir) / TALLY)
            try:
                tally.write_report(out_dir / "report.json", time.perf_counter() - started)
            finally:
                tally.db.close()
    return rep, processed


def export(out_dir: Path, fmt: str) -> Path:
    """``newsgraph export``: write one export of the store (graph.ttl, graph.nq, …)."""
    if fmt not in EXPORTS and fmt != "html":
        raise UsageError(f"unknown export format {fmt!r}; choose from "
                         f"{', '.join([*EXPORTS, 'html'])}")
    with locked(Path(out_dir)):
        return write_exports(Path(out_dir), [fmt])[0]

