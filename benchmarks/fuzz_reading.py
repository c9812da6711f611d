"""Fuzz the reading layer with many hostile inputs and count the crashes (target: 0).

    python benchmarks/fuzz_reading.py [--inputs 10000] [--seed 0]

Each input comes from ``fuzz_case`` in tests/test_fuzz_reading.py (random bytes, text in random
codecs with flipped bytes, web pages with control characters, docx-like zips, magic-number
prefixes, forced codecs), seeded by its number, so a crash reported here is reproduced with
``fuzz_case(random.Random(seed + number))``. A crash is any exception but InputError, or text
that breaks the reader's promises; each is printed with its number and the first lines of its
traceback. Prints the count per kind of outcome and the time taken.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_fuzz_reading import crash, fuzz_case  # noqa: E402

from policydiff.errors import InputError  # noqa: E402
from policydiff.reading import read  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    crashes = read_ok = refused = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        for number in range(args.inputs):
            suffix, data, encoding = fuzz_case(random.Random(args.seed + number))
            problem = crash(folder, suffix, data, encoding)
            if problem is not None:
                crashes += 1
                tail = "\n    ".join(problem.strip().splitlines()[-3:])
                print(f"crash {number} ({suffix or 'no suffix'}, encoding={encoding}):\n    {tail}")
                continue
            try:
                read(folder / f"case{suffix}", encoding=encoding)
                read_ok += 1
            except InputError:
                refused += 1
    elapsed = time.perf_counter() - started
    print(f"{args.inputs} inputs: {read_ok} read, {refused} refused with InputError, "
          f"{crashes} crashes ({elapsed:.1f} s)")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
