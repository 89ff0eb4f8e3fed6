"""Page layout clean-up that keeps every character's offset in the original text.

Printed pages reach us with layout breaks in the middle of sentences (even of words),
paragraphs printed twice, and continuation marks (（下转第三版）, 刊3版▶, 上接第一版).
:func:`clean` returns the clean text, an offset map back to the raw text, and the marks.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsgraph.model import ContinuationMark
from newsgraph.read.issue_date import masthead_date
from newsgraph.read.normalize import fold
from newsgraph.read.runon import split_points

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


# Control characters (not tab), lone surrogates, private use, zero-width marks, BOM.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff"
    "\u200b-\u200d\u2028\u2029\ufeff\ufff0-\ufffd]"
)


def _scrub(line: _Span) -> _Span:
    """Drop control characters, lone surrogates and other unprintables (keeping offsets)."""
    if not _UNPRINTABLE.search(line.text):
        return line
    keep = [i for i, ch in enumerate(line.text) if not _UNPRINTABLE.match(ch)]
    return _Span("".join(line.text[i] for i in keep), [line.origin[i] for i in keep])


# An e-paper site's navigation, copied with the page: the page's place in the issue
# (当前版: 02版 上一版 下一版), the issue's other pages (第03版:大同新闻) and the list of
# the page's titles (标题导航, then each title with ~~~, or bare after the pages' list).
_CHROME = re.compile(
    r"当前版\s*[:：].*|(?:标题|版面|本版)导航|上一版|下一版|上一期|下一期|返回目录"
    r"|.*~~~.*")
_PAGE_INDEX = re.compile(r"第\s*\d{1,3}\s*版\s*[:：]\s*\S{1,12}")
TITLE_LIST_MAX = 30  # a title of the site's list after its pages' list is this short


def _chrome(lines: list[_Span]) -> set[int]:
    """Indices of the lines of an e-paper site's navigation: ``_CHROME`` lines, the list
    of the issue's pages (第01版:要闻 …) and the short title-like lines right after it
    (the page's titles again), up to a blank line or the first line of text."""
    out: set[int] = set()
    after_index = False
    for k, line in enumerate(lines):
        text = line.text.strip()
        index = bool(_PAGE_INDEX.fullmatch(text))
        if index or _CHROME.fullmatch(text):
            out.add(k)
            after_index = after_index or index
        elif not text or len(text) > TITLE_LIST_MAX or _END.search(text):
            after_index = False  # a blank line or a line of text ends the titles
        elif after_index:
            out.add(k)
    return out


def _blocks(raw: str) -> list[list[_Span]]:
    """Split into blocks of non-empty lines (a blank line, or a line of an e-paper
    site's navigation, ends a block)."""
    blocks: list[list[_Span]] = []
    current: list[_Span] = []
    lines = [_scrub(line).strip() for line in _lines(raw)]
    chrome = _chrome(lines)
    for k, line in enumerate(lines):
        if k in chrome:
            line = line.slice(0, 0)
        points = split_points(line.text)
        if points:  # a run-on line: each piece is a paragraph of its own
            if current:
                blocks.append(current)
            bounds = [0, *points, len(line.text)]
            pieces = (line.slice(a, b).strip() for a, b in zip(bounds, bounds[1:], strict=False))
            blocks.extend([piece] for piece in pieces if piece.text)
            current = []
        elif line.text:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _take_marks(line: _Span, marks: list[ContinuationMark]) -> _Span:
    if "版" not in line.text:
        return line  # every mark has 版 (which folding leaves as it is)
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


_BRACKETED_END = re.compile(r"[。！？!?][”’\"]?[ \u3000]*\([^()]{1,40}\)$")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (possibly inside closing quotes or brackets, or
    followed by a bracketed credit: …发展。（郝雨）)."""
    t = fold(text.rstrip())
    if t.endswith(")") and _BRACKETED_END.search(t):
        return True
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
    # and stops without it is broken. A headline may hold 、 and : (疫情防控、重点项目和
    # 乡村振兴工作, 山西河曲:绿染黄河岸畔); a line ending in 、 or a comma goes on (a list
    # printed an item a line).
    folded = fold(text).rstrip()
    if folded[-1:] in ("、", ","):
        return True
    marks = ",;。" if len(text) <= HEADLINE_MAX else ",;。、:"
    return len(text) >= BROKEN_MIN_CHARS and any(ch in folded for ch in marks)


_STARTS_ITEM = re.compile(r"^(?:[□■●◆▲△○]|——|──|本报记者|本报讯|记者|通讯员|新华社|图为|\(?图)")
# Paragraph openers that always begin a new item, whatever the line before looks like.
_LEADS = re.compile(r"^(?:[□■]|——|──|本报讯|新华社[^，。,]{0,12}电|本报[^，。,]{2,12}电)")
# A line cannot begin with these: the line before it was cut short by the layout.
NO_START = set("年月日号%‰、，,。.；;：:）)》」』”’!！?？…")
# …but a line may begin with a date's unit (日前，…: a lead under its headline; 年味…:
# a title under its column's name), unless the line before ends where a date's number or
# its 今/去/上… does (10月2|日前 is cut)
_UNITS = set("年月日号")
_BEFORE_UNIT = set("0123456789〇零一二三四五六七八九十百千两几"
                   "今昨去明前后当次同本上下每全整半周隔翌元首末逐连")


def cut_start(prev: str, nxt: str) -> bool:
    """Does ``nxt`` begin with what cannot begin a line after ``prev`` (the layout cut it
    from the line before)?"""
    nxt = fold(nxt.lstrip())
    if not nxt or nxt[0] not in NO_START:
        return False
    prev = fold(prev.rstrip())
    if nxt[0] in _UNITS:
        return not prev or prev[-1] in _BEFORE_UNIT
    return True
ITEM_LINE_MAX = 40  # a byline or subtitle line is short


def _item_line(text: str) -> bool:
    """Does a following line begin a byline, dateline, subtitle or caption?"""
    text = text.lstrip()
    return bool(_LEADS.match(text)) or (
        len(text) <= ITEM_LINE_MAX and bool(_STARTS_ITEM.match(text)))


def _short_item(text: str) -> bool:
    """Is a preceding line a byline or subtitle line (short, of its own)?"""
    text = text.lstrip()
    limit = 2 * ITEM_LINE_MAX if text.startswith(("——", "──", "□", "■")) else ITEM_LINE_MAX
    return len(text) <= limit and bool(_STARTS_ITEM.match(text))


def joinable(prev: str, nxt: str) -> bool:
    """Is the break between ``prev`` and ``nxt`` a layout break inside one sentence?"""
    nxt = nxt.lstrip()
    if not prev or not nxt or ends_sentence(prev):
        return False
    if cut_start(prev, nxt) and not _short_item(prev):
        return True
    if _short_item(prev) and not _unbalanced(prev):
        return False  # a subtitle (——…) or byline line is a line of its own
    if _item_line(nxt):
        return False
    return is_broken(prev)


HEADLINE_MAX = 40
LONG_HEADLINE_MAX = 60  # a title this long is one line without a pause in it
SIGNED_DATE = re.compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$")  # the date a notice is signed
_CLAUSE = re.compile(r"[，,；;]")
MASTHEAD_WITH = 12  # a masthead block's other lines are this short (大同日报, 第2版)
KICKER_MAX = 20  # a line with a comma this short over a bare title is its kicker
SPACED_HEADLINE_MAX = 90  # kicker, headline and subtitle printed on one line
COMMA_HEADLINE_MAX = 24  # a line this short with one comma over a dated lead is a headline
_DATED_LEAD = re.compile(r"(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日[上下]?午?,|(?:昨日|今日|日前|近日),")


def looks_like_headline(lines: list[str], following: str = "") -> bool:
    """A short block with no sentence punctuation, or several short lines: a headline."""
    if len(lines) > 1 and all(len(x) <= HEADLINE_MAX for x in lines):
        return True
    text = fold("".join(lines)).strip()
    if any(ch in text for ch in "。；;") or text.endswith(("、", ",")):
        return False  # (an item of a list printed a line each: 大同国际航空旅游城、)
    if text.endswith(_DASHES) or _ROUTE.search(text):
        return False  # a route (老城——常家庄园——乔家大院), or a line that goes on
    if any(ch in text for ch in "！？!?") and (
            text[-1] in "！？!?" or "," in text or len(text) > HEADLINE_MAX):
        # a sentence; but 庆丰收、迎盛会!“丰收节”…筹备有序推进 is a title, and so is a
        # short exclamation over a bare title (国庆中秋趣游晋中！/ 这些精品线路等您选)
        return text[-1] in "！!" and len(text) <= KICKER_MAX and not any(
            ch in text[:-1] for ch in ",，！？!?") and bare_title(following) or (
            text[-1] in "？?" and len(text) <= HEADLINE_MAX and _opens_story(following))
    if len(text) > HEADLINE_MAX:
        # several headline lines run together, separated by spaces; or one long title
        # without a pause (…集中签约暨…有限公司投产仪式举行)
        if len(lines) == 1 and len(text) <= LONG_HEADLINE_MAX and not any(
                ch in text for ch in ",，:：、 "):
            return True
        return len(text) <= SPACED_HEADLINE_MAX and " " in text and not any(
            ch in text for ch in ",，:：")
    return "," not in text or bool(_STARTS_ITEM.match(following.lstrip())) or (
        len(text) <= KICKER_MAX and bare_title(following)) or (
        len(text) <= COMMA_HEADLINE_MAX and text.count(",") == 1
        and bool(_DATED_LEAD.match(fold(following).lstrip())))  # 一碗面，暖了… / 19日，…


# a wire's or a paper's dateline (中新网嘉兴1月23日电, 本报讯): a story's first paragraph
_WIRE_LEAD = re.compile(r"^(?:本报讯|[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日电)")


def _opens_story(following: str) -> bool:
    """The paragraph after a line is a byline or a dateline: the line is a headline,
    even a question (一座长三角枢纽城市，如何打通发展“任督二脉”？)."""
    text = following.lstrip()
    return bool(_STARTS_ITEM.match(text) or _WIRE_LEAD.match(text))


_DASHES = ("——", "──")
_ROUTE = re.compile(r"[^—─\s][—─]{2}[^—─]+[—─]{2}[^—─]")  # stops joined by dashes


def bare_title(line: str) -> bool:
    """A short line without punctuation: a headline, under the kicker before it."""
    text = fold(line).strip()
    return 0 < len(text) <= HEADLINE_MAX and not any(ch in text for ch in ",;:。！？!?；：")


def _join_lines(lines: list[_Span]) -> list[_Span]:
    """A block's lines, each line broken by the layout joined with the next, unless that
    one reads as a headline or is a caption over its credit (a page printed without blank
    lines)."""
    out: list[_Span] = []
    for i, line in enumerate(lines):
        prev = out[-1].text if out else ""
        following = lines[i + 1].text if i + 1 < len(lines) else ""
        no_start = cut_start(prev, line.text)
        if out and joinable(prev, line.text) and (
            no_start or _unbalanced(prev) or len(prev) >= 40) and (
            no_start or not (looks_like_headline([line.text], following)
                             or _CREDIT.match(fold(following)))  # a caption over its credit
        ):
            out[-1] = out[-1] + line
        else:
            out.append(line)
    return out


def _paragraphs(lines: list[_Span]) -> list[list[_Span]]:
    """A block's lines cut into paragraphs where a page prints a paragraph a line with no
    blank line between, which would otherwise make its articles one. Such a block (one
    with a line of text that ends a sentence: a long one, or one with a comma) is cut at
    every line that the layout did not break (:func:`_join_lines` joined those it could),
    but not before a line that cannot begin one (年2月…) nor before a notice's signature
    (the issuer and the date under its text: 大同市水务集团有限公司 / 2024年5月20日).
    In any block, the masthead's dated line is cut from a line longer than a masthead's.
    Other blocks (a headline of two lines, a byline of two) are kept whole."""
    if len(lines) < 2:
        return [lines]
    texts = [x.text for x in lines]
    if not any(ends_sentence(t) and (len(t) > HEADLINE_MAX or _CLAUSE.search(t))
               for t in texts):
        if len(texts[1]) > MASTHEAD_WITH and masthead_date(texts[0]):
            return [lines[:1], *_paragraphs(lines[1:])]  # the masthead over a headline
        return [lines]
    dated = [bool(SIGNED_DATE.match(fold(t))) for t in texts]
    out = [[lines[0]]]
    for i in range(1, len(lines)):
        signature = dated[i] or (i + 1 < len(lines) and dated[i + 1]
                                 and len(texts[i]) <= HEADLINE_MAX)
        if signature or cut_start(texts[i - 1], texts[i]):
            out[-1].append(lines[i])
        else:
            out.append([lines[i]])
    return out


@dataclass
class Cleaned:
    text: str
    origin: list[int]
    continuations: list[ContinuationMark]
    duplicates_removed: int


_CREDIT = re.compile(r"^(?:本报|新华社|人民日报)?(?:特约|见习|实习|首席)?(?:记者|通讯员|摄影)"
                     r"[\s\u4e00-\u9fff·、]{2,30}摄(?:影)?$")


def _is_credit(block: list[_Span]) -> bool:
    return len(block) == 1 and bool(_CREDIT.match(fold(block[0].text)))


def _jumps_between(a: _Span, b: _Span, jumps: list[int]) -> bool:
    """A 下转 mark stood between span ``a`` and span ``b`` (raw offsets of the marks)."""
    if not (a.origin and b.origin):
        return False
    k = bisect.bisect_right(jumps, a.origin[-1])
    return k < len(jumps) and jumps[k] < b.origin[0]


def _move_photos(blocks: list[list[_Span]], jumps: list[int]) -> list[list[_Span]]:
    """A photo (caption and credit) printed inside a broken paragraph goes after it
    (not after a paragraph a 下转 mark ended: what follows the mark is another item)."""
    out = list(blocks)
    i = 0
    while i + 3 < len(out):
        head, caption, credit, tail = out[i : i + 4]
        if (
            _is_credit(credit)
            and not _is_credit(caption)
            and ends_sentence(caption[-1].text)
            and is_broken(head[-1].text)
            and not ends_sentence(head[-1].text)
            and not _jumps_between(head[-1], caption[0], jumps)
            and not _item_line(tail[0].text)
            and not looks_like_headline([x.text for x in tail])
        ):
            out[i + 1 : i + 4] = [tail, caption, credit]
        i += 1
    return out


def _join_blocks(blocks: list[list[_Span]], jumps: list[int]) -> list[list[_Span]]:
    """Join a block that breaks off mid-sentence with the block after it, unless a 下转
    mark ended it (``jumps``: the marks' raw offsets): it goes on on another page."""
    joined: list[list[_Span]] = []
    for i, block in enumerate(blocks):
        following = blocks[i + 1][0].text if i + 1 < len(blocks) else ""
        first = block[0].text
        if joined and joinable(joined[-1][-1].text, first) and not _jumps_between(
                joined[-1][-1], block[0], jumps) and (
            cut_start(joined[-1][-1].text, first)
            or not looks_like_headline([x.text for x in block], following)
        ):
            prev = joined[-1]
            prev[-1] = prev[-1] + block[0]
            prev.extend(block[1:])
        else:
            joined.append(list(block))
    return joined


_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]+[”’\"]?")
_NOT_END = re.compile(r"[^。！？!?]")
_END = re.compile(r"[。！？!?]+[”’\"]?")


def _sentences(text: str) -> list[tuple[int, int]]:
    """The spans of ``_SENTENCE.finditer(text)``, found without the regex's retries at
    every character of an unfinished last sentence (quadratic in its length): a match
    starts at the first character that ends no sentence and runs through the stops
    after it."""
    out = []
    pos = 0
    while True:
        first = _NOT_END.search(text, pos)
        if first is None:
            break
        stop = _END.search(text, first.start())
        if stop is None:
            break
        out.append((first.start(), stop.end()))
        pos = stop.end()
    return out
SENTENCE_DUPLICATE_MIN = 30  # a sentence this long printed again is a layout repeat


def _drop_repeats(line: _Span, seen: set[str]) -> tuple[_Span, int]:
    """``line`` without the long sentences already printed on the page."""
    out = _Span()
    pos = dropped = 0
    folded = fold(line.text)  # fold is character by character: slices of it fold slices
    for start, end in _sentences(line.text):
        key = folded[start:end].strip()
        if len(key) < SENTENCE_DUPLICATE_MIN:
            continue
        if key in seen:
            out = out + line.slice(pos, start)
            pos = end
            dropped += 1
        seen.add(key)
    return (out + line.slice(pos, len(line.text)) if dropped else line), dropped


def _deduplicated(raw: str, marks: list[ContinuationMark]) -> tuple[list[list[_Span]], int]:
    blocks: list[list[_Span]] = []
    seen: set[str] = set()
    sentences: set[str] = set()
    duplicates = 0
    for whole in _blocks(raw):
        for lines in _at_marks([_take_marks(x, marks) for x in whole]):
            duplicates += _keep(lines, blocks, seen, sentences)
    return blocks, duplicates


def _at_marks(lines: list[_Span]) -> list[list[_Span]]:
    """A block's lines cut where a line was a continuation mark and nothing else: the
    text before the mark goes on on another page, what follows is another item."""
    out: list[list[_Span]] = [[]]
    for line in lines:
        if line.text:
            out[-1].append(line)
        elif out[-1]:
            out.append([])
    return [x for x in out if x]


def _keep(lines: list[_Span], blocks: list[list[_Span]], seen: set[str],
          sentences: set[str]) -> int:
    """Add a block to ``blocks`` unless the page printed it before, without the long
    sentences it printed before; return how many repeats were dropped."""
    duplicates = 0
    key = fold("".join(ln.text for ln in lines))
    if len(key) >= DUPLICATE_MIN_CHARS:
        if key in seen:
            return 1
        seen.add(key)
    kept = []
    for line in lines:
        line, dropped = _drop_repeats(line, sentences)
        duplicates += dropped
        if line.text.strip():
            kept.append(line.strip())
    if kept:
        blocks.append(kept)
    return duplicates


def clean(raw: str) -> Cleaned:
    """Clean a page's raw text: see the module docstring."""
    marks: list[ContinuationMark] = []
    blocks, duplicates = _deduplicated(raw, marks)
    paragraphs = [p for block in blocks for p in _paragraphs(_join_lines(block))]
    jumps = sorted(m.start for m in marks if m.direction == "to")
    joined = _join_blocks(_move_photos(paragraphs, jumps), jumps)
    text_parts: list[str] = []
    origin: list[int] = []
    for i, block in enumerate(joined):
        for j, line in enumerate(block):
            if i or j:
                sep = "\n\n" if j == 0 else "\n"
                text_parts.append(sep)
                # a separator maps to the raw position of the character it precedes
                origin.extend([line.origin[0]] * len(sep))
            text_parts.append(line.text)
            origin.extend(line.origin)
    return Cleaned("".join(text_parts), origin, marks, duplicates)
