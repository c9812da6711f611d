"""Which document of a corpus derives from which: sketches, blocking, reuse and parent choice.

Pure functions over :class:`~policydiff.document.Document` values; :mod:`policydiff.corpora`
runs them (and the comparisons) over many documents.

* :func:`sketch` turns a document into its shingles: hashed character 8-grams of the normalised
  texts of its provisions (front matter, signatures and table headers left out; punctuation and the
  jurisdiction's words for itself, 本市/全区/我省/全国/国家…, removed).
* :func:`reuse_shares` blocks without looking at all N² pairs: an inverted index maps each
  shingle to the documents holding it, shingles found in very many documents are boilerplate
  and dropped, and each document's remaining shingles are counted per other document. The share
  of a document's shingles found in another is its *reuse* of that document (containment).
* :func:`infer` chooses parents: the documents it cites where it states its basis (title, notice,
  preamble, first article: 根据《…》…制定本办法) by title or 文号; an earlier version of itself
  (same title, earlier date); failing both, the candidate it reuses most, when that reuse reaches
  ``min_reuse`` and the candidate ranks above it (national over local, else earlier date).

>>> import policydiff
>>> city = policydiff.load("examples/tianjin/2018-tianjin-city-certification-plan.txt")
>>> len(sketch(city)) > 4000
True
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

import numpy as np
import numpy.typing as npt

from .alignment.localization import GENERIC_TERMS
from .alignment.tokens import normalize
from .document import Document
from .metadata import title_from_notice, titles

__all__ = ["DEFAULT_MIN_REUSE", "SHINGLE_SIZE", "Lineage", "Parent", "Reuse", "infer",
           "reuse_shares", "sketch"]

SHINGLE_SIZE = 8
"""Characters per shingle: long enough that unrelated documents rarely share one, short enough
that a localised or reworded clause keeps most of its shingles."""
DEFAULT_MIN_REUSE = 0.08
"""Least reuse for a parent found by text alone (no citation). Unrelated documents of one
field share up to about 0.06 of their shingles (stock phrases of legal drafting); a local
document that restates a national one in its own words reuses about 0.1 of it."""
DATE_ONLY_FACTOR = 3.0
"""A parent found by text alone and ordered only by date (both local, or both national) must be
reused this many times ``min_reuse``: two national laws of one field share about 0.17 of their
text without one deriving from the other."""
NEAR_BEST = 0.1
"""Candidates reused within this fraction of the best candidate's reuse are compared by the
text each shares with the document and the other lacks."""
CLEARLY_MORE = 20
"""Shingles (about a sentence) by which one candidate must beat another to count as closer."""
INHERITED = 0.5
"""Least share of a candidate's own changes (its shingles the other candidate lacks) that a
document must contain to derive from it rather than from the other."""
INTERMEDIATE_REUSE = 0.5
"""Least reuse of an uncited document that stands between a document and what it cites."""
REUSE_FLOOR = 0.05
"""Reuse below this is not reported (nor looked at, unless ``min_reuse`` is lower): unrelated
documents of one field share up to about this much in stock phrases, and reporting it would
make the reuse records grow with the square of the corpus."""
BOILERPLATE_SHARE = 0.5
BOILERPLATE_MIN = 64
"""A shingle found in more than ``max(BOILERPLATE_MIN, BOILERPLATE_SHARE * N)`` of N documents
is boilerplate: it counts for nobody's reuse (and would cost N² to count)."""

Sketch = npt.NDArray[np.uint64]

# Clause kinds that are not provisions: their wording is the issuer's, not the content's.
_FRONT_KINDS = frozenset({"title", "notice", "signature", "history", "toc", "table_header"})
_HISTORY = frozenset({"history"})   # adoption history of an act (通过, 修正): not its basis
_NOT_WORD = re.compile(r"[\W_]+")
_BASE = np.uint64(1_000_003)
# How a jurisdiction names itself (本市, 全省…, and 全国, 国家 at the top): a local restatement
# swaps them, so they are left out of shingles.
_SELF_TERMS = (*GENERIC_TERMS, "全国", "国家")


@dataclass(frozen=True, slots=True)
class Parent:
    """A parent of a document and the evidence: reuse (share of the document's text found in
    the parent) and whether the document cites it."""

    source: str
    reuse: float
    cited: bool

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reuse": self.reuse, "cited": self.cited}


