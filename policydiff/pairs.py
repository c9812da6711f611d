"""One pair: the parent and derived clauses the aligner put together, their word diff, status
(unchanged, localized, modified), renumbering, and the targets and obligations whose values or
strength moved between them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from . import obligations as obligation_module
from . import targets as target_module
from .alignment import inline
from .alignment.localization import Localizer, localization_edits
from .alignment.marks import number_key, own_mark, own_text
from .alignment.matching import How, similarity
from .alignment.tokens import normalize
from .document import Clause
from .evidence import Evidence
from .obligations import ObligationChange
from .targets import QuantityOnly, TargetChange

Status = Literal["unchanged", "localized", "modified"]
Op = inline.Op


@dataclass(frozen=True, slots=True)
class Pair:
    """Parent clauses and the derived clauses that restate them (1:1, merge N:1, split 1:N)."""

    parent: tuple[Clause, ...]
    derived: tuple[Clause, ...]
    status: Status
    similarity: float
    moved: bool
    diff: tuple[tuple[Op, str], ...]
    """Word-level diff of the parent texts joined by newlines against the derived texts joined
    the same way: equal+delete rebuild the parent side, equal+insert the derived side."""
    targets: tuple[TargetChange, ...] = ()
    pinned: bool = False
    how: How = "best"
    """How the aligner made the pair (``matching.How``): the report's "why paired"."""
    renumbered: bool = False
    """Both sides open with an article mark and the numbers differ (条文序号调整); the status
    is decided on the texts without their marks, so an article that only moved is unchanged."""
    obligations: tuple[ObligationChange, ...] = ()
    """Obligation words whose strength moved (鼓励 → 应当), see :mod:`policydiff.obligations`."""
    unpaired_targets: tuple[QuantityOnly, ...] = ()
    """Quantities of one side only (a new fine, a removed target), never paired with another."""
    localization: tuple[int, ...] = ()
    """Indexes of the ``diff`` ops that only localise (本市→新区): renderers may show them
    as plain derived text when the comparison hides localisation (``hide_localization``)."""
    evidence: Evidence | None = None
    """Why the two sides were paired (see :mod:`policydiff.evidence`)."""

    @property
    def parent_number(self) -> str | None:
        """The article mark the parent side opens with (第七條), or None."""
        return own_mark(self.parent[0]) if self.parent else None

    @property
    def derived_number(self) -> str | None:
        return own_mark(self.derived[0]) if self.derived else None

    @property
    def parent_text(self) -> str:
        return "\n".join(c.text for c in self.parent)

    @property
    def derived_text(self) -> str:
        return "\n".join(c.text for c in self.derived)

    def _repr_html_(self) -> str:
        from .renderers.html import render_pair
        return render_pair(self)


_PUNCTUATION = re.compile(
    r"[\s。，、；：？！“”‘’「」『』（）《》〈〉【】〔〕—…·,.;:?!\"'()\[\]<>-]+")


def _same_words(parent: str, derived: str) -> bool:
    """Equal but for punctuation: a 。 after a heading that became its own line does not count."""
    return _PUNCTUATION.sub("", parent) == _PUNCTUATION.sub("", derived)


def make_pair(parent: tuple[Clause, ...], derived: tuple[Clause, ...], localizer: Localizer,
              *, pinned: bool = False, how: How = "best", statute: bool = False) -> Pair:
    """The pair of these clauses: diff, status, score, renumbering and, when modified, target
    and obligation changes (``statute``: the documents are laws, see
    :mod:`policydiff.obligations`)."""
    # each side in its own document's order (a split lists its pieces as the derived text has
    # them), so the row reads like the documents
    parent = tuple(sorted(parent, key=lambda c: c.start))
    derived = tuple(sorted(derived, key=lambda c: c.start))
    parent_text = "\n".join(c.text for c in parent)
    derived_text = "\n".join(c.text for c in derived)
    ops = inline.diff(parent_text, derived_text)
    parent_norm = "".join(normalize(own_text(c)) for c in parent)
    derived_norm = "".join(normalize(own_text(c)) for c in derived)
    status: Status
    if _same_words(parent_norm, derived_norm):
        status = "unchanged"
    elif _same_words(localizer.neutralize(parent_norm), localizer.neutralize(derived_norm)):
        status = "localized"
    else:
        status = "modified"
    score = 1.0 if status == "unchanged" else round(similarity(
        localizer.neutralize(parent_norm), localizer.neutralize(derived_norm)), 4)
    # unchanged and localized texts have the same numbers: no target can have changed
    changes, unpaired, obligations = (
        _target_changes(parent, derived, parent_text, derived_text, statute)
        if status == "modified" else ((), (), ()))
    marks = number_key(own_mark(parent[0])), number_key(own_mark(derived[0]))
    renumbered = None not in marks and marks[0] != marks[1]
    local = localization_edits(localizer, ops) if status != "unchanged" else ()
    return Pair(parent, derived, status, score, False, ops, changes, pinned,
                "pinned" if pinned else how, renumbered, obligations, unpaired, local)


def _target_changes(parent: tuple[Clause, ...], derived: tuple[Clause, ...], parent_text: str,
                    derived_text: str, statute: bool) -> tuple[tuple[TargetChange, ...],
                                                tuple[QuantityOnly, ...],
                                                tuple[ObligationChange, ...]]:
    """Target changes, one-side quantities and obligation changes, with their clause ids."""
    paired, only, obligation_changes = _text_changes(parent_text, derived_text, statute)
    found = []
    for change in paired:
        if change.direction == "unchanged":
            continue
        found.append(replace(change, parent_clause=_clause_at(parent, change.before.start),
                             derived_clause=_clause_at(derived, change.after.start)))
    unpaired = tuple(replace(o, clause=_clause_at(parent if o.change == "removed" else derived,
                                                  o.quantity.start)) for o in only)
    obligations = tuple(
        replace(c, parent_clause=_clause_at(parent, c.before.start),
                derived_clause=_clause_at(derived, c.after.start))
        for c in obligation_changes)
    return tuple(found), unpaired, obligations


@lru_cache(maxsize=4096)
def _text_changes(parent_text: str, derived_text: str, statute: bool
                  ) -> tuple[tuple[TargetChange, ...], tuple[QuantityOnly, ...],
                             tuple[ObligationChange, ...]]:
    """The quantities and obligations of two texts, paired: they depend on the texts alone,
    and are immutable. Cached as the word diff is: an article kept in several places, a parent
    compared with several derived documents, or a comparison run again, asks again (the
    company law x8: 0.77 of 1.37 s of make_pair, profiled)."""
    paired, only = target_module.quantity_changes(parent_text, derived_text)
    return paired, only, obligation_module.changes(parent_text, derived_text, statute=statute)


def _clause_at(clauses: tuple[Clause, ...], offset: int) -> str:
    """The id of the clause holding ``offset`` of the clauses' texts joined by newlines."""
    position = 0
    for clause in clauses:
        position += len(clause.text) + 1
        if offset < position:
            return clause.id
    return clauses[-1].id
