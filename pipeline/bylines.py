"""Authors from the bylines Chinese and English news actually print.

In order of trust:
  1. a role line: "撰文:Frank,麦通 MSX", "作者：张三", "文 | 李四", "编译：Luffy", "执笔人：…", "By A and B"
  2. a reporter credit: "本报记者 葛灵丹", "（记者 格桑边觉）", "新京报记者 彭冲 山东冠县报道",
     "本报记者罗科苏盈发自北京"
  3. a forum signature: "ggjjzhzz 发表于 2005-9-15"
  4. names in parentheses closing the article: "（袁源）", "（姚峰 上海报道）"
  5. last resort, the editor: "（ 责任编辑：魏喆 ）"
"来源:" names a source, never an author. Names are joined with ", ".
"""

from __future__ import annotations

from collections.abc import Sequence

import html as html_lib
import re

from lxml import etree
from lxml import html as lxml_html

_EN_NAME = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)[A-Z][\w.'’\-]+(?:\s+(?:[A-Z][\w.'’\-]+|de|van|von|der|la|le|del|da|di|dos|bin))*"
_MONTH_NAME = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
              r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# where a wire reporter filed from: "Jane Doe in London", "Tom Lee in New York" (capitalised place words only)
_FILED_FROM = r"\s+in\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){0,3}"
ROLE_RE = re.compile(
    r"^\s*(?:本文作者|原文作者|文章作者|撰文|作者|文|编译|編譯|编辑|編輯|撰稿|撰稿人|执笔人|執筆人|执笔|執筆|整理|译者|譯者|翻译|翻譯|"
    r"Author|Written by)\s*[:：|｜丨/]\s*(?P<names>.+?)\s*$"
    # "记者｜张三" (never "记者：", which opens an interview's question)
    r"|^\s*(?:记者|記者)\s*[|｜丨/]\s*(?P<reporters>[\u4e00-\u9fff·]{2,5}(?:\s*[、，, ]\s*[\u4e00-\u9fff·]{2,5})*)\s*$"
    r"|^\s*(?:(?:Written|Posted|Authored|Reported|Reporting|Words|Story|Article)\s+)?(?:By|BY|by)\s*:?\s+"
    rf"(?P<en>{_EN_NAME}(?:{_FILED_FROM})?(?:\s*(?:,|and|&)\s*{_EN_NAME}(?:{_FILED_FROM})?)*)"
    # what may follow the names: a bar, a semicolon (a wire's "; Editing by …"), a date, "on …"
    r"(?:\s*(?:[|•·⋅‧–—;]|\s-\s|,?\s+on\s|,?\s+(?:Updated|Published|Posted)\b|,?\s+\d|,\s+(?=[A-Z][a-z]+\s+\d)).*)?\s*$"
)
# A byline label on a line of its own, the name on the next: "Written by" / "Edzel Tabing".
# "Written by", "Article by"...: a credit's label that names its role (lowercase; matched ignoring case)
BY_LABEL = r"(?:written|posted|authored|words|article|story|text|reported)\s+by"
LABEL_ONLY_RE = re.compile(rf"^\s*(?:{BY_LABEL}|by|authors?|作者|撰文)\s*[:：]?\s*$", re.I)
# Noise after the names in a byline: "作者：张三 | 来源：xx", "文 | 李四 2026-01-01", "作者:X振威将军(从一品)"
BYLINE_TAIL_RE = re.compile(
    r"\s*(?:[|｜丨]|来源|來源|出品|发布|發布|\d{4}[-/年]|\s\d|[(（]\s*[\u4e00-\u9fff]{0,4}[)）]).*$"
    # a second role on the line: "撰文：Frank  编辑：Luffy", "作者：张三，编辑：李四" (the first role's names are the author's)
    r"|(?<![\s,，、;；])[\s,，、;；]+(?:编辑|編輯|责编|責編|编译|編譯|翻译|翻譯|校对|校對|审校|審校|排版|设计|設計|策划|策劃|统筹|統籌|"
    r"摄影|攝影|插图|插圖)\s*[:：|｜丨/].*$")
