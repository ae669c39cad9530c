"""Search-box syntax (`Filter`, `parse_query`) and the in-memory `Catalog` that filters 100k rows.

The catalog keeps browse columns as numpy arrays sorted by date (newest first) and one
uint64 bitmask matrix per multi-valued facet, so a filter is a few bit tests plus a
`searchsorted` on dates; facet counts are `bincount`s over (row, value) pairs.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import NamedTuple, Protocol

import numpy as np

from desktop.core.searchsyntax import fold, terms
from desktop.i18n import _

# ---------------------------------------------------------------------------------- Filter

MULTI_FACETS = ("country", "partner", "sector", "person", "org")
SINGLE_FACETS = ("lang", "source")
FACETS = MULTI_FACETS + SINGLE_FACETS
# facet kind -> Filter attribute
FACET_FIELD = {
    "country": "countries",
    "partner": "partners",
    "sector": "sectors",
    "person": "people",
    "org": "orgs",
    "lang": "langs",
    "source": "sources",
}


@dataclass
class Filter:
    """What the user asked for: free text plus facet selections (OR within, AND across)."""

    text: str = ""
    countries: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    date_from: str | None = None  # ISO YYYY-MM-DD, inclusive
    date_to: str | None = None  # ISO YYYY-MM-DD, inclusive

    def selected(self, kind: str) -> list[str]:
        """Values selected in facet `kind` (country, partner, sector, person, org, lang, source)."""
        return getattr(self, FACET_FIELD[kind])

    def without(self, kind: str) -> Filter:
        """A copy with facet `kind`'s selection cleared (for calibre-style facet counts)."""
        return replace(self, **{FACET_FIELD[kind]: []})

    def is_empty(self) -> bool:
        """True when nothing restricts the result (every article matches)."""
        return not (self.text.strip() or self.date_from or self.date_to
                    or any(self.selected(k) for k in FACETS))

    def to_query(self) -> str:
        """The search-box text that parses back to this filter (saved searches, round trips)."""
        parts: list[str] = []
        for kind in FACETS:
            for v in self.selected(kind):
                parts.append(f'{kind}:"{v}"' if (" " in v or not v) else f"{kind}:{v}")
        if self.date_from:
            parts.append(f"from:{self.date_from}")
        if self.date_to:
            parts.append(f"to:{self.date_to}")
        if self.text.strip():
            parts.append(self.text.strip())
        return " ".join(parts)


class QueryError(ValueError):
    """A search-box query that cannot be parsed; `position` is the offending character index."""

    def __init__(self, message: str, position: int = 0):
        super().__init__(message)
        self.message = message
        self.position = position


# Keys in English, Kazakh and Russian (all matched case-insensitively).
_KEY_ALIASES: dict[str, str] = {}
for _canon, _names in {
    "country": "country countries ел елдер страна страны",
    "partner": "partner partners серіктес әріптес партнер партнёр",
    "sector": "sector sectors сала салалар сектор отрасль",
    "person": "person people тұлға адам персона лицо",
    "org": "org organisation organization ұйым организация орг",
    "lang": "lang language тіл язык",
    "source": "source src дереккөз көз источник",
    "from": "from since бастап с от",
    "to": "to until дейін по до",
    "date": "date күні дата",
}.items():
    for _n in _names.split():
        _KEY_ALIASES[_n] = _canon

_LANG_ALIASES = {
    "kk": "kk", "kz": "kk", "kaz": "kk", "қаз": "kk", "каз": "kk", "қазақ": "kk", "казахский": "kk",
    "ru": "ru", "rus": "ru", "рус": "ru", "орыс": "ru", "русский": "ru",
    "other": "other", "басқа": "other", "другой": "other", "другие": "other",
}

_KEY_RE = re.compile(r"([^\W\d_][\w-]*):")
_DATE_FORMS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), ("y", "m")),
    (re.compile(r"^(\d{4})$"), ("y",)),
)


