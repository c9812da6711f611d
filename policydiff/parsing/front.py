"""Front matter: the 关于印发…的通知 wrapper, red head, 文号, title lines, signature, a law's
adoption history and its 目录.

Each unit that says something about the document gets a ``role`` (notice_title, doc_number,
red_head, issuer, date, history, markdown_title) for :func:`policydiff.metadata.assemble`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import metadata as meta
from ..document import ClauseKind
from ..vocabulary import ORG_SUFFIX
from .marks import ANNEX, BARE_DIVISION, BOX

if TYPE_CHECKING:
    from .builder import Builder

HISTORY = re.compile(
    r"^(?:(?:19|20)\d\d年\d{1,2}月\d{1,2}日|(?:中華民國|中华民国|民國|民国)\s*\d{1,3}年).*"
    r"(?:通过|通過|修正|修订|修訂|公布|施行|批准|制定|修改)"
)
PUBLICATION_NOTE = re.compile(r"^[（(]?此件.{0,8}(?:公开|公開|发布|發布)[）)]?$")
LIST_ITEM = re.compile(r"^(?:——|—{2}|--)")
TOC = re.compile(r"^目\s*录$")
_NOTICE_BODY = re.compile(r"现将|印发给你们|现印发|请遵照执行|望遵照执行|请认真贯彻")
_RED_HEAD = re.compile(r"(?:文件|^JNCR\S*|^[A-Z]{2,}[—\-]\d{4}[—\-]\d+)$")
PREAMBLE_START = re.compile(r"^(?:为|根据|按照|依据|依照|经)")


def is_title_line(text: str) -> bool:
    """Short, without sentence punctuation and not opening a preamble (为…)."""
    return (len(text) <= 40 and not re.search(r"[。，,；;：:]", text)
            and not PREAMBLE_START.match(text))


def step(b: Builder, index: int) -> int | None:
    """Claim the line at ``index`` as front matter, or ``None`` when it is not."""
    line = b.lines[index]
    text = line.text
    if line.heading == 1:
        return b.emit(index, index, ClauseKind.TITLE, role="markdown_title", value=text)
    if HISTORY.match(text):
        return b.emit(index, index, ClauseKind.HISTORY, role="history", value=text)
    if _continues_history(b, text):
        b.units[-1].last = index          # a history line wrapped in the middle of a 《title》
        b.units[-1].value += text
        return index + 1
    if meta.DOC_NUMBER.fullmatch(text.replace(" ", "")):
        return b.emit(index, index, ClauseKind.NOTICE, role="doc_number",
                      value=re.sub(r"\s+", "", text))
    if _RED_HEAD.search(text) and len(text) <= 30:
        if text.endswith("文件") and len(text) > 4:
            return b.emit(index, index, ClauseKind.NOTICE, role="red_head",
                          value=re.sub(r"\s+", "", text[:-2]))
        return b.emit(index, index, ClauseKind.NOTICE)
    if (line.mark is not None or BOX.match(text) or LIST_ITEM.match(text)
            or BARE_DIVISION.match(text)):
        return None
    if "关于" in text and len(text) <= 80 and "。" not in text:
        last = _notice_title_end(b, index)
        if last is not None:
            joined = "".join(b.text(i) for i in range(index, last + 1))
            return b.emit(index, last, ClauseKind.NOTICE, role="notice_title",
                          value=re.sub(r"\s+", "", joined))
    if text.endswith(("：", ":")) and not PREAMBLE_START.match(text):
        return b.emit(index, index, ClauseKind.NOTICE)
    if _NOTICE_BODY.search(text) or ANNEX.match(text):
        return b.emit(index, index, ClauseKind.NOTICE)
    if meta.DATE_LINE.match(text):
        _reclassify_issuer(b)
        return b.emit(index, index, ClauseKind.SIGNATURE, role="date",
                      value=meta.iso_date(text) or "")
    if PUBLICATION_NOTE.match(text):
        return b.emit(index, index, ClauseKind.SIGNATURE)
    if is_title_line(text):
        if b.units and b.units[-1].kind == ClauseKind.TITLE:
            b.units[-1].last = index         # a title broken over several lines is one clause
            return index + 1
        return b.emit(index, index, ClauseKind.TITLE)
    return None


def _continues_history(b: Builder, text: str) -> bool:
    """The line after a history line whose 《title》 is still open continues it."""
    if not b.units or b.units[-1].kind != ClauseKind.HISTORY:
        return False
    previous = b.units[-1].value
    return previous.count("《") > previous.count("》")


def _notice_title_end(b: Builder, index: int) -> int | None:
    """A 关于印发…的通知 title may run over up to four lines."""
    seen = 0
    i = index
    while i < len(b.lines) and seen < 4:
        line = b.lines[i]
        if line.text:
            if "。" in line.text or line.mark is not None:
                return None
            seen += 1
            if re.search(r"的(?:通知|决定|意见|函|批复)[》]?$", line.text):
                return i
        i += 1
    return None


def _reclassify_issuer(b: Builder) -> None:
    """The line above a date line is the issuer's signature when it names an organisation."""
    if b.units and b.units[-1].kind == ClauseKind.TITLE:
        unit = b.units[-1]
        text = b.text(unit.first)
        if unit.first == unit.last and ORG_SUFFIX.search(text.replace(" ", "")):
            unit.kind = ClauseKind.SIGNATURE
            unit.role, unit.value = "issuer", re.sub(r"\s+", "", text)


def toc_step(b: Builder, index: int) -> int | None:
    """目录 and its entries, up to the chapter line that repeats the first entry."""
    line = b.lines[index]
    state = b.state
    if state.toc_first is None:
        state.toc_first = ""
        return b.emit(index, index, ClauseKind.TOC)
    mark = line.mark
    compact = re.sub(r"\s+", "", line.text)
    if state.toc_first == "":
        if mark is not None and mark.rank <= 2:
            state.toc_first = compact
            return b.emit(index, index, ClauseKind.TOC)
        state.toc_first = None
        return None
    if compact == state.toc_first:
        state.toc_first = None
        return None                      # the real first chapter
    if (mark is not None and mark.rank <= 2) or len(compact) <= 20:
        return b.emit(index, index, ClauseKind.TOC)
    state.toc_first = None
    return None
