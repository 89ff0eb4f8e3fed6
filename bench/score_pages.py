"""Score person / organisation extraction on the annotated sample pages.

    python bench/score_pages.py [-v]

For every page with a gold file (eval/gold/<page>.json): read -> segment -> one Doc per
article -> the extract steps -> unique names per page, compared with the gold persons
(name + aliases), officials, person-title pairs and organisations. Prints P/R/F1 per
page and over all pages.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsgraph.extract import STEPS, pipeline
from newsgraph.model import Doc
from newsgraph.read import read_page
from newsgraph.read.normalize import normalize_name
from newsgraph.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "newsgraph" / "samples"
GOLD = ROOT / "eval" / "gold"


def available_steps() -> list:
    names = []
    for name in STEPS:
        try:
            __import__(f"newsgraph.extract.{name}")
        except ImportError:
            continue
        names.append(name)
    return pipeline(names)


def predict(path: Path, steps) -> dict[str, set]:
    page = read_page(path)
    out: dict[str, set] = {"persons": set(), "officials": set(), "pairs": set(),
                           "organizations": set()}
    for art in segment(page):
        doc = Doc(text=art.text, issue_date=page.issue_date, home_city="大同市")
        for step in steps:
            step(doc)
        for m in doc.of_type("person"):
            name = normalize_name(m.attrs.get("refers_to") or m.text)
            out["persons"].add(name)
            if m.attrs.get("kind") == "official":
                out["officials"].add(name)
        for r in doc.relations:
            if r.kind == "holds_title":
                person = r.subject.attrs.get("refers_to") or r.subject.text
                out["pairs"].add((normalize_name(person), normalize_name(r.object.text)))
        for m in doc.of_type("organization"):
            out["organizations"].add(normalize_name(m.text))
    return out


def gold_sets(path: Path) -> dict[str, list[set]]:
    g = json.loads(path.read_text(encoding="utf-8"))

    def names(e: dict) -> set:
        return {normalize_name(n) for n in [e["name"], *e.get("aliases", [])]}

    persons = g.get("persons", [])
    return {
        "persons": [names(p) for p in persons],
        "officials": [names(p) for p in persons if p.get("kind") == "official"],
        "pairs": [{(n, normalize_name(t))} for p in persons for t in p.get("titles", [])
                  for n in [normalize_name(p["name"])]],
        "organizations": [names(o) for o in g.get("organizations", [])],
    }


def score(pred: set, gold: list[set]) -> tuple[int, int, int, list, list]:
    """(tp, fp, fn, false positives, misses): an entity matches by any of its names."""
    matched = [bool(g & pred) for g in gold]
    known = set().union(*gold) if gold else set()
    fps = sorted(p for p in pred if p not in known)
    misses = [sorted(g)[0] for g, ok in zip(gold, matched, strict=True) if not ok]
    tp = sum(matched)
    return tp, len(fps), len(gold) - tp, fps, misses


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false hits")
    args = ap.parse_args(argv)
    steps = available_steps()
    kinds = ("persons", "officials", "pairs", "organizations")
    total = {k: [0, 0, 0] for k in kinds}
    for gpath in sorted(GOLD.glob("*.json")):
        page = SAMPLES / gpath.name[:-5]
        pred, gold = predict(page, steps), gold_sets(gpath)
        cells = []
        for k in kinds:
            tp, fp, fn, fps, misses = score(pred[k], gold[k])
            for i, v in enumerate((tp, fp, fn)):
                total[k][i] += v
            p, r, f = prf(tp, fp, fn)
            cells.append(f"{k[:4]} {p:.2f}/{r:.2f}/{f:.2f}")
            if args.verbose and (fps or misses):
                print(f"  {page.name} {k}: false={fps} missed={misses}")
        print(page.name[:20], " ".join(cells))
    print("ALL (P/R/F1)")
    for k in kinds:
        p, r, f = prf(*total[k])
        tp, fp, fn = total[k]
        print(f"  {k:<14} P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
