"""What a figure in a Chinese sentence measures: the metric word nearest before it in its clause,
else after it, else (for a percentage, a level or a part that restates the measure before) in the
clauses before; a purpose right after an amount ("斥资 10 亿美元回购"); and the price of an asset or a
listed company followed only by move, time and quote words ("比特币日内涨 4.6%").
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.figures import lexicon
from pipeline.figures.names_zh import CLAUSE_MARKS, Name, market_tokens, name_end, past_quote_currency
from pipeline.figures.zh_direction import RATE_MODIFIERS
from pipeline.figures.zh_sentence import Clause, Sentence
from pipeline.figures.zh_words import PRICE_GAP, metric_of, moves, nearest_metric_key, price_gap_re
from pipeline.models import Figure

_CONTINUES = ("至", "到")  # "减少 8%，至 112 亿美元": the move goes on (…，达 X is a level in its own clause)
# the same measure's level: "…跌 8.4%，报 312 美元", "收于 4,020 美元", "仅约 28 亿美元", "最低触及 38.6 美元"
_LEVEL_LEADS = ("至", "到", "达", "達", "达到", "達到", "为", "為", "增至", "降至", "报", "報", "收", "收于", "收於", "收报",
                "收報", "报收", "報收", "现报", "現報", "仅", "僅", "仅为", "僅為", "只有", "最低", "最高", "触及", "觸及")
# a purpose right after an amount names it better than the spending verb before ("斥资 10 亿美元回购")
_PURPOSE_AFTER = frozenset({"buyback", "investment", "capex", "mint", "funding"})
_GENERIC_SPEND = frozenset({"spending"})
_WORTH = ("价值", "價值", "约合", "約合", "折合")
_LIST_WORDS = frozenset("和 与 與 及 以及 、".split())
_PART_OF = ("其中", "当中", "當中")
_SPAN_WORDS = frozenset("小时 小時 分钟 分鐘 天 日 内 內 周 週 月 年 以来 以來 过去 過去 个 個 近 最近 短短".split())
# a percentage that is used for, comes from or goes to something is a part of a whole ("其中 97% 用于回购")
_SHARE_VERBS = ("用于", "用於", "来自", "來自", "流向", "归属", "歸屬", "分配给", "分配給", "分给", "分給")
_TIME_LEADS = frozenset("目前 当前 當前 现 現 现在 現在 此前 随后 隨後 最终 最終 最新 如今 截至目前 一度 再度 随即 隨即"
                        # adverbs before the move: "24 小时仍下跌 1.2%" goes on with the measure before
                        " 当日 當日 当天 當天 全天 今日 昨日 仍 仍然 依然 也 亦 则 則".split())
_STOCK_WORDS = ("股", "盘前", "盤前", "盘后", "盤後", "纳斯达克", "納斯達克", "纽交所", "紐交所", "上市")
_COMPARE = ("高于", "高於", "低于", "低於", "超出", "较", "較", "比", "相比", "不及", "好于", "好於", "优于", "優於",
            "逊于", "遜於", "胜于", "勝於")
_COMPARE_END = ("高于", "高於", "低于", "低於", "好于", "好於", "差于", "差於", "优于", "優於", "逊于", "遜於")  # jieba's 远高于, 略低于
_PERSON_AFTER = ("人", "者", "方")
_SAME_MEASURE = ("规模", "規模", "总额", "總額", "金额", "金額", "数额", "數額", "总量", "總量", "总计", "總計")  # "全年规模或达 X": the measure before
_FUNDS = ("资金", "資金")
BURN_WORDS = ("销毁", "銷毀")
_LISTING = ("上市", "挂牌", "掛牌")  # "上市首日开盘大涨 468%": a stock's first day of trading
_RECEIVE = ("获", "獲", "获得", "獲得", "拿到", "完成", "宣布完成")
BUY_VERBS = ("买入", "買入", "购入", "購入", "购买", "購買", "增持", "收购", "收購", "入股", "买", "買", "抄底",
              "提取", "转入", "轉入", "存入", "借出", "转出", "轉出")
_RATE_NOUNS = ("增速", "增长率", "增長率", "增幅", "涨幅", "漲幅", "跌幅", "升幅", "降幅", "减幅", "減幅", "回报率", "回報率", "收益率", "利率",
               "年化", "税率", "稅率", "增长", "增長", "速度")
_ASSET_NOUNS = ("代币", "代幣", "原生代币", "原生代幣", "币价", "幣價", "token")
# what an issuer or a central bank holds in reserve: government debt (the clause is read in Simplified)
_HOLD = ("持有", "持仓", "持仓量")
_RESERVE_ASSETS = ("美债", "国债", "美国国债", "短期国债", "公债")
ECONOMY = frozenset({"unemployment", "inflation", "yield", "interest_rate"})


@dataclass(frozen=True)
class MetricRead:
    """The metric of a figure and what its clause says about the measure before it."""

    metric: tuple[str, str] | None  # (key, the word that names it)
    continues: bool  # "减少 8%，至 112 亿美元": the move of the clause before goes on
    restating: bool  # the clause only restates, compares with or continues the measure before
    own_asset: bool  # the clause speaks of a token without naming it ("代币", "币价")


def belongs_elsewhere(c: Clause, i: int) -> bool:
    """A metric word right after another figure is that figure's ("5,000 USDT 本金"); one
    before 人/者 names people ("投資人")."""
    tokens = c.tokens
    if metric_of(tokens[i][0]) is None:
        return False  # only metric words are asked about; most tokens are not
    nxt = next((t for t in tokens[i + 1:i + 3] if t[0].strip()), None)
    if nxt is not None and nxt[0][:1] in _PERSON_AFTER:
        return True
    j = i - 1
    while j >= 0 and not tokens[j][0].strip():
        j -= 1
    return j >= 0 and c.inside_figure(tokens[j][2]) and not (c.lo <= tokens[j][2] < c.hi)


_OPEN, _CLOSE = "（(", "）)"


def _in_brackets(tokens, i: int, lo: int) -> bool:
    """Is tokens[i] inside a bracketed aside that closes before the figure ("0.328 元／千瓦时（含税）提高至
    0.338 元": the 税 notes the price before, it does not name this one)?"""
    if metric_of(tokens[i][0]) is None:
        return False
    if i > 1 and tokens[i - 1][0] in _OPEN and metric_of(tokens[i - 2][0]) is not None:
        return False  # "年化收益率（APR）": the abbreviation of the measure named right before, and the exact one
    for j in range(i + 1, min(len(tokens), i + 6)):
        if tokens[j][0] in _CLOSE:
            return tokens[j][2] < lo and any(t[0] in _OPEN for t in tokens[max(0, i - 5):i])
        if tokens[j][0] in _OPEN:
            return False
    return False


_ISSUE = frozenset("发行 發行 新发行 新發行 发行了 發行了".split())
_ISSUE_GAP = frozenset("了 价值 價值 约 約 超 逾 近 约合 約合".split())
_PARTY_GLUE = frozenset("而 则 則 为 為 亦 也".split())
_AFTER_EVENT = ("后", "後", "之后", "之後", "期间", "期間", "以来", "以來")


def _in_time_phrase(tokens, i: int) -> bool:
    """Is tokens[i] the event of a time phrase, 在 before and 后 after it ("未平仓合约在抛售后下降 18%")? It
    says when, not what is measured."""
    following = [t[0] for t in tokens[i + 1:i + 4] if t[0].strip()][:2]
    # the event, or the event and one character of its own ("在清算潮后")
    after = following[:1] if not following or following[0] in _AFTER_EVENT or len(following[0]) > 1 else following[1:]
    return bool(after) and after[0] in _AFTER_EVENT and any(t[0] in ("在", "于", "於") for t in tokens[max(0, i - 3):i])


def nearest_metric(c: Clause, fig: Figure, indices) -> tuple | None:
    """The metric word nearest before the end of `indices`, skipping words that belong elsewhere."""
    tokens = c.tokens
    for i in reversed(list(indices)):
        if c.inside_figure(tokens[i][2]) or belongs_elsewhere(c, i) or _in_brackets(tokens, i, c.lo) or \
                metric_of(tokens[i][0]) is not None and _in_time_phrase(tokens, i):
            continue
        found = metric_of(tokens[i][0])
        j = i - 1
        while j > 0 and tokens[j][0].strip() in ("", "了"):  # "盗取了价值约…": the verb before its particle
            j -= 1
        before = metric_of(tokens[j][0]) if j >= 0 else None
        if found and found[0] == lexicon.OTHER and before and before[0] != lexicon.OTHER:
            continue  # "损失价值约 90 万美元": the loss's worth, not another measure
        if found and found[0] == "share" and fig.kind == "money":
            continue  # "其中比特币产品占 7.9 亿美元": a part of the amount before, measured as it is
        if found:
            return found
    return None


# units of a good sold by quantity (as the Simplified twin writes them): "每千瓦时", "元／平方米", "每吨"
_UNITS = ("千瓦时", "兆瓦时", "度", "吨", "平方米", "平米", "平方", "桶", "盎司", "克", "公斤", "千克", "升", "加仑", "立方米")


def _per_unit(c: Clause) -> bool:
    """Is the amount per unit of a good: 每 + unit right before it, or ／unit right after it?"""
    words = c.own_words
    if len(words) > 1 and words[-2] == "每" and words[-1].startswith(_UNITS) or words and \
            words[-1].startswith("每") and words[-1][1:].startswith(_UNITS):
        return True
    after = c.after_words
    return len(after) > 1 and after[0][0] in ("/", "／") and after[1][0].startswith(_UNITS)


def figure_metric(sentence: Sentence, c: Clause, fig: Figure) -> MetricRead:
    """The metric a figure's words name, before the subject is known."""
    up, down = lexicon.up_words(), lexicon.down_words()
    tokens, inside_figure = c.tokens, c.inside_figure
    first_after, last_before, clause_from = c.first_after, c.last_before, c.clause_from
    own, own_words, after_words = c.own, c.own_words, c.after_words
    before_idx = range(0, last_before + 1)
    clause_starts = c.clause_starts
    usable, own_names, indefinite_here = c.usable, c.own_names, c.indefinite_here
    metric = None
    if fig.kind == "percent" and fig.unit is None and len(after_words) > 1 and after_words[0][0] == "的":
        # "百分之二十的代币": a part of a whole; "降息 25 个基点的概率": points are a move, never a part
        noun = next((t[0] for t in after_words[1:3] if t[0] not in RATE_MODIFIERS), after_words[1][0])
        # "15% 的投资固定回报率": the rate is the head of the noun phrase, whatever modifies it
        noun = next((t[0] for t in after_words[1:4] if t[0].startswith(_RATE_NOUNS) and t[0] not in CLAUSE_MARKS), noun)
        found = metric_of(noun)
        moved = noun.lower() in up or noun.lower() in down  # "16.2% 的同比增长率": a rate of change, not a part
        if not noun.startswith(_RATE_NOUNS) and not moved and (found is None or
                                                               found[0] not in ("yield", "apy", "interest_rate")):
            metric = ("supply", noun) if found and found[0] == "supply" else ("share", noun)
        elif found and found[0] in ("yield", "apy", "interest_rate"):
            metric = found  # the rate the percentage is ("15% 的投资固定回报率": a yield)
    if metric is None and fig.kind == "percent" and after_words and after_words[0][0].startswith(_SHARE_VERBS):
        metric = ("share", after_words[0][0])
    if metric is None:
        metric = nearest_metric(c, fig, own)
    opening = not own_words and clause_from == 0
    if metric is None:  # after the figure, in its clause; a figure that opens the sentence, in the sentence
        words_after = [t for t in tokens[first_after:] if t[0].strip()]
        for k, t in enumerate(words_after if opening else after_words):
            if t[0] in "；;：:" or t[0] in CLAUSE_MARKS and not (k + 1 < len(words_after) and
                                                                  words_after[k + 1][0].startswith(("这", "這"))):
                break  # a figure that opens the sentence reads on into "，这是…的钱"
            found = metric_of(t[0]) if not inside_figure(t[2]) else None
            if found:
                metric = found
                break
    continues = bool(own_words) and own_words[0] in _CONTINUES
    # "全年规模或达 X": a bare 规模 restates the measure before; "资产管理规模" names another
    own_set = set(own_words)
    bare_measure = not own_set.isdisjoint(_SAME_MEASURE) and not any(
        tokens[i][1][:1] == "n" and tokens[i][0] not in _SAME_MEASURE and tokens[i][0] not in PRICE_GAP
        and not inside_figure(tokens[i][2]) for i in own)
    # "目前为 618 亿美元": 为 leads; "24 小时内蒸发逾 2000 亿美元": 蒸发 leads, the time before it does not
    lead = next((w for w in own_words if w not in _TIME_LEADS and w not in _SPAN_WORDS and not w[:1].isdigit()), "")
    # "…目标价 14.3 万美元（基准情形），乐观情形下为 18.9 万美元": a case or a part, then 为: the measure before
    case_level = clause_from > 0 and len(own_words) > 1 and own_words[-1] in ("为", "為") and \
        not any(metric_of(w) for w in own_words)
    levels = bool(lead) and (lead in _LEVEL_LEADS or lead.lower() in up or lead.lower() in down) or bare_measure or \
        any(w.startswith(_COMPARE) or w.endswith(_COMPARE_END) for w in own_words) or case_level
    own_asset = not own_set.isdisjoint(_ASSET_NOUNS)
    part_of = bool(own_words) and own_words[0] in _PART_OF  # "其中以太坊产品占 2.2 亿美元": a part of the amount before
    if metric is None and (not own_names or part_of) and not indefinite_here and not own_asset:
        # a percentage, or an amount that compares with or restates the measure before, looks back
        # to the last semicolon; another amount only to its own clause
        semicolon = max([i + 1 for i in before_idx if tokens[i][0] in "；;"], default=0)
        # not past the nearest clause that names its own subject ("Bybit 被盗…，ETH 下跌 8%，跌破 X")
        named = max([s for s in clause_starts[:-1] if any(s <= n.index < clause_from for n in usable)], default=0)
        reach = max(semicolon, named) if fig.kind == "percent" or levels or part_of else clause_from
        metric = nearest_metric(c, fig, range(reach, clause_from))
    if metric is None and fig.kind == "money" and clause_from > 0 and not own_names and \
            not own_set.isdisjoint(_FUNDS):
        # "擬買回庫藏股，預計動用資金上限 25 億元": the funds of the plan the clause before names
        before = nearest_metric(c, fig, range(0, clause_from))
        metric = before if before and before[0] in _PURPOSE_AFTER else None
    # "…，宏碁則為 0.35 元", "…，而长城汽车为 610 亿元", "…，兆豐金 2.05 元": another party, the measure before
    named_only = clause_from > 0 and bool(own_names) and all(
        any(n.start <= tokens[i][2] < n.end for n in own_names) or tokens[i][0] in _PARTY_GLUE or not tokens[i][0].strip()
        for i in own)
    parallel = len(own_words) > 1 and own_words[-2] in ("则", "則") and own_words[-1] in ("为", "為") or named_only
    # "…达 1080 万美元，超过 Pump.fun 的 920 万美元": the figure of a party compared with, the measure before
    compared = clause_from > 0 and len(own_words) > 2 and own_words[-1] == "的" and \
        (own_words[0].startswith(_COMPARE + ("超过", "超過", "超越", "赶超", "趕超")) or own_words[0].endswith(_COMPARE_END))
    if metric is None and (parallel or compared) and clause_from > 0:
        # "華碩每股純益 8.97 元，宏碁則為 0.35 元": another party's figure for the measure told before
        metric = nearest_metric(c, fig, range(0, clause_from))
    if metric is None and clause_from > 0 and not own_words and tokens[clause_from - 1][0] in "：:":
        metric = nearest_metric(c, fig, range(c.previous_from, clause_from - 1))  # "- 营收：2.76 亿美元": a key, its value
    burned = next((w for w in reversed(own_words) if w not in _ISSUE_GAP), "")
    if "枚" in fig.text and burned in BURN_WORDS:
        metric = ("supply", burned)  # "销毁 5 亿枚 USDC": coins burned cut the supply (a sum's worth is not a count)
    if metric is None and fig.kind == "money" and _per_unit(c):
        metric = ("price", "每")  # "每千瓦时 0.375 元", "4880 元／平方米": an amount per unit of a good is its price
    verb = next((w for w in reversed(own_words) if w not in _ISSUE_GAP), "")
    if (metric is None or metric[0] == lexicon.OTHER) and fig.kind == "money" and verb in _ISSUE and \
            any(lexicon.entities().get(t[0]) == "nz" for t in after_words[:3] if t[0] != "的"):
        metric = ("mint", verb)  # "新发行 10 亿美元 USDT": coins newly put out by their issuer (a bond issue is not)
    purpose = metric_of(after_words[0][0]) if after_words and not inside_figure(after_words[0][2]) else None
    if purpose and purpose[0] in _PURPOSE_AFTER and (metric is None or metric[0] in _GENERIC_SPEND):
        metric = purpose  # "斥资 10 亿美元回购", "豪掷百亿美元收购 Scale AI 股权"
    elif metric is None and fig.kind == "money" and after_words and after_words[0][0] in BUY_VERBS:
        metric = ("spending", after_words[0][0])  # "以约 21 亿美元增持 22,048 枚比特币"
    if metric and metric[0] == "investment" and not own_set.isdisjoint(_RECEIVE):
        metric = ("funding", metric[1])  # "另获 2000 万英镑投资": money received is funding
    if metric and metric[0] in ("users", "impressions", "hashrate") and fig.kind == "money":
        metric = None  # a count's word does not measure an amount of money ("向用户赔付 420 万美元")
    if metric and metric[0] in ("fee",) and fig.kind == "percent" and not moves(own_words, up, down):
        metric = ("fee_rate", metric[1])
    if metric and metric[0] == "loss" and nearest_metric_key(tokens, 0, last_before + 1, "hack_loss", inside_figure):
        metric = ("hack_loss", metric[1])
    joined = "".join(own_words)
    if fig.kind == "money" and (metric is None or metric[0] == lexicon.OTHER) and \
            any(w in joined for w in _HOLD) and any(w in joined for w in _RESERVE_ASSETS):
        metric = ("reserves", "持有")  # "持有美債逾 1,350 億美元", "美债持仓逾 1,270 亿美元": debt held in reserve
    if metric and metric[0] in _PER_SHARE_OF and _per_share_income(own_words):
        metric = ("eps", metric[1])  # "每股稅後純益 3.85 元", "每股摊薄收益": earnings per share, modifiers between
    per_share = len(after_words) > 1 and after_words[0][0] in ("/", "／") and after_words[1][0] == "股"
    if metric and metric[0] == "price" and ("每股" in own_words or per_share):
        metric = ("share_price", metric[1])  # "以每股 100 美元的价格发行优先股", "1615 元/股": a share's price
    # "280 元、300 元和 338 元": a figure that only goes on a list of figures restates the measure before
    # "增发 10 亿枚 USDT，价值约 10 亿美元": the worth of the figure before restates its measure
    worth = clause_from > 0 and bool(own_words) and own_words[0] in _WORTH and metric is not None and \
        metric[1] in _WORTH and not own_names
    if worth:
        metric = None
    listed = clause_from > 0 and tokens[clause_from - 1][0] == "、" and all(w in _LIST_WORDS for w in own_words)
    return MetricRead(metric, continues, levels or continues or part_of or listed or worth or compared, own_asset)


_PER_SHARE_OF = frozenset(("net_income", "profit", "revenue", "net_loss", "loss"))
# what stands between 每股 and the income word it divides: after tax, diluted, basic, adjusted
_PER_SHARE_GAP = frozenset(("税后", "稀释", "摊薄", "基本", "调整后", "经调整", "稀释后", "摊薄后", "非"))


def _per_share_income(own_words: list[str]) -> bool:
    """Does 每股 head the clause's income word, with only modifiers between ("每股 | 税后 | 纯益")?"""
    if "每股" not in own_words:
        return False
    k = len(own_words) - 1 - own_words[::-1].index("每股")
    gap = ""  # jieba may split a modifier ("摊 | 薄"): the words between are read joined
    for word in own_words[k + 1:k + 5]:
        found = metric_of(word)
        if found is not None:
            return found[0] in _PER_SHARE_OF and (not gap or gap in _PER_SHARE_GAP)
        gap += word.strip()
    return False


def _past_alias(tokens, i: int) -> int:
    """The token after a bracketed other spelling that follows a name ("以太币（ETH）今日强弹 7%"), else i."""
    if i < len(tokens) and tokens[i][0] in _OPEN:
        for j in range(i + 1, min(len(tokens), i + 6)):
            if tokens[j][0] in _CLOSE:
                return j + 1
    return i


def metric_from_subject(sentence: Sentence, c: Clause, fig: Figure, read: MetricRead, direction: str | None,
                        subject: Name | None) -> tuple[str, str] | None:
    """The metric once the subject is known: an asset or a listed company followed only by move, time
    and quote words is priced; a target price of a listed company is its stock's."""
    entities = lexicon.entities()
    tokens, lo, inside_figure, last_before, own_words = c.tokens, c.lo, c.inside_figure, c.last_before, c.own_words
    metric, own_asset = read.metric, read.own_asset
    # an asset or a listed company followed only by move, time and quote words: its price
    signed = fig.kind == "percent" and fig.text.lstrip()[:1] in "+-−－﹢﹣负負"
    if metric is None and subject is not None and subject.end <= lo:
        after = past_quote_currency(tokens, _past_alias(tokens, name_end(tokens, subject)))
        gap = "".join(t[0] for t in tokens[after:last_before + 1]
                      if not inside_figure(t[2]) and t[0] not in CLAUSE_MARKS)
        # "小米集团港股盘中大涨 8%": the market its shares trade in says a company's stock moved
        at = next((k for k in range(after, last_before + 1) if tokens[k][0].strip()), after)
        shares = at + market_tokens(tokens, at) if subject.kind in ("org", "code") and at <= last_before else after
        pos_gap = all(t[1][:1] in ("d", "t", "m", "q", "f", "p", "u", "x") or price_gap_re().fullmatch(t[0])
                      for t in tokens[shares:last_before + 1]
                      if not inside_figure(t[2]) and t[0] not in CLAUSE_MARKS and t[0].strip())
        sized = any(t[0] in _SAME_MEASURE for t in tokens[after:last_before + 1])
        if (price_gap_re().fullmatch(gap) or pos_gap) and not sized and (direction or signed or fig.kind == "money"):
            # a ticker the lexicon does not know is a coin's unless the sentence speaks of stocks
            stocks = any(w in sentence.text for w in _STOCK_WORDS)
            if subject.kind == "asset" or subject.kind == "code" and (subject.text in entities or not stocks):
                metric = ("price", subject.text)
            elif subject.kind in ("org", "code"):
                metric = ("share_price", subject.text)
    if metric is None and direction and fig.kind == "percent" and "首日" in own_words and \
            not set(own_words).isdisjoint(_LISTING):
        metric = ("share_price", "首日")  # "新股掛牌首日收盤大漲 96%": the stock moved on its first day
    if metric is None and own_asset and (direction or fig.kind == "money"):
        metric = ("price", next(w for w in own_words if w in _ASSET_NOUNS))
    if metric and metric[0] == "price" and metric[1] in ("目标价", "目標價") and subject is not None and \
            subject.kind in ("org", "code") and entities.get(subject.text) != "nz":
        metric = ("share_price", metric[1])  # "MSTR 目标价": a listed company's price is its stock's
    return metric
