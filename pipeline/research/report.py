"""`python -m pipeline report`: one self-contained HTML file that shows what the database holds.

Charts are drawn by matplotlib and embedded as inline SVG: a static image needs no script, no
font or style file and no network when the file is opened (a Vega-Lite chart would need its
~800 kB runtime inlined and JavaScript enabled); matplotlib is the most widely installed
charting library, works headless, and its SVG text stays text (svg.fonttype 'none'), so Chinese
labels render in the reader's own fonts and the file stays small.
"""

from __future__ import annotations

import html
import io
import re
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from pipeline.research.report_data import Filters, ReportData, Step, collect

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
TOP_METRICS = 6


def build_report(db: sqlite_utils.Database, out: Path, filters: Filters | None = None,
                 on_step: Step | None = None) -> int:
    """Write the report to `out`; returns its size in bytes."""
    data = collect(db, filters or Filters(), on_step)
    if on_step:
        on_step("charts")
    page = render(data, database=Path(db.execute("PRAGMA database_list").fetchone()[2]).name)
    out.write_text(page, encoding="utf-8")
    return len(page.encode("utf-8"))


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _usd(value: float | None) -> str:
    if value is None:
        return ""
    for size, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k")):
        if abs(value) >= size:
            return f"${value / size:,.2f}{suffix}"
    return f"${value:,.0f}"


