"""The ``policydiff`` command. Errors become one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import PolicydiffError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except PolicydiffError as error:
        print(f"policydiff: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policydiff",
        description="Compare a parent policy document with a document derived from it.")
    commands = parser.add_subparsers(dest="command", required=True)

    parse_cmd = commands.add_parser("parse", help="show the clause tree the parser sees")
    parse_cmd.add_argument("file")
    parse_cmd.add_argument("--format", choices=("text", "json"), default="text")
    parse_cmd.add_argument("--encoding", default=None, help="force a text encoding")
    parse_cmd.set_defaults(run=_run_parse)
    return parser


def _run_parse(args: argparse.Namespace) -> int:
    from .loading import load
    from .renderers.tree import document_dict, document_text

    document = load(args.file, encoding=args.encoding)
    if args.format == "json":
        sys.stdout.write(json.dumps(document_dict(document), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(document_text(document))
    return 0
