"""Word tokens kept between command-line runs, so a run that cuts nothing new needs no segmenter.

Loading the segmenter is the largest single cost of a command's start: ``import rjieba`` builds
jieba's dictionary in 0.17–0.21 s (holding the GIL, so nothing else can run meanwhile), while the
word diffs of the flagship pair cut only 140 clause texts. The command line
(:func:`policydiff.cli.main`) therefore turns this store on: a text's tokens are looked up here
while the segmenter is not loaded, and every text cut in the process is written back when it
ends. Library calls never touch the disk.

What makes a stored entry valid for a text, all in its key (a SHA-256 of them and the text):

* the segmenter that would be loaded (rjieba, else jieba), named with its compiled extension or
  dictionary file's path, size and modification time, so a reinstall or upgrade invalidates it;
* the source of :mod:`policydiff.alignment.tokens` (its protected runs, its HMM switch and the
  way it joins the two), so any edit of the tokenisation invalidates it too.

An entry holds only the token lengths; the tokens are slices of the text itself, checked to cover
it exactly, so a damaged entry is a miss, never wrong text. The file is SQLite
(``<user cache>/policydiff/tokens/tokens.sqlite3``, see :mod:`policydiff.caching`), which lets
concurrent processes share it; any failure (locked, full, unreadable, damaged) turns the store
off for the rest of the process: it only ever saves time.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import os
from array import array
from pathlib import Path
from typing import Any

__all__ = ["enable", "lookup", "remember"]

# Above this size the file is emptied at the next write. Entries of other keys (an upgraded
# segmenter, an edited tokens.py) are never read again; this bounds what they cost. At about
# 90 bytes an entry (measured: 1,000 flagship and law clauses, 88 KiB) it holds some 700,000.
_MAX_BYTES = 64 * 2**20
# Texts cut in one process that are written back at its end, at most; a program that cuts more
# (a long corpus run) keeps the first ones. 40,000 covers the company law ×8 several times.
_MAX_PENDING = 40_000

_state: dict[str, Any] = {"on": False, "connection": None, "scheme": None, "pending": [],
                          "pid": None}


def enable() -> None:
    """Use the store for the rest of this process (the command line calls it)."""
    _state["on"] = True


def _scheme() -> bytes | None:
    """What the key must hold besides the text: the segmenter and the tokenisation code."""
    parts: list[str] = []
    for name in ("rjieba", "jieba"):
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            continue
        folder = Path(next(iter(spec.submodule_search_locations)))
        files = sorted(folder.glob("*.so")) + sorted(folder.glob("*.pyd")) if name == "rjieba" \
            else [folder / "dict.txt", folder / "__init__.py"]
        if not files:
            continue
        parts.append(name)
        for path in files:
            info = path.stat()
            parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
        break
    else:
        return None
    from . import tokens
    source = Path(tokens.__file__).read_bytes()
    return hashlib.sha256("\0".join(parts).encode() + b"\0" + source).digest()


def _connection() -> Any:
    """The open store, opened on first use; None once it failed or when it is off."""
    if not _state["on"]:
        return None
    if _state["pid"] not in (None, os.getpid()):
        # a forked worker: an SQLite connection must not cross a fork, and the parent writes
        _state["on"] = False
        return None
    if _state["connection"] is None:
        try:
            import sqlite3

            from ..caching import user_cache_folder

            scheme = _scheme()
            folder = user_cache_folder("tokens")
            if scheme is None or folder is None:
                raise OSError("no store")
            connection = sqlite3.connect(folder / "tokens.sqlite3", timeout=1.0,
                                         isolation_level=None)
            connection.execute("CREATE TABLE IF NOT EXISTS tokens "
                               "(key BLOB PRIMARY KEY, lengths BLOB NOT NULL) WITHOUT ROWID")
        except Exception:          # sqlite3.Error, OSError, a damaged file: no store
            _state["on"] = False
            return None
        _state["connection"], _state["scheme"], _state["pid"] = connection, scheme, os.getpid()
    return _state["connection"]


def _key(text: str) -> bytes:
    return hashlib.sha256(_state["scheme"] + text.encode("utf-8", "surrogatepass")).digest()


def lookup(text: str) -> tuple[str, ...] | None:
    """The stored tokens of ``text``, or None (store off, not stored, damaged)."""
    connection = _connection()
    if connection is None:
        return None
    try:
        row = connection.execute("SELECT lengths FROM tokens WHERE key = ?",
                                 (_key(text),)).fetchone()
    except Exception:
        _state["on"] = False
        return None
    if row is None:
        return None
    lengths = array("I")
    try:
        lengths.frombytes(row[0])
    except (TypeError, ValueError):
        return None
    if sum(lengths) != len(text) or not all(lengths):
        return None
    tokens: list[str] = []
    start = 0
    for length in lengths:
        tokens.append(text[start : start + length])
        start += length
    return tuple(tokens)


def remember(text: str, tokens: tuple[str, ...]) -> None:
    """Keep the tokens of a text just cut, to write them when the process ends."""
    if not _state["on"] or _state["pid"] not in (None, os.getpid()):
        return
    pending: list[tuple[str, tuple[str, ...]]] = _state["pending"]
    if not pending:
        atexit.register(_flush)
    if len(pending) < _MAX_PENDING:
        pending.append((text, tokens))


def _flush() -> None:
    """Write the texts cut in this process (one transaction); empty an oversized file first."""
    pending: list[tuple[str, tuple[str, ...]]] = _state["pending"]
    _state["pending"] = []
    connection = _connection()
    if connection is None or not pending:
        return
    try:
        path = connection.execute("PRAGMA database_list").fetchone()[2]
        if path and os.path.getsize(path) > _MAX_BYTES:
            connection.execute("DELETE FROM tokens")
            connection.execute("VACUUM")
        rows = [(_key(text), array("I", map(len, tokens)).tobytes()) for text, tokens in pending]
        connection.execute("BEGIN")
        connection.executemany("INSERT OR IGNORE INTO tokens VALUES (?, ?)", rows)
        connection.execute("COMMIT")
    except Exception:              # locked past the timeout, full, read-only: not kept
        _state["on"] = False
