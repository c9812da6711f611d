"""Turning a document's text into metadata and a clause tree.

Chinese policy and legal texts announce their structure with enumeration marks
(一、 （一） 1． （1） ① and 第X编/章/节/条), 专栏 boxes, —— list items and annex
tables. The parser walks the text line by line, keeps a stack of open headings, and emits
one unit per line group. Every character of the
text ends up in exactly one clause or one skipped span, so nothing is lost silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from . import metadata as meta
from .document import Clause, ClauseKind, Document, Metadata, Skipped, SkipReason
from .numerals import CHINESE_DIGITS, chinese_to_int

# --- enumeration marks -------------------------------------------------------------------------

_CN = f"[{CHINESE_DIGITS}]+"
_WS = "[ \t\u3000\u00a0\u200b\ufeff]"


@dataclass(frozen=True, slots=True)
class _Mark:
    rank: int       # depth in the hierarchy; smaller is higher
    kind: str       # part, chapter, section, article, cn, paren_cn, arabic, paren_arabic, circled
    regex: re.Pattern[str]


_MARKS = (
    _Mark(0, "part", re.compile(rf"第(?P<n>{_CN}|\d+)[编編]")),
    _Mark(1, "chapter", re.compile(rf"第(?P<n>{_CN}|\d+)章")),
    _Mark(2, "section", re.compile(rf"第(?P<n>{_CN}|\d+)[节節]")),
    _Mark(3, "article", re.compile(rf"第(?P<n>{_CN}|\d+)[条條](?:之(?P<sub>{_CN}))?")),
    _Mark(4, "cn", re.compile(rf"(?P<n>{_CN})[、]")),
    _Mark(5, "paren_cn", re.compile(rf"[（(](?P<n>{_CN})[）)]")),
    _Mark(6, "arabic", re.compile(r"(?P<n>\d{1,3})(?:[．、]|\.(?!\d))")),
    _Mark(7, "paren_arabic", re.compile(r"[（(](?P<n>\d{1,3})[）)]")),
    _Mark(8, "circled", re.compile(r"(?P<n>[①-⑳])")),
)
_BOX_RANK = 9
_ANNEX_RANK = -1
_MAX_LEAD = 40          # a heading's title is at most this long; longer first sentences are text
_SENTENCE_END = "。；;！!？?"
_LEAD = re.compile(rf"^([^。；;：:！？!?]{{1,{_MAX_LEAD}}})(?:[。；;：:！？!?]|$)")

_ANNEX = re.compile(rf"^附\s*件\s*(?P<n>\d+|{_CN})?\s*(?:[:：]\s*(?P<title>.*))?$")
_BOX = re.compile(rf"^专\s*栏\s*(?P<n>\d+|{_CN})?\s*[:：　 ]?\s*(?P<title>.*)$")
_LIST_ITEM = re.compile(r"^(?:——|—{2}|--)")
_TOC = re.compile(r"^目\s*录$")

# --- lines that are not provisions -------------------------------------------------------------

_FURNITURE = re.compile(
    r"^(?:当前位置|您现在的位置|您的位置|首页\s*[>＞])|扫一扫在手机打开当前页|全国各省市政府网站|"
    r"各区政府网站$|政府系统网站$|^重点链接$|^相关链接$|打印本页|关闭窗口|[【\[]\s*(?:打印|关闭)\s*[】\]]|"
    r"^网站地图|版权所有|主办单位[:：]|ICP备|^联系我们$|^分享到|^字号[:：]|^【字体"
)
_PAGE_FIELD = re.compile(
    r"^(?P<label>名\s*称|标\s*题|索\s*引\s*号|发\s*布\s*机\s*构|发文机关|文\s*号|发文字号|主题分类|主\s*题\s*词|"
    r"成文日期|发文日期|发布日期|生成日期|有\s*效\s*性|所属机构|公开方式|信息来源|体裁分类)\s*[:：]\s*(?P<value>.*)$"
)
_MARKUP = re.compile(r"^<!--.*-->$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_HISTORY = re.compile(
    r"^(?:(?:19|20)\d\d年\d{1,2}月\d{1,2}日|(?:中華民國|中华民国|民國|民国)\s*\d{1,3}年).*"
    r"(?:通过|通過|修正|修订|修訂|公布|施行|批准|制定|修改)"
)
_PUBLICATION_NOTE = re.compile(r"^[（(]?此件.{0,8}(?:公开|公開|发布|發布)[）)]?$")
_NOTICE_BODY = re.compile(r"现将|印发给你们|现印发|请遵照执行|望遵照执行|请认真贯彻")
_ORG_SUFFIX = re.compile(
    r"(?:人民政府|委员会|委|局|办公室|办公厅|领导小组|厅|部|院|中心|政府|小组|公司)$")
_RED_HEAD = re.compile(r"(?:文件|^JNCR\S*|^[A-Z]{2,}[—\-]\d{4}[—\-]\d+)$")
_FRONT_KINDS = ("title", "notice", "signature", "history", "toc")
_PREAMBLE_START = re.compile(r"^(?:为|根据|按照|依据|依照|经)")

# --- tables ------------------------------------------------------------------------------------

_COLUMN_NAMES = (
    ("number", re.compile(r"^序\s*号")),
    ("task", re.compile(r"^(?:任务|重点任务|主要任务|工作任务)")),
    ("work", re.compile(r"^(?:重点工作|工作内容|主要内容|具体措施|工作措施|主要工作|具体任务)")),
    ("units", re.compile(r"(?:单位|部门)")),
    ("deadline", re.compile(r"^(?:完成时限|完成时间|时限|时间)")),
)
_HEADER_WORDS = re.compile(r"序\s*号|任\s*务|重点工作|工作内容|责任单位|牵头单位|参加单位|完成时限")
_UNIT_ITEM = re.compile(
    r"^(?:[各市区县]|天津|国家|中国|省)[^。；，,]{0,24}"
    r"(?:局|委|办|部门|政府|会|中心|公司|院|所|组|处|室|队|站|行|海关|集团|街镇|管委会|单位|筹)$"
)


def parse(text: str, *, source: str = "<text>",
          fields: Iterable[tuple[str, str]] = (),
          furniture: Iterable[tuple[int, int]] = ()) -> Document:
    """Parse ``text`` into a :class:`Document`.

    ``fields`` are labelled page fields a reader found (索引号, 文号, 成文日期…), ``furniture``
    spans of ``text`` a reader knows to be page furniture; plain text needs neither.
    """
    return _Parser(text, source, tuple(fields), tuple(furniture)).run()


def sentences(text: str, *, ends: str = _SENTENCE_END) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the sentences of ``text``, split after 。；！？ (and ; ! ?) but never
    inside quotes or brackets: 落实“谁出证，谁负责；谁签字，谁担责” stays one sentence. ``ends``
    changes the characters that end a piece (add ，to split into phrases)."""
    spans = []
    start = 0
    stack: list[str] = []
    for match in _special_chars(ends).finditer(text):     # only brackets, quotes and ends matter
        char = match.group(0)
        if stack and char == stack[-1]:
            stack.pop()
        elif char in _CLOSERS:
            stack.append(_CLOSERS[char])
        elif char in ends and not stack:
            end = match.end()
            if text[start:end].strip():
                spans.append((start, end))
            start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans)


