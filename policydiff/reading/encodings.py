"""Bytes to text: strict decoding, and the checks that keep a wrong codec from passing silently.

Nothing is ever decoded with replacement characters. Without a forced codec the order is: a
byte-order mark, strict UTF-8 (valid UTF-8 is rarely an accident), a web page's declared charset,
strict GB18030 (which also reads GBK/GB2312). GB18030 decodes almost any run of high bytes, so a
Big5 or UTF-16 file would come out as a stream of rare characters (會計師法 in Big5 reads as
穦璸畍猭): the text is checked, and an :class:`~policydiff.errors.InputError` names the codec the
bytes most likely are in and how to force it.
"""

from __future__ import annotations

import codecs
import re
import warnings
from functools import cache

from policydiff.errors import InputError

__all__ = ["GB_ALIASES", "WIDE", "decode", "lookup_codec"]

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
WIDE = ("utf-16", "utf-32")
"""Codecs whose text legitimately has NUL bytes."""
GB_ALIASES = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "euc_cn"})
"""Pages that declare GB2312 or GBK routinely contain characters only GBK or GB18030 has."""

# Share of rare characters (see _rare_share) above which text read as GB18030 is taken to be in
# another codec. Measured over the corpus: simplified-Chinese documents 0.000-0.004 (14 files),
# traditional-Chinese documents really stored in GB18030 0.29-0.40, the 18 Taiwan laws of
# ../shared/corpus/laws encoded in Big5, CP950 or Big5-HKSCS and read as GB18030 0.71-0.83.
# 0.55 lies between the last two.
_GB_RARE_LIMIT = 0.55
# A candidate codec is suggested when its reading has at most this share of rare characters;
# the Taiwan laws read as Big5 have 0.000, simplified text never decodes as Big5 at all.
_BIG5_RARE_LIMIT = 0.10
# Text read as UTF-16 in the right byte order is nearly all ASCII, CJK and CJK punctuation; in
# the wrong order it is spread over the whole BMP. 0.9 leaves room for other letters.
_WIDE_PLAUSIBLE = 0.9
# A text is garbled when this share of its non-ASCII characters are U+FFFD: an earlier
# conversion lost them. A document that pasted one or two in passing keeps well under it.
_REPLACEMENT_LIMIT = 0.10
_MIN_JUDGED = 8  # fewer non-ASCII characters than this are too few to judge a codec by
_SAMPLE = 65536  # characters looked at: enough for a stable share, fast on any file
_SUGGESTIONS = ("big5", "cp950", "big5hkscs", "utf-16-le", "utf-16-be")
# What the plausibility checks do not judge: ASCII and whitespace. ``\s`` is str.isspace() (both
# are Py_UNICODE_ISSPACE; checked over every code point), and one C scan is 4× faster than a
# Python test per character (2.0 -> 0.5 ms on a flagship file).
_NOT_JUDGED = re.compile(r"[\x00-\x7f\s]+")


def lookup_codec(name: str, encoding: str) -> str:
    """The canonical name of a codec the caller forces, checked before any decoding."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(name, f"{encoding!r} is not a text encoding")
    return info.name


def decode(name: str, data: bytes, codec: str | None, declared: str | None = None
           ) -> tuple[str, str]:
    """The text and the codec used: ``codec`` when forced (never second-guessed: it is how a
    caller overrides the checks), else BOM, UTF-8, ``declared``, GB18030, each strict."""
    if codec is not None:
        _reject_nul(name, data, codec)
        try:
            with warnings.catch_warnings():
                # the escape codecs warn about an unknown escape (a backslash before a control
                # character) and keep it as it is: the caller forced that codec
                warnings.simplefilter("ignore", DeprecationWarning)
                text = data.decode(codec)
        except UnicodeDecodeError as error:
            raise InputError(name, f"cannot be decoded as {codec} at byte offset {error.start} "
                                   f"({error.reason})") from None
        except ValueError as error:  # idna, punycode and the escape codecs raise UnicodeError
            raise InputError(name, f"cannot be decoded as {codec} ({error})") from None
        return text.removeprefix("\ufeff"), codec
    for bom, used, python_codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(python_codec).removeprefix("\ufeff")
            except UnicodeDecodeError as error:
                raise InputError(name, f"is not valid {used} despite its byte-order mark "
                                       f"(byte offset {error.start})") from None
            _check_plausible(name, data, text, used)
            return text, used
    _reject_nul(name, data, "utf-8")
    tried = list(dict.fromkeys(["utf-8", *([declared] if declared else []), "gb18030"]))
    for candidate in tried:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        _check_plausible(name, data, text, candidate)
        return text, candidate
    guess = _suggest(data) or _guess_encoding(data)
    maybe = f"; it may be {guess}" if guess else ""
    raise InputError(name, f"cannot decode the text (tried {', '.join(tried)}){maybe}; "
                           f"{_how_to_force(guess)}")


def _how_to_force(codec: str | None) -> str:
    if codec is None:
        return "pass encoding= (--encoding on the command line) to choose the codec"
    return f"pass encoding={codec!r} (--encoding {codec} on the command line)"


def _reject_nul(name: str, data: bytes, codec: str) -> None:
    """NUL bytes mean binary data unless the codec is UTF-16/32; hint at UTF-16 without a BOM."""
    if codec.startswith(WIDE) or b"\x00" not in data:
        return
    wide = _wide_order(data)
    hint = (f"; if it is UTF-16 text without a byte-order mark, {_how_to_force(wide)}"
            if wide else "")
    raise InputError(name, f"looks binary (NUL bytes){hint}")


def _wide_order(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` if the bytes read as plausible text in that byte order.

    Counting NULs at odd and even offsets is not enough for Chinese: 一 (U+4E00), the most
    common numbering character, has its NUL on the other side from ASCII's.
    """
    if len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for candidate in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:_SAMPLE * 2].decode(candidate)
        except UnicodeDecodeError:
            continue
        score = _wide_share(text)
        if score >= _WIDE_PLAUSIBLE and (best is None or score > best[0]):
            best = (score, candidate)
    return None if best is None else best[1]


