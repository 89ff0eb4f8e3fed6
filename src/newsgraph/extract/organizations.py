"""Organisation mentions: organs, companies, hospitals, schools, media, parties.

Sources, most certain first:

* fixed names and short forms (``org_names.tsv``: 新华社, 市委, 省政府, 新三板);
* names ending in an organisation word (``org_suffixes.tsv``: 局, 有限公司, 医院, 党).
  For organs the start is found by walking jieba tokens leftwards (see
  :func:`newsgraph.extract.titles.chain_start`); for companies, schools, hospitals and
  parties by taking the run of name-like tokens back to punctuation, a clause word
  (走进, 引进, 与) or a person, and starting at its first place name if it has one;
* numbered public hotlines (12345政务服务便民热线) and names in quotes followed by a
  word for a body (“大同党员先锋号”微信公众号, “山里美”等10多家农家客栈);
* a name before 等(相关)单位/企业, items of a list (、) whose other items are
  organisations, and brand + trade before a project (奇灵家具二期项目);
* the body a title names where it starts with a place or level (平城区委 in 平城区委书记;
  a bare 市委 inside a title is no actor and does not count);
* jieba's ``nt`` words that end like an organisation.

Generic phrases are kept out by ``org_stopwords.txt`` (whole names),
``org_tail_stop.txt`` (common words the suffix belongs to: 格局, 干部, 常委, 物流中心)
and ``org_generic_inner.txt`` (部分, 有关: a class, not a name).

A list whose items are bodies counts each item: beside an organisation found
(秦淮集团、中联数据、京东集团等), or where the text says what they are (京东、新希望等企业,
清华大学、北京大学等高校).

Short forms of a body named in the same text become aliases (``attrs["name"]`` is the
full name, so the resolver merges them): 华青环保 for 山西华青环保股份有限公司, 秦淮集团
for 秦淮数据集团, 市委政研室 for 市委政策研究室, 新三板 for 全国中小企业股份转让系统
(“新三板”). A body inside another's name is its ``parent`` and a ``sub_org_of``
relation is added when the parent is mentioned (国家乡村振兴局社会帮扶司 -> 国家乡村振兴局).
"""

from __future__ import annotations

import re
import threading
from functools import cache, lru_cache

from newsgraph.extract.places import is_place_name
from newsgraph.extract.titles import (
    ADMIN_START,
    NUMERALS,
    ORGAN_END,
    STOP_WORDS,
    chain_start,
    level_of,
    list_items,
    org_suffix_types,
    post_words,
    segmentation,
    share_place,
    tag,
    word_tags,
)
from newsgraph.lexicons import alternation, table, word_regex, word_set, words
from newsgraph.model import ORGANIZATION, PERSON, PLACE, TITLE, Doc, Mention, Relation

REQUIRES: tuple[str, ...] = ()
ASSIGNS = (ORGANIZATION,)

# Short forms that count only where the text uses them as an actor, not inside a title.
BARE = frozenset(
    "市委 市政府 省委 省政府 县委 县政府 区委 区政府 党委 党组 党中央 中共中央".split()
)
# Suffixes that name an organisation only with a place or level in front (市…中心).
ANCHORED = frozenset(
    "中心 室 办 组 委 部 司 厅 署 办公室 领导小组 工作组 督导组 指挥部 委员会 "
    "党委 党组 党工委 纪委 管委会 人大 政府 人民政府 政协".split()
)
# Of those, the ones a long enough name may carry without a place (应急管理部, 商务局).
LOOSE = frozenset("局 部".split())
# Suffixes of a unit inside a body: the body is worth its own mention.
DEPARTMENT = frozenset("司 处 科 室 办公室 党支部 党总支 机关党委 研究室 政研室".split())
# Bodies whose name starts at the first place of the run (not at a token chain).
RUN_TYPES = frozenset("corporation hospital school media association ngo other".split())
BARE_PARTY = frozenset("党 革命党 共产党 工人党 人民党 民主党".split())
_BODY_END = frozenset("学院校中司团局委会厂矿所馆")  # a body's name ends before 同 (with)
_FUNCTION_CH = re.compile("[为此以于在的了与和及从向对把被将由是图]")  # 图为, 值此: no brand
COMPANY_TAIL = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团公司|总公司|集团|公司)$")
MIN_PREFIX = 2
MAX_RUN = 20
PREPOSITIONS = frozenset("从在向由对经据与和及暨")
# A suffix may end inside a jieba token when what follows is one of these (局于, 小组会议).
AFTER_SUFFIX = ("于", "在", "和", "与", "及", "将", "对", "是", "等", "会议")
CLAUSE_TAGS = frozenset("p c u uj ul uz ud ug uv r d t tg y e o f q i v vd".split())
NAME_TAGS = frozenset("ns nr nrt nrfg nz nt j".split())
# Last characters that make one of jieba's nt words a body (中国队, 共同社, 中国足协).
FUNCTION_FIRST = frozenset("由了经并在从对被把给据向与和及于将使让令")
NT_LAST = frozenset("队社协联台院所厂行军校盟署站厅府团")
COUNTED = re.compile(r"[一二两三四五六七八九十百\d]+(?:个|所|家|大|批|类|级|张|部)|两国|各国")
COUNT_HEAD = re.compile(r"(?:\d+|[一二三四五六七八九十百]+)?多?[家个所]?[\u4e00-\u9fff]{0,4}?")
LIST_ITEM = re.compile(r"[\u4e00-\u9fff—·]+")
CJK_NAME = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·]+")
HOTLINE = re.compile(
    r"(?<!\d)“?\d{3,6}(?![\d年月日号届期个家万亿元%])”?\s*[\u4e00-\u9fff\s]{0,10}?热线(?:中心)?"
)
QUOTED_MEDIA = re.compile(r"“([^“”\s]{2,12})”(微信公众号|公众号|客户端|视频号|抖音号)")
ALIAS = re.compile(r"[(（](?:以下)?(?:简称)?[“\"]([^“”\"()（）]{2,12})[”\"][)）]")
LIST_END = re.compile(r"[，。；：！？,;:!?\n()（）《》「」]")
TIME_WORD = re.compile(r"^\d+$|[年月日]$")
_ODD_CHAR = re.compile(r"[\d“”A-Za-z]")
_THIS_BODY = re.compile(r"[该本此][院局委司校厂部所]$")
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}([\u4e00-\u9fff]{0,4})$")
_TERM = re.compile(r"第?[一二三四五六七八九十\d]{1,3}届$")  # 市第十六届 (人大常委会)
_BODY_LEAD = r"(?:中国人民政治协商会议|政协|中国共产党|中共)"
_TERM_LEAD = re.compile(  # 政协 + 第十五届 + 山西省大同市委员会
    rf"{_BODY_LEAD}第?[一二三四五六七八九十\d]{{1,3}}届$")
_PLACE_LEAD = re.compile(rf"{_BODY_LEAD}$")  # 政协 + 宜昌市第七届委员会
# words a body's name starts after, and how long the name after them is at least (为新建
# 项目|县公安局…, 市委常委会会议暨|市委: after the project word, after a meeting joined to
# another)
_LEADING_WORDS = {"项目": 3, "会议暨": 2}
_QUOTED_ETC = re.compile(r"“([^“”\s]{2,10})”等")
_ETC = re.compile(r"等(?:相关|有关|多家|\d+家|龙头)?")
_PHASE = re.compile(r"[一二三四五六七八九十\d]期|项目")
_LIST_CUT = re.compile(r"等|和|及|与")
_CITY_SHORT = re.compile(r"市(?!场)")


