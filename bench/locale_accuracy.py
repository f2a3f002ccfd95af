"""How often the language found for a listing matches its market, on real catalogs.

    python bench/locale_accuracy.py [DATA_DIR] [--show N]

For each real file with a known language, the listing's language is the title's when the title
decides it, else that of its bullets or description; `und` counts as a miss.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from listingkit.audit import Auditor, Summary, listing_language
from listingkit.catalog import ReadOptions
from listingkit.rules.ruleset import RuleSet

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data"
# (file, the language its market writes, marketplace to read it as or None for its column)
SETS = [
    ("mercadolibre_api_es_pt/meli_search_results.csv", None, None),
    ("wildberries_ru/wildberries_titles.csv", "ru", "wildberries"),
    # A Swedish bicycle shop: new parts are described in English, used bicycles in Swedish (read
    # by hand: the listings below are Swedish, the others English).
    ("shopify_export_sv/products_export_1.csv", "en", None),
    ("shopify_export_fr/products_export.csv", "fr", None),
    ("zh_ecommerce_ner_taobao/titles_with_brand_product_entities.csv", "zh", "taobao"),
    ("zh_jd_gaiic2022_titles/jd_titles_300_with_entities.csv", "zh", "jd"),
    ("zh_taobao_search/taobao_search_zhimahu_2018.csv", "zh", "taobao"),
]


# Listings whose language differs from their file's, as read by hand.
BY_HAND = {
    'Nordstjerna, 26"': "sv",
    'Crescent City veteran, 28"': "sv",
    'Crescent - CHESS - 28"': "sv",
    'FIXIE / Singelspeed - 28"': "sv",
    'Monark - 28" - 10vxl': "sv",
}


def measure(data: Path, show: int = 0) -> dict[str, tuple[int, int]]:
    ruleset = RuleSet.load(dt.date(2026, 11, 21), select=["LK-T101"])
    ruleset.locale_fields = True  # identify every field, as the locale rules do
    out = {}
    for relative, language, marketplace in SETS:
        auditor = Auditor(ruleset, ReadOptions(marketplace=marketplace))
        hits, total, misses = 0, 0, Counter()
        shown = 0
        for result in auditor.run([data / relative], Summary()):
            expected = BY_HAND.get(result.listing.title) or language
            expected = expected or ruleset.marketplaces.languages(result.listing.marketplace)[0]
            found = listing_language(result)
            total += 1
            if found == expected:
                hits += 1
            else:
                misses[found] += 1
                if shown < show:
                    print(f"  {relative.split('/')[0]}: {found} != {expected}: {result.listing.title[:80]}")
                    shown += 1
        out[relative] = (hits, total)
        print(f"{relative:70} {hits:5}/{total:<5} {hits / total:.1%}  misses {dict(misses)}")
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    measure(Path(args[0]) if args else DEFAULT, show)
