"""Names in an English sentence, and the patterns that keep a name from being a figure's subject.

English names a subject as a capitalised word, but capitals also open sentences and clauses
("Transaction revenue rose", "Market cap: $243.5 billion"), spell nationalities ("Iranian exchange")
and codes (".MIWD00000PUS", "(NYSE:CRM)"). Names are excluded by the pattern they stand in, not by a
list: "according to X" and "X data" (sources), "X projected that the tariffs…" (a forecaster of
another thing), "from X" and "led by X" (counterparties, kept for what was robbed or invested in),
"in/at X" once the sentence has its subject (venues), "A Seoul-based exchange" and "the company"
(stand-ins), "the Trump administration" (an adjective).
"""

from __future__ import annotations

import functools
import re

from pipeline.figures import lexicon

LEADING_MARKS = " \t\n-*•·–—\"'“‘(（「『["
Name = tuple[int, int, str, str]  # start, end, text, kind: org, asset, code, standin, venue, counterparty, reporter, aside

# English proper-noun candidates: Capitalised or ALL-CAPS words, optionally followed by more.
PROPER_EN_RE = re.compile(r"\b[A-Z][A-Za-z0-9.&\-]*[A-Za-z0-9](?:\s+[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9])*"
                          r"|\b[a-z]-[A-Z]{2,}\b"  # e-CNY
                          r"|\b[a-z]{1,2}[A-Z][a-z][A-Za-z0-9]*\b"  # names written lower case first: eToro, iShares, xStocks
                          r"|\b[a-z]{1,4}[A-Z]{2,}[a-z]?\b(?![-.]?\d)")  # wrapped and staked tokens: stETH, cbBTC, sUSDe, xUSD
_WRAPPED_TOKEN = re.compile(r"[a-z]{1,4}[A-Z]{2,}[a-z]?")
_SOURCE_AFTER = re.compile(r"['’]?s?\s+(?:data(?!\s+cent(?:er|re)s?\b)|figures|research|reports?|analysts?|traders?|strategists?|economists?"
                           r"|researchers?|estimates?|survey|index)\b", re.I)
# "ISG's benchmarking report has shown how fees dropped": the study's maker is a source
_REPORT_SHOWS = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}(?:report|survey|study|analysis|research|index)\s+(?:has\s+|have\s+)?"
                           r"(?:shown|shows|showed|found|finds|suggests|suggested|indicates|indicated)\b")
# "..., said Bloomberg": a source; "Paxos said PYUSD supply climbed": the reported clause's own name
_SOURCE_BEFORE = re.compile(r"(?:according to|per|data from|reported by|produced by|published by|compiled by|conducted by|analysts? at|strategists? at|"
                            r"economists? at|researchers? at|traders? at|told|[,\"”’]\s*said)\s+(?:the\s+)?$", re.I)
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")
_COUNTERPARTY_BEFORE = re.compile(r"\b(?:from|(?<!due\s)to|into|onto|via|through|led\s+by|backed\s+by|co-led\s+by|"
                                  r"powered\s+by|owned\s+by|run\s+by|operated\s+by|funded\s+by)\s+(?:the\s+)?$", re.I)
# "X reports $49B", "X reported revenue of": the company tells its own figure; "X reports that": a source
_SELF_REPORT = re.compile(r"['’]?s?\s+(?:reports?|reported)\s+(?:[$€£¥]|US\$|\d|a\b|an\b|its\b|record|quarterly|annual|"
                          r"net\b|revenue|earnings|sales|profit|loss|diluted|adjusted|fourth|third|second|first)", re.I)
# a Reuters code after a name ("Copper CMCU3"); a name written with its number ("S&P 500", entities.tsv)
_TRAILING_CODE = re.compile(r"[A-Z]{3,}\d{1,2}")
_NUMBERED = re.compile(r"\s+(\d{2,4})\b(?![.,]?\d)")
_RIC = re.compile(r"[A-Z]{2,}[a-z]\d{1,2}|[A-Z0-9]*\d{3,}[A-Z0-9]*")
_ALIAS_BEFORE = re.compile(r"\((?:[A-Za-z ]{0,12}:\s*)?$")
_VENUE_BEFORE = re.compile(r"\b(?:in|at|outside|across|excluding)\s+(?:the\s+)?$")
# "Berkshire's insurance…", "Kamino's USDC vault", "Salesforce (NYSE:CRM)", "Lowe's (LOW)": a name opening the sentence
_POSSESSIVE_OR_TICKER = re.compile(r"['’]s\s+(?:[a-z0-9]|[A-Z][A-Z0-9][A-Za-z0-9+]*\b)|\s*\((?:[A-Za-z ]{0,12}:\s*)?[A-Z]{1,6}\)")
_SAID_AFTER = re.compile(r"(?:['’]s\s+[a-z]+\s+)?\s+(?:said|says|reported|reports|noted|wrote|estimated|estimates|"
                         r"calculated|data\s+showed|data\s+show)\b(?:\s+(?:on|in|late|earlier)\b[^,;.]*)?\s*(?:[.;]|$)")
