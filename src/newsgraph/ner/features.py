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
    raw = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    if len(raw) and raw.max() < 0x10000:  # all in the BMP, where the folding happens
        return _bmp_folded().take(raw)
    return _fold(raw.astype(np.int64))


_BMP: list[np.ndarray] = []


def _bmp_folded() -> np.ndarray:
    """``_fold`` of every code point of the BMP, as a look-up table."""
    if not _BMP:
        _BMP.append(_fold(np.arange(0x10000, dtype=np.int64)))
    return _BMP[0]


def _fold(cp: np.ndarray) -> np.ndarray:
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


# The hashing wraps around 64 bits: numpy's integer arithmetic on arrays does so without a
# word (only scalar arithmetic warns of overflow), so it runs outside np.errstate.
def _finish(h: np.ndarray) -> np.ndarray:
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
        loc, org = self.states_padded(pad, n)
        return loc[:n].astype(np.int64), org[:n].astype(np.int64)

    def states_padded(self, pad: np.ndarray, n: int, gaps: np.ndarray | None = None
                      ) -> tuple[np.ndarray, np.ndarray]:
        """``states`` as uint64 arrays, each ``LEX_MAX`` positions longer (those past the
        text are the entries' overhang, as ``states`` leaves them out); with ``gaps``
        (see ``hashes``), entries start only outside them and they read 0."""
        loc = np.zeros(n + LEX_MAX, dtype=np.uint64)
        org = np.zeros(n + LEX_MAX, dtype=np.uint64)
        if n == 0:
            return loc, org
        hs = _all_substring_hashes(pad, n, LEX_MAX)  # (LEX_MAX - 1, n): lengths 2..LEX_MAX
        slot = (hs >> np.uint64(64 - LEX_BITS)).astype(np.intp)
        flat = self.table.take(slot).ravel().nonzero()[0]
        if not len(flat):
            return loc, org
        hc = hs.ravel().take(flat)
        i = np.minimum(np.searchsorted(self.keys, hc), len(self.keys) - 1)
        ok = self.keys.take(i) == hc
        if not ok.any():
            return loc, org
        flat, bits = flat[ok], self.bits.take(i[ok])
        if gaps is not None:
            keep = ~gaps.take(flat % n)
            flat, bits = flat[keep], bits[keep]
        flat, bits = flat.tolist(), bits.tolist()
        # longer names are written after shorter ones and win; within one length, first
        # characters, then inner ones, then last ones, as in a loop over lengths (the
        # matches come by length, then position)
        for state, bit in ((loc, LOC), (org, ORG_SUFFIX)):
            found = [divmod(f, n) for f, b in zip(flat, bits, strict=True) if b & bit]
            j = 0
            while j < len(found):
                row = found[j][0]
                at = []
                while j < len(found) and found[j][0] == row:
                    at.append(found[j][1])
                    j += 1
                length = row + 2
                for a in at:
                    state[a] = 1 + length
                for k in range(1, length - 1):
                    for a in at:
                        state[a + k] = 9 + length
                for a in at:
                    state[a + length - 1] = 17 + length
        if gaps is not None:
            loc[:n][gaps] = 0  # an entry's overhang past its text
            org[:n][gaps] = 0
        return loc, org


def _all_substring_hashes(pad: np.ndarray, n: int, longest: int) -> np.ndarray:
    """``_substring_hashes`` of lengths 2..longest as rows of one array."""
    raw = np.empty((longest - 1, n), dtype=np.uint64)
    h = pad[:n] * _PRIME + pad[1:n + 1]
    raw[0] = h
    for length in range(3, longest + 1):
        h *= _PRIME
        h += pad[length - 1:length - 1 + n]
        raw[length - 2] = h
    raw ^= _LENGTHS[:longest - 1]
    raw *= _MIX
    raw ^= raw >> np.uint64(31)
    return raw


_LENGTHS = np.arange(2, LEX_MAX + 1, dtype=np.uint64)[:, None]


# ---------------------------------------------------------------------------- pass one

_CLASS_TABLE: list[np.ndarray] = []
# the weight of the class at each offset of the pattern, reversed (convolve reverses them)
_CLASS_PLACES = np.array([1, 8, 64, 512, 4096], dtype=np.int64)
with np.errstate(over="ignore"):
    _TSEED = np.arange(1, len(TEMPLATES) + 1, dtype=np.uint64) * _MIX  # template t: t + 1
    _SCALE3 = _SLOT[:3, None].copy()


