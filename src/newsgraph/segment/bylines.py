"""Bylines, datelines and photo credits: who wrote or shot an article.

Recognises 本报讯(记者 宋芳), □本报记者 纪元元, □ 本报记者 何婧 / 通讯员 常占库 赵丽,
本报记者 张占兵摄, 新华社记者 杨文斌摄, 摄影：孙润先, (段俊峰 摄), (郝雨) at a paragraph's end,
新华社北京2月23日电, 保定8月13日电 记者 高红超; a role may name its outlet (光明日报通讯员).
"""

from __future__ import annotations

import re

from newsgraph.lexicons import word_set
from newsgraph.read.normalize import fold

ROLES = ("特约记者", "见习记者", "实习记者", "首席记者", "全媒体记者", "融媒体记者", "评论记者",
         "通讯员", "实习生", "记者", "摄影", "作者")
# a role may name its outlet: 本报记者, 新华社记者, 光明日报通讯员, 极目新闻记者
_OUTLET_ENDS = "网|台|报|社|客户端"  # the last word of an outlet's name (日报, 新华社, 新闻网)
_OUTLET = rf"[\u4e00-\u9fff]{{1,8}}?(?:{_OUTLET_ENDS}|新闻)"  # (中国发展改革报社)
_ROLE_RE = rf"(?:{_OUTLET})?(?:{'|'.join(ROLES)})"
# a name, or a two-character one printed spaced to the width of three (黄 铎)
_NAME = r"(?:[\u4e00-\u9fff·]{2,5}|[\u4e00-\u9fff][ \u3000]{1,2}[\u4e00-\u9fff](?![\u4e00-\u9fff]))"
_SPACED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]{1,2}"
                          r"([\u4e00-\u9fff])(?![\u4e00-\u9fff])")
_NAMES = rf"{_NAME}(?:[ \u3000、，,]+{_NAME})*"

# A byline block: optional box, one or more "role names" groups, optional 摄 (photo credit).
# (文/记者 刘晓婷 图/通讯员 韩雅雯: who wrote and who shot, each with a role)
# (文/图 本报记者 王尚锋, 记者 弓华静 文/图: one who wrote and shot it)
_WORK = r"(?:(?:文/图|图/文)\s*|(?:文|图|图文|文图)/)"
BYLINE_RE = re.compile(
    rf"^[□■◇◆●]?\s*(?:(?:{_WORK})?(?:{_ROLE_RE})\s*{_NAMES}\s*)+"
    rf"(?:摄|摄影|报道|文/图|图/文)?$"
)
CREDIT_RE = re.compile(rf"^(?:(?:{_ROLE_RE})\s*{_NAMES}\s*)+(?:摄|摄影)$")
# 陈杰 摄: names without a role, each a surname and one or two characters, apart from 摄
# (刘通 王中勋摄, 井娇摄影报道: 摄 may follow the last name, or 摄影报道)
_BARE_CREDIT = (r"[\u4e00-\u9fff]{2,3}(?:[ \u3000、]+[\u4e00-\u9fff]{2,3}){0,3}"
                r"[ \u3000]*(?:摄影报道|摄)")
_BARE_CREDIT_END = re.compile(r"[ \u3000]*(?:摄影报道|摄)$")
BARE_CREDIT_RE = re.compile(rf"^({_BARE_CREDIT})$")
# 黄河新闻网临汾频道 李现俊 侯明杰 摄: an outlet's name, apart, before its photographers
OUTLET_CREDIT_RE = re.compile(rf"^[\u4e00-\u9fff]{{1,10}}(?:{_OUTLET_ENDS}|频道)[ \u3000]+"
                              rf"({_NAMES})[ \u3000]*(?:摄|摄影)$")