def parse_date(value: str, *, end: bool = False) -> str:
    """ISO date for `2025-11-01`, `01.11.2025`, `2025-11` or `2025` (period start, or end if `end`)."""
    for rx, parts in _DATE_FORMS:
        m = rx.match(value.strip())
        if not m:
            continue
        got = dict(zip(parts, (int(g) for g in m.groups()), strict=True))
        y = got["y"]
        mo = got.get("m", 12 if end else 1)
        if "d" in got:
            d = got["d"]
        elif end:
            d = 31 if mo == 12 else (_dt.date(y, mo + 1, 1) - _dt.timedelta(days=1)).day
        else:
            d = 1
        try:
            return _dt.date(y, mo, d).isoformat()
        except ValueError:
            break
    raise ValueError(value)


def _read_value(text: str, i: int) -> tuple[str, int]:
    """Value after `key:` at index i: a quoted string or a run of non-space characters."""
    n = len(text)
    if i < n and text[i] in "\"«“":
        close = {"\"": "\"", "«": "»", "“": "”"}[text[i]]
        j = text.find(close, i + 1)
        if j < 0:
            raise QueryError(_("The quotation mark is not closed."), i)
        return text[i + 1 : j], j + 1
    j = i
    while j < n and not text[j].isspace():
        j += 1
    return text[i:j], j


class ValueResolver(Protocol):
    """Turns typed field values (ids or names in kk/ru/en) into ids; see
    `analysis.search_names.ValueResolver`."""

    def checks(self, kind: str) -> bool: ...
    def resolve(self, kind: str, value: str) -> str | None: ...
    def suggest(self, kind: str, value: str, n: int = 3) -> list[str]: ...


@dataclass(frozen=True)
class Understood:
    """How part of the query was read, for the search box to say (“Tokayev → person: …”).

    `kind` is a facet kind (country, partner, sector, person, org, source); `value` its id;
    `position` the index in the query text of what was `typed`.
    """

    typed: str
    kind: str
    value: str
    position: int


def parse_query(text: str, resolver: ValueResolver | None = None,
                understood: list[Understood] | None = None) -> Filter:
    """Parse the search box (`country:UZ sector:trade lang:kk from:… "phrase" words*`) into a Filter.

    Facet values may be names in kk/ru/en (`country:Өзбекстан`, `sector:сауда`). With a
    `resolver` (a library's: `Library.value_resolver()`) an unknown value is a QueryError at
    its position with the closest suggestions; without one, names the gazetteers know are
    still read as ids and other values are kept as typed. Values read as something other
    than typed are appended to `understood`.
    """
    strict = resolver is not None
    if resolver is None:
        resolver = _gazetteer_resolver()
    f = Filter()
    free: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        m = _KEY_RE.match(text, i)
        if m:
            key = _KEY_ALIASES.get(m.group(1).casefold())
            if key is None:
                raise QueryError(
                    _("Unknown search key “{key}”. Known keys: {keys}.").format(
                        key=m.group(1),
                        keys="country, partner, sector, person, org, lang, source, from, to, date"),
                    i)
            vpos = m.end()
            raw, i = _read_value(text, vpos)
            values = [v.strip() for v in raw.split(",")] if key not in ("from", "to", "date") else [raw]
            values = [v for v in values if v]
            if not values:
                raise QueryError(_("“{key}:” needs a value.").format(key=m.group(1)), vpos)
            if resolver is not None and resolver.checks(key):
                lead = 1 if text[vpos:vpos + 1] in ("\"", "«", "“") else 0
                values = _resolve(key, values, raw, vpos, lead, resolver, understood, strict,
                                  typed_key=m.group(1))
            _apply(f, key, values, vpos)
            continue
        if text[i] in "\"«“":
            close = {"\"": "\"", "«": "»", "“": "”"}[text[i]]
            j = text.find(close, i + 1)
            if j < 0 and close != "\"":
                j = text.find("\"", i + 1)
            if j < 0:
                raise QueryError(_("The quotation mark is not closed."), i)
            end = j + 1
            if end < n and text[end] == "*":
                end += 1
            free.append(text[i:end])
            i = end
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in "\"«“":
            j += 1
        free.append(text[i:j])
        i = j
    f.text = " ".join(free)
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise QueryError(_("The start date {start} is after the end date {end}.").format(
            start=f.date_from, end=f.date_to), 0)
    try:
        terms(f.text)
    except ValueError as e:
        raise QueryError(_("The quotation mark is not closed."), 0) from e
    return f


