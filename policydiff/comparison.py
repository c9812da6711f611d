"""``policydiff.compare``: align, diff and classify a parent and a derived document.

The pipeline runs one way: documents → comparable texts (normalised, jurisdiction terms
neutralised) → alignment per segment (front matter, body, annex tables) → a word-level diff and a
status per pair → target changes → summary. Renderers only format the :class:`Comparison`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rapidfuzz import fuzz

from . import targets as target_module
from .alignment import inline
from .alignment.localization import (
    Localizer,
    Substitution,
    applied_substitutions,
    localization_edits,
    localizer_for,
)
from .alignment.matching import Link, align, similarity
from .alignment.tokens import normalize
from .document import Clause, Document
from .errors import ParseError
from .evidence import Evidence, Nearest
from .evidence import collect as collect_evidence
from .loading import load
from .responsibilities import RowChange, row_changes
from .targets import TargetChange

if TYPE_CHECKING:
    import pandas

Status = Literal["unchanged", "localized", "modified"]
Op = inline.Op
DEFAULT_CUTOFF = 0.5
PIN_FORMAT = "a JSON list of [parent clause id, derived clause id] pairs"

# Clauses are aligned within their segment: a notice with a notice, body with body, annex rows
# with annex rows.
_SEGMENTS = {"title": "front", "notice": "front", "signature": "front", "history": "front",
             "toc": "front", "table_row": "table", "table_header": "table"}


@dataclass(frozen=True, slots=True)
class Pair:
    """Parent clauses and the derived clauses that restate them (1:1, merge N:1, split 1:N)."""

    parent: tuple[Clause, ...]
    derived: tuple[Clause, ...]
    status: Status
    similarity: float
    moved: bool
    diff: tuple[tuple[Op, str], ...]
    """Word-level diff of the parent texts joined by newlines against the derived texts joined
    the same way: equal+delete rebuild the parent side, equal+insert the derived side."""
    targets: tuple[TargetChange, ...] = ()
    pinned: bool = False
    localization: tuple[int, ...] = ()
    """Indexes of the ``diff`` ops that only localise (本市→新区): renderers may show them
    as plain derived text when the comparison hides localisation (``hide_localization``)."""
    evidence: Evidence | None = None
    """Why the two sides were paired (see :mod:`policydiff.evidence`)."""
    how: str | None = None
    """How alignment placed the pair, when the alignment records it."""

    @property
    def parent_text(self) -> str:
        return "\n".join(c.text for c in self.parent)

    @property
    def derived_text(self) -> str:
        return "\n".join(c.text for c in self.derived)

    def _repr_html_(self) -> str:
        from .renderers.html import render_pair
        return render_pair(self)


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
    responsibilities: tuple[RowChange, ...] = ()
    """Task-division row pairs compared cell by cell (see :mod:`policydiff.responsibilities`)."""
    substitutions: tuple[Substitution, ...] = ()
    """The localisations the pairs' word diffs show, counted once for the whole comparison."""
    unpaired: tuple[Nearest, ...] = ()
    """For each added and dropped clause, its nearest candidate and why it was not taken."""
    hide_localization: bool = True
    """Whether renderers show pure-localisation edits inside changed pairs as plain text."""

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
            hide_localization: bool = True) -> Comparison:
    """Compare ``parent`` with ``derived`` (paths, texts or :class:`Document`s).

    ``cutoff`` (0..1) is the least clause similarity for a one-to-one pair. ``pins`` fixes pairs
    by clause id (or names a JSON file holding them). ``localize`` adds (parent term, derived
    term) pairs to the default localisation table; ``False`` turns localisation off.
    ``hide_localization`` marks pure-localisation edits inside changed pairs as not to be shown
    (the substitutions are summarised once instead).
    """
    if not 0.0 <= cutoff <= 1.0:
        raise ValueError(f"cutoff must be between 0 and 1, got {cutoff!r}")
    parent_doc, derived_doc = load(parent), load(derived)
    localizer = localizer_for(parent_doc, derived_doc, localize)
    pin_ids = _read_pins(pins, parent_doc, derived_doc)

    links: list[tuple[str, Link]] = []
    parent_by_segment = _segments(parent_doc.clauses)
    derived_by_segment = _segments(derived_doc.clauses)
    for segment in ("front", "body", "table"):
        p_clauses = parent_by_segment.get(segment, [])
        d_clauses = derived_by_segment.get(segment, [])
        p_index = {c.id: i for i, c in enumerate(p_clauses)}
        d_index = {c.id: i for i, c in enumerate(d_clauses)}
        segment_pins = [(p_index[p], d_index[d]) for p, d in pin_ids
                        if p in p_index and d in d_index]
        found = align([_comparable(c, localizer) for c in p_clauses],
                      [_comparable(c, localizer) for c in d_clauses],
                      cutoff=cutoff, pins=segment_pins,
                      parent_anchors=[_anchor(c, localizer) for c in p_clauses],
                      derived_anchors=[_anchor(c, localizer) for c in d_clauses],
                      find_contained=segment == "table")
        links.extend((segment, link) for link in found)
    cross_pins = [(p, d) for p, d in pin_ids
                  if _segment(parent_doc.clause(p)) != _segment(derived_doc.clause(d))]

    pairs = _pairs(links, parent_by_segment, derived_by_segment, localizer)
    pairs.extend(_pin_pairs(cross_pins, parent_doc, derived_doc, localizer, pairs))
    pairs = _mark_moved(pairs, parent_doc, derived_doc)

    paired_parent = {c.id for pair in pairs for c in pair.parent}
    paired_derived = {c.id for pair in pairs for c in pair.derived}
    added = tuple(c for c in derived_doc.clauses if c.id not in paired_derived)
    dropped = tuple(c for c in parent_doc.clauses if c.id not in paired_parent)
    changes = tuple(change for pair in pairs for change in pair.targets)
    summary = _summary(pairs, added, dropped, changes, derived_doc)
    explained, unpaired = collect_evidence(
        pairs, added, dropped, parent_doc.clauses, derived_doc.clauses,
        comparable=lambda c: _comparable(c, localizer), anchor=lambda c: _anchor(c, localizer),
        segment=_segment, cutoff=cutoff)
    return Comparison(parent_doc, derived_doc, explained, added, dropped, changes, summary,
                      cutoff, responsibilities=row_changes(pairs, localizer),
                      substitutions=applied_substitutions(localizer, [p.diff for p in pairs]),
                      unpaired=unpaired, hide_localization=hide_localization)


