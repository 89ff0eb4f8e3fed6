"""Place mentions: divisions from the gazetteer, named places it lacks, 我市/本市.

Three sources, merged longest-first:

* lexicon names — the gazetteer's divisions (full names; short forms of provinces and
  cities, and of counties whose city is in context), countries and their cities
  (``countries.tsv``), named regions (``regions.txt``) and well-known landmarks;
* text chains — a township or village printed right after its county or township
  (灵丘县独峪乡花塔村), enclosed by it;
* suffix names — a name ending in a place word from ``place_suffixes.tsv`` (…开发区,
  …广场, …北站, 109国道), its left edge found by walking back to punctuation or a word
  from ``place_stopwords.txt``; a short division name at its head stays in the name
  (灵丘经济技术开发区), a full one encloses it (阳高县 | 龙泉工业园区).

A zone keeps the full county name at its head (阳高县龙泉工业园区) unless what follows
starts with a place name of its own (云州区 | 大同黄花专业镇); a facility named by its
division alone keeps it (云州区游客中心). A one-character spot word of
``place_admin_tails.txt`` names a spot right after a full county or township name and
before a list break (浑源县凌云口、).

Not places: a country used as an adjective or inside a slogan or a name (中国特色, 新中国,
2025中国黑茶大会: ``country_in_word``), and a
place printed inside an organisation's or project's name — followed, in the same run of
name characters, by an organisation ending (org_suffixes.tsv) or a word of
``place_context_tails.txt`` (山西嘉源生物医药有限公司, 京东集团灵丘…基地项目).

Within a document a shorter named place that is the tail or an abridgement of a longer
one (农牧交错带示范区 -> 雁门关农牧交错带示范区), or the bracketed short form of one
(乌大张合作区 -> 蒙晋冀(乌大张)长城金三角合作区), takes the longer one's name.

Attrs: level, name (canonical), code, within (canonical name of the enclosing place),
lat/lon, and for gazetteer divisions ``ancestors``: the enclosing divisions up to the
province, nearest first, as (name, code, level, lat, lon) tuples. ``within`` relations
are added where the text shows the enclosure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import numpy as np

from newsgraph.extract.titles import freq, post_words, segmentation, tag
from newsgraph.lexicons import alternation, keyed_regex, table, word_regex, word_set, words
from newsgraph.lexicons.gazetteer import Division, Gazetteer
from newsgraph.model import PERSON, PLACE, TITLE, Doc, Mention, Relation
from newsgraph.resolve.names import abridges

REQUIRES = (PERSON, TITLE)  # names and posts hold no place (_blocked)
ASSIGNS = (PLACE,)

HOME_WORDS = ("我市", "本市")
_LEVEL_END = set("省市县")
_NOT_HOME_BEFORE = set("资成基根日样版")
_NOT_HOME_AFTER = set("场值民情")
_ZONE_WORDS = ("开发区", "园区", "管委会", "示范区", "类似", "直属", "办事处")
_NAME_CH = r"[\u4e00-\u9fff0-9A-Za-z()·“”\"]"
# the longest run of name characters (without digits: _WORD_RUN) ending where the search
# stops: _left_edge's walk back
_NAME_RUN = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()·“”\"]*\Z")
_WORD_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z()·“”\"]*\Z")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_ROAD = ("国道", "省道", "高速公路")
_ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+[届次期]")  # 第二届: an edition, no name
_DIRECTIONS = frozenset("上下进到过")  # after a verb: 爬上, 走进
_COUNT_HEAD = re.compile(r"^[一二三四五六七八九十两几多0-9A-Za-z]+[大个批类家座处级]")
_CLASSIFIERS = set("个批类家座处所条")
_DIGITS_BEFORE = re.compile(r"[0-9一二三四五六七八九十两几多]\Z")
_TOWN_RE = re.compile(r"([\u4e00-\u9fff]{1,4}?)(镇|乡|街道|苏木)")  # 苏木: a banner's
_GENERIC_END = set("站场馆园区点店所")
_PROJECT_TAIL = re.compile(r"[\u4e00-\u9fff0-9]{0,10}?项目")
_VILLAGE_RE = re.compile(r"([\u4e00-\u9fff]{1,4}?)(村|社区|嘎查)")
_NOT_IN_VILLAGE = set("的与在等各全本该每个其农乡山新美至到往")  # (县城至试马镇: from, to)
_ORG_TAIL = re.compile(r"[\u4e00-\u9fff·—-]{0,12}?(?:党|阵线|联盟|运动|大会|政府|大使馆|公司|集团"
                       r"|银行|协会|学会|学院|研究院|科学院|工程院|委员会)")
_CONTINENT_PART = re.compile(r"(?:东南|西南|东北|西北|[东南西北中])部?(?:非洲|欧洲|亚洲|美洲)")
_ABBRS = PROVINCE_ABBRS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔滇藏陕甘陇宁青新雄"
_ABBR_RUN = re.compile(rf"[{_ABBRS}]{{3,5}}(?:地区)?")


def inside_names(doc: Doc) -> frozenset[int]:
    """Offsets inside the names of places of three characters or more, where a stop word
    of another step is a part of the name (和 of 和顺县), not a word of the sentence;
    我市 and 全市 are words."""
    return frozenset(k for p in doc.of_type(PLACE) if p.end - p.start >= 3
                     for k in range(p.start, p.end))


@cache
def _adj_re() -> re.Pattern:
    return re.compile(alternation(words("place_adj_after")))


@cache
def _adj_before_re() -> re.Pattern:
    return re.compile(f"(?:{alternation(words('place_adj_before'))})$")


_NAME_LEAD = re.compile(r"(?:\d{4}|第[一二三四五六七八九十\d]+届)$")  # 2025|中国黑茶大会
_AFTER_COUNTRY = re.compile(r"\d+强|人(?!民)")  # 中国500强; 中国人 (not 中国人民)
_QUOTED_TITLE = re.compile(r"[^“”\n]{1,8}”")  # “中国|花谷”, “中国|杂粮之都”


def country_in_word(norm: str, start: int, end: int) -> bool:
    """A country's name at ``norm[start:end]`` that is part of a word, a slogan or a
    name, not the country itself: an adjective (中国特色, ``place_adj_after.txt``; 中国人,
    but not 中国人民), after an era's or slogan's word (新中国, 健康中国,
    ``place_adj_before.txt``), at the head of a name after its year or edition
    (2025中国黑茶大会), a ranking (中国500强),
    or an honorific title in quotation marks (“中国花谷”)."""
    place = _lexicon()[0].get(norm[start:end])
    if place is None or place.level != "country":
        return False
    return bool(_adj_re().match(norm, end)
                or _adj_before_re().search(norm, max(0, start - 4), start)
                or _NAME_LEAD.search(norm, max(0, start - 8), start)
                or _AFTER_COUNTRY.match(norm, end)
                or (norm[start - 1:start] == "“" and _QUOTED_TITLE.match(norm, end)))


@cache
def _admin_tail_re() -> re.Pattern:
    tails = "".join(words("place_admin_tails"))
    return re.compile(rf"([\u4e00-\u9fff]{{2,3}}?)([{tails}])(?=[、，,。；;→/\s]|等)")


# Organisation endings that also end places and facilities (数据中心, 会展中心).
_NOT_ORG_TAILS = frozenset({"中心"})


@cache
def _org_tail_re() -> re.Pattern:
    return re.compile(alternation([row[0] for row in table("org_suffixes")
                                   if len(row[0]) >= 2 and row[0] not in _NOT_ORG_TAILS]))


@cache
def _project_tail_re() -> re.Pattern:
    return re.compile(alternation(words("place_context_tails")))


@dataclass(frozen=True)
class Place:
    """What the lexicon knows about a name."""

    name: str
    level: str
    code: str = ""
    within: str = ""
    lat: float | None = None
    lon: float | None = None
    div: Division | None = None  # for gazetteer names: resolved per document
    short_of: str = ""  # "county" for a county's short form: needs its city in context
    suffix: str = ""  # for suffix names: the place word it ends in
    head: str = ""  # for suffix names: the division name printed at its head


@cache
def _gaz() -> Gazetteer:
    return Gazetteer.load()


def _level(div: Division) -> str:
    if div.level == "province" and div.name.endswith("市"):
        return "city"  # 北京市, 上海市: municipalities read as cities
    return div.level


@cache
def _div_place(div: Division) -> Place:
    parent = _gaz().parent(div)
    return Place(div.name, _level(div), div.code, parent.name if parent else "",
                 div.lat, div.lon, div)


def _gazetteer_forms(out: dict[str, Place]) -> None:
    stop = set(words("place_short_stop"))
    for div in _gaz():
        full_ok = len(div.name) >= 3 or div.level != "township"
        if div.level == "township" and any(w in div.name for w in _ZONE_WORDS):
            continue
        if full_ok:
            out.setdefault(div.name, _div_place(div))
        if div.level == "township" or len(div.short) < 2 or div.short in stop:
            continue
        for form in div.kind_forms:  # 湘西自治州, 湘西州 for 湘西土家族苗族自治州
            out.setdefault(form, _div_place(div))
        short_of = "county" if div.level == "county" else ""
        out.setdefault(div.short, replace(_div_place(div), short_of=short_of))


def _world_forms(out: dict[str, Place]) -> None:
    stop = set(words("place_short_stop"))
    for row in table("countries"):
        country, full, continent = row[0], row[1], row[2]
        if country in stop:
            continue
        out[country] = Place(country, "country", within=continent)
        out.setdefault(full, Place(country, "country", within=continent))
        if country == "中国":
            continue
        for city in [row[3], *row[4].split("/")] if len(row) > 4 else row[3:4]:
            if len(city) >= 2 and city not in stop:
                out.setdefault(city, Place(city, "city", within=country))
    for name in words("regions"):
        out[name] = Place(name, "region")
    for row in table("landmarks"):
        out[row[0]] = Place(row[0], row[1], within=row[2] if len(row) > 2 else "")


@cache
def _lexicon() -> tuple[dict[str, Place], frozenset[str]]:
    """The names, and every proper prefix of a name (the scan extends a match while the
    text read so far is one: one or two set look-ups per position)."""
    names: dict[str, Place] = {}
    _gazetteer_forms(names)
    _world_forms(names)
    prefixes = {name[:k] for name in names for k in range(1, len(name))}
    return names, frozenset(prefixes)


def is_place_name(text: str) -> bool:
    """A name the places lexicon holds (gazetteer, countries, regions, landmarks)."""
    return text in _lexicon()[0]


def _suffixes() -> tuple[re.Pattern, dict[str, str]]:
    return keyed_regex("place_suffixes")


_STREET_ENDS = ("路", "街", "巷", "道")  # the one-character ends of streets' names


def ends_place(word: str) -> bool:
    """``word`` ends a place's name: a suffix of the lexicon's (公园, 街区) or a street's
    (路, 街)."""
    return word in _suffixes()[1] or word in _STREET_ENDS


def _stop_re() -> re.Pattern:
    return word_regex("place_stopwords")


@dataclass
class _Cand:
    start: int
    end: int
    place: Place
    encloser: _Cand | None = None  # the place printed right before, enclosing this one


_SCREEN_BITS = 19


_SHORT_TEXT = 64  # shorter texts are screened in Python, longer ones with numpy


@cache
def _starts() -> tuple[np.ndarray, np.ndarray, frozenset[str], bool]:
    """The lexicon names' first two characters as sorted 42-bit keys (code point pairs), a
    table of their hashes' top bits to screen a text's pairs before looking them up, the
    same pairs as strings, and whether every name has two characters or more: then a name
    can start only where the text's next two characters are such a pair."""
    names = _lexicon()[0]
    firsts = frozenset(n[:2] for n in names if len(n) >= 2)
    keys = np.array(sorted({_pair_key(ord(f[0]), ord(f[1])) for f in firsts}), dtype=np.int64)
    screen = np.zeros(1 << _SCREEN_BITS, dtype=bool)
    screen[_screen_slot(keys)] = True
    return keys, screen, firsts, all(len(n) >= 2 for n in names)


