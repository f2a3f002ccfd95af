"""How many shipped risky terms get a gloss in the other reader language.

    python bench/glossary_coverage.py [--show N]

For every word list of the compliance and promotional packs, and the inline terms of the rules,
the share of its terms that keywords/glossary/zh.yaml glosses into Chinese (terms in other
languages) or keywords/glossary/en.yaml into English (Chinese terms), with the lookup the reports
use: the whole phrase, else word by word by Snowball stem, function words skipped (Chinese: a run
of known parts). Prints one line per list with its target (100 % for Chinese lists, 90 % for
medical claims, 98 % for the rest), then N terms per list that get no gloss. Exits 1 when a list
misses its target.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from listingkit.glossary import Glossary
from listingkit.resources import keywords_dir, rules_dir
from listingkit.rules.loader import read_word_file
from listingkit.text import has_cjk

LANGUAGES = ("en", "es", "pt", "fr", "de", "ru", "it", "zh")
FOLDERS = ("claims", "counterfeit", "prohibited-goods", "adlaw")


def list_language(path: Path) -> str:
    """The language of a word list, from its file name (es-medical.txt) or its folder (es/promotional.txt).

    comparison.txt mixes languages: "und", so that every language of the glossary is tried.
    """
    prefix = path.stem.split("-")[0]
    if prefix in LANGUAGES:
        return prefix
    if path.parent.name in LANGUAGES:
        return path.parent.name
    return "en" if path.parent.name == "prohibited-goods" else "und"


def word_lists(root: Path) -> dict[str, tuple[str, list[str]]]:
    """Name -> (language, terms) of every list measured, the rules' inline terms last."""
    paths = [p for folder in FOLDERS for p in sorted((root / folder).glob("*.txt"))]
    paths += [
        p for lang in LANGUAGES for name in ("promotional", "temporary") if (p := root / lang / f"{name}.txt").is_file()
    ]
    lists = {
        str(p.relative_to(root)): (list_language(p), read_word_file(str(p.relative_to(root)), (root,))) for p in paths
    }
    inline: list[str] = []
    for path in sorted(rules_dir().glob("*.yaml")):
        rules = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []
        inline += [str(t) for rule in rules if rule.get("kind") == "existence" for t in rule.get("terms") or []]
    lists["rules (inline terms)"] = ("und", inline)
    return lists


def target(name: str, language: str) -> float:
    return 1.0 if language == "zh" else 0.9 if "medical" in name else 0.98


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    root = keywords_dir()
    readers = {reader: Glossary.load(reader, [root]) for reader in ("zh", "en")}
    total = glossed_total = 0
    below: list[str] = []
    for name, (language, terms) in word_lists(root).items():
        missing = []
        for term in terms:
            glossary = readers["en" if language == "zh" or has_cjk(term) else "zh"]
            if glossary is None or glossary.gloss(term, language) is None:
                missing.append(term)
        glossed, share = len(terms) - len(missing), 1 - len(missing) / max(1, len(terms))
        total, glossed_total = total + len(terms), glossed_total + glossed
        goal = target(name, language)
        mark = "" if share >= goal else "  below target"
        below += [name] if mark else []
        print(f"{name:36} {glossed:5}/{len(terms):<5} {share:6.1%}  (target {goal:.0%}){mark}")
        for term in missing[: args.show]:
            print(f"    no gloss: {term}")
    print(f"{'all':36} {glossed_total:5}/{total:<5} {glossed_total / max(1, total):6.1%}")
    return 1 if below else 0


if __name__ == "__main__":
    raise SystemExit(main())
