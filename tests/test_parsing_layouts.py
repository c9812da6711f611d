"""The parser on layouts: the same table in every layout gives the same cells; Markdown marks,
zero-width characters, hard-wrapped PDF text and the known front-matter defects."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import BINHAI, CITY, CORPUS, EXAMPLES, needs_corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import LAYOUTS, relayout
from test_parsing import assert_covers

import policydiff
from policydiff.comparison import compare
from policydiff.document import ClauseKind, Document, SkipReason
from policydiff.parsing import parse

CITY_TEXT = CITY.read_text(encoding="utf-8")
LOCAL = CORPUS / "local-implementations" / "docs"


def rows(document: Document) -> list[tuple[tuple[tuple[str, str], ...], tuple[str, ...]]]:
    return [(c.cells, c.path[1:]) for c in document.clauses if c.kind == "table_row"]


REFERENCE = rows(parse(CITY_TEXT))


def test_reference_annex_has_the_downstream_columns() -> None:
    assert len(REFERENCE) == 32
    assert all([k for k, _ in cells] == ["number", "task", "work", "units"]
               for cells, _ in REFERENCE)


@pytest.mark.parametrize("layout", [lay for lay in LAYOUTS if lay != "inline"])
def test_annex_in_every_layout_gives_the_same_cells(layout: str) -> None:
    document = parse(relayout(CITY_TEXT, layout))
    assert rows(document) == REFERENCE
    assert_covers(document)


def test_annex_run_together_keeps_numbers_units_and_text() -> None:
    """Cells run together (Binhai's layout) carry no boundary between task and work; the task is
    found when the body names it, and nothing of the row is lost."""
    got = rows(parse(relayout(CITY_TEXT, "inline")))
    assert len(got) == len(REFERENCE)
    for (cells, _), (ref, _) in zip(got, REFERENCE, strict=True):
        mine, theirs = dict(cells), dict(ref)
        assert (mine["number"], mine["units"]) == (theirs["number"], theirs["units"])
        assert mine["task"] + mine["work"] == theirs["task"] + theirs["work"]
    assert sum(a == b for a, b in zip(got, REFERENCE, strict=True)) >= 29   # measured 29/32


@settings(max_examples=30, deadline=None, derandomize=True)
@given(layout=st.sampled_from([lay for lay in LAYOUTS if lay != "inline"]),
       blanks=st.booleans(), header=st.permutations(range(4)))
def test_any_header_order_and_blank_lines(layout: str, blanks: bool, header: list[int]) -> None:
    """Header words in any order: the columns follow the header, the cells stay the same. One
    cell per line without tabs loses empty cells, so rows are told apart by their number: it
    comes first there."""
    if layout.startswith("lines"):
        header = [0, *(k for k in header if k)]
    text = relayout(_columns_permuted(CITY_TEXT, header), layout)
    if blanks and layout != "tab":       # in layout 1 a row is a run of tab-indented lines
        text = text.replace("\n", "\n\n")
    got = {dict(cells)["number"]: dict(cells) for cells, _ in rows(parse(text))}
    assert got == {dict(c)["number"]: dict(c) for c, _ in REFERENCE}


def _columns_permuted(text: str, order: list[int]) -> str:
    """The city annex with its four tab-indented columns in ``order``."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].startswith("\t") and i + 3 < len(lines) and all(
                lines[i + k].startswith("\t") for k in range(4)):
            group = lines[i:i + 4]
            out += [group[k] for k in order]
            i += 4
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


def _html_page(text: str) -> str:
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    group: list[str] = []
    in_table = False
    for line in [*text.split("\n"), ""]:
        if line.startswith("\t"):
            group.append(line.strip())
            continue
        if group:
            if not in_table:
                parts.append("<table>")
                in_table = True
            parts.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in group) + "</tr>")
            group = []
        if line.strip():
            if in_table and not line.strip().startswith("（"):
                parts.append("</table>")
                in_table = False
            parts.append(f"<p>{html.escape(line.strip())}</p>")
    parts.append("</table></body></html>" if in_table else "</body></html>")
    return "\n".join(parts)


def test_annex_in_a_saved_html_table(tmp_path: Path) -> None:
    path = tmp_path / "city.html"
    path.write_text(_html_page(CITY_TEXT), encoding="utf-8")
    assert rows(policydiff.load(path)) == REFERENCE


