"""Hashed character n-gram features, computed with numpy over code-point arrays.

Every position of a text gets ``len(TEMPLATES)`` features: the characters at offsets
-2..+2, the bigrams and trigrams around it, a skip bigram and the pattern of character
classes in the window. Each feature is hashed (multiply-xor-shift over 64-bit integers)
into ``2**bits`` buckets; the tagger keeps one weight row per bucket and the 8-bit
fingerprint of the feature that owns it, and reads a feature whose fingerprint differs
(a feature unseen in training, most often) as absent.

The same code computes the features for training (``scripts/train_ner.py``) and at run
time, so the two cannot drift apart.
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
)
N_FEATURES = len(TEMPLATES) + 1  # + the class pattern of the window
BOS, EOS = 1, 2  # code points standing for "before the text" and "after the text"
_SLOT = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9],
                 dtype=np.uint64)
_MIX = np.uint64(0xFF51AFD7ED558CCD)


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


def hashes(cp: np.ndarray) -> np.ndarray:
    """64-bit feature hashes, shape ``(N_FEATURES, len(cp))``, dtype uint64."""
    n = len(cp)
    pad = np.empty(n + 4, dtype=np.uint64)
    pad[:2] = BOS
    pad[2:n + 2] = cp
    pad[n + 2:] = EOS
    out = np.empty((N_FEATURES, n), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t, offsets in enumerate(TEMPLATES):
            h = np.full(n, np.uint64(t + 1) * _MIX, dtype=np.uint64)
            for slot, off in enumerate(offsets):
                h ^= pad[2 + off:2 + off + n] * _SLOT[slot]
            out[t] = h
        cls = _classes(pad.astype(np.int64))
        pat = np.zeros(n, dtype=np.uint64)
        for off in range(-2, 3):
            pat = pat * np.uint64(8) + cls[2 + off:2 + off + n].astype(np.uint64)
        out[len(TEMPLATES)] = (pat + np.uint64(1000)) * _MIX
        out *= _MIX
        out ^= out >> np.uint64(29)
        out *= _SLOT[0]
    return out


def split(h: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """A hash's bucket (its top ``bits`` bits) and its 8-bit fingerprint."""
    return ((h >> np.uint64(64 - bits)).astype(np.intp),
            ((h >> np.uint64(20)) & np.uint64(0xFF)).astype(np.uint8))
