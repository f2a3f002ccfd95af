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

from tests.formula.test_core_accuracy import (  # noqa: E402 - the path is set just above
    REAL_LISTINGS,
    core_is_right,
    engine,
    labelled,
    real_titles,
)


def main() -> int:
    for language in ("en", "es", "pt", "ru"):
        items = labelled(language)
        right = 0
        for title, accepted in items:
            tagging = engine().tag(title, language)
            right += core_is_right(tagging.core.text if tagging and tagging.core else None, accepted)
        found = total = 0
        for source, site in REAL_LISTINGS[language]:
            for title in real_titles(source, site):
                tagging = engine().tag(title, language)
                total += 1
                found += tagging is not None and tagging.core is not None
        print(
            f"{language}  hand labels {right}/{len(items)} ({right / len(items):.0%})  "
            f"real titles with a core word {found}/{total} ({found / total:.1%})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
