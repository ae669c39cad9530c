"""Free-text search over the library: inflected forms and known names, as a person types.

A typed word (no `*`, not in quotes) matches its Kazakh/Russian inflected forms. Its
shortest stem (searchsyntax.search_base) of six letters or more is searched as `stem*`
directly: its continuations are nearly always its forms, and the FTS5 prefix indexes make
that the cheapest query. For a shorter stem the FTS5 vocabulary is read for the words
starting with it and those that are forms (searchsyntax.is_form) are searched, ORed (a
range merge below the prefix indexes' lengths is slower). Words that name a known person, organisation or
country in any script (Tokayev, Тоқаев, Qazaqstan, Shanghai Cooperation Organisation) also match the
articles tagged with that entity. docs/search.md has the measurements behind this.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from desktop.core.article import Article
from desktop.core.query import Catalog, Filter, Understood
from desktop.core.searchsyntax import Term, is_form, match_spans, search_base, snippet, terms_at
from desktop.corpus.store import SQLiteStore

_FACET_FIELD = {"person": "people", "org": "orgs", "country": "countries"}
_MAX_OR_FORMS = 100  # beyond this many forms one prefix query is cheaper than an OR
# stems this long search as `stem*` without reading the vocabulary: measured on the 10k
# library's 953 most frequent words, 8 % of such stems (43 of 527) have an indexed
# continuation that is not a form by the rules — often a form the rules miss
# (сотрудничество for сотрудничества, президентов), else a derived word (мемлекетаралық);
# 16 % of shorter stems do, and those reach other words (орта → ортақ, түрк → түркия,
# стра → стратегического), so their forms are picked from the vocabulary (docs/search.md)
_PREFIX_ONLY = 6
_CACHE = 256


@dataclass
class SearchResult:
    """Ids matching the free text (None: no text), how names were read, highlight words."""

    ids: np.ndarray | None
    understood: list[Understood] = field(default_factory=list)
    highlight: tuple[str, ...] = ()  # folded spellings of recognised names


@dataclass
class _Unit:
    terms: list[Term]
    entities: list[tuple[str, str]]
    or_next: bool


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class Searcher:
    """Plans and runs free-text searches for one library (caches per library generation)."""

    def __init__(self, store: SQLiteStore, catalog: Callable[[], Catalog]) -> None:
        self.store = store
        self._catalog = catalog
        self._gen: int | None = None
        self._forms: OrderedDict[str, tuple[str, ...] | str] = OrderedDict()
        self._results: OrderedDict[str, SearchResult] = OrderedDict()

    def clear(self) -> None:
        self._forms.clear()
        self._results.clear()

    def _fresh(self) -> None:
        gen = self.store.generation()
        if gen != self._gen:
            self._gen = gen
            self._forms.clear()
            self._results.clear()

    # ------------------------------------------------------------------ expressions
    def word_expression(self, word: str) -> str:
        """FTS5 expression for one typed word and its inflected forms."""
        base = search_base(word)
        if base is None:
            return _quote(word)
        if len(base) >= _PREFIX_ONLY:
            # a long stem is followed by its own forms and, rarely, a derived word of the
            # same family (мемлекет → мемлекетаралық); one prefix query, no vocabulary
            return _quote(base) + "*"
        got = self._forms.get(word)
        if got is None:
            vocab = self.store.indexed_words(base)
            forms = tuple(w for w in vocab if is_form(w, word))
            # below the prefix indexes' lengths an OR of the few forms reads the same
            # doclists as `stem*` without its slower range merge (measured at 100k)
            if not forms:
                got = _quote(word)
            elif len(forms) == 1:
                got = _quote(forms[0])
            elif len(forms) <= _MAX_OR_FORMS:
                got = "(" + " OR ".join(_quote(f) for f in forms) + ")"
            else:
                got = _quote(word) + "*"
            self._forms[word] = got
            if len(self._forms) > 4 * _CACHE:
                self._forms.popitem(last=False)
        else:
            self._forms.move_to_end(word)
        return got

    def term_expression(self, t: Term) -> str:
        if len(t.words) == 1 and not t.prefix and not t.phrase:
            return self.word_expression(t.words[0])
        return _quote(" ".join(t.words)) + ("*" if t.prefix else "")

    def snippets(self, ids: Sequence[int], text: str, width: int = 100) -> dict[int, str]:
        """A line around the first match of `text` in each article (title + body)."""
        res = self.search(text)
        out: dict[int, str] = {}
        for aid, title, body, _lang, _an in self.store.texts_of([int(i) for i in ids]):
            full = Article(title=title or "", body=body or "").full_text()
            # the first match is usually near the top: look there before the whole text
            head = full[:full.find(" ", 1500) if len(full) > 2000 else len(full)]
            spans = match_spans(head, text, res.highlight) if len(head) < len(full) else []
            out[aid] = snippet(full, spans or match_spans(full, text, res.highlight), width)
        return out

    # ------------------------------------------------------------------ search
    def search(self, text: str) -> SearchResult:
        self._fresh()
        hit = self._results.get(text)
        if hit is not None:
            self._results.move_to_end(text)
            return hit
        res = self._search(text)
        self._results[text] = res
        if len(self._results) > _CACHE:
            self._results.popitem(last=False)
        return res

    def _search(self, text: str) -> SearchResult:
        parsed = terms_at(text or "")
        if not parsed:
            return SearchResult(None)
        units, understood, highlight = self._units(parsed)
        if not any(u.entities for u in units):  # one FTS query does it all
            return SearchResult(self.store.match_ids(self._expression(units)), understood,
                                highlight)
        # set algebra on one boolean per article id (ids are dense): O(library) numpy work,
        # several times cheaper than union1d/intersect1d on sorted id arrays at 100k
        size = self._max_id() + 1
        out = np.zeros(size, dtype=bool)
        current: np.ndarray | None = None
        for u in units:
            m = np.zeros(size, dtype=bool)
            ids = self.store.match_ids(" AND ".join(self.term_expression(t) for t in u.terms))
            m[ids[ids < size]] = True
            for kind, id_ in u.entities:
                m[self._tagged(kind, id_)] = True
            current = m if current is None else (current & m)
            if u.or_next:
                out |= current
                current = None
        if current is not None:
            out |= current
        return SearchResult(np.flatnonzero(out).astype(np.int64), understood, highlight)

    def _expression(self, units: Sequence[_Unit]) -> str:
        out: list[str] = []
        for i, u in enumerate(units):
            out.append(" AND ".join(self.term_expression(t) for t in u.terms))
            if i < len(units) - 1:
                out.append("OR" if u.or_next else "AND")
        return " ".join(out)

    def _units(self, parsed: list[tuple[Term, int, str]]
               ) -> tuple[list[_Unit], list[Understood], tuple[str, ...]]:
        """Group terms into units: a run of typed words naming an entity is one unit."""
        from desktop.analysis.search_names import name_index, spellings

        index = name_index()
        units: list[_Unit] = []
        understood: list[Understood] = []
        highlight: list[str] = []
        i = 0
        while i < len(parsed):
            # a run of plain words (no quotes, no *, no OR inside) can name an entity
            j = i
            while j < len(parsed) and self._plain(parsed[j][0]):
                j += 1
                if parsed[j - 1][0].or_next:
                    break
            run = parsed[i:j]
            hits = index.find([typed for _t, _p, typed in run]) if run else []
            k = i
            for h in sorted(hits, key=lambda h: h.start):
                a, b = i + h.start, i + h.end
                if a < k:  # a second entity for the same words
                    units[-1].entities.append((h.kind, h.id))
                else:
                    units += [_Unit([t], [], t.or_next) for t, _p, _ty in parsed[k:a]]
                    units.append(_Unit([t for t, _p, _ty in parsed[a:b]], [(h.kind, h.id)],
                                       parsed[b - 1][0].or_next))
                    k = b
                typed = " ".join(ty for _t, _p, ty in parsed[a:b])
                understood.append(Understood(typed, h.kind, h.id, parsed[a][1]))
                highlight += spellings(h.kind, h.id)
            end = max(j, i + 1)
            units += [_Unit([t], [], t.or_next) for t, _p, _ty in parsed[k:end]]
            i = end
        return units, understood, tuple(dict.fromkeys(highlight))

    @staticmethod
    def _plain(t: Term) -> bool:
        return len(t.words) == 1 and not t.prefix and not t.phrase

    def _tagged(self, kind: str, id_: str) -> np.ndarray:
        cat: Catalog = self._catalog()
        return cat.ids[cat.filter(Filter(**{_FACET_FIELD[kind]: [id_]}))]

    def _max_id(self) -> int:
        ids = self._catalog().ids
        return int(ids.max()) if len(ids) else 0
