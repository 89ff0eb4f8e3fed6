"""Score the pipeline against gold page annotations (format: eval/ANNOTATION.md).

Scoring is per page: each entity counts once per page. A predicted entity matches a gold
entity when any of their names (name and aliases, normalised: full-width folded, white
space removed) agree; matching is one-to-one. Figures are micro-averaged over pages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.errors import NewsgraphError, PageError
from newsgraph.model import EVENT, ORGANIZATION, PERSON, PLACE, PROJECT, Corpus
from newsgraph.pipeline import DEFAULT_HOME_CITY, build_corpus, process_page
from newsgraph.read.normalize import normalize_name

KINDS = {"persons": PERSON, "places": PLACE, "organizations": ORGANIZATION,
         "projects": PROJECT, "events": EVENT}


def norm(text: str) -> str:
    return re.sub(r"[\s\"'“”‘’「」『』《》]", "", normalize_name(text or ""))


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp_gold: int = 0
    tp_pred: int = 0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.tp_gold += other.tp_gold
        self.tp_pred += other.tp_pred

    @property
    def p(self) -> float:
        return self.tp_pred / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def match(gold: list[set[str]], pred: list[set[str]]) -> tuple[Score, list[tuple[int, int]]]:
    """One-to-one matching of name sets; returns the score and the matched pairs."""
    pairs = []
    used: set[int] = set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and g & p:
                used.add(pi)
                pairs.append((gi, pi))
                break
    return Score(len(gold), len(pred), len(pairs), len(pairs)), pairs


def _forms(name: str, aliases) -> set[str]:
    return {norm(x) for x in [name, *(aliases or [])] if norm(x)}


@dataclass
class PageEval:
    page: str
    scores: dict[str, Score] = field(default_factory=dict)
    event_dates: tuple[int, int] = (0, 0)  # (matched events with the gold date, matched)
    issue_date_ok: bool = False


def _entities(corpus: Corpus, kind: str) -> list:
    """The entities a page names: bodies only implied by a post (副市长 -> 市政府) are not
    counted, as the annotation rules say."""
    return sorted((e for e in corpus.entities.values()
                   if e.kind == kind and (e.mentions or kind == PERSON)), key=lambda e: e.key)


def evaluate_page(gold: dict, page_bytes: bytes, *, home_city: str | None = None) -> PageEval:
    home = home_city or gold.get("home_city") or DEFAULT_HOME_CITY
    result = process_page(page_bytes, gold["page"], home_city=home)
    corpus = build_corpus([result], home_city=home)
    out = PageEval(gold["page"])
    out.issue_date_ok = (result.page.issue_date is not None and gold.get("issue_date") ==
                         result.page.issue_date.isoformat())
    for key, kind in KINDS.items():
        g = gold.get(key, [])
        preds = _entities(corpus, kind)
        score, pairs = match([_forms(x["name"], x.get("aliases")) for x in g],
                             [_forms(e.name, e.alt_names) for e in preds])
        out.scores[key] = score
        if key == "persons":
            out.scores["officials"] = _officials(g, preds)
            out.scores["person-post pairs"] = _posts(g, preds, corpus)
        if key == "events":
            out.event_dates = _dates(g, preds, pairs, corpus)
    out.scores["headlines"] = match(
        [{norm(a["headline"])} for a in gold.get("articles", [])],
        [{norm(a.headline)} for a in result.articles])[0]
    return out


def _officials(gold: list[dict], preds: list) -> Score:
    g = [_forms(x["name"], x.get("aliases")) for x in gold if x.get("kind") == "official"]
    p = [_forms(e.name, e.alt_names) for e in preds if e.subtype == "official"]
    return match(g, p)[0]


def _posts(gold: list[dict], preds: list, corpus: Corpus) -> Score:
    g = [{f"{norm(x['name'])}|{norm(t)}"} for x in gold for t in x.get("titles", [])]
    names = {e.key: norm(e.name) for e in preds}
    p = sorted({f"{names[f.subject]}|{norm(f.attrs.get('text') or f.object)}"
                for f in corpus.facts if f.kind == "holds_title" and f.subject in names})
    return match(g, [{x} for x in p])[0]


def _dates(gold: list[dict], preds: list, pairs, corpus: Corpus) -> tuple[int, int]:
    starts: dict[str, str] = {}
    for f in corpus.facts:
        if f.kind == "date" and f.attrs.get("start"):
            starts.setdefault(f.subject, f.attrs["start"])
    ok = sum(1 for gi, pi in pairs if gold[gi].get("date") == starts.get(preds[pi].key))
    return ok, len(pairs)


def evaluate(gold_dir: Path, pages_dir: Path | None = None,
             errors: list[str] | None = None) -> list[PageEval]:
    """Evaluate every ``*.json`` gold file in ``gold_dir`` against its page. A gold file
    that cannot be read, or whose page cannot, raises :class:`NewsgraphError` naming it;
    given an ``errors`` list, its message goes there and the other files are evaluated."""
    from newsgraph.pipeline import sample_sources

    samples = {s.name: s for s in sample_sources()}
    results = []
    for path in sorted(Path(gold_dir).glob("*.json")):
        try:
            gold, data = _gold_and_page(path, Path(gold_dir), pages_dir, samples)
            try:
                results.append(evaluate_page(gold, data))
            except PageError as exc:
                raise NewsgraphError(f"{path}: its page {exc}") from exc
        except NewsgraphError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
    return results


def _gold_and_page(path: Path, gold_dir: Path, pages_dir: Path | None,
                   samples: dict) -> tuple[dict, bytes]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise NewsgraphError(f"{path}: not a gold file ({exc})") from exc
    name = gold.get("page") if isinstance(gold, dict) else None
    if not isinstance(name, str) or not name:
        raise NewsgraphError(f"{path}: not a gold file (no \"page\" naming its page)")
    for key, needed in (*((k, "name") for k in KINDS), ("articles", "headline")):
        entries = gold.get(key, [])
        if not isinstance(entries, list) or not all(
                isinstance(e, dict) and isinstance(e.get(needed), str) for e in entries):
            raise NewsgraphError(f"{path}: not a gold file (\"{key}\" must be a list of "
                                 f"objects with a \"{needed}\")")
    candidates = list(dict.fromkeys(d / name for d in (pages_dir, gold_dir.parent / "pages",
                                                        gold_dir) if d is not None))
    page_path = next((c for c in candidates if c.is_file()), None)
    if page_path is None and name not in samples:
        raise NewsgraphError(f"{path}: its page {name} is in none of "
                             f"{', '.join(str(c.parent) for c in candidates)}")
    try:
        return gold, page_path.read_bytes() if page_path else samples[name].read()
    except OSError as exc:
        raise NewsgraphError(f"{page_path}: {exc.strerror}") from exc


def table(results: list[PageEval]) -> tuple[str, dict]:
    """A printable table of micro-averaged scores, and the figures as a dict."""
    total: dict[str, Score] = {}
    dates_ok = dates_n = 0
    for r in results:
        for k, s in r.scores.items():
            total.setdefault(k, Score()).add(s)
        dates_ok += r.event_dates[0]
        dates_n += r.event_dates[1]
    lines = [f"{'kind':<20}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    figures: dict = {}
    for k, s in total.items():
        lines.append(f"{k:<20}{s.gold:>6}{s.pred:>6}{s.p:>8.3f}{s.r:>8.3f}{s.f1:>8.3f}")
        figures[k] = {"p": round(s.p, 4), "r": round(s.r, 4), "f1": round(s.f1, 4)}
    share = dates_ok / dates_n if dates_n else 0.0
    lines.append(f"{'event dates':<20}{dates_ok:>6}{dates_n:>6}  share of matched events "
                 f"with the gold date: {share:.3f}")
    issue = sum(r.issue_date_ok for r in results)
    lines.append(f"{'issue dates':<20}{issue:>6}{len(results):>6}")
    figures["event_dates"] = round(share, 4)
    figures["issue_dates"] = issue / len(results) if results else 0.0
    return "\n".join(lines), figures


