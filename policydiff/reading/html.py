"""Saved web pages: the article body and its labelled fields, with the site's furniture marked.

The page is decoded like plain text (:mod:`.encodings`), cleaned of the characters XML forbids,
parsed by lxml, stripped of what a reader never sees (scripts, navigation, forms…), and walked
into lines: a block element ends a line, a data table's row is one tab-separated line. The body
is found by known container names or, failing that, by where the prose is densest; what lies
outside it is furniture, and labelled metadata (索引号：…) becomes fields.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from typing import Any

from policydiff.errors import InputError

from .encodings import GB_ALIASES, WIDE, decode
from .text import SPACES, RawText, checked, normalise_newlines

__all__ = ["HTML_SUFFIXES", "looks_like_html", "read_html"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)

# Characters XML 1.0 forbids: lxml parses a page holding them but then refuses to move the text
# they are in (drop_tree of a <script> before "\x0b第二条" raised ValueError), and turns NUL into
# U+FFFD. Vertical tab and form feed separate words, so they become spaces; the rest (C0 controls
# but tab, LF and CR; U+FFFE, U+FFFF; lone surrogates, which only a forced escape codec yields)
# carry no text and are removed.
_XML_SPACES = str.maketrans({"\x0b": " ", "\x0c": " "})
_NOT_XML = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_DROP_TAGS = ("script", "style", "noscript", "template", "head", "nav", "iframe", "button",
              "input", "select", "textarea", "svg", "object", "embed", "canvas")
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "section", "article",
    "blockquote", "pre", "dt", "dd", "ul", "ol", "dl", "header", "footer", "main", "aside",
    "figure", "figcaption", "address", "hr", "center", "form", "fieldset", "caption", "tbody",
    "thead", "tfoot", "td", "th", "body", "html", "details", "summary",
})
# Class/id fragments of article containers on Chinese government sites, most specific first.
_BODY_HINTS = ("trs_editor", "trs_ueditor", "article-content", "article_content", "xxgk_content",
               "pages_content", "zoom", "main-txt", "zw", "view", "content")
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td", "body", "blockquote",
                             "center", "table", "tbody", "tr"})
_NOT_TEXT = re.compile(r"\s+")
_SENTENCE = re.compile(r"[，。；！？,;]")

_LABELS = ("索引号", "主题分类", "发布机构", "发文机关", "发文机构", "成文日期", "发文日期",
           "发布日期", "公开日期", "生效日期", "实施日期", "废止日期", "发文字号", "文号", "名称",
           "标题", "有效性", "主题词", "体裁分类", "组配分类", "公文种类", "信息来源", "来源",
           "发布时间")
_LABEL_SPACE = r"[ \u3000\xa0]*"
_LABEL_ALT = "|".join(_LABEL_SPACE.join(map(re.escape, label))
                      for label in sorted(_LABELS, key=len, reverse=True))


@cache
def _label_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A labelled field in a cell, and a cell that is a bare label: compiled on first use, not
    at import (the two took 40 ms of every command's start, a plain-text comparison included)."""
    return (re.compile(rf"(?:^|(?<=[\s|｜;；]))(?P<label>{_LABEL_ALT}){_LABEL_SPACE}[:：]"),
            re.compile(rf"\A(?:{_LABEL_ALT})\Z"))


