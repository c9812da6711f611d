"""The hand-checked key of quantity changes in real revisions (tests/targets_key.json).

Each case is a parent article and the derived article(s) that restate it, read by a person: every
fine, detention term, time limit and window whose value moved is listed with its direction and
subject, and every quantity of one side only as new or removed. ``targets.quantity_changes`` must
give exactly that: nothing missing, nothing paired across subjects. A smaller end-to-end set runs
``policydiff.compare`` on the whole laws and checks the same changes come out of the aligned pairs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import policydiff
from policydiff.targets import quantity_changes

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
KEY = json.loads((Path(__file__).parent / "targets_key.json").read_text(encoding="utf-8"))
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is not present")
_HEADING = re.compile(r"^第[一二三四五六七八九十百零]+条")
_NUMERAL = "一二三四五六七八九十百零"


def article(path: Path, heading: str) -> str:
    """The text of the article ``heading`` (第二十三条): its lines up to the next article or
    chapter heading."""
    out: list[str] = []
    inside = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.lstrip("# ").strip()
        if _HEADING.match(line):
            inside = line.startswith(heading) and line[len(heading):][:1] not in _NUMERAL
        elif re.match(r"^第.+[章节]", line):
            inside = False
        if inside and line:
            out.append(line)
    assert out, f"{heading} not found in {path.name}"
    return "\n".join(out)


def texts(case: dict[str, Any]) -> tuple[str, str]:
    parent_path, derived_path = (CORPUS / p for p in KEY["sources"][case["source"]])
    derived = case["derived"] if isinstance(case["derived"], list) else [case["derived"]]
    return (article(parent_path, case["parent"]),
            "\n".join(article(derived_path, heading) for heading in derived))


@needs_corpus
@pytest.mark.parametrize("case", KEY["cases"], ids=lambda c: f"{c['source']}-{c['parent']}")
def test_key_case(case: dict[str, Any]) -> None:
    paired, only = quantity_changes(*texts(case))
    got = [[c.before.text, c.after.text, c.direction, c.subject, c.polarity]
           for c in paired if c.direction != "unchanged"]
    assert got == case["changes"]
    assert all(c.before.subject == c.after.subject for c in paired)
    assert [[o.quantity.text, o.quantity.subject] for o in only if o.change == "new"] == case["new"]
    assert [[o.quantity.text, o.quantity.subject] for o in only
            if o.change == "removed"] == case["removed"]


@needs_corpus
@pytest.mark.parametrize("case", KEY["lines"], ids=lambda c: c["source"])
def test_key_windows(case: dict[str, Any]) -> None:
    parent_path, derived_path = (CORPUS / p for p in KEY["sources"][case["source"]])

    def line(path: Path, needle: str) -> str:
        return next(x for x in path.read_text(encoding="utf-8").splitlines() if needle in x)

    paired, _ = quantity_changes(line(parent_path, case["parent"]),
                                 line(derived_path, case["derived"]))
    got = [[c.before.text, c.after.text, c.direction, c.subject, c.polarity]
           for c in paired if c.direction != "unchanged"]
    assert got == case["changes"]


def test_key_is_big_enough() -> None:
    assert sum(len(c["changes"]) for c in KEY["cases"] + KEY["lines"]) >= 25


# --- end to end: the same changes out of policydiff.compare on the whole documents ---------------


@pytest.fixture(scope="module")
def security() -> policydiff.Comparison:
    old, new = KEY["sources"]["security"]
    return policydiff.compare(CORPUS / old, CORPUS / new)


@pytest.fixture(scope="module")
def company() -> policydiff.Comparison:
    old, new = KEY["sources"]["company"]
    return policydiff.compare(CORPUS / old, CORPUS / new)


@needs_corpus
def test_end_to_end_never_pairs_different_subjects(security: policydiff.Comparison,
                                                   company: policydiff.Comparison) -> None:
    for comparison in (security, company):
        assert comparison.targets
        for change in comparison.targets:
            assert change.before.subject == change.after.subject, change
            assert change.before.penalty == change.after.penalty, change


@needs_corpus
def test_end_to_end_company_fine_ceiling(company: policydiff.Comparison) -> None:
    fines = [c for c in company.targets if c.polarity == "penalty"]
    assert [(c.before.text, c.after.text, c.direction, c.subject) for c in fines] == [
        ("五十万元以下", "二百万元以下", "tightened", "公司")]
    assert fines[0].explanation_zh == "对公司的罚款上限由五十万元提高到二百万元（处罚加重）"
    assert fines[0].explanation_en == ("fine ceiling for 公司 raised from 五十万元 to 二百万元 "
                                       "(heavier penalty)")
    new = {(o.quantity.text, o.quantity.subject) for o in company.unpaired_targets
           if o.change == "new"}
    assert ("三万元以上", "直接负责的主管人员和其他直接责任人员") in new


@needs_corpus
def test_end_to_end_a_revision_never_rescales(company: policydiff.Comparison) -> None:
    """Two versions of one law: a smaller count is a lower requirement, not a smaller
    jurisdiction (监事会成员 五人以上 -> 三人以上 is loosened)."""
    assert company.summary.rescaled == 0
    counts = [c for c in company.targets if c.after.unit == "人"]
    assert counts and all(c.direction == "loosened" for c in counts)   # fewer required: looser


@needs_corpus
def test_end_to_end_security_law(security: policydiff.Comparison) -> None:
    """The key's security-law changes come out of the whole-law comparison (alignment may pair
    a few articles differently; at least nine in ten must)."""
    expected = [(c["parent"], tuple(map(tuple, c["changes"]))) for c in KEY["cases"]
                if c["source"] == "security" and c["changes"]]
    by_pair: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for change in security.targets:
        by_pair.setdefault(change.parent_clause or "", []).append(
            (change.before.text, change.after.text, change.direction, change.subject,
             change.polarity))
    total = found = 0
    for heading, changes in expected:
        for item in changes:
            total += 1
            found += any(item in got for clause, got in by_pair.items()
                         if _article_of(security, clause) == heading)
    assert found >= 0.9 * total, (found, total)
    assert all(c.direction == "tightened" for c in security.targets if c.polarity == "penalty")


def _article_of(comparison: policydiff.Comparison, clause_id: str) -> str:
    clause = comparison.parent.clause(clause_id)
    text = clause.text if _HEADING.match(clause.text) else next(
        (c.text for c in comparison.parent.clauses if clause_id.startswith(c.id + ".")
         and _HEADING.match(c.text)), clause.text)
    m = _HEADING.match(text)
    return m.group() if m else ""
