"""Canonical names: the form of a name an entity is known by across pages."""

from __future__ import annotations

from newsgraph.model import ORGANIZATION, PERSON, PLACE, Mention

# Short forms that name the home city's own bodies: 市委 -> 大同市委, 市工信局 -> 大同市工信局.
_HOME_PREFIXES = ("市",)


def canonical_name(m: Mention, home_city: str) -> str:
    """The canonical name of the entity a mention names."""
    attrs = m.attrs
    if m.type == PERSON:
        return (attrs.get("refers_to") or m.text).strip()
    if m.type == PLACE:
        return (attrs.get("name") or m.text).strip()
    if m.type == ORGANIZATION:
        name = (attrs.get("name") or m.text).strip()
        if home_city and name.startswith(_HOME_PREFIXES) and not name.startswith(home_city):
            stem = home_city[:-1] if home_city.endswith("市") else home_city
            return stem + name
        return name
    return (attrs.get("name") or m.text).strip()


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
