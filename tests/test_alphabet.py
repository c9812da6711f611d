"""Renumbered characters change no score (policydiff.alignment.alphabet)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from policydiff.alignment.alphabet import compact

texts = st.lists(st.text(max_size=20), max_size=12)


@settings(max_examples=200, deadline=None)
@given(texts, texts)
def test_scores_and_equalities_survive_renumbering(parent: list[str], derived: list[str]) -> None:
    new_parent, new_derived = compact(parent, derived)
    assert [len(t) for t in new_parent] == [len(t) for t in parent]
    assert [len(t) for t in new_derived] == [len(t) for t in derived]
    for a, new_a in zip(parent, new_parent, strict=True):
        for b, new_b in zip(derived, new_derived, strict=True):
            assert fuzz.ratio(new_a, new_b) == fuzz.ratio(a, b)
            assert (new_a == new_b) == (a == b)


def test_the_commonest_characters_come_first() -> None:
    # 甲 twice; 丙 (U+4E19) and 乙 (U+4E59) once each, ranked by code point
    assert compact(["乙甲甲"], ["甲丙"]) == [["\x03\x01\x01"], ["\x01\x02"]]


def test_lone_surrogates_are_characters_like_any_other() -> None:
    # a text decoded with surrogateescape may hold them; rapidfuzz scores them as characters
    (mine,), (theirs,) = compact(["ab\udc80c"], ["ab\udc80d"])
    assert fuzz.ratio(mine, theirs) == fuzz.ratio("ab\udc80c", "ab\udc80d")
