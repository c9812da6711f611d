"""Fuzzing the reading layer: whatever the bytes, ``read`` returns text or raises InputError.

:func:`fuzz_case` builds one hostile input from a seeded ``random.Random``: random bytes,
Chinese text in a random codec with flipped bytes, web pages with control characters after the
elements the reader removes, zip archives that look like ``.docx`` files, files that start like
a PDF or an image, and forced codecs that are unknown, not text codecs, or escape codecs.
:func:`crash` reads one and says what went wrong, if anything. The suite runs a bounded number of
derandomized examples; ``python benchmarks/fuzz_reading.py`` runs 10,000 and counts crashes.
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import traceback
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policydiff.errors import InputError
from policydiff.reading import RawText, read

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = (ROOT / "examples" / "tianjin" / "2019-binhai-certification-plan.txt").read_text(
    encoding="utf-8")
TAIWAN = ("第一條　中華民國人民，經會計師考試及格，取得會計師資格，領有會計師證書者，得充會計師。\n"
          "第二條　有左列資格之一者，得應會計師之檢覆：\n")

SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".xhtml", "", ".TXT", ".doc")
CODECS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk",
          "gb2312", "big5", "cp950", "big5hkscs", "latin-1", "cp1252", "shift_jis", "euc-kr")
FORCED = (None, None, None, "utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "latin-1",
          "ascii", "nope", "rot13", "base64", "hex", "zlib", "unicode_escape",
          "raw_unicode_escape", "utf-7", "idna", "punycode", "utf-32-be", "cp950")
DROPPED = ("script", "style", "nav", "form", "svg", "noscript", "template", "iframe", "button",
           "select", "textarea", "object", "canvas", "head")
CONTROLS = [chr(c) for c in range(32) if c not in (9, 10, 13)] + ["\ufffe", "\uffff",
                                                                    "\x7f", "\x85", "\u2028"]
MAGIC = (b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a",
         b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1", b"PK\x03\x04", b"PK\x05\x06",
         b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
# What XML 1.0 forbids; none of it may reach the text of a web page.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _snippet(rng: random.Random) -> str:
    source = rng.choice((SAMPLE, SAMPLE, TAIWAN))
    start = rng.randrange(len(source))
    return source[start:start + rng.randint(0, 600)]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    """Flip, insert and delete a few bytes."""
    buffer = bytearray(data)
    for _ in range(rng.randint(0, 6)):
        action = rng.random()
        position = rng.randrange(len(buffer) + 1)
        if action < 0.4 and buffer:
            buffer[min(position, len(buffer) - 1)] = rng.randrange(256)
        elif action < 0.7:
            buffer[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        else:
            del buffer[position:position + rng.randint(1, 8)]
    return bytes(buffer)


def _encoded(rng: random.Random, text: str) -> bytes:
    return text.encode(rng.choice(CODECS), errors=rng.choice(("ignore", "replace")))


def _page(rng: random.Random) -> str:
    """A web page with control characters right after elements the reader removes."""
    parts = ["<!DOCTYPE html>" if rng.random() < 0.5 else "", "<html>"]
    if rng.random() < 0.5:
        charset = rng.choice(("utf-8", "gb2312", "gbk", "big5", "utf-16", "x-nonsense", "latin1"))
        parts.append(f'<head><meta charset="{charset}"><title>t</title></head>')
    parts.append("<body>")
    for _ in range(rng.randint(1, 12)):
        tag = rng.choice((*DROPPED, "p", "div", "td", "pre", "br", "a", "table", "tr"))
        inner = _snippet(rng)[: rng.randint(0, 80)]
        noise = "".join(rng.choice(CONTROLS) for _ in range(rng.randint(0, 3)))
        parts.append(f'<{tag} class="{rng.choice(("content", "zw", "nav", ""))}">{noise}{inner}'
                     f"</{tag}>{noise}{_snippet(rng)[:40]}{rng.choice(CONTROLS)}")
    parts.append("</body></html>")
    return "".join(parts)


def _docx_like(rng: random.Random) -> bytes:
    """A zip: no document.xml, broken XML, a real-looking minimal package, or truncated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        kind = rng.random()
        if kind < 0.25:
            archive.writestr("hello.txt", _snippet(rng))
        else:
            archive.writestr("[Content_Types].xml", (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
                '.org/package/2006/content-types"><Default Extension="xml" ContentType="applicati'
                'on/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.op'
                'enxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
            archive.writestr("_rels/.rels", (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openx'
                'mlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://s'
                'chemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Targ'
                'et="word/document.xml"/></Relationships>'))
            text = _snippet(rng).replace("&", "&amp;").replace("<", "&lt;")
            body = (f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006'
                    f'/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
            if kind < 0.5:
                body = body[: rng.randrange(len(body))]
            archive.writestr("word/document.xml", body)
    data = out.getvalue()
    if rng.random() < 0.3:
        data = data[: rng.randrange(len(data))]
    return _mutate(rng, data) if rng.random() < 0.3 else data


def fuzz_case(rng: random.Random) -> tuple[str, bytes, str | None]:
    """One hostile input: (file suffix, bytes, forced codec or None)."""
    kind = rng.randrange(6)
    if kind == 0:
        data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 2000)))
    elif kind == 1:
        data = _mutate(rng, _encoded(rng, _snippet(rng)))
    elif kind == 2:
        data = _encoded(rng, _page(rng))
    elif kind == 3:
        data = _docx_like(rng)
    elif kind == 4:
        data = rng.choice(MAGIC) + _mutate(rng, _encoded(rng, _snippet(rng)))
    else:
        data = _encoded(rng, "".join(rng.choice(CONTROLS) if rng.random() < 0.2 else char
                                     for char in _snippet(rng)))
    suffix = rng.choice(SUFFIXES)
    if kind == 2 and rng.random() < 0.7:
        suffix = ".html"
    return suffix, data, rng.choice(FORCED)


