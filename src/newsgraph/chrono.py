"""Chinese date expressions: find them in text and resolve them against an issue date.

Handles 2023年10月11日, 10月11日, 7月13日至14日 (spans), 2014年8月 (months kept as
months), month spans (2月至12月底, 1至10月), 昨日/昨天/今天, lunar dates (正月初三, 除夕)
through lunar-python. A resolved date is a :class:`When`: ISO text at day or month
precision, optionally a span.

Choices: 日前/近日 ("the other day") resolve to the day before the issue date, marked
``approx``; 当日/当天 take the last day-precision date printed before them, else the issue
date; a festival printed right after a date (2月9日，除夕) is that date, otherwise the
festival of the lunar year that puts it nearest the issue date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsgraph.read.normalize import fold

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """Small Chinese or Arabic numerals: 3, 十三, 二十一, 初三 (without 初)."""
    text = fold(text).strip()
    if text.isdigit():
        return int(text)
    if not text:
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, None) if tens else 1
        o = _CN_DIGITS.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    if all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    return None


@dataclass(frozen=True)
class When:
    start: str  # ISO date (YYYY-MM-DD) or month (YYYY-MM)
    end: str | None = None
    approx: bool = False  # 日前, 近日: the day is a guess

    @property
    def precision(self) -> str:
        if self.approx:
            return "approx"
        return "day" if len(self.start) == 10 else "month"


_NUM = r"[0-9〇零一二三四五六七八九十两]{1,4}"
_SEP = r"\s*(?:至|到|-|—|~|－)\s*"
DATE_RE = re.compile(
    rf"(?:(?P<y>(?:19|20)\d\d|[〇零一二三四五六七八九]{{4}})\s*年)?"
    rf"(?:(?P<m0>{_NUM}){_SEP}(?={_NUM}月(?![0-9〇零一二三四五六七八九十两]{{1,2}}[日号])))?"
    rf"(?P<m>{_NUM})月(?:(?P<d>{_NUM})[日号])?"
    rf"(?:{_SEP}(?:(?P<m2>{_NUM})月)?(?P<d2>{_NUM})[日号]"
    rf"|{_SEP}(?P<m3>{_NUM})月(?P<eom>底|末)?)?"
)
LUNAR_RE = re.compile(
    r"(?:农历)?(?P<lm>正|腊|冬|[一二三四五六七八九十]{1,2})月(?P<ld>初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十)"
    r"(?:\s*(?:至|到|-|—)\s*(?:(?P<lm2>正|腊|冬|[一二三四五六七八九十]{1,2})月)?(?P<ld2>初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?|廿[一二三四五六七八九]?|三十))?"
)
RELATIVE = {"昨日": -1, "昨天": -1, "今日": 0, "今天": 0, "当日": 0, "当天": 0, "明日": 1,
            "明天": 1, "前日": -2, "前天": -2}
VAGUE = ("日前", "近日")
# Every character a DATE_RE match can be made of: its matches lie in runs of them.
_DATE_CHARS = re.compile(r"[\d\s〇零一二三四五六七八九十两年月日号至到\-—~－底末]+")


def date_matches(norm: str) -> Iterator[re.Match]:
    """``DATE_RE.finditer(norm)``, run only over the runs of date characters that hold a
    月 (DATE_RE looks neither behind nor past such a run, and every match holds a 月): the
    same matches, in a fraction of the time (most of a text is no such run)."""
    for run in _DATE_CHARS.finditer(norm):
        if "月" in run.group():
            yield from DATE_RE.finditer(norm, run.start(), run.end())


YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d\d)(?=年|\(|（|\s*届)")
FESTIVALS = {"除夕": (12, 30), "春节": (1, 1), "元宵节": (1, 15), "端午节": (5, 5),
             "中秋节": (8, 15), "重阳节": (9, 9), "七夕": (7, 7)}


def _valid(y: int, m: int, d: int | None) -> bool:
    try:
        date(y, m, d or 1)
        return True
    except ValueError:
        return False


def _year_for(month: int, base: date | None) -> int | None:
    """The year of a month-day printed without a year, as seen on ``base``'s paper."""
    if base is None:
        return None
    # a paper in January speaking of 12月 means last December
    if month - base.month > 6:
        return base.year - 1
    if base.month - month > 9:
        return base.year + 1
    return base.year


def _month_end(year: int, month: int, to_day: bool) -> str:
    """YYYY-MM, or the month's last day when ``to_day`` (…月底)."""
    if not to_day:
        return f"{year:04d}-{month:02d}"
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).isoformat()


def _month_span(year: int, first: int, last: int | None, eom: bool) -> When | None:
    if last is None or not 1 <= last <= 12 or last < first:
        return When(f"{year:04d}-{first:02d}")
    return When(f"{year:04d}-{first:02d}", _month_end(year, last, eom))


def resolve_match(m: re.Match, base: date | None) -> When | None:
    """Turn a :data:`DATE_RE` match into a :class:`When` against ``base``."""
    month = cn_number(m.group("m"))
    if month is None or not 1 <= month <= 12:
        return None
    first = cn_number(m.group("m0")) if m.group("m0") else None
    year_text = m.group("y")
    year = cn_number(year_text) if year_text else _year_for(first or month, base)
    if year is None:
        return None
    day = cn_number(m.group("d")) if m.group("d") else None
    if not _valid(year, month, day):
        return None
    if first is not None and 1 <= first < month:
        return When(f"{year:04d}-{first:02d}", f"{year:04d}-{month:02d}")
    if day is None:
        last = cn_number(m.group("m3")) if m.group("m3") else None
        return _month_span(year, month, last, bool(m.group("eom")))
    start = date(year, month, day)
    end = None
    if m.group("d2"):
        m2 = cn_number(m.group("m2")) if m.group("m2") else month
        d2 = cn_number(m.group("d2"))
        if m2 and d2 and _valid(year, m2, d2) and date(year, m2, d2) > start:
            end = date(year, m2, d2).isoformat()
    return When(start.isoformat(), end)


