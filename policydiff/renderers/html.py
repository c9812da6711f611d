"""The reviewer's HTML report and the notebook fragment.

:func:`render_report` gives one self-contained page (inline CSS and a little inline JS, nothing
from the network, a Content-Security-Policy that allows only those two blocks);
:func:`render_fragment` gives the compact, script-free HTML that ``Comparison._repr_html_`` shows
in notebooks. Markup lives in ``templates/*.html`` (jinja2, autoescaping on): document texts
are untrusted input and always reach the page as text.

This module only formats. Rows come from :func:`policydiff.renderers.rows.table_rows`; the
word-level diff of each pair is cut where its clauses meet so that each clause shows under its
own heading path.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import quantities
from .bytecode import bytecode_cache
from .diffmarkup import diff_runs
from .labels import LABELS, MARKERS, SYMBOLS
from .review import breakable, page_style
from .rows import Row, renumbered_count, row_counts, table_rows, target_counts

if TYPE_CHECKING:
    from ..comparison import Comparison, Pair
    from ..document import Clause, Document
    from ..responsibilities import RowChange
    from ..targets import TargetChange

__all__ = ["LABELS", "MARKERS", "SYMBOLS", "render_fragment", "render_pair", "render_report",
           "render_target"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True, slots=True)
class Side:
    """One clause in one cell: its heading path and its text cut into marked runs."""

    clause: Clause
    crumbs: tuple[str, ...]
    runs: tuple[tuple[str, str], ...]
    """(mark, text): mark is ``""`` (same), ``"del"``, ``"ins"``, ``"punct"`` or ``"local"``
    (a localisation the comparison hides)."""
    cells: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    """For table rows: (column, runs) per cell, so that cells show in columns."""


@dataclass(frozen=True, slots=True)
class View:
    """A row of :func:`table_rows` with both cells cut into clauses and runs."""

    row: Row
    parent: tuple[Side, ...]
    derived: tuple[Side, ...]


def _check_lang(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {sorted(LABELS)}, got {lang!r}")
    return LABELS[lang]


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, bytecode_cache=bytecode_cache())
    env.globals["symbols"] = SYMBOLS
    env.globals["markers"] = MARKERS
    env.filters["pct"] = lambda value: f"{value * 100:.1f}%"
    env.filters["sim"] = lambda value: f"{value:.2f}"
    env.filters["diff_runs"] = diff_runs
    env.filters["wbr"] = breakable
    return env



@cache
def _assets() -> tuple[Markup, Markup, str]:
    """The report's CSS and JS, and a CSP allowing exactly those two inline blocks."""
    env = _environment()
    style = env.get_template("report_style.html").render()
    script = env.get_template("report_script.html").render()
    csp = ("default-src 'none'; "
           f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; "
           "img-src 'none'; font-src 'none'; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    return Markup(style), Markup(script), csp


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _minor(parent: str, derived: str) -> bool:
    """A full-width/half-width swap of punctuation only (，→, （→( …)."""
    return (not any(ch.isalnum() for ch in parent + derived)
            and unicodedata.normalize("NFKC", parent) == unicodedata.normalize("NFKC", derived))


def marked_ops(diff: tuple[tuple[str, str], ...], local: frozenset[int] = frozenset()
               ) -> list[tuple[str, str, str]]:
    """(op, mark, text) for each op: whitespace-only edits carry no mark (layout), a
    delete/insert pair that only swaps punctuation width is marked ``punct``, and the ops the
    comparison found to only localise (``local``: indexes into ``diff``) are marked ``local``."""
    out: list[tuple[str, str, str]] = []
    index = 0
    while index < len(diff):
        op, text = diff[index]
        if index in local:
            out.append((op, "local", text))
            index += 1
            continue
        if op != "equal" and index + 1 < len(diff):
            next_op, next_text = diff[index + 1]
            if next_op not in ("equal", op) and _minor(text, next_text):
                out.append((op, "punct", text))
                out.append((next_op, "punct", next_text))
                index += 2
                continue
        if op == "equal" or not text.strip():
            out.append((op, "", text))
        else:
            out.append((op, "del" if op == "delete" else "ins", text))
        index += 1
    return out


def crumbs(clause: Clause) -> tuple[str, ...]:
    """The heading path above a clause, without its own heading when its text starts with it."""
    path = clause.path
    if path and clause.text.lstrip().startswith(path[-1]):
        path = path[:-1]
    return path


def _sides(ops: list[tuple[str, str, str]], clauses: tuple[Clause, ...], keep: str
           ) -> tuple[Side, ...]:
    """Cut the runs of one side (``equal`` and ``keep`` ops) at the newlines joining its clauses."""
    if not clauses:
        return ()
    runs: list[list[tuple[str, str]]] = [[] for _ in clauses]
    index = position = 0
    last = len(clauses) - 1
    for op, mark, text in ops:
        if op not in ("equal", keep):
            continue
        while text:
            room = len(clauses[index].text) - position
            if room == 0 and index < last:
                text = text[1:]  # the newline between two clauses
                index += 1
                position = 0
                continue
            piece = text if index == last else text[:room]
            runs[index].append((mark, piece))
            position += len(piece)
            text = text[len(piece):]
    merged = [_merge(run) for run in runs]
    return tuple(Side(clause, crumbs(clause), joined, _cell_runs(clause, joined))
                 for clause, joined in zip(clauses, merged, strict=True))


def _cell_runs(clause: Clause, runs: tuple[tuple[str, str], ...]
               ) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The runs of a table row cut at its cells (found in order in the row's text; what lies
    between two cells is the separator, shown as the gap between columns)."""
    if clause.kind != "table_row" or not clause.cells:
        return ()
    bounds: list[tuple[str, int, int]] = []
    position = 0
    for name, value in clause.cells:
        start = clause.text.find(value, position) if value else -1
        if start < 0:
            bounds.append((name, position, position))
            continue
        bounds.append((name, start, start + len(value)))
        position = start + len(value)
    cut: list[list[tuple[str, str]]] = [[] for _ in bounds]
    offset = 0
    for mark, text in runs:
        for number, (_, start, end) in enumerate(bounds):
            piece = text[max(start - offset, 0):max(end - offset, 0)]
            if piece:
                cut[number].append((mark, piece))
        offset += len(text)
    return tuple((name, _merge(pieces)) for (name, _, _), pieces in zip(bounds, cut, strict=True))


def _merge(runs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for mark, text in runs:
        if out and out[-1][0] == mark:
            out[-1] = (mark, out[-1][1] + text)
        else:
            out.append((mark, text))
    return tuple(out)


def _plain(clauses: tuple[Clause, ...]) -> tuple[Side, ...]:
    return tuple(Side(c, crumbs(c), (("", c.text),), _cell_runs(c, (("", c.text),)))
                 for c in clauses)


def _view(row: Row, hide_localization: bool = True,
          responsibilities: dict[tuple[str, ...], RowChange] | None = None) -> View:
    pair = row.pair
    if row.kind == "pair" and pair is not None:
        ops = marked_ops(pair.diff, frozenset(pair.localization if hide_localization else ()))
        parent, derived = _sides(ops, pair.parent, "delete"), _sides(ops, pair.derived, "insert")
        change = (responsibilities or {}).get(tuple(c.id for c in pair.parent))
        if change is not None:
            parent = _unit_marks(parent, frozenset(change.units_removed), "del")
            derived = _unit_marks(derived, frozenset(change.units_added), "ins")
        return View(row, parent, derived)
    return View(row, _plain(row.parent), _plain(row.derived))


def _unit_marks(sides: tuple[Side, ...], changed: frozenset[str], mark: str
                ) -> tuple[Side, ...]:
    """Units cells marked unit by unit from the comparison's role comparison (a unit the other
    side has in another level's name, 市市场监管委/区市场监管局, is left unmarked) instead of
    the word diff's pieces ([-市-]{+区+})."""
    out = []
    for side in sides:
        units = side.clause.cell("units")
        if not side.cells or not units:
            out.append(side)
            continue
        runs: list[tuple[str, str]] = []
        for piece in re.split(r"([、，,；;\s]+)", units):
            runs.append((mark if piece in changed else "", piece))
        cells = tuple((name, _merge(runs) if name == "units" else value)
                      for name, value in side.cells)
        out.append(Side(side.clause, side.crumbs, side.runs, cells))
    return tuple(out)


def _document_fields(document: Document) -> dict[str, str | None]:
    meta = document.metadata
    return {"title": meta.title, "doc_number": meta.doc_number, "issuer": meta.issuer,
            "date": meta.date, "source": Path(document.source).name if document.source else None}


def _context(comparison: Comparison, lang: str, *, fragment: bool) -> dict[str, Any]:
    labels = _check_lang(lang)
    rows = table_rows(comparison)
    hide = comparison.hide_localization
    by_rows = {change.parent: change for change in comparison.responsibilities}
    views = [_view(row, hide, by_rows) for row in rows
             if not fragment or (row.change and not row.localized_only
                                 and row.kind != "moved-from")]
    row_of: dict[str, Row] = {}
    for row in rows:
        if row.kind in ("pair", "dropped"):
            for clause in row.parent:
                row_of.setdefault("p:" + clause.id, row)
        for clause in row.derived:
            row_of.setdefault("d:" + clause.id, row)
    targets = [{**_target_view(change, comparison, row_of),
                "explanation": quantities.explanation(change, lang),
                "polarity": quantities.LABELS[lang][change.polarity]}
               for change in comparison.targets]
    summary = comparison.summary
    return {
        "t": labels,
        "lang": lang,
        "comparison": comparison,
        "summary": summary,
        "parent_fields": _document_fields(comparison.parent),
        "derived_fields": _document_fields(comparison.derived),
        "fields": ("title", "doc_number", "issuer", "date", "source"),
        "counts": (*row_counts(summary), *renumbered_count(summary)),
        "target_counts": target_counts(summary),
        "views": views,
        "rows": rows,
        "numbers": {row.id: row.number for row in rows},
        "added_rows": [r for r in rows if r.kind == "added"],
        "dropped_rows": [r for r in rows if r.kind == "dropped"],
        "targets": targets,
        "q": quantities.LABELS[lang],
        "obligations": quantities.obligation_views(comparison, lang),
        "unpaired": quantities.unpaired_views(comparison, lang),
        "not_shown": labels["not_shown"].format(
            unchanged=sum(1 for r in rows if r.kind == "pair" and not r.change),
            localized=sum(1 for r in rows if r.localized_only)),
        "title": comparison.derived.metadata.title or Path(comparison.derived.source).name,
        **_review_context(comparison, rows, hide),
    }


def _review_context(comparison: Comparison, rows: tuple[Row, ...], hide: bool) -> dict[str, Any]:
    """What the reviewer's sections need (#12): task-division rows, substitutions, why each
    row is (un)paired, skipped page furniture."""
    number_of: dict[str, Row] = {}
    for row in rows:
        for clause in row.derived if row.kind != "dropped" else row.parent:
            number_of.setdefault(clause.id, row)
    responsibilities = []
    for change in comparison.responsibilities:
        responsibilities.append({
            "change": change, "row": number_of.get(change.derived[0]),
            "task": _diff_sides(change.task), "work": _diff_sides(change.work)})
    nearest = {("p:" if n.side == "parent" else "d:") + n.clause: n for n in comparison.unpaired}
    skipped = [(side, span) for side, document in (("parent", comparison.parent),
                                                   ("derived", comparison.derived))
               for span in document.skipped if span.reason != "blank"]
    clause_rows: dict[str, int] = {}
    for row in rows:
        if row.number is not None:
            for prefix, clauses in (("p:", row.parent), ("d:", row.derived)):
                for clause in clauses:
                    clause_rows.setdefault(prefix + clause.id, row.number)
    return {"responsibilities": responsibilities, "substitutions": comparison.substitutions,
            "clause_rows": clause_rows,
            "hide_localization": hide, "nearest": nearest, "skipped": skipped,
            "page_style": page_style(comparison)}


def _diff_sides(diff: tuple[tuple[str, str], ...]
                ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """A cell diff as (parent runs, derived runs)."""
    ops = marked_ops(diff)
    return (_merge([(mark, text) for op, mark, text in ops if op != "insert"]),
            _merge([(mark, text) for op, mark, text in ops if op != "delete"]))


def _target_view(change: TargetChange, comparison: Comparison, row_of: dict[str, Row]
                 ) -> dict[str, Any]:
    parent_row = row_of.get(f"p:{change.parent_clause}")
    derived_row = row_of.get(f"d:{change.derived_clause}")
    return {"change": change,
            "year": _years(change),
            "parent_path": _path(comparison.parent, change.parent_clause),
            "derived_path": _path(comparison.derived, change.derived_clause),
            "parent_row": parent_row,
            "derived_row": derived_row}


def _years(change: TargetChange) -> str:
    before, after = change.before.year, change.after.year
    if before == after:
        return "" if after is None else str(after)
    return f"{before or '—'} → {after or '—'}"


def _path(document: Document, clause_id: str | None) -> tuple[str, ...]:
    if clause_id is None:
        return ()
    try:
        clause = document.clause(clause_id)
    except KeyError:
        return ()
    return clause.path or (clause.text[:24],)


def render_report(comparison: Comparison, *, lang: str = "zh") -> str:
    """The full, self-contained report page (``lang``: ``"zh"`` labels or ``"en"``)."""
    context = _context(comparison, lang, fragment=False)
    style, script, csp = _assets()
    page = context["page_style"]
    csp = csp.replace("style-src ", f"style-src '{_sha256(str(page))}' ")
    context.update(style=style, script=script, csp=csp)
    return _environment().get_template("report.html").render(context)


def render_fragment(comparison: Comparison, *, lang: str = "zh") -> str:
    """A compact HTML fragment for notebooks: summary, targets and the changed rows; no scripts,
    no ids, styles scoped to the fragment, marks readable even where styles are stripped."""
    context = _context(comparison, lang, fragment=True)
    return _environment().get_template("fragment.html").render(context)


def render_pair(pair: Pair, *, lang: str = "zh") -> str:
    """One pair as a small side-by-side table (``Pair._repr_html_``)."""
    from .frames import Row
    labels = _check_lang(lang)
    row = Row("pair", "pair", None, pair.parent, pair.derived, pair.status, pair)
    return _environment().get_template("fragment_items.html").render(
        t=labels, view=_view(row), row=row, change=None, numbers={}, nearest={}, clause_rows={})


def render_target(change: TargetChange, *, lang: str = "zh") -> str:
    """One target change as a one-row table (``TargetChange._repr_html_``)."""
    labels = _check_lang(lang)
    return _environment().get_template("fragment_items.html").render(
        t=labels, view=None, row=None, change=change, numbers={}, nearest={}, clause_rows={})
