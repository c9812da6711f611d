"""The corpus index page: lineage table, reuse heat map, pair reports, targets, skipped files.

One self-contained page (inline CSS, no script, nothing from the network: its
Content-Security-Policy allows only inline style) from
``templates/corpus_index.html`` with autoescaping on: titles, sources and cites are untrusted
text. This module only formats what :class:`policydiff.Corpus` holds.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

if TYPE_CHECKING:
    from ..corpora import Corpus

__all__ = ["LABELS", "render_index"]

TEMPLATES = Path(__file__).resolve().parent / "templates"

LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "html_lang": "zh-CN", "page": "文件谱系与文字沿用", "summary": "概要",
        "documents": "文件", "edges": "谱系关系", "skipped": "未能读取",
        "lineage": "谱系", "reuse": "文字沿用", "comparisons": "对照报告",
        "targets": "目标变化", "number": "编号", "source": "文件", "title": "标题",
        "doc_number": "文号", "date": "日期", "parents": "上位文件",
        "unresolved": "引用但不在语料中",
        "cited": "引用", "text_only": "文字相似", "parent": "上位文件", "derived": "本文件",
        "share": "沿用比例", "pairs": "配对", "modified": "修改", "added": "新增",
        "dropped": "删除", "tightened": "收紧", "loosened": "放宽", "rescaled": "按规模调整",
        "unchanged": "未变",
        "metric": "指标", "before": "上位文件", "after": "本文件", "direction": "变化",
        "report": "报告", "reason": "原因", "none": "—",
        "heat_note": "行：文件编号；列：被沿用的文件编号；颜色越深，行文件中取自列文件的文字越多。",
        "reuse_note": "本文件文字（8字片段）中也见于上位文件的比例",
        "min_reuse": "无引用时的最低沿用比例", "cutoff": "配对阈值",
        "chains": "层级链条", "chain": "链条", "evidence": "依据", "confidence": "置信度",
        "by_title": "按标题引用", "by_number": "按文号引用", "version": "前一版本",
        "intermediate": "经中间文件", "ambiguous": "多个候选", "parent_reuse": "上位文件被沿用",
        "earlier": "上位文件在前", "later": "上位文件在后", "same": "同日", "unknown": "日期不明",
        "national": "国家", "local": "地方", "chain_note": "每条链条从无上位文件的文件逐级向下；"
        "表中为各级文件对同一指标的表述。",
    },
    "en": {
        "html_lang": "en", "page": "Lineage and text reuse", "summary": "Summary",
        "documents": "documents", "edges": "lineage edges", "skipped": "Skipped",
        "lineage": "Lineage", "reuse": "Text reuse", "comparisons": "Pair reports",
        "targets": "Target changes", "number": "No.", "source": "Document", "title": "Title",
        "doc_number": "Doc. number", "date": "Date", "parents": "Parents",
        "unresolved": "Cited, not in the corpus", "cited": "cited", "text_only": "text reuse",
        "parent": "Parent", "derived": "Derived", "share": "Reuse", "pairs": "Pairs",
        "modified": "Modified", "added": "Added", "dropped": "Dropped",
        "tightened": "tightened", "loosened": "loosened", "rescaled": "rescaled",
        "unchanged": "unchanged",
        "metric": "Metric", "before": "Parent", "after": "Derived", "direction": "Change",
        "report": "Report", "reason": "Reason", "none": "—",
        "heat_note": "Rows: document numbers; columns: the document reused; the darker, the "
                     "more of the row's text is found in the column's.",
        "reuse_note": "share of the derived document's text (8-character shingles) also found "
                      "in the parent",
        "min_reuse": "least reuse without a citation", "cutoff": "pairing cutoff",
        "chains": "Chains", "chain": "Chain", "evidence": "Evidence", "confidence": "confidence",
        "by_title": "cited by title", "by_number": "cited by doc. number",
        "version": "earlier version", "intermediate": "via an intermediate",
        "ambiguous": "several candidates", "parent_reuse": "parent's text reused",
        "earlier": "parent earlier", "later": "parent later", "same": "same date",
        "unknown": "dates unknown", "national": "national", "local": "local",
        "chain_note": "Each chain runs from a document without parents down its lineage; the "
                      "table shows each level's value of a target.",
    },
}

_HEAT_FLOOR = 0.02
"""Reuse below this is not drawn (stock phrases)."""


def render_index(corpus: Corpus, report_names: dict[tuple[str, str], str], *,
                 lang: str = "zh") -> str:
    """The index page of a corpus whose pair reports are ``pairs/<name>.html``."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {sorted(LABELS)}, got {lang!r}")
    numbers = {record.source: i for i, record in enumerate(corpus.lineage, 1)}
    links = {edge: f"pairs/{quote(name)}" for edge, name in report_names.items()}
    documents = []
    for record, document in zip(corpus.lineage, corpus.documents, strict=True):
        documents.append({
            "number": numbers[record.source], "source": record.source,
            "name": PurePath(record.source).name, "title": record.title,
            "doc_number": record.doc_number, "date": document.metadata.date,
            "parents": [{"number": numbers[p.source], "name": PurePath(p.source).name,
                         "source": p.source, "reuse": p.reuse, "cited": p.cited,
                         "link": links.get((p.source, record.source)),
                         "basis": p.basis, "cited_by": p.cited_by,
                         "title_score": p.title_score, "ambiguous": p.ambiguous,
                         "alternatives": [numbers[a] for a in p.alternatives if a in numbers],
                         "parent_reuse": p.parent_reuse, "date_order": p.date_order,
                         "parent_level": p.parent_level, "derived_level": p.derived_level,
                         "confidence": p.confidence}
                        for p in record.parents],
            "unresolved": record.unresolved_cites})
    comparisons = []
    for parent, derived, comparison in corpus.comparisons:
        summary = comparison.summary
        comparisons.append({
            "parent": numbers[parent], "parent_name": PurePath(parent).name,
            "derived": numbers[derived], "derived_name": PurePath(derived).name,
            "link": links[(parent, derived)], "reuse": summary.reuse, "pairs": summary.pairs,
            "modified": summary.modified, "added": summary.added, "dropped": summary.dropped,
            "tightened": summary.tightened, "loosened": summary.loosened,
            "rescaled": summary.rescaled})
    targets = [{"parent": numbers[parent], "derived": numbers[derived],
                "link": links[(parent, derived)], "metric": change.metric,
                "before": change.before.text, "after": change.after.text,
                "direction": change.direction}
               for parent, derived, change in corpus.targets]
    chains = []
    for number, chain in enumerate(corpus.chains, 1):
        chains.append({
            "number": number,
            "documents": [{"number": numbers[s], "name": PurePath(s).name} for s in chain],
            "links": [links.get(edge) for edge in pairwise(chain)],
            "targets": [{"metric": row.metric, "cells": row.values,
                         "steps": row.directions}
                        for row in corpus.chain_targets(chain)]})
    context = {
        "t": LABELS[lang], "chains": chains,
        "documents": documents, "comparisons": comparisons, "targets": targets,
        "skipped": [{"source": s, "reason": r} for s, r in corpus.skipped],
        "heat": _heat_map(corpus, numbers), "cutoff": corpus.cutoff,
        "min_reuse": corpus.min_reuse}
    return _environment().get_template("corpus_index.html").render(context)


