"""Quantitative targets and deadlines inside clause texts, and how a derived document changes them.

A district plan often copies a city plan's targets and restates them: a rate is raised
(93% -> 95%, "tightened"), a count shrinks because the district is smaller (12000家 -> 2600家,
"rescaled"), a deadline moves. This module finds those quantities in plain strings and pairs them
across the two documents. It is pure: strings in, frozen records out, no state, no dependency on
the rest of the package.

    >>> [q.text for q in extract("到2020年，装备制造业产品质量合格率稳定在93%以上。")]
    ['93%以上']

Rules kept deliberately simple (and tested):

- A sentence ends at 。；;！？!?, a newline or a table bar ``|``; a clause ends at ，,、:：.
- A number needs a unit (%, 家, 件, 个, 亿元, 万人, 年, 天 ...); bare numbers (table cells) are
  never targets. Numbers inside quotes or 《》 (slogans like “三个着力”, titles), ordinals (第…),
  文号 (〔2018〕29号), dates, calendar years, numbers glued to Latin letters (ISO9001, 5G) and a
  lone 一 (一批, 一个) are skipped.
- A number is a target when it carries a bound (以上/不少于/超过/突破/达到 …, 以内/不超过/低于 …),
  follows a target verb (达到, 累计建成, 新增 …), or ends a clause in a sentence that has a target
  verb or a governing year (到2020年, 2025年底前, 至2022年). A number that modifies a
  following noun (24小时便利店, 6条主导产业链) counts only after a bound or an action verb
  (建成4.4万亩高标准农田).
- A governing year gives ``year`` to every target in its sentence (the nearest one before it,
  else the first after it); 到“十四五”末 governs with ``year=None``.
- A sentence without targets yields one deadline per governing year phrase that ends in 前
  (2019年底前) or is followed by a completion verb (完成, 建成, 实现 …); vision statements
  (到2035年，质量显著提升) yield nothing.
- A range (3至5年, 3—5个) is one quantity: time spans take the upper end as a ``max`` bound
  (within five years), everything else the lower end as a ``min`` bound (at least three).
- ``metric`` is the noun phrase before the verb or bound (or, for 建成4.4万亩高标准农田, after the
  number), within its clause, without 全市/全区/新区/本市 …, the year phrase, leading action verbs
  and trailing adverbs (均, 力争 …). A 、 starts a new metric only after an earlier quantity
  ("X达到50%、Y达到60%"); otherwise it lists nouns ("国际标准、国家标准及行业标准10项").
- 万/亿 in a unit is a factor: 1.2万家 and 12000家 are the same family and compare by value.
  Other conversions (公顷 vs 亩, 个 vs 项) are not attempted: such quantities are never paired.
- A deadline's ``value`` is its year; a month (2020年6月底前) only breaks ties in ``direction``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from .metrics import _clean_metric
from .model import Bound, Quantity
from .polarity import classify, condition_at, subject_at, tier_at
from .vocabulary import (
    _ACTION_VERBS,
    _CLAUSE_DELIM_RE,
    _COMPARATORS,
    _COMPLETION_RE,
    _DIGIT_RE,
    _FULLWIDTH,
    _HAS_NUMBER_RE,
    _LEAD_RE,
    _MAX_METRIC,
    _NUM_RE,
    _PERCENT_RE,
    _PHRASE_DELIMS,
    _PLAN_END_RE,
    _QUOTE_CHAR_RE,
    _QUOTE_PAIRS,
    _RANGE_RE,
    _SENTENCE_RE,
    _SINGLE_RE,
    _SUFFIX_BOUND,
    _TARGET_VERB_RE,
    _TIME_UNITS,
    _VERBS,
    _YEAR_RE,
    _number,
)

__all__ = ["extract", "vision_years"]

# --- extraction -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _YearPhrase:
    start: int
    end: int
    body_start: int
    year: int | None
    before: bool


class _Sentence:
    """One sentence of the normalised text, indexed once so that each number costs O(log n).

    Without the indexes a long run of numbers with no 。 (a pasted table) takes quadratic time.
    """

    __slots__ = ("_commas", "_completions", "_digits", "_phrase_ends", "_quote_states",
                 "_quotes", "_verb_ends", "_verb_starts", "clauses", "hi", "lo", "phrases",
                 "s", "segments")

    def __init__(self, s: str, lo: int, hi: int) -> None:
        self.s, self.lo, self.hi = s, lo, hi
        self.clauses = [m.start() for m in _CLAUSE_DELIM_RE.finditer(s, lo, hi)]
        self.segments = [i for i in self.clauses if s[i] in _PHRASE_DELIMS]
        self._commas = [i for i in self.clauses if s[i] == "、"]
        self._digits = [m.start() for m in _DIGIT_RE.finditer(s, lo, hi)]
        verbs = list(_TARGET_VERB_RE.finditer(s, lo, hi))
        self._verb_starts = [m.start() for m in verbs]
        self._verb_ends = [m.end() for m in verbs]
        self._completions = [m.start() for m in _COMPLETION_RE.finditer(s, lo, hi)]
        self._quotes: list[int] = []
        self._quote_states: list[bool] = []
        counts = dict.fromkeys('"' + "".join(left + right for left, right in _QUOTE_PAIRS), 0)
        for m in _QUOTE_CHAR_RE.finditer(s, lo, hi):
            counts[m.group()] += 1
            self._quotes.append(m.start())
            self._quote_states.append(counts['"'] % 2 == 1 or any(
                counts[left] > counts[right] for left, right in _QUOTE_PAIRS))
        self.phrases = self._year_phrases()
        self._phrase_ends = [p.end for p in self.phrases]

    def quoted(self, at: int) -> bool:
        """Whether ``at`` sits inside quotes or a 《title》."""
        i = bisect_left(self._quotes, at) - 1
        return i >= 0 and self._quote_states[i]

    def clause(self, at: int, delims: list[int] | None = None) -> tuple[int, int]:
        """Start and end of the clause (or, given ``self.segments``, the segment) around ``at``."""
        delims = self.clauses if delims is None else delims
        i = bisect_left(delims, at)
        return (delims[i - 1] + 1 if i else self.lo), (delims[i] if i < len(delims) else self.hi)

    def metric_start(self, clause_start: int, at: int) -> int:
        """Where the metric before ``at`` begins: after a 、 only if a quantity precedes it.

        "X达到50%、Y达到60%" lists two targets; "国际标准、国家标准及行业标准10项" is one noun.
        """
        i = bisect_left(self._digits, clause_start)
        if i == len(self._digits) or self._digits[i] >= at:
            return clause_start
        j = bisect_left(self._commas, at) - 1
        return self._commas[j] + 1 if j >= 0 and self._commas[j] > self._digits[i] else clause_start

    def has_target_verb(self, start: int, end: int) -> bool:
        i = bisect_left(self._verb_starts, start)
        return i < len(self._verb_starts) and self._verb_ends[i] <= end

    def completion_after(self, at: int) -> bool:
        return bool(self._completions) and self._completions[-1] >= at

    def governing_year(self, at: int) -> int | None:
        """The year of the nearest governing phrase before ``at``, else of the first one."""
        if not self.phrases:
            return None
        i = bisect_right(self._phrase_ends, at) - 1
        return self.phrases[max(i, 0)].year

    def _year_phrases(self) -> list[_YearPhrase]:
        """Year phrases that govern the sentence: 到2020年, 2019年底前, 至2022年, 到“十四五”末."""
        s, lo, hi = self.s, self.lo, self.hi
        found: list[_YearPhrase] = []
        for m in _YEAR_RE.finditer(s, lo, hi):
            pre, before = m.group("pre"), bool(m.group("before"))
            ranged = pre.endswith("至") and m.start() > lo and s[m.start() - 1] in "0123456789年"
            governing = before or (any(w in pre for w in ("到", "至", "截")) and not ranged)
            if governing and not self.quoted(m.start()):
                found.append(_YearPhrase(m.start(), m.end(), m.start("body"),
                                         int(m.group("year")), before))
        for m in _PLAN_END_RE.finditer(s, lo, hi):
            found.append(_YearPhrase(m.start(), m.end(), m.start(), None, False))
        return sorted(found, key=lambda p: p.start)


def _targets(sentence: _Sentence, text: str) -> list[Quantity]:
    """The targets in one sentence, in order."""
    s, hi = sentence.s, sentence.hi
    found: list[Quantity] = []
    resume = sentence.lo
    for token in _NUM_RE.finditer(s, sentence.lo, hi):
        pos = token.start()
        if pos < resume:
            continue
        percent = pos - 3 >= sentence.lo and s.startswith("百分之", pos - 3)
        for pattern in ((_PERCENT_RE,) if percent else (_RANGE_RE, _SINGLE_RE)):
            m = pattern.match(s, pos - 3 if percent else pos, hi)
            if m is None:
                continue
            quantity = _quantity(m, sentence, text)
            if quantity is not None:
                found.append(quantity)
                resume = m.end()
                break
    return found


def _quantity(m: re.Match[str], sentence: _Sentence, text: str) -> Quantity | None:
    """The target ``m`` stands for, or None when it is not one (see the module docstring)."""
    s, lo, hi = sentence.s, sentence.lo, sentence.hi
    unit, num, pos = m.group("unit") or "%", m.group("num"), m.start()
    ranged = "num2" in m.groupdict()
    if ranged and m.group("u1") not in (None, unit):
        return None
    values = [_number(num)] + ([_number(m.group("num2"))] if ranged else [])
    # a lone 一 (一批, 一个) is no target, but 一倍以上 and 一年内 are
    if any(v is None for v in values) or (num == "一" and not ranged and not m.group("suffix")):
        return None
    numbers = [v for v in values if v is not None]
    if not all(map(math.isfinite, numbers)):  # 400 nines: no target, and no valid JSON either
        return None
    if unit == "年" and max(numbers) >= 1000:  # a calendar year, not five years
        return None
    prev = s[pos - 1] if pos > lo else ""
    if prev == "第" or (unit == "日" and prev == "月") or sentence.quoted(pos):
        return None
    if not num[0].isascii() and unit == "分":  # 十分重要
        return None
    if m.group("per"):
        unit += m.group("per")
    suffix = m.group("suffix")
    end = m.end()
    if suffix == "内" and unit not in _TIME_UNITS:
        suffix, end = None, m.start("suffix")

    window = s[max(lo, pos - 16):pos]
    lead = _LEAD_RE.search(window)
    verb = lead.group("verb") if lead else None
    cmp = lead.group("cmp") if lead else None
    lead_start = pos - len(window) + lead.start() if lead and lead.group() else pos

    bound: Bound | None = None
    if suffix:
        bound = _SUFFIX_BOUND[suffix]
    elif cmp:
        bound = _COMPARATORS[cmp]
    elif verb:
        bound = _VERBS[verb]
    elif m.group("approx"):
        bound = "min"
    time_span = unit in _TIME_UNITS
    if ranged and bound is None:
        bound = "max" if time_span else "min"
    value = max(numbers) if ranged and bound == "max" else min(numbers)

    next_char = s[end] if end < hi else ""
    attributive = "\u4e00" <= next_char <= "\u9fff" or next_char.isalpha()
    # A bound stated in words, not one a range implies: 通过3至5年努力 is no target.
    stated = (bool(suffix) or bool(cmp) or bool(m.group("approx"))
              or (verb is not None and _VERBS[verb] in ("min", "max")))
    segment_start = sentence.clause(pos, sentence.segments)[0]
    if attributive:
        keep = stated if time_span else (stated or verb in _ACTION_VERBS)
        raw = s[end:min(sentence.clause(end)[1], end + _MAX_METRIC)]
    else:
        keep = (stated or verb is not None or bool(sentence.phrases)
                or sentence.has_target_verb(segment_start, pos))
        metric_start = sentence.metric_start(segment_start, lead_start)
        raw = s[max(metric_start, lead_start - _MAX_METRIC):lead_start]
    if not keep:
        return None
    start = pos - len(cmp) if cmp else pos
    polarity, penalty = classify(s, lo, hi, start, end, unit, bound, cmp)
    if penalty:
        # tiers of one article (情节较重的，…) are told apart by their condition
        condition = condition_at(s, lo, pos)
        metric = f"{penalty}（{condition}）" if condition else penalty
    else:
        metric = _clean_metric(raw, drop_verbs=True)
    if not metric and verb in _ACTION_VERBS:  # 培训10万人次: the action is all there is
        metric = verb
    return Quantity(text=text[start:end], value=value, unit=unit, bound=bound,
                    year=sentence.governing_year(pos), metric=metric,
                    kind="target", start=start, end=end, polarity=polarity,
                    subject=subject_at(s, lo, start), penalty=penalty)


def _deadlines(sentence: _Sentence, text: str, *, visions: bool = False) -> list[Quantity]:
    """Deadlines for actions in a sentence that has no targets: 2019年底前完成…, 到2021年…建成.
    With ``visions``, only the year phrases of vision statements (到2035年，质量显著提升)."""
    s = sentence.s
    found: list[Quantity] = []
    for phrase in sentence.phrases:
        if phrase.year is None:
            continue
        vision = not phrase.before and not sentence.completion_after(phrase.end)
        if vision != visions:
            continue
        clause_start, clause_end = sentence.clause(phrase.start)
        clause_start = max(min(clause_start, phrase.start), phrase.start - _MAX_METRIC)
        metric = _clean_metric(
            s[clause_start:phrase.start] + s[phrase.end:min(clause_end, phrase.end + _MAX_METRIC)],
            drop_verbs=False)
        for _ in range(3):  # 到2021年，全市建成…: the action is in the next clause
            if metric or clause_end >= sentence.hi:
                break
            next_start, clause_end = sentence.clause(clause_end + 1)
            metric = _clean_metric(s[next_start:min(clause_end, next_start + _MAX_METRIC)],
                                   drop_verbs=False)
        found.append(Quantity(text=text[phrase.body_start:phrase.end], value=float(phrase.year),
                              unit="年", bound="max", year=phrase.year, metric=metric,
                              kind="deadline", start=phrase.body_start, end=phrase.end,
                              polarity="deadline", subject=subject_at(s, sentence.lo,
                                                                      phrase.start)))
    return found


def vision_years(text: str) -> tuple[Quantity, ...]:
    """The governing years of vision statements (到2025年，质量强区建设取得更大进展), which
    :func:`extract` leaves out: no target, nothing to complete. A derived text that moves one
    (到2025年 -> 到2024年) still moves a deadline, so pairing reads them (changed ones only)."""
    if not isinstance(text, str):
        raise TypeError(f"vision_years() needs a str, not {type(text).__name__}")
    return _scan(text)[1]


def extract(text: str) -> tuple[Quantity, ...]:
    """Every target and deadline in ``text``, in order of appearance.

    >>> [(q.value, q.unit, q.bound, q.year, q.metric) for q in extract("到2020年，突破12000家")]
    [(12000.0, '家', 'min', 2020, '')]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs a str, not {type(text).__name__}")
    return _scan(text)[0]


