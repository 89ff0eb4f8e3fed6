"""Person mentions and holds_title relations through the public extract interface."""

from __future__ import annotations

import pytest

from newsgraph.extract import run
from newsgraph.model import Doc


def extract(text: str) -> Doc:
    return run(Doc(text=text))


def persons(text: str) -> list[str]:
    return [m.text for m in extract(text).of_type("person")]


def held(doc: Doc) -> set[tuple[str, str]]:
    return {(r.subject.text, r.object.text) for r in doc.relations if r.kind == "holds_title"}


def kinds(doc: Doc) -> dict[str, str]:
    return {m.text: m.attrs["kind"] for m in doc.of_type("person")}


def test_names_after_titles_with_their_titles():
    doc = extract("市委副书记、市长张强在开班仪式上致辞；省乡村振兴局副局长周智深作开班动员；"
                  "省乡村振兴局副局长张建成分别作专题授课；副市长孟维君参加。")
    assert [m.text for m in doc.of_type("person")] == ["张强", "周智深", "张建成", "孟维君"]
    assert held(doc) >= {("张强", "市委副书记"), ("张强", "市长"), ("周智深", "省乡村振兴局副局长"),
                         ("张建成", "省乡村振兴局副局长"), ("孟维君", "副市长")}
    assert set(kinds(doc).values()) == {"official"}


def test_given_names_with_characters_words_begin_with_keep_their_titles():
    """月 中 全 有 日 之 其 begin words (月底, 中午, 日前) but are common in given names."""
    doc = extract("市委常委、秘书长吕日周陪同。副市长王月华、李中华，副县长刘全喜、张有福，"
                  "局长王其昌出席。")
    assert held(doc) == {("吕日周", "市委常委"), ("吕日周", "秘书长"), ("王月华", "副市长"),
                         ("李中华", "副市长"), ("刘全喜", "副县长"), ("张有福", "副县长"),
                         ("王其昌", "局长")}
    doc = extract("市长李四日前表示，副市长王五中午到达，市委书记张三月底将赴京。")
    assert held(doc) == {("李四", "市长"), ("王五", "副市长"), ("张三", "市委书记")}


def test_two_titles_before_one_name():
    doc = extract("省委常委、市委书记卢东亮作开班动员和专题辅导。")
    assert held(doc) == {("卢东亮", "省委常委"), ("卢东亮", "市委书记")}


def test_list_of_names_after_one_title():
    doc = extract("市领导周鹏、任希杰、王建江、郭雷、史水鸿在会会场参加会议。")
    assert persons("市领导周鹏、任希杰、王建江、郭雷、史水鸿在会会场参加会议。") == [
        "周鹏", "任希杰", "王建江", "郭雷", "史水鸿"]
    assert ("史水鸿", "市领导") in held(doc)


@pytest.mark.parametrize(
    "text, names",
    [
        ("本报讯(记者 宋芳)为期3天的培训班开班。", ["宋芳"]),
        ("本报记者 张占兵摄", ["张占兵"]),
        ("□本报记者 纪元元", ["纪元元"]),
        ("□ 本报记者 史涌涛 苑捷 纪元元 韩云峰", ["史涌涛", "苑捷", "纪元元", "韩云峰"]),
        ("□ 本报记者 何婧 / 通讯员 常占库", ["何婧", "常占库"]),
    ],
)
def test_bylines_and_credits(text, names):
    doc = extract(text)
    assert [m.text for m in doc.of_type("person")] == names
    assert set(kinds(doc).values()) == {"journalist"}
    assert {p for p, _ in held(doc)} == set(names)


def test_quoted_person_with_post_is_other():
    doc = extract("花塔村一家民宿负责人张静珊说。")
    assert kinds(doc) == {"张静珊": "other"}
    assert held(doc) == {("张静珊", "民宿负责人")}


def test_name_before_a_post():
    doc = extract("全面落实林武书记在省管主要领导干部专题研讨班开班式上的讲话精神。")
    assert held(doc) == {("林武", "书记")}
    doc = extract("深入学习贯彻习近平总书记重要讲话精神")
    assert held(doc) == {("习近平", "总书记")}


