"""The JSON document of an audit (schema 1), shared by the json and jsonl reporters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from listingkit import __version__
from listingkit.audit import Summary

SCHEMA_VERSION = 1


def header(as_of: dt.date) -> dict[str, Any]:
    return {"tool": "listingkit", "version": __version__, "schema": SCHEMA_VERSION, "as_of": as_of.isoformat()}


def tail(summary: Summary) -> dict[str, Any]:
    """What follows the listings: the summary, the files read and the catalog-level findings."""
    return {
        "summary": summary.as_dict(),
        "files": [f.as_dict() for f in summary.files],
        "findings": [f.as_dict() for f in summary.catalog_findings],
    }
