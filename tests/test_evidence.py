"""Why paired, why unpaired (#12): evidence computed after alignment, visible in the JSON."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from policydiff.alignment.localization import localizer_for
from policydiff.alignment.matching import similarity
from policydiff.comparison import Comparison, _comparable, compare

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "tianjin"
CITY = EXAMPLES / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "2019-binhai-certification-plan.txt"


@cache
def flagship() -> Comparison:
    return compare(CITY, BINHAI)


def test_every_pair_has_evidence() -> None:
    comparison = flagship()
    localizer = localizer_for(comparison.parent, comparison.derived)
    for pair in comparison.pairs:
        evidence = pair.evidence
        assert evidence is not None and evidence.similarity == pair.similarity
        assert 0.0 <= evidence.characters <= 1.0 and 0.0 <= evidence.phrases <= 1.0
        parent = "".join(_comparable(c, localizer) for c in pair.parent)
        derived = "".join(_comparable(c, localizer) for c in pair.derived)
        assert evidence.characters == round(similarity(parent, derived), 4)
        for phrase in evidence.shared:
            assert phrase in parent and phrase in derived
        if evidence.runner_up is not None:
            assert evidence.runner_up.clause not in {c.id for c in pair.derived}


def test_runner_up_is_the_best_other_candidate() -> None:
    comparison = flagship()
    localizer = localizer_for(comparison.parent, comparison.derived)
    pair = next(p for p in comparison.pairs if p.status == "modified" and len(p.derived) == 1
                and p.parent[0].kind == "body")
    assert pair.evidence is not None and pair.evidence.runner_up is not None
    first = _comparable(pair.parent[0], localizer)
    others = [c for c in comparison.derived.clauses if c.kind == pair.parent[0].kind
              and c.id != pair.derived[0].id]
    best = max(similarity(first, _comparable(c, localizer)) for c in others)
    assert pair.evidence.runner_up.similarity >= round(best, 4) - 1e-4


def test_every_unpaired_clause_has_a_reason() -> None:
    comparison = flagship()
    unpaired = {(n.side, n.clause): n for n in comparison.unpaired}
    assert set(unpaired) == ({("derived", c.id) for c in comparison.added}
                             | {("parent", c.id) for c in comparison.dropped})
    paired_parent = {c.id for p in comparison.pairs for c in p.parent}
    for nearest in comparison.unpaired:
        assert nearest.reason in ("below-cutoff", "taken", "no-candidate")
        if nearest.reason == "below-cutoff":
            assert nearest.candidate is not None
            assert nearest.candidate.similarity < comparison.cutoff or (
                nearest.taken_by is None)
        if nearest.reason == "taken":
            assert nearest.candidate is not None and nearest.taken_by is not None
            if nearest.side == "derived":
                assert nearest.candidate.clause in paired_parent


def test_evidence_in_json() -> None:
    data = flagship().to_dict()
    evidence = data["pairs"][0]["evidence"]
    assert set(evidence) == {"similarity", "characters", "phrases", "shared", "anchors",
                             "neighbours", "runner_up", "how"}
    assert data["unpaired"][0]["reason"] in ("below-cutoff", "taken", "no-candidate")
    assert data["substitutions"][0]["count"] >= data["substitutions"][-1]["count"]
    assert data["hide_localization"] is True
    # ops listed as localisation only localise: their two sides neutralise alike
    pair = next(p for p in data["pairs"] if p["localization"])
    assert all(pair["diff"][i][0] != "equal" for i in pair["localization"])


def test_identical_documents_pair_on_everything() -> None:
    text = "示范方案\n\n一、目标\n\n（一）合格率稳定在93%以上。\n\n（二）培育标杆企业100家。\n"
    comparison = compare(text, text)
    assert comparison.unpaired == () and comparison.substitutions == ()
    for pair in comparison.pairs:
        assert pair.evidence is not None and pair.evidence.characters == 1.0
        assert pair.evidence.neighbours and pair.localization == ()
