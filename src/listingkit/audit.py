"""The audit: files -> listings -> findings -> results. A pure function of listing and rule set per row."""

from __future__ import annotations

import heapq
import itertools
import multiprocessing
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listingkit import language as langid
from listingkit.catalog import CatalogReader, FileReading, FileSummary, InputIssue, ReadOptions
from listingkit.changes import Previous
from listingkit.detail.duplicates import DuplicateIndex
from listingkit.errors import InputError
from listingkit.formula.engine import formula_score
from listingkit.formula.tagger import Tagging
from listingkit.io.table import Record
from listingkit.keywords.gap import Gap
from listingkit.keywords.research import KeywordResearch
from listingkit.localisation.compare import Comparison, attach
from listingkit.marketplaces import GENERIC
from listingkit.models import Category, Finding, Listing, Severity, fingerprint
from listingkit.rules.kinds import finding_from_rule
from listingkit.rules.ruleset import RuleSet, finalise
from listingkit.scoring import Scorer
from listingkit.suppress import Filters
from listingkit.text import has_cjk, visible_text

# Fields whose language is identified (JSON `languages`); titles decide which lexicon and rules apply.
LANGUAGE_FIELDS = ("title",)


@dataclass(slots=True)
class ListingResult:
    listing: Listing
    language: str
    languages: dict[str, langid.Detected]
    findings: list[Finding]
    score: int | None = None
    score_breakdown: dict[str, int | None] = field(default_factory=dict)
    tagging: Tagging | None = None
    formula_score: int | None = None
    keywords: Gap | None = None

    def as_dict(self) -> dict[str, Any]:
        item = self.listing
        return {
            "file": item.file,
            "row": item.row,
            "line": item.line,
            "end_line": item.end_line,
            "sheet": item.sheet,
            "sheet_row": item.sheet_row,
            "sku": item.sku,
            "variants": item.variants,
            "marketplace": item.marketplace,
            "title": item.title,
            "language": self.language,
            "languages": {k: v.as_dict() for k, v in self.languages.items()},
            "category": self.tagging.category if self.tagging else None,
            "category_raw": item.category_raw or None,
            "category_source": self._category_source(),
            "score": self.score,
            "score_breakdown": self.score_breakdown,
            "formula": self._formula(),
            "keywords": self.keywords.as_dict() if self.keywords else None,
            "findings": [f.as_dict() for f in self.findings],
        }

    def _category_source(self) -> str | None:
        if self.tagging is None or self.tagging.category is None:
            return None
        return "column" if self.tagging.category_from_column else "inferred"

    def _formula(self) -> dict[str, Any] | None:
        tagging = self.tagging
        if tagging is None or self.formula_score is None:  # tagged only to know the category
            return None
        core = tagging.core
        return {
            "score": self.formula_score,
            "core": {"start": core.start, "end": core.end, "text": core.text} if core else None,
            "structure": [s.as_dict() for s in tagging.spans],
        }


