"""Score the extractors against gold annotations (eval/ANNOTATION.md format).

Each GOLD_DIR/*.json names its page; the page is looked up in --pages, in
GOLD_DIR/../pages, in GOLD_DIR, then among the bundled samples. A gold file that cannot
be read (or whose page cannot) is named on standard error, the others are scored, and the
exit status is 1."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ORDER = 70
HELP = "score the extractors against gold page annotations"
EXAMPLES = """example:
  newsgraph eval eval/gold            a table of P/R/F1 per kind
  newsgraph eval eval/gold --json     the same figures as JSON"""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    p.add_argument("--pages", type=Path, default=None, help="folder holding the pages")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--per-page", action="store_true", help="also print each page's table")


def run(args: argparse.Namespace) -> int:
    from newsgraph.errors import UsageError
    from newsgraph.evaluate import evaluate, table

    if not args.gold_dir.is_dir():
        raise UsageError(f"{args.gold_dir}: not a folder of gold files")
    errors: list[str] = []
    results = evaluate(args.gold_dir, args.pages, errors)
    for e in errors:  # each bad gold file is named; the others are measured
        print(f"newsgraph: error: {e}", file=sys.stderr)
    if not results:
        if errors:
            return 1
        raise UsageError(f"{args.gold_dir}: no *.json gold files")
    text, figures = table(results)
    if args.json:
        print(json.dumps(figures, indent=2, sort_keys=True))
        return 1 if errors else 0
    if args.per_page:
        for r in results:
            print(f"== {r.page}")
            print(table([r])[0])
    print(text)
    return 1 if errors else 0
