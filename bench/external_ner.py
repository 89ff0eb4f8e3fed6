"""Score the extractors on public NER data: People's Daily dev (BIO) and CLUENER dev.

    python bench/external_ner.py [--limit N] [--only rules|model|combined] [--msra-dev]

Reads eval/external/peoples_daily_dev.bio and eval/external/cluener_dev.jsonl (copies
of the public files, see eval/external/README.md), runs ``newsgraph.extract`` on every
sentence and prints exact-span P/R/F1 per label and micro, and characters per second.
Steps that do not exist yet are skipped. Three configurations: the rule steps alone
("rules"), the statistical tagger alone ("model", newsgraph.ner) and the rule steps
followed by the ``ner`` step ("combined").

``--msra-dev`` scores data/train/msra_dev.txt.xz (the tagger's development set, the same
1998 People's Daily text and conventions) instead: the set to tune the step on, since
People's Daily dev is a test set.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from newsgraph.extract import STEPS, pipeline
from newsgraph.model import Doc

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "eval" / "external"
PD_MAP = {"person": "PER", "place": "LOC", "organization": "ORG"}
CLUE_MAP = {"name": "person", "position": "title", "government": "organization",
            "organization": "organization", "company": "organization", "address": "place",
            "scene": "place"}
CLUE_KINDS = ("person", "title", "organization", "place")

Span = tuple[int, int, str]


def steps(with_model: bool = False) -> list:
    names = []
    for name in STEPS:
        if name == "ner" and not with_model:
            continue
        try:
            __import__(f"newsgraph.extract.{name}")
        except ImportError:
            continue
        names.append(name)
    if with_model and "ner" not in names:
        at = names.index("organizations") + 1 if "organizations" in names else len(names)
        names.insert(at, "ner")
    return pipeline(names)


def model_only() -> list:
    from newsgraph.model import ORGANIZATION, PERSON, PLACE
    from newsgraph.ner import tag, tagger

    tagger()  # load before timing
    kinds = {"PER": PERSON, "LOC": PLACE, "ORG": ORGANIZATION}

    def step(doc: Doc) -> None:
        for sp in tag(doc.text):
            doc.add(sp.start, sp.end, kinds[sp.label])

    return [step]


def read_bio(path: Path) -> list[tuple[str, set[Span]]]:
    out = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        chars, tags = [], []
        for line in block.splitlines():
            parts = line.split()
            if len(parts) == 2:
                chars.append(parts[0])
                tags.append(parts[1])
        if chars:
            out.append(("".join(chars), _bio_spans(tags)))
    return out


def _bio_spans(tags: list[str]) -> set[Span]:
    spans, start, label = set(), -1, ""
    for i, t in enumerate([*tags, "O"]):
        if start >= 0 and not (t.startswith("I-") and t[2:] == label):
            spans.add((start, i, label))
            start = -1
        if t.startswith("B-") or (t.startswith("I-") and start < 0):
            start, label = i, t[2:]
    return spans


def read_cluener(path: Path) -> list[tuple[str, set[Span]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        spans = set()
        for label, mentions in item.get("label", {}).items():
            kind = CLUE_MAP.get(label)
            for places in mentions.values():
                for s, e in places:
                    if kind:
                        spans.add((s, e + 1, kind))
        out.append((item["text"], spans))
    return out


def read_msra_dev() -> list[tuple[str, set[Span]]]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_ner import read_split

    return [(text, set(ents)) for text, ents in read_split(ROOT / "data" / "train" /
                                                           "msra_dev.txt.xz")]


def predict(text: str, run, mapping: dict[str, str]) -> set[Span]:
    doc = Doc(text=text)
    for step in run:
        step(doc)
    return {(m.start, m.end, mapping[m.type]) for m in doc.mentions if m.type in mapping}


def evaluate(data, run, mapping: dict[str, str]) -> tuple[Counter, float]:
    counts: Counter = Counter()
    chars, t0 = 0, time.perf_counter()
    for text, gold in data:
        pred = predict(text, run, mapping)
        chars += len(text)
        for _, _, label in pred & gold:
            counts[label, "tp"] += 1
        for _, _, label in pred - gold:
            counts[label, "fp"] += 1
        for _, _, label in gold - pred:
            counts[label, "fn"] += 1
    return counts, chars / max(time.perf_counter() - t0, 1e-9)


def report(name: str, counts: Counter, labels, speed: float) -> None:
    print(f"{name}  ({speed:,.0f} chars/s)")
    total = Counter()
    for label in labels:
        tp, fp, fn = (counts[label, k] for k in ("tp", "fp", "fn"))
        total.update(tp=tp, fp=fp, fn=fn)
        print(f"  {label:<13}" + _prf(tp, fp, fn))
    print(f"  {'micro':<13}" + _prf(total["tp"], total["fp"], total["fn"]))


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp} fp {fp} fn {fn})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    ap.add_argument("--only", choices=("rules", "model", "combined"), action="append",
                    help="configurations to score (default: all three)")
    ap.add_argument("--msra-dev", action="store_true",
                    help="score the tagger's development set (MSRA test split) instead")
    args = ap.parse_args(argv)
    lim = args.limit or None
    if args.msra_dev:
        pd, clue = read_msra_dev()[:lim], []
    else:
        pd = read_bio(DATA / "peoples_daily_dev.bio")[:lim]
        clue = read_cluener(DATA / "cluener_dev.jsonl")[:lim]
    name = "MSRA dev" if args.msra_dev else "People's Daily dev"
    for config in args.only or ("rules", "model", "combined"):
        run = model_only() if config == "model" else steps(config == "combined")
        counts, speed = evaluate(pd, run, PD_MAP)
        report(f"[{config}] {name}", counts, ("PER", "LOC", "ORG"), speed)
        if clue:
            counts, speed = evaluate(clue, run, {k: k for k in CLUE_KINDS})
            report(f"[{config}] CLUENER dev", counts, CLUE_KINDS, speed)
    if not args.only or "model" in args.only:
        print(f"tagger alone: {tagging_speed(pd):,.0f} chars/s (PD dev as one text)")
    return 0


def tagging_speed(data) -> float:
    from newsgraph.ner import tagger

    text = "\n".join(t for t, _ in data)
    t0 = time.perf_counter()
    tagger().tag(text)
    return len(text) / (time.perf_counter() - t0)


if __name__ == "__main__":
    sys.exit(main())
