"""Word output: the 对照表 and the tracked-changes redline (#12), and the CLI around them."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import docx
import pytest
from lxml import etree
from redline_xml import paragraphs, revision_authors

from policydiff.cli import main
from policydiff.comparison import Comparison, compare
from policydiff.renderers.frames import table_rows
from policydiff.renderers.redline import AUTHOR

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "tianjin"
CITY = EXAMPLES / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "2019-binhai-certification-plan.txt"
CASE = Path(__file__).resolve().parent / "cases" / "report-small"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def flagship() -> Comparison:
    return compare(CITY, BINHAI)


def _xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(part))


def test_table_layout_reads_back(tmp_path: Path) -> None:
    comparison = flagship()
    path = comparison.to_docx(tmp_path / "report.docx")
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.page_width > section.page_height                 # A4 landscape
    assert abs(section.page_width.mm - 297) < 1 and abs(section.page_height.mm - 210) < 1
    text = "\n".join(p.text for p in document.paragraphs)
    for heading in ("概要", "目标与时限变化", "任务分工对照", "新增条款", "删除条款", "对照表"):
        assert heading in text
    assert "本地化替换" in text
    side = document.tables[-1]
    assert [c.text for c in side.rows[0].cells] == ["序号", "上位文件", "本文件", "说明"]
    assert len(side.rows) == len(table_rows(comparison)) + 1
    # the header row repeats on every page
    assert side.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    # metadata of both documents in the title block
    meta = document.tables[0]
    assert comparison.derived.metadata.doc_number in meta.rows[2].cells[2].text
    # insertions bold and underlined, deletions struck through
    runs = [r for row in side.rows[1:] for cell in row.cells for p in cell.paragraphs
            for r in p.runs]
    assert any(r.bold and r.underline for r in runs)
    assert any(r.font.strike for r in runs)
    assert any("修改" in cell.text for row in side.rows[1:] for cell in row.cells[3:])


def test_table_layout_page_numbers(tmp_path: Path) -> None:
    path = flagship().to_docx(tmp_path / "report.docx")
    with zipfile.ZipFile(path) as archive:
        footers = [n for n in archive.namelist() if n.startswith("word/footer")]
        xml = "".join(archive.read(n).decode() for n in footers)
    assert " PAGE " in xml and " NUMPAGES " in xml and "第" in xml and "共" in xml


def test_redline_accept_gives_derived_reject_gives_parent(tmp_path: Path) -> None:
    for comparison in (flagship(), compare(CASE / "parent.txt", CASE / "derived.txt")):
        path = comparison.to_docx(tmp_path / "redline.docx", layout="redline")
        accepted = paragraphs(path, accept=True)
        rejected = paragraphs(path, accept=False)
        rows = table_rows(comparison)
        assert accepted == ["\n".join(c.text for c in r.derived) for r in rows if r.derived]
        assert rejected == ["\n".join(c.text for c in r.parent) for r in rows
                            if r.kind in ("dropped", "moved-from")
                            or (r.kind == "pair" and not r.moved)]
        # every clause of each document, once
        assert sorted("\n".join(accepted).split("\n")) == sorted(
            "\n".join(c.text for c in comparison.derived.clauses).split("\n"))
        assert sorted("\n".join(rejected).split("\n")) == sorted(
            "\n".join(c.text for c in comparison.parent.clauses).split("\n"))
        assert revision_authors(path) == {AUTHOR}
        root = _xml(path)
        dates = {e.get(f"{W}date") for tag in ("ins", "del") for e in root.iter(f"{W}{tag}")}
        day = (comparison.derived.metadata.date or comparison.parent.metadata.date
               or "1970-01-01")
        assert dates == {f"{day}T00:00:00Z"}
        ids = [e.get(f"{W}id") for tag in ("ins", "del") for e in root.iter(f"{W}{tag}")]
        assert len(ids) == len(set(ids)) > 0
        docx.Document(str(path))                   # python-docx reads it back


def test_word_and_excel_are_byte_stable(tmp_path: Path) -> None:
    fresh = compare(CITY, BINHAI)
    for layout in ("table", "redline"):
        first = flagship().to_docx(tmp_path / f"a-{layout}.docx", layout=layout)  # type: ignore[arg-type]
        second = fresh.to_docx(tmp_path / f"b-{layout}.docx", layout=layout)  # type: ignore[arg-type]
        assert first.read_bytes() == second.read_bytes(), layout
    assert (flagship().to_xlsx(tmp_path / "a.xlsx").read_bytes()
            == fresh.to_xlsx(tmp_path / "b.xlsx").read_bytes())


def test_redline_matches_an_independent_engine(tmp_path: Path) -> None:
    """jubarte-redlines (AGPL, a test-only check where installed) accepts and rejects the
    revisions to the same texts as the XML transform."""
    jubarte = pytest.importorskip("jubarte_redlines")
    path = flagship().to_docx(tmp_path / "redline.docx", layout="redline")
    for accept in (True, False):
        data = (jubarte.accept_revisions if accept else jubarte.reject_revisions)(
            path.read_bytes())
        out = tmp_path / f"resolved-{accept}.docx"
        out.write_bytes(data)
        theirs = "".join("".join(p.text.split()) for p in docx.Document(str(out)).paragraphs)
        ours = "".join("".join(t.split()) for t in paragraphs(path, accept=accept))
        assert theirs == ours


def test_unknown_layout_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'table' or 'redline'"):
        flagship().to_docx(tmp_path / "x.docx", layout="pdf")  # type: ignore[arg-type]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_both(tmp_path: Path) -> None:
    table = flagship().to_docx(tmp_path / "table.docx")
    redline = flagship().to_docx(tmp_path / "redline.docx", layout="redline")
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(table), str(redline)],
        capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    for name in ("table.pdf", "redline.pdf"):
        pdf = tmp_path / name
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
        assert pdf.stat().st_size > 20_000


# --- the CLI ----------------------------------------------------------------------------------

def test_cli_writes_word_and_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.docx"
    assert main(["compare", str(CASE / "parent.txt"), str(CASE / "derived.txt"),
                 "-o", str(out)]) == 0
    assert zipfile.is_zipfile(out) and docx.Document(str(out)).tables
    assert capsys.readouterr().err.strip() == f"policydiff: wrote {out}"
    red = tmp_path / "redline.docx"
    assert main(["compare", str(CASE / "parent.txt"), str(CASE / "derived.txt"),
                 "-o", str(red), "--docx-layout", "redline", "--quiet"]) == 0
    assert capsys.readouterr().err == "" and revision_authors(red) == {AUTHOR}
    book = tmp_path / "report.xlsx"
    assert main(["compare", str(CASE / "parent.txt"), str(CASE / "derived.txt"),
                 "-o", str(book), "-q"]) == 0
    assert zipfile.is_zipfile(book)


def test_cli_unknown_extension_names_the_formats(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.pdf"
    assert main(["compare", str(CASE / "parent.txt"), str(CASE / "derived.txt"),
                 "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policydiff: error: ") and ".pdf" in err
    for name in (".json", ".html", ".md", ".csv", ".docx", ".xlsx"):
        assert name in err
    assert not out.exists() and "Traceback" not in err


def test_cli_version_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("policydiff ")
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "examples:" in text and "-o report.docx" in text and "--docx-layout redline" in text