# --------------------------------------------------------------------------- lexicons


@cache
def _known() -> tuple[re.Pattern, dict[str, tuple[str, str, bool, str]]]:
    info = {}
    for row in table("org_names"):
        canon = row[4] if len(row) > 4 else ""
        info[row[0]] = (row[1], row[2] if len(row) > 2 else "", row[3:4] == ("1",), canon)
    return re.compile(alternation(list(info))), info


@cache
def _suffix_re() -> re.Pattern:
    return re.compile(alternation(list(org_suffix_types())))


@lru_cache(maxsize=256)
def _shorter_suffixes(suffix: str) -> tuple[str, ...]:
    """The organisation suffixes ``suffix`` ends in, longest first (股份有限公司: 有限公司,
    公司)."""
    return tuple(sorted((x for x in org_suffix_types() if len(x) < len(suffix)
                         and suffix.endswith(x)), key=len, reverse=True))


@cache
def _stop() -> frozenset[str]:
    return frozenset(words("org_stopwords"))


@cache
def _tail_stop() -> tuple[str, ...]:
    return tuple(words("org_tail_stop"))


@cache
def _tail_stop_lengths() -> tuple[tuple[int, frozenset[str]], ...]:
    """The tail words by length, shortest first."""
    by: dict[int, set[str]] = {}
    for w in _tail_stop():
        by.setdefault(len(w), set()).add(w)
    return tuple((n, frozenset(ws)) for n, ws in sorted(by.items()))


@cache
def _generic_inner() -> frozenset[str]:
    return frozenset(words("org_generic_inner"))


@cache
def _generic_inner_re() -> re.Pattern | None:
    """Finds any of the inner words (None: there are none)."""
    return re.compile(alternation(list(_generic_inner()))) if _generic_inner() else None


@cache
def _context() -> tuple[re.Pattern, dict[str, str]]:
    """Head nouns that show what comes before 等 is a body: 单位, 企业, 客栈."""
    info = {row[0]: row[1] for row in table("org_context")}
    return re.compile(alternation(list(info))), info


@cache
def _trades() -> tuple[str, ...]:
    return tuple(words("org_trades"))


@cache
def _name_verbs() -> frozenset[str]:
    """Verbs that belong in a company's name (开发, 投资), not before it (走进, 引进)."""
    return frozenset(words("org_name_verbs"))


@cache
def _nt_words() -> frozenset[str]:
    """jieba's words of three characters or more tagged nt."""
    return frozenset(w for w, t in word_tags().items() if t == "nt" and len(w) >= 3)


@cache
def _nt_tails() -> tuple[str, ...]:
    return tuple(words("org_nt_tails"))


@cache
def _place_names() -> frozenset[str]:
    """Names of provinces, cities, counties and countries (full and short forms): the
    places an organisation's name may start with, whether or not the place step keeps
    them as mentions of their own."""
    from newsgraph.lexicons.gazetteer import Gazetteer

    out = {f for d in Gazetteer.load() if d.level in ("province", "city", "county")
           for f in d.surface_forms if len(f) >= 2}
    for row in table("countries"):
        out.update(x for x in row[:2] if len(x) >= 2)
    return frozenset(out)


def _place_end(doc: Doc, pos: int) -> int:
    """End of the longest place name starting at pos (pos if none)."""
    ends = _place_ends(doc)
    if pos in ends:
        return ends[pos]
    for n in range(8, 1, -1):
        if doc.norm[pos:pos + n] in _place_names():
            return pos + n
    return pos


def _place_start(doc: Doc, pos: int) -> int:
    """Start of the longest place name ending at pos (pos if none)."""
    starts = _place_starts(doc)
    if pos in starts:
        return starts[pos]
    for n in range(8, 1, -1):
        if pos - n >= 0 and doc.norm[pos - n:pos] in _place_names():
            return pos - n
    return pos


def _is_place_token(doc: Doc, at: int, tok: str) -> bool:
    return tag(tok) == "ns" or tok in _place_names() or _place_end(doc, at) > at


# --------------------------------------------------------------------------- helpers


class _Known(threading.local):
    """What ``extract`` looks up again and again about the mentions the steps before it
    made, read once per document: while it looks for candidates (it adds its own
    organisation mentions only after), for ``doc`` alone; else nothing is kept."""

    def __init__(self) -> None:
        self.doc: Doc | None = None
        self.spans: dict[str, list[tuple[int, int]]] = {}
        self.places: tuple[dict[int, int], dict[int, int]] | None = None


_KNOWN = _Known()


def _spans(doc: Doc, type_: str) -> list[tuple[int, int]]:
    """(start, end) of the mentions of a type (a list the caller must not change)."""
    if _KNOWN.doc is doc and type_ != ORGANIZATION:
        got = _KNOWN.spans.get(type_)
        if got is None:
            got = _KNOWN.spans[type_] = [(m.start, m.end) for m in doc.of_type(type_)]
        return got
    return [(m.start, m.end) for m in doc.of_type(type_)]


def _place_index(doc: Doc) -> tuple[dict[int, int], dict[int, int]]:
    """Place mentions (but 我市, 全省 …): the end of the first one starting at each
    position, and the start of the first one ending at each."""
    if _KNOWN.doc is doc and _KNOWN.places is not None:
        return _KNOWN.places
    ends: dict[int, int] = {}
    starts: dict[int, int] = {}
    for m in doc.of_type(PLACE):
        if m.text[:1] not in "我本全该":
            ends.setdefault(m.start, m.end)
            starts.setdefault(m.end, m.start)
    if _KNOWN.doc is doc:
        _KNOWN.places = (ends, starts)
    return ends, starts


def _place_ends(doc: Doc) -> dict[int, int]:
    return _place_index(doc)[0]


def _place_starts(doc: Doc) -> dict[int, int]:
    return _place_index(doc)[1]


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def _tokens(seg, s: int, e: int) -> list[tuple[int, str]]:
    i = max(seg.index_at(s), 0)
    out = []
    while i < len(seg.tokens) and seg.starts[i] < e:
        out.append((seg.starts[i], seg.tokens[i]))
        i += 1
    return out


def _generic(name: str, suffix: str = "") -> bool:
    """A common word or phrase, not a name: 格局, 市管主要领导干部, 我市部分医院.

    A tail word counts only when it is longer than the suffix the name was found by
    (干部 ends 市管主要领导干部 found by 部; 党支部 is no common word in 支部)."""
    inner = _generic_inner_re()
    if name in _stop() or inner and inner.search(name) or COUNTED.search(name):
        return True
    for n, tails in _tail_stop_lengths():
        if n > len(suffix) and name[-n:] in tails and n <= len(name):
            return True
    return False


def _proper(doc: Doc, seg, s: int, e: int) -> bool:
    """Whether doc.norm[s:e] holds something name-like: a place, a proper or unknown word."""
    text = doc.norm[s:e]
    if ADMIN_START.match(text) or _ODD_CHAR.search(text):
        return True
    if any(c in NUMERALS for c in text[:3]):
        return True  # 市五医院, 第一中学
    if any(a < e and s < b for a, b in _spans(doc, PLACE)):
        return True
    for at, tok in _tokens(seg, s, e):
        if _is_place_token(doc, at, tok):
            return True
        t = tag(tok)
        if t is None or t in NAME_TAGS:
            return True
    return False