def looks_like_html(data: bytes) -> bool:
    """A page saved under another name: look for a doctype or <html> at the start."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        sample = head.decode("utf-16", errors="ignore")  # only sniffing; never the output
    else:
        sample = head.removeprefix(codecs.BOM_UTF8).decode("latin-1")
    return _HTML_START.match(sample) is not None


def _declared_charset(data: bytes) -> str | None:
    """The <meta> charset, as a Python codec (GB2312/GBK read as GB18030), or None if unknown."""
    match = _META_CHARSET.search(data[:16384])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in GB_ALIASES:
        return "gb18030"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot declare UTF-16 in bytes that need no BOM to be read; browsers ignore it too.
    return None if codec.startswith(WIDE) else codec


def read_html(name: str, data: bytes, codec: str | None) -> RawText:
    import lxml.etree
    import lxml.html

    text, used = decode(name, data, codec, _declared_charset(data))
    text = _NOT_XML.sub("", text.translate(_XML_SPACES))
    # The text is decoded already: tell libxml2 so, or it would obey <meta charset> again.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        raise InputError(name, "has no visible text") from None
    _strip_invisible(root)
    body = _find_body(root)
    lines = _HtmlLines(body, _data_tables(root, body))
    lines.walk(root)
    page = checked(name, lines.text(), "has no visible text")
    start, end = lines.body_span
    outside = [] if body is None else [(s, e) for s, e in ((0, start), (end, len(page))) if s < e]
    # Fields are looked for outside the body; on a page with no body found, everywhere.
    in_fields = [line for offset, line in lines.lines
                 if not outside or any(s <= offset < e for s, e in outside)]
    return RawText(name, page, used, _fields(in_fields), tuple(outside))


def _strip_invisible(root: Any) -> None:
    """Remove what a reader never sees; a page-wide <form> (ASP.NET) only loses its tag."""
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for form in list(root.iter("form")):
        if form.getparent() is not None:
            if _visible_len(form.text_content()) < 200:
                form.drop_tree()
            else:
                form.drop_tag()


def _visible_len(text: str) -> int:
    return len(_NOT_TEXT.sub("", text))


def _link_len(element: Any) -> int:
    return sum(_visible_len(a.text_content()) for a in element.iter("a"))


def _find_body(root: Any) -> Any | None:
    """The article body: a known container if one holds real text, else the densest block."""
    found = _body_by_container(root)
    return found if found is not None else _body_by_density(root)


def _body_by_container(root: Any) -> Any | None:
    """Among known containers whose text is not mostly links, the innermost of those holding at
    least 60% of the largest one's text (``main-content`` loses to the ``TRS_Editor`` in it)."""
    sizes: dict[Any, int] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        hint = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if not any(token in hint for token in _BODY_HINTS):
            continue
        size = _visible_len(element.text_content())
        if size >= 20 and _link_len(element) * 2 < size:
            sizes[element] = size
    if not sizes:
        return None
    largest = max(sizes.values())
    strong = [element for element, size in sizes.items() if size * 10 >= largest * 6]
    inner = [element for element in strong
             if not any(other is not element and element in other.iterancestors()
                        for other in strong)]
    return max(inner, key=lambda element: sizes[element])  # first in document order on ties


def _body_by_density(root: Any) -> Any | None:
    """The deepest container holding 80% of the page's prose; prose is non-link text, and text
    without sentence punctuation (menus, labels, dates) counts a quarter."""
    weights: dict[Any, tuple[float, int]] = {}  # element -> (weight, depth)

    def weigh(element: Any, in_link: bool, depth: int) -> float:
        in_link = in_link or element.tag == "a"
        total = 0.0 if in_link else _prose(element.text)
        for child in element:
            if isinstance(child.tag, str):
                total += weigh(child, in_link, depth + 1)
            if not in_link:
                total += _prose(child.tail)
        weights[element] = (total, depth)
        return total

    overall = weigh(root, False, 0)
    if overall < 30:
        return None
    # Holders of over half the weight lie on one chain from the root: take the deepest.
    holders = [(depth, element) for element, (weight, depth) in weights.items()
               if element.tag in _CONTAINER_TAGS and weight >= 0.8 * overall]
    return max(holders, key=lambda pair: pair[0])[1] if holders else root


def _prose(text: str | None) -> float:
    if not text:
        return 0.0
    size = _visible_len(text)
    return float(size) if _SENTENCE.search(text) else size / 4


def _data_tables(root: Any, body: Any | None) -> set[Any]:
    """Tables whose rows become tab-separated lines: those with no table inside and not holding
    the body. Layout tables (the whole page in cells) are read as blocks instead."""
    holding = set() if body is None else {body, *body.iterancestors()}
    return {table for table in root.iter("table")
            if table not in holding and next(table.iterdescendants("table"), None) is None}