@dataclass(frozen=True, slots=True)
class Lineage:
    """One document's place in its corpus."""

    source: str
    title: str | None
    doc_number: str | None
    parents: tuple[Parent, ...]
    unresolved_cites: tuple[str, ...]
    """Documents it names as its basis that are not in the corpus, as cited."""

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "title": self.title, "doc_number": self.doc_number,
                "parents": [parent.to_dict() for parent in self.parents],
                "unresolved_cites": list(self.unresolved_cites)}


@dataclass(frozen=True, slots=True)
class Reuse:
    """Share of ``document``'s text (its shingles) that is also found in ``other``."""

    document: str
    other: str
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "other": self.other, "share": self.share}


# --- sketches ----------------------------------------------------------------------------------

def sketch(document: Document) -> Sketch:
    """The sorted, distinct 64-bit hashes of the document's content shingles.

    Shingles never span two clauses; clauses shorter than a shingle add nothing. The hash is a
    polynomial over code points, so sketches are equal across processes and machines.
    """
    parts = []
    for clause in document.clauses:
        if clause.kind in _FRONT_KINDS:
            continue
        text = normalize(clause.text)
        for term in _SELF_TERMS:
            text = text.replace(term, "")
        text = _NOT_WORD.sub("", text)
        if len(text) >= SHINGLE_SIZE:
            parts.append(text)
    if not parts:
        return np.zeros(0, dtype=np.uint64)
    joined = "\x00".join(parts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - SHINGLE_SIZE + 1
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE_SIZE):
        hashes = hashes * _BASE + codes[offset:offset + count]
    separators = np.concatenate(([0], np.cumsum(codes == 0)))
    inside = separators[SHINGLE_SIZE:SHINGLE_SIZE + count] == separators[:count]
    return np.unique(hashes[inside])


# --- blocking and reuse ------------------------------------------------------------------------

def reuse_shares(sketches: Sequence[Sketch], *, floor: float = REUSE_FLOOR
                 ) -> dict[tuple[int, int], float]:
    """``{(document, other): share}`` for every ordered pair of sketch indexes whose share is
    at least ``floor``: the share of ``document``'s shingles found in ``other``, boilerplate
    shingles (see :data:`BOILERPLATE_SHARE`) counting as not found.

    Cost: one sort of all shingles plus, per document, the sum over its shingles of the number
    of documents holding them; never all N² pairs of texts.
    """
    return _Postings(sketches).shares(floor)


class _Postings:
    """The inverted index: every distinct shingle, the documents holding it, its count."""

    def __init__(self, sketches: Sequence[Sketch]) -> None:
        self.count = len(sketches)
        self.sizes = np.array([len(s) for s in sketches], dtype=np.int64)
        hashes = np.concatenate(list(sketches)) if self.count else np.zeros(0, np.uint64)
        owners = np.repeat(np.arange(self.count, dtype=np.int64), self.sizes)
        order = np.argsort(hashes, kind="stable")
        self.owners = owners[order]
        self.hashes, self.first, self.df = np.unique(hashes[order], return_index=True,
                                                     return_counts=True)
        self.group = np.empty(len(hashes), dtype=np.int64)
        self.group[order] = np.repeat(np.arange(len(self.first)), self.df)
        self.offsets = np.concatenate(([0], np.cumsum(self.sizes)))

    def shares(self, floor: float) -> dict[tuple[int, int], float]:
        limit = max(BOILERPLATE_MIN, math.floor(BOILERPLATE_SHARE * self.count))
        shared_group = (self.df > 1) & (self.df <= limit)
        shares: dict[tuple[int, int], float] = {}
        for index in range(self.count):
            groups = self.group[self.offsets[index]:self.offsets[index + 1]]
            groups = groups[shared_group[groups]]
            if not len(groups):
                continue
            lengths = self.df[groups]
            # positions of all postings of these groups: ranges first[g] .. first[g] + df[g]
            ends = np.cumsum(lengths)
            positions = np.arange(ends[-1]) - np.repeat(ends - lengths - self.first[groups],
                                                        lengths)
            found = np.bincount(self.owners[positions], minlength=self.count)
            found[index] = 0
            size = float(self.sizes[index])
            for other in np.flatnonzero(found >= floor * size):
                shares[(index, int(other))] = round(float(found[other]) / size, 4)
        return shares


