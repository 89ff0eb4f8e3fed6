"""Person, place and organisation mentions from the statistical tagger (newsgraph.ner).

Runs after the rule steps for these kinds and reconciles the two. Thresholds were chosen
on the tagger's development set (MSRA test split, ``bench/external_ner.py --msra-dev``,
the conventions of People's Daily) and checked on the gold pages (``newsgraph eval``).

1. Which model spans count at all (``_wellformed``, ``_bounded``): names written in
   letters, outside book titles (persons and places there only when sure), starting and
   ending where jieba's words do unless sure, never ending inside a dictionary word that
   is no name (马克思 in 马克思主义). A one-character place is an abbreviation (京, 中, 美)
   that is sure or stands in a run of two or three of them (中美, 京津冀), and is named as
   the place it stands for; a one-character person is a surname before a post or an
   honorific (江主席, 李老), referring to the one person of that surname the text names.
2. Rule mentions from weak evidence that the model sees nothing of go (``_unseen``):
   organisations named only by a generic suffix (学校, 协会, 党委 after any words), persons
   only jieba proposed, places that cut a dictionary word (中国 in 发展中国家); and a rule
   place heading a rule organisation is part of the organisation's name, not a mention of
   its own (盘锦市 in 盘锦市教委).
3. Where a model span and rule mentions disagree (``_wins``), the model decides the
   boundaries and the type when the rules did not anchor their mention in the gazetteer:
   a longer model name replaces the rule mentions it covers (克林顿 over 林顿, 致公党中央
   over 致公党, 洛杉矶市 over 洛杉矶, 沈阳飞机厂 over 沈阳), a gazetteer place only when
   the place heads the organisation or the model is sure; a longer rule name stays
   (壶流河湿地公园 over 壶流河), but for a place before a generic word for its government
   (美国 in 美国政府: People's Daily marks only the place) and an organisation after words
   that are no part of its name (新闻出版署 in 见过新闻出版署).
4. Elsewhere a model span is added where it overlaps no mention, after filters for the
   model's slips on our pages (``_plausible``: dictionary words, names the places step let
   go or reads as adjectives (中国 in 中国特色), unsure persons without a surname, unsure
   places named by a common noun). Inside a post (a title mention) only places, surnames
   and names before the post (塞迪略 in 塞迪略总统) and the organisation a post names
   (外交部 in 外交部长) are added, and a name a post starts inside of when sure.

Model mentions carry ``source="model"``; persons get ``kind="other"``, places the
gazetteer's canonical ``name``, ``level`` and ``code`` where it resolves them.

Set ``NEWSGRAPH_NER=0`` in the environment (or ``ENABLED = False``) to turn the step off.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import cache

from newsgraph.extract.organizations import (
    adjective_led,
    committee_body,
    in_book_title,
    numbered_school,
    widen_titles,
)
from newsgraph.extract.persons import FOLLOW_ONE, PLACE_END, VILLAGE_AFTER, addressed
from newsgraph.extract.places import PROVINCE_ABBRS, country_in_word, place_kinds
from newsgraph.extract.titles import segmentation, surnames
from newsgraph.extract.titles import tag as word_tag
from newsgraph.lexicons import table, word_regex, word_set, words
from newsgraph.lexicons.gazetteer import Gazetteer
from newsgraph.model import ORGANIZATION, PERSON, PLACE, TITLE, Doc, Mention

REQUIRES = (PERSON, PLACE, ORGANIZATION)
ASSIGNS: tuple[str, ...] = ()

ENABLED = os.environ.get("NEWSGRAPH_NER", "1").strip().lower() not in ("0", "no", "off", "false")
KINDS = {"PER": PERSON, "LOC": PLACE, "ORG": ORGANIZATION}
NEVER = 2.0  # a threshold no probability reaches

# Model spans
MIN_PROB = {"PER": 0.2, "LOC": 0.65, "ORG": 0.5}  # lowest tag probability a span may have
MAX_LEN = {"PER": 16, "LOC": 20, "ORG": 30}
PER_MAX = 6  # ... a person's name without · (荣毅仁丁关根 is two names run together)
SURE = 0.8  # a two-character organisation needs this
PER_SURE = 0.7  # a person name without a known surname needs this
PER_TITLE_SURE = 0.7  # ... and one next to a post the person rules looked at and let go
POST_CUT_SURE = 0.8  # a name a post mention starts inside of needs this
SURNAME_SURE = 0.9  # a surname before a post or an honorific (江主席, 李老) needs this
BOUNDARIES_BELOW = 0.9  # a span must start and end on jieba word boundaries unless this sure
INNER_SURE = {"PER": NEVER, "LOC": 0.95, "ORG": 0.95}  # ... and end inside a dictionary word
BOOK_SURE = {"PER": 0.9, "LOC": 0.9, "ORG": NEVER}  # a name in a book title needs this
ONE_CHAR_LOC_SURE = 0.8  # a one-character place abbreviation on its own needs this ...
PAIR_PROB = 0.8  # ... or, in a run of two or three of them, each of them this
# a dictionary word that is no name is dropped unless this sure (十五大 is an organisation
# in People's Daily text; 太行, 黄芪 are no places or persons on our pages)
DICT_WORD_BELOW = {"PER": 0.9, "LOC": 0.95, "ORG": 0.9}
KNOWN_PLACE_SURE = 0.8  # a place name the places step saw and let go needs this
NOUN_END_BELOW = 0.9  # a less sure place must not end in a common noun (广场商场)

# Disagreements with rule mentions: the least probability with which a model span wins
COVER = {"PER": 0.5, "LOC": 0.5, "ORG": 0.6}  # a longer model name over rule mentions
COVER_ANCHORED = 0.9  # ... when one of them is a gazetteer place
GENERIC_HEAD = 0.5  # a place before a generic word for its government (美国 in 美国政府)
SUFFIX_SURE = 0.9  # an organisation ending a rule organisation (新闻出版署 in 见过新闻出版署)
RETYPE = 0.9  # a model span of the same extent but another kind (故宫博物院)
HEADED = 0.5  # an organisation whose name a rule place heads (沈阳飞机厂 over 沈阳)
CROSS = 0.9  # a span crossing rule mentions that are no gazetteer places
# rule organisations of these types (by their suffix) go when the model sees nothing there
WEAK_ORG_TYPES = frozenset(("other", "school", "association", "party"))

# One-character place abbreviations and the place they stand for: provinces as the
# gazetteer names them, countries and continents.
ABBREVIATIONS = {
    **dict(zip("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇藏陕甘陇青宁港澳台",
               ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江",
                "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
                "广东", "广西", "海南", "四川", "四川", "贵州", "云南", "西藏", "陕西",
                "甘肃", "甘肃", "青海", "宁夏", "香港", "澳门", "台湾"), strict=True)),
    **dict(zip("华中美日韩朝俄英法德意欧非印越泰巴加墨葡波",
               ("中国", "中国", "美国", "日本", "韩国", "朝鲜", "俄罗斯", "英国", "法国",
                "德国", "意大利", "欧洲", "非洲", "印度", "越南", "泰国", "巴基斯坦",
                "加拿大", "墨西哥", "葡萄牙", "波兰"), strict=True)),
}
# what jieba makes of a one-character abbreviation and the character after it when the
# abbreviation stands alone (华期, 京参: no word) or starts a name of places (京津, 中美)
_ABBR_ON = frozenset((None, "ns", "j"))
_NAME_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9·・]+")
# 省第十二次 (党代会), 中共十八 (大): a body's name ends in no ordinal nor number
_TERM_IN = re.compile(r"[0-9一二三四五六七八九十百]+届(?:人大|政协)$")
_ORDINAL_END = re.compile(r"(?:第[0-9０-９一二三四五六七八九十百零〇]+[次届]?"
                          r"|[一二三四五六七八九十]{2,3})$")
_NAME_TAGS = ("nr", "ns", "nt")
_HONORIFIC = re.compile("主席|总理|总统|书记|局长|部长|市长|县长|省长|主任|院长|经理|教授|先生|"
                        "女士|同志|老师|大夫|医生|师傅|老|氏|总")


@cache
def _gaz() -> Gazetteer:
    return Gazetteer.load()


def enabled() -> bool:
    return ENABLED


@cache
def _foreign() -> frozenset[str]:
    return frozenset(words("foreign_name_chars"))


@cache
def _generic_heads() -> re.Pattern:
    return word_regex("ner_generic_heads")


@cache
def _place_heads() -> frozenset[str]:
    return frozenset(row[0] for row in table("place_suffixes"))


@cache
def _known_orgs() -> frozenset[str]:
    return frozenset(row[0] for row in table("org_names"))


def _known_place(text: str) -> bool:
    """A name the places step knows: if it emitted nothing there, it rejected it on context
    (中国 in 中国特色), and the model must be sure to put it back."""
    from newsgraph.extract.places import is_place_name

    return is_place_name(text)


@cache
def _adjective_re() -> re.Pattern:
    return word_regex("place_adj_after")


def _adjective_at(doc: Doc, i: int) -> bool:
    """A word that makes the place before it an adjective (特色, 传统) starts at ``i``."""
    return _adjective_re().match(doc.norm, i) is not None


def _head_at(doc: Doc, i: int) -> int | None:
    """End of the generic government word (政府, 当局) that starts at ``i``, if one does."""
    m = _generic_heads().match(doc.norm, i)
    return m.end() if m else None


class _Words:
    """jieba's words of a document, asked about positions: where words start and end, and
    the positions inside a dictionary word that is no name (马克思 in 马克思主义), which a
    name never ends in, where an unknown word jieba made up (张倩说) may be cut."""

    def __init__(self, doc: Doc) -> None:
        seg = segmentation(doc)
        self.starts, self.tokens, self.n = seg.starts, seg.tokens, len(doc.norm)

    def _at(self, p: int) -> int:
        return bisect_right(self.starts, p) - 1

    def start(self, p: int) -> bool:
        i = self._at(p)
        return i >= 0 and self.starts[i] == p

    def end(self, p: int) -> bool:
        return p == self.n or self.start(p)

    def word_at(self, p: int) -> str:
        """The word starting at ``p``, else ""."""
        i = self._at(p)
        return self.tokens[i] if i >= 0 and self.starts[i] == p else ""

    def word_over(self, p: int) -> str:
        """The word ``p`` lies in."""
        i = self._at(p)
        return self.tokens[i] if i >= 0 else ""

    def inner(self, p: int) -> bool:
        i = self._at(p)
        if i < 0 or self.starts[i] == p or p >= self.n or len(self.tokens[i]) < 2:
            return False
        tag = word_tag(self.tokens[i])
        return tag is not None and not tag.startswith(_NAME_TAGS)

    def last(self, start: int, end: int) -> str:
        """The last of several words the span [start, end) consists of, else ""."""
        i = self._at(end - 1)
        if i < 0 or self.starts[i] <= start or self.starts[i] + len(self.tokens[i]) != end:
            return ""
        return self.tokens[i]


_TO_PLACE = frozenset("访来在驻赴抵离回返援进入出旅留")  # 访华, 赴京, 在华


def _abbreviation_read(norm: str, at: int) -> bool:
    """A one-character abbreviation reads as a place after a verb of going or being
    somewhere (访华, 赴京) or beside another abbreviation (中美, 京津); not at the head of a
    name (美芝精密, 津盛农商行, 京东)."""
    before, after = norm[at - 1:at], norm[at + 1:at + 2]
    return before in _TO_PLACE or before in ABBREVIATIONS or after in ABBREVIATIONS


def _wellformed(doc: Doc, sp, text: str) -> bool:
    """What any model span must be: a name written in letters, of a length its kind
    allows, outside book titles unless sure."""
    n = len(text)
    if n > MAX_LEN[sp.label] or not _NAME_CHAR.fullmatch(text):
        return False  # →坊城新村: a name is written in letters
    if sp.prob < BOOK_SURE[sp.label] and in_book_title(doc, sp.start, sp.end):
        return False  # 中国共产党 in 《中国共产党政法工作条例》
    if sp.label == "LOC" and n == 1:  # (not 华 of 华润, 华晨: a name the character starts)
        return text in ABBREVIATIONS and word_tag(doc.norm[sp.start:sp.start + 2]) in _ABBR_ON \
            and _abbreviation_read(doc.norm, sp.start)

    if sp.label == "LOC" and text.endswith(place_kinds()):
        return False  # 城中村, 阳高县中心村: a kind of place, not a place's name
    if sp.label == "PER":
        if text.startswith("·") or text.endswith("·") or _run_together(text):
            return False  # 夏都· (清凉夏都·醉美平城); 任希杰王明厚: two names in a headline
        if n == 1:
            after = _HONORIFIC.match(doc.norm, sp.end)  # 江主席, 李老, 邓先生; not 祝同志们
            return (sp.prob >= SURNAME_SURE and text in surnames() and after is not None
                    and doc.norm[after.end():after.end() + 1] != "们")
        return n >= 2 and (n <= PER_MAX or "·" in text)
    if sp.label == "ORG":
        if _ORDINAL_END.search(text) or _TERM_IN.search(text):
            return False  # 省第十二次 (党代会), 省十四届人大 (…五次会议): a session, no body
        return n >= 3 or (n == 2 and sp.prob >= SURE)
    return True


def _bounded(doc: Doc, sp, w: _Words, paired: set[int]) -> bool:
    """A name starts and ends where words do: fragments of words are the model's slips."""
    if sp.end - sp.start == 1:  # jieba's words hold abbreviations: 在京, 江主席
        if sp.label != "PER" and w.word_over(sp.start) in word_set("not_abbreviations"):
            return False  # 美 in 美丽乡村, 台 in 港澳台
        return sp.label == "PER" or sp.start in paired or sp.prob >= ONE_CHAR_LOC_SURE
    on_words = w.start(sp.start) and (w.end(sp.end) or (
        sp.label == "LOC" and _head_at(doc, sp.end) is not None) or (  # jieba's 加拿大政府
        sp.label == "ORG" and doc.norm[sp.end:sp.end + 1] == "长"))  # jieba's 外交部长
    if on_words:
        return True
    # a person's name may start inside a word (小张 in 小张倩), never end inside one
    inner = w.inner(sp.end) or (sp.label != "PER" and w.inner(sp.start))
    return sp.prob >= (INNER_SURE[sp.label] if inner else BOUNDARIES_BELOW)


