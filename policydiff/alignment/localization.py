"""Jurisdiction terms, neutralised so that a restated clause compares equal to its source.

A district plan restates the city's text for itself: 本市→新区, 全市→全区,
市市场监管委→区市场监管局,
天津品牌→滨海品牌. Comparing with those terms removed lets alignment see the copy and lets the
classifier call the change ``localized`` rather than ``modified``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..document import Document
from ..vocabulary import LETTERS_AND_DIGITS_NOT, SELF_TERMS

# Terms any Chinese jurisdiction uses for itself.
GENERIC_TERMS: tuple[str, ...] = SELF_TERMS

# Parent wording → derived wording a caller knows a lower level uses (``compare(...,
# localize=...)``). None is shipped: #10 asks that stock phrase lists be derived from data by a
# script or not used, and the hand list that stood here (各级人民政府→各部门, 市场监管委→市场监管局)
# came from the flagship pair; without it the flagship statuses, key and targets are the same.
DEFAULT_PAIRS: tuple[tuple[str, str], ...] = ()

# 市市场监管委, 区工业和信息化局, 省教育厅: a level prefix before an agency name. The prefix is
# removed, and the kinds of department a level names differently are folded into one: a
# province's 厅, a city's 委 (委员会) and a district's 局 are one department restated level by
# level (市市场监管委 → 区市场监管局, 省教育厅 → 市教育局); offices (办) and centres (中心) are
# kept apart. A name holds no particle (的, 在 …): 市场体系的委托 is no agency.
_AGENCY = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[、，,：:；;（(]))[市区县省]"
    r"(?P<name>(?:(?![的在对将为是])[\u4e00-\u9fff]){1,10}?)(?P<kind>委员会|委|局|厅|办|中心)"
)
_DEPARTMENT = frozenset({"委员会", "委", "局", "厅"})


def _agency(match: re.Match[str]) -> str:
    kind = match.group("kind")
    return match.group("name") + ("局" if kind in _DEPARTMENT else kind)


_SUFFIXES = ("人民政府", "政府", "人民代表大会常务委员会", "常务委员会", "委员会", "办公厅",
             "办公室")
_LEVEL_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|新区|省|市|区|县|州|盟|旗|镇|乡)$")


@dataclass(frozen=True, slots=True)
class Localizer:
    """Removes the jurisdiction terms of a parent and a derived document from clause texts."""

    terms: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]

    def neutralize(self, text: str) -> str:
        """``text`` with jurisdiction terms removed and paired wordings folded together."""
        return _neutralize(self.terms, self.pairs, text)


@lru_cache(maxsize=65536)
def _neutralize(terms: tuple[str, ...], pairs: tuple[tuple[str, str], ...], text: str) -> str:
    """Cached: a clause is neutralised for its similarity, its anchors and its status."""
    for parent_term, derived_term in pairs:
        if parent_term != derived_term:
            text = text.replace(parent_term, derived_term)
    text = _AGENCY.sub(_agency, text)
    for term in terms:
        text = text.replace(term, "")
    return text


def localizer_for(parent: Document, derived: Document,
                  extra: Mapping[str, str] | Iterable[tuple[str, str]] | bool | None = None
                  ) -> Localizer:
    """A :class:`Localizer` for this pair of documents: generic terms, the two documents' own
    jurisdiction names (from issuers and titles), default pairs, and the caller's ``extra`` pairs.
    ``extra=False`` turns localisation off."""
    if extra is False:
        return Localizer((), ())
    names: list[str] = []
    for document in (parent, derived):
        for source in (document.metadata.issuer, document.metadata.title,
                       document.metadata.notice_title):
            names.extend(jurisdiction_names(source or ""))
    user_pairs: list[tuple[str, str]] = []
    if isinstance(extra, Mapping):
        user_pairs = list(extra.items())
    elif extra not in (None, True):
        user_pairs = [(str(a), str(b)) for a, b in extra]  # type: ignore[union-attr]
    _check_pairs(user_pairs)
    terms = sorted(set(GENERIC_TERMS) | set(names), key=lambda t: (-len(t), t))
    pairs = tuple(sorted(set(user_pairs) | set(DEFAULT_PAIRS), key=lambda p: (-len(p[0]), p)))
    return Localizer(tuple(terms), pairs)


def _check_pairs(pairs: list[tuple[str, str]]) -> None:
    """Refuse terms that are not text or are empty: an empty parent term matches between every
    two characters (``{"": "x"}`` put x between all of them)."""
    from ..errors import ParseError

    for number, (parent_term, derived_term) in enumerate(pairs, 1):
        if not isinstance(parent_term, str) or not isinstance(derived_term, str):
            raise ParseError("localize", f"pair {number} is {(parent_term, derived_term)!r}; "
                                         "both terms must be text")
        if not parent_term.strip() or not derived_term.strip():
            raise ParseError("localize", f"pair {number} ({parent_term!r} → {derived_term!r}) "
                                         "has an empty term; both terms must be non-empty text")


def jurisdiction_names(text: str) -> list[str]:
    """Names a document's jurisdiction goes by, from an issuer or title: 天津市滨海新区人民政府
    gives 天津市, 天津, 滨海新区, 滨海."""
    text = re.sub(r"\s+", "", text)
    for separator in ("关于", "贯彻", "印发"):
        text = text.split(separator)[0]
    for suffix in _SUFFIXES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    names: list[str] = []
    for match in re.finditer(r"[\u4e00-\u9fff]{2,8}?(?:特别行政区|自治区|新区|省|市|区|县)", text):
        name = match.group(0)
        if name in GENERIC_TERMS or len(name) < 2:
            continue
        names.append(name)
        short = _LEVEL_SUFFIX.sub("", name)
        if len(short) >= 2:
            names.append(short)
    return names


@dataclass(frozen=True, slots=True)
class Substitution:
    """A localisation a derived document applied: ``parent`` wording → ``derived`` wording, and
    how many times the word diffs show it (一 ``本市`` → ``新区`` ×12)."""

    parent: str
    derived: str
    count: int


# Characters of unchanged text on each side of an edit that neutralising sees with it: the
# agency rule needs the name after a level prefix (市|市场监管委); the longest agency name
# in the example corpus (市规划和自然资源局) is 9 characters, so 12 covers it.
_CONTEXT = 12


def localization_edits(localizer: Localizer, diff: Sequence[tuple[str, str]]) -> tuple[int, ...]:
    """Indexes of the ops of a word diff that only localise: each run of delete/insert ops
    between equal texts whose two sides neutralise to the same letters in their context."""
    return _localization_edits(localizer, tuple(diff))


# Cached on the localizer and the diff: each pair's diff is asked about twice in a comparison
# (its own localisation marks, then the summary's substitutions).
@lru_cache(maxsize=4096)
def _localization_edits(localizer: Localizer, diff: tuple[tuple[str, str], ...]
                        ) -> tuple[int, ...]:
    found: list[int] = []
    index = 0
    while index < len(diff):
        if diff[index][0] == "equal":
            index += 1
            continue
        end = index
        while end < len(diff) and diff[end][0] != "equal":
            end += 1
        before = diff[index - 1][1][-_CONTEXT:] if index > 0 else ""
        after = diff[end][1][:_CONTEXT] if end < len(diff) else ""
        removed = "".join(text for op, text in diff[index:end] if op == "delete")
        inserted = "".join(text for op, text in diff[index:end] if op == "insert")
        if (removed.strip() or inserted.strip()) and _same_after_neutralizing(
                localizer, before + removed + after, before + inserted + after):
            found.extend(range(index, end))
        index = end
    return tuple(found)


def _same_after_neutralizing(localizer: Localizer, parent: str, derived: str) -> bool:
    from .tokens import normalize
    if not localizer.terms and not localizer.pairs:
        return False
    parent, derived = normalize(parent), normalize(derived)
    if LETTERS_AND_DIGITS_NOT.sub("", parent) == LETTERS_AND_DIGITS_NOT.sub("", derived):
        return False            # punctuation, spacing or numbering only: not a localisation
    return (LETTERS_AND_DIGITS_NOT.sub("", localizer.neutralize(parent))
            == LETTERS_AND_DIGITS_NOT.sub("", localizer.neutralize(derived)))


def applied_substitutions(localizer: Localizer,
                          diffs: Iterable[Sequence[tuple[str, str]]]) -> tuple[Substitution, ...]:
    """The localisations the word diffs show, counted: each run of localising edits (see
    :func:`localization_edits`) as (removed text, inserted text); most frequent first, ties in
    text order, so the summary is the same bytes on every run."""
    counts: dict[tuple[str, str], int] = {}
    for diff in diffs:
        edits = localization_edits(localizer, diff)
        runs: list[list[int]] = []
        for i in edits:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        for run in runs:
            removed = "".join(diff[i][1] for i in run if diff[i][0] == "delete").strip()
            inserted = "".join(diff[i][1] for i in run if diff[i][0] == "insert").strip()
            removed, inserted = _trim_common(removed, inserted)
            counts[(removed, inserted)] = counts.get((removed, inserted), 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Substitution(parent, derived, count) for (parent, derived), count in ordered)


def _trim_common(parent: str, derived: str) -> tuple[str, str]:
    """Without the characters both ends share (，全面提高本市 → ,全面提高新区 is 本市 → 新区)."""
    import unicodedata

    def same(a: str, b: str) -> bool:
        return unicodedata.normalize("NFKC", a) == unicodedata.normalize("NFKC", b)
    while parent and derived and same(parent[0], derived[0]):
        parent, derived = parent[1:], derived[1:]
    while parent and derived and same(parent[-1], derived[-1]):
        parent, derived = parent[:-1], derived[:-1]
    return parent.strip("，,、；; "), derived.strip("，,、；; ")
