"""What a figure measures: its sentence, metric, direction (up/down) and subject.

Rules look at the figure's own clause first (the words just before it), then the rest of
its sentence, because news writes "营收 598.93 亿美元，同比增长 24%": the metric sits
right before the amount and the change word right before the percentage.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from importlib import resources

from pipeline.figures.numbers import alternation
from pipeline.models import Figure

# Metric words (original spelling) -> a small set of English keys, documented in README.
METRICS: dict[str, str] = {
    # revenue
    "营收": "revenue", "營收": "revenue", "营业收入": "revenue", "營業收入": "revenue", "收入": "revenue",
    "销售额": "revenue", "銷售額": "revenue", "revenue": "revenue", "revenues": "revenue", "sales": "revenue",
    # profit
    "净利润": "net_income", "淨利潤": "net_income", "净利": "net_income", "淨利": "net_income",
    "净亏损": "net_loss", "淨虧損": "net_loss", "net income": "net_income", "net profit": "net_income",
    "net loss": "net_loss", "profit": "profit", "利润": "profit", "利潤": "profit", "盈利": "profit",
    "经营利润": "operating_income", "經營利潤": "operating_income", "营业利润": "operating_income",
    "operating income": "operating_income", "operating profit": "operating_income",
    "经营亏损": "operating_loss", "經營虧損": "operating_loss", "亏损": "loss", "虧損": "loss", "loss": "loss",
    "毛利率": "gross_margin", "gross margin": "gross_margin", "净利率": "net_margin", "淨利率": "net_margin",
    "margin": "margin", "margins": "margin", "EBITDA": "ebitda",
    "每股收益": "eps", "EPS": "eps", "earnings per share": "eps",
    "ARPU": "arpu", "平均每用户收入": "arpu",
    # spending
    "资本支出": "capex", "資本支出": "capex", "资本开支": "capex", "資本開支": "capex", "CapEx": "capex",
    "capex": "capex", "capital expenditure": "capex", "capital expenditures": "capex",
    "运营支出": "opex", "營運支出": "opex", "运营开支": "opex", "opex": "opex", "operating expenses": "opex",
    "支出": "spending", "投入": "spending", "投资": "investment", "投資": "investment", "investment": "investment",
    # markets
    "市值": "market_cap", "market cap": "market_cap", "market capitalization": "market_cap",
    "融资": "funding", "融資": "funding", "募资": "funding", "募資": "funding", "raised": "funding",
    "funding": "funding", "Series A": "funding", "Series B": "funding", "Series C": "funding",
    "估值": "valuation", "valuation": "valuation", "valuations": "valuation",
    "交易量": "volume", "成交量": "volume", "成交额": "volume", "成交額": "volume", "交易额": "volume",
    "交易額": "volume", "volume": "volume", "trading volume": "volume",
    "持仓": "open_interest", "持倉": "open_interest", "未平仓合约": "open_interest", "open interest": "open_interest",
    "TVL": "tvl", "锁仓量": "tvl", "鎖倉量": "tvl", "total value locked": "tvl",
    "价格": "price", "價格": "price", "股价": "share_price", "股價": "share_price", "均价": "price",
    "均價": "price", "price": "price", "share price": "share_price", "shares": "share_price",
    "净流入": "net_inflow", "淨流入": "net_inflow", "流入": "inflow", "inflows": "inflow", "inflow": "inflow",
    "净流出": "net_outflow", "淨流出": "net_outflow", "流出": "outflow", "outflows": "outflow",
    "收益率": "yield", "yield": "yield", "yields": "yield", "年化收益率": "apy", "APY": "apy", "APR": "apr",
    "利率": "interest_rate", "rates": "interest_rate", "interest rate": "interest_rate",
    "费率": "fee_rate", "費率": "fee_rate", "管理费": "fee", "管理費": "fee", "手续费": "fee", "手續費": "fee",
    "fee": "fee", "fees": "fee",
    "份额": "share", "份額": "share", "占比": "share", "佔比": "share", "比重": "share", "share": "share",
    "dominance": "share",
    "展示量": "impressions", "ad impressions": "impressions", "日活跃用户": "users", "用户": "users",
    "储备": "reserves", "儲備": "reserves", "reserves": "reserves", "供应": "supply", "供應": "supply",
    "supply": "supply", "增发": "mint", "增發": "mint", "minted": "mint", "回购": "buyback", "buyback": "buyback",
    "利润率": "margin", "利潤率": "margin", "营业利润": "operating_income", "營業利潤": "operating_income",
    "损失": "loss", "損失": "loss", "lost": "loss", "总收入": "revenue", "總收入": "revenue",
    "市场份额": "share", "市場份額": "share", "总市值": "market_cap", "總市值": "market_cap",
    "market value": "market_cap", "流通量": "supply", "circulating supply": "supply",
    "降息": "interest_rate", "加息": "interest_rate", "升息": "interest_rate", "cut rates": "interest_rate",
    "rate cut": "interest_rate", "rate hike": "interest_rate", "联邦基金利率": "interest_rate",
    "績效費": "fee", "绩效费": "fee", "management fee": "fee", "手续费率": "fee_rate", "手續費率": "fee_rate",
    "管理费率": "fee_rate", "管理費率": "fee_rate", "gross profit": "profit", "operating expenses": "opex",
    "staking yield": "yield", "net inflows": "net_inflow", "net inflow": "net_inflow", "net outflows": "net_outflow",
    "储备率": "reserves", "儲備率": "reserves", "股价": "share_price",
    "unemployment": "unemployment", "jobless rate": "unemployment", "fined": "fine",
    "valuing": "valuation", "valued": "valuation", "spent": "spending", "spend": "spending", "spending": "spending", "斥资": "investment", "斥資": "investment",
    "buy back": "buyback", "buys back": "buyback", "bought back": "buyback", "raise": "funding",
    "raising": "funding", "持币成本": "price", "持幣成本": "price", "买入价": "price", "買入價": "price",
    "占": "share", "佔": "share",
    "罚款": "fine", "罰款": "fine", "fine": "fine", "penalty": "fine",
    "清算": "liquidation", "爆仓": "liquidation", "爆倉": "liquidation", "liquidations": "liquidation",
    "失业率": "unemployment", "失業率": "unemployment", "通胀": "inflation", "通膨": "inflation",
    "CPI": "inflation", "inflation": "inflation",
    "算力": "hashrate", "全网算力": "hashrate", "全網算力": "hashrate", "hashrate": "hashrate",
    "hash rate": "hashrate",
    # what an exploit took: a crypto-news staple
    "被盗": "hack_loss", "被盜": "hack_loss", "盗取": "hack_loss", "盜取": "hack_loss", "盗走": "hack_loss",
    "盜走": "hack_loss", "黑客攻击": "hack_loss", "駭客攻擊": "hack_loss", "stolen": "hack_loss",
    "stole": "hack_loss", "drained": "hack_loss", "exploit": "hack_loss", "exploited": "hack_loss",
    "hack": "hack_loss", "hacked": "hack_loss", "heist": "hack_loss",
}
UP_WORDS = [
    "同比增长", "同比增長", "环比增长", "環比增長", "增长", "增長", "上涨", "上漲", "涨", "漲", "飙升", "飆升",
    "大涨", "大漲", "攀升", "提升", "提高", "上升", "增加", "增至", "升至", "扩大", "擴大", "走高", "反弹",
    "反彈", "突破", "上调", "上調", "净流入", "rose", "rise", "rises", "risen", "rising", "up", "gained", "gain",
    "gains", "jumped", "jump", "surged", "surge", "soared", "climbed", "climb", "increased", "increase",
    "grew", "higher", "added", "rallied", "advanced", "surged", "年增", "回升", "回升至",
    "增持", "增长至", "上升至", "提升至", "涨至", "漲至", "反弹至", "创下", "創下", "doubled", "重回", "增幅", "涨幅",
    "漲幅", "上调至", "上調至",
]
DOWN_WORDS = [
    "同比下降", "同比下滑", "环比下滑", "環比下滑", "下降", "下跌", "下滑", "减少", "減少", "回落", "跌", "暴跌",
    "大跌", "跌破", "降至", "跌至", "缩小", "縮小", "下调", "下調", "降息", "亏损", "虧損", "流出", "收窄",
    "fell", "fall", "falls", "fallen", "falling", "down", "dropped", "drop", "declined", "decline", "slid",
    "slipped", "plunged", "plunge", "tumbled", "cut", "cuts", "lower", "decreased", "decrease",
    "shrank", "sank", "bled", "lowered", "slashed", "eased", "下挫", "下滑", "减持", "減持", "下降至", "回落至",
    "蒸发", "蒸發", "收窄", "净流出", "淨流出", "跌幅", "wiping out", "wiped out", "erased", "下调至", "下調至",
]


def _word_re(words) -> re.Pattern:
    # English words need boundaries ("up" in "update"); Chinese words cannot have them.
    return re.compile(rf"(?:(?<![A-Za-z])(?:{alternation(w for w in words if w.isascii())})(?![A-Za-z])"
                      rf"|{alternation(w for w in words if not w.isascii())})", re.I)


METRIC_RE = _word_re(METRICS)
_METRIC_LOOKUP = {k.lower(): v for k, v in METRICS.items()}
UP = frozenset(w.lower() for w in UP_WORDS)
DOWN = frozenset(w.lower() for w in DOWN_WORDS)
UP_RE = _word_re(UP_WORDS)
DOWN_RE = _word_re(DOWN_WORDS)
SENTENCE_END_RE = re.compile(r"[。！？!?\n]|\.(?=\s|$)")  # ；joins clauses of one sentence
CLAUSE_END_RE = re.compile(r"[，,、：:（(；;]|\s[-–—]\s|\bwhile\b|\band\b|\bbut\b|\bafter\b|\bbefore\b"
                           r"|(?<!much )(?<!many )\bas\b(?!\s+(?:much|many|high|low|little|few|well|long)\b)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# English proper-noun candidates: Capitalised or ALL-CAPS words, optionally followed by more.
PROPER_EN_RE = re.compile(r"\b[A-Z][A-Za-z0-9.&\-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9])*")
SUBJECT_SKIP = {"The", "A", "An", "In", "On", "At", "As", "But", "And", "It", "Its", "This", "That", "Q1",
                "Q2", "Q3", "Q4", "AI", "CEO", "CFO", "ETF", "ETFs", "US", "U.S.", "USD", "EPS", "ARPU",
                "DAP", "CapEx", "TVL", "EBITDA", "CPI", "DEX", "DeFi", "APY", "APR", "GDP", "IPO", "OTC", "NFT",
                "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December", "Series", "HK", "NT", "USDT", "USDC", "HKD", "CNY", "RMB", "EUR", "GBP",
                "JPY", "KRW", "TWD"}
_SUBJECT_TAGS = ("nt", "nz")


@functools.cache
def _entities() -> dict[str, str]:
    """The entity words of finance_dict.txt and their tags: nt organisation, nz asset or project."""
    text = resources.files("pipeline.figures").joinpath("finance_dict.txt").read_text("utf-8")
    return {word: tag for word, _, tag in (line.rsplit(" ", 2) for line in text.splitlines()
                                           if line and not line.startswith("#"))}


MAX_BEFORE, MAX_AFTER = 300, 200  # a "sentence" longer than this is a table or a run-on; clip it


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence holding text[start:end], clipped to a window around it."""
    left = max(0, start - MAX_BEFORE)
    for m in SENTENCE_END_RE.finditer(text, left, start):
        left = m.end()
    limit = min(len(text), end + MAX_AFTER)
    m = SENTENCE_END_RE.search(text, end, limit)
    right = m.end() if m else limit
    return left, right


