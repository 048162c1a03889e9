"""Chinese context rules: metric, direction and subject of a figure from its segmented sentence.

Chinese news writes "营收 598.93 亿美元，同比增长 24%": the metric sits right before the
amount, the change word right before the percentage, and a percentage may refer back to the
clause before. jieba's tokens and part-of-speech tags (with the lexicon's words added, see
_seg.py) give the clauses, the names and the small grammatical patterns the rules read:
据 X 数据 (a source), 从 X 提取 / 向 X 转入 (a counterparty), 在 X 上 (a venue), 某/一名 X (an
unnamed stand-in), 将 + verb (a forecast) against 将 + noun (把, "将费率由…下调至…"). The names
and the patterns that exclude them are in names_zh.py.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from pipeline.figures import lexicon
from pipeline.figures.names_zh import (
    CLAUSE_MARKS, ORG_SUFFIX, INDEFINITE, Name, Token, find_names, name_end, why_not_subject,
)
from pipeline.models import Figure
_FUTURE = ("预计", "預計", "预期", "預期", "有望", "或将", "或將", "拟", "擬", "计划", "計劃", "料", "预估", "預估",
           "预测", "預測", "将会", "將會", "目标", "目標", "若", "如果", "一旦")
_WILL = ("将", "將")
_FUTURE_CUES = frozenset(_FUTURE + _WILL + ("目标", "目標", "计划", "計劃"))  # the words _future_at may say yes to
_STARTS = ("由", "从", "從", "自")
_QUALIFIER_TOKENS = ("约", "約", "近", "超", "逾", "超过", "超過", "接近", "大约", "大約", "约合", "約合")
_CONTINUES = ("至", "到")  # "减少 8%，至 112 亿美元": the move goes on (…，达 X is a level in its own clause)
# the same measure's level: "…跌 8.4%，报 312 美元", "收于 4,020 美元", "仅约 28 亿美元", "最低触及 38.6 美元"
_LEVEL_LEADS = ("至", "到", "达", "達", "达到", "達到", "为", "為", "增至", "降至", "报", "報", "收", "收于", "收於", "收报",
                "收報", "报收", "報收", "现报", "現報", "仅", "僅", "仅为", "僅為", "只有", "最低", "最高", "触及", "觸及")
# a purpose right after an amount names it better than the spending verb before ("斥资 10 亿美元回购")
_PURPOSE_AFTER = frozenset({"buyback", "investment", "capex", "mint", "funding"})
_GENERIC_SPEND = frozenset({"spending"})
# a band of a policy rate is its level, not a target to reach ("联邦基金利率目标区间降至 4.25%–4.50%")
_BAND = ("区间", "區間", "范围", "範圍")
_PART_OF = ("其中", "当中", "當中")
_SPAN_WORDS = frozenset("小时 小時 分钟 分鐘 天 日 内 內 周 週 月 年 以来 以來 过去 過去 个 個 近 最近 短短".split())
# a percentage that is used for, comes from or goes to something is a part of a whole ("其中 97% 用于回购")
_SHARE_VERBS = ("用于", "用於", "来自", "來自", "流向", "归属", "歸屬", "分配给", "分配給", "分给", "分給")
_TIME_LEADS = frozenset("目前 当前 當前 现 現 现在 現在 此前 随后 隨後 最终 最終 最新 如今 截至目前 一度 再度 随即 隨即".split())
_STOCK_WORDS = ("股", "盘前", "盤前", "盘后", "盤後", "纳斯达克", "納斯達克", "纽交所", "紐交所", "上市")
_COMPARE = ("高于", "高於", "低于", "低於", "超出", "较", "較", "比", "相比", "不及", "好于", "好於")
_COMPARE_END = ("高于", "高於", "低于", "低於", "好于", "好於", "差于", "差於")  # jieba's 远高于, 略低于
_PERSON_AFTER = ("人", "者", "方")
_SAME_MEASURE = ("规模", "規模", "总额", "總額", "金额", "金額", "数额", "數額", "总量", "總量", "总计", "總計")  # "全年规模或达 X": the measure before
_RECEIVE = ("获", "獲", "获得", "獲得", "拿到", "完成", "宣布完成")
_BUY_VERBS = ("买入", "買入", "购入", "購入", "购买", "購買", "增持", "收购", "收購", "入股", "买", "買", "抄底",
              "提取", "转入", "轉入", "存入", "借出", "转出", "轉出")
_RATE_NOUNS = ("增速", "增长率", "增長率", "增幅", "涨幅", "漲幅", "跌幅", "回报率", "回報率", "收益率", "利率",
               "年化", "税率", "稅率", "增长", "增長", "速度")
_ASSET_NOUNS = ("代币", "代幣", "原生代币", "原生代幣", "币价", "幣價", "token")
_ECONOMY = frozenset({"unemployment", "inflation", "yield", "interest_rate"})
# tokens that may stand between an asset and its price: time, venue and quote words
_PRICE_GAP = frozenset("""日内 日內 盘中 盤中 盘前 盤前 盘后 盤後 一度 短线 短線 今日 今天 昨日 昨天 周一 周二 周三 周四 周五
    周六 周日 週一 週二 週三 週四 週五 週六 週日 小时 小時 分钟 分鐘 天 日 内 內 过去 過去 最近 近 了 约 約 超 逾
    报 報 为 為 现 現 报收 收于 收於 收报 收報 一 最低 最高 随即 隨即 再度 再次 大幅 继续 繼續 延续 延續 持续 持續
    涨跌幅 漲跌幅 跌幅 涨幅 漲幅 达 達 至 到 创 創 新低 新高 月 年 期间 期間 的 再 亦 也 则 則 仍 夜盘 夜盤 早盘 早盤
    尾盘 尾盤 午盘 午盤 点 點 周 週 盘 盤 前 后 後 中 周线 週線 日线 日線 月线 月線 线 線 k线 K线 价格 價格 币价 幣價 股价 股價 均价 均價 报价 報價 短时 短時 一度 今年 本周 本週 上周 上週
    在 年底 年内 年內 月底 明 明年 明年底 今年底 有望 现货 現貨 期货 期貨 收盘 收盤 开盘 開盤 可望 或 或将 或將 将 將 预计 預計 料 可能 每盎司 每枚 每股 每桶 每克 收 于 於""".split())


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


def _future_at(tokens: list[Token], i: int) -> bool:
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


@dataclass
class Sentence:
    """A segmented sentence, read once for all its figures: tokens, which tokens belong to a
    figure, its names and why some of them are not subjects."""

    text: str  # the sentence as written: subjects are quoted from it
    tokens: list[Token]  # of its Simplified twin (lexicon.to_simplified), offsets the same
    start: int  # offset of the sentence in the text
    in_figure: frozenset[int]  # token offsets inside a figure's span
    names: list[Name]
    reasons: dict[int, str | None]  # name index -> why it is not a subject (None: it may be)
    _index: tuple[list[int], list[int], list[int]] | None = None

    def index(self) -> tuple[list[int], list[int], list[int]]:
        """Token starts, token ends (both ascending: tokens do not overlap) and the indices of clause
        marks, computed once for all the sentence's figures, so each figure bisects instead of scanning."""
        if self._index is None:
            self._index = ([t[2] for t in self.tokens], [t[2] + len(t[0]) for t in self.tokens],
                           [i for i, t in enumerate(self.tokens) if t[0] in CLAUSE_MARKS])
        return self._index