def test_foreign_name_after_title():
    assert persons("坦桑尼亚总统哈桑出席仪式。") == ["哈桑"]


def test_bare_re_mentions_of_a_name():
    doc = extract("市委副书记、市长张强主持会议。张强指出，要抓好落实。")
    assert [m.text for m in doc.of_type("person")] == ["张强", "张强"]
    assert kinds(doc) == {"张强": "official"}


def test_headline_names_run_together_are_found_again():
    text = "卢东亮出席开班式 谷明姚鸿波出席\n\n市人大常委会主任谷明、市政协主席姚鸿波出席。"
    names = persons(text)
    assert names.count("谷明") == 2 and names.count("姚鸿波") == 2


def test_short_reference_refers_to_full_name():
    doc = extract("市五医院眼科大夫张雁冰准时出现在病区。患者向张大夫表示感谢。")
    refs = [m for m in doc.of_type("person") if m.attrs.get("refers_to")]
    assert [(m.text, m.attrs["refers_to"]) for m in refs] == [("张大夫", "张雁冰")]


def test_compound_surname():
    assert persons("副市长欧阳明辉出席。") == ["欧阳明辉"]


def test_places_and_common_words_are_not_persons():
    text = "乌兰察布、大同、张家口三市再次牵手，高质量发展成果明显，全市上下团结一心。"
    assert persons(text) == []


def test_name_ends_before_a_following_word():
    assert persons("市领导艾凌宇、刘冬分赴各县区走访慰问。") == ["艾凌宇", "刘冬"]


def test_a_name_before_chu_ends_before_it():
    """从局长李明处获悉: 处 (at someone's) follows the name."""
    doc = extract("记者从县农业农村局局长李明处获悉，全县春耕顺利。")
    assert persons("记者从县农业农村局局长李明处获悉，全县春耕顺利。") == ["李明"]
    assert ("李明", "县农业农村局局长") in held(doc)


def test_a_three_character_name_before_a_list_ending_deng():
    """文剑平等: 平等 is a word, but after a name 等 ends the list."""
    doc = extract("碧水源科技股份有限公司董事长文剑平等部分项目负责人参加开工仪式。")
    assert persons("碧水源科技股份有限公司董事长文剑平等部分项目负责人参加开工仪式。") == ["文剑平"]
    assert ("文剑平", "董事长") in {(p, t[-3:]) for p, t in held(doc)}
    assert persons("副市长刘冬分赴各县调研。") == ["刘冬"]


def test_an_appointment_gives_the_post_to_the_name_before_it():
    doc = extract("省委决定：卢东亮同志不再担任大同市委书记、常委职务；张强同志任大同市委书记；"
                  "刘俊义同志任市委副书记。王五任县长。")
    assert {("卢东亮", "大同市委书记"), ("卢东亮", "常委"), ("张强", "大同市委书记"),
            ("刘俊义", "市委副书记"), ("王五", "县长")} <= held(doc)
    assert kinds(doc)["张强"] == "official"
    assert held(extract("他在主任岗位上，责任市长负责。")) == set()


def test_a_name_the_text_confirms_is_not_longer_in_a_headline():
    """吴伟来我市调研: the tagger reads 吴伟来, but the text names 常务副省长吴伟."""
    text = "吴伟来我市调研安全生产\n\n本报讯 7月15日，省委常委、常务副省长吴伟深入我市调研。"
    assert persons(text) == ["吴伟", "吴伟"]
    assert kinds(extract(text)) == {"吴伟": "official"}


def test_a_bounded_name_after_a_title_may_start_with_a_common_word():
    """高新 and 王家 are common words, but after a title a follow word or a list separator
    right after the third character closes a name (副县长王家明、高新华出席)."""
    doc = extract("副县长王家明、高新华出席会议。")
    assert persons("副县长王家明、高新华出席会议。") == ["王家明", "高新华"]
    assert held(doc) == {("王家明", "副县长"), ("高新华", "副县长")}
    assert persons("区委书记、高新区管委会主任李明出席。") == ["李明"]


