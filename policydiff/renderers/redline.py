"""The derived document as tracked changes to its parent (a Word redline).

Each row of the 对照表 becomes one paragraph; the pair's word diff becomes revision markup
(``w:ins`` / ``w:del``, author ``policydiff``, dated with the derived document's date so that
two runs give the same bytes). A reviewer accepts or rejects each change in Word, WPS or
LibreOffice: accepting every revision leaves the derived text, rejecting every one the
parent's. An added clause is a wholly inserted paragraph, a dropped one a wholly deleted one;
a moved pair is inserted where the derived document has it and deleted where the parent had
it. Line breaks and tabs inside a clause (annex rows) are ``w:br`` / ``w:tab``.

Why hand-written markup: docx-redline (MPL-2.0) edits an existing document by search and
replace and needs Python 3.12+, while this package supports 3.10 and writes from a diff it
already has; jubarte-redlines is AGPL-3.0, which an MIT package cannot depend on. The markup
needed is small (two elements and a paragraph-mark flag); tests check it by accepting and
rejecting every revision, by LibreOffice conversion, and with jubarte-redlines where installed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .docx import new_document, page_footer, stable_zip
from .frames import table_rows

if TYPE_CHECKING:
    from ..comparison import Comparison
    from .frames import Row

__all__ = ["AUTHOR", "write_redline"]

AUTHOR = "policydiff"
_PIECES = re.compile(r"(\n|\t)")


class _Revisions:
    """Revision elements with ids unique in the document, all by :data:`AUTHOR` on one date."""

    def __init__(self, date: str) -> None:
        self.date = date
        self.next_id = 1

    def mark(self, tag: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), AUTHOR)
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        return element


def _run(text: str, *, deleted: bool) -> Any:
    """A ``w:r`` holding ``text``; newlines and tabs as ``w:br`` and ``w:tab``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    run = OxmlElement("w:r")
    for piece in _PIECES.split(text):
        if not piece:
            continue
        if piece == "\n":
            run.append(OxmlElement("w:br"))
        elif piece == "\t":
            run.append(OxmlElement("w:tab"))
        else:
            element = OxmlElement("w:delText" if deleted else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = piece
            run.append(element)
    return run


def _paragraph(document: Any, revisions: _Revisions, ops: list[tuple[str, str]],
               mark: str | None) -> None:
    """One paragraph of ``(op, text)`` runs; ``mark`` (``"ins"``/``"del"``) flags the
    paragraph mark itself as inserted or deleted, so that accepting or rejecting leaves no
    empty paragraph."""
    from docx.oxml import OxmlElement
    paragraph = document.add_paragraph()._p
    if mark is not None:
        properties = paragraph.get_or_add_pPr()
        run_properties = OxmlElement("w:rPr")
        run_properties.append(revisions.mark(f"w:{mark}"))
        properties.append(run_properties)
    for op, text in ops:
        if op == "equal":
            paragraph.append(_run(text, deleted=False))
        else:
            wrapper = revisions.mark("w:ins" if op == "insert" else "w:del")
            wrapper.append(_run(text, deleted=op == "delete"))
            paragraph.append(wrapper)


def row_ops(row: Row) -> tuple[list[tuple[str, str]], str | None]:
    """The revision runs of one 对照表 row and how its paragraph mark is flagged."""
    if row.kind == "added":
        return [("insert", "\n".join(c.text for c in row.derived))], "ins"
    if row.kind in ("dropped", "moved-from"):
        return [("delete", "\n".join(c.text for c in row.parent))], "del"
    pair = row.pair
    assert pair is not None
    if pair.moved:
        return [("insert", pair.derived_text)], "ins"
    # every edit is a revision, punctuation-width swaps too: a reviewer may want them back
    return [(op, text) for op, text in pair.diff if text], None


def write_redline(comparison: Comparison, path: str | os.PathLike[str]) -> Path:
    """Write the tracked-changes document to ``path``; returns the path."""
    document = new_document(landscape=False)
    date = comparison.derived.metadata.date or comparison.parent.metadata.date or "1970-01-01"
    revisions = _Revisions(f"{date}T00:00:00Z")
    title = comparison.derived.metadata.title or Path(comparison.derived.source).name
    page_footer(document, title)
    body = document._body._body
    for element in list(body):            # the template's empty first paragraph
        if element.tag.endswith("}p"):
            body.remove(element)
    for row in table_rows(comparison):
        ops, mark = row_ops(row)
        _paragraph(document, revisions, ops, mark)
    target = Path(path)
    document.save(str(target))
    stable_zip(target, comparison.derived.metadata.date)
    return target
