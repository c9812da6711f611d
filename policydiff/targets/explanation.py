"""Each quantity change in words, in Chinese and English, decided here and never in a renderer.

    罚款上限由五十万元提高到二百万元（处罚加重） / fine ceiling raised from 五十万元 to 二百万元
    (heavier penalty); 进行审查期限由十日缩短为五日（时限收紧）.

The quantity is quoted as written without its bound words (以下, 以内, 不超过): the label says
which end it is (上限 ceiling, 下限 floor).
"""

from __future__ import annotations

import re

from .model import Direction, Polarity, Quantity, QuantityOnly, TargetChange

__all__ = ["explain", "explain_only"]

_BOUND_WORDS_RE = re.compile(
    "^(?:不得超过|不得高于|不得多于|不得大于|不得少于|不得低于|不得小于|不少于|不低于|不小于|至少|高于|超过|大于|多于|不超过|不高于|不大于|低于|少于|小于|不足|未逾)"
    "|(?:及以上|以上|之上|及以下|以下|之下|以内|之内|内|左右)$")

# (zh, en) of what a rise and a fall mean, per polarity and direction.
_EFFECT: dict[tuple[Polarity, Direction], tuple[str, str]] = {
    ("penalty", "tightened"): ("处罚加重", "heavier penalty"),
    ("penalty", "loosened"): ("处罚减轻", "lighter penalty"),
    ("time_limit", "tightened"): ("时限收紧", "shorter time limit"),
    ("time_limit", "loosened"): ("时限放宽", "longer time limit"),
    ("window", "tightened"): ("限制期延长，要求更严", "longer window, stricter"),
    ("window", "loosened"): ("限制期缩短，要求放宽", "shorter window, looser"),
    ("deadline", "tightened"): ("期限提前", "earlier deadline"),
    ("deadline", "loosened"): ("期限推迟", "later deadline"),
    ("target", "tightened"): ("目标提高", "higher target"),
    ("target", "loosened"): ("目标降低", "lower target"),
    ("limit", "tightened"): ("限值收紧", "tighter limit"),
    ("limit", "loosened"): ("限值放宽", "looser limit"),
}
_RESCALED = ("按规模调整", "rescaled to a smaller jurisdiction")


def _written(q: Quantity) -> str:
    return _BOUND_WORDS_RE.sub("", q.text) or q.text


def _label(q: Quantity) -> tuple[str, str]:
    """What the quantity is, in Chinese and English: 罚款上限 / fine ceiling."""
    if q.polarity == "penalty":
        name = q.penalty
        english = {"罚款": "fine", "拘留": "detention", "罚金": "criminal fine"}.get(name, name)
        if q.bound == "max":
            return name + "上限", english + " ceiling"
        if q.bound == "min":
            return name + "下限", english + " floor"
        return name, english
    metric = q.metric.split("（")[0]
    if q.polarity == "time_limit":
        return (metric + "期限" if metric else "期限"), "time limit" + (
            f" ({metric})" if metric else "")
    if q.polarity == "window":
        return "限制期" + (f"（{metric}）" if metric else ""), "window" + (
            f" ({metric})" if metric else "")
    if q.polarity == "deadline":
        return (metric + "完成时限" if metric else "完成时限"), "deadline" + (
            f" ({metric})" if metric else "")
    return (metric or "指标"), (metric or "target")


def _verbs(change: TargetChange, rose: bool) -> tuple[str, str]:
    if change.polarity == "deadline":
        return ("提前到", "brought forward") if not rose else ("推迟到", "put back")
    if change.polarity in ("time_limit", "window"):
        return ("延长为", "lengthened") if rose else ("缩短为", "shortened")
    return ("提高到", "raised") if rose else ("降低为", "lowered")


def explain(change: TargetChange) -> tuple[str, str]:
    """(zh, en) for one paired change; unchanged pairs say so."""
    label_zh, label_en = _label(change.after)
    before, after = _written(change.before), _written(change.after)
    if change.direction == "unchanged":
        return f"{label_zh}仍为{after}（未变）", f"{label_en} unchanged at {after}"
    if (change.kind == "target" and change.before.year != change.after.year
            and change.before.text == change.after.text):
        verb_zh, verb_en, effect_zh, effect_en = (
            ("提前到", "brought forward", "期限提前", "earlier deadline")
            if change.direction == "tightened" else
            ("推迟到", "put back", "期限推迟", "later deadline"))
        return (f"{label_zh}（{after}）的完成年份由{change.before.year}年{verb_zh}"
                f"{change.after.year}年（{effect_zh}）",
                f"{label_en} ({after}) due year {verb_en} from {change.before.year} to "
                f"{change.after.year} ({effect_en})")
    rose = change.after.value > change.before.value
    if change.kind == "deadline":
        rose = change.after.text != change.before.text and change.direction == "loosened"
    else:
        from .vocabulary import _base_unit
        rose = (change.after.value * _base_unit(change.after.unit)[1]
                > change.before.value * _base_unit(change.before.unit)[1])
    verb_zh, verb_en = _verbs(change, rose)
    if change.direction == "rescaled":
        effect_zh, effect_en = _RESCALED
    else:
        effect_zh, effect_en = _EFFECT[(change.polarity, change.direction)]
    subject_zh = f"对{change.subject}的" if change.subject else ""
    subject_en = f" for {change.subject}" if change.subject else ""
    return (f"{subject_zh}{label_zh}由{before}{verb_zh}{after}（{effect_zh}）",
            f"{label_en}{subject_en} {verb_en} from {before} to {after} ({effect_en})")


def explain_only(record: QuantityOnly) -> tuple[str, str]:
    """(zh, en) for a quantity on one side only: 新增 / 删除."""
    q = record.quantity
    label_zh, label_en = _label(q)
    subject_zh = f"对{q.subject}的" if q.subject else ""
    subject_en = f" for {q.subject}" if q.subject else ""
    if record.change == "new":
        return f"新增{subject_zh}{label_zh}：{q.text}", f"new {label_en}{subject_en}: {q.text}"
    return f"删除{subject_zh}{label_zh}：{q.text}", f"removed {label_en}{subject_en}: {q.text}"
