"""Time ``policydiff.compare`` (and its JSON) beside ``difflib.HtmlDiff`` on the flagship pair.

Both run in this one process, warm (each once before timing), and the median of ``--runs`` runs
is reported with the ratio (target: compare + JSON under 4× HtmlDiff) and peak memory.

    python benchmarks/compare_vs_difflib.py [--runs 7] [PARENT DERIVED]
"""

from __future__ import annotations

import argparse
import difflib
import gc
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
try:
    import policydiff
except ModuleNotFoundError:                 # run from a checkout without `pip install .`
    sys.path.insert(0, str(ROOT))
    import policydiff
PARENT = ROOT / "examples" / "tianjin" / "2018-tianjin-city-certification-plan.txt"
DERIVED = ROOT / "examples" / "tianjin" / "2019-binhai-certification-plan.txt"
TARGET_RATIO = 4.0


def clear_policydiff_caches() -> None:
    """Empty policydiff's memo caches (tokens of texts already seen), keeping jieba loaded: the
    cost of comparing a pair the process has not seen before."""
    for name, module in list(sys.modules.items()):
        if name == "policydiff" or name.startswith("policydiff."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def median_seconds(job: Callable[[], object], runs: int, *, fresh: bool = False) -> float:
    job()                                   # warm: imports, jieba's dictionary, caches
    times = []
    for _ in range(runs):
        if fresh:
            clear_policydiff_caches()
        gc.collect()
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_traced_mib(job: Callable[[], object]) -> float:
    """Peak of Python allocations during one (warm) run, in MiB."""
    gc.collect()
    tracemalloc.start()
    try:
        job()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def max_rss_mib() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("parent", nargs="?", type=Path, default=PARENT)
    parser.add_argument("derived", nargs="?", type=Path, default=DERIVED)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per job (median)")
    args = parser.parse_args(argv)

    parent_text = policydiff.load(args.parent).text
    derived_text = policydiff.load(args.derived).text
    parent_lines = parent_text.splitlines()
    derived_lines = derived_text.splitlines()

    def run_compare() -> str:
        return policydiff.compare(args.parent, args.derived).to_json()

    def run_htmldiff() -> str:
        return difflib.HtmlDiff().make_file(parent_lines, derived_lines)

    rss_before = max_rss_mib()
    compare_s = median_seconds(run_compare, args.runs)
    fresh_s = median_seconds(run_compare, args.runs, fresh=True)
    rss_after_compare = max_rss_mib()
    htmldiff_s = median_seconds(run_htmldiff, args.runs)
    clear_policydiff_caches()
    compare_peak = peak_traced_mib(run_compare)
    htmldiff_peak = peak_traced_mib(run_htmldiff)
    ratio = compare_s / htmldiff_s
    fresh_ratio = fresh_s / htmldiff_s

    print(f"parent:  {args.parent.name} ({len(parent_text)} chars, {len(parent_lines)} lines)")
    print(f"derived: {args.derived.name} ({len(derived_text)} chars, {len(derived_lines)} lines)")
    print(f"runs: {args.runs} (median, warm)")
    print(f"policydiff.compare + to_json: {compare_s * 1000:9.1f} ms  (warm, token caches full)")
    print(f"  same, token caches emptied: {fresh_s * 1000:9.1f} ms  "
          f"(jieba loaded; a pair not seen before)   peak traced {compare_peak:6.1f} MiB")
    print(f"difflib.HtmlDiff.make_file:   {htmldiff_s * 1000:9.1f} ms  "
          f"peak traced {htmldiff_peak:6.1f} MiB")
    for label, value in (("warm", ratio), ("caches emptied", fresh_ratio)):
        verdict = "met" if value < TARGET_RATIO else "NOT met"
        print(f"ratio compare / HtmlDiff, {label + ':':16s}{value:6.2f}x  "
              f"(target < {TARGET_RATIO:g}x: {verdict})")
    print(f"max RSS: {rss_before:.1f} MiB after loading, {rss_after_compare:.1f} MiB after compare "
          f"runs, {max_rss_mib():.1f} MiB at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
