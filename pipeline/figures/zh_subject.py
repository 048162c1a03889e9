"""Who or what a figure in a Chinese sentence is about: the asset right after an amount ("价值约
90 万美元的 USDC"), what was bought, invested in or robbed, the coin priced, else the nearest name of
its clause before it, else of the clauses before, else a name later in the sentence ("1350 亿美元，
这是 Meta 的…"). Newly minted coins are about their issuer.
"""

from __future__ import annotations

from pipeline.figures import lexicon
from pipeline.figures.names_zh import CLAUSE_MARKS, TOPIC_GENERIC, Name, Token, name_end
from pipeline.figures.zh_metric import BUY_VERBS, ECONOMY, nearest_metric
from pipeline.figures._seg import place_prefix
from pipeline.figures.zh_sentence import Clause, Sentence
from pipeline.figures.zh_words import metric_of
from pipeline.models import Figure


CENTRAL_BANKS = ("央行", "中央银行", "美联储", "联储", "联准会")
_PART_WORDS = ("其中", "当中")
_DIVIDEND = ("现金殖利率", "股息", "股利", "殖利率")  # the twin's words: a stock's payout over its price


def figure_subject(sentence: Sentence, c: Clause, fig: Figure, key: str | None) -> Name | None:
    """The subject of `fig`, whose metric key is `key`."""
    tokens, hi, inside_figure = c.tokens, c.hi, c.inside_figure
    first_after, clause_from, clause_end = c.first_after, c.clause_from, c.clause_end
    own, after_words, usable, own_names, indefinite_here = c.own, c.after_words, c.usable, c.own_names, c.indefinite_here
    subject: Name | None = _respectively(sentence, c)
    if subject is None and fig.kind == "percent":
        subject = _stake_owner(c)  # "把沪杭高速公路上海段 99.35% 的股权…转让": whose stake it is
    if subject is None and key != "mint" and len(after_words) > 1 and after_words[0][0] == "的":
        # "价值约 90 万美元的 USDC": that asset's worth (newly minted coins are their issuer's)
        owned = [n for n in usable if n.index in (first_after + 1, first_after + 2) and n.kind in ("asset", "code")]
        if owned:
            subject = owned[0]
    if subject is None and key != "buyback" and (key in ("spending", "investment", "hack_loss") or
                                                 any(t[0] in BUY_VERBS for t in after_words[:2])):
        bought = [n for n in usable if first_after <= n.index < clause_end and n.kind != "place"]
        if bought:
            subject = bought[0]
    if subject is None and key == "price" and not any(n.kind in ("asset", "code") for n in own_names):
        priced = [n for n in usable if first_after <= n.index < clause_end and n.kind == "asset"]
        if priced:  # "以每枚约 10.2 万美元的均价出售 350 枚比特币": the price of the coin sold
            subject = priced[0]
    if subject is None:
        candidates = [n for n in own_names if n.kind != "place" or key in ECONOMY or _owns_measure(c, n)]
        if candidates:
            subject = _pick(candidates, key, c)
        elif not indefinite_here:
            earlier = [n for n in usable if n.index < clause_from and
                       (n.kind != "place" or key in ECONOMY or _owns_measure(c, n))]
            own_metric = nearest_metric(c, fig, own)
            told = _clause_metric(tokens, earlier[-1], inside_figure) if earlier else None
            # an economy's measure takes a name before only if that name's clause tells the same measure,
            # or the name is a place, whose economy it is ("美国 11 月非农就业人口增加…，失业率升至 4.2%")
            # a central bank sets the rates it holds ("歐洲央行按兵不動，存款機制利率維持在 2%")
            rate_setter = earlier and own_metric and own_metric[0] == "interest_rate" and \
                lexicon.to_simplified(earlier[-1].text).endswith(CENTRAL_BANKS)
            # a dividend yield is the company's, not the economy's ("長榮海運…，現金殖利率約 5.6%")
            dividend = bool(earlier) and own_metric is not None and own_metric[1].startswith(_DIVIDEND) and \
                earlier[-1].kind == "org"
            if earlier and (rate_setter or dividend or not (own_metric and own_metric[0] in ECONOMY and
                                                            told != own_metric[0] and
                                                            tokens[earlier[-1].index][1] != "ns")):
                subject = _pick(earlier, key, c)
            elif not earlier:  # "1350 亿美元，这是 Meta 的…": a name later in the sentence, before a colon
                # not into a part of the whole ("卖超台股 312 亿元，其中卖超台积电 150 亿元")
                stop = next((i for i in range(first_after, len(tokens)) if tokens[i][0] in "；;：:" or
                             tokens[i][0] in _PART_WORDS), len(tokens))
                later = [n for n in usable if first_after <= n.index < stop and
                         (n.kind == "org" or n.index == first_after or n.index == first_after + 1 and
                          not tokens[first_after][0].strip())]  # an asset only right after ("95 亿美元比特币期权")
                subject = later[0] if later else None
    if subject is None and key in ECONOMY and not indefinite_here:
        subject = _country_of_source(sentence, c)  # "美国劳工部数据显示，失业率升至 4.4%": the source's country
    if subject is None and "枚" in fig.text and key != "mint" and fig.currency:
        coin = fig.text.rstrip()[-len(fig.currency):]  # "提取 2.5 亿枚 USDC": the tokens moved are the subject
        subject = Name(coin, "asset", hi - len(coin), hi, first_after) if coin == fig.currency else None
    if key == "fine" and subject is not None and subject.end <= c.lo:
        subject = _fined(c, subject)
    return subject