@dataclass(slots=True)
class Summary:
    files: list[FileSummary] = field(default_factory=list)
    listings: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_category: Counter[str] = field(default_factory=Counter)
    by_code: Counter[str] = field(default_factory=Counter)
    catalog_findings: list[Finding] = field(default_factory=list)
    input_error: bool = False
    scores: list[int] = field(default_factory=list)
    # The weakest listings (score, order, where) and how many listings miss each detail element.
    weakest: list[tuple[int, int, dict[str, Any]]] = field(default_factory=list)
    missing: Counter[str] = field(default_factory=Counter)
    suppressed: int = 0
    baselined: int = 0
    stale_baseline: int = 0

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    def count(self, finding: Finding) -> None:
        self.by_severity[finding.severity.value] += 1
        self.by_category[finding.category.value] += 1
        self.by_code[finding.code] += 1

    def add(self, result: ListingResult) -> None:
        """One audited listing."""
        self.listings += 1
        missing = set()
        for f in result.findings:
            self.count(f)
            if f.category is Category.DETAIL and f.start is None and f.match is None:
                missing.add(f.name)
        self.missing.update(missing)
        if result.score is not None:
            self.scores.append(result.score)
            item = result.listing
            where = {"file": item.file, "row": item.row, "sku": item.sku, "title": item.title}
            self._keep_weakest(result.score, {**where, "marketplace": item.marketplace, "findings": result.findings})

    def add_record(self, record: dict[str, Any]) -> None:
        """One audited listing, as its JSON record (from a worker process)."""
        self.listings += 1
        missing = set()
        for f in record["findings"]:
            self.by_severity[f["severity"]] += 1
            self.by_category[f["category"]] += 1
            self.by_code[f["code"]] += 1
            # Something absent (no image, no description, material never stated) has no span.
            if f["category"] == "detail" and f["start"] is None and f["match"] is None:
                missing.add(f["name"])
        self.missing.update(missing)
        score = record["score"]
        if score is not None:
            self.scores.append(score)
            self._keep_weakest(score, record)

    def _keep_weakest(self, score: int, record: dict[str, Any]) -> None:
        where = {k: record[k] for k in ("file", "row", "sku", "title", "marketplace")}
        where["findings"] = len(record["findings"])
        entry = (-score, -self.listings, where)
        if len(self.weakest) < WEAKEST_KEPT:
            heapq.heappush(self.weakest, entry)
        elif entry > self.weakest[0]:
            heapq.heapreplace(self.weakest, entry)

    def weakest_listings(self) -> list[dict[str, Any]]:
        """The lowest scores first; among equal scores, the earlier listing first."""
        return [{"score": -s, **where} for s, _, where in sorted(self.weakest, reverse=True)]

    def bands(self) -> list[tuple[str, int]]:
        return [(label, sum(1 for s in self.scores if low <= s <= high)) for label, low, high in SCORE_BANDS]

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": len(self.files),
            "listings": self.listings,
            "findings": self.findings,
            "by_severity": {s.value: self.by_severity.get(s.value, 0) for s in Severity},
            "by_category": {c.value: self.by_category.get(c.value, 0) for c in Category},
            "suppressed": self.suppressed,
            "baselined": self.baselined,
            "stale_baseline": self.stale_baseline,
        }

    def worst(self) -> Severity | None:
        for severity in Severity:
            if self.by_severity.get(severity.value):
                return severity
        return None


WEAKEST_KEPT = 10
# Walmart's listing quality bands (poor below 60, good 60-79, excellent 80 and up), with the
# listings a compliance error caps at 40 or less apart.
SCORE_BANDS = (("80-100 excellent", 80, 100), ("60-79 good", 60, 79), ("41-59 poor", 41, 59), ("0-40 capped", 0, 40))

# The listing's language and each field's detected language.
Languages = tuple[str, dict[str, langid.Detected]]
# Rows per task sent to a worker process; big enough to amortise the round trip.
CHUNK_ROWS = 1000
# Listings audited together, each stage over all of them (see Auditor.audit_batch).
AUDIT_BATCH = 100
# Files smaller than this are audited in the calling process: a pool costs more than it saves.
PARALLEL_MIN_BYTES = 4_000_000

_WORKER: dict[str, Any] = {}


def listing_language(result: ListingResult) -> str:
    """The language a listing's page is written in: its description's (the longest text) when that
    decides it, else its bullets', else its title's; 'und' when none does."""
    for field_name in ("description", "bullets", "title"):
        found = result.languages.get(field_name)
        if found is not None and found.code != langid.UNDETERMINED.code:
            return found.code
    return result.language


def rules_language(listing: Listing, detected: str, expected: list[str]) -> str:
    """The language rules judge a listing in: the detected one, else the marketplace's first.

    A title no model is sure of, on a marketplace that expects no particular language (generic,
    an own shop), stays undetermined: language-specific rules then do not guess.
    """
    if detected != "und":
        return detected
    return expected[0] if expected else "und"


