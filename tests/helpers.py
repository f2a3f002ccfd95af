"""Run the command line in-process and capture what a user would see."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pytest

from listingkit import cli


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    old = sys.argv
    sys.argv = ["listingkit", *args]
    try:
        cli.main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        sys.argv = old
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


@lru_cache(maxsize=1)
def document_validator() -> Any:
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("listingkit").joinpath("schemas/document.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def validate_document(document: dict[str, Any]) -> None:
    errors = sorted(document_validator().iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
