"""A linear character tagger over hashed features, decoded with a constrained Viterbi.

Tags are BIO over PER/LOC/ORG, one weight lane each (lane 7 is padding so that a weight
row is 32 bytes and a row gather is one memory copy). Scores of a position are the sum of
its feature rows. Two passes: the first scores character and lexicon features
(``features.hashes``); its best tag per position feeds the second pass's features
(``features.stack_hashes``: tag context, the entity the first pass saw), whose rows are
added to the first pass's scores. Decoding finds the best tag sequence in which I-X only
follows B-X or I-X. Positions the model is sure are O split the text into short runs, and
the runs are decoded together, so the Python loop runs over the longest run, not over the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np

from newsgraph.ner.features import Lexicon, codepoints, hashes, stack_hashes

TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG")
LABELS = ("PER", "LOC", "ORG")
LANES = 8
N_TAGS = len(TAGS)
# allowed[prev, next]: I-X only after B-X or I-X.
ALLOWED = np.ones((N_TAGS, N_TAGS), dtype=bool)
for _k in range(3):
    ALLOWED[:, 2 + 2 * _k] = False
    ALLOWED[1 + 2 * _k, 2 + 2 * _k] = ALLOWED[2 + 2 * _k, 2 + 2 * _k] = True
TRANS = np.where(ALLOWED, 0.0, -1e9).astype(np.float32)
START = np.array([0 if t[0] != "I" else -1e9 for t in TAGS], dtype=np.float32)
SURE_O = 4.0  # score margin above which a position is fixed to O before decoding
SKIP_O = 6.0  # first-pass margin above which the second pass leaves a position out
MODEL_FILE = "ner_msra.npz"


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # exclusive
    label: str  # PER, LOC or ORG
    prob: float  # the lowest per-position probability of the span's tags


class Tagger:
    """Tags PER/LOC/ORG spans in Chinese text."""

    def __init__(self, weights: np.ndarray, bits: int, finger: np.ndarray,
                 trans: np.ndarray | None = None, sure: float = SURE_O,
                 lexicon: Lexicon | None = None, stack: Table | None = None) -> None:
        self.first = Table(weights, bits, finger)
        self.trans = TRANS if trans is None else (TRANS + trans).astype(np.float32)
        self.sure = sure
        self.lexicon = lexicon
        self.stack = stack
        self.bits = bits

    @classmethod
    def load(cls, path=None) -> Tagger:
        if path is None:
            path = resources.files("newsgraph.models").joinpath(MODEL_FILE)
        with resources.as_file(path) if not isinstance(path, str) else _same(path) as p:
            with np.load(p) as z:
                trans = z["trans"].astype(np.float32) if "trans" in z else None
                sure = float(z["sure"]) if "sure" in z else SURE_O
                lex = Lexicon(z["lex_keys"], z["lex_bits"]) if "lex_keys" in z else None
                stack = (Table(_weights(z, "weights2"), int(z["bits2"]), z["finger2"])
                         if "weights2" in z else None)
                return cls(_weights(z, "weights"), int(z["bits"]), z["finger"], trans, sure,
                           lex, stack)

    def scores(self, text: str) -> np.ndarray:
        """Tag scores of every character, shape (len(text), N_TAGS)."""
        cp = codepoints(text)
        s = self.first.scores(hashes(cp, self.lexicon))
        if self.stack is not None:
            # the second pass scores the positions the first is not all but certain are
            # O (beyond SKIP_O); the others keep their first-pass scores
            s = s.copy()
            live = np.flatnonzero(s[:, 0] - s[:, 1:].max(1) < SKIP_O)
            if len(live):
                s[live] += self.stack.scores(stack_hashes(cp, s.argmax(1), live))
        return s

    def first_scores(self, text: str) -> np.ndarray:
        """The first pass's scores alone."""
        return self.first.scores(hashes(codepoints(text), self.lexicon))

    def tag(self, text: str) -> list[Span]:
        if not text:
            return []
        s = self.scores(text)
        return spans(self.decode(s), s)

    def decode(self, s: np.ndarray) -> np.ndarray:
        return decode(s, self.trans, self.sure)


def _weights(z, name: str) -> np.ndarray:
    w = z[name]
    if w.dtype == np.int8:
        return w.astype(np.float32) * np.float32(z[name + "_scale"])
    return w.astype(np.float32)


class Table:
    """Weight rows of hashed features: ``2**bits`` buckets, each owned by one feature
    whose 8-bit fingerprint it keeps; other features falling there read the zero row."""

    def __init__(self, weights: np.ndarray, bits: int, finger: np.ndarray) -> None:
        w = np.zeros(((1 << bits) + 1, LANES), dtype=np.float32)  # last row: absent
        w[:-1, :weights.shape[1]] = weights
        self.bits = bits
        self.finger = finger
        self.weights = w
        self._rows = w.view(np.dtype((np.void, 4 * LANES))).ravel()

    def rows(self, h: np.ndarray) -> np.ndarray:
        """Row of each hash: its bucket (``features.split``), or the zero row when the
        bucket's owner has another fingerprint."""
        bucket = (h >> np.uint64(64 - self.bits)).astype(np.intp)
        fp = (h >> np.uint64(20)).astype(np.uint8)  # the low 8 bits, as split() takes them
        bucket[self.finger.take(bucket) != fp] = 1 << self.bits
        return bucket

    def scores(self, h: np.ndarray) -> np.ndarray:
        """Summed rows of the hashes ``h`` (features, n): scores (n, N_TAGS)."""
        feats = self.rows(h)
        n = feats.shape[1]
        s = self._rows.take(feats[0]).view(np.float32).reshape(n, LANES)
        for k in range(1, feats.shape[0]):
            s += self._rows.take(feats[k]).view(np.float32).reshape(n, LANES)
        return s[:, :N_TAGS]


