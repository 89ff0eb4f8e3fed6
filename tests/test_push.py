"""`newsgraph push` into a real `oxigraph serve` (the `oxigraph` package) on localhost,
through the SPARQL 1.1 Graph Store Protocol. Skipped on a machine without the oxigraph
binary, except under CI (CI=true), where a missing binary fails the test."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest

from newsgraph.cli import main
from newsgraph.rdf import Minter
from newsgraph.store import named_quad_count, open_store

PAGES = Path(__file__).parent / "data" / "pages"


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph(tmp_path: Path):
    binary = oxigraph_binary()
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but the oxigraph binary is missing: pip install oxigraph")
        pytest.skip("no oxigraph binary (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "remote"),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urlopen(f"{base}/query?" + urlencode({"query": "ASK {}"}), timeout=2):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()}")
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(10)


def remote(base: str, query: str) -> list[dict]:
    req = Request(f"{base}/query", data=urlencode({"query": query}).encode(),
                  headers={"Accept": "application/sparql-results+json"})
    with urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())["results"]["bindings"]


COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def test_push_loads_every_page_graph_and_is_idempotent(tmp_path: Path, oxigraph: str) -> None:
    out = tmp_path / "out"
    a, b = str(PAGES / "fixture-a.txt"), str(PAGES / "fixture-b.txt")
    assert main(["build", "-q", "-o", str(out), a, "--date", "2023-03-01"]) == 0
    assert main(["add", "-q", "-o", str(out), b, "--date", "2023-05-10"]) == 0
    endpoint = f"{oxigraph}/store"
    assert main(["push", "-q", "-o", str(out), "--endpoint", endpoint]) == 0

    local = open_store(out)
    expected = {g.value: sum(1 for _ in local.quads_for_pattern(None, None, None, g))
                for g in local.named_graphs()}
    total = named_quad_count(local)
    del local
    m = Minter()
    assert set(expected) == {str(m.graph("fixture-a")), str(m.graph("fixture-b")),
                             str(m.graph("corpus"))}
    got = {r["g"]["value"]: int(r["n"]["value"]) for r in remote(oxigraph, COUNTS)}
    assert got == expected and sum(got.values()) == total

    # pushing again replaces, never duplicates; a re-added page replaces its graph remotely
    assert main(["push", "-q", "-o", str(out), "--endpoint", endpoint]) == 0
    assert {r["g"]["value"]: int(r["n"]["value"]) for r in remote(oxigraph, COUNTS)} == got
    names = remote(oxigraph, "SELECT DISTINCT ?n WHERE { GRAPH ?g { ?p a "
                   "<https://w3id.org/newsgraph/ontology#Official> ; <http://schema.org/name> "
                   "?n } } ORDER BY ?n")
    assert [r["n"]["value"] for r in names] == ["张强", "王刚"]


def test_push_deletes_the_graphs_it_pushed_before_that_the_corpus_lost(
        tmp_path: Path, oxigraph: str, capsys) -> None:
    """A new build without a page, pushed: its graph goes from the remote store too; a
    graph someone else put there stays."""
    out = tmp_path / "out"
    a, b = str(PAGES / "fixture-a.txt"), str(PAGES / "fixture-b.txt")
    endpoint = f"{oxigraph}/store"
    foreign = "http://example.org/theirs"
    with urlopen(Request(f"{endpoint}?graph={foreign}", method="PUT",
                         data=b"<http://example.org/s> <http://example.org/p> \"1\" .\n",
                         headers={"Content-Type": "application/n-triples"}), timeout=30):
        pass
    assert main(["build", "-q", "-o", str(out), a, b, "--date", "2023-03-01"]) == 0
    assert main(["push", "-q", "-o", str(out), "--endpoint", endpoint]) == 0
    m = Minter()
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    assert [r["g"]["value"] for r in remote(oxigraph, graphs)] == sorted(
        [foreign, str(m.graph("corpus")), str(m.graph("fixture-a")), str(m.graph("fixture-b"))])
    assert main(["build", "-q", "-o", str(out), a, "--date", "2023-03-01"]) == 0
    assert main(["push", "-o", str(out), "--endpoint", endpoint]) == 0
    assert "deleted 1 graphs pushed before" in capsys.readouterr().err
    assert [r["g"]["value"] for r in remote(oxigraph, graphs)] == sorted(
        [foreign, str(m.graph("corpus")), str(m.graph("fixture-a"))])
    record = json.loads((out / "pushed.json").read_text(encoding="utf-8"))
    assert record == {endpoint: [str(m.graph("corpus")), str(m.graph("fixture-a"))]}
    # the remote graph deleted by hand meanwhile, and the record says it was pushed: fine
    record[endpoint].append(str(m.graph("fixture-b")))
    (out / "pushed.json").write_text(json.dumps(record), encoding="utf-8")
    assert main(["push", "-q", "-o", str(out), "--endpoint", endpoint]) == 0
    # a record that is not one is named, and nothing is pushed
    (out / "pushed.json").write_text("[", encoding="utf-8")
    assert main(["push", "-q", "-o", str(out), "--endpoint", endpoint]) == 2
    assert "pushed.json: not a record of pushed graphs" in capsys.readouterr().err


def test_push_reports_an_unreachable_endpoint(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["build", "-q", "-o", str(out), str(PAGES / "fixture-a.txt"),
                 "--date", "2023-03-01"]) == 0
    port = free_port()
    assert main(["push", "-q", "-o", str(out), "--endpoint",
                 f"http://127.0.0.1:{port}/store", "--timeout", "5"]) == 1
    assert "cannot reach" in capsys.readouterr().err
    assert main(["push", "-o", str(out), "--endpoint", "ftp://x/store"]) == 2