_HAN_NAME = r"[\u4e00-\u9fff·]{2,5}"
REPORTER_RE = re.compile(
    rf"(?:^|[\s（(【□■])(?:[\u4e00-\u9fff·]{{0,10}})?(?:记者|記者)\s*(?P<names>{_HAN_NAME}(?:[ \u3000、]+{_HAN_NAME})*)"
    rf"(?=$|[\s）)】／/|｜]|发自|發自|报道|報道|報導|摄|攝|素材|电|電)"
)
FORUM_RE = re.compile(r"(?:^|\s)(?P<name>[\w\u4e00-\u9fff&·.-]{2,20})\s*发表于\s*\d{4}")
CLOSING_RE = re.compile(
    rf"[（(]\s*(?P<names>{_HAN_NAME}(?:[ \u3000、]+{_HAN_NAME})*)\s*(?:[\u4e00-\u9fff]{{2,6}}报道)?\s*[）)]\s*$"
)
EDITOR_RE = re.compile(rf"(?:责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*(?P<names>{_HAN_NAME}(?:[ 、]{_HAN_NAME})*)")
_SPACED_HAN_NAMES = re.compile(r"[\u4e00-\u9fff·]{2,4}(?:[ \u3000]+[\u4e00-\u9fff·]{2,4})+")
PLACE_SUFFIX = ("报道", "報道", "报导", "報導", "電", "电")
REPORT_WORDS = ("报道", "報道", "报导", "報導", "讯", "訊", "电", "電")
NOT_NAMES = {"本报", "本报记者", "通讯员", "实习生", "见习", "特约", "综合", "整理", "编辑", "记者", "调查", "采访",
             "获悉", "了解", "发现", "注意到", "走访", "看到", "暗访", "独家", "近日", "日前", "昨日", "昨天",
             "今天", "今日", "随机", "实地", "从中", "获得", "联系", "致电", "询问", "观察", "统计", "待续", "未完",
             "全文完", "图片", "资料图", "供图", "摄影", "本报讯", "本台讯", "完"}
_ID_LIKE = re.compile(r"\d{5,}|^\d+$|^[\w.-]*_\w*\d")


def split_names(names: str) -> list[str]:
    """"Frank,麦通 MSX" -> ["Frank", "麦通 MSX"]; "A and B" -> ["A", "B"]."""
    names = BYLINE_TAIL_RE.sub("", names).strip()
    parts = re.split(r"\s*(?:[,，、&/;；]|\band\b|\s和\s)\s*", names)
    out: list[str] = []
    for part in parts:
        if _SPACED_HAN_NAMES.fullmatch(part.strip()):  # "闵乐夫 赵兰波": Chinese names separated by spaces
            out.extend(part.split())
        elif part.strip(" ·.-–—"):
            out.append(part.strip(" ·.-–—"))  # "Atlas Van Lines - 10+ Years" loses its tail, then its dash
    return out


def _join(names: list[str]) -> str | None:
    names = [n for n in names if 0 < len(n) <= 40 and n not in NOT_NAMES and not n.endswith(REPORT_WORDS)
             and not _ID_LIKE.search(n)]
    return ", ".join(dict.fromkeys(names)) or None


MAX_AUTHOR_WORDS = 4  # words of one name ("Matt De La O"); more is a sentence or a job title
MAX_AUTHOR_LIST = 300  # characters of a list of names (eight authors of a report); longer is no byline


