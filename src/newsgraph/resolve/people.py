"""Telling apart two people who share a name.

Rule: one name is one person, unless the evidence conflicts. Two mentions of a name
conflict when, on the same issue date, they hold official posts at the same level in
different places (市长 of one city and 市长 of another). Then each place's holder is its
own entity, keyed by name and place. Without conflicting evidence names merge, which is
what a newspaper's own readers assume.
"""

from __future__ import annotations

from newsgraph.model import PERSON, Corpus


def split_homonyms(corpus: Corpus) -> None:
    """Split person entities whose posts conflict (see the module docstring)."""
    dates = {a.article_id: a.date for a in corpus.articles}
    by_person: dict[str, list] = {}
    for fact in corpus.facts:
        if fact.kind == "holds_title" and fact.subject in corpus.entities:
            by_person.setdefault(fact.subject, []).append(fact)
    for key, facts in by_person.items():
        ent = corpus.entities[key]
        if ent.kind != PERSON:
            continue
        places: dict[tuple, set[str]] = {}
        for f in facts:
            place = f.attrs.get("place") or ""
            slot = (dates.get(f.article_id), f.attrs.get("role"), f.attrs.get("level"))
            if place and slot[1] and slot[2]:
                places.setdefault(slot, set()).add(place)
        conflict = any(len(v) > 1 for v in places.values())
        if conflict:
            _split(corpus, key, facts)


def _split(corpus: Corpus, key: str, facts: list) -> None:
    """Give each place's holder of the name an entity of its own."""
    ent = corpus.entities.pop(key)
    article_place = {f.article_id: f.attrs.get("place") or "" for f in facts}
    new_keys: dict[str, str] = {}
    for art_id, start, end, text in ent.mentions:
        place = article_place.get(art_id, "")
        new_key = f"{key}@{place}" if place else key
        if new_key not in corpus.entities:
            corpus.entities[new_key] = type(ent)(
                kind=ent.kind, key=new_key, name=ent.name, alt_names=set(ent.alt_names),
                subtype=ent.subtype, attrs=dict(ent.attrs) | ({"place": place} if place else {}),
            )
        corpus.entities[new_key].mentions.append((art_id, start, end, text))
        new_keys[art_id] = new_key
    for fact in corpus.facts:
        if fact.subject == key:
            fact.subject = new_keys.get(fact.article_id, key)
        if fact.object == key:
            fact.object = new_keys.get(fact.article_id, key)