def _runs_on(sp, text: str, w: _Words) -> bool:
    """A place the places step knows with the first character of the word after it (九江|
    安心): the model's slip, unless that character is a place's suffix (玉泉街|口)."""
    from newsgraph.extract.places import ends_place

    return sp.label == "LOC" and w.inner(sp.end) and any(
        _known_place(text[:k]) and w.end(sp.start + k) and not ends_place(text[k:])
        for k in range(2, len(text)))


def _plausible(doc: Doc, sp, text: str, titles: tuple[set[int], set[int]], w: _Words) -> bool:
    """Filters for the model's slips on our pages where no rule mention stands."""
    if sp.label == "LOC" and sp.prob < NOUN_END_BELOW and _ends_in_noun(w, sp):
        return False  # 广场商场, 古店物流园区铁路: a place is not named by a common noun
    if sp.label == "LOC" and _known_place(text) and (
            sp.prob < KNOWN_PLACE_SURE or _adjective_at(doc, sp.end)
            or country_in_word(doc.norm, sp.start, sp.end)):
        return False  # 中国 in 中国特色, 新中国: the places step's convention
    if sp.label == "LOC" and text in word_set("place_not_names"):
        return False  # 中华 of 中华民族: a people's or culture's name, on no map
    word = word_tag(text) if len(text) > 1 else None
    if (word is not None and not word.startswith(_NAME_TAGS)
            and sp.prob < DICT_WORD_BELOW[sp.label]):
        return False  # a dictionary word that is no name (黄芪)
    if sp.label == "ORG" and (adjective_led(text) or text in word_set("org_stopwords")):
        return False  # 新党支部; 人民政协 (the institution, no body named)
    if sp.label == "PER":
        if text in word_set("person_stopwords") and not (word or "").startswith("nr"):
            return False  # 嘉宾: a word the person rules never take for a name
        if len(text) == 2 and all(c in PROVINCE_ABBRS for c in text):
            return False  # 晋蒙之间: two provinces' one-character names, no person
        if addressed(text) or text in surnames() and addressed(
                doc.norm[sp.start:sp.end + 2]) or addressed(doc.norm[sp.start:sp.end + 3]):
            return False  # 徐大爷, 康女士 (or 康 of it): a surname, a word of address, no name
        if len(text) == 3 and text[1] == "家" and PLACE_END.search(text):
            return False  # 杨家窑, 刘家塔: a surname, 家 and a place's last word name a village
        if VILLAGE_AFTER.match(doc.norm, sp.end):
            return False  # 赵圪垛村: the name of a village
        if sp.start in titles[1] or sp.end in titles[0]:
            return sp.prob >= PER_TITLE_SURE  # next to a post the person rules let go
        s2 = doc.norm[sp.start:sp.start + 2]
        return (doc.norm[sp.start] in surnames() or s2 in surnames() or sp.prob >= PER_SURE
                or all(c in _foreign() or c == "·" for c in doc.norm[sp.start:sp.end]))
    return True


