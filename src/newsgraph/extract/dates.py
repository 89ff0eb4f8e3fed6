"""Date mentions: 10月13日, 7月13日至14日, 昨日, 正月初三至正月十六, resolved to ISO dates.

Each mention's attrs carry ``start`` (and ``end`` for spans) as ISO text, day
(YYYY-MM-DD) or month (YYYY-MM) precision, and ``precision``: day, month, or approx for
vague words (日前, 近日: the day before the issue date, see :mod:`newsgraph.chrono`).
"""

from __future__ import annotations

from newsgraph.chrono import find_dates
from newsgraph.model import DATE, Doc, Mention

REQUIRES: tuple[str, ...] = ()
ASSIGNS = (DATE,)


def extract(doc: Doc) -> None:
    for d in find_dates(doc.text, doc.issue_date):
        attrs: dict = {}
        if d.when is not None:
            attrs["start"] = d.when.start
            if d.when.end:
                attrs["end"] = d.when.end
            attrs["precision"] = d.when.precision
        # Mention is built directly: Doc.add's own ``start`` parameter would clash.
        doc.mentions.append(Mention(d.start, d.end, DATE, doc.text[d.start:d.end], attrs))