def regroup(tokens: list[Token]) -> list[Token]:
    """jieba's tokens, regrouped where the rules need other units: a number written with thousands
    commas is one token ("6,556 枚": its comma ends no clause), a compound of an entity and a metric
    word is two ("黄金价格": 黄金 and 价格), so the name is found and the metric read, a legal-form
    word jieba splits is one ("金" + "控"), and so is a ticker jieba cut at an entity inside it
    ("ETH" + "A"). One pass; most tokens are short Chinese words and take the last branch."""
    out: list[Token] = []
    last = ""  # the word of out[-1]
    n = len(tokens)
    for i, token in enumerate(tokens):
        word = token[0]
        if word.isascii() and last.isascii() and last:
            first = word[:1]
            if first.isdigit() and last[-1] == "," and last[0].isdigit():
                head = out.pop()  # "6," + "556"
                token = (head[0] + word, "m", head[2])
            elif word == "," and last[-1].isdigit() and i + 1 < n and tokens[i + 1][0][:1].isdigit() and \
                    tokens[i + 1][0].isascii():
                head = out.pop()  # "6" + ","
                token = (head[0] + word, "m", head[2])
            elif first.isalpha() and last[0].isalpha() and last[-1].isalpha() and \
                    out[-1][2] + len(last) == token[2]:
                head = out.pop()  # "ETH" + "A": jieba cut a ticker at an entity inside it (ETHA, ETHE, BTCS)
                token = (head[0] + word, "eng", head[2])
        elif len(word) == 1:
            if len(last) == 1 and last + word in ORG_SUFFIX:
                head = out.pop()  # "金" + "控"
                token = (head[0] + word, "n", head[2])
        elif len(word) >= 3 and not word.isascii():
            size = _entity_split(word)
            if size:
                out.append((word[:size], lexicon.entities()[word[:size]], token[2]))
                token = (word[size:], "n", token[2] + size)
        out.append(token)
        last = token[0]
    return out


