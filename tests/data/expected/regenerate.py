"""Regenerate the expected rows of every named query (queries/*.rq) on the sample corpus.

Run after the extractors change, then review the diff:
    /work/venv/bin/python tests/data/expected/regenerate.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent


def expected_rows(store, query_file: Path) -> list[list[str]]:
    """The rows of a named query, with the example bindings its ``# params:`` line gives."""
    from newsgraph.sparql import formats

    text = query_file.read_text(encoding="utf-8")
    return formats.plain_rows(formats.run(store, text,
                                          substitutions=formats.declared_params(text)))


def dump(rows: list[list[str]]) -> str:
    """One row a line, so a changed row is a one-line diff."""
    lines = ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    return f"[\n{lines}\n]\n" if rows else "[]\n"


def main() -> int:
    from newsgraph.build import build
    from newsgraph.pipeline import sample_sources
    from newsgraph.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        build(sample_sources(), Path(tmp))
        store = open_store(Path(tmp))
        for q in sorted((ROOT / "queries").glob("*.rq")):
            rows = expected_rows(store, q)
            (HERE / f"{q.stem}.json").write_text(dump(rows), encoding="utf-8")
            print(f"{q.stem}: {len(rows)} rows", file=sys.stderr)
        del store
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