def _segment(clause: Clause) -> str:
    return _SEGMENTS.get(clause.kind, "body")


def _segments(clauses: Sequence[Clause]) -> dict[str, list[Clause]]:
    out: dict[str, list[Clause]] = {}
    for clause in clauses:
        out.setdefault(_segment(clause), []).append(clause)
    return out


def _comparable(clause: Clause, localizer: Localizer) -> str:
    """The text alignment compares: normalised, jurisdiction terms removed; for task-division
    rows the task and work cells (the responsible units are compared only in the diff)."""
    text = clause.text
    if clause.kind == "table_row" and clause.cell("work"):
        task = clause.cell("task")
        text = f"{task}。{clause.cell('work')}" if task else clause.cell("work")
    return localizer.neutralize(normalize(text))


def _anchor(clause: Clause, localizer: Localizer) -> frozenset[str]:
    """Where a clause sits: its own heading (or a table row's task) and its lead phrase, without
    enumeration marks. Clauses sharing a place in both documents ((一)加强组织领导, a row of the
    task 创新质量管理工具) pair at a lower similarity."""
    places = set()
    if clause.kind in ("title", "notice", "signature", "preamble", "history", "toc"):
        places.add(f"<{clause.kind}>")        # the preamble sits where the other preamble does
    elif clause.path:
        places.add(clause.path[-1])
    text = clause.cell("work") if clause.kind == "table_row" else clause.text
    lead = re.match(r"^[^。；;：:，,]{2,40}[。；;：:]", normalize(text))
    if lead:
        places.add(lead.group(0))
    anchors = {f"{_segment(clause)}|{localizer.neutralize(normalize(p)).rstrip('。；;：:')}"
               for p in places}
    return frozenset(a for a in anchors if not a.endswith("|"))


_PUNCTUATION = re.compile(
    r"[\s。，、；：？！“”‘’「」『』（）《》〈〉【】〔〕—…·,.;:?!\"'()\[\]<>-]+")


def _same_words(parent: str, derived: str) -> bool:
    """Equal but for punctuation: a 。 after a heading that became its own line does not count."""
    return _PUNCTUATION.sub("", parent) == _PUNCTUATION.sub("", derived)


def _pairs(links: Sequence[tuple[str, Link]], parent_by_segment: dict[str, list[Clause]],
           derived_by_segment: dict[str, list[Clause]], localizer: Localizer) -> list[Pair]:
    pairs = []
    for segment, link in links:
        parent = tuple(parent_by_segment[segment][i] for i in link.parent)
        derived = tuple(derived_by_segment[segment][i] for i in link.derived)
        pairs.append(_make_pair(parent, derived, localizer, pinned=link.pinned,
                                how=getattr(link, "how", None)))
    return pairs