def test_hu_is_a_surname():
    assert persons("集团董事户建国出席。") == ["户建国"]
    assert persons("全村农户户均增收3000元。") == []


def test_dai_is_a_surname():
    assert persons("市经信局总工程师代兰出席。") == ["代兰"]
    assert persons("市长代表市政府致辞。") == []



def test_a_transliterated_name_starting_like_a_chinese_one_runs_over_its_dot():
    """鲍伯·比比: 鲍 is a surname, but the dot carries the name on."""
    doc = extract("英国贝利市议会议长鲍伯·比比为团长的代表团来我市考察。")
    assert persons("英国贝利市议会议长鲍伯·比比为团长的代表团来我市考察。") == ["鲍伯·比比"]
    assert ("鲍伯·比比", "英国贝利市议会议长") in held(doc)
    assert doc.of_type("event") == []  # 议会议长: no 会议


def test_transliterated_names_after_posts_hold_the_post():
    doc = extract("亚美尼亚驻华大使谢尔盖·马纳萨良、克罗地亚驻华大使达里欧·米海林出席。")
    assert held(doc) == {("谢尔盖·马纳萨良", "亚美尼亚驻华大使"),
                         ("达里欧·米海林", "克罗地亚驻华大使")}


def test_a_transliterated_name_ends_before_a_follow_word():
    assert persons("新西兰总理罗伯特·马尔登有幸成为第一位。") == ["罗伯特·马尔登"]


def test_a_name_ends_before_going_somewhere():
    """赴, 前往 after a post's holder: the name ends before the verb."""
    assert persons("8月1日，市委副书记、市长王立赴阳高县调研。") == ["王立"]
    assert persons("副市长陈波前往灵丘县检查工作。") == ["陈波"]


def test_a_surname_with_jia_and_a_place_word_names_a_village():
    """杨家窑, 刘家塔: a village named by a family, alone as a headline or an item."""
    assert persons("李家窑：龙头产业助乡村振兴") == []
    assert persons("途经刘家塔、王家坪，到达县城。") == []


def test_a_village_named_for_a_family_and_a_field_is_no_person():
    assert persons("种植基地覆盖马家庄、夏家场等村。") == []


def test_a_name_before_cun_is_a_villages():
    """赵圪垛村, 郭家掌村 in a list of villages: no person."""
    assert persons("涉及白家岭村、赵圪垛村、郭家掌村等。") == []


def test_a_surname_and_a_word_of_address_name_no_person():
    """徐大爷, 李师傅, 康女士: people the text does not name (a surname and a word of
    address), neither by the rules nor by the model; 马文博先生 is named."""
    doc = run(Doc(text="住户徐大爷说：楼道干净了。李师傅正在修车，康女士表示满意。"
                       "马文博先生介绍了情况。"))
    assert [m.text for m in doc.of_type("person")] == ["马文博"]


def test_rare_surnames_start_names():
    """汲, 逄, 郗: rare surnames an official's name may start with."""
    doc = run(Doc(text="区委副书记、区长汲广树，副区长逄明、郗晓东参加审议。"))
    assert [m.text for m in doc.of_type("person")] == ["汲广树", "逄明", "郗晓东"]


def test_a_surname_jia_and_a_grave_name_a_village():
    """王家坟, like 杨家窑: a village, not a person."""
    doc = run(Doc(text="深入东仙坡镇王家坟、三步桥等8个村庄开展清淤。"))
    assert doc.of_type("person") == []


def test_two_provinces_one_character_names_are_no_person():
    """晋蒙之间: 山西 and 内蒙古 by their one-character names, not a person the model
    guesses."""
    doc = run(Doc(text="集大原高铁正式开通运营，结束了晋蒙之间没有直通高铁线路的历史。"))
    assert doc.of_type("person") == []


