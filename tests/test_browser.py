"""The flagship report in Debian's Chromium, driven by Playwright.

Skipped only when /usr/bin/chromium is missing and the CI variable is unset; in CI a missing
browser (or Playwright) fails the test instead. Every page load routes all requests: anything
that is not ``file:`` is recorded and aborted, and the test fails on it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from policydiff.comparison import compare

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "tianjin"
CITY = EXAMPLES / "2018-tianjin-city-certification-plan.txt"
BINHAI = EXAMPLES / "2019-binhai-certification-plan.txt"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
SECTIONS = ("summary", "side-by-side", "added", "dropped", "targets")

# Each payload sets window.__pwned (or fetches from the network) if it ever runs.
PAYLOADS = (
    '<script>window.__pwned = "script"</script>',
    '<img src=x onerror="window.__pwned=\'img\'">',
    '<svg onload="window.__pwned=\'svg\'"><circle r="1"/></svg>',
    '<a href="javascript:window.__pwned=\'link\'">点此查看</a>',
    '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
    '"><script>window.__pwned="attribute"</script><x a="',
    "<img src=\"https://example.invalid/pixel.png\">",
    "<style>body { display: none }</style>",
    "<body onload=\"alert('body')\">",
    "<details open ontoggle=\"window.__pwned='details'\">",
)


def _need_browser() -> Any:
    """The sync Playwright API, or skip (locally) / fail (in CI) when the browser is missing."""
    in_ci = bool(os.environ.get("CI"))
    if not Path(CHROMIUM).exists():
        if in_ci:
            pytest.fail(f"{CHROMIUM} is missing in CI: apt-get install chromium fonts-noto-cjk")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright import sync_api
    except ImportError:  # pragma: no cover - depends on the machine
        if in_ci:
            pytest.fail("playwright is not installed in CI: pip install playwright")
        pytest.skip("playwright is not installed")
    return sync_api


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = _need_browser()
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


class Watched:
    """A page with its console errors, page errors, dialogs and non-file requests recorded."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", self._request)

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _request(self, request: Any) -> None:
        if not request.url.startswith("file:") and request.url not in self.requests:
            self.requests.append(request.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path) -> Any:
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    def check_clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.requests == [], f"network requests: {self.requests}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def flagship(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(compare(CITY, BINHAI).to_html(), encoding="utf-8")
    return path


def _visible_ids(page: Any, selector: str) -> list[str]:
    return page.eval_on_selector_all(
        selector, "rows => rows.filter(r => r.getClientRects().length > 0).map(r => r.id)")


def test_loads_clean_with_every_section(watched: Watched, flagship: Path) -> None:
    page = watched.open(flagship)
    for section in SECTIONS:
        assert page.locator(f"section#{section}").count() == 1, section
        assert page.locator(f"section#{section}").is_visible(), section
        assert page.locator(f"#toc a[href='#{section}']").count() == 1, section
    assert page.locator("#legend + dl.legend dt").count() >= 9
    assert page.locator("#pairs tbody tr").count() > 50
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.locator("#tools").is_visible()  # the script ran under the page's CSP
    watched.check_clean()


