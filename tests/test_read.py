"""The reader: encodings, layout breaks, repeats, continuation marks, folding, dates."""

from __future__ import annotations

import bz2
import gzip
import html
import lzma
import random
import re
from datetime import date
from pathlib import Path

import pytest

from newsgraph.errors import PageError
from newsgraph.read import read_bytes, read_page
from newsgraph.read.issue_date import infer_issue_date
from newsgraph.read.layout import clean
from newsgraph.read.normalize import fold, normalize_name
from newsgraph.segment import segment

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "samples"
PAGES = sorted(SAMPLES.glob("*.txt"))


def _raw(stem: str) -> str:
    return next(p for p in PAGES if p.name.startswith(stem)).read_text(encoding="utf-8")


def _result(page) -> tuple:
    return page.text, [(a.headline, a.kind, a.reporters, a.start, a.end) for a in segment(page)]


# -- encodings ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("variant,encoding", [
    ("bom", "utf-8-sig"), ("crlf", "utf-8"), ("cr", "utf-8"), ("gb18030", "gb18030"),
    ("utf16", "utf-16"),
])
def test_every_encoding_gives_the_same_page(path, variant, encoding):
    raw = path.read_text(encoding="utf-8")
    data = {
        "bom": b"\xef\xbb\xbf" + raw.encode(),
        "crlf": raw.replace("\n", "\r\n").encode(),
        "cr": raw.replace("\n", "\r").encode(),
        "gb18030": raw.encode("gb18030"),
        "utf16": raw.encode("utf-16"),
    }[variant]
    page = read_bytes(data, path.name)
    assert page.encoding == encoding
    assert _result(page) == _result(read_bytes(raw.encode(), path.name))


def test_gbk_is_read_as_gb18030():
    text = "本报讯（记者 宋芳）培训班10月11日在我市开班。\n"
    assert read_bytes(text.encode("gbk"), "p.txt").text == text.strip()


def test_offsets_lead_back_to_the_raw_text_whatever_the_line_ends():
    raw = _raw("000").replace("\n", "\r\n")
    page = read_bytes(raw.encode(), "p.txt")
    assert len(page.origin) == len(page.text)
    for i, ch in enumerate(page.text):
        if ch != "\n":
            assert page.raw[page.origin[i]] == ch


# -- bad bytes and hostile text ------------------------------------------------------------

@pytest.mark.parametrize("data,reason", [
    (b"", "empty"), (b" \r\n\n", "empty"), (b"%PDF-1.5\n\x00\x00", "binary"),
    (bytes([0xFF, 0xFE, 0xFD, 0x80, 0x81]) * 200, "undecodable"),
    (b"The council met on Monday.\n" * 20, "not-chinese"),
])
def test_unreadable_pages_are_refused_with_a_reason(data, reason):
    with pytest.raises(PageError) as err:
        read_bytes(data, "bad.txt")
    assert err.value.reason == reason


def _random_bytes(n: int, seed: int) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(256) for _ in range(n))


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_refused_as_binary_though_gb18030_reads_them(seed):
    data = _random_bytes(3000, seed)
    assert data.decode("gb18030", errors="replace").count("\ufffd") < 0.2 * len(data)
    with pytest.raises(PageError) as err:
        read_bytes(data, "noise.txt")
    assert err.value.reason == "binary"
    assert "control characters" in str(err.value) and "noise.txt" in str(err.value)


@pytest.mark.parametrize("pack", [gzip.compress, bz2.compress, lzma.compress])
def test_compressed_pages_are_refused_as_binary(pack):
    with pytest.raises(PageError) as err:
        read_bytes(pack(_raw("000").encode("gb18030")), "page.txt.gz")
    assert err.value.reason == "binary"


def test_a_gbk_page_with_corrupt_bytes_is_still_read():
    raw = _raw("001").encode("gb18030")
    data = raw[:3001] + b"\xff\x80" + raw[3001:6000] + b"\xff" + raw[6000:]
    page = read_bytes(data, "p.txt")
    assert page.encoding == "gb18030"
    assert "坚定信心久久为功" in page.text
    assert page.warnings and "replaced" in page.warnings[0]


def _as_html(raw: str) -> str:
    """A plain page as a web edition would print it: a <p> a paragraph, <br> between its
    lines, entities, a script, a style and a title that are not page text."""
    paras = [p.split("\n") for p in re.split(r"\n\s*\n", raw) if p.strip()]
    body = "\n".join("<p class=x>" + "<br/>\n    ".join(html.escape(ln) for ln in lines)
                     + "</p>" for lines in paras)
    return ("<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>大同日报 第1版</title>"
            "<style>p { margin: 0 }</style></head>\n<body><script>var x = '<p>市长张三</p>';"
            f"</script>\n<div id=page>{body}</div></body></html>")


