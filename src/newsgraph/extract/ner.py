"""Person, place and organisation mentions from the statistical tagger (newsgraph.ner).

Runs after the rule steps for these kinds. The rules mostly win: a model span is added
where it overlaps no mention already in the document, after filters for the model's
slips on our pages (word boundaries, dictionary words, names the rule steps let go, book
titles, probability floors), all chosen on the tagger's development set (MSRA test
split, ``bench/external_ner.py --msra-dev``) and checked on the gold pages. A sure
person or place span also replaces the person/place mentions it covers (克林顿 over a
rule's 林顿) unless they are gazetteer places; organisations are never replaced (the
pages' fuller names, 大同市人民政府, win). One-character place abbreviations count only
in a run of two or three (中美, 京津) and are named as the place they stand for (中 ->
中国). Model mentions carry ``source="model"``; persons get ``kind="other"``, places
the gazetteer's canonical ``name``, ``level`` and ``code`` where it resolves them.

Set ``NEWSGRAPH_NER=0`` in the environment (or ``ENABLED = False``) to turn the step off.
"""

from __future__ import annotations

import os
import re
from functools import cache

from newsgraph.extract.organizations import in_book_title
from newsgraph.extract.titles import segmentation, surnames
from newsgraph.extract.titles import tag as word_tag
from newsgraph.lexicons import words
from newsgraph.lexicons.gazetteer import Gazetteer
from newsgraph.model import ORGANIZATION, PERSON, PLACE, TITLE, Doc

REQUIRES = (PERSON, PLACE, ORGANIZATION)
ASSIGNS: tuple[str, ...] = ()

ENABLED = os.environ.get("NEWSGRAPH_NER", "1").strip().lower() not in ("0", "no", "off", "false")
KINDS = {"PER": PERSON, "LOC": PLACE, "ORG": ORGANIZATION}
MIN_PROB = {"PER": 0.5, "LOC": 0.85, "ORG": 0.85}  # lowest tag probability a span may have
SURE = 0.9  # a short span (one-character place, two-character organisation) needs this
PER_SURE = 0.95  # a person name without a known surname needs this
MAX_LEN = {"PER": 6, "LOC": 20, "ORG": 30}
# A model span at least this sure replaces the rule mentions of these kinds it overlaps
# when they are not anchored (see _anchored); None: the rules always win. The env
# NEWSGRAPH_NER_OVERRIDE sets one threshold for all three.
OVERRIDE: dict[str, float | None] = {"PER": 0.5, "LOC": 0.5, "ORG": None}
if os.environ.get("NEWSGRAPH_NER_OVERRIDE"):
    OVERRIDE = dict.fromkeys(OVERRIDE, float(os.environ["NEWSGRAPH_NER_OVERRIDE"]))
COVERING_ONLY = True  # ... and only when the model span covers them (克林顿 over 林顿)
BOUNDARIES = True  # a model span must start and end on jieba word boundaries ...
BOUNDARIES_BELOW = 0.9  # ... unless at least this sure
# a dictionary word that is no name is dropped unless this sure (十五大 is an organisation
# in People's Daily text; 中华, 太行 are not places on our pages)
DICT_WORD_BELOW = {"PER": 0.9, "LOC": 2.0, "ORG": 0.9}
KNOWN_PLACE = True  # a place name the places step saw and let go stays out
ONE_CHAR_LOC_PAIRED = True  # a one-character place only beside another (中美, 京津) ...
ONE_CHAR_LOC_SURE = 2.0  # ... or on word boundaries and this sure (2.0: never)
_OVERRIDABLE = (PERSON, PLACE, ORGANIZATION)
# One-character place abbreviations and the place they stand for, read only in a run of
# two or three of them (中美, 京津冀): provinces as the gazetteer names them, countries.
ABBREVIATIONS = {
    **dict(zip("京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔滇藏陕甘陇青宁港澳台",
               ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江",
                "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
                "广东", "广西", "海南", "四川", "四川", "贵州", "云南", "西藏", "陕西",
                "甘肃", "甘肃", "青海", "宁夏", "香港", "澳门", "台湾"), strict=True)),
    **dict(zip("中美日韩朝俄英法德意欧非印越泰巴加",
               ("中国", "美国", "日本", "韩国", "朝鲜", "俄罗斯", "英国", "法国", "德国",
                "意大利", "欧洲", "非洲", "印度", "越南", "泰国", "巴基斯坦", "加拿大"),
               strict=True)),
}
_NAME_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaffA-Za-z0-9·・]+")


