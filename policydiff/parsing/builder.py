"""Pass 2: the clause tree from the line records, one grammar at a time.

The builder walks the lines of pass 1 and keeps a stack of open headings. At each line it asks
the grammars in a fixed order (page fields, an open table, a 目录, a table header, the front matter,
then the body: annexes, boxes, enumeration marks, list items); the first that claims the line
emits a unit: a span of lines with its kind, path and id parts. Units that say something about
the document (its notice title, 文号, signature, history) carry a ``role`` that
:func:`policydiff.metadata.assemble` reads; nothing is collected as a side effect.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import metadata as meta
from ..document import ClauseKind, SkipReason
from . import boxes, front, tables
from .lines import Line, Shape
from .marks import ANNEX_RANK, ARTICLE_RANK, BARE_DIVISION, Mark, lead, squeeze

Kind = ClauseKind | SkipReason


@dataclass(slots=True)
class Unit:
    """A span of lines that becomes one clause (or one skipped span)."""

    first: int                        # index of its first line
    last: int                         # index of its last line
    kind: Kind
    path: tuple[str, ...] = ()
    id_parts: tuple[str, ...] = ()
    number: str | None = None
    cells: tuple[tuple[str, str], ...] = ()
    leaf: str | None = None           # id suffix kind for unnumbered units (p, li, row…)
    role: str | None = None           # what it says about the document, for the metadata
    value: str = ""                   # …and the value it says (a date, a 文号, a field)


@dataclass(slots=True)
class Open:
    rank: int
    label: str        # the path element, e.g. "（一）指导思想"
    id_part: str      # e.g. "1", "art21", "box1"
    item: bool = False  # an enumerated item (项) inside an article: text after it is the article's


@dataclass(slots=True)
class State:
    stack: list[Open] = field(default_factory=list)
    in_front: bool = True
    table: tables.Table | None = None
    toc_first: str | None = None
    box_open: bool = False
    titles: set[str] = field(default_factory=set)   # heading titles seen, to find table tasks


class Builder:
    """Turns pass-1 lines into units; the grammar modules call back into it."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self.units: list[Unit] = []
        self.state = State()

    def run(self) -> list[Unit]:
        index = 0
        while index < len(self.lines):
            index = self._step(index)
        _detach_closing(self.units)
        return self.units

    # -- helpers the grammars share --

    def emit(self, first: int, last: int, kind: Kind, **extra: object) -> int:
        self.units.append(Unit(first, last, kind, **extra))  # type: ignore[arg-type]
        return last + 1

    def text(self, index: int) -> str:
        return self.lines[index].text

    def next_nonblank(self, index: int) -> int | None:
        while index < len(self.lines):
            if self.lines[index].text:
                return index
            index += 1
        return None

    def open(self, rank: int, label: str, id_part: str) -> None:
        stack = self.state.stack
        while stack and stack[-1].rank >= rank:
            stack.pop()
        stack.append(Open(rank, label, id_part))

    def path(self) -> tuple[str, ...]:
        return tuple(item.label for item in self.state.stack)

    def ids(self) -> tuple[str, ...]:
        return tuple(item.id_part for item in self.state.stack)

    # -- one step: classify the line at ``index`` (and any that belong with it) --

    def _step(self, index: int) -> int:
        line = self.lines[index]
        state = self.state
        if line.shape is Shape.BLANK and not (line.tab and state.table is not None
                                              and state.table.style == "tab"):
            return index + 1              # blank lines join the unit before them
        if line.shape is Shape.FURNITURE:
            return self.emit(index, index, SkipReason.PAGE_FURNITURE)
        if line.shape is Shape.MARKUP:
            return self.emit(index, index, SkipReason.MARKUP)
        if line.field is not None and state.in_front:
            return self.emit(index, index, SkipReason.PAGE_METADATA, role="field",
                             value="\t".join(line.field))
        if state.table is not None:
            consumed = tables.step(self, index)
            if consumed is not None:
                return consumed
        if state.toc_first is not None or front.TOC.match(line.text):
            consumed = front.toc_step(self, index)
            if consumed is not None:
                return consumed
        header = tables.header_at(self, index)
        if header is not None:
            return tables.start(self, index, header)
        if state.in_front:
            consumed = front.step(self, index)
            if consumed is not None:
                return consumed
        return self._body_step(index)

    # -- the body --

    def _body_step(self, index: int) -> int:
        line = self.lines[index]
        text = line.text
        state = self.state
        consumed = boxes.step(self, index)
        if consumed is not None:
            return consumed
        if line.mark is not None and not self._reference(line.mark, text):
            state.in_front = False
            return self._heading(index, line.mark)
        if BARE_DIVISION.match(text) and not state.stack:
            # 总则 alone over the first articles of a short act: a heading that opens nothing
            state.in_front = False
            return self.emit(index, index, ClauseKind.HEADING, path=(squeeze(text),),
                             leaf="division")
        if front.LIST_ITEM.match(text):
            return self.emit(index, index, ClauseKind.LIST_ITEM,
                             path=self.path(), id_parts=self.ids(), leaf="li")
        if meta.DATE_LINE.match(text) or front.PUBLICATION_NOTE.match(text):
            return self.emit(index, index, ClauseKind.SIGNATURE, path=(), id_parts=(),
                             leaf="signature")
        if state.in_front or not state.stack:
            return self.emit(index, index, ClauseKind.PREAMBLE, leaf="preamble")
        while state.stack and state.stack[-1].item:
            state.stack.pop()
        if boxes.annex_title(self, index):
            return index + 1
        return self.emit(index, index, ClauseKind.BODY, path=self.path(), id_parts=self.ids(),
                         leaf="p")

    def _reference(self, mark: Mark, text: str) -> bool:
        """Whether an article mark opening a line is a cross-reference in a paragraph of the
        open article, not an article of its own: 第八條　第六條各類高級中學及前條完全中學… is
        followed by a paragraph 第六條各類高級中學之課程標準…, which read as an article made a
        second article 6 (and took the paragraph out of article 8). An article's own mark is
        set off from its text (a space, a colon) or continues the numbering; a reference runs
        into the sentence and points back, at the open article or before it."""
        after = text[mark.end:mark.end + 1]
        if mark.kind != "article" or not after or after in _MARK_ENDS:
            return False
        open_articles = [item.id_part for item in self.state.stack if item.rank == ARTICLE_RANK]
        return bool(open_articles) and _order(mark.id_part) <= _order(open_articles[-1])

    def _heading(self, index: int, mark: Mark) -> int:
        text = self.lines[index].text
        number = mark.number
        rest = text[mark.end:].strip(" \t\u3000")
        state = self.state
        state.box_open = False
        title, has_more = lead(rest)
        kind = ClauseKind.BODY
        if mark.kind in ("part", "chapter", "section"):
            label = f"{number} {squeeze(rest)}".strip()
            kind = ClauseKind.HEADING
        elif mark.kind == "article":
            label = number
        elif title is not None:
            label = f"{number}{title}"
            kind = ClauseKind.BODY if has_more else ClauseKind.HEADING
            state.titles.add(title)
        else:
            label = number
            kind = ClauseKind.BODY if rest else ClauseKind.HEADING
        in_article = any(item.rank == ARTICLE_RANK for item in state.stack) and mark.rank > 3
        if in_article:
            kind = ClauseKind.LIST_ITEM       # （一）… inside 第X条 is an enumerated item (项)
        self.open(mark.rank, label, mark.id_part)
        state.stack[-1].item = in_article
        return self.emit(index, index, kind, path=self.path(), id_parts=self.ids(),
                         number=number)

    def annex_stack(self, label: str, id_part: str) -> None:
        """Start an annex: it closes every open heading."""
        self.state.stack = [Open(ANNEX_RANK, label, id_part)]


