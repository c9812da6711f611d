"""Putting reports on disk or stdout: the one way every writer goes, so none can fail on odd
text.

File names are data. A name that is not UTF-8 (GBK names out of a Windows zip archive) reaches
Python as a ``str`` with surrogate escapes (``os.fsdecode``); it opens the file again, but UTF-8
cannot encode it, and it becomes part of a report as a document's ``source``. :func:`printable`
shows each such byte as U+FFFD, and :func:`write_text` and :func:`write_stdout` apply it, so a
report is always valid UTF-8 and a write error is an :class:`~policydiff.errors.InputError`
naming the file.

>>> printable("\\udccc\\udcec.txt")
'\\ufffd\\ufffd.txt'
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from .errors import InputError

__all__ = ["printable", "write_stdout", "write_text"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every lone surrogate (an undecodable byte of a file name) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def write_text(path: str | os.PathLike[str], text: str, *, bom: bool = False) -> Path:
    """Write ``text`` as UTF-8 (a BOM first when ``bom``, for spreadsheets), byte for byte:
    no newline translation. The path itself may hold surrogate escapes; it is opened as given."""
    target = Path(path)
    data = (("\ufeff" if bom else "") + printable(text)).encode("utf-8")
    try:
        target.write_bytes(data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(printable(os.fspath(target)), f"cannot write the report ({reason})"
                         ) from None
    return target


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout as UTF-8 whatever the terminal's locale says."""
    data = printable(text).encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (pytest's capsys, io.StringIO)
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
