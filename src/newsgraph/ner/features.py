"""Hashed character features, computed with numpy over code-point arrays.

First pass (``hashes``): every position gets ``N_FEATURES`` features: the characters at
offsets -3..+3, the bigrams and trigrams around it, a skip bigram, the pattern of
character classes in the window and two lexicon features (where the position stands in
the longest place name of the gazetteer/country list matching around it, and in an
organisation suffix such as 委员会 or 有限公司 ending there).

Second pass (``stack_hashes``): features of the first pass's tags around the position
(tag n-grams, tags with the character, and of the entity the first pass put the position
in: its label with its last characters, its first character, its length), so the second
pass can see a whole entity and mend its type and boundaries.

Each feature is hashed (multiply-xor-shift over 64-bit integers) into ``2**bits``
buckets; the tagger keeps one weight row per bucket and the 8-bit fingerprint of the
feature that owns it, and reads a feature whose fingerprint differs (a feature unseen in
training, most often) as absent. The same code computes the features for training
(``scripts/train_ner.py``) and at run time, so the two cannot drift apart.
"""

from __future__ import annotations

import numpy as np

# Offsets read by each template; the template's index is mixed into its hash.
TEMPLATES: tuple[tuple[int, ...], ...] = (
    (),  # bias
    (-2,), (-1,), (0,), (1,), (2,),
    (-2, -1), (-1, 0), (0, 1), (1, 2),
    (-1, 1),
    (-2, -1, 0), (-1, 0, 1), (0, 1, 2),
    (-3,), (3,),
)
N_LEXICAL = 2
N_FEATURES = len(TEMPLATES) + 1 + N_LEXICAL  # + the class pattern of the window
BOS, EOS = 1, 2  # code points standing for "before the text" and "after the text"
_SLOT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                  0x27D4EB2F165667C5, 0x94D049BB133111EB], dtype=np.uint64)
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_PRIME = np.uint64(0x100000001B3)
LEX_BITS = 22  # the lexicon's screening table: one byte for each of 2**22 hash slots
LEX_MAX = 8  # longest lexicon entry looked for
LOC, ORG_SUFFIX = 1, 2  # lexicon bits


def codepoints(text: str) -> np.ndarray:
    """The text's code points, folded: full-width ASCII to half width, letters to lower
    case, every digit to 0 (dates and counts look alike to the tagger)."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    fw = (cp >= 0xFF01) & (cp <= 0xFF5E)
    cp[fw] -= 0xFEE0
    cp[cp == 0x3000] = 0x20
    up = (cp >= 0x41) & (cp <= 0x5A)
    cp[up] += 0x20
    cp[(cp >= 0x30) & (cp <= 0x39)] = 0x30
    return cp


def _classes(cp: np.ndarray) -> np.ndarray:
    """0 other/punctuation, 1 Han, 2 digit, 3 Latin letter, 4 space, 5 text edge."""
    cls = np.zeros(cp.shape, dtype=np.int64)
    cls[(cp >= 0x4E00) & (cp <= 0x9FFF)] = 1
    cls[cp == 0x30] = 2
    cls[(cp >= 0x61) & (cp <= 0x7A)] = 3
    cls[(cp == 0x20) | (cp == 0x0A) | (cp == 0x09)] = 4
    cls[cp <= 2] = 5
    return cls


def _finish(h: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h *= _MIX
        h ^= h >> np.uint64(29)
        h *= _SLOT[0]
    return h


# ---------------------------------------------------------------------------- lexicon

def _substring_hashes(pad: np.ndarray, n: int, longest: int):
    """(length, 64-bit hash of pad[i:i+length] for every i < n) for lengths 2..longest."""
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for length in range(1, longest + 1):
            h = h * _PRIME + pad[length - 1:length - 1 + n]
            if length >= 2:
                k = (h ^ np.uint64(length)) * _MIX
                yield length, k ^ (k >> np.uint64(31))


class Lexicon:
    """Place names and organisation suffixes as sorted 64-bit hashes with their bits
    (LOC, ORG_SUFFIX), and a byte table over the hashes' top bits that screens positions
    before the exact look-up. It travels inside the model file, so the features at run
    time are the ones the model was trained with."""

    def __init__(self, keys: np.ndarray, bits: np.ndarray) -> None:
        order = np.argsort(keys)
        self.keys, self.bits = keys[order], bits[order]
        self.table = np.zeros(1 << LEX_BITS, dtype=np.uint8)
        np.bitwise_or.at(self.table, (self.keys >> np.uint64(64 - LEX_BITS)).astype(np.intp),
                         self.bits)

    @classmethod
    def build(cls) -> Lexicon:
        """From newsgraph.lexicons: the gazetteer's provinces, cities and counties (full
        and short names) and townships' full names, countries with their capitals and
        cities, and org_suffixes."""
        from newsgraph.lexicons import table
        from newsgraph.lexicons.gazetteer import Gazetteer

        places = set()
        for div in Gazetteer.load():
            if div.level in ("province", "city", "county"):
                places.update(div.surface_forms)
            elif len(div.name) >= 3:
                places.add(div.name)
        for row in table("countries"):
            places.update(row[:2])
            places.update(row[3:4])
            if len(row) > 4:
                places.update(row[4].split("/"))
        suffixes = {row[0] for row in table("org_suffixes")}
        found: dict[int, int] = {}
        for words, bit in ((places, LOC), (suffixes, ORG_SUFFIX)):
            for w in words:
                if 2 <= len(w) <= LEX_MAX:
                    cp = codepoints(w).astype(np.uint64)
                    key = int(list(_substring_hashes(cp, 1, len(cp)))[-1][1][0])
                    found[key] = found.get(key, 0) | bit
        return cls(np.array(list(found), dtype=np.uint64),
                   np.array(list(found.values()), dtype=np.uint8))

    def states(self, pad: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Per position: where it stands in the longest place name covering it (0 none,
        else 1 + 8 * part + length, part 0 first, 1 inside, 2 last character) and in an
        organisation suffix (the same code)."""
        loc = np.zeros(n + LEX_MAX, dtype=np.int64)
        org = np.zeros(n + LEX_MAX, dtype=np.int64)
        top = np.uint64(64 - LEX_BITS)
        for length, h in _substring_hashes(pad, n, LEX_MAX):
            cand = np.flatnonzero(self.table.take((h >> top).astype(np.intp)))
            if not len(cand):
                continue
            hc = h[cand]
            i = np.minimum(np.searchsorted(self.keys, hc), len(self.keys) - 1)
            ok = self.keys[i] == hc
            cand, bits = cand[ok], self.bits[i[ok]]
            for state, bit in ((loc, LOC), (org, ORG_SUFFIX)):
                at = cand[(bits & bit) > 0]
                if not len(at):
                    continue
                state[at] = 1 + length
                for k in range(1, length - 1):
                    state[at + k] = 9 + length
                state[at + length - 1] = 17 + length
        return loc[:n], org[:n]


