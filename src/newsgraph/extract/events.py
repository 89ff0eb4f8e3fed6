"""Event mentions: meetings, forums, training courses, ceremonies, contests, visits.

A named event ends in a word of ``event_words.tsv`` (…联席会议, …论坛, …培训班, …仪式),
its kind given there; its left edge is found by walking back over name characters
(暨 joins two names into one) and cutting after the last word of
``event_stopwords.txt`` (召开, 在 …). Names made only of ``event_generic.txt`` words
(会议, 此次活动) are skipped, and so are those of ``event_generic_unscoped.txt`` words
(开工仪式, 重点活动) unless a scope or a place opens them (全市重点项目推进会), and a kind
of events (年节类活动); a name ending in 节
is a festival only with its edition or year (第十届沭阳花木节; not 国庆节); a count before a
name is not part of it (24项群众文化系列活动). A quote right before a name may hold 、 or
spaces (“大冲洗、大擦洗”专项活动), unless it is a theme (主题为“…”). A headline that reports
a visit (…赴/到/深入…调研, 走访慰问, or a person's name then 调研/督导…) is an inspection
named by the headline (without a kicker's 时强调).

Relations, sentence by sentence: date (the first event of a sentence -> the sentence's
first dated expression; vague 日前/近日 are not used; 为期3天 sets the end), located_in
(在/赴 + place + 举行/召开/开班…), organizer (organisation right before 主办/举办/召开),
participant (each person -> the article's main event, role from ``participant_roles.tsv``
by the first role verb after the name in its clause).

Structural cues besides the name's last word: a 、-list before the name belongs to it
(清理隐性壁垒、规范审批事项、优化营商环境专项行动; 社火巡游、过大年唱戏…等活动), but
not to a festival, contest or ceremony (…成果展示、…国际果蔬博览会: events of their
own); 签订/签署《…协议》 is a signing named by the verb and the title
(``event_signed.txt``); a headline 推出/开通 … 线路/直通车 is a launch
(``event_launched.txt``). Not events: a meeting named as the source of a 精神 to study,
one counted (召开…联席会议58次, 招商推介活动20余场), a column title standing alone on
its line, and routine work named once without a date or year after a verb of
``event_routine.txt`` (扎实开展支部主题党日活动). Within a document a shorter name that is
the tail or an abridgement of a longer one (观摩调研活动, 省部级主要领导干部专题研讨班) takes
the longer name. A headline event without a date in its line takes the lead sentence's,
else that of a sentence naming its head noun, else the article's only date; an event
with a year in its name and no other date takes the year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from newsgraph.extract.places import inside_names, is_place_name
from newsgraph.extract.titles import WORD_FREQ, Seg, freq, head_end, segmentation
from newsgraph.lexicons import alternation, keyed_regex, table, word_regex, word_set, words
from newsgraph.model import DATE, EVENT, ORGANIZATION, PERSON, PLACE, TITLE, Doc, Mention, Relation
from newsgraph.resolve.names import abridges

REQUIRES = (DATE, TITLE, PERSON, PLACE, ORGANIZATION)
ASSIGNS = (EVENT,)

MAX_NAME = 60
_NAME_CH = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()·“”《》—]")
# the run of name characters ending where the search stops (_left_edge's walk back)
_NAME_RUN = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()·“”《》—]*\Z")
_NOT_GENERIC_CH = re.compile(r"[\d()“”·《》—]")
_WORD = re.compile(r"\S+")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE_END = re.compile(r"[；;。！？\n]")
_DURATION = re.compile(r"为期(\d+|[一二三四五六七八九十]+)天")
_VISIT_HEAD = re.compile(r"(?:赴|到|来|深入).{1,20}?(?:调研|考察)|(?:走访|看望|亲切)慰问"
                         r"|成功挂牌|揭牌")
# a headline opening with who inspects: 张玉杰调研督导片区更新…, 王某某在XX县调研
_VISITS = re.compile(r"(?:在[^，,：:\s]{1,12}?)?(?:调研|考察|视察|督导|督查|走访)")
# the General Secretary's visit to a place, named as the text names it (习近平总书记考察湖北
# 重要讲话精神, 习近平总书记在柳州考察时)
_LEADER_VISIT = re.compile(r"(?:习近平)?总书记(?:(?:考察|视察)(?P<place>[\u4e00-\u9fff]{2,3}?)"
                           r"(?=重要|时|期间|并|的|[，,。])|在(?P<at>[\u4e00-\u9fff]{2,3}?)(?:考察|视察)"
                           r"(?:调研)?(?=时|期间|并|的|[，,。]))")
# the yearly sessions of a people's congress and a political consultative conference
_TWO_SESSIONS = re.compile(r"(?:全国|省|市|县|区|自治区)“?两会”?")
_DELIBERATION = re.compile(r"参加(?!所在|各|本|该)[\u4e00-\u9fff、和]{2,12}?代表团"
                           r"(?:分组)?(?:审议|讨论)")  # (not 参加所在代表团审议)
_VISIT_BODY = re.compile(r"(?:亲临|莅临)[\u4e00-\u9fff]{1,12}?(?:考察调研|调研|考察|视察)")
_CEREMONY_OF = re.compile(r"(?<=[班会节赛])(?:开班式|开幕式|闭幕式)$")
_ABBR = set("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘宁青新同")
_AROUND = re.compile(r"前夕|前后|期间|之际|以来")
_UNTIL = re.compile(r"(?:至|到|截至|截止)$")  # a date that bounds a span, alone
_AROUND_WORD = re.compile(r"[^，,。；;]{0,6}?(?:前夕|前后|期间|之际|以来|到来)")
_CLAUSE = re.compile(r"[^。！？!?\n；;]+")
_QUOTED = re.compile(r"“[^”]{0,30}”|《[^》]{0,60}》")
_IN_QUOTES = ("、", " ", "\u3000")  # what a quoted part of a name may hold besides name characters
_THEME = re.compile(r"(?:主题|口号|理念)[为是:：]?\s*\Z")
_QUOTE_INSIDE = re.compile(r"[^“”，,。；;：:！？!?\n]*")
# kinds a 、-list of topics before the name belongs to (清理隐性壁垒、…专项行动); before a
# festival, contest or ceremony the items are events of their own (…成果展示、…博览会)
_LISTED_KINDS = ("campaign", "other", "meeting", "training", "forum")
_ITEM_CH = re.compile(r"[\u4e00-\u9fff0-9A-Za-z“”·]")
_COUNTED = re.compile(r"\s*(?:\d+|[一二三四五六七八九十两几数多]+)[余多]?(?:次|场|期)")
# a count of items before the name: 24项群众文化系列活动, 一场场特色文旅活动 (a kind, counted)
_COUNT = r"(?:近|约|超)?(?:\d+|[一二三四五六七八九十百千两几数多]+)[余多]?"  # 24, 20余, 近百
_MID_COUNT = re.compile(rf"{_COUNT}[项场个类][\u4e00-\u9fff]{{0,4}}$")  # …三项主体(活动)
_COUNT_LED = re.compile(rf"{_COUNT}([项场个批届])")  # 24项, 三届 (not 第三届)
# (after more meetings listed with it: …人大七次会议、省政协十一届五次会议精神, …全会和中央
# 经济工作会议精神)
_SPIRIT = re.compile(r"(?:(?:、|和|及|以及)[^，。；、\n]{2,30}?会议?)*\s*精神")
_NUM = "[一二三四五六七八九十\\d]+"
# a numbered session: 二十届四中全会, 十二届八次全会, 七届四次会议, 第十二次党代会
_SESSION = re.compile(rf"{_NUM}届(?:人大|政协)?{_NUM}(?:中全会|次(?:全会|全体会议|会议))$"
                      rf"|第{_NUM}次(?:党代会|代表大会)$")
# the body whose numbered session it is, right before its number (党的|二十届四中全会, 省政协|
# 十二届四次会议, 省|十二届人大七次会议): a session's name starts with it, not at the verbs
# before (贯彻|党的…)
_SESSION_HEAD = re.compile(r"(?:党的|中共"
                           r"|(?:中共)?(?:全国|[省市县区州])?(?:委|政协|人大常委会|人大)"
                           rf"|(?:全国|[省市县区州])(?={_NUM}届(?:人大|政协)))"
                           rf"(?={_NUM}届|第{_NUM}次)")
_YEAR_IN = re.compile(r"((?:19|20)\d\d)年")
_HOME_HEAD = re.compile(r"^(?:我市|全市|本市)")
_KEY_DROP = str.maketrans("", "", "、“”")  # what a name's key leaves out
_AT_PLACE = r"(?:在|赴|于)"
_HELD = re.compile(r"\s*(?:举行|召开|开班|举办|开幕|启动|调研|考察|开展)")
# (after where: 市委宣传部在平城区举办…)
_ORGANIZE = re.compile(r"\s*(?:在[^，,。；;、]{1,15}?)?(?:主办|举办|承办|召开|组织)")
_JOINED = re.compile(r"\s*(?:、|和|与|及|以及)\s*")
_HELD_BY = re.compile(r"(?:举行|召开)\s*$")
_VENUES = ("空间", "场所", "场地", "阵地", "中心", "室")  # after 活动: a place for them
_STANDING = ("常务委员会", "常委会")  # after 人民代表大会: its standing committee
_PRESIDIUM = "主席团"  # a session's presidium holds meetings of its own
_CONSULTATIVE = "政治协商会议"  # the CPPCC: a body, whose sessions are its committees'
# what is the session's (大会主席团, 大会发言): 大会 there refers to a session named before
_OF_ASSEMBLY = ("主席团", "秘书长", "秘书处", "发言", "执行主席", "常务主席")
_SAID_END = re.compile(r"时(?:强调|指出|要求|表示)$")
_SCOPE = re.compile(r"全市|全省|全县|全区|全国|我市|本市|市县|省市")
_JIE_WORDS = ("节日", "节约", "节能", "节目", "节点", "节奏", "节省", "节假", "节水", "节气",
              "节俭", "节庆", "节拍", "节余", "节制", "节律", "节操", "节选")
_EDITION = re.compile(r"第[一二三四五六七八九十百\d]+届|首届")
# a year or an edition, what follows it in a name ending in 节 a holiday or a festival
_HOLIDAY_TAIL = re.compile(rf"(?:19|20)\d\d年?|{_EDITION.pattern}")
_QUOTED_COUNT = re.compile(r"“[\d+一二三四五六七八九十]+”$")  # “1+4”(项主体活动)
_COUNT_BEFORE = re.compile(rf"{_COUNT}([项场个])\1?$")  # 260余项, 一场场
_CLOCK = re.compile(r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日)?(?:上午|下午|晚上?|早上?)?"
                    r"(?:\d{1,2}[时点](?:\d{1,2}分)?许?)?")  # 6月28日, 下午4时30分
_ORDINAL_LED = re.compile(r"第[一二三四五六七八九十百\d]+[次届]")
_SITTING = re.compile(r"第[一二三四五六七八九十\d]+次全体会议")
_CLOSER = {")": "(", "”": "“", "》": "《"}
_NOT_OWN = re.compile(r"(?:学习|贯彻|落实|领会|迎接)[^，。；]{0,6}$")


def _suffix() -> tuple[re.Pattern, dict[str, str]]:
    return keyed_regex("event_words")


def _stop_re() -> re.Pattern:
    return word_regex("event_stopwords")


@cache
def _signed_re() -> re.Pattern:
    docs = alternation(words("event_signed"))
    return re.compile(rf"(签订|签署)了?《([^《》]{{2,60}}(?:{docs}))》")


@cache
def _launch_re() -> re.Pattern:
    objs = alternation(words("event_launched"))
    return re.compile(rf"(?:推出|开通|开行|上线|启动)了?"
                      rf"([\u4e00-\u9fff0-9A-Za-z·“”]{{1,16}}?(?:{objs}))")


@cache
def _routine_re() -> re.Pattern:
    return re.compile(rf"(?:{alternation(words('event_routine'))})\s*$")


@cache
def _generic_re() -> re.Pattern:
    return re.compile(alternation(words("event_generic")))


@cache
def _roles() -> tuple[re.Pattern, dict[str, str]]:
    roles = {row[0]: row[1] for row in table("participant_roles")}
    return re.compile(alternation(list(roles))), roles


def _left_edge(norm: str, end: int, joined: bool = False, marks: _Marks | None = None,
               quoted: bool = False) -> int:
    """Start of a name ending at ``end``; ``joined``: 和/与 may join topics in it; ``marks``:
    where place names are (a stop word in one cuts nothing) and where names of people
    end (a name starts after them); ``quoted``: a quote right before may hold 、 or spaces
    (“大冲洗、大擦洗”专项活动)."""
    lo = max(0, end - MAX_NAME)
    i = _NAME_RUN.search(norm, lo, end).start()
    while quoted and norm[i - 1:i] in _IN_QUOTES:
        q = norm.rfind("“", lo, i)
        if q < 0 or not _QUOTE_INSIDE.fullmatch(norm, q + 1, i) or "”" not in norm[i:end] \
                or _THEME.search(norm, lo, q):
            break  # (主题为“中国古都 天下大同”2017…活动月: a theme before the name)
        i = _NAME_RUN.search(norm, lo, q).start()
    if marks:
        i = max([i, *(k for k in marks.person_ends if i < k < end)])
    chunk = norm[i:end]
    quoted = [q.span() for q in _QUOTED.finditer(chunk)]
    cut = 0
    for m in _stop_re().finditer(chunk):
        if any(a < m.start() < b for a, b in quoted):
            continue  # “中国年·古都韵”: words inside quotes are part of the name
        if marks and {i + m.start(), i + m.end() - 1} <= marks.placed:
            continue  # 宣布和顺县…活动: 和 starts a place's name
        if m.group() == "的" and chunk[max(0, m.start() - 1):m.start()] == "党":
            continue  # 党的十九届六中全会
        if chunk[max(0, m.start() - 1):m.start()] == "第":
            continue  # …人民代表大会第一次会议: an ordinal, not 一次 (once)
        if m.group() == "在" and chunk[m.end():m.end() + 1] in _ABBR and not (
                marks and {i + m.end(), i + m.end() + 1} <= marks.placed):
            continue  # 中央在晋定点帮扶单位 (not 在青山区…: a place's whole name follows)
        if joined and m.group() in ("和", "与") and not chunk[:m.start()].endswith("精神") \
                and len(chunk) - m.end() >= 2:
            continue  # 东西部协作和中央单位定点帮扶工作推进电视电话会议 (not 会期和|会议)
        if _suffix()[0].match(chunk, m.start()):
            continue  # 启动仪式暨…发布会: the word starts an event's name
        if len(m.group()) == 1 and _in_word(chunk, m.start()):
            continue  # 古都文化论坛, 和平论坛: the character is part of a word
        cut = max(cut, m.end())
    start = i + max(cut, _after_unmatched(chunk))
    while start < end and norm[start] in ")》”—":
        start += 1
    return start


def _in_word(chunk: str, at: int) -> bool:
    """The one-character stop word at ``at`` ends or starts a dictionary word that is
    no stop word itself (古都, 首都, 和平; not 正在, 并将)."""
    stops = word_set("event_stopwords")
    # (备受瞩目的: 目 ends the word 瞩目, so 的 makes no word 目的 with it)
    left = chunk[at - 1:at + 1] if at and freq(chunk[max(0, at - 2):at]) < WORD_FREQ else ""
    return any(len(w) == 2 and w not in stops and freq(w) >= WORD_FREQ
               for w in (left, chunk[at:at + 2]))


def _after_unmatched(chunk: str) -> int:
    """Where the text after the last bracket or quote closed without an opener in
    ``chunk`` starts (…(记者 陈杰)2024大同国际马拉松赛, 主题为“中国古都 天下大同”2017…
    活动月: the name starts after it)."""
    at = 0
    depth = dict.fromkeys(_CLOSER.values(), 0)
    for k, ch in enumerate(chunk):
        if ch in depth:
            depth[ch] += 1
        elif ch in _CLOSER:
            if depth[_CLOSER[ch]]:
                depth[_CLOSER[ch]] -= 1
            else:
                at = k + 1
    return at


@cache
def _unscoped_re() -> re.Pattern:
    return re.compile(alternation(words("event_generic_unscoped")))


def _generic(core: str) -> bool:
    rest = _generic_re().sub("", core)
    if len(_NOT_GENERIC_CH.sub("", rest)) < 2:
        return True
    if len(_NOT_GENERIC_CH.sub("", _unscoped_re().sub("", rest))) >= 2:
        return False
    # 全市重点项目推进会, 泗洪县重大产业项目集中开工仪式: a scope makes them events
    return not (_SCOPE.match(core) or any(is_place_name(core[:k])
                                          for k in range(2, min(len(core), 8))))


def _balanced(name: str) -> bool:
    return all(name.count(a) == name.count(b) for a, b in ("()", "“”", "《》"))


def _list_start(norm: str, start: int, items_may_be_events: bool) -> int:
    """Start of a 、-list of short items that ends in the name beginning at ``start``."""
    rx, _ = _suffix()
    s = start
    while norm[s - 1:s] == "、":
        j = s - 1
        item_start = _left_edge(norm, j)
        item = norm[item_start:j]
        if not 2 <= len(item) <= 10 or item[0].isdigit() or \
                not all(_ITEM_CH.match(c) for c in item):
            break
        if not items_may_be_events and any(m.end() == len(item) for m in rx.finditer(item)):
            break  # 论坛、大会: two events, not one list
        s = item_start
    return s


def _usable_span(norm: str, end: int, session: bool) -> bool:
    """Not the source of a 精神 to study, unless a numbered ``session`` (党的二十届四中全会
    精神: the session is named, 中央经济工作会议精神: a kind of meeting), not a counted
    routine (联席会议58次)."""
    return not ((_SPIRIT.match(norm, end) and not session) or _COUNTED.match(norm, end))


def _session_start(norm: str, start: int, end: int) -> int | None:
    """Where the name ending at ``end`` starts if it is a numbered session's: at the body
    that holds it, after the place it is of (湖北|省十四届人大四次会议, not 贯彻|党的…);
    None if it names no session of a body."""
    if not _SESSION.search(norm, start, end):
        return None
    heads = list(_SESSION_HEAD.finditer(norm, start, end))
    if not heads:
        return None
    at = heads[-1].start()
    return next((k for k in range(max(0, at - 5), at - 1) if is_place_name(norm[k:at + 1])), at)


@dataclass(frozen=True)
class _Marks:
    """What other steps found that bounds an event's name, and jieba's words."""

    placed: frozenset[int]  # offsets inside place names (places.inside_names)
    person_ends: frozenset[int]  # where names of people end (start, before 同志)
    words: Seg  # jieba's words of the text

    @classmethod
    def of(cls, doc: Doc) -> _Marks:
        return cls(inside_names(doc), frozenset(  # 刘泽民同志遗体告别仪式: it starts with him
            p.start if doc.norm.startswith("同志", p.end) else p.end
            for p in doc.of_type(PERSON)), segmentation(doc))

    def inside_word(self, k: int) -> bool:
        """Offset ``k`` falls inside one of jieba's words (not at its start)."""
        return self.words.starts[self.words.index_at(k)] != k


