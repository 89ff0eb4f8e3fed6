"""The segmenter: articles, headlines, kinds, bylines, photos, and the gold pages' score."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import spans_agree
from newsgraph.read import read_bytes
from newsgraph.segment import segment
from newsgraph.segment.bylines import byline_prefix, dateline, is_byline, is_credit, parse_people
from newsgraph.segment.headlines import caption_headline, first_sentence, split_heads
from newsgraph.segment.score import main as score_main
from newsgraph.segment.score import norm, score_page

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "newsgraph" / "samples"


def _articles(text: str):
    return segment(read_bytes(text.encode(), "t.txt"))


def _sample(stem: str):
    path = next(SAMPLES.glob(f"{stem}_*.txt"))
    page = read_bytes(path.read_bytes(), path.name)
    return page, segment(page)


# -- headline runs -----------------------------------------------------------------------

@pytest.mark.parametrize("lines,headline,kicker,subtitle", [
    (["高质量发展调研行", "乡村振兴谱新篇 云中大地绘新景"], "乡村振兴谱新篇 云中大地绘新景",
     "高质量发展调研行", ""),
    (["融入京津冀 打造桥头堡", "共担新使命 共创新未来", "——写在大会举办之际"],
     "共担新使命 共创新未来", "融入京津冀 打造桥头堡", "写在大会举办之际"),
    (["加强古城保护修复 做强文旅消费品牌", "张强主持召开古城建设专题会"],
     "加强古城保护修复 做强文旅消费品牌", "", "张强主持召开古城建设专题会"),
    (["送上新春祝福 携手共推发展", "张强春节前夕开展走访慰问活动"],
     "送上新春祝福 携手共推发展", "", "张强春节前夕开展走访慰问活动"),
    (["我市持续深入实施廉洁文化培育工程", "着力构建廉洁教育矩阵"],
     "我市持续深入实施廉洁文化培育工程", "", "着力构建廉洁教育矩阵"),
    (["累计二级以上优良天数达249天", "今年1至10月本市空气质量继续领跑全省"],
     "今年1至10月本市空气质量继续领跑全省", "累计二级以上优良天数达249天", ""),
    (["全力以赴推动政法工作提质增效 艾凌宇出席县区政法工作年中汇报会"],
     "全力以赴推动政法工作提质增效", "", "艾凌宇出席县区政法工作年中汇报会"),
    (["对标对表学思谋动 争先进位狠抓突破 我市开发区观摩调研活动举行 卢东亮带队观摩"],
     "对标对表学思谋动 争先进位狠抓突破", "", "我市开发区观摩调研活动举行 卢东亮带队观摩"),
    (["非遗文化绽放古都新春 优秀传统文化让大同年味大不同"],
     "非遗文化绽放古都新春 优秀传统文化让大同年味大不同", "", ""),
    # a kicker saying what a leader stressed: the line under it is the headline
    (["王曦在山海关区调研督导项目建设情况时强调", "抢抓机遇 乘势而上 奋发作为",
      "全力推动重点项目建设提速提质提效"], "抢抓机遇 乘势而上 奋发作为",
     "王曦在山海关区调研督导项目建设情况时强调", "全力推动重点项目建设提速提质提效"),
    (["田卫东参加德城代表团审议时强调", "发挥优势创优争先 持续推动更多工作走在前列"],
     "发挥优势创优争先 持续推动更多工作走在前列", "田卫东参加德城代表团审议时强调", ""),
    (["鲍常勇在全市重点项目建设观摩点评工作会议上强调", "坚持“项目为王” 深化“三个一批”",
      "奋力推动经济发展开门红全年红", "李跃勇主持 李宝清陈锋出席"],
     "坚持“项目为王” 深化“三个一批”", "鲍常勇在全市重点项目建设观摩点评工作会议上强调",
     "奋力推动经济发展开门红全年红 李跃勇主持 李宝清陈锋出席"),
    # a report of a project settling or being built over its figures (遵义, 鄂尔多斯)
    (["全钒液流储能全产业链项目落户遵义", "广州志喜科技公司将投资约53亿元"],
     "全钒液流储能全产业链项目落户遵义", "", "广州志喜科技公司将投资约53亿元"),
    (["高新区绒纺产业创新示范园加快建设", "总投资80亿元 全面建成后预计年产值100亿元"],
     "高新区绒纺产业创新示范园加快建设", "", "总投资80亿元 全面建成后预计年产值100亿元"),
    # three lines: a kicker, the headline and a subtitle (a 柳州 probe page)
    (["刘胜友在自治区政府新闻发布会上介绍", "柳州全力打造国际新能源汽车产业高地",
      "汽车产量累计达3200万辆 新能源汽车产量累计突破300万辆"],
     "柳州全力打造国际新能源汽车产业高地", "刘胜友在自治区政府新闻发布会上介绍",
     "汽车产量累计达3200万辆 新能源汽车产量累计突破300万辆"),
    # a kicker, the headline, a subtitle and the leaders present (a 南充 probe page)
    (["审议审查相关报告和草案", "省人大会议某市代表团召开全体会议", "坚定不移推动高质量发展",
      "王明　李强　赵刚出席"],
     "省人大会议某市代表团召开全体会议", "审议审查相关报告和草案",
     "坚定不移推动高质量发展 王明　李强　赵刚出席"),
    # a project's investment, a part of its own, under the line naming it (襄阳, 南充)
    (["去年我市引进亿元以上项目456个", "百亿级产业项目11个、总投资2223亿元"],
     "去年我市引进亿元以上项目456个", "", "百亿级产业项目11个、总投资2223亿元"),
    (["某某集散中心项目加紧建设", "总投资11.3亿元　将完善仓储功能"],
     "某某集散中心项目加紧建设", "", "总投资11.3亿元　将完善仓储功能"),
    (["聚焦项目建设", "总投资5.5亿元牧场项目签约落户某区"],
     "总投资5.5亿元牧场项目签约落户某区", "聚焦项目建设", ""),
])
def test_split_heads(lines, headline, kicker, subtitle):
    heads = split_heads(lines)
    assert (heads.headline, heads.kicker, heads.subtitle) == (headline, kicker, subtitle)


def test_commentary_pen_name_and_column_are_set_aside():
    heads = split_heads(["推进主题教育要在解决问题上下功夫", "良言", "云中论坛"])
    assert heads.headline == "推进主题教育要在解决问题上下功夫"
    assert (heads.author, heads.column) == ("良言", "云中论坛")


@pytest.mark.parametrize("caption,headline", [
    ("10月11日，村民在建华村采收香禾糯稻谷。当日，从江县举办测产活动。",
     "村民在建华村采收香禾糯稻谷"),
    ("为保持旅游热度不减,我市打造旅游产品。图为昨日华严广场人流不断。", "华严广场人流不断"),
    ("京东集团大同数据中心基地项目总占地面积20万平方米。图为一期项目外景。",
     "京东集团大同数据中心基地项目"),
    ("新春佳节来临之际,古城内到处洋溢着欢乐氛围。农历除夕,市民游走。",
     "新春佳节来临之际,古城内到处洋溢着欢乐氛围"),
    # a title on a line of its own over the caption (岳阳, 桂林 probe pages)
    ("古塔流光映新街\n5月24日晚，某某片区开街，市民游客在古塔下驻足拍照。", "古塔流光映新街"),
])
def test_caption_headline(caption, headline):
    assert caption_headline(caption) == headline


def test_untitled_item_is_titled_by_its_first_sentence_without_date():
    text = "为期3天的培训班10月11日在我市开班。市长致辞。"
    assert first_sentence(text) == "培训班10月11日在我市开班"
    assert first_sentence("2月9日，除夕。这一天") == "除夕"


# -- bylines -----------------------------------------------------------------------------

def test_bylines_datelines_and_credits():
    assert is_byline("□本报记者 纪元元")
    assert is_byline("□ 本报记者 何婧\n通讯员 常占库 赵丽")
    assert parse_people("□ 本报记者 何婧\n通讯员 常占库 赵丽") == [
        ("何婧", "reporter"), ("常占库", "correspondent"), ("赵丽", "correspondent")]
    assert is_credit("本报记者 张占兵 通讯员 郝美丽摄")
    assert parse_people("本报记者 张占兵 通讯员 郝美丽摄") == [
        ("张占兵", "photographer"), ("郝美丽", "correspondent")]
    assert dateline("本报讯（记者 李雪峰 韩云峰）7月13日")[1] == [
        ("李雪峰", "reporter"), ("韩云峰", "reporter")]
    assert dateline("新华社北京2月23日电 2月23日，")[0] == "新华社北京2月23日电"
    assert dateline("本报记者 张三说") is None
    assert byline_prefix("□ 本报记者 郝雨 筑牢信仰之基。")[1] == [("郝雨", "reporter")]


# -- whole pages -------------------------------------------------------------------------

PAGE = """融入京津冀 打造桥头堡

