"""--format sarif: SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from listingkit import __version__
from listingkit.audit import Summary
from listingkit.report.locate import Locator
from listingkit.rules.loader import LoadedRule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/listingkit/"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "listingkit/v1"


def artifact_uri(file: str) -> str:
    """A path relative to the working folder (the repository root in CI), with forward slashes."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri()
    return path.as_posix()


def _rule(code: str, loaded: LoadedRule | None) -> dict[str, Any]:
    if loaded is None:
        return {"id": code, "shortDescription": {"text": code}}
    rule = loaded.rule
    help_text = rule.description.en.strip()
    entry: dict[str, Any] = {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ")},
        "fullDescription": {"text": help_text},
        "help": {
            "text": help_text + (f"\nSource: {rule.link}" if rule.link else ""),
            "markdown": help_text + (f"\n\n[Source]({rule.link})" if rule.link else ""),
        },
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {
            "category": rule.category.value,
            "tags": list(dict.fromkeys(["listingkit", rule.category.value, loaded.pack])),
        },
    }
    if rule.link:
        entry["helpUri"] = rule.link
    return entry


def _result(finding: dict[str, Any], listing: dict[str, Any] | None, file: str, locator: Locator,
            index: dict[str, int]) -> dict[str, Any]:  # fmt: skip
    region = locator.region(file, finding)
    place: dict[str, Any] = {"startLine": region.start_line, "endLine": region.end_line}
    if region.start_column is not None and region.end_column is not None:
        place["startColumn"] = region.start_column
        place["endColumn"] = region.end_column
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(file)}, "region": place}}
    sku = (listing or {}).get("sku")
    if sku or finding.get("field"):
        name = "/".join(str(p) for p in (sku or f"row {finding.get('row')}", finding.get("field")) if p)
        location["logicalLocations"] = [{"name": finding.get("field") or str(sku), "fullyQualifiedName": name,
                                         "kind": "member"}]  # fmt: skip
    message = finding["message"]
    if finding.get("match"):
        message += f" Found: {finding['match']}"
    result: dict[str, Any] = {
        "ruleId": finding["code"],
        "ruleIndex": index[finding["code"]],
        "level": LEVEL[finding["severity"]],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding["fingerprint"]},
        "properties": {"category": finding["category"], "severity": finding["severity"]},
    }
    if finding.get("fix"):
        result["properties"]["fix"] = finding["fix"]["title"]
    return result


def write_sarif(records: Iterable[dict[str, Any]], summary: Summary, rules: dict[str, LoadedRule], out: TextIO) -> None:
    listings = list(records)
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None, str]] = [
        (f, item, item["file"]) for item in listings for f in item["findings"]
    ]
    pairs += [
        (f, None, (f.get("detail") or {}).get("file", "")) for f in (x.as_dict() for x in summary.catalog_findings)
    ]
    codes = sorted({f["code"] for f, _, _ in pairs})
    index = {code: i for i, code in enumerate(codes)}
    locator = Locator(summary)
    results = [_result(f, listing, file or "(catalog)", locator, index) for f, listing, file in pairs]
    run = {
        "tool": {
            "driver": {
                "name": "listingkit",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(code, rules.get(code)) for code in codes],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {"summary": summary.as_dict()},
    }
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        run["originalUriBaseIds"] = {"SRCROOT": {"uri": Path(workspace).as_uri() + "/"}}
    document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
