"""Marketplace ids, their aliases and expected languages, read from rules/marketplaces.yaml."""

from __future__ import annotations

import fnmatch
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from listingkit.errors import PackError
from listingkit.i18n import _
from listingkit.resources import rules_dir
from listingkit.rules.loader import read_yaml

GENERIC = "generic"


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9{}]+)*$")
    name: str
    aliases: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    # Expands "shopee-{cc}" into one profile per country code.
    countries: dict[str, list[str]] | None = None
    note: str = ""


class Registry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    marketplaces: list[Profile]


class Marketplaces:
    def __init__(self, profiles: list[Profile]) -> None:
        self.profiles: dict[str, Profile] = {}
        self._aliases: dict[str, str] = {}
        for profile in profiles:
            for concrete in _expand(profile):
                self.profiles[concrete.id] = concrete
                self._aliases[_key(concrete.id)] = concrete.id
                for alias in concrete.aliases:
                    self._aliases[_key(alias)] = concrete.id

    def resolve(self, value: str) -> str | None:
        """The id for an id or alias as a seller writes it ('Amazon.com', 'amazon_us', '亚马逊美国')."""
        return self._aliases.get(_key(value))

    def matching(self, patterns: tuple[str, ...] | list[str]) -> list[str]:
        return [mid for mid in self.profiles if any(fnmatch.fnmatchcase(mid, p) for p in patterns)]

    def languages(self, marketplace: str) -> list[str]:
        profile = self.profiles.get(marketplace)
        return list(profile.languages) if profile else []


def _key(value: str) -> str:
    return value.strip().casefold().replace("_", "-").replace(" ", "-")


def _expand(profile: Profile) -> list[Profile]:
    if not profile.countries:
        return [profile]
    out = []
    for cc, languages in profile.countries.items():
        out.append(
            Profile(
                id=profile.id.replace("{cc}", cc),
                name=profile.name.replace("{cc}", cc.upper()),
                aliases=[a.replace("{cc}", cc) for a in profile.aliases],
                languages=languages,
                note=profile.note,
            )
        )
    return out


def load_marketplaces(path: Path | None = None) -> Marketplaces:
    source = path or rules_dir() / "marketplaces.yaml"
    raw = read_yaml(source)
    try:
        registry = Registry.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise PackError(_("{name}: {loc}: {first}").format(name=source.name, loc=loc, first=first["msg"])) from None
    return Marketplaces(registry.marketplaces)


@lru_cache(maxsize=1)
def shipped_marketplaces() -> Marketplaces:
    return load_marketplaces()
