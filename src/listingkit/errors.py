"""Errors that end a command with exit code 2 and one clear line, never a traceback."""

from __future__ import annotations


class ListingkitError(Exception):
    """A usage, configuration, rule-pack or input problem the user must fix."""


class PackError(ListingkitError):
    pass


class ConfigError(ListingkitError):
    pass


class InputError(ListingkitError):
    pass