def _pair_key(a, b):
    return (a << 21) | b


def _screen_slot(keys: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = keys.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return (h >> np.uint64(64 - _SCREEN_BITS)).astype(np.intp)


def _scan(norm: str) -> list[_Cand]:
    """Leftmost-longest lexicon matches."""
    names, prefixes = _lexicon()
    get = names.get
    out, n = [], len(norm)
    keys, screen, firsts, two = _starts()
    if two and n < _SHORT_TEXT:
        positions = [i for i in range(n - 1) if norm[i:i + 2] in firsts]
    elif two:
        # only the positions whose two characters begin a name can start one
        cp = np.frombuffer(norm.encode("utf-32-le", "surrogatepass"), np.uint32).astype(np.int64)
        pair = _pair_key(cp[:-1], cp[1:])
        maybe = np.flatnonzero(screen.take(_screen_slot(pair)))
        pair = pair.take(maybe)
        at = np.minimum(np.searchsorted(keys, pair), len(keys) - 1)
        positions = maybe[keys.take(at) == pair].tolist()
    else:
        positions = range(n)
    i = 0
    for i0 in positions:
        if i0 < i:
            continue  # inside the last match
        i = i0
        # every name has two characters or more: the first one is a prefix, no name
        j, best = (i + 2 if two else i + 1), None
        while j <= n:
            piece = norm[i:j]
            place = get(piece)
            if place is not None:
                best = (j, place)
            if piece not in prefixes:
                break
            j += 1
        if best is not None:
            out.append(_Cand(i, best[0], best[1]))
            i = best[0]
    return out


def _run_on(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Without the divisions named in full whose end is inside a word that goes on past
    it: a two-character name's suffix starting the word (和县 of 地市和县级城市: 县级 is
    the word, no county is named), or a longer name's last two characters (地城镇 of
    就地城镇化; not 灵丘县 of 灵丘县城). Short forms stay (大同 of 大同年)."""
    seg = segmentation(doc)
    out = []
    for c in cands:
        if c.place.div and doc.norm[c.start:c.end] == c.place.name:
            i = seg.index_at(c.end - 1)
            tok = seg.tokens[i] if i >= 0 else ""
            at = seg.starts[i] if i >= 0 else -1
            inside = at == c.end - 1 if c.end - c.start == 2 else c.start < at < c.end - 1
            if inside and at + len(tok) > c.end and freq(tok) > 0 and not (
                    (tag(tok) or "").startswith("ns")):
                continue
        out.append(c)
    return out


def _resolve(cands: list[_Cand], home: str, norm: str) -> list[_Cand]:
    """Pick one division per gazetteer name, using the document's unambiguous ones."""
    gaz = _gaz()
    context = {c.place.code for c in cands
               if c.place.div and len(gaz.lookup(norm[c.start:c.end])) == 1}
    context.update(d.code for d in gaz.lookup(home)[:1])
    out = []
    heads = {c.end for c in cands if c.place.div}
    for c in cands:
        if c.place.div is None:
            out.append(c)
            continue
        if norm[c.start:c.end] in word_set("division_words") and c.start not in heads:
            continue  # 城区人口, 南郊区: a common word, or the tail of an unknown name
        div = gaz.resolve(norm[c.start:c.end], context)
        if div is None:
            continue
        lineage = {div.code, *(d.code for d in gaz.ancestors(div))}
        if c.place.short_of and not lineage & context - {div.code}:
            continue  # a county's short form far from the page's places: likely a word
        out.append(_Cand(c.start, c.end, _div_place(div)))
    return out