def plausible(author: str | None) -> str | None:
    """An author string from metadata, unless it looks like an ID, a URL or a sentence. A long
    one passes when it is a list of names (a paper's or a report's eight authors): each of at most
    four words, each opening with a capital or a non-Latin letter ("Local headlines, weather,
    traffic…" is a description, not a list of names)."""
    if not author or "://" in author:
        return None
    author = " ".join(author.split())
    if len(author) > MAX_AUTHOR_LIST:
        return None
    names = split_names(author)
    if len(author) > 80 and (len(names) < 2 or not all(_name_shaped(name) for name in names)):
        return None
    return _join(names)


def _name_shaped(name: str) -> bool:
    return len(name.split()) <= MAX_AUTHOR_WORDS and not name[:1].islower() and not name[:1].isdigit()


def parse_byline(line: str) -> str | None:
    """The author names in a role line ("作者：张三", "By A and B"), or None. A wire story's
    credits ("Reporting by A and B in London; Editing by C") are read up to their first role."""
    if len(line) > 80 and line.lstrip().lower().startswith("reporting by"):
        line = line.split(";", 1)[0]
    if len(line) > 80:
        return None
    m = ROLE_RE.match(line)
    if not m:
        return None
    english = re.sub(_FILED_FROM, "", m.group("en") or "")  # "Jane Doe in London and Tom Lee": the names
    return _join(split_names(m.group("names") or m.group("reporters") or english))


_CREDIT_WORD = re.compile(r"^(?:实习|實習|特约|特約|见习|見習)?(?:记者|記者|通讯员|通訊員)(?=[\u4e00-\u9fff]{2})")


def _han_names(group: str, text: str, end: int) -> list[str]:
    # "（实习记者 樊亮 张明超 记者惠禾）": a later name's own credit word is no part of it
    names = [_CREDIT_WORD.sub("", n) for n in re.split(r"[ \u3000、]+", group) if n]
    # "彭冲 山东冠县报道": the last word is the place the report came from
    if names and text.startswith(PLACE_SUFFIX, end) and len(names) > 1:
        names = names[:-1]
    return names


# A news agency's dateline credit: "（中央社記者王揚宇台北28日電）", "記者陳家倫華盛頓27日專電": the
# names run into the place the report was filed from, told apart by the places datelines name,
# else by the shape of names (most are three characters, the places after them two)
DATELINE_RE = re.compile(r"(?:[（(【]\s*|[\u4e00-\u9fff]{1,6}社\s*)(?:记者|記者)\s*(?P<run>[\u4e00-\u9fff、]{4,24}?)\s*\d{1,2}\s*日"
                         r"\s*(?:专电|專電|电|電)(?=\s*(?:[）)】]|$))")
DATELINE_PLACES = frozenset(
    "台北 臺北 新北 桃園 桃园 台中 臺中 台南 臺南 高雄 基隆 新竹 苗栗 彰化 南投 雲林 云林 嘉義 嘉义 屏東 屏东 宜蘭 宜兰 "
    "花蓮 花莲 台東 臺東 台东 澎湖 金門 金门 馬祖 马祖 北京 上海 天津 重慶 重庆 廣州 广州 深圳 香港 澳門 澳门 南京 杭州 "
    "武漢 武汉 成都 西安 東京 东京 大阪 首爾 首尔 紐約 纽约 華盛頓 华盛顿 洛杉磯 洛杉矶 舊金山 旧金山 芝加哥 倫敦 伦敦 "
    "巴黎 柏林 布魯塞爾 布鲁塞尔 日內瓦 日内瓦 莫斯科 新加坡 曼谷 河內 河内 雅加達 雅加达 馬尼拉 马尼拉 吉隆坡 雪梨 悉尼 "
    "墨爾本 墨尔本 多倫多 多伦多 溫哥華 温哥华 新德里 杜拜 迪拜 開羅 开罗 耶路撒冷 特拉維夫 特拉维夫 法蘭克福 法兰克福 "
    "羅馬 罗马 維也納 维也纳 蘇黎世 苏黎世 斯德哥爾摩 斯德哥尔摩 聯合國 联合国 北美 歐洲 欧洲 華府 华府 安卡拉 德黑蘭 "
    "德黑兰 孟買 孟买 利雅德 利雅得 聖保羅 圣保罗 墨西哥城 渥太華 渥太华 坎培拉 堪培拉 威靈頓 惠灵顿 奧克蘭 奥克兰 "
    "胡志明市 仰光 金邊 金边 平壤 海牙 阿姆斯特丹 馬德里 马德里 里斯本 雅典 華沙 华沙 布拉格 布達佩斯 布达佩斯 基輔 "
    "基辅 伊斯坦堡 伊斯坦布尔 多哈 布宜諾斯艾利斯 布宜诺斯艾利斯".split())


