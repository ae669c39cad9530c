"""Free-text part of a search: words, `prefix*`, "exact phrases", OR — dialect-neutral terms.

The store turns these terms into its own full-text syntax (FTS5 MATCH today); folding
(NFC + casefold, which handles Kazakh and Russian letters) happens here so the stored
index and the query agree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Token characters as SQLite's unicode61 sees them: letters, digits (underscore separates).
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Case- and normalisation-fold text for indexing and searching (Ә = ә, Ё = ё)."""
    return unicodedata.normalize("NFC", text).casefold()


@dataclass(frozen=True)
class Term:
    """One search term: a run of words matched as a phrase; `prefix` = last word is a prefix."""

    words: tuple[str, ...]
    prefix: bool = False
    phrase: bool = False  # typed in quotes
    or_next: bool = False  # joined to the following term with OR instead of AND


OR_WORDS = frozenset({"OR", "НЕМЕСЕ", "ИЛИ"})


def split_free_text(text: str) -> list[tuple[str, bool, int]]:
    """Split free text into (token, quoted, position); raises ValueError(pos) on an open quote."""
    out: list[tuple[str, bool, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "\"«“":
            close = {"\"": "\"", "«": "»", "“": "”"}[ch]
            j = text.find(close, i + 1)
            if j < 0 and close != "\"":
                j = text.find("\"", i + 1)
            if j < 0:
                raise ValueError(i)
            end = j + 1
            if end < n and text[end] == "*":
                out.append((text[i + 1 : j] + "*", True, i))
                end += 1
            else:
                out.append((text[i + 1 : j], True, i))
            i = end
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in "\"«“":
            j += 1
        out.append((text[i:j], False, i))
        i = j
    return out


def terms(text: str) -> list[Term]:
    """Parse free text into terms (empty list when nothing searchable remains)."""
    result: list[Term] = []
    for tok, quoted, _pos in split_free_text(text):
        if not quoted and tok in OR_WORDS:
            if result:
                result[-1] = Term(result[-1].words, result[-1].prefix, result[-1].phrase, True)
            continue
        prefix = tok.endswith("*")
        words = tuple(_WORD.findall(fold(tok)))
        if not words:
            continue
        result.append(Term(words, prefix, quoted))
    if result and result[-1].or_next:
        last = result[-1]
        result[-1] = Term(last.words, last.prefix, last.phrase, False)
    return result
