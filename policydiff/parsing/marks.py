"""Enumeration marks and their levels: 第X编/章/节/条, 一、 （一） 1． （1） ①.

Chinese policy and legal texts announce their structure with these marks; a mark's rank is its
depth (smaller is higher). :func:`mark_of` reads the mark at the start of a line once, in pass 1;
:func:`lead` splits a heading's own title from the text that follows it on the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numerals import CHINESE_DIGITS, chinese_to_int

CN = f"[{CHINESE_DIGITS}]+"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

ARTICLE_RANK = 3
BOX_RANK = 9
ANNEX_RANK = -1
MAX_LEAD = 40          # a heading's title is at most this long; longer first sentences are text
_LEAD = re.compile(rf"^([^。；;：:！？!?]{{1,{MAX_LEAD}}})(?:[。；;：:！？!?]|$)")

_PATTERNS = (
    (0, "part", re.compile(rf"第(?P<n>{CN}|\d+)[编編]")),
    (1, "chapter", re.compile(rf"第(?P<n>{CN}|\d+)章")),
    (2, "section", re.compile(rf"第(?P<n>{CN}|\d+)[节節]")),
    (3, "article", re.compile(rf"第(?P<n>{CN}|\d+)[条條](?:之(?P<sub>{CN}))?")),
    (4, "cn", re.compile(rf"(?P<n>{CN})[、]")),
    (5, "paren_cn", re.compile(rf"[（(](?P<n>{CN})[）)]")),
    (6, "arabic", re.compile(r"(?P<n>\d{1,3})(?:[．、]|\.(?!\d))")),
    (7, "paren_arabic", re.compile(r"[（(](?P<n>\d{1,3})[）)]")),
    (8, "circled", re.compile(r"(?P<n>[①-⑳])")),
)
_PREFIXES = {"part": "part", "chapter": "ch", "section": "sec", "article": "art"}
ANNEX = re.compile(rf"^附\s*件\s*(?P<n>\d+|{CN})?\s*(?:[:：]\s*(?P<title>.*))?$")
BOX = re.compile(rf"^专\s*栏\s*(?P<n>\d+|{CN})?\s*[:：　 ]?\s*(?P<title>.*)$")
# 总则 / 附则 standing alone, without 第X章: a division heading of a short act, never its title.
BARE_DIVISION = re.compile(r"^(?:总|附|分)[ \t\u3000]*则$")


@dataclass(frozen=True, slots=True)
class Mark:
    """The enumeration mark a line starts with."""

    rank: int           # depth in the hierarchy; smaller is higher
    kind: str           # part, chapter, section, article, cn, paren_cn, arabic, paren_arabic…
    number: str         # the mark as written: （一）, 1．, 第二十一条
    id_part: str        # its id element: 1, art21, art3-1, ch2
    end: int            # where the mark ends in the line's text


def mark_of(text: str) -> Mark | None:
    """The mark at the start of ``text``, or ``None``."""
    for rank, kind, regex in _PATTERNS:
        match = regex.match(text)
        if match:
            raw = match.group("n")
            if kind == "cn" and len(raw) > 3:
                continue
            return Mark(rank, kind, match.group(0), _id_part(kind, match), match.end())
    return None


def _id_part(kind: str, match: re.Match[str]) -> str:
    raw = match.group("n")
    number = chinese_to_int(raw) if raw not in _CIRCLED else _CIRCLED.index(raw) + 1
    part = f"{_PREFIXES.get(kind, '')}{number}"
    if kind == "article" and match.group("sub"):
        part += f"-{chinese_to_int(match.group('sub'))}"
    return part


def lead(rest: str) -> tuple[str | None, bool]:
    """The heading title at the start of a line's text and whether more text follows it:
    指导思想。以… gives (指导思想, True); 大力推广质量管理先进标准和方法。 gives (…, False)."""
    match = _LEAD.match(rest)
    if not match:
        return None, bool(rest)
    title = match.group(1).strip()
    if not title:
        return None, bool(rest)
    more = rest[match.end():].strip()
    if ("，" in title or "," in title) and more:
        return None, True          # a clause of a sentence, not a title
    return title, bool(more)


def squeeze(text: str) -> str:
    """总　　则 → 总则: chapter titles are spaced out for typesetting."""
    return re.sub(r"[ \t\u3000]+", "", text)