class _same:
    def __init__(self, p):
        self.p = p

    def __enter__(self):
        return self.p

    def __exit__(self, *exc):
        return False


def viterbi(sc: np.ndarray, trans: np.ndarray) -> np.ndarray:
    """Best paths for padded scores ``sc`` (runs, width, N_TAGS); ``trans`` includes the
    hard constraints. Before every run stands an O; pad a run with O to end it."""
    runs, width, _ = sc.shape
    delta = sc[:, 0] + trans[0] + START
    back = np.empty((runs, width, N_TAGS), dtype=np.intp)
    for t in range(1, width):
        cand = delta[:, :, None] + trans[None]
        b = cand.argmax(1)
        back[:, t] = b
        delta = np.take_along_axis(cand, b[:, None, :], 1)[:, 0] + sc[:, t]
    delta = delta + trans[:, 0]
    path = np.empty((runs, width), dtype=np.intp)
    path[:, -1] = delta.argmax(1)
    rr = np.arange(runs)
    for t in range(width - 1, 0, -1):
        path[:, t - 1] = back[rr, t, path[:, t]]
    return path


def pad_runs(s: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Scores of the runs [starts, ends) stacked and padded with O, and their indices."""
    width = int((ends - starts).max())
    idx = starts[:, None] + np.arange(width)[None, :]
    pad = idx >= ends[:, None]
    idx = np.where(pad, 0, idx)
    sc = s[idx]
    sc[pad] = -1e9
    sc[pad, 0] = 0.0
    return sc, idx, pad


def decode(s: np.ndarray, trans: np.ndarray | None = None, sure: float = SURE_O) -> np.ndarray:
    """The best allowed tag sequence for scores ``s`` (n, N_TAGS)."""
    trans = TRANS if trans is None else trans
    n = len(s)
    best = s.argmax(1)
    other = s[:, 1:].max(1)
    free = ~((best == 0) & (s[:, 0] - other > sure))
    tags = np.zeros(n, dtype=np.intp)
    if not free.any():
        return tags
    edges = np.diff(np.concatenate(([0], free.view(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    lengths = ends - starts
    lo = 0
    for hi in (2, 4, 8, 16, 32, 64, None):  # runs of like length decoded together
        sel = (lengths > lo) if hi is None else (lengths > lo) & (lengths <= hi)
        lo = hi or 0
        if not sel.any():
            continue
        sc, idx, pad = pad_runs(s, starts[sel], ends[sel])
        path = viterbi(sc, trans)
        tags[idx[~pad]] = path[~pad]
    return tags


def spans(tags: np.ndarray, s: np.ndarray | None = None) -> list[Span]:
    """The entity spans of a BIO tag sequence, with the lowest probability of their tags
    under ``s`` (1.0 without scores)."""
    n = len(tags)
    begins = np.flatnonzero(tags % 2 == 1)
    if not len(begins):
        return []
    is_begin = tags % 2 == 1
    cont = np.zeros(n, dtype=bool)  # an I- tag continuing the entity before it
    cont[1:] = (tags[1:] % 2 == 0) & (tags[1:] != 0) & (
        (tags[:-1] == tags[1:]) | (tags[:-1] == tags[1:] - 1))
    ar = np.arange(n)
    last_begin = np.maximum.accumulate(np.where(is_begin, ar, -1))
    last_break = np.maximum.accumulate(np.where(is_begin | cont, -1, ar))
    inside = last_begin > last_break  # orphan I- tags stay outside
    nxt = np.zeros(n, dtype=bool)
    nxt[:-1] = cont[1:]
    ends = np.flatnonzero(inside & ~nxt) + 1
    if s is not None:
        pos = np.flatnonzero(inside)
        z = s[pos] - s[pos].max(1, keepdims=True)
        e = np.exp(z)
        p = np.ones(n)
        p[pos] = e[np.arange(len(pos)), tags[pos]] / e.sum(1)
        low = np.minimum.reduceat(p, begins) if len(begins) else p[:0]
        # reduceat runs to the next begin; the O positions between hold 1.0
    else:
        low = np.ones(len(begins))
    labels = ((tags[begins] - 1) // 2).tolist()
    return [Span(b, e_, LABELS[k], q) for b, e_, k, q in
            zip(begins.tolist(), ends.tolist(), labels, np.asarray(low, dtype=float).tolist(),
                strict=True)]
