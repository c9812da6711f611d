"""Speed and memory of policydiff beside difflib.HtmlDiff, measured side by side, in one run.

    python benchmarks/speed.py [--runs 11] [--cli-runs 7] [--scales 1 2 4 8]
                               [--only warm new cli growth] [--profile warm|new|law]

Prints, as ratios to ``difflib.HtmlDiff().make_file`` timed in the same process (or, for the CLI,
as a process of its own), interleaved run by run so that the load other programs put on the
machine falls on both alike, with medians and the spread (first to third quartile):

* ``warm``: ``compare(parent, derived).to_html()`` on the flagship pair, caches full;
* ``new``: the same for a pair never seen: the per-text caches (tokens, normal forms) emptied
  before every run, the word segmenter and the templates still loaded;
* ``cli``: ``python -m policydiff compare PARENT DERIVED -o report.html`` as a whole process,
  wall time and max RSS, beside a process that writes difflib's HTML for the same files, in
  three states of the user cache folder, always all three: a first run ever (empty), a pair
  never seen (compiled templates, none of this pair's tokens) and a repeated run (the tokens
  this pair's words were cut into too);
* ``growth``: compare + to_html on the flagship pair and the company law (2018 → 2023) with both
  texts repeated ×1, ×2, ×4, ×8, each in a fresh process: time, peak RSS, the RSS the job added,
  and the exponent of a least-squares fit ``cost ∝ n^k`` over the scales.

``--profile`` prints the 30 functions with the most own time (cProfile) for a warm compare, a
new pair's compare, or the company law ×8 (``--profile-scale``), instead of the tables. Run it
from a checkout; it uses the ``policydiff`` on ``sys.path`` (set ``PYTHONPATH`` to measure
another tree).
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "PYTHONPATH" not in os.environ:              # this checkout, here and in the child processes
    os.environ["PYTHONPATH"] = str(ROOT)
    sys.path.insert(0, str(ROOT))

FLAGSHIP = (ROOT / "examples" / "tianjin" / "2018-tianjin-city-certification-plan.txt",
            ROOT / "examples" / "tianjin" / "2019-binhai-certification-plan.txt")
LAW_DIR = ROOT.parent / "shared" / "corpus" / "law-versions"
COMPANY_LAW = (LAW_DIR / "prc-company-law-2018.md", LAW_DIR / "prc-company-law-2023.md")
# The issue's targets (#14): ratios to HtmlDiff, the CLI's wall time and memory, the law ×8.
TARGETS = {"warm": 1.5, "new": 3.0, "cli_s": 0.5, "cli_mib": 80.0,
           "law8_s": 3.0, "law8_mib": 300.0, "exponent": 1.2}

DIFFLIB_SCRIPT = (
    "import difflib, sys\n"
    "a, b, out = sys.argv[1:4]\n"
    "la = open(a, encoding='utf-8').read().splitlines()\n"
    "lb = open(b, encoding='utf-8').read().splitlines()\n"
    "open(out, 'w', encoding='utf-8').write(difflib.HtmlDiff().make_file(la, lb))\n"
)


# --- measuring ------------------------------------------------------------------------------

def clear_text_caches() -> None:
    """Empty policydiff's per-text memo caches, the state a pair never seen meets.

    Those are the bounded ``lru_cache``s of 1024 entries or more (tokens, normal forms,
    neutralised texts); unbounded ``cache``s (template environments, CSS) and small pattern
    caches stay, as they would in a program comparing its second pair."""
    for name, module in list(sys.modules.items()):
        if name != "policydiff" and not name.startswith("policydiff."):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and (info().maxsize or 0) >= 1024:
                value.cache_clear()


def interleaved(jobs: dict[str, Callable[[], object]], runs: int,
                before: Callable[[str], None] | None = None) -> dict[str, list[float]]:
    """Time each job ``runs`` times, alternating the jobs (and their order) run by run."""
    times: dict[str, list[float]] = {name: [] for name in jobs}
    names = list(jobs)
    for name in names:
        jobs[name]()                                  # warm: imports, segmenter, templates
    for index in range(runs):
        for name in names if index % 2 == 0 else reversed(names):
            if before is not None:
                before(name)
            gc.collect()
            start = time.perf_counter()
            jobs[name]()
            times[name].append(time.perf_counter() - start)
    return times


def spread(values: Sequence[float]) -> str:
    """Median and the first-to-third quartile range, in ms, as text."""
    if len(values) < 4:
        return f"{statistics.median(values) * 1000:8.1f} ms"
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f"{statistics.median(values) * 1000:8.1f} ms (IQR {q1 * 1000:.1f}–{q3 * 1000:.1f})"


def verdict(value: float, target: float, unit: str = "") -> str:
    return f"target ≤ {target:g}{unit}: {'met' if value <= target else 'NOT met'}"


# Runs the measured process and reports its resources. The measured process must be forked from
# a small process: Linux carries the RSS high-water mark across exec, so a child forked from this
# benchmark (100 MiB after the in-process jobs) would report at least that.
LAUNCHER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "wall = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    out.write(f'{code} {wall} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}')\n"
)


def child(command: Sequence[str], cache_home: Path | None = None
          ) -> tuple[float, float, float, str]:
    """Wall seconds, max RSS (MiB), CPU seconds and stdout of one process; ``cache_home``: its
    user cache folder (``XDG_CACHE_HOME``), else the caller's."""
    env = dict(os.environ) if cache_home is None else dict(os.environ,
                                                           XDG_CACHE_HOME=str(cache_home))
    with tempfile.TemporaryDirectory(prefix="policydiff-speed-") as folder:
        report = Path(folder) / "usage"
        # cwd: a folder without a policydiff in it (``python -m`` puts the cwd first on sys.path)
        result = subprocess.run([sys.executable, "-c", LAUNCHER, str(report), *command],
                                capture_output=True, text=True, check=False, cwd=folder,
                                env=env)
        code, wall, maxrss, cpu = report.read_text().split()
    if int(code) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
    scale = 2**20 if sys.platform == "darwin" else 2**10       # bytes on macOS, KiB on Linux
    return float(wall), int(maxrss) / scale, float(cpu), result.stdout


