"""Leaving findings out: config suppressions, a row's ignore column, and a baseline of old findings.

Each kept finding is reported; each left-out one is only counted (`suppressed`, `baselined`).
What was never used is reported back at the end: a suppression that matched nothing (LK-I010)
and a baseline entry that no longer occurs (LK-I011), both `info`, so neither can quietly hide a
future problem.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listingkit import __version__
from listingkit.config import Suppression
from listingkit.errors import ConfigError, InputError
from listingkit.i18n import _

BASELINE_VERSION = 1
_CODES = re.compile(r"[\s,;，；]+")


def _rule_matches(selector: str, code: str, name: str, category: str) -> bool:
    s = selector.strip()
    return code.startswith(s.upper()) or name == s.casefold() or category == s.casefold()


@dataclass(slots=True)
class Leftout:
    """Why a finding is not reported: 'suppressed' or 'baselined'."""

    reason: str


@dataclass(slots=True)
class Filters:
    suppressions: list[Suppression] = field(default_factory=list)
    ignore_column: str = "listingkit_ignore"
    baseline: dict[str, dict[str, Any]] | None = None  # fingerprint -> entry
    used: set[int] = field(default_factory=set)  # indexes of suppressions that matched
    seen_baseline: set[str] = field(default_factory=set)
    # (file, row, line, code) of ignore-column codes that matched nothing, collected per listing
    unused_cells: list[tuple[str, int, int | None, str, str | None]] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0
    # With --write-baseline: every finding that is not suppressed, as a baseline entry.
    recorded: list[dict[str, Any]] | None = None

    def row_codes(self, raw: dict[str, str]) -> list[str]:
        """The codes a row's ignore column lists (case of the header ignored)."""
        wanted = self.ignore_column.casefold()
        for name, value in raw.items():
            if name.strip().casefold() == wanted and value.strip():
                return [c for c in _CODES.split(value.strip()) if c]
        return []

    def keep(self, findings: list[Any], where: dict[str, Any], row_codes: list[str]) -> list[Any]:
        """The findings of one listing that are reported (Finding objects or their JSON dicts);
        `where` holds the listing's file, sku, row, line and the ignore column's header."""
        kept = []
        used_codes: set[str] = set()
        for finding in findings:
            code, name, category, fingerprint = _facts(finding)
            if self._suppressed(code, name, category, where, row_codes, used_codes):
                self.suppressed += 1
                continue
            if self.recorded is not None:
                self.recorded.append(_entry(finding, where))
            if self.baseline is not None and fingerprint in self.baseline:
                self.baselined += 1
                self.seen_baseline.add(fingerprint)
            else:
                kept.append(finding)
        for code in row_codes:
            if code not in used_codes:
                self.unused_cells.append((where["file"], where["row"], where["line"], code, where.get("column")))
        return kept

    def _suppressed(
        self, code: str, name: str, category: str, where: dict[str, Any], row_codes: list[str], used_codes: set[str]
    ) -> bool:
        for selector in row_codes:
            if selector == "*" or _rule_matches(selector, code, name, category):
                used_codes.add(selector)
                return True
        sku, file = where.get("sku"), where["file"]
        for index, entry in enumerate(self.suppressions):
            if not any(_rule_matches(s, code, name, category) for s in entry.rules):
                continue
            if entry.skus and not (sku and any(fnmatch.fnmatchcase(sku, p) for p in entry.skus)):
                continue
            if entry.files and not any(_file_matches(file, p) for p in entry.files):
                continue
            self.used.add(index)
            return True
        return False

    def unused_suppressions(self) -> list[Suppression]:
        return [s for i, s in enumerate(self.suppressions) if i not in self.used]

    def stale_baseline(self) -> list[dict[str, Any]]:
        if self.baseline is None:
            return []
        return [entry for fp, entry in self.baseline.items() if fp not in self.seen_baseline]


def _facts(finding: Any) -> tuple[str, str, str, str]:
    if isinstance(finding, dict):
        return finding["code"], finding["name"], finding["category"], finding["fingerprint"]
    return finding.code, finding.name, finding.category.value, finding.fingerprint


def _entry(finding: Any, where: dict[str, Any]) -> dict[str, Any]:
    """What a baseline keeps of a finding: its fingerprint, and enough to read it by eye."""
    get = finding.get if isinstance(finding, dict) else lambda key: getattr(finding, key)
    return {
        "fingerprint": get("fingerprint"),
        "code": get("code"),
        "file": where["file"],
        "sku": where.get("sku"),
        "field": get("field"),
        "match": get("match"),
    }


def _file_matches(file: str, pattern: str) -> bool:
    path = Path(file)
    return fnmatch.fnmatchcase(file, pattern) or fnmatch.fnmatchcase(path.name, pattern) or path.match(pattern)


def read_baseline(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(_("--baseline {path}: file not found").format(path=path)) from None
    except (OSError, ValueError) as exc:
        raise ConfigError(_("--baseline {path}: not a listingkit baseline: {exc}").format(path=path, exc=exc)) from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "fingerprint" in e for e in entries):
        raise ConfigError(
            _("--baseline {path}: not a listingkit baseline (no 'findings' with fingerprints)").format(path=path)
        )
    return {str(e["fingerprint"]): e for e in entries}


def write_baseline(path: Path, entries: list[dict[str, Any]], as_of: dt.date) -> None:
    from listingkit.output import atomic_output

    document = {
        "tool": "listingkit",
        "version": __version__,
        "baseline": BASELINE_VERSION,
        "as_of": as_of.isoformat(),
        "findings": sorted(entries, key=lambda e: (e["file"], e["sku"] or "", e["code"], e["fingerprint"])),
    }
    try:
        with atomic_output(path) as out:
            json.dump(document, out, ensure_ascii=False, indent=1)
            out.write("\n")
    except OSError as exc:
        raise InputError(_("--write-baseline {path}: cannot write: {exc}").format(path=path, exc=exc)) from None