@lru_cache(maxsize=4096)
def _scan(text: str) -> tuple[tuple[Quantity, ...], tuple[Quantity, ...]]:
    """The quantities and the vision years of ``text`` in one pass over its sentences (cached:
    a pair's texts are read for targets and for vision years; records are immutable)."""
    s = text.translate(_FULLWIDTH)
    found: list[Quantity] = []
    visions: list[Quantity] = []
    in_force, last_end = "", 0
    for m in _SENTENCE_RE.finditer(s):
        if "\n" in s[last_end:m.start()]:
            in_force = ""           # a new paragraph names its own subject
        last_end = m.end()
        if not _HAS_NUMBER_RE.search(s, *m.span()):
            continue
        sentence = _Sentence(s, *m.span())
        quantities = _targets(sentence, text)
        if not quantities and sentence.phrases:
            quantities = _deadlines(sentence, text)
            visions.extend(_deadlines(sentence, text, visions=True))
        if in_force and tier_at(s, m.start(), m.end()):
            # 对组织者处…；情节较轻的，处…: the lighter tier binds the same 组织者
            quantities = [replace(q, subject=q.subject or in_force) for q in quantities]
        in_force = next((q.subject for q in reversed(quantities) if q.subject), in_force)
        found.extend(quantities)
    return tuple(found), tuple(visions)


