"""Inflected forms of a typed word, for search: Тоқаев → Тоқаевтың, Токаев → Токаева.

A typed word is split into stem + ending in every way the project's ending rules
(`morph.tail_grammars`: Kazakh, Russian, Latin Kazakh, English) allow, keeping stems of
MIN_STEM letters or more; a text word is a form when it is one of those stems plus an
ending of the same system. docs/search.md has the measurements. Words are folded
(`fold`: NFC + casefold) as the full-text index folds them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from desktop.analysis.morph import tail_grammars

# Token characters as SQLite's unicode61 sees them: letters, digits (underscore separates).
WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Case- and normalisation-fold text for indexing and searching (Ә = ә, Ё = ё)."""
    return unicodedata.normalize("NFC", text).casefold()


# A typed word matches its inflected forms without `*`: Тоқаев → Тоқаевтың, Токаев →
# Токаева, Турция → Турцией. The query word is split into stem + ending in every way the
# project's ending rules (analysis.morph) allow, keeping stems of MIN_STEM letters or more;
# a text word is a form when it is one of those stems plus an ending of the same system
# (Kazakh, Russian, Latin Kazakh, English). docs/search.md has the measurements.
MIN_STEM = 4
# Russian -ов/-ев/-ёв end surnames (Токаев, Лавров) far more often than they are a genitive
# plural to strip; splitting them off would make Тоқа a stem of Тоқаев.
_KEEP_TAILS = frozenset(("ов", "ев", "ёв"))


@lru_cache(maxsize=8192)
def word_stems(word: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(stem, ending systems) splits of a folded word, the whole word first; () when the
    word is too short to inflect (it then matches exactly)."""
    if len(word) < MIN_STEM or not word.isalpha():
        return ()
    out = [(word, tail_grammars(""))]
    for k in range(1, len(word) - MIN_STEM + 1):
        g = tail_grammars(word[-k:]) if word[-k:] not in _KEEP_TAILS else None
        if g:
            out.append((word[:-k], g))
    return tuple(out)


def search_base(word: str) -> str | None:
    """Shortest stem of a folded word: every form of it starts with this (None: no forms)."""
    st = word_stems(word)
    return min((s for s, _g in st), key=len) if st else None


@lru_cache(maxsize=65536)
def is_form(token: str, word: str) -> bool:
    """True when folded `token` is `word` or one of its inflected forms (shared stem)."""
    if token == word:
        return True
    for stem, systems in word_stems(word):
        if not token.startswith(stem):
            continue
        tail = token[len(stem):]
        if tail in _KEEP_TAILS and len(stem) < 5:
            continue  # Тока → Токаев, Иван → Иванов: a surname, not a form
        if systems & tail_grammars(tail):
            return True
    return False
