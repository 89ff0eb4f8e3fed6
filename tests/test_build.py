"""`newsgraph build` end to end through the CLI: outputs, determinism, exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from newsgraph.cli import main

SAMPLES = ROOT / "src" / "newsgraph" / "samples"


def _run(args: list[str], env: dict | None = None, cwd: Path | None = None):
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, cwd=cwd, timeout=600)


def test_build_writes_outputs_and_report(sample_build):
    for name in ("graph.ttl", "graph.html", "report.json"):
        assert (sample_build / name).stat().st_size > 0
    rep = json.loads((sample_build / "report.json").read_text())
    assert rep["pages"] == 5 and rep["articles"] >= 30
    assert set(rep["entities"]) == {"person", "place", "organization", "project", "event"}
    assert rep["skipped"] == [] and rep["seconds"] > 0
    assert {d["encoding"] for d in rep["page_details"]} == {"utf-8"}


def test_report_times_the_stages_of_a_build(sample_build):
    """report.json's stages: the page work, then the store's end, then graph.html; they
    add up to the build's seconds."""
    rep = json.loads((sample_build / "report.json").read_text())
    stages = rep["stages"]
    assert list(stages) == ["html", "pages", "store"]  # (sorted, as the file is written)
    assert all(v >= 0 for v in stages.values()) and stages["pages"] > 0
    assert abs(sum(stages.values()) - rep["seconds"]) < 0.01


def test_build_is_deterministic_across_hash_seeds_and_input_order(tmp_path):
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    a = _run(["build", "-q", "-o", str(tmp_path / "a"), *files], {"PYTHONHASHSEED": "1"})
    b = _run(["build", "-q", "-o", str(tmp_path / "b"), *reversed(files)],
             {"PYTHONHASHSEED": "977"})
    assert a.returncode == 0, a.stderr
    assert b.returncode == 0, b.stderr
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def _committed(name: str) -> bytes:
    """output/NAME as committed (a build in the work tree must not hide a stale commit)."""
    if (ROOT / ".git").exists():
        r = subprocess.run(["git", "show", f"HEAD:output/{name}"], cwd=ROOT,
                           capture_output=True)
        if r.returncode == 0:
            return r.stdout
    return (ROOT / "output" / name).read_bytes()


def test_build_committed_outputs_match_a_fresh_build(sample_build):
    """output/ in the repository is the sample build: rebuild with `newsgraph build`."""
    for name in ("graph.ttl", "graph.html"):
        assert _committed(name) == (sample_build / name).read_bytes(), (
            f"output/{name} differs from a fresh build: run `newsgraph build` and commit")


def test_build_html_needs_no_network(sample_build):
    html = (sample_build / "graph.html").read_text()
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?https?:", html)


