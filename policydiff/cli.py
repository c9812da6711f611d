"""The ``policydiff`` command. Errors become one line on stderr and exit code 2.

Every argument naming a document is a path (never document text, unlike ``policydiff.load``),
and every report goes out through :mod:`policydiff.writing`, so a file name that is not UTF-8
shows as replacement characters instead of stopping the write.
"""

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
        from .writing import printable
        print(printable(f"policydiff: error: {error}"), file=sys.stderr)
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
                    "the format -o's extension names (.json, .html, .md, .csv). CSV: -o "
                    "report.csv also writes report-targets.csv; without -o only the pair "
                    "table goes to stdout.")
    compare_cmd.add_argument("parent")
    compare_cmd.add_argument("derived")
    compare_cmd.add_argument("-o", "--output", help="write the report to this file")
    compare_cmd.add_argument("--format", choices=("json", "html", "md", "csv"), default=None,
                             help="report format (default: from -o's extension, else json)")
    compare_cmd.add_argument("--cutoff", type=float, default=None,
                             help="least similarity (0..1) for a one-to-one pair")
    compare_cmd.add_argument("--pins", help="JSON file: a list of [parent id, derived id] pairs")
    compare_cmd.add_argument("--no-localize", action="store_true",
                             help="treat jurisdiction terms (本市/新区…) as ordinary words")
    compare_cmd.add_argument("--lang", choices=("zh", "en"), default="zh",
                             help="labels of the HTML and Markdown reports")
    compare_cmd.add_argument("--encoding", default=None,
                             help="force the text encoding of both documents (big5, gb18030…)")
    compare_cmd.add_argument("--parent-encoding", default=None, metavar="ENCODING",
                             help="force the parent's encoding (overrides --encoding)")
    compare_cmd.add_argument("--derived-encoding", default=None, metavar="ENCODING",
                             help="force the derived document's encoding (overrides --encoding)")
    compare_cmd.add_argument("--unit", choices=("auto", "article", "paragraph", "sentence"),
                             default="auto", help="what one row compares (default: articles "
                             "for laws, paragraphs otherwise)")
    compare_cmd.set_defaults(run=_run_compare)
    _add_corpus_command(commands)
    return parser


def _run_parse(args: argparse.Namespace) -> int:
    from .loading import load_file
    from .renderers.tree import document_dict, document_text
    from .writing import write_stdout

    document = load_file(args.file, encoding=args.encoding)
    if args.format == "json":
        write_stdout(json.dumps(document_dict(document), ensure_ascii=False, indent=2) + "\n")
    else:
        write_stdout(document_text(document))
    return 0


def _run_compare(args: argparse.Namespace) -> int:
    from .comparison import DEFAULT_CUTOFF, compare
    from .errors import InputError
    from .loading import load_file
    from .writing import write_stdout, write_text

    fmt = args.format
    if fmt is None:
        suffix = args.output.lower().rsplit(".", 1)[-1] if args.output else ""
        fmt = {"html": "html", "htm": "html", "md": "md", "markdown": "md", "csv": "csv"
               }.get(suffix, "json")
    options: dict[str, object] = {"cutoff": DEFAULT_CUTOFF if args.cutoff is None else args.cutoff}
    if args.pins:
        options["pins"] = args.pins
    if args.no_localize:
        options["localize"] = False
    options["unit"] = args.unit
    if not 0.0 <= float(options["cutoff"]) <= 1.0:  # type: ignore[arg-type]
        raise InputError("--cutoff", f"must be between 0 and 1, got {args.cutoff}")
    parent = load_file(args.parent, encoding=args.parent_encoding or args.encoding)
    derived = load_file(args.derived, encoding=args.derived_encoding or args.encoding)
    comparison = compare(parent, derived, **options)  # type: ignore[arg-type]
    if fmt == "csv":
        from .renderers import frames
        if args.output:
            frames.write_csv(comparison, args.output)
            return 0
        text = frames.comparison_csv(comparison)
    elif fmt == "md":
        from .renderers.markdown import render_markdown
        text = render_markdown(comparison, lang=args.lang)
    else:
        text = comparison.to_html(lang=args.lang) if fmt == "html" else comparison.to_json()
    if args.output:
        write_text(args.output, text)
    else:
        write_stdout(text)
    return 0


def _add_corpus_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    corpus_cmd = commands.add_parser(
        "corpus", help="lineage, text reuse and a report per lineage edge over many documents",
        description="Read every document (files, or folders searched for .txt .md .html .htm "
                    ".docx), find which derives from which, compare each pair, and with -o write "
                    "lineage.json, reuse.json, corpus.json, pairs/*.html|json and index.html. "
                    "Prints a one-line summary.")
    corpus_cmd.add_argument("sources", nargs="+", metavar="DIR_OR_FILE")
    corpus_cmd.add_argument("-o", "--output", metavar="OUT_DIR", help="write the reports here")
    corpus_cmd.add_argument("--workers", type=int, default=None,
                            help="local worker processes (default: one per CPU; 1: none)")
    corpus_cmd.add_argument("--scheduler", metavar="ADDR",
                            help="run on a Dask cluster (tcp://host:8786; needs policydiff[dask])")
    corpus_cmd.add_argument("--cutoff", type=float, default=None,
                            help="least similarity (0..1) for a one-to-one pair")
    corpus_cmd.add_argument("--min-reuse", type=float, default=None,
                            help="least text reuse (0..1) for a parent no citation names")
    corpus_cmd.add_argument("--lang", choices=("zh", "en"), default="zh",
                            help="labels of the HTML pages")
    corpus_cmd.add_argument("--encoding", default=None,
                            help="force the text encoding of every document (big5, gb18030…)")
    corpus_cmd.add_argument("--quiet", action="store_true", help="no progress bars")
    corpus_cmd.set_defaults(run=_run_corpus)


def _run_corpus(args: argparse.Namespace) -> int:
    from .corpora import corpus
    from .errors import InputError
    from .writing import write_stdout

    options: dict[str, object] = {}
    for name in ("cutoff", "min_reuse"):
        value = getattr(args, name)
        if value is not None:
            if not 0.0 <= value <= 1.0:
                flag = "--" + name.replace("_", "-")
                raise InputError(flag, f"must be between 0 and 1, got {value}")
            options[name] = value
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers", f"must be at least 1, got {args.workers}")
    if args.encoding is not None:
        options["encoding"] = args.encoding  # corpus(encoding=) comes with the corpus work
    result = corpus(args.sources, workers=args.workers, scheduler=args.scheduler,
                    progress=not args.quiet, output=args.output, lang=args.lang,
                    **options)  # type: ignore[arg-type]
    edges = len(result.comparisons)
    unresolved = sum(1 for record in result.lineage if record.unresolved_cites)
    line = (f"{len(result.documents)} documents, {len(result.skipped)} skipped, {edges} lineage "
            f"edges, {unresolved} with cited parents outside the corpus, "
            f"{len(result.targets)} target changes")
    if args.output:
        index = result.write(args.output, lang=args.lang, pairs=False)  # pairs: by the workers
        line += f"; wrote {index}"
    write_stdout(line + "\n")
    return 0