# What sets an article's own mark off from its text, when anything does (第一条为维护… runs on).
_MARK_ENDS = frozenset(" \t\u3000:：.．、")


def _order(id_part: str) -> tuple[int, ...]:
    """An article id part (art12, art12-1 for 第十二條之一) as a sortable number."""
    return tuple(int(n) for n in id_part.removeprefix("art").split("-") if n.isdigit())


def _detach_closing(units: list[Unit]) -> None:
    """The closing paragraphs of a plan (各区、各有关部门要加强组织领导…) follow its last item
    but belong to the whole document: unnumbered paragraphs at the end, under an item of a depth
    at which no other item of the document has a paragraph of its own, leave that item."""
    end = len(units)
    while end and (isinstance(units[end - 1].kind, SkipReason)
                   or units[end - 1].kind == ClauseKind.SIGNATURE):
        end -= 1
    begin = end
    while begin and units[begin - 1].kind == ClauseKind.BODY and units[begin - 1].leaf == "p":
        begin -= 1
    closing = units[begin:end]
    if not closing or len({u.id_parts for u in closing}) != 1 or not closing[0].id_parts:
        return
    depth = len(closing[0].id_parts)
    if any(u.leaf == "p" and len(u.id_parts) == depth for u in units[:begin]):
        return
    for unit in closing:
        unit.path, unit.id_parts = (), ()