def test_annex_in_a_docx_table(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph("重点任务分工")
    groups = [[c.strip() for c in g.split("\n")] for g in _tab_groups(CITY_TEXT)]
    table = document.add_table(rows=len(groups), cols=4)
    for row, values in zip(table.rows, groups, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "annex.docx"
    document.save(str(path))
    got = rows(policydiff.load(path))
    assert [dict(c) for c, _ in got] == [dict(c) for c, _ in REFERENCE]


def _tab_groups(text: str) -> list[str]:
    groups, current = [], []
    for line in text.split("\n"):
        if line.startswith("\t"):
            current.append(line)
        elif current:
            groups.append("\n".join(current))
            current = []
    return groups


@pytest.mark.parametrize("layout", ["lines-blank", "tabs", "markdown"])
def test_flagship_comparison_does_not_hinge_on_the_annex_layout(layout: str) -> None:
    binhai = policydiff.load(BINHAI)
    plain = compare(parse(CITY_TEXT), binhai)
    relaid = compare(parse(relayout(CITY_TEXT, layout)), binhai)
    assert [(tuple(c.id for c in p.parent), tuple(c.id for c in p.derived), p.status)
            for p in relaid.pairs] == [
        (tuple(c.id for c in p.parent), tuple(c.id for c in p.derived), p.status)
        for p in plain.pairs]
    assert [c.id for c in relaid.added] == [c.id for c in plain.added]
    assert [c.id for c in relaid.dropped] == [c.id for c in plain.dropped]


# --- what is not clause text -------------------------------------------------------------------

def test_markdown_heading_marks_are_skipped_markup() -> None:
    document = parse("# 中华人民共和国公司法\n\n## 第一章 总则\n\n第一条 为了规范公司的组织和行为，制定本法。\n")
    assert document.metadata.title == "中华人民共和国公司法"
    assert document.clauses[0].text == "中华人民共和国公司法"
    assert document.clauses[1].text == "第一章 总则" and document.clauses[1].kind == "heading"
    assert [s.text for s in document.skipped if s.reason == SkipReason.MARKUP] == ["# ", "## "]
    assert_covers(document)


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"])
def test_zero_width_characters_are_not_clause_text(char: str) -> None:
    text = f"{char}第一章 总则{char}\n第一条{char}为了规范公司的组织和行为，制定本法。\n{char}\n第二条 本法所称公司。\n"
    document = parse(text)
    assert [c.text for c in document.clauses] == [
        "第一章 总则", "第一条为了规范公司的组织和行为，制定本法。", "第二条 本法所称公司。"]
    assert all(char not in c.text for c in document.clauses)
    assert any(s.reason == SkipReason.INVISIBLE for s in document.skipped)
    assert_covers(document)


@needs_corpus
def test_company_law_has_no_marks_or_zero_width_in_clauses() -> None:
    document = policydiff.load(CORPUS / "law-versions" / "prc-company-law-2023.md")
    assert not any(c.text.startswith("#") or "\u200b" in c.text for c in document.clauses)


# --- hard-wrapped text -----------------------------------------------------------------------

@needs_corpus
def test_jinan_measures_are_reflowed_and_titled_by_the_notice() -> None:
    document = policydiff.load(CORPUS / "central-local" / "jinan-icv-road-testing-measures.txt")
    assert document.metadata.title == "济南市智能网联汽车道路测试与示范应用管理办法（试行）"
    article = next(c for c in document.clauses if c.number == "第二条")
    assert article.text == "第二条  本办法适用于本市行政区域范围内智能网联汽车道路测试与示范应用及其相关管理活动。"
    items = [c for c in document.clauses if c.kind == "list_item" and c.path[-2] == "第九条"]
    assert len(items) == 8                    # enumerated items are never joined
    assert not any(c.text.startswith("—") for c in document.clauses)      # page numbers skipped
    assert_covers(document)


def test_lines_of_one_paragraph_per_line_are_never_joined() -> None:
    for path in sorted((EXAMPLES / "tianjin").glob("*.txt")):
        document = policydiff.load(path)
        assert not any("\n" in c.text for c in document.clauses if c.kind == ClauseKind.BODY)


# --- the known front-matter defects ------------------------------------------------------------

@needs_corpus
@pytest.mark.parametrize(("name", "title"), [
    ("土地管理法(2019-08-26).md", "中华人民共和国土地管理法"),
    ("招标投标法(2017-12-27).md", "中华人民共和国招标投标法"),
    ("浙江省实施村民委员会组织法办法(2020-07-31).md", "浙江省实施《中华人民共和国村民委员会组织法》办法"),
])
def test_a_wrapped_history_line_is_history_not_a_title(name: str, title: str) -> None:
    document = policydiff.load(LOCAL / name)
    assert document.metadata.title == title
    history = [c for c in document.clauses if c.kind == "history"]
    assert history[-1].text.endswith("修正")


@needs_corpus
@pytest.mark.parametrize(("name", "title"), [
    ("浙江省实施教师法办法(2004-05-28).md", "浙江省实施《中华人民共和国教师法》办法"),
    ("浙江省实施归侨侨眷权益保护法办法(2001-06-29).md", "浙江省实施《中华人民共和国归侨侨眷权益保护法》办法"),
])
def test_a_bare_general_provisions_line_is_a_heading(name: str, title: str) -> None:
    document = policydiff.load(LOCAL / name)
    assert document.metadata.title == title
    division = next(c for c in document.clauses if c.text == "总则")
    assert division.kind == "heading"
    assert document.clause("art1").path == ("第一条",)      # articles keep their ids


def test_bare_general_provisions_in_a_small_act() -> None:
    document = parse("# 某省实施某法办法\n\n总则\n\n第一条 为了实施某法，制定本办法。\n")
    assert document.metadata.title == "某省实施某法办法"
    assert document.clauses[1].kind == "heading"


def test_closing_paragraph_of_the_2023_plan_belongs_to_the_document() -> None:
    document = policydiff.load(EXAMPLES / "tianjin" / "2023-tianjin-quality-action-plan.txt")
    closing = document.clauses[-1]
    assert closing.text.startswith("各区、各有关部门要加强组织领导")
    assert closing.path == () and closing.kind == "body"
    # where items have paragraphs of their own, a last paragraph stays with its item
    document = parse("一、总体要求\n（一）甲。内容。\n继续的段落。\n（二）乙。内容。\n最后的段落。\n")
    assert document.clauses[-1].path == ("一、总体要求", "（二）乙")


# --- the synthetic benchmark's layout-perturbation mode ----------------------------------------

def test_layout_perturbation_keeps_the_default_mode_and_adds_no_false_changes() -> None:
    """perturb=True re-lays tables out, swaps punctuation width and adds blank lines between
    clauses; compare() must report no more false adds and drops than on the plain documents
    (measured over 20 seeds and the corpus: 0 and 0)."""
    from synthetic import corpus_documents, derive, score

    documents = [p for p in corpus_documents() if "company-law" not in p.name] + [CITY]
    for seed in range(6):
        path = documents[seed * 3 % len(documents)]
        text = path.read_text(encoding="utf-8")
        plain, plain_truth = derive(text, seed)
        assert derive(text, seed, perturb=False) == (plain, plain_truth)
        perturbed, truth = derive(text, seed, perturb=True)
        assert perturbed != plain
        false = []
        for derived, known in ((plain, plain_truth), (perturbed, truth)):
            counts = score(compare(known.parent_text, derived), known)
            false.append(counts.added_predicted - counts.added_right
                         + counts.dropped_predicted - counts.dropped_right)
        assert false[1] <= false[0], f"{path.name} seed={seed}"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["序号", "任务", "重点工作", "牵头单位", "完成时限", "|", "|---|", "\t", "\n", "\n\n", "1", "2",
     "# ", "## ", "\u200b", "\ufeff", "\u2060", "总则", "第一条", "（一）", "市市场监管委、", "。",
     "，", ",", "附件", "专栏1", "— 2 —", "1986年6月25日通过《关于", "〉的决定》修正",
     "为加快推进智能网联汽车技术研发及应用指导智能网联汽车开展道路测试工作联合制定了"])))
