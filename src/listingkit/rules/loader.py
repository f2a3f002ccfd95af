"""Load and validate rule packs: every problem names the file and the rule, and exits 2."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from listingkit.cache import cached
from listingkit.errors import PackError
from listingkit.i18n import _
from listingkit.resources import keywords_dir, rules_dir
from listingkit.rules.schema import Pack, RuleBase

# Files in a rules folder that are not packs.
NOT_PACKS = {"marketplaces.yaml", "scoring.yaml"}


@dataclass(frozen=True, slots=True)
class LoadedRule:
    rule: RuleBase
    pack: str
    pack_marketplaces: tuple[str, ...]
    source: Path
    keyword_dirs: tuple[Path, ...]

    @property
    def marketplaces(self) -> tuple[str, ...]:
        return tuple(self.rule.marketplaces) if self.rule.marketplaces is not None else self.pack_marketplaces


# libyaml's parser when PyYAML was built with it: the lexicons are tens of thousands of lines.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Yaml12Loader(_BaseLoader):  # type: ignore[misc]
    """YAML 1.2 booleans: only true/false. Word lists hold 'on', 'no' and 'off' as words."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


# Lexicons and packs over this size are kept parsed in the cache folder (listingkit.cache).
CACHE_MIN_BYTES = 4_000


def read_yaml(path: Path) -> Any:
    return cached(path, lambda: _parse_yaml(path), "yaml", CACHE_MIN_BYTES)


def _parse_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Yaml12Loader)
    except OSError as exc:
        raise PackError(_("{path}: cannot read: {value}").format(path=path, value=exc.strerror or exc)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(
            _("{path}:{where}: invalid YAML: {problem}").format(path=path, where=where, problem=problem)
        ) from None
    except UnicodeDecodeError:
        raise PackError(_("{path}: not UTF-8 text").format(path=path)) from None


def _describe(error: dict[str, Any], raw: Any) -> str:
    loc = list(error["loc"])
    where = ""
    if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
        index = loc[1]
        rule_raw = raw.get("rules", [])[index] if isinstance(raw, dict) else None
        code = rule_raw.get("code") if isinstance(rule_raw, dict) else None
        where = f"rule {code}: " if code else f"rule #{index + 1}: "
        loc = loc[2:]
        kind = rule_raw.get("kind") if isinstance(rule_raw, dict) else None
        if loc and loc[0] == kind:
            loc = loc[1:]  # the discriminator is not part of the user's path
    key = ".".join(str(p) for p in loc if not str(p).startswith("function-"))
    if error["type"] == "extra_forbidden":
        return f"{where}unknown key '{key}'"
    if error["type"] == "missing":
        return f"{where}missing key '{key}'"
    if error["type"] == "union_tag_invalid":
        return (
            f"{where}unknown kind {error.get('input', {}).get('kind')!r}"
            if isinstance(error.get("input"), dict)
            else f"{where}{error['msg']}"
        )
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}{key + ': ' if key else ''}{message}"


def load_pack(path: Path, display: str | None = None) -> Pack:
    raw = read_yaml(path)
    shown = display or str(path)
    if not isinstance(raw, dict):
        raise PackError(_("{shown}: a rule pack is a mapping with 'pack', 'title' and 'rules'").format(shown=shown))
    try:
        return Pack.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise PackError(_("{shown}: {value}").format(shown=shown, value=_describe(dict(first), raw))) from None


def pack_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.name not in NOT_PACKS) + sorted(
        p for p in folder.glob("*.yml") if p.name not in NOT_PACKS
    )


def load_rules(extra_dirs: list[Path] | None = None, extra_keywords: list[Path] | None = None) -> list[LoadedRule]:
    """The shipped packs, then the user's; a user rule with a shipped code and pack replaces it."""
    shipped = rules_dir()
    folders = [(shipped, True)] + [(Path(d), False) for d in extra_dirs or []]
    keyword_dirs = tuple([*(Path(k) for k in extra_keywords or []), keywords_dir()])
    # A code may have one variant per marketplace scope inside a pack (Amazon JP's search-term budget).
    # Variants may also follow each other in time (a new minimum from a given day).
    loaded: dict[tuple[str, str, tuple[str, ...], tuple[str, ...], str], LoadedRule] = {}
    for folder, is_shipped in folders:
        if not folder.is_dir():
            raise PackError(_("{folder}: rules folder not found").format(folder=folder))
        for path in pack_files(folder):
            display = f"rules/{path.name}" if is_shipped else str(path)
            pack = load_pack(path, display)
            own_keywords = (folder.parent / "keywords",) if not is_shipped else ()
            for rule in pack.rules:
                scope = tuple(rule.marketplaces or ()), tuple(rule.except_marketplaces)
                key = (pack.pack, rule.code, *scope, str(rule.effective_from or ""))
                if key in loaded and loaded[key].source.parent == path.parent:
                    raise PackError(
                        _("{display}: rule {code}: defined twice in pack '{pack}' for the same marketplaces").format(
                            display=display, code=rule.code, pack=pack.pack
                        )
                    )
                loaded[key] = LoadedRule(
                    rule=rule,
                    pack=pack.pack,
                    pack_marketplaces=tuple(pack.marketplaces),
                    source=path,
                    keyword_dirs=own_keywords + keyword_dirs,
                )
    rules = list(loaded.values())
    _check_consistent(rules)
    return rules


def _check_consistent(rules: list[LoadedRule]) -> None:
    """One code means one check: every variant of a code shares its name, kind and category."""
    first: dict[str, LoadedRule] = {}
    for item in rules:
        seen = first.setdefault(item.rule.code, item)
        a, b = seen.rule, item.rule
        if (a.name, a.kind, a.category) != (b.name, b.kind, b.category):  # type: ignore[attr-defined]
            raise PackError(
                _(
                    "{name}: rule {code}: name, kind and category must match its definition in pack '{pack}' "
                    "({name2}, {kind}, {value})"
                ).format(
                    name=item.source.name,
                    code=b.code,
                    pack=seen.pack,
                    name2=a.name,
                    kind=a.kind,  # type: ignore[attr-defined]
                    value=a.category.value,
                )
            )


def read_word_file(name: str, dirs: tuple[Path, ...]) -> list[str]:
    """A lexicon file: one entry a line; a line starting with '# ' is a comment ('#1' is an entry)."""
    for folder in dirs:
        path = folder / name
        if path.is_file():
            with path.open(encoding="utf-8") as handle:
                lines = (line.strip() for line in handle)
                return [line for line in lines if line and line != "#" and not line.startswith("# ")]
    raise PackError(
        _("lexicon file '{name}' not found in {value}").format(name=name, value=", ".join(str(d) for d in dirs))
    )
