"""--format junit: JUnit XML for GitLab, Jenkins and other CI test reports.

One test suite per file, one test case per listing; a listing's errors and warnings are its
failures (information findings are listed in its output), so CI shows each failing listing.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any, TextIO

from listingkit.audit import Summary


def _case_name(item: dict[str, Any]) -> str:
    where = f"row {item['row']}"
    return f"{item['sku']} ({where})" if item.get("sku") else where


def _text(findings: list[dict[str, Any]]) -> str:
    lines = []
    for f in findings:
        place = f" [{f['field']}]" if f.get("field") else ""
        found = f" Found: {f['match']}" if f.get("match") else ""
        lines.append(f"{f['severity']} {f['code']} {f['name']}{place}: {f['message']}{found}")
    return "\n".join(lines)


def write_junit(records: Iterable[dict[str, Any]], summary: Summary, out: TextIO) -> None:
    root = ET.Element("testsuites", name="listingkit")
    suites: dict[str, ET.Element] = {}
    totals = {"tests": 0, "failures": 0}
    for item in records:
        suite = suites.get(item["file"])
        if suite is None:
            suite = suites[item["file"]] = ET.SubElement(root, "testsuite", name=item["file"])
            suite.set("tests", "0")
            suite.set("failures", "0")
        case = ET.SubElement(suite, "testcase", name=_case_name(item), classname=item["file"])
        failing = [f for f in item["findings"] if f["severity"] in ("error", "warning")]
        notes = [f for f in item["findings"] if f["severity"] == "info"]
        suite.set("tests", str(int(suite.get("tests", "0")) + 1))
        totals["tests"] += 1
        if failing:
            worst = "error" if any(f["severity"] == "error" for f in failing) else "warning"
            codes = ", ".join(dict.fromkeys(f["code"] for f in failing))
            failure = ET.SubElement(case, "failure", message=f"{len(failing)} findings: {codes}", type=worst)
            failure.text = _text(failing)
            suite.set("failures", str(int(suite.get("failures", "0")) + 1))
            totals["failures"] += 1
        if notes:
            ET.SubElement(case, "system-out").text = _text(notes)
    catalog = [f.as_dict() for f in summary.catalog_findings]
    if catalog:
        suite = ET.SubElement(root, "testsuite", name="catalog", tests=str(len(catalog)))
        failures = 0
        for f in catalog:
            case = ET.SubElement(suite, "testcase", name=f"{f['code']} {f['name']}", classname="catalog")
            if f["severity"] in ("error", "warning"):
                ET.SubElement(case, "failure", message=f["message"], type=f["severity"]).text = _text([f])
                failures += 1
            else:
                ET.SubElement(case, "system-out").text = _text([f])
        suite.set("failures", str(failures))
        totals["tests"] += len(catalog)
        totals["failures"] += failures
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
