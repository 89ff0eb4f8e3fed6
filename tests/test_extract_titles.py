"""Title mentions through the public extract interface."""

from __future__ import annotations

import pytest

from newsgraph.extract import run
from newsgraph.model import Doc


def extract(text: str) -> Doc:
    return run(Doc(text=text))


def titles(text: str) -> dict[str, dict]:
    return {m.text: m.attrs for m in extract(text).of_type("title")}


def test_list_of_posts_splits_into_one_title_each():
    got = titles("市委副书记、市长张强在开班仪式上致辞。")
    assert set(got) == {"市委副书记", "市长"}
    assert got["市委副书记"]["role"] == "副书记"
    assert got["市委副书记"]["org"] == "市委"
    assert got["市委副书记"]["level"] == "municipal"
    assert got["市长"] == {"role": "市长", "level": "municipal", "org": "", "official": True,
                           "journalist": False}


@pytest.mark.parametrize(
    "text, title, role, level, org",
    [
        ("省乡村振兴局副局长周智深作开班动员", "省乡村振兴局副局长", "副局长", "provincial",
         "省乡村振兴局"),
        ("国家乡村振兴局社会帮扶司副司长、二级巡视员吕焱授课", "国家乡村振兴局社会帮扶司副司长",
         "副司长", "national", "国家乡村振兴局社会帮扶司"),
        ("国家乡村振兴局社会帮扶司副司长、二级巡视员吕焱授课", "二级巡视员", "巡视员", "", ""),
        ("应急管理部党委委员、副部长宋元明", "应急管理部党委委员", "委员", "national",
         "应急管理部党委"),
        ("省委常委、市委书记卢东亮作辅导", "省委常委", "常委", "provincial", "省委"),
        ("市人大常委会主任谷明出席", "市人大常委会主任", "主任", "municipal", "市人大常委会"),
    ],
)
def test_post_with_its_organisation(text, title, role, level, org):
    got = titles(text)
    assert title in got, got
    assert (got[title]["role"], got[title]["level"], got[title]["org"]) == (role, level, org)
    assert got[title]["official"] is True


def test_non_official_posts():
    got = titles("我市热线质检班班长高雅丽在比赛中表现出色，花塔村一家民宿负责人张静珊说。")
    assert got["热线质检班班长"]["official"] is False
    assert got["热线质检班班长"]["org"] == "热线质检班"
    assert got["民宿负责人"]["official"] is False


def test_public_institution_head_is_official():
    got = titles("灵丘经济技术开发区开发建设服务中心负责人李文治向记者介绍")
    assert got["灵丘经济技术开发区开发建设服务中心负责人"]["official"] is True


def test_journalist_titles_from_bylines():
    doc = extract("本报讯(记者 宋芳)为期3天的培训班开班。\n\n新华社记者 杨文斌摄")
    found = [m for m in doc.of_type("title") if m.text == "记者"]
    assert len(found) == 2
    assert all(m.attrs["journalist"] and not m.attrs["official"] for m in found)
    assert found[1].attrs["org"] == "新华社"


def test_post_word_inside_other_words_is_not_a_title():
    assert titles("全市长期坚持这一做法，市人大常委会召开会议。") == {}


def test_the_dictionary_gives_jiebas_own_counts_and_tags() -> None:
    """freq and tag read jieba's dict.txt themselves: the same as jieba's tables."""
    import jieba
    import jieba.posseg

    from newsgraph.extract.titles import freq, tag, word_tags

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    assert word_tags() == jieba.posseg.dt.word_tag_tab
    counts = jieba.dt.FREQ
    assert all(freq(w) == counts[w] for w in word_tags())
    assert freq("市委书记") == counts["市委书记"] > 0 and tag("市委书记") == "n"
    assert freq("张占兵") == 0 and tag("张占兵") is None


def test_the_dictionary_is_read_without_importing_jieba():
    """jieba's dict.txt is found through the package's spec: importing jieba (its set-up,
    pkg_resources with it) would cost a third of a second at every start."""
    import subprocess
    import sys

    code = ("import sys; from newsgraph.extract import warm_up; warm_up(); "
            "print(sorted(m for m in ('jieba', 'pkg_resources') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("text,title,org", [
    ("据县能源局局长杜建华介绍，项目已并网。", "县能源局局长", "县能源局"),
    ("据市统计局局长王刚介绍，全市经济平稳。", "市统计局局长", "市统计局"),
    ("从县农业农村局局长李明处获悉。", "县农业农村局局长", "县农业农村局"),
])
def test_a_preposition_run_into_the_administrative_word_stays_out_of_the_post(text, title, org):
    """jieba cuts 据县, 从市 as unknown words: the post's organisation starts at 县, 市."""
    got = titles(text)
    assert title in got and got[title]["org"] == org


