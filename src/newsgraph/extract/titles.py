"""Title mentions: posts and ranks as written (省乡村振兴局副局长, 二级巡视员, 市长, 记者).

A title is a post word from ``lexicons/posts.tsv`` with the organisation written right
before it (省乡村振兴局 + 副局长). The organisation is the run of jieba tokens before the
post that stops at punctuation, function words and names. Lists (市委副书记、市长) give
one mention per post. Also home of the small word-segmentation helpers the person and
organisation steps share.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.util import find_spec
from itertools import accumulate
from pathlib import Path

import rjieba

from newsgraph.lexicons import alternation, table, word_set
from newsgraph.model import PERSON, TITLE, Doc

REQUIRES: tuple[str, ...] = ()
ASSIGNS = (TITLE,)

# Tags that end an organisation chain going leftwards (prepositions, conjunctions,
# particles, pronouns, numerals, adverbs, idioms, names).
STOP_TAGS = frozenset("p c u uj ul uz ud ug uv r m q d i y e o x f nr nrfg nrt t tg".split())
_LEAD_TAGS = frozenset("p v c d".split())  # what runs into 县, 市 … in an unknown word
STOP_WORDS = frozenset(
    "我市 本市 全市 全省 全县 全国 各级 相关 有关 一家 该 原 现任 担任 时任 作为 由 向 是 "
    "部分 一些 若干 所有 其他 其它 某些 这些 那些 有 代表 图为 一是 二是 三是 四是 五是 六是 "
    "七是 八是 九是 十是 这是 那是 举行 召开 出席 参加 主持 陪同 会见 接见 选为 被选为 "
    "当选为 当选".split()
)
ADMIN_START = re.compile(r"(?:国家|中央|中共|全国|国务院|政协|省|市|县|区|乡|镇|街道)")
LEVELS = (
    ("national", ("国家", "中央", "中共", "全国", "国务院")),
    ("provincial", ("省",)),
    ("municipal", ("市",)),
    ("county", ("县", "区")),
    ("township", ("乡", "镇", "街道")),
)
OFFICIAL_ORG = re.compile(r"党|委|政府|局|厅|部|司|办|人大|政协|中心|院|法|检察|监|署|站|所")
MAX_CHAIN = 24
WORD_FREQ = 100  # jieba's count above which two characters are a word (古都, 和平)
NUMERALS = frozenset("一二三四五六七八九十")
ORGAN_END = frozenset("局委厅署")  # last characters of an organ's name (卫计局, 卫健委)
PLACE_END = re.compile(r"[口庄村县市镇乡州]$")
MINISTRY = re.compile(r"[^省市县区乡镇村\d]{2,6}部(?:$|党)")
_CHAIN_CHARS = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]+")
DIVISION_END = frozenset("省市县区州旗镇乡村")
FORMER = ("原",)  # 原副主席: a former post, written after its body (not 前: 成立前老党员)
_NAME_TAGS = ("nr", "nrfg")
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}届?|[一二三四五六七八九十\d]{1,3}届")  # 七届
_VILLAGE_AHEAD = re.compile(r"[\u4e00-\u9fff]{0,2}(?:[村镇乡]|街道)")


@dataclass
class Seg:
    """jieba's segmentation of one text: token starts and tokens."""

    starts: list[int]
    tokens: list[str]

    def index_at(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def token_at(self, pos: int) -> str:
        """The word that starts at ``pos``, or "" when none does."""
        i = self.index_at(pos)
        return self.tokens[i] if i >= 0 and self.starts[i] == pos else ""


_LAST: list = [None, None]


def segmentation(doc: Doc) -> Seg:
    """jieba's segmentation of ``doc.norm``, computed once per document, shared by steps.

    rjieba (jieba-rs) cuts with jieba's own dictionary and HMM, some 25 times faster than
    jieba.lcut; jieba's dict.txt gives the words' counts and tags (:func:`freq`, :func:`tag`).
    """
    if _LAST[0] is doc.norm:
        return _LAST[1]
    tokens = rjieba.cut(doc.norm)
    starts = list(accumulate(map(len, tokens), initial=0))
    starts.pop()
    seg = Seg(starts, tokens)
    _LAST[0], _LAST[1] = doc.norm, seg
    return seg


def _package_folder(name: str) -> Path:
    """The folder of an installed package, found without importing it (importing jieba
    runs its setup, pkg_resources included: a third of a second at every start)."""
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the {name} package is not installed", name=name)
    return Path(next(iter(spec.submodule_search_locations)))


def _read_dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's dictionary (the package's dict.txt: a word, its count and its tag a line)
    as two tables: counts and tags. Read here, not through jieba, which first builds a
    table of every word's prefixes these steps never use, then reads the file again for
    its tags (0.3 s here against 1.4-1.8 s, the same words, counts and tags)."""
    text = (_package_folder("jieba") / "dict.txt").read_text(encoding="utf-8")
    fields = text.split()
    if len(fields) % 3:
        raise ValueError("jieba's dict.txt: a line is not a word, a count and a tag")
    words = fields[0::3]
    return (dict(zip(words, map(int, fields[1::3]), strict=True)),
            dict(zip(words, fields[2::3], strict=True)))


_COUNTS, _TAGS = _read_dictionary()

# tag(word): jieba's part-of-speech tag of a dictionary word, None for unknown words. It
# is the look-up itself, the table's ``get`` (the steps ask for the tags of most tokens).
tag: Callable[[str], str | None] = _TAGS.get


def word_tags() -> dict[str, str]:
    """jieba's dictionary words and their tags (``tag`` is its ``get``)."""
    return _TAGS


