"""Which entries of the sources given to ``policydiff.corpus`` are documents to read.

Every entry is either a file to read or skipped with its reason: folder notes (README…), fifos,
sockets, devices, broken and looping links, directories named like documents, missing paths.
File names are data: names that are not UTF-8 come as surrogate escapes (``os.fsdecode``), so
they open as they are; writers show them with replacement characters.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePath

from .document import Document
from .errors import InputError

__all__ = ["SUFFIXES", "expand"]

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")
"""File types a directory is searched for (recursively, case-insensitively)."""

_FOLDER_NOTES = frozenset({"README", "LICENSE", "LICENCE", "CHANGELOG", "CONTRIBUTING"})
"""Files a directory search leaves out (listed as skipped): they describe the folder. A file
named explicitly is always read."""

Source = str | os.PathLike[str] | Document


def expand(sources: Iterable[Source]) -> tuple[list[str], list[Document], list[tuple[str, str]]]:
    """Files to read (sorted, each once), documents given as such, and sources skipped."""
    paths: dict[str, str] = {}
    documents: list[Document] = []
    skipped: list[tuple[str, str]] = []
    count = 0
    for source in sources:
        count += 1
        if isinstance(source, Document):
            documents.append(source)
            continue
        if not isinstance(source, str | os.PathLike):
            raise TypeError(f"corpus() sources are paths or Documents, got "
                            f"{type(source).__name__}: {source!r:.80}")
        path = Path(source)
        if path.is_dir():
            for found, problem in _walk(path):
                if problem:
                    skipped.append((found, problem))
                elif PurePath(found).stem.upper() in _FOLDER_NOTES:
                    skipped.append((found, "a folder's README, not a document"))
                else:
                    paths.setdefault(os.path.realpath(found), found)
        elif path.exists():
            problem = _not_a_file(os.fspath(source))
            if problem:
                skipped.append((os.fspath(source), problem))
            else:
                paths.setdefault(os.path.realpath(path), os.fspath(source))
        elif path.is_symlink():
            skipped.append((os.fspath(source), _broken_link(os.fspath(source))))
        else:
            skipped.append((os.fspath(source), "no such file or directory"))
    if not count:
        raise InputError("corpus", "no sources given")
    if not paths and not documents and not skipped:
        raise InputError(", ".join(os.fspath(s) for s in sources if not isinstance(s, Document)),
                         f"no documents found (looked for {' '.join(SUFFIXES)})")
    return sorted(paths.values()), documents, skipped


def _walk(folder: Path) -> Iterator[tuple[str, str | None]]:
    """Every entry under ``folder`` that is a document by its name, or that is not a regular
    file (fifo, socket, device, broken or looping link), with the reason it is skipped;
    sorted, never following links to folders (no loops). Names that are not UTF-8 (GBK names
    from Windows archives) come as surrogate escapes, so they open as they are."""
    found: list[tuple[str, str | None]] = []
    for root, folders, files in os.walk(os.fspath(folder)):
        folders.sort()
        for name in folders:
            full = os.path.join(root, name)
            if os.path.islink(full) and not os.path.exists(full):
                found.append((full, _broken_link(full)))
            elif PurePath(name).suffix.lower() in SUFFIXES:
                found.append((full, "a directory, not a document"))
        for name in files:
            full = os.path.join(root, name)
            problem = _not_a_file(full)
            if problem or PurePath(name).suffix.lower() in SUFFIXES:
                found.append((full, problem))
    yield from sorted(found)


def _broken_link(path: str) -> str:
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == 40:                                            # ELOOP
            return "a symbolic link loop"
    return "a broken symbolic link"


def _not_a_file(path: str) -> str | None:
    """Why ``path`` is not a regular file to read, or ``None``."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return _broken_link(path) if os.path.islink(path) else "cannot be opened"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return None if os.path.islink(path) else "a directory, not a document"
    kind = ("a fifo (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    return f"{kind}, not a regular file"
