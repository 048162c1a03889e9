"""What a figure measures: its sentence, metric, direction (up/down) and subject.

Rules look at the figure's own clause first (the words just before it), then the rest of
its sentence, because news writes "营收 598.93 亿美元，同比增长 24%": the metric sits
right before the amount and the change word right before the percentage.
"""

from __future__ import annotations

import re
from dataclasses import replace

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
    "罚款": "fine", "罰款": "fine", "fine": "fine", "penalty": "fine",
    "清算": "liquidation", "爆仓": "liquidation", "爆倉": "liquidation", "liquidations": "liquidation",
    "失业率": "unemployment", "失業率": "unemployment", "通胀": "inflation", "通膨": "inflation",
    "CPI": "inflation", "inflation": "inflation",
}
UP_WORDS = [
    "同比增长", "同比增長", "环比增长", "環比增長", "增长", "增長", "上涨", "上漲", "涨", "漲", "飙升", "飆升",
    "大涨", "大漲", "攀升", "提升", "提高", "上升", "增加", "增至", "升至", "扩大", "擴大", "走高", "反弹",
    "反彈", "突破", "上调", "上調", "净流入", "rose", "rise", "rises", "risen", "rising", "up", "gained", "gain",
    "gains", "jumped", "jump", "surged", "surge", "soared", "climbed", "climb", "increased", "increase",
    "grew", "growth", "higher", "raised", "topped", "added", "rallied", "advanced",
]
DOWN_WORDS = [
    "同比下降", "同比下滑", "环比下滑", "環比下滑", "下降", "下跌", "下滑", "减少", "減少", "回落", "跌", "暴跌",
    "大跌", "跌破", "降至", "跌至", "缩小", "縮小", "下调", "下調", "降息", "亏损", "虧損", "流出", "收窄",
    "fell", "fall", "falls", "fallen", "falling", "down", "dropped", "drop", "declined", "decline", "slid",
    "slipped", "plunged", "plunge", "tumbled", "lost", "cut", "cuts", "lower", "decreased", "decrease",
    "shrank", "sank", "bled", "lowered", "slashed",
]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _word_re(words) -> re.Pattern:
    # English words need boundaries ("up" in "update"); Chinese words cannot have them.
    return re.compile(rf"(?:(?<![A-Za-z]){_alt(w for w in words if w.isascii())}(?![A-Za-z])"
                      rf"|{_alt(w for w in words if not w.isascii())})")


METRIC_RE = _word_re(METRICS)
UP_RE = _word_re(UP_WORDS)
DOWN_RE = _word_re(DOWN_WORDS)
SENTENCE_END_RE = re.compile(r"[。！？!?；;\n]|\.(?=\s|$)")
CLAUSE_END_RE = re.compile(r"[，,、：:（(]")
SUBJECT_EN_RE = re.compile(r"\b(?:[A-Z][A-Za-z0-9&.\-]*[A-Za-z0-9]|[A-Z]{2,})(?:\s+[A-Z][A-Za-z0-9&\-]+)*")
SUBJECT_SKIP = {"The", "A", "An", "In", "On", "At", "As", "But", "And", "It", "Its", "This", "That", "Q1",
                "Q2", "Q3", "Q4", "AI", "CEO", "CFO", "ETF", "ETFs", "US", "U.S.", "USD", "EPS", "ARPU",
                "DAP", "CapEx", "Daily", "According", "Analysts", "Total", "Seed", "Trading", "Transactions",
                "Hackers", "Funding", "Data", "Reels"}


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence holding text[start:end]."""
    left = 0
    for m in SENTENCE_END_RE.finditer(text, max(0, start - 400), start):
        left = m.end()
    m = SENTENCE_END_RE.search(text, end)
    right = m.end() if m else len(text)
    return left, right


def _nearest(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    found = None
    for m in pattern.finditer(text, lo, hi):
        found = m
    return found


def _metric(text: str, fig: Figure, s_start: int, s_end: int) -> tuple[str | None, str | None]:
    m = _nearest(METRIC_RE, text, s_start, fig.start)
    if m is None:
        m = METRIC_RE.search(text, fig.end, s_end)
    if m is None:
        return None, None
    word = m.group(0)
    return METRICS[word], word


def _direction(text: str, fig: Figure, s_start: int) -> str | None:
    if fig.kind == "percent" and fig.value is not None and fig.value < 0:
        return "down"
    clause_start = s_start
    for m in CLAUSE_END_RE.finditer(text, s_start, fig.start):
        clause_start = m.end()
    lo = max(clause_start, fig.start - 30)
    up = _nearest(UP_RE, text, lo, fig.start)
    down = _nearest(DOWN_RE, text, lo, fig.start)
    if up and down:
        return "up" if up.end() > down.end() else "down"
    if up:
        return "up"
    if down:
        return "down"
    return None


def _subject(sentence: str) -> str | None:
    for m in SUBJECT_EN_RE.finditer(sentence):
        word = m.group(0)
        if word not in SUBJECT_SKIP:
            return word
    return None


def add_context(text: str, figures: list[Figure]) -> list[Figure]:
    """Figures with sentence, metric, direction and subject filled in."""
    out = []
    for fig in figures:
        s_start, s_end = sentence_bounds(text, fig.start, fig.end)
        metric, word = _metric(text, fig, s_start, s_end)
        sentence = text[s_start:s_end].strip()
        out.append(replace(
            fig, sentence=sentence, metric=metric, metric_word=word,
            direction=_direction(text, fig, s_start), subject=_subject(sentence),
        ))
    return out
