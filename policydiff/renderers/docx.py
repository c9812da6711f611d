"""The 对照表 as a Word document (python-docx, the ``docx`` extra).

Legal reviewers pass their work on in Word. The document is A4 landscape: a title block with
both documents' metadata, the summary (counts and localisation substitutions), the target,
task-division, added and dropped tables, then the side-by-side table 序号 | 上位文件 | 本文件 |
说明 whose header row repeats on every page. Insertions are bold and underlined, deletions
struck through (so nothing depends on colour), and the status and notes sit in 说明. The footer
carries 第X页 共Y页 as PAGE / NUMPAGES fields, which Word, WPS and LibreOffice fill in.

Only formats: rows, runs and notes come from the same views as the HTML report.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .html import LABELS, SYMBOLS, _diff_sides, _view
from .rows import clause_path, renumbered_count, row_counts, table_rows, target_counts

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    from ..comparison import Comparison
    from ..document import Document
    from .html import Side, View

__all__ = ["write_docx"]

SERIF = "Noto Serif CJK SC"     # falls back to SimSun/宋体 in Word where it is not installed
SANS = "Noto Sans CJK SC"


def _docx() -> Any:
    try:
        import docx
    except ImportError:  # pragma: no cover - depends on the environment
        from ..errors import InputError
        raise InputError("docx", "writing Word files needs python-docx: "
                                 "pip install 'policydiff[docx]'") from None
    return docx


def new_document(*, landscape: bool) -> WordDocument:
    """An empty A4 document with a CJK body font (portrait or landscape)."""
    docx = _docx()
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document: WordDocument = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(15))
    section.top_margin = section.bottom_margin = Mm(15)
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    style.font.name = SERIF
    style.element.rPr.rFonts.set(qn("w:eastAsia"), SERIF)
    return document


def page_footer(document: WordDocument, header: str | None = None) -> None:
    """第X页 共Y页 in the footer (PAGE and NUMPAGES fields); ``header`` as a running header."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("第")
    _field(footer, "PAGE")
    footer.add_run("页 共")
    _field(footer, "NUMPAGES")
    footer.add_run("页")
    if header:
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(header)
        run.font.size = Pt(8)


_CORE_DATES = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable_zip(path: Path, date: str | None) -> None:
    """Rewrite an Office file so that the same comparison gives the same bytes: every zip entry
    dated 1980-01-01 and the package's created/modified dates set to ``date`` (the derived
    document's date) instead of the time of writing."""
    stamp = f"{date or '1970-01-01'}T00:00:00Z"
    with zipfile.ZipFile(path) as archive:
        parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = _CORE_DATES.sub(rf"\g<1>{stamp}\g<2>", data.decode("utf-8")).encode()
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)


def _field(paragraph: Paragraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    for part in (char("begin"), code, char("separate")):
        paragraph.add_run()._r.append(part)
    paragraph.add_run("1")
    paragraph.add_run()._r.append(char("end"))


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _table(document: WordDocument, header: Sequence[str], widths: Sequence[float]) -> Any:
    from docx.shared import Mm
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)        # the grid: LibreOffice lays columns out from it
    for cell, text, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    return table


def _row(table: Any, values: Sequence[str], widths: Sequence[float]) -> list[_Cell]:
    from docx.shared import Mm
    cells = table.add_row().cells
    for cell, value, width in zip(cells, values, widths, strict=True):
        cell.width = Mm(width)
        if value:
            cell.paragraphs[0].add_run(value)
    return list(cells)


def add_runs(paragraph: Paragraph, runs: Sequence[tuple[str, str]]) -> None:
    """Marked runs: ``ins`` bold and underlined, ``del`` struck through."""
    for mark, text in runs:
        run = paragraph.add_run(text)
        if mark == "ins":
            run.bold = True
            run.underline = True
        elif mark == "del":
            run.font.strike = True


