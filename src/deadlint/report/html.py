"""``deadlint report RESULTS``: one self-contained HTML page for an audit.

Everything is in the page: styles inline, the trend an inline SVG, no script,
and a Content-Security-Policy that forbids fetching anything, so the page opens
the same offline, from a mail attachment or a file share. Every piece of text
from the drafts is escaped: a draft may hold any markup.
"""

from __future__ import annotations

import math
import sys
from datetime import datetime, timezone
from html import escape
from pathlib import Path

import click

from deadlint.report.audit_stats import VAGUE_PROMISE_RULES, AuditStats, audit_stats

# One colour per vague-promise rule in the trend (and its legend); colour-blind safe (Okabe-Ito).
_RULE_COLOURS = dict(zip(VAGUE_PROMISE_RULES, ("#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9")))
_CHART_WIDTH, _CHART_HEIGHT = 960, 280
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 48, 12, 16, 44


def render_html(findings: list[dict], summary: dict, *, title: str, generated: datetime) -> str:
    stats = audit_stats(findings, summary)
    sections = [_cards(stats), _trend(stats), _totals(stats), _phrases(stats), _samples(stats)]
    return _PAGE.format(title=escape(title), generated=escape(generated.strftime("%Y-%m-%d %H:%M %Z")),
                        style=_STYLE, body="\n".join(sections))


def _cards(stats: AuditStats) -> str:
    per_hundred = f"{100 * stats.findings / stats.drafts:.1f}" if stats.drafts else "–"
    vague = sum(sum(counts.values()) for counts in stats.vague_by_month.values()) + stats.undated
    cards = [("drafts checked", f"{stats.drafts:,}"), ("findings", f"{stats.findings:,}"),
             ("findings per 100 drafts", per_hundred), ("vague promises", f"{vague:,}"),
             ("input errors", f"{stats.errors:,}")]
    return '<section class="cards">' + "".join(
        f'<div class="card"><div class="figure">{escape(value)}</div><div class="label">{escape(label)}</div></div>'
        for label, value in cards) + "</section>"


def _trend(stats: AuditStats) -> str:
    head = "<h2>Vague promises per month</h2>"
    if not stats.months:
        return (f'<section id="trend">{head}<p class="note">No dated vague promises: the trend needs'
                " messages with a Date header (mbox, Maildir, .eml).</p></section>")
    legend = "".join(f'<li><span class="swatch" style="background:{colour}"></span>{escape(rule)}</li>'
                     for rule, colour in _RULE_COLOURS.items())
    undated = (f'<p class="note">{stats.undated:,} vague promise(s) in messages without a date are not drawn.</p>'
               if stats.undated else "")
    return f'<section id="trend">{head}{_trend_svg(stats)}<ul class="legend">{legend}</ul>{undated}</section>'


