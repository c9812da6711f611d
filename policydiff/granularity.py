"""What one row of a comparison holds: sentences cut out of paragraphs, and unpaired clauses
grouped into the units that were compared.

``unit="sentence"`` compares sentences: each paragraph that holds more than one sentence is cut
into sentence clauses before alignment, so a paragraph whose sentences were reordered, moved to
another paragraph, or partly dropped comes out sentence by sentence. The cut documents replace
the parsed ones in the :class:`~policydiff.comparison.Comparison`, so every id in the report
names a clause of the documents it carries, and the clauses still cover the text exactly once.

With ``unit="article"`` a pair holds whole articles; the clauses no pair holds are grouped the
same way (:func:`unit_groups`), so a new article of three paragraphs is one added row, not three.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .document import Clause, ClauseKind, Document
from .vocabulary import sentences

# Clauses whose text is running prose. Headings, titles, table rows (their cells are compared
# apart), notices, signatures, histories and tables of contents are not cut.
PROSE = frozenset({ClauseKind.BODY, ClauseKind.LIST_ITEM, ClauseKind.PREAMBLE, ClauseKind.BOX})
# The end of a sentence is found again in the document text by its last characters: enough of
# them to be unambiguous inside one clause's span (a clause is searched from where its previous
# sentence ended, so only a repeat inside the next few characters could mislead).
_TAIL = 6


def by_sentence(document: Document) -> Document:
    """``document`` with every prose clause of more than one sentence cut into sentence clauses
    (ids ``<clause id>.s1``, ``.s2`` …, the same path and kind; the first keeps the number).

    A clause whose text is not a verbatim slice of the document (the parser joined lines of a
    broken paragraph) still splits when each sentence's end can be found in order in the
    clause's span; when one cannot, the clause stays whole rather than get wrong offsets."""
    clauses: list[Clause] = []
    for clause in document.clauses:
        clauses.extend(_cut(clause, document.text) if clause.kind in PROSE else (clause,))
    if len(clauses) == len(document.clauses):
        return document
    return replace(document, clauses=tuple(clauses))


def _cut(clause: Clause, text: str) -> tuple[Clause, ...]:
    spans = sentences(clause.text)
    if len(spans) < 2:
        return (clause,)
    bounds = [clause.start]
    cursor = clause.start
    for start, end in spans[:-1]:
        tail = clause.text[max(start, end - _TAIL):end]
        found = text.find(tail, cursor, clause.end)
        if found < 0:
            return (clause,)
        cursor = found + len(tail)
        bounds.append(cursor)
    bounds.append(clause.end)
    # sentence k is the clause text from the end of sentence k-1 (its leading blanks trimmed)
    cuts = [0, *(end for _, end in spans[:-1]), len(clause.text)]
    return tuple(
        Clause(id=f"{clause.id}.s{k + 1}", path=clause.path, kind=clause.kind,
               text=clause.text[cuts[k]:cuts[k + 1]].strip(), start=bounds[k],
               end=bounds[k + 1], number=clause.number if k == 0 else None)
        for k in range(len(spans)))


def unit_groups(clauses: Iterable[Clause], unit_of: dict[str, int]
                ) -> tuple[tuple[Clause, ...], ...]:
    """``clauses`` (in document order) grouped by the unit each belongs to (``unit_of``: clause
    id → unit number): consecutive clauses of one unit form one group."""
    groups: list[list[Clause]] = []
    last: int | None = None
    for clause in clauses:
        unit = unit_of.get(clause.id)
        if groups and unit is not None and unit == last:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        last = unit
    return tuple(tuple(group) for group in groups)


def unit_numbers(by_segment: dict[str, list[tuple[Clause, ...]]]) -> dict[str, int]:
    """Clause id → a number shared by the clauses of one unit (unique across segments)."""
    numbers: dict[str, int] = {}
    for units in by_segment.values():
        for unit in units:
            number = len(numbers)
            for clause in unit:
                numbers[clause.id] = number
    return numbers

