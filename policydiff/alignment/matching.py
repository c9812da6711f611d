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

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from ..parsing import sentences

PHRASE_CUTOFF = 0.8         # phrases this similar are the same phrase restated
MIN_PHRASE = 4              # shorter phrases (characters) say too little to link clauses
MIN_OVERLAP = 16            # characters two clauses must share through phrases to be grouped
OWN_SHARE = 0.15            # …and that share must be this much of the clause being attached
OTHER_SHARE = 0.4           # …or this much of the clause it attaches to
MERGE_SHARE = 0.4           # free clauses making up this much of a clause merge with it
JOIN_SHARE = 0.5            # a clause taken this much from a paired one joins its pair
CONTAINED = 0.8             # a short clause (a heading) this much contained in another joins it
SHORT = 60                  # clauses up to this long may be found inside a longer one
ANCHOR_CUTOFF = 0.25        # least similarity for clauses at the same place (same heading)

# Stock phrases that policy documents share whatever they are about; they never link clauses.
BOILERPLATE = frozenset({
    "以习近平新时代中国特色社会主义思想为指导", "认真落实党中央、国务院决策部署",
    "坚持以人民为中心的发展思想", "牢固树立和贯彻落实新发展理念", "坚持质量第一、效益优先",
    "以推进供给侧结构性改革为主线", "深入贯彻落实新发展理念",
    "全面贯彻党的十九大和十九届二中、三中全会精神", "全面贯彻党的二十大精神",
    "各有关部门要高度重视", "营造良好发展环境", "结合本市实际", "结合新区实际", "制定本实施方案",
})
_PHRASE_END = "。；;！!？?，,：:"


@dataclass(frozen=True, slots=True)
class Link:
    """One aligned group: indexes into the parent and derived sequences, ascending."""

    parent: tuple[int, ...]
    derived: tuple[int, ...]
    pinned: bool = False


_NOT_CONTENT = re.compile(r"[\W_]+")


def _content(text: str) -> str:
    """What similarity is measured on: letters and digits only, so punctuation and spacing
    never count. Characters, not jieba tokens: on Chinese text the two give the same alignment
    (same flagship key score and law results) and characters need no tokenising, which halves
    the time of a comparison on text not seen before."""
    return _NOT_CONTENT.sub("", text)


def similarity(parent: str, derived: str) -> float:
    """Similarity in [0, 1] of two comparable texts, as alignment measures it."""
    return float(fuzz.ratio(_content(parent), _content(derived))) / 100.0


def _matrix(parent: list[str], derived: list[str]) -> np.ndarray:
    if not parent or not derived:
        return np.zeros((len(parent), len(derived)))
    return process.cdist(parent, derived, scorer=fuzz.ratio, dtype=np.float32, workers=1) / 100.0


class _Groups:
    """Clauses grouped so far: each clause (side "p" or "d", index) is in at most one group."""

    def __init__(self) -> None:
        self.members: list[tuple[set[int], set[int]]] = []
        self.pinned: list[bool] = []
        self.of: dict[tuple[str, int], int] = {}

    def new(self, *, pinned: bool = False) -> int:
        self.members.append((set(), set()))
        self.pinned.append(pinned)
        return len(self.members) - 1

    def add(self, key: int, side: str, index: int) -> None:
        self.members[key][0 if side == "p" else 1].add(index)
        self.of[(side, index)] = key

    def pair(self, p: int, d: int) -> None:
        if ("p", p) not in self.of and ("d", d) not in self.of:
            key = self.new()
            self.add(key, "p", p)
            self.add(key, "d", d)

    def links(self) -> list[Link]:
        return [Link(tuple(sorted(p)), tuple(sorted(d)), pinned)
                for (p, d), pinned in zip(self.members, self.pinned, strict=True) if p and d]