def test_a_district_body_is_not_read_as_a_name_before_its_post():
    """区 is a surname too: 区住 (jieba's word) is no name ending the post's organisation."""
    got = titles("区住建局局长赵建平介绍，下一步将加快推进。")
    assert got["区住建局局长"]["org"] == "区住建局"
    assert "副区长" in titles("副区长区志强出席。")


@pytest.mark.parametrize("text,title,org", [
    ("山阴县玉井镇党委书记刘国栋表示，要打造美丽乡村。", "山阴县玉井镇党委书记",
     "山阴县玉井镇党委"),
    ("吴家坪村支部书记林巧告诉记者，今年村里流转出坡地。", "吴家坪村支部书记", "吴家坪村支部"),
])
def test_a_town_or_village_read_as_a_name_stays_in_the_post(text, title, org):
    """jieba takes 玉井 (a person's name in its dictionary) and 吴家 for names: run into
    镇 or 村 they are a town's and a village's names, part of the post's body."""
    got = titles(text)
    assert title in got and got[title]["org"] == org


def test_a_board_member_is_a_post_and_a_quantifier_no_body():
    got = titles("中国国际技术智力合作公司董事葛付兴参加，部分项目负责人列席，董事会召开。")
    assert got["中国国际技术智力合作公司董事"]["org"] == "中国国际技术智力合作公司"
    assert got["项目负责人"]["org"] == "项目" and "部分项目负责人" not in got
    assert not any(t.startswith("董事会") for t in got)


@pytest.mark.parametrize("text,title,org", [
    ("市政协原副主席王五出席。", "市政协原副主席", "市政协"),
    ("县委原书记李四参加。", "县委原书记", "县委"),
    ("左云县张家场乡原党委书记常瑞被判处有期徒刑。", "左云县张家场乡原党委书记",
     "左云县张家场乡党委"),
])
def test_a_former_post_keeps_its_body(text, title, org):
    """原 between a body and its post (jieba: 原副 | 主席, 原 | 党委书记) leaves the post
    found and the body whole; 左云县 (jieba: a person's name) is a county in it."""
    got = titles(text)
    assert title in got and got[title]["org"] == org


def test_a_post_takes_the_whole_name_of_the_body_it_is_in():
    """jieba cuts 上海|中|能|集团董事长: the post's body is the company named there."""
    got = titles("上海中能集团董事长虞建明介绍项目情况，上海中能集团执行副总裁吴江明出席。")
    assert got["上海中能集团董事长"]["org"] == "上海中能集团"
    assert got["上海中能集团执行副总裁"]["role"] == "执行副总裁"


def test_a_preposition_jieba_runs_into_the_province_stays_out_of_the_post():
    got = titles("由省重大项目稽察办主任王成明带队的督查组来我市督查。")
    assert got["省重大项目稽察办主任"]["org"] == "省重大项目稽察办"


def test_an_ordinal_stays_in_a_posts_body():
    got = titles("市第三人民医院党委书记、院长张敏带领专家开展义诊。")
    assert got["市第三人民医院党委书记"]["org"] == "市第三人民医院党委"


def test_a_numbered_bureau_is_the_whole_organisation_of_its_post():
    """中铁 | 十七 | 局: jieba cuts a two-character numeral apart; it stays in the chain."""
    found = titles("中铁十七局总经理杨永睿等参加活动。")
    assert list(found) == ["中铁十七局总经理"]
    assert found["中铁十七局总经理"]["org"] == "中铁十七局"


def test_a_bureau_jieba_cuts_after_a_surname_character_stays_in_the_post():
    """市经 | 信局 | 副局长: 信局 starts with a surname but ends as a bureau does."""
    found = titles("市经信局副局长王五出席。")
    assert list(found) == ["市经信局副局长"]
    assert found["市经信局副局长"]["org"] == "市经信局"


