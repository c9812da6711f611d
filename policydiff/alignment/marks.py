"""Article marks in every script: 第三条, 第三條, 第十二條之一, 第二節, 第一編.

A law revision renumbers its articles; two articles that differ only in their mark say the same
thing. Alignment and the status of a pair therefore compare texts without the leading mark, and
the comparison shows the two numbers (and counts the renumbering) instead of calling the article
modified.
"""

from __future__ import annotations

import re
import unicodedata

from ..document import Clause

_NUMERALS = "零〇一二三四五六七八九十百千两兩0-9０-９"
# 第…条/條 with an optional 之一 (Taiwan inserts articles as 第十二條之一), 第…款/項, and the
# divisions above articles: 章, 节/節, 编/編.
ARTICLE = re.compile(
    rf"^\s*第\s*[{_NUMERALS}]+\s*[条條](?:\s*之\s*[{_NUMERALS}]+)?")
DIVISION = re.compile(rf"^\s*第\s*[{_NUMERALS}]+\s*[章节節编編]")
_LEAD = re.compile(
    rf"^\s*第\s*[{_NUMERALS}]+\s*(?:[条條](?:\s*之\s*[{_NUMERALS}]+)?|[章节節编編款項项])"
    r"[\s　:：.、]*")


def article_mark(text: str) -> str | None:
    """The article mark that opens ``text`` (``"第十二條之一"``), whitespace removed, or None."""
    match = ARTICLE.match(text)
    return re.sub(r"\s+", "", match.group(0)) if match else None


def strip_mark(text: str) -> str:
    """``text`` without the article, section or chapter mark that opens it."""
    return _LEAD.sub("", text, count=1)


def own_mark(clause: Clause) -> str | None:
    """The article mark opening ``clause`` when it is the clause's own, the article the parser
    put it under (its path ends with 第八條), or None: a paragraph of article 8 that opens with
    a cross-reference (第六條各類高級中學之課程標準…) is no article 6, and its 第六條 is text that
    a revision may change."""
    mark = article_mark(clause.text)
    if mark is None or not clause.path or re.sub(r"\s+", "", clause.path[-1]) != mark:
        return None
    return mark


def own_text(clause: Clause) -> str:
    """The clause text without its own mark (article, chapter, section): a renumbered article
    says the same thing. Any other mark that opens it (a reference: 第六條各類…, 第二項之…)
    is kept."""
    if own_mark(clause) is not None or (DIVISION.match(clause.text) and clause.kind == "heading"):
        return strip_mark(clause.text)
    return clause.text


def number_key(mark: str | None) -> str | None:
    """A script-independent form of a mark, so 第三條 and 第三条 compare equal."""
    if mark is None:
        return None
    return unicodedata.normalize("NFKC", mark).replace("條", "条").replace("節", "节") \
        .replace("編", "编").replace("兩", "两")
