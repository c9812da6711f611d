"""The 对照表 as rows, and as pandas tables and CSV files.

:func:`table_rows` (:mod:`policydiff.renderers.rows`) gives the rows in reading order; the
frames and CSV files have one record per row that carries a 序号.

pandas is imported only when a frame is asked for (the ``pandas`` extra); CSV is written with
the csv module, byte for byte what pandas would write.
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..writing import write_text
from .rows import PATH_SEPARATOR, Row, clause_path, table_rows

if TYPE_CHECKING:
    import pandas

    from ..comparison import Comparison
    from ..document import Document

__all__ = ["PATH_SEPARATOR", "Row", "clause_path", "comparison_csv", "comparison_frame",
           "csv_paths", "obligations_frame", "responsibilities_frame", "table_rows",
           "targets_csv", "targets_frame", "write_csv"]


def _clause_rows(rows: tuple[Row, ...]) -> dict[str, int]:
    """序号 of the row showing each clause id, keyed ``p:<id>`` and ``d:<id>``."""
    found: dict[str, int] = {}
    for row in rows:
        if row.number is None:
            continue
        for clause in row.parent:
            found.setdefault("p:" + clause.id, row.number)
        for clause in row.derived:
            found.setdefault("d:" + clause.id, row.number)
    return found


def _path_of(document: Document, clause_id: str | None) -> str:
    if clause_id is None:
        return ""
    try:
        return clause_path(document.clause(clause_id))
    except KeyError:
        return ""


COLUMNS = ("row", "kind", "status", "similarity", "moved", "pinned", "targets", "parent_id",
           "parent_path", "parent_text", "derived_id", "derived_path", "derived_text",
           "obligations",
           # why paired / unpaired (policydiff.evidence)
           "why_characters", "why_phrases", "why_shared", "why_anchors", "why_neighbours",
           "why_candidate", "why_candidate_similarity", "why_unpaired")
RESPONSIBILITY_COLUMNS = ("row", "parent_numbers", "derived_numbers", "task_parent",
                          "task_derived", "parent_lead", "derived_lead", "lead_changed",
                          "units_added", "units_removed", "units_kept", "parent_deadline",
                          "derived_deadline", "deadline_changed", "parent_id", "derived_id")
TARGET_COLUMNS = ("metric", "kind", "direction", "before", "after", "before_value",
                  "after_value", "unit", "before_bound", "after_bound", "before_year",
                  "after_year", "parent_clause", "parent_path", "derived_clause", "derived_path",
                  "row", "polarity", "subject", "penalty", "explanation_zh", "explanation_en")
OBLIGATION_COLUMNS = ("before", "after", "direction", "reversed", "before_strength",
                      "after_strength", "phrase", "parent_clause", "derived_clause",
                      "explanation_zh", "explanation_en")
# Column types of the frames; the CSV writer formats each value as pandas does for its type.
_DTYPES = {"row": "int64", "similarity": "float64", "moved": "bool", "pinned": "bool",
           "targets": "int64", "obligations": "int64", "why_characters": "float64",
           "why_phrases": "float64", "why_neighbours": "boolean",
           "why_candidate_similarity": "float64"}
_TARGET_DTYPES = {"before_value": "float64", "after_value": "float64", "before_year": "Int64",
                  "after_year": "Int64", "row": "Int64"}


def comparison_frame(comparison: Comparison) -> pandas.DataFrame:
    """One row per pair, added and dropped clause, in the 对照表's order.

    Columns: ``row`` (序号), ``kind`` (pair / added / dropped), ``status`` (unchanged, localized,
    modified, added, dropped), ``similarity`` (NaN unless a pair), ``moved``, ``pinned``,
    ``targets`` (number of target changes), and per side the clause ids (``;``-separated), heading
    paths and texts (one line per clause for merges and splits), then ``obligations`` (number of
    obligation-strength changes; :func:`obligations_frame` lists them).
    """
    import pandas

    records = _comparison_records(comparison)
    frame = pandas.DataFrame.from_records(records, columns=list(COLUMNS))
    return frame.astype(_DTYPES)


def _comparison_records(comparison: Comparison) -> list[dict[str, object]]:
    """The rows of :func:`comparison_frame` as plain values, for pandas and the csv module."""
    records: list[dict[str, object]] = []
    nearest = {(n.side, n.clause): n for n in comparison.unpaired}
    for row in table_rows(comparison):
        if row.kind == "moved-from":
            continue
        pair = row.pair
        evidence = pair.evidence if pair is not None else None
        unpaired = (nearest.get(("derived", row.derived[0].id)) if row.kind == "added" else
                    nearest.get(("parent", row.parent[0].id)) if row.kind == "dropped" else None)
        candidate = (evidence.runner_up if evidence is not None else
                     unpaired.candidate if unpaired is not None else None)
        records.append({
            "row": row.number,
            "kind": row.kind,
            "status": row.status,
            "similarity": pair.similarity if pair is not None else float("nan"),
            "moved": row.moved,
            "pinned": pair.pinned if pair is not None else False,
            "targets": len(row.targets),
            "parent_id": ";".join(c.id for c in row.parent),
            "parent_path": "\n".join(clause_path(c) for c in row.parent),
            "parent_text": "\n".join(c.text for c in row.parent),
            "derived_id": ";".join(c.id for c in row.derived),
            "derived_path": "\n".join(clause_path(c) for c in row.derived),
            "derived_text": "\n".join(c.text for c in row.derived),
            "obligations": len(pair.obligations) if pair is not None else 0,
            "why_characters": evidence.characters if evidence is not None else float("nan"),
            "why_phrases": evidence.phrases if evidence is not None else float("nan"),
            "why_shared": "\n".join(evidence.shared) if evidence is not None else "",
            "why_anchors": "\n".join(evidence.anchors) if evidence is not None else "",
            "why_neighbours": evidence.neighbours if evidence is not None else None,
            "why_candidate": candidate.clause if candidate is not None else "",
            "why_candidate_similarity": (candidate.similarity if candidate is not None
                                         else float("nan")),
            "why_unpaired": unpaired.reason if unpaired is not None else "",
        })
    return records


def responsibilities_frame(comparison: Comparison) -> pandas.DataFrame:
    """One row per pair of task-division rows: the task cells, lead units, units added and
    removed (one per line), deadlines, and the 序号 of the 对照表 row."""
    import pandas

    from ..alignment.inline import Op

    def side(diff: tuple[tuple[Op, str], ...], drop: str) -> str:
        return "".join(text for op, text in diff if op != drop)

    rows = _clause_rows(table_rows(comparison))
    records = []
    for change in comparison.responsibilities:
        records.append({
            "row": rows.get(f"d:{change.derived[0]}"),
            "parent_numbers": "、".join(change.parent_numbers),
            "derived_numbers": "、".join(change.derived_numbers),
            "task_parent": side(change.task, "insert"),
            "task_derived": side(change.task, "delete"),
            "parent_lead": change.parent_lead, "derived_lead": change.derived_lead,
            "lead_changed": change.lead_changed,
            "units_added": "\n".join(change.units_added),
            "units_removed": "\n".join(change.units_removed),
            "units_kept": change.units_kept,
            "parent_deadline": change.parent_deadline,
            "derived_deadline": change.derived_deadline,
            "deadline_changed": change.deadline_changed,
            "parent_id": ";".join(change.parent), "derived_id": ";".join(change.derived),
        })
    frame = pandas.DataFrame.from_records(records, columns=list(RESPONSIBILITY_COLUMNS))
    return frame.astype({"row": "Int64", "lead_changed": "bool", "units_kept": "int64",
                         "deadline_changed": "bool"})


def targets_frame(comparison: Comparison) -> pandas.DataFrame:
    """One row per target or deadline change: metric, kind, direction, both quantities as
    written and as values, bounds, years, and where they are (clause ids, paths, 序号)."""
    import pandas

    records = _target_records(comparison)
    frame = pandas.DataFrame.from_records(records, columns=list(TARGET_COLUMNS))
    return frame.astype(_TARGET_DTYPES)


def _target_records(comparison: Comparison) -> list[dict[str, object]]:
    """The rows of :func:`targets_frame` as plain values, for pandas and the csv module."""
    rows = _clause_rows(table_rows(comparison))
    records: list[dict[str, object]] = []
    for change in comparison.targets:
        records.append({
            "metric": change.metric,
            "kind": change.kind,
            "direction": change.direction,
            "before": change.before.text,
            "after": change.after.text,
            "before_value": change.before.value,
            "after_value": change.after.value,
            "unit": change.after.unit,
            "before_bound": change.before.bound,
            "after_bound": change.after.bound,
            "before_year": change.before.year,
            "after_year": change.after.year,
            "parent_clause": change.parent_clause,
            "parent_path": _path_of(comparison.parent, change.parent_clause),
            "derived_clause": change.derived_clause,
            "derived_path": _path_of(comparison.derived, change.derived_clause),
            "row": rows.get(f"d:{change.derived_clause}"),
            "polarity": change.polarity,
            "subject": change.subject,
            "penalty": change.penalty,
            "explanation_zh": change.explanation_zh,
            "explanation_en": change.explanation_en,
        })
    return records


def obligations_frame(comparison: Comparison) -> pandas.DataFrame:
    """One row per obligation change: the two words, direction, rungs, the phrase governed."""
    import pandas

    records = [{"before": o.before.word, "after": o.after.word, "direction": o.direction,
                "reversed": o.reversed, "before_strength": o.before.strength,
                "after_strength": o.after.strength, "phrase": o.phrase,
                "parent_clause": o.parent_clause, "derived_clause": o.derived_clause,
                "explanation_zh": o.explanation_zh, "explanation_en": o.explanation_en}
               for o in comparison.obligations]
    return pandas.DataFrame.from_records(records, columns=list(OBLIGATION_COLUMNS))


def csv_paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """``report.csv`` → (``report.csv``, ``report-targets.csv``)."""
    main = Path(path)
    suffix = main.suffix or ".csv"
    return main, main.with_name(f"{main.stem}-targets{suffix}")


def frame_csv(frame: pandas.DataFrame, *, bom: bool = False) -> str:
    """A frame as CSV text (``\\n`` line ends; a BOM first when ``bom``, for spreadsheets); text
    cells a spreadsheet would run as formulas get a leading ``'`` (see :func:`comparison_csv`)."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    guarded = frame.copy()
    for column in guarded.columns:
        if is_object_dtype(guarded[column]) or is_string_dtype(guarded[column]):
            guarded[column] = guarded[column].map(
                lambda value: _guard(value) if isinstance(value, str) else value)
    text: str = guarded.to_csv(index=False, lineterminator="\n")
    return ("\ufeff" if bom else "") + text


