"""Which clauses of a parent correspond to which clauses of a derived document.

Two signals, both computed with rapidfuzz over the letters and digits of neutralised clause
texts:

* clause similarity (token-level Indel ratio) pairs clauses one to one, best first;
* sentence overlap (how many characters of one clause sit in sentences that closely match
  sentences of another) attaches the clauses left over to the groups they were merged into or
  split from, so alignment is N:M.

Nothing is forced: a clause whose best partner is under ``cutoff`` and whose sentences match
nowhere stays unpaired and is reported as added or dropped.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from rapidfuzz import fuzz

from . import learned, order
from .overlap import attach_by_phrases, phrases
from .rarity import Rarity
from .scoring import BLOCK, PARALLEL_CELLS, TOP_K, candidates, distinct, matrix
from .scoring import content as _content

ANCHOR_CUTOFF = 0.25        # least similarity for clauses at the same place (same heading)
# The order pass pairs clauses between two anchors down to this similarity. Measured on the
# eleven law keys and the flagship key: 0.25, 0.3 and 0.35 give the same 485/519 links and
# 94/97 facts; 0.3 sits in the middle of that plateau.
ORDER_FLOOR = 0.3
# Pairs over the cutoff but under this similarity need rare shared text too (a new article
# paired with a loosely similar old one at 0.58 was a defect seen on held-out laws). Measured:
# 0.5 (off), 0.6 and 0.7 give the same law keys (501/519, precision 0.944), flagship (94/97)
# and synthetic tests; 0.6 guards the reported defect and no more.
CONFIDENT = 0.6
# Weight the same place adds to a pair in the order pass: enough to choose between two equally
# similar neighbours, far less than the similarity differences that matter (0.05 and up).
PLACE_BONUS = 0.02
# A place held by more free clauses than this on one side locates none of them (a lead phrase
# every tiny clause shares; #15's 10,000 tiny clauses made 860,000 same-place pairs). In the
# flagship pair and the law keys no place has more than 4 holders.
PLACE_HOLDERS = 8
# A place never beats a free partner elsewhere this much more similar.
CLEARLY_BETTER = 0.1


How = Literal["pinned", "best", "anchor", "order", "merge", "split", "phrases", "contained",
              "cross-segment", "unique"]
"""How a link was made, for the report's "why paired": a user's pin; best-first similarity; the
same place (heading, number) at a lower similarity; the order pass between anchor pairs;
several free clauses making up one (merge: several parent clauses, split: several derived
ones); a clause joining a pair it shares phrases with; a short clause found inside a longer
one; a clause left over in its segment paired with one left over in another; two free units
sharing a phrase that no other unit of either document has (:mod:`.unique`)."""


@dataclass(frozen=True, slots=True)
class Link:
    """One aligned group: indexes into the parent and derived sequences, ascending."""

    parent: tuple[int, ...]
    derived: tuple[int, ...]
    pinned: bool = False
    how: How = "best"


def similarity(parent: str, derived: str) -> float:
    """Similarity in [0, 1] of two comparable texts, as alignment measures it."""
    return float(fuzz.ratio(_content(parent), _content(derived))) / 100.0


class _Groups:
    """Clauses grouped so far: each clause (side "p" or "d", index) is in at most one group."""

    def __init__(self, divisions: tuple[Sequence[bool], Sequence[bool]] = ((), ())) -> None:
        self.members: list[tuple[set[int], set[int]]] = []
        self.divisions = divisions
        self.pinned: list[bool] = []
        self.how: list[How] = []
        self.of: dict[tuple[str, int], int] = {}

    def new(self, *, pinned: bool = False, how: How = "best") -> int:
        self.members.append((set(), set()))
        self.pinned.append(pinned)
        self.how.append("pinned" if pinned else how)
        return len(self.members) - 1

    def add(self, key: int, side: str, index: int) -> None:
        self.members[key][0 if side == "p" else 1].add(index)
        self.of[(side, index)] = key

    def free(self, side: str, index: int) -> bool:
        return (side, index) not in self.of

    def compatible(self, side: str, index: int, other: int) -> bool:
        """A division title (第三章 會計師事務所) goes with division titles only: it restates
        another title, never an article's text, however much of that text it is."""
        mine, theirs = self.divisions if side == "p" else self.divisions[::-1]
        return not mine or not theirs or mine[index] == theirs[other]

    def pair(self, p: int, d: int, how: How = "best") -> bool:
        if ("p", p) not in self.of and ("d", d) not in self.of and self.compatible("p", p, d):
            key = self.new(how=how)
            self.add(key, "p", p)
            self.add(key, "d", d)
            return True
        return False

    def one_to_one(self) -> list[tuple[int, int]]:
        return [(next(iter(p)), next(iter(d))) for p, d in self.members
                if len(p) == 1 and len(d) == 1]

    def links(self) -> list[Link]:
        return [Link(tuple(sorted(p)), tuple(sorted(d)), pinned, how)
                for (p, d), pinned, how in zip(self.members, self.pinned, self.how, strict=True)
                if p and d]


