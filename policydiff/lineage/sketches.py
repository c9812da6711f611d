"""Shingle sketches of documents and the reuse shares found through an inverted index.

A document's sketch is the sorted set of hashed character 8-grams of the normalised texts of its
provisions (front matter, signatures and table headers left out; punctuation and the
jurisdiction's words for itself, 本市/全区/我省/全国/国家…, removed). The share of a document's
shingles found in another is its *reuse* of that other (containment, so it is asymmetric).

>>> import policydiff
>>> city = policydiff.load("examples/tianjin/2018-tianjin-city-certification-plan.txt")
>>> len(sketch(city)) > 4000
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from ..alignment.tokens import normalize
from ..document import Document
from ..vocabulary import LETTERS_AND_DIGITS_NOT, NOT_PROVISIONS, SELF_TERMS

__all__ = ["BOILERPLATE_MIN", "BOILERPLATE_SHARE", "MAX_CANDIDATES", "POSTINGS_BUDGET",
           "REUSE_FLOOR", "SHINGLE_SIZE", "Sketch", "reuse_shares", "share", "sketch"]

SHINGLE_SIZE = 8
"""Characters per shingle: long enough that unrelated documents rarely share one, short enough
that a localised or reworded clause keeps most of its shingles."""
REUSE_FLOOR = 0.05
"""Reuse below this is not reported (nor looked at, unless ``min_reuse`` is lower): unrelated
documents of one field share up to about this much in stock phrases, and reporting it would
make the reuse records grow with the square of the corpus."""
BOILERPLATE_SHARE = 0.5
BOILERPLATE_MIN = 64
"""A shingle found in more than ``max(BOILERPLATE_MIN, BOILERPLATE_SHARE * N)`` of N documents
is boilerplate: it counts for nobody's reuse (and would cost N² to count)."""
POSTINGS_BUDGET = 400_000
"""Most postings (shingle, holder) visited per document. A document whose shingles are held by
more (a family of hundreds of documents restating one source) counts an evenly spread sample of
its shingles (every k-th by hash), so its shares are estimates (standard error below 0.01 with
the ≥ 2,000 shingles of a page of text) and the cost per document is bounded: lineage stays
linear in the number of documents. The 193-document local-implementations corpus needs at most
about 60,000 postings per document, so its shares stay exact; at 400,000 a document costs
about 5 ms of numpy."""
MAX_CANDIDATES = 48
"""Most reuse records kept per document (the largest shares): a parent is among a document's
few most reused documents; the 193 real documents have at most 20 above the floor."""

Sketch = npt.NDArray[np.uint64]

# Clause kinds that are not provisions: their wording is the issuer's, not the content's.
FRONT_KINDS = NOT_PROVISIONS
_BASE = np.uint64(1_000_003)
# How a jurisdiction names itself (本市, 全省…, and 全国, 国家 at the top): a local restatement
# swaps them, so they are left out of shingles.
_SELF_TERMS = (*SELF_TERMS, "全国", "国家")


def sketch(document: Document) -> Sketch:
    """The sorted, distinct 64-bit hashes of the document's content shingles.

    Shingles never span two clauses; clauses shorter than a shingle add nothing. The hash is a
    polynomial over code points, so sketches are equal across processes and machines.
    """
    parts = []
    for clause in document.clauses:
        if clause.kind in FRONT_KINDS:
            continue
        text = normalize(clause.text)
        for term in _SELF_TERMS:
            text = text.replace(term, "")
        text = LETTERS_AND_DIGITS_NOT.sub("", text)
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


def reuse_shares(sketches: Sequence[Sketch], *, floor: float = REUSE_FLOOR
                 ) -> dict[tuple[int, int], float]:
    """``{(document, other): share}`` for the ordered pairs of sketch indexes whose share is
    at least ``floor`` (the :data:`MAX_CANDIDATES` largest per document): the share of
    ``document``'s shingles found in ``other``, boilerplate shingles (see
    :data:`BOILERPLATE_SHARE`) counting as not found.

    Cost: one sort of all shingles plus, per document, at most :data:`POSTINGS_BUDGET`
    postings; never all N² pairs of texts.
    """
    return Postings(sketches).shares(floor)


def share(document: Sketch, other: Sketch) -> float:
    """Exact share of ``document``'s shingles found in ``other`` (boilerplate included)."""
    if not len(document):
        return 0.0
    found = len(np.intersect1d(document, other, assume_unique=True))
    return round(found / len(document), 4)


class Postings:
    """The inverted index: every distinct shingle, the documents holding it, its count."""

    def __init__(self, sketches: Sequence[Sketch]) -> None:
        self.count = len(sketches)
        self.sizes = np.array([len(s) for s in sketches], dtype=np.int64)
        hashes = np.concatenate(list(sketches)) if self.count else np.zeros(0, np.uint64)
        owners = np.repeat(np.arange(self.count, dtype=np.int64), self.sizes)
        order = np.argsort(hashes, kind="stable")
        self.owners = owners[order]
        del owners
        self.hashes, self.first, self.df = np.unique(hashes[order], return_index=True,
                                                     return_counts=True)
        del hashes
        self.group = np.empty(len(order), dtype=np.int64)
        self.group[order] = np.repeat(np.arange(len(self.first)), self.df)
        del order
        self.offsets = np.concatenate(([0], np.cumsum(self.sizes)))

    def shares(self, floor: float) -> dict[tuple[int, int], float]:
        limit = max(BOILERPLATE_MIN, math.floor(BOILERPLATE_SHARE * self.count))
        shared_group = (self.df > 1) & (self.df <= limit)
        shares: dict[tuple[int, int], float] = {}
        for index in range(self.count):
            groups = self.group[self.offsets[index]:self.offsets[index + 1]]
            size = float(len(groups))
            groups = groups[shared_group[groups]]
            if not len(groups) or not size:
                continue
            lengths = self.df[groups]
            work = int(lengths.sum())
            if work > POSTINGS_BUDGET:                 # an even sample: every step-th shingle
                step = math.ceil(work / POSTINGS_BUDGET)
                size = math.ceil(size / step)
                groups = self.group[self.offsets[index]:self.offsets[index + 1]][::step]
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
            others = np.flatnonzero(found >= floor * size)
            if len(others) > MAX_CANDIDATES:
                # the largest shares, ties by index: a stable sort of the negated counts
                others = np.sort(others[np.argsort(-found[others], kind="stable")
                                        [:MAX_CANDIDATES]])
            for other in others:
                shares[(index, int(other))] = round(min(1.0, float(found[other]) / size), 4)
        return shares
