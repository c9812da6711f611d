"""The user's cache folder for policydiff, or None when there is none it may safely use.

Two things are kept there between processes, each only ever to save time: compiled report
templates (:mod:`policydiff.renderers.bytecode`) and, for the command line, the word tokens of
clause texts already cut (:mod:`policydiff.alignment.tokenstore`). The folder is
``$XDG_CACHE_HOME/policydiff/<name>``, else ``~/.cache/policydiff/<name>``, created private to
the user; a folder that cannot be made, is not the user's alone or is not readable and writable
means "no cache" (the work is simply done again), never an error.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["user_cache_folder"]


def user_cache_folder(name: str) -> Path | None:
    """``<user cache>/policydiff/<name>``, made if missing, or None when it may not be used."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    folder = Path(base) / "policydiff" / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (info.st_uid != getuid() or info.st_mode & 0o022):
        return None                 # a folder others may write to: never load from it
    if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        return None
    return folder
