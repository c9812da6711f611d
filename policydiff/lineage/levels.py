"""The level of a document's issuer: national or local, from its title, scope and self-names.

>>> import policydiff
>>> level(policydiff.parse("中华人民共和国气象法\\n第一条 为了发展气象事业，制定本法。"))
'national'
"""

from __future__ import annotations

import re

from ..document import Document

__all__ = ["level"]

_NATIONAL_TITLE = re.compile(r"^(?:中华人民共和国|国务院|全国|国家|中共中央|中央)")
_LOCAL_TITLE = re.compile(
    r"^(?![各全本我])[\u4e00-\u9fff]{1,8}?(?:省|市|自治区|自治州|新区|区|县|州|盟|旗)")
_NOT_PLACES = frozenset({"城市", "都市", "城区", "社区", "地区", "园区", "景区", "山区", "牧区",
                         "郊区", "市区", "县区"})
_NATIONAL_TEXT = ("各省、自治区、直辖市", "各省,自治区,直辖市")
_LOCAL_SCOPE = re.compile(r"[省市区县州]行政区域|本[省市区县]")
_LOCAL_SELF = re.compile(r"本市|我市|全市|本省|我省|全省|本区|我区|全区|本县|全县|本自治区")


def level(document: Document) -> str | None:
    """``"national"``, ``"local"`` or ``None`` (cannot tell), from the title or issuer
    (中华人民共和国…, 天津市…), the scope article (适用于在青岛市行政区域内…), the addressees
    (各省、自治区、直辖市…) or the text calling itself 本市/全省…"""
    meta = document.metadata
    names = [n for n in (meta.issuer, meta.notice_title, meta.title) if n]
    if any(_NATIONAL_TITLE.match(n) for n in names):
        return "national"
    for name in names:
        place = _LOCAL_TITLE.match(name)
        if place and place.group(0) not in _NOT_PLACES:
            return "local"
    compact = re.sub(r"\s+", "", document.text)
    for sentence in re.split("[。；;]", compact):
        # the scope article: 本办法适用于本市行政区域内… / 在中华人民共和国境内…适用本规范
        if "适用" not in sentence or not any(w in sentence for w in ("行政区域", "境内", "领域")):
            continue
        if "中华人民共和国" in sentence or "全国" in sentence:
            return "national"
        if _LOCAL_SCOPE.search(sentence):
            return "local"
    if any(marker in compact[:3000] for marker in _NATIONAL_TEXT):
        return "national"
    if len(_LOCAL_SELF.findall(compact)) >= 2:
        return "local"
    return None


