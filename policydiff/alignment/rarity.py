"""Evidence weighted by rarity: what two clauses share, counted by how rare it is.

Two articles of one law share its stock wording (主管機關, 處新臺幣…罰鍰, 由…定之); two policy
plans share theirs (以…为指导, 结合…实际). Such text says nothing about which clause restates which.
Instead of a hand-made list, the weight of a character bigram is its inverse document frequency
over the clauses of the two documents being compared, so a weak pair (one under the cutoff that
the order or the place would make) must share rare text, not only stock phrases.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence, Set
from functools import lru_cache

# An order-pass pair (under the cutoff) must share at least this share of the rarity-weighted
# bigrams of its shorter side. Measured on the eleven law keys and the flagship key: 0.2 gives
# 485/519 links and 94/97 facts, 0.3 gives 482/519 and 94/97 (applied to same-place pairs too,
# 0.25 and 0.3 lost the flagship fact annex-link-upgrade, whose true pair shares 0.18).
WEAK_SHARE = 0.2
# A clause alone between two anchor pairs, facing a clause alone between their partners, has
# its place as evidence: it needs this much. Measured over the 1 x 1 gaps of the eleven law
# keys (similarity >= the order floor): the true pairs share 0.17 and 0.17 (本法施行日期… ->
# 本法自公布日施行), the one other candidate (登錄 / 執業登記, two list items) 0.0; 0.05 to 0.15
# give the same law keys.
ALONE_SHARE = 0.1
# A phrase found in this many clauses of one document is stock wording there: it links none of
# them. Two is too few (a restated sentence often occurs twice in a plan: in the text and in its
# annex table). With 3 (and no hand-made list) the flagship key keeps 94/97 facts and the law
# keys 485/519 links, the same as with the former hand-made BOILERPLATE list.
STOCK_CLAUSES = 3


@lru_cache(maxsize=65536)
def grams(text: str, size: int = 2) -> frozenset[str]:
    """Cached: each clause's n-grams are asked for by every pass that weighs rarity (the
    aligner, the neighbour joins, at two sizes), and immutable, so one set serves them all."""
    return frozenset({text[i:i + size] for i in range(len(text) - size + 1)} or (
        {text} if text else set()))


class Rarity:
    """Bigram weights over the clause texts (letters and digits) of two documents."""

    def __init__(self, parent: Sequence[str], derived: Sequence[str], size: int = 2) -> None:
        counts: Counter[str] = Counter()
        self._grams: dict[str, list[frozenset[str]]] = {"p": [], "d": []}
        for side, texts in (("p", parent), ("d", derived)):
            for text in texts:
                held = grams(text, size)
                self._grams[side].append(held)
                counts.update(held)
        total = max(len(parent) + len(derived), 1)
        self._weight = {g: math.log((1 + total) / n) for g, n in counts.items()}

    def shared(self, p: int, d: int) -> float:
        """Rarity-weighted share of the shorter side's bigrams found on the other side."""
        mine, theirs = self._grams["p"][p], self._grams["d"][d]
        if len(theirs) < len(mine):
            mine, theirs = theirs, mine
        whole = sum(self._weight[g] for g in mine)
        if not whole:
            return 0.0
        return sum(self._weight[g] for g in mine & theirs) / whole

    def grams(self, side: str, index: int) -> frozenset[str]:
        """The bigrams of clause ``index`` of side ``"p"`` or ``"d"``."""
        return self._grams[side][index]

    def union(self, side: str, indexes: Sequence[int]) -> set[str]:
        """The bigrams of several clauses of one side together."""
        return set().union(*(self._grams[side][i] for i in indexes))

    def mass(self, grams: Set[str]) -> float:
        """The rarity weight of a set of bigrams (each weighted once)."""
        return math.fsum(self._weight.get(g, 0.0) for g in grams)    # any set order

    def found(self, side: str, index: int, other: Sequence[int]) -> float:
        """The rarity-weighted share of clause ``index``'s own bigrams (of ``side``) that
        clauses ``other`` of the other side hold: :meth:`shared` measured from one clause
        against a group, whichever is shorter."""
        mine = self._grams[side][index]
        whole = self.mass(mine)
        theirs = self.union("d" if side == "p" else "p", other)
        return self.mass(mine & theirs) / whole if whole else 0.0

    def explains(self, side: str, index: int, own: Sequence[int], other: Sequence[int]
                 ) -> float:
        """The share of the rare text that clauses ``other`` (of the other side) hold and
        clauses ``own`` (of ``side``) lack which clause ``index`` of ``side`` holds: how much of
        what a group gained (or lost) a clause joining it would explain."""
        changed = self.union("d" if side == "p" else "p", other) - self.union(side, own)
        whole = self.mass(changed)
        return self.mass(changed & self.grams(side, index)) / whole if whole else 0.0

    def brings(self, side: str, index: int, own: Sequence[int], other: Sequence[int]) -> float:
        """Of the rare text clause ``index`` of ``side`` shares with clauses ``other``, the share
        that clauses ``own`` (of its own side) do not already hold: what it would bring to the
        group, 0 for a near twin of a clause already in it."""
        shared = self.grams(side, index) & self.union("d" if side == "p" else "p", other)
        whole = self.mass(shared)
        return self.mass(shared - self.union(side, own)) / whole if whole else 0.0

    def enough(self, p: int, d: int, *, alone: bool = False) -> bool:
        """Whether a weak pair shares enough rare text to stand; ``alone``: the two are the only
        free clauses between the same two anchor pairs."""
        return self.shared(p, d) >= (ALONE_SHARE if alone else WEAK_SHARE)


def stock(codes: Sequence[str], owners: Sequence[int]) -> frozenset[str]:
    """Phrases found in ``STOCK_CLAUSES`` or more clauses of one document."""
    holders: dict[str, set[int]] = {}
    for code, owner in zip(codes, owners, strict=True):
        holders.setdefault(code, set()).add(owner)
    return frozenset(code for code, owner_set in holders.items()
                     if len(owner_set) >= STOCK_CLAUSES)