def comparison_csv(comparison: Comparison) -> str:
    """The pair table (:func:`comparison_frame`'s rows) as CSV text, without pandas.

    The bytes are those pandas' ``to_csv`` writes for the frame (``\\n`` line ends, minimal
    quoting, NaN and missing values empty), except that a text cell starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` (OWASP's rule against CSV
    formula injection): a clause beginning ``=HYPERLINK(…)`` stays text in a spreadsheet.
    """
    return _csv(_comparison_records(comparison), COLUMNS, _DTYPES)


def targets_csv(comparison: Comparison) -> str:
    """The targets table (:func:`targets_frame`'s rows) as CSV text, like :func:`comparison_csv`."""
    return _csv(_target_records(comparison), TARGET_COLUMNS, _TARGET_DTYPES)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _guard(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv(records: list[dict[str, object]], columns: tuple[str, ...],
         dtypes: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(column), dtypes.get(column)) for column in columns])
    return out.getvalue()


def _cell(value: object, dtype: str | None) -> str:
    """A value as pandas writes it in a column of ``dtype`` (``None``: object column)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if dtype == "float64":
        return repr(float(value))  # type: ignore[arg-type]
    if dtype in ("int64", "Int64"):
        return str(int(value))  # type: ignore[call-overload]
    if dtype == "bool":
        return str(bool(value))
    if isinstance(value, str):
        return _guard(value)
    return str(value)


def write_csv(comparison: Comparison, path: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write the pair table to ``path`` and the targets table next to it (``-targets`` added to
    the name). Both are UTF-8 with a BOM, so spreadsheet programs read the Chinese text; returns
    the two paths. Needs no pandas."""
    main, targets = csv_paths(path)
    write_text(main, comparison_csv(comparison), bom=True)
    write_text(targets, targets_csv(comparison), bom=True)
    return main, targets
