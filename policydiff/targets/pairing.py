"""How a derived text changes the quantities of its parent: pairing and direction.

Quantities pair only when they can be the same rule restated: the same kind, polarity, subject,
penalty type, unit family (万家 goes with 家) and, for penalties, the same end of the range (a
ceiling with a ceiling). Among those, the most similar metrics pair first. Whatever is left on one
side is a :class:`QuantityOnly`, new or removed, and never paired with an unrelated quantity.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from difflib import SequenceMatcher

from .explanation import explain, explain_only
from .extraction import extract, vision_years
from .metrics import _metric_key
from .model import Change, Direction, Quantity, QuantityOnly, TargetChange
from .vocabulary import _EXTENSIVE, _FULLWIDTH, _TIER_RE, _TIME_UNITS, _base_unit

__all__ = ["changes", "direction", "quantity_changes", "without_rescaling"]


def _deadline_key(q: Quantity) -> tuple[float, int]:
    """(year, month): 2020年6月底前 comes before 2020年底前; no month means the year's end."""
    if "上半年" in q.text:
        return q.value, 6
    month = re.search(r"([0-9]{1,2})月", q.text.translate(_FULLWIDTH))
    return q.value, int(month.group(1)) if month else 12


def direction(before: Quantity, after: Quantity, *, rescale: bool = True) -> Direction:
    """How ``after`` (derived) changes ``before`` (parent), per the JSON contract.

    The same value due in an earlier year (到2020年 -> 到2019年) is tightened, a later one loosened.
    Otherwise by polarity: a heavier ``penalty`` and a longer ``window`` are tightened, a shorter
    ``time_limit`` and an earlier deadline too. For targets and limits a higher value is tighter
    under a ``min`` bound (and when no bound is stated), a lower one under ``max`` (and for
    unbounded time spans). An absolute count or amount (家, 件, 亩, 亿元) of a target or limit
    that falls is ``rescaled``: a smaller jurisdiction restating a larger one's target, never
    ``loosened``; one that rises is tightened unless bounded by ``max``. Rates (%) never rescale.
    ``rescale=False`` (a revision of the same document, where no jurisdiction shrank) reads a
    falling count by its bound like any other value. Raises ValueError for quantities that
    cannot be compared.
    """
    if before.kind != after.kind:
        raise ValueError(f"cannot compare a {before.kind} ({before.text!r}) "
                         f"with a {after.kind} ({after.text!r})")
    if before.kind == "deadline":
        old, new = _deadline_key(before), _deadline_key(after)
        if old == new:
            return "unchanged"
        return "tightened" if new < old else "loosened"
    base, factor = _base_unit(before.unit)
    after_base, after_factor = _base_unit(after.unit)
    if base != after_base:
        raise ValueError(f"cannot compare {before.text!r} ({before.unit}) "
                         f"with {after.text!r} ({after.unit})")
    old_value, new_value = before.value * factor, after.value * after_factor
    if old_value == new_value or math.isclose(old_value, new_value, rel_tol=1e-9):
        if before.year is not None and after.year is not None and before.year != after.year:
            # the same target due earlier (到2020年 -> 到2019年) is tighter
            return "tightened" if after.year < before.year else "loosened"
        return "unchanged"
    rose = new_value > old_value
    polarity = before.polarity if before.polarity == after.polarity else "target"
    if polarity in ("penalty", "window"):
        return "tightened" if rose else "loosened"
    if polarity == "time_limit":
        return "loosened" if rose else "tightened"
    bound = next((b for b in (before.bound, after.bound) if b in ("min", "max")),
                 "max" if base in _TIME_UNITS else "min")
    if base in _EXTENSIVE and not rose and rescale:
        return "rescaled"
    return "tightened" if rose == (bound == "min") else "loosened"


def _group(q: Quantity) -> tuple[str, ...]:
    """What two quantities must share to be paired at all."""
    end = tier = ""
    if q.polarity == "penalty":
        # a ceiling with a ceiling, 情节较重的 with 情节较重的 (the tier is in the metric)
        end = q.bound or ""
        found = _TIER_RE.search(q.metric)
        tier = found.group() if found else ""
    return (q.kind, q.polarity, q.subject, q.penalty, _base_unit(q.unit)[0], end, tier)


def quantity_changes(parent_text: str, derived_text: str, *, cutoff: float = 0.6
                     ) -> tuple[tuple[TargetChange, ...], tuple[QuantityOnly, ...]]:
    """The paired quantities (unchanged ones included) in derived order, and the quantities of
    one side only (removed ones in parent order, then new ones in derived order).

    Pairs need the same group (see the module docstring) and, except for penalties, whose
    metric is the penalty type and its condition, metrics whose normalised forms have a
    ``difflib`` ratio of at least ``cutoff``; the best pairs are taken first, ties going to the
    earlier derived and then the earlier parent quantity. A one-side quantity written exactly
    as an unpaired one on the other side (the same 十日内 under a reworded action) is not listed:
    nothing about it changed. The years of vision statements (到2025年，…取得更大进展, see
    :func:`~policydiff.targets.extraction.vision_years`) pair the same way and are included
    only when they moved.
    """
    if not isinstance(parent_text, str) or not isinstance(derived_text, str):
        raise TypeError("changes() needs two str texts")
    if not 0.0 <= cutoff <= 1.0:
        raise ValueError(f"cutoff must be between 0 and 1, got {cutoff!r}")
    paired, only = _pair(extract(parent_text), extract(derived_text), cutoff, listed=True)
    visions, _ = _pair(vision_years(parent_text), vision_years(derived_text), cutoff,
                       listed=False)
    moved = [c for c in visions if c.direction != "unchanged"]
    return (tuple(sorted((*paired, *moved), key=lambda c: c.after.start)), only)


