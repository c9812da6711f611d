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
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

from .numerals import chinese_to_int

__all__ = ["Bound", "Direction", "Quantity", "TargetChange", "changes", "direction", "extract"]

Bound = Literal["min", "max", "exact"]
Direction = Literal["tightened", "loosened", "rescaled", "unchanged"]
Kind = Literal["target", "deadline"]


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

    def to_dict(self) -> dict[str, Any]:
        """The contract's ``TargetChange``, keys in contract order."""
        return {"metric": self.metric, "kind": self.kind, "before": self.before.to_dict(),
                "after": self.after.to_dict(), "direction": self.direction,
                "parent_clause": self.parent_clause, "derived_clause": self.derived_clause}

    def _repr_html_(self) -> str:
        from .renderers.html import render_target
        return render_target(self)


# --- vocabulary -------------------------------------------------------------------------------

# Full-width digits, letters and signs map one character to one, so offsets survive normalising.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９％．～－／"
    "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "0123456789%.~-/"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)

# Things counted or measured in absolute amounts: a smaller jurisdiction restates them smaller.
_COUNT_UNITS = ("家", "件", "个", "项", "人", "名", "所", "台", "套", "户", "座", "条", "款", "种",
                "张", "份", "次", "处", "场", "支", "辆", "株", "棵", "篇", "例", "宗", "起", "批",
                "人次", "家次", "户次", "个次", "项次")
_MEASURE_UNITS = ("亩", "公顷", "吨", "公里", "千米", "米", "平方米", "平方公里", "立方米", "千瓦",
                  "兆瓦", "千瓦时", "元", "美元")
_EXTENSIVE = frozenset(_COUNT_UNITS + _MEASURE_UNITS)
_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4}
# Rates and scores never rescale; time spans are limits (shorter is tighter).
_RATE_UNITS = ("%", "‰", "个百分点", "百分点", "倍", "分")
_TIME_UNITS = frozenset(("年", "个月", "周", "天", "日", "个工作日", "工作日", "小时", "分钟"))

_UNITS = sorted(
    {*_EXTENSIVE, *(m + u for m in _MAGNITUDES for u in _EXTENSIVE), *_RATE_UNITS, *_TIME_UNITS},
    key=lambda u: (-len(u), u),
)
_UNIT = "(?:" + "|".join(map(re.escape, _UNITS)) + ")"

_ARABIC = r"(?<![0-9A-Za-z.])(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CHINESE = rf"(?<![{_CN_CHARS}])[一二两三四五六七八九十〇零][{_CN_CHARS}]*"
_NUM = f"(?:{_ARABIC}|{_CHINESE})"
_TAIL = (r"(?P<approx>多|余)?(?P<unit>" + _UNIT + r")"
         r"(?P<per>/(?:平方米|平方公里|立方米|千瓦时|[\u4e00-\u9fff]))?"
         r"(?P<suffix>及以上|以上|之上|及以下|以下|之下|以内|之内|内|左右)?")
_NUM_RE = re.compile(_NUM)
_SINGLE_RE = re.compile(f"(?P<num>{_NUM}){_TAIL}")
_RANGE_RE = re.compile(f"(?P<num>{_NUM})(?P<u1>{_UNIT})?(?:至|到|—|–|-|~)(?P<num2>{_NUM}){_TAIL}")

