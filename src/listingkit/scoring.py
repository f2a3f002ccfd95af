"""One 0-100 score per listing from its findings, with weights from rules/scoring.yaml."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from listingkit.errors import PackError
from listingkit.models import Category, Finding, Severity
from listingkit.resources import rules_dir
from listingkit.rules.kinds import Checker
from listingkit.rules.loader import read_yaml


class ScoringSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: dict[str, float]
    sections: dict[str, list[Category]]
    penalty: dict[Severity, float]
    compliance_error_cap: int = 40


class Scorer:
    def __init__(self, spec: ScoringSpec) -> None:
        self.spec = spec
        self._section_of = {cat: name for name, cats in spec.sections.items() for cat in cats}

    @classmethod
    def load(cls, path: Path | None = None) -> Scorer:
        source = path or rules_dir() / "scoring.yaml"
        try:
            return cls(ScoringSpec.model_validate(read_yaml(source)))
        except ValidationError as exc:
            err = exc.errors()[0]
            raise PackError(f"{source.name}: {'.'.join(map(str, err['loc']))}: {err['msg']}") from None

    def score(
        self, findings: Sequence[Finding], checkers: Sequence[Checker], measured: dict[str, int] | None = None
    ) -> tuple[int, dict[str, int | None]]:
        """`measured` sections start from a measure of their own (keyword coverage) instead of 100."""
        ran = {self._section_of.get(c.rule.category) for c in checkers}
        points = {name: 100.0 for name in self.spec.sections if name in ran}
        for name, value in (measured or {}).items():
            points[name] = float(value)
        compliance_error = False
        for f in findings:
            section = self._section_of.get(f.category)
            if section in points:
                points[section] -= self.spec.penalty.get(f.severity, 0)
            if section == "compliance" and f.severity is Severity.ERROR:
                compliance_error = True
        breakdown: dict[str, int | None] = {
            name: (round(max(0.0, points[name])) if name in points else None) for name in self.spec.sections
        }
        total_weight = sum(self.spec.weights.get(n, 0) for n in points)
        if not total_weight:
            return 100, breakdown
        score = round(sum(max(0.0, p) * self.spec.weights.get(n, 0) for n, p in points.items()) / total_weight)
        if compliance_error:
            score = min(score, self.spec.compliance_error_cap)
        return score, breakdown
