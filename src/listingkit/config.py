"""One configuration schema for every command: listingkit.yaml or [tool.listingkit] in pyproject.toml."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from listingkit.errors import ConfigError
from listingkit.i18n import _

CONFIG_NAMES = ("listingkit.yaml", ".listingkit.yaml")

FailOn = Literal["error", "warning", "info", "never"]
OutputFormat = Literal["terminal", "json", "jsonl", "sarif", "github", "junit", "csv", "auto"]


class Suppression(BaseModel):
    """Leave out findings of these rules (codes, prefixes, names, categories or packs) where the
    SKU and the file match the patterns (shell-style; an absent pattern matches everything)."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str]
    skus: list[str] = Field(default_factory=list)
    files: list[str] = Field(default_factory=list)
    reason: str = ""


class Settings(BaseModel):
    """Every setting any command reads. Command-line options override these."""

    model_config = ConfigDict(extra="forbid")

    marketplace: str | None = Field(None, description="Marketplace id for files with no marketplace column.")
    fail_on: FailOn = Field("error", description="Lowest severity that makes the exit code 1.")
    format: OutputFormat = Field("terminal", description="Output format of `audit`.")
    select: list[str] = Field(default_factory=list, description="Run only these codes, prefixes, names, categories.")
    ignore: list[str] = Field(default_factory=list, description="Skip these codes, prefixes, names, categories.")
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="Severity per rule code, replacing the rule's default."
    )
    rules: list[Path] = Field(default_factory=list, description="Folders of extra rule packs.")
    lexicons: list[Path] = Field(default_factory=list, description="Folders of extra lexicon files.")
    map: dict[str, str] = Field(default_factory=dict, description="field: column overrides of header detection.")
    encoding: str | None = Field(None, description="Text encoding of the input files; detected when unset.")
    lang: Literal["en", "zh"] | None = Field(None, description="Language of messages; from the locale when unset.")
    own_brands: list[str] = Field(
        default_factory=list, description="Brands you own: not reported as third-party brands, nor their owner's names."
    )
    apply_everywhere: list[str] = Field(
        default_factory=list,
        description="Packs, categories or codes to run on every marketplace (adlaw on a non-Chinese platform).",
    )
    licensed: list[str] = Field(
        default_factory=list, description="Brands, characters and franchises you hold a licence for."
    )

    suppress: list[Suppression] = Field(
        default_factory=list, description="Findings to leave out: by rule, SKU pattern and file pattern."
    )
    ignore_column: str = Field(
        "listingkit_ignore", description="Column whose cell lists the codes to leave out for that row."
    )

    def resolve_paths(self, base: Path) -> Settings:
        return self.model_copy(
            update={
                "rules": [p if p.is_absolute() else base / p for p in self.rules],
                "lexicons": [p if p.is_absolute() else base / p for p in self.lexicons],
            }
        )


def find_config(start: Path) -> Path | None:
    """The nearest listingkit.yaml, or pyproject.toml with a [tool.listingkit] table, walking up."""
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "[tool.listingkit" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return pyproject
    return None


def load_settings(path: Path | None) -> Settings:
    if path is None:
        return Settings()
    try:
        if path.name == "pyproject.toml":
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {}).get("listingkit", {})
        else:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(_("{path}: config file not found").format(path=path)) from None
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        first = str(exc).splitlines()[0]
        raise ConfigError(_("{path}: invalid syntax: {first}").format(path=path, first=first)) from None
    if not isinstance(data, dict):
        raise ConfigError(_("{path}: the configuration must be a mapping of settings").format(path=path))
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        if err["type"] == "extra_forbidden":
            raise ConfigError(_("{path}: unknown setting '{key}'").format(path=path, key=key)) from None
        raise ConfigError(_("{path}: {key}: {err}").format(path=path, key=key, err=err["msg"])) from None
    return settings.resolve_paths(path.parent)


INIT_TEMPLATE = """\
# listingkit configuration. Every key is optional; command-line options win over these.
# Documented in the README section "Configuration".

# Marketplace for files without a marketplace column: amazon-us, aliexpress, tmall, ebay-us, etsy, ...
# (`listingkit marketplaces` lists every id and alias.)
marketplace: generic

# Lowest severity that makes `listingkit audit` exit with code 1: error, warning, info or never.
fail_on: error

# Output of `audit`: terminal, json, jsonl, sarif, github, junit, csv, or auto (github under
# GitHub Actions, else terminal).
format: terminal

# Run only some rules, or skip some: by code (LK-T101), code prefix (LK-T1), name
# (title-max-length), category (title, detail, input ...) or pack (amazon, promotional).
select: []
ignore: []

# Change a rule's severity: error, warning or info.
severity: {}
#   LK-T104: info

# Folders with your own rule packs and lexicons, relative to this file.
rules: []
lexicons: []

# Column overrides when a header is not recognised: field: column.
map: {}
#   title: Produktname

# Text encoding of input files; detected when unset (utf-8, gb18030, utf-16, cp1252 ...).
# encoding: gb18030

# Language of messages: en or zh; from LANG / LC_ALL when unset.
# lang: en

# Brands you own, and brands, characters or franchises you hold a licence for: the ip rules
# (LK-B501 ...) do not report them, nor any other name of the same owner in the lexicon.
own_brands: []
licensed: []
#   - Hello Kitty

# Packs, categories or codes to run on every marketplace, beyond those they name: for example
# China's Advertising Law terms (pack adlaw, made for Taobao, Tmall, JD ...) on a Chinese-language
# store elsewhere.
apply_everywhere: []
#   - adlaw

# Findings to leave out, by rule (code, prefix, name, category or pack) where the SKU and the file
# match shell-style patterns (an absent pattern matches everything). Unused entries are reported
# (LK-I010) so they cannot hide a future problem.
suppress: []
#   - rules: [LK-T117]
#     skus: ["CAL-2026-*"]
#     reason: calendars carry their year
#   - rules: [detail]
#     files: ["legacy/*.csv"]

# A column whose cell lists, for its row, the codes to leave out ("LK-T104, LK-D301", or * for all).
ignore_column: listingkit_ignore
"""
