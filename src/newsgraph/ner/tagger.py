"""A linear character tagger over hashed features, decoded with a constrained Viterbi.

Tags are BIO over PER/LOC/ORG, one weight lane each (lane 7 is padding so that a weight
row is 32 bytes and a row gather is one memory copy; a table of int8 weights packs a row
in 8 bytes, the bucket owner's fingerprint in its lane 7). Scores of a position are the
sum of its feature rows, added one after another. Two passes: the first scores character
and lexicon features (``features.hashes``); its best tag per position feeds the second
pass's features (``features.stack_hashes``: tag context, the entity the first pass saw),
whose rows are added to the first pass's scores. Decoding finds the best tag sequence in
which I-X only follows B-X or I-X. Positions the model is sure are O split the text into
short runs, and the runs are decoded together, longest first, so the Python loop runs
over the longest run, not over the text.

Most of a short text's time goes to the number of array operations, not their size:
``Tagger.tag_many`` tags several texts as one, edge marks between them, with the spans
each gets alone.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from newsgraph.ner.features import (
    BOS,
    EOS,
    LEX_MAX,
    Lexicon,
    codepoints,
    hashes,
    stack_hashes,
)

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
_LITTLE = sys.byteorder == "little"  # where a packed word keeps its lane 7
# Between texts tagged together: the edge marks every text has on its own, after it (3
# for the templates, LEX_MAX - 1 so that a lexicon entry starting in it reads them as
# well) and before the next one.
GAP = np.array([EOS] * max(3, LEX_MAX - 1) + [BOS] * 3, dtype=np.int64)


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
                 lexicon: Lexicon | None = None, stack: Table | None = None,
                 scale: float | None = None) -> None:
        self.first = Table(weights, bits, finger, scale)
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
                stack = (_table(z, "weights2", "bits2", "finger2") if "weights2" in z
                         else None)
                w, scale = _stored(z, "weights")
                return cls(w, int(z["bits"]), z["finger"], trans, sure, lex, stack, scale)

    def scores(self, text: str) -> np.ndarray:
        """Tag scores of every character, shape (len(text), N_TAGS)."""
        cp = codepoints(text)
        s = self.first.scores(hashes(cp, self.lexicon))
        if self.stack is not None:
            # the second pass scores the positions the first is not all but certain are
            # O (beyond SKIP_O); the others keep their first-pass scores
            live = (s[:, 0] - _max_of(s, 1) < SKIP_O).nonzero()[0]
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

    def tag_many(self, texts: Sequence[str]) -> list[list[Span]]:
        """``tag`` of every text, the texts tagged together: one run of the array work
        over all of them, the edge marks a text has on its own (``GAP``) between them,
        where neither pass looks past them and no tag stands. The same spans as ``tag``
        text by text, in a fraction of the time for many short texts."""
        out: list[list[Span]] = [[] for _ in texts]
        todo = [k for k, t in enumerate(texts) if t]
        if not todo:
            return out
        pieces, starts, pos = [], [], 0
        for k in todo:
            if pieces:
                pieces.append(GAP)
                pos += len(GAP)
            cp = codepoints(texts[k])
            pieces.append(cp)
            starts.append(pos)
            pos += len(cp)
        cp = np.concatenate(pieces) if len(pieces) > 1 else pieces[0]
        n = len(cp)
        gaps = np.ones(n, dtype=bool)
        for k, st in zip(todo, starts, strict=True):
            gaps[st:st + len(texts[k])] = False
        base = np.zeros(n, dtype=np.intp)  # the start of every position's text
        base[starts] = starts
        base = np.maximum.accumulate(base)
        s = self.first.scores(hashes(cp, self.lexicon, gaps))
        if self.stack is not None:
            live = ((s[:, 0] - _max_of(s, 1) < SKIP_O) & ~gaps).nonzero()[0]
            if len(live):
                first = s.argmax(1)
                first[gaps] = -1
                s[live] += self.stack.scores(stack_hashes(cp, first, live, base))
        found = spans(_decode(s, self.trans, self.sure, ~gaps), s)
        at = np.searchsorted(np.array(starts), [sp.start for sp in found], side="right") - 1
        for sp, j in zip(found, at.tolist(), strict=True):
            st = starts[j]
            out[todo[j]].append(Span(sp.start - st, sp.end - st, sp.label, sp.prob))
        return out


def _stored(z, name: str) -> tuple[np.ndarray, np.float32 | None]:
    """A weight table of the model file: int8 weights and their scale, or float ones."""
    w = z[name]
    if w.dtype == np.int8:
        return w, np.float32(z[name + "_scale"])
    return w.astype(np.float32), None


def _table(z, name: str, bits: str, finger: str) -> Table:
    w, scale = _stored(z, name)
    return Table(w, int(z[bits]), z[finger], scale)


class Table:
    """Weight rows of hashed features: ``2**bits`` buckets, each owned by one feature
    whose 8-bit fingerprint it keeps; other features falling there read the zero row.

    With ``scale``, ``weights`` are int8 and stand for ``weights * scale`` in float32:
    they are kept packed, one 8-byte word a bucket (seven weights and, in the eighth
    byte, the owner's fingerprint), a quarter of the float rows, so that the random
    reads of a text's features mostly hit the cache; a read row is converted as the
    model file's loader converts the whole table, so the scores are the same."""

    def __init__(self, weights: np.ndarray, bits: int, finger: np.ndarray,
                 scale: float | None = None) -> None:
        self.bits = bits
        self.finger = finger
        self.scale = None if scale is None else np.float32(scale)
        if self.scale is None:
            self._float(weights)
            self._packed = None
        else:
            q = np.zeros((1 << bits, LANES), dtype=np.int8)
            q[:, :weights.shape[1]] = weights
            q[:, LANES - 1] = finger.view(np.int8)
            self._packed = q.view(np.uint64).ravel()
            self._q = weights

    def _float(self, weights: np.ndarray) -> None:
        w = np.zeros(((1 << self.bits) + 1, LANES), dtype=np.float32)  # last row: absent
        w[:-1, :weights.shape[1]] = weights
        self._weights = w
        self._rows = w.view(np.dtype((np.void, 4 * LANES))).ravel()

    @property
    def weights(self) -> np.ndarray:
        """The float weight rows, ``2**bits`` of them and a zero row."""
        if self._packed is not None and not hasattr(self, "_weights"):
            self._float(self._q.astype(np.float32) * self.scale)
        return self._weights

    def rows(self, h: np.ndarray) -> np.ndarray:
        """Row of each hash: its bucket (``features.split``), or the zero row when the
        bucket's owner has another fingerprint."""
        bucket = (h >> np.uint64(64 - self.bits)).astype(np.intp)
        fp = (h >> np.uint64(20)).astype(np.uint8)  # the low 8 bits, as split() takes them
        bucket[self.finger.take(bucket) != fp] = 1 << self.bits
        return bucket

    def scores(self, h: np.ndarray) -> np.ndarray:
        """Summed rows of the hashes ``h`` (features, n): scores (n, N_TAGS)."""
        f, n = h.shape
        if self._packed is None:
            rows = self._rows.take(self.rows(h).ravel()).view(np.float32).reshape(f, n, LANES)
        else:
            word = self._packed.take((h >> np.uint64(64 - self.bits)).astype(np.intp))
            # the zero row where the bucket's owner has another fingerprint (the hash's
            # bits 20..27, as split() takes them, against the word's top byte)
            lane7 = word >> np.uint64(56) if _LITTLE else word & np.uint64(0xFF)
            word *= (h >> np.uint64(20) & np.uint64(0xFF)) == lane7
            q = word.view(np.int8).reshape(f, n, LANES)  # lane 7: the fingerprint, unused
            rows = np.multiply(q, self.scale, dtype=np.float32)
        # the rows one after another, in this order (a reduction over the outer axis adds
        # row k + 1 to the sum of rows 0..k, as a loop would; tests check it)
        return np.add.reduce(rows, axis=0)[:, :N_TAGS]


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


def viterbi_runs(s: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                 trans: np.ndarray, tags: np.ndarray) -> None:
    """Writes into ``tags`` the best path of every run ``s[start:start + length]``, each
    decoded on its own as ``viterbi`` does (an O before and after it), all in one loop
    over the longest: the runs sorted longest first, so the ones still going at a
    position are the first ones, and the shorter runs are neither padded nor touched
    past their ends."""
    order = np.argsort(-lengths, kind="stable")
    st, ln = starts[order], lengths[order]
    runs, width = len(st), int(ln[0])
    going = np.bincount(ln, minlength=width + 1)[::-1].cumsum()[::-1][1:].tolist() + [0]
    steps = np.arange(width)
    idx = st[None, :] + steps[:, None]
    sc = s[np.minimum(idx, len(s) - 1)]  # (width, runs, N_TAGS); past a run's end: unused
    into = trans.T.copy()  # into[next, prev]
    delta = sc[0] + trans[0] + START
    back = np.empty((width, runs * N_TAGS), dtype=np.intp)  # (run, next) -> prev
    first = np.arange(0, runs * N_TAGS * N_TAGS, N_TAGS)  # of (run, next) in cand.ravel()
    for t in range(1, width):
        k = going[t]
        cand = delta[:k, None, :] + into  # (run, next, prev)
        best = cand.argmax(2).ravel()
        back[t, :k * N_TAGS] = best
        # the best candidates themselves (as cand.max(2), which is slower)
        delta[:k] = cand.ravel().take(first[:k * N_TAGS] + best).reshape(k, N_TAGS) + sc[t, :k]
    cur = (delta + trans[:, 0]).argmax(1)  # the last tag of every run
    base = np.arange(0, runs * N_TAGS, N_TAGS)
    for t in range(width - 1, -1, -1):
        a, b = going[t + 1], going[t]  # runs [a, b) end at t; [0, a) go on
        if a:
            cur[:a] = back[t + 1].take(base[:a] + cur[:a])
        tags[idx[t, :b]] = cur[:b]


def decode(s: np.ndarray, trans: np.ndarray | None = None, sure: float = SURE_O) -> np.ndarray:
    """The best allowed tag sequence for scores ``s`` (n, N_TAGS)."""
    return _decode(s, TRANS if trans is None else trans, sure)


def _decode(s: np.ndarray, trans: np.ndarray, sure: float,
            text: np.ndarray | None = None) -> np.ndarray:
    """``decode``; ``text`` (bool per position): where texts stand, O elsewhere, the runs
    decoded text by text."""
    n = len(s)
    tags = np.zeros(n, dtype=np.intp)
    if not n:
        return tags
    sure_o = s[:, 0] - _max_of(s, 1) > sure
    if sure < 0:  # (else O beating every other tag by more than sure is the best tag)
        sure_o &= s.argmax(1) == 0
    free = np.zeros(n + 2, dtype=np.int8)  # a 0 before and after
    free[1:n + 1] = ~sure_o
    if text is not None:
        free[1:n + 1] &= text
    edges = free[1:] - free[:-1]
    starts = (edges == 1).nonzero()[0]
    if not len(starts):
        return tags
    ends = (edges == -1).nonzero()[0]
    viterbi_runs(s, starts, ends - starts, trans, tags)
    return tags


def _max_of(s: np.ndarray, first: int) -> np.ndarray:
    """The largest of the scores ``s[:, first:]`` of every position: a column at a time,
    faster than ``s[:, first:].max(1)`` (the same values: a maximum is exact)."""
    out = s[:, first].copy()
    for k in range(first + 1, s.shape[1]):
        np.maximum(out, s[:, k], out=out)
    return out


def spans(tags: np.ndarray, s: np.ndarray | None = None) -> list[Span]:
    """The entity spans of a BIO tag sequence, with the lowest probability of their tags
    under ``s`` (1.0 without scores). An I- tag continues the entity of the tag before it
    when that is its B- or I- tag; an I- tag that does not (an orphan) stands outside, and
    so do the I- tags continuing it."""
    at = tags.nonzero()[0]  # the tags that are not O: few, read one by one
    if not len(at):
        return []
    found: list[list[int]] = []  # [label, first, last] of each entity, by first
    members: list[list[int]] = []  # each entity's indices into ``at``
    open_ = False
    last_pos = last_tag = -2
    for k, (pos, tag) in enumerate(zip(at.tolist(), tags[at].tolist(), strict=True)):
        if tag & 1:  # B-
            found.append([(tag - 1) // 2, pos, pos])
            members.append([k])
            open_ = True
        elif open_ and last_pos == pos - 1 and (last_tag == tag or last_tag == tag - 1):
            found[-1][2] = pos
            members[-1].append(k)
        else:
            open_ = False  # an orphan I- tag
        last_pos, last_tag = pos, tag
    if not found:
        return []
    if s is None:
        low = [1.0] * len(found)
    else:
        # every tag's probability (each row on its own: the same values for any rows)
        sa = s[at]
        z = sa - _max_of(sa, 0)[:, None]
        e = np.exp(z)
        p = (e[np.arange(len(at)), tags[at]] / e.sum(1)).tolist()
        low = [min(min(p[k] for k in ks), 1.0) for ks in members]
    return [Span(first, last + 1, LABELS[label], q)
            for (label, first, last), q in zip(found, low, strict=True)]
