from datetime import date

from newsgraph.extract import run
from newsgraph.model import Doc


def extract(text):
    return run(Doc(text=text, issue_date=date(2022, 2, 24), home_city="大同市"))


def names(doc, kind="project"):
    return [m.text for m in doc.of_type(kind)]


def test_exact_boundaries_after_a_verb():
    doc = extract("我市协调大同国际陆港等相关单位加速推进古店物流园区铁路口岸项目落实。"
                  "古店物流园区铁路口岸项目位于新荣区古店镇古店村西大同北站。")
    assert names(doc) == ["古店物流园区铁路口岸项目", "古店物流园区铁路口岸项目"]
    located = [r.object.text for r in doc.relations if r.kind == "located_in"]
    assert located == ["大同北站"]


def test_place_and_organisation_inside_the_name():
    doc = extract("图为京东集团华北(大同灵丘)智能算力数据中心基地项目。")
    assert names(doc) == ["京东集团华北(大同灵丘)智能算力数据中心基地项目"]
    rel = {r.kind: r.object for r in doc.relations if r.subject.type == "project"}
    assert rel["located_in"].attrs["name"] == "灵丘县"
    assert rel["behind"].text.startswith("京东")


def test_capacity_project_with_listed_products():
    doc = extract("久易通年产5万吨塑料管材、管件及钢制保温管材、管件项目计划投资3亿元。")
    (proj,) = doc.of_type("project")
    assert proj.text == "久易通年产5万吨塑料管材、管件及钢制保温管材、管件项目"
    assert proj.attrs["capacity"] == "年产5万吨"
    (amount,) = [r.object for r in doc.relations if r.kind == "amount"]
    assert amount.attrs == {"value": 300000000.0, "currency": "CNY"}


def test_money_in_wan_yuan():
    doc = extract("大同鹤盛活性炭有限公司年产10万吨活性炭试点项目，总投资89773万元，"
                  "年底已全部投产。")
    assert names(doc) == ["大同鹤盛活性炭有限公司年产10万吨活性炭试点项目"]
    (money,) = doc.of_type("money")
    assert money.text == "89773万元"
    assert money.attrs["value"] == 897730000.0
    assert any(r.kind == "amount" for r in doc.relations)


def test_generic_phrases_are_not_projects():
    doc = extract("推进重点项目建设，重点布局了一批重大项目，中央单位定点帮扶的产业项目，"
                  "加快推进项目，园区共签约项目7个。")
    assert names(doc) == []


def test_high_speed_lines():
    doc = extract("呼张高铁与大张高铁开通运营、集大原高铁开工建设。")
    assert names(doc) == ["呼张高铁", "大张高铁", "集大原高铁"]


def test_a_function_word_before_xiangmu_names_no_project():
    """平城区在项目建设上: 项目 after 在 (的, 抓 …) is the generic word, no project's name;
    a longer stop word right before it stays in the name (建设项目)."""
    doc = extract("推动开发区在项目审批上再提速。各县区的项目储备充足。狠抓项目建设，"
                  "推进云冈石窟保护项目和高速公路建设项目。")
    assert names(doc) == ["云冈石窟保护项目", "高速公路建设项目"]


def test_a_route_name_keeps_its_ends():
    doc = extract("推进大同至张家口高速公路建设项目。"
                  "截至目前，大同至西安天然气管道项目已完成投资。")
    assert names(doc) == ["大同至张家口高速公路建设项目", "大同至西安天然气管道项目"]


def test_some_projects_are_no_project():
    assert names(extract("张吉福与部分项目单位进行了视频连线，若干项目已开工。")) == []


def test_a_project_name_holds_no_person_count_or_campaign():
    doc = extract("上海中能集团董事长虞建明介绍项目情况。开发区24个项目集中签约。"
                  "记者从市“冬季行动”总指挥部了解到，“冬季行动”签约项目39个。")
    assert names(doc) == []


def test_a_project_named_in_quotes():
    doc = extract("新荣区与新安房产建筑开发有限公司签约“新安住宅小区项目”，拟投资8亿元。")
    assert names(doc) == ["新安住宅小区项目"]
    behind = [r.object.text for r in doc.relations if r.kind == "behind"]
    assert behind == []


