"""The comparison as an Excel workbook (openpyxl and pandas, the ``xlsx`` extra).

Researchers sort and count in Excel: one sheet per table (``pairs``, ``added``, ``dropped``,
``targets``, ``obligations``, ``responsibilities``), the columns of the DataFrames, a filter on
every header row and the header frozen. Sheets with nothing to list keep their header row.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .frames import comparison_frame, responsibilities_frame, targets_frame

if TYPE_CHECKING:
    import pandas

    from ..comparison import Comparison

__all__ = ["SHEETS", "write_xlsx"]

SHEETS = ("pairs", "added", "dropped", "targets", "obligations", "responsibilities")
WIDEST = 60                 # characters: wider text columns wrap instead


def _cell(value: Any) -> Any:
    """Plain Python values for openpyxl: NaN and pandas' NA become empty cells."""
    if value is None:
        return None
    try:
        import pandas
        if value is pandas.NA:
            return None
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _obligations(comparison: Comparison) -> tuple[list[str], list[list[Any]]]:
    """Obligation changes, when the comparison carries them (``Comparison.obligations``)."""
    items = getattr(comparison, "obligations", ()) or ()
    records = [item.to_dict() if hasattr(item, "to_dict") else dict(item) for item in items]
    header: list[str] = []
    for record in records:
        header.extend(k for k in record if k not in header)
    rows = [[_flat(record.get(k)) for k in header] for record in records]
    return header or ["obligation"], rows


def _flat(value: Any) -> Any:
    if isinstance(value, dict):
        return "; ".join(f"{k}={_flat(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "\n".join(str(_flat(v)) for v in value)
    return value


def _sheet(workbook: Any, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]
           ) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append([_cell(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, name in enumerate(header, 1):
        values = [str(name)] + [str(r[index - 1]) for r in rows if r[index - 1] is not None]
        longest = max(len(line) for v in values for line in v.split("\n"))
        sheet.column_dimensions[get_column_letter(index)].width = min(WIDEST, longest + 2)
        if longest > WIDEST:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = wrap


def _frame_rows(frame: pandas.DataFrame) -> tuple[list[str], list[list[Any]]]:
    return [str(c) for c in frame.columns], frame.astype(object).values.tolist()


def write_xlsx(comparison: Comparison, path: str | os.PathLike[str]) -> Path:
    """Write the workbook to ``path``; returns the path."""
    try:
        from openpyxl import Workbook
    except ImportError:  # pragma: no cover - depends on the environment
        from ..errors import InputError
        raise InputError("xlsx", "writing Excel files needs openpyxl: "
                                 "pip install 'policydiff[xlsx]'") from None
    workbook = Workbook()
    workbook.remove(workbook.active)
    frame = comparison_frame(comparison)
    header, rows = _frame_rows(frame[frame["kind"] == "pair"])
    _sheet(workbook, "pairs", header, rows)
    for kind in ("added", "dropped"):
        chosen = frame[frame["kind"] == kind]
        side = "derived" if kind == "added" else "parent"
        columns = ["row", f"{side}_id", f"{side}_path", f"{side}_text", "why_candidate",
                   "why_candidate_similarity", "why_unpaired"]
        header, rows = _frame_rows(chosen[columns])
        _sheet(workbook, kind, header, rows)
    _sheet(workbook, "targets", *_frame_rows(targets_frame(comparison)))
    _sheet(workbook, "obligations", *_obligations(comparison))
    _sheet(workbook, "responsibilities", *_frame_rows(responsibilities_frame(comparison)))
    target = Path(path)
    workbook.save(str(target))
    from .docx import stable_zip
    stable_zip(target, comparison.derived.metadata.date)
    return target
