"""`newsgraph serve`: the SPARQL 1.1 Protocol over real HTTP, with real clients (urllib
and rdflib's SPARQLStore), content negotiation, the read-only rule and both limits."""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest

from newsgraph.cli import main
from newsgraph.sparql.server import Limits, SparqlServer
from newsgraph.store import store_path

PAGES = Path(__file__).parent / "data" / "pages"
OFFICIALS = "SELECT ?name WHERE { ?p a ng:Official ; schema:name ?name } ORDER BY ?name"
# a cross product of the whole store, three times over: runs far past any time limit
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    assert main(["build", "-q", "-o", str(out), str(PAGES / "fixture-a.txt"),
                 str(PAGES / "fixture-b.txt"), "--date", "2023-05-10"]) == 0
    return out


@pytest.fixture(scope="module")
def server(corpus: Path):
    srv = SparqlServer(store_path(corpus), "127.0.0.1", 0,
                       Limits(timeout=1.5, max_rows=50, workers=2))
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def fetch(url: str, *, data: bytes | None = None, headers: dict | None = None,
          method: str | None = None) -> tuple[int, str, bytes]:
    req = Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def get(server, query: str, accept: str | None = None, **params) -> tuple[int, str, bytes]:
    qs = urlencode({"query": query, **params})
    return fetch(f"{server.url}?{qs}", headers={"Accept": accept} if accept else {})


def test_binds_to_localhost_by_default() -> None:
    from newsgraph.cli import parser

    args = parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 7878)


def test_get_json_by_default(server) -> None:
    status, ctype, body = get(server, OFFICIALS)
    assert status == 200 and ctype.startswith("application/sparql-results+json")
    names = [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert names == ["张强", "王刚"]


@pytest.mark.parametrize("accept,media,check", [
    ("application/sparql-results+xml", "application/sparql-results+xml", "<literal xml:lang"),
    ("text/csv", "text/csv", "name\r\n张强\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", '?name\n"张强"@zh\n'),
    ("text/html, application/xhtml+xml;q=0.9, */*;q=0.8", "application/sparql-results+json",
     '"vars": ["name"]'),
])
def test_content_negotiation(server, accept, media, check) -> None:
    status, ctype, body = get(server, OFFICIALS, accept)
    assert status == 200 and ctype.startswith(media)
    assert check in body.decode("utf-8")


def test_format_parameter_overrides_accept(server) -> None:
    status, ctype, _ = get(server, OFFICIALS, "application/sparql-results+json", format="csv")
    assert status == 200 and ctype.startswith("text/csv")


def test_post_form_and_direct(server) -> None:
    status, _, body = fetch(server.url, data=urlencode({"query": OFFICIALS}).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and "张强" in body.decode()
    status, _, body = fetch(server.url, data=OFFICIALS.encode(),
                            headers={"Content-Type": "application/sparql-query",
                                     "Accept": "text/csv"})
    assert status == 200 and body.decode().startswith("name\r\n")


def test_construct_as_turtle_and_ask(server) -> None:
    import rdflib

    status, ctype, body = get(server, "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a ng:Official "
                              "; schema:name ?n }")
    assert status == 200 and ctype.startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=body.decode(), format="turtle")) == 2
    status, _, body = get(server, "ASK { ?p a ng:Official }")
    assert json.loads(body) == {"head": {}, "boolean": True}
    status, _, _ = get(server, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/csv")
    assert status == 406


def test_updates_are_refused(server, corpus) -> None:
    before = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")[2]
    status, _, body = fetch(server.url, data=urlencode({"update": "DROP ALL"}).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and b"read-only" in body
    status, _, _ = fetch(server.url, data=b"DROP ALL",
                         headers={"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = get(server, "ASK {}", update="DROP ALL")
    assert status == 403
    status, _, _ = get(server, "DELETE WHERE { ?s ?p ?o }")  # an update sent as a query
    assert status == 400
    assert get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")[2] == before


def test_bad_requests(server) -> None:
    assert get(server, "SELECT WHERE {")[0] == 400
    assert fetch(server.url.replace("/sparql", "/nothing"))[0] == 404
    status, ctype, body = fetch(server.url.replace("/sparql", "/"))
    assert status == 200 and ctype.startswith("text/html") and b"<textarea" in body


def test_result_size_limit(server) -> None:
    status, _, body = get(server, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and b"50 rows" in body
    assert get(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 50")[0] == 200


def test_time_limit_stops_a_runaway_without_stalling_others(server) -> None:
    with ThreadPoolExecutor(2) as pool:
        started = time.monotonic()
        runaway = pool.submit(get, server, RUNAWAY)
        time.sleep(0.2)
        quick = pool.submit(get, server, OFFICIALS)
        assert quick.result()[0] == 200
        assert time.monotonic() - started < 1.5  # answered while the runaway still ran
        status, _, body = runaway.result()
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - started < 10
    assert get(server, OFFICIALS)[0] == 200  # the killed worker was replaced


def test_rdflib_sparql_store_as_a_client(server) -> None:
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(server.url, returnFormat="json"))
    rows = list(g.query("PREFIX schema: <http://schema.org/> PREFIX ng: "
                        "<https://w3id.org/newsgraph/ontology#> " + OFFICIALS))
    assert [str(r[0]) for r in rows] == ["张强", "王刚"]
    xml = Graph(store=SPARQLStore(server.url, returnFormat="xml", method="POST"))
    assert bool(xml.query("ASK { ?s ?p ?o }").askAnswer)