_PASSIVE = ("遭", "被")
_ON = ("对", "向")  # the clause is read in Simplified


def _fined(c: Clause, subject: Name) -> Name | None:
    """A fine is about who pays it: the name after the fining verb ("金管會重罰某券商": a stand-in, none),
    or before 遭/被 when the one who fines is named ("某壽險公司遭金管會重罰")."""
    tokens, usable = c.tokens, c.usable
    verb = next((k for k in range(subject.index + 1, c.last_before + 1)
                 if (metric_of(tokens[k][0]) or ("", ""))[0] == "fine"), None)
    before = [tokens[j][0] for j in range(max(c.clause_from, subject.index - 2), subject.index)]
    if verb is None or not set(before).isdisjoint(_ON):
        return subject  # "美国司法部对币安罚款 43 亿美元": the one fined is named after 对
    if not set(before).isdisjoint(_PASSIVE):
        payers = [n for n in usable if c.clause_from <= n.index < subject.index - 1]
        return payers[-1] if payers else None
    paying = [n for n in usable if verb < n.index <= c.last_before and n.kind != "place"]
    return paying[0] if paying else None


_STAKE_WORDS = ("股权", "股份")  # as the Simplified twin writes them
_STAKE_STOPS = frozenset("把 将 持 所持 持有 出售 收购 转让 买入 卖出 购入 增持 减持 旗下 其 该 此 这 的".split())


def _stake_owner(c: Clause) -> Name | None:
    """The company or asset whose stake a percentage is, written right before it ("所持英伟达 5% 的股份",
    "把沪杭高速公路上海段 99.35% 的股权"): the nouns and cut characters back to the verb or 把 that governs
    them, when jieba knows no name there; a kind of company alone (公司, 银行) is none."""
    after = [t[0] for t in c.after_words[:2]]
    if not after or not (after[0] in _STAKE_WORDS or after[0] == "的" and after[1:2] and after[1] in _STAKE_WORDS):
        return None
    tokens = c.tokens
    k = c.last_before
    while k >= c.clause_from and not tokens[k][0].strip():
        k -= 1
    end, run = k, 0
    while k >= c.clause_from and end - k < 6:
        word, tag, offset = tokens[k]
        if not word.strip() or c.inside_figure(offset) or word in _STAKE_STOPS or metric_of(word) or \
                not all("\u4e00" <= ch <= "\u9fff" for ch in word) or \
                len(word) > 1 and tag[:1] not in ("n", "j") and tag != "vn" or \
                len(word) == 1 and tag[:1] in ("p", "u", "c", "r", "m"):
            break
        run += len(word)
        k -= 1
    if k == end or not 2 <= run <= 12:
        return None
    first = k + 1
    text = "".join(t[0] for t in tokens[first:end + 1])
    if text.endswith(("公司", "银行", "集团")) and len(text) <= 3:
        return None
    known = [n for n in c.usable if first <= n.index <= end and n.kind != "place"]  # a place may open a name (上海段)
    if known:
        return known[-1]
    return Name(text, "org", tokens[first][2], tokens[end][2] + len(tokens[end][0]), first)


_RESPECTIVELY = ("分别", "各自")  # as the Simplified twin's tokens write them
_RESPECTIVELY_WRITTEN = ("分别", "分別", "各自")  # as the sentence may be written
_LIST_JOINS = ("、", "和", "与", "及", "以及", ",", "，")


