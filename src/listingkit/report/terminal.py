"""The terminal report: findings grouped by listing, the listing's words highlighted, then a summary."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from listingkit.audit import ListingResult, Summary
from listingkit.models import Finding, Severity

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
HIGHLIGHT = {Severity.ERROR: "bold white on red", Severity.WARNING: "black on yellow", Severity.INFO: "black on cyan"}
CONTEXT_CHARS = 40


class TerminalReport:
    def __init__(self, console: Console, show_clean: bool = False, verbose: bool = False) -> None:
        self.console = console
        self.show_clean = show_clean
        self.verbose = verbose

    def listing(self, result: ListingResult) -> None:
        if not result.findings and not self.show_clean:
            return
        item = result.listing
        where = f"{item.file}:{item.row}"
        if item.line is not None:
            where += f" (line {item.line})"
        head = Text(where, style="bold")
        head.append(f"  {item.sku or '(no SKU)'}", style="magenta")
        head.append(f"  {item.marketplace}", style="dim")
        if result.score is not None:
            head.append(f"  score {result.score}", style=_score_style(result.score))
        self.console.print(head)
        title_findings = [f for f in result.findings if f.field == "title" and f.start is not None]
        if item.title:
            self.console.print(Text("  title: ", style="dim") + highlight(item.title, title_findings))
        for finding in result.findings:
            self._finding(result, finding)
        self.console.print()

    def _finding(self, result: ListingResult, finding: Finding) -> None:
        line = Text("  ")
        line.append(f"{finding.severity.value:<7}", style=STYLE[finding.severity])
        line.append(f" {finding.code} ", style="bold")
        line.append(f"{finding.name}", style="dim")
        if finding.field:
            place = finding.field if finding.index is None else f"{finding.field}[{finding.index + 1}]"
            line.append(f"  {place}", style="dim")
        self.console.print(line)
        self.console.print(Text("    " + (finding.message_localized or finding.message)))
        if finding.match is not None and finding.field != "title":
            self.console.print(Text("    ") + snippet(result, finding))
        elif finding.match is not None and finding.field == "title" and finding.start is not None:
            self.console.print(
                Text("    found: ", style="dim") + Text(finding.match, style=HIGHLIGHT[finding.severity])
            )
        if finding.fix is not None:
            self.console.print(Text(f"    fix ({finding.fix.applicability.value}): {finding.fix.title}", style="green"))
        if finding.link and self.verbose:
            self.console.print(Text(f"    source: {finding.link}", style="dim"))

    def summary(self, summary: Summary, quiet_files: bool = False) -> None:
        for f in summary.files:
            if f.error:
                self.console.print(Text(f"not read: {f.error}", style="bold red"))
            elif not quiet_files:
                self.console.print(
                    Text(
                        f"read {f.listings:,} listings from {f.file} as {f.format_title}, {f.encoding}"
                        + (
                            f"; unused columns: {', '.join(f.unused_columns)}"
                            if self.verbose and f.unused_columns
                            else ""
                        ),
                        style="dim",
                    )
                )
        table = Table(title="Summary", show_header=True, header_style="bold")
        table.add_column("severity")
        table.add_column("findings", justify="right")
        for severity in Severity:
            table.add_row(Text(severity.value, style=STYLE[severity]), str(summary.by_severity.get(severity.value, 0)))
        self.console.print(table)
        if summary.by_code:
            codes = Table(title="Most frequent rules", header_style="bold")
            codes.add_column("code")
            codes.add_column("findings", justify="right")
            for code, count in summary.by_code.most_common(10):
                codes.add_row(code, str(count))
            self.console.print(codes)
        listed = sum(f.listings for f in summary.files)
        line = f"{listed:,} listings in {len(summary.files)} file(s), {summary.findings:,} findings"
        if summary.scores:
            mean = sum(summary.scores) / len(summary.scores)
            line += f", mean score {mean:.0f}"
        self.console.print(Text(line, style="bold"))


def _score_style(score: int) -> str:
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def highlight(text: str, findings: Iterable[Finding]) -> Text:
    out = Text(text)
    for f in sorted(findings, key=lambda f: -f.severity.rank):
        if f.start is not None and f.end is not None and f.end <= len(text):
            out.stylize(HIGHLIGHT[f.severity], f.start, max(f.end, f.start + 1))
    return out


def snippet(result: ListingResult, finding: Finding) -> Text:
    """The words around a match in a long field, with the match highlighted."""
    items = dict(result.listing.text_items(finding.field or ""))
    raw = items.get(finding.index)
    cell = result.listing.cell(finding.field or "", finding.index)
    offset = cell.offset if cell is not None and finding.index is not None else 0
    if raw is None or finding.start is None or finding.end is None:
        return Text(finding.match or "", style=HIGHLIGHT[finding.severity])
    start, end = finding.start - offset, finding.end - offset
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(raw), end + CONTEXT_CHARS)
    out = Text("…" if left else "", style="dim")
    out.append(raw[left:start].replace("\n", " "))
    out.append(raw[start:end].replace("\n", " "), style=HIGHLIGHT[finding.severity])
    out.append(raw[end:right].replace("\n", " "))
    if right < len(raw):
        out.append("…", style="dim")
    return out
