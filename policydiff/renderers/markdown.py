"""A Markdown report for pasting into issues and notes (GitHub-flavoured Markdown).

Summary, targets table, added and dropped clauses, then each changed pair as one quoted text with
~~deletions~~ and **insertions**. Document text is escaped, so ``*``, ``|``, ``<script>`` and the
like stay text. CommonMark only honours ``~~``/``**`` next to letters when the marked text does
not start or end with punctuation (``**，新增**`` after a Chinese character stays literal); such
runs are written as ``<del>``/``<ins>`` instead, which GitHub renders the same way. Full-width /
half-width punctuation swaps show the derived text unmarked, as in the HTML report.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from . import quantities
from .html import LABELS, SYMBOLS, crumbs, marked_ops
from .rows import Row, renumbered_count, row_counts, table_rows, target_counts

if TYPE_CHECKING:
    from ..comparison import Comparison, Pair
    from ..document import Clause, Document
    from ..targets import TargetChange

__all__ = ["render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&])")
_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])")
_WRAP = {"del": ("~~", "~~", "<del>", "</del>"), "ins": ("**", "**", "<ins>", "</ins>")}


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str | None, none: str = "") -> str:
    if not text:
        return none
    return _escape(" ".join(text.split()))


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _flanks(inner: str, before: str, after: str) -> bool:
    """Whether ``~~inner~~`` between ``before`` and ``after`` is a CommonMark delimiter pair."""
    first, last = inner[0], inner[-1]
    if first.isspace() or last.isspace():
        return False
    opens = not _punct(first) or not before or before.isspace() or _punct(before)
    closes = not _punct(last) or not after or after.isspace() or _punct(after)
    return opens and closes


def _line(runs: list[tuple[str, str]]) -> str:
    """One line of marked runs (already escaped) as Markdown."""
    out: list[str] = []
    for index, (mark, text) in enumerate(runs):
        if not mark:
            out.append(text)
            continue
        before = out[-1][-1:] if out else ""
        # A marked neighbour starts with a delimiter (* ~ <): punctuation either way.
        after = ("" if index + 1 == len(runs)
                 else "*" if runs[index + 1][0] else runs[index + 1][1][:1])
        md_open, md_close, html_open, html_close = _WRAP[mark]
        if _flanks(text, before, after):
            out.append(f"{md_open}{text}{md_close}")
        else:
            out.append(f"{html_open}{text}{html_close}")
    return "".join(out)


def _quote(pair: Pair, hide_localization: bool = True) -> list[str]:
    """The pair's diff as quoted lines in the derived text's layout: equal text, ~~deletions~~
    (their line breaks and spacing collapsed), **insertions**; localising edits the comparison
    hides show the derived wording unmarked."""
    lines: list[list[tuple[str, str]]] = [[]]
    local = frozenset(pair.localization if hide_localization else ())
    for op, mark, text in marked_ops(pair.diff, local):
        if op == "delete":
            text = " ".join(text.split())
            if mark != "del" or not text:
                continue  # whitespace, or a punctuation width swap: the derived side shows
            lines[-1].append(("del", _escape(text)))
            continue
        mark = "ins" if mark == "ins" else ""
        for number, piece in enumerate(text.split("\n")):
            if number:
                lines.append([])
            if piece.strip():
                lines[-1].append((mark, _escape(piece)))
            elif piece:
                lines[-1].append(("", piece))
    out = []
    for runs in lines:
        if runs and not runs[0][0]:
            runs[0] = ("", _LINE_START.sub(r"\1\\\2", runs[0][1], count=1))
        out.append(("> " + _line(runs)).rstrip())
    while len(out) > 1 and out[-1] == ">":
        out.pop()
    return out


def _path(clause: Clause) -> str:
    return " › ".join(clause.path)


def _clause_path(document: Document, clause_id: str | None) -> str:
    if clause_id is None:
        return ""
    try:
        return _path(document.clause(clause_id))
    except KeyError:
        return ""


def _target_row(t: dict[str, str], change: TargetChange, comparison: Comparison,
                numbers: dict[str, int], lang: str = "zh") -> str:
    years = (str(change.after.year) if change.after.year is not None else ""
             ) if change.before.year == change.after.year else (
        f"{change.before.year or '—'} → {change.after.year or '—'}")
    parent = _cell(_clause_path(comparison.parent, change.parent_clause))
    derived = _cell(_clause_path(comparison.derived, change.derived_clause))
    where = numbers.get(f"d:{change.derived_clause}")
    if where is not None:
        derived = f"{t['row'].format(n=where)} {derived}".strip()
    cells = [_cell(change.metric, t["none"]), t[change.kind], _cell(change.before.text),
             _cell(change.after.text), f"{SYMBOLS[change.direction]} {t[change.direction]}"
             if change.direction in SYMBOLS else t.get(change.direction, change.direction),
             years, parent, derived, _cell(quantities.explanation(change, lang))]
    return "| " + " | ".join(cells) + " |"


def _clause_item(t: dict[str, str], row: Row, clauses: tuple[Clause, ...]) -> str:
    """One added or dropped row: where its first clause sits and the text of all (an article's
    paragraphs on one line)."""
    where = _cell(_path(clauses[0]))
    text = _cell(" ".join(c.text for c in clauses))
    head = t["row"].format(n=row.number)
    return f"- {head}" + (f" · {where}" if where else "") + f"{t['colon']}{text}"


def render_markdown(comparison: Comparison, *, lang: str = "zh") -> str:
    """The comparison as a Markdown report (``lang``: ``"zh"`` labels or ``"en"``)."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {sorted(LABELS)}, got {lang!r}")
    t = LABELS[lang]
    rows = table_rows(comparison)
    numbers: dict[str, int] = {}
    for row in rows:
        if row.number is None:
            continue
        for clause in row.parent:
            numbers.setdefault(f"p:{clause.id}", row.number)
        for clause in row.derived:
            numbers.setdefault(f"d:{clause.id}", row.number)
    parent, derived = comparison.parent.metadata, comparison.derived.metadata
    title = derived.title or comparison.derived.source
    out = [f"# {t['report']}{t['colon']}{_cell(title)}", ""]

    out += [f"## {t['summary']}", "",
            f"| {t['field']} | {t['parent']} | {t['derived']} |", "| --- | --- | --- |"]
    for label, p_value, d_value in (
            ("title", parent.title, derived.title),
            ("doc_number", parent.doc_number, derived.doc_number),
            ("issuer", parent.issuer, derived.issuer),
            ("date", parent.date, derived.date)):
        out.append(f"| {t[label]} | {_cell(p_value, t['none'])} | {_cell(d_value, t['none'])} |")
    summary = comparison.summary
    counts = [f"{t['rows']} {sum(1 for r in rows if r.number is not None)}"]
    for name, value in (*row_counts(summary), *target_counts(summary),
                        *renumbered_count(summary)):
        counts.append(f"{SYMBOLS[name]} {t[name]} {value}")
    counts.append(f"{t['reuse']} {comparison.summary.reuse * 100:.1f}%")
    out += ["", f"{t['counts']}{t['colon']}" + " · ".join(counts), ""]
    out += _substitutions(t, comparison) + _skipped(t, comparison)

    out += [f"## {t['targets']}", ""]
    if comparison.targets:
        heads = (t["metric"], t["kind"], t["before"], t["after"], t["direction"], t["year"],
                 t["parent_clause"], t["derived_clause"],
                 quantities.LABELS[lang]["explanation"])
        out.append("| " + " | ".join(heads) + " |")
        out.append("|" + " --- |" * len(heads))
        out += [_target_row(t, change, comparison, numbers, lang)
                for change in comparison.targets]
    else:
        out.append(t["no_targets"])
    out.append("")

    out += quantities.markdown_sections(comparison, lang)
    out += _responsibilities(t, comparison, numbers)

    for kind, empty in (("added", "no_added"), ("dropped", "no_dropped")):
        out += [f"## {t[kind + '_section']}", ""]
        listed = [r for r in rows if r.kind == kind]
        for row in listed:
            out.append(_clause_item(t, row, row.derived if kind == "added" else row.parent))
        if not listed:
            out.append(t[empty])
        out.append("")

    out += [f"## {t['changed_rows']}", ""]
    changed = [r for r in rows if r.kind == "pair" and r.change and r.pair is not None]
    for row in changed:
        assert row.pair is not None
        pair = row.pair
        where = _cell(" › ".join(crumbs(row.derived[0])))
        out.append(f"### {t['row'].format(n=row.number)}" + (f" · {where}" if where else ""))
        out.append("")
        notes = [f"{SYMBOLS[pair.status]} {t[pair.status]}",
                 f"{t['similarity']} {pair.similarity:.2f}"]
        if pair.moved:
            notes.append(f"{SYMBOLS['moved']} {t['moved']}")
        if pair.renumbered:
            notes.append(f"{SYMBOLS['renumbered']} {t['renumbered']} "
                         f"{pair.parent_number} → {pair.derived_number}")
        if pair.pinned:
            notes.append(f"{SYMBOLS['pinned']} {t['pinned']}")
        out.append(" · ".join(notes))
        out.append("")
        out += _why(t, pair)
        for change in pair.targets:
            out.append(f"- {_cell(change.metric) or t[change.kind]}{t['colon']}"
                       f"{_cell(change.before.text)}"
                       f" → {_cell(change.after.text)} {SYMBOLS.get(change.direction, '')} "
                       f"{t.get(change.direction, change.direction)}")
        if pair.targets:
            out.append("")
        out += _quote(pair, comparison.hide_localization)
        out.append("")
    if not changed:
        out += [t["unchanged"], ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- the reviewer's sections (#12) --------------------------------------------------------------

def _substitutions(t: dict[str, str], comparison: Comparison) -> list[str]:
    if not comparison.substitutions:
        return []
    items = " · ".join(f"{_cell(s.parent) or t['none']} → {_cell(s.derived) or t['none']} "
                       f"{t['times']}{s.count}" for s in comparison.substitutions)
    note = t["substitutions_note"] if comparison.hide_localization else t["substitutions_shown"]
    return [f"{t['substitutions']}（{note}）{t['colon']}{items}", ""]


def _skipped(t: dict[str, str], comparison: Comparison) -> list[str]:
    """Skipped page content, collapsed (GitHub renders <details>)."""
    spans = [(side, span) for side, document in (("parent", comparison.parent),
                                                 ("derived", comparison.derived))
             for span in document.skipped if span.reason != "blank"]
    out = ["<details><summary>" + _escape(f"{t['skipped_section']} ({len(spans)})")
           + "</summary>", ""]
    for side, span in spans:
        out.append(f"- {t['side_' + side]} · {t.get(span.reason, span.reason)}{t['colon']}"
                   f"{_cell(span.text)}")
    if not spans:
        out.append(t["no_skipped"])
    return [*out, "", "</details>", ""]


def _responsibilities(t: dict[str, str], comparison: Comparison, numbers: dict[str, int]
                      ) -> list[str]:
    out = [f"## {t['responsibilities']}", ""]
    if not comparison.responsibilities:
        return [*out, t["no_responsibilities"], ""]
    heads = (t["in_table"], t["task"], t["lead"], t["units_added"], t["units_removed"],
             t["deadline_col"])
    out += ["| " + " | ".join(heads) + " |", "|" + " --- |" * len(heads)]
    for change in comparison.responsibilities:
        number = numbers.get(f"d:{change.derived[0]}")
        where = (t["row"].format(n=number) + " " if number is not None else "") + _escape(
            f"({'、'.join(change.parent_numbers)} → {'、'.join(change.derived_numbers)})")
        task = _cell("".join(text for op, text in change.task if op != "delete"), t["none"])
        lead = (f"{SYMBOLS['modified']} {_cell(change.parent_lead)} → "
                f"{_cell(change.derived_lead)}" if change.lead_changed
                else f"= {_cell(change.derived_lead)}")
        deadline = (f"{_cell(change.parent_deadline)} → {_cell(change.derived_deadline)}"
                    if change.deadline_changed else _cell(change.derived_deadline))
        out.append("| " + " | ".join((
            where, task, lead, "、".join(_cell(u) for u in change.units_added) or t["none"],
            "、".join(_cell(u) for u in change.units_removed) or t["none"], deadline)) + " |")
    return [*out, ""]


def _why(t: dict[str, str], pair: Pair) -> list[str]:
    evidence = pair.evidence
    if evidence is None:
        return []
    parts = [f"{t['characters']} {evidence.characters:.2f}",
             f"{t['phrases_share']} {evidence.phrases * 100:.1f}%"]
    if evidence.shared:
        parts.append(f"{t['shared']}{t['colon']}" + "、".join(_cell(x) for x in evidence.shared))
    if evidence.anchors:
        parts.append(f"{t['anchors']}{t['colon']}"
                     + "、".join(_cell(x) for x in evidence.anchors))
    if evidence.runner_up is not None:
        parts.append(f"{t['runner_up']} {_cell(evidence.runner_up.clause)} "
                     f"{evidence.runner_up.similarity:.2f}")
    return [f"<details><summary>{_escape(t['why'])}</summary>", "", " · ".join(parts), "",
            "</details>", ""]
