"""--changed-since REF: which listings of a file differ from the same file at a git revision.

The file as it was at REF is read with the same reader and options; each listing is matched by
its key (SKU, or the format's own key, else a hash of its title) and compared by the content of
every field it has. Only new and changed listings are audited, so a pull request is judged on
what it changed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from listingkit.catalog import CatalogReader, FileSummary
from listingkit.errors import ConfigError, InputError
from listingkit.i18n import _
from listingkit.models import Listing


def content_hash(listing: Listing) -> str:
    fields = [
        listing.marketplace, listing.title, listing.description, listing.brand, listing.category_raw, listing.price,
        listing.seo_title, listing.seo_description, listing.bullets, listing.images, listing.search_terms,
        listing.tags, sorted(listing.attributes.items()), listing.raw_cells,
    ]  # fmt: skip
    return hashlib.sha1(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise ConfigError(_("--changed-since needs git, which is not installed")) from None


def file_at(path: Path, ref: str) -> bytes | None:
    """The file's bytes at REF; None when the file did not exist there."""
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise ConfigError(_("--changed-since {ref}: {path} is not inside a git repository").format(ref=ref, path=path))
    root = Path(top.stdout.decode().strip())
    if _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise ConfigError(_("--changed-since {ref}: no such revision").format(ref=ref))
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    shown = _git(root, "show", f"{ref}:{relative}")
    return shown.stdout if shown.returncode == 0 else None


class Previous:
    """The listings of each file at the revision, by key, with the content each had."""

    def __init__(self, ref: str, reader: CatalogReader) -> None:
        self.ref = ref
        self.reader = reader
        self._files: dict[str, Counter[tuple[str, str]] | None] = {}

    def load(self, path: Path) -> None:
        old = file_at(path, self.ref)
        if old is None:
            self._files[str(path)] = None  # a new file: every listing is new
            return
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / path.name
            copy.write_bytes(old)
            seen: Counter[tuple[str, str]] = Counter()
            try:
                for listing, _ in self.reader.read(copy, FileSummary(file=str(copy))):
                    seen[(listing.identity_key(), content_hash(listing))] += 1
            except InputError:
                seen = Counter()  # unreadable then: judge every listing now
        self._files[str(path)] = seen

    def unchanged(self, listing: Listing) -> bool:
        """True for a listing the revision had with the same key and content (each match used once)."""
        seen = self._files.get(listing.file)
        if not seen:
            return False
        key = (listing.identity_key(), content_hash(listing))
        if seen[key] > 0:
            seen[key] -= 1
            return True
        return False
