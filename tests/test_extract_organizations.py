"""Organisation mentions through the public extract interface."""

from __future__ import annotations

import pytest

from newsgraph.extract import STEPS, pipeline, run
from newsgraph.model import Doc


def extract(text: str) -> Doc:
    try:
        return run(Doc(text=text))
    except ModuleNotFoundError:  # a later step not written yet
        names = [s for s in STEPS if s in ("dates", "titles", "persons", "places", "organizations")]
        doc = Doc(text=text)
        for step in pipeline(names):
            step(doc)
        return doc


def orgs(text: str) -> dict[str, dict]:
    return {m.text: m.attrs for m in extract(text).of_type("organization")}


@pytest.mark.parametrize(
    "text, name, type_",
    [
        ("记者11月13日从市生态环境局获悉，空气质量持续改善。", "市生态环境局", "government"),
        ("近年来，市纪委监委把廉洁文化建设作为重要内容。", "市纪委监委", "party"),
        ("近日，山西华青环保股份有限公司正式挂牌。", "山西华青环保股份有限公司", "corporation"),
        ("这一天对于市五医院眼科大夫而言并不特别。", "市五医院", "hospital"),
        ("新华社北京2月23日电 仪式在坦桑尼亚举行。", "新华社", "media"),
        ("值此坦桑尼亚革命党联合建设的学院竣工之际", "坦桑尼亚革命党", "party"),
        ("市委政研室以党的建设为统领。", "市委政研室", "government"),
        ("我市由商务局牵头推进项目。", "商务局", "government"),
    ],
)
def test_named_bodies(text, name, type_):
    got = orgs(text)
    assert name in got, got
    assert got[name]["type"] == type_


def test_parent_and_level():
    got = orgs("国家乡村振兴局社会帮扶司副司长吕焱作专题授课。")
    assert got["国家乡村振兴局社会帮扶司"]["parent"] == "国家乡村振兴局"
    assert got["国家乡村振兴局社会帮扶司"]["level"] == "national"
    assert "国家乡村振兴局" in got
    assert orgs("市委政研室以党的建设为统领。")["市委政研室"]["parent"] == "市委"


def test_short_forms():
    got = orgs("市工信局相关负责人说，将按照市委、市政府决策部署推进工作。")
    assert got["市工信局"]["short"] is True
    assert {"市委", "市政府"} <= set(got)
    assert got["市委"]["type"] == "party"


def test_bare_party_committee_inside_a_title_is_not_an_organisation():
    got = orgs("市委副书记、市长张强主持会议。")
    assert "市委" not in got


def test_organisation_in_a_title_counts():
    got = orgs("省乡村振兴局副局长周智深作开班动员，市人大常委会主任谷明出席。")
    assert {"省乡村振兴局", "市人大常委会"} <= set(got)
    assert got["省乡村振兴局"]["level"] == "provincial"


def test_company_short_name_found_again():
    got = orgs("山西华青环保股份有限公司挂牌。据了解，华青环保是第一家登陆的民营企业。")
    assert "华青环保" in got


def test_company_after_a_place():
    got = orgs("走进中国重汽集团大同齿轮有限公司的车间")
    assert "中国重汽集团大同齿轮有限公司" in got


def test_generic_words_are_not_organisations():
    got = orgs("要按照省委部署，形成新发展格局，各部门要积极布局，广大党员干部要带头。")
    assert set(got) == {"省委"}
