"""Tests for the reading stage: files and strings become ``RawText``, bad inputs ``InputError``."""

from __future__ import annotations

import builtins
import codecs
import io
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from policydiff.errors import InputError
from policydiff.reading import MAX_BYTES, RawText, read, read_text

ROOT = Path(__file__).resolve().parents[1]
TIANJIN = sorted((ROOT / "examples" / "tianjin").glob("*.txt"))
BINHAI = ROOT / "examples" / "tianjin" / "2019-binhai-certification-plan.txt"
DATA = Path(__file__).resolve().parent / "data" / "reading"
BINHAI_PAGE = DATA / "binhai-page.html"
BINHAI_PAGE_GB = DATA / "binhai-page-gb.html"
DONGLI_PAGE = DATA / "dongli-layout-page.htm"


def binhai_text() -> str:
    return BINHAI.read_text(encoding="utf-8")


def read_error(path: Path, **options: Any) -> InputError:
    """The InputError reading ``path`` raises, after checking that it names the file."""
    with pytest.raises(InputError) as info:
        read(path, **options)
    assert info.value.source == str(path)
    assert str(info.value).startswith(f"{path}: ")
    return info.value


def lines_of(raw: RawText) -> list[str]:
    return raw.text.split("\n")


def in_furniture(raw: RawText, needle: str) -> bool:
    """Whether the first occurrence of ``needle`` lies wholly inside one furniture span."""
    start = raw.text.index(needle)
    return any(s <= start and start + len(needle) <= e for s, e in raw.furniture)


def touches_furniture(raw: RawText, line: str) -> bool:
    """Whether the last occurrence of ``line`` as a whole line overlaps a furniture span (the
    metadata table repeats some body lines, such as the title, earlier on the page)."""
    start = ("\n" + raw.text).rindex("\n" + line + "\n")
    return any(s < start + len(line) and start < e for s, e in raw.furniture)


def assert_spans_well_formed(raw: RawText) -> None:
    previous_end = 0
    for start, end in raw.furniture:
        assert previous_end <= start < end <= len(raw.text)
        previous_end = end


# --- plain text --------------------------------------------------------------------------------

def test_corpus_is_the_five_tianjin_files() -> None:
    assert len(TIANJIN) == 5


@pytest.mark.parametrize("path", TIANJIN, ids=[path.name for path in TIANJIN])
def test_tianjin_files_read_as_utf8(path: Path) -> None:
    raw = read(path)
    expected = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    assert raw == RawText(str(path), expected, "utf-8")


@pytest.mark.parametrize(
    ("codec", "newline", "reported"),
    [
        ("gb18030", "\n", "gb18030"),
        ("utf-8-sig", "\n", "utf-8-sig"),
        ("utf-16", "\n", "utf-16"),  # Python writes a BOM
        ("utf-8", "\r\n", "utf-8"),
        ("utf-8", "\r", "utf-8"),
        ("gb18030", "\r\n", "gb18030"),
    ],
)
def test_round_trip(tmp_path: Path, codec: str, newline: str, reported: str) -> None:
    text = binhai_text()
    path = tmp_path / "binhai.txt"
    path.write_bytes(text.replace("\n", newline).encode(codec))
    raw = read(path)
    assert raw.text == text
    assert raw.encoding == reported
    assert raw.source == str(path)


def test_gbk_is_read_as_gb18030(tmp_path: Path) -> None:
    # The Binhai text has U+00A0 (名\xa0\xa0称), which GBK lacks; the city plan has none.
    source = ROOT / "examples" / "tianjin" / "2018-tianjin-city-certification-plan.txt"
    text = source.read_text(encoding="utf-8")
    path = tmp_path / "city.txt"
    path.write_bytes(text.encode("gbk"))
    assert (read(path).text, read(path).encoding) == (text, "gb18030")


def test_utf16_big_endian_with_bom(tmp_path: Path) -> None:
    text = binhai_text()
    path = tmp_path / "binhai.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + text.replace("\n", "\r\n").encode("utf-16-be"))
    assert (read(path).text, read(path).encoding) == (text, "utf-16")


