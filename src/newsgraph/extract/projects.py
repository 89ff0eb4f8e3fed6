"""Project and money mentions: named undertakings (…项目, …高铁) and stated sums.

A project name ends in 项目 (or is a high-speed line, 集大原高铁). Its left edge is found
by walking back over name characters to punctuation, then cutting after the last word of
``project_stopwords.txt`` (推进, 签约, 在 …); right before 项目 a longer one stays in the
name (建设项目), a one-character one (在, 的, 抓) says the 项目 names none. A run split by 、
is one name only where it
lists products of a capacity figure (久易通年产5万吨塑料管材、管件项目). Names made only
of words from ``project_words.txt`` (重点项目, 一批新建项目) are generic and skipped, and
so are kinds of projects counted (项目30个, 3个文旅项目); the items a count without 等
counts (A和B2个产业项目) are projects, and so are the items of a batch listed before 等
(A、B、C等24个项目, A、B等一批重大项目, A、B等50亿元、百亿元项目).

Money: 89773万元 -> value 897730000.0, currency CNY. Relations: located_in (project ->
the most specific place inside its name, else the place after 位于), behind (project ->
organisation inside its name), amount (project -> the 投资 figure of its sentence).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate

import rjieba

from newsgraph.extract.places import inside_names, is_place_name
from newsgraph.extract.titles import tag
from newsgraph.lexicons import word_regex
from newsgraph.model import (
    MONEY,
    ORGANIZATION,
    PERSON,
    PLACE,
    PROJECT,
    TITLE,
    Doc,
    Mention,
    Relation,
)

REQUIRES = (PLACE, ORGANIZATION, PERSON, TITLE)
ASSIGNS = (PROJECT, MONEY)

MAX_NAME = 40
_NAME_CH = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()·“”.%、\-—/×&]")
_SUFFIX = re.compile(r"项目|工程(?!项目|[师院学局公司技部处队中研管咨设质机车兵科类量款])")
_RAIL = re.compile(r"(?:(?<![\u4e00-\u9fff\d])|(?<=[与和及、])|(?<=\d年))"
                   r"[\u4e00-\u9fff]{2,3}高铁")  # (2016年沪昆高铁; not 近20年的高铁)
# a motorway named by the places it joins (罗鹿高速, 泸州至古蔺高速, 江津经泸州至宜宾高速,
# 自贡至永川高速公路(四川境)), not speed (高速发展, 高速运转)
_ROAD = re.compile(r"(?:(?<![\u4e00-\u9fff\d])|(?<=[与和及、的是将]))"
                   r"(?:[\u4e00-\u9fff]{2}(?:经[\u4e00-\u9fff]{2,3})?至[\u4e00-\u9fff]{2,3}"
                   r"(?:\([\u4e00-\u9fff]{2,5}\))?|[\u4e00-\u9fff]{2})高速(?:公路)?"
                   r"(?:\([\u4e00-\u9fff]{2,5}\)|[\u4e00-\u9fff]{2,3}段)?"
                   r"(?![\u4e00-\u9fff]{0,2}(?:发展|运转|增长|运行|度|路网|铁路|公司))")
_ROAD_HEADS = frozenset((None, "ns", "j", "nz"))  # 罗鹿, 京沪: places' short names
_MONEY = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万亿|亿|万|千)?元")
_UNITS = {None: 1.0, "千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}
_INVEST = re.compile(r"投资(?:额|总额)?(?:约|达|超|近|共|为)?\s*$")
_CAPACITY = re.compile(r"年产(?:能)?\s*\d+(?:\.\d+)?\s*[万千亿]?"
                       r"(?:吨|台|套|件|辆|立方米|平方米|千瓦)")
_AREA = re.compile(r"占地(?:面积)?(?:约|达)?\s*\d+(?:\.\d+)?\s*(?:万)?(?:平方米|亩|公顷)")
_LOCATED = re.compile(r"位于")
_SENTENCE_END = re.compile(r"[。！？；\n]")
# a count or batch in a name (24个项目, 一批储能装备制造项目, 第三批重大项目): a kind of them
_COUNTED = re.compile(r"[\d一二三四五六七八九十两几多]+[个批]")
# 项目30个, 项目共有25个, 项目120项: a count of projects follows, so the name is their kind
# (not 社会保障项目4个基础设施项目: that count is of what follows it)
_COUNT_AFTER = re.compile(r"(?:共有|共计|共|达|有)?[\d一二三四五六七八九十两几多]+[个项]"
                          r"(?![\u4e00-\u9fff])")
_QUOTED = re.compile(r"“[^“”]+”")
_HERITAGE = re.compile(r"(?:非遗|非物质文化遗产)(?:“[^“”]+”)?$")  # (not 非遗传承融合项目)
# (A、B等24个项目; A、B、C等一批重大项目, A、B等50亿元、百亿元项目: a batch, uncounted;
# A、B等(重点)项目: a plain list, its items proper names, :func:`_proper`)
_LISTED = re.compile(r"(?P<etc>等)?(?:(?P<n>\d+|[一二三四五六七八九十两]+)个"
                     r"|(?<=等)(?:一批|多个|[\d.]+亿元(?:[、和][\d.百千十]+亿元)*(?:以上)?级?)"
                     r"|(?<=等)(?P<plain>)(?=(?:(?:省市|省级|市级|省|市)?重[点大](?:招商引资|产业)?)?项目))"
                     r"(?:重点|重大|签约|新建|续建|[\u4e00-\u9fff]{1,12}?)?项目")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
_AND = re.compile(r"[和及与]")
_ITEM_CH = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()·“”.%\-/×]")
_LIST_LEAD = re.compile(r"(?:有|包括|包含|分别是|分别为|是)")
_DEICTIC = frozenset("这那该此每一")  # 这条高铁: a line pointed at, not named
_BUILD = "建设"  # the one stop word a name keeps before 项目 (消防站建设项目)
_SPORT_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:赛事|比赛|决赛|预赛|锦标赛)"
                          r"|冠军|亚军|季军|金牌|银牌|铜牌|运动员")
_ITEM_NO = re.compile(r"(?:(?<=\n)|(?<=^)|(?<=[;；。]))[ \u3000]*"
                      r"(?:\d{1,2}[.．、]|[(（]\d{1,2}[)）])")
_STYLE = re.compile(r"[\u4e00-\u9fff]{1,3}式")  # 沉浸式, 一站式: a kind's style
_DIVISION_HEAD = re.compile(r"(?<=[\u4e00-\u9fff])(?:省|自治区|市|县|区|旗|镇|乡)")
_PERIOD = re.compile(r"[\d.、,()]*年?(?:[一二三四]?季度|[上下]半年)?")
_FACILITY_ENDS = ("基地", "园", "园区", "中心", "站", "厂", "工程", "项目")
_SUM_LED = re.compile(r"^[超近约总投资]*[\d.百千万亿]+元")  # 超百亿元水利工程
_ORG_PREP = frozenset("就对为在向")  # after a body: 与省公航旅集团就…
_PHASE = re.compile(r"[一二三四五六七八九十\d]期")  # 二期: a project's phase
# what a name does not start with, after its stop words: a date, a list's comma, 到 (a
# verb of going at the clause's start: 到丰元…项目调研; not 主城到新区…, inside the name)
_LEAD_JUNK = re.compile(r"\d{4}年(?:\d{1,2}月)?|[,，、]+|到")


def _stop_re() -> re.Pattern:
    return word_regex("project_stopwords")


@cache
def _tail_re() -> re.Pattern:
    """A stop word that ends a name."""
    return re.compile(f"(?:{_stop_re().pattern})$")


@cache
def _physical_re() -> re.Pattern:
    """A word of something built (桥, 水库, 改造): a 工程 named with one is a project."""
    return word_regex("project_physical")


def _built(core: str) -> bool:
    """What is before 工程 names something built: a word of building, and more than such
    words, generic ones and a sum (not 水利枢纽工程, 超百亿元水利工程)."""
    if not _physical_re().search(core):
        return False
    rest = _generic_re().sub("", _physical_re().sub("", _SUM_LED.sub("", core)))
    return len(rest) >= 2


def _generic_re() -> re.Pattern:
    return word_regex("project_words")


def _walk(norm: str, end: int) -> int:
    """Leftmost character of the name-like run ending at ``end``."""
    i = end
    while i > 0 and end - i < MAX_NAME and _NAME_CH.match(norm[i - 1]):
        if norm[i - 1] == "、" and norm[i - 3:i - 1] in ("项目", "工程"):
            break
        if norm[i - 2:i] == "——":
            break  # 省重点工程——大同宇林德…项目: a dash sets the name apart
        i -= 1
    return i


def _left_edge(norm: str, start: int, end: int, placed: frozenset[int] = frozenset()) -> int:
    """Cut after the last stop word (not one right before 项目, 建设项目 stays whole; not
    one inside a place's name, ``placed`` the offsets they cover: 和顺县). A numbered
    item of a list (9.农村公路新建改造和养护工程项目) starts after its number, and is
    one name, its stop words and all (7.解决快递进村“最后一公里”项目)."""
    item = _ITEM_NO.match(norm, start)
    if item:
        start = item.end()
    chunk = norm[start:end]
    cap = chunk.find("年产")
    limit = cap if cap >= 0 else len(chunk) - 1
    cut = 0
    words = None
    for m in () if item else _stop_re().finditer(chunk):  # (a numbered item: one name)
        if m.end() <= limit and not {start + m.start(), start + m.end() - 1} <= placed:
            if m.group() == "暨" and chunk[:m.start()].endswith(_FACILITY_ENDS):
                continue  # 江宸新能源换电站产业基地暨总部项目: one project's two parts
            if m.end() - m.start() == 1:
                words = words or _words_at(chunk)
                if _in_noun(words.get(m.start(), "")):
                    continue  # the first character of a noun: 正 of 正极材料, not 正在
            cut = max(cut, m.end())
    if cap < 0 and "、" in chunk[cut:]:
        cut += chunk[cut:].rindex("、") + 1
    start += cut
    lead = _LEAD_JUNK.match(norm, start)
    while lead and lead.end() > start:
        start = lead.end()
        lead = _LEAD_JUNK.match(norm, start)
    return start


def _words_at(text: str) -> dict[int, str]:
    """jieba's words of ``text`` by where they start."""
    words = rjieba.cut(text)
    return dict(zip(accumulate(map(len, words), initial=0), words, strict=False))


def _in_noun(word: str) -> bool:
    """A dictionary word of two characters or more that is not a verb (正极, not 抓住 or
    等源, jieba's guess)."""
    t = tag(word) if len(word) >= 2 else None
    return t is not None and not t.startswith("v")


def _generic(core: str) -> bool:
    """Only generic words (重点, 新建), maybe after a division's name and with a year:
    灵丘县新建项目, 东昌府区2026年民生实事项目 are kinds of projects."""
    heads = [m.end() for m in _DIVISION_HEAD.finditer(core[:8])]
    head = next((k for k in heads if is_place_name(core[:k])), 0)
    for text in (core, core[head:]) if head else (core,):
        rest = _STYLE.sub("", _generic_re().sub("", text))
        if len(rest) < 2 or _PERIOD.fullmatch(rest):  # (2026年, 2024年一季度)
            return True
    return False


# jieba's tags of words no project's name ends with before 项目: a time or locative word
# (当前, 以来), a preposition, conjunction or pronoun (not an adverb: jieba tags 高速 one)
_NO_NAME_END = frozenset(("t", "f", "p", "c", "r"))


def _named(core: str) -> bool:
    if len(core) < 2 or _generic(core) or _stop_re().fullmatch(core) or _COUNTED.search(core):
        return False  # (24个项目, A、B3个文旅项目: a count of projects, then their kind)
    if core.startswith("项目"):
        return False  # 在项目车间及项目工地: the project's own places, no project
    if _HERITAGE.search(core):
        return False  # 国家级非遗“太昊伏羲祭典”项目: an item of heritage, no undertaking
    if _QUOTED.fullmatch(_generic_re().sub("", core)):
        return False  # “冬季行动”签约项目: the projects of a campaign
    last = rjieba.cut(core)[-1]
    tail = _tail_re().search(core)
    if tail is not None and tail.group() != _BUILD and len(tail.group()) >= len(last):
        # a stop word before 项目: 在项目上, 抓项目, 张锐实地调研项目, 加速推动项目 (not
        # the end of a longer word: 社会保障项目)
        return False
    if core.startswith("“") and core.endswith("”"):
        return False  # “四大赛道”项目: a slogan, not a name
    if len(last) == 1 and tag(last) == "v":
        return False  # 持续不断谋项目, 争项目: a one-character verb, 项目 its object
    if tag(last) in _NO_NAME_END and not _PHASE.fullmatch(last) \
            or last == core and tag(last) in ("v", "vn"):
        return False  # 今年以来项目, 分析当前项目 (not 产业园三期); 突出项目, 研判项目
    return core.count("(") == core.count(")") and core.count("“") == core.count("”")


def _spans(norm: str, placed: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    out = []
    for m in _SUFFIX.finditer(norm):
        if _SPORT_AFTER.match(norm, m.end()):
            continue  # 省运会群体项目赛事: an event of a games, no project
        if _COUNT_AFTER.match(norm, m.end()):
            continue  # 集中开复工项目30个: a kind of projects, counted
        if norm[m.end():m.end() + 1] in ("部", "办", "组"):
            continue  # 中铁三局大同项目部: the body that runs a project, no project
        start = _left_edge(norm, _walk(norm, m.start()), m.start(), placed)
        if norm[start:start + 1] == "“" and norm[m.end():m.end() + 1] == "”":
            start += 1  # 签约“新安住宅小区项目”: the quotes hold the whole name
        inner = norm.rfind("项目", start + 1, m.start())
        if inner > 0:  # 为新建项目县公安局…用房项目: another 项目 ends what is before
            start = _left_edge(norm, inner + 2, m.start(), placed)  # (…项目和总投资…的中玻…)
        core = norm[start:m.start()]
        if m.group() == "工程" and not _built(core):
            continue  # 民心工程, 人才工程: a programme; 官道河水系工程, 大桥工程 are built
        if _named(core) and not (norm[start - 1:start] == "、" and len(core) <= 3):
            out.append((start, m.end()))
    out.extend((m.start(), m.end()) for m in _RAIL.finditer(norm)
               if norm[m.start()] not in _DEICTIC)  # 这条高铁
    out.extend((m.start(), m.end()) for m in _ROAD.finditer(norm)
               if ("至" in m.group() or tag(m.group()[:2]) in _ROAD_HEADS)
               and not {m.start(), m.end() - 1} <= placed)  # (得大高速公路: a road there)
    return out


def _listed(norm: str, placed: frozenset[int]) -> list[tuple[int, int]]:
    """The items of a counted list of projects (A、B、C等24个项目), two or more: each is
    a project, named without the word 项目."""
    out = []
    for m in _LISTED.finditer(norm):
        items, end = [], m.start()
        while True:
            start = _item_start(norm, end, placed)
            sep = start
            while sep > 0 and norm[sep - 1].isspace():
                sep -= 1
            if norm[sep - 1:sep] != "、" or start == end:
                items.append((start, end))
                break
            items.append((start, end))
            end = sep - 1
            while end > 0 and norm[end - 1].isspace():
                end -= 1
        count = _count(m.group("n")) if m.group("n") else 0
        first = items[-1][0]
        if not m.group("etc") and len(items) == count - 1 and _AND.match(norm, first - 1):
            # 中合光伏和新建光伏电站2个产业项目: the first two items joined by 和
            items.append((_item_start(norm, first - 1, placed), first - 1))
        if not m.group("etc") and len(items) != count:
            continue  # no 等: the count is of the items before it, or they are no list
        named = [(a, b) for a, b in items if b - a >= 4 and _named(norm[a:b])
                 and (m.group("plain") is None or _proper(norm[a:b], a, placed))]
        if len(named) == len(items) >= 2:
            out.extend(named)
    return out


_NOT_ITEM = re.compile(r"等|(?:公司|集团|企业)$")  # (A、B等企业在C、D等项目; companies)


def _proper(item: str, start: int, placed: frozenset[int]) -> bool:
    """An item of a plain list (A、B等项目) names one undertaking: it has a figure or a
    Latin letter (年产20吨, G312线), a phase (二期), a place's name (江油抽水蓄能电站), or
    starts with a word jieba's dictionary does not know (娇阳石马建材硅酸钙板): not a
    trade or a product of common words (肉牛养殖, 纤维包装板), which such lists hold too."""
    if _NOT_ITEM.search(item):
        return False
    if any(c.isascii() and c.isalnum() for c in item) or _PHASE.search(item):
        return True
    if any(k in placed for k in range(start, start + len(item))) \
            or any(is_place_name(item[:k]) for k in (2, 3)):
        return True
    first = rjieba.cut(item)[0]
    return len(first) >= 2 and tag(first) is None


def _item_start(norm: str, end: int, placed: frozenset[int]) -> int:
    """Where the item of a list that ends at ``end`` starts: after a 、 (the one before
    it), else after the list's lead (其中包括) and the last stop word."""
    start = end
    while start > 0 and end - start < MAX_NAME and _ITEM_CH.match(norm[start - 1]):
        start -= 1
    sep = start
    while sep > 0 and norm[sep - 1].isspace():
        sep -= 1
    listed_before = norm.rfind("等", start, end)  # 张成中、田国良等市领导观摩了|A、B等项目
    if norm[sep - 1:sep] == "、" and listed_before < 0:
        return start
    start = max(start, listed_before + 1)
    named_end = end - 2 if norm[end - 2:end] == "项目" else end  # (…建设项目)
    start = _left_edge(norm, start, named_end, placed)
    lead = _LIST_LEAD.match(norm, start)
    return lead.end() if lead else start


def _count(numeral: str) -> int:
    if numeral.isdigit():
        return int(numeral)
    if numeral in _NUMERALS:
        return _NUMERALS[numeral]
    return 10 + _NUMERALS.get(numeral[-1], 0) if numeral[0] == "十" else 0  # 十二


def _money(doc: Doc) -> list[Mention]:
    out = []
    for m in _MONEY.finditer(doc.norm):
        value = float(m.group("num")) * _UNITS[m.group("unit")]
        out.append(doc.add(m.start(), m.end(), MONEY, value=value, currency="CNY"))
    return out


def _inside(mentions: list[Mention], s: int, e: int) -> list[Mention]:
    return [m for m in mentions if s <= m.start and m.end <= e]


_RANK = {"village": 0, "landmark": 1, "zone": 1, "township": 2, "county": 3, "city": 4,
         "province": 5, "region": 6, "country": 7}


def _place_of(doc: Doc, proj: Mention, places: list[Mention]) -> Mention | None:
    inside = _inside(places, proj.start, proj.end)
    if inside:
        return min(inside, key=lambda p: _RANK.get(p.attrs.get("level"), 9))
    after = doc.norm[proj.end:proj.end + 4]
    if _LOCATED.search(after):
        stop = _SENTENCE_END.search(doc.norm, proj.end)
        limit = stop.start() if stop else len(doc.norm)
        near = [p for p in places if proj.end <= p.start < limit]
        if near:
            return max(near, key=lambda p: (p.end, -p.start))  # the last, most specific
    return None


def _amount(doc: Doc, proj: Mention, money: list[Mention]) -> Mention | None:
    stop = _SENTENCE_END.search(doc.norm, proj.end)
    limit = stop.start() if stop else len(doc.norm)
    for m in money:
        if proj.end <= m.start < limit and _INVEST.search(doc.norm[max(0, m.start - 8):m.start]):
            return m
    return None


def _attrs(doc: Doc, s: int, e: int) -> dict:
    attrs = {"name": doc.text[s:e]}
    stop = _SENTENCE_END.search(doc.norm, e)
    sentence = doc.norm[s:stop.start() if stop else len(doc.norm)]
    for key, rx in (("capacity", _CAPACITY), ("area", _AREA)):
        m = rx.search(sentence)
        if m:
            attrs[key] = m.group()
    return attrs


def extract(doc: Doc) -> None:
    places, orgs = doc.of_type(PLACE), doc.of_type(ORGANIZATION)
    money = _money(doc)
    seen: set[tuple[int, int]] = set()
    people = [m.end for m in doc.mentions if m.type in (PERSON, TITLE)]
    placed = inside_names(doc)
    for s, e in sorted([*_spans(doc.norm, placed), *_listed(doc.norm, placed)],
                       key=lambda span: (span[0], -span[1])):  # (the longest at a start)
        inner = [x for x in people if s < x < e]
        inner += [o.end + 1 for o in orgs if s <= o.start and o.end < e - 2
                  and doc.norm[o.end] in _ORG_PREP]
        if inner:  # 上海中能集团董事长虞建明介绍项目: a project's name holds no person,
            s = max(inner)  # nor a body with a preposition (与省公航旅集团就G312线…改建)
            if not _named(doc.norm[s:e - 2] if doc.norm.endswith("项目", s, e) else doc.norm[s:e]):
                continue
        if (s, e) in seen or any(a <= s and e <= b for a, b in seen):
            continue
        seen.add((s, e))
        proj = doc.add(s, e, PROJECT, **_attrs(doc, s, e))
        place = _place_of(doc, proj, places)
        if place is not None:
            doc.relations.append(Relation("located_in", proj, place))
        for org in _inside(orgs, s, e):
            doc.relations.append(Relation("behind", proj, org))
        amount = _amount(doc, proj, money)
        if amount is not None:
            doc.relations.append(Relation("amount", proj, amount))
