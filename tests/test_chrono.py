from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.chrono import DATE_RE, When, date_matches, find_dates
from newsgraph.extract import run
from newsgraph.model import Doc


def whens(text, base):
    return {d.text: d.when for d in find_dates(text, base)}


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("10月13日，三市将再次牵手", date(2023, 10, 12), When("2023-10-13")),
        ("2014年8月，首届联席会议召开", date(2023, 10, 12), When("2014-08")),
        ("7月13日至14日，副部长率队调研", date(2022, 7, 17), When("2022-07-13", "2022-07-14")),
        ("受理时间：7月14日至8月28日", date(2022, 7, 17), When("2022-07-14", "2022-08-28")),
        ("12月5日，全市召开会议", date(2023, 1, 3), When("2022-12-05")),
    ],
)
def test_gregorian(text, base, expected):
    assert find_dates(text, base)[0].when == expected


def test_month_spans():
    got = whens("活动时间从2022\n\n年2月至12月底，今年1至10月空气质量", date(2022, 2, 24))
    assert got["2022\n\n年2月至12月底"] == When("2022-02", "2022-12-31")
    assert got["1至10月"] == When("2022-01", "2022-10")


def test_relative_words():
    got = whens("图为昨日华严广场。日前，示范点揭牌", date(2023, 11, 14))
    assert got["昨日"] == When("2023-11-13")
    assert got["日前"] == When("2023-11-13", approx=True)
    assert got["日前"].precision == "approx"


def test_same_day_follows_previous_date():
    got = whens("10月11日，村民采收稻谷。当日，县里举办活动", date(2023, 10, 12))
    assert got["当日"] == When("2023-10-11")


def test_lunar_span_to_gregorian():
    got = whens("从农历正月初三至正月十六，将在古城内举办", date(2023, 2, 10))
    assert got["农历正月初三至正月十六"] == When("2023-01-24", "2023-02-06")


def test_festival_after_date_is_that_date():
    got = whens("2月9日，除夕。这一天", date(2024, 2, 10))
    assert got["除夕"] == When("2024-02-09")


def test_festival_nearest_issue_date():
    assert whens("春节前夕，走访慰问", date(2024, 2, 5))["春节"] == When("2024-02-10")
    assert whens("春节期间", date(2023, 2, 10))["春节"] == When("2023-01-22")


def test_date_mentions_through_run():
    doc = run(Doc(text="本报讯 7月13日至14日，调研组赴阳高县调研。", issue_date=date(2022, 7, 17),
                  home_city="大同市"))
    (d,) = [m for m in doc.of_type("date") if m.text == "7月13日至14日"]
    assert d.attrs == {"start": "2022-07-13", "end": "2022-07-14", "precision": "day"}


_DATE_ALPHABET = "0123456789〇一二三四五六七八九十两年月日号至到-—~－底末 \n，的会议召开"


def _matches(found):
    return [(m.span(), m.groupdict()) for m in found]


@given(st.text(alphabet=_DATE_ALPHABET, max_size=40))
def test_date_matches_are_date_re_matches(text):
    """date_matches skips what holds no run of date characters with a 月 in it; it finds
    exactly what DATE_RE finds over the whole text."""
    assert _matches(date_matches(text)) == _matches(DATE_RE.finditer(text))


def test_date_matches_on_the_sample_pages():
    from newsgraph.pipeline import sample_sources
    from newsgraph.read import read_bytes
    from newsgraph.read.normalize import fold

    for src in sample_sources():
        norm = fold(read_bytes(src.read(), src.name).text)
        found = _matches(date_matches(norm))
        assert found and found == _matches(DATE_RE.finditer(norm))


def test_a_month_and_day_after_qunian_or_jinnian_are_in_the_year_it_says():
    """去年6月28日 in a paper of March 2024 is 2023-06-28 (not the coming June)."""
    base = date(2024, 3, 1)
    starts = [d.when.start for d in find_dates("去年6月28日，今年1月3日，前年3月1日，6月28日", base)
              if d.when and len(d.when.start) == 10]
    assert starts == ["2023-06-28", "2024-01-03", "2022-03-01", "2024-06-28"]