def _named(norm: str, marks: _Marks | None = None
           ) -> list[tuple[int, int, str, str | None, int]]:
    """Names ending in an event word: (start, end, kind, name, start of the last item)."""
    rx, kinds = _suffix()
    out = []
    for m in rx.finditer(norm):
        if m.group().endswith("会") and norm[m.end():m.end() + 1] in ("议", "堂"):
            continue  # 会议 is matched whole; 人民大会堂 is a building
        if m.group().endswith("议") and norm[m.end():m.end() + 1] == "长":
            continue  # 议会议长: the speaker of a council
        if norm.startswith(_VENUES, m.end()):
            continue  # 公共活动空间, 文化活动中心: a place for them
        if norm.startswith(_STANDING, m.end()):
            continue  # 人民代表大会常务委员会: a body
        if norm.endswith(_CONSULTATIVE, 0, m.end()):
            continue  # 中国人民政治协商会议(榆林市第五届委员会): the body, not a session
        if m.group().endswith("大会") and norm.startswith(_OF_ASSEMBLY, m.end()) \
                and not _ORDINAL_LED.search(norm, max(0, m.start() - 12), m.start()):
            continue  # 马雪腾代表|大会主席团, 8位委员|大会发言: the session, named before
        if m.group() == "节" and norm.startswith(_JIE_WORDS, m.start()):
            continue  # 节日, 节能: no festival's 节 (but jieba's 丰收|节在 is one)
        if m.group() != "节" and marks and m.end() < len(norm) and marks.inside_word(m.end()) \
                and not norm.startswith("精神", m.end()):
            continue  # 工作会|商: a word goes on after it (会商; jieba's 全会精神 is two)
        if norm[m.start() - 1:m.start()] == "类" and marks and not marks.inside_word(m.start() - 1):
            continue  # 城市大型年节类活动: a kind of events (not 垃圾分类活动)
        kind = kinds[m.group()]
        if _COUNT_BEFORE.search(norm, max(0, m.start() - 8), m.start()):
            continue  # 五个方面260余项活动: events counted, none named
        if norm[m.start() - 1:m.start()] == "等":  # 社火巡游、过大年唱戏…等活动
            first = _left_edge(norm, m.start() - 1)
            start = _list_start(norm, first, True)
            if start < first and _balanced(norm[start:m.end()]):
                out.append((start, m.end(), kind, None, first))
            continue
        start = _left_edge(norm, m.start(), kind in ("meeting", "training"), marks, quoted=True)
        if _counted(norm, start):
            continue  # 一场场文艺盛典: a kind of them, not one of them
        start = _past_count(norm, start)
        if _MID_COUNT.search(norm, start + 1, m.start()):
            continue  # 湖南省入境旅游推介会三项主体活动: events counted after a list of them
        name = norm[start:m.end()]
        if _generic(norm[start:m.start()]) or not _balanced(name) or "《" in name:
            continue
        if m.group() == "行动" and not (_YEAR_IN.search(name) or "“" in name):
            continue  # a bare …行动 is a policy, unless dated or quoted
        if m.group() == "节" and (not (_YEAR_IN.search(name) or _EDITION.search(name))
                                 or freq(_HOLIDAY_TAIL.split(name)[-1]) > 0):
            continue  # 国庆节, 2024年春节: a holiday; 第十届沭阳花木节, 2023年…丰收节: a festival
        session = _session_start(norm, start, m.end())
        if not _usable_span(norm, m.end(), session is not None):
            continue
        start = start if session is None else session
        listed = _list_start(norm, start, False) if kind in _LISTED_KINDS else start
        if _SITTING.fullmatch(norm, listed, m.end()):
            continue  # (…人大六次会议举行)第二次全体会议: a sitting of the session named
        out.append((listed, m.end(), kind, None, start))
    return out


