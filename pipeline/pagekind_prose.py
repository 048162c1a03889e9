"""How a page speaks and what it calls itself: signals of pipeline/pagekind.py read from words.

A service page sells in the first person ("our experts", "solutions for your business") and
asks the reader to act; a manual tells the reader what to do ("Click Save", "Run the
command"); a reporter writes in the third person and cites people. A news article's address
ends in its headline ("/central-bank-holds-rates-as-inflation-cools"); a service, doc or
category page's in a word or two ("/services/analytics", "/docs/install"). Word lists are
English and Chinese, the languages of the pages the project crawls; a page in another
language simply scores none of them. No list names a site or a product.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from lxml import html as lxml_html

from pipeline.dates import PATTERNS, RELATIVE, YEAR

# Calls to action: a link or button whose whole text asks the reader to act (a service or
# product page sells; an article is read). English and Chinese wording, not one site's.
_CTA_TEXT = re.compile(
    r"^\s*(?:contact(?:\s+us)?(?:\s+(?:now|today))?|get\s+(?:a\s+|your\s+|my\s+)?(?:free\s+)?"
    r"(?:quote|estimate|started|in\s+touch|demo|consultation|offer)|book\s+(?:now|online|today|a\s+\w+|an\s+\w+|"
    r"your\s+\w+)|schedule\s+(?:a\s+|an\s+|your\s+)?\w+|request\s+(?:a\s+|an\s+)?\w+|call\s+(?:us|now|today)\b.*|"
    r"free\s+(?:consultation|trial|estimate|quote)|sign\s+up(?:\s+(?:free|now|today))?|start\s+(?:your\s+)?(?:free\s+)?"
    r"trial|try\s+(?:it\s+)?(?:for\s+)?free|buy\s+now|shop\s+now|order\s+now|apply\s+now|enquire\s+now|"
    r"get\s+a\s+demo|联系我们|立即咨询|免费试用|立即预约|在线咨询|获取报价)\s*[!.→>»]*\s*$", re.I)
# First person plural ("we offer", "our team"): how a business writes about itself; a
# reporter writes in the third person. Reporting verbs ("said", "according to") are news.
_WE = frozenset({"we", "our", "us", "ours"})  # "we're" splits into "we" and "re"
_YOU = frozenset({"you", "your", "yours"})
_REPORTED = frozenset({"said", "says", "told"})  # and "according to"
_WE_HAN, _YOU_HAN, _REPORTED_HAN = ("我们", "我們"), ("您",), ("表示", "据悉", "記者", "记者")
_VOICE_WORDS = _WE | _YOU | _REPORTED
# Words, a run of Han characters counting one word per two characters (about a Chinese word's
# length), so that a Chinese page's rates per 100 words are on an English page's scale.
_WORDS = re.compile(r"[^\W\d_\u4e00-\u9fff]+|[\u4e00-\u9fff]{1,2}")
_MAY_DATE = re.compile(r"\d|刚刚|剛剛|今天|昨天|前天")  # every date pattern needs a digit or one of these


MAX_CACHED_TEXTS = 50_000


def _count_known(texts: list[str], known: dict[str, bool], test: Callable[[str], bool]) -> int:
    """How many of the texts pass `test`, each distinct text tested once per process: a site's
    menus, buttons, footer links and sidebar headings repeat on every one of its pages. `known`
    holds the answers, emptied when it grows past MAX_CACHED_TEXTS."""
    if len(known) > MAX_CACHED_TEXTS:
        known.clear()
    found = 0
    for text in texts:
        hit = known.get(text)
        if hit is None:
            hit = known[text] = test(text)
        found += hit
    return found


_CTA_KNOWN: dict[str, bool] = {}  # link or button text -> whether it is a call to action


def calls_to_action(texts: list[str]) -> int:
    """How many of these link or button texts are calls to action ("Get a free quote", "Book now")."""
    return _count_known(texts, _CTA_KNOWN, lambda text: len(text.strip()) <= 40 and _CTA_TEXT.match(text) is not None)


def voice(text: str) -> tuple[float, float, float]:
    """(first person plural, second person, reporting verbs) per 100 words of the text: who
    speaks to whom. A business writes "we" to "you", a manual "you", a reporter "said".
    The listed words are counted once, in C (a Counter of a filter), then looked up; "according to" is found by
    list.index, also in C (a Python loop over the words costs several times more)."""
    words = _WORDS.findall(text.lower())
    counts = Counter(filter(_VOICE_WORDS.__contains__, words))
    we = sum(counts[word] for word in _WE) + sum(text.count(han) for han in _WE_HAN)
    you = sum(counts[word] for word in _YOU) + sum(text.count(han) for han in _YOU_HAN)
    reported = (sum(counts[word] for word in _REPORTED) + _followed_by(words, "according", "to")
                + sum(text.count(han) for han in _REPORTED_HAN))
    count = max(1, len(words))
    return 100 * we / count, 100 * you / count, 100 * reported / count


def _followed_by(words: list[str], first: str, second: str) -> int:
    """How many times `first` is followed by `second` in the list."""
    found = 0
    at = -1
    while True:
        try:
            at = words.index(first, at + 1)
        except ValueError:
            return found
        found += at + 1 < len(words) and words[at + 1] == second


def dated_lines(text: str) -> int:
    """Short lines of the text that print a date or an age ("3 hours ago"): one per teaser on a
    listing, rare in an article's prose."""
    return sum(1 for line in text.splitlines()
               if len(line) <= 160 and _MAY_DATE.search(line)
               and (RELATIVE.search(line) or (YEAR.search(line) is not None and any(p.search(line) for p in PATTERNS))))