共担新使命 共创新未来

——写在大会举办之际

□本报记者 纪元元

共担新使命，共创新未来。10月13日，三市将再次牵手。

特色产业遍布

遍地黄花香，人勤产业兴。当前，全市黄花种植面积稳定。

(下转第三版)

在2023(第五届)全国政务热线发展论坛上
我市12345热线获评“服务企业优秀单位”

本报讯(记者 李雪峰)日前，我市12345热线再传喜讯。

据了解，本届论坛邀请全国专家学者。

10月11日，村民在建华村采收香禾糯稻谷。当日，从江县举办测产活动。

新华社记者 杨文斌摄

□ 本报记者 郝雨

筑牢信仰之基、补足精神之钙。主题教育开展以来，我市科学谋划。

大同市清理隐性壁垒专项行动投诉渠道

现面向社会各界公开征集问题线索。

推进主题教育要在解决问题上下功夫

良言

云中论坛

我市主题教育正在扎实有序推进当中。
"""


def test_a_small_page_is_split_into_its_articles():
    arts = _articles(PAGE)
    got = [(a.headline, a.kind, [n for n, _ in a.reporters]) for a in arts]
    assert got == [
        ("共担新使命 共创新未来", "feature", ["纪元元"]),
        ("我市12345热线获评“服务企业优秀单位”", "news", ["李雪峰"]),
        ("村民在建华村采收香禾糯稻谷", "photo", ["杨文斌"]),
        ("筑牢信仰之基、补足精神之钙", "feature", ["郝雨"]),
        ("大同市清理隐性壁垒专项行动投诉渠道", "notice", []),
        ("推进主题教育要在解决问题上下功夫", "commentary", ["良言"]),
    ]
    first = arts[0]
    assert "特色产业遍布" in first.body  # an intertitle stays inside its article
    assert first.kicker == "融入京津冀 打造桥头堡" and first.subtitle == "写在大会举办之际"
    assert arts[1].kicker == "在2023(第五届)全国政务热线发展论坛上"
    assert arts[1].dateline == "本报讯(记者 李雪峰)"


def test_article_offsets_and_text_agree():
    page, arts = _sample("003")
    spans_agree(page, arts)
    for a in arts:
        assert a.article_id.startswith(page.page_id)
        assert a.date == page.issue_date


def test_a_photo_printed_inside_an_article_is_left_out_of_its_text():
    from newsgraph.pipeline import process_page

    for stem, host in (("003", "对标对表"), ("002", "提振信心"), ("001", "坚定信心")):
        page, arts = _sample(stem)
        art = next(a for a in arts if a.headline.startswith(host))
        photo = next(a for a in arts if a.kind == "photo" and art.start < a.start < art.end)
        assert photo.text not in art.text and photo.byline not in art.text
        assert "\n\n\n" not in art.text
        path = Path(__file__).parent.parent / "src/newsgraph/samples"
        result = process_page(next(path.glob(f"{stem}_*.txt")).read_bytes(), "p.txt")
        doc = result.docs[art.index]
        photographer = photo.reporters[0][0]
        assert photographer not in {m.text for m in doc.mentions if m.type == "person"}
        assert photographer in {m.text for m in result.docs[photo.index].mentions
                                if m.type == "person"}


def test_photo_between_headline_and_byline_belongs_to_neither():
    _, arts = _sample("001")
    feature = next(a for a in arts if a.headline.startswith("坚定信心"))
    photo = next(a for a in arts if a.headline == "华严广场人流不断")
    assert feature.kind == "feature" and len(feature.reporters) == 4
    assert photo.kind == "photo" and photo.reporters == [("张占兵", "photographer")]


def test_article_goes_on_after_a_photo_inside_it():
    _, arts = _sample("003")
    art = next(a for a in arts if a.headline.startswith("对标对表"))
    assert "现场观摩结束后" in art.body


def test_list_of_points_before_the_lead_stays_with_its_headline():
    _, arts = _sample("002")
    art = next(a for a in arts if a.headline == "坚决把防线防住、底线守牢")
    assert art.kind == "news" and art.reporters == [("李明璇", "reporter")]


def test_teaser_with_a_jump_is_a_commentary_and_a_box_is_a_notice():
    _, arts = _sample("002")
    assert next(a for a in arts if a.headline.startswith("让当代")).kind == "commentary"
    _, arts = _sample("004")
    box = next(a for a in arts if a.kind == "notice")
    assert norm(box.headline) == "大同市12345政务服务便民热线"


def test_stray_piece_of_a_jumped_article_is_not_an_article():
    _, arts = _sample("002")
    assert not any(a.headline.startswith("活动") for a in arts)


def test_empty_and_odd_pages_do_not_crash():
    odd = ("只有一行字", "本报讯", "□本报记者 张三", "本报记者 张三摄",
           "——副题\n\n（下转第二版）正文")
    for text in odd:
        try:
            page = read_bytes(text.encode(), "t.txt")
        except Exception as exc:  # a refused page is fine, a crash is not
            assert exc.__class__.__name__ == "PageError"
            continue
        spans_agree(page, segment(page))


# -- the gold pages ------------------------------------------------------------------------

def test_gold_headline_f1_is_at_least_0_9(capsys):
    score_main([str(ROOT / "eval" / "gold")])
    total = capsys.readouterr().out.strip().splitlines()[-1].split()
    gold, pred, p, r, f1, kind, reporters = total[1:8]
    assert float(f1) >= 0.9
    assert float(kind) >= 0.85 and float(reporters) >= 0.85


# -- page furniture, notices and photos printed tight --------------------------------------

_NEWS = ("我市召开会议\n\n本报讯（记者 孙丽）5月17日，全市安全生产工作会议召开。会议总结了去年"
         "工作，部署了今年任务，要求各部门压实责任，确保全市安全生产形势持续稳定向好。\n\n")


@pytest.mark.parametrize("masthead", ["大同日报 2024年5月20日 星期一 第2版",
                                      "大同日报\n2024年5月20日 星期一\n第2版"])
def test_the_masthead_is_in_no_article(masthead):
    arts = _articles(f"{masthead}\n\n{_NEWS}")
    assert [(a.headline, a.kicker) for a in arts] == [("我市召开会议", "")]
    assert "大同日报" not in arts[0].text and "星期一" not in arts[0].text


@pytest.mark.parametrize("title", ["公告", "停水公告", "关于停水的通知"])
def test_a_notice_after_an_article_is_an_item_of_its_own(title):
    arts = _articles(_NEWS + f"{title}\n\n因城市供水管网改造，5月22日8时至18时，御河东区部分小区"
                     "停水，请居民做好储水准备。\n大同市水务集团有限公司\n2024年5月20日\n")
    assert [(a.headline, a.kind) for a in arts] == [("我市召开会议", "news"), (title, "notice")]
    assert "停水" not in arts[0].text


@pytest.mark.parametrize("photo", ["图为市民在文瀛湖公园晨练。 本报记者 郭钧 摄",
                                   "图为市民在文瀛湖公园晨练。\n本报记者 郭钧 摄"])
def test_a_credit_printed_with_its_caption_makes_a_photo(photo):
    arts = _articles(_NEWS + photo + "\n")
    assert [(a.headline, a.kind) for a in arts] == [("我市召开会议", "news"),
                                                    ("市民在文瀛湖公园晨练", "photo")]
    assert arts[1].reporters == [("郭钧", "photographer")]
    assert "郭钧" not in arts[0].text


def test_a_credit_of_two_lines_stays_one():
    arts = _articles("图为市民在文瀛湖公园晨练。\n\n本报记者 郭钧\n通讯员 李明摄\n")
    assert [a.kind for a in arts] == ["photo"]
    assert arts[0].reporters == [("郭钧", "photographer"), ("李明", "correspondent")]


def test_byline_lines_printed_right_over_the_text_are_its_byline():
    """灵丘县：光伏扶贫项目惠及万户 / 本报记者 段俊峰 / 近日，…: no blank line under the
    byline; the short title is no intertitle of the article before."""
    arts = _articles(_NEWS + "灵丘县：光伏项目惠及万户\n\n□ 本报记者 段俊峰\n通讯员 赵丽\n"
                     "近日，记者走进灵丘县独峪乡，看到一排排光伏板整齐排列，全县光伏电站覆盖"
                     "12个乡镇。\n")
    assert [(a.headline, a.kind) for a in arts] == [("我市召开会议", "news"),
                                                    ("灵丘县：光伏项目惠及万户", "feature")]
    assert arts[1].reporters == [("段俊峰", "reporter"), ("赵丽", "correspondent")]
    assert arts[1].byline == "□ 本报记者 段俊峰\n通讯员 赵丽"


@pytest.mark.parametrize("credit", ["\n（段俊峰 摄）", "\n\n（段俊峰 摄）", "（段俊峰 摄）"])
def test_a_credit_in_brackets_names_the_photographer_of_its_article(credit):
    arts = _articles("市领导调研冬奥雪场建设\n\n3月13日，市委书记卢东亮到浑源县调研，察看了"
                     f"冰雪运动中心项目建设进展。{credit}\n")
    assert [a.headline for a in arts] == ["市领导调研冬奥雪场建设"]
    assert arts[0].reporters == [("段俊峰", "photographer")]


@pytest.mark.parametrize("credit,people", [
    ("（通讯员　黄戡凌　摄）", [("黄戡凌", "correspondent")]),
    ("（新华社发　刘满仓　摄）", [("刘满仓", "photographer")]),
    ("（记者 张三 通讯员 李四）", [("张三", "reporter"), ("李四", "correspondent")]),
])
def test_a_bracketed_credit_s_role_or_wire_is_no_name(credit, people):
    arts = _articles("市领导调研冬奥雪场建设\n\n3月13日，市委书记卢东亮到浑源县调研，察看了"
                     f"冰雪运动中心项目建设进展。{credit}\n")
    assert arts[0].reporters == people


@pytest.mark.parametrize("lead,people", [
    ("本报讯 记者王丽娟报道：", [("王丽娟", "reporter")]),
    ("本报讯 记者王丽娟 通讯员李明报道：", [("王丽娟", "reporter"), ("李明", "correspondent")]),
    ("本报讯（记者 宋芳）", [("宋芳", "reporter")]),
])
def test_datelines_name_their_reporters_with_or_without_brackets(lead, people):
    arts = _articles(f"市政府召开常务会议\n\n{lead}6月3日，市长主持召开市政府常务会议，研究部署"
                     "安全生产、防汛抗旱等工作。\n")
    assert arts[0].kind == "news" and arts[0].reporters == people
    assert arts[0].dateline == lead


@pytest.mark.parametrize("credit,people", [
    ("（郝雨）", [("郝雨", "reporter")]),
    ("\n（郝雨）", [("郝雨", "reporter")]),
    ("（记者 郝雨 通讯员 李明）", [("郝雨", "reporter"), ("李明", "correspondent")]),
    ("（全文）", []),
    ("（草案）", []),
])
def test_a_name_in_brackets_ending_an_article_is_its_writer(credit, people):
    arts = _articles("市人大常委会调研计划执行情况\n\n7月27日，市人大常委会副主任王明生率队调研"
                     f"上半年国民经济和社会发展计划执行情况。{credit}\n")
    assert [a.headline for a in arts] == ["市人大常委会调研计划执行情况"]
    assert arts[0].reporters == people


# A page printed a paragraph a line, with no blank line anywhere (a text export).
_ONE_PER_LINE = (
    "大同日报 2018年6月7日 星期四\n"
    "调研组来我市调研央企合作\n"
    "本报讯（记者 韩云峰）6月5日至6日，中央企业专职外部董事调研组来我市实地调研。昨日下午，"
    "副市长尉连生与调研组一行座谈。\n"
    "座谈会上，调研组听取了汇报，并与发改、住建等部门负责人深入交流，就我市能源革命和城市提质"
    "进行实地调研。（下转第三版）\n"
    "市人大常委会调研计划执行情况\n"
    "本报讯 7月27日，市人大常委会副主任王明生率队调研上半年国民经济和社会发展计划执行情况。\n"
    "王明生强调，各级各部门要抢抓机遇，持续推进重点项目建设，确保全年经济健康平稳发展。（郝雨）\n"
    "开发区项目集中开工\n"
    "市委副书记、市长武宏文出席开工仪式并讲话，开发区党工委书记任希杰主持仪式。会上，13个新建"
    "项目同时开工。\n"
    "关于停水的通知\n"
    "因城市供水管网改造，5月22日8时至18时，御河东区部分小区停水，请居民做好储水准备。\n"
    "大同市水务集团有限公司\n"
    "2024年5月20日\n"
)


def test_a_page_printed_a_paragraph_a_line_is_cut_into_its_articles():
    arts = _articles(_ONE_PER_LINE)
    assert [a.headline for a in arts] == [
        "调研组来我市调研央企合作", "市人大常委会调研计划执行情况", "开发区项目集中开工",
        "关于停水的通知"]
    assert [a.kind for a in arts[:2]] + [arts[3].kind] == ["news", "news", "notice"]
    assert [a.reporters for a in arts[:2]] == [[("韩云峰", "reporter")], [("郝雨", "reporter")]]
    assert arts[0].kicker == "" and "大同日报" not in arts[0].text
    assert arts[3].text.endswith("大同市水务集团有限公司\n2024年5月20日")


def test_a_paragraph_a_line_page_keeps_a_line_the_layout_broke():
    """年2月… cannot begin a paragraph: the short line before it is not a headline."""
    arts = _articles("市创城指挥部作出安排部署\n"
                     "本报讯（记者 潘红）为推动全国文明城市创建工作，我市开展“微笑大同”主题活动。\n"
                     "主题活动时间从2022\n"
                     "年2月至12月底，活动聚焦高质量发展主题，紧密结合创建全国文明城市工作。\n")
    assert [a.headline for a in arts] == ["市创城指挥部作出安排部署"]
    assert "时间从2022年2月至12月底" in arts[0].text


def test_the_sample_pages_printed_without_blank_lines_keep_their_articles():
    """The five sample pages with every blank line taken out: the articles the gold
    names are found all the same, but for one notice box whose lines only blank lines
    group (大同市12345 / 政务服务便民热线)."""
    found = total = 0
    for gold_path in sorted((ROOT / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        data = (SAMPLES / gold["page"]).read_bytes()
        tight = re.sub(rb"\n\s*\n+", b"\n", data)
        assert tight != data
        score = score_page(gold, tight)
        found += score.matched
        total += score.gold
    assert found >= total - 1, (found, total)


def test_a_short_line_after_a_short_dated_story_is_a_new_headline():
    """A dated news story of a paragraph or two has no intertitles: a short line after it
    heads the next item, here a titled photo credited after a colon."""
    arts = _articles("左云矿难渎职案审结\n\n本报讯 记者从省高级人民法院获悉，11名渎职罪嫌疑人有8人"
                     "已重新审结。\n\n医疗队走进山乡\n\n夏日炎炎，医疗下乡义诊队行走在山乡、小村，"
                     "为农民免费义诊、免费体检。\n\n摄影：孙润先\n")
    assert [(a.headline, a.kind) for a in arts] == [("左云矿难渎职案审结", "news"),
                                                    ("医疗队走进山乡", "photo")]
    assert arts[1].reporters == [("孙润先", "photographer")]
    assert "义诊" not in arts[0].text


def test_a_line_before_what_the_storys_speaker_said_is_an_intertitle():
    """A line over text that goes on quoting someone the open story names (卫华指出，…)
    is an intertitle of that story, however short the story before it."""
    arts = _articles("市人代会开幕\n\n本报讯 3月12日上午，市人代会开幕，市长卫华作政府工作报告。"
                     "\n\n过去四年　民生累计投入达1163.5亿\n\n卫华在政府工作报告中提到，四年来，"
                     "咸阳经济换挡不失速。\n\n今后五年　同步够格迈入全面小康社会\n\n卫华指出，"
                     "今后五年要加快转型升级。\n\n岳亮参加代表团审议\n\n王强指出，要抓落实。\n")
    assert [a.headline for a in arts] == ["市人代会开幕", "岳亮参加代表团审议"]
    assert "今后五年要加快转型升级" in arts[0].body


def test_a_byline_after_the_text_signs_the_article_off():
    arts = _articles("“五一”假期 大同文旅“火出圈”\n\n“五一”假期，大同旅游人气高涨，全市A级"
                     "旅游景区累计接待游客81.39万人次。\n\n本报记者 崔莉英\n\n摄影 戎禹仁 于宏\n\n"
                     "云冈石窟单日接待游客创新高\n\n本报讯 5月2日，云冈石窟接待游客57635人次。\n")
    assert [(a.headline, a.kind) for a in arts] == [("“五一”假期 大同文旅“火出圈”", "feature"),
                                                    ("云冈石窟单日接待游客创新高", "news")]
    assert arts[0].reporters == [("崔莉英", "reporter"), ("戎禹仁", "photographer"),
                                 ("于宏", "photographer")]


@pytest.mark.parametrize("photo", ["古城内的热闹场景。陈杰 摄", "古城内的热闹场景。\n陈杰 摄"])
def test_a_credit_of_bare_names_makes_a_photo(photo):
    arts = _articles(_NEWS + photo + "\n")
    assert [(a.headline, a.kind) for a in arts] == [("我市召开会议", "news"),
                                                    ("古城内的热闹场景", "photo")]
    assert arts[1].reporters == [("陈杰", "photographer")]
    assert is_credit("陈杰 摄") and not is_credit("场景 摄")


@pytest.mark.parametrize("opening,kind", [
    ("记者从市旅游局了解到，“老大同七日游”线路受到市民青睐。", "news"),
    ("12月6日，市委常委会召开会议，研究部署有关工作。", "news"),
    ("风雨送春归，飞雪迎春到。乡村要振兴，产业是根本。", "commentary"),
])
def test_an_unsigned_item_opening_as_news_does_is_news(opening, kind):
    arts = _articles(f"旅游线路受青睐\n\n{opening}\n")
    assert [a.kind for a in arts] == [kind]


def test_a_caption_with_its_credit_after_a_space_under_a_headline_with_a_number():
    """40.5万名… is no point of a list; 举办开学典礼 记者 戎禹仁 摄 is a caption and its
    credit printed on one line, between the story's headline and its text."""
    arts = _articles("40.5万名学生开启新学期\n\n平城区十四校举办开学典礼 记者 戎禹仁 摄\n\n"
                     "2月17日，我市中小学迎来春季开学日，40.5万名中小学生重返校园。\n")
    assert [(a.headline, a.kind) for a in arts] == [("40.5万名学生开启新学期", "news"),
                                                    ("平城区十四校举办开学典礼", "photo")]
    assert arts[1].reporters == [("戎禹仁", "photographer")]
    assert parse_people("记者 戎禹仁 摄") == [("戎禹仁", "photographer")]


