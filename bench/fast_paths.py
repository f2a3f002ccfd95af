"""The ASCII fast paths of the compliance and term matching give what their reference gives.

    python bench/fast_paths.py [DATA_DIR]

Each fast path (a prefilter, a cheaper pattern, a bytes table) replaced or guards a slower
reference. This script runs both on every ASCII cell of the real catalogs under DATA_DIR (default:
the shared data folder beside the project), the generated benchmark catalog and 300,000 random
strings of the characters that matter (and, for the one-edit prefilter, the lexicon's names with a
letter doubled or dropped), prints how many texts each check saw, and exits 1 on the
first difference.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit_bench import generate

from listingkit.compliance import skeleton as sk
from listingkit.compliance.brands import _INDEXES, FUZZY_MIN_LETTERS, fuzzy_candidates
from listingkit.compliance.iplexicon import load_ip_lexicon
from listingkit.resources import keywords_dir
from listingkit.rules.ruleset import RuleSet
from listingkit.rules.terms import masked
from listingkit.text import words

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data"

# The patterns as first written (each starting with its look-behind), kept as the reference.
SPELLED_REFERENCE = re.compile(r"(?<=(?<![A-Za-z0-9])[A-Za-z])[ .\-_*][A-Za-z][ .\-_*][A-Za-z](?![A-Za-z0-9])")
SYMBOLS_REFERENCE = re.compile(
    r"(?<=[A-Za-z])[0-9@$]+(?=[A-Za-z])|(?<=[A-Za-z]{3})[013457]\b|(?<![A-Za-z0-9])[@$](?=[A-Za-z]{2})"
)
SYMBOL_REFERENCE = re.compile(r"[0-9@$]")
MASK_REFERENCE = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


CHECKS: dict[str, Callable[[str], bool]] = {
    "spelled-letters pattern": lambda t: spans(sk.SUSPICIOUS_ASCII_SPELLED, t) == spans(SPELLED_REFERENCE, t),
    "spelled-letters prefilter": lambda t: sk._may_spell_letters(t) or not SPELLED_REFERENCE.search(t),
    "digit and symbol test": lambda t: sk._has_symbol(sk._ascii_shape(t)) == bool(SYMBOL_REFERENCE.search(t)),
    "digit and symbol pattern": lambda t: spans(sk.SUSPICIOUS_ASCII_SYMBOLS, t) == spans(SYMBOLS_REFERENCE, t),
    "one-edit candidates": lambda t: (
        fuzzy_candidates(t) == [w for w in words(t) if len(w[2]) >= FUZZY_MIN_LETTERS and w[2].isalpha()]
    ),
    "masked copy": lambda t: masked(t) == t.translate(MASK_REFERENCE),
    "folded name": lambda t: sk.fold_name(t) == sk.skeleton(t, undo_evasion=False).text,
}


def one_edit_prefilter() -> Callable[[str], bool]:
    """The prefilter may only clear a text in which the one-edit pass finds nothing."""
    RuleSet.load(dt.date(2026, 11, 21), select=["ip"])
    index = next(iter(_INDEXES.values()))
    english = ("en",)
    return lambda t: index.may_have_near_names(t, english) or not index.fuzzy_hits(t, fuzzy_candidates(t), english)


def ascii_cells(paths: Iterable[Path]) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    out: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            for row in csv.reader(handle):
                out.extend(c for c in row if c.isascii())
    return out


def random_texts(count: int, alphabet: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with tempfile.TemporaryDirectory() as tmp:
        bench = Path(tmp) / "catalog.csv"
        generate(bench, 5000)
        texts = ascii_cells([*sorted(data.rglob("*.csv")), bench])
    names: list[str] = [a for e in load_ip_lexicon((keywords_dir(),)).entries for a in e.names() if a.isascii()]
    texts += random_texts(300_000, "ab 1.-*_xY'@$#03457Z", seed=11)
    cells = len(texts) - 300_000
    print(f"{len(texts):,} texts ({cells:,} real and generated cells), {len(names):,} ASCII lexicon names")
    # Names with a letter doubled or dropped, alone and inside a sentence: near names to be found.
    near = [n[:i] + n[i] * k + n[i + 1 :] for n in names if len(n) >= FUZZY_MIN_LETTERS for i, k in ((1, 2), (2, 0))]
    near += [f"Soft {n} water bottle" for n in near]
    checks = {**CHECKS, "one-edit prefilter": one_edit_prefilter()}
    failed = False
    for name, check in checks.items():
        corpus = {"folded name": [*texts, *names], "one-edit prefilter": [*texts, *names, *near]}.get(name, texts)
        bad = next((t for t in corpus if not check(t)), None)
        print(f"{name:28} {len(corpus):9,} texts  {'same' if bad is None else f'DIFFERS on {bad!r}'}")
        failed |= bad is not None
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
