"""When and in what role: the period a figure covers and whether it is actual, a forecast, a
previous level, a target or the market's expectation.

Both come from the figure's own sentence. A period is the nearest time expression before the
figure (or one introduced right after it: "in 2018", "next year"), normalised to 2025-Q4,
2026-H1, 2026, FY2026 or 2026-01; a bare quarter or month takes the year written earlier in
the sentence, and relative words (今年, 去年, last year, 上月) need the publication date, so
without one they stay null. Start and end bounds (自 2020 年以来, 在 2028 年前, since 2020,
by 2028) are not periods. A role is read from small cues: 由/从/from X (previous), 预期的 X,
"X analysts had expected" (consensus), 目标价, price target (target), and the nearest of the
forecast cues (预计, 将 before a verb, 若, will, expects, guidance) and actual cues (已,
录得, reported) before the figure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pipeline.models import Figure

_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_EN_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
            r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"


def _year(name: str) -> str:
    """A four-digit year not glued to other digits, an amount or a count."""
    return (rf"(?<![0-9０-９.$])(?<![0-9],)(?P<{name}>(?:19|20)\d\d)"
            r"(?![0-9０-９%,.]\d|\s*(?:万|萬|亿|億|元|美元|枚|个|個|人|家|%))")


# Each pattern names what it found: y (year), q (quarter), h (half), m (month), fy, rel (relative).
# Python's re tries every alternative at every position; a one-character lookahead in front
# (the characters a time expression can start with) rejects most positions at once.
_PERIOD_FIRST = r"(?=[0-9一二三四第上下本今去明同季QqFfHhJjMmAaSsOoNnDdTtLlIi])"
PERIOD_RE = re.compile(_PERIOD_FIRST + "(?:" + "|".join([
    r"(?P<fy1>(?:FY|fiscal\s+(?:year\s+)?)\s?'?(?P<fyy>(?:19|20)?\d\d)\b)",
    r"(?P<fy2>(?P<fyz>(?:19|20)\d\d)\s*(?:财年|財年|会计年度|會計年度|财政年度|財政年度))",
    rf"(?P<yq>{_year('y')}\s*年?\s*的?\s*(?:第\s*)?(?P<yqn>[一二三四1-4])\s*(?:季度|季)|"
    rf"(?P<yq2>(?:19|20)\d\d)\s*年?\s*Q(?P<yqn2>[1-4])\b)",
    r"(?P<qy>(?:Q(?P<qyn>[1-4])|(?P<qyo>first|second|third|fourth)[- ]quarter(?:\s+of)?)\s*,?\s*"
    r"(?P<qyy>(?:19|20)\d\d)\b)",
    r"(?P<yh>(?P<yhy>(?:19|20)\d\d)\s*年?\s*(?P<yhn>上|下)半年|(?P<yhy2>(?:19|20)\d\d)\s*H(?P<yhn2>[12])\b)",
    r"(?P<hy>(?:H(?P<hyn>[12])|(?P<hyo>first|second)\s+half(?:\s+of)?)\s*(?P<hyy>(?:19|20)\d\d)\b)",
    r"(?P<ym>(?P<ymy>(?:19|20)\d\d)\s*年\s*(?P<ymm>1[0-2]|0?[1-9])\s*月(?!\s*\d{1,2}\s*[日号號]))",
    rf"(?P<my>(?P<mym>{_MONTH_RE})\s+(?P<myy>(?:19|20)\d\d)\b)",
    rf"(?P<year>{_year('yy')}\s*(?:年度|全年|年底|年末|年初|年)?)",
    # needing a year from elsewhere
    r"(?P<bq>(?:第\s*)?(?P<bqn>[一二三四])\s*季度|(?P<bqn2>[一二三四])季(?!度)|\bQ(?P<bqn3>[1-4])\b"
    r"|\b(?P<bqo>first|second|third|fourth)[- ]quarter\b|本季度?|本季)",
    r"(?P<bh>(?P<bhn>上|下)半年|\b(?P<bho>first|second)\s+half\b)",
    rf"(?P<bm>(?<![0-9年])(?P<bmm>1[0-2]|0?[1-9])\s*月份?(?!\s*\d{{1,2}}\s*[日号號])|\b(?:in|for|during)\s+"
    rf"(?P<bmw>{_MONTH_RE})(?!\s+\d))",
    r"(?P<prevyear>the\s+previous\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+year\s+before|the\s+prior\s+year"
    r"|去年同期|上年同期|同期)",
    r"(?P<rel>今年|去年|明年|本年|上月|上个月|上個月|本月|this\s+year|last\s+year|next\s+year|this\s+month|"
    r"last\s+month|next\s+month)",
]) + ")", re.I)
_ANY_TIME = re.compile(r"(?:19|20)\d\d|今年|去年|明年|本年|本月|上月|上个月|上個月|同期|季|半年|\d\s*月|year|month|quarter|"
                       r"half|FY|fiscal|Q[1-4]|January|February|March|April|June|July|August|September|October|"
                       r"November|December", re.I)
# a year that bounds rather than covers: 自 2020 年以来, since 2020, 在 2028 年前, by 2028, 从 2019 年起
_BOUND_BEFORE = re.compile(r"(?:自|从|從|由|since|by|before|until|through|from)\s*$", re.I)
_BOUND_AFTER = re.compile(r"\s*(?:以来|以來|起|前|之前|以前|后|後|之后|之後)")
_AFTER_LEAD = re.compile(r"\s*(?:[,，]\s*)?(?:(?:in|for|during|over|of)\s+(?:the\s+)?)?$", re.I)
_RANGE_RE = re.compile(r"(?:从|從|由|自|from|between)?\s*(?P<a>(?:19|20)\d\d)\s*年?\s*(?:到|至|—|–|-|to|and)\s*"
                       r"(?P<b>(?:19|20)\d\d)\s*年?", re.I)
_TO_BEFORE = re.compile(r"(?:增至|增加至|增长至|增長至|升至|降至|降低至|减少至|減少至|达到|達到|至|到|to)\s*"
                        r"(?:约|約|近|逾|about|nearly)?\s*$", re.I)


@dataclass(frozen=True)
class _Period:
    start: int
    end: int
    value: str | None  # normalised, or None when a year is missing
    needs_year: str | None  # "Q3", "H1", "M07" for a bare quarter, half or month
    relative: int | None  # years from the publication year (0 this year, -1 last year), for rel
    month_shift: int | None  # months from the publication month, for 上月 / 本月
    previous_year: bool  # "a year earlier", 去年同期: the year before the sentence's period


def _parse(m: re.Match) -> _Period:
    g = m.groupdict()
    s, e = m.start(), m.end()

    def p(value=None, needs=None, rel=None, shift=None, prev=False) -> _Period:
        return _Period(s, e, value, needs, rel, shift, prev)

    if g["fy1"]:
        y = g["fyy"]
        return p(f"FY{'20' + y if len(y) == 2 else y}")
    if g["fy2"]:
        return p(f"FY{g['fyz']}")
    if g["yq2"]:
        return p(f"{g['yq2']}-Q{g['yqn2']}")
    if g["yq"]:
        return p(f"{g['y']}-Q{_CN_NUM[g['yqn']]}")
    if g["qy"]:
        n = g["qyn"] or _EN_ORD[g["qyo"].lower()]
        return p(f"{g['qyy']}-Q{n}")
    if g["yh"]:
        year = g["yhy"] or g["yhy2"]
        n = {"上": 1, "下": 2}.get(g["yhn"] or "", 0) or int(g["yhn2"] or 1)
        return p(f"{year}-H{n}")
    if g["hy"]:
        n = g["hyn"] or {"first": "1", "second": "2"}[g["hyo"].lower()]
        return p(f"{g['hyy']}-H{n}")
    if g["ym"]:
        return p(f"{g['ymy']}-{int(g['ymm']):02d}")
    if g["my"]:
        return p(f"{g['myy']}-{_MONTHS[g['mym'].rstrip('.').lower()[:3]]:02d}")
    if g["year"]:
        return p(g["yy"])
    if g["bq"]:
        n = g["bqn"] or g["bqn2"] or g["bqn3"] or (g["bqo"] and _EN_ORD[g["bqo"].lower()])
        return p(needs=f"Q{_CN_NUM.get(str(n), n)}" if n else None)
    if g["bh"]:
        n = {"上": 1, "下": 2}.get(g["bhn"] or "", 0) or {"first": 1, "second": 2}.get((g["bho"] or "").lower(), 1)
        return p(needs=f"H{n}")
    if g["bm"]:
        month = int(g["bmm"]) if g["bmm"] else _MONTHS[g["bmw"].rstrip(".").lower()[:3]]
        return p(needs=f"M{month:02d}")
    if g["prevyear"]:
        return p(prev=True)
    word = g["rel"].lower().replace(" ", "")
    years = {"今年": 0, "本年": 0, "thisyear": 0, "去年": -1, "lastyear": -1, "明年": 1, "nextyear": 1}
    if word in years:
        return p(rel=years[word])
    months = {"本月": 0, "thismonth": 0, "上月": -1, "上个月": -1, "上個月": -1, "lastmonth": -1, "nextmonth": 1}
    return p(shift=months[word])


@functools.lru_cache(maxsize=64)
def _periods(text: str, s_start: int, s_end: int, spans: tuple[tuple[int, int], ...]) -> list[_Period]:
    """The time expressions of a sentence, read once for all its figures."""
    out = []
    for m in PERIOD_RE.finditer(text, s_start, s_end):
        if any(a <= m.start() < b for a, b in spans):
            continue  # the "2026" of "2026 万美元" is part of a figure
        if m.group("year") or m.group("ym"):
            if _BOUND_BEFORE.search(text, max(s_start, m.start() - 8), m.start()) or _BOUND_AFTER.match(text, m.end()):
                continue
        out.append(_parse(m))
    return out


def _resolve(period: _Period, earlier: list[_Period], published: str | None) -> str | None:
    """The normalised period, with a missing year taken from the sentence or the publication date."""
    if period.value:
        return period.value
    if period.needs_year:
        years = [p.value[:4] for p in earlier if p.value and p.value[:4].isdigit()]
        if not years:
            return None
        suffix = period.needs_year
        return f"{years[-1]}-{suffix[1:]}" if suffix.startswith("M") else f"{years[-1]}-{suffix}"
    if period.previous_year:
        anchors = [p.value for p in earlier if p.value]
        if not anchors or not anchors[-1][:4].isdigit():
            return None
        return f"{int(anchors[-1][:4]) - 1}{anchors[-1][4:]}"
    if not published or not re.match(r"\d{4}-\d{2}", published):
        return None
    year, month = int(published[:4]), int(published[5:7])
    if period.relative is not None:
        return str(year + period.relative)
    total = year * 12 + month - 1 + (period.month_shift or 0)
    return f"{total // 12}-{total % 12 + 1:02d}"


@functools.lru_cache(maxsize=16)
def _has_time(text: str, s_start: int, s_end: int) -> bool:
    return _ANY_TIME.search(text, s_start, s_end) is not None


def find_period(text: str, fig: Figure, s_start: int, s_end: int, published: str | None = None,
                spans: list[tuple[int, int]] | None = None, role: str | None = None) -> str | None:
    """The period fig covers, from its sentence text[s_start:s_end]; None when it does not say.
    "A year earlier" and 去年同期 date a figure only in the role "previous"."""
    if not _has_time(text, s_start, s_end):
        return None
    periods = [p for p in _periods(text, s_start, s_end, tuple(spans or [(fig.start, fig.end)]))
               if not p.previous_year or role == "previous"]
    if not periods:
        return None
    before = [p for p in periods if p.end <= fig.start]
    following = [p for p in periods if p.start >= fig.end]
    nxt = following[0] if following else None
    if nxt and (_AFTER_LEAD.fullmatch(text, fig.end, nxt.start) or nxt.start - fig.end <= 1) and \
            not re.search(r"\bfrom\b|\bsince\b|\bby\b", text[fig.end:nxt.start], re.I):
        return _resolve(nxt, before, published)  # "dropped to $9.1 billion in 2018", "1.5 points next year"
    if not before:
        opening = not text[s_start:fig.start].strip(" \t\n-*•·\"'“‘「『(（")
        return _resolve(following[0], [], published) if opening and following and not following[0].previous_year \
            else None  # "1350 亿美元，这是 Meta 在 2026 年计划…": a figure that opens its sentence
    span = _RANGE_RE.search(text, max(s_start, before[-1].start - 12), fig.start)
    if span and span.end() >= before[-1].end - 1:  # 从 1981 年到 2002 年，投资从 X 增至 Y
        if re.search(r"(?:从|從|由|自|from)\s*(?:约|約|about)?\s*$", text[max(s_start, fig.start - 6):fig.start], re.I):
            return span.group("a")
        if _TO_BEFORE.search(text, max(s_start, fig.start - 8), fig.start):
            return span.group("b")
        return None
    return _resolve(before[-1], before[:-1], published)


# ------------------------------------------------------------------ role

_PREVIOUS_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:from|versus|vs\.?|compared\s+(?:with|to)|prior\s+(?:guidance|estimate|forecast)\s+of|"
    r"previous\s+(?:guidance|estimate|forecast)\s+of)\s+"
    # "from a record $15 billion", "from a year-earlier $76 billion": the starting level's modifiers
    r"(?:(?:a|an|the)\s+(?:(?!(?:to|by|at|in|on|and|or|as|than|of|for|with)\b)[a-z][\w-]*\s+){0,2})?"
    r"(?:[a-z]+\s+of\s+)?"
    r"|(?<![自])[由从從](?:目前|此前|原来|原先|原本|去年的?|上月的?|上季的?)?|去年同期(?:为|為|的)?|上年同期(?:为|為|的)?"
    r"|此前的?|原先的?|原来的?)"
    r"\s*(?:约|約|近|逾|超过|超過|about|around|roughly|nearly|just|some|~)?\s*$", re.I)
_PREVIOUS_AFTER = re.compile(r"\s*(?:previously|a\s+year\s+(?:earlier|ago|before)|the\s+previous\s+year|"
                             r"in\s+the\s+same\s+(?:quarter|period|month)\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year))",
                             re.I)
_TARGET = re.compile(r"(?:目标价|目標價|目标(?![区區间間范範围圍])|目標(?![区區间間范範围圍])|target\s+price|price\s+target|"
                     r"target\s+of|targets?(?!\s+range))"
                     r"[^，。；,;]{0,24}$", re.I)
_CONSENSUS_BEFORE = re.compile(r"(?:预期|預期|预估|預估|一致预期|共识|consensus|estimates?|expectations?|"
                               r"analysts?\s+(?:had\s+)?(?:expected|forecast|estimated))\s*(?:的|为|為|是|of|for|at)?\s*"
                               r"(?:约|約|近|about|around)?\s*$", re.I)
_CONSENSUS_AFTER = re.compile(r"[^，。；,;]{0,10}?(?:的?(?:增速|增长|增長)?(?:预期|預期|预估|預估)(?:区间|區間|值)?|"
                              r"\s*(?:analysts?|economists?|the\s+market|wall\s+street)\s+(?:had\s+)?"
                              r"(?:expected|forecast|estimated|projected)|\s*expected\s+by\s+analysts)", re.I)
_MARKET = r"(?:市场|市場|分析师|分析師|华尔街|華爾街|机构|機構|业界|業界|analysts?|economists?|the\s+market|markets|" \
          r"wall\s+street|traders)"
_CUES = re.compile(
    r"(?=[市分华華机機业業超已录錄实實预預有或拟擬计計料若如倘假一潜潛指展可将將AaEeTtMmWwRrPpCcBbSsFfGgOoIi])"
    rf"(?:(?P<consensus>{_MARKET}[^，。；,;]{{0,4}}?(?:预期|預期|预计|預計|预估|預估|预测|預測|expect|expects|expected|"
    rf"forecasts?|estimates?|estimated|see|sees|projects?|projected)(?![A-Za-z]))"
    r"|(?P<actual>超预期|超預期|已经|已經|已|录得|錄得|实现|實現|reported|posted|came\s+in|announced|beat|topped\s+estimates)"
    r"|(?P<forecast>预计|預計|预期|預期|有望|或将|或將|(?<![虚虛模])[拟擬](?!人|定)|(?<!的)计划|(?<!的)計劃|预估|預估|预测|預測|料将|料將|若|如果|倘若|假如|一旦|"
    r"潜在|潛在|指引|展望|可望|将(?=\s*[达到在会要于於成为為继续繼續进一步大幅有可能下上增减減降升迎推介实實使])"
    r"|將(?=\s*[达達到在會要于於成為继续繼續進一步大幅有可能下上增减減降升迎推介實使])"
    r"|\b(?:will|would|could|should|might|expects?|expected\s+to|forecasts?|projected|guided|guidance|outlook|"
    r"(?<!abandoned\s)(?<!scrapped\s)(?<!dropped\s)plans?(?!\s+for\b)|"
    r"planned|aims?|intends?|if|potential)\b))", re.I)
# a past-tense verb of movement or reporting ("surpassed", "jumped", "rose"), not a cue word ("expected")
_PAST_MOVE = (r"(?:(?!(?:expected|projected|forecasted|estimated|anticipated|guided|planned|predicted)\b)[a-z]+ed|rose|fell|"
              r"grew|sank|shrank|slid|hit|topped|swung|leapt)\b")
# a forecast or an expectation reaches over commas, not past a semicolon or a "but"
_CUE_BARRIER = re.compile(r"[；;]|但是?|不过|不過|然而|(?<![整总總反然因从從进進])而(?![言且已])|[则則]"
                          r"|(?:影响|影響|带动|帶動|拖累|推动|推動)[，,]"  # "受降息预期升温影响，…": a cause, not a forecast
                          # "while lowering wages by 0.16%": a participle with no subject of its own goes on the
                          # clause before, forecast and all; "while the ECB held" starts a clause of its own
                          r"|\b(?:but|however|while(?!\s+[a-z]+ing\b)|whereas|meanwhile)\b"
                          # "…forecast by $15 billion as its backlog surpassed $500 billion": a subordinate clause
                          # in the past tense tells what happened, whatever the clause before expects
                          r"|\b(?:as|after|because|since)\s+(?:(?:its|their|the|a|an|[A-Z][\w.&'’-]*)\s+)"
                          r"(?:(?!(?:to|be|is|are|was|were|will|would|could|may|might|should|has|have|had)\b)"
                          r"[\w'’-]+\s+){0,3}?(?=" + _PAST_MOVE + r")",
                          re.I)
_GATE_CONSENSUS = re.compile(r"[预預共]|expect|estimat|consensus|analyst|economist|market|street", re.I)
_GATE_PREVIOUS = re.compile(r"[由从從此原去上]|from|versus|vs|compared|prior|previous", re.I)
_GATE_PREVIOUS_AFTER = re.compile(r"\s*(?:previously|a\s+year|the\s+previous|in\s+the\s+same)", re.I)
_GATE_TARGET = re.compile(r"[目]|target", re.I)
_MOVE_VERBS = (r"(?:cut|cuts|raised|raises|lowered|lowers|lifted|lifts|trimmed|trims|slashed|boosted|"
               r"revised|reduced|increased|hiked)\b")
_MOVE_VERB = re.compile(r"\b" + _MOVE_VERBS, re.I)
# a move verb a modal or "to" governs is one that has not happened: "would cut its holdings by 10%"
_MODAL_MOVE = re.compile(r"\b(?:will|would|could|may|might|should|to)\s+(?:also\s+|further\s+)?" + _MOVE_VERBS,
                         re.I)
_COMPARISON = re.compile(r"高出|高于|高於|低于|低於|超出|超过|超過|above|below|ahead|beat|than", re.I)


@functools.lru_cache(maxsize=16)
def _sentence_cues(text: str, s_start: int, s_end: int) -> tuple[list[int], list[re.Match]]:
    """Where forecast and expectation cues stop (barriers) and the cues, read once a sentence."""
    return ([b.end() for b in _CUE_BARRIER.finditer(text, s_start, s_end)],
            list(_CUES.finditer(text, s_start, s_end)))


def find_role(text: str, fig: Figure, s_start: int, s_end: int) -> str:
    """actual, forecast, previous, target or consensus, from cues in fig's sentence."""
    head = text[max(s_start, fig.start - 48):fig.start]
    tail = text[fig.end:min(s_end, fig.end + 40)]
    # cheap character gates first: most figures have none of these cues around them
    if _GATE_CONSENSUS.search(tail) and _CONSENSUS_AFTER.match(tail):
        return "consensus"  # "市场此前约 21% 的增速预期": the expectation, though written 此前
    if _GATE_PREVIOUS.search(head) and _PREVIOUS_BEFORE.search(head) or \
            _GATE_PREVIOUS_AFTER.match(tail) and _PREVIOUS_AFTER.match(tail):
        return "previous"
    if _GATE_TARGET.search(head) and _TARGET.search(head):
        return "target"
    if _GATE_CONSENSUS.search(head) and _CONSENSUS_BEFORE.search(head):
        return "consensus"
    barriers, all_cues = _sentence_cues(text, s_start, s_end)
    lo = max([b for b in barriers if b <= fig.start], default=s_start)
    cues = [c for c in all_cues if c.start() >= lo and c.end() <= fig.start]
    cue = cues[-1] if cues else None
    if cue is not None and cue.lastgroup == "forecast":  # "市场预期…将增至 X": the market's forecast
        kinds = [c.lastgroup for c in cues]
        if "consensus" in kinds and "actual" not in kinds[kinds.index("consensus"):]:
            cue = next(c for c in cues if c.lastgroup == "consensus")
    if cue is None:
        opening = not text[s_start:fig.start].strip(" \t\n-*•·\"'“‘「『(（")
        later = _CUES.search(text, fig.end, s_end) if opening else None
        return "forecast" if later and later.lastgroup == "forecast" else "actual"
    if re.search(r"(?<![A-Za-z])by\s+(?:about|around|roughly|nearly|some|just|another|a\s+further)?\s*$", head, re.I) \
            and _MOVE_VERB.search(text, lo, fig.start) and not _MODAL_MOVE.search(text, lo, fig.start):
        return "actual"  # "cut growth forecasts by 0.2 ppt": the revision is a move that happened ("would cut": not yet)
    if cue.lastgroup == "consensus":
        return "actual" if _COMPARISON.search(text, cue.end(), fig.start) else "consensus"
    return "forecast" if cue.lastgroup == "forecast" else "actual"
