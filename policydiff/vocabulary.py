"""The words and patterns several stages share, defined once.

The parser, the comparison, target extraction and lineage all need to know which clause kinds are
front matter, how a jurisdiction names itself, which page labels carry metadata, where a sentence
ends and what counts as letters and digits. Each lives here so that changing one changes it
everywhere; modules import the name instead of copying the list.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- clause kinds ------------------------------------------------------------------------------

FRONT_KINDS: tuple[str, ...] = ("title", "notice", "signature", "history", "toc")
"""Clause kinds of the front matter: the issuer's wording about the document, not provisions."""

NOT_PROVISIONS: frozenset[str] = frozenset({*FRONT_KINDS, "table_header"})
"""Clause kinds whose wording is the issuer's, not the content's: the front matter and the
header row of a table (lineage leaves them out of shingles and reads citations there)."""

# --- how a jurisdiction names itself -----------------------------------------------------------

SELF_TERMS: tuple[str, ...] = (
    "本市", "全市", "我市", "市内", "本区", "全区", "我区", "区内", "新区", "本省", "全省", "我省",
    "本县", "全县", "我县", "本镇", "全镇", "本辖区", "辖区内", "各地",
)
"""Words a document uses for its own jurisdiction (本市, 全区…); a lower level restating a higher
one swaps them. ``alignment.localization.GENERIC_TERMS`` is this list."""

ORG_SUFFIX = re.compile(
    r"(?:人民政府|委员会|委|局|办公室|办公厅|领导小组|厅|部|院|中心|政府|小组|公司)$")
"""How the name of an issuing body ends (…人民政府, …局): a line that is only such names is a
signature or an issuers' block, not a title."""

# --- labelled fields of a saved government web page --------------------------------------------

PAGE_FIELD_LABELS: tuple[str, ...] = (
    r"名\s*称", r"标\s*题", r"索\s*引\s*号", r"发\s*布\s*机\s*构", "发文机关", r"文\s*号",
    "发文字号",
    "主题分类", r"主\s*题\s*词", "成文日期", "发文日期", "发布日期", "生成日期", r"有\s*效\s*性",
    "所属机构", "公开方式", "信息来源", "体裁分类",
)
"""Labels of the metadata block of a 政府信息公开 page (索引号：…, 成文日期：…), as patterns
(the labels are often spaced out: 索 引 号)."""

PAGE_FIELD = re.compile(rf"^(?P<label>{'|'.join(PAGE_FIELD_LABELS)})\s*[:：]\s*(?P<value>.*)$")

# --- characters that are not text ------------------------------------------------------------

IGNORABLE = "\u200b\u200c\u200d\ufeff\u2060"
"""Zero-width characters (spaces, joiners, BOM, word joiner) that statute sites leave in their
text: they are never clause text."""

_IGNORABLE_RE = re.compile(f"[{IGNORABLE}]")
SPACE = f"[ \t\u3000\u00a0{IGNORABLE}]"
"""A horizontal space as the parser sees it, the ignorable characters included."""


def visible(text: str) -> str:
    """``text`` without its :data:`IGNORABLE` characters."""
    return _IGNORABLE_RE.sub("", text) if any(c in text for c in IGNORABLE) else text


LETTERS_AND_DIGITS_NOT = re.compile(r"[\W_]+")
"""What is not a letter or a digit (any script): removed to compare content only."""

# --- sentences -----------------------------------------------------------------------------------

SENTENCE_END = "。；;！!？?"
"""Characters that end a sentence-sized piece of a clause."""

CLOSERS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》",
           "〔": "〕", "【": "】", "[": "]", "〈": "〉"}
"""Opening brackets and quotes and what closes them: no sentence ends inside them."""


def sentences(text: str, *, ends: str = SENTENCE_END) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the sentences of ``text``, split after 。；！？ (and ; ! ?) but never
    inside quotes or brackets: 落实“谁出证，谁负责；谁签字，谁担责” stays one sentence. ``ends``
    changes the characters that end a piece (add ，to split into phrases)."""
    spans = []
    start = 0
    stack: list[str] = []
    for match in _special_chars(ends).finditer(text):     # only brackets, quotes and ends matter
        char = match.group(0)
        if stack and char == stack[-1]:
            stack.pop()
        elif char in CLOSERS:
            stack.append(CLOSERS[char])
        elif char in ends and not stack:
            end = match.end()
            if text[start:end].strip():
                spans.append((start, end))
            start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return tuple(spans)


@lru_cache(maxsize=16)
def _special_chars(ends: str) -> re.Pattern[str]:
    chars = set(ends) | set(CLOSERS) | set(CLOSERS.values())
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


# --- task-division tables ------------------------------------------------------------------------

COLUMN_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"^序\s*号")),
    ("task", re.compile(r"^(?:任务|重点任务|主要任务|工作任务)")),
    ("work", re.compile(r"^(?:重点工作|工作内容|主要内容|具体措施|工作措施|主要工作|具体任务)")),
    ("units", re.compile(r"(?:单位|部门)")),
    ("deadline", re.compile(r"^(?:完成时限|完成时间|时限|时间节点|时间)")),
)
"""Column keys of a 重点任务分工 table and the header words that name them; downstream code reads
the cells ``number``, ``task``, ``work``, ``units`` (and ``deadline``)."""

HEADER_WORDS = re.compile(
    r"序\s*号|重点任务|主要任务|工作任务|任\s*务|重点工作|工作内容|工作措施|具体措施|主要工作|具体任务|"
    r"牵头单位|责任单位|配合单位|参加单位|完成时限|完成时间|时间节点")
"""Header words of a task-division table, found in any order and subset."""