def _run_together(text: str) -> bool:
    """Two Chinese names printed without a break (任希杰王明厚): four to six characters, no
    ·, each part a surname and a one- or two-character given name, not all of them the
    characters of transliterated names."""
    names = surnames()
    return 4 <= len(text) <= 6 and "·" not in text and text[0] in names and any(
        text[k] in names and 2 <= len(text) - k <= 3 for k in (2, 3)) and not all(
        c in _foreign() for c in text)  # (麦克阿瑟, 费尔南德斯: a transliterated name)


def _ends_in_noun(w: _Words, sp) -> bool:
    """The span is words ending in a common noun that names no kind of place (商场, 铁路)."""
    word = w.last(sp.start, sp.end)
    tag = (word_tag(word) or "") if len(word) > 1 else ""
    return (tag.startswith("n") and not tag.startswith((*_NAME_TAGS, "nz"))
            and word not in _place_heads())


def _pairs(doc: Doc, found: list) -> set[int]:
    """Starts of one-character place spans standing in a run of two or three of them
    (中美, 中日韩, 京津) that is no other word."""
    one = {sp.start for sp in found if sp.label == "LOC" and sp.end - sp.start == 1
           and sp.prob >= PAIR_PROB and doc.norm[sp.start] in ABBREVIATIONS}
    out: set[int] = set()
    for s in sorted(one):
        if s - 1 in one:
            continue
        e = s
        while e in one:
            e += 1
        if not 2 <= e - s <= 3:
            continue
        word = word_tag(doc.norm[s:e])
        if word is not None and not word.startswith(("ns", "j")):
            continue
        out.update(range(s, e))
    return out


