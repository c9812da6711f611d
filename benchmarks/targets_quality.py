"""How well compare() finds injected target, deadline, due-year and obligation edits, with the
right direction (tests/synthetic_obligations.py over tests/synthetic.py).

    python benchmarks/targets_quality.py [--seeds 6] [--errors 10] [--heavy]

Prints, per edit kind, the edits injected, found, and found with the right direction, over
``--seeds`` seeds for every corpus document (``--heavy`` includes the company law versions).
Deterministic: the same code gives the same figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import synthetic  # noqa: E402
import synthetic_obligations  # noqa: E402

from policydiff import compare  # noqa: E402

SLOW = {"prc-company-law-2018.md", "prc-company-law-2023.md"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--errors", type=int, default=10)
    parser.add_argument("--heavy", action="store_true")
    args = parser.parse_args()
    total = synthetic_obligations.Counts()
    for path in synthetic.corpus_documents():
        if path.name in SLOW and not args.heavy:
            continue
        text = path.read_text(encoding="utf-8")
        for seed in range(args.seeds):
            derived, truth = synthetic_obligations.derive(text, seed)
            counts = synthetic_obligations.score(compare(truth.base.parent_text, derived), truth)
            counts.errors = [f"{path.name} seed {seed}: {e}" for e in counts.errors]
            total.add(counts)
    print(f"{'edit':<11} {'injected':>8} {'found':>6} {'right':>6} {'right/injected':>15}")
    for name in total.edits:
        n, f, r = total.edits[name], total.found[name], total.right[name]
        print(f"{name:<11} {n:>8} {f:>6} {r:>6} {r / n if n else 1:>15.3f}")
    n, r = sum(total.edits.values()), sum(total.right.values())
    print(f"{'all':<11} {n:>8} {sum(total.found.values()):>6} {r:>6} {r / n if n else 1:>15.3f}")
    for error in total.errors[:args.errors]:
        print("  " + error)
    return 0


if __name__ == "__main__":
    sys.exit(main())
