"""Time until the network view is ready, in headless Chromium, for synthetic graphs.

    python bench/view_bench.py                     500, 2,000 and 5,000 nodes
    python bench/view_bench.py --sizes 2000 --runs 5
    python bench/view_bench.py --screenshot docs/view.png   the sample pages' view
    python bench/view_bench.py --export DIR        time DIR/graph.html's export from DIR/store

"Ready" is the page's own mark (``window.newsgraph.readyAt``, milliseconds since the
navigation started): the data parsed, the network built and drawn once, a frame later —
the page answers clicks from then on. "select" is the time the page takes to find a
node, open its panel and move the view to it. Goal: ready under 3 s at 2,000 nodes.
Uses Debian's chromium (/usr/bin/chromium) through playwright's Python client.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsgraph.export.html import view
from newsgraph.model import Article, Corpus, Entity, Fact, Page
from newsgraph.rdf import Minter, assemble

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND"]
KINDS = [("person", "official", "人物"), ("organization", "government", "机构"),
         ("place", "county", "地方"), ("event", "meeting", "会议"), ("project", "", "项目")]


def synthetic(n: int, seed: int = 1) -> list[tuple]:
    """Quads of a corpus with about ``n`` entities: articles of sentences that each name
    two or three entities (a few hubs, many rare ones), posts, participants, places."""
    rng = random.Random(seed)
    ents = []
    for i in range(n):
        kind, sub, word = KINDS[rng.choices(range(5), weights=(35, 25, 20, 12, 8))[0]]
        ents.append(Entity(kind=kind, key=f"{kind}:{word}{i:05d}", name=f"{word}{i:05d}",
                           subtype=sub))
    weights = [1.0 / (i + 1) ** 0.6 for i in range(n)]
    order = list(range(n))
    pages, articles, facts = [], [], []
    for a in range(max(1, n // 3)):
        page_id = f"p{a // 10:04d}"
        if a % 10 == 0:
            pages.append(Page(source=f"{page_id}.txt", raw="", text="", origin=[],
                              encoding="utf-8"))
        day = date(2023, 1, 1) + timedelta(days=a % 365)
        text, spans = f"报道{a}\n", []
        picks = [rng.choices(order, weights)[0] for _ in range(3)] + [
            (3 * a + k) % n for k in range(3)]  # every entity at least once
        for s in range(4):
            names = [picks[(s + k) % len(picks)] for k in range(2 + s % 2)]
            for e in names:
                spans.append((e, len(text), len(text) + len(ents[e].name)))
                text += ents[e].name + ("、" if e != names[-1] else "")
            text += "出席活动并讲话。"
        art = Article(page_id=page_id, index=a % 10, headline=f"报道{a}", text=text, start=0,
                      end=len(text), date=day)
        articles.append(art)
        for e, b, end in spans:
            ents[e].mentions.append((art.article_id, b, end, ents[e].name))
        people = [e for e, *_ in spans if ents[e].kind == "person"]
        events = [e for e, *_ in spans if ents[e].kind == "event"]
        places = [e for e, *_ in spans if ents[e].kind == "place"]
        orgs = [e for e, *_ in spans if ents[e].kind == "organization"]
        for p in people[:1]:
            if orgs:
                facts.append(Fact("holds_title", ents[p].key, "主任", art.article_id,
                                  {"text": "主任", "org_key": ents[orgs[0]].key, "role": "主任"}))
            for ev in events:
                facts.append(Fact("participant", ents[ev].key, ents[p].key, art.article_id,
                                  {"role": "chairs"}))
        for ev in events:
            facts.append(Fact("date", ents[ev].key, "", art.article_id,
                              {"start": day.isoformat()}))
            if places:
                facts.append(Fact("located_in", ents[ev].key, ents[places[0]].key,
                                  art.article_id))
    corpus = Corpus(pages=pages, articles=articles,
                    entities={e.key: e for e in ents if e.mentions}, facts=facts)
    return assemble(corpus, Minter())


def measure(browser, path: Path, runs: int) -> tuple[float, float]:
    ready, select = [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 850})
        page.goto(path.as_uri())
        page.wait_for_function("window.newsgraph && window.newsgraph.ready === true",
                               timeout=120000, polling=20)
        ready.append(page.evaluate("window.newsgraph.readyAt"))
        select.append(page.evaluate("""() => new Promise(done => {
            const g = window.newsgraph, t0 = performance.now();
            g.select(g.find(g.data.nodes[g.data.nodes.length - 1].n)[0]);
            requestAnimationFrame(() => done(performance.now() - t0)); })"""))
        page.close()
    return statistics.median(ready), statistics.median(select)


def bench(sizes: list[int], runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        print(f"{'nodes':>6} {'links':>7} {'html MB':>8} {'build s':>8} {'ready ms':>9} "
              f"{'select ms':>10}")
        for n in sizes:
            quads = synthetic(n)
            t0 = time.perf_counter()
            page = view(quads, max_nodes=None)
            built = time.perf_counter() - t0
            path = Path(tmp) / f"view{n}.html"
            path.write_text(page, encoding="utf-8")
            import json
            import re

            data = json.loads(re.search(r'application/json">(.*?)</script>', page, re.S)[1])
            r, s = measure(browser, path, runs)
            print(f"{len(data['nodes']):>6} {len(data['edges']):>7} "
                  f"{len(page.encode()) / 1e6:>8.1f} {built:>8.1f} {r:>9.0f} {s:>10.0f}",
                  flush=True)
        browser.close()


def screenshot(target: Path, name: str = "张强") -> None:
    """Build the bundled sample pages, open their view, pick ``name``, save a PNG."""
    from playwright.sync_api import sync_playwright

    from newsgraph.build import build
    from newsgraph.pipeline import sample_sources

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        build(sample_sources(), Path(tmp))
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto((Path(tmp) / "graph.html").as_uri())
        page.wait_for_function("window.newsgraph && window.newsgraph.ready === true")
        page.fill("#search", name)
        page.keyboard.press("Enter")
        page.wait_for_timeout(800)
        page.evaluate("window.newsgraph.network.moveTo({scale: 0.9, animation: false})")
        page.wait_for_timeout(200)
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target))
        browser.close()
    print(f"wrote {target}")


def export(folder: Path, runs: int) -> None:
    """Time what a build spends on graph.html: write_exports(folder, ["html"]), reading the
    store in ``folder`` (built by newsgraph build); no browser needed."""
    from newsgraph.store import write_exports

    times = []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        write_exports(folder, ["html"])
        times.append((time.perf_counter() - t0, time.process_time() - c0))
    wall, cpu = statistics.median(t for t, _ in times), statistics.median(c for _, c in times)
    print(f"{folder / 'graph.html'}: {wall:.2f} s (cpu {cpu:.2f} s), median of {runs}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="500,2000,5000", help="node counts (default: %(default)s)")
    ap.add_argument("--runs", type=int, default=3, help="page loads per size (median)")
    ap.add_argument("--screenshot", type=Path, metavar="PNG",
                    help="instead: save a screenshot of the sample pages' view")
    ap.add_argument("--export", type=Path, metavar="DIR",
                    help="instead: time writing DIR/graph.html from DIR/store (no browser)")
    args = ap.parse_args(argv)
    if args.export:
        export(args.export, args.runs)
        return 0
    if not Path(CHROMIUM).is_file():
        print(f"no chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    if args.screenshot:
        screenshot(args.screenshot)
    else:
        bench([int(x) for x in args.sizes.split(",")], args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
