"""Chinese numerals, which headings (第二十一条, （三）) and targets (三至五年) are written in."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
           "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

CHINESE_DIGITS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)


def chinese_to_int(numeral: str) -> int | None:
    """The value of a Chinese (or Arabic) numeral: 二十一 → 21, 一百零五 → 105, 两千 → 2000,
    二〇二五 → 2025. ``None`` when it is not one number: 十四五 (a plan period) or 三五
    (a range)."""
    numeral = numeral.strip()
    if not numeral:
        return None
    if numeral.isdigit():
        return int(numeral)
    if any(ch not in _DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS for ch in numeral):
        return None
    if all(ch in _DIGITS for ch in numeral):
        if len(numeral) == 1:
            return _DIGITS[numeral]
        if any(ch in "〇○零" for ch in numeral) and len(numeral) <= 4:   # 二〇二〇, a year
            return int("".join(str(_DIGITS[ch]) for ch in numeral))
        return None
    total = section = 0
    digit: int | None = None
    for ch in numeral:
        if ch in _DIGITS:
            if digit:                        # two non-zero digits in a row: 十四五
                return None
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            if digit is None:
                if _SMALL_UNITS[ch] != 10 or section:
                    return None
                digit = 1                    # 十一: an implicit 一
            section += digit * _SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            if not section:
                return None
            total += section * _BIG_UNITS[ch]
            section = 0
            digit = None
    return total + section + (digit or 0)
