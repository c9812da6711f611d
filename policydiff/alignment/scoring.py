"""Similarity scores of many clause pairs at once, with memory bounded on long documents.

:func:`candidates` finds each clause's best partners on the other side without keeping all
pairs (the aligner's best-first pass); :func:`matrix` scores the small gaps of the order pass;
:func:`distinct` lets a text repeated in a document be scored once. All use rapidfuzz's
``fuzz.ratio`` on texts renumbered by :func:`.alphabet.compact`, which changes no score.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from ..vocabulary import LETTERS_AND_DIGITS_NOT
from .alphabet import compact

# Sparse candidates: the best TOP_K partners of each clause on the other side. In the law and
# flagship pairs a clause's true partner is within its 3 best in 99.6% of cases; 16 leaves room.
TOP_K = 16
BLOCK = 256                 # rows of a similarity matrix computed at a time
# Blocks smaller than this are scored on one thread: starting the second costs more than it
# saves. Company-law clauses, min of 7: 7,500 cells 1.3 ms on one thread, 1.7 ms on two (3.3
# under load); at 30,000 cells both 6.7 ms. Each cell is scored on its own, so the thread count
# changes no score.
PARALLEL_CELLS = 30_000


@lru_cache(maxsize=65536)   # pure; called 2,268 times in one flagship compare
def content(text: str) -> str:
    """What similarity is measured on: letters and digits only, so punctuation and spacing
    never count. Characters, not jieba tokens: on Chinese text the two give the same alignment
    (same flagship key score and law results) and characters need no tokenising, which halves
    the time of a comparison on text not seen before."""
    return LETTERS_AND_DIGITS_NOT.sub("", text)


def matrix(parent: Sequence[str], derived: Sequence[str]) -> np.ndarray:
    if not parent or not derived:
        return np.zeros((len(parent), len(derived)), dtype=np.float32)
    parent, derived = compact(parent, derived)
    scores = process.cdist(parent, derived, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    scores *= np.float32(0.01)
    return scores


def distinct(texts: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """The distinct texts in first-seen order, and each text's index among them: a score
    depends only on the two texts, so a text repeated (a boilerplate clause, an article kept
    word for word in several places) is scored once and its scores copied."""
    index: dict[str, int] = {}
    which = np.fromiter((index.setdefault(text, len(index)) for text in texts),
                        dtype=np.intp, count=len(texts))
    return list(index), which


def candidates(parent: Sequence[str], derived: Sequence[str], floor: float
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sparse candidate pairs (parent index, derived index, similarity ≥ ``floor``): each
    clause's ``TOP_K`` best partners on the other side, computed ``BLOCK`` rows at a time, so
    memory is O(clauses × TOP_K) whatever the documents' sizes (#15: all pairs as Python tuples
    took 6.7 GB on 5,000 clauses)."""
    rows_out: list[np.ndarray] = []
    cols_out: list[np.ndarray] = []
    values_out: list[np.ndarray] = []
    if not parent or not derived:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    parent, derived = compact(parent, derived)
    width = len(derived)
    k = min(TOP_K, width)
    cutoff = 100 * floor
    col_score = np.full((k, width), -1.0, dtype=np.float32)
    col_row = np.zeros((k, width), dtype=np.int64)
    columns, spread = distinct(derived)
    scored = _Rows(parent, columns, cutoff)
    for start in range(0, len(parent), BLOCK):
        texts, which = distinct(parent[start:start + BLOCK])
        block = scored.rows(texts, start)[np.ix_(which, spread)]
        # a row with at most k partners at the floor keeps them all, whatever argpartition
        # would do with its ties below the floor; the others are partitioned as before
        # (row by row, so on the same rows the same answer)
        above = block >= cutoff
        crowded = np.flatnonzero(above.sum(axis=1) > k) if k < width else \
            np.zeros(0, dtype=np.intp)
        if 2 * len(crowded) > len(block):   # mostly crowded (tiny clauses): every row at once
            crowded = np.arange(len(block))
        else:
            few = np.ones(len(block), dtype=bool)
            few[crowded] = False
            r, c = np.nonzero(above & few[:, None])
            rows_out.append((r + start).astype(np.int64))
            cols_out.append(c.astype(np.int64))
            values_out.append(block[r, c])
        if len(crowded):
            part = block if len(crowded) == len(block) else block[crowded]
            top = np.argpartition(-part, k - 1, axis=1)[:, :k]
            here = np.take_along_axis(part, top, axis=1)
            keep = here >= cutoff
            rows_out.append((crowded[np.nonzero(keep)[0]] + start).astype(np.int64))
            cols_out.append(top[keep].astype(np.int64))
            values_out.append(here[keep])
        stacked = np.concatenate([col_score, block])
        stacked_rows = np.concatenate(
            [col_row, np.broadcast_to(np.arange(start, start + len(block))[:, None],
                                      block.shape)])
        pick = np.argpartition(-stacked, k - 1, axis=0)[:k] if len(stacked) > k else \
            np.broadcast_to(np.arange(len(stacked))[:, None], stacked.shape)
        col_score = np.take_along_axis(stacked, pick, axis=0)
        col_row = np.take_along_axis(stacked_rows, pick, axis=0)
    keep = col_score >= cutoff
    rows_out.append(col_row[keep])
    cols_out.append(np.nonzero(keep)[1].astype(np.int64))
    values_out.append(col_score[keep])
    rows = np.concatenate(rows_out)
    cols = np.concatenate(cols_out)
    values = np.concatenate(values_out)
    # each pair once (a pair found from its row and its column carries the same score)
    codes = rows * width + cols
    order = np.argsort(codes, kind="stable")
    codes, values = codes[order], values[order]
    first = np.concatenate(([True], codes[1:] != codes[:-1])) if len(codes) else \
        np.zeros(0, dtype=bool)
    codes, values = codes[first], values[first]
    rows, cols = codes // width, codes % width
    # the scores cdist gave at the floor: the exact ratio of a pair that reaches it
    scores = values / 100
    return rows, cols, scores


