"""Task-division tables (重点任务分工) in every layout, parsed to the same rows and cells.

The header is found from its words in any order and subset (序号, 任务, 重点工作, 牵头单位,
完成时限…, :data:`policydiff.vocabulary.HEADER_WORDS`); its layout gives the table's style:

* ``tab``: one cell per line, each indented by a tab (a table copied from a Word document);
* ``lines``: one cell per line without tabs, blank lines between or not (a web page copied);
  empty cells are gone, so :func:`cells.assign` tells the cells apart by their shapes;
* ``inline``: a whole row on one line, cells run together (:func:`cells.split_inline`);
* ``tabs``: the cells of a row on one line, separated by tabs (Excel, and the rows the reader
  makes of HTML ``<table>`` and .docx tables);
* ``markdown``: ``| cell | cell |`` rows under a ``|---|`` rule;
* ``pipe``: the 专栏 tables written ``cell |`` per line (:mod:`.boxes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import ClauseKind
from ..vocabulary import HEADER_WORDS
from . import boxes, cells
from .front import is_title_line
from .lines import Shape
from .marks import ANNEX, ANNEX_RANK, BOX

if TYPE_CHECKING:
    from .builder import Builder

_NOTE = re.compile(r"^[（(].*[）)]$")
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


@dataclass(slots=True)
class Table:
    style: str                        # tab | lines | inline | tabs | markdown | pipe
    columns: tuple[str, ...]
    last_number: int = 0
    task: str = ""


@dataclass(frozen=True, slots=True)
class Header:
    style: str
    last: int                         # its last line
    columns: tuple[str, ...]


def _pipe_cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.strip().strip("|").split("|")]


def header_at(b: Builder, index: int) -> Header | None:
    """The table header starting at ``index``, if one does."""
    line = b.lines[index]
    text = line.text
    if line.shape is not Shape.TEXT:
        return None
    if "\t" in text:
        found = _tab_separated(text)
        return Header("tabs", index, cells.columns_of(found)) if found else None
    if text.startswith("|") and text.endswith("|"):
        rule = b.next_nonblank(index + 1)
        if rule is not None and _RULE.match(b.text(rule)):
            return Header("markdown", rule, cells.columns_of(_pipe_cells(text)))
        return None
    if line.tab:
        last = _tab_group_end(b, index)
        group = [b.text(i) for i in range(index, last + 1)]
        keys = {cells.header_key(c) for c in group} - {None}
        if re.match(r"^序\s*号", text) or (len(keys) >= 2 and len(keys) == len(group)):
            return Header("tab", last, cells.columns_of(group))
        return None
    if cells.header_key(text) is not None:
        run, last = _header_run(b, index)
        if len({cells.header_key(c) for c in run}) >= 2:
            return Header("lines", last, cells.columns_of(run))
    if re.match(r"^序\s*号", text) and len(HEADER_WORDS.findall(text)) >= 2:
        columns = [cells.column_key(m.group(0)) for m in HEADER_WORDS.finditer(text)]
        return Header("inline", index, tuple(dict.fromkeys(columns)))
    return None


def _tab_separated(text: str) -> list[str] | None:
    found = [cell.strip() for cell in text.split("\t")]
    keys = [cells.header_key(c) for c in found if c]
    if len(set(keys) - {None}) >= 2 and keys.count(None) * 2 < len(keys):
        return found
    return None


def _header_run(b: Builder, index: int) -> tuple[list[str], int]:
    """Consecutive lines (blank lines between allowed) that are each one header cell."""
    run = [b.text(index)]
    last = index
    following = b.next_nonblank(index + 1)
    while following is not None and cells.header_key(b.text(following)) is not None \
            and not b.lines[following].tab:
        run.append(b.text(following))
        last = following
        following = b.next_nonblank(following + 1)
    return run, last


def _tab_group_end(b: Builder, index: int) -> int:
    last = index
    while last + 1 < len(b.lines) and b.lines[last + 1].tab:
        last += 1
    return last


def start(b: Builder, index: int, header: Header) -> int:
    """Open the table whose header is at ``index``."""
    state = b.state
    state.in_front = False
    state.table = Table(header.style, header.columns)
    if not state.stack or state.stack[0].rank != ANNEX_RANK:
        # a table without a 附件 line: its title line above, if any, names the annex
        if b.units and b.units[-1].kind in ("body", "title", "heading", "preamble"):
            prev = b.units[-1]
            prev_text = b.text(prev.first)
            if prev.first == prev.last and is_title_line(prev_text):
                b.units.pop()
                b.annex_stack(prev_text, "annex1")
                b.emit(prev.first, prev.last, ClauseKind.ANNEX, path=b.path(), id_parts=b.ids())
    return b.emit(index, header.last, ClauseKind.TABLE_HEADER, path=b.path(), id_parts=b.ids(),
                  leaf="header")


def step(b: Builder, index: int) -> int | None:
    """A row (or a note) of the open table; ``None`` closes the table."""
    table = b.state.table
    assert table is not None
    line = b.lines[index]
    text = line.text
    if table.style == "pipe":
        return boxes.pipe_step(b, index)
    if table.style == "tab":
        if line.tab:
            last = _tab_group_end(b, index)
            found = [b.text(i) for i in range(index, last + 1)]
            return row(b, index, last, dict(zip(table.columns, found, strict=False)))
    elif table.style == "tabs" and "\t" in text:
        found = [cell.strip() for cell in text.split("\t")]
        found += [""] * (len(table.columns) - len(found))
        return row(b, index, index, dict(zip(table.columns, found, strict=False)))
    elif table.style == "markdown" and text.startswith("|"):
        if _RULE.match(text):
            return b.emit(index, index, ClauseKind.TABLE_HEADER, path=b.path(),
                          id_parts=b.ids(), leaf="header")
        found = _pipe_cells(text)
        found += [""] * (len(table.columns) - len(found))
        if len(table.columns) > 2 and found[0] and not any(found[1:]):
            return _group(b, index)           # | 服务效能 | | |: a label over the rows below
        return row(b, index, index, dict(zip(table.columns, found, strict=False)))
    elif table.style in ("inline", "lines") and not _ends_table(b, index):
        if _NOTE.match(text):
            return _note(b, index)
        if table.style == "inline":
            return row(b, index, index, cells.split_inline(text, table.last_number,
                                                          b.state.titles))
        return _lines_row(b, index)
    if _NOTE.match(text) and table.style != "inline" and not _ends_table(b, index):
        return _note(b, index)
    b.state.table = None
    return None


def _group(b: Builder, index: int) -> int:
    kind = ClauseKind.BOX if b.state.box_open else ClauseKind.BODY
    return b.emit(index, index, kind, path=b.path(), id_parts=b.ids(), leaf="group")


def _note(b: Builder, index: int) -> int:
    return b.emit(index, index, ClauseKind.BODY, path=b.path(), id_parts=b.ids(), leaf="note")


def _ends_table(b: Builder, index: int) -> bool:
    line = b.lines[index]
    heading = line.mark is not None and not re.match(r"^\d", line.text)
    return heading or bool(ANNEX.match(line.text)) or bool(BOX.match(line.text)) \
        or line.shape is not Shape.TEXT


def _lines_row(b: Builder, index: int) -> int | None:
    """A row written one cell per line: its number line, then up to one line per other column
    before the next number."""
    table = b.state.table
    assert table is not None
    number = b.text(index) if cells.is_number(b.text(index)) else ""
    content = [] if number else [b.text(index)]
    want = len([c for c in table.columns if c != "number"])
    last = index
    following = b.next_nonblank(index + 1)
    while (following is not None and len(content) < want
           and not cells.is_number(b.text(following)) and not _ends_table(b, following)
           and not _NOTE.match(b.text(following))):
        content.append(b.text(following))
        last = following
        following = b.next_nonblank(following + 1)
    return row(b, index, last, cells.assign(table.columns, number, content))


def row(b: Builder, first: int, last: int, found: dict[str, str], *,
        keys_known: bool = True) -> int:
    """Emit a row; its path ends with the task it belongs to (an empty task cell continues the
    task above)."""
    table = b.state.table
    assert table is not None
    number = found.get("number", "")
    if number.isdigit():
        table.last_number = int(number)
    if keys_known and found.get("task"):
        table.task = found["task"]
    path = b.path()
    if keys_known and table.task:
        path = (*path, table.task)
    return b.emit(first, last, ClauseKind.TABLE_ROW, path=path, id_parts=b.ids(),
                  number=number or None, cells=tuple(found.items()), leaf="row")
