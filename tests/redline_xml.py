"""Accept or reject every tracked revision of a .docx by XML transform (test helper).

Accepting removes ``w:del`` and unwraps ``w:ins``; rejecting removes ``w:ins`` and unwraps
``w:del`` (its ``w:delText`` read as text). A paragraph whose mark is flagged deleted (on
accept) or inserted (on reject) joins the next one; empty paragraphs are then dropped.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def paragraphs(path: Path, *, accept: bool) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    drop = "del" if accept else "ins"
    texts: list[str] = []
    carry = ""
    for paragraph in root.iter(_q("p")):
        out = []
        for element in paragraph.iter():
            if element.tag in (_q("t"), _q("delText"), _q("br"), _q("tab")):
                inside = {a.tag for a in element.iterancestors()}
                if _q(drop) in inside:
                    continue
                if element.tag == _q("br"):
                    out.append("\n")
                elif element.tag == _q("tab"):
                    out.append("\t")
                else:
                    out.append(element.text or "")
        text = carry + "".join(out)
        mark = paragraph.find("w:pPr/w:rPr", NS)
        flags = {child.tag for child in mark} if mark is not None else set()
        if _q(drop) in flags:
            carry = text               # the paragraph mark goes: join with the next paragraph
            continue
        carry = ""
        texts.append(text)
    if carry:
        texts.append(carry)
    return [t for t in texts if t]


def revision_authors(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return {e.get(_q("author")) for tag in ("ins", "del") for e in root.iter(_q(tag))}