def test_every_row_has_an_anchor(watched: Watched, flagship: Path) -> None:
    page = watched.open(flagship)
    rows = page.eval_on_selector_all(
        "#pairs tbody tr", "rows => rows.map(r => [r.id, r.querySelector('th a').hash])")
    ids = [row_id for row_id, _ in rows]
    assert all(ids) and len(set(ids)) == len(ids)
    assert all(decoded == "#" + row_id for row_id, decoded in rows)
    target = ids[len(ids) // 2]
    page.goto(flagship.as_uri() + "#" + target)
    assert page.evaluate("document.querySelector(':target') && document.querySelector(':target').id"
                         ) == target
    watched.check_clean()


def test_filter_shows_only_changes(watched: Watched, flagship: Path) -> None:
    page = watched.open(flagship)
    every = _visible_ids(page, "#pairs tbody tr")
    same = page.locator("#pairs tbody tr.same").count()
    local = page.locator("#pairs tbody tr.local").count()
    assert same > 0 and local > 0

    page.check("#filter input[value=changes]")
    shown = _visible_ids(page, "#pairs tbody tr")
    assert _visible_ids(page, "#pairs tbody tr.same") == []
    assert len(shown) == len(every) - same
    assert len(_visible_ids(page, "#pairs tbody tr.local")) == local

    page.check("#filter input[value=substantive]")
    assert _visible_ids(page, "#pairs tbody tr.local") == []
    assert len(_visible_ids(page, "#pairs tbody tr")) == len(every) - same - local

    page.check("#filter input[value=all]")
    assert _visible_ids(page, "#pairs tbody tr") == every
    watched.check_clean()


def test_next_and_previous_change(watched: Watched, flagship: Path) -> None:
    page = watched.open(flagship)
    changes = _visible_ids(page, "#pairs tbody tr.change")
    assert len(changes) > 3

    def hash_() -> str:
        return page.evaluate("decodeURIComponent(location.hash.slice(1))")

    page.click("#next-change")
    assert hash_() == changes[0]
    page.click("#next-change")
    assert hash_() == changes[1]
    assert page.locator("#change-counter").inner_text() == f"2 / {len(changes)}"
    page.keyboard.press("n")
    assert hash_() == changes[2]
    page.click("#prev-change")
    assert hash_() == changes[1]
    assert page.locator("#pairs tr.current").count() == 1
    box = page.locator(f"[id='{changes[1]}']").bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view

    # With only substantive changes shown, navigation skips the hidden localized rows.
    page.check("#filter input[value=substantive]")
    page.evaluate("window.scrollTo(0, 0)")
    substantive = _visible_ids(page, "#pairs tbody tr.change")
    page.click("#next-change")
    page.click("#next-change")
    assert hash_() == substantive[1]
    watched.check_clean()


def test_tightened_target_is_in_targets(watched: Watched, flagship: Path) -> None:
    page = watched.open(flagship)
    row = page.locator("#targets tbody tr", has_text="93%").filter(has_text="95%").first
    assert row.get_attribute("data-direction") == "tightened"
    text = row.inner_text()
    assert "▲" in text and "收紧" in text
    assert "装备制造业产品质量合格率" in text
    link = row.locator("td a").last.get_attribute("href")
    assert link and page.locator(f"[id='{link[1:]}']").locator("ins", has_text="95%").count()
    watched.check_clean()


def test_english_labels(watched: Watched, tmp_path: Path) -> None:
    path = tmp_path / "report-en.html"
    path.write_text(compare(CITY, BINHAI).to_html(lang="en"), encoding="utf-8")
    page = watched.open(path)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "tightened" in page.locator("#targets").inner_text()
    assert page.locator("#next-change").inner_text().endswith("Next change")
    watched.check_clean()


def test_hostile_document_runs_nothing(watched: Watched, tmp_path: Path) -> None:
    text = BINHAI.read_text(encoding="utf-8")
    anchor = "(二)基本原则。"
    assert anchor in text
    stuffed = "".join(PAYLOADS)
    text = text.replace(anchor, anchor + stuffed + "\n\n——恶意条款。" + stuffed, 1)
    text = text.replace("营造良好发展环境。", "营造良好发展环境。" + PAYLOADS[1] + PAYLOADS[2], 1)
    # The file name is shown in the summary too.
    derived = tmp_path / "<img src=x onerror=alert(1)>.txt"
    derived.write_text(text, encoding="utf-8")
    path = tmp_path / "hostile.html"
    path.write_text(compare(CITY, derived).to_html(), encoding="utf-8")

    page = watched.open(path)
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(
        "document.querySelectorAll('main script, main img, main svg, main iframe, main style,"
        " main details:not(.why):not(.skipped), a[href^=\"javascript:\"]').length") == 0
    assert page.locator("body").is_visible()
    body = page.locator("main").inner_text()
    assert '<script>window.__pwned = "script"</script>' in body
    assert "onerror=" in body and "<svg onload=" in body and "javascript:" in body
    assert "<img src=x onerror=alert(1)>.txt" in page.locator("#summary").inner_text()
    page.click("#next-change")  # the page's own script still works
    watched.check_clean()


# --- the reviewer's report (#12) ---------------------------------------------------------------

JUPYTER_CSS = """
.jp-RenderedHTMLCommon { font-size: 14px; line-height: 1.28; padding-right: 20px; }
.jp-RenderedHTMLCommon table { border-collapse: collapse; border-spacing: 0; border: none;
  font-size: 12px; table-layout: fixed; margin-left: auto; margin-right: auto; }
.jp-RenderedHTMLCommon thead { border-bottom: 1px solid #616161; vertical-align: bottom; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon tr {
  vertical-align: middle; padding: .5em .5em; line-height: normal; white-space: normal;
  max-width: none; border: none; }
.jp-RenderedHTMLCommon th { font-weight: bold; }
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td,
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon th { text-align: right; }
.jp-RenderedHTMLCommon tbody tr:nth-child(odd) { background: #f5f5f5; }
"""


@pytest.mark.parametrize("width", [1024, 1400])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_toolbar_fits(watched: Watched, tmp_path: Path, width: int, lang: str) -> None:
    path = tmp_path / "report.html"
    path.write_text(compare(CITY, BINHAI).to_html(lang=lang), encoding="utf-8")
    watched.page.set_viewport_size({"width": width, "height": 800})
    page = watched.open(path)
    for selector in ("#next-change", "#prev-change", "#filter", "#toc a[href='#dropped']"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, selector
    # nothing covers the button: a click at its centre reaches it
    assert page.evaluate("""() => { const b = document.getElementById('next-change');
        const r = b.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; }""")
    page.click("#next-change")
    assert page.locator("#pairs tr.current").count() == 1
    # the sticky table header sits under the (possibly wrapped) bar, not behind it
    bar = page.evaluate("document.querySelector('.bar').offsetHeight")
    assert page.evaluate("getComputedStyle(document.documentElement)"
                         ".getPropertyValue('--bar')").strip() == f"{bar}px"
    assert bar < 100                      # at most two lines, also after resizing
    page.set_viewport_size({"width": 2048 - width, "height": 800})
    page.set_viewport_size({"width": width, "height": 800})
    assert page.evaluate("document.querySelector('.bar').offsetHeight") == bar
    watched.check_clean()


def test_responsibilities_section_on_the_flagship(watched: Watched, flagship: Path) -> None:
    page = watched.open(flagship)
    section = page.locator("section#responsibilities")
    assert section.is_visible() and page.locator("#toc a[href='#responsibilities']").count() == 1
    rows = section.locator("tr.resp-row")
    assert rows.count() >= 10
    first = rows.first.inner_text()
    assert "区科技局" in first and "天津海关" in first and "区市场监管局" in first
    # annex rows in the side-by-side table: four cells side by side, not run together
    cells = page.locator("#d-annex1\\.row5 td.derived .cells > .cell")
    assert cells.count() == 4
    xs = [cells.nth(i).bounding_box()["x"] for i in range(4)]
    assert xs == sorted(xs) and len(set(xs)) == 4
    watched.check_clean()


def test_lead_unit_change_is_shown(watched: Watched, tmp_path: Path) -> None:
    from test_responsibilities import _plan
    comparison = compare(_plan("天津市质量提升方案", "市市场监管委、市教委、市商务局"),
                         _plan("滨海新区质量提升方案", "区教体局、区市场监管局、区科技局"))
    path = tmp_path / "lead.html"
    path.write_text(comparison.to_html(), encoding="utf-8")
    page = watched.open(path)
    changed = page.locator("section#responsibilities tr.lead-changed")
    assert changed.count() == 2
    assert "市市场监管委 → 区教体局" in changed.first.locator("td.lead").inner_text()
    watched.check_clean()


def test_substitutions_summary(watched: Watched, flagship: Path) -> None:
    page = watched.open(flagship)
    items = page.locator("#summary ul.subs li")
    assert items.count() >= 3
    first = items.first.inner_text()
    assert "→" in first and "×" in first
    # inside the rows the localising words are plain text, not struck through
    assert page.eval_on_selector_all(
        "#pairs del", "marks => marks.filter(m => m.textContent === '本市').length") == 0
    assert page.locator("#pairs .lc").count() > 10
    watched.check_clean()


def test_why_details_of_a_pair(watched: Watched, flagship: Path) -> None:
    page = watched.open(flagship)
    details = page.locator("#pairs tr.k-pair details.why").first
    assert details.get_attribute("open") is None
    hidden = details.locator("ul")
    assert not hidden.is_visible()
    details.locator("summary").click()
    assert hidden.is_visible()
    text = hidden.inner_text()
    assert "得分" in text and "次优候选" in text
    unpaired = page.locator("#pairs tr.k-added details.why").first
    unpaired.locator("summary").click()
    assert "原因" in unpaired.inner_text()
    watched.check_clean()


def test_notebook_fragment_stays_left_aligned(watched: Watched, tmp_path: Path) -> None:
    fragment = compare(CITY, BINHAI)._repr_html_()
    path = tmp_path / "notebook.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>" + JUPYTER_CSS
        + "</style></head><body><div class='jp-OutputArea-output jp-RenderedHTMLCommon "
          "jp-RenderedHTML' style='width: 1100px'>" + fragment + "</div></body></html>",
        encoding="utf-8")
    watched.page.set_viewport_size({"width": 1200, "height": 900})
    page = watched.open(path)
    aligns = page.eval_on_selector_all(
        ".policydiff-fragment td, .policydiff-fragment th",
        "cells => [...new Set(cells.map(c => getComputedStyle(c).textAlign))]")
    assert aligns == ["left"]
    table = page.locator(".policydiff-fragment table.pairs")
    box = table.bounding_box()
    outer = page.locator(".jp-RenderedHTMLCommon").bounding_box()
    assert box is not None and outer is not None and abs(box["x"] - outer["x"]) < 2
    notes = page.locator(".policydiff-fragment table.pairs td.notes").first.bounding_box()
    assert notes is not None and notes["width"] >= 150  # not wrapping every 2-3 characters
    watched.check_clean()


def test_print_has_running_title_and_page_numbers(browser: Any, tmp_path: Path) -> None:
    import shutil
    import subprocess
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (poppler-utils)")
    source = tmp_path / "report.html"
    source.write_text(compare(CITY, BINHAI).to_html(), encoding="utf-8")
    page = browser.new_page()
    page.goto(source.as_uri())
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.count("\f")
    assert pages > 5
    assert "第1页 共" in text and f"第{pages}页 共{pages}页" in text
    assert text.count("天津市加强质量认证体系建设促进全面质量管理实施方案 →") >= pages - 1
