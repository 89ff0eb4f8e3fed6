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

Attrs: level, name (canonical), code, within (canonical name of the enclosing place),
lat/lon. ``within`` relations are added where the text shows the enclosure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from newsgraph.lexicons import alternation, table, words
from newsgraph.lexicons.gazetteer import Division, Gazetteer
from newsgraph.model import PERSON, PLACE, Doc, Mention, Relation

REQUIRES: tuple[str, ...] = ()
ASSIGNS = (PLACE,)

HOME_WORDS = ("我市", "本市")
_ZONE_WORDS = ("开发区", "园区", "管委会", "示范区", "类似", "直属", "办事处")
_NAME_CH = r"[\u4e00-\u9fff0-9A-Za-z()·“”\"]"
_ROAD = ("国道", "省道", "高速公路")
_COUNT_HEAD = re.compile(r"^[一二三四五六七八九十两几多0-9A-Za-z]+[大个批类家座处]")
_TOWN_RE = re.compile(r"([\u4e00-\u9fff]{1,4}?)(镇|乡|街道)")
_GENERIC_END = set("站场馆园区点店所")
_PROJECT_TAIL = re.compile(r"[\u4e00-\u9fff0-9]{0,10}?项目")
_VILLAGE_RE = re.compile(r"([\u4e00-\u9fff]{1,4}?)(村|社区|嘎查)")
_NOT_IN_VILLAGE = set("的与在等各全本该每个其农乡山新美")
_ORG_TAIL = re.compile(r"[\u4e00-\u9fff·—-]{0,12}?(?:党|阵线|联盟|运动|大会|政府|大使馆|公司|集团"
                       r"|银行|协会|学会|学院|研究院|科学院|工程院|委员会)")
_CONTINENT_PART = re.compile(r"(?:东南|西南|东北|西北|[东南西北中])部?(?:非洲|欧洲|亚洲|美洲)")
_ABBRS = "京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔滇藏陕甘陇宁青新雄"
_ABBR_RUN = re.compile(rf"[{_ABBRS}]{{3,5}}(?:地区)?")


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


@cache
def _gaz() -> Gazetteer:
    return Gazetteer.load()


def _level(div: Division) -> str:
    if div.level == "province" and div.name.endswith("市"):
        return "city"  # 北京市, 上海市: municipalities read as cities
    return div.level


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
def _lexicon() -> tuple[dict[str, Place], dict[str, tuple[int, ...]]]:
    names: dict[str, Place] = {}
    _gazetteer_forms(names)
    _world_forms(names)
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[0], set()).add(len(name))
    first = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in lengths.items()}
    return names, first


@cache
def _suffixes() -> tuple[re.Pattern, dict[str, str]]:
    levels = {row[0]: row[1] for row in table("place_suffixes")}
    return re.compile(alternation(list(levels))), levels


@cache
def _stop_re() -> re.Pattern:
    return re.compile(alternation(words("place_stopwords")))


@dataclass
class _Cand:
    start: int
    end: int
    place: Place
    encloser: _Cand | None = None  # the place printed right before, enclosing this one


def _scan(norm: str) -> list[_Cand]:
    """Leftmost-longest lexicon matches."""
    names, first = _lexicon()
    out, i, n = [], 0, len(norm)
    while i < n:
        for length in first.get(norm[i], ()):
            place = names.get(norm[i:i + length])
            if place is not None:
                out.append(_Cand(i, i + length, place))
                i += length
                break
        else:
            i += 1
    return out


def _resolve(cands: list[_Cand], home: str, norm: str) -> list[_Cand]:
    """Pick one division per gazetteer name, using the document's unambiguous ones."""
    gaz = _gaz()
    context = {c.place.code for c in cands
               if c.place.div and len(gaz.lookup(norm[c.start:c.end])) == 1}
    context.update(d.code for d in gaz.lookup(home)[:1])
    out = []
    for c in cands:
        if c.place.div is None:
            out.append(c)
            continue
        div = gaz.resolve(norm[c.start:c.end], context)
        if div is None:
            continue
        lineage = {div.code, *(d.code for d in gaz.ancestors(div))}
        if c.place.short_of and not lineage & context - {div.code}:
            continue  # a county's short form far from the page's places: likely a word
        out.append(_Cand(c.start, c.end, _div_place(div)))
    return out


