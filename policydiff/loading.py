"""``policydiff.load``: from a path, a string of text or a Document to a parsed Document.

:func:`load` guesses whether a ``str`` is a path or the text itself, which suits Python callers;
:func:`load_file` never guesses (the command line's rule: an argument is always a file, so a
mistyped name is an error, not a one-line document).
"""

from __future__ import annotations

import os
from pathlib import Path

from . import reading
from .document import Document
from .parsing import parse

Source = str | os.PathLike[str] | Document

_FILE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".doc", ".pdf",
                  ".text")


def load(source: Source, *, encoding: str | None = None) -> Document:
    """Read and parse a document.

    ``source`` is a path (``str`` or ``os.PathLike``), the document's text as a ``str``, or a
    :class:`Document` (returned as it is). A ``str`` is taken as a path when it has no line break
    and either names an existing file or ends with a document suffix (.txt, .md, .html, .docx…);
    otherwise it is the text itself. Bad input raises :class:`policydiff.InputError` naming the
    file.
    """
    if isinstance(source, Document):
        return source
    if isinstance(source, os.PathLike) or _looks_like_path(source):
        return load_file(source, encoding=encoding)
    raw = reading.read_text(source)
    return parse(raw.text, source=raw.source, fields=raw.fields, furniture=raw.furniture)


def load_file(path: str | os.PathLike[str], *, encoding: str | None = None) -> Document:
    """Read and parse the file at ``path``, a ``str`` included: a missing file raises
    :class:`policydiff.InputError` (``no such file``). ``encoding`` forces the codec."""
    raw = reading.read(path, encoding=encoding)
    return parse(raw.text, source=raw.source, fields=raw.fields, furniture=raw.furniture)


def _looks_like_path(text: str) -> bool:
    if "\n" in text or "\r" in text or len(text) > 4096:
        return False
    if text.lower().endswith(_FILE_SUFFIXES):
        return True
    try:
        return Path(text).exists()
    except (OSError, ValueError):
        return False
