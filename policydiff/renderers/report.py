"""The ``policydiff.comparison/1`` JSON report (see ../shared/contract/comparison-json.md).

Key order is fixed here so that two runs give the same bytes.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from .tree import clause_dict, metadata_dict

if TYPE_CHECKING:
    from ..comparison import Comparison, Pair
    from ..targets import TargetChange

FORMAT = "policydiff.comparison/1"


def pair_dict(pair: Pair) -> dict[str, Any]:
    return {"parent": [clause_dict(c) for c in pair.parent],
            "derived": [clause_dict(c) for c in pair.derived],
            "status": pair.status,
            "similarity": pair.similarity,
            "moved": pair.moved,
            "pinned": pair.pinned,
            "how": pair.how,
            "renumbered": pair.renumbered,
            "parent_number": pair.parent_number,
            "derived_number": pair.derived_number,
            "diff": [[op, text] for op, text in pair.diff],

            "localization": list(pair.localization),
            "evidence": pair.evidence.to_dict() if pair.evidence is not None else None}


def target_dict(change: TargetChange) -> dict[str, Any]:
    return change.to_dict()


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    return {"format": FORMAT,
            "parent": metadata_dict(comparison.parent),
            "derived": metadata_dict(comparison.derived),
            "summary": asdict(comparison.summary),
            "pairs": [pair_dict(p) for p in comparison.pairs],
            "added": [clause_dict(c) for c in comparison.added],
            "dropped": [clause_dict(c) for c in comparison.dropped],
            "targets": [target_dict(t) for t in comparison.targets],
            "obligations": [o.to_dict() for o in comparison.obligations],
            "unpaired_targets": [u.to_dict() for u in comparison.unpaired_targets],
            # the reviewer's deliverable (#12): row-by-row task division, localisation once,
            # why each clause is (un)paired
            "responsibilities": [r.to_dict() for r in comparison.responsibilities],
            "substitutions": [{"parent": s.parent, "derived": s.derived, "count": s.count}
                              for s in comparison.substitutions],
            "hide_localization": comparison.hide_localization,
            "unpaired": [n.to_dict() for n in comparison.unpaired],
            "skipped": {"parent": [_skipped(s) for s in comparison.parent.skipped
                                   if s.reason != "blank"],
                        "derived": [_skipped(s) for s in comparison.derived.skipped
                                    if s.reason != "blank"]},
            # what one row compares (#10): "article", "paragraph" or "sentence", and the added
            # and dropped clauses grouped into those units (one list of ids per row)
            "unit": comparison.unit,
            "added_units": [[c.id for c in group] for group in comparison.added_units],
            "dropped_units": [[c.id for c in group] for group in comparison.dropped_units],
            # laws: 必须 and 应当 are one rung of obligation (立法技术规范（试行）（一） item 14)
            "statute": comparison.statute}


def _skipped(span: Any) -> dict[str, Any]:
    return {"reason": span.reason, "text": span.text.strip()}
