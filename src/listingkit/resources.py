"""Where the shipped rule packs and lexicons live: inside the wheel, or beside src/ in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The shipped `rules` or `keywords` folder."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"listingkit installation is missing its {name}/ folder")


def rules_dir() -> Path:
    return data_dir("rules")


def keywords_dir() -> Path:
    return data_dir("keywords")
