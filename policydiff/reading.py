"""The reading stage: bytes on disk become text, and nothing is said about structure yet.

:func:`read` takes a path to plain text, Markdown, a saved web page or a ``.docx`` file;
:func:`read_text` takes a string already in memory. Both return a :class:`RawText` whose ``text``
has ``"\\n"`` line ends, so every later offset refers to the same characters. Anything that cannot
be read becomes an :class:`~policydiff.errors.InputError` naming the file and the problem; bytes
are never decoded with replacement characters.

>>> read_text("第一条\\r\\n第二条").text
'第一条\\n第二条'
"""

from __future__ import annotations

import codecs
import io
import math
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from policydiff.errors import InputError

__all__ = ["MAX_BYTES", "RawText", "read", "read_text"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest file :func:`read` accepts: policy documents are far smaller, so bigger is a mistake."""

_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawText:
    """A document's text before any structure is found.

    ``fields`` holds labelled metadata of a saved web page (索引号, 文号, 成文日期…), labels with
    their internal spaces removed. ``furniture`` lists ``[start, end)`` spans of ``text`` outside
    the page's article body: navigation, breadcrumbs, footers, and also the metadata lines, which
    are reported through ``fields`` instead. Both are empty for plain text and ``.docx``.
    """

    source: str
    """The path as given, or ``"<text>"`` for a string."""
    text: str
    """The decoded text with ``"\\n"`` line ends and no leading byte-order mark."""
    encoding: str | None
    """The codec used (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"gb18030"``…); ``None`` when
    no bytes were decoded (a string, a ``.docx``)."""
    fields: tuple[tuple[str, str], ...] = ()
    furniture: tuple[tuple[int, int], ...] = ()


def read(source: str | os.PathLike[str], *, encoding: str | None = None) -> RawText:
    """Read a document file; the kind is found from its content and extension.

    ``encoding`` forces a codec for text and HTML (it is ignored for ``.docx``). Without it a
    byte-order mark wins, then strict UTF-8, then strict GB18030 (which also reads GBK/GB2312).

    >>> read("examples/tianjin/2019-binhai-certification-plan.txt").encoding
    'utf-8'
    """
    name = os.fspath(source)
    if not isinstance(name, str):
        raise TypeError(f"read() takes a str or os.PathLike[str] path, not {type(source).__name__}")
    data = _read_bytes(name)
    _reject_non_text(name, data)
    suffix = os.path.splitext(name)[1].lower()
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_docx(name, data)
    if suffix == ".docx":
        raise InputError(name, "has a .docx extension but is not a .docx file (not a zip archive)")
    codec = _lookup_codec(name, encoding) if encoding is not None else None
    if suffix in _HTML_SUFFIXES or _looks_like_html(data):
        return _read_html(name, data, codec)
    text, used = _decode(name, data, codec)
    return RawText(name, _checked(name, _normalise_newlines(text)), used)


def read_text(text: str, *, source: str = "<text>") -> RawText:
    """Wrap a string of document text; only its line ends are normalised.

    >>> read_text("一、总体要求\\r二、重点任务").text
    '一、总体要求\\n二、重点任务'
    """
    if not isinstance(text, str):
        raise TypeError(f"read_text() takes a str, not {type(text).__name__}; use read() for files")
    return RawText(source, _checked(source, _normalise_newlines(text)), None)


# --- files and bytes ---------------------------------------------------------------------------

_HTML_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml"})


def _read_bytes(name: str) -> bytes:
    """The file's bytes, or an InputError saying in words why there are none."""
    hint = " (to read a string of text, use read_text)" if "\n" in name or len(name) > 1024 else ""
    try:
        info = os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(name, f"no such file{hint}") from None
    except PermissionError:
        raise InputError(name, "cannot be read (permission denied)") from None
    except (OSError, ValueError) as error:
        raise InputError(name, f"cannot be read ({_reason(error)}){hint}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(name, "is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(name, "is not a regular file")
    if info.st_size > MAX_BYTES:
        raise InputError(name, _too_large(info.st_size))
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(name, "cannot be read (permission denied)") from None
    except OSError as error:
        raise InputError(name, f"cannot be read ({_reason(error)})") from None
    if len(data) > MAX_BYTES:  # the file grew after stat()
        raise InputError(name, _too_large(len(data)))
    if not data:
        raise InputError(name, "is empty")
    return data


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error)


def _too_large(size: int) -> str:
    # Round up so that a file just over the limit never reads as "20.0 MB; the limit is 20 MB".
    return f"is {math.ceil(size * 10 / _MB) / 10:.1f} MB; the limit is {MAX_BYTES // _MB} MB"


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def _reject_non_text(name: str, data: bytes) -> None:
    """Name the common wrong inputs by their magic bytes instead of failing later to decode them."""
    if data.startswith(_IMAGE_MAGIC):
        raise InputError(name, "is an image, not a text document")
    if data.startswith(b"%PDF-"):
        raise InputError(name, "PDF files are not supported yet; convert to text or .docx first")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(name, "is an OLE file; legacy .doc is not supported; save as .docx")
    if data.startswith(b"{\\rtf"):
        raise InputError(name, "RTF files are not supported; save as .docx or plain text")


# --- decoding ----------------------------------------------------------------------------------

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
_WIDE = ("utf-16", "utf-32")  # codecs whose text legitimately has NUL bytes
# Pages that declare GB2312 or GBK routinely contain characters only GBK or GB18030 has.
_GB_ALIASES = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "euc_cn"})