HEAD_PARAGRAPH_MAX = 80  # a longer paragraph is body text, below a text's headlines


def head_end(norm: str) -> int:
    """End of a text's headline lines: its first paragraph that reads as body text (a
    sentence, a long paragraph, a dateline's 本报讯 or 新华社). Read a paragraph at a
    time, no further than that (the steps ask for it several times a text)."""
    pos = 0
    while True:
        nxt = norm.find("\n\n", pos)
        para = norm[pos:] if nxt < 0 else norm[pos:nxt]
        if "。" in para or len(para) > HEAD_PARAGRAPH_MAX or para.lstrip().startswith(
                ("本报讯", "新华社")):
            return pos
        if nxt < 0:
            return len(norm)
        pos = nxt + 2


def list_items(text: str, start: int, sep: str = "、") -> list[tuple[int, int]]:
    """The spans of the items of ``text`` (a list printed at ``start``) between ``sep``."""
    items, at = [], start
    for item in text.split(sep):
        items.append((at, at + len(item)))
        at += len(item) + len(sep)
    return items


def freq(word: str) -> int:
    """jieba's count of a dictionary word, 0 for unknown words."""
    return _COUNTS.get(word, 0)


def surnames() -> frozenset[str]:
    return word_set("surnames")


def looks_like_name(tok: str) -> bool:
    """An unknown two- or three-character token that starts with a surname."""
    return 2 <= len(tok) <= 3 and tok[0] in surnames() and tag(tok) is None


def chain_start(doc: Doc, seg: Seg, pos: int, names: bool = True) -> int:
    """Where the organisation-like run of tokens ending at ``pos`` starts (``pos`` if none)."""
    i = seg.index_at(pos - 1) if pos > 0 else -1
    start = pos
    if i >= 0 and seg.starts[i] + len(seg.tokens[i]) > pos:  # pos inside a token
        start = seg.starts[i]
        i -= 1
    picked: list[int] = []
    village = pos
    verbs = word_set("clause_verbs")
    while i >= 0 and pos - seg.starts[i] <= MAX_CHAIN:
        tok = seg.tokens[i]
        if tok == ")" or picked and tok in ("和", "与", "及"):
            k = _bracket_open(seg, i, names) if tok == ")" else _joined_noun(seg, i, pos)
            if k is not None:  # 大众交通 | (集团) | 股份有限公司, 粮食 | 和 | 物资储备局
                picked.extend(range(i, k - 1, -1))
                start = seg.starts[k]
                i = k - 1
                continue
        if (picked or names) and tok in verbs:
            break  # 瓮城口村 | 充分发挥 | 村党支部, 带领 | 党员; but 调研 | 组 and 培训 |
            # 中心 are names, and a post's body ends in such a word (组长 after 调研组)
        if tok == "全国" and doc.norm.startswith(("人大", "政协"), seg.starts[i] + 2):
            picked.append(i)  # 全国 | 人大代表: the national congress's deputy
            start = seg.starts[i]
            i -= 1
            continue
        if not _chain_token(tok, names):
            if not (picked and (looks_like_name(tok) or tag(tok) in _NAME_TAGS)
                    and _VILLAGE_AHEAD.match(doc.norm, seg.starts[i] + len(tok), pos)):
                break
            village = seg.starts[i]  # but 玉井|镇党委, 吴家|坪|村支部: a town's, a village's name
        picked.append(i)
        start = seg.starts[i]
        i -= 1
        if _led_admin(tok):
            break  # 领导|有市|发改委: the chain starts at the 市 a verb ran into
    return min(_trim(seg, picked[::-1]), village) if picked else start