@cache
def _gaz() -> Gazetteer:
    return Gazetteer.load()


def enabled() -> bool:
    return ENABLED


@cache
def _foreign() -> frozenset[str]:
    return frozenset(words("foreign_name_chars"))


def _known_place(text: str) -> bool:
    """A name the places step knows: if it emitted nothing there, it rejected it on context
    (中国 in 中国特色), and the model must not put it back."""
    from newsgraph.extract.places import _lexicon

    return text in _lexicon()[0]


def _boundaries(doc: Doc) -> tuple[set[int], set[int], set[int]]:
    """Where jieba's words start and end: a name never begins or ends inside a word; and
    the positions inside a dictionary word that is no name (马克思 in 马克思主义), which
    a name never crosses, where an unknown word jieba made up (张倩说) may be crossed."""
    seg = segmentation(doc)
    starts = set(seg.starts)
    ends = {s + len(t) for s, t in zip(seg.starts, seg.tokens, strict=True)}
    inner: set[int] = set()
    for s, t in zip(seg.starts, seg.tokens, strict=True):
        if len(t) > 1:
            word = word_tag(t)
            if word is not None and not word.startswith(("nr", "ns", "nt")):
                inner.update(range(s + 1, s + len(t)))
    return starts, ends, inner


def _plausible(doc: Doc, sp, text: str, titles: dict, bounds, paired: set[int]) -> bool:
    """Filters for the model's typical slips on our pages: fragments, common words."""
    if not _NAME_CHAR.fullmatch(text):
        return False  # →坊城新村: a name is written in letters
    if in_book_title(doc, sp.start, sp.end):
        return False  # 中国共产党 in 《中国共产党政法工作条例》
    n = len(text)
    on_words = sp.start in bounds[0] and sp.end in bounds[1]
    if sp.label == "LOC" and n == 1 and ONE_CHAR_LOC_PAIRED:
        # 中 and 美 in 中美; the pair is checked as a whole
        return sp.start in paired or (on_words and sp.prob >= ONE_CHAR_LOC_SURE)
    if BOUNDARIES and not on_words and (sp.prob < BOUNDARIES_BELOW or sp.start in bounds[2]
                                        or sp.end in bounds[2]):
        return False  # 美乡 in 和美乡村, 中国 in 中国共产党, 马克思 in 马克思主义
    if KNOWN_PLACE and sp.label == "LOC" and _known_place(text):
        return False
    word = word_tag(text)
    if (word is not None and not word.startswith(("nr", "ns", "nt"))
            and sp.prob < DICT_WORD_BELOW[sp.label]):
        return False  # a dictionary word that is no name (黄芪)
    if sp.label == "PER":
        if n < 2:
            return False
        if sp.start in titles or sp.end in {t.start for t in titles.values()}:
            return sp.prob >= SURE  # next to a title the person rules looked at and let go
        s2 = doc.norm[sp.start:sp.start + 2]
        return (doc.norm[sp.start] in surnames() or s2 in surnames() or sp.prob >= PER_SURE
                or all(c in _foreign() or c == "·" for c in doc.norm[sp.start:sp.end]))
    if sp.label == "ORG":
        return n >= 3 or (n == 2 and sp.prob >= SURE)
    return n >= 2 or sp.prob >= SURE


