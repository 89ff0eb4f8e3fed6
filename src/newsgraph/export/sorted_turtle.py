"""graph.ttl straight from the store, in bounded memory: an external sort.

Writes the same bytes as :func:`newsgraph.export.turtle.turtle` over the same triples
(subjects sorted, ``rdf:type`` first then predicates sorted, objects sorted), but reads
pyoxigraph terms, never builds rdflib terms for IRIs or strings, and sorts in runs of
``run_size`` triples spilled to temporary files and merged, so a corpus of any size is
written with a run's worth of memory.
"""

from __future__ import annotations

import heapq
import itertools
import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from newsgraph.export.turtle import _Abbrev, _escape_string, literal
from newsgraph.fsutil import atomic_writer
from newsgraph.rdf.namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
DEFAULT_RUN = 200_000
_SPILL_CHUNK = 20_000
_CACHE_MAX = 200_000


class _Records:
    """ox triples -> sortable records ``(subject, is_bnode, p_rank, predicate, o_kind,
    o_text, o_lang, o_datatype, o_rendered)`` whose tuple order is the Turtle order."""

    def __init__(self, abbrev: _Abbrev) -> None:
        self.abbrev = abbrev
        self.typed: dict[tuple, tuple] = {}  # (value, datatype, predicate) -> key, text
        self.iris: dict[str, str] = {}

    def iri(self, value: str) -> str:
        found = self.iris.get(value)
        if found is None:
            if len(self.iris) > _CACHE_MAX:
                self.iris.clear()
            found = self.iris[value] = self.abbrev(URIRef(value))
        return found

    def obj(self, o, p: str) -> tuple:
        if isinstance(o, ox.Literal):
            if o.language:
                v = o.value
                return 1, v, o.language, "", f'"{_escape_string(v)}"@{o.language}'
            dt = o.datatype.value
            if dt == XSD_STRING:
                v = o.value
                return 1, v, "", "", f'"{_escape_string(v)}"'
            key = (o.value, dt, p)
            found = self.typed.get(key)
            if found is None:  # as rdflib reads it back (lexical normalisation and all)
                from newsgraph.store import from_ox

                lit = from_ox(o, p)
                if len(self.typed) > _CACHE_MAX:
                    self.typed.clear()
                found = self.typed[key] = (1, str(lit), lit.language or "",
                                           str(lit.datatype or ""), literal(lit, self.abbrev))
            return found
        if isinstance(o, ox.BlankNode):
            return 0, o.value, "", "", f"_:{o.value}"
        v = o.value
        return 0, v, "", "", (self.iri(v) if p == RDF_TYPE else self._plain(v))

    def _plain(self, value: str) -> str:
        return self.abbrev(URIRef(value))

    def __call__(self, triples: Iterable) -> Iterator[tuple]:
        for t in triples:
            s, p = t.subject, t.predicate.value
            yield (s.value, isinstance(s, ox.BlankNode), p != RDF_TYPE, p,
                   *self.obj(t.object, p))


def _spill(records: list[tuple], folder: str) -> str:
    records.sort()
    fd, path = tempfile.mkstemp(suffix=".run", dir=folder)
    with os.fdopen(fd, "wb") as fh:
        for i in range(0, len(records), _SPILL_CHUNK):
            pickle.dump(records[i:i + _SPILL_CHUNK], fh, protocol=pickle.HIGHEST_PROTOCOL)
    records.clear()
    return path


def _read_run(path: str) -> Iterator[tuple]:
    with open(path, "rb") as fh:
        while True:
            try:
                yield from pickle.load(fh)
            except EOFError:
                return


def sorted_records(triples: Iterable, abbrev: _Abbrev, folder: str,
                   run_size: int = DEFAULT_RUN) -> Iterator[tuple]:
    """The records of ``triples`` in Turtle order, duplicates dropped."""
    runs: list[str] = []
    records: list[tuple] = []
    for rec in _Records(abbrev)(triples):
        records.append(rec)
        if len(records) >= run_size:
            runs.append(_spill(records, folder))
    records.sort()
    merged = heapq.merge(*(_read_run(r) for r in runs), iter(records)) if runs else records
    last = None
    for rec in merged:
        if rec[:8] != last:
            last = rec[:8]
            yield rec


def write_turtle(triples: Iterable, path: Path, *, prefixes: dict[str, str] | None = None,
                 run_size: int = DEFAULT_RUN) -> int:
    """Write ``triples`` (pyoxigraph triples or quads) as deterministic Turtle to ``path``,
    atomically; returns the number of triples written."""
    prefixes = PREFIXES if prefixes is None else prefixes
    abbrev = _Abbrev(prefixes)
    path = Path(path)
    count = 0
    preds: dict[str, str] = {}
    with atomic_writer(path, "w") as fh, \
            tempfile.TemporaryDirectory(prefix=".turtle-runs.", dir=path.parent) as runs:
        fh.write("\n".join([f"@prefix {k}: <{v}> ." for k, v in sorted(prefixes.items())]
                           + [""]))
        recs = sorted_records(triples, abbrev, runs, run_size)
        for (s, bnode), block in itertools.groupby(recs, key=lambda r: (r[0], r[1])):
            parts = []
            for (_rank, p), objs in itertools.groupby(block, key=lambda r: (r[2], r[3])):
                rendered = [r[8] for r in objs]
                count += len(rendered)
                pname = preds.get(p) or preds.setdefault(
                    p, "a" if p == RDF_TYPE else abbrev(URIRef(p)))
                parts.append(f"    {pname} " + " ,\n        ".join(rendered))
            subject = f"_:{s}" if bnode else abbrev(URIRef(s))
            fh.write("\n" + subject + "\n" + " ;\n".join(parts) + " .\n")
    return count

