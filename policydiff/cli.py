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

    compare_cmd = commands.add_parser(
        "compare", help="compare a parent document with a derived one",
        description="Align, diff and classify PARENT against DERIVED. Writes JSON to stdout, or "
                    "the format -o's extension names (.json, .html).")
    compare_cmd.add_argument("parent")
    compare_cmd.add_argument("derived")
    compare_cmd.add_argument("-o", "--output", help="write the report to this file")
    compare_cmd.add_argument("--format", choices=("json", "html"), default=None,
                             help="report format (default: from -o's extension, else json)")
    compare_cmd.add_argument("--cutoff", type=float, default=None,
                             help="least similarity (0..1) for a one-to-one pair")
    compare_cmd.add_argument("--pins", help="JSON file: a list of [parent id, derived id] pairs")
    compare_cmd.add_argument("--no-localize", action="store_true",
                             help="treat jurisdiction terms (本市/新区…) as ordinary words")
    compare_cmd.add_argument("--lang", choices=("zh", "en"), default="zh",
                             help="labels of the HTML report")
    compare_cmd.set_defaults(run=_run_compare)
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


def _run_compare(args: argparse.Namespace) -> int:
    from .comparison import DEFAULT_CUTOFF, compare
    from .errors import InputError

    fmt = args.format
    if fmt is None:
        fmt = "html" if args.output and args.output.lower().endswith((".html", ".htm")) else "json"
    options: dict[str, object] = {"cutoff": DEFAULT_CUTOFF if args.cutoff is None else args.cutoff}
    if args.pins:
        options["pins"] = args.pins
    if args.no_localize:
        options["localize"] = False
    if not 0.0 <= float(options["cutoff"]) <= 1.0:  # type: ignore[arg-type]
        raise InputError("--cutoff", f"must be between 0 and 1, got {args.cutoff}")
    comparison = compare(args.parent, args.derived, **options)  # type: ignore[arg-type]
    text = comparison.to_html(lang=args.lang) if fmt == "html" else comparison.to_json()
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as error:
            raise InputError(args.output, f"cannot write the report ({error.strerror})") from None
    else:
        sys.stdout.write(text)
    return 0