# Rows of scores kept for parent texts met again in a later block, at most this many cells
# (16 MiB of float32, a twentieth of #14's memory budget for the law x8): the company law x8
# repeats each article text in 8 blocks and keeps 353 rows x 466 columns (165K cells).
_KEPT_CELLS = 4_000_000


class _Rows:
    """Score rows of parent texts against the distinct derived texts, each text scored once
    per :func:`candidates` call: a text that recurs in a later block (a repeated article, a
    law repeated) keeps its row until its last block, within ``_KEPT_CELLS``."""

    def __init__(self, parent: Sequence[str], columns: list[str], cutoff: float) -> None:
        self.columns = columns
        self.cutoff = cutoff
        self.last: dict[str, int] = {}
        for index, text in enumerate(parent):
            self.last[text] = index // BLOCK
        self.kept: dict[str, np.ndarray] = {}

    def rows(self, texts: list[str], start: int) -> np.ndarray:
        """The rows of ``texts`` (distinct) for the block starting at ``start``."""
        here = start // BLOCK
        missing = [text for text in texts if text not in self.kept]
        cells = len(missing) * len(self.columns)
        fresh = process.cdist(missing, self.columns, scorer=fuzz.ratio, dtype=np.float32,
                              workers=-1 if cells >= PARALLEL_CELLS else 1,
                              score_cutoff=self.cutoff) if missing else \
            np.zeros((0, len(self.columns)), dtype=np.float32)
        found = dict(zip(missing, fresh, strict=True))
        out = fresh if len(missing) == len(texts) else \
            np.stack([self.kept[text] if text in self.kept else found[text] for text in texts])
        for text in texts:
            if self.last[text] <= here:
                self.kept.pop(text, None)
            elif text not in self.kept and \
                    (len(self.kept) + 1) * len(self.columns) <= _KEPT_CELLS:
                self.kept[text] = found[text].copy()
        return out


__all__ = ["BLOCK", "PARALLEL_CELLS", "TOP_K", "candidates", "content", "distinct", "matrix"]