def _anchored(m: Mention) -> bool:
    """A rule mention the model replaces only when sure: a place the gazetteer resolved."""
    return m.type == PLACE and bool(m.attrs.get("code"))


def prepare(docs: list[Doc]) -> None:
    """Tag the texts of ``docs`` in one pass (:func:`newsgraph.ner.prepare`): the spans
    each gets alone, at a fraction of the cost of one pass each."""
    if ENABLED and docs:
        from newsgraph.ner import prepare as prepare_texts

        prepare_texts([d.text for d in docs if d.text])


def extract(doc: Doc) -> None:
    if not ENABLED or not doc.text:
        return
    from newsgraph.ner import tag

    found = tag(doc.text)
    posts = doc.of_type(TITLE)
    titles = ({t.start for t in posts}, {t.end for t in posts})
    w = _Words(doc)
    paired = _pairs(doc, found)
    least = min(MIN_PROB.values())
    rivals, cands = [], []  # spans that may replace rule mentions; spans that may be added
    for sp in found:
        if sp.prob < least:
            continue
        text = doc.text[sp.start:sp.end]
        if not _wellformed(doc, sp, text) or not _bounded(doc, sp, w, paired) \
                or _runs_on(sp, text, w):
            continue
        rivals.append(sp)
        if sp.prob >= MIN_PROB[sp.label] and _plausible(doc, sp, text, titles, w):
            cands.append(sp)
    _drop(doc, _nested_places(doc) | _unseen(doc, found, w))
    won = _override(doc, rivals)
    if won:
        cands = sorted(set(cands) | set(won), key=lambda sp: (sp.start, sp.end))
    _add(doc, cands)
    widen_titles(doc)  # a post in a body the model named: 上海中能集团董事长