@pytest.mark.parametrize("credit,people", [
    ("（文/孙权 符烨邦）", [("孙权", "reporter"), ("符烨邦", "reporter")]),
    ("（图/陈杰）", [("陈杰", "photographer")]),
    ("（文/全文）", []),
])
def test_a_bracketed_credit_with_its_part_named(credit, people):
    arts = _articles("吴伟来我市调研安全生产\n\n7月15日，省委常委、常务副省长吴伟深入我市"
                     f"调研。{credit}\n")
    assert arts[0].reporters == people


def test_a_page_flattened_to_one_line_keeps_its_masthead_writers_and_boxed_bylines():
    flat = ("大同日报 2018年6月7日 星期四调研组来我市调研央企合作本报讯（记者 韩云峰）6月5日至6日，"
            "中央企业专职外部董事调研组来我市实地调研。昨日下午，副市长尉连生与调研组一行座谈。"
            "座谈会上，调研组听取了汇报，并与发改、住建等部门负责人深入交流，就我市能源革命和城市"
            "提质进行实地调研。调研组一行还先后深入文瀛湖生态公园、大同火山群地质公园、代王府等"
            "处，就我市城市提质升级改造进行实地调研。市人大常委会调研计划执行情况本报讯 7月27日，"
            "市人大常委会副主任王明生率队调研上半年国民经济和社会发展计划执行情况。王明生强调，"
            "各级各部门要抢抓机遇，持续推进重点项目建设，确保全年经济健康平稳发展。（郝雨）"
            "玉井镇举办农民丰收季活动□本报记者 贺美晓9月23日，山阴县玉井镇农民丰收季活动启动"
            "仪式在吴家坪村举行。启动仪式上，镇党委书记刘国栋表示，希望全镇干部群众以此为契机，"
            "全力打造美丽乡村。吴家坪村支部书记林巧告诉记者，今年该村流转出1300亩坡地，合作种植"
            "黑黍，流转出土地的农民共8户，每户能增收2500元到3000元。下一步，该村将结合实际，带动"
            "村民成立专业合作社，成片规模化种植小杂粮，让更多农民在家门口增收致富。活动现场，十多种"
            "具有当地特色的农产品让现场的干部群众大饱眼福，前来参观的群众络绎不绝，现场气氛热烈。"
            "据了解，玉井镇今年粮食总产量预计比去年增长一成以上，农民人均收入稳步提高，全镇"
            "干部群众信心满满。")
    assert len(flat) > 600 and "\n" not in flat
    arts = _articles(flat)
    assert [(a.headline, a.kind, a.reporters) for a in arts] == [
        ("调研组来我市调研央企合作", "news", [("韩云峰", "reporter")]),
        ("市人大常委会调研计划执行情况", "news", [("郝雨", "reporter")]),
        ("玉井镇举办农民丰收季活动", "feature", [("贺美晓", "reporter")])]