# ---------------------------------------------------------------------------- pass one

def hashes(cp: np.ndarray, lex: Lexicon | None = None) -> np.ndarray:
    """64-bit feature hashes, shape ``(N_FEATURES, len(cp))``, dtype uint64 (without a
    lexicon, the lexicon features read "no match")."""
    n = len(cp)
    pad = np.empty(n + 6 + LEX_MAX, dtype=np.uint64)
    pad[:3] = BOS
    pad[3:n + 3] = cp
    pad[n + 3:] = EOS
    out = np.empty((N_FEATURES, n), dtype=np.uint64)
    with np.errstate(over="ignore"):
        width = max(len(o) for o in TEMPLATES)
        scaled = [pad[:n + 6] * _SLOT[slot] for slot in range(width)]
        for t, offsets in enumerate(TEMPLATES):
            h = out[t]
            h.fill(np.uint64(t + 1) * _MIX)
            for slot, off in enumerate(offsets):
                h ^= scaled[slot][3 + off:3 + off + n]
        cls = _classes(pad[1:n + 5].astype(np.int64))
        pat = np.zeros(n, dtype=np.uint64)
        for off in range(-2, 3):
            pat = pat * np.uint64(8) + cls[2 + off:2 + off + n].astype(np.uint64)
        k = len(TEMPLATES)
        out[k] = (pat + np.uint64(1000)) * _MIX
        if lex is None:
            loc = org = np.zeros(n, dtype=np.int64)
        else:
            loc, org = lex.states(pad[3:], n)
        nxt = np.empty_like(loc)
        nxt[:-1], nxt[-1:] = loc[1:], 0
        out[k + 1] = (loc.astype(np.uint64) * np.uint64(64) + nxt.astype(np.uint64)
                      + np.uint64(1 << 20)) * _SLOT[1]
        onx = np.empty_like(org)
        onx[:-1], onx[-1:] = org[1:], 0
        out[k + 2] = (org.astype(np.uint64) * np.uint64(64) + onx.astype(np.uint64)
                      + np.uint64(1 << 21)) * _SLOT[2]
    return _finish(out)


# ---------------------------------------------------------------------------- pass two

N_STACK = 14