def _clause_start(text: str, lo: int, pos: int) -> int:
    start = lo
    for m in CLAUSE_END_RE.finditer(text, lo, pos):
        start = m.end()
    return start


def _nearest(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    found = None
    for m in pattern.finditer(text, lo, hi):
        found = m
    return found


def _direction_from(up: int, down: int) -> str | None:
    if up < 0 and down < 0:
        return None
    return "up" if up > down else "down"


_METRIC_AFTER = re.compile(rf"\s+(?:of\s+(?:the\s+|its\s+)?)?(?P<m>{alternation(w for w in METRICS if w.isascii())})\b", re.I)
_TRAILING_DIRECTION = re.compile(r"\s+(higher|lower)\b", re.I)
_SHARE_OF = re.compile(r"\bshare of\b", re.I)
_SOURCE_AFTER = re.compile(r"\s+(?:data|figures|research|reports?)\b")
_SOURCE_BEFORE = re.compile(r"(?:according to|per)\s+$", re.I)


_MID_SENTENCE_CAPITAL_RE = re.compile(r"(?<=[a-z0-9,;] )[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]")


@functools.lru_cache(maxsize=8)
def _named_mid_sentence(text: str) -> frozenset[str]:
    """Words the text capitalises inside a sentence: names, not words that only start one.

    "Kestrel reported…" is a name when the article also writes "…shares of Kestrel rose";
    "Transaction revenue rose 38%" is not, when "Transaction" is never capitalised mid-sentence.
    """
    return frozenset(m.group(0) for m in _MID_SENTENCE_CAPITAL_RE.finditer(text))


_LEADING_MARKS = " \t\n-*•·–—\"'“‘(（「『["


def _english_context(text: str, fig: Figure, s_start: int, s_end: int) -> tuple:
    clause = _clause_start(text, s_start, fig.start)
    clause_end = CLAUSE_END_RE.search(text, fig.end, s_end)
    # the figure's own clause first (before it, then after it), then earlier in the sentence
    m = (_nearest(METRIC_RE, text, clause, fig.start)
         or METRIC_RE.search(text, fig.end, clause_end.start() if clause_end else s_end)
         or _nearest(METRIC_RE, text, s_start, clause))
    metric = (_METRIC_LOOKUP[m.group(0).lower()], m.group(0)) if m else (None, None)
    if m is not None and m.start() < fig.start and _SHARE_OF.search(text, max(clause, m.start() - 20), m.start()):
        metric = ("share", "share")
    right_after = _METRIC_AFTER.match(text, fig.end)
    if right_after:  # "a 70% share of", "about 2% of the circulating supply"
        word = right_after.group("m")
        metric = (_METRIC_LOOKUP[word.lower()], word)
    lo = max(clause, fig.start - 60)
    up = _nearest(UP_RE, text, lo, fig.start)
    down = _nearest(DOWN_RE, text, lo, fig.start)
    direction = _direction_from(up.end() if up else -1, down.end() if down else -1)
    trailing = _TRAILING_DIRECTION.match(text, fig.end)
    if trailing:  # "closed 2.3% higher", "ended 5% lower"
        direction = "up" if trailing.group(1).lower() in ("higher", "up") else "down"
    org = asset = fallback = None
    entities = _entities()
    for cand in PROPER_EN_RE.finditer(text, s_start, fig.start):
        words = re.sub(r"['’]s$", "", cand.group(0)).split()
        # capitalised only because it starts the sentence or a list item ("- Assets on platform")
        initial = not text[s_start:cand.start()].strip(_LEADING_MARKS)
        while words and words[0] in SUBJECT_SKIP:
            words, initial = words[1:], False
        if not words:
            continue
        word = " ".join(words)
        if _SOURCE_AFTER.match(text, cand.end()) or _SOURCE_BEFORE.search(text, max(0, cand.start() - 14), cand.start()):
            continue
        tag = entities.get(words[0]) or entities.get(word)
        if tag == "nt":
            org = word
        elif tag == "nz":
            asset = word
        elif not initial or (word.isupper() and len(word) >= 2) or len(words) >= 2 or words[0] in _named_mid_sentence(text):
            fallback = word
    return metric, direction, org or asset or fallback


_DETERMINERS = ("该", "該", "某", "此", "这家", "這家", "一家", "其")
_SOURCE_MARKERS = ("据", "據", "根据", "根據")
_CLAUSE_LEADS = ("至", "到", "达", "達", "达到", "達到")


def _metric_of(word: str) -> tuple[str, str] | None:
    """A metric for a token, also for compounds that end in a metric word (业务收入, 云收入)."""
    key = word.lower()
    if key in _METRIC_LOOKUP:
        return _METRIC_LOOKUP[key], word
    if len(word) >= 3 and not word.isascii():
        for size in (4, 3, 2):
            tail = word[-size:]
            if len(tail) < len(word) and tail in _METRIC_LOOKUP:
                return _METRIC_LOOKUP[tail], word
    return None


def _token_direction(tokens: list, lo: int, reach: int = 40) -> str | None:
    for word, _, start in reversed(tokens):
        if start < lo - reach:
            break
        if word.lower() in UP:
            return "up"
        if word.lower() in DOWN:
            return "down"
    return None


def _name_kind(word: str, tag: str, entities: dict[str, str]) -> str | None:
    """What a segmented token names: an "org" (nt), an "asset" (nz), an upper-case "code" (BTC,
    SEC), else None."""
    if tag == "nt" or entities.get(word) == "nt":
        return "org"
    if tag == "nz" or entities.get(word) == "nz":
        return "asset"
    if tag == "eng" and word.isupper() and len(word) >= 2 and word not in SUBJECT_SKIP:
        return "code"
    return None


def _chinese_context(sentence_tokens: list, s_start: int, fig: Figure) -> tuple:
    lo, hi = fig.start - s_start, fig.end - s_start
    before = [t for t in sentence_tokens if t[2] + len(t[0]) <= lo]
    after = [t for t in sentence_tokens if t[2] >= hi]
    clause_from = previous_clause_from = 0
    for word, _, start in before:
        if word in "，,；;：:、（(":
            previous_clause_from, clause_from = clause_from, start + 1
    metric = (None, None)
    # a money amount is measured by its own clause ("净利润 227.68 亿美元"); a percentage may
    # refer back to the clause before ("营收 598.93 亿美元，同比增长 24%")
    clause_words = [t for t in before if t[2] >= clause_from and t[0].strip()]
    continues = bool(clause_words) and clause_words[0][0] in _CLAUSE_LEADS
    reach_from = 0 if fig.kind == "percent" else (previous_clause_from if continues else clause_from)

    def nearest_metric(tokens) -> tuple | None:
        for word, _, _ in reversed(tokens):
            found = _metric_of(word)
            if found:
                return found
        return None

    def metric_after() -> tuple | None:
        for word, _, _ in after:
            if word in "，,；;。":
                return None
            found = _metric_of(word)
            if found:
                return found
        return None

    in_clause = [t for t in before if t[2] >= clause_from]
    entities = _entities()
    # "Bybit 被盗 15 亿美元后，ETH 下跌 8%": a clause that names its own subject starts afresh
    own_subject = any(_name_kind(w, tag, entities) for w, tag, _ in in_clause)
    metric = (nearest_metric(in_clause) or metric_after()
              or (None if own_subject else nearest_metric([t for t in before if reach_from <= t[2] < clause_from]))
              or (None, None))
    direction = _token_direction(in_clause, lo)
    if direction is None and in_clause and in_clause[0][0] in _CLAUSE_LEADS:
        # "减少 8%，至 112 亿美元": the clause continues the change before it
        direction = _token_direction([t for t in before if previous_clause_from <= t[2] < clause_from], lo, 60)
    if direction is None and before and before[-1][0] in ("由", "从", "從") or \
            direction is None and len(before) > 1 and before[-2][0] in ("由", "从", "從") and not before[-1][0].strip():
        # "由 1.5% 下调至 0.15%": the verb follows the first figure
        direction = _token_direction([t for t in after[:3]], hi, 0)
    subject = None

    def named(i: int, group: list) -> bool:
        previous = "".join(w for w, _, _ in group[max(0, i - 2):i]).strip()
        return not previous.endswith(_DETERMINERS) and not previous.endswith(_SOURCE_MARKERS)

    for group, last in ((in_clause, True), (before, True), (after, False)):
        kinds = [_name_kind(w, tag, entities) for w, tag, _ in group]
        orgs = [w for i, (w, _, _) in enumerate(group) if kinds[i] == "org" and named(i, group)]
        if not last:  # after the figure only a named organisation: "1350 亿美元，这是 Meta 的…"
            if orgs:
                subject = orgs[0]
            break
        assets = [w for i, (w, _, _) in enumerate(group) if kinds[i] == "asset" and named(i, group)]
        upper = [w for i, (w, _, _) in enumerate(group) if kinds[i] == "code"]
        if orgs or assets or upper:
            # before the figure the nearest name wins; after it ("1350 亿美元，这是 Meta 的…"), the first
            subject = (orgs or assets or upper)[-1 if last else 0]
            break
    return metric, direction, subject


_TIME_WORDS = (r"\d+|小时|小時|分钟|分鐘|天|日|周|週|月|年|内|內|今日|今天|昨日|昨天|盘中|盤中|一度|短线|短線|"
               r"日内|日內|过去|過去|最近|近|了|约|約|超|逾|h|on|in|over|the|past|last|this|hours?|days?|weeks?|"
               r"today|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|to|at|至|报|報|\W")
_ASSET_MOVE_GAP = re.compile(rf"(?:{_TIME_WORDS}|{UP_RE.pattern}|{DOWN_RE.pattern})*", re.I)


@functools.lru_cache(maxsize=1)
def _asset_names() -> re.Pattern:
    names = [w for w, tag in _entities().items() if tag == "nz"]
    return re.compile(rf"(?<![A-Za-z])(?:{alternation(names)})(?![A-Za-z])", re.I)


def _asset_that_moves(text: str, s_start: int, fig: Figure) -> str | None:
    """The crypto asset whose price the figure is, when the asset is followed by nothing but
    change words, time words and other figures ("以太坊 24 小时内下跌 6.3%，跌破 3000 美元",
    "Bitcoin slipped 2.4% to $91,250"); not when something else it has is named ("比特币全网
    算力增长 52%" is the hash rate)."""
    last = None
    for last in _asset_names().finditer(text, s_start, fig.start):
        pass
    if last is None or _ASSET_MOVE_GAP.fullmatch(text, last.end(), fig.start) is None:
        return None
    return last.group(0)


def add_context(text: str, figures: list[Figure]) -> list[Figure]:
    """Figures with sentence, metric, direction and subject filled in."""
    out = []
    segmented: dict[int, list] = {}
    for fig in figures:
        s_start, s_end = sentence_bounds(text, fig.start, fig.end)
        sentence = text[s_start:s_end]
        if _HAN.search(sentence):
            if s_start not in segmented:
                from pipeline.figures._seg import tokens

                segmented[s_start] = tokens(sentence)
            (metric, word), direction, subject = _chinese_context(segmented[s_start], s_start, fig)
        else:
            (metric, word), direction, subject = _english_context(text, fig, s_start, s_end)
        if fig.kind == "percent" and fig.value is not None and fig.value < 0:
            direction = "down"
        mover = _asset_that_moves(text, s_start, fig) if metric is None and direction else None
        if mover:  # "ETH 下跌 8%，跌破 3000 美元", "Bitcoin slipped 2.4% to $91,250": its price
            metric, subject = "price", mover
        lead = len(sentence) - len(sentence.lstrip())
        stripped = sentence.strip()
        out.append(replace(fig, sentence=stripped, sentence_start=s_start + lead,
                           sentence_end=s_start + lead + len(stripped), metric=metric, metric_word=word,
                           direction=direction, subject=subject))
    return out
