"""A small statistical tagger for person, place and organisation names.

``tagger()`` loads the shipped model once (lazily); ``tag(text)`` returns
:class:`~newsgraph.ner.tagger.Span` objects (start, end, label PER/LOC/ORG, prob). The
model is trained by ``scripts/train_ner.py`` from ``data/train`` (MSRA NER corpus).
"""

from __future__ import annotations

from functools import cache

from newsgraph.ner.tagger import LABELS, TAGS, Span, Tagger

__all__ = ["LABELS", "TAGS", "Span", "Tagger", "tag", "tagger"]


@cache
def tagger() -> Tagger:
    return Tagger.load()


def tag(text: str) -> list[Span]:
    return tagger().tag(text)