_SUFFIX_BOUND: dict[str, Bound] = {
    "以上": "min", "及以上": "min", "之上": "min",
    "以下": "max", "及以下": "max", "之下": "max", "以内": "max", "之内": "max", "内": "max",
    "左右": "exact",
}
# Comparators are part of the quantity as written ("不少于100个"); verbs are not ("突破12000家").
_COMPARATORS: dict[str, Bound] = {
    "不少于": "min", "不低于": "min", "不小于": "min", "至少": "min", "高于": "min",
    "超过": "min", "大于": "min", "多于": "min",
    "不超过": "max", "不高于": "max", "不大于": "max", "低于": "max", "少于": "max",
    "小于": "max", "不足": "max",
}
_BOUND_VERBS: dict[str, Bound] = {
    "达到": "min", "达": "min", "突破": "min",
    **{v + p: "min" for v in ("提高", "提升", "增长", "增加", "扩大", "上升")
       for p in ("到", "至")},
    "增至": "min", "提高": "min", "提升": "min", "增长": "min", "增加": "min", "扩大": "min",
    "上升": "min",
    "稳定在": "exact", "保持在": "exact", "维持在": "exact", "稳定": "exact", "保持": "exact",
    "为": "exact",
    "控制在": "max", "降到": "max", "降至": "max", "减至": "max",
    **{v + p: "max" for v in ("压缩", "缩短", "降低", "下降", "减少", "缩减")
       for p in ("到", "至")},
    # A reduction *by* an amount: the bigger the cut, the tighter.
    "压缩": "min", "缩短": "min", "降低": "min", "下降": "min", "减少": "min", "缩减": "min",
}
# Verbs that make a number a target without saying which way it is bounded.
_ACTION_VERBS = ("累计建成", "累计培育", "累计新增", "累计", "建成", "新增", "新建", "培育", "建设",
                 "创建", "打造", "建立", "实施", "完成", "引进", "认定", "扶持", "支持", "推广",
                 "组建", "设立", "开展", "举办", "培训", "帮扶", "覆盖")
_ADVERBS = ("均", "都", "分别", "要", "应", "将", "力争", "争取", "确保", "逐步", "稳步", "持续",
            "基本", "全部", "总体")
_VERBS: dict[str, Bound | None] = {**_BOUND_VERBS, **dict.fromkeys(_ACTION_VERBS)}


def _alternation(words: Any) -> str:
    return "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w))))


# 均 is an adverb in 均达, part of the metric in 年均/人均/平均.
_ADVERB = _alternation(_ADVERBS).replace("均", "(?<![年人平日月])均")
_LEAD_RE = re.compile(
    f"(?:{_ADVERB})*(?P<verb>{_alternation(_VERBS)})?"
    f"(?P<cmp>{_alternation(_COMPARATORS)})?$"
)
_TARGET_VERB_RE = re.compile(_alternation(_VERBS.keys() - {"为", "达", "稳定", "保持"}))

_JURISDICTIONS = ("各区县", "全市", "全区", "新区", "本市", "我市", "全省", "本省", "我省", "全县",
                  "本县", "我县", "本区", "我区", "全镇", "本镇", "全旗", "各区", "全国")
_JURISDICTION_RE = re.compile(_alternation(_JURISDICTIONS))

_YEAR_RE = re.compile(
    r"(?P<pre>(?:力争|争取|计划)?(?:截止到|截至|截止|到|至|于|在)?)"
    r"(?P<body>(?<![0-9])(?P<year>(?:19|20)[0-9]{2})年"
    r"(?:(?P<month>[0-9]{1,2})月(?:[0-9]{1,2}日)?)?(?:年?底|年?末|上半年|下半年)?"
    r"(?P<before>以前|之前|前)?)"
)
_PLAN_END_RE = re.compile(r"(?:到|至)“?十[一二三四五六七八九]五”?(?:时期)?(?:期末|末)")
_COMPLETION_RE = re.compile(
    "完成|建成|实现|建立|出台|制定|印发|形成|覆盖|启动|取消|淘汰|整合|上线|投入使用|投用|竣工|验收|部署"
)
_SENTENCE_RE = re.compile(r"[^。；;！？!?\n|]+")
_CLAUSE_DELIMS = "，,、:："
_PHRASE_DELIMS = "，,:："  # 、 lists nouns inside a clause
_CLAUSE_DELIM_RE = re.compile(f"[{_CLAUSE_DELIMS}]")
_DIGIT_RE = re.compile("[0-9%‰]")
_QUOTE_CHAR_RE = re.compile("[\"“”《》「」『』‘’]")
_MAX_METRIC = 80  # characters of context a metric is taken from
_QUOTE_PAIRS = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"), ("‘", "’"))
_STRIP = " \t\u3000—-–·.。，,、:：；;()（）[]【】"
_PUNCT_RE = re.compile(r"[\W_]+")
_COMPARISON_RE = re.compile(r"(?:比|较)(?![重例率])")
_EXAMPLES_RE = re.compile(r"等(?![级次同效])")


