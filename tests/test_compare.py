"""``policydiff.compare`` and its JSON report over the corpus: schema, diff invariant, coverage,
determinism, targets of the flagship pair, pins, bad inputs, and hypothesis invariants."""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import BINHAI, CITY, CORPUS, corpus_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policydiff
from policydiff import comparison as comparison_module
from policydiff.comparison import Comparison, Pair, compare

SCHEMA_PATH = files("policydiff") / "schema" / "comparison-1.schema.json"


def _corpus_pairs() -> list[tuple[Path, Path]]:
    found = [(CITY, BINHAI)]
    if CORPUS.exists():
        central = CORPUS / "central-local"
        found += [
            (central / "miit-2021-97-icv-road-testing.txt",
             central / "qingdao-icv-road-testing-rules.txt"),
            (central / "miit-2021-97-icv-road-testing.txt",
             central / "jinan-icv-road-testing-measures.txt"),
            (central / "mohurd-2020-60-intelligent-construction.txt",
             central / "jinan-intelligent-construction-opinions.txt"),
        ]
        versions = CORPUS / "law-versions"
        for old in sorted(versions.glob("*.md")):
            law = old.stem.rsplit("-", 1)[0]
            later = sorted(p for p in versions.glob(f"{law}-*.md") if p.name > old.name)
            if later:
                found.append((old, later[0]))
        found += [(d / "old.txt", d / "new.txt") for d in sorted((CORPUS / "laws").iterdir())
                  if (d / "old.txt").exists() and (d / "new.txt").exists()]
    return found


CORPUS_PAIRS = _corpus_pairs()


def _pair_id(pair: tuple[Path, Path]) -> str:
    parent, derived = pair
    if parent.parent == derived.parent and parent.parent.parent.name == "laws":
        return f"laws/{parent.parent.name}"
    return f"{parent.stem}->{derived.stem}"


@functools.cache
def _compared(parent: Path, derived: Path) -> Comparison:
    return compare(parent, derived)


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def assert_valid(report: str) -> dict:
    data = json.loads(report)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])
    return data


def assert_diff_rebuilds(pair: Pair) -> None:
    parent_side = "".join(text for op, text in pair.diff if op in ("equal", "delete"))
    derived_side = "".join(text for op, text in pair.diff if op in ("equal", "insert"))
    assert parent_side == "\n".join(c.text for c in pair.parent)
    assert derived_side == "\n".join(c.text for c in pair.derived)
    assert all(op in ("equal", "insert", "delete") and text for op, text in pair.diff)


def assert_every_clause_once(result: Comparison) -> None:
    parent_ids = [c.id for pair in result.pairs for c in pair.parent]
    parent_ids += [c.id for c in result.dropped]
    derived_ids = [c.id for pair in result.pairs for c in pair.derived]
    derived_ids += [c.id for c in result.added]
    assert sorted(parent_ids) == sorted(c.id for c in result.parent.clauses)
    assert sorted(derived_ids) == sorted(c.id for c in result.derived.clauses)


# --- the public surface -----------------------------------------------------------------------

def test_compare_is_public() -> None:
    assert policydiff.compare is comparison_module.compare
    assert policydiff.Comparison is comparison_module.Comparison


def test_schema_ships_with_the_package_and_is_valid() -> None:
    assert SCHEMA_PATH.is_file()
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["format"] == {"const": "policydiff.comparison/1"}


def test_schema_rejects_what_the_contract_forbids() -> None:
    data = json.loads(_compared(CITY, BINHAI).to_json())
    validator = _validator()
    assert validator.is_valid(data)
    broken = json.loads(json.dumps(data))
    broken["pairs"][0]["status"] = "rewritten"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    broken["pairs"][0]["diff"].append(["replace", "x"])
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    del broken["summary"]["reuse"]
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    broken["parent"]["date"] = "2018年12月2日"
    assert not validator.is_valid(broken)
    broken = json.loads(json.dumps(data))
    broken["targets"][0]["direction"] = "worse"
    assert not validator.is_valid(broken)


# --- every corpus comparison ------------------------------------------------------------------

@pytest.mark.parametrize("pair", CORPUS_PAIRS, ids=_pair_id)
def test_report_validates_against_schema(pair: tuple[Path, Path]) -> None:
    result = _compared(*pair)
    data = assert_valid(result.to_json())
    assert data["format"] == "policydiff.comparison/1"
    assert data == result.to_dict()
    assert data["summary"]["pairs"] == len(data["pairs"])
    assert data["summary"]["added"] == len(data["added"])
    assert data["summary"]["dropped"] == len(data["dropped"])


