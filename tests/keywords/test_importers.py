from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from listingkit.errors import InputError, ListingkitError
from listingkit.keywords.importers import KEYWORD_FORMATS, KeywordPhrase, read_keywords
from tests.conftest import shared_data


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def volumes(phrases: list[KeywordPhrase]) -> dict[str, float]:
    return {p.phrase: p.volume for p in phrases}


HELIUM10 = (
    "Keyword Phrase,ABA Total Click Share,Cerebro IQ Score,Search Volume,Search Volume Trend,Competing Products\n"
    'silicone spatula set,12.5%,1520,"12,400",8%,"3,210"\n'
    "heat resistant  spatula,,980,5.1k,-2%,870\n"
    "rubber scraper,,40,-,0%,120\n"
)


def test_helium10_csv_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "cerebro.csv", HELIUM10, "utf-8-sig")
    phrases = read_keywords([path])
    assert [p.phrase for p in phrases] == ["silicone spatula set", "heat resistant spatula", "rubber scraper"]
    assert volumes(phrases) == {"silicone spatula set": 12400, "heat resistant spatula": 5100, "rubber scraper": 0}
    assert not any(p.estimated for p in phrases)
    assert phrases[0].sources == ("cerebro.csv",) and phrases[0].rank is None


def test_jungle_scout_prefers_exact_volume(tmp_path: Path) -> None:
    text = (
        "Keyword,Broad Search Volume,Exact Search Volume,Dominant Category,Recommended Listings\n"
        "yoga mat,90000,45210,Sports & Outdoors,10\n"
        "yoga mat thick,30000,8 800,Sports & Outdoors,8\n"
    )
    phrases = read_keywords([write(tmp_path, "js.csv", text)])
    assert volumes(phrases) == {"yoga mat": 45210, "yoga mat thick": 8800}


def test_google_keyword_planner_utf16_with_title_rows_and_ranges(tmp_path: Path) -> None:
    rows = [
        "Keyword Stats 2026-04-12 at 09_15_30",
        "April 1, 2025 - March 31, 2026",
        "Keyword\tCurrency\tAvg. monthly searches\tCompetition\tTop of page bid (low range)",
        "garden hose\tUSD\t10K – 100K\tHigh\t0.45",
        "expandable garden hose\tUSD\t1K – 10K\tHigh\t0.61",
        "garden hose reel\tUSD\t5400\tMedium\t0.52",
        "hose nozzle brass\tUSD\t100 – 1K\tLow\t0.30",
    ]
    path = write(tmp_path, "Keyword Stats 2026-04-12.csv", "\n".join(rows) + "\n", "utf-16")
    phrases = read_keywords([path])
    assert [p.phrase for p in phrases] == [
        "garden hose",
        "garden hose reel",
        "expandable garden hose",
        "hose nozzle brass",
    ]
    got = volumes(phrases)
    assert got["garden hose"] == pytest.approx(math.sqrt(10_000 * 100_000))
    assert got["expandable garden hose"] == pytest.approx(math.sqrt(1_000 * 10_000))
    assert got["hose nozzle brass"] == pytest.approx(math.sqrt(100 * 1_000))
    assert got["garden hose reel"] == 5400


SELLERSPRITE_ROWS = [
    ["关键词", "关键词翻译", "月搜索量", "点击率", "竞争度"],
    ["手机壳", "phone case", "1.2万", "35%", "高"],
    ["磁吸手机壳", "magnetic phone case", "8 300", "22%", "中"],
]


def test_sellersprite_gb18030(tmp_path: Path) -> None:
    text = "\n".join(",".join(row) for row in SELLERSPRITE_ROWS) + "\n"
    path = write(tmp_path, "sellersprite.csv", text, "gb18030")
    assert volumes(read_keywords([path])) == {"手机壳": 12000, "磁吸手机壳": 8300}


def test_sellersprite_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["卖家精灵 关键词挖掘 导出"])  # a title row above the header
    for row in SELLERSPRITE_ROWS:
        sheet.append(row)
    sheet.append(["手机支架", "phone stand", 2500, "18%", "低"])  # a number cell, not text
    path = tmp_path / "sellersprite.xlsx"
    book.save(path)
    assert volumes(read_keywords([path])) == {"手机壳": 12000, "磁吸手机壳": 8300, "手机支架": 2500}


def test_sellersprite_popularity_counts_as_volume(tmp_path: Path) -> None:
    path = write(tmp_path, "popularity.csv", "关键词,搜索人气\n蓝牙耳机,56000\n")
    assert volumes(read_keywords([path])) == {"蓝牙耳机": 56000}


def test_plain_keyword_volume(tmp_path: Path) -> None:
    path = write(tmp_path, "plain.csv", "keyword;volume\nmug;1 200\ncoffee mug;12.5k\n")
    assert volumes(read_keywords([path])) == {"coffee mug": 12500, "mug": 1200}


