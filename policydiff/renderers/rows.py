"""The 对照表 as rows in reading order: what the HTML, Markdown, CSV and Word renderers lay out.

:func:`table_rows` lays a :class:`~policydiff.comparison.Comparison` out in reading order, so
every renderer's rows and 序号 agree. It computes nothing about the documents: it only orders
what compare found.

- Pairs and added units in derived order (a pair sits at its first derived clause). An added
  unit is what compare grouped (``Comparison.added_units``): a new article with its paragraphs
  is one row.
- Each dropped unit right after the row holding the parent clause before it, in the parent's
  order, so it appears where it was in the parent.
- A moved pair leaves a ``moved-from`` marker row at its old place in the same way; the marker
  links to the pair and the pair's note links back. Marker rows have no 序号 and are no data:
  the frames and CSV leave them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..comparison import Comparison, Pair, Summary
    from ..document import Clause
    from ..targets import TargetChange

__all__ = ["PATH_SEPARATOR", "Row", "RowKind", "RowStatus", "clause_path", "renumbered_count",
           "row_counts", "table_rows", "target_counts"]

RowKind = Literal["pair", "added", "dropped", "moved-from"]
RowStatus = Literal["unchanged", "localized", "modified", "added", "dropped", "moved-from"]
PATH_SEPARATOR = " › "


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the 对照表."""

    id: str
    """Element id and anchor, from a clause id: ``d-<first derived clause>`` for pairs and added
    clauses, ``p-<parent clause>`` for dropped clauses and moved-from markers."""
    kind: RowKind
    number: int | None
    """序号, 1-based; ``None`` for moved-from markers."""
    parent: tuple[Clause, ...]
    derived: tuple[Clause, ...]
    status: RowStatus
    pair: Pair | None = None
    link: str | None = None
    """For a moved pair, the id of its moved-from marker; for a marker, the id of the pair."""

    @property
    def moved(self) -> bool:
        return self.pair is not None and self.pair.moved

    @property
    def targets(self) -> tuple[TargetChange, ...]:
        return self.pair.targets if self.pair is not None else ()

    @property
    def change(self) -> bool:
        """Anything for a reviewer to look at: not unchanged, moved, or with target changes."""
        return self.status not in ("unchanged", "moved-from") or self.moved or bool(self.targets)

    @property
    def localized_only(self) -> bool:
        return self.status == "localized" and not self.moved and not self.targets


def table_rows(comparison: Comparison) -> tuple[Row, ...]:
    """The rows of the 对照表 in reading order (see the module docstring)."""
    derived_pos = {c.id: i for i, c in enumerate(comparison.derived.clauses)}
    placed: list[tuple[int, Row]] = []
    for pair in comparison.pairs:
        first = min(pair.derived, key=lambda c: derived_pos[c.id])   # a split lists its clauses
        row_id = "d-" + first.id                                      # in the parent's order
        link = "p-" + pair.parent[0].id if pair.moved else None
        placed.append((derived_pos[first.id],
                       Row(row_id, "pair", None, pair.parent, pair.derived, pair.status, pair,
                           link)))
    for group in _groups(comparison.added_units, comparison.added):
        placed.append((derived_pos[group[0].id],
                       Row("d-" + group[0].id, "added", None, (), group, "added")))
    placed.sort(key=lambda item: item[0])
    main = [row for _, row in placed]

    # Where each parent clause is shown: the row of its pair (or its marker when moved).
    holder: dict[str, int] = {}
    for index, row in enumerate(main):
        if row.kind == "pair" and not row.moved:
            for clause in row.parent:
                holder.setdefault(clause.id, index)
    moved_pairs = {row.parent[0].id: row for row in main if row.moved}
    dropped = {group[0].id: group
               for group in _groups(comparison.dropped_units, comparison.dropped)}

    after: dict[int, list[Row]] = {}
    anchor = -1  # rows placed before the first row hang on -1
    for clause in comparison.parent.clauses:
        if clause.id in holder:
            anchor = holder[clause.id]
        elif clause.id in dropped:
            after.setdefault(anchor, []).append(
                Row("p-" + clause.id, "dropped", None, dropped[clause.id], (), "dropped"))
        elif clause.id in moved_pairs:
            pair_row = moved_pairs[clause.id]
            after.setdefault(anchor, []).append(
                Row("p-" + clause.id, "moved-from", None, pair_row.parent, (), "moved-from",
                    pair_row.pair, pair_row.id))

    ordered = list(after.get(-1, ()))
    for index, row in enumerate(main):
        ordered.append(row)
        ordered.extend(after.get(index, ()))
    rows = []
    number = 0
    for row in ordered:
        if row.kind != "moved-from":
            number += 1
            row = Row(row.id, row.kind, number, row.parent, row.derived, row.status, row.pair,
                      row.link)
        rows.append(row)
    return tuple(rows)


def _groups(units: tuple[tuple[Clause, ...], ...], clauses: tuple[Clause, ...]
            ) -> tuple[tuple[Clause, ...], ...]:
    """The units compare grouped, or one clause per row for a comparison built without them."""
    return units if units or not clauses else tuple((c,) for c in clauses)


def row_counts(summary: Summary) -> tuple[tuple[str, int], ...]:
    """The summary's status counts as the tables list them: added and dropped count rows, so a
    new article of three paragraphs counts once (``Summary.added`` counts its clauses)."""
    return (("unchanged", summary.unchanged), ("localized", summary.localized),
            ("modified", summary.modified), ("added", summary.added_units),
            ("dropped", summary.dropped_units), ("moved", summary.moved))


def target_counts(summary: Summary) -> tuple[tuple[str, int], ...]:
    return (("tightened", summary.tightened), ("loosened", summary.loosened),
            ("rescaled", summary.rescaled))


def renumbered_count(summary: Summary) -> tuple[tuple[str, int], ...]:
    """The count of renumbered pairs when there is any (a plan has no article numbers)."""
    return (("renumbered", summary.renumbered),) if summary.renumbered else ()


def clause_path(clause: Clause) -> str:
    """A clause's heading path as one string: ``一、总体要求 › （二）基本原则``."""
    return PATH_SEPARATOR.join(clause.path)


