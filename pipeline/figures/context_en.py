"""English context rules: metric, direction and subject of a figure from its sentence.

A light clause reader: English puts the measured thing before the figure ("revenue rose 24% to
$59.9 billion") or right after it ("a 70% share of", "a $1 billion share buyback", "$1.63 per
share"), the move before it ("fell 8%") or after it ("closed 2.3% higher"), and names the
subject as a capitalised word (names_en.py finds the names and the patterns that exclude them).
The subject is the name that owns or performs the measured thing: the acquired company of an
acquisition, what was invested in, the victim of a hack, the company that opens an opening phrase's
main clause, the company "its" points back to.
"""

from __future__ import annotations

import functools
import re

from pipeline.figures import lexicon
from pipeline.figures.names_en import LEADING_MARKS, find_names
from pipeline.models import Figure

CLAUSE_END_RE = re.compile(r"[，、：:（(；;]|(?<!\d),|,(?!\d)|\s[-–—]\s|\bwhile\b|\bbut\b|\bafter\b|\bbefore\b|\bwhereas\b"
                           r"|\band\b(?!\s+(?:\d|\$|€|£))"
                           r"|(?<!much )(?<!many )(?<!high )(?<!low )(?<!little )(?<!far )\bas\b(?!\s+(?:much|many|high|low|little|few|well|long)\b)")
_TRAILING_DIRECTION = re.compile(r"\s+(higher|lower)\b(?!\s+than)", re.I)
# a comparison with the same quantity at an earlier time is a move; with expectations or peers it is not
_THAN_EARLIER = re.compile(r"\s+(higher|lower)\s+than\s+(?:(?:a|the|its)\s+)?(?:(?:year|month|quarter|week|day)\s+"
                           r"(?:earlier|ago|prior|before)|(?:prior|previous|last|same\s+period\s+last)\s+"
                           r"(?:year|month|quarter|week))\b", re.I)
_FROM_HEAD = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_INDEX = re.compile(r"\b(?:index|indexes|indices|gauge|benchmark|average|composite|futures)\b", re.I)
_COIN_STANDIN = re.compile(r"\b(?:token|coin|cryptocurrency|asset|memecoin)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|could|should|may|might|expects?|expected to|forecasts?|projects?|projected|"
                     r"guided|guidance|outlook|plans?|planned|aims?|targets?|intends?|if|sees)\b", re.I)
# a stand-in and its verb of forecasting, nothing else: the clause tells the measure of the clause before again
_TOLD_AHEAD = re.compile(r"\s*(?:(?:the|it|its)\s+(?:company|firm|group|exchange|bank|miner|chipmaker|automaker)\s+|it\s+|"
                         r"management\s+)(?:now\s+|also\s+)?(?:expects?|forecasts?|sees|projects?|guided\s+to|guides\s+to|"
                         r"anticipates?|estimates?)\s+(?:about|around|roughly|nearly|some|up\s+to|at\s+least)?\s*$", re.I)
# one or two words that describe a level before it, never a preposition or a conjunction
_MODIFIERS = r"(?:(?!(?:to|by|at|in|on|and|or|as|than|of|for|with)\b)[a-z][\w-]*\s+){1,2}"
_FROM_BEFORE = re.compile(r"\b(?:from|versus|vs\.?|compared (?:with|to))\s+(?:(?:a|an|the)\s+)?(?:(?:mere|modest|meagre|meager|paltry)\s+)?"
                          r"(?:(?:[a-z]+\s+){0,2}of\s+)?(?:about|around|roughly|nearly|some|just|almost|~)?\s*$"
                          # "from its August record above $4,900", "down from its peak of $1.2 billion"
                          r"|\bfrom\s+(?:its|their|the|a|an)\s+(?:[\w-]+\s+){1,3}(?:of|above|below|near|at|around|about)\s*$"
                          # "from a record $15 billion", "from a year-earlier $76 billion": the starting level's modifiers
                          r"|\bfrom\s+(?:its|their|the|a|an)\s+" + _MODIFIERS + r"(?:about|around|roughly|nearly|some)?\s*$",
                          re.I)
# a company bought for a price is an investment ("agreed to buy Bitstamp … for about $200 million"); coins bought are spending
_ACQUIRE = re.compile(r"\b(?:acquire|acquired|acquires|acquiring|takeover\s+of|buy|buys|buying|bought)\b", re.I)
_FOR_DEAL = re.compile(r"\b(?:for|in\s+an?)\s+(?:about|around|roughly|nearly|some|an\s+estimated)?\s*$", re.I)
_IN_BEFORE = re.compile(r"\b(?:in|into)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}$", re.I)
_BE_WORTH = re.compile(r"(?:\bis|\bare|['’]re|['’]s|\bwas|\bwere|\bbe|\bbeing)\s+worth\s+(?:about|around|roughly|nearly|some)?\s*$",
                       re.I)
_IN_PRICE_TO = re.compile(r"\bin\s+price\s+to\b", re.I)
# "surging ahead with a revenue of $107.3 billion": the figure is introduced by its own noun, not by the move
_NAMED_BETWEEN = re.compile(r"\bwith\s+(?:a|an|its|their)\s+(?:[a-z]+\s+){0,2}of\s+(?:about|around|roughly|nearly)?\s*$",
                            re.I)
_UP_TO = re.compile(r"\s+to\s+(?:about|around|roughly|nearly|some)?\s*", re.I)
_MOVE_NOUN_BEFORE = re.compile(r"\b(?:(?P<up>growth|increase|rise|jump|surge|gain|climb|rebound)|"
                               r"(?P<down>decline|drop|fall|slump|decrease|plunge|reduction))\s+(?:rates?\s+)?"
                               # "growth of 5%", "a growth rate of 5%", "price growth peaking at 26.1%"
                               r"(?:of|to|at|was|is|(?:peaking|peaked|topping|topped|hitting|hit|reaching|reached)"
                               r"(?:\s+at)?)\s+"
                               r"(?:about|around|roughly|nearly|over|more\s+than|almost|~)?\s*$", re.I)
_MOVE_NOUN_AFTER = re.compile(r"\s+(?:(?:year-over-year|year-on-year|YoY|annual|annualized|quarterly|sequential|"
                              r"monthly|weekly|daily|price|revenue|sales|volume|supply|fee|cost)\s+)?"
                              r"(?:(?P<up>growth|increase|rise|gain|jump|surge)|"
                              r"(?P<down>decline|drop|decrease|fall|reduction))\b", re.I)
_LOST_BEFORE = re.compile(r"\b(?:lost|loses|lose|losing)\s+(?:about|around|roughly|nearly|some|just|more\s+than|over|almost|"
                          r"as\s+much\s+as|up\s+to)?\s*"
                          r"(?:[\d.,]+\s+(?:points?|pts)\s*,\s*or\s+)?$", re.I)
_BUSINESS_GROWTH = re.compile(r"\s+(?:(?:year-over-year|year-on-year|annual|organic|quarterly)\s+)?growth\b", re.I)
# analysts predict earnings, not the stock: "Wall Street predicted $2.52 a share"
_PREDICTED = re.compile(r"\b(?:predicted|predict|predicts|expected|expect|expects|forecast|forecasts|estimated|"
                        r"projected|anticipated|consensus)\s+(?:of\s+)?(?:about|around|roughly)?\s*$", re.I)
