"""Stage 1: read page files into clean :class:`~newsgraph.model.Page` objects."""

from __future__ import annotations

from pathlib import Path

from newsgraph.errors import PageError
from newsgraph.model import Page
from newsgraph.read.decode import decode
from newsgraph.read.issue_date import infer_issue_date
from newsgraph.read.layout import clean

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

__all__ = ["read_page", "read_bytes", "PageError"]


def read_bytes(data: bytes, source: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES,
               page_id: str = "") -> Page:
    """Decode and clean one page; raise :class:`PageError` when it cannot be read.
    ``page_id``: the page's id, when not its file name's (:func:`~newsgraph.model.page_id_of`)."""
    raw, encoding = decode(data, source, max_bytes=max_bytes)
    cleaned = clean(raw)
    if not cleaned.text.strip():
        raise PageError(source, "empty", "nothing left after clean-up")
    page = Page(
        source=source,
        raw=raw,
        text=cleaned.text,
        origin=cleaned.origin,
        encoding=encoding,
        continuations=cleaned.continuations,
        duplicates_removed=cleaned.duplicates_removed,
        id=page_id,
    )
    page.issue_date = infer_issue_date(page.text)
    bad = raw.count("\ufffd")
    if bad:
        page.warnings.append(f"{source}: {bad} undecodable byte sequences replaced "
                             f"(read as {encoding})")
    return page


def read_page(path: str | Path, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Page:
    """Read one page file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(str(path), "unreadable", exc.strerror or str(exc)) from exc
    return read_bytes(data, path.name, max_bytes=max_bytes)
