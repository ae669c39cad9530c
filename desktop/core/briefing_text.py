"""Sentences and lead extracts for briefings, for Kazakh, Russian and English news text.

A sentence ends at . ! ? … (with closing quotes/brackets) when the next word starts with a
capital, a digit, a quote or a dash, or at a line break — so "15 тыс. рабочих мест" and
"т.е. так" stay whole.
"""

from __future__ import annotations

import re

LEAD_CHARS = 320  # a lead extract stops after the sentence that reaches this length
MAX_CHARS = 480  # and is cut at a word boundary beyond this

_END = re.compile(r"[.!?…]+[»\"”')\]]*(?=\s+[\"«“„(\-–—\d\w])")
_BREAK = re.compile(r"\n\s*")
_WORD_BEFORE = re.compile(r"(\w+)$")
# Abbreviations a capitalised word often follows ("2005–2025 жж. ТМҰ", "ул. Абая");
# single letters are initials ("Қ. Тоқаев") and never end a sentence either.
_ABBREV = frozenset("г гг ж жж тыс т е др пр им ул обл проф акад mr mrs ms dr st no vs".split())
# "АСТАНА. KAZINFORM — ", "ТАШКЕНТ, 14 ноября. КазТАГ – ": a capitalised dateline then a dash
_DATELINE = re.compile(r"^[^\W\d_a-zа-яёәғқңөұүһі][^\n.]{0,40}\.\s*[^\n]{0,40}?\s[—–-]\s+")
# "Автор: ...", "Фото: ...", "Photo: ..." — one- or two-word label, short, no final stop
_CREDIT = re.compile(r"^\w[\w.-]*(?: \w[\w.-]*)?:\s*\S.{0,80}(?<![.!?…»\"”])$")


def _boundaries(text: str) -> list[int]:
    """Offsets where sentences start (0 included), in order."""
    cuts = {0}
    for m in _END.finditer(text):
        w = _WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())
        if m.group()[0] == "." and w and (len(w.group(1)) == 1 or w.group(1).casefold() in _ABBREV):
            continue
        nxt = m.end()
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt < len(text) and (text[nxt].isupper() or not text[nxt].isalpha()):
            cuts.add(nxt)
    for m in _BREAK.finditer(text):
        cuts.add(m.end())
    return sorted(c for c in cuts if c < len(text))


def sentences(text: str) -> list[str]:
    """The sentences of `text`, stripped, empty ones dropped."""
    b = _boundaries(text) + [len(text)]
    out = [text[b[i]:b[i + 1]].strip() for i in range(len(b) - 1)]
    return [s for s in out if s]


def sentence_at(text: str, start: int, end: int) -> str:
    """The whole sentence of `text` containing text[start:end]."""
    if not (0 <= start <= end <= len(text)):
        return ""
    b = _boundaries(text)
    a = max((c for c in b if c <= start), default=0)
    z = min((c for c in b if c >= end and c > a), default=len(text))
    return text[a:z].strip()


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """`text` cut at a word boundary before `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:—–-") + "…"


def lead(body: str, *, source: str | None = None, limit: int = LEAD_CHARS) -> str:
    """The opening sentences of an article body, without dateline, outlet or credit lines."""
    lines = [ln.strip() for ln in body.splitlines()]
    kept = [ln for ln in lines if ln and not _CREDIT.match(ln)]
    text = "\n".join(kept)
    m = _DATELINE.match(text)
    if m:
        text = text[m.end():]
    if source and text.startswith(source):  # "CentralAsia (KZ) - В Ташкенте..."
        rest = text[len(source):].lstrip()
        if rest[:1] in "-–—:":
            text = rest[1:].lstrip()
    out: list[str] = []
    size = 0
    for s in sentences(text):
        if out and size + len(s) > MAX_CHARS:
            break
        if out and out[-1][-1] not in ".!?…»\"”)":
            out[-1] += "."  # a subtitle line: keep it a sentence of its own when joined
        out.append(s)
        size += len(s) + 1
        if size >= limit:
            break
    return shorten(" ".join(out))
