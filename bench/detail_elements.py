"""How many of the materials, colours and sizes stated in real offers the element finder finds.

Reads the WDC PAVE offers (web-shop titles and descriptions with gold attribute values and where
each value is stated) and counts a gold value as found when an element of the right kind is
found on a span that overlaps the value where the offer states it.

    python bench/detail_elements.py [PATH_TO_wdc_pave_test.jsonl] [--misses]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from listingkit.detail.elements import ElementFinder, Evidence
from listingkit.formula.engine import FormulaEngine

# Gold attribute -> (measure, the elements that state it)
GOLD = {
    "Material": ("material", ("material",)),
    "Metal Type": ("material", ("material",)),
    "Color": ("colour", ("color",)),
    "Color(s)": ("colour", ("color",)),
    "Size/Weight": ("size", ("dimensions", "weight")),
    "Width": ("size", ("dimensions",)),
    "Height": ("size", ("dimensions",)),
    "Depth": ("size", ("dimensions",)),
    "Length": ("size", ("dimensions",)),
}
DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "wdc_pave_offers_en" / "wdc_pave_test.jsonl"


def occurrences(text: str, value: str) -> list[tuple[int, int]]:
    hay, needle = text.casefold(), value.casefold().strip()
    out, at = [], hay.find(needle)
    while needle and at >= 0:
        out.append((at, at + len(needle)))
        at = hay.find(needle, at + 1)
    return out


def measure(path: Path, show_misses: bool = False) -> dict[str, tuple[int, int]]:
    finder = ElementFinder(FormulaEngine())
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        offer = json.loads(line)
        texts = [offer.get("input_title") or "", offer.get("input_description") or ""]
        evidence: list[list[Evidence]] = [finder.find_in_text(t, "en") for t in texts]
        for attribute, values in offer["target_scores"].items():
            if attribute not in GOLD:
                continue
            measure_name, elements = GOLD[attribute]
            for value, info in values.items():
                if value == "n/a" or not isinstance(info, dict):
                    continue
                places = [(p, span) for p in info.get("pid", []) for span in occurrences(texts[p], value)]
                if not places:
                    continue  # the gold value is not written verbatim where it is said to be
                total[measure_name] += 1
                hit = any(
                    e.element in elements and e.start is not None and e.start < end and start < (e.end or 0)
                    for p, (start, end) in places
                    for e in evidence[p]
                )
                if hit:
                    found[measure_name] += 1
                elif show_misses:
                    print(f"miss {measure_name}: {value!r} in {texts[places[0][0]][:120]!r}")
    return {name: (found[name], total[name]) for name in sorted(total)}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT
    for name, (hit, total) in measure(path, "--misses" in sys.argv).items():
        print(f"{name:9} {hit:4}/{total:<4} {hit / total:.1%}")


if __name__ == "__main__":
    main()