def test_accepts_str_and_pathlike_and_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# 标题\n\n正文。\n", encoding="utf-8")
    assert read(str(path)) == read(path) == RawText(str(path), "# 标题\n\n正文。\n", "utf-8")


def test_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "binhai.txt"
    path.write_bytes(binhai_text().encode("gb18030"))
    raw = read(path, encoding="GB18030")
    assert (raw.text, raw.encoding) == (binhai_text(), "gb18030")


def test_forced_encoding_strips_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "第一条".encode())
    assert read(path, encoding="utf-8") == RawText(str(path), "第一条", "utf-8")


def test_forced_encoding_that_fails_gives_the_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "binhai.txt"
    path.write_bytes("abc质量".encode("gb18030"))
    error = read_error(path, encoding="utf-8")
    assert "cannot be decoded as utf-8 at byte offset 3" in error.problem


def test_unknown_encoding_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("质量", encoding="utf-8")
    assert read_error(path, encoding="klingon-8").problem == "unknown encoding 'klingon-8'"
    assert "'base64' is not a text encoding" in read_error(path, encoding="base64").problem


def test_read_text_normalises_line_ends_only() -> None:
    raw = read_text("\ufeff第一条 \r\n第二条\r第三条\n")
    assert raw == RawText("<text>", "\ufeff第一条 \n第二条\n第三条\n", None)
    assert read_text("条", source="parent").source == "parent"


@pytest.mark.parametrize(("text", "problem"), [("", "is empty"),
                                               (" \n\t\u3000\r\n", "contains only whitespace")])
def test_read_text_refuses_empty(text: str, problem: str) -> None:
    with pytest.raises(InputError) as info:
        read_text(text)
    assert (info.value.source, info.value.problem) == ("<text>", problem)
    assert str(info.value) == f"<text>: {problem}"


def test_read_text_refuses_bytes() -> None:
    with pytest.raises(TypeError, match="use read"):
        read_text(b"abc")  # type: ignore[arg-type]


# --- bad inputs --------------------------------------------------------------------------------

def test_missing_file(tmp_path: Path) -> None:
    assert read_error(tmp_path / "nope.txt").problem == "no such file"


def test_text_passed_as_a_path_gets_a_hint() -> None:
    with pytest.raises(InputError, match=r"no such file \(to read a string of text, use read_text"):
        read("一、总体要求\n（一）指导思想。")


def test_directory(tmp_path: Path) -> None:
    assert read_error(tmp_path).problem == "is a directory, not a file"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_device_is_not_a_regular_file() -> None:
    with pytest.raises(InputError, match="/dev/null: is not a regular file"):
        read("/dev/null")


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "is empty"),
    (b" \r\n\t\n", "contains only whitespace"),
    ("\u3000\u3000\n".encode(), "contains only whitespace"),
    (codecs.BOM_UTF8, "is empty"),
])
def test_empty_files(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert read_error(path).problem == problem


def test_nul_bytes_look_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x01\x02abc\x00\x00\x07def\x00")
    assert read_error(path).problem == "looks binary (NUL bytes)"


def test_utf16_without_bom_is_binary_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Article 1\n第一条\n".encode("utf-16-le"))
    problem = read_error(path).problem
    assert problem.startswith("looks binary (NUL bytes)")
    assert "pass encoding='utf-16-le'" in problem
    assert read(path, encoding="utf-16-le").text == "Article 1\n第一条\n"


@pytest.mark.parametrize("magic", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                                   b"\xff\xd8\xff\xe0\x00\x10JFIF",
                                   b"GIF89a\x01\x00\x01\x00", b"GIF87a\x01\x00"],
                         ids=["png", "jpeg", "gif89", "gif87"])
def test_images(tmp_path: Path, magic: bytes) -> None:
    path = tmp_path / "scan.txt"
    path.write_bytes(magic + bytes(range(256)))
    assert read_error(path).problem == "is an image, not a text document"


