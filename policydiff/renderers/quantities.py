"""Labels and row views for the quantity model and obligation changes, shared by the HTML,
Markdown and DataFrame renderers. Formatting only: every explanation, polarity and direction
was decided by the comparison (see :mod:`policydiff.targets` and :mod:`policydiff.obligations`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..comparison import Comparison
    from ..targets import TargetChange

__all__ = ["LABELS", "explanation", "markdown_sections", "obligation_views", "unpaired_views"]

LABELS: dict[str, dict[str, str]] = {
    "zh": {"explanation": "说明", "polarity": "性质", "subject": "对象",
           "obligations": "义务强度变化", "no_obligations": "没有义务强度变化。",
           "unpaired": "仅一方有的数量", "before_word": "上位文件用语", "after_word": "本文件用语",
           "phrase": "所约束的内容", "direction": "变化", "strengthened": "加强",
           "weakened": "减弱", "new": "新增", "removed": "删除", "reversed": "义务与禁止互换",
           "target": "目标", "limit": "限值", "penalty": "处罚", "time_limit": "时限",
           "window": "限制期", "deadline": "完成时限", "parent_clause": "上位文件条款",
           "derived_clause": "本文件条款", "clause": "条款"},
    "en": {"explanation": "Explanation", "polarity": "Kind of bound", "subject": "Binds",
           "obligations": "Obligation strength",
           "no_obligations": "No obligation changed strength.",
           "unpaired": "Quantities on one side only", "before_word": "Parent wording",
           "after_word": "Derived wording", "phrase": "What it governs", "direction": "Change",
           "strengthened": "strengthened", "weakened": "weakened", "new": "new",
           "removed": "removed", "reversed": "duty and ban swapped", "target": "target",
           "limit": "limit", "penalty": "penalty", "time_limit": "time limit",
           "window": "window", "deadline": "deadline", "parent_clause": "Parent clause",
           "derived_clause": "Derived clause", "clause": "Clause"},
}
SYMBOLS = {"strengthened": "▲", "weakened": "▼", "new": "＋", "removed": "－"}


def explanation(change: TargetChange, lang: str) -> str:
    return change.explanation_en if lang == "en" else change.explanation_zh


def obligation_views(comparison: Comparison, lang: str) -> list[dict[str, Any]]:
    """One dict per obligation change, in pair order, with the text a renderer shows."""
    t = LABELS["en" if lang == "en" else "zh"]
    return [{"before": o.before.word, "after": o.after.word, "phrase": o.phrase,
             "direction": o.direction, "symbol": SYMBOLS[o.direction],
             "label": t[o.direction] + (f" · {t['reversed']}" if o.reversed else ""),
             "explanation": o.explanation_en if lang == "en" else o.explanation_zh,
             "parent_clause": o.parent_clause or "", "derived_clause": o.derived_clause or ""}
            for o in comparison.obligations]


def unpaired_views(comparison: Comparison, lang: str) -> list[dict[str, Any]]:
    t = LABELS["en" if lang == "en" else "zh"]
    return [{"change": u.change, "symbol": SYMBOLS[u.change], "label": t[u.change],
             "text": u.quantity.text, "polarity": t[u.quantity.polarity],
             "subject": u.quantity.subject, "clause": u.clause or "",
             "explanation": u.explanation_en if lang == "en" else u.explanation_zh}
            for u in comparison.unpaired_targets]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_sections(comparison: Comparison, lang: str) -> list[str]:
    """The obligations section (and the one-side quantities) as Markdown lines; nothing when the
    comparison has neither, so reports of texts without them keep their shape."""
    t = LABELS["en" if lang == "en" else "zh"]
    out: list[str] = []
    views = obligation_views(comparison, lang)
    if views:
        heads = (t["before_word"], t["after_word"], t["direction"], t["phrase"],
                 t["parent_clause"], t["derived_clause"])
        out += [f"## {t['obligations']}", "", "| " + " | ".join(heads) + " |",
                "|" + " --- |" * len(heads)]
        out += ["| " + " | ".join(_cell(x) for x in (
            v["before"], v["after"], f"{v['symbol']} {v['label']}", v["phrase"],
            v["parent_clause"], v["derived_clause"])) + " |" for v in views]
        out.append("")
    unpaired = unpaired_views(comparison, lang)
    if unpaired:
        out += [f"## {t['unpaired']}", ""]
        out += [f"- {u['symbol']} {_cell(u['explanation'])} ({u['clause']})" for u in unpaired]
        out.append("")
    return out
