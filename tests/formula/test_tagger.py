"""The tagging of hand-picked titles in each language, hard cases included."""

from __future__ import annotations

from functools import lru_cache

import pytest

from listingkit.formula.engine import FormulaEngine
from listingkit.formula.tagger import Tagging


@lru_cache(maxsize=1)
def engine() -> FormulaEngine:
    return FormulaEngine()


def tag(title: str, language: str, brand: str = "") -> Tagging:
    tagging = engine().tag(title, language, brand)
    assert tagging is not None
    return tagging


def roles(tagging: Tagging) -> dict[str, str]:
    return {s.text: s.role for s in tagging.spans}


@pytest.mark.parametrize(
    ("title", "language", "brand", "core"),
    [
        ("Lumio Phone Case for iPhone 15 Pro Max, Shockproof Clear TPU Cover", "en", "Lumio", "Phone Case"),
        ("Stainless Steel Insulated Water Bottle with Straw Lid, 32 oz, for Gym", "en", "", "Water Bottle"),
        (
            "Pawlux Orthopedic Dog Bed for Large Dogs, Washable Memory Foam Pet Sofa",
            "en",
            "Pawlux",
            "Orthopedic Dog Bed",
        ),
        ("Fashion Jewellery Alloy Necklace for Women", "en", "", "Necklace"),
        ("Funda Para iPhone 15 Pro Max Silicona Antigolpes", "es", "", "Funda"),
        ("Kit 3 Panelas Antiaderente Com Tampa De Vidro", "pt", "", "Panelas"),
        ("Футболка женская белая базовая хлопок 100%", "ru", "", "Футболка"),
        ("Handyhülle für iPhone 15 aus Silikon", "de", "", "Handyhülle"),
        ("Coque pour iPhone 15 en silicone transparente", "fr", "", "Coque"),
        ("台式机电脑主板套装", "zh", "", "主板套装"),
        ("手机壳适用于苹果15防摔透明硅胶软壳", "zh", "", "手机壳"),
        # Two names of one product: the part-final one is taken, either is right.
        ("加厚珊瑚绒毛毯冬季沙发午睡盖毯", "zh", "", "毛毯|盖毯"),
    ],
)
def test_core_word(title: str, language: str, brand: str, core: str) -> None:
    tagging = tag(title, language, brand)
    assert tagging.core is not None, roles(tagging)
    assert tagging.core.text in core.split("|"), roles(tagging)
    assert title[tagging.core.start : tagging.core.end] == tagging.core.text


def test_brand_first_and_compatibility_target() -> None:
    got = roles(tag("Lumio Phone Case for iPhone 15 Pro Max, Shockproof Clear TPU Cover", "en", "Lumio"))
    assert got["Lumio"] == "brand"
    for word in ("iPhone", "15", "Pro", "Max"):
        assert got[word] == "scene:compatibility"
    assert got["Shockproof"].startswith("attribute:")
    assert got["Cover"] == "context"


def test_capitals_opening_a_title_are_the_brand_when_the_cell_is_empty() -> None:
    got = roles(tag("KASA VERDE Ceramic Coffee Mug 350ml", "en"))
    assert got["KASA"] == got["VERDE"] == "brand"


def test_numbers_with_units_are_one_attribute_token() -> None:
    got = roles(tag('Storage Box 32*11*25cm 2 Pack 150g Laptop Sleeve 15.6"', "en"))
    assert got["32*11*25cm"] == "attribute:size"
    assert got["2 Pack"] == "attribute:quantity"
    assert got["150g"] == "attribute:spec"
    assert got['15.6"'] == "attribute:size"


def test_model_numbers_are_attributes_not_products() -> None:
    tagging = tag("Lumio X200 Pro Max 2026", "en", "Lumio")
    assert tagging.core is None
    assert roles(tagging)["X200"] == "attribute:model"


def test_for_without_a_device_is_a_preposition() -> None:
    got = roles(tag("Dog Bed for Large Dogs", "en"))
    assert got["for"] == "filler"
    assert got["Large Dogs"] == "scene:audience"


def test_mixed_chinese_and_english() -> None:
    tagging = tag("Lumio手机壳适用于iPhone15 Pro防摔", "zh", "Lumio")
    got = roles(tagging)
    assert got["Lumio"] == "brand"
    assert tagging.core is not None and tagging.core.text == "手机壳"
    assert got["iPhone15"] == "scene:compatibility"