def test_pdf(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert read_error(path).problem == (
        "PDF files are not supported yet; convert to text or .docx first")


def test_legacy_doc(tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert "legacy .doc is not supported; save as .docx" in read_error(path).problem


def test_rtf(tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}\\f0 \\'d6\\'ca}")
    assert read_error(path).problem.startswith("RTF files are not supported")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 25 MB actually written
        handle.truncate(25 * 1024 * 1024)
    assert read_error(path).problem == "is 25.0 MB; the limit is 20 MB"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert read_error(path).problem == "is 20.1 MB; the limit is 20 MB"


def test_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    line = "质量认证。\n"
    count = MAX_BYTES // len(line.encode())
    path.write_bytes((line * count).encode())
    assert path.stat().st_size <= MAX_BYTES
    assert read(path).text.count("\n") == count


def test_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "mystery.txt"
    path.write_bytes(b"\x80abc\xff\xfe\x80" * 10)
    problem = read_error(path).problem
    assert problem.startswith("cannot decode the text (tried utf-8, gb18030)")
    assert problem.endswith("; pass encoding= (--encoding on the command line) to choose the codec")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("机密", encoding="utf-8")
    real_open = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    assert read_error(path).problem == "cannot be read (permission denied)"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("机密", encoding="utf-8")
    path.chmod(0)
    try:
        assert read_error(path).problem == "cannot be read (permission denied)"
    finally:
        path.chmod(0o644)


# --- HTML --------------------------------------------------------------------------------------

BINHAI_TITLE = ("天津市滨海新区人民政府关于印发滨海新区"
                "加强质量认证体系建设促进全面质量管理实施方案的通知")
BINHAI_FIELDS = (
    ("名称", BINHAI_TITLE),
    ("索引号", "87-6344-2019-00005"),
    ("发布机构", "区政府"),
    ("文号", "津滨政发〔2019〕16号"),
    ("主题分类", "市场监管,质量监督"),
    ("成文日期", "2019-07-18"),
    ("发文日期", "2019-07-18"),
    ("有效性", "有效"),
)
# Paragraphs of the Binhai text that the fixture's TRS_Editor holds, one <p> each.
BINHAI_BODY_LINES = [line for line in binhai_text().split("\n")[14:52]
                     if line.strip() and line != "天津市滨海新区人民政府"]
BINHAI_FURNITURE = ["首页", "政务公开", "当前位置:首页> 政务公开> 最新文件",
                    "【打印本页】 【关闭窗口】", "扫一扫在手机打开当前页", "网站地图",
                    "版权所有:天津市滨海新区人民政府", "欢迎访问天津市滨海新区人民政府网站",
                    "索引号:\t87-6344-2019-00005"]


def test_html_fields() -> None:
    raw = read(BINHAI_PAGE)
    assert raw.fields == BINHAI_FIELDS
    assert dict(raw.fields)["文号"] == "津滨政发〔2019〕16号"
    assert dict(raw.fields)["成文日期"] == "2019-07-18"
    assert raw.encoding == "utf-8"


def test_html_drops_script_style_and_form_controls() -> None:
    text = read(BINHAI_PAGE).text
    for hidden in ("shareTitle", "window.print", "font-size", "color", "访问量统计", "请输入关键字",
                   "搜索", "<", ">>"):
        assert hidden not in text


def test_html_body_paragraphs_are_lines() -> None:
    lines = lines_of(read(BINHAI_PAGE))
    for line in BINHAI_BODY_LINES:
        assert line in lines
    # <br> splits the title and the signature block into lines of their own, in order
    start = lines.index("天津市滨海新区人民政府关于印发滨海新区")
    assert lines[start:start + 3] == ["天津市滨海新区人民政府关于印发滨海新区",
                                      "加强质量认证体系建设促进全面", "质量管理实施方案的通知"]
    signature = lines.index("天津市滨海新区人民政府")
    assert lines[signature + 1] == "2019年7月18日"
    assert not any(line.strip() != line.strip(" \t") or line == "" for line in lines[:-1])


def test_html_table_rows_are_tab_separated() -> None:
    lines = lines_of(read(BINHAI_PAGE))
    header = "序号\t任务\t重点工作\t责任单位(排在第一位的为牵头单位, 其他相关单位依职责分工落实)"
    assert header in lines
    row = next(line for line in lines if line.startswith("1\t"))
    number, task, work, units = row.split("\t")
    assert (number, task) == ("1", "加强服务新区重大产业能力建设")
    assert work.startswith("围绕新区航空航天") and work.endswith("认证等服务。")
    assert units.startswith("区市场监管局、区发展改革委") and units.endswith("区委编办")
    assert lines.index(header) + 1 == lines.index(row)
    assert lines[lines.index(row) + 1].startswith("2\t强化民生和绿色发展技术支撑能力\t")


def test_html_furniture_covers_page_around_the_body() -> None:
    raw = read(BINHAI_PAGE)
    assert_spans_well_formed(raw)
    assert len(raw.furniture) == 2
    for needle in BINHAI_FURNITURE:
        assert in_furniture(raw, needle), needle
    for line in BINHAI_BODY_LINES:
        assert not touches_furniture(raw, line), line
    body = raw.text[raw.furniture[0][1]:raw.furniture[1][0]]
    assert body.startswith("天津市滨海新区人民政府关于印发滨海新区\n")
    assert body.splitlines()[-1].startswith("2\t强化民生和绿色发展技术支撑能力")
    # nothing is lost: furniture plus body is the whole text
    assert raw.text == raw.text[:raw.furniture[0][1]] + body + raw.text[raw.furniture[1][0]:]


def test_html_declared_gb2312_is_read_as_gb18030() -> None:
    data = BINHAI_PAGE_GB.read_bytes()
    assert b'<meta charset="gb2312">' in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # 喆 is a GBK character, outside GB2312
    raw = read(BINHAI_PAGE_GB)
    assert raw.encoding == "gb18030"
    assert "附注:区质量认证促进中心联系人王喆。" in lines_of(raw)
    assert raw.fields == BINHAI_FIELDS
    assert not touches_furniture(raw, "附注:区质量认证促进中心联系人王喆。")
    assert in_furniture(raw, "扫一扫在手机打开当前页")


def test_html_wrong_declared_charset_falls_back_to_detection(tmp_path: Path) -> None:
    page = "<html><head><meta charset='gb2312'></head><body><p>质量认证体系建设。</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    raw = read(path)
    assert (raw.encoding, raw.text) == ("utf-8", "质量认证体系建设。\n")


def test_html_declared_charset_beats_gb18030(tmp_path: Path) -> None:
    # Big5 bytes also decode as GB18030, into nonsense; the page's own declaration wins.
    page = "<html><head><meta charset='big5'></head><body><p>質量認證體系建設。</p></body></html>"
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("big5"))
    raw = read(path)
    assert (raw.encoding, raw.text) == ("big5", "質量認證體系建設。\n")


