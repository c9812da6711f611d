"""Pass 2, last step: units become clauses and skipped spans that cover the text exactly once.

A unit's span runs from its first line to the next unit, so blank lines join the clause before
them. Markdown heading marks and zero-width characters at a clause's edges become skipped spans
(``markup``, ``invisible``); zero-width characters inside a clause stay in its span but not in its
text, and a re-flowed paragraph's text has its line breaks removed. Ids come from the heading
path (``2.3.1``, ``ch2.art10``), with a counter only among unnumbered siblings.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..document import Clause, ClauseKind, Skipped, SkipReason
from ..vocabulary import FRONT_KINDS, IGNORABLE, visible
from .builder import Unit
from .lines import Line

_SPACE = " \t\r\n\u3000\u00a0\f\v"
_OWN_IDS = (*FRONT_KINDS, "preamble")     # kinds numbered on their own: title1, preamble2


def assemble(text: str, lines: Sequence[Line],
             units: Sequence[Unit]) -> tuple[tuple[Clause, ...], tuple[Skipped, ...]]:
    clauses: list[Clause] = []
    skipped: list[Skipped] = []
    if not units:
        if text:
            skipped.append(Skipped(0, len(text), SkipReason.BLANK, text))
        return (), tuple(skipped)
    starts = [lines[u.first].start for u in units]
    if starts[0] > 0:
        skipped.append(Skipped(0, starts[0], SkipReason.BLANK, text[:starts[0]]))
    ids: set[str] = set()
    counters: dict[tuple[str, ...], int] = {}
    for n, unit in enumerate(units):
        start = starts[n]
        end = starts[n + 1] if n + 1 < len(units) else len(text)
        if isinstance(unit.kind, SkipReason):
            skipped.append(Skipped(start, end, unit.kind, text[start:end]))
            continue
        first = lines[unit.first]
        prefix = text[start:start + first.lead]
        if prefix.strip(_SPACE):                 # ## or a zero-width character before the text
            reason = SkipReason.MARKUP if "#" in prefix else SkipReason.INVISIBLE
            skipped.append(Skipped(start, start + first.lead, reason, prefix))
            start += first.lead
        tail_start = _visible_end(text, start, end)
        tail = None
        if any(c in IGNORABLE for c in text[tail_start:end]):
            tail = Skipped(tail_start, end, SkipReason.INVISIBLE, text[tail_start:end])
            end = tail_start
        clause_id = _clause_id(unit, counters, ids)
        clauses.append(Clause(clause_id, unit.path, ClauseKind(unit.kind),
                              _clause_text(text, start, end, lines, unit), start, end,
                              unit.number, unit.cells))
        if tail is not None:
            skipped.append(tail)
    return tuple(clauses), tuple(skipped)


def _visible_end(text: str, start: int, end: int) -> int:
    """Offset after the last character of ``text[start:end]`` that is neither space nor
    zero-width."""
    while end > start and (text[end - 1] in _SPACE or text[end - 1] in IGNORABLE):
        end -= 1
    return end


def _clause_text(text: str, start: int, end: int, lines: Sequence[Line], unit: Unit) -> str:
    """The clause's text: its span trimmed, zero-width characters removed, re-flowed lines
    joined."""
    wrapped = [lines[i] for i in range(unit.first, unit.last + 1) if lines[i].wrapped]
    if not wrapped:
        return visible(text[start:end]).strip()
    pieces = []
    position = start
    for line in wrapped:
        line_start = max(line.start + line.lead, start)
        pieces += [text[position:line_start], line.text]
        position = line.end
    pieces.append(text[position:end])
    return visible("".join(pieces)).strip()


def _clause_id(unit: Unit, counters: dict[tuple[str, ...], int], ids: set[str]) -> str:
    base = ".".join(unit.id_parts)
    if unit.leaf or unit.kind in _OWN_IDS:
        leaf = unit.leaf or str(unit.kind)
        if unit.kind in _OWN_IDS:
            base, leaf = "", str(unit.kind)
        key = (base, leaf)
        counters[key] = counters.get(key, 0) + 1
        suffix = f"{leaf}{counters[key]}"
        base = f"{base}.{suffix}" if base else suffix
    candidate = base or "clause"
    n = 2
    while candidate in ids:
        candidate = f"{base}-{n}"
        n += 1
    ids.add(candidate)
    return candidate
