"""Recognising what a document says about itself: 文号, dates, cited documents, notice titles.

Pure string functions; :mod:`policydiff.parsing` decides which lines they are applied to and
:func:`assemble` builds a document's :class:`Metadata` from what the parser's front-matter
grammar found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .document import Clause, Metadata
from .numerals import chinese_to_int
from .vocabulary import FRONT_KINDS, ORG_SUFFIX

_CJK = "\u4e00-\u9fff"
# 津滨政发〔2019〕16号, 国发[2018]3号, 工信部联通装〔2021〕97号, 济政办发（2020）29号.
DOC_NUMBER = re.compile(
    rf"[{_CJK}A-Za-z]{{1,14}}\s*[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d{{1,4}}\s*号"
)
# The bracketed year and number alone: found first, then the issuer's code is read leftwards
# (a leftward regex over a whole document backtracks badly).
_YEAR_NUMBER = re.compile(r"[〔\[［【(（]\s*(?:19|20)\d\d\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号")
# Characters of running text that never belong to an issuer's code: the scan stops there.
_NOT_IN_CODES = frozenset("的和与及或在按据照实落贯彻根依见将并对由为了是次再同转印即如经")
_CODE_CHAR = re.compile(r"[^\W\d_号]|[ \t\u3000]")
_LEADING_VERBS = re.compile(
    r"^(?:根据|按照|依据|依照|贯彻落实|贯彻|落实|执行|印发|参照|关于|见|和|及|与|的)+")

_YMD = re.compile(r"(?P<y>(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年\s*"
                  r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
                  r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_ISO = re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_ROC = re.compile(r"(?:中華民國|中华民国|民國|民国)\s*(?P<y>\d{1,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*"
                  r"(?P<d>\d{1,2})\s*日")

DATE_LINE = re.compile(rf"^\s*(?:{_YMD.pattern})\s*$")


def doc_numbers(text: str) -> list[str]:
    """Every 文号 in ``text``, as written (leading verbs such as 根据 removed)."""
    return [number for _, number in _doc_number_spans(text)]


def _doc_number_spans(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _YEAR_NUMBER.finditer(text):
        start = match.start()
        letters = 0
        while (start > 0 and letters < 14 and _CODE_CHAR.match(text[start - 1])
               and text[start - 1] not in _NOT_IN_CODES):
            start -= 1
            letters += not text[start].isspace()
        while start < match.start() and text[start].isspace():
            start += 1
        if start == match.start():
            continue
        number = _LEADING_VERBS.sub("", re.sub(r"\s+", "", text[start:match.end()]))
        if number and number[0] not in "〔[［【(（":
            found.append((match.end() - len(number), number))
    return found


def iso_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD: 2018年12月2日, 二〇一八年十二月二日, 2019-07-18,
    and Taiwan's 中華民國93年5月5日."""
    candidates = []
    for pattern, offset in ((_ROC, 1911), (_YMD, 0), (_ISO, 0)):
        match = pattern.search(text)
        if match:
            candidates.append((match.start(), match, offset))
    if not candidates:
        return None
    _, match, offset = min(candidates, key=lambda item: item[0])
    year, month, day = (chinese_to_int(match.group(g)) for g in ("y", "m", "d"))
    if year is None or month is None or day is None:
        return None
    year += offset
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def all_iso_dates(text: str) -> list[str]:
    """Every date in ``text``, in order, as YYYY-MM-DD."""
    dates = []
    for pattern in (_ROC, _YMD, _ISO):
        for match in pattern.finditer(text):
            date = iso_date(match.group(0))
            if date:
                dates.append((match.start(), date))
    return [date for _, date in sorted(dates)]


def titles(text: str) -> list[str]:
    """The outermost 《…》 titles in ``text``; inner 〈〉 or nested 《》 stay inside. Titles
    introduced as abbreviations (以下简称《意见》) are left out."""
    return [title for _, title in _title_spans(text)]


def _title_spans(text: str) -> list[tuple[int, str]]:
    found = []
    depth = 0
    start = 0
    for match in _ANGLE.finditer(text):
        index = match.start()
        if match.group(0) == "《":
            if depth == 0:
                start = index
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and not re.search(r"称\s*[“\"]?$", text[max(0, start - 4):start]):
                found.append((start, re.sub(r"\s+", "", text[start:index + 1])))
    return found


_ANGLE = re.compile("[《》]")


