"""Bytes to text: UTF-8 (with or without BOM) or GB18030/GBK, with clear refusals."""

from __future__ import annotations

from newsgraph.errors import PageError

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x7fELF")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def decode(data: bytes, source: str, *, max_bytes: int | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`PageError` saying why not."""
    if max_bytes is not None and len(data) > max_bytes:
        raise PageError(source, "too-large", f"{len(data)} bytes, the limit is {max_bytes}")
    if not data.strip():
        raise PageError(source, "empty")
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096] and not _utf16(data):
        raise PageError(source, "binary", "this looks like a binary file, not page text")
    text = encoding = None
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    else:
        for enc in ("utf-8", "gb18030"):
            try:
                text, encoding = data.decode(enc), enc
                break
            except UnicodeDecodeError:
                continue
    if text is None:
        raise PageError(source, "undecodable", "neither UTF-8 nor GB18030")
    han = sum(1 for ch in text[:20000] if _is_cjk(ch))
    if han < 2 or han < 0.05 * len(text.strip()[:20000]):
        raise PageError(source, "not-chinese", f"{han} Chinese characters")
    return text, encoding


def _utf16(data: bytes) -> bool:
    return data.startswith((b"\xff\xfe", b"\xfe\xff"))
