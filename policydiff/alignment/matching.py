"""Which clauses of a parent correspond to which clauses of a derived document.

Two signals, both computed with rapidfuzz over jieba tokens of neutralised clause texts:

* clause similarity (token-level Indel ratio) pairs clauses one to one, best first;
* sentence overlap (how many characters of one clause sit in sentences that closely match
  sentences of another) attaches the clauses left over to the groups they were merged into or
  split from, so alignment is N:M.

Nothing is forced: a clause whose best partner is under ``cutoff`` and whose sentences match
nowhere stays unpaired and is reported as added or dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from ..parsing import sentences
from .tokens import similarity_tokens

PHRASE_CUTOFF = 0.8         # phrases this similar are the same phrase restated
MIN_PHRASE = 4              # shorter phrases (characters) say too little to link clauses
MIN_OVERLAP = 16            # characters two clauses must share through phrases to be grouped
OWN_SHARE = 0.15            # …and that share must be this much of the clause being attached
OTHER_SHARE = 0.4           # …or this much of the clause it attaches to
CONTAINED = 0.8             # a short clause (a heading) this much contained in another joins it
ANCHOR_CUTOFF = 0.25        # least similarity for clauses at the same place (same heading)

# Stock phrases that policy documents share whatever they are about; they never link clauses.
BOILERPLATE = frozenset({
    "以习近平新时代中国特色社会主义思想为指导", "认真落实党中央、国务院决策部署", "坚持以人民为中心的发展思想",
    "牢固树立和贯彻落实新发展理念", "坚持质量第一、效益优先", "以推进供给侧结构性改革为主线",
    "深入贯彻落实新发展理念", "全面贯彻党的十九大和十九届二中、三中全会精神", "全面贯彻党的二十大精神",
    "各有关部门要高度重视", "营造良好发展环境", "结合本市实际", "结合新区实际", "制定本实施方案",
})
_PHRASE_END = "。；;！!？?，,：:"


@dataclass(frozen=True, slots=True)
class Link:
    """One aligned group: indexes into the parent and derived sequences, ascending."""

    parent: tuple[int, ...]
    derived: tuple[int, ...]
    pinned: bool = False


class _Encoder:
    """Maps tokens to single characters so rapidfuzz compares token sequences as strings."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}

    def encode(self, text: str) -> str:
        out = []
        for token in similarity_tokens(text):
            code = self.codes.get(token)
            if code is None:
                code = chr(0x10000 + len(self.codes))   # planes 1-16: never a surrogate
                self.codes[token] = code
            out.append(code)
        return "".join(out)


def similarity_matrix(parent: Sequence[str], derived: Sequence[str]) -> np.ndarray:
    """Token-level similarity in [0, 1] of every parent text with every derived text."""
    encoder = _Encoder()
    return _matrix([encoder.encode(t) for t in parent], [encoder.encode(t) for t in derived])


def _matrix(parent: list[str], derived: list[str]) -> np.ndarray:
    if not parent or not derived:
        return np.zeros((len(parent), len(derived)))
    return process.cdist(parent, derived, scorer=fuzz.ratio, dtype=np.float32, workers=1) / 100.0