def _has_place(doc: Doc, seg, s: int, e: int) -> bool:
    if any(a < e and s < b for a, b in _spans(doc, PLACE)):
        return True
    return any(_is_place_token(doc, at, tok) for at, tok in _tokens(seg, s, e))


def _quoted(doc: Doc, s: int, e: int) -> bool:
    return doc.norm[s - 1:s] in "“\"「" and s > 0 and doc.norm[e:e + 1] in ("”", "\"", "」")


def in_book_title(doc: Doc, s: int, e: int) -> bool:
    """Inside 《…》 but not the whole title: 《中国共产党政法工作条例》."""
    a, b = doc.norm.rfind("《", 0, s), doc.norm.rfind("》", 0, s)
    if a <= b:
        return False
    close = doc.norm.find("》", e)
    return close != -1 and (a + 1, close) != (s, e) and "《" not in doc.norm[e:close]


def _zone_ends(doc: Doc) -> set[int]:
    return {m.end for m in doc.of_type(PLACE)
            if m.attrs.get("level") in ("zone", "landmark", "region")}


# --------------------------------------------------------------------------- suffixes


def _boundary_ok(doc: Doc, seg, s: int, e: int) -> bool:
    """The suffix at s..e is a word of its own, or the end of a name-like token."""
    i = seg.index_at(e - 1)
    if seg.starts[i] + len(seg.tokens[i]) != e and not doc.norm.startswith(AFTER_SUFFIX, e):
        return False  # 局长, 部署: the suffix is part of another word
    j = seg.index_at(s)
    if seg.starts[j] == s:
        return True
    word = seg.tokens[j]
    if seg.starts[j] + len(word) < e or word in _tail_stop():
        return False  # 格局, 干部, 通办
    return tag(word) in (None, "nt", "j", "nz", "n", "ns", "l")


_GOVERNING = ("政府", "党委", "市委", "县委", "区委", "省委")  # …中心工作: central, no centre


def _from_suffixes(doc: Doc, titles, places, persons) -> dict[tuple[int, int], str]:
    seg = segmentation(doc)
    zones = _zone_ends(doc)
    out: dict[tuple[int, int], str] = {}
    for m in _suffix_re().finditer(doc.norm):
        s, e = m.span()
        suffix = m.group()
        if not _boundary_ok(doc, seg, s, e):
            shorter = [x for x in _shorter_suffixes(suffix)
                       if _boundary_ok(doc, seg, e - len(x), e)]
            if not shorter:
                continue
            suffix = shorter[0]  # 科技股份|有限公司: jieba's words hold 有限公司, not 股份有限公司
            s = e - len(suffix)
        typ = org_suffix_types()[suffix]
        if typ in RUN_TYPES or suffix in BARE_PARTY:
            start = _run_start(doc, seg, s, persons, zones)
            if start is not None:
                start = _list_item_start(doc, start, s, e)
        else:
            start = _start(doc, seg, s)
        if start is None:
            continue
        name = doc.norm[start:e]
        if s - start < MIN_PREFIX and not (s - start >= 1 and len(suffix) >= 2):
            continue
        if s - start == 1 and adjective_led(name):
            continue  # 新党支部
        if _generic(name, suffix) or start < s and _generic(doc.norm[start:s]):
            continue
        if _quoted(doc, start, e) and not _proper(doc, seg, start, s):
            continue  # “参谋部”“智囊团”: a figure of speech
        if _THIS_BODY.search(doc.norm[max(0, start - 2):start]):
            continue  # 该院中心手术部: a unit of a body named before
        if suffix == "中心" and doc.norm.endswith(_GOVERNING, start, s):
            continue  # 围绕市委、市政府中心工作: their central work, no centre
        if (start, e) in places or _inside(places, start, e):
            continue  # 保税物流中心: a place
        if suffix in PLACE_NAMED and not (_LEVEL_ONLY.fullmatch(doc.norm, start, s) or (
                (start, s) in places or is_place_name(doc.norm[start:s]))):
            continue  # 市政府工作报告和政府, 长治篇章贡献政协: a place's body, no place
        if suffix in BARE_PARTY:
            if len(name) < 4 or not _has_place(doc, seg, start, s):
                continue  # 六中全会全面总结党
        elif typ in RUN_TYPES and not _proper(doc, seg, start, s) and not (
                typ in ("association", "ngo") and _WORLD.match(name)):
            if not (suffix.startswith(("有限", "股份")) and s - start >= 4):
                continue  # 特殊教育学校, 新兴产业; but 为全农副产品有限公司
        elif not _anchored_ok(name, suffix, _anchored(doc, seg, start)):
            continue
        out[(start, e)] = typ
    return out


# bodies a place names, and nothing else: 大同市政府, 市政协, 全国人大, 乡镇政府
PLACE_NAMED = frozenset(("政府", "人民政府", "政协", "人大"))
_LEVEL_ONLY = re.compile(r"(?:全国|中央|自治区|省|市|县|区|镇|乡|乡镇|旗|盟|州)?")


# the scope an association of common nouns is named by (世界中餐业联合会, 国际茶叶委员会)
_WORLD = re.compile(r"世界|全球|国际|亚洲|中华")


def adjective_led(name: str) -> bool:
    """One adjective or adverb character before a body's word: 新党支部 is a new branch,
    no name."""
    return len(name) >= 2 and name[1:] in org_suffix_types() and tag(name[0]) in ("a", "d")


def _list_item_start(doc: Doc, start: int, s: int, e: int) -> int:
    """A company's name that is a whole item of a 、 list starts at the item: jieba cut
    a one-character word out of it (、秦皇岛港|务|集团有限公司、), and the walk stopped."""
    j = doc.norm.rfind("、", max(0, start - 8), start)
    if j < 0 or doc.norm[e:e + 1] not in ("、", "等"):
        return start
    item = doc.norm[j + 1:s]
    if len(item) > 14 or not CJK_NAME.fullmatch(doc.norm[j + 1:start]) or (
            word_regex("clause_verbs").search(item) or _FUNCTION_CH.search(item)):
        return start
    return j + 1


def _run_start(doc: Doc, seg, s: int, persons, zones) -> int | None:
    """Start of a company-like name ending at s: the run of name-like tokens before it."""
    start = _raw_run_start(doc, seg, s, persons, zones)
    return _drop_function_char(doc, seg, start, s)


def _drop_function_char(doc: Doc, seg, start: int, s: int) -> int:
    """收购了泽东公司, 由林达集团, 经住房和城乡建设部: jieba glued a function word on."""
    i = seg.index_at(start)
    tok = seg.tokens[i] if i >= 0 else ""
    if (s - start >= 3 and doc.norm[start] in FUNCTION_FIRST and seg.starts[i] == start
            and (tag(tok) is None or len(tok) == 1) and doc.norm[start - 1:start] != "、"
            and start not in _place_ends(doc)):
        return start + 1  # (not 经开区城管局: a place starts with the character)
    return start


def _bracketed_place(doc: Doc, close: int, place_spans: list[tuple[int, int]]) -> int | None:
    """Where the bracket closing at ``close`` opens, when all it holds is a place with a
    name-like run before it: 华润新能源(大同)."""
    open_ = doc.norm.rfind("(", max(0, close - 8), close)
    if open_ <= 0 or not ((open_ + 1, close) in place_spans
                          or doc.norm[open_ + 1:close] in _place_names()):
        return None
    return open_ if CJK_NAME.fullmatch(doc.norm[open_ - 1]) else None


