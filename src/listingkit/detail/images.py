"""Image references of a listing: URL checks, extensions, duplicates, local files and what a picture looks like.

A reference is either a URL ("https://cdn.shopify.com/.../a.jpg") or a local file path ("images/a.jpg",
"a.jpg", "C:\\Photos\\a.jpg"). A text is read as a URL when it contains "://", starts with "//"
(protocol-relative) or starts with a scheme that is never a file name ("data:", "file:", "http:" ...);
anything else, spaces included, is a local path.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import SplitResult, unquote, unquote_plus, urlsplit

from PIL import Image, ImageChops, UnidentifiedImageError

IMAGE_EXTENSIONS: frozenset[str] = frozenset(
    {"jpg", "jpeg", "png", "gif", "tif", "tiff", "webp", "bmp", "heic", "heif", "avif", "svg", "ico", "jfif"}
)
# Extensions that are recognised (so a page or a video linked as an image can be reported) but are not pictures.
NON_IMAGE_EXTENSIONS: frozenset[str] = frozenset({"pdf", "html", "htm", "php", "aspx", "txt", "mp4", "mov", "zip"})
_KNOWN_EXTENSIONS = IMAGE_EXTENSIONS | NON_IMAGE_EXTENSIONS

# Query parameters CDNs use for cache busting, resizing and re-encoding: the picture stays the same.
_VOLATILE_PARAMETERS = frozenset(
    {"v", "ver", "version", "width", "height", "w", "h", "size", "quality", "q", "format", "fm", "auto", "fit", "crop"}
)
_DEFAULT_PORTS = {"http": 80, "https": 443, "ftp": 21}
_WEB_SCHEMES = frozenset({"http", "https"})
# Schemes written without "//" ("data:image/png;base64,...", "mailto:x"); "http:" is here so that
# "http:example.com/a.jpg" reads as a broken URL, not as a file. A one-letter prefix is a Windows drive.
_OPAQUE_SCHEMES = _WEB_SCHEMES | {"data", "file", "blob", "javascript", "mailto", "about", "cid", "tel", "urn"}
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")
_LEADING_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_BAD_HOST_RE = re.compile(r"[\s<>\"{}|\\^`%/?#@\[\]]")
_ESCAPE_RE = re.compile(r"%[0-9a-fA-F]{2}")

_Kind = Literal["empty", "local", "url", "opaque", "broken"]


def _kind(ref: str) -> tuple[_Kind, str, str]:
    """(kind, scheme lower-cased or "", the stripped reference).

    "url" has an authority ("scheme://host/..." or "//host/..."; scheme "" for the latter), "opaque" is a
    scheme without one ("data:...", "http:x"), "broken" has "://" after something that is not a scheme.
    """
    text = ref.strip()
    if not text:
        return "empty", "", text
    if text.startswith("//"):
        return "url", "", text
    cut = text.find("://")
    if cut >= 0:
        scheme = text[:cut]
        if _SCHEME_RE.fullmatch(scheme):
            return "url", scheme.lower(), text
        return "broken", "", text
    match = _LEADING_SCHEME_RE.match(text)
    if match and match.group(1).lower() in _OPAQUE_SCHEMES:
        return "opaque", match.group(1).lower(), text
    return "local", "", text


def is_local(ref: str) -> bool:
    """Whether the reference is a file path (relative, absolute or a Windows path) rather than a URL."""
    return _kind(ref)[0] == "local"


def _valid_host(parts: SplitResult) -> bool:
    host = parts.hostname
    if not host:
        return False
    if parts.netloc.rpartition("@")[2].startswith("["):
        return True  # an IPv6 literal, already validated by urlsplit
    if _BAD_HOST_RE.search(host):
        return False
    return all(host.removesuffix(".").split("."))


# Whitespace (any Unicode space, as str.isspace) and control characters have no place inside a URL.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


def reference_problem(ref: str) -> str | None:
    """Why an image reference cannot be used by a marketplace, or None.

    "malformed": an empty reference, or a URL that does not parse, has whitespace or control characters
    inside, has no host or a bad port; "scheme": a URL whose scheme is not http or https (ftp://,
    file://, data:) or a protocol-relative "//host/x.jpg", which marketplaces do not fetch. A scheme is
    reported before any other defect of the URL. Local file paths are None: whether the file exists is
    a question for `LocalImages`.
    """
    kind, scheme, text = _kind(ref)
    if kind == "local":
        return None
    if kind in ("empty", "broken"):
        return "malformed"
    if scheme not in _WEB_SCHEMES:
        return "scheme"
    if kind == "opaque" or _SPACE_OR_CONTROL.search(text):
        return "malformed"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return "malformed"
    if port == 0 or not _valid_host(parts):
        return "malformed"
    return None


def _url_path(text: str) -> str:
    """The path of a URL with an authority, without query and fragment; tolerant of URLs that do not parse."""
    rest = text[text.index("//") + 2 :]
    rest = re.split(r"[?#]", rest, maxsplit=1)[0]
    slash = rest.find("/")
    return rest[slash:] if slash >= 0 else ""


def _last_segment(ref: str) -> str | None:
    """The file name the reference ends with, percent-decoded for URLs; None when it has none."""
    kind, _, text = _kind(ref)
    if kind in ("url", "broken"):
        name = unquote(_url_path(text).rsplit("/", 1)[-1].split(";", 1)[0])
    elif kind == "local":
        name = re.split(r"[/\\]", text)[-1]
    else:
        return None
    return name or None


def extension(ref: str) -> str | None:
    """The lower-case file extension of the reference's path (query string and fragment ignored).

    None when the last path segment has no extension or an unknown one: only `IMAGE_EXTENSIONS` and the
    common non-image `NON_IMAGE_EXTENSIONS` are returned, so "https://x.com/img/12345" and "a.v2" are None
    while "https://x.com/page.php?id=3" is "php". Local paths are taken whole ("#" and "?" are legal in
    file names); "data:" and other URLs without a path are None.
    """
    name = _last_segment(ref)
    if name is None:
        return None
    stem_and_suffix = name.lstrip(".")
    if "." not in stem_and_suffix:
        return None
    suffix = stem_and_suffix.rsplit(".", 1)[1].lower()
    return suffix if suffix in _KNOWN_EXTENSIONS else None


def _stable_query(query: str) -> str:
    kept = [p for p in query.split("&") if p and unquote_plus(p.split("=", 1)[0]).lower() not in _VOLATILE_PARAMETERS]
    return "&".join(sorted(kept))


def _upper_escapes(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: m.group(0).upper(), text)


def duplicate_key(ref: str) -> str:
    """A key under which two references to the same picture compare equal.

    URLs: scheme and host lower-cased, "http", "https" and protocol-relative "//" treated alike (the key
    starts with "//"), default ports, user info and fragment dropped, percent escapes upper-cased, the
    path's case kept, query parameters sorted, cache-busting and resizing ones (v, w, width, quality,
    format ...) removed. Local paths: whitespace stripped, backslashes read as separators and the path
    normalised with os.path.normpath, case kept. A URL that does not parse is its stripped text.
    """
    kind, scheme, text = _kind(ref)
    if kind == "empty":
        return ""
    if kind == "local":
        return os.path.normpath(text.replace("\\", "/"))
    if kind == "opaque":
        return scheme + text[len(scheme) :]
    if kind == "broken":
        return text
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    web = not scheme or scheme in _WEB_SCHEMES  # "//host/..." is fetched over either
    if port is not None and port not in ((80, 443) if web else (_DEFAULT_PORTS.get(scheme),)):
        host = f"{host}:{port}"
    prefix = "" if web else scheme + ":"
    query = _stable_query(parts.query)
    return f"{prefix}//{host}{_upper_escapes(parts.path) or '/'}" + (f"?{_upper_escapes(query)}" if query else "")


class LocalImages:
    """Resolves image references against a folder of images.

    A local reference is tried first as a path relative to the folder (an absolute path is used when it
    lies inside the folder), then by its file name anywhere below the folder. URLs (http, https,
    protocol-relative, ftp) are resolved by their path's file name only, because sellers often download
    their CDN images into a folder: "https://cdn.shopify.com/s/files/1/products/a.jpg" finds "a.jpg".

    The index of file names is built once, on first need; hidden files and folders (".git", "._a.jpg",
    "__MACOSX") are left out. A name matches exactly first, then ignoring case. When the name is in
    several sub-folders, the folders the reference names pick one ("red/a.jpg" among "x/red/a.jpg" and
    "x/blue/a.jpg"); otherwise the resolution is "ambiguous". Returned paths are absolute, not resolved
    through symbolic links, and never outside the folder.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))
        self._names: dict[str, list[Path]] | None = None
        self._folded: dict[str, list[Path]] | None = None
        self._results: dict[str, tuple[Path | None, str]] = {}

    def resolve(self, ref: str) -> Path | None:
        """The file the reference names, or None (see `why_unresolved`)."""
        return self._lookup(ref)[0]

    def why_unresolved(self, ref: str) -> str:
        """Why `resolve` returns None for the reference: "missing" or "ambiguous" (ValueError when it resolves)."""
        path, reason = self._lookup(ref)
        if path is not None:
            raise ValueError(f"{ref!r} resolves to {path}")
        return reason

    def _lookup(self, ref: str) -> tuple[Path | None, str]:
        found = self._results.get(ref)
        if found is None:
            found = self._results[ref] = self._find(ref)
        return found

    def _find(self, ref: str) -> tuple[Path | None, str]:
        kind, _, text = _kind(ref)
        if kind == "local":
            direct = self._inside(text.replace("\\", "/"))
            if direct is not None and direct.is_file():
                return direct, ""
        name = _last_segment(text)
        if name is None:
            return None, "missing"
        if kind == "local":
            wanted = [p for p in re.split(r"[/\\]", text) if p and p != "."]
        else:
            wanted = [unquote(p) for p in _url_path(text).split("/") if p]
        names, folded = self._index()
        candidates = names.get(name) or folded.get(name.casefold(), [])
        if not candidates:
            return None, "missing"
        if len(candidates) == 1:
            return candidates[0], ""
        best = self._by_folders(candidates, wanted)
        return (best, "") if best is not None else (None, "ambiguous")

    def _inside(self, relative: str) -> Path | None:
        candidate = Path(os.path.normpath(os.path.join(self.root, relative)))
        return candidate if candidate.is_relative_to(self.root) else None

    def _by_folders(self, candidates: list[Path], wanted: list[str]) -> Path | None:
        """The one candidate sharing the most trailing folders with the reference (at least one), or None."""
        wanted_folded = [p.casefold() for p in reversed(wanted)]

        def shared(path: Path) -> int:
            parts = [p.casefold() for p in reversed(path.relative_to(self.root).parts)]
            count = 0
            for mine, theirs in zip(parts, wanted_folded, strict=False):
                if mine != theirs:
                    break
                count += 1
            return count

        scored = sorted(((shared(p), p) for p in candidates), key=lambda s: -s[0])
        if scored[0][0] >= 2 and scored[0][0] > scored[1][0]:
            return scored[0][1]
        return None

    def _index(self) -> tuple[dict[str, list[Path]], dict[str, list[Path]]]:
        if self._names is None or self._folded is None:
            names: dict[str, list[Path]] = {}
            folded: dict[str, list[Path]] = {}
            for path in sorted(self._walk()):
                names.setdefault(path.name, []).append(path)
                folded.setdefault(path.name.casefold(), []).append(path)
            self._names, self._folded = names, folded
        return self._names, self._folded

    def _walk(self) -> Iterator[Path]:
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = [d for d in subfolders if not d.startswith(".") and d != "__MACOSX"]
            for name in files:
                if not name.startswith("."):
                    yield Path(folder, name)


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """What a picture file holds: its size from the header, its format and how white its outer frame is."""

    width: int
    height: int
    format: str  # Pillow's format name: JPEG, PNG, WEBP ...
    # Share 0..1 of the pixels of the outer frame (a band of 2% of each side, at least 1 px) whose every
    # RGB channel is >= 245 and that are opaque (alpha >= 245): a transparent background is not white.
    white_border: float
    error: str | None = None  # set, with the numbers 0 and format "", when the file cannot be read as an image