@pytest.mark.parametrize("pair", CORPUS_PAIRS, ids=_pair_id)
def test_diff_rebuilds_both_sides_of_every_pair(pair: tuple[Path, Path]) -> None:
    result = _compared(*pair)
    assert result.pairs
    for each in result.pairs:
        assert_diff_rebuilds(each)


@pytest.mark.parametrize("pair", CORPUS_PAIRS, ids=_pair_id)
def test_every_clause_is_paired_added_or_dropped_exactly_once(pair: tuple[Path, Path]) -> None:
    assert_every_clause_once(_compared(*pair))


@pytest.mark.parametrize("pair", CORPUS_PAIRS[:2], ids=_pair_id)
def test_two_runs_give_the_same_bytes(pair: tuple[Path, Path]) -> None:
    assert compare(*pair).to_json() == compare(*pair).to_json()


def test_corpus_comparisons_are_present() -> None:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus is not present")
    # flagship + three central-local + two law-versions + every laws/*/old→new
    assert len(CORPUS_PAIRS) == 1 + 3 + 2 + len(list((CORPUS / "laws").glob("*/old.txt")))


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_document_compared_with_itself_is_unchanged(path: Path) -> None:
    result = compare(path, path)
    assert result.pairs
    assert {pair.status for pair in result.pairs} == {"unchanged"}
    assert not result.added and not result.dropped and not result.targets
    assert not any(pair.moved for pair in result.pairs)
    assert all(pair.similarity == 1.0 for pair in result.pairs)
    assert result.summary.reuse == pytest.approx(1.0, abs=0.02)
    assert_every_clause_once(result)


# --- the flagship pair's targets --------------------------------------------------------------

def _changes(before: str, after: str) -> list:
    result = _compared(CITY, BINHAI)
    return [t for t in result.targets if t.before.text.startswith(before)
            and t.after.text.startswith(after)]


def test_93_to_95_percent_is_tightened_in_body_and_annex_row() -> None:
    result = _compared(CITY, BINHAI)
    found = _changes("93%", "95%")
    assert {t.direction for t in found} == {"tightened"}
    kinds = {(result.parent.clause(t.parent_clause).kind,
              result.derived.clause(t.derived_clause).kind) for t in found}
    assert ("table_row", "table_row") in kinds
    assert any("table_row" not in pair for pair in kinds), kinds
    for t in found:
        assert (t.before.value, t.after.value, t.before.unit) == (93, 95, "%")
        assert t.before.bound == t.after.bound == "min"
        assert "合格率" in t.metric


@pytest.mark.parametrize(("before", "after", "unit"), [("50件", "5件", "件"),
                                                      ("12000家", "2600家", "家")])
def test_counts_restated_for_the_district_are_rescaled(before: str, after: str, unit: str) -> None:
    found = _changes(before, after)
    assert found, f"no target change {before} → {after}"
    assert {t.direction for t in found} == {"rescaled"}
    assert {t.before.unit for t in found} == {unit}


def test_flagship_summary_counts_target_directions() -> None:
    result = _compared(CITY, BINHAI)
    directions = [t.direction for t in result.targets]
    assert result.summary.tightened == directions.count("tightened") >= 2
    assert result.summary.rescaled == directions.count("rescaled") >= 2
    assert "unchanged" not in directions
    assert 0 < result.summary.reuse < 1


# --- pins -------------------------------------------------------------------------------------

def _clause_starting(document: policydiff.Document, prefix: str) -> policydiff.Clause:
    return next(c for c in document.clauses if c.text.startswith(prefix))


def _pinned_ids() -> tuple[str, str]:
    """A parent clause (简化规范检验检测机构资质认定程序) and a derived one (依托自贸区:
    落实国家强制性产品认证改革) that the aligner does not pair by itself."""
    result = _compared(CITY, BINHAI)
    parent = _clause_starting(result.parent, "2．简化规范检验检测机构资质认定程序")
    derived = _clause_starting(result.derived, "落实国家强制性产品认证改革")
    assert not any(parent in pair.parent and derived in pair.derived for pair in result.pairs)
    return parent.id, derived.id


def _assert_pinned(result: Comparison, parent_id: str, derived_id: str) -> None:
    holding = [pair for pair in result.pairs
               if any(c.id == parent_id for c in pair.parent)
               and any(c.id == derived_id for c in pair.derived)]
    assert len(holding) == 1
    assert holding[0].pinned
    assert_every_clause_once(result)
    for pair in result.pairs:
        assert_diff_rebuilds(pair)
    assert_valid(result.to_json())


