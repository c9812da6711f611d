"""How strongly a clause binds, and which words of a derived clause moved that strength.

鼓励企业开展认证 → 企业应当开展认证 is not a rewording: an invitation became a duty. This module
reads the modal and directive words of a parent and a derived text, pairs them by the phrase
they govern and reports each pair whose rung moved, as ``strengthened`` or ``weakened``.

The ladder has four rungs, from what the addressee may do to what it has no discretion over:

1. ``permissive`` - 可以, 鼓励, 支持, 引导, 探索, 提倡, 倡导, 允许 (and 不必, 无须): an invitation
   or a permission; nothing is owed, so failing to act breaks no rule.
2. ``promotional`` - 推动, 推进, 加强, 加快, 积极, 大力, 着力, 促进, 努力, 力争, 争取: the
   government commits effort, but no result is owed; policy plans use these for most tasks.
3. ``duty`` - 要, 应当, 应, 应该, 须, 负责, 不应, 不应当, 不可: a duty (or a duty not to) is stated
   and can be checked, with room left in how and when.
4. ``mandatory`` - 必须, 务必, 一律, 确保, 严禁, 禁止, 不得, 不准, 不得不: no discretion; in laws
   these carry the penalties.

Prohibitions (不得, 严禁, 禁止, 不准, 不应…) sit on the rung of the duty they express, with
``prohibition`` set: 应当 X → 不得 X turns a duty into a ban and is flagged ``reversed``. Negations
are words of their own, matched longest first (不得 before 得, 不可 before 可, 可以不 is 可以 then
a negated verb), so 不得…，…可以… reads as a ban and a permission, never as a negated permission.
Bare 可, 需 and 需要 are left out: in these texts they are mostly 许可, 认可, 需求, 发展需要.

In statutes (``statute=True``: documents written in articles, 第一条…) 必须 sits on the rung of
应当: the legislature's own drafting rules say the two words mean the same and that laws write
应当 (全国人大常委会法工委《立法技术规范（试行）（一）》, 法工委发〔2009〕62号, item 14), so the
2023 company law's systematic 必须 → 应当 is no weakening. Policy plans keep the four rungs.

Words pair across the two texts by the phrase they govern (the rest of their clause, obligation
words removed; RapidFuzz's Indel ratio), most similar first; a word left without a partner, or
paired with the same word, gives nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz

from .vocabulary import LETTERS_AND_DIGITS_NOT

__all__ = ["LADDER", "Obligation", "ObligationChange", "changes", "counts", "extract"]

Strength = Literal["permissive", "promotional", "duty", "mandatory"]
ObligationDirection = Literal["strengthened", "weakened"]

LADDER: dict[Strength, int] = {"permissive": 1, "promotional": 2, "duty": 3, "mandatory": 4}
_WORDS: dict[str, tuple[Strength, bool]] = {
    **dict.fromkeys(("可以", "鼓励", "支持", "引导", "探索", "提倡", "倡导", "允许", "不必", "无须",
                     "无需"), ("permissive", False)),
    **dict.fromkeys(("推动", "推进", "加强", "加快", "积极", "大力", "着力", "促进", "努力", "力争",
                     "争取"), ("promotional", False)),
    **dict.fromkeys(("要", "应当", "应", "应该", "须", "负责"), ("duty", False)),
    **dict.fromkeys(("不应", "不应当", "不可", "不可以", "不能", "不要"), ("duty", True)),
    **dict.fromkeys(("必须", "务必", "一律", "确保", "不得不"), ("mandatory", False)),
    **dict.fromkeys(("严禁", "禁止", "不得", "不准"), ("mandatory", True)),
}
# Single characters that are words only outside these neighbours (相应, 应用, 主要, 要求, 须知).
_GUARDS = {
    "应": ("(?<![相适响供反对感回呼顺效理报答承接照])", "(?![用对急变收付届征聘试诉力声邀])"),
    "要": ("(?<![主重需必紧只纲摘概首扼简不])", "(?![求素点件害闻务员领旨职地案])"),
    "须": ("(?<![必无])", "(?![知])"),
}
_WORD_RE = re.compile("|".join(
    _GUARDS.get(w, ("", ""))[0] + re.escape(w) + _GUARDS.get(w, ("", ""))[1]
    for w in sorted(_WORDS, key=lambda w: (-len(w), w))))
_CLAUSE_END_RE = re.compile("[，,。；;：:！？!?\n|]")
_CUTOFF = 0.6  # as targets.changes: half the governed phrase in common is not the same phrase
# Words a statute uses on the duty rung whatever their rung elsewhere (see the module docstring).
_STATUTE_DUTY = frozenset({"必须"})


@dataclass(frozen=True, slots=True)
class Obligation:
    """One obligation word as written and the phrase it governs (the rest of its clause)."""

    word: str
    strength: Strength
    prohibition: bool
    phrase: str
    start: int
    end: int

    @property
    def rung(self) -> int:
        return LADDER[self.strength]


@dataclass(frozen=True, slots=True)
class ObligationChange:
    """A parent obligation word and the derived word that replaced it on a different rung."""

    before: Obligation
    after: Obligation
    direction: ObligationDirection
    reversed: bool
    """A duty became a ban or a ban a duty (应当 → 不得): the reading turned, not only its force."""
    parent_clause: str | None = None
    derived_clause: str | None = None
    explanation_zh: str = ""
    explanation_en: str = ""

    @property
    def phrase(self) -> str:
        return self.after.phrase

    def to_dict(self) -> dict[str, Any]:
        return {"before": _word_dict(self.before), "after": _word_dict(self.after),
                "direction": self.direction, "reversed": self.reversed, "phrase": self.phrase,
                "parent_clause": self.parent_clause, "derived_clause": self.derived_clause,
                "explanation": {"zh": self.explanation_zh, "en": self.explanation_en}}


def _word_dict(o: Obligation) -> dict[str, Any]:
    return {"word": o.word, "strength": o.strength, "rung": o.rung, "prohibition": o.prohibition,
            "phrase": o.phrase}


def extract(text: str) -> tuple[Obligation, ...]:
    """The obligation words of ``text`` in order, each with the phrase it governs.

    >>> [(o.word, o.strength, o.phrase) for o in extract("不得擅自转让，经批准可以转让。")]
    [('不得', 'mandatory', '擅自转让'), ('可以', 'permissive', '转让')]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs a str, not {type(text).__name__}")
    return _extract(text)


