from datetime import date

from newsgraph.extract import run
from newsgraph.model import Doc


def extract(text, issue=date(2023, 10, 12)):
    return run(Doc(text=text, issue_date=issue, home_city="大同市"))


def rels(doc, kind):
    return [r for r in doc.relations if r.kind == kind and r.subject.type == "event"]


def test_own_name_kind_date_and_place():
    doc = extract("10月13日，三市将牵手于古都大同，召开蒙晋冀(乌大张)长城金三角合作区第八届联席会议"
                  "暨深化融入京津冀协同发展大会。")
    (ev,) = doc.of_type("event")
    assert ev.attrs["name"] == ("蒙晋冀(乌大张)长城金三角合作区第八届联席会议"
                                "暨深化融入京津冀协同发展大会")
    assert ev.attrs["kind"] == "conference"
    (d,) = rels(doc, "date")
    assert d.object.attrs["start"] == "2023-10-13"


def test_training_course_span_place_and_roles():
    text = ("本报讯(记者 宋芳)为期3天的中央在晋定点帮扶单位挂职干部培训班10月11日在我市开班。\n\n"
            "市委副书记、市长张强在开班仪式上致辞；省乡村振兴局副局长周智深作开班动员；"
            "副市长孟维君参加。")
    doc = extract(text)
    ev = doc.of_type("event")[0]
    assert ev.attrs["name"] == "中央在晋定点帮扶单位挂职干部培训班"
    assert ev.attrs["kind"] == "training"
    assert (ev.attrs["date"], ev.attrs["end_date"]) == ("2023-10-11", "2023-10-13")
    assert [r.object.text for r in rels(doc, "located_in")] == ["我市"]
    roles = {r.object.text: r.attrs["role"] for r in rels(doc, "participant")}
    assert roles == {"张强": "speaks", "周智深": "speaks", "孟维君": "attends"}


def test_chairs_and_attends():
    text = ("2月23日，研讨班开班式在市御东行政中心举行。市委副书记、市长张强主持，"
            "市人大常委会主任谷明出席。")
    doc = extract("市管主要领导干部专题" + text, date(2022, 2, 24))
    ev = doc.of_type("event")[0]
    assert ev.attrs["kind"] == "training"
    roles = {r.object.text: r.attrs["role"] for r in rels(doc, "participant")}
    assert roles == {"张强": "chairs", "谷明": "attends"}
    assert rels(doc, "located_in")[0].object.text == "市御东行政中心"


def test_inspection_headline_with_span_leads_and_accompanies():
    text = ("应急管理部赴阳高县广灵县调研定点帮扶工作\n\n"
            "本报讯 7月13日至14日，应急管理部副部长宋元明率队赴我市阳高县、广灵县调研。"
            "市委书记卢东亮，市长张强等陪同调研。")
    doc = extract(text, date(2022, 7, 17))
    ev = doc.of_type("event")[0]
    assert ev.attrs["kind"] == "inspection"
    assert ev.attrs["name"] == "应急管理部赴阳高县广灵县调研定点帮扶工作"
    assert (ev.attrs["date"], ev.attrs["end_date"]) == ("2022-07-13", "2022-07-14")
    roles = {r.object.text: r.attrs["role"] for r in rels(doc, "participant")}
    assert roles["宋元明"] == "leads"
    assert roles["卢东亮"] == roles["张强"] == "accompanies"


def test_shortest_identifying_phrase_and_vague_date_unused():
    doc = extract("日前，市长张强主持召开古城建设专题会，研究部署工作。")
    (ev,) = doc.of_type("event")
    assert ev.attrs["name"] == "古城建设专题会"
    assert ev.attrs["kind"] == "meeting"
    assert rels(doc, "date") == []
    assert rels(doc, "participant")[0].attrs["role"] == "chairs"


def test_generic_words_are_not_events():
    doc = extract("会议以视频会议方式召开，此次活动取得成效。")
    assert doc.of_type("event") == []