def test_this_project_of_a_contest_is_no_project():
    assert names(extract("我市运动员时隔五年再次获得该项目全国冠军。")) == []


def test_a_name_keeps_a_place_starting_with_a_stop_word_and_a_capacity_with_a_slash():
    """和顺县: 和 is a place's first character, not a conjunction; 150t/d is one figure;
    暨 joins the project to the campaign before it."""
    assert names(extract("和顺县光伏发电项目开工。")) == ["和顺县光伏发电项目"]
    assert names(extract("许利伟宣布第一期活动暨图晟新能源2×150t/d超白光伏压延玻璃项目开工。")) == [
        "图晟新能源2×150t/d超白光伏压延玻璃项目"]


def test_announcing_or_striving_is_no_project():
    assert names(extract("王荧宣布重大项目集中开工。李雪表示，要争做项目建设的主力军。")) == []


def test_the_items_of_a_counted_list_of_projects_are_projects():
    """A、B、C等24个项目: each item names a project without the word 项目; a list of
    fields (交通、水利) is too short to name one."""
    text = ("此次集中签约的有——\n华宇方圆“新物流生态圈”、\n大同国际航空旅游城、\n"
            "汽车全铝制动系统、\n大同碳谷产业园等24个项目，总投资350亿元。")
    assert names(extract(text)) == ["华宇方圆“新物流生态圈”", "大同国际航空旅游城",
                                    "汽车全铝制动系统", "大同碳谷产业园"]
    assert names(extract("签约的有大同国际航空旅游城、汽车全铝制动系统等2个项目。")) == [
        "大同国际航空旅游城", "汽车全铝制动系统"]
    assert names(extract("交通、水利等5个项目开工。")) == []


def test_a_project_a_verb_acts_on_names_none():
    """调研项目建设进度, 加速推动项目实施: 项目 is the verb's object, no project's name;
    a project's name keeps 建设 before 项目."""
    text = ("张三实地调研项目建设进度，要加强项目资源保障，加速推动项目实施。对灯会进行项目"
            "升级。欢迎在本地投资兴办项目。建立项目协作机制。心电等检查项目半价。")
    assert names(extract(text)) == []
    assert names(extract("一级消防站建设项目竣工。")) == ["一级消防站建设项目"]


def test_a_yearly_list_of_works_is_no_project():
    """15项民生实事入选市政府2026年民生实事项目: a programme of the year, no project."""
    assert names(extract("15项民生实事入选市政府2026年民生实事项目。")) == []


def test_an_event_of_a_games_or_a_class_of_projects_is_no_project():
    """群体项目赛事, 群体项目篮球比赛: a discipline of the games; 百亿项目: projects of a
    size."""
    text = "第十六届省运会群体项目赛事开赛。本届省运会群体项目篮球比赛结束。我市百亿项目集中开工。"
    assert names(extract(text)) == []


def test_a_name_after_a_dash_starts_after_it():
    """省重点工程——…项目: the dash sets the name off from what it is."""
    text = "总投资2.4亿元的省重点工程——大同某某石墨公司年产5万吨石墨电极项目开工。"
    assert names(extract(text)) == ["大同某某石墨公司年产5万吨石墨电极项目"]


def test_a_line_pointed_at_or_work_on_projects_names_none():
    """这条高铁 points at a line; 解决制约项目…, 包联项目, 指导开发区项目: work done on
    projects, none named; 集大原高铁 and 棚户区改造项目 are named."""
    text = ("着力解决制约项目落地的难题。各自包联项目。指导开发区项目建设。这条高铁开通。"
            "集大原高铁开通。棚户区改造项目开工。")
    assert names(extract(text)) == ["集大原高铁", "棚户区改造项目"]


def test_because_of_a_project_is_no_part_of_its_name():
    assert names(extract("因汾石高速项目建设需要，拟征收土地。")) == ["汾石高速项目"]


def test_looking_at_every_project_names_none():
    assert names(extract("他实地查看各个项目进展。")) == []


def test_a_name_starting_with_the_word_project_is_none():
    assert names(extract("在项目车间及项目工地，他详细了解情况。")) == []


