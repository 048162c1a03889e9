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

import re

_EN_NAME = r"(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)[A-Z][\w.'’\-]+(?:\s+(?:[A-Z][\w.'’\-]+|de|van|von|der|la|le|del|da|di|dos|bin))*"
ROLE_RE = re.compile(
    r"^\s*(?:撰文|作者|文|编译|編譯|编辑|編輯|撰稿|撰稿人|执笔人|執筆人|执笔|執筆|整理|译者|譯者|翻译|翻譯|"
    r"Author|Written by)\s*[:：|｜丨/]\s*(?P<names>.+?)\s*$"
    r"|^\s*(?:(?:Written|Posted|Authored|Reported|Words|Story|Article)\s+)?(?:By|BY|by)\s*:?\s+"
    rf"(?P<en>{_EN_NAME}(?:\s*(?:,|and|&)\s*{_EN_NAME})*)"
    r"(?:\s*(?:[|•·⋅‧–—]|\s-\s|,?\s+on\s|,?\s+(?:Updated|Published|Posted)\b|,?\s+\d|,\s+(?=[A-Z][a-z]+\s+\d)).*)?\s*$"
)
# A byline label on a line of its own, the name on the next: "Written by" / "Edzel Tabing".
LABEL_ONLY_RE = re.compile(r"^\s*(?:written\s+by|posted\s+by|authored\s+by|words\s+by|by|authors?|作者|撰文)\s*[:：]?\s*$", re.I)
# Noise after the names in a byline: "作者：张三 | 来源：xx", "文 | 李四 2026-01-01", "作者:X振威将军(从一品)"
BYLINE_TAIL_RE = re.compile(
    r"\s*(?:[|｜丨]|来源|來源|出品|发布|發布|\d{4}[-/年]|\s\d|[(（]\s*[\u4e00-\u9fff]{0,4}[)）]).*$")
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
_ID_LIKE = re.compile(r"\d{3,}|^[\w.-]*_\w*\d")


def split_names(names: str) -> list[str]:
    """"Frank,麦通 MSX" -> ["Frank", "麦通 MSX"]; "A and B" -> ["A", "B"]."""
    names = BYLINE_TAIL_RE.sub("", names).strip()
    parts = re.split(r"\s*(?:[,，、&/;；]|\band\b|\s和\s)\s*", names)
    out: list[str] = []
    for part in parts:
        if _SPACED_HAN_NAMES.fullmatch(part.strip()):  # "闵乐夫 赵兰波": Chinese names separated by spaces
            out.extend(part.split())
        elif part.strip(" ·."):
            out.append(part.strip(" ·."))
    return out


def _join(names: list[str]) -> str | None:
    names = [n for n in names if 0 < len(n) <= 40 and n not in NOT_NAMES and not n.endswith(REPORT_WORDS)
             and not _ID_LIKE.search(n)]
    return ", ".join(dict.fromkeys(names)) or None


def plausible(author: str | None) -> str | None:
    """An author string from metadata, unless it looks like an ID, a URL or a sentence."""
    if not author or "://" in author or len(author) > 80:
        return None
    return _join(split_names(author))


def parse_byline(line: str) -> str | None:
    """The author names in a role line ("作者：张三", "By A and B"), or None."""
    if len(line) > 80:
        return None
    m = ROLE_RE.match(line)
    if not m:
        return None
    return _join(split_names(m.group("names") or m.group("en") or ""))


def _han_names(group: str, text: str, end: int) -> list[str]:
    names = [n for n in re.split(r"[ \u3000、]+", group) if n]
    # "彭冲 山东冠县报道": the last word is the place the report came from
    if names and text.startswith(PLACE_SUFFIX, end) and len(names) > 1:
        names = names[:-1]
    return names


def reporter(text: str) -> str | None:
    for m in REPORTER_RE.finditer(text):
        found = _join(_han_names(m.group("names"), text, m.end("names")))
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
