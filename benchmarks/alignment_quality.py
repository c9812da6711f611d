"""How well ``policydiff.compare`` aligns: three measurements, each against a truth built
without the aligner.

* ``--flagship``: the hand-checked key of the Tianjin city 2018 -> Binhai 2019 pair
  (tests/flagship_key.json): score and every failing fact with what compare did instead.
* ``--laws``: the eleven law revisions of ../shared/corpus/laws, article by article
  (tests/test_law_alignment.py: certain links by difflib >= 0.9 plus hand-checked ones).
* ``--synthetic``: derived documents with known edits (tests/synthetic.py) over ``--seeds``
  seeds cycling through the corpus documents: recall and precision of links, added and dropped
  clauses, target directions, moves and localisation, by edit and by document.

With no option, all three. Deterministic: the same code gives the same figures.

    python benchmarks/alignment_quality.py [--flagship] [--laws] [--synthetic]
                                           [--seeds 200] [--heavy] [--errors 15]
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
try:
    import policydiff  # noqa: F401
except ModuleNotFoundError:                 # run from a checkout without `pip install .`
    sys.path.insert(0, str(ROOT))

import synthetic  # noqa: E402

HEAVY = {"drop": 5, "insert": 4, "reword": 6, "merge": 3, "split": 3, "move": 3,
         "localize": 2, "target": 2, "deadline": 1}


def flagship(errors: int) -> None:
    import test_flagship_key as key

    start = time.perf_counter()
    value, failing = key.score(key.comparison())
    total = len(key.FACTS)
    print(f"== flagship key: {total - len(failing)}/{total} facts hold ({value:.3f}), "
          f"{time.perf_counter() - start:.1f} s")
    kinds = collections.Counter(f["kind"] for f in key.FACTS)
    failed = collections.Counter(f["kind"] for f, _ in failing)
    print("   by kind (held/total):",
          {k: f"{kinds[k] - failed[k]}/{kinds[k]}" for k in sorted(kinds)})
    for fact, detail in failing[:errors]:
        print(f"   FAIL {fact['id']} [{fact['kind']}]: {fact['why']}\n        compare: {detail}")


def laws(errors: int) -> None:
    import test_law_alignment as law

    if not law.LAWS.exists():
        print("== laws: ../shared/corpus/laws is missing; skipped")
        return
    start = time.perf_counter()
    print("== law revisions, article by article (new article -> old articles)")
    print(f"   {'law':42s} {'checked':>7s} {'hand':>4s} {'right':>5s} {'acc':>6s} "
          f"{'P':>6s} {'R':>6s}")
    rows = [law.measure(name) for name in law.law_names()]
    for s in rows:
        print(f"   {s.name:42s} {s.checked:7d} {s.hand:4d} {s.correct:5d} {s.accuracy:6.3f} "
              f"{s.precision:6.3f} {s.recall:6.3f}")
    total = law.LawScore("total", errors=[])
    for s in rows:
        for name in ("checked", "hand", "correct", "true_links", "predicted_links",
                     "right_links"):
            setattr(total, name, getattr(total, name) + getattr(s, name))
        total.errors += s.errors
    print(f"   {'TOTAL':42s} {total.checked:7d} {total.hand:4d} {total.correct:5d} "
          f"{total.accuracy:6.3f} {total.precision:6.3f} {total.recall:6.3f}")
    hand_wrong = sum(1 for e in total.errors if e[4])
    certain = total.checked - total.hand
    print(f"   certain links (difflib >= 0.9): {certain - (len(total.errors) - hand_wrong)}/"
          f"{certain} right; hand-checked: {total.hand - hand_wrong}/{total.hand} right; "
          f"{time.perf_counter() - start:.1f} s")
    print(f"   errors ({len(total.errors)}; truth vs compare, * = hand-checked):")
    for name, label, truth, got, hand in total.errors[:errors]:
        print(f"     {'*' if hand else ' '} {name} new {label}: truth {list(truth) or 'new'}"
              f", compare {list(got) or 'added'}")


def synthetic_quality(seeds: int, heavy: bool, errors: int) -> None:
    documents = synthetic.corpus_documents()
    texts = {p: p.read_text(encoding="utf-8") for p in documents}
    edits = HEAVY if heavy else synthetic.EDITS
    from policydiff.comparison import compare

    start = time.perf_counter()
    total = synthetic.Counts()
    per_document: dict[str, synthetic.Counts] = collections.defaultdict(synthetic.Counts)
    for seed in range(seeds):
        path = documents[seed % len(documents)]
        derived, truth = synthetic.derive(texts[path], seed, edits=edits)
        counts = synthetic.score(compare(truth.parent_text, derived, unit="paragraph"), truth)
        counts.errors = [f"{path.name} seed {seed}: {e}" for e in counts.errors]
        total += counts
        per_document[path.name] += counts
    elapsed = time.perf_counter() - start
    print(f"== synthetic: {seeds} derived documents over {len(documents)} corpus documents, "
          f"edits {dict(edits)}; {elapsed:.1f} s")
    for name, value in total.summary().items():
        print(f"   {name:20s} {value:.4f}")
    print(f"   counts: links {total.links_right}/{total.links_true} true, "
          f"{total.links_predicted} predicted; added {total.added_right}/{total.added_true} "
          f"({total.added_predicted} reported); dropped {total.dropped_right}/"
          f"{total.dropped_true} ({total.dropped_predicted} reported); targets "
          f"{total.targets_right}/{total.targets_found}/{total.targets_true} "
          f"(right/found/true)")
    print("   edited links by op (found/true):",
          {op: f"{a}/{b}" for op, (a, b) in total.by_op().items()})
    print("   by document (link R, link P, dropped R, dropped P, added P):")
    for name, c in per_document.items():
        print(f"     {name:45s} {c.link_recall:.3f} {c.link_precision:.3f} "
              f"{c.dropped_recall:.3f} {c.dropped_precision:.3f} {c.added_precision:.3f}")
    kinds = collections.Counter(e.split(": ", 1)[1].split(" ")[0] + (
        " " + e.rsplit("(", 1)[1].rstrip(")") if e.endswith(")") else "") for e in total.errors)
    print("   error kinds:", dict(kinds.most_common()))
    for error in total.errors[:errors]:
        print("    ", error)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flagship", action="store_true")
    parser.add_argument("--laws", action="store_true")
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--heavy", action="store_true", help="more edits per document")
    parser.add_argument("--errors", type=int, default=15, help="errors to list per section")
    args = parser.parse_args(argv)
    every = not (args.flagship or args.laws or args.synthetic)
    if args.flagship or every:
        flagship(args.errors)
    if args.laws or every:
        laws(args.errors)
    if args.synthetic or every:
        synthetic_quality(args.seeds, args.heavy, args.errors)


if __name__ == "__main__":
    main()