def test_html_forced_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(BINHAI_PAGE.read_bytes().decode("utf-8").encode("utf-16"))
    assert read(path).text == read(BINHAI_PAGE).text  # a UTF-16 BOM is honoured too
    path.write_bytes("<html><body><p>质量</p></body></html>".encode("gb18030"))
    assert read(path, encoding="gb18030").text == "质量\n"


def test_html_without_known_container_uses_densest_block() -> None:
    raw = read(DONGLI_PAGE)
    assert_spans_well_formed(raw)
    lines = lines_of(raw)
    assert lines[0] == "网站首页\t政务公开\t办事服务\t公众互动"  # a small layout table
    body = raw.text[raw.furniture[0][1]:raw.furniture[1][0]]
    assert body.startswith("东丽政发〔2024〕5号\n各街道办事处，各委、办、局，各直属单位：\n")
    assert body.endswith("服务业供给有效满足产业转型升级和居民消费升级需要。\n")
    for needle in ("网站首页", "您现在的位置：首页 >> 政务公开 >> 区政府文件", "区政府办公室文件",
                   "打印本页", "主办：天津市东丽区人民政府办公室", "网站地图"):
        assert in_furniture(raw, needle), needle
    assert dict(raw.fields) == {"发布时间": "2024-08-26", "来源": "区政府办公室"}