_UNOPENED_CLOSE = re.compile(r"[^()]*\)")
# ", or 0.36%", ", or roughly $50": the figure before told again in another unit (context.py reads it too)
OR_RESTATED = re.compile(r"\s*,?\s*or\s+(?:about|around|roughly|nearly|some|almost)?\s*")
_POINTS_BEFORE = re.compile(r"\d[\d,.]*\s+(?:points?|pts)\s*,\s*$", re.I)
_COMPARED = re.compile(r"\b(?:than|versus|vs\.?|against|compared\s+(?:with|to)|above|below|ahead\s+of|short\s+of|"
                       r"beating|missing)\b[^,;:]*$", re.I)
_SHARES_SOLD = re.compile(r"\b(?:sold|sells|selling|issued|issues|issuing|offered|offering)\s+(?:about|roughly|nearly|some)?\s*$",
                          re.I)
_PER_SHARE = re.compile(r"\s+(?:per|a)\s+(?:diluted\s+)?share\b", re.I)
_PER_ASSET = re.compile(r"\s+(?:in|of|for|per|worth of)\s+(?:the\s+)?(?:(?:about|some|nearly)\s+)?(?:[\d,.]+\s+)?"
                        r"(?P<name>[A-Za-z][\w.-]*)")
_SHARE_OF = re.compile(r"(?:(?P<owner>['’]s)\s+(?:[a-z]+\s+)?)?\bshare\s+of\s+(?:[\w.-]+\s+){0,3}$", re.I)
_OF_AFTER = re.compile(r"\s+of\s+(?P<rest>(?:\S+\s+){0,4}\S+)", re.I)
_NUMBER_WORD = re.compile(r"[$€£¥]?[\d.,]+%?|(?:US|HK)\$[\d.,]+|[\d.,]+(?:[kmb]n?|bn)")  # another figure of a list
# "Palo Alto Networks' $24.1-billion acquisition of CyberArk": the company bought is named after the price
_ACQUISITION_AFTER = re.compile(r"\s+(?:(?:all-cash|all-stock|cash|proposed|planned)\s+)?(?:acquisition|purchase|"
                                r"takeover|buyout)\s+of\s+(?:the\s+)?", re.I)
# an amount right before what is built is the investment in it ("a new $160 million manufacturing facility")
_BUILT_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}(?:facility|facilities|plant|plants|factory|factories|hotel|campus|"
                          r"complex|data\s+cent(?:er|re)s?|headquarters|fab|fabs|warehouse|mill|resort|stadium|terminal|"
                          r"refinery|mine|expansion)\b", re.I)
# a comparative before a noun compares ("a slightly higher annual expense ratio of 0.68%"): no move
_COMPARATIVE_ADJ = re.compile(r"(?:higher|lower)\s+(?!than\b|to\b|by\b|at\b|on\b|in\b|after\b|as\b|from\b|for\b|and\b|"
                              r"with\b|since\b|over\b|this\b|last\b|early\b|late\b)[a-z]", re.I)
# the head of "interest rate on a new vehicle loan": the measure, the rest says what it is on
_ON_WHAT = re.compile(r"\s+(?:on|for)\s+(?:(?:a|an|the|its|their|new|used)\s+)*(?:[a-z][\w-]*\s+){0,2}$", re.I)
_LOST_LEVEL = re.compile(r"\b(?:lost|loses|lose|losing)\s+(?:the|its)\s+(?:key\s+|psychological\s+)?$", re.I)
_LOST_LEVEL_AT = re.compile(r"(?:lost|loses|lose|losing)\s+(?:the|its)\s+(?:key\s+|psychological\s+)?[$€£][\d,.]+"
                            r"(?:\s*(?:[kmb]|million|billion|trillion))?\s+(?:level|mark|threshold|handle|barrier|line|support)\b",
                            re.I)
_FLOW_VERB = re.compile(r"\b(?:shed|sheds|shedding|bled|bleeds|bleeding|lost|loses|losing|added|adds|adding|gained|gains|"
                        r"gaining)\s+(?:about|around|roughly|nearly|some|another|an\s+additional|over|more\s+than)?\s*$", re.I)
# a verb of passing whose object is another party's figure: "surpassing Apple's $4 trillion"
_CROSSED_PEER = re.compile(r"\b(?:surpass(?:ed|es|ing)?|overtak(?:e|es|ing)|overtook|exceed(?:ed|s|ing)?|top(?:s|ped|ping)|"
                           r"eclips(?:e|ed|es|ing)|outpac(?:e|ed|es|ing)|pass(?:ed|es|ing)?)\s+(?:the\s+)?"
                           r"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}['’]s?\s+(?:about|around|roughly|nearly|some)?\s*$")
_LEVEL_AFTER = re.compile(r"\s+(?:level|mark|threshold|handle|barrier|line|support)\b", re.I)
_LOST_TO = re.compile(r"\b(?:lost|loses|lose|losing)\s+[\d.,]+\s*(?:%|percent)\s+to\s+(?:about|around|roughly|nearly)?\s*$",
                      re.I)
# a cause after the figure names why it moved, not what it measures ("up from $16,810 due to inflation indexing")
_CAUSE = re.compile(r"\b(?:due\s+to|because\s+of|thanks\s+to|driven\s+by|owing\s+to|on\s+the\s+back\s+of)\b", re.I)
# "$1.2 billion of them longs": a part of the figure before, measured as it is
_PART_OF_BEFORE = re.compile(r"\s+of\s+(?:them|those|these|which)\b", re.I)
_MOVE_NOUN_COMMA = re.compile(r"\b(?:(?P<up>increase|rise|jump|gain|surge)|(?P<down>decrease|decline|drop|fall|plunge))"
                              r"\s*,\s*$", re.I)  # "experienced the biggest decrease, 40.4%,"
# "280% revenue growth for Waiakea Water", "a 64% increase in email revenue for Bossman": the move's owner
_MOVE_FOR = re.compile(r"\s+(?:[\w-]+\s+){0,4}?(?:growth|increase|rise|gain|jump|decline|drop|fall|decrease)"
                       r"(?:\s+in\s+(?:[\w-]+\s+){0,4}?[\w-]+)?\s+for\s+(?:the\s+)?$", re.I)
# "Circle, the issuer of USDC, reported…", "ComEd, an electric utility that serves … Northern Illinois, offers…":
# names inside an appositive describe the name before it, which stays the clause's subject
_APPOSITIVE = re.compile(r"\s*,\s+(?:the|a|an)\s+[^,;:()]{3,120}?,", re.I)
# a move widened or narrowed: the figure is the size of that move, a rise or a fall whichever way it scaled
_SCALED_MOVE = re.compile(r"\b(?:(?P<up>gains?|rally|rise|advance|increase)|(?P<down>declines?|drops?|falls?|"
                          r"slide|slump|decrease))\s+(?:(?:further|again)\s+)?(?:widened|widens|widening|deepened|"
                          r"deepens|deepening|extended|extends|extending|narrowed|narrows|narrowing|expanded|"
                          r"expands|shrank|shrinks|trimmed)$", re.I)
