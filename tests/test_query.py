"""`newsgraph query` and the named queries of queries/, on the sample corpus.

The expected rows of each named query live in tests/data/expected/<query>.json. They follow
the extractors: when those change, regenerate and review the diff with
    python tests/data/expected/regenerate.py
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from newsgraph.cli import main
from newsgraph.sparql import formats
from newsgraph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
EXPECTED = ROOT / "tests" / "data" / "expected"
PAGES = ROOT / "tests" / "data" / "pages"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    assert main(["build", "-q", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def fixture_corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixture")
    assert main(["build", "-q", "-o", str(out), str(PAGES / "fixture-a.txt"),
                 "--date", "2023-03-01"]) == 0
    assert main(["add", "-q", "-o", str(out), str(PAGES / "fixture-b.txt"),
                 "--date", "2023-05-10"]) == 0
    return out


def test_at_least_ten_named_queries_each_documented() -> None:
    assert len(QUERIES) >= 10
    doc = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    for q in QUERIES:
        assert f"queries/{q.name}" in doc, f"{q.name} is not documented in docs/queries.md"
        assert q.read_text(encoding="utf-8").startswith("#"), f"{q.name}: no comment"


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_named_query_gives_its_expected_rows(sample: Path, query: Path) -> None:
    sys.path.insert(0, str(EXPECTED))
    try:
        from regenerate import expected_rows
    finally:
        sys.path.pop(0)
    expected = json.loads((EXPECTED / f"{query.stem}.json").read_text(encoding="utf-8"))
    assert expected_rows(open_store(sample), query) == expected, (
        f"{query.name} changed; if the extractors did, regenerate with "
        "python tests/data/expected/regenerate.py and review the diff")


def test_robust_sample_facts(sample: Path) -> None:
    """Facts that hold whatever the extractors' details: 张强 on all five pages, and his
    post as 市长 spanning the first and last sample dates that attest it."""
    store = open_store(sample)
    rows = formats.plain_rows(formats.run(store, (ROOT / "queries" /
                                                  "entities-across-pages.rq").read_text()))
    zq = [r for r in rows if r[1] == "张强"]
    assert len(zq) == 1 and zq[0][2] == "5"
    posts = formats.plain_rows(formats.run(store, (ROOT / "queries" /
                                                   "officials-posts.rq").read_text()))
    mayor = [r for r in posts if r[0] == "张强" and r[1] == "市长"]
    assert len(mayor) == 1 and mayor[0][3] < mayor[0][4]


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_query_formats(fixture_corpus: Path, capsys) -> None:
    q = ("SELECT ?name WHERE { ?p a ng:Official ; schema:name ?name } ORDER BY ?name")
    code, out, _ = run_cli(capsys, "-o", str(fixture_corpus), q)
    assert code == 0
    assert out.splitlines()[0].split() == ["name"] and "张强" in out and "(2 rows)" in out
    code, out, _ = run_cli(capsys, "-o", str(fixture_corpus), "--format", "csv", q)
    assert list(csv.reader(io.StringIO(out))) == [["name"], ["张强"], ["王刚"]]
    code, out, _ = run_cli(capsys, "-o", str(fixture_corpus), "--format", "tsv", q)
    assert out.splitlines() == ["?name", '"张强"@zh', '"王刚"@zh']
    code, out, _ = run_cli(capsys, "-o", str(fixture_corpus), "--format", "json", q)
    data = json.loads(out)
    assert data["head"]["vars"] == ["name"]
    assert data["results"]["bindings"][0]["name"] == {"type": "literal", "value": "张强",
                                                      "xml:lang": "zh"}


def test_query_from_a_file_with_a_binding(fixture_corpus: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "-o", str(fixture_corpus), "-f",
                           str(ROOT / "queries" / "person-timeline.rq"), "--bind", "name=张强",
                           "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {r["name"] for r in rows} == {"张强"}
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {"2023-03-01", "2023-05-10"} <= {r["date"] for r in rows}


def test_construct_prints_turtle(fixture_corpus: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "-o", str(fixture_corpus),
                           "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a ng:Official ; "
                           "schema:name ?n }")
    assert code == 0
    import rdflib

    assert len(rdflib.Graph().parse(data=out, format="turtle")) == 2


def test_a_query_file_that_is_not_utf8_is_named(fixture_corpus: Path, tmp_path: Path,
                                                capsys) -> None:
    f = tmp_path / "q.rq"
    f.write_bytes(b"SELECT * WHERE { ?s ?p \xff }")
    code, _, err = run_cli(capsys, "-o", str(fixture_corpus), "-f", str(f))
    assert code == 2 and f"{f}: not UTF-8 text (byte 0xff" in err


def test_query_errors(fixture_corpus: Path, capsys) -> None:
    code, _, err = run_cli(capsys, "-o", str(fixture_corpus), "SELECT WHERE {")
    assert code == 1 and "syntax" in err
    code, _, err = run_cli(capsys, "-o", str(fixture_corpus))
    assert code == 2
    code, _, err = run_cli(capsys, "-o", str(fixture_corpus), "--bind", "novalue", "ASK {}")
    assert code == 2


def test_ask_and_table_width() -> None:
    assert formats.width("张强ab") == 6
    assert formats.write(formats.Result("boolean", boolean=True), "table") == "yes\n"


def test_a_query_does_not_load_the_view(fixture_corpus: Path) -> None:
    """The command line builds every command's parser: the view's (its node bound) must
    not import networkx and the HTML writer, a third of a second of every query's start."""
    import subprocess

    code = ("import sys; from newsgraph.cli import main; "
            f"main(['query', '-o', {str(fixture_corpus)!r}, 'ASK {{}}']); "
            "print(sorted(m for m in ('networkx', 'pyvis', 'newsgraph.export.html') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.splitlines() == ["yes", "[]"]
