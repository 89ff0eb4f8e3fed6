"""Lexicons: word lists kept as data files beside this module, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of ``<name>.txt``: one per line, ``#`` starts a comment."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        out.extend(line.split())
    return tuple(out)


@cache
def word_set(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt`` as a set, for membership tests."""
    return frozenset(words(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``<name>.tsv`` (tab separated, ``#`` comments, no header)."""
    text = resources.files(__package__).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    return tuple(
        tuple(line.split("\t"))
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def word_regex(name: str):
    """A compiled regex matching any entry of ``<name>.txt``, longest first."""
    import re

    return re.compile(alternation(words(name)))


@cache
def keyed_regex(name: str):
    """``(regex, {entry: value})`` for a two-column ``<name>.tsv`` keyed by its first column:
    the regex finds any key (longest first), the dict gives its value."""
    import re

    values = {row[0]: row[1] for row in table(name)}
    return re.compile(alternation(list(values))), values


def alternation(entries: tuple[str, ...] | list[str]) -> str:
    """A regular-expression alternation, longest first so the longest form wins."""
    import re

    return "|".join(re.escape(e) for e in sorted(set(entries), key=lambda e: (-len(e), e)))
