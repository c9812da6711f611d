"""The structure parser on real documents and on the shapes they contain."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import BINHAI, CITY, CORPUS, EXAMPLES, corpus_files, needs_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

import policydiff
from policydiff.document import Document
from policydiff.parsing import parse, sentences
from policydiff.renderers.tree import document_text
from policydiff.vocabulary import IGNORABLE, visible


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", visible(text))


def assert_covers(document: Document) -> None:
    """Every character is in exactly one clause or skipped span, in order. A clause's text is
    its span trimmed; zero-width characters inside it are not text, and a re-flowed paragraph
    loses the line breaks it was wrapped at (its non-space characters are the span's)."""
    spans = sorted([(c.start, c.end) for c in document.clauses]
                   + [(s.start, s.end) for s in document.skipped])
    position = 0
    for start, end in spans:
        assert start == position, f"gap or overlap at {position}..{start}"
        assert end > start
        position = end
    assert position == len(document.text)
    for clause in document.clauses:
        span = document.text[clause.start:clause.end]
        if "\n" in span.strip() or any(c in IGNORABLE for c in span):
            assert _squash(clause.text) == _squash(span)
        else:
            assert clause.text == span.strip()
    for span in document.skipped:
        assert span.text == document.text[span.start:span.end]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_is_covered_and_ids_unique(path: Path) -> None:
    document = policydiff.load(path)
    assert_covers(document)
    ids = [c.id for c in document.clauses]
    assert len(ids) == len(set(ids))
    assert policydiff.load(path) == document       # deterministic


@pytest.mark.parametrize("path", sorted((EXAMPLES / "tianjin").glob("*.txt")), ids=lambda p: p.name)
def test_tianjin_trees_match_golden(path: Path, golden) -> None:
    document = dataclasses.replace(policydiff.load(path), source=f"examples/tianjin/{path.name}")
    golden(f"tianjin/{path.stem}.tree.txt", document_text(document))


def test_flagship_metadata() -> None:
    city = policydiff.load(CITY).metadata
    assert city.title == "天津市加强质量认证体系建设促进全面质量管理实施方案"
    assert city.notice_title == "天津市人民政府关于印发天津市加强质量认证体系建设促进全面质量管理实施方案的通知"
    assert city.date == "2018-12-02"
    assert city.issuer == "天津市人民政府"
    assert city.doc_number is None          # its own number appears only where Binhai cites it
    assert "国发〔2018〕3号" in city.cites
    binhai = policydiff.load(BINHAI).metadata
    assert binhai.title == "滨海新区加强质量认证体系建设促进全面质量管理实施方案"
    assert binhai.doc_number == "津滨政发〔2019〕16号"
    assert binhai.date == "2019-07-18"
    assert binhai.issuer == "天津市滨海新区人民政府"
    assert binhai.cites[:4] == (
        "《国务院关于加强质量认证体系建设促进全面质量管理的意见》", "国发〔2018〕3号",
        "《天津市人民政府关于印发天津市加强质量认证体系建设促进全面质量管理实施方案的通知》",
        "津政发〔2018〕29号")
    assert ("索引号", "87-6344-2019-00005") in binhai.fields


def test_other_tianjin_metadata() -> None:
    dongli = policydiff.load(EXAMPLES / "tianjin" / "2024-dongli-quality-plan.txt").metadata
    assert (dongli.title, dongli.doc_number, dongli.date) == (
        "东丽区质量强区建设实施方案", "东丽政发〔2024〕5号", "2024-08-22")
    assert "《天津市质量强市建设纲要》" in dongli.cites
    action = policydiff.load(EXAMPLES / "tianjin" / "2023-tianjin-quality-action-plan.txt").metadata
    assert action.doc_number == "津质量发〔2023〕3号"
    assert action.date == "2023-09-04"
    assert action.title == "天津市进一步提高产品 工程和服务质量行动实施方案（2023—2025年）"
    opinion = policydiff.load(EXAMPLES / "tianjin" / "2022-tianjin-certification-opinion.txt")
    assert opinion.metadata.title == "天津市市场监管委贯彻落实《认证认可检验检测“十四五”发展规划》实施意见"
    assert opinion.metadata.date == "2022-11-03"


def test_flagship_structure() -> None:
    city = policydiff.load(CITY)
    clause = city.clause("2.3.1")
    assert clause.path == ("二、重点任务", "（三）深化质量认证制度改革创新", "1．大力推行高端品质认证")
    assert clause.kind == "body" and clause.number == "1．"
    assert city.clause("1.1").path[-1] == "（一）指导思想"          # heading and text on one line
    assert city.clause("2.1").kind == "heading"                    # （一）…方法。 stands alone
    assert [c.kind for c in city.clauses if c.path[:1] == ("一、总体要求",)].count("list_item") == 3
    kinds = {c.kind for c in city.clauses[:8]}
    assert kinds == {"notice", "signature", "title", "preamble"}
    binhai = policydiff.load(BINHAI)
    heading = binhai.clause("2.2.1")
    assert heading.kind == "heading" and heading.path[-1] == "1.推动品牌滨海建设"
    assert binhai.clause("2.2.1.p1").path == heading.path
    furniture = [s.text.strip() for s in binhai.skipped if s.reason == "page-furniture"]
    assert "扫一扫在手机打开当前页" in furniture and furniture[0].startswith("当前位置")
    assert not any("扫一扫" in c.text for c in binhai.clauses)


def _rows(document: Document) -> list:
    return [c for c in document.clauses if c.kind == "table_row"]


def test_city_annex_table_one_cell_per_line() -> None:
    rows = _rows(policydiff.load(CITY))
    assert len(rows) == 32
    assert [r.cell("number") for r in rows] == [str(n) for n in range(1, 33)]
    third = rows[2]
    assert third.cell("task") == ""                       # empty task cell continues the task above
    assert third.path[-1] == "推广应用质量管理先进标准和方法"
    assert third.cell("work").startswith("针对大中型企业")
    assert third.cell("units").startswith("市市场监管委、市工业和信息化局")
    assert rows[18].cell("task") == "简化规范检验检测机构资质认定程序"


def test_binhai_annex_rows_run_together() -> None:
    rows = _rows(policydiff.load(BINHAI))
    numbered = [r for r in rows if r.cell("number")]
    assert [r.cell("number") for r in numbered] == [str(n) for n in range(1, 24)]
    first = numbered[0]
    assert first.cell("task") == "加强服务新区重大产业能力建设"
    assert first.cell("work").startswith("围绕新区航空航天") and first.cell("work").endswith("。")
    assert first.cell("units").startswith("区市场监管局")
    assert first.cell("units").endswith("区委编办")
    sixth = numbered[5]
    assert sixth.cell("task") == "打造质量管理体系认证“升级版”"
    assert sixth.cell("work").startswith("打造质量管理体系认证“升级版”。运用")
    assert numbered[14].cell("task") == "做好基础性工作,加强政策引导"
    continuation = rows[3]                                 # 立足落实…: a second work line of row 3
    assert continuation.cell("number") == "" and continuation.path[-1] == "提高服务科技创新技术水平"
    assert continuation.cell("units").startswith("区科技局")
    for row in rows:     # cells are pieces of the row's text, in order
        assert "".join(v for _, v in row.cells) == row.text


def test_pipe_table_in_box() -> None:
    opinion = policydiff.load(EXAMPLES / "tianjin" / "2022-tianjin-certification-opinion.txt")
    rows = _rows(opinion)
    assert len(rows) == 7
    first = dict(rows[0].cells)
    assert first == {"指标名称": "有效认证证书总数(张)", "2020年": "49978", "2025年": "70000",
                     "指标性质": "预期性"}
    assert rows[0].path[-1] == "专栏1 “十四五”主要发展指标"
    # the (一)… cells of 专栏2 stay inside the box and do not reset the document's headings
    after_box = next(c for c in opinion.clauses if c.text.startswith("(二)加快实现行业做强做优"))
    assert after_box.path == ("二、发展任务", "(二)加快实现行业做强做优")


def test_boxes_and_list_items() -> None:
    dongli = policydiff.load(EXAMPLES / "tianjin" / "2024-dongli-quality-plan.txt")
    boxes = [c for c in dongli.clauses if c.kind == "box"]
    assert [b.number for b in boxes] == [f"专栏{n}" for n in range(1, 8)]
    items = [c for c in dongli.clauses if c.path and c.path[-1] == boxes[0].path[-1]
             and c.kind == "list_item"]
    assert len(items) == 3 and items[0].text.startswith("——开展农业提质增效行动")


def _article_lines(text: str, traditional: bool = False) -> int:
    mark = "條" if traditional else "条"
    # an article line opens unindented or sets its mark off with a space; an indented line
    # running on from the mark is a paragraph citing an article (　　第六條各類…)
    number = rf"第[一二三四五六七八九十百零〇]+{mark}(?:之[一二三四五六七八九十]+)?"
    pattern = rf"^(?:#+\s*)?{number}|^[\s#]*{number}\s"
    return len(re.findall(pattern, text, flags=re.M))


@needs_corpus
@pytest.mark.parametrize("path", sorted((CORPUS / "law-versions").glob("*.md"))
                         + sorted((CORPUS / "laws").glob("*/*.txt")) if CORPUS.exists() else [],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_laws_have_one_clause_per_article(path: Path) -> None:
    document = policydiff.load(path)
    articles = [c for c in document.clauses if c.number and re.match(r"第.+[条條]", c.number)]
    traditional = path.parent.name.startswith("tw-")
    assert len(articles) == _article_lines(document.text, traditional)
    assert all(c.path[-1] == c.number for c in articles)
    chapters = [c for c in document.clauses if c.kind == "heading" and re.match(r"第.+[章]", c.path[-1])]
    if re.search(r"^[\s#]*第[一二三四五六七八九十]+章", document.text, flags=re.M):
        assert chapters, "chapters are headings"
    for clause in document.clauses:      # no article ever sits under a TOC line
        assert clause.kind != "toc" or not clause.path


@needs_corpus
def test_law_items_and_paragraphs_belong_to_their_article() -> None:
    document = policydiff.load(CORPUS / "laws" / "prc-public-security-penalties-2012-2025" / "new.txt")
    toc = [c for c in document.clauses if c.kind == "toc"]
    assert toc and toc[0].text == "目录"
    item = document.clause("ch2.art10.1")
    assert item.kind == "list_item" and item.path[-2:] == ("第十条", "（一）警告")
    paragraph = document.clause("ch2.art10.4.p1") if False else next(
        c for c in document.clauses if c.id.startswith("ch2.art10.p"))
    assert paragraph.path[-1] == "第十条"


@needs_corpus
def test_law_markdown_front_matter() -> None:
    document = policydiff.load(CORPUS / "law-versions" / "prc-company-law-2023.md")
    assert document.metadata.title == "中华人民共和国公司法"
    assert document.metadata.date == "2023-12-29"
    history = [c for c in document.clauses if c.kind == "history"]
    assert len(history) == 7
    assert any(s.reason == "markup" for s in document.skipped)
    taiwan = policydiff.load(CORPUS / "laws" / "tw-customs-act-2004" / "new.txt")
    assert taiwan.metadata.title == "關稅法"
    assert taiwan.metadata.date == "2004-05-05"
    assert taiwan.clause("ch1.art1").text.startswith("第一條")


def test_heading_shapes() -> None:
    text = ("一、总体要求\n（一）指导思想。以人民为中心。\n(二)基本原则\n1. 第一项\n2．第二项。内容。\n"
            "（1）小项\n①圈号\n——列表项。\n第三条之一　条文\n")
    document = parse(text)
    paths = [c.path for c in document.clauses]
    assert paths[1] == ("一、总体要求", "（一）指导思想")
    assert paths[2] == ("一、总体要求", "(二)基本原则")
    assert paths[3][-1] == "1.第一项" or paths[3][-1] == "1. 第一项"[:2] + "第一项"
    assert paths[4][-1] == "2．第二项"
    assert paths[5][-1] == "（1）小项" and paths[6][-1] == "①圈号"
    assert document.clauses[7].kind == "list_item"
    assert document.clauses[8].number == "第三条之一" and document.clauses[8].id.endswith("art3-1")


def test_sentences_respect_quotes_and_brackets() -> None:
    text = "落实“谁出证，谁负责；谁签字，谁担责”。加强监管（包括抽查；复查）；完善制度！好吗？尾巴"
    parts = [text[s:e] for s, e in sentences(text)]
    assert parts == ["落实“谁出证，谁负责；谁签字，谁担责”。", "加强监管（包括抽查；复查）；",
                     "完善制度！", "好吗？", "尾巴"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1.．：:。，\n\t 　——第条章节附件专栏序号任务|"
                                              "《》〔〕2019号年月日市区局委为现将印发的通知本市新区abc"))))