def test_a_name_between_list_marks_under_posts_keeps_the_list_going():
    """主席团常务主席王彤宇、谢兆村、刘国强: 谢兆村 (村 in a name) is one of the listed
    people, and so is everyone after it."""
    doc = run(Doc(text="大会执行主席、主席团常务主席王彤宇、谢兆村、刘国强在主席台前排就座。"))
    held = {(r.subject.text, r.object.text) for r in doc.relations if r.kind == "holds_title"}
    assert {("谢兆村", "主席团常务主席"), ("刘国强", "主席团常务主席")} <= held


def test_a_listed_name_of_a_rare_surname_keeps_the_list_going():
    """才 is no surname the list knows; 才玉璞 makes no word, so it is a listed name, and
    everyone after it holds the post too; 群众 and 代表 are words, no names."""
    doc = extract("市政协副主席康志民、辛志才、才玉璞、齐永军、隋力，市政协党组成员刘宝良参加。")
    assert {(n, "市政协副主席") for n in ("才玉璞", "齐永军", "隋力")} <= held(doc)
    doc = extract("市政协副主席康志民、群众代表、专家等参加。")
    assert held(doc) == {("康志民", "市政协副主席")}


def test_names_listed_before_their_post_after_deng_hold_it():
    doc = extract("出席的还有省直部门负责同志；刘朝瑞、张生起、张富治等市领导。")
    assert held(doc) == {(n, "市领导") for n in ("刘朝瑞", "张生起", "张富治")}
    assert kinds(doc) == dict.fromkeys(("刘朝瑞", "张生起", "张富治"), "official")
    assert held(extract("省民政厅、省商务厅等市领导出席。")) == set()


def test_a_rare_surname_led_common_word_after_a_post_is_no_name():
    """向记者展示刚买的书: 展示 is a verb; 教授来现场: 现场 a place; 展 and 来 rare surnames."""
    assert persons("胡乐乐边向记者展示刚买的书。") == ["胡乐乐"]
    assert persons("专家和教授来现场考察。") == []
    assert persons("副市长康建国出席。") == ["康建国"]  # 建国 a word, but 康 is common


def test_a_credit_s_she_is_no_part_of_the_photographer_s_name():
    assert held(extract("委员们展开热议。记者杨戈摄")) == {("杨戈", "记者")}


def test_the_model_takes_no_person_stop_word_for_a_name():
    doc = run(Doc(text="嘉宾在卧龙电器南阳防爆集团考察。"))
    assert doc.of_type("person") == []


def test_leaders_of_the_city_in_shaanxi_usage_hold_that_post():
    doc = extract("市上领导何铁虎、刘永根、陈俊参加观摩。")
    assert held(doc) == {(n, "市上领导") for n in ("何铁虎", "刘永根", "陈俊")}
    assert set(kinds(doc).values()) == {"official"}


def test_xiang_in_a_given_name_and_as_a_preposition_after_one():
    """向 begins given names (薛向阳, 王向东) and follows names as a preposition."""
    doc = extract("蒲县县委书记杨晓舟宣布项目开工，县委副书记、县长薛向阳主持开工仪式。")
    assert {("薛向阳", "县委副书记"), ("薛向阳", "县长")} <= held(doc)
    assert persons("张三向李四汇报工作，市长张强向大家致以问候。") == ["张三", "李四", "张强"]


def test_a_spaced_name_in_a_byline_holds_the_role_and_the_list_goes_on():
    doc = extract("本报讯(记者 方慧玲 黄 铎 曹新俊 郭 靖 孙浩然)2月10日下午，出席会议。")
    assert {(n, "记者") for n in ("方慧玲", "黄 铎", "曹新俊", "郭 靖", "孙浩然")} <= held(doc)


