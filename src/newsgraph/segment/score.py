"""Score segmentation alone against the gold articles of annotated pages.

``python -m newsgraph.segment.score eval/gold [-v]`` prints, per page and in total,
headline precision, recall and F1 (the same matching as :mod:`newsgraph.evaluate`:
normalised headlines, one to one), the kind and reporter accuracy over matched
articles, and whether the inferred issue date is the gold one. It needs only the
reader and the segmenter, not the extractors.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from newsgraph.read import read_bytes
from newsgraph.read.normalize import normalize_name
from newsgraph.segment import segment


def norm(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’「」『』《》]", "", normalize_name(text or ""))


@dataclass
class PageScore:
    page: str
    gold: int = 0
    pred: int = 0
    matched: int = 0
    kind_ok: int = 0
    reporters_ok: int = 0
    date_ok: bool = False

    @property
    def p(self) -> float:
        return self.matched / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self) -> str:
        m = self.matched or 1
        return (f"{self.page[:24]:<24}{self.gold:>5}{self.pred:>5}{self.p:>7.3f}{self.r:>7.3f}"
                f"{self.f1:>7.3f}{self.kind_ok / m:>7.3f}{self.reporters_ok / m:>7.3f}"
                f"{'ok' if self.date_ok else 'no':>6}")


def _page_data(gold_dir: Path, name: str) -> bytes:
    for folder in (gold_dir.parent / "pages", gold_dir):
        if (folder / name).exists():
            return (folder / name).read_bytes()
    from newsgraph.pipeline import sample_sources

    return next(s for s in sample_sources() if s.name == name).read()


def score_page(gold: dict, data: bytes, verbose: bool = False) -> PageScore:
    page = read_bytes(data, gold["page"])
    arts = segment(page)
    out = PageScore(gold["page"], len(gold["articles"]), len(arts))
    out.date_ok = bool(page.issue_date) and page.issue_date.isoformat() == gold.get("issue_date")
    used: set[int] = set()
    for g in gold["articles"]:
        hit = next((i for i, a in enumerate(arts)
                    if i not in used and norm(a.headline) == norm(g["headline"])), None)
        if hit is None:
            if verbose:
                print(f"  MISSED {g['kind']:<10} {g['headline']}")
            continue
        used.add(hit)
        a = arts[hit]
        out.matched += 1
        out.kind_ok += a.kind == g["kind"]
        ok = sorted(n for n, _ in a.reporters) == sorted(g.get("reporters", []))
        out.reporters_ok += ok
        if verbose and (a.kind != g["kind"] or not ok):
            print(f"  WRONG  {g['headline'][:30]}: kind {a.kind}/{g['kind']} "
                  f"reporters {[n for n, _ in a.reporters]}/{g.get('reporters')}")
    if verbose:
        for i, a in enumerate(arts):
            if i not in used:
                print(f"  EXTRA  {a.kind:<10} {a.headline[:60]}")
        print(f"  issue date {page.issue_date} gold {gold.get('issue_date')}")
    return out


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args
    gold_dir = Path(next((a for a in args if not a.startswith("-")), "eval/gold"))
    total = PageScore("TOTAL")
    print(f"{'page':<24}{'gold':>5}{'pred':>5}{'P':>7}{'R':>7}{'F1':>7}{'kind':>7}{'repo':>7}"
          f"{'date':>6}")
    dates = 0
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if verbose:
            print(gold["page"])
        s = score_page(gold, _page_data(gold_dir, gold["page"]), verbose)
        print(s.row())
        for k in ("gold", "pred", "matched", "kind_ok", "reporters_ok"):
            setattr(total, k, getattr(total, k) + getattr(s, k))
        dates += s.date_ok
    total.date_ok = True
    print(total.row()[:-6] + f"{dates:>4}/{len(list(gold_dir.glob('*.json')))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
