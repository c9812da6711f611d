"""The order pass: a rewritten clause usually sits where the old one sat.

After the confident pairs, the unpaired clauses between two consecutive anchor pairs (pairs that
keep both documents' order) are aligned with a monotone dynamic programme (Needleman–Wunsch with
a zero gap score and a match score of ``similarity - floor``), so a clause whose neighbours are
paired pairs with the clause between their partners even when its similarity is under the
cutoff. Moves are not found here: anything out of order comes from the best-first pass.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

# Gaps larger than this many cells (free parent clauses × free derived clauses) are left alone:
# the dynamic programme is a Python loop, and 40,000 cells cost about 40 ms on the 2-core
# machine; the largest gap in the eleven law revisions and the flagship pair has 1,600 cells.
MAX_GAP_CELLS = 40_000


def anchors(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One longest chain of (parent, derived) pairs increasing on both sides."""
    ordered = sorted(pairs)
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(ordered)
    for i, (_, d) in enumerate(ordered):
        k = bisect_left(tails, d)
        if k == len(tails):
            tails.append(d)
            tail_at.append(i)
        else:
            tails[k] = d
            tail_at[k] = i
        previous[i] = tail_at[k - 1] if k else -1
    chain = []
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        chain.append(ordered[i])
        i = previous[i]
    return chain[::-1]


def gaps(chain: Sequence[tuple[int, int]], parent_count: int, derived_count: int
         ) -> list[tuple[range, range]]:
    """The stretches between consecutive anchors (and before the first, after the last)."""
    bounds = [(-1, -1), *chain, (parent_count, derived_count)]
    return [(range(p0 + 1, p1), range(d0 + 1, d1))
            for (p0, d0), (p1, d1) in pairwise(bounds)
            if p1 - p0 > 1 and d1 - d0 > 1]


def monotone(scores: np.ndarray, floor: float, bonus: np.ndarray) -> list[tuple[int, int]]:
    """Row, column pairs of the heaviest order-keeping matching where every pair scores at
    least ``floor``; ``bonus`` (same shape) adds to a pair's weight (the same place in both
    documents) but never makes a pair under the floor allowed."""
    rows, cols = scores.shape
    weight = scores - floor
    best = np.zeros((rows + 1, cols + 1))
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            take = -1.0
            w = float(weight[i - 1, j - 1])
            if w >= 0:
                take = best[i - 1, j - 1] + w + 1e-3 + float(bonus[i - 1, j - 1])
            best[i, j] = max(best[i - 1, j], best[i, j - 1], take)
    out = []
    i, j = rows, cols
    while i > 0 and j > 0:
        if best[i, j] == best[i - 1, j]:
            i -= 1
        elif best[i, j] == best[i, j - 1]:
            j -= 1
        else:
            out.append((i - 1, j - 1))
            i -= 1
            j -= 1
    return out[::-1]
