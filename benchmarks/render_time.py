"""Time the flagship report's renderers after compare (target: HTML under 100 ms).

    python benchmarks/render_time.py [--repeat 20]

Compares the Tianjin city plan with the Binhai plan once, then renders each format ``--repeat``
times and prints the best and median wall time per format, plus the output sizes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydiff.comparison import compare  # noqa: E402
from policydiff.renderers import frames, html, markdown  # noqa: E402

PARENT = ROOT / "examples" / "tianjin" / "2018-tianjin-city-certification-plan.txt"
DERIVED = ROOT / "examples" / "tianjin" / "2019-binhai-certification-plan.txt"
TARGET_MS = 100.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    start = time.perf_counter()
    comparison = compare(PARENT, DERIVED)
    compare_ms = (time.perf_counter() - start) * 1000
    print(f"compare: {compare_ms:.0f} ms ({len(comparison.pairs)} pairs, "
          f"{len(comparison.added)} added, {len(comparison.dropped)} dropped, "
          f"{len(comparison.targets)} target changes)")

    jobs = {
        "html report (first, cold templates)": lambda: html.render_report(comparison),
        "html report": lambda: html.render_report(comparison),
        "html report, en": lambda: html.render_report(comparison, lang="en"),
        "notebook fragment": lambda: html.render_fragment(comparison),
        "markdown": lambda: markdown.render_markdown(comparison),
        "json": comparison.to_json,
        "csv (both frames)": lambda: (frames.frame_csv(frames.comparison_frame(comparison)),
                                      frames.frame_csv(frames.targets_frame(comparison))),
    }
    failed = False
    for name, job in jobs.items():
        repeat = 1 if "cold" in name else args.repeat
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = job()
            times.append((time.perf_counter() - start) * 1000)
        size = sum(len(part.encode("utf-8")) for part in
                   (result if isinstance(result, tuple) else (result,)))
        best, median = min(times), statistics.median(times)
        flag = ""
        if name.startswith("html report") and "cold" not in name:
            flag = "  ok" if median < TARGET_MS else f"  OVER {TARGET_MS:.0f} ms"
            failed |= median >= TARGET_MS
        print(f"{name:38s} best {best:7.1f} ms  median {median:7.1f} ms  "
              f"{size / 1024:7.1f} KiB{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
