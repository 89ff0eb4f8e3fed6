"""Person mentions: names after titles, in lists and bylines, before speech verbs.

Where a name ends is decided by what follows it (在, 说, 主持, punctuation …), since
jieba splits unknown names badly (周智/深作). Names found once are then found again
wherever the document repeats them, and 张大夫 after 张雁冰 refers back to 张雁冰.
Titles written before a name (or just after it: 林武书记, or after a list of names and
等: 刘朝瑞、张生起等市领导, or after a verb of appointment: 张强同志任市委书记) become
holds_title relations. A name after a word for what the person does (游客陈爽说,
``person_roles.txt``) is a name too. A name only jieba's words proposed carries
``guessed=True``: the tagger step drops it where the model sees no name.
"""

from __future__ import annotations

import re
from functools import cache

from newsgraph.extract.places import is_place_name
from newsgraph.extract.titles import freq, head_end, list_items, segmentation, surnames, tag
from newsgraph.lexicons import alternation, word_set, words
from newsgraph.model import PERSON, TITLE, Doc, Mention, Relation

REQUIRES = (TITLE,)
ASSIGNS = (PERSON,)

HAN = r"\u4e00-\u9fff"
# Characters that do not occur inside a name (function words, administrative words). Not
# here, though words begin with them too: 月 中 全 有 日 之 其, common in given names
# (王月华, 李中华, 刘全喜, 张有福, 吕日周); where the word goes on after a name (李四日前,
# 王五中午), name_at ends the name before it.
NOT_NAME = set("的了在是和与及等说为这那个们上下也就都而并对从到把被让给将已以于此"
               "市县区省村镇局委部厅党会年号时分秒第各本该我你他她它")
FOLLOW_LONG = (
    "表示 指出 强调 主持 出席 参加 介绍 认为 分别 一行 同志 带领 调研 告诉 提出 要求 讲话 "
    "致辞 会见 考察 陪同 先生 女士 作为 同时 坦言 说道 透露 回忆 笑着 正在 已经 一起 家中 "
    "就是 走访 带队 任职 担任 当选 获得 荣获 接受 向记者 高兴 来到 走进 深入 主任 书记 局长 总书记 "
    "市长 县长 部长 同学 老师 等人 通过 亲自 热情 首先 随后 代表 宣布 作了 进行 看望 慰问 "
    "前往 委员"
).split()
FOLLOW_ONE = set("在说作和与等为是向到对也就率从将以把被已还都曾同于给由称讲要摄致的了处赴")
FOLLOW_ONE |= set("、，。；：！？”）)\n ")
SPEECH = re.compile(r"(?:说|表示|介绍|认为|指出|告诉记者|坦言|笑着说|感慨)")
HONORIFICS = ("大夫", "医生", "老师", "师傅", "同志", "先生", "女士", "书记", "主任", "局长",
              "院长", "经理", "部长", "市长", "县长", "教授", "总")
