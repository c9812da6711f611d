"""Replacements a revision makes throughout, learned from the comparison's own confident pairs.

A revision that renames a term (an authority, a body) does so in every article. The confident
pairs of one comparison show it: the same short deletion/insertion recurs in several distinct
pairs. Neutralising those replacements on the parent side lets a weak pair be measured on what
it says rather than on the renaming. Nothing is shipped: the list is built per comparison.

Measured variants (shared law keys links / link precision / added precision, law truth):
rare-text evidence as written (kept) 502/519, 0.988, 0.915, 268/271; pairs at 0.6 or more
without that evidence 503, 0.988, 0.915 but 267/271 (a stock 由…定之 pair); evidence weighed on
the renamed texts 503, 0.986, 0.920, 267/271; the replacements also in the order pass 502,
0.990, 0.910 (mixed, not kept); in the place pass no change.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache

# Measured on the eleven shared law keys (links, link precision, added precision), the law
# truth of tests/test_law_alignment.py and the flagship key, one setting changed at a time
# around these: every setting on the plateau gives 502/519, 0.988, 0.915, 268/271, 94/97.
# Pairs at least this similar teach replacements: 0.5 to 0.7 on the plateau; 0.8 and up learn
# too little (501/519). 0.6 is matching.CONFIDENT, the middle of the plateau.
LEARN_FLOOR = 0.6
# Replacements separated by an equal run this short are one (教育部 -> 中央主管教育行政機關 is
# insert 中央主管, keep 教育, replace 部 by 行政機關): 0 to 3 on the plateau.
GLUE = 2
# Least and most characters on each side of a learned replacement: least 1 or 2 on the
# plateau (3 loses the 財政部 -> 主管機關 link: 501/519), most 6 to 20; 2 keeps single digits
# (五 -> 六, article numbers) out.
SPAN = (2, 12)
# A replacement must recur in this many distinct confident pairs: 2 and 3 on the plateau, 4
# learns too little (501/519).
RECUR = 2


def learn(pairs: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The (parent text, derived text) replacements recurring in ``RECUR`` distinct pairs."""
    seen: dict[tuple[str, str], set[int]] = {}
    for number, (a, b) in enumerate(pairs):
        if a == b:
            continue
        for replacement in _replacements(a, b):
            seen.setdefault(replacement, set()).add(number)
    found = [pair for pair, where in seen.items() if len(where) >= RECUR]
    return tuple(sorted(found, key=lambda xy: (-len(xy[0]), xy)))


@lru_cache(maxsize=16384)
def _replacements(a: str, b: str) -> tuple[tuple[str, str], ...]:
    """The replacements of one pair's diff within ``SPAN``. Cached on the two texts: the
    diff is most of the pass (0.58 s of the company law ×8), and an article kept word for word
    in several places, or a comparison run again, asks for the same pair."""
    runs: list[list[int]] = []
    last_equal = GLUE + 1
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            last_equal = i2 - i1
            continue
        if runs and last_equal <= GLUE:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
        last_equal = 0
    return tuple((a[i1:i2], b[j1:j2]) for i1, i2, j1, j2 in runs
                 if SPAN[0] <= i2 - i1 <= SPAN[1] and SPAN[0] <= j2 - j1 <= SPAN[1])


def apply(text: str, replacements: Sequence[tuple[str, str]]) -> str:
    """``text`` with the learned replacements made, longest first."""
    for old, new in replacements:
        text = text.replace(old, new)
    return text