def fit_exponent(sizes: Sequence[float], costs: Sequence[float]) -> float:
    """Slope of log(cost) against log(size): cost ∝ size^k."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(c, 1e-9)) for c in costs]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
            / sum((x - mx) ** 2 for x in xs))


# --- the sections ---------------------------------------------------------------------------

def in_process(runs: int, only: set[str]) -> None:
    import policydiff

    parent, derived = FLAGSHIP
    parent_lines = parent.read_text(encoding="utf-8").splitlines()
    derived_lines = derived.read_text(encoding="utf-8").splitlines()

    def policydiff_job() -> str:
        return policydiff.compare(parent, derived).to_html()

    def difflib_job() -> str:
        return difflib.HtmlDiff().make_file(parent_lines, derived_lines)

    print(f"flagship pair: {parent.name} → {derived.name}; {runs} interleaved runs per job")
    print("| job | policydiff | difflib.HtmlDiff | ratio | target |")
    print("|---|---|---|---|---|")
    sections = (("warm", "compare + to_html, caches full", None),
                ("new", "the same, a pair never seen",
                 lambda name: clear_text_caches() if name == "policydiff" else None))
    for key, label, before in sections:
        if key not in only:
            continue
        times = interleaved({"policydiff": policydiff_job, "difflib": difflib_job}, runs, before)
        ratio = statistics.median(times["policydiff"]) / statistics.median(times["difflib"])
        print(f"| {label} | {spread(times['policydiff'])} | {spread(times['difflib'])} "
              f"| {ratio:.2f}× | {verdict(ratio, TARGETS[key], '×')} |")


def cli(runs: int) -> None:
    """The command as a whole process, in three states of the user's cache folder (see
    ``policydiff.caching``): a first run ever (an empty folder: templates compiled, every word
    cut); a pair never seen (the folder a run on another pair left: templates compiled, none of
    this pair's words); a repeated run (the folder a run on this pair left)."""
    parent, derived = FLAGSHIP
    other = (FLAGSHIP[0].parent / "2023-tianjin-quality-action-plan.txt",
             FLAGSHIP[0].parent / "2024-dongli-quality-plan.txt")
    _compile_bytecode()
    with tempfile.TemporaryDirectory(prefix="policydiff-speed-") as out:
        def compare(pair: tuple[Path, Path], name: str) -> list[str]:
            return [sys.executable, "-m", "policydiff", "compare", str(pair[0]), str(pair[1]),
                    "-o", str(Path(out) / name)]

        flagship = compare(FLAGSHIP, "report.html")
        commands = {
            "first": flagship,
            "unseen": flagship,
            "repeated": flagship,
            "difflib": [sys.executable, "-c", DIFFLIB_SCRIPT, str(parent), str(derived),
                        str(Path(out) / "difflib.html")],
            "python": [sys.executable, "-c", "pass"],
        }
        repeated_home = Path(out) / "repeated"
        child(flagship, cache_home=repeated_home)               # what a repeated run finds
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        rss: dict[str, list[float]] = {name: [] for name in commands}
        names = list(commands)
        for index in range(runs):
            for name in names if index % 2 == 0 else reversed(names):
                home = repeated_home
                if name in ("first", "unseen"):
                    home = Path(out) / f"{name}-{index}"
                    if name == "unseen":
                        if not other[0].exists():
                            continue
                        child(compare(other, "other.html"), cache_home=home)
                wall, mib, cpu, _ = child(commands[name], cache_home=home)
                walls[name].append(wall)
                cpus[name].append(cpu)
                rss[name].append(mib)
    print(f"\nCLI, whole process, flagship pair to report.html; {runs} interleaved runs")
    print("| process | wall | CPU (user + system) | max RSS |")
    print("|---|---|---|---|")
    rows = (("first", "python -m policydiff compare … -o report.html, first run ever "
                      "(empty user cache folder)"),
            ("unseen", "the same, a pair never seen (the cache folder a run on another "
                       "pair left)"),
            ("repeated", "the same, repeated (the cache folder a run on this pair left)"),
            ("difflib", "python -c <HtmlDiff().make_file to a file>"),
            ("python", "python -c pass (the interpreter alone)"))
    for name, label in rows:
        if walls[name]:
            print(f"| {label} | {spread(walls[name])} | {spread(cpus[name])} "
                  f"| {statistics.median(rss[name]):.1f} MiB |")
    base = statistics.median(walls["difflib"])
    for name, label in (("first", "first run ever"), ("unseen", "a pair never seen"),
                        ("repeated", "repeated run")):
        if not walls[name]:
            continue
        wall = statistics.median(walls[name])
        mib = statistics.median(rss[name])
        print(f"policydiff CLI, {label} / difflib process: {wall / base:.1f}× wall; "
              f"{wall:.2f} s ({verdict(wall, TARGETS['cli_s'], ' s')}), {mib:.0f} MiB "
              f"({verdict(mib, TARGETS['cli_mib'], ' MiB')})")


def _compile_bytecode() -> None:
    """Byte-compile the measured tree first, as an installed package is: a checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise compile its modules in every measured process."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("policydiff")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def _proc_status_mib(field: str) -> float:
    """A memory line of /proc/self/status (Linux), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise SystemExit(f"no {field} in /proc/self/status: the growth table needs Linux")


def _reset_peak_rss() -> None:
    """Start the peak RSS (VmHWM) afresh, so that it measures the job, not the warm-up."""
    Path("/proc/self/clear_refs").write_text("5")


def growth_worker(parent: str, derived: str, scale: int) -> None:
    """In a fresh process: one compare + to_html of both texts repeated ``scale`` times."""
    import policydiff

    texts = ["\n".join([Path(p).read_text(encoding="utf-8")] * scale) for p in (parent, derived)]
    # Warm-up on another small pair: modules, segmenter and templates loaded, text caches empty.
    policydiff.compare("一、总体要求\n（一）提高质量，合格率达到90%。\n",
                       "一、总体要求\n（一）提升质量，合格率达到95%。\n").to_html()
    clear_text_caches()
    gc.collect()
    before = _proc_status_mib("VmRSS")
    _reset_peak_rss()
    start = time.perf_counter()
    policydiff.compare(texts[0], texts[1]).to_html()
    seconds = time.perf_counter() - start
    peak = _proc_status_mib("VmHWM")
    print(json.dumps({"seconds": seconds, "rss_before": before, "rss_peak": peak,
                      "chars": sum(map(len, texts))}))


def growth(scales: Sequence[int], budget_s: float) -> None:
    print("\nGrowth: compare + to_html of both texts repeated ×k, each run a fresh process "
          "(segmenter loaded, caches empty); medians of up to 3 runs within "
          f"{budget_s:g} s per point")
    pairs = [("flagship", FLAGSHIP)]
    if COMPANY_LAW[0].exists():
        pairs.append(("company law", COMPANY_LAW))
    else:
        print(f"(company law not found under {LAW_DIR}: skipped)")
    for name, (parent, derived) in pairs:
        print(f"\n{name}: {parent.name} → {derived.name}")
        print("| × | characters | time | peak RSS | RSS added by the job |")
        print("|---|---|---|---|---|")
        sizes, seconds, added = [], [], []
        for scale in scales:
            samples: list[dict[str, float]] = []
            spent = 0.0
            while len(samples) < 3 and (not samples or spent < budget_s):
                *_, stdout = child([sys.executable, __file__, "--growth-worker",
                                    str(parent), str(derived), str(scale)])
                samples.append(json.loads(stdout))
                spent += samples[-1]["seconds"]
            sample = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
            sizes.append(sample["chars"])
            seconds.append(sample["seconds"])
            added.append(max(sample["rss_peak"] - sample["rss_before"], 0.1))
            print(f"| ×{scale} | {int(sample['chars']):,} | {sample['seconds'] * 1000:,.0f} ms "
                  f"| {sample['rss_peak']:.0f} MiB | {added[-1]:.0f} MiB |")
        if len(sizes) > 1:
            time_k, memory_k = fit_exponent(sizes, seconds), fit_exponent(sizes, added)
            print(f"fitted exponent (cost ∝ n^k): time k = {time_k:.2f}, memory added "
                  f"k = {memory_k:.2f} ({verdict(max(time_k, memory_k), TARGETS['exponent'])})"
                  + ("; memory k is noise where the job adds under 10 MiB (freed warm-up memory "
                     "is reused)" if min(added) < 10 else ""))
        if name == "company law" and scales and scales[-1] == 8:
            print(f"company law ×8: {seconds[-1]:.2f} s "
                  f"({verdict(seconds[-1], TARGETS['law8_s'], ' s')}), peak RSS "
                  f"{sample['rss_peak']:.0f} MiB "
                  f"({verdict(sample['rss_peak'], TARGETS['law8_mib'], ' MiB')})")


def profile(kind: str, scale: int) -> None:
    import cProfile
    import pstats

    import policydiff

    if kind == "law":
        texts = ["\n".join([p.read_text(encoding="utf-8")] * scale) for p in COMPANY_LAW]
    else:
        texts = [p.read_text(encoding="utf-8") for p in FLAGSHIP]
    policydiff.compare(*[p.read_text(encoding="utf-8") for p in FLAGSHIP]).to_html()  # warm
    if kind != "warm":
        clear_text_caches()
    profiler = cProfile.Profile()
    profiler.enable()
    policydiff.compare(texts[0], texts[1]).to_html()
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs per in-process job")
    parser.add_argument("--cli-runs", type=int, default=7, help="runs of each process")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--growth-budget", type=float, default=20.0,
                        help="seconds per growth point before stopping at fewer than 3 runs")
    parser.add_argument("--only", nargs="+", choices=("warm", "new", "cli", "growth"),
                        default=["warm", "new", "cli", "growth"])
    parser.add_argument("--profile", choices=("warm", "new", "law"))
    parser.add_argument("--profile-scale", type=int, default=8, help="repeats of the law")
    parser.add_argument("--growth-worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.growth_worker:
        parent, derived, scale = args.growth_worker
        growth_worker(parent, derived, int(scale))
        return 0
    if args.profile:
        profile(args.profile, args.profile_scale)
        return 0
    only = set(args.only)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (other programs share the machine: "
          "compare ratios, not times)\n")
    if only & {"warm", "new"}:
        in_process(args.runs, only)
    if "cli" in only:
        cli(args.cli_runs)
    if "growth" in only:
        growth(args.scales, args.growth_budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
