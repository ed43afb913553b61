"""Believable Chinese names, employers and places for demo and synthetic data.

Surnames are weighted roughly by how common they are; given names are one or two characters
drawn from lists that lean male or female. Region codes are real county-level codes (GB/T 2260)
so the identity numbers built on them look like real ones.
"""

from __future__ import annotations

import itertools
import random

# (surname, relative weight): the most common surnames cover most of the population.
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 72), ("李", 70), ("张", 69), ("刘", 53), ("陈", 46), ("杨", 32), ("黄", 24),
    ("赵", 21), ("吴", 20), ("周", 19), ("徐", 15), ("孙", 15), ("马", 13), ("朱", 12),
    ("胡", 12), ("郭", 11), ("何", 11), ("林", 10), ("高", 10), ("罗", 10), ("郑", 9),
    ("梁", 9), ("谢", 7), ("宋", 7), ("唐", 7), ("许", 6), ("韩", 6), ("冯", 6), ("邓", 6),
    ("曹", 6), ("彭", 6), ("曾", 5), ("肖", 5), ("田", 5), ("董", 5), ("袁", 5), ("潘", 4),
    ("于", 4), ("蒋", 4), ("蔡", 4), ("余", 4), ("杜", 4), ("叶", 4), ("程", 4), ("苏", 4),
    ("魏", 4), ("吕", 4), ("丁", 3), ("任", 3), ("沈", 3), ("姚", 3), ("卢", 3), ("姜", 3),
    ("崔", 3), ("钟", 3), ("谭", 3), ("陆", 3), ("汪", 3), ("范", 3), ("金", 3), ("石", 3),
    ("廖", 3), ("贾", 3), ("夏", 2), ("韦", 2), ("付", 2), ("方", 2), ("白", 2), ("邹", 2),
    ("孟", 2), ("熊", 2), ("秦", 2), ("邱", 2), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2),
    ("段", 2), ("雷", 2), ("侯", 2), ("龙", 2), ("史", 2), ("陶", 2), ("黎", 2), ("贺", 2),
    ("顾", 2), ("毛", 2), ("郝", 2), ("龚", 2), ("邵", 2), ("万", 2), ("钱", 2), ("严", 2),
    ("欧阳", 1), ("司马", 1), ("上官", 1), ("诸葛", 1),
)  # fmt: skip

GIVEN_MALE = (
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
    "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "洋",
    "峰", "建", "国", "志", "海", "东", "文", "博", "晨", "轩", "然", "哲", "子", "天", "一",
    "振", "家", "嘉", "锋", "亮", "成", "德", "荣", "兴", "昊", "睿", "泽", "铭", "阳",
)  # fmt: skip
GIVEN_FEMALE = (
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "燕", "玲", "桂", "丹", "萍", "红",
    "婷", "雪", "琳", "晶", "颖", "倩", "慧", "莉", "洁", "佳", "欣", "怡", "梦", "悦", "雨",
    "思", "诗", "涵", "婉", "琪", "璐", "月", "妍", "菲", "蕾", "瑶", "晓", "淑", "英", "兰",
    "梅", "春", "美", "玉", "彤", "可", "心", "子", "一", "冰", "宁", "文", "嘉", "璇", "薇",
)  # fmt: skip

# County-level region codes (GB/T 2260) across the country.
REGIONS: tuple[str, ...] = (
    "110101", "110102", "110105", "110106", "110108", "110114", "120101", "120104", "130102",
    "130104", "140105", "150102", "210102", "210202", "220102", "230102", "310101", "310104",
    "310105", "310110", "310115", "320102", "320106", "320505", "330102", "330106", "330212",
    "340102", "350102", "350203", "360102", "370102", "370202", "410105", "420102", "420106",
    "430102", "430104", "440103", "440106", "440304", "440305", "450103", "460105", "500103",
    "500106", "510104", "510107", "520102", "530102", "540102", "610103", "610113", "620102",
    "630102", "640104", "650102", "650104",
)  # fmt: skip

# GB 3304 codes with rough weights: Han, then the larger minorities.
ETHNICITIES: tuple[tuple[str, int], ...] = (
    ("01", 910), ("08", 13), ("05", 8), ("03", 8), ("06", 8), ("11", 7), ("07", 7), ("04", 5),
    ("02", 5), ("09", 2), ("10", 2), ("12", 2), ("13", 2), ("15", 2),
)  # fmt: skip

_CITY = ("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "天津", "重庆", "西安")
_WORD = (
    "华信", "恒通", "宏达", "新源", "瑞丰", "中科", "金桥", "天成", "博远", "东方", "长城",
    "远航", "星辰", "安泰", "盛世", "鼎盛", "同创", "汇通", "联众", "海纳", "嘉禾", "永信",
)  # fmt: skip
_TRADE = (
    "科技", "信息技术", "建设工程", "物流", "商贸", "餐饮管理", "医药", "电子", "机械制造",
    "文化传媒", "物业管理", "教育咨询", "食品", "环保科技", "汽车服务", "软件",
)  # fmt: skip
_FORM = ("有限公司", "股份有限公司", "有限责任公司")

_SURNAME_LIST = [s for s, _ in SURNAMES]
_SURNAME_CUM = list(itertools.accumulate(w for _, w in SURNAMES))


def person_name(rng: random.Random, male: bool) -> str:
    surname = rng.choices(_SURNAME_LIST, cum_weights=_SURNAME_CUM)[0]
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    # About a third of given names are a single character.
    if rng.random() < 0.33:
        return surname + rng.choice(pool)
    return surname + rng.choice(pool) + rng.choice(pool)


def employer_name(rng: random.Random) -> str:
    return rng.choice(_CITY) + rng.choice(_WORD) + rng.choice(_TRADE) + rng.choice(_FORM)


def ethnicity(rng: random.Random) -> str:
    return rng.choices([c for c, _ in ETHNICITIES], weights=[w for _, w in ETHNICITIES])[0]


def mobile(rng: random.Random) -> str:
    prefix = rng.choice(("130", "131", "135", "136", "138", "139", "150", "158", "177", "186"))
    return prefix + f"{rng.randrange(10**8):08d}"
