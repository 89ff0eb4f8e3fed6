"""Running a SPARQL query on the store and writing its results.

SELECT results as SPARQL 1.1 JSON, XML, CSV or TSV (the W3C result formats) or as an
aligned text table for people; ASK as a boolean in the same formats; CONSTRUCT and DESCRIBE
as Turtle or N-Triples. Results are cut at ``max_rows``: past it :class:`TooLarge` is
raised, never a silently truncated answer.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from newsgraph.rdf.namespaces import DEFAULT_BASE, PREFIXES

# the prefixes every query may use without declaring them
QUERY_PREFIXES = {**PREFIXES, "id": DEFAULT_BASE}

SOLUTION_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
}
GRAPH_TYPES = {"turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples"}
# media types a client may ask for -> format name
ACCEPTED = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "table",
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
}


class QueryError(ValueError):
    """The query does not parse or cannot run."""


def parse_binding(text: str) -> tuple[str, object]:
    """``name=张强`` -> ("name", "张强"@zh); ``p=<http://…>`` -> an IRI; ``d="…"^^<…>`` ->
    that literal (N-Triples syntax)."""
    from newsgraph.errors import UsageError

    var, sep, value = text.partition("=")
    if not sep or not var.strip():
        raise UsageError(f"--bind {text!r}: write VAR=VALUE")
    var, value = var.strip().lstrip("?$"), value.strip()
    if value.startswith("<") and value.endswith(">"):
        return var, ox.NamedNode(value[1:-1])
    if value.startswith('"'):
        try:
            parsed = ox.parse(f"<urn:x:s> <urn:x:p> {value} .".encode(),
                              format=ox.RdfFormat.N_TRIPLES)
            return var, next(iter(parsed)).object
        except (SyntaxError, ValueError, StopIteration) as exc:
            raise UsageError(f"--bind {text!r}: not an N-Triples literal") from exc
    return var, ox.Literal(value, language="zh")


def declared_params(query: str) -> dict[str, object]:
    """The example bindings a named query declares in a ``# params: VAR=VALUE …`` line."""
    for line in query.splitlines():
        if line.startswith("# params:"):
            words = line[len("# params:"):].split("(")[0].split()
            return dict(parse_binding(w) for w in words)
    return {}


class TooLarge(ValueError):
    """The result has more rows (or triples) than allowed."""


@dataclass
class Result:
    kind: str  # "solutions", "boolean" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # solutions: terms or None; graph: triples
    boolean: bool = False


def run(store: ox.Store, query: str, *, max_rows: int | None = None,
        substitutions: dict | None = None, default_graph=None, named_graphs=None) -> Result:
    """Run ``query``. Its default graph is the store's, the union of all page graphs as a
    set (see :mod:`newsgraph.store`), unless ``default_graph`` names graphs."""
    options: dict = {"prefixes": QUERY_PREFIXES}
    if default_graph:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if substitutions:
        options["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
    try:
        answer = store.query(query, **options)
        if isinstance(answer, ox.QueryBoolean):
            return Result("boolean", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            return Result("solutions", names, _take(
                (tuple(sol[i] for i in range(len(names))) for sol in answer), max_rows))
        return Result("graph", rows=_take(((t.subject, t.predicate, t.object) for t in answer),
                                          max_rows))
    except SyntaxError as exc:
        raise QueryError(f"query syntax error: {exc}") from exc
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        if isinstance(exc, TooLarge):
            raise
        raise QueryError(str(exc)) from exc


def _take(items, limit: int | None) -> list:
    out = []
    for item in items:
        if limit is not None and len(out) >= limit:
            raise TooLarge(f"the result has more than {limit} rows; add a LIMIT to the query "
                           "or raise the limit")
        out.append(item)
    return out


# content negotiation -------------------------------------------------------------------
def negotiate(accept: str | None, kind: str) -> str | None:
    """The format to answer ``kind`` in, from an Accept header; None if none is acceptable."""
    offered = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    default = "turtle" if kind == "graph" else "json"
    ranges = []
    for i, part in enumerate((accept or "*/*").split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((-q, i, media.lower()))
    for neg_q, _, media in sorted(ranges):
        if neg_q == 0:
            break
        if media in ("*/*", "application/*" if kind != "graph" else "text/*"):
            return default
        fmt = ACCEPTED.get(media)
        if fmt in offered:
            return fmt
    return None


def media_type(fmt: str) -> str:
    return SOLUTION_TYPES.get(fmt) or GRAPH_TYPES[fmt]


# writers --------------------------------------------------------------------------------
def write(result: Result, fmt: str) -> str:
    """``result`` in format ``fmt`` (json, xml, csv, tsv, table; turtle, ntriples)."""
    if result.kind == "graph":
        triples = [ox.Triple(*t) for t in result.rows]
        if fmt == "ntriples":
            return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE,  # entity IRIs stay whole
                            prefixes=PREFIXES).decode("utf-8")
    return {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv, "table": _table}[fmt](result)


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": str(t)}


def _json(r: Result) -> str:
    if r.kind == "boolean":
        return json.dumps({"head": {}, "boolean": r.boolean}) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(r.variables, row, strict=True)
                 if t is not None} for row in r.rows]
    return json.dumps({"head": {"vars": r.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False) + "\n"


def _xml(r: Result) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in r.variables]
    out.append("</head>")
    if r.kind == "boolean":
        out.append(f"<boolean>{'true' if r.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in r.rows:
            out.append("<result>")
            for v, t in zip(r.variables, row, strict=True):
                if t is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
    if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
    return f"<literal>{escape(t.value)}</literal>"


def _plain(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value if hasattr(t, "value") else str(t)


def _csv(r: Result) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.kind == "boolean":
        w.writerows([["boolean"], ["true" if r.boolean else "false"]])
    else:
        w.writerow(r.variables)
        w.writerows([_plain(t) for t in row] for row in r.rows)
    return buf.getvalue()


def _tsv(r: Result) -> str:
    if r.kind == "boolean":
        return f"?boolean\n{'true' if r.boolean else 'false'}\n"
    lines = ["\t".join(f"?{v}" for v in r.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in r.rows]
    return "\n".join(lines) + "\n"


def _short(t) -> str:
    """A term for people: IRIs with a known prefix shortened, literals as their text."""
    if isinstance(t, ox.NamedNode):
        for prefix, ns in sorted(QUERY_PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if t.value.startswith(ns):
                from urllib.parse import unquote

                return f"{prefix}:{unquote(t.value[len(ns):])}"
        return f"<{t.value}>"
    return _plain(t).replace("\n", " ")


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(r: Result, max_cell: int = 60) -> str:
    if r.kind == "boolean":
        return ("yes" if r.boolean else "no") + "\n"
    cells = [[_cut(_short(t), max_cell) for t in row] for row in r.rows]
    widths = [max([width(v)] + [width(row[i]) for row in cells])
              for i, v in enumerate(r.variables)]

    def line(values):
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths, strict=True))

    out = [line(r.variables), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(x.rstrip() for x in out) + "\n"


def _cut(text: str, limit: int) -> str:
    if width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        used += width(ch)
        if used > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def plain_rows(result: Result) -> list[list[str]]:
    """Solutions as rows of plain strings (IRIs whole, literals as their text, unbound as
    ""): what tests and scripts compare."""
    if result.kind == "boolean":
        return [["true" if result.boolean else "false"]]
    return [[_plain(t) for t in row] for row in result.rows]
