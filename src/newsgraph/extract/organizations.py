"""Organisation mentions: organs, companies, hospitals, schools, media, parties.

Three sources: fixed names and short forms (``org_names.tsv``: 新华社, 市委, 省政府);
names ending in an organisation word (``org_suffixes.tsv``: 局, 有限公司, 医院, 党),
whose start is found by walking jieba tokens leftwards (see
:func:`newsgraph.extract.titles.chain_start`); and jieba's own ``nt`` words. A company's
short name (华青环保 for 山西华青环保股份有限公司) is found again where the text uses it.
"""

from __future__ import annotations

import re
from functools import cache

from newsgraph.extract.titles import (
    ADMIN_START,
    chain_start,
    level_of,
    org_suffix_types,
    segmentation,
    tag,
)
from newsgraph.lexicons import alternation, table, words
from newsgraph.model import ORGANIZATION, PLACE, TITLE, Doc

REQUIRES: tuple[str, ...] = ()
ASSIGNS = (ORGANIZATION,)

# Short forms that count only where the text uses them as an actor, not inside a title.
BARE = frozenset(
    "市委 市政府 省委 省政府 县委 县政府 区委 区政府 党委 党组 党中央 中共中央".split()
)
# Suffixes that name an organisation only with a place or level in front (市…中心).
ANCHORED = frozenset(
    "中心 室 办 组 委 部 司 厅 署 办公室 领导小组 工作组 督导组 指挥部 委员会".split()
)
COMPANY_TAIL = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|集团公司|总公司|集团|公司)$")
MIN_PREFIX = 2
PREPOSITIONS = frozenset("从在向由对经据与和及")


@cache
def _known() -> tuple[re.Pattern, dict[str, tuple[str, str, bool]]]:
    info = {row[0]: (row[1], row[2] if len(row) > 2 else "", row[3:4] == ("1",))
            for row in table("org_names")}
    return re.compile(alternation(list(info))), info


@cache
def _suffix_re() -> re.Pattern:
    return re.compile(alternation(list(org_suffix_types())))


@cache
def _stop() -> frozenset[str]:
    return frozenset(words("org_stopwords"))


def _title_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(t.start, t.end) for t in doc.of_type(TITLE)]


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)


