"""Task-division tables (重点任务分工) compared as tables, row pair by row pair.

An annex row has columns (``number``, ``task``, ``work``, ``units``, sometimes ``deadline``).
Diffing the row as one text runs the cells together and diffs the unit list piece by piece
(``[-市-]{+区+}``); a reviewer wants to know instead whether the lead unit (牵头单位, the
first one listed) changed, which units were added or removed, and whether the deadline moved.
Units are compared as roles: neutralised by the comparison's :class:`Localizer`, so that
市市场监管委 and 区市场监管局 are the same role restated for another level.

Computed in the comparison stage (:func:`row_changes`), shown by every renderer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .alignment import inline
from .alignment.tokens import normalize

if TYPE_CHECKING:
    from .alignment.localization import Localizer
    from .comparison import Pair
    from .document import Clause

__all__ = ["RowChange", "row_changes", "split_units"]

_UNIT_SEPARATORS = re.compile(r"[、，,；;\s]+")
_NOTE = re.compile(r"[（(][^）)]*[）)]")


@dataclass(frozen=True, slots=True)
class RowChange:
    """One pair of task-division rows (or a merge/split of them), cell by cell."""

    parent: tuple[str, ...]
    """Ids of the parent rows."""
    derived: tuple[str, ...]
    parent_numbers: tuple[str, ...]
    derived_numbers: tuple[str, ...]
    task: tuple[tuple[inline.Op, str], ...]
    """Word diff of the task cells (joined by newlines, empty cells left out)."""
    work: tuple[tuple[inline.Op, str], ...]
    parent_lead: str
    derived_lead: str
    lead_changed: bool
    """The first listed unit of the parent rows and of the derived rows are different roles."""
    units_added: tuple[str, ...]
    """Derived units (as written) whose role no parent unit has."""
    units_removed: tuple[str, ...]
    units_kept: int
    parent_deadline: str
    derived_deadline: str
    deadline_changed: bool

    @property
    def changed(self) -> bool:
        return (self.lead_changed or bool(self.units_added or self.units_removed)
                or self.deadline_changed
                or any(op != "equal" for op, _ in self.task + self.work))

    def to_dict(self) -> dict[str, Any]:
        return {"parent": list(self.parent), "derived": list(self.derived),
                "parent_numbers": list(self.parent_numbers),
                "derived_numbers": list(self.derived_numbers),
                "task": [[op, text] for op, text in self.task],
                "work": [[op, text] for op, text in self.work],
                "parent_lead": self.parent_lead, "derived_lead": self.derived_lead,
                "lead_changed": self.lead_changed,
                "units_added": list(self.units_added),
                "units_removed": list(self.units_removed),
                "units_kept": self.units_kept,
                "parent_deadline": self.parent_deadline,
                "derived_deadline": self.derived_deadline,
                "deadline_changed": self.deadline_changed}


def split_units(cell: str) -> tuple[str, ...]:
    """The units of a units cell, in order: 市市场监管委、天津海关 → (市市场监管委, 天津海关).
    Notes in brackets (（牵头）) are not units; repeated units are listed once."""
    seen: list[str] = []
    for unit in _UNIT_SEPARATORS.split(_NOTE.sub("", cell)):
        unit = unit.strip()
        if unit and unit not in seen:
            seen.append(unit)
    return tuple(seen)


def row_changes(pairs: Sequence[Pair], localizer: Localizer) -> tuple[RowChange, ...]:
    """A :class:`RowChange` for every pair whose clauses on both sides are task-division rows."""
    out = []
    for pair in pairs:
        if _task_rows(pair.parent) and _task_rows(pair.derived):
            out.append(_row_change(pair.parent, pair.derived, localizer))
    return tuple(out)


def _task_rows(clauses: Sequence[Clause]) -> bool:
    return all(c.kind == "table_row" and (c.cell("work") or c.cell("units")) for c in clauses)


def _joined(clauses: Sequence[Clause], column: str) -> str:
    return "\n".join(text for c in clauses if (text := c.cell(column)))


def _units(clauses: Sequence[Clause]) -> tuple[str, ...]:
    units: list[str] = []
    for clause in clauses:
        units.extend(u for u in split_units(clause.cell("units")) if u not in units)
    return tuple(units)


def _row_change(parent: Sequence[Clause], derived: Sequence[Clause], localizer: Localizer
                ) -> RowChange:
    def role(unit: str) -> str:
        return localizer.neutralize(normalize(unit)) or normalize(unit)

    parent_units, derived_units = _units(parent), _units(derived)
    parent_roles = {role(u) for u in parent_units}
    derived_roles = {role(u) for u in derived_units}
    parent_lead = parent_units[0] if parent_units else ""
    derived_lead = derived_units[0] if derived_units else ""
    parent_deadline, derived_deadline = _joined(parent, "deadline"), _joined(derived, "deadline")
    return RowChange(
        parent=tuple(c.id for c in parent), derived=tuple(c.id for c in derived),
        parent_numbers=tuple(c.cell("number") for c in parent),
        derived_numbers=tuple(c.cell("number") for c in derived),
        task=inline.diff(_joined(parent, "task"), _joined(derived, "task")),
        work=inline.diff(_joined(parent, "work"), _joined(derived, "work")),
        parent_lead=parent_lead, derived_lead=derived_lead,
        lead_changed=bool(parent_lead or derived_lead) and role(parent_lead) != role(derived_lead),
        units_added=tuple(u for u in derived_units if role(u) not in parent_roles),
        units_removed=tuple(u for u in parent_units if role(u) not in derived_roles),
        units_kept=len(parent_roles & derived_roles),
        parent_deadline=parent_deadline, derived_deadline=derived_deadline,
        deadline_changed=normalize(parent_deadline) != normalize(derived_deadline))
