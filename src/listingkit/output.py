"""Writing output files safely: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_output(path: Path | None, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Standard output when no path is given; otherwise a file that appears only when complete."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
