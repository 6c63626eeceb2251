"""Find the regions and programs a text is about, from the names in the database.

Regions match as whole words, longest name first, so "Manggarai Barat" is never
also "Manggarai" and "Kupang Barat" (a district) is never also "Kupang". A
region's aliases outrank a bare name that several regions share: "Kupang" on
its own is the city (its alias), while the regency is "Kabupaten Kupang",
"Bupati Kupang" or its capital Oelamasi. A name written all in lower case is
not a place ("belum" never matches Belu, "borong" never Borong), and the
newspaper names "Pos Kupang" / "POS-KUPANG.COM" are blanked out first.
"""

import re
from collections import Counter
from collections.abc import Iterable
from typing import Generic, TypeVar

from articles.models import ProgramTag
from regions.models import Region

T = TypeVar("T")

NEWSPAPER_NAMES = re.compile(r"\bpos[\s-]*kupang(?:\.com)?\b", re.IGNORECASE)

# How much a mention counts towards choosing the primary region.
TITLE_WEIGHT = 3
DATELINE_WEIGHT = 2


class NameIndex(Generic[T]):
    """Whole-word, longest-first lookup of names in a text.

    Acronyms ("JKK", "NTT") match only in capitals; other names in any case,
    unless ``proper_nouns`` is set, when a match written all in lower case is
    skipped (a place name is capitalised; "belum" is not Belu).
    """

    def __init__(self, names: dict[str, T], *, proper_nouns: bool):
        self._items = {name.casefold(): item for name, item in names.items()}
        self._acronyms = {name.casefold() for name in names if name.isupper() and " " not in name}
        self._proper_nouns = proper_nouns
        self._pattern = re.compile(rf"(?<!\w){_trie_pattern(names)}(?!\w)", re.IGNORECASE)

    def find(self, text: str) -> list[T]:
        """Every item named in ``text``, in order, repeats included."""
        found = []
        for match in self._pattern.finditer(text):
            written = match.group()
            key = written.casefold()
            if key in self._acronyms and not written.isupper():
                continue
            if self._proper_nouns and written.islower():
                continue
            found.append(self._items[key])
        return found


def stored_names(values: object) -> list[str]:
    """The names in a stored list (aliases are JSON an admin can fill with anything):
    the strings that are not blank, trimmed; anything else is no name."""
    if not isinstance(values, list):
        return []
    return [value.strip() for value in values if isinstance(value, str) and value.strip()]


def _trie_pattern(names: Iterable[str]) -> str:
    """A regex for any of ``names``, the longest that fits at a place, shaped as a trie.

    "Kupang", "Kupang Barat" and "Kab. Kupang" become, in effect,
    ``kab. kupang|kupang( barat)?``: at each letter the engine follows the one
    branch that fits, trying the longer name before the shorter, so it finds what
    a longest-first list of alternatives would without trying every name at every
    word. Letters are keyed in lower case, as ``re.IGNORECASE`` compares them.
    """
    trie: dict = {}
    for name in names:
        node = trie
        for letter in name.lower():
            node = node.setdefault(letter, {})
        node[""] = {}

    def branches(node: dict) -> str:
        longer = [re.escape(letter) + branches(rest) for letter, rest in node.items() if letter]
        if not longer:
            return ""
        either = longer[0] if len(longer) == 1 else f"(?:{'|'.join(longer)})"
        return f"(?:{either})?" if "" in node else either

    # No names: a pattern that never matches.
    return f"(?:{branches(trie)})" if trie else "(?!)"


class RegionMatcher:
    """Built once per batch from one query; matching itself touches no database."""

    def __init__(self, regions: list[Region]):
        self._by_slug = {region.slug: region for region in regions}
        names: dict[str, Region] = {}
        aliases: dict[str, Region] = {}
        for region in regions:
            for name in self._prefixed_names(region):
                names.setdefault(name, region)
            for alias in stored_names(region.aliases):
                aliases[alias] = region
        self._index = NameIndex({**names, **aliases}, proper_nouns=True)

    @classmethod
    def from_db(cls) -> "RegionMatcher":
        return cls(list(Region.objects.all()))

    @staticmethod
    def _prefixed_names(region: Region) -> list[str]:
        name = region.name
        if region.kind == Region.Kind.REGENCY:
            return [name, f"Kabupaten {name}", f"Kab. {name}", f"Bupati {name}"]
        if region.kind == Region.Kind.CITY:
            bare = name.removeprefix("Kota ")
            return [name, f"Wali Kota {bare}", f"Walikota {bare}"]
        if region.kind == Region.Kind.DISTRICT:
            return [name, f"Kecamatan {name}"]
        if region.kind == Region.Kind.VILLAGE:
            return [name, f"Desa {name}", f"Kelurahan {name}"]
        return [name, f"Provinsi {name}"]

    def find(self, text: str) -> list[Region]:
        return self._index.find(NEWSPAPER_NAMES.sub(" ", text))

    def _top_level(self, region: Region) -> Region:
        """The regency or city a place belongs to (the province stays itself)."""
        slugs = region.ancestor_slugs()
        return self._by_slug.get(slugs[1], region) if len(slugs) > 1 else region

    def match(self, *, title: str, text: str, dateline_city: str) -> list[str]:
        """The slugs of the regions a text names, the primary (most-talked-about) first."""
        mentions = self.find(text)
        title_mentions = self.find(title)
        dateline = self.find(dateline_city)[:1]

        scores: Counter[str] = Counter()
        for region in mentions:
            scores[self._top_level(region).slug] += 1
        for region in title_mentions:
            scores[self._top_level(region).slug] += TITLE_WEIGHT
        for region in dateline:
            scores[self._top_level(region).slug] += DATELINE_WEIGHT

        ordered: list[str] = []
        for region in [*dateline, *title_mentions, *mentions]:
            for slug in region.ancestor_slugs()[1:]:
                if slug not in ordered:
                    ordered.append(slug)
        if not ordered:
            province = [region.slug for region in mentions if region.kind == Region.Kind.PROVINCE]
            return province[:1]

        top_level = [slug for slug in ordered if slug in scores]
        # Highest score wins; a tie goes to the place named first.
        primary = max(top_level, key=lambda slug: (scores[slug], -top_level.index(slug)))
        rest = sorted(
            (slug for slug in ordered if slug != primary),
            key=lambda slug: (-scores[slug], ordered.index(slug)),
        )
        return [primary, *rest]


class ProgramMatcher:
    """Programs by short name, full name or alias."""

    def __init__(self, programs: list[ProgramTag]):
        names: dict[str, ProgramTag] = {}
        for program in programs:
            for name in stored_names(
                [program.name, program.full_name, *stored_names(program.aliases)]
            ):
                names.setdefault(name, program)
        self._index = NameIndex(names, proper_nouns=False)

    @classmethod
    def from_db(cls) -> "ProgramMatcher":
        return cls(list(ProgramTag.objects.all()))

    def match(self, text: str) -> list[str]:
        """Slugs of the programs named, in order of first mention."""
        return list(dict.fromkeys(program.slug for program in self._index.find(text)))
