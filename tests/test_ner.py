"""The statistical NER tagger (newsgraph.ner) and its extract step, through their public
interfaces."""

from __future__ import annotations

import time

from newsgraph.extract import STEPS, pipeline, run
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


def test_shipped_model_is_two_pass_small_and_carries_its_lexicon():
    from importlib import resources

    model = tagger()
    assert model.lexicon is not None and len(model.lexicon.keys) > 10_000
    assert model.stack is not None
    path = resources.files("newsgraph.models").joinpath("ner_msra.npz")
    assert path.stat().st_size < 6_000_000
    text = SENTENCE * 4
    assert tag(text) == model.tag(text)
    # the second pass changes the first pass's scores, and only through its features
    assert (model.scores(SENTENCE) != model.first_scores(SENTENCE)).any()


def test_lexicon_features_mark_place_names_and_org_suffixes():
    import numpy as np

    from newsgraph.ner.features import LEX_MAX, codepoints

    text = "他在北京市委员会"
    cp = codepoints(text).astype(np.uint64)
    pad = np.concatenate([cp, np.full(LEX_MAX, 2, np.uint64)])
    loc, org = tagger().lexicon.states(pad, len(cp))
    assert loc[:2].tolist() == [0, 0] and all(loc[2:5])  # 北京市
    assert org[-1] > 0 and org[:4].tolist() == [0, 0, 0, 0]  # 委员会


def test_one_character_abbreviations_in_a_pair_name_their_places():
    doc = _run("中美两国领导人在北京举行会谈。", with_model=True)
    places = {(doc.text[m.start:m.end], m.attrs.get("name")) for m in doc.mentions
              if m.type == "place"}
    assert ("中", "中国") in places and ("美", "美国") in places
    # a lone character stays out
    doc = _run("后续扶持，持续扎实推进和美乡村建设。", with_model=True)
    assert not [m for m in doc.mentions if m.end - m.start == 1]


def test_step_keeps_out_of_book_titles_and_symbols():
    doc = _run("会议学习了《中国共产党政法工作条例》。", with_model=True)
    assert not [m for m in doc.mentions if m.type in ("person", "place", "organization")]
    doc = _run("→坊城新村村民来到广场。", with_model=True)
    assert all("→" not in doc.text[m.start:m.end] for m in doc.mentions)


def test_sure_model_person_replaces_a_rule_fragment_it_covers():
    doc = _run("美国总统克林顿今天抵达洛杉矶。", with_model=True)
    persons = [doc.text[m.start:m.end] for m in doc.mentions if m.type == "person"]
    assert persons == ["克林顿"]


def test_second_pass_features_of_some_positions_match_those_of_all():
    import numpy as np

    from newsgraph.ner.features import codepoints, stack_hashes

    text = SENTENCE + "张家口市第一中学的王小明同学来到上海。"
    cp = codepoints(text)
    tags = tagger().first_scores(text).argmax(1)
    some = np.array([0, 3, 5, 9, len(text) - 1])
    assert (stack_hashes(cp, tags, some) == stack_hashes(cp, tags)[:, some]).all()


def _found(doc: Doc, type_: str) -> list[str]:
    return [doc.text[m.start:m.end] for m in doc.mentions if m.type == type_]


def test_a_place_before_a_generic_word_for_its_government_is_the_place():
    # People's Daily marks 美国 in 美国政府: the government of a place is no name of its own
    doc = _run("江泽民主席对美国政府和人民给予的帮助表示感谢。", with_model=True)
    assert _found(doc, "place") == ["美国"]
    assert _found(doc, "organization") == []
    # a body with a name of its own keeps it
    doc = _run("美国中国商会会长出席了招待会。", with_model=True)
    assert _found(doc, "organization") == ["美国中国商会"]


def test_a_place_heading_an_organisation_is_part_of_its_name():
    doc = _run("盘锦市教委针对应试教育作出部署。", with_model=True)
    assert _found(doc, "organization") == ["盘锦市教委"] and _found(doc, "place") == []
    # ... also when only the model reads the organisation's name
    doc = _run("小平同志到沈阳飞机厂视察。", with_model=True)
    assert _found(doc, "organization") == ["沈阳飞机厂"] and _found(doc, "place") == []
    rules = _run("小平同志到沈阳飞机厂视察。", with_model=False)
    assert _found(rules, "place") == ["沈阳"]


def test_the_model_sets_the_boundaries_of_names_the_rules_did_not_anchor():
    rules = _run("我向洛杉矶市和加利福尼亚州人民表示感谢。", with_model=False)
    assert "洛杉矶" in _found(rules, "place")
    doc = _run("我向洛杉矶市和加利福尼亚州人民表示感谢。", with_model=True)
    assert "洛杉矶市" in _found(doc, "place") and "洛杉矶" not in _found(doc, "place")


def test_rule_mentions_from_weak_evidence_the_model_does_not_see_go():
    for text, type_, name in [("这种精神历来被各个民族所尊崇。", "organization", "民族所"),
                              ("总统的贺辞指出，两国关系发展顺利。", "person", "贺辞")]:
        assert name in _found(_run(text, with_model=False), type_)  # the rules' slip
        assert name not in _found(_run(text, with_model=True), type_), text