def _chain(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """Townships and villages printed right after their county or township; spots
    (凌云口) right after a full county or township name."""
    out = []
    starts = {c.start for c in cands}
    for c in cands:
        if c.place.level in ("county", "township") and norm[c.start:c.end] == c.place.name:
            m = _admin_tail_re().match(norm, c.end)
            if m and not set(m.group(1)) & _NOT_IN_VILLAGE and c.end not in starts:
                out.append(_Cand(m.start(), m.end(), Place(m.group(), "landmark",
                                                           within=c.place.name), encloser=c))
        prev = c
        for level, rx in (("township", _TOWN_RE), ("village", _VILLAGE_RE)):
            if prev.place.level not in ("county", "township") or level == "township" and \
                    prev.place.level == "township":
                continue
            m = rx.match(norm, prev.end)
            if not m or set(m.group(1)) & _NOT_IN_VILLAGE or m.group() in place_kinds():
                continue
            if level == "township" and any(x.start == m.start() for x in cands):
                break
            nxt = _Cand(m.start(), m.end(), Place(m.group(), level, within=prev.place.name),
                        encloser=prev)
            out.append(nxt)
            prev = nxt
    return out


def _left_edge(norm: str, end: int, road: bool) -> int:
    """Where a name ending at ``end`` begins: after punctuation or a stop word."""
    i = (_NAME_RUN if road else _WORD_RUN).search(norm, max(0, end - 16), end).start()
    chunk = norm[i:end]
    cut = 0
    for m in _stop_re().finditer(chunk):
        cut = max(cut, m.end())
    start = i + cut
    while start < end and norm[start] in "·)":
        start += 1
    return start


def _suffix_names(doc: Doc, lex: list[_Cand]) -> list[_Cand]:
    norm = doc.norm
    rx, levels = _suffixes()
    lex = sorted(lex, key=lambda c: c.start)
    starts = [c.start for c in lex]
    lex_starts = set(starts)
    out = []
    for m in rx.finditer(norm):
        suffix = m.group()
        if len(suffix) == 1 and _HAN.match(norm[m.end():m.end() + 1] or " ") \
                and norm[m.end()] in "区村道流泊水上下脚间坡顶沟谷河海川林野":
            continue
        if len(suffix) == 1 and m.start() in lex_starts:
            continue  # 竹馨居河南省: 河 starts a name the lexicon knows, it ends none
        if len(suffix) == 1 and _inside_word(segmentation(doc), m.start()):
            continue  # 湖光山色: 山 inside one of jieba's words ends no name
        if len(suffix) == 1 and _starts_word(segmentation(doc).token_at(m.start())):
            continue  # 展现|湖湘文化: 湖 starts one of jieba's words, it ends no name
        if suffix == "山" and norm[m.end():m.end() + 1] in ("西", "东"):
            continue  # 连通山西: 山 starts a province's name, it ends none
        before = bisect_left(starts, m.start())  # lexicon names starting before the suffix
        if len(suffix) == 1 and any(c.end == m.end() and c.place.div
                                    for c in lex[bisect_left(starts, m.start() - 8):before]):
            continue  # 不少唐山皮影, 2025年唐山市: 山 ends a division's name, no other
        start = _left_edge(norm, m.start(), suffix in _ROAD)
        if norm[start:start + 1] == "以" and start + 1 in lex_starts:
            start += 1  # 以黄河碛口古镇为代表: the preposition before a known place
        inside = lex[bisect_left(starts, start):before]
        if any(c.end == m.end() and start < c.start and norm[c.start - 1] == "沿"
               for c in inside):
            continue  # 邀请沿黄河8省: along a known river, no longer name
        heads = tuple(c.end for c in inside)
        sights = levels[suffix] in ("landmark", "natural")  # zones are named with verbs
        start = _after_verbs(doc, start, m.start(), suffix, heads if sights else ())
        start = _proper_start(doc, start, m.end(), suffix)
        if (sights or levels[suffix] == "village") and not _street(suffix) and _verb_before(
                doc, start, m.start(), len(suffix) == 1, heads):
            continue  # 感受长城, 也会损坏长城, 爬上长城: the verb's object, no place
        if segmentation(doc).token_at(m.start() - 1) == "进" + suffix:
            continue  # 集市进社区 (jieba's one word 进社区): the word's object, no place
        if norm[start:start + 1] in _CLASSIFIERS and _DIGITS_BEFORE.search(norm, 0, start):
            continue  # 23家A级旅游景区: a count of places, no place
        near = lex[bisect_left(starts, start):bisect_left(starts, m.start())]
        cand = _suffix_cand(norm, start, m, levels[suffix], near)
        if cand and not _kind_of_place(doc, cand, m.start()):
            out.append(cand)
    return out


# what a place's one-character suffix may start a word with (龙马|湖畔, 湖区, 山顶)
_SUFFIX_GOES_ON = frozenset("畔边岸区心底面中里上下内外景滨顶脚腰间")


def _starts_word(tok: str) -> bool:
    """``tok``, starting with a place's one-character suffix, is a dictionary word of its
    own that the suffix does not end a name before (湖湘, not 湖畔)."""
    return len(tok) > 1 and freq(tok) > 0 and tok[1] not in _SUFFIX_GOES_ON


def _inside_word(seg, at: int) -> bool:
    """The character at ``at`` stands inside a dictionary word of three or more
    characters that names no place (湖光山色), neither its first nor its last."""
    i = seg.index_at(at)
    if i < 0 or len(seg.tokens[i]) < 3:
        return False
    tok = seg.tokens[i]
    return seg.starts[i] < at < seg.starts[i] + len(tok) - 1 and freq(tok) > 0 and not (
        (tag(tok) or "").startswith("ns"))


def _kind_of_place(doc: Doc, cand: _Cand, at: int) -> bool:
    """A facility named by one common word before its suffix, no place before it: a kind
    of place (旅游景区, 收费广场, 商业步行街), no name."""
    if cand.place.head or cand.start >= at or cand.place.level != "landmark":
        return False  # (a zone is named by its trade: 生物产业园)
    core = doc.norm[cand.start:at]
    return (segmentation(doc).token_at(cand.start) == core and tag(core) in ("n", "vn", "v")
            and freq(core) >= COMMON_CORE)


COMMON_CORE = 5000  # jieba frequency of a word so common it names a kind (旅游, 商业)
# zones a city paper names by their kind alone: its city's (位于经开区的…, 经开区城管局)
_BARE_ZONES = frozenset(("经开区", "高新区"))


def _suffix_cand(norm, start, m, level, lex) -> _Cand | None:
    inside = sorted((c for c in lex if start <= c.start and c.end <= m.start()),
                    key=lambda c: c.start)
    head = inside[-1] if inside and "“" not in norm[start:inside[-1].start] else None
    full = head and norm[head.start:head.end] == head.place.name
    admin = head and (head.place.div or head.place.level in ("township", "village"))
    own_start = start
    if full and admin and m.start() - head.end >= 2 and not _bad_core(
            norm[head.end:m.start()], level) and _split_at_head(norm, head, level, lex):
        start = own_start = head.end  # 阳高县 | 壶流河湿地公园: the full division encloses it
    elif admin:
        start, own_start = head.start, head.end  # 灵丘经济技术开发区, 云州区游客中心
    own = norm[own_start:m.start()]
    if _bad_core(own, level):
        inner = [x for x in _suffixes()[0].finditer(own) if len(x.group()) > 1]
        last = inner[-1] if inner else None
        if last and len(own) - last.end() >= 2 and (not admin or (
                not last.start() and _suffixes()[1][last.group()] == "landmark")):
            # 大同古城 | 东南邑历史文化街区 (after a division: a landmark right after it)
            start = own_start = own_start + last.end()
            own = norm[own_start:m.start()]
            admin = head = None  # (大同 | 古城: the division heads the place before)
    if not own and not admin and m.group() in _BARE_ZONES:
        return _Cand(m.start(), m.end(), Place(m.group(), level, suffix=m.group()))
    max_core = 3 if len(m.group()) == 1 else 14
    if admin and not own and (not full or head.place.level in ("county", "city", "township")):
        if len(m.group()) == 1:
            return None
        # 云州区游客中心, 大同美术馆: a facility named by its division alone
    elif not 2 <= len(own) + (own_start - start if len(m.group()) > 1 else 0) or \
            len(own.replace("“", "").replace("”", "")) > max_core or _bad_core(own, level):
        return None
    if m.group() in _headed() and not admin:
        return None  # 浑源古城, 灵丘大数据专业镇: these words name a place only after one
    if _PROJECT_TAIL.match(norm, m.end()):
        return None
    name = norm[start:m.end()]
    if len(m.group()) == 1 and norm[m.start() - 1:m.end()] in _suffix_nouns():
        return None  # 语文课堂: 课堂 is a common noun
    if name in _false() or norm[own_start:m.end()] in place_kinds():
        return None  # (爱国主义教育基地: a title places are given)
    if not admin and own[-1:] in _LEVEL_END:
        return None  # 命名市博物馆: no place is named by a word run into 市
    within = head.place.name if head and head.place.div else ""
    canon = name
    if admin and not full and level in ("landmark", "natural") and len(own) >= 2:
        canon = name[head.end - start:]  # 广灵白羊峪 is 白羊峪 in 广灵县
    return _Cand(start, m.end(), Place(canon, level, within=within, suffix=m.group(),
                                       head=norm[head.start:head.end] if admin else ""))


@cache
def _suffix_nouns() -> frozenset[str]:
    return word_set("place_suffix_nouns")


@cache
def _headed() -> frozenset[str]:
    return frozenset(words("place_headed_suffixes"))


def _split_at_head(norm: str, head: _Cand, level: str, lex: list[_Cand]) -> bool:
    """A zone is named with its county (阳高县龙泉工业园区) unless its own name starts
    with a place (云州区 | 大同黄花专业镇); other places stand apart from it."""
    return level != "zone" or any(c.start == head.end for c in lex)


@cache
def place_kinds() -> tuple[str, ...]:
    """Words for a kind of place (贫困村, 城中村): never a place's name."""
    return tuple(words("place_kinds"))


@cache
def _false() -> frozenset[str]:
    return frozenset(words("place_short_stop"))


@lru_cache(maxsize=1 << 16)  # the same words come again and again
def _bad_core(core: str, level: str = "") -> bool:
    if not core:
        return True
    rx, levels = _suffixes()
    for x in rx.finditer(core):
        # 蒙晋冀(乌大张)长城金三角合作区: a landmark word may stand inside a zone's name,
        # and a street inside a community's (红专南路社区)
        if level == "village" and _street(x.group()):
            continue
        if len(x.group()) > 1 and (level not in ("zone", "region") or
                                   levels[x.group()] in ("zone", "region")):
            return True
    if core in _false() and level != "natural":  # 永定河: a short-form word before 河
        return True
    return bool(_COUNT_HEAD.match(core) or _ORDINAL.search(core) or core[-1] in _GENERIC_END
                or core.count("“") != core.count("”") or core.count("(") != core.count(")"))


def _extra_regions(norm: str) -> list[_Cand]:
    out = []
    for rx in (_CONTINENT_PART, _ABBR_RUN):
        for m in rx.finditer(norm):
            core = m.group().removesuffix("地区")
            if len(set(core)) == len(core) and norm[m.end():m.end() + 1] != "(":
                out.append(_Cand(m.start(), m.end(), Place(m.group(), "region")))
    return out


_RAIL_CONTEXT = re.compile(r"列车|高铁|动车|铁路|车站|站台|车次|线路")
_STATION_NEXT = re.compile(r"站|[、，,。;；]|开往|到达|驶往|出发|始发|终到|至|的")
_SENTENCE_CUT = re.compile(r"[。！？!?\n]")


def _stations(norm: str, lex: list[_Cand]) -> list[_Cand]:
    """Railway stations named by a place and a direction (朔州东站; 途经山阴南、应县西…到达
    呼和浩特东, in a sentence about trains): the station, not the place."""
    out = []
    for c in lex:
        direction = norm[c.end:c.end + 1]
        if not direction or direction not in "东西南北" or not c.place.div:
            continue
        nxt = _STATION_NEXT.match(norm, c.end + 1)
        if nxt is None and c.end + 1 < len(norm):
            continue
        named = nxt is not None and nxt.group() == "站"
        if not named:
            left = max((m.end() for m in _SENTENCE_CUT.finditer(norm, 0, c.start)), default=0)
            right = _SENTENCE_CUT.search(norm, c.end)
            if not _RAIL_CONTEXT.search(norm, left, right.start() if right else len(norm)):
                continue
        end = c.end + 2 if named else c.end + 1
        name = norm[c.start:c.end + 1] + "站"
        out.append(_Cand(c.start, end, Place(name, "landmark", suffix="站")))
    return out


# a street of two characters and 路 or 街, where the text says it is one: after 位于, 市区
# … (位于市区金雀路的面馆), or before a house number, a crossing street or a side
_STREET = re.compile(r"(?:(?<=位于|市区|城区|县城|家住|住在|地处|沿着)|(?<=坐落于))"
                     r"([\u4e00-\u9fff]{2})([路街])"
                     r"|([\u4e00-\u9fff]{2})([路街])(?=\d+号|与[\u4e00-\u9fff]{2,4}[路街]|交叉口"
                     r"|[东西南北]段|沿线|两侧)")
_STREET_END = re.compile(r"[路街]")
_DIR_STREET = re.compile(r"([\u4e00-\u9fff]{2})[东西南北中][路街]")  # 振兴东路, 胜利西路
_NOT_IN_STREET = set("之的条这那此各全在于与和及是为了着过到")


def _streets(doc: Doc) -> list[_Cand]:
    """Streets named by two characters and 路 or 街 (金雀路, 富水街) where the text says
    they are streets (see ``_STREET``), starting where one of jieba's words does (not
    速公路 of 高速公路沿线)."""
    norm, seg = doc.norm, segmentation(doc)
    out = []
    for k in (x.start() for x in _STREET_END.finditer(norm)):
        m = _STREET.match(norm, k - 2) if k >= 2 else None  # (its lookbehinds see before)
        if m is None:
            m = _DIR_STREET.match(norm, k - 3) if k >= 3 else None
        if m is None:
            continue
        core = m.group(1) or m.group(3)
        if set(core) & _NOT_IN_STREET or seg.starts[seg.index_at(m.start())] != m.start():
            continue
        if tag(m.group()) == "n":
            continue  # 主干路, 水泥路, 商业街: a kind of road (解放路 nz, 中山路 ns are names)
        out.append(_Cand(m.start(), m.end(), Place(m.group(), "landmark", suffix=m.group()[-1])))
    return out


def _home(norm: str, home: str) -> list[_Cand]:
    if not home:
        return []
    divs = _gaz().lookup(home)
    place = _div_place(divs[0]) if divs else Place(home, "city")
    return [_Cand(m.start(), m.end(), place) for m in re.finditer("|".join(HOME_WORDS), norm)
            if norm[m.start() - 1:m.start()] not in _NOT_HOME_BEFORE
            and norm[m.end():m.end() + 1] not in _NOT_HOME_AFTER]  # 资本市场, 基本市情


def _blocked(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Drop places inside person names or a post's own word, and countries that head a
    party's name."""
    persons = [(m.start, m.end) for m in doc.of_type(PERSON)]
    posts = [(s, e) for _title, s, e in post_words(doc)]
    out = []
    for c in cands:
        if any(s < c.end and c.start < e for s, e in persons):
            continue
        if any(s < c.end and c.start < e for s, e in posts):
            continue  # 代县长 (the acting county head): no 代县 in the post's own word
        if c.place.level == "country" and (_ORG_TAIL.match(doc.norm, c.end)
                                           or country_in_word(doc.norm, c.start, c.end)):
            continue
        if c.place.level == "country" and c.end - c.start == 2 and _cuts_word(doc, c):
            continue  # 沿海地区: 海地 (Haiti) lies across two words
        if _in_idiom(doc, c):
            continue  # 天南海北: no 南海 in the idiom
        if (c.end - c.start <= 3 and doc.norm[c.start:c.end] != c.place.name
                and c.place.name != doc.home_city and _straddles(doc, c)):
            continue  # 走上|街头: no 上街 (a short form, across two words; not 强大|同文旅)
        out.append(c)
    return out


def _street(suffix: str) -> bool:
    return suffix.endswith(("路", "街")) or suffix == "大道"


_COMMON_TAGS = frozenset(("n", "vn", "uv", "uj", "ul"))


def _proper_start(doc: Doc, start: int, end: int, suffix: str) -> int:
    """A place's name jieba knows as one word, after common words that describe it
    (代表性建筑|云冈石窟, 取景|地|云冈石窟): the name starts with that word."""
    seg = segmentation(doc)
    k = seg.index_at(end - 1)
    word = seg.tokens[k] if k >= 0 else ""
    at = seg.starts[k] if k >= 0 else start
    if (at <= start or at + len(word) != end or len(word) < len(suffix) + 1
            or not (tag(word) or "").startswith("ns")):
        return start
    before = range(seg.index_at(start), k)
    if len(word) == len(suffix) + 1:  # 登|泰山 (not 北岳|恒山, 荆紫|仙山: a name's part)
        tags = [tag(seg.tokens[j]) for j in before if seg.starts[j] >= start]
        return at if tags and all(t == "v" for t in tags) else start
    if any(tag(seg.tokens[j]) in _COMMON_TAGS for j in before if seg.starts[j] >= start):
        return at
    return start


_ALONG = frozenset("沿在从往向于到")  # prepositions whose object a landmark is


def _verb_before(doc: Doc, start: int, end: int, one_char: bool,
                 heads: tuple[int, ...]) -> bool:
    """jieba's word right before ``end``, after ``start``, is a verb (maybe with a
    direction after it: 爬|上), and not the whole name before a one-character suffix
    (得胜堡, 新荣区得胜堡: ``heads``, where places end)."""
    seg = segmentation(doc)
    k = seg.index_at(end - 1)
    if k < 0 or seg.starts[k] + len(seg.tokens[k]) != end or seg.starts[k] < start:
        return False
    if (seg.tokens[k] in _DIRECTIONS and k and seg.starts[k - 1] >= start
            and tag(seg.tokens[k - 1]) == "v"):
        k -= 1  # 爬|上 (but 文艺|进|景区: 进 is the verb)
    if one_char and (seg.starts[k] == start or seg.starts[k] in heads):
        return False
    return tag(seg.tokens[k]) == "v" or seg.tokens[k] in _ALONG  # 游客沿|长城


def _adverbial(word: str) -> bool:
    """An adverb of jieba's, or a one-character verb (要, 会, 能)."""
    t = tag(word)
    return t == "d" or (len(word) == 1 and t == "v")


def _after_verbs(doc: Doc, start: int, core_end: int, suffix: str,
                 heads: tuple[int, ...] = ()) -> int:
    """Where a suffix's name begins once a verb of jieba's that leads it is left out, with
    what comes before: a verb at its start (maybe after adverbs), right after a quote or
    right after a place (``heads``: where places end) (治理|省道249线, 要进一步增强|园区,
    要“用心用力”抓好|草原天路, 大同市促进|博物馆发展条例), any verb before a
    one-character suffix (开往|得胜堡), or a verb the particle 着 follows (这标志着|
    开发区). What is left may name nothing. Streets are named with verbs (解放路, 振兴街),
    and so is a one-character suffix's place whose name is the verb alone (得胜堡)."""
    if _street(suffix):
        return start
    norm, seg = doc.norm, segmentation(doc)
    new = start
    if len(suffix) == 1:  # a short name: any verb before it is none of it
        at = seg.starts[seg.index_at(start):seg.index_at(core_end - 1) + 1]
    else:
        lead = start  # after adverbs and auxiliaries: 要|进一步|增强|园区
        while lead < core_end:
            k = seg.index_at(lead)
            if seg.starts[k] != lead or not _adverbial(seg.tokens[k]):
                break
            lead += len(seg.tokens[k])
        at = sorted({start, lead, *(k + 1 for k in range(start, core_end) if norm[k] == "”"),
                     *heads})
    for i in at:
        k = seg.index_at(i)
        word = seg.tokens[k]
        end = i + len(word)
        if seg.starts[k] != i or len(word) < 2 or end > core_end or i < new:
            continue
        if tag(word) == "v" and not (len(suffix) == 1 and end == core_end):
            new = end
    for k in range(seg.index_at(new), seg.index_at(core_end - 1) + 1):
        if seg.tokens[k] == "着" and seg.starts[k] >= new:
            new = seg.starts[k] + 1
    return new


def _cuts_word(doc: Doc, c: _Cand) -> bool:
    """A word of jieba's that starts before the name holds its first character (沿海, of
    沿海地区); a word that starts with the name is no cut (中国人)."""
    seg = segmentation(doc)
    return seg.starts[seg.index_at(c.start)] < c.start


def _in_idiom(doc: Doc, c: _Cand) -> bool:
    """The name lies inside one of jieba's four-character words, neither at its start nor
    at its end (天南海北, 大江南北: set phrases, no 南海 or 江南 in them)."""
    seg = segmentation(doc)
    i = seg.index_at(c.start)
    if i < 0:
        return False
    tok, start = seg.tokens[i], seg.starts[i]
    return (len(tok) == 4 and start < c.start and start + 4 > c.end and freq(tok) > 0
            and not is_place_name(tok))


def _straddles(doc: Doc, c: _Cand) -> bool:
    """The name starts inside one word of jieba's and ends inside the next."""
    seg = segmentation(doc)
    first, last = seg.index_at(c.start), seg.index_at(c.end - 1)
    return (first != last and seg.starts[first] < c.start
            and seg.starts[last] + len(seg.tokens[last]) > c.end)


def _choose(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, no overlaps (a suffix name keeps the division at its head)."""
    chosen: list[_Cand] = []
    taken = bytearray(max((c.end for c in cands), default=0))
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if not any(taken[c.start:c.end]):
            chosen.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _encloses(outer: _Cand, inner: _Cand) -> bool:
    if inner.place.within and inner.place.within == outer.place.name:
        return True
    div, code = inner.place.div, outer.place.code
    return bool(div and code and code in {d.code for d in _gaz().ancestors(div)})


def _emit(doc: Doc, c: _Cand, made: dict[int, Mention]) -> Mention:
    p = c.place
    attrs = {"level": p.level, "name": p.name}
    for key in ("code", "within"):
        if getattr(p, key):
            attrs[key] = getattr(p, key)
    if p.lat is not None:
        attrs["lat"], attrs["lon"] = p.lat, p.lon
    if p.div is not None:
        attrs["ancestors"] = _ancestors(p.div)
    m = doc.add(c.start, c.end, PLACE, **attrs)
    made[id(c)] = m
    return m


_RUN_STOP = re.compile(r"[的在和与及是将于对为从向把被等了也还都就已]|召开|举行|近日|日前|今年"
                       r"|实施|推进|推动|加快|打造|开展|完善|提升|加强|积极|全力|聚焦|着力|依托")
_A_ONE = re.compile(r"一(?:家|个|所|座)?")
_RUN_CH = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·()]")
_RUN = re.compile(r"[\u4e00-\u9fff0-9A-Za-z·()]*")


def _in_other_name(norm: str, c: _Cand, nxt: int) -> bool:
    """The place heads an organisation's or project's name (山西嘉源生物医药有限公司,
    国家矿山安全监察局山西局, 京东集团灵丘智能算力数据中心基地项目)."""
    i = _RUN.match(norm, c.end, max(c.end, min(nxt, c.end + 16))).end()
    run = norm[c.end:i]
    stop = _RUN_STOP.search(run)
    if stop:
        run = run[:stop.start()]
    verb = word_regex("clause_verbs").search(run)
    if verb:
        run = run[:verb.start()]
    if run[:1] in ("局", "厅", "委") and not run.startswith("委员") or run[-1:] in ("局", "厅"):
        return True  # 山西局, 平城区委, 山西省中小企业发展促进局
    one = _A_ONE.match(run)
    if one and _org_tail_re().match(run, one.end()):
        return False  # 玉泉区一酒店, 平城区一家公司: a body there, no name
    if _org_tail_re().search(run):
        return True
    # inside a project's name: a division stays (the project is located in it)
    return c.place.div is None and bool(_project_tail_re().search(run))


def _filter_context(norm: str, chosen: list[_Cand]) -> list[_Cand]:
    out = []
    for k, c in enumerate(chosen):
        nxt = chosen[k + 1].start if k + 1 < len(chosen) else len(norm)
        if c.place.suffix or c.place.name in HOME_WORDS or norm[c.start:c.end] in HOME_WORDS:
            out.append(c)
        elif not _in_other_name(norm, c, nxt):
            out.append(c)
    return out


def _merge_names(norm: str, chosen: list[_Cand], home: str = "") -> None:
    """Shorter forms of a named place printed in the same text take its name; so does a
    place set in apposition before it (信息产业园区——大数据(新材料)产业园), and a quoted
    form (长城“金三角”合作区) the unquoted one."""
    plain = {c.place.name: c.place.name for c in chosen if "“" not in c.place.name}
    for k, c in enumerate(chosen):
        unquoted = c.place.name.replace("“", "").replace("”", "")
        if c.place.suffix and unquoted != c.place.name and unquoted in plain:
            c.place = replace(c.place, name=unquoted)
        nxt = chosen[k + 1] if k + 1 < len(chosen) else None
        if nxt and c.place.suffix and nxt.place.suffix and norm[c.end:nxt.start] in ("——", "—"):
            c.place = replace(c.place, name=nxt.place.name)
    by_suffix: dict[str, list[Place]] = {}
    by_abbr: dict[str, Place] = {}
    by_tail: dict[str, Place] = {}
    for c in chosen:
        o = c.place
        if not (o.suffix or o.head):
            continue
        by_suffix.setdefault(o.suffix, []).append(o)
        abbr = re.search(r"\(([^()]{2,6})\)", o.name)
        if abbr and o.suffix:
            by_abbr.setdefault(abbr.group(1) + o.suffix, o)
        if o.head and o.name.startswith(o.head):
            by_tail.setdefault(o.name[len(o.head):], o)
    for c in chosen:
        p = c.place
        if p.div or p.level not in ("zone", "region", "landmark", "natural"):
            continue
        found = None
        if p.suffix and len(p.name) - len(p.suffix) >= 2:
            found = next((o for o in by_suffix.get(p.suffix, ())
                          if len(o.name) > len(p.name) and abridges(p.name, o.name)), None)
        if found is None and p.name in by_abbr:
            found = by_abbr[p.name]
        if found is None and not p.suffix and p.name in by_tail:
            found = by_tail[p.name]  # 古城 printed after 大同古城
        if found is None and p.name in _BARE_ZONES:
            full = {o.name: o for o in by_suffix.get(p.name, ()) if o.name != p.name}
            if len(full) == 1:
                found = next(iter(full.values()))  # 经开区 printed with 大同经开区
            elif not full and home.endswith("市"):
                found = Place(home.removesuffix("市") + p.name, p.level, within=home)
                # 经开区 in a city's paper: the city's (大同经开区)
        if found is not None and found.name != p.name:
            c.place = replace(p, name=found.name, within=found.within or p.within)


def _ancestors(div: Division) -> list[tuple]:
    return list(_ancestor_rows(div))


@cache
def _ancestor_rows(div: Division) -> tuple[tuple, ...]:
    return tuple((d.name, d.code, _level(d), d.lat, d.lon) for d in _gaz().ancestors(div))


def extract(doc: Doc) -> None:
    norm = doc.norm
    lex = _resolve(_run_on(doc, _scan(norm)), doc.home_city, norm)
    chain = _chain(norm, lex)
    cands = [*lex, *chain, *_suffix_names(doc, lex + chain), *_extra_regions(norm),
             *_home(norm, doc.home_city), *_stations(norm, lex), *_streets(doc)]
    chosen = _filter_context(norm, _choose(_blocked(doc, cands)))
    chosen = sorted(chosen + _listed_streets(doc, chosen), key=lambda c: c.start)
    _merge_names(norm, chosen, doc.home_city or "")
    made: dict[int, Mention] = {}
    prev: _Cand | None = None
    for c in chosen:
        m = _emit(doc, c, made)
        encl = c.encloser if c.encloser and id(c.encloser) in made else None
        if encl is None and prev is not None and prev.end == c.start and _encloses(prev, c):
            encl = prev
        if encl is not None:
            m.attrs["within"] = encl.place.name
            doc.relations.append(Relation("within", m, made[id(encl)]))
        prev = c
    _within_printed(doc, chosen, made)


_STREET_ITEM = re.compile(r"[\u4e00-\u9fff]{2,6}")
_ITEM_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,6}$")
_NOT_IN_NAME = frozenset(("v", "p", "d", "c", "u", "r"))  # 还|到|御博路: no name's part


def _listed_streets(doc: Doc, chosen: list[_Cand]) -> list[_Cand]:
    """Streets listed beside a street found (御博路、七一路、丽春东路等处): each item of
    the list that ends as a street does (路, 街) names a street too. The first item
    starts after the verbs before it (还到|御博路); the last ends at 等 or where the list
    ends."""
    norm, seg = doc.norm, segmentation(doc)
    taken = {i for c in chosen for i in range(c.start, c.end)}
    out: list[_Cand] = []
    for c in chosen:
        last = norm[c.end - 1:c.end]
        if c.place.level != "landmark" or last not in ("路", "街"):
            continue
        items: list[tuple[int, int]] = []
        at = c.start  # the items before it
        while norm[at - 1:at] == "、":
            end = at - 1
            m = _ITEM_BEFORE.search(norm[max(0, end - 6):end])
            if m is None:
                break
            start = end - len(m.group())
            if norm[start - 1:start] != "、":
                start = _after_tokens(seg, start, end)  # the list's first item
            items.append((start, end))
            at = start
        at = c.end  # the items after it
        while norm[at:at + 1] == "、":
            m = _STREET_ITEM.match(norm, at + 1)
            if m is None:
                break
            end = m.end()
            if norm[end:end + 1] != "、" and not norm.startswith("等", end):
                end = _before_tokens(seg, m.start(), end)  # the list's last item
            items.append((m.start(), end))
            at = end
        for start, end in items:
            name = norm[start:end]
            if (3 <= len(name) <= 6 and name[-1] in "路街" and not taken & set(range(start, end))
                    and not (_COUNT_HEAD.match(name) or _ORDINAL.search(name))
                    and tag(name) not in ("n", "v", "vn")):
                out.append(_Cand(start, end, Place(name, "landmark", suffix=last)))
                taken.update(range(start, end))
    return out


def _after_tokens(seg, start: int, end: int) -> int:
    """Where a name ending at ``end`` starts, once the verbs, prepositions and adverbs
    jieba cuts before it are left out."""
    k = seg.index_at(end - 1)
    first = end
    while k >= 0 and seg.starts[k] >= start and tag(seg.tokens[k]) not in _NOT_IN_NAME:
        first = seg.starts[k]
        k -= 1
    return first


def _before_tokens(seg, start: int, end: int) -> int:
    """Where a name starting at ``start`` ends, before the first verb or particle jieba
    cuts after it (人民街|走访)."""
    k = seg.index_at(start)
    last = start
    while k < len(seg.tokens) and seg.starts[k] < end and (
            seg.starts[k] == start or tag(seg.tokens[k]) not in _NOT_IN_NAME):
        last = min(end, seg.starts[k] + len(seg.tokens[k]))
        k += 1
    return last


def _within_printed(doc: Doc, chosen: list[_Cand], made: dict[int, Mention]) -> None:
    """A division whose parent division is printed elsewhere in the text: within it
    (once per pair), so that the graph holds the chain the page shows."""
    first: dict[str, Mention] = {}
    for c in chosen:
        if c.place.code and not c.place.code.startswith("-"):
            first.setdefault(c.place.code, made[id(c)])
    have = {(r.subject.attrs.get("name"), r.object.attrs.get("name"))
            for r in doc.relations if r.kind == "within"}
    for c in chosen:
        div = c.place.div
        if div is None or c.place.name in HOME_WORDS:
            continue
        parent = _gaz().parent(div)
        if parent is None or parent.code not in first:
            continue
        pair = (c.place.name, parent.name)
        if pair not in have and first[parent.code] is not made[id(c)]:
            have.add(pair)
            doc.relations.append(Relation("within", made[id(c)], first[parent.code]))