@lru_cache(maxsize=4096)
def lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """Convert a lunar date of the lunar year starting in ``year`` to the Gregorian date.

    Cached: lunar-python builds a whole lunar year per call (~20 ms)."""
    try:
        from lunar_python import Lunar
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        solar = Lunar.fromYmd(year, month, day).getSolar()
    except Exception:  # lunar-python raises plain Exception for impossible days
        if day == 30:  # 除夕 in a year whose 12th month has 29 days
            return lunar_to_solar(year, month, 29)
        return None
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _lunar_month(text: str) -> int | None:
    return {"正": 1, "冬": 11, "腊": 12}.get(text) or cn_number(text)


def _lunar_day(text: str) -> int | None:
    text = text.replace("初", "").replace("廿", "二十")
    return cn_number(text)


def _lunar_year(month: int, base: date) -> int:
    # The lunar new year falls in late January or February: early in the Gregorian year,
    # the 12th lunar month belongs to the previous lunar year.
    return base.year - 1 if month >= 11 and base.month <= 3 else base.year


def resolve_lunar(m: re.Match, base: date | None) -> When | None:
    if base is None:
        return None
    lm, ld = _lunar_month(m.group("lm")), _lunar_day(m.group("ld"))
    if not lm or not ld:
        return None
    start = lunar_to_solar(_lunar_year(lm, base), lm, ld)
    if start is None:
        return None
    end = None
    if m.group("ld2"):
        lm2 = _lunar_month(m.group("lm2")) if m.group("lm2") else lm
        ld2 = _lunar_day(m.group("ld2"))
        if lm2 and ld2:
            stop = lunar_to_solar(_lunar_year(lm2, base), lm2, ld2)
            if stop and stop > start:
                end = stop.isoformat()
    return When(start.isoformat(), end)


def _festival(word: str, base: date) -> date | None:
    """The festival's Gregorian day in the lunar year that puts it nearest ``base``."""
    lm, ld = FESTIVALS[word]
    days = [lunar_to_solar(y, lm, ld) for y in (base.year - 2, base.year - 1, base.year)]
    days = [d for d in days if d is not None]
    return min(days, key=lambda d: abs((d - base).days)) if days else None


def resolve_word(word: str, base: date | None) -> When | None:
    """昨日, 今天, 日前, 除夕 … against the issue date."""
    if base is None:
        return None
    if word in RELATIVE:
        return When((base + timedelta(days=RELATIVE[word])).isoformat())
    if word in VAGUE:
        return When((base - timedelta(days=1)).isoformat(), approx=True)
    if word in FESTIVALS:
        d = _festival(word, base)
        return When(d.isoformat()) if d else None
    return None


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    text: str
    when: When | None


_WORDS_RE = re.compile("|".join(sorted([*RELATIVE, *FESTIVALS, *VAGUE], key=len, reverse=True)))
_SAME_DAY = ("当日", "当天")
_GLUE = re.compile(r"[\s,，、]*(?:农历)?$")


def _word_when(m: re.Match, norm: str, found: list[DateSpan], base: date | None) -> When | None:
    """A word's date; 当日 and a festival right after a date (2月9日，除夕) lean on it."""
    word = m.group()
    if word not in _SAME_DAY and word not in FESTIVALS:
        return resolve_word(word, base)
    prev = [d for d in found if d.end <= m.start() and d.when and d.when.precision == "day"]
    last = max(prev, key=lambda d: d.end) if prev else None
    if word in _SAME_DAY and last is not None:
        return When(last.when.start)
    if word in FESTIVALS and last is not None and _GLUE.fullmatch(norm[last.end:m.start()]):
        return When(last.when.start)
    return resolve_word(word, base)


_YEAR_WORDS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}


def _year_said(norm: str, m: re.Match, base: date | None) -> date | None:
    """The base to resolve a month and day against: one in the year 去年, 今年 … right
    before them say (去年6月28日: the year before the issue's, whatever the month)."""
    delta = _YEAR_WORDS.get(norm[max(0, m.start() - 2):m.start()])
    if base is None or delta is None or m.group("y"):
        return base
    return date(base.year + delta, 6, 30)  # (mid-year: the year is taken as it is)


def find_dates(text: str, base: date | None) -> list[DateSpan]:
    """Every date expression in ``text``, resolved against ``base`` where possible."""
    norm = fold(text)
    found: list[DateSpan] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in date_matches(norm):
        when = resolve_match(m, _year_said(norm, m, base))
        found.append(DateSpan(m.start(), m.end(), text[m.start():m.end()], when))
        taken.append((m.start(), m.end()))
    for m in LUNAR_RE.finditer(norm):
        if free(m.start(), m.end()):
            found.append(DateSpan(m.start(), m.end(), text[m.start():m.end()],
                                  resolve_lunar(m, base)))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    for m in _WORDS_RE.finditer(norm):
        if free(m.start(), m.end()):
            found.append(DateSpan(m.start(), m.end(), m.group(), _word_when(m, norm, found, base)))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def years_mentioned(text: str) -> list[int]:
    return [int(y) for y in YEAR_RE.findall(fold(text))]
