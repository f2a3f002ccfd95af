"""Data derived from a file, kept as JSON in the user's cache folder.

Parsing the lexicons and packs (tens of thousands of YAML lines) and loading the Chinese
segmenter's dictionary take about a second each; their JSON loads several times faster. An
entry is named from the kind of data, the source file's path, size and modification time, so an
edited file is read again. `LISTINGKIT_CACHE_DIR` names another folder, and `none` turns the
cache off. A folder that cannot be written, or a corrupt entry, costs only the slow read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "LISTINGKIT_CACHE_DIR"  # another folder, or "none" for no cache
_CACHE_FORMAT = "1"


def cached(source: Path, build: Callable[[], Any], kind: str, min_bytes: int = 0, version: str = "") -> Any:
    """build()'s result for this source file, from the cache when the file is unchanged.
    `version` names whatever else the result depends on (a library's version)."""
    entry = _entry(source, kind, min_bytes, version)
    if entry is not None:
        try:
            return json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    data = build()
    if entry is not None:
        _store(entry, data)
    return data


def _entry(source: Path, kind: str, min_bytes: int, version: str) -> Path | None:
    configured = os.environ.get(CACHE_ENV, "")
    if configured.casefold() == "none":
        return None
    try:
        stat = source.stat()
        if stat.st_size < min_bytes:
            return None
        home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "listingkit"
        key = f"{_CACHE_FORMAT}|{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    except (OSError, RuntimeError):  # no file (the build says so), or no home folder
        return None
    if version:
        key += f"|{version}"
    name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + ".json"
    return (Path(configured) if configured else home) / kind / name


def _store(entry: Path, data: Any) -> None:
    """Write the entry, atomically; data JSON cannot hold unchanged (dates, number keys) is not kept."""
    temporary: Path | None = None
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if json.loads(text) != data:
            return
        entry.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=entry.parent, delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(text)
        os.replace(temporary, entry)
    except (OSError, TypeError, ValueError):
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