# How businesses describe what they sell (per 100 words of a page's long paragraphs).
_MARKET = frozenset({
    "solutions", "solution", "services", "service", "clients", "client", "customers", "customer", "business",
    "businesses", "expert", "experts", "expertise", "professional", "professionals", "team", "offer", "offers",
    "provide", "provides", "ensure", "quality", "leading", "trusted", "industry", "tailored", "seamless",
    "innovative", "comprehensive", "reliable", "affordable", "contact", "free", "today", "partner", "efficiency",
    "grow", "growth", "success"})
_MARKET_HAN = ("服务", "客户", "解决方案", "专业", "咨询", "优质")
# The nouns and verbs of a manual or reference page.
_DOC = frozenset({
    "function", "functions", "parameter", "parameters", "returns", "return", "example", "examples", "install",
    "configure", "configuration", "command", "commands", "file", "files", "default", "option", "options", "run",
    "click", "select", "method", "methods", "value", "values", "variable", "variables", "object", "objects",
    "string", "query", "code", "syntax", "argument", "arguments", "api", "tutorial"})
_REGISTER_WORDS = _MARKET | _DOC
# Verbs that open an instruction ("Click Save.", "Contact us today."): a manual's and a sales page's sentences.
_IMPERATIVE = frozenset({
    "click", "select", "use", "run", "install", "add", "create", "open", "enter", "choose", "make", "go", "type",
    "set", "check", "see", "note", "navigate", "learn", "get", "try", "find", "follow", "start", "read", "call",
    "contact", "visit"})
# The first word of each sentence: the text's opening word, and each word after a stop. Two
# patterns, not one with "(?:^|[.!?]\s+)": searched from a stop, the regex engine skips to the
# next stop in C, where "^" in front has it try every position. The opening word holds no
# stop, so no word after a stop overlaps it.
_OPENING_WORD = re.compile(r"[\"“(]?([A-Za-z]+)")
_WORD_AFTER_STOP = re.compile(r"[.!?]\s+[\"“(]?([A-Za-z]+)")


def prose_register(paragraphs: list[str]) -> dict[str, float]:
    """How the page's long paragraphs speak: sales words and manual words per 100 words, and
    the share of sentences that open with an instruction verb. The listed words are counted once
    (a Counter of a filter counts in C); then each word list is looked up in the counts."""
    text = "\n".join(paragraphs)
    words = _WORDS.findall(text.lower())
    counts = Counter(filter(_REGISTER_WORDS.__contains__, words))
    total = max(1, len(words))
    market = sum(counts[word] for word in _MARKET) + sum(text.count(han) for han in _MARKET_HAN)
    opening = _OPENING_WORD.match(text)
    starts = Counter(map(str.lower, _WORD_AFTER_STOP.findall(text)))
    if opening is not None:
        starts[opening.group(1).lower()] += 1
    sentences = sum(starts.values())
    return {"market_share": 100 * market / total, "doc_share": 100 * sum(counts[word] for word in _DOC) / total,
            "imperative_share": sum(starts[word] for word in _IMPERATIVE) / sentences if sentences else 0.0}


def declared_slug(tree: lxml_html.HtmlElement) -> tuple[bool, int]:
    """(the page declares its own URL, words in that URL's last path segment).

    Read from rel=canonical or og:url, which a saved page keeps, so the bench and a crawl read
    the same thing. A headline slug has many words; numbers (ids) and a file suffix are not words.
    """
    return slug_of(declared_address(tree))


def declared_address(tree: lxml_html.HtmlElement) -> str | None:
    """The http(s) URL the page gives itself in rel=canonical, else og:url; None without one."""
    own = None
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            own = link.get("href")
            break
    if own is None:
        for meta in tree.iter("meta"):
            if meta.get("property") == "og:url" and meta.get("content"):
                own = meta.get("content")
                break
    if not own:
        return None
    own = own.strip()
    try:
        scheme = urlsplit(own).scheme
    except ValueError:  # a malformed address ("https://[oops/"): the page declares nothing usable
        return None
    return own if scheme in ("http", "https") else None


def slug_of(own: str | None) -> tuple[bool, int]:
    """(there is a declared URL, words in its last path segment): see declared_slug."""
    if own is None:
        return False, 0
    last = unquote(urlsplit(own).path).rstrip("/").rsplit("/", 1)[-1]
    last = re.sub(r"\.\w{2,5}$", "", last)
    return True, sum(1 for word in re.split(r"[-_+\s]", last) if word and not word.isdigit())


# Headings of a landing page's sections ("Why choose us", "Our services", "How it works", "Pricing").
_SALES_HEADING = re.compile(
    r"\b(?:why\s+(?:choose|us|work\s+with)|our\s+(?:services|team|clients|work|process|approach|mission|solutions|"
    r"products|customers|partners)|how\s+it\s+works|pricing|plans?\b|features|testimonials?|"
    r"what\s+(?:our\s+)?(?:clients|customers)\s+say|get\s+(?:in\s+touch|started)|contact\s+us|frequently\s+asked|"
    r"faqs?\b|benefits|who\s+we\s+are|what\s+we\s+do|services|solutions|case\s+stud|trusted\s+by|request\s+a|"
    r"book\s+a|free\s+(?:trial|consultation|quote)|为什么选择|我们的服务|服务项目|常见问题|联系我们)", re.I)


_SALES_KNOWN: dict[str, bool] = {}  # heading text -> whether it heads a landing page's section


def heading_marks(headings: list[str]) -> dict[str, int]:
    """Headings that ask a question (an FAQ, a help page) and headings of a landing page's sections."""
    sales = _count_known(headings, _SALES_KNOWN, lambda text: len(text) <= 80 and _SALES_HEADING.search(text) is not None)
    return {"question_headings": sum(1 for text in headings if text.rstrip().endswith(("?", "？"))),
            "sales_headings": sales}
