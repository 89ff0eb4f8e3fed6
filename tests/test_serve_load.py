"""`newsgraph serve` under load, as a real process on localhost: 50 concurrent clients,
no error and no lost answer; a runaway query is stopped without stalling the others."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest

CLIENTS = 50
QUERIES_PER_CLIENT = 6
QUERIES = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?a a schema:NewsArticle }",
    "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }",
    "SELECT ?name WHERE { ?p a ng:Official ; schema:name ?name } ORDER BY ?name",
    "SELECT ?h WHERE { ?a schema:headline ?h } ORDER BY ?h LIMIT 5",
    "ASK { ?p schema:name \"张强\"@zh }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?e a ng:Project }",
]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask(url: str, query: str, timeout: float = 60) -> tuple[int, bytes]:
    req = Request(f"{url}?{urlencode({'query': query})}",
                  headers={"Accept": "application/sparql-results+json"})
    try:
        with urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except HTTPError as exc:
        return exc.code, exc.read()


def _answer(body: bytes):
    data = json.loads(body)
    return data.get("boolean", data.get("results", {}).get("bindings"))


@pytest.fixture(scope="module")
def endpoint(sample_build):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "-o",
                             str(sample_build), "--port", str(port), "--timeout", "2",
                             "--workers", "2"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/sparql"
    deadline = time.monotonic() + 60
    while True:
        try:
            if _ask(url, "ASK {}", timeout=5)[0] == 200:
                break
        except (URLError, ConnectionError, OSError):
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail(f"serve did not start: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_serve_load_fifty_clients_no_error_no_lost_answer(endpoint):
    expected = {}
    for q in QUERIES:
        status, body = _ask(endpoint, q)
        assert status == 200, body[:500]
        expected[q] = _answer(body)

    def client(i: int) -> list[tuple[str, int, object]]:
        out = []
        for k in range(QUERIES_PER_CLIENT):
            q = QUERIES[(i + k) % len(QUERIES)]
            status, body = _ask(endpoint, q)
            out.append((q, status, _answer(body) if status == 200 else body[:200]))
        return out

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = [r for rows in pool.map(client, range(CLIENTS)) for r in rows]
    assert len(results) == CLIENTS * QUERIES_PER_CLIENT
    errors = [(q, s, a) for q, s, a in results if s != 200]
    assert not errors, errors[:3]
    assert all(a == expected[q] for q, _, a in results)


def test_serve_load_runaway_is_stopped_without_stalling_others(endpoint):
    with ThreadPoolExecutor(4) as pool:
        started = time.monotonic()
        runaway = pool.submit(_ask, endpoint, RUNAWAY)
        time.sleep(0.3)
        quick = [pool.submit(_ask, endpoint, QUERIES[0]) for _ in range(5)]
        quick_done = [f.result() for f in quick]
        quick_time = time.monotonic() - started
        status, body = runaway.result()
        runaway_time = time.monotonic() - started
    assert all(s == 200 for s, _ in quick_done)
    assert quick_time < 10
    assert status == 503 and b"time limit" in body
    assert runaway_time < 20


def test_serve_load_updates_are_refused(endpoint):
    data = urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
    req = Request(endpoint, data=data,
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(HTTPError) as err:
        urlopen(req, timeout=30)
    assert err.value.code == 403
    status, body = _ask(endpoint, "ASK { <urn:a> <urn:b> <urn:c> }")
    assert status == 200 and _answer(body) is False