LIST_SEP = "、"
LIST_END = "等"  # 文剑平等部分负责人: after a name, 等 ends a list (not 平等)
FOREIGN_PART_MAX = 8  # characters of a transliterated name after its dot
NAME_TAGS = (None, "nr", "nrfg")
CUE = re.compile("|".join(FOLLOW_LONG) + "|[说等]|在.{0,12}(?:说|表示|指出)")
RARE = 50  # jieba frequency below which an nr word is taken for a name
RARE_SURNAME_RANK = 150  # surnames.txt's single surnames from here on are rare (展, 来)
COMMON_WORD = 1000  # jieba frequency from which a word is common (现场, 展示)
# common words' tags that no given name has (建国 ns, 文明 nr, 春节 t are given names too)
_WORD_TAGS = frozenset("n v vn d s f p c a ad".split())
PLACE_END = re.compile(r"[口庄村县市镇乡屯堡沟湾峪路街寨营店山河湖区港制板窑塔坪峁滩洼场坟]$")
VILLAGE_AFTER = re.compile(r"[村庄屯寨](?!民)")  # 赵圪垛村, 郭家掌村: a village's name
NOT_SURNAME = set("和向")  # surnames far more often conjunctions and prepositions
GAP = re.compile(r"[ \u3000]*")
_COLON_LIST = re.compile(r"(?:是|为|有)?[：:]")  # a post, then a list of who hold it
# a two-character name printed spaced to the width of three (黄 铎), in a byline
_SPACED_NAME = re.compile(r"[\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff](?=[ \u3000)）/]|$)")
BYLINE_SEP = re.compile(r"[ \u3000]+|[ \u3000]*[/／][ \u3000]*")
_FOLLOW_LONG = tuple(FOLLOW_LONG)
# a character that is no Han character or one of NOT_NAME
_NOT_NAME_CH = re.compile(rf"[^{HAN}]|[{re.escape(''.join(sorted(NOT_NAME)))}]")
_SPEAKER = re.compile(rf"(?:^|(?<=[^{HAN}])|(?<=、))[{HAN}]{{2,4}}?(?={SPEECH.pattern})")
# a verb of appointment right before a post (the name before it holds the post)
_APPOINT = re.compile(r"(?:同志)?(?:不再担任|担任|兼任|出任|当选为|任)([\u4e00-\u9fff]{0,4}?)\Z")
_SHORT_REF = re.compile(rf"([{HAN}])(?:{'|'.join(HONORIFICS)})")


@cache
def _compound() -> frozenset[str]:
    return frozenset(s for s in surnames() if len(s) == 2)


@cache
def _stop() -> frozenset[str]:
    return frozenset(words("person_stopwords"))


@cache
def _stop_prefixes() -> frozenset[str]:
    """Two-character stopwords: a longer candidate starting with one is no name."""
    return frozenset(w for w in _stop() if len(w) == 2)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@cache
def _foreign() -> frozenset[str]:
    return frozenset(words("foreign_name_chars"))


def _follows(norm: str, j: int) -> int:
    """2 when a clear follow word starts at j, 1 for a one-character one, 0 if none."""
    if j >= len(norm) or not _is_han(norm[j]):
        return 2
    if norm.startswith(_FOLLOW_LONG, j):
        return 2
    return 1 if norm[j] in FOLLOW_ONE else 0


def _name_chars_ok(name: str) -> bool:
    return not _NOT_NAME_CH.search(name)  # every character Han and not in NOT_NAME


def _surname_len(norm: str, i: int) -> int:
    """The length of the surname starting at i (2 for 欧阳), or 0."""
    return 2 if norm[i:i + 2] in _compound() else 1 if norm[i:i + 1] in surnames() else 0


def name_at(norm: str, i: int, lenient: bool = True) -> int:
    """End of a Chinese (or transliterated foreign) name starting at i, or -1."""
    if norm[i:i + 1] in NOT_SURNAME:
        return -1
    s = _surname_len(norm, i)
    if not s:
        return _foreign_at(norm, i)
    short, long_ = i + s + 1, i + s + 2
    two_ok = _name_chars_ok(norm[i + s:short])
    # 和 (NOT_NAME: 张三和李四) in the middle of a three-character name a follow word ends
    # (陈和春、, 张和平出席; not 张和|出席)
    middle = not two_ok and norm[i + s:short] == "和"
    # 和 that ends a three-character name right before 、 or 等 (高怀和、任静波): no conjunction
    last = two_ok and norm[short:long_] == "和" and norm.startswith((LIST_SEP, LIST_END), long_)
    three_ok = (two_ok or middle) and (_name_chars_ok(norm[short:long_]) or last) \
        and long_ <= len(norm)
    f2, f3 = _follows(norm, short), _follows(norm, long_) if three_ok else 0
    if two_ok and f2 == 2:
        end = short
    elif three_ok and f3 == 2:
        end = long_
    elif two_ok and freq(norm[short:short + 2]) > 50 and not (three_ok and f3 and (
            norm[short + 1] in LIST_END)):
        end = short  # 刘冬分赴: the third character starts a word (not 文剑平等: 等 ends it)
    elif three_ok and f3:
        end = long_
    elif two_ok and f2:
        end = short
    elif lenient and three_ok and not middle:
        end = long_
    else:
        return -1
    # 副市长高新文参加: after a title, a three-character name that a clear follow word
    # ends is not undone by a common word in its first two characters (高新, 王家)
    bounded = lenient and end == long_ and f3 == 2
    if lenient and end == short and f2 == 2 and (tag(norm[i:end]) or "").startswith("ns"):
        return end  # 市委书记宁波主持: a name that is a city's too, a clear follow word after
    if norm[end:end + 1] == "·":  # 鲍伯·比比: a transliterated name whose first part reads
        j = end + 1  # as a Chinese one runs on over the dot
        while j < len(norm) and j - end <= FOREIGN_PART_MAX and (
                norm[j] in _foreign() or norm[j] == "·"):
            j += 1
        while j > end + 1 and not _follows(norm, j):
            j -= 1  # 罗伯特·马尔登有幸…: the name ends where a follow word starts
        if j > end + 1 and norm[j - 1] != "·":
            return j
    return end if _plausible(norm[i:end], lenient, bounded) else -1


