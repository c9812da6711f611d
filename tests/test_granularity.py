"""What one row compares: articles for laws (a new article is one row, renumbering shown and
counted), paragraphs for plans, sentences on request."""

from __future__ import annotations

import json
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policydiff
from policydiff.alignment.marks import article_mark
from policydiff.comparison import Comparison, compare
from policydiff.granularity import PROSE, by_sentence
from policydiff.renderers.markdown import render_markdown
from policydiff.renderers.rows import table_rows
from policydiff.vocabulary import sentences

TESTS = Path(__file__).resolve().parent
LAW_SMALL = TESTS / "cases" / "law-small"
LAWS = TESTS.parent.parent / "shared" / "corpus" / "law-versions"
COMPANY = (LAWS / "prc-company-law-2018.md", LAWS / "prc-company-law-2023.md")
EXAMPLES = TESTS.parent / "examples" / "tianjin"
FLAGSHIP = (EXAMPLES / "2018-tianjin-city-certification-plan.txt",
            EXAMPLES / "2019-binhai-certification-plan.txt")


@cache
def law_small() -> Comparison:
    return compare(LAW_SMALL / "parent.txt", LAW_SMALL / "derived.txt")


@cache
def company() -> Comparison:
    return compare(*COMPANY)


def test_a_new_article_is_one_added_row() -> None:
    comparison = law_small()
    assert comparison.unit == "article"
    rows = [r for r in table_rows(comparison) if r.kind == "added"]
    assert [[c.id for c in r.derived] for r in rows] == [["ch1.art3", "ch1.art3.p1"]]
    assert comparison.summary.added == 2          # the contract's count: clauses
    assert comparison.summary.added_units == 1    # the rows: articles
    assert comparison.summary.dropped_units == comparison.summary.dropped == 1
    report = json.loads(comparison.to_json())
    assert report["unit"] == "article"
    assert report["added_units"] == [["ch1.art3", "ch1.art3.p1"]]
    assert report["dropped_units"] == [["ch2.art5"]]
    assert [c["id"] for c in report["added"]] == ["ch1.art3", "ch1.art3.p1"]


def test_renumbering_is_shown_with_both_numbers_and_counted(tmp_path: Path) -> None:
    comparison = law_small()
    renumbered = [p for p in comparison.pairs if p.renumbered]
    assert [(p.parent_number, p.derived_number) for p in renumbered] == [
        ("第三条", "第四条"), ("第四条", "第五条")]
    assert all(p.status == "unchanged" for p in renumbered)   # the number alone is no change
    assert comparison.summary.renumbered == 2
    html = comparison.to_html()
    assert html.count('class="badge b-renumbered"') == 3      # two rows and the legend
    assert html.count('<span class="numbers">') == 2
    assert "第三条 → 第四条" in html and "第四条 → 第五条" in html
    assert re.search(r"条文序号调整</span> <span class=\"v\">2<", html)   # in the counts
    markdown = render_markdown(comparison)
    assert "条文序号调整 第三条 → 第四条" not in markdown       # unchanged rows are not listed
    assert "№ 条文序号调整 2" in markdown
    path = comparison.to_docx(tmp_path / "table.docx")
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "№ 条文序号调整 第三条 → 第四条" in xml and "№ 条文序号调整 2" in xml


def test_plans_keep_one_clause_per_row() -> None:
    comparison = compare(*FLAGSHIP)
    assert comparison.unit == "paragraph"
    assert comparison.added_units == tuple((c,) for c in comparison.added)
    assert comparison.dropped_units == tuple((c,) for c in comparison.dropped)
    assert "条文序号调整" not in comparison.to_html()


def test_company_law_compares_article_by_article() -> None:
    """#10: the company law (2018 → 2023) gives one row per article, renumbering shown."""
    comparison = company()
    assert comparison.unit == "article"
    rows = [r for r in table_rows(comparison) if r.number is not None]
    for row in rows:
        for side in (row.parent, row.derived):
            if side and side[0].kind in ("body", "list_item"):
                # a side opens with its article and holds only that article's paragraphs,
                # or several whole articles (a merge or a split)
                assert article_mark(side[0].text), (row.number, [c.id for c in side])
    unpaired = [r for r in rows if r.kind in ("added", "dropped")]
    assert all(sum(article_mark(c.text) is not None for c in side) == 1
               for r in unpaired for side in (r.parent or r.derived,)
               if side[0].kind in ("body", "list_item"))
    # far fewer rows than clauses: 2018's 218 articles are 400-odd paragraphs and items
    assert len(rows) < len(comparison.pairs) + len(comparison.added) + len(comparison.dropped)
    assert comparison.summary.renumbered > 100
    assert comparison.summary.renumbered == sum(p.renumbered for p in comparison.pairs)
    assert f"条文序号调整</span> <span class=\"v\">{comparison.summary.renumbered}<" in (
        comparison.to_html())


def test_no_chained_many_to_many_articles() -> None:
    """Two pairs do not become one N:M pair because a paragraph of one resembles a paragraph of
    the other: the company law's parallel 有限责任公司 / 股份有限公司 articles made ten such
    groups (2018 第二十条+第六十三条 with 2023 第二十一条+第二十三条); one genuine
    restructuring (第三条、第四条) is a single link of its own."""
    many = [p for p in company().pairs
            if sum(article_mark(c.text) is not None for c in p.parent) > 1
            and sum(article_mark(c.text) is not None for c in p.derived) > 1]
    assert len(many) <= 1, [(p.parent_number, p.derived_number) for p in many]


