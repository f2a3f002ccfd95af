"""One 0-100 score per listing from its findings, with weights from rules/scoring.yaml."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from listingkit.errors import PackError
from listingkit.i18n import _
from listingkit.models import Category, Finding, Severity
from listingkit.resources import rules_dir
from listingkit.rules.kinds import Checker
from listingkit.rules.loader import read_yaml


class Profile(BaseModel):
    """A marketplace's own weights, penalties or cap; what it leaves out comes from the defaults."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    marketplaces: list[str]
    weights: dict[str, float] = {}
    penalty: dict[Severity, float] = {}
    compliance_error_cap: int | None = None
    reason: str = ""


class ScoringSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[str, float]
    sections: dict[str, list[Category]]
    penalty: dict[Severity, float]
    compliance_error_cap: int = 40
    profiles: list[Profile] = []

    @model_validator(mode="after")
    def _known_sections(self) -> ScoringSpec:
        for weights in [self.weights, *(p.weights for p in self.profiles)]:
            unknown = set(weights) - set(self.sections)
            if unknown:
                raise ValueError(f"weight for unknown section '{sorted(unknown)[0]}'")
        return self


@dataclass(frozen=True, slots=True)
class Numbers:
    weights: dict[str, float]
    penalty: dict[Severity, float]
    cap: int


class Scorer:
    def __init__(self, spec: ScoringSpec) -> None:
        self.spec = spec
        self._section_of = {cat: name for name, cats in spec.sections.items() for cat in cats}
        self._numbers: dict[str, Numbers] = {}

    def numbers(self, marketplace: str) -> Numbers:
        """The marketplace's numbers: the first profile that names it, over the defaults."""
        cached = self._numbers.get(marketplace)
        if cached is None:
            spec = self.spec
            profile = next(
                (p for p in spec.profiles if any(fnmatch.fnmatchcase(marketplace, m) for m in p.marketplaces)), None
            )
            if profile is None:
                cached = Numbers(dict(spec.weights), dict(spec.penalty), spec.compliance_error_cap)
            else:
                cap = profile.compliance_error_cap
                cached = Numbers(
                    {**spec.weights, **profile.weights},
                    {**spec.penalty, **profile.penalty},
                    spec.compliance_error_cap if cap is None else cap,
                )
            self._numbers[marketplace] = cached
        return cached

    @classmethod
    def load(cls, path: Path | None = None) -> Scorer:
        source = path or rules_dir() / "scoring.yaml"
        try:
            return cls(ScoringSpec.model_validate(read_yaml(source)))
        except ValidationError as exc:
            err = exc.errors()[0]
            raise PackError(
                _("{name}: {value}: {err}").format(
                    name=source.name, value=".".join(map(str, err["loc"])), err=err["msg"]
                )
            ) from None

    def score(
        self,
        findings: Sequence[Finding],
        checkers: Sequence[Checker],
        measured: dict[str, int] | None = None,
        marketplace: str = "generic",
    ) -> tuple[int, dict[str, int | None]]:
        """`measured` sections start from a measure of their own (keyword coverage) instead of 100."""
        numbers = self.numbers(marketplace)
        ran = {self._section_of.get(c.rule.category) for c in checkers}
        points = {name: 100.0 for name in self.spec.sections if name in ran}
        for name, value in (measured or {}).items():
            points[name] = float(value)
        compliance_error = False
        for f in findings:
            section = self._section_of.get(f.category)
            if section in points:
                points[section] -= numbers.penalty.get(f.severity, 0)
            if section == "compliance" and f.severity is Severity.ERROR:
                compliance_error = True
        breakdown: dict[str, int | None] = {
            name: (round(max(0.0, points[name])) if name in points else None) for name in self.spec.sections
        }
        weights = numbers.weights
        total_weight = sum(weights.get(n, 0) for n in points)
        if not total_weight:
            return 100, breakdown
        score = round(sum(max(0.0, p) * weights.get(n, 0) for n, p in points.items()) / total_weight)
        if compliance_error:
            score = min(score, numbers.cap)
        return score, breakdown