def _svg(fig) -> str:
    """A matplotlib figure as an inline <svg> element (no XML prolog, no fixed pixel size)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r'\1', svg, count=1)
    return svg.replace("<svg ", '<svg class="chart" role="img" ', 1)


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no display: the report is written by cron as often as by hand
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False,
                         "axes.spines.right": False, "svg.hashsalt": "pipeline-report"})
    return plt


def chart_runs(runs: Sequence[tuple]) -> str:
    if not runs:
        return '<p class="empty">No crawl runs recorded.</p>'
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 2.6))
    labels = [f"#{r[0]}" for r in runs]
    ok = [(r[3] or 0) - (r[4] or 0) for r in runs]
    ax.bar(labels, ok, color=PALETTE[0], label="pages fetched")
    ax.bar(labels, [r[4] or 0 for r in runs], bottom=ok, color=PALETTE[3], label="failed")
    ax.set_ylabel("pages")
    ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1), ncol=2)
    ax.tick_params(axis="x", labelrotation=90 if len(runs) > 20 else 0)
    return _svg(fig)


def chart_per_day(per_day: Sequence[tuple]) -> str:
    if not per_day:
        return '<p class="empty">No dated articles.</p>'
    plt = _pyplot()
    by_lang: dict[str, dict[str, int]] = defaultdict(dict)
    for day, lang, count in per_day:
        by_lang[lang][day] = count
    days = sorted({row[0] for row in per_day})
    fig, ax = plt.subplots(figsize=(8, 2.8))
    bottom = [0] * len(days)
    positions = [datetime.fromisoformat(d) for d in days]
    width = 0.8 if len(days) < 400 else 1.0
    for i, (lang, counts) in enumerate(sorted(by_lang.items(), key=lambda kv: -sum(kv[1].values()))):
        values = [counts.get(d, 0) for d in days]
        ax.bar(positions, values, bottom=bottom, width=width, color=PALETTE[i % len(PALETTE)], label=lang)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_ylabel("articles per day")
    ax.legend(frameon=False, ncol=6, loc="lower left", bbox_to_anchor=(0, 1))
    fig.autofmt_xdate()
    return _svg(fig)


def chart_usd(rows: Sequence[tuple], period: str) -> str:
    if not rows:
        return '<p class="empty">No money figures with a USD value.</p>'
    plt = _pyplot()
    totals: dict[str, float] = defaultdict(float)
    for _, metric, usd, _ in rows:
        totals[metric] += usd or 0
    metrics = sorted(totals, key=lambda m: -totals[m])[:TOP_METRICS]
    series: dict[str, dict[str, float]] = defaultdict(dict)
    for when, metric, usd, _ in rows:
        if metric in metrics:
            series[metric][when] = usd
    periods = sorted({row[0] for row in rows})
    x = [datetime.fromisoformat(p if period == "day" else p + "-01") for p in periods]
    fig, ax = plt.subplots(figsize=(8, 3.2))
    for i, metric in enumerate(metrics):
        ax.plot(x, [series[metric].get(p, float("nan")) for p in periods], marker="o", markersize=3,
                color=PALETTE[i % len(PALETTE)], label=metric)
    ax.set_yscale("log")
    ax.set_ylabel(f"USD per {period} (first mentions)")
    ax.legend(frameon=False, ncol=6, loc="lower left", bbox_to_anchor=(0, 1), fontsize=8)
    fig.autofmt_xdate()
    return _svg(fig)


def chart_entities(entities: Sequence[tuple]) -> str:
    if not entities:
        return '<p class="empty">No figure has an entity yet (run reprocess --figures-only).</p>'
    plt = _pyplot()
    top = list(entities[:15])[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.25 * len(top) + 0.8))
    kinds = sorted({row[1] for row in top})
    ax.barh([row[0] for row in top], [row[2] for row in top],
            color=[PALETTE[kinds.index(row[1]) % len(PALETTE)] for row in top])
    ax.set_xlabel("articles with a figure about it")
    return _svg(fig)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _link(url: str | None, text: str | None) -> str:
    return f'<a href="{_esc(url)}">{_esc(text or url)}</a>' if url else _esc(text)


def render(data: ReportData, database: str = "news.db") -> str:
    t = data.totals
    f = data.filters
    scope = ", ".join(x for x in (f"since {f.since}" if f.since else "", f"until {f.until}" if f.until else "",
                                  f"site {f.site}" if f.site else "") if x) or "everything"
    biggest = [(_esc(r[8]), _esc(_usd(r[0])), _esc(r[1]), _esc(r[3]), _esc(r[4]) +
                (' <span class="muted">(article)</span>' if r[5] == "article" else ""),
                f'<span class="sentence">{_esc(r[10])}</span>',
                _link(r[7], r[6]) + (f' <span class="muted">+{r[12] - 1} other editions</span>' if r[12] > 1 else ""))
               for r in data.biggest]
    entities = [(_esc(r[0]), _esc(r[1]), f"{r[2]:,}", f"{r[3]:,}", _esc(_usd(r[4]))) for r in data.entities]
    stories = [(_esc(r[4]), str(r[1]), _esc(r[2]), _esc(r[3]), _link(r[6], r[5])) for r in data.stories]
    coverage = [(_esc(r[0]), _esc(r[1]), f"{r[2]:,}", _esc(r[3]), _esc(r[4])) for r in data.coverage]
    kinds = [(_esc(k), f"{n:,}") for k, n in data.page_kinds]
    errors = [(_esc(r[0]), _esc(r[2]), _link(r[1], r[1]), _esc(r[3])) for r in data.last_errors]
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>News report: {_esc(database)}</title>
<style>{CSS}</style></head><body>
<header><h1>What the news said</h1>
<p class="muted">{_esc(database)} · {_esc(scope)} · generated {generated}</p>
<div class="cards">
<div class="card"><b>{t.get('articles', 0):,}</b>articles</div>
<div class="card"><b>{t.get('sites', 0):,}</b>sites</div>
<div class="card"><b>{t.get('figures', 0):,}</b>figures (first mentions)</div>
<div class="card"><b>{t.get('figures_usd', 0):,}</b>with a USD value</div>
<div class="card"><b>{_esc((t.get('first') or '')[:10])}</b>to {_esc((t.get('last') or '')[:10])}</div>
</div></header>
<nav><a href="#health">Crawl health</a><a href="#coverage">Coverage</a><a href="#figures">Figures</a>
<a href="#entities">Entities</a><a href="#stories">Stories</a></nav>
<section id="health"><h2>Crawl health</h2><figure>{chart_runs(data.runs)}
<figcaption>Pages fetched and failed in the last {len(data.runs)} runs.</figcaption></figure>
<div class="two"><div><h3>Pages by outcome</h3>{_table(("outcome", "pages"), kinds, (1,))}</div>
<div><h3>Last errors</h3>{_table(("when", "kind", "URL", "error"), errors)}</div></div></section>
<section id="coverage"><h2>Coverage</h2><figure>{chart_per_day(data.per_day)}
<figcaption>Articles per publication day, by language.</figcaption></figure>
{_table(("site", "language", "articles", "first", "last"), coverage, (2,))}</section>
<section id="figures"><h2>Figures over time, in USD</h2><figure>{chart_usd(data.usd_by_metric, data.period)}
<figcaption>Sum of money figures per {data.period} and metric, converted to USD at the ECB rate of the
publication day; a figure repeated in one article counts once. Log scale.</figcaption></figure>
<h3>Biggest figures</h3>{_table(("day", "USD", "as written", "metric", "entity", "sentence", "article"),
                                 biggest, (1,))}</section>
<section id="entities"><h2>Most-mentioned entities</h2><figure>{chart_entities(data.entities)}</figure>
{_table(("entity", "kind", "articles", "figures", "money (USD)"), entities, (2, 3, 4))}</section>
<section id="stories"><h2>Stories in more than one language</h2>
{_table(("first published", "articles", "languages", "sites", "story"), stories, (1,))
 if stories else '<p class="empty">No story has editions in two languages yet.</p>'}</section>
<footer class="muted">Made by <code>python -m pipeline report</code>; every chart and style is inside this file.</footer>
</body></html>
"""


CSS = """
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","PingFang SC",sans-serif}
body{margin:0 auto;max-width:1100px;padding:0 16px 40px;color:#1d2430;line-height:1.45}
h1{margin:.6em 0 .1em;font-size:1.7em}h2{border-bottom:2px solid #e3e7ee;padding-bottom:4px;margin-top:1.6em}
.muted{color:#6b7585}.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{background:#f3f6fa;border-radius:8px;padding:8px 14px;min-width:120px}.card b{display:block;font-size:1.4em}
nav{position:sticky;top:0;background:#fff;padding:6px 0;border-bottom:1px solid #e3e7ee;z-index:1}
nav a{margin-right:14px;color:#1f5fa8;text-decoration:none}
figure{margin:10px 0}svg.chart{width:100%;height:auto;max-height:480px}figcaption{color:#6b7585;font-size:.9em}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eef1f5;vertical-align:top}
td.num{text-align:right;white-space:nowrap}.sentence{display:block;max-width:38em;color:#38414f}
.two{display:grid;grid-template-columns:1fr 2fr;gap:20px}.empty{color:#6b7585;font-style:italic}
@media (max-width:700px){.two{grid-template-columns:1fr}.sentence{max-width:none}body{padding:0 8px}}
"""