def _lookup_codec(name: str, encoding: str) -> str:
    """The canonical name of a codec the caller forces, checked before any decoding."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(name, f"{encoding!r} is not a text encoding")
    return info.name


def _decode(name: str, data: bytes, codec: str | None, declared: str | None = None
            ) -> tuple[str, str]:
    """Decode strictly: a forced codec, else BOM, then UTF-8 (valid UTF-8 is rarely an
    accident), a page's declared charset, GB18030."""
    if codec is not None:
        _reject_nul(name, data, codec)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            raise InputError(name, f"cannot be decoded as {codec} at byte offset {error.start} "
                                   f"({error.reason})") from None
        return text.removeprefix("\ufeff"), codec
    for bom, used, python_codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(python_codec).removeprefix("\ufeff"), used
            except UnicodeDecodeError as error:
                raise InputError(name, f"is not valid {used} despite its byte-order mark "
                                       f"(byte offset {error.start})") from None
    _reject_nul(name, data, "utf-8")
    tried = list(dict.fromkeys(["utf-8", *([declared] if declared else []), "gb18030"]))
    for candidate in tried:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    guess = _guess_encoding(data)
    maybe = f"; it may be {guess}" if guess else ""
    raise InputError(name, f"cannot decode the text (tried {', '.join(tried)}){maybe}; "
                           "pass encoding= to choose the codec")


def _reject_nul(name: str, data: bytes, codec: str) -> None:
    """NUL bytes mean binary data unless the codec is UTF-16/32; hint at UTF-16 without a BOM."""
    if codec.startswith(_WIDE) or b"\x00" not in data:
        return
    sample = data[:4096]
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    even = sample.count(0) - odd
    hint = ""
    if len(data) % 2 == 0 and max(odd, even) >= 0.9 * (odd + even):  # ASCII in UTF-16
        endian = "le" if odd > even else "be"
        hint = f"; if it is UTF-16 text without a byte-order mark, pass encoding='utf-16-{endian}'"
    raise InputError(name, f"looks binary (NUL bytes){hint}")


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, only to suggest a codec in the error, never to decode."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "gb18030"):
        return None
    return str(best.encoding)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _checked(name: str, text: str, empty: str = "is empty") -> str:
    """Refuse a document with nothing to compare; ``empty`` says so for this kind of file."""
    if not text:
        raise InputError(name, empty)
    if not text.strip():
        raise InputError(name, "contains only whitespace")
    return text


# --- HTML --------------------------------------------------------------------------------------

_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)

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
_SPACES = re.compile(r"[ \t\n\r\f\v\xa0]+")
_NOT_TEXT = re.compile(r"\s+")
_SENTENCE = re.compile(r"[，。；！？,;]")

_LABELS = ("索引号", "主题分类", "发布机构", "发文机关", "发文机构", "成文日期", "发文日期",
           "发布日期", "公开日期", "生效日期", "实施日期", "废止日期", "发文字号", "文号", "名称",
           "标题", "有效性", "主题词", "体裁分类", "组配分类", "公文种类", "信息来源", "来源",
           "发布时间")
_LABEL_SPACE = r"[ \u3000\xa0]*"
_LABEL_ALT = "|".join(_LABEL_SPACE.join(map(re.escape, label))
                      for label in sorted(_LABELS, key=len, reverse=True))


# Compiled on first use (saved pages only): the two take 20–35 ms to compile, a tenth of the
# command's start-up, and a text file never needs them.
@cache
def _field() -> re.Pattern[str]:
    return re.compile(rf"(?:^|(?<=[\s|｜;；]))(?P<label>{_LABEL_ALT}){_LABEL_SPACE}[:：]")


@cache
def _bare_label() -> re.Pattern[str]:
    return re.compile(rf"\A(?:{_LABEL_ALT})\Z")