def test_a_source_in_brackets_ends_an_item():
    arts = _articles("今日天气\n\n今天白天到夜间，全市晴转多云，最高气温28℃。（市气象台提供）\n\n"
                     "市三院开展义诊活动\n\n6月1日，市第三人民医院的15名专家来到新建南路街道开展义诊。\n")
    assert [a.headline for a in arts] == ["今日天气", "市三院开展义诊活动"]


def test_a_numbered_photo_is_titled_without_its_number():
    arts = _articles(_NEWS + "图①：志愿者在社区开展服务。图②：表彰大会现场。\n\n本报记者 刘五 摄\n")
    assert [(a.headline, a.kind) for a in arts][1] == ("志愿者在社区开展服务", "photo")


def test_an_unsigned_story_its_writer_credits_is_a_feature():
    """近年来，… (郝雨): no dateline, but a writer's credit: a reported story, not an
    opinion piece."""
    arts = _articles("瓮城口村：合作社带富一方百姓\n\n近年来，瓮城口村充分发挥村党支部作用，"
                     "大力发展肉羊养殖。2021年，村里投资140万元新建了养殖场。（郝雨）\n")
    assert [(a.kind, a.reporters) for a in arts] == [("feature", [("郝雨", "reporter")])]


def test_a_notice_keeps_its_signature_of_issuer_and_date():
    """大同市统计局 / 2023年3月18日 under a notice: who issued it and when, not an item."""
    arts = _articles(_NEWS + "关于开展统计执法检查的公告\n\n根据《中华人民共和国统计法》，市统计局"
                     "决定于4月至6月开展统计执法检查。\n\n大同市统计局\n\n2023年3月18日\n")
    assert [(a.headline, a.kind) for a in arts] == [("我市召开会议", "news"),
                                                    ("关于开展统计执法检查的公告", "notice")]
    assert arts[1].text.endswith("大同市统计局\n\n2023年3月18日")