def _gazetteer_resolver() -> ValueResolver | None:
    """Names from the gazetteers alone (no library), or None if the rules cannot load."""
    try:
        from desktop.analysis.search_names import ValueResolver as _Resolver

        return _Resolver()
    except Exception:  # noqa: BLE001 - names are a convenience; ids still work
        return None


def _resolve(key: str, values: list[str], raw: str, vpos: int, lead: int,
             resolver: ValueResolver, understood: list[Understood] | None,
             strict: bool = True, typed_key: str = "") -> list[str]:
    """Ids for typed values (names accepted); QueryError with suggestions when unknown.
    `lead` = 1 when the value was quoted (positions count from the quotation mark)."""
    out: list[str] = []
    at = 0
    for v in values:
        at = raw.find(v, at)
        pos = vpos + lead + max(at, 0)
        if not strict and key in ("country", "partner") and len(v) == 2 and v.isascii():
            out.append(v.upper())  # an ISO code: no need to load the gazetteers for it
            at += len(v)
            continue
        try:
            got = resolver.resolve(key, v)
        except Exception:  # noqa: BLE001 - a broken rule file must not break searching
            if strict:
                raise
            got = None
        if got is None and not strict:
            out.append(v)
            at += len(v)
            continue
        if got is None:
            near = resolver.suggest(key, v)
            # the key as typed (ел:, страна:, country:) reads in the user's language
            msg = _("Unknown value “{value}” for “{key}:”.").format(key=typed_key or key,
                                                                     value=v)
            if near:
                msg += " " + _("Did you mean: {values}?").format(values=", ".join(near))
            raise QueryError(msg, pos)
        if understood is not None and got != v:
            understood.append(Understood(v, key, got, pos))
        out.append(got)
        at += len(v)
    return out


def _apply(f: Filter, key: str, values: list[str], pos: int) -> None:
    if key in ("from", "to", "date"):
        value = values[0]
        try:
            start = parse_date(value)
            end = parse_date(value, end=True)
        except ValueError:
            raise QueryError(
                _("“{value}” is not a date; write it as YYYY-MM-DD, e.g. 2025-11-01.").format(
                    value=value), pos) from None
        if key in ("from", "date"):
            f.date_from = start
        if key in ("to", "date"):
            f.date_to = end
        return
    if key == "lang":
        out = []
        for v in values:
            code = _LANG_ALIASES.get(v.casefold())
            if code is None:
                raise QueryError(_("Unknown language “{value}”; use kk, ru or other.").format(
                    value=v), pos)
            out.append(code)
        values = out
    elif key in ("country", "partner"):
        values = [v.upper() for v in values]
    target = f.selected(key)
    for v in values:
        if v not in target:
            target.append(v)


# ---------------------------------------------------------------------------------- Catalog

NODATE = np.iinfo(np.int32).min
_EPOCH = _dt.date(1970, 1, 1)
_BITS_MAX_VALUES = 4096  # above this a facet is filtered through its (row, value) pairs
# bit j of byte value b, as a (256, 8) matrix: counts of set bits from a histogram of bytes
_BYTE_BITS = ((np.arange(256)[:, None] >> np.arange(8)) & 1).astype(np.int64)


def iso_to_day(value: str | None) -> int:
    """Days since 1970-01-01 for an ISO date, NODATE when missing or invalid."""
    if not value:
        return NODATE
    try:
        return (_dt.date.fromisoformat(value[:10]) - _EPOCH).days
    except ValueError:
        return NODATE


def day_to_iso(day: int) -> str | None:
    return None if day == NODATE else (_EPOCH + _dt.timedelta(days=int(day))).isoformat()


