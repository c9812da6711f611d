"""Parent choice: citations, earlier versions and text reuse, with direction and siblings.

Rules, in order of strength:

* **Cited**: the documents a document cites where it states its basis (see
  :mod:`.citations`). When several corpus documents fit a cite (a source and a derived
  document that kept its title, two versions), the one not dated after the citing document, of
  the higher level, and closest by text (:meth:`Chooser.closer`) wins; the edge says it was
  ambiguous and names the others. A cite whose only match is dated later stays (a law cited by
  name whose corpus version was amended since): the edge says ``date_order: later``.
* **Version**: an earlier document with the same title (or an undated one that passes the
  direction test of :meth:`Chooser.upstream`).
* **Text**: failing both, the candidate the document reuses most, when the direction is
  known: a national document over a local one; else an earlier date; else (undated) the
  document must hold more of the candidate's own changes than the candidate holds of the
  document's (:meth:`Chooser.upstream`; two documents alone: asymmetric reuse). Among
  near-equal candidates (siblings share their source's text) the source wins unless the
  document clearly inherits the other's own changes.
* **Intermediate**: a document citing P but copying the text of C (itself derived from P)
  derives from C.

Finally edges are accepted strongest first and an edge that would close a cycle is dropped: a
document is never the parent of its own source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..document import Document
from .citations import Directory, Match, basis_cites, own_forms, title_key
from .levels import level
from .records import Basis, DateOrder, Lineage, Parent
from .sketches import REUSE_FLOOR, Postings, Sketch, share

__all__ = ["ASYMMETRY", "CLEARLY_MORE", "DATE_ONLY_FACTOR", "DEFAULT_MIN_REUSE", "INHERITED",
           "INTERMEDIATE_REUSE", "NEAR_BEST", "infer"]

DEFAULT_MIN_REUSE = 0.08
"""Least reuse for a parent found by text alone (no citation). Unrelated documents of one
field share up to about 0.06 of their shingles (stock phrases of legal drafting); a local
document that restates a national one in its own words reuses about 0.1 of it."""
DATE_ONLY_FACTOR = 3.0
"""A parent found by text alone and ordered only by date (both local, or both national) must be
reused this many times ``min_reuse``: two national laws of one field share about 0.17 of their
text without one deriving from the other."""
ASYMMETRY = 0.02
"""Undated, same level: the document must take at least this much more of its text from the
candidate than the candidate takes from it. On the sibling benchmark a derived document takes
0.03-0.08 more from its source than the source from it (it drops clauses, adds few); siblings
differ by less than 0.02 in most pairs, and the sibling test below settles the rest."""
NEAR_BEST = 0.1
"""Candidates reused within this fraction of the best candidate's reuse are compared by the
text each shares with the document and the other lacks."""
CLEARLY_MORE = 20
"""Shingles (about a sentence) by which one candidate must beat another to count as closer."""
INHERITED = 0.5
"""Least share of a candidate's own changes (its shingles the other candidate lacks) that a
document must contain to derive from it rather than from the other."""
INTERMEDIATE_REUSE = 0.5
"""Least reuse of an uncited document that stands between a document and what it cites."""

_STRENGTH: dict[Basis, int] = {"cited": 3, "version": 2, "intermediate": 2, "text": 1}


@dataclass(frozen=True, slots=True)
class _Edge:
    other: int
    basis: Basis
    match: Match | None = None
    ambiguous: bool = False
    alternatives: tuple[int, ...] = ()


def infer(documents: Sequence[Document], sketches: Sequence[Sketch], *,
          min_reuse: float = DEFAULT_MIN_REUSE
          ) -> tuple[tuple[Lineage, ...], dict[tuple[int, int], float]]:
    """Lineage records (one per document, in the given order) and the sparse reuse shares
    ``{(document, other): share}``. ``documents`` must have distinct sources."""
    postings = Postings(sketches)
    shares = postings.shares(min(REUSE_FLOOR, min_reuse))
    del postings
    chooser = Chooser(documents, sketches, shares, min_reuse)
    first = [chooser.parents(index) for index in range(len(documents))]
    edges = {index: chooser.through_copies(index, found, [f for f, _ in first])
             for index, (found, _) in enumerate(first)}
    accepted = chooser.acyclic(edges)
    records = []
    for index, document in enumerate(documents):
        meta = document.metadata
        parents = sorted((chooser.record(index, edge) for edge in accepted[index]),
                         key=lambda p: p.source)
        records.append(Lineage(document.source, meta.title, meta.doc_number, tuple(parents),
                               first[index][1], meta.date, chooser.levels[index]))
    return tuple(records), shares


class Chooser:
    """Parent choice for the documents of one corpus."""

    def __init__(self, documents: Sequence[Document], sketches: Sequence[Sketch],
                 shares: dict[tuple[int, int], float], min_reuse: float) -> None:
        self.documents = documents
        self.sketches = sketches
        self.shares = shares
        self.min_reuse = min_reuse
        self.directory = Directory(documents)
        self.levels = [level(d) for d in documents]
        self.dates = [d.metadata.date for d in documents]
        self.exact_keys = [{k for k, s in own_forms(d).items() if s == 1.0} for d in documents]
        self.named_in_title: set[tuple[int, int]] = set()
        self._closer: dict[tuple[int, int, int], bool] = {}       # memos: each pair is
        self._exact: dict[tuple[int, int], float] = {}             # tested many times
        self.candidates: dict[int, list[tuple[int, float]]] = {}
        for (index, other), value in sorted(shares.items()):
            self.candidates.setdefault(index, []).append((other, value))

    # --- evidence ------------------------------------------------------------------------------

    def reuse(self, index: int, other: int) -> float:
        value = self.shares.get((index, other))
        if value is None:
            value = self._exact.get((index, other))
            if value is None:
                value = self._exact[(index, other)] = share(self.sketches[index],
                                                            self.sketches[other])
        return value

    def date_order(self, parent: int, child: int) -> DateOrder:
        one, other = self.dates[parent], self.dates[child]
        if not one or not other:
            return "unknown"
        return "earlier" if one < other else "same" if one == other else "later"

    def record(self, index: int, edge: _Edge) -> Parent:
        other = edge.other
        reuse = self.reuse(index, other)
        order = self.date_order(other, index)
        match = edge.match
        if match is not None:
            confidence = 0.95 if match.by == "doc_number" else 0.5 + 0.45 * match.score
        elif edge.basis == "version":
            confidence = 0.8
        else:
            confidence = min(0.9, 0.4 + reuse / 2)
        if edge.ambiguous:
            confidence -= 0.15
        if order == "later":
            confidence -= 0.3
        return Parent(
            self.documents[other].source, reuse, match is not None, edge.basis,
            match.by if match else None,   # type: ignore[arg-type]
            match.score if match and match.by == "title" else None, edge.ambiguous,
            tuple(sorted(self.documents[i].source for i in edge.alternatives)),
            self.reuse(other, index), order, self.levels[other], self.levels[index],
            round(min(0.99, max(0.05, confidence)), 2))

    # --- choice --------------------------------------------------------------------------------

    def parents(self, index: int) -> tuple[dict[int, _Edge], tuple[str, ...]]:
        """Cited documents, an earlier version of the document itself, or else the best
        candidate by reuse; and the basis cites found nowhere in the corpus."""
        parents: dict[int, _Edge] = {}
        unresolved: list[str] = []
        for group, in_title in basis_cites(self.documents[index]):
            if any(title_key(cite) in self.exact_keys[index] for cite in group):
                continue                                  # the document naming itself
            matches = [m for cite in group for m in self.directory.find(cite, index)]
            if not matches:
                unresolved.extend(group)
                continue
            best = max(m.score for m in matches)
            by_index = {m.index: m for m in sorted(matches, key=lambda m: m.by == "title")
                        if m.score == best}
            winner, others = self.choose(index, sorted(by_index))
            parents[winner] = _Edge(winner, "cited", by_index[winner], bool(others), others)
            if in_title:
                self.named_in_title.add((index, winner))
        versions = [other for other, value in self.candidates.get(index, ())
                    if value >= self.min_reuse and self.exact_keys[index] & self.exact_keys[other]
                    and (self.date_order(other, index) == "earlier"
                         or (self.date_order(other, index) == "unknown"
                             and self._upstream_of_rest(index, other)))]
        if versions:
            winner, others = self.choose(index, versions)
            parents.setdefault(winner, _Edge(winner, "version", None, bool(others), others))
        if not parents:
            found = self._best_by_reuse(index)
            if found is not None:
                parents[found.other] = found
        return parents, tuple(dict.fromkeys(unresolved))

    def choose(self, index: int, options: Sequence[int]) -> tuple[int, tuple[int, ...]]:
        """The option that ``index`` derives from, and the others: not dated after it, of the
        highest level, then the earliest (the source a title-keeping copy took its title from),
        unless the document clearly inherits another's own changes (:meth:`closer`)."""
        options = sorted(set(options))
        kept = [o for o in options if self.date_order(o, index) not in ("later", "same")]
        kept = kept or options
        if self.levels[index] == "national":
            kept = [o for o in kept if self.levels[o] == "national"] or kept
        order = sorted(kept, key=lambda o: (self.levels[o] != "national",
                                            self.dates[o] or "9999",
                                            self.documents[o].source))
        winner = order[0]
        for other in order[1:]:
            if self.closer(index, other, winner) and self.upstream(index, other, winner):
                winner = other
        return winner, tuple(o for o in options if o != winner)

    def upstream(self, index: int, one: int, other: int) -> bool:
        """Is ``one`` above ``index`` rather than below it, seen from ``other`` (a document
        both derive from)? A parent's own changes (its shingles ``other`` lacks) are nearly all
        in its child, while the child's changes are only partly in the parent (it adds its
        own): the document must hold a larger share of ``one``'s changes than ``one`` holds of
        the document's. Levels settle it when they differ, dates when both are known."""
        if self.levels[one] and self.levels[index] and self.levels[one] != self.levels[index]:
            return self.levels[one] == "national"
        if self.date_order(one, index) != "unknown":
            return self.date_order(one, index) == "earlier"
        theirs = np.setdiff1d(self.sketches[one], self.sketches[other], assume_unique=True)
        mine = np.setdiff1d(self.sketches[index], self.sketches[other], assume_unique=True)
        if not len(theirs) or not len(mine):
            return len(mine) > 0
        kept = len(np.intersect1d(theirs, self.sketches[index], assume_unique=True))
        held = len(np.intersect1d(mine, self.sketches[one], assume_unique=True))
        return kept / len(theirs) > held / len(mine)

    def eligible(self, index: int, other: int, value: float) -> bool:
        """Can ``other`` be ``index``'s parent by text alone (see the module docstring)?"""
        return self._could_be(index, other, value) and (
            self.date_order(other, index) != "unknown" or self._upstream_of_rest(index, other))

    def _could_be(self, index: int, other: int, value: float) -> bool:
        """:meth:`eligible` without the costly direction test for undated documents."""
        parent_level, child_level = self.levels[other], self.levels[index]
        if parent_level and child_level and parent_level != child_level:
            return parent_level == "national" and value >= self.min_reuse
        order = self.date_order(other, index)
        if order != "earlier" and order != "unknown":
            return False
        return value >= self.min_reuse * DATE_ONLY_FACTOR

    def _best_by_reuse(self, index: int) -> _Edge | None:
        """The candidate this document takes most from. Candidates reused within
        :data:`NEAR_BEST` of the best are compared two by two (see :meth:`closer`), starting
        from a national one, then the earliest."""
        ranked = [(value, other) for other, value in self.candidates.get(index, ())
                  if self._could_be(index, other, value)]
        near: list[int] = []
        while ranked and not near:     # the direction test only for the near-best ones
            best = max(value for value, _ in ranked)
            near = [other for value, other in ranked if value >= best * (1 - NEAR_BEST)]
            ranked = [(value, other) for value, other in ranked if other not in near]
            near = [other for other in near if self.eligible(index, other, best)]
        if not near:
            return None
        winner, others = self.choose(index, near)
        return _Edge(winner, "text", None, bool(others), others)

    def _upstream_of_rest(self, index: int, other: int) -> bool:
        """An undated candidate must be above the document (:meth:`upstream`) as seen from
        the document's most reused other candidate: its own copy would not be."""
        if self.date_order(other, index) != "unknown" or (
                self.levels[other] and self.levels[index]
                and self.levels[other] != self.levels[index]):
            return True
        rest = [(value, o) for o, value in self.candidates.get(index, ()) if o != other]
        if not rest:              # two documents alone: the one that takes more is below
            return self.reuse(index, other) >= self.reuse(other, index) + ASYMMETRY
        # seen from what the candidate itself may derive from (higher level, earlier), else
        # from the document's most reused other candidate
        above = [(value, o) for value, o in rest
                 if (self.levels[o] == "national" and self.levels[other] == "local")
                 or self.date_order(o, other) == "earlier"]
        return self.upstream(index, other, max(above or rest)[1])

    def closer(self, index: int, one: int, other: int) -> bool:
        key = (index, one, other)
        if key not in self._closer:
            self._closer[key] = self._is_closer(index, one, other)
        return self._closer[key]

    def _is_closer(self, index: int, one: int, other: int) -> bool:
        """Does the document take more text from ``one`` that ``other`` lacks than the other
        way round? A copy of a copy shares the first copy's changes and nothing the first copy
        dropped; a sibling copy shares little but stock phrases the common source lacks.
        "More" means clearly more: twice as much and a sentence (:data:`CLEARLY_MORE`), and at
        least :data:`INHERITED` of what ``one`` has and ``other`` lacks (a copy keeps most of
        its source's changes; siblings share a few stock phrases and localisations)."""
        changes = np.setdiff1d(self.sketches[one], self.sketches[other], assume_unique=True)
        inherited = len(np.intersect1d(changes, self.sketches[index], assume_unique=True))
        if inherited < INHERITED * len(changes):
            return False
        found = np.intersect1d(self.sketches[index], self.sketches[other], assume_unique=True)
        lacking = len(np.setdiff1d(found, self.sketches[one], assume_unique=True))
        return inherited >= 2 * lacking + CLEARLY_MORE

    def through_copies(self, index: int, parents: dict[int, _Edge],
                       first: Sequence[dict[int, _Edge]]) -> dict[int, _Edge]:
        """A document that cites P but copies its text from C, itself derived from P, derives
        from C (a county restating the city's measures keeps the city's 根据《P》 sentence): C
        replaces P. C must be reused at least :data:`INTERMEDIATE_REUSE`, not be dated after
        the document nor derive from it, and be closer than P (:meth:`closer`). A P the
        document's own title names (实施《P》办法) stays."""
        cited = {other for other, edge in parents.items() if edge.basis == "cited"}
        if not cited:
            return parents
        options = []
        for other, value in self.candidates.get(index, ()):
            if value < INTERMEDIATE_REUSE or index in first[other]:
                continue
            if self.date_order(other, index) in ("later", "same"):
                continue
            via = {p for p in cited - {other}
                   if (index, p) not in self.named_in_title} & set(first[other])
            if via and all(self.closer(index, other, p) for p in sorted(via)):
                options.append((other, via))
        if not options:
            return parents
        other, via = options[0]
        for option in options[1:]:
            if self.closer(index, option[0], other):
                other, via = option
        kept = {i: edge for i, edge in parents.items() if i not in via}
        if other not in kept:
            replaced = parents[min(via)]
            kept[other] = _Edge(other, "intermediate", None, replaced.ambiguous,
                                tuple(sorted(via)))
        return kept

    def acyclic(self, edges: dict[int, dict[int, _Edge]]) -> dict[int, list[_Edge]]:
        """The edges accepted strongest first (cited, then versions and intermediates, then
        text; a known date order; more reuse), each dropped if its parent already descends
        from its child."""
        ranked = sorted(((child, edge) for child, found in edges.items()
                         for edge in found.values()),
                        key=lambda item: (-_STRENGTH[item[1].basis],
                                          self.date_order(item[1].other, item[0]) != "earlier",
                                          -self.reuse(item[0], item[1].other),
                                          self.documents[item[0]].source,
                                          self.documents[item[1].other].source))
        accepted: dict[int, list[_Edge]] = {index: [] for index in edges}
        for child, edge in ranked:
            if not self._descends(edge.other, child, accepted):
                accepted[child].append(edge)
        return accepted

    @staticmethod
    def _descends(document: int, ancestor: int, accepted: dict[int, list[_Edge]]) -> bool:
        seen = set()
        stack = [document]
        while stack:
            current = stack.pop()
            if current == ancestor:
                return True
            if current in seen:
                continue
            seen.add(current)
            stack.extend(edge.other for edge in accepted[current])
        return False
