"""`listingkit keywords gap`: a table per listing of phrases, volumes and placements, and its CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

COLUMNS = ("file", "row", "sku", "title", "phrase", "volume", "status", "where", "added_words")


def gap_rows(records: Iterator[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per listing and relevant phrase: covered (where), suggested (placement) or missing."""
    rows: list[dict[str, Any]] = []
    for record in records:
        keywords = record.get("keywords")
        if not keywords:
            continue
        base = {"file": record["file"], "row": record["row"], "sku": record["sku"], "title": record["title"]}
        suggested = {s["phrase"]: s for s in keywords["suggested"]}
        for item in keywords["covered"]:
            rows.append(
                {
                    **base,
                    "phrase": item["phrase"],
                    "volume": item["volume"],
                    "status": "covered",
                    "where": item["where"],
                    "added_words": "",
                }
            )
        for item in keywords["missing"]:
            suggestion = suggested.get(item["phrase"])
            rows.append(
                {
                    **base,
                    "phrase": item["phrase"],
                    "volume": item["volume"],
                    "status": "suggested" if suggestion else "missing",
                    "where": suggestion["placement"] if suggestion else "",
                    "added_words": " ".join(suggestion["added_words"]) if suggestion else "",
                }
            )
    return rows


def print_gap(rows: list[dict[str, Any]], console: Console) -> None:
    current = None
    table: Table | None = None
    for row in rows:
        key = (row["file"], row["row"])
        if key != current:
            if table is not None:
                console.print(table)
            current = key
            table = Table(
                title=f"{row['file']}:{row['row']}  {row['sku'] or ''}  {row['title'][:70]}",
                title_justify="left",
                header_style="bold",
            )
            for name in ("phrase", "volume", "status", "where / placement", "words to add"):
                table.add_column(name)
        assert table is not None
        table.add_row(row["phrase"], f"{row['volume']:,}", row["status"], row["where"], row["added_words"])
    if table is not None:
        console.print(table)
    if not rows:
        console.print("No listing shares a core word or category with the research phrases.")


def write_gap_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row[k] for k in COLUMNS})