def cites(text: str, *, exclude: tuple[str | None, ...] = ()) -> tuple[str, ...]:
    """Documents cited in ``text``: 《titles》 and 文号 in order of first mention, without
    duplicates or the document's own title and number (``exclude``)."""
    skip = {re.sub(r"\s+", "", e).strip("《》") for e in exclude if e}
    # 以下简称《意见》 defines an abbreviation: later mentions of 《意见》 cite nothing new
    skip.update(re.findall(r"简称\s*[“\"]?《([^《》]{1,20})》", text))
    seen: set[str] = set()
    result = []
    for _, item in sorted(_title_spans(text) + _doc_number_spans(text)):
        key = item.strip("《》")
        if key not in seen and key not in skip:
            seen.add(key)
            result.append(item)
    return tuple(result)


_NOTICE_TITLE = re.compile(r"^(?P<issuer>.*?)关于(?:印发|转发|发布|下发)(?P<title>.+?)的通知$")


def title_from_notice(notice_title: str) -> tuple[str | None, str | None]:
    """(issuer, own title) from a 关于印发…的通知 title: 天津市人民政府关于印发天津市…方案的通知
    gives (天津市人民政府, 天津市…方案)."""
    match = _NOTICE_TITLE.match(notice_title)
    if not match:
        return None, None
    title = match.group("title")
    if title.startswith("《") and title.endswith("》"):
        title = title[1:-1]
    return (match.group("issuer") or None), title


def assemble(clauses: Sequence[Clause], found: Sequence[tuple[str, str]],
             fields: Sequence[tuple[str, str]] = ()) -> Metadata:
    """The metadata of a parsed document from what its front matter said (``found``: (role,
    value) pairs in document order: notice_title, doc_number, red_head, issuer, date, history,
    markdown_title, field) and the page ``fields`` a reader found."""
    page_fields = list(fields) + [_field(v) for r, v in found if r == "field"]
    said: dict[str, list[str]] = {}
    for role, value in found:
        said.setdefault(role, []).append(value)
    field_map: dict[str, str] = dict(page_fields)
    notice_title = said.get("notice_title", [None])[-1]
    title = _own_title(clauses)
    issuer_from_notice, title_from_notice_ = (None, None)
    if notice_title:
        issuer_from_notice, title_from_notice_ = title_from_notice(notice_title)
    if title and title_from_notice_ and _DRAFT.fullmatch(title.removeprefix(title_from_notice_)):
        title = title_from_notice_        # …管理办法（试行）（审议稿）: the notice names the act
    if title is None:
        titles_ = [c.text for c in clauses if c.kind == "title"]
        title = (title_from_notice_ or said.get("markdown_title", [None])[-1]
                 or (titles_[0] if titles_ else None))
    if title is None and field_map.get("名称"):
        title = title_from_notice(field_map["名称"])[1] or field_map["名称"]
    doc_number = (field_map.get("文号") or field_map.get("发文字号")
                  or said.get("doc_number", [None])[0])
    date = None
    for key in ("成文日期", "发文日期", "发布日期"):
        if field_map.get(key):
            date = iso_date(field_map[key])
            if date:
                break
    date = date or (said.get("date", [None])[-1] or None)
    history_dates = [d for h in said.get("history", []) for d in all_iso_dates(h)]
    if date is None and history_dates:
        date = max(history_dates)
    issuer = (said.get("issuer", [None])[-1] or issuer_from_notice
              or said.get("red_head", [None])[0]
              or field_map.get("发布机构") or field_map.get("发文机关"))
    body = "\n".join(c.text for c in clauses if c.kind != "title")
    cited = cites(body, exclude=(title, doc_number, notice_title))
    return Metadata(title=title, notice_title=notice_title, doc_number=doc_number,
                    issuer=issuer, date=date, cites=cited,
                    fields=tuple((k, v) for k, v in page_fields))


def _field(value: str) -> tuple[str, str]:
    label, _, text = value.partition("\t")
    return label, text


def _own_title(clauses: Sequence[Clause]) -> str | None:
    """The last run of consecutive title lines in the front matter, leaving out a block of
    issuers' names (济南市工业和信息化局 / 济南市公安局 …) set above a joint notice."""
    runs: list[list[str]] = []
    previous = ""
    for clause in clauses:
        if clause.kind not in FRONT_KINDS:
            break
        if clause.kind == "title" and not _issuers(clause.text):
            if previous != "title":
                runs.append([])
            runs[-1].append(_MD_HEADING.sub("", clause.text))
        previous = clause.kind
    title_lines = runs[-1] if runs else []
    return "".join(re.sub(r"[ \t\u3000]*\n[ \t\u3000\n]*", "", t) for t in title_lines) or None


def _issuers(text: str) -> bool:
    lines = [re.sub(r"\s+", "", line) for line in text.split("\n") if line.strip()]
    return len(lines) > 1 and all(ORG_SUFFIX.search(line) for line in lines)


_MD_HEADING = re.compile(r"^#{1,6}\s+")
_DRAFT = re.compile(r"[（(][^（）()]{1,8}[）)]")     # （审议稿）, （征求意见稿）, (草案)
