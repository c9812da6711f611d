"""Growth on a long law of distinct text, the case ``speed.py --only growth`` flatters.

    python benchmarks/long_law.py [--scales 1 2 4 8] [--runs 3] [--profile K]

``speed.py`` repeats the company law ×k: every repeated clause text is scored once
(``matching.distinct``), so its exponent says little about a law of k times as many distinct
articles. Here the parent is several laws' old versions (or national laws) joined into one text
and the derived the new versions (or the local acts implementing them), in the same order:
the company law first, then the administrative review law, the eleven keyed revisions, then
national law → local implementation pairs, taken until both sides together hold ``k`` times
the company law pair's characters. Each point is a fresh process (segmenter loaded, caches
empty); prints time, peak RSS and the RSS the job added, with the fitted exponent
``cost ∝ n^k``. ``--profile K`` prints the 30 functions with most own time at scale K instead.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import speed  # the shared measuring helpers: child processes, fits, caches)

CORPUS = speed.ROOT.parent / "shared" / "corpus"
LOCAL = CORPUS / "local-implementations" / "docs"


def sources() -> list[tuple[Path, Path]]:
    """(parent, derived) files in the order they are taken."""
    versions = CORPUS / "law-versions"
    found = [speed.COMPANY_LAW,
             (versions / "prc-administrative-review-law-2017.md",
              versions / "prc-administrative-review-law-2023.md")]
    found += [(folder / "old.txt", folder / "new.txt")
              for folder in sorted((CORPUS / "laws").iterdir()) if (folder / "old.txt").exists()]
    if LOCAL.exists():
        national = {re.sub(r"\(.*\)$", "", path.stem): path for path in sorted(LOCAL.iterdir())
                    if "实施" not in path.name}
        for path in sorted(LOCAL.iterdir()):
            match = re.match(r"^.+?实施(.+?)办法", path.stem)
            if match and match.group(1) in national:
                found.append((national[match.group(1)], path))
    return found


def texts(scale: int) -> tuple[str, str, int]:
    """The parent and derived texts at ``scale`` and how many source pairs they hold."""
    pairs = sources()
    unit = sum(len(p.read_text(encoding="utf-8")) for p in speed.COMPANY_LAW)
    parent: list[str] = []
    derived: list[str] = []
    total = 0
    for old, new in pairs:
        if total >= scale * unit:
            break
        parent.append(old.read_text(encoding="utf-8").strip())
        derived.append(new.read_text(encoding="utf-8").strip())
        total += len(parent[-1]) + len(derived[-1])
    if total < scale * unit * 0.9:
        raise SystemExit(f"the corpus holds {total:,} characters, fewer than ×{scale}")
    return "\n\n".join(parent), "\n\n".join(derived), len(parent)


def worker(scale: int) -> None:
    """In a fresh process: one compare + to_html at ``scale``."""
    import policydiff

    parent, derived, count = texts(scale)
    policydiff.compare("一、总体要求\n（一）提高质量，合格率达到90%。\n",
                       "一、总体要求\n（一）提升质量，合格率达到95%。\n").to_html()
    speed.clear_text_caches()
    gc.collect()
    before = speed._proc_status_mib("VmRSS")
    speed._reset_peak_rss()
    start = time.perf_counter()
    policydiff.compare(parent, derived).to_html()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "rss_before": before,
                      "rss_peak": speed._proc_status_mib("VmHWM"),
                      "chars": len(parent) + len(derived), "laws": count}))


def growth(scales: list[int], runs: int) -> None:
    print("Distinct long law: old versions (or national laws) joined → new versions (or local "
          f"acts); compare + to_html, fresh process per run, median of {runs}")
    print("| × | laws | characters | time | peak RSS | RSS added by the job |")
    print("|---|---|---|---|---|---|")
    sizes, seconds, added = [], [], []
    for scale in scales:
        samples = [json.loads(speed.child([sys.executable, __file__, "--worker", str(scale)])[3])
                   for _ in range(runs)]
        sample = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
        sizes.append(sample["chars"])
        seconds.append(sample["seconds"])
        added.append(max(sample["rss_peak"] - sample["rss_before"], 0.1))
        print(f"| ×{scale} | {int(sample['laws'])} | {int(sample['chars']):,} "
              f"| {sample['seconds'] * 1000:,.0f} ms | {sample['rss_peak']:.0f} MiB "
              f"| {added[-1]:.0f} MiB |")
    if len(sizes) > 1:
        print(f"fitted exponent (cost ∝ n^k): time k = {speed.fit_exponent(sizes, seconds):.2f}, "
              f"memory added k = {speed.fit_exponent(sizes, added):.2f}")


def profile(scale: int) -> None:
    import cProfile
    import pstats

    import policydiff

    parent, derived, _ = texts(scale)
    policydiff.compare(*[p.read_text(encoding="utf-8") for p in speed.FLAGSHIP]).to_html()
    speed.clear_text_caches()
    profiler = cProfile.Profile()
    profiler.enable()
    policydiff.compare(parent, derived).to_html()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per point")
    parser.add_argument("--profile", type=int, metavar="K")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker)
    elif args.profile:
        profile(args.profile)
    else:
        growth(args.scales, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
