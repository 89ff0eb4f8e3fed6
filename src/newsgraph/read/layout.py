"""Page layout clean-up that keeps every character's offset in the original text.

Printed pages reach us with layout breaks in the middle of sentences (even of words),
paragraphs printed twice, and continuation marks (（下转第三版）, 刊3版▶, 上接第一版).
:func:`clean` returns the clean text, an offset map back to the raw text, and the marks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from newsgraph.model import ContinuationMark
from newsgraph.read.normalize import fold

# Characters after which a paragraph is complete: a break after any other is a layout break.
TERMINAL = set("。！？!?…；;：:—")
CLOSERS = set("”’」』)）】》\"'")
OPENERS = {"“": "”", "‘": "’", "(": ")", "「": "」", "『": "』", "《": "》", "【": "】"}
# A block this long that does not end a sentence is a broken paragraph, not a headline.
BROKEN_MIN_CHARS = 18
DUPLICATE_MIN_CHARS = 15

_NUM = r"[一二三四五六七八九十\d]+"
_MARKS = re.compile(
    rf"[(]\s*(?P<d1>[上下])\s*转\s*第?\s*(?P<p1>{_NUM})\s*版\s*[)]"
    rf"|(?P<d2>上接|接上|转)\s*第?\s*(?P<p2>{_NUM})\s*版(?=\s*$)"
    rf"|刊\s*(?P<p3>{_NUM})\s*版\s*[▶►→]"
)


@dataclass
class _Span:
    """A piece of text with the raw offset of each of its characters."""

    text: str = ""
    origin: list[int] = field(default_factory=list)

    def __add__(self, other: _Span) -> _Span:
        return _Span(self.text + other.text, self.origin + other.origin)

    def slice(self, start: int, end: int) -> _Span:
        return _Span(self.text[start:end], self.origin[start:end])

    def strip(self) -> _Span:
        text = self.text
        start, end = 0, len(text)
        while start < end and (text[start].isspace() or text[start] == "\ufeff"):
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return self.slice(start, end)


def _lines(raw: str) -> list[_Span]:
    out = []
    pos = 0
    for m in re.finditer(r"\r\n|\r|\n", raw):
        out.append(_Span(raw[pos : m.start()], list(range(pos, m.start()))))
        pos = m.end()
    out.append(_Span(raw[pos:], list(range(pos, len(raw)))))
    return out


def _scrub(line: _Span) -> _Span:
    """Drop control characters, lone surrogates and other unprintables (keeping offsets)."""
    keep = [
        i
        for i, ch in enumerate(line.text)
        if not (unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch != "\t")
        and ch not in "\u200b\u200c\u200d\u2028\u2029\ufeff"
    ]
    if len(keep) == len(line.text):
        return line
    return _Span("".join(line.text[i] for i in keep), [line.origin[i] for i in keep])


def _blocks(raw: str) -> list[list[_Span]]:
    """Split into blocks of non-empty lines (a blank line ends a block)."""
    blocks: list[list[_Span]] = []
    current: list[_Span] = []
    for line in _lines(raw):
        line = _scrub(line).strip()
        if line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _take_marks(line: _Span, marks: list[ContinuationMark]) -> _Span:
    folded = fold(line.text)
    found = list(_MARKS.finditer(folded))
    if not found:
        return line
    out = _Span()
    pos = 0
    for m in found:
        direction_word = m.group("d1") or m.group("d2") or "刊"
        direction = "from" if direction_word in ("上", "上接", "接上") else "to"
        page = m.group("p1") or m.group("p2") or m.group("p3")
        marks.append(ContinuationMark(line.text[m.start() : m.end()], line.origin[m.start()],
                                      direction, page))
        out = out + line.slice(pos, m.start())
        pos = m.end()
    return (out + line.slice(pos, len(line.text))).strip()


def _unbalanced(text: str) -> bool:
    folded = fold(text)
    for opener, closer in OPENERS.items():
        if folded.count(opener) > folded.count(closer):
            return True
    return text.count("\u201c") > text.count("\u201d")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (possibly inside closing quotes or brackets)."""
    t = fold(text.rstrip())
    while t and t[-1] in CLOSERS:
        if len(t) >= 2 and t[-2] in TERMINAL:
            return True
        t = t[:-1]
    return bool(t) and t[-1] in TERMINAL