_CLOSERS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》",
            "〔": "〕", "【": "】", "[": "]", "〈": "〉"}


@lru_cache(maxsize=16)
def _special_chars(ends: str) -> re.Pattern[str]:
    chars = set(ends) | set(_CLOSERS) | set(_CLOSERS.values())
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


# --- the parser --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    start: int          # offset of the line in the text
    end: int            # offset after the line (before its "\n")
    raw: str
    text: str           # stripped, markdown heading marks removed


@dataclass(slots=True)
class _Unit:
    first: int                        # index of its first line
    last: int                         # index of its last line
    kind: str                         # a ClauseKind, or "skip:<reason>"
    path: tuple[str, ...] = ()
    id_parts: tuple[str, ...] = ()
    number: str | None = None
    cells: tuple[tuple[str, str], ...] = ()
    leaf: str | None = None           # id suffix kind for unnumbered units (p, li, row…)


@dataclass(slots=True)
class _Open:
    rank: int
    label: str        # the path element, e.g. "（一）指导思想"
    id_part: str      # e.g. "1", "art21", "box1"
    item: bool = False  # an enumerated item (项) inside an article: text after it is the article's


@dataclass(slots=True)
class _Table:
    style: str                        # "tab" | "inline" | "pipe"
    columns: tuple[str, ...]
    last_number: int = 0
    task: str = ""


