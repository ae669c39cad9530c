"""Names for search: known people, organisations, countries and sectors in any script.

`NameIndex` reads the gazetteer entries (bundled + user rules) once and answers three
questions for the search box:

- `resolve(kind, value)`: the id of a field value typed as an id or as a name in
  kk/ru/en/Latin Kazakh (`country:Өзбекстан` → UZ, `sector:сауда` → trade);
- `suggest(kind, value)`: the closest ids and names (difflib) for an unknown value;
- `find(words)`: which runs of typed words name a person, organisation or country
  (`Tokayev`, `Shanghai Cooperation Organisation`, `Qazaqstan`, `Тоқаевтың`).

A typed word matches a listed spelling or one of its inflected forms (wordforms.is_form);
a Latin word also matches through `namekey.name_key` (Tokaev = Tokayev = Тоқаев), which
bridges transliterations the gazetteer does not list.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.analysis.wordforms import WORD as _WORD
from desktop.analysis.wordforms import fold, is_form

ENTITY_KINDS = ("person", "org", "country")
VALUE_KINDS = ("country", "partner", "sector", "person", "org")
_NAME_LISTS = ("kk", "ru", "en", "kk_latn")
_MAX_WORDS = 5
# a lower-case typed word this short naming an entity is more likely a common word
# (Того, Чад, того); typed with a capital (or as an abbreviation) it still counts
_MIN_LOWER = 5


@dataclass(frozen=True)
class EntityHit:
    """Typed words [start, end) name entity (kind, id)."""

    start: int
    end: int
    kind: str
    id: str


@dataclass(frozen=True)
class _Spelling:
    words: tuple[str, ...]  # folded; a trailing "*" keeps the pattern's any-ending policy
    exact: bool  # pattern ended in "!" (abbreviations): no endings
    kind: str
    id: str


def _is_latin(word: str) -> bool:
    return all(ch.isascii() or not ch.isalpha() or "LATIN" in _uname(ch) for ch in word)


@lru_cache(maxsize=4096)
def _uname(ch: str) -> str:
    import unicodedata

    return unicodedata.name(ch, "")


def _key(word: str) -> str:
    from desktop.analysis.namekey import name_key

    return name_key(word)


class NameIndex:
    """Spellings and display names of the entries, indexed for typed-word lookups."""

    def __init__(self, entries: Iterable) -> None:
        self.names: dict[tuple[str, str], dict[str, str]] = {}
        self._values: dict[str, dict[str, str]] = {k: {} for k in VALUE_KINDS}  # folded → id
        self._by_first: dict[str, list[_Spelling]] = {}
        self._keyed: list[_Spelling] = []
        self._by_key_map: dict[str, list[_Spelling]] | None = None
        self._spellings: dict[tuple[str, str], list[_Spelling]] = {}
        for e in entries:
            if e.kind not in VALUE_KINDS:
                continue
            self.names[(e.kind, e.id)] = dict(e.names)
            kinds = ("country", "partner") if e.kind == "country" else (e.kind,)
            forms = [e.id, *e.names.values()]
            if e.kind != "sector":
                forms += [p for lst in _NAME_LISTS for p in e.patterns.get(lst, ())]
            for k in kinds:
                for f in forms:
                    text = fold(f.rstrip("*!").strip())
                    if text:
                        self._values[k].setdefault(text, e.id)
            if e.kind in ENTITY_KINDS:
                for p in [*e.names.values(), *(p for lst in _NAME_LISTS
                                               for p in e.patterns.get(lst, ()))]:
                    self._add_spelling(p, e.kind, e.id)

    def _add_spelling(self, pattern: str, kind: str, id_: str) -> None:
        exact = pattern.endswith("!")
        any_end = pattern.endswith("*")
        words = tuple(_WORD.findall(fold(pattern.rstrip("*!"))))
        if not words:
            return
        if any_end:
            words = (*words[:-1], words[-1] + "*")
        sp = _Spelling(words, exact, kind, id_)
        self._spellings.setdefault((kind, id_), []).append(sp)
        self._by_first.setdefault(words[0].rstrip("*")[:3], []).append(sp)
        if len(words) == 1 and not any_end and len(words[0]) >= 5:
            self._keyed.append(sp)  # keyed on the first Latin look-up (half the build time)

    @property
    def _by_key(self) -> dict[str, list[_Spelling]]:
        if self._by_key_map is None:
            m: dict[str, list[_Spelling]] = {}
            for sp in self._keyed:
                key = _key(sp.words[0])
                if len(key) >= 3:
                    m.setdefault(key, []).append(sp)
            self._by_key_map = m
        return self._by_key_map

    # ------------------------------------------------------------------ field values
    def resolve(self, kind: str, value: str) -> str | None:
        """Id for a typed field value (an id or a name, any case, kk/ru/en); None if unknown."""
        table = self._values.get(kind)
        if table is None:
            return None
        v = fold(value.strip())
        got = table.get(v)
        if got is not None:
            return got
        words = _WORD.findall(v)
        if len(words) == 1:  # an inflected or transliterated single name
            hits = {h.id for h in self.find([value]) if h.kind == ("country" if kind == "partner"
                                                                  else kind)}
            if len(hits) == 1:
                return hits.pop()
        return None

    def choices(self, kind: str) -> dict[str, str]:
        """Folded id/name → id, for suggestions."""
        return self._values.get(kind, {})

    def display(self, kind: str, id_: str, lang: str = "en") -> str:
        names = self.names.get(("country" if kind == "partner" else kind, id_), {})
        return names.get(lang) or names.get("en") or id_

    # ------------------------------------------------------------------ free text
    def find(self, words: Sequence[str]) -> list[EntityHit]:
        """Runs of typed words that name a person, organisation or country (longest first,
        left to right, non-overlapping); a run may name several entities."""
        folded = [fold(w) for w in words]
        out: list[EntityHit] = []
        i = 0
        while i < len(folded):
            best: list[EntityHit] = []
            for sp in self._by_first.get(folded[i][:3], ()):
                n = len(sp.words)
                if n > _MAX_WORDS or i + n > len(folded) or (best and n < best[0].end - i):
                    continue
                if all(self._word_ok(words[i + k], folded[i + k], w, sp.exact)
                       for k, w in enumerate(sp.words)):
                    hit = EntityHit(i, i + n, sp.kind, sp.id)
                    if best and n > best[0].end - i:
                        best = []
                    if hit not in best:
                        best.append(hit)
            if not best and _is_latin(folded[i]) and len(folded[i]) >= 5:
                for sp in self._by_key.get(_key(folded[i]), ()):
                    if _close(folded[i], sp.words[0]):
                        hit = EntityHit(i, i + 1, sp.kind, sp.id)
                        if hit not in best:
                            best.append(hit)
            if best:
                out += best
                i = best[0].end
            else:
                i += 1
        return out

    @staticmethod
    def _word_ok(typed: str, word: str, spelling: str, exact: bool) -> bool:
        if spelling.endswith("*"):
            ok = word.startswith(spelling[:-1])
        elif exact:
            ok = word == spelling
        else:
            ok = is_form(word, spelling)
        if ok and len(word) < _MIN_LOWER and typed == typed.lower() and not exact:
            return False
        return ok


def _close(typed: str, spelling: str) -> bool:
    """Same name key, and the spellings are not wildly different in length."""
    return abs(len(typed) - len(spelling)) <= max(2, len(spelling) // 3)


@lru_cache(maxsize=4)
def _index_for(fingerprint: str) -> NameIndex:
    from desktop.analysis import pipeline

    return NameIndex(pipeline._entries().entries.values())


def name_index() -> NameIndex:
    """The index for the rules now in force (rebuilt when the rule files change)."""
    from desktop.analysis import pipeline

    return _index_for(pipeline._entries().fingerprint)


class ValueResolver:
    """Field values → ids for `parse_query`: gazetteer names plus values the library holds
    (people found by their title, sources), supplied by `library_values(kind)`."""

    def __init__(self, library_values: Callable[[str], Iterable[str]] | None = None,
                 index: NameIndex | None = None) -> None:
        self._index = index
        self._library_values = library_values
        self._extra: dict[str, dict[str, str]] = {}

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = name_index()
        return self._index

    def _library(self, kind: str) -> dict[str, str]:
        got = self._extra.get(kind)
        if got is None:
            vals = self._library_values(kind) if self._library_values else ()
            got = self._extra[kind] = {fold(v): v for v in vals}
        return got

    def checks(self, kind: str) -> bool:
        """Whether unknown values of `kind` are errors (sources only with a library)."""
        return kind in VALUE_KINDS or (kind == "source" and self._library_values is not None)

    def resolve(self, kind: str, value: str) -> str | None:
        lib = self._library(kind)
        if kind == "source":
            return lib.get(fold(value.strip()))
        got = self.index.resolve(kind, value)
        if got is not None:
            return got
        return lib.get(fold(value.strip()))

    def suggest(self, kind: str, value: str, n: int = 3) -> list[str]:
        """Closest known values, as `id` or `name (id)`, best first."""
        pool: dict[str, str] = {}
        if kind != "source":
            pool.update(self.index.choices(kind))
        pool.update({k: v for k, v in self._library(kind).items()})
        near = difflib.get_close_matches(fold(value), list(pool), n=n * 3, cutoff=0.6)
        out: list[str] = []
        for m in near:
            label = self.label(kind, pool[m])
            if label not in out:
                out.append(label)
            if len(out) == n:
                break
        return out

    def label(self, kind: str, id_: str) -> str:
        """`id (name in the interface language)`, or the id when that is the name."""
        if kind == "source" or (kind, id_) not in self.index.names and (
                "country", id_) not in self.index.names:
            return id_
        from desktop.i18n import current_language

        name = self.index.display(kind, id_, current_language())
        return id_ if fold(name) == fold(id_) else f"{id_} ({name})"


def spellings(kind: str, id_: str) -> list[str]:
    """Folded one-word spellings of an entity (surnames, one-word names, abbreviations),
    to highlight where a search for it matched through its tag."""
    out: list[str] = []
    for sp in name_index()._spellings.get((kind, id_), ()):
        if len(sp.words) == 1 and not sp.words[0].endswith("*") and len(sp.words[0]) >= 3:
            out.append(sp.words[0])
    return list(dict.fromkeys(out))