def _cut_brand(doc: Doc, seg, k: int, place_starts: set[int]) -> bool:
    """Token ``k`` is one of two one-character tokens right after a place: a brand jieba
    does not know, cut into characters (吕梁 | 正 | 元 | 创伤外科医院)."""
    def single(j: int) -> bool:
        return 0 <= j < len(seg.tokens) and len(seg.tokens[j]) == 1 and (
            CJK_NAME.fullmatch(seg.tokens[j]) and not _FUNCTION_CH.search(seg.tokens[j]))

    def place(j: int) -> bool:
        return j >= 0 and (seg.starts[j] in place_starts or seg.tokens[j] in _place_names())

    first = k if single(k + 1) else k - 1 if single(k - 1) else None
    return bool(first is not None and single(first) and single(first + 1) and place(first - 1)
                and not single(first + 2))


BRAND_MAX = 3  # characters of a company's brand between its place and its trade


def _brand_after_place(doc: Doc, seg, k: int, place_starts: set[int]) -> int | None:
    """The index of the place's token when tokens ``k`` and maybe one or two before it
    are a short brand jieba reads as other words, right after a province's or city's
    name (陕西 | 青天 | 环境科技有限公司, 广西 | 一家 | 美人造板有限公司), else None. Only
    tokens that would end the run otherwise are looked at."""
    tok, t = seg.tokens[k], tag(seg.tokens[k])
    if not (t in CLAUSE_TAGS or t == "m") or tok in STOP_WORDS:
        return None
    j, size = k, 0
    while j >= 0 and size + len(seg.tokens[j]) <= BRAND_MAX:
        piece = seg.tokens[j]
        if not CJK_NAME.fullmatch(piece) or piece in ("的", "了", "在", "是", "等", "、"):
            return None
        size += len(piece)
        j -= 1
        if j >= 0 and (seg.starts[j] in place_starts or seg.tokens[j] in _place_names()) \
                and is_place_name(seg.tokens[j]) and len(seg.tokens[j]) >= 2:
            return j
    return None


def _raw_run_start(doc: Doc, seg, s: int, persons, zones) -> int | None:
    i = seg.index_at(s)
    head = seg.tokens[i] if seg.starts[i] < s else ""
    pos = seg.starts[i] if head else s
    place_spans = [(a, b) for a, b in _spans(doc, PLACE) if b not in zones]
    place_starts = {a for a, _ in place_spans}
    picked: list[tuple[int, str]] = []
    k = seg.index_at(pos - 1) if pos > 0 else -1
    while k >= 0 and s - seg.starts[k] <= MAX_RUN:
        tok, at = seg.tokens[k], seg.starts[k]
        if tok == ")" and picked:
            inner = _bracketed_place(doc, at, place_spans)
            if inner is not None:  # 华润新能源 + (大同) + 风能有限公司: a branch's place
                picked.append((inner, doc.norm[inner:at + 1]))
                k = seg.index_at(inner - 1) if inner > 0 else -1
                continue
        if not CJK_NAME.fullmatch(tok) or tok in STOP_WORDS or at + len(tok) in zones:
            break
        if tok in word_set("clause_verbs"):
            break  # 在灵丘县调研 | 京东集团: a name never runs across a clause verb
        if _overlaps(persons, at, at + len(tok)):
            break
        if TIME_WORD.search(tok) and tag(tok) in ("m", "t"):
            break
        if at in place_starts or _overlaps(place_spans, at, at + len(tok)) or (
                tok in _place_names()):
            picked.append((at, tok))  # 大同 (jieba: an adverb) + 鹤盛活性炭有限公司
            k -= 1
            continue
        if picked and (tok in _known()[1] or tag(tok) == "nt" and _last_suffix(tok)
                       or len(tok) >= 2 and tok[-1] in ORGAN_END and tag(tok) != "ns"):
            break  # 中国共产党愿以尼雷尔领导力学院, 卫计局组织市三医院: another body ends it
        t = tag(tok)
        if t is None and len(tok) == 2 and tok[-1] in "以于向对在把被将与和及从由":
            break  # 愿以 (尼雷尔领导力学院)
        if t is None and len(tok) == 2 and tok[0] in "与和及跟" or (
                t is None and tok[0] == "同" and k and seg.tokens[k - 1][-1] in _BODY_END):
            picked.append((at + 1, tok[1:]))
            break  # 南郊区 | 与利 | 创新能源…有限公司, 大同大学 | 同贝利 | 学院: jieba ran
            # the conjunction into the name
        brand = _brand_after_place(doc, seg, k, place_starts) if picked else None
        if brand is not None:  # 大同 | 人 | 和 | 数据科技有限公司, 陕西 | 青天 | 环境科技…
            picked.extend((seg.starts[j], seg.tokens[j]) for j in range(k, brand, -1))
            k = brand
            continue
        if len(tok) >= 2 and t in CLAUSE_TAGS and t not in ("v", "vd"):
            break
        if len(tok) == 1 and t in CLAUSE_TAGS and t not in ("v", "q") and not (
                _cut_brand(doc, seg, k, place_starts)):
            if doc.norm[at - 1:at] != "、" or t not in ("p", "c", "a"):
                break  # 向尼雷尔…, 收购了罗威…; but 、为全农副产品有限公司 keeps 为
        if tok.isdigit() or tok in NUMERALS and t == "m":
            before = seg.tokens[k - 1] if k else ""
            if not (tok in NUMERALS and before and (
                    seg.starts[k - 1] in place_starts or before in _place_names())):
                break  # 3000多户; but 大同市 | 三 | 利农业科技有限公司: a brand's numeral
            if tok == "一" and at + 1 == pos:
                break  # 玉泉区 | 一 | 酒店: a hotel there, no name
        picked.append((at, tok))
        k -= 1
    picked.reverse()
    for n, (at, tok) in enumerate(picked):
        if at in place_starts or ADMIN_START.match(tok) or _is_place_token(doc, at, tok):
            if n and at + len(tok) == pos and not head and doc.norm[pos:s + 3].startswith(
                    ("公司", "分公司", "总公司")):
                break  # 新浪乐居 + 北京 + 公司, 麦肯锡 + 香港 + 分公司: a brand's branch
            if n and doc.norm.startswith(("股份", "有限", "集团", "公司", "总公司"), s) and all(
                    len(t) >= 2 and tag(t) in (None, "nz", "j") and not _FUNCTION_CH.search(t)
                    for _, t in picked[:n]):
                return picked[0][0]  # 中车 + 大同 + 电力机车有限公司: a brand before the place
            return at
    if head and tag(head) in ("ns", "nt"):
        return pos
    verbs = [n for n, (_, tok) in enumerate(picked)
             if tag(tok) in ("v", "vd") and len(tok) >= 2 and tok not in _name_verbs()]
    if verbs and verbs[-1] + 1 < len(picked):
        cut = picked[verbs[-1] + 1][0]
        if _proper(doc, seg, cut, s):
            return cut  # 搭建国药集团…, 走进…; but 国际游泳联合会 keeps 游泳
    while picked and tag(picked[0][1]) in ("v", "vd", "ad", "d"):
        picked.pop(0)
    if not picked:
        return pos
    return picked[0][0]


def _start(doc: Doc, seg, s: int) -> int | None:
    """Start of an organ's name ending in the suffix at s."""
    start = _organ_start(doc, seg, s)
    if start is not None and start + 1 < s and doc.norm[start] in PREPOSITIONS and (
            ADMIN_START.match(doc.norm, start + 1)):
        start += 1  # 暨市疫情防控工作领导小组
    return start if start is None else _drop_function_char(doc, seg, start, s)