@dataclass(slots=True)
class _State:
    stack: list[_Open] = field(default_factory=list)
    in_front: bool = True
    table: _Table | None = None
    toc_first: str | None = None
    box_open: bool = False
    titles: set[str] = field(default_factory=set)   # heading titles seen, to find table tasks


class _Parser:
    def __init__(self, text: str, source: str, fields: tuple[tuple[str, str], ...],
                 furniture: tuple[tuple[int, int], ...]) -> None:
        self.text = text
        self.source = source
        self.fields = list(fields)
        self.furniture = sorted(furniture)
        self.lines = self._split_lines(text)
        self.units: list[_Unit] = []
        self.state = _State()
        self.notice_title: str | None = None
        self.doc_number: str | None = None
        self.signature_issuer: str | None = None
        self.signature_date: str | None = None
        self.history_dates: list[str] = []
        self.markdown_title: str | None = None
        self.red_head_issuer: str | None = None

    # -- line handling --

    @staticmethod
    def _split_lines(text: str) -> list[_Line]:
        lines = []
        offset = 0
        for raw in text.split("\n"):
            stripped = raw.strip().strip("\u200b\ufeff").strip()
            stripped = _MD_HEADING.sub("", stripped) if stripped.startswith("#") else stripped
            lines.append(_Line(offset, offset + len(raw), raw, stripped))
            offset += len(raw) + 1
        return lines

    def _in_furniture(self, line: _Line) -> bool:
        return line.end > line.start and any(
            s <= line.start and line.end <= e for s, e in self.furniture)

    def run(self) -> Document:
        index = 0
        while index < len(self.lines):
            index = self._step(index)
        return self._build()

    def _emit(self, first: int, last: int, kind: str, **extra: object) -> int:
        unit = _Unit(first, last, kind, **extra)  # type: ignore[arg-type]
        self.units.append(unit)
        return last + 1

    def _next_nonblank(self, index: int) -> int | None:
        while index < len(self.lines):
            if self.lines[index].text:
                return index
            index += 1
        return None

    # -- one step: classify the line at ``index`` (and any that belong with it) --

    def _step(self, index: int) -> int:
        line = self.lines[index]
        text = line.text
        state = self.state
        if not text:
            return index + 1              # blank lines join the unit before them
        if self._in_furniture(line) or _FURNITURE.search(text):
            return self._emit(index, index, "skip:page-furniture")
        if _MARKUP.match(text):
            return self._emit(index, index, "skip:markup")
        field_match = _PAGE_FIELD.match(text)
        if field_match and state.in_front:
            self.fields.append((re.sub(r"\s+", "", field_match.group("label")),
                                field_match.group("value").strip()))
            return self._emit(index, index, "skip:page-metadata")
        if state.table is not None:
            consumed = self._table_step(index)
            if consumed is not None:
                return consumed
        if state.toc_first is not None or _TOC.match(text):
            consumed = self._toc_step(index)
            if consumed is not None:
                return consumed
        if self._starts_table(index):
            return self._table_header(index)
        if state.in_front:
            consumed = self._front_step(index)
            if consumed is not None:
                return consumed
        return self._body_step(index)

    # -- front matter: notice wrapper, signature, title, red head --

    def _front_step(self, index: int) -> int | None:
        text = self.lines[index].text
        if text.startswith("# ") or (self.lines[index].raw.lstrip().startswith("# ")):
            self.markdown_title = text
            return self._emit(index, index, "title")
        if _HISTORY.match(text):
            self.history_dates.extend(meta.all_iso_dates(text))
            return self._emit(index, index, "history")
        if meta.DOC_NUMBER.fullmatch(text.replace(" ", "")):
            self.doc_number = self.doc_number or re.sub(r"\s+", "", text)
            return self._emit(index, index, "notice")
        if _RED_HEAD.search(text) and len(text) <= 30:
            if text.endswith("文件") and len(text) > 4:
                self.red_head_issuer = self.red_head_issuer or re.sub(r"\s+", "", text[:-2])
            return self._emit(index, index, "notice")
        if self._mark_of(text) is not None or _BOX.match(text) or _LIST_ITEM.match(text):
            return None
        if "关于" in text and len(text) <= 80 and "。" not in text:
            last = self._notice_title_end(index)
            if last is not None:
                joined = "".join(self.lines[i].text for i in range(index, last + 1))
                self.notice_title = re.sub(r"\s+", "", joined)
                return self._emit(index, last, "notice")
        if text.endswith(("：", ":")) and not _PREAMBLE_START.match(text):
            return self._emit(index, index, "notice")
        if _NOTICE_BODY.search(text):
            return self._emit(index, index, "notice")
        if _ANNEX.match(text):
            return self._emit(index, index, "notice")
        if meta.DATE_LINE.match(text):
            self.signature_date = meta.iso_date(text)
            self._reclassify_issuer()
            return self._emit(index, index, "signature")
        if _PUBLICATION_NOTE.match(text):
            return self._emit(index, index, "signature")
        if self._is_title_line(text):
            if self.units and self.units[-1].kind == "title":
                # a title broken over several lines is one clause
                self.units[-1].last = index
                return index + 1
            return self._emit(index, index, "title")
        return None

    def _notice_title_end(self, index: int) -> int | None:
        """A 关于印发…的通知 title may run over up to four lines."""
        seen = 0
        i = index
        while i < len(self.lines) and seen < 4:
            text = self.lines[i].text
            if text:
                if "。" in text or self._mark_of(text) is not None:
                    return None
                seen += 1
                if re.search(r"的(?:通知|决定|意见|函|批复)[》]?$", text):
                    return i
            i += 1
        return None

    def _is_title_line(self, text: str) -> bool:
        return (len(text) <= 40 and not re.search(r"[。，,；;：:]", text)
                and not _PREAMBLE_START.match(text))

    def _reclassify_issuer(self) -> None:
        """The line above a date line is the issuer's signature when it names an organisation."""
        if self.units and self.units[-1].kind == "title":
            unit = self.units[-1]
            text = self.lines[unit.first].text
            if unit.first == unit.last and _ORG_SUFFIX.search(text.replace(" ", "")):
                unit.kind = "signature"
                self.signature_issuer = re.sub(r"\s+", "", text)

    # -- 目录 --

    def _toc_step(self, index: int) -> int | None:
        text = self.lines[index].text
        state = self.state
        if state.toc_first is None:
            state.toc_first = ""
            return self._emit(index, index, "toc")
        mark = self._mark_of(text)
        compact = re.sub(r"\s+", "", text)
        if state.toc_first == "":
            if mark is not None and mark[0].rank <= 2:
                state.toc_first = compact
                return self._emit(index, index, "toc")
            state.toc_first = None
            return None
        if compact == state.toc_first:
            state.toc_first = None
            return None                      # the real first chapter
        if (mark is not None and mark[0].rank <= 2) or len(compact) <= 20:
            return self._emit(index, index, "toc")
        state.toc_first = None
        return None

    # -- marks and headings --

    def _mark_of(self, text: str) -> tuple[_Mark, re.Match[str]] | None:
        for mark in _MARKS:
            match = mark.regex.match(text)
            if match:
                if mark.kind == "cn" and len(match.group("n")) > 3:
                    continue
                return mark, match
        return None

    def _id_part(self, mark: _Mark, match: re.Match[str]) -> str:
        raw = match.group("n")
        number = chinese_to_int(raw) if raw not in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳" else (
            "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(raw) + 1)
        prefixes = {"part": "part", "chapter": "ch", "section": "sec", "article": "art"}
        prefix = prefixes.get(mark.kind, "")
        part = f"{prefix}{number}"
        if mark.kind == "article" and match.group("sub"):
            part += f"-{chinese_to_int(match.group('sub'))}"
        return part

    def _open(self, rank: int, label: str, id_part: str) -> None:
        stack = self.state.stack
        while stack and stack[-1].rank >= rank:
            stack.pop()
        stack.append(_Open(rank, label, id_part))

    def _path(self) -> tuple[str, ...]:
        return tuple(item.label for item in self.state.stack)

    def _ids(self) -> tuple[str, ...]:
        return tuple(item.id_part for item in self.state.stack)

    # -- the body --

    def _body_step(self, index: int) -> int:
        text = self.lines[index].text
        state = self.state
        annex = _ANNEX.match(text)
        if annex and len(text) <= 40:
            return self._annex(index, annex)
        box = _BOX.match(text)
        if box and len(text) <= 60 and not text.endswith("。"):
            return self._box(index, box)
        mark = self._mark_of(text)
        if mark is not None:
            state.in_front = False
            return self._heading(index, *mark)
        if _LIST_ITEM.match(text):
            return self._emit(index, index, "list_item",
                              path=self._path(), id_parts=self._ids(), leaf="li")
        if meta.DATE_LINE.match(text) or _PUBLICATION_NOTE.match(text):
            return self._emit(index, index, "signature", path=(), id_parts=(), leaf="signature")
        if state.in_front or not state.stack:
            return self._emit(index, index, "preamble", leaf="preamble")
        while state.stack and state.stack[-1].item:
            state.stack.pop()
        if (state.stack and state.stack[-1].rank == _ANNEX_RANK and self._is_title_line(text)
                and self.units and self.units[-1].kind == "annex"):
            # 附件 / 重点任务分工: the annex's own title on the next line.
            opened = state.stack[-1]
            opened.label = f"{opened.label} {text}"
            unit = self.units[-1]
            unit.last = index
            unit.path = self._path()
            return index + 1
        return self._emit(index, index, "body", path=self._path(), id_parts=self._ids(), leaf="p")

    def _heading(self, index: int, mark: _Mark, match: re.Match[str]) -> int:
        text = self.lines[index].text
        number = match.group(0)
        rest = text[match.end():].strip(" \t\u3000")
        state = self.state
        state.box_open = False
        lead, has_more = self._lead(rest)
        if mark.kind in ("part", "chapter", "section"):
            label = f"{number} {_squeeze(rest)}".strip()
            kind = "heading"
        elif mark.kind == "article":
            label = number
            kind = "body"
        elif lead is not None:
            label = f"{number}{lead}"
            kind = "body" if has_more else "heading"
            state.titles.add(lead)
        else:
            label = number
            kind = "body" if rest else "heading"
        in_article = any(item.rank == 3 for item in state.stack) and mark.rank > 3
        if in_article:
            # （一）… inside 第X条 is an enumerated item (项), not a heading
            kind = "list_item"
        self._open(mark.rank, label, self._id_part(mark, match))
        state.stack[-1].item = in_article
        return self._emit(index, index, kind, path=self._path(), id_parts=self._ids(),
                          number=number)

    @staticmethod
    def _lead(rest: str) -> tuple[str | None, bool]:
        """The heading title at the start of a line's text and whether more text follows it:
        指导思想。以… gives (指导思想, True); 大力推广质量管理先进标准和方法。 gives (…, False)."""
        match = _LEAD.match(rest)
        if not match:
            return None, bool(rest)
        lead = match.group(1).strip()
        if not lead:
            return None, bool(rest)
        more = rest[match.end():].strip()
        if "，" in lead or "," in lead:
            # a clause of a sentence, not a title, unless the line is nothing else
            if more:
                return None, True
        return lead, bool(more)

    def _annex(self, index: int, match: re.Match[str]) -> int:
        state = self.state
        state.in_front = False
        state.box_open = False
        state.table = None
        raw_n = match.group("n")
        n = chinese_to_int(raw_n) if raw_n else 1
        title = (match.group("title") or "").strip()
        if title and self._annex_follows(index):
            # 附件：重点任务分工 at the end of the body lists the attachments; the annex itself
            # starts at a later bare 附件 line
            return self._emit(index, index, "annex", leaf="attachments")
        label = re.sub(r"\s+", "", self.lines[index].text.split("：")[0].split(":")[0])
        label = f"{label} {title}".strip()
        state.stack = [_Open(_ANNEX_RANK, label, f"annex{n}")]
        return self._emit(index, index, "annex", path=self._path(), id_parts=self._ids())

    def _annex_follows(self, index: int) -> bool:
        return any(re.fullmatch(rf"附\s*件\s*(?:\d+|{_CN})?", line.text)
                   for line in self.lines[index + 1:])

    def _box(self, index: int, match: re.Match[str]) -> int:
        state = self.state
        state.in_front = False
        raw_n = match.group("n")
        n = chinese_to_int(raw_n) if raw_n else 1
        title = (match.group("title") or "").rstrip(" |").strip()
        label = f"专栏{raw_n or ''} {title}".strip()
        self._open(_BOX_RANK, label, f"box{n}")
        state.box_open = True
        if self.lines[index].text.endswith("|"):
            state.table = _Table("pipe", ())
        return self._emit(index, index, "box", path=self._path(), id_parts=self._ids(),
                          number=f"专栏{raw_n or ''}")

    # -- tables --

    def _starts_table(self, index: int) -> bool:
        text = self.lines[index].text
        if not text.startswith("序") or not re.match(r"^序\s*号", text):
            return False
        if self.lines[index].raw.startswith("\t"):
            return True
        return len(_HEADER_WORDS.findall(text)) >= 2

    def _table_header(self, index: int) -> int:
        state = self.state
        state.in_front = False
        if self.lines[index].raw.startswith("\t"):
            last = self._tab_group_end(index)
            cells = [self.lines[i].text for i in range(index, last + 1)]
            state.table = _Table("tab", tuple(_column_key(c) for c in cells))
        else:
            last = index
            header = self.lines[index].text
            columns = []
            for match in _HEADER_WORDS.finditer(header):
                columns.append(_column_key(match.group(0)))
            state.table = _Table("inline", tuple(dict.fromkeys(columns)))
        if not state.stack or state.stack[0].rank != _ANNEX_RANK:
            # a table without a 附件 line: its title line above, if any, names the annex
            title = ""
            if self.units and self.units[-1].kind in ("body", "title", "heading", "preamble"):
                prev = self.units[-1]
                prev_text = self.lines[prev.first].text
                if prev.first == prev.last and self._is_title_line(prev_text):
                    title = prev_text
                    self.units.pop()
                    state.stack = [_Open(_ANNEX_RANK, title, "annex1")]
                    self._emit(prev.first, prev.last, "annex", path=self._path(),
                               id_parts=self._ids())
        return self._emit(index, last, "table_header", path=self._path(), id_parts=self._ids(),
                          leaf="header")

    def _tab_group_end(self, index: int) -> int:
        last = index
        i = index + 1
        while i < len(self.lines) and self.lines[i].raw.startswith("\t"):
            last = i
            i += 1
        return last

    def _table_step(self, index: int) -> int | None:
        table = self.state.table
        assert table is not None
        line = self.lines[index]
        if table.style == "tab":
            if line.raw.startswith("\t"):
                last = self._tab_group_end(index)
                cells = [self.lines[i].text for i in range(index, last + 1)]
                return self._row(index, last, dict(zip(table.columns, cells, strict=False)))
            if re.match(r"^[（(].*[）)]$", line.text):
                return self._emit(index, index, "body", path=self._path(), id_parts=self._ids(),
                                  leaf="note")
            self.state.table = None
            return None
        if table.style == "inline":
            text = line.text
            heading = self._mark_of(text) is not None and not re.match(r"^\d", text)
            if heading or _ANNEX.match(text):
                self.state.table = None
                return None
            if re.match(r"^[（(].*[）)]$", text):
                return self._emit(index, index, "body", path=self._path(), id_parts=self._ids(),
                                  leaf="note")
            return self._row(index, index, self._split_inline_row(text))
        return self._pipe_step(index)

    def _pipe_step(self, index: int) -> int | None:
        """专栏 with cells written one per line as ``cell |`` and rows closed by ``|||``."""
        table = self.state.table
        assert table is not None
        i = index
        cells: list[str] = []
        while i < len(self.lines) and (self.lines[i].text.endswith("|") or not self.lines[i].text):
            text = self.lines[i].text
            if text and set(text) <= {"|", " "}:
                break
            if text:
                cells.append(text.rstrip("|").strip())
            i += 1
        if i == index and not (self.lines[i].text and set(self.lines[i].text) <= {"|", " "}):
            self.state.table = None
            self.state.box_open = False
            return None
        if i == index:
            return self._emit(index, index, "box", path=self._path(), id_parts=self._ids(),
                              leaf="sep")
        last = i - 1
        while last > index and not self.lines[last].text:
            last -= 1
        if not table.columns and cells:
            # the first run after the box title is the header (plus a group label if any)
            header = cells
            separated = i < len(self.lines) and set(self.lines[i].text or "x") <= {"|", " "}
            width = len(header) - 1 if separated and len(header) > 2 else len(header)
            table.columns = tuple(header[:width])
            end_header = self._line_of_cell(index, width) if width < len(header) else last
            self._emit(index, end_header, "table_header", path=self._path(), id_parts=self._ids(),
                       leaf="header")
            if width < len(header):
                return self._emit(end_header + 1, last, "box", path=self._path(),
                                  id_parts=self._ids(), leaf="group")
            return last + 1
        width = len(table.columns)
        if width <= 1:
            return self._emit(index, last, "box", path=self._path(), id_parts=self._ids(),
                              leaf="li")
        start = index
        for row_start in range(0, len(cells), width):
            row = cells[row_start:row_start + width]
            row_last = last
            if row_start + width < len(cells):
                row_last = self._line_of_cell(start, len(row))
            if len(row) == width:
                self._row(start, row_last, dict(zip(table.columns, row, strict=True)),
                          keys_known=False)
            else:
                self._emit(start, row_last, "box", path=self._path(), id_parts=self._ids(),
                           leaf="group")
            start = row_last + 1
        return last + 1

    def _line_of_cell(self, index: int, count: int) -> int:
        """The line holding the ``count``-th non-blank line from ``index``."""
        seen = 0
        i = index
        while i < len(self.lines):
            if self.lines[i].text:
                seen += 1
                if seen == count:
                    return i
            i += 1
        return len(self.lines) - 1

    def _split_inline_row(self, text: str) -> dict[str, str]:
        """A whole row run together (1加强服务新区重大产业能力建设围绕…区科技局、区工业和信息化局):
        split number, task, work and units by their shapes."""
        table = self.state.table
        assert table is not None
        cells = {"number": "", "task": "", "work": "", "units": ""}
        number_match = re.match(r"^(\d{1,3})(?=\D)", text)
        rest = text
        if number_match and int(number_match.group(1)) == table.last_number + 1:
            cells["number"] = number_match.group(1)
            rest = text[number_match.end():]
            task = self._task_prefix(rest)
            if task:
                cells["task"] = task
                rest = rest[len(task):]
        work, units = _split_units(rest)
        cells["work"], cells["units"] = work, units
        return cells

    def _task_prefix(self, rest: str) -> str:
        # 打造质量管理体系认证“升级版”打造质量管理体系认证“升级版”。运用…: the task repeated as
        # the work's lead sentence.
        for size in range(min(_MAX_LEAD, len(rest) // 2), 1, -1):
            head = rest[:size]
            if rest.startswith(head, size) and not re.search(r"[。；;]", head):
                return head
        best = ""
        for title in self.state.titles:
            if rest.startswith(title) and len(title) > len(best) and len(rest) > len(title):
                best = title
        return best

    def _row(self, first: int, last: int, cells: dict[str, str], *, keys_known: bool = True) -> int:
        table = self.state.table
        assert table is not None
        number = cells.get("number", "")
        if number.isdigit():
            table.last_number = int(number)
        if keys_known:
            if cells.get("task"):
                table.task = cells["task"]
            elif number:
                pass
        path = self._path()
        if keys_known and table.task:
            path = (*path, table.task)
        return self._emit(first, last, "table_row", path=path, id_parts=self._ids(),
                          number=number or None, cells=tuple(cells.items()), leaf="row")

    # -- building the document --

    def _build(self) -> Document:
        text = self.text
        starts = [self.lines[u.first].start for u in self.units]
        clauses: list[Clause] = []
        skipped: list[Skipped] = []
        if not self.units:
            if text:
                skipped.append(Skipped(0, len(text), "blank", text))
            return Document(self.source, text, self._metadata([]), (), tuple(skipped))
        if starts[0] > 0:
            skipped.append(Skipped(0, starts[0], "blank", text[:starts[0]]))
        ids: set[str] = set()
        counters: dict[tuple[str, ...], int] = {}
        for n, unit in enumerate(self.units):
            start = starts[n]
            end = starts[n + 1] if n + 1 < len(self.units) else len(text)
            if unit.kind.startswith("skip:"):
                reason: SkipReason = unit.kind[5:]  # type: ignore[assignment]
                skipped.append(Skipped(start, end, reason, text[start:end]))
                continue
            clause_id = self._clause_id(unit, counters, ids)
            kind: ClauseKind = unit.kind  # type: ignore[assignment]
            clauses.append(Clause(clause_id, unit.path, kind, text[start:end].strip(), start, end,
                                  unit.number, unit.cells))
        return Document(self.source, text, self._metadata(clauses), tuple(clauses), tuple(skipped))

    @staticmethod
    def _clause_id(unit: _Unit, counters: dict[tuple[str, ...], int], ids: set[str]) -> str:
        base = ".".join(unit.id_parts)
        if unit.leaf or unit.kind in ("title", "notice", "signature", "history", "toc", "preamble"):
            leaf = unit.leaf or unit.kind
            if unit.kind in ("title", "notice", "signature", "history", "toc", "preamble"):
                base, leaf = "", unit.kind
            key = (base, leaf)
            counters[key] = counters.get(key, 0) + 1
            suffix = f"{leaf}{counters[key]}"
            base = f"{base}.{suffix}" if base else suffix
        candidate = base or "clause"
        n = 2
        while candidate in ids:
            candidate = f"{base}-{n}"
            n += 1
        ids.add(candidate)
        return candidate

    def _metadata(self, clauses: list[Clause]) -> Metadata:
        fields = dict(self.fields)
        titles = [c.text for c in clauses if c.kind == "title"]
        # the own title is the last run of consecutive title lines in the front matter
        runs: list[list[str]] = []
        previous = ""
        for clause in clauses:
            if clause.kind not in _FRONT_KINDS:
                break
            if clause.kind == "title":
                if previous != "title":
                    runs.append([])
                runs[-1].append(_MD_HEADING.sub("", clause.text))
            previous = clause.kind
        title_lines = runs[-1] if runs else []
        title = "".join(re.sub(r"[ \t\u3000]*\n[ \t\u3000\n]*", "", t) for t in title_lines) or None
        issuer_from_notice, title_from_notice = (None, None)
        if self.notice_title:
            issuer_from_notice, title_from_notice = meta.title_from_notice(self.notice_title)
        if title is None:
            title = title_from_notice or self.markdown_title or (titles[0] if titles else None)
        if title is None and fields.get("名称"):
            title = meta.title_from_notice(fields["名称"])[1] or fields["名称"]
        doc_number = fields.get("文号") or fields.get("发文字号") or self.doc_number
        date = None
        for key in ("成文日期", "发文日期", "发布日期"):
            if fields.get(key):
                date = meta.iso_date(fields[key])
                if date:
                    break
        date = date or self.signature_date
        if date is None and self.history_dates:
            date = max(self.history_dates)
        issuer = (self.signature_issuer or issuer_from_notice or self.red_head_issuer
                  or fields.get("发布机构") or fields.get("发文机关"))
        body = "\n".join(c.text for c in clauses if c.kind != "title")
        cites = meta.cites(body, exclude=(title, doc_number, self.notice_title))
        return Metadata(title=title, notice_title=self.notice_title, doc_number=doc_number,
                        issuer=issuer, date=date, cites=cites, fields=tuple(self.fields))


def _squeeze(text: str) -> str:
    """总　　则 → 总则: chapter titles are spaced out for typesetting."""
    return re.sub(r"[ \t\u3000]+", "", text)


def _column_key(header: str) -> str:
    compact = re.sub(r"\s+", "", header)
    for key, pattern in _COLUMN_NAMES:
        if pattern.search(compact):
            return key
    return compact


def _split_units(text: str) -> tuple[str, str]:
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