def test_pins_force_two_clauses_into_a_pair() -> None:
    parent_id, derived_id = _pinned_ids()
    result = compare(CITY, BINHAI, pins=[(parent_id, derived_id)])
    _assert_pinned(result, parent_id, derived_id)
    pinned = next(i for i, pair in enumerate(result.pairs) if pair.pinned)
    assert json.loads(result.to_json())["pairs"][pinned]["pinned"] is True
    assert not any(pair.pinned for pair in _compared(CITY, BINHAI).pairs)


def test_pins_from_a_json_file(tmp_path: Path) -> None:
    parent_id, derived_id = _pinned_ids()
    pins = tmp_path / "pins.json"
    pins.write_text(json.dumps([[parent_id, derived_id]]), encoding="utf-8")
    _assert_pinned(compare(CITY, BINHAI, pins=pins), parent_id, derived_id)
    _assert_pinned(compare(CITY, BINHAI, pins=str(pins)), parent_id, derived_id)


def test_pins_across_body_and_annex() -> None:
    result = _compared(CITY, BINHAI)
    parent = _clause_starting(result.parent, "2．简化规范检验检测机构资质认定程序")
    row = next(c for c in result.derived.clauses if c.kind == "table_row")
    pinned = compare(CITY, BINHAI, pins=[(parent.id, row.id)])
    _assert_pinned(pinned, parent.id, row.id)


@pytest.mark.parametrize(("pins", "message"), [
    ([("no-such-clause", "1")], "no clause 'no-such-clause'"),
    ([("1", "no-such-clause")], "no clause 'no-such-clause'"),
    ([("1",)], "pin 1"),
    ([["1", 2]], "pin 1"),
    (["1-1"], "pin 1"),
], ids=["unknown-parent-id", "unknown-derived-id", "one-id", "not-strings", "not-a-pair"])
def test_bad_pins_raise_parse_error(pins: list, message: str) -> None:
    with pytest.raises(policydiff.ParseError) as caught:
        compare(CITY, BINHAI, pins=pins)
    assert message in str(caught.value)


@pytest.mark.parametrize(("content", "message"), [
    ('{"1": "1"}', "pins must be a JSON list of [parent clause id, derived clause id] pairs"),
    ('"1"', "pins must be a JSON list"),
    ("[[\"1\", \"1\"]", "not valid JSON"),
    ("", "not valid JSON"),
    ('[["1", "missing"]]', "no clause 'missing'"),
], ids=["object", "string", "truncated", "empty", "unknown-id"])
def test_bad_pins_file_raises_parse_error_naming_it(tmp_path: Path, content: str,
                                                   message: str) -> None:
    pins = tmp_path / "pins.json"
    pins.write_text(content, encoding="utf-8")
    with pytest.raises(policydiff.ParseError) as caught:
        compare(CITY, BINHAI, pins=pins)
    assert str(pins) in str(caught.value)
    assert message in str(caught.value)


def test_missing_pins_file_raises_parse_error(tmp_path: Path) -> None:
    pins = tmp_path / "nowhere.json"
    with pytest.raises(policydiff.ParseError, match="cannot read pins file") as caught:
        compare(CITY, BINHAI, pins=pins)
    assert str(pins) in str(caught.value)


def test_cutoff_out_of_range_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="cutoff"):
        compare(CITY, BINHAI, cutoff=1.5)


# --- bad inputs through compare ---------------------------------------------------------------

def _bad_input(tmp_path: Path, kind: str) -> tuple[Path, str]:
    path = tmp_path / f"{kind}.txt"
    if kind == "missing":
        return path, "no such file"
    if kind == "directory":
        path.mkdir()
        return path, "directory"
    if kind == "empty":
        path.write_bytes(b"")
        return path, "empty"
    if kind == "whitespace":
        path.write_bytes(b" \n\t\r\n")
        return path, "whitespace"
    if kind == "binary":
        path.write_bytes(b"\x00\x01\x02binary\x00data" * 20)
        return path, "binary"
    path = tmp_path / "document.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return path, "PDF"


BAD_INPUTS = ["missing", "directory", "empty", "whitespace", "binary", "pdf"]


@pytest.mark.parametrize("kind", BAD_INPUTS)
@pytest.mark.parametrize("side", ["parent", "derived"])
def test_bad_inputs_raise_input_error_naming_the_file(tmp_path: Path, kind: str,
                                                      side: str) -> None:
    path, problem = _bad_input(tmp_path, kind)
    arguments = (path, BINHAI) if side == "parent" else (CITY, path)
    with pytest.raises(policydiff.InputError) as caught:
        compare(*arguments)
    assert str(path) in str(caught.value)
    assert problem.lower() in str(caught.value).lower()
    assert isinstance(caught.value, policydiff.PolicydiffError)