def _chain(norm: str, cands: list[_Cand]) -> list[_Cand]:
    """Townships and villages printed right after their county or township."""
    out = []
    for c in cands:
        prev = c
        for level, rx in (("township", _TOWN_RE), ("village", _VILLAGE_RE)):
            if prev.place.level not in ("county", "township") or level == "township" and \
                    prev.place.level == "township":
                continue
            m = rx.match(norm, prev.end)
            if not m or set(m.group(1)) & _NOT_IN_VILLAGE:
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
    i = end
    while i > 0 and end - i < 16 and re.match(_NAME_CH, norm[i - 1]):
        if norm[i - 1].isdigit() and not road:
            break
        i -= 1
    chunk = norm[i:end]
    cut = 0
    for m in _stop_re().finditer(chunk):
        cut = max(cut, m.end())
    start = i + cut
    while start < end and norm[start] in "·)":
        start += 1
    return start


def _suffix_names(norm: str, lex: list[_Cand]) -> list[_Cand]:
    rx, levels = _suffixes()
    out = []
    for m in rx.finditer(norm):
        suffix = m.group()
        if len(suffix) == 1 and re.match(r"[\u4e00-\u9fff]", norm[m.end():m.end() + 1] or " ") \
                and norm[m.end()] in "区村道流泊水上下脚间坡顶沟谷":
            continue
        start = _left_edge(norm, m.start(), suffix in _ROAD)
        cand = _suffix_cand(norm, start, m, levels[suffix], lex)
        if cand:
            out.append(cand)
    return out


def _suffix_cand(norm, start, m, level, lex) -> _Cand | None:
    inside = sorted((c for c in lex if start <= c.start and c.end <= m.start()),
                    key=lambda c: c.start)
    head = inside[-1] if inside and "“" not in norm[start:inside[-1].start] else None
    full = head and norm[head.start:head.end] == head.place.name
    admin = head and (head.place.div or head.place.level in ("township", "village"))
    if full and admin and m.start() - head.end >= 2 and not _bad_core(
            norm[head.end:m.start()]):
        start = head.end  # 阳高县 | 壶流河湿地公园: the full division name encloses it
    elif admin:
        start = head.start  # 灵丘经济技术开发区: a short form is part of the name
    core = norm[start:m.start()]
    max_core = 3 if len(m.group()) == 1 else 14
    if not 2 <= len(core) <= max_core or _bad_core(core) or _PROJECT_TAIL.match(norm, m.end()):
        return None
    name = norm[start:m.end()]
    if name in _false():
        return None
    within = head.place.name if head and head.place.div else ""
    return _Cand(start, m.end(), Place(name, level, within=within))


@cache
def _false() -> frozenset[str]:
    return frozenset(words("place_short_stop"))


def _bad_core(core: str) -> bool:
    rx, _ = _suffixes()
    if any(len(x.group()) > 1 for x in rx.finditer(core)) or core in _false():
        return True
    return bool(_COUNT_HEAD.match(core) or core[-1] in _GENERIC_END or core.count("“") !=
                core.count("”") or core.count("(") != core.count(")"))


def _extra_regions(norm: str) -> list[_Cand]:
    out = []
    for rx in (_CONTINENT_PART, _ABBR_RUN):
        for m in rx.finditer(norm):
            core = m.group().removesuffix("地区")
            if len(set(core)) == len(core) and norm[m.end():m.end() + 1] != "(":
                out.append(_Cand(m.start(), m.end(), Place(m.group(), "region")))
    return out


def _home(norm: str, home: str) -> list[_Cand]:
    if not home:
        return []
    divs = _gaz().lookup(home)
    place = _div_place(divs[0]) if divs else Place(home, "city")
    return [_Cand(m.start(), m.end(), place) for m in re.finditer("|".join(HOME_WORDS), norm)]


def _blocked(doc: Doc, cands: list[_Cand]) -> list[_Cand]:
    """Drop places inside person names and countries that head a party's name."""
    persons = [(m.start, m.end) for m in doc.of_type(PERSON)]
    out = []
    for c in cands:
        if any(s < c.end and c.start < e for s, e in persons):
            continue
        if c.place.level == "country" and _ORG_TAIL.match(doc.norm, c.end):
            continue
        out.append(c)
    return out


def _choose(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, no overlaps (a suffix name keeps the division at its head)."""
    chosen: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= s or c.start >= e for s, e in taken):
            chosen.append(c)
            taken.append((c.start, c.end))
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
    m = doc.add(c.start, c.end, PLACE, **attrs)
    made[id(c)] = m
    return m


def extract(doc: Doc) -> None:
    norm = doc.norm
    lex = _resolve(_scan(norm), doc.home_city, norm)
    chain = _chain(norm, lex)
    cands = [*lex, *chain, *_suffix_names(norm, lex + chain), *_extra_regions(norm),
             *_home(norm, doc.home_city)]
    chosen = _choose(_blocked(doc, cands))
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