NEAR_WHITE = 245
BORDER_SHARE_PERCENT = 2
# JPEGs are decoded at a reduced scale (1/2 .. 1/8) while both sides stay at least this large.
_DRAFT_SIDE = 256
_SIXTEEN_BIT_GREY = frozenset({"I;16", "I;16L", "I;16B", "I;16N", "I"})
# Modes Pillow converts to RGBA directly and correctly (CMYK is inverted to RGB, a palette keeps its transparency).
_RGBA_READY = frozenset({"1", "L", "LA", "P", "PA", "RGB", "RGBA", "RGBa", "RGBX", "CMYK"})


def inspect_image(path: Path) -> ImageFacts:
    """Size, format and white border of an image file; never raises, a file that is not a readable image
    (missing, not an image, truncated, a format Pillow cannot read such as HEIC or SVG, or more pixels
    than Pillow's decompression-bomb limit) gives an `ImageFacts` with `error` set.

    Results are cached per (path, modification time, size). Width and height are those stored in the
    file, before any EXIF rotation.
    """
    try:
        stat = os.stat(path)
    except OSError as exc:
        return _failed(f"cannot read the file: {exc.strerror or exc}")
    return _inspect(Path(path), stat.st_mtime_ns, stat.st_size)


def _failed(error: str) -> ImageFacts:
    return ImageFacts(width=0, height=0, format="", white_border=0.0, error=error)