@dataclass
class TagColumn:
    """A multi-valued column: row i has codes[offsets[i]:offsets[i+1]] into `values`."""

    offsets: np.ndarray  # int64, len n+1
    codes: np.ndarray  # int32
    values: list[str]

    @classmethod
    def from_lists(cls, lists: Sequence[Sequence[str]]) -> TagColumn:
        index: dict[str, int] = {}
        codes: list[int] = []
        offsets = np.zeros(len(lists) + 1, dtype=np.int64)
        for i, row in enumerate(lists):
            for v in row:
                codes.append(index.setdefault(v, len(index)))
            offsets[i + 1] = len(codes)
        return cls(offsets, np.asarray(codes, dtype=np.int32), list(index))

    def take(self, order: np.ndarray) -> TagColumn:
        """Rows reordered as `order` (vectorised gather of variable-length lists)."""
        lengths = np.diff(self.offsets)[order]
        new_off = np.zeros(len(order) + 1, dtype=np.int64)
        np.cumsum(lengths, out=new_off[1:])
        starts = self.offsets[:-1][order]
        idx = np.repeat(starts - new_off[:-1], lengths) + np.arange(new_off[-1], dtype=np.int64)
        return TagColumn(new_off, self.codes[idx], self.values)


class _Rows(NamedTuple):
    """Rows to count: lo:hi, optionally only where `mask` (positions `idx`, relative to lo);
    `complement` = these are the rows that do NOT match (subtract from the library's)."""

    lo: int
    hi: int
    mask: np.ndarray | None
    idx: np.ndarray | None
    complement: bool