def _respectively(sentence: Sentence, c: Clause) -> Name | None:
    """ "上海、江苏和浙江省电厂的电价将分别提高至 280 元、300 元和 338 元": with 分别, the k-th figure after
    it is about the k-th of as many names listed before it."""
    if not any(w in sentence.text for w in _RESPECTIVELY_WRITTEN):
        return None  # most sentences: no 分别 at all
    tokens = c.tokens
    at = next((i for i in range(c.last_before, -1, -1) if tokens[i][0] in _RESPECTIVELY), None)
    if at is None:
        return None
    after = [a for a in sentence.figure_starts if a >= tokens[at][2]]
    stop = next((i for i in range(at - 1, -1, -1) if tokens[i][0] in "；;。：:"), -1)
    listed: list[Name] = []
    for n in sentence.names:
        if not stop < n.index < at or sentence.reasons[n.index] not in (None, "related"):
            continue
        if listed and (listed[-1].kind != n.kind or not all(
                not t[0].strip() or t[0] in _LIST_JOINS for t in tokens[name_end(tokens, listed[-1]):n.index])):
            listed = []  # not one list: start again from this name
        listed.append(n)
    if len(listed) < 2 or len(listed) != len(after) or c.lo not in after:
        return None
    return listed[after.index(c.lo)]


def _owns_measure(c: Clause, place: Name) -> bool:
    """Does a place open its clause (or end one that the next opens with 其) and modify a metric noun
    right after it, with only nouns and 的 between ("成都市民间投资", "深圳的工资", "北京，其农业人口比例")? Then the measure is that place's, whatever it is. Not a
    place after 在 (where, not whose), nor a word of the generic topics (加密, 美国: read elsewhere)."""
    tokens = c.tokens
    if place.text.startswith(TOPIC_GENERIC):
        return False
    end = name_end(tokens, place)
    words = [t[0] for t in tokens[end:end + 3] if t[0].strip()]
    pointed = words[:2] in (["，", "其"], [",", "其"])  # "…的北京，其农业人口比例": 其 points back to the place
    opens = max([s for s in c.clause_starts if s <= place.index], default=0)
    if not pointed and any(t[0].strip() and t[1][:1] not in ("t", "m") for t in tokens[opens:place.index]):
        return False
    if pointed:
        end = next(i for i in range(end, len(tokens)) if tokens[i][0] == "其") + 1
    for word, tag, _ in tokens[end:end + 5]:
        if not word.strip():
            continue
        if metric_of(word):
            return True
        if word != "的" and tag[:1] not in ("n", "j", "l"):
            return False
    return False


def _clause_metric(tokens: list[Token], name: Name, inside_figure) -> str | None:
    """The first metric word after a name in the name's own clause."""
    for word, _, start in tokens[name.index + 1:]:
        if word in CLAUSE_MARKS:
            return None
        found = metric_of(word) if not inside_figure(start) else None
        if found:
            return found[0]
    return None


def _pick(names: list[Name], key: str | None, c: Clause) -> Name:
    """The nearest name; newly minted coins are about their issuer, an organisation; the yield paid on a
    coin put into a platform is about the platform that pays it ("Coinbase 将 USDC 余额的年化收益率",
    "Compound的USDC存款年化收益率"), when the figure's clause `c` puts it in."""
    if key == "mint":
        orgs = [n for n in names if n.kind == "org"]
        if orgs:
            return orgs[-1]
    if key in ("apy", "apr") and names[-1].kind in ("asset", "code") and _deposited(c):
        payers = [n for n in names[:-1] if n.kind == "org"]
        if payers:
            return payers[-1]
    return names[-1]


# what a coin is put into to earn a platform's rate, as the Simplified twin writes it
_DEPOSIT_WORDS = ("存款", "余额", "活期", "定期", "理财", "存入", "借贷", "出借", "借出", "质押", "存币", "赚币", "产品", "奖励")


def _deposited(c: Clause) -> bool:
    """Does the clause put a coin into something before the figure ("USDC 存款年化收益率", "USDC 余额的年化收益率")?
    Then the rate is the platform's; without it the yield is the coin's own ("Usual 的 USD0++ 年化收益率")."""
    return any(c.tokens[i][0].startswith(_DEPOSIT_WORDS) or c.tokens[i][0].endswith(_DEPOSIT_WORDS) for i in c.own)


def _country_of_source(sentence: Sentence, c: Clause) -> Name | None:
    """The country a source before the figure is of, when its name opens with one ("美国劳工部数据显示",
    "日本总务省统计"): an economy's measure is about that country, not its statistics office."""
    for name in reversed(sentence.names):
        if name.index < c.clause_from and sentence.reasons[name.index] == "source":
            place = name.text if name.kind == "place" else place_prefix(name.text) if len(name.text) > 2 else None
            if place:
                return Name(place, "place", name.start, name.start + len(place), name.index)
    return None
