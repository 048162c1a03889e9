"""Names in a segmented Chinese sentence, and the grammatical patterns that keep a name from
being a figure's subject: 据 X 数据 (a source), 从 X 提取 / 向 X 转入 (a counterparty), 在 X 上
(a venue), X 交易员 (people), 某/一名 X (an unnamed stand-in), 该/其 X (a definite stand-in).

A name is an entity of the lexicon, an organisation jieba tags nt (not a kind of thing such as
交易所), a place (ns, for economy-wide measures), or Latin words in capitals ("Reality Labs",
"F2Pool", "BTC"); an issuer written right before its product joins it ("贝莱德 IBIT").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.figures import lexicon
from pipeline.figures._seg import place_prefix
from pipeline.figures.money import CN_PREFIXES, SUFFIXES_CN

Token = tuple[str, str, int]  # word, part of speech, offset in the sentence

CLAUSE_MARKS = frozenset("，,；;：:、")  # brackets hold an aside ("资本支出(CapEx)"), not a clause
_SOURCE_LEADS = ("据", "據", "根据", "根據", "援引", "来自", "來自")
_SELF_REPORT = ("预计", "預計", "预期", "預期", "表示", "称", "稱", "披露", "公布", "财报", "財報", "指引", "宣布")
_SOURCE_AFTER = ("数据", "數據", "统计", "統計", "报道", "报导", "報導", "报告", "報告", "消息", "监测", "監測", "显示",
                 "顯示", "研究", "分析", "援引")
_WITH = ("与", "與", "和", "同", "跟")
_STATISTICS_OFFICES = ("统计局", "統計局", "统计处", "統計處", "主计总处", "主計總處", "主计处", "主計處")
_AGREE = ("达成", "達成", "签署", "簽署", "签订", "簽訂", "和解", "就")
_METHODS = ("方式", "模式", "机制", "機制", "方法")
_NOT_SOURCES = ("数据中心", "數據中心")  # "AMD 数据中心营收": a data center, not data
_COUNTERPARTY_LEADS = ("从", "從", "自", "向", "往", "至", "到", "由", "经", "經", "给", "給")  # 转让给 X: the buyer
_VENUE_LEADS = ("在", "于", "於")
_VENUE_ENDS = ("上", "链上", "鏈上", "平台", "平台上")
_PEOPLE = ("交易员", "交易員", "分析师", "分析師", "用户", "用戶", "投资者", "投資者", "研究员", "研究員",
           "创始人", "創始人", "散户", "散戶", "鲸鱼", "鯨魚", "巨鲸", "巨鯨", "持有者", "玩家")
INDEFINITE = ("某", "一名", "一位", "一家", "一个", "一個", "一巨鲸", "一巨鯨", "另一家", "另一名", "多家")
ANAPHORA = ("该", "該", "其", "此", "这家", "這家", "该公司", "該公司", "公司")
_GENERIC = ("交易所", "公司", "银行", "銀行", "央行", "平台", "基金", "协议", "協議", "项目", "項目", "机构", "機構",
            "集团", "集團", "券商", "矿企", "礦企", "市场", "市場", "政府", "监管", "監管", "部门", "部門")
# a company written as its proper part and a legal-form word: 英法海底隧道公司, 东电股份, 中信证券
ORG_SUFFIX = frozenset("公司 股份 集团 集團 控股 金控 投控 银行 銀行 证券 證券 资本 資本 科技".split())
_INDEX = ("指数", "指數")
_CENTRAL_BANK = ("央行", "中央银行", "中央銀行")
_BANKS = _CENTRAL_BANK + ("银行", "銀行")
_SUFFIX_RE = re.compile("|".join(sorted(ORG_SUFFIX | set(_INDEX), key=len, reverse=True)))
_LOWER_FIRST = re.compile(r"[a-z]{1,8}[A-Z][A-Za-z0-9]*$")  # xAI, dYdX, edgeX, pumpSwap
_PROPER_TAGS = frozenset(("ns", "nz", "nr", "nrt", "nt", "j"))
_RELATED_TAGS = ("nr", "nrt", "nz", "n")  # what jieba may take a name after a relation noun for
_NAME_TAGS = frozenset(("nt", "ns", "eng"))  # the tags find_names reads a name from, besides the lexicon's entities


@dataclass(frozen=True)
class Name:
    """A name in the sentence: where it is and what it names."""

    text: str
    kind: str  # "org" | "asset" | "code" | "place"
    start: int  # offset in the sentence
    end: int
    index: int  # index of its first token


def _is_latin_name(word: str, skip: frozenset[str]) -> bool:
    # "Reality Labs", "BTC", and names written lower-case first: "xAI", "dYdX", "iShares"
    return (word.isascii() and (word[:1].isupper() or _LOWER_FIRST.match(word) is not None)
            and any(c.isalpha() for c in word) and word not in skip and not (len(word) == 1))


def find_names(tokens: list[Token], inside_figure, entities: dict[str, str], skip: frozenset[str],
               sentence: str | None = None, measure=None) -> list[Name]:
    """Every name in the sentence, Latin names of several words joined ("Reality Labs"), and the
    topic of a clause that opens the sentence (`topic_names`; `measure` says which words are
    metric or move words)."""
    names: list[Name] = []
    i = 0
    n_tokens = len(tokens)
    while i < n_tokens:
        word, tag, start = tokens[i]
        entity = entities.get(word)
        if entity is None and tag not in _NAME_TAGS and not (tag in _RELATED_TAGS and _after_relation(tokens, i)) or \
                inside_figure(start):
            i += 1  # most tokens: neither an entity nor tagged like a name
            continue
        kind = None
        if tag == "nt" and entity is None and word.endswith(_GENERIC):
            # jieba's 交易所, 美国市场: kinds of thing, not names; a place's central bank is one bank (欧洲央行)
            # and so is a place's bank of one word (英格兰银行, 加拿大银行, 日本银行), not a kind of bank (商业银行)
            kind = "org" if word.endswith(_BANKS) and place_prefix(word) == word[:-len(_bank_word(word))] else None
        elif entity == "nt" or (tag == "nt" and entity is None):
            kind = "org"
        elif entity == "nz":
            kind = "asset"
        elif tag == "ns" and len(word) >= 2:
            kind = "place"
        elif tag == "eng" and _is_latin_name(word, skip) and not (i and _is_number_token(tokens, i)):
            kind = "code" if word.isupper() else "org"
            if _after_coin_noun(tokens, i):
                kind = "asset"  # "其稳定币 xUSD", "治理代币 ENA": a coin named after its kind
        elif tag in _RELATED_TAGS and len(word) >= 2 and _after_relation(tokens, i):
            kind = "org"  # "特斯拉的竞争对手比亚迪": the name a relation noun introduces, whatever jieba took it for
        if kind is None:
            i += 1
            continue
        end_i = i
        if tag == "eng":  # "Reality Labs", "Instagram Reels": capitalised words one space apart
            while (end_i + 2 < len(tokens) and tokens[end_i + 1][0] == " " and tokens[end_i + 2][1] == "eng"
                   and _is_latin_name(tokens[end_i + 2][0], skip) and not inside_figure(tokens[end_i + 2][2])):
                end_i += 2
        if word.isascii():
            while end_i + 2 < len(tokens) and tokens[end_i + 1][0] == "." and tokens[end_i + 2][1] == "eng" and \
                    tokens[end_i + 2][0].isalpha() and not inside_figure(tokens[end_i + 2][2]):
                end_i += 2  # "Pump.fun", "ether.fi": a name written as a domain
            while end_i + 1 < len(tokens) and tokens[end_i + 1][0] == "+" and tokens[end_i + 1][2] == \
                    tokens[end_i][2] + len(tokens[end_i][0]):
                end_i += 1  # "USD0++": the pluses are part of the name
        text = "".join(t[0] for t in tokens[i:end_i + 1])
        if kind == "org" and entities.get(text) == "nz":
            kind = "asset"
        end = tokens[end_i][2] + len(tokens[end_i][0])
        if names and names[-1].kind in ("org", "asset", "code") and kind in ("org", "asset", "code") and \
                not "".join(t[0] for t in tokens[names[-1].index:i]).replace(names[-1].text, "", 1).strip():
            last = names.pop()  # "贝莱德 IBIT": an issuer and its product, one name
            text = "".join(t[0] for t in tokens[last.index:end_i + 1])
            names.append(Name(text, last.kind, last.start, end, last.index))
        else:
            names.append(Name(text, kind, start, end, i))
        i = end_i + 1
    if sentence is not None and ("兑" in sentence or "兌" in sentence):
        names = _with_currency_pairs(names, tokens, inside_figure)
    if measure is not None:
        names = topic_names(names, tokens, inside_figure, measure)
    if sentence is not None and ("债" in sentence or "債" in sentence):
        names = _with_bonds(names, tokens)
    if sentence is not None and _SUFFIX_RE.search(sentence) is None:
        return names  # no legal-form word and no index: nothing more to name (most sentences)
    return _with_companies(names, tokens, inside_figure, measure)


# what a clause's topic is followed by: its time ("第三季度", "11 月", "上半年"), its measure
# ("营收", "净利润") or a verb of the company's own ("宣布", "实现")
_TOPIC_VERBS = frozenset("""宣布 公布 发布 發布 表示 称 稱 披露 预计 預計 实现 實現 录得 錄得 完成 获得 獲得 获 獲 计划 計劃
    拟 擬 今日 日前 近日 正式 再度 旗下 将 將 已 已经 已經 首次 同期 公告
    董事会 董事會 股东会 股東會 股东大会 股東大會 则 則""".split())  # "兆豐金則為 2.05 元": a party set beside the one before  # "長榮海運董事會通過…": the board acts for the company
# one-character words that are grammar, not a piece of a name jieba does not know
_FUNCTION_CHARS = frozenset("前的了在将將把被对對向从從于於据據受和与與及等也都又还還再该該其此这這那某各每全个個是为為有收报報盘盤则則")
_TOPIC_TAGS = frozenset(("n", "nr", "ns", "nt", "nz", "nrt", "j", "s", "ng", "nrfg", "vn"))
# a run of common words that opens a sentence but names a kind or a whole, not a company
TOPIC_GENERIC = ("全球", "全网", "全網", "全市场", "全市場", "美股", "港股", "A股", "国内", "國內", "海外", "行业", "行業",
                  "市场", "市場", "加密", "链上", "鏈上", "稳定币", "穩定幣", "比特币", "比特幣", "以太坊", "现货", "現貨",
                  "机构", "機構", "投资者", "投資者", "散户", "散戶", "美国", "美國", "中国", "中國", "日本", "韩国", "韓國",
                  # Taiwan's kinds of investors: 外资 (foreign), 投信 (trusts), 自营商 (dealers), 法人
                  "外资", "外資", "投信", "自营商", "自營商", "三大法人", "法人")
# the time a figure covers, right after its topic: "2025 年", "第三季度", "上月", "本週", "前三季"
_TIME_AHEAD = re.compile(r"[0-9０-９]|第|前 ?[0-9０-９一二三四五六七八九十]|[上本今去前近首][个個]?(?:月|周|週|季|年|半年|财年|財年|三季)|[一二三四]季|全年|昨|周[一二三四五六日]|"
                         r"週[一二三四五六日]")
_CN_NUMERAL = re.compile("[第一二三四五六七八九十百千万萬亿億两兩零]")
# the market a company's shares trade in, written before it ("港股美团") or after it ("小米集团港股")
MARKET_LEADS = frozenset("港股 美股 A股 台股 陆股 陸股 日股 韩股 韓股 币圈 幣圈".split())
_LEAD_CLAUSE = ("据", "據", "根据", "根據", "受", "截至", "随着", "隨著", "据悉", "據悉", "此外", "另外", "同时", "同時")
# the words that end a news agency's opening clause: a dateline ("财联社 11 月 28 日电，") or "36氪获悉，"
# an opening clause that ends in its verb of saying: what follows is told ("主计总处公布，台湾第三季…")
_SAYS = frozenset("公布 表示 指出 称 透露 宣布 预估 估计 认为 发布".split())
_REPORTED = ("显示", "顯示", "报道", "报导", "報導", "获悉", "獲悉", "讯", "訊", "电", "電", "日电", "日電")
_DATELINE_RE = re.compile(r"(?:(?:[0-9]{1,2}月[0-9]{1,2}日)?[电電]|[获獲]悉|[讯訊])[，,：:]")
# a kind of company before its name, in apposition: "具身智能公司银河通用", "加密货币交易所 Gemini"
_NOUN_TAGS = frozenset(("n", "nr", "nrt", "nz", "nt", "j"))
_APPOSITION_KINDS = frozenset("公司 企业 企業 交易所 平台 巨头 巨頭 独角兽 獨角獸 初创 初創 车企 車企 厂商 廠商".split())


def market_tokens(tokens: list[Token], k: int) -> int:
    """How many tokens at k write a market shares trade in ("港股", or jieba's "美 | 股" after a name); 0 if none."""
    if tokens[k][0] in MARKET_LEADS:
        return 1
    return 2 if k + 1 < len(tokens) and tokens[k][0] + tokens[k + 1][0] in MARKET_LEADS else 0


def _topic_starts(tokens: list[Token]) -> list[int]:
    """Token indices where a clause's topic may stand: the sentence's start, and the start of the
    clause after an opening clause of source or circumstance ("据 CoinDesk 报道，", "受关税影响，")."""
    starts = [0]
    for i, (word, _, _) in enumerate(tokens):
        if word not in CLAUSE_MARKS:
            continue
        first = next((t[0] for t in tokens[starts[-1]:i] if t[0].strip()), "")
        last = next((t[0] for t in reversed(tokens[starts[-1]:i]) if t[0].strip()), "")
        if len(starts) == 1 and (first.startswith(_LEAD_CLAUSE) or last in _SAYS or
                                 any(t[0] in _REPORTED for t in tokens[starts[-1]:i])):
            starts.append(i + 1)
        else:
            break
    # "理想汽车三季度营收…；小鹏汽车同期营收…": a semicolon opens a clause of its own topic; 将 before a
    # noun is 把, and what follows it is what the measure is of ("富邦投顾将大立光目标价…")
    starts.extend(i + 1 for i, t in enumerate(tokens) if (t[0] in "；;" or t[0] in ("将", "把") and i + 1 < len(tokens)
                                                          and tokens[i + 1][1][:1] not in ("p", "u", "d", "c", "x")
                                                          and _disposal(tokens, i)) and i + 1 > starts[-1])
    return sorted(set(starts))


def _disposal(tokens: list[Token], i: int) -> bool:
    """Is 将 at tokens[i] 把 before its object, a measure soon after ("将 | 大/立/光 | 目标价"), not "will"?"""
    return any(t[0] in ("目标价", "评级", "利率", "费率", "价格") for t in tokens[i + 1:i + 6])


def topic_names(names: list[Name], tokens: list[Token], inside_figure, measure) -> list[Name]:
    """Names plus the topic of an opening clause that jieba does not know as a name: Chinese news
    opens with the company and then says when, what or what it did ("小米集团第三季度营收…",
    "拼多多第三季度营收…", "鸿海 11 月营收…", "美团宣布…"). A run of up to six characters of nouns
    and the single characters jieba cuts an unknown name into, before a time word, a metric word or
    a verb of the company's own, is a name when it holds such a cut name, a proper noun or a
    legal-form word; a common noun alone (全网, 市场) or a run opening with one (全球加密货币) is not.
    A word jieba tags as a place, alone before the time of the figure, is the topic too ("廣達 11 月營收",
    "美国 11 月失业率"): a company jieba mistakes for a place, or the country whose economy is told."""
    taken = {n.index for n in names}
    places = {n.index: n for n in names if n.kind == "place"}
    promoted: set[int] = set()
    added: list[Name] = []
    pending = _topic_starts(tokens)
    movers = _mover_starts(tokens, inside_figure, pending)
    semicolons = {i + 1 for i, t in enumerate(tokens) if t[0] in "；;"}
    for start in sorted(set(pending) | set(movers)):
        i = start
        while i < len(tokens) and not tokens[i][0].strip():
            i += 1
        j = i
        while j < len(tokens) and j - i < 4:
            word, tag, offset = tokens[j]
            if not word.strip() or not _is_han(word) or inside_figure(offset) or measure(word) or word in _TOPIC_VERBS:
                break
            if len(word) == 1 and (word in _FUNCTION_CHARS or tag[:1] in ("m", "q", "t") and j > i and not (
                    j + 1 < len(tokens) and len(tokens[j + 1][0]) == 1 and _is_han(tokens[j + 1][0]))):
                break  # grammar, or a number, measure or time character after a word (家庭 | 月收入), unless
                # a cut name goes on (三/箭/资本, 日/月光/投控)
            if len(word) > 1 and tag not in _TOPIC_TAGS and not (tag == "m" and j > i and len(tokens[j - 1][0]) == 1
                                                                 and not _CN_NUMERAL.search(word)):
                break  # a time, a number, a verb ends the topic; "拼" + "多多": a cut name goes on (not "第三")
            j += 1
            if word in ORG_SUFFIX:
                break
        while i < j and tokens[i][0] in MARKET_LEADS:
            i += 1  # "港股美团收跌 3.5%": the market is where, the company what
        run = tokens[i:j]
        k = j
        while k < len(tokens) and not tokens[k][0].strip():
            k += 1
        if not run or k >= len(tokens):
            continue
        market = market_tokens(tokens, k)
        if market and k + market < len(tokens):
            k += market  # "小米集团港股盘中大涨 8%", "阿里巴巴美股盘前": the company, then the market its shares trade in
            while k + 1 < len(tokens) and not tokens[k][0].strip():
                k += 1
        nxt, ntag, _ = tokens[k]
        timed = ntag[:1] == "t" or ntag == "mq" or _TIME_AHEAD.match("".join(t[0] for t in tokens[k:k + 3])) is not None
        if not (timed or measure(nxt) or nxt in _TOPIC_VERBS or nxt[:1] in "收报報盘盤"):  # "美团收跌", "美团盘中"
            kind_at = next((m for m in range(start, min(len(tokens), start + 6)) if tokens[m][0] in CLAUSE_MARKS
                            or tokens[m][0] in _APPOSITION_KINDS), None)
            # a kind with nothing before it opens the clause alone: a stand-in ("公司预估本季营收…"), not an apposition
            if kind_at is not None and kind_at > i and tokens[kind_at][0] in _APPOSITION_KINDS:
                added.extend(_apposed(tokens, kind_at + 1, inside_figure, measure))
            continue
        if len(run) == 1 and timed and places.get(i) is not None:
            promoted.add(i)  # "廣達 11 月營收": a word jieba takes for a place, opening the sentence before its time
            continue
        # a place may open a company's name ("贵州/茅台"), not another name
        if any(k in taken and k not in places for k in range(i, j)) or not 2 <= sum(len(t[0]) for t in run) <= 6:
            continue
        if i in places and len(run) == 1:
            continue
        cut = any(len(t[0]) == 1 for t in run)
        proper = any(t[1] in _PROPER_TAGS and t[1] != "ns" for t in run) or (len(run) > 1 and any(t[1] == "ns" for t in run))
        legal = run[-1][0] in ORG_SUFFIX and len(run) > 1
        # two common words that make no word together, before the time of the figure: "东方财富 2025 年"
        compound = len(run) > 1 and timed
        # one word before the time and then a measure: "百度第三季度营收", the company the result is told of
        told = len(run) == 1 and timed and _measure_after_time(tokens, k, measure)
        text = "".join(t[0] for t in run)
        if start in movers and start not in pending:
            # "…，网易跌 3.1%，哔哩哔哩跌 2.4%": a clause of its own mover, the name whatever jieba tagged it,
            # (a cut name: 小/鹏/汽车, 哔/哩/哔/哩), unless it is a kind of stock or market (个股, 科技股, 大盘)
            # or not a noun (环比, 随后, 当日)
            first_tag = run[0][1][:1]
            cut = any(len(t[0]) == 1 for t in run)
            proper = any(t[1] in _PROPER_TAGS or t[1] in ("x", "eng") for t in run)
            stocks = any("股" in t[0] for t in tokens)  # a list of stock movers: a common noun may name one (网易)
            at, how = movers[start]
            if at != k or how != "parallel" and first_tag not in ("n", "x", "e") and \
                    (len(run[0][0]) > 1 or first_tag in _GRAMMAR_TAGS) or \
                    not (cut or proper or stocks and how == "move" or how == "parallel") or text.startswith(_COMPARING) or text.endswith(_MARKET_KINDS) or text.startswith(TOPIC_GENERIC) or text.startswith(ANAPHORA) or \
                    run[0][0] in _GENERIC or text.endswith(_GENERIC) or \
                    any(k in taken and k not in places for k in range(i, j)):  # "融创/中国": a place inside
                continue
            index = text.endswith(_INDEX) or text.endswith("指")  # 沪指, 创业板指
            added.append(Name(text, "asset" if index else "org", run[0][2], run[-1][2] + len(run[-1][0]), i))
            continue
        # a kind of party, not a name: 央行, 项目方, 监管部门
        # (but "苹果公司": a known name and its legal form)
        kind_of = run[0][0] in _GENERIC or len(run) == 1 and text.endswith(_GENERIC) and not _named_company(text) or \
            text.endswith("方")
        if text.startswith(TOPIC_GENERIC) or text.startswith(ANAPHORA) or kind_of or \
                not (cut or proper or legal or compound or told) or \
                start in semicolons and not (proper or cut and run[-1][1] in _NOUN_TAGS):
            continue  # after a semicolon, a run with a proper noun or ending in a noun ("零/跑/汽车", not "经/调整")
        kind = "asset" if text.endswith(_INDEX) else "org"  # "柜/买/指数": an index, priced
        added.append(Name(text, kind, run[0][2], run[-1][2] + len(run[-1][0]), i))
    covered = {k for n in added for k in places if n.start <= places[k].start < n.end}
    if covered:  # "贵州茅台": the place is part of the company's name
        names = [n for n in names if n.index not in covered]
    if promoted:  # the company, or the country whose economy is told: a subject whatever the measure
        names = [Name(n.text, "org", n.start, n.end, n.index) if n.index in promoted else n for n in names]
    if not added:
        return names
    return sorted(names + added, key=lambda n: n.start)


# kinds of stock and of market that move like a company but name none
_MARKET_KINDS = ("股", "板块", "板塊", "大盘", "大盤", "盘", "盤", "龙头", "龍頭", "权重", "權重", "两市", "兩市", "指数", "指數")
_QUALIFIER_WORDS = frozenset("超 逾 约 約 近 了".split())
_PARALLEL = ("则", "則")
_GRAMMAR_TAGS = frozenset("mqtdpcrfu")
_COMPARING = ("较", "較", "比", "并", "並", "但", "而", "且")


def _mover_starts(tokens: list[Token], inside_figure, pending: list[int]) -> dict[int, tuple[int, str]]:
    """Clause starts (after a comma) whose clause is a short run of words and then a move word with the
    percentage right after it ("网易跌 3.1%", "美团跌超 5%": each stock of a list of movers in its own
    clause, not a level: "总量升至 780 亿美元"), 则为 ("宏碁則為 0.35 元": another party, the measure
    before) or 为 or the figure itself ("兆豐金 2.05 元"): each with the index of that word and its kind."""
    up, down = lexicon.up_words(), lexicon.down_words()
    out: dict[int, tuple[int, str]] = {}
    starts = [i + 1 for i, t in enumerate(tokens) if t[0] in ("，", ",")]
    for start in starts:
        if start in pending:
            continue
        for k in range(start + 1, min(len(tokens), start + 5)):
            word = tokens[k][0]
            if inside_figure(tokens[k][2]):
                out[start] = (k, "level")  # the run, then the figure
                break
            if word in CLAUSE_MARKS or not word.strip():
                break
            if word in _PARALLEL and k + 1 < len(tokens) and tokens[k + 1][0] in ("为", "為"):
                out[start] = (k, "parallel")
                break
            if word in ("为", "為") and k + 1 < len(tokens) and inside_figure(tokens[k + 1][2]):
                out[start] = (k, "level")
                break
            if word in up or word in down:
                m = k + 1
                while m < len(tokens) and (not tokens[m][0].strip() or tokens[m][0] in _QUALIFIER_WORDS):
                    m += 1
                end = m
                while end < len(tokens) and inside_figure(tokens[end][2]):
                    end += 1
                if any(t[0] in ("%", "％") for t in tokens[m:end]):
                    out[start] = (k, "move")
                break
    return out


def _named_company(word: str) -> bool:
    """Is `word` a name the lexicon knows and a legal-form word ("苹果公司", "特斯拉公司"), not a kind of company?"""
    entities = lexicon.entities()
    return any(word.endswith(g) and len(word) > len(g) + 1 and word[:-len(g)] in entities for g in ORG_SUFFIX)


def _apposed(tokens: list[Token], k: int, inside_figure, measure) -> list[Name]:
    """The name right after a kind of company that opens the sentence ("具身智能公司 | 银河通用 | 近日完成"):
    the Chinese words up to its time, its own verb or its measure, whatever jieba tagged them, when
    they make two to six characters and hold no grammar character."""
    j = k
    while j < len(tokens) and j - k < 4:
        word, tag, offset = tokens[j]
        if not _is_han(word) or inside_figure(offset) or measure(word) or word in _TOPIC_VERBS or \
                tag[:1] in ("t", "m", "p", "d", "u", "c") or len(word) == 1 and word in _FUNCTION_CHARS:
            break
        j += 1
    size = sum(len(t[0]) for t in tokens[k:j])
    nxt = tokens[j] if j < len(tokens) else None
    if not 2 <= size <= 6 or nxt is None or not (nxt[1][:1] == "t" or nxt[0] in _TOPIC_VERBS or measure(nxt[0])):
        return []
    return [Name("".join(t[0] for t in tokens[k:j]), "org", tokens[k][2], tokens[j - 1][2] + len(tokens[j - 1][0]), k)]


def _measure_after_time(tokens: list[Token], k: int, measure) -> bool:
    """Does a metric word follow the time that starts at tokens[k] ("第三季度营收", "2025 年 营收")?"""
    while k < len(tokens) and (not tokens[k][0].strip() or tokens[k][1][:1] in ("t", "m") or
                               tokens[k][0] in ("年", "月", "季", "季度", "财年", "財年", "财", "財", "前", "第", "经", "调整") or
                               tokens[k][0][:1].isdigit() or tokens[k][0] in _TOPIC_VERBS):
        # "前三季度实现营业收入": the time, the company's own verb, then its measure
        k += 1
    return k < len(tokens) and measure(tokens[k][0])


_RATE_MARKS = ("兑", "兌")
_CURRENCIES = frozenset(w for w in (*SUFFIXES_CN, *CN_PREFIXES) if len(w) >= 2 and not w.startswith("元"))


def _with_currency_pairs(names: list[Name], tokens: list[Token], inside_figure) -> list[Name]:
    """Names plus a currency quoted in another ("日圓兌美元貶值 0.6%", "人民币兑美元升值"): the first of the
    pair is what is priced, an asset. Currency words are money.py's (as the Simplified twin writes them)."""
    out = names
    currencies = _currency_words()
    for i in range(len(tokens) - 1):
        word, _, start = tokens[i]
        if word[-1:] in _RATE_MARKS and word[:-1] in currencies:  # jieba's "美元兑" | "新台币"
            word, quoted = word[:-1], tokens[i + 1][0]
        elif i + 2 < len(tokens) and tokens[i + 1][0] in _RATE_MARKS:
            quoted = "".join(t[0] for t in tokens[i + 2:_currency_end(tokens, i + 2) or i + 3])  # "日 | 圓"
        else:
            continue
        if inside_figure(start) or word not in currencies or not quoted.startswith(tuple(currencies)):
            continue
        out = [n for n in out if n.end <= start or n.start >= start + len(word)]
        out.append(Name(word, "asset", start, start + len(word), i))
    return sorted(out, key=lambda n: n.start) if out is not names else names


def past_quote_currency(tokens: list[Token], i: int) -> int:
    """The token after the currency a pair is quoted in ("日元 | 兑 | 美元 | 贬值"), else i: the quote
    currency says what the price is in, not what else is measured."""
    if i + 1 < len(tokens) and tokens[i][0] in _RATE_MARKS:
        return _currency_end(tokens, i + 1) or i
    if 0 < i < len(tokens) and tokens[i - 1][0][-1:] in _RATE_MARKS and len(tokens[i - 1][0]) > 1:
        return _currency_end(tokens, i) or i  # jieba's "美元兑" | "日圆"
    return i


def _currency_end(tokens: list[Token], j: int) -> int | None:
    """The token after a currency word that starts at tokens[j], which jieba may split ("日 | 圓")."""
    text = ""
    for k in range(j, min(len(tokens), j + 4)):
        text += tokens[k][0]
        if text in _currency_words():
            return k + 1
        if not any(w.startswith(text) for w in _currency_words()):
            return None
    return None


def _currency_words() -> frozenset[str]:
    """The Chinese currency words of two or more characters money.py reads (美元, 日圆, 人民币, 欧元...)."""
    return _CURRENCIES


# nouns that introduce a name by its relation to another ("X 的竞争对手 Y", "X 旗下 Y"): Y is named
RELATIONS = frozenset("竞争对手 競爭對手 对手 對手 劲敌 勁敵 子公司 母公司 旗下 合作伙伴 合作夥伴 股东 股東".split())


def _after_relation(tokens: list[Token], i: int) -> bool:
    """Is tokens[i] right after a relation noun (blanks between)?"""
    j = i - 1
    while j >= 0 and not tokens[j][0].strip():
        j -= 1
    return j >= 0 and tokens[j][0] in RELATIONS


def _bank_word(word: str) -> str:
    return next(b for b in sorted(_BANKS, key=len, reverse=True) if word.endswith(b))


def _is_han(word: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in word)


def _with_companies(names: list[Name], tokens: list[Token], inside_figure, measure=None) -> list[Name]:
    """Names plus companies jieba does not know, written as up to three proper or noun tokens and a
    legal-form word (英法/海底隧道/公司, 东/电/股份, 京东/集团). A lone place before 公司 or 银行 is a
    kind of company ("美国公司"), not a name."""
    out = names
    for i, (word, _, end_start) in enumerate(tokens):
        if word.endswith(_INDEX) and not inside_figure(end_start):
            if measure is None or not measure(word):  # 消费者物价指数 is a measure (CPI), not an index traded
                out = _with_index(out, tokens, i)
            continue
        if word not in ORG_SUFFIX or i == 0 or inside_figure(end_start):
            continue
        j = i
        while j > 0 and i - j < 3 and tokens[j - 1][1][:1] in ("n", "j") and tokens[j - 1][0].strip() and \
                not inside_figure(tokens[j - 1][2]) and tokens[j - 1][0] not in ORG_SUFFIX and \
                not tokens[j - 1][0].startswith(ANAPHORA):
            j -= 1
        part = tokens[j:i]
        if not part or not any(t[1] in _PROPER_TAGS for t in part):
            continue
        if len(part) == 1 and part[0][1] == "ns" and word in ("公司", "银行", "銀行"):
            continue
        start, end = tokens[j][2], end_start + len(word)
        out = [n for n in out if n.end <= start or n.start >= end]
        out.append(Name("".join(t[0] for t in tokens[j:i + 1]), "org", start, end, j))
    return sorted(out, key=lambda n: n.start) if out is not names else names


# a government bond, with its tenor: "十年期美债", "10 年期美国国债", "2 年期日债" (read on the Simplified twin)
_BOND_RE = re.compile(r"(?:(?:[0-9]{1,2} ?|[一二三五七十]{1,3}|两)年期)?(?:美国国债|美国公债|美债|日本国债|日债|德债|英债|国债)")


_YIELD_WORDS = ("收益率", "殖利率", "利率")


def _with_bonds(names: list[Name], tokens: list[Token]) -> list[Name]:
    """Names plus the government bonds whose yield the sentence tells ("十年期美债收益率"): assets. Debt
    held ("持有美债逾 1,350 亿美元") is the holder's reserves, and the holder its subject."""
    text = "".join(t[0] for t in tokens)
    starts = {t[2]: i for i, t in enumerate(tokens)}
    out = names
    for m in _BOND_RE.finditer(text):
        if m.start() not in starts or not text.startswith(_YIELD_WORDS, m.end()):
            continue  # not at a token's start (a piece of another word), or debt held, not a yield told
        kept = [n for n in out if n.end <= m.start() or n.start >= m.end()]
        kept.append(Name(m.group(0), "asset", m.start(), m.end(), starts[m.start()]))
        out = sorted(kept, key=lambda n: n.start)
    return out


def _with_index(names: list[Name], tokens: list[Token], i: int) -> list[Name]:
    """An index named by the words before its 指数, up to four tokens and seven characters
    ("台/股/加权指数", "费城/半导体/指数", "道/琼/工业/指数", "标普500/指数"): an asset."""
    j = i
    size = 0
    while j > 0 and i - j < 4 and tokens[j - 1][0].strip() and size + len(tokens[j - 1][0]) <= 7 and \
            tokens[j - 1][0] not in CLAUSE_MARKS and (tokens[j - 1][1][:1] not in ("v", "x", "p", "u", "m", "d", "c") or
                                                      tokens[j - 1][1] == "vn") \
            and not (tokens[j - 1][1][:1] == "a" and len(tokens[j - 1][0]) == 1):
        size += len(tokens[j - 1][0])
        j -= 1
    start, end = tokens[j][2], tokens[i][2] + len(tokens[i][0])
    if end - start < 3:
        return names
    kept = [n for n in names if n.end <= start or n.start >= end]
    kept.append(Name("".join(t[0] for t in tokens[j:i + 1]), "asset", start, end, j))
    return sorted(kept, key=lambda n: n.start)


def _after_coin_noun(tokens: list[Token], i: int) -> bool:
    """Is tokens[i] written right after a word for a coin (币, 代币, 稳定币; blanks between)?"""
    j = i - 1
    while j >= 0 and not tokens[j][0].strip():
        j -= 1
    return j >= 0 and tokens[j][0].endswith(("币", "幣"))


def _is_number_token(tokens: list[Token], i: int) -> bool:
    """Is tokens[i] written right after a number ("1.1 ZH/s", "10 GW"): a unit, not a name?"""
    j = i - 1
    while j >= 0 and not tokens[j][0].strip():
        j -= 1
    return j >= 0 and tokens[j][0][-1:].isdigit()


def _words(tokens: list[Token], lo: int, hi: int) -> list[str]:
    """The non-blank words of tokens[lo:hi]."""
    return [t[0] for t in tokens[max(0, lo):max(0, hi)] if t[0].strip()]


def why_not_subject(name: Name, tokens: list[Token], names_end: int) -> str | None:
    """Why a name is not a subject by its grammatical pattern: "source", "counterparty",
    "venue", "people", "indefinite"; None when it may be one."""
    before = _words(tokens, name.index - 5, name.index)
    for k in range(len(before) - 1, -1, -1):  # this clause only
        if before[k] in CLAUSE_MARKS:
            before = before[k + 1:]
            break
    following = _words(tokens, names_end, names_end + 6)[:3]  # blanks between words are no words
    if before and before[-1] in _SOURCE_LEADS or len(before) > 1 and before[-2] in _SOURCE_LEADS and \
            before[-1] not in CLAUSE_MARKS:
        if not (following and following[0].startswith(_SELF_REPORT)):
            return "source"
    if name.text.endswith(_STATISTICS_OFFICES):
        return "source"  # "国家统计局公布，…PMI 为 49.2%": a statistics office tells the economy's figures, not its own
    if _DATELINE_RE.match("".join(_words(tokens, names_end, names_end + 8))):
        return "source"  # "财联社 11 月 28 日电", "36氪获悉": the agency that reports
    if following and (following[0].startswith(_SOURCE_AFTER) and following[0] not in _NOT_SOURCES or
                      following[0] == "的" and len(following) > 1 and following[1].startswith(_SOURCE_AFTER)):
        return "source"  # "国家统计局数据显示", "分析国家统计局的数据"
    if following and (following[0] in RELATIONS or following[0] == "的" and not RELATIONS.isdisjoint(following[1:3])):
        return "related"  # "特斯拉的竞争对手比亚迪": the name the relation introduces is the subject
    if before and before[-1] in _COUNTERPARTY_LEADS:
        return "counterparty"
    if len(before) > 1 and before[-1] in _WITH and following and following[0].startswith(_AGREE):
        return "partner"  # "币安与美国司法部达成认罪协议": the party the name before agrees with
    if before and before[-1] in _VENUE_LEADS and following and (
            following[0] in _VENUE_ENDS or len(following) > 1 and following[1] in ("上", "上的")):
        return "venue"  # "在 Aave 上", "于 Tron 链上" (链 and 上 apart)
    if following and following[0] in _PEOPLE:
        return "people"
    if following and (following[0] in _METHODS or len(following) > 2 and following[0] in ("或", "和", "与", "與", "、")
                      and following[2] in _METHODS):
        return "method"  # "采用 BOT 或 TOT 方式": the name of a way of doing things, not a party
    if any(w in INDEFINITE or w.startswith("某") for w in before[-4:]):
        return "indefinite"
    if before and before[-1] in ANAPHORA[:4]:
        return "indefinite"
    return None


def name_end(tokens: list[Token], name: Name) -> int:
    """Index of the first token after the name."""
    i = name.index
    while i < len(tokens) and tokens[i][2] < name.end:
        i += 1
    return i
