"""Time the flagship report's renderers after compare (target: HTML under 100 ms).

    python benchmarks/render_time.py [--repeat 20] [--browser]

Compares the Tianjin city plan with the Binhai plan once, then renders each format ``--repeat``
times and prints the best and median wall time per format, plus the output sizes. Word and
Excel are written to a temporary folder. With ``--browser``, also loads a report holding a
200,000-character document with long unbroken runs in Chromium (target: under 2 s; long runs
get <wbr> break opportunities instead of a page-wide overflow-wrap rule).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
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
    parser.add_argument("--browser", action="store_true",
                        help="also time loading a 200,000-character report in Chromium")
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
        "docx table": lambda: _file_text(comparison.to_docx(TEMP / "r.docx")),
        "docx redline": lambda: _file_text(comparison.to_docx(TEMP / "d.docx",
                                                              layout="redline")),
        "xlsx": lambda: _file_text(comparison.to_xlsx(TEMP / "r.xlsx")),
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
    if args.browser:
        failed |= _browser_load()
    return 1 if failed else 0


TEMP = Path(tempfile.mkdtemp(prefix="policydiff-render-"))
LOAD_TARGET_S = 2.0


def _file_text(path: Path) -> str:
    """A stand-in string as long as the file, so sizes print like the others."""
    return "x" * path.stat().st_size


def _browser_load() -> bool:
    """Load a 200,000-character report in Chromium; True when over the target."""
    from playwright.sync_api import sync_playwright
    paragraph = ("第{n}条 " + "检验检测认证" * 20 + " " + "ABCDEFGHIJ0123456789" * 12 + "。\n\n")
    parent = "长文档\n\n" + "".join(paragraph.format(n=n) for n in range(1, 500))
    parent = parent[:200_000]
    derived = parent.replace("检验检测", "检测", 200)
    report = TEMP / "long.html"
    report.write_text(compare(parent, derived).to_html(), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(report.as_uri())
        page.wait_for_load_state("load")
        page.evaluate("document.body.offsetHeight")       # force the layout
        seconds = time.perf_counter() - start
        browser.close()
    over = seconds >= LOAD_TARGET_S
    print(f"{'chromium load, ' + str(len(parent)) + ' chars':38s} {seconds:7.2f} s  "
          f"{report.stat().st_size / 1024:7.1f} KiB  {'OVER' if over else 'ok'}")
    return over


if __name__ == "__main__":
    raise SystemExit(main())