# 齐鲁晚报·齐鲁壹点 国晓宁: an outlet's name (or two), apart, before its reporters
_OUTLET_NAME = rf"[\u4e00-\u9fff]{{1,10}}(?:{_OUTLET_ENDS}|频道|壹点|新闻|发布)"
OUTLET_BYLINE_RE = re.compile(rf"^{_OUTLET_NAME}(?:·{_OUTLET_NAME})*[ \u3000]+({_NAMES})$")
# 摄影：孙润先, 图：孙润先 (a credit naming its photographers after a colon)
COLON_CREDIT_RE = re.compile(rf"^(?:摄影|图片|图)\s*:\s*({_NAMES})$")
# a credit printed at the end of its caption's line, after the caption's last sentence
# (or after a space: 平城区十四校举办开学典礼 记者 戎禹仁 摄, 垃圾遍地 张鑫 摄)
_TRAILING_CREDIT = re.compile(rf"(?:(?<=[。！？”!?])[ \u3000]*|[ \u3000]+)"
                              rf"((?:(?:{_ROLE_RE})\s*{_NAMES}\s*)+(?:摄|摄影)|{_BARE_CREDIT})"
                              r"[ \u3000]*$")
# 本报讯(记者 宋芳) / 本报讯（记者 李雪峰 韩云峰） / 本报讯 记者王丽娟报道： / 新华社北京2月23日电
# / 本报太原3月1日电 / 大同新闻网讯:
DATELINE_RE = re.compile(
    r"^(?:本报讯\s*(?:\((?P<inner>[^)]{0,80})\)"
    rf"|(?P<inner3>(?:{_ROLE_RE})[^,，。:：()]{{1,30}}?)报道\s*[:：]?)?"
    # a wire's: 新华社北京2月23日电（记者 …）, 保定8月13日电 记者 高红超 崔涛
    r"|[\u4e00-\u9fff]{2,12}?\d{1,2}月\d{1,2}日电"
    rf"(?:\s*\((?P<inner2>[^)]{{0,80}})\)|[ \u3000]+(?P<inner5>{_ROLE_RE}\s*{_NAME}"
    rf"(?:[ \u3000]+{_NAME})*)(?=\s|$))?"
    # another paper's or site's: 政商在线山西讯:…, 云冈区融媒体中心讯(记者 张三)
    rf"|[\u4e00-\u9fff]{{0,8}}(?:{_OUTLET_ENDS}|中心|在线|频道)[\u4e00-\u9fff]{{0,4}}?讯"
    r"(?:\s*\((?P<inner4>[^)]{0,80})\)|\s*:))"
)
# □苗露 赵阳: a box before bare names, each a surname and a given name
_BOXED_NAMES = re.compile(r"^[□■◇◆●]\s*([\u4e00-\u9fff]{2,3}"
                          r"(?:[ \u3000、，,]+[\u4e00-\u9fff]{2,3}){0,3})$")
# □本报评论员, □绵阳市新闻传媒中心全媒评论员: a commentary's byline, naming no one
_BOXED_COMMENTATOR = re.compile(r"^[□■◇◆●]\s*[\u4e00-\u9fff]{0,16}评论员$")
_GROUP_RE = re.compile(rf"({_ROLE_RE})\s*({_NAMES})")
_REPORTED = re.compile(r"(?<!摄影)[ \u3000]*报道$")  # a byline's 报道 (not 摄影报道)


def _split_names(names: str) -> list[str]:
    return [n for n in re.split(r"[\s\u3000、，,]+", names.strip()) if n]


def role_of(word: str) -> str:
    """A byline's role word (光明日报通讯员: its outlet named) as a role."""
    if word.endswith("通讯员"):
        return "correspondent"
    if word.endswith("摄影"):
        return "photographer"  # 摄影 戎禹仁 于宏, 新华社摄影 …
    if word.endswith("实习生"):
        return "intern"
    return "reporter"