def _side(cell: _Cell, sides: Sequence[Side]) -> None:
    from docx.shared import Pt
    first = True
    for side in sides:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if side.crumbs:
            crumb = paragraph.add_run(" › ".join(side.crumbs))
            crumb.font.size = Pt(7.5)
            crumb.font.name = SANS
            paragraph = cell.add_paragraph()
        if side.cells:
            for number, (_, runs) in enumerate(side.cells):
                if not runs:
                    continue
                if number:
                    paragraph = cell.add_paragraph()
                add_runs(paragraph, runs)
        else:
            add_runs(paragraph, side.runs)


def _notes(view: View, labels: dict[str, str], numbers: dict[str, int | None]) -> str:
    row = view.row
    if row.kind == "moved-from":
        target = numbers.get(row.link or "")
        return f"{SYMBOLS['moved-from']} {labels['moved_note']} {labels['row'].format(n=target)}"
    parts = [f"{SYMBOLS[row.status]} {labels[row.status]}"]
    if row.pair is not None and row.status != "unchanged":
        parts.append(f"{labels['similarity']} {row.pair.similarity:.2f}")
    if row.moved:
        parts.append(f"{SYMBOLS['moved']} {labels['moved']}")
    if row.pair is not None and row.pair.renumbered:
        parts.append(f"{SYMBOLS['renumbered']} {labels['renumbered']} "
                     f"{row.pair.parent_number} → {row.pair.derived_number}")
    for change in row.targets:
        parts.append(f"{change.metric or labels[change.kind]}{labels['colon']}{change.before.text}"
                     f" → {change.after.text} {SYMBOLS.get(change.direction, '=')} "
                     f"{labels.get(change.direction, change.direction)}")
    evidence = row.pair.evidence if row.pair is not None else None
    if evidence is not None and evidence.shared:
        parts.append(f"{labels['shared']}{labels['colon']}{'、'.join(evidence.shared[:3])}")
    return "\n".join(parts)


def _metadata(document: Document) -> list[str]:
    meta = document.metadata
    return [meta.title or "", meta.doc_number or "", meta.issuer or "", meta.date or "",
            Path(document.source).name if document.source else ""]


def write_docx(comparison: Comparison, path: str | os.PathLike[str], *, lang: str = "zh"
               ) -> Path:
    """Write the 对照表 to ``path`` (a ``.docx`` file); returns the path."""
    t = LABELS[lang]
    document = new_document(landscape=True)
    parent_title = comparison.parent.metadata.title or Path(comparison.parent.source).name
    derived_title = comparison.derived.metadata.title or Path(comparison.derived.source).name
    page_footer(document, f"{parent_title} → {derived_title}")
    document.add_heading(t["report"], level=0)

    widths = (30.0, 118.0, 119.0)
    table = _table(document, (t["field"], t["parent"], t["derived"]), widths)
    for field, p_value, d_value in zip(("title", "doc_number", "issuer", "date", "source"),
                                       _metadata(comparison.parent),
                                       _metadata(comparison.derived), strict=True):
        _row(table, (t[field], p_value or t["none"], d_value or t["none"]), widths)

    summary = comparison.summary
    document.add_heading(t["summary"], level=1)
    counts = [(t["rows"], len([r for r in table_rows(comparison) if r.number]))] + [
        (f"{SYMBOLS[name]} {t[name]}", value)
        for name, value in (*row_counts(summary), *target_counts(summary),
                            *renumbered_count(summary))]
    document.add_paragraph("　".join(f"{k} {v}" for k, v in counts)
                           + f"　{t['reuse']} {summary.reuse * 100:.1f}%")
    if comparison.substitutions:
        note = t["substitutions_note"] if comparison.hide_localization else ""
        document.add_paragraph(f"{t['substitutions']}{t['colon']}" + "；".join(
            f"{s.parent or t['none']} → {s.derived or t['none']} ×{s.count}"
            for s in comparison.substitutions) + (f"（{note}）" if note else ""))

    rows = table_rows(comparison)
    numbers = {row.id: row.number for row in rows}
    _targets(document, comparison, t)
    _responsibilities(document, comparison, t, rows)
    for kind, title, empty in (("added", "added_section", "no_added"),
                               ("dropped", "dropped_section", "no_dropped")):
        document.add_heading(t[title], level=1)
        chosen = [row for row in rows if row.kind == kind]
        if not chosen:
            document.add_paragraph(t[empty])
            continue
        widths = (20.0, 70.0, 177.0)
        table = _table(document, (t["in_table"], t["location"], t["text"]), widths)
        for row in chosen:
            side = row.derived or row.parent          # a new article: all its paragraphs
            _row(table, (t["row"].format(n=row.number), clause_path(side[0]),
                         "\n".join(c.text for c in side)), widths)

    # the 对照表 opens a page; a break before its heading, not a break paragraph of its own,
    # which leaves a blank page when the summary ends at the foot of one
    heading = document.add_heading(t["side_by_side"], level=1)
    heading.paragraph_format.page_break_before = True
    side_widths = (12.0, 105.0, 105.0, 45.0)
    table = _table(document, (t["number"], t["parent"], t["derived"], t["notes"]), side_widths)
    hide = comparison.hide_localization
    by_rows = {change.parent: change for change in comparison.responsibilities}
    for row in rows:
        view = _view(row, hide, by_rows)
        cells = _row(table, (str(row.number) if row.number else SYMBOLS["moved-from"], "", "",
                             _notes(view, t, numbers)), side_widths)
        _side(cells[1], view.parent)
        _side(cells[2], view.derived)
    target = Path(path)
    document.save(str(target))
    stable_zip(target, comparison.derived.metadata.date)
    return target


