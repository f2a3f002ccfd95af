"""How often a long field's function words decide its language, and how often the models agree.

    python bench/function_words.py [DATA_DIR] [--show N]

Reads every catalog under DATA_DIR (default: the shared data folder beside the project) and, for
the bullets and the description of each listing, compares the language the function words
decide (listingkit.language.by_function_words) with what the statistical models say when asked.
Prints how many fields were decided, how many of those the models agree with, and the first N
disagreements.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from pathlib import Path

from listingkit import language
from listingkit.catalog import CatalogReader, FileSummary, ReadOptions, expand_inputs
from listingkit.errors import ListingkitError
from listingkit.rules.ruleset import RuleSet
from listingkit.text import visible_text

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    ruleset = RuleSet.load(dt.date.today(), select=["LK-I"])
    counts: Counter[str] = Counter()
    disagreements: list[str] = []
    for path in expand_inputs([args.data]):
        try:
            listings = list(CatalogReader(ReadOptions(), ruleset.marketplaces).read(path, FileSummary(str(path))))
        except ListingkitError:
            continue
        for listing, _ in listings:
            expected = tuple(ruleset.marketplaces.languages(listing.marketplace))
            for text in (" ".join(listing.bullets), visible_text(listing.description)):
                sample = language.language_words(text[: 3 * language.FIELD_SAMPLE_CHARS])
                decided = language.by_function_words(
                    sample[: language.FIELD_SAMPLE_CHARS], language._candidates(expected)
                )
                if decided is None:
                    counts["left to the models"] += int(bool(text.strip()))
                    continue
                models = language._confidences(sample, expected)
                if models and models[0][0] == decided.code:
                    counts["decided, models agree"] += 1
                else:
                    counts["decided, models disagree"] += 1
                    disagreements.append(f"{path.name}: {decided.code} / models {models[:1]}: {text[:100]!r}")
    for name, count in counts.most_common():
        print(f"{name:28} {count:6}")
    for line in disagreements[: args.show]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
