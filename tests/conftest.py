"""Shared fixtures: one build of the sample pages per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where everything must be installed."""
    if not condition:
        if IN_CI:
            pytest.fail(f"required in CI: {reason}")
        pytest.skip(reason)


def spans_agree(page, arts) -> None:
    """An article's text is its span of the page, but for the items printed inside it (a
    photo), which are left out with the blank lines after them."""
    for a in arts:
        span = page.text[a.start : a.end]
        inner = sorted(b.start for b in arts if b is not a and a.start < b.start < a.end)
        if not inner:
            assert a.text == span
            continue
        assert len(a.text) < len(span) and a.text.startswith(page.text[a.start : inner[0]])
        rest = iter(span)
        assert all(ch in rest for ch in a.text)  # in order, out of the span


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory) -> Path:
    """The sample pages built into a fresh folder (through the library's build)."""
    from newsgraph.build import build
    from newsgraph.pipeline import sample_sources

    out = tmp_path_factory.mktemp("sample-build")
    build(sample_sources(), out)
    return out


@pytest.fixture(scope="session")
def sample_graph(sample_build):
    import rdflib

    g = rdflib.Graph()
    g.parse(sample_build / "graph.ttl", format="turtle")
    return g


def which(name: str) -> str | None:
    return shutil.which(name)