# --- hypothesis -------------------------------------------------------------------------------

_WORDS = ["本市", "新区", "全市", "全区", "质量", "认证", "体系", "建设", "企业", "服务", "管理",
          "标准", "推进", "加强", "提升", "检验检测", "市场监管委", "区市场监管局", "到2020年",
          "达到93%以上", "突破12000家", "不少于50件", "产品", "合格率", "国际", "品牌"]
_PUNCT = ["，", "。", "、", "；", ",", "“", "”"]
_HEADINGS = ["一、", "二、", "三、", "（一）", "（二）", "(三)", "1．", "2.", "3、", "（1）", "①",
             "第一条", "第二条", "第十二条", "——"]

_phrase = st.lists(st.sampled_from(_WORDS + _PUNCT), min_size=1, max_size=12).map("".join)
_heading_line = st.tuples(st.sampled_from(_HEADINGS), _phrase).map("".join)
_body_line = st.tuples(_phrase, st.sampled_from(["。", "；", ""])).map("".join)
_line = st.one_of(_heading_line, _body_line)
_document_lines = st.lists(_line, min_size=2, max_size=10).filter(
    lambda lines: any(line.strip() for line in lines))


def _text(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_document_lines)
def test_hypothesis_a_document_compared_with_itself_is_unchanged(lines: list[str]) -> None:
    text = _text(lines)
    result = compare(text, text)
    assert {pair.status for pair in result.pairs} <= {"unchanged"}
    assert not result.added and not result.dropped and not result.targets
    assert_every_clause_once(result)
    for pair in result.pairs:
        assert_diff_rebuilds(pair)


@st.composite
def _related_documents(draw: st.DrawFn) -> tuple[str, str]:
    parent = draw(_document_lines)
    derived = []
    for line in parent:
        action = draw(st.sampled_from(["keep", "keep", "drop", "edit", "localize"]))
        if action == "keep":
            derived.append(line)
        elif action == "edit":
            derived.append(line + draw(_phrase))
        elif action == "localize":
            derived.append(line.replace("本市", "新区").replace("全市", "全区"))
    derived += draw(st.lists(_line, max_size=3))
    if not any(line.strip() for line in derived):
        derived.append(draw(_body_line) + "新增内容。")
    order = draw(st.permutations(range(len(derived))))
    if draw(st.booleans()):
        derived = [derived[i] for i in order]
    return _text(parent), _text(derived)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_related_documents())
def test_hypothesis_diff_rebuilds_both_sides_of_random_pairs(texts: tuple[str, str]) -> None:
    result = compare(*texts)
    for pair in result.pairs:
        assert_diff_rebuilds(pair)
    assert_every_clause_once(result)
    assert_valid(result.to_json())


# --- alignment provenance, split order, cross-segment (issue #10) ---------------------------


def test_each_side_of_a_pair_is_in_its_own_document_order() -> None:
    result = _compared(CITY, BINHAI)
    several = [pair for pair in result.pairs if len(pair.derived) > 1 or len(pair.parent) > 1]
    assert several
    for pair in several:
        assert [c.start for c in pair.derived] == sorted(c.start for c in pair.derived)
        assert [c.start for c in pair.parent] == sorted(c.start for c in pair.parent)


def test_every_pair_says_how_it_was_made() -> None:
    from typing import get_args

    from policydiff.alignment.matching import How
    result = _compared(CITY, BINHAI)
    hows = {pair.how for pair in result.pairs}
    assert hows <= set(get_args(How)) and "best" in hows
    assert all(row["how"] in get_args(How) for row in result.to_dict()["pairs"])


def test_clauses_left_over_in_one_segment_pair_with_another_segment() -> None:
    """A body paragraph restated as an annex-table row is paired across segments, not reported
    as dropped and added."""
    from policydiff.alignment.localization import Localizer
    from policydiff.document import Clause

    text = "推进检验检测机构市场化改革，培育一批具有国际竞争力的认证机构。"
    body = Clause("2.1", ("二、任务",), "body", text, 0, len(text))
    other = Clause("2.2", ("二、任务",), "body", "加强组织领导，明确责任分工。", 0, 10)
    row = Clause("annex1.row1", ("附件",), "table_row", text, 0, len(text))
    links = comparison_module._align_segments(
        {"body": [(body,), (other,)]}, {"body": [(other,)], "table": [(row,)]}, [],
        Localizer((), ()), 0.5)
    crossed = [(p, d, link) for p, d, link in links if p != d]
    assert [(p, d, link.parent, link.derived, link.how) for p, d, link in crossed] == [
        ("body", "table", (0,), (0,), "cross-segment")]