@lru_cache(maxsize=4096)
def _inspect(path: Path, mtime_ns: int, size: int) -> ImageFacts:
    del mtime_ns, size  # part of the cache key only
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                image_format = image.format or ""
                if image_format == "JPEG":
                    image.draft(None, (min(width, _DRAFT_SIDE), min(height, _DRAFT_SIDE)))
                image.load()
                white = _white_border(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return _failed(f"too many pixels to decode safely: {exc}")
    except UnidentifiedImageError:
        return _failed("not an image, or an image format that cannot be read")
    except Exception as exc:  # Pillow's decoders raise many exception types on corrupt data
        return _failed(f"unreadable image data: {exc}")
    return ImageFacts(width=width, height=height, format=image_format, white_border=white)


def _band(side: int) -> int:
    return max(1, -(-side * BORDER_SHARE_PERCENT // 100))


def _white_border(image: Image.Image) -> float:
    width, height = image.size
    if width == 0 or height == 0:
        return 0.0
    band_x, band_y = _band(width), _band(height)
    if 2 * band_x >= width or 2 * band_y >= height:
        boxes = [(0, 0, width, height)]  # a tiny image is all frame
    else:
        boxes = [
            (0, 0, width, band_y),
            (0, height - band_y, width, height),
            (0, band_y, band_x, height - band_y),
            (width - band_x, band_y, width, height - band_y),
        ]
    white = total = 0
    for box in boxes:
        lowest = _lowest_channel(_to_rgba(image.crop(box)))
        counts = lowest.histogram()
        white += sum(counts[NEAR_WHITE:])
        total += lowest.width * lowest.height
    return white / total


def _to_rgba(image: Image.Image) -> Image.Image:
    """RGBA with 8-bit channels. 16-bit grey ("I;16", and "I" read as 16-bit) is scaled down first:
    Pillow's own conversion clips it, which would make a mid-grey 16-bit picture white."""
    if image.mode in _SIXTEEN_BIT_GREY:
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    elif image.mode == "La":
        image = image.convert("LA")
    elif image.mode not in _RGBA_READY:
        image = image.convert("RGB")
    return image.convert("RGBA")


def _lowest_channel(image: Image.Image) -> Image.Image:
    red, green, blue, alpha = image.split()
    return ImageChops.darker(ImageChops.darker(red, green), ImageChops.darker(blue, alpha))
