"""The record every reader returns, and the text rules all readers share.

A reader for one kind of file (plain text, web page, ``.docx``) ends in :class:`RawText`, whose
``text`` has ``"\\n"`` line ends, so every later offset refers to the same characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydiff.errors import InputError

__all__ = ["MAX_BYTES", "MB", "SPACES", "RawText", "checked", "normalise_newlines"]

MAX_BYTES = 20 * 1024 * 1024
"""Largest file :func:`~policydiff.reading.read` accepts: policy documents are far smaller, so
bigger is a mistake."""

MB = 1024 * 1024
SPACES = re.compile(r"[ \t\n\r\f\v\xa0]+")
"""Runs of white space a web page or a Word cell shows as one space."""


@dataclass(frozen=True, slots=True)
class RawText:
    """A document's text before any structure is found.

    ``fields`` holds labelled metadata of a saved web page (索引号, 文号, 成文日期…), labels with
    their internal spaces removed. ``furniture`` lists ``[start, end)`` spans of ``text`` outside
    the page's article body: navigation, breadcrumbs, footers, and also the metadata lines, which
    are reported through ``fields`` instead. Both are empty for plain text and ``.docx``.
    """

    source: str
    """The path as given, or ``"<text>"`` for a string. A file name that is not UTF-8 keeps its
    bytes as surrogate escapes (``os.fsdecode``), so it can be opened again; writers show them
    as replacement characters (:func:`policydiff.writing.printable`)."""
    text: str
    """The decoded text with ``"\\n"`` line ends and no leading byte-order mark."""
    encoding: str | None
    """The codec used (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"gb18030"``…); ``None`` when
    no bytes were decoded (a string, a ``.docx``)."""
    fields: tuple[tuple[str, str], ...] = ()
    furniture: tuple[tuple[int, int], ...] = ()


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def checked(name: str, text: str, empty: str = "is empty") -> str:
    """Refuse a document with nothing to compare; ``empty`` says so for this kind of file."""
    if not text:
        raise InputError(name, empty)
    if not text.strip():
        raise InputError(name, "contains only whitespace")
    return text
