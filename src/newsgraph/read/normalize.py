"""Length-preserving normalisation for matching: full-width and half-width forms alike.

``fold(text)`` has exactly ``len(text)`` characters, so an offset in the folded text is
the same offset in the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Full-width ASCII variants U+FF01..U+FF5E map to U+0021..U+007E; the ideographic space to
# a space. A few CJK punctuation marks that papers use interchangeably fold as well.
_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_TABLE[0x3000] = 0x20
_TABLE.update({ord("【"): ord("["), ord("】"): ord("]"), ord("〔"): ord("("), ord("〕"): ord(")")})


_CHARS = {chr(k): chr(v) for k, v in _TABLE.items()}
# Folded characters are sparse in Chinese text: substituting them one match at a time is
# several times faster than str.translate, which looks up every character.
_FOLDABLE = re.compile("[" + re.escape("".join(_CHARS)) + "]")


def _swap(m: re.Match) -> str:
    return _CHARS[m.group()]


def fold(text: str) -> str:
    """Fold full-width letters, digits and brackets to their half-width forms."""
    return _FOLDABLE.sub(_swap, text)


@lru_cache(maxsize=1 << 14)  # names repeat: most calls are a look-up
def normalize_name(name: str) -> str:
    """A name as compared across pages: folded, with white space removed."""
    return "".join(fold(name).split())