def _organ_start(doc: Doc, seg, s: int) -> int | None:
    start = _extend(doc, seg, chain_start(doc, seg, s, names=False))
    name = doc.norm[start:s]
    _, info = _known()
    for k in range(2, len(name)):
        if name[:k] in info and ADMIN_START.match(name[k:]):
            start, name = start + k, name[k:]  # 市委市政府: two bodies
            break
    if len(name) > 2 and name[0] in PREPOSITIONS and ADMIN_START.match(name[1:]):
        start, name = start + 1, name[1:]  # 从市工信局
    lead = max(0, start - 12)
    ordinal = _ORDINAL.search(doc.norm[lead:s])
    if ordinal and not _anchored(doc, seg, start) and all(
            t in _name_verbs() or tag(t) in ("n", "vn", None)
            for _, t in _tokens(seg, s - len(ordinal.group(1)), s)):
        at = lead + ordinal.start()
        before = chain_start(doc, seg, at, names=False)
        if before < at and _anchored(doc, seg, before):
            start = before  # 省委 + 第二 + 巡回督导组
    lead = _TERM_LEAD.search(doc.norm, max(0, start - 16), start)
    if lead and _anchored(doc, seg, start):
        start = lead.start()
    term = _TERM.search(doc.norm, max(0, s - 5), s)
    if term and start >= term.start():
        at = term.start()
        before = _extend(doc, seg, chain_start(doc, seg, at, names=False))
        if before < at and _anchored(doc, seg, before):
            start = before  # 大同市 + 第十六届 + 人大常委会: a body of one term
            lead = _PLACE_LEAD.search(doc.norm, max(0, start - 12), start)
            if lead:
                start = lead.start()  # 政协 + 宜昌市第七届委员会
    if doc.norm[start - 1:start] == "和" and start > 2 and not _anchored(doc, seg, start):
        k = seg.index_at(start - 2)
        word = seg.tokens[k]
        at = seg.starts[k]
        if len(word) == 2 and tag(word) in ("n", "vn") and at + 2 == start - 1 and not (
                _overlaps(_spans(doc, TITLE), at, at + 2)) and s - start <= 4:
            start = _extend(doc, seg, chain_start(doc, seg, seg.starts[k] + 2, names=False))
            # 住房和城乡建设部, 市文化和旅游局
    if doc.norm[max(0, start - 2):start] in ("我市", "本市") and start < s:
        return start - 1  # 我市行政审批服务管理局 -> 市行政审批服务管理局
    toks = _tokens(seg, start, s)
    # a one-character verb right before the word that holds the suffix is a part of an
    # abbreviated name jieba cut apart (市|住|建局), not a verb before the name
    held = toks[-1][0] if toks and toks[-1][0] + len(toks[-1][1]) > s else None
    verbs = [at + len(t) for at, t in toks if tag(t) == "v" and t not in _name_verbs()
             and not (len(t) == 1 and at + 1 == held)]
    if verbs and _anchored(doc, seg, start) and verbs[-1] <= s:
        return verbs[-1] if verbs[-1] < s else None  # 广灵县实施党支部
    if not _anchored(doc, seg, start):
        toks = [t for _, t in _tokens(seg, start, s)]
        verbs = [k for k, t in enumerate(toks) if tag(t) == "v"]
        if verbs:
            start += sum(len(t) for t in toks[: verbs[-1] + 1])
        if doc.norm[max(0, start - 2):start] in ("我市", "本市"):
            return start - 1
    return start


def _extend(doc: Doc, seg, start: int) -> int:
    """Take in a place written right before the chain (大同 + 齿轮有限公司, 张家口市 + 政…)."""
    if doc.norm[start:start + 1] in "市县区州" and _place_start(doc, start + 1) < start:
        start = _place_start(doc, start + 1)  # 张家口/市政/审批局: the place ends in a token
    for _ in range(3):
        before = _place_start(doc, start)
        if before >= start or doc.norm[before:before + 1] in "我本全该":
            break
        start = chain_start(doc, seg, before, names=False)
    return start


def _anchored(doc: Doc, seg, start: int) -> bool:
    if ADMIN_START.match(doc.norm, start) or tag(seg.token_at(start)) in ("ns", "nt"):
        return True
    return _place_end(doc, start) > start


def _placed(doc: Doc, seg, start: int) -> bool:
    """The name starts with a level (市, 省) or a place (平城区委, 灵丘县…)."""
    if ADMIN_START.match(doc.norm, start) or tag(seg.token_at(start)) == "ns":
        return True
    return _place_end(doc, start) > start


def _from_titles(doc: Doc) -> dict[tuple[int, int], str]:
    """The body a title names, where it starts with a place or level: 平城区委(书记)."""
    seg = segmentation(doc)
    out = {}
    for t in doc.of_type(TITLE):
        org = t.attrs.get("org") or ""
        s, e = t.start, t.start + len(org)
        if len(org) < 3 or doc.norm[s:e] != _fold(org) or org in BARE:
            continue
        m = _last_suffix(org)
        if m and m.start() >= 1 and _placed(doc, seg, s) and not _generic(org, m.group()):
            out[(s, e)] = org_suffix_types()[m.group()]
    return out


def _fold(org: str) -> str:
    from newsgraph.read.normalize import fold

    return fold(org)


def _anchored_ok(name: str, suffix: str, anchored: bool) -> bool:
    if suffix == "党":
        return anchored and len(name) >= 4
    if suffix not in ANCHORED:
        return True
    if anchored:
        return True
    if suffix in LOOSE:
        return len(name) >= 3
    return len(name) >= 7 and suffix not in ("办", "委")


def committee_body(name: str) -> str:
    """The body a party committee's or group's name stands for, or "": 应急管理部党委
    (委员) -> 应急管理部, …建设管理公司党委 -> …建设管理公司."""
    for tail in ("党委", "党组"):
        body = name[: -len(tail)]
        if name.endswith(tail) and len(body) >= 3 and _last_suffix(body) \
                and (len(body) >= 4 or not _ends_as_organ(body)):
            return body
    return ""


def _strip_party_committee(cands: dict[tuple[int, int], str], doc: Doc) -> None:
    """The committee stands for the body (``committee_body``)."""
    for s, e in list(cands):
        body = committee_body(doc.norm[s:e])
        if body:
            del cands[(s, e)]
            cands.setdefault((s, s + len(body)), _type_of(body))


def _ends_as_organ(name: str) -> bool:
    m = _last_suffix(name)
    return bool(m) and org_suffix_types()[m.group()] == "government"


# --------------------------------------------------------------------------- other sources


def _from_known(doc: Doc) -> dict[tuple[int, int], str]:
    pattern, info = _known()
    out = {}
    for m in pattern.finditer(doc.norm):
        out[m.span()] = info[m.group()][0]
    return out


def _from_jieba(doc: Doc) -> dict[tuple[int, int], str]:
    seg = segmentation(doc)
    out = {}
    words_nt = _nt_words()
    nt = [(s, tok) for s, tok in zip(seg.starts, seg.tokens, strict=True) if tok in words_nt]
    for s, tok in nt:
        if _generic(tok) or tok in org_suffix_types():
            continue
        m = _last_suffix(tok)
        if m and m.group() in ANCHORED and m.group() not in LOOSE and len(tok) < 5 and not (
                _anchored(doc, seg, s)):
            continue  # 城市中心
        if m or tok.endswith(_nt_tails()) or tok[-1] in NT_LAST:
            out[(s, s + len(tok))] = _type_of(tok)
    return out


