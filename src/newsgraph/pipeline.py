"""The whole flow, one way: read -> segment -> extract -> resolve -> assemble -> export.

:func:`process_page` is the per-page work (pure, picklable inputs and outputs, so it can
run in worker processes); :func:`build_corpus` resolves pages into one corpus.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path

from newsgraph import extract
from newsgraph.errors import PageError, UsageError
from newsgraph.model import PAGE_SUFFIXES, Article, Corpus, Doc, Page, page_id_of
from newsgraph.read import DEFAULT_MAX_BYTES, read_bytes
from newsgraph.resolve import resolve
from newsgraph.segment import segment

DEFAULT_HOME_CITY = "大同市"


@dataclass(frozen=True)
class Source:
    """One page to read: a file, or standard input (``path`` None). ``id``: its page id,
    when not its file name's; ``same_id``: the source after it with the same page id,
    which is read instead of it."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    id: str = ""
    same_id: str = ""

    @property
    def page_id(self) -> str:
        return self.id or page_id_of(self.name)

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        try:
            return self.path.read_bytes()
        except OSError as exc:
            raise PageError(self.name, "unreadable", exc.strerror or str(exc)) from exc


def sample_sources() -> list[Source]:
    """The sample corpus shipped inside the package."""
    folder = resources.files("newsgraph").joinpath("samples")
    return [Source(p.name, Path(str(p))) for p in sorted(folder.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".txt")]


def collect_sources(inputs: Iterable[str]) -> list[Source]:
    """Files, directories (every ``*.txt``, ``*.html`` or ``*.htm`` below, sorted) or
    ``-`` for standard input.

    A file's page id is its name without the suffix; below a directory, its path there,
    the folders joined with ``_`` (``2023-10-12/p01.txt``: ``2023-10-12_p01``), so that
    pages of one name in different folders (a folder an issue) stay apart. Of the sources
    of one page id the last is read, as an add replaces a page; the others are marked
    (:attr:`Source.same_id`), to be skipped and reported, not read over silently."""
    out: list[Source] = []
    for item in inputs:
        if item == "-":
            out.append(Source("-", None, sys.stdin.buffer.read()))
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.name.endswith(PAGE_SUFFIXES)
                           and p.is_file())
            out.extend(Source(str(p.relative_to(path.parent)), p,
                              id="_".join([*p.relative_to(path).parent.parts,
                                           page_id_of(p.name)]))
                       for p in files)
        elif path.exists():
            out.append(Source(path.name, path))
        else:
            raise UsageError(f"{item}: no such file or directory")
    last: dict[str, int] = {src.page_id: i for i, src in enumerate(out)}
    return [src if last[src.page_id] == i else replace(src, same_id=out[last[src.page_id]].name)
            for i, src in enumerate(out)]


@dataclass
class PageResult:
    page: Page
    articles: list[Article]
    docs: list[Doc]


def process_page(
    data: bytes, name: str, *, home_city: str = DEFAULT_HOME_CITY, issue_date: date | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES, page_id: str = "",
) -> PageResult:
    """Read, segment and extract one page. Raises :class:`PageError` for a bad page."""
    page = read_bytes(data, name, max_bytes=max_bytes, page_id=page_id)
    if issue_date is not None:
        page.issue_date = issue_date
    elif page.issue_date is None:
        page.warnings.append(f"{name}: no issue date found in the text; give one with --date")
    articles = segment(page)
    if issue_date is not None:
        for a in articles:
            a.date = issue_date
    docs = [Doc(text=art.text, issue_date=page.issue_date, home_city=home_city)
            for art in articles]
    extract.run_all(docs)
    return PageResult(page, articles, docs)


@dataclass
class Skipped:
    source: str
    reason: str
    message: str


@dataclass
class Processed:
    results: list[PageResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def process_all(
    sources: list[Source], *, progress: bool = False, workers: int = 1, pool=None, **options
) -> Processed:
    """Process every source; a bad page is recorded and skipped, never fatal.

    With ``workers`` > 1 pages are processed in that many processes; results come back
    in input order, without the pages' raw text and offset map (nothing downstream
    needs them), so the output is the same whatever the number of workers. ``pool``: a
    started :func:`newsgraph.ingest.worker_pool` to run them in.
    """
    out = Processed()
    for item in _progress(_results(sources, workers, options, pool), progress, len(sources)):
        if isinstance(item, Skipped):
            out.skipped.append(item)
        else:
            out.results.append(item)
    return out


def process_source(src: Source, options: dict) -> PageResult:
    """:func:`process_page` of a source, under its page id; raises :class:`PageError`
    for a bad page, or for a source that one after it has the page id of."""
    if src.same_id:
        raise PageError(src.name, "duplicate", f"page id {src.page_id}, as {src.same_id} "
                        "given after it, which is read instead; rename one of them")
    return process_page(src.read(), src.name, page_id=src.id, **options)


def _one(src: Source, options: dict, lean: bool = False) -> PageResult | Skipped:
    try:
        result = process_source(src, options)
    except PageError as exc:
        return Skipped(src.name, exc.reason, str(exc))
    if lean:
        result.page.raw, result.page.origin = "", []
    return result


def _work(args: tuple[Source, dict]) -> PageResult | Skipped:
    return _one(*args, lean=True)


def _results(sources: list[Source], workers: int, options: dict, pool=None) -> Iterator:
    if workers <= 1 or len(sources) < 2:
        return (_one(src, options) for src in sources)
    if pool is not None:
        from newsgraph.ingest import imap_ordered

        return imap_ordered(_work, [(src, options) for src in sources], workers=workers,
                            pool=pool)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))
    chunk = max(1, min(64, len(sources) // (workers * 8)))

    def run() -> Iterator:
        with pool:
            yield from pool.map(_work, [(src, options) for src in sources], chunksize=chunk)

    return run()


def _progress(items: Iterable, enabled: bool, total: int) -> Iterator:
    if not enabled or total < 2:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc="pages", unit="page", file=sys.stderr,
                    leave=False)


def build_corpus(results: Iterable[PageResult], *, home_city: str = DEFAULT_HOME_CITY) -> Corpus:
    """Resolve processed pages into one corpus; page order does not matter."""
    ordered = sorted(results, key=lambda r: r.page.page_id)
    triples = ((r.page, a, d) for r in ordered for a, d in zip(r.articles, r.docs, strict=True))
    return resolve(triples, home_city=home_city)