@functools.lru_cache(maxsize=8192)
def _entity_split(word: str) -> int:
    """Where a token that is an entity followed by a metric word splits ("黄金价格": 2); 0 if it is not one."""
    entities = lexicon.entities()
    if word in entities:
        return 0
    return next((size for size in range(len(word) - 1, 1, -1)
                 if word[:size] in entities and metric_of(word[size:]) is not None), 0)


@functools.cache
def _regroup_re() -> re.Pattern:
    """What regroup() can change: thousands commas, a Latin entity glued to more letters, an entity glued
    to a metric word, a legal-form word. A sentence with none of these keeps jieba's tokens as they are."""
    entities = lexicon.entities()
    latin = lexicon.trie_alternation(w for w in entities if w.isascii())
    chinese = lexicon.trie_alternation(w for w in entities if not w.isascii())
    metrics = lexicon.trie_alternation(w for w in lexicon.metric_words() if not w.isascii())
    return re.compile(rf"\d,\d|(?:{latin})[A-Za-z]|(?:{chinese})(?:{metrics})|{lexicon.trie_alternation(ORG_SUFFIX)}")


def prepare(text: str, tokens: list[Token], s_start: int, spans: list[tuple[int, int]],
            twin: str | None = None) -> Sentence:
    """Read a sentence once: `text` as written, `tokens` of its Simplified `twin` (lexicon.to_simplified;
    the text itself when not given); `spans` are all its figures (offsets in the whole text)."""
    if _regroup_re().search(text if twin is None else twin):
        tokens = regroup(tokens)
    rel = sorted((a - s_start, b - s_start) for a, b in spans)
    in_figure = set()
    k = 0
    for t in tokens:  # tokens and spans both run left to right: one pass
        while k < len(rel) and rel[k][1] <= t[2]:
            k += 1
        if k < len(rel) and rel[k][0] <= t[2] < rel[k][1]:
            in_figure.add(t[2])
    names = find_names(tokens, in_figure.__contains__, lexicon.entities(), lexicon.not_subjects(), text, _measure_word)
    reasons = {n.index: why_not_subject(n, tokens, name_end(tokens, n)) for n in names}
    for n in names:  # "从 Cetus 协议盗走", "向 OpenAI 追加投资": the victim or the investee, not a counterparty
        if reasons[n.index] == "counterparty" and _acted_on(tokens, name_end(tokens, n)):
            reasons[n.index] = None
    return Sentence(text, tokens, s_start, frozenset(in_figure), names, reasons)


def _measure_word(word: str) -> bool:
    """A metric or move word: what ends a clause's topic ("小米集团" | "营收")."""
    low = word.lower()
    return metric_of(word) is not None or low in lexicon.up_words() or low in lexicon.down_words()


_ACTED_ON = frozenset({"hack_loss", "investment"})


def _acted_on(tokens: list[Token], end: int) -> bool:
    """Do the words right after a counterparty say it was robbed or invested in?"""
    following = [t[0] for t in tokens[end:end + 6] if t[0].strip()][:3]
    for word in following:
        if word in CLAUSE_MARKS:
            return False
        found = metric_of(word)
        if found and found[0] in _ACTED_ON:
            return True
    return False


