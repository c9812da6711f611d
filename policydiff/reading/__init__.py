"""The reading stage: bytes on disk become text, and nothing is said about structure yet.

:func:`read` takes a path to plain text, Markdown, a saved web page or a ``.docx`` file;
:func:`read_text` takes a string already in memory. Both return a :class:`RawText` whose ``text``
has ``"\\n"`` line ends, so every later offset refers to the same characters. Anything that cannot
be read becomes an :class:`~policydiff.errors.InputError` naming the file and the problem; bytes
are never decoded with replacement characters, and text that decodes but looks wrong (a Big5
file read as GB18030) is refused with the codec to force.

This module opens files and picks the reader; :mod:`.encodings` decodes, :mod:`.html` reads
web pages, :mod:`.docx` Word files, :mod:`.text` holds the record they all return.

>>> read_text("第一条\\r\\n第二条").text
'第一条\\n第二条'
"""

from __future__ import annotations

import math
import os
import stat

from policydiff.errors import InputError

from .encodings import decode, lookup_codec
from .html import HTML_SUFFIXES, looks_like_html, read_html
from .text import MAX_BYTES, MB, RawText, checked, normalise_newlines

__all__ = ["MAX_BYTES", "RawText", "read", "read_text"]


def read(source: str | os.PathLike[str], *, encoding: str | None = None) -> RawText:
    """Read a document file; the kind is found from its content and extension.

    ``encoding`` forces a codec for text and HTML (it is ignored for ``.docx``). Without it a
    byte-order mark wins, then strict UTF-8, then strict GB18030 (which also reads GBK/GB2312);
    text that GB18030 reads as mostly rare characters is refused, naming the likely codec.

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
        from .docx import read_docx  # here: zipfile and the .docx reader cost 4 ms of a start
        return read_docx(name, data)
    if suffix == ".docx":
        raise InputError(name, "has a .docx extension but is not a .docx file (not a zip archive)")
    codec = lookup_codec(name, encoding) if encoding is not None else None
    if suffix in HTML_SUFFIXES or looks_like_html(data):
        return read_html(name, data, codec)
    text, used = decode(name, data, codec)
    return RawText(name, checked(name, normalise_newlines(text)), used)


def read_text(text: str, *, source: str = "<text>") -> RawText:
    """Wrap a string of document text; only its line ends are normalised.

    >>> read_text("一、总体要求\\r二、重点任务").text
    '一、总体要求\\n二、重点任务'
    """
    if not isinstance(text, str):
        raise TypeError(f"read_text() takes a str, not {type(text).__name__}; use read() for files")
    return RawText(source, checked(source, normalise_newlines(text)), None)


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
    return f"is {math.ceil(size * 10 / MB) / 10:.1f} MB; the limit is {MAX_BYTES // MB} MB"


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
