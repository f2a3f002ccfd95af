"""The command line: `listingkit audit`, `rules`, `marketplaces`, `init`."""

from __future__ import annotations

import datetime as dt
import inspect
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer
import typer.core
from rich.console import Console

from listingkit import __version__
from listingkit.audit import Auditor, Summary, exit_code
from listingkit.catalog import ReadOptions, expand_inputs
from listingkit.changes import Previous
from listingkit.config import INIT_TEMPLATE, Settings, find_config, load_settings
from listingkit.errors import ListingkitError
from listingkit.explain import explain_rule, list_formats, list_marketplaces, list_rules
from listingkit.formats import format_named
from listingkit.i18n import (
    _,
    choose_language,
    language_in_argv,
    set_language,
    use_catalogue_for_framework_words,
)
from listingkit.keywords.importers import KEYWORD_FORMATS, KeywordPhrase, read_keywords
from listingkit.keywords.research import KeywordResearch
from listingkit.localisation.compare import Comparison
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Severity
from listingkit.output import atomic_output
from listingkit.report.json_report import write_json, write_jsonl
from listingkit.report.terminal import TerminalReport
from listingkit.rules.ruleset import RuleSet, parse_severity_overrides
from listingkit.suppress import Filters, read_baseline
from listingkit.suppress import write_baseline as write_baseline_file


def _configured_language() -> str | None:
    """The config's `lang`, read early so that --help is in it too; a bad config is reported later."""
    try:
        return load_settings(find_config(Path.cwd())).lang
    except ListingkitError:
        return None


# Help texts are built when this module is imported, so the language is chosen before them.
def _startup_language() -> str:
    return choose_language(language_in_argv(sys.argv[1:]), _configured_language())


set_language(_startup_language())
use_catalogue_for_framework_words()


def _localised_usage(command: Any, ctx: Any, formatter: Any) -> None:
    formatter.write_usage(ctx.command_path, " ".join(command.collect_usage_pieces(ctx)), prefix=_("Usage: "))


def _localised_help_option(option: Any) -> Any:
    if option is not None:
        option.help = _("Show this message and exit.")
    return option


class LocalisedCommand(typer.core.TyperCommand):
    """A command whose framework words ("Usage:", the help option's text) follow the chosen language."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _localised_usage(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _localised_help_option(super().get_help_option(ctx))


class LocalisedGroup(typer.core.TyperGroup):
    """A command group whose framework words follow the chosen language, like LocalisedCommand."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _localised_usage(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        return _localised_help_option(super().get_help_option(ctx))


CommandFunction = TypeVar("CommandFunction", bound=Callable[..., Any])


def _command(group: typer.Typer, name: str | None = None) -> Callable[[CommandFunction], CommandFunction]:
    """Register a command whose help, taken from its docstring, is in the user's language."""

    def register(function: CommandFunction) -> CommandFunction:
        group.command(name, cls=LocalisedCommand, help=_(inspect.cleandoc(function.__doc__ or "")))(function)
        return function

    return register


app = typer.Typer(
    name="listingkit",
    cls=LocalisedGroup,
    help=_(
        "Audit e-commerce product listings offline: marketplace title policies, compliance, keywords, detail pages."
    ),
    epilog=_(
        "Environment: LISTINGKIT_CACHE_DIR is the folder that keeps parsed lexicons and the Chinese "
        "segmenter's dictionary (default $XDG_CACHE_HOME/listingkit, else ~/.cache/listingkit; 'none' "
        "turns the cache off). LISTINGKIT_DEBUG=1 shows the traceback of an internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
rules_app = typer.Typer(
    cls=LocalisedGroup, help=_("List the rules, or explain one."), no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(rules_app, name="rules")
keywords_app = typer.Typer(
    cls=LocalisedGroup,
    help=_("Keyword research: the gap per listing, and the export formats read."),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(keywords_app, name="keywords")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"listingkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Print the version and exit."))
    ] = False,
) -> None:
    """Audit e-commerce product listings offline."""


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for value in values or []:
        out.extend(v.strip() for v in value.split(",") if v.strip())
    return out


