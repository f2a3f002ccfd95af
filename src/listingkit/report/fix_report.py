"""What `listingkit fix` did: each changed listing before and after, then a summary; or JSON edits."""

from __future__ import annotations

import difflib
import json
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from listingkit import __version__
from listingkit.fix.engine import FixedListing
from listingkit.fix.run import FileFix, fixed_per_rule
from listingkit.i18n import _
from listingkit.models import Severity


def word_diff(before: str, after: str) -> tuple[Text, Text]:
    """Both versions with the words that differ highlighted."""
    old, new = before.split(" "), after.split(" ")
    left, right = Text(), Text()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        gone, came = " ".join(old[i1:i2]), " ".join(new[j1:j2])
        if tag == "equal":
            left.append(gone + " ")
            right.append(came + " ")
            continue
        if gone:
            left.append(gone, style="bold white on red")
            left.append(" ")
        if came:
            right.append(came, style="bold black on green")
            right.append(" ")
    left.rstrip()
    right.rstrip()
    return left, right


def _listing_dict(fixed: FixedListing) -> dict[str, Any]:
    item = fixed.listing
    return {
        "file": item.file,
        "row": item.row,
        "line": item.line,
        "sku": item.sku,
        "score_before": fixed.score_before,
        "score_after": fixed.score_after,
        "passes": fixed.passes,
        "changes": [
            {"field": name, "index": index, "before": fixed.original[(name, index)], "after": after}
            for (name, index), after in fixed.changed.items()
        ],
        "applied": [{"code": a.code, "title": a.title, "field": a.field, "index": a.index} for a in fixed.applied],
        "remaining": [f.as_dict() for f in fixed.findings],
        "blocked": fixed.blocked,
    }


def write_fix_json(files: list[FileFix], out: TextIO) -> None:
    document = {
        "tool": "listingkit",
        "version": __version__,
        "files": [
            {
                "file": str(f.path),
                "output": str(f.output) if f.output else None,
                "sidecar": str(f.sidecar) if f.sidecar else None,
                "listings": len(f.listings),
                "changed": len(f.changed),
                "not_written": f.unmapped,
            }
            for f in files
        ],
        "summary": _summary(files),
        "listings": [_listing_dict(x) for f in files for x in f.listings if x.changed or x.findings],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def _summary(files: list[FileFix]) -> dict[str, Any]:
    remaining: dict[str, int] = {s.value: 0 for s in Severity}
    for f in files:
        for fixed in f.listings:
            for finding in fixed.findings:
                remaining[finding.severity.value] += 1
    return {
        "listings": sum(len(f.listings) for f in files),
        "changed": sum(len(f.changed) for f in files),
        "fixed_by_rule": dict(fixed_per_rule(files).most_common()),
        "remaining_by_severity": remaining,
    }


def print_fix_report(files: list[FileFix], console: Console, diff_only: bool) -> None:
    for f in files:
        for fixed in f.changed:
            item = fixed.listing
            head = Text(f"{item.file}:{item.row}", style="bold")
            head.append(f"  {item.sku or _('(no SKU)')}", style="magenta")
            if fixed.score_before is not None and fixed.score_after is not None:
                scores = _("score {before} -> {after}").format(before=fixed.score_before, after=fixed.score_after)
                head.append("  " + scores, style="dim")
            console.print(head)
            for (name, index), after in fixed.changed.items():
                before, now = word_diff(fixed.original[(name, index)], after)
                place = name if index is None else f"{name}[{index + 1}]"
                console.print(Text("  " + _("{place} before: ").format(place=place), style="dim") + before)
                console.print(Text("  " + _("{place} after:  ").format(place=place), style="dim") + now)
            for applied in fixed.applied:
                console.print(Text(f"    {applied.code} {applied.title}", style="green"))
            console.print()
        for problem in f.unmapped:
            console.print(
                Text(_("not written: {file}: {problem}").format(file=f.path, problem=problem), style="yellow")
            )
    summary = _summary(files)
    table = Table(title=_("Fixed"), header_style="bold")
    table.add_column(_("rule"))
    table.add_column(_("fixes"), justify="right")
    for code, count in summary["fixed_by_rule"].items():
        table.add_row(code, str(count))
    console.print(table)
    remaining = summary["remaining_by_severity"]
    template = (
        _("{changed} of {listings} listings would change")
        if diff_only
        else _("{changed} of {listings} listings changed")
    )
    line = template.format(changed=f"{summary['changed']:,}", listings=f"{summary['listings']:,}")
    line += _(
        "; remaining findings, for a person to decide: {errors} errors, {warnings} warnings, {infos} information"
    ).format(errors=f"{remaining['error']:,}", warnings=f"{remaining['warning']:,}", infos=f"{remaining['info']:,}")
    console.print(Text(line, style="bold"))
    for f in files:
        if f.output is not None:
            wrote = _("wrote {file}").format(file=f.output)
            if f.sidecar:
                wrote += _(" and {file}").format(file=f.sidecar)
            console.print(Text(wrote, style="dim"))
