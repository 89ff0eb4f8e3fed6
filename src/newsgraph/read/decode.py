"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with BOM.

Detection: a BOM decides; else strict UTF-8, else strict GB18030. A file that is neither
is read as whichever needs fewer replacement characters (a UTF-8 page with one bad byte
stays UTF-8), and the caller is told so by the ``U+FFFD`` in the text. Stray NUL and
control characters are left for :mod:`newsgraph.read.layout` to drop; only a file that
is mostly NULs, or starts like a known binary format, is refused as binary.
"""

from __future__ import annotations

import re

from newsgraph.errors import PageError

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
NUL_SHARE_MAX = 0.1  # more NULs than this in the first 4 KB: a binary file
REPLACED_SHARE_MAX = 0.05  # a UTF-8 page may have this share of bad bytes and stay UTF-8
UNDECODABLE_SHARE = 0.2  # more replaced characters than this: neither encoding


_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_NOT_HAN = re.compile("[^\u4e00-\u9fff\u3400-\u4dbf]+")


def _binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:4096]
    return head.count(0) > NUL_SHARE_MAX * len(head)


def _plausible(text: str) -> bool:
    """Decoded text looks like page text: it has line breaks or Chinese punctuation."""
    return any(ch in text for ch in "\n，。、")


def _detect(data: bytes) -> tuple[str, str] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", ""))
            except UnicodeDecodeError:
                return None
            return (text, enc) if _plausible(text) else None
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    utf8 = data.decode("utf-8", errors="replace")
    if utf8.count("\ufffd") <= REPLACED_SHARE_MAX * len(utf8):
        return utf8, "utf-8"
    gb = data.decode("gb18030", errors="replace")
    best = min((utf8, "utf-8"), (gb, "gb18030"), key=lambda x: x[0].count("\ufffd"))
    if best[0].count("\ufffd") > UNDECODABLE_SHARE * len(best[0]):
        return None
    return best


def decode(data: bytes, source: str, *, max_bytes: int | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`PageError` saying why not."""
    if max_bytes is not None and len(data) > max_bytes:
        raise PageError(source, "too-large", f"{len(data)} bytes, the limit is {max_bytes}")
    if not data.strip(b" \t\r\n\x00"):
        raise PageError(source, "empty")
    is_utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not is_utf16 and _binary(data):
        raise PageError(source, "binary", "this looks like a binary file, not page text")
    found = _detect(data)
    if found is None:
        raise PageError(source, "undecodable", "neither UTF-8 nor GB18030")
    text, encoding = found
    sample = text[:20000]
    han = len(_NOT_HAN.sub("", sample))  # the Han characters (_HAN) left
    if han < 2 or han < 0.05 * len(sample.strip()):
        raise PageError(source, "not-chinese", f"{han} Chinese characters")
    return text, encoding