def _settings(config: Path | None) -> Settings:
    path = config if config is not None else find_config(Path.cwd())
    return load_settings(path)


def _resolve_marketplace(value: str) -> str:
    resolved = shipped_marketplaces().resolve(value)
    if resolved is None:
        raise ListingkitError(
            _(
                "--marketplace: unknown marketplace '{value}'; `listingkit marketplaces` lists the ids and aliases"
            ).format(value=value)
        )
    return resolved


def _marketplace_options(values: list[str], configured: str | None) -> tuple[str | None, dict[str, str], str | None]:
    global_id: str | None = None
    per_file: dict[str, str] = {}
    for value in values:
        if "=" in value:
            file_part, _, mid = value.rpartition("=")
            per_file[file_part] = _resolve_marketplace(mid)
        else:
            global_id = _resolve_marketplace(value)
    config_id = None
    if configured:
        config_id = shipped_marketplaces().resolve(configured)
        if config_id is None:
            raise ListingkitError(_("config: unknown marketplace '{configured}'").format(configured=configured))
    return global_id, per_file, config_id


def _column_map(values: list[str], configured: dict[str, str]) -> dict[str, str]:
    out = dict(configured)
    for value in values:
        if "=" not in value:
            raise ListingkitError(
                _("--map {value}: expected FIELD=COLUMN, for example --map title='Product Name'").format(value=value)
            )
        field_name, _sep, column = value.partition("=")
        out[field_name.strip()] = column.strip()
    return out


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ListingkitError(_("--as-of {value}: expected a date as YYYY-MM-DD").format(value=value)) from None


message_language = choose_language


