"""Sparse candidates are the dense computation's answer (policydiff.alignment.scoring)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from policydiff.alignment import scoring


def dense(parent: list[str], derived: list[str], floor: float
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidates as first written: whole blocks partitioned, pairs rescored one by one."""
    if not parent or not derived:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    width, k = len(derived), min(scoring.TOP_K, len(derived))
    col_score = np.full((k, width), -1.0, dtype=np.float32)
    col_row = np.zeros((k, width), dtype=np.int64)
    rows_out, cols_out = [], []
    for start in range(0, len(parent), scoring.BLOCK):
        block = process.cdist(parent[start:start + scoring.BLOCK], derived, scorer=fuzz.ratio,
                              dtype=np.float32, workers=1, score_cutoff=100 * floor)
        top = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < width else \
            np.broadcast_to(np.arange(width), block.shape)
        keep = np.take_along_axis(block, top, axis=1) >= 100 * floor
        rows_out.append((np.nonzero(keep)[0] + start).astype(np.int64))
        cols_out.append(np.asarray(top)[keep].astype(np.int64))
        stacked = np.concatenate([col_score, block])
        stacked_rows = np.concatenate([col_row, np.broadcast_to(
            np.arange(start, start + len(block))[:, None], block.shape)])
        pick = np.argpartition(-stacked, k - 1, axis=0)[:k] if len(stacked) > k else \
            np.broadcast_to(np.arange(len(stacked))[:, None], stacked.shape)
        col_score = np.take_along_axis(stacked, pick, axis=0)
        col_row = np.take_along_axis(stacked_rows, pick, axis=0)
    keep = col_score >= 100 * floor
    rows_out.append(col_row[keep])
    cols_out.append(np.nonzero(keep)[1].astype(np.int64))
    codes = np.unique(np.concatenate(rows_out) * width + np.concatenate(cols_out))
    rows, cols = codes // width, codes % width
    scores = np.fromiter((fuzz.ratio(parent[p], derived[d]) for p, d in
                          zip(rows.tolist(), cols.tolist(), strict=True)),
                         dtype=np.float32, count=len(rows)) / 100
    return rows, cols, scores


# few distinct texts, so that repeated texts, ties and crowded rows and columns are common
pools = st.lists(st.text(alphabet="甲乙丙丁戊", min_size=1, max_size=8), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(pools, st.data(), st.sampled_from([0.0, 0.3, 0.5, 0.9]))
def test_candidates_equal_the_dense_computation(pool: list[str], data: st.DataObject,
                                                floor: float) -> None:
    parent = data.draw(st.lists(st.sampled_from(pool), max_size=600))
    derived = data.draw(st.lists(st.sampled_from(pool), max_size=60))
    got, want = scoring.candidates(parent, derived, floor), dense(parent, derived, floor)
    for mine, theirs in zip(got, want, strict=True):
        assert mine.dtype == theirs.dtype
        assert mine.tolist() == theirs.tolist()
