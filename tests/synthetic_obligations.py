"""Deadline, target-year and obligation edits with known directions, on top of tests/synthetic.py.

``derive(text, seed)`` runs ``synthetic.derive`` with its target and deadline edits, then injects
into other clauses of the result:

- a moved governing year (到2025年 -> 到2024年, 2025年底前 -> 2026年底前): a deadline, or the due
  year of the targets in that sentence; earlier is tightened;
- obligation words swapped for one on another rung of the ladder (鼓励 -> 应当, 必须 -> 可以 …);
  the direction follows the rungs (policydiff.obligations.LADDER).

``score(comparison, truth)`` counts each injected edit found, and found with the right direction.
The generator only reads the texts, never policydiff's answer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import synthetic

from policydiff import load
from policydiff.alignment.units import articled

# Obligation words the generator puts in, one per rung, and the words it takes out (a verb
# position word that another one can stand in for without changing the sentence's structure).
_REPLACEMENTS = {"可以": 1, "鼓励": 1, "积极": 2, "应当": 3, "必须": 4}
_TAKEN = {"可以": 1, "鼓励": 1, "支持": 1, "引导": 1, "积极": 2, "应当": 3, "必须": 4}
_TAKEN_RE = re.compile("|".join(sorted(_TAKEN, key=len, reverse=True)))
_YEAR_RE = re.compile(r"(?:(?<=到)|(?<=至))(?P<year>20[0-9]{2})年|(?P<year2>20[0-9]{2})年(?:年?底|年?末)?(?:以前|之前|前)")


@dataclass(frozen=True, slots=True)
class ObligationEdit:
    before: str
    after: str
    direction: str
    phrase: str


@dataclass(frozen=True, slots=True)
class YearEdit:
    before: int
    after: int
    direction: str


@dataclass
class Truth:
    base: synthetic.Truth
    obligations: list[ObligationEdit] = field(default_factory=list)
    years: list[YearEdit] = field(default_factory=list)


@dataclass
class Counts:
    edits: dict[str, int] = field(default_factory=lambda: {"target": 0, "deadline": 0,
                                                           "year": 0, "obligation": 0})
    found: dict[str, int] = field(default_factory=lambda: {"target": 0, "deadline": 0,
                                                           "year": 0, "obligation": 0})
    right: dict[str, int] = field(default_factory=lambda: {"target": 0, "deadline": 0,
                                                           "year": 0, "obligation": 0})
    errors: list[str] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in self.edits:
            self.edits[name] += other.edits[name]
            self.found[name] += other.found[name]
            self.right[name] += other.right[name]
        self.errors += other.errors


def derive(text: str, seed: int, *, obligations: int = 2, years: int = 1,
           edits: Mapping[str, int] | None = None) -> tuple[str, Truth]:
    """``synthetic.derive`` plus ``years`` moved years and ``obligations`` swapped words, each
    in a clause of its own that the base edits left alone."""
    derived, base = synthetic.derive(text, seed, edits=edits or {"target": 1, "deadline": 1})
    rng = random.Random(seed * 7919 + 1)
    truth = Truth(base)
    touched = {t.source for t in base.targets}
    document = load(derived)
    # in a law 必须 is on 应当's rung (policydiff.obligations): swapping them changes nothing
    rung = {**_TAKEN, "必须": 3} if articled(document) else _TAKEN
    clauses = [c for c in document.clauses
               if c.kind in synthetic.EDITABLE_KINDS and len(c.text) >= synthetic.MIN_LENGTH]
    rng.shuffle(clauses)
    replacements: list[tuple[int, int, str]] = []
    used: set[str] = set(touched)
    for clause in clauses:
        base_at = derived.find(clause.text)
        if base_at < 0 or derived.count(clause.text) != 1:
            continue
        if years and clause.id not in used:
            m = next(iter(_YEAR_RE.finditer(clause.text)), None)
            if m is not None:
                group = "year" if m.group("year") else "year2"
                old = int(m.group(group))
                new = old + rng.choice((-2, -1, 1, 2))
                replacements.append((base_at + m.start(group), base_at + m.end(group),
                                     str(new)))
                truth.years.append(YearEdit(old, new, "tightened" if new < old else "loosened"))
                used.add(clause.id)
                years -= 1
                continue
        if obligations and clause.id not in used:
            m = next(iter(_TAKEN_RE.finditer(clause.text)), None)
            if m is None or (m.start() and clause.text[m.start() - 1] in "不无"):
                continue
            old_word = m.group()
            choices = [w for w in _REPLACEMENTS if rung[w] != rung[old_word]]
            new_word = rng.choice(choices)
            end = re.search("[，,。；;：:！？\n]", clause.text[m.end():])
            phrase = clause.text[m.end():m.end() + end.start() if end else len(clause.text)]
            replacements.append((base_at + m.start(), base_at + m.end(), new_word))
            direction = "strengthened" if rung[new_word] > rung[old_word] else "weakened"
            truth.obligations.append(ObligationEdit(old_word, new_word, direction, phrase))
            used.add(clause.id)
            obligations -= 1
        if not years and not obligations:
            break
    for start, end, new in sorted(replacements, reverse=True):
        derived = derived[:start] + new + derived[end:]
    return derived, truth


def score(comparison: Any, truth: Truth) -> Counts:
    counts = Counts()
    for edit in truth.base.targets:
        counts.edits[edit.kind] += 1
        found = [t for t in comparison.targets if t.kind == edit.kind
                 and t.before.value == edit.before and t.after.value == edit.after]
        counts.found[edit.kind] += bool(found)
        counts.right[edit.kind] += any(t.direction == edit.direction for t in found)
        if not any(t.direction == edit.direction for t in found):
            counts.errors.append(f"{edit.kind} {edit.before_text}->{edit.after_text}: "
                                 + (found[0].direction if found else "not found"))
    for year in truth.years:
        counts.edits["year"] += 1
        found = [t for t in comparison.targets
                 if (t.kind == "deadline" and t.before.value == year.before
                     and t.after.value == year.after)
                 or (t.before.year == year.before and t.after.year == year.after)]
        counts.found["year"] += bool(found)
        counts.right["year"] += any(t.direction == year.direction for t in found)
        if not any(t.direction == year.direction for t in found):
            counts.errors.append(f"year {year.before}->{year.after}: "
                                 + (found[0].direction if found else "not found"))
    for edit in truth.obligations:
        counts.edits["obligation"] += 1
        found = [o for o in comparison.obligations
                 if o.before.word == edit.before and o.after.word == edit.after]
        counts.found["obligation"] += bool(found)
        counts.right["obligation"] += any(o.direction == edit.direction for o in found)
        if not any(o.direction == edit.direction for o in found):
            counts.errors.append(f"obligation {edit.before}->{edit.after} ({edit.phrase[:20]}): "
                                 + (found[0].direction if found else "not found"))
    return counts