def parse_people(text: str) -> list[tuple[str, str]]:
    """(name, role) pairs in a byline or credit; role is reporter, correspondent,
    photographer or intern."""
    line = fold(text).strip()
    if names := _boxed_names(line) or _spaced_alone(line):
        return [(n, "reporter") for n in names]
    folded = _SPACED_NAME.sub(r"\1\2", line.lstrip("□■◇◆● "))
    if m := COLON_CREDIT_RE.match(folded) or OUTLET_CREDIT_RE.match(folded):
        return [(n, "photographer") for n in _split_names(m.group(1))]
    if names := _outlet_byline(folded):
        return [(n, "reporter") for n in names]
    if BARE_CREDIT_RE.match(folded) and not CREDIT_RE.match(folded):
        return [(n, "photographer") for n in bare_names(folded)]
    folded = _REPORTED.sub("", folded)  # 记者 王嘉琪 报道: 报道 names no one
    photo = folded.endswith(("摄", "摄影"))
    if photo:
        folded = folded[:-2] if folded.endswith("摄影") else folded[:-1]
    out: list[tuple[str, str]] = []
    role = ""
    spaced = re.sub(rf"({_WORK}|{_ROLE_RE})", r" \1 ", folded)
    shot = False  # 图/通讯员 韩雅雯: the role's names are photographers
    for token in _split_names(spaced):
        if re.fullmatch(_WORK, token):
            shot = token.startswith("图") and token != "图文/"
        elif re.fullmatch(_ROLE_RE, token):
            role, shot = "photographer" if shot else role_of(token), False
        elif role and re.fullmatch(_NAME, token):
            out.append((token, "photographer" if photo and role != "correspondent" else role))
    return out


def is_byline(block: str, folded: str | None = None) -> bool:
    """``folded``: ``fold(block)`` when the caller has it."""
    folded = fold(block) if folded is None else folded
    lines = [x.strip() for x in folded.split("\n") if x.strip()]
    return bool(lines) and all(BYLINE_RE.match(x) or _outlet_byline(x) or _boxed_names(x)
                               or _BOXED_COMMENTATOR.match(x) or _spaced_alone(x)
                               for x in lines)


def _spaced_alone(line: str) -> list[str]:
    """The writer of a line that is only a two-character name spaced to the width of
    three (陈　凯)."""
    m = _SPACED_NAME.fullmatch(line.strip())
    return [m.group(1) + m.group(2)] if m and m.group(1) in word_set("surnames") else []


def _boxed_names(line: str) -> list[str]:
    """The reporters of a boxed byline of bare names (□苗露 赵阳)."""
    return _matched_names(_BOXED_NAMES, line)


def _outlet_byline(line: str) -> list[str]:
    """The reporters of an outlet's byline (齐鲁晚报·齐鲁壹点 国晓宁)."""
    return _matched_names(OUTLET_BYLINE_RE, line)


def _matched_names(rx: re.Pattern, line: str) -> list[str]:
    """The names ``rx``'s first group holds in ``line``, if it matches and each reads as a
    name, else none."""
    m = rx.match(line)
    names = _split_names(m.group(1)) if m else []
    return names if names and all(map(_name_like, names)) else []


def bare_names(credit: str) -> list[str]:
    """The names of a credit without a role (陈杰 摄), if each reads as a name."""
    names = _split_names(_BARE_CREDIT_END.sub("", credit.rstrip(" \u3000")))
    return names if all(map(_name_like, names)) else []


def is_credit(block: str, folded: str | None = None) -> bool:
    folded = (fold(block) if folded is None else folded).strip()
    if CREDIT_RE.match(folded) or COLON_CREDIT_RE.match(folded):
        return True
    if m := OUTLET_CREDIT_RE.match(folded):
        return all(map(_name_like, _split_names(m.group(1))))
    return bool(BARE_CREDIT_RE.match(folded)) and bool(bare_names(folded))


_PAREN_CREDIT = re.compile(r"(?:^|(?<=[。！？”!?\n]))[ \u3000]*\([ \u3000]*([^()\n]{2,40}?)"
                           r"[ \u3000]*\)[ \u3000]*$")
_PHOTO = re.compile(rf"({_NAMES})[ \u3000]*(?:摄|摄影)")
_ROLES_NAMES = re.compile(rf"(?:(?:{_ROLE_RE})\s*{_NAMES}\s*)+")
_ROLE_LED = re.compile(rf"(?:{_ROLE_RE})[ \u3000]")
_SENT_BY = re.compile(rf"^{_OUTLET}发[ \u3000]+")  # 新华社发: a wire's picture
_WRITTEN_BY = re.compile(r"(文/图|图/文|文图|图文|文|图)(?:\s*[/:]\s*|\s+)")
_BARE_NAMES = re.compile(r"[\u4e00-\u9fff]{2,3}(?:[ \u3000、，,]+[\u4e00-\u9fff]{2,3}){0,3}")