def _counted(norm: str, start: int) -> bool:
    """A name starting at ``start`` starts with a measure after a reduplicated one (一场场,
    where it began after the stop word 一场) or after a quoted count (“1+4”项主体活动):
    many of a kind, none named."""
    measure = norm[start:start + 1]
    return measure in ("场", "项", "个", "批") and (
        norm[start - 1:start] == measure
        or bool(_QUOTED_COUNT.search(norm, max(0, start - 12), start)))


def _past_count(norm: str, start: int) -> int:
    """Where a name starting at ``start`` starts after a count of the items it names
    (24项群众文化系列活动) or a clock time (下午4时30分)."""
    m = _COUNT_LED.match(norm, start) or _CLOCK.match(norm, start)
    return m.end() if m else start


def _signings(norm: str) -> list[tuple[int, int, str, str | None]]:
    return [(m.start(), m.end(), "signing", f"{m.group(1)}《{m.group(2)}》")
            for m in _signed_re().finditer(norm)]


def _needs_date(doc: Doc, ev: Mention) -> bool:
    """A signing or a 、…等 list reads as a reported event only with its date
    (or, for a signing, in a headline)."""
    if ev.attrs["kind"] == "signing":
        return ev.end > head_end(doc.norm)
    return "、" in ev.attrs["name"] and "等" in ev.attrs["name"]


