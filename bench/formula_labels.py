"""Core-word accuracy on the hand-labelled titles and the share of real titles with a core word.

    python bench/formula_labels.py

Reads the labels in tests/formula/labels/ and the real titles they reference in the test data
folder beside the project (the same measures tests/formula/test_core_accuracy.py holds to a bar).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.formula.test_core_accuracy import coverage, label_misses  # noqa: E402 - the path is set just above


def main() -> int:
    for name in ("en", "es", "pt", "pt-shopify", "ru"):
        total, misses = label_misses(name)
        right = total - len(misses)
        line = f"{name:10}  hand labels {right}/{total} ({right / total:.0%})"
        if name in ("en", "es", "pt", "ru"):
            found, titles = coverage(name)
            line += f"  real titles with a core word {found}/{titles} ({found / titles:.1%})"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
