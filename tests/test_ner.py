"""The statistical NER tagger (newsgraph.ner) and its extract step, through their public
interfaces."""

from __future__ import annotations

import time

from newsgraph.extract import STEPS, pipeline
from newsgraph.model import Doc
from newsgraph.ner import Span, Tagger, tag, tagger

SENTENCE = "国务院总理李鹏今天在北京会见了日本外务省代表团。"


def labelled(text: str) -> set[tuple[str, str]]:
    return {(text[s.start:s.end], s.label) for s in tag(text)}


def test_model_loads_quickly_and_tags_person_place_org():
    t0 = time.perf_counter()
    model = Tagger.load()
    assert time.perf_counter() - t0 < 1.0  # generous: the budget is 0.2 s
    assert isinstance(model, Tagger)
    got = labelled(SENTENCE)
    assert ("李鹏", "PER") in got
    assert ("北京", "LOC") in got
    assert ("国务院", "ORG") in got


def test_spans_are_well_formed_and_deterministic():
    text = SENTENCE * 3 + "\n\n" + "张家口市第一中学的王小明同学来到上海。"
    first = tag(text)
    assert first == tag(text) == tagger().tag(text)
    for s in first:
        assert isinstance(s, Span)
        assert 0 <= s.start < s.end <= len(text)
        assert s.label in ("PER", "LOC", "ORG")
        assert 0.0 <= s.prob <= 1.0
    starts = [s.start for s in first]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(first, first[1:], strict=False))


def test_empty_and_odd_text():
    assert tag("") == []
    assert tag("。") == []
    assert isinstance(tag("ABC 123 ａｂｃ１２３"), list)


def _run(text: str, with_model: bool) -> Doc:
    names = [s for s in STEPS if s != "ner"]
    if with_model:
        names.insert(names.index("organizations") + 1, "ner")
    doc = Doc(text=text)
    for step in pipeline(names):
        step(doc)
    return doc


def test_step_adds_model_mentions_without_overlapping_rule_mentions():
    text = "昨天，刘晓明和王丽华一起参观了故宫博物院。"
    rules = _run(text, with_model=False)
    both = _run(text, with_model=True)
    rule_keys = {m.key for m in rules.mentions}
    assert rule_keys <= {m.key for m in both.mentions}  # the rules' mentions stay
    added = [m for m in both.mentions if m.key not in rule_keys]
    assert added and all(m.attrs.get("source") == "model" for m in added)
    for m in added:
        for r in rules.mentions:
            assert m.end <= r.start or r.end <= m.start, (m, r)
    for m in added:
        if m.type == "person":
            assert m.attrs["kind"] in ("other", "official", "journalist")
        if m.type == "place":
            assert m.attrs["name"] and m.attrs["level"]


def test_step_can_be_turned_off(monkeypatch):
    import newsgraph.extract.ner as step

    monkeypatch.setattr(step, "ENABLED", False)
    doc = Doc(text=SENTENCE)
    step.extract(doc)
    assert doc.mentions == []