BRACKETED_MAX = 6  # 上港集团…(上海)有限公司, 大众交通(集团): a place or a kind in a name


def _bracket_open(seg: Seg, i: int, names: bool) -> int | None:
    """The index of the ``(`` that the ``)`` at ``i`` closes, when what they hold is a
    place's name or an organisation word ((上海), (集团); not 国家杜马(议会下院): what
    the name means) and a chain token stands before it, else None."""
    from newsgraph.extract.places import is_place_name

    k = i - 1
    while k >= 0 and seg.tokens[k] != "(" and i - k <= 4:
        k -= 1
    if k < 1 or seg.tokens[k] != "(":
        return None
    inner = "".join(seg.tokens[k + 1:i])
    if not 0 < len(inner) <= BRACKETED_MAX or not _CHAIN_CHARS.fullmatch(inner) \
            or not _chain_token(seg.tokens[k - 1], names) \
            or not (inner in org_suffix_types() or is_place_name(inner)):
        return None
    return k


_BODY_ENDS = frozenset("会局部委厅院司所站队社团心府办处组")  # a body's last character


def _joined_noun(seg: Seg, i: int, pos: int) -> int | None:
    """The index of the noun the 和 at ``i`` joins to the short name after it (粮食 | 和 |
    物资储备局, 人力资源 | 和 | 社会保障局, 口岸 | 和 | 港航管理局), else None; not a post
    (书记 | 和 | 市长)."""
    joiner = seg.tokens[i]  # 与, 及 join longer nouns (国际交流 | 与 | 合作局, 酒店 | 及 |
    wide = joiner != "和"  # 旅游业管理学院)
    if i < 1 or pos - (seg.starts[i] + 1) > (8 if wide else 6):
        return None
    word = seg.tokens[i - 1]
    if wide and word[-1] in _BODY_ENDS:
        return None  # 流通协会 | 与 | 梧州市人民政府: two bodies
    if not 2 <= len(word) <= 4 or tag(word) not in ("n", "vn", "s") \
            or _posts()[0].search(word) \
            or ADMIN_START.match(word) or ADMIN_START.match(seg.tokens[i + 1]):
        return None  # (国家和省乡村振兴局: two bodies)
    return i - 1


def _led_admin(tok: str) -> bool:
    """A word jieba does not know: a preposition or verb run into 县, 市 … (据县, 有市),
    or a preposition into 村 (由村; not 驻村, a word)."""
    if len(tok) < 2 or tag(tok) is not None:
        return False
    lead = tag(tok[0])
    return (lead in _LEAD_TAGS and bool(ADMIN_START.match(tok, 1))) or (
        lead == "p" and tok[1:] == "村")


@cache
def _countries() -> frozenset[str]:
    """Countries' names, short and full (countries.tsv)."""
    return frozenset(name for row in table("countries") for name in row[:2] if name)


@lru_cache(maxsize=1 << 16)  # tokens come again and again; the answer is the token's
def _chain_token(tok: str, names: bool) -> bool:
    if not _CHAIN_CHARS.fullmatch(tok) or tok in STOP_WORDS:
        return False
    if tok in org_suffix_types() or tok in _countries():
        return True  # (摩尔多瓦驻华大使: jieba takes the country for a person's name)
    t = tag(tok)
    if len(tok) >= 3 and tok[-1] in DIVISION_END and t in (None, "nr"):
        return True  # 左云县 (jieba: a person's name) is a county
    if len(tok) >= 3 and t == "nr" and PLACE_END.search(tok):
        return True  # 张家口 (jieba: a person's name) is a city
    if len(tok) >= 3 and t == "nr" and tok[-1] == "部":
        return True  # 宣传部 (jieba: a person's name) is a department
    if names and looks_like_name(tok) and not (t is None and (
            ADMIN_START.match(tok) or ADMIN_START.match(tok, 1))) and tok[-1] not in ORGAN_END:
        return False  # a name ends the chain; but 区住 (区 a surname) starts 区住建局局长,
        # 由省 (由 a surname) ends in the 省 of 省重大项目稽察办, and 市经|信局 is a bureau
    if not names and t == "nr" and PLACE_END.search(tok):
        return True
    return (t is None or t not in STOP_TAGS or tok.isdigit() or _numeral(tok)
            or bool(_ORDINAL.fullmatch(tok)))  # 市 | 第三 | 人民医院, 中铁 | 十七 | 局,
    # 政协 | 宜昌市 | 第七届 | 委员会