def _head_lines(norm: str) -> list[tuple[int, str]]:
    end = head_end(norm)
    out, pos = [], 0
    for line in norm[:end].split("\n"):
        if line.strip():
            out.append((pos, line))
        pos += len(line) + 1
    return out[:4]


def _launches(norm: str) -> list[tuple[int, int, str, str | None]]:
    """A headline launch: 推出十大文旅主题精品线路, 开通十条全域旅游直通车."""
    out = []
    for pos, line in _head_lines(norm):
        for m in _launch_re().finditer(line):
            out.append((pos + m.start(), pos + m.end(), "launch", m.group(1)))
    return out


# what a headline says was opened, launched or begun, formally or again (集大原高铁正式开通
# 运营, 朔州滋润机场正式通航, 新华街区重新开街)
_OPENED = re.compile(r"(?:正式|重新)(?:开通运营|开通|通航|投运|投入运营|投入使用|开工|开街|开业"
                     r"|投产|竣工|通车|开园|开馆|启用)$|投入试运行$")


def _openings(norm: str) -> list[tuple[int, int, str, str | None]]:
    """A headline reporting an opening names the event itself (集大原高铁正式开通运营)."""
    for pos, line in _head_lines(norm)[:3]:
        for s, e in reversed(_head_segments(line)):
            if 6 <= e - s <= 30 and _OPENED.search(line, s, e):
                return [(pos + s, pos + e, "ceremony", None)]
    return []