def test_a_spaced_name_is_one_person_with_the_name_unspaced():
    from newsgraph.pipeline import build_corpus, process_page

    text = "会议召开\n\n本报讯(记者 黄 铎 曹新俊)2月10日下午，会议召开。\n"
    corpus = build_corpus([process_page(text.encode(), "a.txt")], home_city="大同市")
    names = sorted(e.name for e in corpus.entities.values() if e.kind == "person")
    assert names == ["曹新俊", "黄铎"]


def test_deputies_listed_before_daibiao_hold_the_post_and_are_officials_at_a_congress():
    doc = extract("市十九届人大五次会议各代表团审议政府工作报告。审议中，郭威立、张会民等代表"
                  "紧密联系工作实际发言。市人大代表、市委常委孙刘琳出席。")
    assert {("郭威立", "代表"), ("张会民", "代表"), ("孙刘琳", "市人大代表")} <= held(doc)
    assert kinds(doc)["郭威立"] == "official"


def test_daibiao_after_a_name_is_the_verb_and_representatives_are_no_officials():
    doc = extract("王曦代表市委、市政府表示感谢。我市医院代表齐聚一堂。李明、赵刚等代表发言。")
    assert [m.text for m in doc.of_type("person")] == ["王曦", "李明", "赵刚"]
    assert ("王曦", "代表") not in held(doc)
    assert kinds(doc)["李明"] == "other"


def test_a_list_mostly_of_names_names_people_in_its_other_items():
    assert persons("孙跃卓、康严严、张宁、杨实隆、郭家贝、张晨玥等学生荣获本届大展院校优秀作品奖。"
                   "平城区、云冈区、高新区等地积极响应。") == [
        "孙跃卓", "康严严", "张宁", "杨实隆", "郭家贝", "张晨玥"]


def test_no_name_after_a_space_follows_a_post_that_is_no_office():
    doc = extract("卢东亮看望慰问老党员和生活困难党员 任希杰王明厚参加")
    assert not {t for _, t in held(doc)} & {"党员", "生活困难党员"}
    assert held(extract("记者 张三 李四")) == {("张三", "记者"), ("李四", "记者")}


def test_names_run_together_in_a_headline_line_are_cut_into_names():
    assert persons("张强出席并讲话 刘俊义艾凌宇谷明武健鹏出席 姚鸿波主持") == [
        "张强", "刘俊义", "艾凌宇", "谷明", "武健鹏", "姚鸿波"]
    assert persons("宋元明率队 卢东亮张强胡海军等陪同") == ["宋元明", "卢东亮", "张强", "胡海军"]
    assert persons("全市召开安全生产会议并部署工作") == []


def test_leaders_a_headline_lists_at_a_meeting_are_officials():
    doc = extract("张强出席并讲话 刘俊义艾凌宇谷明武健鹏出席 姚鸿波主持")
    assert kinds(doc)["谷明"] == "official"


def test_envoys_hold_their_posts_with_their_countries():
    doc = extract("出席的有摩尔多瓦驻华大使杜米特鲁·贝拉基什、泰国驻华使馆公使本杰明。")
    assert "摩尔多瓦驻华大使" in [t.text for t in doc.of_type("title")]
    assert ("本杰明", "泰国驻华使馆公使") in held(doc) and kinds(doc)["本杰明"] == "official"


def test_he_in_the_middle_of_a_three_character_name_a_follow_word_ends():
    """Sentences of a 宜昌 probe page: 和 is a given name's character in 陈和春 (so the list
    of 副主席 goes on past him), but 张和|出席 is no name ending in 出."""
    doc = extract("市政协主席王均成，副主席陈和春、张发卫、孔福生出席。")
    assert {("陈和春", "副主席"), ("张发卫", "副主席"), ("孔福生", "副主席")} <= held(doc)
    assert persons("市长张和平出席会议。") == ["张和平"]
    assert "张和出" not in persons("市长张和出席会议。")


def test_each_of_a_list_of_names_before_an_appointment_verb_holds_the_post():
    doc = extract("王均成宣布选举结果：朱红霞、刘璇、吴磊当选为政协宜昌市第七届委员会常务委员。")
    post = "政协宜昌市第七届委员会常务委员"
    assert held(doc) == {("朱红霞", post), ("刘璇", post), ("吴磊", post)}


