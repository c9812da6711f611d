"""The Markdown report, the dataframes and the CSV files, and the CLI formats that write them."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import pandas
import pytest

from policydiff.cli import main
from policydiff.comparison import Comparison, compare
from policydiff.renderers import frames
from policydiff.renderers.frames import table_rows
from policydiff.renderers.markdown import _flanks, render_markdown

TESTS = Path(__file__).resolve().parent
CASE = TESTS / "cases" / "report-small"
EXAMPLES = TESTS.parent / "examples" / "tianjin"
CITY = EXAMPLES / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "2019-binhai-certification-plan.txt"


@cache
def small() -> Comparison:
    return compare(CASE / "parent.txt", CASE / "derived.txt")


@cache
def flagship() -> Comparison:
    return compare(CITY, BINHAI)


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_golden(golden) -> None:
    golden("report/report-small.md", render_markdown(small()))


def test_markdown_is_byte_stable() -> None:
    fresh = compare(CASE / "parent.txt", CASE / "derived.txt")
    assert render_markdown(fresh) == render_markdown(small())
    assert render_markdown(small(), lang="en") == render_markdown(small(), lang="en")


def test_markdown_sections_and_marks() -> None:
    text = render_markdown(small())
    for heading in ("## 概要", "## 目标与时限变化", "## 新增条款", "## 删除条款", "## 改动条款"):
        assert heading in text
    assert "| 产品质量合格率 | 目标 | 93%以上 | 95%以上 | ▲ 收紧 | 2020 |" in text
    # localisation is summarised once and left unmarked in the rows, unless asked for
    assert "~~全市~~**全区**" not in text and "（一）到2020年，全区产品质量合格率" in text
    shown = render_markdown(compare(CASE / "parent.txt", CASE / "derived.txt",
                                    hide_localization=False))
    assert "~~全市~~**全区**" in shown
    # 95% ends in punctuation before 以上: ** would not close there, so <ins> is used.
    assert "~~93%~~<ins>95%</ins>以上" in text
    # Document text is escaped.
    assert "<ins>\\<QC\\></ins>" in text and "\\*精益\\*" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_markdown_english() -> None:
    text = render_markdown(small(), lang="en")
    assert text.startswith("# Policy comparison report: ")
    assert "▲ tightened" in text and "## Targets and deadlines" in text
    with pytest.raises(ValueError, match="lang"):
        render_markdown(small(), lang="de")


def test_markdown_escapes_hostile_text() -> None:
    comparison = compare("方案\n\n一、目标\n\n（一）合格率稳定在93%以上。\n",
                         "方案\n\n一、目标\n\n（一）合格率稳定在95%以上。<script>x</script>|*a*_b_[l](u)\n")
    text = render_markdown(comparison)
    assert "<script>" not in text
    assert "\\<script\\>x\\</script\\>\\|\\*a\\*\\_b\\_\\[l\\](u)" in text


@pytest.mark.parametrize(("inner", "before", "after", "expected"), [
    ("全区", "在", "产", True),
    ("95%", "在", "以", False),      # ends in punctuation before a letter
    ("95%", "在", "", True),         # … or at the end of the line
    ("，新增", "区", "文", False),    # starts with punctuation after a letter
    ("，新增", "", "文", True),
    (" 新增", "", "", False),        # starts with a space
])
def test_flanking(inner: str, before: str, after: str, expected: bool) -> None:
    assert _flanks(inner, before, after) is expected


# --- dataframes and CSV ------------------------------------------------------------------------


def test_comparison_frame() -> None:
    comparison = flagship()
    frame = comparison.to_dataframe()
    assert list(frame.columns) == list(frames.COLUMNS)
    assert len(frame) == len(comparison.pairs) + len(comparison.added) + len(comparison.dropped)
    assert list(frame["row"]) == list(range(1, len(frame) + 1))
    counts = frame["kind"].value_counts().to_dict()
    assert counts == {k: v for k, v in {"pair": len(comparison.pairs),
                                        "added": len(comparison.added),
                                        "dropped": len(comparison.dropped)}.items() if v}
    pairs = frame[frame["kind"] == "pair"]
    assert pairs["similarity"].between(0, 1).all()
    assert int(pairs["moved"].sum()) == comparison.summary.moved
    assert (pairs["status"].value_counts().get("modified", 0)) == comparison.summary.modified
    assert frame.loc[frame["kind"] != "pair", "similarity"].isna().all()
    dropped = frame[frame["kind"] == "dropped"]
    assert (dropped["derived_text"] == "").all() and (dropped["parent_text"] != "").all()
    assert int(frame["targets"].sum()) == len(comparison.targets)


def test_targets_frame() -> None:
    frame = frames.targets_frame(flagship())
    assert list(frame.columns) == list(frames.TARGET_COLUMNS)
    assert len(frame) == len(flagship().targets)
    rate = frame[(frame["before"] == "93%以上") & (frame["after"] == "95%以上")]
    assert not rate.empty and set(rate["direction"]) == {"tightened"}
    assert rate.iloc[0]["after_value"] == 95 and rate.iloc[0]["after_year"] == 2020
    assert frame["row"].notna().all()


def test_write_csv_round_trip(tmp_path: Path) -> None:
    main_path, targets_path = frames.write_csv(small(), tmp_path / "report.csv")
    assert main_path == tmp_path / "report.csv"
    assert targets_path == tmp_path / "report-targets.csv"
    raw = main_path.read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" not in raw
    table = pandas.read_csv(main_path, encoding="utf-8-sig", keep_default_na=False)
    expected = small().to_dataframe()
    assert list(table.columns) == list(expected.columns)
    assert list(table["parent_text"]) == list(expected["parent_text"])
    assert list(table["derived_text"]) == list(expected["derived_text"])
    for got, want in zip(table["similarity"], expected["similarity"], strict=True):
        assert (got == "" and math.isnan(want)) or float(got) == want
    targets = pandas.read_csv(targets_path, encoding="utf-8-sig")
    assert list(targets["direction"]) == [t.direction for t in small().targets]
    # Same bytes twice.
    frames.write_csv(small(), tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == raw


def test_csv_paths() -> None:
    assert frames.csv_paths("out/report.csv") == (Path("out/report.csv"),
                                                  Path("out/report-targets.csv"))
    assert frames.csv_paths("report") == (Path("report"), Path("report-targets.csv"))


# --- the CLI -----------------------------------------------------------------------------------


def test_cli_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parent, derived = str(CASE / "parent.txt"), str(CASE / "derived.txt")
    assert main(["compare", parent, derived, "-o", str(tmp_path / "r.md")]) == 0
    assert (tmp_path / "r.md").read_text(encoding="utf-8") == render_markdown(small())
    assert main(["compare", parent, derived, "-o", str(tmp_path / "r.csv")]) == 0
    assert (tmp_path / "r.csv").exists() and (tmp_path / "r-targets.csv").exists()
    assert main(["compare", parent, derived, "-o", str(tmp_path / "r.html"), "--lang", "en"]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == small().to_html(lang="en")
    capsys.readouterr()
    assert main(["compare", parent, derived, "--format", "md", "--lang", "en"]) == 0
    assert capsys.readouterr().out == render_markdown(small(), lang="en")
    assert main(["compare", parent, derived, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("row,kind,status,similarity") and not out.startswith("\ufeff")


# --- the reviewer's sections (#12) -------------------------------------------------------------

def test_markdown_reviewer_sections() -> None:
    from policydiff.comparison import compare
    comparison = compare(Path("examples/tianjin/2018-tianjin-city-certification-plan.txt"),
                         Path("examples/tianjin/2019-binhai-certification-plan.txt"))
    text = render_markdown(comparison)
    assert "## 任务分工对照" in text and "区科技局" in text
    top = comparison.substitutions[0]
    assert f"{top.parent} → {top.derived} ×{top.count}" in text
    assert text.count("<details><summary>配对依据</summary>") == sum(
        1 for r in table_rows(comparison) if r.kind == "pair" and r.change)
    assert "<details><summary>未纳入比较的页面内容" in text


def test_frames_carry_why_and_responsibilities() -> None:
    from policydiff.comparison import compare
    comparison = compare(Path("examples/tianjin/2018-tianjin-city-certification-plan.txt"),
                         Path("examples/tianjin/2019-binhai-certification-plan.txt"))
    frame = comparison.to_dataframe()
    pairs = frame[frame["kind"] == "pair"]
    assert pairs["why_characters"].notna().all() and pairs["why_unpaired"].eq("").all()
    unpaired = frame[frame["kind"].isin(["added", "dropped"])]
    assert set(unpaired["why_unpaired"]) <= {"below-cutoff", "taken", "no-candidate"}
    assert unpaired["why_unpaired"].ne("").all()
    table = frames.responsibilities_frame(comparison)
    assert list(table.columns) == list(frames.RESPONSIBILITY_COLUMNS)
    assert len(table) == len(comparison.responsibilities) and table["row"].notna().all()
    assert (table["units_added"] != "").any() and (table["units_removed"] != "").any()