def _numeral(tok: str) -> bool:
    return all(c in NUMERALS for c in tok)


def _trim(seg: Seg, idx: list[int]) -> int:
    """Start at the first administrative or place token; else drop leading verbs. A word
    jieba does not know that is a preposition or verb run into 县, 市 … (据县, 从市, 经省)
    starts at the administrative word. No name starts inside brackets ((湖州)服务中心)."""
    depth, outside = 0, []
    for k in idx:
        depth += seg.tokens[k] == "("
        if not depth:
            outside.append(k)
        depth -= seg.tokens[k] == ")"
    idx = outside or idx
    for k in idx:
        tok = seg.tokens[k]
        if ADMIN_START.match(tok) or tag(tok) in ("ns", "nt"):
            return seg.starts[k]
        if _led_admin(tok):
            return seg.starts[k] + 1
    for k in idx:
        if tag(seg.tokens[k]) not in ("v", "a", "ad"):
            return seg.starts[k]
    return seg.starts[idx[-1]] + len(seg.tokens[idx[-1]])


def level_of(org: str, default: str = "") -> str:
    for level, starts in LEVELS:
        if org.startswith(starts):
            return level
    if MINISTRY.match(org):
        return "national"
    return default


@cache
def org_suffix_types() -> dict[str, str]:
    """Organisation suffix word -> organisation type, from ``org_suffixes.tsv``."""
    return {row[0]: row[1] for row in table("org_suffixes")}


@cache
def _posts() -> tuple[re.Pattern, dict[str, tuple[str, str, bool, str]]]:
    info = {}
    for row in table("posts"):
        word, role, official, journalist, *level = row
        info[word] = (role, official, journalist == "1", level[0] if level else "")
    pattern = re.compile(rf"(?:{alternation(list(info))})(?![会台团级员站证科])")
    return pattern, info


def _body(doc: Doc, seg: Seg, s: int, head: int, marked: bool) -> tuple[int, str]:
    """Where a post's body starts and the body, for the post word at ``s`` (in the word
    at ``head``). 原 (former) written between the body and the post is no part of the
    body: 市政协原副主席, 县委原书记, 张家场乡原党委书记 (jieba's 原副, 原|书记, 原|党委书记)."""
    if marked:
        start = chain_start(doc, seg, head)
        return start, doc.text[start:head]
    at = head if head < s else s
    if doc.norm[at - 1:at] in FORMER and seg.starts[seg.index_at(at - 1)] == at - 1:
        start = chain_start(doc, seg, at - 1)
        return start, doc.text[start:at - 1] + doc.text[at:s]
    start = chain_start(doc, seg, s)
    return start, doc.text[start:s]


_BODY_AFTER = frozenset("局处厅署")  # a body's last character, right after a post's word


_MEMBER_POSTS = frozenset(("委员", "代表"))  # a member's post, written after the name
_BODY_WORD_TAGS = frozenset(("j", "n", "nt", "vn"))  # 政协, 党委, 常委: a body's short name


def _given_name(doc: Doc, start: int, org: str, post: str) -> bool:
    """The body of a post is two characters after a surname, and a given name: for a
    division's head (市长, 县长) when they name no place (乔|新江市长); for a member's post
    when the surname starts the clause and they are no body's short name (张|庆春委员)."""
    from newsgraph.extract.places import is_place_name

    if len(org) != 2 or doc.norm[start - 1:start] not in surnames():
        return False
    if post[:1] in "省市县区":
        return not is_place_name(org) and not is_place_name(org + post[0])
    return (post in _MEMBER_POSTS and (start < 2 or not "\u4e00" <= doc.norm[start - 2] <= "\u9fff")
            and tag(org) not in _BODY_WORD_TAGS and org[-1] not in _BODY_ENDS)


# a text about a people's or party congress: its 代表 are deputies (posts.tsv: congress)
_CONGRESS = re.compile(r"人大|人民代表大会|党代会|党代表大会|代表团审议")