class Auditor:
    def __init__(
        self,
        ruleset: RuleSet,
        options: ReadOptions,
        research: KeywordResearch | None = None,
        filters: Filters | None = None,
    ) -> None:
        self.ruleset = ruleset
        self.research = research
        self.filters = filters
        self.previous: Previous | None = None  # --changed-since: listings as they were
        self.comparison: Comparison | None = None  # --compare-locales: what each listing says
        self.reader = CatalogReader(options, ruleset.marketplaces)
        self.scorer = Scorer.load()
        self._indexed = False
        self._names: frozenset[str] | None = None
        self._input_rules = {r.rule.code: r for r in ruleset.rules if r.rule.category is Category.INPUT}
        self._all_input_rules = {r.rule.code: r for r in ruleset.all_rules if r.rule.category is Category.INPUT}

    def index_duplicates(self, paths: list[Path]) -> None:
        """Reads the catalog once before the audit when a duplicate-listing rule runs, so each copy's
        finding can name the others while listings still stream out one by one."""
        if self._indexed or not self.ruleset.needs_duplicates():
            return
        self._indexed = True
        rule = next(c.rule for c in self.ruleset.checkers if c.rule.kind == "duplicate")  # type: ignore[attr-defined]
        index = DuplicateIndex(min_similarity=rule.min_similarity)  # type: ignore[attr-defined]
        for path in paths:
            try:
                for listing, _ in self.reader.read(path, FileSummary(file=str(path))):
                    index.add(listing)
            except InputError:
                continue  # reported by the audit itself
        self.ruleset.detail.duplicates = index.build()

    def run(self, paths: list[Path], summary: Summary) -> Iterator[ListingResult]:
        """Every listing of every file, audited in this process, in file order."""
        self.index_duplicates(paths)
        for path in paths:
            file_summary = FileSummary(file=str(path))
            summary.files.append(file_summary)
            try:
                reading = self.reader.open(path, file_summary)
                if self.previous is not None:
                    self.previous.load(path)
                seen: dict[str, int] = {}
                pairs = self.reader.listings(reading, file_summary)
                if self.previous is not None:
                    previous = self.previous
                    pairs = ((listing, issues) for listing, issues in pairs if not previous.unchanged(listing))
                for listing, result in self.audited(pairs):
                    if self.comparison is not None:
                        self.comparison.add(listing)
                    duplicate = self._duplicate(
                        seen, listing.sku, listing.row, listing.line, listing.end_line, reading, listing.marketplace
                    )
                    if duplicate is not None:
                        result.findings.insert(0, duplicate)
                    if self.filters is not None:
                        codes = self.filters.row_codes(listing.raw)
                        result.findings = self.filters.keep(result.findings, self._where(listing), codes)
                    summary.add(result)
                    yield result
                self._close_file(file_summary, summary)
            except InputError as exc:
                self._unreadable(path, file_summary, summary, exc)

    def records(self, paths: list[Path], summary: Summary, jobs: int = 1) -> Iterator[dict[str, Any]]:
        """The JSON record of every listing; large files are audited by `jobs` worker processes."""
        self.index_duplicates(paths)
        for path in paths:
            if jobs <= 1 or not _worth_a_pool(path) or self.previous is not None or self.comparison is not None:
                for result in self.run([path], summary):
                    yield result.as_dict()
                continue
            file_summary = FileSummary(file=str(path))
            summary.files.append(file_summary)
            try:
                reading = self.reader.open(path, file_summary)
                if reading.fmt.groups_records:
                    pairs = self.reader.listings(reading, file_summary)
                    for listing, result in self.audited(pairs):
                        yield self._serial_record(listing, result, summary)
                else:
                    yield from self._parallel(reading, file_summary, summary, jobs)
                self._close_file(file_summary, summary)
            except InputError as exc:
                self._unreadable(path, file_summary, summary, exc)

    def _serial_record(self, listing: Listing, result: ListingResult, summary: Summary) -> dict[str, Any]:
        if self.filters is not None:
            codes = self.filters.row_codes(listing.raw)
            result.findings = self.filters.keep(result.findings, self._where(listing), codes)
        summary.add(result)
        return result.as_dict()

    def _where(self, listing: Listing) -> dict[str, Any]:
        column = None
        if self.filters is not None and listing.locator is not None:
            wanted = self.filters.ignore_column.casefold()
            column = next((h for h in listing.locator.header if h.strip().casefold() == wanted), None)
        return {"file": listing.file, "sku": listing.sku, "row": listing.row, "line": listing.line, "column": column}

    def _parallel(
        self, reading: FileReading, file_summary: FileSummary, summary: Summary, jobs: int
    ) -> Iterator[dict[str, Any]]:
        _WORKER["job"] = (self, reading)
        chosen = self.reader.options.marketplace
        langid.warm_up(tuple(self.ruleset.marketplaces.languages(chosen)) if chosen else ())
        chunks = _chunks(reading.records)
        first = next(chunks, [])
        if any(has_cjk(cell) for cells, *_ in first for cell in cells):
            self.ruleset.warm_up_segmenters(chosen or GENERIC)
        seen: dict[str, int] = {}
        # Fork: the workers inherit the compiled rules and automaton instead of rebuilding them.
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs) as pool:
            for batch in pool.imap(_audit_chunk, itertools.chain([first], chunks), chunksize=1):
                for item in batch:
                    if isinstance(item, tuple):
                        self.reader.empty_record(Record([], *item), file_summary)
                        continue
                    file_summary.records += 1
                    file_summary.listings += 1
                    duplicate = self._duplicate(
                        seen, item["sku"], item["row"], item["line"], item["end_line"], reading, item["marketplace"]
                    )
                    if duplicate is not None:
                        item["findings"].insert(0, duplicate.as_dict())
                    codes = item.pop("_ignore", [])
                    if self.filters is not None:
                        where = {k: item[k] for k in ("file", "sku", "row", "line")}
                        where["column"] = item.pop("_ignore_column", None)
                        item["findings"] = self.filters.keep(item["findings"], where, codes)
                    summary.add_record(item)
                    yield item
        _WORKER.clear()

    def _duplicate(
        self,
        seen: dict[str, int],
        sku: str | None,
        row: int,
        line: int | None,
        end_line: int | None,
        reading: FileReading,
        marketplace: str,
    ) -> Finding | None:
        """A second listing with a SKU already used in the file."""
        if not sku:
            return None
        first = seen.setdefault(sku, row)
        if first == row:
            return None
        loaded = self._input_rules.get("LK-I003")
        if loaded is None:
            return None
        finding = finding_from_rule(
            loaded,
            {"first_row": first},
            "sku",
            reading.sku_column(),
            row,
            line,
            end_line,
            marketplace,
            self.ruleset.lang,
        )
        finding.fingerprint = fingerprint(marketplace, f"{sku}#row{row}", finding.code, "sku", None, sku, 0)
        return finding

    def compare_locales(self, records: list[dict[str, Any]], summary: Summary) -> None:
        """LK-L110 on listings that disagree with their SKU's other locales, LK-L111 for missing ones."""
        if self.comparison is None:
            return
        rules = {r.rule.code: r for r in self.ruleset.rules}

        def make(code: str, params: dict[str, Any], facts: Any) -> Finding | None:
            loaded = rules.get(code)
            if loaded is None:
                return None
            if facts is None:
                finding = finding_from_rule(loaded, params, None, None, None, None, None, GENERIC, self.ruleset.lang)
                finding.fingerprint = fingerprint(GENERIC, "locales", code, None, None, repr(params), 0)
                return finding
            finding = finding_from_rule(
                loaded, params, "title", None, facts.row, facts.line, facts.line, facts.locale, self.ruleset.lang
            )
            finding.detail = {"file": facts.file, "sku": facts.sku}
            finding.fingerprint = fingerprint(facts.locale, facts.sku, code, "title", None, params["differs"], 0)
            return finding

        for finding in attach(records, self.comparison, make):
            summary.count(finding)
            if finding.code == "LK-L111":
                summary.catalog_findings.append(finding)

    def finish(self, summary: Summary) -> None:
        """After every file: what the suppressions and the baseline left out, and what they never used."""
        filters = self.filters
        if filters is None:
            return
        summary.suppressed, summary.baselined = filters.suppressed, filters.baselined
        stale = filters.stale_baseline()
        summary.stale_baseline = len(stale)
        unused_rule = self._all_input_rules.get("LK-I010")
        if unused_rule is not None:
            for entry in filters.unused_suppressions():
                finding = finding_from_rule(unused_rule, {}, None, None, None, None, None, GENERIC, self.ruleset.lang)
                finding.detail = {"suppression": entry.model_dump(exclude_defaults=True)}
                finding.match = ", ".join(entry.rules)
                finding.fingerprint = fingerprint(GENERIC, "config", finding.code, None, None, repr(finding.detail), 0)
                summary.catalog_findings.append(finding)
                summary.count(finding)
            for file, row, line, code, column in filters.unused_cells:
                finding = finding_from_rule(unused_rule, {}, None, column, row, line, line, GENERIC, self.ruleset.lang)
                finding.match = code
                finding.detail = {"file": file}
                finding.fingerprint = fingerprint(GENERIC, f"file:{file}#{row}", finding.code, None, None, code, 0)
                summary.catalog_findings.append(finding)
                summary.count(finding)
        stale_rule = self._all_input_rules.get("LK-I011")
        if stale_rule is not None:
            for old in stale:
                finding = finding_from_rule(stale_rule, {}, old.get("field"), None, None, None, None, GENERIC,
                                            self.ruleset.lang)  # fmt: skip
                finding.match = old.get("match")
                finding.detail = {"baseline": old}
                finding.fingerprint = fingerprint(GENERIC, "baseline", finding.code, None, None, old["fingerprint"], 0)
                summary.catalog_findings.append(finding)
                summary.count(finding)

    def _close_file(self, file_summary: FileSummary, summary: Summary) -> None:
        for issue in file_summary.issues:
            finding = self._record_issue(issue, file_summary.file)
            if finding is not None:
                summary.catalog_findings.append(finding)
                summary.count(finding)

    def _unreadable(self, path: Path, file_summary: FileSummary, summary: Summary, exc: InputError) -> None:
        file_summary.error = str(exc)
        summary.input_error = True
        finding = self._file_error(str(exc), str(path))
        summary.catalog_findings.append(finding)
        summary.count(finding)

    def languages(self, listing: Listing) -> Languages:
        """The listing's language (the column's, else the title's) and each field's detected one."""
        expected = tuple(self.ruleset.marketplaces.languages(listing.marketplace))
        names = self._brand_names()
        detected = {
            f: langid.detect(getattr(listing, f), expected, names) for f in LANGUAGE_FIELDS if getattr(listing, f)
        }
        column = langid.code_from_column(listing.language_column) if listing.language_column else ""
        lang = column or detected.get("title", langid.UNDETERMINED).code
        if lang == langid.UNDETERMINED.code or self.ruleset.locale_fields:
            # A title of names and model numbers says nothing: the longer fields say what the page is
            # written in (and locale rules judge each field's language).
            detected.update(self._other_languages(listing, expected, names))
        return lang, detected

    def audited(self, pairs: Iterable[tuple[Listing, list[InputIssue]]]) -> Iterator[tuple[Listing, ListingResult]]:
        """Every listing with its result, audited a batch at a time (see audit_batch). A read error
        further down the file ends it, but the listings read before the error are still reported."""
        batch: list[tuple[Listing, list[InputIssue]]] = []
        listings = iter(pairs)
        while True:
            try:
                pair = next(listings, None)
            except Exception:
                yield from self._audited_batch(batch)
                raise
            if pair is None:
                break
            batch.append(pair)
            if len(batch) >= AUDIT_BATCH:
                yield from self._audited_batch(batch)
                batch = []
        yield from self._audited_batch(batch)

    def _audited_batch(self, batch: list[tuple[Listing, list[InputIssue]]]) -> Iterator[tuple[Listing, ListingResult]]:
        if batch:
            results = self.audit_batch(batch)
            yield from ((listing, result) for (listing, _issues), result in zip(batch, results, strict=True))

    def audit_listing(self, listing: Listing, issues: list[InputIssue]) -> ListingResult:
        return self.audit_batch([(listing, issues)])[0]

    def audit_batch(self, batch: list[tuple[Listing, list[InputIssue]]]) -> list[ListingResult]:
        """A batch of listings (AUDIT_BATCH), each stage over all of them before the next: the languages of
        all, then each rule over all. Language models, automata and lexicons are large tables read
        at random; used back to back they stay in the processor's cache, where one listing after
        another each stage evicted the others' (about a quarter less time). The results are
        the same as auditing each listing alone."""
        languages = [self.languages(listing) for listing, _ in batch]
        effective = [
            self._rules_language(listing, *langs) for (listing, _), langs in zip(batch, languages, strict=True)
        ]
        taggings = [self.ruleset.tag(listing, e) for (listing, _), e in zip(batch, effective, strict=True)]
        checks = [
            (listing, e, tagging, langs[1])
            for (listing, _), e, tagging, langs in zip(batch, effective, taggings, languages, strict=True)
        ]
        found = self.ruleset.check_batch(checks)
        return [
            self._result(listing, issues, lang, detected, e, tagging, findings)
            for (listing, issues), (lang, detected), e, tagging, findings in zip(
                batch, languages, effective, taggings, found, strict=True
            )
        ]

    def _rules_language(self, listing: Listing, lang: str, detected: dict[str, langid.Detected]) -> str:
        text_language = lang
        if lang == langid.UNDETERMINED.code:
            text_language = next(
                (detected[f].code for f in ("description", "bullets") if f in detected and detected[f].code != "und"),
                lang,
            )
        return rules_language(listing, text_language, self.ruleset.marketplaces.languages(listing.marketplace))

    def _result(
        self,
        listing: Listing,
        issues: list[InputIssue],
        lang: str,
        detected: dict[str, langid.Detected],
        effective: str,
        tagging: Tagging | None,
        findings: list[Finding],
    ) -> ListingResult:
        findings.extend(f for f in (self._input_finding(i, listing) for i in issues) if f is not None)
        gap = None
        if self.research is not None:
            gap = self.research.gap(listing, tagging, effective)
            findings.extend(self.research.findings(listing, gap))
        finalise(findings, listing)
        coverage = {"keywords": gap.score} if gap is not None and gap.score is not None else None
        active = self.ruleset.active(listing.marketplace).checkers
        score, breakdown = self.scorer.score(findings, active, coverage, listing.marketplace)
        formula = None
        if tagging is not None and self.ruleset.active(listing.marketplace).formula_rules:
            failed = {str(f.detail.get("check")) for f in findings if f.category is Category.FORMULA and f.detail}
            formula = formula_score(failed)
        return ListingResult(listing, lang, detected, findings, score, breakdown, tagging, formula, gap)

    def _brand_names(self) -> frozenset[str]:
        """Company brand names, left out of a text before its language is identified."""
        if self._names is None:
            self._names = self.ruleset.formula.brand_names()
        return self._names

    def _other_languages(
        self, listing: Listing, expected: tuple[str, ...], names: frozenset[str]
    ) -> dict[str, langid.Detected]:
        out = {}
        texts = {
            "bullets": " ".join(listing.bullets),
            "description": visible_text(listing.description)[: langid.FIELD_SAMPLE_CHARS],
            "search_terms": " ".join(listing.search_terms),
        }
        for name, text in texts.items():
            if text.strip():
                out[name] = langid.detect(text, expected, names, sample=langid.FIELD_SAMPLE_CHARS)
        return out

    def _input_finding(self, issue: InputIssue, listing: Listing) -> Finding | None:
        loaded = self._input_rules.get(issue.code)
        if loaded is None:
            return None
        return finding_from_rule(
            loaded,
            issue.params,
            issue.field,
            issue.column,
            issue.row,
            issue.line,
            issue.end_line,
            listing.marketplace,
            self.ruleset.lang,
        )

    def _record_issue(self, issue: InputIssue, file: str) -> Finding | None:
        loaded = self._input_rules.get(issue.code)
        if loaded is None:
            return None
        finding = finding_from_rule(
            loaded, issue.params, None, None, issue.row, issue.line, issue.end_line, GENERIC, self.ruleset.lang
        )
        finding.detail = {"file": file}
        finding.fingerprint = fingerprint(GENERIC, "file:" + file, finding.code, None, issue.row, None, 0)
        return finding

    def _file_error(self, text: str, file: str) -> Finding:
        loaded = self._all_input_rules["LK-I001"]
        finding = finding_from_rule(loaded, {}, None, None, None, None, None, GENERIC, self.ruleset.lang)
        finding.match = text
        finding.detail = {"file": file, "error": text}
        finding.fingerprint = fingerprint(GENERIC, "file:" + file, finding.code, None, None, text, 0)
        return finding


