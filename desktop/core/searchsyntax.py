"""Free-text part of a search: words, `prefix*`, "exact phrases", OR — dialect-neutral terms.

The store turns these terms into its own full-text syntax (FTS5 MATCH today); folding
(NFC + casefold, which handles Kazakh and Russian letters) happens here so the stored
index and the query agree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop.analysis.wordforms import (  # noqa: F401 - re-exported
    MIN_STEM,
    WORD,
    fold,
    is_form,
    search_base,
    word_stems,
)

_WORD = WORD  # token characters as SQLite's unicode61 sees them


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
    return [t for t, _pos, _typed in terms_at(text)]


def terms_at(text: str) -> list[tuple[Term, int, str]]:
    """`terms` with each term's position in `text` and the text typed for it."""
    result: list[tuple[Term, int, str]] = []
    for tok, quoted, pos in split_free_text(text):
        if not quoted and tok in OR_WORDS:
            if result:
                t, p, typed = result[-1]
                result[-1] = (Term(t.words, t.prefix, t.phrase, True), p, typed)
            continue
        prefix = tok.endswith("*")
        words = tuple(_WORD.findall(fold(tok)))
        if not words:
            continue
        result.append((Term(words, prefix, quoted), pos, tok))
    if result and result[-1][0].or_next:
        t, p, typed = result[-1]
        result[-1] = (Term(t.words, t.prefix, t.phrase, False), p, typed)
    return result


# Morphology lives with the other ending rules in analysis (wordforms); re-exported here
# because search code and its tests reach it through the search syntax.


def match_spans(text: str, query: str, extra_words: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Character spans of `text` that the free-text `query` matches (for highlighting).

    Words match their inflected forms, `prefix*` any continuation, "phrases" exactly;
    `extra_words` (folded, e.g. the spellings of a recognised name) match like words.
    Field syntax (`country:UZ`) is ignored. Sorted, non-overlapping.
    """
    try:
        parsed = terms(_free_part(query))
    except ValueError:
        return []
    if not parsed and not extra_words:
        return []
    folded = fold(text)
    if len(folded) != len(text):  # rare (ß, İ): fold word by word so offsets stay valid
        folded = _WORD.sub(lambda m: _same_length_fold(m.group(0)), text)
    spans: list[tuple[int, int]] = []
    singles = [w for w in extra_words if w]
    prefixes: list[str] = []
    for t in parsed:
        if len(t.words) == 1 and not t.phrase:
            (prefixes if t.prefix else singles).append(t.words[0])
            continue
        # a phrase: its words in order with only separators between them
        rx = re.compile(r"(?<![^\W_])" + r"[\W_]+".join(re.escape(w) for w in t.words)
                        + (r"[^\W_]*" if t.prefix else r"(?![^\W_])"))
        spans += [(m.start(), m.end()) for m in rx.finditer(folded)]
    starts = {search_base(q) or q for q in singles} | set(prefixes)
    if starts:
        # only the words starting like a searched word are looked at, found by one regex
        rx = _starts_regex(tuple(sorted(starts)))
        for m in rx.finditer(folded):
            w = m.group(0)
            if (any(w.startswith(p) for p in prefixes)
                    or any(is_form(w, q) for q in singles)):
                spans.append((m.start(), m.end()))
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


@lru_cache(maxsize=256)
def _starts_regex(starts: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(x) for x in sorted(starts, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alts})[^\W_]*")


def _same_length_fold(word: str) -> str:
    f = fold(word)
    return f if len(f) == len(word) else word.lower()


_FIELD = re.compile(r"(?:^|(?<=\s))[^\W\d_][\w-]*:(?:\"[^\"]*\"|«[^»]*»|“[^”]*”|\S*)")


def _free_part(query: str) -> str:
    """The query without its `key:value` fields."""
    return _FIELD.sub(" ", query)


def snippet(text: str, spans: Sequence[tuple[int, int]], width: int = 100) -> str:
    """About `width` characters of `text` around its first span, on one line, with “…”
    where it was cut; "" when there is no span."""
    if not spans:
        return ""
    s, e = spans[0]
    room = max(0, width - (e - s))
    a = max(0, s - room // 3)
    b = min(len(text), e + room - (s - a))
    if a > 0:  # start at a word boundary
        sp = text.find(" ", a, s)
        a = sp + 1 if sp >= 0 else a
    if b < len(text):
        sp = text.rfind(" ", e, b)
        b = sp if sp > e else b
    out = " ".join(text[a:b].split())
    return ("…" if a > 0 else "") + out + ("…" if b < len(text) else "")
