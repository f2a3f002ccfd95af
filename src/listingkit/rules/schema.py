"""The rule-pack file format, validated strictly: a pack is data, each rule names one kind."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from listingkit.models import Applicability, Category, Severity

FIELD_NAMES = (
    "title",
    "bullets",
    "description",
    "search_terms",
    "images",
    "brand",
    "category",
    "attributes",
    "tags",
    "price",
    "sku",
    "seo_title",
    "seo_description",
    "marketplace",
    "language",
)
FieldName = Literal[
    "title",
    "bullets",
    "description",
    "search_terms",
    "images",
    "brand",
    "category",
    "attributes",
    "tags",
    "price",
    "sku",
    "seo_title",
    "seo_description",
    "marketplace",
    "language",
]


DETAIL_PAGE_FIELDS: tuple[FieldName, ...] = ("title", "attributes", "bullets", "description")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A message or description in English and, optionally, Simplified Chinese."""

    en: str
    zh: str | None = None


def _as_text(value: Any) -> Any:
    return {"en": value} if isinstance(value, str) else value


Example = str | dict[str, Any]


class Examples(Strict):
    pass_: list[Example] = Field(default_factory=list, alias="pass")
    fail: list[Example] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FixSpec(Strict):
    # shorten (length rules on titles): drop the least valuable words until the text fits.
    action: Literal["remove", "replace", "lowercase", "titlecase", "shorten"]
    replacement: str = ""
    applicability: Applicability = Applicability.SAFE
    title: str | None = None


class RuleBase(Strict):
    code: Annotated[str, Field(pattern=r"^LK-[A-Z]{1,3}[0-9]{3}$")]
    name: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    category: Category
    severity: Severity
    message: Text
    description: Text
    link: str | None = None
    fields: list[FieldName] = Field(default_factory=lambda: ["title"])  # type: ignore[arg-type]
    marketplaces: list[str] | None = None
    except_marketplaces: list[str] = Field(default_factory=list)
    languages: list[str] | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    official: bool = True
    examples: Examples = Field(default_factory=Examples)

    _text = field_validator("message", "description", mode="before")(_as_text)

    @field_validator("link")
    @classmethod
    def _link_is_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("link must be an http(s) URL naming the rule's source")
        return value

    @model_validator(mode="after")
    def _sourced(self) -> RuleBase:
        if self.link is None and self.category is not Category.INPUT:
            raise ValueError("a rule needs a link to its source")
        return self

    @model_validator(mode="after")
    def _dates_in_order(self) -> RuleBase:
        if self.effective_from and self.effective_to and self.effective_to <= self.effective_from:
            raise ValueError("effective_to must be after effective_from")
        return self


class LengthRule(RuleBase):
    kind: Literal["length"]
    # words: whitespace-separated words, a Han character counting as one (a description's minimum).
    unit: Literal["characters", "bytes", "cjk_bytes", "words"] = "characters"
    max: int | None = Field(default=None, ge=0)
    min: int | None = Field(default=None, ge=0)
    # item: each item of a list field on its own; joined: all items joined by a space.
    scope: Literal["item", "joined"] = "item"
    ignore_spaces: bool = False
    # Measure what a shopper reads: HTML tags and comments removed, entities decoded.
    visible_text: bool = False
    fix: FixSpec | None = None

    @model_validator(mode="after")
    def _has_bound(self) -> LengthRule:
        if self.max is None and self.min is None:
            raise ValueError("a length rule needs max or min")
        return self


class ExistenceRule(RuleBase):
    kind: Literal["existence"]
    terms: list[str] = Field(default_factory=list)
    terms_files: list[str] = Field(default_factory=list)
    # Phrases in which a term is legitimate ("apple cider vinegar"): a hit inside one is skipped.
    exceptions: list[str] = Field(default_factory=list)
    # Skip hits that fall inside the listing's own brand name as written in the field.
    exempt_own_brand: bool = True
    # Han terms count only when the hit starts and ends on word boundaries of the segmented
    # text, so 最 does not fire inside 最近 (China's Advertising Law terms).
    segmented: bool = False
    fix: FixSpec | None = None

    @model_validator(mode="after")
    def _has_terms(self) -> ExistenceRule:
        if not self.terms and not self.terms_files:
            raise ValueError("an existence rule needs terms or terms_files")
        return self


class RepetitionRule(RuleBase):
    kind: Literal["repetition"]
    max: int = Field(ge=1)
    # Per-language words exempt from the count (articles, prepositions, conjunctions).
    exempt: dict[str, list[str]] = Field(default_factory=dict)
    fold_plurals: bool = True
    ignore_numbers: bool = True
    fix: FixSpec | None = None


