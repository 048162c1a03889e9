"""Money amounts: the currency words and symbols around a number.

An amount is money only when it names its currency (CONVENTIONS.md): "1350 亿美元",
"$1.2bn", "人民币 1560 万元", "800 万 U". This module reads the currency before or after a
number; scan.py finds the numbers, and `scan.find_money` returns the amounts. Crypto
amounts ("2200 枚 ETH"), prices without a currency ("BTC 88650"), index levels and bare
currency words ("美元走弱") are deliberately skipped: a researcher summing USD figures must not get bitcoins or index points.
"""

from __future__ import annotations

import re

from pipeline.figures.numbers import SP, alternation, next_char, prev_char

# Written after the number (after its multiplier). Longest spellings first: the regex
# alternation takes the first that matches. Each maps to an ISO-like code.
SUFFIXES_CN: dict[str, str] = {
    "元人民币": "CNY", "元人民幣": "CNY", "人民币": "CNY", "人民幣": "CNY",
    # 1,280 億元新台幣: the 元 belongs to the currency named after it
    "元新台币": "TWD", "元新台幣": "TWD", "元美金": "USD", "元美元": "USD", "元台币": "TWD", "元台幣": "TWD", "元港币": "HKD", "元港幣": "HKD",
    "美元": "USD", "美金": "USD", "美圓": "USD", "美圆": "USD", "刀": "USD",
    "港元": "HKD", "港币": "HKD", "港幣": "HKD", "港圓": "HKD",
    "新台币": "TWD", "新台幣": "TWD", "台币": "TWD", "台幣": "TWD",
    "日元": "JPY", "日圆": "JPY", "日圓": "JPY", "日币": "JPY", "日幣": "JPY", "円": "JPY",
    "欧元": "EUR", "歐元": "EUR", "英镑": "GBP", "英鎊": "GBP",
    "澳元": "AUD", "澳币": "AUD", "澳幣": "AUD", "韩元": "KRW", "韓元": "KRW", "韩币": "KRW", "韓幣": "KRW",
    "奈拉": "NGN", "泰铢": "THB", "泰銖": "THB", "林吉特": "MYR", "越南盾": "VND", "新西兰元": "NZD",
    "紐西蘭元": "NZD", "瑞典克朗": "SEK", "挪威克朗": "NOK", "丹麦克朗": "DKK", "兰特": "ZAR", "里拉": "TRY",
    "雷亚尔": "BRL", "雷亞爾": "BRL", "迪拉姆": "AED", "比索": "MXN", "菲律宾比索": "PHP",
    "加元": "CAD", "加币": "CAD", "加幣": "CAD", "新加坡元": "SGD", "新币": "SGD", "新幣": "SGD",
    "瑞郎": "CHF", "瑞士法郎": "CHF", "卢布": "RUB", "盧布": "RUB", "卢比": "INR", "盧比": "INR",
    "澳门元": "MOP", "澳門元": "MOP", "澳門幣": "MOP", "澳门币": "MOP", "韓圜": "KRW", "韩圜": "KRW",
    "新加坡幣": "SGD", "新加坡币": "SGD", "馬幣": "MYR", "马币": "MYR", "令吉": "MYR", "印尼盾": "IDR",
    "元": "CNY", "块钱": "CNY", "塊錢": "CNY", "块": "CNY", "塊": "CNY",
}
SUFFIXES_EN: dict[str, str] = {
    "US dollars": "USD", "U.S. dollars": "USD", "US dollar": "USD", "Chinese yuan": "CNY",
    "Japanese yen": "JPY", "Australian dollar": "AUD", "Canadian dollar": "CAD", "Swiss franc": "CHF", "Hong Kong dollars": "HKD", "HK dollars": "HKD",
    "New Taiwan dollars": "TWD", "Taiwan dollars": "TWD", "NT dollars": "TWD",
    "Australian dollars": "AUD", "Canadian dollars": "CAD", "Singapore dollars": "SGD",
    "dollars": "USD", "dollar": "USD", "USD": "USD",
    "yuan": "CNY", "renminbi": "CNY", "RMB": "CNY", "CNY": "CNY", "CNH": "CNY",
    "yen": "JPY", "JPY": "JPY", "euros": "EUR", "euro": "EUR", "EUR": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "GBP": "GBP", "HKD": "HKD", "TWD": "TWD",
    "won": "KRW", "KRW": "KRW", "AUD": "AUD", "CAD": "CAD", "SGD": "SGD",
    "Swiss francs": "CHF", "CHF": "CHF", "rupees": "INR", "INR": "INR", "rubles": "RUB", "roubles": "RUB",
}
STABLECOINS = {"USDT": "USDT", "USDC": "USDC"}
# Currency symbols written after the amount ("100 €", "100₾"); "$" only when not a cashtag.
SYMBOL_SUFFIXES: dict[str, str] = {
    "€": "EUR", "£": "GBP", "$": "USD", "₩": "KRW", "₹": "INR", "₽": "RUB", "₺": "TRY", "₴": "UAH",
    "₱": "PHP", "₦": "NGN", "₪": "ILS", "₫": "VND", "₡": "CRC", "₾": "GEL", "₭": "LAK", "ரூ": "LKR",
}

