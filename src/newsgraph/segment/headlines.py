"""Which printed line is an article's headline.

A headline run may hold a column label (高质量发展调研行, 融入京津冀 打造桥头堡 over
several stories), a kicker (引题) above the main title, the main title, a subtitle
(副题) below it (——访…, or the line naming the leader: 张强主持召开古城建设专题会), and
for commentary the author's pen name and the column's name (良言 / 云中论坛).

Rules, in order: dash lines are subtitles; a pen name and column names are set aside;
of the last two lines left, the second is the main title unless it reads as a subtitle
(a leader at work: …出席, …主持, 张强春节前夕开展走访慰问活动; a subject-less 奋力谱写…),
in which case the first is. A title printed on one line with its subtitle (…提质增效
艾凌宇出席…会) is cut before the first space-separated part that reads as a subtitle.
Captions are titled by their 图为 sentence, else their first sentence, without the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.lexicons import word_set
from newsgraph.read.layout import bare_title
from newsgraph.read.normalize import fold
from newsgraph.segment.bylines import bare_names

COMMENTARY_MARKS = ("评论员", "短评", "时评", "社论", "论坛", "良言", "观察", "评论", "随笔",
                    "言论", "漫谈", "杂谈")
NOTICE_WORDS = ("通知", "公告", "通告", "启事", "声明", "须知", "投诉渠道", "公示", "告知书",
                "热线", "服务指南", "征集", "招聘")
COLUMN_MAX = 8
HEAD_LINES_MAX = 3  # a kicker, the headline and a subtitle
_DASH = ("——", "--", "──", "—")
_LEADER_ACTS = re.compile(r"出席|主持|率队|带队|陪同|等参加|参加$|讲话$|致辞$|宣讲|祝贺$|见证$")
_NAME_ACTS = re.compile(r"走访|慰问|调研|考察|看望|会见|开展|检查|督导|召开|强调|指出|主持|出席")
_THEY_DID = re.compile(r"等[\u4e00-\u9fff]{2,3}$")  # names, 等 and what they did
_NO_SUBJECT = ("奋力", "着力", "努力", "倾力", "聚力")
_EVENT_WORDS = "举行|召开|开幕|闭幕|启动|启幕"
_EVENT_END = re.compile(rf"(?:{_EVENT_WORDS})$")
# a line that reports an event done (…主持召开市政府党组(扩大)会议, 古县…重点项目集中开复工)
_REPORT_END = re.compile(rf"(?:{_EVENT_WORDS}|会议|开工|复工|签约|揭牌|开班"
                         r"|通航|通车|投产|竣工|开业|开通|启用|落成|建成|加快建设"
                         r"|落户[\u4e00-\u9fff]{0,4})$")  # (…项目落户遵义)
_LEADING_DATE = re.compile(
    r"^(?:(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:(?:至|到|、|-|—)(?:\d{1,2}月)?\d{1,2}日)?"
    r"(?:[上下]午|晚上?|夜间?|凌晨|早上?)?"
    r"|昨日|昨天|今日|今天|日前|近日|当日|当天|连日来|为期[^，,。的]{1,6}的)[,，、\s]*"
)
_BARE_VIEW = re.compile(r"(?:外景|全景|一角|现场|场景|近景|远景|夜景|效果图|风光|风貌|景色)$")
# a photo's number before its caption (图①：, 上图2：)
_PHOTO_NUMBER = re.compile(r"^\s*(?:[上下左右]{1,2})?图\s*[①-⑳\d一二三四五六七八九十]+\s*[:：]\s*")
_WRITERS = re.compile(r"[\u4e00-\u9fff]{2,3}(?:[ \u3000]+[\u4e00-\u9fff]{2,3}){1,3}")
_PREDICATE = re.compile(r"总占地|占地|总投资|总建筑|位于|坐落|始建|已于|正在|目前|计划|预计")


# a project's investment standing alone as a part of a line (总投资11.3亿元　将完善…)
_INVESTMENT = re.compile(r"总投资[\d.]+[万亿]*元")


def _figures(line: str) -> bool:
    """A line giving a project's figures, its investment a part of its own (…项目11个、
    总投资2223亿元): the subtitle under the line that names it."""
    return any(_INVESTMENT.fullmatch(part) for part in re.split(r"[\s、，,]+", fold(line)))


def _starts_with_name(line: str) -> bool:
    names = word_set("surnames")
    return any(line[:n] in names for n in (1, 2)) and len(line) > 3


def subtitle_like(line: str, *, part: bool = False) -> bool:
    """Does a headline line (or, with ``part``, one space-separated part) read as a
    subtitle: a leader at work, or a clause without a subject?"""
    line = fold(line).strip()
    if _LEADER_ACTS.search(line) or (not part and line.startswith(_NO_SUBJECT)):
        return True
    if _starts_with_name(line) and (_NAME_ACTS.search(line[:12]) or _THEY_DID.search(line)):
        return True  # (骆惠宁楼阳生等送别)
    return part and bool(_EVENT_END.search(line))


# a kicker saying a leader stressed what the line under it, the headline, says
_STRESSED = re.compile(r"(?:强调|指出)$")


def _reports(line: str) -> bool:
    """Does a headline line report an event done, so that the line under it is its
    subtitle (…主持召开市政府党组(扩大)会议 over 传达学习贯彻…精神)? A kicker over the
    main line says what a leader stressed (…时强调), or sets a theme."""
    return bool(_REPORT_END.search(fold(line).strip()))


def _leaders(line: str) -> bool:
    """A line of leaders over a subtitle line (习近平俞正声刘云山…, 贾庆林…等以不同形式
    表示哀悼 over 骆惠宁楼阳生等送别): subtitle-like, or names (and what they did)."""
    if subtitle_like(line):
        return True
    if not _starts_with_name(line):
        return False
    if "等" in line:
        return True
    import rjieba

    from newsgraph.extract.titles import tag

    return all(2 <= len(w) <= 3 and tag(w) in (None, "nr", "nrfg") for w in rjieba.cut(line))


def is_author(line: str) -> bool:
    """A commentary's pen name printed under its title (良言), or its writers' names
    apart (袁兆辉 张小菊), each a surname and a given name."""
    if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", line):
        return not is_column(line)
    return bool(_WRITERS.fullmatch(line)) and bool(bare_names(line))


def writers(author: str) -> list[str]:
    """The names of an author line (is_author): one pen name, or several names."""
    return author.split()


def is_column(line: str) -> bool:
    """A commentary column's name (云中论坛, 短评): short, with a commentary word."""
    return len(line) <= COLUMN_MAX and (
        any(w in line for w in COMMENTARY_MARKS if w != "良言") or line.endswith("专栏"))