def _dateline_names(run: str) -> list[str]:
    *names, last = run.split("、")
    place = next((last[-size:] for size in (5, 4, 3, 2) if len(last) > size + 1 and last[-size:] in DATELINE_PLACES), None)
    if place is not None:
        last_name = last[:-len(place)]
    else:
        last_name = last[:3] if len(last) >= 5 else last[:2]
    return [*names, last_name]


def reporter(text: str) -> str | None:
    for m in REPORTER_RE.finditer(text):
        found = _join(_han_names(m.group("names"), text, m.end("names")))
        if found:
            return found
    for m in DATELINE_RE.finditer(text):
        found = _join(_dateline_names(m.group("run")))
        if found:
            return found
    return None


# a role word inside a short header line: "2026年01月29日 08:30 来源：新浪财经 作者：张三"
INLINE_ROLE_RE = re.compile(r"(?:^|[\s|｜])(?:作者|撰文|编译|編譯|撰稿|执笔人|執筆人)\s*[:：|｜／/]\s*(?P<names>[^\s|｜]+(?:\s[^\s|｜:：]+)?)")


def first_byline(*texts: str) -> str | None:
    """The names of the first role line ("作者：张三", "By A and B") in the texts, in order;
    a label alone on its line ("Written by") takes the next line as the names."""
    for text in texts:
        lines = text.splitlines()
        for i, line in enumerate(lines):
            found = parse_byline(line.strip())
            if not found and LABEL_ONLY_RE.match(line) and i + 1 < len(lines):
                found = parse_byline("By " + lines[i + 1].strip())
            if found:
                return found
    return None


def find_author(head: str, tail: str) -> str | None:
    """The best author in the text around an article's start (`head`) and its last lines (`tail`)."""
    found = first_byline(head, tail)
    if found:
        return found
    for line in head.splitlines():
        if len(line) <= 100:
            m = INLINE_ROLE_RE.search(line)
            if m:
                found = _join(split_names(m.group("names")))
                if found:
                    return found
    for text in (head, tail):
        found = reporter(text)
        if found:
            return found
    m = FORUM_RE.search(head)
    if m:
        return m.group("name")
    for line in tail.splitlines():
        m = CLOSING_RE.search(line.strip())
        if m:
            found = _join(_han_names(m.group("names"), line.strip(), m.end("names")))
            if found:
                return found
    m = EDITOR_RE.search(tail)
    if m:
        return _join(re.split(r"[ 、]", m.group("names")))
    return None


# Authors named by markup: JSON-LD author objects, rel/itemprop=author, byline classes.

def _names_of(value: object) -> tuple[list[str], list[str]]:
    """(people, organisations) named by a JSON-LD author value: a string, an object or a list of them."""
    people: list[str] = []
    orgs: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, list):
                name = ", ".join(map(str, name))
            kind = item.get("@type")
            kinds = " ".join(map(str, kind)) if isinstance(kind, list) else str(kind or "")
            if isinstance(name, str) and name.strip():
                (people if "Person" in kinds or not kinds else orgs).append(name.strip())
        elif isinstance(item, str) and item.strip() and "://" not in item:
            people.append(item.strip())
    return people, orgs


