"""Bounded cost of alignment on hostile inputs (#15 item 4, #14): time and peak memory per case.

Each case runs in a fresh process (``--case NAME --scale N``), which prints its wall time and
peak resident memory; the harness prints the table with the targets:

* ``numbered``: 5,000 near-identical numbered clauses against a shuffled copy (≤ 10 s, ≤ 500 MB);
* ``tiny``: 10,000 tiny clauses against 10,000 others (no input under 1 MB a side over 30 s, 1 GB);
* ``annex``: 6,000 ``附件N：`` lines against a shuffled copy;
* ``flagship``: the flagship pair repeated 32× (≤ 300 MB);
* ``company``: the company law pair ×1, ×2, ×4, ×8 with the growth exponents (≤ n^1.2 aimed).

    python benchmarks/adversarial_cost.py [--quick]
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FLAGSHIP = (ROOT / "examples" / "tianjin" / "2018-tianjin-city-certification-plan.txt",
            ROOT / "examples" / "tianjin" / "2019-binhai-certification-plan.txt")
COMPANY = (CORPUS / "law-versions" / "prc-company-law-2018.md",
           CORPUS / "law-versions" / "prc-company-law-2023.md")
_WORDS = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处理府研质"
)


def numbered(count: int, seed: int = 1) -> tuple[str, str]:
    """``count`` clauses that differ only in their number and one word, and a shuffled copy."""
    rng = random.Random(seed)
    lines = [f"{i}. 各部门要按照职责分工认真落实第{rng.choice(_WORDS)}{rng.choice(_WORDS)}项"
             f"任务要求，确保取得实效，按时报送工作进展情况。" for i in range(1, count + 1)]
    shuffled = lines[:]
    rng.shuffle(shuffled)
    return "\n".join(lines) + "\n", "\n".join(shuffled) + "\n"


def tiny(count: int, seed: int = 2) -> tuple[str, str]:
    """``count`` clauses of two or three characters a side."""
    rng = random.Random(seed)

    def side() -> str:
        return "\n".join("".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 3))) + "。"
                         for _ in range(count)) + "\n"
    return side(), side()


def annex(count: int, seed: int = 3) -> tuple[str, str]:
    """``count`` lines ``附件N：`` and a shuffled copy."""
    lines = [f"附件{i}：" for i in range(1, count + 1)]
    shuffled = lines[:]
    random.Random(seed).shuffle(shuffled)
    return "\n".join(lines) + "\n", "\n".join(shuffled) + "\n"


def repeated(paths: tuple[Path, Path], times: int) -> tuple[str, str]:
    parent, derived = (p.read_text(encoding="utf-8") for p in paths)
    return "\n".join([parent] * times), "\n".join([derived] * times)


CASES = {"numbered": lambda n: numbered(n), "tiny": lambda n: tiny(n),
         "annex": lambda n: annex(n), "flagship": lambda n: repeated(FLAGSHIP, n),
         "company": lambda n: repeated(COMPANY, n)}


def child(case: str, scale: int) -> None:
    sys.path.insert(0, str(ROOT))
    from policydiff import compare
    parent, derived = CASES[case](scale)
    start = time.perf_counter()
    result = compare(parent, derived)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.3f} {peak:.1f} {len(result.pairs)} {len(result.added)} "
          f"{len(result.dropped)} {len(parent)}")


def run(case: str, scale: int, timeout: float = 600) -> tuple[float, float, str]:
    out = subprocess.run([sys.executable, __file__, "--case", case, "--scale", str(scale)],
                         capture_output=True, text=True, timeout=timeout, check=True)
    seconds, megabytes, pairs, added, dropped, chars = out.stdout.split()
    return float(seconds), float(megabytes), f"{pairs} pairs, {added} added, {dropped} dropped, " \
        f"{int(chars) / 1e6:.2f} MB parent text"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--case")
    ap.add_argument("--scale", type=int)
    ap.add_argument("--quick", action="store_true", help="a fifth of each size")
    a = ap.parse_args()
    if a.case:
        child(a.case, a.scale)
        return
    div = 5 if a.quick else 1
    rows = [("numbered", 5000 // div, "≤ 10 s, ≤ 500 MB"), ("tiny", 10000 // div, "≤ 30 s, ≤ 1 GB"),
            ("annex", 6000 // div, "≤ 30 s, ≤ 1 GB"), ("flagship", 32 // div, "≤ 300 MB")]
    print(f"{'case':10s} {'size':>6s} {'seconds':>8s} {'peak MB':>8s}  target  | what came out")
    for case, scale, target in rows:
        seconds, megabytes, what = run(case, scale)
        print(f"{case:10s} {scale:6d} {seconds:8.2f} {megabytes:8.1f}  {target} | {what}")
    base: tuple[float, float] | None = None
    for times in (1, 2, 4, 8):
        seconds, megabytes, what = run("company", times)
        growth = ""
        if base is not None:
            growth = (f"  growth n^{math.log(seconds / base[0]) / math.log(times):.2f} time, "
                      f"n^{math.log(megabytes / base[1]) / math.log(times):.2f} memory")
        else:
            base = (seconds, megabytes)
        print(f"{'company':10s} {times:6d} {seconds:8.2f} {megabytes:8.1f}  ≤ 3 s, 300 MB at ×8"
              f" | {what}{growth}")


if __name__ == "__main__":
    main()
