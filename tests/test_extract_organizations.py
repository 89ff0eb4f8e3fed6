"""Organisation mentions through the public extract interface."""

from __future__ import annotations

import pytest

from newsgraph.extract import STEPS, pipeline, run
from newsgraph.model import Doc


def extract(text: str) -> Doc:
    """The rule steps up to organisations (the statistical ``ner`` step is tested apart)."""
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


@pytest.mark.parametrize(
    "text, bad",
    [
        ("要抓好公共场所防控，商场、超市等人员密集场所必须严格落实。", "公共场所"),
        ("形成了大事要事保障新格局。", "新格局"),
        ("共同推动全市政法工作取得了新进展新成效。", "新进展"),
        ("南部非洲六姊妹党团结带领本国人民致力于国家独立。", "南部非洲六姊妹党"),
        ("其中特殊教育学校全覆盖、公益性零工市场全覆盖。", "特殊教育学校"),
        ("记者在我市部分医院看到，相关科室的医生们忙得不可开交。", "市部分医院"),
        ("卢东亮出席市管主要领导干部学习贯彻党的十九届六中全会精神专题研讨班。",
         "市管主要领导干部"),
        ("按照省委、省政府工作部署，聚焦重点任务。", "省政府工作部署"),
        ("组建医调委、交调委、婚调委等36个调解委员会。", "医调委"),
        ("要抓《中国共产党政法工作条例》贯彻落实。", "中国共产党"),
    ],
)
def test_generic_phrases_are_not_organisations(text, bad):
    assert bad not in orgs(text)


def test_we_represent_the_party_is_the_party():
    got = orgs("值此竣工启用之际，我谨代表中国共产党，并以我个人名义，致以热烈祝贺。")
    assert "中国共产党" in got and "我谨代表中国共产党" not in got


@pytest.mark.parametrize(
    "text, name",
    [
        ("搭建国药集团威奇达药业有限公司等龙头企业与京津冀高水平院校对接桥梁",
         "国药集团威奇达药业有限公司"),
        ("广灵县消防救援大队、为全农副产品有限公司、金隅水泥有限公司等处", "为全农副产品有限公司"),
        ("今年前三季度，引进北京弘康源医药科技有限公司，项目成功落地。",
         "北京弘康源医药科技有限公司"),
        ("已形成以秦淮数据集团环首都·太行山能源信息技术产业基地为龙头", "秦淮数据集团"),
        ("实施试点改革，大同鹤盛活性炭有限公司年产10万吨活性炭。", "大同鹤盛活性炭有限公司"),
        ("今年9月19日，我市行政审批服务管理局与乌兰察布市政务服务局共同签订协议。",
         "市行政审批服务管理局"),
        ("乌兰察布市政务服务局、张家口市政审批局共同签订协议。", "张家口市政审批局"),
        ("记者近日获悉，山西省中小企业发展促进局于日前发布通知。", "山西省中小企业发展促进局"),
        ("我市在省委第二巡回督导组精心指导下推进主题教育。", "省委第二巡回督导组"),
        ("卢东亮主持召开市委专题会暨市疫情防控工作领导小组会议。", "市疫情防控工作领导小组"),
        ("习近平向尼雷尔领导力学院竣工启用仪式致贺信。", "尼雷尔领导力学院"),
        ("大同市党群服务中心、大同检察文化展览馆等10个示范点入选。", "大同市党群服务中心"),
        ("市政协副主席、平城区委书记李继忠参加。", "平城区委"),
    ],
)
def test_full_names(text, name):
    got = orgs(text)
    assert name in got, got


def test_party_committee_in_a_title_stands_for_the_body():
    got = orgs("应急管理部党委委员、副部长宋元明率队调研，省应急管理厅党委委员、副厅长刘世华陪同。")
    assert {"应急管理部", "省应急管理厅"} <= set(got)
    assert "应急管理部党委" not in got


