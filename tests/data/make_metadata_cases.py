"""Writes metadata_cases.jsonl: news pages in the markup styles we meet, with the true date and author.

Run it after editing; the JSONL is committed. Each case is a page shell (header, sidebar with
other dates, article) with the date and byline written the way one kind of site writes them.
"""

from __future__ import annotations

import json
from pathlib import Path

ZH = ["比特币现货 ETF 本周录得净流入 12.5 亿美元，为连续第三周净流入，机构资金回流明显，市场情绪转向乐观。",
      "分析师指出，资金回流与美联储降息预期升温有关，市场预计年内还将降息 50 个基点，风险资产整体受益。",
      "与此同时，以太坊现货 ETF 净流出 1.2 亿美元，资金正在从以太坊转向比特币，两者的相对强弱差距进一步拉大。"]
HANT = ["比特幣現貨 ETF 本週錄得淨流入 12.5 億美元，為連續第三週淨流入，機構資金回流明顯，市場情緒轉向樂觀。",
        "分析師指出，資金回流與聯準會降息預期升溫有關，市場預計年內還將降息 50 個基點，風險資產整體受益。",
        "與此同時，以太坊現貨 ETF 淨流出 1.2 億美元，資金正在從以太坊轉向比特幣，兩者的強弱差距進一步拉大。"]
EN = ["Spot bitcoin ETFs drew $1.25 billion in net inflows this week, the third straight week of gains, as "
      "institutional money returned and sentiment turned more positive across the market.",
      "Analysts tied the inflows to rising expectations of further rate cuts, with traders now pricing in 50 basis "
      "points of easing before the end of the year, a backdrop that has lifted risk assets broadly.",
      "Ether funds, meanwhile, lost $120 million as money rotated from ether into bitcoin, widening the gap in "
      "relative strength between the two largest crypto assets."]


def page(title: str, header: str, paras: list[str], lang: str = "zh-CN", head: str = "", lead: str = "",
         tail: str = "", sidebar_date: str = "2025年12月1日") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} - 财经网</title>{head}'
            f'</head><body><header><nav><a href="/">首页</a> <a href="/news/">新闻</a> <a href="/market/">行情</a></nav>'
            f'</header><aside class="sidebar"><h3>热门</h3><ul><li><a href="/a/1">另一篇文章标题在这里</a>'
            f'<span>{sidebar_date}</span></li></ul></aside><main><article><h1>{title}</h1>{header}'
            f'<div class="content">{lead}{body}{tail}</div></article></main><footer>© 2026 财经网</footer></body></html>')