def ld_authors(article: dict | None, objects: Sequence[dict] = ()) -> tuple[str | None, str | None]:
    """(people, organisation) authors of the article object, else of any object that has one.

    Organisations are kept apart: a publisher that names itself as author is used only when
    no person is named anywhere else on the page.
    """
    for obj in ([article] if article else []) + [o for o in objects if o is not article]:
        people, orgs = _names_of(obj.get("author") or obj.get("creator"))
        if people or orgs:
            return ", ".join(people) or None, ", ".join(orgs) or None
    return None, None


# Elements that hold the author's name by markup: rel=author links, itemprop=author, and the
# class names themes give bylines. Read in document order; the first plausible name wins.
_AUTHOR_CLASS = re.compile(r"byline|author[-_]?name|post-author|entry-author|article-author|author-link", re.I)
_BY_PREFIX = re.compile(r"^\s*(?:(?:written|posted|published|reviewed)\s+)?by\s*[:：]?\s+", re.I)
_BYLINE_STOP = re.compile(r"\s*(?:[|•·]|\bon\s+\w+\s+\d|\b(?:updated|published|posted)\b|"
                          r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d).*$", re.I | re.S)


_NOT_A_PERSON = re.compile(r"\b(?:staff|team|editors?|editorial|newsroom|desk|admin|administrator|webmaster|"
                           r"contributors?|press|media|news|inc|ltd|llc|gmbh|corp)\b\.?", re.I)


_NOT_A_NAME = re.compile(
    r"^(?:by|the author|authors?|(?:written|posted|authored)(?: by)?|view (?:all|more)(?: posts)?.*|more posts.*|"
    rf"see (?:all|more).*|{_MONTH_NAME}|\w+(?:\.\w+){{2,}}|"
    r"insights from|contributors?|guest|anonymous|unknown|admin)$", re.I)


# Link and button texts that sit where bylines do: "■ 该作者文章", "中国新闻网 文章 总阅读", "More posts".
_UI_TEXT = re.compile(r"[■□●◆▶►»]|文章|阅读|閱讀|查看|更多|评论|評論|\b(?:posts|articles|more|follow|subscribe)\b", re.I)
# "View all posts by Ann Lee", "More articles by Ann Lee": an author box's link, whose name is the author's
_POSTS_BY = re.compile(r"^.*?\b(?:posts|articles|stories)\s+by\s*[:：]?\s+(?=\S)", re.I)
# Words of a site's controls, never of a name: an author element that holds a profile link, a
# search box or a login form reads "Website", "View Full Profile", "Sign In", "Username". The
# name is what comes before the first one ("A. J. Neal View In Digital Edition"); none, no name.
_CONTROL_WORD = re.compile(r"\b(?:view\s+(?:all|full|more|profile|posts|in)|visit\s+(?:my\s+|our\s+|the\s+)?(?:website|site|"
                           r"profile|page)|find\s+(?:jobs|out\s+more)|read\s+more|search|sign\s+(?:in|up)|log\s*(?:in|out)|"
                           r"website|homepage|profile|download|username|password)\b", re.I)


def clean_author(value: str | None) -> str | None:
    """An author string without "By"/"Author" before it, dates or job titles after a bar, and
    the controls an author box prints beside the name."""
    if not value:
        return None
    value = html_lib.unescape(" ".join(value.replace(";", ",").split()))
    value = _POSTS_BY.sub("", value)
    value = re.sub(r"^\s*(?:authors?|(?:written|posted|authored|reviewed)\s+by|by)\s*[:：]?\s+", "", value, flags=re.I)
    control = _CONTROL_WORD.search(value)
    if control is not None:
        value = value[:control.start()].strip(" ,:-–—|")
    if not value or _NOT_A_NAME.match(value) or _UI_TEXT.search(value):
        return None
    value = _BYLINE_STOP.sub("", value).strip(" ,:-–—")
    return value or None