# Written before the number. "$" alone is the US dollar in this news; "HK$" and friends say otherwise.
SYMBOL_PREFIXES: dict[str, str] = {
    "US$": "USD", "USD$": "USD", "U.S.$": "USD", "HK$": "HKD", "NT$": "TWD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "S$": "SGD", "SG$": "SGD", "NZ$": "NZD", "R$": "BRL", "Mex$": "MXN",
    "$": "USD", "＄": "USD", "€": "EUR", "£": "GBP", "￡": "GBP", "₩": "KRW", "₹": "INR", "₽": "RUB",
    "¥": "CNY", "￥": "CNY",  # in Chinese text; in English text ¥ is the yen (see resolve_prefix)
}
CODE_PREFIXES = ("USD", "HKD", "CNY", "RMB", "EUR", "GBP", "JPY", "TWD", "AUD", "KRW",
                 "CAD", "SGD", "CHF", "USDT", "USDC")
CN_PREFIXES: dict[str, str] = {
    "人民币": "CNY", "人民幣": "CNY", "新台币": "TWD", "新台幣": "TWD", "台币": "TWD", "台幣": "TWD",
    "港币": "HKD", "港幣": "HKD", "港元": "HKD", "美元": "USD", "美金": "USD", "日元": "JPY", "日圓": "JPY",
    "日圆": "JPY", "欧元": "EUR", "歐元": "EUR", "英镑": "GBP", "英鎊": "GBP", "澳元": "AUD", "澳幣": "AUD",
    "韩元": "KRW", "韓元": "KRW", "新加坡幣": "SGD", "新加坡币": "SGD", "馬幣": "MYR", "马币": "MYR",
}
CODE_ALIASES = {"RMB": "CNY"}

_SP = SP


# 元 that begins another word is not the yuan: 元宇宙 (metaverse), 元年, 元素, 元老 ...
_YUAN_GUARD = r"(?![宇年素老旦首件组組月代朝气氣])"
SUFFIX_RE = re.compile(
    rf"{_SP}(?:(?P<cn>{alternation(k for k in SUFFIXES_CN if k not in ('元', '块', '塊'))}|元{_YUAN_GUARD}"
    rf"|[块塊](?=$|[\s，。,.!?！？；;、）)]))(?!指[数數])"
    rf"|(?:枚{_SP})?(?P<coin>USDT|USDC)(?![A-Za-z])"
    rf"|-?(?P<en>(?i:{alternation(k for k in SUFFIXES_EN if k != 'won')})|won)(?![A-Za-z])"
    rf"|(?P<sym>{alternation(SYMBOL_SUFFIXES)})(?![A-Za-z0-9])"
    rf"|(?P<u>U)(?![A-Za-z0-9.'’]))"
)
PREFIX_RE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<sym>{alternation(SYMBOL_PREFIXES)}){_SP}"
    rf"|(?<![A-Za-z])(?P<spaced>(?i:U\.?S\.?|HK|NT|C)[^\S\n]?\$){_SP}"
    rf"|(?<![A-Za-z])(?P<code>{alternation(CODE_PREFIXES)}){_SP}"
    rf"|(?P<cn>{alternation(CN_PREFIXES)}){_SP})$"
)
_EN_LOOKUP = {k.lower(): v for k, v in SUFFIXES_EN.items()}
_RATE_MARKERS = ("兑", "兌", "对", "對")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _first_chars(words) -> frozenset[str]:
    out = set()
    for w in words:
        out.update({w[0], w[0].lower(), w[0].upper()})
    return frozenset(out)


# Cheap gates: most numbers have neither a currency after nor before them, and a set
# lookup is far cheaper than running the alternations.
_SUFFIX_FIRST = _first_chars([*SUFFIXES_CN, *SUFFIXES_EN, *SYMBOL_SUFFIXES, *STABLECOINS, "枚", "U", "-"])
_PREFIX_LAST = frozenset(w[-1] for w in [*SYMBOL_PREFIXES, *CODE_PREFIXES, *CN_PREFIXES]) | {"$"}


_DIGITS_BEFORE = re.compile(r"[0-9０-９][^\s]*$")
_TAIWAN_DOLLAR = re.compile(r"新台[币幣]|台[币幣]|NT\$")