@pytest.mark.parametrize(
    "text, name, type_",
    [
        ("带动了“山里美”等10多家农家客栈的发展。", "山里美", "corporation"),
        ("“大同党员先锋号”微信公众号定期推送学习内容。", "“大同党员先锋号”微信公众号", "media"),
        ("目前，秦淮集团、中联数据、京东集团等5家大数据中心加快建设。", "中联数据", "corporation"),
        ("我市由商务局牵头，协调大同国际陆港等相关单位加速推进项目。", "大同国际陆港", "other"),
        ("奇灵家具二期制造项目、环美合创公司新材料二期项目等多个项目建成投产。", "奇灵家具",
         "corporation"),
        ("文旅集团、新能源集团等企业持续发力。", "新能源集团", "corporation"),
    ],
)
def test_names_without_a_suffix_or_a_place(text, name, type_):
    got = orgs(text)
    assert name in got, got
    assert got[name]["type"] == type_


def test_list_of_parties():
    got = orgs("值此坦桑尼亚革命党、莫桑比克解放阵线党、安哥拉人民解放运动、纳米比亚人组党、"
               "津巴布韦非洲民族联盟—爱国阵线等南部非洲六姊妹党联合建设的学院竣工之际")
    assert {"坦桑尼亚革命党", "莫桑比克解放阵线党", "安哥拉人民解放运动", "纳米比亚人组党",
            "津巴布韦非洲民族联盟—爱国阵线"} <= set(got)
    assert not any("六姊妹党" in n for n in got)


def test_hotlines_are_bodies_and_short_forms_alias_the_full_one():
    got = orgs("我市12345热线再传喜讯，大同市12345政务服务便民热线中心获得“B+”等级。"
               "投诉热线：0352—7696272。")
    assert "大同市12345政务服务便民热线中心" in got
    assert got["12345热线"]["name"] == "大同市12345政务服务便民热线中心"
    assert not any("0352" in n for n in got)
    assert not orgs("此外，我市热线话务主管获得“2023年最美热线人”称号。")


def test_abbreviation_in_brackets_names_the_full_body():
    text = "近日，山西华青环保股份有限公司在全国中小企业股份转让系统(“新三板”)正式挂牌。" \
           "华青环保是第一家登陆“新三板”的民营企业。"
    doc = extract(text)
    ms = doc.of_type("organization")
    full = [m for m in ms if m.text == "全国中小企业股份转让系统"]
    assert full
    assert all(m.attrs["name"] == "全国中小企业股份转让系统" for m in ms if m.text == "新三板")
    assert all(m.attrs["name"] == "山西华青环保股份有限公司" for m in ms if m.text == "华青环保")


def test_short_forms_of_a_body_named_in_full_are_aliases():
    got = orgs("市委政策研究室是“参谋部”“智囊团”。近年来，市委政研室以党的建设为统领。")
    assert got["市委政研室"]["name"] == "市委政策研究室"
    assert "参谋部" not in got
    got = orgs("以秦淮数据集团为龙头。目前，秦淮集团、京东集团加快建设。")
    assert got["秦淮集团"]["name"] == "秦淮数据集团"
    assert "name" not in got["京东集团"]


def test_sub_org_of_relation():
    doc = extract("国家乡村振兴局社会帮扶司副司长吕焱作专题授课。")
    rels = [(r.subject.text, r.object.text) for r in doc.relations if r.kind == "sub_org_of"]
    assert ("国家乡村振兴局社会帮扶司", "国家乡村振兴局") in rels
    # a subsidiary's parent printed only inside its name is not a mention of its own
    got = orgs("走进中国重汽集团大同齿轮有限公司的车间")
    assert "中国重汽集团" not in got
    assert got["中国重汽集团大同齿轮有限公司"]["parent"] == "中国重汽集团"


def test_title_body():
    from newsgraph.extract.organizations import title_body

    assert title_body("应急管理部党委") == "应急管理部"
    assert title_body("平城区委") == "平城区委"
    assert title_body("国家乡村振兴局社会帮扶司") == "国家乡村振兴局社会帮扶司"
    for org in ("本报", "热线话务", "市五医院眼科", "政法委", "生活困难", "新华社"[:0]):
        assert title_body(org) == ""


def test_organisation_name_never_runs_across_a_clause_verb():
    got = orgs("市长张强在灵丘县调研京东集团华北数据中心项目。")
    assert "京东集团" in got
    assert not any("调研" in name for name in got)


