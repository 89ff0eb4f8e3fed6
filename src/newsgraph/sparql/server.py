"""A read-only SPARQL 1.1 Protocol endpoint over the store: ``/sparql``, plus a query page.

Queries run in a small pool of worker processes, each with the store open read-only.
A query that runs past the time limit has its worker killed (and replaced), so a
runaway query never stalls the other clients; results past ``max_rows`` are refused.
Updates are refused: the endpoint only reads. Standard library only (http.server).
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from newsgraph.sparql import formats, page

MAX_QUERY_BYTES = 1 << 20


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run
    max_rows: int = 10_000  # solutions or triples a result may have
    workers: int = 2


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


def _worker(conn, store_path: str, max_rows: int) -> None:
    """Worker process: answer (query, accept, fmt, default, named) messages until EOF."""
    import pyoxigraph as ox

    store = ox.Store.read_only(store_path)
    while True:
        try:
            query, accept, fmt, default, named = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        try:
            answer = _answer(store, query, accept, fmt, default, named, max_rows)
        except Exception as exc:  # noqa: BLE001 - reported to the client, worker lives on
            answer = _text(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}")
        conn.send(answer)


def _answer(store, query, accept, fmt, default, named, max_rows) -> Answer:
    try:
        result = formats.run(store, query, max_rows=max_rows, default_graph=default,
                             named_graphs=named)
    except formats.TooLarge as exc:
        return _text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(exc))
    except formats.QueryError as exc:
        return _text(HTTPStatus.BAD_REQUEST, str(exc))
    offered = formats.GRAPH_TYPES if result.kind == "graph" else formats.SOLUTION_TYPES
    chosen = fmt if fmt in offered else formats.negotiate(accept, result.kind)
    if chosen is None:
        return _text(HTTPStatus.NOT_ACCEPTABLE,
                     "none of the accepted media types can carry this result; offered: "
                     + ", ".join(v.split(";")[0] for v in offered.values()))
    body = formats.write(result, chosen).encode("utf-8")
    return Answer(HTTPStatus.OK, formats.media_type(chosen), body)


class QueryPool:
    """Worker processes that run queries with a deadline."""

    def __init__(self, store_path: Path, limits: Limits) -> None:
        self.path, self.limits = str(store_path), limits
        self.ctx = mp.get_context("spawn")
        self.idle: queue.Queue = queue.Queue()
        self.lock = threading.Lock()
        self.procs: list = []
        for _ in range(max(1, limits.workers)):
            self.idle.put(self._start())

    def _start(self):
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker, args=(child, self.path, self.limits.max_rows),
                                daemon=True)
        proc.start()
        child.close()
        with self.lock:
            self.procs.append(proc)
        return proc, parent

    def _retire(self, proc, conn) -> None:
        proc.kill()
        proc.join(5)
        conn.close()
        with self.lock:
            if proc in self.procs:
                self.procs.remove(proc)

    def run(self, query: str, *, accept: str | None = None, fmt: str | None = None,
            default_graph: list[str] | None = None,
            named_graphs: list[str] | None = None) -> Answer:
        t = self.limits.timeout
        try:
            proc, conn = self.idle.get(timeout=t)
        except queue.Empty:
            return _text(HTTPStatus.SERVICE_UNAVAILABLE, "all query workers are busy; retry")
        try:
            conn.send((query, accept, fmt, default_graph, named_graphs))
            if conn.poll(t):
                answer = conn.recv()
                self.idle.put((proc, conn))
                return answer
            message = f"the query ran longer than the time limit ({t:g} s) and was stopped"
            status = HTTPStatus.SERVICE_UNAVAILABLE
        except (EOFError, OSError, BrokenPipeError):
            message, status = "the query worker failed", HTTPStatus.INTERNAL_SERVER_ERROR
        self._retire(proc, conn)
        self.idle.put(self._start())
        return _text(status, message)

    def close(self) -> None:
        with self.lock:
            procs = list(self.procs)
        for proc in procs:
            proc.kill()
            proc.join(5)


class Handler(BaseHTTPRequestHandler):
    server_version = "newsgraph-sparql"
    pool: QueryPool  # set on the subclass the server makes

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if getattr(self.server, "verbose", False):
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _send(self, answer: Answer, *, head: bool = False) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Vary", "Accept")
        self.send_header("X-Content-Type-Options", "nosniff")
        if answer.content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", page.CSP)
        self.end_headers()
        if not head:
            self.wfile.write(answer.body)

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html") or (url.path == "/sparql" and not params):
            return self._send(Answer(200, "text/html; charset=utf-8", page.page()))
        if url.path != "/sparql":
            return self._send(_text(HTTPStatus.NOT_FOUND, f"no such path {url.path}; "
                                    "the endpoint is /sparql"))
        return self._query(params)

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(_text(HTTPStatus.NOT_FOUND, "the endpoint is /sparql"))
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            return self._send(_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "query too long"))
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._refuse_update()
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype in ("application/x-www-form-urlencoded", ""):
            for k, v in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            return self._send(_text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                    f"unsupported Content-Type {ctype}"))
        return self._query(params)

    def _refuse_update(self) -> None:
        return self._send(_text(HTTPStatus.FORBIDDEN,
                                "this endpoint is read-only: SPARQL updates are refused"))

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._refuse_update()
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(_text(HTTPStatus.BAD_REQUEST, "give exactly one 'query'"))
        fmt = (params.get("format") or [None])[0]
        answer = self.pool.run(queries[0], accept=self.headers.get("Accept"), fmt=fmt,
                               default_graph=params.get("default-graph-uri"),
                               named_graphs=params.get("named-graph-uri"))
        self._send(answer)


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, store_path: Path, host: str = "127.0.0.1", port: int = 7878,
                 limits: Limits | None = None, verbose: bool = False) -> None:
        self.pool = QueryPool(store_path, limits or Limits())
        self.verbose = verbose
        handler = type("BoundHandler", (Handler,), {"pool": self.pool})
        try:
            super().__init__((host, port), handler)
        except OSError:
            self.pool.close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()

