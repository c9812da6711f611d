"""``.docx`` files: paragraphs and tables of the body in document order, through python-docx.

The zip is opened first to refuse what is not a Word document and to bound the XML's size (a
zip bomb), so python-docx only ever sees a plausible package.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from policydiff.errors import InputError

from .text import MAX_BYTES, MB, SPACES, RawText, checked, normalise_newlines

__all__ = ["read_docx"]


_DOCX_XML_LIMIT = 10 * MAX_BYTES  # uncompressed word/document.xml; guards against zip bombs


def read_docx(name: str, data: bytes) -> RawText:
    """Paragraphs and tables of the body in document order; a table row is one tab-joined line."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
    except KeyError:
        raise InputError(name, "is a zip archive, not a .docx (no word/document.xml)") from None
    except Exception as error:  # zipfile raises BadZipFile, NotImplementedError, EOFError…
        raise InputError(name, f"is a corrupt .docx or zip archive ({error})") from None
    if info.file_size > _DOCX_XML_LIMIT:
        raise InputError(name, f"has a word/document.xml of {info.file_size // MB} MB "
                               f"uncompressed; the limit is {_DOCX_XML_LIMIT // MB} MB")
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
    return RawText(name, checked(name, normalise_newlines("\n".join(lines)), "has no text"), None)


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
    return " ".join(SPACES.sub(" ", part).strip() for part in parts)


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
