"""Why two clauses were paired, and why a clause was left unpaired.

A similarity number alone does not let a reviewer judge a pair. This module reconstructs, after
alignment and from the documents and the pairs alone, what speaks for each pair: its score and
the parts of it (character similarity, share of shared phrases), the rare phrases the two sides
share, the places they share (same heading, same lead phrase), whether it sits between the same
neighbours in both documents, and the best other candidate with its score. Each added or
dropped clause gets its nearest candidate on the other side and why it was not taken.

All scores are :func:`policydiff.alignment.matching.similarity` (computed for whole rows of
clauses at once with the same scorer); the alignment itself is not re-run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from rapidfuzz import fuzz, process

from .alignment.alphabet import compact
from .alignment.matching import phrases, similarity
from .alignment.overlap import MIN_PHRASE
from .alignment.scoring import BLOCK, PARALLEL_CELLS, distinct
from .alignment.scoring import content as _content

if TYPE_CHECKING:
    from .comparison import Pair
    from .document import Clause

__all__ = ["Candidate", "Evidence", "Nearest", "collect"]

Reason = Literal["below-cutoff", "taken", "no-candidate"]
SHOWN_PHRASES = 5           # rare shared phrases listed per pair: enough to recognise the text


@dataclass(frozen=True, slots=True)
class Candidate:
    """A clause of the other document and its similarity to the clause in question."""

    clause: str
    similarity: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """What speaks for one pair."""

    similarity: float
    """The pair's score (``Pair.similarity``)."""
    characters: float
    """similarity() of the two sides' comparable texts, each side joined."""
    phrases: float
    """Share of the shorter side's characters that lie in phrases both sides contain."""
    shared: tuple[str, ...]
    """Phrases both sides contain and no other clause of either document does, longest first."""
    anchors: tuple[str, ...]
    """Places both sides share: the same heading or the same lead phrase."""
    neighbours: bool
    """The pairs before and after it hold the parent clauses before and after it."""
    runner_up: Candidate | None
    """The best derived clause outside the pair for the pair's first parent clause."""
    how: str | None = None
    """How alignment placed it, when the alignment says (e.g. ``one-to-one``, ``anchor``)."""

    def to_dict(self) -> dict[str, Any]:
        return {"similarity": self.similarity, "characters": self.characters,
                "phrases": self.phrases, "shared": list(self.shared),
                "anchors": list(self.anchors), "neighbours": self.neighbours,
                "runner_up": _candidate_dict(self.runner_up), "how": self.how}


@dataclass(frozen=True, slots=True)
class Nearest:
    """Why an added (``side="derived"``) or dropped (``side="parent"``) clause is unpaired."""

    side: Literal["parent", "derived"]
    clause: str
    candidate: Candidate | None
    """The most similar clause of the other document in the same segment."""
    reason: Reason
    """``below-cutoff``: too little alike; ``taken``: alike enough, but the candidate is
    already in another pair; ``no-candidate``: the other document has no clause in that segment."""
    taken_by: float | None = None
    """When the candidate is in a pair: that pair's similarity."""

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "clause": self.clause,
                "candidate": _candidate_dict(self.candidate), "reason": self.reason,
                "taken_by": self.taken_by}


def _candidate_dict(candidate: Candidate | None) -> dict[str, Any] | None:
    if candidate is None:
        return None
    return {"clause": candidate.clause, "similarity": candidate.similarity}


