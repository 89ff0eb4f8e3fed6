"""Write ontology/newsgraph.ttl from the table below (run after changing a term).

Each term: (local name, kind, English label, Chinese label, comment, parents/super-properties,
domain, range). Kept as a table so that a term cannot be added without its labels.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rdflib import Graph, Literal, Namespace, URIRef  # noqa: E402
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD  # noqa: E402

from newsgraph.export.turtle import turtle  # noqa: E402
from newsgraph.rdf.namespaces import NG_IRI, PREFIXES  # noqa: E402

S = Namespace("http://schema.org/")
ORGNS = Namespace("http://www.w3.org/ns/org#")
C, P = "class", "property"

TERMS = [
    ("Official", C, "official", "官员", "A person holding a party, government, state or "
     "public-institution post or rank.", [S.Person], None, None),
    ("Journalist", C, "journalist", "记者", "A reporter, correspondent or photographer "
     "credited in a byline or photo credit.", [S.Person], None, None),
    ("Project", C, "project", "项目", "A named construction, investment, industrial, "
     "infrastructure or research undertaking.", [S.Project], None, None),
    ("Page", C, "newspaper page", "报纸版面", "One printed page of a newspaper issue, the "
     "source file a build read; the unit of provenance (one named graph each).",
     [S.CreativeWork], None, None),
    ("PartyOrganization", C, "party organisation", "党组织", "A body of a political party: "
     "a party committee, its departments, branches, or a foreign party.",
     [S.Organization], None, None),
    ("AdministrativeArea", C, "administrative division", "行政区划", "A unit of China's "
     "administrative divisions (province, city, county, township, village).",
     [S.AdministrativeArea], None, None),
    ("Zone", C, "zone", "园区", "A development zone, industrial park, bonded area or "
     "demonstration zone.", [S.Place], None, None),
    ("Landmark", C, "landmark", "地标", "A named site: a scenic spot, square, park, museum, "
     "station, road or building.", [S.LandmarksOrHistoricalBuildings], None, None),
    ("NaturalPlace", C, "natural feature", "自然地物", "A river, mountain, lake or wetland.",
     [S.Place], None, None),
    ("Region", C, "region", "区域", "A named region spanning administrative units "
     "(京津冀, 非洲).", [S.Place], None, None),
    ("Meeting", C, "meeting", "会议", "A meeting: 会议, 座谈会, 专题会, 调度会.",
     [S.Event], None, None),
    ("Conference", C, "conference", "大会", "A conference or congress: 大会, 代表大会.",
     [S.Event], None, None),
    ("Forum", C, "forum", "论坛", "A forum or summit.", [S.Event], None, None),
    ("Training", C, "training course", "培训班", "A training course or study session: 培训班, "
     "研讨班.", [S.EducationEvent], None, None),
    ("Inspection", C, "inspection or research visit", "调研视察", "An inspection, research "
     "visit or observation tour: 调研, 视察, 观摩, 检查.", [S.Event], None, None),
    ("Ceremony", C, "ceremony", "仪式", "A ceremony: 仪式, 开班式, 揭牌, 签约.", [S.Event],
     None, None),
    ("Launch", C, "launch", "启动", "A launch or opening: 启动, 开通, 发布, 挂牌.", [S.Event],
     None, None),
    ("Contest", C, "contest", "比赛", "A contest or competition: 大赛, 比赛, 评选.", [S.Event],
     None, None),
    ("Campaign", C, "campaign", "专项活动", "A campaign with a stated period: 活动, 行动.",
     [S.Event], None, None),
    ("articleKind", P, "article kind", "稿件类型", "news, photo, commentary, notice or feature.",
     [], S.NewsArticle, XSD.string),
    ("sourceFile", P, "source file", "来源文件", "The name of the file a page was read from.",
     [], URIRef(NG_IRI + "Page"), XSD.string),
    ("encoding", P, "encoding", "编码", "The character encoding the page file was read in.",
     [], URIRef(NG_IRI + "Page"), XSD.string),
    ("issueDate", P, "issue date", "出版日期", "The date the page was printed.",
     [S.datePublished], URIRef(NG_IRI + "Page"), XSD.date),
    ("pageStart", P, "start offset in page", "版面起始位置", "Offset (code points) of the "
     "article's first character in the cleaned page text.", [], S.NewsArticle, XSD.integer),
    ("pageEnd", P, "end offset in page", "版面结束位置", "Offset (code points, exclusive) of "
     "the article's end in the cleaned page text. An item printed inside the article's span "
     "(a photo and its caption) is an article of its own, left out of this one's "
     "nif:isString.", [], S.NewsArticle, XSD.integer),
    ("kicker", P, "kicker", "引题", "The line printed above the headline.",
     [S.alternativeHeadline], S.NewsArticle, RDF.langString),
    ("subtitle", P, "subtitle", "副题", "The line printed below the headline (——…).",
     [S.alternativeHeadline], S.NewsArticle, RDF.langString),
    ("byline", P, "byline", "署名", "The byline or photo credit as printed.", [],
     S.NewsArticle, RDF.langString),
    ("dateline", P, "dateline", "电头", "The dateline as printed (本报讯…, 新华社…电).", [],
     S.NewsArticle, RDF.langString),
    ("placeLevel", P, "place level", "地点层级", "country, province, city, county, township, "
     "village, region, zone, landmark or natural.", [], S.Place, XSD.string),
    ("adminCode", P, "administrative code", "行政区划代码", "The 6-digit code of China's "
     "administrative divisions (GB/T 2260), where known.", [S.identifier], S.Place,
     XSD.string),
    ("orgLevel", P, "organisation level", "机构层级", "national, provincial, municipal, county "
     "or township.", [], S.Organization, XSD.string),
    ("roleLevel", P, "post level", "职务层级", "The level of a post: national, provincial, "
     "municipal, county or township.", [], ORGNS.Membership, XSD.string),
    ("postTitle", P, "post title", "职务名称", "The post as printed (市委副书记).", [],
     ORGNS.Membership, RDF.langString),
    ("eventKind", P, "event kind", "活动类型", "meeting, conference, forum, training, "
     "inspection, ceremony, festival, launch, contest, campaign or other.", [], S.Event,
     XSD.string),
    ("participant", P, "participant", "参加者", "A person taking part in an event (出席, 参加).",
     [S.attendee], S.Event, S.Person),
    ("chair", P, "chair", "主持人", "The person who chairs the event (主持).",
     [S.attendee], S.Event, S.Person),
    ("speaker", P, "speaker", "讲话人", "A person who speaks at the event (讲话, 致辞, 作辅导).",
     [S.attendee], S.Event, S.Person),
    ("accompanier", P, "accompanied by", "陪同", "A person accompanying the visit (陪同).",
     [S.attendee], S.Event, S.Person),
    ("leader", P, "led by", "带队", "The person leading a delegation or visit (带队, 率队).",
     [S.attendee], S.Event, S.Person),
    ("sponsor", P, "behind", "投资建设方", "An organisation behind a project (investor, "
     "builder, owner).", [S.sponsor], URIRef(NG_IRI + "Project"), S.Organization),
    ("amount", P, "stated amount", "金额", "A stated investment or amount of a project.", [],
     URIRef(NG_IRI + "Project"), S.MonetaryAmount),
    ("continuesOn", P, "continues on page", "下转", "The page an article's text continues "
     "on, as printed (下转第三版).", [], URIRef(NG_IRI + "Page"), XSD.string),
    ("continuedFrom", P, "continued from page", "上接", "The page an article's text comes "
     "from, as printed (上接第一版).", [], URIRef(NG_IRI + "Page"), XSD.string),
    # corpus statistics (the corpus graph; recomputed by every build and add, see
    # src/newsgraph/stats.py)
    ("articleCount", P, "article count", "报道篇数", "The number of articles in the corpus "
     "that mention the entity (schema:mentions); a statistic of the corpus graph, "
     "recomputed whenever pages are added.", [], None, XSD.integer),
    ("pageCount", P, "page count", "版面数", "The number of pages whose articles mention the "
     "entity (schema:mentions, schema:isPartOf); a statistic of the corpus graph, "
     "recomputed whenever pages are added.", [], None, XSD.integer),
]


def ontology() -> Graph:
    g = Graph()
    ng = Namespace(NG_IRI)
    onto = URIRef(NG_IRI.rstrip("#"))
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, RDFS.label, Literal("newsgraph ontology", lang="en")))
    g.add((onto, RDFS.label, Literal("newsgraph 本体", lang="zh")))
    g.add((onto, RDFS.comment, Literal(
        "Terms newsgraph adds to schema.org, W3C ORG, PROV-O, OWL-Time, WGS84 and NIF for "
        "knowledge graphs built from Chinese newspaper pages.", lang="en")))
    g.add((onto, OWL.versionInfo, Literal("0.1.0")))
    g.add((onto, DCTERMS.license, URIRef("https://opensource.org/licenses/MIT")))
    for name, kind, en, zh, comment, parents, domain, range_ in TERMS:
        t = ng[name]
        g.add((t, RDF.type, OWL.Class if kind == C else (
            OWL.ObjectProperty if range_ is not None and not str(range_).startswith(
                (str(XSD), str(RDF))) else OWL.DatatypeProperty)))
        g.add((t, RDFS.isDefinedBy, onto))
        g.add((t, RDFS.label, Literal(en, lang="en")))
        g.add((t, RDFS.label, Literal(zh, lang="zh")))
        g.add((t, RDFS.comment, Literal(comment, lang="en")))
        for parent in parents:
            g.add((t, RDFS.subClassOf if kind == C else RDFS.subPropertyOf, parent))
        if domain is not None:
            g.add((t, RDFS.domain, domain))
        if range_ is not None:
            g.add((t, RDFS.range, range_))
    return g


if __name__ == "__main__":
    prefixes = dict(PREFIXES) | {"dcterms": str(DCTERMS)}
    out = ROOT / "ontology" / "newsgraph.ttl"
    header = "# newsgraph ontology. Generated by scripts/ontology_terms.py; edit the table there.\n"
    out.write_text(header + turtle(ontology(), prefixes), encoding="utf-8")
    print(f"wrote {out}")