# a verb that carries a measure to a level: "pushing its market cap above $10 billion", "dragging it below $80,000"
_PUSHED = re.compile(r"\b(?:(?P<up>pushing|pushed|pushes|lifting|lifted|lifts|sending|sent|sends|"
                     r"driving|drove|drives|propelling|propelled)|"
                     r"(?P<down>dragging|dragged|drags|pulling|pulled|pulls))\s+(?:[\w'’-]+\s+){1,4}"
                     r"(?(up)(?:above|past|over|beyond|to|toward|towards|up\s+to)|(?:below|under|beneath|to|down\s+to))\s+"
                     r"(?:about|around|roughly|nearly|some|almost)?\s*$", re.I)
# "…, led by BlackRock's IBIT with $312 million": the largest part of the total before, measured as it is
_LED_WITH = re.compile(r"^\s*(?:(?:led\s+by|including|followed\s+by|with)\b[^,;:]*\bwith|led\s+by)\s+"
                       r"(?:about|around|roughly|nearly|some)?\s*$", re.I)
_COMPARED_PARTY = re.compile(r"\b(?:than|versus|vs\.?|compared\s+(?:with|to)|ahead\s+of|behind|beating|surpassing|"
                             r"outpacing|topping)\s+(?:the\s+)?$", re.I)
_FLOWS = frozenset({"net_inflow", "net_outflow", "inflow", "outflow"})
_FLOW_FROM = re.compile(r"\s+(?:in\s+)?(?:(?:net\s+)?(?:inflows?|outflows?|redemptions?)\s+)?(?:from|into|out\s+of)\s+"
                        r"(?:the\s+)?(?:[A-Z][\w.&-]*['’]s\s+)?")
# "…, while AMD posted $1.20": another company's figure for the measure told before, in a clause of its own
_PARALLEL_REPORT = re.compile(r"\s*(?:(?:and|while|whereas|but)\s+)?(?:rival\s+|peer\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}\s+"
                              r"(?:posted|reported|earned|logged|booked|recorded|delivered|generated|made|had)\s+"
                              r"(?:about|around|roughly|nearly|some|just)?\s*")
_ISSUED = re.compile(r"\b(?:issued|issues|issuing|printed|prints|printing)\s+(?:another|an\s+additional|about|roughly|"
                     r"nearly|some)?\s*$", re.I)
_PARTICIPLE = re.compile(r"paid|earned|generated|spent|collected|burned|burnt|minted|lost", re.I)
_VICTIM = re.compile(r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}(?:was|were|has\s+been|had\s+been|got)\s+"
                     r"(?:exploited|hacked|drained|attacked|breached|compromised)\b", re.I)
_DEPOSITED = re.compile(r"\s+(?:deposit|deposits|lending|supply|savings|borrow|borrowing|vault|pool|staking)\s+"
                        r"(?:rates?|APY|APR|yields?)\b", re.I)
_WORTH_OF = re.compile(r"\s+worth\s+of\b", re.I)
# "…liquidated, with longs accounting for $870 million": a part of the amount before, measured as it is
_PART_LEADS = re.compile(r"\b(?:accounting|accounted|accounts|account)\s+for\s+(?:about|around|roughly|nearly|some|over|"
                         r"more\s+than|almost)?\s*$|\b(?:making|made|makes)\s+up\s+(?:about|around|roughly|nearly)?\s*$", re.I)
# "Mastercard's grew 17%": a possessive with its noun left out, the measure of the clause before
_ELIDED_OWNER = re.compile(r"['’]s\s+(?:(?:also|only|just|then)\s+)?(?P<w>[a-z]+)\b")
_BY_BEFORE = re.compile(r"\bby\s+(?:about|around|roughly|nearly|some|almost|another|over|more\s+than)?\s*$", re.I)
_BARE_IN_PARENS = re.compile(r"\([^()]+\)")
_INCOME = frozenset({"net_income", "profit", "net_loss", "loss", "operating_income", "revenue"})
# what a company tells of itself: a name that reports it after the fact is its owner, not a source
_OWN_RESULTS = _INCOME | {"operating_loss", "eps", "ebitda", "margin", "gross_margin", "net_margin", "capex", "opex",
                          "buyback", "funding", "valuation", "users", "arpu"}
_ECONOMY = frozenset({"unemployment", "inflation", "yield", "interest_rate"})
_CONTINUATION = frozenset("""up down by to from or and about around roughly nearly almost some just a an the year
    years earlier ago compared with against versus vs of at in on its which it that this was were is are has have had
    reached hit stood came totaled totalled amounted were, while more than over under less higher lower than
    quarter month week day previous prior last same period also further another additional guidance estimate estimates
    forecast consensus expectations sharp slight modest steep strong record stabilizing stabilising stabilized settling
    settled hovering hovered standing ending ended closing reaching hitting averaging averaged finally total plus
    minus""".split())
_PRICE_GAP_WORDS = (r"\s|['’]s\b|\b(?:price|prices|token|tokens|coin|coins|decline|drop|fall|slide|gains?|rally|advance|"
                        r"widened|deepened|extended|narrowed|traded|trades|trading|changed hands|changing hands|was|is|has|have|had|"
                        r"been|are|were|"
                        r"hovered|hovering|held|holding|steady|near|above|below|reach|top|touch|trade|closed|ended|"
                        r"finished|settled|stood|index|futures|gauge|average|lost|expected|seen|could|may|might|will|"
                        r"at|to|on|in|hit|reached|touched|a|an|its|the|of|by|or|points?|as much as|as little as|about|around|"
                        r"nearly|almost|roughly|intraday|briefly|early|late|today|yesterday|overnight|hours?|days?|weeks?|over|past|weekend|session|"
                        r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|new|record|high|low|last|"
                        # a forecast or target of the asset's price: "gold forecast to", "bitcoin reaching",
                        # "Bitcoin to end the year near"
                        r"forecast|forecasts|target|targets|outlook|reaching|reaches|hitting|hits|touching|end|ends|"
                        r"ending|year|month|week|quarter|"
                        # a round level the price crossed: "broke below the $90,000 level, touching a low of $88,000"
                        r"level|levels|mark|threshold|handle|barrier|milestone|support|resistance|key|psychological|as\s+(?:low|high)\s+as)\b"
                        r"|\b[A-Z]{2,}[a-z]\d{1,2}\b|\.[A-Z][A-Z0-9]+\b|\b[A-Z0-9]{2,}=[A-Z]*"  # Reuters codes: CLc1, .DXY, EUR=
                        r"|[$€£]?\d[\d,.]*%?|[,.:+\-−]")


# a market, an industry or a sector "valued at" / "valued" is its size, not a company's valuation
_MARKET_VALUED = re.compile(r"\b(?:market|industry|sector)\s+(?:was|is|were|are|has\s+been|had\s+been|will\s+be)?\s*"
                            r"(?:valued|valuation)\b", re.I)


@functools.cache
def _goods_sold_re() -> re.Pattern:
    """ "of (new) homes" after "sales": the goods of metrics.toml's [other] "<goods> sales" compounds."""
    goods = {w.lower().rsplit(" ", 1)[0] for w, k in lexicon.metric_words().items()
             if k == lexicon.OTHER and w.isascii() and w.lower().endswith(" sales")}
    nouns = lexicon.trie_alternation(goods, fold=True)
    return re.compile(rf"\s+of\s+(?:(?:new|used|existing|pre-owned|luxury|electric)\s+)?(?:{nouns})s?\b", re.I)


def _start_of_word(text: str, word: str, lo: int, hi: int) -> int:
    """Where the first `word` (case-insensitive) in text[lo:hi] starts; lo when there is none."""
    at = text.lower().find(word.lower(), lo, hi)
    return at if at >= 0 else lo