def test_plain_two_columns_without_header(tmp_path: Path) -> None:
    path = write(tmp_path, "list.csv", "travel mug,3400\nleak proof travel mug,900\n")
    phrases = read_keywords([path])
    assert volumes(phrases) == {"travel mug": 3400, "leak proof travel mug": 900}
    assert phrases[0].sources == ("list.csv",)


def test_duplicates_across_files_merge(tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", "keyword,volume\nCoffee  Mug,500\ntea cup,80\n")
    second = write(tmp_path, "b.csv", "Keyword Phrase,Search Volume\ncoffee mug,700\ntea cup,60\n")
    phrases = read_keywords([first, second])
    assert [(p.phrase, p.volume, p.sources) for p in phrases] == [
        ("coffee mug", 700, ("a.csv", "b.csv")),
        ("tea cup", 80, ("a.csv", "b.csv")),
    ]


def test_forced_format(tmp_path: Path) -> None:
    path = write(tmp_path, "h10.csv", HELIUM10)
    assert len(read_keywords([path], fmt="helium10")) == 3
    with pytest.raises(InputError, match=r"h10\.csv.*jungle-scout.*columns seen: Keyword Phrase"):
        read_keywords([path], fmt="jungle-scout")
    with pytest.raises(ListingkitError, match="unknown keyword format 'semrush'"):
        read_keywords([path], fmt="semrush")


def test_column_map(tmp_path: Path) -> None:
    text = 'Bericht Woche 15\nSuchbegriff,Suchvolumen,Notiz\nkaffeebecher,4300,\nthermobecher,"2,1k",neu\n'
    path = write(tmp_path, "de.csv", text)
    with pytest.raises(InputError, match="columns seen: Suchbegriff, Suchvolumen, Notiz"):
        read_keywords([path])
    phrases = read_keywords([path], column_map={"phrase": "Suchbegriff", "volume": "suchvolumen"})
    assert volumes(phrases) == {"kaffeebecher": 4300, "thermobecher": 2100}


def test_column_map_overrides_a_recognised_column(tmp_path: Path) -> None:
    text = "Keyword,Exact Search Volume,Broad Search Volume\nlamp,100,900\n"
    path = write(tmp_path, "js.csv", text)
    assert volumes(read_keywords([path], column_map={"volume": "Broad Search Volume"})) == {"lamp": 900}


def test_bad_number_names_file_row_and_column(tmp_path: Path) -> None:
    rows = "".join(f"phrase {i},{i * 10}\n" for i in range(1, 12))
    path = write(tmp_path, "research.csv", "Keyword Phrase,Search Volume\n" + rows + "phrase 12,abc\n")
    with pytest.raises(InputError) as caught:
        read_keywords([path])
    message = str(caught.value)
    assert message.endswith("research.csv: row 12, column 'Search Volume': 'abc' is not a number")
    assert "\n" not in message


def test_empty_rows_are_skipped_but_a_missing_phrase_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "gaps.csv", "keyword,volume\nmug,10\n,\n\ncup,5\n")
    assert volumes(read_keywords([path])) == {"mug": 10, "cup": 5}
    path = write(tmp_path, "nophrase.csv", "keyword,volume\nmug,10\n,20\n")
    with pytest.raises(InputError, match=r"nophrase\.csv: row 2, column 'keyword'"):
        read_keywords([path])


def test_unrecognised_file_lists_the_columns_seen(tmp_path: Path) -> None:
    path = write(tmp_path, "orders.csv", "order id,sku,qty\n1,A-1,2\n")
    with pytest.raises(InputError, match=r"orders\.csv: .*columns seen: order id, sku, qty"):
        read_keywords([path])


def test_formats_are_listed() -> None:
    names = [f.name for f in KEYWORD_FORMATS]
    assert names == ["brand-analytics", "helium10", "jungle-scout", "google-keyword-planner", "sellersprite", "plain"]
    assert [f.name for f in KEYWORD_FORMATS if f.real_sample] == ["brand-analytics"]
    assert all(f.title and f.columns for f in KEYWORD_FORMATS)


def test_real_brand_analytics_export() -> None:
    path = shared_data("keyword_research", "amazon_brand_analytics_top_search_terms_week15_2026.csv")
    phrases = read_keywords([path])
    assert len(phrases) == 100
    assert [p.rank for p in phrases] == list(range(1, 101))
    assert all(a.volume > b.volume for a, b in itertools.pairwise(phrases))
    assert all(p.estimated for p in phrases)
    assert phrases[0].phrase == "needoh"
    assert phrases[0].volume == pytest.approx(2_000_000)


def test_bad_rank_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "ba.csv", "Search Frequency Rank,Search Term\n1,mug\n0,cup\n")
    with pytest.raises(InputError, match=r"ba\.csv: row 2, column 'Search Frequency Rank': '0' is not a rank"):
        read_keywords([path])