class _Progress:
    """A count of audited listings on stderr, only for a person at a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty() and os.environ.get("CI") != "true"

    def wrap(self, results: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        if not self.enabled:
            yield from results
            return
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        with Progress(
            SpinnerColumn(),
            TextColumn("auditing: {task.completed:,} listings"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task("audit", total=None)
            for i, result in enumerate(results, 1):
                if i % 500 == 0:
                    progress.update(task, completed=i)
                yield result


AUDIT_FORMATS = ("terminal", "json", "jsonl", "sarif", "github", "junit", "csv")

# Options shared by the commands that audit (audit, fix).
MarketplaceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--marketplace",
        "-m",
        metavar="ID",
        help=_(
            "Marketplace id or alias for every file (amazon-us, ebay-uk, tmall ...), or FILE=ID for one file. "
            "Repeatable. Default: the file's marketplace column, else config, else generic."
        ),
    ),
]

FailOnOption = Annotated[
    str | None,
    typer.Option(
        metavar="LEVEL",
        help=_("Exit 1 when a finding at or above this severity remains: error, warning, info, never."),
    ),
]

SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="RULES",
        help=_("Run only these rules: codes, code prefixes, names, categories or packs; comma-separated."),
    ),
]

IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(metavar="RULES", help=_("Skip these rules: codes, prefixes, names, categories or packs.")),
]

RulesOption = Annotated[
    list[Path] | None, typer.Option("--rules", metavar="DIR", help=_("A folder of extra rule packs. Repeatable."))
]

LexiconOption = Annotated[
    list[Path] | None, typer.Option("--lexicon", metavar="DIR", help=_("A folder of extra lexicon files. Repeatable."))
]

ColumnOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="FIELD=COLUMN",
        help=_("FIELD=COLUMN: read a field from this column, e.g. --map title='Produktname'."),
    ),
]

EncodingOption = Annotated[
    str | None, typer.Option(metavar="NAME", help=_("Text encoding of the files; detected when not given."))
]

SheetOption = Annotated[
    str | None,
    typer.Option(metavar="NAME", help=_("Spreadsheet sheet to read; default: the one that looks like a catalog.")),
]

InputFormatOption = Annotated[
    str | None,
    typer.Option(
        "--input-format", metavar="NAME", help=_("Read every file as this format (see `listingkit formats`).")
    ),
]

ConfigOption = Annotated[
    Path | None,
    typer.Option(metavar="FILE", help=_("Config file; default: the nearest listingkit.yaml or pyproject.toml.")),
]

AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help=_("Judge rules' effective dates on this day (YYYY-MM-DD).")),
]

LangOption = Annotated[
    str | None, typer.Option(metavar="LANG", help=_("Language of messages: en or zh. Default: from the locale."))
]

KeywordsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--keywords",
        "-k",
        metavar="FILE",
        help=_(
            "Keyword research export (Brand Analytics, Helium 10, Jungle Scout, Keyword Planner, "
            "SellerSprite, keyword,volume). Repeatable; duplicates merge. Adds keyword coverage and suggestions."
        ),
    ),
]

KeywordsFormatOption = Annotated[
    str | None,
    typer.Option(
        "--keywords-format", metavar="NAME", help=_("Read the research files as this format (see `keywords formats`).")
    ),
]

KeywordsMapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--keywords-map",
        metavar="FIELD=COLUMN",
        help=_("Read a research field (phrase, volume, rank) from this column: --keywords-map phrase=Suchbegriff."),
    ),
]

CompetitorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--competitors",
        metavar="FILE",
        help=_(
            "Competitor listings (any catalog format): phrases their titles and yours share become keyword "
            "candidates, valued by how many titles use them. Repeatable; works without --keywords."
        ),
    ),
]


@_command(app)
def audit(
    files: Annotated[
        list[Path],
        typer.Argument(
            help=_(
                "Catalog files or folders: CSV, TSV, TXT, spreadsheets, JSON, XML feeds (see `listingkit formats`)."
            ),
            metavar="FILE...",
        ),
    ],
    marketplace: MarketplaceOption = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=_(
                "terminal, json, jsonl, sarif (GitHub code scanning), github (Actions annotations), junit, csv, "
                "or auto (github under GitHub Actions, else terminal). Default: terminal."
            ),
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help=_("Write the report to this file."))
    ] = None,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    rules: RulesOption = None,
    lexicon: LexiconOption = None,
    column: ColumnOption = None,
    encoding: EncodingOption = None,
    sheet: SheetOption = None,
    input_format: InputFormatOption = None,
    config: ConfigOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    keywords: KeywordsOption = None,
    keywords_format: KeywordsFormatOption = None,
    keywords_map: KeywordsMapOption = None,
    competitors: CompetitorsOption = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            help=_(
                "Leave out the findings recorded in this baseline (by fingerprint): report and fail only on new "
                "ones; entries that no longer occur are reported as LK-I011."
            ),
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            metavar="FILE",
            help=_("Record every finding of this run (not suppressed) in a baseline file for --baseline."),
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help=_("Audit only the listings that are new or changed since this git revision (matched by SKU or key)."),
        ),
    ] = None,
    compare_locales: Annotated[
        bool,
        typer.Option(
            "--compare-locales",
            help=_(
                "Compare listings with the same SKU across files and marketplaces: brand, model numbers, numbers "
                "with units and pack counts must agree (LK-L110); a SKU missing from a locale is LK-L111."
            ),
        ),
    ] = False,
    images_dir: Annotated[
        Path | None,
        typer.Option(
            "--images-dir",
            metavar="DIR",
            help=_(
                "Folder of the product images: file-name references resolve here (by relative path, then by "
                "name), and URLs by their file name; the main image's pixel size, background and ratio are checked."
            ),
        ),
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", metavar="ORDER", help=_("file: listings in file order; score: the weakest listings first.")
        ),
    ] = "file",
    show_clean: Annotated[bool, typer.Option("--show-clean", help=_("Also list listings without findings."))] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help=_("Show sources, encodings, unused columns."))
    ] = False,
    progress: Annotated[bool, typer.Option(help=_("Show a progress counter on a terminal."))] = True,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help=_("Worker processes for large files (0: one per core, at most 2; 1: none)."),
        ),
    ] = 0,
) -> None:
    """Audit catalog files and report every listing's problems.

    Exit code 0: nothing at or above --fail-on; 1: findings at or above it; 2: usage, config,
    rule-pack or input error.
    """
    settings = _settings(config)
    fmt = output_format or settings.format
    if fmt == "auto":
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "terminal"
    if fmt not in AUDIT_FORMATS:
        raise ListingkitError(
            _("--format {fmt}: expected {value} or auto").format(fmt=fmt, value=", ".join(AUDIT_FORMATS))
        )
    threshold = fail_on or settings.fail_on
    if threshold not in ("error", "warning", "info", "never"):
        raise ListingkitError(
            _("--fail-on {threshold}: expected error, warning, info or never").format(threshold=threshold)
        )
    ruleset, options, day = _prepare(
        settings, lang, as_of, marketplace, select, ignore, rules, lexicon, column, encoding, input_format, sheet
    )
    if input_format:
        format_named(input_format)
    if sort not in ("file", "score"):
        raise ListingkitError(_("--sort {sort}: expected file or score").format(sort=sort))
    if images_dir is not None and not images_dir.is_dir():
        raise ListingkitError(_("--images-dir {images_dir}: no such folder").format(images_dir=images_dir))
    ruleset.detail.set_images_dir(images_dir)
    paths = expand_inputs(files)
    research = _research(
        list(keywords or []), keywords_format, list(keywords_map or []), ruleset, list(competitors or []), paths
    )
    filters = Filters(list(settings.suppress), settings.ignore_column)
    if baseline is not None:
        filters.baseline = read_baseline(baseline)
    if write_baseline is not None:
        filters.recorded = []
    auditor = Auditor(ruleset, options, research, filters)
    if changed_since:
        auditor.previous = Previous(changed_since, auditor.reader)
    summary = Summary()
    workers = jobs or min(2, os.cpu_count() or 1)
    results = _Progress(progress and fmt == "terminal").wrap(auditor.records(paths, summary, workers))
    if compare_locales:
        auditor.comparison = Comparison()
        buffered = list(results)
        auditor.compare_locales(buffered, summary)
        results = iter(buffered)
    results = _then(results, lambda: auditor.finish(summary))
    if sort == "score":
        results = iter(by_score(results))
    with atomic_output(output) as out:
        _report(fmt, results, summary, day, out, show_clean, verbose, ruleset)
    if write_baseline is not None and filters.recorded is not None:
        write_baseline_file(write_baseline, filters.recorded, day)
    for f in summary.files:
        if f.error:
            typer.echo(_("listingkit: error: {error}").format(error=f.error), err=True)
    raise typer.Exit(exit_code(summary, threshold))


@_command(app)
def fix(
    files: Annotated[
        list[Path],
        typer.Argument(help=_("Catalog files: CSV, TSV, TXT, XLSX/XLSM, JSON or JSON Lines."), metavar="FILE..."),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help=_("Write the fixed catalog here (one input file).")),
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help=_("Rewrite the input files themselves, keeping FILE.bak beside each."))
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help=_("Also apply fixes that may change meaning (removing an absolute term, a repeat).")
        ),
    ] = False,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only",
            metavar="FIELDS",
            help=_(
                "Fields fixes may change, comma-separated (default: title,seo_title; also seo_description, "
                "bullets, search_terms, tags, description)."
            ),
        ),
    ] = None,
    no_new_words: Annotated[
        bool, typer.Option("--no-new-words", help=_("Never introduce a word absent from the listing's own fields."))
    ] = False,
    annotate: Annotated[
        str,
        typer.Option(
            metavar="MODE",
            help=_(
                "columns: listingkit_* columns on each listing's first record; sidecar: a separate "
                "FILE.annotations.csv; none: no annotations."
            ),
        ),
    ] = "columns",
    no_annotate: Annotated[
        bool, typer.Option("--no-annotate", help=_("Write no annotations (same as --annotate none)."))
    ] = False,
    annotate_only: Annotated[
        bool, typer.Option("--annotate-only", help=_("Write the annotations and change nothing else."))
    ] = False,
    diff: Annotated[bool, typer.Option("--diff", help=_("Show each listing before and after; write nothing."))] = False,
    title_template: Annotated[
        list[str] | None,
        typer.Option(
            "--title-template",
            metavar="[MARKETPLACE=]TEMPLATE",
            help=_(
                "Rewrite titles in this order, e.g. '{brand} {core} {attributes} {scene}' (placeholders: brand, "
                "core, attributes, scene, context, rest); MARKETPLACE= (a pattern such as amazon-*) limits it. "
                "Repeatable."
            ),
        ),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help=_("terminal or json (the edits and what remains)."))
    ] = "terminal",
    marketplace: MarketplaceOption = None,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    rules: RulesOption = None,
    lexicon: LexiconOption = None,
    column: ColumnOption = None,
    encoding: EncodingOption = None,
    input_format: InputFormatOption = None,
    config: ConfigOption = None,
    as_of: AsOfOption = None,
    lang: LangOption = None,
    keywords: KeywordsOption = None,
    keywords_format: KeywordsFormatOption = None,
    keywords_map: KeywordsMapOption = None,
    competitors: CompetitorsOption = None,
) -> None:
    """Fix catalog files: safe fixes by default, each listing audited again until stable.

    Every record no fix touches is copied byte for byte; the input is never changed unless
    --in-place is given. Exit codes as for audit, judged on what remains after fixing.
    """
    from listingkit.fix.engine import DEFAULT_FIELDS, FIXABLE_FIELDS, FixOptions
    from listingkit.fix.run import Fixer, RunOptions
    from listingkit.report.fix_report import print_fix_report, write_fix_json

    settings = _settings(config)
    threshold = fail_on or settings.fail_on
    if threshold not in ("error", "warning", "info", "never"):
        raise ListingkitError(
            _("--fail-on {threshold}: expected error, warning, info or never").format(threshold=threshold)
        )
    if output_format not in ("terminal", "json"):
        raise ListingkitError(
            _("--format {output_format}: expected terminal or json").format(output_format=output_format)
        )
    mode = "none" if no_annotate else annotate
    if mode not in ("columns", "sidecar", "none"):
        raise ListingkitError(_("--annotate {annotate}: expected columns, sidecar or none").format(annotate=annotate))
    fields = frozenset(_split(only)) or DEFAULT_FIELDS
    unknown = sorted(fields - FIXABLE_FIELDS)
    if unknown:
        raise ListingkitError(
            _("--only {unknown}: expected some of {value}").format(
                unknown=unknown[0], value=", ".join(sorted(FIXABLE_FIELDS))
            )
        )
    paths = expand_inputs(files)
    if not diff and not in_place:
        if output is None:
            raise ListingkitError(_("fix needs --output FILE, --in-place or --diff"))
        if len(paths) != 1:
            raise ListingkitError(_("--output takes one input file; use --in-place for several"))
        if output.resolve() == paths[0].resolve():
            raise ListingkitError(
                _("--output {output}: is the input file; use --in-place to rewrite it").format(output=output)
            )
    ruleset, options, _day = _prepare(
        settings, lang, as_of, marketplace, select, ignore, rules, lexicon, column, encoding, input_format, None
    )
    templates = tuple(_template(t) for t in title_template or [])
    run_options = RunOptions(
        FixOptions(unsafe=unsafe_fixes, fields=fields, no_new_words=no_new_words, templates=templates),
        annotate=mode,
        annotate_only=annotate_only,
        write=not diff,
    )
    research = _research(
        list(keywords or []), keywords_format, list(keywords_map or []), ruleset, list(competitors or []), paths
    )
    fixer = Fixer(Auditor(ruleset, options, research), run_options)
    done = [fixer.run_file(path, output, in_place) for path in paths]
    if output_format == "json":
        write_fix_json(done, sys.stdout)
    else:
        print_fix_report(done, Console(highlight=False), diff)
    raise typer.Exit(_fix_exit(done, threshold))


def _template(value: str) -> tuple[str, str]:
    from listingkit.fix.template import check_template

    market, sep, template = value.partition("=")
    if sep and "{" not in market:
        return market.strip(), check_template(template.strip())
    return "*", check_template(value.strip())


def _fix_exit(done: list[Any], threshold: str) -> int:
    from listingkit.fix.run import remaining_worst

    if threshold == "never":
        return 0
    worst = remaining_worst(done)
    return 1 if worst is not None and worst.rank >= Severity(threshold).rank else 0


def _prepare(
    settings: Settings,
    lang: str | None,
    as_of: str | None,
    marketplace: list[str] | None,
    select: list[str] | None,
    ignore: list[str] | None,
    rules: list[Path] | None,
    lexicon: list[Path] | None,
    column: list[str] | None,
    encoding: str | None,
    input_format: str | None,
    sheet: str | None,
) -> tuple[RuleSet, ReadOptions, dt.date]:
    """The rule set and reading options every command that audits builds from its options and config."""
    language = message_language(lang, settings.lang)
    if language not in ("en", "zh"):
        raise ListingkitError(_("--lang {language}: expected en or zh").format(language=language))
    set_language(language)
    day = _as_of(as_of)
    global_id, per_file, config_id = _marketplace_options(list(marketplace or []), settings.marketplace)
    ruleset = RuleSet.load(
        day,
        rule_dirs=[*settings.rules, *(rules or [])],
        lexicon_dirs=[*settings.lexicons, *(lexicon or [])],
        select=_split(select) or settings.select,
        ignore=[*settings.ignore, *_split(ignore)],
        severity_overrides=parse_severity_overrides(dict(settings.severity)),
        lang=language,
        own_brands=[*settings.own_brands, *settings.licensed],
        everywhere=settings.apply_everywhere,
    )
    options = ReadOptions(
        marketplace=global_id,
        config_marketplace=config_id,
        per_file_marketplace=per_file,
        encoding=encoding or settings.encoding,
        column_map=_column_map(list(column or []), dict(settings.map)),
        input_format=input_format,
        sheet=sheet,
    )
    return ruleset, options, day


def by_score(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The weakest listings first; unscored ones last; ties keep file order."""
    return sorted(records, key=lambda r: (r["score"] is None, r["score"] or 0))