def _foreign_at(norm: str, i: int) -> int:
    j = i
    while j < len(norm) and (norm[j] in _foreign() or (norm[j] == "·" and j > i)):
        j += 1
    while j - i >= 2 and not _follows(norm, j):
        j -= 1
    return j if j - i >= 2 and norm[j - 1] != "·" else -1


def addressed(name: str) -> bool:
    """A surname and a word of address (徐大爷, 李师傅): no name."""
    terms = word_set("person_address_terms")
    return any(name[:n] in surnames() and name[n:] in terms for n in (1, 2))


@cache
def _surname_rank() -> dict[str, int]:
    return {c: k for k, c in enumerate(w for w in words("surnames") if len(w) == 1)}


def _word_led(name: str) -> bool:
    """A rare surname whose given name is a common word (来现场), or that makes one with
    the given name's first character (展示刚): words the text goes on with, no name."""
    if len(name) != 3 or _surname_rank().get(name[0], 0) < RARE_SURNAME_RANK:
        return False
    return any(freq(w) >= COMMON_WORD and tag(w) in _WORD_TAGS for w in (name[1:], name[:2]))


def _plausible(name: str, lenient: bool, bounded: bool = False) -> bool:
    if name in _stop() or (len(name) > 2 and not bounded and name[:2] in _stop_prefixes()):
        return False
    if _word_led(name):
        return False
    if lenient:  # after a title: only common words are rejected (殷殷嘱托)
        t = tag(name)
        return len(name) != 2 or t is None or t.startswith("nr") or freq(name) < 100
    t = tag(name)
    if t is not None and not t.startswith("nr"):
        return False
    return not (len(name) == 3 and tag(name[:2]) not in (None, "nr") and freq(name[:2]) > 2000)


def _title_groups(doc: Doc) -> list[tuple[list[Mention], int]]:
    """Runs of titles written one after another (市委副书记、市长) and where they end."""
    groups: list[tuple[list[Mention], int]] = []
    for t in sorted(doc.of_type(TITLE), key=lambda m: m.start):
        if groups and doc.norm[groups[-1][1]:t.start] in ("", "、", " ", "\u3000", "兼"):
            groups[-1] = (groups[-1][0] + [t], t.end)
        else:
            groups.append(([t], t.end))
    return groups


class _Found:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans: dict[tuple[int, int], list[Mention]] = {}
        self.officials: set[str] = set()  # names a headline lists as leaders at work
        self.guessed: set[tuple[int, int]] = set()  # spans only jieba's words proposed

    def add(self, start: int, end: int, titles: list[Mention], guess: bool = False) -> None:
        if guess and (start, end) not in self.spans:
            self.guessed.add((start, end))
        elif not guess:
            self.guessed.discard((start, end))
        self.spans.setdefault((start, end), []).extend(titles)


# a post that is a verb as well: after a name, the verb (王曦代表市委 speaks for it)
_ALSO_VERBS = ("代表",)


