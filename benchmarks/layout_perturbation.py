"""Does a comparison hinge on layout? The synthetic-edit benchmark (tests/synthetic.py) in its
plain mode and in its layout-perturbation mode (``derive(..., perturb=True)``: tables re-laid
out, tab indents dropped, blank lines added between clauses, full-width and half-width
punctuation swapped), side by side over the same seeds and documents.

Printed per mode: false adds + drops per comparison (reported added or dropped clauses that the
truth does not call added or dropped) and the benchmark's recall and precision figures. The
perturbed mode should report no more false adds and drops than the plain one.

    python benchmarks/layout_perturbation.py [--seeds 40]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import synthetic  # noqa: E402

from policydiff.comparison import compare  # noqa: E402

CITY = ROOT / "examples" / "tianjin" / "2018-tianjin-city-certification-plan.txt"
SLOW = {"prc-company-law-2018.md", "prc-company-law-2023.md"}   # a minute each; same layout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=40)
    args = parser.parse_args()
    documents = [p for p in synthetic.corpus_documents() if p.name not in SLOW] + [CITY]
    texts = {p: p.read_text(encoding="utf-8") for p in documents}
    for perturb in (False, True):
        total = synthetic.Counts()
        for seed in range(args.seeds):
            path = documents[seed % len(documents)]
            derived, truth = synthetic.derive(texts[path], seed, perturb=perturb)
            total += synthetic.score(compare(truth.parent_text, derived), truth)
        false = (total.added_predicted - total.added_right
                 + total.dropped_predicted - total.dropped_right)
        print(f"== {'perturbed' if perturb else 'plain':9s} {total.comparisons} comparisons: "
              f"false adds + drops {false} ({false / total.comparisons:.2f} per comparison)")
        for name, value in total.summary().items():
            print(f"   {name:20s} {value:.4f}")


if __name__ == "__main__":
    main()