def test_html_sniffed_from_content(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_bytes(codecs.BOM_UTF8 + DONGLI_PAGE.read_bytes())  # starts with a comment
    raw = read(path)
    assert raw.text == read(DONGLI_PAGE).text
    assert raw.encoding == "utf-8-sig"


def test_html_without_body_has_no_furniture(tmp_path: Path) -> None:
    path = tmp_path / "links.html"
    path.write_text("<!doctype html><p><a href='/'>首页</a> <a href='/a'>政务公开</a></p>"
                    "<div>文 号: 津滨政发〔2019〕16号</div>", encoding="utf-8")
    raw = read(path)
    assert raw.text == "首页 政务公开\n文 号: 津滨政发〔2019〕16号\n"
    assert raw.furniture == ()
    assert raw.fields == (("文号", "津滨政发〔2019〕16号"),)


def test_html_whitespace_rules(tmp_path: Path) -> None:
    path = tmp_path / "ws.html"
    path.write_text("<html><body><div class='TRS_Editor'>"
                    "<p>\u3000\u3000一、  总体\n要求&nbsp;&nbsp;<span>（一）</span></p>"
                    "<p>&nbsp;</p><ul><li>甲</li><li>乙</li></ul>"
                    "<pre>第一行\n  第二行</pre></div></body></html>", encoding="utf-8")
    assert read(path).text == "\u3000\u3000一、 总体 要求 （一）\n甲\n乙\n第一行\n第二行\n"


def test_html_with_no_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>t</title></head><body><script>x()</script></body></html>",
                    encoding="utf-8")
    assert read_error(path).problem == "has no visible text"


# --- .docx -------------------------------------------------------------------------------------

def fill(table: Any, rows: list[list[str]]) -> None:
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value


def make_docx(path: Path) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("滨海新区加强质量认证体系建设促进全面质量管理实施方案", level=1)
    document.add_paragraph("一、总体要求")
    document.add_paragraph("（一）指导思想。以习近平新时代中国特色社会主义思想为指导。")
    table = document.add_table(rows=2, cols=4)
    fill(table, [["序号", "任务", "重点工作", "责任单位"],
                 ["1", "加强服务新区重大产业能力建设", "围绕新区航空航天。", "区市场监管局"]])
    document.add_paragraph("二、重点任务")
    document.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "plan.docx")
    raw = read(path)
    assert raw == RawText(str(path), "\n".join([
        "滨海新区加强质量认证体系建设促进全面质量管理实施方案",
        "一、总体要求",
        "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。",
        "序号\t任务\t重点工作\t责任单位",
        "1\t加强服务新区重大产业能力建设\t围绕新区航空航天。\t区市场监管局",
        "二、重点任务",
    ]), None)