@lru_cache(maxsize=4096)
def _extract(text: str) -> tuple[Obligation, ...]:
    """Cached: a clause text recurs across pairs and runs; the records are immutable."""
    found = []
    for m in _WORD_RE.finditer(text):
        end = _CLAUSE_END_RE.search(text, m.end())
        phrase = text[m.end():end.start() if end else len(text)]
        strength, prohibition = _WORDS[m.group()]
        found.append(Obligation(m.group(), strength, prohibition, phrase.strip(), m.start(),
                                m.end()))
    return tuple(found)


def _key(phrase: str) -> str:
    return LETTERS_AND_DIGITS_NOT.sub("", _WORD_RE.sub("", phrase))


def _context(text: str, o: Obligation) -> str:
    """What a word is paired on: its clause around it, obligation words removed."""
    starts = [m.end() for m in _CLAUSE_END_RE.finditer(text, 0, o.start)]
    return _key(text[starts[-1] if starts else 0:o.start] + "|" + o.phrase)


def changes(parent_text: str, derived_text: str, *, statute: bool = False
            ) -> tuple[ObligationChange, ...]:
    """The obligation words whose rung moved from ``parent_text`` to ``derived_text``, in
    derived order. Words pair by the phrase they govern within their clause (most similar first,
    ties to the earlier derived then parent word); same-word pairs and unpaired words give
    nothing. ``statute``: read 必须 as 应当 (the texts are articles of a law).

    >>> [(c.before.word, c.after.word, c.direction) for c in changes("鼓励企业开展认证。",
    ...                                                              "企业应当开展认证。")]
    [('鼓励', '应当', 'strengthened')]
    """
    parent, derived = extract(parent_text), extract(derived_text)
    if Counter(o.word for o in parent) == Counter(o.word for o in derived):
        # the same words on both sides: every word has a same-word partner, and same-word pairs
        # (score above 1) are taken before any other, so nothing can change (and most modified
        # pairs end here, before the quadratic pairing)
        return ()
    p_keys = [_context(parent_text, o) for o in parent]
    d_keys = [_context(derived_text, o) for o in derived]
    scored = []
    for d, dkey in enumerate(d_keys):
        for p, pkey in enumerate(p_keys):
            if not dkey or not pkey:
                continue
            same = parent[p].word == derived[d].word
            # the Indel similarity (2·LCS / total length) of the two contexts, in [0, 1]
            score = fuzz.ratio(pkey, dkey, score_cutoff=0 if same else _CUTOFF * 100) / 100
            if same:
                score += 1.0        # the same word in the same place is the same word
            if score >= _CUTOFF:
                scored.append((-score, abs(p - d), d, p))
    scored.sort()
    used: set[int] = set()
    matched: dict[int, int] = {}
    for _, _, d, p in scored:
        if d not in matched and p not in used:
            matched[d] = p
            used.add(p)
    out = []
    for d, p in sorted(matched.items()):
        before, after = parent[p], derived[d]
        rungs = _rung(before, statute), _rung(after, statute)
        if rungs[0] == rungs[1] and before.prohibition == after.prohibition:
            continue
        if rungs[0] == rungs[1]:          # 应当 → 不应当: same force, reversed reading
            direction: ObligationDirection = "strengthened" if after.prohibition else "weakened"
        else:
            direction = "strengthened" if rungs[1] > rungs[0] else "weakened"
        flipped = before.prohibition != after.prohibition
        zh, en = _explain(before, after, direction, flipped)
        out.append(ObligationChange(before, after, direction, flipped, explanation_zh=zh,
                                    explanation_en=en))
    return tuple(out)


