"""The terminal report: findings grouped by listing, the listing's words highlighted, then a summary."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from listingkit.audit import Summary
from listingkit.i18n import _
from listingkit.models import Severity

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
HIGHLIGHT = {Severity.ERROR: "bold white on red", Severity.WARNING: "black on yellow", Severity.INFO: "black on cyan"}
CONTEXT_CHARS = 40
ROLE_STYLE = {
    "brand": "bold magenta",
    "core": "bold green underline",
    "attribute": "cyan",
    "scene": "yellow",
    "context": "green",
    "filler": "dim",
    "unknown": "",
}


def role_style(role: str) -> str:
    return ROLE_STYLE.get(role.split(":", 1)[0], "")


def formula_line(title: str, structure: list[dict[str, Any]]) -> Text:
    """The title with each word coloured by its formula role."""
    out = Text()
    pos = 0
    for span in structure:
        if span["start"] > pos:
            out.append(title[pos : span["start"]])
        out.append(title[span["start"] : span["end"]], style=role_style(span["role"]))
        pos = span["end"]
    out.append(title[pos:])
    return out


def legend() -> Text:
    out = Text(_("formula roles: "), style="dim")
    for role in ("brand", "core", "attribute", "scene", "context", "filler"):
        out.append(_(role), style=ROLE_STYLE[role])
        out.append(" ")
    return out


class TerminalReport:
    """Reads the same listing records as the JSON reports, so all outputs say the same thing."""

    def __init__(self, console: Console, show_clean: bool = False, verbose: bool = False) -> None:
        self.console = console
        self.show_clean = show_clean
        self.verbose = verbose
        self._legend_shown = False

    def listing(self, record: dict[str, Any]) -> None:
        findings = record["findings"]
        if not findings and not self.show_clean:
            return
        where = f"{record['file']}:{record['row']}"
        if record["line"] is not None:
            where += f" (line {record['line']})"
        elif record.get("sheet_row") is not None:
            where += f" (sheet {record['sheet']!r}, row {record['sheet_row']})"
        head = Text(where, style="bold")
        head.append(f"  {record['sku'] or _('(no SKU)')}", style="magenta")
        head.append(f"  {record['marketplace']}", style="dim")
        if record["score"] is not None:
            head.append("  " + _("score {score}").format(score=record["score"]), style=_score_style(record["score"]))
        self.console.print(head)
        title = record.get("title") or ""
        if title:
            spans = [f for f in findings if f["field"] == "title" and f["start"] is not None]
            self.console.print(Text("  " + _("title: "), style="dim") + highlight(title, spans))
            formula = record.get("formula")
            if formula and formula.get("structure"):
                if not self._legend_shown:
                    self.console.print(Text("  ") + legend())
                    self._legend_shown = True
                line = Text("  " + _("formula: "), style="dim") + formula_line(title, formula["structure"])
                line.append(f"  ({formula['score']})", style="dim")
                self.console.print(line)
        for finding in findings:
            self._finding(finding)
        self.console.print()

    def _finding(self, finding: dict[str, Any]) -> None:
        severity = Severity(finding["severity"])
        line = Text("  ")
        line.append(f"{_(severity.value):<7}", style=STYLE[severity])
        line.append(f" {finding['code']} ", style="bold")
        line.append(finding["name"], style="dim")
        if finding["field"]:
            index = finding["index"]
            place = finding["field"] if index is None else f"{finding['field']}[{index + 1}]"
            if finding["column"] and finding["column"] != finding["field"]:
                place += f" ({finding['column']})"
            line.append(f"  {place}", style="dim")
        self.console.print(line)
        self.console.print(Text("    " + finding["message_localized"]))
        if finding["match"] is not None and finding["start"] is not None:
            shown = finding["match"].replace("\n", " ")
            if len(shown) > 2 * CONTEXT_CHARS:
                shown = shown[:CONTEXT_CHARS] + " … " + shown[-CONTEXT_CHARS:]
            self.console.print(Text("    " + _("found: "), style="dim") + Text(shown, style=HIGHLIGHT[severity]))
        fix = finding["fix"]
        if fix is not None:
            kind = _(fix["applicability"])
            text = _("fix ({applicability}): {title}").format(applicability=kind, title=fix["title"])
            self.console.print(Text("    " + text, style="green"))
        if finding["link"] and self.verbose:
            self.console.print(Text("    " + _("source: {link}").format(link=finding["link"]), style="dim"))

    def summary(self, summary: Summary, quiet_files: bool = False) -> None:
        for f in summary.files:
            if f.error:
                self.console.print(Text(_("not read: {error}").format(error=f.error), style="bold red"))
            elif not quiet_files:
                self.console.print(Text(_file_line(f, self.verbose), style="dim"))
        table = Table(title=_("Summary"), show_header=True, header_style="bold")
        table.add_column(_("severity"))
        table.add_column(_("findings"), justify="right")
        for severity in Severity:
            shown = str(summary.by_severity.get(severity.value, 0))
            table.add_row(Text(_(severity.value), style=STYLE[severity]), shown)
        self.console.print(table)
        if summary.by_code:
            codes = Table(title=_("Most frequent rules"), header_style="bold")
            codes.add_column(_("code"))
            codes.add_column(_("findings"), justify="right")
            for code, count in summary.by_code.most_common(10):
                codes.add_row(code, str(count))
            self.console.print(codes)
        if summary.scores:
            self._scores(summary)
        listed = sum(f.listings for f in summary.files)
        line = _("{listings} listings in {files} file(s), {findings} findings").format(
            listings=f"{listed:,}", files=len(summary.files), findings=f"{summary.findings:,}"
        )
        if summary.scores:
            mean = sum(summary.scores) / len(summary.scores)
            line += _(", mean score {mean}").format(mean=f"{mean:.0f}")
        self.console.print(Text(line, style="bold"))

    def _scores(self, summary: Summary) -> None:
        """The catalog at a glance: score bands, the weakest listings, what detail pages lack most."""
        total = len(summary.scores)
        bands = Table(title=_("Scores"), header_style="bold")
        bands.add_column(_("band"))
        bands.add_column(_("listings"), justify="right")
        bands.add_column(_("share"), justify="right")
        for label, count in summary.bands():
            low = int(label.split("-", 1)[0])
            bands.add_row(Text(_(label), style=_score_style(low)), f"{count:,}", f"{100 * count / total:.0f}%")
        self.console.print(bands)
        weakest = Table(title=_("Weakest listings"), header_style="bold")
        for name, justify in (("score", "right"), ("where", "left"), ("sku", "left"), ("title", "left")):
            weakest.add_column(_(name), justify=justify)  # type: ignore[arg-type]
        for item in summary.weakest_listings():
            title = item["title"] or ""
            shown = title if len(title) <= 60 else title[:57] + "..."
            weakest.add_row(
                Text(str(item["score"]), style=_score_style(item["score"])),
                f"{item['file']}:{item['row']}",
                item["sku"] or "",
                shown,
            )
        self.console.print(weakest)
        if summary.missing:
            missing = Table(title=_("Most common missing elements"), header_style="bold")
            missing.add_column(_("rule"))
            missing.add_column(_("listings"), justify="right")
            missing.add_column(_("share"), justify="right")
            for name, count in summary.missing.most_common(10):
                missing.add_row(name, f"{count:,}", f"{100 * count / summary.listings:.0f}%")
            self.console.print(missing)


def _file_line(f: Any, verbose: bool) -> str:
    """How a file was read: listings, format, encoding or sheet, grouped records, unused columns."""
    where = _(", sheet {sheet!r}").format(sheet=f.sheet) if f.sheet else f", {f.encoding}" if f.encoding else ""
    line = _("read {count} listings from {file} as {format}").format(
        count=f"{f.listings:,}", file=f.file, format=f.format_title
    )
    line += where
    if f.records != f.listings:
        line += _(
            " ({records} records: {listings} listings, {grouped} grouped into them, {inputs} reported as input"
            " findings)"
        ).format(
            records=f"{f.records:,}",
            listings=f"{f.listings:,}",
            grouped=f"{f.grouped_records:,}",
            inputs=f"{f.input_records:,}",
        )
    if verbose and f.unused_columns:
        line += _("; unused columns: {columns}").format(columns=", ".join(f.unused_columns))
    return str(line)


def _score_style(score: int) -> str:
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


def highlight(text: str, findings: Iterable[dict[str, Any]]) -> Text:
    out = Text(text)
    for f in sorted(findings, key=lambda f: -Severity(f["severity"]).rank):
        start, end = f["start"], f["end"]
        if start is not None and end is not None and end <= len(text):
            out.stylize(HIGHLIGHT[Severity(f["severity"])], start, max(end, start + 1))
    return out