def test_layout_grammars_never_raise_and_cover_every_character(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert_covers(parse(text))


def _indicator_box_as_markdown(text: str) -> str:
    """The 2022 opinion's 专栏1 (cells written ``cell |``, rows closed by ``|||``) as a Markdown
    table, its group labels (服务效能…) as rows with one cell."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("专栏1"))
    end = start + 1
    while lines[end].rstrip().endswith("|"):
        end += 1
    cells = [c.strip().rstrip("|").strip() for c in lines[start + 1:end]
             if c.strip() and set(c.strip()) > {"|", " "}]
    header, rest = cells[:4], cells[4:]
    out = [lines[start].rstrip(" |"), "| " + " | ".join(header) + " |", "|---|---|---|---|"]
    while rest:
        if len(rest) >= 4 and re.fullmatch(r"[\d.]+", rest[1]):
            out.append("| " + " | ".join(rest[:4]) + " |")
            rest = rest[4:]
        else:
            out.append(f"| {rest[0]} | | | |")
            rest = rest[1:]
    return "\n".join([*lines[:start], *out, *lines[end:]])


def test_indicator_table_as_markdown_gives_the_same_rows() -> None:
    text = (EXAMPLES / "tianjin" / "2022-tianjin-certification-opinion.txt").read_text("utf-8")
    original = [(c.cells, c.path) for c in parse(text).clauses if c.kind == "table_row"]
    document = parse(_indicator_box_as_markdown(text))
    assert [(c.cells, c.path) for c in document.clauses if c.kind == "table_row"] == original
    assert len(original) == 7
    groups = [c.text for c in document.clauses if c.id.split(".")[-1].startswith("group")]
    assert groups[:3] == ["| 服务效能 | | | |", "| 行业环境 | | | |", "| 基础支撑 | | | |"]