def _end_of_word(text: str, word: str, lo: int, hi: int) -> int:
    """Where the last `word` (case-insensitive) in text[lo:hi] ends; hi when there is none."""
    at = text.lower().rfind(word.lower(), lo, hi)
    return at + len(word) if at >= 0 else hi


@functools.cache
def _metric_after_re() -> re.Pattern:
    """A metric word right after the figure: "a 70% share of", "a $1 billion share buyback"."""
    words = lexicon.trie_alternation((w for w in lexicon.metric_words() if w.isascii()), fold=True)
    return re.compile(rf"\s+(?:(?:of|in|on)\s+(?:the\s+|its\s+|their\s+)?)?(?P<m>{words})\b", re.I)


@functools.cache
def _move_re() -> re.Pattern:
    up = lexicon.trie_alternation((w for w, d in lexicon.direction_words().items() if d == "up" and w.isascii()), fold=True)
    down = lexicon.trie_alternation((w for w, d in lexicon.direction_words().items() if d == "down" and w.isascii()),
                                    fold=True)
    return re.compile(rf"(?<![A-Za-z])(?:(?P<up>{up})|(?P<down>{down}))(?![A-Za-z])", re.I)


@functools.cache
def _price_gap() -> re.Pattern:
    """What may stand between an asset and its price: time, quote and move words ("Bitcoin jumped
    5.2% to $98,400 on Friday", "BTC -2.4%")."""
    moves = lexicon.trie_alternation((w for w in lexicon.direction_words() if w.isascii()), fold=True)
    return re.compile(rf"(?:{_PRICE_GAP_WORDS}|(?<![A-Za-z])(?:{moves})(?![A-Za-z]))*", re.I)


def clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding text[pos] starts, not before lo."""
    start = lo
    for m in CLAUSE_END_RE.finditer(text, lo, pos):
        start = m.end()
    return start


def nearest(pattern: re.Pattern, text: str, lo: int, hi: int) -> re.Match | None:
    """The last match of pattern in text[lo:hi]: the one nearest to hi."""
    found = None
    for m in pattern.finditer(text, lo, hi):
        found = m
    return found






class _Found:
    """Matches of one pattern in a sentence, found once and then looked up by position."""

    def __init__(self, pattern: re.Pattern, text: str, lo: int, hi: int) -> None:
        self.matches = list(pattern.finditer(text, lo, hi))

    def search(self, lo: int, hi: int) -> re.Match | None:
        """The first match inside [lo, hi)."""
        return next((m for m in self.matches if m.start() >= lo and m.end() <= hi), None)

    def nearest(self, lo: int, hi: int) -> re.Match | None:
        """The last match inside [lo, hi): the one nearest to hi."""
        found = None
        for m in self.matches:
            if m.end() > hi:
                break
            if m.start() >= lo:
                found = m
        return found


@functools.lru_cache(maxsize=16)
def _sentence(text: str, s_start: int, s_end: int) -> tuple[list[tuple[int, int]], _Found, _Found]:
    """Clause marks, metric words and move words of a sentence, found once for all its figures."""
    marks = [(m.start(), m.end()) for m in CLAUSE_END_RE.finditer(text, s_start, s_end)]
    return marks, _Found(lexicon.metric_re_en(), text, s_start, s_end), _Found(_move_re(), text, s_start, s_end)


def english_context(text: str, fig: Figure, s_start: int, s_end: int, spans: list[tuple[int, int]]) -> tuple:
    """((metric, metric word), direction, subject, restates) of fig in the English sentence
    text[s_start:s_end]; `restates`: its clause only compares with or continues the figure before
    ("wider than the $0.18 analysts had expected", "down from 6.2 percent")."""
    lookup = lexicon.metric_lookup()
    marks, metric_words, moves = _sentence(text, s_start, s_end)
    clause = max([b for a, b in marks if b <= fig.start], default=s_start)
    aside = None
    closed = re.search(r"[)）]", text[clause:fig.start]) if text[clause - 1:clause] in ("(", "（") else None
    if closed:
        aside = (clause - 1, clause + closed.end())
        clause = max([b for a, b in marks if b <= aside[0]], default=s_start)
    for _ in range(3):  # a clause that starts inside an aside: "spending on cloud (including X and Y) will rise 21%"
        shut = _UNOPENED_CLOSE.match(text, clause, fig.start)
        opened = text.rfind("(", s_start, clause) if shut else -1
        if shut is None or opened < 0:
            break
        aside = (opened, clause + shut.end())
        clause = max([b for a, b in marks if b <= opened], default=s_start)
    if OR_RESTATED.fullmatch(text, clause, fig.start) and _POINTS_BEFORE.search(text, max(s_start, clause - 40), clause):
        # "fell 102.2 points, or 0.36%": the same move told again as a percentage, in the clause of the move
        clause = max([b for a, b in marks if b < clause - 1], default=s_start)
    clause_end = next((a for a, b in marks if a >= fig.end), s_end)
    prefix = text[clause:fig.start]
    all_names = find_names(text, s_start, s_end, tuple(spans))
    # a venue or a counterparty is kept only for what was invested in or robbed
    names = [n for n in all_names if n[3] not in ("venue", "counterparty", "reporter", "aside")]
    own_names = [n for n in names if clause <= n[0] and n[1] <= fig.start]
    continuation = all(w.lower().strip(",.") in _CONTINUATION or lookup.get(w.lower()) or _NUMBER_WORD.fullmatch(w) or
                       w.lower() in lexicon.up_words() or w.lower() in lexicon.down_words()
                       for w in prefix.split()) and not own_names
    count = _count_before(text, s_start, clause, spans) if continuation else None
    counted = count is not None
    if continuation and (counted or _own_noun_after(text, fig.end, lookup)):
        # "$11.6 bn in unrealized losses, $1.4 bn in other surplus reductions": an item that names its own
        # measure; "…, with 197 units, a 27% increase": the move of the count just before, not of the sales
        continuation = False

    def word_metric(m: re.Match | None) -> tuple[str, str] | None:
        return (lookup[m.group(0).lower()], m.group(0)) if m else None

    metric = None
    of_after = _OF_AFTER.match(text, fig.end)
    right_after = _metric_after_re().match(text, fig.end)
    if fig.kind == "percent" and of_after and re.match(r"(?:its|their)\s+(?:market\s+)?value\b", of_after.group("rest")):
        metric = ("price", "value")  # "the token has lost 60% of its value"
    elif fig.kind == "percent" and of_after:  # "20% of its reserves", "60% of merchants": a part of a whole
        metric = ("supply", "supply") if re.search(r"\bsupply\b", of_after.group("rest"), re.I) else ("share", "of")
    elif right_after and fig.kind == "money" and lookup[right_after.group("m").lower()] == "share_price" and \
            _SHARES_SOLD.search(text, max(s_start, fig.start - 24), fig.start):
        metric = ("funding", "sold shares")  # "sold $1.2 billion of shares": money raised
    elif right_after and not (fig.kind == "percent" and lookup[right_after.group("m").lower()] == "share_price") and \
            not _WORTH_OF.match(text, fig.end):  # "minted $750 million worth of USDC": the verb before measures it
        word = right_after.group("m")  # "a 70% share", "a $1 billion share buyback"
        metric = (lookup[word.lower()], word)
        bought_back = metric_words.nearest(max(clause, fig.start - 30), fig.start)
        if metric[0] == "share_price" and bought_back and lookup[bought_back.group(0).lower()] == "buyback":
            metric = ("buyback", bought_back.group(0))  # "buying back $20 billion of its stock": the shares bought back
    if metric is None:
        before_fig = [m for m in metric_words.matches if clause <= m.start() and m.end() <= fig.start and
                      not (aside and aside[0] <= m.start() < aside[1])]
        if len(before_fig) > 1 and _ON_WHAT.fullmatch(text, before_fig[-2].end(), before_fig[-1].start()) and \
                lookup[before_fig[-2].group(0).lower()] in ("interest_rate", "fee_rate", "yield", "apy", "apr", "price"):
            before_fig.pop()  # "the interest rate on a new vehicle loan … 6 percent": the rate, not the loan
        if len(before_fig) > 1 and not text[before_fig[-2].end():before_fig[-1].start()].strip() and \
                _PARTICIPLE.fullmatch(before_fig[-1].group(0)):
            before_fig.pop()  # "Fees paid on Arbitrum One have fallen 60%": the noun the participle describes
        cause = _CAUSE.search(text, fig.end, clause_end)
        part = fig.kind == "money" and _PART_OF_BEFORE.match(text, fig.end)
        metric = (word_metric(before_fig[-1] if before_fig else None)
                  or (None if part else word_metric(metric_words.search(fig.end, cause.start() if cause else clause_end))))
    if fig.kind == "money" and (metric is None or metric[0] == "spending") and _BUILT_AFTER.match(text, fig.end) \
            and not _PER_SHARE.match(text, fig.end):
        metric = ("investment", "built")
    borrowed = False
    share_owner = None  # where "X's share of" starts, when the sentence says whose share a percentage is
    if metric is not None and metric[0] != "share" and fig.start > 0:
        found = metric_words.nearest(clause, fig.start)
        share_of = _SHARE_OF.search(text, max(clause, found.start() - 60), found.start()) if found else None
        if share_of is not None:
            metric = ("share", "share of")  # "Binance's share of global spot volume slipped to 38%"
            if share_of.group("owner"):  # whose share it is: the name before "'s"
                share_owner = share_of.start()
    if metric is None and count is not None and lookup.get(count.lower()):
        metric = (lookup[count.lower()], count)  # "…and 9.3 million monthly users, a 15% increase": the users grew
    if metric is None and (continuation or _TOLD_AHEAD.fullmatch(prefix)):
        # "…; the company expects about $65 billion": a forecast told of the measure the clause before names
        told = metric_words.nearest(s_start, clause)
        # "Ether lost the $3,000 mark and slid to $2,950": "lost" gave up a level, it measured no money
        metric = word_metric(None if told and _LOST_LEVEL_AT.match(text, told.start()) else told)
        borrowed = metric is not None
    # a lead figure explained after a colon: "$135 billion: that is how much Meta plans to spend"
    lead_colon = not text[s_start:fig.start].strip(LEADING_MARKS) and re.match(r"\s*[:：]", text[fig.end:fig.end + 3])
    if metric is None and lead_colon:
        metric = word_metric(metric_words.search(fig.end, s_end))
    if metric and metric[0] == "revenue" and metric[1].lower() in ("sales", "sale"):
        goods = _goods_sold_re().match(text, _end_of_word(text, metric[1], clause, fig.start))
        if goods:
            metric = (lexicon.OTHER, goods.group(0))  # "sales of existing homes": units sold, not money taken in
    if metric and metric[0] == "valuation" and _MARKET_VALUED.search(text, clause, fig.start):
        metric = (lexicon.OTHER, "market size")  # "the yoga industry was valued at $100 billion": a market's size
    if metric and metric[1].lower() == "worth" and _BE_WORTH.search(text, max(s_start, fig.start - 24), fig.start):
        metric = ("valuation", "worth")  # an asset "worth $9.6 million" stays a value (null)
    acquired = None
    if fig.kind == "money" and (metric is None or metric[0] in ("spending", "share_price")) and \
            _FOR_DEAL.search(text, max(s_start, fig.start - 24), fig.start):
        acquired = nearest(_ACQUIRE, text, s_start, fig.start)
        if acquired:
            metric = ("investment", acquired.group(0))
    if _PER_SHARE.match(text, fig.end) and fig.kind == "money" and not (metric and metric[0] == lexicon.OTHER):
        sentence_metric = word_metric(metric_words.nearest(s_start, fig.start))
        metric = ("eps", "per share") if sentence_metric and sentence_metric[0] in _INCOME or \
            _PREDICTED.search(text, max(s_start, fig.start - 30), fig.start) else ("share_price", "share")
    if metric and metric[0] == "investment" and fig.kind == "percent" and metric[1].lower().startswith("stake"):
        metric = ("share", metric[1])  # "a 5% stake in Nvidia": a part of the whole, not money put in
    if metric and metric[0] == "fee" and fig.kind == "percent":
        metric = ("fee_rate", metric[1])
    per_asset = re.match(r"\s+per\s+(?P<n>[A-Za-z](?:[\w-]|\.(?=\w))*)", text[fig.end:fig.end + 40])
    if per_asset and fig.kind == "money" and (lexicon.entities().get(per_asset.group("n")) == "nz" or
                                             per_asset.group("n").lower() in ("bitcoin", "ether", "coin", "token")):
        metric = ("price", "per")  # "$102,557 per bitcoin"
    issued = _ISSUED.search(prefix) if fig.kind == "money" and metric is None else None
    coin_after = _PER_ASSET.match(text, fig.end) if issued else None
    if issued and coin_after and lexicon.entities().get(coin_after.group("name")) == "nz":
        metric = ("mint", issued.group(0))  # "Tether issued $1 billion in USDT": coins newly put out by their issuer
    if metric and metric[0] == "loss" and any(lookup.get(m.group(0).lower()) == "hack_loss"
                                              for m in metric_words.matches if m.end() <= fig.start):
        metric = ("hack_loss", metric[1])

    if metric is None and fig.kind == "percent" and _BARE_IN_PARENS.fullmatch(text[fig.start - 1:fig.end + 1]) and \
            fig.text[:1] not in "+-−" and metric_words.nearest(max(s_start, fig.start - 48), fig.start) is None:
        metric = ("share", "(%)")  # "an emergency fund (25%), a vacation (14%)": each item's part of the whole
    # --- direction
    direction = None
    future = _FUTURE.search(prefix) and not re.search(r"\bby\s+(?:about|around|roughly|nearly|another)?\s*$", prefix)
    starting = _FROM_BEFORE.search(text, max(clause, fig.start - 40), fig.start)
    if not future and not starting:
        move = moves.nearest(max(clause, fig.start - 60), fig.start)
        raising_money = move is not None and move.group(0).lower().startswith("rais") and \
            re.match(r"\s*(?:about|some|nearly|over|more than)?\s*(?:[$€£¥]|US\$|HK\$|\d)",
                     text[move.end():move.end() + 16])
        up_to = move is not None and move.group(0).lower() == "up" and (
            _UP_TO.fullmatch(text, move.end(), fig.start) or  # "raise up to $12.9bn": a ceiling, not a move
            re.search(r"\b(?:making|made|makes|make)\s+$", text[max(clause, move.start() - 8):move.start()]))
        # "longs making up $700 million": a part, not a rise
        other_measure = move is not None and (_IN_PRICE_TO.search(text, move.end(), fig.start) or
                                              _NAMED_BETWEEN.search(text, move.end(), fig.start))
        compares = move is not None and _COMPARATIVE_ADJ.match(text, move.start())
        if move and not raising_money and not up_to and not other_measure and not compares and not (
                metric and metric[0] == "funding" and move.group(0).lower().startswith("rais")):
            direction = "up" if move.group("up") else "down"
            scaled = _SCALED_MOVE.search(text, max(clause, move.start() - 40), move.end())
            if scaled and scaled.end() == move.end():  # "its decline widened to 5%", "gains narrowed to 0.3%"
                direction = "up" if scaled.group("up") else "down"
        noun_move = _MOVE_NOUN_BEFORE.search(text, max(clause, fig.start - 40), fig.start) or \
            (_MOVE_NOUN_AFTER.match(text, fig.end) if fig.kind == "percent" else None)
        if noun_move is None and fig.kind == "percent":
            noun_move = _MOVE_NOUN_COMMA.search(text, max(s_start, fig.start - 40), fig.start)
        if noun_move:  # "growth to $125 billion", "70% year-over-year growth", "a 5% decline"
            direction = "up" if noun_move.group("up") else "down"
        trailing = _TRAILING_DIRECTION.match(text, fig.end) or _THAN_EARLIER.match(text, fig.end)
        if trailing:  # "closed 2.3% higher", "ended 5% lower", "6.3% higher than the year prior"
            direction = "up" if trailing.group(1).lower() == "higher" else "down"
        if fig.kind == "money" and _LOST_TO.search(text, max(clause, fig.start - 40), fig.start):
            direction = "down"  # "lost 0.06% to $1,737.00 a tonne": the level the fall leads to
            if metric and metric[0] == "loss":
                metric = None
        if fig.kind == "money" and metric and metric[0] == "loss" and _LOST_LEVEL.search(prefix) and \
                _LEVEL_AFTER.match(text, fig.end):
            direction, metric = "down", None  # "Ether lost the $3,000 mark": a level given up, not money lost
        if fig.kind == "percent" and _LOST_BEFORE.search(text, max(clause, fig.start - 40), fig.start):
            direction = "down"  # "the index lost 0.12%": a fall, not a loss of money
            if metric and metric[0] == "loss":
                metric = None

    peer = _CROSSED_PEER.search(prefix)
    if peer:  # "surpassing Apple's $4 trillion": a comparison with a peer's figure, no move of it
        direction = None
    pushed = _PUSHED.search(prefix) if direction is None and not future and not starting and not peer else None
    if pushed:  # "pushing its market capitalization above $10 billion": the level a move leads to
        direction = "up" if pushed.group("up") else "down"
    if direction is None and not future and not starting and _BY_BEFORE.search(text, max(s_start, fig.start - 20), fig.start):
        # "cut annual heating and cooling costs by about 8%": "by" hangs on the verb, across an object
        # that an "and" inside it would otherwise cut off
        move = moves.nearest(max(s_start, fig.start - 100), fig.start)
        if move is not None and not re.search(r"[,;:()]", text[move.end():fig.start]) and \
                not _COMPARATIVE_ADJ.match(text, move.start()) and not _FUTURE.search(text, move.end(), fig.start):
            direction = "up" if move.group("up") else "down"
    head = _list_head(text, fig, spans)
    if direction is None and not future and head < fig.start:  # "rose 12%, 9% and 4%": the list's move
        move = moves.nearest(max(s_start, head - 30), head)
        if move is not None and re.fullmatch(r"\s*(?:by\s+)?(?:about\s+|roughly\s+)?", text[move.end():head]):
            direction = "up" if move.group("up") else "down"
    flow_verb = _FLOW_VERB.search(prefix) if fig.kind == "money" and "flow" in text[s_start:s_end].lower() else None
    if flow_verb and (metric is None or metric[0] in _FLOWS or metric[0] in ("price", "share_price", "loss")):
        flows = [m for m in metric_words.matches if lookup[m.group(0).lower()] in _FLOWS]
        mover = [n for n in find_names(text, s_start, s_end, tuple(spans)) if n[1] <= clause + flow_verb.start()]
        # an asset that sheds a sum per unit moved in price ("bitcoin shed $5,000"); a fund's sum in millions flowed
        bulk = re.search(r"(?:million|billion|trillion|\d\s*(?:[mb]n?|[MB]))\b", fig.text, re.I) is not None
        if flows and (bulk or not (mover and mover[-1][3] == "asset")):
            # "BlackRock's IBIT, which shed $523 million", "GBTC bled $220 million, its largest daily outflow":
            # a fund's verb of money gained or lost tells a flow, and a flow is no move
            told = min(flows, key=lambda m: min(abs(m.start() - fig.end), abs(fig.start - m.end())))
            metric, direction = (lookup[told.group(0).lower()], told.group(0)), None
    if metric and metric[0] in ("users", "impressions", "hashrate") and fig.kind == "money":
        metric = None  # a count's word does not measure an amount of money ("repay users US$4.2 million")
    governing = re.search(r"\b(?:chance|chances|odds|probability|likelihood)\s+of\b",
                          text[s_start:fig.start] if borrowed else prefix, re.I)
    if governing:  # "the chance of a December rate cut at 60%": the chance is measured, not the rate
        metric, direction = None, None
    if metric and metric[0] == "fee_rate" and direction is not None and (
            re.search(r"\bby\s*$", prefix) or lookup.get(metric[1].lower()) == "fee" and _moved_by(text, moves, clause, fig)):
        # "cut the fee estimate by 8%", "Fees paid on Arbitrum One have fallen 60%": a change of the fees
        metric = ("fee", metric[1])

    # --- subject
    entities = lexicon.entities()
    key = metric[0] if metric else None
    subject = None
    usable = [n for n in names if n[3] != "standin"]
    after = [n for n in usable if fig.end <= n[0] < clause_end]
    per = _PER_ASSET.match(text, fig.end)
    # what is invested in follows "in" ("a $4 billion investment in Anthropic"); a plant's "in Texas" is where
    invested = [n for n in all_names if n[3] != "standin" and fig.end <= n[0] <= fig.end + 90 and
                _IN_BEFORE.search(text, max(fig.end, n[0] - 48), n[0])] if metric and (
                    key == "investment" and metric[1] != "built" or key == "share" and metric[1].lower() == "stake in") else []
    bought_after = _ACQUISITION_AFTER.match(text, fig.end) if fig.kind == "money" else None
    named_after = next((n for n in usable if bought_after and n[0] == bought_after.end()), None)
    respective = _respectively(text, fig, s_end, spans, usable)
    led = fig.kind == "money" and _LED_WITH.search(prefix) is not None
    flowed = _FLOW_FROM.match(text, fig.end) if key in _FLOWS or key is None and led else None
    fund = next((n for n in usable if flowed and n[0] == flowed.end()), None)
    if respective is None and fund is not None:
        subject = fund  # "led by $213 million in net outflows from Bitwise's BITB": the fund the money left
    elif respective is not None:
        subject = respective  # "Coinbase and Kraken … $1.2 billion and $300 million, respectively"
    elif named_after is not None:
        subject = named_after
        if metric is None:
            metric, key = ("investment", "acquisition"), "investment"
    elif acquired is not None:  # the company bought: the name nearest before the price, after the verb
        bought = [n for n in usable if acquired.end() <= n[0] and n[1] <= fig.start]
        subject = bought[-1] if bought else None
    elif key == "hack_loss" and any(fig.end <= n[0] < clause_end and _FROM_HEAD.search(text, max(fig.end, n[0] - 40), n[0])
                                    for n in all_names if n[3] in ("counterparty", "org", "code")):
        subject = next(n for n in all_names if n[3] in ("counterparty", "org", "code") and fig.end <= n[0] < clause_end
                       and _FROM_HEAD.search(text, max(fig.end, n[0] - 40), n[0]))
        # "siphoned $42 million from the GMX protocol", "stole $85 million from Iranian exchange Nobitex"
    elif key == "hack_loss" and any(n[1] <= fig.start and n[3] in ("org", "code") and _VICTIM.match(text, n[1])
                                    for n in usable):
        # "The Shibarium bridge was exploited for $2.4 million in ether": the victim, not the coins taken
        # (the owner first: "Balancer's V2 vaults were drained")
        subject = [n for n in usable if n[1] <= fig.start and n[3] in ("org", "code") and _VICTIM.match(text, n[1])][0]
    elif invested and not re.search(r"[;:]", text[fig.end:invested[0][0]]):
        subject = invested[0]  # "a $4 billion investment in Anthropic", "has in OpenAI"
    elif per and after and after[0][0] == per.start("name") and after[0][3] in ("asset", "code") and key != "mint":
        subject = after[0]  # "$1.46 billion in ETH", "$102,557 per bitcoin", "a target of $200,000 for bitcoin"
    elif key in ("spending", "investment") and after and re.search(
            r"\b(?:acquire|buy|purchase|bought|acquired|for)\b", text[fig.end:after[0][0]], re.I):
        subject = after[0]  # "spend $1.25 billion to acquire prime broker Hidden Road"
    if subject is None:
        subject = next((n for n in usable if fig.end < n[0] < clause_end + 1 and
                        _MOVE_FOR.fullmatch(text, fig.end, n[0])), None)
    if subject is None and share_owner is not None:
        subject = next((n for n in usable if n[1] == share_owner), None)
    if subject is None:
        own = [n for n in names if clause <= n[0] and n[1] <= fig.start]
        if own:
            subject = own[-1] if own[-1][3] != "standin" or not _anaphora(own[-1][2]) else None
            if subject is not None and subject[3] == "standin":
                subject = None
            elif subject is None:  # "its", "the fund's": the name before it; "fined the broker": the clause before
                standin = own[-1]
                owner = standin[2].lower().startswith(("its", "their")) or text.startswith(("'s", "’s"), standin[1])
                earlier = [n for n in usable if n[1] <= (standin[0] if owner else clause)]
                subject = earlier[-1] if earlier else None
                if standin[2].lower().startswith(("its", "their")) and earlier and earlier[0][3] == "org" and \
                        earlier[0][0] == min(n[0] for n in names):
                    subject = earlier[0]  # "Bitmine bought 110,000 ETH…, bringing its holdings to": Bitmine's
        else:
            earlier = [n for n in usable if n[1] <= clause]
            if earlier and re.match(r"\s*with\s", prefix, re.I) and not text[s_start:earlier[0][0]].strip(LEADING_MARKS):
                earlier = earlier[:1]  # "State Farm topped the Top 200 …, with $107.76 bn": the sentence's subject
            economy = key in _ECONOMY and not (metric and metric[1].lower() == "dividend yield")  # a company's
            if earlier and not (economy and _metric_near(text, earlier[-1], clause) not in (key, None)):
                subject = earlier[-1]
                if re.search(r"\b(?:its|their)\b", prefix, re.I) and earlier[0][3] == "org" and \
                        not text[s_start:earlier[0][0]].strip(LEADING_MARKS):
                    subject = earlier[0]  # "Bitmine bought 110,000 ETH…, bringing its holdings to…": Bitmine's
            elif not earlier and not text[s_start:fig.start].strip(LEADING_MARKS):
                stop = None if lead_colon else re.search(r"[:;：；]", text[fig.end:s_end])
                limit = fig.end + stop.start() if stop else s_end
                subject = next((n for n in usable if fig.end <= n[0] < limit and n[3] == "org"), None)
            elif not earlier and "," not in text[s_start:fig.start]:
                # an opening phrase ("With $270 million raised, Firebolt serves…", "After growing revenue by
                # 23%, ServiceNow projects…"): the name that opens the main clause after its comma
                comma = text.find(",", fig.end, s_end)
                subject = next((n for n in usable if comma >= 0 and n[0] > comma and
                                not text[comma + 1:n[0]].strip()), None)
    if subject is not None and subject[1] <= fig.start:
        subject = _before_appositive(text, usable, subject)
    if subject is not None and subject[3] == "asset" and key in _INCOME and metric and \
            re.fullmatch(r"\s+(?:[a-z]+\s+)?", text[subject[1]:_start_of_word(text, metric[1], subject[1], fig.start)]):
        owners = [n for n in usable if n[1] <= subject[0] and n[3] in ("org", "code")]
        if owners:  # "Block said bitcoin revenue totaled $2.14 billion": Block's revenue from bitcoin
            subject = owners[-1]
    if subject is None and key in _OWN_RESULTS:  # "Revenue rose 25%, Coinbase reported": its own results
        subject = next((n for n in all_names if n[3] == "reporter" and n[0] >= fig.end), None)
    if metric and metric[0] == "investment" and _ACQUIRE.fullmatch(metric[1]) and subject is not None and \
            subject[3] == "asset":
        metric = ("spending", metric[1])  # "640,031 bitcoin acquired for $47 billion": coins bought, not a company
    if subject is not None and key in ("apy", "apr", "interest_rate") and subject[3] in ("asset", "code") and \
            subject[1] <= fig.start and _DEPOSITED.match(text, subject[1]):
        payers = [n for n in usable if n[1] <= subject[0] and n[3] == "org"]
        if payers:  # "Aave raised the USDC deposit rate to 5.1%": the platform pays, the coin is what is deposited
            subject = payers[-1]
    elided_word = _ELIDED_OWNER.match(text, subject[1]) if subject is not None and subject[1] <= fig.start else None
    elided = metric is None and elided_word is not None and _past_move(elided_word.group("w"))
    # an asset or listed company followed only by move, time and quote words: its price
    # "…, ahead of Pump.fun's $9.2 million": the party compared with, whose figure is of the measure before
    compared_party = subject is not None and clause <= subject[0] and subject[1] <= fig.start and \
        _COMPARED_PARTY.search(text, clause, subject[0]) is not None
    if subject is not None and subject[1] <= fig.start and (metric is None or key == "price") and not elided and \
            not compared_party:
        gap = _price_gap().fullmatch(text, subject[1], fig.start)
        signed = fig.kind == "percent" and fig.text.lstrip()[:1] in "+-−－﹢﹣"
        moved = gap is not None and (direction is not None or signed or fig.kind == "money")
        if metric is None and moved and (subject[3] == "asset" or subject[3] == "code" and subject[2] in entities):
            metric = ("price", subject[2])
        elif metric is None and moved and subject[3] in ("org", "code") and re.search(r"[A-Za-z]", text[subject[1]:fig.start]) \
                and not _BUSINESS_GROWTH.match(text, fig.end):  # "MasTec's 171% growth": the business grew, not its stock
            # a word between ("Tesla shares fell 3%"), not a heading's colon ("Project Size: $750,000")
            # "the Nasdaq gained 1.1%", "the Dow fell": a market's name with its article is its index
            the = text[max(s_start, subject[0] - 4):subject[0]].lower() == "the "
            metric = ("price", subject[2]) if the and fig.kind == "percent" else ("share_price", subject[2])
    index = _INDEX.search(prefix) if fig.kind == "percent" and (metric is None or metric[0] == "share_price") else None
    if index and (direction is not None or text[fig.end:fig.end + 8].strip().startswith(("higher", "lower"))):
        metric = ("price", index.group(0))  # "the STOXX 600 index lost 0.12%", "MSCI's gauge of stocks gained 0.02%"
        makers = [n for n in names if clause <= n[0] and n[1] <= index.start()]
        if makers:
            subject = makers[-1]  # the index's maker, not the market it follows ("index of Asia-Pacific shares")
    if metric is None and direction is not None and not own_names_here(names, clause, fig.start) and \
            _COIN_STANDIN.search(prefix) and subject is not None and subject[3] in ("asset", "code"):
        metric = ("price", "token")  # "Ether's market value swelled … as the token jumped 11%": Ether's price
    if key == "price" and metric and metric[1].lower() in ("price target", "target price") and subject is not None \
            and subject[3] in ("org", "code") and entities.get(subject[2]) != "nz":
        metric = ("share_price", metric[1])  # "a price target on COIN": a listed company's price is its stock's
    restates = (bool(starting) or continuation or bool(_COMPARED.search(prefix)) or elided or
                bool(_PARALLEL_REPORT.fullmatch(prefix)) or peer is not None or
                led or
                fig.kind == "money" and bool(_PART_LEADS.search(prefix)) or
                fig.kind == "money" and bool(_PART_OF_BEFORE.match(text, fig.end)) or
                fig.kind == "percent" and bool(_MOVE_NOUN_AFTER.match(text, fig.end) or
                                               _MOVE_NOUN_BEFORE.search(text, max(clause, fig.start - 40), fig.start))
                ) and metric is None and not counted  # "…, which would be a gain of about 60%": the move of the measure before
    if metric and metric[0] == lexicon.OTHER:
        metric = None
    return metric or (None, None), direction, subject[2] if subject else None, restates




_MOVED_BY = re.compile(r"\s*(?:by\s+)?(?:about|around|roughly|nearly|some|almost|over|more\s+than)?\s*", re.I)


_OWN_NOUN = re.compile(r"\s+(?:in|of)\s+(?P<np>(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*s)(?=\s*(?:[,;.]|and\b|$))")
_TIME_NOUNS = frozenset("days weeks months years hours minutes quarters sessions times".split())
_COUNT = re.compile(r"(?<![\d$€£.,])(?P<n>\d[\d,]*)\s+(?:[a-z][\w-]*\s+){0,2}(?P<noun>[a-z][\w-]*s)\s*$")


def _own_noun_after(text: str, end: int, lookup: dict) -> bool:
    """Does the figure name its own measure right after it, in a plural noun the lexicon does not know
    ("$1.4 bn in other surplus reductions")? A time ("in two days") is no measure."""
    m = _OWN_NOUN.match(text, end)
    if m is None or m.group("np").split()[-1] in _TIME_NOUNS:
        return False
    return not any(lookup.get(w) for w in m.group("np").split())


def _count_before(text: str, s_start: int, clause: int, spans: list[tuple[int, int]]) -> str | None:
    """The noun of a count that ends the clause before and is not a figure ("with 197 units,"): a move
    told right after it in apposition is that count's. None when there is none."""
    if clause <= s_start or text[clause - 1:clause] != ",":
        return None
    m = _COUNT.search(text, max(s_start, clause - 60), clause - 1)
    if m is None or m.group("noun") in _TIME_NOUNS:
        return None
    at = m.start("n")
    return None if any(a <= at < b for a, b in spans) else m.group("noun")


