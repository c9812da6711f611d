"""Compiled templates kept between processes, so a command does not recompile them every run.

jinja2 turns each template into Python code on first use; for the report's five templates that
took 80 ms of the command line's 1.3 s on the flagship pair (a process loads them again every
time). jinja2's own bytecode cache keeps the compiled code in a folder keyed on the template's
path and checked against a hash of its source and jinja2's own version, so an edited template or
another jinja2 is compiled afresh: the pages are the same bytes with the cache or without.

The folder is the user's cache (``$XDG_CACHE_HOME/policydiff/templates``, else
``~/.cache/policydiff/templates``), created private to the user. When it cannot be made, is not
the user's alone, or any read or write fails (a read-only home, a full disk, a damaged file), the
templates are simply compiled as before: the cache only ever saves time.
"""

from __future__ import annotations

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from jinja2.bccache import Bucket

from ..caching import user_cache_folder

__all__ = ["bytecode_cache"]


class _SafeCache(FileSystemBytecodeCache):
    """A folder cache whose failures mean "compile it", never an error."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or unreadable file: compile the template instead
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:    # unwritable or full: the next process compiles again
            pass


def bytecode_cache() -> BytecodeCache | None:
    """The user's template cache, or None when there is no folder it may safely use."""
    folder = user_cache_folder("templates")
    return None if folder is None else _SafeCache(str(folder))