@pytest.mark.parametrize("text,name", [
    ("记者从市住建局获悉，工程已开工。", "市住建局"),
    ("据县住建局介绍，工程已开工。", "县住建局"),
    ("县发改局、市工信局联合发文。", "县发改局"),
])
def test_a_bureau_abbreviated_from_one_character_verbs_keeps_its_name(text, name):
    """住建 (住房和城乡建设) reads as the verb 住 and 建局: a one-character verb inside a
    name that starts with its level does not cut it, a longer one does (广灵县实施党支部)."""
    assert name in orgs(text)
    assert not any(o.startswith(("广灵县实施", "实施")) for o in orgs("广灵县实施党支部建设。"))


@pytest.mark.parametrize("text,absent,present", [
    ("会议强调，要充分发挥人大职能作用，推动高质量发展。", "充分发挥人大", ""),
    ("郑连生传达了省长在省人代会上所作政府工作报告精神。", "所作政府", ""),
    ("阳高县人民政府与县人大联合开展调研。", "", "阳高县人民政府"),
])
def test_a_government_or_congress_is_named_with_its_place_or_level(text, absent, present):
    """人大, 政府 name a body only after a place or a level: 充分发挥人大 is no body."""
    got = orgs(text)
    assert absent not in got and (not present or present in got)


def test_a_body_organising_another_is_two_bodies():
    got = orgs("由新荣区卫计局组织市三医院医疗队、该区人民医院开展义诊。")
    assert "新荣区卫计局" in got and "市三医院" in got
    assert not any("组织" in name for name in got)


def test_a_conjunction_jieba_runs_into_a_name_stays_out_of_it():
    got = orgs("南郊区与利创新能源光伏电力有限公司签约光伏发电项目。")
    assert "利创新能源光伏电力有限公司" in got


@pytest.mark.parametrize("text,name", [
    ("调研组先后深入中车大同电力机车有限公司等地。", "中车大同电力机车有限公司"),
    ("北京碧水源科技股份有限公司董事长出席。", "北京碧水源科技股份有限公司"),
])
def test_a_brand_before_its_place_and_a_suffix_jieba_cuts_keep_the_company_whole(text, name):
    """中车 (a brand jieba does not know) before 大同; jieba's 科技股份 | 有限公司."""
    assert name in orgs(text)
    got = orgs("图为广灵县御鑫隆再生资源有限公司的工人。")
    assert "图为广灵县御鑫隆再生资源有限公司" not in got


def test_a_numeral_after_the_place_is_part_of_a_brand():
    """大同市 | 三 | 利农业科技有限公司: 三 starts the brand 三利, it counts nothing."""
    assert "大同市三利农业科技有限公司" in orgs("大同市三利农业科技有限公司等龙头企业签订了合同。")


@pytest.mark.parametrize("text, name", [
    ("大同市第十六届人大常委会举行第二十五次会议。", "大同市第十六届人大常委会"),
    ("市十六届人大常委会举行第五次会议。", "市十六届人大常委会"),
])
def test_a_body_of_one_term_keeps_its_place_and_term(text, name):
    """市 + 第十六届 + 人大常委会: the term between the place and the body is in the name."""
    assert name in orgs(text)


def test_a_post_and_daibiao_before_a_body_are_not_in_its_name():
    """市长代表市政府致辞: the mayor speaks for the city government."""
    assert set(orgs("市长代表市政府致辞。")) == {"市政府"}
    assert set(orgs("副市长代表市委、市政府向企业家表示感谢。")) == {"市委", "市政府"}


def test_a_body_runs_across_no_clause_verb_and_keeps_a_village_named_like_a_person():
    """瓮城口村 | 充分发挥 | 村党支部: the village's branch, not a name running over the
    verb; 陈 | 土楼 | 村党支部: 陈 is a surname, but 土楼村 makes it a village's name."""
    assert set(orgs("大同市云州区吉家庄乡瓮城口村充分发挥村党支部组织作用。")) == {"村党支部"}
    assert set(orgs("陈土楼村党支部书记陈五说。")) == {"陈土楼村党支部"}
    assert set(orgs("市委党校培训中心主任王五出席。")) == {"市委党校培训中心"}