def _headline_visit(doc: Doc) -> tuple[int, int, str, str | None] | None:
    """A headline reporting a visit or a listing names the event itself."""
    for pos, line in _head_lines(doc.norm)[:3]:
        stripped = line.strip()
        whole = (line.index(stripped[0]), line.index(stripped[0]) + len(stripped))
        for s, e in [*_head_segments(line), whole]:
            if 6 <= len("".join(line[s:e].split())) <= 40 and (
                    _VISIT_HEAD.search(line[s:e]) or _led_by_visitor(doc, pos + s, pos + e)):
                said = _SAID_END.search(line, s, e)  # 王曦在…调研督导项目建设情况|时强调
                end = said.start() if said else e
                visit = _VISIT_HEAD.search(line, s, end)
                if visit and line.startswith("并", visit.end()):
                    end = visit.end()  # 卢东亮深入云冈区调研|并看望慰问…: the visit itself
                return (_after_posts(doc, pos + s, pos + end), pos + end, "inspection", None)
    return None


def _past_run(doc: Doc, kind: str, at: int, limit: int | None = None) -> int:
    """Where a run of ``kind`` mentions starting at ``at`` ends, each right after the one
    before it or after a 、 (副省长|, 吴仰东|张安疆|); those ending past ``limit`` not."""
    ends = {m.start: m.end for m in doc.of_type(kind)}
    while at in ends and (limit is None or ends[at] < limit):
        at = ends[at] + (doc.norm[ends[at]:ends[at] + 1] == "、")
    return at