_QUOTED_RUN = re.compile(r"“[^”]*”|《[^》]*》")


def _parts(line: str) -> list[str]:
    """A line's parts between spaces, a quote (“推动高质量发展 建设美丽幸福吕梁”) one part
    with its spaces."""
    hidden = _QUOTED_RUN.sub(lambda m: "\x00" * len(m.group()), line)
    return [line[m.start():m.end()] for m in re.finditer(r"\S+", hidden)]


def _cut_subtitle(main: str) -> tuple[str, str]:
    parts = _parts(main)
    for k in range(1, len(parts)):
        if subtitle_like(parts[k], part=True):
            return " ".join(parts[:k]), " ".join(parts[k:])
    return main, ""


@dataclass
class Heads:
    headline: str = ""
    kicker: str = ""
    subtitle: str = ""
    author: str = ""  # a pen name printed with the title
    column: str = ""  # column labels: 云中论坛, 高质量发展调研行


def split_heads(lines: list[str]) -> Heads:
    """Kicker, headline, subtitle, pen name and column labels of a headline run."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    out = Heads()
    dash = [ln for ln in lines if ln.startswith(_DASH)]
    rest = [ln for ln in lines if ln not in dash]
    out.subtitle = " ".join(ln.lstrip("—-─ ") for ln in dash)
    if len(rest) > 1:
        out.author = next((ln for ln in rest[1:] if is_author(ln)), "")
        columns = [ln for ln in rest if is_column(ln)]
        kept = [ln for ln in rest if ln != out.author and ln not in columns]
        if kept:
            out.column = " ".join(columns)
            rest = kept
    if not rest:
        return out
    said = next((k for k, ln in enumerate(rest[:-1]) if _STRESSED.search(fold(ln).strip())),
                None)
    leaders = []  # kicker, headline, subtitle and the leaders present (张冬云　黄志权…出席)
    while len(rest) > HEAD_LINES_MAX and said is None and _leaders(rest[-1]) \
            and _LEADER_ACTS.search(rest[-1]):
        leaders.insert(0, rest.pop())
    out.subtitle = " ".join(x for x in (*leaders, out.subtitle) if x)
    if len(rest) > HEAD_LINES_MAX and said is None:
        # a title over lines of photo captions (“五一”假期 大同文旅“火出圈” / 《昭君出塞》
        # 表演现场 / 悬空寺景区游客众多 …): kicker, headline and subtitle are three at most
        out.headline, out.subtitle = rest[0], " ".join(rest[1:])
        return out
    if said is not None:  # 王曦在…调研…时强调 / 抢抓机遇 乘势而上 / 全力推动…: what he stressed
        main, before = rest[said + 1], rest[:said + 1]
        out.subtitle = " ".join(x for x in (*rest[said + 2:], out.subtitle) if x)
    elif len(rest) == 3 and not dash and not _leaders(rest[1]):
        main, before = rest[1], rest[:1]  # kicker, headline, subtitle
        out.subtitle = " ".join(x for x in (rest[2], out.subtitle) if x)
    elif len(rest) == 1 or dash or not (subtitle_like(rest[-1]) or _reports(rest[-2])
                                        or _figures(rest[-1])):
        main, before = rest[-1], rest[:-1]
    else:
        k = len(rest) - 1  # rest[k:]: the subtitle, with the leaders' lines before it
        while k > 1 and _leaders(rest[k - 1]):
            k -= 1
        main, before = rest[k - 1], rest[:k - 1]
        out.subtitle = " ".join(x for x in (*rest[k:], out.subtitle) if x)
    out.kicker = " ".join(before)
    out.headline, cut = _cut_subtitle(main)
    if cut:
        out.subtitle = " ".join(x for x in (cut, out.subtitle) if x)
    return out


def box_title(blocks: list[str]) -> str:
    """The title of a box with no body (an announcement, a service box): the block
    that names a notice, else the longest block, its lines run together."""
    joined = ["".join(ln.strip() for ln in b.split("\n")) for b in blocks]
    named = [b for b in joined if any(w in b for w in NOTICE_WORDS)]
    return (named or sorted(joined, key=len, reverse=True))[0]


def strip_date(text: str) -> str:
    """Text without a leading date or relative day (10月11日，/ 昨日)."""
    m = _LEADING_DATE.match(fold(text))
    return text[m.end():] if m else text


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[。！？!?]", text.replace("\n", "")) if s.strip()]


_REPORT_START = re.compile(r"记者[^，。,]{0,12}?(?:获悉|了解到|看到|采访)|据(?:了解|悉|统计)")


def reads_as_report(paragraph: str) -> bool:
    """Does an unsigned item's first paragraph open as news does: with the day it tells
    of (12月6日，…, 日前，…) or what the reporter learnt (记者从市旅游局了解到)?"""
    return bool(_LEADING_DATE.match(paragraph) or _REPORT_START.match(paragraph))


def first_sentence(text: str, limit: int = 60) -> str:
    """An untitled item's title: its first sentence (or first ``limit`` characters)."""
    sents = _sentences(text)
    first = strip_date(sents[0]) if sents else ""
    return first[:limit].strip()


def caption_headline(caption: str) -> str:
    """A photo's title: its 图为 sentence, unless that only says what kind of view it
    is (图为一期项目外景), then the subject of its first sentence; else the first
    sentence, without its date."""
    first, _, rest = caption.strip().partition("\n")
    if rest.strip() and bare_title(first) and _sentences(rest):
        return first.strip()  # 古塔流光映新街 / 5月24日晚，…: its title, a line of its own
    sents = [_PHOTO_NUMBER.sub("", s) for s in _sentences(caption)]  # 图①：…, 图2：…
    if not sents:
        return ""
    shown = next((s for s in sents if s.startswith("图为")), None)
    if shown:
        shown = strip_date(shown[2:].lstrip("：:，, "))
        if shown and not _BARE_VIEW.search(shown):
            return shown
        clause = re.split(r"[，,；;]", sents[0])[0]
        m = _PREDICATE.search(clause, 4)
        return strip_date(clause[: m.start()] if m else clause)
    return strip_date(sents[0])