def align(parent: Sequence[str], derived: Sequence[str], *, cutoff: float,
          pins: Sequence[tuple[int, int]] = (),
          parent_anchors: Sequence[frozenset[str]] = (),
          derived_anchors: Sequence[frozenset[str]] = (),
          find_contained: bool = False, cross: bool = False,
          divisions: tuple[Sequence[bool], Sequence[bool]] = ((), ())) -> list[Link]:
    """Align two sequences of comparable clause texts; returns the links, unordered.

    1. ``pins`` ((parent index, derived index), fixed by the user) are linked first and their
       clauses take part in nothing else.
    2. Identical texts pair (a dictionary join, in document order), then one to one, best
       similarity first, down to ``cutoff``; the same place (``*_anchors``: heading, number,
       lead phrase) only breaks ties.
    3. Clauses sharing a place pair down to ``ANCHOR_CUTOFF`` when neither has a clearly better
       free partner.
    4. Clauses left over join through shared phrases: several free clauses that together make
       up one (a merge, or a split seen from the other side) form a new group; a clause mostly
       taken from an already paired one joins that pair. With ``find_contained`` (annex tables,
       whose one-line rows get folded into the next row) a short clause found verbatim inside a
       longer one joins it too. (Before the order pass: run after it, the order pass took 2.1.2
       of the flagship pair 1:1 and the merge 2.1.1 + 2.1.2 → 2.2.1.p1 was lost.)
    5. The order pass: between consecutive pairs that keep both orders, the free clauses align
       monotonically down to ``ORDER_FLOOR`` when they share rare text
       (:class:`.rarity.Rarity`); the same place adds a little weight there.

    No pass pairs clauses that are merely each other's best free partner out of order: tried
    (down to 0.4, with rare shared text), it added 3 of 519 law-key links but paired articles
    that share only penalty wording (company law 2018 art. 202, false financial reports, with
    2023 art. 251, undisclosed information), which turned into a false "loosened" fine.

    ``divisions`` (per parent clause, per derived clause: whether it is a division title,
    第…章/節/編) keeps titles and article text apart (a chapter title 會計師事務所 took a whole
    article of the accountant act through the phrases it shares).

    ``cross`` marks every link made as ``"cross-segment"`` (the caller offers clauses left over
    in one segment to those left over in another).
    """
    content = {"p": [_content(t) for t in parent], "d": [_content(t) for t in derived]}
    groups = _Groups(divisions)
    for p, d in pins:
        key = groups.of.get(("p", p), groups.of.get(("d", d)))
        if key is None:
            key = groups.new(pinned=True)
        groups.add(key, "p", p)
        groups.add(key, "d", d)
    anchored = bool(parent_anchors) and bool(derived_anchors)

    def same_place(p: int, d: int) -> bool:
        return anchored and not parent_anchors[p].isdisjoint(derived_anchors[d])

    # identical texts: a dictionary join, first free with first free
    waiting: dict[str, list[int]] = {}
    for p, text in enumerate(content["p"]):
        if text and groups.free("p", p):
            waiting.setdefault(text, []).append(p)
    for d, text in enumerate(content["d"]):
        queue = waiting.get(text)
        if queue and groups.free("d", d):
            groups.pair(queue.pop(0), d)

    free_p = [p for p in range(len(parent)) if groups.free("p", p)]
    free_d = [d for d in range(len(derived)) if groups.free("d", d)]
    floor = min(cutoff, ORDER_FLOOR)
    rows, cols, scores = candidates([content["p"][p] for p in free_p],
                                    [content["d"][d] for d in free_d], floor)
    found = [(float(s), free_p[r], free_d[c]) for r, c, s in
             zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True)]
    # best first; the same place breaks ties, then position, so the result never depends on
    # iteration order
    found.sort(key=lambda spd: (-spd[0], not same_place(spd[1], spd[2]), spd[1], spd[2]))
    weights = Rarity(content["p"], content["d"])
    for score, p, d in found:
        if score >= cutoff and (score >= CONFIDENT or weights.enough(p, d)):
            groups.pair(p, d)
    _learned_pass(groups, content, cutoff, weights)
    if anchored:
        _anchor_pass(groups, content, parent_anchors, derived_anchors, found)
    attach_by_phrases(groups, parent, derived, content if find_contained else None, weights)
    _order_pass(groups, content, floor, same_place, weights)
    links = groups.links()
    if cross:
        links = [replace(link, how="cross-segment") for link in links]
    return links