def _pairs(doc: Doc, found: list, bounds) -> set[int]:
    """Starts of one-character place spans standing in a run of two or three of them
    (中美, 中日韩, 京津) that begins and ends on word boundaries and is no other word."""
    one = {sp.start for sp in found if sp.label == "LOC" and sp.end - sp.start == 1
           and sp.prob >= MIN_PROB["LOC"] and doc.norm[sp.start] in ABBREVIATIONS}
    out: set[int] = set()
    for s in sorted(one):
        if s - 1 in one:
            continue
        e = s
        while e in one:
            e += 1
        if not 2 <= e - s <= 3:
            continue
        if BOUNDARIES and (s not in bounds[0] or e not in bounds[1]):
            continue
        word = word_tag(doc.norm[s:e])
        if word is not None and not word.startswith(("ns", "j")):
            continue
        out.update(range(s, e))
    return out


def _anchored(m) -> bool:
    """A rule mention the model may not replace: a place the gazetteer resolved."""
    return m.type == PLACE and bool(m.attrs.get("code"))


def extract(doc: Doc) -> None:
    if not ENABLED or not doc.text:
        return
    from newsgraph.ner import tag

    found = tag(doc.text)
    titles = {t.end: t for t in doc.of_type(TITLE)}
    bounds = _boundaries(doc)
    paired = _pairs(doc, found, bounds)
    cands = []
    for sp in found:
        if sp.prob < MIN_PROB[sp.label] or sp.end - sp.start > MAX_LEN[sp.label]:
            continue
        if _plausible(doc, sp, doc.text[sp.start:sp.end], titles, bounds, paired):
            cands.append(sp)
    _override(doc, cands)
    taken = bytearray(len(doc.text))
    for m in doc.mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    context = [m.attrs["code"] for m in doc.of_type(PLACE) if m.attrs.get("code")]
    for sp in cands:
        if any(taken[sp.start:sp.end]):
            continue
        text = doc.text[sp.start:sp.end]
        kind = KINDS[sp.label]
        if kind == PERSON:
            doc.add(sp.start, sp.end, PERSON, kind="other", source="model")
        elif kind == PLACE:
            full = ABBREVIATIONS.get(text, text) if len(text) == 1 else text
            attrs = {"name": full}
            div = _gaz().resolve(full, context)
            if div is not None:
                level = "city" if div.level == "province" and div.name.endswith("市") else div.level
                attrs = {"name": div.name, "level": level, "code": div.code}
                if div.lat is not None:
                    attrs["lat"], attrs["lon"] = div.lat, div.lon
            doc.add(sp.start, sp.end, PLACE, source="model", **attrs)
        else:
            doc.add(sp.start, sp.end, ORGANIZATION, source="model")
        taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)


def _override(doc: Doc, cands: list) -> None:
    """Drop the rule mentions a sure model span overlaps but does not match, when the
    model span's kind and every overlapped mention's kind may be overridden (OVERRIDE)
    and none of them is anchored; the model span takes their place."""
    if not any(v is not None for v in OVERRIDE.values()):
        return
    inv = {v: k for k, v in KINDS.items()}
    rule = [m for m in doc.mentions if m.type in _OVERRIDABLE and not m.attrs.get("source")]
    if not rule:
        return
    drop: set[int] = set()
    for sp in cands:
        limit = OVERRIDE[sp.label]
        if limit is None or sp.prob < limit:
            continue
        over = [m for m in rule if m.start < sp.end and sp.start < m.end]
        if not over or any(m.key == (sp.start, sp.end, KINDS[sp.label]) for m in over):
            continue
        if all(OVERRIDE[inv[m.type]] is not None and sp.prob >= OVERRIDE[inv[m.type]]
               and not _anchored(m) and (sp.start <= m.start and m.end <= sp.end
                                         or not COVERING_ONLY) for m in over):
            drop.update(id(m) for m in over)
    if drop:
        doc.mentions[:] = [m for m in doc.mentions if id(m) not in drop]
        doc.relations[:] = [r for r in doc.relations
                            if id(r.subject) not in drop and id(r.object) not in drop]
