"""Chinese numerals, which headings (第二十一条, （三）) and targets (三至五年) are written in."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
           "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

CHINESE_DIGITS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)


def chinese_to_int(numeral: str) -> int | None:
    """The value of a Chinese (or Arabic) numeral such as 二十一, 一百零五, 二〇二五; ``None`` if
    it is not one."""
    numeral = numeral.strip()
    if not numeral:
        return None
    if numeral.isdigit():
        return int(numeral)
    if any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS for ch in numeral):
        return None
    # Digit-by-digit years: 二〇二五.
    if all(ch in _DIGITS for ch in numeral) and len(numeral) > 1:
        return int("".join(str(_DIGITS[ch]) for ch in numeral))
    total = section = digit = 0
    for ch in numeral:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]
            digit = 0
        else:
            total += (section + digit) * _BIG_UNITS[ch]
            section = digit = 0
    return total + section + digit
