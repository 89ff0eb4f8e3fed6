"""Split a run-on line (a page whose line breaks were lost) at the starts of items.

A very long line is cut before a dateline (本报讯, 新华社北京2月23日电), before a boxed
byline (□本报记者), around a photo credit (本报记者 张占兵摄), after the masthead's date
at its start, and before the short stretch of text between the last full stop (and a
writer's name in brackets after it) and a dateline, which is the headline.
Nothing is dropped or reordered: the pieces are consecutive slices of the line.
"""

from __future__ import annotations

import re

from newsgraph.read.normalize import fold

RUNON_MIN_CHARS = 600  # only lines longer than this are split
HEADLINE_MAX_CHARS = 80
_ITEM = re.compile(
    r"本报讯|(?:新华社|中新社|本报)[\u4e00-\u9fff]{0,8}\d{1,2}月\d{1,2}日电|[□■]\s*本报"
)
_CREDIT = re.compile(
    r"(?<=[。！？!?”])\s*(?:本报|新华社)?(?:记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,4}"
    r"(?:\s+(?:通讯员|记者)?\s*[\u4e00-\u9fff·]{2,4}){0,3}\s*摄(?:影)?"
)
# a sentence's end (with a writer's name in brackets after it: 。（郝雨）) or a mark's
_SENTENCE_END = re.compile(r"[。！？!?](?:[”’\"')）])?(?:\s*[(（][^()（）]{1,12}[)）])?"
                           r"|版\s*[)）]|版▶")
# the masthead's date and weekday (大同日报 2018年6月7日 星期四): the headline follows it
_MASTHEAD = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]")


def _headline_start(norm: str, start: int) -> int:
    """Where the headline before the item at ``start`` begins (``start`` if none)."""
    window_start = max(0, start - HEADLINE_MAX_CHARS)
    ends = [m.end() for m in _SENTENCE_END.finditer(norm, window_start, start)]
    if not ends:
        return start
    return ends[-1] if ends[-1] < start else start


def split_points(text: str) -> list[int]:
    """Offsets at which a run-on line should be cut into paragraphs."""
    if len(text) < RUNON_MIN_CHARS:
        return []
    norm = fold(text)
    points: set[int] = set()
    for m in _ITEM.finditer(norm):
        if m.start() > 0:
            points.add(m.start())
            points.add(_headline_start(norm, m.start()))
    for m in _CREDIT.finditer(norm):
        points.update((m.start(), m.end()))
    for m in _MASTHEAD.finditer(norm, 0, HEADLINE_MAX_CHARS):
        points.add(m.end())
    return sorted(p for p in points if 0 < p < len(text))