def _trend_svg(stats: AuditStats) -> str:
    """Stacked bars, one per month, one colour per rule, with a labelled y axis."""
    width = _CHART_WIDTH - _MARGIN_LEFT - _MARGIN_RIGHT
    height = _CHART_HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM
    totals = [sum(stats.vague_by_month.get(month, {}).values()) for month in stats.months]
    step = _nice_step(max(totals) or 1)
    top = step * math.ceil((max(totals) or 1) / step)

    def y(value: int) -> float:
        return _MARGIN_TOP + height - height * value / top

    parts = [f'<svg role="img" aria-label="Vague promises per month" viewBox="0 0 {_CHART_WIDTH} {_CHART_HEIGHT}" '
             f'width="100%" xmlns="http://www.w3.org/2000/svg">']
    for tick in range(0, top + 1, step):
        parts.append(f'<line class="grid" x1="{_MARGIN_LEFT}" x2="{_MARGIN_LEFT + width}" y1="{y(tick):.1f}" '
                     f'y2="{y(tick):.1f}"/><text class="axis" x="{_MARGIN_LEFT - 8}" y="{y(tick) + 4:.1f}" '
                     f'text-anchor="end">{tick:,}</text>')
    slot = width / len(stats.months)
    label_every = math.ceil(len(stats.months) / 12)
    for index, month in enumerate(stats.months):
        x = _MARGIN_LEFT + slot * index + slot * 0.15
        base = 0
        for rule, colour in _RULE_COLOURS.items():
            count = stats.vague_by_month.get(month, {}).get(rule, 0)
            if count:
                parts.append(f'<rect class="bar" x="{x:.1f}" y="{y(base + count):.1f}" width="{slot * 0.7:.1f}" '
                             f'height="{y(base) - y(base + count):.1f}" fill="{colour}"><title>'
                             f'{escape(month)} {escape(rule)}: {count:,}</title></rect>')
                base += count
        if index % label_every == 0:
            parts.append(f'<text class="axis" x="{x + slot * 0.35:.1f}" y="{_MARGIN_TOP + height + 20}" '
                         f'text-anchor="middle">{escape(_month_label(month))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _nice_step(maximum: int) -> int:
    """A round tick step (1, 2 or 5 times a power of ten) giving about four gridlines."""
    rough = max(1.0, maximum / 4)
    power = 10 ** math.floor(math.log10(rough))
    return int(next(factor * power for factor in (1, 2, 5, 10) if factor * power >= rough))


def _month_label(month: str) -> str:
    return datetime.strptime(month, "%Y-%m").strftime("%b %Y")


def _totals(stats: AuditStats) -> str:
    head = "".join(f'<th class="num">{escape(language)}</th>' for language in stats.languages)
    rows = []
    for rule, counts in stats.by_rule_language.items():
        cells = "".join(f'<td class="num">{counts.get(language, 0):,}</td>' for language in stats.languages)
        rows.append(f"<tr><th>{escape(rule)}</th>{cells}<td class=\"num total\">{sum(counts.values()):,}</td></tr>")
    columns = "".join(f'<td class="num total">{sum(c.get(language, 0) for c in stats.by_rule_language.values()):,}'
                      "</td>" for language in stats.languages)
    rows.append(f'<tr class="total"><th>all rules</th>{columns}<td class="num total">{stats.findings:,}</td></tr>')
    return (f'<section id="totals"><h2>Findings per rule and language</h2><table><thead><tr><th>rule</th>{head}'
            f'<th class="num">total</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


def _phrases(stats: AuditStats) -> str:
    rows = "".join(
        f'<tr><td class="num">{phrase.count:,}</td><td><q>{escape(phrase.text)}</q></td><td>{escape(phrase.language)}'
        f'</td><td class="nowrap">{escape(phrase.rule)}</td><td>{escape(phrase.suggestion or "–")}</td></tr>'
        for phrase in stats.phrases)
    return ('<section id="phrases"><h2>Most frequent phrases</h2><table><thead><tr><th class="num">count</th>'
            "<th>phrase</th><th>lang</th><th>rule</th><th>suggested instead (most frequent)</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")


def _samples(stats: AuditStats) -> str:
    items = []
    for finding in stats.samples:
        where = finding["path"] + (f"[{finding['item']}]" if finding.get("item") else "") + f":{finding['line']}"
        suggestion = (f'<p class="suggestion">Suggestion: {escape(finding["suggestion"])}</p>'
                      if finding.get("suggestion") else "")
        items.append(
            f'<article class="sample"><header><span class="badge {escape(finding["severity"])}">'
            f'{escape(finding["severity"])}</span> <strong>{escape(finding["rule"])}</strong> '
            f'<span class="where">{escape(where)} · {escape(finding.get("language") or "?")}</span></header>'
            f'<blockquote>{_highlighted(finding.get("context") or finding["match"], finding["match"])}</blockquote>'
            f'<p>{escape(finding["message"])}</p>{suggestion}</article>')
    return f'<section id="samples"><h2>Sample findings</h2>{"".join(items)}</section>'


def _highlighted(context: str, match: str) -> str:
    """The context, escaped, with the matched phrase marked (its first line, where it wraps)."""
    needle = match.split("\n", 1)[0]
    at = context.find(needle) if needle else -1
    if at < 0:
        return escape(context)
    return (escape(context[:at]) + f"<mark>{escape(needle)}</mark>" + escape(context[at + len(needle):]))


_STYLE = """
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #e3e7ee; --panel: #f6f8fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
       color: var(--ink); background: #fff; }
main { max-width: 1040px; margin: 0 auto; padding: 28px 24px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 36px 0 12px; }
.subtitle, .note, .where { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin-top: 20px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.figure { font-size: 26px; font-weight: 650; }
.label { color: var(--muted); font-size: 13px; }
svg { display: block; background: #fff; border: 1px solid var(--line); border-radius: 10px; }
svg .grid { stroke: var(--line); }
svg .axis { fill: var(--muted); font-size: 12px; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 18px; padding: 0; margin: 10px 0 0; font-size: 13px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px;
          vertical-align: -1px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--panel); font-weight: 600; }
.nowrap { white-space: nowrap; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.total, tr.total th { font-weight: 650; }
q { quotes: "“" "”"; }
.sample { border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; margin: 0 0 12px; }
.sample p { margin: 6px 0 0; }
.sample blockquote { margin: 8px 0 0; padding: 8px 12px; background: var(--panel); border-radius: 6px;
                     white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #ffe08a; padding: 0 2px; border-radius: 3px; }
.suggestion { color: #0b6b3a; }
.badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 999px; background: #eef1f6; }
.badge.warning { background: #fff1d6; color: #8a5300; }
.badge.error { background: #fde2e1; color: #a1231b; }
.badge.info { background: #e1effd; color: #1b5aa1; }
.where { font-size: 13px; overflow-wrap: anywhere; }
@media (max-width: 760px) { .cards { grid-template-columns: repeat(2, 1fr); } }
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p class="subtitle">deadlint audit report · generated {generated}</p>
{body}
</main>
</body>
</html>
"""


@click.command("report")
@click.argument("results", type=click.Path(path_type=Path))
@click.option("--out", "-o", type=click.Path(path_type=Path, dir_okay=False), default=Path("deadlint-report.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--title", default="Vague promises audit", show_default=True, help="The page's heading.")
def command(results, out, title) -> None:
    """Write an HTML report of `deadlint check --format json` output or a `deadlint audit` folder."""
    from deadlint.archive.results import ResultsError, read_results
    from deadlint.cli import EXIT_CLEAN, EXIT_ERROR

    try:
        findings, summary = read_results(results)
    except ResultsError as exc:
        click.echo(f"deadlint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    page = render_html(findings, summary, title=title, generated=datetime.now(timezone.utc))
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        click.echo(f"deadlint: error: {out}: cannot write: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"report of {len(findings)} finding(s) written to {out}")
    sys.exit(EXIT_CLEAN)

