"""Canonical names: the form of a name an entity is known by across pages."""

from __future__ import annotations

import re

from newsgraph.model import EVENT, ORGANIZATION, PERSON, PLACE, Mention

# Short forms that name the home city's own bodies: 市委 -> 大同市委, 市工信局 -> 大同市工信局.
_HOME_PREFIXES = ("市",)
_NOT_HOME = ("市场", "市民")  # 市场信息咨询有限公司, 市场监管局: no 市 of the home city

# A session of a people's congress or a political consultative conference, written in
# full or short: 德州市第十九届人民代表大会第五次会议 = 市十九届人大五次会议; 政协第十五届
# 德州市委员会第五次会议 = 市政协十五届五次会议 (and their standing committees' meetings)
_N = r"[0-9〇零一二三四五六七八九十百]{1,5}"
_PLACE = r"[\u4e00-\u9fff]{0,12}?"
_STANDING = r"(?P<sc>常务委员会|常委会)?"
_SESSIONS = (
    ("人大", re.compile(rf"(?P<place>{_PLACE})第?(?P<n>{_N})届(?P<place2>全国)?"
                      rf"(?:人民代表大会|人大){_STANDING}第?(?P<m>{_N})次会议")),
    ("政协", re.compile(rf"(?:中国人民政治协商会议|政协)第?(?P<n>{_N})届(?P<place>{_PLACE})"
                      rf"委员会{_STANDING}第?(?P<m>{_N})次会议")),
    ("政协", re.compile(rf"中国人民政治协商会议(?P<place>{_PLACE})第(?P<n>{_N})届委员会"
                      rf"{_STANDING}第(?P<m>{_N})次会议")),
    ("政协", re.compile(rf"(?P<place>{_PLACE})政协(?P<place2>{_PLACE})第?(?P<n>{_N})届"
                      rf"{_STANDING}第?(?P<m>{_N})次会议")),
)
_CN = "零一二三四五六七八九"
_HAN_SPACED = re.compile(r"[\u4e00-\u9fff][ \u3000]+[\u4e00-\u9fff]")
_LEVEL_WORDS = ("", "市", "省", "县", "区", "州", "盟", "旗", "自治区", "全国")


_TERM_NO = r"(?:第[一二三四五六七八九十\d]+届)?"
# a political consultative conference's committee of a term: the place's conference
_CPPCC_TERM = re.compile(rf"(?:中国人民政治协商会议|政协){_TERM_NO}"
                         rf"(?P<place>[\u4e00-\u9fff]{{1,12}}?[省市县区州旗]){_TERM_NO}委员会")
_PROVINCE_LED = re.compile(r"^[\u4e00-\u9fff]{2,3}省(?=[\u4e00-\u9fff]{2,}[市县区州旗]$)")


def canonical_name(m: Mention, home_city: str) -> str:
    """The canonical name of the entity a mention names."""
    attrs = m.attrs
    if m.type == PERSON:
        name = (attrs.get("refers_to") or m.text).strip()
        return "".join(name.split()) if _HAN_SPACED.fullmatch(name) else name  # 黄 铎
    if m.type == PLACE:
        return (attrs.get("name") or m.text).strip()
    if m.type == ORGANIZATION:
        name = (attrs.get("name") or m.text).strip()
        term = _CPPCC_TERM.fullmatch(name)
        if term:  # 政协榆林市第五届委员会, 中国人民政治协商会议第九届嘉兴市委员会: 榆林市政协
            return _PROVINCE_LED.sub("", term.group("place")) + "政协"
        if home_city and name.startswith(_HOME_PREFIXES) and not name.startswith(
                (home_city, *_NOT_HOME)):
            stem = home_city[:-1] if home_city.endswith("市") else home_city
            return stem + name
        return name
    name = (attrs.get("name") or m.text).strip()
    if m.type == EVENT:
        return session_name(name, home_city) or name
    return name


def session_name(name: str, home_city: str) -> str | None:
    """The full name of a congress's or a conference's session (or of a meeting of its
    standing committee) however it is written, or None for other names:
    市十九届人大五次会议 -> 德州市第十九届人民代表大会第五次会议 (home city 德州市)."""
    from newsgraph.chrono import cn_number
    from newsgraph.extract.places import is_place_name

    for body, rx in _SESSIONS:
        m = rx.fullmatch(name)
        if m is None:
            continue
        n, k = cn_number(m.group("n")), cn_number(m.group("m"))
        place = m.group("place") or (m.groupdict().get("place2") or "")
        if not n or not k or (m.groupdict().get("place2") and m.group("place")):
            return None
        if place not in _LEVEL_WORDS and not is_place_name(place) and not (
                home_city and place == home_city.removesuffix("市")):
            return None  # 关于市五届人大…, 先后来到市政协…: words before the name
        if home_city and place in ("市", home_city, home_city.removesuffix("市")):
            place = home_city
        standing = "常务委员会" if m.group("sc") else ""
        if body == "人大" and place == "全国":
            return f"第{_numeral(n)}届全国人民代表大会{standing}第{_numeral(k)}次会议"
        if body == "人大":
            return f"{place}第{_numeral(n)}届人民代表大会{standing}第{_numeral(k)}次会议"
        return f"政协第{_numeral(n)}届{place}委员会{standing}第{_numeral(k)}次会议"
    return None


def _numeral(n: int) -> str:
    """1..99 in Chinese numerals (十九, 二十四); larger numbers in digits."""
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
    return str(n)


def default_org(role: str, level: str) -> str:
    """The body a post belongs to when the title names none (副市长 -> 市政府)."""
    from newsgraph.lexicons import table

    for row in table("post_orgs"):
        if len(row) >= 3 and row[0] == role and row[1] in (level, "*"):
            return row[2]
    return ""


def org_type(name: str) -> str:
    """A first guess at an organisation's type from its name's last characters."""
    from newsgraph.lexicons import table

    for row in table("org_types"):
        if len(row) >= 2 and name.endswith(row[0]):
            return row[1]
    return "other"


def abridges(short: str, long: str) -> bool:
    """``short`` is the tail of ``long``, or ``long`` with words left out keeping its first
    and last two characters (乌大张合作区 for 蒙晋冀(乌大张)长城金三角合作区), not all
    of them at its end."""
    if len(short) >= len(long):
        return False
    if long.endswith(short):
        return True
    if long.startswith(short):
        return False  # 市五届人大六次会议主席团第三次会议, 华润公司大同分公司: a part of it
    if short[:2] != long[:2] or short[-2:] != long[-2:]:
        return False
    it = iter(long)
    return all(ch in it for ch in short)
