"""Word-level inline diff of two texts; the only module that imports diff_match_patch.

diff-match-patch works on characters. Its "line mode" recipe is used at word level instead: each
distinct jieba token becomes one private-use character, the two character strings are diffed
and cleaned up (the library's own semantic clean-up, which then weighs edits in tokens), and the
characters are mapped back. Edits therefore always cover whole words
and whole numbers (``93%`` → ``95%``, never ``3`` → ``5``).

>>> diff("稳定在93%以上", "稳定在95%以上")
(('equal', '稳定在'), ('delete', '93%'), ('insert', '95%'), ('equal', '以上'))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

from diff_match_patch import diff_match_patch
from rapidfuzz.distance import Indel

from policydiff.alignment.tokens import tokenize

__all__ = ["Op", "diff", "ratio"]

Op = Literal["equal", "insert", "delete"]

_OPS: dict[int, Op] = {
    diff_match_patch.DIFF_EQUAL: "equal",
    diff_match_patch.DIFF_INSERT: "insert",
    diff_match_patch.DIFF_DELETE: "delete",
}

# Code points that stand for tokens, in the order they are handed out: the BMP private use area,
# then the supplementary private use planes 15 and 16, then (beyond 137,000 distinct tokens) the
# rest of the astral planes and of the BMP. Surrogates are never used. Token texts are never
# looked at by diff-match-patch itself (only by the scoring below), so any code point will do.
_CODE_RANGES: tuple[tuple[int, int], ...] = (
    (0xE000, 0xF8FF),
    (0xF0000, 0xFFFFD),
    (0x100000, 0x10FFFD),
    (0x10000, 0xEFFFF),
    (0x0001, 0xD7FF),
    (0xF900, 0xFFFF),
)


def _code_point(index: int) -> str:
    """The character that stands for the ``index``-th distinct token."""
    if index <= 0xF8FF - 0xE000:        # the first range, where every diff of a clause stays
        return chr(0xE000 + index)
    for first, last in _CODE_RANGES:
        size = last - first + 1
        if index < size:
            return chr(first + index)
        index -= size
    raise ValueError("too many distinct tokens to diff (more than a million)")


def _token_diff(parent: str, derived: str) -> list[tuple[int, str]]:
    """A minimal insert/delete diff of two token strings in diff-match-patch's format.

    The longest common subsequence comes from rapidfuzz's Indel distance (C++): diff-match-patch's
    own ``diff_main`` finds an equally minimal diff but, with no timeout, took 400 ms on the
    flagship pairs against under 1 ms here. diff-match-patch then does the semantic clean-up.
    """
    diffs: list[tuple[int, str]] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        # a run of edits between two equalities: deletions first, as diff-match-patch writes them
        if deleted:
            diffs.append((diff_match_patch.DIFF_DELETE, "".join(deleted)))
        if inserted:
            diffs.append((diff_match_patch.DIFF_INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for opcode in Indel.opcodes(parent, derived):
        tag = opcode.tag
        p0, p1, d0, d1 = opcode.src_start, opcode.src_end, opcode.dest_start, opcode.dest_end
        if tag == "equal":
            flush()
            diffs.append((diff_match_patch.DIFF_EQUAL, parent[p0:p1]))
        else:
            deleted.append(parent[p0:p1])
            inserted.append(derived[d0:d1])
    flush()
    return diffs


# diff-match-patch's semantic clean-up edits one Python list in place and rescans after each
# change, so its cost grows with the square of the diff's length when many short equalities sit
# between edits: a clause of 10,000 comma phrases, each one replaced, took 66 s (3,000 phrases,
# 9,000 diff entries: 10 s). Diffs up to _WHOLE entries are cleaned up whole, as before; the
# longest diff in the corpus comparisons (21 pairs, 1,041 diffs) has 115 entries, and 600
# entries of that worst case clean up in 0.06 s. Longer diffs are cleaned up in pieces of at
# least _PIECE entries cut after equal text that ends a sentence, or, when no sentence ends for
# twice (four times) that long, after a comma (any equality): a piece never costs more than
# about 0.2 s and the whole stays linear in the clause's length.
_WHOLE = 600
_PIECE = 300
_SENTENCE_ENDS = frozenset("。！？；!?;\n")
_PHRASE_ENDS = frozenset("，、：,:")


def _cleaned(diffs: list[tuple[int, str]], texts: dict[str, str]) -> list[tuple[int, str]]:
    """``diffs`` after the semantic clean-up, piece by piece when long (see _WHOLE)."""
    differ = _differ()
    if len(diffs) <= _WHOLE:
        differ.diff_cleanupSemantic(diffs)
        return diffs
    out: list[tuple[int, str]] = []
    piece: list[tuple[int, str]] = []
    for code, encoded in diffs:
        piece.append((code, encoded))
        if code != diff_match_patch.DIFF_EQUAL or len(piece) < _PIECE:
            continue
        ends = {texts[char][-1:] for char in encoded}
        if (not ends.isdisjoint(_SENTENCE_ENDS)
                or (len(piece) >= 2 * _PIECE and not ends.isdisjoint(_PHRASE_ENDS))
                or len(piece) >= 4 * _PIECE):
            differ.diff_cleanupSemantic(piece)
            out.extend(piece)
            piece = []
    differ.diff_cleanupSemantic(piece)
    out.extend(piece)
    return out


def _differ() -> diff_match_patch:
    differ = diff_match_patch()
    differ.Diff_Timeout = 0  # results must not depend on machine speed
    return differ


def _encode(tokens: Sequence[str], chars: dict[str, str], texts: dict[str, str]) -> str:
    """Map each token to its character, handing out new characters in order of first use."""
    get = chars.get
    for token in tokens:
        if get(token) is None:
            char = _code_point(len(chars))
            chars[token] = char
            texts[char] = token
    return "".join(map(chars.__getitem__, tokens))


def diff(parent: str, derived: str) -> tuple[tuple[Op, str], ...]:
    """Word-level edits that turn ``parent`` into ``derived``.

    Joining the ``equal`` and ``delete`` texts gives ``parent``; joining the ``equal`` and
    ``insert`` texts gives ``derived``. No text is empty, no two neighbours share an op, and
    the result depends only on the two texts (no timeout).

    >>> diff("全市科技领军企业", "全区科技领军企业")
    (('delete', '全市'), ('insert', '全区'), ('equal', '科技领军企业'))
    """
    if not isinstance(parent, str) or not isinstance(derived, str):
        bad = parent if not isinstance(parent, str) else derived
        raise TypeError(f"diff() expects two str, got {type(bad).__name__}: {bad!r:.80}")
    return _diff(parent, derived)


# Cached on the two texts: a comparison run again (a notebook re-rendering, a corpus comparing
# one parent with many derived texts that restate the same clauses) diffs the same pairs again.
# The result is an immutable tuple; 4,096 entries hold every pair of the largest corpus
# comparison (the company law ×8 has about 1,900).
@lru_cache(maxsize=4096)
def _diff(parent: str, derived: str) -> tuple[tuple[Op, str], ...]:
    """:func:`diff` after its argument check."""
    if parent == derived:
        return (("equal", parent),) if parent else ()
    if not parent:
        return (("insert", derived),)
    if not derived:
        return (("delete", parent),)

    chars: dict[str, str] = {}
    texts: dict[str, str] = {}
    encoded_parent = _encode(tokenize(parent), chars, texts)
    encoded_derived = _encode(tokenize(derived), chars, texts)
    diffs = _cleaned(_token_diff(encoded_parent, encoded_derived), texts)

    ops: list[tuple[Op, str]] = []
    for code, encoded in diffs:
        if not encoded:
            continue
        op = _OPS[code]
        text = "".join([texts[char] for char in encoded])
        if ops and ops[-1][0] == op:
            ops[-1] = (op, ops[-1][1] + text)
        else:
            ops.append((op, text))
    return tuple(ops)


def ratio(ops: Iterable[tuple[Op, str]]) -> float:
    """Share of characters left equal: 2 * equal / (len(parent) + len(derived)), in [0, 1].

    A cheap similarity once the diff is there anyway; 1.0 for two empty texts.

    >>> ratio(diff("稳定在93%以上", "稳定在95%以上"))
    0.625
    """
    equal = changed = 0
    for op, text in ops:
        if op == "equal":
            equal += len(text)
        else:
            changed += len(text)
    total = 2 * equal + changed
    return 1.0 if total == 0 else 2 * equal / total
