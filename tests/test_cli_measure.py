"""`newsgraph mentions` and `newsgraph eval` through the CLI: the measuring interfaces."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

LINES = ["市委副书记、市长张强在灵丘县调研京东集团华北(大同灵丘)智能算力数据中心基地项目。",
         "",
         "本报讯（记者 宋芳）10月11日，中央在晋定点帮扶单位挂职干部培训班在我市开班。"]


def _cli(*args: str, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], input=stdin,
                          capture_output=True, text=True, timeout=600)


def test_mentions_prints_one_json_object_per_line_with_code_point_offsets():
    r = _cli("mentions", "-", "--date", "2023-10-12", stdin="\n".join(LINES) + "\n")
    assert r.returncode == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(out) == len(LINES)
    assert out[1] == {"mentions": []}
    for line, obj in zip(LINES, out, strict=True):
        for m in obj["mentions"]:
            assert line[m["start"]:m["end"]] == m["text"]
            assert set(m) == {"start", "end", "type", "text"}
    found = {(m["type"], m["text"]) for o in out for m in o["mentions"]}
    assert {("person", "张强"), ("title", "市长"), ("place", "灵丘县"),
            ("person", "宋芳")} <= found
    assert any(t == "project" and "数据中心基地项目" in x for t, x in found)
    assert any(t == "event" and "培训班" in x for t, x in found)
    assert any(t == "date" for t, _ in found)


def test_mentions_reads_a_file(tmp_path):
    f = tmp_path / "docs.txt"
    f.write_text("副市长孟维君参加。\n", encoding="utf-8")
    r = _cli("mentions", str(f))
    assert r.returncode == 0
    assert {"start": 3, "end": 6, "type": "person", "text": "孟维君"} in json.loads(
        r.stdout)["mentions"]


def test_mentions_names_a_line_that_is_not_utf8_and_reads_the_others(tmp_path):
    f = tmp_path / "docs.txt"
    f.write_bytes("张强在".encode() + b"\xe5\xb8\n" + "副市长孟维君参加。\n".encode())
    r = subprocess.run([sys.executable, "-m", "newsgraph", "mentions", str(f)],
                       capture_output=True, timeout=600)
    assert r.returncode == 1
    assert f"{f} line 1: not UTF-8 text".encode() in r.stderr
    assert b"Traceback" not in r.stderr
    first, second = (json.loads(x) for x in r.stdout.decode().splitlines())
    assert "line 1" in first["error"]
    assert {"start": 3, "end": 6, "type": "person", "text": "孟维君"} in second["mentions"]


def test_mentions_missing_file_is_a_usage_error(tmp_path):
    assert _cli("mentions", str(tmp_path / "none.txt")).returncode == 2


@pytest.fixture(scope="module")
def figures() -> dict:
    r = _cli("eval", str(ROOT / "eval" / "gold"), "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


# The issue's quality figures on the annotated pages (eval/gold).
TARGETS = {"persons": 0.95, "officials": 0.93, "person-post pairs": 0.90,
           "organizations": 0.88, "places": 0.92, "projects": 0.85, "events": 0.85,
           "headlines": 0.9}


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_eval_meets_the_figures_on_the_annotated_pages(figures, kind):
    assert figures[kind]["f1"] >= TARGETS[kind], figures[kind]


def test_eval_event_dates_and_issue_dates(figures):
    assert figures["event_dates"] >= 0.9
    assert figures["issue_dates"] == 1.0


def test_eval_prints_a_table():
    r = _cli("eval", str(ROOT / "eval" / "gold"))
    assert r.returncode == 0
    assert r.stdout.splitlines()[0].split() == ["kind", "gold", "pred", "P", "R", "F1"]


def test_eval_names_bad_gold_files_and_scores_the_others(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    good = next((ROOT / "eval" / "gold").glob("000_*.json"))
    (gold / good.name).write_bytes(good.read_bytes())
    (gold / "broken.json").write_text('{"page": ', encoding="utf-8")
    (gold / "lost.json").write_text('{"page": "nowhere.txt"}', encoding="utf-8")
    (gold / "entry.json").write_text(json.dumps({"page": good.name[:-5], "persons": [{}]}),
                                     encoding="utf-8")
    r = _cli("eval", str(gold))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"{gold / 'broken.json'}: not a gold file" in r.stderr
    assert f"{gold / 'lost.json'}: its page nowhere.txt is in none of" in r.stderr
    assert f'{gold / "entry.json"}: not a gold file ("persons" must be a list' in r.stderr
    assert r.stdout.splitlines()[0].split() == ["kind", "gold", "pred", "P", "R", "F1"]
    assert "issue dates" in r.stdout and r.stdout.splitlines()[-1].split()[-1] == "1"


def test_eval_without_gold_is_a_usage_error(tmp_path):
    assert _cli("eval", str(tmp_path)).returncode == 2