def test_a_verb_before_a_post_is_not_in_its_organisation():
    """市领导有市委常委: 有 (and 有市, a word jieba does not know) starts no body."""
    found = titles("参加活动的市领导有市委常委、组织部长邓涛，市级部门领导有市发改委运行处长张京。")
    assert "市委常委" in found and "市发改委运行处长" in found
    assert not [t for t in found if "有" in t]


def test_chief_engineers_and_accountants_are_posts():
    found = titles("市经信局总工程师代兰、公司总会计师王五出席。")
    assert {"市经信局总工程师", "公司总会计师"} <= set(found)


def test_a_mine_director_is_a_post():
    assert set(titles("矿党委书记张栋建、矿长渠贵君介绍。")) == {"矿党委书记", "矿长"}


def test_a_preposition_jieba_ran_into_village_is_not_in_the_post():
    """由村 | 党支部书记: 由 introduces the village party secretary; 驻村 is a word."""
    assert set(titles("由村党支部书记牵头成立合作社。")) == {"村党支部书记"}
    assert set(titles("驻村工作队队长李明说。")) == {"驻村工作队队长"}


def test_enumerators_and_pictured_start_no_post():
    """二是 (second), 图为 (pictured): no part of a post's body."""
    assert "泰禾红御总裁" in titles("图为泰禾红御总裁助理沈力男。")
    assert not [t for t in titles("二是总统新闻秘书亚斯特任职。") if "是" in t]


def test_a_verb_of_meeting_or_a_pointer_starts_no_post():
    """伊朗举行总统选举: 举行 is no part of the post; nor is 这是 (this is)."""
    assert set(titles("伊朗举行总统选举。")) == {"总统"}
    assert set(titles("这是中宣部副部长刘忠德。")) == {"中宣部副部长"}


def test_a_clause_verb_right_before_a_post_ends_its_body():
    """党支部组织带领党员: 带领 (to lead) is no part of a body; 调研组组长 keeps 调研."""
    assert set(titles("新党支部组织带领党员外出学习。")) == {"党员"}
    assert set(titles("市委调研组组长李明。")) == {"市委调研组组长"}


def test_a_post_after_another_is_held_in_the_place_that_one_names():
    """潍坊市委副书记、市长: the mayor of 潍坊市, not of the home city; jieba's 阳高县|委副|
    书记 straddles the post and is a post still."""
    from newsgraph.pipeline import build_corpus, process_page

    got = titles("潍坊市委副书记、市长刘建军，阳高县委副书记、县长王五参加会谈。")
    assert [(t, a["org"]) for t, a in got.items()] == [
        ("潍坊市委副书记", "潍坊市委"), ("市长", "潍坊市"), ("阳高县委副书记", "阳高县委"),
        ("县长", "阳高县")]
    page = "两市会谈\n\n6月24日，潍坊市委副书记、市长刘建军，市委副书记、市长张强参加会谈。\n"
    corpus = build_corpus([process_page(page.encode(), "p.txt")])
    held = {(corpus.entities[f.subject].name, f.attrs["role"],
             corpus.entities[f.attrs["org_key"]].name)
            for f in corpus.facts if f.kind == "holds_title"}
    assert held == {("刘建军", "副书记", "潍坊市委"), ("刘建军", "市长", "潍坊市政府"),
                    ("张强", "副书记", "大同市委"), ("张强", "市长", "大同市政府")}


def test_being_elected_is_no_part_of_the_post():
    got = titles("她赢得了村民的信任，被选为支部书记、村委主任。")
    assert list(got) == ["支部书记", "村委主任"]


def test_the_next_persons_post_is_held_in_the_same_place():
    """张家口市委书记邢国辉、市长侯亮: the mayor is 张家口市's too (jieba calls 张家口 a
    person's name; it is a city); 乌兰察布市市委 names 乌兰察布市."""
    got = {m.text: m.attrs["org"] for m in extract(
        "张家口市委书记邢国辉、市长侯亮与乌兰察布市市委书记王学丰、市长陶淑菊座谈。"
    ).of_type("title")}
    assert got == {"张家口市委书记": "张家口市委", "市长": "乌兰察布市",
                   "乌兰察布市市委书记": "乌兰察布市市委"}
    holders = [(r.subject.text, r.object.attrs["org"]) for r in extract(
        "张家口市委书记邢国辉、市长侯亮座谈。").relations if r.kind == "holds_title"]
    assert holders == [("邢国辉", "张家口市委"), ("侯亮", "张家口市")]