def crash(directory: Path, suffix: str, data: bytes, encoding: str | None) -> str | None:
    """Read the input; ``None`` if it gave text or an InputError, else what went wrong."""
    path = directory / f"case{suffix}"
    path.write_bytes(data)
    try:
        raw = read(path, encoding=encoding)
    except InputError:
        return None
    except Exception:
        return traceback.format_exc()
    problems = []
    if not isinstance(raw, RawText) or not raw.text.strip():
        problems.append("no text returned")
    if "\r" in raw.text:
        problems.append("a carriage return in the text")
    if raw.encoding and path.suffix.lower() in (".html", ".htm", ".xhtml") \
            and NOT_XML.search(raw.text):
        problems.append("a character XML forbids in a web page's text")
    if any(not (0 <= s < e <= len(raw.text)) for s, e in raw.furniture):
        problems.append("a furniture span outside the text")
    return "; ".join(problems) or None


@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_reading_never_crashes_on_hostile_files(rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as directory:
        problem = crash(Path(directory), *fuzz_case(rng))
    assert problem is None, problem


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES), st.sampled_from(FORCED))
def test_reading_never_crashes_on_random_bytes(data: bytes, suffix: str,
                                               encoding: str | None) -> None:
    with tempfile.TemporaryDirectory() as directory:
        problem = crash(Path(directory), suffix, data, encoding)
    assert problem is None, problem


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(CONTROLS), st.sampled_from(("第一条", "正文。", " ", "\n")),
                          st.sampled_from([f"<{t}></{t}>" for t in DROPPED] + ["<p>", "</p>"])),
                max_size=40),
       st.sampled_from(("utf-8", "utf-16", "gb18030")))
def test_web_pages_with_control_characters(pieces: list[str], codec: str) -> None:
    if not codec.startswith("utf-16"):  # a NUL byte in UTF-8 or GB18030 means a binary file
        pieces = [piece for piece in pieces if piece != "\x00"]
    page = "<html><body><p>第一条 正文。</p>" + "".join(pieces) + "第二条</body></html>"
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "page.html"
        path.write_bytes(page.encode(codec))
        raw = read(path)
    assert "第二条" in raw.text and "第一条 正文。" in raw.text
    assert NOT_XML.search(raw.text) is None and "\ufffd" not in raw.text
