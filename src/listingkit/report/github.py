"""--format github: GitHub Actions workflow commands, one annotation per finding, a group per file."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from listingkit.audit import Summary
from listingkit.report.locate import Locator

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part of a workflow command (GitHub's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file=, title=): also ':' and ',' (GitHub's escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(file: str) -> str:
    """Relative to the working folder (the checkout under Actions) when inside it, else as given."""
    path = Path(file)
    if path.is_absolute():
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def annotation(finding: dict[str, Any], file: str, locator: Locator) -> str:
    region = locator.region(file, finding)
    props = [f"file={escape_property(workspace_path(file))}", f"line={region.start_line}"]
    if region.end_line != region.start_line:
        props.append(f"endLine={region.end_line}")
    if region.start_column is not None and region.end_line == region.start_line:
        props.append(f"col={region.start_column}")
        if region.end_column is not None:
            props.append(f"endColumn={region.end_column}")
    props.append(f"title={escape_property(finding['code'] + ' ' + finding['name'])}")
    message = finding["message_localized"] or finding["message"]
    if finding.get("match"):
        message += f"\nFound: {finding['match']}"
    return f"::{COMMAND[finding['severity']]} {','.join(props)}::{escape_data(message)}"


def write_github(records: Iterable[dict[str, Any]], summary: Summary, out: TextIO) -> None:
    current: str | None = None
    locator = Locator(summary)
    for item in records:
        if item["file"] != current:
            if current is not None:
                out.write("::endgroup::\n")
            current = item["file"]
            out.write(f"::group::{escape_data(f'listingkit: {current}')}\n")
        for finding in item["findings"]:
            out.write(annotation(finding, item["file"], locator) + "\n")
    if current is not None:
        out.write("::endgroup::\n")
    for finding in (f.as_dict() for f in summary.catalog_findings):
        out.write(annotation(finding, (finding.get("detail") or {}).get("file", "listingkit"), locator) + "\n")
    counts = summary.as_dict()["by_severity"]
    out.write(
        f"listingkit: {summary.listings:,} listings, {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} information; {summary.baselined} baselined, {summary.suppressed} suppressed\n"
    )