def test_projects_counted_after_the_word_are_a_kind_not_a_name():
    """项目30个, 项目共有25个, 项目120项: a count follows, the words before name a kind."""
    doc = extract("集中开复工项目30个，签约文旅产业项目120项，新建项目共有25个。"
                  "涉及产业类项目14个，基础设施类项目9个。")
    assert names(doc) == []


def test_a_verb_before_the_word_project_names_none():
    """全面掀起项目建设新高潮, 持续不断谋项目、争项目: a verb whose object is 项目."""
    assert names(extract("全面掀起项目建设新高潮，持续不断谋项目、争项目。")) == []
    assert names(extract("此次集中开复工项目涵盖多个领域。")) == []


def test_another_word_project_ends_what_comes_before_a_name():
    doc = extract("领导为新建项目县人民医院门诊楼项目培土奠基。")
    assert names(doc) == ["县人民医院门诊楼项目"]


def test_a_stop_word_ending_a_longer_word_ends_no_name():
    """社会保障项目: 保障 ends the word 社会保障, it is no verb before 项目."""
    doc = extract("某县养老服务信息平台社会保障项目开工。")
    assert names(doc) == ["某县养老服务信息平台社会保障项目"]


def test_the_items_counted_before_their_kind_are_projects():
    """A、B、C3个文旅项目 and A和B2个产业项目: a count without 等 counts the items
    before it, each a project; their kind is none."""
    doc = extract("其中包括某县风电场和新建5000千瓦光伏电站2个产业项目；"
                  "某县滑雪场改造项目、某村民宿小镇2个文旅项目。")
    assert sorted(names(doc)) == sorted(["某县风电场", "新建5000千瓦光伏电站", "某县滑雪场改造项目",
                                         "某村民宿小镇"])
    assert names(extract("他们谋划了道路和桥梁3个项目。")) == []


def test_a_numbered_item_of_a_list_is_one_name():
    """9.农村公路新建改造和养护工程项目: the item after its number is the name, its
    conjunctions and verbs and all."""
    doc = extract("今年的项目是：\n1.农村公路新建改造和养护工程项目；\n"
                  "2.解决群众出行“最后一公里”项目；\n3.公共文化惠民与非遗传承融合项目。")
    assert names(doc) == ["农村公路新建改造和养护工程项目", "解决群众出行“最后一公里”项目",
                          "公共文化惠民与非遗传承融合项目"]


def test_a_division_and_generic_words_name_a_kind_of_projects():
    """灵丘县新建项目, 东昌府区2026年民生实事项目: a division's projects of a kind, none
    named; 灵丘县光伏发电项目 is named."""
    assert names(extract("灵丘县新建项目开工，东昌府区2026年民生实事项目确定。")) == []
    assert names(extract("灵丘县光伏发电项目开工。")) == ["灵丘县光伏发电项目"]


def test_styles_and_kinds_of_economy_name_no_project():
    """沉浸式文旅项目, 古城夜经济项目, 丰富文旅项目: kinds of projects; 装配式建筑产业园项目
    and 循环经济产业园项目 are named."""
    assert names(extract("了解沉浸式文旅项目开发，夜宴活动丰富了古城夜经济项目，"
                         "要丰富文旅项目产品供给。")) == []
    assert names(extract("装配式建筑产业园项目和循环经济产业园项目开工。")) == [
        "装配式建筑产业园项目", "循环经济产业园项目"]


def test_a_project_department_is_no_project():
    """中铁三局大同项目部: the body that runs a project, not a project named 大同项目."""
    assert names(extract("中铁三局大同项目部负责施工。")) == []


def test_verbs_before_a_kind_of_projects_and_heritage_items_name_no_project():
    text = ("要坚定不移招引大体量项目，宿豫区分别签订百亿级项目，泗洪县举行重大产业项目集中"
            "开工仪式，积极争取项目，还有外资项目。淮阳区将依托国家级非遗“太昊伏羲祭典”项目"
            "开展活动，推进非遗传承融合项目。")
    assert names(extract(text)) == ["非遗传承融合项目"]