def _plan() -> tuple[list[tuple[int, int, int, int]], list[int]]:
    """The templates made of adjacent offsets (o, o+1, ...) in groups of consecutive ones
    whose first offsets are consecutive too: (t0, t1, width, first offset of t0), each
    group one XOR of windows; and the others (the bias, skip bigrams), one by one."""
    groups: list[tuple[int, int, int, int]] = []
    other: list[int] = []
    for t, o in enumerate(TEMPLATES):
        if not o or list(o) != list(range(o[0], o[0] + len(o))):
            other.append(t)
        elif groups and groups[-1][1] == t and groups[-1][2] == len(o) and (
                groups[-1][3] + t - groups[-1][0] == o[0]):
            groups[-1] = (groups[-1][0], t + 1, len(o), groups[-1][3])
        else:
            groups.append((t, t + 1, len(o), o[0]))
    return groups, other


_GROUPS, _OTHER = _plan()


def _windows(a: np.ndarray, first: int, rows: int, n: int) -> np.ndarray:
    """The rows ``a[first + r : first + r + n]`` for r < ``rows``, as a view (``a`` is
    contiguous)."""
    return np.ndarray((rows, n), a.dtype, a, first * a.itemsize, (a.itemsize, a.itemsize))


def _class_table() -> np.ndarray:
    """``_classes`` of every code point, as a look-up table of bytes."""
    if not _CLASS_TABLE:
        _CLASS_TABLE.append(_classes(np.arange(0x110000, dtype=np.int64)).astype(np.uint8))
    return _CLASS_TABLE[0]


def _templates(pad: np.ndarray, n: int, out: np.ndarray) -> None:
    """The character templates' hashes, before ``_finish``, into ``out[:len(TEMPLATES)]``:
    template t XORs into (t + 1) * _MIX the code points at its offsets (``pad`` starts 3
    before the text), each multiplied by the _SLOT of its place in the template."""
    sc = pad[:n + 6] * _SCALE3  # (3, n + 6): the code points scaled for places 0, 1, 2
    grams = [sc[0]]  # grams[w - 1][j]: the w code points from pad[j] on, XORed
    for w in (2, 3):
        grams.append(grams[-1][:-1] ^ sc[w - 1, w - 1:])
    for t0, t1, width, first in _GROUPS:
        np.bitwise_xor(_windows(grams[width - 1], 3 + first, t1 - t0, n),
                       _TSEED[t0:t1, None], out=out[t0:t1])
    for t in _OTHER:
        out[t] = _TSEED[t]
        for slot, off in enumerate(TEMPLATES[t]):
            out[t] ^= sc[slot, 3 + off:3 + off + n]


def hashes(cp: np.ndarray, lex: Lexicon | None = None,
           gaps: np.ndarray | None = None) -> np.ndarray:
    """64-bit feature hashes, shape ``(N_FEATURES, len(cp))``, dtype uint64 (without a
    lexicon, the lexicon features read "no match").

    ``gaps`` (bool per position) marks the edge marks between texts tagged together
    (``GAP`` before each text but the first): no lexicon entry starts or stands there, so
    every text's features are those it has on its own."""
    n = len(cp)
    pad = np.empty(n + 6 + LEX_MAX, dtype=np.uint64)
    pad[:3] = BOS
    pad[3:n + 3] = cp
    pad[n + 3:] = EOS
    out = np.empty((N_FEATURES, n), dtype=np.uint64)
    k = len(TEMPLATES)
    _templates(pad, n, out)
    # the class pattern of the window -2..+2, three bits a class, the left one highest
    cls = _class_table().take(pad[1:n + 5].astype(np.intp)).astype(np.int64)
    pat = (np.convolve(cls, _CLASS_PLACES, mode="valid").astype(np.uint64) if n  # exact
           else np.zeros(0, dtype=np.uint64))
    np.multiply(pat + np.uint64(1000), _MIX, out=out[k])
    if lex is None:
        loc = org = np.zeros(n + 1, dtype=np.uint64)
    else:
        loc, org = lex.states_padded(pad[3:], n, gaps)
    for row, state, slot, base in ((k + 1, loc, 1, 1 << 20), (k + 2, org, 2, 1 << 21)):
        nxt = state[1:n + 1].copy()
        nxt[-1:] = 0
        h = out[row]
        np.multiply(state[:n], np.uint64(64), out=h)
        h += nxt
        h += np.uint64(base)
        h *= _SLOT[slot]
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


