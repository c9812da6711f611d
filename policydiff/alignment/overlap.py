"""Clauses left over after one-to-one pairing join through the phrases they share.

Several free clauses that together make up one form a merge (or a split seen from the other
side); a clause mostly taken from an already paired one joins that pair. Phrase scores are
computed only for the phrases of free clauses, in row blocks after an exact-match pre-pass, so
the cost stays bounded on long documents (#14: the all-pairs phrase matrix was 11K × 13K).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from ..parsing import sentences
from .alphabet import compact
from .prefilter import best_matches
from .rarity import Rarity, stock
from .scoring import BLOCK, content

if TYPE_CHECKING:
    from .matching import How, _Groups

PHRASE_CUTOFF = 0.8         # phrases this similar are the same phrase restated
MIN_PHRASE = 4              # shorter phrases (characters) say too little to link clauses
MIN_OVERLAP = 16            # characters two clauses must share through phrases to be grouped
OWN_SHARE = 0.15            # …and that share must be this much of the clause being attached
OTHER_SHARE = 0.4           # …or this much of the clause it attaches to
MERGE_SHARE = 0.4           # free clauses making up this much of a clause merge with it
JOIN_SHARE = 0.5            # a clause taken this much from a paired one joins its pair
# …and this much of the rare text it shares with the pair must be missing from the pair's own
# side: a near twin of a paired clause ((六)具备对示范应用车辆… beside (五)具备对道路测试车辆…)
# brings nothing to a pair that is already whole, and is dropped, not merged. Measured: on the
# synthetic benchmark (200 seeds) dropped recall 0.930 -> 0.9925 and link precision 0.9989 ->
# 0.9998 at 0.05 and 0.2 alike, 0.4 loses edited links (0.9937 -> 0.9918); the law keys and
# the flagship key give the same figures from 0.05 to 0.5 (without the test, 3 flagship facts
# were lost at a share-of-the-gain rule: a heading split off a paragraph brings all it shares).
JOIN_BRINGS = 0.2
CONTAINED = 0.8             # a short clause (a heading) this much contained in another joins it
SHORT = 60                  # clauses up to this long may be found inside a longer one
# Phrase pairs past which the bigram index pays: measured on the flagship pair and the joined
# laws of benchmarks/long_law.py against all pairs scored on renumbered characters, 606K cells
# 17.1 ms all pairs / 20.9 ms indexed, 859K 29.3 / 43.2, 2.7M 72.3 / 51.9; the long law x8's
# 150M cells 7.8 s all pairs (characters as they are) / 1.0 s indexed.
_INDEXED_CELLS = 1_500_000
# Phrase pairs past which renumbering the characters (:mod:`.alphabet`) pays: 25K cells 1.72 ->
# 1.60 ms, 311K 17.0 -> 10.5; under 11K cells it costs 0.1-0.3 ms more than it saves.
_COMPACT_CELLS = 20_000
_PHRASE_END = "。；;！!？?，,：:"


def attach_by_phrases(groups: _Groups, parent: Sequence[str], derived: Sequence[str],
                       content: dict[str, list[str]] | None, weights: Rarity) -> None:
    """``content`` (each side's letters and digits) turns on the search for short clauses
    inside longer ones; ``weights`` judges whether a clause joining a pair explains anything
    the pair's other side holds that its own side lacks."""
    free = {"p": [i for i in range(len(parent)) if groups.free("p", i)],
            "d": [i for i in range(len(derived)) if groups.free("d", i)]}
    if not free["p"] and not free["d"]:
        return
    overlap = _phrase_overlap(parent, derived, free)
    lengths = {"p": [max(len(t), 1) for t in parent], "d": [max(len(t), 1) for t in derived]}

    def contributors(side: str, index: int) -> list[tuple[int, float]]:
        """(index on the other side, characters shared) for clauses that share enough."""
        own = lengths[side][index]
        others = lengths["p" if side == "d" else "d"]
        found = []
        for other, shared in overlap.get((side, index), {}).items():
            if not groups.compatible(side, index, other):
                continue
            if shared >= CONTAINED * own or (shared >= MIN_OVERLAP and (
                    shared >= OWN_SHARE * own or shared >= OTHER_SHARE * others[other])):
                found.append((other, shared))
        if content is not None and not found and own <= SHORT:
            # a short clause restated inside a longer one (a one-line annex row folded into the
            # next row's text) shares no whole phrase with it: look for it as a substring
            mine = content[side][index]
            texts = [t if len(t) >= 2 * len(mine) else ""
                     for t in content["p" if side == "d" else "d"]]
            best = None
            if len(mine) >= MIN_PHRASE:
                best = process.extractOne(mine, texts, scorer=fuzz.partial_ratio,
                                          score_cutoff=100 * CONTAINED)
            if best is not None and groups.compatible(side, index, int(best[2])):
                found.append((int(best[2]), own * best[1] / 100))
        return sorted(found, key=lambda item: (-item[1], item[0]))

    # strongest evidence first, so a clause joins the group it shares most with
    pending = []
    for side in ("d", "p"):
        for index in free[side]:
            found = contributors(side, index)
            if found:
                pending.append((-found[0][1], side, index, found))
    for _, side, index, found in sorted(pending):
        if (side, index) in groups.of:
            continue
        other_side = "p" if side == "d" else "d"
        own = lengths[side][index]
        unpaired = [(o, shared) for o, shared in found if (other_side, o) not in groups.of]
        if unpaired and unpaired[0] == found[0]:
            # clauses nobody else took make this one up: a merge (or split) of its own, which
            # never fuses with the pairs of clauses it merely borrowed a phrase from
            total = sum(shared for _, shared in unpaired)
            if total >= MERGE_SHARE * own or unpaired[0][1] >= CONTAINED * own:
                several = len(unpaired) > 1
                how: How = ("merge" if other_side == "p" else "split") if several else "phrases"
                new = groups.new(how=how)
                for other, _ in unpaired:
                    groups.add(new, other_side, other)
                groups.add(new, side, index)
            continue
        for other, shared in found:
            paired = groups.of.get((other_side, other))
            if paired is not None:
                # mostly taken from a clause that is already paired: joins that pair
                members = groups.members[paired]
                mine, theirs = (members[0], members[1]) if side == "p" else members[::-1]
                if not groups.pinned[paired] and shared >= JOIN_SHARE * own and \
                        weights.brings(side, index, sorted(mine), sorted(theirs)) >= JOIN_BRINGS:
                    groups.add(paired, side, index)
                    if groups.how[paired] in ("best", "order", "anchor"):
                        groups.how[paired] = "merge" if side == "p" else "split"
                break


def _phrase_overlap(parent: Sequence[str], derived: Sequence[str],
                    free: dict[str, list[int]]) -> dict[tuple[str, int], dict[int, float]]:
    """Characters each free clause shares with each clause of the other side through closely
    matching phrases (pieces between commas and sentence ends): {(side, clause): {other clause:
    characters}}. Only the phrases of free clauses are scored against the other side, in row
    blocks with running maxima, after an exact-match pre-pass; memory stays O(phrases)."""
    codes = {"p": _phrase_codes(parent), "d": _phrase_codes(derived)}
    matched: dict[tuple[int, int], float] = {}     # (parent phrase, derived phrase) -> score
    for side, other in (("p", "d"), ("d", "p")):
        mine_codes, _, owners = codes[side]
        theirs = codes[other][0]
        if not mine_codes or not theirs:
            continue
        wanted = set(free[side])
        rows = [i for i, owner in enumerate(owners) if owner in wanted]
        exact: dict[str, int] = {}
        for j, code in enumerate(theirs):
            exact.setdefault(code, j)
        rest: list[int] = []
        for i in rows:
            twin = exact.get(mine_codes[i])
            if twin is not None:
                matched[(i, twin) if side == "p" else (twin, i)] = 1.0
            else:
                rest.append(i)
        for chunk, best, found in _best_partners([mine_codes[i] for i in rest], theirs):
            for row, (j, value) in enumerate(zip(best.tolist(), found.tolist(), strict=True)):
                score = value / 100
                if score >= PHRASE_CUTOFF:
                    i = rest[chunk + row]
                    matched[(i, j) if side == "p" else (j, i)] = score
    overlap: dict[tuple[str, int], dict[int, float]] = {}
    p_lengths, p_owner = codes["p"][1], codes["p"][2]
    d_lengths, d_owner = codes["d"][1], codes["d"][2]
    for (p, d), score in sorted(matched.items()):
        shared = score * min(p_lengths[p], d_lengths[d])
        for key, partner in ((("p", p_owner[p]), d_owner[d]),
                             (("d", d_owner[d]), p_owner[p])):
            into = overlap.setdefault(key, {})
            into[partner] = into.get(partner, 0.0) + shared
    return overlap


def _best_partners(rows: list[str], theirs: list[str]
                   ) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(offset, best partner, float32 score) per block of ``rows``: the first best phrase of
    ``theirs`` at ``PHRASE_CUTOFF`` or more (score 0 when none). Past ``_INDEXED_CELLS`` pairs
    through the bigram index (:func:`.prefilter.best_matches`, the same answer without scoring
    every pair: a law of 490K distinct characters 7.8 -> 1.0 s), else in row blocks."""
    if len(rows) * len(theirs) >= _INDEXED_CELLS:
        best, found = best_matches(rows, theirs, PHRASE_CUTOFF)
        yield 0, best, found
        return
    if len(rows) * len(theirs) >= _COMPACT_CELLS:
        rows, theirs = compact(rows, theirs)
    for start in range(0, len(rows), BLOCK):
        block = process.cdist(rows[start:start + BLOCK], theirs, scorer=fuzz.ratio,
                              dtype=np.float32, workers=1, score_cutoff=100 * PHRASE_CUTOFF)
        best = block.argmax(axis=1)
        yield start, best, block[np.arange(len(best)), best]


def _phrase_codes(texts: Sequence[str]) -> tuple[list[str], list[int], list[int]]:
    """Content, length and owning clause of every phrase long enough and not stock: a phrase
    found in several clauses of one document links none of them (:func:`.rarity.stock`)."""
    codes: list[str] = []
    lengths: list[int] = []
    owners: list[int] = []
    for owner, text in enumerate(texts):
        for code, length in _coded(text):
            codes.append(code)
            lengths.append(length)
            owners.append(owner)
    found_stock = stock(codes, owners)
    keep = [i for i, code in enumerate(codes) if code and code not in found_stock]
    return [codes[i] for i in keep], [lengths[i] for i in keep], [owners[i] for i in keep]


@lru_cache(maxsize=65536)
def _coded(text: str) -> tuple[tuple[str, int], ...]:
    """Content and length of each phrase of ``text`` long enough to count. Cached on the
    text: the phrase pass splits every clause of every comparison (a warm flagship compare,
    phrase pass 12.4 -> 8.9 ms CPU)."""
    return tuple((content(phrase), len(phrase)) for phrase in phrases(text)
                 if len(phrase) >= MIN_PHRASE)


def phrases(text: str) -> list[str]:
    """The pieces of ``text`` between commas and sentence ends, outside brackets and quotes,
    without their punctuation."""
    out = []
    for start, end in sentences(text, ends=_PHRASE_END):
        piece = text[start:end].strip().rstrip(_PHRASE_END).strip()
        if piece:
            out.append(piece)
    return out