def _add(doc: Doc, cands: list) -> None:
    """Add the model spans that overlap no mention (but the posts they may lie in)."""
    taken = bytearray(len(doc.text))
    for m in doc.mentions:
        if m.type != TITLE:
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    posts = _Spans(doc.of_type(TITLE))
    context = [m.attrs["code"] for m in doc.of_type(PLACE) if m.attrs.get("code")]
    by_surname: dict[str, set[str]] = {}
    for m in doc.of_type(PERSON):
        by_surname.setdefault(m.text[0], set()).add(m.text)
    for sp in cands:
        if any(taken[sp.start:sp.end]):
            continue
        if not all(_in_post(doc, sp, t) for t in posts.over(sp.start, sp.end)):
            continue
        text = doc.text[sp.start:sp.end]
        kind = KINDS[sp.label]
        if kind == PERSON:
            attrs = {"kind": "other", "source": "model"}
            if len(text) == 1:  # 江 (主席): the one person of that surname the text names
                full = {n for n in by_surname.get(text, ()) if len(n) > 1}
                if len(full) == 1:
                    attrs["refers_to"] = full.pop()
            doc.add(sp.start, sp.end, PERSON, **attrs)
            by_surname.setdefault(text[0], set()).add(text)
        elif kind == PLACE:
            full = ABBREVIATIONS.get(text, text) if len(text) == 1 else text
            attrs = {"name": full}
            div = _gaz().resolve(full, context)
            if div is not None and not _linkable(div, full, context, doc.home_city):
                div = None  # 华东 (地区): no 华东街道 of another province
            if div is not None:
                level = "city" if div.level == "province" and div.name.endswith("市") else div.level
                attrs = {"name": div.name, "level": level, "code": div.code}
                if div.lat is not None:
                    attrs["lat"], attrs["lon"] = div.lat, div.lon
            doc.add(sp.start, sp.end, PLACE, source="model", **attrs)
        else:  # (省民政厅党组 (书记): the committee stands for the body, 省民政厅)
            body = committee_body(doc.norm[sp.start:sp.end])
            doc.add(sp.start, sp.start + len(body) if body else sp.end, ORGANIZATION,
                    source="model")
        taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)