def align(parent: Sequence[str], derived: Sequence[str], *, cutoff: float,
          pins: Sequence[tuple[int, int]] = (),
          parent_anchors: Sequence[frozenset[str]] = (),
          derived_anchors: Sequence[frozenset[str]] = (),
          find_contained: bool = False) -> list[Link]:
    """Align two sequences of comparable clause texts; returns the links, unordered.

    1. ``pins`` ((parent index, derived index), fixed by the user) are linked first and their
       clauses take part in nothing else.
    2. One to one, best similarity first, down to ``cutoff``; then clauses sharing a place
       (``*_anchors``: heading, lead phrase) down to ``ANCHOR_CUTOFF``.
    3. Clauses left over join through shared phrases: several free clauses that together make
       up one (a merge, or a split seen from the other side) form a new group; a clause mostly
       taken from an already paired one joins that pair. With ``find_contained`` (annex tables,
       whose one-line rows get folded into the next row) a short clause found verbatim inside a
       longer one joins it too.
    """
    content = {"p": [_content(t) for t in parent], "d": [_content(t) for t in derived]}
    scores = _matrix(content["p"], content["d"])
    groups = _Groups()
    for p, d in pins:
        key = groups.of.get(("p", p), groups.of.get(("d", d)))
        if key is None:
            key = groups.new(pinned=True)
        groups.add(key, "p", p)
        groups.add(key, "d", d)

    def best_first(candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
        # ties by position, so the result never depends on iteration order
        return sorted(candidates, key=lambda pd: (-float(scores[pd]), pd))

    rows, cols = np.nonzero(scores >= cutoff) if scores.size else ((), ())
    for p, d in best_first(list(zip(np.asarray(rows).tolist(), np.asarray(cols).tolist(),
                                    strict=True))):
        groups.pair(p, d)
    if parent_anchors and derived_anchors:
        for p, d in best_first([(p, d) for p in range(len(parent)) for d in range(len(derived))
                                if scores[p, d] >= ANCHOR_CUTOFF
                                and not parent_anchors[p].isdisjoint(derived_anchors[d])]):
            groups.pair(p, d)
    _attach_by_phrases(groups, parent, derived, content if find_contained else None)
    return groups.links()


def _attach_by_phrases(groups: _Groups, parent: Sequence[str], derived: Sequence[str],
                       content: dict[str, list[str]] | None) -> None:
    """``content`` (each side's letters and digits) turns on the search for short clauses
    inside longer ones."""
    overlap = _phrase_overlap(parent, derived)
    lengths = {"p": [max(len(t), 1) for t in parent], "d": [max(len(t), 1) for t in derived]}

    def contributors(side: str, index: int) -> list[tuple[int, float]]:
        """(index on the other side, characters shared) for clauses that share enough."""
        row = overlap[:, index] if side == "d" else overlap[index, :]
        own = lengths[side][index]
        others = lengths["p" if side == "d" else "d"]
        found = []
        for other in np.nonzero(row > 0)[0].tolist():
            shared = float(row[other])
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
            if best is not None:
                found.append((int(best[2]), own * best[1] / 100))
        return sorted(found, key=lambda item: (-item[1], item[0]))

    # strongest evidence first, so a clause joins the group it shares most with
    pending = []
    for side, count in (("d", len(derived)), ("p", len(parent))):
        for index in range(count):
            if (side, index) not in groups.of:
                found = contributors(side, index)
                if found:
                    pending.append((-found[0][1], side, index, found))
    for _, side, index, found in sorted(pending):
        if (side, index) in groups.of:
            continue
        other_side = "p" if side == "d" else "d"
        own = lengths[side][index]
        free = [(o, shared) for o, shared in found if (other_side, o) not in groups.of]
        if free and free[0] == found[0]:
            # clauses nobody else took make this one up: a merge (or split) of its own, which
            # never fuses with the pairs of clauses it merely borrowed a phrase from
            total = sum(shared for _, shared in free)
            if total >= MERGE_SHARE * own or free[0][1] >= CONTAINED * own:
                new = groups.new()
                for other, _ in free:
                    groups.add(new, other_side, other)
                groups.add(new, side, index)
            continue
        for other, shared in found:
            paired = groups.of.get((other_side, other))
            if paired is not None:
                # mostly taken from a clause that is already paired: joins that pair
                if not groups.pinned[paired] and shared >= JOIN_SHARE * own:
                    groups.add(paired, side, index)
                break


def _phrase_overlap(parent: Sequence[str], derived: Sequence[str]) -> np.ndarray:
    """Characters each parent clause shares with each derived clause through closely matching
    phrases (pieces between commas and sentence ends)."""
    overlap = np.zeros((len(parent), len(derived)), dtype=np.float32)
    p_codes, p_lengths, p_owner = _phrase_codes(parent)
    d_codes, d_lengths, d_owner = _phrase_codes(derived)
    if not p_codes or not d_codes:
        return overlap
    scores = _matrix(p_codes, d_codes)
    matched: set[tuple[int, int]] = set()
    for d, p in enumerate(scores.argmax(axis=0).tolist()):
        if scores[p, d] >= PHRASE_CUTOFF:
            matched.add((p, d))
    for p, d in enumerate(scores.argmax(axis=1).tolist()):
        if scores[p, d] >= PHRASE_CUTOFF:
            matched.add((p, d))
    for p, d in matched:
        shared = float(scores[p, d]) * min(p_lengths[p], d_lengths[d])
        overlap[p_owner[p], d_owner[d]] += shared
    return overlap


def _phrase_codes(texts: Sequence[str]) -> tuple[list[str], list[int], list[int]]:
    codes: list[str] = []
    lengths: list[int] = []
    owners: list[int] = []
    for owner, text in enumerate(texts):
        for phrase in phrases(text):
            if len(phrase) >= MIN_PHRASE and phrase not in BOILERPLATE:
                codes.append(_content(phrase))
                lengths.append(len(phrase))
                owners.append(owner)
    return codes, lengths, owners


def phrases(text: str) -> list[str]:
    """The pieces of ``text`` between commas and sentence ends, outside brackets and quotes,
    without their punctuation."""
    out = []
    for start, end in sentences(text, ends=_PHRASE_END):
        piece = text[start:end].strip().rstrip(_PHRASE_END).strip()
        if piece:
            out.append(piece)
    return out
