"""Pieces of the reviewer's report (#12) that need nothing else of the HTML renderer: the
labels of its sections, break opportunities in long unbroken runs, and the print page boxes
(running title, 第X页 共Y页) as their own small style block.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from ..comparison import Comparison
    from ..document import Document

__all__ = ["REVIEW_LABELS", "UNBROKEN", "breakable", "page_style"]

# Labels of the reviewer's sections (#12): task division, substitutions, why paired, skipped.
REVIEW_LABELS: dict[str, dict[str, str]] = {
    "zh": {"responsibilities": "任务分工对照", "resp_rows": "分工行", "task": "任务",
           "work": "重点工作", "lead": "牵头单位", "lead_changed": "牵头单位变化",
           "lead_same": "牵头单位未变", "units_added": "增加的单位", "units_removed": "减少的单位",
           "units_kept": "保留单位数", "deadline_col": "完成时限", "no_responsibilities":
           "没有任务分工表行的配对。", "substitutions": "本地化替换",
           "substitutions_note": "以下替换在对照表中不再逐处标出，只在此汇总",
           "substitutions_shown": "以下替换在对照表中逐处标出",
           "no_substitutions": "没有本地化替换。", "times": "×", "why": "配对依据",
           "why_unpaired": "未配对原因", "score": "得分", "characters": "文字相似度",
           "phrases_share": "共有短语占比", "shared": "双方共有的少见短语",
           "anchors": "相同位置（标题或起首语）", "neighbours": "前后相邻条款也相互对应",
           "not_neighbours": "前后相邻条款不相互对应", "runner_up": "次优候选",
           "how": "对齐方式", "nearest": "最相近的候选", "reason": "原因",
           "below-cutoff": "相似度低于配对阈值", "taken": "该候选已与相似度更高的条款配对",
           "no-candidate": "另一文件同一部分没有条款", "pair_score": "其配对得分",
           "skipped_section": "未纳入比较的页面内容", "skipped_note":
           "页眉页脚、页码、网页信息等，不属于条文", "no_skipped": "没有略去的内容。",
           "side_parent": "上位文件", "side_derived": "本文件", "reason_col": "类别",
           "page-furniture": "页眉页脚", "page-metadata": "网页信息",
           "publication-note": "公开方式", "local": "本地化替换（未标出）", "yes": "是",
           "no": "否", "how_pinned": "人工指定", "how_best": "文字最相近",
           "how_anchor": "同一位置（标题、条号）", "how_order": "前后已配对条款之间的顺序",
           "how_merge": "多条合并为一条", "how_split": "一条拆分为多条",
           "how_phrases": "共有短语并入已配对条款", "how_contained": "短条款包含在长条款中",
           "how_cross-segment": "跨部分（正文与附件表格）",
           "how_unique": "两文件中仅此二条共有的短语"},
    "en": {"responsibilities": "Task division", "resp_rows": "task rows", "task": "Task",
           "work": "Work", "lead": "Lead unit", "lead_changed": "lead unit changed",
           "lead_same": "same lead unit", "units_added": "Units added",
           "units_removed": "Units removed", "units_kept": "units kept",
           "deadline_col": "Deadline", "no_responsibilities": "No task-division rows are paired.",
           "substitutions": "Localisation substitutions",
           "substitutions_note": "not marked again in the side-by-side table, only counted here",
           "substitutions_shown": "marked wherever they occur in the side-by-side table",
           "no_substitutions": "No localisation substitutions.", "times": "×",
           "why": "Why paired", "why_unpaired": "Why unpaired", "score": "score",
           "characters": "character similarity", "phrases_share": "share in shared phrases",
           "shared": "rare phrases both sides share",
           "anchors": "same place (heading or lead phrase)",
           "neighbours": "the neighbouring clauses correspond too",
           "not_neighbours": "the neighbouring clauses do not correspond",
           "runner_up": "runner-up", "how": "placed by", "nearest": "nearest candidate",
           "reason": "reason", "below-cutoff": "similarity under the pairing cutoff",
           "taken": "the candidate is paired with a closer clause",
           "no-candidate": "the other document has no clause in this part",
           "pair_score": "its pair scores", "skipped_section": "Page content not compared",
           "skipped_note": "headers, footers, page numbers, web page details: not provisions",
           "no_skipped": "Nothing was skipped.", "side_parent": "parent",
           "side_derived": "derived", "reason_col": "Kind", "page-furniture": "page furniture",
           "page-metadata": "page metadata", "publication-note": "publication note",
           "local": "localisation (not marked)", "yes": "yes", "no": "no",
           "how_pinned": "pinned by hand", "how_best": "most similar text",
           "how_anchor": "same place (heading, article number)",
           "how_order": "order between paired neighbours", "how_merge": "several merged into one",
           "how_split": "one split into several", "how_phrases": "shared phrases joined a pair",
           "how_contained": "a short clause inside a longer one",
           "how_cross-segment": "across parts (body and annex table)",
           "how_unique": "a phrase no other clause of either document has"},
}


# Runs of this many characters with no break opportunity (URLs, long numbers, Latin text without
# spaces) get a <wbr> every as many characters. A per-run <wbr> instead of overflow-wrap:
# anywhere on every cell: on a 200,000-character page the CSS rule made Chromium's layout take
# seconds (benchmarks/render_time.py), the <wbr>s cost nothing where there is no long run.
UNBROKEN = 30
_UNBROKEN = re.compile(rf"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]{{{UNBROKEN},}}")


def needs_breaks(text: str) -> bool:
    """Whether ``text`` holds a run that :func:`breakable` would break."""
    return _UNBROKEN.search(text) is not None


def breakable(text: str) -> Markup:
    """``text`` escaped, with ``<wbr>`` inside runs of :data:`UNBROKEN` or more characters that
    offer no line break."""
    out: list[str] = []
    last = 0
    for match in _UNBROKEN.finditer(text):
        out.append(str(escape(text[last:match.start()])))
        run = match.group(0)
        out.append("<wbr>".join(str(escape(run[i:i + UNBROKEN]))
                                for i in range(0, len(run), UNBROKEN)))
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot end the string or the style element."""
    out = []
    for ch in text:
        if (ch.isalnum() and ord(ch) < 128) or (ord(ch) > 127 and not ch.isspace()) or ch == " ":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def page_style(comparison: Comparison) -> Markup:
    """Print page boxes: both titles as a running header, 第X页 共Y页 in the footer."""
    def title(document: Document) -> str:
        return document.metadata.title or Path(document.source).name
    header = f"{title(comparison.parent)} → {title(comparison.derived)}"
    return Markup("@media print { @page { @top-center { content: " + _css_string(header)
                  + "; font-size: 7.5pt; color: #444; } @bottom-center { content: \"第\" "
                  "counter(page) \"页 共\" counter(pages) \"页\"; font-size: 7.5pt; } } }")