@pytest.mark.parametrize("stem", ["000", "001"])
def test_an_html_page_reads_as_its_text_does(stem):
    raw = _raw(stem)
    plain = read_bytes(raw.encode(), "p.txt")
    for data in (_as_html(raw).encode(), _as_html(raw).replace("utf-8", "gbk").encode("gbk")):
        page = read_bytes(data, "p.html")
        assert page.text == plain.text
        assert _result(page) == _result(plain)
    assert "大同日报 第1版" not in page.text and "var x" not in page.text


def test_only_a_page_that_starts_as_html_is_read_as_html():
    text = "本报讯（记者 张三）昨日，网页以<html>开头，<p>段落</p>照登。\n"
    assert read_bytes(text.encode(), "p.txt").text.strip() == text.strip()
    with pytest.raises(PageError) as err:
        read_bytes(b"<html><head><title>\xe7\xa9\xba</title></head><body> </body></html>",
                   "blank.html")
    assert err.value.reason == "empty"


def test_html_white_space_collapses_but_pre_keeps_its_lines():
    page = read_bytes("<html><body><p>本报讯  市长\n  张三&nbsp;出席。</p><pre>第一行\n第二行"
                      "</pre><ul><li>甲</li><li>乙</li></ul></body></html>".encode(), "p.html")
    assert page.raw == "本报讯 市长 张三 出席。\n\n第一行\n第二行\n\n甲\n\n乙\n"


def test_too_large_page_is_refused():
    with pytest.raises(PageError, match="too-large"):
        read_bytes("中文".encode() * 100, "big.txt", max_bytes=10)


def test_control_characters_nul_and_lone_surrogates_are_dropped():
    text = "本报讯（记者 张三）市长\x00赵六\x07出席\x1b会议。\ud800孤立\udfff代理。\u200b"
    page = read_bytes(text.encode("utf-8", "surrogatepass"), "h.txt")
    assert "市长赵六出席会议。" in page.text
    assert not any(ord(c) < 32 and c != "\n" for c in page.text)
    assert "\ufffd" not in page.text and page.warnings
    assert segment(page)[0].reporters == [("张三", "reporter")]
    clean(text)  # a str with lone surrogates does not upset the cleaner either


def test_a_stray_bad_byte_keeps_a_utf8_page_utf8():
    raw = _raw("001").encode()
    data = raw[:5000] + b"\xff" + raw[5000:]
    page = read_bytes(data, "p.txt")
    assert page.encoding == "utf-8"
    assert "坚定信心久久为功" in page.text


# -- layout ----------------------------------------------------------------------------------

def test_layout_break_inside_a_word_is_joined():
    page = read_bytes(_raw("000").encode(), "p.txt")
    assert "离不开中央在晋定点帮扶单位的鼎力帮助" in page.text
    assert "全产业链产值超40亿元" in page.text


def test_layout_break_before_a_unit_is_joined():
    page = read_bytes(_raw("002").encode(), "p.txt")
    assert "主题活动时间从2022年2月至12月底" in page.text


def test_a_lead_opening_with_a_word_of_a_date_unit_stays_under_its_headline():
    # 日前，… begins a lead; 10月2|日前 and 今|年初 are layout breaks inside a word
    page = "李保国带队赴陕西省开展异地调研\n\n日前，市人大常委会主任李保国带队到陕西省开展调研。"
    assert clean(page).text == page
    assert clean("会议定于10月2\n日前召开。").text == "会议定于10月2日前召开。"
    assert clean("工程将于今\n年初完工。").text == "工程将于今年初完工。"


def test_sentence_broken_by_a_short_paragraph_opening_with_reporter_is_joined():
    page = read_bytes(_raw("004").encode(), "p.txt")
    assert "则会达到50台左右。" in page.text
    assert "专题研讨班开班式上的重要讲话精神" in read_bytes(_raw("002").encode(), "p").text


def test_real_paragraph_breaks_and_headline_lines_are_kept():
    text = clean("标题一行\n\n第一段说完了。\n\n第二段也说完了。\n").text
    assert text == "标题一行\n\n第一段说完了。\n\n第二段也说完了。"


def test_photo_inside_a_broken_paragraph_is_moved_after_it():
    page = read_bytes(_raw("003").encode(), "p.txt")
    assert "下工地、到车间，一路走" in page.text
    joined = page.text.index("到车间")
    assert page.text.index("本报记者 张燕伟摄") > joined
    assert page.raw[page.origin[joined]] == "到"


def test_paragraph_printed_twice_is_kept_once():
    page = read_bytes(_raw("000").encode(), "p.txt")
    assert page.duplicates_removed == 1
    assert page.text.count("室机关党支部各项学习") == 1


def test_sentences_repeated_by_the_layout_are_kept_once():
    page = read_bytes(_raw("004").encode(), "p.txt")
    assert page.duplicates_removed == 1
    assert page.text.count("张强充分肯定杨海泉同志生前忠诚履职") == 1