def test_leaders_congratulating_under_a_headline_are_its_subtitle():
    arts = _articles("政协大同市委员会第二次会议开幕\n卢东亮张强到会祝贺\n\n本报讯（记者 安青）"
                     "3月19日，政协大同市委员会第二次会议隆重开幕。\n")
    assert [(a.headline, a.subtitle) for a in arts] == [
        ("政协大同市委员会第二次会议开幕", "卢东亮张强到会祝贺")]


def test_an_epaper_sites_navigation_is_no_part_of_the_page():
    """当前版/上一版, 标题导航 with its ~~~ titles and 第03版:大同新闻 are the site's, not
    the paper's; the kicker over the headline, with its comma, stays the kicker."""
    page = read_bytes(("当前版: 02版 上一版  下一版\n今年1至10月,两项指标均排第一\n\n"
                       "我市空气质量继续领跑全省\n\n本报讯 (记者 张彩峰) 记者13日从市生态环境局"
                       "获悉，我市空气质量排名全省第一。\n\n 标题导航\n今年1至10月,两项指标均排第一"
                       "~~~\nU18男篮~~~\n~~~\n   第01版:要闻\n   第02版:要闻\n").encode(), "t.txt")
    assert "版" not in page.text.replace("本报", "") and "~" not in page.text
    arts = segment(page)
    assert [(a.kicker, a.headline, a.kind) for a in arts] == [
        ("今年1至10月,两项指标均排第一", "我市空气质量继续领跑全省", "news")]


def test_the_pages_list_and_the_titles_after_it_are_the_sites():
    """第01版:要闻 … then the page's titles again, bare: the site's, up to a blank line;
    a story after the list and a blank line keeps its headline."""
    page = read_bytes(("当前版: 03版 上一版  下一版\n我市征文大赛揭晓\n\n115篇作品获奖\n\n"
                       "本报讯 (记者 邸东芳) 近日，大同市生态环境保护征文大赛结果揭晓。\n\n"
                       "   第01版:要闻\n   第02版:要闻\n6支出租车示范车队提前备战送考\n"
                       "大同铜器广受好评\n").encode(), "t.txt")
    assert [(a.kicker, a.headline) for a in segment(page)] == [
        ("我市征文大赛揭晓", "115篇作品获奖")]
    arts = _articles("   第01版:要闻\n   第02版:要闻\n\n" + _NEWS)
    assert [a.headline for a in arts] == ["我市召开会议"]


def test_a_headline_holding_enumeration_commas_or_a_colon_stays_a_headline():
    """疫情防控、重点项目和乡村振兴工作 or 阳高守口堡:… over a paragraph that starts with
    its date: 、 and : inside a short line without a comma do not make it a broken one."""
    arts = _articles("王立赴天镇县调研疫情防控、重点项目和乡村振兴工作\n\n"
                     "8月1日，市长王立赴天镇县调研。他强调，要抓好各项工作。\n")
    assert [a.headline for a in arts] == ["王立赴天镇县调研疫情防控、重点项目和乡村振兴工作"]
    assert arts[0].text.split("\n\n")[1].startswith("8月1日")
    arts = _articles("阳高守口堡:长城脚下绘就生态画卷\n\n本月以来，游客纷至沓来，景区人气很旺。\n")
    assert [a.headline for a in arts] == ["阳高守口堡:长城脚下绘就生态画卷"]


def test_a_list_printed_an_item_a_line_is_one_paragraph_of_its_article():
    """Lines ending in 、 go on: the items join the paragraph they belong to, none is a
    headline."""
    arts = _articles("开发区集中签约\n\n5月9日，开发区举行集中签约仪式。\n\n签约的有——\n\n"
                     "云州航空物流园、\n\n平城数据中心、\n\n天镇光伏储能等3个项目，总投资20亿元。\n")
    assert [a.headline for a in arts] == ["开发区集中签约"]
    assert "云州航空物流园、平城数据中心、天镇光伏储能等3个项目" in arts[0].text


def test_a_source_in_brackets_after_a_story_ends_it():
    """(晋中市体育局), (某某日报社全媒体记者:张三) on a line of its own after the text:
    the story's source, not an article."""
    arts = _articles("篮球赛落幕\n\n6月15日，篮球赛在平遥县落下帷幕。\n\n( 晋中市体育局)\n\n"
                     "市长到左云县调研乡村振兴工作时强调\n\n6月16日，市长到县里调研。\n\n"
                     "(日报社全媒体记者:梁强)\n")
    assert [a.headline for a in arts] == ["篮球赛落幕", "市长到左云县调研乡村振兴工作时强调"]
    assert arts[0].text.endswith("( 晋中市体育局)")