def entity_of(tags: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For tags (BIO ids, 0 = O, 2k+1 = B, 2k+2 = I; an I after another label begins an
    entity): each position's entity start and end (exclusive; -1 outside) and label
    (0 outside, 1..3)."""
    n = len(tags)
    lab = (tags + 1) // 2
    prev = np.empty_like(lab)
    prev[0], prev[1:] = 0, lab[:-1]
    begin = (lab > 0) & ((tags % 2 == 1) | (prev != lab))
    ar = np.arange(n)
    start = np.maximum.accumulate(np.where(begin, ar, -1))
    start = np.where(lab > 0, start, -1)
    nxt_begin = np.empty(n, dtype=bool)
    nxt_begin[:-1], nxt_begin[-1] = begin[1:] | (lab[1:] == 0), True
    ends_here = (lab > 0) & nxt_begin
    end = np.minimum.accumulate(np.where(ends_here, ar + 1, n + 1)[::-1])[::-1]
    end = np.where(lab > 0, end, -1)
    return start, end, lab


def stack_hashes(cp: np.ndarray, tags: np.ndarray, idx: np.ndarray | None = None) -> np.ndarray:
    """Second-pass feature hashes ``(N_STACK, len(idx))`` from the first pass's tags, for
    the positions ``idx`` (default: all)."""
    n = len(cp)
    if idx is None:
        idx = np.arange(n)
    t = np.zeros(n + 4, dtype=np.uint64)
    t[2:n + 2] = tags.astype(np.uint64) + np.uint64(1)
    start, end, lab = entity_of(tags)
    cpu = cp.astype(np.uint64)
    # one position past each end, so that idx + 1 and idx - 1 stay in range
    start_p = np.concatenate(([-1], start, [-1]))
    end_p = np.concatenate(([-1], end, [-1]))
    lab_p = np.concatenate(([0], lab, [0]))
    st, en, la = start_p[idx + 1], end_p[idx + 1], lab_p[idx + 1]
    inside = la > 0
    s0 = np.where(inside, st, 0)
    e1 = np.where(inside, en - 1, 0)
    first, last = cpu.take(s0), cpu.take(e1)
    last2 = cpu.take(np.maximum(e1 - 1, 0))
    after = np.where(inside & (en < n), cpu.take(np.minimum(np.where(inside, en, 0), n - 1)),
                     EOS).astype(np.uint64)
    before = np.where(inside & (st > 0), cpu.take(np.maximum(s0 - 1, 0)),
                      BOS).astype(np.uint64)
    length = np.minimum(np.where(inside, en - st, 0), 12).astype(np.uint64)
    pos = np.minimum(np.where(inside, idx - st, 0), 15).astype(np.uint64)
    lb = la.astype(np.uint64)
    # the entity just after / just before an O position
    nxt_lab, nxt_start = lab_p[idx + 2], start_p[idx + 2]
    nl = np.where(~inside & (nxt_start == idx + 1), nxt_lab, 0).astype(np.uint64)
    nlast = np.where(nl > 0, cpu.take(np.maximum(end_p[idx + 2] - 1, 0)), 0).astype(np.uint64)
    prv_lab, prv_end = lab_p[idx], end_p[idx]
    pl = np.where(~inside & (prv_end == idx), prv_lab, 0).astype(np.uint64)
    pfirst = np.where(pl > 0, cpu.take(np.maximum(start_p[idx], 0)), 0).astype(np.uint64)
    u = np.uint64
    T = lambda k: t[2 + k + idx]  # noqa: E731  (tags + 1: 3 bits)
    c0 = cpu[idx]  # 21 bits; lb 2, length and pos 4
    # each feature's values packed into one integer (widths above), then hashed
    parts = (
        T(-2), T(-1), T(0), T(1), T(2),
        T(-1) | T(0) << u(4) | T(1) << u(8),
        c0 | T(-1) << u(21), c0 | T(1) << u(21), c0 | T(0) << u(21),
        lb | last << u(2) | last2 << u(23),
        lb | first << u(2) | length << u(23),
        lb | last << u(2) | pos << u(23) | length << u(27),
        lb | before << u(2) | after << u(23),
        (nl | pl << u(2) | nlast << u(4) | pfirst << u(25)) ^ (c0 * _SLOT[3]),
    )
    out = np.empty((N_STACK, len(idx)), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k, v in enumerate(parts):
            np.multiply(v, _SLOT[1], out=out[k])
            out[k] ^= np.uint64(k + 101) * _MIX
    return _finish(out)


def split(h: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """A hash's bucket (its top ``bits`` bits) and its 8-bit fingerprint."""
    return ((h >> np.uint64(64 - bits)).astype(np.intp),
            ((h >> np.uint64(20)) & np.uint64(0xFF)).astype(np.uint8))
