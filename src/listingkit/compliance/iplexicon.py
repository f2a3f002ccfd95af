"""The brand and IP lexicon: keywords/ip/*.yaml, one entry per brand, character or franchise.

A user's lexicon folder (--lexicon DIR, holding ip/*.yaml) adds entries; an entry with the same
name as a shipped one replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from listingkit.errors import PackError
from listingkit.i18n import _
from listingkit.rules.loader import read_yaml

CLASSES = frozenset(
    {
        *("apparel", "shoes", "bags", "jewelry", "watches", "luxury", "eyewear", "cosmetics", "fragrance", "hair"),
        *("electronics", "phones", "computers", "audio", "cameras", "gaming", "drones", "software", "media"),
        *("toys", "auto", "motorcycle", "home", "kitchen", "appliances", "furniture", "tools", "garden"),
        *("sports", "outdoor", "baby", "pet", "food", "beverage", "health", "office", "party", "stationery"),
        # Listing categories whose products are made to fit other makers' devices.
        "accessories",
    }
)


class IpEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=2)
    aliases: list[str] = Field(default_factory=list)
    kind: Literal["brand", "character", "franchise"]
    owner: str
    franchise: str | None = None
    classes: list[str] = Field(default_factory=list)
    common_word: bool = False
    # Other sellers may name it to say what their product fits ("case for iPhone 15").
    compatible: bool = False

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class IpFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    entries: list[IpEntry]


@dataclass(slots=True)
class IpLexicon:
    entries: list[IpEntry]
    # Listing category id (formula lexicon) -> the product classes it belongs to.
    category_classes: dict[str, frozenset[str]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    _owners: dict[str, set[str]] | None = field(default=None, init=False, repr=False)

    def owners_of(self, names: list[str]) -> set[str]:
        """The owners of the entries that any of these names spells (a brand cell, config own_brands)."""
        from listingkit.compliance.skeleton import fold_name

        if self._owners is None:
            self._owners = {}
            for entry in self.entries:
                for alias in entry.names():
                    self._owners.setdefault(fold_name(alias), set()).add(entry.owner)
        out: set[str] = set()
        for name in names:
            if name.strip():
                out |= self._owners.get(fold_name(name), set())
        return out


_LEXICONS: dict[tuple[tuple[Path, ...], str], IpLexicon] = {}


def load_ip_lexicon(keyword_dirs: tuple[Path, ...], folder: str = "ip") -> IpLexicon:
    """The lexicon of these folders, read once per run: the brand rules and the language
    identifier (which leaves brand names out) share it."""
    key = (tuple(keyword_dirs), folder)
    lexicon = _LEXICONS.get(key)
    if lexicon is None:
        lexicon = _read_ip_lexicon(key[0], folder)
        _LEXICONS[key] = lexicon
    return lexicon


def _read_ip_lexicon(keyword_dirs: tuple[Path, ...], folder: str) -> IpLexicon:
    by_name: dict[str, IpEntry] = {}
    files: list[Path] = []
    classes: dict[str, frozenset[str]] = {}
    # Shipped folder last in keyword_dirs order means user folders come first: load in reverse so
    # the user's entries replace shipped ones of the same name.
    for directory in reversed(keyword_dirs):
        base = directory / folder
        if not base.is_dir():
            continue
        for path in sorted(base.glob("*.yaml")):
            data = _read_yaml(path)
            if path.name == "classes.yaml":
                classes.update(_category_classes(path, data))
                continue
            try:
                parsed = IpFile.model_validate(data)
            except ValidationError as exc:
                error = exc.errors()[0]
                where = ".".join(str(p) for p in error["loc"])
                raise PackError(
                    _("{path}: {where}: {error}").format(
                        path=path,
                        where=where,
                        error=error["msg"],
                    )
                ) from None
            for entry in parsed.entries:
                unknown = set(entry.classes) - CLASSES
                if unknown:
                    raise PackError(
                        _("{path}: entry '{name}': unknown class {value!r}").format(
                            path=path,
                            name=entry.name,
                            value=sorted(unknown)[0],
                        )
                    )
                by_name[entry.name.casefold()] = entry
            files.append(path)
    return IpLexicon(list(by_name.values()), classes, files)


def _read_yaml(path: Path) -> Any:
    return read_yaml(path)


def _category_classes(path: Path, data: Any) -> dict[str, frozenset[str]]:
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise PackError(_("{path}: expected a 'categories' mapping of category id to classes").format(path=path))
    out = {}
    for category, values in data["categories"].items():
        unknown = set(values) - CLASSES
        if unknown:
            raise PackError(
                _("{path}: category '{category}': unknown class {value!r}").format(
                    path=path,
                    category=category,
                    value=sorted(unknown)[0],
                )
            )
        out[str(category)] = frozenset(values)
    return out