def test_another_outlets_dateline_leads_its_story():
    """大同新闻网讯（记者 王五）, 政商在线山西讯: a site's or station's dateline, with
    its reporters; 喜讯：, 资讯: begin no dateline."""
    assert dateline("大同新闻网讯（记者 王五）近日，我市……") == (
        "大同新闻网讯（记者 王五）", [("王五", "reporter")])
    assert dateline("政商在线山西讯:九曲黄河,奔流不息。")[0] == "政商在线山西讯:"
    assert dateline("喜讯：我市获奖。") is None
    assert dateline("他的资讯:很多。") is None
    arts = _articles("云冈区开展植树活动\n\n云冈区融媒体中心讯(记者 张三 通讯员 李四)5月1日，"
                     "云冈区开展植树活动。\n")
    assert [(a.headline, a.kind, a.reporters) for a in arts] == [
        ("云冈区开展植树活动", "news", [("张三", "reporter"), ("李四", "correspondent")])]


def test_a_caption_under_a_headline_with_a_bare_credit_after_a_space():
    """垃圾遍地 张鑫 摄 between a headline and its dateline: a photo of its own, credited;
    the headline stays the story's."""
    arts = _articles("垃圾满地堆 居民盼解决\n\n垃圾遍地 张鑫 摄\n\n本报讯（记者 张鑫）近日，"
                     "多位市民反映，小区南门周围垃圾堆积。\n")
    assert [(a.headline, a.kind) for a in arts] == [("垃圾满地堆 居民盼解决", "news"),
                                                    ("垃圾遍地", "photo")]
    assert arts[1].reporters == [("张鑫", "photographer")]


def test_leaders_witnessing_under_a_headline_are_its_subtitle():
    arts = _articles("大同市政府与某市政府签署战略合作框架协议\n张强李明见证\n\n"
                     "6月24日，两市政府举行工作会谈并签署协议。\n")
    assert [(a.headline, a.subtitle) for a in arts] == [
        ("大同市政府与某市政府签署战略合作框架协议", "张强李明见证")]


def test_a_credit_with_no_space_before_she_or_a_photo_report():
    """刘通 王中勋摄, 井娇摄影报道: photographers' credits ending a caption's block; a
    line that is the credit alone is no caption of its own."""
    assert is_credit("刘通 王中勋摄") and is_credit("井娇摄影报道")
    assert not is_credit("精彩瞬间抢拍摄")
    arts = _articles("候鸟南迁\n\n近日，湿地公园迎来了一年一度的候鸟南迁盛景。\n\n刘通 王中勋摄\n")
    assert [(a.kind, a.reporters) for a in arts] == [
        ("photo", [("刘通", "photographer"), ("王中勋", "photographer")])]


def test_writers_names_under_a_title_sign_a_feature():
    """访千年广武 品长城文化 / 袁兆辉 张小菊: two writers apart under the title, not a
    headline; the item is a feature they wrote."""
    arts = _articles("访千年广武 品长城文化\n\n袁兆辉 张小菊\n\n出雁门关，便来到旧广武城。"
                     "雁门关是历史上重要的军事要塞。\n")
    assert [(a.headline, a.kind, a.reporters) for a in arts] == [
        ("访千年广武 品长城文化", "feature", [("袁兆辉", "author"), ("张小菊", "author")])]


def test_lines_of_leaders_under_a_headline_are_its_subtitle():
    """A headline over lines of leaders' names and what they did: those lines are the
    subtitle, the first line the headline; a story whose headline starts with a name and
    a leader's line under it keeps its headline."""
    arts = _articles("王某某同志遗体告别仪式在太原举行\n张明李华赵强\n"
                     "钱伟孙刚等以不同形式表示哀悼\n周平吴军等送别\n\n"
                     "本报讯（记者 杨文）某某同志遗体告别仪式在太原举行。\n")
    assert [(a.headline, a.subtitle) for a in arts] == [
        ("王某某同志遗体告别仪式在太原举行",
         "张明李华赵强 钱伟孙刚等以不同形式表示哀悼 周平吴军等送别")]
    arts = _articles("张家口市领导率团赴承德市考察\n王五陪同\n\n本报讯（记者 马千里）6月28日，"
                     "考察团来到承德市。\n")
    assert [(a.headline, a.subtitle) for a in arts] == [
        ("张家口市领导率团赴承德市考察", "王五陪同")]


def test_a_role_names_its_outlet_in_a_byline_or_credit():
    """光明日报记者 …, 中新社记者 … 摄: a role with its outlet's name; 黄河网 … 摄: an
    outlet's name alone before its photographers."""
    assert is_byline("南方日报记者 王明 李强 南方日报通讯员 赵刚")
    assert parse_people("南方日报记者 王明 李强 南方日报通讯员 赵刚") == [
        ("王明", "reporter"), ("李强", "reporter"), ("赵刚", "correspondent")]
    assert is_credit("中新社记者 刘伟 摄")
    assert is_byline("极目新闻记者 李明")
    assert is_credit("塞上新闻网云州频道 马强 郭亮 摄")
    assert parse_people("塞上新闻网云州频道 马强 郭亮 摄") == [
        ("马强", "photographer"), ("郭亮", "photographer")]
    assert not is_credit("塞上新闻网云州频道 精彩瞬间 摄")
    assert parse_people("南方日报实习生 王明 南方日报摄影 李强") == [
        ("王明", "intern"), ("李强", "photographer")]
    arts = _articles("山村新貌\n\n——某县推进乡村振兴纪实\n\n"
                     "南方日报记者 王明 南方日报通讯员 赵刚\n\n"
                     "5月3日，记者来到某县某村。村里新修了道路。\n")
    assert [(a.headline, a.reporters) for a in arts] == [
        ("山村新貌", [("王明", "reporter"), ("赵刚", "correspondent")])]


def test_a_wires_dateline_names_its_place_and_may_name_its_writers_after_a_space():
    """保定8月13日电 记者 张三 李四 / 中新社太原5月1日电 作者 王五: a wire's dateline, its
    writers apart after it, not in brackets."""
    assert dateline("保定8月13日电 记者 张三 李四\n") == (
        "保定8月13日电 记者 张三 李四", [("张三", "reporter"), ("李四", "reporter")])
    assert dateline("中新社太原5月1日电 作者 王五 赵六")[1] == [
        ("王五", "reporter"), ("赵六", "reporter")]
    assert dateline("本报太原3月1日电（记者 张三）")[1] == [("张三", "reporter")]
    arts = _articles("小城大爱\n\n保定8月13日电 记者 张三 李四\n\n连日来，某县群众捐赠物资。\n")
    assert [(a.headline, a.kind, a.reporters) for a in arts] == [
        ("小城大爱", "news", [("张三", "reporter"), ("李四", "reporter")])]


