"""Infer the date a page was printed from its text.

A masthead or folio line that prints the date with its weekday (大同日报 2024年5月20日
星期一 第2版), the weekday right for the date, gives it. Else, the rule: news is
reported the day after it happens. The dates printed in the leads of
datelined stories (本报讯…, 新华社北京2月23日电) are the freshest; the issue date is the
latest of them plus one day. The year comes from a full date printed on the page, else
from the latest year mentioned that is not a target (到2025年, 2035年远景目标).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from newsgraph.read.normalize import fold

_DATELINE = re.compile(r"本报讯|本报[^\n。]{0,12}电|社[^\n。]{0,12}电|报[^\n。]{0,12}电|通讯员")
_LEAD_CHARS = 120
_TARGET_BEFORE = ("到", "至", "争", "于", "在")
_TARGET_AFTER = ("年前", "年底前", "年远景", "年末前", "年实现", "年基本", "年全面")


# A year printed without 年 (2024新春系列活动) is followed by a word, not by a unit.
_UNITS = set("万亿千百元个人家户台吨米亩多余平方公斤件项次名位条辆只头座所份天号期批")


def _bare_year(after: str) -> bool:
    ch = after[:1]
    return "\u4e00" <= ch <= "\u9fff" and ch not in _UNITS


def page_year(text: str) -> int | None:
    from newsgraph.chrono import date_matches

    norm = fold(text)
    full = [int(m.group("y")) for m in date_matches(norm)
            if m.group("y") and m.group("y").isdigit() and m.group("d")]
    if full:
        return Counter(full).most_common(1)[0][0] if len(set(full)) > 1 else full[0]
    years = []
    for m in re.finditer(r"(?<![\d.])((?:19|20)\d\d)(?!\d)", norm):
        before = norm[max(0, m.start() - 2) : m.start()]
        after = norm[m.end() : m.end() + 4]
        if any(before.endswith(w) for w in _TARGET_BEFORE):
            continue
        if any(after.startswith(w) for w in _TARGET_AFTER):
            continue
        if after.startswith(("年", "(", "（")) or after[:1] == "届" or _bare_year(after):
            years.append(int(m.group(1)))
    return max(years) if years else None


def _month_days(segment: str) -> list[tuple[int, int]]:
    from newsgraph.chrono import cn_number, date_matches

    out = []
    for m in date_matches(segment):
        month = cn_number(m.group("m"))
        day = cn_number(m.group("d")) if m.group("d") else None
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            out.append((month, day))
    return out


FOLIO_MAX = 40  # a masthead or folio line is at most this long
_WEEKDAYS = "一二三四五六日"
_FOLIO_DATE = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日\s*\(?\s*(?:星期|周)"
                         r"([一二三四五六日天])")  # (folded: （ is ()


def masthead_date(line: str) -> date | None:
    """The date a masthead or folio line prints with its weekday (2024年5月20日 星期一),
    when the line is short, no sentence, and the weekday is the date's; else None."""
    line = line.strip()
    if len(line) > FOLIO_MAX:  # (before folding it: a page's lines are mostly long)
        return None
    line = fold(line)
    if any(ch in line for ch in ",。;"):
        return None
    m = _FOLIO_DATE.search(line)
    if not m:
        return None
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    weekday = _WEEKDAYS.index("日" if m.group(4) == "天" else m.group(4))
    return d if d.weekday() == weekday else None


def infer_issue_date(text: str) -> date | None:
    """The page's issue date, or None when the text gives too little to tell."""
    for line in text.split("\n"):
        printed = masthead_date(line)
        if printed is not None:
            return printed
    norm = fold(text)
    year = page_year(norm)
    if year is None:
        return None
    leads = []
    for m in _DATELINE.finditer(norm):
        leads.extend(_month_days(norm[m.start() : m.end() + _LEAD_CHARS]))
    candidates = leads or _month_days(norm)
    if not candidates:
        return None
    best = None
    for month, day in candidates:
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        best = d if best is None or d > best else best
    if best is None:
        return None
    return best + timedelta(days=1) if leads else best