def _after_titles(doc: Doc, found: _Found) -> None:
    norm = doc.norm
    for titles, end in _title_groups(doc):
        if titles[-1].text.endswith(_ALSO_VERBS) and not titles[-1].attrs.get("official") \
                and not _listing(norm, name_at(norm, end, lenient=False)):
            continue  # 医院代表齐聚一堂: representatives, whose names a list gives (等代表);
            # but 企业家代表何航、唐灵军: a list of names follows
        journalist = any(t.attrs.get("journalist") for t in titles)
        gap = GAP.match(norm, end).group()
        if gap and not journalist and not any(t.attrs.get("official") for t in titles):
            continue  # 看望生活困难党员 任希杰…参加: a headline's next part, after a space
        i = end + len(gap)
        colon = _COLON_LIST.match(norm, i)
        if colon and not journalist:  # 执行主席是：吴开华、杨济时…: the list is of them
            first = name_at(norm, colon.end(), lenient=True)
            if first > 0 and norm.startswith(LIST_SEP, first):
                i = colon.end()
        listed = False
        while i < len(norm):
            j = name_at(norm, i, lenient=True)
            if j < 0 and listed:
                j = _listed_name(norm, i)  # 王彤宇、谢兆村、刘国强: a name between 、
            elif j < 0 and _listing(norm, k := _listed_name(norm, i)) \
                    and name_at(norm, k + 1, lenient=True) > 0:
                j = k  # 人大代表种衍民、焦祺森: the first of a list of names, a rare surname
            if j < 0 and journalist and norm[i:i + 1] in surnames():
                spaced = _SPACED_NAME.match(norm, i)  # 记者 方慧玲 黄 铎 曹新俊
                j = spaced.end() if spaced else -1
            if j < 0 or (j - i > 4 and "·" not in norm[i:j]):
                break  # (谢尔盖·马纳萨良: a transliterated name is longer)
            if journalist and j - i == 3 and norm[j - 1] == "摄" and _credit_end(norm, j):
                j -= 1  # 记者杨戈摄: a photographer's credit, 摄 no part of the name
            found.add(i, j, titles)
            sep = BYLINE_SEP.match(norm, j) if journalist else None
            if norm.startswith(LIST_SEP, j):
                i, listed = j + 1, True
            elif sep and sep.end() > j:
                i = sep.end()
            else:
                break
            if any(t.start == i for t in doc.of_type(TITLE)):
                break


def _listing(norm: str, end: int) -> bool:
    """A name found (``end`` > 0, where it ends) and a list's 、 right after it."""
    return end > 0 and norm.startswith(LIST_SEP, end)


def _credit_end(norm: str, j: int) -> bool:
    """The text ends at ``j`` or goes on after a break or punctuation."""
    return j == len(norm) or not _is_han(norm[j])


def _listed_name(norm: str, i: int) -> int:
    """The end of a surname and a one- or two-character given name between 、 in a list
    of names under their posts, whatever its characters (谢兆村), or of two or three
    characters no word is made of, whatever its surname (才玉璞, 望蓉), or -1."""
    s = _surname_len(norm, i)
    for n in (s + 2, s + 1) if s else (3, 2):
        item = norm[i:i + n]
        if all(_is_han(c) for c in item) and (
                norm.startswith(LIST_SEP, i + n) or norm.startswith(LIST_END, i + n)) and (
                s or (_name_chars_ok(item) and not _worded(item))):
            return i + n
    return -1


def _worded(item: str) -> bool:
    """Some two characters of ``item`` are a word jieba knows (群众, 代表), or all are."""
    return freq(item) > 0 or any(freq(item[k:k + 2]) >= RARE for k in range(len(item) - 1))


def _listed_before(doc: Doc, found: _Found) -> None:
    """刘朝瑞、张生起、张富治等市领导: names listed before 等 and their titles."""
    norm = doc.norm
    for titles, _ in _title_groups(doc):
        k = titles[0].start - len(LIST_END)
        if not norm.startswith(LIST_END, k):
            continue
        while k > 0:
            i = next((k - n for n in (3, 2, 4) if k - n >= 0 and (
                name_at(norm, k - n, lenient=False) == k or _listed_name(norm, k - n) == k)), -1)
            if i < 0 or (i > 0 and _is_han(norm[i - 1])):
                break
            found.add(i, k, titles)
            if not norm.startswith(LIST_SEP, i - 1):
                break
            k = i - 1