def cases():
    t_zh, t_hant, t_en = "比特币 ETF 连续三周净流入", "比特幣 ETF 連續三週淨流入", "Bitcoin ETFs log third week of inflows"
    url = "https://news.example.com/article/88231"
    yield "wp-8v", "https://8v.example/zh/meta-capex/", page(t_zh, '<div class="jeg_meta_date">29 1 月, 2026</div>', ZH, lead="<p>撰文:Frank,麦通 MSX</p>"), "2026-01-29", "Frank, 麦通 MSX"
    yield "wp-8v-hant", "https://8v.example/zh-tw/x/", page(t_hant, '<div class="jeg_meta_date">28 1 月, 2026</div>', HANT, "zh-TW", lead="<p>撰文：陳思妤</p>"), "2026-01-28", "陳思妤"
    yield "wp-8v-en", "https://8v.example/en/x/", page(t_en, '<div class="jeg_meta_date">27 1 月, 2026</div>', EN, "en", lead="<p>By Dana Whitfield and Marco Ruiz</p>"), "2026-01-27", "Dana Whitfield, Marco Ruiz"
    yield "portal-line", url, page(t_zh, '<div class="info">2026年01月29日 08:30 来源：新浪财经 作者：张三</div>', ZH), "2026-01-29T08:30", "张三"
    yield "portal-source-only", url, page(t_zh, '<div class="info">2026-01-29 08:30 来源：华尔街见闻</div>', ZH), "2026-01-29T08:30", None
    yield "wen-bar", url, page(t_zh, '<p class="time">2026/1/29 10:05</p>', ZH, lead="<p>文 | 李四</p>"), "2026-01-29T10:05", "李四"
    yield "bianyi", url, page(t_zh, '<span>2026-01-29</span>', ZH, lead="<p>原文标题：Bitcoin ETFs log third week</p><p>编译：Luffy，Foresight News</p>"), "2026-01-29", "Luffy, Foresight News"
    yield "reporter-city", url, page(t_zh, '<div>2026年1月29日 星期四</div>', ZH, lead="<p>本报记者 王五 北京报道</p>"), "2026-01-29", "王五"
    yield "reporter-paren", url, page(t_zh, '<div>2026-01-29 09:00</div>', ["（记者 赵六）" + ZH[0]] + ZH[1:]), "2026-01-29T09:00", "赵六"
    yield "reporter-fayu", url, page(t_zh, '<div>2026-01-29</div>', ["本报记者罗科苏盈发自北京 " + ZH[0]] + ZH[1:]), "2026-01-29", "罗科苏盈"
    yield "reporter-hant-slash", url, page(t_hant, '<div>2026年1月29日</div>', HANT, "zh-TW", lead="<p>記者陳小明／台北報導</p>"), "2026-01-29", "陳小明"
    yield "closing-paren", url, page(t_zh, '<div>2026年1月29日 14:20</div>', ZH[:-1] + [ZH[-1] + "（姚峰 上海报道）"]), "2026-01-29T14:20", "姚峰"
    yield "closing-two", url, page(t_zh, '<div>2026-01-29</div>', ZH[:-1] + [ZH[-1] + "（常书香 马丹阳）"]), "2026-01-29", "常书香, 马丹阳"
    yield "editor-only", url, page(t_zh, '<div>2026-01-29</div>', ZH, tail="<p>（责任编辑：魏喆）</p>"), "2026-01-29", "魏喆"
    yield "author-colon", url, page(t_zh, '<div>作者：孙仲旻 2026-01-29</div>', ZH), "2026-01-29", "孙仲旻"
    yield "three-authors", url, page(t_zh, '<div>2026-01-29</div>', ZH, lead="<p>作者：张三、李四、王五</p>"), "2026-01-29", "张三, 李四, 王五"
    yield "zhibiren", url, page(t_zh, '<div>2026-01-29</div>', ZH, tail="<p>执笔人：闵乐夫 赵兰波</p>"), "2026-01-29", "闵乐夫, 赵兰波"
    yield "jsonld", url, page(t_zh, "", ZH, head='<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2026-01-20T10:00:00+08:00","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}]}</script>'), "2026-01-20T10:00", "Ann Lee, Bo Chen"
    yield "jsonld-graph", url, page(t_en, "", EN, "en", head='<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2026-01-21","author":{"@type":"Person","name":"Jane Doe"}}]}</script>'), "2026-01-21", "Jane Doe"
    yield "meta-og", url, page(t_en, "", EN, "en", head='<meta property="article:published_time" content="2026-01-22T07:15:00Z"><meta name="author" content="John Roe">'), "2026-01-22T07:15", "John Roe"
    yield "meta-pubdate", url, page(t_zh, "", ZH, head='<meta name="pubdate" content="2026-01-23 16:40:00">'), "2026-01-23T16:40", None
    yield "time-element", url, page(t_en, '<time datetime="2026-01-24T09:30:00-05:00">Jan 24, 2026</time>', EN, "en"), "2026-01-24T09:30", None
    yield "en-byline-date", url, page(t_en, '<p class="byline">By Jane Doe</p><p class="date">January 25, 2026 8:30 a.m. ET</p>', EN, "en"), "2026-01-25T08:30", "Jane Doe"
    yield "en-updated", url, page(t_en, '<div>Published Jan. 26, 2026</div><div>By Alex Kim, Maria Lopez and Sam Patel</div>', EN, "en"), "2026-01-26", "Alex Kim, Maria Lopez, Sam Patel"
    yield "en-dmy", url, page(t_en, '<div>27 January 2026</div>', EN, "en", lead="<p>By Priya Nair</p>"), "2026-01-27", "Priya Nair"
    yield "url-date", "https://news.example.com/2026/01/28/etf-flows/", page(t_en, "", EN, "en"), "2026-01-28", None
    yield "url-compact", "https://news.example.com/a/20260128/991.html", page(t_zh, "", ZH), "2026-01-28", None
    yield "url-plus-time", "https://news.example.com/2026/01/28/etf/", page(t_zh, '<div>2026-01-28 21:05</div>', ZH), "2026-01-28T21:05", None
    yield "month-day-url-year", "https://news.example.com/2025/12/30/x/", page(t_zh, '<div>12月30日 19:05</div>', ZH), "2025-12-30T19:05", None
    yield "sidebar-first", url, page(t_zh, '<div class="meta">2026年1月29日 09:12</div>', ZH, sidebar_date="2025年11月11日"), "2026-01-29T09:12", None
    yield "hant-date", url, page(t_hant, '<div>2026年1月29日 下午3:15</div>', HANT, "zh-TW", lead="<p>作者：林美華</p>"), "2026-01-29T15:15", "林美華"
    yield "hant-jizhe", url, page(t_hant, '<div>2026-01-29</div>', HANT, "zh-TW", lead="<p>記者 張家豪 綜合報導</p>"), "2026-01-29", "張家豪"
    yield "dot-date", url, page(t_zh, '<div>2026.01.29</div>', ZH, lead="<p>作者 | 周七</p>"), "2026-01-29", "周七"
    yield "zuozhe-source-same-line", url, page(t_zh, '<div>2026-01-29</div>', ZH, lead="<p>作者：吴八 | 来源：链捕手</p>"), "2026-01-29", "吴八"
    yield "source-not-author", url, page(t_zh, '<div>2026-01-29</div>', ZH, lead="<p>来源：金色财经</p>"), "2026-01-29", None
    yield "zhuanwen-space", url, page(t_zh, '<div>29 1 月, 2026</div>', ZH, lead="<p>撰文： Ada Wong</p>"), "2026-01-29", "Ada Wong"
    yield "xinhua", url, page(t_zh, '<div>2026-01-29 10:22:31</div>', ["新华社北京1月29日电（记者 格桑边觉）" + ZH[0]] + ZH[1:]), "2026-01-29T10:22", "格桑边觉"
    yield "box-reporter", url, page(t_zh, '<div>2026-01-29</div>', ZH, tail="<p>□ 本报记者 葛灵丹</p>"), "2026-01-29", "葛灵丹"
    yield "forum", url, page(t_zh, '<div>ggjjzhzz 发表于 2005-9-15 11:46</div>', ZH), "2005-09-15T11:46", "ggjjzhzz"
    yield "photo-credit-not-author", url, page(t_zh, '<div>2026-01-29</div>', ZH, lead="<p>作者：郑九</p>", tail="<p>（图片来源：视觉中国）</p>"), "2026-01-29", "郑九"
    yield "en-wp-by-link", url, page(t_en, '<div class="entry-meta">Posted on <time datetime="2026-01-30T06:00:00+00:00">January 30, 2026</time> by <a rel="author">Chris Lane</a></div>', EN, "en"), "2026-01-30T06:00", "Chris Lane"
    yield "relative-hours", "https://news.example.com/flash/1", page(t_zh, '<div>3 小时前</div>', ZH), "2026-01-29", None


def main() -> None:
    out = Path(__file__).with_name("metadata_cases.jsonl")
    with out.open("w", encoding="utf-8") as f:
        for case_id, url, html, published, author in cases():
            f.write(json.dumps({"id": case_id, "url": url, "html": html, "published": published, "author": author},
                               ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