def test_a_deputy_is_named_with_its_post():
    """刁窝供电所副所长, 县博物馆副馆长, 副教授: 副 is the post's, not the body's."""
    got = titles("刁窝供电所副所长王远航、县博物馆副馆长李明和副教授张华参加。")
    assert got["刁窝供电所副所长"]["role"] == "副所长"
    assert got["刁窝供电所副所长"]["org"] == "刁窝供电所"
    assert got["县博物馆副馆长"]["role"] == "副馆长"
    assert got["副教授"]["role"] == "副教授"


def test_a_physician_is_a_post():
    got = titles("涿州市中医医院消化科医师刘畅和主治医师王明耐心询问。")
    assert got["涿州市中医医院消化科医师"]["role"] == "医生"
    assert got["主治医师"]["role"] == "医生"


def test_a_bare_deputy_after_the_head_of_a_body_and_his_name_is_in_that_body():
    doc = run(Doc(text="市人大常委会主任袁振旭，副主任王国平、王金珍出席。"
                       "市委书记张三，副市长李四出席。"))
    posts = {(t.text, t.attrs["org"], t.attrs["official"]) for t in doc.of_type("title")}
    assert ("副主任", "市人大常委会", True) in posts
    assert ("副市长", "", True) in posts  # 副市长 is no deputy of 书记


def test_two_characters_after_a_surname_before_shi_zhang_end_a_name():
    """乔新江市长: 新江 names no place, so 乔新江 is the mayor; 大同市长 is 大同's."""
    doc = run(Doc(text="代表分团审议了乔新江市长所作的政府工作报告。"))
    assert [t.text for t in doc.of_type("title")] == ["代表", "市长"]  # (the deputies')
    assert [p.text for p in doc.of_type("person")] == ["乔新江"]


def test_retired_cadres_hold_a_rank_and_a_post_word_before_a_body_s_last_character_is_none():
    doc = run(Doc(text="王兴祥、孙录等离退休干部参加会议。市委老干部局局长张三出席。"))
    held = {(r.subject.text, r.object.text) for r in doc.relations if r.kind == "holds_title"}
    assert held == {("王兴祥", "离退休干部"), ("孙录", "离退休干部"), ("张三", "市委老干部局局长")}
    assert {m.attrs["kind"] for m in doc.of_type("person")} == {"official"}


def test_a_body_whose_name_joins_nouns_with_yu_or_ji():
    """A 桂林 probe page: 与 and 及 join nouns inside a body's name (国际交流与合作局,
    酒店及旅游业管理学院) as 和 does, but not two bodies (流通协会与梧州市人民政府)."""
    got = titles("国际交流与合作局副局长石泽毅，香港理工大学酒店及旅游业管理学院副院长白秀成出席。")
    assert {"国际交流与合作局副局长", "香港理工大学酒店及旅游业管理学院副院长"} <= set(got)
    doc = run(Doc(text="本次大会由中国茶叶流通协会与梧州市人民政府共同主办。"))
    assert "梧州市人民政府" in [m.text for m in doc.of_type("organization")]


def test_a_post_held_concurrently_and_a_department_jieba_takes_for_a_name():
    """Probe pages (芜湖, 桂林): 董事长兼总裁 in one body is one title, as printed, but
    宣传部部长兼市文联主席 two, each in its body; 宣传部 (jieba: a person's name) and 部副|部长
    (jieba's words) are a department and its deputy head's post."""
    doc = run(Doc(text="市委书记会见比亚迪集团董事长兼总裁王传福。"))
    assert ("王传福", "比亚迪集团董事长兼总裁") in {
        (r.subject.text, r.object.text) for r in doc.relations if r.kind == "holds_title"}
    doc = run(Doc(text="市委常委、宣传部部长兼市文联主席李强出席。"))
    assert {(r.subject.text, r.object.text) for r in doc.relations
            if r.kind == "holds_title"} == {("李强", "市委常委"), ("李强", "宣传部部长"),
                                            ("李强", "市文联主席")}
    assert "住房和城乡建设部副部长" in titles("住房和城乡建设部副部长李晓龙出席会议。")


def test_a_deputy_to_the_national_congress_keeps_quanguo():
    got = titles("会上，在衡全国人大代表王磊、焦祺森发言。")
    assert "全国人大代表" in got
    assert got["全国人大代表"]["level"] == "national"
