"""The ``policydiff`` command. Errors become one line on stderr and exit code 2.

Every argument naming a document is a path (never document text, unlike ``policydiff.load``),
and every report goes out through :mod:`policydiff.writing`, so a file name that is not UTF-8
shows as replacement characters instead of stopping the write.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import PolicydiffError


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Run from a shell (``argv`` None), it keeps the word tokens it cuts for
    the next run (:mod:`policydiff.alignment.tokenstore`) and starts numpy with one BLAS
    thread; called with arguments, as a program or test does, it leaves the disk and the
    environment alone, like the library."""
    parser = _parser()
    args = parser.parse_args(argv)
    if argv is None:
        # One BLAS thread unless the user chose: policydiff multiplies no matrices, and numpy's
        # OpenBLAS otherwise starts a thread per core at import, which on the busy 2-core test
        # machine made ``import numpy`` 210 ms instead of 133 (medians of 20 interleaved runs).
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        from .alignment import tokenstore
        tokenstore.enable()
    try:
        return int(args.run(args))
    except PolicydiffError as error:
        from .writing import printable
        print(printable(f"policydiff: error: {error}"), file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


# --- the reviewer's outputs (#12): formats, examples, --version, the "wrote" line ----------
FORMATS = {"json": "json", "html": "html", "htm": "html", "md": "md", "markdown": "md",
           "csv": "csv", "docx": "docx", "xlsx": "xlsx"}
EXAMPLES = """examples:
  policydiff compare parent.txt derived.txt -o report.html      side-by-side HTML report
  policydiff compare parent.txt derived.txt -o report.docx      对照表 for Word (A4 landscape)
  policydiff compare parent.txt derived.txt -o redline.docx --docx-layout redline
                                                               tracked changes to the parent
  policydiff compare parent.txt derived.txt -o report.xlsx      one sheet per table, filters on
  policydiff compare parent.txt derived.txt > report.json       JSON (policydiff.comparison/1)
  policydiff parse derived.txt                                 the clause tree the parser sees
  policydiff corpus docs/ -o out/                              lineage and a report per edge
"""


class _VersionAction(argparse.Action):
    """``--version``, looking the version up only when asked: ``importlib.metadata`` costs
    40 ms of every command's start-up when the parser is built with the version in it."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS,
                 help: str = "show program's version number and exit") -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0,
                         help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("policydiff")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _output_format(output: str | None, fmt: str | None) -> str:
    """The format -o's extension names (``--format`` wins); an extension it cannot write is an
    error naming the ones it can."""
    from .errors import InputError
    if fmt is not None:
        return fmt
    if not output:
        return "json"
    suffix = Path(output).suffix.lower().lstrip(".")
    if not suffix:
        return "json"                      # -o report: JSON, as without -o
    if suffix not in FORMATS:
        names = ", ".join(f".{name}" for name in FORMATS)
        raise InputError(output, f"cannot write .{suffix} reports; -o takes {names} "
                                 "(or --format)")
    return FORMATS[suffix]


def _wrote(args: argparse.Namespace, what: str) -> None:
    from .writing import printable
    if not getattr(args, "quiet", False):
        print(f"policydiff: wrote {printable(what)}", file=sys.stderr)
# --- end of the reviewer's outputs ----------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policydiff",
        description="Compare a parent policy document with a document derived from it.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", required=True)

    parse_cmd = commands.add_parser("parse", help="show the clause tree the parser sees")
    parse_cmd.add_argument("file")
    parse_cmd.add_argument("--format", choices=("text", "json"), default="text")
    parse_cmd.add_argument("--encoding", default=None, help="force a text encoding")
    parse_cmd.set_defaults(run=_run_parse)

    compare_cmd = commands.add_parser(
        "compare", help="compare a parent document with a derived one",
        description="Align, diff and classify PARENT against DERIVED. Writes JSON to stdout, or "
                    "the format -o's extension names (.json, .html, .md, .csv, .docx, .xlsx). "
                    "CSV: -o report.csv also writes report-targets.csv; without -o only the "
                    "pair table goes to stdout. Word and Excel need -o.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    compare_cmd.add_argument("parent")
    compare_cmd.add_argument("derived")
    compare_cmd.add_argument("-o", "--output", help="write the report to this file")
    compare_cmd.add_argument("--format", choices=("json", "html", "md", "csv", "docx", "xlsx"),
                             default=None,
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
    # the reviewer's outputs (#12)
    compare_cmd.add_argument("--docx-layout", choices=("table", "redline"), default="table",
                             help="Word output: the 对照表 (table) or tracked changes (redline)")
    compare_cmd.add_argument("--show-localization", action="store_true",
                             help="mark localisation edits (本市→新区) in every row instead of "
                                  "only counting them in the summary")
    compare_cmd.add_argument("-q", "--quiet", action="store_true",
                             help="no 'wrote …' line on stderr")
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
    from .writing import printable, write_stdout, write_text

    fmt = _output_format(args.output, args.format)
    if fmt in ("docx", "xlsx") and not args.output:
        raise InputError("-o", f"{fmt} reports are files: give -o report.{fmt}")
    options: dict[str, object] = {"cutoff": DEFAULT_CUTOFF if args.cutoff is None else args.cutoff}
    if args.show_localization:
        options["hide_localization"] = False
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
    if fmt in ("docx", "xlsx"):
        try:
            if fmt == "docx":
                comparison.to_docx(args.output, layout=args.docx_layout)
            else:
                comparison.to_xlsx(args.output)
        except OSError as error:
            raise InputError(printable(args.output),
                             f"cannot write the report ({error.strerror})") from None
        _wrote(args, args.output)
        return 0
    if fmt == "csv":
        from .renderers import frames
        if args.output:
            main_csv, targets_csv = frames.write_csv(comparison, args.output)
            _wrote(args, f"{main_csv} and {targets_csv}")
            return 0
        text = frames.comparison_csv(comparison)
    elif fmt == "md":
        from .renderers.markdown import render_markdown
        text = render_markdown(comparison, lang=args.lang)
    else:
        text = comparison.to_html(lang=args.lang) if fmt == "html" else comparison.to_json()
    if args.output:
        write_text(args.output, text)
        _wrote(args, args.output)
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
