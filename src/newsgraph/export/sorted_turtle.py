"""Sorted Turtle from N-Triples lines, in bounded memory: the blocks graph.ttl is made of.

Each N-Triples line becomes one record string whose order is the Turtle order (subjects
sorted, ``rdf:type`` first then predicates sorted, objects sorted, IRIs before literals);
consecutive records of one subject become one Turtle statement. :func:`block` sorts in
memory (a page's graph); :func:`write_block` in runs of ``run_size`` records spilled to
temporary files and merged, so a graph of any size is written with a run's worth of
memory. No RDF term object is built. :func:`newsgraph.export.turtle.turtle` (rdflib
triples in memory) goes through the same records.
"""

from __future__ import annotations

import heapq
import itertools
import os
import pickle
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox

from newsgraph.rdf.namespaces import NIF, PREFIXES
from newsgraph.rdf.terms import _unescape, escape_string, iri

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDF_TYPE_NT = f"<{RDF_TYPE}>"
_XSD = "http://www.w3.org/2001/XMLSchema#"
DEFAULT_RUN = 50_000  # records sorted in memory at once: the memory of a graph of any size
# records per pickled chunk of a spilled run: the merge holds a chunk of every run at once,
# so this times the runs (a graph's records / DEFAULT_RUN) is what the merge holds
SPILL_CHUNK = 1_000
_CACHE_MAX = 50_000
SEP = "\x00"  # between a record's fields: below every character a field holds

# Oxigraph stores derived integer types as xsd:integer (oxigraph/oxigraph#526); exports
# give back the datatypes the ontology declares for these properties.
DECLARED_DATATYPES = {str(NIF.beginIndex): _XSD + "nonNegativeInteger",
                      str(NIF.endIndex): _XSD + "nonNegativeInteger"}


_LOCAL = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")  # the local names written prefixed