def _after_posts(doc: Doc, s: int, e: int) -> int:
    """Where a visit's name starts: at the visitor's name, after the posts written before
    it (副省长|蒋涤非来株走访慰问)."""
    at = _past_run(doc, TITLE, s)
    if at > s and any(p.start == at and p.end < e for p in doc.of_type(PERSON)):
        return at
    return s


def _led_by_visitor(doc: Doc, s: int, e: int) -> bool:
    """The text from ``s`` opens with a person's name (or several: 吴仰东张安疆), then a
    visit's verb."""
    at = _past_run(doc, PERSON, s, e)
    return at > s and bool(_VISITS.match(doc.norm, at, e))


def _head_segments(line: str) -> list[tuple[int, int]]:
    """Space-separated parts of a headline; parts of 5 characters or fewer are layout
    breaks and join their neighbours (应急管理 部赴阳高县 广灵县 调研…)."""
    out: list[list[int]] = []
    for m in _WORD.finditer(line):
        if out and (m.end() - m.start() <= 5 or out[-1][1] - out[-1][0] <= 5):
            out[-1][1] = m.end()
        else:
            out.append([m.start(), m.end()])
    return [(s, e) for s, e in out]


def _body_visits(norm: str) -> list[tuple[int, int, str, str | None]]:
    out = [(_left_edge(norm, m.start()), m.end(), "inspection", None)
           for m in _VISIT_BODY.finditer(norm)]
    return out + [(m.start(), m.end(), "inspection", None) for m in _LEADER_VISIT.finditer(norm)
                  if is_place_name(m.group("place") or m.group("at"))]


def _choose(spans: list[tuple]) -> list[tuple]:
    chosen: list[tuple] = []
    for x in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(x[1] <= c[0] or x[0] >= c[1] for c in chosen):
            chosen.append(x)
    return sorted(chosen, key=lambda x: x[0])


def _column_title(norm: str, s: int, e: int) -> bool:
    """A short name alone on its line, met nowhere else: a column's title (云中论坛)."""
    line_start = norm.rfind("\n", 0, s) + 1
    line_end = norm.find("\n", e)
    line = norm[line_start:line_end if line_end >= 0 else len(norm)]
    return line.strip() == norm[s:e] and e - s <= 8 and norm.count(norm[s:e]) == 1


def _add_events(doc: Doc) -> list[Mention]:
    norm, marks = doc.norm, _Marks.of(doc)
    orgs = [(o.start, o.end) for o in doc.of_type(ORGANIZATION)]
    spans = [x[:4] for x in _named(norm, marks)
             if not any(a <= x[4] and x[1] <= b for a, b in orgs)]
    spans += [x for x in _body_visits(norm) if not any(a <= x[0] and x[1] <= b for a, b in orgs)]
    spans += _signings(norm) + _launches(norm) + _openings(norm)
    spans += [(m.start(), m.end(), "meeting", None) for m in _TWO_SESSIONS.finditer(norm)]
    spans += _deliberations(doc)
    head = _headline_visit(doc)
    if head:
        spans = [x for x in spans if x[1] <= head[0] or x[0] >= head[1]] + [head]
    out = []
    for s, e, kind, name in _choose(spans):
        if _column_title(norm, s, e):
            continue
        name = name or _CEREMONY_OF.sub("", "".join(doc.text[s:e].split()))
        if _ORDINAL_LED.match(norm, s):  # 第二十五次会议 of 大同市人大常委会: its name has
            holder = _holder(doc, s, doc.of_type(ORGANIZATION))  # the body that holds it
            name = ("".join(holder.text.split()) if holder else _presidium(doc, s, marks)) + name
        out.append(doc.add(s, e, EVENT, kind=kind, name=name))
    return out


def _deliberations(doc: Doc) -> list[tuple[int, int, str, str | None]]:
    """A leader's part in a delegation's deliberation at a congress, named as printed with
    the leader (张强参加云冈区代表团审议), or the deliberation alone (彬县代表团审议)."""
    ends = {p.end: p.start for p in doc.of_type(PERSON)}
    out = []
    for m in _DELIBERATION.finditer(doc.norm):
        start = ends.get(m.start())
        out.append((m.start() + 2 if start is None else start, m.end(), "meeting", None))
    return out