def _from_hotlines(doc: Doc) -> dict[tuple[int, int], str]:
    """Numbered public service lines: 大同市12345政务服务便民热线(中心), “12345”热线."""
    out = {}
    if "热线" not in doc.norm:
        return out  # every HOTLINE match holds the word
    for m in HOTLINE.finditer(doc.norm):
        s, e = m.span()
        if doc.norm[max(0, s - 2):s] not in ("我市", "本市"):
            s = _place_start(doc, s)  # 大同市12345…, but 我市12345热线 -> 12345热线
        out[(s, e)] = "government"
    return out


def _hotline_names(doc: Doc, spans) -> dict[str, str]:
    """Each form of a numbered hotline -> its longest form in the text."""
    groups: dict[str, list[str]] = {}
    for s, e, _ in spans:
        m = HOTLINE.search(doc.norm, s, e)
        if m and m.end() == e:
            groups.setdefault(re.search(r"\d+", m.group()).group(), []).append(doc.norm[s:e])
    out = {}
    for forms in groups.values():
        full = max(forms, key=lambda f: (len("".join(f.split())), f))
        out.update({f: full for f in forms if f != full})
    return out


def _from_quotes(doc: Doc) -> dict[tuple[int, int], str]:
    """“大同党员先锋号”微信公众号; “山里美”等10多家农家客栈."""
    out = {}
    for m in QUOTED_MEDIA.finditer(doc.norm):
        out[m.span()] = "media"
    pattern, info = _context()
    for m in _QUOTED_ETC.finditer(doc.norm):
        rest = doc.norm[m.end():m.end() + 12]
        head = COUNT_HEAD.match(rest)
        tail = pattern.match(rest, head.end()) if head else None
        if tail and not _generic(m.group(1)):
            out[m.span(1)] = info[tail.group()]
    return out


def _from_context(doc: Doc, persons, zones) -> dict[tuple[int, int], str]:
    """大同国际陆港等相关单位: a name before 等 and a word for bodies."""
    seg = segmentation(doc)
    pattern, info = _context()
    out = {}
    for m in _ETC.finditer(doc.norm):
        tail = pattern.match(doc.norm, m.end())
        if not tail:
            continue
        e = m.start()
        start = _run_start(doc, seg, e, persons, zones)
        if start is None or e - start < 3 or e - start > 16:
            continue
        name = doc.norm[start:e]
        if _generic(name) or any((a, b) == (start, e) for a, b in _spans(doc, PLACE)):
            continue
        if not (_last_suffix(name) or _proper(doc, seg, start, e)):
            continue
        out[(start, e)] = _type_of(name) if _last_suffix(name) else info[tail.group()]
    return out


def _from_trades(doc: Doc) -> dict[tuple[int, int], str]:
    """奇灵家具二期制造项目: an unknown word and a trade before a project."""
    seg = segmentation(doc)
    out = {}
    trades = set(_trades())
    for i in [i for i, tok in enumerate(seg.tokens) if tok in trades]:
        tok = seg.tokens[i]
        if i == 0:
            continue
        brand, at = seg.tokens[i - 1], seg.starts[i - 1]
        end = seg.starts[i] + len(tok)
        after = doc.norm[end:end + 3]
        if not _PHASE.match(after):
            continue
        before = doc.norm[at - 1:at] if at else ""
        if (2 <= len(brand) <= 3 and tag(brand) in (None, "nz") and CJK_NAME.fullmatch(brand)
                and (not before or before in "、，,；;。 \n")):
            out[(at, end)] = "corporation"
    return out


# a list of bodies the text says are companies (京东、新希望等企业, A、B等12家银行)
_KIND_TAIL = re.compile(r"等(?:\d+|[一二三四五六七八九十两几多]+)?[家个所]?"
                        r"(企业|公司|银行|高校|医院|院校|科研院所)(?!家|主)")  # (not 企业家)
_KIND_ITEMS = re.compile(r"(?:[\u4e00-\u9fffA-Za-z0-9·]{2,12}、)+[\u4e00-\u9fffA-Za-z0-9·]{2,12}\Z")
_KINDS_OF = {"企业": "corporation", "公司": "corporation", "银行": "corporation",
             "高校": "school", "院校": "school", "医院": "hospital", "科研院所": "other"}
_ITEM_TAGS = frozenset("n nz nt ns nr nrt eng j".split())


def _kind_lists(doc: Doc, spans: list[tuple[int, int, str]], persons, places):
    """Each item of a list that ends in 等企业 (等公司, 等12家银行 …) is a body of that
    kind: 京东、新希望等企业. The first item starts at the nouns before its 、 (将与|京东)."""
    seg = segmentation(doc)
    taken = [(s, e) for s, e, _ in spans]
    out = []
    for tail in _KIND_TAIL.finditer(doc.norm):
        m = _KIND_ITEMS.search(doc.norm, max(0, tail.start() - 120), tail.start())
        if m is None:
            continue
        items = list_items(m.group(), m.start())
        a, b = items[0]
        k = seg.index_at(b - 1)
        if seg.starts[k] + len(seg.tokens[k]) != b:
            continue  # the first item's end is no word's end
        start = b
        while k >= 0 and seg.starts[k] >= a and (
                tag(seg.tokens[k]) in _ITEM_TAGS or tag(seg.tokens[k]) is None):
            start = seg.starts[k]
            k -= 1
        items[0] = (start, b)
        typ = _KINDS_OF[tail.group(1)]
        for a, b in items:
            name = doc.norm[a:b]
            if not 2 <= len(name) <= 12 or _generic(name) or (a, b) in places or _overlaps(
                    persons, a, b) or _overlaps(taken, a, b):
                continue
            out.append((a, b, typ))
    return out


def _fill_lists(doc: Doc, spans: list[tuple[int, int, str]], persons, places):
    """Items of a list whose other items are organisations (秦淮集团、中联数据、京东集团等)."""
    ends = {e: (s, typ) for s, e, typ in spans}
    taken = [(s, e) for s, e, _ in spans]
    out = []
    text = doc.norm
    for m in re.finditer(r"、", text):
        if m.start() not in ends:
            continue
        # walk the list to the right from an organisation that ends at this 、
        items, pos = [], m.end()
        while True:
            stop = LIST_END.search(text, pos)
            limit = stop.start() if stop else len(text)
            nxt = text.find("、", pos, limit)
            end = nxt if nxt != -1 else limit
            item = text[pos:end]
            last = nxt == -1
            if last:
                cut = _LIST_CUT.search(item)
                if not cut:
                    break
                end = pos + cut.start()
            items.append((pos, end))
            if last:
                break
            pos = nxt + 1
        if not items:
            continue
        org_items = 1 + sum(1 for a, b in items if b in ends and ends[b][0] >= a)
        if org_items < 2 or org_items * 2 < len(items) + 1:
            continue
        typ = ends[m.start()][1]
        for a, b in items:
            name = text[a:b]
            if b in ends or not 2 <= len(name) <= 16 or not LIST_ITEM.fullmatch(name):
                continue
            if _generic(name) or _overlaps(persons, a, b) or (a, b) in places:
                continue
            if _overlaps(taken, a, b):
                continue
            out.append((a, b, typ))
            taken.append((a, b))
    return out


# --------------------------------------------------------------------------- names


