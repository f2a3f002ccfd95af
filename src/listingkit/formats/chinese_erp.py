"""Product sheets exported by Chinese ERPs and AliExpress/Taobao tools, with Chinese headers.

The column aliases are the generic ones (商品标题, 商品描述, 主图, 副图1 ..., 品牌, 类目, 关键词,
SKU编码 ...); recognising the file names it in the report instead of "generic".
"""

from __future__ import annotations

from listingkit.formats.base import ALIASES, CatalogFormat


def _chinese(names: set[str]) -> set[str]:
    return {n for n in names if any("\u4e00" <= c <= "\u9fff" for c in n)}


KNOWN_CHINESE = _chinese({alias for names in ALIASES.values() for alias in names}) | {"副图"}


class ChineseErpFormat(CatalogFormat):
    name = "chinese-erp"
    title = "Chinese ERP / marketplace tool product sheet"

    def signature_score(self, header: list[str]) -> int:
        names = self.header_names(header)
        titled = bool(names & {a for a in ALIASES["title"] if _chinese({a})})
        known = {n for n in names if n in KNOWN_CHINESE or n.rstrip("0123456789 ") in KNOWN_CHINESE}
        return 5 if titled and len(known) >= 3 else 0