def _holder(doc: Doc, start: int, orgs: list[Mention]) -> Mention | None:
    """The body right before 举行/召开 at an event's ``start``: the body that holds it
    (市人大常委会举行第二十五次会议); not 在市政府举行, a venue."""
    held = _HELD_BY.search(doc.norm, max(0, start - 4), start)
    if held:
        for o in orgs:
            if o.end == held.start() and doc.norm[o.start - 1:o.start] != "在":
                return o
    return None


def _presidium(doc: Doc, start: int, marks: _Marks) -> str:
    """The presidium of a session right before 举行/召开 at an ordinal meeting's ``start``
    (市五届人大六次会议主席团举行第三次会议, 大会主席团召开第二次会议): its name heads the
    meeting's; else ""."""
    norm = doc.norm
    held = _HELD_BY.search(norm, max(0, start - 4), start)
    if held is None or not norm.endswith(_PRESIDIUM, 0, held.start()):
        return ""
    body = _left_edge(norm, held.start(), marks=marks)
    return "".join(doc.text[body:held.start()].split())


def _key(name: str, home: str) -> str:
    key = _HOME_HEAD.sub("", name.translate(_KEY_DROP))  # “首届中国医师节”义诊活动
    for prefix in (home, home[:-1] if len(home) > 2 else ""):
        if prefix and key.startswith(prefix) and len(key) > len(prefix) + 3:
            return key[len(prefix):]
    return key


def _abridges(short: str, long: str) -> bool:
    """``short`` (four characters or more) abridges ``long``."""
    return len(short) >= 4 and abridges(short, long)


def merge_names(mentions: list[Mention], home: str = "") -> None:
    """Give the mentions whose name abridges a longer one of the same text that name."""
    keyed = sorted(((_key(m.attrs["name"], home), m) for m in mentions),
                   key=lambda x: (-len(x[0]), -len(x[1].attrs["name"])))
    canon: list[tuple[str, str]] = []
    for key, m in keyed:
        for ckey, cname in canon:
            if key == ckey or _abridges(key, ckey):
                m.attrs["name"] = cname
                break
        else:
            canon.append((key, m.attrs["name"]))


def _within(items: list[Mention], s: int, e: int) -> list[Mention]:
    return [m for m in items if s <= m.start and m.end <= e]


def _duration_end(sentence: str, start: str) -> str | None:
    m = _DURATION.search(sentence)
    if not m or len(start) != 10:
        return None
    from newsgraph.chrono import cn_number

    days = cn_number(m.group(1))
    if not days or days < 2:
        return None
    return (date.fromisoformat(start) + timedelta(days=days - 1)).isoformat()


def _usable_date(doc: Doc, d: Mention) -> bool:
    if not d.attrs.get("start") or d.attrs.get("precision") == "approx":
        return False
    if _AROUND.match(doc.norm, d.end):
        return False
    if _UNTIL.search(doc.norm, max(0, d.start - 3), d.start):
        return False  # 持续至3月1日, 到2025年底: when it lasts until, not when it is
    # a festival word: 在春节佳节到来之际 is the season, not the day
    return "月" in d.text or not _AROUND_WORD.match(doc.norm, d.end)


def _link_date(doc: Doc, ev: Mention, dates: list[Mention], s: int, e: int,
               skip: set[int] = frozenset()) -> bool:
    usable = [d for d in _within(dates, s, e) if id(d) not in skip and _usable_date(doc, d)
              and not (ev.start <= d.start and d.end <= ev.end and "月" not in d.text)]
    if not usable:  # (春节 of 2024年春节团拜会: the occasion its name gives, not its day)
        return False
    d = usable[0]
    attrs = {}
    end = d.attrs.get("end") or _duration_end(doc.norm[s:e], d.attrs["start"])
    if end:
        attrs["end"] = end
    ev.attrs["date"] = d.attrs["start"]
    if end:
        ev.attrs["end_date"] = end
    doc.relations.append(Relation("date", ev, d, attrs))
    return True


def _link_place(doc: Doc, ev: Mention, places: list[Mention], s: int, e: int) -> None:
    for p in _within(places, s, e):
        before = doc.norm[max(s, p.start - 1):p.start]
        if re.fullmatch(_AT_PLACE, before) and _HELD.match(doc.norm, p.end):
            doc.relations.append(Relation("located_in", ev, p))
            return
        if before == "赴":
            doc.relations.append(Relation("located_in", ev, p))
            return


def _link_organizer(doc: Doc, ev: Mention, orgs: list[Mention], s: int, e: int) -> None:
    """The organisations right before 主办/举办/召开… in the event's sentence, before or
    after it, with the others listed with them (由中国田径协会、市人民政府主办); or the
    body that holds it right before it (市人大常委会举行第二十五次会议)."""
    holder = _holder(doc, ev.start, orgs)
    if holder:
        doc.relations.append(Relation("organizer", ev, holder))
        return
    group: list[Mention] = []
    for o in _within(orgs, s, e):
        if o.start < ev.end and o.end > ev.start:
            continue  # inside the event's name
        if not (group and _JOINED.fullmatch(doc.norm, group[-1].end, o.start)):
            group = []
        group.append(o)
        if _ORGANIZE.match(doc.norm, o.end):
            doc.relations.extend(Relation("organizer", ev, x) for x in group)
            return


