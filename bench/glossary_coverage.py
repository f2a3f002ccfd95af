"""How many shipped risky terms get a gloss in the other reader language.

    python bench/glossary_coverage.py [--show N]

For every word list of the compliance and promotional packs, the share of its terms that
keywords/glossary/zh.yaml glosses into Chinese (lists in other languages) or
keywords/glossary/en.yaml into English (Chinese lists), with the lookup the reports use; then N
terms per list that get none.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from listingkit.glossary import Glossary
from listingkit.resources import keywords_dir
from listingkit.rules.loader import read_word_file

LANGUAGES = ("en", "es", "pt", "fr", "de", "ru", "it", "zh")


def list_language(path: Path) -> str:
    """The language of a word list, from its file name (es-medical.txt) or its folder (es/promotional.txt)."""
    prefix = path.stem.split("-")[0]
    if prefix in LANGUAGES:
        return prefix
    if path.parent.name in LANGUAGES:
        return path.parent.name
    return "en" if path.parent.name == "prohibited-goods" else "und"  # comparison.txt mixes languages


def word_lists(root: Path) -> list[Path]:
    folders = ["claims", "counterfeit", "prohibited-goods", "adlaw"]
    found = [p for folder in folders for p in sorted((root / folder).glob("*.txt"))]
    found += [
        p for lang in LANGUAGES for p in sorted((root / lang).glob("*.txt")) if p.stem in ("promotional", "temporary")
    ]
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    root = keywords_dir()
    readers = {reader: Glossary.load(reader, [root]) for reader in ("zh", "en")}
    total = glossed_total = 0
    for path in word_lists(root):
        language = list_language(path)
        glossary = readers["en" if language == "zh" else "zh"]  # a mixed list is read by Chinese readers
        terms = read_word_file(str(path.relative_to(root)), (root,))
        missing = [t for t in terms if glossary is None or glossary.gloss(t, language) is None]
        glossed = len(terms) - len(missing)
        total, glossed_total = total + len(terms), glossed_total + glossed
        print(f"{path.relative_to(root)!s:40} {glossed:5}/{len(terms):<5} {glossed / max(1, len(terms)):6.1%}")
        for term in missing[: args.show]:
            print(f"    no gloss: {term}")
    print(f"{'all':40} {glossed_total:5}/{total:<5} {glossed_total / max(1, total):6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