def collect(pairs: Sequence[Pair], added: Sequence[Clause], dropped: Sequence[Clause],
            parent: Sequence[Clause], derived: Sequence[Clause], *,
            comparable: Callable[[Clause], str], anchor: Callable[[Clause], frozenset[str]],
            segment: Callable[[Clause], str], cutoff: float
            ) -> tuple[tuple[Pair, ...], tuple[Nearest, ...]]:
    """The pairs (in derived order) with their :class:`Evidence` set, and a :class:`Nearest`
    per unpaired clause."""
    texts = {("p", c.id): comparable(c) for c in parent}
    texts.update({("d", c.id): comparable(c) for c in derived})
    scores = _Scores(parent, derived, texts, segment)
    scores.need("p", [pair.parent[0] for pair in pairs] + list(dropped))
    scores.need("d", added)
    phrase_sets = {key: _phrases(text) for key, text in texts.items()}
    frequency = _phrase_frequency(parent, "p", phrase_sets)
    frequency_d = _phrase_frequency(derived, "d", phrase_sets)
    parent_pos = {c.id: i for i, c in enumerate(parent)}
    in_pair_d = {c.id: pair for pair in pairs for c in pair.derived}
    in_pair_p = {c.id: pair for pair in pairs for c in pair.parent}

    out = []
    for index, pair in enumerate(pairs):
        p_text = "".join(texts[("p", c.id)] for c in pair.parent)
        d_text = "".join(texts[("d", c.id)] for c in pair.derived)
        common = (frozenset().union(*(phrase_sets[("p", c.id)] for c in pair.parent))
                  & frozenset().union(*(phrase_sets[("d", c.id)] for c in pair.derived)))
        rare = sorted((x for x in common if frequency.get(x, 0) <= len(pair.parent)
                       and frequency_d.get(x, 0) <= len(pair.derived)),
                      key=lambda x: (-len(x), x))[:SHOWN_PHRASES]
        shorter = min(len(_content(p_text)), len(_content(d_text))) or 1
        anchors = (frozenset().union(*(anchor(c) for c in pair.parent))
                   & frozenset().union(*(anchor(c) for c in pair.derived)))
        own = {c.id for c in pair.derived}
        out.append(replace(pair, evidence=Evidence(
            similarity=pair.similarity,
            characters=round(similarity(p_text, d_text), 4),
            phrases=round(min(1.0, sum(len(_content(x)) for x in common) / shorter), 4),
            shared=tuple(rare),
            anchors=tuple(sorted(a.split("|", 1)[-1] for a in anchors)),
            neighbours=_between_neighbours(pairs, index, parent_pos),
            runner_up=scores.best("p", pair.parent[0], exclude=own),
            how=pair.how)))

    nearest = []
    for side, clauses, taken in (("derived", added, in_pair_p), ("parent", dropped, in_pair_d)):
        key = "d" if side == "derived" else "p"
        for clause in clauses:
            candidate = scores.best(key, clause, exclude=set())
            holder = taken.get(candidate.clause) if candidate is not None else None
            reason: Reason = "no-candidate"
            if candidate is not None:
                reason = ("taken" if holder is not None and candidate.similarity >= cutoff
                          else "below-cutoff")
            taken_by = holder.similarity if holder is not None else None
            nearest.append(Nearest(side, clause.id, candidate, reason, taken_by))  # type: ignore[arg-type]
    return tuple(out), tuple(nearest)


@lru_cache(maxsize=65536)
def _phrases(text: str) -> frozenset[str]:
    """The phrases of a comparable text long enough to count. Cached on the text: a comparison
    run again, or a parent compared with several derived texts, asks for the same clauses."""
    return frozenset(x for x in phrases(text) if len(_content(x)) >= MIN_PHRASE)


def _phrase_frequency(clauses: Sequence[Clause], side: str,
                      phrase_sets: dict[tuple[str, str], frozenset[str]]) -> dict[str, int]:
    """In how many clauses of one document each phrase occurs."""
    counts: dict[str, int] = {}
    for clause in clauses:
        for phrase in phrase_sets[(side, clause.id)]:
            counts[phrase] = counts.get(phrase, 0) + 1
    return counts


def _between_neighbours(pairs: Sequence[Pair], index: int, parent_pos: dict[str, int]) -> bool:
    here = min(parent_pos[c.id] for c in pairs[index].parent)
    before = (max(parent_pos[c.id] for c in pairs[index - 1].parent) if index > 0 else -1)
    after = (min(parent_pos[c.id] for c in pairs[index + 1].parent)
             if index + 1 < len(pairs) else len(parent_pos))
    return before < here < after


# Candidates kept per clause: the runner-up excludes the pair's own clauses (a merge of more
# than _KEPT - 1 falls back to scoring its whole pool); rows scored per scoring.BLOCK.
_KEPT = 4