def _link_participants(doc: Doc, ev: Mention, persons: list[Mention]) -> None:
    rx, roles = _roles()
    seen: set[str] = set()
    for p in persons:
        if p.attrs.get("kind") == "journalist":
            continue  # the byline's reporters cover the event, they do not take part
        stop = _CLAUSE_END.search(doc.norm, p.end)
        clause = doc.norm[p.end:stop.start() if stop else len(doc.norm)]
        m = rx.search(clause)
        if m is None or p.text in seen:
            continue
        seen.add(p.text)
        doc.relations.append(Relation("participant", ev, p, {"role": roles[m.group()]}))


def _head_date(doc: Doc, events: list[Mention], dates: list[Mention]) -> None:
    """A headline event without a date: the date the body gives it under the same name,
    else the lead sentence's date, else that of a sentence naming its head noun (直通车),
    else the article's only date."""
    head = head_end(doc.norm)
    lead = _SENTENCE.search(doc.norm, head)
    explicit = [d for d in dates if "月" in d.text]
    usable = [d for d in explicit if d.start >= head and _usable_date(doc, d)]
    only = {(d.attrs["start"], d.attrs.get("end")) for d in usable}
    dated = {id(r.subject): r.object for r in doc.relations if r.kind == "date"}
    body_dates: dict[str, Mention] = {}  # name -> the date of its first dated body mention
    for b in events:
        if b.start >= head and id(b) in dated:
            body_dates.setdefault(b.attrs["name"], dated[id(b)])
    for ev in events:
        if ev.end > head or "date" in ev.attrs:
            continue
        named = body_dates.get(ev.attrs["name"])
        if named:  # (中新社大同1月1日电 …灯会于2024年12月31日晚…启动: not the dateline's day)
            _link_date(doc, ev, [named], 0, len(doc.norm))
            continue
        if lead and _link_date(doc, ev, dates, *lead.span()):
            continue
        noun = ev.attrs["name"][-3:]
        for sent in _SENTENCE.finditer(doc.norm, head):
            if noun in sent.group() and _link_date(doc, ev, explicit, *sent.span()):
                break
        else:
            if len(only) == 1:
                _link_date(doc, ev, usable, 0, len(doc.norm))


def _year_dates(doc: Doc, events: list[Mention]) -> None:
    """An event still undated whose name carries a year (…2023年行动) is dated by it."""
    dated = {ev.attrs["name"] for ev in events if "date" in ev.attrs}
    done: set[str] = set()
    for ev in events:
        name = ev.attrs["name"]
        m = _YEAR_IN.search(doc.norm, ev.start, ev.end)
        if name in dated or name in done or m is None:
            continue
        done.add(name)
        d = Mention(m.start(), m.end() - 1, DATE, doc.text[m.start():m.end() - 1],
                    {"start": m.group(1), "precision": "year"})
        doc.mentions.append(d)
        ev.attrs["date"] = m.group(1)
        doc.relations.append(Relation("date", ev, d))


def _drop_routine(doc: Doc, events: list[Mention]) -> list[Mention]:
    """Routine work named once, undated and without a year: not a reported event; nor an
    undated signing or list (see :func:`_needs_date`)."""
    names = [ev.attrs["name"] for ev in events]
    dated = {ev.attrs["name"] for ev in events if "date" in ev.attrs}
    drop = []
    for ev in events:
        name = ev.attrs["name"]
        if name in dated:
            continue
        if _needs_date(doc, ev):
            drop.append(ev)
            continue
        if ev.attrs["kind"] not in ("other", "campaign") or names.count(name) > 1 \
                or _YEAR_IN.search(name):
            continue
        if _routine_re().search(doc.norm, max(0, ev.start - 6), ev.start):
            drop.append(ev)
    if not drop:
        return events
    ids = {id(ev) for ev in drop}
    doc.mentions = [m for m in doc.mentions if id(m) not in ids]
    doc.relations = [r for r in doc.relations if id(r.subject) not in ids]
    return [ev for ev in events if id(ev) not in ids]


def extract(doc: Doc) -> None:
    events = _add_events(doc)
    if not events:
        return
    merge_names(events, doc.home_city)
    dates, places = doc.of_type(DATE), doc.of_type(PLACE)
    orgs, persons = doc.of_type(ORGANIZATION), doc.of_type(PERSON)
    for sent in _SENTENCE.finditer(doc.norm):
        s, e = sent.span()
        inside = _within(events, s, e)
        if not inside:
            continue
        used: set[int] = set()
        for clause in _CLAUSE.finditer(doc.norm, s, e):
            first = _within(inside, *clause.span())[:1]
            for ev in first:
                if not _NOT_OWN.search(doc.norm[s:ev.start]) and "date" not in ev.attrs:
                    if _link_date(doc, ev, dates, *clause.span()):
                        used.add(id(doc.relations[-1].object))
        ev = inside[0]
        if not _NOT_OWN.search(doc.norm[s:ev.start]) and "date" not in ev.attrs:
            _link_date(doc, ev, dates, s, e, used)
        _link_place(doc, ev, places, s, e)
        _link_organizer(doc, ev, orgs, s, e)
    _head_date(doc, events, dates)
    _year_dates(doc, events)
    events = _drop_routine(doc, events)
    if not events:
        return
    main = next((ev for ev in events if "date" in ev.attrs), events[0])
    _link_participants(doc, main, persons)