def _rung(o: Obligation, statute: bool) -> int:
    return LADDER["duty"] if statute and o.word in _STATUTE_DUTY else o.rung


_STRENGTH_EN = {"permissive": "permissive", "promotional": "promotional", "duty": "duty",
                "mandatory": "mandatory"}
_STRENGTH_ZH = {"permissive": "倡导性", "promotional": "推动性", "duty": "义务性",
                "mandatory": "强制性"}


def _explain(before: Obligation, after: Obligation, direction: ObligationDirection,
             flipped: bool) -> tuple[str, str]:
    moved_zh = "约束加强" if direction == "strengthened" else "约束减弱"
    moved_en = "stronger" if direction == "strengthened" else "weaker"
    if flipped:
        moved_zh += "，且由" + ("义务变为禁止" if after.prohibition else "禁止变为义务")
        moved_en += ", and " + ("a duty became a ban" if after.prohibition else
                                "a ban became a duty")
    phrase = after.phrase or before.phrase
    return (f"“{before.word}”（{_STRENGTH_ZH[before.strength]}）改为“{after.word}”"
            f"（{_STRENGTH_ZH[after.strength]}）：{phrase}（{moved_zh}）",
            f"“{before.word}” ({_STRENGTH_EN[before.strength]}) became “{after.word}” "
            f"({_STRENGTH_EN[after.strength]}): {phrase} ({moved_en})")


def counts(obligations: Any, unpaired: Any) -> dict[str, int]:
    """The summary's added counts: obligation changes by direction, one-side quantities by side."""
    directions = [c.direction for c in obligations]
    sides = [o.change for o in unpaired]
    return {"strengthened": directions.count("strengthened"),
            "weakened": directions.count("weakened"),
            "targets_new": sides.count("new"), "targets_removed": sides.count("removed")}
