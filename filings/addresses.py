"""The subject's address (通信地址, SPEC 3.13): complete when it names the province, the city and
the street. Pure: a string in, a decision out.

Decision: an address is read the way a reviewer reads it. In Chinese it starts with one of the 31
provinces (``provinces.PROVINCES``' Chinese name, with or without 省/市/自治区), goes on to a city
(a municipality's districts count as its city) and ends in a street-level part (路, 街, 号, 村 ...).
Written in English or pinyin, it has at least three comma-separated parts, one of them a
province's name. An empty address is not judged here: whether one is needed is the caller's rule
(a new subject's wizard asks for it; subjects filed before SPEC 3.13 keep an empty one).
"""

from __future__ import annotations

import re
import unicodedata

from .provinces import PROVINCES

MAX_ADDRESS_LENGTH = 300
MUNICIPALITIES = frozenset({"北京", "天津", "上海", "重庆"})
CITY_MARKERS = ("市", "州", "盟", "地区")
STREET_MARKERS = ("路", "街", "道", "巷", "弄", "号", "村", "镇", "乡", "里", "园", "大厦", "楼", "组")
_LATIN_PROVINCES = frozenset(
    word for p in PROVINCES.values() for word in (p.name.casefold(), p.pinyin.casefold())
)


def normalized(address: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", address or "")).strip()


def is_complete(address: str) -> bool:
    """Does ``address`` name a province, a city and a street?"""
    text = normalized(address)
    if not text:
        return False
    if re.search(r"[\u4e00-\u9fff]", text):
        return _chinese_complete(text.replace(" ", ""))
    return _latin_complete(text)


def _chinese_complete(text: str) -> bool:
    province = next((p.name_zh for p in PROVINCES.values() if text.startswith(p.name_zh)), None)
    if province is None:
        return False
    rest = re.sub(r"^(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)", "", text[len(province) :])
    if province in MUNICIPALITIES:
        city_end = 0  # the municipality is its own city
    else:
        found = [rest.find(marker) for marker in CITY_MARKERS if rest.find(marker) > 0]
        if not found:
            return False
        city_end = min(found) + 1
    street = rest[city_end:]
    return len(street) >= 2 and any(marker in street for marker in STREET_MARKERS)


def _latin_complete(text: str) -> bool:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if len(parts) < 3:
        return False
    words = {re.sub(r"\s+(province|city|shi|sheng)$", "", part.casefold()) for part in parts}
    return bool(words & _LATIN_PROVINCES) and any(re.search(r"\w{2,}", part) for part in parts[:-1])
