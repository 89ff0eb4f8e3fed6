"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with BOM; an HTML
page to the text it shows (:mod:`newsgraph.read.html`).

Detection: a BOM decides; else strict UTF-8, else strict GB18030. A file that is neither
is read as whichever needs fewer replacement characters (a UTF-8 page with one bad byte
stays UTF-8), and the caller is told so by the ``U+FFFD`` in the text. Stray NUL and
control characters are left for :mod:`newsgraph.read.layout` to drop. A file is refused
as binary when it starts like a known binary or compressed format, is mostly NULs, or
reads as GB18030 or with replacement characters only with many control characters:
GB18030 reads most byte strings, and compressed or random bytes read so as scattered
Chinese characters, some 12% replaced and 14% control characters, where page text has
next to none.
"""

from __future__ import annotations

import re

from newsgraph.errors import PageError
from newsgraph.read.html import html_text, is_html

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF",
                 b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07",
                 b"\x28\xb5\x2f\xfd", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"II*\x00",
                 b"MM\x00*")  # + gzip, bzip2, xz, 7z, rar, zstd, OLE2 (.doc, .xls), TIFF
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
NUL_SHARE_MAX = 0.1  # more NULs than this in the first 4 KB: a binary file
REPLACED_SHARE_MAX = 0.05  # a UTF-8 page may have this share of bad bytes and stay UTF-8
UNDECODABLE_SHARE = 0.2  # more replaced characters than this: neither encoding
CONTROL_SHARE_MAX = 0.01  # more control characters than this in a guessed reading: binary,
CONTROL_MIN = 8  # when they are more than this many (a short page may have a few strays)


_HAN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_NOT_HAN = re.compile("[^\u4e00-\u9fff\u3400-\u4dbf]+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls but tab, line and page breaks


def _binary(data: bytes) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return True
    head = data[:4096]
    return head.count(0) > NUL_SHARE_MAX * len(head)


def _controls(text: str) -> tuple[int, int]:
    """The control characters in the text's first 20,000 characters, and how many
    characters that is."""
    sample = text[:20000]
    return len(_CONTROL.findall(sample)), len(sample)


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
    if encoding == "gb18030" or "\ufffd" in text:  # a guess: is it text at all?
        controls, n = _controls(text)
        if controls > max(CONTROL_MIN, CONTROL_SHARE_MAX * n):
            raise PageError(source, "binary", "this looks like a binary file, not page text: "
                            f"read as {encoding}, {controls / n:.0%} of it is control "
                            "characters")
    if is_html(text):
        text = html_text(text)
        if not text.strip():
            raise PageError(source, "empty", "an HTML page with no text")
    sample = text[:20000]
    han = len(_NOT_HAN.sub("", sample))  # the Han characters (_HAN) left
    if han < 2 or han < 0.05 * len(sample.strip()):
        raise PageError(source, "not-chinese", f"{han} Chinese characters")
    return text, encoding
