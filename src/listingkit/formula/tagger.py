"""Tag every token of a title with its formula role: brand, core, attribute, scene, context, filler, unknown.

Spaced scripts are tokenised into words and numbers-with-units; runs of Chinese or Japanese are
covered by the lexicon words that cover the most characters, and what remains is segmented with
jieba, which is imported only when a title has Han characters that the lexicon leaves over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import ahocorasick_rs
import regex

from listingkit import segment
from listingkit.formula.lexicon import Entry, Lexicon, stem_for
from listingkit.text import normalise

# A number with its unit or dimensions is one attribute token: 41", 150g, 32*11*25cm, 3m, 2.5 L, 1/2 in.
NUMBER = regex.compile(
    r"""(?xi)
    \d+(?:[.,/]\d+)?(?:\s?[x×*]\s?\d+(?:[.,]\d+)?){0,3}
    (?:\s?(?:"|”|''|′|inch(?:es)?|in\b|cm|mm|m\b|km|ml|l\b|ltr|litre|liter|g\b|kg|mg|oz|fl\.?\s?oz|lbs?|
        pcs?\b|pieces?|pack|packs|pk|count|ct\b|set\b|sets\b|pairs?|w\b|kw|v\b|mah|wh|hz|ghz|gb|tb|mb|mp|k\b|
        ft|feet|yd|gal|qt|sq\s?ft|[个件只片寸英寸米厘米毫米克千克斤毫升升码支双套包瓶盒袋张卷台条根组]+))?
    """
)
_NO_SPACE = r"\p{Han}\p{Hiragana}\p{Katakana}"
_SPACED = r"[[\p{L}\p{M}\p{N}]--[" + _NO_SPACE + r"\p{Hangul}]]"
_WORD = _SPACED + r"+(?:['’\-]" + _SPACED + r"+)*"
_SEPARATOR = r"[,;|/()\[\]【】（）《》<>+&:：、，。！!?？~·•\-–—]"
TOKEN = regex.compile(
    r"(?V1)(?P<number>" + NUMBER.pattern + r")"
    r"|(?P<han>[" + _NO_SPACE + r"]+)"
    r"|(?P<word>" + _WORD + r")"
    r"|(?P<sep>" + _SEPARATOR + r")",
    regex.VERBOSE | regex.IGNORECASE,
)
# The same tokens for plain ASCII titles with the standard library's faster engine.
TOKEN_ASCII = re.compile(
    r"(?P<number>\d+(?:[.,/]\d+)?(?:\s?[x*]\s?\d+(?:[.,]\d+)?){0,3}"
    r"(?:\s?(?:\"|''|inch(?:es)?|in\b|cm\b|mm\b|m\b|km\b|ml\b|l\b|ltr\b|litre\b|liter\b|g\b|kg\b|mg\b|oz\b|"
    r"fl\.?\s?oz\b|lbs?\b|pcs?\b|pieces?\b|pack\b|packs\b|pk\b|count\b|ct\b|set\b|sets\b|pairs?\b|w\b|kw\b|"
    r"v\b|mah\b|wh\b|hz\b|ghz\b|gb\b|tb\b|mb\b|mp\b|k\b|ft\b|feet\b|yd\b|gal\b|qt\b|sq\s?ft\b))?)"
    r"|(?P<word>[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*)"
    r"|(?P<sep>[,;|/()\[\]<>+&:!?~\-])",
    re.IGNORECASE,
)
# Model codes: letters and digits mixed ("A2141", "XR-500", "iPhone15").
MODEL = regex.compile(
    r"(?V1)(?=[\p{L}\p{N}\-]*\p{L})(?=[\p{L}\p{N}\-]*\d)[[\p{L}\p{N}\-]--[\p{Han}\p{Hiragana}\p{Katakana}]]+"
)
# What may follow "for" / 适用于 as the thing a product fits: names and models the lexicon does not
# know, numbers, and product words ("charger for phone"); an attribute, scene or filler ends it.
POSTPOSED_COMPATIBILITY = frozenset({"专用"})
COMPATIBILITY_TARGET_ROLES = frozenset({"unknown", "brand", "attribute:model", "attribute:spec", "core", "context"})
# Words that continue a device's name after its model ("iPhone 15 Pro Max", "Galaxy S24 Ultra").
MODEL_SUFFIXES = frozenset(
    {"pro", "max", "plus", "mini", "ultra", "lite", "air", "se", "note", "edge", "fold", "flip", "prime", "neo", "fe"}
)
# A word listed under several roles takes the first of these: a word the lexicon calls filler
# ("包邮", "new") carries no product information even where it is also listed as a feature.
ROLE_ORDER = {"compat": 0, "core": 1, "filler": 2, "attribute": 3, "scene": 4}


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str
    role: str  # brand, core, context, attribute:<type>, scene:<type>, filler, unknown
    kind: str  # word, han, number, sep
    entry: Entry | None = None
    # Every category the lexicon files this word under (a backpack is luggage and outdoor gear).
    categories: frozenset[str] = frozenset()

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "role": self.role}


@dataclass(slots=True)
class Tagging:
    language: str
    spans: list[Span]  # every token, separators excluded
    core: Span | None
    category: str | None
    category_from_column: bool = False

    def roles(self, prefix: str) -> list[Span]:
        return [s for s in self.spans if s.role == prefix or s.role.startswith(prefix + ":")]


class Tagger:
    """Tags titles in one language with one lexicon; build once per run and reuse."""

    def __init__(self, lexicon: Lexicon, brands: frozenset[str] = frozenset()) -> None:
        self.lexicon = lexicon
        self.brands = brands
        self.stem = stem_for(lexicon.language)
        words = sorted(lexicon.han)
        self._han = ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.Standard) if words else None
        self._han_words = words
        # The entry that decides a phrase's role and every category it belongs to, worked out once.
        self._resolved = {key: (_best(entries), _cats(entries)) for key, entries in lexicon.phrases.items()}

    def tag(self, title: str, brand: str = "", category: str | None = None) -> Tagging:
        tokens = self._tokens(title)
        self._apply_lexicon(tokens, title)
        self._apply_brand(tokens, title, brand)
        self._apply_compatibility(tokens)
        core = self._choose_core(tokens)
        spans = [t for t in tokens if t.kind != "sep"]
        inferred = sorted(core.categories)[0] if core and core.categories else None
        return Tagging(self.lexicon.language, spans, core, category or inferred, category is not None)

    # --- tokens -----------------------------------------------------------------------------

    def _tokens(self, title: str) -> list[Span]:
        out: list[Span] = []
        pattern: Any = TOKEN_ASCII if title.isascii() else TOKEN
        for m in pattern.finditer(title):
            kind = m.lastgroup or "word"
            if kind == "han":
                run, offset = m.group(), m.start()
                glued = self._glued_word(out, run, offset, title)
                out.extend(self._han_tokens(run[glued:], offset + glued))
            elif kind == "number":
                text = m.group().rstrip()
                out.append(Span(m.start(), m.start() + len(text), text, _number_role(text), "number"))
            else:
                out.append(Span(m.start(), m.end(), m.group(), "unknown", kind))
        return out

    def _glued_word(self, out: list[Span], run: str, offset: int, title: str) -> int:
        """A lexicon word written in Latin and Han letters together (t恤, polo衫): merged into the word
        before the run; returns how many Han characters it took."""
        before = out[-1] if out else None
        if before is None or before.kind != "word" or before.end != offset:
            return 0
        for size in range(min(len(run), 4), 0, -1):
            word = (before.text + run[:size]).casefold()
            entries = self.lexicon.han.get(word)
            if entries:
                out[-1] = Span(
                    before.start,
                    offset + size,
                    title[before.start : offset + size],
                    "unknown",
                    "han",
                    _best(entries),
                    _cats(entries),
                )
                return size
        return 0

    def _han_tokens(self, run: str, offset: int) -> list[Span]:
        """Lexicon words of a Han run; the characters between them segmented by jieba."""
        out: list[Span] = []
        pos = 0
        for index, start, end in [*self._best_cover(run), (-1, len(run), len(run))]:
            if start > pos:
                out.extend(_segment(run[pos:start], offset + pos))
            if index >= 0:
                word = self._han_words[index]
                entries = self.lexicon.han[word]
                out.append(Span(offset + start, offset + end, word, "unknown", "han", _best(entries), _cats(entries)))
            pos = end
        return out

    def _best_cover(self, run: str) -> list[tuple[int, int, int]]:
        """The lexicon words that cover most of the run, then the fewest words.

        Greedy longest-first cuts "单人双人床上用品" into 单人 / 双人床 / 上用品; covering the most
        characters finds 单人 / 双人 / 床上用品.
        """
        if self._han is None:
            return []
        matches = self._han.find_matches_as_indexes(run, overlapping=True)
        if not matches:
            return []
        ending: dict[int, list[tuple[int, int]]] = {}
        for index, start, end in matches:
            ending.setdefault(end, []).append((start, index))
        # best[i]: (characters covered, -words) for run[:i], and how it was reached
        best: list[tuple[int, int]] = [(0, 0)] * (len(run) + 1)
        came: list[tuple[int, int] | None] = [None] * (len(run) + 1)
        for i in range(1, len(run) + 1):
            best[i], came[i] = best[i - 1], None
            for start, index in ending.get(i, ()):
                covered, words = best[start]
                candidate = (covered + i - start, words - 1)
                if candidate > best[i]:
                    best[i], came[i] = candidate, (start, index)
        chosen: list[tuple[int, int, int]] = []
        i = len(run)
        while i > 0:
            step = came[i]
            if step is None:
                i -= 1
                continue
            start, index = step
            chosen.append((index, start, i))
            i = start
        return chosen[::-1]

    # --- roles ------------------------------------------------------------------------------

    def _apply_lexicon(self, tokens: list[Span], title: str) -> None:
        """Longest lexicon phrase first, on stems, never across a separator or a number."""
        lexicon = self.lexicon
        stem = self.stem
        stems = [stem(t.text.casefold()) if t.kind == "word" else None for t in tokens]
        out: list[Span] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.kind == "han":
                if token.entry is not None:
                    token.role = _role(token.entry)
                out.append(token)
                i += 1
                continue
            if token.kind != "word":
                out.append(token)
                i += 1
                continue
            width = 1
            while width < lexicon.max_words and i + width < len(tokens) and stems[i + width] is not None:
                width += 1
            for n in range(width, 0, -1):
                resolved = self._resolved.get(tuple(stems[i : i + n]))  # type: ignore[arg-type]
                if resolved:
                    start, end = token.start, tokens[i + n - 1].end
                    entry, categories = resolved
                    out.append(Span(start, end, title[start:end], _role(entry), "word", entry, categories))
                    i += n
                    break
            else:
                if MODEL.fullmatch(token.text):
                    token.role = "attribute:model"
                out.append(token)
                i += 1
        tokens[:] = out

    def _apply_brand(self, tokens: list[Span], title: str, brand: str) -> None:
        self._apply_brand_lexicon(tokens)
        if not brand.strip():
            # No brand cell: words in capitals that open a Latin title are most likely the brand
            # ("PRINT SHAPES think positively Laptop Skin"), as long as a non-capital word follows.
            lead = []
            for token in tokens[:3]:
                if token.kind != "word" or not token.text.isupper() or len(token.text) < 2:
                    break
                lead.append(token)
            if lead and len(lead) < len([t for t in tokens if t.kind == "word"]):
                for token in lead:
                    token.role = "brand"
            return
        needle = normalise(brand.strip()).text
        hay = normalise(title)
        at = hay.text.find(needle)
        while at >= 0:
            start, end = hay.raw_span(at, at + len(needle))
            for token in tokens:
                if token.start >= start and token.end <= end and token.kind != "sep":
                    token.role = "brand"
            at = hay.text.find(needle, at + 1)

    def _apply_brand_lexicon(self, tokens: list[Span]) -> None:
        """Words the lexicons do not know that spell a known company brand ("Anker", "华为")."""
        if not self.brands:
            return
        for i, token in enumerate(tokens):
            if token.role != "unknown" or token.kind not in ("word", "han"):
                continue
            for size in (3, 2, 1):
                words = tokens[i : i + size]
                if len(words) < size or any(w.role != "unknown" or w.kind != token.kind for w in words):
                    continue
                if " ".join(w.text for w in words).casefold() in self.brands:
                    for w in words:
                        w.role = "brand"
                    break

    def _apply_compatibility(self, tokens: list[Span]) -> None:
        """Names after 'for' / 'compatible with' / 适用于 are what the product fits, not what it is."""
        for i, token in enumerate(tokens):
            if token.role != "scene:compatibility" or token.entry is None or token.entry.role != "compat":
                continue
            # The target runs over names, models and numbers the lexicon does not know ("iPhone 15 Pro
            # Max", "苹果15") and stops at a separator or at a word with a role of its own. Chinese 专用
            # follows its target (宝马专用脚垫), and a Chinese product word after a named target is the
            # product itself (适用苹果15手机壳).
            postposed = token.text in POSTPOSED_COMPATIBILITY
            following = reversed(tokens[:i]) if postposed else iter(tokens[i + 1 :])
            target: list[Span] = []
            for nxt in following:
                if nxt.kind == "sep":
                    break
                if nxt.role not in COMPATIBILITY_TARGET_ROLES and not (
                    target and nxt.text.casefold() in MODEL_SUFFIXES
                ):
                    break
                if nxt.role == "core" and nxt.kind == "han" and (target or postposed):
                    break
                target.append(nxt)
            for t in target:
                t.role = "scene:compatibility"
            # Without a target it is a plain preposition: "for large dogs" names an audience, not a device.
            token.role = "scene:compatibility" if target else "filler"

    def _choose_core(self, tokens: list[Span]) -> Span | None:
        """The head product; every other product word of the title becomes context.

        Head-final languages (English, German, Chinese, Japanese) put modifiers before the head:
        the head is the last product word before the title's first break ("Fashion Jewellery Alloy
        Necklace, ...", "stainless steel water bottle for gym"); Chinese, written without spaces,
        takes the last of the first run of adjacent product words ("台式机电脑主板套装"). Head-initial
        languages (Spanish, Portuguese, French, Italian, Russian) name the product first ("Funda
        para iPhone", "Футболка женская").
        """
        language = self.lexicon.language
        if language == "zh":
            _product_as_modifier(tokens)
        products = [i for i, t in enumerate(tokens) if t.role == "core"]
        if not products and language in ("zh", "ja"):
            products = _product_by_suffix(tokens) or (_device_as_product(tokens) if language == "zh" else [])
        if not products:
            return None
        head = products[0]
        if language in ("zh", "ja"):
            head = _chinese_head(tokens, products)
        elif language not in HEAD_INITIAL:
            breakers = SEGMENT_BREAKERS.get(language, frozenset())
            for i in range(products[0] + 1, len(tokens)):
                token = tokens[i]
                if token.kind == "sep" or token.role == "scene:compatibility" or token.text.casefold() in breakers:
                    break
                # A repeat of the head ("Phone Case Phone Case") is stuffing, not a new head.
                if token.role == "core" and token.text.casefold() != tokens[head].text.casefold():
                    head = i
        for i in products:
            tokens[i].role = "context"
        tokens[head].role = "core"
        return tokens[head]


# Chinese product nouns mostly end in one of these characters (保温杯, 手机壳, 收纳盒, 充电器 ...). When
# no lexicon word names the product, a word ending in one of them is taken as the head. A product
# character that jieba leaves on its own (垃圾|网, 机|盖, cc|霜) ends a compound with the word written
# right before it. Words of three or more characters come first: two-character words ending in such
# a character are often brand names (冈本, 唯米).
PRODUCT_SUFFIXES = frozenset(
    "器机仪表架袋盒杯瓶罐壶锅碗盘勺筷刀剪笔本册纸膜贴线灯包鞋靴袜衣衫裤裙帽巾被枕垫毯帘套壳罩板片条管扣链环戒镯"
    "钉锤钳锯尺箱柜桌椅床凳镜梳刷皂液乳霜膏油粉露水茶酒糖饼面米肉蛋奶菜鱼虾料剂药丸胶带绳网伞扇球拍车轮"
    "枪饭站夹盖"
)
# Roles of a word that cannot start such a compound.
_NOT_COMPOUND_BEFORE = frozenset({"filler", "brand", "scene:compatibility"})


# Devices the lexicons list as the place or use of an accessory (手机, 摩托车, 笔记本): when a title
# names no other product, the device is what is sold ("华硕笔记本", "四家手机转让").
_DEVICE_ROLES = frozenset({"scene:place", "scene:use"})
_DEVICE_ENDINGS = frozenset("机车本脑板")


def _device_as_product(tokens: list[Span]) -> list[int]:
    for i, token in enumerate(tokens):
        if token.kind == "han" and token.role in _DEVICE_ROLES and token.text[-1] in _DEVICE_ENDINGS:
            token.role = "core"
            return [i]
    return []


def _product_by_suffix(tokens: list[Span]) -> list[int]:
    candidates: list[tuple[int, int]] = []  # (start index, end index) of the word in tokens
    for i, token in enumerate(tokens):
        if token.kind != "han" or token.role != "unknown" or token.text[-1] not in PRODUCT_SUFFIXES:
            continue
        # A word written right before a model number names a brand or series (唯米m5, 小米8).
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after and after.start == token.end and after.role == "attribute:model":
            continue
        if len(token.text) >= 2:
            candidates.append((i, i))
            continue
        before = tokens[i - 1] if i else None
        if (
            before is not None
            and before.end == token.start
            and before.kind in ("han", "word")
            and before.role not in _NOT_COMPOUND_BEFORE
            and before.text[-1] not in PRODUCT_SUFFIXES
        ):
            candidates.append((i - 1, i))
    if not candidates:
        return []
    first, last = min(candidates, key=lambda c: (tokens[c[1]].end - tokens[c[0]].start < 3, c[0]))
    head = Span(tokens[first].start, tokens[last].end, "".join(t.text for t in tokens[first : last + 1]), "core", "han")
    tokens[first : last + 1] = [head]
    return [first]


def _chinese_head(tokens: list[Span], products: list[int]) -> int:
    """The head of a title written without spaces between words.

    Parts are separated by spaces, punctuation or a compatibility word (适用于). In the first part
    with a product word, a product word that ends the part is the head ("乒乓球比赛计分牌" → 计分牌,
    when both are lexicon words); otherwise the last of the first run of adjacent product words
    ("台式机电脑主板套装 防尘" → 主板套装). A first part of at most four characters followed by other
    product parts is a brand or series name ("先马坦克 机箱 ...") and is passed over, and so is a
    bracketed opening ("【送猫薄荷】猫抓板", "【小羽风筝店】"): a gift, a promotion or the shop's name.
    Hosts of a part and gifts are never the head; a more precise later name, or several names
    sharing their last character, can take the head over.
    """
    part: list[int] = []
    current = 0
    for i, token in enumerate(tokens):
        if i and (token.kind == "sep" or tokens[i - 1].end < token.start or token.role == "scene:compatibility"):
            current += 1
        part.append(current)
    opening = _bracketed_opening(tokens)
    hosts = _hosts(tokens, products)
    products = [i for i in products if i not in hosts] or products
    gifts = _gifts(tokens, products, part)
    products = [i for i in products if i not in gifts] or products
    passed_over = hosts | gifts
    with_products = sorted({part[i] for i in products if i not in opening}) or sorted({part[i] for i in products})
    chosen = with_products[0]
    width = sum(t.end - t.start for t, p in zip(tokens, part, strict=True) if p == chosen)
    if width <= 4 and len(with_products) > 1:
        chosen = with_products[1]
    head = max(i for i, p in enumerate(part) if p == chosen)
    if tokens[head].role != "core" or head in passed_over:
        head = next(i for i in products if part[i] == chosen)
        while head + 1 < len(tokens) and tokens[head + 1].role == "core" and head + 1 not in passed_over:
            head += 1
    return _suffix_vote(tokens, products, _more_precise_name(tokens, products, head))


def _hosts(tokens: list[Span], products: list[int]) -> set[int]:
    """Product words named as the host of a part ("洗衣机原装配件离合器", "游戏机用手柄") when a
    product word follows: the part is what is sold. Product words written right before a host name
    it too (主机游戏机用手柄), unless they contain its name: 古筝罩古筝配件 is a cover for the instrument.
    """
    hosts = {i for i in products if _names_a_host(tokens, i) and any(j > i + 1 for j in products)}
    for i in sorted(hosts):
        while i - 1 in products and tokens[i - 1].end == tokens[i].start and tokens[i].text not in tokens[i - 1].text:
            i -= 1
            hosts.add(i)
    return hosts


def _more_precise_name(tokens: list[Span], products: list[int], head: int) -> int:
    """A later product word that ends in the head, or holds it after a modifier, names the same
    product more precisely (龙头 … 水龙头): Chinese compounds put their head last."""
    return next((i for i in products if i > head and tokens[head].text in tokens[i].text[1:]), head)


def _suffix_vote(tokens: list[Span], products: list[int], head: int) -> int:
    """The head of a title that lists several names of its product.

    Keyword-stuffed titles name the product several times in different words that share the last
    character (收纳袋 收纳包 整理袋, 干衣机 烘干机 烘衣机): two or more different product words ending
    in one character outvote a head whose last character fewer product words end in (each mention
    of the head counts: a repeated head is confirmed). The first of them becomes the head.
    """
    groups: dict[str, list[int]] = {}
    for i in products:
        groups.setdefault(tokens[i].text[-1], []).append(i)
    best = max(groups.values(), key=lambda g: len({tokens[i].text for i in g}))
    words = len({tokens[i].text for i in best})
    if words < 2 or words <= len(groups.get(tokens[head].text[-1], ())):
        return head
    # 油烟机清洗机: the first of two names written together describes the second.
    return next(i for i in best if not (i + 1 in best and tokens[i + 1].start == tokens[i].end))


# A product word written right before one of these describes another product: a flavour (菠萝味伏特加),
# a style or shape (栏杆式购物篮, 卷帘式幕布), a colour (咖啡色) or a pattern (鳄鱼纹).
MODIFIER_SUFFIXES = {
    "味": "attribute:feature",
    "口味": "attribute:feature",
    "风味": "attribute:feature",
    "香型": "attribute:feature",
    "式": "attribute:style",
    "型": "attribute:style",
    "款": "attribute:style",
    "纹": "attribute:style",
    "色": "attribute:color",
    # A product word before 店, 厂 or 铺 names the seller (宋夫人的内衣店, 茅台酒厂), not what is sold.
    "店": "filler",
    "厂": "filler",
    "铺": "filler",
    "专卖店": "filler",
    "小店": "filler",
}


def _product_as_modifier(tokens: list[Span]) -> None:
    """Product words glued to a modifier suffix become attributes, unless they are the only ones."""
    glued = [
        (token, MODIFIER_SUFFIXES[after.text])
        for token, after in pairwise(tokens)
        if token.role == "core" and after.start == token.end and after.text in MODIFIER_SUFFIXES
    ]
    if glued and sum(t.role == "core" for t in tokens) > len(glued):
        for token, role in glued:
            token.role = role


# Words that announce a gift or an included extra: the product words right after them are not what
# is sold ("猫奶粉……送奶瓶", "【送猫薄荷】猫抓板", "赠明信片").
GIFT_MARKERS = frozenset({"送", "赠", "赠送", "赠品", "加送", "附赠", "附送", "另送", "内赠", "再送", "含", "内含"})


def _gifts(tokens: list[Span], products: list[int], part: list[int]) -> set[int]:
    """Indexes of the product words a gift marker introduces, up to the end of their run."""
    out: set[int] = set()
    for m, token in enumerate(tokens):
        # 送女友, 送领导: a gift for someone, not a gift with the product.
        after = tokens[m + 1] if m + 1 < len(tokens) else None
        if token.text not in GIFT_MARKERS or (after is not None and after.role == "scene:audience"):
            continue
        j = next((j for j in products if m < j <= m + 3 and part[j] == part[m]), None)
        while j is not None and j < len(tokens) and tokens[j].role == "core" and part[j] == part[m]:
            out.add(j)
            j += 1
    return out


# Words after a product that make it the host a part is made for (配件 = part, 用 = used for).
HOST_MARKERS = frozenset({"配件", "用", "专用", "配套", "替换"})
_HOST_FILLER = frozenset({"原装", "原厂", "正品"})


# Between a host and its marker: the host's model numbers, a list of them (点读机e580/e590专用).
_HOST_MODEL_ROLES = frozenset({"attribute:model", "attribute:spec", "scene:compatibility"})


def _names_a_host(tokens: list[Span], i: int) -> bool:
    for token in tokens[i + 1 : i + 13]:
        if token.text in HOST_MARKERS:
            return True
        if token.text not in _HOST_FILLER and token.role not in _HOST_MODEL_ROLES and token.text != "/":
            return False
    return False


def _bracketed_opening(tokens: list[Span]) -> set[int]:
    """Indexes of the tokens inside a bracket that opens the title."""
    if not tokens or tokens[0].kind != "sep" or tokens[0].text not in "【[（(":
        return set()
    closing = {"【": "】", "[": "]", "（": "）", "(": ")"}[tokens[0].text]
    for i, token in enumerate(tokens[1:], start=1):
        if token.kind == "sep" and token.text == closing:
            return set(range(i + 1))
    return set()


HEAD_INITIAL = frozenset({"es", "pt", "fr", "it", "ru", "uk", "pl", "ro", "ca", "vi", "id", "ms"})
# Words that end the noun phrase naming the product in head-final languages.
SEGMENT_BREAKERS = {
    "en": frozenset({"for", "with", "by", "from", "in", "on", "of", "to", "featuring", "including", "includes", "w/"}),
    "de": frozenset({"für", "mit", "von", "aus", "zum", "zur", "in", "auf", "inkl"}),
    "nl": frozenset({"voor", "met", "van", "uit", "in", "op"}),
    "sv": frozenset({"för", "med", "av", "från", "i", "på"}),
}


_QUANTITY_UNIT = regex.compile(
    r"(?i)(?:pcs?|pieces?|packs?|pk|count|ct|sets?|pairs?|[个件只片支双套包瓶盒袋张卷条根组])$"
)
_SIZE_UNIT = regex.compile(
    r"(?i)(?:[x×*]|\d\s?(?:\"|”|''|′|inch(?:es)?|in|cm|mm|m|km|ft|feet|yd|[寸码米]|英寸|厘米|毫米)$)"
)


def _number_role(text: str) -> str:
    """A pack count is a quantity, a measure of length a size, anything else a specification."""
    if _QUANTITY_UNIT.search(text):
        return "attribute:quantity"
    if _SIZE_UNIT.search(text):
        return "attribute:size"
    return "attribute:spec"


def _cats(entries: list[Entry]) -> frozenset[str]:
    return frozenset(e.category for e in entries if e.category and e.role == "core")


def _best(entries: list[Entry]) -> Entry:
    """The entry that decides a word's role: the user's own first, then by ROLE_ORDER."""
    return min(entries, key=lambda e: (not e.user, ROLE_ORDER.get(e.role, 9)))


def _role(entry: Entry) -> str:
    if entry.role == "compat":
        return "scene:compatibility"
    if entry.role in ("attribute", "scene"):
        return f"{entry.role}:{entry.kind}"
    return entry.role


def _segment(text: str, offset: int) -> list[Span]:
    """Han characters the lexicon does not know, cut into words by jieba (loaded on first use)."""
    out = []
    pos = 0
    for word in segment.cut(text):
        out.append(Span(offset + pos, offset + pos + len(word), word, "unknown", "han"))
        pos += len(word)
    return out