class Catalog:
    """Browse columns of a library, newest first, with bitmask facets; holds no article text."""

    def __init__(
        self,
        ids: np.ndarray,
        days: np.ndarray,
        lang: tuple[np.ndarray, list[str]],
        source: tuple[np.ndarray, list[str]],
        titles: np.ndarray,
        origins: np.ndarray | None = None,
        tags: Mapping[str, TagColumn] | None = None,
        sort_keys: Mapping[str, np.ndarray] | None = None,
    ):
        """Columns in any row order (sorted here); `sort_keys` = precomputed ranks per column."""
        ids = np.asarray(ids, dtype=np.int64)
        days = np.asarray(days, dtype=np.int32)
        n = len(ids)
        tags = dict(tags or {})
        for kind in MULTI_FACETS:
            tags.setdefault(kind, TagColumn(np.zeros(n + 1, np.int64), np.zeros(0, np.int32), []))
        # newest first; undated last; ties by id descending
        dkey = np.where(days == NODATE, np.int64(2**40), -days.astype(np.int64))
        order = np.lexsort((-ids, dkey))
        if not np.array_equal(order, np.arange(n)):
            ids, days, dkey = ids[order], days[order], dkey[order]
            lang = (np.asarray(lang[0])[order], lang[1])
            source = (np.asarray(source[0])[order], source[1])
            titles = np.asarray(titles, dtype=object)[order]
            origins = None if origins is None else np.asarray(origins, dtype=object)[order]
            tags = {k: t.take(order) for k, t in tags.items()}
            sort_keys = {k: np.asarray(v)[order] for k, v in (sort_keys or {}).items()}
        self.ids = ids
        self.days = days
        self._dkey = dkey
        self.lang_codes = np.asarray(lang[0], dtype=np.int16)
        self.lang_values = list(lang[1])
        self.source_codes = np.asarray(source[0], dtype=np.int32)
        self.source_values = list(source[1])
        self.titles = np.asarray(titles, dtype=object)
        self.origins = None if origins is None else np.asarray(origins, dtype=object)
        self.tags: dict[str, TagColumn] = tags
        self._id_order = np.argsort(ids, kind="stable")
        self._sorted_ids = ids[self._id_order]
        self._dense: np.ndarray | bool | None = None  # id → position, built on first use
        self._lookup: dict[str, dict[str, int]] = {}
        self._pair_rows: dict[str, np.ndarray] = {}
        self._bits: dict[str, np.ndarray | None] = {}
        self._all_counts: dict[str, np.ndarray] = {}
        self._single_codes: dict[str, np.ndarray] = {}
        self._value_rank: dict[str, np.ndarray] = {}
        self._sort_keys: dict[str, np.ndarray] = {
            k: np.asarray(v, dtype=np.int64) for k, v in (sort_keys or {}).items()}
        for kind in MULTI_FACETS:
            self._build_bits(kind)

    # -- construction helpers
    @classmethod
    def from_records(cls, records: Iterable[Mapping]) -> Catalog:
        """Build from dicts with id, date, lang, source, title, origin and tag lists per facet."""
        recs = list(records)
        langs = TagColumn.from_lists([[r.get("lang") or "other"] for r in recs])
        srcs: dict[str, int] = {}
        scodes = [srcs.setdefault(r["source"], len(srcs)) if r.get("source") else -1 for r in recs]
        tags = {k: TagColumn.from_lists([r.get(k) or [] for r in recs]) for k in MULTI_FACETS}
        return cls(
            ids=np.array([r["id"] for r in recs], dtype=np.int64),
            days=np.array([iso_to_day(r.get("date")) for r in recs], dtype=np.int32),
            lang=(langs.codes, langs.values),
            source=(np.array(scodes, dtype=np.int32), list(srcs)),
            titles=np.array([r.get("title") or "" for r in recs] + [None], dtype=object)[:-1],
            origins=np.array([r.get("origin") or "" for r in recs] + [None], dtype=object)[:-1],
            tags=tags,
        )

    def _build_bits(self, kind: str) -> None:
        col = self.tags[kind]
        n = len(self.ids)
        rows = np.repeat(np.arange(n, dtype=np.int32), np.diff(col.offsets))
        self._pair_rows[kind] = rows
        nvals = len(col.values)
        if nvals > _BITS_MAX_VALUES:
            self._bits[kind] = None
            return
        words = max(1, (nvals + 63) // 64)
        bits = np.zeros(words * n, dtype=np.uint64)
        codes = col.codes.astype(np.int64)
        np.bitwise_or.at(bits, (codes >> 6) * n + rows,
                         np.left_shift(np.uint64(1), (codes & 63).astype(np.uint64)))
        self._bits[kind] = bits.reshape(words, n)

    # -- basic access
    def __len__(self) -> int:
        return len(self.ids)

    def values(self, kind: str) -> list[str]:
        """All values known in facet `kind`."""
        if kind == "lang":
            return list(self.lang_values)
        if kind == "source":
            return list(self.source_values)
        return list(self.tags[kind].values)

    def _codes(self, kind: str, wanted: Iterable[str]) -> list[int]:
        table = self._lookup.get(kind)
        if table is None:
            table = {fold(v): i for i, v in enumerate(self.values(kind))}
            self._lookup[kind] = table
        return sorted({table[fold(v)] for v in wanted if fold(v) in table})

    def position_of(self, article_id: int) -> int | None:
        """Row position of an article id, or None when it is not in the catalog."""
        i = int(np.searchsorted(self._sorted_ids, article_id))
        if i < len(self._sorted_ids) and self._sorted_ids[i] == article_id:
            return int(self._id_order[i])
        return None

    def positions_of(self, ids: Iterable[int] | np.ndarray) -> np.ndarray:
        """Row positions of the given ids that are in the catalog (unknown ids dropped)."""
        ids = np.asarray(ids if isinstance(ids, np.ndarray) else list(ids), dtype=np.int64)
        if not len(ids) or not len(self.ids):
            return np.zeros(0, dtype=np.int64)
        dense = self._dense_positions()
        if dense is not None:  # ids of a library are dense: one gather, no binary search
            ids = ids[(ids >= 0) & (ids < len(dense))]
            pos = dense[ids]
            return pos[pos >= 0].astype(np.int64)
        i = np.searchsorted(self._sorted_ids, ids)
        i = np.minimum(i, len(self._sorted_ids) - 1)
        ok = self._sorted_ids[i] == ids
        return self._id_order[i[ok]].astype(np.int64)

    def _dense_positions(self) -> np.ndarray | None:
        """Position of each id (-1: none) when ids are few enough to index directly."""
        if self._dense is None:
            top = int(self._sorted_ids[-1]) if len(self._sorted_ids) else 0
            if 0 <= int(self._sorted_ids[0]) and top < 4 * len(self.ids) + 1024:
                d = np.full(top + 1, -1, dtype=np.int32)
                d[self._sorted_ids] = self._id_order
                self._dense = d
            else:
                self._dense = False
        return self._dense if self._dense is not False else None

    def tags_of(self, kind: str, pos: int) -> list[str]:
        col = self.tags[kind]
        return [col.values[c] for c in col.codes[col.offsets[pos] : col.offsets[pos + 1]]]

    def row(self, pos: int) -> dict:
        """Display values for one row position (no article text)."""
        sc = int(self.source_codes[pos])
        d = {
            "id": int(self.ids[pos]),
            "date": day_to_iso(int(self.days[pos])),
            "lang": self.lang_values[int(self.lang_codes[pos])],
            "source": self.source_values[sc] if sc >= 0 else None,
            "title": self.titles[pos],
            "origin": self.origins[pos] if self.origins is not None else None,
        }
        for kind in MULTI_FACETS:
            d[FACET_FIELD[kind]] = self.tags_of(kind, pos)
        return d

    # -- filtering
    def _date_range(self, f: Filter) -> tuple[int, int]:
        n = len(self.ids)
        if not f.date_from and not f.date_to:
            return 0, n
        hi = int(np.searchsorted(self._dkey, 2**40, side="left"))  # undated rows excluded
        lo = 0
        if f.date_to:
            lo = int(np.searchsorted(self._dkey, -iso_to_day(f.date_to), side="left"))
        if f.date_from:
            hi = min(hi, int(np.searchsorted(self._dkey, -iso_to_day(f.date_from), side="right")))
        return lo, max(lo, hi)

    def _any_of(self, kind: str, codes: list[int], lo: int, hi: int) -> np.ndarray:
        bits = self._bits.get(kind)
        if bits is None:
            col = self.tags[kind]
            m = np.zeros(len(self.ids), dtype=bool)
            m[self._pair_rows[kind][np.isin(col.codes, codes)]] = True
            return m[lo:hi]
        by_word: dict[int, int] = {}
        for c in codes:
            by_word[c >> 6] = by_word.get(c >> 6, 0) | (1 << (c & 63))
        cond = None
        for w, mask in by_word.items():
            part = (bits[w, lo:hi] & np.uint64(mask)) != 0
            cond = part if cond is None else (cond | part)
        return cond

    def _mask(self, f: Filter, text_ids, skip: str | None = None):
        """(lo, hi, mask over lo:hi or None for all, empty) for filter f, ignoring facet `skip`."""
        lo, hi = self._date_range(f)
        if lo >= hi:
            return lo, hi, None, True
        m = None
        for kind in FACETS:
            if kind == skip:
                continue
            sel = f.selected(kind)
            if not sel:
                continue
            codes = self._codes(kind, sel)
            if not codes:
                return lo, hi, None, True
            if kind in SINGLE_FACETS:
                col = self.lang_codes if kind == "lang" else self.source_codes
                lut = np.zeros(len(self.values(kind)) + 1, dtype=bool)  # code -1 → last: False
                lut[codes] = True
                cond = lut[col[lo:hi]]
            else:
                cond = self._any_of(kind, codes, lo, hi)
            m = cond if m is None else (m & cond)
        if text_ids is not None:
            pos = self.positions_of(text_ids)
            pos = pos[(pos >= lo) & (pos < hi)]
            tm = np.zeros(hi - lo, dtype=bool)
            tm[pos - lo] = True
            m = tm if m is None else (m & tm)
        return lo, hi, m, False

    def filter(self, f: Filter, text_ids: Iterable[int] | np.ndarray | None = None) -> np.ndarray:
        """Row positions (newest first) matching f; `text_ids` = ids found by full-text search."""
        lo, hi, m, empty = self._mask(f, text_ids)
        if empty:
            return np.zeros(0, dtype=np.int64)
        if m is None:
            return np.arange(lo, hi, dtype=np.int64)
        return np.flatnonzero(m).astype(np.int64) + lo

    def facet_counts(self, f: Filter, kind: str, text_ids=None) -> list[tuple[str, int]]:
        """(value, count) for facet `kind` under f with kind's own selection ignored (OR within).

        Sorted by count, then value; selected values are always listed, even at zero.
        """
        counts = self.facet_count_array(f, kind, text_ids)
        values = self.values(kind)
        keep = counts > 0
        selected = self._codes(kind, f.selected(kind))
        if selected:
            keep[selected] = True
        idx = np.flatnonzero(keep)
        idx = idx[np.lexsort((self._rank_of_values(kind)[idx], -counts[idx]))]
        return [(values[i], int(counts[i])) for i in idx.tolist()]

    def facet_count_array(self, f: Filter, kind: str, text_ids=None) -> np.ndarray:
        """Counts per value code of facet `kind` (aligned with `values(kind)`) under f, with
        kind's own selection ignored; the vectorised core of `facet_counts`."""
        return self.facet_count_arrays(f, (kind,), text_ids)[kind]

    def facet_count_arrays(self, f: Filter, kinds: Iterable[str] = FACETS,
                           text_ids=None) -> dict[str, np.ndarray]:
        """`facet_count_array` for several kinds at once: facets without a selection of their
        own share one mask, so a click costs one mask plus one per selected facet."""
        rows: dict[str | None, _Rows | None] = {}
        out: dict[str, np.ndarray] = {}
        for kind in kinds:
            skip = kind if f.selected(kind) else None
            if skip not in rows:
                rows[skip] = self._rows(f, text_ids, skip)
            r = rows[skip]
            if r is None:
                out[kind] = np.zeros(len(self.values(kind)), dtype=np.int64)
            elif r.idx is None and r.lo == 0 and r.hi == len(self.ids):
                out[kind] = self._library_counts(kind).copy()
            else:
                counts = self._count_rows(kind, r)
                out[kind] = self._library_counts(kind) - counts if r.complement else counts
        return out

    def _rows(self, f: Filter, text_ids, skip: str | None) -> _Rows | None:
        """The rows to count for filter f ignoring facet `skip` (None when there are none).

        When most of the library matches, the rows that do not are counted instead and
        subtracted from the whole-library counts."""
        lo, hi, m, empty = self._mask(f, text_ids, skip=skip)
        if empty:
            return None
        if m is None:
            return _Rows(lo, hi, None, None, False)
        complement = lo == 0 and hi == len(self.ids) and np.count_nonzero(m) * 2 > len(m)
        if complement:
            m = ~m
        return _Rows(lo, hi, m, np.flatnonzero(m), complement)

    def _library_counts(self, kind: str) -> np.ndarray:
        """Whole-library counts (kept: most facets show them until something is ticked)."""
        cached = self._all_counts.get(kind)
        if cached is None:
            cached = self._all_counts[kind] = self._count_rows(
                kind, _Rows(0, len(self.ids), None, None, False))
        return cached

    def _count_rows(self, kind: str, r: _Rows) -> np.ndarray:
        """Counts per value code over rows r.lo:r.hi (only r.idx, relative to lo, if given)."""
        nvals = len(self.values(kind))
        lo, hi = r.lo, r.hi
        if kind in SINGLE_FACETS:
            codes = self._single_codes.get(kind)
            if codes is None:  # code + 1 as intp, what bincount wants: no cast per count
                raw = self.lang_codes if kind == "lang" else self.source_codes
                codes = self._single_codes[kind] = raw.astype(np.intp) + 1
            codes = codes[lo:hi] if r.idx is None else codes[lo:hi].take(r.idx)
            # code -1 (no source) lands in bin 0 and is dropped
            return np.bincount(codes, minlength=nvals + 1)[1:nvals + 1]
        bits = self._bits.get(kind)
        if bits is None:  # too many values for bitmasks: count the (row, value) pairs
            col = self.tags[kind]
            a, b = int(col.offsets[lo]), int(col.offsets[hi])
            codes = col.codes[a:b]
            if r.mask is not None:
                codes = codes[r.mask[self._pair_rows[kind][a:b] - lo]]
            return np.bincount(codes, minlength=nvals)[:nvals]
        # bitmasks: a histogram of each byte of the selected rows' words gives every bit's count
        sel = bits[:, lo:hi]
        if r.idx is not None:
            sel = sel.take(r.idx, axis=1)  # far faster than a boolean index here
        out = np.zeros(bits.shape[0] * 64, dtype=np.int64)
        for w in range(bits.shape[0]):
            by = np.ascontiguousarray(sel[w], dtype="<u8").view(np.uint8).reshape(-1, 8)
            for j in range(min(8, (nvals - 64 * w + 7) // 8)):
                base = 64 * w + 8 * j
                out[base:base + 8] = np.bincount(by[:, j], minlength=256) @ _BYTE_BITS
        return out[:nvals]

    def _rank_of_values(self, kind: str) -> np.ndarray:
        """Rank of each value code in string order (ties in counts list by value)."""
        rank = self._value_rank.get(kind)
        if rank is None:
            values = self.values(kind)
            rank = np.empty(len(values), dtype=np.int64)
            rank[sorted(range(len(values)), key=values.__getitem__)] = np.arange(len(values))
            self._value_rank[kind] = rank
        return rank

    def all_facet_counts(self, f: Filter, text_ids=None) -> dict[str, list[tuple[str, int]]]:
        """facet_counts for every facet kind."""
        return {kind: self.facet_counts(f, kind, text_ids) for kind in FACETS}

    # -- sorting
    def _sort_key(self, column: str) -> np.ndarray:
        key = self._sort_keys.get(column)
        if key is not None:
            return key
        n = len(self.ids)
        if column == "id":
            key = self.ids
        elif column in ("title", "origin"):
            arr = self.titles if column == "title" else self.origins
            folded = np.array([fold(t or "") for t in arr] + [None], dtype=object)[:-1]
            key = np.empty(n, dtype=np.int64)
            key[np.argsort(folded, kind="stable")] = np.arange(n)
        elif column in ("lang", "source"):
            codes = self.lang_codes if column == "lang" else self.source_codes
            vals = self.values(column)
            rank = np.empty(len(vals) + 1, dtype=np.int64)
            order = sorted(range(len(vals)), key=lambda i: fold(vals[i]))
            rank[np.array(order, dtype=np.int64)] = np.arange(len(vals))
            rank[-1] = len(vals)  # missing (code -1) sorts last
            key = rank[codes.astype(np.int64)]
        else:
            kind = {v: k for k, v in FACET_FIELD.items()}.get(column, column)
            if kind not in self.tags:
                raise KeyError(column)
            joined = np.array([", ".join(sorted(self.tags_of(kind, i))) or "\uffff"
                               for i in range(n)] + [None], dtype=object)[:-1]
            key = np.empty(n, dtype=np.int64)
            key[np.argsort(joined, kind="stable")] = np.arange(n)
        self._sort_keys[column] = key
        return key

    def sort(self, positions: np.ndarray, column: str = "date",
             descending: bool = True) -> np.ndarray:
        """Positions reordered by `column` (date, id, title, origin, lang, source or a facet)."""
        positions = np.asarray(positions, dtype=np.int64)
        if column == "date":  # rows are stored newest first; filter() gives them in order
            ordered = len(positions) < 2 or bool((positions[1:] >= positions[:-1]).all())
            s = positions.copy() if ordered else np.sort(positions)
            return s if descending else s[::-1].copy()
        key = self._sort_key(column)[positions]
        order = np.argsort(-key if descending else key, kind="stable")
        return positions[order]

    def histogram(self, positions: np.ndarray, unit: str = "month") -> list[tuple[str, int]]:
        """Article counts per month (`YYYY-MM`) or ISO week (`YYYY-Www`) over dated positions."""
        days = self.days[np.asarray(positions, dtype=np.int64)]
        days = days[days != NODATE].astype("datetime64[D]")
        if not len(days):
            return []
        if unit == "week":
            # Monday of each week
            d = days.astype(np.int64)
            monday = (d - ((d + 3) % 7)).astype("datetime64[D]")
            keys, counts = np.unique(monday, return_counts=True)
            out = []
            for k, c in zip(keys, counts, strict=True):
                iso = _dt.date.fromisoformat(str(k)).isocalendar()
                out.append((f"{iso[0]}-W{iso[1]:02d}", int(c)))
            return out
        keys, counts = np.unique(days.astype("datetime64[M]"), return_counts=True)
        return [(str(k), int(c)) for k, c in zip(keys, counts, strict=True)]


def filter_fields() -> list[str]:
    """Names of Filter's fields (for settings round-trips)."""
    return [f.name for f in fields(Filter)]