def _name_like(name: str) -> bool:
    """A name in a credit without a role: it starts with a surname and is no word of
    jieba's dictionary but a person's name (全文, 草案, 场景 are words)."""
    from newsgraph.extract.titles import tag  # jieba's dictionary, read once

    first = word_set("surnames")
    return (name[:1] in first or name[:2] in first) and tag(name) in (None, "nr", "nrfg")


def _credited(inner: str) -> list[tuple[str, str]]:
    """The people of a bracketed credit: (段俊峰 摄) photographers, (记者 张三 通讯员
    李四) by their roles, (郝雨), (文/孙权 符烨邦) reporters and (图/陈杰) photographers
    when each bare name starts with a surname. A role before the names is no name
    ((通讯员 黄戡凌 摄)); nor is the wire that sent the picture ((新华社发 刘满仓 摄))."""
    inner = _SENT_BY.sub("", inner)
    if _ROLE_LED.match(inner) and _ROLES_NAMES.match(inner):
        return parse_people(inner)
    if m := _PHOTO.fullmatch(inner):
        return [(n, "photographer") for n in _split_names(m.group(1))]
    if _ROLES_NAMES.fullmatch(inner):
        return parse_people(inner)
    role = "reporter"
    if m := _WRITTEN_BY.match(inner):  # 文/孙权 符烨邦, 图/陈杰
        role = "photographer" if m.group(1) == "图" else "reporter"
        inner = inner[m.end():]
    if _BARE_NAMES.fullmatch(inner):
        names = _split_names(inner)
        if all(map(_name_like, names)):
            return [(n, role) for n in names]
    return []


def paren_credit(block: str) -> tuple[int, list[tuple[str, str]]] | None:
    """A credit in brackets ending a block: a photo credit ((段俊峰 摄), …陪同。（段俊峰
    摄）) or the writer's name (…平稳发展。（郝雨）, （记者 张三）): where it starts and
    its people, or None. ``block``: folded."""
    if not block.rstrip(" \u3000").endswith(")"):
        return None  # (most blocks: the search would try every position)
    m = _PAREN_CREDIT.search(block)
    if not m:
        return None
    people = _credited(m.group(1))
    return (m.start(), people) if people else None


def trailing_credit(line: str) -> int | None:
    """Where a photo credit printed at the end of a caption's line starts (图为…晨练。
    本报记者 郭钧 摄, …场景。陈杰 摄), or None. ``line``: folded."""
    if not line.rstrip(" \u3000").endswith("摄"):
        return None  # (most lines: the search would try every position)
    if is_credit(line):
        return None  # 刘通 王中勋摄: the whole line is the credit
    m = _TRAILING_CREDIT.search(line)
    if m is None or not (CREDIT_RE.match(m.group(1)) or bare_names(m.group(1))):
        return None
    return m.start(1)


def dateline(paragraph: str, folded: str | None = None
             ) -> tuple[str, list[tuple[str, str]]] | None:
    """The dateline at the start of a paragraph and the people it names, or None."""
    folded = fold(paragraph) if folded is None else folded
    m = DATELINE_RE.match(folded)
    if not m:
        return None
    inner = (m.group("inner") or m.group("inner2") or m.group("inner3") or m.group("inner4")
             or m.group("inner5") or "")
    return paragraph[: m.end()], (_credited(inner) or parse_people(inner)) if inner else []


_BOXED = re.compile(rf"^[□■◇◆●]?\s*(?:(?:{_ROLE_RE})\s*(?:{_NAME}(?:\s+|(?=\d)))+)+")


def byline_prefix(paragraph: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A byline run into the text after it (□本报记者 郝雨 筑牢…, from a page without
    line breaks): the byline part and its people. Names must end at a space or before
    the text's first date (□本报记者 贺美晓9月23日，…)."""
    m = _BOXED.match(fold(paragraph))
    if not m:
        return None
    return paragraph[: m.end()], parse_people(m.group())