def chinese_context(sentence: Sentence, fig: Figure) -> tuple:
    """((metric, metric word), direction, subject, restates) of fig, from its read sentence.

    `restates` says the figure's clause only restates, compares or continues the measure of the
    figure before it ("…跌 15%，最低触及 38.6 美元", "高于预期的 1.49 美元"): with no metric word of its
    own, it takes that figure's metric (context.py)."""
    up, down = lexicon.up_words(), lexicon.down_words()
    entities = lexicon.entities()
    tokens, s_start = sentence.tokens, sentence.start
    lo, hi = fig.start - s_start, fig.end - s_start
    inside_figure = sentence.in_figure.__contains__

    starts, ends, marks = sentence.index()
    first_after = bisect_left(starts, hi)  # the first token starting at or after the figure's end
    last_before = bisect_right(ends, lo) - 1  # the last token ending at or before its start
    before_idx = range(0, last_before + 1)
    clause_starts = [0] + [i + 1 for i in marks[:bisect_right(marks, last_before)]]
    clause_from = clause_starts[-1]
    previous_from = clause_starts[-2] if len(clause_starts) > 1 else 0
    clause_end = next((i for i in range(first_after, len(tokens)) if tokens[i][0] in CLAUSE_MARKS or
                       tokens[i][0] in "。！？"), len(tokens))
    own = [i for i in range(clause_from, last_before + 1) if not inside_figure(tokens[i][2])]
    own_words = [tokens[i][0] for i in own if tokens[i][0].strip()]

    def belongs_elsewhere(i: int) -> bool:
        """A metric word right after another figure is that figure's ("5,000 USDT 本金"); one
        before 人/者 names people ("投資人")."""
        if metric_of(tokens[i][0]) is None:
            return False  # only metric words are asked about; most tokens are not
        nxt = next((t for t in tokens[i + 1:i + 3] if t[0].strip()), None)
        if nxt is not None and nxt[0][:1] in _PERSON_AFTER:
            return True
        j = i - 1
        while j >= 0 and not tokens[j][0].strip():
            j -= 1
        return j >= 0 and inside_figure(tokens[j][2]) and not (lo <= tokens[j][2] < hi)

    def nearest_metric(indices) -> tuple | None:
        for i in reversed(list(indices)):
            if inside_figure(tokens[i][2]) or belongs_elsewhere(i):
                continue
            found = metric_of(tokens[i][0])
            before = metric_of(tokens[i - 1][0]) if i > 0 else None
            if found and found[0] == lexicon.OTHER and before and before[0] != lexicon.OTHER:
                continue  # "损失价值约 90 万美元": the loss's worth, not another measure
            if found and found[0] == "share" and fig.kind == "money":
                continue  # "其中比特币产品占 7.9 亿美元": a part of the amount before, measured as it is
            if found:
                return found
        return None

    # --- metric
    names = sentence.names
    usable = [n for n in names if sentence.reasons[n.index] is None]
    indefinite_here = any(sentence.reasons[n.index] == "indefinite"
                          for n in names if clause_from <= n.index <= last_before) or \
        any(w.startswith(INDEFINITE) for w in own_words[:3])
    own_names = [n for n in usable if clause_from <= n.index <= last_before]
    metric = None
    after_words = [t for t in tokens[first_after:clause_end] if t[0].strip()]
    if fig.kind == "percent" and fig.unit is None and len(after_words) > 1 and after_words[0][0] == "的":
        # "百分之二十的代币": a part of a whole; "降息 25 个基点的概率": points are a move, never a part
        noun = after_words[1][0]
        found = metric_of(noun)
        if not noun.startswith(_RATE_NOUNS) and (found is None or found[0] not in ("yield", "apy", "interest_rate")):
            metric = ("supply", noun) if found and found[0] == "supply" else ("share", noun)
    if metric is None and fig.kind == "percent" and after_words and after_words[0][0].startswith(_SHARE_VERBS):
        metric = ("share", after_words[0][0])
    if metric is None:
        metric = nearest_metric(own)
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
        tokens[i][1][:1] == "n" and tokens[i][0] not in _SAME_MEASURE and tokens[i][0] not in _PRICE_GAP
        and not inside_figure(tokens[i][2]) for i in own)
    # "目前为 618 亿美元": 为 leads; "24 小时内蒸发逾 2000 亿美元": 蒸发 leads, the time before it does not
    lead = next((w for w in own_words if w not in _TIME_LEADS and w not in _SPAN_WORDS and not w[:1].isdigit()), "")
    levels = bool(lead) and (lead in _LEVEL_LEADS or lead.lower() in up or lead.lower() in down) or bare_measure or \
        any(w.startswith(_COMPARE) or w.endswith(_COMPARE_END) for w in own_words)
    own_asset = not own_set.isdisjoint(_ASSET_NOUNS)
    part_of = bool(own_words) and own_words[0] in _PART_OF  # "其中以太坊产品占 2.2 亿美元": a part of the amount before
    if metric is None and (not own_names or part_of) and not indefinite_here and not own_asset:
        # a percentage, or an amount that compares with or restates the measure before, looks back
        # to the last semicolon; another amount only to its own clause
        semicolon = max([i + 1 for i in before_idx if tokens[i][0] in "；;"], default=0)
        # not past the nearest clause that names its own subject ("Bybit 被盗…，ETH 下跌 8%，跌破 X")
        named = max([c for c in clause_starts[:-1] if any(c <= n.index < clause_from for n in usable)], default=0)
        reach = max(semicolon, named) if fig.kind == "percent" or levels or part_of else clause_from
        metric = nearest_metric(range(reach, clause_from))
    purpose = metric_of(after_words[0][0]) if after_words and not inside_figure(after_words[0][2]) else None
    if purpose and purpose[0] in _PURPOSE_AFTER and (metric is None or metric[0] in _GENERIC_SPEND):
        metric = purpose  # "斥资 10 亿美元回购", "豪掷百亿美元收购 Scale AI 股权"
    elif metric is None and fig.kind == "money" and after_words and after_words[0][0] in _BUY_VERBS:
        metric = ("spending", after_words[0][0])  # "以约 21 亿美元增持 22,048 枚比特币"
    if metric and metric[0] == "investment" and not own_set.isdisjoint(_RECEIVE):
        metric = ("funding", metric[1])  # "另获 2000 万英镑投资": money received is funding
    if metric and metric[0] in ("users", "impressions", "hashrate") and fig.kind == "money":
        metric = None  # a count's word does not measure an amount of money ("向用户赔付 420 万美元")
    if metric and metric[0] in ("fee",) and fig.kind == "percent" and not _moves(own_words, up, down):
        metric = ("fee_rate", metric[1])
    if metric and metric[0] == "loss" and nearest_metric_key(tokens, 0, last_before + 1, "hack_loss", inside_figure):
        metric = ("hack_loss", metric[1])

    # --- direction
    direction = None
    prev_word = own_words[-1] if own_words else ""
    starting = prev_word in _STARTS or len(own_words) > 1 and prev_word in _QUALIFIER_TOKENS and \
        own_words[-2] in _STARTS
    future = any(_future_at(tokens, i) for i in range(clause_from, last_before + 1) if tokens[i][0] in _FUTURE_CUES)
    if not starting and not future:
        for i in reversed(own):
            word = tokens[i][0].lower()
            if tokens[i][2] < lo - 40:
                break
            if word in up or word in down:
                direction = "up" if word in up else "down"
                break
        if direction is None and continues:
            for i in range(clause_from - 1, previous_from - 1, -1):
                word = tokens[i][0].lower()
                if word in up or word in down:
                    direction = "up" if word in up else "down"
                    break

    # --- subject
    key = metric[0] if metric else None
    subject: Name | None = None
    if len(after_words) > 1 and after_words[0][0] == "的":  # "价值约 90 万美元的 USDC": that asset's worth
        owned = [n for n in usable if n.index in (first_after + 1, first_after + 2) and n.kind in ("asset", "code")]
        if owned:
            subject = owned[0]
    if subject is None and key != "buyback" and (key in ("spending", "investment", "hack_loss") or
                                                 any(t[0] in _BUY_VERBS for t in after_words[:2])):
        bought = [n for n in usable if first_after <= n.index < clause_end and n.kind != "place"]
        if bought:
            subject = bought[0]
    if subject is None and key == "price" and not any(n.kind in ("asset", "code") for n in own_names):
        priced = [n for n in usable if first_after <= n.index < clause_end and n.kind == "asset"]
        if priced:  # "以每枚约 10.2 万美元的均价出售 350 枚比特币": the price of the coin sold
            subject = priced[0]
    if subject is None:
        candidates = [n for n in own_names if n.kind != "place" or key in _ECONOMY]
        if candidates:
            subject = _pick(candidates, key)
        elif not indefinite_here:
            earlier = [n for n in usable if n.index < clause_from and (n.kind != "place" or key in _ECONOMY)]
            own_metric = nearest_metric(own)
            if earlier and not (own_metric and own_metric[0] in _ECONOMY and
                                _clause_metric(tokens, earlier[-1], inside_figure) != own_metric[0]):
                subject = _pick(earlier, key)
            elif not earlier:  # "1350 亿美元，这是 Meta 的…": a name later in the sentence, before a colon
                stop = next((i for i in range(first_after, len(tokens)) if tokens[i][0] in "；;：:"), len(tokens))
                later = [n for n in usable if first_after <= n.index < stop and
                         (n.kind == "org" or n.index == first_after or n.index == first_after + 1 and
                          not tokens[first_after][0].strip())]  # an asset only right after ("95 亿美元比特币期权")
                subject = later[0] if later else None
    # an asset or a listed company followed only by move, time and quote words: its price
    signed = fig.kind == "percent" and fig.text.lstrip()[:1] in "+-−－﹢﹣负負"
    if metric is None and subject is not None and subject.end <= lo:
        gap = "".join(t[0] for t in tokens[name_end(tokens, subject):last_before + 1]
                      if not inside_figure(t[2]) and t[0] not in CLAUSE_MARKS)
        pos_gap = all(t[1][:1] in ("d", "t", "m", "q", "f", "p", "u", "x") or price_gap_re().fullmatch(t[0])
                      for t in tokens[name_end(tokens, subject):last_before + 1]
                      if not inside_figure(t[2]) and t[0] not in CLAUSE_MARKS and t[0].strip())
        sized = any(t[0] in _SAME_MEASURE for t in tokens[name_end(tokens, subject):last_before + 1])
        if (price_gap_re().fullmatch(gap) or pos_gap) and not sized and (direction or signed or fig.kind == "money"):
            # a ticker the lexicon does not know is a coin's unless the sentence speaks of stocks
            stocks = any(w in sentence.text for w in _STOCK_WORDS)
            if subject.kind == "asset" or subject.kind == "code" and (subject.text in entities or not stocks):
                metric = ("price", subject.text)
            elif subject.kind in ("org", "code"):
                metric = ("share_price", subject.text)
    if metric is None and own_asset and (direction or fig.kind == "money"):
        metric = ("price", next(w for w in own_words if w in _ASSET_NOUNS))
    if subject is None and "枚" in fig.text and key != "mint" and fig.currency:
        coin = fig.text.rstrip()[-len(fig.currency):]  # "提取 2.5 亿枚 USDC": the tokens moved are the subject
        subject = Name(coin, "asset", hi - len(coin), hi, first_after) if coin == fig.currency else None
    if metric and metric[0] == "price" and metric[1] in ("目标价", "目標價") and subject is not None and \
            subject.kind in ("org", "code") and entities.get(subject.text) != "nz":
        metric = ("share_price", metric[1])  # "MSTR 目标价": a listed company's price is its stock's
    restates = (levels or continues or part_of) and metric is None  # a word outside the vocabulary is a measure
    if metric and metric[0] == lexicon.OTHER:
        metric = None
    return (metric or (None, None), direction, sentence.text[subject.start:subject.end] if subject else None,
            restates)


