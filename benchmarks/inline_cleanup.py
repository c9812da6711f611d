"""Time the inline diff of one giant clause: the semantic clean-up whole versus in pieces.

    python benchmarks/inline_cleanup.py [--phrases 1000 3000 10000] [--skip-whole-above 3000]

The issue's case: one clause of N comma phrases, every phrase replaced, so N one-comma
equalities sit between edits. "whole" is one diff-match-patch clean-up over the whole diff (the
code before); "pieces" is ``policydiff.alignment.inline.diff`` as it is. Both columns include
tokenizing; whole runs above --skip-whole-above phrases are skipped (10,000 took 66 s).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydiff.alignment import inline  # noqa: E402
from policydiff.alignment.tokens import tokenize  # noqa: E402


def whole(parent: str, derived: str) -> int:
    chars: dict[str, str] = {}
    texts: dict[str, str] = {}
    diffs = inline._token_diff(inline._encode(tokenize(parent), chars, texts),
                               inline._encode(tokenize(derived), chars, texts))
    inline._differ().diff_cleanupSemantic(diffs)
    return len(diffs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phrases", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--skip-whole-above", type=int, default=3000)
    args = parser.parse_args()
    tokenize("预热")  # load jieba's dictionary outside the timings
    print(f"{'phrases':>8} {'whole s':>9} {'pieces s':>9}")
    for count in args.phrases:
        parent = "，".join(f"甲{i}" for i in range(count)) + "。"
        derived = "，".join(f"乙{i + count}" for i in range(count)) + "。"
        whole_time = "skipped"
        if count <= args.skip_whole_above:
            started = time.perf_counter()
            whole(parent, derived)
            whole_time = f"{time.perf_counter() - started:.2f}"
        started = time.perf_counter()
        inline.diff(parent, derived)
        print(f"{count:>8} {whole_time:>9} {time.perf_counter() - started:>9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