def test_a_sure_one_character_abbreviation_names_its_place():
    doc = _run("研讨会最近在京举行。", with_model=True)
    places = [(doc.text[m.start:m.end], m.attrs["name"]) for m in doc.mentions
              if m.type == "place"]
    assert places == [("京", "北京市")]


def test_a_surname_before_a_post_is_the_person_it_names():
    doc = _run("江主席离开纽约。", with_model=True)
    assert _found(doc, "person") == ["江"]
    doc = _run("江泽民抵达洛杉矶。江主席在机场发表讲话。", with_model=True)
    short = [m for m in doc.mentions if m.type == "person" and m.text == "江"]
    assert [m.attrs.get("refers_to") for m in short] == ["江泽民"]
    assert _found(_run("祝同志们顺利。", with_model=True), "person") == []


def test_names_the_titles_step_read_into_a_post():
    doc = _run("应塞迪略总统的邀请，江泽民主席访问墨西哥。", with_model=True)
    assert "塞迪略" in _found(doc, "person")
    doc = _run("美中贸易全国委员会主席费希尔和夫人出席。", with_model=True)
    assert _found(doc, "organization") == ["美中贸易全国委员会"]
    doc = _run("洛杉矶市市长理查德·赖尔登为江主席举行午宴。", with_model=True)
    assert "理查德·赖尔登" in _found(doc, "person")  # a name with · may be long


def test_sure_persons_and_places_in_book_titles_but_no_organisations():
    doc = _run("学校推荐的《邓小平理论与跨世纪干部》一书。", with_model=True)
    assert _found(doc, "person") == ["邓小平"]
    doc = _run("会议学习了《中国共产党政法工作条例》。", with_model=True)
    assert _found(doc, "organization") == []


def test_the_step_is_fast():
    text = ("市委副书记、市长张强在大同市调研京东集团华北数据中心项目，美国政府代表团同行。"
            "江主席在京会见了盘锦市教委负责人。") * 300
    doc = Doc(text=text)
    names = [s for s in STEPS if s != "ner"]
    for step in pipeline(names[:names.index("organizations") + 1]):
        step(doc)
    import newsgraph.extract.ner as step

    tag(text)  # the tagger's own time is not the step's
    t0 = time.perf_counter()
    step.extract(doc)
    spent = time.perf_counter() - t0
    t0 = time.perf_counter()
    tag(text)
    tagging = time.perf_counter() - t0
    assert spent < 3 * tagging + 0.5, (spent, tagging)


def test_texts_tagged_together_get_the_spans_they_get_alone():
    from newsgraph.ner import prepare, tag_many

    texts = [SENTENCE, "", "张家口市第一中学的王小明同学来到上海。", "中美", SENTENCE,
             "北京", "美国总统克林顿今天抵达洛杉矶。", "。"]
    alone = [tag(t) for t in texts]
    assert tag_many(texts) == alone
    assert tag_many([]) == [] and tag_many(["", ""]) == [[], []]
    prepare(texts)
    assert [tag(t) for t in texts] == alone  # the prepared ones, then computed again
    assert tag(SENTENCE) == alone[0]


def test_decoding_runs_together_is_decoding_each_padded():
    import numpy as np

    from newsgraph.ner.tagger import TRANS, decode, pad_runs, viterbi

    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(1, 60))
        s = (rng.standard_normal((n, 7)) * rng.choice([0.5, 2.0, 6.0])).astype(np.float32)
        s[rng.random(n) < 0.4, 0] += 8.0  # sure O positions cut the text into runs
        tags = decode(s)
        other = s[:, 1:].max(1)
        free = ~((s.argmax(1) == 0) & (s[:, 0] - other > 4.0))
        want = np.zeros(n, dtype=np.intp)
        if free.any():
            edges = np.diff(np.concatenate(([0], free.view(np.int8), [0])))
            starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
            sc, idx, pad = pad_runs(s, starts, ends)
            want[idx[~pad]] = viterbi(sc, TRANS)[~pad]
        assert (tags == want).all()


def test_packed_weight_table_scores_as_the_float_one():
    import numpy as np

    from newsgraph.ner.tagger import Table

    rng = np.random.default_rng(5)
    bits = 10
    q = rng.integers(-127, 128, size=(1 << bits, 7)).astype(np.int8)
    finger = rng.integers(0, 256, size=1 << bits).astype(np.uint8)
    scale = np.float32(0.0217)
    packed = Table(q, bits, finger, scale)
    plain = Table(q.astype(np.float32) * scale, bits, finger)
    h = rng.integers(0, 2**63, size=(18, 300), dtype=np.uint64) * np.uint64(2)
    # half the hashes carry their bucket owner's fingerprint
    own = rng.random(h.shape) < 0.5
    bucket = (h >> np.uint64(64 - bits)).astype(np.intp)
    fp = finger[bucket].astype(np.uint64) << np.uint64(20)
    h[own] = (h[own] & ~np.uint64(0xFF << 20)) | fp[own]
    assert np.array_equal(packed.scores(h), plain.scores(h))
    assert np.array_equal(packed.weights, plain.weights)


