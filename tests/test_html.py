"""The HTML report and the notebook fragment: golden fragment, determinism, structure, escaping."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policydiff.comparison import Comparison, compare
from policydiff.renderers import html
from policydiff.renderers.frames import table_rows

TESTS = Path(__file__).resolve().parent
CASES = TESTS / "cases"
EXAMPLES = TESTS.parent / "examples" / "tianjin"
CITY = EXAMPLES / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "2019-binhai-certification-plan.txt"
SECTIONS = ("summary", "side-by-side", "added", "dropped", "targets")


@cache
def small() -> Comparison:
    case = CASES / "report-small"
    return compare(case / "parent.txt", case / "derived.txt")


@cache
def flagship() -> Comparison:
    return compare(CITY, BINHAI)


class Tags(HTMLParser):
    """Collects (tag, attrs) of every start tag, and checks that the markup nests."""

    VOID = frozenset({"meta", "input", "col", "br", "img", "link", "hr", "wbr"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-3:]}"
        self.stack.pop()

    def ids(self) -> list[str]:
        return [attrs["id"] or "" for _, attrs in self.tags if "id" in attrs]


def test_fragment_golden(golden) -> None:
    golden("report/report-small.fragment.html", small()._repr_html_())


def test_outputs_are_byte_stable() -> None:
    for lang in ("zh", "en"):
        assert html.render_report(small(), lang=lang) == html.render_report(small(), lang=lang)
    fresh = compare(CASES / "report-small" / "parent.txt", CASES / "report-small" / "derived.txt")
    assert fresh.to_html() == small().to_html()
    assert fresh._repr_html_() == small()._repr_html_()


def test_report_structure() -> None:
    page = small().to_html()
    tags = Tags(page)
    assert tags.stack == []
    ids = tags.ids()
    assert len(ids) == len(set(ids)), "duplicate ids"
    for section in SECTIONS:
        assert ("section", {"id": section}) in tags.tags
        assert f'href="#{section}"' in page
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
    assert "对照表" in page and "上位文件" in page and "本文件" in page and "说明" in page
    # Every row of the 对照表 has an id and a link to itself.
    rows = table_rows(small())
    for row in rows:
        assert f'<tr id="{row.id}"' in page
        assert f'<a class="anchor" href="#{row.id}">' in page


def test_english_labels() -> None:
    page = small().to_html(lang="en")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    for label in ("Side by side", "Targets and deadlines", "Parent", "Derived", "tightened"):
        assert label in page
    assert "对照表" not in page and "上位文件" not in page
    with pytest.raises(ValueError, match="lang"):
        small().to_html(lang="fr")


def test_self_contained() -> None:
    page = flagship().to_html()
    tags = Tags(page)
    for tag, attrs in tags.tags:
        assert tag not in ("link", "img", "iframe", "object", "embed"), tag
        for name in ("src", "href", "action"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith("#"), f"<{tag} {name}={value!r}> leaves the page"
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    script = page[page.index("<script>"):page.index("</script>")]
    for code in (*styles, script):
        for word in ("http", "url(", "@import", "fetch", "XMLHttpRequest", "src", "WebSocket"):
            assert word not in code, word
    csp = next(attrs["content"] for tag, attrs in tags.tags
               if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy")
    assert csp is not None and "default-src 'none'" in csp and "unsafe-inline" not in csp
    # the report's style and the print page boxes (running title, 第X页 共Y页), each hashed
    assert page.count("<script>") == 1 and page.count("<style>") == 2
    for code in styles:
        assert html._sha256(code) in csp


def test_word_level_marks_use_more_than_colour() -> None:
    page = small().to_html()
    # 93% → 95%: struck through and underlined, each with its text marker.
    assert '<span class="mk">[-</span><del>93%</del><span class="mk">-]</span>' in page
    assert '<span class="mk">{+</span><ins>95%</ins><span class="mk">+}</span>' in page
    # The legend explains every mark and status.
    legend = page[page.index('id="legend"'):page.index("</dl>")]
    for word in ("[-", "{+", "删除线", "下划线", "未变", "本地化", "修改", "新增", "删除", "移动",
                 "收紧", "放宽", "按规模调整"):
        assert word in legend, word
    # Directions carry a symbol and a word.
    assert '<span class="dir d-tightened">▲ 收紧</span>' in page
    assert '<span class="dir d-rescaled">◆ 按规模调整</span>' in page


def test_targets_section_lists_tightened_change() -> None:
    page = flagship().to_html()
    targets = page[page.index('<section id="targets">'):page.index('<section id="side-by-side">')]
    rows = re.findall(r'<tr class="target t-(\w+)" data-direction="\w+">(.*?)</tr>', targets,
                      re.S)
    assert rows
    found = [d for d, body in rows if "93%以上" in body and "95%以上" in body]
    assert found and set(found) == {"tightened"}
    assert len(rows) == len(flagship().targets)


def test_side_by_side_order_and_placement() -> None:
    comparison = flagship()
    rows = table_rows(comparison)
    # Every pair, added and dropped clause is one numbered row; markers are extra.
    kinds = [row.kind for row in rows]
    assert kinds.count("pair") == len(comparison.pairs)
    assert kinds.count("added") == len(comparison.added)
    assert kinds.count("dropped") == len(comparison.dropped)
    assert kinds.count("moved-from") == sum(pair.moved for pair in comparison.pairs)
    assert [row.number for row in rows if row.number] == list(range(1, len(rows) + 1 - kinds.count(
        "moved-from")))
    assert len({row.id for row in rows}) == len(rows)
    # Pairs and added clauses keep the derived order.
    position = {c.id: i for i, c in enumerate(comparison.derived.clauses)}
    derived_order = [position[row.derived[0].id] for row in rows if row.derived]
    assert derived_order == sorted(derived_order)
    # A dropped clause sits after the row showing the parent clause before it.
    parent_position = {c.id: i for i, c in enumerate(comparison.parent.clauses)}
    for index, row in enumerate(rows):
        if row.kind != "dropped":
            continue
        mine = parent_position[row.parent[0].id]
        before = [r for r in rows[:index] if r.parent and not r.moved]
        if mine == 0 or not before:
            continue
        assert min(parent_position[c.id] for c in before[-1].parent) < mine


def test_moved_rows_link_both_ways() -> None:
    page = flagship().to_html()
    for row in table_rows(flagship()):
        if row.kind == "moved-from":
            assert row.link is not None
            assert f'href="#{row.link}"' in page
            assert f'<tr id="{row.link}"' in page
            assert f'href="#{row.id}"' in page


def test_document_text_is_escaped() -> None:
    hostile = ('<script>alert(1)</script><img src=x onerror=alert(2)>'
               '<svg onload=alert(3)><a href="javascript:alert(4)">x</a>&amp;')
    parent = "示范方案\n\n一、目标\n\n（一）到2020年，合格率稳定在93%以上。\n"
    derived = f"示范方案{hostile}\n\n一、目标\n\n（一）到2020年，合格率稳定在95%以上。{hostile}\n"
    comparison = compare(parent, derived)
    for page in (comparison.to_html(), comparison._repr_html_(),
                 comparison.to_html(lang="en")):
        tags = Tags(page)
        text = page.replace("<wbr>", "")  # break opportunities in long runs are not text
        assert not any(tag in ("img", "svg", "a") and ("onerror" in attrs or "onload" in attrs)
                       for tag, attrs in tags.tags)
        assert not any((attrs.get("href") or "").startswith("javascript:")
                       for _, attrs in tags.tags)
        assert text.count("<script") <= 1  # the report's own script only
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert "&amp;amp;" in text


def test_fragment_is_compact_and_script_free() -> None:
    fragment = flagship()._repr_html_()
    assert "<script" not in fragment and " id=" not in fragment
    assert not re.search(r"<[^>]*\son\w+=", fragment)
    assert fragment.startswith('<div class="policydiff-fragment" lang="zh-CN">')
    assert Tags(fragment).stack == []
    # Summary, targets, changed rows; unchanged and localized-only rows are left out.
    assert "装备制造业产品质量合格率" in fragment and "▲ 收紧" in fragment
    shown = fragment.count("<tr>") - fragment.count("<thead><tr>")
    rows = table_rows(flagship())
    changed = [r for r in rows if r.change and not r.localized_only and r.kind != "moved-from"]
    assert shown == len(flagship().targets) + len(changed)
    assert "comparison.to_html()" in fragment


def test_multi_clause_pairs_show_each_clause() -> None:
    comparison = flagship()
    merged = next(pair for pair in comparison.pairs if len(pair.derived) > 1)
    view = html._view(next(row for row in table_rows(comparison) if row.pair is merged))
    assert [side.clause for side in view.derived] == list(merged.derived)
    for side in view.derived:
        assert "".join(text for _, text in side.runs) == side.clause.text
    for side in view.parent:
        assert "".join(text for _, text in side.runs) == side.clause.text


# --- the reviewer's report (#12) ---------------------------------------------------------------

def test_responsibilities_section_on_the_flagship() -> None:
    comparison = flagship()
    page = comparison.to_html()
    section = page[page.index('<section id="responsibilities">'):
                   page.index('<section id="side-by-side">')]
    assert section.count('<tr class="resp-row') == len(comparison.responsibilities) > 0
    # units are compared as roles: the city's 市市场监管委 is the district's 区市场监管局
    assert "牵头单位未变" in section and "区科技局" in section and "天津海关" in section
    assert any(r.units_added and r.units_removed for r in comparison.responsibilities)


def test_annex_rows_show_cells_in_columns() -> None:
    page = flagship().to_html()
    row = page[page.index('<tr id="d-annex1.row5"'):]
    row = row[:row.index("</tr>")]
    for column in ("number", "task", "work", "units"):
        assert f'class="cell cell-{column}"' in row
    # the units cell is marked unit by unit from the role comparison, not [-市-]{+区+}
    parent_side = row[:row.index('<td class="side derived">')]
    derived_side = row[row.index('<td class="side derived">'):]
    parent_units = parent_side[parent_side.index('class="cell cell-units"'):]
    derived_units = derived_side[derived_side.index('class="cell cell-units"'):]
    assert "<del>天津海关</del>" in parent_units and "<ins>区科技局</ins>" in derived_units
    assert "<del>市</del>" not in parent_units and "区市场监管局、" in derived_units


def test_substitutions_are_summarised_once() -> None:
    comparison = flagship()
    page = comparison.to_html()
    summary = page[page.index('<section id="summary">'):page.index('<section id="targets">')]
    assert '<h2 id="substitutions">' in summary
    top = comparison.substitutions[0]
    assert f"×{top.count}" in summary and top.count > 1
    # hidden in the rows: a localising edit is shown as plain text, not as del/ins
    pair = next(p for p in comparison.pairs if p.status == "modified" and p.localization)
    _, text = pair.diff[pair.localization[0]]
    assert f'<span class="lc">{text}</span>' in page
    shown = compare(CITY, BINHAI, hide_localization=False).to_html()
    assert '<span class="lc">' not in shown.split("</dl>", 1)[1]


def test_why_paired_details_need_no_script() -> None:
    comparison = flagship()
    page = comparison.to_html()
    assert page.count('<details class="why">') == (
        len(comparison.pairs) + len(comparison.added) + len(comparison.dropped))
    fragment = comparison._repr_html_()
    assert '<details class="why">' in fragment and "<script" not in fragment


def test_skipped_page_content_is_listed_collapsed() -> None:
    parent = "示范方案\n\n一、目标\n\n（一）合格率稳定在93%以上。\n\n- 2 -\n"
    derived = "示范方案\n\n一、目标\n\n（一）合格率稳定在95%以上。\n\n— 3 —\n"
    comparison = compare(parent, derived)
    skipped = [s for s in comparison.derived.skipped + comparison.parent.skipped
               if s.reason != "blank"]
    page = comparison.to_html()
    assert '<details class="skipped">' in page and "<details class=\"skipped\" open" not in page
    for span in skipped:
        assert span.text.strip() in page


def test_print_has_running_title_and_page_numbers() -> None:
    page = flagship().to_html()
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert "@top-center" in styles[1] and "counter(pages)" in styles[1]
    assert "break-inside: auto" in styles[0]


def test_page_title_cannot_end_the_style() -> None:
    parent = "示范方案</style><script>alert(1)</script>\n\n一、目标\n\n（一）合格率93%。\n"
    page = compare(parent, parent.replace("93", "95")).to_html()
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(styles) == 2 and "<script>alert" not in page


def test_long_unbroken_runs_get_break_opportunities() -> None:
    run = "x" * 95
    marked = str(html.breakable(f"中文{run}<b>"))
    assert marked.count("<wbr>") == 3 and marked.endswith("&lt;b&gt;")
    assert str(html.breakable("中文" * 100)) == "中文" * 100


def test_pair_and_target_display_in_notebooks() -> None:
    comparison = flagship()
    pair = next(p for p in comparison.pairs if p.status == "modified")
    shown = pair._repr_html_()
    assert shown.startswith('<div class="policydiff-fragment"') and "<del>" in shown
    assert Tags(shown).stack == []
    target = comparison.targets[0]._repr_html_()
    assert comparison.targets[0].before.text in target and "<script" not in target