def _research(
    paths: list[Path],
    fmt: str | None,
    mapping: list[str],
    ruleset: RuleSet,
    competitors: list[Path] | None = None,
    own: list[Path] | None = None,
) -> KeywordResearch | None:
    if (fmt or mapping) and not paths:
        raise ListingkitError(_("--keywords-format and --keywords-map need --keywords FILE"))
    phrases = _research_phrases(paths, fmt, mapping) if paths else []
    if competitors:
        from listingkit.keywords.mining import mine_phrases

        known = {p.phrase.casefold() for p in phrases}
        titles = _titles([*expand_inputs(competitors), *(own or [])], ruleset)
        phrases += [p for p in mine_phrases(titles) if p.phrase.casefold() not in known]
    return KeywordResearch(phrases, ruleset) if (paths or competitors) else None


def _titles(paths: list[Path], ruleset: RuleSet) -> list[str]:
    from listingkit.catalog import CatalogReader, FileSummary

    reader = CatalogReader(ReadOptions(), ruleset.marketplaces)
    titles: list[str] = []
    for path in paths:
        summary = FileSummary(file=str(path))
        titles.extend(listing.title for listing, _ in reader.read(path, summary) if listing.title)
        if summary.error:
            raise ListingkitError(_("--competitors: {error}").format(error=summary.error))
    return titles


