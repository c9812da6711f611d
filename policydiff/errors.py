"""The errors policydiff raises at its boundary.

Callers catch :class:`PolicydiffError`; the CLI turns it into one line on stderr and exit code 2.
"""

from __future__ import annotations


class PolicydiffError(Exception):
    """Root of every error policydiff raises on purpose."""


class InputError(PolicydiffError, ValueError):
    """A document cannot be read: missing, a directory, empty, binary, undecodable, too large."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ParseError(PolicydiffError, ValueError):
    """A structured input (pins, options) is malformed; names where and shows an excerpt."""

    def __init__(self, source: str, problem: str, *, line: int | None = None,
                 column: int | None = None, excerpt: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        self.column = column
        self.excerpt = excerpt
        where = source
        if line is not None:
            where += f":{line}" + ("" if column is None else f":{column}")
        tail = f" near {excerpt!r}" if excerpt else ""
        super().__init__(f"{where}: {problem}{tail}")
