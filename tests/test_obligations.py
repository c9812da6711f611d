"""Obligation strength (policydiff/obligations.py): the hand-checked key, negations and scope,
unchanged words that must give nothing, and the records in the comparison."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policydiff
from policydiff import obligations
from policydiff.obligations import LADDER, changes, extract

KEY = json.loads((Path(__file__).parent / "obligations_key.json").read_text(encoding="utf-8"))
CASES = KEY["real"] + KEY["constructed"]
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def moved(parent: str, derived: str) -> list[list[str]]:
    return [[c.before.word, c.after.word, c.direction] for c in changes(parent, derived)]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.get("source", c["parent"])[:40])
def test_key(case: dict[str, Any]) -> None:
    assert moved(case["parent"], case["derived"]) == case["expected"]


def test_key_is_big_enough() -> None:
    found = [c for c in CASES if c["expected"]]
    assert len(found) >= 15
    assert {e[2] for c in found for e in c["expected"]} == {"strengthened", "weakened"}
    assert len(KEY["real"]) >= 10


def test_ladder_order() -> None:
    rungs = {o.word: o.rung for o in extract("可以鼓励，推动加强，应当，必须严禁不得一律。")}
    assert rungs["可以"] == rungs["鼓励"] < rungs["推动"] == rungs["加强"] < rungs["应当"]
    assert rungs["应当"] < rungs["必须"] == rungs["严禁"] == rungs["不得"] == rungs["一律"]
    assert list(LADDER.values()) == [1, 2, 3, 4]


@pytest.mark.parametrize(("text", "words"), [
    ("不得擅自转让，经批准可以转让。", [("不得", True), ("可以", False)]),
    ("可以不予处罚。", [("可以", False)]),
    ("不可以拒绝。", [("不可以", True)]),
    ("不得不停产。", [("不得不", False)]),
    ("主要任务和重要举措，相应的应用需求。", []),       # 主要, 重要, 相应, 应用: no duty
    ("申请人应当于五日内补正。", [("应当", False)]),
])
def test_negations_and_scope(text: str, words: list[tuple[str, bool]]) -> None:
    assert [(o.word, o.prohibition) for o in extract(text)] == words


def test_scope_does_not_flip_the_reading() -> None:
    parent = "不得擅自转让；确需转让的，可以申请批准。"
    assert changes(parent, parent) == ()
    (change,) = changes(parent, "不得擅自转让；确需转让的，应当申请批准。")
    assert (change.before.word, change.after.word, change.phrase) == ("可以", "应当", "申请批准")
    assert not change.reversed


def test_a_duty_turned_into_a_ban_is_flagged() -> None:
    (change,) = changes("应当公开信息。", "不得公开信息。")
    assert change.reversed and change.direction == "strengthened"
    assert "义务变为禁止" in change.explanation_zh
    assert change.to_dict()["after"] == {"word": "不得", "strength": "mandatory", "rung": 4,
                                         "prohibition": True, "phrase": "公开信息"}


def test_explanations() -> None:
    (change,) = changes("鼓励企业开展认证。", "企业应当开展认证。")
    assert change.explanation_zh == "“鼓励”（倡导性）改为“应当”（义务性）：开展认证（约束加强）"
    assert change.explanation_en == ("“鼓励” (permissive) became “应当” (duty): 开展认证 "
                                     "(stronger)")


_CHARS = list("可以鼓励支持推动加强应当必须严禁不得一律要须应不准许主重相企业开展认证，。；")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(_CHARS)))
def test_unchanged_obligation_words_give_nothing(text: str) -> None:
    assert changes(text, text) == ()
    for o in extract(text):
        assert text[o.start:o.end] == o.word


def test_extract_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        extract(b"abc")  # type: ignore[arg-type]


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")
def test_in_the_comparison() -> None:
    c = policydiff.compare(CORPUS / "law-versions/prc-administrative-review-law-2017.md",
                           CORPUS / "law-versions/prc-administrative-review-law-2023.md")
    assert c.summary.strengthened == sum(o.direction == "strengthened" for o in c.obligations)
    assert c.summary.weakened == sum(o.direction == "weakened" for o in c.obligations)
    found = [(o.before.word, o.after.word, o.parent_clause, o.derived_clause)
             for o in c.obligations]
    assert ("可以", "应当", "ch4.art21", "ch4.sec1.art42") in found
    record = c.to_dict()
    assert record["obligations"][0]["explanation"]["zh"]
    assert record["summary"]["strengthened"] == c.summary.strengthened
    assert all(pair.obligations == () for pair in c.pairs if pair.status != "modified")
    assert obligations.counts(c.obligations, c.unpaired_targets)["weakened"] == c.summary.weakened


def test_statutes_read_bixu_as_yingdang() -> None:
    """In laws 必须 and 应当 are one rung (《立法技术规范（试行）（一）》 item 14): the real
    必须 → 应当 cases of the key are weakened in a plan and nothing in a statute; other moves
    on the ladder still count."""
    bixu = [c for c in KEY["real"] if ["必须", "应当", "weakened"] in c["expected"]]
    assert len(bixu) >= 3
    for case in bixu:
        found = [[c.before.word, c.after.word, c.direction]
                 for c in changes(case["parent"], case["derived"], statute=True)]
        assert ["必须", "应当", "weakened"] not in found
    assert [(c.before.word, c.direction) for c in changes("公司必须公告。", "公司可以公告。",
                                                          statute=True)] == [("必须", "weakened")]
    assert [c.direction for c in changes("公司应当公告。", "公司不得公告。", statute=True)] == [
        "strengthened"]


@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")
def test_company_law_revision_is_no_weakening() -> None:
    """The 2023 company law writes 应当 where 2018 wrote 必须 (20 times): not a weakening."""
    c = policydiff.compare(CORPUS / "law-versions/prc-company-law-2018.md",
                           CORPUS / "law-versions/prc-company-law-2023.md")
    assert c.statute and c.to_dict()["statute"] is True
    assert not [o for o in c.obligations if (o.before.word, o.after.word) == ("必须", "应当")]
    assert c.summary.weakened == 0
    plan = policydiff.compare("一、总体要求\n（一）企业必须开展认证。\n",
                              "一、总体要求\n（一）企业应当开展认证。\n")
    assert not plan.statute and plan.summary.weakened == 1


def test_reports_and_frames_show_obligations_and_explanations() -> None:
    from policydiff.renderers import frames
    parent = "一、总体要求\n（一）鼓励企业开展质量认证，到2020年合格率达到93%以上。\n"
    derived = "一、总体要求\n（一）企业应当开展质量认证，到2020年合格率达到95%以上。\n"
    c = policydiff.compare(parent, derived)
    assert [(o.before.word, o.after.word) for o in c.obligations] == [("鼓励", "应当")]
    table = frames.obligations_frame(c)
    assert list(table.columns) == list(frames.OBLIGATION_COLUMNS)
    assert table.iloc[0]["direction"] == "strengthened"
    assert frames.comparison_frame(c)["obligations"].sum() == 1
    targets = frames.targets_frame(c)
    assert targets.iloc[0]["explanation_zh"] == "合格率由93%提高到95%（目标提高）"
    assert targets.iloc[0]["polarity"] == "target"
    html = c.to_html()
    assert 'id="obligations"' in html and "合格率由93%提高到95%（目标提高）" in html
    assert "▲ 加强" in html
    from policydiff.renderers.markdown import render_markdown
    markdown = render_markdown(c, lang="en")
    assert "## Obligation strength" in markdown and "higher target" in markdown