class Abbrev:
    """IRI (its text) -> a prefixed name where the prefixes allow one, else ``<iri>``;
    cached, as most IRIs repeat."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.items = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.cache: dict[str, str] = {}
        # a local name holds neither / nor #: when every namespace ends in one, an IRI's
        # namespace is all of it up to its last / or #, looked up at once
        self.by_ns = {ns: prefix for prefix, ns in self.items} \
            if all(ns.endswith(("/", "#")) for ns in prefixes.values()) else None

    def __call__(self, text: str) -> str:
        found = self.cache.get(text)
        if found is None:
            if len(self.cache) > _CACHE_MAX:
                self.cache.clear()
            found = self.cache[text] = self._abbrev(text)
        return found

    def _abbrev(self, text: str) -> str:
        if self.by_ns is not None:
            cut = max(text.rfind("/"), text.rfind("#")) + 1
            prefix = self.by_ns.get(text[:cut])
            if prefix is not None and _LOCAL.fullmatch(text, cut):
                return f"{prefix}:{text[cut:]}"
            return iri(text)
        for prefix, ns in self.items:
            if text.startswith(ns):
                local = text[len(ns):]
                if local and all(c.isascii() and (c.isalnum() or c in "_-") for c in local) \
                        and local[0].isalpha():
                    return f"{prefix}:{local}"
        return iri(text)


def _node(term: str) -> tuple[str, str]:
    """(sort text, kind flag) of an N-Triples IRI or blank node."""
    if term.startswith("_:"):
        return term[2:], "1"
    return term[1:-1], "0"


def record(line: str, abbrev: Abbrev) -> str:
    """The record of one N-Triples line ``S P O .``: sort fields, then the rendered
    subject, predicate and object, all joined by :data:`SEP`."""
    s, p, o = line.rstrip("\n").split(" ", 2)
    o = o[:-2] if o.endswith(" .") else o
    s_text, s_kind = _node(s)
    p_text = p[1:-1]
    if o.startswith('"'):
        q = o.rindex('"')
        lexical, rest = o[1:q], o[q + 1:]
        value = _unescape(lexical) if "\\" in lexical else lexical
        lang = datatype = ""
        if rest.startswith("@"):
            lang = rest[1:]
        elif rest.startswith("^^"):
            datatype = rest[3:-1]
            if datatype == _XSD + "string":
                datatype = ""
            elif datatype == _XSD + "integer" and p_text in DECLARED_DATATYPES:
                datatype = DECLARED_DATATYPES[p_text]
        body = f'"{escape_string(value)}"' if "\\" in lexical or value != lexical \
            else f'"{lexical}"'
        rendered = (f"{body}@{lang}" if lang else
                    f"{body}^^{abbrev(datatype)}" if datatype else body)
        o_key = f"1{value}{SEP}{lang}{SEP}{datatype}"
    else:
        o_text, o_kind = _node(o)
        o_key = f"0{o_text}{SEP}{SEP}"
        rendered = f"_:{o_text}" if o_kind == "1" else abbrev(o_text)
    rank = "0" if p_text == RDF_TYPE else "1"
    subject = f"_:{s_text}" if s_kind == "1" else abbrev(s_text)
    pname = "a" if rank == "0" else abbrev(p_text)
    return SEP.join((s_text, s_kind, rank + p_text, o_key, subject, pname, rendered))


def _spill(records: list[str], folder: str) -> str:
    records.sort()
    fd, path = tempfile.mkstemp(suffix=".run", dir=folder)
    with os.fdopen(fd, "wb") as fh:
        for i in range(0, len(records), SPILL_CHUNK):
            pickle.dump(records[i:i + SPILL_CHUNK], fh, protocol=pickle.HIGHEST_PROTOCOL)
    records.clear()
    return path


def _read_run(path: str) -> Iterator[str]:
    with open(path, "rb") as fh:
        while True:
            try:
                yield from pickle.load(fh)
            except EOFError:
                return


def sorted_records(lines: Iterable[str], abbrev: Abbrev, folder: str,
                   run_size: int = DEFAULT_RUN) -> Iterator[list[str]]:
    """The records of N-Triples ``lines`` in Turtle order, duplicates dropped, each split
    into its fields."""
    runs: list[str] = []
    records: list[str] = []
    for line in lines:
        if line.strip():
            records.append(record(line, abbrev))
            if len(records) >= run_size:
                runs.append(_spill(records, folder))
    records.sort()
    merged = heapq.merge(*(_read_run(r) for r in runs), iter(records)) if runs else records
    last = None
    for rec in merged:
        if rec != last:
            last = rec
            yield rec.split(SEP)


def header(prefixes: dict[str, str] | None = None) -> str:
    """The ``@prefix`` lines that start a Turtle file."""
    prefixes = PREFIXES if prefixes is None else prefixes
    return "\n".join([f"@prefix {k}: <{v}> ." for k, v in sorted(prefixes.items())] + [""])


def _render(fh, recs: Iterable[list[str]]) -> int:
    count = 0
    for _s, block in itertools.groupby(recs, key=lambda r: (r[0], r[1])):
        parts = []
        subject = None
        for _p, objs in itertools.groupby(block, key=lambda r: r[2]):
            objs = list(objs)
            subject = objs[0][-3]
            count += len(objs)
            parts.append(f"    {objs[0][-2]} " + " ,\n        ".join(r[-1] for r in objs))
        fh.write("\n" + subject + "\n" + " ;\n".join(parts) + " .\n")
    return count


def write_records(fh, lines: Iterable[str], prefixes: dict[str, str], folder: str,
                  run_size: int = DEFAULT_RUN) -> int:
    """Write the Turtle of N-Triples ``lines`` to ``fh``; returns the triples written."""
    fh.write(header(prefixes))
    return _render(fh, sorted_records(lines, Abbrev(prefixes), folder, run_size))


def block(lines: Iterable[str], prefixes: dict[str, str] | None = None) -> str:
    """The Turtle statements of N-Triples ``lines`` (a page's graph), sorted, without the
    ``@prefix`` lines (:func:`header`): blocks of a file written with the same prefixes
    concatenate into one Turtle document."""
    import io
    import sys

    prefixes = PREFIXES if prefixes is None else prefixes
    out = io.StringIO()
    _render(out, sorted_records(lines, Abbrev(prefixes), "", sys.maxsize))
    return out.getvalue()


def _literal_key(term: str) -> tuple:
    q = term.rindex('"')
    lexical, rest = term[1:q], term[q + 1:]
    value = _unescape(lexical) if "\\" in lexical else lexical
    if rest.startswith("@"):
        return (1, value, rest[1:], "")
    return (1, value, "", rest[3:-1] if rest else "")


def _term_key(term: str) -> tuple:
    """Sort key of an N-Triples term this package wrote, as :func:`record` orders."""
    if term.startswith("<"):
        return (0, term[1:-1], "", "")
    if term.startswith("_:"):
        return (0, term[2:], "", "")
    return _literal_key(term)


_ABBREV = Abbrev(PREFIXES)
_RENDERED: dict[str, str] = {}  # N-Triples term -> its Turtle, with PREFIXES


def block_of_triples(triples: Iterable[tuple], prefixes: dict[str, str] | None = None) -> str:
    """:func:`block` of triples (or quads) of N-Triples terms that
    :mod:`newsgraph.rdf.terms` wrote (a page's graph, as assembled): the same bytes,
    without parsing lines."""
    abbrev = _ABBREV if prefixes is None else Abbrev(prefixes)
    rendered = _RENDERED if prefixes is None else {}
    if len(rendered) > _CACHE_MAX:
        rendered.clear()

    def render(term: str) -> str:
        if term.startswith("<"):
            found = abbrev(term[1:-1])
        elif term.startswith("_:"):
            found = term
        else:
            q = term.rindex('"')
            rest = term[q + 1:]
            found = term if not rest.startswith("^^") else \
                f"{term[:q + 1]}^^{abbrev(rest[3:-1])}"
        rendered[term] = found
        return found

    by_subject: dict[str, dict[str, set[str]]] = {}
    get = by_subject.get
    for t in triples:
        s, p, o = t[0], t[1], t[2]
        preds = get(s)
        if preds is None:
            by_subject[s] = {p: {o}}
        else:
            objs = preds.get(p)
            if objs is None:
                preds[p] = {o}
            else:
                objs.add(o)
    out = []
    look = rendered.get
    for s in sorted(by_subject, key=_subject_order):
        preds = by_subject[s]
        parts = []
        for p in (sorted(preds, key=_predicate_order) if len(preds) > 1 else preds):
            objs = preds[p]
            if len(objs) > 1:
                objs = sorted(objs, key=_term_key)
                text = " ,\n        ".join([look(o) or render(o) for o in objs])
            else:
                (o,) = objs
                text = look(o) or render(o)
            parts.append(f"    {'a' if p == _RDF_TYPE_NT else look(p) or render(p)} {text}")
        out.append(f"\n{look(s) or render(s)}\n" + " ;\n".join(parts) + " .\n")
    return "".join(out)


def _subject_order(t: str) -> tuple[str, str]:
    return (t[2:], "1") if t.startswith("_:") else (t[1:-1], "0")


def _predicate_order(t: str) -> tuple[bool, str]:
    return t != _RDF_TYPE_NT, t[1:-1]


def graph_lines(store: ox.Store, graph: ox.NamedNode | ox.DefaultGraph,
                folder: str) -> Iterator[str]:
    """One graph of the store as N-Triples lines, dumped by the store (in Rust) into a
    temporary file in ``folder``, then read line by line."""
    fd, path = tempfile.mkstemp(suffix=".nt", dir=folder)
    os.close(fd)
    try:
        store.dump(output=path, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        with open(path, encoding="utf-8") as fh:
            yield from fh
    finally:
        os.unlink(path)


def write_block(fh, lines: Iterable[str], folder: str, *,
                prefixes: dict[str, str] | None = None, run_size: int = DEFAULT_RUN) -> int:
    """:func:`block` written to ``fh`` through the external sort (runs spilled into
    ``folder``), for a graph of any size; returns the triples written."""
    prefixes = PREFIXES if prefixes is None else prefixes
    return _render(fh, sorted_records(lines, Abbrev(prefixes), folder, run_size))


def subject_key(rendered: str, prefixes: dict[str, str] | None = None) -> tuple[str, str]:
    """The sort key of a statement of a block from its rendered subject (``<iri>``,
    ``_:label`` or a prefixed name), as :func:`record` and :func:`block_of_triples` sort."""
    if rendered.startswith("<"):
        return rendered[1:-1], "0"
    if rendered.startswith("_:"):
        return rendered[2:], "1"
    prefix, _, local = rendered.partition(":")
    return (PREFIXES if prefixes is None else prefixes)[prefix] + local, "0"


def statements(lines: Iterable[str],
               prefixes: dict[str, str] | None = None) -> Iterator[tuple[tuple[str, str], str]]:
    """The statements of a block (its lines, as :func:`block` writes them): (sort key of
    the subject, the statement's text with the blank line before it)."""
    key, parts = None, []
    for line in lines:
        if line == "\n":
            continue
        if line.startswith(" "):
            parts.append(line)
            continue
        if key is not None:
            yield key, "".join(parts)
        key, parts = subject_key(line.rstrip("\n"), prefixes), ["\n", line]
    if key is not None:
        yield key, "".join(parts)


def patch_block_file(out, old: str | os.PathLike, keys: Iterable[str], prefix: str,
                     new: str, prefixes: dict[str, str] | None = None) -> None:
    """The block in the file ``old`` with the statements whose subject's key is one of
    ``keys`` or starts with ``prefix`` left out and the statements of block ``new`` merged
    in, written to the binary file ``out``: the bytes :func:`block` gives of the graph so
    changed. The block's statements are sorted by that key, so
    the ones left out and the places of the new ones are found by bisecting the file, and
    the statements kept are copied a run at a time (:func:`newsgraph.fsutil.append_file`):
    time and memory go with what changes, not with the block (a corpus graph of 20,000
    pages has 410,000 statements, and an add touches a few hundred)."""
    import mmap

    from newsgraph.fsutil import append_file

    added = list(statements(new.splitlines(keepends=True), prefixes))
    with open(old, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        try:
            blk = _SortedBlock(mm, size, prefixes)
            gone = [(blk.first(lambda k, key=key: k[0] >= key),
                     blk.first(lambda k, key=key: k[0] > key)) for key in sorted(set(keys))]
            gone.append((blk.first(lambda k: k[0] >= prefix),
                         blk.first(lambda k: k[0] > prefix and not k[0].startswith(prefix))))
            # after the statements kept of an equal key, as a merge of the two would put them
            at = [blk.first(lambda k, key=key: k > key) for key, _text in added]
        finally:
            if size:
                mm.close()
    kept, x = [], 0  # the complement of the statements left out
    for a, b in sorted(gone):
        if a > x:
            kept.append((x, a))
        x = max(x, b)
    if x < size:
        kept.append((x, size))

    def copy(a: int, b: int) -> None:
        if b > a:
            append_file(old, out, a, b - a)

    i = 0
    for x, y in kept:
        while i < len(added) and at[i] < y:  # a new statement among these
            p = max(at[i], x)
            copy(x, p)
            x = p
            out.write(added[i][1].encode("utf-8"))
            i += 1
        copy(x, y)
    for _key, text in added[i:]:
        out.write(text.encode("utf-8"))


class _SortedBlock:
    """The statements of a block's bytes (each a blank line, its subject's line and its
    predicates' lines: :func:`statements`), found by their subject's sort key."""

    def __init__(self, data, size: int, prefixes: dict[str, str] | None) -> None:
        self.data, self.size, self.prefixes = data, size, prefixes

    def start_from(self, pos: int) -> int:
        """The first statement starting at ``pos`` or after (the size at the end)."""
        if pos <= 0:
            return 0
        found = self.data.find(b"\n\n", pos - 1)
        return self.size if found < 0 else found + 1

    def key(self, start: int) -> tuple[str, str]:
        end = self.data.find(b"\n", start + 1)
        return subject_key(bytes(self.data[start + 1:end]).decode("utf-8"), self.prefixes)

    def first(self, test: Callable[[tuple[str, str]], bool]) -> int:
        """Where the first statement whose key ``test`` accepts starts (the size if none),
        ``test`` being false then true along the block."""
        lo, hi = 0, self.size  # every statement before lo fails; hi passes or is the end
        while lo < hi:
            mid = self.start_from((lo + hi) // 2)
            if mid >= hi:  # no statement starts in the upper half: try lo itself
                if test(self.key(lo)):
                    return lo
                lo = self.start_from(lo + 1)
            elif test(self.key(mid)):
                hi = mid
            else:
                lo = self.start_from(mid + 1)
        return hi
