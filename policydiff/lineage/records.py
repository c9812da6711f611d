"""The records lineage produces: a document's place in its corpus, its parents with the evidence
for each edge, and the sparse reuse shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Basis", "DateOrder", "Lineage", "Parent", "Reuse"]

Basis = Literal["cited", "version", "intermediate", "text"]
"""How a parent was found: the document cites it; it is an earlier version (same title); the
document cites the parent's own source but copies the parent's text; text reuse alone."""
DateOrder = Literal["earlier", "same", "later", "unknown"]
"""The parent's date against the derived document's."""


@dataclass(frozen=True, slots=True)
class Parent:
    """A parent of a document and the evidence: reuse (share of the document's text found in
    the parent) and whether the document cites it; then how it was found, the reuse the other
    way, the dates' order, both levels and a confidence in [0, 1]."""

    source: str
    reuse: float
    cited: bool
    basis: Basis = "text"
    cited_by: Literal["title", "doc_number"] | None = None
    title_score: float | None = None
    """How loosely the cite matched the parent's title (1.0 exact; see lineage.citations)."""
    ambiguous: bool = False
    """Several corpus documents fit the cite or the text; ``alternatives`` lists the others."""
    alternatives: tuple[str, ...] = ()
    parent_reuse: float = 0.0
    """Share of the parent's text found in the document (reuse the other way)."""
    date_order: DateOrder = "unknown"
    parent_level: str | None = None
    derived_level: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reuse": self.reuse, "cited": self.cited,
                "basis": self.basis, "cited_by": self.cited_by,
                "title_score": self.title_score, "ambiguous": self.ambiguous,
                "alternatives": list(self.alternatives), "parent_reuse": self.parent_reuse,
                "date_order": self.date_order, "parent_level": self.parent_level,
                "derived_level": self.derived_level, "confidence": self.confidence}


@dataclass(frozen=True, slots=True)
class Lineage:
    """One document's place in its corpus."""

    source: str
    title: str | None
    doc_number: str | None
    parents: tuple[Parent, ...]
    unresolved_cites: tuple[str, ...]
    """Documents it names as its basis that are not in the corpus, as cited."""
    date: str | None = None
    level: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "title": self.title, "doc_number": self.doc_number,
                "parents": [parent.to_dict() for parent in self.parents],
                "unresolved_cites": list(self.unresolved_cites), "date": self.date,
                "level": self.level}


@dataclass(frozen=True, slots=True)
class Reuse:
    """Share of ``document``'s text (its shingles) that is also found in ``other``."""

    document: str
    other: str
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "other": self.other, "share": self.share}
