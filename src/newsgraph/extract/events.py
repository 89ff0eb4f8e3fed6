"""Event mentions: meetings, forums, training courses, ceremonies, contests, visits.

A named event ends in a word of ``event_words.tsv`` (…联席会议, …论坛, …培训班, …仪式),
its kind given there; its left edge is found by walking back over name characters
(暨 joins two names into one) and cutting after the last word of
``event_stopwords.txt`` (召开, 在 …). Names made only of ``event_generic.txt`` words
(会议, 此次活动) are skipped. A headline that reports a visit (…赴…调研, 走访慰问) is an
inspection named by the headline.

Relations, sentence by sentence: date (the first event of a sentence -> the sentence's
first dated expression; vague 日前/近日 are not used; 为期3天 sets the end), located_in
(在/赴 + place + 举行/召开/开班…), organizer (organisation right before 主办/举办/召开),
participant (each person -> the article's main event, role from ``participant_roles.tsv``
by the first role verb after the name in its clause).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from newsgraph.lexicons import alternation, table, words
from newsgraph.model import DATE, EVENT, ORGANIZATION, PERSON, PLACE, Doc, Mention, Relation

REQUIRES = (DATE, PERSON, PLACE, ORGANIZATION)
ASSIGNS = (EVENT,)

MAX_NAME = 60
_NAME_CH = re.compile(r"[\u4e00-\u9fff0-9A-Za-z()·“”《》—]")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
_CLAUSE_END = re.compile(r"[；;。！？\n]")
_DURATION = re.compile(r"为期(\d+|[一二三四五六七八九十]+)天")
_VISIT_HEAD = re.compile(r"赴.{1,20}?(?:调研|考察)|走访慰问|成功挂牌|揭牌")
_VISIT_BODY = re.compile(r"(?:亲临|莅临)[\u4e00-\u9fff]{1,12}?(?:考察调研|调研|考察|视察)")
_CEREMONY_OF = re.compile(r"(?<=[班会节赛])(?:开班式|开幕式|闭幕式)$")
_ABBR = set("京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘宁青新同")
_AROUND = re.compile(r"前夕|前后|期间|之际|以来")
_AT_PLACE = r"(?:在|赴|于)"
_HELD = re.compile(r"\s*(?:举行|召开|开班|举办|开幕|启动|调研|考察|开展)")
_ORGANIZE = re.compile(r"\s*(?:主办|举办|承办|召开|组织)")
_NOT_OWN = re.compile(r"(?:学习|贯彻|落实|领会|迎接)[^，。；]{0,6}$")


@cache
def _suffix() -> tuple[re.Pattern, dict[str, str]]:
    kinds = {row[0]: row[1] for row in table("event_words")}
    return re.compile(alternation(list(kinds))), kinds


@cache
def _stop_re() -> re.Pattern:
    return re.compile(alternation(words("event_stopwords")))


@cache
def _generic_re() -> re.Pattern:
    return re.compile(alternation(words("event_generic")))


@cache
def _roles() -> tuple[re.Pattern, dict[str, str]]:
    roles = {row[0]: row[1] for row in table("participant_roles")}
    return re.compile(alternation(list(roles))), roles


def _left_edge(norm: str, end: int, joined: bool = False) -> int:
    """Start of a name ending at ``end``; ``joined``: 和/与 may join topics in it."""
    i = end
    while i > 0 and end - i < MAX_NAME and _NAME_CH.match(norm[i - 1]):
        i -= 1
    chunk = norm[i:end]
    cut = 0
    for m in _stop_re().finditer(chunk):
        if m.group() == "的" and chunk[max(0, m.start() - 1):m.start()] == "党":
            continue  # 党的十九届六中全会
        if m.group() == "在" and chunk[m.end():m.end() + 1] in _ABBR:
            continue  # 中央在晋定点帮扶单位
        if joined and m.group() in ("和", "与"):
            continue  # 东西部协作和中央单位定点帮扶工作推进电视电话会议
        cut = max(cut, m.end())
    start = i + cut
    while start < end and norm[start] in ")》”—":
        start += 1
    return start


def _generic(core: str) -> bool:
    rest = _generic_re().sub("", core)
    return len(re.sub(r"[\d()“”·《》—]", "", rest)) < 2


def _balanced(name: str) -> bool:
    return all(name.count(a) == name.count(b) for a, b in ("()", "“”", "《》"))


def _named(norm: str) -> list[tuple[int, int, str]]:
    rx, kinds = _suffix()
    out = []
    for m in rx.finditer(norm):
        if m.group().endswith("会") and norm[m.end():m.end() + 1] == "议":
            continue
        kind = kinds[m.group()]
        start = _left_edge(norm, m.start(), kind in ("meeting", "training"))
        name = norm[start:m.end()]
        if _generic(norm[start:m.start()]) or not _balanced(name) or "《" in name:
            continue
        out.append((start, m.end(), kind))
    return out


def _headline_visit(doc: Doc) -> tuple[int, int, str] | None:
    """A headline reporting a visit or a listing names the event itself."""
    pos = 0
    for line in doc.norm.split("\n")[:3]:
        for s, e in _head_segments(line):
            if 6 <= e - s <= 40 and _VISIT_HEAD.search(line[s:e]):
                return (pos + s, pos + e, "inspection")
        pos += len(line) + 1
    return None


def _head_segments(line: str) -> list[tuple[int, int]]:
    """Space-separated parts of a headline; parts of 5 characters or fewer are layout
    breaks and join their neighbours (应急管理 部赴阳高县 广灵县 调研…)."""
    out: list[list[int]] = []
    for m in re.finditer(r"\S+", line):
        if out and (m.end() - m.start() <= 5 or out[-1][1] - out[-1][0] <= 5):
            out[-1][1] = m.end()
        else:
            out.append([m.start(), m.end()])
    return [(s, e) for s, e in out]


def _body_visits(norm: str) -> list[tuple[int, int, str]]:
    return [(_left_edge(norm, m.start()), m.end(), "inspection")
            for m in _VISIT_BODY.finditer(norm)]


def _choose(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    chosen: list[tuple[int, int, str]] = []
    for s, e, k in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= a or s >= b for a, b, _ in chosen):
            chosen.append((s, e, k))
    return sorted(chosen)


def _add_events(doc: Doc) -> list[Mention]:
    orgs = [(o.start, o.end) for o in doc.of_type(ORGANIZATION)]
    spans = [x for x in _named(doc.norm) + _body_visits(doc.norm)
             if not any(a <= x[0] and x[1] <= b for a, b in orgs)]
    head = _headline_visit(doc)
    if head:
        spans = [x for x in spans if x[1] <= head[0] or x[0] >= head[1]] + [head]
    out = []
    for s, e, kind in _choose(spans):
        name = _CEREMONY_OF.sub("", "".join(doc.text[s:e].split()))
        out.append(doc.add(s, e, EVENT, kind=kind, name=name))
    return out


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


def _link_date(doc: Doc, ev: Mention, dates: list[Mention], s: int, e: int) -> None:
    usable = [d for d in _within(dates, s, e) if d.attrs.get("start")
              and d.attrs.get("precision") != "approx" and not _AROUND.match(doc.norm, d.end)]
    if not usable:
        return
    d = usable[0]
    attrs = {}
    end = d.attrs.get("end") or _duration_end(doc.norm[s:e], d.attrs["start"])
    if end:
        attrs["end"] = end
    ev.attrs["date"] = d.attrs["start"]
    if end:
        ev.attrs["end_date"] = end
    doc.relations.append(Relation("date", ev, d, attrs))


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
    for o in _within(orgs, s, e):
        if o.end <= ev.start and _ORGANIZE.match(doc.norm, o.end):
            doc.relations.append(Relation("organizer", ev, o))
            return


def _link_participants(doc: Doc, ev: Mention, persons: list[Mention]) -> None:
    rx, roles = _roles()
    seen: set[str] = set()
    for p in persons:
        stop = _CLAUSE_END.search(doc.norm, p.end)
        clause = doc.norm[p.end:stop.start() if stop else len(doc.norm)]
        m = rx.search(clause)
        if m is None or p.text in seen:
            continue
        seen.add(p.text)
        doc.relations.append(Relation("participant", ev, p, {"role": roles[m.group()]}))


def _lead_date(doc: Doc, events: list[Mention], dates: list[Mention]) -> None:
    """A headline event without a date takes the date of the body's first sentence."""
    head_end = doc.norm.find("\n\n")
    if head_end < 0:
        return
    lead = _SENTENCE.search(doc.norm, head_end + 2)
    if lead is None:
        return
    for ev in events:
        if ev.end <= head_end and "date" not in ev.attrs:
            _link_date(doc, ev, dates, *lead.span())


def extract(doc: Doc) -> None:
    events = _add_events(doc)
    if not events:
        return
    dates, places = doc.of_type(DATE), doc.of_type(PLACE)
    orgs, persons = doc.of_type(ORGANIZATION), doc.of_type(PERSON)
    for sent in _SENTENCE.finditer(doc.norm):
        s, e = sent.span()
        inside = _within(events, s, e)
        if not inside:
            continue
        ev = inside[0]
        if not _NOT_OWN.search(doc.norm[s:ev.start]) and "date" not in ev.attrs:
            _link_date(doc, ev, dates, s, e)
        _link_place(doc, ev, places, s, e)
        _link_organizer(doc, ev, orgs, s, e)
    _lead_date(doc, events, dates)
    main = next((ev for ev in events if "date" in ev.attrs), events[0])
    _link_participants(doc, main, persons)