def _linkable(div, name: str, context: list[str], home: str) -> bool:
    """A township or village the model's place names only by its short form is that
    division only inside the text's places or the home city (a bare 华东 is a region,
    not the 华东街道 of some other province)."""
    if div.level not in ("township", "village") or name == div.name:
        return True
    gaz = _gaz()
    near = {*context, *(d.code for d in gaz.lookup(home)[:1])} if home else set(context)
    return any(d.code in near for d in gaz.ancestors(div))


class _Spans:
    """Mentions looked up by overlap with a span: sorted by start, searched by bisection."""

    def __init__(self, mentions: list) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]
        self.longest = max((m.end - m.start for m in self.items), default=0)

    def over(self, start: int, end: int) -> list:
        lo = bisect_right(self.starts, start - self.longest)
        hi = bisect_right(self.starts, end - 1)
        return [m for m in self.items[lo:hi] if start < m.end]


def _in_post(doc: Doc, sp, post: Mention) -> bool:
    """A model span inside a post: a place (中国驻美大使), or the organisation the post
    names when it is a ministry or a full name (外交部 in 外交部长, not 政法委 in 政法委书记:
    the organisations step leaves bare short forms in posts out)."""
    if sp.start < post.start < sp.end <= post.end:
        # the post starts inside the name (美中贸易全国委员会|主席 read as 委员会主席)
        return sp.label != "PER" and sp.prob >= POST_CUT_SURE
    if not (post.start <= sp.start and sp.end <= post.end):
        return False
    if sp.label == "LOC" or (sp.label == "PER" and sp.end - sp.start == 1):
        return True
    if sp.label == "PER":  # 塞迪略 in a post mention 塞迪略总统: a name before its post
        return sp.prob >= POST_CUT_SURE and _HONORIFIC.match(doc.norm, sp.end) is not None
    return sp.label == "ORG" and (sp.end - sp.start >= 5 or doc.norm[sp.end - 1] == "部")


def _drop(doc: Doc, drop: set[int]) -> None:
    """Remove the mentions with these ids, and the relations they take part in."""
    if drop:
        doc.mentions[:] = [m for m in doc.mentions if id(m) not in drop]
        doc.relations[:] = [r for r in doc.relations
                            if id(r.subject) not in drop and id(r.object) not in drop]


def _nested_places(doc: Doc) -> set[int]:
    """Rule places heading a rule organisation's name (盘锦市 in 盘锦市教委, 美国 in
    美国中国商会): part of that name, no mention of their own."""
    ends = {}
    for m in doc.mentions:
        if m.type == ORGANIZATION:
            ends[m.start] = max(ends.get(m.start, 0), m.end)
    return {id(m) for m in doc.mentions if m.type == PLACE and not m.attrs.get("source")
            and ends.get(m.start, 0) > m.end}