def extract(doc: Doc) -> None:
    pattern, info = _posts()
    seg = segmentation(doc)
    for m in pattern.finditer(doc.norm):
        s, e = m.span()
        i = seg.index_at(s)
        head = seg.starts[i]
        tok_end = head + len(seg.tokens[i])
        marked = head == s - 1 and doc.norm[head] in FORMER  # 原副|主席
        organ = head == s - 1 and (doc.norm[head] in ORGAN_END or doc.norm[head] == "部")
        # (jieba's 阳高县|委副|书记, 城乡建设|部副|部长)
        if head != s and tok_end != e and not (marked or organ):
            continue  # the post word straddles other words (全市长期)
        if doc.norm[e:e + 1] in _BODY_AFTER:
            continue  # 老干部局, 书记处: the word names a body
        role, official, journalist, level = info[m.group()]
        org_start, org = _body(doc, seg, s, head, marked)
        if _given_name(doc, org_start, org, m.group()):
            org_start, org = s, ""  # 乔新江市长: 新江 ends a name, no place's
        span_start = s if journalist else org_start
        is_official = official == "1" or (official == "org" and bool(OFFICIAL_ORG.search(org))) \
            or (official == "congress" and bool(_CONGRESS.search(doc.norm)))
        doc.add(span_start, e, TITLE, role=role, level=level_of(org, level), org=org,
                official=is_official, journalist=journalist)
    _join_concurrent(doc)


CONCURRENT_MAX = 10  # 兼 and the post after it (兼联席董事长)


def _join_concurrent(doc: Doc) -> None:
    """A post held concurrently, after 兼, in the same body is one title with the post
    before it (比亚迪集团董事长兼总裁, 执行董事兼联席董事长), as it is printed."""
    titles = sorted(doc.of_type(TITLE), key=lambda t: (t.end, t.start))
    drop = set()
    for a, b in zip(titles, titles[1:], strict=False):
        if id(a) in drop or doc.norm[a.end:a.end + 1] != "兼" or not (
                a.end < b.end <= a.end + CONCURRENT_MAX) or not (
                b.start <= a.end or b.start == a.end + 1 and not b.attrs["org"]):
            continue  # (宣传部部长兼市文联主席: a post in a body of its own, two titles)
        a.start = min(a.start, b.start)
        a.end, a.text = b.end, doc.text[a.start:b.end]
        a.attrs["official"] = a.attrs["official"] or b.attrs["official"]
        drop.add(id(b))
    if drop:
        doc.mentions = [m for m in doc.mentions if id(m) not in drop]


def post_words(doc: Doc) -> list[tuple[int, int, int]]:
    """(start of the title, start of its post's own word, end) of each title printed
    ending in its post word (代县长: 县长; 民盟市委会主委: 主委)."""
    return [(t.start, t.end - len(t.attrs["role"]), t.end) for t in doc.of_type(TITLE)
            if t.attrs.get("role") and t.text.endswith(t.attrs["role"])]


# a body's name that begins with a place of some level: 潍坊市委 -> 潍坊市, 阳高县 -> 阳高县,
# 乌兰察布市市委 -> 乌兰察布市
_PLACE_HEAD = re.compile(r"^(.{2,10}?[省市县区])[省市县区]?(?:委|人民政府|政府|人大|政协|$)")


_DEPUTY_SEP = ("，", ",", "、")  # between the head's name and his deputy's post


def share_place(doc: Doc) -> None:
    """A post after 、 that names no body (市长) is held in the place the post before it
    names, when that place is of the post's level: 潍坊市委副书记、市长 is 潍坊市's mayor,
    阳高县委副书记、县长 阳高县's (not the home city's or county's), and so is the next
    person's post (张家口市委书记邢国辉、市长侯亮). A bare deputy's post after the post
    and the name of its head is in the same body (市人大常委会主任袁振旭，副主任王国平). Run
    once the posts' bodies are whole (:func:`newsgraph.extract.organizations.widen_titles`)."""
    titles = sorted(doc.of_type(TITLE), key=lambda t: t.start)
    people = {(m.start, m.end) for m in doc.of_type(PERSON)}
    for a, b in zip(titles, titles[1:], strict=False):
        if b.attrs["org"]:
            continue
        sep = doc.norm[b.start - 1:b.start]
        named = (a.end, b.start - 1) in people  # a person's name between the two posts
        lead = _PLACE_HEAD.match(a.attrs["org"])
        if sep == "、" and (b.start - 1 == a.end or named) and lead and (
                lead.group(1)[-1] == b.text[0]):
            b.attrs["org"] = lead.group(1)  # 市委书记、市长张强; 市委书记邢国辉、市长侯亮
        elif sep in _DEPUTY_SEP and named and a.attrs["org"] and (
                b.attrs["role"] == "副" + a.attrs["role"]):
            b.attrs["org"], b.attrs["level"] = a.attrs["org"], a.attrs["level"]
            b.attrs["official"] = b.attrs["official"] or a.attrs["official"]
            # 市人大常委会主任袁振旭，副主任王国平: the deputy of the same body
