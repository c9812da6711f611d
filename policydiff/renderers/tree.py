"""The parsed clause tree as text or JSON-ready dicts, for ``policydiff parse``."""

from __future__ import annotations

from typing import Any

from ..document import Clause, Document, Metadata
from ..writing import printable


def metadata_dict(document: Document) -> dict[str, Any]:
    """The contract's ``Document`` object (policydiff.comparison/1)."""
    meta: Metadata = document.metadata
    # a file name's undecodable bytes (surrogate escapes, kept to open the file) as U+FFFD, so
    # the report is always UTF-8 text, as every writer shows the name
    return {"source": printable(document.source), "title": meta.title,
            "doc_number": meta.doc_number, "issuer": meta.issuer, "date": meta.date,
            "cites": list(meta.cites)}


def clause_dict(clause: Clause) -> dict[str, Any]:
    """The contract's ``Clause`` object, plus the cells of a table row."""
    data: dict[str, Any] = {"id": clause.id, "path": list(clause.path), "kind": clause.kind,
                            "text": clause.text}
    if clause.cells:
        data["cells"] = dict(clause.cells)
    return data


def _parsed_clause_dict(clause: Clause) -> dict[str, Any]:
    """:func:`clause_dict` with offsets and the enumeration mark, for ``policydiff parse``."""
    data = clause_dict(clause)
    data["start"], data["end"] = clause.start, clause.end
    if clause.number is not None:
        data["number"] = clause.number
    return data


def document_dict(document: Document) -> dict[str, Any]:
    data = metadata_dict(document)
    data["notice_title"] = document.metadata.notice_title
    data["fields"] = dict(document.metadata.fields)
    data["clauses"] = [_parsed_clause_dict(c) for c in document.clauses]
    data["skipped"] = [{"start": s.start, "end": s.end, "reason": s.reason, "text": s.text}
                       for s in document.skipped]
    return data


def document_text(document: Document) -> str:
    """An indented outline: metadata, then one line per clause (id, kind, text start)."""
    meta = document.metadata
    lines = [f"source:     {document.source}",
             f"title:      {meta.title or '-'}",
             f"doc_number: {meta.doc_number or '-'}",
             f"issuer:     {meta.issuer or '-'}",
             f"date:       {meta.date or '-'}",
             f"cites:      {'; '.join(meta.cites) or '-'}",
             ""]
    for clause in document.clauses:
        depth = max(len(clause.path) - 1, 0)
        text = " ".join(clause.text.split())
        if len(text) > 60:
            text = text[:59] + "…"
        cells = ""
        if clause.kind == "table_row":
            cells = "  [" + " | ".join(f"{k}: {v[:12]}" for k, v in clause.cells if v) + "]"
        lines.append(f"{'  ' * depth}{clause.id}  <{clause.kind}>  {text}{cells}")
    skipped = [s for s in document.skipped if s.reason != "blank"]
    if skipped:
        lines.append("")
        lines.append(f"skipped ({len(skipped)}):")
        for span in skipped:
            lines.append(f"  <{span.reason}>  {' '.join(span.text.split())[:60]}")
    return "\n".join(lines) + "\n"