def test_build_reads_standard_input(tmp_path, monkeypatch):
    page = (SAMPLES / "003_988db4621131c553.txt").read_bytes()
    r = subprocess.run([sys.executable, "-m", "newsgraph", "build", "-", "-q", "-o",
                        str(tmp_path)], input=page, capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "卢东亮" in (tmp_path / "graph.ttl").read_text()


def test_build_date_option_sets_issue_date(tmp_path):
    page = SAMPLES / "000_b1d7836084e76c7f.txt"
    assert main(["build", str(page), "-q", "-o", str(tmp_path), "--date", "2023-10-20"]) == 0
    assert '"2023-10-20"^^xsd:date' in (tmp_path / "graph.ttl").read_text()


def test_build_missing_input_is_a_usage_error(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope.txt"), "-o", str(tmp_path)]) == 2
    assert "nope.txt" in capsys.readouterr().err


def test_build_skips_a_bad_page_and_builds_the_rest(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_bytes((SAMPLES / "003_988db4621131c553.txt").read_bytes())
    (pages / "empty.txt").write_bytes(b"")
    (pages / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    r = _run(["build", str(pages), "-q", "-o", str(tmp_path / "out")])
    assert r.returncode == 1
    assert "empty.txt: empty" in r.stderr and "scan.txt: binary" in r.stderr
    rep = json.loads((tmp_path / "out" / "report.json").read_text())
    assert rep["pages"] == 1 and {s["reason"] for s in rep["skipped"]} == {"empty", "binary"}


def _page_ids(out: Path) -> set[str]:
    ids = re.findall(r"^# <[^>]*/graph/([^>]+)>$", (out / "graph.ttl").read_text(), re.M)
    return set(ids) - {"corpus"}


def test_build_keeps_pages_of_the_same_name_in_different_folders_apart(tmp_path):
    """An issue a folder (2023-10-12/01.txt, 2023-10-13/01.txt): each page its own id,
    the folders below the input joined to the name; a page directly in it keeps its name."""
    pages = tmp_path / "pages"
    for folder, sample in (("2023-10-12", "000"), ("2023-10-13", "003")):
        (pages / folder).mkdir(parents=True)
        src = next(SAMPLES.glob(f"{sample}_*.txt"))
        (pages / folder / "01.txt").write_bytes(src.read_bytes())
    (pages / "extra.txt").write_bytes(next(SAMPLES.glob("001_*.txt")).read_bytes())
    out = tmp_path / "out"
    assert main(["build", str(pages), "-q", "-o", str(out)]) == 0
    rep = json.loads((out / "report.json").read_text())
    assert rep["pages"] == 3 and rep["skipped"] == []
    assert _page_ids(out) == {"2023-10-12_01", "2023-10-13_01", "extra"}
    alone = tmp_path / "alone"
    assert main(["build", str(pages / "2023-10-13" / "01.txt"), "-q", "-o", str(alone)]) == 0
    one = json.loads((alone / "report.json").read_text())
    assert one["articles"] == rep["page_details"][1]["articles"]


def test_build_reads_the_last_file_of_a_page_id_and_names_the_others(tmp_path):
    """Files that would be one page (p.txt beside p.html, one name given twice): the last
    is read, as an add replaces a page; the others are skipped and named, not read over."""
    for folder, sample in (("a", "000"), ("b", "003")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "p.txt").write_bytes(next(SAMPLES.glob(f"{sample}_*.txt"))
                                                  .read_bytes())
    (tmp_path / "a" / "p.html").write_text("<html><body><p>本报讯 市长张三出席。</p></body></html>",
                                            encoding="utf-8")
    r = _run(["build", str(tmp_path / "a"), str(tmp_path / "b" / "p.txt"), "-q",
              "-o", str(tmp_path / "out")])
    assert r.returncode == 1, r.stderr
    rep = json.loads((tmp_path / "out" / "report.json").read_text())
    assert rep["pages"] == 1 and _page_ids(tmp_path / "out") == {"p"}
    assert [(s["source"], s["reason"]) for s in rep["skipped"]] == [
        ("a/p.html", "duplicate"), ("a/p.txt", "duplicate")]
    assert "page id p, as p.txt given after it" in rep["skipped"][0]["message"]
    assert "a/p.html: duplicate" in r.stderr
    assert "卢东亮" in (tmp_path / "out" / "graph.ttl").read_text()  # b/p.txt, sample 003


def test_build_reads_the_html_pages_of_a_folder(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    text = next(SAMPLES.glob("003_*.txt")).read_text(encoding="utf-8")
    body = "".join(f"<p>{para}</p>\n" for para in text.split("\n\n") if para.strip())
    (pages / "p3.html").write_text(f"<!doctype html><html><body>{body}</body></html>",
                                   encoding="utf-8")
    assert main(["build", str(pages), "-q", "-o", str(tmp_path / "out")]) == 0
    assert _page_ids(tmp_path / "out") == {"p3"}
    assert "卢东亮" in (tmp_path / "out" / "graph.ttl").read_text()


def test_cli_help_explains_every_command_with_an_example():
    from newsgraph.cli import commands

    for name in ["", *commands()]:
        r = _run([name, "--help"] if name else ["--help"])
        assert r.returncode == 0, name
        assert "example" in r.stdout.lower(), name
