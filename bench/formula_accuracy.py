"""Accuracy of the core word on Chinese titles with labelled product spans.

    python bench/formula_accuracy.py DATA_DIR

DATA_DIR holds zh_ecommerce_ner_taobao/titles_with_brand_product_entities.csv (Taobao titles,
character tags: HC = product, HP = brand) and zh_jd_gaiic2022_titles/jd_titles_300_with_entities.csv
(JD titles, character tags: label 4 = product word). For each set it prints:
  hit    share of titles with a labelled product span whose core word overlaps one
  prec   share of all spans tagged core that overlap a labelled product span
  brand  number of labelled brand spans tagged core (Taobao only; should be 0)
The tb-dev line is the Taobao dev split alone, which lexicon growth never looked at.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from listingkit.formula.engine import FormulaEngine


@dataclass
class Labelled:
    title: str
    products: list[tuple[int, int]]
    brands: list[tuple[int, int]]


def spans(tags: list[str], wanted: str) -> list[tuple[int, int]]:
    """Character spans of one label from BIO or BIEOS tags (one tag per character)."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        inside = label == wanted and prefix in ("I", "E")
        if start is not None and not inside:
            out.append((start, i))
            start = None
        if label == wanted and prefix in ("B", "S"):
            if prefix == "S":
                out.append((i, i + 1))
            else:
                start = i
        if start is not None and prefix == "E" and label == wanted:
            out.append((start, i + 1))
            start = None
    return out


def taobao(path: Path, split: str | None = None) -> Iterator[Labelled]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if split is not None and row["split"] != split:
                continue
            tags = row["bieos_tags"].split()
            if len(tags) != len(row["title"]):
                continue
            yield Labelled(row["title"], spans(tags, "HC"), spans(tags, "HP"))


def jd(path: Path) -> Iterator[Labelled]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            tags = row["bio_tags"].split()
            if len(tags) != len(row["title"]):
                continue
            yield Labelled(row["title"], spans(tags, "4"), spans(tags, "1"))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Score:
    titles: int = 0
    labelled: int = 0
    hits: int = 0
    cores: int = 0
    precise: int = 0
    brand_as_core: int = 0

    @property
    def hit_rate(self) -> float:
        return self.hits / self.labelled if self.labelled else 0.0

    @property
    def precision(self) -> float:
        return self.precise / self.cores if self.cores else 0.0


def measure(items: Iterator[Labelled], engine: FormulaEngine) -> Score:
    score = Score()
    for item in items:
        score.titles += 1
        tagging = engine.tag(item.title, "zh")
        core = (tagging.core.start, tagging.core.end) if tagging and tagging.core else None
        if core is not None:
            score.cores += 1
            if any(overlaps(core, p) for p in item.products):
                score.precise += 1
            if any(core == b for b in item.brands):
                score.brand_as_core += 1
        if item.products:
            score.labelled += 1
            if core is not None and any(overlaps(core, p) for p in item.products):
                score.hits += 1
    return score


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    data = Path(sys.argv[1])
    engine = FormulaEngine()
    taobao_file = data / "zh_ecommerce_ner_taobao" / "titles_with_brand_product_entities.csv"
    for name, items in (
        ("taobao", taobao(taobao_file)),
        # The dev split was never used to choose lexicon words: the held-out Taobao figure.
        ("tb-dev", taobao(taobao_file, "dev")),
        ("jd", jd(data / "zh_jd_gaiic2022_titles" / "jd_titles_300_with_entities.csv")),
    ):
        s = measure(items, engine)
        print(
            f"{name:7} titles {s.titles:5}  labelled {s.labelled:5}  hit {s.hit_rate:6.1%}  "
            f"prec {s.precision:6.1%}  brand-as-core {s.brand_as_core}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
