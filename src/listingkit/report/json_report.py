"""--format json: one document holding every listing of every input."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import TextIO

from listingkit.audit import ListingResult, Summary
from listingkit.report.document import header, tail


def write_json(results: Iterable[ListingResult], summary: Summary, as_of: dt.date, out: TextIO) -> None:
    listings = [r.as_dict() for r in results]
    document = {**header(as_of), **tail(summary), "listings": listings}
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_jsonl(results: Iterable[ListingResult], summary: Summary, as_of: dt.date, out: TextIO) -> None:
    """One listing a line as it is audited, then one closing line with the summary."""
    for result in results:
        out.write(json.dumps(result.as_dict(), ensure_ascii=False))
        out.write("\n")
    out.write(json.dumps({**header(as_of), **tail(summary)}, ensure_ascii=False))
    out.write("\n")