def _learned_pass(groups: _Groups, content: dict[str, list[str]], cutoff: float,
                  weights: Rarity) -> None:
    """Clauses left free after the best-first pass, measured again with the replacements the
    comparison's confident pairs make throughout (:mod:`.learned`) made on the parent side:
    pairs at ``cutoff`` or more that share enough rare text besides the replacements. The
    replacement itself is no evidence (it recurs in several pairs by construction): counted,
    old 26 高級中學規程，由教育部定之 of the senior high school act paired with a new paragraph
    高級中學學生成績考查辦法，由中央主管教育行政機關定之 (a hand-checked truth lost)."""
    confident = [(content["p"][p], content["d"][d]) for p, d in groups.one_to_one()
                 if similarity(content["p"][p], content["d"][d]) >= learned.LEARN_FLOOR]
    replacements = learned.learn(confident)
    if not replacements:
        return
    free_p = [p for p in range(len(content["p"])) if groups.free("p", p)]
    free_d = [d for d in range(len(content["d"])) if groups.free("d", d)]
    rows, cols, scores = candidates([learned.apply(content["p"][p], replacements) for p in free_p],
                                    [content["d"][d] for d in free_d], cutoff)
    found = sorted(((float(s), free_p[r], free_d[c]) for r, c, s in
                    zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True)),
                   key=lambda spd: (-spd[0], spd[1], spd[2]))
    for _, p, d in found:
        if weights.enough(p, d):
            groups.pair(p, d, "best")


def _order_pass(groups: _Groups, content: dict[str, list[str]], floor: float,
                same_place: Callable[[int, int], bool], weights: Rarity) -> None:
    chain = order.anchors(groups.one_to_one())
    for p_range, d_range in order.gaps(chain, len(content["p"]), len(content["d"])):
        rows = [p for p in p_range if groups.free("p", p)]
        cols = [d for d in d_range if groups.free("d", d)]
        if not rows or not cols or len(rows) * len(cols) > order.MAX_GAP_CELLS:
            continue
        scores = matrix([content["p"][p] for p in rows], [content["d"][d] for d in cols])
        bonus = np.array([[PLACE_BONUS if same_place(p, d) else 0.0 for d in cols]
                          for p in rows])
        alone = len(rows) == len(cols) == 1
        # only pairs with enough rare shared text take part, so one that lacks it never keeps
        # the programme from a neighbour that has it
        for r, c in zip(*np.nonzero(scores >= floor), strict=True):
            if not weights.enough(rows[r], cols[c], alone=alone):
                scores[r, c] = -1.0
        for r, c in order.monotone(scores, floor, bonus):
            groups.pair(rows[r], cols[c], "order")


def _anchor_pass(groups: _Groups, content: dict[str, list[str]],
                 parent_anchors: Sequence[frozenset[str]],
                 derived_anchors: Sequence[frozenset[str]],
                 found: list[tuple[float, int, int]]) -> None:
    """Clauses at the same place pair at a lower similarity: a dictionary join on the places,
    not a loop over all parent × derived clauses. A place never beats a clearly better free
    partner elsewhere, and only pairs clauses between the same two anchor pairs (the issue's
    rule: the place rescues weak pairs in a gap). Across anchors it paired the motor insurance
    act's new art. 28 with old art. 28 at 0.26 while its partner, old art. 26, sat in its gap;
    restricted, the law keys gain 2 links (499 -> 501/519) and link precision 0.983 -> 0.986,
    the flagship key and the synthetic benchmark are unchanged."""
    by_place: dict[str, list[int]] = {}
    for d, places in enumerate(derived_anchors):
        if groups.free("d", d):
            for place in places:
                by_place.setdefault(place, []).append(d)
    best: dict[tuple[str, int], float] = {}
    for score, p, d in found:
        if groups.free("p", p) and groups.free("d", d):
            best[("p", p)] = max(best.get(("p", p), 0.0), score)
            best[("d", d)] = max(best.get(("d", d), 0.0), score)
    at_place: dict[str, list[int]] = {}
    for p, places in enumerate(parent_anchors):
        if groups.free("p", p):
            for place in places:
                at_place.setdefault(place, []).append(p)
    joined: set[tuple[int, int]] = set()
    for place, ps in at_place.items():
        ds = by_place.get(place, [])
        if len(ps) <= PLACE_HOLDERS and len(ds) <= PLACE_HOLDERS:
            joined.update((p, d) for p in ps for d in ds)
    # a place rescues a pair in a gap between anchor pairs, never across one (a same-number
    # article out of order is a moved article's place, not its own)
    chain = order.anchors(groups.one_to_one())
    chain_p, chain_d = [p for p, _ in chain], [d for _, d in chain]
    joined = {(p, d) for p, d in joined
              if bisect_left(chain_p, p) == bisect_left(chain_d, d)}
    scored = sorted(((similarity(content["p"][p], content["d"][d]), p, d) for p, d in joined),
                    key=lambda spd: (-spd[0], spd[1], spd[2]))
    for score, p, d in scored:
        if score < ANCHOR_CUTOFF:
            break
        rival = max(best.get(("p", p), 0.0), best.get(("d", d), 0.0))
        if rival > score + CLEARLY_BETTER:
            continue
        groups.pair(p, d, "anchor")


__all__ = ["BLOCK", "PARALLEL_CELLS", "TOP_K", "How", "Link", "align", "candidates", "distinct",
           "phrases", "similarity"]