def test_the_line_under_a_line_that_reports_an_event_is_its_subtitle():
    """某某主持召开市政府常务会议 / 研究部署…: the first line reports the meeting, the
    second says what it did; a kicker that says what a leader stressed stays a kicker."""
    heads = split_heads(["王明主持召开市政府常务会议", "研究部署近期重点工作"])
    assert (heads.headline, heads.subtitle) == ("王明主持召开市政府常务会议",
                                                "研究部署近期重点工作")
    heads = split_heads(["某县重点项目集中开工", "开工项目20个 总投资50亿元"])
    assert (heads.headline, heads.subtitle) == ("某县重点项目集中开工",
                                                "开工项目20个 总投资50亿元")
    heads = split_heads(["王明在调研时强调", "扎实做好农业生产工作"])
    assert (heads.kicker, heads.headline) == ("王明在调研时强调", "扎实做好农业生产工作")


def test_a_paragraph_dated_by_its_days_alone_reads_as_news():
    """28日、30日，… / 12日上午，…: days without their month date an unsigned story."""
    arts = _articles("市长到县里调研\n\n28日、30日，市长王明先后到某县调研农业生产。\n\n"
                     "王明强调，要抓好春耕。\n")
    assert [(a.headline, a.kind) for a in arts] == [("市长到县里调研", "news")]
    arts = _articles("某县召开会议\n\n12日上午，某县召开会议。\n")
    assert [(a.headline, a.kind) for a in arts] == [("某县召开会议", "news")]



def test_an_outlets_name_apart_before_its_reporters_is_a_byline():
    """齐鲁晚报·齐鲁壹点 国晓宁: outlets' names, then the reporter, no headline."""
    assert is_byline("齐鲁晚报·齐鲁壹点 国晓宁")
    assert parse_people("南方日报 王明 李强") == [("王明", "reporter"), ("李强", "reporter")]
    assert not is_byline("黄河新闻网 精彩瞬间")
    arts = _articles("某区民生实事确定\n\n南方日报·南方网 王明\n\n近日，某区确定了民生实事。\n")
    assert [(a.headline, a.reporters) for a in arts] == [
        ("某区民生实事确定", [("王明", "reporter")])]


def test_a_short_line_before_a_dated_paragraph_starts_a_story():
    """A short line in an unsigned story, then a paragraph that opens with its day: the
    next story's headline, no intertitle."""
    arts = _articles("某县召开全体会议\n\n会议听取了工作报告。" + "会议强调，要抓好落实。" * 20
                     + "\n\n成就回顾\n\n1月14日上午，某县人代会开幕。\n")
    assert [a.headline for a in arts] == ["某县召开全体会议", "成就回顾"]


def test_a_title_over_lines_of_captions_keeps_the_first_line():
    """A photo feature: its title, then a line for each photo (…表演现场, …游客众多),
    then its text; the title is the headline, the captions its subtitle."""
    arts = _articles("假期文旅火出圈\n\n《花木兰》表演现场\n\n市民游客打卡博物馆\n\n"
                     "悬空寺景区游客众多\n\n游客在古城墙上参观游玩\n\n"
                     "“五一”假期，大同旅游人气高涨。\n\n本报记者 崔丽\n")
    assert [(a.headline, a.subtitle) for a in arts] == [
        ("假期文旅火出圈",
         "《花木兰》表演现场 市民游客打卡博物馆 悬空寺景区游客众多 游客在古城墙上参观游玩")]


def test_a_short_line_with_an_exclamation_inside_is_a_headline():
    """庆丰收、迎盛会!…筹备有序推进: a title, its ! inside it; a line ending in ! or
    holding a comma is a sentence."""
    arts = _articles("庆丰收、迎盛会!某县丰收节筹备有序推进\n\n"
                     "9月8日，某县丰收节筹备工作进入尾声。\n\n"
                     "主场定啦!某县某村\n\n9月21日，丰收节主场活动将在某村举行。\n")
    assert [a.headline for a in arts] == ["庆丰收、迎盛会!某县丰收节筹备有序推进",
                                          "主场定啦!某县某村"]


def test_who_wrote_and_who_shot_in_one_byline():
    """□文/记者 刘晓婷 图/通讯员 韩雅雯: the writer a reporter, the one after 图/ the
    photographer."""
    assert is_byline("□文/记者 刘晓婷 图/通讯员 韩雅雯")
    assert parse_people("□文/记者 刘晓婷 图/通讯员 韩雅雯") == [
        ("刘晓婷", "reporter"), ("韩雅雯", "photographer")]


def test_a_short_caption_between_a_headline_and_its_byline_is_the_storys():
    """门球比赛现场。 under the headline, then the byline and the lead: one story."""
    arts = _articles("某区门球邀请赛开幕\n\n门球比赛现场。\n\n□文/记者 刘丽 图/通讯员 韩明\n\n"
                     "本报讯 日前，某区门球邀请赛开幕。\n")
    assert [(a.headline, a.kind, a.reporters) for a in arts] == [
        ("某区门球邀请赛开幕", "news", [("刘丽", "reporter"), ("韩明", "photographer")])]


def test_a_two_character_name_printed_spaced_is_one_name():
    """□ 本报记者 黄 铎: a two-character name spaced to the width of three."""
    assert is_byline("□ 本报记者 黄 铎")
    assert parse_people("本报记者 张三 黄 铎") == [("张三", "reporter"), ("黄铎", "reporter")]


def test_a_long_list_of_reporters_in_a_dateline():
    """本报讯(记者 …eleven names…): every reporter of a dateline, however many."""
    line = ("本报讯(记者 方慧玲 关心亮 马保群 黄 铎 曹新俊 高晶晶 郭 靖 邹 乐 何海荣 李小然 "
            "孙浩然)2月10日下午,代表分团审议了政府工作报告。")
    found = dateline(line)
    assert found is not None and [n for n, _ in found[1]][-4:] == ["邹乐", "何海荣", "李小然",
                                                                   "孙浩然"]


def test_one_who_wrote_and_shot_it_signs_with_wen_tu():
    """文/图 本报记者 王尚锋 (or 记者 … 文/图 after the names): a byline under its headline."""
    for line in ("文/图 本报记者 王尚锋", "记者 弓华静 见习记者 王家恒 文/图"):
        assert is_byline(line)
    assert parse_people("驻报全媒体记者 张勇 通讯员 付赵芸") == [
        ("张勇", "reporter"), ("付赵芸", "correspondent")]
    assert is_byline("驻报全媒体记者 张勇 通讯员 付赵芸")
    articles = _articles("重大项目建设撑起商洛经济一片天\n\n文/图 本报记者 王尚锋\n\n"
                         "商洛比亚迪实业公司成立于2008年12月，已成为我市引进的大项目。\n")
    assert [(a.headline, a.reporters) for a in articles] == [
        ("重大项目建设撑起商洛经济一片天", [("王尚锋", "reporter")])]


def test_a_short_headline_with_one_comma_over_a_dated_lead_starts_an_article():
    text = ("路面积雪结冰，各收费站全面清理。\n\n一碗面，暖了环卫工人的心窝\n\n"
            "19日，市区大雪纷飞，天寒地冻，面馆里却是一番热气腾腾的景象。\n")
    assert [a.headline for a in _articles(text)][-1] == "一碗面，暖了环卫工人的心窝"


def test_the_papers_name_a_blank_line_above_the_dated_masthead_is_in_no_article():
    arts = _articles(f"\n晋中日报\n\n2025年9月23日 星期二 第1版 要闻\n\n{_NEWS}")
    assert [(a.headline, a.kicker) for a in arts] == [("我市召开会议", "")]
    assert "晋中日报" not in arts[0].text