def _wide_share(text: str) -> float:
    """Share of characters in the ranges Chinese or English text is made of."""
    if not text:
        return 0.0
    usual = sum(1 for char in text if char in "\t\n\r" or " " <= char <= "~"
                or "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f"
                or "\uff00" <= char <= "\uffef" or "\u2000" <= char <= "\u206f")
    return usual / len(text)


def _check_plausible(name: str, data: bytes, text: str, codec: str) -> None:
    """Refuse text that is mostly U+FFFD, or text read as GB18030 that is mostly rare
    characters (the bytes are in another codec); suggest the codec when one fits."""
    sample = text[:_SAMPLE]
    judged = _NOT_JUDGED.sub("", sample)
    if len(judged) < _MIN_JUDGED:
        return
    replaced = judged.count("\ufffd") / len(judged)
    if replaced >= _REPLACEMENT_LIMIT:
        raise InputError(name, f"looks garbled: {replaced:.0%} of its characters are U+FFFD "
                               f"replacement characters (read as {codec}), so an earlier "
                               f"conversion lost them; read the original file, or "
                               f"{_how_to_force(None)}")
    if codec != "gb18030":
        return
    share = _rare_share(judged, _gb_common())
    if share < _GB_RARE_LIMIT:
        return
    suggestion = _suggest(data)
    what = f"looks like {_label(suggestion)} text" if suggestion else "looks garbled"
    raise InputError(name, f"{what}: read as GB18030, {share:.0%} of its characters are rare "
                           f"ones; {_how_to_force(suggestion)}")


def _label(codec: str) -> str:
    return {"big5": "Big5", "cp950": "Big5 (CP950)", "big5hkscs": "Big5-HKSCS",
            "utf-16-le": "UTF-16 (little-endian, no byte-order mark)",
            "utf-16-be": "UTF-16 (big-endian, no byte-order mark)"}.get(codec, codec)


def _suggest(data: bytes) -> str | None:
    """The first of Big5, CP950, Big5-HKSCS, UTF-16 LE/BE that reads the bytes strictly as
    plausible text; only to name in an error, never to decode with."""
    for candidate in _SUGGESTIONS:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate.startswith("utf-16"):
            if _wide_share(text[:_SAMPLE]) >= _WIDE_PLAUSIBLE:
                return candidate
            continue
        judged = _NOT_JUDGED.sub("", text[:_SAMPLE])
        if judged and _rare_share(judged, _big5_common(candidate)) <= _BIG5_RARE_LIMIT:
            return candidate
    return None


def _rare_share(judged: str, common: frozenset[str]) -> float:
    return sum(1 for char in judged if char not in common) / len(judged)


def _table(codec: str, rows: tuple[tuple[int, int, int, int], ...]) -> frozenset[str]:
    """Every character ``codec`` has at a two-byte code with lead and trail in the ranges."""
    found: set[str] = set()
    for lead_first, lead_last, trail_first, trail_last in rows:
        for lead in range(lead_first, lead_last + 1):
            for trail in range(trail_first, trail_last + 1):
                try:
                    found.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    continue
    return frozenset(found)


@cache
def _gb_common() -> frozenset[str]:
    """GB2312's punctuation (row 1), numbered forms such as ① ⑴ ㈠ (row 2), full-width forms
    (row 3) and its 6,763 hanzi: kana, Greek, Cyrillic, box drawing, GBK's extra hanzi and the
    private use area are rare in Chinese text."""
    return _table("gb2312", ((0xA1, 0xA3, 0xA1, 0xFE), (0xB0, 0xF7, 0xA1, 0xFE)))


@cache
def _big5_common(codec: str) -> frozenset[str]:
    """Big5's symbols and its 5,401 frequently used hanzi (level 1); for an extension of Big5
    (CP950, Big5-HKSCS) also what it adds, as a Hong Kong text uses its HKSCS characters often."""
    common = _table("big5", ((0xA1, 0xA3, 0x40, 0xFE), (0xA4, 0xC6, 0x40, 0xFE)))
    if codec == "big5":
        return common
    everything = ((0x81, 0xFE, 0x40, 0xFE),)
    return common | (_table(codec, everything) - _table("big5", everything))


def _guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess, only to suggest a codec in the error, never to decode."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:65536]).best()
    if best is None or best.encoding in ("utf_8", "gb18030"):
        return None
    return str(best.encoding)