def _research_phrases(paths: list[Path], fmt: str | None, mapping: list[str]) -> list[KeywordPhrase]:
    column_map: dict[str, str] = {}
    for item in mapping:
        name, sep, column = item.partition("=")
        if not sep or name.strip() not in ("phrase", "volume", "rank") or not column.strip():
            raise ListingkitError(
                _("--keywords-map {item}: expected FIELD=COLUMN with FIELD phrase, volume or rank").format(item=item)
            )
        column_map[name.strip()] = column.strip()
    return read_keywords(paths, fmt, column_map or None)


def _then(records: Iterator[dict[str, Any]], done: Callable[[], None]) -> Iterator[dict[str, Any]]:
    """The records, then a call once they are all out (before the summary is written)."""
    yield from records
    done()


def _report(
    fmt: str,
    results: Iterator[dict[str, Any]],
    summary: Summary,
    day: dt.date,
    out: TextIO,
    show_clean: bool,
    verbose: bool,
    ruleset: RuleSet,
) -> None:
    if fmt == "sarif":
        from listingkit.report.sarif import write_sarif

        rules: dict[str, Any] = {}
        for loaded in ruleset.all_rules:
            rules.setdefault(loaded.rule.code, loaded)
        write_sarif(results, summary, rules, out)
    elif fmt == "github":
        from listingkit.report.github import write_github

        write_github(results, summary, out)
    elif fmt == "junit":
        from listingkit.report.junit import write_junit

        write_junit(results, summary, out)
    elif fmt == "csv":
        from listingkit.report.csv_report import write_csv

        write_csv(results, summary, out)
    elif fmt == "json":
        write_json(results, summary, day, out)
    elif fmt == "jsonl":
        write_jsonl(results, summary, day, out)
    else:
        console = (
            Console(file=out, highlight=False, soft_wrap=False) if out is not sys.stdout else Console(highlight=False)
        )
        report = TerminalReport(console, show_clean=show_clean, verbose=verbose)
        for result in results:
            report.listing(result)
        report.summary(summary)