def _before_titles(doc: Doc, found: _Found) -> None:
    """林武书记, 习近平总书记: a name right before a bare post."""
    norm = doc.norm
    for t in doc.of_type(TITLE):
        if t.attrs.get("org") or t.attrs.get("journalist") or t.text in _ALSO_VERBS:
            continue
        for n in (3, 2):
            i = t.start - n
            if i >= 0 and name_at(norm, i, lenient=False) == t.start:
                if i == 0 or norm[i - 1] not in surnames() or n == 3:
                    found.add(i, t.start, [t])
                    break


def _appointed(doc: Doc, found: _Found) -> None:
    """张强同志任大同市委书记, 卢东亮同志不再担任…职务: a name standing alone in its
    clause (after punctuation or at the start) right before a verb of appointment, and
    maybe a place the post's body is named with (大同)."""
    norm = doc.norm
    for titles, _ in _title_groups(doc):
        at = titles[0].start
        m = _APPOINT.search(norm, max(0, at - 12), at)
        if m is None or (m.group(1) and not is_place_name(m.group(1))):
            continue
        end = m.start()
        while (i := _name_before(norm, end)) >= 0:
            found.add(i, end, titles)
            if norm[i - 1:i] != "、":
                break
            end = i - 1  # 朱红霞、刘璇、吴磊当选为…常务委员: each of the list


def _name_before(norm: str, end: int) -> int:
    """The start of a name standing alone in its clause (after punctuation or at the
    start) and ending at ``end``, or -1."""
    for n in (3, 2, 4):
        i = end - n
        name = norm[i:end]
        if i < 0 or (i > 0 and _is_han(norm[i - 1])) or not _name_chars_ok(name):
            continue
        if (name[0] in surnames() or name[:2] in _compound()) and _plausible(name, False):
            return i
        return -1
    return -1


@cache
def _roles() -> re.Pattern:
    return re.compile(alternation(words("person_roles")))


def _after_roles(doc: Doc, found: _Found) -> None:
    """游客陈爽说, 讲解员段旖的: a name right after a word for what a person is or does
    (``person_roles.txt``), ended by a follow word."""
    norm, seg = doc.norm, segmentation(doc)
    for m in _roles().finditer(norm):
        i = m.end()
        j = name_at(norm, i, lenient=False)
        if j > 0 and seg.starts[seg.index_at(m.start())] == m.start() \
                and _surname_rank().get(norm[i], 0) < RARE_SURNAME_RANK \
                and (_follows(norm, j) == 2 or norm[j] in _ROLE_NAME_END):
            found.add(i, j, [])


_ROLE_NAME_END = frozenset("说的在和与向、")  # (not 游客齐聚|一堂: a word goes on)


def _speakers(doc: Doc, found: _Found) -> None:
    for m in _SPEAKER.finditer(doc.norm):
        if name_at(doc.norm, m.start(), lenient=False) == m.end():
            found.add(m.start(), m.end(), [])


_GOING = frozenset("来赴到")  # surnames that are verbs of coming to a place as well
_VISIT_AFTER = ("考察", "调研", "参观", "视察", "访问", "投资", "观光", "旅游", "指导", "洽谈")


def _from_jieba(doc: Doc, found: _Found) -> None:
    """Names jieba knows (rare nr words) or guesses (unknown words led by a surname)."""
    seg = segmentation(doc)
    first, stop = surnames(), _stop()
    for s, tok in [(s, tok) for s, tok in zip(seg.starts, seg.tokens, strict=True)
                   if 2 <= len(tok) <= 3 and tok[0] in first and tok not in stop]:
        t = tag(tok)
        if t == "nr" and (freq(tok) >= RARE or PLACE_END.search(tok)) or t not in NAME_TAGS:
            continue  # (before name_at, which only reads)
        end = s + len(tok) if t in ("nr", "nrfg") else name_at(doc.norm, s, lenient=False)
        guessed = t is None and end == s + len(tok) == s + 3
        if end <= s or PLACE_END.search(doc.norm, s, end) or VILLAGE_AFTER.match(doc.norm, end):
            continue
        if tok[0] in _GOING and doc.norm.startswith(_VISIT_AFTER, s + len(tok)):
            continue  # 代表团来宜|考察: coming to a city (宜昌) to visit it, no name
        if end >= s + 2 and (CUE.match(doc.norm, end) or guessed):
            found.add(s, end, [], guess=True)


