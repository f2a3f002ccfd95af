"""The README documents every command and every option the command line has."""

from __future__ import annotations

import typer.main

from listingkit.cli import app
from tests.conftest import ROOT


def options_of(command: object, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for name, sub in (getattr(command, "commands", None) or {}).items():
        found |= options_of(sub, f"{prefix} {name}".strip())
    for param in getattr(command, "params", []):
        for opt in [*param.opts, *param.secondary_opts]:
            if opt.startswith("--") and opt != "--help":
                found.add(opt)
    found.add(prefix)
    return found


def test_readme_names_every_command_and_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    wanted = options_of(typer.main.get_command(app))
    missing = sorted(item for item in wanted if item and item not in readme)
    assert not missing, f"not documented in README.md: {missing}"