_TOLD_THAT = re.compile(r"\s+(?:projected|projects|estimated|estimates|predicted|predicts|forecast|forecasts|"
                        r"believes|calculated|calculates|noted|wrote|warned|warns|found|finds|concluded|concludes|"
                        r"discovered|showed|shows)\s+(?:in\s+\w+\s+)?that\b", re.I)
_POINTS_BACK = re.compile(r"\b(?:its|their|it|they)\b", re.I)
_ISSUER_OF = re.compile(r"\bthe\s+[A-Z][A-Za-z0-9]*\s+(?:issuer|issuers|holders|treasury)\b")
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ian|ese|ish|ean)")
_PRONOUN_START = re.compile(r"\s*(?:It|They|He|She)\s")
_ADJECTIVE_AFTER = re.compile(r"(?:\s+|-)(?:administration|government|campaign|era|imposed|presidency)\b")
_VENUE_AFTER = re.compile(r"\s*(?:[,.;]|$|\s+(?:on|at|in|and|during|trading|after|before)\b)")
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an|one|another|some)\s+(?:[a-z][\w-]*\s+){0,2}$", re.I)
_MODIFIER = re.compile(r"-(?:based|listed|registered|headquartered|backed|focused|linked|owned)$")
_MID_SENTENCE_CAPITAL_RE = re.compile(r"(?<=[a-z0-9,;] )[A-Z][A-Za-z0-9&\-]*[A-Za-z0-9]")
_STANDIN = re.compile(r"\b(?:the|its|their|a|an|one|this|that)\s+(?:[a-z][\w-]*\s+){0,2}"
                      r"(?:company|firm|exchange|protocol|issuer|bank|fund|platform|startup|miner|trader|whale|"
                      r"lender|broker|custodian|operator|group|project|team|attackers?|hackers?|investors?|"
                      r"central bank|network|chain|token|dao)\b", re.I)
# a capitalised word that opens a sentence and is followed by one of these verbs is a name
_NAME_VERBS = re.compile(r"\s+(?:plans?|planned|said|says|reported|reports|posted|announced|raised|raises|bought|buys|"
                         r"sold|sells|has|had|is|was|will|expects|agreed|filed|launched|completed|secured|closed|"
                         r"acquired|paid|pays|added|holds|held|minted|burned|issued|lost|earned|made|spent|cut|"
                         r"rose|fell|grew|grows|jumped|slid|surged|dropped|gained|climbed|shed|tumbled|operates|generates|boasts|"
                         r"serves|accounts|nears|projects|posts|booked|books|plunged|soared|leads|led|tops|beats|"
                         r"misses|wins|hires|unveils|launches|files|sees|targets|eyes|bets|invests|commits|pledges|"
                         r"owes|loses|gains|adds|drops|sheds|ends|closes|opens|offers|signs|sold|crossed|hits|"
                         r"shares|stock|to\s+(?:invest|buy|acquire|raise|spend|cut|launch|sell|pay|list|issue|mint))\b")
# "Ameren, a utility serving Missouri, offers…": an opening word described as a kind of organisation is a name
_DESCRIBED_AS_ORG = re.compile(r",\s+(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,4}?(?:company|firm|exchange|issuer|operator|"
                               r"utility|lender|bank|maker|startup|platform|provider|developer|insurer|retailer|"
                               r"miner|broker|brokerage|manager|group|rival|unit|subsidiary|owner|parent)\b")
