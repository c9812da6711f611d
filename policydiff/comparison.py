"""``policydiff.compare``: align, diff and classify a parent and a derived document.

The pipeline runs one way: documents → comparable texts (normalised, jurisdiction terms
neutralised) → alignment per segment (front matter, body, annex tables) → a word-level diff and a
status per pair → target changes → summary. Renderers only format the :class:`Comparison`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import obligations as obligation_module
from . import targets as target_module
from .alignment import order, units
from .alignment.localization import (
    Localizer,
    Substitution,
    applied_substitutions,
    localizer_for,
)
from .alignment.marks import own_text
from .alignment.matching import Link
from .alignment.tokens import normalize
from .alignment.units import UNITS, Unit, Units
from .document import Clause, Document
from .evidence import Nearest
from .evidence import collect as collect_evidence
from .granularity import by_sentence, unit_groups, unit_numbers
from .loading import load
from .obligations import ObligationChange
from .pairs import Op, Pair, Status, make_pair
from .pins import read_pins
from .responsibilities import RowChange, row_changes
from .targets import QuantityOnly, TargetChange

if TYPE_CHECKING:
    import pandas

__all__ = ["DEFAULT_CUTOFF", "Comparison", "Input", "Op", "Pair", "Status", "Summary", "compare"]

_segment = units.segment
DEFAULT_CUTOFF = 0.5


@dataclass(frozen=True, slots=True)
class Summary:
    pairs: int
    unchanged: int
    localized: int
    modified: int
    added: int
    dropped: int
    moved: int
    tightened: int
    loosened: int
    rescaled: int
    reuse: float
    """Share of the derived document's clause characters that are equal text in some pair."""
    renumbered: int = 0
    """Pairs whose article numbers differ."""
    strengthened: int = 0
    weakened: int = 0
    targets_new: int = 0
    targets_removed: int = 0
    added_units: int = 0
    """Rows of added clauses: new articles when a law compares per article (``added`` counts
    their paragraphs and items), else the same as ``added``."""
    dropped_units: int = 0


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed between a parent and a derived document."""

    parent: Document
    derived: Document
    pairs: tuple[Pair, ...]
    added: tuple[Clause, ...]
    dropped: tuple[Clause, ...]
    targets: tuple[TargetChange, ...]
    summary: Summary
    cutoff: float = DEFAULT_CUTOFF
    unit: Unit = "paragraph"
    """The unit compared: ``"article"`` (a pair holds whole articles), ``"paragraph"`` or
    ``"sentence"`` (the documents carried are then cut into sentence clauses)."""
    obligations: tuple[ObligationChange, ...] = ()
    unpaired_targets: tuple[QuantityOnly, ...] = ()
    responsibilities: tuple[RowChange, ...] = ()
    """Task-division row pairs compared cell by cell (see :mod:`policydiff.responsibilities`)."""
    substitutions: tuple[Substitution, ...] = ()
    """The localisations the pairs' word diffs show, counted once for the whole comparison."""
    unpaired: tuple[Nearest, ...] = ()
    """For each added and dropped clause, its nearest candidate and why it was not taken."""
    hide_localization: bool = True
    """Whether renderers show pure-localisation edits inside changed pairs as plain text."""
    added_units: tuple[tuple[Clause, ...], ...] = ()
    """``added`` grouped into the units compared: one group per new article (its paragraphs and
    items), one per clause otherwise. Renderers give each group one row."""
    dropped_units: tuple[tuple[Clause, ...], ...] = ()
    statute: bool = False
    """The documents are laws (written in articles): obligations read 必须 as 应当, as the
    legislature's drafting rules do (see :mod:`policydiff.obligations`)."""

    def to_dict(self) -> dict[str, Any]:
        """The ``policydiff.comparison/1`` report as plain data."""
        from .renderers.report import comparison_dict
        return comparison_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The ``policydiff.comparison/1`` report as JSON text (UTF-8, fixed key order)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent) + "\n"

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per pair, added and dropped clause (needs the ``pandas`` extra)."""
        from .renderers.frames import comparison_frame
        return comparison_frame(self)

    def to_html(self, *, lang: str = "zh") -> str:
        """A self-contained side-by-side HTML report."""
        from .renderers.html import render_report
        return render_report(self, lang=lang)

    def _repr_html_(self) -> str:
        from .renderers.html import render_fragment
        return render_fragment(self)

    def to_docx(self, path: str | os.PathLike[str], *,
                layout: Literal["table", "redline"] = "table") -> Path:
        """Write a Word file (needs the ``docx`` extra): ``"table"`` is the 对照表,
        ``"redline"`` the derived document as tracked changes to the parent."""
        if layout == "table":
            from .renderers.docx import write_docx
            return write_docx(self, path)
        if layout == "redline":
            from .renderers.redline import write_redline
            return write_redline(self, path)
        raise ValueError(f"layout must be 'table' or 'redline', got {layout!r}")

    def to_xlsx(self, path: str | os.PathLike[str]) -> Path:
        """Write an Excel workbook, one sheet per table (needs the ``xlsx`` extra)."""
        from .renderers.xlsx import write_xlsx
        return write_xlsx(self, path)


Input = str | os.PathLike[str] | Document


def compare(parent: Input, derived: Input, *, cutoff: float = DEFAULT_CUTOFF,
            pins: Iterable[tuple[str, str]] | str | os.PathLike[str] = (),
            localize: Mapping[str, str] | Iterable[tuple[str, str]] | bool | None = None,
            unit: Unit = "auto", hide_localization: bool = True) -> Comparison:
    """Compare ``parent`` with ``derived`` (paths, texts or :class:`Document`s).

    ``cutoff`` (0..1) is the least clause similarity for a one-to-one pair. ``pins`` fixes pairs
    by clause id (or names a JSON file holding them). ``localize`` adds (parent term, derived
    term) pairs to the default localisation table; ``False`` turns localisation off. ``unit``
    is what one row compares: ``"article"`` (whole articles, their paragraphs and items inside),
    ``"paragraph"`` (each clause), ``"sentence"`` (paragraphs cut into their sentences, see
    :mod:`policydiff.granularity`; pins then name sentence ids) or ``"auto"``: articles for
    laws, paragraphs otherwise.
    ``hide_localization`` marks pure-localisation edits inside changed pairs as not to be shown
    (the substitutions are summarised once instead).
    """
    if not 0.0 <= cutoff <= 1.0:
        raise ValueError(f"cutoff must be between 0 and 1, got {cutoff!r}")
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, got {unit!r}")
    parent_doc, derived_doc = load(parent), load(derived)
    # laws: compared per article by default, and 必须 read as 应当 (Comparison.statute)
    statute = units.articled(parent_doc) or units.articled(derived_doc)
    if unit == "auto":
        unit = "article" if statute else "paragraph"
    if unit == "sentence":
        parent_doc, derived_doc = by_sentence(parent_doc), by_sentence(derived_doc)
    localizer = localizer_for(parent_doc, derived_doc, localize)
    pin_ids = read_pins(pins, parent_doc, derived_doc)

    grouping: Unit = "paragraph" if unit == "sentence" else unit
    parent_by_segment = units.segments(parent_doc.clauses, grouping)
    derived_by_segment = units.segments(derived_doc.clauses, grouping)
    links = _align_segments(parent_by_segment, derived_by_segment, pin_ids, localizer, cutoff)
    cross_pins = [(p, d) for p, d in pin_ids
                  if _segment(parent_doc.clause(p)) != _segment(derived_doc.clause(d))]

    pair_of = partial(make_pair, localizer=localizer, statute=statute)
    pairs = _pairs(links, parent_by_segment, derived_by_segment, pair_of)
    pairs.extend(_pin_pairs(cross_pins, parent_doc, derived_doc, pair_of, pairs))
    pairs = _mark_moved(pairs, parent_doc, derived_doc)
    if _revision(parent_doc, derived_doc):
        pairs = [replace(pair, targets=target_module.without_rescaling(pair.targets))
                 for pair in pairs]

    paired_parent = {c.id for pair in pairs for c in pair.parent}
    paired_derived = {c.id for pair in pairs for c in pair.derived}
    added = tuple(c for c in derived_doc.clauses if c.id not in paired_derived)
    dropped = tuple(c for c in parent_doc.clauses if c.id not in paired_parent)
    changes = tuple(change for pair in pairs for change in pair.targets)
    obligations = tuple(change for pair in pairs for change in pair.obligations)
    unpaired_targets = tuple(only for pair in pairs for only in pair.unpaired_targets)
    added_units = unit_groups(added, unit_numbers(derived_by_segment))
    dropped_units = unit_groups(dropped, unit_numbers(parent_by_segment))
    summary = replace(_summary(pairs, added, dropped, changes, derived_doc),
                      **obligation_module.counts(obligations, unpaired_targets),
                      added_units=len(added_units), dropped_units=len(dropped_units))
    explained, nearest = collect_evidence(
        pairs, added, dropped, parent_doc.clauses, derived_doc.clauses,
        comparable=lambda c: _comparable(c, localizer), anchor=lambda c: _anchor(c, localizer),
        segment=units.segment, cutoff=cutoff)
    return Comparison(parent_doc, derived_doc, explained, added, dropped, changes, summary,
                      cutoff, unit, obligations, unpaired_targets,
                      responsibilities=row_changes(pairs, localizer),
                      substitutions=applied_substitutions(localizer, [p.diff for p in pairs]),
                      unpaired=nearest, hide_localization=hide_localization,
                      added_units=added_units, dropped_units=dropped_units, statute=statute)


def _revision(parent: Document, derived: Document) -> bool:
    """Two versions of one document, the same title issued on different dates (中华人民共和国公司法
    of 2018-10-26 and 2023-12-29): no jurisdiction shrank, so no count is ``rescaled``. Without
    both dates nothing is assumed (a restatement may keep its parent's title)."""
    p, d = parent.metadata, derived.metadata
    return bool(p.title) and p.title == d.title and bool(p.date) and bool(d.date) and (
        p.date != d.date)


def _align_segments(parent_by_segment: dict[str, list[Units]],
                    derived_by_segment: dict[str, list[Units]], pin_ids: list[tuple[str, str]],
                    localizer: Localizer, cutoff: float) -> list[tuple[str, str, Link]]:
    """Links per segment over units (:func:`.alignment.units.align_segments`), comparing the
    texts and places this module defines."""
    return units.align_segments(parent_by_segment, derived_by_segment, pin_ids, cutoff,
                                lambda c: _comparable(c, localizer),
                                lambda c: _anchor(c, localizer))


def _comparable(clause: Clause, localizer: Localizer) -> str:
    """The text alignment compares: normalised, jurisdiction terms removed; for task-division
    rows the task and work cells (the responsible units are compared only in the diff)."""
    if clause.kind == "table_row" and clause.cell("work"):
        task = clause.cell("task")
        text = f"{task}。{clause.cell('work')}" if task else clause.cell("work")
        return localizer.neutralize(normalize(text))
    return _neutral(own_text(clause), localizer)


@lru_cache(maxsize=65536)
def _neutral(text: str, localizer: Localizer) -> str:
    """A clause text (without its own mark: :func:`.alignment.marks.own_text`), normalised and
    neutralised. Cached: alignment, the evidence and the units ask for every clause several
    times (31,832 calls on the company law x8)."""
    return localizer.neutralize(normalize(text))


def _anchor(clause: Clause, localizer: Localizer) -> frozenset[str]:
    """Where a clause sits: its own heading (or a table row's task) and its lead phrase, without
    enumeration marks. Clauses sharing a place in both documents ((一)加强组织领导, a row of the
    task 创新质量管理工具) pair at a lower similarity."""
    text = clause.cell("work") if clause.kind == "table_row" else clause.text
    return _places(str(clause.kind), clause.path[-1] if clause.path else None, text,
                   _segment(clause), localizer)


@lru_cache(maxsize=65536)
def _places(kind: str, heading: str | None, text: str, segment: str, localizer: Localizer
            ) -> frozenset[str]:
    """:func:`_anchor` from what it reads of a clause. Cached: asked for every clause by the
    aligner and again by the evidence (19,008 calls, 0.49 s profiled, on the company law x8)."""
    places = set()
    if kind in ("title", "notice", "signature", "preamble", "history", "toc"):
        places.add(f"<{kind}>")               # the preamble sits where the other preamble does
    elif heading is not None:
        places.add(heading)
    lead = re.match(r"^[^。；;：:，,]{2,40}[。；;：:]", normalize(text))
    if lead:
        places.add(lead.group(0))
    anchors = {f"{segment}|{localizer.neutralize(normalize(p)).rstrip('。；;：:')}"
               for p in places}
    return frozenset(a for a in anchors if not a.endswith("|"))


PairOf = Callable[..., Pair]
"""``make_pair`` with the comparison's localizer and reading fixed."""


def _pairs(links: Sequence[tuple[str, str, Link]], parent_by_segment: dict[str, list[Units]],
           derived_by_segment: dict[str, list[Units]], pair_of: PairOf) -> list[Pair]:
    pairs = []
    for p_segment, d_segment, link in links:
        parent = tuple(c for i in link.parent for c in parent_by_segment[p_segment][i])
        derived = tuple(c for i in link.derived for c in derived_by_segment[d_segment][i])
        pairs.append(pair_of(parent, derived, pinned=link.pinned, how=link.how))
    return pairs


def _pin_pairs(cross_pins: Sequence[tuple[str, str]], parent: Document, derived: Document,
               pair_of: PairOf, pairs: list[Pair]) -> list[Pair]:
    """Pins across segments (a body clause restated as an annex row) become their own pairs,
    taking the clauses out of whatever the aligner did with them."""
    if not cross_pins:
        return []
    taken_p = {p for p, _ in cross_pins}
    taken_d = {d for _, d in cross_pins}
    kept = []
    for pair in pairs:
        rest_p = tuple(c for c in pair.parent if c.id not in taken_p)
        rest_d = tuple(c for c in pair.derived if c.id not in taken_d)
        if rest_p == pair.parent and rest_d == pair.derived:
            kept.append(pair)
        elif rest_p and rest_d:
            kept.append(pair_of(rest_p, rest_d, pinned=pair.pinned))
    pairs[:] = kept
    out = []
    for p, d in cross_pins:
        out.append(pair_of((parent.clause(p),), (derived.clause(d),), pinned=True))
    return out


def _mark_moved(pairs: list[Pair], parent: Document, derived: Document) -> list[Pair]:
    """Sort pairs in derived order and mark those outside the longest run that keeps the
    parent's order (a longest increasing subsequence over parent positions)."""
    p_pos = {c.id: i for i, c in enumerate(parent.clauses)}
    d_pos = {c.id: i for i, c in enumerate(derived.clauses)}
    pairs = sorted(pairs, key=lambda pair: (min(d_pos[c.id] for c in pair.derived),
                                            p_pos[pair.parent[0].id]))
    by_segment: dict[str, list[int]] = {}
    for index, pair in enumerate(pairs):
        by_segment.setdefault(_segment(pair.derived[0]), []).append(index)
    moved: set[int] = set()
    for indexes in by_segment.values():
        keys = [p_pos[pairs[i].parent[0].id] for i in indexes]
        keep = _lis(keys)
        moved.update(indexes[k] for k in range(len(indexes)) if k not in keep)
    return [replace(pair, moved=i in moved) for i, pair in enumerate(pairs)]


def _lis(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (the earliest-ending one): the
    chain the order pass anchors on, over (position, value)."""
    return {i for i, _ in order.anchors(list(enumerate(values)))}


def _summary(pairs: Sequence[Pair], added: Sequence[Clause], dropped: Sequence[Clause],
             changes: Sequence[TargetChange], derived: Document) -> Summary:
    statuses = [pair.status for pair in pairs]
    directions = [change.direction for change in changes]
    total = sum(len(c.text) for c in derived.clauses)
    reused = sum(len(text) for pair in pairs for op, text in pair.diff if op == "equal"
                 ) - sum(max(len(pair.derived) - 1, 0) for pair in pairs)
    return Summary(
        pairs=len(pairs), unchanged=statuses.count("unchanged"),
        localized=statuses.count("localized"), modified=statuses.count("modified"),
        added=len(added), dropped=len(dropped), moved=sum(pair.moved for pair in pairs),
        tightened=directions.count("tightened"), loosened=directions.count("loosened"),
        rescaled=directions.count("rescaled"),
        reuse=round(max(0, reused) / total, 4) if total else 0.0,
        renumbered=sum(pair.renumbered for pair in pairs))