def test_a_company_keeps_the_bracketed_place_of_its_branch_and_a_news_site_is_media():
    assert "华润新能源(大同)风能有限公司" in orgs("华润新能源(大同)风能有限公司联合承办。")
    found = orgs("黄河新闻网大同讯(记者 武俊)9月6日上午，活动启幕。")
    assert found["黄河新闻网"]["type"] == "media"


@pytest.mark.parametrize("text, name", [
    ("平城区十四校十里店分校举办开学典礼。", "平城区十四校十里店分校"),
    ("平城区47校教师叮嘱学生。", "平城区47校"),
    ("在市三中召开会议。", "市三中"),
    ("平城区一中学生获奖。", "平城区一中"),
])
def test_a_school_a_place_names_by_number(text, name):
    """Numbered schools (大同一中, 市三中, 平城区47校) are bodies; 一中学生 is a student
    of 一中; 该县一小学 is a school there, unnamed."""
    found = [m for m in run(Doc(text=text)).of_type("organization")]
    assert [(m.text, m.attrs["type"]) for m in found] == [(name, "school")]


def test_no_school_is_named_by_a_count():
    assert run(Doc(text="该县一小学开展活动，全市中小学迎来开学。")).of_type("organization") == []


def test_a_cppcc_committee_of_one_term_keeps_its_lead_and_a_bare_cppcc_needs_a_place():
    """政协 + 第十五届 + 山西省大同市委员会: one body; 姚鸿波作政协: a verb before 政协."""
    found = orgs("会上，姚鸿波作政协第十五届山西省大同市委员会常务委员会工作报告。")
    assert list(found) == ["政协第十五届山西省大同市委员会常务委员会"]
    assert "大同市政协" in orgs("大同市政协召开会议。")


def test_a_company_that_is_a_whole_list_item_keeps_the_word_jieba_cut_out():
    """、秦皇岛港|务|集团有限公司、: 务 (an adverb to jieba) is part of the name."""
    found = orgs("联合中煤能源集团公司、秦皇岛港务集团有限公司、中国华能集团公司共同发起。")
    assert {"秦皇岛港务集团有限公司", "中国华能集团公司"} <= set(found)


def test_tong_between_two_bodies_is_with():
    """大同大学 | 同贝利 | 学院: jieba ran 同 (with) into the second name."""
    assert set(orgs("大同大学同贝利学院的合作正在洽谈中。")) == {"大同大学", "贝利学院"}
    assert "同煤集团" in orgs("同煤集团召开会议。")


def test_an_enumerator_starts_no_body():
    """五是学校管理不严: 五是 (fifth) counts points; no 五是学校."""
    assert orgs("五是学校管理不严。") == {}


def test_an_adjective_and_a_bodys_word_name_no_body():
    """新党支部: a new party branch, neither for the rules nor for the tagger."""
    assert run(Doc(text="新党支部组织带领党员外出学习。")).of_type("organization") == []


def test_a_brand_jieba_cut_into_characters_after_a_place_stays_in_the_name():
    """吕梁 | 正 | 元 | 创伤外科 | 医院: 正元 is a brand jieba does not know."""
    assert set(orgs("转到吕梁正元创伤外科医院进行救治。")) == {"吕梁正元创伤外科医院"}
    assert run(Doc(text="感谢吕梁正元创伤外科医院的专家。")).of_type("person") == []


def test_coal_mines_and_power_plants_are_companies():
    found = orgs("同煤集团塔山煤矿矿长李明说，大同第二发电厂扩建。")
    assert {"塔山煤矿", "大同第二发电厂"} <= set(found)
    assert orgs("全市煤矿安全生产形势稳定。") == {}


def test_the_central_work_of_a_government_is_no_centre():
    """围绕市委、市政府中心工作: 中心 is their central work; 市政府信息中心 is a body."""
    assert list(orgs("紧紧围绕市委、市政府中心工作建言献策。")) == ["市委", "市政府"]
    assert "市政府信息中心" in orgs("市政府信息中心主任王五说。")


def test_a_democratic_partys_chair_is_a_post_and_no_body():
    """民盟市委会主委 (the chair of the party's city committee): 主委 is a post, so no body
    is named 市委会主委."""
    found = orgs("市政协副主席、民盟市委会主委张海兵，九三学社市委会主委张海波出席。")
    assert not any(name.endswith("主委") for name in found)
    doc = extract("九三学社市委会主委张海波出席。")
    assert [(t.text, t.attrs["role"]) for t in doc.of_type("title")] == [
        ("九三学社市委会主委", "主委")]


