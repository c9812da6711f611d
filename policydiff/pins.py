"""Pins: pairs a caller fixes by clause id, read from a list or a JSON file and checked against
both documents, so that a wrong id is named with the file and the document it is missing from."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .document import Document
from .errors import ParseError

PIN_FORMAT = "a JSON list of [parent clause id, derived clause id] pairs"


def read_pins(pins: Iterable[tuple[str, str]] | str | os.PathLike[str], parent: Document,
              derived: Document) -> list[tuple[str, str]]:
    """Pins as (parent id, derived id), checked against both documents."""
    source = "pins"
    if isinstance(pins, str | os.PathLike):
        source = os.fspath(pins)
        try:
            raw: Any = json.loads(Path(pins).read_text(encoding="utf-8"))
        except OSError as error:
            raise ParseError(source, f"cannot read pins file ({error.strerror})") from None
        except UnicodeDecodeError as error:
            raise ParseError(source, f"pins file is not UTF-8 text (byte offset {error.start})"
                             ) from None
        except json.JSONDecodeError as error:
            raise ParseError(source, f"not valid JSON: {error.msg}", line=error.lineno,
                             column=error.colno) from None
    else:
        raw = list(pins)
    if not isinstance(raw, list):
        raise ParseError(source, f"pins must be {PIN_FORMAT}")
    parent_ids = {c.id for c in parent.clauses}
    derived_ids = {c.id for c in derived.clauses}
    result = []
    for number, item in enumerate(raw, 1):
        if (not isinstance(item, list | tuple) or len(item) != 2
                or not all(isinstance(x, str) for x in item)):
            raise ParseError(source, f"pin {number} is {item!r}; pins must be {PIN_FORMAT}")
        p, d = item
        if p not in parent_ids:
            raise ParseError(source, f"pin {number}: the parent ({parent.source}) "
                                     f"has no clause {p!r}")
        if d not in derived_ids:
            raise ParseError(source, f"pin {number}: the derived document ({derived.source}) "
                                     f"has no clause {d!r}")
        result.append((p, d))
    return result