@pytest.mark.parametrize("line,direction,target", [
    ("(下转第三版)", "to", "三"), ("（下转第二版）", "to", "二"), ("刊3版▶", "to", "3"),
    ("上接第一版", "from", "一"), ("（上转第4版）", "from", "4"),
])
def test_continuation_marks_are_recorded_not_read(line, direction, target):
    raw = f"标题\n\n正文说完了。\n\n{line}\n\n下一篇的正文。\n"
    cleaned = clean(raw)
    assert [(m.direction, m.page) for m in cleaned.continuations] == [(direction, target)]
    mark = cleaned.continuations[0]
    assert raw[mark.start : mark.start + len(mark.text)] == mark.text
    assert "版" not in cleaned.text


def test_continuation_mark_at_the_end_of_a_paragraph():
    cleaned = clean("自觉提升工作能力。（下转第三版）\n")
    assert cleaned.text == "自觉提升工作能力。"
    assert cleaned.continuations[0].page == "三"


# -- flattened pages ---------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("joiner", ["", " "])
def test_page_flattened_to_one_line_is_split_at_datelines(path, joiner):
    raw = path.read_text(encoding="utf-8")
    page = read_bytes(joiner.join(raw.split()).encode(), path.name)
    arts = segment(page)
    leads = sum(1 for a in arts if a.dateline)
    assert leads >= min(2, raw.count("本报讯"))
    assert all(a.headline for a in arts)


# -- folding and names -------------------------------------------------------------------

def test_fold_treats_full_and_half_width_alike_and_keeps_length():
    text = "（２０２３）年，ＡＢＣ　【说明】"
    assert fold(text) == "(2023)年,ABC [说明]"
    assert len(fold(text)) == len(text)
    assert normalize_name("大同　市 （Ｂ型）") == "大同市(B型)"


# -- issue date --------------------------------------------------------------------------

@pytest.mark.parametrize("stem,expected", [
    ("000", date(2023, 10, 12)), ("001", date(2023, 11, 14)), ("002", date(2022, 2, 24)),
    ("003", date(2022, 7, 17)), ("004", date(2024, 2, 10)),
])
def test_issue_date_of_each_sample(stem, expected):
    assert read_bytes(_raw(stem).encode(), "p.txt").issue_date == expected


def test_year_printed_without_nian_counts():
    text = "本报讯(记者 甲乙)2月8日夜,“大同年”2024新春系列活动启幕。2023年成绩很好。"
    assert infer_issue_date(text) == date(2024, 2, 9)


def test_amounts_are_not_years():
    text = "本报讯(记者 甲乙)2月8日,投资2000万元。2021年完成。"
    assert infer_issue_date(text) == date(2021, 2, 9)


@pytest.mark.parametrize("masthead,expected", [
    ("大同日报 2024年5月20日 星期一 第2版", date(2024, 5, 20)),
    ("2024年5月20日（星期一）", date(2024, 5, 20)),
    ("大同日报\n2024年3月15日 星期五", date(2024, 3, 15)),
    ("2024年5月21日 星期一", date(2024, 5, 19)),  # the wrong weekday: no masthead
])
def test_a_masthead_that_prints_the_date_with_its_weekday_gives_the_issue_date(
        masthead, expected):
    """The masthead's date wins over the day after the latest dateline (5月18日 + 1)."""
    text = f"{masthead}\n\n本报讯(记者 甲乙)5月18日,会议召开。2024年工作很多。\n"
    assert infer_issue_date(text) == expected


def test_a_dated_sentence_is_no_masthead():
    """Read as a lead's dates (the day after the latest), not as the printed date."""
    text = "本报讯(记者 甲乙)5月18日,会议定于2024年5月20日星期一上午召开,请准时参加。\n"
    assert infer_issue_date(text) == date(2024, 5, 21)


def test_no_date_no_guess():
    assert infer_issue_date("没有日期的文字。") is None


def test_read_page_names_its_source(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("本报讯（记者 宋芳）开班。\n", encoding="utf-8")
    page = read_page(path)
    assert page.source == "x.txt" and page.page_id == "x"
    with pytest.raises(PageError, match="unreadable"):
        read_page(tmp_path / "missing.txt")


def test_a_title_starting_with_a_dates_unit_is_not_joined_to_its_column_name():
    """短评 / 年味里的烟火气 (a 宜昌 probe page): 年 starts a word, not the rest of a date
    (the line before would end in its number: 2024 / 年, 去 / 年)."""
    text = clean("短评\n\n年味里的烟火气\n\n从点军江南年货市集的百余个摊位，到一副副春联，"
                 "年味正浓。\n").text
    assert text.split("\n\n")[:2] == ["短评", "年味里的烟火气"]
    assert clean("今天是2024\n年的最后一天，全市各界举行迎新活动。\n").text.startswith(
        "今天是2024年的最后一天")