@_command(rules_app, "list")
def rules_list(
    marketplace: Annotated[
        str | None, typer.Option("--marketplace", "-m", help=_("Only the rules that apply to this marketplace."))
    ] = None,
    rules: Annotated[list[Path] | None, typer.Option("--rules", help=_("A folder of extra rule packs."))] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=_("Judge effective dates on this day."))] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=_("terminal or json."))] = "terminal",
) -> None:
    """List rules: code, name, category, severity, pack, marketplaces."""
    mid = _resolve_marketplace(marketplace) if marketplace else None
    ruleset = RuleSet.load(_as_of(as_of), rule_dirs=list(rules or []))
    list_rules(ruleset, mid, output_format, Console(highlight=False))


@_command(rules_app, "explain")
def rules_explain(
    code: Annotated[str, typer.Argument(help=_("A rule code (LK-T101) or name (title-max-length)."))],
    rules: Annotated[list[Path] | None, typer.Option("--rules", help=_("A folder of extra rule packs."))] = None,
    lang: Annotated[str | None, typer.Option(help=_("en or zh."))] = None,
) -> None:
    """Explain a rule: what it checks, why, its source, its examples, and where it applies."""
    ruleset = RuleSet.load(dt.date.today(), rule_dirs=list(rules or []))
    explain_rule(ruleset, code, message_language(lang, None), Console(highlight=False))


