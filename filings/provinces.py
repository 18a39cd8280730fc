"""The 31 mainland provinces a subject may be filed in (SPEC 4.2: ``province`` is the pinyin name).

Data, not code: each entry gives the one-character abbreviation that prefixes the ICP numbers
the province's communications administration issues (``浙ICP备20261234号``), and the names to
show. Hong Kong, Macao and Taiwan do not file with MIIT, so they are not here.
"""

from __future__ import annotations

from typing import NamedTuple

# SPEC 3.10: the bureau decides within 20 working days unless its province's entry says otherwise.
DEFAULT_BUREAU_REVIEW_DAYS = 20


class Province(NamedTuple):
    pinyin: str
    abbreviation: str
    name: str
    name_zh: str
    bureau_review_days: int = DEFAULT_BUREAU_REVIEW_DAYS  # working days


PROVINCES: dict[str, Province] = {
    p.pinyin: p
    for p in (
        Province("beijing", "京", "Beijing", "北京"),
        Province("tianjin", "津", "Tianjin", "天津"),
        Province("hebei", "冀", "Hebei", "河北"),
        Province("shanxi", "晋", "Shanxi", "山西"),
        Province("neimenggu", "蒙", "Inner Mongolia", "内蒙古"),
        Province("liaoning", "辽", "Liaoning", "辽宁"),
        Province("jilin", "吉", "Jilin", "吉林"),
        Province("heilongjiang", "黑", "Heilongjiang", "黑龙江"),
        Province("shanghai", "沪", "Shanghai", "上海"),
        Province("jiangsu", "苏", "Jiangsu", "江苏"),
        Province("zhejiang", "浙", "Zhejiang", "浙江"),
        Province("anhui", "皖", "Anhui", "安徽"),
        Province("fujian", "闽", "Fujian", "福建"),
        Province("jiangxi", "赣", "Jiangxi", "江西"),
        Province("shandong", "鲁", "Shandong", "山东"),
        Province("henan", "豫", "Henan", "河南"),
        Province("hubei", "鄂", "Hubei", "湖北"),
        Province("hunan", "湘", "Hunan", "湖南"),
        Province("guangdong", "粤", "Guangdong", "广东"),
        Province("guangxi", "桂", "Guangxi", "广西"),
        Province("hainan", "琼", "Hainan", "海南"),
        Province("chongqing", "渝", "Chongqing", "重庆"),
        Province("sichuan", "川", "Sichuan", "四川"),
        Province("guizhou", "黔", "Guizhou", "贵州"),
        Province("yunnan", "滇", "Yunnan", "云南"),
        Province("xizang", "藏", "Tibet", "西藏"),
        Province("shaanxi", "陕", "Shaanxi", "陕西"),
        Province("gansu", "甘", "Gansu", "甘肃"),
        Province("qinghai", "青", "Qinghai", "青海"),
        Province("ningxia", "宁", "Ningxia", "宁夏"),
        Province("xinjiang", "新", "Xinjiang", "新疆"),
    )
}

PROVINCE_CHOICES = [(p.pinyin, p.name) for p in PROVINCES.values()]
PROVINCE_VALUES = list(PROVINCES)

# The first two digits of the province's administrative division code (GB/T 2260): they open the
# public security filing numbers its police issue (``浙公网安备33010602012345号``, SPEC 3.10).
ADMIN_CODES: dict[str, str] = {
    "beijing": "11",
    "tianjin": "12",
    "hebei": "13",
    "shanxi": "14",
    "neimenggu": "15",
    "liaoning": "21",
    "jilin": "22",
    "heilongjiang": "23",
    "shanghai": "31",
    "jiangsu": "32",
    "zhejiang": "33",
    "anhui": "34",
    "fujian": "35",
    "jiangxi": "36",
    "shandong": "37",
    "henan": "41",
    "hubei": "42",
    "hunan": "43",
    "guangdong": "44",
    "guangxi": "45",
    "hainan": "46",
    "chongqing": "50",
    "sichuan": "51",
    "guizhou": "52",
    "yunnan": "53",
    "xizang": "54",
    "shaanxi": "61",
    "gansu": "62",
    "qinghai": "63",
    "ningxia": "64",
    "xinjiang": "65",
}
