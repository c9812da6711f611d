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


# --- the semantic clean-up on giant clauses (issue 15, item 4) ---------------------------------

def _whole_cleanup_diff(parent: str, derived: str) -> tuple[tuple[Op, str], ...]:
    """diff() as it was before the clean-up went piecewise: one clean-up over the whole diff."""
    from policydiff.alignment import inline

    chars: dict[str, str] = {}
    texts: dict[str, str] = {}
    diffs = inline._token_diff(inline._encode(tokenize(parent), chars, texts),
                               inline._encode(tokenize(derived), chars, texts))
    inline._differ().diff_cleanupSemantic(diffs)
    ops: list[tuple[Op, str]] = []
    for code, encoded in diffs:
        if encoded:
            op, text = inline._OPS[code], "".join(texts[c] for c in encoded)
            ops[-1:] = [(op, ops[-1][1] + text)] if ops and ops[-1][0] == op else [*ops[-1:],
                                                                                   (op, text)]
    return tuple(ops)


def test_normal_clauses_diff_as_with_one_whole_cleanup() -> None:
    city = CITY.read_text(encoding="utf-8").splitlines()
    binhai = BINHAI.read_text(encoding="utf-8").splitlines()
    pairs = [*zip(city[:150], binhai[:150], strict=True),
             ("\n".join(city[:60]), "\n".join(binhai[:60]))]  # a long merged pair
    for parent, derived in pairs:
        assert diff(parent, derived) == _whole_cleanup_diff(parent, derived)


def test_giant_clause_is_cleaned_up_in_bounded_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # The case, 3,000 phrases instead of 10,000 (10 s before, 66 s at 10,000): every
    # comma phrase replaced, so thousands of one-comma equalities sit between edits.
    from diff_match_patch import diff_match_patch

    from policydiff.alignment import inline

    parent = "，".join(f"甲{i}" for i in range(3000)) + "。"
    derived = "，".join(f"乙{i + 3000}" for i in range(3000)) + "。"
    sizes: list[int] = []
    original = diff_match_patch.diff_cleanupSemantic

    def recording(self: diff_match_patch, diffs: list[tuple[int, str]]) -> None:
        sizes.append(len(diffs))
        original(self, diffs)

    monkeypatch.setattr(diff_match_patch, "diff_cleanupSemantic", recording)
    ops = diff(parent, derived)
    assert side(ops, "insert") == parent and side(ops, "delete") == derived
    assert all(a[0] != b[0] for a, b in itertools.pairwise(ops))
    assert len(sizes) > 1 and max(sizes) <= 4 * inline._PIECE + 1
    assert sum(sizes) == 3 * 3000  # every entry of the diff cleaned up once


def test_long_clause_pieces_end_at_sentence_ends() -> None:
    from policydiff.alignment import inline

    sentences = [f"第{i}项工作由甲部门负责。" for i in range(400)]
    parent = "".join(sentences)
    derived = "".join(s.replace("甲", "乙") if i % 2 else s for i, s in enumerate(sentences))
    chars: dict[str, str] = {}
    texts: dict[str, str] = {}
    raw = inline._token_diff(inline._encode(tokenize(parent), chars, texts),
                             inline._encode(tokenize(derived), chars, texts))
    assert len(raw) > inline._WHOLE
    ops = diff(parent, derived)
    assert side(ops, "insert") == parent and side(ops, "delete") == derived
    assert sum(1 for op, _ in ops if op == "delete") == 200
    # cut at sentence ends, the pieces clean up exactly as the whole diff does
    assert ops == _whole_cleanup_diff(parent, derived)
