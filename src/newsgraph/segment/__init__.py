"""Stage 2: split a page into its articles.

A page is a sequence of blocks (paragraphs). Each block is a headline line, a byline
(□本报记者 …), a lead (a paragraph opening with a dateline: 本报讯…, 新华社…电), a
photo credit (本报记者 张占兵摄), the caption right before a credit, the masthead or
folio (大同日报 2024年5月20日 星期一, in no article), or body text.

- A run of headline blocks starts an article, unless it is a short intertitle inside
  the article being read (one line, at most INTERTITLE_MAX characters, body after it,
  not the title of a notice: 公告, 停水通知, nor after a short dated news story).
- A byline or lead joins the article whose headline was just read; a byline after an
  article's text with only a headline (or nothing) after it signs that article off;
  otherwise it starts an untitled article (titled by its first sentence).
- A caption and its credit are a photo article of their own, titled by the headline
  line right over them when nothing of a story follows them; they may stand inside
  another article (between its headline and byline, or inside its body), which goes on
  after them. A credit printed on the caption's last line, or on a line of its own right
  under it, is read apart from it as if a blank line stood between; so are byline lines
  printed right over the text. A credit in brackets ((段俊峰 摄), on its own or ending a
  paragraph) names the photographer of the article it stands in; a writer's name in
  brackets ending a paragraph (…发展。（郝雨）) names its reporter and ends it.
- A continuation mark (下转…) ends the article; body text after it that starts no new
  article is a stray piece of a jumped article and is kept with the article before.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from newsgraph.model import Article, Page
from newsgraph.read.issue_date import masthead_date
from newsgraph.read.layout import SIGNED_DATE, ends_sentence, looks_like_headline
from newsgraph.read.normalize import fold
from newsgraph.segment.bylines import (
    byline_prefix,
    dateline,
    is_byline,
    is_credit,
    paren_credit,
    parse_people,
    trailing_credit,
)
from newsgraph.segment.headlines import (
    COMMENTARY_MARKS,
    NOTICE_WORDS,
    Heads,
    box_title,
    caption_headline,
    first_sentence,
    reads_as_report,
    split_heads,
    writers,
)

INTERTITLE_MAX = 15  # a longer headline-like line after body text starts a new article
CAPTION_MAX = 20  # 门球比赛现场。: a photo's caption between a headline and its byline
SPEAKER_TITLE_MAX = 24  # … or one of this many, when the text after it quotes the story's speaker
SHORT_NEWS = 600  # a news story (本报讯…) shorter than this has no intertitles
SIGNATURE_LINES = 3  # a signature: who issued the item (one or two lines), then the date
SIGNATURE_MAX = 30
CAPTION_MAX = 400  # a longer block before a credit is body text, not the caption
BOX_MIN_BLOCKS = 3  # a body-less run of this many headline blocks is a box (a notice)
FOLIO_LINES = 3  # a masthead block: its dated line and at most two more
FOLIO_WORDS = 12  # ... each that short (大同日报, 第2版)
_SENTENCE = re.compile(r"[，。；！？,.;!?]")
_SOURCE_END = re.compile(r"[。！？!?”]\s*\((?:[^()]{1,20}(?:提供|供稿|供图)|据[^()]{2,20}|完)\)"
                         r"\s*$")  # (市气象台提供), (据新华社), (完): an item's end
_BOXED_BYLINE = re.compile(r"^[□■]\s*(?:本报)?(?:记者|通讯员)")
# a numbered heading inside an item (主题一：…, 线路1：…, 看点2：…), its label no number
_NUMERALS = "一二三四五六七八九十零〇"
_LABEL_CHAR = rf"(?:(?![{_NUMERALS}])[\u4e00-\u9fff])"  # a Han character, no numeral
_LABELLED = re.compile(rf"^\s*{_LABEL_CHAR}{{1,3}}[{_NUMERALS}\d]{{1,2}}[：:]")
_BULLET = re.compile(r"^\s*(?:[-•·●◆◇▲△○*]|\d{1,2}(?:[.](?!\d)|[、)])"  # (not 40.5万名…)
                     r"|[(（]?[一二三四五六七八九十]+[)）、])")


@dataclass
class _Block:
    start: int
    end: int
    text: str
    role: str  # headline, byline, credit, caption, lead, body
    folded: str = ""  # fold(text)


@dataclass
class _Draft:
    heads: list[_Block] = field(default_factory=list)
    bylines: list[_Block] = field(default_factory=list)
    body: list[_Block] = field(default_factory=list)
    credit: _Block | None = None
    lead: str = ""  # the dateline, once a lead paragraph is read
    reporters: list[tuple[str, str]] = field(default_factory=list)
    closed: bool = False  # a continuation mark followed it
    boxed: bool = False  # its byline ran into its first paragraph (□本报记者 …)
    jumped: bool = False

    @property
    def blocks(self) -> list[_Block]:
        parts = self.heads + self.bylines + self.body + ([self.credit] if self.credit else [])
        return sorted(parts, key=lambda b: b.start)


def _is_folio(text: str) -> bool:
    """The masthead or folio: a line printing the date with its weekday (大同日报
    2024年5月20日 星期一 第2版), maybe with a short line or two (the paper's name)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if len(lines) > FOLIO_LINES:
        return False
    dated = [masthead_date(ln) is not None for ln in lines]
    return any(dated) and all(d or (len(ln) <= FOLIO_WORDS and not _SENTENCE.search(ln))
                              for d, ln in zip(dated, lines, strict=True))


def _is_folio_part(text: str) -> bool:
    """A short line a masthead prints apart from its dated line (晋中日报)."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return len(lines) == 1 and len(lines[0]) <= FOLIO_WORDS and not _SENTENCE.search(lines[0])


_BRACKETED = re.compile(r"\([^()\n]{1,40}\)")  # a short line in brackets, nothing else


def _role(text: str, following: str, folded: str | None = None) -> str:
    folded = fold(text) if folded is None else folded
    if _is_folio(text):
        return "folio"
    if is_credit(text, folded):
        return "credit"
    if _bracket_credit(folded):
        return "photo_by"  # (段俊峰 摄) on its own: the photographer of the article
    if is_byline(text, folded):
        return "byline"
    if _BOXED_BYLINE.match(folded):
        return "lead"  # a byline run into its text (a page without line breaks)
    if dateline(text, folded) is not None:
        return "lead"
    if all(_BULLET.match(ln) or _LABELLED.match(ln) for ln in text.split("\n")):
        return "body"  # a list of points
    if _BRACKETED.fullmatch(folded.strip()):
        return "body"  # (包头日报社全媒体记者:梁彦强), (晋中市体育局): the item's source
    if looks_like_headline(text.split("\n"), following) or (
        text.startswith(("——", "──")) and len(text) <= 80 and "\n" not in text
    ):
        return "headline"
    return "body"


def _bracket_credit(folded: str) -> bool:
    """The text is a credit in brackets and nothing else: (段俊峰 摄)."""
    found = paren_credit(folded)
    return found is not None and found[0] == 0


def _apart(start: int, end: int, folded: str) -> list[tuple[int, int]]:
    """A block, or its parts printed without a blank line between them: the byline lines
    over the text (□本报记者 段俊峰 / 近日，…), a caption and the credit that ends it on a
    line of its own or at the end of its last line (图为…晨练。 本报记者 郭钧 摄)."""
    if is_byline(folded[start:end], folded[start:end]):
        return [(start, end)]  # a byline or credit of several lines
    at = start
    while at < end:
        nl = folded.find("\n", at, end)
        if nl < 0 or not is_byline(folded[at:nl], folded[at:nl]):
            break
        at = nl + 1
    if at > start:
        return [(start, at - 1), *_apart(at, end, folded)]
    last = folded.rfind("\n", start, end) + 1
    if last > start and (is_credit(folded[last:end], folded[last:end])
                         or _bracket_credit(folded[last:end])):
        return [(start, last - 1), (last, end)]  # the credit on a line of its own
    line = max(start, last)  # the block's last line
    at = trailing_credit(folded[line:end])
    if at is None or line + at == start:
        return [(start, end)]
    cut = line + at
    head_end = cut
    while head_end > start and folded[head_end - 1] in " \u3000":
        head_end -= 1
    return [(start, head_end), (cut, end)]


def _blocks(text: str) -> list[_Block]:
    folded = fold(text)  # fold is character by character: a block's is a slice of it
    out = [_Block(s, e, text[s:e], "body", folded[s:e])
           for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text)
           for s, e in _apart(m.start(), m.end(), folded)]
    for i, b in enumerate(out):
        b.role = _role(b.text, out[i + 1].text if i + 1 < len(out) else "", b.folded)
    for i, b in enumerate(out[:-1]):
        if b.role == "folio":
            continue
        if out[i + 1].role == "folio" and _is_folio_part(b.text):
            b.role = "folio"  # the paper's name a blank line above its dated line
        break  # (only what stands above the page's first folio)
    for i, b in enumerate(out[1:], 1):
        before = out[i - 1]
        if b.role == "credit" and before.role in ("body", "headline") and (
            len(before.text) <= CAPTION_MAX
        ):
            before.role = "caption"
    return out


def _jump_points(page: Page) -> list[int]:
    """Offsets in page.text where a continuation mark (下转…) stood.

    ``page.origin`` rises except where the reader moved a photo out of a broken
    paragraph, so a binary search finds the character that followed the mark.
    """
    return sorted(bisect.bisect_left(page.origin, m.start)
                  for m in page.continuations if m.direction == "to")


class _Segmenter:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.blocks = _blocks(page.text)
        self.jumps = _jump_points(page)
        self.drafts: list[_Draft] = []
        self.cur: _Draft | None = None
        self.last_end = 0

    def new(self, **parts) -> _Draft:
        self.cur = _Draft(**parts)
        self.drafts.append(self.cur)
        return self.cur

    def run(self) -> list[_Draft]:
        i = 0
        while i < len(self.blocks):
            b = self.blocks[i]
            if self.cur and any(self.last_end <= p <= b.start for p in self.jumps):
                self.cur.closed = self.cur.jumped = True
            if b.role == "headline":
                j = self.run_end(i)
                self.headlines(self.blocks[i:j], self.after_run(j))
                i = j
            else:
                getattr(self, b.role)(b)
                i += 1
            self.last_end = self.blocks[i - 1].end
        if self.cur and any(p >= self.last_end for p in self.jumps):
            self.cur.jumped = True
        return self.drafts

    def run_end(self, i: int) -> int:
        """The end of the run of headline blocks starting at ``i`` (a mark ends it)."""
        j = i + 1
        while j < len(self.blocks) and self.blocks[j].role == "headline" and not any(
            self.blocks[j - 1].end <= p <= self.blocks[j].start for p in self.jumps
        ):
            j += 1
        return j

    def after_run(self, j: int) -> _Block | None:
        """The first block after a headline run that is not a list of points."""
        while j < len(self.blocks) and _BULLET.match(self.blocks[j].text):
            j += 1
        return self.blocks[j] if j < len(self.blocks) else None

    def open(self) -> bool:
        return self.cur is not None and not self.cur.closed

    def headlines(self, run: list[_Block], nxt: _Block | None) -> None:
        cur = self.cur
        one_line = (self.open() and cur.body and len(run) == 1 and "\n" not in run[0].text
                    and nxt is not None and nxt.role == "body"
                    and not run[0].folded.strip().endswith(NOTICE_WORDS))  # 公告, 停水通知
        intertitle = one_line and (
            len(run[0].folded) <= INTERTITLE_MAX
            and not (cur.lead and sum(len(b.text) for b in cur.body) < SHORT_NEWS)
            and not reads_as_report(nxt.folded)  # 1月14日上午，…: a story's dated lead
            or len(run[0].folded) <= SPEAKER_TITLE_MAX and _speaker_goes_on(cur, nxt))
        if intertitle or self.signature(run):
            cur.body.extend(run)
        else:
            self.new(heads=list(run))

    def signature(self, run: list[_Block]) -> bool:
        """Short lines ending in a date that close the open item: who issued it and when
        (大同市统计局 / 2023年3月18日 under a notice)."""
        return (self.open() and bool(self.cur.body) and len(run) <= SIGNATURE_LINES
                and all("\n" not in b.text and len(b.folded.strip()) <= SIGNATURE_MAX
                        for b in run)
                and bool(SIGNED_DATE.match(run[-1].folded)))

    def byline(self, b: _Block) -> None:
        cur = self.cur
        if self.open() and cur.body and not cur.lead and self.signs_off(b) and all(
                x.start > cur.body[-1].start for x in cur.bylines):
            cur.bylines.append(b)  # …乐享假日。/ 本报记者 崔莉英 / 摄影 戎禹仁: the end's byline
            cur.reporters.extend(parse_people(b.text))
            return
        if not (self.open() and (cur.heads or cur.bylines) and (
                not cur.body or _captioned(cur)) and not cur.lead):
            cur = self.new()  # (a headline, a photo's short caption, then its byline)
        cur.bylines.append(b)
        cur.reporters.extend(parse_people(b.text))

    def signs_off(self, b: _Block) -> bool:
        """Nothing but bylines follows ``b`` before a headline, the masthead or the end."""
        k = self.blocks.index(b) + 1
        while k < len(self.blocks) and self.blocks[k].role == "byline":
            k += 1
        return k == len(self.blocks) or self.blocks[k].role in ("headline", "folio")

    def lead(self, b: _Block) -> None:
        cur = self.cur
        attach = (self.open() and not cur.lead and (cur.heads or cur.bylines)
                  and (all(_BULLET.match(x.text) for x in cur.body) or _captioned(cur)))
        if not attach:
            cur = self.new()
        dated = dateline(b.text)
        line, people = dated or byline_prefix(b.text) or ("", [])
        cur.lead = line if dated else ""
        cur.boxed = bool(line) and not dated  # □本报记者 贺美晓9月23日…: a byline run in
        cur.reporters.extend(people)
        cur.body.append(b)
        self.signed(cur, b)

    def signed(self, host: _Draft, b: _Block) -> None:
        """A credit in brackets ending ``b``: …陪同。(段俊峰 摄) names the article's
        photographer; …发展。(郝雨), the writer, also ends the article."""
        found = paren_credit(b.folded)
        if found is not None:
            host.reporters.extend(found[1])
            if any(role != "photographer" for _, role in found[1]):
                host.closed = True
        elif _SOURCE_END.search(b.folded):
            host.closed = True  # …14℃。(市气象台提供), (据新华社), (完): the item's end

    def caption(self, b: _Block) -> None:
        pass  # read with its credit

    def photo_by(self, b: _Block) -> None:
        self.body(b)

    def folio(self, b: _Block) -> None:
        pass  # the masthead: the page's, no article's (it gives the issue date)

    def credit(self, b: _Block) -> None:
        k = self.blocks.index(b)
        cap = self.blocks[k - 1] if k and self.blocks[k - 1].role == "caption" else None
        cur, nxt = self.cur, self.blocks[k + 1] if k + 1 < len(self.blocks) else None
        if (cap and self.open() and len(cur.heads) == 1
                and not (cur.body or cur.bylines or cur.lead)
                and cur.heads[-1] is self.blocks[k - 2]
                and (nxt is None or nxt.role in ("headline", "folio"))):
            # a headline over a caption and its credit, and nothing of the story after
            # them: a titled photo (not a photo between a headline and its byline)
            cur.body, cur.credit, cur.closed = [cap], b, True
            cur.reporters.extend(parse_people(b.text))
            return
        photo = _Draft(body=[cap] if cap else [], credit=b, reporters=parse_people(b.text))
        self.drafts.append(photo)
        if self.cur is None:
            self.cur = photo
            photo.closed = True

    def body(self, b: _Block) -> None:
        if self.open():
            host = self.cur
        else:
            host = next((d for d in reversed(self.drafts) if d.credit is None), None)
            if host is None:
                host = self.new()
        host.body.append(b)  # (when not open: a stray piece of a jumped article)
        self.signed(host, b)


_SPEAKS = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:在[^，。]{1,12}中)?(?:提到|指出|表示|强调|说)")


def _speaker_goes_on(d: _Draft, nxt: _Block) -> bool:
    """The text after a line goes on with what someone the open story names said
    (卫华在政府工作报告中提到，… / 卫华指出，…): the line is an intertitle of the story."""
    m = _SPEAKS.match(nxt.folded)
    return m is not None and any(m.group(1) in b.folded for b in d.body)


def _captioned(d: _Draft) -> bool:
    """All the draft's text is a photo's short caption (门球比赛现场。) under its headline:
    the byline and the lead after it are still its own."""
    return (len(d.body) == 1 and len(d.body[0].folded) <= CAPTION_MAX
            and ends_sentence(d.body[0].text))


def _kind(d: _Draft, heads: Heads) -> str:
    if d.credit is not None:
        return "photo"
    if d.lead:
        return "news"
    labels = " ".join([heads.kicker, heads.column, heads.author] +
                      [b.text for b in d.bylines])
    if any(w in labels for w in COMMENTARY_MARKS) or len(writers(heads.author)) == 1:
        return "commentary"  # a pen name under the title (良言)
    if heads.author:
        return "feature"  # its writers' names under the title (袁兆辉 张小菊)
    head_text = " ".join(b.text for b in d.heads)
    if any(w in head_text for w in NOTICE_WORDS) or (d.heads and not d.body and not d.jumped
                                                      and not d.bylines):
        return "notice"
    if d.bylines or d.boxed:
        return "feature"
    if d.body and reads_as_report(d.body[0].folded):
        return "news"
    return "feature" if d.reporters else "commentary"  # a story its writer signs (（郝雨）)


def _heads(d: _Draft) -> Heads:
    if d.credit is not None and not d.heads:
        return Heads(headline=caption_headline(d.body[0].text) if d.body else d.credit.text)
    lines = [ln for b in d.heads for ln in b.text.split("\n")]
    heads = split_heads(lines)
    if not d.body and not d.bylines and not d.jumped and len(d.heads) >= BOX_MIN_BLOCKS:
        heads = Heads(headline=box_title([b.text for b in d.heads]), kicker=heads.kicker)
    if not heads.headline and d.body:
        text = d.body[0].text
        found = dateline(text) or byline_prefix(text)
        heads.headline = first_sentence(text[len(found[0]):] if found else text)
    return heads


def _without(text: str, start: int, end: int, holes: list[tuple[int, int]]) -> str:
    """``text[start:end]`` without the spans ``holes`` (sorted; those not inside it are
    ignored) and the blank lines after each."""
    parts, at = [], start
    for s, e in holes:
        if s < at or e > end:
            continue
        parts.append(text[at:s])
        at = e
        while at < end and text[at].isspace():
            at += 1
    parts.append(text[at:end])
    return "".join(parts)


def _finish(d: _Draft, page: Page, index: int, inside: list[tuple[int, int]] = ()
            ) -> Article | None:
    """The article of draft ``d``; ``inside``: the blocks of other items printed within
    its span (a photo), left out of its text."""
    blocks = d.blocks
    if not blocks:
        return None
    heads = _heads(d)
    reporters = list(d.reporters)
    reporters.extend((name, "author") for name in writers(heads.author))
    seen: set[str] = set()
    unique = [(n, r) for n, r in reporters if not (n in seen or seen.add(n))]
    byline = "\n".join(b.text for b in d.bylines + ([d.credit] if d.credit else []))
    start, end = blocks[0].start, max(b.end for b in blocks)
    return Article(
        page_id=page.page_id, index=index, headline=heads.headline,
        text=_without(page.text, start, end, inside),
        start=start, end=end,
        body="\n\n".join(b.text for b in d.body),
        kind=_kind(d, heads), kicker=heads.kicker, subtitle=heads.subtitle,
        byline=byline or heads.author, reporters=unique, dateline=d.lead,
    )


def segment(page: Page) -> list[Article]:
    """Split ``page`` into articles, in page order."""
    drafts = _Segmenter(page).run()
    drafts.sort(key=lambda d: d.blocks[0].start if d.blocks else 0)
    owned = sorted((b.start, b.end, i) for i, d in enumerate(drafts) for b in d.blocks)
    articles: list[Article] = []
    for i, d in enumerate(drafts):
        inside = [(s, e) for s, e, j in owned if j != i]
        art = _finish(d, page, len(articles), inside)
        if art is not None:
            art.date = page.issue_date
            articles.append(art)
    return articles
