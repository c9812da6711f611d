"""Each text's best close match among many, without scoring every pair.

The phrase pass asks, for tens of thousands of short phrases, for the most similar phrase of
the other document at a high cutoff (0.8). Scoring every pair is quadratic (150 M pairs on a
law of 490K distinct characters, 7.8 s). A pair that close must share character bigrams, so an
inverted index of bigrams proposes the only pairs that can reach the cutoff; those alone are
scored, with the same scorer and cutoff, and the answer is the one the full matrix gives.

Why it is exact: ``fuzz.ratio`` is ``2·LCS / (la + lb)``. Of the ``la - 1`` bigram positions of
``a``, an unmatched character of ``a`` breaks at most two and an unmatched character of ``b`` at
most one, so the two share (as multisets) at least ``3·LCS - la - lb - 1`` bigrams; at a ratio
``r`` that is ``(1.5r - 1)(la + lb) - 1``, and ``lb ≥ la·r / (2 - r)``. Counting each bigram with
its occurrence number turns the multisets into sets; if ``a`` shares ``t`` of them with ``b``,
any ``la - t`` of ``a``'s bigrams hold one of them (the prefix filter of set-similarity joins),
so only the postings of ``a``'s rarest bigrams are looked up. Texts too short for the bound
(``t < 1``) are scored against every choice.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

_OCCURRENCE_BITS = 20       # a bigram's occurrence number within its text (texts < 1M chars)


def _code_points(texts: Sequence[str]) -> np.ndarray:
    """The texts' code points end to end (a lone surrogate counts as the character it is)."""
    joined = "".join(texts).encode("utf-32-le", "surrogatepass")
    return np.frombuffer(joined, dtype=np.uint32).astype(np.int64)


