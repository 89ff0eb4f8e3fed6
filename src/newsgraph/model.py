"""The plain data that flows between the pipeline's stages.

read -> :class:`Page`; segment -> :class:`Article`; extract -> :class:`Doc` with
:class:`Mention` and :class:`Relation`; resolve -> :class:`Entity`; assemble -> RDF.
Nothing here knows RDF or HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Mention and entity kinds. Entity kinds are the ones that become graph nodes.
PERSON = "person"
PLACE = "place"
ORGANIZATION = "organization"
PROJECT = "project"
EVENT = "event"
TITLE = "title"
DATE = "date"
MONEY = "money"
ENTITY_KINDS = (PERSON, PLACE, ORGANIZATION, PROJECT, EVENT)


@dataclass(frozen=True)
class ContinuationMark:
    """A printed pointer to another page, e.g. （下转第三版）; recorded, never read as text."""

    text: str
    start: int  # offset in the original page text
    direction: str  # "to" (下转, 刊…版) or "from" (上接)
    page: str  # the page referred to, as printed (三, 3)


PAGE_SUFFIXES = (".txt", ".html", ".htm")  # the files a folder's pages are read from


def page_id_of(name: str) -> str:
    """The page id a file name gives: its last part without the suffix (``p01.txt``,
    ``2023-10-12/p01.html``: ``p01``)."""
    name = name.rsplit("/", 1)[-1]
    for suffix in PAGE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name


@dataclass
class Page:
    """One page of newspaper text, cleaned.

    ``text`` is the clean text: paragraphs separated by a blank line, lines inside a
    paragraph (headline and kicker) by one newline. ``origin[i]`` is the offset in
    ``raw`` of ``text[i]``, so every offset can be traced back to the file.
    """

    source: str  # file name (or "-" for standard input)
    raw: str
    text: str
    origin: list[int]
    encoding: str
    continuations: list[ContinuationMark] = field(default_factory=list)
    duplicates_removed: int = 0
    issue_date: date | None = None
    warnings: list[str] = field(default_factory=list)
    id: str = ""  # the page id, when not the file name's (:func:`page_id_of`)

    @property
    def page_id(self) -> str:
        return self.id or page_id_of(self.source)


@dataclass
class Article:
    """One separately headlined item of a page."""

    page_id: str
    index: int
    headline: str
    # Page.text[start:end] (headline lines, byline and body as printed) without the items
    # printed inside the span (a photo and its caption), and the blank lines after them
    text: str
    start: int  # offsets of the article's span in Page.text (end exclusive)
    end: int
    body: str = ""  # the body paragraphs alone
    kind: str = "news"  # news, photo, commentary, notice, feature
    kicker: str = ""
    subtitle: str = ""
    byline: str = ""
    reporters: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    dateline: str = ""
    date: date | None = None

    @property
    def article_id(self) -> str:
        return f"{self.page_id}/a{self.index:02d}"


@dataclass
class Mention:
    """A span of a document's text that names something. ``end`` is exclusive."""

    start: int
    end: int
    type: str
    text: str
    attrs: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.type)


@dataclass
class Relation:
    """A fact between two mentions (or a mention and a value) of one document.

    ``kind`` names the relation: holds_title (person -> title), participant (event ->
    person, with a role in ``attrs``), located_in (event/project/place -> place),
    organizer (event -> organization), behind (project -> organization), date (event ->
    date), amount (project -> money).
    """

    kind: str
    subject: Mention
    object: Mention
    attrs: dict = field(default_factory=dict)


@dataclass
class Doc:
    """What the extractors read and annotate: one text and its context."""

    text: str
    norm: str = ""  # same length as text, full-width forms folded for matching
    issue_date: date | None = None
    home_city: str = ""
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.norm:
            from newsgraph.read.normalize import fold

            self.norm = fold(self.text)

    def add(self, start: int, end: int, type_: str, /, **attrs) -> Mention:
        m = Mention(start, end, type_, self.text[start:end], attrs)
        self.mentions.append(m)
        return m

    def of_type(self, type_: str) -> list[Mention]:
        return [m for m in self.mentions if m.type == type_]


@dataclass
class Entity:
    """A resolved thing: one graph node, met in one or more articles."""

    kind: str  # one of ENTITY_KINDS
    key: str  # canonical key: the IRI is minted from it
    name: str
    alt_names: set[str] = field(default_factory=set)
    subtype: str = ""  # official, journalist; government, corporation; county, landmark; …
    attrs: dict = field(default_factory=dict)
    # (article_id, start, end, text) for every mention, offsets in Article.text
    mentions: list[tuple[str, int, int, str]] = field(default_factory=list)


@dataclass
class Fact:
    """A resolved relation between entities (or an entity and a value)."""

    kind: str
    subject: str  # entity key
    object: str  # entity key, or a literal value for value facts
    article_id: str
    attrs: dict = field(default_factory=dict)


@dataclass
class Corpus:
    """Everything the assembly stage turns into RDF."""

    pages: list[Page] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    home_city: str = ""