def test_docx_found_by_content_and_merged_cells(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    fill(table, [["序号", "任务", "责任单位"], ["9", "高端品质认证", "区市场监管局"],
                 ["10", "", "区工业和信息化局"]])
    table.cell(1, 1).merge(table.cell(2, 1))  # 任务 spans two rows
    cell = table.cell(0, 2)
    cell.add_paragraph("（牵头单位在前）")
    path = tmp_path / "annex.bin"  # no .docx extension: found by its zip content
    document.save(str(path))
    assert read(path).text == ("序号\t任务\t责任单位 （牵头单位在前）\n"
                               "9\t高端品质认证\t区市场监管局\n"
                               "10\t\t区工业和信息化局")


def test_docx_without_python_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_docx(tmp_path / "plan.docx")
    monkeypatch.setitem(sys.modules, "docx", None)
    assert read_error(path).problem == (
        'reading .docx needs python-docx: pip install "policydiff[docx]"')


def test_docx_truncated(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "plan.docx")
    path.write_bytes(path.read_bytes()[:2000])
    assert read_error(path).problem.startswith("is a corrupt .docx or zip archive")


def test_docx_with_broken_xml(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "plan.docx")
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as broken:
        for item in original.infolist():
            data = original.read(item)
            broken.writestr(item, b"<w:document><unclosed" if item.filename ==
                            "word/document.xml" else data)
    assert read_error(path).problem.startswith("is not a valid .docx (")


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "bundle.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "质量")
    assert read_error(path).problem == "is a zip archive, not a .docx (no word/document.xml)"


def test_docx_extension_on_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_text("一、总体要求", encoding="utf-8")
    assert read_error(path).problem == (
        "has a .docx extension but is not a .docx file (not a zip archive)")


def test_docx_without_text(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    path = tmp_path / "blank.docx"
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    path.write_bytes(buffer.getvalue())
    assert read_error(path).problem == "has no text"


# --- invariants --------------------------------------------------------------------------------

def looks_special(text: str) -> bool:
    """Texts that are, by their first bytes, a page or another format rather than plain text."""
    return text.lstrip().startswith("<") or text.startswith(("%PDF-", "GIF8", "PK", "{\\rtf"))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00")))
def test_any_utf8_text_round_trips(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    assume(not looks_special(text))
    path = tmp_path_factory.getbasetemp() / "hypothesis.txt"
    path.write_bytes(text.encode("utf-8"))
    # A leading U+FEFF is indistinguishable from a UTF-8 byte-order mark, so it goes.
    expected = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    if not expected.strip():
        with pytest.raises(InputError, match=r"is empty|contains only whitespace"):
            read(path)
    else:
        raw = read(path)
        assert raw.text == expected
        assert raw.encoding == ("utf-8-sig" if text.startswith("\ufeff") else "utf-8")


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2048),
       prefix=st.sampled_from([b"", b"<!DOCTYPE html><body><div class='zoom'>", b"PK\x03\x04",
                               codecs.BOM_UTF16_LE, b"<html><meta charset='gbk'><p>"]))
def test_any_bytes_read_or_raise_input_error(tmp_path_factory: pytest.TempPathFactory,
                                             data: bytes, prefix: bytes) -> None:
    path = tmp_path_factory.getbasetemp() / "hypothesis.bin"
    path.write_bytes(prefix + data)
    try:
        raw = read(path)
    except InputError as error:
        assert error.source == str(path) and error.problem
    else:
        assert "\r" not in raw.text and raw.text.strip()
        assert_spans_well_formed(raw)


# --- codecs that GB18030 would garble (issue 9, reading) ---------------------------------------

TAIWAN = sorted((ROOT.parent / "shared" / "corpus" / "laws").glob("tw-*/old.txt"))
needs_taiwan = pytest.mark.skipif(not TAIWAN, reason="needs the shared corpus' Taiwan laws")


@needs_taiwan
@pytest.mark.parametrize(("codec", "label"), [
    ("big5", "Big5"), ("cp950", "Big5"), ("big5hkscs", "Big5")])
def test_big5_is_detected_not_garbled(tmp_path: Path, codec: str, label: str) -> None:
    text = TAIWAN[0].read_text(encoding="utf-8")
    path = tmp_path / "law.txt"
    path.write_bytes(text.encode(codec))
    problem = read_error(path).problem
    assert problem.startswith(f"looks like {label} text: read as GB18030, ")
    assert "of its characters are rare ones; pass encoding='big5' (--encoding big5" in problem
    assert read(path, encoding=codec).text == text  # the forced codec reads it exactly
    assert read(path, encoding="big5").text == text  # these laws need nothing beyond Big5


def test_big5_hkscs_characters_name_big5_hkscs(tmp_path: Path) -> None:
    text = "香港特別行政區的法例㗎，唔該晒囖。\n" * 5  # 㗎 囖 are HKSCS only
    path = tmp_path / "hk.txt"
    path.write_bytes(text.encode("big5hkscs"))
    assert "pass encoding='big5hkscs'" in read_error(path).problem
    assert read(path, encoding="big5hkscs").text == text


@needs_taiwan
def test_big5_web_page_without_a_charset_is_detected(tmp_path: Path) -> None:
    body = TAIWAN[0].read_text(encoding="utf-8")[:2000].replace("\n", "</p><p>")
    path = tmp_path / "law.html"
    path.write_bytes(f"<html><body><p>{body}</p></body></html>".encode("big5"))
    assert "looks like Big5 text" in read_error(path).problem
    declared = tmp_path / "declared.html"
    declared.write_bytes(f'<html><head><meta charset="big5"></head><body><p>{body}</p>'
                         f"</body></html>".encode("big5"))
    assert read(declared).encoding == "big5"


@needs_taiwan
def test_traditional_text_really_in_gb18030_is_read(tmp_path: Path) -> None:
    # Traditional characters are rarer in GB18030 than simplified ones (29-40% of them), but
    # far below what a Big5 file read as GB18030 gives (71-83%).
    text = TAIWAN[0].read_text(encoding="utf-8")
    path = tmp_path / "law.txt"
    path.write_bytes(text.encode("gb18030"))
    assert (read(path).text, read(path).encoding) == (text, "gb18030")


def test_text_full_of_replacement_characters_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lost.txt"
    path.write_text("第一条 \ufffd\ufffd\ufffd\ufffd\ufffd正文。\n第二条 \ufffd\ufffd\ufffd。\n",
                    encoding="utf-8")
    problem = read_error(path).problem
    assert problem.startswith("looks garbled: ") and "U+FFFD" in problem
    assert "\ufffd" in read(path, encoding="utf-8").text  # forcing the codec reads it anyway
    ok = tmp_path / "ok.txt"
    ok.write_text(binhai_text() + "\ufffd", encoding="utf-8")  # one in passing is fine
    assert read(ok).text.endswith("\ufffd")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["一、总体要求\n（一）指导思想。\n", "一二三一二三一一一。" * 20,
                                  "第一条 正文。\n第二条 总则。\n"])