def choose_author(candidates: list[str | None], site_name: str | None) -> str | None:
    """The first candidate that names a person; one that names the site, an organisation or a
    desk ("Staff", "Editorial Team") only when no candidate names a person."""
    site = (site_name or "").strip().lower()
    fallback = None
    for candidate in candidates:
        name = plausible(clean_author(candidate))
        if not name:
            continue
        if ", " in name:  # "By Ann Lee, CoinDesk", "Silverback Strategies, October": no site or month beside a name
            named = [part for part in name.split(", ") if not _NOT_A_NAME.match(part)] or name.split(", ")
            name = ", ".join([part for part in named if part.lower() != site] or named)
        if name.lower() == site or _NOT_A_PERSON.search(name):
            fallback = fallback or name
            continue
        return name
    return fallback


def names_a_person(candidates: list[str | None], site_name: str | None) -> bool:
    """True when choose_author would take one of `candidates` as a person."""
    name = choose_author(candidates, site_name)
    return name is not None and name.lower() != (site_name or "").strip().lower() and not _NOT_A_PERSON.search(name)


# trafilatura's byline rules (xpaths.AUTHOR_XPATHS) in three tiers: the candidates are found in
# the page's one scan of named elements (boilerplate.name_values) and ranked here; its own
# XPaths call a Python regex on every element.
_TIER1_CLASS = re.compile(r"author-?name|AuthorName|authorName")
_TIER2_NAME = re.compile(r"author|channel-name|submitted-by|posted-by|journalist-name")
_IN_COMMENTS = re.compile(r"comment|respond|reply|discussion", re.I)


def author_by_class(candidates: list) -> str | None:
    """The text of the best element named like a byline (class/id/itemprop "author",
    "byline", "writer"...), outside comment sections; the rules trafilatura uses.

    `candidates`: the page's elements named like a byline, one per such value, in document
    order (boilerplate.name_values(tree).authorish)."""
    ranked: list[tuple[int, int, lxml_html.HtmlElement]] = []
    for order, node in enumerate(candidates):
        if node is None or not isinstance(node.tag, str):
            continue
        cls, ident, prop = node.get("class") or "", node.get("id") or "", node.get("itemprop") or ""
        if node.tag in ("a", "address", "div", "link", "p", "span", "strong") and (
                ident == "author" or cls == "author" or prop == "author name" or _TIER1_CLASS.search(cls)):
            tier = 1
        elif node.tag in ("a", "div", "h3", "h4", "p", "span") and (
                cls in ("byline", "username", "byl", "BBL") or "author" in prop or _TIER2_NAME.search(ident + " " + cls)):
            tier = 2
        else:
            tier = 3
        ranked.append((tier, order, node))
    for _, _, node in sorted(ranked, key=lambda item: item[:2])[:30]:
        if any(_IN_COMMENTS.search((a.get("class") or "") + " " + (a.get("id") or "")) for a in node.iterancestors()):
            continue
        text = " ".join(" ".join(node.itertext()).split())
        if 2 < len(text) < 120:
            return text
    return None


def dom_author(nodes: list) -> str | None:
    """The author named by markup: <a rel="author">, itemprop="author" (its itemprop="name"
    when it has one), or a byline element ("By Ann Lee | Senior Writer | July 2, 2025").
    `nodes`: rel=author and /author/ links, itemprop=author and author/byline classes, in
    document order (boilerplate.name_values(tree).author_nodes)."""
    for node in nodes[:40]:
        if node.tag != "a" and node.get("itemprop") != "author" and not _AUTHOR_CLASS.search(node.get("class") or ""):
            continue
        if node.tag == "a" and "author" not in (node.get("rel") or "") and "/author" not in (node.get("href") or "") \
                and not _AUTHOR_CLASS.search(node.get("class") or ""):
            continue
        if node.get("itemprop") == "author":
            named = node.xpath(".//*[@itemprop='name']")
            if named:
                node = named[0]
            elif node.tag == "meta":
                continue
        # a microdata name given as <meta itemprop="name" content="…"> (Stack Exchange's askers)
        text = " ".join((node.get("content") or "" if node.tag == "meta" else node.text_content()).split())
        if not text or len(text) > 120:
            continue
        text = _BYLINE_STOP.sub("", _BY_PREFIX.sub("", text)).strip(" ,:-–—")
        if 2 <= len(text) <= 60 and not any(ch.isdigit() for ch in text) and len(text.split()) <= 6:
            return text
    return None