def _bigrams(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Every text's bigrams, each numbered by its occurrence in that text: (token, owner),
    the token a 64-bit integer (two code points and the occurrence number)."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    points = _code_points(texts)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    if len(points) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    inside = owner[:-1] == owner[1:]
    grams = ((points[:-1] << 21) | points[1:])[inside]
    owners = owner[:-1][inside]
    order = np.lexsort((grams, owners))
    grams, owners = grams[order], owners[order]
    start = np.concatenate(([True], (grams[1:] != grams[:-1]) | (owners[1:] != owners[:-1])))
    run_start = np.maximum.accumulate(np.where(start, np.arange(len(grams)), 0))
    occurrence = np.arange(len(grams)) - run_start
    return (grams << _OCCURRENCE_BITS) | occurrence, owners


def _counted(tokens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of a sorted or unsorted token array and how often each occurs."""
    ordered = np.sort(tokens)
    if not len(ordered):
        return ordered, np.zeros(0, dtype=np.int64)
    first = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return ordered[first], np.diff(np.append(first, len(ordered)))


def _prefix(tokens: np.ndarray, owner: np.ndarray, frequency: np.ndarray,
            length: np.ndarray) -> np.ndarray:
    """Which tokens are among the first ``length[owner]`` of their text, rarest first (ties by
    token), as a mask over the tokens in their given order."""
    order = np.lexsort((tokens, frequency, owner))
    ranked_owner = owner[order]
    rank = np.arange(len(order)) - np.searchsorted(ranked_owner, ranked_owner)
    mask = np.zeros(len(tokens), dtype=bool)
    mask[order] = rank < length[ranked_owner]
    return mask


_BUCKETS = 64               # character classes of the count bound
_CHUNK = 65_536             # candidate pairs bounded at a time (memory O(chunk × buckets))


def _buckets(texts: Sequence[str]) -> np.ndarray:
    """Per text, how many of its characters fall in each of ``_BUCKETS`` classes."""
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    points = _code_points(texts)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    counts = np.bincount(owner * _BUCKETS + points % _BUCKETS, minlength=len(texts) * _BUCKETS)
    # 16 bits hold every count of texts under 32K characters and halve the work of the bound
    kind = np.int16 if len(counts) == 0 or counts.max() < 2**15 else np.int64
    return counts.reshape(len(texts), _BUCKETS).astype(kind)


def _may_reach(queries: Sequence[str], choices: Sequence[str], rows: np.ndarray,
               cols: np.ndarray, cutoff: float) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs whose character counts allow ``cutoff``: a common subsequence holds
    at most, of each class of characters, the fewer of the two texts' counts, and the ratio is
    ``2·LCS / (la + lb)``. (Of the pairs the bigram index proposes on a long law, 0.3% reach the
    cutoff; this bound is a few vector operations per pair, scoring one is not.)"""
    if not len(rows):
        return rows, cols
    mine, theirs = _buckets(queries), _buckets(choices)
    total = mine.sum(axis=1)[rows] + theirs.sum(axis=1)[cols]
    keep = np.zeros(len(rows), dtype=bool)
    for start in range(0, len(rows), _CHUNK):
        part = slice(start, start + _CHUNK)
        common = np.minimum(mine[rows[part]], theirs[cols[part]]).sum(axis=1, dtype=np.int64)
        keep[part] = 2 * common >= cutoff * total[part] - 1e-9
    return rows[keep], cols[keep]


def best_matches(queries: Sequence[str], choices: Sequence[str], cutoff: float
                 ) -> tuple[np.ndarray, np.ndarray]:
    """For each query, the choice ``process.cdist(queries, choices, scorer=fuzz.ratio,
    dtype=np.float32, score_cutoff=100 * cutoff).argmax(axis=1)`` picks and its float32 score
    (0 where no choice reaches ``cutoff``): the same indexes and scores, found by scoring only
    the pairs that can reach the cutoff. Needs ``cutoff > 2/3``, where the bigram bound holds."""
    if not cutoff > 2 / 3:
        raise ValueError(f"best_matches needs a cutoff above 2/3, got {cutoff!r}")
    best = np.zeros(len(queries), dtype=np.int64)
    score = np.zeros(len(queries), dtype=np.float32)
    if not queries or not choices:
        return best, score
    q_len = np.fromiter((len(t) for t in queries), dtype=np.int64, count=len(queries))
    c_len = np.fromiter((len(t) for t in choices), dtype=np.int64, count=len(choices))
    slack = 1e-9

    def least_shared(lengths: np.ndarray) -> np.ndarray:
        """Bigrams a text of each length shares with any text it reaches ``cutoff`` with."""
        return np.ceil((1.5 * cutoff - 1) * lengths * 2 / (2 - cutoff) - 1 - slack
                       ).astype(np.int64)

    q_need = least_shared(q_len)
    c_tokens, c_owner = _bigrams(choices)
    vocabulary, frequency = _counted(c_tokens)
    c_frequency = frequency[np.searchsorted(vocabulary, c_tokens)]
    # one order for both sides (rarest in the choices first): two texts sharing ``t`` bigrams
    # share one among the first ``n - t + 1`` of each, so only those are indexed and probed
    keep = _prefix(c_tokens, c_owner, c_frequency, c_len - least_shared(c_len))
    c_tokens, c_owner = c_tokens[keep], c_owner[keep]
    order = np.argsort(c_tokens, kind="stable")
    c_tokens, c_owner = c_tokens[order], c_owner[order]
    postings, counts_at = _counted(c_tokens)
    first = np.cumsum(counts_at) - counts_at

    q_tokens, q_owner = _bigrams(queries)
    at = np.minimum(np.searchsorted(vocabulary, q_tokens), max(len(vocabulary) - 1, 0))
    q_frequency = np.where(vocabulary[at] == q_tokens, frequency[at], 0) if len(vocabulary) \
        else np.zeros(len(q_tokens), dtype=np.int64)
    keep = _prefix(q_tokens, q_owner, q_frequency, q_len - q_need) & (q_need >= 1)[q_owner]
    q_tokens, q_owner = q_tokens[keep], q_owner[keep]
    at = np.minimum(np.searchsorted(postings, q_tokens), max(len(postings) - 1, 0))
    hit = postings[at] == q_tokens if len(postings) else np.zeros(len(q_tokens), dtype=bool)
    probe_owner, probe_at = q_owner[hit], at[hit]
    counts = counts_at[probe_at]
    rows = np.repeat(probe_owner, counts)
    offsets = np.repeat(first[probe_at] - (np.cumsum(counts) - counts), counts) + np.arange(
        int(counts.sum()))
    cols = c_owner[offsets]
    # the lengths a ratio of ``cutoff`` allows
    low, high = cutoff / (2 - cutoff), (2 - cutoff) / cutoff
    fits = (c_len[cols] >= low * q_len[rows] - slack) & (c_len[cols] <= high * q_len[rows] + slack)
    codes = np.sort(rows[fits] * len(choices) + cols[fits])
    if len(codes):
        codes = codes[np.concatenate(([True], codes[1:] != codes[:-1]))]
    rows, cols = codes // len(choices), codes % len(choices)
    rows, cols = _may_reach(queries, choices, rows, cols, cutoff)
    found = process.cpdist([queries[i] for i in rows.tolist()],
                           [choices[j] for j in cols.tolist()], scorer=fuzz.ratio,
                           dtype=np.float32, workers=1, score_cutoff=100 * cutoff)
    # best per row: highest score, then lowest index (argmax's first maximum)
    hit = found > 0
    rows, cols, found = rows[hit], cols[hit], found[hit]
    order = np.lexsort((cols, -found, rows))
    rows, cols, found = rows[order], cols[order], found[order]
    head = np.concatenate(([True], rows[1:] != rows[:-1])) if len(rows) else rows.astype(bool)
    best[rows[head]] = cols[head]
    score[rows[head]] = found[head]
    # queries too short for the bound: every choice
    short = np.flatnonzero(q_need < 1)
    if len(short):
        block = process.cdist([queries[i] for i in short.tolist()], choices, scorer=fuzz.ratio,
                              dtype=np.float32, workers=1, score_cutoff=100 * cutoff)
        best[short] = block.argmax(axis=1)
        score[short] = block[np.arange(len(short)), best[short]]
    return best, score


__all__ = ["best_matches"]