def _kind(titles: list[Mention]) -> str:
    if any(t.attrs.get("official") for t in titles):
        return "official"
    if any(t.attrs.get("journalist") for t in titles):
        return "journalist"
    return "other"


def _prefer_short(doc: Doc, found: _Found) -> None:
    """张强带 -> 张强 when 张强 is a name of its own elsewhere in the document."""
    names = {doc.norm[s:e] for s, e in found.spans}
    for (s, e) in list(found.spans):
        if e - s == 3 and doc.norm[s:s + 2] in names:
            found.add(s, s + 2, found.spans.pop((s, e)), guess=(s, e) in found.guessed)


def _emit(doc: Doc, found: _Found) -> None:
    by_name: dict[str, list[Mention]] = {}
    for (s, e), titles in sorted(found.spans.items()):
        by_name.setdefault(doc.text[s:e], []).extend(titles)
    taken = [False] * len(doc.text)
    for t in doc.of_type(TITLE):
        for k in range(t.start, t.end):
            taken[k] = True
    if not by_name:
        return
    names = {doc.norm[s:e] for (s, e) in found.spans}
    sure = {doc.norm[s:e] for (s, e) in found.spans if (s, e) not in found.guessed}
    for s, e in _occurrences(doc.norm, {n for n in names if not addressed(n)}):
        if any(taken[s:e]):
            continue
        titles = found.spans.get((s, e), [])
        name = doc.text[s:e]
        kind = "official" if name in found.officials else _kind(by_name.get(name, []))
        p = doc.add(s, e, PERSON, kind=kind, **({} if name in sure else {"guessed": True}))
        for t in dict.fromkeys(id(x) for x in titles):
            doc.relations.append(Relation("holds_title", p, next(x for x in titles if id(x) == t)))
        for k in range(s, e):
            taken[k] = True
    _short_refs(doc, by_name, taken)


def _occurrences(text: str, names: set[str]) -> list[tuple[int, int]]:
    """Where the names occur in the text, leftmost first, the longest at a position, none
    overlapping the one before: what a regex alternation of them, longest first, finds."""
    found = []
    for name in names:
        at = text.find(name)
        while at != -1:
            found.append((at, -len(name)))
            at = text.find(name, at + 1)
    out, end = [], 0
    for at, neg in sorted(found):
        if at >= end:
            out.append((at, at - neg))
            end = at - neg
    return out


def _short_refs(doc: Doc, by_name: dict[str, list[Mention]], taken: list[bool]) -> None:
    """张大夫 after 张雁冰: surname + honorific refers to the one person of that surname."""
    by_surname: dict[str, set[str]] = {}
    for name in by_name:
        by_surname.setdefault(name[0], set()).add(name)
    for m in _SHORT_REF.finditer(doc.norm):
        names = by_surname.get(m.group(1), set())
        if len(names) == 1 and not taken[m.start()]:
            (full,) = names
            if doc.norm.find(full) < m.start():
                doc.add(m.start(), m.end(), PERSON, kind=_kind(by_name[full]), refers_to=full)


_LIST_RUN = re.compile(rf"(?:[{HAN}]{{2,4}}、)+[{HAN}]{{2,4}}?(?=等|以及|及|[，。,;；:：\s]|$)")


