"""The reviewer's HTML report and the notebook fragment.

:func:`render_report` gives one self-contained page (inline CSS and a little inline JS, nothing
from the network, a Content-Security-Policy that allows only those two blocks);
:func:`render_fragment` gives the compact, script-free HTML that ``Comparison._repr_html_`` shows
in notebooks. Markup lives in ``templates/*.html`` (jinja2, autoescaping on): document texts
are untrusted input and always reach the page as text.

This module only formats. Rows come from :func:`policydiff.renderers.frames.table_rows`; the
word-level diff of each pair is cut where its clauses meet so that each clause shows under its
own heading path.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .frames import Row, table_rows

if TYPE_CHECKING:
    from ..responsibilities import RowChange

if TYPE_CHECKING:
    from ..comparison import Comparison, Pair
    from ..document import Clause, Document
    from ..targets import TargetChange

__all__ = ["LABELS", "render_fragment", "render_pair", "render_report", "render_target"]

TEMPLATES = Path(__file__).resolve().parent / "templates"

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN",
        "report": "政策文件对照报告",
        "fragment": "政策文件对照",
        "toc": "目录",
        "summary": "概要",
        "side_by_side": "对照表",
        "added_section": "新增条款",
        "dropped_section": "删除条款",
        "added": "新增",
        "dropped": "删除",
        "colon": "：",
        "targets": "目标与时限变化",
        "legend": "图例",
        "parent": "上位文件",
        "derived": "本文件",
        "number": "序号",
        "notes": "说明",
        "field": "项目",
        "title": "标题",
        "doc_number": "文号",
        "issuer": "发文机关",
        "date": "成文日期",
        "source": "文件",
        "none": "—",
        "counts": "统计",
        "rows": "对照行",
        "reuse": "文字沿用",
        "reuse_note": "本文件条款文字中与上位文件相同部分的比例",
        "cutoff": "配对阈值",
        "unchanged": "未变",
        "localized": "本地化",
        "modified": "修改",
        "moved": "移动",
        "moved-from": "原位置",
        "pinned": "人工配对",
        "tightened": "收紧",
        "loosened": "放宽",
        "rescaled": "按规模调整",
        "similarity": "相似度",
        "moved_to": "已移至",
        "moved_from": "原位置见",
        "moved_note": "左栏的上位文件条款原在此处，已移至",
        "row": "第{n}行",
        "target": "目标",
        "deadline": "时限",
        "metric": "指标",
        "kind": "类型",
        "before": "上位文件",
        "after": "本文件",
        "direction": "变化",
        "year": "年份",
        "parent_clause": "上位文件条款",
        "derived_clause": "本文件条款",
        "in_table": "对照表",
        "location": "位置",
        "text": "条文",
        "no_targets": "没有目标或时限变化。",
        "no_added": "没有新增条款。",
        "no_dropped": "没有删除条款。",
        "show": "显示",
        "show_all": "全部",
        "show_changes": "仅改动",
        "show_substantive": "仅实质改动",
        "show_substantive_title": "隐藏未变及仅本地化（地名、机构名替换）的行",
        "previous": "上一处改动",
        "next": "下一处改动",
        "nav_keys": "快捷键：n 下一处，p 上一处",
        "legend_del": "删去的文字：删除线，并以 [- -] 标出",
        "legend_ins": "新增的文字：下划线，并以 {+ +} 标出",
        "legend_punct": "全角/半角标点互换（，→,）不标出",
        "legend_unchanged": "文字相同（标点、空白除外）",
        "legend_localized": "仅地名、机构名等本地化替换",
        "legend_modified": "内容有改动",
        "legend_added": "本文件新增，上位文件无对应条款",
        "legend_dropped": "上位文件有、本文件未保留；列于其在上位文件中的位置",
        "legend_moved": "相对上位文件的顺序有调整；原位置另有一行标出",
        "legend_tightened": "要求提高（比例更高、时限更早等）",
        "legend_loosened": "要求降低",
        "legend_rescaled": "绝对数量随辖区规模缩小，不算放宽",
        "not_shown": "另有 {unchanged} 行未变、{localized} 行仅本地化，未列出；"
                     "完整报告：comparison.to_html()",
        "changed_rows": "改动条款",
    },
    "en": {
        "html_lang": "en",
        "report": "Policy comparison report",
        "fragment": "Policy comparison",
        "toc": "Contents",
        "summary": "Summary",
        "side_by_side": "Side by side",
        "added_section": "Added clauses",
        "dropped_section": "Dropped clauses",
        "added": "added",
        "dropped": "dropped",
        "colon": ": ",
        "targets": "Targets and deadlines",
        "legend": "Legend",
        "parent": "Parent",
        "derived": "Derived",
        "number": "No.",
        "notes": "Notes",
        "field": "Field",
        "title": "Title",
        "doc_number": "Document number",
        "issuer": "Issuer",
        "date": "Date",
        "source": "File",
        "none": "—",
        "counts": "Counts",
        "rows": "rows",
        "reuse": "text reuse",
        "reuse_note": "share of the derived clauses' text that is equal to parent text",
        "cutoff": "pairing cutoff",
        "unchanged": "unchanged",
        "localized": "localized",
        "modified": "modified",
        "moved": "moved",
        "moved-from": "old place",
        "pinned": "pinned",
        "tightened": "tightened",
        "loosened": "loosened",
        "rescaled": "rescaled",
        "similarity": "similarity",
        "moved_to": "moved to",
        "moved_from": "old place",
        "moved_note": "The parent clause on the left stood here; it moved to",
        "row": "row {n}",
        "target": "target",
        "deadline": "deadline",
        "metric": "Metric",
        "kind": "Kind",
        "before": "Parent",
        "after": "Derived",
        "direction": "Change",
        "year": "Year",
        "parent_clause": "Parent clause",
        "derived_clause": "Derived clause",
        "in_table": "Row",
        "location": "Location",
        "text": "Text",
        "no_targets": "No target or deadline changed.",
        "no_added": "No clause was added.",
        "no_dropped": "No clause was dropped.",
        "show": "Show",
        "show_all": "all",
        "show_changes": "changes",
        "show_substantive": "substantive",
        "show_substantive_title": "hide unchanged rows and rows that only swap place or agency "
                                  "names",
        "previous": "Previous change",
        "next": "Next change",
        "nav_keys": "Keys: n next, p previous",
        "legend_del": "deleted text: struck through and marked [- -]",
        "legend_ins": "inserted text: underlined and marked {+ +}",
        "legend_punct": "full-width/half-width punctuation swaps (，→,) are not marked",
        "legend_unchanged": "same words (punctuation and spacing aside)",
        "legend_localized": "only place and agency names swapped",
        "legend_modified": "wording changed",
        "legend_added": "new in the derived document",
        "legend_dropped": "in the parent, not kept; listed where it stood in the parent",
        "legend_moved": "order changed; a row marks the old place",
        "legend_tightened": "stricter (a higher rate, an earlier deadline …)",
        "legend_loosened": "less strict",
        "legend_rescaled": "an absolute amount scaled down to a smaller jurisdiction, not loosened",
        "not_shown": "{unchanged} unchanged and {localized} localized rows not shown; "
                     "full report: comparison.to_html()",
        "changed_rows": "Changed clauses",
    },
}

# Labels of the reviewer's sections (#12): task division, substitutions, why paired, skipped.
for _lang, _labels in {
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
           "no": "否"},
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
           "local": "localisation (not marked)", "yes": "yes", "no": "no"},
}.items():
    LABELS[_lang].update(_labels)

# A symbol for every status and direction, so that nothing depends on colour.
SYMBOLS = {"unchanged": "=", "localized": "≈", "modified": "±", "added": "+", "dropped": "−",
           "moved": "↕", "moved-from": "↕", "pinned": "⚲", "tightened": "▲",
           "loosened": "▼", "rescaled": "◆", "unchanged-target": "="}
MARKERS = {"del": ("[-", "-]"), "ins": ("{+", "+}")}


@dataclass(frozen=True, slots=True)
class Side:
    """One clause in one cell: its heading path and its text cut into marked runs."""

    clause: Clause
    crumbs: tuple[str, ...]
    runs: tuple[tuple[str, str], ...]
    """(mark, text): mark is ``""`` (same), ``"del"``, ``"ins"``, ``"punct"`` or ``"local"``
    (a localisation the comparison hides)."""
    cells: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    """For table rows: (column, runs) per cell, so that cells show in columns."""


@dataclass(frozen=True, slots=True)
class View:
    """A row of :func:`table_rows` with both cells cut into clauses and runs."""

    row: Row
    parent: tuple[Side, ...]
    derived: tuple[Side, ...]


def _check_lang(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {sorted(LABELS)}, got {lang!r}")
    return LABELS[lang]


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals["symbols"] = SYMBOLS
    env.globals["markers"] = MARKERS
    env.filters["pct"] = lambda value: f"{value * 100:.1f}%"
    env.filters["sim"] = lambda value: f"{value:.2f}"
    env.filters["wbr"] = breakable
    return env


# Runs of this many characters with no break opportunity (URLs, long numbers, Latin text without
# spaces) get a <wbr> every as many characters. A per-run <wbr> instead of overflow-wrap:
# anywhere on every cell: on a 200,000-character page the CSS rule made Chromium's layout take
# seconds (benchmarks/render_time.py), the <wbr>s cost nothing where there is no long run.
UNBROKEN = 30
_UNBROKEN = re.compile(rf"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]{{{UNBROKEN},}}")


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


@cache
def _assets() -> tuple[Markup, Markup, str]:
    """The report's CSS and JS, and a CSP allowing exactly those two inline blocks."""
    env = _environment()
    style = env.get_template("report_style.html").render()
    script = env.get_template("report_script.html").render()
    csp = ("default-src 'none'; "
           f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; "
           "img-src 'none'; font-src 'none'; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    return Markup(style), Markup(script), csp


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def _minor(parent: str, derived: str) -> bool:
    """A full-width/half-width swap of punctuation only (，→, （→( …)."""
    return (not any(ch.isalnum() for ch in parent + derived)
            and unicodedata.normalize("NFKC", parent) == unicodedata.normalize("NFKC", derived))


def marked_ops(diff: tuple[tuple[str, str], ...], local: frozenset[int] = frozenset()
               ) -> list[tuple[str, str, str]]:
    """(op, mark, text) for each op: whitespace-only edits carry no mark (layout), a
    delete/insert pair that only swaps punctuation width is marked ``punct``, and the ops the
    comparison found to only localise (``local``: indexes into ``diff``) are marked ``local``."""
    out: list[tuple[str, str, str]] = []
    index = 0
    while index < len(diff):
        op, text = diff[index]
        if index in local:
            out.append((op, "local", text))
            index += 1
            continue
        if op != "equal" and index + 1 < len(diff):
            next_op, next_text = diff[index + 1]
            if next_op not in ("equal", op) and _minor(text, next_text):
                out.append((op, "punct", text))
                out.append((next_op, "punct", next_text))
                index += 2
                continue
        if op == "equal" or not text.strip():
            out.append((op, "", text))
        else:
            out.append((op, "del" if op == "delete" else "ins", text))
        index += 1
    return out


def crumbs(clause: Clause) -> tuple[str, ...]:
    """The heading path above a clause, without its own heading when its text starts with it."""
    path = clause.path
    if path and clause.text.lstrip().startswith(path[-1]):
        path = path[:-1]
    return path


def _sides(ops: list[tuple[str, str, str]], clauses: tuple[Clause, ...], keep: str
           ) -> tuple[Side, ...]:
    """Cut the runs of one side (``equal`` and ``keep`` ops) at the newlines joining its clauses."""
    if not clauses:
        return ()
    runs: list[list[tuple[str, str]]] = [[] for _ in clauses]
    index = position = 0
    last = len(clauses) - 1
    for op, mark, text in ops:
        if op not in ("equal", keep):
            continue
        while text:
            room = len(clauses[index].text) - position
            if room == 0 and index < last:
                text = text[1:]  # the newline between two clauses
                index += 1
                position = 0
                continue
            piece = text if index == last else text[:room]
            runs[index].append((mark, piece))
            position += len(piece)
            text = text[len(piece):]
    return tuple(Side(clause, crumbs(clause), _merge(run), _cell_runs(clause, _merge(run)))
                 for clause, run in zip(clauses, runs, strict=True))


def _cell_runs(clause: Clause, runs: tuple[tuple[str, str], ...]
               ) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The runs of a table row cut at its cells (found in order in the row's text; what lies
    between two cells is the separator, shown as the gap between columns)."""
    if clause.kind != "table_row" or not clause.cells:
        return ()
    bounds: list[tuple[str, int, int]] = []
    position = 0
    for name, value in clause.cells:
        start = clause.text.find(value, position) if value else -1
        if start < 0:
            bounds.append((name, position, position))
            continue
        bounds.append((name, start, start + len(value)))
        position = start + len(value)
    cut: list[list[tuple[str, str]]] = [[] for _ in bounds]
    offset = 0
    for mark, text in runs:
        for number, (_, start, end) in enumerate(bounds):
            piece = text[max(start - offset, 0):max(end - offset, 0)]
            if piece:
                cut[number].append((mark, piece))
        offset += len(text)
    return tuple((name, _merge(pieces)) for (name, _, _), pieces in zip(bounds, cut, strict=True))


def _merge(runs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for mark, text in runs:
        if out and out[-1][0] == mark:
            out[-1] = (mark, out[-1][1] + text)
        else:
            out.append((mark, text))
    return tuple(out)


def _plain(clauses: tuple[Clause, ...]) -> tuple[Side, ...]:
    return tuple(Side(c, crumbs(c), (("", c.text),), _cell_runs(c, (("", c.text),)))
                 for c in clauses)


def _view(row: Row, hide_localization: bool = True,
          responsibilities: dict[tuple[str, ...], RowChange] | None = None) -> View:
    pair = row.pair
    if row.kind == "pair" and pair is not None:
        ops = marked_ops(pair.diff, frozenset(pair.localization if hide_localization else ()))
        parent, derived = _sides(ops, pair.parent, "delete"), _sides(ops, pair.derived, "insert")
        change = (responsibilities or {}).get(tuple(c.id for c in pair.parent))
        if change is not None:
            parent = _unit_marks(parent, frozenset(change.units_removed), "del")
            derived = _unit_marks(derived, frozenset(change.units_added), "ins")
        return View(row, parent, derived)
    return View(row, _plain(row.parent), _plain(row.derived))


def _unit_marks(sides: tuple[Side, ...], changed: frozenset[str], mark: str
                ) -> tuple[Side, ...]:
    """Units cells marked unit by unit from the comparison's role comparison (a unit the other
    side has in another level's name, 市市场监管委/区市场监管局, is left unmarked) instead of
    the word diff's pieces ([-市-]{+区+})."""
    out = []
    for side in sides:
        units = side.clause.cell("units")
        if not side.cells or not units:
            out.append(side)
            continue
        runs: list[tuple[str, str]] = []
        for piece in re.split(r"([、，,；;\s]+)", units):
            runs.append((mark if piece in changed else "", piece))
        cells = tuple((name, _merge(runs) if name == "units" else value)
                      for name, value in side.cells)
        out.append(Side(side.clause, side.crumbs, side.runs, cells))
    return tuple(out)


def _document_fields(document: Document) -> dict[str, str | None]:
    meta = document.metadata
    return {"title": meta.title, "doc_number": meta.doc_number, "issuer": meta.issuer,
            "date": meta.date, "source": Path(document.source).name if document.source else None}


def _context(comparison: Comparison, lang: str, *, fragment: bool) -> dict[str, Any]:
    labels = _check_lang(lang)
    rows = table_rows(comparison)
    hide = comparison.hide_localization
    by_rows = {change.parent: change for change in comparison.responsibilities}
    views = [_view(row, hide, by_rows) for row in rows
             if not fragment or (row.change and not row.localized_only
                                 and row.kind != "moved-from")]
    row_of: dict[str, Row] = {}
    for row in rows:
        if row.kind in ("pair", "dropped"):
            for clause in row.parent:
                row_of.setdefault("p:" + clause.id, row)
        for clause in row.derived:
            row_of.setdefault("d:" + clause.id, row)
    targets = [_target_view(change, comparison, row_of) for change in comparison.targets]
    summary = comparison.summary
    return {
        "t": labels,
        "lang": lang,
        "comparison": comparison,
        "summary": summary,
        "parent_fields": _document_fields(comparison.parent),
        "derived_fields": _document_fields(comparison.derived),
        "fields": ("title", "doc_number", "issuer", "date", "source"),
        "counts": (("unchanged", summary.unchanged), ("localized", summary.localized),
                   ("modified", summary.modified), ("added", summary.added),
                   ("dropped", summary.dropped), ("moved", summary.moved)),
        "target_counts": (("tightened", summary.tightened), ("loosened", summary.loosened),
                          ("rescaled", summary.rescaled)),
        "views": views,
        "rows": rows,
        "numbers": {row.id: row.number for row in rows},
        "added_rows": [r for r in rows if r.kind == "added"],
        "dropped_rows": [r for r in rows if r.kind == "dropped"],
        "targets": targets,
        "not_shown": labels["not_shown"].format(
            unchanged=sum(1 for r in rows if r.kind == "pair" and not r.change),
            localized=sum(1 for r in rows if r.localized_only)),
        "title": comparison.derived.metadata.title or Path(comparison.derived.source).name,
        **_review_context(comparison, rows, hide),
    }


def _review_context(comparison: Comparison, rows: tuple[Row, ...], hide: bool) -> dict[str, Any]:
    """What the reviewer's sections need (#12): task-division rows, substitutions, why each
    row is (un)paired, skipped page furniture."""
    number_of: dict[str, Row] = {}
    for row in rows:
        for clause in row.derived if row.kind != "dropped" else row.parent:
            number_of.setdefault(clause.id, row)
    responsibilities = []
    for change in comparison.responsibilities:
        responsibilities.append({
            "change": change, "row": number_of.get(change.derived[0]),
            "task": _diff_sides(change.task), "work": _diff_sides(change.work)})
    nearest = {("p:" if n.side == "parent" else "d:") + n.clause: n for n in comparison.unpaired}
    skipped = [(side, span) for side, document in (("parent", comparison.parent),
                                                   ("derived", comparison.derived))
               for span in document.skipped if span.reason != "blank"]
    clause_rows: dict[str, int] = {}
    for row in rows:
        if row.number is not None:
            for prefix, clauses in (("p:", row.parent), ("d:", row.derived)):
                for clause in clauses:
                    clause_rows.setdefault(prefix + clause.id, row.number)
    return {"responsibilities": responsibilities, "substitutions": comparison.substitutions,
            "clause_rows": clause_rows,
            "hide_localization": hide, "nearest": nearest, "skipped": skipped,
            "page_style": _page_style(comparison)}


def _diff_sides(diff: tuple[tuple[str, str], ...]
                ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """A cell diff as (parent runs, derived runs)."""
    ops = marked_ops(diff)
    return (_merge([(mark, text) for op, mark, text in ops if op != "insert"]),
            _merge([(mark, text) for op, mark, text in ops if op != "delete"]))


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot end the string or the style element."""
    out = []
    for ch in text:
        if (ch.isalnum() and ord(ch) < 128) or (ord(ch) > 127 and not ch.isspace()) or ch == " ":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def _page_style(comparison: Comparison) -> Markup:
    """Print page boxes: both titles as a running header, 第X页 共Y页 in the footer."""
    def title(document: Document) -> str:
        return document.metadata.title or Path(document.source).name
    header = f"{title(comparison.parent)} → {title(comparison.derived)}"
    return Markup("@media print { @page { @top-center { content: " + _css_string(header)
                  + "; font-size: 7.5pt; color: #444; } @bottom-center { content: \"第\" "
                  "counter(page) \"页 共\" counter(pages) \"页\"; font-size: 7.5pt; } } }")


def _target_view(change: TargetChange, comparison: Comparison, row_of: dict[str, Row]
                 ) -> dict[str, Any]:
    parent_row = row_of.get(f"p:{change.parent_clause}")
    derived_row = row_of.get(f"d:{change.derived_clause}")
    return {"change": change,
            "year": _years(change),
            "parent_path": _path(comparison.parent, change.parent_clause),
            "derived_path": _path(comparison.derived, change.derived_clause),
            "parent_row": parent_row,
            "derived_row": derived_row}


def _years(change: TargetChange) -> str:
    before, after = change.before.year, change.after.year
    if before == after:
        return "" if after is None else str(after)
    return f"{before or '—'} → {after or '—'}"


def _path(document: Document, clause_id: str | None) -> tuple[str, ...]:
    if clause_id is None:
        return ()
    try:
        clause = document.clause(clause_id)
    except KeyError:
        return ()
    return clause.path or (clause.text[:24],)


def render_report(comparison: Comparison, *, lang: str = "zh") -> str:
    """The full, self-contained report page (``lang``: ``"zh"`` labels or ``"en"``)."""
    context = _context(comparison, lang, fragment=False)
    style, script, csp = _assets()
    page = context["page_style"]
    csp = csp.replace("style-src ", f"style-src '{_sha256(str(page))}' ")
    context.update(style=style, script=script, csp=csp)
    return _environment().get_template("report.html").render(context)


def render_fragment(comparison: Comparison, *, lang: str = "zh") -> str:
    """A compact HTML fragment for notebooks: summary, targets and the changed rows; no scripts,
    no ids, styles scoped to the fragment, marks readable even where styles are stripped."""
    context = _context(comparison, lang, fragment=True)
    return _environment().get_template("fragment.html").render(context)


def render_pair(pair: Pair, *, lang: str = "zh") -> str:
    """One pair as a small side-by-side table (``Pair._repr_html_``)."""
    from .frames import Row
    labels = _check_lang(lang)
    row = Row("pair", "pair", None, pair.parent, pair.derived, pair.status, pair)
    return _environment().get_template("fragment_items.html").render(
        t=labels, view=_view(row), row=row, change=None, numbers={}, nearest={}, clause_rows={})


def render_target(change: TargetChange, *, lang: str = "zh") -> str:
    """One target change as a one-row table (``TargetChange._repr_html_``)."""
    labels = _check_lang(lang)
    return _environment().get_template("fragment_items.html").render(
        t=labels, view=None, row=None, change=change, numbers={}, nearest={}, clause_rows={})
