"""Excel output (#12): one sheet per table, filters on the header rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from policydiff.comparison import compare
from policydiff.renderers import frames
from policydiff.renderers.xlsx import SHEETS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "tianjin"
CITY = EXAMPLES / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "2019-binhai-certification-plan.txt"


def test_sheets_filters_and_counts(tmp_path: Path) -> None:
    comparison = compare(CITY, BINHAI)
    path = comparison.to_xlsx(tmp_path / "report.xlsx")
    book = openpyxl.load_workbook(path)
    assert tuple(book.sheetnames) == SHEETS
    counts = {"pairs": len(comparison.pairs), "added": len(comparison.added),
              "dropped": len(comparison.dropped), "targets": len(comparison.targets),
              "obligations": len(getattr(comparison, "obligations", ()) or ()),
              "responsibilities": len(comparison.responsibilities)}
    for name in SHEETS:
        sheet = book[name]
        assert sheet.max_row == counts[name] + 1, name
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.freeze_panes == "A2"
    header = [c.value for c in book["pairs"][1]]
    assert header == list(frames.COLUMNS)
    assert [c.value for c in book["responsibilities"][1]] == list(frames.RESPONSIBILITY_COLUMNS)
    # values, not text: similarity is a number a researcher can sort
    similarity = header.index("similarity") + 1
    assert all(isinstance(book["pairs"].cell(row=r, column=similarity).value, int | float)
               for r in range(2, book["pairs"].max_row + 1))
    texts = [c.value for c in book["added"]["D"][1:]]
    assert set(texts) == {c.text for c in comparison.added}


def test_no_obligations_keeps_a_header(tmp_path: Path) -> None:
    parent = "示范方案\n\n一、目标\n\n（一）合格率稳定在93%以上。\n"
    comparison = compare(parent, parent.replace("93", "95"))
    book = openpyxl.load_workbook(comparison.to_xlsx(tmp_path / "r.xlsx"))
    assert book["obligations"].max_row == 1 and book["responsibilities"].max_row == 1
    assert book["targets"].max_row == 2