class CapitalizationRule(RuleBase):
    kind: Literal["capitalization"]
    check: Literal["all_caps_words", "all_caps_title", "title_case"]
    min_letters: int = Field(default=4, ge=1)
    allow: list[str] = Field(default_factory=list)
    allow_files: list[str] = Field(default_factory=list)
    # Words title case keeps lower-case (articles, short prepositions, conjunctions), per language.
    minor_words: dict[str, list[str]] = Field(default_factory=dict)
    fix: FixSpec | None = None


class PatternPart(Strict):
    """One alternative of a pattern rule, with an optional cheap pre-check.

    `prefilter` is a plain regular expression (Python `re`) that finds something in the lower-cased,
    NFKC-normalised text wherever `pattern` matches; texts where it finds nothing are skipped
    without running `pattern`. Write it in lower case.
    """

    pattern: str
    prefilter: str | None = None
    # Literal words, one of which every match contains (lower case): checked for all parts at once,
    # before any expression runs. With `prefilter` too, both must find something.
    prefilter_terms: list[str] = Field(default_factory=list)


class PatternRule(RuleBase):
    kind: Literal["pattern"]
    # One expression, or several alternatives compiled separately: a long alternation of
    # look-behinds is far slower in one expression than its parts are one by one.
    pattern: str | list[str | PatternPart]
    mode: Literal["must_not_match", "must_match"] = "must_not_match"
    ignore_case: bool = True
    # Amazon: banned characters are allowed when they are part of a (non-empty) brand name.
    allow_inside_brand: bool = False
    fix: FixSpec | None = None


class RequiredRule(RuleBase):
    kind: Literal["required"]
    min_count: int = Field(default=1, ge=0)
    max_count: int | None = Field(default=None, ge=0)
    # Completeness rules judge the columns a file has: an export without an image column is a
    # partial export, not a catalog of listings without images.
    skip_without_column: bool = False


class FormulaRule(RuleBase):
    """Checks of the title formula (core word + attribute words + scene words) on the tagged title."""

    kind: Literal["formula"]
    check: Literal["core", "core_position", "attribute", "scene", "stuffing", "filler", "order"]
    # core_position: the core word must start within this many characters after the brand.
    max_core_start: int = Field(default=40, ge=1)
    max_core_start_cjk: int = Field(default=15, ge=1)
    # filler: the share of filler and unknown words a title may have.
    max_share: float = Field(default=0.5, gt=0, le=1)
    # stuffing: how many product words from other categories a title may name.
    max_unrelated: int = Field(default=1, ge=0)
    suggest: int = Field(default=5, ge=0, le=20)


class BrandRule(RuleBase):
    """Brand, character and franchise names from a lexicon folder, judged by how they are used."""

    kind: Literal["brand"]
    # Which uses this rule reports; every brand rule of a run shares one matching pass.
    situation: Literal["third-party", "character", "compatibility-infringing", "compatibility-allowed", "counterfeit"]
    lexicon: str = "ip"
    # Phrases that name a brand as the thing copied ("replica", "inspired by", "高仿").
    counterfeit_terms_files: list[str] = Field(default_factory=list)
    # Phrases that offer a copy only when a brand follows them ("inspired by Chanel", "平替").
    comparison_terms_files: list[str] = Field(default_factory=list)
    # Words that make a name that is also a common word read as a character or brand when they
    # sit next to it ("Frozen printed", "Barbie doll", "Chucky costume").
    merchandise_terms_files: list[str] = Field(default_factory=list)
    # Phrases before a device or platform brand that name a part the product is built with
    # ("with Intel Core i3", "powered by Android", "搭载骁龙"): allowed like a compatibility phrase.
    ingredient_terms: list[str] = Field(default_factory=list)
    # Fields where a word one edit away from a name counts (short fields; descriptions are long prose).
    fuzzy_fields: list[FieldName] = Field(default_factory=lambda: ["title", "search_terms", "tags"])  # type: ignore[arg-type]
    fix: FixSpec | None = None


class BuiltinRule(RuleBase):
    """A check implemented in code (reading the input, grouping rows); its text lives in the pack."""

    kind: Literal["builtin"]


