"""What the pair view needs from the library and the analysis, behind one small object.

The pairing, alignment, marks and glossary are pure functions of the core
(desktop.analysis.counterparts/alignment/marks/glossary, Library.counterparts & co.);
tests pass a fake with the same methods. When a piece is missing the view degrades
(no connectors, kind colours only) instead of failing.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

log = logging.getLogger(__name__)

MARK_KINDS = frozenset({"country", "sector", "person", "org", "figure", "quote"})

_glossary_lock = threading.Lock()
_glossaries: dict[str, object] = {}  # user data folder -> Glossary, loaded once each


def shared_glossary():
    """The glossary (bundled + the user's file), loaded once per user data folder and
    shared, so a user's addition shows everywhere; None when it cannot be loaded (reading
    goes on without)."""
    from desktop import paths

    key = str(paths.user_data_dir())
    with _glossary_lock:
        if key not in _glossaries:
            try:
                from desktop.analysis.glossary import load_glossary

                _glossaries[key] = load_glossary()
            except ImportError:
                return None
            except (OSError, ValueError) as exc:  # a broken user file must not stop reading
                log.warning("glossary not loaded: %s", exc)
                return None
        return _glossaries[key]


def warm_up() -> None:
    """Load what the first selection would otherwise wait for (run in a thread at start)."""
    try:
        import desktop.analysis.alignment  # noqa: F401
        import desktop.analysis.marks  # noqa: F401

        shared_glossary()
        from desktop.i18n import format_number

        format_number(1.5)  # number formats of the interface language
    except Exception:  # noqa: BLE001 - only a head start; the real use reports errors
        log.debug("warm-up failed", exc_info=True)


@dataclass
class Found:
    """One search hit for the counterpart picker."""

    id: int
    title: str
    lang: str
    date: str | None = None
    source: str | None = None


class PairBackend:
    """Library + core functions used by the pair view."""

    def __init__(self, library) -> None:
        self.library = library

    # -- articles and pairing ---------------------------------------------------------
    def get(self, article_id: int):
        return self.library.get(int(article_id))

    def candidates(self, article_id: int, top: int = 8) -> list:
        fn = getattr(self.library, "counterparts", None)
        if fn is None:
            return []
        try:
            return list(fn(int(article_id), top=top))
        except KeyError:
            return []
        except Exception:  # pairing is an aid: reading the article must still work
            log.exception("counterparts of %s failed", article_id)
            return []

    def pin_of(self, article_id: int):
        fn = getattr(self.library, "pin_of", None)
        if fn is None:
            return None
        try:
            return fn(int(article_id))
        except KeyError:
            return None
        except Exception:  # as above: show the article without its pin
            log.exception("pin of %s failed", article_id)
            return None

    def pin(self, a: int, b: int) -> None:
        self.library.pin_pair(int(a), int(b))

    def unpin(self, a: int) -> None:
        self.library.unpin(int(a))

    def set_no_counterpart(self, a: int) -> None:
        self.library.set_no_counterpart(int(a))

    def save_links(self, a: int, b: int, links: list) -> None:
        fn = getattr(self.library, "save_links", None)
        if fn is not None:
            fn(int(a), int(b), list(links))

    def can_pin(self) -> bool:
        return hasattr(self.library, "pin_pair")

    def search(self, article_id: int, text: str, lang: str | None,
               limit: int = 50) -> list[Found]:
        """Articles matching `text` (the search box syntax) offered as counterparts of
        `article_id`: in language `lang` when given."""
        fn = getattr(self.library, "counterpart_search", None)
        if fn is not None and lang is not None:
            return [Found(h.id, h.title, h.lang, h.date, h.source)
                    for h in fn(int(article_id), text, limit=limit)]
        cat = self.library.catalog()
        if text.strip():
            ids = self.library.search_ids(text)
            positions = cat.positions_of(ids) if ids is not None else range(len(cat))
        else:
            positions = range(len(cat))
        out: list[Found] = []
        for pos in positions:
            r = cat.row(int(pos))
            if lang and r["lang"] != lang:
                continue
            if r["id"] != article_id:
                out.append(Found(r["id"], r["title"] or "", r["lang"], r["date"], r["source"]))
            if len(out) >= limit:
                break
        return out

    # -- analysis ---------------------------------------------------------------------
    def align_texts(self, left_text: str, right_text: str, left_lang: str,
                    right_lang: str, links=None):
        """Segments of both texts linked (stored links when they fit, else aligned); None
        when the aligner is not available. Raises ValueError with a message for the user."""
        try:
            from desktop.ui.reading.align_child import compute
        except ImportError:
            return None
        return compute(left_text, right_text, left_lang, right_lang, self.glossary(), links)

    def edit(self, op: str, alignment, *args):
        """Apply a link edit (join/split/relink/unlink) and return the new alignment."""
        from desktop.analysis import alignment as mod

        return getattr(mod, op)(alignment, *args)

    def pair_marks(self, left_text: str, left_an, right_text: str, right_an,
                   kinds: set[str]) -> tuple[list, list]:
        try:
            from desktop.analysis.marks import pair_marks
        except ImportError:
            from desktop.ui.highlight import marks

            def own(an, n):
                return [m for m in marks(an, n) if m.kind in kinds] if an is not None else []

            return own(left_an, len(left_text)), own(right_an, len(right_text))
        return pair_marks(left_text, left_an, right_text, right_an, set(kinds))

    def marks(self, text: str, analysis, kinds: set[str]) -> list:
        try:
            from desktop.analysis.marks import marks
        except ImportError:
            from desktop.ui.highlight import marks as kind_marks

            return [m for m in kind_marks(analysis, len(text)) if m.kind in kinds]
        return marks(text, analysis, set(kinds))

    def mismatches(self, left_text: str, right_text: str, left_an, right_an, alignment) -> list:
        if alignment is None:
            return []
        try:
            from desktop.analysis.alignment import mismatches
        except ImportError:
            return []
        return list(mismatches(left_text, right_text, left_an, right_an, alignment))

    def glossary(self):
        """The glossary (bundled + the user's file), loaded once per process."""
        return shared_glossary()

    def glossary_matches(self, left_text: str, right_text: str,
                         left_lang: str = "kk") -> list[tuple[str, str]]:
        g = self.glossary()
        if g is None:
            return []
        try:
            return list(g.matches(left_text, right_text, left_lang=left_lang))
        except TypeError:  # a glossary without the language keyword
            return list(g.matches(left_text, right_text))

    def add_glossary_pair(self, kk: str, ru: str):
        """Add a user pair; returns what undoes it (raises ValueError with a message)."""
        return self.glossary().add_pair(kk, ru)

    def glossary_undo(self, inverse):
        """Undo with the inverse from add/undo; returns the inverse of that."""
        g = self.glossary()
        undo = getattr(g, "undo", None)
        if undo is not None:
            return undo(inverse)
        inverse.undo()
        return inverse
