"""``policydiff.corpus``: lineage, reuse and a comparison per lineage edge over many documents.

The run has three steps: load and sketch every document (in parallel), infer lineage in this
process (:mod:`policydiff.lineage`, cheap), compare every (parent, derived) edge (in parallel).
Work goes to local processes by default, to any :class:`concurrent.futures.Executor`, or to a
Dask cluster; results are sorted, so they do not depend on the number of workers or on the
order in which tasks finish.

>>> import policydiff
>>> corpus = policydiff.corpus(["examples/tianjin"], workers=1, progress=False)
>>> [p.source for p in corpus.parents("examples/tianjin/2019-binhai-certification-plan.txt")]
['examples/tianjin/2018-tianjin-city-certification-plan.txt']
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeVar

from . import lineage as lineage_module
from .comparison import DEFAULT_CUTOFF, Comparison, compare
from .document import Document
from .errors import InputError, PolicydiffError
from .execution import executor_for as _executor
from .execution import is_terminal
from .execution import run as _run
from .folders import SUFFIXES
from .folders import expand as _expand
from .lineage import DEFAULT_MIN_REUSE, Lineage, Parent, Reuse, Sketch
from .loading import load
from .targets import TargetChange
from .writing import printable

if TYPE_CHECKING:
    import pandas

__all__ = ["FORMAT", "SUFFIXES", "Corpus", "corpus"]

FORMAT = "policydiff.corpus/1"
Source = str | os.PathLike[str] | Document
Edge = tuple[str, str, Comparison]
"""(parent source, derived source, comparison)."""
Target = tuple[str, str, TargetChange]
"""(parent source, derived source, a tightened, loosened or rescaled target)."""
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Corpus:
    """The documents of a corpus, their lineage and reuse, and a comparison per lineage edge.

    Every tuple is sorted: documents and lineage by source, reuse by (document, other),
    comparisons and targets by (parent, derived).
    """

    documents: tuple[Document, ...]
    lineage: tuple[Lineage, ...]
    reuse: tuple[Reuse, ...]
    """Sparse: pairs where at least 5% of the document's shingles are found in the other."""
    comparisons: tuple[Edge, ...]
    skipped: tuple[tuple[str, str], ...]
    """(source, why) for every file that could not be read."""
    targets: tuple[Target, ...]
    cutoff: float = DEFAULT_CUTOFF
    min_reuse: float = DEFAULT_MIN_REUSE
    duplicates: tuple[tuple[str, str], ...] = ()
    """(source, the document with the same text it duplicates): also in ``skipped``."""
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update((record.source, i) for i, record in enumerate(self.lineage))

    @property
    def chains(self) -> tuple[tuple[str, ...], ...]:
        """Every lineage path of three documents or more from a document without parents to
        one without children (national → province/city → district), as sources."""
        return lineage_module.chains(self.lineage)

    def chain_targets(self, chain: Sequence[str]) -> tuple[ChainTarget, ...]:
        """How each target changed along ``chain``: for every metric a comparison along it
        restates, its value in each document (``None`` where a step does not restate it) and
        the direction of each step (``None`` likewise). A step follows a metric when its
        parent value is the previous step's derived value."""
        rows: list[ChainTarget] = []
        steps = len(chain) - 1
        for step, (parent, derived) in enumerate(pairwise(chain)):
            try:
                changes = self.comparison(parent, derived).targets
            except KeyError:
                continue
            for change in changes:
                row = next((r for r in rows if r.metric == change.metric
                            and r.values[step] == change.before.text
                            and r.values[step + 1] is None), None)
                if row is None:
                    values: list[str | None] = [None] * (steps + 1)
                    values[step] = change.before.text
                    row = ChainTarget(change.metric, values, [None] * steps)
                    rows.append(row)
                row.values[step + 1] = change.after.text
                row.directions[step] = change.direction
        return tuple(r for r in rows if any(d is not None for d in r.directions))

    def document(self, source: str) -> Document:
        """The document read from ``source``; ``KeyError`` names the source when there is none."""
        try:
            return self.documents[self._index[source]]
        except KeyError:
            raise KeyError(f"no document {source!r} in the corpus") from None

    def parents(self, source: str) -> tuple[Parent, ...]:
        """The parents of the document read from ``source``."""
        self.document(source)
        return self.lineage[self._index[source]].parents

    def comparison(self, parent: str, derived: str) -> Comparison:
        """The comparison of a lineage edge; ``KeyError`` when it is not an edge."""
        for edge_parent, edge_derived, comparison in self.comparisons:
            if (edge_parent, edge_derived) == (parent, derived):
                return comparison
        raise KeyError(f"{parent!r} → {derived!r} is not a lineage edge")

    # --- data ----------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The ``policydiff.corpus/1`` summary as plain data (fixed key order)."""
        names = report_names(self)
        return {
            "format": FORMAT,
            "cutoff": self.cutoff,
            "min_reuse": self.min_reuse,
            "documents": [_document_dict(d) for d in self.documents],
            "lineage": [record.to_dict() for record in self.lineage],
            "reuse": [record.to_dict() for record in self.reuse],
            "comparisons": [{"parent": parent, "derived": derived,
                             "report": names[(parent, derived)],
                             "summary": _summary_dict(comparison)}
                            for parent, derived, comparison in self.comparisons],
            "targets": [{"parent": parent, "derived": derived, **change.to_dict()}
                        for parent, derived, change in self.targets],
            "skipped": [{"source": source, "reason": reason} for source, reason in self.skipped],
            "duplicates": [{"source": source, "same_as": original}
                           for source, original in self.duplicates],
            "chains": [list(chain) for chain in self.chains],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    def lineage_frame(self) -> pandas.DataFrame:
        """One row per (document, parent); a document without parents has one row with no
        parent (needs the ``pandas`` extra)."""
        import pandas

        rows = []
        for record in self.lineage:
            base = {"source": record.source, "title": record.title,
                    "doc_number": record.doc_number,
                    "unresolved_cites": "；".join(record.unresolved_cites)}
            for parent in record.parents or (None,):
                rows.append({**base, "parent": parent and parent.source,
                             "reuse": parent and parent.reuse, "cited": parent and parent.cited})
        columns = ["source", "title", "doc_number", "parent", "reuse", "cited",
                   "unresolved_cites"]
        frame = pandas.DataFrame.from_records(rows, columns=columns)
        return frame.astype({"reuse": "Float64", "cited": "boolean"})

    def reuse_frame(self) -> pandas.DataFrame:
        """One row per reuse record: ``document``, ``other``, ``share``."""
        import pandas

        return pandas.DataFrame.from_records(
            [record.to_dict() for record in self.reuse], columns=["document", "other", "share"]
        ).astype({"share": "float64"})

    def targets_frame(self) -> pandas.DataFrame:
        """The corpus-wide targets table: ``parent`` and ``derived`` sources, then the columns of
        :meth:`Comparison.to_dataframe`'s targets table (metric, direction, before, after…)."""
        import pandas

        from .renderers.frames import targets_frame

        frames = []
        for parent, derived, comparison in self.comparisons:
            frame = targets_frame(comparison)
            frame = frame[frame["direction"].isin(["tightened", "loosened", "rescaled"])]
            frame.insert(0, "derived", derived)
            frame.insert(0, "parent", parent)
            frames.append(frame)
        if not frames:
            return pandas.DataFrame(columns=["parent", "derived", "metric", "direction"])
        return pandas.concat(frames, ignore_index=True)

    # --- files ---------------------------------------------------------------------------------

    def to_html(self, *, lang: str = "zh") -> str:
        """The index page: lineage table, reuse heat map, links to the pair reports (written
        by :meth:`write`), the targets table and the skipped files."""
        from .renderers.corpus_index import render_index

        return render_index(self, report_names(self), lang=lang)

    def write(self, out_dir: str | os.PathLike[str], *, lang: str = "zh",
              pairs: bool = True) -> Path:
        """Write ``lineage.json``, ``reuse.json``, ``corpus.json``, a report per lineage edge
        (``pairs/<parent stem>__<derived stem>.html`` and ``.json``; not with ``pairs=False``,
        when :func:`corpus` wrote them with ``output=``) and ``index.html``; returns the
        index's path."""
        out = Path(out_dir)
        try:
            (out / "pairs").mkdir(parents=True, exist_ok=True)
            names = report_names(self)
            _write(out / "lineage.json", _dumps([r.to_dict() for r in self.lineage]))
            _write(out / "reuse.json", _dumps([r.to_dict() for r in self.reuse]))
            _write(out / "corpus.json", self.to_json())
            for parent, derived, comparison in self.comparisons if pairs else ():
                name = names[(parent, derived)]
                _write(out / "pairs" / f"{name}.html", comparison.to_html(lang=lang))
                _write(out / "pairs" / f"{name}.json", comparison.to_json())
            index = out / "index.html"
            _write(index, self.to_html(lang=lang))
        except OSError as error:
            raise InputError(str(out), f"cannot write the corpus report ({error.strerror})"
                             ) from None
        return index


@dataclass(slots=True)
class ChainTarget:
    """One metric followed along a chain (see :meth:`Corpus.chain_targets`)."""

    metric: str
    values: list[str | None]
    directions: list[str | None]


def corpus(sources: Iterable[Source] | Source, *, executor: Executor | None = None,
           scheduler: Any = None, workers: int | None = None, progress: bool = True,
           cutoff: float = DEFAULT_CUTOFF, min_reuse: float = DEFAULT_MIN_REUSE,
           encoding: str | None = None, output: str | os.PathLike[str] | None = None,
           lang: str = "zh") -> Corpus:
    """Load a corpus, infer which document derives from which, and compare every edge.

    ``sources`` are files, directories (searched recursively for .txt .md .html .htm .docx;
    README files are left out) or :class:`Document` values. A file that cannot be read is
    listed in ``Corpus.skipped`` with the reason; it never stops the run.

    Work runs in ``workers`` local processes (default: one per CPU; ``1`` runs it in this
    process), in ``executor`` (any :class:`concurrent.futures.Executor`), or on a Dask cluster:
    ``scheduler`` is its address (``"tcp://host:8786"``) or a ``dask.distributed.Client``
    (needs the ``policydiff[dask]`` extra). ``progress`` shows progress bars on stderr when it
    is a terminal. ``cutoff`` goes to :func:`policydiff.compare`; ``min_reuse`` is the least
    reuse for a parent found by text alone. ``encoding`` is every file's encoding (default:
    detected per file). With ``output``, the workers write each edge's pair reports
    (``pairs/*.html|json`` in ``lang``) as they compare; :meth:`Corpus.write` with
    ``pairs=False`` then writes the rest.

    >>> import policydiff
    >>> corpus = policydiff.corpus(["examples/tianjin"], workers=1, progress=False)
    >>> len(corpus.comparisons)
    1
    """
    if not 0.0 <= cutoff <= 1.0:
        raise ValueError(f"cutoff must be between 0 and 1, got {cutoff!r}")
    if not 0.0 <= min_reuse <= 1.0:
        raise ValueError(f"min_reuse must be between 0 and 1, got {min_reuse!r}")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ValueError(f"workers must be a positive integer, got {workers!r}")
    if executor is not None and scheduler is not None:
        raise ValueError("give executor= or scheduler=, not both")
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    pairs_dir = None if output is None else Path(output) / "pairs"
    if pairs_dir is not None:
        try:
            pairs_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise InputError(str(output), f"cannot write the corpus report ({error.strerror})"
                             ) from None
    if isinstance(sources, str | os.PathLike | Document):
        sources = [sources]
    paths, given, skipped = _expand(sources)
    with ExitStack() as stack:
        pool = stack.enter_context(_executor(executor, scheduler, workers))
        show = progress and _is_terminal()
        loaded = _run(pool, _load, [(path, encoding) for path in paths], "reading", show)
        sketched = [(d, lineage_module.sketch(d)) for d in given]
        for path, (document, sketch, problem) in zip(paths, loaded, strict=True):
            if document is None:
                skipped.append((path, problem or "cannot be read"))
            else:
                sketched.append((document, sketch))  # type: ignore[arg-type]
        documents, sketches, duplicates = _unique(sketched, skipped)
        lineage, reuse = lineage_module.infer(documents, sketches, min_reuse=min_reuse)
        by_source = {d.source: d for d in documents}
        edges = sorted((parent.source, record.source)
                       for record in lineage for parent in record.parents)
        names = _edge_names(edges)
        tasks = [(by_source[parent], by_source[derived], cutoff,
                  None if pairs_dir is None else str(pairs_dir / names[(parent, derived)]),
                  lang) for parent, derived in edges]
        compared = _run(pool, _compare, tasks, "comparing", show)
    comparisons = tuple((parent, derived, comparison)
                        for (parent, derived), comparison in zip(edges, compared, strict=True))
    targets = tuple((parent, derived, change) for parent, derived, comparison in comparisons
                    for change in comparison.targets
                    if change.direction in ("tightened", "loosened", "rescaled"))
    return Corpus(tuple(documents), lineage, reuse, comparisons, tuple(sorted(skipped)), targets,
                  cutoff, min_reuse, tuple(duplicates))


# --- inputs ------------------------------------------------------------------------------------

def _unique(sketched: list[tuple[Document, Sketch]], skipped: list[tuple[str, str]]
            ) -> tuple[list[Document], list[Sketch], list[tuple[str, str]]]:
    """Documents sorted by source; a second document with a source already seen is skipped,
    and so is one with the same text as an earlier one (listed as its duplicate)."""
    sketched.sort(key=lambda item: item[0].source)
    documents: list[Document] = []
    sketches: list[Sketch] = []
    duplicates: list[tuple[str, str]] = []
    texts: dict[str, str] = {}
    for document, sketch in sketched:
        if documents and documents[-1].source == document.source:
            if documents[-1].text != document.text:
                skipped.append((document.source, "another document has the same source"))
            continue
        original = texts.setdefault(document.text, document.source)
        if original != document.source:
            duplicates.append((document.source, original))
            skipped.append((document.source, f"the same text as {printable(original)}"))
            continue
        documents.append(document)
        sketches.append(sketch)
    return documents, sketches, duplicates


# --- tasks (top-level functions, so that processes and Dask workers can unpickle them) ---------

def _load(path: str, encoding: str | None = None
          ) -> tuple[Document | None, Sketch | None, str | None]:
    """Read, parse and sketch one file; a file that cannot be read gives the reason instead."""
    try:
        document = load(Path(path), encoding=encoding)
        return document, lineage_module.sketch(document), None
    except PolicydiffError as error:
        return None, None, getattr(error, "problem", None) or str(error)
    except Exception as error:  # a bug must not sink a run of thousands of files
        return None, None, f"{type(error).__name__}: {error}"


def _compare(parent: Document, derived: Document, cutoff: float, report: str | None = None,
             lang: str = "zh") -> Comparison:
    """Compare one edge; with ``report`` (a path without suffix), also write its HTML and JSON
    reports here, in the worker, so that rendering is as parallel as comparing."""
    comparison = compare(parent, derived, cutoff=cutoff)
    if report is not None:
        _write(Path(report + ".html"), comparison.to_html(lang=lang))
        _write(Path(report + ".json"), comparison.to_json())
    return comparison


# --- outputs -----------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f/\\:*?"<>|]+')


def report_names(corpus: Corpus) -> dict[tuple[str, str], str]:
    """A file name (no suffix) for each edge's report: ``<parent stem>__<derived stem>``, each
    stem cut to 80 bytes of UTF-8; clashes get ``-2``, ``-3``… in edge order."""
    return _edge_names([(parent, derived) for parent, derived, _ in corpus.comparisons])


def _edge_names(edges: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    names: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for parent, derived in edges:
        base = f"{_stem(parent)}__{_stem(derived)}"
        name, number = base, 1
        while name.lower() in used:
            number += 1
            name = f"{base}-{number}"
        used.add(name.lower())
        names[(parent, derived)] = name
    return names


def _stem(source: str) -> str:
    stem = _UNSAFE.sub("_", printable(PurePath(source).stem)).strip(" .") or "document"
    encoded = stem.encode("utf-8")[:80]
    return encoded.decode("utf-8", errors="ignore")


def _document_dict(document: Document) -> dict[str, Any]:
    meta = document.metadata
    return {"source": document.source, "title": meta.title, "doc_number": meta.doc_number,
            "date": meta.date}


def _summary_dict(comparison: Comparison) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(comparison.summary)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _write(path: Path, text: str) -> None:
    """The one writer of corpus files: text made printable (undecodable name bytes as U+FFFD),
    as UTF-8."""
    path.write_bytes(printable(text).encode("utf-8"))


def _is_terminal() -> bool:
    return is_terminal()
