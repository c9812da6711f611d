"""Re-flowing hard-wrapped lines: text extracted from a PDF breaks every paragraph at the page
width, so a line that runs to that width and ends mid-sentence is continued by the next.

A document is hard-wrapped when many of its lines share one width and most of those end without
a sentence end. Only then are lines joined, and only a full-width line with an open end to a
following text line that does not start a provision of its own (an enumeration mark, a list item):
headings, list items and table cells are never re-flowed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from .lines import Line, Shape
from .marks import mark_of

_OPEN_END = "。；;！!？?：:"         # a line ending with one of these ends its sentence
_MIN_LINES = 8                      # fewer text lines say nothing about a page width
_MIN_WIDTH = 30                     # display width of the narrowest page counted as wrapped
# Over the 229 corpus files the PDF-extracted Jinan measures have 48% of their text lines within
# a few columns of their commonest width, 90% of those ending mid-sentence; the next file has
# 17% and 0%. Halfway between:
_FULL_SHARE = 0.3
_OPEN_SHARE = 0.5
# A paragraph's first line is indented two characters (4 columns) and half-width digits and
# spaces shorten lines a little more: in the Jinan measures first lines run 50-56 of 56 columns.
_SLACK = 6
_LIST_ITEM = re.compile(r"^(?:——|—{2}|--)")


def reflow(lines: Sequence[Line]) -> tuple[Line, ...]:
    """``lines`` with each hard-wrapped paragraph made one :class:`Line` (``wrapped``)."""
    width = _page_width(lines)
    if width is None:
        return tuple(lines)
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        last = index
        while (last + 1 < len(lines) and _continues(lines[last], lines[last + 1], width)):
            last += 1
        if last == index:
            out.append(line)
        else:
            out.append(_joined(lines[index:last + 1]))
        index = last + 1
    return tuple(out)


def _page_width(lines: Sequence[Line]) -> int | None:
    """The width a hard-wrapped text breaks its lines at, or ``None`` when it is not wrapped."""
    text_lines = [line for line in lines if line.shape is Shape.TEXT]
    if len(text_lines) < _MIN_LINES:
        return None
    sizes = [line.width for line in text_lines]       # each line measured once
    widths = Counter(size // 2 for size in sizes if size >= _MIN_WIDTH)
    if not widths:
        return None
    width = max(widths, key=lambda w: (widths[w], w)) * 2
    full = [line for line, size in zip(text_lines, sizes, strict=True)
            if _is_full(size, width)]
    open_ended = [line for line in full if line.text[-1] not in _OPEN_END]
    if (len(full) < _FULL_SHARE * len(text_lines)
            or len(open_ended) < _OPEN_SHARE * len(full)):
        return None
    return width


def _is_full(size: int, width: int) -> bool:
    """A line of display width ``size`` runs to the page width."""
    return width - _SLACK <= size <= width + 2


def _continues(line: Line, following: Line, width: int) -> bool:
    return (line.shape is Shape.TEXT and following.shape is Shape.TEXT
            and _is_full(line.width, width) and line.text[-1] not in _OPEN_END
            and following.mark is None and not _LIST_ITEM.match(following.text)
            and not following.tab and not following.heading)


def _joined(lines: Sequence[Line]) -> Line:
    text = lines[0].text
    for line in lines[1:]:
        space = " " if text[-1:].isascii() and text[-1:].isalnum() and line.text[:1].isascii() \
            and line.text[:1].isalnum() else ""
        text += space + line.text
    first, last = lines[0], lines[-1]
    return replace(first, end=last.end, text=text, mark=mark_of(text), wrapped=True)
