from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
AS_OF = dt.date(2026, 11, 21)


def shared_data(*parts: str) -> Path:
    """A file of the real public data set kept beside the project; skipped when absent, except in CI."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"real test data missing in CI: {path}")
        pytest.skip(f"real test data not available: {path}")
    return path


@pytest.fixture(scope="session", autouse=True)
def yaml_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's parsed-lexicon cache lives in a temporary folder, not the user's cache; CLI runs in
    subprocesses inherit it."""
    previous = os.environ.get("LISTINGKIT_CACHE_DIR")
    os.environ["LISTINGKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("LISTINGKIT_CACHE_DIR", None)
    else:
        os.environ["LISTINGKIT_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def ruleset():  # type: ignore[no-untyped-def]
    from listingkit.rules.ruleset import RuleSet

    return RuleSet.load(AS_OF)


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Each test starts in English: a command run with --lang zh must not leave its language behind."""
    from listingkit.i18n import set_language

    set_language("en")
    yield
    set_language("en")