# A thread's opening poster, as forum software labels it in the thread's header ("Thread
# starter" then the member's link, as XenForo prints it; "Started by", "Original Poster"):
# the page's author, where the posts' own markup names every replier alike.
STARTER_WORDS = ("tarter", "tarted by", "riginal poster")  # in every label _STARTER_LABEL reads, lowercased
# in the page's HTML wherever one of those is in a text of any case ("Started By", "THREAD STARTER")
_STARTER_HINTS = ("tarte", "TARTE", "riginal", "RIGINAL")


def may_name_a_starter(html: str) -> bool:
    """False when the page's HTML holds no thread-starter label, so thread_starter need not search
    the tree for one (a substring test per hint, in C; the text search costs about 1 ms a page)."""
    return any(hint in html for hint in _STARTER_HINTS)
# the label's letters lowercased by XPath (translate), so "Started By" and "THREAD STARTER" are found too
_STARTER_TEXTS = etree.XPath("/descendant::text()[string-length(.) < 40]["
                             + " or ".join(f"contains(translate(., 'ABDEGHILNOPRST', 'abdeghilnoprst'), '{word}')"
                                           for word in STARTER_WORDS) + "]")
_STARTER_LABEL = re.compile(r"^\s*(?:thread\s+starter|topic\s+starter|started\s+by|original\s+poster)\s*:?\s*$", re.I)
STARTER_LEVELS = 3  # blocks above the label searched for the member's name (the label's <li>, its list...)
_MEMBER_CLASS = re.compile(r"user|member|author|poster|name", re.I)  # "username", "member-link", "p-author"
_NAME_END = re.compile(r"\s*(?:[,|•·(（]|\s[-–—]\s|\s\d).*$", re.S)  # "Ann Lee, 3 days ago": the name


def thread_starter(tree: lxml_html.HtmlElement) -> str | None:
    """The member a thread-starter label names: the link (or the element classed as a user's
    name) that follows it in its block or the blocks just above it, or the text right after
    the label; None on a page without one."""
    for text in _STARTER_TEXTS(tree):
        if not _STARTER_LABEL.match(text):
            continue
        label = text.getparent()
        if label is None:
            continue
        if not text.is_tail and (label.tail or "").strip():
            name = _NAME_END.sub("", " ".join(label.tail.split()))  # "<b>Started by</b> Ann Lee, 3 days ago"
            if name:
                return name
        found = _member_after(label, label.getparent() if text.is_tail else label,
                              # before the name: the label's element, and all it holds when the label is its tail
                              set(label.iter()) if text.is_tail else {label})
        if found is not None:  # the first label followed by any text decides (a later one may be a list's)
            return found or None
    return None


def _member_after(label: lxml_html.HtmlElement, box: lxml_html.HtmlElement | None, passed: set) -> str | None:
    """The text of the first element with text after `label` in `box` or the blocks above it,
    when it is a member's link or name; "" where it is anything else (a date, a button, the
    headline: the label was a badge beside a name printed before it); None where none follows."""
    for _ in range(STARTER_LEVELS):
        if box is None:
            return None
        seen = False
        for node in box.iter():
            if node is label:
                seen = True
            elif seen and node not in passed and isinstance(node.tag, str) and (node.text or "").strip():
                member = node.tag == "a" or _MEMBER_CLASS.search(node.get("class") or "") is not None
                return " ".join(node.text.split()) if member else ""
        box = box.getparent()
    return None
