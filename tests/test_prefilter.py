"""The bigram index gives the answer of the full similarity matrix (policydiff.alignment.prefilter)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from policydiff.alignment import overlap
from policydiff.alignment.prefilter import best_matches

# few distinct characters, so that close pairs, ties and repeated bigrams are common
texts = st.lists(st.text(alphabet="甲乙丙丁戊己庚辛", max_size=14), max_size=25)


def full_matrix(queries: list[str], choices: list[str], cutoff: float
                ) -> tuple[np.ndarray, np.ndarray]:
    block = process.cdist(queries, choices, scorer=fuzz.ratio, dtype=np.float32, workers=1,
                          score_cutoff=100 * cutoff)
    best = block.argmax(axis=1)
    return best, block[np.arange(len(best)), best]


@settings(max_examples=300, deadline=None)
@given(texts, texts, st.sampled_from([0.7, 0.75, 0.8, 0.85, 0.9, 1.0]))
def test_best_matches_is_the_full_matrix_answer(queries: list[str], choices: list[str],
                                                cutoff: float) -> None:
    best, score = best_matches(queries, choices, cutoff)
    if not queries or not choices:
        assert not score.any()
        return
    want_best, want_score = full_matrix(queries, choices, cutoff)
    assert score.tolist() == want_score.tolist()
    assert [b for b, s in zip(best.tolist(), score.tolist(), strict=True) if s] == \
        [b for b, s in zip(want_best.tolist(), want_score.tolist(), strict=True) if s]


def test_best_matches_refuses_a_cutoff_the_bound_does_not_cover() -> None:
    with pytest.raises(ValueError, match="above 2/3"):
        best_matches(["甲乙丙"], ["甲乙丁"], 0.6)


def test_phrase_pass_gives_the_same_partners_indexed_or_not(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    rows = ["依照本法规定处罚", "国务院有关部门负责", "县级以上人民政府", "甲乙", "公司章程规定"]
    theirs = ["依照本法的规定处罚", "国务院有关部门", "县级以上地方人民政府", "甲乙",
              "公司章程另有规定", "无关的一句话"]
    found = {}
    for cells in (0, 10**9):
        monkeypatch.setattr(overlap, "_INDEXED_CELLS", cells)
        found[cells] = [(offset, best.tolist(), score.tolist())
                        for offset, best, score in overlap._best_partners(rows, theirs)]
    (_, indexed_best, indexed_score), = found[0]
    (_, full_best, full_score), = found[10**9]
    assert indexed_score == full_score and any(indexed_score)
    assert [b for b, s in zip(indexed_best, indexed_score, strict=True) if s] == \
        [b for b, s in zip(full_best, full_score, strict=True) if s]