@_command(app)
def marketplaces(
    output_format: Annotated[str, typer.Option("--format", "-f", help=_("terminal or json."))] = "terminal",
) -> None:
    """List marketplace ids, their aliases and languages, and the source of each number."""
    ruleset = RuleSet.load(dt.date.today())
    list_marketplaces(ruleset, output_format, Console(highlight=False))


@_command(app, "explain-title")
def explain_title(
    title: Annotated[str, typer.Argument(help=_("The title to explain, in quotes."))],
    marketplace: Annotated[
        str, typer.Option("--marketplace", "-m", metavar="ID", help=_("Marketplace whose rules to apply."))
    ] = "generic",
    brand: Annotated[str, typer.Option(metavar="NAME", help=_("The listing's brand, if any."))] = "",
    category: Annotated[str, typer.Option(metavar="ID", help=_("Lexicon category id, if known."))] = "",
    lexicon: Annotated[
        list[Path] | None, typer.Option("--lexicon", metavar="DIR", help=_("A folder of extra lexicon files."))
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help=_("terminal or json."))
    ] = "terminal",
    lang: Annotated[str | None, typer.Option(metavar="LANG", help=_("Language of messages: en or zh."))] = None,
) -> None:
    """Tag one title with its formula roles and list what every rule says about it."""
    from listingkit.explain import explain_one_title

    mid = _resolve_marketplace(marketplace)
    ruleset = RuleSet.load(dt.date.today(), lexicon_dirs=list(lexicon or []), lang=message_language(lang, None))
    explain_one_title(ruleset, title, mid, brand, category, output_format, Console(highlight=False))


@_command(app)
def formats(
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help=_("terminal or json."))
    ] = "terminal",
) -> None:
    """List the catalog formats read, how each is recognised and which columns it maps."""
    list_formats(output_format, Console(highlight=False))