@lru_cache(maxsize=1 << 16)  # a name's, asked for again and again
def _last_suffix(name: str) -> re.Match | None:
    m = None
    for m2 in _suffix_re().finditer(name):
        m = m2
    if m and m.end() == len(name):
        return m
    for i in range(len(name)):  # an overlapping longer match, e.g. 委 in 政法委
        m = _suffix_re().match(name, i)
        if m and m.end() == len(name):
            return m
    return None


def _type_of(name: str) -> str:
    m = _last_suffix(name)
    return org_suffix_types()[m.group()] if m else "other"


def _longest(cands: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest spans that do not overlap."""
    out: list[tuple[int, int, str]] = []
    for (s, e), typ in sorted(cands.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if out and s < out[-1][1]:
            continue
        out.append((s, e, typ))
    return out


@lru_cache(maxsize=1 << 16)
def _parent(name: str) -> str:
    """The longest organisation name the name starts with (市委政研室 -> 市委)."""
    _, info = _known()
    best = ""
    for i in range(len(name)):
        m = _suffix_re().match(name, i)
        if not m:
            continue
        head = name[: m.end()]
        if m.group() in BARE_PARTY and head not in info or name[m.end():] == "监委":
            continue  # 大同市党(群服务中心); 市纪委监委 is one body
        if head.count("“") != head.count("”"):
            continue
        if m.end() < len(name) and len(head) >= 2 and not _generic(head):
            if head in info or m.start() >= MIN_PREFIX:
                if len(head) > len(best) and not _generic(name[m.end():]):
                    best = head
    return best


def _short_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str, str]]:
    """华青环保 after 山西华青环保股份有限公司; 京东 after 京东集团 (with the full name)."""
    seg = segmentation(doc)
    out = []
    taken = [(s, e) for s, e, _ in spans]
    place_names = {m.text for m in doc.of_type(PLACE)}
    for s, e, typ in spans:
        name = doc.norm[s:e]
        core = COMPANY_TAIL.sub("", name).removesuffix("股份")
        head = seg.token_at(s)
        if tag(head) == "ns" and len(core) - len(head) >= 2:
            core = core[len(head):]
        if core == name or len(core) < 2 or core in place_names or _generic(core) or (
                core in _place_names()):
            continue
        if tag(core) not in (None, "nz", "nt", "j", "ns", "nr", "nrt"):
            continue  # 数据, 文旅: a common word, not a short name
        for m in re.finditer(re.escape(core), doc.norm):
            if not _overlaps(taken, m.start(), m.end()):
                out.append((m.start(), m.end(), typ, name))
                taken.append(m.span())
    return out


_LEGAL_FORM = re.compile(r"股份有限公司|有限责任公司|有限公司")


def _abbreviations(doc: Doc, spans: list[tuple[int, int, str]]) -> dict[str, str]:
    """Short form -> full name, from FULL(“SHORT”), FULL（以下简称“SHORT”） and forms
    that keep the first and last characters in order (市委政研室 / 市委政策研究室,
    秦淮集团 / 秦淮数据集团)."""
    out: dict[str, str] = {}
    ends = {e: s for s, e, _ in spans}
    for m in ALIAS.finditer(doc.norm):
        if m.start() in ends:
            out[m.group(1)] = doc.norm[ends[m.start()]:m.start()]
    names = sorted({doc.norm[s:e] for s, e, _ in spans}, key=lambda n: (-len(n), n))
    for short in names:
        for full in names:
            if short != full and short not in out and _abbreviates(short, full):
                out[short] = full
    return out


def _abbreviates(short: str, full: str) -> bool:
    if len(short) >= 4 and full.startswith(short) and _LEGAL_FORM.fullmatch(full, len(short)):
        return True  # 三一集团 / 三一集团有限公司: the name without its legal form
    legal = _LEGAL_FORM.search(full, len(full) - 6)
    if legal and legal.end() == len(full) and not _LEGAL_FORM.search(short) \
            and _abbreviates(short, full[:legal.start()]):
        return True  # 凯歌儿集团 / …实业集团有限公司
    for n in (3, 2):  # 凯歌儿集团 / 唐山凯歌儿实业集团: the name without its place
        if len(short) >= 4 and len(full) - n >= len(short) and short[:n] != full[:n] \
                and is_place_name(full[:n]) and (
                full[n:] == short or _abbreviates(short, full[n:])):
            return True
    if len(short) < 4 or len(full) <= len(short) or short[-1] != full[-1]:
        return False
    tail = COMPANY_TAIL.search(short)
    if tail and full.endswith(tail.group()):
        # 秦淮集团 / 秦淮数据集团: a shared brand before the same company word
        brand = short[: tail.start()]
        return (len(brand) >= 2 and full.startswith(brand) and not ADMIN_START.fullmatch(brand)
                and brand not in _known()[1])
    s_body, f_body = short[:-1], full[:-1]
    p = 0
    while p < min(len(s_body), len(f_body)) and s_body[p] == f_body[p]:
        p += 1
    s_core, f_core = s_body[p:], f_body[p:]
    if p < 1 or not s_core:
        return False
    it = iter(f_core)
    return len(f_core) > len(s_core) and all(c in it for c in s_core)


def _alias_pairs(doc: Doc, spans) -> list[tuple[int, int, str]]:
    """FULL(“SHORT”) where SHORT is a known name: FULL becomes a mention too."""
    seg = segmentation(doc)
    _, info = _known()
    ends = {e for _, e, _ in spans}
    out = []
    for m in ALIAS.finditer(doc.norm):
        short = m.group(1)
        if m.start() in ends or short not in info:
            continue
        start = chain_start(doc, seg, m.start(), names=False)
        if doc.norm[start:start + 1] in PREPOSITIONS:
            start += 1
        if doc.norm[max(0, start - 2):start] == "全国":
            start -= 2  # 全国中小企业股份转让系统
        if m.start() - start >= 4 and not _generic(doc.norm[start:m.start()]):
            out.append((start, m.start(), info[short][0]))
    return out


# --------------------------------------------------------------------------- extract


def extract(doc: Doc) -> None:
    _KNOWN.doc, _KNOWN.spans, _KNOWN.places = doc, {}, None
    try:
        spans = _candidates(doc)
    finally:
        _KNOWN.doc, _KNOWN.spans, _KNOWN.places = None, {}, None
    _add(doc, spans)


COUNTED_BY = frozenset("个批类家座处所条")  # classifiers after a count (6座煤矿)
COUNT_BEFORE = re.compile(r"[0-9一二三四五六七八九十两几多]\Z")


def _candidates(doc: Doc) -> list[tuple[int, int, str]]:
    titles = _spans(doc, TITLE)
    places = _spans(doc, PLACE)
    persons = _spans(doc, PERSON)
    zones = _zone_ends(doc)
    known = _from_known(doc)
    cands = _from_jieba(doc)
    cands.update(_from_context(doc, persons, zones))
    cands.update(_from_trades(doc))
    cands.update(_from_titles(doc))
    cands.update(_from_suffixes(doc, titles, places, persons))
    _strip_party_committee(cands, doc)
    cands.update(_from_quotes(doc))
    cands.update(_from_hotlines(doc))
    cands.update(_numbered_schools(doc, places))
    cands.update(known)
    seg = segmentation(doc)
    held = {(title, e) for title, _word, e in post_words(doc)}
    for s, e in list(cands):
        name = doc.norm[s:e]
        inner, word = max((name.rfind(w, 1), w) for w in _LEADING_WORDS)
        if inner > 0 and len(name) - inner - len(word) >= _LEADING_WORDS[word]:
            typ = cands.pop((s, e))
            s, name = s + inner + len(word), name[inner + len(word):]
            cands.setdefault((s, e), typ)
        whole = s and seg.tokens[seg.index_at(s - 1)] in ("全", "全" + name[0])
        if name in _stop():
            del cands[(s, e)]  # 人民政协 (jieba's word): the institution, no body named
        elif name[0] in "省市县区" and whole:
            del cands[(s, e)]  # 全市人大系统: the whole city's, no body (市人大)
        elif name[0] in COUNTED_BY and COUNT_BEFORE.search(doc.norm, 0, s):
            del cands[(s, e)]  # 已建成6座智能化煤矿: bodies counted, none named
        elif name in BARE and _overlaps(titles, s, e):
            del cands[(s, e)]  # 市委 in 市委副书记
        elif (s, e) not in known and any(t <= s and end == e for t, end in held):
            del cands[(s, e)]  # 民盟市委会主委: a body and its post, no body's name
        elif (s, e) not in known and _overlaps(persons, s, e):
            del cands[(s, e)]
        elif in_book_title(doc, s, e):
            del cands[(s, e)]  # 《中国共产党政法工作条例》
        elif (s, e) not in known and _inside(titles, s, e) and len(name) < 5 and not (
                _placed(doc, seg, s)) and cands[(s, e)] in ("government", "party") and not (
                name.endswith("部")):
            del cands[(s, e)]  # 政法委 in 政法委书记, 党工委 in 开发区党工委书记
    spans = _longest(cands)
    spans = sorted(spans + _alias_pairs(doc, spans))
    spans += _fill_lists(doc, spans, persons, places)
    spans += _kind_lists(doc, spans, persons, places)
    return sorted(spans)


_NUMBERED_SCHOOL = re.compile(
    r"第?(?:[一二三四五六七八九十]{1,3}|\d{1,3})(?:中学|小学|中|小|校)"
    r"(?:[\u4e00-\u9fff]{1,5}?(?:分校|校区))?")
_BARE_LEVEL = re.compile(r"(?:(?<=^)|(?<=[^\u4e00-\u9fff])|(?<=[在到和与及的]))[市县区]")


def numbered_school(name: str) -> bool:
    """The name ends as a school a place names by number does (大同一中, 市47校)."""
    return any(_NUMBERED_SCHOOL.fullmatch(name, k) for k in range(1, min(len(name), 10)))


def _numbered_schools(doc: Doc, places: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Schools a place (or a bare 市, 县, 区) names by number: 大同一中, 市三中,
    平城区47校, 平城区十四校十里店分校 (not 一中学生, a student of 一中)."""
    norm = doc.norm
    heads = [e for _, e in places] + [m.end() for m in _BARE_LEVEL.finditer(norm)]
    out = {}
    for at in heads:
        m = _NUMBERED_SCHOOL.match(norm, at)
        if m is None:
            continue
        end = m.end()
        if norm[end - 2:end] in ("中学", "小学") and norm[end:end + 1] == "生" and (
                not norm.startswith("第", at)):
            end -= 1  # 一中学生: a student of 一中
        start = next((s for s, e in places if e == at), at - 1)
        out[(start, end)] = "school"
    return out


def _add(doc: Doc, spans: list[tuple[int, int, str]]) -> None:
    short = _short_names(doc, spans)
    abbr = _abbreviations(doc, spans + [(s, e, t) for s, e, t, _ in short])
    abbr.update(_hotline_names(doc, spans))
    _, info = _known()
    added: dict[tuple[int, int], Mention] = {}
    for s, e, typ, full in [(s, e, t, "") for s, e, t in spans] + short:
        name = doc.norm[s:e]
        attrs = _attrs(name, typ, info)
        canon = full or abbr.get(name) or ""
        canon = abbr.get(canon, canon)
        if not canon and name in info:
            canon = info[name][3]
        if canon and canon != name:
            attrs["name"] = canon
        added[(s, e)] = doc.add(s, e, ORGANIZATION, **attrs)
    _parents(doc, added)
    widen_titles(doc)


def widen_titles(doc: Doc) -> None:
    """A post whose body is the tail of a body named here takes the whole name: jieba's
    words cut 上海|中|能|集团董事长, and the post's walk stopped at 中; the body's name
    is 上海中能集团, so the post is 上海中能集团董事长. Then the posts after 、 take the
    place of the one before (:func:`newsgraph.extract.titles.share_place`). (Run again
    after the tagger, which names bodies the rules miss.)"""
    ends = {m.end: m for m in doc.of_type(ORGANIZATION)}
    for t in doc.of_type(TITLE):
        org = t.attrs.get("org", "")
        m = ends.get(t.start + len(org)) if org else None
        if m is not None and m.start < t.start and doc.text[t.start:m.end] == org:
            t.start, t.text, t.attrs["org"] = m.start, doc.text[m.start:t.end], m.text
    share_place(doc)


def _attrs(name: str, typ: str, info) -> dict:
    short = info[name][2] if name in info else bool(_CITY_SHORT.match(name))
    return {"type": typ, "level": level_of(name), "parent": _parent(name), "short": short}


def _parents(doc: Doc, added: dict[tuple[int, int], Mention]) -> None:
    """Parent bodies: a mention when printed on their own or the child is a unit of them,
    and a sub_org_of relation to a mention of the parent."""
    by_text: dict[str, Mention] = {}
    for m in added.values():
        by_text.setdefault(m.text, m)
    for (s, _), child in list(added.items()):
        parent = child.attrs.get("parent")
        if not parent:
            continue
        pm = by_text.get(parent)
        if pm is None and parent not in BARE and len(parent) >= 4:
            suffix = _last_suffix(child.text)
            spans = list(added)
            elsewhere = any(not any(a <= i and i + len(parent) <= b and b - a > len(parent)
                                    for a, b in spans)
                            for i in _find_all(doc.norm, parent))
            if (suffix and suffix.group() in DEPARTMENT) or elsewhere:
                pm = doc.add(s, s + len(parent), ORGANIZATION, type=_type_of(parent),
                             level=level_of(parent), parent=_parent(parent), short=False)
                by_text[parent] = pm
        if pm is not None and pm is not child:
            doc.relations.append(Relation("sub_org_of", child, pm))


def _find_all(text: str, sub: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(sub), text)]


def title_body(org: str) -> str:
    """The organisation a title's ``org`` text names, or "" when it names none.

    For linking posts to bodies: 应急管理部党委(委员) -> 应急管理部, 平城区委 -> 平城区委;
    本报(记者), 热线话务(主管), 市五医院眼科(大夫), 政法委(书记) -> "" (no body of its own
    name, a unit or a bare short form)."""
    from newsgraph.read.normalize import fold

    name = fold(org or "").strip()
    _, info = _known()
    if name in info:
        return name
    for tail in ("党委", "党组"):
        if name.endswith(tail) and len(name) - len(tail) >= 4 and _ends_as_organ(name[:-2]):
            name = name[: -len(tail)]
    m = _last_suffix(name)
    if not m or m.start() < 1 or _generic(name, m.group()):
        return ""
    placed = bool(ADMIN_START.match(name)) or any(
        name[:n] in _place_names() for n in range(2, min(len(name), 8)))
    if len(name) < 4 and not placed and not name.endswith("部"):
        return ""
    return name
