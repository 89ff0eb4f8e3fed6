"""Stage 3: extract mentions and relations from one document.

Each kind has one module with one job, a function ``extract(doc)`` that adds
:class:`~newsgraph.model.Mention` and :class:`~newsgraph.model.Relation` objects to the
:class:`~newsgraph.model.Doc`. Each module declares what it ``REQUIRES`` (mention types
other steps must have added first) and what it ``ASSIGNS``; :func:`pipeline` checks the
order when it is put together, the way spaCy checks its components.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from types import ModuleType

from newsgraph.model import Doc

# The steps, in the order they run.
STEPS = ("dates", "titles", "persons", "places", "organizations", "ner", "projects", "events")


class PipelineError(ValueError):
    """A step needs mention types that no earlier step assigns."""


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"newsgraph.extract.{name}")


def pipeline(steps: Iterable[str] = STEPS) -> list[Callable[[Doc], None]]:
    """The extract functions of ``steps``, checked for their requirements."""
    assigned: set[str] = set()
    out = []
    for name in steps:
        mod = _module(name)
        missing = set(getattr(mod, "REQUIRES", ())) - assigned
        if missing:
            raise PipelineError(
                f"step {name!r} requires {sorted(missing)}, assigned so far: {sorted(assigned)}"
            )
        assigned.update(getattr(mod, "ASSIGNS", ()))
        out.append(mod.extract)
    return out


_DEFAULT: list[Callable[[Doc], None]] | None = None


def run_all(docs: list[Doc]) -> list[Doc]:
    """Run every extractor on each of ``docs`` (a page's articles); a step that has a
    ``prepare(docs)`` hook first does together what it can (the tagger tags the page's
    articles in one pass), with the results it would give each doc alone; one that has a
    ``settle(docs)`` hook then mends its mentions with what the whole page tells (a name
    printed whole in one article and cut short in another)."""
    for hook in _hooks("prepare"):
        hook(docs)
    for doc in docs:
        run(doc)
    for hook in _hooks("settle"):
        hook(docs)
    return docs


def _hooks(name: str) -> list[Callable[[list[Doc]], None]]:
    """The steps' page-level hooks called ``name``, in the steps' order."""
    return [hook for step in STEPS if (hook := getattr(_module(step), name, None)) is not None]


def run(doc: Doc) -> Doc:
    """Run every extractor on ``doc`` and return it."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = pipeline()
    for step in _DEFAULT:
        step(doc)
    doc.mentions.sort(key=lambda m: (m.start, -m.end, m.type))
    return doc


def warm_up() -> None:
    """Load what every step loads on first use (models, lexicons, the gazetteer) now:
    before worker processes are forked, so that they share it instead of each loading
    its own."""
    run(Doc(text="本报讯（记者 李明）3月1日，市委书记张强在大同市调研山西华青环保股份有限公司"
                 "年产10万吨项目建设情况。", home_city="大同市"))