def test_a_route_and_numbered_headings_inside_a_feature_start_no_article():
    arts = _articles("国庆中秋趣游晋中！\n\n这些精品旅游线路等您选\n\n□本报记者 张凯鹏\n\n"
                     "中秋逢国庆，市文化和旅游局推出三大主题之旅精品线路。\n\n"
                     "主题一：中国传统文化之旅\n\n线路1：晋商文化体验游\n\n"
                     "榆次老城——榆次常家庄园——祁县乔家大院——平遥古城\n\n"
                     "推荐夜游：夜晚可在榆次老城逛夜间集市，观赏打铁花表演。\n\n"
                     "线路2：文化遗产探秘游\n\n市博物馆、市图书馆——山西晋之源壁画艺术博物馆——\n")
    assert [(a.headline, a.kicker) for a in arts] == [("这些精品旅游线路等您选",
                                                       "国庆中秋趣游晋中！")]
    assert arts[0].text.rstrip().endswith("壁画艺术博物馆——")


def test_a_short_exclamation_in_the_text_is_no_headline():
    arts = _articles("我市召开会议\n\n本报讯（记者 孙丽）5月17日，全市会议召开，会议要求压实责任，"
                     "确保全市安全生产形势持续稳定。\n\n加油！\n\n与会人员纷纷表示，要把会议精神"
                     "落到实处，确保各项任务按时完成。\n")
    assert [a.headline for a in arts] == ["我市召开会议"]


def test_a_line_reporting_a_completion_is_the_headline_over_its_subtitle():
    arts = _articles("朔州滋润机场正式通航\n\n首航航班直飞上海浦东　塞上绿都振翅启航\n\n"
                     "本报讯　12月18日，朔州滋润机场正式通航，首航航班平稳起飞。\n")
    assert [(a.headline, a.subtitle) for a in arts] == [
        ("朔州滋润机场正式通航", "首航航班直飞上海浦东　塞上绿都振翅启航")]


def test_a_paragraph_a_jump_mark_ends_is_not_joined_with_the_photo_after_it():
    arts = _articles("金湘军在吕梁市调研\n\n12月17日，金湘军在吕梁市调研。临县碛口镇高家塔村"
                     "依托黄河一号旅游公路，发展\n\n（下转第二版）\n\n\n\n连日来，在吕梁市区主城"
                     "到新区快速路项目施工现场，大型机械轰鸣作响。\n\n记者 郭炳中 摄\n")
    assert [(a.headline, a.kind) for a in arts] == [
        ("金湘军在吕梁市调研", "news"),
        ("在吕梁市区主城到新区快速路项目施工现场，大型机械轰鸣作响", "photo")]
    assert arts[0].text.rstrip().endswith("发展")


def test_a_space_inside_quotes_does_not_cut_a_headline():
    arts = _articles("“推动高质量发展 建设美丽幸福吕梁”系列主题新闻发布会交口县专场举行\n\n"
                     "12月18日上午，交口县专场新闻发布会召开，介绍全县经济社会发展情况。\n")
    assert [(a.headline, a.subtitle) for a in arts] == [
        ("“推动高质量发展 建设美丽幸福吕梁”系列主题新闻发布会交口县专场举行", "")]


def test_a_headline_led_by_letters_and_a_number_is_no_numbered_heading():
    arts = _articles("G20：共商全球治理新路径\n\n本报讯 11月18日，二十国集团领导人峰会在里约热内卢"
                     "举行，与会各方就全球治理等议题深入交换意见。\n")
    assert [a.headline for a in arts] == ["G20：共商全球治理新路径"]


def test_a_boxed_line_of_bare_names_or_a_commentator_is_a_byline():
    """□苗露 赵阳 under a headline (a 潍坊 probe page) names its reporters; □本报评论员 a
    commentary's writer, naming no one. Neither is the headline."""
    assert parse_people("□苗露 赵阳") == [("苗露", "reporter"), ("赵阳", "reporter")]
    assert is_byline("□绵阳市新闻传媒中心全媒评论员") and not is_byline("□坚持新发展理念")
    arts = _articles(_NEWS + "拉满弓 绷紧弦 向着万亿城市奋力冲刺\n\n□苗露 赵阳\n\n"
                     "2月25日，潍坊市全市工作动员大会隆重召开。这场被视作开局之年的大会，"
                     "释放出鲜明信号，全市上下争分夺秒抓落实。\n")
    assert arts[1].headline == "拉满弓 绷紧弦 向着万亿城市奋力冲刺"
    assert arts[1].reporters == [("苗露", "reporter"), ("赵阳", "reporter")]


def test_a_long_title_without_a_pause_heads_its_story_and_a_byline_ends_in_baodao():
    """Probe pages (九江): a 49-character title with no comma is a headline, between its
    kicker and subtitle; 记者 王某 报道 names one reporter, 报道 no one."""
    arts = _articles(
        "某某日报　　2025年3月29日　星期六\n\n抢滩“万亿蓝海”　冲刺“低空赛道”\n\n"
        "共青城市低空经济产业项目一季度集中签约暨江西某某碳纤维复合材料有限公司投产仪式举行\n\n"
        "王明出席并讲话\n\n本报讯（记者 李强）3月28日上午，签约仪式举行。市长王明出席并讲话。"
        "他指出，低空经济是新质生产力的典型代表。\n\n临江见江　还江于民\n\n"
        "某某公园三期项目加快建设\n\n记者 赵刚 报道\n\n"
        "152公里长江岸线，串起两千年历史文化名城的风韵。三期项目施工正酣。")
    assert [(a.headline, a.kicker, a.subtitle) for a in arts] == [
        ("共青城市低空经济产业项目一季度集中签约暨江西某某碳纤维复合材料有限公司投产仪式举行",
         "抢滩“万亿蓝海”　冲刺“低空赛道”", "王明出席并讲话"),
        ("某某公园三期项目加快建设", "临江见江　还江于民", "")]
    assert [[name for name, _ in a.reporters] for a in arts] == [["李强"], ["赵刚"]]
    assert parse_people("记者 王嘉琪 报道") == [("王嘉琪", "reporter")]


def test_a_question_over_a_wire_s_dateline_is_its_headline_and_the_bracketed_name_its_writer():
    arts = _articles(_NEWS + "一座长三角枢纽城市，如何打通发展“任督二脉”？\n\n"
                     "中新网嘉兴1月23日电（黄彦君）新年伊始，在浙江省嘉兴市，“公铁水空”频上"
                     "“热词榜”。嘉兴将进入动能转换、能级跃升的新阶段。\n")
    assert [a.headline for a in arts][1:] == ["一座长三角枢纽城市，如何打通发展“任督二脉”？"]
    assert arts[1].reporters == [("黄彦君", "reporter")]


@pytest.mark.parametrize("byline,people", [
    ("■本报评论记者　沈洁", [("沈洁", "reporter")]),
    ("□　中国发展改革报社记者　王健生", [("王健生", "reporter")]),
    ("陈　凯", [("陈凯", "reporter")]),
])
def test_bylines_of_a_desk_a_long_outlet_or_a_spaced_name_alone(byline, people):
    arts = _articles(_NEWS + f"从榆林治沙史看生态觉醒\n\n{byline}\n\n“风刮黄沙难睁眼，"
                     "庄稼苗苗出不全”，这是20世纪榆林民谣中的苍凉图景。毛乌素沙地千年肆虐，沙区百姓被迫南迁。\n")
    assert [(a.headline, a.reporters) for a in arts][1:] == [("从榆林治沙史看生态觉醒", people)]