def _worth_a_pool(path: Path) -> bool:
    try:
        return path.stat().st_size >= PARALLEL_MIN_BYTES
    except OSError:
        return False


Chunk = list[tuple[list[str], int, int | None, int | None, int | None]]


def _chunks(records: Iterator[Record]) -> Iterator[Chunk]:
    """The records in chunks; a read error further down the file still sends the records read
    before it (the pool raises the error after their results)."""
    chunk: Chunk = []
    try:
        for record in records:
            chunk.append((record.cells, record.row, record.line, record.end_line, record.sheet_row))
            if len(chunk) >= CHUNK_ROWS:
                yield chunk
                chunk = []
    except Exception:
        if chunk:
            yield chunk
        raise
    if chunk:
        yield chunk


def _audit_chunk(chunk: Chunk) -> list[dict[str, Any] | tuple[int, int | None, int | None, int | None]]:
    """In a worker: map and audit a chunk of records; plain dicts travel back cheaply."""
    auditor, reading = _WORKER["job"]
    width = len(reading.cmap.header)
    out: list[dict[str, Any] | tuple[int, int | None, int | None, int | None]] = []
    mapped: list[tuple[Listing, list[InputIssue]]] = []
    places: list[int] = []  # where each listing's record goes in `out`
    for cells, row, line, end_line, sheet_row in chunk:
        if not any(cells):
            out.append((row, line, end_line, sheet_row))
            continue
        raw = reading.fmt.map_record(Record(cells, row, line, end_line, sheet_row), reading.cmap, width)
        mapped.append(auditor.reader.to_listing(reading, raw))
        places.append(len(out))
        out.append((row, line, end_line, sheet_row))
    for place, (listing, result) in zip(places, auditor.audited(mapped), strict=True):
        record = result.as_dict()
        if auditor.filters is not None:
            record["_ignore"] = auditor.filters.row_codes(listing.raw)
            record["_ignore_column"] = auditor._where(listing)["column"]
        out[place] = record
    return out


def exit_code(summary: Summary, fail_on: str) -> int:
    if summary.input_error:
        return 2
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    worst = summary.worst()
    return 1 if worst is not None and worst.rank >= threshold else 0