def _unseen(doc: Doc, found: list, w: _Words) -> set[int]:
    """Rule mentions from weak evidence where the model sees nothing at all: organisations
    of a generic type not in the lexicon (民族所, 五是学校), persons only jieba proposed
    (贺辞: the persons step marks them ``guessed``), places without a gazetteer entry that cut a
    dictionary word (中国 in 发展中国家)."""
    seen = bytearray(len(doc.text))
    for sp in found:
        seen[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    related = {id(r.subject) for r in doc.relations} | {id(r.object) for r in doc.relations}
    out = set()
    for m in doc.mentions:
        if m.type not in KINDS.values() or m.attrs.get("source") or any(seen[m.start:m.end]):
            continue
        if m.type == ORGANIZATION:
            weak = m.attrs.get("type") in WEAK_ORG_TYPES and m.text not in _known_orgs() and (
                not numbered_school(m.text))  # 大同一中: a pattern, no weak evidence
        elif m.type == PLACE:
            weak = not m.attrs.get("code") and (w.inner(m.start) or w.inner(m.end))
        else:
            weak = m.attrs.get("guessed", False) and id(m) not in related
        if weak:
            out.add(id(m))
    return out


def _override(doc: Doc, cands: list) -> list:
    """Drop the rule mentions a model span overlaps but does not match where the model
    wins (``_wins``); returns the spans that won, to be added in their place."""
    rule = _Spans([m for m in doc.mentions
                   if m.type in KINDS.values() and not m.attrs.get("source")])
    if not rule.items:
        return []
    drop: set[int] = set()
    won = []
    for sp in cands:
        over = rule.over(sp.start, sp.end)
        if not over or any(m.key == (sp.start, sp.end, KINDS[sp.label]) for m in over):
            continue
        if _wins(doc, sp, over):
            drop.update(id(m) for m in over)
            won.append(sp)
    _drop(doc, drop)
    return won


def _named_elsewhere(doc: Doc, person: Mention) -> bool:
    """The document names the person so at another place too."""
    return any(m.type == PERSON and m.text == person.text and m.start != person.start
               for m in doc.mentions)


def _wins(doc: Doc, sp, over: list) -> bool:
    """Whether the model span ``sp`` replaces the rule mentions ``over`` it overlaps."""
    anchored = any(_anchored(m) for m in over)
    if RETYPE is not None and all((m.start, m.end) == (sp.start, sp.end) for m in over):
        return not anchored and sp.prob >= RETYPE  # 故宫博物院: a place or a body?
    if sp.label == "PER" and len(over) == 1 and over[0].type == PERSON \
            and over[0].start == sp.start and (doc.norm[over[0].end:sp.end] in FOLLOW_ONE
                                               or _named_elsewhere(doc, over[0])):
        return False  # 李明处获悉: a name is not longer by a word that follows names; 吴伟来
        # 我市调研 (headline) and 常务副省长吴伟: the name the text confirms is not longer
    if all(sp.start <= m.start and m.end <= sp.end for m in over):
        # the model's name is as long or longer: 克林顿 over 林顿, 致公党中央 over 致公党
        if HEADED is not None and sp.label == "ORG" and all(m.type == PLACE for m in over) and any(
                m.start == sp.start for m in over):
            return sp.prob >= HEADED  # 墨西哥参议院, 沈阳飞机厂: a place heading a body's name
        return sp.prob >= (COVER_ANCHORED if anchored else COVER[sp.label])
    if len(over) == 1 and over[0].start <= sp.start and sp.end <= over[0].end:
        # the rule's name is longer, and it stays but for a place before a generic word
        # for its government and an organisation after words that are no part of its name
        m = over[0]
        if anchored or m.type != ORGANIZATION:
            return False
        if sp.label == "LOC" and _head_at(doc, sp.end) == m.end:
            return sp.prob >= GENERIC_HEAD  # 美国 in 美国政府, 特区 in 暨特区政府
        return sp.label == "ORG" and sp.end == m.end and sp.prob >= SUFFIX_SURE
    return not anchored and sp.prob >= CROSS
