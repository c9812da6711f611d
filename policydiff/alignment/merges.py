"""A unit left over beside a pair joins it when it explains what the pair's text gained or lost.

A law revision that merges two articles (本條由原條文第六十條及第六十一條合併修正) usually
keeps most of one of them: that one pairs with the new article, and the other, whose own words
are largely rewritten, is left over as "dropped" beside it. What gives it away is the pair's
diff: the text the new article gained over its partner (校正 in 查對校正戶籍登記事項) comes from
the neighbour (按戶校正戶口). A split is the same seen from the other side: a new article left
over beside a pair takes the text its old partner lost.

So a free unit joins the group of a neighbouring unit (the unit just before or after it in its
own document) when, weighted by rarity (:class:`.rarity.Rarity`, so stock wording counts for
little):

* it explains at least ``EXPLAINS`` of the rare characters the group's other side gained (a
  merge) or lost (a split) over the group's own side (characters, not bigrams: 結婚或離婚登記
  split into 結婚登記 and 離婚登記 loses the junctions 婚或 and 或離, which no part can explain),
  and
* at least ``.rarity.WEAK_SHARE`` of its own bigrams are found on the group's other side, the
  same positive evidence any weak pair needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .matching import Link
from .rarity import WEAK_SHARE, Rarity

# Share of a pair's gained (or lost) rare characters a neighbour must explain. Measured on the
# eleven law keys: 502/519 links from 0.3 to 0.7; link precision 0.986 from 0.55 to 0.7 (0.985
# under 0.55: anti-unfair competition new 29, a new online-competition penalty, joins old 23 at
# 0.55); 0.6 is the middle. The joins made at 0.6 explain 0.60 to 1.0 and are true merges and
# splits: household registration 60+61 -> 49 and 48 -> 35+36, public security 77+78 -> 90 and
# 49 -> 58+59, and on the company law (no key) 201+202 -> 254 (two penalties folded into one,
# 0.67) and 64 -> 168+169 (its definition paragraph became 169, 0.71). Synthetic (200 seeds):
# the same figures from 0.4 to 0.6.
EXPLAINS = 0.6


def join_neighbours(links: Sequence[Link], parent: Sequence[str], derived: Sequence[str],
                    divisions: tuple[Sequence[bool], Sequence[bool]],
                    bigrams: Callable[[], Rarity] | None = None) -> list[Link]:
    """``links`` (over unit indexes, unordered) with free units joined to neighbouring groups;
    ``parent`` and ``derived`` are the units' comparable texts (letters and digits),
    ``bigrams`` gives their bigram :class:`.rarity.Rarity` when the caller has it already,
    ``divisions`` whether each unit is a division title (第三章…), which joins no article."""
    out = list(links)
    taken = {"p": {i for link in out for i in link.parent},
             "d": {i for link in out for i in link.derived}}
    if len(taken["p"]) == len(parent) and len(taken["d"]) == len(derived):
        return out
    weights = bigrams() if bigrams is not None else Rarity(parent, derived)
    letters = Rarity(parent, derived, size=1)
    owner = {"p": {i: k for k, link in enumerate(out) for i in link.parent},
             "d": {i: k for k, link in enumerate(out) for i in link.derived}}
    candidates = []
    for side, count in (("p", len(parent)), ("d", len(derived))):
        for index in range(count):
            if index in taken[side]:
                continue
            for neighbour in (index - 1, index + 1):
                key = owner[side].get(neighbour)
                if key is not None and not out[key].pinned and _same_kind(
                        divisions, side, index, out[key]):
                    score = _evidence(weights, letters, out[key], side, index)
                    if score is not None:
                        candidates.append((-score, side, index, key))
    for _, side, index, key in sorted(set(candidates)):
        if index in taken[side]:
            continue
        link = out[key]
        if _evidence(weights, letters, link, side, index) is None:
            continue                        # the group changed since: judge it again
        if side == "p":
            out[key] = Link(tuple(sorted((*link.parent, index))), link.derived, False, "merge")
        else:
            out[key] = Link(link.parent, tuple(sorted((*link.derived, index))), False, "split")
        taken[side].add(index)
        owner[side][index] = key
    return out


def _same_kind(divisions: tuple[Sequence[bool], Sequence[bool]], side: str, index: int,
               link: Link) -> bool:
    mine, theirs = divisions if side == "p" else divisions[::-1]
    others = link.derived if side == "p" else link.parent
    return not mine or all(theirs[o] == mine[index] for o in others)


def _evidence(weights: Rarity, letters: Rarity, link: Link, side: str, index: int
              ) -> float | None:
    """The share of the group's gained (side "p": a merge) or lost (side "d": a split) rare
    text that the free unit explains, or None when the evidence is not enough."""
    own, other = (link.parent, link.derived) if side == "p" else (link.derived, link.parent)
    explained = letters.explains(side, index, own, other)
    if explained >= EXPLAINS and weights.found(side, index, other) >= WEAK_SHARE:
        return explained
    return None