def test_a_post_of_a_subdistrict_or_region_named_with_a_verb_before_it():
    """Probe sentences (潍坊, 柳州): a subdistrict's name (朱刘, read as names) belongs
    to the post; 传达 before 自治区党委书记 is no part of it."""
    doc = extract("昌乐县朱刘街道办事处主任郭辉介绍说：“强化要素保障。”")
    assert held(doc) == {("郭辉", "昌乐县朱刘街道办事处主任")}
    doc = extract("会议传达学习自治区党委书记陈刚同志关于加强政协党建工作的要求。")
    assert held(doc) == {("陈刚", "自治区党委书记")}


def test_a_two_character_name_of_a_rare_surname_in_a_list_under_a_post():
    doc = extract("大会执行主席陈红辉、周正英、望蓉、丁庆荣、卢斌在主席台前排就座。")
    assert {p for p, _ in held(doc)} == {"陈红辉", "周正英", "望蓉", "丁庆荣", "卢斌"}


def test_a_post_of_a_body_named_with_a_bracketed_place_or_joined_by_he():
    """Probe sentences (湖州, 鄂尔多斯): (集团) and (北京) are parts of the body's name, as
    is 粮食和 of 粮食和物资储备局; 国家杜马(议会下院) says what the body is."""
    doc = extract("大众交通(集团)股份有限公司董事长杨国平、中国矿业大学(北京)校长刘波出席。")
    assert held(doc) == {("杨国平", "大众交通(集团)股份有限公司董事长"),
                         ("刘波", "中国矿业大学(北京)校长")}
    doc = extract("市发改委副主任、粮食和物资储备局局长张银银介绍。")
    assert ("张银银", "粮食和物资储备局局长") in held(doc)
    doc = extract("俄罗斯国家杜马(议会下院)主席谢列兹尼奥夫出席。")
    assert all("(" not in post for _, post in held(doc))
    doc = extract("淄博市人力资源和社会保障局副局长张涛、唐山市海洋口岸和港航管理局局长李强说。")
    assert held(doc) == {("张涛", "淄博市人力资源和社会保障局副局长"),
                         ("李强", "唐山市海洋口岸和港航管理局局长")}


def test_a_delegation_head_and_a_name_that_is_a_citys_too():
    """Probe pages (南充, 芜湖): 代表团团长 is a post; after 市委书记, 宁波 whom a clear
    follow word ends (主持) is a person, a city's name though it is."""
    doc = extract("省人大代表、市委书记、南充市代表团团长张冬云主持会议。")
    assert held(doc) == {("张冬云", "省人大代表"), ("张冬云", "市委书记"),
                         ("张冬云", "南充市代表团团长")}
    doc = extract("市委书记宁波主持会议并讲话。")
    assert held(doc) == {("宁波", "市委书记")}


def test_a_name_cut_short_in_one_article_is_made_whole_from_another_on_the_page():
    """涂碧|波及, 杨济|时作: the last character ran into the next word; the page prints
    the whole name elsewhere, so the short one is made whole and takes its titles."""
    from newsgraph.extract import run_all

    docs = run_all([Doc(text=t, home_city="常德市") for t in (
        "常德市委常委、市委秘书长罗先东，副市长涂碧波及相关职能部门负责人参加督导检查。",
        "执行主席是：吴开华、杨济时、孙慧芳。鞍山市人民政府代市长杨济时作政府工作报告。",
        "副市长涂碧波、龚德汉，市政府秘书长出席。")])
    assert [m.text for m in docs[0].of_type("person")] == ["罗先东", "涂碧波"]
    assert ("涂碧波", "副市长") in held(docs[0])
    assert ("杨济时", "鞍山市人民政府代市长") in held(docs[1])
    assert kinds(docs[1])["杨济时"] == "official"
    alone = extract("常德市委常委、市委秘书长罗先东，副市长涂碧波及相关职能部门负责人参加。")
    assert "涂碧" in [m.text for m in alone.of_type("person")]  # (alone it tells no more)