def _moved_by(text: str, moves: _Found, clause: int, fig: Figure) -> bool:
    """Does a move word stand right before the figure ("have fallen 60%", "rose by about 5%"), so the figure
    is the size of the move and not a level it leads to ("cut the fee to 0.1%")?"""
    move = moves.nearest(clause, fig.start)
    return move is not None and _MOVED_BY.fullmatch(text, move.end(), fig.start) is not None


_IRREGULAR_PAST = frozenset("grew rose fell slid sank shrank leapt swung".split())


def _past_move(word: str) -> bool:
    """Is `word` a move verb in the past tense ("grew", "climbed"), not a move noun ("decline", "gains")?"""
    return (word.endswith("ed") or word in _IRREGULAR_PAST) and (word in lexicon.up_words() or word in lexicon.down_words())


def _list_head(text: str, fig: Figure, spans: list[tuple[int, int]]) -> int:
    """Where the list of figures that `fig` goes on starts ("12%, 9% and 4%": at the 12%); fig.start if none."""
    head = fig.start
    for a, b in sorted(spans, reverse=True):
        if b <= head and _LIST_JOIN.fullmatch(text, b, head):
            head = a
        elif b <= head:
            break
    return head


_RESPECTIVELY = re.compile(r",?\s+respectively\b", re.I)
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def _respectively(text: str, fig: Figure, s_end: int, spans: list[tuple[int, int]], usable: list) -> tuple | None:
    """With "respectively" after a list of figures, the k-th figure is about the k-th of as many names
    listed before the figures ("A and B posted $1.2 billion and $300 million, respectively")."""
    if "respectively" not in text[fig.end:s_end].lower():
        return None
    m = _RESPECTIVELY.search(text, fig.end, s_end)
    if m is None:
        return None
    before = [n for n in usable if n[1] <= fig.start]
    listed: list = []
    for n in before:
        listed = listed + [n] if listed and _LIST_JOIN.fullmatch(text, listed[-1][1], n[0]) else [n]
    if len(listed) < 2:
        return None
    figures = sorted(a for a, b in spans if listed[-1][1] <= a and b <= m.start())
    if len(figures) != len(listed) or fig.start not in figures:
        return None
    return listed[figures.index(fig.start)]


def own_names_here(names: list, clause: int, end: int) -> bool:
    """Does the clause name anything of its own (not a stand-in) before `end`?"""
    return any(clause <= n[0] and n[1] <= end and n[3] != "standin" for n in names)


def _anaphora(standin: str) -> bool:
    """ "the company", "its": a definite stand-in that points back to a name of the sentence."""
    return standin.lower().startswith(("the", "its", "their", "this", "that"))


def _metric_near(text: str, name: tuple, limit: int) -> str | None:
    """The first metric word after a name, before `limit`."""
    m = lexicon.metric_re_en().search(text, name[1], limit)
    return lexicon.metric_lookup()[m.group(0).lower()] if m else None


def _before_appositive(text: str, usable: list, subject: tuple) -> tuple:
    """The name an appositive describes, when the subject found lies inside that appositive."""
    for n in usable:
        if n[1] > subject[0]:
            break
        aside = _APPOSITIVE.match(text, n[1])
        if aside and n[1] < subject[0] and subject[1] < aside.end():
            return n
    return subject