def test_feature_rows_are_summed_one_after_another():
    import numpy as np

    from newsgraph.ner.tagger import LANES, N_TAGS, Table

    rng = np.random.default_rng(9)
    bits = 8
    w = (rng.standard_normal((1 << bits, N_TAGS)) * 3).astype(np.float32)
    finger = np.zeros(1 << bits, dtype=np.uint8)
    table = Table(w, bits, finger)
    for f, n in ((18, 700), (14, 1), (3, 50), (1, 9)):
        h = rng.integers(0, 1 << bits, size=(f, n)).astype(np.uint64) << np.uint64(64 - bits)
        rows = table.weights[(h >> np.uint64(64 - bits)).astype(np.intp)]  # fingerprint 0
        want = rows[0].copy()
        for k in range(1, f):
            want += rows[k]
        assert want.shape == (n, LANES)
        assert np.array_equal(table.scores(h), want[:, :N_TAGS])


def test_a_page_extracted_together_gets_what_each_article_gets_alone():
    from newsgraph import extract
    from newsgraph.model import Doc

    texts = [SENTENCE, "张家口市第一中学的王小明同学来到上海。", "", SENTENCE,
             "美国总统克林顿今天抵达洛杉矶。"]

    def found(docs):
        return [[(m.start, m.end, m.type, m.text) for m in d.mentions] for d in docs]

    alone = [extract.run(Doc(text=t, home_city="大同市")) for t in texts]
    together = extract.run_all([Doc(text=t, home_city="大同市") for t in texts])
    assert found(together) == found(alone)
    assert any(found(alone))


def test_a_township_the_model_names_by_its_short_form_is_linked_only_near_the_text():
    # 华东 is a region, not the 华东街道 of a Liaoning county; near home a short form links
    doc = run(Doc(text="华东的花木企业纷纷前来参展。", home_city="宿迁市"))
    assert [(m.text, m.attrs.get("level")) for m in doc.of_type("place")] == [("华东", None)]
    doc = run(Doc(text="华东的花木企业纷纷前来参展。", home_city="阜新市"))
    assert [m.attrs.get("name") for m in doc.of_type("place")] == ["华东街道"]


def test_the_model_names_no_generic_institution_nor_a_congress_by_its_number():
    doc = run(Doc(text="人民政协是协商民主的重要渠道。中共十八大以来，我市发展迅速。"))
    assert doc.of_type("organization") == []


def test_the_model_takes_neither_two_names_run_together_nor_a_dot_ended_name():
    doc = run(Doc(text="卢东亮深入云冈区调研并看望慰问老党员和生活困难党员 任希杰王明厚参加\n\n"
                       "平城区开启“清凉夏都·醉美平城”系列活动。麦克阿瑟、费尔南德斯访华。"))
    people = _found(doc, "person")
    assert "任希杰王明厚" not in people and not any(p.endswith("·") for p in people)
    assert {"麦克阿瑟", "费尔南德斯"} <= set(people)


def test_a_known_place_with_the_start_of_the_next_word_is_no_place():
    """A 九江 probe page: the model's 九江安 (九江|安心发展) is a slip; 九江 stays."""
    from newsgraph.pipeline import process_page

    page = ("示例标题\n\n产业起飞，服务先行。各级各部门要以最大的诚意、最优的资源、最高的效率"
            "服务企业，用心用情解决企业在用地、用工、融资、空域协调等方面的难题，让企业在"
            "九江安心发展、放心投资。")
    res = process_page(page.encode(), "c.txt", home_city="九江市")
    assert [m.text for d in res.docs for m in d.of_type("place")] == ["九江"]


def test_a_term_of_a_congress_is_no_body_of_the_model():
    """省十四届人大 (五次会议): a session's term, no organisation (南充, 襄阳 probe pages)."""
    doc = run(Doc(text="2月3日，省十四届人大五次会议在成都开幕。", home_city="南充市"))
    assert [m.text for m in doc.of_type("organization")] == []
    assert [m.attrs["name"] for m in doc.of_type("event")] == ["省十四届人大五次会议"]


def test_a_one_character_abbreviation_that_starts_a_name_is_no_place():
    doc = run(Doc(text="推动燃气企业与华润战略重组。", home_city="鞍山市"))
    assert doc.of_type("place") == []
    doc = run(Doc(text="他访华期间，在京参加会议。", home_city="鞍山市"))
    assert [m.attrs["name"] for m in doc.of_type("place")] == ["中国", "北京市"]


def test_a_one_character_abbreviation_is_a_place_only_where_it_reads_as_one():
    for text in ("3月13日，美芝精密科技产业园开工。", "“津盛农商行”冠名赛事。",
                 "完成京东、申通所需仓库。", "建设宜居宜业和美乡村。"):
        found = run(Doc(text=text, home_city="芜湖市")).of_type("place")
        assert [m.text for m in found if len(m.text) == 1] == [], text
    doc = run(Doc(text="中美两国元首会晤。代表团赴京参加会议。", home_city="芜湖市"))
    assert {m.attrs["name"] for m in doc.of_type("place")} >= {"美国", "北京市"}