def _looks_like_html(data: bytes) -> bool:
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
    if label in _GB_ALIASES:
        return "gb18030"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot declare UTF-16 in bytes that need no BOM to be read; browsers ignore it too.
    return None if codec.startswith(_WIDE) else codec


def _read_html(name: str, data: bytes, codec: str | None) -> RawText:
    import lxml.etree
    import lxml.html

    text, used = _decode(name, data, codec, _declared_charset(data))
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
    page = _checked(name, lines.text(), "has no visible text")
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
            first, *rest = _normalise_newlines(text).split("\n")
            self._parts.append(first)
            for piece in rest:
                self.flush()
                self._parts.append(piece)
        else:
            self._parts.append(text)

    def flush(self) -> None:
        """End the current line; lines with nothing visible are dropped."""
        line = _SPACES.sub(" ", "".join(self._parts)).strip(" ")
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
    for line in lines:
        cells = [cell.strip() for cell in line.split("\t")]
        index = 0
        while index < len(cells):
            cell = cells[index]
            following = cells[index + 1] if index + 1 < len(cells) else ""
            takes_next = bool(following) and not _is_label(following)
            matches = list(_field().finditer(cell))
            if not matches and _bare_label().match(cell) and takes_next:
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
    return bool(_bare_label().match(cell) or _field().match(cell))


def _label(label: str) -> str:
    return re.sub(_LABEL_SPACE, "", label)


# --- .docx -------------------------------------------------------------------------------------

_DOCX_XML_LIMIT = 10 * MAX_BYTES  # uncompressed word/document.xml; guards against zip bombs


def _read_docx(name: str, data: bytes) -> RawText:
    """Paragraphs and tables of the body in document order; a table row is one tab-joined line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
    except KeyError:
        raise InputError(name, "is a zip archive, not a .docx (no word/document.xml)") from None
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(name, f"is a corrupt .docx or zip archive ({error})") from None
    if info.file_size > _DOCX_XML_LIMIT:
        raise InputError(name, f"has a word/document.xml of {info.file_size // _MB} MB "
                               f"uncompressed; the limit is {_DOCX_XML_LIMIT // _MB} MB")
    try:
        import docx
        from docx.oxml.ns import qn
    except ImportError:
        raise InputError(name, 'reading .docx needs python-docx: pip install "policydiff[docx]"'
                         ) from None
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_blocks(document.element.body, qn))
    except Exception as error:  # python-docx raises many kinds on a damaged package
        raise InputError(name, f"is not a valid .docx ({type(error).__name__}: {error})") from None
    return RawText(name, _checked(name, _normalise_newlines("\n".join(lines)), "has no text"), None)


def _docx_blocks(container: Any, qn: Any) -> Iterator[str]:
    """Lines of a body or content control: ``w:p`` and ``w:tbl`` children, in order."""
    for child in container.iterchildren():
        if child.tag == qn("w:p"):
            yield _docx_paragraph(child, qn)
        elif child.tag == qn("w:tbl"):
            for row in child.iterchildren(qn("w:tr")):
                yield "\t".join(_docx_cell(cell, qn) for cell in row.iterchildren(qn("w:tc")))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content, qn)


def _docx_cell(cell: Any, qn: Any) -> str:
    """A cell on one line; the lower parts of a vertical merge are empty, not repeated."""
    properties = cell.find(qn("w:tcPr"))
    merge = None if properties is None else properties.find(qn("w:vMerge"))
    if merge is not None and merge.get(qn("w:val"), "continue") == "continue":
        return ""
    parts = [line for line in _docx_blocks(cell, qn) if line.strip()]
    return " ".join(_SPACES.sub(" ", part).strip() for part in parts)


_DOCX_SKIP = ("w:pPr", "w:rPr", "w:del", "w:moveFrom", "w:txbxContent", "w:instrText")


def _docx_paragraph(paragraph: Any, qn: Any) -> str:
    """Text of runs, hyperlinks, insertions and fields; deleted text and text boxes left out."""
    skip = {qn(tag) for tag in _DOCX_SKIP}
    text_tag, tab_tag = qn("w:t"), qn("w:tab")
    breaks = {qn("w:br"), qn("w:cr")}
    parts: list[str] = []

    def visit(element: Any) -> None:
        for child in element.iterchildren():
            if child.tag in skip:
                continue
            if child.tag == text_tag:
                parts.append(child.text or "")
            elif child.tag == tab_tag:
                parts.append("\t")
            elif child.tag in breaks:
                parts.append("\n")
            else:
                visit(child)

    visit(paragraph)
    return "".join(parts)
