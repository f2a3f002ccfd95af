"""Precision and recall of the ip, prohibited, claims and adlaw packs on the hand-labelled titles.

    python bench/compliance_accuracy.py [--misses]

Reads tests/compliance/labels.csv (real titles referenced by file and row in the test data folder
beside the project, and written titles) and prints tp, fp, fn, precision and recall per category;
--misses lists every false positive and false negative.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.compliance.measure import CATEGORIES, measure  # noqa: E402 - the path is set just above
from tests.conftest import AS_OF  # noqa: E402


def main() -> int:
    tally, _ = measure(AS_OF)
    print(f"{'category':11} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>7}")
    for category in CATEGORIES:
        print(
            f"{category:11} {tally.tp[category]:4} {tally.fp[category]:4} {tally.fn[category]:4} "
            f"{tally.precision(category):10.3f} {tally.recall(category):7.3f}"
        )
    if "--misses" in sys.argv:
        print("\n".join(tally.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