def is_broken(text: str) -> bool:
    """Does a block (or line) stop in the middle of a sentence?"""
    if ends_sentence(text):
        return False
    if _unbalanced(text):
        return True
    # A headline may lack final punctuation; a sentence that has begun (a comma inside)
    # and stops without it is broken.
    folded = fold(text)
    return len(text) >= BROKEN_MIN_CHARS and any(ch in folded for ch in ",，；;。、:：")


_STARTS_ITEM = re.compile(r"^(?:[□■●◆▲△○]|——|──|本报记者|本报讯|记者|通讯员|新华社|图为|\(?图)")


def joinable(prev: str, nxt: str) -> bool:
    """Is the break between ``prev`` and ``nxt`` a layout break inside one sentence?"""
    if _STARTS_ITEM.match(prev.lstrip()) and not _unbalanced(prev):
        return False  # a subtitle (——…) or byline line is a line of its own
    if _STARTS_ITEM.match(nxt.lstrip()):
        return False
    return is_broken(prev)


def looks_like_headline(lines: list[str], following: str = "") -> bool:
    """A short block with no sentence punctuation, or several short lines: a headline."""
    if len(lines) > 1 and all(len(x) <= 40 for x in lines):
        return True
    text = fold("".join(lines))
    if len(text) > 40 or any(ch in text for ch in "。！？!?；;"):
        return False
    return "," not in text or bool(_STARTS_ITEM.match(following.lstrip()))


def _join_lines(lines: list[_Span]) -> list[_Span]:
    out: list[_Span] = []
    for line in lines:
        prev = out[-1].text if out else ""
        if out and joinable(prev, line.text) and (_unbalanced(prev) or len(prev) >= 40):
            out[-1] = out[-1] + line
        else:
            out.append(line)
    return out


@dataclass
class Cleaned:
    text: str
    origin: list[int]
    continuations: list[ContinuationMark]
    duplicates_removed: int


def clean(raw: str) -> Cleaned:
    """Clean a page's raw text: see the module docstring."""
    marks: list[ContinuationMark] = []
    blocks: list[list[_Span]] = []
    seen: set[str] = set()
    duplicates = 0
    for block in _blocks(raw):
        lines = [ln for ln in (_take_marks(x, marks) for x in block) if ln.text]
        if not lines:
            continue
        key = "".join(fold(ln.text) for ln in lines)
        if len(key) >= DUPLICATE_MIN_CHARS:
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
        blocks.append(lines)
    # Join a block that breaks off mid-sentence with the block after it.
    joined: list[list[_Span]] = []
    for i, block in enumerate(blocks):
        following = blocks[i + 1][0].text if i + 1 < len(blocks) else ""
        if (
            joined
            and joinable(joined[-1][-1].text, block[0].text)
            and not looks_like_headline([x.text for x in block], following)
        ):
            prev = joined[-1]
            prev[-1] = prev[-1] + block[0]
            prev.extend(block[1:])
        else:
            joined.append(list(block))
    text_parts: list[str] = []
    origin: list[int] = []
    for i, block in enumerate(joined):
        for j, line in enumerate(_join_lines(block)):
            if i or j:
                sep = "\n\n" if j == 0 else "\n"
                text_parts.append(sep)
                # a separator maps to the raw position of the character it precedes
                origin.extend([line.origin[0]] * len(sep))
            text_parts.append(line.text)
            origin.extend(line.origin)
    return Cleaned("".join(text_parts), origin, marks, duplicates)