def _targets(document: WordDocument, comparison: Comparison, t: dict[str, str]) -> None:
    document.add_heading(t["targets"], level=1)
    if not comparison.targets:
        document.add_paragraph(t["no_targets"])
        return
    widths = (70.0, 20.0, 45.0, 45.0, 30.0, 20.0, 37.0)
    table = _table(document, (t["metric"], t["kind"], t["before"], t["after"], t["direction"],
                              t["year"], t["derived_clause"]), widths)
    for change in comparison.targets:
        years = (f"{change.before.year or '—'} → {change.after.year or '—'}"
                 if change.before.year != change.after.year else str(change.after.year or ""))
        _row(table, (change.metric or t["none"], t[change.kind], change.before.text,
                     change.after.text,
                     f"{SYMBOLS.get(change.direction, '=')} "
                     f"{t.get(change.direction, change.direction)}",
                     years, change.derived_clause or ""), widths)


def _responsibilities(document: WordDocument, comparison: Comparison, t: dict[str, str],
                      rows: Sequence[Any]) -> None:
    document.add_heading(t["responsibilities"], level=1)
    if not comparison.responsibilities:
        document.add_paragraph(t["no_responsibilities"])
        return
    row_of = {c.id: row.number for row in rows if row.number for c in row.derived}
    widths = (22.0, 75.0, 45.0, 55.0, 55.0, 15.0)
    table = _table(document, (t["in_table"], t["task"], t["lead"], t["units_added"],
                              t["units_removed"], t["deadline_col"]), widths)
    for change in comparison.responsibilities:
        lead = (f"{t['lead_changed']}{t['colon']}{change.parent_lead} → {change.derived_lead}"
                if change.lead_changed else f"= {change.derived_lead}")
        deadline = (f"{change.parent_deadline} → {change.derived_deadline}"
                    if change.deadline_changed else change.derived_deadline)
        number = row_of.get(change.derived[0])
        cells = _row(table, (
            (t["row"].format(n=number) if number else "") + "\n"
            + f"{'、'.join(change.parent_numbers)} → {'、'.join(change.derived_numbers)}",
            "", lead, "\n".join("+" + u for u in change.units_added) or t["none"],
            "\n".join("−" + u for u in change.units_removed) or t["none"], deadline), widths)
        parent_runs, derived_runs = _diff_sides(change.task)
        add_runs(cells[1].paragraphs[0], [(m, x) for m, x in parent_runs if m == "del"]
                 + [(m, x) for m, x in derived_runs])