def test_parse_never_raises_and_covers_every_character(text: str) -> None:
    assert_covers(parse(text))


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_parse_arbitrary_unicode(text: str) -> None:
    assert_covers(parse(text))


def test_the_wide_blocks_of_line_width_are_wide_throughout() -> None:
    """Line.width skips the table for these blocks: every character in them must be W or F."""
    import unicodedata

    from policydiff.parsing.lines import WIDE_BLOCKS
    for first, last in re.findall(r"(.)-(.)", WIDE_BLOCKS):
        assert all(unicodedata.east_asian_width(chr(code)) in "WF"
                   for code in range(ord(first), ord(last) + 1)), (first, last)


def test_a_paragraph_opening_with_a_cross_reference_stays_in_its_article() -> None:
    text = ("第七條　為發展社區型中學，得設立完全中學。\n"
            "第八條　第六條各類高級中學之設立，依第五條規定辦理。\n"
            "　　第六條各類高級中學之課程標準，由中央主管教育行政機關定之。\n"
            "　　第八條所定事項，準用之。\n"
            "第九條高級中學教科用書，由中央主管教育行政機關審定。\n"
            "第十條之一學生申訴制度，由學校定之。\n"
            "第九條\n")
    document = policydiff.parse(text)
    assert [(c.id, c.text[:4]) for c in document.clauses] == [
        ("art7", "第七條　"), ("art8", "第八條　"), ("art8.p1", "第六條各"),
        ("art8.p2", "第八條所"), ("art9", "第九條高"), ("art10-1", "第十條之"), ("art9-2", "第九條")]
    cited = policydiff.compare(policydiff.parse(text), policydiff.parse(
        text.replace("第六條各類高級中學之課程", "第七條各類高級中學之課程")))
    # the cited number is text: changing it is a modification, not a renumbering
    assert [p.status for p in cited.pairs if p.status != "unchanged"] == ["modified"]
