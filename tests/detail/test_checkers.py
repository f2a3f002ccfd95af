"""The detail-page rules (pack 'detail') on hand-written listings: when each fires, and when it must not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from listingkit.catalog import CatalogReader, FileSummary, ReadOptions
from listingkit.marketplaces import shipped_marketplaces
from listingkit.models import Finding, Listing, Severity
from listingkit.rules.loader import load_rules
from listingkit.rules.ruleset import RuleSet
from tests.conftest import AS_OF

RULES = load_rules()
RULESET = RuleSet(RULES, AS_OF)

PHONE_CASE = "Clear Phone Case for iPhone 15, Shockproof TPU Cover"
PHONE_CASE_BULLETS = [
    "Drop protection: raised edges guard the screen and camera",
    "Clear TPU stays free of yellowing for months",
    "Precise cut-outs for every port and button",
    "Slim 1.2 mm profile slips into any pocket",
    "Works with MagSafe chargers and car mounts",
]
PHONE_CASE_BULLETS_ZH = [
    "四角气囊防摔设计，镜头全包保护不刮花",
    "高透TPU材质，长期使用不发黄",
    "精准开孔，按键灵敏，充电口全开放",
    "机身仅厚1.2毫米，轻薄贴合手感好",
    "支持MagSafe磁吸无线充电",
]


def make_listing(marketplace: str = "amazon-us", **fields: Any) -> Listing:
    return Listing(file="t.csv", row=1, line=2, end_line=2, sku="A1", marketplace=marketplace, **fields)


def check(listing: Listing, language: str = "en") -> list[Finding]:
    tagging = RULESET.tag(listing, language)
    return RULESET.check(listing, language, tagging)


def found(code: str, marketplace: str = "amazon-us", language: str = "en", **fields: Any) -> list[Finding]:
    """The findings of one rule code on a listing built from the fields."""
    return [f for f in check(make_listing(marketplace, **fields), language) if f.code == code]


def fires(code: str, marketplace: str = "amazon-us", language: str = "en", **fields: Any) -> bool:
    return bool(found(code, marketplace, language, **fields))


def urls(count: int, stem: str = "mug") -> list[str]:
    return [f"https://img.example.com/products/{stem}-{i}.jpg" for i in range(1, count + 1)]


def declared_severity(code: str, marketplace: str) -> Severity:
    """The severity the pack gives a rule on a marketplace (rules_for picks the variant that applies)."""
    [loaded] = [r for r in RULESET.rules_for(marketplace) if r.rule.code == code]
    return loaded.rule.severity


# ================================================================ images (D1xx)


@pytest.mark.parametrize("marketplace", ["amazon-us", "ebay-us", "etsy", "google-shopping", "tmall"])
def test_d101_fires_without_an_image_and_not_with_one(marketplace: str) -> None:
    assert fires("LK-D101", marketplace, title="Ceramic Coffee Mug 12 oz", images=[])
    assert fires("LK-D101", marketplace, title="Ceramic Coffee Mug 12 oz", images=["", "  "])
    assert not fires("LK-D101", marketplace, title="Ceramic Coffee Mug 12 oz", images=urls(1))


@pytest.mark.parametrize(
    ("marketplace", "recommended"),
    [("amazon-us", 6), ("amazon-de", 6), ("aliexpress", 6), ("walmart", 4), ("tiktok-shop", 5)],
)
def test_d102_fires_below_each_marketplaces_recommended_count(marketplace: str, recommended: int) -> None:
    [finding] = found("LK-D102", marketplace, title="Ceramic Coffee Mug 12 oz", images=urls(recommended - 1))
    assert f"has {recommended - 1} images" in finding.message
    assert str(recommended) in finding.message
    assert not fires("LK-D102", marketplace, title="Ceramic Coffee Mug 12 oz", images=urls(recommended))


@pytest.mark.parametrize("marketplace", ["ebay-us", "etsy", "google-shopping", "shopify"])
def test_d102_does_not_apply_where_one_image_is_enough(marketplace: str) -> None:
    assert not fires("LK-D102", marketplace, title="Ceramic Coffee Mug 12 oz", images=urls(1))


@pytest.mark.parametrize(
    ("marketplace", "most"),
    [("etsy", 10), ("google-shopping", 11), ("amazon-us", 9), ("tiktok-shop", 9), ("ebay-us", 24)],
)
def test_d103_fires_past_the_marketplaces_limit(marketplace: str, most: int) -> None:
    [finding] = found("LK-D103", marketplace, title="Ceramic Coffee Mug 12 oz", images=urls(most + 1))
    assert finding.index == most  # points at the first image past the limit
    assert not fires("LK-D103", marketplace, title="Ceramic Coffee Mug 12 oz", images=urls(most))


@pytest.mark.parametrize(
    ("reference", "invalid"),
    [
        ("//img.alicdn.com/imgextra/i1/2200000000000/O1CN01abcdEF1xyz_!!2200000000000.jpg", True),
        ("ftp://files.example.com/products/mug.jpg", True),
        ("file:///C:/Users/seller/Pictures/mug.jpg", True),
        ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ", True),
        ("https://img.example.com/products/red mug.jpg", True),
        ("https://cdn.shopify.com/s/files/1/0262/4071/2726/products/mug-front.jpg?v=1700000000", False),
        ("https://m.media-amazon.com/images/I/71abcDEF12L._AC_SL1500_.jpg", False),
        ("mug-front.jpg", False),
        ("images/mug front.jpg", False),  # a file name for --images-dir, spaces allowed
    ],
)
def test_d104_image_reference_problems(reference: str, invalid: bool) -> None:
    got = found("LK-D104", "ebay-us", title="Ceramic Coffee Mug 12 oz", images=[reference])
    assert bool(got) is invalid
    if invalid:
        assert got[0].match == reference and got[0].index == 0


@pytest.mark.parametrize(
    ("marketplace", "reference", "unsupported"),
    [
        ("amazon-us", "https://img.example.com/products/mug.webp", True),
        ("amazon-us", "https://img.example.com/products/mug.jpg", False),
        ("amazon-us", "https://img.example.com/products/mug.JPEG", False),
        ("amazon-us", "https://img.example.com/products/mug.tif", False),
        ("amazon-us", "https://img.example.com/products/mug.gif", False),
        ("walmart", "https://img.example.com/products/mug.gif", True),
        ("walmart", "https://img.example.com/products/mug.webp", True),
        ("walmart", "https://img.example.com/products/mug.png", False),
        ("walmart", "https://img.example.com/products/mug.bmp", False),
        ("ebay-us", "https://shop.example.com/product.php?id=3", True),
        ("ebay-us", "https://shop.example.com/catalog/mug.pdf", True),
        ("etsy", "https://shop.example.com/videos/mug.mp4", True),
        ("ebay-us", "https://img.example.com/products/mug.webp", False),
        ("etsy", "https://img.example.com/products/mug.heic", False),
        ("ebay-us", "https://img.example.com/products/12345", False),  # no extension: nothing to judge
        ("amazon-us", "https://img.example.com/products/mug.jpg?format=webp", False),  # the path decides
    ],
)
def test_d105_image_formats(marketplace: str, reference: str, unsupported: bool) -> None:
    assert fires("LK-D105", marketplace, title="Ceramic Coffee Mug 12 oz", images=[reference]) is unsupported


def test_d106_the_same_file_over_http_and_https_is_reported_once() -> None:
    images = ["https://img.example.com/products/mug.jpg?v=1", "http://img.example.com/products/mug.jpg?v=2"]
    [finding] = found("LK-D106", "ebay-us", title="Ceramic Coffee Mug 12 oz", images=images)
    assert finding.index == 1
    assert "Image 2 is the same file as image 1" in finding.message


def test_d106_resized_copies_of_a_shopify_image_are_repeats_of_the_first() -> None:
    base = "https://cdn.shopify.com/s/files/1/0262/4071/2726/products/mug-front.jpg"
    images = [f"{base}?v=1700000000", f"{base}?width=800", base]
    assert [f.index for f in found("LK-D106", "shopify", title="Ceramic Coffee Mug", images=images)] == [1, 2]


@pytest.mark.parametrize(
    "images",
    [
        ["https://img.example.com/products/mug-front.jpg", "https://img.example.com/products/mug-side.jpg"],
        ["https://img.example.com/products/mug.jpg?color=red", "https://img.example.com/products/mug.jpg?color=blue"],
        ["mug-front.jpg", "mug-back.jpg"],
    ],
)
def test_d106_different_pictures_are_not_repeats(images: list[str]) -> None:
    assert not fires("LK-D106", "ebay-us", title="Ceramic Coffee Mug 12 oz", images=images)


# ---------------------------------------------------------------- files in --images-dir (D107-D110)


def product_shot(path: Path, size: tuple[int, int], background: Any = "white") -> None:
    """A product photo: a dark mug-like shape in the middle of the background."""
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((width // 4, height // 4, 3 * width // 4, 3 * height // 4), fill=(35, 35, 40))
    draw.ellipse((3 * width // 4 - 10, height // 3, 7 * width // 8, 2 * height // 3), outline=(35, 35, 40), width=12)
    image.save(path)


def lifestyle_shot(path: Path, size: tuple[int, int]) -> None:
    """A photo-like picture: the product on a wooden table against a blue-grey wall."""
    width, height = size
    image = Image.new("RGB", size, (92, 120, 150))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 2 * height // 3, width, height), fill=(150, 105, 70))
    draw.rectangle((width // 3, height // 3, 2 * width // 3, 3 * height // 4), fill=(240, 240, 235))
    image.save(path)


@pytest.fixture
def images_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "images"
    folder.mkdir()
    product_shot(folder / "mug-1600.jpg", (1600, 1600))
    product_shot(folder / "mug-2200.jpg", (2200, 2200))
    product_shot(folder / "mug-800.jpg", (800, 800))
    product_shot(folder / "mug-1600x1200.jpg", (1600, 1200))
    product_shot(folder / "mug-2200x1650.jpg", (2200, 1650))
    product_shot(folder / "mug-1200x1600.jpg", (1200, 1600))
    product_shot(folder / "mug-1600x900.jpg", (1600, 900))
    product_shot(folder / "mug-80.jpg", (80, 80))
    lifestyle_shot(folder / "mug-kitchen.jpg", (1600, 1600))
    transparent = Image.new("RGBA", (1600, 1600), (0, 0, 0, 0))
    transparent.paste((35, 35, 40, 255), (400, 400, 1200, 1200))
    transparent.save(folder / "mug-cutout.png")
    (folder / "mug-broken.jpg").write_bytes(b"<html>404 Not Found</html>")
    RULESET.detail.set_images_dir(folder)
    try:
        yield folder
    finally:
        RULESET.detail.set_images_dir(None)


LOCAL_CODES = ("LK-D107", "LK-D108", "LK-D109", "LK-D110")


def local_codes(marketplace: str, images: list[str]) -> list[str]:
    listing = make_listing(marketplace, title="Ceramic Coffee Mug 12 oz", images=images)
    return sorted(f.code for f in check(listing) if f.code in LOCAL_CODES)


@pytest.mark.usefixtures("images_dir")
@pytest.mark.parametrize(
    ("marketplace", "main", "expected"),
    [
        ("amazon-us", "mug-800.jpg", ["LK-D107"]),  # under 1000 px: no zoom
        ("amazon-us", "mug-1600.jpg", []),
        ("amazon-us", "mug-1600x1200.jpg", []),  # Amazon does not ask for a square
        ("walmart", "mug-1600.jpg", []),
        ("walmart", "mug-2200.jpg", []),
        ("walmart", "mug-1600x1200.jpg", ["LK-D107", "LK-D109"]),  # 1200 px short side, 4:3
        ("walmart", "mug-2200x1650.jpg", ["LK-D109"]),  # large enough, but not square
        ("tiktok-shop", "mug-1600x900.jpg", ["LK-D109"]),  # 16:9 is outside 3:4 .. 4:3
        ("tiktok-shop", "mug-1200x1600.jpg", []),  # 3:4 is accepted
        ("google-shopping", "mug-80.jpg", ["LK-D107"]),  # under 100 x 100
        ("google-shopping", "mug-800.jpg", []),
        ("ebay-us", "mug-800.jpg", []),
        ("etsy", "mug-1600x900.jpg", []),
    ],
)
def test_d107_d109_main_image_size_and_ratio(marketplace: str, main: str, expected: list[str]) -> None:
    assert local_codes(marketplace, [main]) == expected


@pytest.mark.usefixtures("images_dir")
@pytest.mark.parametrize("marketplace", ["walmart", "amazon-us", "tiktok-shop"])
def test_d108_coloured_background_fires_and_white_does_not(marketplace: str) -> None:
    assert "LK-D108" in local_codes(marketplace, ["mug-kitchen.jpg"])
    assert "LK-D108" in local_codes(marketplace, ["mug-cutout.png"])  # transparent is not white
    assert "LK-D108" not in local_codes(marketplace, ["mug-2200.jpg"])


@pytest.mark.usefixtures("images_dir")
def test_d108_severity_follows_the_marketplace() -> None:
    [walmart] = found("LK-D108", "walmart", title="Ceramic Coffee Mug 12 oz", images=["mug-kitchen.jpg"])
    [amazon] = found("LK-D108", "amazon-us", title="Ceramic Coffee Mug 12 oz", images=["mug-kitchen.jpg"])
    assert walmart.severity == Severity.ERROR
    assert amazon.severity == Severity.WARNING
    assert not fires("LK-D108", "ebay-us", title="Ceramic Coffee Mug 12 oz", images=["mug-kitchen.jpg"])


@pytest.mark.usefixtures("images_dir")
def test_only_the_main_image_is_measured() -> None:
    images = ["mug-2200.jpg", "mug-kitchen.jpg", "mug-800.jpg", "mug-1600x900.jpg"]
    assert local_codes("walmart", images) == []
    assert local_codes("amazon-us", images) == []


@pytest.mark.usefixtures("images_dir")
def test_d110_a_missing_or_unreadable_file_name_fires() -> None:
    [missing] = found("LK-D110", "ebay-us", title="Ceramic Coffee Mug 12 oz", images=["mug-1600.jpg", "mug-lid.jpg"])
    assert missing.index == 1 and "no such file" in missing.message
    [broken] = found("LK-D110", "ebay-us", title="Ceramic Coffee Mug 12 oz", images=["mug-broken.jpg"])
    assert "cannot be opened as an image" in broken.message


@pytest.mark.usefixtures("images_dir")
def test_d110_a_url_missing_from_the_folder_is_not_a_problem() -> None:
    images = ["https://img.example.com/products/mug-lid.jpg", "https://cdn.example.com/p/mug-1600.jpg"]
    assert local_codes("ebay-us", images) == []


@pytest.mark.usefixtures("images_dir")
def test_a_url_whose_file_is_in_the_folder_is_measured() -> None:
    assert local_codes("amazon-us", ["https://cdn.example.com/p/mug-800.jpg?v=3"]) == ["LK-D107"]


def test_without_an_images_dir_no_file_is_judged(tmp_path: Path) -> None:
    product_shot(tmp_path / "mug-800.jpg", (800, 600), background=(92, 120, 150))
    assert RULESET.detail.images is None
    for marketplace in ("amazon-us", "walmart", "ebay-us"):
        assert local_codes(marketplace, ["mug-800.jpg", "mug-lid.jpg"]) == []


# ================================================================ bullet points (D3xx)


@pytest.mark.parametrize(
    ("marketplace", "too_few", "enough"),
    [
        ("amazon-us", PHONE_CASE_BULLETS[:3], PHONE_CASE_BULLETS),
        ("amazon-uk", PHONE_CASE_BULLETS_ZH[:4], PHONE_CASE_BULLETS_ZH),
        ("walmart", PHONE_CASE_BULLETS[:2], PHONE_CASE_BULLETS[:3]),
        ("google-shopping", PHONE_CASE_BULLETS[:1], PHONE_CASE_BULLETS[:2]),
    ],
)
def test_d301_bullet_count(marketplace: str, too_few: list[str], enough: list[str]) -> None:
    assert fires("LK-D301", marketplace, title=PHONE_CASE, bullets=too_few)
    assert not fires("LK-D301", marketplace, title=PHONE_CASE, bullets=enough)


def test_d301_empty_bullet_cells_do_not_count() -> None:
    [finding] = found("LK-D301", "amazon-us", title=PHONE_CASE, bullets=["", " ", "", "", ""])
    assert "has 0 bullet points" in finding.message


def test_d301_does_not_apply_on_ebay() -> None:
    assert not fires("LK-D301", "ebay-us", title=PHONE_CASE, bullets=PHONE_CASE_BULLETS[:1])


def long_bullet(length: int) -> str:
    text = (
        "Drop protection: raised edges guard the screen and the camera from falls of up to two metres, "
        "while air-cushion corners absorb the shock, textured sides keep the phone from slipping out of "
        "your hand, and the crystal-clear back shows off the original colour of your iPhone without "
        "turning yellow over months of daily use in a bag or pocket."
    )
    assert len(text) >= length
    return text[:length]


@pytest.mark.parametrize(
    ("marketplace", "length", "too_long"),
    [
        ("amazon-us", 300, True),
        ("amazon-us", 256, True),
        ("amazon-us", 255, False),
        ("amazon-us", 200, False),
        ("google-shopping", 151, True),
        ("google-shopping", 150, False),
        ("ebay-us", 300, False),
    ],
)
def test_d302_bullet_length(marketplace: str, length: int, too_long: bool) -> None:
    bullet = long_bullet(length)
    assert len(bullet) == length
    bullets = [bullet, *PHONE_CASE_BULLETS[1:]]
    got = found("LK-D302", marketplace, title=PHONE_CASE, bullets=bullets)
    assert bool(got) is too_long
    if too_long:
        assert got[0].index == 0


def test_d302_chinese_bullets_count_characters() -> None:
    bullet = "四角气囊防摔设计，镜头全包保护不刮花，" * 6  # 114 characters: long for a reader, within the limit
    assert not fires("LK-D302", "amazon-us", "zh", title="透明手机壳", bullets=[bullet, *PHONE_CASE_BULLETS_ZH[1:]])


@pytest.mark.parametrize(
    ("bullet", "language", "placeholder"),
    [
        ("N/A", "en", True),
        ("n/a", "en", True),
        ("NA", "en", True),
        ("TBD", "en", True),
        ("tbd.", "en", True),
        ("Not applicable", "en", True),
        ("COPY PENDING", "en", True),
        ("Coming soon", "en", True),
        ("Lorem ipsum dolor sit amet", "en", True),
        ("-", "en", True),
        ("...", "en", True),
        ("暂无", "zh", True),
        ("待定", "zh", True),
        ("待补充", "zh", True),
        ("无", "zh", True),
        ("Not applicable to iPhone 14: fits iPhone 15 only", "en", False),
        ("NA plug: fits North American outlets", "en", False),
        ("Testing shows two-metre drop protection", "en", False),
        ("XL grip for large hands", "en", False),
        ("无线充电", "zh", False),
        ("暂无异味，环保TPU材质", "zh", False),
        ("待机时间长达30天", "zh", False),
    ],
)
def test_d303_placeholder_bullets(bullet: str, language: str, placeholder: bool) -> None:
    base = PHONE_CASE_BULLETS_ZH if language == "zh" else PHONE_CASE_BULLETS
    got = found("LK-D303", "amazon-us", language, title=PHONE_CASE, bullets=[*base[:4], bullet])
    assert bool(got) is placeholder
    if placeholder:
        assert got[0].index == 4 and got[0].match == bullet


@pytest.mark.parametrize(
    ("language", "title", "bullet", "repeats"),
    [
        ("en", PHONE_CASE, "Shockproof clear TPU cover, phone case for iPhone 15", True),
        ("en", PHONE_CASE, "Clear phone case for iPhone 15 - shockproof TPU cover!", True),
        ("en", PHONE_CASE, "Drop protection: raised edges guard the screen and camera", False),
        ("en", PHONE_CASE, "Shockproof", False),  # short: may well repeat a title word
        ("en", "Waterproof Phone Pouch", "Waterproof", False),
        ("zh", "透明手机壳适用iPhone15防摔TPU保护套", "透明手机壳适用iPhone15防摔TPU保护套", True),
        ("zh", "透明手机壳适用iPhone15防摔TPU保护套", "防摔TPU保护套，透明手机壳适用iPhone15", True),
        ("zh", "透明手机壳适用iPhone15防摔TPU保护套", "四角气囊防摔设计，镜头全包保护不刮花", False),
        ("zh", "纯棉女士短袖T恤 夏季宽松上衣", "夏季宽松上衣 纯棉女士短袖T恤", True),
        ("zh", "纯棉女士短袖T恤夏季宽松上衣", "精选新疆长绒棉，柔软透气不起球", False),
    ],
)
def test_d304_bullet_repeating_the_title(language: str, title: str, bullet: str, repeats: bool) -> None:
    got = found("LK-D304", "ebay-us", language, title=title, bullets=[bullet])
    assert bool(got) is repeats
    if repeats:
        assert got[0].index == 0 and "repeats the title" in got[0].message


@pytest.mark.xfail(
    reason="LK-D304 compares with rapidfuzz token_sort_ratio, which splits tokens on whitespace only: a Chinese "
    "bullet that is the title with its two halves swapped (no spaces) scores below 90",
    strict=True,
)
def test_d304_chinese_title_with_its_halves_swapped() -> None:
    title = "透明手机壳适用iPhone15防摔TPU保护套"
    assert fires("LK-D304", "ebay-us", "zh", title=title, bullets=["适用iPhone15透明手机壳，防摔TPU保护套"])


@pytest.mark.xfail(
    reason="LK-D304/LK-D305 skip items under min_length 15 characters, a limit meant for short English bullets "
    "('Waterproof'); a 14-character Chinese bullet copied verbatim from the title is a full phrase but is never compared",
    strict=True,
)
def test_d304_a_short_chinese_title_copied_verbatim() -> None:
    title = "纯棉女士短袖T恤夏季宽松上衣"
    assert len(title) == 14
    assert fires("LK-D304", "ebay-us", "zh", title=title, bullets=[title])


@pytest.mark.parametrize(
    ("language", "bullets", "repeated"),
    [
        ("en", ["Top rack dishwasher safe", "Dishwasher safe (top rack)"], [1]),
        ("en", ["Dishwasher safe on the top rack", "Microwave safe without the lid"], []),
        ("en", ["Holds 1.5 L of soup or salad", "BPA-free lid seals tight", "Holds 1.5 L of salad or soup"], [2]),
        ("en", ["Waterproof", "Waterproof", "Waterproof"], []),  # short items never count as repeats
        ("en", PHONE_CASE_BULLETS, []),
        ("zh", ["四角气囊防摔设计，镜头全包保护不刮花", "镜头全包保护不刮花，四角气囊防摔设计"], [1]),
        ("zh", ["四角气囊防摔设计，镜头全包保护不刮花", "四角气囊防摔设计，镜头全包保护不刮花"], [1]),
        ("zh", PHONE_CASE_BULLETS_ZH, []),
        ("zh", ["防水防尘", "防水防尘"], []),
    ],
)
def test_d305_repeated_bullets(language: str, bullets: list[str], repeated: list[int]) -> None:
    got = found("LK-D305", "ebay-us", language, title="Lunch Box", bullets=bullets)
    assert [f.index for f in got] == repeated


# ================================================================ description (D4xx)


@pytest.mark.parametrize(
    ("marketplace", "severity"),
    [("ebay-us", Severity.WARNING), ("amazon-us", Severity.WARNING), ("google-shopping", Severity.ERROR)],
)
def test_d401_description_missing(marketplace: str, severity: Severity) -> None:
    for empty in ("", "   \n"):
        [finding] = found("LK-D401", marketplace, title="Scented Soy Candle", description=empty)
        assert finding.severity == severity
    assert not fires("LK-D401", marketplace, title="Scented Soy Candle", description="Soy wax candle, 40 h burn.")
    assert not fires("LK-D401", marketplace, "zh", title="香薰蜡烛", description="天然大豆蜡香薰蜡烛。")


CANDLE_10_WORDS = "Soy wax candle with a cotton wick and lavender scent."
CANDLE_40_WORDS = (
    "This soy wax candle has a cotton wick and a calm lavender scent. It burns cleanly for about forty hours "
    "in a reusable amber glass jar. In the box: one candle with its lid. Never leave a burning candle alone."
)
CANDLE_ZH_SHORT = "手工大豆蜡香薰蜡烛，薰衣草香。"
CANDLE_ZH_LONG = (
    "手工大豆蜡香薰蜡烛，采用天然大豆蜡与纯棉烛芯，燃烧干净无黑烟，薰衣草香味清新淡雅，可持续燃烧约四十小时。"
    "包装清单：蜡烛一个，玻璃罐一个，盖子一个。注意：点燃时请远离儿童和宠物，勿在无人看管时燃烧。"
)


@pytest.mark.parametrize(
    ("language", "description", "short"),
    [
        ("en", CANDLE_10_WORDS, True),
        ("en", CANDLE_40_WORDS, False),
        (
            "en",
            "<div><p><strong>Soy wax</strong> candle</p><ul><li>cotton wick</li><li>lavender scent</li></ul></div>",
            True,
        ),
        ("zh", CANDLE_ZH_SHORT, True),
        ("zh", CANDLE_ZH_LONG, False),
    ],
)
def test_d402_tiktok_shop_description_words(language: str, description: str, short: bool) -> None:
    got = found("LK-D402", "tiktok-shop", language, title="Scented Soy Candle", description=description)
    assert bool(got) is short


def test_d402_counts_the_words_a_shopper_reads() -> None:
    [finding] = found("LK-D402", "tiktok-shop", title="Scented Soy Candle", description=CANDLE_10_WORDS)
    assert "has 10 words" in finding.message
    tagged = "<p>" + CANDLE_40_WORDS.replace(". ", ".</p><p>") + "</p>"
    assert not fires("LK-D402", "tiktok-shop", title="Scented Soy Candle", description=tagged)


def test_d402_walmart_is_an_information() -> None:
    [finding] = found("LK-D402", "walmart", title="Scented Soy Candle", description=CANDLE_40_WORDS)
    assert finding.severity == Severity.INFO
    assert not fires("LK-D402", "ebay-us", title="Scented Soy Candle", description=CANDLE_10_WORDS)


def description_of(length: int) -> str:
    sentence = "Borosilicate glass storage jar, 1.5 L, with an airtight bamboo lid. "
    return (sentence * (length // len(sentence) + 1))[:length]


@pytest.mark.parametrize(
    ("marketplace", "length", "too_long"),
    [
        ("google-shopping", 5001, True),
        ("google-shopping", 5000, False),
        ("walmart", 4001, True),
        ("walmart", 4000, False),
        ("ebay-us", 9000, False),
    ],
)
def test_d403_description_length(marketplace: str, length: int, too_long: bool) -> None:
    description = description_of(length)
    assert fires("LK-D403", marketplace, title="Glass Storage Jar", description=description) is too_long


@pytest.mark.parametrize(
    ("marketplace", "description", "not_allowed"),
    [
        ("amazon-us", "<p>Slim clear case.</p><b>Raised edges</b> protect the camera.", True),
        ("amazon-us", "Funda transparente <b>resistente</b> para iPhone 15.", True),
        ("amazon-us", "Slim clear case.<br>Raised edges protect the camera.", False),
        ("amazon-us", "Slim clear case.<br/>Raised edges.<BR />Fits iPhone 15.", False),
        ("amazon-us", "Holds 2 < 3 cups of coffee and keeps it hot > 6 hours.", False),
        ("mercadolibre-mx", "Funda transparente.<br>Bordes elevados.", True),
        ("mercadolibre-mx", "<p>Funda transparente para iPhone 15</p>", True),
        ("mercadolibre-mx", "Funda transparente para iPhone 15, bordes elevados.", False),
        ("ebay-us", "<p>Slim clear case.</p><b>Raised edges</b>", False),
        ("shopify", "<p>Slim clear case.</p><ul><li>Raised edges</li></ul>", False),
    ],
)
def test_d404_html_in_the_description(marketplace: str, description: str, not_allowed: bool) -> None:
    assert fires("LK-D404", marketplace, title=PHONE_CASE, description=description) is not_allowed


def test_d404_counts_and_points_at_the_first_tag() -> None:
    description = "Slim clear case.<br><p>Raised edges</p><b>MagSafe</b>"
    [finding] = found("LK-D404", "amazon-us", title=PHONE_CASE, description=description)
    assert finding.match == "<p>"
    assert "4 HTML tags" in finding.message


@pytest.mark.parametrize(
    ("description", "hidden"),
    [
        ('<p>Slim clear case.</p><span style="display:none">nike adidas cheap case</span>', True),
        ('<p>Slim clear case.</p><span style="visibility: hidden;">otterbox spigen</span>', True),
        ('<p>Slim clear case.</p><span style="color:#ffffff">iphone case cheap best</span>', True),
        ('<p>Slim clear case.</p><span style="color: white;">iphone case cheap best</span>', True),
        ('<p>Slim clear case.</p><span style="font-size:0px;">iphone case cheap</span>', True),
        ("<p>Slim clear case.</p><div hidden>iphone case cheap</div>", True),
        ("<p>Slim clear case.</p><!-- iphone case cheap best case -->", True),
        ("<p>纯棉T恤</p><!-- 爆款 女装 夏季 新款 -->", True),
        ("<p>Slim clear case.</p><!-- split --><p>Raised edges.</p>", False),
        ("<p>Slim clear case.</p><!--more--><p>Raised edges.</p>", False),
        ('<p style="background-color: white">Slim clear case.</p>', False),
        ('<p style="background-color:#fff; color:#333">Slim clear case.</p>', False),
        ('<p style="border-color: white;">Slim clear case.</p>', False),
        ('<p style="font-size:0.9em">Slim clear case.</p>', False),
        ("Slim clear case with raised edges.", False),
    ],
)
def test_d405_hidden_text(description: str, hidden: bool) -> None:
    assert fires("LK-D405", "ebay-us", title=PHONE_CASE, description=description) is hidden


def test_d405_also_reads_bullets() -> None:
    bullets = ['Slim profile <span style="display:none">otterbox spigen</span>fits any pocket']
    [finding] = found("LK-D405", "amazon-us", title=PHONE_CASE, bullets=bullets, description="Slim clear case.")
    assert finding.field == "bullets" and finding.index == 0


@pytest.mark.xfail(
    reason="LK-D405 flags any style colour of white (color:#ffffff) without looking at the background: "
    "white text on a black banner is visible and is reported as hidden text",
    strict=True,
)
def test_d405_white_text_on_a_dark_background_is_visible() -> None:
    description = '<p style="color: #ffffff; background-color: #000000">Free shipping on orders over $35</p>'
    assert not fires("LK-D405", "ebay-us", title=PHONE_CASE, description=description)


@pytest.mark.xfail(
    reason='LK-D405 only reads CSS style attributes: the HTML attribute <font color="white">, the classic '
    "way of hiding keywords in eBay descriptions, is not reported",
    strict=True,
)
def test_d405_white_font_tag_hides_text() -> None:
    description = '<p>Slim clear case.</p><font color="white">iphone case cheap otterbox spigen</font>'
    assert fires("LK-D405", "ebay-us", title=PHONE_CASE, description=description)


def test_d405_chinese_keyword_comment_without_spaces() -> None:
    description = "<p>纯棉T恤，透气舒适。</p><!--爆款女装夏季新款韩版宽松显瘦百搭短袖上衣-->"
    assert fires("LK-D405", "taobao", "zh", title="纯棉T恤", description=description)


# ================================================================ what the page states (D5xx)

DRESS = {"title": "Women's Floral Midi Dress", "category_raw": "womens-apparel"}
DRESS_ZH = {"title": "女士碎花连衣裙", "category_raw": "womens-apparel"}
EARBUDS = {"title": "Wireless Earbuds Bluetooth 5.3", "category_raw": "consumer-electronics"}
EARBUDS_ZH = {"title": "蓝牙耳机 无线入耳式", "category_raw": "consumer-electronics"}
CHARGER = {"title": "USB-C Charger 65W GaN", "category_raw": "consumer-electronics"}
BLOCKS = {"title": "Building Blocks Set 500 Pieces", "category_raw": "toys-games"}
BLOCKS_ZH = {"title": "积木玩具套装", "category_raw": "toys-games"}
STROLLER = {"title": "Lightweight Baby Stroller", "category_raw": "baby-maternity"}
DRILL = {"title": "Cordless Drill 20V", "category_raw": "tools-hardware"}
DRILL_ZH = {"title": "无线电钻", "category_raw": "tools-hardware"}
BASKET = {"title": "Woven Storage Basket", "category_raw": "home-kitchen"}
BASKET_ZH = {"title": "编织收纳篮", "category_raw": "home-kitchen"}
SERUM = {"title": "Vitamin C Serum", "category_raw": "beauty-skincare"}
SHIRT = {"title": "Linen Shirt", "category_raw": "mens-apparel"}
BOOTS = {"title": "Women's Ankle Boots", "category_raw": "shoes"}
SUITCASE = {"title": "Carry-on Suitcase", "category_raw": "bags-luggage"}


def element_case(code: str, language: str, base: dict[str, str], fires_: bool, marks: Any = (), **fields: Any) -> Any:
    fields.setdefault("bullets", [])
    fields.setdefault("description", "")
    fields.setdefault("attributes", {})
    verdict = "fires" if fires_ else "quiet"
    return pytest.param(code, language, {**base, **fields}, fires_, id=f"{code}-{language}-{verdict}", marks=marks)


ELEMENT_CASES = [
    # D501 material
    element_case("LK-D501", "en", DRESS, False, bullets=["Made of 100% cotton"], description="A flowy midi dress."),
    element_case(
        "LK-D501", "en", DRESS, True, bullets=["Flattering A-line cut"], description="A flowy midi dress with pockets."
    ),
    element_case("LK-D501", "en", DRESS, False, description="A flowy midi dress.", attributes={"material": "cotton"}),
    element_case("LK-D501", "en", DRESS, False, description="A flowy midi dress.", attributes={"Material": "Viscose"}),
    element_case(
        "LK-D501",
        "en",
        DRESS,
        True,
        description="A flowy midi dress.",
        attributes={"material": " "},
    ),
    element_case("LK-D501", "zh", DRESS_ZH, False, bullets=["面料：纯棉"], description="收腰显瘦。"),
    element_case("LK-D501", "zh", DRESS_ZH, True, bullets=["A字版型"], description="收腰显瘦，适合夏天。"),
    element_case("LK-D501", "zh", DRESS_ZH, False, description="收腰显瘦。", attributes={"材质": "雪纺"}),
    # D502 colour
    element_case("LK-D502", "en", BOOTS, True, description="Ankle boots with a block heel."),
    element_case(
        "LK-D502",
        "en",
        {**BOOTS, "title": "Women's Black Ankle Boots"},
        False,
        description="Ankle boots with a block heel.",
    ),
    element_case(
        "LK-D502", "en", BOOTS, False, description="Ankle boots with a block heel.", attributes={"color": "Tan"}
    ),
    element_case("LK-D502", "zh", DRESS_ZH, False, description="颜色：藏青色"),
    element_case("LK-D502", "zh", DRESS_ZH, True, description="收腰显瘦，适合夏天。"),
    # D503 dimensions
    element_case("LK-D503", "en", BASKET, False, description="Woven storage basket, 30 x 20 x 15 cm."),
    element_case("LK-D503", "en", BASKET, True, description="Woven storage basket with handles."),
    element_case("LK-D503", "zh", BASKET_ZH, False, description="编织收纳篮，尺寸：30*20*15厘米。"),
    element_case("LK-D503", "zh", BASKET_ZH, True, description="编织收纳篮，带提手。"),
    # D504 weight
    element_case("LK-D504", "en", SUITCASE, False, description="Hard-shell carry-on, weighs only 2.3 kg."),
    element_case("LK-D504", "en", SUITCASE, True, description="Hard-shell carry-on with spinner wheels."),
    element_case("LK-D504", "zh", EARBUDS_ZH, False, description="单只耳机重量：4.5克"),
    # D505 package contents
    element_case(
        "LK-D505",
        "en",
        EARBUDS,
        False,
        description="Package includes: 2 earbuds, charging case, USB-C cable, 3 pairs of ear tips.",
    ),
    element_case("LK-D505", "en", EARBUDS, False, description="Comes with a USB-C cable and 3 pairs of ear tips."),
    element_case("LK-D505", "en", EARBUDS, True, description="Bluetooth 5.3 earbuds with 30 hours of playtime."),
    element_case("LK-D505", "zh", EARBUDS_ZH, False, description="包装清单：耳机x2，充电仓x1，数据线x1。"),
    element_case("LK-D505", "zh", EARBUDS_ZH, True, description="蓝牙5.3，续航30小时。"),
    # D506 instructions
    element_case("LK-D506", "en", SERUM, False, description="How to use: apply 3 drops to clean skin every morning."),
    element_case("LK-D506", "en", SERUM, True, description="Brightening serum with 15% vitamin C."),
    element_case(
        "LK-D506", "zh", {**SERUM, "title": "维C精华液"}, False, description="使用方法：洁面后取3滴涂抹全脸。"
    ),
    # D507 care
    element_case("LK-D507", "en", SHIRT, False, description="Pure linen. Machine wash cold, hang to dry."),
    element_case("LK-D507", "en", SHIRT, True, description="Pure linen shirt with a relaxed fit."),
    element_case("LK-D507", "zh", DRESS_ZH, False, description="手洗，不可漂白。"),
    # D508 safety
    element_case(
        "LK-D508",
        "en",
        BLOCKS,
        False,
        description="Warning: choking hazard, small parts. Not for children under 3 years.",
    ),
    element_case("LK-D508", "en", BLOCKS, True, description="500 colourful blocks for creative play."),
    element_case("LK-D508", "zh", BLOCKS_ZH, False, description="注意事项：含小零件，3岁以下儿童禁用。"),
    # D509 warranty
    element_case("LK-D509", "en", DRILL, False, description="20 V cordless drill. 2-year warranty."),
    element_case("LK-D509", "en", DRILL, True, description="20 V cordless drill with two batteries."),
    element_case("LK-D509", "zh", DRILL_ZH, False, description="20V无线电钻，全国联保，保修两年。"),
    element_case("LK-D509", "zh", DRILL_ZH, True, description="20V无线电钻，双电池。"),
    # D511 electronics certification
    element_case("LK-D511", "en", CHARGER, False, description="65 W GaN charger. CE, FCC and RoHS certified."),
    element_case("LK-D511", "en", CHARGER, True, description="65 W GaN charger with two ports."),
    element_case(
        "LK-D511", "en", CHARGER, True, description="Ce produit est un chargeur rapide de 65 W."
    ),  # French 'Ce' is not CE
    element_case("LK-D511", "en", CHARGER, False, description="Ce produit porte le marquage CE."),
    element_case(
        "LK-D511", "zh", {**CHARGER, "title": "65W氮化镓充电器"}, False, description="通过CCC认证，安全快充。"
    ),
    element_case("LK-D511", "zh", {**CHARGER, "title": "65W氮化镓充电器"}, True, description="双口快充，小巧便携。"),
    # D512 toy certification
    element_case("LK-D512", "en", BLOCKS, False, description="500 blocks, tested to EN 71."),
    element_case("LK-D512", "en", BLOCKS, False, description="Tested to ASTM F963-17 by an accredited lab."),
    element_case("LK-D512", "en", BLOCKS, True, description="500 colourful blocks."),
    element_case("LK-D512", "zh", BLOCKS_ZH, False, description="500块积木，符合GB 6675标准。"),
    element_case("LK-D512", "zh", BLOCKS_ZH, True, description="500块彩色积木。"),
    # D513 baby certification
    element_case("LK-D513", "en", STROLLER, False, description="Meets EN 1888 and ASTM F833."),
    element_case("LK-D513", "en", STROLLER, True, description="Lightweight stroller that folds with one hand."),
]


@pytest.mark.parametrize(("code", "language", "fields", "expected"), ELEMENT_CASES)
def test_element_rules(code: str, language: str, fields: dict[str, Any], expected: bool) -> None:
    assert fires(code, "ebay-us", language, **fields) is expected


@pytest.mark.parametrize(
    ("marketplace", "description", "expected"),
    [
        ("tiktok-shop", "Soy wax candle. What's in the box: 1 candle in a glass jar.", False),
        ("tiktok-shop", "Soy wax candle with a cotton wick.", True),  # every category on TikTok Shop
        ("ebay-us", "Soy wax candle with a cotton wick.", False),  # a candle is not in the rule's categories
    ],
)
def test_d505_package_contents_on_tiktok_shop(marketplace: str, description: str, expected: bool) -> None:
    fields: dict[str, Any] = {"title": "Scented Soy Candle", "bullets": [], "description": description}
    assert fires("LK-D505", marketplace, **fields) is expected


@pytest.mark.parametrize(
    ("marketplace", "description", "expected"),
    [
        ("taobao", "售后服务：支持七天无理由退换货。", False),
        ("taobao", "精梳纯棉，透气舒适。", True),
        ("jd", "精梳纯棉，透气舒适。", True),
        ("amazon-us", "精梳纯棉，透气舒适。", False),
    ],
)
def test_d510_after_sales_on_chinese_platforms(marketplace: str, description: str, expected: bool) -> None:
    assert fires("LK-D510", marketplace, "zh", title="纯棉T恤", description=description) is expected


@pytest.mark.parametrize(
    ("code", "fields"),
    [
        ("LK-D501", {**EARBUDS, "description": "Bluetooth 5.3 earbuds with 30 hours of playtime."}),
        ("LK-D507", {**EARBUDS, "description": "Bluetooth 5.3 earbuds with 30 hours of playtime."}),
        ("LK-D511", {**DRESS, "description": "A flowy midi dress."}),
        ("LK-D512", {**CHARGER, "description": "65 W GaN charger with two ports."}),
        ("LK-D513", {**BLOCKS, "description": "500 colourful blocks."}),
        ("LK-D509", {**BASKET, "description": "Woven storage basket with handles."}),
    ],
)
def test_element_rules_never_fire_outside_their_categories(code: str, fields: dict[str, Any]) -> None:
    assert not fires(code, "ebay-us", bullets=[], attributes={}, **fields)


def read_catalog(tmp_path: Path, text: str) -> Listing:
    path = tmp_path / "catalog.csv"
    path.write_text(text, encoding="utf-8")
    reader = CatalogReader(ReadOptions(marketplace="amazon-us"), shipped_marketplaces())
    [(listing, _issues)] = list(reader.read(path, FileSummary(file=str(path))))
    return listing


def detail_codes(listing: Listing) -> list[str]:
    return sorted(f.code for f in check(listing) if f.code.startswith("LK-D"))


def test_a_file_of_titles_alone_is_not_judged_by_element_rules(tmp_path: Path) -> None:
    listing = read_catalog(tmp_path, "sku,title,category\nW1,Women's Floral Midi Dress,womens-apparel\n")
    assert (listing.bullets, listing.description, listing.attributes) == ([], "", {})
    assert detail_codes(listing) == []  # nor by image, bullet, description or brand rules: no such columns


def test_an_empty_description_column_is_judged(tmp_path: Path) -> None:
    listing = read_catalog(tmp_path, "sku,title,category,description\nW1,Women's Floral Midi Dress,womens-apparel,\n")
    codes = detail_codes(listing)
    assert {"LK-D401", "LK-D501", "LK-D503"} <= set(codes)
    assert "LK-D101" not in codes  # still no image column


def test_an_empty_image_column_fires_d101(tmp_path: Path) -> None:
    listing = read_catalog(tmp_path, "sku,title,main_image_url\nM1,Ceramic Coffee Mug 12 oz,\n")
    assert "LK-D101" in detail_codes(listing)


def test_blank_attribute_columns_of_a_flat_file_state_nothing() -> None:
    attributes = {"material_type": "", "color_name": " ", "item_weight": ""}
    fields = {**BOOTS, "bullets": [], "description": "Ankle boots with a block heel.", "attributes": attributes}
    codes = {f.code for f in check(make_listing("ebay-us", **fields))}
    assert {"LK-D501", "LK-D502"} <= codes


def test_d511_an_ic_chip_is_not_a_certification() -> None:
    description = "65 W GaN charger with a smart IC chip that prevents overcharging."
    assert fires("LK-D511", "ebay-us", bullets=[], attributes={}, description=description, **CHARGER)


def test_d511_the_3c_category_name_is_not_a_certification() -> None:
    fields = {**CHARGER, "title": "65W氮化镓充电器"}
    description = "3C数码配件，双口快充，小巧便携。"
    assert fires("LK-D511", "ebay-us", "zh", bullets=[], attributes={}, description=description, **fields)


@pytest.mark.parametrize(
    "description",
    [
        "Package contains: 2 earbuds, 1 charging case, 1 USB-C cable.",
        pytest.param(
            "Includes 2 earbuds, a charging case and a USB-C cable.",
            marks=pytest.mark.xfail(
                reason="a bare 'Includes' is not a package-contents cue (it opens many other sentences): LK-D505 "
                "fires on a page that lists what is in the box this way",
                strict=True,
            ),
        ),
    ],
)
def test_d505_common_phrasings_of_the_box_contents(description: str) -> None:
    assert not fires("LK-D505", "ebay-us", bullets=[], attributes={}, description=description, **EARBUDS)


def test_d502_warm_weather_is_not_a_colour() -> None:
    assert fires("LK-D502", "ebay-us", bullets=[], attributes={}, description="A dress for warm days.", **DRESS)


# ================================================================ identifiers (D7xx)


@pytest.mark.parametrize(
    ("attributes", "invalid"),
    [
        ({"gtin": "4006381333931"}, False),  # EAN-13
        ({"upc": "036000291452"}, False),  # UPC-A
        ({"ean": "96385074"}, False),  # EAN-8
        ({"gtin": "10614141000415"}, False),  # GTIN-14
        ({"isbn": "978-0-306-40615-7"}, False),
        ({"条形码": "6901234567892"}, False),
        ({"external_product_id": "B0C1234567", "external_product_id_type": "ASIN"}, False),
        ({"gtin": "4006381333932"}, True),  # wrong check digit
        ({"upc": "03600029145"}, True),  # 11 digits
        ({"ean": "40063813339A1"}, True),
        ({"gtin": "2000000000008"}, True),  # in-store (restricted circulation) prefix 20
        ({"ean": "2123456789010"}, True),
        ({"upc": "412345678903"}, True),  # UPC number system 4: in-store
    ],
)
def test_d701_gtin(attributes: dict[str, str], invalid: bool) -> None:
    got = found("LK-D701", "ebay-us", title="Ceramic Coffee Mug 12 oz", attributes=attributes)
    assert bool(got) is invalid
    if invalid:
        [finding] = got
        assert finding.match == next(iter(attributes.values()))


def test_d701_says_why() -> None:
    def message(value: str) -> str:
        [finding] = found("LK-D701", "amazon-us", title="Mug", attributes={"gtin": value})
        return finding.message

    assert "check digit is wrong" in message("4006381333932")
    assert "11 digits" in message("03600029145")
    assert "characters other than digits" in message("40063813339A1")
    assert "in-store or coupon" in message("2000000000008")


@pytest.mark.parametrize(
    ("attributes", "missing"),
    [
        ({"gtin": "4006381333931"}, False),
        ({"mpn": "HB-2201"}, False),
        ({"identifier_exists": "no"}, False),
        ({"identifier_exists": "FALSE"}, False),
        ({"color": "black"}, True),
        ({}, True),
        ({"mpn": "  ", "identifier_exists": "yes"}, True),
    ],
)
def test_d702_google_shopping_needs_a_gtin_or_an_mpn(attributes: dict[str, str], missing: bool) -> None:
    assert (
        fires("LK-D702", "google-shopping", title="Ceramic Coffee Mug", brand="Lumio", attributes=attributes) is missing
    )
    assert not fires("LK-D702", "ebay-us", title="Ceramic Coffee Mug", brand="Lumio", attributes=attributes)


@pytest.mark.parametrize(
    ("marketplace", "brand", "missing"),
    [
        ("google-shopping", "", True),
        ("google-shopping", "   ", True),
        ("google-shopping", "Lumio", False),
        ("amazon-us", "", True),
        ("walmart", "", True),
        ("walmart", "Generic", False),
        ("ebay-us", "", False),
        ("etsy", "", False),
    ],
)
def test_d703_brand_missing(marketplace: str, brand: str, missing: bool) -> None:
    fields: dict[str, Any] = {"title": "Ceramic Coffee Mug", "brand": brand, "attributes": {"mpn": "HB-2201"}}
    assert fires("LK-D703", marketplace, **fields) is missing


# ================================================================ own shop SEO (D8xx)


@pytest.mark.parametrize(("code", "field"), [("LK-D801", "seo_title"), ("LK-D802", "seo_description")])
def test_d801_d802_shopify_seo_fields(code: str, field: str) -> None:
    empty = {
        "seo_title": "Linen Summer Dress for Women | Lumio",
        "seo_description": "Breathable linen midi dress.",
        field: "",
    }
    [finding] = found(code, "shopify", title="Linen Midi Dress", **empty)
    assert finding.severity == declared_severity(code, "shopify")
    assert finding.severity != Severity.ERROR
    written = {
        "seo_title": "Linen Summer Dress for Women, Midi, Breathable | Lumio",
        "seo_description": "Breathable linen midi dress with pockets, in six colours. Free returns within 30 days.",
    }
    assert not fires(code, "shopify", title="Linen Midi Dress", **written)
    assert not fires(code, "amazon-us", title="Linen Midi Dress", **empty)