class ImageRule(RuleBase):
    """Checks of the image references, and of the main image's file when `--images-dir` has it."""

    kind: Literal["image"]
    check: Literal["reference", "extension", "duplicate", "main_size", "main_background", "main_ratio", "local_missing"]
    fields: list[FieldName] = Field(default_factory=lambda: ["images"])  # type: ignore[arg-type]
    # extension: the file types the marketplace accepts (lower case, no dot); others are reported.
    extensions: list[str] = Field(default_factory=list)
    # main_size: the main image's sides, in pixels.
    min_longest_side: int | None = Field(default=None, ge=1)
    min_shortest_side: int | None = Field(default=None, ge=1)
    # main_background: the share of the outer frame's pixels that must be near-white.
    min_white: float = Field(default=0.9, gt=0, le=1)
    # main_ratio: width / height must lie within these bounds (1 and 1 for square).
    min_ratio: float = Field(default=1.0, gt=0)
    max_ratio: float = Field(default=1.0, gt=0)
    # main_ratio: a tolerance either side, so 1600 x 1601 still counts as square.
    ratio_tolerance: float = Field(default=0.02, ge=0, lt=1)

    @model_validator(mode="after")
    def _has_parameters(self) -> ImageRule:
        if self.check == "extension" and not self.extensions:
            raise ValueError("an extension check needs the accepted extensions")
        if self.check == "main_size" and self.min_longest_side is None and self.min_shortest_side is None:
            raise ValueError("a main_size check needs min_longest_side or min_shortest_side")
        if self.min_ratio > self.max_ratio:
            raise ValueError("min_ratio must not exceed max_ratio")
        return self


class SimilarityRule(RuleBase):
    """An item that repeats another field (a bullet that is the title again) or another item."""

    kind: Literal["similarity"]
    fields: list[FieldName] = Field(default_factory=lambda: ["bullets"])  # type: ignore[arg-type]
    # A field to compare each item with, or `self` for the items of the same field with each other.
    compare_to: FieldName | Literal["self"] = "title"
    # 0-100, rapidfuzz's token sort ratio of the case-folded texts.
    min_similarity: float = Field(default=90, gt=0, le=100)
    # Items shorter than this (characters) are not compared: "Waterproof" may well be in the title.
    min_length: int = Field(default=15, ge=1)


class ElementRule(RuleBase):
    """A piece of information the detail page must state (material, package contents, warranty ...).

    Elements and the words that state them are data: `keywords/detail/*.yaml`.
    """

    kind: Literal["element"]
    element: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    fields: list[FieldName] = Field(default_factory=lambda: list(DETAIL_PAGE_FIELDS))
    # Lexicon category ids (phone-accessories, toys-games ...) the rule applies to; all when absent.
    categories: list[str] | None = None


class IdentifierRule(RuleBase):
    """Product identifiers: a GTIN with a valid check digit, a GTIN or an MPN, a required attribute."""

    kind: Literal["identifier"]
    check: Literal["gtin_valid", "gtin_or_mpn", "attribute"]
    fields: list[FieldName] = Field(default_factory=lambda: ["attributes"])  # type: ignore[arg-type]
    # attribute: one of these attribute names must have a value.
    attributes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _names_attributes(self) -> IdentifierRule:
        if self.check == "attribute" and not self.attributes:
            raise ValueError("an attribute check needs the attribute names")
        return self


class HtmlRule(RuleBase):
    """HTML in a cell as the marketplace receives it: tags it does not allow, text a shopper cannot see."""

    kind: Literal["html"]
    check: Literal["tags", "hidden_text"]
    fields: list[FieldName] = Field(default_factory=lambda: ["description"])  # type: ignore[arg-type]
    # tags: the tags allowed (lower case names); every other tag is reported.
    allowed_tags: list[str] = Field(default_factory=list)


class LocaleRule(RuleBase):
    """A listing in its market's language: a field's language, untranslated fragments, mojibake,
    units and sizes the market does not use, a currency that is not the market's."""

    kind: Literal["locale"]
    check: Literal["language", "script", "english", "mojibake", "units", "sizes", "currency", "local_word"]
    # language: the confidence a field's identified language needs before it is reported.
    min_confidence: float = Field(default=0.8, gt=0, le=1)
    # english: how many English words in a row make an untranslated fragment.
    min_words: int = Field(default=2, ge=1)
    # currency: the symbols and codes the market uses.
    currencies: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_currencies(self) -> LocaleRule:
        if self.check == "currency" and not self.currencies:
            raise ValueError("a currency check needs the market's currencies")
        return self


class DuplicateRule(RuleBase):
    """Listings with the same main image and the same or nearly the same title, found through an index."""

    kind: Literal["duplicate"]
    fields: list[FieldName] = Field(default_factory=lambda: ["title"])  # type: ignore[arg-type]
    # 0-100, rapidfuzz's token sort ratio of the normalised titles; 100 means identical words.
    min_similarity: float = Field(default=90, gt=0, le=100)


Rule = Annotated[
    LengthRule
    | ExistenceRule
    | RepetitionRule
    | CapitalizationRule
    | PatternRule
    | RequiredRule
    | FormulaRule
    | BrandRule
    | ImageRule
    | SimilarityRule
    | ElementRule
    | IdentifierRule
    | DuplicateRule
    | HtmlRule
    | LocaleRule
    | BuiltinRule,
    Field(discriminator="kind"),
]


class Pack(Strict):
    pack: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    title: str
    description: str = ""
    marketplaces: list[str] = Field(default_factory=lambda: ["*"])
    rules: list[Rule]