def test_units_flatten_to_the_contract_lists() -> None:
    for comparison in (law_small(), company()):
        assert tuple(c for g in comparison.added_units for c in g) == comparison.added
        assert tuple(c for g in comparison.dropped_units for c in g) == comparison.dropped


# --- unit="sentence" --------------------------------------------------------------------------

PARENT = ("一、总体要求\n"
          "（一）加强组织领导。各部门要建立工作机制。要明确责任分工。要按月报送进展。\n"
          "（二）强化督促检查。对工作推进情况开展督查。督查结果纳入考核。\n")
DERIVED = ("一、总体要求\n"
           "（一）加强组织领导。要明确责任分工。各部门要建立工作机制。\n"
           "（二）强化督促检查。对工作推进情况开展督查。督查结果纳入考核。要按月报送进展。\n")


def test_sentence_unit_pairs_sentences() -> None:
    """A sentence moved from one paragraph to the next, and two swapped: per paragraph both are
    modified; per sentence every sentence is unchanged and the moves are found."""
    by_paragraph = compare(PARENT, DERIVED)
    assert by_paragraph.summary.modified == 2
    comparison = compare(PARENT, DERIVED, unit="sentence")
    assert comparison.unit == "sentence"
    assert not comparison.added and not comparison.dropped
    assert {p.status for p in comparison.pairs} == {"unchanged"}
    moved = {p.derived[0].text for p in comparison.pairs if p.moved}
    assert "要按月报送进展。" in moved
    ids = {c.id for c in comparison.derived.clauses}
    assert {"1.1.s1", "1.1.s2", "1.1.s3", "1.2.s4"} <= ids, ids
    report = json.loads(comparison.to_json())
    assert report["unit"] == "sentence"


def test_sentence_unit_covers_the_text_once() -> None:
    comparison = compare(*FLAGSHIP, unit="sentence")
    for document in (comparison.parent, comparison.derived):
        position = 0
        for clause in document.clauses:
            assert clause.start >= position and clause.end >= clause.start
            position = clause.end
        paired = {c.id for p in comparison.pairs for c in (*p.parent, *p.derived)}
        listed = paired | {c.id for c in (*comparison.added, *comparison.dropped)}
        assert {c.id for c in document.clauses} <= listed


def test_sentence_pins_name_sentences() -> None:
    comparison = compare(PARENT, DERIVED, unit="sentence", pins=[("1.1.s2", "1.1.s3")])
    pinned = [p for p in comparison.pairs if p.pinned]
    assert [(p.parent[0].id, p.derived[0].id) for p in pinned] == [("1.1.s2", "1.1.s3")]
    with pytest.raises(policydiff.ParseError, match=r"no clause '1\.1'"):
        compare(PARENT, DERIVED, unit="sentence", pins=[("1.1", "1.1.s1")])


_SENTENCE = st.text(alphabet="的政府工作推进机制责任", min_size=1, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(_SENTENCE, st.sampled_from("。；！？")), min_size=1,
                         max_size=5), min_size=1, max_size=4))
def test_by_sentence_keeps_every_character(paragraphs: list[list[tuple[str, str]]]) -> None:
    """Cut clauses lie in order inside the document; each paragraph's sentences joined give
    the paragraph back; each sentence's text is in its own span."""
    text = "一、总则\n" + "".join("".join(s + e for s, e in p) + "\n" for p in paragraphs)
    document = policydiff.load(text)
    cut = by_sentence(document)
    position = 0
    for clause in cut.clauses:
        assert position <= clause.start <= clause.end <= len(cut.text)
        assert clause.text in cut.text[clause.start:clause.end]
        position = clause.end
    for clause in document.clauses:
        pieces = [c for c in cut.clauses if c.id == clause.id or c.id.startswith(clause.id + ".s")]
        assert "".join(c.text for c in pieces) == re.sub(r"\s", "", clause.text) or (
            "".join(c.text for c in pieces) == clause.text)
        if clause.kind in PROSE:
            assert len(pieces) == max(1, len(sentences(clause.text)))


def test_an_article_alone_between_two_pairs_pairs_with_the_one_facing_it() -> None:
    from policydiff.alignment.matching import Link
    from policydiff.alignment.rarity import Rarity
    from policydiff.alignment.units import _alone
    parent = ["高级中学入学资格须具有国民中学毕业学力", "高级中学各科教材应由教育部编辑或审定之",
              "高级中学设校长一人综理校务"]
    derived = ["高级中学入学资格须具有国民中学毕业学力者", "高级中学教科用书由中央主管教育行政机关审定",
               "高级中学设校长一人专任综理校务"]
    anchors = [Link((0,), (0,)), Link((2,), (2,))]
    no_titles = ([False] * 3, [False] * 3)
    def bigrams() -> Rarity:
        return Rarity(parent, derived)
    assert _alone(anchors, parent, derived, 0.3, no_titles, bigrams)[2:] == [
        Link((1,), (1,), False, "order")]
    # not alone: a second free article on the derived side between the same pairs
    wider = [Link((0,), (0,)), Link((2,), (3,))]
    wide = [*derived[:2], "本法所称主管机关为教育部", derived[2]]
    assert _alone(wider, parent, wide, 0.3, ([False] * 3, [False] * 4),
                  lambda: Rarity(parent, wide)) == wider
    # a division title faces no article, and the order floor still holds
    assert _alone(anchors, parent, derived, 0.3, ([False] * 3, [False, True, False]),
                  bigrams) == anchors
    assert _alone(anchors, parent, derived, 0.9, no_titles, bigrams) == anchors
