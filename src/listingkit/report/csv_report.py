"""--format csv: one row per finding, for reading and filtering in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from listingkit.audit import Summary
from listingkit.fix.writer import neutralise

COLUMNS = [
    "file", "row", "line", "sheet_row", "sku", "marketplace", "score", "code", "name", "category", "severity",
    "field", "index", "column", "start", "end", "match", "message", "message_localized", "link", "fingerprint",
]  # fmt: skip


def _row(item: dict[str, Any] | None, finding: dict[str, Any]) -> list[str]:
    listing = item or {}
    values = {
        "file": listing.get("file", (finding.get("detail") or {}).get("file", "")),
        "sku": listing.get("sku"),
        "marketplace": listing.get("marketplace"),
        "score": listing.get("score"),
        **{k: finding.get(k) for k in COLUMNS if k in finding},
    }
    # Every cell is listingkit's writing: none may start a spreadsheet formula.
    return [neutralise("" if values.get(c) is None else str(values.get(c))) for c in COLUMNS]


def write_csv(records: Iterable[dict[str, Any]], summary: Summary, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for item in records:
        for finding in item["findings"]:
            writer.writerow(_row(item, finding))
    for finding in summary.catalog_findings:
        writer.writerow(_row(None, finding.as_dict()))
