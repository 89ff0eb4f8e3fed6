"""Entity resolution across articles and pages: one node per thing, homonyms kept apart
where the evidence conflicts, posts over time. Docs are built by hand so the rules are
tested apart from the extractors; one test runs the real pipeline on the sample pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph.model import Article, Doc, Page, Relation
from newsgraph.pipeline import PageResult, build_corpus
from newsgraph.rdf import Minter
from newsgraph.resolve import Post, conflicting_people
from newsgraph.store import build_store, open_store


def posts(out: Path, page: str) -> list[tuple]:
    """The post evidence the store's tally keeps of ``page`` (what homonyms are decided
    from), in its order."""
    from newsgraph.ingest import Tally
    from newsgraph.store import TALLY, store_path

    tally = Tally(store_path(out) / TALLY)
    try:
        return tally.db.execute("SELECT person, day, role, level, place FROM post "
                                "WHERE page = ? ORDER BY rowid", (page,)).fetchall()
    finally:
        tally.db.close()


def person_page(page_id: str, day: date, people: list[tuple[str, str, str, str]]) -> PageResult:
    """A page, one article per (surface, refers_to, post, org): "<org><post><surface>主持会议。"."""
    articles, docs = [], []
    for i, (surface, refers_to, post, org) in enumerate(people):
        text = f"{org}{post}{surface}主持会议。"
        doc = Doc(text=text, issue_date=day)
        t = doc.add(0, len(org) + len(post), "title", role=post, level="municipal", org=org,
                    official=True)
        attrs = {"kind": "official"} | ({"refers_to": refers_to} if refers_to else {})
        p = doc.add(t.end, t.end + len(surface), "person", **attrs)
        doc.relations.append(Relation("holds_title", p, t))
        docs.append(doc)
        articles.append(Article(page_id, i, f"会议{i}", text, 0, len(text), body=text, date=day))
    page = Page(source=f"{page_id}.txt", raw="", text="", origin=[], encoding="utf-8",
                issue_date=day)
    return PageResult(page, articles, docs)


def people_of(corpus, name: str) -> list[str]:
    return sorted(k for k, e in corpus.entities.items() if e.kind == "person" and e.name == name)


# the rule -------------------------------------------------------------------------------
def test_same_post_in_two_places_on_one_day_splits_the_name() -> None:
    day = date(2023, 3, 1)
    r = person_page("p1", day, [("张伟", "", "市长", "大同市政府"),
                                ("张伟", "", "市长", "朔州市政府")])
    corpus = build_corpus([r])
    assert people_of(corpus, "张伟") == ["person:张伟@大同市", "person:张伟@朔州市"]
    # each holder keeps his own mention and post
    by_key = {k: corpus.entities[k].mentions for k in people_of(corpus, "张伟")}
    assert [m[0] for m in by_key["person:张伟@大同市"]] == ["p1/a00"]
    assert [m[0] for m in by_key["person:张伟@朔州市"]] == ["p1/a01"]


def test_same_post_in_two_places_on_different_days_is_one_person() -> None:
    a = person_page("p1", date(2023, 3, 1), [("张伟", "", "市长", "大同市政府")])
    b = person_page("p2", date(2023, 9, 1), [("张伟", "", "市长", "朔州市政府")])
    assert people_of(build_corpus([a, b]), "张伟") == ["person:张伟"]  # a transfer


def test_concurrent_posts_in_one_place_are_one_person() -> None:
    r = person_page("p1", date(2023, 3, 1), [("张强", "", "副书记", "市委"),
                                             ("张强", "", "市长", "市政府")])
    assert people_of(build_corpus([r]), "张强") == ["person:张强"]


def test_conflicting_people_reads_only_dated_placed_posts() -> None:
    rows = [Post("person:甲", "2023-03-01", "市长", "municipal", "大同市", "a"),
            Post("person:甲", "2023-03-01", "市长", "municipal", "朔州市", "b"),
            Post("person:乙", "2023-03-01", "市长", "municipal", "大同市", "c"),
            Post("person:乙", "2023-03-01", "市长", "municipal", "", "d"),
            Post("person:丙", "2023-03-01", "市长", "", "大同市", "e"),
            Post("person:丙", "2023-03-01", "市长", "", "朔州市", "f")]
    assert conflicting_people(rows) == {"person:甲"}


# across pages, through the store ---------------------------------------------------------
def test_names_from_every_page_on_one_node(tmp_path: Path) -> None:
    a = person_page("p1", date(2023, 3, 1), [("张强", "", "市长", "市政府")])
    b = person_page("p2", date(2023, 5, 1), [("强市长", "张强", "市长", "市政府")])
    build_store([a, b], tmp_path)
    store = open_store(tmp_path)
    rows = list(store.query("""SELECT DISTINCT ?p ?alt ?page WHERE {
        ?p schema:alternateName ?alt . ?a schema:mentions ?p ; schema:isPartOf ?page }""",
                            prefixes={"schema": "http://schema.org/"}))
    assert {r["p"].value for r in rows} == {str(Minter().entity("person:张强"))}
    assert {r["alt"].value for r in rows} == {"强市长"}
    assert len({r["page"].value for r in rows}) == 2


def test_a_post_over_time_is_one_membership_spanning_its_dates(tmp_path: Path) -> None:
    pages = [person_page(f"p{i}", day, [("张强", "", "市长", "市政府")])
             for i, day in enumerate([date(2023, 5, 1), date(2023, 3, 1), date(2023, 9, 9)])]
    build_store(pages, tmp_path)
    rows = list(open_store(tmp_path).query("""
        PREFIX org: <http://www.w3.org/ns/org#> PREFIX time: <http://www.w3.org/2006/time#>
        SELECT ?ms ?from ?to WHERE { ?ms org:memberDuring ?i .
          ?i time:hasBeginning/time:inXSDDate ?from ; time:hasEnd/time:inXSDDate ?to }"""))
    assert [(r["from"].value, r["to"].value) for r in rows] == [("2023-03-01", "2023-09-09")]
    assert rows[0]["ms"].value == str(Minter().membership(
        "person:张强", "organization:大同市政府", "市长"))


def test_a_conflict_found_on_a_new_page_splits_the_old_page_too(tmp_path: Path) -> None:
    from newsgraph.store import add_results

    day = date(2023, 3, 1)
    build_store([person_page("p1", day, [("张伟", "", "市长", "大同市政府")])], tmp_path)

    def people(page_id: str) -> list[str]:
        rows = open_store(tmp_path).query(f"""SELECT DISTINCT ?p WHERE {{
            GRAPH <{Minter().graph(page_id)}> {{ ?a <http://schema.org/mentions> ?p .
            ?p a <http://schema.org/Person> }} }} ORDER BY ?p""")
        return [r["p"].value for r in rows]

    def iri(key: str) -> str:
        return str(Minter().entity(key))

    assert people("p1") == [iri("person:张伟")]
    rep = add_results([person_page("p2", day, [("张伟", "", "市长", "朔州市政府")])], tmp_path)
    assert rep.graphs_rewritten == 2  # the new page, and the old one whose 张伟 split
    assert people("p1") == [iri("person:张伟@大同市")]
    assert people("p2") == [iri("person:张伟@朔州市")]
    # and back: replacing the conflicting page with a transfer merges them again
    add_results([person_page("p2", date(2023, 9, 1), [("张伟", "", "市长", "朔州市政府")])],
                tmp_path)
    assert people("p1") == people("p2") == [iri("person:张伟")]


def test_an_add_killed_before_its_transaction_is_redone_with_the_splits_it_decided(
        tmp_path: Path, monkeypatch) -> None:
    """corpus.json records an add's pages and splits before the store's transaction; the
    next add redoes that add from the store's tally, so the old page the killed add split
    is split in the store too, and the tally (report.json) is the one of one build."""
    import newsgraph.store as st
    from newsgraph.ingest import Tally

    day = date(2023, 3, 1)
    p1 = person_page("p1", day, [("张伟", "", "市长", "大同市政府")])
    p2 = person_page("p2", day, [("张伟", "", "市长", "朔州市政府")])
    build_store([p1], tmp_path / "steps")
    opened = st.open_store

    def tally_state(out: Path):  # the add changes the store's tally in place
        tally = Tally(st.store_path(out) / st.TALLY)
        try:
            return tally.report(0), tally.page_splits(), tally.db.execute(
                "SELECT * FROM post ORDER BY rowid").fetchall()
        finally:
            tally.db.close()

    before = tally_state(tmp_path / "steps")

    class Killed(Exception):
        pass

    class Dying:  # the store, killed as the add's transaction starts
        def __init__(self, store):
            self.store = store

        def __getattr__(self, name):
            return getattr(self.store, name)

        def update(self, _query):
            raise Killed

    monkeypatch.setattr(st, "open_store", lambda out, read_only=True: Dying(
        opened(out, read_only=read_only)) if not read_only else opened(out))
    with pytest.raises(Killed):
        st.add_results([p2], tmp_path / "steps")
    monkeypatch.setattr(st, "open_store", opened)
    assert st.Manifest.load(st.store_path(tmp_path / "steps")).pending == ["p2"]
    assert tally_state(tmp_path / "steps") == before  # rolled back, not half changed
    st.add_results([], tmp_path / "steps")
    build_store([p1, p2], tmp_path / "once")

    def state(out: Path):
        store = open_store(out)
        tally = Tally(st.store_path(out) / st.TALLY)
        return ({str(q) for q in store}, tally.report(0), tally.page_splits())

    assert state(tmp_path / "steps") == state(tmp_path / "once")
    assert state(tmp_path / "once")[2] == {"p1": ["person:张伟"], "p2": ["person:张伟"]}


@pytest.mark.parametrize("seed", range(6))
def test_adds_decide_again_only_the_people_they_change_and_end_as_one_build(
        tmp_path: Path, seed: int) -> None:
    """An add decides the homonyms of the people whose posts it adds, replaces or drops,
    and keeps the others' decisions (Tally.splits of those people): random pages of a few
    people in a few places on a few days, built, added and replaced in steps, give the
    store, splits and tally of one build of the last pages."""
    import random

    from newsgraph.ingest import Tally
    from newsgraph.store import TALLY, Manifest, add_results, store_path

    rng = random.Random(seed)
    days = [date(2023, 3, 1), date(2023, 3, 2)]
    orgs = ["大同市政府", "朔州市政府", "忻州市政府"]

    def page(pid: str) -> PageResult:
        people = [(rng.choice(["张伟", "李强", "王芳"]), "", rng.choice(["市长", "副市长"]),
                   rng.choice(orgs)) for _ in range(rng.randint(1, 3))]
        return person_page(pid, rng.choice(days), people)

    steps = [[page("p0"), page("p1"), page("p2")], [page("p3"), page("p4")],
             [page("p1"), page("p5")], [page("p3")]]  # p1 and p3 replaced
    build_store(steps[0], tmp_path / "steps")
    for step in steps[1:]:
        add_results(step, tmp_path / "steps")
    last = {r.page.page_id: r for step in steps for r in step}
    build_store(list(last.values()), tmp_path / "once")

    def state(out: Path):
        tally = Tally(store_path(out) / TALLY)
        try:
            return ({str(q) for q in open_store(out)}, tally.page_splits(), tally.splits(),
                    {p: e["splits"] for p, e in Manifest.load(store_path(out)).pages.items()})
        finally:
            tally.db.close()

    steps_state, once = state(tmp_path / "steps"), state(tmp_path / "once")
    assert steps_state == once
    assert once[1] == once[2] == {p: s for p, s in once[3].items() if s}


def test_a_build_decides_homonyms_over_every_page_and_a_repeated_page_keeps_its_last(
        tmp_path: Path) -> None:
    """The streaming build keeps the post evidence on disk (ingest.Tally) and decides the
    splits from it: the same post in two places on one day splits the name on both pages;
    a page id given twice counts only its last page's posts."""
    import json

    from newsgraph.store import Manifest, store_path

    day = date(2023, 3, 1)
    datong = person_page("p1", day, [("张伟", "", "市长", "大同市政府")])
    shuozhou = person_page("p2", day, [("张伟", "", "市长", "朔州市政府")])
    build_store([datong, shuozhou], tmp_path / "split")
    man = Manifest.load(store_path(tmp_path / "split"))
    assert {p: e["splits"] for p, e in man.pages.items()} == {
        "p1": ["person:张伟"], "p2": ["person:张伟"]}
    assert posts(tmp_path / "split", "p1") == [("person:张伟", "2023-03-01", "市长",
                                                  "municipal", "大同市")]
    # corpus.json holds a page a line, so its page ids are read a line at a time; a
    # corpus.json written whole on one line (stores built before) reads the same
    folder = store_path(tmp_path / "split")
    text = (folder / "corpus.json").read_text(encoding="utf-8")
    assert len(text.splitlines()) == 2 + 2 and json.loads(text)["pages"] == man.pages
    base, ids = Manifest.page_ids(folder)
    assert (base, list(ids)) == (Minter().base, ["p1", "p2"])
    (folder / "corpus.json").write_text(json.dumps(json.loads(text), ensure_ascii=False))
    base, ids = Manifest.page_ids(folder)
    assert (base, list(ids)) == (Minter().base, ["p1", "p2"])
    # p2 given again, now held in 大同市 too: its first posts are gone, no conflict
    again = person_page("p2", day, [("张伟", "", "市长", "大同市政府")])
    build_store([datong, shuozhou, again], tmp_path / "again")
    man = Manifest.load(store_path(tmp_path / "again"))
    assert {p: e["splits"] for p, e in man.pages.items()} == {"p1": [], "p2": []}
    assert posts(tmp_path / "again", "p2") == posts(tmp_path / "again", "p1")
    ids = {r["p"].value for r in open_store(tmp_path / "again").query(
        "SELECT DISTINCT ?p WHERE { ?p a <http://schema.org/Person> }")}
    assert ids == {str(Minter().entity("person:张伟"))}
    # the corpus graph, from the pages' shares the tally adds up (a redone page's replace
    # its first ones), is the one the whole corpus assembles to; its block of graph.ttl,
    # rendered as it was loaded, is the one the store renders
    from newsgraph.rdf import assemble
    from newsgraph.store import store_quads, write_exports

    graph = Minter().graph("corpus")
    for out, pages in (("split", [datong, shuozhou]), ("again", [datong, again])):
        got = {q[:3] for q in store_quads(open_store(tmp_path / out)) if q[3] == graph}
        assert got == {q[:3] for q in assemble(build_corpus(pages)) if q[3] == graph}
        block = store_path(tmp_path / out) / "corpus.ttl"
        built = block.read_bytes()
        block.unlink()
        write_exports(tmp_path / out, ["turtle"])
        assert block.read_bytes() == built and b"ng:articleCount" in built


# the sample corpus -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample_corpus():
    from newsgraph.pipeline import process_all, sample_sources

    return build_corpus(process_all(sample_sources()).results)


def test_zhang_qiang_is_one_node_on_all_five_sample_pages(sample_corpus) -> None:
    assert people_of(sample_corpus, "张强") == ["person:张强"]
    pages = {art.split("/")[0] for art, *_ in sample_corpus.entities["person:张强"].mentions}
    assert len(pages) == 5


def test_post_in_another_city_belongs_to_that_city_not_the_home_city():
    from newsgraph.pipeline import build_corpus, process_page

    text = "本报讯（记者 王五）3月1日，朔州市市长张强出席会议。副市长李四参加。"
    corpus = build_corpus([process_page(text.encode(), "x.txt")], home_city="大同市")
    orgs = {f.subject: f.attrs.get("org_key") for f in corpus.facts if f.kind == "holds_title"}
    assert orgs["person:张强"] == "organization:朔州市政府"
    assert orgs["person:李四"] == "organization:大同市政府"


def test_a_name_starting_with_shichang_is_no_body_of_the_home_city():
    """市场信息咨询(上海)有限公司 (a 湖州 probe page) is no 湖州市场…: 市场 is a word, not
    the home city's 市 (市工信局 is the home city's)."""
    from newsgraph.pipeline import build_corpus, process_page

    text = ("本报讯（记者 王五）3月1日，芯谋市场信息咨询（上海）有限公司董事长顾文军、"
            "市工信局局长李四出席会议。市场监管局执法人员检查了商户。")
    corpus = build_corpus([process_page(text.encode(), "x.txt")], home_city="湖州市")
    names = {e.name for e in corpus.entities.values() if e.kind == "organization"}
    assert "湖州市工信局" in names and not any(n.startswith("湖州市场") for n in names)


# events: an occurrence, keyed by its date ---------------------------------------------
MEETING = "市委常委会会议"


def meeting_page(page_id: str, day: date, dates: list[tuple[str, str | None]],
                 attendee: str = "张强") -> PageResult:
    """A page of one article a date phrase: "<date>，<attendee>出席市委常委会会议。" for each
    (date phrase, ISO date or None for an undated mention)."""
    articles, docs = [], []
    for i, (phrase, iso) in enumerate(dates):
        text = f"{phrase}，{attendee}出席{MEETING}。"
        doc = Doc(text=text, issue_date=day)
        p = doc.add(len(phrase) + 1, len(phrase) + 1 + len(attendee), "person")
        s = len(text) - 1 - len(MEETING)
        ev = doc.add(s, s + len(MEETING), "event", kind="meeting",
                     **({"date": iso} if iso else {}))
        if iso:
            d = doc.add(0, len(phrase), "date", start=iso)
            doc.relations.append(Relation("date", ev, d))
        doc.relations.append(Relation("participant", ev, p, {"role": "attendee"}))
        docs.append(doc)
        articles.append(Article(page_id, i, f"会议{i}", text, 0, len(text), body=text, date=day))
    page = Page(source=f"{page_id}.txt", raw="", text="", origin=[], encoding="utf-8",
                issue_date=day)
    return PageResult(page, articles, docs)


EVENT_ROWS = """PREFIX schema: <http://schema.org/>
    SELECT ?e (SAMPLE(?n) AS ?name) (GROUP_CONCAT(DISTINCT STR(?d); separator=" ") AS ?dates)
           (GROUP_CONCAT(DISTINCT ?who; separator=" ") AS ?attendees)
    WHERE { ?e schema:name ?n . OPTIONAL { ?e schema:startDate ?d }
            OPTIONAL { ?e schema:attendee/schema:name ?who } FILTER(STR(?n) = "市委常委会会议") }
    GROUP BY ?e ORDER BY ?e"""


def event_rows(folder: Path) -> list[tuple[str, str, str]]:
    """(IRI, start dates, attendees sorted) of every event named 市委常委会会议."""
    def text(term) -> str:
        return term.value if term is not None else ""

    return [(r["e"].value, text(r["dates"]), " ".join(sorted(text(r["attendees"]).split())))
            for r in open_store(folder).query(EVENT_ROWS)]


def test_a_meeting_held_on_two_days_is_two_events_each_with_its_date_and_people(
        tmp_path: Path) -> None:
    build_store([meeting_page("p1", date(2023, 3, 2), [("3月1日", "2023-03-01")], "张强"),
                 meeting_page("p2", date(2023, 3, 9), [("3月8日", "2023-03-08")], "李四")],
                tmp_path)
    m = Minter()
    assert event_rows(tmp_path) == [
        (str(m.entity(f"event:{MEETING}@2023-03-01")), "2023-03-01", "张强"),
        (str(m.entity(f"event:{MEETING}@2023-03-08")), "2023-03-08", "李四")]
    assert str(m.entity(f"event:{MEETING}@2023-03-01")).endswith(
        "/event/市委常委会会议/2023-03-01")


def test_the_same_meeting_reported_twice_on_one_day_is_one_event(tmp_path: Path) -> None:
    build_store([meeting_page("p1", date(2023, 3, 2), [("3月1日", "2023-03-01")], "张强"),
                 meeting_page("p2", date(2023, 3, 3), [("3月1日", "2023-03-01")], "李四")],
                tmp_path)
    assert [r[1:] for r in event_rows(tmp_path)] == [("2023-03-01", "张强 李四")]


def test_a_page_dates_its_undated_and_less_precise_mentions_of_an_event(
        tmp_path: Path) -> None:
    build_store([meeting_page("p1", date(2023, 3, 2),
                              [("3月1日", "2023-03-01"), ("本月", "2023-03"), ("会上", None)])],
                tmp_path)
    rows = event_rows(tmp_path)
    assert [(r[0].rsplit("/", 1)[1], r[1]) for r in rows] == [("2023-03-01", "2023-03-01")]


def test_a_page_that_dates_a_name_twice_keeps_two_events_and_the_undated_one_apart(
        tmp_path: Path) -> None:
    build_store([meeting_page("p1", date(2023, 3, 9),
                              [("3月1日", "2023-03-01"), ("3月8日", "2023-03-08"),
                               ("会上", None)])], tmp_path)
    m = Minter()
    assert [r[:2] for r in event_rows(tmp_path)] == [
        (str(m.entity(f"event:{MEETING}@2023-03-01")), "2023-03-01"),
        (str(m.entity(f"event:{MEETING}@2023-03-08")), "2023-03-08"),
        (str(m.entity(f"event:{MEETING}@issue-2023-03-09")), "")]


def test_an_undated_event_is_the_one_its_issue_reports(tmp_path: Path) -> None:
    build_store([meeting_page("p1", date(2023, 3, 2), [("会上", None)], "张强"),
                 meeting_page("p2", date(2023, 3, 2), [("会上", None)], "李四"),
                 meeting_page("p3", date(2024, 3, 2), [("会上", None)], "王五")], tmp_path)
    assert [(r[0].rsplit("/", 1)[1], r[1], r[2]) for r in event_rows(tmp_path)] == [
        ("issue-2023-03-02", "", "张强 李四"), ("issue-2024-03-02", "", "王五")]
    assert str(Minter().entity(f"event:{MEETING}@issue-2023-03-02")).endswith(
        "/event/市委常委会会议/issue-2023-03-02")
    assert str(Minter().entity(f"event:{MEETING}")).endswith("/event/市委常委会会议")


def test_an_undated_event_on_a_page_of_no_known_issue_is_that_page_s(tmp_path: Path) -> None:
    pages = [meeting_page(pid, date(2023, 3, 2), [("会上", None)], who)
             for pid, who in (("p1", "张强"), ("p2", "李四"))]
    for p in pages:
        p.page.issue_date = None
        for a in p.articles:
            a.date = None
    build_store(pages, tmp_path)
    assert [(r[0].rsplit("/", 1)[1], r[2]) for r in event_rows(tmp_path)] == [
        ("page-p1", "张强"), ("page-p2", "李四")]


def test_an_event_its_name_numbers_is_one_occurrence_whatever_its_dates():
    """市五届人大四次会议 in two stories of different days, and on a later page: one
    event (its name numbers the term and the session); 市委常委会会议 stays one a day."""
    from newsgraph.pipeline import build_corpus, process_page

    first = ("市五届人大四次会议开幕\n\n本报讯（记者 王五）2月25日，市五届人大四次会议开幕。\n\n"
             "代表分团审议报告\n\n本报讯（记者 李四）2月26日，出席市五届人大四次会议的代表"
             "分团审议报告。市委常委会会议2月26日召开。\n")
    later = ("会议闭幕\n\n本报讯（记者 王五）2月28日，市五届人大四次会议闭幕。"
             "市委常委会会议2月28日召开。\n")
    corpus = build_corpus([process_page(first.encode(), "a.txt"),
                           process_page(later.encode(), "b.txt")], home_city="大同市")
    keys = sorted(k for k, e in corpus.entities.items() if e.kind == "event")
    assert [k for k in keys if "人民代表大会" in k] == ["event:大同市第五届人民代表大会第四次会议"]
    assert len([k for k in keys if "常委会会议" in k]) == 2


def test_a_session_written_in_full_and_short_is_one_event():
    """德州市第十九届人民代表大会第五次会议 and 市十九届人大五次会议 are one session, named in
    full, the short form an alternative name; so are 政协第十五届德州市委员会第五次会议 and
    市政协十五届五次会议; a meeting of the session's presidium is none of them."""
    from newsgraph.pipeline import build_corpus, process_page

    text = ("市十九届人大五次会议开幕\n\n本报讯（记者 王贺）1月19日，德州市第十九届人民代表大会"
            "第五次会议开幕。\n\n委员分组审议报告\n\n本报讯（记者 石秀秀）1月18日，出席市政协"
            "十五届五次会议的委员分组审议报告。政协第十五届德州市委员会第五次会议1月17日开幕。"
            "市十九届人大五次会议主席团举行第一次会议。\n")
    corpus = build_corpus([process_page(text.encode(), "a.txt", home_city="德州市")],
                          home_city="德州市")
    events = {e.name: e for e in corpus.entities.values() if e.kind == "event"}
    assert {"德州市第十九届人民代表大会第五次会议",
            "政协第十五届德州市委员会第五次会议"} <= set(events)
    assert "市十九届人大五次会议" in events["德州市第十九届人民代表大会第五次会议"].alt_names
    assert "市政协十五届五次会议" in events["政协第十五届德州市委员会第五次会议"].alt_names
    assert not any("人大" in n and "主席团" not in n for n in events)


def test_a_deputy_whose_post_is_in_a_body_of_the_state_is_an_official():
    from newsgraph.pipeline import build_corpus, process_page

    text = "人大会议召开\n\n本报讯 2月1日，市人大常委会主任袁振旭，副主任王国平出席会议。\n"
    corpus = build_corpus([process_page(text.encode(), "a.txt")], home_city="大同市")
    kinds = {e.name: e.subtype for e in corpus.entities.values() if e.kind == "person"}
    assert kinds == {"袁振旭": "official", "王国平": "official"}


def _page_keys(text: str, home: str, kind: str) -> list[str]:
    """The keys of the entities of ``kind`` on one page read from ``text`` through the
    whole pipeline."""
    from newsgraph.pipeline import process_page

    corpus = build_corpus([process_page(text.encode(), "p.txt", home_city=home)],
                          home_city=home)
    return sorted(e.key for e in corpus.entities.values() if e.kind == kind)


def test_a_project_named_with_and_without_the_word_xiangmu_is_one_entity() -> None:
    text = ("大同日报 2024年6月1日 第1版\n\n项目签约\n\n本报讯 5月31日，酒嘉公路运输枢纽物流园区"
            "建设项目现场签约。会上介绍了中国铁塔甘肃信息大厦建设、酒嘉公路运输枢纽物流园区建设"
            "等重点招商引资项目。\n")
    assert _page_keys(text, "大同市", "project") == ["project:中国铁塔甘肃信息大厦建设",
                                                  "project:酒嘉公路运输枢纽物流园区建设"]


def test_a_cppcc_committee_of_a_term_is_the_place_s_conference() -> None:
    text = ("榆林日报 2024年2月21日 第1版\n\n政协榆林市第五届委员会第三次会议开幕\n\n"
            "本报讯 2月20日，中国人民政治协商会议榆林市第五届委员会第三次会议开幕。"
            "市政协主席曾德超出席。会议听取了政协榆林市第五届委员会常务委员会工作报告。\n")
    orgs = _page_keys(text, "榆林市", "organization")
    assert "organization:榆林市政协" in orgs
    assert not any("第五届委员会" in key and "常务" not in key for key in orgs)
