"""Chinese context rules: metric, direction and subject of a figure from its segmented sentence.

Chinese news writes "营收 598.93 亿美元，同比增长 24%": the metric sits right before the
amount, the change word right before the percentage, and a percentage may refer back to the
clause before. jieba's tokens (with the lexicon's words added, see _seg.py) give the clauses
and the entities; the rules read them around the figure.
"""

from __future__ import annotations

from pipeline.figures import lexicon
from pipeline.models import Figure

_DETERMINERS = ("该", "該", "某", "此", "这家", "這家", "一家", "其")
_SOURCE_MARKERS = ("据", "據", "根据", "根據")
_CLAUSE_LEADS = ("至", "到", "达", "達", "达到", "達到")

Token = tuple[str, str, int]  # word, part of speech, offset in the sentence


def metric_of(word: str) -> tuple[str, str] | None:
    """A metric for a token, also for compounds that end in a metric word (业务收入, 云收入)."""
    lookup = lexicon.metric_lookup()
    key = word.lower()
    if key in lookup:
        return lookup[key], word
    if len(word) >= 3 and not word.isascii():
        for size in (4, 3, 2):
            tail = word[-size:]
            if len(tail) < len(word) and tail in lookup:
                return lookup[tail], word
    return None


def _token_direction(tokens: list[Token], lo: int, reach: int = 40) -> str | None:
    up, down = lexicon.up_words(), lexicon.down_words()
    for word, _, start in reversed(tokens):
        if start < lo - reach:
            break
        if word.lower() in up:
            return "up"
        if word.lower() in down:
            return "down"
    return None


def _name_kind(word: str, tag: str, entities: dict[str, str], skip: frozenset[str]) -> str | None:
    """What a segmented token names: an "org" (nt), an "asset" (nz), an upper-case "code" (BTC,
    SEC), else None."""
    if tag == "nt" or entities.get(word) == "nt":
        return "org"
    if tag == "nz" or entities.get(word) == "nz":
        return "asset"
    if tag == "eng" and word.isupper() and len(word) >= 2 and word not in skip:
        return "code"
    return None


def chinese_context(sentence_tokens: list[Token], s_start: int, fig: Figure) -> tuple:
    """((metric, metric word), direction, subject) of fig, from the tokens of its sentence."""
    lo, hi = fig.start - s_start, fig.end - s_start
    before = [t for t in sentence_tokens if t[2] + len(t[0]) <= lo]
    after = [t for t in sentence_tokens if t[2] >= hi]
    clause_from = previous_clause_from = 0
    for word, _, start in before:
        if word in "，,；;：:、（(":
            previous_clause_from, clause_from = clause_from, start + 1
    # a money amount is measured by its own clause ("净利润 227.68 亿美元"); a percentage may
    # refer back to the clause before ("营收 598.93 亿美元，同比增长 24%")
    clause_words = [t for t in before if t[2] >= clause_from and t[0].strip()]
    continues = bool(clause_words) and clause_words[0][0] in _CLAUSE_LEADS
    reach_from = 0 if fig.kind == "percent" else (previous_clause_from if continues else clause_from)

    def nearest_metric(tokens) -> tuple | None:
        for word, _, _ in reversed(tokens):
            found = metric_of(word)
            if found:
                return found
        return None

    def metric_after() -> tuple | None:
        for word, _, _ in after:
            if word in "，,；;。":
                return None
            found = metric_of(word)
            if found:
                return found
        return None

    in_clause = [t for t in before if t[2] >= clause_from]
    entities = lexicon.entities()
    skip = lexicon.not_subjects()
    # "Bybit 被盗 15 亿美元后，ETH 下跌 8%": a clause that names its own subject starts afresh
    own_subject = any(_name_kind(w, tag, entities, skip) for w, tag, _ in in_clause)
    metric = (nearest_metric(in_clause) or metric_after()
              or (None if own_subject else nearest_metric([t for t in before if reach_from <= t[2] < clause_from]))
              or (None, None))
    direction = _token_direction(in_clause, lo)
    if direction is None and in_clause and in_clause[0][0] in _CLAUSE_LEADS:
        # "减少 8%，至 112 亿美元": the clause continues the change before it
        direction = _token_direction([t for t in before if previous_clause_from <= t[2] < clause_from], lo, 60)
    if direction is None and before and before[-1][0] in ("由", "从", "從") or \
            direction is None and len(before) > 1 and before[-2][0] in ("由", "从", "從") and not before[-1][0].strip():
        # "由 1.5% 下调至 0.15%": the verb follows the first figure
        direction = _token_direction([t for t in after[:3]], hi, 0)
    subject = None

    def named(i: int, group: list) -> bool:
        previous = "".join(w for w, _, _ in group[max(0, i - 2):i]).strip()
        return not previous.endswith(_DETERMINERS) and not previous.endswith(_SOURCE_MARKERS)

    for group, last in ((in_clause, True), (before, True), (after, False)):
        kinds = [_name_kind(w, tag, entities, skip) for w, tag, _ in group]
        orgs = [w for i, (w, _, _) in enumerate(group) if kinds[i] == "org" and named(i, group)]
        if not last:  # after the figure only a named organisation: "1350 亿美元，这是 Meta 的…"
            if orgs:
                subject = orgs[0]
            break
        assets = [w for i, (w, _, _) in enumerate(group) if kinds[i] == "asset" and named(i, group)]
        upper = [w for i, (w, _, _) in enumerate(group) if kinds[i] == "code"]
        if orgs or assets or upper:
            # before the figure the nearest name wins; after it ("1350 亿美元，这是 Meta 的…"), the first
            subject = (orgs or assets or upper)[-1 if last else 0]
            break
    return metric, direction, subject
