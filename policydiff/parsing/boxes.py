"""Boxes (专栏) and annexes (附件): blocks that sit beside the headings.

An annex closes every open heading and starts a path of its own (``附件 重点任务分工``); the
attachment list at the end of the body (附件：重点任务分工, when a bare 附件 line follows) is not
the annex itself. A box opens below the current heading; its lines stay inside it until the
next heading. The 2022-style box that writes its table one cell per line as ``cell |`` with rows
closed by ``|||`` is read here too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..document import ClauseKind
from ..numerals import chinese_to_int
from .front import is_title_line
from .marks import ANNEX, ANNEX_RANK, BOX, BOX_RANK, CN

if TYPE_CHECKING:
    from .builder import Builder


def step(b: Builder, index: int) -> int | None:
    """Claim an annex or box line."""
    text = b.text(index)
    annex = ANNEX.match(text)
    if annex and len(text) <= 40:
        return _annex(b, index, annex)
    box = BOX.match(text)
    if box and len(text) <= 60 and not text.endswith("。"):
        return _box(b, index, box)
    return None


def _annex(b: Builder, index: int, match: re.Match[str]) -> int:
    state = b.state
    state.in_front = False
    state.box_open = False
    state.table = None
    raw_n = match.group("n")
    n = chinese_to_int(raw_n) if raw_n else 1
    title = (match.group("title") or "").strip()
    if title and _annex_follows(b, index):
        return b.emit(index, index, ClauseKind.ANNEX, leaf="attachments")
    label = re.sub(r"\s+", "", b.text(index).split("：")[0].split(":")[0])
    label = f"{label} {title}".strip()
    b.annex_stack(label, f"annex{n}")
    return b.emit(index, index, ClauseKind.ANNEX, path=b.path(), id_parts=b.ids())


def _annex_follows(b: Builder, index: int) -> bool:
    return any(re.fullmatch(rf"附\s*件\s*(?:\d+|{CN})?", line.text)
               for line in b.lines[index + 1:])


def annex_title(b: Builder, index: int) -> bool:
    """附件 / 重点任务分工: the annex's own title on the line after it joins the annex line."""
    state = b.state
    text = b.text(index)
    if not (state.stack and state.stack[-1].rank == ANNEX_RANK and is_title_line(text)
            and b.units and b.units[-1].kind == ClauseKind.ANNEX):
        return False
    opened = state.stack[-1]
    opened.label = f"{opened.label} {text}"
    unit = b.units[-1]
    unit.last = index
    unit.path = b.path()
    return True


def _box(b: Builder, index: int, match: re.Match[str]) -> int:
    from .tables import Table

    state = b.state
    state.in_front = False
    raw_n = match.group("n")
    n = chinese_to_int(raw_n) if raw_n else 1
    title = (match.group("title") or "").rstrip(" |").strip()
    label = f"专栏{raw_n or ''} {title}".strip()
    b.open(BOX_RANK, label, f"box{n}")
    state.box_open = True
    if b.text(index).endswith("|"):
        state.table = Table("pipe", ())
    return b.emit(index, index, ClauseKind.BOX, path=b.path(), id_parts=b.ids(),
                  number=f"专栏{raw_n or ''}")


def _is_rule(text: str) -> bool:
    return bool(text) and set(text) <= {"|", " "}


def pipe_step(b: Builder, index: int) -> int | None:
    """专栏 with cells written one per line as ``cell |`` and rows closed by ``|||``."""
    from .tables import row

    table = b.state.table
    assert table is not None
    lines = b.lines
    i = index
    cells: list[str] = []
    while i < len(lines) and (lines[i].text.endswith("|") or not lines[i].text):
        text = lines[i].text
        if _is_rule(text):
            break
        if text:
            cells.append(text.rstrip("|").strip())
        i += 1
    if i == index and not _is_rule(lines[i].text):
        b.state.table = None
        b.state.box_open = False
        return None
    if i == index:
        return b.emit(index, index, ClauseKind.BOX, path=b.path(), id_parts=b.ids(), leaf="sep")
    last = i - 1
    while last > index and not lines[last].text:
        last -= 1
    if not table.columns and cells:
        # the first run after the box title is the header (plus a group label if any)
        header = cells
        separated = i < len(lines) and set(lines[i].text or "x") <= {"|", " "}
        width = len(header) - 1 if separated and len(header) > 2 else len(header)
        table.columns = tuple(header[:width])
        end_header = _line_of_cell(b, index, width) if width < len(header) else last
        b.emit(index, end_header, ClauseKind.TABLE_HEADER, path=b.path(), id_parts=b.ids(),
               leaf="header")
        if width < len(header):
            return b.emit(end_header + 1, last, ClauseKind.BOX, path=b.path(),
                          id_parts=b.ids(), leaf="group")
        return last + 1
    width = len(table.columns)
    if width <= 1:
        return b.emit(index, last, ClauseKind.BOX, path=b.path(), id_parts=b.ids(), leaf="li")
    start = index
    for row_start in range(0, len(cells), width):
        cells_of_row = cells[row_start:row_start + width]
        row_last = last
        if row_start + width < len(cells):
            row_last = _line_of_cell(b, start, len(cells_of_row))
        if len(cells_of_row) == width:
            row(b, start, row_last, dict(zip(table.columns, cells_of_row, strict=True)),
                keys_known=False)
        else:
            b.emit(start, row_last, ClauseKind.BOX, path=b.path(), id_parts=b.ids(),
                   leaf="group")
        start = row_last + 1
    return last + 1


def _line_of_cell(b: Builder, index: int, count: int) -> int:
    """The line holding the ``count``-th non-blank line from ``index``."""
    seen = 0
    i = index
    while i < len(b.lines):
        if b.lines[i].text:
            seen += 1
            if seen == count:
                return i
        i += 1
    return len(b.lines) - 1