# "Marvell forecast fourth-quarter revenue", "Zscaler guided": a company giving its outlook (plurals are
# common nouns: "Analysts forecast")
_GUIDES = re.compile(r"\s+(?:forecast|forecasts|guided|guides|projected|predicted)\s+(?!that\b)")
# a capitalised word opening the sentence and followed by a verb in the past ("Alphabet lifted", "Bullish
# priced") performs it: a name; a plural ("Analysts expected", "Shares jumped") is a common noun
_OPENING_ACT = re.compile(r"\s+(?:also\s+|has\s+|have\s+)?[a-z]{3,}ed\b")
# "Alibaba shares closed…": a company's stock; "Deloitte to invest $4 billion": a headline's subject
@functools.lru_cache(maxsize=8)
def _named_mid_sentence(text: str) -> frozenset[str]:
    """Words the text capitalises inside a sentence: names, not words that only start one.

    "Kestrel reported…" is a name when the article also writes "…shares of Kestrel rose";
    "Transaction revenue rose 38%" is not, when "Transaction" is never capitalised mid-sentence.
    """
    return frozenset(m.group(0) for m in _MID_SENTENCE_CAPITAL_RE.finditer(text))


@functools.lru_cache(maxsize=16)
def find_names(text: str, s_start: int, s_end: int, spans: tuple[tuple[int, int], ...]) -> list[Name]:
    """(start, end, name, kind) of the usable names of the sentence; kind "org", "asset" or "other".
    Also returns stand-in positions as kind "standin" so that a clause knows it has its own subject."""
    entities, skip = lexicon.entities(), lexicon.not_subjects()
    out: list[Name] = []
    source_end = -1  # where the last source named ends
    for cand in PROPER_EN_RE.finditer(text, s_start, s_end):
        if any(a <= cand.start() < b for a, b in spans):
            continue
        words = re.sub(r"['’]s$", "", cand.group(0)).split()
        # a capital right after an opening quote or a colon opens a sentence too ("moderate: “Home price growth")
        initial = not text[s_start:cand.start()].strip(LEADING_MARKS) or \
            re.search(r"(?:[:：]\s*|\s)[“\"‘]$", text[max(s_start, cand.start() - 3):cand.start()]) is not None
        start, cand_end = cand.start(), cand.end()
        while words and words[0] in skip:
            start = text.index(words[0], start) + len(words[0])
            words, initial = words[1:], False
        while words and _MODIFIER.search(words[0]):
            words = words[1:]
        while len(words) > 1 and (_TRAILING_CODE.fullmatch(words[-1]) or text[cand_end:cand_end + 1] == "="):
            cand_end = text.rindex(words[-1], start, cand_end)  # "Copper CMCU3", "Sterling GBP=": a Reuters code
            cand_end = len(text[:cand_end].rstrip())
            words = words[:-1]
        while words and words[-1] in skip:  # "Cybersecurity M&A", "Cloud-based HR"
            words = words[:-1]
        if not words:
            continue
        numbered = _NUMBERED.match(text, cand_end)
        if numbered and text[:cand_end].endswith(words[-1]) and f"{' '.join(words)} {numbered.group(1)}" in lexicon.entities():
            words.append(numbered.group(1))  # "S&P 500", "Nikkei 225": an index named with its number
            cand_end = numbered.end()
        word = " ".join(words)
        if word in skip:
            continue  # "Wall Street": a name listed whole in not_subjects.txt
        start = text.index(words[0], start)
        end = start + len(word) if text.startswith(word, start) else cand_end
        head = text[max(s_start, start - 30):start]
        if (_SOURCE_AFTER.match(text, cand_end) or _REPORT_SHOWS.match(text, cand_end)) and not _SELF_REPORT.match(text, cand_end) and \
                lexicon.entities().get(word) != "nz" or \
                _SOURCE_BEFORE.search(head) or source_end >= 0 and _JOINED.fullmatch(text, source_end, start):
            source_end = cand_end  # a source, and "Thomson Reuters and Acritas": the names joined to it
            continue
        if _SAID_AFTER.match(text, cand_end) and re.search(r"[,;]\s*(?:the\s+)?$", head):
            # "…of outflows last week, CoinShares said.": an attribution closing the sentence, a source,
            # unless it tells its own results ("Revenue rose 25%, Coinbase reported"): context_en decides
            out.append((start, cand_end, word, "reporter"))
            continue
        told = _TOLD_THAT.match(text, cand_end)
        if told and not _POINTS_BACK.search(text, told.end(), min(s_end, told.end() + 60)):
            continue  # "The Tax Foundation projected in May that the tariffs would…": a forecaster of another thing
        if text[start - 1:start] in (".", "=") or text[cand_end:cand_end + 1] == "=" or _RIC.fullmatch(word):
            continue  # Reuters instrument codes: ".MIWD00000PUS", "US10YT=RR", "NKc1"
        if _ALIAS_BEFORE.search(head) and out:
            continue  # "Home Depot (ticker: HD)", "Lowe's (LOW)": another name for the one before
        if re.fullmatch(r"[A-Z]{2,}s", word) and word not in lexicon.entities():
            continue  # "GPUs", "CEOs": a plural of a common noun
        if _VENUE_BEFORE.search(head) and _VENUE_AFTER.match(text, cand_end) and \
                (any(n[3] not in ("standin", "counterparty") for n in out) or _PRONOUN_START.match(text, s_start)):
            out.append((start, end, word, "venue"))  # "closed in New York on Tuesday", "a listing in Hong Kong,"
            continue
        if _INDEFINITE_BEFORE.search(head) and re.match(r"\s+[a-z]", text[cand_end:cand_end + 2]) and \
                entities.get(word) != "nt":  # "a Bybit cold wallet": a known company's, still named
            out.append((start, cand_end, word, "standin"))  # "A Frankfurt crypto broker"
            continue
        if _NATIONALITY.fullmatch(word) and re.match(r"\s+[a-z]", text[cand_end:cand_end + 2]) and \
                not _OPENING_ACT.match(text, cand_end):
            continue  # "Iranian exchange Nobitex": an adjective
        if _COUNTERPARTY_BEFORE.search(head):
            out.append((start, end, word, "counterparty"))
            continue
        if re.search(r"-[a-z]+$", word) or _ADJECTIVE_AFTER.match(text, cand_end):
            continue  # "AI-crypto startups", "the Trump administration": an adjective, not a name
        tag = entities.get(word) or entities.get(words[0])
        if tag is None and entities.get(word.lower()) == "nz" and word[1:].islower():
            tag = "nz"  # "Gold rose 1.2%", "Oil futures": a lower-case asset opening a sentence
        if tag is None and word.isupper() and re.search(r"\b(?:its|their)\s+$", head, re.I):
            continue  # "increased its NPW 147%", "its IPO": an abbreviation of what it owns, not a name
        if tag is None and word.isupper() and "." not in word and re.search(r"\bthe\s+$", head, re.I):
            out.append((start, cand_end, word, "standin"))  # "The DAO", "the DEX": a kind of thing
            continue
        if re.fullmatch(r"Stablecoins?", word):
            continue  # a kind of coin, not one
        if _WRAPPED_TOKEN.fullmatch(word) and tag is None:
            out.append((start, cand_end, word, "asset"))  # stETH, cbBTC, xUSD: a token by its shape
        elif re.search(r"\s(?:Coin|Token)$|[a-z]coin$", word):  # "Binance Coin", "Dogecoin", "Litecoin"
            out.append((start, cand_end, word, "asset"))  # "Binance Coin", "Basic Attention Token"
        elif tag == "nt":
            out.append((start, cand_end, word, "org"))
        elif tag == "nz":
            out.append((start, cand_end, word, "asset"))
        elif word.isupper() and len(word) >= 2:
            out.append((start, cand_end, word, "code"))
        elif _starts_metric(text, start, words[0]):
            continue  # "Market cap: $243.5 billion", "Dividend yield: 0.64%"
        elif not initial or len(words) >= 2 or words[0] in _named_mid_sentence(text) or "-" in word[:2] or \
                re.search(r"[a-z][A-Z]", word) or _NAME_VERBS.match(text, cand_end) or \
                _OPENING_ACT.match(text, cand_end) and not words[0].endswith("s") or \
                _POSSESSIVE_OR_TICKER.match(text, cand_end) or _DESCRIBED_AS_ORG.match(text, cand_end) or \
                _GUIDES.match(text, cand_end) and not words[0].endswith("s"):
            out.append((start, cand_end, word, "org"))
    for m in _STANDIN.finditer(text, s_start, s_end):
        out.append((m.start(), m.end(), m.group(0), "standin"))
    for m in _ISSUER_OF.finditer(text, s_start, s_end):  # "the USDC issuer": a stand-in for the issuer, not USDC
        out = [n for n in out if not (m.start() <= n[0] and n[1] <= m.end())]
        out.append((m.start(), m.end(), m.group(0), "standin"))
    # assets written in lower case; with a product noun they name the product ("ether funds"), and a
    # name right before joins them ("CME bitcoin futures")
    for m in _lower_assets_re().finditer(text[s_start:s_end]):
        if any(a <= s_start + m.start("asset") < b for a, b in spans):
            continue  # "71,350 euro": the currency of a figure, not an asset it is about
        if _UNIT_OF.match(text, s_start + m.end()):
            continue  # "the dollar value of the deal", "in yen terms": a currency as the unit of a sum
        start = s_start + (m.start("owner") if m.group("owner") and m.group("product") else m.start("asset"))
        out = [n for n in out if not (start <= n[0] < s_start + m.end())]
        # "the dollar rose 0.4% against the yen": the currency a price is quoted in, not what moved
        kind = "counterparty" if _QUOTED_AGAINST.search(text, max(s_start, start - 14), start) else "asset"
        out.append((start, s_start + m.end(), text[start:s_start + m.end()], kind))
    for m in _BOND_RE.finditer(text, s_start, s_end):  # "10-year notes", "the 30-year Treasury": a bond by its tenor
        if text[max(s_start, m.start() - 3):m.start()] in ("'s ", "’s "):
            continue  # "Japan's 10-year bond yield": the country whose bond it is
        out = [n for n in out if not (m.start() <= n[0] < m.end())]
        out.append((m.start(), m.end(), m.group(0), "asset"))
    if _title_case(text, s_start, s_end):  # "Kalshi Sued for Not Paying $54 Million": capitals mark no names
        out = [n for n in out if n[3] != "org" or n[2] in entities or text[n[0] - 1:n[0]] in _QUOTES]
    return _asides(text, sorted(out), s_end)


