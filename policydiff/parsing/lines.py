"""Pass 1: each line of the text on its own, as a small frozen record.

A line's shape is what it is without context: blank, page furniture (navigation, share buttons,
page numbers), markup, a labelled page field, or text; text lines carry the enumeration mark they
start with. Markdown heading marks (``## ``) and zero-width characters are not line text: the
record keeps where the text starts (``lead``) so pass 2 can report them as skipped spans.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from ..vocabulary import IGNORABLE, PAGE_FIELD, visible
from .marks import Mark, mark_of


class Shape(Enum):
    BLANK = "blank"
    FURNITURE = "furniture"
    MARKUP = "markup"
    FIELD = "field"
    TEXT = "text"


FURNITURE = re.compile(
    r"^(?:当前位置|您现在的位置|您的位置|首页\s*[>＞])|扫一扫在手机打开当前页|全国各省市政府网站|"
    r"各区政府网站$|政府系统网站$|^重点链接$|^相关链接$|打印本页|关闭窗口|[【\[]\s*(?:打印|关闭)\s*[】\]]|"
    r"^网站地图|版权所有|主办单位[:：]|ICP备|^联系我们$|^分享到|^字号[:：]|^【字体"
    r"|^[—–－-]\s*\d{1,4}\s*[—–－-]$"            # a printed page number: — 2 —
)
_MARKUP = re.compile(r"^<!--.*-->$")
_MD_HEADING = re.compile(r"^#{1,6}[ \t\u3000]+")
_HALF_PUNCTUATION = frozenset(",;:()!?")


class _WideTable(dict[int, str | None]):
    """A ``str.translate`` table that keeps the characters counting two columns and deletes the
    others, filled per character on first sight: a line's width is then two C passes over it
    instead of a Python generator calling ``unicodedata`` per character (the flagship pair's
    re-flow check took 29 ms of a 36 ms parse that way). It holds at most one entry per distinct
    character, so it is bounded by the character set, not by the texts."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        wide = char in _HALF_PUNCTUATION or unicodedata.east_asian_width(char) in "WF"
        self[code] = value = char if wide else None
        return value


_WIDE = _WideTable()
# Blocks wide throughout (CJK ideographs and extension A, CJK punctuation, full-width forms):
# removed by one regex pass first, so that only the few other characters of a Chinese line go
# through the table (tests/test_parsing.py checks that every character here is W or F).
WIDE_BLOCKS = "\u3000-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6"
_WIDE_RUN = re.compile(f"[{WIDE_BLOCKS}]+")
_STRIP = f" \t\r\u3000\u00a0\f\v{IGNORABLE}"


@dataclass(frozen=True, slots=True)
class Line:
    """One line (or, after re-flowing, one hard-wrapped paragraph) of the text."""

    start: int          # offset of the line in the text
    end: int            # offset after the line (before its "\n")
    raw: str            # the line as in the text (for a re-flowed paragraph: its first line)
    text: str           # what the line says: stripped, without Markdown marks or zero-width chars
    shape: Shape
    lead: int = 0       # offset of ``text``'s first character from ``start``
    heading: int = 0    # Markdown heading level (## → 2), 0 for none
    mark: Mark | None = None
    field: tuple[str, str] | None = None
    wrapped: bool = False   # a paragraph re-flowed from several hard-wrapped lines

    @property
    def tab(self) -> bool:
        """One cell of a table written one cell per line with a tab indent."""
        return self.raw.startswith("\t")

    @property
    def width(self) -> int:
        """Display width: full-width characters count two, and so do the half-width
        punctuation marks Chinese text uses in their place (, ; : ( ) ! ?)."""
        rest = _WIDE_RUN.sub("", self.text)
        return 2 * len(self.text) - len(rest) + len(rest.translate(_WIDE))


def classify(text: str, furniture: Iterable[tuple[int, int]] = ()) -> tuple[Line, ...]:
    """Every line of ``text`` as a :class:`Line`; ``furniture`` are spans a reader knows to be
    page furniture."""
    spans = sorted(furniture)
    lines = []
    offset = 0
    for raw in text.split("\n"):
        lines.append(_line(raw, offset, spans))
        offset += len(raw) + 1
    return tuple(lines)


def _line(raw: str, offset: int, furniture: list[tuple[int, int]]) -> Line:
    stripped = raw.lstrip(_STRIP)
    heading = 0
    if stripped.startswith("#"):
        md = _MD_HEADING.match(stripped)
        if md:
            heading = len(md.group(0).rstrip(" \t\u3000"))
            stripped = stripped[md.end():].lstrip(_STRIP)
    lead = len(raw) - len(stripped)
    text = visible(stripped).strip()
    end = offset + len(raw)
    if not text:
        return Line(offset, end, raw, "", Shape.BLANK, lead, heading)
    in_furniture = any(s <= offset and end <= e for s, e in furniture)
    if in_furniture or FURNITURE.search(text):
        return Line(offset, end, raw, text, Shape.FURNITURE, lead, heading)
    if _MARKUP.match(text):
        return Line(offset, end, raw, text, Shape.MARKUP, lead, heading)
    field = PAGE_FIELD.match(text)
    if field:
        label = re.sub(r"\s+", "", field.group("label"))
        return Line(offset, end, raw, text, Shape.FIELD, lead, heading, mark_of(text),
                    (label, field.group("value").strip()))
    return Line(offset, end, raw, text, Shape.TEXT, lead, heading, mark_of(text))