@_command(app)
def init(
    path: Annotated[Path, typer.Argument(help=_("Where to write the config."))] = Path("listingkit.yaml"),
    force: Annotated[bool, typer.Option("--force", help=_("Overwrite an existing file."))] = False,
) -> None:
    """Write a commented listingkit.yaml with every setting and its default."""
    if path.exists() and not force:
        raise ListingkitError(_("{path}: already exists; use --force to overwrite").format(path=path))
    path.write_text(INIT_TEMPLATE, encoding="utf-8")
    typer.echo(f"wrote {path}")


@_command(keywords_app, "gap")
def keywords_gap(
    files: Annotated[list[Path], typer.Argument(help=_("Catalog files or folders."), metavar="FILE...")],
    keywords: Annotated[
        list[Path] | None,
        typer.Option("--keywords", "-k", metavar="FILE", help=_("Keyword research export. Repeatable.")),
    ] = None,
    competitors: Annotated[
        list[Path] | None,
        typer.Option(
            "--competitors", metavar="FILE", help=_("Competitor listings whose shared title phrases become candidates.")
        ),
    ] = None,
    marketplace: Annotated[
        str | None,
        typer.Option(
            "--marketplace", "-m", metavar="ID", help=_("Marketplace for files without a marketplace column.")
        ),
    ] = None,
    keywords_format: Annotated[
        str | None, typer.Option("--keywords-format", metavar="NAME", help=_("Read the research files as this format."))
    ] = None,
    keywords_map: Annotated[
        list[str] | None,
        typer.Option("--keywords-map", metavar="FIELD=COLUMN", help=_("Read phrase, volume or rank from this column.")),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help=_("Also write the table as CSV to this file."))
    ] = None,
    encoding: Annotated[
        str | None, typer.Option(metavar="NAME", help=_("Text encoding of the catalog files; detected when not given."))
    ] = None,
) -> None:
    """Per listing, the relevant research phrases: volume, where covered, or where to add them."""
    from listingkit.keywords.report import gap_rows, print_gap, write_gap_csv

    day = dt.date.today()
    ruleset = RuleSet.load(day)
    paths = expand_inputs(files)
    research = _research(
        list(keywords or []), keywords_format, list(keywords_map or []), ruleset, list(competitors or []), paths
    )
    if research is None:
        raise ListingkitError(_("keywords gap needs --keywords FILE or --competitors FILE"))
    mid = _resolve_marketplace(marketplace) if marketplace else None
    options = ReadOptions(marketplace=mid, encoding=encoding)
    auditor = Auditor(ruleset, options, research)
    summary = Summary()
    rows = gap_rows(auditor.records(paths, summary, 1))
    print_gap(rows, Console(highlight=False))
    if output is not None:
        with atomic_output(output) as out:
            write_gap_csv(rows, out)
    for f in summary.files:
        if f.error:
            typer.echo(_("listingkit: error: {error}").format(error=f.error), err=True)
    raise typer.Exit(2 if summary.input_error else 0)


@_command(keywords_app, "formats")
def keywords_formats(
    output_format: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help=_("terminal or json."))
    ] = "terminal",
) -> None:
    """List the keyword research exports read, the columns each is recognised by, and how volumes are taken."""
    import json

    records = [
        {"name": f.name, "title": f.title, "columns": f.columns, "built_from_a_real_export": f.real_sample}
        for f in KEYWORD_FORMATS
    ]
    if output_format == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    for r in records:
        origin = "built from a real export" if r["built_from_a_real_export"] else "built from the documented columns"
        console.print(f"[bold]{r['name']}[/bold]  {r['title']}\n  columns: {r['columns']}\n  {origin}")


def main() -> None:
    """Entry point: errors the user can fix are one line on stderr and exit code 2, never a traceback."""
    set_language(_startup_language())  # until the command's own config or --lang say otherwise
    try:
        app()
    except ListingkitError as exc:
        typer.echo(_("listingkit: error: {error}").format(error=exc), err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.stderr = io.StringIO()
        sys.exit(0)
    except KeyboardInterrupt:
        typer.echo("listingkit: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("LISTINGKIT_DEBUG"):
            raise
        typer.echo(
            f"listingkit: internal error: {type(exc).__name__}: {exc} (set LISTINGKIT_DEBUG=1 for details)", err=True
        )
        sys.exit(2)