# --- citations ---------------------------------------------------------------------------------

_VERSION = re.compile(r"\s*[(（]\s*\d{4}[-.年]\d{1,2}[-.月]\d{1,2}日?\s*[)）]\s*$")
_TITLE_MARKS = re.compile(r"[\s《》〈〉<>「」『』“”\"]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER_TAIL = re.compile(r"\[(\d{4})\](\d+)号$")
# between a title and its 文号: （ and the part of the issuer's code the 文号 scan left out
_NUMBER_AFTER_TITLE = re.compile(r"[(（]?[^《》()（）。，,]{0,8}")
_IMPLEMENTS = re.compile(r"实施《([^《》]+)》")


def title_key(title: str) -> str:
    """The form in which two titles are the same document: width folded, no whitespace, no
    《》〈〉 marks, no 中华人民共和国 (optional either way), no 的 (实施水法的若干规定 and
    实施水法若干规定 are one act), no (2018-12-29) version suffix.

    >>> title_key("《中华人民共和国气象法》") == title_key("气象法(2016-11-07)")
    True
    """
    text = _VERSION.sub("", unicodedata.normalize("NFKC", title))
    return _TITLE_MARKS.sub("", text).replace("中华人民共和国", "").replace("的", "").lower()


def number_key(doc_number: str) -> str:
    """文号 with brackets, width and spacing folded: 津政发〔2018〕29号 → 津政发[2018]29号."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", doc_number))
    text = re.sub(r"[〔［【(]", "[", text)
    text = re.sub(r"[〕］】)]", "]", text)
    return text.replace("]第", "]")


def _is_number(cite: str) -> bool:
    return not cite.startswith("《") and _NUMBER_TAIL.search(number_key(cite)) is not None


def _own_title_keys(document: Document) -> set[str]:
    """Every name the document goes by: its title, its notice's title and the title inside it,
    and a file name in Chinese without its version suffix."""
    meta = document.metadata
    names = [meta.title, meta.notice_title]
    if meta.notice_title:
        names.append(_inner_title(meta.notice_title))
    stem = PurePath(document.source).stem
    if _CJK.search(stem):
        names.append(stem)
    return {key for key in (title_key(n) for n in names if n) if _specific(key)}


def _cite_keys(cite: str) -> set[str]:
    keys = {title_key(cite)}
    inner = _inner_title(cite)
    if inner:
        keys.add(title_key(inner))
    return {k for k in keys if _specific(k)}


def _inner_title(notice_title: str) -> str | None:
    """X of 关于印发《X》的通知."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", notice_title))
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1]
    return title_from_notice(text)[1]


def _specific(key: str) -> bool:
    """Long enough to name one document: 《意见》 and 《办法》 do not, 《水法》 does."""
    return len(key) >= 3 or (len(key) == 2 and key.endswith("法") and key != "办法")


def _basis_text(document: Document) -> str:
    """Where a document names what it implements, without whitespace: its title, notice and
    preamble (not its adoption history: 《关于修改…的决定》 amends, it is not a basis), and the
    first sentence of its first provision (第一条 根据《…》，结合本市实际，制定本办法。)."""
    text = document.text
    parts = [document.metadata.title or ""]
    for clause in document.clauses:
        if clause.kind in _HISTORY:
            continue
        if clause.kind in _FRONT_KINDS or clause.kind == "preamble":
            parts.append(clause.text)
            continue
        stop = text.find("。", clause.start, clause.start + 500)
        parts.append(text[clause.start:stop + 1 if stop >= 0 else clause.start + 500])
        break
    return re.sub(r"\s+", "", "\n".join(parts))


def _basis_cites(document: Document) -> list[tuple[list[str], bool]]:
    """The document's cites found in its basis text, grouped (a 文号 right after a title,
    《…》（国发〔2018〕3号）, names the same document), each with whether the document's own title
    names it (上海市实施《中华人民共和国气象法》办法)."""
    basis = _basis_text(document)
    title = re.sub(r"\s+", "", document.metadata.title or "")
    named = set(titles(title))                 # outermost only: not Y of 《X实施《Y》办法》
    found = []
    for cite in document.metadata.cites:
        position = basis.find(cite, 0 if cite in named else len(title))
        if position >= 0:
            found.append((position, cite))
    # 实施《中华人民共和国X法》办法: the title names its parent even when no article does
    for match in _IMPLEMENTS.finditer(title):
        before = title[:match.start()]
        if before.count("《") > before.count("》"):
            continue                    # inside another title: 贯彻《X市实施《Y》办法》的意见
        cite = f"《{match.group(1)}》"
        if all(cite != c for _, c in found):
            found.append((-1, cite))
    found.sort()
    groups: list[tuple[list[str], bool]] = []
    previous_end = -10
    for position, cite in found:
        if (groups and _is_number(cite) and position >= previous_end
                and _NUMBER_AFTER_TITLE.fullmatch(basis[previous_end:position])):
            groups[-1][0].append(cite)
        else:
            groups.append(([cite], position < len(title)))
        previous_end = position + len(cite)
    return groups


