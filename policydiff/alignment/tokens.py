"""Word tokens and the comparison form of clause texts; the only module that imports a segmenter.

Words come from rjieba (a binding of jieba-rs: jieba's dictionary, HMM and algorithm in Rust;
on the 27,847 distinct corpus lines 10× faster to cut, 12.0 → 1.2 s, and 5× faster to load,
1.0 → 0.2 s) when it is installed, else from jieba itself, which stays the reference: both give
the same tokens on every line of the test corpora, and ``tests/test_tokens.py`` checks that they
still do. The segmenter is loaded lazily (importing
policydiff costs nothing and prints nothing) and nothing of it leaks out: callers get plain
tuples of strings.

>>> tokenize("合格率稳定在93%以上")
('合格率', '稳定', '在', '93%', '以上')
"""

from __future__ import annotations

import re
import threading
import unicodedata
import warnings
from collections.abc import Callable
from functools import lru_cache

from . import tokenstore

__all__ = ["load_segmenter", "normalize", "tokenize"]

Cut = Callable[[str], list[str]]

_cut: Cut | None = None
_cut_lock = threading.Lock()

# HMM on: policy vocabulary is full of words missing from jieba's dictionary (放管服, 强市/强区,
# 互认, 立市). With HMM off these fall apart into single characters, so a 强市→强区 change shows
# as 市→区 and unrelated single characters line up by chance; with HMM on they stay whole.
_HMM = True

_DIGITS = "0-9０-９"
_LATIN = "A-Za-zＡ-Ｚａ-ｚ"
# Runs jieba must not cut: alphanumeric words with a letter (ISO9001, 5G) and numbers with their
# thousands separators, decimal point and percent sign (12,000 / 98.5% / １２０００ / 3．8%).
# A comma counts as a thousands separator only before exactly three digits.
_PROTECTED = (
    rf"[{_LATIN}{_DIGITS}]*[{_LATIN}][{_LATIN}{_DIGITS}]*"
    rf"|[{_DIGITS}]+(?:[,，][{_DIGITS}]{{3}}(?![{_DIGITS}]))*(?:[.．][{_DIGITS}]+)?[%％‰]?"
)
# Ideographs jieba does not count as Han (its class is U+4E00..U+9FD5) but jieba-rs does: CJK
# extensions A..F, U+9FD6..U+9FFF and the compatibility ideographs. jieba makes each of them a
# one-character token that words never cross, so cutting them out here changes nothing for jieba
# and makes rjieba agree with it. Found by cutting every code point in three contexts with both:
# these six ranges (68,058 code points) are exactly the ones where the two differ.
_NOT_HAN_FOR_JIEBA = (
    "\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f"
)

_cut_apart: re.Pattern[str] | None = None


def _cut_apart_pattern() -> re.Pattern[str]:
    """The protected runs and the ideographs jieba sees as non-Han, compiled on first cut: a
    command whose texts all come from the tokenstore never cuts, and compiling it was 2.7 ms
    of every start."""
    global _cut_apart
    if _cut_apart is None:
        _cut_apart = re.compile(f"{_PROTECTED}|[{_NOT_HAN_FOR_JIEBA}]")
    return _cut_apart


def _rjieba_cut() -> Cut | None:
    """rjieba's cut on its default instance, or None when rjieba is not installed.

    The default instance, not a private one: ``import rjieba`` builds it anyway (0.15 s, 30 MiB),
    and a second would double both. policydiff never adds words to it.
    """
    try:
        import rjieba
    except ImportError:
        return None
    cut = rjieba.cut
    return lambda text: cut(text, _HMM)


def _jieba_cut() -> Cut:
    """A private :class:`jieba.Tokenizer`'s cut, built quietly: the reference and the fallback."""
    with warnings.catch_warnings():
        # jieba imports pkg_resources, which newer setuptools deprecates.
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        import jieba
    import logging  # here, not at the top: logging costs 20 ms of a start that uses rjieba

    # jieba logs "Building prefix dict ..." at DEBUG to its own stderr handler.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return lambda text: list(tokenizer.cut(text, HMM=_HMM))


def _get_cut() -> Cut:
    """Load the segmenter once, even when threads race to it: rjieba if present, else jieba."""
    global _cut
    cut = _cut
    if cut is not None:
        return cut
    with _cut_lock:
        if _cut is None:
            _cut = _rjieba_cut() or _jieba_cut()
        return _cut


def tokenize(text: str) -> tuple[str, ...]:
    """Split ``text`` into jieba words, keeping numbers and Latin words whole.

    Whitespace and punctuation are tokens too, so ``"".join(tokenize(text)) == text`` always.
    Results are cached: alignment tokenises the same clause many times.

    >>> tokenize("全市科技领军企业达到12000家")
    ('全市', '科技', '领军', '企业', '达到', '12000', '家')
    """
    _check_str("tokenize", text)
    return _tokenize(text)


