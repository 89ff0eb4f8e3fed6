"""Stage 2: split a page into its articles.

A page is a sequence of blocks (paragraphs). Each block is a headline line, a byline,
a photo credit, or body text. An article starts at a run of headline lines that is
followed by a byline or dateline, or that cannot be an intertitle of the article before
(that one ended: a photo credit, a continuation mark); a photo credit closes a caption.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsgraph.model import Article, Page
from newsgraph.read.layout import looks_like_headline
from newsgraph.read.normalize import fold
from newsgraph.segment.bylines import dateline, is_byline, is_credit, parse_people

NOTICE_WORDS = ("通知", "公告", "通告", "启事", "声明", "须知", "投诉渠道", "公示", "告知书")
COMMENTARY_MARKS = ("评论员", "短评", "时评", "社论", "论坛", "良言", "观察", "评论")
_LEADING_DATE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下]午|晚|夜)?[,，]?")
INTERTITLE_MAX = 15  # a longer headline-like line after body text starts a new article


@dataclass
class _Block:
    start: int
    end: int
    text: str
    role: str  # headline, byline, credit, body


@dataclass
class _Draft:
    heads: list[_Block] = field(default_factory=list)
    bylines: list[_Block] = field(default_factory=list)
    body: list[_Block] = field(default_factory=list)
    credit: _Block | None = None

    @property
    def blocks(self) -> list[_Block]:
        parts = self.heads + self.bylines + self.body + ([self.credit] if self.credit else [])
        return sorted(parts, key=lambda b: b.start)


def _blocks(text: str) -> list[_Block]:
    out = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        out.append(_Block(m.start(), m.end(), m.group(), "body"))
    for i, b in enumerate(out):
        following = out[i + 1].text if i + 1 < len(out) else ""
        if is_credit(b.text):
            b.role = "credit"
        elif is_byline(b.text):
            b.role = "byline"
        elif dateline(b.text) is None and (
            looks_like_headline(b.text.split("\n"), following)
            or (b.text.startswith(("——", "──")) and len(b.text) <= 80 and "\n" not in b.text)
        ):
            b.role = "headline"
    return out


def _jump_points(page: Page) -> list[int]:
    """Offsets in page.text where a continuation mark (下转…) stood."""
    points = []
    for mark in page.continuations:
        if mark.direction == "to":
            points.append(bisect.bisect_left(page.origin, mark.start))
    return sorted(points)


def _split_heads(heads: list[_Block]) -> tuple[str, str, str]:
    """(kicker, headline, subtitle) from a run of headline lines."""
    lines = [ln.strip() for b in heads for ln in b.text.split("\n") if ln.strip()]
    subtitle_lines = [ln for ln in lines if ln.startswith(("——", "--", "──"))]
    main = [ln for ln in lines if ln not in subtitle_lines]
    subtitle = " ".join(ln.lstrip("—-─ ") for ln in subtitle_lines)
    if not main:
        return "", subtitle, ""
    return " ".join(main[:-1]), main[-1], subtitle


def _first_sentence(text: str) -> str:
    """An untitled item's headline: its first sentence, without dateline and date."""
    first = text.split("\n")[0]
    found = dateline(first)
    if found:
        first = first[len(found[0]) :]
    first = first[_LEADING_DATE.match(fold(first)).end() :] if _LEADING_DATE.match(fold(first)) else first
    first = first[2:] if first.startswith("图为") else first
    cut = re.search(r"[。!！?？；;]", fold(first))
    return first[: cut.start() if cut else 60].strip()


def _finish(draft: _Draft, page: Page, index: int) -> Article | None:
    blocks = draft.blocks
    if not blocks:
        return None
    start, end = blocks[0].start, blocks[-1].end
    kicker, headline, subtitle = _split_heads(draft.heads)
    reporters: list[tuple[str, str]] = []
    byline_text = "\n".join(b.text for b in draft.bylines)
    for b in draft.bylines:
        reporters.extend(parse_people(b.text))
    line = ""
    if draft.body:
        found = dateline(draft.body[0].text)
        if found:
            line, people = found
            reporters.extend(people)
    if draft.credit:
        reporters.extend(parse_people(draft.credit.text))
        byline_text = "\n".join(x for x in (byline_text, draft.credit.text) if x)
    body = "\n\n".join(b.text for b in draft.body)
    if not headline:
        headline = _first_sentence(body) if body else (draft.credit.text if draft.credit else "")
    kind = _kind(draft, headline, line)
    seen: set[str] = set()
    unique = [(n, r) for n, r in reporters if not (n in seen or seen.add(n))]
    return Article(
        page_id=page.page_id, index=index, headline=headline, text=page.text[start:end],
        start=start, end=end, body=body, kind=kind, kicker=kicker, subtitle=subtitle,
        byline=byline_text, reporters=unique, dateline=line,
    )


def _kind(draft: _Draft, headline: str, line: str) -> str:
    if draft.credit is not None:
        return "photo"
    heads = " ".join(b.text for b in draft.heads)
    if any(w in heads for w in NOTICE_WORDS):
        return "notice"
    if line:
        return "news"
    if draft.bylines:
        return "feature"
    if any(w in heads for w in COMMENTARY_MARKS) or not draft.bylines:
        return "commentary"
    return "news"


def segment(page: Page) -> list[Article]:
    """Split ``page`` into articles, in page order."""
    blocks = _blocks(page.text)
    jumps = _jump_points(page)
    drafts: list[_Draft] = []
    cur: _Draft | None = None
    closed = True
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if cur is not None and any(cur.blocks[-1].end <= p <= b.start for p in jumps):
            closed = True  # a continuation mark ended the article before this block
        if b.role == "headline":
            j = i
            while j < len(blocks) and blocks[j].role == "headline":
                j += 1
            run = blocks[i:j]
            nxt = blocks[j] if j < len(blocks) else None
            last = run[-1].text.split("\n")[-1]
            new = (
                cur is None
                or closed
                or nxt is None
                or nxt.role in ("byline", "credit")
                or (nxt.role == "body" and dateline(nxt.text) is not None)
                or len(run) > 1
                or len(fold(last)) > INTERTITLE_MAX
                or (j + 1 < len(blocks) and blocks[j + 1].role == "credit")
            )
            if new:
                cur = _Draft(heads=list(run))
                drafts.append(cur)
                closed = False
            else:
                cur.body.extend(run)  # intertitles inside a feature
            i = j
            continue
        if b.role == "byline":
            if cur is None or cur.body:
                cur = _Draft()
                drafts.append(cur)
            cur.bylines.append(b)
            closed = False
        elif b.role == "credit":
            if cur is not None and len(cur.body) > 1 and not (cur.heads and len(cur.body) == 1):
                caption = cur.body.pop()
                cur = _Draft(body=[caption])
                drafts.append(cur)
            if cur is None:
                cur = _Draft()
                drafts.append(cur)
            cur.credit = b
            closed = True
        else:
            if cur is None or closed or (dateline(b.text) and cur.body):
                cur = _Draft()
                drafts.append(cur)
                closed = False
            cur.body.append(b)
        i += 1
    articles = []
    for d in drafts:
        art = _finish(d, page, len(articles))
        if art is not None:
            articles.append(art)
    if page.issue_date:
        for art in articles:
            art.date = page.issue_date
    return articles