class _Directory:
    """Finds the corpus documents a cite names, by title key or 文号."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = documents
        self.by_title: dict[str, list[int]] = {}
        self.by_number: dict[str, list[tuple[str, int]]] = {}
        for index, document in enumerate(documents):
            for key in sorted(_own_title_keys(document)):
                self.by_title.setdefault(key, []).append(index)
            if document.metadata.doc_number:
                key = number_key(document.metadata.doc_number)
                tail = _NUMBER_TAIL.search(key)
                if tail:
                    self.by_number.setdefault(tail.group(0), []).append((key, index))

    def find(self, cite: str, citing: int) -> int | None:
        """The document ``cite`` names, seen from document ``citing``: when several match (two
        versions), the latest not later than the citing document, else the first by source."""
        matches: set[int] = set()
        if _is_number(cite):
            key = number_key(cite)
            tail = _NUMBER_TAIL.search(key)
            for number, index in self.by_number.get(tail.group(0) if tail else "", []):
                # a cite may lose the start of the issuer's code (工信部联通装 → 通装) in a
                # line break; the rest must match
                shorter, longer = sorted((number, key), key=len)
                if longer.endswith(shorter) and len(shorter) - len(tail.group(0)) >= 2:  # type: ignore[union-attr]
                    matches.add(index)
        else:
            for key in _cite_keys(cite):
                matches.update(self.by_title.get(key, ()))
        matches.discard(citing)
        if not matches:
            return None
        date = self.documents[citing].metadata.date
        earlier = [i for i in matches
                   if date and (self.documents[i].metadata.date or "9999") <= date]
        if earlier:
            return max(earlier, key=lambda i: (self.documents[i].metadata.date or "",
                                               _neg(self.documents[i].source)))
        return min(matches, key=lambda i: self.documents[i].source)


def _neg(text: str) -> tuple[int, ...]:
    """A key that sorts strings in reverse (for max() ties broken by the smallest source)."""
    return tuple(-ord(c) for c in text)


# --- levels ------------------------------------------------------------------------------------

_NATIONAL_TITLE = re.compile(r"^(?:中华人民共和国|国务院|全国|国家|中共中央|中央)")
_LOCAL_TITLE = re.compile(
    r"^(?![各全本我])[\u4e00-\u9fff]{1,8}?(?:省|市|自治区|自治州|新区|区|县|州|盟|旗)")
_NOT_PLACES = frozenset({"城市", "都市", "城区", "社区", "地区", "园区", "景区", "山区", "牧区",
                         "郊区", "市区", "县区"})
_NATIONAL_TEXT = ("各省、自治区、直辖市", "各省,自治区,直辖市")
_LOCAL_SCOPE = re.compile(r"[省市区县州]行政区域|本[省市区县]")
_LOCAL_SELF = re.compile(r"本市|我市|全市|本省|我省|全省|本区|我区|全区|本县|全县|本自治区")


def level(document: Document) -> str | None:
    """``"national"``, ``"local"`` or ``None`` (cannot tell), from the title or issuer
    (中华人民共和国…, 天津市…), the scope article (适用于在青岛市行政区域内…), the addressees
    (各省、自治区、直辖市…) or the text calling itself 本市/全省…"""
    meta = document.metadata
    names = [n for n in (meta.issuer, meta.notice_title, meta.title) if n]
    if any(_NATIONAL_TITLE.match(n) for n in names):
        return "national"
    for name in names:
        place = _LOCAL_TITLE.match(name)
        if place and place.group(0) not in _NOT_PLACES:
            return "local"
    compact = re.sub(r"\s+", "", document.text)
    for sentence in re.split("[。；;]", compact):
        # the scope article: 本办法适用于本市行政区域内… / 在中华人民共和国境内…适用本规范
        if "适用" not in sentence or not any(w in sentence for w in ("行政区域", "境内", "领域")):
            continue
        if "中华人民共和国" in sentence or "全国" in sentence:
            return "national"
        if _LOCAL_SCOPE.search(sentence):
            return "local"
    if any(marker in compact[:3000] for marker in _NATIONAL_TEXT):
        return "national"
    if len(_LOCAL_SELF.findall(compact)) >= 2:
        return "local"
    return None


def _least_reuse(parent: Document, parent_level: str | None, child: Document,
                 child_level: str | None, min_reuse: float) -> float | None:
    """How much ``child`` must reuse of ``parent`` to derive from it without citing it: a
    national document over a local one needs ``min_reuse``; an earlier one of the same level
    (or of unknown levels) needs :data:`DATE_ONLY_FACTOR` times as much, since documents of one
    field and level share stock phrases; ``None``: it cannot be the parent."""
    if parent_level and child_level and parent_level != child_level:
        return min_reuse if parent_level == "national" else None
    if _earlier(parent, child):
        return min_reuse * DATE_ONLY_FACTOR
    return None


# --- parents -----------------------------------------------------------------------------------

def infer(documents: Sequence[Document], sketches: Sequence[Sketch], *,
          min_reuse: float = DEFAULT_MIN_REUSE
          ) -> tuple[tuple[Lineage, ...], tuple[Reuse, ...]]:
    """Lineage records (one per document, in the given order) and the sparse reuse records
    (sorted by document, then other) of a corpus. ``documents`` must have distinct sources."""
    postings = _Postings(sketches)
    shares = postings.shares(min(REUSE_FLOOR, min_reuse))
    chooser = _Chooser(documents, sketches, postings, shares, min_reuse)
    first = [chooser.parents(index) for index in range(len(documents))]
    records = []
    for index, document in enumerate(documents):
        parents, unresolved = first[index]
        parents = chooser.through_copies(index, parents, [found for found, _ in first])
        meta = document.metadata
        records.append(Lineage(
            document.source, meta.title, meta.doc_number,
            tuple(sorted(parents.values(), key=lambda p: p.source)), unresolved))
    reuse_records = tuple(
        Reuse(documents[index].source, documents[other].source, share)
        for (index, other), share in sorted(
            shares.items(), key=lambda item: (documents[item[0][0]].source,
                                              documents[item[0][1]].source)))
    return tuple(records), reuse_records


class _Chooser:
    """Parent choice for the documents of one corpus."""

    def __init__(self, documents: Sequence[Document], sketches: Sequence[Sketch],
                 postings: _Postings, shares: dict[tuple[int, int], float], min_reuse: float
                 ) -> None:
        self.documents = documents
        self.sketches = sketches
        self.postings = postings
        self.shares = shares
        self.min_reuse = min_reuse
        self.directory = _Directory(documents)
        self.levels = [level(d) for d in documents]
        self.title_keys = [_own_title_keys(d) for d in documents]
        self.named_in_title: set[tuple[int, int]] = set()
        self.candidates: dict[int, list[tuple[int, float]]] = {}
        for (index, other), share in sorted(shares.items()):
            self.candidates.setdefault(index, []).append((other, share))

    def reuse(self, index: int, other: int) -> float:
        share = self.shares.get((index, other))
        return _share(self.sketches[index], self.sketches[other]) if share is None else share

    def parent(self, index: int, other: int, cited: bool) -> Parent:
        return Parent(self.documents[other].source, self.reuse(index, other), cited)

    def parents(self, index: int) -> tuple[dict[int, Parent], tuple[str, ...]]:
        """Cited documents, an earlier version of the document itself, or else the best
        candidate by reuse; and the basis cites found nowhere in the corpus."""
        document = self.documents[index]
        parents: dict[int, Parent] = {}
        unresolved: list[str] = []
        for group, in_title in _basis_cites(document):
            if any(title_key(cite) in self.title_keys[index] for cite in group):
                continue                                  # the document naming itself
            resolved = [i for i in (self.directory.find(c, index) for c in group)
                        if i is not None]
            if not resolved:
                unresolved.extend(group)
            for other in resolved:
                parents[other] = self.parent(index, other, True)
                if in_title:
                    self.named_in_title.add((index, other))
        versions = [other for other, share in self.candidates.get(index, ())
                    if share >= self.min_reuse and self.title_keys[index] & self.title_keys[other]
                    and _earlier(self.documents[other], document)]
        if versions:
            other = max(versions, key=lambda i: (self.documents[i].metadata.date or "",
                                                 _neg(self.documents[i].source)))
            parents.setdefault(other, self.parent(index, other, False))
        if not parents:
            best = self._best_by_reuse(index)
            if best is not None:
                parents[best] = self.parent(index, best, False)
        return parents, tuple(dict.fromkeys(unresolved))

    def _eligible(self, index: int, other: int, share: float) -> bool:
        least = _least_reuse(self.documents[other], self.levels[other], self.documents[index],
                             self.levels[index], self.min_reuse)
        return least is not None and share >= least

    def _best_by_reuse(self, index: int) -> int | None:
        """The candidate this document takes most from. Candidates reused within
        :data:`NEAR_BEST` of the best are compared two by two (see :meth:`_closer`), starting
        from a national one, then the earliest."""
        ranked = [(share, other) for other, share in self.candidates.get(index, ())
                  if self._eligible(index, other, share)]
        if not ranked:
            return None
        best = max(share for share, _ in ranked)
        near = sorted((other for share, other in ranked if share >= best * (1 - NEAR_BEST)),
                      key=lambda i: (self.levels[i] != "national",
                                     self.documents[i].metadata.date or "9999",
                                     self.documents[i].source))
        winner = near[0]
        for other in near[1:]:
            if self._closer(index, other, winner):
                winner = other
        return winner

    def _closer(self, index: int, one: int, other: int) -> bool:
        """Does the document take more text from ``one`` that ``other`` lacks than the other
        way round? A copy of a copy shares the first copy's changes and nothing the first copy
        dropped; a sibling copy shares little but stock phrases the common source lacks.
        "More" means clearly more: twice as much and a sentence (:data:`CLEARLY_MORE`), and at
        least :data:`INHERITED` of what ``one`` has and ``other`` lacks (a copy keeps most of
        its source's changes; siblings share a few stock phrases and localisations)."""
        changes = np.setdiff1d(self.sketches[one], self.sketches[other], assume_unique=True)
        inherited = len(np.intersect1d(changes, self.sketches[index], assume_unique=True))
        if inherited < INHERITED * len(changes):
            return False
        found = np.intersect1d(self.sketches[index], self.sketches[other], assume_unique=True)
        lacking = len(np.setdiff1d(found, self.sketches[one], assume_unique=True))
        return inherited >= 2 * lacking + CLEARLY_MORE

    def through_copies(self, index: int, parents: dict[int, Parent],
                       first: Sequence[dict[int, Parent]]) -> dict[int, Parent]:
        """A document that cites P but copies its text from C, itself derived from P, derives
        from C (a county restating the city's measures keeps the city's 根据《P》 sentence): C
        replaces P. C must be reused at least :data:`INTERMEDIATE_REUSE` and be closer than P
        (:meth:`_closer`). A P the document's own title names (实施《P》办法) stays."""
        cited = {other for other, parent in parents.items()
                 if parent.cited and (index, other) not in self.named_in_title}
        if not cited:
            return parents
        options = []
        for other, share in self.candidates.get(index, ()):
            if share < INTERMEDIATE_REUSE:
                continue
            via = (cited - {other}) & set(first[other])
            if via and (other in parents or self._eligible(index, other, share)) \
                    and all(self._closer(index, other, p) for p in sorted(via)):
                options.append((other, via))
        if not options:
            return parents
        other, via = options[0]
        for option in options[1:]:
            if self._closer(index, option[0], other):
                other, via = option
        kept = {i: parent for i, parent in parents.items() if i not in via}
        kept.setdefault(other, self.parent(index, other, False))
        return kept

def _earlier(parent: Document, child: Document) -> bool:
    return bool(parent.metadata.date and child.metadata.date
                and parent.metadata.date < child.metadata.date)


def _share(document: Sketch, other: Sketch) -> float:
    """Exact share of ``document``'s shingles found in ``other`` (boilerplate included)."""
    if not len(document):
        return 0.0
    found = len(np.intersect1d(document, other, assume_unique=True))
    return round(found / len(document), 4)