def test_titles_of_a_numbered_congress_join_the_titles_before_them():
    doc = extract("3月12日下午，市人大代表、市委书记、市七届人大常委会主任岳亮参加审议。")
    assert held(doc) == {("岳亮", "市人大代表"), ("岳亮", "市委书记"),
                         ("岳亮", "市七届人大常委会主任")}


def test_a_post_then_a_colon_and_a_list_of_names_gives_each_the_post():
    doc = extract("本次会议的执行主席是：吴开华、杨济时、孙慧芳。记者：请问今年有何打算？")
    assert held(doc) == {("吴开华", "执行主席"), ("杨济时", "执行主席"), ("孙慧芳", "执行主席")}


def test_a_military_commands_posts():
    doc = extract("副省长魏增军、省军区副司令员李胜林到车站迎接。")
    assert held(doc) == {("魏增军", "副省长"), ("李胜林", "省军区副司令员")}
    assert kinds(doc)["李胜林"] == "official"


def test_an_academician_is_a_title_of_no_official():
    doc = extract("副省长走访慰问了中国工程院院士、中车株机专家委主任刘友梅。")
    assert held(doc) == {("刘友梅", "中国工程院院士"), ("刘友梅", "中车株机专家委主任")}
    assert kinds(extract("中国工程院院士武强出席。")) == {"武强": "other"}


def test_coming_to_a_city_to_visit_it_is_no_name():
    assert persons("潜江市党政代表团来宜考察\n\n熊征宇陈红辉参加\n\n本报讯 1月14日，潜江市党政"
                   "代表团来宜考察。") == ["熊征宇", "陈红辉"]
    assert persons("市长来晓东主持会议。") == ["来晓东"]


def test_he_that_ends_a_listed_name_and_a_name_with_he_inside_before_he():
    doc = extract("市政协副主席苏世强、高怀和、任静波、李和平和市政协党组成员出席。")
    assert persons(doc.text) == ["苏世强", "高怀和", "任静波", "李和平"]
    assert ("李和平", "市政协副主席") in held(doc)
    assert not any("和平和" in m.text for m in doc.mentions)


def test_a_list_of_names_after_a_post_starts_with_a_rare_surname():
    doc = extract("会上，全国人大代表种衍民、焦祺森、曾莲英发言。")
    assert {("种衍民", "全国人大代表"), ("焦祺森", "全国人大代表")} <= held(doc)


def test_representatives_named_in_a_list_after_their_post():
    doc = extract("党外人士代表高山、左琼颖、傅友生、蒋云良、向前、涂闻卿以及企业家代表何航、"
                  "唐灵军、文戈发言。")
    assert {"向前", "涂闻卿", "何航"} <= set(persons(doc.text))
    assert {("何航", "企业家代表"), ("唐灵军", "企业家代表")} <= held(doc)
    assert persons("各医院代表齐聚一堂。") == []


def test_a_member_after_the_name_is_no_body_of_the_given_name():
    doc = extract("张庆春委员针对国家工业遗产的保护提出建议。")
    assert held(doc) == {("张庆春", "委员")}


def test_a_name_right_after_a_word_for_what_the_person_does():
    assert persons("在讲解员段旖的娓娓道来里，北京游客陈爽说，非常震撼。") == ["段旖", "陈爽"]
    assert persons("市级代表性传承人高树飞的工作室就开在老街。") == ["高树飞"]
    assert persons("千名游客齐聚一堂。每周都有志愿者来帮忙，下游客户非常理解，让游客乐享假日。") \
        == []


def test_members_of_a_session_s_presidium():
    doc = extract("大会主席团成员陈利众、李小平、张东和等在主席台就座。")
    assert held(doc) == {("陈利众", "大会主席团成员"), ("李小平", "大会主席团成员"),
                         ("张东和", "大会主席团成员")}
    assert set(kinds(doc).values()) == {"official"}