def align(parent: Sequence[str], derived: Sequence[str], *, cutoff: float,
          pins: Sequence[tuple[int, int]] = (),
          parent_anchors: Sequence[frozenset[str]] = (),
          derived_anchors: Sequence[frozenset[str]] = ()) -> list[Link]:
    """Align two sequences of comparable clause texts; returns the links, unordered.

    ``pins`` are (parent index, derived index) pairs fixed by the user; they are linked first and
    their clauses take part in nothing else. ``*_anchors`` name each clause's places (its
    heading, its lead phrase); clauses sharing one pair at the lower ``ANCHOR_CUTOFF``.
    """
    encoder = _Encoder()
    parent_codes = [encoder.encode(t) for t in parent]
    derived_codes = [encoder.encode(t) for t in derived]
    scores = _matrix(parent_codes, derived_codes)

    group_of: dict[tuple[str, int], int] = {}
    groups: list[tuple[set[int], set[int], bool]] = []
    for p, d in pins:
        if ("p", p) in group_of or ("d", d) in group_of:
            key = group_of.get(("p", p), group_of.get(("d", d)))
            assert key is not None
            groups[key][0].add(p)
            groups[key][1].add(d)
        else:
            key = len(groups)
            groups.append(({p}, {d}, True))
        group_of[("p", p)] = key
        group_of[("d", d)] = key

    # 1:1, best first; ties by position so the result never depends on iteration order.
    if scores.size:
        rows, cols = np.nonzero(scores >= cutoff)
        order = sorted(zip(rows.tolist(), cols.tolist(), strict=True),
                       key=lambda rc: (-float(scores[rc[0], rc[1]]), rc[0], rc[1]))
        for p, d in order:
            if ("p", p) in group_of or ("d", d) in group_of:
                continue
            key = len(groups)
            groups.append(({p}, {d}, False))
            group_of[("p", p)] = key
            group_of[("d", d)] = key
        if parent_anchors and derived_anchors:
            same_place = [(p, d) for p in range(len(parent)) for d in range(len(derived))
                          if scores[p, d] >= ANCHOR_CUTOFF
                          and not parent_anchors[p].isdisjoint(derived_anchors[d])]
            for p, d in sorted(same_place, key=lambda rc: (-float(scores[rc[0], rc[1]]), rc)):
                if ("p", p) in group_of or ("d", d) in group_of:
                    continue
                key = len(groups)
                groups.append(({p}, {d}, False))
                group_of[("p", p)] = key
                group_of[("d", d)] = key

    overlap = _phrase_overlap(parent, derived, encoder)
    lengths_p = np.array([max(len(t), 1) for t in parent], dtype=np.float32)
    lengths_d = np.array([max(len(t), 1) for t in derived], dtype=np.float32)

    def contributors(side: str, index: int) -> list[int]:
        """Indexes on the other side that share enough of their text with this clause."""
        row = overlap[:, index] if side == "d" else overlap[index, :]
        own = lengths_d[index] if side == "d" else lengths_p[index]
        others = lengths_p if side == "d" else lengths_d
        found = []
        for other in np.nonzero(row > 0)[0].tolist():
            shared = float(row[other])
            if shared >= CONTAINED * own or (shared >= MIN_OVERLAP and (
                    shared >= OWN_SHARE * own or shared >= OTHER_SHARE * float(others[other]))):
                found.append(other)
        return sorted(found, key=lambda o: (-float(row[o]), o))

    for side, count in (("d", len(derived)), ("p", len(parent))):
        other_side = "p" if side == "d" else "d"
        for index in range(count):
            if (side, index) in group_of:
                continue
            found = contributors(side, index)
            if not found:
                continue
            target = None
            for other in found:        # the strongest contributor that already has a group
                if (other_side, other) in group_of and not groups[group_of[(other_side, other)]][2]:
                    target = group_of[(other_side, other)]
                    break
            if target is None:
                target = len(groups)
                groups.append((set(), set(), False))
            for other in found:
                if (other_side, other) not in group_of:
                    groups[target][0 if other_side == "p" else 1].add(other)
                    group_of[(other_side, other)] = target
            groups[target][0 if side == "p" else 1].add(index)
            group_of[(side, index)] = target

    return [Link(tuple(sorted(p)), tuple(sorted(d)), pinned) for p, d, pinned in groups if p and d]


def _phrase_overlap(parent: Sequence[str], derived: Sequence[str], encoder: _Encoder
                    ) -> np.ndarray:
    """Characters each parent clause shares with each derived clause through closely matching
    phrases (pieces between commas and sentence ends)."""
    overlap = np.zeros((len(parent), len(derived)), dtype=np.float32)
    p_codes, p_lengths, p_owner = _phrase_codes(parent, encoder)
    d_codes, d_lengths, d_owner = _phrase_codes(derived, encoder)
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


def _phrase_codes(texts: Sequence[str], encoder: _Encoder
                  ) -> tuple[list[str], list[int], list[int]]:
    codes: list[str] = []
    lengths: list[int] = []
    owners: list[int] = []
    for owner, text in enumerate(texts):
        for phrase in phrases(text):
            if len(phrase) >= MIN_PHRASE and phrase not in BOILERPLATE:
                codes.append(encoder.encode(phrase))
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