def match_suffix(text: str, pos: int) -> tuple[int, str] | None:
    """The currency written at text[pos:], as (end, code), or None."""
    if next_char(text, pos) not in _SUFFIX_FIRST:
        return None
    m = SUFFIX_RE.match(text, pos)
    if not m:
        return None
    if m.group("cn"):
        word = m.group("cn")
        if word == "元" and _TAIWAN_DOLLAR.search(text, max(0, pos - 600), pos):
            return m.end(), "TWD"  # a bare 元 in a text that counts in 新台幣 is the Taiwan dollar
        return m.end(), SUFFIXES_CN[word]
    if m.group("coin"):
        return m.end(), STABLECOINS[m.group("coin")]
    if m.group("en"):
        if m.group("en").lower() == "pounds" and not _sterling_money(text, pos):
            return None  # "weighed 3.02 pounds", "one to two pounds a week": a weight
        if text[m.start():m.start() + 1] == "-" and m.group("en").lower() == "dollar" \
                and not _DIGITS_BEFORE.search(text, max(0, pos - 16), pos):
            return None  # "a billion-dollar company", "half-billion-dollar": a size, not an amount
        return m.end(), _EN_LOOKUP[m.group("en").lower()]
    if m.group("sym"):
        if m.group("sym") == "$" and _IN_FORMULA.search(text, max(0, _number_start(text, pos) - 40),
                                                        _number_start(text, pos)):
            return None  # "$i+1$": a LaTeX formula's closing $, not a dollar
        return m.end(), SYMBOL_SUFFIXES[m.group("sym")]
    # "U" is Chinese crypto slang for USDT ("800 万 U"); only believe it in Chinese text.
    if _HAN.search(text, max(0, pos - 12), min(len(text), pos + 12)):
        return m.end(), "USDT"
    return None


# "pounds" is money when the text around it speaks of sterling, and not of weight right before it
_STERLING_CUES = re.compile(r"£|\b(?:UK|U\.K\.|Britain|British|England|English|London|Scotland|Wales|sterling|GBP|"
                            r"BoE|Bank of England|FCA|pence|quid)\b")
_WEIGHT_CUES = re.compile(r"\b(?:weigh|weighs|weighed|weighing|weight|lbs?|ounces?|kilos?|kilograms?|kg|heavier|lighter)"
                          r"\b(?:[^.;]|\.(?=\d)){0,24}$", re.I)
_IN_FORMULA = re.compile(r"\$[^\s$]+$")  # an opening $ and a formula run up to the number: "$i+"


def _number_start(text: str, pos: int) -> int:
    """Where the number that ends at `pos` (a multiplier letter included) starts."""
    j = pos
    while j > 0 and (text[j - 1].isdigit() or text[j - 1] in ".,kKmMbB"):
        j -= 1
    return j


def _sterling_money(text: str, pos: int) -> bool:
    """Is "pounds" at `pos` the currency? Only when the text speaks of sterling and not of a weight."""
    if text.startswith(" sterling", pos + len("pounds")) or text[pos:pos + 1] == "-":
        return True
    return bool(_STERLING_CUES.search(text, max(0, pos - 400), pos + 400)) and \
        not _WEIGHT_CUES.search(text, max(0, pos - 40), pos)


_CHINA_CUES = re.compile(r"\b(?:China|Chinese|yuan|renminbi|RMB|CNY|Beijing|Shanghai|Shenzhen|PBOC|PBoC)\b")
_JAPAN_CUES = re.compile(r"\b(?:Japan|Japanese|yen|JPY|Tokyo|Osaka|BOJ|BoJ|Nikkei)\b")


def _yen_or_yuan(text: str, start: int) -> str:
    """¥ in English text: the yen, unless the text around it speaks of China and not of Japan."""
    window = text[max(0, start - 300):start + 300]
    return "CNY" if _CHINA_CUES.search(window) and not _JAPAN_CUES.search(window) else "JPY"


def match_prefix(text: str, start: int, floor: int) -> tuple[int, str] | None:
    """The currency written just before text[start], as (its start, code), or None.

    `floor` is where the previous figure ended: a prefix never reaches into it.
    """
    if prev_char(text, start) not in _PREFIX_LAST:
        return None
    window_start = max(floor, start - 12)
    m = PREFIX_RE.search(text, window_start, start)
    if not m:
        return None
    if m.group("sym"):
        sym = m.group("sym")
        code = SYMBOL_PREFIXES[sym]
        if sym in ("¥", "￥") and not _HAN.search(text, max(0, start - 40), min(len(text), start + 40)):
            code = _yen_or_yuan(text, start)
        return m.start(), code
    if m.group("spaced"):  # "US $ 150 million", "hk $ 10 billion", "u.s $" in tokenised text
        key = "".join(m.group("spaced").split()).upper().replace(".", "")
        return m.start(), SYMBOL_PREFIXES["US$" if key == "US$" else key]
    if m.group("code"):
        code = m.group("code")
        return m.start(), CODE_ALIASES.get(code, code)
    if text[max(0, m.start() - 1):m.start()] in _RATE_MARKERS:
        return None  # 美元兑人民币 7.1 is an exchange rate, not an amount
    return m.start(), CN_PREFIXES[m.group("cn")]