def _pair(parent: tuple[Quantity, ...], derived: tuple[Quantity, ...], cutoff: float, *,
          listed: bool) -> tuple[tuple[TargetChange, ...], tuple[QuantityOnly, ...]]:
    parent_keys = [_metric_key(q.metric) for q in parent]
    derived_keys = [_metric_key(q.metric) for q in derived]
    if [_as_written(q) for q in parent] == [_as_written(q) for q in derived]:
        # the same quantities in the same order (most modified pairs: the words changed, not
        # the numbers): each pairs with its twin, which the scoring below would also choose
        # (identical text and metric score highest, ties go in order), at no quadratic cost
        matched = {i: i for i, key in enumerate(derived_keys) if key}
        used_parent = set(matched)
    else:
        matched, used_parent = _best_pairs(parent, derived, parent_keys, derived_keys, cutoff)
    return _finish(parent, derived, matched, used_parent, listed=listed)


def _best_pairs(parent: tuple[Quantity, ...], derived: tuple[Quantity, ...],
                parent_keys: list[str], derived_keys: list[str], cutoff: float
                ) -> tuple[dict[int, int], set[int]]:
    """Greedy pairing, best metric similarity first (see :func:`quantity_changes`)."""
    parent_groups = [_group(q) for q in parent]
    scored: list[tuple[float, int, int]] = []
    for d, (dq, dkey) in enumerate(zip(derived, derived_keys, strict=True)):
        group = _group(dq)
        for p, pkey in enumerate(parent_keys):
            if parent_groups[p] != group or not dkey or not pkey:
                continue
            score = SequenceMatcher(None, pkey, dkey, autojunk=False).ratio()
            if not (score >= cutoff or dq.polarity == "penalty"):
                continue
            if parent[p].text == dq.text and score >= cutoff:
                # a rule kept word for word beside a new one (十日内 kept, a new 五日内 added)
                # is the restatement: the new one is new, not a change of the kept one
                score += 1.0
            scored.append((-score, d, p))
    scored.sort()
    used_parent: set[int] = set()
    matched: dict[int, int] = {}
    for _, d, p in scored:
        if d not in matched and p not in used_parent:
            matched[d] = p
            used_parent.add(p)
    return matched, used_parent


def _as_written(q: Quantity) -> tuple[object, ...]:
    return (q.text, q.value, q.unit, q.bound, q.year, q.metric, q.kind, q.polarity, q.subject,
            q.penalty)


def _finish(parent: tuple[Quantity, ...], derived: tuple[Quantity, ...],
            matched: dict[int, int], used_parent: set[int], *, listed: bool
            ) -> tuple[tuple[TargetChange, ...], tuple[QuantityOnly, ...]]:
    paired = []
    for d, p in sorted(matched.items()):
        before, after = parent[p], derived[d]
        change = TargetChange(metric=after.metric or before.metric, kind=after.kind,
                              before=before, after=after, direction=direction(before, after),
                              polarity=after.polarity, subject=after.subject,
                              penalty=after.penalty)
        zh, en = explain(change)
        paired.append(replace(change, explanation_zh=zh, explanation_en=en))
    if not listed:
        return tuple(paired), ()
    removed = [q for p, q in enumerate(parent) if p not in used_parent]
    new = [q for d, q in enumerate(derived) if d not in matched]
    removed_texts = {(q.text, q.polarity, q.subject) for q in removed}
    new_texts = {(q.text, q.polarity, q.subject) for q in new}
    only = [_only("removed", q) for q in removed
            if (q.text, q.polarity, q.subject) not in new_texts]
    only += [_only("new", q) for q in new if (q.text, q.polarity, q.subject) not in removed_texts]
    return tuple(paired), tuple(only)


def _only(change: Change, quantity: Quantity) -> QuantityOnly:
    record = QuantityOnly(change, quantity)
    zh, en = explain_only(record)
    return replace(record, explanation_zh=zh, explanation_en=en)


def without_rescaling(found: tuple[TargetChange, ...]) -> tuple[TargetChange, ...]:
    """``found`` with every ``rescaled`` change read again by its bound (监事会成员 五人以上 ->
    三人以上 in a revised law is a lower requirement, not a smaller jurisdiction's figure)."""
    out = []
    for change in found:
        if change.direction == "rescaled":
            change = replace(change, direction=direction(change.before, change.after,
                                                          rescale=False))
            zh, en = explain(change)
            change = replace(change, explanation_zh=zh, explanation_en=en)
        out.append(change)
    return tuple(out)


def changes(parent_text: str, derived_text: str, *, cutoff: float = 0.6
            ) -> tuple[TargetChange, ...]:
    """Pair the quantities of two texts and say how each changed, in derived order (see
    :func:`quantity_changes`). Unchanged pairs are included: the caller decides what to show.
    """
    return quantity_changes(parent_text, derived_text, cutoff=cutoff)[0]
