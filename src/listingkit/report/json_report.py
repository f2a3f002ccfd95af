"""--format json: one document holding every listing of every input."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, TextIO

from listingkit.audit import Summary
from listingkit.report.document import header, tail


def write_json(records: Iterable[dict[str, Any]], summary: Summary, as_of: dt.date, out: TextIO) -> None:
    listings = list(records)
    document = {**header(as_of), **tail(summary), "listings": listings}
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(records: Iterable[dict[str, Any]], summary: Summary, as_of: dt.date, out: TextIO) -> None:
    """One listing a line as it is audited, then one closing line with the summary."""
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False))
        out.write("\n")
    out.write(json.dumps({**header(as_of), **tail(summary)}, ensure_ascii=False))
    out.write("\n")