class _HtmlLines:
    """Turns an element tree into lines, remembering where the body starts and ends."""

    def __init__(self, body: Any | None, data_tables: set[Any]) -> None:
        self.body = body
        self.data_tables = data_tables
        self.lines: list[tuple[int, str]] = []  # (offset, line)
        self.length = 0
        self.body_span = (0, 0)
        self._parts: list[str] = []
        self._in_pre = 0

    def text(self) -> str:
        return "".join(line + "\n" for _, line in self.lines)

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self._in_pre:
            first, *rest = normalise_newlines(text).split("\n")
            self._parts.append(first)
            for piece in rest:
                self.flush()
                self._parts.append(piece)
        else:
            self._parts.append(text)

    def flush(self) -> None:
        """End the current line; lines with nothing visible are dropped."""
        line = SPACES.sub(" ", "".join(self._parts)).strip(" ")
        self._parts.clear()
        if line.strip():
            self._append(line)

    def _append(self, line: str) -> None:
        self.lines.append((self.length, line))
        self.length += len(line) + 1

    def walk(self, element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        start = self.length
        if element is self.body:
            self.flush()
            start = self.length
        if tag == "br":
            self.flush()
        elif tag == "tr" and self._is_data_row(element):
            self.flush()
            cells = [_cell_text(cell) for cell in element if cell.tag in ("td", "th")]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                self._append("\t".join(cells))
        elif tag:
            block = tag in _BLOCK_TAGS
            self._in_pre += tag == "pre"
            if block:
                self.flush()
            self.add(element.text)
            for child in element:
                self.walk(child)
            if block:
                self.flush()
            self._in_pre -= tag == "pre"
        if element is self.body:
            self.flush()
            self.body_span = (start, self.length)
        self.add(element.tail)

    def _is_data_row(self, row: Any) -> bool:
        """A row of a data table with cells to separate; a one-cell row keeps its line breaks."""
        if next(row.iterancestors("table"), None) not in self.data_tables:
            return False
        return sum(1 for cell in row if cell.tag in ("td", "th")) > 1


def _cell_text(cell: Any) -> str:
    """A table cell on one line: its own line breaks become spaces."""
    inner = _HtmlLines(None, set())
    inner.add(cell.text)
    for child in cell:
        inner.walk(child)
    inner.flush()
    return " ".join(line for _, line in inner.lines)


def _fields(lines: list[str]) -> tuple[tuple[str, str], ...]:
    """Labelled fields from metadata lines: ``索引号：x`` in one cell, or label and value in
    neighbouring cells of a tab-separated row; several pairs may share a cell."""
    found: dict[tuple[str, str], None] = {}  # ordered set: repeats of a pair are kept once
    field, bare_label = _label_patterns()
    for line in lines:
        cells = [cell.strip() for cell in line.split("\t")]
        index = 0
        while index < len(cells):
            cell = cells[index]
            following = cells[index + 1] if index + 1 < len(cells) else ""
            takes_next = bool(following) and not _is_label(following)
            matches = list(field.finditer(cell))
            if not matches and bare_label.match(cell) and takes_next:
                found[(_label(cell), following)] = None
                index += 1
            for number, match in enumerate(matches):
                last = number + 1 == len(matches)
                value = cell[match.end():len(cell) if last else matches[number + 1].start()]
                value = value.split("【")[0].strip()  # drop 【打印】【字体：大 中 小】 tools
                if not value and last and takes_next:
                    value = following
                    index += 1
                if value:
                    found[(_label(match.group("label")), value)] = None
            index += 1
    return tuple(found)


def _is_label(cell: str) -> bool:
    field, bare_label = _label_patterns()
    return bool(bare_label.match(cell) or field.match(cell))


def _label(label: str) -> str:
    return re.sub(_LABEL_SPACE, "", label)