def _heat_map(corpus: Corpus, numbers: dict[str, int]) -> dict[str, Any]:
    """Cells of the reuse matrix as SVG rectangles (only the reuse records, so it stays small
    for thousands of documents), and axis ticks."""
    count = len(corpus.lineage)
    cell = max(3, min(18, 720 // max(count, 1)))
    margin = 34
    step = 1 if cell >= 14 else 5 if cell >= 6 else 10 if count <= 400 else 50
    cells = [{"x": margin + (numbers[r.other] - 1) * cell,
              "y": margin + (numbers[r.document] - 1) * cell,
              "opacity": f"{0.15 + 0.85 * min(r.share, 1.0):.3f}",
              "title": f"{numbers[r.document]} ← {numbers[r.other]}  {r.share * 100:.1f}%  "
                       f"{PurePath(r.document).name} ← {PurePath(r.other).name}"}
             for r in corpus.reuse if r.share >= _HEAT_FLOOR]
    ticks = [{"number": n, "at": margin + (n - 1) * cell + cell / 2}
             for n in range(1, count + 1) if n == 1 or n % step == 0]
    return {"size": margin + count * cell + 4, "cell": cell, "margin": margin,
            "grid": count * cell, "cells": cells, "ticks": ticks}


@cache
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["pct"] = lambda value: f"{value * 100:.1f}%"
    return env
