"""The command line: ``newsgraph COMMAND …``. Each command is one module here that only
parses options and calls the library."""

from __future__ import annotations

import argparse
import importlib
import sys

from newsgraph.errors import LockedError, NewsgraphError, UsageError


def commands() -> list[str]:
    """Every module of this package is a command; ``ORDER`` sorts them in --help."""
    import pkgutil

    names = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    mods = {n: importlib.import_module(f"newsgraph.cli.{n}") for n in names}
    return sorted(names, key=lambda n: (getattr(mods[n], "ORDER", 50), n))

EPILOG = """examples:
  newsgraph build                      build the bundled sample pages into output/
  newsgraph build pages/ -o out        build every page file (*.txt, *.html) below pages/ into out/
  echo '市委副书记、市长张强主持会议。' | newsgraph mentions -
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors exit 2 with the message
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="newsgraph", description="Turn Chinese newspaper pages into an RDF "
                "knowledge graph (Turtle, SPARQL, an interactive HTML view).",
                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    from newsgraph import __version__

    p.add_argument("--version", action="version", version=f"newsgraph {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in commands():
        mod = importlib.import_module(f"newsgraph.cli.{name}")
        sp = sub.add_parser(name, help=mod.HELP, description=mod.__doc__,
                            epilog=getattr(mod, "EXAMPLES", None),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
        mod.configure(sp)
        sp.set_defaults(run=mod.run)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not getattr(args, "run", None):
        parser().print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except (UsageError, LockedError) as exc:
        print(f"newsgraph: error: {exc}", file=sys.stderr)
        return 2
    except NewsgraphError as exc:
        print(f"newsgraph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsgraph query … | head`: the reader left, not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