def _make_pair(parent: tuple[Clause, ...], derived: tuple[Clause, ...], localizer: Localizer,
               *, pinned: bool = False, how: str | None = None) -> Pair:
    parent_text = "\n".join(c.text for c in parent)
    if len(derived) > 1:
        derived = _in_parent_order(derived, parent_text)
    derived_text = "\n".join(c.text for c in derived)
    ops = inline.diff(parent_text, derived_text)
    parent_norm = "".join(normalize(c.text) for c in parent)
    derived_norm = "".join(normalize(c.text) for c in derived)
    status: Status
    if _same_words(parent_norm, derived_norm):
        status = "unchanged"
    elif _same_words(localizer.neutralize(parent_norm), localizer.neutralize(derived_norm)):
        status = "localized"
    else:
        status = "modified"
    score = 1.0 if status == "unchanged" else round(similarity(
        localizer.neutralize(parent_norm), localizer.neutralize(derived_norm)), 4)
    # unchanged and localized texts have the same numbers: no target can have changed
    changes = (_target_changes(parent, derived, parent_text, derived_text)
               if status == "modified" else ())
    local = localization_edits(localizer, ops) if status != "unchanged" else ()
    return Pair(parent, derived, status, score, False, ops, changes, pinned, local, None, how)


def _in_parent_order(derived: tuple[Clause, ...], parent_text: str) -> tuple[Clause, ...]:
    """The derived clauses of a split in the order their text appears in the parent, so that
    the word diff lines them up (Binhai puts 服务认证 before 高端品质认证; the city's clause has
    them the other way round). Ties keep document order."""
    def position(clause: Clause) -> int:
        if len(clause.text) >= len(parent_text):
            return 0
        alignment = fuzz.partial_ratio_alignment(clause.text, parent_text)
        return 0 if alignment is None else int(alignment.dest_start)
    return tuple(sorted(derived, key=lambda c: (position(c), c.start)))


def _target_changes(parent: tuple[Clause, ...], derived: tuple[Clause, ...], parent_text: str,
                    derived_text: str) -> tuple[TargetChange, ...]:
    found = []
    for change in target_module.changes(parent_text, derived_text):
        if change.direction == "unchanged":
            continue
        found.append(replace(change, parent_clause=_clause_at(parent, change.before.start),
                             derived_clause=_clause_at(derived, change.after.start)))
    return tuple(found)


def _clause_at(clauses: tuple[Clause, ...], offset: int) -> str:
    """The id of the clause holding ``offset`` of the clauses' texts joined by newlines."""
    position = 0
    for clause in clauses:
        position += len(clause.text) + 1
        if offset < position:
            return clause.id
    return clauses[-1].id


def _pin_pairs(cross_pins: Sequence[tuple[str, str]], parent: Document, derived: Document,
               localizer: Localizer, pairs: list[Pair]) -> list[Pair]:
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
            kept.append(_make_pair(rest_p, rest_d, localizer, pinned=pair.pinned))
    pairs[:] = kept
    out = []
    for p, d in cross_pins:
        out.append(_make_pair((parent.clause(p),), (derived.clause(d),), localizer, pinned=True))
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
    """Positions of one longest strictly increasing subsequence (the earliest-ending one)."""
    import bisect
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[k] = value
            tail_index[k] = i
        previous[i] = tail_index[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_index[-1] if tail_index else -1
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


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
        reuse=round(max(0, reused) / total, 4) if total else 0.0)


def _read_pins(pins: Iterable[tuple[str, str]] | str | os.PathLike[str], parent: Document,
               derived: Document) -> list[tuple[str, str]]:
    """Pins as (parent id, derived id), checked against both documents."""
    source = "pins"
    if isinstance(pins, str | os.PathLike):
        source = os.fspath(pins)
        try:
            raw: Any = json.loads(Path(pins).read_text(encoding="utf-8"))
        except OSError as error:
            raise ParseError(source, f"cannot read pins file ({error.strerror})") from None
        except json.JSONDecodeError as error:
            raise ParseError(source, f"not valid JSON: {error.msg}", line=error.lineno,
                             column=error.colno) from None
    else:
        raw = list(pins)
    if not isinstance(raw, list):
        raise ParseError(source, f"pins must be {PIN_FORMAT}")
    parent_ids = {c.id for c in parent.clauses}
    derived_ids = {c.id for c in derived.clauses}
    result = []
    for number, item in enumerate(raw, 1):
        if (not isinstance(item, list | tuple) or len(item) != 2
                or not all(isinstance(x, str) for x in item)):
            raise ParseError(source, f"pin {number} is {item!r}; pins must be {PIN_FORMAT}")
        p, d = item
        if p not in parent_ids:
            raise ParseError(source, f"pin {number}: the parent ({parent.source}) "
                                     f"has no clause {p!r}")
        if d not in derived_ids:
            raise ParseError(source, f"pin {number}: the derived document ({derived.source}) "
                                     f"has no clause {d!r}")
        result.append((p, d))
    return result
