"""The records a parsed document is made of.

A :class:`Document` keeps its full text; every :class:`Clause` and every :class:`Skipped` span
points into it by character offsets, and together they cover the text exactly once. Later stages
compare clause texts; reports quote them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ClauseKind(str, Enum):
    """What a clause is. A ``str`` so that ``clause.kind == "table_row"`` and the JSON value
    (``"table_row"``) keep working."""

    TITLE = "title"                 # the document's own title (possibly over several lines)
    NOTICE = "notice"               # the 关于印发…的通知 wrapper: its title, addressees, 现将…印发
    SIGNATURE = "signature"         # issuer and date lines under a notice or at the end
    PREAMBLE = "preamble"           # text before the first heading (为…，制定本方案。)
    HEADING = "heading"             # a heading line with no text of its own (一、总体要求)
    BODY = "body"                   # a paragraph; may open with its heading ((一)指导思想。以…)
    LIST_ITEM = "list_item"         # —— 市场主导，政府引导。…
    BOX = "box"                     # 专栏 titles and the lines inside the box
    TABLE_HEADER = "table_header"   # 序号 任务 重点工作 牵头单位
    TABLE_ROW = "table_row"         # one row of an annex table, with its cells kept apart
    ANNEX = "annex"                 # 附件 / 附件：重点任务分工 lines
    HISTORY = "history"             # a law's adoption and amendment history (…通过 / …修正)
    TOC = "toc"                     # a law's 目录 and its entries

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class SkipReason(str, Enum):
    """Why a span of the text is not in any clause."""

    BLANK = "blank"                         # blank lines before the first clause
    PAGE_FURNITURE = "page-furniture"       # navigation, share buttons, page numbers (— 2 —)
    PAGE_METADATA = "page-metadata"         # the labelled fields of a web page (索引号：…)
    PUBLICATION_NOTE = "publication-note"
    MARKUP = "markup"                       # <!-- comments -->, Markdown heading marks (## )
    INVISIBLE = "invisible"                 # zero-width characters at a clause's edges

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


@dataclass(frozen=True, slots=True)
class Clause:
    """A paragraph-level unit of a document, the unit that alignment pairs."""

    id: str
    """Unique within its document and stable across runs: derived from the path, not a counter."""
    path: tuple[str, ...]
    """Headings from the top; the clause's own heading last when it has one."""
    kind: ClauseKind
    text: str
    """The clause text as in the document, surrounding whitespace trimmed."""
    start: int
    """Offset of the clause's span in ``Document.text`` (the span may include trailing blanks)."""
    end: int
    number: str | None = None
    """The enumeration mark as written: ``"（一）"``, ``"1．"``, ``"第二十一条"``, ``"专栏1"``."""
    cells: tuple[tuple[str, str], ...] = ()
    """For table rows: (column, cell text) pairs; task-division tables use the columns
    ``number``, ``task``, ``work`` and ``units``."""

    def cell(self, column: str) -> str:
        """The text of one cell of a table row, ``""`` when the row has no such cell."""
        for name, value in self.cells:
            if name == column:
                return value
        return ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A span of the text that is not a provision (page furniture, blank lines), kept so nothing
    is lost silently."""

    start: int
    end: int
    reason: SkipReason
    text: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a document says about itself."""

    title: str | None = None
    """The document's own title, without the 关于印发…的通知 wrapper."""
    notice_title: str | None = None
    """The wrapper's title (天津市人民政府关于印发…的通知) when there is one."""
    doc_number: str | None = None
    """文号 as written, e.g. 津滨政发〔2019〕16号."""
    issuer: str | None = None
    date: str | None = None
    """ISO date of issue (成文日期), YYYY-MM-DD."""
    cites: tuple[str, ...] = ()
    """Documents the text cites: 《titles》 and 文号 as written, in order of first mention."""
    fields: tuple[tuple[str, str], ...] = ()
    """Labelled fields of a saved web page (索引号, 发布机构, 文号, 成文日期…) as found."""


@dataclass(frozen=True, slots=True)
class Document:
    """A read and parsed document: its text, metadata and clause tree (a flat list with
    paths)."""

    source: str
    text: str
    metadata: Metadata = field(default_factory=Metadata)
    clauses: tuple[Clause, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    @property
    def title(self) -> str | None:
        return self.metadata.title

    def clause(self, clause_id: str) -> Clause:
        """The clause with this id; ``KeyError`` names the id when there is none."""
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(f"{self.source}: no clause with id {clause_id!r}")