class _Scores:
    """similarity() of every clause against the clauses of the other document in its segment,
    computed a row at a time with rapidfuzz (the same scorer on the same letters and digits)."""

    def __init__(self, parent: Sequence[Clause], derived: Sequence[Clause],
                 texts: dict[tuple[str, str], str], segment: Callable[[Clause], str]) -> None:
        self.texts = texts
        self.segment = segment
        self.by_segment: dict[tuple[str, str], list[Clause]] = {}
        for side, clauses in (("p", parent), ("d", derived)):
            for clause in clauses:
                self.by_segment.setdefault((side, segment(clause)), []).append(clause)
        # renumbered characters (:mod:`.alignment.alphabet`): only scored, never shown
        keys = list(texts)
        self.content = dict(zip(keys, compact([_content(texts[key]) for key in keys])[0],
                                strict=True))
        self.top: dict[tuple[str, str], dict[str, tuple[list[int], list[float]]]] = {}
        self.needed: dict[tuple[str, str], set[str]] = {}

    def need(self, side: str, clauses: Sequence[Clause]) -> None:
        """Say which clauses :meth:`best` will be asked about, so that only their rows are
        scored: a pair's first parent clause and the unpaired clauses, not every clause (on the
        company law ×4, 916 of 2,309 parent rows and 557 of 2,760 derived rows)."""
        for clause in clauses:
            self.needed.setdefault((side, self.segment(clause)), set()).add(clause.id)

    def best(self, side: str, clause: Clause, *, exclude: set[str]) -> Candidate | None:
        other = "d" if side == "p" else "p"
        segment = self.segment(clause)
        pool = self.by_segment.get((other, segment), [])
        if not pool:
            return None
        if (side, segment) not in self.top:
            self._rank(side, segment)
        if clause.id not in self.top[(side, segment)]:   # not announced by need(): its row alone
            self._rank(side, segment, [clause])
        indexes, scores = self.top[(side, segment)][clause.id]
        for index, score in zip(indexes, scores, strict=True):
            if pool[index].id not in exclude:
                return Candidate(pool[index].id, round(score / 100.0, 4))
        # more of the best were excluded than were kept: score the whole pool
        row = process.cdist([self.content[(side, clause.id)]],
                            [self.content[(other, c.id)] for c in pool],
                            scorer=fuzz.ratio, dtype=np.float32, workers=1)[0]
        keep = [i for i in range(len(pool)) if pool[i].id not in exclude]
        if not keep:
            return None
        best = max(keep, key=lambda i: (float(row[i]), -i))
        return Candidate(pool[best].id, round(float(row[best]) / 100.0, 4))

    def _rank(self, side: str, segment: str, only: Sequence[Clause] | None = None) -> None:
        """The ``_KEPT`` best candidates of each needed clause of one side and segment (or of
        ``only``), scored in row blocks on both cores: memory O(block × pool), no Python work
        per pair of clauses (a loop per clause over the whole pool cost 16 s on 10,000 tiny
        clauses a side, #15). Each row is scored on its own, so which rows share a block
        changes no score."""
        other = "d" if side == "p" else "p"
        if only is None:
            needed = self.needed.get((side, segment), set())
            mine = [c for c in self.by_segment.get((side, segment), []) if c.id in needed]
        else:
            mine = list(only)
        choices, spread = distinct(
            [self.content[(other, c.id)] for c in self.by_segment.get((other, segment), [])])
        ranked = self.top.setdefault((side, segment), {})
        kept = min(_KEPT, len(spread))
        # each distinct text once (a row's top depends on its text alone)
        texts, which = distinct([self.content[(side, c.id)] for c in mine])
        tops: list[tuple[list[int], list[float]]] = []
        for start in range(0, len(texts), BLOCK):
            block = texts[start:start + BLOCK]
            rows = process.cdist(block, choices, scorer=fuzz.ratio, dtype=np.float32,
                                 workers=-1 if len(block) * len(choices) >= PARALLEL_CELLS
                                 else 1)
            tops.extend(_tops(rows[:, spread], kept))     # the pool's rows, document order
        for clause, at in zip(mine, which.tolist(), strict=True):
            ranked[clause.id] = tops[at]


def _tops(rows: np.ndarray, kept: int) -> list[tuple[list[int], list[float]]]:
    """Per row, the indexes of the ``kept`` highest scores, best first, equal scores in
    document order (as a stable sort of the whole row, and argmax before it, put them), and
    those scores: only the scores at least a row's ``kept``-th highest are sorted, not whole
    rows (a stable argsort of every row was 1.3 s of the company law ×4), and for a block of
    rows at once (one call per row was a third of a warm flagship's evidence)."""
    if kept <= 0:
        return [([], []) for _ in range(len(rows))]
    floor = _kth_largest(rows, kept)
    out: list[tuple[list[int], list[float]]] = [([], []) for _ in range(len(rows))]
    # above a row's kept-th score: fewer than kept, sorted by score then position
    above = rows > floor[:, None]
    at, index = np.nonzero(above)
    score = rows[at, index]
    order = np.lexsort((index, -score, at))
    for row, i, value in zip(at[order].tolist(), index[order].tolist(), score[order].tolist(),
                             strict=True):
        out[row][0].append(i)
        out[row][1].append(value)
    # at it: the first ones in document order fill the rest, found one at a time (on 10,000
    # tiny clauses a row ties with thousands)
    room = kept - above.sum(axis=1)
    tied = rows == floor[:, None]
    for turn in range(int(room.max(initial=0))):
        first = tied.argmax(axis=1)
        for row in np.flatnonzero(room > turn).tolist():
            out[row][0].append(int(first[row]))
            out[row][1].append(float(floor[row]))
            tied[row, first[row]] = False
    return out


def _kth_largest(rows: np.ndarray, kept: int) -> np.ndarray:
    """Each row's ``kept``-th highest score counting equal scores (``np.partition(rows,
    width - kept, axis=1)[:, width - kept]``), by taking off the highest score ``kept`` times
    at most: a few passes over the block instead of a selection per row (np.partition was 4.8
    of 10 s of the evidence on 10,000 tiny clauses a side)."""
    work = rows.copy()
    need = np.full(len(rows), kept)
    floor = np.zeros(len(rows), dtype=rows.dtype)
    done = np.zeros(len(rows), dtype=bool)
    for _ in range(kept):
        highest = work.max(axis=1)
        at_highest = work == highest[:, None]
        count = at_highest.sum(axis=1)
        reached = ~done & (count >= need)
        floor[reached] = highest[reached]
        done |= reached
        if done.all():
            break
        need = np.where(done, need, need - count)
        work[at_highest] = -np.inf
    return floor
