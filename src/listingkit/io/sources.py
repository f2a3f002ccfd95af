"""Open any supported file as a Source: delimited text, spreadsheets, JSON."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from listingkit.io.spreadsheet import SPREADSHEET_SUFFIXES, open_spreadsheet
from listingkit.io.table import Source, open_delimited

TEXT_SUFFIXES = (".csv", ".tsv", ".tab", ".txt")
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")
XML_SUFFIXES = (".xml",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + SPREADSHEET_SUFFIXES + JSON_SUFFIXES + XML_SUFFIXES


def open_source(path: Path, encoding: str | None, sheet: str | None, score: Callable[[Source], int]) -> Source:
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        return open_spreadsheet(path, sheet, score)
    if suffix in JSON_SUFFIXES:
        from listingkit.io.jsonfile import open_json

        return open_json(path, encoding)
    if suffix in XML_SUFFIXES:
        from listingkit.io.xmlfeed import open_xml_feed

        return open_xml_feed(path)
    return open_delimited(path, encoding)
