"""Person, place and organisation mentions from the statistical tagger (newsgraph.ner).

Runs after the rule steps for these kinds. The rules win: a model span is added only
where it overlaps no mention already in the document. Model mentions carry
``source="model"``; persons get ``kind="other"`` (``official``/``journalist`` with a
``holds_title`` relation when a title is printed right before the name), places get the
gazetteer's canonical ``name``, ``level`` and ``code`` where it resolves them.

Set ``NEWSGRAPH_NER=0`` in the environment (or ``ENABLED = False``) to turn the step off.
"""

from __future__ import annotations

import os
from functools import cache

from newsgraph.extract.titles import segmentation, surnames, tag as word_tag
from newsgraph.lexicons import words
from newsgraph.lexicons.gazetteer import Gazetteer
from newsgraph.model import ORGANIZATION, PERSON, PLACE, TITLE, Doc

REQUIRES = (PERSON, PLACE, ORGANIZATION)
ASSIGNS: tuple[str, ...] = ()

ENABLED = os.environ.get("NEWSGRAPH_NER", "1").strip().lower() not in ("0", "no", "off", "false")
KINDS = {"PER": PERSON, "LOC": PLACE, "ORG": ORGANIZATION}
MIN_PROB = {"PER": 0.5, "LOC": 0.5, "ORG": 0.5}  # lowest tag probability a span may have
SURE = 0.9  # a short span (one-character place, two-character organisation) needs this
MAX_LEN = {"PER": 6, "LOC": 20, "ORG": 30}
# A model span at least this sure replaces the rule person/place/organisation mentions it
# overlaps (None: the rules always win). Env NEWSGRAPH_NER_OVERRIDE sets it.
OVERRIDE: float | None = (float(os.environ["NEWSGRAPH_NER_OVERRIDE"])
                          if os.environ.get("NEWSGRAPH_NER_OVERRIDE") else None)
_OVERRIDABLE = (PERSON, PLACE, ORGANIZATION)


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


def _boundaries(doc: Doc) -> tuple[set[int], set[int]]:
    """Where jieba's words start and end: a name never begins or ends inside a word."""
    seg = segmentation(doc)
    starts = set(seg.starts)
    ends = {s + len(t) for s, t in zip(seg.starts, seg.tokens, strict=True)}
    return starts, ends


def _plausible(doc: Doc, sp, text: str, titles: dict, bounds) -> bool:
    """Filters for the model's typical slips on our pages: fragments, common words."""
    if not text.strip() or text != text.strip() or "\n" in text:
        return False
    if sp.start not in bounds[0] or sp.end not in bounds[1]:
        return False  # 美乡 in 和美乡村, 中国 in 中国共产党, 马克思 in 马克思主义
    if sp.label == "LOC" and _known_place(text):
        return False
    n = len(text)
    word = word_tag(text)
    if word is not None and not word.startswith(("nr", "ns", "nt")):
        return False  # a dictionary word that is no name (黄芪)
    if sp.label == "PER":
        if n < 2:
            return False
        if sp.start in titles or sp.end in {t.start for t in titles.values()}:
            return sp.prob >= SURE  # next to a title the person rules looked at and let go
        s2 = doc.norm[sp.start:sp.start + 2]
        return (doc.norm[sp.start] in surnames() or s2 in surnames() or sp.prob >= SURE
                or all(c in _foreign() or c == "·" for c in doc.norm[sp.start:sp.end]))
    if sp.label == "ORG":
        return n >= 3 or (n == 2 and sp.prob >= SURE)
    return n >= 2 or sp.prob >= SURE


def extract(doc: Doc) -> None:
    if not ENABLED or not doc.text:
        return
    from newsgraph.ner import tag

    found = tag(doc.text)
    if OVERRIDE is not None:
        _override(doc, [sp for sp in found if sp.prob >= OVERRIDE])
    taken = bytearray(len(doc.text))
    for m in doc.mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    titles = {t.end: t for t in doc.of_type(TITLE)}
    context = [m.attrs["code"] for m in doc.of_type(PLACE) if m.attrs.get("code")]
    bounds = _boundaries(doc)
    for sp in found:
        if sp.prob < MIN_PROB[sp.label] or sp.end - sp.start > MAX_LEN[sp.label]:
            continue
        if any(taken[sp.start:sp.end]):
            continue
        text = doc.text[sp.start:sp.end]
        if not _plausible(doc, sp, text, titles, bounds):
            continue
        kind = KINDS[sp.label]
        if kind == PERSON:
            doc.add(sp.start, sp.end, PERSON, kind="other", source="model")
        elif kind == PLACE:
            attrs = {"name": text}
            div = _gaz().resolve(doc.norm[sp.start:sp.end], context)
            if div is not None:
                level = "city" if div.level == "province" and div.name.endswith("市") else div.level
                attrs = {"name": div.name, "level": level, "code": div.code}
                if div.lat is not None:
                    attrs["lat"], attrs["lon"] = div.lat, div.lon
            doc.add(sp.start, sp.end, PLACE, source="model", **attrs)
        else:
            doc.add(sp.start, sp.end, ORGANIZATION, source="model")
        taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)


def _override(doc: Doc, sure: list) -> None:
    """Drop the rule mentions a sure model span overlaps but does not match."""
    if not sure:
        return
    marks = bytearray(len(doc.text))
    for sp in sure:
        marks[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    exact = {(sp.start, sp.end, KINDS[sp.label]) for sp in sure}
    drop = {id(m) for m in doc.mentions
            if m.type in _OVERRIDABLE and m.key not in exact and any(marks[m.start:m.end])
            and not m.attrs.get("source")}
    if drop:
        doc.mentions[:] = [m for m in doc.mentions if id(m) not in drop]
        doc.relations[:] = [r for r in doc.relations
                            if id(r.subject) not in drop and id(r.object) not in drop]
