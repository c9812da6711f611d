"""Screenshots of the flagship report, to look at before a release.

    python benchmarks/screenshots.py [--lang zh|en] [--out benchmarks/out]

Writes ``report.html`` and PNGs to the output folder: the top of the page, the changed row
holding 93%→95%, the targets table, the same row with the "only changes" filter on, and the
print preview (``page.pdf()`` as A4 landscape, turned into PNGs with ``pdftoppm`` from
poppler-utils); the reviewer's sections (substitutions, task division, an annex row, a
why-paired box opened, the toolbar at 1024 px); and the Word files (对照表 and redline)
converted by LibreOffice (``soffice --headless --convert-to pdf``) and turned into PNGs.
Needs Debian's Chromium at /usr/bin/chromium and Playwright's Python package.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policydiff.comparison import compare  # noqa: E402

PARENT = ROOT / "examples" / "tianjin" / "2018-tianjin-city-certification-plan.txt"
DERIVED = ROOT / "examples" / "tianjin" / "2019-binhai-certification-plan.txt"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--pages", type=int, default=3, help="print pages to turn into PNGs")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    report = out / f"report-{args.lang}.html"
    report.write_text(compare(PARENT, DERIVED).to_html(lang=args.lang), encoding="utf-8")
    written = [report]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.goto(report.as_uri())
        shot = out / f"{args.lang}-1-top.png"
        page.screenshot(path=shot)
        written.append(shot)

        row = page.locator("#pairs tbody tr", has=page.locator("ins", has_text="95%")).first
        row.scroll_into_view_if_needed()
        shot = out / f"{args.lang}-2-changed-row.png"
        row.screenshot(path=shot)
        written.append(shot)
        shot = out / f"{args.lang}-3-changed-row-in-page.png"
        page.evaluate("id => { location.hash = id; }", row.get_attribute("id"))
        page.screenshot(path=shot)
        written.append(shot)

        ghost = page.locator("#pairs tr.ghost")
        if ghost.count():
            shot = out / f"{args.lang}-3b-moved.png"
            target = ghost.first.get_attribute("id")
            moved = page.locator(f"#pairs tr.moved:has(a[href='#{target}'])")
            page.evaluate("id => { location.hash = id; }", target)
            page.screenshot(path=shot)
            written.append(shot)
            if moved.count():
                shot = out / f"{args.lang}-3c-moved-row.png"
                moved.first.screenshot(path=shot)
                written.append(shot)

        shot = out / f"{args.lang}-4-targets.png"
        page.locator("#targets").screenshot(path=shot)
        written.append(shot)

        page.evaluate("() => window.scrollTo(0, 0)")
        page.check("#filter input[value=substantive]")
        page.click("#next-change")
        page.click("#next-change")
        shot = out / f"{args.lang}-5-filtered-next.png"
        page.screenshot(path=shot)
        written.append(shot)
        page.check("#filter input[value=all]")

        _reviewer_shots(page, out, args.lang, written)

        pdf = out / f"{args.lang}-print.pdf"
        page.emulate_media(media="print")
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        written.append(pdf)
        browser.close()

    if shutil.which("pdftoppm"):
        prefix = out / f"{args.lang}-6-print"
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", str(args.pages),
                        str(pdf), str(prefix)], check=True)
        written.extend(sorted(out.glob(f"{prefix.name}-*.png")))
    else:
        print("pdftoppm not found (apt-get install poppler-utils): print pages not rendered",
              file=sys.stderr)
    written.extend(_word_pages(out, args.pages))
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


def _reviewer_shots(page: object, out: Path, lang: str, written: list[Path]) -> None:
    """The sections a reviewer uses (#12)."""
    shots = {"7-substitutions": "#substitutions + p + ul.subs, #substitutions + ul.subs",
             "8-responsibilities": "#responsibilities",
             "9-annex-row": "#pairs tr.k-pair:has(.cells)"}
    for name, selector in shots.items():
        target = page.locator(selector).first  # type: ignore[attr-defined]
        if target.count():
            shot = out / f"{lang}-{name}.png"
            target.scroll_into_view_if_needed()
            target.screenshot(path=shot)
            written.append(shot)
    row = page.locator("#pairs tr.k-pair:has(details.why)").nth(8)  # type: ignore[attr-defined]
    row.locator("details.why summary").click()
    shot = out / f"{lang}-10-why.png"
    row.screenshot(path=shot)
    written.append(shot)
    page.set_viewport_size({"width": 1024, "height": 700})  # type: ignore[attr-defined]
    page.evaluate("() => window.scrollTo(0, 0)")  # type: ignore[attr-defined]
    shot = out / f"{lang}-11-toolbar-1024.png"
    page.screenshot(path=shot)  # type: ignore[attr-defined]
    written.append(shot)
    page.set_viewport_size({"width": 1440, "height": 900})  # type: ignore[attr-defined]


def _word_pages(out: Path, pages: int) -> list[Path]:
    """The 对照表 and the redline as Word files, as LibreOffice lays them out."""
    if not shutil.which("soffice"):
        print("soffice not found (apt-get install libreoffice-writer): Word pages not rendered",
              file=sys.stderr)
        return []
    comparison = compare(PARENT, DERIVED)
    files = [comparison.to_docx(out / "report.docx"),
             comparison.to_docx(out / "redline.docx", layout="redline")]
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    *map(str, files)], check=True, capture_output=True)
    written: list[Path] = list(files)
    for name in ("report", "redline"):
        pdf = out / f"{name}.pdf"
        written.append(pdf)
        if shutil.which("pdftoppm"):
            first_side_page = _first_page_with(pdf, "序号") if name == "report" else 1
            for first in sorted({1, first_side_page}):
                prefix = out / f"word-{name}-p{first}"
                subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(first), "-l",
                                str(first + pages - 1 if first == 1 else first), str(pdf),
                                str(prefix)], check=True)
                written.extend(sorted(out.glob(f"{prefix.name}-*.png")))
    return written


def _first_page_with(pdf: Path, text: str) -> int:
    """The first page whose text has a line starting with ``text`` (the side-by-side table)."""
    if not shutil.which("pdftotext"):
        return 1
    layout = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                            check=True).stdout
    for number, page in enumerate(layout.split("\f"), 1):
        if any(line.startswith(text) for line in page.splitlines()):
            return number
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