def stack_hashes(cp: np.ndarray, tags: np.ndarray, idx: np.ndarray | None = None,
                 base: np.ndarray | int = 0) -> np.ndarray:
    """Second-pass feature hashes ``(N_STACK, len(idx))`` from the first pass's tags, for
    the positions ``idx`` (default: all).

    For texts tagged together (see ``hashes``): ``base`` gives the start of every
    position's text, and ``tags`` is -1 on the gaps, which hold the edge marks."""
    n = len(cp)
    if n == 0:
        return np.empty((N_STACK, 0 if idx is None else len(idx)), dtype=np.uint64)
    u = np.uint64
    cpu = cp.astype(u)
    t = np.zeros(n + 4, dtype=u)  # tags + 1 (3 bits), 0 past the text's ends
    t[2:n + 2] = tags + 1
    # entity_of(tags), on arrays with one position more on either side (index j stands
    # for position j - 1), so that a position's neighbours are slices of them
    labs = t >> u(1)  # the label: 0 for O and outside the text
    lab_p, lab_prev = labs[1:n + 3], labs[:n + 2]
    ar_p = np.arange(-1, n + 1)
    inside_p = lab_p != 0
    begin = inside_p & (((t[1:n + 3] & u(1)) == 0) | (lab_p != lab_prev))  # B, or I after
    start_p = np.maximum.accumulate(np.where(begin, ar_p, -2))  # another label
    start_p[~inside_p] = -1
    ends = np.empty(n + 2, dtype=bool)  # the entity ends here: what follows begins or is O
    ends[:-1] = begin[1:] | (labs[2:n + 3] == 0)
    ends[-1] = True
    end_p = np.minimum.accumulate(np.where(inside_p & ends, ar_p + 1, n + 1)[::-1])[::-1]
    end_p[~inside_p] = -1
    start, end, lab, inside = start_p[1:n + 1], end_p[1:n + 1], lab_p[1:n + 1], inside_p[1:n + 1]
    ar = ar_p[1:n + 1]
    # the features of every position (those of the entity it is in, of the entities
    # just after and just before it), then those of idx
    f = np.empty((N_STACK, n), dtype=u)
    f[:5] = _windows(t, 0, 5, n)  # tags at -2..+2
    tm, t0, tp = f[1], f[2], f[3]
    f[5] = tm | t0 << u(4) | tp << u(8)
    f[6] = cpu | tm << u(21)  # code point: 21 bits; lb 2, length and pos 4
    f[7] = cpu | tp << u(21)
    f[8] = cpu | t0 << u(21)
    e1 = np.maximum(end - 1, base)  # outside (start = end = -1): the text's first
    last = cpu.take(e1)
    last2 = cpu.take(np.maximum(e1 - 1, base))
    first = cpu.take(np.maximum(start, base))
    length = np.minimum(end - start, 12).astype(u)
    pos = np.where(inside, np.minimum(ar - start, 15), 0).astype(u)
    edges = np.empty(n + 2, dtype=u)  # [BOS] cp [EOS] (position -1 reads EOS) ...
    edges[0], edges[1:n + 1], edges[n + 1] = BOS, cpu, EOS
    after = edges[1:].take(end)  # the end's character, EOS at or outside the text's end
    edges[n + 1] = BOS  # ... [BOS] cp [BOS]
    before = edges.take(start)  # the one before the start, BOS at or outside its start
    lb_last = lab | last << u(2)
    f[9] = lb_last | last2 << u(23)
    f[10] = lab | first << u(2) | length << u(23)
    f[11] = lb_last | pos << u(23) | length << u(27)
    f[12] = lab | before << u(2) | after << u(23)
    # the entity just after / just before an O position
    outside = ~inside
    nl = np.where(outside & (start_p[2:] == ar_p[2:]), lab_p[2:], u(0))
    pl = np.where(outside & (end_p[:n] == ar), lab_p[:n], u(0))
    nlast = np.where(nl > 0, cpu.take(np.maximum(end_p[2:] - 1, 0)), u(0))
    pfirst = np.where(pl > 0, cpu.take(np.maximum(start_p[:n], 0)), u(0))
    np.bitwise_xor(nl | pl << u(2) | nlast << u(4) | pfirst << u(25), cpu * _SLOT[3],
                   out=f[13])
    out = f if idx is None else f.take(idx, axis=1)
    out *= _SLOT[1]
    out ^= _STACK_SEED
    return _finish(out)


with np.errstate(over="ignore"):
    _STACK_SEED = (np.arange(101, 101 + N_STACK, dtype=np.uint64) * _MIX)[:, None]


def split(h: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """A hash's bucket (its top ``bits`` bits) and its 8-bit fingerprint."""
    return ((h >> np.uint64(64 - bits)).astype(np.intp),
            ((h >> np.uint64(20)) & np.uint64(0xFF)).astype(np.uint8))
