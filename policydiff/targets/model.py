"""The records of the targets package: a quantity as written, and how a derived text changes it.

Kept apart from the extraction so that renderers and the comparison import records without the
patterns. ``to_dict`` gives the contract's objects: the keys of ``policydiff.comparison/1`` first,
then the fields added by the quantity model (polarity, subject, penalty, explanation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

Bound = Literal["min", "max", "exact"]
Direction = Literal["tightened", "loosened", "rescaled", "unchanged"]
Kind = Literal["target", "deadline"]
Polarity = Literal["target", "limit", "penalty", "time_limit", "window", "deadline"]
"""What a bound means for whoever it binds, and so which way is stricter:

- ``target`` (合格率稳定在93%以上, 不少于, 突破): higher is stricter;
- ``limit`` on a burden (不超过, 控制在…以内, 低于): lower is stricter;
- ``penalty`` (…以下罚款, 拘留…日, 违法所得…倍, 罰鍰): higher is stricter (处罚加重);
- ``time_limit`` for acting (…日内作出决定, 期限): shorter is stricter;
- ``window`` looking back or banning (…年内无…, …年内不得…, 未逾五年): longer is stricter;
- ``deadline`` (到2025年, 年底前): earlier is stricter.
"""
Change = Literal["new", "removed"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One target or deadline as written, with offsets into the string it was found in."""

    text: str
    value: float
    unit: str
    bound: Bound | None
    year: int | None
    metric: str
    kind: Kind
    start: int
    end: int
    polarity: Polarity = "target"
    subject: str = ""
    """Who the quantity binds (单位, 个人, 直接负责的主管人员和其他直接责任人员 …); "" when the
    sentence does not say (对…处以 names it)."""
    penalty: str = ""
    """The penalty type for ``polarity == "penalty"``: 罚款 (also 罰鍰), 拘留, 罚金 …"""

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``Quantity`` object, keys in contract order; integral values as int."""
        value: float | int = self.value
        if math.isfinite(self.value) and self.value.is_integer():
            value = int(self.value)
        return {"text": self.text, "value": value, "unit": self.unit,
                "bound": self.bound, "year": self.year}


@dataclass(frozen=True, slots=True)
class TargetChange:
    """A parent quantity and the derived quantity that restates it."""

    metric: str
    kind: Kind
    before: Quantity
    after: Quantity
    direction: Direction
    parent_clause: str | None = None
    """Id of the parent clause holding ``before``; set by :func:`policydiff.compare`."""
    derived_clause: str | None = None
    polarity: Polarity = "target"
    subject: str = ""
    penalty: str = ""
    explanation_zh: str = ""
    """The change in words: 罚款上限由五十万元提高到二百万元（处罚加重）."""
    explanation_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``TargetChange``, keys in contract order, then the added fields."""
        return {"metric": self.metric, "kind": self.kind, "before": self.before.to_dict(),
                "after": self.after.to_dict(), "direction": self.direction,
                "parent_clause": self.parent_clause, "derived_clause": self.derived_clause,
                "polarity": self.polarity, "subject": self.subject, "penalty": self.penalty,
                "explanation": {"zh": self.explanation_zh, "en": self.explanation_en}}

    def _repr_html_(self) -> str:
        from ..renderers.html import render_target
        return render_target(self)


@dataclass(frozen=True, slots=True)
class QuantityOnly:
    """A quantity found on one side of a pair only: a new fine, a removed target. Listed as such,
    never paired with an unrelated quantity of the other side."""

    change: Change
    quantity: Quantity
    clause: str | None = None
    """Id of the clause holding it (parent for ``removed``, derived for ``new``)."""
    explanation_zh: str = ""
    explanation_en: str = ""

    def to_dict(self) -> dict[str, Any]:
        q = self.quantity
        return {"change": self.change, "metric": q.metric, "kind": q.kind,
                "quantity": q.to_dict(), "polarity": q.polarity, "subject": q.subject,
                "penalty": q.penalty, "clause": self.clause,
                "explanation": {"zh": self.explanation_zh, "en": self.explanation_en}}