def test_the_items_of_a_batch_of_projects_listed_before_deng():
    doc = extract("群创智慧新材料、高端眼视光医疗装备、汽车精密零部件等50亿元、百亿元项目集中开工。"
                  "引进了光伏电站、储能电站、氢能产业园等一批重大项目。")
    assert names(doc) == ["群创智慧新材料", "高端眼视光医疗装备", "汽车精密零部件",
                          "光伏电站", "储能电站", "氢能产业园"]
    assert names(extract("张三、李四等一批企业家参加。")) == []


def test_a_verb_or_time_word_before_xiangmu_names_no_project():
    doc = extract("会议听取了开发区今年以来项目建设情况汇报，研判项目内容，分析当前项目谋划情况。"
                  "要突出项目建设，抢抓项目谋划。彩佳印染公司数码印染及功能性产品技术改造项目开工。")
    assert names(doc) == ["彩佳印染公司数码印染及功能性产品技术改造项目"]


def test_a_batch_of_projects_names_none():
    doc = extract("一批储能装备制造项目建成投产。2020年第三批重大项目开工。"
                  "大同古店物流园区项目开工。")
    assert names(doc) == ["大同古店物流园区项目"]


def test_a_verb_or_an_ordinal_before_project_names_none():
    """Probe sentences (潍坊, 柳州, 邯郸, 绵阳): 项目 after 护航, 标志着, 作为, 盯住 is the
    verb's object; 首个子项目 a part of one."""
    for text in ("各项目专班主动靠前服务，精准护航项目建设“加速跑”。",
                 "此次封顶标志着项目二期工程从基础施工阶段转入主体施工阶段。",
                 "北区作为项目的核心区域，经过建设已经开放。",
                 "我市牢牢盯住重大项目、重大任务、重大平台、重大政策四大抓手。",
                 "该项目的首个子项目已经开工。"):
        assert names(extract(text)) == [], text


def test_a_railway_after_a_year_and_a_quarters_projects():
    """Probe sentences (湖州, 曲靖): 2016年沪昆高铁 names the line, 近20年的高铁 none;
    a quarter's major projects are a kind, 召开 no part of a name."""
    assert names(extract("2016年沪昆高铁开通，是一条湖州人期盼近20年的高铁。")) == ["沪昆高铁"]
    assert names(extract("省委、省政府召开2024年一季度重大产业项目推进会。")) == []
    assert names(extract("全省一季度重大产业项目集中开工。")) == []


def test_projects_qualified_only_by_how_they_are_served_are_generic():
    """A 齐齐哈尔 probe page: 高质量建设项目, 高水平服务项目, 优先倾斜项目资金 say how
    projects are built, served or funded, and name none."""
    doc = extract("进一步营造高起点推动项目、高质量建设项目、高水平服务项目的氛围，"
                  "优先倾斜项目资金。")
    assert names(doc) == []


def test_verbs_of_going_and_pressing_on_start_no_name_and_some_words_name_none():
    """Probe pages (南充, 襄阳, 岳阳): 先后前往, 持续深化 and 坚持 stand before a project's
    name; 提质项目, 核心项目 and 做实项目 name none."""
    assert names(extract("张青松先后前往龙腾光热项目、德曦光学眼镜项目建设现场。")) == [
        "龙腾光热项目", "德曦光学眼镜项目"]
    assert names(extract("襄城区持续深化古城焕新项目。")) == ["古城焕新项目"]
    assert names(extract("要坚持产业项目为王，做实项目储备，推进提质项目和核心项目。")) == []


def test_the_items_of_a_plain_list_before_deng_xiangmu_are_named_projects():
    """A、B等(重点|重大)项目: each item is a project when it names one: a figure, a
    phase, a place or a word jieba does not know at its start."""
    doc = extract("年产20吨黄金精炼、娇阳石马建材硅酸钙板等重点项目加速开工；"
                  "国能天明2×100MW燃煤发电、江油抽水蓄能电站等重大项目在跟进中。"
                  "推动海博夏初二期、阳光电源二期等项目加快建设。")
    assert names(doc) == ["年产20吨黄金精炼", "娇阳石马建材硅酸钙板", "国能天明2×100MW燃煤发电",
                          "江油抽水蓄能电站", "海博夏初二期", "阳光电源二期"]