def test_utf16_hint_names_the_right_byte_order(tmp_path: Path, codec: str, text: str) -> None:
    # 一 is U+4E00: its NUL byte sits where an ASCII character's does in the other byte order.
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(codec))
    problem = read_error(path).problem
    assert f"pass encoding='{codec}'" in problem, problem
    assert read(path, encoding=codec).text == text


def test_nul_in_utf16_web_page_is_not_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    page = "<html><body><p>第一\x00条 正文。</p><p>第二条\x00</p></body></html>"
    path.write_bytes(page.encode("utf-16"))
    text = read(path).text
    assert "\ufffd" not in text and "\x00" not in text
    assert lines_of(read(path))[:2] == ["第一条 正文。", "第二条"]


# --- characters XML forbids in web pages (issue 15, item 2) -----------------------------------

@pytest.mark.parametrize("tag", ["script", "style", "nav", "form", "svg", "noscript", "iframe"])
@pytest.mark.parametrize("char", [*(chr(c) for c in range(1, 32) if c not in (9, 10, 13)),
                                  "\ufffe", "\uffff"], ids=lambda c: f"U+{ord(c):04X}")
def test_control_character_after_a_removed_element(tmp_path: Path, tag: str, char: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(f"<html><body><p>第一条 正文。</p><{tag}></{tag}>{char}第二条</body></html>",
                    encoding="utf-8")
    raw = read(path)
    assert "第一条 正文。" in raw.text and "第二条" in raw.text
    assert not any(c in raw.text for c in "\x0b\x0c\ufffe\uffff\ufffd")
    assert all(ord(c) >= 32 or c in "\t\n" for c in raw.text)


def test_issue_reproducer_vertical_tab_after_script(tmp_path: Path) -> None:
    path = tmp_path / "vt.html"
    path.write_bytes(b"<html><body><p>\xe7\xac\xac\xe4\xb8\x80\xe6\x9d\xa1 \xe6\xad\xa3\xe6\x96\x87"
                     b"\xe3\x80\x82</p><script></script>\x0b\xe7\xac\xac\xe4\xba\x8c\xe6\x9d\xa1"
                     b"</body></html>")
    assert lines_of(read(path))[:2] == ["第一条 正文。", "第二条"]


@pytest.mark.parametrize("codec", ["punycode", "idna", "unicode_escape", "base64", "rot13"])
def test_odd_forced_codecs_are_input_errors(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"<x>\\ud800 \xff\xfe abc")
    try:
        raw = read(path, encoding=codec)
    except InputError as error:
        assert error.source == str(path)
    else:
        assert raw.text.strip() and raw.encoding == codecs.lookup(codec).name


def test_unsupported_zip_is_an_input_error(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    central = data.rindex(b"PK\x01\x02")
    data[central + 6] = 244  # "version needed to extract": one zipfile does not support
    path = tmp_path / "odd.docx"
    path.write_bytes(bytes(data))
    assert "zip" in read_error(path).problem