def test_the_whole_citys_system_names_no_body():
    """全市人大系统, 全县政府系统: the whole city's congresses or governments, not the
    city's congress; 市人大常委会 is a body."""
    assert "市人大" not in orgs("全市人大系统要把学习贯彻作为重大政治任务。")
    assert "县政府" not in orgs("全县政府系统召开廉政工作会议。")
    assert "市人大常委会" in orgs("市人大常委会举行第二十四次会议。")
    assert "市场监管局" in orgs("要健全市场监管局的职能。")  # 健全, no 全市


def test_a_body_of_a_zone_named_by_its_kind_keeps_its_first_character():
    """经开区城管局: 经 starts the zone's name here, it is no preposition (经市政府批准)."""
    assert "经开区城管局" in orgs("9月22日上午,经开区城管局组织志愿者开展活动。")


def test_a_township_station_is_a_body():
    """刁窝供电所, 新荣镇司法所, 王庄卫生所: a township's power, justice and health
    stations; a word alone (村里的供销社) names none."""
    got = orgs("刁窝供电所副所长王远航来到新荣镇司法所和王庄卫生所。村里的供销社开门了。")
    assert {"刁窝供电所", "新荣镇司法所", "王庄卫生所"} <= set(got)
    assert "供销社" not in got


def test_bodies_counted_or_of_a_level_name_none():
    """6座智能化煤矿, 3家医院: bodies counted; 县级医院: a level's hospitals; no body
    named."""
    got = orgs("大同已建成6座智能化煤矿，3家医院和县级医院合作。")
    assert not any(k.endswith(("煤矿", "医院")) for k in got), got


def test_a_body_starts_after_a_project_word_before_it():
    """为新建项目县公安局业务技术用房项目: the body is 县公安局; 中铁三局大同项目部 is a
    body that runs a project."""
    got = orgs("领导为新建项目县公安局业务技术用房项目培土奠基，中铁三局大同项目部负责施工。")
    assert "县公安局" in got and "新建项目县公安局" not in got
    assert "中铁三局大同项目部" in got


def test_a_sub_centre_city_is_no_centre():
    assert orgs("为南阳建设河南省副中心城市把脉定向，营造建设副中心城市的浓厚氛围。") == {}


def test_items_of_a_list_the_text_says_are_companies_or_schools():
    got = orgs("王峋越表示将与京东、新希望等企业深入交流。清华大学、北京大学等高校的专家出席。")
    assert {"京东", "新希望", "清华大学", "北京大学"} <= set(got)
    assert got["京东"]["type"] == "corporation"
    assert orgs("北京、上海等城市的企业。张三、李四等企业家参加。") == {}


def test_a_government_or_conference_is_named_by_its_place_alone():
    found = orgs("听取委员们对市政府工作报告和政府工作的意见建议，为谱写中国式现代化长治篇章"
                 "贡献政协力量。沭阳县人民政府、自治区人民政府、全国政协和省人大的负责同志出席。")
    assert list(found) == ["市政府", "沭阳县人民政府", "自治区人民政府", "全国政协", "省人大"]


def test_a_company_named_without_its_legal_form_is_the_same_company():
    found = orgs("携手三一集团有限公司推进项目。三一集团在项目投产的同时积极布局。")
    assert found["三一集团"]["name"] == "三一集团有限公司"
    found = orgs("由唐山文旅集团投资，凯歌儿集团策划设计。丰南融投集团与唐山凯歌儿实业集团有限公司"
                 "组建了新公司。")
    assert found["凯歌儿集团"]["name"] == "唐山凯歌儿实业集团有限公司"


def test_a_bare_standing_committee_is_no_body_named():
    doc = run(Doc(text="通过了政协第十五届山西省大同市委员会第四次会议关于常务委员会工作报告的"
                       "决议。市人大常委会主任出席。"))  # (with the tagger, which named it)
    found = [m.text for m in doc.of_type("organization")]
    assert "常务委员会" not in found and "市人大常委会" in found