def _listed_with(doc: Doc, found: _Found) -> None:
    """孙跃卓、康严严、张宁、杨实隆等学生: a list two or more of whose items, two in five
    at least, are names found already names people in its other items
    that are a surname and a given name, whatever its characters (康严严, 储卫民)."""
    norm = doc.norm
    if sum(norm[e:e + 1] == "、" or norm[s - 1:s] == "、" for s, e in found.spans) < 2:
        return  # (no two names found in a list: the scan is spared)
    for run in _LIST_RUN.finditer(norm):
        items = list_items(run.group(), run.start(), LIST_SEP)
        known = sum(span in found.spans for span in items)
        if known < 2 or 5 * known < 2 * len(items):
            continue
        for start, end in items:
            if (start, end) in found.spans:
                found.guessed.discard((start, end))  # a list of names is evidence
            elif _surname_len(norm, start) and _listed_name(norm, start) == end:
                found.add(start, end, [])


# names printed without a break in a headline's line, before what they do there
# (刘俊义艾凌宇谷明武健鹏出席, 卢东亮张强胡海军等陪同)
_RUN_OF_NAMES = re.compile(rf"(?:^|(?<=[\s，、。；：]))([{HAN}]{{4,16}}?)"
                           r"(?=等?(?:出席|参加|陪同|主持|参会)(?:并|$|[\s，。]))", re.M)


def _run_of_names(doc: Doc, found: _Found) -> None:
    """The names of a headline's run of names (:data:`_RUN_OF_NAMES`): each a surname and
    a one- or two-character given name, cut where the names found elsewhere, then
    three-character names and names no dictionary word is made of, cut best."""
    known = {doc.norm[s:e] for s, e in found.spans}
    for m in _RUN_OF_NAMES.finditer(doc.norm, 0, head_end(doc.norm)):
        run = m.group(1)
        cut = _cut_names(run, known)
        if cut is not None and len(cut) >= 2:
            at = m.start(1)
            for name in cut:
                found.add(at, at + len(name), [])
                found.officials.add(name)  # the leaders at a meeting: officials
                at += len(name)


def _cut_names(run: str, known: set[str]) -> list[str] | None:
    """The best cut of ``run`` into surname-led names of two or three characters."""
    best: dict[int, tuple[int, list[str]]] = {0: (0, [])}
    for i in range(len(run)):
        if i not in best:
            continue
        score, names = best[i]
        for n in (2, 3):
            name = run[i:i + n]
            if len(name) < n or name[0] not in surnames() or not _name_chars_ok(name):
                continue
            word = freq(name) > 0 and not (tag(name) or "").startswith("nr")
            gain = 3 * (name in known) - 2 * word + (n == 3)
            if i + n not in best or best[i + n][0] < score + gain:
                best[i + n] = (score + gain, names + [name])
    return best.get(len(run), (0, None))[1]


def extract(doc: Doc) -> None:
    found = _Found(doc)
    _after_titles(doc, found)
    _before_titles(doc, found)
    _listed_before(doc, found)
    _appointed(doc, found)
    _speakers(doc, found)
    _after_roles(doc, found)
    _from_jieba(doc, found)
    _listed_with(doc, found)
    _run_of_names(doc, found)
    _prefer_short(doc, found)
    _emit(doc, found)


def settle(docs: list[Doc]) -> None:
    """A two-character name followed by the last character of a three-character name the
    page prints elsewhere is that name, cut short where its last character ran into the
    next word (副市长涂碧|波及…, 代市长杨济|时作… on a page that lists 涂碧波, 杨济时)."""
    whole = {m.text for d in docs for m in d.mentions if m.type == PERSON and len(m.text) == 3}
    if not whole:
        return
    for d in docs:
        for m in d.mentions:
            if m.type == PERSON and len(m.text) == 2 \
                    and m.text + d.text[m.end:m.end + 1] in whole:
                m.end += 1
                m.text = d.text[m.start:m.end]
        _titled(d)


def _titled(doc: Doc) -> None:
    """Link a person no title is linked to, to the titles written right before the name
    (代市长杨济时作…: a name a later step found, or one made whole)."""
    linked = {id(r.subject) for r in doc.relations if r.kind == "holds_title"}
    ends = {end: titles for titles, end in _title_groups(doc)}
    for p in doc.mentions:
        titles = ends.get(p.start) if p.type == PERSON and id(p) not in linked else None
        if titles:
            for t in titles:
                doc.relations.append(Relation("holds_title", p, t))
            if _kind(titles) != "other":
                p.attrs["kind"] = _kind(titles)
