"""What a quantity's bound means for whoever it binds: its polarity, its subject, its penalty type.

A fine's ceiling raised from 五十万元 to 二百万元 is a heavier penalty, not a looser limit, and a
company's fine is not an individual's. Reading this needs the words around the number:

- a penalty noun after the number in its clause (…以下的罚款, …以下拘留, 罰鍰) or 拘留 right before
  it makes a ``penalty``: money, shares (%) and multiples (倍) for fines, time for custody;
- a time span followed by 无/不得/未/曾 (三年内无…, 五年内不得…) or after 未逾/最近 is a
  ``window``; any other time span bounded from above (十日内作出决定) is a ``time_limit``;
- any other ``max`` bound is a ``limit`` on a burden, everything else a policy ``target``.

The subject is the noun that closes the nearest 对… phrase before the number in its sentence
(对直接负责的主管人员…处以, 对公司处以), taken from a closed list so that a stray 对 (对外开放)
names nobody.
"""

from __future__ import annotations

from .model import Bound, Polarity
from .vocabulary import (
    _CONDITION_RE,
    _MONEY_UNITS,
    _PENALTIES,
    _PENALTY_RE,
    _SUBJECT_RE,
    _SUBJECTS,
    _TIER_RE,
    _TIME_UNITS,
    _WINDOW_AFTER_RE,
    _WINDOW_BEFORE,
)

__all__ = ["classify", "condition_at", "subject_at", "tier_at"]

_CLAUSE_END = "，,；;。：:\n|"
_TIME_PENALTIES = frozenset(("拘留", "拘役", "有期徒刑", "停业整顿", "暂扣", "停止执业"))
_SUBJECTS_BY_LENGTH = sorted(_SUBJECTS, key=len, reverse=True)


def _clause_end(s: str, at: int, hi: int) -> int:
    for i in range(at, hi):
        if s[i] in _CLAUSE_END:
            return i
    return hi


def _penalty_fits(penalty: str, unit: str) -> bool:
    """Fines are money, shares or multiples; custody and bans are time."""
    if penalty in _TIME_PENALTIES:
        return unit in _TIME_UNITS
    return unit in _MONEY_UNITS or unit.endswith("元")


def classify(s: str, lo: int, hi: int, start: int, end: int, unit: str, bound: Bound | None,
             comparator: str | None) -> tuple[Polarity, str]:
    """The polarity of the quantity ``s[start:end]`` and its canonical penalty type ("" if none).

    >>> s = "处以五万元以上五十万元以下的罚款"
    >>> classify(s, 0, len(s), 2, 7, "万元", "min", None)
    ('penalty', '罚款')
    """
    after = s[end:_clause_end(s, end, hi)]
    found = _PENALTY_RE.search(after)
    if found and _penalty_fits(_PENALTIES[found.group()], unit):
        return "penalty", _PENALTIES[found.group()]
    before = s[max(lo, start - 4):start]
    for noun in _TIME_PENALTIES:
        if before.endswith(noun) and unit in _TIME_UNITS:      # 行政拘留十日
            return "penalty", _PENALTIES[noun]
    if unit in _TIME_UNITS:
        if bound == "min":                                     # 从业三年以上: a requirement
            return "target", ""
        if (comparator == "未逾" or _WINDOW_AFTER_RE.match(s, end, hi)
                or any(s[max(lo, start - len(w)):start] == w for w in _WINDOW_BEFORE)):
            return "window", ""
        return "time_limit", ""
    if bound == "max":
        return "limit", ""
    return "target", ""


def subject_at(s: str, lo: int, at: int) -> str:
    """Who the quantity at ``at`` binds: the subject closing the last 对… phrase before it in
    its sentence (``s[lo:at]``), "" when none is named.

    >>> subject_at("对直接负责的主管人员和其他直接责任人员处以三万元以上", 0, 22)
    '直接负责的主管人员和其他直接责任人员'
    """
    found = ""
    for m in _SUBJECT_RE.finditer(s, lo, at):
        who = m.group("who")
        found = next((w for w in _SUBJECTS_BY_LENGTH if who.endswith(w)), found)
    return found


def condition_at(s: str, lo: int, at: int) -> str:
    """The condition opening the sentence of a penalty (情节较重的), "" when there is none."""
    m = _CONDITION_RE.match(s, lo, at)
    return m.group("cond").strip() if m else ""


def tier_at(s: str, lo: int, hi: int) -> str:
    """The severity tier a sentence opens with (情节较重的 -> 较重), "" when it opens with none.
    Tiers of one article are never paired with each other: 较轻 is not 较重 reworded."""
    m = _CONDITION_RE.match(s, lo, hi)
    tier = _TIER_RE.search(m.group("cond")) if m else None
    return tier.group() if tier else ""
