"""Bad input, hostile text, crashes and concurrent runs: nothing is lost (through the CLI)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph
import pytest

from conftest import ROOT

SAMPLES = ROOT / "src" / "newsgraph" / "samples"
PAGE = (SAMPLES / "003_988db4621131c553.txt").read_text(encoding="utf-8")


def _cli(*args: str, stdin: bytes | None = None, timeout: int = 600):
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], input=stdin,
                          capture_output=True, timeout=timeout)


def _entities(out: Path) -> dict:
    return json.loads((out / "report.json").read_text())["entities"]


# -- bad input: a clear error, and the rest goes on -------------------------------------

BAD = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n \r\n",
    "scan.txt": b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00",
    "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "garbage.txt": bytes([0xFF, 0xFE, 0xFD, 0x80, 0x81]) * 200,
    "english.txt": b"The city council met on Monday to discuss the budget.\n" * 20,
}
REASONS = {"empty.txt": "empty", "blank.txt": "empty", "scan.txt": "binary",
           "photo.txt": "binary", "garbage.txt": "undecodable", "english.txt": "not-chinese"}


def test_reliability_each_bad_page_is_named_with_its_reason(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, data in BAD.items():
        (pages / name).write_bytes(data)
    (pages / "good.txt").write_text(PAGE, encoding="utf-8")
    r = _cli("build", str(pages), "-q", "-o", str(tmp_path / "out"))
    assert r.returncode == 1, r.stderr
    err = r.stderr.decode()
    rep = json.loads((tmp_path / "out" / "report.json").read_text())
    assert rep["pages"] == 1
    got = {Path(s["source"]).name: s["reason"] for s in rep["skipped"]}
    assert got == REASONS
    for name, reason in REASONS.items():
        assert f"{name}: {reason}" in err


def test_reliability_too_large_page_is_skipped(tmp_path):
    (tmp_path / "big.txt").write_text(PAGE * 3, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(PAGE, encoding="utf-8")
    r = _cli("build", str(tmp_path / "big.txt"), str(tmp_path / "ok.txt"), "-q",
             "--max-bytes", str(len(PAGE.encode()) + 10), "-o", str(tmp_path / "out"))
    assert r.returncode == 1
    assert b"big.txt: too-large" in r.stderr


def test_reliability_nothing_buildable_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    r = _cli("build", str(tmp_path / "empty.txt"), "-q", "-o", str(tmp_path / "out"))
    assert r.returncode == 2


def test_reliability_bad_option_exits_2(tmp_path):
    assert _cli("build", "--date", "yesterday", "-o", str(tmp_path)).returncode == 2
    assert _cli("build", "--no-such-option").returncode == 2


def test_reliability_encodings_give_the_same_entities(tmp_path):
    variants = {
        "utf8.txt": PAGE.encode("utf-8"),
        "bom_crlf.txt": b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n").encode("utf-8"),
        "gb.txt": PAGE.encode("gb18030"),
    }
    seen = []
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        out = tmp_path / f"out-{name}"
        assert _cli("build", str(tmp_path / name), "-q", "-o", str(out)).returncode == 0
        ttl = (out / "graph.ttl").read_text()
        names = sorted(set(line for line in ttl.splitlines() if "schema:name" in line))
        seen.append((_entities(out), names))
        if name == "gb.txt":
            rep = json.loads((out / "report.json").read_text())
            assert rep["page_details"][0]["encoding"] == "gb18030"
    assert seen[0] == seen[1] == seen[2]


def test_reliability_page_flattened_to_one_line_still_builds(tmp_path):
    flat = tmp_path / "flat.txt"
    flat.write_text("".join(PAGE.split()), encoding="utf-8")
    r = _cli("build", str(flat), "-q", "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert _entities(tmp_path / "out")["person"] > 0


HOSTILE = ("本报讯（记者 张三）市委书记王五<script>alert(1)</script>在\"大同\"会见\\李四"
           "<img src=x onerror=alert(2)>。\x00\x07\x1b控制字符、'单引号'与&amp;实体。\n\n"
           "市长赵六出席会议。\ud800孤立代理\udfff。")


class _Strict(HTMLParser):
    pass


def test_reliability_hostile_text_round_trips_into_valid_outputs(tmp_path):
    data = HOSTILE.encode("utf-8", "surrogatepass")
    r = _cli("build", "-", "-q", "-o", str(tmp_path), "--date", "2023-10-12", stdin=data)
    assert r.returncode == 0, r.stderr
    ttl = (tmp_path / "graph.ttl").read_bytes()
    assert len(list(pyoxigraph.parse(ttl, format=pyoxigraph.RdfFormat.TURTLE))) > 0
    json.loads((tmp_path / "report.json").read_text())
    html = (tmp_path / "graph.html").read_text()
    _Strict().feed(html)
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


# -- nothing half-written ---------------------------------------------------------------

def test_reliability_concurrent_runs_are_refused(tmp_path):
    from newsgraph.errors import LockedError
    from newsgraph.fsutil import locked

    with locked(tmp_path):
        r = _cli("build", str(SAMPLES / "003_988db4621131c553.txt"), "-q", "-o", str(tmp_path))
        assert r.returncode == 2
        assert b"another newsgraph run" in r.stderr
        with pytest.raises(LockedError):
            with locked(tmp_path):
                pass


def test_reliability_atomic_write_leaves_old_file_on_failure(tmp_path):
    from newsgraph.fsutil import atomic_write

    target = tmp_path / "graph.ttl"
    atomic_write(target, "old")

    class Boom(str):
        def encode(self, *a, **k):
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        atomic_write(target, Boom("new"))
    assert target.read_text() == "old"
    assert not list(tmp_path.glob(".*.tmp"))


def _no_build_left_running(out: Path, wait: float = 10.0) -> None:
    """No process of the killed build (its workers included) outlives it."""
    proc_dir = Path("/proc")
    if not proc_dir.exists():
        return
    deadline = time.monotonic() + wait
    while True:
        left = []
        for entry in proc_dir.iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if b"newsgraph" in cmd and str(out).encode() in cmd:
                left.append(entry.name)
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert not left, f"processes of the killed build still running: {left}"


@pytest.mark.parametrize("delay", [0.3, 1.0, 2.5])
def test_reliability_sigkill_leaves_previous_outputs_whole(tmp_path, delay):
    out = tmp_path / "out"
    assert _cli("build", str(SAMPLES / "003_988db4621131c553.txt"), "-q", "-o",
                str(out)).returncode == 0
    before = {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.html", "report.json")}
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "build", str(SAMPLES), "-q",
                             "-o", str(out)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _no_build_left_running(out)
    for name, old in before.items():
        now = (out / name).read_bytes()
        assert now == old or len(now) > 0
    pyoxigraph.parse((out / "graph.ttl").read_bytes(), format=pyoxigraph.RdfFormat.TURTLE)
    json.loads((out / "report.json").read_text())
    # the next run recovers without manual clean-up
    r = _cli("build", str(SAMPLES), "-q", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert not list(out.glob(".*.tmp"))


def test_reliability_graph_ttl_made_before_an_interrupted_swap_is_moved_into_place(tmp_path):
    """A build writes graph.ttl into store.tmp while its store's writes are flushed, and
    moves it out once the store is in place: a build killed between the two leaves it in
    the store folder, and the next run that takes the store finishes the move."""
    from newsgraph.store import _recover

    out = tmp_path / "out"
    assert _cli("build", str(SAMPLES / "003_988db4621131c553.txt"), "-q", "-o",
                str(out)).returncode == 0
    made = (out / "graph.ttl").read_bytes()
    assert not (out / "store" / "graph.ttl").exists()  # moved out by the build
    (out / "graph.ttl").replace(out / "store" / "graph.ttl")
    (out / "graph.ttl").write_text("the graph.ttl of the build before")
    _recover(out)
    assert (out / "graph.ttl").read_bytes() == made
    assert not (out / "store" / "graph.ttl").exists()
