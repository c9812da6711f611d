"""Inline diff: whole words and numbers, and the contract that both sides can be rebuilt."""

from __future__ import annotations

import itertools

import pytest
from conftest import BINHAI, CITY
from hypothesis import given, settings
from hypothesis import strategies as st

from policydiff.alignment.inline import Op, diff, ratio
from policydiff.alignment.tokens import tokenize

TEXT = st.text(
    alphabet=st.sampled_from(
        list("全市区本新科技领军企业质量认证体系建设的在以上年家件个")
        + list("0123456789０１２３４５６７８９")
        + list("%％.．,，、。；：（）()“”《》 \u3000\t\n")
        + list("ISOabc①第条一二三")
        + ["\ue000", "\U000f0000"]  # the code points tokens are mapped to must not confuse it
    ),
    max_size=80,
)
ANY_TEXT = st.one_of(TEXT, st.text(max_size=40))


def side(ops: tuple[tuple[Op, str], ...], skip: Op) -> str:
    """One side of a diff: every text except the ``skip`` ones, joined."""
    return "".join(text for op, text in ops if op != skip)


def token_boundaries(text: str) -> set[int]:
    """Offsets in ``text`` where one token ends and the next begins (and both ends)."""
    offsets, offset = {0}, 0
    for token in tokenize(text):
        offset += len(token)
        offsets.add(offset)
    return offsets


def cut_points(ops: tuple[tuple[Op, str], ...], skip: Op) -> set[int]:
    """Offsets on one side of a diff where one op ends and the next begins."""
    offsets, offset = {0}, 0
    for op, text in ops:
        if op != skip:
            offset += len(text)
            offsets.add(offset)
    return offsets


def check_contract(parent: str, derived: str, ops: tuple[tuple[Op, str], ...]) -> None:
    assert side(ops, "insert") == parent
    assert side(ops, "delete") == derived
    assert all(text for _, text in ops), "empty op text"
    assert all(op in ("equal", "insert", "delete") for op, _ in ops)
    assert all(a[0] != b[0] for a, b in itertools.pairwise(ops)), "adjacent ops of one kind"
    # Edits cover whole tokens: no op starts or ends inside a word or a number.
    assert cut_points(ops, "insert") <= token_boundaries(parent)
    assert cut_points(ops, "delete") <= token_boundaries(derived)


def test_changed_percentage_is_one_whole_token() -> None:
    parent = "装备制造业产品质量合格率稳定在93%以上"
    derived = "装备制造业产品质量合格率稳定在95%以上"
    assert diff(parent, derived) == (
        ("equal", "装备制造业产品质量合格率稳定在"),
        ("delete", "93%"),
        ("insert", "95%"),
        ("equal", "以上"),
    )


def test_jurisdiction_words_change_whole() -> None:
    ops = diff("全市科技领军企业", "全区科技领军企业")
    assert [(op, text) for op, text in ops if op != "equal"] == [
        ("delete", "全市"),
        ("insert", "全区"),
    ]
    assert side(ops, "insert").replace("全市", "") == "科技领军企业"
    check_contract("全市科技领军企业", "全区科技领军企业", ops)


def test_numbers_never_split() -> None:
    ops = diff("新增12000家，认证企业占比达到98.5%", "新增13000家，认证企业占比达到97.5%")
    changed = {text for op, text in ops if op != "equal"}
    assert changed == {"12000", "13000", "98.5%", "97.5%"}


def test_localized_clause() -> None:
    parent = "结合本市实际，实施质量强市战略"
    derived = "结合新区实际，实施质量强区战略"
    ops = diff(parent, derived)
    check_contract(parent, derived, ops)
    assert ("delete", "本市") in ops
    assert ("insert", "新区") in ops
    assert ("equal", "实际，实施质量") in ops


@pytest.mark.parametrize(
    ("parent", "derived", "expected"),
    [
        ("", "", ()),
        ("", "新增", (("insert", "新增"),)),
        ("新增", "", (("delete", "新增"),)),
        ("全市", "全市", (("equal", "全市"),)),
    ],
)
def test_edge_cases(parent: str, derived: str, expected: tuple[tuple[Op, str], ...]) -> None:
    assert diff(parent, derived) == expected


def test_diff_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="NoneType"):
        diff("全市", None)  # type: ignore[arg-type]


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_contract_holds_for_any_pair(parent: str, derived: str) -> None:
    ops = diff(parent, derived)
    check_contract(parent, derived, ops)
    assert diff(parent, derived) == ops, "not deterministic"
    assert 0.0 <= ratio(ops) <= 1.0


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT, TEXT, TEXT)
def test_contract_holds_for_related_pairs(common: str, parent_part: str, derived_part: str) -> None:
    parent = parent_part + common + parent_part
    derived = common + derived_part + common
    check_contract(parent, derived, diff(parent, derived))


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_text_against_itself_is_one_equal(text: str) -> None:
    assert diff(text, text) == ((("equal", text),) if text else ())
    assert ratio(diff(text, text)) == 1.0


def test_flagship_files_line_by_line() -> None:
    city = CITY.read_text(encoding="utf-8").splitlines()[:100]
    binhai = BINHAI.read_text(encoding="utf-8").splitlines()[:100]
    assert len(city) == len(binhai) == 100
    for parent, derived in zip(city, binhai, strict=True):
        ops = diff(parent, derived)
        check_contract(parent, derived, ops)


def test_many_distinct_tokens() -> None:
    # 70,000 distinct words: past the BMP private use area and past 65,536.
    words = [f"w{i}" for i in range(70_000)]
    parent = " ".join(words)
    derived = " ".join([*words[:35_000], "新增", "x1", *words[35_001:]])
    ops = diff(parent, derived)
    check_contract(parent, derived, ops)
    assert [(op, text) for op, text in ops if op != "equal"] == [
        ("delete", "w35000"),
        ("insert", "新增 x1"),
    ]


def test_ratio() -> None:
    assert ratio(diff("稳定在93%以上", "稳定在95%以上")) == pytest.approx(2 * 5 / 16)
    assert ratio(diff("全市", "新区")) == 0.0
    assert ratio(()) == 1.0
    assert ratio([("equal", "ab"), ("insert", "cd")]) == pytest.approx(4 / 6)
