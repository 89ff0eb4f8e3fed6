"""Stage 4: resolve mentions to entities across articles and pages.

Each entity mention gets a canonical key (kind + normalised canonical name, plus what
disambiguates); mentions with the same key are one entity. Relations between mentions
become :class:`~newsgraph.model.Fact` objects between keys.

An event is an occurrence, not a name: its key holds its date where the page gives one,
else the date of the issue that reports it, else the page (:func:`event_key`), so a
meeting held every week (市委常委会会议) is one event per meeting, not one event with every
date and every attendee of the archive. A name that numbers its term or edition
(市五届人大四次会议, 第三届古都文化论坛) is one occurrence by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from newsgraph.model import (
    ENTITY_KINDS,
    EVENT,
    ORGANIZATION,
    PERSON,
    PLACE,
    PROJECT,
    Article,
    Corpus,
    Doc,
    Entity,
    Fact,
    Mention,
    Page,
)
from newsgraph.read.normalize import normalize_name
from newsgraph.resolve.names import canonical_name, default_org, org_type
from newsgraph.resolve.people import Post, conflicting_people, post_rows, split_homonyms

__all__ = ["resolve", "entity_key", "event_key", "Post", "conflicting_people", "post_rows"]


def entity_key(kind: str, name: str) -> str:
    """The canonical key of an entity: its kind and its normalised canonical name (a
    project's without the word 项目 its name may end with: 酒嘉…物流园区建设项目 and
    酒嘉…物流园区建设 are one)."""
    if kind == PROJECT and name.endswith("项目") and len(name) >= 6:
        name = name[:-2]
    return f"{kind}:{normalize_name(name)}"


# a numbered term or edition in an event's name (五届…六次会议, 第三届…论坛, 首届…节)
_TERM = re.compile(r"[\d一二三四五六七八九十百首]+届")


def event_key(name: str, day: str | None, issue: date | None = None,
              page_id: str = "") -> str:
    """The key of an event: its name and its (start) date, ISO
    (``event:市委常委会会议@2023-10-11``); for an event its page does not date, the date
    of the issue that reports it (``…@issue-2023-10-12``: pages of one issue report one
    occurrence); on a page of no known issue, the page (``…@page-<page_id>``); with no
    page either, its name alone."""
    key = entity_key(EVENT, name)
    if _TERM.search(name):
        return key  # 市五届人大六次会议, 党的二十届四中全会: one occurrence, its name says
    if day:
        return f"{key}@{day}"
    if issue:
        return f"{key}@issue-{issue.isoformat()}"
    return f"{key}@page-{page_id}" if page_id else key


def _event_days(docs: list[tuple[Page, Article, Doc]], home_city: str
                ) -> dict[tuple[str, str], str]:
    """(page id, event name) -> the date the page gives that event, for its mentions the
    page dates less precisely (金秋十月 against 10月13日) or not at all (a headline's 会议
    dated in the body, or in another article). A name the page gives two dates that do not
    agree (two meetings) is left out: each of its mentions keeps its own date."""
    days: dict[tuple[str, str], set[str]] = {}
    for page, _article, doc in docs:
        for m in doc.mentions:
            if m.type == EVENT and m.attrs.get("date"):
                name = normalize_name(canonical_name(m, home_city))
                days.setdefault((page.page_id, name), set()).add(m.attrs["date"])
    out = {}
    for k, v in days.items():
        finest = max(v, key=len)
        if all(finest.startswith(d) for d in v):
            out[k] = finest
    return out


def _coarser(start: str | None, day: str) -> bool:
    """Whether ``start`` is a less precise date (2023-10) of ``day`` (2023-10-13)."""
    return bool(start) and len(day) > len(start) and day.startswith(start)


class _Resolver:
    def __init__(self, home_city: str) -> None:
        self.home_city = home_city
        self.entities: dict[str, Entity] = {}
        self.facts: list[Fact] = []
        self.event_days: dict[tuple[str, str], str] = {}
        self.key_days: dict[str, str] = {}  # event key -> the date it holds

    def add_mention(self, article: Article, m: Mention) -> str | None:
        if m.type not in ENTITY_KINDS:
            return None
        name = canonical_name(m, self.home_city)
        if not name:
            return None
        if m.type == EVENT:
            day = m.attrs.get("date")
            on_page = self.event_days.get((article.page_id, normalize_name(name)))
            if on_page and on_page.startswith(day or ""):
                day = on_page
            key = event_key(name, day, article.date, article.page_id)
            if day:
                self.key_days[key] = day
        else:
            key = entity_key(m.type, name)
        ent = self.entities.get(key)
        if ent is None:
            ent = Entity(kind=m.type, key=key, name=name)
            self.entities[key] = ent
        for form in (m.text, m.attrs.get("name") if m.type == EVENT else None):
            surface = normalize_name(form or "")  # (an event as written: 市…届人大…次会议)
            if surface and surface != normalize_name(ent.name):
                ent.alt_names.add(form.strip())
        self._merge_attrs(ent, m)
        ent.mentions.append((article.article_id, m.start, m.end, m.text))
        return key

    def _merge_attrs(self, ent: Entity, m: Mention) -> None:
        attrs = m.attrs
        if ent.kind == PERSON:
            kind = attrs.get("kind", "")
            rank = {"official": 2, "journalist": 1}
            if rank.get(kind, 0) > rank.get(ent.subtype, 0):
                ent.subtype = kind
        elif ent.kind == ORGANIZATION:
            ent.subtype = ent.subtype or attrs.get("type", "")
            for k in ("level", "parent"):
                if attrs.get(k) and k not in ent.attrs:
                    ent.attrs[k] = attrs[k]
        elif ent.kind == PLACE:
            ent.subtype = ent.subtype or attrs.get("level", "")
            for k in ("code", "within", "lat", "lon", "level", "ancestors"):
                if attrs.get(k) not in (None, "") and k not in ent.attrs:
                    ent.attrs[k] = attrs[k]
        else:
            ent.subtype = ent.subtype or attrs.get("kind", "")
            for k, v in attrs.items():
                if k not in ("name",) and v not in (None, "") and k not in ent.attrs:
                    ent.attrs[k] = v

    def _post_org(self, attrs: dict) -> None:
        """Resolve the organisation a post names (市委副书记 -> the home city's 市委)."""
        from newsgraph.extract.organizations import title_body

        # the body the post's own words name (应急管理部党委委员 -> 应急管理部); none for
        # 本报记者 or 热线话务主管; else the body the post belongs to (副市长 -> 市政府)
        printed = attrs.get("org", "")
        org = title_body(printed)
        if not org:
            org = default_org(attrs.get("role", ""), attrs.get("level", ""))
            if org and printed and printed[-1:] == org[:1] and printed[-1:] in "省市县区":
                org = printed + org[1:]  # 朔州市 + 市长 -> 朔州市政府, not the home city's
        if not org:
            return
        m = Mention(0, 0, ORGANIZATION, org, {"type": attrs.get("org_type", "")})
        key = entity_key(ORGANIZATION, canonical_name(m, self.home_city))
        if key not in self.entities:
            self.entities[key] = Entity(ORGANIZATION, key, canonical_name(m, self.home_city),
                                        subtype=org_type(org))
        if org != self.entities[key].name:
            self.entities[key].alt_names.add(org)
        attrs["org_key"] = key

    def add_doc(self, article: Article, doc: Doc) -> None:
        keys: dict[tuple[int, int, str], str] = {}
        for m in doc.mentions:
            key = self.add_mention(article, m)
            if key:
                keys[m.key] = key
        for r in doc.relations:
            subj = keys.get(r.subject.key)
            if subj is None:
                continue
            obj = keys.get(r.object.key)
            attrs = dict(r.object.attrs) | dict(r.attrs)
            if obj is None:  # a value: a title, a date, an amount
                obj = r.object.text
                attrs.setdefault("text", r.object.text)
            if r.kind == "holds_title":
                self._post_org(attrs)
                if attrs.get("official") and subj in self.entities:
                    self.entities[subj].subtype = "official"  # (a post its body made one)
            elif r.kind == "date" and _coarser(attrs.get("start"), self.key_days.get(subj, "")):
                continue  # 金秋十月 of the meeting the page dates 10月13日: that date says it
            self.facts.append(Fact(r.kind, subj, obj, article.article_id, attrs))
        for name, role in article.reporters:
            key = entity_key(PERSON, name)
            ent = self.entities.setdefault(key, Entity(kind=PERSON, key=key, name=name))
            if ent.subtype != "official":
                ent.subtype = "journalist"
            self.facts.append(Fact("author", key, article.article_id, article.article_id,
                                   {"role": role}))


def resolve(
    docs: Iterable[tuple[Page, Article, Doc]], *, home_city: str,
    conflicted: Iterable[str] | None = None,
) -> Corpus:
    """Resolve the mentions of every (page, article, doc) into one :class:`Corpus`.

    ``conflicted``: the person keys to split as homonyms, when the decision was taken over
    a larger corpus than ``docs`` (see :mod:`newsgraph.resolve.people`).
    """
    r = _Resolver(home_city)
    docs = list(docs)
    r.event_days = _event_days(docs, home_city)
    corpus = Corpus(home_city=home_city)
    seen_pages: set[str] = set()
    for page, article, doc in docs:
        if page.page_id not in seen_pages:
            seen_pages.add(page.page_id)
            corpus.pages.append(page)
        corpus.articles.append(article)
        r.add_doc(article, doc)
    corpus.entities = r.entities
    corpus.facts = r.facts
    split_homonyms(corpus, conflicted)
    return corpus