# --- numbers ----------------------------------------------------------------------------------

def _number(token: str) -> float | None:
    if token[0].isascii():
        return float(token.replace(",", ""))
    value = chinese_to_int(token)
    return None if value is None else float(value)


def _base_unit(unit: str) -> tuple[str, float]:
    """万家 -> (家, 1e4); units without a magnitude prefix are their own base."""
    for prefix, factor in _MAGNITUDES.items():
        if unit.startswith(prefix) and unit[len(prefix):] in _EXTENSIVE:
            return unit[len(prefix):], factor
    return unit, 1.0


# --- text helpers -----------------------------------------------------------------------------


def _strip_leading(text: str, words: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        text = text.strip(_STRIP)
        for word in sorted(words, key=len, reverse=True):
            if text.startswith(word):
                text = text[len(word):]
                changed = True
                break
    return text


def _clean_metric(raw: str, *, drop_verbs: bool) -> str:
    """The noun phrase that names what is measured, without 全市/到2020年/达到 and friends."""
    text = _PLAN_END_RE.sub("", _YEAR_RE.sub("", raw)).strip(_STRIP)
    text = re.sub(r"^在[^在]{1,20}?中", "", text)
    lead = ((*_JURISDICTIONS, *_ACTION_VERBS, "推动", "推进", "实现", "使", "其中", "的")
            if drop_verbs else (*_JURISDICTIONS, *_ADVERBS))
    text = _strip_leading(text, lead)
    if drop_verbs:
        changed = True
        while changed:
            changed = False
            for adverb in sorted(_ADVERBS, key=len, reverse=True):
                if text.endswith(adverb) and not (adverb == "均" and text[-2:-1] in "年人平日月"):
                    text = text[: -len(adverb)].strip(_STRIP)
                    changed = True
        cut = [m.start() for m in _COMPARISON_RE.finditer(text) if m.start() >= 2]
        if cut:
            text = text[: cut[-1]]
        parts = _EXAMPLES_RE.split(text)
        if len(parts) > 1 and len(parts[-1]) >= 2:
            text = parts[-1]
    text = text.strip(_STRIP)
    for left, right in _QUOTE_PAIRS:
        if text.startswith(left) and text.endswith(right) and text.count(left) == 1:
            text = text[1:-1]
    return text.strip(_STRIP)


def _metric_key(metric: str) -> str:
    """What metrics are compared on: no jurisdiction words, punctuation, width or case."""
    return _PUNCT_RE.sub("", _JURISDICTION_RE.sub("", metric.translate(_FULLWIDTH))).lower()


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
        for pattern in (_RANGE_RE, _SINGLE_RE):
            m = pattern.match(s, pos, hi)
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
    unit, num, pos = m.group("unit"), m.group("num"), m.start()
    ranged = "num2" in m.groupdict()
    if ranged and m.group("u1") not in (None, unit):
        return None
    values = [_number(num)] + ([_number(m.group("num2"))] if ranged else [])
    if any(v is None for v in values) or (num == "一" and not ranged):
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
    metric = _clean_metric(raw, drop_verbs=True)
    if not metric and verb in _ACTION_VERBS:  # 培训10万人次: the action is all there is
        metric = verb
    return Quantity(text=text[start:end], value=value, unit=unit, bound=bound,
                    year=sentence.governing_year(pos), metric=metric,
                    kind="target", start=start, end=end)


def _deadlines(sentence: _Sentence, text: str) -> list[Quantity]:
    """Deadlines for actions in a sentence that has no targets: 2019年底前完成…, 到2021年…建成."""
    s = sentence.s
    found: list[Quantity] = []
    for phrase in sentence.phrases:
        if phrase.year is None:
            continue
        if not phrase.before and not sentence.completion_after(phrase.end):
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
                              kind="deadline", start=phrase.body_start, end=phrase.end))
    return found


