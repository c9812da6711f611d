"""The evidence's best candidates: highest scores first, equal scores in document order."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff.evidence import _kth_largest, _tops

scores = st.integers(1, 30).flatmap(lambda width: st.lists(
    st.lists(st.sampled_from([0.0, 12.5, 50.0, 50.0, 87.5, 100.0]), min_size=width,
             max_size=width), min_size=1, max_size=8))


@settings(max_examples=300, deadline=None)
@given(scores, st.integers(0, 6))
def test_tops_are_a_stable_sort_of_each_row(rows: list[list[float]], kept: int) -> None:
    block = np.array(rows, dtype=np.float32)
    kept = min(kept, block.shape[1])
    for row, (indexes, values) in zip(block, _tops(block, kept), strict=True):
        best = np.argsort(-row, kind="stable")[:kept]
        assert indexes == best.tolist()
        assert values == [float(row[i]) for i in best]


@settings(max_examples=300, deadline=None)
@given(scores, st.integers(1, 6))
def test_kth_largest_is_the_partition_value(rows: list[list[float]], kept: int) -> None:
    block = np.array(rows, dtype=np.float32)
    kept = min(kept, block.shape[1])
    width = block.shape[1]
    assert _kth_largest(block, kept).tolist() == \
        np.partition(block, width - kept, axis=1)[:, width - kept].tolist()
