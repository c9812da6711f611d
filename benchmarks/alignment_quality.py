"""How well ``policydiff.compare`` aligns: three measurements, each against a truth built
without the aligner.

* ``--flagship``: the hand-checked key of the Tianjin city 2018 -> Binhai 2019 pair
  (tests/flagship_key.json): score and every failing fact with what compare did instead.
* ``--laws``: the eleven law revisions of ../shared/corpus/laws, article by article
  (tests/test_law_alignment.py: certain links by difflib >= 0.9 plus hand-checked ones).
* ``--synthetic``: derived documents with known edits (tests/synthetic.py) over ``--seeds``
  seeds cycling through the corpus documents: recall and precision of links, added and dropped
  clauses, target directions, moves and localisation, by edit and by document; then the same
  with the layout perturbation of tests/synthetic.py (``derive(..., perturb=True)``).
* ``--keys``: the shared law keys (../shared/corpus/laws/*/key.json, the official article maps):
  links per law and per link label as ../shared/eval/score_laws.py counts them, plus the link
  precision (of the old articles a keyed new article is paired with, the share the key names)
  and the added precision (of the articles reported new, the share the key calls new).

With no option, all three. Deterministic: the same code gives the same figures.

    python benchmarks/alignment_quality.py [--flagship] [--laws] [--keys] [--synthetic]
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


def _norm(text: str) -> str:
    import re
    import unicodedata
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _head(snippet: str) -> str:
    """As score_laws.py: a snippet is cut before its first enumerated item."""
    import re
    match = re.search(r"[(（][一二三四五六七八九十]+[)）]", snippet)
    return snippet[: match.start()] if match and match.start() >= 8 else snippet


def keys(errors: int) -> None:
    from policydiff import compare
    from policydiff.alignment.marks import article_mark, strip_mark

    root = ROOT.parent / "shared" / "corpus" / "laws"
    if not root.exists():
        print("== shared law keys: ../shared/corpus/laws is missing; skipped")
        return
    start = time.perf_counter()
    print("== shared law keys (official article maps): links, link precision, added")
    print(f"   {'law':42s} {'links':>9s} {'link P':>7s} {'added':>7s} {'added P':>7s}")
    totals = collections.Counter()
    labels: collections.Counter[str] = collections.Counter()
    label_ok: collections.Counter[str] = collections.Counter()
    missed = []
    for key_path in sorted(root.glob("*/key.json")):
        import json
        key = json.loads(key_path.read_text(encoding="utf-8"))
        result = compare(key_path.parent / key["old"], key_path.parent / key["new"])
        pairs = [(_norm("".join(c.text for c in p.parent)),
                  _norm("".join(c.text for c in p.derived)), p) for p in result.pairs]
        ok = right = claimed = 0
        for link in key["links"]:
            new, olds = _head(_norm(link["new"])), [_head(_norm(o)) for o in link["old"]]
            holding = [pair for p, d, pair in pairs if new in d]
            hit = any(new in d and all(o in p for o in olds) for p, d, _ in pairs)
            ok += hit
            labels[link.get("label", "?")] += 1
            label_ok[link.get("label", "?")] += hit
            if not hit:
                missed.append(f"{key_path.parent.name} [{link.get('label')}] {new[:24]}")
            for pair in holding[:1]:
                for clause in pair.parent:
                    if article_mark(clause.text):
                        claimed += 1
                        body = _norm(strip_mark(clause.text))
                        right += any(body.startswith(o[:12]) or o[:12] in body for o in olds)
        added_texts = [_norm(c.text) for c in result.added if article_mark(c.text)]
        added_ok = sum(any(_norm(s) in x for x in added_texts) or any(
            _norm(s) in d and _inserted(pair.diff, _norm(s)) >= 0.8 for _, d, pair in pairs)
            for s in key["added"])
        true_new = [_norm(s) for s in key["added"]]
        added_right = sum(any(s in x for s in true_new) for x in added_texts)
        print(f"   {key_path.parent.name:42s} {ok:4d}/{len(key['links']):<4d} "
              f"{right / max(claimed, 1):7.3f} {added_ok:3d}/{len(key['added']):<3d} "
              f"{added_right / max(len(added_texts), 1):7.3f}")
        totals.update(links=len(key["links"]), ok=ok, right=right, claimed=claimed,
                      added=len(key["added"]), added_ok=added_ok, reported=len(added_texts),
                      reported_right=added_right)
    print(f"   {'TOTAL':42s} {totals['ok']:4d}/{totals['links']:<4d} "
          f"{totals['right'] / max(totals['claimed'], 1):7.3f} "
          f"{totals['added_ok']:3d}/{totals['added']:<3d} "
          f"{totals['reported_right'] / max(totals['reported'], 1):7.3f}"
          f"   links {totals['ok'] / max(totals['links'], 1):.3f}; "
          f"{time.perf_counter() - start:.1f} s")
    print("   by label (found/all):",
          ", ".join(f"{k} {label_ok[k]}/{v}" for k, v in sorted(labels.items())))
    for line in missed[:errors]:
        print("     missed", line)


def _inserted(diff: tuple[tuple[str, str], ...], snippet: str) -> float:
    text, flags = [], []
    for op, piece in diff:
        if op in ("equal", "insert"):
            piece = _norm(piece)
            text.append(piece)
            flags += [op == "insert"] * len(piece)
    at = "".join(text).find(snippet)
    return 0.0 if at < 0 else sum(flags[at:at + len(snippet)]) / max(1, len(snippet))


def synthetic_quality(seeds: int, heavy: bool, errors: int, perturbed: bool = False) -> None:
    documents = synthetic.corpus_documents()
    texts = {p: p.read_text(encoding="utf-8") for p in documents}
    edits = HEAVY if heavy else synthetic.EDITS
    from policydiff.comparison import compare

    start = time.perf_counter()
    total = synthetic.Counts()
    per_document: dict[str, synthetic.Counts] = collections.defaultdict(synthetic.Counts)
    for seed in range(seeds):
        path = documents[seed % len(documents)]
        derived, truth = synthetic.derive(texts[path], seed, edits=edits, perturb=perturbed)
        counts = synthetic.score(compare(truth.parent_text, derived, unit="paragraph"), truth)
        counts.errors = [f"{path.name} seed {seed}: {e}" for e in counts.errors]
        total += counts
        per_document[path.name] += counts
    elapsed = time.perf_counter() - start
    false = total.added_predicted - total.added_right + total.dropped_predicted \
        - total.dropped_right
    print(f"== synthetic{' with layout perturbation' if perturbed else ''}: {seeds} derived "
          f"documents, false adds + drops {false / max(seeds, 1):.2f} per comparison")
    print(f"   {seeds} derived documents over {len(documents)} corpus documents, "
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
    parser.add_argument("--keys", action="store_true")
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--heavy", action="store_true", help="more edits per document")
    parser.add_argument("--errors", type=int, default=15, help="errors to list per section")
    args = parser.parse_args(argv)
    every = not (args.flagship or args.laws or args.synthetic or args.keys)
    if args.flagship or every:
        flagship(args.errors)
    if args.keys or every:
        keys(args.errors)
    if args.laws or every:
        laws(args.errors)
    if args.synthetic or every:
        synthetic_quality(args.seeds, args.heavy, args.errors)
        synthetic_quality(args.seeds, args.heavy, args.errors, perturbed=True)


if __name__ == "__main__":
    main()