def extract(text: str) -> tuple[Quantity, ...]:
    """Every target and deadline in ``text``, in order of appearance.

    >>> [(q.value, q.unit, q.bound, q.year, q.metric) for q in extract("到2020年，突破12000家")]
    [(12000.0, '家', 'min', 2020, '')]
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() needs a str, not {type(text).__name__}")
    s = text.translate(_FULLWIDTH)
    found: list[Quantity] = []
    for m in _SENTENCE_RE.finditer(s):
        sentence = _Sentence(s, *m.span())
        found.extend(_targets(sentence, text) or _deadlines(sentence, text))
    return tuple(found)


# --- comparison -------------------------------------------------------------------------------


def _deadline_key(q: Quantity) -> tuple[float, int]:
    """(year, month): 2020年6月底前 comes before 2020年底前; no month means the year's end."""
    if "上半年" in q.text:
        return q.value, 6
    month = re.search(r"([0-9]{1,2})月", q.text.translate(_FULLWIDTH))
    return q.value, int(month.group(1)) if month else 12


def direction(before: Quantity, after: Quantity) -> Direction:
    """How ``after`` (derived) changes ``before`` (parent), per the JSON contract.

    A higher value is tighter under a ``min`` bound (and when no bound is stated), a lower one
    under ``max`` (and for unbounded time spans); an earlier deadline is tighter. An absolute
    count or amount (家, 件, 亩, 亿元) that falls is ``rescaled``: a smaller jurisdiction restating
    a larger one's target, never ``loosened``; one that rises is tightened unless bounded by
    ``max``. Rates (%) never rescale. Raises ValueError for quantities that cannot be compared.
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
        return "unchanged"
    bound = next((b for b in (before.bound, after.bound) if b in ("min", "max")),
                 "max" if base in _TIME_UNITS else "min")
    rose = new_value > old_value
    if base in _EXTENSIVE and not rose:
        return "rescaled"
    return "tightened" if rose == (bound == "min") else "loosened"


def changes(parent_text: str, derived_text: str, *, cutoff: float = 0.6
            ) -> tuple[TargetChange, ...]:
    """Pair the quantities of two texts by metric and say how each changed, in derived order.

    Pairs need the same kind, the same unit family (万家 goes with 家) and metrics whose
    normalised forms have a ``difflib`` ratio of at least ``cutoff``; the best pairs are taken
    first, ties going to the earlier derived and then the earlier parent quantity. Unchanged
    pairs are included: the caller decides what to show.
    """
    if not isinstance(parent_text, str) or not isinstance(derived_text, str):
        raise TypeError("changes() needs two str texts")
    if not 0.0 <= cutoff <= 1.0:
        raise ValueError(f"cutoff must be between 0 and 1, got {cutoff!r}")
    parent, derived = extract(parent_text), extract(derived_text)
    parent_keys = [_metric_key(q.metric) for q in parent]
    derived_keys = [_metric_key(q.metric) for q in derived]
    scored: list[tuple[float, int, int]] = []
    for d, (dq, dkey) in enumerate(zip(derived, derived_keys, strict=True)):
        for p, (pq, pkey) in enumerate(zip(parent, parent_keys, strict=True)):
            if not dkey or not pkey or dq.kind != pq.kind:
                continue
            if _base_unit(dq.unit)[0] != _base_unit(pq.unit)[0]:
                continue
            score = SequenceMatcher(None, pkey, dkey, autojunk=False).ratio()
            if score >= cutoff:
                scored.append((-score, d, p))
    scored.sort()
    used_parent: set[int] = set()
    matched: dict[int, int] = {}
    for _, d, p in scored:
        if d not in matched and p not in used_parent:
            matched[d] = p
            used_parent.add(p)
    return tuple(
        TargetChange(metric=derived[d].metric or parent[p].metric, kind=derived[d].kind,
                     before=parent[p], after=derived[d],
                     direction=direction(parent[p], derived[d]))
        for d, p in sorted(matched.items())
    )
