"""What single Chinese tokens say, for the context rules: the metric a word names (`metric_of`),
whether a word marks a forecast (`future_at`: 将 before a verb, not 将 as 把 before a noun), and
what may stand between an asset and its price (`price_gap_re`). The words themselves are in
lexicon/ (metrics.toml, directions.toml); the grammatical words the rules read are listed here.
"""

from __future__ import annotations

import functools
import re

from pipeline.figures import lexicon
from pipeline.figures.names_zh import Token

_FUTURE = ("预计", "預計", "预期", "預期", "有望", "或将", "或將", "拟", "擬", "计划", "計劃", "料", "预估", "預估",
           "预测", "預測", "将会", "將會", "目标", "目標", "若", "如果", "一旦")
_WILL = ("将", "將")
FUTURE_CUES = frozenset(_FUTURE + _WILL + ("目标", "目標", "计划", "計劃"))  # the words _future_at may say yes to
_BAND = ("区间", "區間", "范围", "範圍")
# tokens that may stand between an asset and its price: time, venue and quote words
PRICE_GAP = frozenset("""日内 日內 盘中 盤中 盘前 盤前 盘后 盤後 一度 短线 短線 今日 今天 昨日 昨天 周一 周二 周三 周四 周五
    周六 周日 週一 週二 週三 週四 週五 週六 週日 小时 小時 分钟 分鐘 天 日 内 內 过去 過去 最近 近 了 约 約 超 逾
    报 報 为 為 现 現 报收 收于 收於 收报 收報 一 最低 最高 随即 隨即 再度 再次 大幅 继续 繼續 延续 延續 持续 持續
    涨跌幅 漲跌幅 跌幅 涨幅 漲幅 升幅 降幅 减幅 減幅 达 達 至 到 创 創 新低 新高 月 年 期间 期間 的 再 亦 也 则 則 仍 夜盘 夜盤 早盘 早盤
    尾盘 尾盤 午盘 午盤 点 點 周 週 盘 盤 前 后 後 中 周线 週線 日线 日線 月线 月線 线 線 k线 K线 价格 價格 币价 幣價 股价 股價 均价 均價 报价 報價 短时 短時 一度 今年 本周 本週 上周 上週
    在 年底 年内 年內 月底 明 明年 明年底 今年底 有望 现货 現貨 期货 期貨 收盘 收盤 开盘 開盤 可望 或 或将 或將 将 將 预计 預計 料 可能 每盎司 每枚 每股 每桶 每克 收 于 於
    终场 終場 尾市 早市 午市 亚洲盘 亞洲盤 亚盘 亞盤 欧洲盘 歐洲盤 欧盘 歐盤 美盘 美盤 美洲盘 美洲盤
    逆势 逆勢 逆市 同步 双双 雙雙 纷纷 紛紛 齐 齊 兑 兌
    收市 关口 關口 大关 大關 关卡 關卡 触及 觸及
    以来 以來 累计 累計 年内 同期 更 更是 超过 超過 即 上看 下看 恐""".split())  # "日圓兌美元貶值 0.6%": a currency's price in another; manner of the move: "聯發科逆勢漲 2.3%";
# a span and its sum: "黄金今年以来累计上涨 58%，白银涨幅更是超过 80%"; a level looked to: "比特幣可望上看 20 萬美元"



@functools.lru_cache(maxsize=8192)
def metric_of(word: str) -> tuple[str, str] | None:
    """A metric for a token, also for compounds that end in a metric word (业务收入, 质押年化收益率,
    最大痛点价), the longest ending first."""
    lookup = lexicon.metric_lookup()
    key = word.lower()
    if key in lookup:
        return lookup[key], word
    if len(word) >= 3 and not word.isascii():
        for size in range(min(len(word) - 1, 6), 1, -1):
            tail = word[-size:]
            if tail in lookup:
                return lookup[tail], word
        if word[-1] in "价價":
            return ("share_price" if "股" in word else "price"), word
    if word in ("价", "價"):  # "最大痛点价为 9 万美元", split by jieba
        return "price", word
    return None



def future_at(tokens: list[Token], i: int) -> bool:
    """Is tokens[i] a forecast marker? 将 counts only before a verb or adverb (将达到, 将在),
    not before a noun, where it is 把 ("将费率由 2.5% 下调至 1.5%")."""
    word = tokens[i][0]
    if word in ("目标", "目標") and i + 1 < len(tokens) and tokens[i + 1][0] in _BAND:
        return False
    if word in ("计划", "計劃") and i > 0 and tokens[i - 1][0] == "的":
        return False  # "投资 60 亿欧元的计划": the plan, a noun
    if word in _FUTURE:
        return True
    if word in _WILL:
        nxt = next((t for t in tokens[i + 1:i + 3] if t[0].strip()), None)
        return nxt is not None and nxt[1][:1] in ("v", "d", "p", "c")
    return False



def moves(words: list[str], up: frozenset[str], down: frozenset[str]) -> bool:
    """Is any of `words` a move word?"""
    return any(w.lower() in up or w.lower() in down for w in words)


@functools.cache
def price_gap_re() -> re.Pattern:
    """What may stand between an asset and its price: time, venue, quote and move words."""
    words = [*PRICE_GAP, *lexicon.direction_words(), *(w for w, k in lexicon.metric_words().items()
                                                       if k in ("price", "share_price"))]
    return re.compile(rf"(?:\s|\d|[.,%]|{lexicon.trie_alternation(w for w in words if not w.isascii())})*")



def nearest_metric_key(tokens: list[Token], lo: int, hi: int, key: str, inside_figure) -> bool:
    """Is there a word for metric `key` in tokens[lo:hi]?"""
    return any(not inside_figure(t[2]) and (metric_of(t[0]) or ("", ""))[0] == key for t in tokens[lo:hi])

