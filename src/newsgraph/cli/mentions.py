"""Print the mentions the extractors find, one JSON object per input line.

Reads UTF-8 text, one document per line; offsets are in code points, end exclusive. A
line that is not UTF-8 gets {"error": …} in its place (and a message naming it on
standard error); the other lines are read, and the exit status is 1."""

from __future__ import annotations

import argparse
import json
import sys

ORDER = 60
HELP = "print the mentions found in each line of text, as JSON lines"
EXAMPLES = """example:
  echo '市委副书记、市长张强在大同主持会议。' | newsgraph mentions -
  {"mentions": [{"start": 0, "end": 5, "type": "title", "text": "市委副书记"}, …]}"""


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-",
                   help="a UTF-8 text file, one document per line (default: standard input)")
    p.add_argument("--home-city", default="大同市", help="what 我市/本市 mean")
    p.add_argument("--date", default=None, help="issue date for relative dates (YYYY-MM-DD)")


def mentions_of(line: str, *, home_city: str, issue_date=None) -> list[dict]:
    from newsgraph import extract
    from newsgraph.model import Doc

    doc = extract.run(Doc(text=line, issue_date=issue_date, home_city=home_city))
    return [{"start": m.start, "end": m.end, "type": m.type, "text": m.text}
            for m in doc.mentions]


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from newsgraph.errors import UsageError

    issue = date.fromisoformat(args.date) if args.date else None
    name = "standard input" if args.file == "-" else args.file
    try:
        stream = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")
    except OSError as exc:
        raise UsageError(f"{args.file}: {exc.strerror}") from exc
    bad = 0
    with stream:
        for number, raw in enumerate(stream, 1):
            try:
                line = raw.decode("utf-8").rstrip("\n").rstrip("\r")
            except UnicodeDecodeError as exc:  # this line is reported; the others go on
                bad += 1
                error = (f"{name} line {number}: not UTF-8 text "
                         f"(byte 0x{raw[exc.start]:02x} at byte {exc.start + 1} of the line)")
                print(f"newsgraph: error: {error}", file=sys.stderr)
                sys.stdout.write(json.dumps({"error": error}, ensure_ascii=False) + "\n")
                continue
            found = mentions_of(line, home_city=args.home_city, issue_date=issue)
            sys.stdout.write(json.dumps({"mentions": found}, ensure_ascii=False) + "\n")
    return 1 if bad else 0