def test_a_plain_list_of_trades_products_or_companies_names_no_project():
    assert names(extract("围绕产业基金管理、肉牛养殖、秸秆和玉米精深加工等项目进行洽谈。")) == []
    assert names(extract("文旅集团、新能源集团等企业在古城保护修复、通用航空器研发等项目上合作。")
                 ) == []
    assert names(extract("游客还可体验皮影制作、手工剪纸、门神画绘制等非遗项目。")) == []


def test_a_one_character_stop_word_inside_a_noun_does_not_cut_a_name():
    doc = extract("加速推进湖北锂源8.5万吨高性能磷酸盐型正极材料、裕昌化工年产500吨紫外线吸收剂、"
                  "荆洪生物特种环氧新材料二期等项目。")
    assert names(doc) == ["湖北锂源8.5万吨高性能磷酸盐型正极材料", "裕昌化工年产500吨紫外线吸收剂",
                          "荆洪生物特种环氧新材料二期"]
    assert names(extract("全力以赴抓实项目。要抓住重大项目。坚决打好项目建设攻坚战。")) == []


def test_a_project_name_starts_after_a_body_and_its_preposition():
    doc = extract("希望与省公航旅集团就G312线酒泉城区段改建、肃北至沙枣园一级公路等项目展开合作。")
    assert names(doc) == ["G312线酒泉城区段改建", "肃北至沙枣园一级公路"]


def test_names_after_a_project_and_its_joiner_after_a_sum_with_an_ampersand_or_ji():
    doc = extract("推动国轩（二期）年产30GW动力电池产业化项目和总投资107亿元的中玻太阳能新能源产业"
                  "基地项目落地。为总投资55亿元的泓冠集成电路先进封装&智能电器制造项目。"
                  "为总投资55亿元的江宸新能源换电站产业基地暨总部项目。")
    assert names(doc)[1:] == ["中玻太阳能新能源产业基地项目",
                              "泓冠集成电路先进封装&智能电器制造项目",
                              "江宸新能源换电站产业基地暨总部项目"]


def test_a_built_works_named_with_gongcheng_is_a_project_a_programme_is_not():
    doc = extract("河坡电厂大桥工程进展顺利。官道河水系工程将水库串联。大怀线1000千伏特高压输变电"
                  "线路工程开工。实施民心工程和人才工程。建设超百亿元水利工程、水利枢纽工程。"
                  "他是一名工程师。")
    assert names(doc) == ["河坡电厂大桥工程", "官道河水系工程",
                          "大怀线1000千伏特高压输变电线路工程"]


def test_a_motorway_named_by_the_places_it_joins_is_a_project():
    doc = extract("江津经泸州至宜宾高速、重庆经叙永至筠连高速公路泸州段、"
                  "自贡至永川高速公路(四川境)、古蔺至仁怀(四川境)高速等5条高速公路加快建设。是罗鹿高速的核心组成部分。"
                  "六堡茶产业呈现出高速发展的势头，生产线高速运转。")
    assert names(doc) == ["江津经泸州至宜宾高速", "重庆经叙永至筠连高速公路泸州段",
                          "自贡至永川高速公路(四川境)", "古蔺至仁怀(四川境)高速", "罗鹿高速"]
    assert names(extract("毗邻109国道和得大高速公路。")) == []  # a road there, a place


def test_a_plain_list_of_projects_after_a_list_of_people():
    doc = extract("张成中、田国良等市领导还观摩了唐山国轩电池有限公司新能源高端制造基地、"
                  "高顺置业有限公司京港新工业产业园等项目。")
    assert names(doc) == ["唐山国轩电池有限公司新能源高端制造基地",
                          "高顺置业有限公司京港新工业产业园"]


def test_a_name_starts_after_a_verb_of_going_and_after_a_date():
    doc = extract("到丰元（云南）锂能20万吨锂电池高能正极材料生产项目调研。"
                  "推进市区主城到新区快速路项目。签约仪式上，2024年华青新材料项目落地。")
    assert names(doc) == ["丰元（云南）锂能20万吨锂电池高能正极材料生产项目",
                          "市区主城到新区快速路项目", "华青新材料项目"]


def test_a_power_line_ending_in_gongcheng_is_built():
    doc = extract("宁夏至湖南特高压直流输电工程衡阳段开工。")
    assert names(doc) == ["宁夏至湖南特高压直流输电工程"]