def _from_suffixes(doc: Doc, titles: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    seg = segmentation(doc)
    ends = set(seg.starts) | {len(doc.norm)}
    out: dict[tuple[int, int], str] = {}
    for m in _suffix_re().finditer(doc.norm):
        s, e = m.span()
        if e not in ends or not _own_word(seg, s, e):
            continue  # 局长, 部署, 格局: the suffix is part of another word
        start = _start(doc, seg, s)
        if start is None:
            continue
        name = doc.norm[start:e]
        if s - start < MIN_PREFIX and not (s - start >= 1 and len(m.group()) >= 2):
            continue
        if name in _stop() or not _anchored_ok(name, m.group(), _anchored(doc, seg, start)):
            continue
        if _inside(titles, start, e) and not ADMIN_START.match(name) and len(name) < 5:
            continue  # 政法委 in 政法委书记
        out[(start, e)] = org_suffix_types()[m.group()]
    return out


def _own_word(seg, s: int, e: int) -> bool:
    i = seg.index_at(s)
    if seg.starts[i] == s:
        return True
    tok = seg.tokens[i]
    return seg.starts[i] + len(tok) == e and tag(tok) in (None, "nt", "j", "nz")


def _start(doc: Doc, seg, s: int) -> int | None:
    """Start of the name ending in the suffix at s; None when it reads as a clause."""
    start = _extend(doc, seg, chain_start(doc, seg, s, names=False))
    name = doc.norm[start:s]
    _, info = _known()
    for k in range(2, len(name)):
        if name[:k] in info and ADMIN_START.match(name[k:]):
            start, name = start + k, name[k:]  # 市委市政府: two bodies
            break
    if len(name) > 2 and name[0] in PREPOSITIONS and ADMIN_START.match(name[1:]):
        start, name = start + 1, name[1:]  # 从市工信局
    if not _anchored(doc, seg, start):
        toks = _tokens(seg, start, s)
        verbs = [k for k, t in enumerate(toks) if tag(t) == "v"]
        if verbs:
            start += sum(len(t) for t in toks[: verbs[-1] + 1])
        if doc.norm[max(0, start - 2):start] in ("我市", "本市"):
            return start - 1
    return start


def _extend(doc: Doc, seg, start: int) -> int:
    """Take in a place written right before the chain (大同 + 齿轮有限公司)."""
    places = {m.end: m.start for m in doc.of_type(PLACE) if m.text[:1] not in "我本全该"}
    while start in places and places[start] < start:
        start = chain_start(doc, seg, places[start], names=False)
    return start


def _anchored(doc: Doc, seg, start: int) -> bool:
    if ADMIN_START.match(doc.norm, start) or tag(_first_token(seg, start)) in ("ns", "nt"):
        return True
    return any(m.start == start for m in doc.of_type(PLACE))


def _first_token(seg, pos: int) -> str:
    i = seg.index_at(pos)
    return seg.tokens[i] if seg.starts[i] == pos else ""


def _tokens(seg, s: int, e: int) -> list[str]:
    i = max(seg.index_at(s), 0)
    out = []
    while i < len(seg.tokens) and seg.starts[i] < e:
        out.append(seg.tokens[i])
        i += 1
    return out


def _anchored_ok(name: str, suffix: str, anchored: bool) -> bool:
    if suffix == "党":
        return anchored and len(name) >= 4
    if suffix not in ANCHORED:
        return True
    if anchored or len(name) >= 7:
        return True
    return suffix in ("局", "部", "委", "办") and len(name) >= 3


def _from_known(doc: Doc, titles: list[tuple[int, int]]) -> dict[tuple[int, int], str]:
    pattern, info = _known()
    out = {}
    for m in pattern.finditer(doc.norm):
        if m.group() in BARE and any(a <= m.start() < b for a, b in titles):
            continue
        out[m.span()] = info[m.group()][0]
    return out


def _from_jieba(doc: Doc) -> dict[tuple[int, int], str]:
    seg = segmentation(doc)
    out = {}
    for s, tok in zip(seg.starts, seg.tokens, strict=True):
        if len(tok) >= 3 and tag(tok) == "nt" and tok not in _stop():
            out[(s, s + len(tok))] = _type_of(tok)
    return out


def _type_of(name: str) -> str:
    m = _suffix_re().search(name)
    while m and m.end() != len(name):
        m = _suffix_re().search(name, m.start() + 1)
    return org_suffix_types()[m.group()] if m else "other"


def _longest(cands: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest spans that do not overlap."""
    out: list[tuple[int, int, str]] = []
    for (s, e), typ in sorted(cands.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if out and s < out[-1][1]:
            continue
        out.append((s, e, typ))
    return out


def _parent(name: str) -> str:
    """The longest organisation name the name starts with (市委政研室 -> 市委)."""
    _, info = _known()
    best = ""
    for m in _suffix_re().finditer(name):
        head = name[: m.end()]
        if m.end() < len(name) and len(head) >= 2 and head not in _stop():
            if head in info or m.start() >= MIN_PREFIX:
                best = head
    return best


def _short_names(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """华青环保 after 山西华青环保股份有限公司; 京东 after 京东集团."""
    seg = segmentation(doc)
    out = []
    taken = [(s, e) for s, e, _ in spans]
    for s, e, typ in spans:
        name = doc.norm[s:e]
        core = COMPANY_TAIL.sub("", name).removesuffix("股份")
        head = _first_token(seg, s)
        if tag(head) == "ns" and len(core) - len(head) >= 2:
            core = core[len(head):]
        if core == name or len(core) < 2:
            continue
        for m in re.finditer(re.escape(core), doc.norm):
            if not any(a <= m.start() < b for a, b in taken):
                out.append((m.start(), m.end(), typ))
                taken.append(m.span())
    return out


def extract(doc: Doc) -> None:
    titles = _title_spans(doc)
    cands = _from_jieba(doc)
    cands.update(_from_suffixes(doc, titles))
    cands.update(_from_known(doc, titles))
    spans = _longest(cands)
    spans += _short_names(doc, spans)
    _, info = _known()
    for s, e, typ in spans:
        name = doc.norm[s:e]
        parent = _parent(name)
        short = info[name][2] if name in info else bool(re.match(r"市(?!场)", name))
        doc.add(s, e, ORGANIZATION, type=typ, level=level_of(name), parent=parent, short=short)
        if parent and parent not in BARE and len(parent) >= 4:
            doc.add(s, s + len(parent), ORGANIZATION, type=_type_of(parent),
                    level=level_of(parent), parent=_parent(parent), short=False)