def test_an_association_named_by_its_world_scope_and_common_nouns_is_a_body():
    found = orgs("美食文化节由世界中餐业联合会、山西省商务厅联合主办。")
    assert list(found) == ["世界中餐业联合会", "山西省商务厅"]


def test_embassies_and_consulates_are_bodies():
    found = orgs("阿尔巴尼亚驻华使馆代办出席。美国驻华大使馆发表声明。"
                 "智利驻广州总领事馆总领事到访。")
    assert {"阿尔巴尼亚驻华使馆", "美国驻华大使馆", "智利驻广州总领事馆"} <= set(found)


def test_a_cppcc_committee_of_a_place_and_term_keeps_its_lead():
    """政协 + 宜昌市 + 第七届 + 委员会 (and 政协 + 第十五届 + 大同市委员会) is one body."""
    assert "政协宜昌市第七届委员会" in orgs("政协宜昌市第七届委员会第四次会议开幕。")
    assert "政协第十五届大同市委员会" in orgs("政协第十五届大同市委员会第三次会议开幕。")


def test_a_good_start_is_no_bureau_and_a_verb_of_attracting_ends_a_company_name():
    """开好局 (make a good start) ends in 局; 柳州 | 引进 | 国轩高科…: the company is
    named after the verb (probe pages of 潍坊, 绵阳 and 柳州)."""
    assert orgs("笃行实干开好局 奋进万亿挑大梁") == {}
    assert orgs("为圆满完成全年目标任务开好局起好步。") == {}
    assert list(orgs("柳州引进国轩高科股份有限公司，建设新能源电池项目。")) == [
        "国轩高科股份有限公司"]


def test_two_bodies_joined_by_he_and_a_bracketed_place_inside_a_name():
    assert "国家和省乡村振兴局" not in orgs("国家和省乡村振兴局负责人出席。")
    assert "绿色金融(湖州)服务中心" in orgs("依托全国首个绿色金融(湖州)服务中心，加大支持。")


def test_a_causative_verb_glued_to_a_company_name_is_no_part_of_it():
    """使|富利|铜业 (a 齐齐哈尔 probe page): 使 (make) is the verb before the company."""
    assert "富利铜业有限公司" in orgs("积极招引铜产业链下游企业，使富利铜业有限公司在政府的"
                                     "帮助下加快发展。")


def test_generic_bodies_and_a_meeting_joined_to_another_name_none():
    """Probe pages (襄阳, 南充, 芜湖): 区域性中心城市 and 国家部委 name no body; in
    市委常委会会议暨市委理论学习中心组 the body after 会议暨 starts at 市委."""
    assert orgs("打造中西部发展的区域性中心城市。") == {}
    assert orgs("组织县级领导带队赴国家部委、省级部门专题汇报。") == {}
    assert "市委常委会会议暨市委" not in orgs("3月14日，市委常委会会议暨市委理论学习中心组"
                                         "学习会议召开。")


def test_military_commands_and_detachments_are_bodies():
    names = [m.text for m in extract("在安庆军分区和驻宜部队慰问。省高警局常德支队民警坚守岗位。")
             .of_type("organization")]
    assert names == ["安庆军分区", "省高警局常德支队"]


def test_national_news_sites_are_media():
    doc = extract("曹慧泉接受了央视网、湖南日报等媒体的采访。据红网消息，新华网、中新网报道。")
    assert [m.text for m in doc.of_type("organization")] == ["央视网", "湖南日报", "红网", "新华网",
                                                             "中新网"]


def test_a_company_s_short_brand_between_its_place_and_its_trade():
    found = orgs("大同人和数据科技有限公司成立。陕西青天环境科技有限公司中标。在大同调研京东集团。")
    assert list(found) == ["大同人和数据科技有限公司", "陕西青天环境科技有限公司", "京东集团"]


def test_a_party_committee_or_group_stands_for_its_body():
    found = orgs("朔州机场建设管理公司党委书记李强介绍。上海证券报社有限公司党委书记王林说。")
    assert list(found) == ["朔州机场建设管理公司", "上海证券报社有限公司"]
    found = orgs("省民政厅党组书记、厅长王随莲到淄博调研。")
    assert list(found) == ["省民政厅"]