def test_every_token_gets_one_span_in_order() -> None:
    title = "加厚珊瑚绒毛毯冬季沙发午睡盖毯 单人"
    tagging = tag(title, "zh")
    starts = [s.start for s in tagging.spans]
    assert starts == sorted(starts)
    assert all(title[s.start : s.end] == s.text for s in tagging.spans)
    covered = sum(s.end - s.start for s in tagging.spans)
    assert covered == len(title.replace(" ", ""))


def test_jieba_is_not_imported_for_latin_titles() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from listingkit.formula.engine import FormulaEngine\n"
        "FormulaEngine().tag('Stainless Steel Water Bottle for Gym', 'en')\n"
        "print('jieba' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_latin_words_and_model_codes_stop_at_han_characters() -> None:
    got = roles(tag("格玛斯 14英寸K32-80商务笔记本双肩包", "zh"))
    assert got["K32-80"] == "attribute:model"
    assert got["双肩包"] == "core"


def test_a_users_lexicon_folder_wins_over_the_shipped_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "category: home-kitchen\nlanguage: en\ncore: [zorbix]\nattributes:\n  material: [case]\n", encoding="utf-8"
    )
    mine = FormulaEngine((tmp_path,))
    tagging = mine.tag("Stainless Steel Zorbix for Kitchen", "en")
    assert tagging is not None and tagging.core is not None
    assert tagging.core.text == "Zorbix"
    single = mine.tag("Zorbix Case", "en")
    assert single is not None
    assert {s.text: s.role for s in single.spans}["Case"] == "attribute:material"


def test_company_brands_of_the_ip_lexicon_are_brand_words() -> None:
    # No brand column: the lexicon's company brands are still read as the brand, not as unknown
    # words, and a brand after a compatibility phrase is what the product fits.
    assert roles(tag("华为原装充电器 快充", "zh"))["华为"] == "brand"
    tagging = tag("USB C Charger 65W for MacBook Pro", "en")
    assert roles(tagging)["MacBook"] == "scene:compatibility"
    assert tagging.core is not None and tagging.core.text == "Charger"


def test_common_word_brands_are_not_brand_words_by_themselves() -> None:
    # "Apple" and "Coach" are common words: only the brand column makes them the brand.
    assert roles(tag("Apple Slicer Stainless Steel", "en")).get("Apple") != "brand"


def test_a_host_device_named_before_its_part_is_context() -> None:
    # "洗衣机原装配件离合器": a clutch, sold as a washing-machine part.
    tagging = tag("正品海尔全自动洗衣机原装配件离合器xqs55-828 减速器", "zh")
    assert tagging.core is not None and tagging.core.text == "离合器"


@pytest.mark.parametrize(
    ("title", "core"),
    [
        # A product after 送 is a gift, not what is sold.
        ("幼猫奶粉猫咪专用营养品送奶瓶", "奶粉"),
        ("新品猫抓板瓦楞纸磨爪玩具送猫薄荷", "猫抓板"),
        # 送 followed by a person is a gift for someone: the product after it is still the head.
        ("香薰蜡烛送女生八音盒", "八音盒"),
        # A product word glued to 味 or 式 is a flavour or a style; before 店 it names the shop.
        ("菠萝味伏特加进口低度", "伏特加"),
        ("栏杆式购物篮手提塑料 超市用", "购物篮"),
        ("莉莉内衣店 蕾丝文胸", "文胸"),
        # ... unless it is the only product word of the title.
        ("菠萝味 500g", "菠萝"),
        # A host named before 专用 stays context across its list of model numbers.
        ("点读机e580/e590专用无线点读笔", "点读笔"),
        # A product word right before a host is part of the host's name.
        ("sfc主机游戏机用原装手柄按键灵敏", "手柄"),
        # Several names ending in one character outvote a single other product word ...
        ("可折叠干衣机家用烘干机宝宝烘衣机衣柜", "干衣机"),
        # ... but not a head that the title repeats.
        ("美容院床单按摩床美容床专用床单", "床单"),
        # A later word that ends in the head names the same product more precisely.
        ("全铜龙头厨房加长水龙头冷热", "水龙头"),
        # A device the lexicons list as an accessory's scene is the product when nothing else is.
        ("华为手机转让", "手机"),
    ],
)
def test_chinese_head_rules(title: str, core: str) -> None:
    tagging = tag(title, "zh")
    assert tagging.core is not None and tagging.core.text == core, roles(tagging)
