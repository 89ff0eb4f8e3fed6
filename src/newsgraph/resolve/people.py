"""Telling apart two people who share a name.

Rule: one name is one person, unless the evidence conflicts. The evidence conflicts when,
on the same date, the name holds the same post (same role at the same level) in two
different places: a city has one 市长 at a time, so 张伟 市长 of 大同市 and 张伟 市长 of
朔州市 on one day are two people. Then each place's holder becomes an entity of its own,
keyed by name and place (``person:张伟@朔州市``). Nothing else splits a name:

- the same post in two places on different dates is a transfer, one person;
- different posts on the same day (市委副书记 and 市长) are concurrent posts, one person;
- a name without posts, or posts with no known place, gives no evidence.

Without conflicting evidence names merge, which is what a newspaper's own readers assume.

The evidence may sit on different pages. :func:`conflicting_people` decides from the
:class:`Post` rows of the whole corpus (the store keeps them per page), and
:func:`split_homonyms` applies that decision to any subset of pages, so a page's graph is
the same whether it is built alone or with the rest of the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.model import ORGANIZATION, PERSON, Corpus, Fact


@dataclass(frozen=True, order=True)
class Post:
    """A post a named person holds in an article of a given date, and where."""

    person: str  # entity key before any split
    day: str  # ISO date of the article
    role: str
    level: str
    where: str  # the place the post is in (大同市), "" when unknown
    article_id: str


@lru_cache(maxsize=4096)
def _place_prefix(org_name: str) -> str:
    """The division an organisation's name starts with: 朔州市政府 -> 朔州市."""
    from newsgraph.lexicons.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    for end in range(len(org_name), 1, -1):
        division = gaz.resolve(org_name[:end])
        if division is not None:
            return division.name
    return ""


def where_of(fact: Fact, corpus: Corpus) -> str:
    """The place of a post: the extractor's ``place``, else its organisation's place."""
    if fact.attrs.get("place"):
        return str(fact.attrs["place"])
    org = corpus.entities.get(fact.attrs.get("org_key") or "")
    if org is None or org.kind != ORGANIZATION:
        return ""
    return _place_prefix(org.name)


def post_rows(corpus: Corpus) -> list[Post]:
    """Every dated post of a person in ``corpus`` (the evidence the rule reads)."""
    dates = {a.article_id: a.date for a in corpus.articles}
    rows = []
    for f in corpus.facts:
        ent = corpus.entities.get(f.subject)
        day = dates.get(f.article_id)
        if f.kind != "holds_title" or ent is None or ent.kind != PERSON or day is None:
            continue
        person = ent.attrs.get("unsplit_key", f.subject)
        rows.append(Post(person, day.isoformat(), str(f.attrs.get("role") or ""),
                         str(f.attrs.get("level") or ""), where_of(f, corpus), f.article_id))
    return sorted(set(rows))


def conflicting_people(posts: Iterable[Post]) -> set[str]:
    """The person keys whose posts conflict: same day, same role and level, two places."""
    places: dict[tuple, set[str]] = defaultdict(set)
    for p in posts:
        if p.where and p.role and p.level:
            places[(p.person, p.day, p.role, p.level)].add(p.where)
    return {slot[0] for slot, where in places.items() if len(where) > 1}


def split_homonyms(corpus: Corpus, conflicted: Iterable[str] | None = None) -> None:
    """Split the person entities whose posts conflict (see the module docstring).

    ``conflicted`` is the corpus-wide decision when ``corpus`` holds only some pages;
    by default it is taken from ``corpus`` itself.
    """
    rows = post_rows(corpus)
    keys = set(conflicting_people(rows) if conflicted is None else conflicted)
    by_person: dict[str, list[Post]] = defaultdict(list)
    for row in rows:
        if row.person in keys and row.person in corpus.entities:
            by_person[row.person].append(row)
    for key, posts in sorted(by_person.items()):
        _split(corpus, key, posts)


def _split(corpus: Corpus, key: str, posts: list[Post]) -> None:
    """Give each place's holder of the name an entity of its own.

    A mention goes to the holder of the post its article names; mentions in articles
    without a placed post keep the plain name.
    """
    ent = corpus.entities.pop(key)
    article_place: dict[str, str] = {}
    for p in sorted(posts):
        if p.where:
            article_place.setdefault(p.article_id, p.where)

    def new_key(article_id: str) -> str:
        place = article_place.get(article_id, "")
        new = f"{key}@{place}" if place else key
        if new not in corpus.entities:
            attrs = dict(ent.attrs) | {"unsplit_key": key} | ({"place": place} if place else {})
            corpus.entities[new] = type(ent)(
                kind=ent.kind, key=new, name=ent.name, alt_names=set(ent.alt_names),
                subtype=ent.subtype, attrs=attrs)
        return new

    for art_id, start, end, text in ent.mentions:
        corpus.entities[new_key(art_id)].mentions.append((art_id, start, end, text))
    for fact in corpus.facts:
        if fact.subject == key:
            fact.subject = new_key(fact.article_id)
        if fact.object == key:
            fact.object = new_key(fact.article_id)
