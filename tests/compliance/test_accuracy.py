"""The compliance packs on the hand-labelled titles: the bars of the issue, as floors."""

from __future__ import annotations

import pytest

from tests.compliance.measure import Tally, load_rows, measure
from tests.conftest import AS_OF, shared_data

# Precision and recall the packs must keep on tests/compliance/labels.csv.
BAR = {
    "ip": {"precision": 0.95, "recall": 0.90},
    "prohibited": {"precision": 0.95, "recall": 0.0},
    "claims": {"precision": 0.95, "recall": 0.0},
    "adlaw": {"precision": 0.95, "recall": 0.0},
}


def test_the_label_set_is_large_enough() -> None:
    shared_data()
    rows = load_rows()
    assert len(rows) >= 300
    for category in BAR:
        positives = sum(1 for r in rows if any(c == category for c, _ in r.expected))
        assert positives >= 30, category
    assert sum(1 for r in rows if not [c for c, _ in r.expected if c != "ip-compat"]) >= 90


@pytest.fixture(scope="module")
def tally() -> Tally:
    shared_data()
    return measure(AS_OF)[0]


@pytest.mark.parametrize("category", list(BAR))
def test_precision_and_recall(tally: Tally, category: str) -> None:
    mine = [e for e in tally.errors if f" {category} " in e]
    assert tally.precision(category) >= BAR[category]["precision"], mine[:15]
    assert tally.recall(category) >= BAR[category]["recall"], mine[:15]