def _moves(words: list[str], up: frozenset[str], down: frozenset[str]) -> bool:
    return any(w.lower() in up or w.lower() in down for w in words)


@functools.cache
def price_gap_re() -> re.Pattern:
    """What may stand between an asset and its price: time, venue, quote and move words."""
    words = [*_PRICE_GAP, *lexicon.direction_words(), *(w for w, k in lexicon.metric_words().items()
                                                       if k in ("price", "share_price"))]
    return re.compile(rf"(?:\s|\d|[.,%]|{lexicon.trie_alternation(w for w in words if not w.isascii())})*")


def nearest_metric_key(tokens: list[Token], lo: int, hi: int, key: str, inside_figure) -> bool:
    """Is there a word for metric `key` in tokens[lo:hi]?"""
    return any(not inside_figure(t[2]) and (metric_of(t[0]) or ("", ""))[0] == key for t in tokens[lo:hi])


def _clause_metric(tokens: list[Token], name: Name, inside_figure) -> str | None:
    """The first metric word after a name in the name's own clause."""
    for word, _, start in tokens[name.index + 1:]:
        if word in CLAUSE_MARKS:
            return None
        found = metric_of(word) if not inside_figure(start) else None
        if found:
            return found[0]
    return None


def _pick(names: list[Name], key: str | None) -> Name:
    """The nearest name; newly minted coins are about their issuer, an organisation."""
    if key == "mint":
        orgs = [n for n in names if n.kind == "org"]
        if orgs:
            return orgs[-1]
    return names[-1]
