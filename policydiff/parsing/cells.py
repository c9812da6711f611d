"""Cells of a table row from their shapes, when the layout does not separate them.

A row copied from a web page loses its empty cells (a task left blank continues the task above),
and a row run together on one line (1加强服务新区…区科技局、区工业和信息化局) has no separators
at all. What each cell is can still be told from what it looks like: a number, a short title (the
task), sentences (the work), a list of organisations (the units), a date (the deadline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import combinations

from ..vocabulary import COLUMN_NAMES, HEADER_WORDS
from .marks import MAX_LEAD

_UNIT_ITEM = re.compile(
    r"^[^。；，,]{1,24}"
    r"(?:局|委|办|部门|政府|会|中心|公司|院|所|组|处|室|队|站|行|海关|集团|街镇|管委会|单位|筹)$"
)
_DEADLINE = re.compile(
    r"^(?:(?:19|20)\d\d\s*年|长期|持续|每年|\d{1,2}\s*月|年底|.{0,12}(?:年底|月底|前)$)")
_CONNECTORS = re.compile(r"[和及与/、（）()]")
_NUMBER = re.compile(r"^\d{1,3}$")
# Columns a row may leave empty, the likeliest first: an empty task continues the one above.
_SKIPPABLE = ("task", "deadline", "units", "work")


def column_key(header: str) -> str:
    """The column a header cell names (``number``, ``task``, ``work``, ``units``,
    ``deadline``), or the header itself for other tables (指标名称, 2025年)."""
    compact = re.sub(r"\s+", "", header)
    for key, pattern in COLUMN_NAMES:
        if pattern.search(compact):
            return key
    return compact


def header_key(cell: str) -> str | None:
    """The column of a cell that is nothing but a header word, else ``None``."""
    compact = re.sub(r"\s+", "", cell)
    if not compact or len(compact) > 12 or not HEADER_WORDS.match(compact):
        return None
    if _CONNECTORS.sub("", HEADER_WORDS.sub("", compact)):
        return None                 # 重点任务分工: a title that starts with a header word
    key = column_key(compact)
    return None if key == compact else key


def columns_of(headers: Iterable[str]) -> tuple[str, ...]:
    """Column keys for header cells; a key taken already (牵头单位, then 配合单位) keeps the
    header's own words."""
    keys: list[str] = []
    for header in headers:
        key = column_key(header)
        keys.append(key if key not in keys else re.sub(r"\s+", "", header))
    return tuple(keys)


def is_number(text: str) -> bool:
    return bool(_NUMBER.match(text))


def is_units(text: str) -> bool:
    items = [item.strip() for item in re.split(r"[、，,；;]", text) if item.strip()]
    return bool(items) and sum(bool(_UNIT_ITEM.match(item)) for item in items) * 2 >= len(items)


def _fit(text: str, column: str) -> float:
    if column == "units":
        return 3.0 if is_units(text) else -3.0
    if column == "deadline":
        return 3.0 if len(text) <= 20 and _DEADLINE.match(text) else -3.0
    if column == "task":
        return 2.0 if len(text) <= MAX_LEAD and not re.search(r"[。；;]", text) else -2.0
    if column == "work":
        return 1.0 if len(text) > MAX_LEAD or re.search(r"[。；;]$", text) else 0.0
    return 0.0


def assign(columns: Sequence[str], number: str, content: Sequence[str]) -> dict[str, str]:
    """Cells for a row whose number and content lines (one per non-empty cell, in column order)
    are known but not which columns the content lines fill."""
    others = [c for c in columns if c != "number"]
    cells = {c: "" for c in columns}
    if "number" in cells:
        cells["number"] = number
    if not others:
        return cells
    lines = list(content)
    if len(lines) > len(others):          # a cell over several lines: the work takes the rest
        at = others.index("work") if "work" in others else len(others) - 1
        tail = len(others) - at - 1
        middle = lines[at:len(lines) - tail]
        lines = [*lines[:at], "\n".join(middle), *lines[len(lines) - tail:]]
    best: tuple[float, tuple[str, ...]] | None = None
    for kept in combinations(others, len(lines)):
        skipped = [c for c in others if c not in kept]
        score = sum(_fit(text, column) for text, column in zip(lines, kept, strict=True))
        score -= sum(_SKIPPABLE.index(c) * 0.01 if c in _SKIPPABLE else 0.05 for c in skipped)
        if best is None or score > best[0]:
            best = (score, kept)
    assert best is not None
    for text, column in zip(lines, best[1], strict=True):
        cells[column] = text
    return cells


def split_inline(text: str, last_number: int, titles: Iterable[str]) -> dict[str, str]:
    """A whole row run together (1加强服务新区重大产业能力建设围绕…区科技局、区工业和信息化局):
    split number, task, work and units by their shapes."""
    cells = {"number": "", "task": "", "work": "", "units": ""}
    number_match = re.match(r"^(\d{1,3})(?=\D)", text)
    rest = text
    if number_match and int(number_match.group(1)) == last_number + 1:
        cells["number"] = number_match.group(1)
        rest = text[number_match.end():]
        task = _task_prefix(rest, titles)
        if task:
            cells["task"] = task
            rest = rest[len(task):]
    cells["work"], cells["units"] = split_units(rest)
    return cells


def _task_prefix(rest: str, titles: Iterable[str]) -> str:
    # 打造质量管理体系认证“升级版”打造质量管理体系认证“升级版”。运用…: the task repeated as
    # the work's lead sentence.
    for size in range(min(MAX_LEAD, len(rest) // 2), 1, -1):
        head = rest[:size]
        if rest.startswith(head, size) and not re.search(r"[。；;]", head):
            return head
    best = ""
    for title in titles:
        if rest.startswith(title) and len(title) > len(best) and len(rest) > len(title):
            best = title
    return best


def split_units(text: str) -> tuple[str, str]:
    """Split the trailing list of responsible units off a run-together row: the part after the
    last sentence end that reads as 区市场监管局、区工业和信息化局…"""
    cut = max(text.rfind(ch) for ch in "。；;")
    head, tail = (text[:cut + 1], text[cut + 1:]) if cut >= 0 else ("", text)
    if not tail:
        return text, ""
    items = [item for item in re.split(r"[、，,]", tail) if item]
    units = sum(bool(_UNIT_ITEM.match(item.strip())) for item in items)
    if items and units >= max(1, len(items) // 2):
        return head, tail
    # No sentence end before the units: find where the first unit name starts.
    match = re.search(r"(?:区|市)[^、。；]{1,14}(?:局|委|办|政府)(?:、[^、。；]{1,20})+$", text)
    if match and match.start() > 0:
        return text[:match.start()], text[match.start():]
    return text, ""