def _check_str(function: str, text: object) -> None:
    """Reject non-strings at the boundary with a message that shows the bad value."""
    if not isinstance(text, str):
        raise TypeError(f"{function}() expects str, got {type(text).__name__}: {text!r:.80}")


def load_segmenter() -> None:
    """Load the segmenter now (before forking workers, which then share it), even when every
    text would come from the command line's :mod:`~policydiff.alignment.tokenstore`."""
    _get_cut()


@lru_cache(maxsize=65536)
def _tokenize(text: str) -> tuple[str, ...]:
    """Cached: alignment tokenises the same clause many times. Until the segmenter is loaded,
    the command line's store of texts cut by earlier runs may spare loading it at all."""
    if not text:
        return ()
    if _cut is None and (stored := tokenstore.lookup(text)) is not None:
        return stored
    tokens = _tokens(text, _get_cut())
    tokenstore.remember(text, tokens)
    return tokens


def _tokens(text: str, cut: Cut) -> tuple[str, ...]:
    """Cut the protected runs out first, then let the segmenter cut the text between them."""
    tokens: list[str] = []
    start = 0
    for match in _cut_apart_pattern().finditer(text):
        if match.start() > start:
            tokens.extend(cut(text[start : match.start()]))
        tokens.append(match.group())
        start = match.end()
    if start < len(text):
        tokens.extend(cut(text[start:]))
    return tuple(tokens)


# Numbered marks that NFKC leaves alone or folds to a bare digit (① → "1", which would then
# run into the text); they become "(1)" so the enumeration pattern below finds them.
_CIRCLED: dict[int, str] = {
    **{0x2460 + i: f"({i + 1})" for i in range(20)},  # ①..⑳
    **{0x2776 + i: f"({i + 1})" for i in range(10)},  # ❶..❿
    **{0x2780 + i: f"({i + 1})" for i in range(10)},  # ➀..➉
    **{0x278A + i: f"({i + 1})" for i in range(10)},  # ➊..➓
    **{0x3280 + i: f"({c})" for i, c in enumerate("一二三四五六七八九十")},  # ㊀..㊉
}
# Punctuation NFKC does not fold but that half-width conversions of documents still change.
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# What the two tables change, found by one C scan: translating with a dict visits every
# character in Python objects, and most clause texts hold neither (the two translations were
# 12 ms of a new flagship pair's 4,465 normalisations).
_HAS_CIRCLED = re.compile("[" + "".join(re.escape(chr(code)) for code in _CIRCLED) + "]")
_HAS_QUOTES = re.compile("[" + "".join(re.escape(chr(code)) for code in _QUOTES) + "]")
_WHITESPACE = re.compile(r"\s+")
_CN_NUMERALS = "一二三四五六七八九十百千零〇两"
# Applied after NFKC, so only the half-width forms need listing.
_ENUMERATION = re.compile(
    rf"\([{_CN_NUMERALS}0-9]+\)"  # (一) (1) (and （一） ㈠ ⑴ via NFKC)
    rf"|[{_CN_NUMERALS}]+[、.]"  # 一、 一.
    r"|[0-9]+(?:\.[0-9]+)*[、.)](?![0-9])"  # 1. 1、 1) 1.2.  (not the 1. of 1.5%)
    rf"|第[{_CN_NUMERALS}0-9]+[条章节款]"  # 第三条 第一章
)


def normalize(text: str) -> str:
    """Return the form in which two clause texts must be equal to count as unchanged.

    The steps, in order:

    * circled numbers (① ❶ ㊀) become parenthesised ones;
    * NFKC folds width: ，→,  （→(  ；→;  ：→:  ！→!  ？→?  and full-width digits and
      letters → ASCII; curly quotes become straight ones;
    * all whitespace is removed (spaces, tabs, newlines, U+3000, no-break spaces);
    * enumeration marks at the start are removed, repeatedly: 一、 （一） (一) 1. 1． 1、 1)
      （1） ① 第三条 第一章.

    Bare leading digits (``1加强服务…``) are left alone: they cannot be told from quantities.

    >>> normalize("（一）指导思想，以") == normalize("(一)指导思想,以")
    True
    """
    _check_str("normalize", text)
    return _normalize(text)


@lru_cache(maxsize=65536)
def _normalize(text: str) -> str:
    """Cached: a clause is normalised for alignment, anchors and status alike."""
    if _HAS_CIRCLED.search(text):
        text = text.translate(_CIRCLED)
    folded = unicodedata.normalize("NFKC", text)
    if _HAS_QUOTES.search(folded):
        folded = folded.translate(_QUOTES)
    folded = _WHITESPACE.sub("", folded)
    while (match := _ENUMERATION.match(folded)) is not None:
        folded = folded[match.end() :]
    return folded
