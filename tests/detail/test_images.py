"""Image references (URL checks, extensions, duplicate keys, local files) and what a picture file holds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from PIL.JpegImagePlugin import JpegImageFile

from listingkit.detail.images import (
    IMAGE_EXTENSIONS,
    ImageFacts,
    LocalImages,
    duplicate_key,
    extension,
    inspect_image,
    is_local,
    reference_problem,
)

SHOPIFY = "https://cdn.shopify.com/s/files/1/0262/4071/2726/products/mug-front.JPG?v=1700000000"
AMAZON = "https://m.media-amazon.com/images/I/71abcDEF12L._AC_SL1500_.jpg"
MERCADO_LIBRE = "https://http2.mlstatic.com/D_NQ_NP_912345-MLA54321098765_032023-O.webp"
EBAY = "https://i.ebayimg.com/images/g/AbCdEfGhIjKlMnOp/s-l1600.jpg"
TAOBAO = "//img.alicdn.com/imgextra/i4/2200000000000/O1CN01abcdEF1xyz_!!2200000000000.jpg"


# --- reference_problem and is_local -------------------------------------------------------------


@pytest.mark.parametrize(
    "ref",
    [
        SHOPIFY,
        AMAZON,
        MERCADO_LIBRE,
        EBAY,
        "http://example.com:8080/a.jpg",
        "HTTPS://Example.COM/a.jpg",
        "  https://example.com/a.jpg \n",
        "https://example.com:/a.jpg",
        "https://[2001:db8::1]/a.jpg",
        "https://user@example.com/a.jpg",
        "https://例え.jp/商品/写真.jpg",
    ],
)
def test_good_urls_have_no_problem(ref: str) -> None:
    assert reference_problem(ref) is None
    assert not is_local(ref)


@pytest.mark.parametrize(
    "ref",
    [
        TAOBAO,
        "ftp://example.com/pub/a.jpg",
        "file:///C:/Users/seller/Pictures/a.jpg",
        "file:/home/seller/a.jpg",
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "DATA:image/jpeg;base64,/9j/4AAQ",
        "s3://bucket/products/a.jpg",
        "ftp://exa mple.com/a.jpg",  # the scheme is reported first
    ],
)
def test_other_schemes_and_protocol_relative_urls(ref: str) -> None:
    assert reference_problem(ref) == "scheme"
    assert not is_local(ref)


@pytest.mark.parametrize(
    "ref",
    [
        "https://exa mple.com/a.jpg",
        "https://example.com/red mug.jpg",
        "https://example.com/a.jpg\tx",
        "http://",
        "https:///a.jpg",
        "https://:443/a.jpg",
        "https://example.com:99999/a.jpg",
        "https://example.com:abc/a.jpg",
        "https://example.com:0/a.jpg",
        "https://[::1/a.jpg",
        "https://a..b/x.jpg",
        "https://exa<mple.com/x.jpg",
        "http:example.com/a.jpg",
        "https:/example.com/a.jpg",
        "htt ps://example.com/a.jpg",
        "://example.com/a.jpg",
        "",
        "   ",
    ],
)
def test_malformed_references(ref: str) -> None:
    assert reference_problem(ref) == "malformed"


@pytest.mark.parametrize(
    "ref",
    [
        "images/a.jpg",
        "a.jpg",
        "./a.jpg",
        "../shared/a.jpg",
        "/srv/images/a.jpg",
        "C:\\Photos\\mug\\a.jpg",
        "C:/Photos/a.jpg",
        "\\\\nas\\photos\\a.jpg",
        "red mug (front).jpg",
        "not a url",
        "sku-123:front.jpg",
    ],
)
def test_local_references_have_no_problem(ref: str) -> None:
    assert is_local(ref)
    assert reference_problem(ref) is None


def test_empty_reference_is_not_local() -> None:
    assert not is_local("")
    assert not is_local("  ")


# --- extension --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        (SHOPIFY, "jpg"),
        (AMAZON, "jpg"),
        (MERCADO_LIBRE, "webp"),
        (EBAY, "jpg"),
        (TAOBAO, "jpg"),
        ("https://x.com/img/12345", None),
        ("https://x.com/", None),
        ("https://x.com", None),
        ("https://x.com/page.php?id=3", "php"),
        ("https://x.com/a.png#zoom", "png"),
        ("https://x.com/a.jpg?format=webp", "jpg"),
        ("https://x.com/dir.v2/photo", None),
        ("https://x.com/a%2Ejpeg", "jpeg"),
        ("https://x.com/a.jpg;jsessionid=ABC", "jpg"),
        ("https://x.com/manual.PDF", "pdf"),
        ("https://x.com/video.mp4", "mp4"),
        ("https://x.com/a.jpg_", None),
        ("https://x.com/archive.tar.gz", None),
        ("images/Mug.HEIC", "heic"),
        ("C:\\Photos\\mug.JFIF", "jfif"),
        ("images/photo#1.png", "png"),
        ("images/.jpg", None),
        ("images/", None),
        ("not a url", None),
        ("data:image/png;base64,iVBORw0KGgo=", None),
        ("", None),
    ],
)
def test_extension(ref: str, expected: str | None) -> None:
    assert extension(ref) == expected


def test_image_extensions() -> None:
    assert {"jpg", "jpeg", "png", "webp", "heic", "avif", "svg", "jfif"} <= IMAGE_EXTENSIONS
    assert all(e == e.lower() and not e.startswith(".") for e in IMAGE_EXTENSIONS)
    assert "pdf" not in IMAGE_EXTENSIONS


# --- duplicate_key ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("http://example.com/a.jpg", "https://example.com/a.jpg"),
        (TAOBAO, "https:" + TAOBAO),
        ("https://CDN.Shopify.com/s/files/a.jpg?v=1", "https://cdn.shopify.com/s/files/a.jpg?v=2"),
        ("https://cdn.shopify.com/s/files/a.jpg?v=1", "https://cdn.shopify.com/s/files/a.jpg"),
        ("https://example.com:443/a.jpg", "https://example.com/a.jpg"),
        ("http://example.com:80/a.jpg", "http://example.com/a.jpg"),
        ("https://example.com/a.jpg  ", " https://example.com/a.jpg"),
        ("https://example.com/a.jpg#zoom", "https://example.com/a.jpg"),
        ("https://img.example.com/p.jpg?id=7&w=800&q=80", "https://img.example.com/p.jpg?id=7&W=1600"),
        ("https://img.example.com/p.jpg?a=1&b=2", "https://img.example.com/p.jpg?b=2&a=1"),
        ("https://imgix.example.net/p.jpg?auto=format&fit=crop&fm=webp&crop=faces", "https://imgix.example.net/p.jpg"),
        ("https://example.com/a%2fb.jpg", "https://example.com/a%2Fb.jpg"),
        ("https://user:secret@example.com/a.jpg", "https://example.com/a.jpg"),
        ("images/./a.jpg", "images/a.jpg"),
        ("images/sub/../a.jpg", "images/a.jpg"),
        ("images\\a.jpg", "images/a.jpg"),
        ("a.jpg ", "a.jpg"),
        ("DATA:image/png;base64,AAA", "data:image/png;base64,AAA"),
    ],
)
def test_same_picture_same_key(first: str, second: str) -> None:
    assert duplicate_key(first) == duplicate_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.com/a.jpg", "https://example.com/b.jpg"),
        ("https://example.com/A.jpg", "https://example.com/a.jpg"),
        ("https://example.com/a.jpg", "https://example.org/a.jpg"),
        ("https://example.com:8443/a.jpg", "https://example.com/a.jpg"),
        ("https://shop.example.com/image?id=1", "https://shop.example.com/image?id=2"),
        ("ftp://example.com/a.jpg", "https://example.com/a.jpg"),
        ("images/A.jpg", "images/a.jpg"),
        ("red/a.jpg", "blue/a.jpg"),
        ("data:image/png;base64,AAA", "data:image/png;base64,aaa"),
    ],
)
def test_different_pictures_different_keys(first: str, second: str) -> None:
    assert duplicate_key(first) != duplicate_key(second)


def test_duplicate_key_keeps_a_broken_url_whole() -> None:
    assert duplicate_key(" https://[::1/a.jpg ") == "https://[::1/a.jpg"
    assert duplicate_key("") == ""


# --- LocalImages ------------------------------------------------------------------------------


@pytest.fixture
def image_folder(tmp_path: Path) -> Path:
    root = tmp_path / "images"
    for relative in [
        "front.jpg",
        "mugs/red/side.jpg",
        "mugs/blue/side.jpg",
        "mugs/red/back.png",
        "mugs/Lid.JPG",
        "shop/products/cdn-shot.webp",
        "other/products/cdn-shot.webp",
        "other/detail/Zoom.png",
        "other/detail/zoom.PNG",
        ".thumbnails/front-small.jpg",
        "mugs/._back.png",
    ]:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    (tmp_path / "outside.jpg").write_bytes(b"x")
    return root


def test_resolves_a_path_relative_to_the_folder(image_folder: Path) -> None:
    images = LocalImages(image_folder)
    assert images.resolve("mugs/red/side.jpg") == image_folder / "mugs/red/side.jpg"
    assert images.resolve(" mugs\\blue\\side.jpg ") == image_folder / "mugs/blue/side.jpg"
    assert images.resolve("./front.jpg") == image_folder / "front.jpg"


def test_resolves_by_file_name_anywhere_below(image_folder: Path) -> None:
    images = LocalImages(image_folder)
    assert images.resolve("back.png") == image_folder / "mugs/red/back.png"
    assert images.resolve("C:\\Users\\seller\\Desktop\\photos\\back.png") == image_folder / "mugs/red/back.png"
    assert images.resolve("/home/seller/photos/front.jpg") == image_folder / "front.jpg"
    assert images.resolve("lid.jpg") == image_folder / "mugs/Lid.JPG"  # case ignored when nothing matches exactly


def test_an_absolute_path_inside_the_folder(image_folder: Path) -> None:
    assert (
        LocalImages(image_folder).resolve(str(image_folder / "mugs/red/back.png")) == image_folder / "mugs/red/back.png"
    )


def test_relative_folder_gives_absolute_paths(image_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(image_folder.parent)
    assert LocalImages(Path("images")).resolve("front.jpg") == image_folder / "front.jpg"


def test_resolves_urls_by_file_name(image_folder: Path) -> None:
    images = LocalImages(image_folder)
    assert images.resolve("https://cdn.example.com/s/files/1/front.jpg?v=3") == image_folder / "front.jpg"
    assert images.resolve("//img.alicdn.com/imgextra/back.png") == image_folder / "mugs/red/back.png"
    assert images.resolve("https://cdn.example.com/products/Lid%2EJPG") == image_folder / "mugs/Lid.JPG"
    # The URL's folders choose between two files of one name.
    assert (
        images.resolve("https://cdn.example.com/shop/products/cdn-shot.webp")
        == image_folder / "shop/products/cdn-shot.webp"
    )
    assert images.resolve("https://cdn.example.com/") is None
    assert images.why_unresolved("https://cdn.example.com/") == "missing"
    assert images.resolve("data:image/png;base64,AAA") is None


def test_ambiguous_names(image_folder: Path) -> None:
    images = LocalImages(image_folder)
    assert images.resolve("side.jpg") is None
    assert images.why_unresolved("side.jpg") == "ambiguous"
    assert images.resolve("https://cdn.example.com/x/side.jpg") is None
    assert images.why_unresolved("https://cdn.example.com/x/side.jpg") == "ambiguous"
    # Only "products/cdn-shot.webp" is shared by both candidates: still ambiguous.
    assert images.why_unresolved("https://cdn.example.com/products/cdn-shot.webp") == "ambiguous"
    # Two names equal but for case, neither exact.
    assert images.why_unresolved("ZOOM.png") == "ambiguous"
    assert images.resolve("zoom.PNG") == image_folder / "other/detail/zoom.PNG"
    # A folder the reference names picks one.
    assert images.resolve("C:\\shoot\\red\\side.jpg") == image_folder / "mugs/red/side.jpg"


def test_missing(image_folder: Path) -> None:
    images = LocalImages(image_folder)
    for ref in ["nothing.jpg", "mugs/red/nothing.jpg", "", "images/", "not a url"]:
        assert images.resolve(ref) is None
        assert images.why_unresolved(ref) == "missing"
    assert LocalImages(image_folder / "no-such-folder").why_unresolved("front.jpg") == "missing"


def test_hidden_files_and_folders_are_not_indexed(image_folder: Path) -> None:
    images = LocalImages(image_folder)
    assert images.resolve("front-small.jpg") is None
    assert images.resolve("._back.png") is None
    assert images.resolve("back.png") == image_folder / "mugs/red/back.png"


def test_never_outside_the_folder(image_folder: Path) -> None:
    images = LocalImages(image_folder)
    assert images.resolve("../outside.jpg") is None
    assert images.resolve(str(image_folder.parent / "outside.jpg")) is None


def test_a_folder_is_not_a_file(image_folder: Path) -> None:
    images = LocalImages(image_folder)
    assert images.resolve("mugs") is None
    assert images.resolve("mugs/red") is None


def test_why_unresolved_of_a_resolved_reference(image_folder: Path) -> None:
    with pytest.raises(ValueError, match=r"front\.jpg"):
        LocalImages(image_folder).why_unresolved("front.jpg")


def test_the_index_is_built_once_and_lazily(image_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real_walk = os.walk

    def counting_walk(top: str | os.PathLike[str]) -> object:
        calls.append(top)
        return real_walk(top)

    monkeypatch.setattr(os, "walk", counting_walk)
    images = LocalImages(image_folder)
    assert images.resolve("mugs/red/back.png") is not None
    assert calls == []  # a relative path needs no index
    assert images.resolve("back.png") is not None
    assert images.resolve("front.jpg") is not None
    assert images.resolve("side.jpg") is None
    assert len(calls) == 1


# --- inspect_image ----------------------------------------------------------------------------


def save(image: Image.Image, path: Path, **params: Any) -> Path:
    image.save(path, **params)
    return path


def test_white_background_jpeg(tmp_path: Path) -> None:
    image = Image.new("RGB", (1600, 1600), "white")
    ImageDraw.Draw(image).rectangle((400, 400, 1200, 1200), fill=(30, 30, 40))
    facts = inspect_image(save(image, tmp_path / "mug.jpg", quality=90))
    assert (facts.width, facts.height, facts.format, facts.error) == (1600, 1600, "JPEG", None)
    assert facts.white_border > 0.95


def test_jpeg_is_decoded_at_reduced_size_but_reports_its_real_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded: list[tuple[int, int]] = []
    real_load = JpegImageFile.load

    def recording_load(self: JpegImageFile) -> object:
        result = real_load(self)
        decoded.append(self.size)
        return result

    monkeypatch.setattr(JpegImageFile, "load", recording_load)
    facts = inspect_image(save(Image.new("RGB", (2400, 1200), "white"), tmp_path / "wide.jpg"))
    assert (facts.width, facts.height, facts.white_border) == (2400, 1200, 1.0)
    assert decoded and all(width <= 600 for width, _ in decoded)


def test_coloured_background_photo(tmp_path: Path) -> None:
    image = Image.new("RGB", (240, 160))
    image.putdata([(40 + x // 2, 90 + y // 3, 150 - x // 4) for y in range(160) for x in range(240)])
    ImageDraw.Draw(image).ellipse((60, 30, 180, 130), fill=(250, 250, 250))
    facts = inspect_image(save(image, tmp_path / "lifestyle.jpg"))
    assert facts.error is None
    assert facts.white_border < 0.2


def test_transparent_background_is_not_white(tmp_path: Path) -> None:
    image = Image.new("RGBA", (120, 120), (255, 255, 255, 0))
    ImageDraw.Draw(image).rectangle((30, 30, 90, 90), fill=(200, 0, 0, 255))
    facts = inspect_image(save(image, tmp_path / "cutout.png"))
    assert (facts.format, facts.error) == ("PNG", None)
    assert facts.white_border == 0.0


def test_palette_png_with_a_transparent_index(tmp_path: Path) -> None:
    image = Image.new("P", (80, 80), 0)
    image.putpalette([255, 255, 255, 0, 0, 0] + [0] * (254 * 3))
    path = save(image, tmp_path / "palette.png", transparency=0)
    assert inspect_image(path).white_border == 0.0
    opaque = save(image, tmp_path / "palette-opaque.png")
    assert inspect_image(opaque).white_border == 1.0


def test_band_of_two_percent_of_each_side(tmp_path: Path) -> None:
    image = Image.new("RGB", (100, 100), "white")
    ImageDraw.Draw(image).rectangle((0, 0, 1, 99), fill="black")  # the product touches the left edge
    facts = inspect_image(save(image, tmp_path / "edge.png"))
    frame = 100 * 100 - 96 * 96  # a 2 px band
    assert facts.white_border == pytest.approx((frame - 2 * 100) / frame)


def test_near_white_threshold(tmp_path: Path) -> None:
    assert inspect_image(save(Image.new("RGB", (50, 50), (245, 250, 255)), tmp_path / "a.png")).white_border == 1.0
    assert inspect_image(save(Image.new("RGB", (50, 50), (244, 255, 255)), tmp_path / "b.png")).white_border == 0.0


def test_sixteen_bit_grayscale_png(tmp_path: Path) -> None:
    white = Image.new("I;16", (64, 64), 65535)
    ImageDraw.Draw(white).rectangle((16, 16, 48, 48), fill=1000)
    facts = inspect_image(save(white, tmp_path / "white16.png"))
    assert (facts.width, facts.height, facts.format, facts.error) == (64, 64, "PNG", None)
    assert facts.white_border == 1.0
    # Mid-grey in 16 bits is not white (a plain conversion to 8 bits would clip it to 255).
    grey = inspect_image(save(Image.new("I;16", (64, 64), 30000), tmp_path / "grey16.png"))
    assert grey.white_border == 0.0


def test_grayscale_and_bilevel(tmp_path: Path) -> None:
    assert inspect_image(save(Image.new("L", (40, 40), 255), tmp_path / "l.png")).white_border == 1.0
    assert inspect_image(save(Image.new("1", (40, 40), 1), tmp_path / "bw.png")).white_border == 1.0
    assert inspect_image(save(Image.new("LA", (40, 40), (255, 0)), tmp_path / "la.png")).white_border == 0.0


def test_cmyk_jpeg(tmp_path: Path) -> None:
    image = Image.new("CMYK", (200, 160), (0, 0, 0, 0))  # no ink: white paper
    ImageDraw.Draw(image).rectangle((50, 40, 150, 120), fill=(0, 255, 255, 0))
    facts = inspect_image(save(image, tmp_path / "print.jpg"))
    assert (facts.width, facts.height, facts.format, facts.error) == (200, 160, "JPEG", None)
    assert facts.white_border > 0.95
    inked = inspect_image(save(Image.new("CMYK", (64, 64), (0, 0, 0, 255)), tmp_path / "black.jpg"))
    assert inked.white_border == 0.0


def test_other_formats(tmp_path: Path) -> None:
    image = Image.new("RGB", (60, 40), "white")
    for name, format_name in [("a.webp", "WEBP"), ("a.gif", "GIF"), ("a.bmp", "BMP"), ("a.tiff", "TIFF")]:
        facts = inspect_image(save(image, tmp_path / name))
        assert (facts.width, facts.height, facts.format, facts.error) == (60, 40, format_name, None)
        assert facts.white_border > 0.95


def test_tiny_image_is_all_frame(tmp_path: Path) -> None:
    facts = inspect_image(save(Image.new("RGB", (1, 1), "white"), tmp_path / "dot.png"))
    assert (facts.width, facts.height, facts.white_border) == (1, 1, 1.0)


def assert_failed(facts: ImageFacts) -> None:
    assert facts.error
    assert (facts.width, facts.height, facts.format, facts.white_border) == (0, 0, "", 0.0)


def test_truncated_jpeg(tmp_path: Path) -> None:
    image = Image.new("RGB", (300, 300))
    image.putdata([(x % 256, y % 256, (x * y) % 256) for y in range(300) for x in range(300)])
    path = save(image, tmp_path / "cut.jpg")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert_failed(inspect_image(path))


def test_truncated_png(tmp_path: Path) -> None:
    path = save(Image.new("RGB", (200, 200), "white"), tmp_path / "cut.png")
    path.write_bytes(path.read_bytes()[:60])
    assert_failed(inspect_image(path))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not an image at all",
        b"<html><body>404 Not Found</body></html>",
        b"\xff\xd8\xff\xe0garbage",
        bytes(range(256)) * 4,
    ],
)
def test_garbage_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.jpg"
    path.write_bytes(content)
    assert_failed(inspect_image(path))


def test_svg_is_not_readable(tmp_path: Path) -> None:
    path = tmp_path / "logo.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', encoding="utf-8")
    assert_failed(inspect_image(path))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert_failed(inspect_image(tmp_path / "nothing.jpg"))
    assert_failed(inspect_image(tmp_path))


def test_decompression_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    warned = inspect_image(save(Image.new("RGB", (40, 40), "white"), tmp_path / "over-limit.png"))  # a warning
    refused = inspect_image(save(Image.new("RGB", (100, 100), "white"), tmp_path / "bomb.png"))  # an error
    for facts in (warned, refused):
        assert_failed(facts)
        assert "pixels" in (facts.error or "")


def test_results_are_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = save(Image.new("RGB", (50, 50), "white"), tmp_path / "a.png")
    first = inspect_image(path)
    assert inspect_image(path) is first
    save(Image.new("RGB", (70, 30), "navy"), path)
    second = inspect_image(path)
    assert (second.width, second.height, second.white_border) == (70, 30, 0.0)
