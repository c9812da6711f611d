"""Invariants of the neighbour joins (policydiff.alignment.merges), on random unit texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff.alignment.matching import Link
from policydiff.alignment.merges import join_neighbours

_TEXT = st.text(alphabet="戶政事務所查對校正登記申請人離婚結", min_size=0, max_size=12)


@settings(max_examples=200, deadline=None)
@given(parent=st.lists(_TEXT, min_size=1, max_size=8),
       derived=st.lists(_TEXT, min_size=1, max_size=8), data=st.data())
def test_joins_only_add_free_units_to_existing_groups(parent: list[str], derived: list[str],
                                                      data: st.DataObject) -> None:
    """Every link survives with all its units, each unit ends in at most one link, a pinned
    link is never touched, and the result is the same on a second run."""
    count = data.draw(st.integers(0, min(len(parent), len(derived))))
    ps = data.draw(st.permutations(range(len(parent))))[:count]
    ds = data.draw(st.permutations(range(len(derived))))[:count]
    links = [Link((p,), (d,), pinned=data.draw(st.booleans())) for p, d in zip(ps, ds,
                                                                               strict=True)]
    divisions = ([False] * len(parent), [False] * len(derived))
    out = join_neighbours(links, parent, derived, divisions)
    assert out == join_neighbours(links, parent, derived, divisions)
    assert len(out) == len(links)
    for before, after in zip(links, out, strict=True):
        assert set(before.parent) <= set(after.parent)
        assert set(before.derived) <= set(after.derived)
        if before.pinned:
            assert after == before
    for side in ("parent", "derived"):
        units = [i for link in out for i in getattr(link, side)]
        assert len(units) == len(set(units))