# a government bond named by its tenor: its yield and price are that bond's
_BOND_RE = re.compile(r"\b(?:\d{1,2}|two|three|five|seven|ten|twenty|thirty)-year\s+(?:U\.S\.\s+|German\s+|Japanese\s+)?"
                      r"(?:Treasury\s+)?(?:notes?|bonds?|Treasur(?:y|ies)|[Bb]unds?|[Gg]ilts?|JGBs?)\b")
_QUOTES = ("'", '"', "‘", "“")
_WORD_RE = re.compile(r"[A-Za-z][a-z]{3,}")


def _title_case(text: str, s_start: int, s_end: int) -> bool:
    """Is the sentence a headline in Title Case: most of its words of four letters or more capitalised?"""
    words = _WORD_RE.findall(text, s_start, s_end)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# "AMD, Nvidia's closest rival in AI chips, said": an aside right after a name describes that name;
# the names inside it are not what the sentence goes on about
_ASIDE_OPEN = re.compile(r",\s+(?:(?:a|an|the)\s+)?$", re.I)
_ASIDE_CLOSE = re.compile(r"[^,;:()]{0,60}?,")


def _asides(text: str, names: list[Name], s_end: int) -> list[Name]:
    """Names inside an appositive aside (", Nvidia's closest rival," after AMD) become kind "aside"."""
    out = list(names)
    for k in range(1, len(out)):
        prev, name = out[k - 1], out[k]
        if prev[3] in ("standin", "aside") or not _ASIDE_OPEN.search(text, prev[1], name[0]) or \
                not text.startswith(("'s ", "’s "), name[1]):
            continue
        if _ASIDE_CLOSE.match(text, name[1], s_end):
            out[k] = (name[0], name[1], name[2], "aside")
    return out


_QUOTED_AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$", re.I)
_UNIT_OF = re.compile(r"[\s-]+(?:value|values|amount|amounts|terms|figure|figures|denominated|based|sign|bills?)\b")


@functools.cache
def _lower_assets_re() -> re.Pattern:
    """Assets English writes in lower case (entities.tsv: "bitcoin", "gold", "crude", "dollar index"); with a
    product noun they name the product ("ether funds"), and a name right before joins them ("CME bitcoin futures")."""
    words = [w for w, tag in lexicon.entities().items() if tag == "nz" and w.isascii() and w[:1].islower()]
    return re.compile(rf"(?:\b(?P<owner>[A-Z][A-Za-z]+)\s+)?\b(?P<asset>{lexicon.trie_alternation(words)})\b"
                      r"(?:\s+(?P<product>futures|ETFs?|funds?|miners?|options|treasur(?:y|ies)|products?)\b)?")


def _starts_metric(text: str, start: int, first: str) -> bool:
    """Does a metric phrase start at `start` and take in the whole first word ("Market cap", "Revenue")?"""
    m = lexicon.metric_re_en().match(text, start)
    return m is not None and m.end() >= start + len(first) and first not in lexicon.entities()
